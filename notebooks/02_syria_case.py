# %% [markdown]
# # 02 The Syria case: deadlock and displacement
#
# Syria is the case all three of the kit's sources come back to. The state was
# ‘manifestly failing to protect its population’, in the words of the resettlement article,
# yet the international community ‘has not had an effective response’ (Resettlement
# article, 'The Syrian Context', fnn 12, 16). This notebook looks at three places where
# that failure can be seen in the data:
#
# 1. **The Security Council**: the vetoes that blocked its draft resolutions on Syria.
# 2. **The General Assembly**: who voted against its resolutions on Syria, and whether
#    Monica Hakimi's claim about China and Russia holds.
# 3. **Displacement**: where Syria's refugees went, how heavily they weigh on each host
#    country, and whether the resettlement article's figures hold.
#
# Each time we first quote the sources, then look at the data, and then say plainly
# where the data agree with the sources, where they qualify them, and where they cannot tell.
# Every number in the text below is computed from the kit's datasets when the notebook runs.
#
# **How to use it:** the cells run from the top, in under a minute: in JupyterLab, use the menu
# **Run → Run All Cells**; in the kit's web app (Voilà) they have already run when the page
# appears. You do not need to change any code. Two widgets let you explore on your own.
#
# The first cell loads the kit's tools and the five tables this notebook uses.

# %% jupyter={"source_hidden": true}
# Load the kit's tools and the five datasets this notebook uses
import pandas as pd

from r2pkit import charts, claims, data, displacement, un_votes, widgets
from r2pkit.markdown import Markdown
from r2pkit.syria import CITED_IN_N156, HAKIMI_LAST_VISITED  # Hakimi, p. 253 nn. 38, 40; p. 274 n. 156

vetoes = data.load("unsc_syria_vetoes")            # Security Council vetoes on Syria
resolutions = data.load("unga_syria_resolutions")  # General Assembly resolutions on Syria
votes = data.load("unga_syria_votes")              # each member state's vote on each of them
refugees = data.load("syria_refugees_by_host")     # UNHCR: Syrian refugees by host country
indicators = data.load("country_indicators")       # World Bank: population and GDP


def day(when) -> str:
    """A date written out, e.g. 4 October 2011."""
    return f"{when.day} {when:%B %Y}"


# %% [markdown]
# ## 1. The Security Council: a deadlock
#
# ### What the sources say
#
# The states made the Security Council the only authority for action under R2P's third
# pillar, and its five permanent members (the 'P5') kept their power to block a decision
# with a **veto** (Resettlement article, 'The Historical Context of R2P', fnn 10–11). On
# Syria, the resettlement article gives two reasons for the deadlock:
#
# - Libya. ‘After Libya, states such as Russia, China, Brazil, India and South Africa
#   reaffirmed that regime change is an unacceptable intrusion on sovereignty.’ And ‘Russia
#   and China have explicitly referred to the Libya intervention as the basis for blocking any
#   resolutions that may lead to military intervention in Syria despite the evidence of
#   widespread mass atrocities against the Syrian population.’ (Resettlement article, 'The
#   Syrian Context', fnn 16–17)
# - The way the drafts were written. ‘The P3 [US, UK, and France] have politicised the
#   humanitarian protection of Syrian civilians by linking humanitarian aid with regime change
#   in their drafting of the humanitarian access resolutions during the initial phases of the
#   Syrian conflict.’ ‘This persistent linking of humanitarian aid with a need for political
#   transition has guaranteed that Russia and China would veto such important resolutions.’
#   (Resettlement article, 'The Syrian Context', fnn 18–19)
#
# Hakimi reads the same events through a possible **duty not to obstruct**: such a duty
# ‘would prohibit outside states from impeding measures to protect at-risk populations’
# (Hakimi, Part IV.B.3, p. 273). She notes that ‘In the U.N. Security Council, China and
# Russia repeatedly vetoed or threatened to veto resolutions that would have put pressure on
# the Assad regime.’ But ‘This conduct might be evidence of obstruction but is not
# dispositive’, because states can reasonably disagree about what to do, and ‘China and
# Russia used their vetoes on some Syria resolutions even as they allowed others to pass.’
# (Hakimi, Part IV.B.3, p. 274 & nn. 156–157)
#
# The UNA-UK roundtable of 16 April 2013 asked the UK to ‘work to bring Russia and China on
# board with reforming the working methods of the Council without isolating them’, adding
# that ‘support is needed for the idea of non-use of the veto when grave breaches of
# international law, such as crimes against humanity, genocide, ethnic cleansing and war
# crimes, are imminent or on-going.’ (UNA-UK roundtable summary, session 3 'Intervening to
# protect: When and how?', heading 'On the Security Council', p. 3)
#
# ### The vetoes, one by one
#
# The next cell lists every draft resolution on Syria that failed because of a veto: its
# date, its symbol, who vetoed it, and what it was about in a few words. Look at the
# **vetoed by** column.

# %% jupyter={"source_hidden": true}
# List the vetoed draft resolutions on Syria
charts.readable(vetoes[["date", "draft", "vetoed_by", "subject"]])

# %% [markdown]
# The next cell counts them. (From here on, a sentence printed under a cell has its numbers
# computed from the data, never typed in.)

# %% jupyter={"source_hidden": true}
# Count the vetoes, by Russia and by China
n_drafts = len(vetoes)
per_member = un_votes.veto_summary(vetoes).groupby("member")["vetoes"].sum()
russia_alone = vetoes[vetoes["vetoed_by"] == "Russia"]
Markdown(
    f"From {day(vetoes['date'].min())} to {day(vetoes['date'].max())}, **{n_drafts} draft resolutions** on Syria "
    f"were vetoed. Russia vetoed **{per_member['Russia']}** of them, China **{per_member['China']}**; "
    f"no other permanent member vetoed a draft on Syria. Russia vetoed **{len(russia_alone)}** drafts alone."
)

# %% [markdown]
# ### Vetoes by year
#
# The chart stacks, for each year, the vetoes cast by each member (a draft vetoed by both
# counts once for each). Look for the empty years, and for the colour that appears in
# every year with a veto. Hover over a bar to see which drafts it stands for.

# %% jupyter={"source_hidden": true}
# Chart the vetoes by year and member
charts.vetoes_by_year(vetoes)

# %% [markdown]
# Hakimi writes that, ‘although China and Russia largely synchronized their positions in
# multilateral arenas, Russia did more of the dirty work’ (Hakimi, Part IV.B.3, p. 275 &
# n. 164). The veto data add something her article could not see, because it came later.
#
# Hakimi wrote in 2013–14: the latest web pages she cites were ‘last visited Mar. 10, 2014’
# (Hakimi, Part II, p. 253 nn. 38, 40). The next cell splits the vetoes at that date, and checks
# that the drafts she cites in n. 156 are the ones in the data before it.

# %% jupyter={"source_hidden": true}
# Check Hakimi's footnote 156 against the vetoes before her cut-off date
cut = claims.vetoes_before(vetoes, HAKIMI_LAST_VISITED, CITED_IN_N156, together=["China", "Russia"])
before, after = cut.before, cut.after
Markdown(
    f"Before Hakimi's cut-off there were **{len(before)}** vetoes on Syria ({', '.join(before['draft'])}), "
    + ("exactly the drafts she cites in n. 156" if cut.cited_are_before else "not the same drafts as she cites in n. 156")
    + f"; {'all' if cut.joint == len(before) else cut.joint} of the {len(before)} were cast by China and Russia together. "
    f"Since then there have been **{len(after)}** more, and the first draft vetoed by Russia alone came on "
    f"{day(russia_alone['date'].min())} ({russia_alone['draft'].iloc[0]})."
)

# %% [markdown]
# The roundtable called for non-use of the veto on 16 April 2013. The next cell counts the
# vetoes on Syria cast after that day.

# %% jupyter={"source_hidden": true}
# Count the vetoes after the roundtable's call of April 2013
after_roundtable = vetoes[vetoes["date"] > "2013-04-16"]
Markdown(
    f"After the roundtable's call, **{len(after_roundtable)}** of the {n_drafts} drafts on Syria were vetoed, "
    f"the last on {day(after_roundtable['date'].max())}."
)

# %% [markdown]
# ### What were the vetoed drafts about?
#
# The resettlement article's claim about the P3 is about **how the drafts were written**:
# that they linked humanitarian aid with regime change (fnn 18–19). A list of vetoed drafts
# cannot test that: it would need the texts of the drafts, and also the resolutions that
# passed (which Hakimi mentions in n. 157, but which are not in the kit's data). Be careful,
# too, with the **subject** column: most subjects are short summaries written by the kit, and
# the dataset's note says so. The next cell counts those, and shows which subjects mention a
# political transition or humanitarian aid.

# %% jupyter={"source_hidden": true}
# Count the drafts whose subject is the kit's own summary
summarised = vetoes["note"].fillna("").str.contains("not checked here against the text")
mentions = vetoes[vetoes["subject"].str.contains("transition|humanitarian", case=False)]
first_humanitarian = mentions[mentions["subject"].str.contains("humanitarian", case=False)]["date"].min()
Markdown(
    f"For **{summarised.sum()}** of the {n_drafts} drafts the subject is the kit's own summary, "
    f"not checked against the text of the draft. Of the subjects, **{len(mentions)}** mention a political "
    f"transition or humanitarian aid ({', '.join(mentions['draft'])}). The first vetoed draft whose subject "
    f"mentions humanitarian aid is dated {day(first_humanitarian)}: later than the ‘initial phases of the Syrian "
    "conflict’ of which the article speaks. The article's point may still be right about how drafts were "
    "negotiated, or about drafts that were never put to a vote; these data cannot tell."
)

# %% [markdown]
# ## 2. The General Assembly: who voted against?
#
# In the General Assembly every member state votes and nobody has a veto; but the states did
# not let responsibility for action under R2P pass to the Assembly when the Council fails
# to act (Resettlement article, 'The Historical Context of R2P', fn 10). A member can vote
# **yes**, **no** or **abstain**; in the kit's data **absent** means that no vote is recorded
# for it.
#
# ### The resolutions
#
# The next cell lists the General Assembly's resolutions on the Syrian conflict, with their
# tallies (yes–no–abstain). Look at the column **every member's vote in the data**: two resolutions are
# missing from the member-by-member voting data.

# %% jupyter={"source_hidden": true}
# List the General Assembly resolutions on Syria with their tallies
charts.readable(resolutions[["resolution", "date", "title", "yes", "no", "abstain", "in_roll_call_data"]])

# %% [markdown]
# The next cell says what the table holds, and where its tallies come from.

# %% jupyter={"source_hidden": true}
# Count the resolutions with and without every member's vote
with_votes = resolutions[resolutions["in_roll_call_data"]]
without = resolutions[~resolutions["in_roll_call_data"]]
tally_from_hakimi = without[without["source"].str.contains("Hakimi")]
computed = (with_votes["yes"].astype(str) + "-" + with_votes["no"].astype(str) + "-" + with_votes["abstain"].astype(str))
checked = with_votes[with_votes["official_tally"].notna()]
differ = checked[checked["official_tally"] != computed[checked.index]]
Markdown(
    f"The table has **{len(resolutions)}** resolutions, {day(resolutions['date'].min())} to "
    f"{day(resolutions['date'].max())}. For **{len(with_votes)}** of them the kit has every member's vote. "
    f"{len(without)} are missing from the voting data: {', '.join(without['resolution'])}. "
    f"For {', '.join(tally_from_hakimi['resolution'])} the tally in the table is the one Hakimi gives in n. 161, "
    "so it cannot be used to check her; the other has no tally at all. "
    f"The kit could check {len(checked)} of the computed tallies against the official UN record "
    "(columns `official_tally` and `official_source`): "
    + (f"**{len(differ)}** differ, " + ", ".join(f"{r.resolution} (data {computed[i]}, official {r.official_tally})"
                                               for i, r in differ.iterrows())
       + ": quote the official tally, and read the `note`, which says whose vote appears to be missing. "
       if len(differ) else "all agree. ")
    + f"The other {len(with_votes) - len(checked)} were not checked."
)

# %% [markdown]
# Hakimi cites two General Assembly votes in n. 161: the meeting of Feb. 16, 2012
# ‘(vote of 137-12-17)’ and that of Aug. 3, 2012 ‘(vote of 133-12-31)’ (Hakimi, Part IV.B.3,
# p. 274 n. 161). The first is in the voting data, as A/RES/66/253. The next cell recounts its
# tally from the members' votes.

# %% jupyter={"source_hidden": true}
# Recount the February 2012 resolution from the members' votes
feb_2012 = votes[votes["resolution"] == "A/RES/66/253"]["vote"].value_counts()
Markdown(
    f"Counted from the members' votes, A/RES/66/253 (16 February 2012) was adopted "
    f"**{feb_2012['yes']}-{feb_2012['no']}-{feb_2012['abstain']}** (yes-no-abstain), with "
    f"{feb_2012['absent']} members recording no vote: the same tally as Hakimi's."
)

# %% [markdown]
# ### Hakimi's claim
#
# > ‘China and Russia were consistently among a handful of states in the U.N. General
# > Assembly and Human Rights Council that voted against resolutions condemning the Assad
# > regime.’ (Hakimi, Part IV.B.3, pp. 274–75 & nn. 161–162)
#
# The claim has three parts we can test with the data: that they **voted against**, that
# they did so **consistently**, and that they were **among a handful** of states. Two limits
# first. The kit has no data on the Human Rights Council (Hakimi's n. 162), so only the
# General Assembly half is tested here. And the kit lists the resolutions on the Syrian
# conflict; whether each one ‘condemns’ the regime depends on its text, which is not in the data.
#
# ### Did Russia and China always vote no?
#
# The next cell puts Russia's and China's votes side by side, one row per resolution. The
# column **both voted no** says yes when both voted no. Read down that column.

# %% jupyter={"source_hidden": true}
# Find the resolutions on which Russia and China both voted no
hakimi = claims.consistently(votes, ["Russia", "China"], vote="no")
both_no = hakimi.table
charts.readable(both_no, {"all": "both voted no"})

# %% [markdown]
# The next cell turns the table into a sentence.

# %% jupyter={"source_hidden": true}
# Test Hakimi's 'consistently' against the votes
first, since, n_since = hakimi.first, hakimi.since, hakimi.n_since
Markdown(
    f"On the first resolution, **{first['resolution']}** ({day(first['date'])}), Russia voted "
    f"**{first['Russia']}** and China **{first['China']}**: neither voted against. From "
    f"**{since['resolution']}** ({day(since['date'])}) on, both voted no on **all {n_since}** resolutions "
    f"in the data, up to {day(both_no['date'].max())}. "
    + (f"So ‘consistently’ holds from {since['date']:%B %Y}, not from the first resolution."
       if not hakimi.from_first else "So ‘consistently’ holds from the first resolution on.")
)

# %% [markdown]
# ### Only the votes Hakimi could have seen
#
# Hakimi's examples come from what she calls ‘The early stages of the recent crisis in Syria’
# (Hakimi, Part IV.B.3, p. 274), and she wrote before March 2014. Votes after that cannot
# support or refute what she wrote; they only tell us whether the pattern lasted. The next
# cell keeps the votes cast before her cut-off.

# %% jupyter={"source_hidden": true}
# Count the resolutions and votes before Hakimi's cut-off
early_votes = votes[votes["date"] < HAKIMI_LAST_VISITED]
early = un_votes.consistency(early_votes, ["Russia", "China"], vote="no")
early_without = without[without["date"] < HAKIMI_LAST_VISITED]
Markdown(
    f"Before her cut-off the General Assembly adopted **{early['resolution'].nunique()}** resolutions on Syria "
    f"with member votes in the data; Russia and China both voted no on **{int(early['all'].sum())}** of them "
    f"(on {early.iloc[0]['resolution']}, Russia voted {early.iloc[0]['Russia']} and China {early.iloc[0]['China']}). "
    f"{len(early_without)} more fall in that period but have no member votes: "
    f"{', '.join(early_without['resolution'])}."
)

# %% [markdown]
# ### How big is the ‘handful’?
#
# The chart shows how many member states voted no on each resolution. The solid dark bars are
# the resolutions adopted before Hakimi's cut-off, the pale outlined ones those adopted after it.
# Hover over a bar to see who voted no.

# %% jupyter={"source_hidden": true}
# Chart the no votes on each resolution, with Hakimi's cut-off marked
charts.ga_no_votes(votes, cutoff=HAKIMI_LAST_VISITED, cutoff_label="March 2014")

# %% [markdown]
# The same figures as a table, with the names of the states that voted no:

# %% jupyter={"source_hidden": true}
# Count the member states that voted no on each resolution
who_voted_no = un_votes.no_votes(votes)
charts.readable(who_voted_no, {"count": "no votes", "countries": "who voted no"})

# %% [markdown]
# The next cell sums it up: how many voted no, out of how many members, and which states
# voted no on every resolution from February 2012 to Hakimi's cut-off.

# %% jupyter={"source_hidden": true}
# Test 'among a handful of states' against the votes
few = claims.handful(votes, until=HAKIMI_LAST_VISITED)
members = few.members
core = claims.core(votes, start=since["date"], until=HAKIMI_LAST_VISITED)  # voted no every time
Markdown(
    f"Out of {members} member states, between **{few.low} and {few.high}** voted no "
    f"on each resolution before Hakimi's cut-off, and between **{few.low_all} and "
    f"{few.high_all}** on all {few.resolutions} resolutions up to "
    f"{few.last_year}. From {since['date']:%B %Y} to her cut-off, **{len(core)}** states voted no "
    f"every time: {', '.join(core)}. A small group out of {members}: the data bear out this part of the claim."
)

# %% [markdown]
# ### What about Brazil, India and South Africa?
#
# The resettlement article groups Brazil, India and South Africa with Russia and China
# among the states that, after Libya, ‘reaffirmed that regime change is an unacceptable
# intrusion on sovereignty’ (Resettlement article, 'The Syrian Context', fn 16). Did they
# also vote with Russia and China in the General Assembly? The chart shows their votes
# (Y yes, N no, A abstain).

# %% jupyter={"source_hidden": true}
# Chart five members' votes, resolution by resolution
charts.voting_record_chart(votes, ["Russia", "China", "Brazil", "India", "South Africa"])

# %% [markdown]
# In sentences:

# %% jupyter={"source_hidden": true}
# Say how often Brazil, India and South Africa voted as Russia did
Markdown(" ".join(un_votes.agreement_sentence(votes, member, "Russia") for member in ["Brazil", "India", "South Africa"])
         + " Whatever they shared with Russia and China about regime change, these three did not vote with them "
         "in the General Assembly.")

# %% [markdown]
# ### Who voted most like Russia?
#
# The next table ranks the member states by how often they cast the same vote as Russia.
# The rule: a resolution counts only if both cast a vote on it (yes, no or abstain); where
# either has no vote recorded, it is left out. **Share the same** is **same vote** ÷ **votes compared**.

# %% jupyter={"source_hidden": true}
# Rank the member states by how often they voted as Russia did
like_russia = un_votes.agreement_table(votes, "Russia")
charts.readable(like_russia.head(15), {"same": "same vote", "compared": "votes compared", "share": "share the same"})

# %% [markdown]
# ### Explore: any member state
#
# Pick a member state in the menu. The sentence says how often it voted as Russia did; the
# grid and the table show its vote on each resolution beside Russia's. Try your own country,
# then Iran, Ecuador or Turkey. (Hover over a cell of the grid for its details.)
#
# *The widget needs the notebook to be running: if you see only text, run the cell.*

# %% jupyter={"source_hidden": true}
# The member explorer: choose a member state
widgets.member_explorer(votes, "United Kingdom")

# %% [markdown]
# ## 3. Displacement: where did Syria's refugees go?
#
# The figures here are UNHCR's: Syrians **recognised as refugees under UNHCR's mandate**
# (registered refugees, or people under Türkiye's temporary protection) at the **end of each
# year**, by the country that hosts them. They are not a count of every Syrian who left. Read
# the `note` column of the dataset for the details; two matter below: Lebanon stopped new
# registration of Syrians in 2015, and recent years are subject to revision.
#
# ### Refugees over time
#
# The chart shows the five largest hosts and, dashed, the total in all countries. Look at
# when the total rose fastest, and which host carried most of it.

# %% jupyter={"source_hidden": true}
# Chart the Syrian refugees in the five largest hosts over time
charts.refugees_over_time(refugees, top=5, with_world=True)

# %% [markdown]
# The next cell reads the world total off the data.

# %% jupyter={"source_hidden": true}
# Give the world total of Syrian refugees: first, peak and latest
world = displacement.world_totals(refugees).set_index("year")["refugees"]
Markdown(
    f"At the end of {world.index.min()}, **{world.iloc[0]:,}** Syrians were refugees under UNHCR's mandate; "
    f"the number peaked at **{world.max():,}** at the end of {world.idxmax()}, and stood at "
    f"**{world.iloc[-1]:,}** at the end of {world.index.max()}."
)

# %% [markdown]
# ### Claim 1: ‘almost 5 million’
#
# > ‘The almost 5 million who have fled Syria since 2011 are concentrated in Lebanon, Turkey,
# > Jordan, Egypt, North Africa, and Iraq, states proximate to Syria.’ (Resettlement article,
# > 'The Syrian Context', fn 13)
#
# The article's sources for this were accessed on 21 June 2017 (fn 13), so the last full year
# its figure can describe is 2016. Its sources are two UNHCR web pages, ‘Syria Emergency’ and
# ‘Syria Regional Refugee Response’; the second, as its name says, covers the region around
# Syria. The next cell compares
# the article's figure with the world total, and with the total of the neighbouring hosts it
# names that are in the kit's data.

# %% jupyter={"source_hidden": true}
# Test the article's 'almost 5 million' against UNHCR's counts
ARTICLE_YEAR = 2016  # the last full year before the article's sources were accessed (June 2017, fn 13)
neighbours = ["Lebanon", "Türkiye", "Jordan", "Egypt", "Iraq"]  # the hosts the article names, as in the data
region = displacement.share_of_hosts(refugees, ARTICLE_YEAR, neighbours)


def almost_5_million(n: int) -> bool:
    """Our reading of ‘almost 5 million’: at least 4.5 million, but under 5 million."""
    return claims.almost(n, 5_000_000, margin=0.1)


counts = {
    f"the world total at the end of {ARTICLE_YEAR - 1}": world[ARTICLE_YEAR - 1],
    f"the world total at the end of {ARTICLE_YEAR}": world[ARTICLE_YEAR],
    f"the neighbours' total at the end of {ARTICLE_YEAR}": region.refugees,
}
fit = [name for name, n in counts.items() if almost_5_million(n)]
Markdown(
    f"The kit's data give **{world[ARTICLE_YEAR - 1]:,}** Syrian refugees in all countries at the end of "
    f"{ARTICLE_YEAR - 1}, and **{world[ARTICLE_YEAR]:,}** at the end of {ARTICLE_YEAR}. "
    f"In {', '.join(region.hosts[:-1])} and {region.hosts[-1]} together there were **{region.refugees:,}** "
    f"at the end of {ARTICLE_YEAR}. Reading ‘almost 5 million’ as between 4.5 and 5 million, it fits "
    f"{' and '.join(fit) if fit else 'none of these'}"
    + (f", not {', '.join(n for n in counts if n not in fit)}." if len(fit) < len(counts) else ".")
    + " (The kit's data cover no other North African country; and they count registered refugees, "
    "not everyone who fled.)"
)

# %% [markdown]
# ### Claim 2: ‘80% of the refugee population is concentrated in Lebanon, Turkey, Jordan and Iraq’
#
# > ‘This is especially true as 80% of the refugee population is concentrated in Lebanon,
# > Turkey, Jordan and Iraq, where refugees make up a significant proportion of the
# > population, especially in Lebanon where 25% of the population is a refugee.’
# > (Resettlement article, 'The Responsibility to Resettle Syrian Refugees'; the sentence
# > follows fn 66 and has no footnote of its own)
#
# The next cell computes, for every year, the share of all Syrian refugees that these four
# countries hosted.

# %% jupyter={"source_hidden": true}
# Compute the share of refugees in Lebanon, Türkiye, Jordan and Iraq, year by year
four = ["Lebanon", "Türkiye", "Jordan", "Iraq"]
four_share = claims.share_by_year(refugees, four)
charts.readable(four_share.assign(share=four_share["share"].round(3)),
                {"refugees": "in the four", "world": "in all countries", "share": "share in the four"})

# %% [markdown]
# In a sentence:

# %% jupyter={"source_hidden": true}
# Test the article's '80% in four countries' against those shares
at = four_share.set_index("year")["share"]
above, every_year, later_below = claims.years_above(four_share, 0.8)
Markdown(
    f"At the end of {ARTICLE_YEAR}, the four countries hosted **{at[ARTICLE_YEAR]:.1%}** of all Syrian refugees "
    f"(**{at[ARTICLE_YEAR - 1]:.1%}** a year earlier). The share was above 80% in "
    f"{'every year' if every_year else f'{len(above)} of the years'} from {above[0]} to "
    f"{above[-1]} (in {at.index.min()}, the first year, few Syrians were yet registered as refugees)"
    + (f", and below it from {later_below} on ({at.iloc[-1]:.1%} at the end of {at.index.max()})."
       if later_below is not None else ".")
    + (" Around the time the article was written the data do not contradict it: they give a **higher** share "
       "than its ‘80%’." if at[ARTICLE_YEAR] > 0.8 else " Around the time the article was written the data "
       "give a **lower** share than its ‘80%’.")
    + " (The article's ‘Turkey’ is UNHCR's ‘Türkiye’, whose figures are of people under the "
    "government's temporary protection.)"
)

# %% [markdown]
# ### Claim 3: ‘in Lebanon where 25% of the population is a refugee’
#
# To test this we need Lebanon's population, from the World Bank. The kit joins the
# two datasets by country and year. The next cell shows Lebanon, year by year: its Syrian
# refugees, its population, and the refugees per 1,000 inhabitants and per cent of the
# population.

# %% jupyter={"source_hidden": true}
# Show Lebanon's refugees against its population, year by year
lebanon = displacement.host_pressure(refugees, indicators, hosts="Lebanon")
charts.readable(lebanon[["year", "refugees", "population", "per_1000", "pct_of_population"]].round(1))

# %% [markdown]
# The next cell compares the article's ‘25%’ with these figures, and tries a different
# denominator: Lebanon's population in 2010, before the war.

# %% jupyter={"source_hidden": true}
# Test 'in Lebanon a quarter of the population is a refugee'
quarter = claims.population_share(refugees, indicators, "Lebanon", ARTICLE_YEAR, threshold=0.25)
leb = quarter.table
peak_year, pre_war, needed = quarter.peak_year, quarter.baseline_population, quarter.needed
Markdown(
    f"Registered Syrian refugees were **{leb.loc[ARTICLE_YEAR, 'pct_of_population']:.1f}%** of Lebanon's "
    f"population at the end of {ARTICLE_YEAR} ({leb.loc[ARTICLE_YEAR, 'per_1000']:.0f} per 1,000), and at most "
    f"**{leb.loc[peak_year, 'pct_of_population']:.1f}%**, in {peak_year}. Measured against the population of 2010 "
    f"({pre_war:,}), the {peak_year} figure would be {100 * leb.loc[peak_year, 'refugees'] / pre_war:.1f}%. "
    f"For refugees to be 25% of the {ARTICLE_YEAR} population there would have to have been about "
    f"**{needed:,.0f}**, some {needed - leb.loc[ARTICLE_YEAR, 'refugees']:,.0f} more than UNHCR counted. "
    + ("With registered refugees, the data never reach the article's 25%."
       if leb["pct_of_population"].max() < 25 else "In some years the data reach the article's 25%.")
)

# %% [markdown]
# Where the data and the article differ, the difference may come from what is counted:
#
# - UNHCR counts **registered** Syrian refugees, and Lebanon stopped new registration in 2015
#   (the dataset's `note`); Syrians who were never registered are not in the count.
# - The kit's data cover **Syrian** refugees only; refugees of other nationalities in Lebanon
#   are not in them.
# - The World Bank's population counts residents, and for Lebanon it appears to **include the
#   refugees already**: it jumps in the first years of the war (see the table above), and the
#   dataset's `note` says so. That makes our share a share of everyone living in Lebanon,
#   refugees included.
#
# The article gives no source for its ‘25%’, so the kit's data cannot say which of these it
# counted. The safe reading: by UNHCR's and the World Bank's figures, registered Syrian refugees
# were well under a quarter of the people living in Lebanon; by other counts the share may
# have been higher.
#
# ### Host pressure: three ways to measure the load
#
# The number of refugees is one measure of the load on a host. Two others set it against the
# host's size and wealth: **refugees per 1,000 inhabitants**, and **refugees per US$1 of GDP per
# head** (a poorer host carries the same number of refugees with fewer resources; GDP is in
# current US dollars, not adjusted for prices). The next cell shows all three for every host
# in the data, in the article's year.

# %% jupyter={"source_hidden": true}
# Rank the hosts by three measures of pressure
pressure = displacement.host_pressure(refugees, indicators, ARTICLE_YEAR)
charts.readable(pressure[["host", "refugees", "population", "per_1000", "gdp_per_head", "per_usd_gdp_per_head"]]
                .sort_values("per_1000", ascending=False).round(1))

# %% [markdown]
# The ranking changes with the measure. The next cell names the first three hosts by each.

# %% jupyter={"source_hidden": true}
# List the top three hosts by each measure
Markdown("\n".join(
    f"- {label}: {', '.join(displacement.rank_hosts(refugees, indicators, ARTICLE_YEAR, measure, top=3)['host'])}"
    for measure, label in displacement.measures(refugees).items()
))

# %% [markdown]
# Two of those rankings as charts. First, per 1,000 inhabitants (Lebanon highlighted):

# %% jupyter={"source_hidden": true}
# Chart refugees per 1,000 inhabitants, Lebanon highlighted
charts.host_pressure_chart(refugees, indicators, ARTICLE_YEAR, "per_1000", highlight="Lebanon")

# %% [markdown]
# Then per US$1 of GDP per head, which weighs the load by the host's wealth:

# %% jupyter={"source_hidden": true}
# Chart refugees per US$1 of GDP per head, Türkiye highlighted
charts.host_pressure_chart(refugees, indicators, ARTICLE_YEAR, "per_usd_gdp_per_head", top=10, highlight="Türkiye")

# %% [markdown]
# The resettlement article's case is the United Kingdom. For comparison, the next cell
# places it on the same scale.

# %% jupyter={"source_hidden": true}
# Place the United Kingdom and Lebanon on the same scale
Markdown(displacement.host_pressure_sentence(refugees, indicators, "United Kingdom", ARTICLE_YEAR, "per_1000")
         + " " + displacement.host_pressure_sentence(refugees, indicators, "Lebanon", ARTICLE_YEAR, "per_1000"))

# %% [markdown]
# ### Explore: host pressure
#
# Choose a host, a year and a measure. The sentence describes that host; the chart ranks all
# hosts by the measure, with your host outlined, marked » and in orange-red. The years run as far as the measure
# has figures: the number of refugees to UNHCR's latest year, the measures per head only as
# far as the World Bank's population and GDP. Try: where does Germany rank per 1,000
# inhabitants in 2014, and ten years later? Which host comes first per US$1 of GDP per head
# in 2013?
#
# *The widget needs the notebook to be running: if you see only text, run the cell.*

# %% jupyter={"source_hidden": true}
# The host pressure explorer: choose a host, a year and a measure
widgets.host_pressure_explorer(refugees, indicators, "Lebanon", ARTICLE_YEAR, "per_1000")

# %% [markdown]
# ## 4. The claims and the data, side by side
#
# The table gathers what this notebook found. Each figure is computed above; the table is
# built from those results.

# %% jupyter={"source_hidden": true}
# Gather the claims and what the data say into one table
claims = pd.DataFrame({
    "claim": [
        "Russia and China blocked drafts on Syria (Resettlement article, 'The Syrian Context', fnn 17–19; "
        "Hakimi, p. 274 n. 156)",
        "China and Russia ‘consistently’ voted against (Hakimi, pp. 274–75 n. 161)",
        "… ‘among a handful of states’ (Hakimi, pp. 274–75 n. 161)",
        "‘almost 5 million who have fled Syria since 2011’ (Resettlement article, 'The Syrian Context', fn 13)",
        "‘80% of the refugee population is concentrated in Lebanon, Turkey, Jordan and Iraq’ (Resettlement "
        "article, 'The Responsibility to Resettle Syrian Refugees')",
        "‘in Lebanon where 25% of the population is a refugee’ (same sentence)",
    ],
    "what the data say": [
        f"{n_drafts} vetoed drafts, {day(vetoes['date'].min())} – {day(vetoes['date'].max())}: Russia "
        f"{per_member['Russia']}, China {per_member['China']}; {len(before)} before Hakimi's cut-off.",
        f"Russia: {first['Russia']}, China: {first['China']} on {first['resolution']} ({first['date']:%b %Y}); "
        f"both no on all {n_since} from "
        f"{since['resolution']} ({since['date']:%b %Y}). Holds from {since['date']:%b %Y}.",
        f"{few.low}–{few.high} no votes out of {members} before "
        f"{pd.Timestamp(HAKIMI_LAST_VISITED):%B %Y}; "
        f"{few.low_all}–{few.high_all} up to "
        f"{few.last_year}: a small group.",
        f"World: {world[ARTICLE_YEAR - 1]:,} (end {ARTICLE_YEAR - 1}), {world[ARTICLE_YEAR]:,} (end {ARTICLE_YEAR}); "
        f"neighbours named: {region.refugees:,} (end {ARTICLE_YEAR}). Fits: {' and '.join(fit) or 'none'}.",
        f"{at[ARTICLE_YEAR]:.1%} at end {ARTICLE_YEAR} ({at[ARTICLE_YEAR - 1]:.1%} at end {ARTICLE_YEAR - 1}). "
        + ("Higher than the article says." if at[ARTICLE_YEAR] > 0.8 else "Lower than the article says."),
        f"{leb.loc[ARTICLE_YEAR, 'pct_of_population']:.1f}% at end {ARTICLE_YEAR}; at most "
        f"{leb.loc[peak_year, 'pct_of_population']:.1f}% ({peak_year}). "
        + ("Never 25% with registered refugees." if leb["pct_of_population"].max() < 25 else "25% reached."),
    ],
})
Markdown(claims.to_markdown(index=False))

# %% [markdown]
# ## Where next
#
# - **Notebook 03** takes up Hakimi's idea of a *bundle* of R2P duties held by particular
#   states: duties to respect, to protect, not to obstruct, and to assist (Hakimi, Part IV.B,
#   pp. 267–79). The vetoes and votes seen here are her example of the duty not to obstruct.
# - **Exercise 02** (`exercises/ex02_syria.ipynb`) has questions on this notebook: reading the
#   charts, classifying votes, and judging the sources' claims against the data.
#
# The sources used here: the resettlement article ('The Syrian Context', 'The Responsibility
# to Resettle Syrian Refugees'); Monica Hakimi, 'Toward a Legal Theory on the Responsibility
# to Protect', 39 *Yale J. Int'l L.* 247 (2014), Part IV.B.3; the UNA-UK roundtable summary
# (16 April 2013), p. 3. The data: `data.cite("unsc_syria_vetoes")`, and likewise for
# `unga_syria_votes`, `syria_refugees_by_host` and `country_indicators`.
