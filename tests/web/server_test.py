#!/usr/bin/env python3
"""Attacks a real `opkomst serve` process with slow connections (issue 9,
finding 3) and checks the front end's other promises over the wire.

- 64 and then 200 slow connections (silent, trickling header bytes,
  trickling a POST body), from one address and from many loopback
  addresses: a normal GET /aanmelden must be answered within 2 s each time
  (the thread-per-connection server needed more than 30 s).
- A client over its connection cap loses its own oldest waiting connections;
  another address still works.
- A slow or silent client is closed after the head deadline.
- Idle keep-alive connections do not hold a worker (the server runs with 2).
- Pipelining, HEAD, bad requests (bare LF, Transfer-Encoding, no or foreign
  Host), HSTS only with --behind-tls, a second server on the same port
  fails, SIGTERM stops it.

Usage: server_test.py path/to/opkomst
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

OPKOMST = sys.argv[1]
HEAD_TIMEOUT = 3
PER_CLIENT = 32
BOUND = 2.0  # seconds for a normal request while under attack


def start_server(directory, name, *extra):
    process = subprocess.Popen(
        [OPKOMST, "serve", "--db", f"sqlite:{directory}/{name}.db", "--key-file", f"{directory}/{name}.key",
         "--port", "0", "--threads", "2", "--head-timeout", str(HEAD_TIMEOUT), "--request-timeout", "6",
         "--max-connections-per-client", str(PER_CLIENT), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return process, int(found.group(1))
    process.kill()
    raise SystemExit(f"server {name} did not start: {process.stderr.read()}")


def connect(port, source="127.0.0.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((source, 0))
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    return s


def read_response(s):
    """One response from the socket: (status, headers dict, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a response: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length], rest[length:]


def request(port, raw, source="127.0.0.1"):
    with connect(port, source) as s:
        s.sendall(raw)
        status, headers, body, _ = read_response(s)
        return status, headers, body


def get(port, path="/aanmelden", source="127.0.0.1", host=None):
    host = host if host is not None else f"127.0.0.1:{port}"
    return request(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode(), source)


def timed_get(port, source="127.0.0.1"):
    """(status, seconds); status 0 if no answer came within 5 s."""
    started = time.monotonic()
    try:
        with connect(port, source) as s:
            s.settimeout(5)
            s.sendall(f"GET /aanmelden HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            status = read_response(s)[0]
    except OSError:
        status = 0
    return status, time.monotonic() - started


failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


received = {}


def is_closed(s):
    """True if the server closed the connection (EOF or reset); what it sent
    before is kept in received[s]."""
    s.setblocking(False)
    try:
        while True:
            data = s.recv(65536)
            if not data:
                return True
            received[s] = received.get(s, b"") + data
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        s.setblocking(True)


class SlowClients:
    """`count` slow connections of three kinds, from the given addresses."""

    def __init__(self, port, count, sources):
        self.sockets = []
        for i in range(count):
            try:
                s = connect(port, sources[i % len(sources)])
            except OSError:
                continue
            kind = i % 3
            if kind == 1:
                s.send(b"G")  # then one more header byte at a time
            elif kind == 2:
                s.send(f"POST /aanmelden HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                       "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\na".encode())
            self.sockets.append((s, kind))

    def trickle(self):
        for s, kind in self.sockets:
            if kind:
                try:
                    s.send(b"E" if kind == 1 else b"a")
                except OSError:
                    pass

    def close(self):
        for s, _ in self.sockets:
            s.close()


def under_attack(port, count, sources, label):
    slow = SlowClients(port, count, sources)
    try:
        times = []
        for _ in range(5):
            slow.trickle()
            status, elapsed = timed_get(port)
            check(status == 200, f"{label}: GET /aanmelden answered 200 (got {status})")
            times.append(elapsed)
            time.sleep(0.2)
        check(max(times) < BOUND, f"{label}: every GET within {BOUND} s (slowest {max(times):.3f} s)")
        return times
    finally:
        slow.close()


def main():
    directory = tempfile.mkdtemp(prefix="opkomst-server-test-")
    process, port = start_server(directory, "a")
    try:
        status, headers, body = get(port)
        check(status == 200 and b"<form" in body, "a normal GET works")
        check("strict-transport-security" not in headers, "no HSTS on plain loopback HTTP")

        # Slow connections from the attacker's one address (over the cap: its
        # oldest are closed) and spread over many loopback addresses (all open).
        many = [f"127.0.0.{i}" for i in range(10, 18)]  # 8 addresses x 25 < cap
        for count in (64, 200):
            times = under_attack(port, count, ["127.0.0.1"], f"{count} slow connections from 127.0.0.1")
            print(f"     times: {' '.join(f'{t:.3f}' for t in times)}")
            times = under_attack(port, count, many, f"{count} slow connections from 8 addresses")
            print(f"     times: {' '.join(f'{t:.3f}' for t in times)}")

        # The per-client cap: 40 silent connections from one address.
        crowd = [connect(port, "127.0.0.3") for _ in range(PER_CLIENT + 8)]
        time.sleep(0.5)
        closed = sum(is_closed(s) for s in crowd)
        check(closed >= 8 and len(crowd) - closed <= PER_CLIENT,
              f"a client over its cap of {PER_CLIENT} keeps at most {PER_CLIENT} (closed {closed} of {len(crowd)})")
        check(is_closed(crowd[0]) and not is_closed(crowd[-1]), "its oldest waiting connection went first")
        check(get(port, source="127.0.0.4")[0] == 200, "another client address still works")
        check(get(port, source="127.0.0.3")[0] == 200, "the capped address still gets a normal request answered")
        for s in crowd:
            s.close()

        # The head deadline: a trickling and a silent client are closed.
        trickler, silent = connect(port), connect(port)
        trickler.send(b"GET /aanmelden HTTP/1.1\r\nHo")
        started = time.monotonic()
        closed_at = None
        while time.monotonic() - started < HEAD_TIMEOUT + 5:
            try:
                trickler.send(b"s")
            except OSError:
                pass
            if is_closed(trickler) and is_closed(silent):
                closed_at = time.monotonic() - started
                break
            time.sleep(0.25)
        check(closed_at is not None and HEAD_TIMEOUT - 1 <= closed_at <= HEAD_TIMEOUT + 3,
              f"trickling and silent clients closed after the {HEAD_TIMEOUT} s head deadline (at {closed_at})")
        check(received.get(trickler, b"").startswith(b"HTTP/1.1 408 "), "the trickling client was told 408")
        trickler.close()
        silent.close()

        # Idle keep-alive connections do not hold one of the 2 workers.
        idle = []
        for i in range(20):
            s = connect(port, f"127.0.0.{20 + i}")
            s.sendall(f"GET /aanmelden HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            idle.append((s, read_response(s)[0]))
        check(all(status == 200 for _, status in idle), "20 keep-alive requests answered")
        status, elapsed = timed_get(port)
        check(status == 200 and elapsed < BOUND, f"20 idle keep-alive connections hold no worker ({elapsed:.3f} s)")
        s = idle[0][0]
        s.sendall(f"GET /static/app.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        check(read_response(s)[0] == 200, "a keep-alive connection serves a second request")
        for s, _ in idle:
            s.close()

        # Pipelining: two requests in one packet, two answers in order; HEAD.
        with connect(port) as s:
            s.sendall((f"GET /aanmelden HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
                       f"HEAD /static/app.css HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").encode())
            first = read_response(s)
            check(first[0] == 200 and b"<form" in first[2], "pipelined: first answer")
            rest = first[3]
            while b"\r\n\r\n" not in rest:
                rest += s.recv(65536)
            check(rest.startswith(b"HTTP/1.1 200") and rest.endswith(b"\r\n\r\n"), "pipelined HEAD: headers, no body")

        # Strict parsing and the Host check over the wire.
        host = f"Host: 127.0.0.1:{port}\r\n"
        cases = [
            ("bare LF", b"GET /aanmelden HTTP/1.1\n" + host.encode().replace(b"\r\n", b"\n") + b"\n", 400),
            ("Transfer-Encoding", f"POST /aanmelden HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
             .encode(), 501),
            ("two Content-Length", f"POST /aanmelden HTTP/1.1\r\n{host}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab"
             .encode(), 400),
            ("no Host", b"GET /aanmelden HTTP/1.1\r\n\r\n", 400),
            ("foreign Host", b"GET /aanmelden HTTP/1.1\r\nHost: evil.example\r\n\r\n", 400),
            ("Host with another port", f"GET /aanmelden HTTP/1.1\r\nHost: 127.0.0.1:{port + 1}\r\n\r\n".encode(), 400),
            ("URI too long", f"GET /{'a' * 5000} HTTP/1.1\r\n{host}\r\n".encode(), 414),
            ("body too large", f"POST /aanmelden HTTP/1.1\r\n{host}Content-Length: 2000000\r\n\r\n".encode(), 413),
        ]
        for name, raw, expected in cases:
            status, headers, body = request(port, raw)
            check(status == expected and b" / " in body, f"{name}: {expected} (got {status}, {body!r})")

        # HSTS behind TLS; the port cannot be shared.
        second = subprocess.run([OPKOMST, "serve", "--db", f"sqlite:{directory}/c.db", "--key-file",
                                 f"{directory}/c.key", "--port", str(port)], capture_output=True, text=True,
                                timeout=30)
        check(second.returncode != 0 and "cannot serve" in second.stderr,
              f"a second server on the same port fails ({second.returncode}: {second.stderr.strip()})")
        tls, tls_port = start_server(directory, "b", "--behind-tls", "--allowed-host", "opkomst.example.be")
        try:
            status, headers, _ = get(tls_port)
            check(headers.get("strict-transport-security") == "max-age=31536000; includeSubDomains",
                  f"HSTS behind TLS ({headers.get('strict-transport-security')})")
            status, headers, _ = request(tls_port, b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n")
            check(status == 400 and "strict-transport-security" in headers, "HSTS on the front end's own answers")
            check(get(tls_port, host="opkomst.example.be")[0] == 200, "--allowed-host admits the public name")
            check(get(tls_port, host="OPKOMST.example.be:443")[0] == 200, "... with a port, in any case")
        finally:
            tls.terminate()
            tls.wait(timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=30)
            check(code == 0, f"SIGTERM stops the server (exit {code})")
        except subprocess.TimeoutExpired:
            process.kill()
            check(False, "SIGTERM stops the server within 30 s")
        subprocess.run(["rm", "-rf", directory])
    if failures:
        print(f"{len(failures)} failures")
        sys.exit(1)


if __name__ == "__main__":
    main()
