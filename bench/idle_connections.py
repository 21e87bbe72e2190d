#!/usr/bin/env python3
"""Opens N keep-alive connections to a loopback server, sends one request on
each so the server holds real per-connection state, then reports the server's
RSS. Bounded: gives up after --seconds."""
import argparse, resource, socket, ssl, sys, time

def rss_kib(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=10000)
    p.add_argument("--tls", action="store_true")
    p.add_argument("--pid", type=int, action="append", required=True)
    p.add_argument("--seconds", type=float, default=120)
    a = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, a.count + 1024), hard))
    ctx = None
    if a.tls:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    deadline = time.time() + a.seconds
    before = rss_kib(a.pid)
    conns = []
    request = b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
    for i in range(a.count):
        if time.time() > deadline:
            print(f"timeout after {i} connections", file=sys.stderr)
            return 1
        s = socket.create_connection(("127.0.0.1", a.port), timeout=10)
        if ctx:
            s = ctx.wrap_socket(s, server_hostname="localhost")
        s.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
            chunk = s.recv(4096)
            if not chunk:
                print(f"connection {i} closed early", file=sys.stderr)
                return 1
            data += chunk
        conns.append(s)
    time.sleep(1)
    after = rss_kib(a.pid)
    print(f"connections={len(conns)} rss_before_kib={before} rss_after_kib={after} rss_after_mib={after/1024:.1f}")
    for s in conns:
        s.close()
    return 0

if __name__ == "__main__":
    sys.exit(main())
