"""The kit's one look for charts: type, colours and sizes (an altair theme).

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight
colours told apart with protanopia, deuteranopia and tritanopia. The kit's charts never
rely on colour alone: every colour also has a position, a label or a shape.
"""
from __future__ import annotations

from typing import Any

__all__ = ["PALETTE", "FONT", "theme"]

#: Okabe & Ito (2008): eight colours told apart with the common colour-vision deficiencies.
#: Yellow comes late: it is faint on white.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"]

#: A plain CSS font list: an unquoted family name with a digit ("Source Sans 3") breaks
#: vl-convert's parser and a static PNG loses all its text.
FONT = "Helvetica Neue, Arial, sans-serif"


def theme() -> dict[str, Any]:
    """The altair theme registered as ``r2pkit`` (readable type, the palette, no chart border).

    >>> theme()["config"]["range"]["category"][0]
    '#0072B2'
    """
    return {
        "config": {
            "font": FONT,
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
