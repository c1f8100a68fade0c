"""The kit's code paths for the browser kernel (JupyterLite/Pyodide), run here as if in it.

In the browser there is no vl-convert and no frictionless: charts must leave the kernel as
Vega-Lite specs for the page to draw (as they do everywhere), and a dataset loads only if it
is the released file (its published SHA-256). Each case runs in a
fresh Python whose ``sys.platform`` says "emscripten" before r2pkit is imported, with
frictionless and vl_convert made unimportable. The whole site is tested in Chromium by
``make test-lite`` (tests/lite/).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PRELUDE = """
import sys
import altair, ipywidgets, pandas  # imported as on any platform
sys.modules["frictionless"] = None  # no such package in the browser
sys.modules["vl_convert"] = None
sys.platform = "emscripten"
"""


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PRELUDE + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env={**os.environ, **env})


def test_charts_need_no_drawing_in_the_kernel(tmp_path):
    proc = _run("""
        import json
        import altair as alt
        import pandas as pd
        from r2pkit import charts
        from r2pkit.widgets import ChartPane
        chart = charts.titled(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q", tooltip=["x"]),
                              "Two bars", "Bars at 1 and 2.")
        bundle = chart._repr_mimebundle_()
        bundle = bundle[0] if isinstance(bundle, tuple) else bundle
        pane = ChartPane(chart)
        print(json.dumps({"mimes": sorted(bundle), "pane": [sorted(o["data"]) for o in pane.outputs],
                          "text": pane.text, "vl_convert": "vl_convert" in sys.modules and sys.modules["vl_convert"] is not None}))
        """, R2PKIT_CACHE_DIR=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout.strip().splitlines()[-1])
    assert shown["mimes"] == ["application/vnd.vegalite.v5+json", "text/plain"]
    assert shown["pane"] == [["application/vnd.vegalite.v5+json", "text/plain"]]
    assert shown["text"] == "Chart: Two bars. Bars at 1 and 2." and not shown["vl_convert"]


def test_datasets_load_by_their_published_fingerprint(tmp_path):
    ok = _run("""
        from r2pkit import data
        print(len(data.load("unsc_syria_vetoes")))
        """, R2PKIT_CACHE_DIR=str(tmp_path / "cache"))
    assert ok.returncode == 0, ok.stderr
    import pandas as pd

    assert int(ok.stdout.split()[-1]) == len(pd.read_csv(ROOT / "datasets" / "unsc_syria_vetoes.csv"))

    copy = tmp_path / "datasets"
    shutil.copytree(ROOT / "datasets", copy)
    path = copy / "unsc_syria_vetoes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("S/2011/612", "S/2011/613", 1), encoding="utf-8")
    edited = _run("""
        from r2pkit import data
        from r2pkit.errors import DataValidationError
        try:
            data.load("unsc_syria_vetoes")
        except DataValidationError as exc:
            print("REFUSED", exc)
        """, R2PKIT_CACHE_DIR=str(tmp_path / "cache2"), R2PKIT_DATASETS=str(copy))
    assert edited.returncode == 0, edited.stderr
    assert "REFUSED" in edited.stdout and "datasets/unsc_syria_vetoes.csv" in edited.stdout
    assert "In the browser the kit checks a table by this fingerprint only" in edited.stdout


def _with_answer(nb: dict, exercise: str, question: str, answer: str) -> dict:
    """The notebook with ``answer`` saved for ``question`` in the cell that asks it (as the widget saves it)."""
    from r2pkit.exercises.protocol import answer_output

    nb = json.loads(json.dumps(nb))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code" and f'ask("{exercise}.{question}")' in "".join(c["source"]))
    cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": answer_output(exercise, question, answer)}]
    return nb


def test_saved_answers_come_back_though_the_kernel_knows_only_its_folder(tmp_path):
    # JupyterLite's kernel is told the notebook's folder (its working directory), not the file
    # (no JPY_SESSION_NAME): load() finds the exercise's notebook there and puts its answers back.
    import yaml

    spec = yaml.safe_load((ROOT / "exercises" / "source" / "ex00_start_here.yaml").read_text(encoding="utf-8"))
    q = next(q for q in spec["questions"] if q["kind"] == "single")
    wrong = next(str(k) for k in q["options"] if str(k) != str(q["answer"]))
    original = json.loads((ROOT / "exercises" / "ex00_start_here.ipynb").read_text(encoding="utf-8"))
    shutil.copy(ROOT / "exercises" / "ex00_start_here.quiz.json", tmp_path)
    (tmp_path / "ex00_start_here.ipynb").write_text(json.dumps(_with_answer(original, "ex00", q["id"], wrong)))
    other = json.loads((ROOT / "exercises" / "ex01_history.ipynb").read_text(encoding="utf-8"))
    (tmp_path / "ex01_history.ipynb").write_text(json.dumps(other))
    env = {k: v for k, v in os.environ.items() if k != "JPY_SESSION_NAME"}
    code = PRELUDE + textwrap.dedent(f"""
        import json, sys
        from r2pkit.exercises import runtime
        for cell in json.loads(sys.argv[1]):
            runtime._running_cell = lambda: cell  # as JupyterLab sends it with the request that runs the cell
            runtime._QUIZZES.clear()  # a fresh kernel each time
            runtime.load("ex00")
            print(json.dumps(runtime.recorded_answers()["ex00"].get({q['id']!r})))
        """)

    def answers_after_load(*cells: str) -> list[dict | None]:
        proc = subprocess.run([sys.executable, "-c", code, json.dumps(cells)], capture_output=True, text=True,
                              timeout=300, cwd=tmp_path, env=env)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith(("{", "null"))]

    assert answers_after_load("") == [{"answer": wrong, "via": "widget"}]

    # A copy of the notebook beside it (same cells, another answer): the one holding the cell being run counts;
    # when nothing tells them apart, neither copy's answers are put back in the other.
    copy = _with_answer(original, "ex00", q["id"], str(q["answer"]))
    for n, c in enumerate(copy["cells"]):
        c["id"] = f"copy-{n}"
    (tmp_path / "ex00_start_here-Copy1.ipynb").write_text(json.dumps(copy))
    assert answers_after_load(copy["cells"][0]["id"], original["cells"][0]["id"], "") == [
        {"answer": str(q["answer"]), "via": "widget"}, {"answer": wrong, "via": "widget"}, None]
    said = subprocess.run([sys.executable, "-c", code, json.dumps([""])], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path, env=env).stdout
    assert "Saved answers were not put back: this folder holds 2 copies of exercise ex00" in said, said
    assert "Keep one copy per folder" in said, said


def test_grading_and_the_appendix_say_plainly_that_they_need_the_full_kit(tmp_path):
    # What starts other programs (a sandboxed kernel per submission, a fresh kernel per notebook)
    # stops at once in the browser, with what to do, instead of failing deep inside.
    proc = _run("""
        import json
        from r2pkit import appendix, cli
        from r2pkit.browser import FullKitNeeded
        from r2pkit.exercises import grade
        said = {}
        for name, call in {"grade_all": lambda: grade.grade_all(["x.ipynb"], {}),
                           "grade_submission": lambda: grade.grade_submission("x.ipynb", {}),
                           "appendix.build": lambda: appendix.build("appendix.example.yaml"),
                           "appendix.rerun": lambda: appendix.rerun("build/appendix")}.items():
            try:
                call()
                said[name] = "no error"
            except FullKitNeeded as exc:
                said[name] = str(exc)
        said["cli"] = cli.main(["grade", "x.ipynb", "--out", "grades.csv"])
        print(json.dumps(said))
        """)
    assert proc.returncode == 0, proc.stderr
    said = json.loads(proc.stdout.strip().splitlines()[-1])
    assert said.pop("cli") == 2
    assert "r2pkit: error: Grading submissions needs the full kit" in proc.stderr
    for name, text in said.items():
        assert "needs the full kit" in text and "make lab" in text and "File > Download" in text, (name, text)
    assert "`r2pkit grade SUBMISSIONS --out grades.csv`" in said["grade_all"]
    assert "`r2pkit appendix build appendix.yaml`" in said["appendix.build"]
    assert "`r2pkit appendix verify build/appendix --rerun`" in said["appendix.rerun"]
    # Outside the browser nothing changes: the same call goes on to its own checks.
    here = subprocess.run([sys.executable, "-c", "from r2pkit.browser import needs_full_kit; "
                           "needs_full_kit('Grading submissions', 'r2pkit grade'); print('ok')"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert here.stdout.strip() == "ok", here.stderr
