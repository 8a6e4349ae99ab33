#!/usr/bin/python3
"""The same data in the other encodings EXCHANGE.md allows give the same
report, byte for byte.

A team that builds its own exchange folder from the published tables will
not write it the way build_fixture.py does. This test takes the fixture and
rewrites it the way such a team might: Dutch labels (in changed case and
with spaces) instead of codes, the child's age as a due date or a birth
date instead of the legacy column, trajectory numbers left empty to be
derived, columns in another order, a byte-order mark and CRLF line ends.
Both folders are imported and `opkomst report --as-of 2023-09-30` must print
the same CSV and JSON.
Usage: encodings_test.py OPKOMST_BINARY REPORT_SPEC.md CODEBOOK_TXT
"""
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile

BINARY, SPEC, CODEBOOK = sys.argv[1], sys.argv[2], sys.argv[3]
HERE = os.path.dirname(os.path.abspath(__file__))
shuffle = random.Random(7)


def labels():
    """{list or variable or field name: {code: Dutch label}} from data/codebook.txt."""
    out, current, lists, uses = {}, None, {}, {}
    for line in open(CODEBOOK, encoding="utf-8"):
        parts = [p.strip() for p in line.rstrip("\n").split("|")]
        head = parts[0].split()
        if not head or head[0].startswith("#"):
            continue
        if head[0] in ("list", "field", "var"):
            current = head[1]
            out.setdefault(current, {})
            for p in parts[1:]:
                if p.startswith("list="):
                    uses[current] = p[5:]
        elif head[0] == "option" and current:
            out[current][head[1]] = parts[1]
        elif head[0] in ("indicatorset", "indicator", "domain", "group"):
            current = None
    for name, list_name in uses.items():
        out[name] = out.get(list_name, {})
    return out


LABELS = labels()


def relabel(column, value):
    """The Dutch label of a code, in another case and padded, as a spreadsheet might hold it."""
    label = LABELS.get(column, {}).get(value)
    if not label:
        return value
    label = label.upper() if shuffle.random() < 0.3 else label.lower() if shuffle.random() < 0.5 else label
    return "  " + label + " "


def add_months(day, n):
    y, m = divmod(day.month - 1 + n, 12)
    return dt.date(day.year + y, m + 1, day.day)  # the fixture's days exist in every month


def rewrite_dossiers(rows):
    first_of_mother = {}
    for r in rows:
        first_of_mother.setdefault(r["mother_id"], r["dossier_id"])
        start = dt.date.fromisoformat(r["start_date"])
        age = r.pop("child_age_months_at_start")
        r["due_date"] = r["child_birth_date"] = ""
        if age:  # negative: a due date that many months after the start; else a birth date before it
            k = int(age)
            r["due_date" if k < 0 else "child_birth_date"] = add_months(start, -k).isoformat()
        r["trajectory_number"] = ""  # derived from mother_id and start order
        for field in ("track", "referrer_type", "pregnant_at_start", "first_pregnancy"):
            r[field] = relabel(field, r[field])
    return rows


def rewrite_measurements(rows):
    for r in rows:
        for column in list(r):
            if column not in ("dossier_id", "moment", "measured_on"):
                r[column] = relabel(column, r[column])
    return rows


def rewrite_scores(rows):
    names = {"nvt": "Niet van toepassing", "weet_niet": "Weet ik niet"}
    for r in rows:
        r["score"] = names.get(r["score"], r["score"])
    return rows


def copy_folder(source, target, rewrite):
    os.makedirs(target)
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        rows = rewrite.get(name, lambda r: r)(rows)
        columns = list(rows[0])
        shuffle.shuffle(columns)
        with open(os.path.join(target, name), "w", encoding="utf-8-sig", newline="") as f:
            w = csv.DictWriter(f, columns, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            w.writeheader()
            w.writerows(rows)


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def main():
    work = tempfile.mkdtemp(prefix="opkomst-encodings-")
    subprocess.run([sys.executable, os.path.join(HERE, "build_fixture.py"), work + "/codes", SPEC], check=True,
                   capture_output=True)
    copy_folder(work + "/codes", work + "/labels",
                {"dossiers.csv": rewrite_dossiers, "measurements.csv": rewrite_measurements,
                 "scores.csv": rewrite_scores})
    failed = 0
    reports = {}
    for variant in ("codes", "labels"):
        db = f"sqlite:{work}/{variant}.db"
        run("import", "--db", db, f"{work}/{variant}")
        reports[variant] = {fmt: run("report", "--db", db, "--as-of", "2023-09-30", "--format", fmt)
                            for fmt in ("csv", "json")}
    for fmt in ("csv", "json"):
        a, b = reports["codes"][fmt].splitlines(), reports["labels"][fmt].splitlines()
        if a != b:
            failed += 1
            diff = next(i for i in range(min(len(a), len(b)) + 1) if i >= min(len(a), len(b)) or a[i] != b[i])
            print(f"FAIL {fmt} differs at line {diff + 1}: codes {a[diff:diff + 1]} labels {b[diff:diff + 1]}")
    print(f"the report of the relabelled folder is {'the same' if not failed else 'different'} "
          f"({len(reports['codes']['csv'].splitlines())} CSV lines)")
    subprocess.run(["rm", "-rf", work])
    return 1 if failed else 0


sys.exit(main())
