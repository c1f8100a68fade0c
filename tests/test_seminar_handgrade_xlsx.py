"""The hand-grading spreadsheet as an Excel workbook (.xlsx) as well as CSV, chosen by the file's suffix:
the same rows, the same scores once imported, the same clear refusals of a wrong file."""
from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from r2pkit.cli import main
from r2pkit.seminar.gradebook import read_overrides
from test_exercises_written import SOURCE

STUDENTS = [f"s{i:02d}" for i in range(1, 8)]
ESSAYS = {
    "s01": "The occupier governs the district.\nSo the duty attaches — it is one of « due diligence ».",
    "s02": "=HYPERLINK(\"http://example.org\", \"the occupier's duty\")",  # text, never a formula
    "s03": "Because it runs the district, the occupier has governmental authority: the duty attaches.",
    "s04": "Due diligence, Hakimi p. 269.",
    "s05": "Ça dépend: the occupier must protect.",
    "s06": None,  # the blank handout
    "s07": "Authority; diligence.",
}
# what the instructor enters per student: (ticks of rubric items 1 and 2, points typed, comment)
FILL = {"s01": ("xx", "", "Clear and complete."), "s02": ("", "0", "An answer in words, please."),
        "s03": ("x-", "", ""), "s04": ("-x", "", "Say what grounds the duty."), "s05": ("", "1.5", ""),
        "s07": ("xx", "2.5", "Right, but too short for full marks.")}


@pytest.fixture()
def course(tmp_path):
    (tmp_path / "key.yaml").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "roster.csv").write_text("student_id,name\n" + "".join(f"{s},Name {s}\n" for s in STUDENTS))
    subs = []
    for sid, essay in ESSAYS.items():
        qs = [{"question": "q1", "status": "correct", "points": 1.0, "max_points": 1.0, "answer": "a", "detail": ""},
              {"question": "q2", "status": "unanswered" if essay is None else "answered", "points": 0.0,
               "max_points": 3.0, "answer": essay, "detail": ""}]
        subs.append({"submission": f"in/{sid}/ex92.ipynb", "file_sha256": hashlib.sha256(sid.encode()).hexdigest(),
                     "mtime": 1_764_633_600.0, "exercise": "ex92_written", "version": "1", "mode": "assessed",
                     "status_note": "", "notes": [], "questions": qs})
    (tmp_path / "g.json").write_text(json.dumps({"kit_version": "0.1.0", "created": "2026-12-02T10:00:00+00:00",
                                                 "sandbox": "bubblewrap", "submissions": subs}))
    return tmp_path


def load_workbook(path):
    from openpyxl import load_workbook  # a kit dependency: `make setup` installs it

    return load_workbook(path)


def common(course, overrides="ov.csv"):
    return [str(course / "g.json"), "--roster", str(course / "roster.csv"), "--overrides", str(course / overrides)]


def export(course, name, question="q2"):
    return main(["seminar", "handgrade", "export", *common(course), "--key", str(course / "key.yaml"),
                 "--exercise", "ex92_written", "--question", question, "--out", str(course / name)])


def sheet(path):
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    return [str(h) for h in rows[0]], rows[1:]


def test_csv_and_xlsx_give_the_same_rows_and_the_same_scores(course, capsys):
    assert export(course, "q2.csv") == 0 and export(course, "q2.xlsx") == 0
    assert "7 answer(s) to ex92_written q2" in capsys.readouterr().out, "rows counted, not lines"
    with (course / "q2.csv").open(newline="", encoding="utf-8") as fh:
        as_csv = list(csv.reader(fh))
    header, rows = sheet(course / "q2.xlsx")
    assert header == as_csv[0] and header[-2].startswith("R1 (+2): ") and header[-1].startswith("R2 (+1): ")
    in_words = [[("" if v is None else f"{v:g}" if isinstance(v, float) else str(v)) for v in r] for r in rows]
    for r in in_words:
        if r[3].startswith("="):  # in the CSV file, a leading apostrophe keeps it from being run as a formula
            r[3] = "'" + r[3]
    assert in_words == as_csv[1:], "the workbook holds the same rows, in the same order"
    assert ("'" + ESSAYS["s02"]) in {r[3] for r in as_csv[1:]}, "an answer starting with '=' is no formula in CSV"
    answers = {r[3] for r in rows}
    assert {ESSAYS["s01"], ESSAYS["s05"], ESSAYS["s02"]} <= answers, "line breaks and accents kept"
    ws = load_workbook(course / "q2.xlsx").worksheets[0]
    formula = next(c for c in ws["D"] if c.value == ESSAYS["s02"])
    assert formula.data_type == "s", "a student's answer that starts with '=' stays text"
    assert not any(f"Name {s}" in str(v) or s in str(v) for r in rows for v in r for s in STUDENTS)

    # the instructor fills both in the same way, through the spreadsheet's cells
    answer_of = {essay: sid for sid, essay in ESSAYS.items() if essay}
    col = {h: i for i, h in enumerate(header)}
    for r in as_csv[1:]:
        sid = answer_of.get(r[col["answer"]].removeprefix("'"))
        if sid in FILL:
            ticks, points, comment = FILL[sid]
            r[col["points"]], r[col["comment"]] = points, comment
            r[-2], r[-1] = ("x" if ticks[:1] == "x" else ""), ("x" if ticks[1:] == "x" else "")
    with (course / "q2.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(as_csv)
    wb = load_workbook(course / "q2.xlsx")
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        sid = answer_of.get(row[col["answer"]].value)
        if sid in FILL:
            ticks, points, comment = FILL[sid]
            row[col["points"]].value = float(points) if points else None  # a number, as a spreadsheet keeps it
            row[col["comment"]].value = comment or None
            row[len(header) - 2].value = "x" if ticks[:1] == "x" else None
            row[len(header) - 1].value = "X" if ticks[1:] == "x" else None
    wb.save(course / "q2.xlsx")

    assert main(["seminar", "handgrade", "import", str(course / "q2.csv"), *common(course, "ov-csv.csv")]) == 0
    assert main(["seminar", "handgrade", "import", str(course / "q2.xlsx"), *common(course, "ov-xlsx.csv")]) == 0
    from_csv = [(o.student_id, o.question, o.points, o.reason) for o in read_overrides(course / "ov-csv.csv")]
    from_xlsx = [(o.student_id, o.question, o.points, o.reason) for o in read_overrides(course / "ov-xlsx.csv")]
    assert from_csv == from_xlsx and len(from_csv) == len(FILL)
    got = {sid: (points, reason) for sid, _, points, reason in from_xlsx}
    assert got["s01"] == (3.0, "graded by hand: ✓ 1. Names governmental authority as what grounds the duty. (+2); "
                               "✓ 2. Says the duty is one of due diligence. (+1) — Clear and complete.")
    assert got["s03"][0] == 2.0 and got["s04"][0] == 1.0, "ticks without points give the ticked items' points"
    assert got["s05"][0] == 1.5 and got["s07"][0] == 2.5, "points typed win over ticks"
    assert got["s02"] == (0.0, "graded by hand: An answer in words, please.")


def test_a_wrong_workbook_is_refused_with_the_kits_message(course, capsys):
    assert export(course, "q2.xlsx") == 0
    header, _ = sheet(course / "q2.xlsx")
    imp = ["seminar", "handgrade", "import"]

    def variant(name, change):
        wb = load_workbook(course / "q2.xlsx")
        change(wb.worksheets[0])
        wb.save(course / name)
        capsys.readouterr()
        assert main([*imp, str(course / name), *common(course)]) == 2
        return capsys.readouterr().err

    def other_assignment(ws):
        for row in ws.iter_rows(min_row=2):
            row[header.index("exercise")].value = "ex08"
            row[header.index("points")].value = 1
    assert "from another assignment" in variant("other.xlsx", other_assignment)
    assert "lacks the column points" in variant("nopoints.xlsx", lambda ws: ws.delete_cols(header.index("points") + 1))

    def too_many(ws):
        ws.cell(2, header.index("points") + 1).value = 7
    assert "points must be between 0 and 3" in variant("big.xlsx", too_many)

    (course / "fake.xlsx").write_text("code,exercise,question,points\n")  # a CSV file named .xlsx
    assert main([*imp, str(course / "fake.xlsx"), *common(course)]) == 2
    err = capsys.readouterr().err
    assert "cannot be read as an Excel workbook" in err and "Traceback" not in err
    (course / "q2.ods").write_bytes(b"PK\x03\x04")
    assert main([*imp, str(course / "q2.ods"), *common(course)]) == 2
    assert "a hand-grading file is .csv or .xlsx" in capsys.readouterr().err
    assert export(course, "q2.ods") == 2
    assert "give a .csv file or an Excel workbook (.xlsx)" in capsys.readouterr().err
    assert not (course / "ov.csv").exists(), "nothing half-imported"


def test_an_edited_workbook_is_never_replaced_by_a_new_export(course, capsys):
    assert export(course, "q2.xlsx") == 0
    wb = load_workbook(course / "q2.xlsx")
    wb.worksheets[0].cell(2, 8).value = 2
    wb.save(course / "q2.xlsx")
    before = (course / "q2.xlsx").read_bytes()
    assert export(course, "q2.xlsx") == 2
    assert "was changed since the kit wrote it" in capsys.readouterr().err
    assert (course / "q2.xlsx").read_bytes() == before


def test_the_workbook_reads_well(course):
    assert export(course, "q2.xlsx") == 0
    ws = load_workbook(course / "q2.xlsx").worksheets[0]
    assert ws.title == "ex92_written q2" and ws.freeze_panes == "B2" and ws["A1"].font.bold
    assert ws.column_dimensions["D"].width >= 60 and ws["D2"].alignment.wrap_text
    assert ws["G2"].data_type == "n" and ws["G2"].value == 3, "the question's maximum, as a number"
    buf = io.BytesIO()
    load_workbook(course / "q2.xlsx").save(buf)
    assert buf.getvalue()[:2] == b"PK"
