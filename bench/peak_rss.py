#!/usr/bin/env python3
"""Runs a command and prints its wall time and the peak resident memory of the command and
every process it starts (a JVM under PySpark included), sampled every 50 ms.

    python3 bench/peak_rss.py OUT_FILE CMD [ARGS...]

Writes "SECONDS PEAK_MB" to OUT_FILE; the command's own output passes through. Exits with
the command's status.
"""
import os
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root):
    children = {}
    rss = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(pid))
            rss[int(pid)] = int(fields[21]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


out, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
proc = subprocess.Popen(cmd)
peak = 0
while proc.poll() is None:
    peak = max(peak, tree_rss(proc.pid))
    time.sleep(0.05)
with open(out, "w") as f:
    f.write(f"{time.monotonic() - start:.2f} {peak / 1e6:.0f}\n")
sys.exit(proc.returncode)
