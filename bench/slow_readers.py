#!/usr/bin/env python3
"""The slow-reader attack of issue #12, measured.

N clients, spread over several loopback source addresses (127.0.0.2, .3, ...),
each ask for a different large response and never read it (a 4 KiB receive
window, so the kernel cannot take the response in for them). Meanwhile one
normal client on 127.0.0.1 makes ordinary requests, each a cache miss, and
times them. The server's resident memory is sampled throughout.

Prints one JSON object: the server's RSS before, at peak and after, and the
normal client's latencies without and during the attack.

  slow_readers.py --port P --pid PID [--pid PID2 ...] --targets FILE --normal FILE
                  [--clients 2000] [--addresses 40] [--hold 20]

FILE: one request target per line (attackers take them in turn; the normal
client's list should hold other, cheaper targets, none of them cached yet).
"""
import argparse
import json
import resource
import socket
import statistics
import threading
import time


def rss_bytes(pids):
    """Resident memory of the server's processes (nginx: master and workers)."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


def timed_get(port, target, timeout=120):
    """One GET on a fresh connection; returns (seconds, status, body bytes).
    Status 0: no complete status line (refused, reset or timed out)."""
    start = time.monotonic()
    chunks = []
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            while True:
                b = s.recv(1 << 16)
                if not b:
                    break
                chunks.append(b)
    except OSError:
        chunks = []
    data = b"".join(chunks)
    status = int(data[9:12]) if data.startswith(b"HTTP/1.1 ") else 0
    return time.monotonic() - start, status, len(data)


def latencies(port, targets):
    out, statuses = [], {}
    for t in targets:
        secs, status, _ = timed_get(port, t)
        out.append(secs * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    return out, statuses


def summary(ms):
    if not ms:
        return {}
    ms = sorted(ms)
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 1),
        "max_ms": round(ms[-1], 1),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, action="append", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--normal", required=True)
    ap.add_argument("--clients", type=int, default=2000)
    ap.add_argument("--addresses", type=int, default=40)
    ap.add_argument("--hold", type=float, default=20, help="seconds the attack lasts")
    a = ap.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, a.clients + 256)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))

    targets = [l.strip() for l in open(a.targets) if l.strip()]
    normal = [l.strip() for l in open(a.normal) if l.strip()]
    half = len(normal) // 2
    before_targets, during_targets = normal[:half], normal[half:]

    rss = {"before": rss_bytes(a.pid)}
    before_ms, before_status = latencies(a.port, before_targets)

    peak = [rss["before"]]
    sampling = threading.Event()
    sampling.set()

    def sample():
        while sampling.is_set():
            peak[0] = max(peak[0], rss_bytes(a.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()

    attackers, refused_at_connect = [], 0
    start = time.monotonic()
    for i in range(a.clients):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        j = 2 + i % a.addresses  # 127.0.0.2, 127.0.0.3, ...: other client addresses
        s.bind((f"127.0.{j // 256}.{j % 256}", 0))
        try:
            s.connect(("127.0.0.1", a.port))
            s.sendall(f"GET {targets[i % len(targets)]} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            attackers.append(s)
        except OSError:
            refused_at_connect += 1
            s.close()
    opened_s = time.monotonic() - start

    # The normal client, spread over the attack.
    during_ms, during_status = [], {}
    deadline = time.monotonic() + a.hold
    for t in during_targets:
        secs, status, _ = timed_get(a.port, t)
        during_ms.append(secs * 1000)
        during_status[status] = during_status.get(status, 0) + 1
        pause = (deadline - time.monotonic()) / max(1, len(during_targets) - len(during_ms))
        if pause > 0:
            time.sleep(pause)
    while time.monotonic() < deadline:
        time.sleep(0.1)
    rss["peak_during"] = peak[0]

    # How many attackers did the server close (reset or end of stream)?
    closed = 0
    for s in attackers:
        s.setblocking(False)
        try:
            while True:
                b = s.recv(1 << 16)
                if not b:
                    closed += 1
                    break
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    for s in attackers:
        s.close()
    time.sleep(2)
    sampling.clear()
    sampler.join()
    rss["after_close"] = rss_bytes(a.pid)

    print(json.dumps({
        "clients": a.clients,
        "addresses": a.addresses,
        "connect_failed": refused_at_connect,
        "connections_opened_in_s": round(opened_s, 2),
        "attackers_closed_by_server": closed,
        "rss_mib": {k: round(v / (1 << 20), 1) for k, v in rss.items()},
        "normal_before": {**summary(before_ms), "status": before_status},
        "normal_during": {**summary(during_ms), "status": during_status},
    }))


if __name__ == "__main__":
    main()
