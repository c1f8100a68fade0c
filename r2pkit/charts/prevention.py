"""Charts of prevention and the toolbox: the coercion ladder of protection measures, who the
UNA-UK roundtable asks to act, what each of the three texts says about each measure, and
the early-warning checklist.

Drawn from ``protection_measures``, ``unauk_recommendations`` and ``atrocity_risk_factors``
through the pure functions of :mod:`r2pkit.prevention`. Stances are told apart by colour
*and* by a word in each cell; the risk profile has no quantity axis, because it is not a
score.
"""
from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

import altair as alt
import pandas as pd

from .. import checks, prevention
from ..errors import R2PKitError, require_table
from .accessibility import label_lines, row_labels, titled
from .cues import stack_labels
from .theme import PALETTE

__all__ = ["coercion_ladder", "recommendations_chart", "stance_chart", "risk_profile_chart",
           "COUNCIL_COLOURS", "STANCE_COLOURS"]

#: Whether a measure needs the Security Council: blue no, orange sometimes, vermillion yes.
COUNCIL_COLOURS = {"no": PALETTE[0], "sometimes": PALETTE[1], "yes": PALETTE[3]}
#: A text's stance on a measure; white (with a grey frame) where the text is silent.
STANCE_COLOURS = {"favours": PALETTE[0], "discusses": PALETTE[5], "mentions": PALETTE[7],
                  "has reservations": PALETTE[3], "not discussed": "#ffffff"}
_STANCE_INK = {"favours": "white", "discusses": "black", "mentions": "black", "has reservations": "white",
               "not discussed": "#555555"}
_SESSION_COLOURS = PALETTE[:4]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def coercion_ladder(measures: pd.DataFrame, remaining: Iterable[str] | pd.DataFrame | None = None,
                    constraints: str | None = None) -> alt.Chart:
    """The fourteen measures from the least (top) to the most coercive, by level on the kit's scale.

    ``measures`` is the ``protection_measures`` dataset. Each dot's colour says whether the
    measure needs the Security Council (no, sometimes, yes), and so does a word beside it. With ``remaining`` (measure
    names, or a table from :func:`r2pkit.prevention.available_measures`), the measures that
    remain are drawn solid and the others faded. Tooltips give the sources' reasoning.
    ``constraints`` (words, e.g. "Security Council deadlocked; coercion not acceptable") is
    shown under the title and read in the description, so that each choice of an explorer's
    controls shows (and redraws) a chart that says what it was drawn for.

    >>> from r2pkit import data, prevention
    >>> from r2pkit.charts import require_accessible
    >>> m = data.load("protection_measures")
    >>> chart = coercion_ladder(m, prevention.available_measures(m, True, False, "single state"))
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]
    'Protection measures that remain: 7 of 14'
    """
    checks.table(measures, name="measures", dataset="protection_measures", empty=False, unique=["measure"])
    if remaining is not None:
        checks.instance_of(remaining, (pd.DataFrame, list, tuple, set, frozenset), "remaining",
                           what="measure names or a table of available measures",
                           allowed="Pass prevention.available_measures(...) or a list of measure names.")
        if isinstance(remaining, pd.DataFrame):
            checks.table(remaining, ("measure",), name="remaining")
    if constraints is not None:
        checks.text(constraints, "constraints", what="words on the constraints", empty=True)
    scale = prevention.coercion_scale(measures)
    full = measures.set_index("measure")
    if remaining is None:
        kept = set(scale["measure"])
    else:
        kept = set(remaining["measure"] if isinstance(remaining, pd.DataFrame) else remaining)
        unknown = sorted(kept - set(scale["measure"]))
        if unknown:
            raise R2PKitError(f"Not measures of the table: {', '.join(map(repr, unknown))}. "
                              f"Measures: {', '.join(scale['measure'])}.")
    shown = scale.assign(
        status=["remains" if m in kept else "ruled out" for m in scale["measure"]],
        level_label=[f"{n} {name}" for n, name in zip(scale["coercion_level"], scale["level"])],
        coercive=scale["coercive"].map({True: "yes", False: "no"}),
        summary=[full.loc[m, "summary"] for m in scale["measure"]],
        why=[full.loc[m, "sc_reasoning"] for m in scale["measure"]],
    )
    order = scale["measure"].tolist()
    width = 250
    base = alt.Chart(shown).encode(
        y=alt.Y("measure:N", sort=order, title=None, axis=alt.Axis(**row_labels(order, 32))),
        opacity=alt.Opacity("status:O", title=None, sort=["remains", "ruled out"],
                            scale=alt.Scale(domain=["remains", "ruled out"], range=[1.0, 0.18]), legend=None),
        tooltip=[alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("summary:N", title="What it is"),
                 alt.Tooltip("level_label:N", title="Coercion level"), alt.Tooltip("coercive:N", title="Coercive"),
                 alt.Tooltip("needs_sc_authorisation:N", title="Needs the Security Council"),
                 alt.Tooltip("why:N", title="Why (sources)"), alt.Tooltip("status:N", title="Under your constraints")],
    )
    dots = base.mark_point(filled=True, size=170).encode(
        x=alt.X("coercion_level:O", title="Coercion level (kit's scale: 1 analysis … 5 force)",
                scale=alt.Scale(domain=list(prevention.LEVELS)), axis=alt.Axis(labelAngle=0)),
        color=alt.Color("needs_sc_authorisation:N", title="Needs the Security Council",
                        scale=alt.Scale(domain=list(COUNCIL_COLOURS), range=list(COUNCIL_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        shape=alt.Shape("coercive:N", title="Coercive", scale=alt.Scale(domain=["no", "yes"],
                                                                        range=["circle", "diamond"]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
    )
    # The Council's part is also written out, in a column headed like a table's beside the dots
    # (colour is not the only cue); the column sits in the chart's right margin, at pixel positions.
    words = base.mark_text(align="left", fontSize=12).encode(
        x=alt.value(width + 14), text=alt.Text("needs_sc_authorisation:N"),
        # faded less than the dots: a word ruled out stays legible
        opacity=alt.Opacity("status:O", sort=["remains", "ruled out"], legend=None,
                            scale=alt.Scale(domain=["remains", "ruled out"], range=[1.0, 0.45])))
    header = alt.Chart(shown).transform_filter(alt.datum.measure == order[0]).mark_text(
        align="left", baseline="alphabetic", fontSize=12, fontWeight="bold", lineHeight=14,
        text=["Security Council", "needed?"]).encode(x=alt.value(width + 14), y=alt.value(-22))
    chart = alt.layer(dots, words, header).properties(width=width, height=26 * len(shown)).resolve_scale(
        opacity="independent")
    by_need = scale.groupby("needs_sc_authorisation").size()
    need_text = "; ".join(f"{k} {int(by_need.get(k, 0))}" for k in COUNCIL_COLOURS)
    if remaining is None:
        title = "Protection measures, from the least to the most coercive"
        extra = ""
    else:
        title = f"Protection measures that remain: {len(kept)} of {len(scale)}"
        extra = (f" Solid dots remain under the chosen constraints: {_and([m for m in order if m in kept])}."
                 if kept else " No measure remains under the chosen constraints.")
    if constraints:
        extra = f" Constraints: {constraints}.{extra}"
    return titled(
        chart, title,
        f"Dot chart of {len(scale)} protection measures listed from the least coercive (top, "
        f"{order[0]}) to the most coercive (bottom, {order[-1]}), placed on the kit's five-level coercion scale; "
        f"colour says whether the Security Council must authorise the measure (no, sometimes, yes: {need_text}), "
        f"and so does the word in the column headed 'Security Council needed?' beside each dot; a diamond marks "
        f"coercive measures.{extra} Hover for the sources' reasoning. "
        "Source: dataset protection_measures (the three source texts).",
        subtitle=f"Under your constraints: {constraints}" if constraints else None,
    )


def recommendations_chart(recs: pd.DataFrame, by: str = "addressee", form: str | None = None) -> alt.Chart:
    """Stacked bars: the roundtable's recommendations per addressee (or type of measure), by session.

    ``recs`` is the ``unauk_recommendations`` dataset; ``by`` is 'addressee' or
    'measure_type'; ``form`` keeps one form (see :data:`r2pkit.prevention.FORMS`). A
    recommendation with two addressees counts once for each.

    >>> from r2pkit import data
    >>> chart = recommendations_chart(data.load("unauk_recommendations"), form="set-off recommendation")
    >>> chart.to_dict()["layer"][0]["encoding"]["color"]["field"]
    'session_title'
    """
    checks.table(recs, name="recs", dataset="unauk_recommendations", empty=False)
    by = checks.choice(by, ("addressee", "measure_type"), "a way to count recommendations", name="by")
    counts = prevention.count_by(recs, [by, "session"], form=form)
    rows = prevention.recommendations(recs, form=form) if form is not None else recs
    if by == "addressee":
        rows = rows.assign(addressee=rows["addressee"].str.split("; ")).explode("addressee")
    pages = rows.groupby([by, "session"])["page"].agg(lambda p: ", ".join(str(x) for x in sorted(set(p))))
    counts["pages"] = [pages.loc[(k, s)] for k, s in zip(counts[by], counts["session"])]
    counts["source"] = "UNA-UK roundtable summary, pp. " + counts["pages"]
    totals = counts.groupby(by)["recommendations"].sum()
    order = sorted(totals.index, key=lambda k: (-int(totals[k]), k))  # longest bar first, ties alphabetically
    label = {"addressee": "Addressee", "measure_type": "Type of measure"}[by]
    titles = list(prevention.SESSIONS.values())
    # Each segment wide enough also carries its session's number, which the legend gives too
    # (colour is not the only cue).
    numbers = {t: str(n) for n, t in prevention.SESSIONS.items()}
    counts["number"] = counts["session_title"].map(numbers)
    what = alt.Y(f"{by}:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    tips = [alt.Tooltip(f"{by}:N", title=label), alt.Tooltip("session_title:N", title="Session"),
            alt.Tooltip("recommendations:Q", title="Recommendations"), alt.Tooltip("source:N", title="Source")]
    width = 320
    counts, labels = stack_labels(counts, what, field=by, value="recommendations", order="session", text="number",
                                  colour_field="session_title", colours=dict(zip(titles, _SESSION_COLOURS)),
                                  bar=0.9 * 24, length=width, tooltip=tips, horizontal=True)
    coded = "{" + ", ".join(f"{json.dumps(t)}: {json.dumps(n)}" for t, n in numbers.items()) + "}"
    bars = alt.Chart(counts).mark_bar().encode(
        y=what,
        x=alt.X("recommendations:Q", title="Recommendations", stack=True, axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("session_title:N", title="Session", scale=alt.Scale(domain=titles, range=_SESSION_COLOURS),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=360,
                                          labelExpr=f"{coded}[datum.label] + '. ' + datum.label")),
        order=alt.Order("session:O"),
        tooltip=tips,
    )
    chart = alt.layer(bars, *labels).properties(width=width, height=24 * len(order))
    n = len(prevention.recommendations(recs, form=form)) if form else len(recs)
    which = f"{form}s" if form else "recommendations"
    first = order[0]
    if by == "addressee":
        title = "Who the UNA-UK roundtable asks to act"
    else:
        title = "What the UNA-UK roundtable's recommendations are about"
    return titled(
        chart, title,
        f"Stacked bar chart of the roundtable's {n} {which} counted by {label.lower()} ({len(order)} bars), one colour "
        f"per session, each segment wide enough labelled with the session's number; the longest bar is {first} with {int(totals[first])}. A recommendation with several addressees "
        "counts once for each. Source: UNA-UK roundtable summary (16 April 2013), via dataset unauk_recommendations.",
    )


def stance_chart(measures: pd.DataFrame) -> alt.Chart:
    """A grid: each text's stance on each measure, measures from the least to the most coercive.

    >>> from r2pkit import data
    >>> chart = stance_chart(data.load("protection_measures"))
    >>> [layer["mark"]["type"] for layer in chart.to_dict()["layer"]]
    ['rect', 'text']
    """
    table = prevention.stances(measures)
    table = table.assign(ink=table["stance"].map(_STANCE_INK), word=table["stance"].str.replace("has ", ""))
    order = prevention.coercion_scale(measures)["measure"].tolist()
    texts = list(prevention.SOURCES.values())
    base = alt.Chart(table).encode(
        x=alt.X("text:N", sort=texts, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelLimit=0,
                              labelExpr="datum.label == 'UNA-UK roundtable summary' ? 'UNA-UK roundtable' : datum.label")),
        # Names of two lines at most, the pair centred on the row (a Vega label's first line sits on the middle).
        y=alt.Y("measure:N", sort=order, title=None,
                axis=alt.Axis(**row_labels(order, 31))),
        tooltip=[alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("text:N", title="Text"),
                 alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("where:N", title="Where")],
    )
    cells = base.mark_rect(stroke="#888888", strokeWidth=0.5).encode(
        color=alt.Color("stance:N", title="Stance", scale=alt.Scale(domain=list(STANCE_COLOURS),
                                                                    range=list(STANCE_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=260)))
    words = base.mark_text(fontSize=11).encode(text="word:N", color=alt.Color("ink:N", scale=None))
    chart = alt.layer(cells, words).properties(width=345, height=30 * len(order))
    counts = prevention.stance_counts(measures)
    said = "; ".join(f"{t}: favours {int(counts.loc[t, 'favours'])}, has reservations about "
                     f"{int(counts.loc[t, 'has reservations'])}, silent on {int(counts.loc[t, 'not discussed'])}"
                     for t in texts)
    return titled(
        chart, "What each text says about each measure",
        f"Grid of {len(order)} measures (rows, least coercive first) by the kit's three texts (columns); each cell's "
        f"colour and word give the text's stance ({said}). Hover for where the text discusses it. "
        "Source: dataset protection_measures.",
    )


def risk_profile_chart(profile: pd.DataFrame) -> alt.Chart:
    """The early-warning checklist as a chart: the factors marked, by group. Not a score.

    ``profile`` is a :func:`r2pkit.prevention.risk_profile` table. Each factor is a dot in
    the column of the crimes it concerns; a filled dot is marked as present.

    Factors are labelled 'Risk Factor 8: …' where their number was checked, and by name
    with '(number not checked)' where it was not.

    >>> from r2pkit import data, prevention
    >>> p = prevention.risk_profile(data.load("atrocity_risk_factors"), [8])
    >>> risk_profile_chart(p).to_dict()["title"]["text"]
    'Risk factors marked: 1 of the 10 in the kit’s table'
    """
    require_table(profile, ("group", "crime", "label", "marked", "indicators", "source"),
                  "a risk_profile(...) result")
    shown = profile.drop(columns=["definition"], errors="ignore").assign(
        status=profile["marked"].map({True: "marked present", False: "not marked"}),
        column=["common: all crimes" if g == "common" else f"specific: {c}"
                for g, c in zip(profile["group"], profile["crime"])],
    )
    # Long factor names wrap onto lines of about 45 characters, so the chart fits a laptop's
    # notebook (and a 768 px window) whole; the tooltip keeps the name on one line.
    shown["row"] = ["\n".join(textwrap.wrap(label, 40)) for label in shown["label"]]
    columns = list(dict.fromkeys(shown["column"]))
    chart = alt.Chart(shown).mark_point(size=220, filled=True, opacity=1).encode(
        x=alt.X("column:N", sort=columns, title=None,
                axis=alt.Axis(orient="bottom", labelAngle=0, labelLimit=0, labelExpr=label_lines(columns, 12),
                              labelLineHeight=13)),
        y=alt.Y("row:N", sort=shown["row"].tolist(), title=None,
                axis=alt.Axis(labelLimit=0, labelExpr="split(datum.label, '\\n')", labelLineHeight=13)),
        color=alt.Color("status:N", title=None, scale=alt.Scale(domain=["marked present", "not marked"],
                                                               range=[PALETTE[3], "#c8c8c8"]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        shape=alt.Shape("status:N", title=None, scale=alt.Scale(domain=["marked present", "not marked"],
                                                               range=["circle", "square"]),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("label:N", title="Risk factor"), alt.Tooltip("column:N", title="Group"),
                 alt.Tooltip("status:N", title="Your checklist"),
                 alt.Tooltip("indicators:Q", title="Indicators in the kit's table"),
                 alt.Tooltip("source:N", title="Source")],
    ).properties(width=80 * len(columns), height=44 * len(shown))
    marked = shown[shown["marked"].astype(bool)]
    listed = _and(marked["label"].tolist()) if len(marked) else "none"
    return titled(
        chart, f"Risk factors marked: {len(marked)} of the {len(shown)} in the kit’s table",
        f"Dot chart of the {len(shown)} risk factors of the UN Framework of Analysis for Atrocity Crimes in the kit's "
        f"table, one column per group (common factors, then factors specific to one crime); filled dots are marked "
        f"present: {listed}. This is not a score, a probability or a prediction. "
        "Source: dataset atrocity_risk_factors.",
        subtitle="Not a score or a prediction: a record of what you marked",
    )
