"""A crisis is data, not code: the record that tells the kit's models which crisis they study.

R2P is taught by comparing cases, and the kit's method (Security Council vetoes, General
Assembly votes, displacement by host, host pressure, fair resettlement shares) applies to
any of them. A :class:`Crisis` holds what those models need to know about one case: its
name and the words for its people ('Syrians', 'people from Myanmar'), the country of
origin's codes (ISO3 for the World Bank and the Voeten data, UNHCR's own code, which is not
always the ISO code: Myanmar is UNHCR ``MYA``), the period studied, the Council's agenda item
and the vetoed drafts, the Assembly resolutions, the kit's datasets for the case and the
passages of the sources that concern it.

Each record is a small YAML file in ``datasets/crises/`` (``syria.yaml``, ``myanmar.yaml``),
read and checked here with :mod:`r2pkit.checks`; a new crisis is a new file plus its
datasets (see CONTRIBUTING.md). The idea follows OpenFisca's country template: one model,
many countries, each country's parameters kept as data beside their sources.

>>> SYRIA.name, SYRIA.origin_iso3, SYRIA.demonym
('Syria', 'SYR', 'Syrians')
>>> MYANMAR.origin_iso3, MYANMAR.origin_unhcr, MYANMAR.period
('MMR', 'MYA', (2007, 2025))
>>> load("Myanmar") is MYANMAR
True
>>> load("Burma")
Traceback (most recent call last):
...
r2pkit.errors.UnknownNameError: crisis='Burma' is not a crisis the kit has a record of. Did you mean 'myanmar'? Choose one of: myanmar, syria.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import checks, paths
from .errors import R2PKitError, UnknownNameError

__all__ = ["Crisis", "CrisisError", "ROLES", "folder", "names", "load", "from_file", "resolve", "of_table", "SYRIA",
           "MYANMAR"]

#: The datasets a crisis record names, by the role each plays in the models.
ROLES = {
    "vetoes": "Security Council drafts vetoed (one row per draft; vetoed_by)",
    "resolutions": "General Assembly resolutions (one row per resolution, with tallies)",
    "votes": "each member's vote on each General Assembly resolution",
    "refugees_by_host": "UNHCR refugees from the country of origin, by country of asylum and year",
    "resettlement_arrivals": "UNHCR resettlement arrivals from the country of origin, by state and year",
    "indicators": "World Bank population and GDP of the host and resettlement states",
}
_KEYS = {"id", "name", "title", "origin", "demonym", "refugees", "period", "council", "assembly",
         "focus_members", "main_hosts", "compare_years", "datasets", "citations"}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORIGIN = re.compile(r"\borigin ([A-Z]{3})\b")


class CrisisError(R2PKitError, ValueError):
    """A crisis record (a YAML file in ``datasets/crises/``) that cannot be used, and why."""


@dataclass(frozen=True)
class Crisis:
    """One crisis, as the models read it (see the module docstring).

    ``demonym`` is the plural noun for the people of the country of origin as a sentence
    uses it ('Syrians', 'people from Myanmar'); ``refugees`` the phrase for its refugees
    ('Syrian refugees', 'refugees from Myanmar'). ``datasets`` maps each of :data:`ROLES`
    to a dataset of the kit; :meth:`table` loads it.
    """

    id: str
    name: str
    title: str
    origin_name: str
    origin_iso3: str
    origin_unhcr: str
    demonym: str
    refugees: str
    period: tuple[int, int]
    agenda_item: str
    vetoed_drafts: tuple[str, ...]
    resolutions: tuple[str, ...]
    focus_members: tuple[str, ...]
    datasets: dict[str, str] = field(hash=False, compare=False)
    citations: tuple[str, ...] = ()
    main_hosts: tuple[str, ...] = ()
    compare_years: tuple[int, int] | None = None
    path: Path | None = field(default=None, hash=False, compare=False, repr=False)

    def __repr__(self) -> str:
        return f"Crisis({self.id!r}: {self.title})"

    def table(self, role: str) -> pd.DataFrame:
        """The kit's dataset that plays ``role`` (one of :data:`ROLES`) for this crisis.

        >>> SYRIA.table("vetoes")["draft"].iloc[0]
        'S/2011/612'
        """
        from . import data

        role = checks.choice(role, ROLES, "a kind of dataset a crisis names", name="role")
        return data.load(self.datasets[role])


def folder() -> Path:
    """The folder of the crisis records: ``crises/`` in the data package folder."""
    own = paths.datasets() / "crises"
    return own if own.is_dir() else paths.KIT_ROOT / "datasets" / "crises"


def names() -> list[str]:
    """The ids of the crises the kit has a record of, in alphabetical order.

    >>> names()
    ['myanmar', 'syria']
    """
    where = folder()
    try:
        changed = where.stat().st_mtime_ns
    except OSError:
        changed = None
    return list(_names_in(str(where), changed))


@lru_cache(maxsize=8)
def _names_in(where: str, changed: int | None) -> tuple[str, ...]:
    # Keyed by the folder's modification time: a record added or removed is seen at once, and
    # the many calls of an explorer's change (every table's crisis is looked up) cost one stat.
    return tuple(sorted(p.stem for p in Path(where).glob("*.yaml")))


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    try:
        return checks.text(value, key, what=f"the {where}")
    except R2PKitError as exc:
        raise CrisisError(f"{key}: {exc}") from None


def _symbols(value: object, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CrisisError(f"{key} must be a list of document symbols (e.g. [S/2007/14]); it is {value!r:.60}.")
    if len(set(value)) != len(value):
        raise CrisisError(f"{key} lists a symbol twice.")
    return tuple(v.strip() for v in value)


def _years(value: object, key: str) -> tuple[int, int]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(y, int) and not isinstance(y, bool) for y in value) or value[0] > value[1]):
        raise CrisisError(f"{key} must be [first year, last year], e.g. [2011, 2025]; it is {value!r:.60}.")
    return value[0], value[1]


def parse(data: object, path: Path | None = None) -> Crisis:
    """A :class:`Crisis` from the contents of a record file (a mapping); any problem is a :class:`CrisisError`.

    >>> parse({"id": "x"})
    Traceback (most recent call last):
    ...
    r2pkit.crisis.CrisisError: origin.iso3 must be three capital letters (e.g. SYR); it is ''.
    """
    if not isinstance(data, dict):
        raise CrisisError("A crisis record is a mapping of keys (id, name, origin, …) to values.")
    for key in data:
        checks.choice(key, sorted(_KEYS), "a key of a crisis record", name="key", fold=None)
    cid = _text(data, "id", "crisis's id")
    if path is not None and cid != Path(path).stem:
        raise CrisisError(f"id {cid!r} must be the file's name without .yaml ({path.stem!r}).")
    origin = data.get("origin") if isinstance(data.get("origin"), dict) else {}
    codes = {}
    for key in ("iso3", "unhcr"):
        code = str(origin.get(key, ""))
        if not _ISO3.match(code):
            raise CrisisError(f"origin.{key} must be three capital letters (e.g. SYR); it is {code!r}.")
        codes[key] = code
    period = _years(data.get("period"), "period")
    compare = _years(data.get("compare_years"), "compare_years") if data.get("compare_years") is not None else None
    hosts = _symbols(data.get("main_hosts"), "main_hosts")
    if not all(_ISO3.match(h) for h in hosts):
        raise CrisisError(f"main_hosts must be ISO3 codes (e.g. [TUR, LBN]); it is {list(hosts)!r:.60}.")
    council = data.get("council") or {}
    assembly = data.get("assembly") or {}
    sets = data.get("datasets")
    if not isinstance(sets, dict):
        raise CrisisError("datasets must map each role (" + ", ".join(ROLES) + ") to a dataset of the kit.")
    for role in sets:
        checks.choice(role, ROLES, "a kind of dataset a crisis names", name="datasets")
    missing = [r for r in ROLES if not isinstance(sets.get(r), str)]
    if missing:
        raise CrisisError(f"datasets names no dataset for: {', '.join(missing)}.")
    return Crisis(
        id=cid, name=_text(data, "name", "crisis's name"), title=_text(data, "title", "crisis's title"),
        origin_name=_text(origin, "name", "country of origin's name"),
        origin_iso3=codes["iso3"], origin_unhcr=codes["unhcr"],
        demonym=_text(data, "demonym", "word for the people of the country of origin"),
        refugees=_text(data, "refugees", "phrase for the refugees"),
        period=period,
        agenda_item=_text(council, "agenda_item", "Council's agenda item"),
        vetoed_drafts=_symbols(council.get("vetoed_drafts"), "council.vetoed_drafts"),
        resolutions=_symbols(assembly.get("resolutions"), "assembly.resolutions"),
        focus_members=_symbols(data.get("focus_members"), "focus_members"),
        datasets=dict(sets), citations=_symbols(data.get("citations"), "citations"), main_hosts=hosts,
        compare_years=compare, path=path)


def from_file(path: str | Path) -> Crisis:
    """Read one crisis record (a YAML file); any problem is one message naming the file."""
    import yaml

    path = checks.path(path, "path", kind="file", what="a crisis record (a YAML file)")
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CrisisError(f"{path.name} is not valid YAML: {str(exc).splitlines()[0]}") from None
    try:
        return parse(content, path)
    except R2PKitError as exc:
        raise CrisisError(f"{path.name}: {exc}") from None


@lru_cache(maxsize=None)
def _load(cid: str, where: str) -> Crisis:
    return from_file(Path(where) / f"{cid}.yaml")


def load(name: str) -> Crisis:
    """The record of the crisis ``name`` (its id, or the country of origin's name or code), any case.

    >>> load("mmr").name
    'Myanmar'
    """
    if isinstance(name, Crisis):
        return name
    known = names()
    if isinstance(name, str) and name in known:  # a crisis's own id, as the kit's modules name it
        return _load(name, str(folder()))
    records = {c: _load(c, str(folder())) for c in known}
    aliases = {}
    for cid, rec in records.items():
        for alias in (rec.name, rec.origin_name, rec.origin_iso3, rec.origin_unhcr):
            aliases[alias] = cid
    cid = checks.choice(name, known, "a crisis the kit has a record of", name="crisis", aliases=aliases)
    return records[cid]


def resolve(crisis: object) -> Crisis:
    """``crisis`` as a :class:`Crisis`: a record, or the name of one (see :func:`load`).

    >>> resolve("syria") is SYRIA
    True
    >>> resolve(3)
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: crisis=3 is not a crisis the kit has a record of. Choose one of: myanmar, syria.
    """
    if isinstance(crisis, Crisis):
        return crisis
    if not isinstance(crisis, str):
        raise UnknownNameError(value=crisis, expected="a crisis the kit has a record of", name="crisis",
                               allowed=f"Choose one of: {', '.join(names())}.")
    return load(crisis)


def of_table(table: object) -> Crisis | None:
    """The crisis a table of the kit is about, or None if it does not say.

    The kit's refugee and resettlement tables name the origin in every row's ``source``
    ('… origin SYR, asylum LEB, 2015', with UNHCR's code); a table of vetoes or votes is a
    crisis's when all its drafts (``draft``) or resolutions (``resolution``) are in that
    crisis's record. A sentence or a chart of a bare table takes its words ('Syrians',
    'people from Myanmar', 'on Myanmar') from the crisis it finds.

    >>> of_table(pd.DataFrame({"source": ["UNHCR …; origin MYA, asylum BGD, 2018"]})) is MYANMAR
    True
    >>> of_table(pd.DataFrame({"draft": ["S/2007/14"]})) is MYANMAR
    True
    >>> of_table(pd.DataFrame({"source": ["s"]})) is None
    True
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        return None
    records = [_load(cid, str(folder())) for cid in names()]
    if "source" in table.columns:
        found = _ORIGIN.search(str(table["source"].iloc[0]))
        for rec in records if found else ():
            if rec.origin_unhcr == found.group(1):
                return rec
    for column, field_name in (("draft", "vetoed_drafts"), ("resolution", "resolutions")):
        if column in table.columns:
            symbols = set(table[column].astype(str))
            for rec in records:
                if symbols <= set(getattr(rec, field_name)):
                    return rec
    return None


#: The kit's two crises.
SYRIA = load("syria")
MYANMAR = load("myanmar")
