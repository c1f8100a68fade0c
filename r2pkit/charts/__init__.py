"""One look for every chart in the kit, drawn in the reader's browser, offline.

Every chart in r2pkit is an altair (Vega-Lite) chart in one theme (:mod:`.theme`):
readable type, the Okabe–Ito palette (distinguishable with the common forms of colour
blindness), a title, a text description for screen readers, and tooltips on the marks
(:mod:`.accessibility`, whose :func:`require_accessible` the tests run on every builder).

How charts are shown is chosen once, in :mod:`.render`, switched on when this package is
imported: a notebook output carries the chart's Vega-Lite spec, which JupyterLab, Voilà,
JupyterLite and the kit's static site draw with the Vega they ship (no CDN), with working
tooltips, also in a notebook reopened untrusted; and its text alternative as plain text.
Charts that follow a widget are shown in a :class:`r2pkit.widgets.ChartPane`, which sends
the same output. Static pictures (SVG, PNG) for places with no JavaScript are drawn by
:mod:`.drawing` (:func:`to_svg`).

The builders for the kit's own charts are in one module per topic
(:mod:`~r2pkit.charts.displacement`, :mod:`~r2pkit.charts.history`, …), re-exported
here; each ends with :func:`titled`.
"""
from __future__ import annotations

from typing import Any

import altair as alt

from .. import checks
from . import drawing, render
from .accessibility import require_accessible, spec_text, text_alternative, titled
from .drawing import _vl_version, svg_from_spec as _svg_from_spec  # noqa: F401  (the appendix's figures)
from .render import VEGALITE_MIME, enable
from .tables import ReadingTable, html_table, label, readable
from .theme import PALETTE

__all__ = ["PALETTE", "VEGALITE_MIME", "enable", "titled", "require_accessible", "spec_text", "text_alternative",
           "to_svg", "label", "readable", "ReadingTable", "html_table"]


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as a static SVG picture in the kit's theme, drawn offline (for places with no JavaScript).

    >>> import pandas as pd
    >>> chart = titled(alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x"),
    ...                "One point", "A single point at x = 1.")
    >>> to_svg(chart).startswith("<svg")
    True
    """
    checks.chart(chart)
    return _svg_from_spec(chart.to_dict())


def __getattr__(name: str) -> Any:
    if name == "ChartPane":  # it moved to the widgets layer; charts itself imports no widget library
        from ..widgets.pane import ChartPane

        return ChartPane
    raise AttributeError(f"module 'r2pkit.charts' has no attribute {name!r}")


enable()

# The kit's chart builders, one module per topic, re-exported here: charts.refugees_by_host(...).
from .displacement import *  # noqa: E402,F401,F403
from .history import *  # noqa: E402,F401,F403
from .syria import *  # noqa: E402,F401,F403
from .duties import *  # noqa: E402,F401,F403
from .resettlement import *  # noqa: E402,F401,F403
from .scenario import *  # noqa: E402,F401,F403
from .prevention import *  # noqa: E402,F401,F403
from .comparison import *  # noqa: E402,F401,F403
from . import displacement as _d, history as _h, syria as _s  # noqa: E402
from . import duties as _du, prevention as _p, resettlement as _r, scenario as _sc  # noqa: E402

from . import comparison as _cmp  # noqa: E402

__all__ += _d.__all__ + _h.__all__ + _s.__all__ + _du.__all__ + _r.__all__ + _sc.__all__ + _p.__all__ + _cmp.__all__
