"""What every explorer is: a declared state, named parts, one redraw.

An explorer is a box of controls and of what they show (a sentence, a chart, a table). Its
*state* — the choices a reader makes: a category, a country, a year … — is declared on its
class as traits (traitlets, kept in the kernel: the controls are what the browser sees).
Each trait is linked both ways to the control that shows it, so choosing in a menu and
setting the trait from Python (``box.country = "China"``) are one and the same change: the
control follows, and the explorer redraws once, in its one ``_redraw``. A value set from
Python is checked by the model's own checks, with the same clear messages as the
explorer's arguments. The explorer's text form (its ``repr``, which a saved notebook
shows and nbval compares) is made from that state.

Its parts (controls, sentence, chart pane …) are named attributes, declared on the class
with their types, so tests, benchmarks and readers of the code never count children.

Anchor: the declared-state widgets of anywidget and ipywidgets (traitlets), where a widget
is its traits and the view follows them.
"""
from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import ipywidgets as widgets
import traitlets

__all__ = ["Explorer"]


class Whole(traitlets.Int):
    """A whole-number trait that also takes numpy's whole numbers (e.g. a year read from a table).

    >>> import numpy as np
    >>> class Year(traitlets.HasTraits):
    ...     year = Whole()
    >>> Year(year=np.int64(2016)).year
    2016
    """

    def validate(self, obj: Any, value: Any) -> Any:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            value = int(value)
        return super().validate(obj, value)


class Explorer(widgets.VBox):
    """The base of the kit's explorers: state traits linked to controls, one :meth:`_redraw`, a text form.

    A subclass declares its state as traits, lists in :attr:`shown` those its text form
    shows, builds its parts, then calls :meth:`_follow` with each state trait's control.

    >>> import traitlets
    >>> class Counter(Explorer):
    ...     shown = ("n",)
    ...     n = traitlets.Int(0)
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.slider, self.drawn = widgets.IntSlider(), []
    ...         self.children = (self.slider,)
    ...         self._follow({"n": self.slider})
    ...     def _redraw(self):
    ...         self.drawn.append(self.n)
    >>> box = Counter()
    >>> box.slider.value = 3  # what moving the slider does
    >>> box.n = 5             # the same change, from Python: the slider follows
    >>> box, box.slider.value, box.drawn
    (Counter(n=5), 5, [3, 5])
    """

    #: The state traits the text form shows, in order.
    shown: ClassVar[tuple[str, ...]] = ()

    def _follow(self, controls: Mapping[str, widgets.ValueWidget]) -> None:
        """Link each state trait to its control (which takes the trait's value) and redraw on every change."""
        for name, control in controls.items():
            widgets.link((self, name), (control, "value"))
        self.observe(self._state_changed, names=list(controls))

    def _state_changed(self, change: dict[str, Any]) -> None:
        """A state trait changed (from its control or from Python): redraw."""
        self._redraw()

    def _redraw(self) -> None:
        """Make everything the explorer shows from its state."""
        raise NotImplementedError

    def _shown_state(self) -> Iterable[tuple[str, object]]:
        """The (name, value) pairs of the text form; a subclass may show a value in words."""
        return ((name, getattr(self, name)) for name in self.shown)

    def __repr__(self) -> str:  # the text nbval compares (and a saved notebook shows): short and stable
        shown = ", ".join(f"{name}={value!r}" for name, value in self._shown_state())
        return f"{type(self).__name__}({shown})"
