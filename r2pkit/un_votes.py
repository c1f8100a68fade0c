"""A crisis in the UN: vetoes in the Security Council, votes in the General Assembly.

Pure functions on the three UN datasets a crisis record names (:mod:`r2pkit.crisis`):

- ``vetoes`` (e.g. ``unsc_syria_vetoes``, ``unsc_myanmar_vetoes``) — one row per vetoed
  draft resolution, with the vetoing members in ``vetoed_by`` ("China;Russia");
- ``resolutions`` — one row per General Assembly resolution, with its tally;
- ``votes`` (e.g. ``unga_syria_votes``) — the vote of each member state on each of those
  resolutions in the Voeten data: ``yes``, ``no``, ``abstain`` or ``absent`` (no vote
  recorded: absent or not voting).

Every function takes the table, or a :class:`~r2pkit.crisis.Crisis` in its place (its table
is loaded): ``no_votes(crisis.MYANMAR)``. Where a function compares members with one or two
others, a crisis supplies its own (its ``focus_members``: for Syria, Russia and China, whom
Hakimi's claim concerns); with a bare table, say whom to compare with.

They test claims of the kit's sources: the resettlement article on the Security Council
('The Syrian Context', fnn 16–19) and Hakimi's claim that China and Russia 'were
consistently among a handful of states in the U.N. General Assembly … that voted against
resolutions condemning the Assad regime' (Hakimi, Part IV.B.3, pp. 274–75 & n. 161); and the
same questions for any other crisis. Countries can be named as in the data ("Russia",
"United Kingdom") or by ISO3 code ("RUS"), in any case; an unknown name gets a "did you mean …?".
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from . import checks, countries
from .crisis import Crisis
from .errors import TableError, WrongTypeError

__all__ = [
    "VOTES",
    "vetoes",
    "resolutions",
    "votes",
    "veto_summary",
    "find_member",
    "voting_record",
    "voting_records",
    "Agreement",
    "voting_agreement",
    "compare_records",
    "agreement_table",
    "agreement_sentence",
    "no_votes",
    "consistency",
    "consistent_since",
]

#: The votes a member can have on a resolution in a ``votes`` table.
VOTES = ("yes", "no", "abstain", "absent")

_VOTE_COLUMNS = ("resolution", "date", "country", "iso3", "vote")
_VOTES = "unga_syria_votes"  # the table's name in messages: the kit's first, as an example


def _votes(table: object, columns: tuple[str, ...] = _VOTE_COLUMNS) -> pd.DataFrame:
    return checks.table(table, columns, _VOTES, types={"date": "date"} if "date" in columns else None)


# ------------------------------------------------------------------ a crisis's tables
def _crisis(crisis: object) -> Crisis:
    from . import crisis as records

    return records.resolve(crisis)


def vetoes(crisis: Crisis | str) -> pd.DataFrame:
    """The Security Council drafts on ``crisis`` that a permanent member vetoed, oldest first.

    ``crisis`` is a record of :mod:`r2pkit.crisis` or its name.

    >>> vetoes("myanmar")[["date", "draft", "vetoed_by"]]
             date      draft     vetoed_by
    0  2007-01-12  S/2007/14  China;Russia
    """
    return _crisis(crisis).table("vetoes")


def resolutions(crisis: Crisis | str) -> pd.DataFrame:
    """The General Assembly resolutions on ``crisis``, with their tallies, oldest first.

    >>> resolutions("myanmar")[["resolution", "yes", "no", "abstain"]].head(2)
         resolution  yes  no  abstain
    0  A/RES/66/230   83  21       39
    1  A/RES/72/248  122  10       24
    """
    return _crisis(crisis).table("resolutions")


def votes(crisis: Crisis | str) -> pd.DataFrame:
    """Each member state's vote on each General Assembly resolution on ``crisis`` (Voeten data).

    >>> v = votes("myanmar")
    >>> v.loc[(v["resolution"] == "A/RES/72/248") & (v["country"] == "China"), "vote"].item()
    'no'
    """
    return _crisis(crisis).table("votes")


def _table_of(table: object, role: str) -> object:
    """A crisis passed in place of a table: its table for ``role``."""
    return _crisis(table).table(role) if isinstance(table, Crisis) else table


def _focus(table: object, given: object, name: str, one: bool) -> object:
    """Whom to compare with: ``given``, else the crisis's focus members, else a clear error."""
    if given is not None:
        return given
    if isinstance(table, Crisis) and table.focus_members:
        return table.focus_members[0] if one else list(table.focus_members)
    example = "'Russia'" if one else "['Russia', 'China']"
    raise WrongTypeError(value=None, expected="a member state to compare with" if one else "one or more member states",
                         name=name, allowed=f"Name {'it' if one else 'them'}, e.g. {name}={example} "
                                             "(a crisis record names its own).")


# ------------------------------------------------------------------ Security Council
def veto_summary(vetoes: pd.DataFrame | Crisis) -> pd.DataFrame:
    """Vetoes by year and permanent member: a tidy table (``vetoes``: a table, or a crisis).

    One row per year (every year from the first veto to the last, so that years without
    a veto show as 0) and per member that vetoed at least once. Columns: year, member,
    vetoes (how many drafts that member vetoed that year), drafts (their symbols).
    A draft vetoed by two members counts once for each.

    >>> v = pd.DataFrame({"year": [2011, 2013], "draft": ["S/1", "S/2"],
    ...                   "vetoed_by": ["China;Russia", "Russia"]})
    >>> veto_summary(v)
       year  member  vetoes drafts
    0  2011   China       1    S/1
    1  2011  Russia       1    S/1
    2  2012   China       0
    3  2012  Russia       0
    4  2013   China       0
    5  2013  Russia       1    S/2
    """
    vetoes = _table_of(vetoes, "vetoes")
    checks.table(vetoes, ("year", "draft", "vetoed_by"), "unsc_syria_vetoes", types={"year": "whole"})
    if vetoes.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "member": pd.Series(dtype="object"),
                             "vetoes": pd.Series(dtype="int64"), "drafts": pd.Series(dtype="object")})
    long = vetoes[["year", "draft", "vetoed_by"]].copy()
    long["member"] = long["vetoed_by"].astype(str).str.split(";")
    long = long.explode("member")
    long["member"] = long["member"].str.strip()
    long["year"] = long["year"].astype(int)
    grouped = long.groupby(["year", "member"]).agg(vetoes=("draft", "size"),
                                                   drafts=("draft", lambda s: ", ".join(s.astype(str))))
    years = range(int(long["year"].min()), int(long["year"].max()) + 1)
    members = sorted(long["member"].unique())
    full = pd.MultiIndex.from_product([years, members], names=["year", "member"])
    out = grouped.reindex(full).reset_index()
    out["vetoes"] = out["vetoes"].fillna(0).astype(int)
    out["drafts"] = out["drafts"].fillna("")
    return out


# ------------------------------------------------------------------ General Assembly
def find_member(votes: pd.DataFrame | Crisis, country: str) -> tuple[str, str]:
    """The (name, ISO3 code) of a member state in ``votes``, from its name or code, any case.

    >>> v = pd.DataFrame({"country": ["Russia", "China"], "iso3": ["RUS", "CHN"]})
    >>> find_member(v, "rus"), find_member(v, "china"), find_member(v, "Russian Federation")
    (('Russia', 'RUS'), ('China', 'CHN'), ('Russia', 'RUS'))
    >>> find_member(v, "Rusia")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: country='Rusia' is not a member state in the voting data. Did you mean 'Russia'? ...
    """
    return _find_member(_table_of(votes, "votes"), country, "country")


def _find_member(votes: pd.DataFrame, country: object, name: str) -> tuple[str, str]:
    if not isinstance(votes, pd.DataFrame) or not {"country", "iso3"} <= set(votes.columns):
        _votes(votes, ("country", "iso3"))
    if isinstance(country, str):  # a name exactly as in the data (a widget's menu): one comparison
        exact = np.flatnonzero(votes["country"].to_numpy(dtype=object, na_value="") == country)
        if len(exact):
            return country, str(votes["iso3"].iloc[exact[0]])
    return countries.resolve(country, countries.pairs(votes, "country", "iso3"), "a member state in the voting data",
                             example=("Russia", "RUS"), name=name)


def _with_year(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    out["year"] = pd.to_datetime(out["date"]).dt.year.astype(int)
    return out


def voting_record(votes: pd.DataFrame | Crisis, country: str) -> pd.DataFrame:
    """One member's vote on each General Assembly resolution in ``votes``, oldest first.

    ``country`` is a name as in the data ("Russia", "United Kingdom") or an ISO3 code
    ("RUS"), in any case. Columns: resolution, date, year, country, iso3, vote.

    >>> v = pd.DataFrame({"resolution": ["R/2", "R/1", "R/1"], "date": ["2012-02-16", "2011-12-19", "2011-12-19"],
    ...                   "country": ["China", "China", "Cuba"], "iso3": ["CHN", "CHN", "CUB"],
    ...                   "vote": ["no", "abstain", "no"]})
    >>> voting_record(v, "CHN")[["resolution", "year", "vote"]]
      resolution  year     vote
    0        R/1  2011  abstain
    1        R/2  2012       no
    """
    votes = _table_of(votes, "votes")
    _votes(votes)
    name, iso3 = find_member(votes, country)
    rows = votes[votes["iso3"] == iso3]
    rows = _with_year(rows).sort_values(["date", "resolution"])
    return rows[["resolution", "date", "year", "country", "iso3", "vote"]].reset_index(drop=True)


def voting_records(votes: pd.DataFrame | Crisis, countries: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """Several members' votes: each member's record in turn (in the order given, each once), oldest first.

    Columns as in :func:`voting_record`. One pass over the table, however many members.

    >>> v = pd.DataFrame({"resolution": ["R/1", "R/1", "R/2", "R/2"], "date": ["2011-12-19"] * 2 + ["2012-02-16"] * 2,
    ...                   "country": ["China", "Cuba"] * 2, "iso3": ["CHN", "CUB"] * 2,
    ...                   "vote": ["abstain", "no", "no", "no"]})
    >>> voting_records(v, ["cuba", "CHN", "Cuba"])[["country", "resolution", "vote"]]
      country resolution     vote
    0    Cuba        R/1       no
    1    Cuba        R/2       no
    2   China        R/1  abstain
    3   China        R/2       no
    """
    votes = _table_of(votes, "votes")
    _votes(votes)
    codes = list(dict.fromkeys(checks.one_or_more(countries, lambda c: _find_member(votes, c, "countries")[1],
                                                  "countries", what="one or more member states",
                                                  example="['Russia', 'China']")))
    rows = _with_year(votes[votes["iso3"].isin(codes)])
    rows["member_order"] = rows["iso3"].map({c: i for i, c in enumerate(codes)})
    rows = rows.sort_values(["member_order", "date", "resolution"])
    return rows[["resolution", "date", "year", "country", "iso3", "vote"]].reset_index(drop=True)


class Agreement(NamedTuple):
    """How often two members cast the same vote (see :func:`voting_agreement`)."""

    country: str
    other: str
    same: int
    compared: int
    share: float


def agreement_table(votes: pd.DataFrame | Crisis, with_: str | None = None) -> pd.DataFrame:
    """Every member's agreement with one member (``with_``), most alike first.

    The rule: a resolution counts only if **both** members cast a vote on it — yes, no or
    abstain; a resolution on which either is ``absent`` (no vote recorded) is left out.
    ``compared`` is how many resolutions count, ``same`` on how many of them the two
    cast the same vote, ``share`` = same ÷ compared (missing when nothing can be compared).
    Columns: country, iso3, same, compared, share. Ties are in alphabetical order.

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2", "R1", "R2"],
    ...                   "date": ["2011-12-19", "2012-02-16"] * 3,
    ...                   "country": ["Russia", "Russia", "Cuba", "Cuba", "Peru", "Peru"],
    ...                   "iso3": ["RUS", "RUS", "CUB", "CUB", "PER", "PER"],
    ...                   "vote": ["abstain", "no", "no", "no", "yes", "absent"]})
    >>> agreement_table(v, "Russia")
      country iso3  same  compared  share
    0  Russia  RUS     2         2    1.0
    1    Cuba  CUB     1         2    0.5
    2    Peru  PER     0         1    0.0
    """
    with_ = _focus(votes, with_, "with_", one=True)
    votes = _table_of(votes, "votes")
    _votes(votes)
    name, iso3 = _find_member(votes, with_, "with_")
    theirs = votes.loc[votes["iso3"] == iso3, ["resolution", "vote"]].rename(columns={"vote": "theirs"})
    merged = votes[["resolution", "country", "iso3", "vote"]].merge(theirs, on="resolution", how="left")
    cast = merged["vote"].isin(["yes", "no", "abstain"]) & merged["theirs"].isin(["yes", "no", "abstain"])
    merged["compared"] = cast.astype(int)
    merged["same"] = (cast & (merged["vote"] == merged["theirs"])).astype(int)
    out = merged.groupby(["country", "iso3"], as_index=False)[["same", "compared"]].sum()
    out["share"] = (out["same"] / out["compared"].where(out["compared"] > 0)).astype("float64")
    out["country"] = out["country"].astype(str)
    out["iso3"] = out["iso3"].astype(str)
    out = out.sort_values(["share", "compared", "country"], ascending=[False, False, True], na_position="last")
    return out[["country", "iso3", "same", "compared", "share"]].reset_index(drop=True)


def voting_agreement(votes: pd.DataFrame | Crisis, country: str, with_: str | None = None) -> Agreement:
    """How often ``country`` cast the same vote as ``with_`` on the resolutions in ``votes``.

    The rule: only resolutions on which **both** cast a vote (yes, no or abstain) count;
    where either is ``absent`` the resolution is left out. Returns an :class:`Agreement`
    with ``same`` (resolutions with the same vote), ``compared`` (resolutions on which
    both voted) and ``share`` = same ÷ compared (NaN if there is nothing to compare).

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2"], "date": ["2011-12-19", "2012-02-16"] * 2,
    ...                   "country": ["Russia", "Russia", "China", "China"], "iso3": ["RUS", "RUS", "CHN", "CHN"],
    ...                   "vote": ["abstain", "no", "abstain", "no"]})
    >>> voting_agreement(v, "china", "Russia")
    Agreement(country='China', other='Russia', same=2, compared=2, share=1.0)
    """
    with_ = _focus(votes, with_, "with_", one=True)
    votes = _table_of(votes, "votes")
    _votes(votes)
    name, iso3 = find_member(votes, country)
    other, other_iso3 = _find_member(votes, with_, "with_")
    # Only the two members' rows: the same rule as agreement_table, without every other member.
    mine = votes.loc[votes["iso3"] == iso3, ["resolution", "vote"]]
    theirs = votes.loc[votes["iso3"] == other_iso3, ["resolution", "vote"]].rename(columns={"vote": "theirs"})
    pair = mine.merge(theirs, on="resolution", how="left")
    cast = pair["vote"].isin(["yes", "no", "abstain"]) & pair["theirs"].isin(["yes", "no", "abstain"])
    compared = int(cast.sum())
    same = int((cast & (pair["vote"] == pair["theirs"])).sum())
    return Agreement(name, other, same, compared, same / compared if compared else float("nan"))


def compare_records(votes: pd.DataFrame | Crisis, country: str, with_: str | None = None) -> pd.DataFrame:
    """Two members' votes side by side, one row per resolution, oldest first.

    Columns: resolution, date, then each member's vote (the column is named after the
    member), then ``same``: "same" or "different" where both voted, "—" where either is
    absent (not counted in :func:`voting_agreement`).

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2"], "date": ["2011-12-19", "2012-02-16"] * 2,
    ...                   "country": ["Russia", "Russia", "Peru", "Peru"], "iso3": ["RUS", "RUS", "PER", "PER"],
    ...                   "vote": ["abstain", "no", "yes", "absent"]})
    >>> compare_records(v, "Peru", "Russia")
      resolution       date  Peru   Russia       same
    0         R1 2011-12-19   yes  abstain  different
    1         R2 2012-02-16  absent       no          —
    """
    with_ = _focus(votes, with_, "with_", one=True)
    votes = _table_of(votes, "votes")
    mine = voting_record(votes, country)
    theirs = voting_record(votes, with_)
    a, b = mine["country"].iloc[0], theirs["country"].iloc[0]
    if a == b:
        out = mine[["resolution", "date", "vote"]].rename(columns={"vote": a})
        out["same"] = "same"
        return out
    out = mine[["resolution", "date", "vote"]].rename(columns={"vote": a}).merge(
        theirs[["resolution", "vote"]].rename(columns={"vote": b}), on="resolution", how="outer")
    both = out[a].isin(["yes", "no", "abstain"]) & out[b].isin(["yes", "no", "abstain"])
    out["same"] = "—"
    out.loc[both & (out[a] == out[b]), "same"] = "same"
    out.loc[both & (out[a] != out[b]), "same"] = "different"
    return out.sort_values(["date", "resolution"]).reset_index(drop=True)


def agreement_sentence(votes: pd.DataFrame | Crisis, country: str, with_: str | None = None) -> str:
    """A plain sentence on how often ``country`` voted as ``with_`` did.

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2"], "date": ["2011-12-19", "2012-02-16"] * 2,
    ...                   "country": ["Russia", "Russia", "Cuba", "Cuba"], "iso3": ["RUS", "RUS", "CUB", "CUB"],
    ...                   "vote": ["abstain", "no", "no", "no"]})
    >>> agreement_sentence(v, "Cuba", "Russia")
    'Cuba cast the same vote as Russia on 1 of the 2 resolutions on which both voted (50%).'
    """
    with_ = _focus(votes, with_, "with_", one=True)
    a = voting_agreement(_table_of(votes, "votes"), country, with_)
    if a.country == a.other:
        return f"{a.country} is the member you compare with: pick another member state."
    if a.compared == 0:
        return f"{a.country} and {a.other} never both cast a vote on these resolutions: nothing to compare."
    return (f"{a.country} cast the same vote as {a.other} on {a.same} of the {a.compared} resolutions "
            f"on which both voted ({a.share:.0%}).")


def _check_vote(vote: object) -> str:
    return checks.choice(vote, VOTES, "a vote in the data", name="vote")


def no_votes(votes: pd.DataFrame | Crisis, by: str = "resolution", vote: str = "no") -> pd.DataFrame:
    """Who voted no (or another ``vote``): per resolution, or per year.

    ``by="resolution"``: one row per resolution, oldest first, with columns resolution,
    date, year, count (how many members cast that vote) and countries (their names,
    alphabetical). ``by="year"``: one row per year, with columns year, resolutions (how
    many that year), count (how many *different* members cast that vote at least once that
    year) and countries.

    >>> v = pd.DataFrame({"resolution": ["R1", "R1", "R2", "R2"], "date": ["2011-12-19"] * 2 + ["2012-02-16"] * 2,
    ...                   "country": ["Cuba", "Iran", "Cuba", "Iran"], "iso3": ["CUB", "IRN", "CUB", "IRN"],
    ...                   "vote": ["no", "abstain", "no", "no"]})
    >>> no_votes(v)[["resolution", "year", "count", "countries"]]
      resolution  year  count   countries
    0         R1  2011      1        Cuba
    1         R2  2012      2  Cuba, Iran
    >>> no_votes(v, by="month")
    Traceback (most recent call last):
    ...
    r2pkit.errors.UnknownNameError: by='month' is not a way to group the votes. Choose one of: resolution, year.
    """
    votes = _table_of(votes, "votes")
    _votes(votes)
    vote = _check_vote(vote)
    by = checks.choice(by, ("resolution", "year"), "a way to group the votes", name="by")
    table = _with_year(votes)
    chosen = table[table["vote"] == vote]

    def names(s: pd.Series) -> str:
        return ", ".join(sorted(set(s.astype(str))))

    if by == "resolution":
        base = table[["resolution", "date", "year"]].drop_duplicates()
        agg = chosen.groupby("resolution").agg(count=("country", "nunique"), countries=("country", names))
        out = base.merge(agg, on="resolution", how="left")
        out["count"] = out["count"].fillna(0).astype(int)
        out["countries"] = out["countries"].fillna("")
        return out.sort_values(["date", "resolution"]).reset_index(drop=True)
    base = table.groupby("year").agg(resolutions=("resolution", "nunique"))
    agg = chosen.groupby("year").agg(count=("country", "nunique"), countries=("country", names))
    out = base.join(agg).reset_index()
    out["count"] = out["count"].fillna(0).astype(int)
    out["countries"] = out["countries"].fillna("")
    return out


def consistency(votes: pd.DataFrame | Crisis, countries: tuple[str, ...] | list[str] | None = None,
                vote: str = "no") -> pd.DataFrame:
    """Did each of ``countries`` cast ``vote`` on each resolution? One row per resolution, oldest first.

    Columns: resolution, date, then one column per country holding its vote, then
    ``all`` — True when every one of them cast ``vote`` on that resolution. This is the
    test of a claim such as 'consistently … voted against': read down the ``all`` column.

    >>> v = pd.DataFrame({"resolution": ["R1", "R2", "R1", "R2"], "date": ["2011-12-19", "2012-02-16"] * 2,
    ...                   "country": ["Russia", "Russia", "China", "China"], "iso3": ["RUS", "RUS", "CHN", "CHN"],
    ...                   "vote": ["abstain", "no", "abstain", "no"]})
    >>> consistency(v, ["Russia", "China"])
      resolution       date   Russia    China    all
    0         R1 2011-12-19  abstain  abstain  False
    1         R2 2012-02-16       no       no   True
    """
    countries = _focus(votes, countries, "countries", one=False)
    votes = _table_of(votes, "votes")
    _votes(votes)
    vote = _check_vote(vote)
    members = checks.one_or_more(countries, lambda c: _find_member(votes, c, "countries"), "countries",
                                 what="a list of one or more member states", example="('Russia', 'China')")
    out = votes[["resolution", "date"]].drop_duplicates().copy()
    out["date"] = pd.to_datetime(out["date"])
    for name, iso3 in members:
        theirs = votes.loc[votes["iso3"] == iso3, ["resolution", "vote"]].rename(columns={"vote": name})
        out = out.merge(theirs, on="resolution", how="left")
    names = [n for n, _ in members]
    out["all"] = out[names].eq(vote).all(axis=1).astype(bool)
    for n in names:
        out[n] = out[n].astype(str)
    return out.sort_values(["date", "resolution"]).reset_index(drop=True)


def consistent_since(table: pd.DataFrame) -> pd.Series | None:
    """The first row of a :func:`consistency` table from which ``all`` holds to the end.

    Returns that row (resolution, date, …), or None if the last resolution breaks it.

    >>> t = pd.DataFrame({"resolution": ["R1", "R2", "R3"], "date": pd.to_datetime(["2011-12-19", "2012-02-16",
    ...                   "2012-12-20"]), "all": [False, True, True]})
    >>> consistent_since(t)["resolution"]
    'R2'
    >>> consistent_since(t.assign(all=[True, True, False])) is None
    True
    """
    if not isinstance(table, pd.DataFrame) or "all" not in table.columns:
        raise TableError(value=table, name="table", expected="a table made by consistency(votes, …)",
                         allowed="Pass consistency(votes, countries), which has the columns resolution, date, all.")
    flags = table["all"].astype(bool).tolist()
    start = None
    for i in range(len(flags) - 1, -1, -1):
        if not flags[i]:
            break
        start = i
    return None if start is None else table.iloc[start]
