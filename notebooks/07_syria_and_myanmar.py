# %% [markdown]
# # 07 Syria and Myanmar side by side
#
# R2P is taught by comparing cases. Notebooks 02, 03, 04 and 05 followed one crisis, Syria, through the
# Security Council, the General Assembly, the flight of its people, resettlement, Hakimi's bundle
# of duties and the prevention toolbox. This notebook asks the same questions of a second crisis,
# **Myanmar**, and sets the answers beside Syria's.
#
# Why Myanmar? The kit's sources name it. The resettlement article counts ‘Myanmar refugees fleeing
# ethnic cleansing’ among the populations that UNHCR protected by recognising them as refugees
# (Resettlement article, 'Refugee Protection Protects R2P Populations', fn 44), and lists ‘those
# fleeing mass atrocities from the Former Yugoslavia, Iraq, Rwanda, the Sudan, Myanmar, and now,
# Syria’ among the victims of inadequate responses (Resettlement article, 'The Responsibility to
# Resettle Syrian Refugees', fn 56). It also tells how a humanitarian organisation turned away from
# R2P: ‘For Oxfam, R2P lost all credibility after the French Foreign Minister Bernard Kouchner called
# for a response to cyclone Nargis through the delivery of aid via the military followed by the 2011
# military intervention in Libya’ (Resettlement article, 'Missing in Action: Civil Society,
# Humanitarian Organisations and Migration Practitioners', fn 103).
#
# The three sources say no more about Myanmar than that. Every other fact in this notebook comes
# from a public UN document cited by its symbol and paragraph, or from the public data files the kit
# was built from (UNHCR, the UN voting records, the World Bank); each of the kit's tables says where
# each row comes from. **Where the kit could not source something, the notebook says so** instead of
# filling the gap.
#
# The parts:
#
# 1. the Security Council;
# 2. the General Assembly;
# 3. displacement and the load on host countries;
# 4. resettlement;
# 5. Hakimi's duty bundle;
# 6. the prevention lens;
# 7. a table that gathers the comparison.
#
# **How to use it:** the cells run from the top, in under a minute: in JupyterLab, use the menu
# **Run → Run All Cells**; in the kit's web app (Voilà) they have already run when the page
# appears. You do not need to change any code. One widget, in part 5, lets you set facts yourself.
#
# The first cell loads the kit's tools and the two crises as the kit records them.

# %% jupyter={"source_hidden": true}
# Load the kit's tools, the two crisis records and the tables this notebook uses
import pandas as pd

from r2pkit import charts, claims, crisis, data, displacement, duties, prevention, un_votes
from r2pkit.markdown import Markdown
from r2pkit.charts.duties import library_chart
from r2pkit.resettlement import arrivals
from r2pkit.widgets.duties import duty_explorer

SYRIA, MYANMAR = crisis.load("syria"), crisis.load("myanmar")   # what the models need to know about each
council = data.load("unsc_myanmar_actions")        # what the Security Council did on Myanmar, 2007–2022
indicators = data.load("country_indicators")       # World Bank: population and GDP
factors = data.load("atrocity_risk_factors")       # the UN Framework of Analysis's risk factors (notebook 05)
evidence = data.load("myanmar_risk_evidence")      # which of them a source documents for Myanmar
cases = duties.load_cases(duties.LIBRARY)          # the duty cases (notebook 03), two of them on Myanmar
case = {c.id: c for c in cases}
pd.set_option("display.max_colwidth", None)        # show whole sentences in tables


def day(when) -> str:
    """A date written out, e.g. 12 January 2007."""
    when = pd.Timestamp(when)
    return f"{when.day} {when:%B %Y}"


def listing(names) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


Markdown(f"The two crises as the kit records them: **{SYRIA.title}** and **{MYANMAR.title}**. "
         f"UNHCR codes the country of origin {SYRIA.origin_unhcr} and {MYANMAR.origin_unhcr}: "
         f"UNHCR's own codes, which are not always the ISO codes ({MYANMAR.origin_iso3} for Myanmar).")

# %% [markdown]
# ## 1. The Security Council
#
# ### What the sources say
#
# The permanent members kept their veto when R2P was agreed (Resettlement article, 'The Historical
# Context of R2P', fn 11). Hakimi asks whether a veto breaches a possible duty not to obstruct:
# ‘Using the veto might be obstructive; it might prevent the Council from acting to protect an
# at-risk population.’ (Hakimi, Part IV.B.3, p. 274 & n. 155) But on Syria she weighs it with what
# else the two states did in the Council: ‘Indeed, China and Russia used their vetoes on some Syria
# resolutions even as they allowed others to pass.’ ‘These two states also acquiesced in the
# Council's various presidential and press statements on Syria.’ (Hakimi, Part IV.B.3, p. 274 &
# nn. 157–160) The same question can be asked of Myanmar: what else did the Council do?
#
# ### What the Council did on Myanmar
#
# The next cell lists what the kit could source: the draft resolution vetoed in January 2007, with
# the whole vote; the presidential and press statements that S/RES/2669 (2022) recalls; and
# that resolution, with its vote. Statements are agreed without a vote. Read the last two columns:
# the states that voted against, and those that abstained.

# %% jupyter={"source_hidden": true}
# List what the Security Council did on Myanmar
tally = ["" if pd.isna(y) else f"{y:.0f}–{n:.0f}–{a:.0f}" for y, n, a in zip(council["yes"], council["no"], council["abstain"])]
charts.readable(council.assign(tally=tally)[["date", "action", "symbol", "outcome", "tally", "against", "abstaining"]],
                {"tally": "yes–no–abstain"})

# %% [markdown]
# The next cell compares the two crises' vetoes (from the kit's veto tables) and says what passed.

# %% jupyter={"source_hidden": true}
# Compare the vetoes on the two crises, and what the Council adopted on Myanmar
syria_vetoes, myanmar_vetoes = un_votes.vetoes(SYRIA), un_votes.vetoes(MYANMAR)
per_member = un_votes.veto_summary(syria_vetoes).groupby("member")["vetoes"].sum()
draft = council[council["action"] == "draft resolution (vetoed)"].iloc[0]
statements = council[council["action"].str.endswith("statement")]
adopted = council[council["action"] == "resolution"].iloc[0]
agree = set(myanmar_vetoes["draft"]) == set(council.loc[council["action"] == "draft resolution (vetoed)", "symbol"])
Markdown(
    f"On Syria, **{len(syria_vetoes)}** draft resolutions were vetoed from {day(syria_vetoes['date'].min())} to "
    f"{day(syria_vetoes['date'].max())} (Russia {per_member['Russia']}, China {per_member['China']}). On Myanmar the "
    f"kit's veto table has **{len(myanmar_vetoes)}**: {draft['symbol']}, on {day(draft['date'])}, vetoed by "
    f"{listing(myanmar_vetoes['vetoed_by'].iloc[0].split(';'))} "
    + ("(the same draft as in the table above)" if agree else "(**not** the draft in the table above: check the sources)")
    + f"; the vote was {draft['yes']}-{draft['no']}-{draft['abstain']}, and {listing(draft['against'].split(';'))} "
    f"voted against. After it, the kit's sources record **{len(statements)}** statements agreed by the Council "
    f"({day(statements['date'].min())} to {day(statements['date'].max())}) and one resolution, "
    f"{adopted['symbol']}, adopted on {day(adopted['date'])} by {adopted['yes']}-{adopted['no']}-{adopted['abstain']}, "
    f"with {listing(adopted['abstaining'].split(';'))} abstaining."
)

# %% [markdown]
# So the pattern Hakimi describes for Syria shows on Myanmar too: China and Russia blocked one
# draft, yet let statements be agreed (such statements are made by unanimous decision in practice,
# Hakimi, p. 274 n. 160) and, by abstaining rather than voting against, let S/RES/2669 (2022)
# pass. Whether that counts as obstruction is taken up in part 5.
#
# The UNA-UK roundtable, in 2013, said that ‘support is needed for the idea of non-use of the veto
# when grave breaches of international law, such as crimes against humanity, genocide, ethnic
# cleansing and war crimes, are imminent or on-going.’ (UNA-UK roundtable summary, session 3
# 'Intervening to protect: When and how?', heading 'On the Security Council', p. 3)
#
# **What the kit could not source.** It holds no complete list of the Council's decisions (its
# reference data have none), so the table lists only what the two press releases and
# S/RES/2669 (2022) record; the Council may have made other statements on Myanmar. The kit has not read the
# texts of the statements. And it holds no UN document on what the Council did, or did not do,
# after cyclone Nargis in 2008: the resettlement article's passage above is all the kit has on it.
#
# ## 2. The General Assembly
#
# In the Assembly, every member votes and nobody has a veto. The next cell lists the resolutions
# on the situation of human rights in Myanmar that were put to a recorded vote in the kit's voting
# data (2011–2019), with their tallies.

# %% jupyter={"source_hidden": true}
# List the General Assembly's recorded votes on Myanmar
myanmar_resolutions = un_votes.resolutions(MYANMAR)
charts.readable(myanmar_resolutions[["resolution", "date", "title", "yes", "no", "abstain"]])

# %% [markdown]
# Which years have a recorded vote? The next cell reads them off the table.

# %% jupyter={"source_hidden": true}
# Find the years with and without a recorded vote on Myanmar
voted_years = sorted(myanmar_resolutions["date"].dt.year.unique())
gaps = [y for y in range(voted_years[0], voted_years[-1] + 1) if y not in voted_years]
Markdown(
    f"The voting data hold a recorded vote on Myanmar in {listing([str(y) for y in voted_years])}"
    + (f", and none in {gaps[0]}–{gaps[-1]}" if gaps and gaps == list(range(gaps[0], gaps[-1] + 1))
       else (f", and none in {listing([str(y) for y in gaps])}" if gaps else ""))
    + ". A year without a row may have had a resolution adopted without a vote, which leaves no roll call in "
    "the data; the kit cannot tell which. The tallies are computed from the members' votes in the data and were "
    "not checked against the official UN record."
)

# %% [markdown]
#
# ### Who voted no?
#
# The next cell lists, for each resolution on Myanmar, the members that voted no.

# %% jupyter={"source_hidden": true}
# List who voted no on each resolution on Myanmar
myanmar_votes, syria_votes = un_votes.votes(MYANMAR), un_votes.votes(SYRIA)
charts.readable(un_votes.no_votes(myanmar_votes)[["resolution", "date", "count", "countries"]])

# %% [markdown]
# A chart of the same: how many members voted no on each resolution. Hover over a bar to see who.

# %% jupyter={"source_hidden": true}
# Chart the no votes on each resolution on Myanmar
charts.ga_no_votes(myanmar_votes)

# %% [markdown]
# ### Russia and China, and the blocs
#
# For Syria, notebook 02 tested Hakimi's claim that China and Russia were ‘consistently among a
# handful of states’ that voted against (Hakimi, Part IV.B.3, pp. 274–75 & n. 161). The next cell
# puts their votes on Myanmar side by side, one row per resolution; the last column says whether both voted no.

# %% jupyter={"source_hidden": true}
# Did Russia and China vote no on every resolution on Myanmar?
both_no = un_votes.consistency(myanmar_votes, ["Russia", "China"], vote="no")
charts.readable(both_no, {"all": "both voted no"})

# %% [markdown]
# The two crises' blocs compared. From 2017, the year of the flight to Bangladesh (part 3), the
# Assembly voted on both crises every year in the kit's data. The next cell finds, for each crisis,
# the members that voted no on **every** resolution from 2017 on: the hard core of the opposition.

# %% jupyter={"source_hidden": true}
# Find the members that voted no on every resolution on each crisis in the same years
SINCE = 2017   # the year of the flight to Bangladesh; the Assembly voted on both crises every year from then
common_years = sorted(set(myanmar_votes["date"].dt.year) & set(syria_votes["date"].dt.year))
core_m = claims.core(MYANMAR, start=f"{SINCE}-01-01")   # voted no on every resolution from SINCE on
core_s = claims.core(SYRIA, start=f"{SINCE}-01-01")
iso3 = dict(zip(pd.concat([myanmar_votes, syria_votes])["country"], pd.concat([myanmar_votes, syria_votes])["iso3"]))
both = sorted(set(core_m) & set(core_s))
only_m = sorted(c for c in set(core_m) - set(core_s) if iso3[c] != MYANMAR.origin_iso3)
only_s = sorted(c for c in set(core_s) - set(core_m) if iso3[c] != SYRIA.origin_iso3)
n_m = myanmar_votes.loc[myanmar_votes["date"].dt.year >= SINCE, "resolution"].nunique()
n_s = syria_votes.loc[syria_votes["date"].dt.year >= SINCE, "resolution"].nunique()
Markdown(
    f"From {SINCE} to {max(common_years)}, **{len(core_m)}** members voted no on all {n_m} resolutions on Myanmar, and "
    f"**{len(core_s)}** on all {n_s} on Syria. **{len(both)}** are in both groups: {listing(both) if both else 'none'}. "
    f"In the group on Myanmar only: {listing(only_m) if only_m else 'none'}, besides Myanmar itself. In the group on "
    f"Syria only: {listing(only_s) if only_s else 'none'}, besides Syria itself."
)

# %% [markdown]
# The chart sets the votes of a few members side by side on Myanmar (Y yes, N no, A abstain, – no
# vote recorded): the two permanent members who vetoed, Myanmar's largest neighbours, and the two
# permanent members who tabled the 2007 draft.

# %% jupyter={"source_hidden": true}
# Chart a few members' votes on Myanmar
members = ["Russia", "China", "India", "Bangladesh", "United States", "United Kingdom"]
charts.voting_record_chart(myanmar_votes, members)

# %% [markdown]
# The same members on Syria, for comparison:

# %% jupyter={"source_hidden": true}
# Chart the same members' votes on Syria
charts.voting_record_chart(syria_votes, members)

# %% [markdown]
# Two neighbours' records, read off the data (the data show the votes, not the reasons for them):

# %% jupyter={"source_hidden": true}
# Read Bangladesh's and India's votes on Myanmar off the data
def record(votes: pd.DataFrame, member: str) -> str:
    rows = un_votes.voting_record(votes, member)
    return "; ".join(f"{r['resolution']} ({pd.Timestamp(r['date']).year}) {r['vote']}" for _, r in rows.iterrows())


Markdown("\n".join(f"- **{m}** on Myanmar: {record(myanmar_votes, m)}." for m in ("Bangladesh", "India")))

# %% [markdown]
#
# ## 3. Displacement and the load on the hosts
#
# The resettlement article's case is that ‘large numbers of refugees often precede or indicate
# perpetration of mass atrocity crimes’ (Resettlement article, 'Refugee Protection Protects R2P
# Populations', text at fn 43). The next cell reads UNHCR's count of refugees from Myanmar in all
# countries, year by year, off the kit's data.

# %% jupyter={"source_hidden": true}
# Give the world total of refugees from Myanmar: before and after 2017
world_m = displacement.world_totals(MYANMAR).set_index("year")["refugees"]
world_s = displacement.world_totals(SYRIA).set_index("year")["refugees"]
jump = world_m.diff().idxmax()
Markdown(
    f"UNHCR counted **{world_m[jump - 1]:,}** refugees from Myanmar at the end of {jump - 1} and **{world_m[jump]:,}** "
    f"at the end of {jump}, the largest rise of any year in the data; **{world_m.iloc[-1]:,}** at the end of "
    f"{world_m.index.max()}. (Syrian refugees: **{world_s.max():,}** at their peak, in {world_s.idxmax()}.)"
)

# %% [markdown]
# The chart shows the five largest hosts and, dashed, the total in all countries. Look at the year
# the line for Bangladesh jumps.

# %% jupyter={"source_hidden": true}
# Chart the refugees from Myanmar in the five largest hosts over time
charts.refugees_over_time(MYANMAR, top=5, with_world=True)

# %% [markdown]
# How concentrated? The next cell gives the share of all refugees from Myanmar that Bangladesh
# hosted, and, for comparison, the share of all Syrian refugees in Syria's three neighbours that
# hosted most (Lebanon, Jordan and Türkiye), in the same year.

# %% jupyter={"source_hidden": true}
# Compare how concentrated the two displacements were
YEAR = 2018   # a year with UNHCR and World Bank figures for both crises, after the flight of 2017
NEIGHBOURS = ["Lebanon", "Jordan", "Türkiye"]
in_bangladesh = displacement.share_of_hosts(MYANMAR, YEAR, ["Bangladesh"])
in_neighbours = displacement.share_of_hosts(SYRIA, YEAR, NEIGHBOURS)
Markdown(
    f"At the end of {YEAR}, Bangladesh hosted **{in_bangladesh.refugees:,}** of the {in_bangladesh.world:,} refugees "
    f"from Myanmar, **{in_bangladesh.share:.1%}**. {listing(in_neighbours.hosts)} together hosted "
    f"**{in_neighbours.refugees:,}** of the {in_neighbours.world:,} Syrian refugees, **{in_neighbours.share:.1%}**. "
    "Both displacements weighed above all on neighbours, as the resettlement article says of Syria."
)

# %% [markdown]
# ### Host pressure: Bangladesh beside Lebanon, Jordan and Türkiye
#
# Notebook 02 measured the load on a host three ways: the number of refugees, refugees per 1,000
# inhabitants, and refugees per US$1 of GDP per head (a poorer host carries the same number with
# fewer resources). The next cell puts Bangladesh beside Syria's three main neighbours in the same
# year (the one the sentence above names).

# %% jupyter={"source_hidden": true}
# Measure the load on Bangladesh and on Syria's three main neighbours in the same year
pressure = pd.concat([
    displacement.host_pressure(MYANMAR, year=YEAR, hosts=["Bangladesh"]).assign(crisis=MYANMAR.name),
    displacement.host_pressure(SYRIA, year=YEAR, hosts=NEIGHBOURS).assign(crisis=SYRIA.name),
], ignore_index=True)
charts.readable(
    pressure[["crisis", "host", "refugees", "population", "per_1000", "gdp_per_head",
              "per_usd_gdp_per_head"]].round(1))

# %% [markdown]
# As a chart, per 1,000 inhabitants, one colour per crisis:

# %% jupyter={"source_hidden": true}
# Chart refugees per 1,000 inhabitants in the four hosts
charts.host_pressure_across(pressure, "per_1000")

# %% [markdown]
# And per US$1 of GDP per head:

# %% jupyter={"source_hidden": true}
# Chart refugees per US$1 of GDP per head in the four hosts
charts.host_pressure_across(pressure, "per_usd_gdp_per_head")

# %% [markdown]
# In a sentence:

# %% jupyter={"source_hidden": true}
# Say how Bangladesh compares
by = pressure.set_index("host")
lighter = [h for h in NEIGHBOURS if by.loc[h, "per_1000"] > by.loc["Bangladesh", "per_1000"]]
heavier_gdp = [h for h in NEIGHBOURS if by.loc[h, "per_usd_gdp_per_head"] < by.loc["Bangladesh", "per_usd_gdp_per_head"]]
Markdown(
    f"Per 1,000 inhabitants, Bangladesh carried **{by.loc['Bangladesh', 'per_1000']:.1f}** refugees from Myanmar at the "
    f"end of {YEAR}, with a population of {by.loc['Bangladesh', 'population']:,.0f}; "
    + (f"{listing(lighter)} each carried more Syrian refugees per 1,000 inhabitants. " if lighter else
       "none of Syria's three neighbours carried more per 1,000 inhabitants. ")
    + "Weighed by wealth, the order changes: with a GDP per head of about "
    f"US\\${by.loc['Bangladesh', 'gdp_per_head']:,.0f}, Bangladesh carried **{by.loc['Bangladesh', 'per_usd_gdp_per_head']:,.0f}** "
    f"refugees per US\\$1 of GDP per head, more than {listing(heavier_gdp) if heavier_gdp else 'none of them'}. "
    "Which measure is fair is a question the data cannot answer; they show that the answer changes with it."
)

# %% [markdown]
# ## 4. Resettlement: what fair shares would have asked, and what states did
#
# The resettlement article argues that resettlement shares responsibility ‘more evenly’ (fn 51) and
# that ‘The proximity of a state is not the intended factor in terms of allocating responsibilities
# under R2P.’ (Resettlement article, 'The Responsibility to Resettle Syrian Refugees', fn 53)
# Notebook 04 tested that for Syrians. The next cell does the same for refugees from Myanmar:
# UNHCR's count of their **resettlement arrivals**, by resettlement state and calendar year.

# %% jupyter={"source_hidden": true}
# Chart the resettlement arrivals of refugees from Myanmar, by state
charts.arrivals_chart(MYANMAR.table("resettlement_arrivals"))

# %% [markdown]
# The next cell compares the totals of the two crises over the same years.

# %% jupyter={"source_hidden": true}
# Compare the resettlement of refugees from Myanmar and of Syrians, same years
FIRST, LAST = 2011, 2023   # the years notebook 04 uses for Syrians
total_m = arrivals.arrivals_by_state(MYANMAR, FIRST, LAST)
total_s = arrivals.arrivals_by_state(SYRIA, FIRST, LAST)
top_m = total_m.iloc[0]
Markdown(
    f"In {FIRST}–{LAST}, **{total_m['arrivals'].sum():,}** refugees from Myanmar arrived through resettlement, in "
    f"{len(total_m)} states; **{top_m['state']}** took {top_m['arrivals']:,} of them "
    f"({top_m['arrivals'] / total_m['arrivals'].sum():.0%}). In the same years, **{total_s['arrivals'].sum():,}** Syrians "
    f"arrived through resettlement, {total_s.iloc[0]['state']} taking most ({total_s.iloc[0]['arrivals']:,})."
)

# %% [markdown]
# ### Fair shares
#
# Share all those arrivals among the states that resettled refugees from Myanmar and have World
# Bank figures in the kit, by population (the same key as notebook 04), and set each state's actual
# arrivals beside its fair share. A ratio above 1 means a state took more than its share.

# %% jupyter={"source_hidden": true}
# Chart each state's resettlement of refugees from Myanmar against its fair share by population
fair_m = arrivals.compare_with_fair_shares(MYANMAR, "population", first=FIRST, last=LAST)
charts.fair_share_chart(fair_m)

# %% jupyter={"source_hidden": true}
# Say who did more or less than a fair share
Markdown(arrivals.comparison_sentence(fair_m))

# %% [markdown]
# A fair share of *what was done* is not a fair share of *what was needed*. The resettlement article
# does not say how many places would have been enough, and neither does the kit. UNHCR's count covers
# resettlement only: refugees who reached a state by other routes and asked for asylum there are not
# in it.
#
# ## 5. The duty bundle: outside states and Myanmar
#
# Hakimi asks which outside states, ‘because of their own conduct or relationships’, bear which
# duties (Hakimi, Part IV, p. 259). The kit's library of duty cases (notebook 03) holds two cases on
# Myanmar, built from the UN records in parts 1 and 2: **China** and **Russia**. Hakimi does not
# discuss Myanmar, so the facts come from the records and the rules from her article. The chart sets
# them beside her own two cases on Syria.

# %% jupyter={"source_hidden": true}
# Chart the four cases: China and Russia, on Syria and on Myanmar
four = [case[i] for i in ("china-syria", "russia-syria", "china-myanmar", "russia-myanmar")]
library_chart(four)

# %% [markdown]
# The facts each case takes as given, side by side (“unknown” where the sources do not settle it):

# %% jupyter={"source_hidden": true}
# Compare the facts of the four cases
shown = ["obstructs_protective_measures", "offers_meaningful_alternative", "weighty_countervailing_interest",
         "assists_perpetrators", "substantial_support_to_perpetrators", "special_relationship"]
charts.readable(pd.DataFrame({"fact": shown, **{c.title: [duties.describe_value(c.facts[f]) for f in shown] for c in four}}))

# %% [markdown]
# The engine's full reasoning for Russia and Myanmar, with the facts it took as given first:

# %% jupyter={"source_hidden": true}
# Assess Russia and Myanmar
duties.assess(case["russia-myanmar"])

# %% [markdown]
# Same vetoes, different answers. The next cell says why, from the two case files.

# %% jupyter={"source_hidden": true}
# Explain why Russia's two cases differ
syria_case, myanmar_case = duties.assess(case["russia-syria"]), duties.assess(case["russia-myanmar"])
Markdown(
    f"On Syria the library takes `obstructs_protective_measures` as **{duties.describe_value(syria_case.case.facts['obstructs_protective_measures'])}**, "
    "because Hakimi looks beyond the vetoes to a broader pattern and concludes that Russia very likely acted "
    "obstructively; the breach then stays open on "
    f"{listing(syria_case.not_obstruct.open_facts)}. On Myanmar the same kind of conduct (a veto, no votes, an abstention) "
    f"is recorded, but no source the kit holds weighs it as she does, so the fact is "
    f"**{duties.describe_value(myanmar_case.case.facts['obstructs_protective_measures'])}** and the engine says: "
    f"*{myanmar_case.not_obstruct.breached_words}* ({myanmar_case.not_obstruct.undecided_because}). "
    "The difference is in the sources, not in the conduct."
)

# %% [markdown]
# What if a reader, weighing the records, judged that Russia did obstruct? The next cell asks the
# engine, changing that one fact. This is a **what-if**, not a finding of the kit.

# %% jupyter={"source_hidden": true}
# What if Russia's conduct on Myanmar were obstruction? (a what-if, not a finding)
what_if = duties.assess(case["russia-myanmar"], obstructs_protective_measures=True).not_obstruct
Markdown(" ".join(what_if.reasoning))

# %% [markdown]
# Try it yourself: choose a case in the menu (the two on Myanmar end with 'from UN records') and
# change its facts. The findings and the reasons update as you go.
#
# *The widget needs the notebook to be running: if you see only text, run the cell.*

# %% jupyter={"source_hidden": true}
# The duty explorer, set to Russia and Myanmar
duty_explorer(cases, preset="russia-myanmar")

# %% [markdown]
# **What the kit could not source.** Whether China or Russia assisted or substantially supported
# the perpetrators (arms, money, political cover beyond the votes), and whether any outside state
# has a unique relationship with the population: the kit holds no source on these, so the cases
# leave them unknown, and the duties to protect and to assist are not established either way. A
# reader with a source can set them in the widget above.
#
# ## 6. The prevention lens
#
# Notebook 05 introduced the UN **Framework of Analysis for Atrocity Crimes** (2014) and its risk
# factors. Which of them do the kit's sources document for Myanmar? The table `myanmar_risk_evidence`
# links a fact from a source to a factor, and says whether the source **states** what the factor
# describes or the link is the kit's **inference**. The next cell goes through the factors in the
# kit's table.

# %% jupyter={"source_hidden": true}
# For each risk factor in the kit's table: what the kit's sources document for Myanmar
table = prevention.factor_table(factors)
found = evidence.groupby("factor").agg(
    link=("link", lambda s: "stated" if (s == "stated").any() else "inferred"),
    indicators=("indicator_id", lambda s: ", ".join(sorted(s.dropna()))),
    sources=("source", lambda s: " | ".join(s)))
lens = table[["label", "crime"]].join(found, on=table["factor"])
lens["documented"] = lens["link"].map({"stated": "yes, stated by a source", "inferred": "the kit's inference"}
                                      ).fillna("not documented by the kit's sources")
charts.readable(lens[["label", "crime", "documented", "indicators", "sources"]].fillna(""))

# %% [markdown]
# The same as a profile, in the chart of notebook 05: a filled dot is a factor that a source documents
# (stated or inferred).

# %% jupyter={"source_hidden": true}
# Chart the risk factors the kit's sources document for Myanmar
documented = lens.loc[lens["link"].notna()].index
profile = prevention.risk_profile(factors, table.loc[documented, "factor"].tolist())
charts.risk_profile_chart(profile)

# %% [markdown]
# In a sentence, with what the profile is not:

# %% jupyter={"source_hidden": true}
# Say what the sources document, and what the profile is not
stated = (lens["link"] == "stated").sum()
inferred = (lens["link"] == "inferred").sum()
silent = lens["link"].isna().sum()
Markdown(
    f"Of the **{len(lens)}** risk factors in the kit's table, a source states facts that bear on **{stated}**; for "
    f"**{inferred}** the link is the kit's inference; the kit's sources document **{silent}** not at all: "
    f"{listing(lens.loc[lens['link'].isna(), 'label'].tolist()) if silent else 'none'}. A factor the sources do "
    "not document is not shown to be absent. Most of the evidence comes from one document, resolution 2669 (2022), "
    "which expresses concern; it is not a fact-finding report. Like the checklist of notebook 05, the profile is "
    "not a score, a probability or a prediction: the Framework of Analysis is a tool for analysis, and the kit "
    "neither weighs nor adds up the factors."
)

# %% [markdown]
# Read the evidence and the kit's reading of each row:

# %% jupyter={"source_hidden": true}
# Show the evidence, the source and the kit's reading, row by row
charts.readable(evidence[["factor", "indicator_id", "link", "evidence", "source", "kit_reading"]].fillna(""),
                {"indicator_id": "indicator", "kit_reading": "the kit's reading"})

# %% [markdown]
# **What the kit could not source.** The reports of UN fact-finding bodies on Myanmar, which would
# be the natural sources for a risk assessment, are not among the kit's sources; nor is the text of
# the General Assembly's resolutions (only their titles and votes). The kit's table of risk factors
# holds only those it could check against a copy of the Framework (notebook 05), so the lens covers
# those alone.
#
# ## 7. Side by side
#
# The table gathers the comparison. Every figure in it is computed above.

# %% jupyter={"source_hidden": true}
# Gather the comparison into one table
side = pd.DataFrame({
    "question": [
        "Vetoed drafts in the Security Council (kit's veto tables)",
        "Council resolutions adopted while China and Russia did not vote against",
        "General Assembly resolutions with a recorded vote (Voeten data, 2011–2019)",
        f"Members voting no on every resolution, {SINCE}–{max(common_years)}",
        f"Refugees at the end of {YEAR} (UNHCR)",
        f"Share in the main neighbouring host(s), end of {YEAR}",
        f"Resettlement arrivals, {FIRST}–{LAST}",
        "Hakimi's duty not to obstruct, Russia",
    ],
    SYRIA.name: [
        f"{len(syria_vetoes)} ({day(syria_vetoes['date'].min())} – {day(syria_vetoes['date'].max())})",
        "S/RES/2042 and S/RES/2043 (2012), which Hakimi cites (n. 157); the kit has no list of the others",
        f"{syria_votes['resolution'].nunique()}",
        f"{len(core_s)}, with Russia and China" if {"Russia", "China"} <= set(core_s) else f"{len(core_s)}",
        f"{world_s[YEAR]:,}",
        f"{in_neighbours.share:.1%} ({listing(in_neighbours.hosts)})",
        f"{total_s['arrivals'].sum():,}",
        f"attaches; obstruction {duties.describe_value(syria_case.case.facts['obstructs_protective_measures'])}; "
        f"{syria_case.not_obstruct.breached_words}",
    ],
    MYANMAR.name: [
        f"{len(myanmar_vetoes)} ({day(myanmar_vetoes['date'].min())})",
        f"{adopted['symbol']}, with {listing(adopted['abstaining'].split(';'))} abstaining",
        f"{myanmar_votes['resolution'].nunique()}",
        f"{len(core_m)}, with Russia and China" if {"Russia", "China"} <= set(core_m) else f"{len(core_m)}",
        f"{world_m[YEAR]:,}",
        f"{in_bangladesh.share:.1%} (Bangladesh)",
        f"{total_m['arrivals'].sum():,}",
        f"attaches; obstruction {duties.describe_value(myanmar_case.case.facts['obstructs_protective_measures'])}; "
        f"{myanmar_case.not_obstruct.breached_words}",
    ],
})
charts.readable(side)

# %% [markdown]
# ## Where next
#
# - **Exercise 07** (`exercises/ex07_syria_and_myanmar.ipynb`) has questions on this notebook.
# - To add a third crisis, `CONTRIBUTING.md` gives the recipe this notebook followed.
#
# The sources used here: the resettlement article ('Refugee Protection Protects R2P Populations',
# 'The Responsibility to Resettle Syrian Refugees', 'Missing in Action'); Monica Hakimi, 'Toward a
# Legal Theory on the Responsibility to Protect', 39 *Yale J. Int'l L.* 247 (2014), Part IV and Part
# IV.B.3; the UNA-UK roundtable summary (16 April 2013), p. 3; UN press releases SC/8939 (12
# January 2007) and SC/15159 (21 December 2022); S/RES/2669 (2022). The data:
# `data.cite("unsc_myanmar_actions")`, and likewise for `myanmar_risk_evidence` and the datasets
# that `crisis.load("myanmar").datasets` names.
