"""Question kinds, one class each, and the registry that finds a question's kind.

Everything the kit knows about one kind of question lives in one class (a
:class:`~r2pkit.exercises.kinds.base.Kind`): the fields an author writes in the exercise
source and how they are checked, how a raw answer is put in canonical form, the slots it
is scored by and the partial-credit rule, the widget a student answers in, what the built
notebook says about it (its header, its scoring rule, an example answer, the solution's
line), the answer in words, and what the public files may show of it. The rest of the
exercise framework (:mod:`~r2pkit.exercises.questions`, ``source``, ``build``, ``sealed``,
``ui``, ``runtime``, the grader) asks the registry and never names a kind.

Adding a kind is writing one such class and registering it::

    from r2pkit.exercises.kinds import Kind, register

    @register
    class Essay(Kind):
        name = "essay"
        ...

A kind may refine another one: the duty engine's *scenario* (a ``framework`` question
whose answer is the facts of a scenario) is registered by :mod:`r2pkit.duties.scenario_kind`
under the name ``framework`` with a :meth:`~Kind.claims` test, so the exercise framework
does not import the duty engine. The kit's own plugin modules are listed in
:data:`KIT_PLUGINS`; another package registers its kinds through the entry-point group
``r2pkit.question_kinds`` (each entry a module to import). Both are imported the first
time a kind is looked up.

The design follows OpenFisca's one class per concept and nbval's table of markers.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from .base import Kind, label, show

__all__ = ["Kind", "register", "of", "of_source", "get", "all_of", "names", "KIT_PLUGINS", "label", "show"]

#: The kit's own modules that register kinds outside this package (imported on first use).
KIT_PLUGINS = ("r2pkit.duties.scenario_kind",)
ENTRY_POINTS = "r2pkit.question_kinds"

_REGISTRY: dict[str, list[Kind]] = {}
_LOADED = [False]


def register(cls: type[Kind]) -> type[Kind]:
    """Register a kind (used as a class decorator); a later kind of the same name that
    :meth:`~Kind.claims` a question wins over an earlier one."""
    kind = cls()
    if not kind.name:
        raise TypeError(f"{cls.__name__} has no name: set `name = '...'` on the class.")
    kinds = _REGISTRY.setdefault(kind.name, [])
    kinds[:] = [k for k in kinds if type(k).__qualname__ != cls.__qualname__] + [kind]
    return cls


def _plugins() -> None:
    if _LOADED[0]:
        return
    _LOADED[0] = True
    for module in KIT_PLUGINS:
        importlib.import_module(module)
    try:
        from importlib.metadata import entry_points

        for ep in entry_points(group=ENTRY_POINTS):
            importlib.import_module(ep.value.split(":")[0])
    except Exception:  # pragma: no cover - a broken third-party plugin must not stop the kit's own kinds
        pass


def names() -> tuple[str, ...]:
    """Every kind name an author may write, in the order they were registered.

    >>> names()[:3]
    ('single', 'multiple', 'truefalse')
    """
    _plugins()
    return tuple(_REGISTRY)


def get(name: str) -> Kind:
    """The base kind registered under ``name`` (the first one); KeyError if none."""
    _plugins()
    return _REGISTRY[name][0]


def all_of(name: str) -> tuple[Kind, ...]:
    """Every kind registered under ``name`` (the base kind first, then its refinements)."""
    _plugins()
    return tuple(_REGISTRY.get(name, ()))


def _pick(name: Any, test: Any) -> Kind | None:
    _plugins()
    for kind in reversed(_REGISTRY.get(str(name), [])):
        if test(kind):
            return kind
    return None


def of(q: Any) -> Kind:
    """The kind of a question (a :class:`~r2pkit.exercises.questions.Question`).

    >>> from r2pkit.exercises.questions import Question
    >>> of(Question("q1", "single", "?")).name
    'single'
    """
    kind = _pick(q.kind, lambda k: k.claims(q))
    if kind is None:
        from ..questions import AnswerError

        raise AnswerError(f"Unknown question kind {q.kind!r}: one of {', '.join(names())}.")
    return kind


def of_source(raw: Mapping[str, Any]) -> Kind | None:
    """The kind a question in an exercise source asks for (None if its ``kind`` is unknown)."""
    return _pick(raw.get("kind"), lambda k: k.claims_source(raw))


from . import builtin as _builtin  # noqa: E402,F401 - registers the kit's own kinds
from . import written as _written  # noqa: E402,F401
