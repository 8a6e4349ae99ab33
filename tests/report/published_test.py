#!/usr/bin/python3
"""The report's published cells, reproduced.

Builds the exchange folder of build_fixture.py, imports it, runs
`opkomst report --as-of 2023-09-30 --evaluation-notes --format csv` table by table and compares
every published cell of REPORT_SPEC.md (the "Published" markdown tables)
with the engine's cell: percentages within 0.1 pp (REPORT_SPEC rule 0.3),
other numbers within half a unit of their printed precision, counts exactly.
Cells where the report contradicts itself are listed in KNOWN with the
inconsistency id; each of them must still differ (so the list stays true).
The figures' values that the report's text gives (FIGURE_TEXT) are checked
as ranges, and rows added to reconcile a contradiction (RECONCILED) must
show the report's own number.
With OPKOMST_TEST_PG_URL set, the same import on PostgreSQL must give the
same JSON report as SQLite.
Usage: published_test.py OPKOMST_BINARY REPORT_SPEC.md
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile

BINARY, SPEC = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
TABLES = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13", "T14", "T15", "T16", "T17",
          "T18", "T19", "T20", "T21", "T22", "T23", "T24", "T25", "T26", "T27", "T28", "T29"]
# (table, row, column index) -> inconsistency: the report's own number cannot come out.
KNOWN = {
    ("T1", "Impact analyse (hoofdstuk 4)", 2): "I-1: 16 + 230 = 246, printed 238",
    ("T17", "Groeipakket", 0): "I-13: the count fits no denominator",
    ("T17", "Groeipakket", 1): "I-13",
    ("T18", "Groeipakket", 0): "I-13: 54,3% of 162 is 88, printed 74",
    ("T19", "Opvoedingswinkel", 3): "I-17: -1,0/29,0 = -3%, printed -4%",
    ("T28", "Geen inkomen", 3): "I-30: the Onbekend column uses 20 dossiers, not 26",
    ("T28", "Leefloon", 3): "I-30",
    ("T28", "Inkomen uit arbeid", 3): "I-30",
    ("T28", "Uitkering of tegemoetkoming", 3): "I-30",
    ("T28", "Onbekend/ NVT", 3): "I-30",
    ("T29", "Invaliditeitsvergoeding", 0): "no dossiers: '/' instead of 0,0%",
    ("T29", "Invaliditeitsvergoeding", 1): "no dossiers",
    ("T29", "Invaliditeitsvergoeding", 2): "no dossiers",
    ("T29", "Invaliditeitsvergoeding", 3): "no dossiers",
    ("T29", "Invaliditeitsvergoeding", 4): "no dossiers",
    # The case study (Tables 20-25), built from Tables 23-25's groups.
    ("T21", "Administratie", 0): "I-22: no mix of the T23-T25 families gives 4,0",
    ("T21", "Zelfredzaamheid financieel en administratief", 0): "I-22",
    ("T21", "Zelfvertrouwen rol mama", 0): "I-22",
    ("T21", "Gezondheid - Toegang financieel", 1): "I-22: all 10 families counted give 4,1",
    ("T21", "Fysieke gezondheid", 1): "I-22",
    ("T21", "Liefdesrelatie", 0): "I-22: only with families without a valid end score (breaks rule E)",
    ("T21", "Zelfvertrouwen en relaties", 0): "I-22",
    ("T21", "Structuur", 1): "I-22",
    ("T20", "Stabiele basis", 0): "the mean of T21's means, which include the I-22 rows",
    ("T20", "Ondersteuning m.b.t. relatie en sociaal netwerk", 0): "idem",
    ("T22", "Aantal indicatoren waarop 6 of meer gezinnen vooruitgang boekten", 0): "I-19: printed 5, counted >= 5",
    ("T22", "Aantal indicatoren waarop 6 of meer gezinnen vooruitgang boekten", 1): "I-19: printed 10",
    ("T24", "Spaargeld", 4): "I-20: a stable group cannot move from 1,0 to 1,2",
    ("T25", "Zelfvertrouwen rol mama", 0): "I-21: a declined family cannot stay at 4,0",
    ("T25", "Zelfvertrouwen rol mama", 1): "I-21",
}


# The figures are images: the report gives some of their values in its text
# (REPORT_SPEC §3), rounded, so each is checked as a range of percentages.
# (figure, row, column index, low, high, what the report says)
FIGURE_TEXT = [
    ("F2", "Intern", 0, 49.95, 50.05, "Opkomst+: half intern, half extern"),
    ("F2", "Extern", 1, 60.0, 66.7, "Opkomst: 'bijna twee derde' extern"),
    ("F3", "AZ Sint-Maarten", 0, 24.0, 26.0, "'een kwart'"),
    ("F3", "ID-team", 0, 14.5, 15.5, "15%"),
    ("F3", "Wel en Wee", 0, 14.05, 14.15, "14,1%"),
    ("F3", "Andere partners", 0, 22.45, 22.55, "22,5%"),
    ("F4", "Zwanger", 0, 89.0, 91.0, "2020: 90%"),
    ("F4", "Zwanger", 1, 74.0, 76.0, "2021: 75%"),
    ("F4", "Zwanger", 2, 79.0, 81.0, "2022: 80%"),
    ("F4", "Zwanger", 3, 89.0, 91.0, "2023: 90%"),
    ("F5", "Eerste zwangerschap", 2, 48.5, 49.5, "49%"),
    ("F5", "Eerste zwangerschap", 0, 74.95, 75.05, "Opkomst+: 'driekwart'"),
    ("F5", "Tweede of volgende zwangerschap", 1, 50.0, 55.0, "Opkomst: 'net iets meer tweede of volgende'"),
    ("F7", "Alleenstaand", 2, 21.75, 21.85, "'één op de vijf' (62 = 21,8%)"),
    ("F7", "Alleenstaand", 0, 49.95, 50.05, "Opkomst+: 50%"),
    ("F7", "Koppel - nieuw samengesteld gezin", 2, 7.35, 7.45, "7,4%"),
    ("F7", "Koppel - zwangerschap en/of kinderen van beide", 2, 61.5, 62.5, "62%"),
    ("F7b", "Belgische nationaliteit", 0, 32.5, 33.5, "mama 33%"),
    ("F7b", "Precair verblijfsstatuut", 0, 15.5, 16.5, "mama 16%"),
    ("F7b", "Visum kort verblijf", 0, 19.5, 20.5, "mama 20%"),
    ("F7b", "Visum lang verblijf", 0, 21.5, 22.5, "mama 22%"),
    ("F7b", "Onbekend", 0, 8.5, 9.5, "mama 9%"),
    ("F7b", "Belgische nationaliteit", 1, 21.5, 22.5, "papa 22%"),
    ("F7b", "Precair verblijfsstatuut", 1, 10.5, 11.5, "papa 11%"),
    ("F7b", "Visum kort verblijf", 1, 11.5, 12.5, "papa 12%"),
    ("F7b", "Visum lang verblijf", 1, 24.5, 25.5, "papa 25%"),
    ("F7b", "Onbekend", 1, 21.5, 22.5, "papa 22%"),
    ("F7b", "Niet van toepassing", 1, 7.5, 8.5, "papa: the 8% the report leaves out (I-33)"),
    ("F8", "Geen inkomen", 0, 30.5, 31.5, "31%"),
    ("F8", "Inkomen uit arbeid", 0, 19.0, 21.0, "'één op de vijf'"),
    ("F8", "Leefloon", 0, 17.5, 18.5, "18%"),
    ("F8", "Uitkering of tegemoetkoming", 0, 12.5, 13.5, "13%"),
    ("F8", "Onbekend", 0, 13.5, 14.5, "14%"),
]
# The figures' N (REPORT_SPEC §3): in the notes ("N = 185") or in the Totaal row.
FIGURE_N = {"F2": 284, "F3": 284, "F4": 284, "F5": 284, "F6": 273, "F7": 284, "F8": 284, "F9": 185}
# Rows opkomst adds where the report contradicts itself, with the report's
# own number: (table, row, printed cells).
RECONCILED = [("T22", "Aantal indicatoren waarop 5 of meer gezinnen vooruitgang boekten", ["5", "10"])]


def check_figures(run_csv, run_json):
    failed = 0
    for figure, label, column, low, high, said in FIGURE_TEXT:
        rows = {r[0]: r for r in list(csv.reader(io.StringIO(run_csv(figure))))[1:]}
        row = rows.get(label)
        value = number(row[column + 1]) if row and column + 1 < len(row) else None
        if value is None or not low <= value[0] <= high:
            print(f"FAIL {figure} / {label} / column {column}: the report says {said}, engine {value}")
            failed += 1
    for table, label, cells in RECONCILED:
        rows = {r[0]: r[1:] for r in list(csv.reader(io.StringIO(run_csv(table))))[1:]}
        if rows.get(label) != cells:
            print(f"FAIL {table} / {label}: the report prints {cells}, engine {rows.get(label)}")
            failed += 1
    for figure, n in FIGURE_N.items():
        table = json.loads(run_json(figure))["tables"][0]
        total = next((r["cells"][-1].get("count") for r in table["rows"] if r["label"] == "Totaal"), None)
        if f"N = {n}" not in table["notes"] and total != n:
            print(f"FAIL {figure}: the report says N = {n}, engine notes {table['notes']}, Totaal {total}")
            failed += 1
    print(f"{len(FIGURE_TEXT) + len(FIGURE_N) + len(RECONCILED)} figure values and reconciled rows compared, "
          f"{failed} differences")
    return failed


def published_tables(path):
    """{"T5": [header, rows...]} from the '**Published**' tables of the spec."""
    text = open(path, encoding="utf-8").read()
    out = {}
    for section in re.split(r"\n### Table ", text)[1:]:
        number = section.split(":", 1)[0].strip()
        at = section.find("**Published")
        if at < 0:
            continue
        lines = section[at:].split("\n")
        table = []
        for line in lines[1:]:
            if line.startswith("|"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if not set("".join(cells)) <= set("-: "):
                    table.append(cells)
            elif table:
                break
        out["T" + number] = table
    return out


def norm_label(label):
    label = label.replace("**", "").replace("*", "")
    label = re.sub(r"\[([^\]]*)\]", r"\1", label)
    return re.sub(r"\s+", " ", label).strip().lower()


def number(text):
    text = text.strip().replace("**", "")
    if "→" in text:  # a digit the extraction cut off, completed by the spec: '"7…" → 75'
        text = text.split("→")[1].strip()
    text = re.sub(r"\[(\d+)\]", r"\1", text)  # '28[4]': a digit completed by the spec
    m = re.match(r"^(-?\d+(?:[.,]\d+)?)\s*(%?)", text)
    if not m:
        return None
    digits = m.group(1).replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    count = re.search(r"\((\d+)\)", text)
    return float(digits), bool(m.group(2)), decimals, int(count.group(1)) if count else None


def close(expected, actual):
    e, a = number(expected), number(actual)
    if e is None or a is None:
        return expected.strip() == actual.strip()
    value_e, percent, decimals, count_e = e
    value_a, _, _, count_a = a
    tolerance = 0.1 if percent else 0.5 * 10 ** -decimals + 1e-9
    if abs(value_e - value_a) > tolerance + 1e-9:
        return False
    return count_e is None or count_e == count_a


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def main():
    if not os.path.exists(SPEC):
        print(f"FAIL {SPEC} not found: the tests read ../shared/spec beside the repository")
        return 1
    work = tempfile.mkdtemp(prefix="opkomst-published-")
    subprocess.run([sys.executable, os.path.join(HERE, "build_fixture.py"), work + "/in", SPEC], check=True,
                   capture_output=True)
    db = "sqlite:" + work + "/r.db"
    run("import", "--db", db, work + "/in")
    spec = published_tables(SPEC)
    checked = failed = 0
    for table in TABLES:
        published = spec[table]
        ours = list(csv.reader(io.StringIO(run("report", "--db", db, "--as-of", "2023-09-30", "--evaluation-notes", "--format", "csv",
                                                "--tables", table))))
        header, rows = ours[0], {norm_label(r[0]): r for r in ours[1:]}
        if table == "T6":  # printed as one unlabelled row of values
            published = [published[0], [ours[1][0]] + published[1]]
        for prow in published[1:]:
            label = norm_label(prow[0])
            if label.startswith("n =") or label == "":
                continue
            row = rows.get(label)
            if row is None:
                print(f"FAIL {table}: no row '{prow[0]}' in {list(rows)}")
                failed += 1
                continue
            for c, expected in enumerate(prow[1:]):
                if expected == "" or c + 1 >= len(row):
                    continue
                checked += 1
                label = prow[0].replace("[", "").replace("]", "").replace("*", "")
                known = KNOWN.get((table, label, c)) or KNOWN.get((table, row[0], c))
                ok = close(expected, row[c + 1])
                if known and ok:
                    print(f"FAIL {table} / {row[0]} / {header[c + 1]}: listed as {known} but matches")
                    failed += 1
                elif not known and not ok:
                    print(f"FAIL {table} / {row[0]} / {header[c + 1]}: published {expected!r}, engine {row[c + 1]!r}")
                    failed += 1
    print(f"{checked} published cells compared, {failed} differences")
    report = lambda fmt: lambda figure: run("report", "--db", db, "--as-of", "2023-09-30", "--evaluation-notes", "--format", fmt,
                                            "--tables", figure)
    failed += check_figures(report("csv"), report("json"))
    pg = os.environ.get("OPKOMST_TEST_PG_URL")
    if pg:
        name = "opkomst_published_%d" % os.getpid()
        subprocess.run(["psql", "-q", pg, "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
        try:
            url = pg.rsplit("/", 1)[0] + "/" + name
            run("import", "--db", url, work + "/in")
            a = json.loads(run("report", "--db", db, "--as-of", "2023-09-30", "--evaluation-notes", "--format", "json"))
            b = json.loads(run("report", "--db", url, "--as-of", "2023-09-30", "--evaluation-notes", "--format", "json"))
            if a != b:
                print("FAIL PostgreSQL and SQLite reports differ")
                failed += 1
            else:
                print("PostgreSQL report identical to SQLite")
        finally:
            subprocess.run(["psql", "-q", pg, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False,
                           capture_output=True)
    elif os.environ.get("OPKOMST_REQUIRE_PG") == "1":
        print("FAIL OPKOMST_TEST_PG_URL is not set")
        failed += 1
    subprocess.run(["rm", "-rf", work])
    return 1 if failed else 0


sys.exit(main())
