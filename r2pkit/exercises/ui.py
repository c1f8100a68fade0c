"""The answer widget: choose, press Check, read the feedback; the answer is saved in the notebook.

:func:`ask` shows one question's input (radio buttons, check boxes, menus or a text box,
by the question's kind), a line saying which answer counts, and, in a practice version,
three buttons: *Check*, *Hint* and *Show the explanation* (after a first attempt). In an
assessed version the answer is only recorded. It calls :mod:`r2pkit.exercises.runtime`
and nothing else.

The cell also shows the question's record (:func:`~r2pkit.exercises.runtime.display_record`):
the output that saves the answer with the notebook. A small front-end piece
(:class:`~r2pkit.exercises.keys.QuestionKeys`) keeps the keyboard on the answer: arrow
keys and Enter act on the choices and buttons, not on JupyterLab's cells; it also asks
JupyterLab to save the notebook after an answer, so the saved file always holds it.
"""
from __future__ import annotations

import html
import re
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from . import runtime
from .keys import CSS, QuestionKeys
from .runtime import Quiz

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


def _as_text(value: Any) -> str:
    """A saved answer as the text box shows it again (2.0 was typed as 2).

    >>> _as_text(2.0), _as_text(0.35), _as_text(None), _as_text("cite")
    ('2', '0.35', '', 'cite')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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
    return [text], lambda: text.value.strip() or None, lambda v: setattr(text, "value", _as_text(v))


class QuestionWidget(widgets.VBox):
    """One question's inputs, the answer that counts, buttons and feedback."""

    def __init__(self, quiz: Quiz, qid: str) -> None:
        self.quiz, self.qid = quiz, qid
        self.ref = f"{quiz.id}.{qid}"
        data = quiz.q(qid)
        self.inputs, self._get, self._set = _inputs(data)
        practice = quiz.practice
        # Width auto: a button's default width cuts a longer label ("Show the explanation") short.
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check",
                                           layout=widgets.Layout(width="auto"))
        self.hint_button = widgets.Button(description="Hint", icon="lightbulb-o", disabled=not data.get("hints"),
                                          layout=widgets.Layout(width="auto"))
        self.reveal_button = widgets.Button(description="Show the explanation", icon="book",
                                            tooltip="After a first attempt; your answer is then final.",
                                            layout=widgets.Layout(width="auto"))
        self.counts = widgets.HTML("")
        self.feedback = widgets.HTML("")
        self.keyguard = QuestionKeys(label=f"Question {qid}" + (" (demonstration)" if quiz.demo else ""))
        buttons = [self.check_button, self.hint_button, self.reveal_button] if practice else []
        super().__init__(self.inputs + [widgets.HBox(buttons + [widgets.HTML(CSS)]), self.counts, self.feedback,
                                        self.keyguard])
        self.add_class("r2p-question")
        runtime.display_record(quiz, qid)
        self._restoring = False
        self._show_saved()
        for w in self.inputs:
            if hasattr(w, "value"):
                w.observe(lambda change: self._chosen(), names="value")
        runtime.watch(quiz, qid, self._refresh)
        self.check_button.on_click(lambda _: self._check())
        self.hint_button.on_click(lambda _: self._show(runtime.hint(self.ref, demo=quiz.demo)))
        self.reveal_button.on_click(lambda _: self._show(runtime.give_up(self.ref, demo=quiz.demo)))
        self._refresh(save=False)

    def _show_saved(self) -> None:
        """Show the widget's saved answer (put back from the notebook file or by the grader)."""
        st = self.quiz.st(self.qid)
        if st.widget is None:
            return
        self._restoring = True
        try:
            self._set(st.widget)
        finally:
            self._restoring = False

    def _chosen(self) -> None:
        if self._restoring:
            return
        if runtime.answer_from_widget(self.quiz, self.qid, self._get()):
            self.feedback.value = ""  # the feedback was about the previous answer

    def _check(self) -> None:
        runtime.answer_from_widget(self.quiz, self.qid, self._get(), claim=True)
        self._show(runtime.check_counted(self.quiz, self.qid))

    def _refresh(self, save: bool = True) -> None:
        st = self.quiz.st(self.qid)
        line = runtime.counts_line(self.quiz, self.qid)
        self.counts.value = f"<p class='r2p-counts' aria-live='polite'>{html.escape(line)}</p>"
        final = (st.final and self.quiz.practice) or st.pinned
        for w in self.inputs:
            if hasattr(w, "disabled"):
                w.disabled = final
        self.check_button.disabled = st.pinned
        self.reveal_button.disabled = st.attempts < 1 or st.final
        if save and not self.quiz.demo:
            self.keyguard.save()

    def _show(self, fb: runtime.Feedback) -> None:
        self.feedback.value = fb._repr_html_()

    def __repr__(self) -> str:  # what nbval compares: short and stable
        data = self.quiz.q(self.qid)
        kind = "scenario" if data["kind"] == "framework" and data.get("facts") else data["kind"]
        then = "then press Check" if self.quiz.practice else "it is saved as you choose"
        return f"Question {self.ref} ({_KIND_WORDS.get(kind, kind)}): answer above, {then}."


def _saved_bundle(eid: str, qid: str, answer: Any) -> dict[str, Any]:
    """Kept for the grader's tests: use :func:`r2pkit.exercises.protocol.answer_output`."""
    from .protocol import answer_output

    return answer_output(eid, qid, answer)


def ask(ref: str, demo: bool = False) -> QuestionWidget:
    """Show the answer widget of a question, e.g. ``ask("ex00.q1")``.

    ``demo=True`` shows a demonstration copy (notebook 00): its answers and attempts are nobody's.
    """
    quiz, qid = runtime.resolve(ref, demo)
    return QuestionWidget(quiz, qid)
