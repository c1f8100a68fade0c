"""A chart that follows the widgets around it: :class:`ChartPane`.

An explorer shows its chart in a pane and calls ``pane.show(chart)`` (or
:meth:`ChartPane.show_for`) when a control changes. The pane is an ipywidgets
``Output`` whose one output is the chart as a notebook shows it
(:func:`r2pkit.charts.render.output`): the kernel sends only the chart's spec, and the
browser draws it with Vega — no drawing in the kernel, no JavaScript of the kit's own, the
same tooltips and text alternative as every other chart. Setting the widget's ``outputs``
(rather than ``display`` inside it) sends the chart as widget state, so nothing is printed
into the cell and nbval sees only the explorer's short text form.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import altair as alt
import ipywidgets as widgets
import numpy as np
import pandas as pd
from altair.utils.schemapi import debug_mode

from ..charts import render
from ..charts.accessibility import spec_text, text_alternative

__all__ = ["ChartPane"]

#: altair's own limit on the rows of a chart's table (its default data transformer's).
_MAX_ROWS = 5000


def _plain(value: Any) -> Any:
    """A cell of an object column as altair's records carry it (numpy scalars as Python's, arrays as lists)."""
    if isinstance(value, np.generic) and not isinstance(value, (np.datetime64, np.timedelta64)):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError("left to altair")  # dates, lists, tables in a cell …: altair's own path does what it does


def _column(column: pd.Series) -> list[Any] | None:
    """The column's values as :func:`altair.utils.sanitize_pandas_dataframe` and ``to_dict`` leave them, or None."""
    kind = str(column.dtype)
    if kind == "bool" or (kind.startswith(("int", "uint")) and isinstance(column.dtype, np.dtype)):
        return column.to_numpy().tolist()
    if kind.startswith("float") and isinstance(column.dtype, np.dtype):
        values = column.to_numpy()
        out = values.tolist()
        for i in np.flatnonzero(~np.isfinite(values)):  # NaN and ±inf: null, as altair writes them
            out[i] = None
        return out
    if kind in ("string", "str", "boolean", "Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32",
                "UInt64", "Float32", "Float64", "object"):
        return [_plain(v) for v in column.to_numpy(dtype=object)]
    return None  # dates, categories and the rest: altair's own path


def _records(data: Any, max_rows: int = _MAX_ROWS) -> dict[str, list[dict[str, Any]]]:
    """altair's default data transformer (a table → its records), quicker for the tables the kit's charts draw.

    The same records as altair's (``sanitize_pandas_dataframe`` then ``to_dict("records")``),
    so the same spec and the same dataset names; any table it is not sure of (dates,
    categories, names that are not text, too many rows) goes to altair's own transformer.
    altair converts a table column by column with pandas, which costs an explorer's
    change 5-20 ms per chart; this reads each column once.

    >>> table = pd.DataFrame({"host": ["A", None], "n": [1, 2], "x": [0.5, float("nan")],
    ...                       "m": pd.array([3, None], dtype="Int64"), "ok": [True, False]})
    >>> _records(table) == alt.vegalite.data.default_data_transformer(table)
    True
    """
    if (isinstance(data, pd.DataFrame) and len(data) <= max_rows and not isinstance(data.columns, pd.MultiIndex)
            and not isinstance(data.index, pd.MultiIndex) and all(isinstance(c, str) for c in data.columns)
            and data.columns.is_unique):
        try:
            columns = [_column(data[c]) for c in data.columns]
        except TypeError:
            columns = [None]
        if all(c is not None for c in columns):
            names = list(data.columns)
            return {"values": [dict(zip(names, row)) for row in zip(*columns)] if names else [{}] * len(data)}
    return alt.vegalite.data.default_data_transformer(data, max_rows=max_rows)


alt.data_transformers.register("r2pkit-records", _records)


class ChartPane(widgets.Output):
    """A widget that shows a chart and can be redrawn by other widgets: ``pane.show(new_chart)``.

    >>> import pandas as pd
    >>> from r2pkit import charts
    >>> chart = charts.titled(alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(
    ...     x="x", tooltip=["x"]), "One point", "A single point at x = 1.")
    >>> pane = ChartPane(chart)
    >>> pane, pane.text
    (ChartPane(title='One point'), 'Chart: One point. A single point at x = 1.')
    >>> pane.spec["description"]  # the chart's accessible name in the browser
    'One point. A single point at x = 1.'
    """

    #: Views kept by :meth:`show_for` (a spec of a few KB each).
    VIEWS_KEPT = 64

    def __init__(self, chart: alt.TopLevelMixin | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("r2pkit-chart")
        self._views: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
        if chart is not None:
            self.show(chart)

    # What the pane shows, read from its one output.
    @property
    def spec(self) -> dict[str, Any] | None:
        """The Vega-Lite spec shown (``None`` when the pane is empty)."""
        return self.outputs[0]["data"][render.VEGALITE_MIME] if self.outputs else None

    @property
    def title(self) -> str:
        return spec_text(self.spec)[0] if self.spec else ""

    @property
    def text(self) -> str:
        """The chart's text alternative (title and description), ``""`` when empty."""
        return text_alternative(self.spec) if self.spec else ""

    value = text  # what the other output widgets of an explorer call their content

    @classmethod
    def of_spec(cls, spec: dict[str, Any]) -> ChartPane:
        """A pane showing the chart of a Vega-Lite spec already checked (e.g. by ``to_dict()``)."""
        pane = cls()
        pane.outputs = (render.output(spec),)
        return pane

    def show(self, chart: alt.TopLevelMixin) -> None:
        """Show ``chart`` in the pane, replacing what was there."""
        with alt.data_transformers.enable("r2pkit-records"):  # the same spec, made quicker (see _records)
            spec = render.checked_spec(chart)
        self.outputs = (render.output(spec),)

    def show_for(self, view: Hashable, make_chart: Callable[[], alt.TopLevelMixin]) -> None:
        """Show the chart for ``view`` (e.g. the values of the controls), making it only the first time.

        An explorer's chart depends only on its controls, so a view seen before is shown
        again as it was, without building the chart again (building an altair chart with
        layers costs 10–40 ms), and students go back and forth. A new view's chart is
        made without altair's checks of each part (its "debug mode"): the spec as a whole
        is checked, as for every chart the pane shows.

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
            # altair's debug mode checks each part of a chart against the schema as it is made;
            # show() checks the whole spec once per shape (render.checked_spec), so the parts'
            # checks would only repeat it, at a third of an explorer's cost of building a chart.
            with debug_mode(False):
                chart = make_chart()
            self.show(chart)
            self._views[view] = self.outputs[0]
            while len(self._views) > self.VIEWS_KEPT:
                self._views.popitem(last=False)  # the least recently seen
        else:
            self._views.move_to_end(view)
            self.outputs = (kept,)

    def clear(self) -> None:
        """Show nothing (e.g. when the chosen options have no chart)."""
        self.outputs = ()

    def __repr__(self) -> str:  # the text nbval compares: stable and short
        return f"ChartPane(title={self.title!r})"
