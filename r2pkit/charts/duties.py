"""A chart of the duty engine's answers: the case library, case by case and duty by duty.

Drawn through :func:`r2pkit.duties.outcomes_long`: one cell per case and duty, coloured
and labelled by the outcome in words, so that 'not established' (open on the facts the
case records) is never drawn as 'does not attach'. Each colour also carries its words in
the cell, for readers who cannot tell the colours apart.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable

import altair as alt

from .. import duties
from ..errors import R2PKitError
from .accessibility import row_labels, titled
from .theme import PALETTE

__all__ = ["OUTCOME_COLOURS", "library_chart"]

#: Each outcome's colour (Okabe–Ito): warm for a breach, green for compliance, blues for
#: what is open or does not attach.
OUTCOME_COLOURS: dict[str, str] = {
    "attaches · breached": PALETTE[3],
    "attaches · breach not established": PALETTE[1],
    "attaches · not breached": PALETTE[2],
    "attachment not established · not breached": PALETTE[4],
    "not established": PALETTE[5],
    "does not attach": PALETTE[0],
}


ROW = 46  # px: a row holds a case's title on three lines, and a cell's words on four


def library_chart(cases: Iterable[duties.Case]) -> alt.LayerChart:
    """A grid: one row per case, one column per duty, each cell the engine's outcome.

    ``cases`` are cases of the library (e.g. ``duties.load_cases(duties.LIBRARY)``).
    Hover over a cell for the case, the facts that decided the duty, those that would
    decide what is open, a source, and whether the outcome the case records from the
    article is reproduced.

    >>> from r2pkit.charts import require_accessible
    >>> chart = library_chart(duties.load_cases(duties.LIBRARY))
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]
    "The duty engine on the case library: Hakimi's four duties, case by case"
    """
    table = duties.outcomes_long(cases)
    if table.empty:
        raise R2PKitError("There are no cases to draw: give at least one case, e.g. duties.load_cases(duties.LIBRARY).")
    unknown = sorted(set(table["outcome"]) - set(OUTCOME_COLOURS))
    if unknown:  # a new outcome wording would otherwise get no colour
        raise R2PKitError(f"No colour for the outcome(s) {', '.join(unknown)}; known: {', '.join(OUTCOME_COLOURS)}.")
    shown = table.assign(
        label=["\n".join(line for part in o.split(" · ") for line in textwrap.wrap(part, 16)) for o in table["outcome"]],
        matches=table["as expected"].map({True: "yes", False: "NO", None: "no outcome recorded"}),
    )
    # The words' offset from the top of their row: its middle, less half the block of 12 px lines.
    shown["shift"] = [ROW / 2 - 6.0 * label.count("\n") for label in shown["label"]]
    order = list(dict.fromkeys(shown["title"]))
    duty_order = [duties.DUTY_TITLES[d] for d in duties.DUTIES]
    present = [o for o in OUTCOME_COLOURS if o in set(shown["outcome"])]
    base = alt.Chart(shown).encode(
        x=alt.X("duty title:N", sort=duty_order, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=11,
                              labelExpr="replace(datum.label, 'Duty ', '')")),
        y=alt.Y("title:N", sort=order, title=None,
                axis=alt.Axis(**row_labels(order, 33))),
        tooltip=[alt.Tooltip("title:N", title="Case"), alt.Tooltip("duty title:N", title="Duty"),
                 alt.Tooltip("outcome:N", title="Engine's answer"), alt.Tooltip("decided by:N", title="Decided by"),
                 alt.Tooltip("would be decided by:N", title="Would be decided by"),
                 alt.Tooltip("matches:N", title="Reproduces the article's outcome"),
                 alt.Tooltip("source:N", title="Source")],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("outcome:N", title="Engine's answer",
                        scale=alt.Scale(domain=list(OUTCOME_COLOURS), range=list(OUTCOME_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=300, values=present)))
    words = base.mark_text(fontSize=10, lineBreak="\n", lineHeight=12).encode(
        text="label:N", yOffset=alt.YOffset("shift:Q", scale=None),  # white on the darkest colour, black on the others
        color=alt.condition(alt.datum.outcome == "does not attach", alt.value("white"), alt.value("black")))
    n_cases = len(order)
    chart = (cells + words).properties(width=4 * 86, height=ROW * n_cases)
    counts = shown.groupby("duty")["outcome"].apply(lambda s: (s == "attaches · breached").sum())
    breached = "; ".join(f"{duties.DUTY_TITLES[d].lower()} {int(counts[d])}" for d in duties.DUTIES)
    reproduced = int((shown["as expected"] == True).sum())  # noqa: E712 - True, False or None
    recorded = int(shown["as expected"].notna().sum())
    return titled(
        chart, "The duty engine on the case library: Hakimi's four duties, case by case",
        f"A grid of {n_cases} cases (rows) by Hakimi's four duties (columns). Each cell gives, in words and by colour, "
        f"what the kit's duty engine derives from the facts the case records: whether the duty attaches and whether "
        f"it is breached, or that the facts do not establish it. Cells where a breach is established, per duty: "
        f"{breached}. Of {recorded} outcomes the cases record from the article, the engine reproduces {reproduced}. "
        "Hover over a cell for the facts that decided it. Source: the kit's case library (datasets/duty_cases) and "
        "Hakimi, Part IV.B.",
    )
