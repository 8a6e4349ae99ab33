#!/usr/bin/python3
"""Builds an exchange folder from the evaluation's published tables.

The dossiers are invented; their values are chosen so that the report's
published cells (REPORT_SPEC.md, Tables 1-15, 17-19, 26, 27, 29) come out of
`opkomst report --as-of 2023-09-30`. Counts that the report only implies are
taken from REPORT_SPEC's [D] derivations. Deterministic: the same folder on
every run. Usage: build_fixture.py OUTPUT_DIR [REPORT_SPEC.md]  (the spec adds the case study, Tables 20-25)
"""
import csv
import datetime as dt
import os
import random
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

CUTOFF = dt.date(2023, 9, 30)
rng = random.Random(20231)


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, min(d.day, 28))


# ---- dossiers: tracks, years, durations (Tables 1-3) ------------------------
dossiers = []  # dicts


def new(track, start, end=None, trajectory=1, mother=None):
    i = len(dossiers) + 1
    d = dict(dossier_id=f"R{i:04d}", mother_id=mother or f"MR{i:04d}", trajectory_number=trajectory,
             track=track, start_date=start, end_date=end, measurements={}, tags=set())
    dossiers.append(d)
    return d


def month_start(year, month, day=10):
    return dt.date(year, month, day)


def running_start(months):  # whole months to the cut-off == months
    return add_months(dt.date(2023, 9, 28), -months)


# Opkomst+ running (8): durations sum 93, max 22, min 0 (2021: 2, 2022: 4, 2023: 2).
for m in [22, 21, 18, 12, 10, 9, 1, 0]:
    new("opkomst_plus", running_start(m)).update(duration=m)
# Opkomst+ closed (8): sum 57, max 17, min 2; started 2021 (6) and 2022 (2).
for k, m in enumerate([17, 2, 7, 7, 6, 6, 6, 6]):
    start = month_start(2021, 2 + k) if k < 6 else month_start(2022, 2 + k)
    new("opkomst_plus", start, add_months(start, m)).update(duration=m)
# Opkomst running (38): sum 144, max 22, min 0; one each in 2021 and 2022, 36 in 2023.
running = [22, 12] + [0] + [1] * 6 + [2] * 6 + [3] * 6 + [4] * 6 + [5] * 5 + [6] * 4 + [8] * 2
assert len(running) == 38 and sum(running) == 144 - 0 or True
while sum(running) > 144:
    running[running.index(max(r for r in running[2:]))] -= 1
while sum(running) < 144:
    running[running.index(min(r for r in running[3:]))] += 1
assert len(running) == 38 and sum(running) == 144 and max(running) == 22 and min(running) == 0
for m in running:
    new("opkomst", running_start(m)).update(duration=m)
# Opkomst closed (230): sum 1461 (6,35), max 28, min 0; 2020: 61, 2021: 87, 2022: 65, 2023: 17.
years = [2020] * 61 + [2021] * 87 + [2022] * 65 + [2023] * 17
durations = [28, 0] + [6] * 228
durations[2:2 + 1461 - sum(durations)] = [d + 1 for d in durations[2:2 + 1461 - sum(durations)]]
assert sum(durations) == 1461 and len(durations) == 230
durations.sort(reverse=True)  # the longest for the earliest starts, the 0 for a 2023 one
for k, year in enumerate(years):
    m = durations[k]
    start = month_start(year, 1 + k % 12 if year < 2023 else 1 + k % 2, 5)
    end = add_months(start, m)
    if end > CUTOFF:
        end = CUTOFF
    new("opkomst", start, end).update(duration=m)
# fix the closed Opkomst duration sum after 2023 trimming
closed = [d for d in dossiers if d["track"] == "opkomst" and d["end_date"]]
def months(a, b):
    n = (b.year - a.year) * 12 + b.month - a.month
    return n - (b.day < a.day)
total = sum(months(d["start_date"], d["end_date"]) for d in closed)
for d in closed:
    if total == 1461:
        break
    if d["start_date"].year < 2022 and months(d["start_date"], d["end_date"]) < 27:
        step = 1 if total < 1461 else -1
        d["end_date"] = add_months(d["end_date"], step)
        total += step
assert total == 1461, total
P2 = list(dossiers)
# Second trajectories (3 Opkomst+, 15 Opkomst), only in P1.
firsts_plus = [d for d in P2 if d["track"] == "opkomst_plus" and d["start_date"].year == 2021]
firsts = [d for d in P2 if d["track"] == "opkomst" and d["start_date"].year == 2020]
for k, (year, month) in enumerate([(2022, 6), (2023, 2), (2023, 5)]):
    new("opkomst_plus", dt.date(year, month, 12), None, 2, firsts_plus[k]["mother_id"]).update(second=True)
for k, (year, month) in enumerate([(2021, 3)] * 4 + [(2022, 4)] * 5 + [(2023, 3)] * 6):
    new("opkomst", dt.date(year, month + k % 3, 12), add_months(dt.date(year, month + k % 3, 12), 5), 2,
        firsts[k]["mother_id"]).update(second=True)
# After the cut-off, in Table 2 only: Opkomst+ 1, Opkomst 20 (October to December 2023).
new("opkomst_plus", dt.date(2023, 11, 6))
for k in range(20):
    new("opkomst", dt.date(2023, 10 + k % 3, 3 + k))

plus = [d for d in P2 if d["track"] == "opkomst_plus"]
regular = [d for d in P2 if d["track"] == "opkomst"]
running_reg = [d for d in regular if not d["end_date"]]
closed_reg = [d for d in regular if d["end_date"]]
P3 = plus + closed_reg
assert len(plus) == 16 and len(regular) == 268 and len(P3) == 246 and len(running_reg) == 38

# P4 (birth moment, 50): 4 Opkomst+ started from September 2022, the 36 most
# recent closed and 10 running Opkomst dossiers. (Table 17's "Aandacht voor
# spel" needs running ones; Table 15 allows the running few unknown items.)
p4_plus = [d for d in plus if d["start_date"] >= dt.date(2022, 9, 1) and d.get("duration", 99) > 0][:4]
p4_closed = sorted(closed_reg, key=lambda d: d["start_date"])[-36:]
p4_running = running_reg[-10:]
P4 = p4_plus + p4_closed + p4_running
assert len(p4_plus) == 4 and len(P4) == 50


def assign(population, counts, name, moment="start"):
    """Gives `population` the codes of `counts` ({code: n}), shuffled."""
    values = [code for code, n in counts.items() for _ in range(n)]
    assert len(values) == len(population), (name, len(values), len(population))
    rng.shuffle(values)
    for d, v in zip(population, values):
        d["measurements"].setdefault(moment, {})[name] = v


def by_track(name, plus_counts, regular_counts):
    assign(plus, plus_counts, name)
    assign(regular, regular_counts, name)


# ---- Tables 5-11: one variable each ----------------------------------------
by_track("interest_pregnancy", {"3": 4, "4": 7, "5": 5},
         {"1": 1, "2": 2, "3": 38, "4": 146, "5": 24, "onbekend": 40, "": 17})
by_track("children_in_household", {"0": 4, "1": 11, "2": 1},
         {"0": 113, "1": 72, "2": 30, "3": 19, "4": 9, "5": 1, "6": 2, "": 22})
by_track("secondary_diploma", {"neen": 9, "neen_studeert": 1, "ja": 2, "onbekend": 4},
         {"neen": 74, "neen_studeert": 11, "ja": 56, "onbekend": 114, "nvt": 13})
by_track("employment_mother", {"geen_werk": 12, "activering": 1, "onbekend": 3},
         {"geen_werk": 145, "intensief_op_zoek": 1, "activering": 4, "interim": 3, "vast_contract": 58,
          "onregelmatig": 1, "onbekend": 45, "nvt": 11})
by_track("network", {"een": 3, "twee_drie": 5, "vier_plus": 6, "enkel_hulpverleners": 1, "onbekend": 1},
         {"geen": 7, "een": 17, "twee_drie": 84, "vier_plus": 42, "enkel_hulpverleners": 5, "onbekend": 113})
# Housing (Table 10): 68 unknown at start, 61 of them in the impact set (Figure 9: N = 185).
housing = {"dakloos": 10, "crisisopvang": 5, "tijdelijk": 34, "vast_ontoereikend": 72, "vast_kwalitatief": 94,
           "sociale_woning": 1}
assign(running_reg, {"onbekend": 7, "vast_kwalitatief": 20, "vast_ontoereikend": 11}, "housing")
rest = dict(housing)
rest["vast_kwalitatief"] -= 20
rest["vast_ontoereikend"] -= 11
rest["onbekend"] = 61
assign(P3, rest, "housing")

# ---- Tables 27/28: mother's income x family composition at start ----------
cells = {  # income -> [alleenstaand, koppel nieuw, koppel beide, onbekend/nvt]
    "geen_inkomen": [12, 5, 71, 1], "leefloon": [21, 4, 23, 2], "arbeid": [11, 5, 39, 1],
    "uitkering": [12, 3, 20, 1], "onbekend": [5, 3, 17, 16], "nvt": [1, 1, 5, 5]}
composition = ["alleenstaand", "koppel_nieuw_samengesteld", "koppel_beide", "onbekend"]
pairs = [(income, composition[c]) for income, row in cells.items() for c, n in enumerate(row) for _ in range(n)]
# Opkomst+: 8 single mothers (Figure 7).
plus_pairs = [p for p in pairs if p[1] == "alleenstaand"][:8] + [p for p in pairs if p[1] == "koppel_beide"][:8]
for p in plus_pairs:
    pairs.remove(p)
rng.shuffle(pairs)
for d, (income, comp) in zip(plus + regular, plus_pairs + pairs):
    d["measurements"].setdefault("start", {}).update(income_mother=income, family_composition=comp)
# One of each "Uitkering of tegemoetkoming" code family, to exercise the collapse.
for d, code in zip([d for d in P2 if d["measurements"]["start"]["income_mother"] == "uitkering"][:3],
                   ["werkloosheidsvergoeding", "ziektevergoeding", "tegemoetkoming"]):
    d["measurements"]["start"]["income_mother"] = code

# ---- Tables 12/13, 14/15, 17, 18, 19: yes/no/unknown items -----------------
DIFF = ["diff_anxiety", "diff_depression", "diff_domestic_violence", "diff_substance_abuse",
        "diff_smoking_household", "diff_smoking_mother_pregnancy", "diff_difficult_cohabitation"]
DIFF_YES = [(0, 11), (1, 14), (5, 13), (3, 8), (4, 19), (2, 8), (12, 50)]
ADMIN = ["admin_child_benefit", "admin_hospitalisation_insurance", "admin_gp", "admin_kind_en_gezin",
         "admin_childcare", "admin_health_insurance_fund", "admin_debt_followup", "admin_preschool_enrolment",
         "admin_social_housing_registration", "admin_attention_to_play", "admin_baby_equipment", "admin_vdab"]
ADMIN_YES = [(13, 92), (4, 30), (7, 169), (9, 69), (5, 61), (12, 185), (7, 85), (1, 19), (6, 72), (1, 18), (9, 61),
             (6, 32)]
# (n known at start, yes at start, yes at the later moment); Groeipakket uses the
# consistent reading of I-13 (the published percentages).
T17 = [(40, 23, 34), (46, 5, 7), (31, 25, 26), (17, 13, 15), (41, 14, 18), (48, 40, 43), (25, 24, 24), (37, 8, 9),
       (30, 14, 17), (17, 7, 10), (43, 15, 30), (29, 8, 8)]
T18 = [(162, 88, 123), (235, 27, 34), (221, 153, 168), (117, 69, 95), (164, 54, 96), (240, 167, 187),
       (91, 65, 64), (54, 10, 10), (128, 64, 77), (34, 6, 11), (157, 59, 108), (115, 34, 36)]
ORG = ["org_sociaal_huis", "org_caw", "org_ckg", "org_one_family_one_plan", "org_fjc", "org_go_team",
       "org_group_work", "org_kind_en_gezin", "org_maternity_midwife", "org_oikonde", "org_parenting_shop",
       "org_asylum_migration", "org_work_activation", "org_wel_en_wee", "org_other"]
T19 = [(207, 78, 78), (177, 11, 11), (177, 9, 11), (100, 0, 0), (60, 5, 5), (217, 10, 11), (63, 16, 18),
       (120, 64, 92), (134, 38, 82), (60, 3, 3), (207, 60, 58), (58, 12, 12), (59, 4, 3), (45, 9, 10),
       (152, 36, 40)]

g_plus_p4 = p4_plus
g_plus_rest = [d for d in plus if d not in p4_plus]
g_reg_both = p4_closed
g_reg_p3 = [d for d in closed_reg if d not in p4_closed]
g_running_p4 = p4_running
g_running = [d for d in running_reg if d not in p4_running]
GROUPS = [g_plus_p4, g_plus_rest, g_reg_both, g_reg_p3, g_running_p4, g_running]
IN_P3 = [1, 1, 1, 1, 0, 0]
IN_P4 = [1, 0, 1, 0, 1, 0]
IS_PLUS = [1, 1, 0, 0, 0, 0]


def solve_admin():
    """Counts of yes / no / unknown at start per item and group (one MILP)."""
    items, groups = len(ADMIN), len(GROUPS)
    nvar = items * groups * 3
    idx = lambda i, g, v: (i * groups + g) * 3 + v  # v: 0 yes, 1 no, 2 unknown
    rows, lo, hi = [], [], []

    def constraint(coefs, low, high):
        row = np.zeros(nvar)
        for k, c in coefs:
            row[k] += c
        rows.append(row), lo.append(low), hi.append(high)

    for i in range(items):
        for g in range(groups):
            constraint([(idx(i, g, v), 1) for v in range(3)], len(GROUPS[g]), len(GROUPS[g]))
        a, b = ADMIN_YES[i]
        constraint([(idx(i, g, 0), 1) for g in range(groups) if IS_PLUS[g]], a, a)
        constraint([(idx(i, g, 0), 1) for g in range(groups) if not IS_PLUS[g]], b, b)
        n18, k18, _ = T18[i]
        constraint([(idx(i, g, v), 1) for g in range(groups) if IN_P3[g] for v in (0, 1)], n18, n18)
        constraint([(idx(i, g, 0), 1) for g in range(groups) if IN_P3[g]], k18, k18)
        n17, k17, _ = T17[i]
        constraint([(idx(i, g, v), 1) for g in range(groups) if IN_P4[g] for v in (0, 1)], n17, n17)
        constraint([(idx(i, g, 0), 1) for g in range(groups) if IN_P4[g]], k17, k17)
    # Table 15, row 2: unknown items, 56 for Opkomst+ and 1208-1219 for Opkomst.
    constraint([(idx(i, g, 2), 1) for i in range(items) for g in range(groups) if IS_PLUS[g]], 56, 56)
    constraint([(idx(i, g, 2), 1) for i in range(items) for g in range(groups) if not IS_PLUS[g]], 1208, 1219)
    res = milp(c=np.zeros(nvar), constraints=LinearConstraint(np.array(rows), lo, hi), integrality=np.ones(nvar),
               bounds=Bounds(0, 300))
    assert res.success, res.message
    x = np.round(res.x).astype(int)
    return {(i, g): (x[idx(i, g, 0)], x[idx(i, g, 1)], x[idx(i, g, 2)]) for i in range(items) for g in range(groups)}


def later(population_start, k_start, k_later):
    """Later values for dossiers known at start: k_later yes in total."""
    yes = [d for d in population_start if d[1] == "ja"]
    no = [d for d in population_start if d[1] == "nee"]
    out = {}
    keep = min(k_start, k_later) if k_later >= k_start else k_later
    gained = k_later - keep
    for k, (d, _) in enumerate(yes):
        out[id(d)] = "ja" if k < keep else "nee"
    for k, (d, _) in enumerate(no):
        out[id(d)] = "ja" if k < gained else "nee"
    return out


counts = solve_admin()
for i, item in enumerate(ADMIN):
    for g, group in enumerate(GROUPS):
        yes, no, unknown = counts[(i, g)]
        assign(group, {"ja": yes, "nee": no, "onbekend": unknown}, item)
    starts = lambda pop: [(d, d["measurements"]["start"][item]) for d in pop
                          if d["measurements"]["start"][item] != "onbekend"]
    end = later(starts(P3), T18[i][1], T18[i][2])
    birth = later(starts(P4), T17[i][1], T17[i][2])
    for d in P3:
        d["measurements"].setdefault("end", {})[item] = end.get(id(d), "onbekend")
    for d in P4:
        d["measurements"].setdefault("birth", {})[item] = birth.get(id(d), "onbekend")
# Difficulties (Tables 12/13): unknown items 28 (Opkomst+) and 809 (Opkomst).
plus_unknown, reg_unknown = [4] * 7, [115] * 7
reg_unknown[0] += 809 - sum(reg_unknown)
for i, item in enumerate(DIFF):
    a, b = DIFF_YES[i]
    assign(plus, {"ja": a, "onbekend": plus_unknown[i], "nee": 16 - a - plus_unknown[i]}, item)
    assign(regular, {"ja": b, "onbekend": reg_unknown[i], "nee": 268 - b - reg_unknown[i]}, item)
# Organisations (Table 19), impact set only.
for i, item in enumerate(ORG):
    n, k_start, k_end = T19[i]
    assign(P3, {"ja": k_start, "nee": n - k_start, "onbekend": 246 - n}, item)
    known = [(d, d["measurements"]["start"][item]) for d in P3 if d["measurements"]["start"][item] != "onbekend"]
    end = later(known, k_start, k_end)
    for d in P3:
        d["measurements"].setdefault("end", {})[item] = end.get(id(d), "onbekend")

# ---- Table 29: mother's income x composition at the end (P3) --------------
end_cells = {"geen_inkomen": [10, 3, 62, 0], "leefloon": [17, 4, 22, 2], "tegemoetkoming": [0, 0, 1, 0],
             "arbeid": [9, 5, 30, 1], "werkloosheidsvergoeding": [1, 0, 2, 0], "ziektevergoeding": [0, 1, 4, 0],
             "uitkering": [10, 2, 7, 1], "onbekend": [10, 3, 30, 9]}
pairs = [(inc, composition[c]) for inc, row in end_cells.items() for c, n in enumerate(row) for _ in range(n)]
assert len(pairs) == 246
rng.shuffle(pairs)
for d, (income, comp) in zip(P3, pairs):
    d["measurements"]["end"].update(income_mother=income, family_composition=comp)

# ---- Table 16: end housing of the dossiers with work income, a permanent
# contract or more than five items in order (row shares over known housing).
BAD, GOOD = ["tijdelijk", "vast_ontoereikend"], ["vast_kwalitatief", "sociale_woning"]
in_order = {id(d) for d in P3 if sum(d["measurements"]["end"][a] == "ja" for a in ADMIN) > 5}
work = [d for d in P3 if d["measurements"]["end"]["income_mother"] == "arbeid"]
work.sort(key=lambda d: id(d) in in_order)  # dossiers outside the admin row first
housing_end = {}
for k, d in enumerate(work):  # 11 bad, 28 good, 6 unknown (45 with work income)
    housing_end[id(d)] = BAD[k % 2] if k < 11 else GOOD[k % 2] if k < 39 else "onbekend"
contract = [d for d in work if housing_end[id(d)] in BAD][:7] + [d for d in work if housing_end[id(d)] in GOOD][:15]
targets = {"bad": 13, "good": 22}  # more than five items in order: 13 bad, 22 good
for d in P3:
    if id(d) in in_order and id(d) in housing_end:
        quality = "bad" if housing_end[id(d)] in BAD else "good" if housing_end[id(d)] in GOOD else None
        if quality:
            targets[quality] -= 1
assert min(targets.values()) >= 0, targets
for k, d in enumerate(d for d in P3 if id(d) in in_order and id(d) not in housing_end):
    if targets["bad"] > 0:
        housing_end[id(d)], targets["bad"] = BAD[k % 2], targets["bad"] - 1
    elif targets["good"] > 0:
        housing_end[id(d)], targets["good"] = GOOD[k % 2], targets["good"] - 1
    else:
        housing_end[id(d)] = "onbekend"
assert targets == {"bad": 0, "good": 0}, targets
contract_ids = {id(d) for d in contract}
for d in P3:
    end = d["measurements"]["end"]
    start_housing = d["measurements"]["start"].get("housing", "onbekend")
    end["housing"] = housing_end.get(id(d), start_housing)
    end["employment_mother"] = "vast_contract" if id(d) in contract_ids else "geen_werk"

# ---- Tables 4 and 6: the child's and the mother's age ----------------------
plus_child = [14, 10, 8, 6, 5, 4, 3, 2, 1, 0, 0, -1, -5, -5, -7]  # 15, sum 35: 2,3
reg_child = [7, 2] + [-8] * 4 + [-3] * 65
reg_child[2:2 + (sum(reg_child) + 206)] = [v + 1 for v in reg_child[2:2 + (sum(reg_child) + 206)]] if False else reg_child[2:2 + (sum(reg_child) + 206)]
while sum(reg_child) < -206:
    j = next(k for k, v in enumerate(reg_child) if -8 < v < 0 and k > 5)
    reg_child[j] += 1
assert len(reg_child) == 71 and sum(reg_child) == -206, sum(reg_child)
for d, age in zip(plus, plus_child):
    d["child_age"] = age
for d, age in zip(regular[:71], reg_child):
    d["child_age"] = age
plus_age = [17, 26] + [22] * 14
reg_age = [16, 50] + [29] * 255
reg_age[2] -= sum(reg_age) - 29 * 257  # exact mean 29
for d, age in zip(plus, plus_age):
    d["mother_age"] = age
for d, age in zip(regular[:257], reg_age):
    d["mother_age"] = age

# ---- Table 26: the nine interviews ------------------------------------------
T26 = [  # indicator, valid pairs, sum start, sum end, up, equal, down
    ("quality_housing", 8, 16, 30, 8, 0, 0), ("stable_income", 8, 18, 29, 5, 3, 0),
    ("debt_free", 8, 20, 24, 3, 4, 1), ("overview_admin_rights", 9, 18, 34, 9, 0, 0),
    ("insight_income_expenses", 8, 16, 29, 7, 1, 0), ("employment_daytime_training", 7, 9, 22, 6, 1, 0),
    ("physical_mental_health", 9, 21, 32, 6, 2, 1), ("knowledge_parenting_pregnancy", 9, 20, 32, 8, 1, 0),
    ("sufficient_baby_care", 8, 18, 28, 7, 1, 0), ("warm_feeling_baby", 9, 28, 34, 4, 5, 0),
    ("no_unhealthy_stress", 9, 13, 29, 9, 0, 0), ("confidence_as_mother", 9, 22, 32, 7, 2, 0),
    ("confidence_relationships", 9, 18, 27, 7, 2, 0), ("network_support_baby", 9, 18, 33, 7, 2, 0),
    ("trust_services", 9, 24, 32, 5, 4, 0), ("self_reliance_services", 9, 17, 29, 9, 0, 0)]


def interview_pairs(n, s_start, s_end, up, equal, down):
    """Random search for n (start, end) pairs in 1..4 with the given sums and moves."""
    search = random.Random(n * 1000 + s_start * 10 + s_end)
    for _ in range(200000):
        pairs = []
        for kind in ["up"] * up + ["eq"] * equal + ["down"] * down:
            if kind == "up":
                a = search.randint(1, 3)
                pairs.append((a, search.randint(a + 1, 4)))
            elif kind == "eq":
                a = search.randint(1, 4)
                pairs.append((a, a))
            else:
                a = search.randint(2, 4)
                pairs.append((a, search.randint(1, a - 1)))
        if sum(p[0] for p in pairs) == s_start and sum(p[1] for p in pairs) == s_end:
            return pairs
    raise SystemExit(f"no interview pairs for {n} {s_start} {s_end}")


mothers = [f"Mama {k}" for k in range(1, 10)]
mother_track = {m: ("opkomst_plus" if k in (1, 3, 6, 7, 8, 9) else "opkomst") for k, m in enumerate(mothers, 1)}
interviews = []
for name, n, s0, s1, up, eq, down in T26:
    pairs = interview_pairs(n, s0, s1, up, eq, down)
    for k, m in enumerate(mothers):
        start, end = pairs[k] if k < n else (None, None)
        interviews.append(dict(respondent_id=m, track=mother_track[m], indicator=name,
                               score_start=start or "", score_end=end or ""))

# ---- Tables 21-25: the case study (21 families) -----------------------------
# Read from REPORT_SPEC.md (second argument): per indicator and track, the
# number of improved / stable / declined families and their mean scores.
INDICATORS = ["residence", "housing_affordability", "income", "baby_equipment", "savings", "social_rights", "debts",
              "physical_health", "mental_health", "health_access_knowledge", "health_access_financial", "leisure",
              "insight_admin_finance", "administration", "self_reliance_fin_adm", "pregnancy_lifestyle",
              "pregnancy_preparation", "living_sleeping_environment", "structure", "attachment", "nutrition_hygiene",
              "confidence_mother_role", "stress", "network", "safety_net", "romantic_relationship",
              "confidence_relationships", "trust_services", "parenting_figures", "self_reliance_services"]


def spec_table(text, number):
    section = text.split("\n### Table %d:" % number)[1]
    rows = []
    for line in section[section.find("**Published"):].split("\n")[1:]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells[0] and not cells[0].startswith("**") and not set("".join(cells)) <= set("-: ") and \
                    cells[0] != "Indicator":
                rows.append(cells)
        elif rows:
            break
    return rows


def to_number(text):
    return None if text in ("-", "/", "") else float(text.replace(",", "."))


def scores_for(n, mean1, mean2, status, seed):
    """n (M1, M2) pairs in 1..5 whose means round to mean1, mean2 and whose
    moves all have `status` (1 up, 0 equal, -1 down); None if impossible.
    Starts from the flattest vectors with the right sums, paired in order,
    then tries random unit moves."""
    search = random.Random(seed)

    def sums(mean):
        return [t for t in range(n, 5 * n + 1) if abs(t / n - mean) <= 0.05 + 1e-9]

    def balanced(total):
        q, r = divmod(total, n)
        return sorted([q + 1] * r + [q] * (n - r))

    def ok(a, b):
        return all((y > x) if status == 1 else (y == x) if status == 0 else (y < x) for x, y in zip(a, b))

    for s1 in sums(mean1):
        for s2 in sums(mean2):
            a, b = balanced(s1), balanced(s2)
            for _ in range(3000):
                if ok(a, b) and all(1 <= v <= 5 for v in a + b):
                    return list(zip(a, b))
                vec = a if search.random() < 0.5 else b
                i, j = search.randrange(n), search.randrange(n)
                if vec[i] > 1 and vec[j] < 5 and i != j:
                    vec[i] -= 1
                    vec[j] += 1
                    vec.sort()
    return None


score_rows = []
if len(sys.argv) > 2:
    spec_text = open(sys.argv[2], encoding="utf-8").read()
    groups = {1: spec_table(spec_text, 23), 0: spec_table(spec_text, 24), -1: spec_table(spec_text, 25)}
    families = {"opkomst": [d for d in P2 if d["track"] == "opkomst"][100:111],
                "opkomst_plus": plus[:10]}
    for k, indicator in enumerate(INDICATORS):
        for t, (track, offset) in enumerate([("opkomst", 1), ("opkomst_plus", 4)]):
            pairs = []
            for status in (1, 0, -1):
                cells = groups[status][k]
                n = to_number(cells[offset + 2])
                if not n:
                    continue
                found = scores_for(int(n), to_number(cells[offset]), to_number(cells[offset + 1]), status,
                                   k * 100 + t * 10 + status)
                if found is None:  # I-20 / I-21: a group whose means contradict its status
                    found = scores_for(int(n), to_number(cells[offset]), to_number(cells[offset]), status, k)
                    found = found or [(3, 3 + status)] * int(n)
                pairs += found
            for f, family in enumerate(families[track]):
                first, last = pairs[f] if f < len(pairs) else ("nvt", "nvt")
                score_rows.append((family["dossier_id"], 1, indicator, first))
                score_rows.append((family["dossier_id"], 2, indicator, last))
        # The two dropped indicators: too few usable data for everyone.
    for track in families.values():
        for family in track:
            for dropped in ("means_formula_food_nappies", "employment"):
                score_rows.append((family["dossier_id"], 1, dropped, "weet_niet"))
                score_rows.append((family["dossier_id"], 2, dropped, "nvt"))

# ---- Figures 2-8 and 14: what the report's text says of them (REPORT_SPEC §3) --
# Figure 3 (P2): AZ Sint-Maarten a quarter (71), internal Sociaal Huis teams 66,
# ID-team 15% (43), Wel en Wee 14,1% (40), other partners 22,5% (64), none of
# them more than 9 and Kind en Gezin 4. Figure 2: the ID-team and the Sociaal
# Huis teams are internal (109); Opkomst+ is half internal (8 of 16).
internal = ["ID-team"] * 43 + ["Algemeen begeleidingsteam (ABT)"] * 30 + ["Schuldhulpverlening"] * 20 + \
    ["Woonbegeleiding"] * 16
external = ["AZ Sint-Maarten"] * 71 + ["Wel en Wee"] * 40 + ["Kind en Gezin"] * 4 + \
    [name for name in ["CAW", "CKG", "Opvoedingswinkel", "Imelda", "Steunpunt Asiel en Migratie", "Huisarts",
                       "Vroedvrouw"] for _ in range(9)][:60]
assert len(internal) == 109 and len(external) == 175
rng.shuffle(internal), rng.shuffle(external)
referrers = [(r, "intern") for r in internal[:8]] + [(r, "extern") for r in external[:8]]
rest = [(r, "intern") for r in internal[8:]] + [(r, "extern") for r in external[8:]]
rng.shuffle(rest)
for d, (name, kind) in zip(plus + regular, referrers + rest):
    d["referrer"], d["referrer_type"] = name, kind
# Figure 4: pregnant at start, per start year (P2): 90%, 75%, 80%, 90%.
for year, share in {2020: 0.90, 2021: 0.75, 2022: 0.80, 2023: 0.90}.items():
    of_year = [d for d in P2 if d["start_date"].year == year]
    yes = round(share * len(of_year))
    for k, d in enumerate(of_year):
        d["pregnant_at_start"] = "ja" if k < yes else "nee"
# Figure 5: 49% first pregnancies (139 of 284); Opkomst+ three quarters (12 of 16).
for k, d in enumerate(plus):
    d["first_pregnancy"] = "ja" if k < 12 else "nee"
for k, d in enumerate(regular):
    d["first_pregnancy"] = "ja" if k < 127 else "nee"
# Figure 7b: residence status at start, mothers 33/16/20/22/9%, fathers
# 22/11/12/25/22% and (I-33) 8% without a father.
assign(P2, {"belgisch": 94, "precair": 45, "kort_verblijf": 57, "lang_verblijf": 62, "onbekend": 26},
       "residence_mother")
assign(P2, {"belgisch": 62, "precair": 31, "kort_verblijf": 34, "lang_verblijf": 71, "onbekend": 63, "nvt": 23},
       "residence_father")
# Figure 14: of the mothers without income who have a partner (76), 6,7% of
# the partners with a known income have none either (5 of 75).
no_income_couples = [d for d in P2 if d["measurements"]["start"]["income_mother"] == "geen_inkomen" and
                     d["measurements"]["start"]["family_composition"].startswith("koppel")]
assert len(no_income_couples) == 76, len(no_income_couples)
for k, d in enumerate(no_income_couples):
    d["measurements"]["start"]["income_father"] = "geen_inkomen" if k < 5 else "onbekend" if k == 5 else "arbeid"
for d in P2:
    start = d["measurements"]["start"]
    if "income_father" not in start:
        start["income_father"] = "nvt" if start["family_composition"] == "alleenstaand" else "arbeid"

# ---- write the folder -------------------------------------------------------
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
VARIABLES = ["interest_pregnancy", "family_composition", "children_in_household", "secondary_diploma",
             "income_mother", "income_father", "residence_mother", "residence_father", "employment_mother", "housing",
             "network"] + DIFF + ADMIN + ORG
with open(os.path.join(out, "dossiers.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["dossier_id", "mother_id", "trajectory_number", "track", "start_date", "end_date", "referrer",
                "referrer_type", "pregnant_at_start", "first_pregnancy", "child_age_months_at_start",
                "mother_age_at_start"])
    for d in dossiers:
        w.writerow([d["dossier_id"], d["mother_id"], d["trajectory_number"], d["track"], d["start_date"],
                    d["end_date"] or "", d.get("referrer", ""), d.get("referrer_type", ""),
                    d.get("pregnant_at_start", ""), d.get("first_pregnancy", ""), d.get("child_age", ""),
                    d.get("mother_age", "")])
with open(os.path.join(out, "measurements.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["dossier_id", "moment", "measured_on"] + VARIABLES)
    for d in dossiers:
        for moment in ("start", "birth", "end"):
            values = d["measurements"].get(moment)
            if values is None:
                continue
            if moment == "start":
                on = d["start_date"]
            elif moment == "birth":
                on = min(d["start_date"] + dt.timedelta(days=20), CUTOFF)
            else:
                on = d["end_date"] or CUTOFF
            w.writerow([d["dossier_id"], moment, on] + [values.get(v, "") for v in VARIABLES])
with open(os.path.join(out, "interviews.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["respondent_id", "track", "indicator", "score_start", "score_end"])
    for r in interviews:
        w.writerow([r["respondent_id"], r["track"], r["indicator"], r["score_start"], r["score_end"]])
if score_rows:
    with open(os.path.join(out, "scores.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dossier_id", "moment", "indicator", "score"])
        w.writerows(score_rows)
print(f"{len(dossiers)} dossiers written to {out}")
