"""The ``r2pkit`` command: the kit's data and tools from a terminal.

    r2pkit data list                 the datasets, with rows, sources and licences
    r2pkit data show NAME [--rows N] one dataset: what it is, its columns, its first rows
    r2pkit data cite NAME [--style text|bibtex]
    r2pkit data validate [NAME ...]  check the tables against their schemas
    r2pkit duties assess CASE.yaml [--format text|markdown|json]
                                     which of Hakimi's R2P duties attach to a state, and why
    r2pkit duties compare CASE.yaml  the collective and the relational vision side by side

A mistake (an unknown name, a broken file) prints one clear message and exits with
status 2 (1 for ``validate`` when a table breaks its schema); never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import R2PKitError

__all__ = ["main"]


def _frame_text(frame) -> str:  # type: ignore[no-untyped-def]
    import pandas as pd

    with pd.option_context("display.max_columns", None, "display.width", 120, "display.max_colwidth", 60):
        return frame.to_string(index=False)


def _data_list(args: argparse.Namespace) -> int:
    from . import data

    print(_frame_text(data.list_datasets()))
    return 0


def _data_show(args: argparse.Namespace) -> int:
    from . import data

    fields = data.describe(args.name)
    frame = data.load(args.name)
    print(f"{args.name}: {fields.attrs['title']}")
    if fields.attrs.get("description"):
        print(fields.attrs["description"])
    print(f"\n{len(frame)} rows. Columns:\n")
    print(_frame_text(fields))
    if args.rows > 0:
        print(f"\nFirst {min(args.rows, len(frame))} rows:\n")
        print(_frame_text(frame.head(args.rows)))
    print("\nCite as:\n" + data.cite(args.name))
    return 0


def _data_cite(args: argparse.Namespace) -> int:
    from . import data

    print(data.cite(args.name, style=args.style))
    return 0


def _data_validate(args: argparse.Namespace) -> int:
    from . import data

    chosen = args.names or data.names()
    failed = 0
    for name in chosen:
        problems = data.validate(name)[name]
        if problems:
            failed += 1
            print(f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            for p in problems:
                print(f"  - {p}")
        else:
            print(f"{name}: valid")
    if failed:
        print(f"\n{failed} of {len(chosen)} datasets break their schema.", file=sys.stderr)
        return 1
    print(f"\nAll {len(chosen)} datasets follow their schemas.")
    return 0


def _duties_assess(args: argparse.Namespace) -> int:
    from .duties import assess, load_case, render

    sys.stdout.write(render(assess(load_case(args.case)), args.format))
    return 0


def _duties_compare(args: argparse.Namespace) -> int:
    from .duties import compare, load_case

    result = compare(load_case(args.case))
    sys.stdout.write(result.to_markdown() if args.format == "markdown" else result.to_text())
    return 0


def _exercises_build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .exercises.build import build
    from .exercises.runtime import _kit_exercises

    sources = [Path(s) for s in args.sources] or sorted((_kit_exercises() / "source").glob("*.yaml"))
    if not sources:
        raise R2PKitError("No exercise sources given, and none found in exercises/source/.")
    out = Path(args.out) if args.out else _kit_exercises()
    for i, src in enumerate(sources, 1):
        print(f"[{i}/{len(sources)}] {src.name} ...", flush=True)
        built = build(src, out, execute=not args.no_execute, force=args.force)
        print(f"    student:  {built.student}\n    public:   {built.public}\n    solution: {built.solution}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from collections import Counter
    from pathlib import Path

    from .exercises import grade
    from .exercises.runtime import _kit_exercises

    out = Path(args.out)
    grade.check_output_free(out, args.force)
    if args.jobs < 1 or args.timeout <= 0:
        raise R2PKitError("--jobs must be at least 1 and --timeout more than 0 seconds.")
    kit_sources = sorted((_kit_exercises() / "source").glob("*.yaml"))
    keys, key_warnings = grade.load_keys([Path(k) for k in args.key], optional=kit_sources)
    for w in key_warnings:
        print(f"note: {w}", file=sys.stderr)
    results, warnings = grade.grade_all(args.submissions, keys, jobs=args.jobs, timeout=args.timeout)
    if not results:
        raise R2PKitError("No submissions found: give notebook files or folders that contain them.")
    folder = grade.write_grades(results, out, keys)
    counts = Counter(r.status for res in results for r in res.rows)
    print(f"Graded {len(results)} submission{'s' if len(results) != 1 else ''}: "
          + ", ".join(f"{counts[s]} {s}" for s in grade.STATUSES if counts[s]))
    for w in warnings:
        print(f"note: {w}")
    for res in results:
        for n in res.notes:
            if n not in warnings:
                print(f"note: {res.submission}: {n}")
    print(f"Grades: {out}\nFeedback: {folder}/")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="r2pkit", description="The R2P teaching and research kit.")
    parser.add_argument("--version", action="version", version=f"r2pkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    data = sub.add_parser("data", help="the kit's datasets: list, show, cite, validate")
    dsub = data.add_subparsers(dest="action", metavar="ACTION")
    dsub.required = True
    p = dsub.add_parser("list", help="list the datasets")
    p.set_defaults(func=_data_list)
    p = dsub.add_parser("show", help="describe one dataset and print its first rows")
    p.add_argument("name")
    p.add_argument("--rows", type=int, default=10, help="how many rows to print (default 10)")
    p.set_defaults(func=_data_show)
    p = dsub.add_parser("cite", help="how to cite a dataset")
    p.add_argument("name")
    p.add_argument("--style", choices=["text", "bibtex"], default="text")
    p.set_defaults(func=_data_cite)
    p = dsub.add_parser("validate", help="check datasets against their schemas")
    p.add_argument("names", nargs="*", metavar="NAME")
    p.set_defaults(func=_data_validate)
    du = sub.add_parser("duties", help="Hakimi's bundle of R2P duties: assess a case file")
    dusub = du.add_subparsers(dest="action", metavar="ACTION")
    dusub.required = True
    p = dusub.add_parser("assess", help="which duties attach to the outside state, whether breached, and why")
    p.add_argument("case", metavar="CASE.yaml", help="a case file (YAML or JSON), e.g. datasets/duty_cases/*.yaml")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.set_defaults(func=_duties_assess)
    p = dusub.add_parser("compare", help="the collective and the relational vision of R2P, side by side")
    p.add_argument("case", metavar="CASE.yaml")
    p.add_argument("--format", choices=["text", "markdown"], default="text")
    p.set_defaults(func=_duties_compare)
    ex = sub.add_parser("exercises", help="build student and solution notebooks from exercise sources")
    esub = ex.add_subparsers(dest="action", metavar="ACTION")
    esub.required = True
    p = esub.add_parser("build", help="build exercises (default: every exercises/source/*.yaml)")
    p.add_argument("sources", nargs="*", metavar="SOURCE.yaml")
    p.add_argument("--out", help="output folder (default: the kit's exercises/)")
    p.add_argument("--no-execute", action="store_true", help="do not run the notebooks to store outputs")
    p.add_argument("--force", action="store_true", help="replace notebooks not made by this command")
    p.set_defaults(func=_exercises_build)
    g = sub.add_parser("grade", help="grade submitted exercise notebooks into a CSV file")
    g.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="notebooks, or folders of notebooks")
    g.add_argument("--out", required=True, help="the grades file to write (CSV); never replaced without --force")
    g.add_argument("--jobs", type=int, default=1, help="how many submissions to run at once (default 1)")
    g.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per notebook (default 120)")
    g.add_argument("--force", action="store_true", help="replace an existing grades file")
    g.add_argument("--key", action="append", default=[], metavar="SOURCE.yaml",
                   help="an exercise source to grade against (the kit's own are always loaded)")
    g.set_defaults(func=_grade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except R2PKitError as exc:
        print(f"r2pkit: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `r2pkit data show x | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
