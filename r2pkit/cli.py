"""The ``r2pkit`` command: the kit's data and tools from a terminal.

    r2pkit data list                 the datasets, with rows, sources and licences
    r2pkit data show NAME [--rows N] one dataset: what it is, its columns, its first rows
    r2pkit data cite NAME [--style text|bibtex]
    r2pkit data validate [NAME ...]  check the tables against their schemas
    r2pkit duties assess CASE.yaml [--format text|markdown|json]
                                     which of Hakimi's R2P duties attach to a state, and why
    r2pkit duties compare CASE.yaml  the collective and the relational vision side by side
    r2pkit resettlement allocate --target N --key population|gdp|composite [--weights ...]
        [--year Y] [--states ISO3,...] [--input FILE.csv] [--format csv|json|text]
                                     fair shares of a resettlement target among states
    r2pkit appendix build CONFIG.yaml [--out DIR]
                                     a researcher's reproducible appendix (run, export, cite)
    r2pkit appendix verify DIR [--expect SHA256] [--rerun]
                                     re-check a package against its manifest (and its published
                                     hash); --rerun runs it again and compares every exhibit
    r2pkit appendix pack DIR         the package as one ZIP to deposit (same package, same bytes)
    r2pkit workspace init DIR        a student's own copy of the notebooks and exercises
    r2pkit workspace update DIR      bring in a newer kit, keeping every edit
    r2pkit seminar gradebook|override|export|feedback|stats ...
                                     a graded seminar after `r2pkit grade` (r2pkit/seminar/command.py)

A mistake (an unknown name or option, a bad number, a broken file) prints one line, in the
same words for every command and for the same mistake in a notebook (the options are
checked with :mod:`r2pkit.checks`): what was wrong, what is allowed, the closest choice,
and which ``--help`` to read. The exit status is then 2 (1 for ``validate`` and ``verify``
when a file breaks its schema or manifest); never a traceback.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from . import __version__, checks, paths
from .errors import R2PKitError, UnknownNameError, WrongTypeError

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

    sources = [Path(s) for s in args.sources] or sorted((paths.exercises() / "source").glob("*.yaml"))
    if not sources:
        raise R2PKitError("No exercise sources given, and none found in exercises/source/.")
    out = Path(args.out) if args.out else paths.exercises()
    for i, src in enumerate(sources, 1):
        print(f"[{i}/{len(sources)}] {src.name} ...", flush=True)
        built = build(src, out, execute=not args.no_execute, force=args.force)
        print(f"    practice: {built.student} (+ {built.public.name})\n"
              f"    assessed: {built.assessed} (+ {built.assessed_public.name if built.assessed_public else ''})\n"
              f"    solution: {built.solution}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from .exercises.grade import command

    out = checks.path(args.out, "--out", exists=False)  # an empty or unusable path: the checks' sentence
    return command(args.submissions, out, keys=args.key, jobs=args.jobs, timeout=args.timeout,
                   force=args.force, no_sandbox=args.no_sandbox)


def _appendix_build(args: argparse.Namespace) -> int:
    from .appendix.builder import build

    build(args.config, args.out)
    return 0


def _appendix_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .appendix.manifest import MANIFEST, read, sha256, verify

    folder = Path(args.output)
    problems = verify(folder, datasets=args.datasets, expect=args.expect)
    total = len(read(folder)["outputs"])
    digest = sha256(folder / MANIFEST)
    print(f"{MANIFEST} SHA-256: {digest}" + (" (as published)" if args.expect and digest == args.expect.strip().lower()
                                             else ""))
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} mismatch{'es' if len(problems) != 1 else ''} with the manifest.", file=sys.stderr)
    else:
        print(f"All {total} files match the manifest.")
        if not args.expect:
            print("(The manifest cannot vouch for itself: check it against the SHA-256 published with the article, "
                  "with --expect SHA256.)")
    if args.rerun:
        from .appendix.rerun import rerun

        print("Running the package again from its code/ and data/ in a scratch folder ...")
        report = rerun(folder, args.tolerance)
        for difference in report.differences:
            print(difference)
        what = (f"{report.tables} table{'s' if report.tables != 1 else ''}, {report.figures} figure"
                f"{'s' if report.figures != 1 else ''} and {report.notebooks} notebook"
                f"{'s' if report.notebooks != 1 else ''}")
        if report.differences:
            print(f"\nThe rerun ({report.seconds:.0f} s) differs from the package in {len(report.differences)} "
                  f"place{'s' if len(report.differences) != 1 else ''} (tolerance {report.tolerance:g}).",
                  file=sys.stderr)
        else:
            print(f"The rerun ({report.seconds:.0f} s) says what the package says: {what} agree "
                  f"(numbers within a relative tolerance of {report.tolerance:g}).")
        if report.differences:
            return 1
    return 1 if problems else 0


def _appendix_pack(args: argparse.Namespace) -> int:
    from .appendix.archive import pack

    path, digest = pack(args.output, args.out, force=args.force)
    print(f"Packed {args.output} into {path} (SHA-256 {digest}): the same package always packs into the same bytes.")
    return 0


def _workspace(args: argparse.Namespace) -> int:
    from .workspace import init, update

    report = (init if args.action == "init" else update)(args.folder, source=args.source)
    print(report.text())
    return 0


def _resettlement_allocate(args: argparse.Namespace) -> int:
    from .resettlement.command import allocate_command

    sys.stdout.write(allocate_command(args.target, args.key, args.weights, args.year, args.states, args.input,
                                      args.format))
    return 0


_INVALID_CHOICE = re.compile(r"argument (?P<name>[^:]+): invalid choice: (?P<value>'.*') \(choose from (?P<options>.*)\)$",
                             re.DOTALL)


_INVALID_VALUE = re.compile(r"argument (?P<name>[^:]+): invalid (?P<type>\w+) value: (?P<value>.*)$", re.DOTALL)


def _one_line(message: str) -> str:
    """argparse's message in the kit's words: a check's own sentence once, a bad choice with the closest one.

    >>> _one_line("argument COMMAND: invalid choice: 'dat' (choose from 'data', 'duties')")
    "COMMAND 'dat' is not a command. Did you mean 'data'? Choose one of: data, duties."
    >>> _one_line("argument --jobs: invalid int value: 'many'")
    "--jobs 'many' is not a whole number."
    >>> _one_line("argument --rows: --rows 'x' is not a whole number of at least 0.")
    "--rows 'x' is not a whole number of at least 0."
    """
    typed = _INVALID_VALUE.match(message)
    if typed:  # argparse's own int/float types: the same sentence as the checks', the value cut short
        kind = {"int": "a whole number", "float": "a number"}.get(typed["type"], f"a valid {typed['type']}")
        value = typed["value"][1:-1] if typed["value"][:1] == "'" else typed["value"]
        return str(WrongTypeError(value=value, name=typed["name"].split("/")[0], expected=kind))
    bad = _INVALID_CHOICE.match(message)
    if bad:
        options = re.findall(r"'((?:[^'\\]|\\.)*)'", bad["options"])
        what = "a command" if bad["name"] in ("COMMAND", "ACTION") else "a choice"
        try:
            checks.choice(bad["value"][1:-1], options, what, name=bad["name"], fold=None)
        except UnknownNameError as exc:
            return str(exc)
    name = re.match(r"argument ([^:]+): (.*)$", message, re.DOTALL)
    if name and name[2].startswith(name[1].split("/")[0]):  # the check already names the option
        return name[2]
    return message


class _Parser(argparse.ArgumentParser):
    """argparse with the kit's errors: every usage mistake, in every subcommand, is one line and status 2.

    Subcommands' parsers are made of this class too (argparse makes them of the class of their
    parent), so ``r2pkit data cite x --style bib`` and ``r2pkit resettlement allocate --bogus``
    answer in the same style.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        text = _one_line(message).rstrip(".")
        if message.startswith("the following arguments are required:"):
            wanted = message.split(":", 1)[1].strip().split(", ")
            for action in self._actions:
                if isinstance(action, argparse._SubParsersAction) and action.metavar in wanted:
                    text = f"{action.metavar} is missing. Choose one of: {checks.listing(action.choices)}"
        self.exit(2, f"r2pkit: error: {text} (see `{self.prog} --help`).\n")

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        found, extra = super().parse_known_args(args, namespace)
        if extra:  # reported here, by the subcommand that does not know them, not by the top parser
            options = sorted({o for o in self._option_string_actions if o.startswith("--")} - {"--help"})
            unknown = extra[0]
            if unknown.startswith("-"):
                try:
                    checks.choice(unknown, options, f"an option of `{self.prog}`", fold=None,
                                  allowed=None if options else "It takes no options.")
                except UnknownNameError as exc:
                    self.error(str(exc))
            self.error(f"{checks.shown(' '.join(extra))} is not expected here: `{self.prog}` takes no more "
                       "arguments")
        return found, extra


def _choice(options: Sequence[str], what: str, name: str):  # type: ignore[no-untyped-def]
    return checks.argument(checks.choice, options, what, name=name, fold=None)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="r2pkit", description="The R2P teaching and research kit.")
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
    p.add_argument("--rows", type=checks.argument(checks.whole_number, "--rows", lo=0), default=10, metavar="N",
                   help="how many rows to print (default 10)")
    p.set_defaults(func=_data_show)
    p = dsub.add_parser("cite", help="how to cite a dataset")
    p.add_argument("name")
    p.add_argument("--style", type=_choice(["text", "bibtex"], "a citation style", "--style"), default="text",
                   metavar="text|bibtex")
    p.set_defaults(func=_data_cite)
    p = dsub.add_parser("validate", help="check datasets against their schemas")
    p.add_argument("names", nargs="*", metavar="NAME")
    p.set_defaults(func=_data_validate)
    du = sub.add_parser("duties", help="Hakimi's bundle of R2P duties: assess a case file")
    dusub = du.add_subparsers(dest="action", metavar="ACTION")
    dusub.required = True
    p = dusub.add_parser("assess", help="which duties attach to the outside state, whether breached, and why")
    p.add_argument("case", metavar="CASE.yaml", help="a case file (YAML or JSON), e.g. datasets/duty_cases/*.yaml")
    p.add_argument("--format", type=_choice(["text", "markdown", "json"], "an output format", "--format"),
                   default="text", metavar="text|markdown|json")
    p.set_defaults(func=_duties_assess)
    p = dusub.add_parser("compare", help="the collective and the relational vision of R2P, side by side")
    p.add_argument("case", metavar="CASE.yaml")
    p.add_argument("--format", type=_choice(["text", "markdown"], "an output format", "--format"), default="text",
                   metavar="text|markdown")
    p.set_defaults(func=_duties_compare)
    ex = sub.add_parser("exercises", help="build practice, assessed and solution notebooks from exercise sources")
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
    g.add_argument("--jobs", default="1", metavar="N",
                   help="how many submissions to run at once, at most one per CPU (default 1)")
    g.add_argument("--timeout", default="120", metavar="S", help="seconds allowed per notebook (default 120)")
    g.add_argument("--force", action="store_true", help="replace an existing grades file")
    g.add_argument("--key", action="append", default=[], metavar="SOURCE.yaml",
                   help="the exercise source (with its key) to grade against; repeat for several. "
                        "Default: the kit's own exercises")
    g.add_argument("--no-sandbox", action="store_true",
                   help="run the submissions WITHOUT a sandbox, with your own rights (only where bubblewrap "
                        "cannot run; the grades file says so)")
    g.set_defaults(func=_grade)
    ap = sub.add_parser("appendix", help="a researcher's replication package: build, verify, pack")
    apsub = ap.add_subparsers(dest="action", metavar="ACTION")
    apsub.required = True
    p = apsub.add_parser("build", help="run the notebooks of a config file and write the appendix (offline)")
    p.add_argument("config", metavar="CONFIG.yaml", help="e.g. appendix.example.yaml")
    p.add_argument("--out", help="output folder (default: the config's 'output')")
    p.set_defaults(func=_appendix_build)
    p = apsub.add_parser("verify", help="re-check a package against its manifest; exit 1 on any mismatch")
    p.add_argument("output", metavar="DIR")
    p.add_argument("--expect", metavar="SHA256", help="the manifest's SHA-256 as published with the article")
    p.add_argument("--rerun", action="store_true",
                   help="run the package again in a scratch folder and compare every table, figure and notebook")
    p.add_argument("--tolerance", metavar="REL",
                   type=checks.argument(checks.number, "--tolerance", lo=0, hi=1, hi_open=True),
                   help="relative difference allowed between numbers on --rerun (default: the package's, 1e-9)")
    p.add_argument("--datasets", action="store_true", help="also check the kit's dataset files against the extracts")
    p.set_defaults(func=_appendix_verify)
    p = apsub.add_parser("pack", help="write the package as one deterministic ZIP, ready to deposit")
    p.add_argument("output", metavar="DIR")
    p.add_argument("--out", metavar="FILE.zip", help="the archive to write (default: DIR.zip beside DIR)")
    p.add_argument("--force", action="store_true", help="replace an existing archive")
    p.set_defaults(func=_appendix_pack)
    ws = sub.add_parser("workspace", help="a student's own copy of the notebooks and exercises")
    wssub = ws.add_subparsers(dest="action", metavar="ACTION")
    wssub.required = True
    p = wssub.add_parser("init", help="copy the student notebooks and exercises into DIR (never overwrites)")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--from", dest="source", metavar="HANDOUT",
                   help="an instructor's handout folder (what `r2pkit exercises build --out` wrote) instead of the kit")
    p.set_defaults(func=_workspace)
    p = wssub.add_parser("update", help="bring in this kit's versions; edited files are kept, new versions saved beside")
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--from", dest="source", metavar="HANDOUT",
                   help="the handout folder (default: the one the workspace was made from, else the kit)")
    p.set_defaults(func=_workspace)
    rs = sub.add_parser("resettlement", help="fair shares of a resettlement target (notebook 04)")
    rssub = rs.add_subparsers(dest="action", metavar="ACTION")
    rssub.required = True
    p = rssub.add_parser("allocate", help="split a resettlement target among states by population, GDP or a mix")
    p.add_argument("--target", metavar="N", help="places to share out: a whole number of at least 0")
    p.add_argument("--key", metavar="population|gdp|composite", help="the distribution key")
    p.add_argument("--weights", metavar="population=0.5,gdp=0.5,hosted=0.2", help="the composite key's weights")
    p.add_argument("--year", metavar="Y", help="year of the World Bank figures (default: latest complete)")
    p.add_argument("--states", metavar="ISO3,ISO3,...", help="default: the states that resettled Syrians 2011-2023")
    p.add_argument("--input", metavar="FILE.csv", help="your own figures: columns state,population,gdp[,refugees_hosted]")
    p.add_argument("--format", default="text", metavar="csv|json|text", help="default: text",
                   type=_choice(["text", "csv", "json"], "an output format", "--format"))
    p.set_defaults(func=_resettlement_allocate)
    from .seminar.command import register as _register_seminar

    _register_seminar(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except R2PKitError as exc:
        print(f"r2pkit: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `r2pkit data show x | head` (before OSError, which it is)
        return 0
    except KeyboardInterrupt:  # Ctrl+C: a line, not a traceback; 130 is the shell's code for it
        print("\nr2pkit: stopped (Ctrl+C) before the command finished. The kit writes each file in one "
              "step, so none is half-written (grading writes nothing until every notebook is graded); "
              "run the command again to finish.", file=sys.stderr)
        return 130
    except (OSError, UnicodeError) as exc:  # the machine's answer (a full disk, a file one may not read): one line
        where = f": {checks.shown(str(exc.filename))}" if getattr(exc, "filename", None) else ""
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        print(f"r2pkit: error: {checks.shown(reason, 200).strip(chr(39))}{where}.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
