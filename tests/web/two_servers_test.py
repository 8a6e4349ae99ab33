#!/usr/bin/env python3
"""Two `opkomst serve` processes on one database (issue 15): sessions live in
the store, so any server serves any request and a restart signs no one out.
On SQLite (one file, two processes) and on PostgreSQL when
OPKOMST_TEST_PG_URL is set; loopback only.

- Sign in on server A, continue on server B: the same session (its CSRF
  token read on B), and a CSRF-protected POST on B (a password change)
  works; the new session then works on A and the old token on neither.
- Both servers stop with SIGTERM (exit 0) and start again: still signed in
  on both.
- Five failed sign-ins spread over both servers lock the account: the right
  password is then refused on both.
- Server B reads its settings from a configuration file (flags override
  it); a bad line stops serve with exit 2, naming file, line, key, value.
- SIGTERM while a request waits for the store (SQLite): new connections
  are refused, the request is answered, its audit row is written, exit 0.
- A form posted on one server after its session expired is given back
  by the other after the first stopped (kept sealed in the store), once.
- /gezondheid answers 200 "ok"; the request log (stderr) has one JSON line
  per request with the route pattern, never a user name, dossier id or
  query string; the audit chain verifies after the servers stop.

Usage: two_servers_test.py OPKOMST_BINARY
"""
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

import serve_process

OPKOMST = os.path.abspath(sys.argv[1])
PASSWORD = "fiets boom regenjas"
NEW_PASSWORD = "wolk lamp paraplu"
CSRF = serve_process.CSRF
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


class Server:
    """opkomst serve on a free loopback port; its stderr (the request log) in a file."""

    def __init__(self, db, key, workdir, name):
        self.log_path = os.path.join(workdir, name + ".log")
        self.log = open(self.log_path, "a")
        # Server "b" takes its settings from a configuration file, as the
        # packaged service does; the address and port on the command line
        # override the file's (else it would not be found on 127.0.0.1).
        if name == "b":
            config = os.path.join(workdir, "opkomst.conf")
            with open(config, "w") as out:
                out.write("# test\ndatabase = %s\nkey_file = %s\naddress = 127.0.0.9\nport = 8089\nsign_in_limit = 0\n"
                          "threads = 4\n" % (db, key))
            os.chmod(config, 0o600)
            command = [OPKOMST, "serve", "--config", config, "--host", "127.0.0.1", "--port", "0"]
        else:
            command = [OPKOMST, "serve", "--config", "none", "--db", db, "--key-file", key, "--port", "0",
                       "--sign-in-limit", "0", "--threads", "4"]
        try:
            self.process, self.port = serve_process.start(command, workdir, self.log)
        except RuntimeError:
            raise RuntimeError("opkomst serve did not start: " + open(self.log_path).read())

    def stop(self):
        """SIGTERM; the exit code."""
        code = serve_process.stop(self.process)
        self.log.close()
        return code


request, session_cookie, sign_in, csrf_of = (serve_process.request, serve_process.session_cookie,
                                             serve_process.sign_in, serve_process.csrf_of)


def run(label, db, workdir):
    key = os.path.join(workdir, "key")
    for name in ("ana", "bert"):
        subprocess.run([OPKOMST, "user", "add", "--db", db, "--key-file", key, "--username", name, "--role",
                        "maatschappelijk_werker"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True, cwd=workdir)
    a, b = Server(db, key, workdir, "a"), Server(db, key, workdir, "b")
    try:
        for server, name in ((a, "A"), (b, "B")):
            status, _, body = request(server.port, "GET", "/gezondheid")
            check(status == 200 and body == "ok\n", "%s: /gezondheid on %s answers 200 ok (%s)" % (label, name, status))
        status, token = sign_in(a.port, "ana", PASSWORD)
        check(status == 303 and token, "%s: ana signs in on A" % label)
        status_a, csrf_a = csrf_of(a.port, token)
        status_b, csrf_b = csrf_of(b.port, token)
        check(status_b == 200 and csrf_b and csrf_b == csrf_a, "%s: B serves A's session, same CSRF token" % label)
        status, headers, body = request(b.port, "POST", "/account/wachtwoord", token,
                                        {"csrf": csrf_b, "huidig": PASSWORD, "nieuw": NEW_PASSWORD})
        new_token = session_cookie(headers)
        check(status == 200 and new_token and new_token != token,
              "%s: a CSRF POST on B (password change) works: %s" % (label, status))
        check(request(a.port, "GET", "/account", new_token)[0] == 200, "%s: the new session works on A" % label)
        check(request(a.port, "GET", "/account", token)[0] == 303, "%s: the old token is dead on A" % label)
        status, headers, _ = request(b.port, "POST", "/account/wachtwoord", new_token,
                                     {"csrf": "f" * 32, "huidig": NEW_PASSWORD, "nieuw": PASSWORD})
        check(status == 403, "%s: a wrong CSRF token is refused on B (%s)" % (label, status))
        token = new_token
    finally:
        codes = [a.stop(), b.stop()]
    check(codes == [0, 0], "%s: both servers stop on SIGTERM with exit 0 (%s)" % (label, codes))

    a, b = Server(db, key, workdir, "a"), Server(db, key, workdir, "b")
    try:
        check(request(a.port, "GET", "/account", token)[0] == 200, "%s: after a restart, still signed in on A" % label)
        check(request(b.port, "GET", "/account", token)[0] == 200, "%s: after a restart, still signed in on B" % label)
        statuses = [sign_in((a, b)[i % 2].port, "bert", "wrong guess %d" % i)[0] for i in range(5)]
        check(statuses == [401] * 5, "%s: five wrong passwords, alternating servers, refused: %s" % (label, statuses))
        for server, name in ((a, "A"), (b, "B")):
            status, token_bert = sign_in(server.port, "bert", PASSWORD)
            check(status == 401 and not token_bert, "%s: bert is locked: the right password refused on %s" % (label, name))
    finally:
        codes = [a.stop(), b.stop()]
    check(codes == [0, 0], "%s: both servers stop again with exit 0" % label)

    verify = subprocess.run([OPKOMST, "audit", "verify", "--db", db], capture_output=True, text=True, cwd=workdir)
    check(verify.returncode == 0, "%s: the audit chain verifies: %s%s" % (label, verify.stdout.strip(), verify.stderr))
    check_log(label, [os.path.join(workdir, n + ".log") for n in ("a", "b")])


def bad_config_run():
    """A bad line in the configuration file stops serve with exit 2 and names file, line, key, value and rule."""
    with tempfile.TemporaryDirectory() as workdir:
        config = os.path.join(workdir, "bad.conf")
        with open(config, "w") as out:
            out.write("database = sqlite:%s/x.db\nport = achtduizend\n" % workdir)
        os.chmod(config, 0o600)
        result = subprocess.run([OPKOMST, "serve", "--config", config], capture_output=True, text=True,
                                cwd=workdir, timeout=60, env=dict(os.environ, LANG="en_US.UTF-8", OPKOMST_LANG="en"))
        check(result.returncode == 2 and "bad.conf line 2: key port has value 'achtduizend'" in result.stderr
              and "0 to 65535" in result.stderr,
              "config: a bad port line stops serve (exit %d): %s" % (result.returncode, result.stderr.strip()))


def check_log(label, paths):
    lines = [line for path in paths for line in open(path) if line.startswith("{")]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            check(False, "%s: a log line is not JSON: %r" % (label, line))
    check(len(records) == 18, "%s: one JSON log line per request: 18 requests, %d lines" % (label, len(records)))
    check(all(set(r) >= {"time", "method", "route", "status", "ms"} for r in records),
          "%s: every line has time, method, route, status, ms" % label)
    routes = {r["route"] for r in records}
    check({"/aanmelden", "/account", "/account/wachtwoord", "/gezondheid"} <= routes,
          "%s: the log names route patterns: %s" % (label, sorted(r for r in routes if r)))
    text = "".join(lines)
    for secret in ("ana", "bert", PASSWORD, "wrong guess", CSRF, "?"):
        check(secret not in text, "%s: the log never holds %r" % (label, secret))


def sigterm_run():
    """SIGTERM while a request waits for the store: the listening socket is
    closed at once, the request is still answered, its audit row is written,
    and the exit code is 0."""
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, "team.db")
        db, key = "sqlite:" + path, os.path.join(workdir, "key")
        subprocess.run([OPKOMST, "user", "add", "--db", db, "--key-file", key, "--username", "ana", "--role",
                        "maatschappelijk_werker"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True, cwd=workdir)
        server = Server(db, key, workdir, "term")
        _, token = sign_in(server.port, "ana", PASSWORD)
        _, csrf = csrf_of(server.port, token)
        # Another process holds SQLite's write lock, so the sign-out (which
        # deletes the session row) waits in flight; SQLite's busy timeout in
        # the server is 10 s, the lock is held for about 5.
        lock = sqlite3.connect(path, timeout=30, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        answer = {}

        def slow():
            try:
                answer["status"] = request(server.port, "POST", "/afmelden", token, {"csrf": csrf})[0]
            except OSError as error:
                answer["status"] = str(error)

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(3)  # the request is read and handed to a worker well within this
        server.process.send_signal(signal.SIGTERM)
        time.sleep(2)
        check(server.process.poll() is None, "sigterm: the server waits for the request in flight")
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=5).close()
            refused = False
        except OSError:
            refused = True
        check(refused, "sigterm: a new connection is refused at once")
        lock.execute("COMMIT")
        lock.close()
        thread.join(timeout=30)
        code = server.stop()
        check(answer.get("status") == 303, "sigterm: the request in flight is answered: %s" % answer.get("status"))
        check(code == 0, "sigterm: exit code 0 (%s)" % code)
        with sqlite3.connect(path + "-audit") as audit:
            rows = audit.execute("SELECT outcome FROM audit_log WHERE account = 'ana' AND action = 'afmelden'").fetchall()
        check(rows == [("ok",)], "sigterm: the sign-out's audit row is there after the exit: %s" % rows)
        with sqlite3.connect(path) as data:
            left = data.execute("SELECT count(*) FROM web_session").fetchone()[0]
            outbox = data.execute("SELECT count(*) FROM audit_outbox").fetchone()[0]
        check(left == 0 and outbox == 0, "sigterm: the session is gone and the audit outbox drained (%d, %d)" % (left, outbox))


def kept_form_run():
    """A form posted on server A after its session expired is kept in the
    store: after A stops, server B gives it back once to its owner."""
    with tempfile.TemporaryDirectory() as workdir:
        db, key = "sqlite:" + os.path.join(workdir, "team.db"), os.path.join(workdir, "key")
        subprocess.run([OPKOMST, "user", "add", "--db", db, "--key-file", key, "--username", "ana", "--role",
                        "maatschappelijk_werker"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True, cwd=workdir)
        command = [OPKOMST, "serve", "--config", "none", "--db", db, "--key-file", key, "--port", "0",
                   "--sign-in-limit", "0", "--session-idle", "2"]
        with open(os.path.join(workdir, "serve.log"), "a") as log:
            a, port_a = serve_process.start(command, workdir, log)
            _, token = sign_in(port_a, "ana", PASSWORD)
            _, csrf = csrf_of(port_a, token)
            time.sleep(4)  # past the idle limit
            status, headers, _ = request(port_a, "POST", "/sessie/verlengen", token, {"csrf": csrf})
            location = dict((k.lower(), v) for k, v in headers).get("location", "")
            kept = location[-32:] if "hervatten" in location else ""
            check(status == 303 and kept, "kept form: the late post on A is kept (%s %s)" % (status, location))
            serve_process.stop(a)
            b, port_b = serve_process.start(command, workdir, log)
            _, again = sign_in(port_b, "ana", PASSWORD)
            first = request(port_b, "GET", "/hervatten/" + kept, again)[2]
            second = request(port_b, "GET", "/hervatten/" + kept, again)[2]
            serve_process.stop(b)
        check("data-hervat" in first and 'action="/sessie/verlengen"' in first,
              "kept form: after A stopped, B gives it back to ana")
        check("data-hervat" not in second, "kept form: once only")


def sqlite_run():
    with tempfile.TemporaryDirectory() as workdir:
        run("sqlite", "sqlite:" + os.path.join(workdir, "team.db"), workdir)


def postgres_run(url):
    with serve_process.throwaway_database(url, "two_servers") as db, tempfile.TemporaryDirectory() as workdir:
        run("postgres", db, workdir)


bad_config_run()
sigterm_run()
kept_form_run()
sqlite_run()
pg_url = serve_process.postgres_url(failures)
if pg_url:
    postgres_run(pg_url)
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
