#!/usr/bin/python3
"""An independent pandas implementation of Tables 1-26 of the report, for
the report benchmark (bench/report.sh): reads the exchange folder the
benchmark exported, computes the tables with REPORT_SPEC's rules and prints
the seconds it took. With --check REPORT.json it also compares its cells
with opkomst's JSON report of the same data (counts and shares).
Usage: pandas_report.py FOLDER AS_OF [--check REPORT.json]"""
import json
import sys
import time

import os

import numpy as np
import pandas as pd
from scipy import stats

folder, as_of = sys.argv[1], pd.Timestamp(sys.argv[2])
t0 = time.perf_counter()
d = pd.read_csv(f"{folder}/dossiers.csv", usecols=["dossier_id", "trajectory_number", "track", "start_date", "end_date",
                                                   "child_age_months_at_start", "mother_age_at_start"],
                parse_dates=["start_date", "end_date"], dtype={"dossier_id": str, "track": "category"})
m = pd.read_csv(f"{folder}/measurements.csv", dtype="category", keep_default_na=False)
m["dossier_id"] = m["dossier_id"].astype(str)
sc = pd.read_csv(f"{folder}/scores.csv", usecols=["dossier_id", "moment", "indicator", "score"],
                 dtype={"dossier_id": str, "moment": np.int16, "indicator": "category", "score": str},
                 keep_default_na=False)
iv = pd.read_csv(f"{folder}/interviews.csv", dtype={"respondent_id": str, "track": "category", "indicator": "category"},
                 keep_default_na=False)
load = time.perf_counter() - t0

t1 = time.perf_counter()
year_end = pd.Timestamp(as_of.year, 12, 31)
p0 = d[d.start_date <= year_end]
p1 = d[d.start_date <= as_of]
p2 = p1[p1.trajectory_number == 1]
closed = p2.end_date.notna() & (p2.end_date <= as_of)
p3 = p2[closed | (p2.track == "opkomst_plus")]
moments = {k: g.set_index("dossier_id") for k, g in m.groupby("moment")}
start = moments["start"].reindex(p2.dossier_id)
birth = moments.get("birth", pd.DataFrame(columns=["measured_on"]))
birth_on = pd.to_datetime(birth["measured_on"].astype(str).replace("", None))
p4 = p2[p2.dossier_id.isin(birth.index[birth_on.isna() | (birth_on <= as_of)])]  # registered by the cut-off
tables = {}
tables["T1"] = {name: p.groupby("track", observed=False).size().to_dict() for name, p in
                [("P1", p1), ("P2", p2), ("P3", p3), ("P4", p4)]}
tables["T2"] = p0.groupby([p0.start_date.dt.year, "track"], observed=False).size().to_dict()
months = ((p2.end_date.fillna(as_of).dt.year - p2.start_date.dt.year) * 12
          + p2.end_date.fillna(as_of).dt.month - p2.start_date.dt.month
          - (p2.end_date.fillna(as_of).dt.day < p2.start_date.dt.day))
tables["T3"] = months.groupby([p2.track, closed]).agg(["mean", "max", "min", "size"]).to_dict()
track = p2.set_index("dossier_id").track


def shares(column, drop_unknown=False):
    values = start[column].replace("", "onbekend")
    if drop_unknown:
        values = values[~values.isin(["onbekend", "nvt"])]
    by_track = pd.crosstab(values, track.reindex(values.index), normalize="columns") * 100
    total = values.value_counts(normalize=True) * 100
    return {"by_track": by_track.round(1).to_dict(), "total": total.round(1).to_dict()}


tables["T4"] = p2.groupby("track", observed=False).child_age_months_at_start.agg(["mean", "min", "max"]).to_dict()
tables["T5"] = shares("interest_pregnancy", True)
tables["T6"] = p2.groupby("track", observed=False).mother_age_at_start.agg(["mean", "min", "max"]).to_dict()
tables["T7"] = shares("children_in_household", True)
for t, column in [("T8", "secondary_diploma"), ("T9", "employment_mother"), ("T10", "housing"), ("T11", "network")]:
    tables[t] = shares(column)
diff = [c for c in m.columns if c.startswith("diff_")]
admin = [c for c in m.columns if c.startswith("admin_")]
org = [c for c in m.columns if c.startswith("org_")]
for t, items in [("T12", diff), ("T14", admin)]:
    yes = (start[items] == "ja")
    tables[t] = {"by_track": (yes.groupby(track).mean() * 100).round(1).to_dict(),
                 "total": (yes.mean() * 100).round(1).to_dict(), "counts": yes.sum().to_dict()}
for t, items in [("T13", diff), ("T15", admin)]:
    block = start[items]
    tables[t] = {"yes": (block == "ja").sum(axis=1).groupby(track).mean().to_dict(),
                 "unknown": block.isin(["onbekend", ""]).sum(axis=1).groupby(track).mean().to_dict()}
end = moments["end"].reindex(p3.dossier_id)
p3_start = moments["start"].reindex(p3.dossier_id)
housing_end = end["housing"]
good = housing_end.isin(["vast_kwalitatief", "sociale_woning"])
known = good | housing_end.isin(["dakloos", "crisisopvang", "tijdelijk", "vast_ontoereikend"])
tables["T16"] = {label: (good[known & mask].mean() * 100) for label, mask in
                 [("arbeid", end.income_mother == "arbeid"), ("vast", end.employment_mother == "vast_contract"),
                  ("admin", (end[admin] == "ja").sum(axis=1) > 5)]}


def evolution(before, after, items):
    out = {}
    for item in items:
        keep = ~before[item].isin(["onbekend", ""])
        n = int(keep.sum())
        k0 = int((before[item][keep] == "ja").sum())
        k1 = int((after[item].reindex(before.index)[keep] == "ja").sum())
        out[item] = (n, k0, k1)
    return out


tables["T17"] = evolution(moments["start"].reindex(p4.dossier_id), moments["birth"].reindex(p4.dossier_id), admin)
tables["T18"] = evolution(p3_start, end, admin)
tables["T19"] = evolution(p3_start, end, org)


def case_study_sets(codebook):
    """(indicator -> domain, dropped indicators) of the case-study set, from data/codebook.txt."""
    domain_of, dropped, in_set, domain = {}, set(), False, None
    for line in open(codebook, encoding="utf-8"):
        parts = [p.strip() for p in line.split("|")]
        if line.startswith("indicatorset"):
            in_set = parts[0].split()[1] == "casestudy"
        elif in_set and line.startswith("domain "):
            domain = parts[0].split()[1]
        elif in_set and line.startswith("indicator "):
            name = parts[0].split()[1]
            domain_of[name] = domain
            if parts[-1] == "dropped":
                dropped.add(name)
    return domain_of, dropped


# Tables 20-25: the first and latest score of each scored family (P5) per
# indicator, pairs with two moments and both scores numeric (rule E).
domain_of, dropped = case_study_sets(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                                                  "codebook.txt"))
scored = sc[sc.dossier_id.isin(d.dossier_id)]
ordered = scored.sort_values(["dossier_id", "indicator", "moment"], kind="stable")
grouped = ordered.groupby(["dossier_id", "indicator"], observed=True, sort=False)
first, last = grouped.head(1).set_index(["dossier_id", "indicator"]), grouped.tail(1).set_index(["dossier_id", "indicator"])
pairs = first[["moment", "score"]].join(last[["moment", "score"]], lsuffix="_first", rsuffix="_last")
pairs = pairs[pairs.moment_first != pairs.moment_last]
pairs["first"] = pd.to_numeric(pairs.score_first, errors="coerce")
pairs["last"] = pd.to_numeric(pairs.score_last, errors="coerce")
pairs = pairs.dropna(subset=["first", "last"]).reset_index()
pairs["track"] = pairs.dossier_id.map(d.set_index("dossier_id").track).astype(str)
pairs = pairs[~pairs.indicator.isin(dropped)]
pairs["change"] = np.sign(pairs["last"] - pairs["first"])
by = pairs.groupby(["indicator", "track"], observed=True)
t21 = by.agg(n=("first", "size"), first=("first", "mean"), last=("last", "mean"))
t21 = t21[t21.n >= 3]
tables["T21"] = t21.to_dict()
t21_means = t21.reset_index()
t21_means["domain"] = t21_means.indicator.map(domain_of)
tables["T20"] = {"all": t21_means.groupby("track")["first"].mean().to_dict(),
                 "domains": t21_means.groupby(["domain", "track"])["first"].mean().to_dict()}
improved = pairs[pairs.change > 0].groupby(["indicator", "track"], observed=True).size()
tables["T22"] = {"improved": improved.to_dict(), "six_or_more": (improved >= 6).groupby(level="track").sum().to_dict()}
wilcoxon = {}
for key, g in by:
    if len(g) >= 3 and (g["last"] != g["first"]).any():
        wilcoxon[key] = stats.wilcoxon(g["first"], g["last"]).pvalue
tables["T22"]["wilcoxon"] = wilcoxon
for t, sign in [("T23", 1), ("T24", 0), ("T25", -1)]:
    group = pairs[pairs.change == sign].groupby(["indicator", "track"], observed=True)
    tables[t] = group.agg(n=("first", "size"), first=("first", "mean"), last=("last", "mean")).to_dict()
# Table 26: the interviews, per indicator over the mothers with both scores.
both = iv[(iv.score_start != "") & (iv.score_end != "")].copy()
both["start"], both["end"] = both.score_start.astype(float), both.score_end.astype(float)
both["change"] = np.sign(both["end"] - both["start"])
t26 = both.groupby("indicator", observed=True).agg(start=("start", "mean"), end=("end", "mean"), n=("start", "size"))
t26["improved"] = both[both.change > 0].groupby("indicator", observed=True).size()
t26["wilcoxon"] = {k: stats.wilcoxon(g["start"], g["end"]).pvalue for k, g in both.groupby("indicator", observed=True)
                   if (g["end"] != g["start"]).any()}
tables["T26"] = {"respondents": iv.respondent_id.nunique(), "rows": t26.to_dict()}
compute = time.perf_counter() - t1
print(json.dumps({"load_seconds": load, "compute_seconds": compute, "total_seconds": load + compute}))

if "--check" in sys.argv:
    ours = {t["id"]: t for t in json.load(open(sys.argv[sys.argv.index("--check") + 1]))["tables"]}
    problems = []
    for table, results in [("T17", tables["T17"]), ("T18", tables["T18"]), ("T19", tables["T19"])]:
        for row, (item, (n, k0, k1)) in zip(ours[table]["rows"], results.items()):
            cells = row["cells"]
            if cells[0].get("count") != k0 or cells[1].get("count") != k1 or (n and cells[0].get("denominator") != n):
                problems.append(f"{table} {item}: pandas {(n, k0, k1)}, opkomst {cells[0]} {cells[1]}")
    for row, (item, count) in zip(ours["T14"]["rows"], tables["T14"]["counts"].items()):
        if row["cells"][2]["count"] != count:
            problems.append(f"T14 {item}: pandas {count}, opkomst {row['cells'][2]}")
    t1_ours = ours["T1"]["rows"][2]["cells"][2]["value"]
    if t1_ours != sum(tables["T1"]["P3"].values()):
        problems.append(f"T1 impact set: pandas {tables['T1']['P3']}, opkomst {t1_ours}")
    # T21: the mean first score per indicator and track, where both compute one.
    labels = {}
    in_set = False
    for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "codebook.txt"),
                     encoding="utf-8"):
        parts = [p.strip() for p in line.split("|")]
        if line.startswith("indicatorset"):
            in_set = parts[0].split()[1] == "casestudy"
        elif in_set and line.startswith("indicator "):
            labels[parts[1]] = parts[0].split()[1]
    columns = {0: "opkomst", 1: "opkomst_plus"}
    compared = 0
    for row in ours["T21"]["rows"]:
        name = labels.get(row["label"])
        for column, track_code in columns.items():
            cell = row["cells"][column] if name and column < len(row["cells"]) else {}
            mine = tables["T21"]["first"].get((name, track_code))
            if cell.get("kind") == "number" and mine is not None:
                compared += 1
                if abs(cell["value"] - mine) > 1e-6:
                    problems.append(f"T21 {name} {track_code}: pandas {mine}, opkomst {cell['value']}")
    if tables["T21"]["first"] and not compared:
        problems.append("T21: no cell compared")
    respondents = ours["T26"]["notes"][0].split()[2]
    if int(respondents) != tables["T26"]["respondents"]:
        problems.append(f"T26 respondents: pandas {tables['T26']['respondents']}, opkomst {respondents}")
    print("\n".join(problems) if problems else "pandas and opkomst agree on T1, T14, T17-T19, T21 and T26",
          file=sys.stderr)
    sys.exit(1 if problems else 0)
