"""The answer widget: choose, press Check, read the feedback; the answer is saved in the notebook.

:func:`ask` shows one question's input (radio buttons, check boxes, menus or a text box,
by the question's kind) with three buttons: *Check*, *Hint* and *Show the explanation*.
It calls :mod:`r2pkit.exercises.runtime` and nothing else.

Each answer chosen in the widget is also written into a small output of the cell (mime
type :data:`~r2pkit.exercises.runtime.ANSWER_MIME`, shown as one line of text), so it is
saved with the notebook; the batch grader reads it back before running a submission.
"""
from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from . import runtime
from .runtime import ANSWER_MIME, Quiz

__all__ = ["ask", "QuestionWidget"]

_ORDINALS = ["1st", "2nd", "3rd"] + [f"{i}th" for i in range(4, 21)]
_KIND_WORDS = {"single": "choose one", "multiple": "choose all that apply", "framework": "choose all that apply",
               "truefalse": "true or false, and why", "numeric": "a number", "data": "compute it",
               "text": "a short answer", "ordering": "put in order", "classification": "sort into categories",
               "scenario": "set the facts"}


def _label(text: str) -> str:
    """A text written in Markdown, as a widget label shows it: widgets print labels as they
    are, so `code` and **bold** would show their backticks and asterisks.

    >>> _label("A `source` column, **filled in** on every row")
    'A source column, filled in on every row'
    """
    text = re.sub(r"`([^`]*)`", r"\1", str(text))
    return re.sub(r"\*\*([^*]+)\*\*", r"\1", text)


def _scenario_inputs(data: dict[str, Any]) -> tuple[list[widgets.Widget], Any, Any]:
    """One three-way choice per fact (yes / no / not known), each under its plain-language question."""
    from ..duties import FACTS, answer_choices

    rows: list[widgets.Widget] = []
    toggles: dict[str, widgets.ToggleButtons] = {}
    values: dict[str, dict[str, Any]] = {}
    for name in data["facts"]:
        choices = answer_choices(name)
        values[name] = dict(choices)
        toggles[name] = widgets.ToggleButtons(options=[label for label, _ in choices], value="not known",
                                              style={"button_width": "auto"})
        rows += [widgets.HTML(f"<p style='margin:.6em 0 .1em'>{html.escape(FACTS[name].ask())} "
                              f"<small><code>{name}</code></small></p>"), toggles[name]]

    def get_facts() -> Any:
        chosen = {name: values[name][t.value] for name, t in toggles.items() if t.value != "not known"}
        return chosen or None

    def set_facts(v: Any) -> None:
        for name, t in toggles.items():
            value = (v or {}).get(name)
            t.value = next((label for label, x in values[name].items() if x == value and type(x) is type(value)),
                           "not known")
    return rows, get_facts, set_facts


def _saved_bundle(eid: str, qid: str, answer: Any) -> dict[str, Any]:
    shown = "none yet" if answer is None else str(answer)
    return {ANSWER_MIME: {"exercise": eid, "question": qid, "answer": answer},
            "text/plain": f"Answer to {eid}.{qid} saved with this notebook: {shown}"}


def _inputs(data: dict[str, Any]) -> tuple[list[widgets.Widget], Any, Any]:
    """The input widgets for a question, a function reading the answer, one setting it."""
    kind = data["kind"]
    wide = widgets.Layout(width="auto")
    if kind == "framework" and data.get("facts"):
        return _scenario_inputs(data)
    if kind == "single":
        radio = widgets.RadioButtons(options=[(f"{k}) {_label(v)}", k) for k, v in data["options"].items()],
                                     value=None, layout=wide)
        return [radio], lambda: radio.value, lambda v: setattr(radio, "value", v)
    if kind in ("multiple", "framework"):
        boxes = {k: widgets.Checkbox(value=False, description=f"{k}) {_label(v)}", indent=False, layout=wide)
                 for k, v in data["options"].items()}

        def get_many() -> Any:
            chosen = [k for k, b in boxes.items() if b.value]
            return chosen or None

        def set_many(v: Any) -> None:
            for k, b in boxes.items():
                b.value = k in (v or [])
        return list(boxes.values()), get_many, set_many
    if kind == "truefalse":
        verdict = widgets.RadioButtons(options=[("True", True), ("False", False)], value=None,
                                       description="Verdict", orientation="horizontal")
        why = widgets.RadioButtons(options=[(f"{k}) {_label(v)}", k) for k, v in data["justifications"].items()],
                                   value=None, description="Because", layout=wide)

        def get_tf() -> Any:
            return None if verdict.value is None or why.value is None else [verdict.value, why.value]

        def set_tf(v: Any) -> None:
            verdict.value, why.value = (v or [None, None])
        return [verdict, why], get_tf, set_tf
    if kind in ("ordering", "classification"):
        items = data["items"]
        if kind == "ordering":
            menus = [widgets.Dropdown(options=[("—", None)] + [(f"{k}) {_label(v)}", k) for k, v in items.items()],
                                      value=None, description=_ORDINALS[i], layout=wide) for i in range(len(items))]

            def get_order() -> Any:
                order = [m.value for m in menus]
                return None if any(v is None for v in order) else order

            def set_order(v: Any) -> None:
                for m, k in zip(menus, v or [None] * len(menus)):
                    m.value = k
            return menus, get_order, set_order
        cats = [("—", None)] + [(f"{k}) {_label(v)}", k) for k, v in data["categories"].items()]
        menus = [widgets.Dropdown(options=cats, value=None, description=f"{k}) {_label(v)}",
                                  style={"description_width": "initial"}, layout=wide) for k, v in items.items()]

        def get_cls() -> Any:
            chosen = {k: m.value for k, m in zip(items, menus) if m.value is not None}
            return chosen or None

        def set_cls(v: Any) -> None:
            for k, m in zip(items, menus):
                m.value = (v or {}).get(k)
        return menus, get_cls, set_cls
    if kind == "data" and data.get("answer_type") == "table":
        note = widgets.HTML("<p>Compute this table in code, in the cell below, and check it there.</p>")
        return [note], lambda: None, lambda v: None
    unit = f" ({data['unit']})" if data.get("unit") else ""
    text = widgets.Text(value="", placeholder="your answer" + unit, description="Answer", layout=wide)
    return [text], lambda: text.value.strip() or None, lambda v: setattr(text, "value", "" if v is None else str(v))


# ipywidgets gives each radio option (and checkbox) one fixed line: a long option wraps onto the
# option below it, so a click meant for b) lands on c). Scoped to the kit's questions.
_CSS = """<style>
.r2p-question .widget-radio-box label { height: auto !important; line-height: 1.35 !important;
  white-space: normal !important; margin: 2px 0 4px 0; display: flex !important; align-items: flex-start; }
.r2p-question .widget-radio-box label input { flex: none; order: -1; margin: 3px 6px 0 0; }
.r2p-question .widget-checkbox { height: auto !important; }
.r2p-question .widget-checkbox label { height: auto !important; line-height: 1.35 !important;
  white-space: normal !important; }
</style>"""


class QuestionWidget(widgets.VBox):
    """One question's inputs, buttons and feedback."""

    def __init__(self, quiz: Quiz, qid: str) -> None:
        self.quiz, self.qid = quiz, qid
        self.ref = f"{quiz.id}.{qid}"
        data = quiz.q(qid)
        self.inputs, self._get, self._set = _inputs(data)
        # Width auto: a button's default width cuts a longer label ("Show the explanation") short.
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check",
                                           layout=widgets.Layout(width="auto"))
        self.hint_button = widgets.Button(description="Hint", icon="lightbulb-o", disabled=not data.get("hints"),
                                          layout=widgets.Layout(width="auto"))
        self.reveal_button = widgets.Button(description="Show the explanation", icon="book",
                                            layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML("")
        self._saved = display(_saved_bundle(quiz.id, qid, None), raw=True, display_id=True)
        super().__init__(self.inputs + [widgets.HBox([self.check_button, self.hint_button, self.reveal_button,
                                                      widgets.HTML(_CSS)]),
                                        self.feedback])
        self.add_class("r2p-question")
        restored = runtime._SAVED.get((quiz.id, qid))
        if restored is not None:
            self._set(restored)
            self._remember()
        for w in self.inputs:
            if hasattr(w, "value"):
                w.observe(lambda change: self._remember(), names="value")
        # The button checks the widget's answer and keeps it marked as given in the widget.
        self.check_button.on_click(lambda _: self._show(runtime._check(self.quiz, self.qid, self._get(), "widget")))
        self.hint_button.on_click(lambda _: self._show(runtime.hint(self.ref)))
        self.reveal_button.on_click(lambda _: self._show(runtime.give_up(self.ref)))

    def _remember(self) -> None:
        answer = self._get()
        st = self.quiz.st(self.qid)
        if answer is None:
            return
        try:
            canonical, _ = runtime.self_check(self.quiz.q(self.qid), self.quiz.salt, answer)
        except runtime.AnswerError:
            return
        st.answer, st.via, st.invalid = canonical, "widget", ""
        if self._saved is not None:
            self._saved.update(_saved_bundle(self.quiz.id, self.qid, canonical), raw=True)

    def _show(self, fb: runtime.Feedback) -> None:
        self.feedback.value = fb._repr_html_()

    def __repr__(self) -> str:  # what nbval compares: short and stable
        data = self.quiz.q(self.qid)
        kind = "scenario" if data["kind"] == "framework" and data.get("facts") else data["kind"]
        return f"Question {self.ref} ({_KIND_WORDS.get(kind, kind)}): answer above, then press Check."


def ask(ref: str) -> QuestionWidget:
    """Show the answer widget of a question, e.g. ``ask("ex00.q1")``."""
    quiz, qid = runtime._resolve(ref)
    return QuestionWidget(quiz, qid)
