#!/usr/bin/python3
"""The press slide's key figures ("Opkomst in cijfers"), reproduced.

Builds the published-tables fixture (build_fixture.py), imports it and runs
`opkomst report --as-of 2023-09-30 --tables K1 --format json`. Every figure of
the slide (SLIDE below, copied from ../shared/seeds/002: the press slides of
16 April 2024) must come out as the slide prints it, or the row must name the
difference and the named rule must hold (NAMED: each checked on the engine's
own numbers, so the list stays true). The K1 row's published column must be
the slide's value (the baseline is data, not the test's).
Usage: keyfigures_published_test.py OPKOMST_BINARY REPORT_SPEC.md
"""
import json
import os
import subprocess
import sys
import tempfile

BINARY, SPEC = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))

# K1 row label -> what the slide prints.
SLIDE = {
    "Moeders (trajecten) sinds januari 2020": "323",
    "Zwangerschapsmaand bij de start, gemiddeld": "7",
    "Leeftijd mama bij de start, gemiddeld (Opkomst)": "29",
    "Leeftijd mama bij de start, gemiddeld (Opkomst+)": "22",
    "Leeftijd mama bij de start, gemiddeld (alle trajecten)": "29",
    "Geen enkel inkomen bij de start": "1 op 3",
    "Slechte huisvesting bij de start": "4 op 10",
    "Alleenstaand bij de start": "1 op 5",
    "Alleenstaand bij de start (Opkomst+)": "2 op 4",
    "Deelname aan de groepswerking": "1 op 3",
    "Deelname aan de groepswerking (Opkomst+)": "6%",
    "Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst)": "5",
    "Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst+)": "10",
}


def shown(row):
    """What the page shows for a row: the share in words, else the value."""
    value, phrase = row["cells"][0], row["cells"][1]
    return phrase["text"] if phrase.get("text") else value["text"]


def named_rules(rows, t2_total):
    """Each named difference with a check of its rule on the engine's numbers."""
    def cell(label, i):
        return rows[label]["cells"][i]
    return {
        # I-4: the 323 'mothers' are Table 2's trajectories, second ones included.
        "Moeders (trajecten) sinds januari 2020": cell("Moeders (trajecten) sinds januari 2020", 0)["count"] == t2_total,
        # I-37: 29 is Opkomst's mean; the overall mean is about 28,6.
        "Leeftijd mama bij de start, gemiddeld (Opkomst)":
            shown(rows["Leeftijd mama bij de start, gemiddeld (Opkomst)"]) == "29",
        "Leeftijd mama bij de start, gemiddeld (alle trajecten)":
            abs(cell("Leeftijd mama bij de start, gemiddeld (alle trajecten)", 0)["value"] - 28.6) < 0.1,
        # 2 op 4 is the unreduced 8 of 16 = 50%: the rule says 1 op 2.
        "Alleenstaand bij de start (Opkomst+)":
            (cell("Alleenstaand bij de start (Opkomst+)", 2)["count"],
             cell("Alleenstaand bij de start (Opkomst+)", 3)["count"]) == (8, 16)
            and shown(rows["Alleenstaand bij de start (Opkomst+)"]) == "1 op 2",
        # I-38: group work is not registered yet: the figure says so.
        "Deelname aan de groepswerking": shown(rows["Deelname aan de groepswerking"]) == "nog geen gegevens",
        "Deelname aan de groepswerking (Opkomst+)":
            shown(rows["Deelname aan de groepswerking (Opkomst+)"]) == "nog geen gegevens",
        # I-19: the printed 5 / 10 count indicators with 5 or more improvers.
        "Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst)":
            shown(rows["Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst)"]) == "5",
        "Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst+)":
            shown(rows["Indicatoren met vooruitgang bij minstens 5 gezinnen (Opkomst+)"]) == "10",
    }


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


def main():
    work = tempfile.mkdtemp(prefix="opkomst-keyfigures-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "build_fixture.py"), work + "/in", SPEC], check=True,
                       capture_output=True)
        db = "sqlite:" + work + "/r.db"
        run("import", "--db", db, work + "/in")
        report = json.loads(run("report", "--db", db, "--as-of", "2023-09-30", "--format", "json", "--tables",
                                "K1,K9,T2"))
    finally:
        subprocess.run(["rm", "-rf", work])
    k1, k9, t2 = report["tables"]
    rows = {r["label"]: r for r in k1["rows"] + k9["rows"]}
    t2_total = next(r for r in t2["rows"] if r["label"] == "Totaal")["cells"][-1]["count"]
    rules = named_rules(rows, t2_total)
    failed = 0
    if set(rows) != set(SLIDE):
        print(f"FAIL K1 rows {sorted(rows)} are not the slide's figures {sorted(SLIDE)}")
        failed += 1
    for label, slide in SLIDE.items():
        row = rows.get(label)
        if row is None:
            continue
        published, difference = row["cells"][4]["text"], row["cells"][5].get("text", "")
        if published != slide:
            print(f"FAIL {label}: the baseline says {published!r}, the slide {slide!r}")
            failed += 1
        if label in rules:
            if not difference:
                print(f"FAIL {label}: a known difference with the slide is not named")
                failed += 1
            if not rules[label]:
                print(f"FAIL {label}: the named rule does not hold ({difference}); row {row['cells'][:4]}")
                failed += 1
        elif shown(row) != slide:
            print(f"FAIL {label}: the slide says {slide}, the engine {shown(row)} (no named difference)")
            failed += 1
        elif difference:
            print(f"FAIL {label}: reproduced, yet a difference is named: {difference}")
            failed += 1
    print(f"{len(SLIDE)} key figures compared with the press slide, {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
