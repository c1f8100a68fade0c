"""Countries by name or code: one way to find a state in any of the kit's tables.

The kit's tables name states as their sources do ("Türkiye" in UNHCR's data, "Turkiye"
in the World Bank's, "Turkey" in the UN roll calls) and give each its ISO3 code. A
reader may type any of these, in any case, with or without accents, or a common other
name ("UK", "Britain", "Russian Federation"): :func:`resolve` finds the state among the
(name, code) pairs of a table, and otherwise says what is allowed and the closest name.
The displacement, UN-vote and resettlement modules all find their states with it.

>>> from r2pkit import countries
>>> pairs = [("Türkiye", "TUR"), ("United Kingdom", "GBR")]
>>> countries.resolve("turkey", pairs, "a host country"), countries.resolve("gbr", pairs, "a host country")
(('Türkiye', 'TUR'), ('United Kingdom', 'GBR'))
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import checks
from .checks import fold
from .errors import UnknownNameError, WrongTypeError, closest, listing

__all__ = ["ALIASES", "fold", "resolve", "pairs"]

#: Other spellings readers often type (folded: lower case, no accents) → ISO3 code.
ALIASES: dict[str, str] = {
    "uk": "GBR", "britain": "GBR", "great britain": "GBR",
    "united kingdom of great britain and northern ireland": "GBR",
    "us": "USA", "america": "USA", "united states of america": "USA",
    "turkey": "TUR", "turkiye": "TUR", "egypt, arab rep.": "EGY", "arab republic of egypt": "EGY",
    "russian federation": "RUS", "syrian arab republic": "SYR", "syrian arab rep.": "SYR", "syrian arab rep": "SYR",
    "iran (islamic republic of)": "IRN", "burma": "MMR", "myanmar": "MMR", "dprk": "PRK",
    "democratic people's republic of korea": "PRK", "republic of korea": "KOR", "ivory coast": "CIV",
    "cote d'ivoire": "CIV", "venezuela (bolivarian republic of)": "VEN", "bolivia (plurinational state of)": "BOL",
    "netherlands (kingdom of the)": "NLD",
}


def pairs(table: object, name: str, code: str) -> list[tuple[str, str]]:
    """The distinct (name, code) pairs of two columns of a table, sorted by name.

    >>> import pandas as pd
    >>> pairs(pd.DataFrame({"host": ["Lebanon", "Jordan", "Lebanon"], "iso3": ["LBN", "JOR", "LBN"]}), "host", "iso3")
    [('Jordan', 'JOR'), ('Lebanon', 'LBN')]
    """
    name = checks.text(name, "name", what="a column name")
    code = checks.text(code, "code", what="a column name")
    rows = checks.table(table, (name, code), name="table")[[name, code]].drop_duplicates()
    return sorted(zip(rows[name].astype(str), rows[code].astype(str)))


def resolve(value: object, known: Iterable[tuple[str, str]], what: str, *,
            aliases: Mapping[str, str] | None = ALIASES, example: tuple[str, str] | None = None,
            name: str | None = None) -> tuple[str, str]:
    """The (name, code) among ``known`` that ``value`` names: a name or a code in any case, or an alias.

    ``aliases`` maps other spellings (folded) to codes. An unknown value raises
    :class:`~r2pkit.errors.UnknownNameError` with the closest name or code.

    >>> resolve("uk", [("United Kingdom", "GBR")], "a country")
    ('United Kingdom', 'GBR')
    >>> resolve("Lebanom", [("Lebanon", "LBN"), ("Jordan", "JOR")], "a host country")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: 'Lebanom' is not a host country. Did you mean 'Lebanon'? Choose one of: Jordan, Lebanon.
    >>> resolve(7, [("Lebanon", "LBN")], "a host country", name="host")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: host=7 is not a host country. Name it by its name or ISO3 code, e.g. 'Lebanon' or 'LBN'.
    """
    pairs_given = known
    try:
        known = [(str(n), str(c)) for n, c in known]
    except (TypeError, ValueError):
        raise WrongTypeError(value=pairs_given, name="known", expected="a list of (name, code) pairs",
                             allowed="Give e.g. [('Lebanon', 'LBN'), ('Jordan', 'JOR')].") from None
    if not (isinstance(example, tuple) and len(example) == 2):
        example = known[0] if known else ("Lebanon", "LBN")
    by_example = f"Name it by its name or ISO3 code, e.g. '{example[0]}' or '{example[1]}'."
    if not isinstance(value, str) or not value.strip():
        raise UnknownNameError(value=value, expected=what, name=name, allowed=by_example)
    for n, c in known:  # typed exactly as in the data (a widget's menu): no need to fold every name
        if value == n or value == c:
            return n, c
    key = fold(value)
    by_key: dict[str, tuple[str, str]] = {}
    for n, c in known:
        by_key.setdefault(fold(c), (n, c))
        by_key.setdefault(fold(n), (n, c))
    if key in by_key:
        return by_key[key]
    codes = {c: (n, c) for n, c in known}
    folded_aliases = {fold(k): v for k, v in (aliases or {}).items()}
    if folded_aliases.get(key) in codes:
        return codes[folded_aliases[key]]
    labels = {n: n for n, _ in known} | {c: f"{c} ({n})" for n, c in known}
    original = {fold(x): x for x in labels}
    hint = closest(key, list(original))
    suggestion = labels[original[hint[0]]] if hint else None
    names = sorted(n for n, _ in known)
    allowed = f"Choose one of: {listing(names)}." if len(names) <= 30 else (
        f"Use a name as in the data or an ISO3 code, e.g. '{example[0]}' or '{example[1]}'.")
    raise UnknownNameError(value=value, expected=what, name=name, allowed=allowed, suggestion=suggestion)
