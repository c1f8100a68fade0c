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
from typing import Any

import altair as alt

from .. import checks
from ..errors import R2PKitError

__all__ = ["titled", "require_accessible", "spec_text", "text_alternative"]


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
