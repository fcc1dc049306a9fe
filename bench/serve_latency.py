#!/usr/bin/env python3
"""Time from saving one explainer to the reload event in `loa serve`.

Usage: bench/serve_latency.py LOA_BINARY SITE_DIR [ROUNDS] [KIND]

Starts `loa serve --port 0` on SITE_DIR (a corpus from ../shared/bench/gen_corpus.py),
opens the live-reload stream, then ROUNDS times makes one edit of KIND and measures
until the reload event arrives. Files are saved atomically (a temporary file renamed
over them), as editors do. KIND is one of:
  text      a sentence added to one explainer's body (the default)
  title     its title changed (lists, terms and related blocks show it)
  date      its date moved back and forth (its place in its section's list)
  topics    a topic added and taken away (terms and related blocks)
  summary   its summary changed
  channels  its channels set to the portal only, then back
  new       a new explainer added
  delete    an explainer deleted (one added for it first, untimed)
  rename    its file renamed, then back
  section   the title of its section's _index.md changed
  config    site.yaml's description changed
Prints each time and the median. The site is left edited. Standard library only.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import time


def main() -> int:
    loa, site = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    mode = sys.argv[4] if len(sys.argv) > 4 else "text"
    proc = subprocess.Popen([loa, "serve", "--port", "0", "--root", site],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = next(w for w in proc.stdout.readline().split() if w.startswith("http://"))
        host_port, _, path = url[len("http://"):].partition("/")
        host, port = host_port.split(":")
        sock = socket.create_connection((host, int(port)))
        sock.sendall(f"GET /{path}__loa/events HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        stream = sock.makefile("rb")
        while not stream.readline().startswith(b": connected"):
            pass
        pages = []
        for root, _, files in os.walk(os.path.join(site, "content")):
            pages += [os.path.join(root, f) for f in files if f.endswith(".md") and f != "_index.md"]
        target = sorted(pages)[len(pages) // 2]
        times = []
        folder = os.path.dirname(target)

        def wait():
            while not stream.readline().startswith(b"data:"):
                pass

        def save(path, text):
            temp = path + ".tmp"
            with open(temp, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(temp, path)

        def read(path):
            with open(path, encoding="utf-8") as f:
                return f.read()

        def toggle(text, present, absent):
            """`present` taken out of `text` if it is there, else put in for `absent`."""
            if present in text:
                return text.replace(present, absent, 1)
            return text.replace(absent, present, 1)

        def timed(action):
            start = time.perf_counter()
            action()
            wait()
            times.append((time.perf_counter() - start) * 1000)
            print(f"save → reload event: {times[-1]:.0f} ms")

        for n in range(rounds):
            text = read(target)
            if mode == "title":
                timed(lambda: save(target, text.replace("\ntitle: \"", f"\ntitle: \"Lần {n}: ", 1)))
            elif mode == "date":
                date = "2020-01-0" + str(1 + n % 9)
                timed(lambda: save(target, re.sub(r"(?m)^date: .*$", f"date: {date}", text, count=1)))
            elif mode == "topics":
                timed(lambda: save(target, toggle(text, "\ntopics:\n  - \"Chủ đề thử\"", "\ntopics:")))
            elif mode == "summary":
                timed(lambda: save(target, text.replace("\nsummary: \"", f"\nsummary: \"Lần {n}: ", 1)))
            elif mode == "channels":
                timed(lambda: save(target, toggle(text, "\nchannels: [portal]\ntitle:", "\ntitle:")))
            elif mode == "new":
                new = os.path.join(folder, f"bai-moi-{n}.md")
                timed(lambda: save(new, text.replace("\ntitle: \"", f"\ntitle: \"Bài mới {n}: ", 1)))
            elif mode == "delete":
                gone = os.path.join(folder, f"bai-se-xoa-{n}.md")
                save(gone, text.replace("\ntitle: \"", f"\ntitle: \"Bài sẽ xoá {n}: ", 1))
                wait()
                timed(lambda: os.remove(gone))
            elif mode == "rename":
                renamed = target[:-3] + "-doi-ten.md"
                timed(lambda: os.rename(target, renamed))
                timed(lambda: os.rename(renamed, target))
            elif mode == "section":
                index = os.path.join(folder, "_index.md")
                section = read(index)
                timed(lambda: save(index, re.sub(r"(?m)^title: \"?", f"title: \"Lần {n} ", section, count=1)))
            elif mode == "config":
                config_file = os.path.join(site, "site.yaml")
                config = read(config_file)
                timed(lambda: save(config_file, re.sub(r"(?m)^description: \"?", f"description: \"Lần {n} ", config, count=1)))
            else:
                timed(lambda: save(target, text + f"\nCâu thêm lần {n}.\n"))
        print(f"median {statistics.median(times):.0f} ms over {rounds} saves ({len(pages)} pages)")
    finally:
        proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
