"""The ``r2pkit`` command: the kit's data and tools from a terminal.

    r2pkit data list                 the datasets, with rows, sources and licences
    r2pkit data show NAME [--rows N] one dataset: what it is, its columns, its first rows
    r2pkit data cite NAME [--style text|bibtex]
    r2pkit data validate [NAME ...]  check the tables against their schemas

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
