# %% [markdown]
# # 05 Prevention and the toolbox: what can be done before, and without, force?
#
# On 16 April 2013 UNA-UK brought together ‘a group of 40 representatives from Whitehall,
# Parliament, the media, academia, the United Nations, the European Commission and civil society’ to
# ask how R2P could inform governments' responses to the threat of mass atrocity crimes (UNA-UK
# roundtable summary, Introduction, p. 1). Its summary treats
# R2P as a **policy agenda** and insists on something many people forget: there is ‘a widespread
# misconception that R2P equates to military intervention’ (Introduction, p. 1).
#
# This notebook works through that agenda in seven steps:
#
# 1. The four sessions and their recommendations: who is asked to do what.
# 2. The misconception that R2P means military intervention, with the whole toolbox of measures,
#    and an explorer: which measures remain when the Security Council is deadlocked?
# 3. Early warning and the politics of the word 'genocide', with an early-warning checklist.
# 4. Humanitarian neutrality against condemning perpetrators.
# 5. The International Criminal Court and premature indictments.
# 6. Political will and parliamentarians.
# 7. The three sources read together: which measures each favours, where they agree and disagree.
#
# **The sources.** The roundtable summary (cited by session, heading and page),
# the resettlement article (cited by section heading and footnote, fn) and Monica Hakimi's 'Toward a
# Legal Theory on the Responsibility to Protect' (2014; cited by Part, page and footnote, n.).
# Words in ‘…’ are quoted word for word from them. Every number is computed from the kit's data.
#
# **How to use it:** the cells run from the top: in JupyterLab, use the menu **Run → Run All Cells**;
# in the kit's web app (Voilà) they have already run when the page appears. You do not need to
# change any code. Two widgets let you explore: the measure explorer (section 2) and the
# early-warning checklist (section 3).
#
# The first cell loads the kit's tools and four tables: the roundtable's recommendations
# (`unauk_recommendations`), the repertoire of protection measures (`protection_measures`), the risk
# factors of the UN Framework of Analysis for Atrocity Crimes (`atrocity_risk_factors`), and the
# Security Council's vetoes on Syria (`unsc_syria_vetoes`).

# %% jupyter={"source_hidden": true}
# Load the kit's tools and the four datasets this notebook uses
import pandas as pd

from r2pkit import data, prevention
from r2pkit.markdown import Markdown
from r2pkit.charts import prevention as prevention_charts, readable
from r2pkit.widgets import prevention as prevention_widgets

recs = data.load("unauk_recommendations")       # every recommendation of the roundtable, with its page
measures = data.load("protection_measures")     # fourteen measures, least to most coercive
factors = data.load("atrocity_risk_factors")    # risk factors of the UN Framework of Analysis (2014)
vetoes = data.load("unsc_syria_vetoes")         # vetoed Security Council drafts on Syria
pd.set_option("display.max_colwidth", None)     # show whole sentences and sources in tables

SET_OFF = "set-off recommendation"


def day(timestamp):
    """A date in words, e.g. 22 May 2014."""
    return f"{timestamp.day} {timestamp:%B %Y}"


set_off = prevention.recommendations(recs, form=SET_OFF)
Markdown(f"The summary sets off **{len(set_off)} recommendations** from its text, and its discussion "
         f"paragraphs contain **{len(recs) - len(set_off)} more sentences** that prescribe (with *should*, "
         f"*must*, *need to* …): **{len(recs)}** rows in all, each with its session, heading and page.")

# %% [markdown]
# ## 1. Four sessions, and who is asked to act
#
# ‘The roundtable discussions were split into four sessions: early warning and monitoring;
# implementing prevention on the ground; intervention for the protection of civilians; and
# mobilising national and international political will.’ (Introduction, p. 1) In the body of the
# summary the sessions carry slightly different titles. The summary reports ‘the main themes
# discussed and recommendations drawn by UNA-UK from the discussion, but does not reflect the views
# or position of any particular participant’ (Introduction, p. 1).
#
# The next cell counts the recommendations of each session, in both forms.

# %% jupyter={"source_hidden": true}
# Count the roundtable's recommendations by session and form
readable(prevention.count_by(recs, ["session", "form"]))

# %% [markdown]
# Session 3, on intervening to protect, has by far the most recommendations. The chart shows
# who they address. A recommendation with two addressees (for example NGOs and policy makers)
# counts once for each; 'not named' means a sentence in the passive ("… should be considered").
# Hover over a bar for the pages where those recommendations are.

# %% jupyter={"source_hidden": true}
# Chart the recommendations by session and addressee
prevention_charts.recommendations_chart(recs)

# %% jupyter={"source_hidden": true}
# Count the recommendations addressed to the UK government
by_addressee = prevention.count_by(recs, "addressee")
uk = by_addressee.set_index("addressee").loc["UK government", "recommendations"]
uk_session3 = len(prevention.recommendations(recs, session=3, addressee="UK government"))
Markdown(f"The **UK government** is addressed **{uk}** times, **{uk_session3}** of them in session 3, on the "
         "Security Council and on international coordination. The summary is, as the Introduction says, about "
         "how R2P ‘could inform governments' – particularly the UK Government's – responses’ (p. 1).")

# %% [markdown]
# Here are the recommendations of session 1, 'Early warning for effective prevention', with their
# pages. The first asks the UK government to adopt an analysis framework, to which we return in
# section 3.

# %% jupyter={"source_hidden": true}
# List session 1's recommendations
readable(prevention.recommendations(recs, session=1)[
             ["rec_id", "form", "theme", "page", "addressee", "recommendation"]])

# %% [markdown]
# ## 2. The misconception: R2P is not the same as military intervention
#
# The roundtable: ‘Protecting civilians is not simply about military deployment. Dialogue is a
# crucial instrument for protection; stabilisation cannot start until parties have begun to talk.’
# (session 3 'Intervening to protect: When and how?', heading 'Tools for Protection', p. 4) Hakimi
# agrees that ‘R2P has never been exclusively about forcible interventions’ (Part I, p. 249 &
# n. 15). The resettlement article warns that reading R2P in coercive terms only ‘reduces the norm to
# nothing more than military humanitarian intervention’ ('Missing in Action: Civil Society,
# Humanitarian Organisations and Migration Practitioners', fn 97).
#
# The kit's table `protection_measures` sets out the repertoire the three texts discuss, from the
# least to the most coercive. The scale and the placements are the kit's (see
# `data.describe("protection_measures")`): level 1, analysis; level 2, non-coercive steps; level 3,
# presence on the ground; level 4, coercion without force; level 5, force.

# %% jupyter={"source_hidden": true}
# Order the protection measures from least to most coercive
readable(prevention.coercion_scale(measures))

# %% jupyter={"source_hidden": true}
# Count the coercive measures and those open without the Council
coercive = measures[measures["coercive"]]
force = measures[measures["coercion_level"] == 5]
free = prevention.without_council(measures)
Markdown(f"Of the **{len(measures)}** measures, only **{len(coercive)}** are coercive, and only **{len(force)}** "
         f"may involve armed force ({' and '.join(force.sort_values('coercion_rank')['measure'])}). "
         f"**{len(free)}** can be taken, at least by some actor, without the Security Council's consent.")

# %% [markdown]
# The ladder draws the same table: one dot per measure, its colour (and the word beside it)
# saying whether the Security Council must authorise it, a diamond for coercive measures. Hover
# over a dot for the sources' reasoning.

# %% jupyter={"source_hidden": true}
# Chart the coercion ladder
prevention_charts.coercion_ladder(measures)

# %% [markdown]
# ### Explore: which measures remain?
#
# Choose the constraints. Is the Security Council **deadlocked** (as on Syria, where Russia and
# China vetoed draft after draft: see notebook 02) or able to act? Is **coercion** acceptable? And
# **who acts**: a single state, a regional organisation, the UN, or civil society? The sentence,
# the ladder and the table follow your choices; the table gives the sources' reasoning for each
# measure that remains.

# %% jupyter={"source_hidden": true}
# The measure explorer: choose the constraints
prevention_widgets.measure_explorer(measures, council_deadlocked=True, coercion_acceptable=False,
                                    actor="single state")

# %% [markdown]
# The explorer starts with the constraints the resettlement article faces: a deadlocked Council,
# states wary of force, a single state such as the UK deciding what to do. The next cell shows what
# the data say about resettlement under those constraints.

# %% jupyter={"source_hidden": true}
# Explain why resettlement remains when the Council is deadlocked
left = prevention.available_measures(measures, council_deadlocked=True, coercion_acceptable=False,
                                     actor="single state").set_index("measure")
Markdown(f"Resettlement remains ({left.loc['Resettlement', 'route']}). Why, in the sources' words: "
         f"{left.loc['Resettlement', 'why']}")

# %% [markdown]
# ## 3. Early warning, and the politics of the word 'genocide'
#
# The roundtable's first session asks for ‘a "mass atrocity prevention lens"’ when ‘individual
# states, regional organisations or the UN’ collect early warning information, and for the UK
# government to ‘integrate the Analysis Framework of the Office of the Special Advisor on the
# Prevention of Genocide into its existing early warning analysis’ (session 1, heading 'Analysis
# framework', p. 1). But information is not enough: ‘Effective action cannot happen on information
# alone.’ (heading 'Use and translation of information', p. 1)
#
# ### The word 'genocide'
#
# The roundtable asks policy makers, the media, civil society and academics to be aware of ‘the
# politics of the word "genocide", which can enable or constrain policy, create legalistic
# difficulties and even provide incentives for escalation of violence on the ground’. Yet the word
# also ‘needs to be demystified’: ‘Genocide is rooted in extreme attitudes and prejudiced ideas,
# which can be held in check by specifically tailored policies before an actual genocide, as legally
# defined, takes place.’ (session 1, heading '"Genocide"', p. 2) So the word can constrain policy
# and raise the stakes on the ground, while prevention has to start before any genocide ‘as legally
# defined’ takes place. The recommendations under that heading:

# %% jupyter={"source_hidden": true}
# List the recommendations on genocide
readable(recs[recs["theme"] == '"Genocide"'][["rec_id", "form", "page", "addressee", "recommendation", "note"]])

# %% [markdown]
# ### The framework the roundtable recommends, and what became of it
#
# The roundtable does not describe the Analysis Framework it recommends. In 2014 the UN published the
# **Framework of Analysis for Atrocity Crimes: A Tool for Prevention**, which builds on the 2009
# framework of the same Office (Dieng and Welsh 2016, p. 4; see `data.describe("atrocity_risk_factors")`).
# It groups its risk factors into **common** risk factors (for all atrocity crimes) and risk factors
# **specific** to genocide, crimes against humanity and war crimes, each with indicators.
#
# The kit could not read the Framework's own text beyond its opening pages. Its table holds only what
# could be checked against a reproduction of the Framework's risk-factor pages (the table
# gives each page's address): some factors with their number and indicators, others
# with only their name and definition, because the page that names them gives no number. The kit does
# not guess a missing number, and it leaves out what it could not check rather than write it from
# memory. The next cells count and list what the table holds.

# %% jupyter={"source_hidden": true}
# Count the UN Framework's risk factors the kit could check
table = prevention.factor_table(factors)
numbered = table.dropna(subset=["factor_number"])
numbers = [str(n) for n in numbered["factor_number"]]
missing = prevention.numbers_not_in_table(factors)
by_group = [f"{n} common (for all atrocity crimes)" if crime == "all atrocity crimes" else f"{n} specific to {crime}"
            for crime, n in table.groupby("crime", sort=False).size().items()]
Markdown(f"The kit's table holds **{len(table)} of the Framework's {prevention.FRAMEWORK_FACTORS} risk factors**: "
         f"{len(numbered)} with their number (Risk Factors {', '.join(numbers[:-1])} and {numbers[-1]}), with "
         f"{int(numbered['indicators'].sum())} indicators between them, and {len(table) - len(numbered)} with "
         f"only their name and definition. The other {prevention.FRAMEWORK_FACTORS - len(table)} could not be "
         f"checked at all and are not in the table. By group: {', '.join(by_group)}."
         + (f"\n\nSo the table carries no Risk Factor numbered {', '.join(map(str, missing[:-1]))} or {missing[-1]}: "
         f"each of these {len(missing)} numbers belongs to one of the {len(table) - len(numbered)} factors listed "
         f"without a number or to one of the {prevention.FRAMEWORK_FACTORS - len(table)} factors missing from the "
         f"table, and the kit does not guess which. The checklist below is therefore **not a full assessment "
         f"against the Framework**: for that, use the Framework itself (United Nations, 2014; also circulated as "
         f"A/70/741–S/2016/71)." if missing else ""))

# %% jupyter={"source_hidden": true}
# List the risk factors with their indicators and sources
readable(table[["factor_number", "factor", "group", "crime", "indicators", "source"]])

# %% [markdown]
# ### Try it: an early-warning checklist
#
# Think of a situation you know, or one from the news. Tick the risk factors you judge present; the
# profile groups them as the Framework does and lists the indicators to look for under each. It is
# **not** a forecast: the checklist never turns your ticks into a score or a probability, because the
# Framework is a tool for analysis, not for prediction. (The start ticks Risk Factor 8, triggering
# factors, as an example.)

# %% jupyter={"source_hidden": true}
# The early-warning checklist: tick the risk factors present
prevention_widgets.early_warning_checklist(factors, marked=[8])

# %% [markdown]
# ## 4. Humanitarian neutrality against condemning perpetrators
#
# The roundtable finds ‘a disconnect between the principles of humanitarian organisations and the
# particular needs of mass atrocity prevention’. Atrocities are ‘internationally-recognised *crimes*’
# committed by particular ‘protagonists’; but ‘the traditional humanitarian principles of neutrality
# and impartiality dictate that humanitarian organisations remain neutral. Breaking these codes of
# conduct and speaking out against particular actors risks politicising aid and, ultimately, losing
# access to those in most need.’ (session 3, heading 'Humanitarian organisations', p. 4) It asks
# for research, not a verdict:

# %% jupyter={"source_hidden": true}
# List session 3's recommendations to humanitarian organisations
readable(prevention.recommendations(recs, session=3).query("theme == 'Humanitarian organisations'")[
             ["rec_id", "page", "addressee", "recommendation"]])

# %% [markdown]
# The resettlement article sees the same tension from the humanitarians' side: ‘Neutrality is an
# imperative for humanitarian organisations, and thus, it is natural for them to distance their work
# from R2P if it is (incorrectly) associated primarily with military intervention.’ Médecins Sans
# Frontières (MSF) does not support R2P, and R2P ‘has since disappeared from Oxfam’s humanitarian
# advocacy’ ('Missing in Action: Civil Society, Humanitarian Organisations and Migration
# Practitioners', fnn 98–104). On Syria the article adds that linking humanitarian aid to political
# transition in Council drafts ‘has guaranteed that Russia and China would veto such important
# resolutions’ ('The Syrian Context', fnn 18–19).
#
# The kit's data show where the Council route for humanitarian access was blocked: the drafts on
# humanitarian access that were vetoed.

# %% jupyter={"source_hidden": true}
# List the vetoed drafts on humanitarian access
access = measures.set_index("measure_id").loc["humanitarian_access"]
access_drafts = vetoes[vetoes["draft"].isin(access["vetoed_syria_drafts"].split(";"))]
readable(access_drafts[["date", "draft", "vetoed_by", "subject"]])

# %% jupyter={"source_hidden": true}
# Say what the vetoes meant for humanitarian access
Markdown(f"**{len(access_drafts)}** vetoed drafts concerned humanitarian access, from "
         f"{day(access_drafts['date'].min())} to {day(access_drafts['date'].max())}. In the measures table, "
         f"humanitarian access needs the Council '{access['needs_sc_authorisation']}': humanitarian organisations "
         "negotiate access themselves, but access decided by the Council can be vetoed.")

# %% [markdown]
# ## 5. The International Criminal Court and premature indictments
#
# For the roundtable, ‘The ICC is an important mechanism for addressing impunity and ensuring
# accountability in the wake of mass atrocity crimes.’ But ‘it is also essential to consider the
# extent to which premature ICC indictment could hinder efforts to halt on-going atrocity crimes
# through negotiation and conflict resolution initiatives.’ Its example: ‘if a state leader were
# indicted by the ICC but held on to power and continued to commit mass atrocities, as in the case
# of Gaddafi in Libya in 2011, then there would be no incentive for the leader to negotiate a way out
# of the crisis or potentially receive amnesty, as with Idi Amin’. Premature indictment ‘could both
# increase incentives for perpetrating mass atrocities and endanger the credibility of the ICC.’
# (session 3, heading 'The International Criminal Court', p. 4)
#
# The roundtable's prescriptions on the ICC, in both forms:

# %% jupyter={"source_hidden": true}
# List the recommendations on the International Criminal Court
readable(recs[recs["theme"] == "The International Criminal Court"][["rec_id", "form", "addressee", "recommendation"]])

# %% [markdown]
# The other texts look at accountability from elsewhere. The resettlement article blames the vetoes:
# ‘Russian and Chinese vetoes have allowed Assad to continue perpetrating mass atrocities with
# impunity’ ('The Syrian Context', text at fn 20). Hakimi counts ‘criminal measures against the
# perpetrators’ among what an outside state tied to them may have to take (Part IV.B.2, p. 273), but
# does not discuss the ICC itself. Outside the seeds, the Rome Statute lets a state party or the
# Prosecutor start a case, but only where the Court has jurisdiction (arts. 12–15); for a state that
# is not a party, such as Syria, referral runs through the Council (the kit's table says 'sometimes'),
# and on Syria it was vetoed:

# %% jupyter={"source_hidden": true}
# Say what became of the draft referring Syria to the ICC
referral = vetoes[vetoes["draft"].isin(measures.set_index("measure_id").loc["icc_referral", "vetoed_syria_drafts"]
                                       .split(";"))]
Markdown(f"The draft referring Syria to the ICC ({referral['draft'].iloc[0]}) was vetoed on "
         f"{day(referral['date'].iloc[0])} by {referral['vetoed_by'].iloc[0].replace(';', ' and ')}. "
         "The roundtable (16 April 2013) had worried about indictments coming too early; "
         "on Syria, the referral did not come at all.")

# %% [markdown]
# ## 6. Political will, and parliamentarians
#
# ‘Political will must be constructed on a case-by-case basis within national governments and
# regional organisations. Parliamentarians have a key role in holding the government to account’.
# Yet ‘many parliamentarians understand 'intervention and response' as opposed to 'prevention'.
# Upon hearing of risk factors, they may not be aware of the necessary tools available for
# formulating a preventive strategy.’ (session 4 'Galvanising international political will',
# heading 'Political will', p. 5) Session 4's recommendations, and who they address:

# %% jupyter={"source_hidden": true}
# List session 4's recommendations
readable(prevention.recommendations(recs, session=4)[
             ["rec_id", "form", "theme", "page", "addressee", "recommendation"]])

# %% jupyter={"source_hidden": true}
# Count session 4's recommendations by addressee
session4 = prevention.count_by(prevention.recommendations(recs, session=4), "addressee")
Markdown("In session 4: " + "; ".join(f"{a} {n}" for a, n in zip(session4["addressee"], session4["recommendations"]))
         + ". NGOs and civil society are asked to brief and urge parliament; parliamentarians to act through "
         "their own international networks.")

# %% [markdown]
# The other texts agree that political will is the binding constraint. Hakimi recalls that Rwanda
# showed that ‘states might lack the political will to intervene or, therefore, to seek the Council’s
# authorization’ (Part II, p. 252 & n. 28). The resettlement article finds that ‘R2P’s perceived
# failure in Syria has further revealed the norm’s dependency on political will’ ('The Responsibility
# to Resettle Refugees', text after fn 24), that UK officials ‘did not want to hear about R2P’
# ('Engaging Divergent Interests', fn 118), and that the UK's Syrian resettlement programme ‘was a
# response to public outcry’ after the pictures of Aylan Kurdi ('Engaging Divergent Interests',
# fn 116). Where the roundtable looks to parliament, the article looks to the public.
#
# ## 7. The three sources together
#
# The grid gives each text's stance on each measure, from the kit's table: colour and word say
# whether the text favours the measure, discusses it, mentions it, has reservations, or does not
# discuss it. Hover over a cell for where the text says it.

# %% jupyter={"source_hidden": true}
# Chart where the three sources stand on each measure
prevention_charts.stance_chart(measures)

# %% jupyter={"source_hidden": true}
# Count the sources' stances
prevention.stance_counts(measures)

# %% jupyter={"source_hidden": true}
# List the measures each source favours
Markdown("\n".join(f"- **{text}** favours: {', '.join(prevention.favoured_by(measures, text)) or 'none'}."
                   for text in prevention.SOURCES.values()))

# %% [markdown]
# The three texts favour different things because they ask different questions. The roundtable, a
# policy forum, favours most of the toolbox, from early warning to protection mandates, and has
# reservations about the timing of ICC indictments and about equating R2P with force. The
# resettlement article argues for one measure that a state can take alone, resettlement. Hakimi
# favours no measure as such: she asks which *duties* outside states have, so her reservations are
# about legal duties, not about whether a measure is wise (read the notes in the table).
#
# Where do they agree and disagree? The next cell applies a simple rule to the stances: texts
# **agree** when all that discuss a measure take the same stance, **disagree** when one favours it
# and another has reservations.

# %% jupyter={"source_hidden": true}
# Find where the sources agree and disagree
verdicts = prevention.agreement(measures)
readable(verdicts)

# %% jupyter={"source_hidden": true}
# Say where they agree, disagree or are silent
def listed(verdict):
    return ", ".join(verdicts.loc[verdicts["verdict"] == verdict, "measure"]) or "none"


Markdown(f"- **Agree:** {listed('agree')}.\n"
         f"- **Disagree:** {listed('disagree')}.\n"
         f"- **Differ in emphasis:** {listed('differ in emphasis')}.\n"
         f"- **Only one text discusses it:** {listed('one text only')}.")

# %% [markdown]
# Reading the disagreements with their notes:
#
# - **Military intervention.** All three have reservations: the roundtable calls the identification
#   of R2P with force a misconception (Introduction, p. 1), the resettlement article says there is
#   ‘no consensus on military intervention (which may not be the solution in any case)’ ('The
#   Responsibility to Resettle Syrian Refugees', text before fn 57), and Hakimi proposes no duty to
#   use force (Part I, pp. 250–51 & nn. 21–23).
# - **Restraint in the use of the veto.** The roundtable asks for ‘non-use of the veto when grave
#   breaches of international law … are imminent or on-going’ (session 3, 'On the Security Council',
#   p. 3). The resettlement article doubts it will happen: ‘The P5 are unlikely to ever acquiesce their
#   UN Security Council powers’ (Conclusion). Hakimi reframes it as part of a duty not to obstruct
#   (Part IV.B.3, pp. 273–74).
# - **Dialogue and mediation.** The roundtable favours it (p. 4); the resettlement article's doubt is
#   about Syria, where ‘humanitarian and diplomatic means have not helped protect Syrians’ ('The
#   Responsibility to Resettle Syrian Refugees', text before fn 57).
# - **Education against prejudice.** The roundtable favours it (p. 2); Hakimi doubts only that a
#   *legal duty* to give such aid will gain traction (Part IV.B.4, p. 278 & n. 185).
#
# Finally, the kit's veto data show which measures the Council deadlock on Syria actually blocked.

# %% jupyter={"source_hidden": true}
# List the measures vetoed drafts would have taken
blocked = measures.dropna(subset=["vetoed_syria_drafts"]).sort_values("coercion_rank")
Markdown("\n".join(f"- **{row.measure}**: {len(row.vetoed_syria_drafts.split(';'))} vetoed draft(s) "
                   f"({row.vetoed_syria_drafts.replace(';', ', ')})" for row in blocked.itertuples()))

# %% [markdown]
# The roundtable's conclusion puts it plainly: ‘Prevention was naturally understood to be more
# effective than reaction, but it was conceded that for this to become a reality, more work needed
# to be done to increase awareness of R2P amongst policy makers.’ (Conclusion, pp. 6–7)
#
# ## What the kit could not source
#
# - The UN Framework of Analysis for Atrocity Crimes could not be read in full: only the risk factors
#   and indicators that could be checked against a reproduction of its pages are in the table, without
#   page numbers; some factors are there without their number, and which group a factor belongs to is
#   mostly the kit's reading of its definition (each row's `note` says so; see
#   `data.describe("atrocity_risk_factors")`). A search of stored public pages in December 2026, by each
#   missing factor's own words, found no reproduction of the pages of the other risk factors, so the
#   checklist still lacks some of the Framework's factors and indicators (section 3 counts them).
# - Where the sources name no actor for a measure, the table's actor columns are the kit's reading,
#   and its `note` says so.
#
# ## Where next
#
# - **Exercise 05** (`exercises/ex05_prevention.ipynb`): classify the roundtable's recommendations,
#   put measures on the coercion scale, choose measures under constraints, and use the checklist.
