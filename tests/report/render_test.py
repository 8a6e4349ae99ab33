#!/usr/bin/python3
"""Every output format of `opkomst report` on the published-tables fixture:
CSV and JSON against golden files (tests/data/golden), the HTML page
well-formed with well-formed inline SVG charts and every table, the XLSX
opened by openpyxl (numbers as numbers, native charts) and converted by
LibreOffice headless. Usage: render_test.py OPKOMST_BINARY [--update]"""
import html.parser
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import openpyxl

BINARY = sys.argv[1]
UPDATE = "--update" in sys.argv
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "data", "golden")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    return subprocess.run([BINARY, *args], check=True, capture_output=True, text=True).stdout


class Balance(html.parser.HTMLParser):
    VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line", "polygon", "path", "circle"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids, self.scripts = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self.ids.append(dict(attrs).get("id"))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def main():
    work = tempfile.mkdtemp(prefix="opkomst-render-")
    subprocess.run([sys.executable, os.path.join(HERE, "build_fixture.py"), work + "/in"], check=True,
                   capture_output=True)
    db = "sqlite:" + work + "/r.db"
    run("import", "--db", db, work + "/in")
    base = ["report", "--db", db, "--as-of", "2023-09-30"]

    # CSV and JSON: golden files.
    os.makedirs(GOLDEN, exist_ok=True)
    for name, args in [("report.csv", ["--format", "csv"]), ("report.json", ["--format", "json"]),
                       ("T18.csv", ["--format", "csv", "--tables", "T18"]),
                       ("suppressed.csv", ["--format", "csv", "--tables", "T5,T12,T27", "--suppress", "5"])]:
        out = run(*base, *args)
        path = os.path.join(GOLDEN, name)
        if UPDATE:
            open(path, "w", encoding="utf-8").write(out)
        check(os.path.exists(path) and open(path, encoding="utf-8").read() == out,
              f"{name} differs from tests/data/golden/{name} (run render_test.py BINARY --update after checking)")
    report = json.loads(run(*base, "--format", "json"))
    ids = [t["id"] for t in report["tables"]]
    check(len(ids) == 74 and ids[0] == "T1" and "F20" in ids and "T34" in ids and "F22" in ids and "T39" in ids and "F24" in ids and "E1" in ids and ids[-9:] == [f"K{i}" for i in range(1, 10)],
          f"JSON table ids: {ids}")
    # CSV carries every table's N and notes: after its rows, one row per
    # note, "Noot" then the note (the form docs/report-decisions.md gives).
    full_csv = list(csv.reader(io.StringIO(run(*base, "--format", "csv"))))
    sections, current = {}, None
    for row in full_csv:
        if not row:
            current = None
        elif current is None:
            current = row[0].split(".")[0]
            sections[current] = []
        else:
            sections[current].append(row)
    for table in report["tables"]:
        if table["id"] not in sections:
            continue
        rows = sections[table["id"]]
        width = len(rows[0])
        notes = [r[1] for r in rows if r[0] == "Noot"]
        check(notes == table["notes"], f"{table['id']}: CSV notes {notes} != JSON notes {table['notes']}")
        check(all(len(r) == width for r in rows), f"{table['id']}: CSV rows of unequal width")
    check(any(n.startswith("N = ") for t in report["tables"] for n in t["notes"]), "no table has an N note")
    t4 = list(csv.reader(io.StringIO(run(*base, "--format", "csv", "--tables", "T4"))))
    check(any(r[0] == "Noot" and r[1].startswith("N = ") for r in t4), f"T4's CSV lacks its N: {t4[-2:]}")
    t5 = next(t for t in report["tables"] if t["id"] == "T5")
    for row in t5["rows"]:
        for cell in row["cells"]:
            if cell["kind"] == "percent":
                check(abs(cell["value"] - 100 * cell["count"] / cell["denominator"]) < 1e-9, f"T5 cell {cell}")

    # The evaluation's own remarks (I-1, ...) only with --evaluation-notes,
    # never in the default (the team's live) report.
    plain_csv = run(*base, "--format", "csv")
    for remark in ["drukt 238", "(I-1)", "(I-19)", "(I-29)", "(I-30)", "(I-7)", "voetnoot 6"]:
        check(remark not in plain_csv, f"the default report carries the evaluation's remark {remark!r}")
    evaluation = run(*base, "--format", "csv", "--tables", "T1,T22", "--evaluation-notes")
    check("Het rapport drukt 238 af" in evaluation and "(I-19)" in evaluation,
          "--evaluation-notes does not add the evaluation's remarks")

    # The CSV for a Flemish Excel: a UTF-8 byte order mark, semicolons, the
    # same rows (and Noot rows) as the documented CSV, read as Excel would.
    excel_bytes = subprocess.run([BINARY, *base, "--format", "csv-excel"], check=True, capture_output=True).stdout
    check(excel_bytes.startswith(b"\xef\xbb\xbf"), "csv-excel has no UTF-8 byte order mark")
    excel_rows = list(csv.reader(io.StringIO(excel_bytes.decode("utf-8-sig")), delimiter=";"))
    check(excel_rows == full_csv, "csv-excel read with ';' differs from the CSV read with ','")
    check(any(r and r[0] == "Noot" for r in excel_rows), "csv-excel lost its Noot rows")
    check(any(r and r[0] == "Groeipakket" and "," in "".join(r[1:]) for r in excel_rows),
          "csv-excel: no decimal comma in the cells")

    # HTML: balanced, no script, every table, well-formed SVG.
    page = run(*base, "--format", "html")
    parser = Balance()
    parser.feed(page)
    check(not parser.errors and not parser.stack, f"HTML not balanced: {parser.errors[:3]} open {parser.stack[:3]}")
    check(parser.scripts == 0, "HTML has a script")
    check(parser.ids == ids, "HTML sections differ from the tables")
    svgs = [page[i:page.index("</svg>", i) + 6] for i in range(len(page)) if page.startswith("<svg", i)]
    check(len(svgs) >= 20, f"only {len(svgs)} charts")
    for svg in svgs:
        try:
            ET.fromstring(svg)
        except ET.ParseError as e:
            failures.append(f"SVG not well-formed: {e}")
    check('lang="nl"' in page and "Tabel 14. Administratieve zaken" in page, "HTML content")

    # XLSX: openpyxl, numbers with formats, charts; LibreOffice converts it.
    xlsx = work + "/report.xlsx"
    run(*base, "--format", "xlsx", "--output", xlsx)
    wb = openpyxl.load_workbook(xlsx)
    check(wb.sheetnames[0] == "Over" and wb.sheetnames[1:] == ids, f"sheets {wb.sheetnames[:5]}")
    t14 = wb["T14"]
    check(t14["A4"].value == "Groeipakket" and abs(t14["D4"].value - 0.370) < 0.0006 and t14["D4"].number_format == "0.0%",
          f"T14 D4 = {t14['D4'].value!r} {t14['D4'].number_format}")
    check(t14["D4"].comment is not None and "95%-betrouwbaarheidsinterval" in t14["D4"].comment.text,
          "T14 D4 has no Wilson interval note")
    charts = {ws.title: len(ws._charts) for ws in wb.worksheets if ws._charts}
    check(len(charts) >= 20 and "F9" in charts and "T21" in charts, f"charts on {sorted(charts)}")
    bars = wb["F3"]._charts[0]  # openpyxl: x is the category axis, y the value axis
    check(bars.y_axis.numFmt is not None and bars.y_axis.numFmt.formatCode == "0%", "F3 chart: no % on the value axis")
    check(bars.x_axis.scaling.orientation == "maxMin", "F3 chart: the rows do not run top-down as in the table")
    check(wb["F3"].page_setup.paperSize == 9 and wb["F3"].sheet_properties.pageSetUpPr.fitToPage,
          "F3 sheet is not set to print on A4, one page wide")
    soffice = shutil.which("soffice")
    check(soffice is not None, "LibreOffice (soffice) is not installed")
    if soffice:
        subprocess.run([soffice, "--headless", "-env:UserInstallation=file://" + work + "/lo", "--convert-to", "pdf",
                        "--outdir", work, xlsx], check=True, capture_output=True, timeout=240)
        pdf = work + "/report.pdf"
        check(os.path.exists(pdf) and os.path.getsize(pdf) > 50000, "LibreOffice did not convert the workbook")
    shutil.rmtree(work)
    for f in failures:
        print("FAIL", f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


sys.exit(main())
