#!/usr/bin/env python3
"""Time from saving one explainer to the reload event in `loa serve`.

Usage: bench/serve_latency.py LOA_BINARY SITE_DIR [ROUNDS] [text|title]

Starts `loa serve --port 0` on SITE_DIR (a corpus from ../shared/bench/gen_corpus.py),
opens the live-reload stream, then ROUNDS times appends a sentence to one explainer
(an atomic save: temporary file renamed over it) and measures until the reload event
arrives. With `title`, each save changes the explainer's title instead, which lists,
terms and related blocks show: a whole (memoised) rebuild. Prints each time and the median. Standard library only.
"""

import os
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
        for n in range(rounds):
            with open(target, encoding="utf-8") as f:
                text = f.read()
            temp = target + ".tmp"
            if mode == "title":
                text = text.replace("\ntitle: \"", f"\ntitle: \"Lần {n}: ", 1)
            else:
                text += f"\nCâu thêm lần {n}.\n"
            with open(temp, "w", encoding="utf-8") as f:
                f.write(text)
            start = time.perf_counter()
            os.replace(temp, target)
            while not stream.readline().startswith(b"data:"):
                pass
            times.append((time.perf_counter() - start) * 1000)
            print(f"save → reload event: {times[-1]:.0f} ms")
        print(f"median {statistics.median(times):.0f} ms over {rounds} saves ({len(pages)} pages)")
    finally:
        proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
