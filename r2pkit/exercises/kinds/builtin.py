"""The kit's everyday kinds: choices, true/false with a reason, numbers, short texts, orderings,
classifications and data computations (their scoring rules are stated in
:mod:`r2pkit.exercises.questions`)."""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from . import register
from .base import Kind, as_text, choice, label, many, plain, show

__all__ = ["Single", "Multiple", "TrueFalse", "Numeric", "Text", "Ordering", "Classification", "Data", "Framework"]

_ORDINALS = ["1st", "2nd", "3rd"] + [f"{i}th" for i in range(4, 31)]


def _error(message: str) -> Exception:
    from ..questions import AnswerError

    return AnswerError(message)


def _wide() -> Any:
    import ipywidgets as widgets

    return widgets.Layout(width="auto")


# ------------------------------------------------------------------- choices
@register
class Single(Kind):
    name, head, words, wants, example = "single", "choose one answer", "choose one", "one letter", '"b"'
    needs = ("options",)

    def normalise(self, q: Any, raw: Any) -> Any:
        return choice(q, raw, q.options, "options")

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {"choice": answer}

    def describe(self, q: Any, answer: Any) -> str:
        return f"{answer}) {plain(q.options.get(answer, ''))}".strip()

    def widget(self, q: Any) -> Any:
        import ipywidgets as widgets

        radio = widgets.RadioButtons(options=[(f"{k}) {label(v)}", k) for k, v in q.options.items()],
                                     value=None, layout=_wide())
        return [radio], lambda: radio.value, lambda v: setattr(radio, "value", v)


@register
class Multiple(Kind):
    name, head, words, wants, example = ("multiple", "choose all that apply", "choose all that apply",
                                         "a list of letters", '["a", "c"]')
    rule_text = "Partial credit: points × (right options chosen − wrong options chosen) ÷ right options, never below 0."
    needs = ("options",)

    def normalise(self, q: Any, raw: Any) -> Any:
        try:
            chosen = many(raw)
        except TypeError:
            raise _error(f"{q.id} takes several choices, e.g. ['a', 'c']; got {show(raw)}.") from None
        return sorted({choice(q, c, q.options, "options") for c in chosen})

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {k: "1" if k in answer else "0" for k in q.options}

    def fraction(self, q: Any, right: Mapping[str, bool], answer: Any) -> float:
        # An option is a right one when choosing it is right (chosen and right, or not chosen
        # and wrong), so this works from hashes alone, without the key.
        n_right_options = sum(1 for k in q.options if (k in answer) == right[k])
        chosen = set(answer)
        good = sum(1 for k in chosen if right[k])
        bad = len(chosen) - good
        return max(0.0, (good - bad) / n_right_options) if n_right_options else float(bad == 0)

    def detail(self, q: Any, answer: Any, right: Mapping[str, bool], share: float) -> str:
        return "Some of your choices are right, but not all." if 0 < share < 1 else ""

    def describe(self, q: Any, answer: Any) -> str:
        return "; ".join(f"{k}) {plain(q.options.get(k, ''))}" for k in answer) or "none of the options"

    def widget(self, q: Any) -> Any:
        import ipywidgets as widgets

        boxes = {k: widgets.Checkbox(value=False, description=f"{k}) {label(v)}", indent=False, layout=_wide())
                 for k, v in q.options.items()}

        def get_many() -> Any:
            chosen = [k for k, b in boxes.items() if b.value]
            return chosen or None

        def set_many(v: Any) -> None:
            for k, b in boxes.items():
                b.value = k in (v or [])
        return list(boxes.values()), get_many, set_many


# --------------------------------------------------------------- true/false
@register
class TrueFalse(Kind):
    name, head, words, wants, example = ("truefalse", "true or false, and why", "true or false, and why",
                                         "a verdict and a reason, e.g. (True, 'b')", '(True, "a")')
    rule_text = "Full points for the right verdict with the right reason; half for the right verdict alone."
    needs = ("justifications",)

    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        value = raw.get("answer")
        if isinstance(value, dict):
            raw = {**raw, "answer": {"verdict": value.get("verdict"), "why": value.get("why")}}
        return super().parse(raw, args, src)

    def normalise(self, q: Any, raw: Any) -> Any:
        from ..questions import normalise_text

        if isinstance(raw, Mapping):
            verdict, why = raw.get("verdict"), raw.get("why")
        elif isinstance(raw, (tuple, list)) and len(raw) == 2:
            verdict, why = raw
        else:
            raise _error(f"{q.id} takes a verdict and a reason, e.g. (True, 'b'); got {show(raw)}.")
        if isinstance(verdict, str) and normalise_text(verdict) in ("true", "false"):
            verdict = normalise_text(verdict) == "true"
        if not isinstance(verdict, bool):
            raise _error(f"The verdict for {q.id} is True or False; got {show(verdict)}.")
        return [verdict, choice(q, why, q.justifications, "reasons")]

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {"verdict": str(answer[0]).lower(), "why": answer[1]}

    def fraction(self, q: Any, right: Mapping[str, bool], answer: Any) -> float:
        if right["verdict"]:
            return 1.0 if right["why"] else 0.5
        return 0.0

    def detail(self, q: Any, answer: Any, right: Mapping[str, bool], share: float) -> str:
        return "The verdict is right; the reason is not the best one." if share == 0.5 else ""

    def describe(self, q: Any, answer: Any) -> str:
        verdict, why = answer
        return f"{verdict}, because {why}) {plain(q.justifications.get(why, ''))}"

    def literal(self, q: Any) -> str:
        return repr(tuple(q.answer))

    def widget(self, q: Any) -> Any:
        import ipywidgets as widgets

        verdict = widgets.RadioButtons(options=[("True", True), ("False", False)], value=None,
                                       description="Verdict", orientation="horizontal")
        why = widgets.RadioButtons(options=[(f"{k}) {label(v)}", k) for k, v in q.justifications.items()],
                                   value=None, description="Because", layout=_wide())

        def get_tf() -> Any:
            return None if verdict.value is None or why.value is None else [verdict.value, why.value]

        def set_tf(v: Any) -> None:
            verdict.value, why.value = (v or [None, None])
        return [verdict, why], get_tf, set_tf


# ------------------------------------------------------------------ numbers
def number(q: Any, raw: Any) -> float:
    """A number answer, in whatever form a student gives it (an int, a numpy scalar, "1,250")."""
    import numpy as np

    unit = f" in {q.unit}" if q.unit else ""
    if isinstance(raw, (bool, np.bool_)):  # a comparison's result is not a count
        raise _error(f"{q.id} asks for a number{unit}, not {show(raw)}.")
    value: float
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif hasattr(raw, "item") and callable(raw.item):  # numpy / pandas scalars
        value = float(raw.item())
    elif isinstance(raw, str) and re.fullmatch(r"\s*[-+]?[\d,_ ]*\.?\d+\s*%?\s*", raw or ""):
        value = float(re.sub(r"[,_ %]", "", raw))
    else:
        raise _error(f"{q.id} asks for a number{unit}, such as 1250 or 0.35; got {show(raw)}.")
    if not math.isfinite(value):
        raise _error(f"{q.id} asks for a finite number{unit}, not {show(raw)}.")
    return value


def _bucket(q: Any, value: float) -> str:
    if q.step == 0:
        return repr(float(value))
    return str(round(value / q.step))


def number_key_slots(q: Any) -> dict[str, list[str]]:
    """Every rounding bucket that overlaps [key − tolerance, key + tolerance]."""
    target, tol = float(q.answer), q.tolerance
    if q.step == 0:
        return {"value": [repr(target)]}
    lo = math.ceil((target - tol) / q.step - 0.5 - 1e-9)
    hi = math.floor((target + tol) / q.step + 0.5 + 1e-9)
    return {"value": [str(k) for k in range(lo, hi + 1)]}


def number_words(value: float, unit: str) -> str:
    text = f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e15 else \
        f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{text} {unit}".strip()


def number_literal(q: Any) -> str:
    return repr(int(q.answer)) if float(q.answer).is_integer() else repr(q.answer)


@register
class Numeric(Kind):
    name, head, words, wants, example = "numeric", "a number", "a number", "one number", "1250"

    def normalise(self, q: Any, raw: Any) -> Any:
        return number(q, raw)

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {"value": _bucket(q, answer)}

    def key_slots(self, q: Any) -> dict[str, list[str]]:
        return number_key_slots(q)

    def describe(self, q: Any, answer: Any) -> str:
        return number_words(float(answer), q.unit)

    def literal(self, q: Any) -> str:
        return number_literal(q)


# --------------------------------------------------------------------- text
@register
class Text(Kind):
    name, head, words, wants, example = "text", "a short answer", "a short answer", "a short text", '"your words"'

    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        from ..questions import normalise_text

        accepted = [raw.get("answer")] + src.texts(raw.get("synonyms")) + src.texts(raw.get("accepted"))
        accepted = [str(a) for a in accepted if a is not None and str(a).strip()]
        if not accepted:
            raise src.fail("a text question needs an 'answer' (and optional 'synonyms').")
        args["accepted"] = tuple(accepted)
        args["answer"] = normalise_text(accepted[0])
        return args

    def normalise(self, q: Any, raw: Any) -> Any:
        from ..questions import normalise_text

        if not isinstance(raw, str) or not raw.strip():
            raise _error(f"{q.id} takes a short text answer, e.g. 'Security Council'; got {show(raw)}.")
        return normalise_text(raw)

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {"text": answer}

    def key_slots(self, q: Any) -> dict[str, list[str]]:
        from ..questions import normalise_text

        return {"text": sorted({normalise_text(a) for a in (q.accepted or ())})}

    def describe(self, q: Any, answer: Any) -> str:
        return f"\u201c{answer}\u201d"

    def literal(self, q: Any) -> str:
        return repr(q.accepted[0])


# ---------------------------------------------------------- items in places
def _share(right: Mapping[str, bool]) -> float:
    return sum(right.values()) / len(right) if right else 0.0


def _items_detail(right: Mapping[str, bool], share: float) -> str:
    return f"{sum(right.values())} of {len(right)} items are right." if 0 < share < 1 else ""


@register
class Ordering(Kind):
    name, head, words, wants, example = ("ordering", "put in order", "put in order", "the items in order",
                                         '["c", "a", "b"]')
    rule_text = "Partial credit: points × items in their right place ÷ items."
    needs = ("items",)

    def normalise(self, q: Any, raw: Any) -> Any:
        try:
            order = [choice(q, x, q.items, "items") for x in many(raw)]
        except TypeError:
            raise _error(f"{q.id} takes the items in order, e.g. ['c', 'a', 'b']; got {show(raw)}.") from None
        missing = [k for k in q.items if k not in order]
        repeated = sorted({k for k in order if order.count(k) > 1})
        if missing or repeated:
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + \
                    ([f"repeated {', '.join(repeated)}"] if repeated else [])
            raise _error(f"{q.id} needs each of the {len(q.items)} items exactly once ({'; '.join(parts)}).")
        return order

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {str(i): item for i, item in enumerate(answer, 1)}

    def fraction(self, q: Any, right: Mapping[str, bool], answer: Any) -> float:
        return _share(right)

    def detail(self, q: Any, answer: Any, right: Mapping[str, bool], share: float) -> str:
        return _items_detail(right, share)

    def describe(self, q: Any, answer: Any) -> str:
        return ", ".join(f"{_ORDINALS[i]} {k}) {plain(q.items.get(k, ''))}" for i, k in enumerate(answer))

    def widget(self, q: Any) -> Any:
        import ipywidgets as widgets

        items = q.items
        menus = [widgets.Dropdown(options=[("—", None)] + [(f"{k}) {label(v)}", k) for k, v in items.items()],
                                  value=None, description=_ORDINALS[i], layout=_wide()) for i in range(len(items))]

        def get_order() -> Any:
            order = [m.value for m in menus]
            return None if any(v is None for v in order) else order

        def set_order(v: Any) -> None:
            for m, k in zip(menus, v or [None] * len(menus)):
                m.value = k
        return menus, get_order, set_order


@register
class Classification(Kind):
    name, head, words, wants, example = ("classification", "sort into categories", "sort into categories",
                                         "a category for each item", '{"a": "x", "b": "y"}')
    rule_text = "Partial credit: points × items in their right category ÷ items."
    needs = ("items", "categories")

    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        args = super().parse(raw, args, src)
        if set(args["answer"]) != set(args["items"]):
            missing = ", ".join(k for k in args["items"] if k not in args["answer"])
            raise src.fail(f"its 'answer' must give a category for every item (missing: {missing}).")
        return args

    def normalise(self, q: Any, raw: Any) -> Any:
        if not isinstance(raw, Mapping):
            raise _error(f"{q.id} takes a category for each item, e.g. {{'a': 'x', 'b': 'y'}}; got {show(raw)}.")
        out = {}
        for item, cat in raw.items():
            if cat is None:
                continue
            out[choice(q, item, q.items, "items")] = choice(q, cat, q.categories, "categories")
        return dict(sorted(out.items())) or None

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {item: answer.get(item, "") for item in q.items}

    def fraction(self, q: Any, right: Mapping[str, bool], answer: Any) -> float:
        return _share(right)

    def detail(self, q: Any, answer: Any, right: Mapping[str, bool], share: float) -> str:
        return _items_detail(right, share)

    def describe(self, q: Any, answer: Any) -> str:
        return "; ".join(f"{k}) {plain(q.items.get(k, ''))} \u2192 {c}) {plain(q.categories.get(c, ''))}"
                         for k, c in answer.items())

    def widget(self, q: Any) -> Any:
        import ipywidgets as widgets

        items = q.items
        cats = [("—", None)] + [(f"{k}) {label(v)}", k) for k, v in q.categories.items()]
        menus = [widgets.Dropdown(options=cats, value=None, description=f"{k}) {label(v)}",
                                  style={"description_width": "initial"}, layout=_wide()) for k, v in items.items()]

        def get_cls() -> Any:
            chosen = {k: m.value for k, m in zip(items, menus) if m.value is not None}
            return chosen or None

        def set_cls(v: Any) -> None:
            for k, m in zip(items, menus):
                m.value = (v or {}).get(k)
        return menus, get_cls, set_cls


# --------------------------------------------------------------------- data
def table(q: Any, raw: Any) -> str:
    """A table answer in canonical form: columns and rows sorted, numbers rounded, as CSV text."""
    import pandas as pd

    from ..questions import normalise_text

    if isinstance(raw, str) and "\n" in raw:  # a canonical table coming back from a kernel
        import io

        raw = pd.read_csv(io.StringIO(raw))
    if isinstance(raw, pd.Series):
        raw = raw.reset_index()
    if not isinstance(raw, pd.DataFrame):
        try:
            raw = pd.DataFrame(raw)
        except Exception:
            raise _error(f"{q.id} asks for a table (a pandas DataFrame); got {type(raw).__name__}.") from None
    frame = raw.copy()
    # A named index (e.g. after groupby) is data; row numbers left by a filter or a sort are not.
    named = isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None
    frame = frame.reset_index(drop=not named)
    frame.columns = [normalise_text(c).replace(" ", "_") for c in frame.columns]
    frame = frame[sorted(frame.columns)]
    for col in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col]):
            frame[col] = frame[col].astype("float64").round(q.decimals)
        else:
            frame[col] = frame[col].astype(str)
    frame = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return frame.to_csv(index=False, lineterminator="\n", float_format=f"%.{q.decimals}f")


@register
class Data(Kind):
    name, head, words, wants, example = ("data", "a small computation with the data", "compute it",
                                         "a table (a pandas DataFrame)", "...")
    needs = ("solution_code",)

    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        if "answer" in raw:
            raise src.fail("a data question's answer is computed by its solution_code; do not type it as 'answer'.")
        value = src.run_solution(args["solution_code"])
        args["answer"] = src.answer(args, value)
        if args["answer"] is None:
            raise src.fail("'answer' must not be empty.")
        return args

    def wants_for(self, q: Any) -> str:
        return "one number" if q.is_numeric else self.wants

    def normalise(self, q: Any, raw: Any) -> Any:
        return number(q, raw) if q.answer_type == "number" else table(q, raw)

    def slots(self, q: Any, answer: Any) -> dict[str, str]:
        return {"value": _bucket(q, answer)} if q.is_numeric else {"table": answer}

    def key_slots(self, q: Any) -> dict[str, list[str]]:
        return number_key_slots(q) if q.is_numeric else super().key_slots(q)

    def describe(self, q: Any, answer: Any) -> str:
        if q.is_numeric:
            return number_words(float(answer), q.unit)
        rows = str(answer).strip().splitlines()
        return f"a table of {max(len(rows) - 1, 0)} rows with the columns {rows[0].replace(',', ', ')}" \
            if rows else "an empty table"

    def literal(self, q: Any) -> str:
        return number_literal(q) if q.is_numeric else repr(q.answer)

    def answer_cell(self, q: Any, solution: bool) -> str:
        if solution:
            return q.solution_code
        return (q.starter_code + "\n" if q.starter_code else "") + f"{q.id} = None  # replace None with your computation"

    def has_widget(self, q: Any) -> bool:
        return q.answer_type != "table"

    def widget(self, q: Any) -> Any:
        if q.answer_type == "table":
            import ipywidgets as widgets

            note = widgets.HTML("<p>Compute this table in code, in the cell below, and check it there.</p>")
            return [note], lambda: None, lambda v: None
        return super().widget(q)


# ---------------------------------------------------- framework, with options
@register
class Framework(Multiple):
    """A framework question answered by choosing all that apply (:mod:`r2pkit.duties.scenario_kind`
    refines it into the scenario, answered by setting facts)."""

    name = "framework"
    rule_text = "Partial credit: points × (right items chosen − wrong items chosen) ÷ right items, never below 0."
    needs = ()

    def parse(self, raw: Mapping[str, Any], args: dict[str, Any], src: Any) -> dict[str, Any]:
        if "options" not in raw:
            raise src.fail("a framework question needs 'options' (choose all that apply), or, for a scenario, "
                           "'facts' (the facts the student sets) and an 'answer' giving the scenario's facts.")
        return super().parse(raw, args, src)


__all__ += ["as_text"]
