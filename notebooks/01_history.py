# %% [markdown]
# # 01 From humanitarian intervention to R2P: a short history
#
# How did the world's governments come to say, in 2005, that every state has a
# **responsibility to protect** its people from mass atrocities, and that others should
# help, and act when a state manifestly fails? This notebook tells the story in eight short
# steps, from the crises of the 1990s to the deadlock over Syria:
#
# 1. Rwanda, Srebrenica and Kosovo: the debate on humanitarian intervention.
# 2. 2001: the ICISS report and sovereignty as responsibility.
# 3. 2005: the World Summit narrows the idea.
# 4. 2009: the three pillars.
# 5. Three texts side by side: who acts, when, by what means?
# 6. The Security Council takes up R2P.
# 7. Libya, the backlash, and 'Responsibility while Protecting'.
# 8. Syria, the hard case.
#
# Then you can explore the whole **timeline** yourself, and we end with the places where
# the kit's sources disagree or qualify each other.
#
# **Glossary: the three source texts and how the kit cites them.** Everything here comes from
# three texts, which the kit's notes, tables and datasets also call **"the seeds"** (the texts
# everything else grows from):
#
# | In the kit | What it is | Cited by |
# |---|---|---|
# | the **resettlement article** | a political-science article on resettlement of refugees as a way to carry out R2P's third pillar, with Syria and the United Kingdom as its case | section heading and footnote (*fn 13*) |
# | the **roundtable summary** | UNA-UK, *Roundtable on the responsibility to protect: summary of proceedings and recommendations*, 16 April 2013 | page: *p. 4* |
# | **Hakimi** | Monica Hakimi, 'Toward a Legal Theory on the Responsibility to Protect', 39 *Yale Journal of International Law* 247 (2014) | Part, page and footnote (*Part II, p. 251 & n. 24*) |
#
# Words between ‘…’ are quoted word for word from one of them. A *dataset* is one of the kit's
# tables of figures (for example `r2p_timeline`); each of its rows names its own source. The
# three *pillars* of R2P are explained in section 4.
#
# **How to use it:** the cells run from the top, in a few seconds: in JupyterLab, use the menu
# **Run → Run All Cells**; in the kit's web app (Voilà) they have already run when the page
# appears. You do not need to change any code. One widget lets you explore the timeline.
#
# The first cell loads the kit's tools and the two tables this notebook uses: the timeline of
# R2P's history (`r2p_timeline`) and a small table that sets three founding texts side by side
# (`r2p_framings`).

# %% jupyter={"source_hidden": true}
# Load the kit's tools and the timeline and framings tables; count the events
import pandas as pd

from r2pkit import charts, data, history, widgets
from r2pkit.markdown import Markdown

timeline = data.load("r2p_timeline")   # landmarks of R2P's history, each with its source
framings = data.load("r2p_framings")   # three founding texts, five questions
pd.set_option("display.max_colwidth", None)  # show whole sentences and sources in tables

first, last = history.years(timeline)[0], history.years(timeline)[-1]
Markdown(f"The timeline has **{len(timeline)} events**, from {first} to {last}. "
         f"Each has a date, a category, the R2P pillar(s) it concerns, and its source in the seeds.")

# %% [markdown]
# ## 1. Before R2P: Rwanda, Srebrenica and Kosovo
#
# R2P ‘emerged from the international community's broad sense of regret for the humanitarian
# crises in Rwanda, Bosnia, and Kosovo’ (Hakimi, Part II, p. 251 & n. 24). ‘Following the mass
# atrocities in Rwanda and Srebrenica, global debate intensified over whether there was a right
# of humanitarian intervention, specifically coercive, military action against states in order
# to protect their populations.’ (Resettlement article, 'The Historical Context of R2P', fn 4)
#
# Such interventions are ‘controversial—many would say unlawful—without authorization from the
# U.N. Security Council or consent from the territorial state’ (Hakimi, Part II, p. 251 & n. 26).
# The crises taught two lessons (Hakimi, Part II, pp. 251–52 & nn. 27–28):
#
# - **Kosovo** showed that the Security Council could be paralysed by the veto of one permanent
#   member, even when most opinion favoured a military intervention. NATO intervened anyway:
#   the resettlement article, following the independent Kosovo Report, calls the intervention
#   ‘illegal, but legitimate’ ('The Historical Context of R2P', fn 5).
# - **Rwanda** showed that ‘states might lack the political will to intervene or, therefore, to
#   seek the Council's authorization’.
#
# ‘Recognition of the inherent dangers of unauthorised humanitarian interventions influenced a
# growing debate acknowledging the fine line between sovereignty and human suffering.’
# (Resettlement article, 'The Historical Context of R2P', text after fn 5)
#
# The next cell lists the timeline's events up to 2000: when, what, the document each rests
# on, and its source. Look at the `when` column: some dates are known only to the year.

# %% jupyter={"source_hidden": true}
# List the events up to 2000, with their sources
history.event_list(history.timeline(timeline, end=2000))

# %% [markdown]
# Every row of the timeline also has a `note`. The next cell shows the notes of the same
# events. Look for dates that come **from outside the seeds**: the seeds do not date Srebrenica
# or NATO's intervention, so the timeline takes those months from the documents the seeds cite,
# and says so.

# %% jupyter={"source_hidden": true}
# Show the notes on the events up to 2000
history.timeline(timeline, end=2000)[["event_id", "note"]]

# %% [markdown]
# ## 2. 2001: the ICISS report and sovereignty as responsibility
#
# ‘The logjam in that debate began to break in 2001, when an independent commission established
# by Canada (the International Commission on Intervention and State Sovereignty or ICISS)
# published a report entitled *The Responsibility to Protect*.’ (Hakimi, Part II, p. 252 & n. 29;
# the resettlement article adds that major foundations took part, 'The Historical Context of R2P',
# text before fn 6.)
#
# The report's central idea is a new definition of **sovereignty**: ‘a state’s responsibility to
# protect its own populations from avoidable catastrophe, such as mass murder, rape and
# starvation, but if that state were unwilling or unable to do so, then that responsibility must
# be borne by the broader community of states’ (ICISS report, p. viii, quoted in the resettlement
# article, 'The Historical Context of R2P', fn 6).
#
# Hakimi sees ‘two key moves’ in the report (Part II, p. 252 & nn. 30–31):
#
# - instead of a *right* of outside states to intervene, it declared a *responsibility*,
#   ‘something akin to a duty’, to get involved;
# - instead of military action alone, it endorsed ‘a broad range of measures for protecting
#   at-risk populations, including measures to target the root causes of atrocity’.
#   ‘Forcible interventions were just a small piece of the R2P idea.’
#
# ## 3. 2005: the World Summit narrows the idea
#
# At the 2005 World Summit, the UN's members endorsed paragraphs 138 and 139 of the World Summit
# Outcome, ‘which narrowed the context and responsibilities envisioned by the ICISS Report to
# gain wider consensus after a period of contestation over particular aspects’ (Resettlement
# article, 'The Historical Context of R2P', fn 7). The resettlement article describes four ways
# in which the text is narrower (same section, fnn 7–11):
#
# 1. **Four crimes.** R2P applies only to ‘genocide, crimes against humanity, war crimes, ethnic
#    cleansing or their incitement’.
# 2. **A higher threshold.** Less powerful states were uncomfortable with the subjective test of
#    a state that is ‘unable or unwilling’, which might invite a quick military response; the
#    text speaks instead of a ‘manifest failing of the state’.
# 3. **Only the Security Council.** ‘any coercive force must be authorised by the UN Security
#    Council’. The Council became ‘the only authority for acts under Pillar III whereby
#    responsibility would not default to the General Assembly or regional organisations in the
#    event that the Council was unwilling or unable to act.’
# 4. **The veto stays.** ‘The P5 also objected to any restriction of their veto powers.’
#
# Hakimi quotes the text itself: ‘We are prepared to take collective action, in a timely and
# decisive manner, through the Security Council . . . on a case-by-case basis and in cooperation
# with relevant regional organizations, as appropriate’, should peaceful means be inadequate and
# ‘national authorities are manifestly failing to protect their populations’ (Part II,
# pp. 252–53 & n. 34). ‘That formulation retreats from the ICISS report, which supports
# unauthorized humanitarian interventions when all other options for averting a crisis have been
# exhausted.’ Critics called it ‘R2P-lite’ (p. 253 & nn. 35–36).
#
# Yet Hakimi also stresses what remained: ‘the document still endorses the normative impulse
# behind R2P: that outside states should try to protect at-risk populations, even if not with
# armed force.’ (p. 253) Eight years later, the UNA-UK roundtable found that ‘it is generally
# agreed that the terms of R2P should not be renegotiated’ (Introduction, p. 1).
#
# The next cell shows the World Summit's row in the timeline, with its note. Read the note: the
# two seeds word the key obligation of paragraph 139 differently.

# %% jupyter={"source_hidden": true}
# Show the World Summit Outcome's entry: date, description, source, note
history.timeline(timeline).set_index("event_id").loc[["world-summit-outcome"], ["date", "description", "source", "note"]]

# %% [markdown]
# ## 4. 2009: the three pillars
#
# In January 2009 the Secretary-General's report *Implementing the Responsibility to Protect*
# (A/63/677) organised R2P in three **pillars** (Resettlement article, Introduction, fn 1):
#
# > ‘Pillar I affirms a state’s responsibility to protect its own population from mass
# > atrocities; Pillar II concerns international assistance and capacity-building to states to
# > help them uphold their Pillar I responsibilities; and, Pillar III encourages the timely and
# > decisive response from the international community where a state is manifestly failing its
# > protection duties.’ (Resettlement article, 'The Responsibility to Resettle Refugees', fn 28)
#
# The pillars do not have the same legal weight. Hakimi: that each state must protect its own
# population is ‘well established in international law’, while the idea that others should step
# in is ‘widely understood not to be legally operative’ (Part I, p. 248 & nn. 9–11). The
# resettlement article agrees: ‘The hard law quality of R2P is embodied by Pillar I’, while the
# responsibilities under Pillars II and III ‘were not intended to create any new legal duties that
# would bind states into acting’ ('The Responsibility to Resettle Refugees', fn 23).
#
# After 2009 the conversation in the UN turned towards non-forcible measures to prevent
# atrocities from breaking out (Hakimi, Part I, p. 249 & n. 16), and the 2009 report was the
# first to link R2P explicitly with refugees, calling UNHCR's asylum work ‘R2P in practice’
# (Resettlement article, 'Mind the Gap', fn 71).
#
# The timeline gives each event the pillar or pillars it mainly concerns. That classification is
# **the kit's**, made from the seeds' account; the seeds do not state it (see
# `data.describe("r2p_timeline")`). The next cell counts the events per pillar; an event that
# concerns several pillars counts once for each.

# %% jupyter={"source_hidden": true}
# Count the events by pillar and say which pillar most concern
per_pillar = history.counts(timeline, by="pillar").set_index("pillar")["events"]
Markdown(
    f"Of the {len(timeline)} events, **{per_pillar['3']}** concern pillar 3 (response), "
    f"{per_pillar['1']} pillar 1 (the state's own responsibility) and {per_pillar['2']} pillar 2 "
    f"(assistance); {per_pillar['none']} are tied to no particular pillar. "
    + ("More than half of the events concern pillar 3." if per_pillar["3"] > len(timeline) / 2 else
       "Pillar 3 events are not the majority.")
)

# %% [markdown]
# ## 5. Three texts side by side: who acts, when, by what means?
#
# The kit's table `r2p_framings` asks the ICISS report, the World Summit Outcome and the 2009
# report the same five questions, and answers **only from what the seeds say** about each
# document. The next cell lays it out with the three texts side by side, one column per document and
# one row per question. Read across a row to see how the answer changed from 2001 to 2009; read down
# a column to see one text's whole design.

# %% jupyter={"source_hidden": true}
# Set the three founding texts side by side, question by question
history.framings(framings).T

# %% [markdown]
# Look across the last row: the ICISS report would have the permanent members hold back their
# veto and let regional organisations act when the Council stalls; the 2005 text keeps the Council
# as the only authority and leaves the veto untouched; the 2009 report can only *urge* the
# permanent members not to use it.
#
# Every answer has its source and a note saying whose words the quotation is (the document's own,
# as a seed quotes it, or a seed's summary). The next cell shows them for that last question.

# %% jupyter={"source_hidden": true}
# Show each text's answer to 'what if the Council is blocked?'
history.framing_detail(framings, "if the Council is blocked")

# %% [markdown]
# Where the seeds say nothing about a document, the table says so instead of filling the gap from
# memory. The next cell lists those cells.

# %% jupyter={"source_hidden": true}
# List the questions the source texts leave unanswered
silent = framings[framings["basis"] == "not in the seeds"]
Markdown("Cells the seeds leave empty: " + "; ".join(
    f"**{d} ({y})**, question *{q}*" for d, y, q in zip(silent["document"], silent["year"], silent["question"]))
    + f". {len(framings[framings['basis'] == 'quotation'])} of the {len(framings)} answers quote a seed.")

# %% [markdown]
# ## 6. The Security Council takes up R2P
#
# Hakimi notes that the Security Council has recognised R2P in both thematic and case-specific
# resolutions (Part I, p. 248 & nn. 5–6). The thematic ones are resolutions **1674** (28 April 2006) and **1894** (11 November 2009) on the
# protection of civilians in armed conflict; the case-specific ones include **1706** on Darfur
# (31 August 2006) and **1970** on Libya (26 February 2011). The paragraphs she cites (n. 5:
# resolution 1674, ¶ 4, and 1894, ¶ 3; n. 6: 1706, ¶ 12(a), and 1970, ¶ 12) are given in the
# timeline *as cited by Hakimi*: the kit has not checked them against the resolutions, and for
# 1894 and 1706 the words on R2P appear to be in the preamble instead (see the rows' notes).
#
# The resolution behind the **2011 military intervention in Libya**, resolution 1973, is never
# cited by number in the seeds: they speak of ‘the Libya intervention in 2011’ (Resettlement
# article, 'The Syrian Context', text at fn 16). The timeline takes its number and date from the
# resolution itself, and says so in its note.
#
# The next cell lists the Security Council events up to 2011, with their sources.

# %% jupyter={"source_hidden": true}
# List the Security Council's R2P events up to 2011
history.event_list(history.timeline(timeline, category="Security Council", end=2011))

# %% [markdown]
# ## 7. Libya, the backlash, and 'Responsibility while Protecting'
#
# The Libya intervention toppled a government, and R2P paid for it:
#
# - ‘After Libya, states such as Russia, China, Brazil, India and South Africa reaffirmed that
#   regime change is an unacceptable intrusion on sovereignty.’ Russia and China later cited Libya
#   when blocking resolutions on Syria. (Resettlement article, 'The Syrian Context', fnn 16–17)
# - Oxfam, which had welcomed R2P in 2005, dropped it from its advocacy: for Oxfam, R2P lost all
#   credibility with the 2011 intervention ‘that toppled a government and led to the chaos and
#   violence in Libya today’ (Resettlement article, 'Missing in Action: Civil Society,
#   Humanitarian Organisations and Migration Practitioners', fnn 101–103). Civil society
#   organisations told the author that the ‘jargon-y’ phrase R2P is considered toxic by elites in
#   government because of Libya (same section, fn 95).
# - Hakimi cites a commentator who argued that using R2P to justify regime change in Libya
#   delegitimised it, under the title ‘R2P, R.I.P.’ (Part I, p. 249 n. 12).
# - The UNA-UK roundtable asked that resolutions allowing ‘all necessary measures to protect
#   civilians’ ‘will not, when adopted, be interpreted as endorsing the concept of regime change’
#   (session 3 'Intervening to protect: When and how?', heading 'On the Security Council', p. 3).
#
# Brazil answered with a proposal. Middle powers such as Brazil, India and South Africa ‘are not
# opposed to R2P but to when coercive military intervention should be used’, and Brazil’s
# ‘Responsibility While Protecting’ initiative ‘localised the norm by focusing on its less
# coercive responses’ (Resettlement article, 'Refugee Protection is a First Response under R2P',
# text at fn 49). The article does not say when. President Dilma Rousseff first put the idea
# forward at the General Assembly, in the general debate of September 2011; Brazil's concept note,
# a letter to the UN of November 2011 (A/66/551–S/2011/701), came later. The next cell shows the
# timeline's row for it: read the note to see where its date comes from.

# %% jupyter={"source_hidden": true}
# Show the entry for Brazil's 'Responsibility while Protecting'
history.timeline(timeline).set_index("event_id").loc[
    ["brazil-responsibility-while-protecting"], ["date", "date_precision", "document", "note"]]

# %% [markdown]
# ## 8. Syria, the hard case
#
# ‘Syria has been a difficult R2P case as there is clear evidence of mass atrocities against the
# Syrian population and the state is manifestly failing to protect its population, since it
# perpetrates most of the mass atrocities in the state.’ (Resettlement article, 'The Syrian
# Context', fn 12) Yet the Security Council was deadlocked. The resettlement article blames both
# sides: Libya, for Russia and China, and the way the United States, the United Kingdom and
# France drafted the early resolutions, ‘linking humanitarian aid with regime change’ (fnn 16–19).
# Hakimi reads the Chinese and Russian vetoes as possible, not conclusive, evidence of
# obstruction: the conduct ‘might be evidence of obstruction but is not dispositive’ (Part IV.B.3,
# p. 274 & nn. 156–157). The UNA-UK roundtable called for ‘non-use of the veto when grave breaches
# of international law, such as crimes against humanity, genocide, ethnic cleansing and war
# crimes, are imminent or on-going’ (session 3, heading 'On the Security Council', p. 3).
#
# The next cell lists the timeline's events whose title names Syria.

# %% jupyter={"source_hidden": true}
# List the timeline's events on Syria
syria_rows = history.timeline(timeline)[lambda t: t["title"].str.contains("Syria")]
history.event_list(syria_rows)

# %% [markdown]
# The timeline keeps only a few landmark vetoes. The kit has a full list of the Security Council's
# vetoes on Syria; the next cell compares the two.

# %% jupyter={"source_hidden": true}
# Count the Syria vetoes the timeline shows against the vetoes dataset
vetoes = data.load("unsc_syria_vetoes")
in_timeline = history.timeline(timeline, category="Security Council")
veto_rows = in_timeline[in_timeline["event_id"].str.contains("veto")]
Markdown(f"The timeline shows **{len(veto_rows)}** of the **{len(vetoes)}** draft resolutions on Syria "
         f"vetoed between {vetoes['date'].min().year} and {vetoes['date'].max().year} "
         "(dataset `unsc_syria_vetoes`). Notebook 02 looks at all of them.")

# %% [markdown]
# ## 9. The whole timeline
#
# The chart puts every event on a time axis, one row and one colour per category. **Hover over a
# dot** to see the event, its date, its pillar, the document it rests on and its source in the
# seeds. (An event known only to the year sits at the start of that year.) Look for the clusters:
# the years around the 2005 Summit, and 2011, the year of Libya and of the first vetoes on Syria.

# %% jupyter={"source_hidden": true}
# Draw the whole timeline (hover over a dot for the event and its source)
charts.timeline_chart(timeline)

# %% [markdown]
# The next cell counts the events in each category. Look at which kinds of event the seeds
# discuss most.

# %% jupyter={"source_hidden": true}
# Count the events in each category
history.counts(timeline)

# %% [markdown]
# The timeline stops where the seeds stop talking. The next cell finds the longest stretch of
# years without any event.

# %% jupyter={"source_hidden": true}
# Find the longest gap in the timeline and what comes after it
have = history.years(timeline)
gap_start, gap_end = max(zip(have, have[1:]), key=lambda pair: pair[1] - pair[0])
later = history.timeline(timeline, start=gap_end)
which = f"the one event from {gap_end} on" if len(later) == 1 else f"the {len(later)} events from {gap_end} on"
Markdown(f"The longest gap runs from {gap_start} to {gap_end}. The latest seed cites web pages accessed in "
         f"August 2017 (Resettlement article, Introduction, fn 3); {which} ({', '.join(later['event_id'])}) "
         f"{'comes' if len(later) == 1 else 'come'} from the UN record, as the notes say. An empty stretch "
         "in the chart means the sources are silent, not that nothing happened.")

# %% [markdown]
# ### Explore the timeline yourself
#
# Choose a **category** and a **pillar** in the menus. The sentence counts the events shown, the
# chart redraws, and the list under it gives each event's date, title and source (the same text
# as in the tooltips, for those who do not use a mouse). Try: which categories have events that
# concern pillar 2? What does the Security Council row look like with pillar 3?
#
# *The widget needs the notebook to be running: if you see only text, run the cell.*

# %% jupyter={"source_hidden": true}
# The timeline explorer: choose a category and a pillar
widgets.timeline_explorer(timeline)

# %% [markdown]
# ## 10. Where the sources disagree, or qualify each other
#
# The three seeds mostly tell the same story. Where they differ, this notebook follows the text
# that quotes the document itself, and says so.
#
# - **Who endorsed the 2005 text.** The resettlement article says the General Assembly's Member
#   States endorsed paragraphs 138 and 139 ('The Historical Context of R2P', fn 7); Hakimi says
#   almost all heads of state did (Part I, p. 248 & n. 3). Both are right: it was adopted at a
#   summit of heads of state, as General Assembly resolution 60/1 (A/RES/60/1, cited by both).
# - **The words of paragraph 139.** Hakimi quotes the text: the international community ‘has the
#   responsibility to use appropriate diplomatic, humanitarian and other peaceful means . . . to
#   help to protect populations from [atrocities]’ (Part II, p. 253 & n. 37). The resettlement
#   article gives the obligation as ‘help protect populations from mass atrocity’ ('What Does the
#   R2P Response Require?'), a paraphrase. This notebook treats Hakimi's version as the text's words.
# - **Which paragraph of the 2009 report.** The resettlement article cites paragraph 68 for the
#   pillars (fnn 1, 28), Hakimi paragraph 11 for R2P's two basic propositions (Part I, p. 248 n. 9).
#   They cite different paragraphs for different points; the kit keeps both.
# - **Is R2P settled?** In 2011 the Secretary-General said that ‘[n]o government questions the
#   principle’ (Hakimi, Part II, p. 253 & n. 41). The roundtable of 2013 found that ‘its status as
#   a fully-fledged norm was still debated amongst participants’ (Conclusion, p. 7), and the
#   resettlement article describes states rejecting regime change after Libya. The sources agree on
#   the principle and disagree about how, and how far, it should be carried out.
# - **Is R2P about military force?** The roundtable calls it ‘a widespread misconception that R2P
#   equates to military intervention’ (Introduction, p. 1). Hakimi agrees that ‘R2P has never been
#   exclusively about forcible interventions’, while noting that it ‘has always been associated with
#   the use of force’ (Part I, p. 249 & n. 15). The resettlement article warns that reading R2P only
#   in coercive terms ‘reduces the norm to nothing more than military humanitarian intervention’
#   ('Missing in Action', fn 97).
#
# Finally, the data qualify the seeds in one plain way: not every date in the timeline comes from
# them. The next cell counts the rows whose source ends with a 'date: …' part, which says that the
# date, or the event itself, was taken from the cited document or the reference data.

# %% jupyter={"source_hidden": true}
# Count the events dated from outside the source texts
outside = history.dated_outside_seeds(timeline)
Markdown(f"**{len(outside)}** of the {len(timeline)} events take their date from the cited document or "
         f"the reference data rather than from the seeds ({', '.join(outside['event_id'])}). "
         "Each says so in its `source` and `note`.")

# %% [markdown]
# ## Where next
#
# - **Exercise 01** (`exercises/ex01_history.ipynb`): put events in order, match documents to
#   what they introduced, read the timeline chart, and judge some claims against the sources.
# - **Notebook 02** (`02_syria_case.ipynb`): the Syria case in the data, with every Security
#   Council veto, the General Assembly's votes and where Syria's refugees went.
