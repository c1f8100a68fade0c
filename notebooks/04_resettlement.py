# %% [markdown]
# # 04 Resettlement: responding to Syria when the Security Council is deadlocked
#
# When the Security Council cannot agree, what can states far from a crisis still do to protect
# people fleeing mass atrocities? The resettlement article's answer is **resettlement**: taking
# refugees from the states next to the crisis into one's own territory.
#
# > ‘This article addresses how resettlement can serve as a method for discharging the
# > international community’s Responsibility to Protect (R2P) populations from mass atrocity,
# > particularly in cases like Syria where the lack of consensus on the UN Security Council has
# > prevented an effective response in terms of diplomatic, humanitarian or military means for
# > protecting the Syrian population from mass atrocities.’ (Resettlement article, 'Abstract')
#
# This notebook follows the article's argument and tests it against the data where data exist:
#
# 1. **Two frameworks, three links**: R2P and refugee protection.
# 2. **After the border**: where does R2P apply (the *ratione loci* question), and who carries
#    the refugees?
# 3. **Why civil society and humanitarian organisations avoid R2P language**: the article's
#    stakeholder map.
# 4. **Resettlement as the response that could reconcile them**: the UK's scheme, Germany's
#    2015 admissions, and what resettlement of Syrians actually looked like.
# 5. **Fair shares against what happened**: how a resettlement target could be shared, and what
#    states did.
# 6. **A scenario model and its limits**: the article's chain of cause and effect, as arithmetic.
# 7. **A special responsibility**: states whose actions contributed to the displacement.
#
# **Citations.** The resettlement article has no page numbers: it is cited by section heading and
# footnote (fn). Words in ‘…’ are quoted word for word. Every number in the text is computed from
# the kit's datasets when the notebook runs.
#
# **How to use it:** the cells run from the top, in well under a minute: in JupyterLab, use the menu
# **Run → Run All Cells**; in the kit's web app (Voilà) they have already run when the page appears. You do not need to change any code. Three widgets let you explore on your own.
#
# The first cell loads the kit's tools and the four tables this notebook uses.

# %% jupyter={"source_hidden": true}
# Load the kit's tools and the five datasets this notebook uses
import pandas as pd

from r2pkit import data, displacement
from r2pkit.markdown import Markdown
from r2pkit.charts import label, readable
from r2pkit.charts import resettlement as resettlement_charts
from r2pkit.charts import scenario as scenario_charts
from r2pkit.resettlement import allocate, arrivals, fair_shares, host_pressure, scenario, stakeholders
from r2pkit.widgets.resettlement import fair_share_calculator, framing_explorer
from r2pkit.widgets.scenario import scenario_explorer

refugees = data.load("syria_refugees_by_host")             # UNHCR: Syrian refugees by host, end of each year
indicators = data.load("country_indicators")               # World Bank: population and GDP
resettled = data.load("syria_resettlement_arrivals")       # UNHCR: resettlement arrivals of Syrians, by state and year
stakeholder_map = data.load("resettlement_stakeholders")   # the article's actors against five framings
pd.set_option("display.max_colwidth", None)                # show whole sentences in tables


def listing(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# %% [markdown]
# ## 1. Two frameworks, three links
#
# R2P and refugee law grew up apart: ‘R2P is about protection from mass atrocities and
# international refugee law is largely about protection from persecution.’ (Resettlement article,
# 'The Responsibility to Resettle Refugees', fnn 22–23) Refugee law is hard law; R2P's third
# pillar is not. **Resettlement** sits between them:
#
# > ‘Resettlement involves the selection and transfer of refugees from a state in which they have
# > sought protection to a third state which has agreed to facilitate their arrival and admit them
# > as refugees.’ (same section, fn 30)
#
# > ‘Resettlement resembles Pillar III of R2P because both are without legal obligation.’ (same
# > section, sentence before fn 31)
#
# The article sorts the literature's links between R2P and refugee protection into three themes,
# one section each:
#
# | Theme (section heading) | The article's words |
# |---|---|
# | 'R2P Populations are Refugees' | ‘Thus, all R2P populations that cross an international border are conceptually refugees requiring international protection.’ (sentence after fn 38) |
# | 'Refugee Protection Protects R2P Populations' | ‘providing refugee protection is a practical way of protecting populations from mass atrocities’ (first sentence); the UN working group considered ‘steps to facilitate asylum and non-refoulement’ (fn 41) |
# | 'Refugee Protection is a First Response under R2P' | ‘using refugee protection as a first response in discharging Pillar III of R2P is a method that states can execute on their own regardless of non-consensus on the UN Security Council’ (last sentence, after fn 49) |
#
# The third theme is the one that matters for Syria: a response that needs no Security Council
# vote. Notebook 02 showed the vetoes that blocked the Council.
#
# ## 2. After the border: where does R2P apply?
#
# Scholars, the article says, read R2P broadly: ‘There is a presumption amongst academics that R2P
# is not to be limited to an in-situ response’ (Resettlement article, 'What is the ‘Ratione Loci’
# for the R2P Response?', fn 73). The article doubts it. Refoulement is reported, but ‘its
# occurrence is still small in comparison to the large numbers of Syrians being hosted by states
# near the conflict in Syria’ (fn 75), so ‘once these populations cross an international border,
# the threat of mass atrocities from the manifestly failing state lessens significantly thereby
# diminishing the international community’s protection responsibilities under R2P.’ (sentence after
# fn 75) From then on ‘the Refugee Convention replaces R2P as the protection mechanism except in the
# case of refoulement (or new cases of mass atrocities in the host state).’ (sentence before fn 77)
#
# The data cannot weigh one side of that comparison: for refoulement, ‘the actual numbers remain
# unknown’ (fn 75), and the kit has no dataset of people turned back. They can show the other
# side: how many Syrians the states near the conflict hosted, and how heavily that weighed on
# them. The next cell computes three measures of **host pressure** for the end of 2016, the last
# full year before the article's sources were accessed (fn 13): refugees per 1,000 inhabitants,
# refugees per US$1 of GDP per head (the number weighed by how rich the host is), and the host's
# share of all Syrian refugees.

# %% jupyter={"source_hidden": true}
# Compute the pressure on the five neighbouring hosts and four remote states
ARTICLE_YEAR = 2016   # the last full year before the article's sources were accessed (June 2017, fn 13)
NEIGHBOURS = ["TUR", "LBN", "JOR", "IRQ", "EGY"]   # the hosts the UK scheme resettled from (fn 112)
REMOTE = ["DEU", "SWE", "GBR", "CAN"]              # four states far from Syria, for comparison
pressure = host_pressure(refugees, indicators, ARTICLE_YEAR, NEIGHBOURS + REMOTE)
readable(pressure.set_index("host")[["refugees", "per_1000", "per_usd_gdp_per_head", "share_of_world"]]
         .sort_values("per_1000", ascending=False)
         .round({"per_1000": 1, "per_usd_gdp_per_head": 1, "share_of_world": 3}))

# %% jupyter={"source_hidden": true}
# Compare the neighbours' share of refugees with the remote states'
by_code = pressure.set_index("host_iso3")
near = displacement.share_of_hosts(refugees, ARTICLE_YEAR, NEIGHBOURS)
Markdown(
    f"At the end of {ARTICLE_YEAR} the five neighbouring hosts held **{near.share:.1%}** of all Syrian refugees "
    f"({near.refugees:,} of {near.world:,}). Lebanon had **{by_code.loc['LBN', 'per_1000']:.0f}** per 1,000 "
    f"inhabitants; the United Kingdom **{by_code.loc['GBR', 'per_1000']:.2f}**, and Germany, the remote state "
    f"hosting most, **{by_code.loc['DEU', 'per_1000']:.1f}**. Weighed by wealth, Türkiye comes first, with "
    f"**{by_code.loc['TUR', 'per_usd_gdp_per_head']:.0f}** refugees per US$1 of GDP per head. (UNHCR counts "
    "registered refugees; Lebanon stopped registering Syrians in 2015, and Türkiye's figures are of people under "
    "temporary protection: see the dataset's notes and notebook 02.)"
)

# %% [markdown]
# ## 3. Why civil society and humanitarian organisations avoid R2P language
#
# UNHCR's work for refugees has been called ‘R2P in practice’ ('Refugee Protection Protects R2P
# Populations', fn 43). Why, then, does almost nobody say so? The article's answer is that every
# group it studies has its own reason to keep the two apart:
#
# > ‘civil society, humanitarian organisations and migration practitioners are hesitant to make a
# > link between the two frameworks because they find it counterproductive to attach R2P language
# > in their advocacy to states for greater protection of populations fleeing mass atrocities.’
# > (Resettlement article, 'Introduction')
#
# - **Civil society organisations**: ‘the ‘jargon-y’ phrase R2P is considered toxic by elites in
#   government due to the Libya intervention and its resulting humanitarian crisis.’ ('Missing in
#   Action: Civil Society, Humanitarian Organisations and Migration Practitioners', sentence after
#   fn 95)
# - **Humanitarian organisations**: ‘Neutrality is an imperative for humanitarian organisations,
#   and thus, it is natural for them to distance their work from R2P if it is (incorrectly)
#   associated primarily with military intervention.’ (same section, sentence after fn 100) MSF and
#   Oxfam are the article's examples (fnn 99–104).
# - **Migration practitioners**: they ‘argue international refugee law is the proper protection
#   mechanism for refugees’ and ‘fear that the soft law political norm of R2P, which is still
#   contested, will erode and narrow the hard law quality of international refugee law.’ (same
#   section, fn 105)
# - **States**: tying R2P to asylum ‘may scare states away if they are required to increasingly
#   facilitate and offer asylum to refugees.’ ('Engaging Divergent Interests', sentence after
#   fn 111)
#
# ### The stakeholder map
#
# The kit's dataset `resettlement_stakeholders` sets the article's actors against five framings of
# a response. Each cell gives the actor's **support** as the article presents it (supports, open
# to, divided, wary, resists), whether the article **reports** it (from the literature or the
# author's interviews) or **argues** it (its own expectation, marked with an asterisk in the map),
# a one-line reason, the article's words and where they are. Where the article says nothing, the
# cell says **not discussed**: the kit does not fill it in. Hover over a cell for its reason.

# %% jupyter={"source_hidden": true}
# Chart who supports which response: the stakeholder map
resettlement_charts.stakeholder_heatmap(stakeholder_map)

# %% jupyter={"source_hidden": true}
# Count what the article reports, infers or leaves out
basis = stakeholder_map["basis"].value_counts()
silent_rows = stakeholder_map[stakeholder_map["support"] == "not discussed"].groupby("actor").size()
Markdown(
    f"Of the map's {len(stakeholder_map)} cells, the article **reports** {basis.get('reported', 0)}, **argues** "
    f"{basis.get('argued', 0)}, and is **silent** on {basis.get('not discussed', 0)}. It is silent most about "
    f"the host states ({silent_rows.get('host states', 0)} of {stakeholder_map['framing'].nunique()} framings): "
    "it argues about what resettlement would do for them but does not report what they think."
)

# %% [markdown]
# For one framing, the next cell says who supports it, who resists it, and why.
# Here is R2P language in advocacy:

# %% jupyter={"source_hidden": true}
# Show who supports R2P language in advocacy, and why
stakeholders.framing_support("R2P language in advocacy", stakeholder_map)[["actor", "support", "basis", "reason"]]

# %% [markdown]
# ### Explore: the framing explorer
#
# Choose a framing: the sentence says who supports and who resists it, the list gives each actor's
# reason and source, and the map outlines the framing's column.
#
# *The widget needs the notebook to be running: if you see only one line of text, run the cell.*

# %% jupyter={"source_hidden": true}
# The framing explorer: choose a framing
framing_explorer(stakeholder_map, "resettlement linked to R2P")

# %% [markdown]
# ## 4. Resettlement: the response that could reconcile them
#
# The article's proposal answers each group's objection. To states it offers control: ‘linking R2P
# to resettlement may have a different result. First, resettlement occurs on a far smaller scale
# than asylum, which may be more politically palatable to states with economic concerns and
# domestic constituencies resistant to immigration. Selling the link between R2P and resettlement
# to states allows state control over immigration in terms of numbers and pre-screening in the
# anti-terrorism climate while reconceptualising states as good actors.’ ('Engaging Divergent
# Interests', text before fn 112) To civil society it offers a platform: ‘Linking R2P and
# resettlement gives CSOs a platform for advocacy, which may influence state behaviour over time.’
# (same section, text after fn 114) And it is not military: R2P support ‘would be reinvigorated
# for states, CSOs and humanitarian organisations if its connection to non-coercive measures would
# take precedence over its military option.’ (same section, fn 118)
#
# Its example is the **UK's Syrian Vulnerable Persons scheme** (SVP): ‘the UK’s decision to offer
# resettlement to 20,000 Syrian refugees over five years, in addition to being the one of the
# largest donors of financial assistance to the region, may not be enough on a moral scale, but
# may be all that is required by R2P in terms of ‘helping’ to protect populations from mass
# atrocities.’ ('Engaging Divergent Interests', text after fn 112) The scheme ‘intends to resettle
# 20,000 Syrian refugees from refugee camps in Jordan, Lebanon, Iraq, Egypt and Turkey over the
# period from September 2015 to May 2020.’ (fn 112) And it came from public pressure: ‘the SVP
# program in the UK was a response to public outcry from the pictures of Aylan Kurdi’ (fn 116).
#
# ### What resettlement of Syrians looked like
#
# The kit's dataset `syria_resettlement_arrivals` holds every resettlement arrival of Syrians that
# governments reported to UNHCR, by state and calendar year.

# %% jupyter={"source_hidden": true}
# Chart Syrian resettlement arrivals by state and year
resettlement_charts.arrivals_chart(resettled)

# %% jupyter={"source_hidden": true}
# Count the arrivals by year and the three states that took most
by_year = arrivals.arrivals_by_year(resettled).set_index("year")
total = arrivals.arrivals_by_state(resettled, 2011, 2023)
top3 = total.head(3)
Markdown(
    f"From 2011 to 2023, **{int(total['arrivals'].sum()):,}** Syrians arrived through resettlement in "
    f"{len(total)} states. The peak was {by_year['arrivals'].idxmax()}, with **{int(by_year['arrivals'].max()):,}**. "
    f"{listing(top3['state'].tolist())} took **{top3['arrivals'].sum() / total['arrivals'].sum():.0%}** of them. "
    f"For scale: at the end of {ARTICLE_YEAR} the five neighbouring hosts held {near.refugees:,} Syrian refugees."
)

# %% [markdown]
# ### The UK's pledge against UNHCR's count
#
# Did the UK deliver what it pledged? The next cells set the pledge beside the resettlement arrivals of
# Syrians in the UK in the calendar years the scheme touched.

# %% jupyter={"source_hidden": true}
# Chart the UK's progress towards its 20,000 pledge
pledge = arrivals.pledge_progress(resettled)
resettlement_charts.pledge_chart(pledge)

# %% jupyter={"source_hidden": true}
# Say how far the UK's pledge was met, and when
Markdown(pledge.sentence())

# %% [markdown]
# ### Germany's 2015 admissions were not resettlement
#
# The article mentions Germany only in passing, as one of the states ‘considered most welcoming of
# refugees’: ‘Germany operated an open-door policy that welcomed 900,000 refugees in 2015 and
# another 280,000 in 2016.’ ('Introduction', fn 3) Those were people who arrived and claimed
# asylum, of every nationality. The kit cannot check that figure: it has no table of all arrivals
# in Germany. It can show, for Syrians, how different the two routes were in size.

# %% jupyter={"source_hidden": true}
# Set Germany's refugees beside its resettlement arrivals, 2014–2017
germany = refugees[(refugees["host_iso3"] == "DEU") & refugees["year"].between(2014, 2017)]
germany = germany[["year", "refugees", "asylum_seekers"]].set_index("year")
germany["resettlement_arrivals"] = (resettled[resettled["state_iso3"] == "DEU"].set_index("year")
                                    ["resettlement_arrivals"].reindex(germany.index).fillna(0).astype(int))
readable(germany)

# %% jupyter={"source_hidden": true}
# Compare Germany's asylum intake with its resettlement
grew = germany.loc[2016, "refugees"] - germany.loc[2014, "refugees"]
came = int(germany.loc[2015:2016, "resettlement_arrivals"].sum())
Markdown(
    f"Syrian refugees in Germany rose by **{grew:,}** from the end of 2014 to the end of 2016; resettlement "
    f"brought **{came:,}** Syrians to Germany in 2015–2016, **{came / grew:.1%}** of that rise. The rest came by "
    f"other routes: at the end of 2015, for instance, **{germany.loc[2015, 'asylum_seekers']:,}** Syrians in "
    "Germany were asylum-seekers still waiting for a decision, and the dataset's note says that Germany's separate "
    "humanitarian admission programmes for Syrians (2013–2015) are largely not counted as resettlement."
)

# %% [markdown]
# ## 5. Fair shares against what happened
#
# The article argues that resettlement shares responsibility ‘more evenly’ and that ‘The proximity
# of a state is not the intended factor in terms of allocating responsibilities under R2P.’
# ('The Responsibility to Resettle Syrian Refugees', fnn 51, 53) UNHCR, it notes, ‘has pleaded with
# states to take their fair share of refugees’ ('Missing in Action: Civil Society, Humanitarian
# Organisations and Migration Practitioners', fn 92). Neither says what a
# fair share is. The kit offers three simple **distribution keys**, for a target of
# T places among the chosen states:
#
# - **population**: each state's share is its population ÷ the chosen states' population;
# - **GDP**: its GDP ÷ their GDP (World Bank, current US$);
# - **composite**: a weighted mix, (w_pop × population share + w_gdp × GDP share) ÷ (w_pop + w_gdp),
#   optionally lowered for refugees already hosted: the state hosting most Syrian refugees per head
#   loses the fraction w_hosted of its share, the others in proportion to how many they host per
#   head. The shares are then rescaled to add up to 1.
#
# Each state's **quota** is T × its share. Places are whole people, so the quotas are rounded by
# the **largest-remainder method**: every state first gets its quota rounded down; the places left
# go one each to the states with the largest remainders. The allocations add up exactly to T, and
# no state is more than one person from its quota.
#
# Which states? Those that resettled Syrians in 2011–2023 *and* have World Bank figures in the
# kit's `country_indicators` (which covers the main hosts and resettlement states):

# %% jupyter={"source_hidden": true}
# List the states the fair-share comparison covers
states = arrivals.resettlement_states(resettled, indicators)
covered = total[total["state_iso3"].isin(states)]
Markdown(
    f"**{len(states)} states**: {listing(covered['state'].tolist())}. Together they took "
    f"**{covered['arrivals'].sum() / total['arrivals'].sum():.1%}** of the resettlement arrivals of 2011–2023; "
    f"the other {len(total) - len(covered)} states that resettled Syrians (the largest: "
    f"{listing(total[~total['state_iso3'].isin(states)].head(3)['state'].tolist())}) are left out, since the kit has "
    "no World Bank figures for them."
)

# %% [markdown]
# An example: had these states agreed to share as many places as the UK pledged, by population,
# using the figures of 2015:

# %% jupyter={"source_hidden": true}
# Share 20,000 places among those states by population (2015)
example = allocate(arrivals.UK_PLEDGE.places, "population", states, 2015)
example[["state", "name", "population", "share", "quota", "allocation"]].round({"share": 4, "quota": 1})

# %% jupyter={"source_hidden": true}
# Say what that sharing gives
Markdown(fair_shares.allocation_sentence(example))

# %% [markdown]
# ### What they actually did, against a fair share of it
#
# Now the real test. Take everything these states resettled in 2011–2023, share that total among
# them by population (figures of 2023), and set each state's **actual arrivals** beside its **fair
# share**. The ratio actual ÷ fair share is above 1 for a state that took more than its share.

# %% jupyter={"source_hidden": true}
# Chart each state's resettlement against its fair share by population
by_population = arrivals.compare_with_fair_shares(resettled, "population", states, 2011, 2023)
resettlement_charts.fair_share_chart(by_population)

# %% jupyter={"source_hidden": true}
# Say which states did more or less than their share
Markdown(arrivals.comparison_sentence(by_population))

# %% [markdown]
# Does the verdict depend on the key? The next cell computes the ratio under three keys: population,
# GDP, and a composite (equal weights, lowered by up to half for refugees already hosted per head).

# %% jupyter={"source_hidden": true}
# Compare the states' records under three sharing keys
keys = {"population": ("population", None), "GDP": ("gdp", None),
        "composite, hosted 0.5": ("composite", {"population": 0.5, "gdp": 0.5, "hosted": 0.5})}
ratios = pd.DataFrame({label: arrivals.compare_with_fair_shares(resettled, key, states, 2011, 2023, weights=w)
                       .set_index("name")["ratio"] for label, (key, w) in keys.items()})
ratios.round(2)

# %% jupyter={"source_hidden": true}
# Find the states above or below their share under every key
always_above = ratios.index[(ratios > 1).all(axis=1)].tolist()
always_below = ratios.index[(ratios < 1).all(axis=1)].tolist()
uk = ratios.loc["United Kingdom"]
Markdown(
    f"Under all three keys, **{listing(always_above)}** took more than their fair share, and "
    f"**{listing(always_below)}** less. The UK's ratio runs from {uk.min():.2f} to {uk.max():.2f}: "
    f"{'near its share under every key' if uk.between(0.8, 1.25).all() else 'its verdict depends on the key'}."
)

# %% [markdown]
# Two caveats, which the next cell makes visible for three states: all the Syrians each had resettled
# by the end of 2016, beside UNHCR's count of Syrian **refugees** in it at that date.

# %% jupyter={"source_hidden": true}
# Set Canada's, Germany's and Sweden's arrivals beside UNHCR's counts
so_far = arrivals.arrivals_by_state(resettled, 2011, ARTICLE_YEAR).set_index("state_iso3")["arrivals"]
three = refugees[(refugees["year"] == ARTICLE_YEAR) & refugees["host_iso3"].isin(["CAN", "DEU", "SWE"])]
three = three.set_index("host_iso3")[["host", "refugees"]].assign(resettled_2011_to_2016=so_far)
readable(three)

# %% jupyter={"source_hidden": true}
# Explain why UNHCR's refugee counts leave resettled people out
Markdown(
    f"By the end of {ARTICLE_YEAR} Canada had resettled **{int(three.loc['CAN', 'resettled_2011_to_2016']):,}** "
    f"Syrians, yet UNHCR counted **{int(three.loc['CAN', 'refugees']):,}** Syrian refugees in Canada. So UNHCR's "
    "refugee count leaves out most people resettled there, and the composite key's 'hosted' factor, which uses that "
    "count, does not credit states for the people they resettled. Germany and Sweden show the opposite: their refugee "
    f"counts are **{three.loc['DEU', 'refugees'] / three.loc['DEU', 'resettled_2011_to_2016']:,.0f}** and "
    f"**{three.loc['SWE', 'refugees'] / three.loc['SWE', 'resettled_2011_to_2016']:,.0f}** times what they had "
    "resettled: most of their Syrian refugees came by other routes, which the comparisons above do not count."
)

# %% [markdown]
# ### Matching the UK's pledge
#
# Another yardstick: had every state promised as much as the UK did **for its size**, how many
# places would it have promised, and how many Syrians did it resettle in the pledge's calendar years
# (2015–2020)? Under the population key with the figures of 2015:

# %% jupyter={"source_hidden": true}
# Compute each state's pledge matching the UK's for its population
matching = arrivals.matching_pledges(resettled, "population", states, 2015)
readable(matching[["name", "matching_pledge", "arrivals", "ratio"]].round(2))

# %% jupyter={"source_hidden": true}
# Say what the United States and Germany would have pledged
row = matching.set_index("state")
Markdown(
    f"Matching the UK's {arrivals.UK_PLEDGE.places:,} for its population, the United States would have promised "
    f"**{int(row.loc['USA', 'matching_pledge']):,}** places and Germany **{int(row.loc['DEU', 'matching_pledge']):,}**; "
    f"in 2015–2020 they resettled **{int(row.loc['USA', 'arrivals']):,}** and **{int(row.loc['DEU', 'arrivals']):,}** "
    f"Syrians. {int((matching['ratio'] >= 1).sum())} of the {len(matching)} states resettled at least their "
    "matching number."
)

# %% [markdown]
# **Read these comparisons with care.** They count resettlement only: not the Syrians who came by
# other routes (asylum, Germany's humanitarian admissions), as most did in Germany and Sweden. Arrivals are by
# calendar year, so US figures do not match US fiscal years, and the UK scheme's period (September
# 2015 to May 2020) does not match 2015–2020. UNHCR does not say under which programme a person came.
# And a 'fair share' is only as fair as its key: the keys above are choices, not findings.
#
# ### Explore: the fair-share calculator
#
# Choose a key (and, for the composite key, its weights), a year and the states. By default the
# target is what the chosen states actually resettled that year; untick the box to type your own.
# The chart pairs each state's fair share with what it did; the sentence names the state furthest
# above and furthest below its share. The command line does the same:
# `r2pkit resettlement allocate --target 20000 --key composite --weights population=0.5,gdp=0.5,hosted=0.2`.

# %% jupyter={"source_hidden": true}
# The fair-share calculator: choose a key, a year, states and a target
fair_share_calculator(resettled, indicators, refugees, year=ARTICLE_YEAR)

# %% [markdown]
# ## 6. A scenario model of the argument: a stylised teaching model, not a forecast
#
# The article's practical case for resettlement is a chain of cause and effect. Overburdened hosts
# close up: ‘as states proximate to the refugee flows become too overwhelmed, they are more likely
# to refoule refugees to Syria’ ('The Responsibility to Resettle Syrian Refugees', fn 59).
# Resettlement relieves them: it ‘will encourage host states to keep their borders open and it will
# make room for additional Syrians fleeing mass atrocities in Syria to find refuge’ (same section,
# fn 65). Under pressure, refugees leave again: they are ‘choosing’ to return to Syria, ‘or they are
# risking the dangers of trying to reach Europe.’ (same section, fn 67) The Conclusion puts it in one
# sentence: ‘offering resettlement encourages those states surrounding the crisis to keep their
# borders open and prevents refoulement by ameliorating the enormous burden felt by states proximate
# to those conflicts producing mass refugee flows.’ ('Conclusion')
#
# The kit's scenario model (`r2pkit.resettlement.scenario`) turns that chain into arithmetic, year
# by year, for the five main hosts (Türkiye, Lebanon, Jordan, Iraq, Egypt: the states from which
# the UK's scheme planned to resettle refugees, fn 112):
#
# 1. each host has an **absorption capacity** (refugees per 1,000 inhabitants); its **load** is its
#    refugees ÷ that capacity;
# 2. below capacity its border is fully **open**; above it, openness falls
#    (openness = 1 − closure sensitivity × (load − 1), never below 0), using last year's load;
# 3. of the people reaching its border, a share equal to its openness is **admitted**; the rest are
#    **turned away** (refoulement, closed borders);
# 4. each year the resettlement places take refugees to third states (shared by the hosts'
#    numbers); a share leaves on **onward journeys** and a share **returns** to Syria, both pushed
#    up when a host is over capacity;
# 5. refugees at the end of the year = at the start + admitted − resettled − onward − returned.
#
# It starts from the real number of Syrian refugees in each host at the end of 2012 (UNHCR) and the
# hosts' populations in 2012 (World Bank). Most of its numbers are assumptions, said plainly in the
# table below.

# %% jupyter={"source_hidden": true}
# Start the scenario model at the end of 2012 and list its parameters
start = scenario.starting_point(refugees, indicators)   # end of 2012, five hosts
readable(scenario.describe_parameters()[["name", "value", "unit", "kind", "why"]])

# %% [markdown]
# Two numbers are *calibrated* from the data of 2011–2012 only; the others are *assumptions*.
# Anything after 2012 is kept for the test below. First, the default scenario, and the same scenario
# with no resettlement at all:

# %% jupyter={"source_hidden": true}
# Run the default scenario, with and without resettlement
run = scenario.simulate(start)                               # the default scenario
baseline = scenario.simulate(start, resettlement_places=0)   # the same with no resettlement
Markdown(scenario.scenario_sentence(run, baseline))

# %% jupyter={"source_hidden": true}
# Chart the load on each host in the scenario
scenario_charts.host_load_chart(run, baseline)

# %% jupyter={"source_hidden": true}
# Chart the people turned away in the scenario
scenario_charts.turned_away_chart(run, baseline)

# %% [markdown]
# ### Does the model follow what happened? An honest test
#
# The model knew only 2011–2012. Here is its path beside what UNHCR recorded later. **Off by** is how
# far the model is from the real number of refugees, on average, as a share of the real number
# (0 = perfect, 0.5 = off by half); **bias** is positive when the model has too many refugees.

# %% jupyter={"source_hidden": true}
# Compare the model with UNHCR's counts, host by host
comparison = scenario.compare_with_data(run, refugees)
fit = scenario.misfit(comparison)
readable(fit[["host", "years", "first_year", "last_year", "off_by", "bias"]].round(2))

# %% jupyter={"source_hidden": true}
# Chart the model against the data
scenario_charts.model_vs_data_chart(comparison)

# %% [markdown]
# Why does it miss? Two of its assumptions can be checked against the data: that arrivals stay at
# their 2012 level, and that each host keeps its 2012 share of them.

# %% jupyter={"source_hidden": true}
# Explain where the model departs from the data
five = refugees[refugees["host_iso3"].isin(NEIGHBOURS)].pivot(index="year", columns="host_iso3", values="refugees")
rise = five.sum(axis=1).diff()
turkey_share = five["TUR"] / five.sum(axis=1)
worst = fit[fit["host_iso3"] != "ALL"].sort_values("off_by").iloc[-1]
total_fit = fit.set_index("host_iso3").loc["ALL"]
Markdown(
    f"Over {int(total_fit['first_year'])}–{int(total_fit['last_year'])} the model misses the five hosts' total by "
    f"**{total_fit['off_by']:.0%}** on average, with {'too many' if total_fit['bias'] > 0 else 'too few'} refugees; "
    f"it is furthest from {worst['host']} (off by {worst['off_by']:.0%}). The data show why. The model keeps "
    f"arrivals at {scenario.Parameters().arrivals:,.0f} a year, but the five hosts' refugees rose by "
    f"{rise.loc[2013]:,.0f} in 2013, {rise.loc[2014]:,.0f} in 2014 and {rise.loc[2015]:,.0f} in 2015. And it "
    f"keeps each host's 2012 share of arrivals, while Türkiye's share of the five hosts' refugees grew from "
    f"{turkey_share.loc[2012]:.0%} at the end of 2012 to {turkey_share.loc[2016]:.0%} at the end of 2016."
)

# %% [markdown]
# The model cannot be tested on what matters most for the argument, the people **turned away**:
# for refoulement, as the article itself notes, ‘the actual numbers remain unknown’ ('What is the
# ‘Ratione Loci’ for the R2P Response?', fn 75).
#
# ### Which assumption matters most? A sweep
#
# We run many scenarios with every parameter drawn at random from a wide range and ask which one
# moves the number of people turned away most. The *standardised coefficient* says how much the
# outcome moves when one parameter moves and the others are held still (on ranks, scaled so that
# the parameters can be compared).

# %% jupyter={"source_hidden": true}
# Vary all the parameters 20,000 times and rank their effect
result = scenario.sweep(start, n=20_000, seed=2026)
sensitivity = scenario.sensitivity(result, "turned_away")
scenario_charts.sensitivity_chart(sensitivity)

# %% jupyter={"source_hidden": true}
# Say which parameters matter most
Markdown(scenario.sensitivity_sentence(sensitivity))

# %% jupyter={"source_hidden": true}
# Say where resettlement places rank among them
ranked = sensitivity.set_index("parameter")["rank"]
Markdown(
    f"The three parameters that move the number turned away most are {listing([label(p) for p in sensitivity['parameter'].head(3)])}; "
    f"resettlement places rank **{int(ranked['resettlement_places'])} of {len(ranked)}**. That is a finding about the "
    "model and its ranges, not about the world: it says which numbers one would most need to know."
)

# %% [markdown]
# **What the model leaves out, on purpose.** People turned away by one host do not try another.
# Hosts react only to their load, a year late; real decisions (Lebanon stopping registration in
# 2015, agreements such as the EU–Turkey deal the article mentions in fn 21) are not in it. Money
# (aid to the region) is not in it, although the article says financial support ‘will not
# adequately address these states’ geographical, social and economic limitations’ ('The
# Responsibility to Resettle Syrian Refugees', text after fn 51). The large returns to Syria in the
# latest years of the data are not in it. Its 'refugees' are whatever UNHCR counts (registered
# refugees in Lebanon, people under temporary protection in Türkiye).
#
# ### Explore: the scenario explorer
#
# Move a slider and release it: the sentence under the sliders gives the scenario's results in
# words (people turned away, onward journeys, resettled, the highest load and the lowest openness),
# and the chart follows. Choose the chart to see in the menu **Chart**: *Host load*, *Openness* or *People
# turned away*; it always shows the sliders' current scenario. Tick **Compare with no resettlement**
# to see what resettlement changes.

# %% jupyter={"source_hidden": true}
# The scenario explorer: move the sliders
scenario_explorer(refugees, indicators)

# %% [markdown]
# ## 7. A special responsibility
#
# The article adds a reason for some states to resettle more than others. The UK joined the
# coalition's air strikes in Syria, and ‘Regardless of whether the coalition’s air strikes are
# justified in the fight against terrorism, the strikes continue to create new flows of refugees out
# of Syria, which also means states have a special moral obligation to offer resettlement as
# reparation for contributing to the conditions forcing mass flows of refugees.’ ('The
# Responsibility to Resettle Syrian Refugees', fnn 57–58) It limits the claim: ‘this special
# responsibility to protect only applies in contexts where a potential causative link exists between
# intervention and displacement.’ ('What Does the R2P Response Require?', fn 84)
#
# This is the article's version of an idea notebook 03 explores with Hakimi's **duty to assist**:
# responsibility that comes from what a state did, not from what it can do (notebook 03, section 5,
# 'Contribution: where Hakimi meets the resettlement article', and the case library's air-strikes
# case). The data of this notebook can say how the UK's resettlement compares with a fair share;
# they cannot say whether it discharges a special responsibility, which is a moral judgement, nor
# how many refugees the strikes created: the kit has no data on that.

# %% jupyter={"source_hidden": true}
# Sum up the UK's record for the conclusion
Markdown(
    f"For the record: the UK resettled **{int(by_population.set_index('state').loc['GBR', 'arrivals']):,}** Syrians "
    f"in 2011–2023, **{uk['population']:.2f}** times its fair share by population among the {len(states)} states, "
    f"and {pledge.share:.0%} of its pledge in 2015–2020. A special responsibility would ask for more than a fair "
    "share; how much more, the article does not say."
)

# %% [markdown]
# ## What the data can and cannot say
#
# - They **can** show how heavily Syria's neighbours carried the refugees (section 2), how many Syrians
#   were resettled, where and when (section 4), and how that compares with a fair share under a key
#   you choose (section 5).
# - They **cannot** count refoulement (fn 75), the people a closed border turned back, or the
#   refugees created by air strikes; so the article's central chain of cause and effect can be
#   modelled (section 6) but not measured.
# - The article's own conclusion is modest: ‘If linking R2P and resettlement does not ultimately
#   result in increasing political momentum for resettlement, then resettlement numbers will likely
#   remain unchanged, which means there is no harm in trying to find alternative methods and wider
#   support for protecting people from mass atrocities.’ ('Conclusion')
#
# ## Where next
#
# - **Exercise 04** (`exercises/ex04_resettlement.ipynb`) has questions on this notebook: most
#   are answered with the mouse; one asks you to run a scenario, one to compute a fair share.
# - From a terminal: `r2pkit resettlement allocate --target 20000 --key population --format csv`.
# - The datasets of this notebook: `syria_resettlement_arrivals` and `resettlement_stakeholders`
#   (`data.describe(...)` gives their columns, `data.cite(...)` how to cite them).
