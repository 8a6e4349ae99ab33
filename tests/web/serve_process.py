"""`opkomst serve` as a child process on a free loopback port, and a
throwaway PostgreSQL database, for the process tests (signin_burst_test.py,
two_servers_test.py, pg_reconnect_test.py)."""
import contextlib
import http.client
import os
import queue
import re
import subprocess
import threading
import time
import urllib.parse

CSRF = "0123456789abcdef0123456789abcdef"  # the sign-in form's pre-session token, as a browser would hold it
COOKIE = "__Host-opkomst"


def start(command, cwd, stderr):
    """Starts `command` (an opkomst serve command line with --port 0) and
    returns (process, port) once it prints the address it listens on;
    raises RuntimeError if it does not within 60 s."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=stderr, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return process, int(found.group(1))
    process.kill()
    process.wait()
    raise RuntimeError("opkomst serve did not start")


def stop(process):
    """SIGTERM, then SIGKILL after 30 s; returns the exit code."""
    process.terminate()
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


@contextlib.contextmanager
def throwaway_database(url, prefix):
    """A new database on the PostgreSQL server of `url`; yields its URL and
    drops it afterwards (also when the test fails)."""
    name = "%s_%d" % (prefix, os.getpid())
    subprocess.run(["psql", url, "-q", "-c", "CREATE DATABASE " + name], check=True)
    try:
        yield urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/" + name))
    finally:
        subprocess.run(["psql", url, "-q", "-c", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"])


def postgres_url(failures):
    """OPKOMST_TEST_PG_URL, or None (then the PostgreSQL part is skipped,
    unless OPKOMST_REQUIRE_PG is set: that is a failure)."""
    url = os.environ.get("OPKOMST_TEST_PG_URL")
    if not url and os.environ.get("OPKOMST_REQUIRE_PG"):
        failures.append("OPKOMST_REQUIRE_PG is set but OPKOMST_TEST_PG_URL is not")
    return url


def request(port, method, path, token=None, form=None, pre_session=False):
    """(status, headers, body) of one request, as a browser sends it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    cookies = []
    if token:
        cookies.append(COOKIE + "=" + token)
    if pre_session:
        cookies.append("opkomst_csrf=" + CSRF)
    headers = {"Cookie": "; ".join(cookies)} if cookies else {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body, headers)
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    result = (response.status, response.getheaders(), data)
    connection.close()
    return result


def session_cookie(headers):
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith(COOKIE + "=") and len(value) > len(COOKIE) + 33:
            return value[len(COOKIE) + 1:len(COOKIE) + 33]
    return None


def sign_in(port, username, password):
    status, headers, _ = request(port, "POST", "/aanmelden", form={
        "csrf": CSRF, "gebruikersnaam": username, "wachtwoord": password}, pre_session=True)
    return status, session_cookie(headers)


def csrf_of(port, token):
    status, _, body = request(port, "GET", "/account", token)
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', body)
    return status, found.group(1) if found else None
