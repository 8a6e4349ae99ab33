#!/usr/bin/python3
"""The key figures (K1-K7) against an independent pandas computation.

Writes a synthetic team as an exchange folder (`opkomst demo --export`),
imports it, and compares opkomst's JSON report of K1-K7 at two cut-off dates
(with and without a track filter) with the figures computed here in pandas
from the CSV files alone, following docs/key-figures.md: populations P0 and
P2 (REPORT_SPEC 0.1), shares over every P2 dossier (unknowns count as
"not"), means over the known values, the share in words by the stated rule
(re-implemented here), and every figure per year of start since 2020.
The case-study figure (K9) and group work (no data) are not computed here.
Usage: keyfigures_oracle_test.py OPKOMST_BINARY
"""
import json
import subprocess
import sys
import tempfile

import pandas as pd

BINARY = sys.argv[1]
SHARES = {
    "Geen enkel inkomen bij de start": ("income_mother", {"geen_inkomen"}),
    "Slechte huisvesting bij de start": ("housing", {"dakloos", "crisisopvang", "tijdelijk", "vast_ontoereikend"}),
    "Alleenstaand bij de start": ("family_composition", {"alleenstaand"}),
}
YEAR_TABLES = {"K2": "mothers", "K3": "pregnancy", "K4": "age", "K5": "Geen enkel inkomen bij de start",
               "K6": "Slechte huisvesting bij de start", "K7": "Alleenstaand bij de start"}
TRACKS = {"": None, "opkomst": "opkomst", "opkomst_plus": "opkomst_plus"}


def fraction(k, n):
    """The stated rule: 1 op N within 2,5 pp (nearest N, ties to the smaller), else k op 10."""
    share = k / n
    near = [(abs(share - 1 / m), m) for m in range(2, 11) if abs(share - 1 / m) <= 0.025 + 1e-12]
    if near:
        return f"1 op {min(near)[1]}"
    tenths = int((20 * k + n) // (2 * n))
    return "minder dan 1 op 10" if tenths == 0 else f"{tenths} op 10"


def whole_months(a, b):
    """Whole months from date a to date b, negative when b is before a (CODEBOOK: child's age at start)."""
    if b < a:
        return -whole_months(b, a)
    return (b.year - a.year) * 12 + b.month - a.month - (b.day < a.day)


def child_age(start, birth, due, registered):
    """From the birth date, else the due date, else the registered number."""
    for date in (birth, due):
        if not pd.isna(date):
            return whole_months(date, start)
    return registered


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


class Oracle:
    def __init__(self, folder, as_of, track):
        d = pd.read_csv(f"{folder}/dossiers.csv", parse_dates=["start_date", "child_birth_date", "due_date"],
                        dtype={"dossier_id": str})
        d["child_age_months_at_start"] = [child_age(*r) for r in zip(
            d.start_date, d.child_birth_date, d.due_date, d.child_age_months_at_start)]
        m = pd.read_csv(f"{folder}/measurements.csv", dtype=str, keep_default_na=False)
        as_of = pd.Timestamp(as_of)
        if track:
            d = d[d.track == track]
        self.p0 = d[(d.start_date <= pd.Timestamp(as_of.year, 12, 31)) & (d.start_date >= "2020-01-01")]
        self.p2 = d[(d.start_date <= as_of) & (d.trajectory_number == 1)]
        self.start = m[m.moment == "start"].set_index("dossier_id")

    def value(self, figure, p0, p2):
        if figure == "mothers":
            return len(p0), len(p0)
        if figure in ("pregnancy", "age"):
            column = "child_age_months_at_start" if figure == "pregnancy" else "mother_age_at_start"
            known = p2[column].dropna() + (9 if figure == "pregnancy" else 0)
            return (known.mean() if len(known) else None), len(known)
        variable, codes = SHARES[figure]
        if len(p2) == 0:
            return None, 0
        values = self.start[variable].reindex(p2.dossier_id).fillna("")
        k = int(values.isin(codes).sum())
        return 100 * k / len(p2), (k, len(p2))

    def split(self, p, track):
        return p if track is None else p[p.track == track]


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)


def compare(folder, db, as_of, track):
    report = json.loads(run("report", "--db", db, "--as-of", as_of, "--format", "json", "--tables",
                            "K1,K2,K3,K4,K5,K6,K7", *(["--track", track] if track else [])))
    tables = {t["id"]: t for t in report["tables"]}
    o = Oracle(folder, as_of, track)
    failed = checked = 0

    def check(where, cell, expected, extra):
        nonlocal failed, checked
        checked += 1
        got = None if cell["kind"] in ("none", "empty") else cell.get("value")
        if cell["kind"] == "count":
            got = cell["count"]
        if not close(got, expected):
            print(f"FAIL {where}: opkomst {got}, pandas {expected}")
            failed += 1
        elif cell["kind"] == "percent" and (cell["count"], cell["denominator"]) != extra:
            print(f"FAIL {where}: opkomst {cell['count']}/{cell['denominator']}, pandas {extra}")
            failed += 1

    k1 = {r["label"]: r["cells"] for r in tables["K1"]["rows"]}
    rows = [("Moeders (trajecten) sinds januari 2020", "mothers", None),
            ("Zwangerschapsmaand bij de start, gemiddeld", "pregnancy", None),
            ("Leeftijd mama bij de start, gemiddeld (Opkomst)", "age", "opkomst"),
            ("Leeftijd mama bij de start, gemiddeld (Opkomst+)", "age", "opkomst_plus"),
            ("Leeftijd mama bij de start, gemiddeld (alle trajecten)", "age", None),
            ("Alleenstaand bij de start (Opkomst+)", "Alleenstaand bij de start", "opkomst_plus")]
    rows += [(label, label, None) for label in SHARES]
    for label, figure, in_track in rows:
        value, extra = o.value(figure, o.split(o.p0, in_track), o.split(o.p2, in_track))
        cells = k1[label]
        check(f"{as_of} {track or 'alle'} K1 / {label}", cells[0], value, extra)
        if cells[0]["kind"] == "percent" and cells[1]["text"] != fraction(*extra):
            print(f"FAIL {label}: in words opkomst {cells[1]['text']!r}, pandas {fraction(*extra)!r}")
            failed += 1
    for table, figure in YEAR_TABLES.items():
        by_year = {r["label"]: r["cells"] for r in tables[table]["rows"]}
        source = o.p0 if figure == "mothers" else o.p2
        years = sorted(y for y in source.start_date.dt.year.unique() if y >= 2020)
        if sorted(int(y) for y in by_year) != years:
            print(f"FAIL {table}: years {sorted(by_year)}, pandas {years}")
            failed += 1
        for year in years:
            in_year = lambda p: p[p.start_date.dt.year == year]
            for column, in_track in enumerate(["opkomst_plus", "opkomst", None]):
                value, extra = o.value(figure, o.split(in_year(o.p0), in_track), o.split(in_year(o.p2), in_track))
                if figure == "mothers" and value == 0:
                    value = 0
                check(f"{as_of} {track or 'alle'} {table} / {year} / {column}", by_year[str(year)][column], value,
                      extra)
    return checked, failed


def main():
    with tempfile.TemporaryDirectory(prefix="opkomst-kf-oracle-") as work:
        run("demo", "--export", work + "/in", "--dossiers", "600", "--seed", "16")
        db = "sqlite:" + work + "/k.db"
        run("import", "--db", db, work + "/in")
        checked = failed = 0
        for as_of, track in [("2023-09-30", ""), ("2022-06-30", ""), ("2023-12-31", "opkomst_plus")]:
            c, f = compare(work + "/in", db, as_of, track)
            checked, failed = checked + c, failed + f
    print(f"{checked} key-figure cells compared with pandas, {failed} differences")
    return 1 if failed or checked < 50 else 0


if __name__ == "__main__":
    sys.exit(main())
