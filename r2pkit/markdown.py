"""Computed text shown as Markdown in a notebook, with its dollar signs kept as dollar signs.

JupyterLab renders Markdown with MathJax: any two ``$`` signs in one output turn the text
between them into a formula, so a sentence such as "per US$1 of GDP per head (GDP per head
US$4,500)" shows in italics with its spaces gone. Every ``$`` the kit writes into Markdown is
therefore escaped (``\\$``), which Markdown renders as a plain dollar sign. :class:`Markdown`
does it for a notebook's sentences (use it where one would use ``IPython.display.Markdown``); the
library's own Markdown reports call :func:`escape_dollars`.
"""
from __future__ import annotations

import re

from .errors import WrongTypeError

__all__ = ["Markdown", "escape_dollars"]

_DOLLAR = re.compile(r"(?<!\\)\$")


def escape_dollars(text: str) -> str:
    """``text`` with every ``$`` not already escaped written ``\\$``, so Markdown shows a dollar sign.

    >>> print(escape_dollars("per US$1 of GDP per head (GDP per head US$4,500)"))
    per US\\$1 of GDP per head (GDP per head US\\$4,500)
    >>> print(escape_dollars("already \\\\$5"))
    already \\$5
    >>> escape_dollars(5)
    Traceback (most recent call last):
    ...
    r2pkit.errors.WrongTypeError: text=5 is not text. Pass the sentence as a string.
    """
    if not isinstance(text, str):
        raise WrongTypeError(value=text, name="text", expected="text", allowed="Pass the sentence as a string.")
    return _DOLLAR.sub(r"\\$", text)


class Markdown:
    """A computed sentence for a notebook: shown as Markdown (dollar signs escaped), and as the
    same plain text where Markdown is not rendered (a console, a text export).

    >>> m = Markdown("Türkiye hosts **257** refugees per US$1 of GDP per head (US$9,000).")
    >>> m._repr_markdown_()
    'Türkiye hosts **257** refugees per US\\\\$1 of GDP per head (US\\\\$9,000).'
    >>> m
    Türkiye hosts **257** refugees per US$1 of GDP per head (US$9,000).
    """

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise WrongTypeError(value=text, name="text", expected="text",
                                 allowed="Pass the sentence as a string, e.g. Markdown(f'… {value} …').")
        self.data = text

    def _repr_markdown_(self) -> str:
        return escape_dollars(self.data)

    def __repr__(self) -> str:
        return self.data
