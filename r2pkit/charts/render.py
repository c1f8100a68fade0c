"""Showing charts: drawn by Vega in the reader's browser, offline, with tooltips.

A chart leaves the kernel as its Vega-Lite spec (data included) under the mime type
``application/vnd.vegalite.v5+json``, beside its text alternative as plain text. Every
front end the kit is used in draws that mime type with the Vega, Vega-Lite and vega-embed
it ships itself, so nothing is fetched from the network:

- JupyterLab (its built-in Vega 5 renderer) draws it, also in a notebook reopened
  *untrusted*: the renderer is marked safe (a spec holds no script), unlike SVG or HTML;
  JupyterLab adds a PNG of the chart to the output when it has drawn it, so a notebook
  saved from JupyterLab also carries a picture for viewers without JavaScript;
- Voilà (it bundles the same renderer) and JupyterLite draw it too;
- the kit's static site (``make book``) puts a static SVG in the page, drawn at build
  time, and the same Vega draws it again in the page (:mod:`tools.build_book`).

Why not altair's own renderers: ``html`` loads Vega from a CDN; ``mimetype`` emits
Vega-Lite 6's mime type (``application/vnd.vegalite.v6.json``), which JupyterLab 4 does
not draw and nbformat refuses; ``jupyter`` (an anywidget) needs a running kernel, so a
reopened notebook or the static site shows nothing. JupyterLab's renderer runs Vega-Lite
5, so the kit's charts keep to what Vega-Lite 5 and 6 share (tests/test_charts.py checks
every chart builder's spec), and the spec is labelled as Vega-Lite 5.

Vega draws the chart as SVG (not canvas) so that it is accessible: the chart's
description becomes its accessible name, each mark's tooltip its label (see
:mod:`~r2pkit.charts.accessibility`). vega-embed's action menu is left out (its
"Open in Vega Editor" goes online).

A static picture, for places without JavaScript or a kernel (the appendix's figures, the
static site's fallback), is drawn in the kernel by :mod:`~r2pkit.charts.drawing`.
"""
from __future__ import annotations

import json
import os
from collections import OrderedDict
from typing import Any

import altair as alt

from .accessibility import spec_text, text_alternative, wrapped_title
from .theme import theme

__all__ = ["VEGALITE_MIME", "EMBED_OPTIONS", "enable", "mimebundle", "output", "checked_spec"]

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
#: The schema the spec is labelled with: the Vega-Lite that JupyterLab and Voilà run.
VEGALITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: vega-embed's options: SVG (accessible, crisp), no action menu.
EMBED_OPTIONS: dict[str, Any] = {"renderer": "svg", "actions": False}


def browser_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as sent to the browser: labelled with the Vega-Lite version the browser runs,
    and described by its title and description together (Vega makes the description the
    chart's accessible name, and a screen reader should hear the title too); a long title is
    drawn on several lines (:func:`~r2pkit.charts.accessibility.wrapped_title`).

    >>> browser_spec({"title": "Vetoes", "description": "Bar chart.", "mark": "bar"})["description"]
    'Vetoes. Bar chart.'
    """
    title, description = spec_text(spec)
    named = f"{title}. {description}" if title and not description.startswith(title) else description
    return {**wrapped_title(spec), "$schema": VEGALITE_SCHEMA, "description": named}


def mimebundle(spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The output of a chart: (data, metadata) as Jupyter displays it.

    >>> data, metadata = mimebundle({"title": "T", "description": "D.", "mark": "point"})
    >>> sorted(data), data["text/plain"], metadata[VEGALITE_MIME]["embed_options"]["renderer"]
    (['application/vnd.vegalite.v5+json', 'text/plain'], 'Chart: T. D.', 'svg')
    """
    data = {VEGALITE_MIME: browser_spec(spec), "text/plain": text_alternative(spec)}
    return data, {VEGALITE_MIME: {"embed_options": dict(EMBED_OPTIONS)}}


def output(spec: dict[str, Any]) -> dict[str, Any]:
    """The chart as one output of an Output widget (``display_data``), for :class:`~r2pkit.widgets.ChartPane`."""
    data, metadata = mimebundle(spec)
    return {"output_type": "display_data", "data": data, "metadata": metadata}


#: Set to ``static`` in a kernel's environment to show charts as static pictures instead
#: (SVG, PNG and text, drawn in the kernel): for outputs that must survive without
#: JavaScript, e.g. the appendix's static pages (:mod:`r2pkit.appendix`).
MODE_ENV = "R2PKIT_CHARTS"


def in_voila() -> bool:
    """Whether this kernel was started by Voilà (it sets ``SERVER_SOFTWARE=voila/<version>``)."""
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila/")


def _render(spec: dict[str, Any], **_: Any) -> tuple[dict[str, Any], dict[str, Any]] | dict[str, Any]:
    if os.environ.get(MODE_ENV, "").strip().lower() == "static":
        from .drawing import render as static_pictures

        return static_pictures(spec)
    if in_voila():
        # Voilà 0.5 draws a chart output with JupyterLab's Vega renderer but hands it a model
        # it cannot add the chart's PNG to ("e.setData is not a function" under the chart);
        # inside an Output widget (a ChartPane) the same chart is drawn without that error.
        from ..widgets.pane import ChartPane

        return ChartPane.of_spec(spec)._repr_mimebundle_()
    return mimebundle(spec)


_enabled = False


def enable() -> None:
    """Register and switch on the kit's theme and renderer (``r2pkit.charts`` does it on import).

    >>> enable(); alt.renderers.active, alt.theme.active
    ('r2pkit', 'r2pkit')
    """
    global _enabled
    if _enabled:
        return
    alt.theme.register("r2pkit", enable=True)(theme)
    alt.renderers.register("r2pkit", _render)
    alt.renderers.enable("r2pkit")
    _enabled = True


# ----------------------------------------------------------------- checked once
#: Shapes of specs (see :func:`_shape`) that passed the schema check in this kernel.
_CHECKED_SHAPES: OrderedDict[str, None] = OrderedDict()
_SHAPES_KEPT = 256


def _is_text(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


#: Keys whose value the schema accepts as any list of values (a sort order, a scale's domain) or
#: any expression string: what an explorer changes with the reader's choice (a member, a host).
_ANY_VALUES = ("sort", "domain")
_ANY_EXPRESSION = ("labelExpr", "expr")


def _blank_values(node: Any) -> Any:
    """``node`` with lists of plain values under :data:`_ANY_VALUES` reduced to their types, and expressions blanked.

    >>> _blank_values({"y": {"sort": ["Cuba", "Russia"], "axis": {"labelExpr": "datum.value == 'Cuba'"}}})
    {'y': {'sort': ['str'], 'axis': {'labelExpr': ''}}}
    """
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _ANY_VALUES and isinstance(value, list) and value and all(
                    isinstance(v, (str, int, float, bool)) for v in value):
                out[key] = sorted({type(v).__name__ for v in value})
            elif key in _ANY_EXPRESSION and isinstance(value, str):
                out[key] = ""
            else:
                out[key] = _blank_values(value)
        return out
    if isinstance(node, list):
        return [_blank_values(v) for v in node]
    return node


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
    text = json.dumps(_blank_values(shaped), sort_keys=True, default=str)
    for name, new in names.items():
        text = text.replace(json.dumps(name), json.dumps(new))
    return text


def checked_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """``chart.to_dict()``, checked against the Vega-Lite schema only once per shape of spec (:func:`_shape`).

    An explorer makes a new spec at every change; the schema check is half the cost of
    ``to_dict`` and its answer is the same for every spec of one shape.
    """
    spec = chart.to_dict(validate=False)
    shape = _shape(spec)
    if shape in _CHECKED_SHAPES:
        _CHECKED_SHAPES.move_to_end(shape)
        return spec
    try:
        type(chart).validate(spec)
    except Exception:
        chart.to_dict()  # raises altair's own message, which names the wrong part
        raise
    _CHECKED_SHAPES[shape] = None
    while len(_CHECKED_SHAPES) > _SHAPES_KEPT:
        _CHECKED_SHAPES.popitem(last=False)
    return spec
