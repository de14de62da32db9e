#!/usr/bin/env python3
"""More connections than the server has file descriptors (issue #12, item 2).

Opens N connections from several loopback addresses, either idle (nothing sent) or busy (half a request
sent, so a server cannot treat them as idle), holds them for --hold seconds
while measuring the CPU time the server burns, then times a few new clients,
first while the connections are still open and then after closing them.
Prints one JSON object.

  fd_limit.py --port P --pid PID [--pid PID2 ...] [--connections 700]
              [--mode idle|busy] [--hold 5]
"""
import argparse
import json
import os
import resource
import socket
import time


def cpu_seconds(pids):
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / tick


def timed_get(port, target="/api/v1/health", timeout=30):
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                b = s.recv(65536)
                if not b:
                    break
                data += b
        status = int(data[9:12]) if data.startswith(b"HTTP/1.") else 0
    except OSError as e:
        status = f"error: {e.__class__.__name__}"
    return round((time.monotonic() - start) * 1000, 1), status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, action="append", required=True)
    ap.add_argument("--connections", type=int, default=700)
    ap.add_argument("--mode", choices=["idle", "busy"], default="idle")
    ap.add_argument("--hold", type=float, default=5)
    ap.add_argument("--target", default="/api/v1/health")
    ap.add_argument("--addresses", type=int, default=10,
                    help="source addresses 127.0.0.2, .3, ... (so per-client caps do not decide)")
    a = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < min(hard, a.connections + 256):
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, a.connections + 256), hard))

    conns, failed = [], 0
    for i in range(a.connections):
        try:
            s = socket.create_connection(("127.0.0.1", a.port), timeout=5,
                                         source_address=(f"127.0.0.{2 + i % a.addresses}", 0))
            if a.mode == "busy":
                s.sendall(f"GET {a.target} HTTP/1.1\r\n".encode())
            conns.append(s)
        except OSError:
            failed += 1
    cpu0, t0 = cpu_seconds(a.pid), time.monotonic()
    time.sleep(a.hold)
    cpu = cpu_seconds(a.pid) - cpu0
    held_s = time.monotonic() - t0
    during = [timed_get(a.port, a.target) for _ in range(3)]

    told_503, closed = 0, 0
    for s in conns:
        s.setblocking(False)
        try:
            b = s.recv(65536)
            if b.startswith(b"HTTP/1.1 503"):
                told_503 += 1
            elif not b:
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    for s in conns:
        s.close()
    time.sleep(1.5)
    after = [timed_get(a.port, a.target) for _ in range(3)]
    print(json.dumps({
        "mode": a.mode,
        "connections": a.connections,
        "connect_failed": failed,
        "told_503": told_503,
        "closed_by_server": closed,
        "server_cpu_s": round(cpu, 2),
        "over_s": round(held_s, 2),
        "new_client_during_ms_status": during,
        "new_client_after_ms_status": after,
    }))


if __name__ == "__main__":
    main()
