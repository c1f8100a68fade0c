"""Second cues beside colour: a marker shape for each line, a label inside each stack.

Colour is never the only cue in the kit's charts (WCAG 2.2, success criterion 1.4.1 "Use of
Color"): a reader who cannot tell two colours apart, or who prints the page in black and
white, still tells the series apart. Lines get one point shape per series (circle, square,
triangle, …), drawn in the legend too; stacked bars get a short label inside each segment
large enough to hold it, in black or white, whichever contrasts more with the segment's
colour. Each chart's text alternative says which cue it uses.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

__all__ = ["SHAPES", "shape_scale", "shapes_sentence", "ink", "stack_midpoints", "stack_labels"]

#: Point shapes told apart at a glance, in the order series take them (Vega's shape names).
SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right", "triangle-left"]
_SHAPE_WORDS = {"circle": "circles", "square": "squares", "triangle-up": "triangles", "diamond": "diamonds",
                "cross": "crosses", "triangle-down": "upside-down triangles",
                "triangle-right": "triangles pointing right", "triangle-left": "triangles pointing left"}


def shape_scale(names: Sequence[str]) -> alt.Scale:
    """One shape per name, in order (at most :data:`SHAPES`' eight).

    >>> shape_scale(["Lebanon", "Jordan"]).to_dict()
    {'domain': ['Lebanon', 'Jordan'], 'range': ['circle', 'square']}
    """
    return alt.Scale(domain=list(names), range=SHAPES[:len(names)])


def shapes_sentence(names: Sequence[str], what: str = "line") -> str:
    """The shapes in words, for a chart's text alternative.

    >>> shapes_sentence(["Lebanon", "Jordan"])
    'Each line also has its own marker: Lebanon circles, Jordan squares.'
    """
    pairs = ", ".join(f"{n} {_SHAPE_WORDS[s]}" for n, s in zip(names, SHAPES))
    return f"Each {what} also has its own marker: {pairs}."


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour`` (``#rrggbb``), for text on it.

    >>> ink("#0072B2"), ink("#E69F00"), ink("#000000"), ink("#999999")
    ('white', 'black', 'white', 'black')
    """
    lum = _luminance(colour)
    return "white" if 1.05 / (lum + 0.05) > (lum + 0.05) / 0.05 else "black"


def stack_midpoints(table: pd.DataFrame, position: str, value: str, order: str) -> pd.Series:
    """The middle of each segment of stacked bars: one bar per ``position``, stacked by ``order`` from zero.

    >>> t = pd.DataFrame({"year": [1, 1, 2], "n": [2, 4, 3], "o": [0, 1, 0]})
    >>> stack_midpoints(t, "year", "n", "o").tolist()
    [1.0, 4.0, 1.5]
    """
    ordered = table.sort_values([position, order], kind="stable")
    top = ordered.groupby(position, sort=False)[value].cumsum()
    return (top - ordered[value] / 2).reindex(table.index)


def stack_labels(table: pd.DataFrame, position: Any, *, field: str, value: str, order: str, text: str,
                 colour_field: str, colours: Mapping[str, str], bar: float, length: float, tooltip: list,
                 horizontal: bool = False, upright: bool = False,
                 font_size: int = 10) -> tuple[pd.DataFrame, list[alt.Chart]]:
    """Labels inside stacked bars: ``text`` in the middle of each segment, where it fits.

    Returns the table with three more columns (``label_at``, the segment's middle;
    ``label_ink``, black or white; ``label_text``, empty where the label does not fit) and
    the text layer in a list (empty when no label fits: a layer with no marks makes Vega
    warn); draw the bars from the same table, so the chart keeps one dataset.
    ``position`` is the bars' own position channel (an ``alt.X``, or an ``alt.Y`` with
    ``horizontal``) on ``field``; ``bar`` is a bar's thickness in pixels and ``length`` the
    axis's length along the bars, from which each segment's size is worked out. With
    ``upright``, labels of vertical bars run up the bar (for bars narrower than the words).
    The labels carry the bars' ``tooltip``: hovering a label says what hovering its segment says.

    >>> t = pd.DataFrame({"year": [2011, 2011], "n": [1, 19], "o": [0, 1], "who": ["A", "B"]})
    >>> rows, layers = stack_labels(t, alt.X("year:O"), field="year", value="n", order="o", text="who",
    ...                            colour_field="who", colours={"A": "#0072B2", "B": "#E69F00"}, bar=30,
    ...                            length=200, tooltip=["who:N"])
    >>> rows[["label_at", "label_ink", "label_text"]].values.tolist()  # A's segment is 10 px: too low for a label
    [[0.5, 'white', ''], [10.5, 'black', 'B']]
    """
    rows = table.assign(label_at=stack_midpoints(table, field, value, order))
    largest = float(rows.groupby(field)[value].sum().max()) if len(rows) else 0.0
    along = rows[value].astype(float) * (length / largest if largest > 0 else 0.0)
    wide = rows[text].astype(str).str.len() * font_size * 0.62 + 4
    tall = font_size + 3
    if horizontal or upright:
        fits = (along >= wide) & (bar >= tall)
    else:
        fits = (along >= tall) & (bar >= wide)
    rows["label_ink"] = [ink(colours.get(c, "#000000")) for c in rows[colour_field]]
    rows["label_text"] = [str(t) if ok else "" for t, ok in zip(rows[text], fits)]
    middle = alt.X("label_at:Q") if horizontal else alt.Y("label_at:Q")
    encoding = {"y": position, "x": middle} if horizontal else {"x": position, "y": middle}
    if not any(rows["label_text"]):
        return rows, []
    layer = alt.Chart(rows).transform_filter("datum.label_text != ''").mark_text(
        fontSize=font_size, fontWeight="bold", angle=270 if upright else 0).encode(
        **encoding, text=alt.Text("label_text:N"), fill=alt.Fill("label_ink:N", scale=None, legend=None),
        tooltip=tooltip)
    return rows, [layer]
