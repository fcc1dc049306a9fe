#!/usr/bin/env python3
"""A one-page change published to an ssh target on loopback: `loa deploy` against a
plain `rsync -a --delete` of the same change to the same server.

Usage: bench/deploy_ssh.py LOA_BINARY SITE_DIR WORK_DIR [ROUNDS]

SITE_DIR is a corpus from ../shared/bench/gen_corpus.py --flavor loa. The script starts
Debian's sshd on a free loopback port with a host key and a user key made for the run
(as tests/deploy.rs does), deploys the site once with `loa deploy` to WORK_DIR/loa and
copies it once with rsync to WORK_DIR/plain (the first deploy's figures), then ROUNDS
times appends a sentence to one explainer, builds, and publishes the change both ways,
in alternating order. Bytes are what crossed the loopback interface (both directions,
from /proc/net/dev) while each command ran; times are wall-clock. Prints each round and
the medians. Standard library only; stops sshd by its process id at the end.
"""

import getpass
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time


def lo_bytes() -> int:
    with open("/proc/net/dev") as f:
        for line in f:
            name, _, rest = line.partition(":")
            if name.strip() == "lo":
                fields = rest.split()
                return int(fields[0]) + int(fields[8])
    raise SystemExit("no loopback interface in /proc/net/dev")


def timed(command, env=None):
    before, start = lo_bytes(), time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds, sent = time.perf_counter() - start, lo_bytes() - before
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, sent


def start_sshd(work):
    keys = os.path.join(work, "ssh")
    os.makedirs(keys, exist_ok=True)
    for key in ("host_key", "user_key"):
        path = os.path.join(keys, key)
        if not os.path.exists(path):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path], check=True)
    shutil.copy(os.path.join(keys, "user_key.pub"), os.path.join(keys, "authorized_keys"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kind, key = open(os.path.join(keys, "host_key.pub")).read().split()[:2]
    with open(os.path.join(keys, "known_hosts"), "w") as f:
        f.write(f"[127.0.0.1]:{port} {kind} {key}\n")
    with open(os.path.join(keys, "sshd_config"), "w") as f:
        f.write(f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys}/host_key\nPidFile {keys}/sshd.pid\n"
                f"AuthorizedKeysFile {keys}/authorized_keys\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin prohibit-password\nStrictModes no\n")
    os.makedirs("/run/sshd", exist_ok=True)
    proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", os.path.join(keys, "sshd_config")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        if "Server listening on" in line:
            break
    ssh = (f"ssh -F /dev/null -p {port} -i {keys}/user_key -o IdentitiesOnly=yes "
           f"-o UserKnownHostsFile={keys}/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes")
    return proc, ssh


def main() -> int:
    loa, site, work = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    os.makedirs(work, exist_ok=True)
    for old in ("loa", "plain"):
        shutil.rmtree(os.path.join(work, old), ignore_errors=True)
    user = getpass.getuser()
    yaml_path = os.path.join(site, "site.yaml")
    yaml = open(yaml_path).read().split("\ndeploy:")[0].rstrip("\n")
    with open(yaml_path, "w") as f:
        f.write(f"{yaml}\ndeploy:\n  - name: bench\n    kind: ssh\n    host: {user}@127.0.0.1\n"
                f"    path: {work}/loa\n")
    sshd, ssh = start_sshd(work)
    env = dict(os.environ, LOA_SSH=ssh)
    public = os.path.join(site, "public") + "/"
    rsync = ["rsync", "-a", "--delete", "--exclude", ".loa-output", "-e", ssh, public,
             f"{user}@127.0.0.1:{work}/plain/"]
    deploy = [loa, "deploy", "--root", site, "--no-build", "--yes"]
    try:
        subprocess.run([loa, "build", "--root", site], check=True, stdout=subprocess.DEVNULL)
        files = sum(len(f) for _, _, f in os.walk(public)) - 1
        first_loa = timed(deploy, env)
        first_rsync = timed(rsync)
        print(f"{files} files; first deploy: loa {first_loa[0]:.2f} s, {first_loa[1]:,} B; "
              f"rsync {first_rsync[0]:.2f} s, {first_rsync[1]:,} B")
        pages = []
        for root, _, names in os.walk(os.path.join(site, "content")):
            pages += [os.path.join(root, n) for n in names if n.endswith(".md") and n != "_index.md"]
        pages.sort()
        loa_runs, rsync_runs = [], []
        for i in range(rounds):
            page = pages[(i + 1) * len(pages) // (rounds + 2)]
            with open(page, "a") as f:
                f.write(f"\nCâu thêm lần {i + 1} để đo việc đăng một thay đổi nhỏ.\n")
            subprocess.run([loa, "build", "--root", site], check=True, stdout=subprocess.DEVNULL)
            pair = [("loa", deploy, env, loa_runs), ("rsync", rsync, None, rsync_runs)]
            for name, command, e, into in (pair if i % 2 == 0 else pair[::-1]):
                into.append(timed(command, e))
            print(f"round {i + 1} ({os.path.relpath(page, site)}): "
                  f"loa {loa_runs[-1][0]:.3f} s, {loa_runs[-1][1]:,} B; "
                  f"rsync {rsync_runs[-1][0]:.3f} s, {rsync_runs[-1][1]:,} B")
        loa_s = statistics.median(r[0] for r in loa_runs)
        loa_b = statistics.median(r[1] for r in loa_runs)
        rsync_s = statistics.median(r[0] for r in rsync_runs)
        rsync_b = statistics.median(r[1] for r in rsync_runs)
        print(f"median: loa {loa_s:.3f} s, {loa_b:,.0f} B ({100 * loa_b / first_loa[1]:.2f} % of the first "
              f"deploy); rsync {rsync_s:.3f} s, {rsync_b:,.0f} B; time ratio loa/rsync {loa_s / rsync_s:.2f}")
    finally:
        sshd.kill()
        sshd.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
