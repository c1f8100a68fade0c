"""Claims as tested library code: what the kit's sources say, checked against the data.

The notebooks test the sources' claims against the datasets: Hakimi's that China and Russia
vetoed the Syria drafts she cites (Part IV.B.3, p. 274 & n. 156) and 'were consistently among
a handful of states' voting against (pp. 274–75 & n. 161); the resettlement article's 'almost
5 million' ('The Syrian Context', fn 13) and '80% … in Lebanon, Turkey, Jordan and Iraq … in
Lebanon where 25% of the population is a refugee' ('The Responsibility to Resettle Syrian
Refugees'). Two layers do it here, for any crisis record (:mod:`r2pkit.crisis`):

- **the checks**: pure functions that compute what a claim turns on (:func:`vetoes_before`,
  :func:`consistently`, :func:`core`, :func:`handful`, :func:`almost`, :func:`share_by_year`,
  :func:`population_share`); the notebooks call them and write their sentences from them;
- **the claims as data**: each claim is a record in ``datasets/claims/<crisis>.yaml`` (id,
  quote, source, the check and its arguments, the verdict expected), and :func:`check` gives
  its :class:`Verdict` (``holds``, ``holds in part``, ``does not hold``) with the finding in a
  sentence. A small pytest collector (:mod:`r2pkit.claims_pytest`) runs every claim file as a
  test, as the duty cases are run: if the data change, a claim whose verdict changes fails
  with the reason, rather than a notebook sentence silently changing.

The idea is OpenFisca's (test cases as named input → output data) and Catala's (the source's
words kept next to the code that tests them).

>>> from r2pkit.crisis import SYRIA
>>> [c.id for c in load(SYRIA)][:2]
['hakimi-vetoes-n156', 'hakimi-consistently']
>>> check(claim("hakimi-consistently")).verdict
'holds in part'
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from . import checks, displacement, paths, un_votes
from .crisis import Crisis, resolve
from .errors import R2PKitError

__all__ = ["VERDICTS", "VetoCutoff", "Consistency", "Handful", "PopulationShare", "vetoes_before", "consistently",
           "core", "handful", "almost", "share_by_year", "years_above", "population_share", "Claim", "Verdict",
           "ClaimError", "CHECKS", "MAX_PEOPLE", "folder", "load_file", "load", "claim", "check", "table"]

#: The largest number of people a claim can be about: more than the world's population is surely a typing slip.
MAX_PEOPLE = 10_000_000_000
#: The verdicts a claim can get.
VERDICTS = ("holds", "holds in part", "does not hold")


class ClaimError(R2PKitError, ValueError):
    """A claim file or a claim that cannot be checked, and why."""


# ============================================================== the checks (pure)
class VetoCutoff(NamedTuple):
    """The vetoed drafts before and after a date, and whether they are the ones a source cites."""

    before: pd.DataFrame
    after: pd.DataFrame
    joint: int               # drafts before the date vetoed by all of ``together``
    cited_are_before: bool   # the cited drafts are exactly the drafts before the date
    cited_are_joint: bool    # the cited drafts are exactly the joint vetoes before the date


def vetoes_before(vetoes: pd.DataFrame | Crisis, cutoff: str, cited: Iterable[str] = (),
                  together: Iterable[str] = ("China", "Russia")) -> VetoCutoff:
    """Split the vetoed drafts at ``cutoff`` (YYYY-MM-DD) and compare those before it with ``cited``.

    Used to check that the drafts a source cites are the vetoes it could have seen (Hakimi
    wrote before 10 March 2014 and cites three in n. 156).

    >>> v = pd.DataFrame({"date": ["2011-10-04", "2012-02-04", "2016-10-08"], "draft": ["S/1", "S/2", "S/3"],
    ...                   "vetoed_by": ["China;Russia", "China;Russia", "Russia"], "year": [2011, 2012, 2016]})
    >>> r = vetoes_before(v, "2014-03-10", ["S/1", "S/2"])
    >>> list(r.before["draft"]), r.joint, r.cited_are_before, r.cited_are_joint
    (['S/1', 'S/2'], 2, True, True)
    """
    if isinstance(vetoes, Crisis):
        vetoes = vetoes.table("vetoes")
    checks.table(vetoes, ("date", "draft", "vetoed_by"), "unsc_syria_vetoes", name="vetoes", types={"date": "date"})
    when = _date(cutoff, "cutoff")
    dates = pd.to_datetime(vetoes["date"])
    before, after = vetoes[dates < when], vetoes[dates >= when]
    members = list(checks.one_or_more(together, lambda m: checks.text(m, "together"), "together",
                                      what="one or more permanent members", example="['China', 'Russia']"))
    joint = pd.Series(True, index=before.index)
    for m in members:
        joint &= before["vetoed_by"].astype(str).str.split(";").apply(lambda names, m=m: m in names)
    empty = isinstance(cited, (list, tuple, set)) and not cited  # none cited: nothing to compare
    cited = set() if empty else set(checks.one_or_more(cited, lambda s: checks.text(s, "cited"), "cited",
                                                       what="draft symbols", example="['S/2011/612']"))
    return VetoCutoff(before, after, int(joint.sum()), cited == set(before["draft"]),
                      cited == set(before.loc[joint, "draft"]))


class Consistency(NamedTuple):
    """Did ``members`` cast a vote on every resolution, and since when (see :func:`consistently`)."""

    table: pd.DataFrame      # un_votes.consistency(...)
    first: pd.Series         # the first resolution's row
    since: pd.Series | None  # the first row from which it holds to the end, or None
    n_since: int             # how many resolutions from ``since`` on
    from_first: bool         # it holds from the first resolution


def consistently(votes: pd.DataFrame | Crisis, members: Iterable[str] | None = None, vote: str = "no") -> Consistency:
    """Test 'consistently voted ``vote``': one row per resolution, and from when it holds to the end.

    With a crisis, ``members`` defaults to its focus members (Russia and China).

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2"], "date": ["2011-12-19", "2012-02-16"] * 2,
    ...                   "country": ["Russia", "Russia", "China", "China"], "iso3": ["RUS", "RUS", "CHN", "CHN"],
    ...                   "vote": ["abstain", "no", "abstain", "no"]})
    >>> c = consistently(v, ["Russia", "China"])
    >>> c.first["resolution"], c.since["resolution"], c.n_since, c.from_first
    ('R1', 'R2', 1, False)
    """
    table = un_votes.consistency(votes, members, vote=vote)
    since = un_votes.consistent_since(table)
    n_since = int((table["date"] >= since["date"]).sum()) if since is not None else 0
    first = table.iloc[0]
    return Consistency(table, first, since, n_since, since is not None and since["resolution"] == first["resolution"])


def core(votes: pd.DataFrame | Crisis, start: object = None, until: object = None, vote: str = "no") -> list[str]:
    """The members who cast ``vote`` on every resolution dated from ``start`` up to (not including) ``until``.

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2"], "date": ["2012-02-16", "2012-12-20"] * 2,
    ...                   "country": ["Cuba", "Cuba", "Peru", "Peru"], "iso3": ["CUB", "CUB", "PER", "PER"],
    ...                   "vote": ["no", "no", "no", "yes"]})
    >>> core(v)
    ['Cuba']
    """
    votes = _period(votes, start, until)
    chosen = votes["vote"] == checks.choice(vote, un_votes.VOTES, "a vote in the data", name="vote")
    every = chosen.groupby(votes["country"]).all()
    return sorted(str(c) for c in every[every].index)


class Handful(NamedTuple):
    """How many members cast a vote on each resolution, before a date and overall (see :func:`handful`)."""

    members: int
    low: int        # fewest on a resolution before ``until``
    high: int       # most on a resolution before ``until``
    low_all: int    # fewest on any resolution
    high_all: int   # most on any resolution
    resolutions: int
    last_year: int


def handful(votes: pd.DataFrame | Crisis, until: object = None, vote: str = "no") -> Handful:
    """How many of the members cast ``vote`` on each resolution: the test of 'among a handful of states'.

    >>> v = pd.DataFrame({"resolution": ["R1", "R1", "R2", "R2"], "date": ["2011-12-19"] * 2 + ["2016-02-16"] * 2,
    ...                   "country": ["Cuba", "Peru", "Cuba", "Peru"], "iso3": ["CUB", "PER", "CUB", "PER"],
    ...                   "vote": ["no", "yes", "no", "no"]})
    >>> handful(v, until="2014-03-10")
    Handful(members=2, low=1, high=1, low_all=1, high_all=2, resolutions=2, last_year=2016)
    """
    votes = _table(votes, "votes")
    checks.table(votes, ("resolution", "date", "country", "vote"), "unga_syria_votes", name="votes", empty=False)
    per = un_votes.no_votes(votes, vote=vote)
    per = per.assign(date=pd.to_datetime(per["date"]))
    early = per if until is None else per[per["date"] < _date(until, "until")]
    if early.empty:
        raise ClaimError(f"No resolution in the votes is dated before until={checks.shown(until)}: "
                         "choose a later date, or leave it out.")
    return Handful(int(votes["country"].nunique()), int(early["count"].min()), int(early["count"].max()),
                   int(per["count"].min()), int(per["count"].max()), len(per), int(per["date"].max().year))


def almost(n: float, target: float, margin: float = 0.1) -> bool:
    """The kit's reading of 'almost ``target``': at least (1 − ``margin``) × target, but under it.

    >>> almost(4_873_236, 5_000_000), almost(5_524_377, 5_000_000), almost(4_400_000, 5_000_000)
    (True, False, False)
    """
    n = checks.whole_number(n, "n", lo=0, hi=MAX_PEOPLE, what="a number of people")
    target = checks.whole_number(target, "target", lo=1, hi=MAX_PEOPLE, what="a number of people")
    margin = checks.number(margin, "margin", lo=0, hi=1)
    return target * (1 - margin) <= n < target


def share_by_year(refugees: pd.DataFrame | Crisis, hosts: Iterable[str]) -> pd.DataFrame:
    """The share of all the refugees that ``hosts`` held, year by year: year, refugees, world, share.

    >>> t = pd.DataFrame({"year": [2015] * 3 + [2016] * 3, "host": ["A", "B", "World"] * 2,
    ...                   "host_iso3": ["AAA", "BBB", "WLD"] * 2, "refugees": [30, 50, 100, 30, 20, 100]})
    >>> share_by_year(t, ["A", "B"])
       year  refugees  world  share
    0  2015        80    100    0.8
    1  2016        50    100    0.5
    """
    if not isinstance(refugees, Crisis):
        checks.table(refugees, ("year",), "syria_refugees_by_host", name="refugees", empty=False)
    rows = [displacement.share_of_hosts(refugees, year, hosts) for year in displacement.years(refugees)]
    return pd.DataFrame(rows)[["year", "refugees", "world", "share"]]


def years_above(shares: pd.DataFrame, threshold: float) -> tuple[list[int], bool, int | None]:
    """(the years whose share is above ``threshold``, whether they run without a gap, the first later year below).

    >>> years_above(pd.DataFrame({"year": [2011, 2012, 2013, 2014], "share": [0.5, 0.9, 0.85, 0.7]}), 0.8)
    ([2012, 2013], True, 2014)
    """
    checks.table(shares, ("year", "share"), name="shares", types={"year": "whole", "share": "number"})
    at = shares.set_index("year")["share"]
    above = at[at > checks.number(threshold, "threshold", lo=0, hi=1)]
    if above.empty:
        return [], False, None
    every = len(above) == above.index.max() - above.index.min() + 1
    later = at[(at <= threshold) & (at.index > above.index.max())]
    return [int(y) for y in above.index], bool(every), int(later.index.min()) if len(later) else None


class PopulationShare(NamedTuple):
    """A host's refugees as a share of its population (see :func:`population_share`)."""

    table: pd.DataFrame   # by year: refugees, population, per_1000, pct_of_population
    pct: float            # per cent of the population in ``year``
    peak_year: int
    peak_pct: float
    baseline_year: int    # the first year of the World Bank table
    baseline_population: int
    needed: float         # refugees needed for ``threshold`` of the population in ``year``


def population_share(refugees: pd.DataFrame | Crisis, indicators: pd.DataFrame | None, host: str, year: int,
                     threshold: float = 0.25) -> PopulationShare:
    """Test 'in ``host`` ``threshold`` of the population is a refugee' for ``year``, and at its peak.

    >>> from r2pkit.crisis import SYRIA
    >>> s = population_share(SYRIA, None, "Lebanon", 2016)
    >>> round(s.pct, 1), s.peak_year, round(s.peak_pct, 1)
    (15.9, 2014, 18.1)
    """
    refugees, indicators = displacement._tables(refugees, indicators)
    threshold = checks.number(threshold, "threshold", lo=0, hi=1)
    table = displacement.host_pressure(refugees, indicators, hosts=host).set_index("year")
    year = checks.year(year, [int(y) for y in table.index[table["pct_of_population"].notna()]], "year",
                       what="a year with refugees and population figures for the host")
    peak = int(table["pct_of_population"].idxmax())
    iso3 = str(table["host_iso3"].iloc[0])
    own = indicators[(indicators["iso3"] == iso3) & indicators["population"].notna()]
    base = own.loc[own["year"].idxmin()]
    return PopulationShare(table, float(table.loc[year, "pct_of_population"]), peak,
                           float(table.loc[peak, "pct_of_population"]), int(base["year"]), int(base["population"]),
                           float(threshold * table.loc[year, "population"]))


def _date(value: object, name: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(checks.text(value, name, what="a date written YYYY-MM-DD"))
    except (ValueError, TypeError):
        raise ClaimError(f"{name}={checks.shown(value)} is not a date written YYYY-MM-DD, e.g. '2014-03-10'.") from None


def _table(table: object, role: str) -> pd.DataFrame:
    return table.table(role) if isinstance(table, Crisis) else table


def _period(votes: object, start: object, until: object) -> pd.DataFrame:
    votes = _table(votes, "votes")
    checks.table(votes, ("resolution", "date", "country", "vote"), "unga_syria_votes", name="votes",
                 types={"date": "date"})
    dates = pd.to_datetime(votes["date"])
    keep = pd.Series(True, index=votes.index)
    if start is not None:
        keep &= dates >= _date(str(start)[:10], "start")
    if until is not None:
        keep &= dates < _date(str(until)[:10], "until")
    return votes[keep]


# ============================================================== claims as data
@dataclass(frozen=True)
class Claim:
    """One claim of a source, as a claim file states it."""

    id: str
    crisis: Crisis
    quote: str
    source: str
    check: str
    args: dict[str, Any] = field(hash=False, compare=False)
    expected: str = "holds"
    note: str = ""


class Verdict(NamedTuple):
    """What the data say of a claim."""

    id: str
    verdict: str     # one of VERDICTS
    finding: str     # the reason, in a sentence


def _veto_claim(c: Crisis, cutoff: str, cited: list[str], together: list[str]) -> tuple[str, str]:
    r = vetoes_before(c, cutoff, cited, together)
    who = " and ".join(together)
    if r.cited_are_joint and r.joint == len(r.before):
        return "holds", (f"Vetoed before {cutoff}: {', '.join(r.before['draft'])}, exactly the drafts cited, "
                         f"all vetoed by {who} together ({len(r.after)} more vetoes later).")
    if r.joint:
        return "holds in part", (f"{r.joint} of the {len(r.before)} drafts vetoed before {cutoff} were vetoed by "
                                 f"{who} together; they are {'' if r.cited_are_joint else 'not '}the ones cited.")
    return "does not hold", f"No draft vetoed before {cutoff} was vetoed by {who} together."


def _consistency_claim(c: Crisis, vote: str = "no", members: list[str] | None = None) -> tuple[str, str]:
    r = consistently(c, members, vote)
    who = " and ".join(r.table.columns[2:-1])
    if r.from_first:
        return "holds", f"{who} voted {vote} on all {len(r.table)} resolutions with member votes."
    if r.since is not None:
        return "holds in part", (f"Not on the first ({r.first['resolution']}); from {r.since['resolution']} "
                                 f"({r.since['date']:%B %Y}) on, {who} voted {vote} on all {r.n_since}.")
    return "does not hold", f"{who} did not all vote {vote} on the last resolution."


def _handful_claim(c: Crisis, until: str | None = None, at_most: float = 0.1) -> tuple[str, str]:
    r = handful(c, until)
    small = r.high_all <= at_most * r.members
    return ("holds" if small else "does not hold",
            f"{r.low_all}–{r.high_all} of {r.members} members voted no on each of {r.resolutions} resolutions "
            f"({'at most' if small else 'more than'} {at_most:.0%} of the members).")


def _almost_claim(c: Crisis, target: float, year: int, hosts: list[str] | None = None,
                  margin: float = 0.1) -> tuple[str, str]:
    world = displacement.world_totals(c).set_index("year")["refugees"]
    counts = {f"the world total at the end of {year - 1}": int(world[year - 1]),
              f"the world total at the end of {year}": int(world[year])}
    if hosts:
        counts[f"the named hosts' total at the end of {year}"] = displacement.share_of_hosts(c, year, hosts).refugees
    fit = [k for k, n in counts.items() if almost(n, target, margin)]
    shown = "; ".join(f"{k}: {n:,}" for k, n in counts.items())
    verdict = "holds" if len(fit) == len(counts) else "holds in part" if fit else "does not hold"
    return verdict, f"{shown}. Within {margin:.0%} below {target:,.0f}: {' and '.join(fit) or 'none'}."


def _share_claim(c: Crisis, hosts: list[str], year: int, at_least: float) -> tuple[str, str]:
    shares = share_by_year(c, hosts).set_index("year")["share"]
    share = float(shares[year])
    return ("holds" if share >= at_least else "does not hold",
            f"{', '.join(hosts)} held {share:.1%} of all {c.refugees} at the end of {year} "
            f"({'at least' if share >= at_least else 'under'} {at_least:.0%}).")


def _population_claim(c: Crisis, host: str, year: int, threshold: float) -> tuple[str, str]:
    r = population_share(c, None, host, year, threshold)
    reached = r.peak_pct >= 100 * threshold
    return ("holds" if r.pct >= 100 * threshold else "holds in part" if reached else "does not hold",
            f"{c.refugees[:1].upper() + c.refugees[1:]} were {r.pct:.1f}% of {host}'s population at the end of "
            f"{year}, at most {r.peak_pct:.1f}% ({r.peak_year}).")


def _figure_claim(c: Crisis, year: int, refugees: int, host: str | None = None,
                  rounded_to: int | None = None) -> tuple[str, str]:
    if host is None:
        got = int(displacement.world_totals(c).set_index("year")["refugees"][year])
        where = "in all countries of asylum"
    else:
        got = displacement.share_of_hosts(c, year, [host]).refugees
        where = f"in {host}"
    same = got == refugees if rounded_to is None else round(got / rounded_to) == round(refugees / rounded_to)
    return ("holds" if same else "does not hold",
            f"UNHCR's data give {got:,} {c.refugees} {where} at the end of {year}"
            + (f" ({got / rounded_to:,.0f} × {rounded_to:,})." if rounded_to else "."))


#: The checks a claim file can name, with the arguments each takes (besides the crisis).
CHECKS: dict[str, Callable[..., tuple[str, str]]] = {
    "vetoes_before": _veto_claim,
    "consistently": _consistency_claim,
    "handful": _handful_claim,
    "almost": _almost_claim,
    "share_of_hosts": _share_claim,
    "population_share": _population_claim,
    "refugees": _figure_claim,
}

_KEYS = {"id", "quote", "source", "check", "args", "expected", "note"}


def folder() -> Path:
    """The folder of the claim files: ``claims/`` in the data package folder."""
    own = paths.datasets() / "claims"
    return own if own.is_dir() else paths.KIT_ROOT / "datasets" / "claims"


def load_file(path: str | Path) -> list[Claim]:
    """The claims of one claim file (YAML: ``crisis`` and a list of ``claims``); any problem names the file."""
    import yaml

    path = checks.path(path, "path", kind="file", what="a claim file (YAML)")
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ClaimError(f"{path.name} is not valid YAML: {str(exc).splitlines()[0]}") from None
    try:
        return _parse(content)
    except R2PKitError as exc:
        raise ClaimError(f"{path.name}: {exc}") from None


def _parse(content: object) -> list[Claim]:
    if not isinstance(content, dict) or not isinstance(content.get("claims"), list):
        raise ClaimError("A claim file has a 'crisis' and a list of 'claims'.")
    record = resolve(content.get("crisis"))
    found = []
    for item in content["claims"]:
        if not isinstance(item, dict):
            raise ClaimError(f"Each claim is a mapping of {', '.join(sorted(_KEYS))}; found {checks.shown(item)}.")
        for key in item:
            checks.choice(key, sorted(_KEYS), "a key of a claim", name="key", fold=None)
        cid = checks.text(item.get("id"), "id", what="the claim's id")
        name = checks.choice(item.get("check"), CHECKS, "a check the kit knows", name=f"{cid}: check", fold=None)
        args = item.get("args") or {}
        if not isinstance(args, dict):
            raise ClaimError(f"{cid}: args must map argument names to values.")
        expected = checks.choice(item.get("expected", "holds"), VERDICTS, "a verdict", name=f"{cid}: expected")
        found.append(Claim(cid, record, checks.text(item.get("quote"), "quote", what=f"{cid}'s quotation"),
                           checks.text(item.get("source"), "source", what=f"{cid}'s source"), name, dict(args),
                           expected, str(item.get("note") or "")))
    ids = [c.id for c in found]
    if len(set(ids)) != len(ids):
        raise ClaimError(f"an id is used twice: {sorted({i for i in ids if ids.count(i) > 1})}.")
    return found


def load(crisis: Crisis | str) -> list[Claim]:
    """The claims the kit tests for ``crisis`` (``datasets/claims/<id>.yaml``), in file order.

    >>> [c.check for c in load("myanmar")]
    ['vetoes_before', 'consistently', 'refugees', 'refugees']
    """
    record = resolve(crisis)
    path = folder() / f"{record.id}.yaml"
    return load_file(path) if path.is_file() else []


def claim(cid: str) -> Claim:
    """The claim with id ``cid``, from any claim file.

    >>> claim("lebanon-25-percent").source
    "Resettlement article, 'The Responsibility to Resettle Syrian Refugees' (after fn 66)"
    """
    every = {c.id: c for p in sorted(folder().glob("*.yaml")) for c in load_file(p)}
    return every[checks.choice(cid, sorted(every), "a claim the kit tests", name="claim", fold=None)]


def check(claim: Claim | str) -> Verdict:
    """What the data say of ``claim`` (a :class:`Claim` or its id).

    >>> check("almost-5-million").verdict
    'holds in part'
    """
    c = claim if isinstance(claim, Claim) else globals()["claim"](claim)
    try:
        verdict, finding = CHECKS[c.check](c.crisis, **c.args)
    except TypeError as exc:  # an argument the check does not take, or one missing
        raise ClaimError(f"{c.id}: the arguments do not fit the check '{c.check}': {exc}") from None
    return Verdict(c.id, verdict, finding)


def table(claims: Iterable[Claim | str] | Crisis | str) -> pd.DataFrame:
    """One row per claim: id, quote, source, verdict, expected, finding.

    >>> table("myanmar")["verdict"].tolist()
    ['holds', 'holds', 'holds', 'holds']
    """
    if isinstance(claims, (Crisis, str)):  # a crisis, or its name: all its claims
        claims = load(claims)
    elif not isinstance(claims, (list, tuple)) or not claims:
        raise ClaimError(f"claims={checks.shown(claims)} is not a crisis or a list of claims. "
                         "Give a crisis (e.g. 'syria') or claim ids (e.g. ['hakimi-consistently']).")
    rows = []
    for c in claims:
        c = c if isinstance(c, Claim) else claim(c)
        v = check(c)
        rows.append({"id": c.id, "quote": c.quote, "source": c.source, "verdict": v.verdict,
                     "expected": c.expected, "finding": v.finding})
    return pd.DataFrame(rows, columns=["id", "quote", "source", "verdict", "expected", "finding"])

