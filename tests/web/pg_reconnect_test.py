#!/usr/bin/env python3
"""A server whose PostgreSQL restarts serves again without a restart of its
own (guard): on a PostgreSQL cluster of its own (scripts/pg-test-server.sh),
since the test stops and starts it.

- Signed in, the account page answers 200 and the keep-alive 204.
- PostgreSQL stopped: the account page, a write (sign-out) and /gezondheid
  answer 503, never a page as if signed out, never 500.
- PostgreSQL started again on the same data and port: the next requests
  answer 200 at once (reads and writes: a new sign-in), the server process
  is the same one, and the audit chain verifies afterwards.

Skipped (exit 77) without PostgreSQL's programs. Usage:
pg_reconnect_test.py OPKOMST_BINARY SOURCE_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

import serve_process

OPKOMST = os.path.abspath(sys.argv[1])
PG_SERVER = os.path.join(os.path.abspath(sys.argv[2]), "scripts", "pg-test-server.sh")
PASSWORD = "fiets boom regenjas"
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message, flush=True)
    if not condition:
        failures.append(message)


def pg(action, cluster, *extra):
    return subprocess.run(["bash", PG_SERVER, action, cluster, *extra], check=True, capture_output=True,
                          text=True).stdout.strip()


def statuses(port, token, csrf):
    """The account page, the keep-alive and the health page."""
    request = serve_process.request
    return (request(port, "GET", "/account", token)[0],
            request(port, "POST", "/sessie/verlengen", token, {"csrf": csrf})[0],
            request(port, "GET", "/gezondheid")[0])


def run(cluster, workdir):
    url = pg("start-free", cluster, str(55500 + os.getpid() % 400))
    db, key = url.rsplit("/", 1)[0] + "/opkomst", os.path.join(workdir, "key")
    subprocess.run(["psql", url, "-q", "-c", "CREATE DATABASE opkomst"], check=True)
    subprocess.run([OPKOMST, "user", "add", "--db", db, "--key-file", key, "--username", "ana", "--role",
                    "maatschappelijk_werker"], input=PASSWORD + "\n", text=True, check=True, capture_output=True,
                   cwd=workdir)
    log = open(os.path.join(workdir, "serve.log"), "w")
    process, port = serve_process.start([OPKOMST, "serve", "--config", "none", "--db", db, "--key-file", key,
                                         "--port", "0", "--sign-in-limit", "0", "--threads", "4"], workdir, log)
    try:
        status, token = serve_process.sign_in(port, "ana", PASSWORD)
        _, csrf = serve_process.csrf_of(port, token)
        check(status == 303 and csrf, "signed in (%s)" % status)
        check(statuses(port, token, csrf) == (200, 204, 200), "before: account 200, keep-alive 204, health 200")

        pg("stop", cluster)
        down = [statuses(port, token, csrf) for _ in range(3)]
        check(all(s == (503, 503, 503) for s in down), "PostgreSQL down: every answer 503: %s" % down)
        status = serve_process.request(port, "POST", "/afmelden", token, {"csrf": csrf})[0]
        check(status == 503, "PostgreSQL down: a write (sign-out) is 503 (%s)" % status)

        pg("resume", cluster)
        started = time.time()
        after = statuses(port, token, csrf)
        check(after == (200, 204, 200), "PostgreSQL back: account 200, keep-alive 204, health 200 at once: %s (%.1f s)"
              % (after, time.time() - started))
        status, again = serve_process.sign_in(port, "ana", PASSWORD)
        check(status == 303 and again and serve_process.request(port, "GET", "/account", again)[0] == 200,
              "PostgreSQL back: a new sign-in (a write) works (%s)" % status)
        check(process.poll() is None, "the same server process served throughout")
    finally:
        code = serve_process.stop(process)
        log.close()
    check(code == 0, "the server stops with exit 0 (%s)" % code)
    verify = subprocess.run([OPKOMST, "audit", "verify", "--db", db], capture_output=True, text=True, cwd=workdir)
    check(verify.returncode == 0, "the audit chain verifies: %s%s" % (verify.stdout.strip(), verify.stderr.strip()))


if not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl") or not shutil.which("psql"):
    print("skipped: no PostgreSQL programs")
    sys.exit(77)
# Not under a 0700 temporary directory: PostgreSQL runs as its own user.
cluster = "/tmp/opkomst-pg-reconnect-%d" % os.getpid()
try:
    with tempfile.TemporaryDirectory() as workdir:
        run(cluster, workdir)
finally:
    subprocess.run(["bash", PG_SERVER, "stop", cluster], capture_output=True)
    shutil.rmtree(cluster, ignore_errors=True)
print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
