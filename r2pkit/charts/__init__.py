"""One look for every chart in the kit, drawn offline.

Every chart in r2pkit is an altair (Vega-Lite) chart in one theme: readable type, the
Okabe–Ito palette (distinguishable with the common forms of colour blindness), a title,
a text description for screen readers, and tooltips on the marks.

How charts are shown is chosen once, here, for the whole kit. Altair's default renderer
loads its JavaScript from a CDN, which an offline seminar room cannot reach; its
``mimetype`` renderer is not understood by JupyterLab 4. The kit's ``r2pkit`` renderer
draws the chart in the kernel with vl-convert (no network) and stores it in the
notebook as SVG, with a PNG beside it and the description as text:

- a freshly run notebook shows the SVG; a notebook reopened later, even untrusted,
  shows the PNG (JupyterLab only shows SVG from trusted notebooks); Voilà and static
  HTML pages show the SVG;
- the SVG is the same byte for byte on every run on one machine, so nbval compares
  charts too (their text, labels and data; not the coordinates, which depend on the
  fonts a machine has: see ``tests/nbval_sanitize.cfg``).

Drawing is the slow part (vl-convert lays out every label: about 1 ms each), so a chart
is never drawn twice: :mod:`~r2pkit.charts.drawing` keeps drawings in the kernel and in
the user's cache folder.

Charts that must change while a reader moves a widget go in a :class:`ChartPane`, a
widget that holds the chart as inline SVG; there each mark shows its tooltip on hover.

The builders for the kit's own charts are in one module per topic
(:mod:`~r2pkit.charts.displacement`, :mod:`~r2pkit.charts.history`,
:mod:`~r2pkit.charts.syria`), re-exported here; each ends with :func:`titled`, and the
tests check every builder with :func:`require_accessible`.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from ..errors import R2PKitError
from . import drawing
from .drawing import _vl_version, render as _render, spec_text as _spec_text, svg_from_spec as _svg_from_spec  # noqa: F401

__all__ = [
    "PALETTE",
    "enable",
    "titled",
    "require_accessible",
    "to_svg",
    "ChartPane",
]

#: Okabe & Ito (2008), "Color Universal Design": eight colours told apart with
#: protanopia, deuteranopia and tritanopia. Yellow comes late: it is faint on white.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

# A plain CSS font list: an unquoted family name with a digit ("Source Sans 3") breaks
# vl-convert's parser and the PNG loses all its text.
_FONT = "Helvetica Neue, Arial, sans-serif"


def _theme() -> dict[str, Any]:
    return {
        "config": {
            "font": _FONT,
            "background": "white",
            "view": {"continuousWidth": 480, "continuousHeight": 300, "stroke": None},
            "title": {"fontSize": 16, "anchor": "start", "subtitleFontSize": 13, "subtitleColor": "#444"},
            "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#222", "titleColor": "#222",
                     "gridColor": "#e6e6e6"},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "header": {"labelFontSize": 13, "titleFontSize": 13},
            "range": {"category": PALETTE, "ordinal": {"scheme": "viridis"}, "ramp": {"scheme": "viridis"}},
            "mark": {"color": PALETTE[0]},
            "bar": {"color": PALETTE[0]},
            "line": {"color": PALETTE[0], "strokeWidth": 2.5},
            "point": {"color": PALETTE[0], "size": 60, "filled": True},
        }
    }


_enabled = False


def enable() -> None:
    """Register and switch on the kit's theme and offline renderer (done on import)."""
    global _enabled
    if _enabled:
        return
    alt.theme.register("r2pkit", enable=True)(_theme)
    alt.renderers.register("r2pkit", _render)
    alt.renderers.enable("r2pkit")
    _enabled = True


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG markup in the kit's theme, drawn offline.

    >>> chart = titled(alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x"),
    ...                "One point", "A single point at x = 1.")
    >>> to_svg(chart).startswith("<svg")
    True
    """
    return _svg_from_spec(chart.to_dict())


# --------------------------------------------------------------------- accessibility
def titled(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str | None = None) -> Any:
    """Give a chart its title and a text description (read aloud by screen readers).

    >>> c = titled(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), "A title", "What it shows.")
    >>> c.to_dict()["description"]
    'What it shows.'
    """
    head = alt.TitleParams(text=title, subtitle=subtitle) if subtitle else title
    return chart.properties(title=head, description=description)


def require_accessible(chart: alt.TopLevelMixin) -> None:
    """Raise unless the chart has a title, a description and tooltips on its marks.

    >>> require_accessible(alt.Chart(pd.DataFrame({"x": [1]})).mark_point())
    Traceback (most recent call last):
    ...
    r2pkit.errors.R2PKitError: This chart has no title and no description; ...
    """
    spec = chart.to_dict()
    title, description = _spec_text(spec)
    missing = [what for what, ok in (("title", title), ("description", description)) if not ok]
    if missing:
        raise R2PKitError(f"This chart has no {' and no '.join(missing)}; every kit chart is titled "
                          "and described: use charts.titled(chart, title, description).")
    text = json.dumps(spec)
    if '"tooltip"' not in text:
        raise R2PKitError("This chart's marks have no tooltips; add encode(tooltip=[...]).")


#: Shapes of specs (see :func:`_shape`) that passed the schema check in this kernel.
_CHECKED_SHAPES: OrderedDict[str, None] = OrderedDict()
_SHAPES_KEPT = 256


def _is_text(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _shape(spec: dict[str, Any]) -> str:
    """The spec with the parts that cannot make it invalid blanked: its data and its own title and description.

    Checking a spec against the Vega-Lite schema costs 15–30 ms, and an explorer makes a
    new spec at every change that differs from the last only in its data and its words.
    The schema accepts any list of records as a dataset, any text as a title, subtitle
    or description, and any name for a dataset; so a spec is valid exactly when its shape
    is, and a shape checked once need not be checked again. Anything else that differs
    (an encoding, a scale, a mark) makes another shape, which is checked.

    >>> a = {"title": "2015", "datasets": {"data-1": [{"x": 1}]}, "data": {"name": "data-1"}, "mark": "point"}
    >>> b = {"title": "2016", "datasets": {"data-2": [{"x": 5}]}, "data": {"name": "data-2"}, "mark": "point"}
    >>> _shape(a) == _shape(b), _shape(a) == _shape({**a, "mark": "bar"})
    (True, False)
    """
    shaped = dict(spec)
    names: dict[str, str] = {}
    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        blanked = {}
        for i, (name, values) in enumerate(datasets.items()):
            names[name] = f"dataset-{i}"
            records = isinstance(values, list) and all(isinstance(v, dict) for v in values)
            blanked[names[name]] = [] if records else values
        shaped["datasets"] = blanked
    title = spec.get("title")
    if _is_text(title):
        shaped["title"] = ""
    elif isinstance(title, dict):
        shaped["title"] = {k: ("" if k in ("text", "subtitle") and _is_text(v) else v) for k, v in title.items()}
    if isinstance(spec.get("description"), str):
        shaped["description"] = ""
    text = json.dumps(shaped, sort_keys=True, default=str)
    for name, new in names.items():
        text = text.replace(json.dumps(name), json.dumps(new))
    return text


def _check_spec(chart: alt.TopLevelMixin, spec: dict[str, Any]) -> None:
    """Check a spec made with ``to_dict(validate=False)`` against the Vega-Lite schema, as
    ``to_dict()`` would, without turning the chart's data into values a second time, and
    only once per shape of spec (:func:`_shape`)."""
    shape = _shape(spec)
    if shape in _CHECKED_SHAPES:
        _CHECKED_SHAPES.move_to_end(shape)
        return
    try:
        type(chart).validate(spec)
    except Exception:
        chart.to_dict()  # raises altair's own message, which names the wrong part
        raise
    _CHECKED_SHAPES[shape] = None
    while len(_CHECKED_SHAPES) > _SHAPES_KEPT:
        _CHECKED_SHAPES.popitem(last=False)


class ChartPane(widgets.HTML):
    """A widget that shows a chart as inline SVG and can be redrawn by other widgets.

    Use it where a chart must follow a slider or a menu: ``pane.show(new_chart)``.
    Inline SVG needs no JavaScript and no network, and its marks show tooltips on hover.
    """

    #: Views kept by :meth:`show_for` (SVG of 20–90 KB each: a few MB at most per pane).
    VIEWS_KEPT = 64

    def __init__(self, chart: alt.TopLevelMixin | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._title = ""
        self._views: OrderedDict[Hashable, tuple[str, str]] = OrderedDict()
        if chart is not None:
            self.show(chart)

    def show(self, chart: alt.TopLevelMixin) -> None:
        """Draw ``chart`` in the pane, replacing what was there.

        A chart shown before in this kernel (the same spec) is taken from the cache:
        moving a slider back to a year already seen costs a few milliseconds.
        """
        # The schema check (half the cost of to_dict) runs only for a chart not drawn before.
        spec = chart.to_dict(validate=False)
        self._title = _spec_text(spec)[0]
        self.value = _svg_from_spec(spec, before_drawing=lambda: _check_spec(chart, spec))

    def show_for(self, view: Hashable, make_chart: Callable[[], alt.TopLevelMixin]) -> None:
        """Show the chart for ``view`` (e.g. the values of the controls), making it only the first time.

        An explorer's chart depends only on its controls, so a view seen before is shown
        again as it was, without building the chart again: building an altair chart with
        layers costs 20–40 ms, drawing it 30–60 ms, and students go back and forth.

        >>> pane, made = ChartPane(), []
        >>> def make():
        ...     made.append(1)
        ...     return alt.Chart(title="Seen once", description="A test.").mark_point()
        >>> pane.show_for(("Lebanon", 2015), make); pane.show_for(("Lebanon", 2015), make)
        >>> len(made), pane
        (1, ChartPane(title='Seen once'))
        """
        kept = self._views.get(view)
        if kept is None:
            self.show(make_chart())
            self._views[view] = (self._title, self.value)
            while len(self._views) > self.VIEWS_KEPT:
                self._views.popitem(last=False)  # the least recently seen
        else:
            self._views.move_to_end(view)
            self._title, self.value = kept

    def clear(self) -> None:
        """Show nothing (e.g. when the chosen options have no chart)."""
        self._title = ""
        self.value = ""

    def __repr__(self) -> str:  # the text nbval compares: stable and short
        return f"ChartPane(title={self._title!r})"


enable()

# The kit's chart builders, one module per topic, re-exported here: charts.refugees_by_host(...).
from .displacement import *  # noqa: E402,F401,F403
from .history import *  # noqa: E402,F401,F403
from .syria import *  # noqa: E402,F401,F403
from .duties import *  # noqa: E402,F401,F403
from .resettlement import *  # noqa: E402,F401,F403
from .scenario import *  # noqa: E402,F401,F403
from .prevention import *  # noqa: E402,F401,F403
from . import displacement as _d, history as _h, syria as _s  # noqa: E402
from . import duties as _du, prevention as _p, resettlement as _r, scenario as _sc  # noqa: E402

__all__ += _d.__all__ + _h.__all__ + _s.__all__ + _du.__all__ + _r.__all__ + _sc.__all__ + _p.__all__
