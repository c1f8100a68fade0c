"""Tables for reading: plain words where the data have column names.

The kit's datasets and functions name their columns as code does (``vetoed_by``,
``per_usd_gdp_per_head``), so that a researcher can select them; a law student reading a
notebook should see words. :func:`readable` is the view: it returns a copy of a table
with its column and index names in words (from :data:`LABELS`, or labels given for one
table), yes/no for true/false, "not known" for a missing fact, and the duty engine's fact
names written out where a cell lists them. The data themselves keep their names.

A table for reading is also laid out for the page (:class:`ReadingTable`, :func:`html_table`):
it fits the notebook's column of a 768 px window without scrolling sideways. Long texts
wrap (a long path or address breaks where it must), each text column keeps a readable
width, numbers stay on one line, and a row number that means nothing to a reader (0, 1,
2 …) is left out. The layout is written into the table itself (inline styles), so it holds
in a notebook reopened untrusted, where JupyterLab drops style sheets.
"""
from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import checks
from ..resettlement.scenario import PARAMETER_LABELS

__all__ = ["LABELS", "label", "readable", "ReadingTable", "html_table"]

#: Column names of the kit's tables, in words. A name not here is shown as it is, so every
#: label is a deliberate choice; a table may add or override labels (``readable(t, {...})``).
LABELS: dict[str, str] = {
    # Security Council and General Assembly
    "vetoed_by": "vetoed by",
    "in_roll_call_data": "every member's vote in the data",
    "official_tally": "official tally",
    "official_source": "official source",
    "iso3": "country code",
    # displacement and host pressure
    "host_iso3": "country code",
    "unhcr_code": "UNHCR's country code",
    "source_url": "source's address",
    "per_1000": "refugees per 1,000 inhabitants",
    "pct_of_population": "refugees, % of the population",
    "gdp_per_head": "GDP per head (US$)",
    "per_usd_gdp_per_head": "refugees per US$1 of GDP per head",
    "share_of_world": "share of all Syrian refugees",
    "asylum_seekers": "asylum-seekers",
    "resettlement_arrivals": "resettlement arrivals",
    "resettled_2011_to_2016": "resettled, 2011–2016",
    # sharing resettlement places
    "matching_pledge": "pledge matching the UK's",
    "first_year": "first year",
    "last_year": "last year",
    "off_by": "off by (share of the real count)",
    "bias": "bias (+ too many, − too few)",
    # prevention
    "rec_id": "no.",
    "session_title": "session title",
    "factor_number": "risk factor no.",
    "coercion_rank": "rank",
    "coercion_level": "coercion level",
    "needs_sc_authorisation": "needs the Security Council's authorisation",
    # the duty bundle: Hakimi's four duties and the facts the engine asks about
    "respect": "duty to respect",
    "protect": "duty to protect",
    "not_obstruct": "duty not to obstruct",
    "assist": "duty to assist",
    "participates_in_atrocities": "takes part in the atrocities",
    "assists_perpetrators": "assists the perpetrators",
    "assistance_mental_element": "state of mind when assisting",
    "governmental_authority": "governmental authority over the area",
    "physical_presence_only": "physical presence only",
    "substantial_support_to_perpetrators": "substantial support to the perpetrators",
    "made_reasonable_efforts_to_restrain": "reasonable efforts to restrain",
    "obstructs_protective_measures": "obstructs protective measures",
    "offers_meaningful_alternative": "offers a meaningful alternative",
    "weighty_countervailing_interest": "a weighty countervailing interest",
    "contributed_to_risk": "contributed to the risk",
    "special_relationship": "a special relationship",
    "helps_lessen_risk": "helps lessen the risk",
    "high_capacity": "high capacity",
    "cannot_reasonably_bear": "cannot reasonably bear the cost",
    # the resettlement scenario model's parameters, as the model names them for a reader ("arrivals" is
    # left alone: other tables' "arrivals" are resettlement arrivals)
    **{name: words for name, words in PARAMETER_LABELS.items() if name != "arrivals"},
}

_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def label(name: str) -> str:
    """A column or parameter name in words, or the name itself if the kit has no label for it.

    >>> label("per_usd_gdp_per_head"), label("year")
    ('refugees per US$1 of GDP per head', 'year')
    """
    checks.text(name, "name", what="a column or parameter name", empty=True)
    return LABELS.get(name, name)


def _word(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


def _words(column: pd.Series, labels: Mapping[str, str]) -> pd.Series:
    values = [v for v in column if v is not None and not (isinstance(v, float) and pd.isna(v))]
    if column.dtype == bool or (values and all(isinstance(v, bool) for v in values)):
        return column.map(lambda v: "not known" if v is None or (isinstance(v, float) and pd.isna(v)) else _word(v))
    if values and all(isinstance(v, str) for v in values):
        return column.map(lambda v: _NAME.sub(lambda m: labels.get(m.group(0), m.group(0)), v)
                          if isinstance(v, str) else v)
    return column


def readable(table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A copy of ``table`` for reading: column and index names in words, yes/no for true/false.

    ``labels`` adds or overrides column labels for this table (e.g. a column ``all`` that
    means "both voted no"). A true/false column reads yes/no, with "not known" where a
    value is missing; where a text cell names one of the duty engine's facts (e.g. "would
    be decided by: offers_meaningful_alternative"), the name is written out.

    >>> t = pd.DataFrame({"draft": ["S/2011/612"], "vetoed_by": ["China, Russia"], "all": [True]})
    >>> readable(t, {"all": "both voted no"})
          draft       vetoed by both voted no
    0  S/2011/612  China, Russia          yes
    >>> readable(pd.DataFrame({"would be decided by": ["helps_lessen_risk"], "x": [None]}))
           would be decided by     x
    0  helps lessen the risk  None
    >>> readable([1, 2])
    Traceback (most recent call last):
    ...
    r2pkit.errors.TableError: table=[1, 2] is not a table (pandas DataFrame).
    """
    checks.table(table, name="table")
    if labels is not None:
        checks.instance_of(labels, Mapping, "labels", what="labels for columns (a dict)",
                           allowed="Give a dict from column names to words, e.g. {'all': 'both voted no'}.")
    words = {**LABELS, **dict(labels or {})}
    out = table.copy()
    for name in out.columns:
        out[name] = _words(out[name], words)
    out = out.rename(columns=lambda c: words.get(c, c) if isinstance(c, str) else c)
    out = out.rename_axis(index=[words.get(n, n) if isinstance(n, str) else n for n in out.index.names],
                          columns=[words.get(n, n) if isinstance(n, str) else n for n in out.columns.names])
    return ReadingTable(out)


# ------------------------------------------------------------------ laid out for the page
#: A text column holding a value longer than this wraps; shorter ones stay on one line.
WRAP_FROM = 16
_CELL = "vertical-align: top; padding: 0.3em 0.4em;"
# JupyterLab keeps only some values of some properties in a notebook it does not trust: these it keeps
_TEXT = "text-align: left; white-space: normal; overflow-wrap: break-word;"
#: A word longer than LONG_WORD (a symbol, a path, an address, a list of states) may break after
#: / _ . , ; -, and a run of letters longer than LONG_RUN between its parts: no such word sets a
#: column's width on its own. The browser breaks it only where the column is too narrow to hold it.
LONG_WORD = 12
LONG_RUN = 16
_AFTER = re.compile(r"([/_.,;:=&?-])(?=[^/_.,;:=&?-])")
_KEEP = "white-space: nowrap;"


def _shown(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)


def _column_cells(column: pd.Series, numeric: bool) -> list[str]:
    """The column's cells as text: numbers and dates as pandas writes them (the same digits as
    ever; a date without its time), a missing value blank."""
    if not (numeric or pd.api.types.is_datetime64_any_dtype(column)) or not len(column):
        return [_shown(v) for v in column]
    written = column.to_frame().to_string(index=False, header=False).splitlines()
    return ["" if pd.isna(v) else w.strip() for v, w in zip(column, written)]


def _breakable(text: str) -> str:
    """``text`` as HTML in which a long word may break (``<wbr>``, kept in untrusted notebooks).

    >>> _breakable("../shared/reference/unhcr_refugees/unhcr_idmc.csv, rows for MMR")
    '../<wbr>shared/<wbr>reference/<wbr>unhcr_<wbr>refugees/<wbr>unhcr_<wbr>idmc.<wbr>csv, rows for MMR'
    """
    words = []
    for word in text.split(" "):
        if len(word) <= LONG_WORD:
            words.append(html.escape(word))
            continue
        parts = []
        for piece in _AFTER.sub(lambda m: m.group(1) + "\0", word).split("\0"):
            n = -(-len(piece) // LONG_RUN) or 1  # parts of about equal length, none longer than LONG_RUN
            size = -(-len(piece) // n) if piece else 1
            chunks = [piece[i:i + size] for i in range(0, len(piece), size)] or [""]
            parts.append("<wbr>".join(html.escape(c) for c in chunks))
        words.append("<wbr>".join(parts))
    return " ".join(words)


def _column_style(values: list[str], numeric: bool) -> str:
    longest = max((len(v) for v in values), default=0)
    if numeric:
        return f"{_CELL} text-align: right; {_KEEP}"
    if longest <= WRAP_FROM:
        return f"{_CELL} text-align: left; {_KEEP}"
    # a column of long texts keeps room for a word or two a line; the browser shares out the rest
    # of the page between the columns by how much each holds
    return f"{_CELL} {_TEXT} min-width: 5em;"


def html_table(table: pd.DataFrame) -> str:
    """The table as HTML that fits a narrow page: long texts wrap, numbers stay whole.

    The row labels are shown only when they say something (a named index, or labels that
    are not row numbers). Missing values are left blank; whole numbers in a float column
    are written as pandas writes them.

    >>> t = pd.DataFrame({"state": ["Lebanon"], "refugees": [1062690], "source": ["UNHCR Refugee Data Finder, 2015"]})
    >>> page = html_table(t)
    >>> "<th" in page and "Lebanon" in page, page.count("min-width"), ">0<" in page
    (True, 1, False)
    """
    checks.table(table, name="table")
    columns = list(table.columns)
    index = table.index
    # row numbers (0, 1, 2 … or what is left of them after a filter) mean nothing to a reader
    show_index = any(n is not None for n in index.names) or not pd.api.types.is_integer_dtype(index)
    numeric = [pd.api.types.is_numeric_dtype(table.iloc[:, i]) and not pd.api.types.is_bool_dtype(table.iloc[:, i])
               for i in range(len(columns))]
    cells = {c: _column_cells(table.iloc[:, i], numeric[i]) for i, c in enumerate(columns)}
    styles = {c: _column_style(cells[c], numeric[i]) for i, c in enumerate(columns)}
    index_cells = [", ".join(map(_shown, k)) if isinstance(k, tuple) else _shown(k) for k in index]
    index_style = _column_style(index_cells, pd.api.types.is_numeric_dtype(index))
    esc = html.escape
    # a heading wraps between words only: its longest word sets the column's narrowest width
    heading = f"{_CELL} white-space: normal; overflow-wrap: break-word; text-align:"
    head = [f'<th style="{heading} left;">{esc(" / ".join(str(n) for n in index.names if n is not None))}</th>'] \
        if show_index else []
    head += [f'<th style="{heading} {"right" if numeric[i] else "left"};">{esc(str(c))}</th>'
             for i, c in enumerate(columns)]
    rows = []
    for r in range(len(table)):
        row = [f'<th style="{index_style}">{esc(index_cells[r])}</th>'] if show_index else []
        row += [f'<td style="{styles[c]}">{_breakable(cells[c][r])}</td>' for c in columns]
        rows.append("<tr>" + "".join(row) + "</tr>")
    return ('<table class="dataframe r2pkit-table" style="max-width: 100%; width: auto;">'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


class ReadingTable(pd.DataFrame):
    """A table a notebook shows for reading: a plain DataFrame, drawn by :func:`html_table`.

    Anything derived from it (a slice, a copy, a filter) is a plain DataFrame again.

    >>> ReadingTable({"a": [1]})._repr_html_().startswith('<table class="dataframe r2pkit-table"')
    True
    """

    @property
    def _constructor(self):  # type: ignore[override]
        return pd.DataFrame

    def _repr_html_(self) -> str | None:
        if isinstance(self.columns, pd.MultiIndex) or len(self) > 200:
            return super()._repr_html_()
        return html_table(self)
