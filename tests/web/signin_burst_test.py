#!/usr/bin/env python3
"""The parallel lockout attack of issue 9 (finding 2), against real server
processes: two `opkomst serve` on one database (SQLite, and PostgreSQL when
OPKOMST_TEST_PG_URL is set), loopback only.

- 30 simultaneous wrong passwords, spread over both servers: at most five
  are checked (audit rows "mislukt"), and the account is locked.
- 49 wrong passwords and the right one in one burst: at most five checked,
  and the right one does not sign in.
- A server with the default per-address brake answers 429 with Retry-After
  after ten sign-in attempts in a minute.

The brake is off (--sign-in-limit 0) on the first two servers, so that the
store's counting is what is tested. Usage: signin_burst_test.py OPKOMST_BINARY
"""
import http.client
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import serve_process

OPKOMST = os.path.abspath(sys.argv[1])
PASSWORD = "fiets boom regenjas"
CSRF = "0123456789abcdef0123456789abcdef"
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


class Server:
    """opkomst serve on a free loopback port; stopped by stop()."""

    def __init__(self, db, key, workdir, *extra):
        self.process, self.port = serve_process.start(
            [OPKOMST, "serve", "--db", db, "--key-file", key, "--port", "0", "--host", "127.0.0.1", *extra],
            workdir, subprocess.STDOUT)

    def stop(self):
        serve_process.stop(self.process)


def sign_in(port, username, password):
    """POST /aanmelden as a browser does; returns (status, headers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    body = urllib.parse.urlencode({"csrf": CSRF, "gebruikersnaam": username, "wachtwoord": password})
    connection.request("POST", "/aanmelden", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": "opkomst_csrf=" + CSRF})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, dict(response.getheaders())


def burst(ports, username, passwords, right_index=None):
    """All at once (threads released together); returns the statuses in order."""
    statuses = [None] * len(passwords)
    start = threading.Barrier(len(passwords))

    def one(i):
        start.wait()
        if i == right_index:
            time.sleep(0.05)  # in the burst, not first in line
        try:
            statuses[i] = sign_in(ports[i % len(ports)], username, passwords[i])[0]
        except OSError as error:
            statuses[i] = str(error)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(passwords))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return statuses


def run(label, db, audit_count, workdir):
    key = os.path.join(workdir, "key")
    for name in ("burst1", "burst2"):
        subprocess.run([OPKOMST, "user", "add", "--db", db, "--key-file", key, "--username", name, "--role",
                        "maatschappelijk_werker"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True, cwd=workdir)
    # Every guess reaches the store (no brake, a hash slot for each), so the
    # store's counting alone is what holds the burst to five.
    servers = [Server(db, key, workdir, "--sign-in-limit", "0", "--password-slots", "64") for _ in range(2)]
    try:
        ports = [s.port for s in servers]
        statuses = burst(ports, "burst1", ["wrong guess %d" % i for i in range(30)])
        check(all(s in (401,) for s in statuses), "%s: 30 wrong passwords all refused (%s)" % (label, set(statuses)))
        checked = audit_count("burst1")
        check(1 <= checked <= 5, "%s: of 30 simultaneous wrong passwords %d were checked (at most 5)" % (label, checked))
        check(sign_in(ports[0], "burst1", PASSWORD)[0] == 401, "%s: locked: the right password is refused" % label)

        passwords = ["wrong guess %d" % i for i in range(49)] + [PASSWORD]
        statuses = burst(ports, "burst2", passwords, right_index=49)
        check(statuses[49] == 401, "%s: the right password in a burst of 49 wrong ones: %s" % (label, statuses[49]))
        check(303 not in statuses, "%s: nothing in the burst signed in" % label)
        checked = audit_count("burst2")
        check(checked <= 5, "%s: of the burst of 50, %d passwords were checked (at most 5)" % (label, checked))
    finally:
        for s in servers:
            s.stop()
    braked = Server(db, key, workdir)  # the default brake: 10 a minute per address
    try:
        answers = [sign_in(braked.port, "nobody%d" % i, "whatever password") for i in range(15)]
        refused = [headers for status, headers in answers if status == 429]
        check(len(refused) >= 5, "%s: one address, 15 attempts: %d answered 429" % (label, len(refused)))
        check(all(1 <= int(h.get("Retry-After", "0")) <= 60 for h in refused), "%s: 429 carries Retry-After" % label)
    finally:
        braked.stop()


def sqlite_run():
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(workdir, "burst.db")

        def audit_count(account):
            with sqlite3.connect(path + "-audit") as audit:
                return audit.execute("SELECT count(*) FROM audit_log WHERE account = ? AND action = 'aanmelden' "
                                     "AND outcome = 'mislukt'", (account,)).fetchone()[0]

        run("sqlite", "sqlite:" + path, audit_count, workdir)


def postgres_run(url):
    with serve_process.throwaway_database(url, "signin_burst") as db, tempfile.TemporaryDirectory() as workdir:
        def audit_count(account):
            out = subprocess.run(["psql", db, "-tA", "-c", "SELECT count(*) FROM audit_log WHERE account = '%s' "
                                  "AND action = 'aanmelden' AND outcome = 'mislukt'" % account],
                                 check=True, capture_output=True, text=True).stdout
            return int(out.strip())

        run("postgres", db, audit_count, workdir)


sqlite_run()
pg_url = serve_process.postgres_url(failures)
if pg_url:
    postgres_run(pg_url)
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
