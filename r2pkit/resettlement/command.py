"""``r2pkit resettlement allocate``: fair shares of a resettlement target, from a terminal.

    r2pkit resettlement allocate --target N --key population|gdp|composite
        [--weights population=0.5,gdp=0.5,hosted=0.2] [--year Y] [--states ISO3,ISO3,...]
        [--input FILE.csv] [--format csv|json|text]

The command line passes its options here as text; every check (and its one-line message) is
that of :func:`r2pkit.resettlement.fair_shares.allocate`, so the terminal and the notebooks
refuse the same inputs for the same reasons. Without ``--states`` the target is shared among
the states that resettled Syrians in 2011–2023 (Syria's record: ``compare_years``) and have World Bank
figures in the kit
(:func:`r2pkit.resettlement.arrivals.resettlement_states`); ``--input`` replaces the kit's
figures with a CSV file of one's own (columns ``state,population,gdp`` and optionally
``refugees_hosted``).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from .. import checks
from ..errors import PathError, TableError, WrongTypeError
from . import arrivals, fair_shares

__all__ = ["FORMATS", "allocate_command"]

FORMATS = ("text", "csv", "json")


_COLUMNS = "Give a CSV file with the columns state,population,gdp (and optionally refugees_hosted)."


def _read_input(path: str) -> pd.DataFrame:
    file = checks.path(path, "--input")
    try:
        # keep_default_na=False: a state code such as 'NA' (Namibia) stays a code, not a gap.
        return pd.read_csv(file, dtype={"state": str}, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PathError(value=path, name="--input", expected="a readable CSV file (UTF-8, comma-separated)",
                        allowed=_COLUMNS, note=f"({checks.shown(first, 120)[1:-1]}.)") from None


def _typed(text: object) -> object:
    """An option as typed (text) read as a number where it is one; a number passed from Python stays one."""
    return checks.from_text(text) if isinstance(text, str) else text


def _pick(table: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    have = table["state"].astype(str).tolist()
    chosen = [checks.choice(s, have, "a state in the input file", name="--states") for s in states]
    return table[table["state"].isin(chosen)]


def allocate_command(target: str | None, key: str | None, weights: str | None = None, year: str | None = None,
                     states: str | None = None, input_file: str | None = None, format: str = "text") -> str:
    """The command's output for its options (all as typed): a CSV, JSON or text allocation.

    >>> print(allocate_command("10", "population", input_file=None, states="GBR,FRA", year="2015", format="csv"))
    state,share,allocation
    GBR,0.494453,5
    FRA,0.505547,5
    <BLANKLINE>
    >>> allocate_command("ten", "population")
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: --target 'ten' is not a whole number from 0 to 10,000,000,000. Write it in digits, without commas or spaces.
    """
    format = checks.choice(format, FORMATS, "an output format", name="--format")
    if target is None:
        raise WrongTypeError(value=None, name="--target", expected="given",
                             allowed="Give the number of places to share out with --target N, e.g. --target 20000.")
    if key is None:
        raise WrongTypeError(value=None, name="--key", expected="given",
                             allowed="Give a distribution key with --key: population, gdp or composite.")
    key = checks.choice(key, fair_shares.KEYS, "a distribution key", name="--key")
    goal = checks.whole_number(_typed(target), "--target", lo=0, hi=fair_shares.MAX_TARGET)
    chosen_year = checks.year(_typed(year), None, "--year") if year is not None else None
    if states is not None:
        checks.text(states, "--states", what="a comma-separated list of states", empty=True)
    wanted = [s.strip() for s in states.split(",") if s.strip()] if states is not None else None
    if states is not None and not wanted:
        raise WrongTypeError(value=states, name="--states", expected="a comma-separated list of states",
                             allowed="Give ISO3 codes or names, e.g. --states GBR,DEU,FRA.")
    if input_file is not None:
        if chosen_year is not None:
            raise WrongTypeError(value=chosen_year, name="--year", expected="needed with --input",
                                 allowed="Leave --year out: your file already gives the figures.")
        own = _read_input(input_file)
        figures = fair_shares.figures_from_table(own, f"The input file {checks.shown(input_file)}")
        if wanted:
            figures = _pick(figures, wanted)
        # refugees_hosted is optional: pass it on only if the file has it (a column of gaps would be refused).
        columns = ["state", "population", "gdp"] + (["refugees_hosted"] if "refugees_hosted" in own.columns else [])
        table = fair_shares.allocate(goal, key, figures[columns], None, weights)
    else:
        from .. import data

        indicators = data.load("country_indicators")
        refugees = data.load("syria_refugees_by_host")
        if wanted is None:
            wanted = arrivals.resettlement_states(data.load("syria_resettlement_arrivals"), indicators)
        table = fair_shares.allocate(goal, key, wanted, chosen_year, weights, indicators=indicators,
                                     refugees=refugees)
    return _render(table, format)


def _render(table: pd.DataFrame, format: str) -> str:
    if format == "csv":
        out = io.StringIO()
        table[["state", "share", "allocation"]].to_csv(out, index=False, float_format="%.6f", lineterminator="\n")
        return out.getvalue()
    if format == "json":
        year = table["year"].iloc[0] if len(table) else None
        payload = {
            "target": int(table.attrs["target"]), "key": table.attrs["key"], "weights": table.attrs.get("weights"),
            "year": None if year is None or pd.isna(year) else int(year),
            "allocations": [{"state": s, "name": n, "share": round(float(sh), 9), "allocation": int(a)}
                            for s, n, sh, a in zip(table["state"], table["name"], table["share"], table["allocation"])],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    shown = table[["state", "name", "share", "allocation"]].assign(
        share=[f"{s:.2%}" for s in table["share"]], allocation=[f"{a:,}" for a in table["allocation"]])
    return fair_shares.allocation_sentence(table) + "\n\n" + shown.to_string(index=False) + "\n"
