"""Charts of a crisis in the UN: Security Council vetoes and General Assembly votes.

Drawn from a crisis's vetoes and votes (``unsc_syria_vetoes``, ``unga_myanmar_votes`` …)
through the pure functions of :mod:`r2pkit.un_votes`; a :class:`~r2pkit.crisis.Crisis` may
take the place of the table, and titles name the crisis the table is about
(:func:`r2pkit.crisis.of_table`). Votes are told apart by colour *and* by a letter in each
cell, so the record chart can be read without seeing colour.
"""
from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from .. import checks, un_votes
from ..crisis import Crisis, of_table
from ..errors import R2PKitError
from .accessibility import titled
from .cues import stack_labels
from .theme import PALETTE

__all__ = ["vetoes_by_year", "ga_no_votes", "voting_record_chart", "VOTE_COLOURS"]

#: Colours of the four votes: blue, vermillion and orange from the Okabe–Ito palette,
#: light grey for "absent" (no vote recorded).
VOTE_COLOURS = {"yes": PALETTE[0], "no": PALETTE[3], "abstain": PALETTE[1], "absent": "#c8c8c8"}
_LETTERS = {"yes": "Y", "no": "N", "abstain": "A", "absent": "–"}
_INK = {"yes": "white", "no": "white", "abstain": "black", "absent": "black"}  # letters readable on each colour


def _of(table: object, role: str) -> tuple[object, Crisis | None]:
    """(the table, the crisis it is about): a crisis given in place of its table is loaded."""
    if isinstance(table, Crisis):
        return table.table(role), table
    return table, of_table(table)


def _on(found: Crisis | None) -> str:
    return f" on {found.name}" if found is not None else ""


def _and(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def vetoes_by_year(vetoes: pd.DataFrame | Crisis) -> alt.Chart:
    """Stacked bars: a crisis's Security Council vetoes in each year, by permanent member.

    ``vetoes`` is a vetoes dataset (e.g. ``unsc_syria_vetoes``) or a crisis. A draft vetoed
    by two members counts once for each; years without a veto show as empty.

    >>> from r2pkit import data
    >>> from r2pkit.charts import require_accessible
    >>> chart = vetoes_by_year(data.load("unsc_syria_vetoes"))
    >>> require_accessible(chart)
    >>> chart.to_dict()["title"]
    'Security Council vetoes on Syria, by year and member'
    """
    if not isinstance(vetoes, Crisis):
        checks.table(vetoes, ("year", "draft", "vetoed_by"), "unsc_syria_vetoes", name="vetoes", empty=False)
    vetoes, found = _of(vetoes, "vetoes")
    table = un_votes.veto_summary(vetoes)
    members = sorted(table["member"].unique())
    drafts = int(vetoes["draft"].nunique())
    totals = table.groupby("member")["vetoes"].sum()
    # Stacks are ordered by a number (Vega-Lite warns when the order channel is a name).
    table = table.assign(stack=table["member"].map({m: i for i, m in enumerate(members)}))
    year = alt.X("year:O", title="Year")
    tips = [alt.Tooltip("year:O", title="Year"), alt.Tooltip("member:N", title="Member"),
            alt.Tooltip("vetoes:Q", title="Vetoes"), alt.Tooltip("drafts:N", title="Drafts vetoed")]
    # Each segment also carries its member's name (colour is not the only cue): upright, as a
    # bar is 18 px wide (Vega-Lite's default step of 20 px) and the chart 300 px high.
    table, names = stack_labels(table, year, field="year", value="vetoes", order="stack", text="member",
                                colour_field="member", colours=dict(zip(members, PALETTE)), bar=18, length=300,
                                tooltip=tips, upright=True)
    bars = alt.Chart(table).mark_bar().encode(
        x=year,
        y=alt.Y("vetoes:Q", title="Vetoes cast", stack=True, axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("member:N", title="Vetoed by", scale=alt.Scale(domain=members, range=PALETTE[:len(members)])),
        order=alt.Order("stack:Q"),
        tooltip=tips,
    )
    chart = alt.layer(bars, *names)
    first, last = int(table["year"].min()), int(table["year"].max())
    by_member = "; ".join(f"{m} {int(totals[m])}" for m in members)
    return titled(
        chart,
        f"Security Council vetoes{_on(found)}, by year and member",
        f"Stacked bar chart of the vetoes cast on {drafts} draft resolutions{_on(found)}, {first}–{last}, "
        f"one colour per permanent member, each segment labelled with the member's name; vetoes in all: {by_member}. "
        "Source: UN Dag Hammarskjöld Library veto list and Security Council meeting records.",
    )


def ga_no_votes(votes: pd.DataFrame | Crisis, cutoff: str | None = None, cutoff_label: str | None = None) -> alt.Chart:
    """Bars: how many member states voted no on each General Assembly resolution of a crisis.

    ``votes`` is a votes dataset (e.g. ``unga_syria_votes``) or a crisis. With ``cutoff`` (a date, 'YYYY-MM-DD'),
    the bars before it are solid and those from it on pale with an outline (two colours, and
    told apart without them); ``cutoff_label`` names the date in the legend (e.g. "March 2014").
    The tooltip lists who voted no.

    >>> from r2pkit import data
    >>> chart = ga_no_votes(data.load("unga_syria_votes"), cutoff="2014-03-10")
    >>> chart.to_dict()["encoding"]["color"]["field"]
    'period'
    """
    if not isinstance(votes, Crisis):
        checks.table(votes, ("resolution", "date", "country", "iso3", "vote"), "unga_syria_votes", name="votes",
                     empty=False)
    if cutoff is not None:
        checks.date(cutoff, "cutoff")
    votes, found = _of(votes, "votes")
    table = un_votes.no_votes(votes)
    order = table["resolution"].astype(str).tolist()
    table = table.assign(date=table["date"].dt.strftime("%Y-%m-%d"))
    encoding = dict(
        x=alt.X("resolution:N", sort=order, title="Resolution (in date order)", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("count:Q", title="Member states voting no", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("resolution:N", title="Resolution"), alt.Tooltip("date:N", title="Date"),
                 alt.Tooltip("count:Q", title="No votes"), alt.Tooltip("countries:N", title="Voted no")],
    )
    extra = ""
    if cutoff is not None:
        try:
            when = pd.Timestamp(cutoff)
        except (ValueError, TypeError):
            raise R2PKitError(f"'cutoff' is a date written YYYY-MM-DD, such as '2014-03-10', not {cutoff!r}.") from None
        label = cutoff_label or when.strftime("%d %B %Y").lstrip("0")
        before, after = f"Before {label}", f"From {label} on"
        table["period"] = [before if pd.Timestamp(d) < when else after for d in table["date"]]
        # The later bars are pale with a dark outline, the earlier ones solid: the two periods are
        # told apart without their colours (the three channels share one legend).
        periods = alt.Scale(domain=[before, after], range=[PALETTE[0], PALETTE[5]])
        legend = alt.Legend(title=None, orient="top", direction="horizontal")
        encoding["color"] = alt.Color("period:N", sort=[before, after], scale=periods, legend=legend)
        encoding["fillOpacity"] = alt.FillOpacity("period:N", sort=[before, after], legend=legend,
                                                  scale=alt.Scale(domain=[before, after], range=[1.0, 0.35]))
        encoding["stroke"] = alt.Stroke("period:N", sort=[before, after], legend=legend,
                                        scale=alt.Scale(domain=[before, after], range=[PALETTE[0], PALETTE[0]]))
        encoding["tooltip"].append(alt.Tooltip("period:N", title="Period"))
        n_before = int((table["period"] == before).sum())
        extra = (f" The {n_before} resolutions before {label} are solid dark blue bars, later ones pale blue bars "
                 "with a dark outline.")
    chart = alt.Chart(table).mark_bar(**({"strokeWidth": 1.5} if cutoff is not None else {})).encode(**encoding)
    return titled(
        chart,
        f"General Assembly resolutions{_on(found)}: how many states voted no",
        f"Bar chart, one bar per resolution ({len(table)}, {table['date'].min()[:4]}–{table['date'].max()[:4]}), "
        f"showing how many member states voted no: between {table['count'].min()} and {table['count'].max()}."
        f"{extra} Source: Voeten et al., UN General Assembly voting data.",
    )


def voting_record_chart(votes: pd.DataFrame | Crisis, countries: Sequence[str] | None = None) -> alt.LayerChart:
    """A grid of votes: one row per member in ``countries``, one column per resolution.

    ``countries`` defaults to the crisis's focus members (Russia and China for Syria and
    Myanmar) when ``votes`` is a crisis or a crisis's table.

    Each cell is coloured by the vote (see :data:`VOTE_COLOURS`) and carries its letter:
    Y yes, N no, A abstain, – absent (no vote recorded).

    >>> from r2pkit import data
    >>> chart = voting_record_chart(data.load("unga_syria_votes"), ["United Kingdom", "Russia"])
    >>> chart.to_dict()["title"]
    'General Assembly votes on Syria: United Kingdom and Russia'
    """
    if countries is not None:
        checks.one_or_more(countries, lambda c: c, "countries", what="one or more member states",
                           example="['Russia', 'China']")
    votes, found = _of(votes, "votes")
    if countries is None and found is not None:
        countries = list(found.focus_members)
    if countries is None:
        raise R2PKitError("Name the member states to show, e.g. ['Russia', 'China'].")
    if isinstance(countries, str):
        countries = [countries]
    if not len(countries):
        raise R2PKitError("Name at least one member state, e.g. ['Russia', 'China'].")
    table = un_votes.voting_records(votes, countries)  # every member's rows in one pass
    names = list(dict.fromkeys(table["country"].astype(str)))
    records = [table[table["country"] == n] for n in names]
    order = table.sort_values(["date", "resolution"])["resolution"].drop_duplicates().tolist()
    table = table.assign(date=table["date"].dt.strftime("%Y-%m-%d"), letter=table["vote"].map(_LETTERS),
                         ink=table["vote"].map(_INK))
    # The data go on the layer chart only: layers that carry it are copied with it at every step.
    base = alt.Chart().encode(
        x=alt.X("resolution:N", sort=order, title="Resolution (in date order)", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("country:N", sort=names, title=None),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("vote:N", title="Vote", scale=alt.Scale(domain=list(VOTE_COLOURS),
                                                                 range=list(VOTE_COLOURS.values())),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        tooltip=[alt.Tooltip("country:N", title="Member"), alt.Tooltip("resolution:N", title="Resolution"),
                 alt.Tooltip("date:N", title="Date"), alt.Tooltip("vote:N", title="Vote")],
    )
    letters = base.mark_text(fontSize=13, fontWeight="bold").encode(
        # alt.Text rather than the "letter:N" shorthand, which altair resolves by searching its schema (~4 ms)
        text=alt.Text("letter:N"), color=alt.Color("ink:N", scale=None, legend=None))
    chart = alt.layer(cells, letters, data=table, width=max(260, 26 * len(order)), height=38 * len(names),
                      resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent")))
    counts = "; ".join(
        f"{r['country'].iloc[0]}: " + ", ".join(f"{v} {int((r['vote'] == v).sum())}" for v in un_votes.VOTES
                                                if (r["vote"] == v).any())
        for r in records)
    return titled(
        chart,
        f"General Assembly votes{_on(found)}: {_and(names)}",
        f"Grid of votes on {len(order)} General Assembly resolutions{_on(found)}, one row per member, one column "
        f"per resolution in date order; each cell shows the vote by colour and letter (Y yes, N no, A abstain, "
        f"– absent). {counts}. Source: Voeten et al., UN General Assembly voting data.",
    )
