"""``r2pkit resettlement allocate``: fair shares of a resettlement target, from a terminal.

    r2pkit resettlement allocate --target N --key population|gdp|composite
        [--weights population=0.5,gdp=0.5,hosted=0.2] [--year Y] [--states ISO3,ISO3,...]
        [--input FILE.csv] [--format csv|json|text]

The command line passes its options here as text; every check (and its one-line message) is
that of :func:`r2pkit.resettlement.fair_shares.allocate`, so the terminal and the notebooks
refuse the same inputs for the same reasons. Without ``--states`` the target is shared among
the states that resettled Syrians in 2011–2023 and have World Bank figures in the kit
(:func:`r2pkit.resettlement.arrivals.resettlement_states`); ``--input`` replaces the kit's
figures with a CSV file of one's own (columns ``state,population,gdp`` and optionally
``refugees_hosted``).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from ..errors import R2PKitError
from . import arrivals, fair_shares
from ._checks import known

__all__ = ["FORMATS", "allocate_command"]

FORMATS = ("text", "csv", "json")


def _whole(text: str | None, what: str, example: str) -> int | float | None:
    if text is None:
        return None
    cleaned = text.strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        return float(cleaned)
    except ValueError:
        raise R2PKitError(f"{what} must be a whole number, e.g. {example}, not {text!r} "
                          "(write it without commas or spaces).") from None


def _read_input(path: str) -> pd.DataFrame:
    file = Path(path)
    if not file.is_file():
        raise R2PKitError(f"The input file {path!r} was not found. Give a CSV file with the columns "
                          "state,population,gdp (and optionally refugees_hosted).")
    try:
        # keep_default_na=False: a state code such as 'NA' (Namibia) stays a code, not a gap.
        return pd.read_csv(file, dtype={"state": str}, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise R2PKitError(f"The input file {path!r} is not a readable CSV file (UTF-8, comma-separated): "
                          f"{first}.") from None


def _pick(table: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    have = table["state"].astype(str).tolist()
    for s in states:
        known(s, have, "a state in the input file",
              f"Its states: {', '.join(have[:20])}" + (" …" if len(have) > 20 else "") + ".")
    return table[table["state"].isin(states)]


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
    r2pkit.errors.R2PKitError: --target must be a whole number, e.g. 20000, not 'ten' (write it without commas or spaces).
    """
    known(format, FORMATS, "an output format (--format)")
    if target is None:
        raise R2PKitError("Give the number of places to share out with --target N, e.g. --target 20000.")
    if key is None:
        raise R2PKitError("Give a distribution key with --key: population, gdp or composite.")
    goal = fair_shares.check_target(_whole(target, "--target", "20000"))
    chosen_year = _whole(year, "--year", "2015")
    wanted = [s.strip() for s in states.split(",") if s.strip()] if states is not None else None
    if states is not None and not wanted:
        raise R2PKitError("--states is a comma-separated list of states, e.g. --states GBR,DEU,FRA.")
    if input_file is not None:
        own = _read_input(input_file)
        figures = fair_shares.figures_from_table(own, f"The input file {input_file!r}")
        if wanted:
            figures = _pick(figures, wanted)
        table = fair_shares.allocate(goal, key, figures[["state", "population", "gdp", "refugees_hosted"]],
                                     chosen_year, weights)
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
