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
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from .. import checks
from . import kinds, runtime
from .keys import CSS, QuestionKeys
from .runtime import Quiz

__all__ = ["ask", "student", "QuestionWidget", "StudentId"]

def _inputs(quiz: Quiz, qid: str) -> tuple[list[widgets.Widget], Any, Any]:
    """The input widgets for a question (by its kind), a function reading the answer, one setting it."""
    q = quiz.question(qid)
    return kinds.of(q).widget(q)


class QuestionWidget(widgets.VBox):
    """One question's inputs, the answer that counts, buttons and feedback."""

    def __init__(self, quiz: Quiz, qid: str) -> None:
        self.quiz, self.qid = quiz, qid
        self.ref = f"{quiz.id}.{qid}"
        data = quiz.q(qid)
        self.inputs, self._get, self._set = _inputs(quiz, qid)
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
        self.keyguard = QuestionKeys(label=f"Question {qid}" + (" (demonstration)" if quiz.demo else ""),
                                     copy="" if quiz.demo else runtime.copy_id(), resave=bool(quiz.from_copy))
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
        q = self.quiz.question(self.qid)
        then = "then press Check" if self.quiz.practice else "it is saved as you choose"
        return f"Question {self.ref} ({kinds.of(q).kind_words(q)}): answer above, {then}."


class StudentId(widgets.VBox):
    """A labelled box for the student's id, saved with the notebook as it is typed (assessed versions)."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self.box = widgets.Text(value=quiz.student_id, description="Your student id",
                                placeholder="as on your class list, e.g. s1234567",
                                style={"description_width": "initial"}, layout=widgets.Layout(width="32em"))
        self.line = widgets.HTML("")
        self.keyguard = QuestionKeys(label="Your student id", copy=runtime.copy_id())
        super().__init__([self.box, self.line, widgets.HTML(CSS), self.keyguard])
        self.add_class("r2p-question")
        runtime.display_student_id(quiz)
        self._say()
        self.box.observe(lambda change: self._typed(change["new"]), names="value")

    def _say(self) -> None:
        sid = self.quiz.student_id
        text = f"Saved with this notebook: {sid}." if sid else "No student id yet: type it in the box."
        self.line.value = f"<p class='r2p-counts' aria-live='polite'>{html.escape(text)}</p>"

    def _typed(self, value: str) -> None:
        before = self.quiz.student_id
        runtime.set_student_id(self.quiz, value)
        self._say()
        if self.quiz.student_id != before:
            self.keyguard.save()

    def __repr__(self) -> str:  # what nbval compares: short and stable
        return "Your student id: type it in the box above; it is saved with this notebook."


def student(exercise: str) -> StudentId:
    """Show the box where a student types their id, e.g. ``student("ex00")`` (assessed versions)."""
    checks.text(exercise, "exercise", what="the id of an exercise", longest=runtime.LONGEST_NAME,
                allowed="Give its id, e.g. student('ex00').")
    return StudentId(runtime.loaded(exercise))


def _saved_bundle(eid: str, qid: str, answer: Any) -> dict[str, Any]:
    """Kept for the grader's tests: use :func:`r2pkit.exercises.protocol.answer_output`."""
    from .protocol import answer_output

    return answer_output(eid, qid, answer)


def ask(ref: str, demo: bool = False) -> QuestionWidget:
    """Show the answer widget of a question, e.g. ``ask("ex00.q1")``.

    ``demo=True`` shows a demonstration copy (notebook 00): its answers and attempts are nobody's.
    """
    checks.flag(demo, "demo")
    quiz, qid = runtime.resolve(ref, demo)
    return QuestionWidget(quiz, qid)
