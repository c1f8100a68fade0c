"""Every chart titled and described: what a screen reader reads, checked.

Each of the kit's charts carries a title and a description (Vega-Lite's ``title`` and
``description``): the description says what kind of chart it is, what it shows and its
key numbers, so that a reader who cannot see it loses nothing. Vega reads the description
aloud as the chart's accessible name (``aria-label`` of the drawn SVG); the same words
are the notebook output's plain-text form (:func:`text_alternative`), shown wherever a
chart cannot be drawn. Every mark also has a tooltip, which Vega also gives to screen
readers as the mark's label.
"""
from __future__ import annotations

import json
import textwrap
from typing import Any

import altair as alt

from .. import checks
from ..errors import R2PKitError

__all__ = ["titled", "require_accessible", "spec_text", "text_alternative", "wrapped_title", "label_lines", "row_labels"]


def titled(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str | None = None) -> Any:
    """Give a chart its title and a text description (read aloud by screen readers).

    >>> import pandas as pd
    >>> c = titled(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), "A title", "What it shows.")
    >>> c.to_dict()["description"]
    'What it shows.'
    """
    checks.chart(chart)
    checks.text(title, "title", what="a title")
    checks.text(description, "description", what="a description of the chart for screen readers")
    if subtitle is not None:
        checks.text(subtitle, "subtitle", what="a subtitle", empty=True)
    head = alt.TitleParams(text=title, subtitle=subtitle) if subtitle else title
    return chart.properties(title=head, description=description)


def spec_text(spec: dict[str, Any]) -> tuple[str, str]:
    """The chart's title and description, from its Vega-Lite spec.

    >>> spec_text({"title": {"text": ["Two", "lines"]}, "description": "D."})
    ('Two lines', 'D.')
    """
    checks.spec(spec)
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    return str(title), str(spec.get("description", ""))


def text_alternative(spec: dict[str, Any]) -> str:
    """The words that stand for the chart where it cannot be seen: its title, then its description.

    >>> text_alternative({"title": "Vetoes by year", "description": "Bar chart of 12 vetoes."})
    'Chart: Vetoes by year. Bar chart of 12 vetoes.'

    A description that already starts with the title (as the spec sent to a browser does,
    see :func:`r2pkit.charts.render.browser_spec`) does not repeat it.
    """
    checks.spec(spec)
    title, description = spec_text(spec)
    if title and description.startswith(f"{title}. "):
        return f"Chart: {description}".strip()
    return f"Chart: {title}. {description}".strip()


#: Characters per line of a drawn title (16 px bold) and subtitle (13 px): a title so wrapped is at
#: most about 500 px wide, so a chart fits the notebook's column in a 768 px window.
TITLE_CHARS, SUBTITLE_CHARS = 56, 72


def wrapped_title(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as drawn: a long title (or subtitle) on several lines, so it never makes the chart wider.

    The words stay the same (:func:`spec_text` joins the lines again), so the text alternative
    does not change.

    >>> wrapped_title({"title": "Fair share by population against actual resettlement arrivals of Syrians, 2011–2023"})
    {'title': ['Fair share by population against actual resettlement', 'arrivals of Syrians, 2011–2023']}
    >>> wrapped_title({"title": "Short"})
    {'title': 'Short'}
    """
    def lines(text: Any, chars: int) -> Any:
        return textwrap.wrap(text, chars) if isinstance(text, str) and len(text) > chars else text

    title = spec.get("title")
    if isinstance(title, str):
        return {**spec, "title": lines(title, TITLE_CHARS)}
    if isinstance(title, dict):
        return {**spec, "title": {**title, "text": lines(title.get("text", ""), TITLE_CHARS),
                                  **({"subtitle": lines(title["subtitle"], SUBTITLE_CHARS)} if "subtitle" in title else {})}}
    return spec


def label_lines(labels: list[str], chars: int) -> str:
    """A Vega label expression that writes each label whole, on lines of at most ``chars`` characters.

    For axes whose labels would otherwise be cut short ("…") or make the chart too wide for
    a narrow window.

    >>> label_lines(["Asylum", "financial aid to the region only"], 13)
    '{"Asylum": ["Asylum"], "financial aid to the region only": ["financial aid", "to the region", "only"]}[datum.label] || datum.label'
    """
    pairs = ", ".join(f"{json.dumps(label)}: {json.dumps(textwrap.wrap(label, chars))}" for label in labels)
    return f"{{{pairs}}}[datum.label] || datum.label"


def row_labels(labels: list[str], chars: int, line_height: int = 13) -> dict[str, Any]:
    """A y axis's label settings that write each label whole on lines of at most ``chars``
    characters, centred on its row.

    Vega puts a label's first line on the middle of its row and the others below it, so a
    label of several lines is moved up by half its height (a label of one line stays where
    it is): each label's offset is chosen by its number of lines.

    >>> settings = row_labels(["Asylum", "Unarmed civilian protection"], 16)
    >>> settings["labelExpr"]
    '{"Asylum": ["Asylum"], "Unarmed civilian protection": ["Unarmed civilian", "protection"]}[datum.label] || datum.label'
    >>> settings["labelOffset"]
    {'condition': [{'test': 'indexof(["Unarmed civilian protection"], datum.value) >= 0', 'value': -6.5}], 'value': 0}
    """
    wrapped = {label: textwrap.wrap(label, chars) or [label] for label in labels}
    pairs = ", ".join(f"{json.dumps(label)}: {json.dumps(lines)}" for label, lines in wrapped.items())
    by_lines: dict[int, list[str]] = {}
    for label, lines in wrapped.items():
        by_lines.setdefault(len(lines), []).append(label)
    offsets = [{"test": f"indexof({json.dumps(names)}, datum.value) >= 0", "value": -(n - 1) * line_height / 2}
               for n, names in sorted(by_lines.items()) if n > 1]
    return {"labelExpr": f"{{{pairs}}}[datum.label] || datum.label", "labelLimit": 0, "labelLineHeight": line_height,
            "labelOffset": {"condition": offsets, "value": 0} if offsets else 0}


def require_accessible(chart: alt.TopLevelMixin) -> None:
    """Raise unless the chart has a title, a description and tooltips on its marks.

    >>> import pandas as pd
    >>> require_accessible(alt.Chart(pd.DataFrame({"x": [1]})).mark_point())
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: This chart has no title and no description; ...
    """
    checks.chart(chart)
    spec = chart.to_dict()
    title, description = spec_text(spec)
    missing = [what for what, ok in (("title", title), ("description", description)) if not ok]
    if missing:
        raise R2PKitError(f"This chart has no {' and no '.join(missing)}; every kit chart is titled "
                          "and described: use charts.titled(chart, title, description).")
    text = json.dumps(spec)
    if '"tooltip"' not in text:
        raise R2PKitError("This chart's marks have no tooltips; add encode(tooltip=[...]).")
