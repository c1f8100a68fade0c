"""Graded exercises: questions for non-programmers, self-check, sealed keys, a batch grader.

In a student notebook::

    from r2pkit.exercises import ask, check, summary, load
    load("ex00")
    ask("ex00.q1")            # a widget: choose, press Check
    check("ex00.q1", "b")     # or answer in code
    summary("ex00")           # the score so far

Modules: :mod:`~r2pkit.exercises.kinds` (one class per question kind, and their registry),
:mod:`~r2pkit.exercises.questions` (scoring rules and answers in words, for any kind),
:mod:`~r2pkit.exercises.sealed` (the public files: practice with hashes, assessed without),
:mod:`~r2pkit.exercises.source` (the YAML source with the key),
:mod:`~r2pkit.exercises.build` (practice, assessed and solution notebooks),
:mod:`~r2pkit.exercises.runtime` (in the notebook: answers kept, self-check, the summary),
:mod:`~r2pkit.exercises.ui` (the question widget),
:mod:`~r2pkit.exercises.keys` (the widget's small front-end: the keyboard stays on the answer, the notebook is saved),
:mod:`~r2pkit.exercises.protocol` (what a notebook file says about itself and how answers leave a kernel),
:mod:`~r2pkit.exercises.grade` (the instructor's batch grader: scores outside the sandbox),
:mod:`~r2pkit.exercises.sandbox` (where a submission runs: bubblewrap, its own view of the machine, hard limits),
:mod:`~r2pkit.exercises.runner` (what runs inside the sandbox: one submission from a fresh kernel, reporting its answers).
"""
from .runtime import check, give_up, hint, load, summary
from .ui import ask, student

__all__ = ["ask", "check", "give_up", "hint", "load", "student", "summary"]
