#!/usr/bin/env python3
"""Issue 9, finding 4, against a running server: a researcher tries to read
one mother's record by differencing reports.

    report_differencing_attack.py URL USER PASSWORD [FIRST_YEAR LAST_YEAR [TABLES]]

Signs in as the researcher, then asks TABLES (default T1,T3: the population
sizes, and the duration table whose N columns add up to P2) for every
window of whole quarters of every track, and for each window shifted by one
day; then T3 alone (a report without the impact and birth sets, which the
rules refuse less often). It fails (exit 1) if a shifted window is answered, or if two answered
windows that contain one another (so that their difference is exactly the
difference of their sizes) differ by 1..9 dossiers in any population.
Uses only the standard library; sends every request to the given URL only.
"""
import csv
import datetime
import http.client
import io
import re
import sys
import urllib.parse

K = 10
ROWS = ["Originele dataset", "Beschrijvende analyse (hoofdstuk 3)", "Impact analyse (hoofdstuk 4)",
        "Extra meetmoment (hoofdstuk 3 en 4)"]


class Client:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies = {}

    def request(self, method, path, form=None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{self.host}:{self.port}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        data = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, data

    def sign_in(self, user, password):
        _, page = self.request("GET", "/aanmelden")
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, _ = self.request("POST", "/aanmelden",
                                 {"csrf": token, "gebruikersnaam": user, "wachtwoord": password, "terug": ""})
        if status not in (302, 303):
            sys.exit(f"sign-in as {user} failed ({status})")


def quarters(first_year, last_year):
    starts, ends = [], []
    for year in range(first_year, last_year + 1):
        for month in (1, 4, 7, 10):
            start = datetime.date(year, month, 1)
            starts.append(start)
            ends.append((start.replace(month=month + 2, day=28) + datetime.timedelta(days=4)).replace(day=1)
                        - datetime.timedelta(days=1))
    return starts, ends


def sizes(csv_text):
    """Population sizes a report shows: Table 1's Totaal column, and P2 as
    the sum of Table 3's N columns (closed + running, both tracks)."""
    out, durations = {}, []
    for row in csv.reader(io.StringIO(csv_text)):
        if row and row[0] in ROWS and len(row) >= 4:
            out[row[0]] = row[3]
        if row and row[0].startswith("Duur ") and len(row) == 9:
            durations += [row[4], row[8]]
    if len(durations) == 4 and all(n.isdigit() for n in durations):
        out["P2 (T3)"] = str(sum(int(n) for n in durations))
    return out


def main():
    if len(sys.argv) not in (4, 6, 7):
        sys.exit(__doc__)
    url, user, password = sys.argv[1:4]
    first, last = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) >= 6 else (2020, 2023)
    table_lists = [sys.argv[6]] if len(sys.argv) == 7 else ["T1,T3", "T3"]
    client = Client(url)
    client.sign_in(user, password)
    starts, ends = quarters(first, last)
    tracks = ["", "opkomst", "opkomst_plus"]
    answered, refused, failures = {}, 0, []
    asked = 0
    for tables in table_lists:
        for track in tracks:
            for a in range(len(starts)):
                for b in range(a, len(ends)):
                    for shift in (0, 1):
                        start = starts[a] + datetime.timedelta(days=shift)
                        query = urllib.parse.urlencode({"formaat": "csv", "tabellen": tables,
                                                        "van": start.isoformat(), "tot": ends[b].isoformat(),
                                                        "traject": track})
                        status, body = client.request("GET", "/rapporten/download?" + query)
                        asked += 1
                        if shift and status == 200:
                            failures.append(f"a window one day off a quarter was answered: {query}")
                        elif status == 200:
                            answered.setdefault((track, a, b), {}).update(sizes(body))
                        else:
                            refused += 1
    # Windows that contain one another: their populations are nested.
    def contains(outer, inner):
        (t1, a1, b1), (t2, a2, b2) = outer, inner
        return (t1 == "" or t1 == t2) and a1 <= a2 and b2 <= b1 and outer != inner
    for outer, big in answered.items():
        for inner, small in answered.items():
            if not contains(outer, inner):
                continue
            for row in ROWS + ["P2 (T3)"]:
                x, y = big.get(row, "x"), small.get(row, "x")
                if x.isdigit() and y.isdigit() and 1 <= int(x) - int(y) < K:
                    failures.append(f"{row}: {outer} and {inner} differ by {int(x) - int(y)} dossiers")
    print(f"requests: {asked} (half of them shifted by one day); windows answered: {len(answered)}; "
          f"refused: {refused}")
    for f in failures[:20]:
        print("FAIL:", f)
    if len(failures) > 20:
        print(f"... and {len(failures) - 20} more failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
