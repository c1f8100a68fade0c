"""One way to refuse a name that is not among the allowed ones: what was given, a 'did you mean', the choices."""
from __future__ import annotations

from collections.abc import Iterable

from ..errors import UnknownNameError, closest


def known(value: object, choices: Iterable[str], what: str, listing: str | None = None) -> str:
    """``value`` if it is one of ``choices``; otherwise an :class:`UnknownNameError` that says what is allowed.

    ``listing`` replaces the plain list of choices at the end of the message.

    >>> known("gdp", ["population", "gdp"], "a distribution key")
    'gdp'
    >>> known("gpd", ["population", "gdp"], "a distribution key")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'gpd' is not a distribution key. Did you mean 'gdp'? Choose one of: population, gdp.
    """
    options = list(choices)
    if isinstance(value, str) and value in options:
        return value
    hint = closest(str(value), options)
    raise UnknownNameError(f"{value!r} is not {what}." + (f" Did you mean '{hint[0]}'?" if hint else "")
                           + " " + (listing or f"Choose one of: {', '.join(options)}."))
