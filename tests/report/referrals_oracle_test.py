#!/usr/bin/python3
"""The referral analytics (T30-T34, issue 12) against an independent pandas computation.

Makes the demo team with its intake history (`opkomst serve --demo`, stopped
once it listens), exports the referrals without names or notes
(`opkomst export --referrals`: referrals.csv), and compares opkomst's JSON
report of T30-T34 at two cut-off dates with the tables computed here in
pandas from that CSV alone, following docs/intake.md ("Referral
analytics"): referrals received by the cut-off date; a decision, a first
home visit or a withdrawal only if it happened by then; the pregnancy month
(280 - days to the due date) / (280/9) within 0-9; median and P90 as pandas'
linear quantile; shares over every referral (decline reasons over the
declined ones).
Usage: referrals_oracle_test.py OPKOMST_BINARY
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web"))
import serve_process  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
KINDS = [("ziekenhuis", "Ziekenhuis"), ("medisch", "Medisch (huisarts, vroedvrouw)"),
         ("kind_en_gezin", "Kind en Gezin"), ("wijkgezondheidscentrum", "Wijkgezondheidscentrum"),
         ("interne_stadsdienst", "Interne stadsdienst"), ("andere", "Andere organisatie"), ("", "Zelfmelding")]
DECISIONS = [("opkomst", "Aanvaard: Opkomst"), ("opkomst_plus", "Aanvaard: Opkomst+"),
             ("groepswerk", "Aanvaard: enkel groepswerk"), ("combinatie", "Aanvaard: traject en groepswerk"),
             ("elders", "Doorverwezen naar elders"), ("afgewezen", "Niet aanvaard")]
REASONS = [("buiten_doelgroep", "Buiten de doelgroep"), ("geen_toestemming", "Geen toestemming"),
           ("niet_bereikbaar", "Niet bereikbaar"), ("al_begeleid", "Al begeleid door een andere dienst"),
           ("andere", "Andere reden")]


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


class Checker:
    def __init__(self):
        self.checked = self.failed = 0

    def same(self, where, got, expected):
        self.checked += 1
        if expected is None or got is None:
            ok = got is None and expected is None
        else:
            ok = abs(got - expected) < 1e-6
        if not ok:
            print(f"FAIL {where}: opkomst {got}, pandas {expected}")
            self.failed += 1


def value(cell):
    """The number a JSON cell carries: the count of a count cell, else its value; None for '/'."""
    if cell["kind"] == "count":
        return cell["count"]
    if cell["kind"] in ("none", "empty", "not_analysed"):
        return None
    return cell["value"]


def compare(csv, db, as_of, check):
    report = json.loads(run("report", "--db", db, "--as-of", as_of, "--format", "json", "--tables",
                            "T30,T31,T32,T33,T34"))
    tables = {t["id"]: {r["label"]: r["cells"] for r in t["rows"]} for t in report["tables"]}
    cut = pd.Timestamp(as_of)
    dates = ["received_on", "due_date", "decided_on", "first_home_visit_on", "withdrawn_on"]
    r = pd.read_csv(csv, dtype=str, keep_default_na=False)
    for column in dates:
        r[column] = pd.to_datetime(r[column].where(r[column] != ""))
    r = r[r.received_on <= cut].copy()
    n = len(r)
    r["decided"] = r.decided_on.notna() & (r.decided_on <= cut)
    r["visited"] = r.first_home_visit_on.notna() & (r.first_home_visit_on <= cut)
    r["withdrawn"] = r.withdrawn_on.notna() & (r.withdrawn_on <= cut)
    label_of = dict(KINDS)
    r["kind_label"] = r.organisation_kind.map(lambda k: label_of.get(k, "Andere organisatie"))

    # T30: per month and kind, every month from the first to the last.
    t30 = tables["T30"]
    months = pd.period_range(r.received_on.min(), r.received_on.max(), freq="M") if n else []
    got_months = [label for label in t30 if label != "Totaal"]
    if got_months != [str(m) for m in months]:
        print(f"FAIL {as_of} T30 months: opkomst {got_months}, pandas {[str(m) for m in months]}")
        check.failed += 1
    r["month"] = r.received_on.dt.to_period("M")
    counts = r.groupby(["month", "kind_label"]).size()
    for month in months:
        for column, (_, label) in enumerate(KINDS):
            check.same(f"{as_of} T30 {month} {label}", value(t30[str(month)][column]),
                       int(counts.get((month, label), 0)))
        check.same(f"{as_of} T30 {month} Totaal", value(t30[str(month)][len(KINDS)]),
                   int((r.month == month).sum()))
    for column, (_, label) in enumerate(KINDS):
        check.same(f"{as_of} T30 Totaal {label}", value(t30["Totaal"][column]), int((r.kind_label == label).sum()))

    # T31: per organisation, and the medical sector's share.
    t31 = tables["T31"]
    per_organisation = r.assign(name=r.organisation.replace("", "Zelfmelding")).groupby("name").size()
    for name, k in per_organisation.items():
        check.same(f"{as_of} T31 {name} N", value(t31[name][1]), int(k))
        check.same(f"{as_of} T31 {name} %", value(t31[name][2]), 100 * k / n)
    medical = int(r.organisation_kind.isin(["ziekenhuis", "medisch"]).sum())
    row = t31["Waarvan medische sector (ziekenhuis, medisch)"]
    check.same(f"{as_of} T31 medical N", value(row[1]), medical)
    check.same(f"{as_of} T31 medical %", value(row[2]), 100 * medical / n)
    check.same(f"{as_of} T31 Totaal", value(t31["Totaal"][1]), n)

    # T32: pregnancy month at referral per kind, against the ideal 4.5.
    t32 = tables["T32"]
    pregnant = r[(r.pregnant == "ja") & r.due_date.notna()].copy()
    pregnant["month"] = ((280 - (pregnant.due_date - pregnant.received_on).dt.days) / (280 / 9)).clip(0, 9)
    for label, group in [(label, pregnant[pregnant.kind_label == label]) for _, label in KINDS] + [
            ("Totaal", pregnant)]:
        months_of = group.month
        check.same(f"{as_of} T32 {label} N", value(t32[label][0]), len(months_of))
        mean = months_of.mean() if len(months_of) else None
        check.same(f"{as_of} T32 {label} mean", value(t32[label][1]), mean)
        check.same(f"{as_of} T32 {label} gap", value(t32[label][2]), None if mean is None else mean - 4.5)
        check.same(f"{as_of} T32 {label} median", value(t32[label][3]),
                   months_of.quantile(0.5) if len(months_of) else None)

    # T33: decisions over every referral, decline reasons over the declined.
    t33 = tables["T33"]
    decided = r[r.decided]
    for code, label in DECISIONS:
        k = int((decided.decision == code).sum())
        check.same(f"{as_of} T33 {label} N", value(t33[label][0]), k)
        check.same(f"{as_of} T33 {label} %", value(t33[label][1]), 100 * k / n)
    withdrawn = int((~r.decided & r.withdrawn).sum())
    check.same(f"{as_of} T33 withdrawn", value(t33["Ingetrokken voor een beslissing"][0]), withdrawn)
    check.same(f"{as_of} T33 open", value(t33["Nog niet beslist"][0]), int((~r.decided & ~r.withdrawn).sum()))
    accepted = int(decided.decision.isin(["opkomst", "opkomst_plus", "groepswerk", "combinatie"]).sum())
    check.same(f"{as_of} T33 accepted", value(t33["Aanvaard (alle trajecten samen)"][0]), accepted)
    declined = decided[decided.decision == "afgewezen"]
    for code, label in REASONS:
        k = int((declined.decline_reason == code).sum())
        check.same(f"{as_of} T33 {label} N", value(t33[label][0]), k)
        check.same(f"{as_of} T33 {label} %", value(t33[label][1]), 100 * k / len(declined) if len(declined) else None)

    # T34: lead times in days, median and P90.
    t34 = tables["T34"]
    for label, days in [("Aanmelding tot beslissing", (decided.decided_on - decided.received_on).dt.days),
                        ("Aanmelding tot eerste huisbezoek",
                         (r[r.visited].first_home_visit_on - r[r.visited].received_on).dt.days)]:
        check.same(f"{as_of} T34 {label} N", value(t34[label][0]), len(days))
        check.same(f"{as_of} T34 {label} median", value(t34[label][1]), days.quantile(0.5) if len(days) else None)
        check.same(f"{as_of} T34 {label} P90", value(t34[label][2]), days.quantile(0.9) if len(days) else None)
    return n, len(decided)


def main():
    with tempfile.TemporaryDirectory(prefix="opkomst-referrals-oracle-") as work:
        db = "sqlite:" + work + "/demo.db"
        with open(work + "/serve.log", "w") as log:
            process, _ = serve_process.start([BINARY, "serve", "--db", db, "--port", "0", "--demo",
                                              "--demo-dossiers", "40", "--config", "none"], work, log)
            serve_process.stop(process)
        run("export", "--db", db, "--referrals", work + "/out")
        csv = work + "/out/referrals.csv"
        header = open(csv, encoding="utf-8").readline()
        for secret in ("name", "naam", "note", "notitie", "mother", "phone", "address"):
            if secret in header:
                print(f"FAIL referrals.csv has a column '{secret}': {header.strip()}")
                return 1
        check = Checker()
        today = datetime.date.today()
        sizes = [compare(csv, db, as_of.isoformat(), check)
                 for as_of in (today, today - datetime.timedelta(days=45))]
    print(f"{check.checked} referral cells compared with pandas (referrals, decided: {sizes}), "
          f"{check.failed} differences")
    return 1 if check.failed or check.checked < 100 or sizes[0][1] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
