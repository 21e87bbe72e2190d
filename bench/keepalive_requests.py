#!/usr/bin/env python3
"""Sends exactly N keep-alive GET requests over C connections (one request in
flight per connection) to a loopback server, plain or TLS. Used to profile the
server with a fixed amount of work (callgrind, strace -c), where wrk's
time-bounded runs would give a different count each time."""
import argparse, selectors, socket, ssl, sys, time

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--requests", type=int, default=1000)
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--path", default="/health")
    p.add_argument("--tls", action="store_true")
    p.add_argument("--timeout", type=float, default=300)
    a = p.parse_args()
    req = f"GET {a.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    ctx = None
    if a.tls:
        ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
    sel = selectors.DefaultSelector()
    remaining = a.requests
    done = 0
    conns = []
    for _ in range(min(a.connections, a.requests)):
        s = socket.create_connection(("127.0.0.1", a.port))
        if ctx: s = ctx.wrap_socket(s)
        s.setblocking(False)
        conns.append(s)
    state = {}
    for s in conns:
        if remaining == 0: break
        remaining -= 1
        s.sendall(req) if not ctx else s.send(req)
        state[s] = b""
        sel.register(s, selectors.EVENT_READ)
    deadline = time.monotonic() + a.timeout
    while done < a.requests:
        if time.monotonic() > deadline:
            sys.exit(f"timed out after {done} responses")
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except (ssl.SSLWantReadError, BlockingIOError):
                continue
            if not data: sys.exit("server closed a connection")
            buf = state[s] + data
            while True:
                end = buf.find(b"\r\n\r\n")
                if end < 0: break
                head = buf[:end].decode("latin-1").lower()
                length = 0
                for line in head.split("\r\n"):
                    if line.startswith("content-length:"): length = int(line.split(":")[1])
                if len(buf) < end + 4 + length: break
                buf = buf[end + 4 + length:]
                done += 1
                if remaining > 0:
                    remaining -= 1
                    s.send(req)
            state[s] = buf
    for s in conns: s.close()
    print(done)

main()
