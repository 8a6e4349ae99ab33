"""`opkomst serve` as a child process on a free loopback port, for the
process tests (signin_burst_test.py, two_servers_test.py)."""
import queue
import re
import subprocess
import threading
import time


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
