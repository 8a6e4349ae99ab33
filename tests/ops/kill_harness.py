#!/usr/bin/env python3
"""Crash safety, proven (issue 15): kill -9 during mixed work loses no
acknowledged write and leaves nothing half-written.

Each cycle starts a real `opkomst serve`, checks the state the previous
cycle left, then lets client threads work (web sign-ins, new dossiers,
start registrations, indicator scores, contacts) while an `opkomst import`
of a fresh exchange folder runs beside them, and after a random time kills
the server and the import with SIGKILL. Every write the server or the
import acknowledged (303, exit 0) goes to acks.log before the next one is
sent. The check after the restart:

- every acknowledged write is in the store;
- nothing is half-written: a web change is in the store exactly when its
  audit row is (dossier, start registration, scores, each contact), and an
  import folder is in the store whole or not at all;
- the audit outbox is empty and `opkomst audit verify` passes;
- SQLite: PRAGMA integrity_check is "ok" for the data and the audit file.

Usage: kill_harness.py OPKOMST [CYCLES]   (default 20 per backend, or
$OPKOMST_KILL_CYCLES). SQLite, and PostgreSQL when $OPKOMST_TEST_PG_URL
is set (required if $OPKOMST_REQUIRE_PG is set); $OPKOMST_KILL_BACKENDS
may name just one of them.
"""
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

OPKOMST = os.path.abspath(sys.argv[1])
CYCLES = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("OPKOMST_KILL_CYCLES", "20"))
PASSWORD = "kill-harness-wachtwoord-1"
WORKERS = ["kw1", "kw2", "kw3"]
IMPORT_DOSSIERS = 12
TEMPLATE_MEASUREMENTS = 0  # measurements in the import folder, counted from it
TODAY = datetime.date.today()
START = (TODAY - datetime.timedelta(days=30)).isoformat()
MEASURED = (TODAY - datetime.timedelta(days=20)).isoformat()
failures = []


def check(condition, message):
    if not condition:
        print("FAIL " + message, flush=True)
        failures.append(message)
    return condition


class Database:
    """The store under test, read with plain SQL for the checks."""

    def __init__(self, url, workdir):
        self.url, self.workdir = url, workdir
        self.key = os.path.join(workdir, "opkomst.key")

    def query(self, queries):
        """{name: (sql, audit)} -> {name: rows}; one psql call for all of
        them on PostgreSQL (a process per query made a check take seconds)."""
        if self.url.startswith("sqlite:"):
            out = {}
            for name, (sql, audit) in queries.items():
                path = self.url[7:] + ("-audit" if audit else "")
                with sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=60) as connection:
                    out[name] = [tuple(str(v) for v in row) for row in connection.execute(sql)]
            return out
        command = ["psql", self.url, "-XtA", "-F", "\t"]
        for name, (sql, _) in queries.items():
            command += ["-c", "SELECT '%s', q.* FROM (%s) q" % (name, sql)]
        text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        out = {name: [] for name in queries}
        for line in text.splitlines():
            if line:
                name, *values = line.split("\t")
                out[name].append(tuple(values))
        return out

    def integrity(self):
        if not self.url.startswith("sqlite:"):
            return []
        found = self.query({"data": ("PRAGMA integrity_check", False), "audit": ("PRAGMA integrity_check", True)})
        return list(found.items())


class Server:
    def __init__(self, db):
        self.process = subprocess.Popen(
            [OPKOMST, "serve", "--db", db.url, "--key-file", db.key, "--port", "0", "--threads", "8",
             "--sign-in-limit", "0", "--password-slots", "4", "--insecure-http"],
            cwd=db.workdir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        deadline = time.monotonic() + 120
        self.port = None
        while self.port is None and time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
        if self.port is None:
            self.process.kill()
            raise SystemExit("opkomst serve did not start on " + db.url)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


class Client:
    """One browser: a session cookie and its CSRF token."""

    def __init__(self, port):
        self.port, self.cookies, self.csrf = port, {}, ""

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join("%s=%s" % kv for kv in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie_name, _, rest = value.partition("=")
                    self.cookies[cookie_name] = rest.split(";")[0]
            found = re.search(r'name="csrf" value="([0-9a-f]+)"', text)
            if found:
                self.csrf = found.group(1)
            return response.status, response.getheader("Location", "")
        finally:
            connection.close()

    def post(self, path, form):
        return self.request("POST", path, dict(form, csrf=self.csrf))

    def sign_in(self, username):
        self.cookies = {}
        self.request("GET", "/aanmelden")
        status, _ = self.post("/aanmelden", {"gebruikersnaam": username, "wachtwoord": PASSWORD})
        if status == 303:
            self.request("GET", "/dossiers/nieuw")
        return status == 303


class AckLog:
    """Acknowledged writes, on disk before the next request is sent."""

    def __init__(self, path):
        self.path, self.entries, self.lock = path, [], threading.Lock()

    def add(self, **entry):
        with self.lock:
            self.entries.append(entry)
            with open(self.path, "a") as out:
                out.write(json.dumps(entry) + "\n")
                out.flush()
                os.fsync(out.fileno())


def work(port, username, acks, stop, ready):
    """Sign in, then create dossiers and register on them until stopped."""
    client = Client(port)
    try:
        if not client.sign_in(username):
            return
        acks.add(kind="signin", account=username)
        ready.release()
        while not stop.is_set():
            status, location = client.post("/dossiers/nieuw", {"traject": "opkomst", "start_date": START})
            found = re.match(r"/dossiers/([^/?]+)/", location)
            if status != 303 or not found:
                continue
            dossier = found.group(1)
            acks.add(kind="dossier", dossier=dossier)
            steps = [("moment", "/moment/start", {"version": "1", "measured_on": MEASURED}),
                     ("scores", "/indicatoren/1", {"version": "2", "measured_on": MEASURED, "i_residence": "3"}),
                     ("contact", "/contacten", {"contact_date": MEASURED, "kind": "telefoon", "note": "belde"}),
                     ("contact", "/contacten", {"contact_date": MEASURED, "kind": "bericht", "note": "sms"})]
            for kind, suffix, form in steps:
                if stop.is_set() or client.post("/dossiers/" + dossier + suffix, form)[0] != 303:
                    break
                acks.add(kind=kind, dossier=dossier)
            if random.random() < 0.3 and client.sign_in(username):
                acks.add(kind="signin", account=username)
    except OSError:
        pass  # the server died under us: only what was acknowledged counts


def import_folder(template, workdir, batch):
    """The template exchange folder with ids unique to this batch."""
    folder = os.path.join(workdir, "import-%d" % batch)
    os.makedirs(folder)
    for name in os.listdir(template):
        with open(os.path.join(template, name)) as source:
            text = source.read()
        text = text.replace("D000", "DK%04d-" % batch).replace("M000", "MK%04d-" % batch)
        text = text.replace("Mama ", "Mama K%d-" % batch)
        with open(os.path.join(folder, name), "w") as target:
            target.write(text)
    return folder


def count_by(rows):
    out = {}
    for row in rows:
        out[row[0]] = out.get(row[0], 0) + int(row[1])
    return out


def verify(db, acks, batches, label):
    """The checks after a restart; returns the number of problems found."""
    before = len(failures)
    found = db.query({
        "dossiers": ("SELECT dossier_id FROM dossier", False),
        "measured": ("SELECT dossier_id FROM measurement WHERE moment = 0", False),
        "scored": ("SELECT DISTINCT dossier_id FROM score_sheet WHERE moment = 1", False),
        "contacts": ("SELECT dossier_id, count(*) FROM contact GROUP BY dossier_id", False),
        "imported": ("SELECT substr(dossier_id, 1, 7), count(*) FROM measurement WHERE dossier_id LIKE 'DK%' "
                     "GROUP BY substr(dossier_id, 1, 7)", False),
        "outbox": ("SELECT count(*) FROM audit_outbox", False),
        "audited": ("SELECT action, dossier_id, count(*) FROM audit_log WHERE outcome = 'ok' "
                    "GROUP BY action, dossier_id", True),
        "signins": ("SELECT account, count(*) FROM audit_log WHERE action = 'aanmelden' AND outcome = 'ok' "
                    "GROUP BY account", True)})
    dossiers = set(r[0] for r in found["dossiers"])
    measured = set(r[0] for r in found["measured"])
    scored = set(r[0] for r in found["scored"])
    contacts = count_by(found["contacts"])
    imported_measurements = count_by(found["imported"])
    audited = {(action, dossier): int(count) for action, dossier, count in found["audited"]}
    outbox = found["outbox"][0][0]
    check(outbox == "0", "%s: %s events left in the audit outbox after the restart" % (label, outbox))
    signins = count_by(found["signins"])
    acked_signins, acked_contacts = {}, {}
    for entry in acks.entries:
        kind = entry["kind"]
        if kind == "signin":
            acked_signins[entry["account"]] = acked_signins.get(entry["account"], 0) + 1
        elif kind == "dossier":
            check(entry["dossier"] in dossiers, "%s: acknowledged dossier %s missing" % (label, entry["dossier"]))
        elif kind == "moment":
            check(entry["dossier"] in measured, "%s: acknowledged registration of %s missing" % (label, entry["dossier"]))
        elif kind == "scores":
            check(entry["dossier"] in scored, "%s: acknowledged scores of %s missing" % (label, entry["dossier"]))
        elif kind == "contact":
            acked_contacts[entry["dossier"]] = acked_contacts.get(entry["dossier"], 0) + 1
    for dossier, count in acked_contacts.items():
        check(contacts.get(dossier, 0) >= count, "%s: %d contacts of %s acknowledged, %d stored" %
              (label, count, dossier, contacts.get(dossier, 0)))
    for account, count in acked_signins.items():
        check(signins.get(account, 0) >= count, "%s: %d sign-ins of %s acknowledged, %d audited" %
              (label, count, account, signins.get(account, 0)))
    # A web change and its audit row: both or neither.
    for dossier in (d for d in dossiers if not d.startswith("DK")):
        check(audited.get(("dossier.aanmaken", dossier), 0) == 1, "%s: dossier %s without exactly one creation "
              "audit row" % (label, dossier))
        check((dossier in measured) == (("moment.registreren", dossier) in audited),
              "%s: registration and audit row of %s disagree" % (label, dossier))
        check((dossier in scored) == (("indicatoren.scoren", dossier) in audited),
              "%s: scores and audit row of %s disagree" % (label, dossier))
        check(contacts.get(dossier, 0) == audited.get(("contact.toevoegen", dossier), 0),
              "%s: %d contacts of %s but %d audit rows" % (label, contacts.get(dossier, 0), dossier,
                                                          audited.get(("contact.toevoegen", dossier), 0)))
    for (action, dossier), _ in audited.items():
        if action == "dossier.aanmaken":
            check(dossier in dossiers, "%s: audit row for dossier %s that is not stored" % (label, dossier))
    # An import folder: whole or not at all.
    for batch, acknowledged in batches.items():
        prefix = "DK%04d-" % batch
        have = sum(1 for d in dossiers if d.startswith(prefix))
        rows = imported_measurements.get(prefix, 0)
        check(have in (0, IMPORT_DOSSIERS), "%s: import %d half-written: %d of %d dossiers" %
              (label, batch, have, IMPORT_DOSSIERS))
        check(rows in (0, TEMPLATE_MEASUREMENTS) and (have == 0) == (rows == 0),
              "%s: import %d half-written: %d dossiers, %d of %d measurements" %
              (label, batch, have, rows, TEMPLATE_MEASUREMENTS))
        if acknowledged:
            check(have == IMPORT_DOSSIERS, "%s: acknowledged import %d missing" % (label, batch))
    # Each import commits with its one audit row (guard): as many rows as whole imports.
    whole = sum(1 for batch in batches if any(d.startswith("DK%04d-" % batch) for d in dossiers))
    import_rows = sum(count for (action, _), count in audited.items() if action == "import")
    check(import_rows == whole, "%s: %d whole imports but %d import audit rows" % (label, whole, import_rows))
    verified = subprocess.run([OPKOMST, "audit", "verify", "--db", db.url], capture_output=True, text=True)
    check(verified.returncode == 0, "%s: audit verify: %s%s" % (label, verified.stdout, verified.stderr))
    for name, result in db.integrity():
        check(result == [("ok",)], "%s: PRAGMA integrity_check (%s): %s" % (label, name, result))
    return len(failures) - before


def check_the_checks(db, acks, batches, label):
    """The checks must see a loss: made-up acknowledgements of a dossier, a
    contact, a sign-in and an import that the store does not hold."""
    fake = AckLog(os.path.join(db.workdir, "fake-acks.log"))
    fake.entries = list(acks.entries) + [{"kind": "dossier", "dossier": "D-lost"},
                                         {"kind": "contact", "dossier": "D-lost"},
                                         {"kind": "signin", "account": "nobody"}]
    before = len(failures)
    print("(the next 4 FAIL lines are the harness checking its own checks)", flush=True)
    found = verify(db, fake, {**batches, CYCLES + 1: True}, "%s self-check" % label)
    del failures[before:]
    check(found == 4, "%s: the checks found %d of 4 made-up losses" % (label, found))


def run(label, url, workdir):
    db = Database(url, workdir)
    for name in WORKERS:
        subprocess.run([OPKOMST, "user", "add", "--db", url, "--key-file", db.key, "--username", name, "--role",
                        "maatschappelijk_werker", "--capacity", "100"], input=PASSWORD + "\n", text=True, check=True,
                       capture_output=True, cwd=workdir)
    template = os.path.join(workdir, "template")
    subprocess.run([OPKOMST, "demo", "--export", template, "--dossiers", str(IMPORT_DOSSIERS)], check=True,
                   capture_output=True)
    global TEMPLATE_MEASUREMENTS
    with open(os.path.join(template, "measurements.csv")) as source:
        TEMPLATE_MEASUREMENTS = sum(1 for line in source if line.strip()) - 1
    acks = AckLog(os.path.join(workdir, "acks.log"))
    batches = {}
    rng = random.Random(int(os.environ.get("OPKOMST_KILL_SEED", "15")))
    started = time.monotonic()
    for cycle in range(CYCLES):
        server = Server(db)
        probe = Client(server.port)
        probe.sign_in(WORKERS[0]) and acks.add(kind="signin", account=WORKERS[0])  # the drain is done after it
        if verify(db, acks, batches, "%s cycle %d" % (label, cycle)):
            server.kill()
            break
        stop, ready = threading.Event(), threading.Semaphore(0)
        threads = [threading.Thread(target=work, args=(server.port, name, acks, stop, ready)) for name in WORKERS]
        for t in threads:
            t.start()
        for _ in WORKERS:  # the kill falls in the work, not in the first password hashing
            ready.acquire(timeout=30)
        folder = import_folder(template, workdir, cycle)
        time.sleep(rng.uniform(0.0, 0.6))
        importer = subprocess.Popen([OPKOMST, "import", "--db", url, folder], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        batches[cycle] = False
        deadline = time.monotonic() + rng.uniform(0.2, 2.5)
        while time.monotonic() < deadline and importer.poll() is None:
            time.sleep(0.01)
        time.sleep(max(0.0, deadline - time.monotonic()))
        server.kill()
        if importer.poll() is None:
            importer.send_signal(signal.SIGKILL)
        if importer.wait() == 0:
            batches[cycle] = True
            acks.add(kind="import", batch=cycle)
        stop.set()
        for t in threads:
            t.join(timeout=120)
        shutil.rmtree(folder)
    server = Server(db)
    Client(server.port).sign_in(WORKERS[0])
    verify(db, acks, batches, "%s final" % label)
    server.kill()
    check_the_checks(db, acks, batches, label)
    kinds = {}
    for entry in acks.entries:
        kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
    print("%s: %d cycles in %.0f s; acknowledged and found after kill -9: %s; imports killed half-way: %d" %
          (label, CYCLES, time.monotonic() - started, json.dumps(kinds, sort_keys=True),
           sum(1 for v in batches.values() if not v)), flush=True)


def main():
    # $OPKOMST_KILL_BACKENDS (default "sqlite,postgres") picks the backends,
    # so the long runs of both can go side by side.
    backends = os.environ.get("OPKOMST_KILL_BACKENDS", "sqlite,postgres").split(",")
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory(prefix="opkomst-kill-") as workdir:
            run("sqlite", "sqlite:" + os.path.join(workdir, "kill.db"), workdir)
    base = os.environ.get("OPKOMST_TEST_PG_URL") if "postgres" in backends else None
    if base:
        name = "kill_harness_%d" % os.getpid()
        subprocess.run(["psql", base, "-q", "-c", "CREATE DATABASE " + name], check=True)
        url = urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path="/" + name))
        try:
            with tempfile.TemporaryDirectory(prefix="opkomst-kill-") as workdir:
                run("postgres", url, workdir)
        finally:
            subprocess.run(["psql", base, "-q", "-c", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"])
    elif os.environ.get("OPKOMST_REQUIRE_PG") and "postgres" in backends:
        failures.append("OPKOMST_REQUIRE_PG is set but OPKOMST_TEST_PG_URL is not")
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)


main()
