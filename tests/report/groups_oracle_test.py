#!/usr/bin/python3
"""Participation and support money (T35-T39, F23-F24) against pandas.

Makes the demo team with its group work and support money
(`opkomst demo --groups`), writes the dossiers as an exchange folder
(`opkomst export`) and the group work pseudonymously (`opkomst group-export
--with-amounts`: dossier ids, no names or contacts), and recomputes every
cell of the tables here, following the rules in docs/groups.md, at two
cut-off dates, with and without a track filter. Also checks that the group
export holds no amounts unless asked for, and no names or contacts.
Usage: groups_oracle_test.py OPKOMST_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd

BINARY = sys.argv[1]
TRACKS = ["opkomst_plus", "opkomst"]


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


class Oracle:
    def __init__(self, exchange, groups, as_of, track):
        d = pd.read_csv(f"{exchange}/dossiers.csv", parse_dates=["start_date"], dtype={"dossier_id": str})
        as_of = pd.Timestamp(as_of)
        p1 = d[d.start_date <= as_of]
        if track:
            p1 = p1[p1.track == track]
        self.p1 = p1.set_index("dossier_id")
        self.p2 = p1[p1.trajectory_number == 1]
        self.filtered = bool(track)
        g = {name: pd.read_csv(f"{groups}/{name}.csv", dtype={"dossier_id": str}, keep_default_na=False)
             for name in ("groups", "sessions", "participants", "attendance", "grants")}
        self.names = dict(zip(g["groups"].group_id, g["groups"].name))
        s = g["sessions"]
        s["date"] = pd.to_datetime(s.date)
        self.held = s[(s.cancelled == 0) & (s.date <= as_of)].sort_values(["group_id", "date"], kind="stable")
        p = g["participants"]
        p = p[pd.to_datetime(p.enrolled_on) <= as_of]
        light = p.dossier_id == ""
        p = p[(light & (not self.filtered)) | p.dossier_id.isin(self.p1.index)].copy()
        p["track"] = [self.p1.track.get(x, "") if x else "" for x in p.dossier_id]
        self.people = p
        a = g["attendance"]
        self.present = set(zip(a[a.attendance == "aanwezig"].participant_id, a[a.attendance == "aanwezig"].session_id))
        self.marks = {(r.participant_id, r.session_id): r.attendance for r in a.itertuples()}
        gr = g["grants"]
        gr["granted_on"] = pd.to_datetime(gr.granted_on)
        gr = gr[(gr.granted_on <= as_of) & gr.dossier_id.isin(self.p1.index)].copy()
        gr["track"] = [self.p1.track[x] for x in gr.dossier_id]
        gr["year"] = gr.granted_on.dt.year
        gr["spent"] = gr.status.isin(["toegekend", "goedgekeurd"])
        self.grants = gr

    def presence(self, person):
        """(times present, present at the last held session, the group met)."""
        sessions = list(self.held[self.held.group_id == person.group_id].session_id)
        if not sessions:
            return 0, False, False
        here = [(person.participant_id, s) in self.present for s in sessions]
        return sum(here), here[-1], True

    def participation(self):
        enrolled = set(self.people.dossier_id) - {""}
        attended = {p.dossier_id for p in self.people.itertuples() if p.dossier_id and self.presence(p)[0] > 0}
        out = {}
        for column, part in zip(["Opkomst+", "Opkomst", "Totaal"],
                                [self.p2[self.p2.track == t] for t in TRACKS] + [self.p2]):
            ids = set(part.dossier_id)
            out[column] = (len(ids), len(ids & enrolled), len(ids & attended))
        return out, int((self.people.dossier_id == "").sum())


def money(cents):
    return cents / 100.0


def compare(exchange, groups, db, as_of, track):
    report = json.loads(run("report", "--db", db, "--as-of", as_of, "--format", "json", "--tables",
                            "T35,T36,T37,T38,T39,F23,F24", *(["--track", track] if track else [])))
    raw = {table["id"]: table for table in report["tables"]}
    t = {table["id"]: {r["label"]: r["cells"] for r in table["rows"]} for table in report["tables"]}
    o = Oracle(exchange, groups, as_of, track)
    failures = []
    checked = 0

    def expect(where, cell, kind, value, denominator=None):
        nonlocal checked
        checked += 1
        if kind == "none":
            ok = cell["kind"] == "none"
        elif kind == "count":
            ok = cell["kind"] == "count" and cell["count"] == value
        elif kind in ("percent", "percent_count"):
            ok = (cell["kind"] == kind and cell["count"] == value and cell.get("denominator") == denominator) or \
                 (denominator == 0 and cell["kind"] == "none")
        else:  # number
            ok = cell["kind"] == "number" and abs(cell["value"] - value) < 0.005
        if not ok:
            failures.append(f"{as_of} {track or 'alle'} {where}: opkomst {cell}, pandas {kind} {value}/{denominator}")

    def rows_equal(table, labels):
        if sorted(t[table]) != sorted(labels):
            failures.append(f"{as_of} {track or 'alle'} {table}: rows {sorted(t[table])}, pandas {sorted(labels)}")
            return False
        return True

    # T35 and F23: participation per track, over P2.
    part, light = o.participation()
    for i, column in enumerate(["Opkomst+", "Opkomst", "Totaal"]):
        n, k, a = part[column]
        expect(f"T35 moeders {column}", t["T35"]["Moeders (eerste trajecten)"][i], "count", n)
        expect(f"T35 ingeschreven {column}", t["T35"]["Ingeschreven in een groep"][i], "percent_count", k, n)
        expect(f"T35 aanwezig {column}", t["T35"]["Minstens één keer aanwezig"][i], "percent_count", a, n)
        expect(f"F23 ingeschreven {column}", t["F23"]["Ingeschreven in een groep"][i], "percent", k, n)
    expect("T35 licht", t["T35"]["Lichte inschrijvingen (zonder dossier)"][2], "count", light)

    # T36: per group, and T38: per track.
    totals = dict(people=0, dossier=0, held=0, present=0, marks=0, met=0, end=0)
    labels = []
    by_track = {r: [0, 0, 0, 0] for r in ("Opkomst+", "Opkomst", "Zonder dossier (lichte inschrijving)", "Totaal")}
    for group_id, name in sorted(o.names.items()):
        labels.append(name)
        people = o.people[o.people.group_id == group_id]
        held = list(o.held[o.held.group_id == group_id].session_id)
        marks = [o.marks[(p, s)] for p in people.participant_id for s in held if (p, s) in o.marks]
        met = end = 0
        for person in people.itertuples():
            times, last, group_met = o.presence(person)
            met += group_met
            end += last
            if group_met:
                row = {"opkomst_plus": "Opkomst+", "opkomst": "Opkomst"}.get(person.track,
                                                                             "Zonder dossier (lichte inschrijving)")
                for r in (row, "Totaal"):
                    by_track[r] = [by_track[r][0] + 1, by_track[r][1] + (times > 0), by_track[r][2] + last,
                                   by_track[r][3] + times]
        values = dict(people=len(people), dossier=int((people.dossier_id != "").sum()), held=len(held),
                      present=marks.count("aanwezig"), marks=len(marks), met=met, end=end)
        for key in totals:
            totals[key] += values[key]
        for label, v in ((name, values), ("Totaal", None)):
            if v is None or label not in t["T36"]:
                continue
            cells = t["T36"][label]
            expect(f"T36 {label} deelnemers", cells[0], "count", v["people"])
            expect(f"T36 {label} met dossier", cells[1], "count", v["dossier"])
            expect(f"T36 {label} zonder dossier", cells[2], "count", v["people"] - v["dossier"])
            expect(f"T36 {label} sessies", cells[3], "number", v["held"])
            expect(f"T36 {label} aanwezigheid", cells[4], "percent", v["present"], v["marks"])
            expect(f"T36 {label} einde", cells[5], "percent_count", v["end"], v["met"])
        # T37: every held session of the group.
        for number, session in enumerate(o.held[o.held.group_id == group_id].itertuples(), start=1):
            label = f"{name} · sessie {number} ({session.date.date()})"
            if label not in t["T37"]:
                failures.append(f"{as_of} T37: no row {label}")
                continue
            got = [o.marks.get((p, session.session_id)) for p in people.participant_id]
            counts = [got.count("aanwezig"), got.count("verontschuldigd"), got.count("afwezig"), got.count(None)]
            for i, c in enumerate(counts):
                expect(f"T37 {label} {i}", t["T37"][label][i], "count", c)
            expect(f"T37 {label} %", t["T37"][label][4], "percent", counts[0], len(got))
    rows_equal("T36", labels + ["Totaal"])
    cells = t["T36"]["Totaal"]
    expect("T36 Totaal deelnemers", cells[0], "count", totals["people"])
    expect("T36 Totaal aanwezigheid", cells[4], "percent", totals["present"], totals["marks"])
    expect("T36 Totaal einde", cells[5], "percent_count", totals["end"], totals["met"])
    rows_equal("T37", [f"{o.names[s.group_id]} · sessie {n} ({s.date.date()})"
                       for g, part_ in o.held.groupby("group_id", sort=True)
                       for n, s in enumerate(part_.itertuples(), start=1)])
    for label, (n, once, end, times) in by_track.items():
        cells = t["T38"][label]
        expect(f"T38 {label} n", cells[0], "count", n)
        expect(f"T38 {label} once", cells[1], "percent_count", once, n)
        expect(f"T38 {label} end", cells[2], "percent_count", end, n)
        if n:
            expect(f"T38 {label} mean", cells[3], "number", times / n)
        else:
            expect(f"T38 {label} mean", cells[3], "none", None)

    # T39: per year (a heading row) its categories and the year's total; F24: per category.
    g = o.grants
    g["category"] = g.category.replace("", "buiten het kader")
    sections, year = {}, None
    for row in raw["T39"]["rows"]:
        if row.get("heading"):
            year = int(row["label"])
            sections[year] = {}
        else:
            sections[year][row["label"]] = row["cells"]
    if sorted(sections) != sorted(int(y) for y in g.year.unique()):
        failures.append(f"{as_of} T39: years {sorted(sections)}, pandas {sorted(g.year.unique())}")
    for year in sorted(g.year.unique()):
        in_year = g[g.year == year]
        parts = [(c, in_year[in_year.category == c]) for c in sorted(in_year.category.unique())]
        parts.append((f"Totaal {year}", in_year))
        if sorted(sections.get(int(year), {})) != sorted(label for label, _ in parts):
            failures.append(f"{as_of} T39 {year}: rows {sorted(sections.get(int(year), {}))}")
            continue
        for label, part_ in parts:
            cells = sections[int(year)][label]
            spent = part_[part_.spent]
            for i, tr in enumerate(TRACKS + [None]):
                s = spent if tr is None else spent[spent.track == tr]
                expect(f"T39 {year} {label} besteed {tr}", cells[i], "number", money(s.amount_cents.sum()))
            families = spent.dossier_id.nunique()
            expect(f"T39 {year} {label} gezinnen", cells[3], "count", families)
            if families:
                expect(f"T39 {year} {label} gemiddeld", cells[4], "number", money(spent.amount_cents.sum()) / families)
            expect(f"T39 {year} {label} wachtend", cells[5], "count", int((part_.status == "aangevraagd").sum()))
    for category in sorted(g.category.unique()):
        spent = g[(g.category == category) & g.spent]
        for i, tr in enumerate(TRACKS + [None]):
            s = spent if tr is None else spent[spent.track == tr]
            expect(f"F24 {category} {tr}", t["F24"][category][i], "number", money(s.amount_cents.sum()))
    return checked, failures


def main():
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:{tmp}/o.db"
        run("demo", "--db", db, "--dossiers", "400", "--groups")
        run("export", "--db", db, f"{tmp}/exchange")
        run("group-export", "--db", db, "--with-amounts", f"{tmp}/groups")
        run("group-export", "--db", db, f"{tmp}/plain")
        failures = []
        # Amounts only when asked for; never a name or contact.
        plain = open(f"{tmp}/plain/grants.csv", encoding="utf-8").read().splitlines()[0]
        if "amount" in plain:
            failures.append(f"grants.csv without --with-amounts has amounts: {plain}")
        for name in os.listdir(f"{tmp}/groups"):
            text = open(f"{tmp}/groups/{name}", encoding="utf-8").read()
            for secret in ("Mama ", "Amira", "@example.org", "+32 470"):
                if secret in text:
                    failures.append(f"{name} holds {secret!r}")
        participants = pd.read_csv(f"{tmp}/groups/participants.csv", keep_default_na=False)
        attendance = pd.read_csv(f"{tmp}/groups/attendance.csv")
        grants = pd.read_csv(f"{tmp}/groups/grants.csv")
        if len(participants) < 10 or len(attendance) < 30 or len(grants) < 20:
            failures.append(f"demo too small: {len(participants)} participants, {len(attendance)} marks, "
                            f"{len(grants)} grants")
        checked = 0
        for as_of in ("2023-12-31", "2023-10-15"):
            for track in ("", "opkomst_plus"):
                n, f = compare(f"{tmp}/exchange", f"{tmp}/groups", db, as_of, track)
                checked += n
                failures += f
        for line in failures[:40]:
            print("FAIL", line)
        print(f"{checked} cells checked, {len(failures)} differ")
        sys.exit(1 if failures or checked < 200 else 0)


if __name__ == "__main__":
    main()
