# %% [markdown]
# # 03 Who owes what? Hakimi's bundle of R2P duties
#
# When atrocities happen in one country, what do **other** states owe the people at risk? The
# usual answer, Monica Hakimi writes, is that R2P falls on 'the international community' as a
# whole. Her article 'Toward a Legal Theory on the Responsibility to Protect' (39 *Yale J. Int'l
# L.* 247, 2014) argues for another answer:
#
# > ‘I argue that R2P should not posit an all-encompassing duty that falls, at once, on the entire
# > international community. It should instead posit a bundle of more discrete duties, and
# > responsibility for each of these duties should attach to *specific* outside states at a time.’
# > (Hakimi, Part I, p. 249 & n. 17)
#
# > ‘In particular, an outside state should be responsible as a result of its own conduct or
# > relationships.’ (Hakimi, Part I, pp. 249–50)
#
# This notebook follows her argument in five steps:
#
# 1. **Why collective duties fail** (Part III).
# 2. **The foundations**: human rights duties and the law on state responsibility (Part IV.A).
# 3. **The bundle, case by case**: four duties, tried on the cases she discusses (Part IV.B–C).
# 4. **Syria**: the duty not to obstruct, beside the vetoes and votes of notebook 02.
# 5. **The capacity critique**: why being able to help is not enough to owe help.
#
# Then you can try the **duty explorer** yourself, and the last section says plainly where the
# kit's engine assumes more than the article says.
#
# **The kit's duty engine.** The kit turns Hakimi's four duties into explained rules
# (`r2pkit.duties`). You give it the facts about one outside state (each fact *yes*, *no* or
# *not known*), and it says for each duty whether it **attaches** to that state, whether it is
# **breached**, which facts decided it, why, and where the article says so. It never guesses a
# fact it is not given: when the facts do not settle a question, it says 'not established on these
# facts', which is different from 'no'. The engine applies Hakimi's framework; it does not say
# what the law is. She says so herself: ‘my goal here is not to delineate precisely when outside
# states are or should be responsible. Neither is it to endorse this particular bundle of duties,
# or even to suggest that every duty in this bundle is realizable.’ (Hakimi, Part IV.B, p. 267)
#
# **Citations.** Hakimi is cited by Part, page (the article runs from p. 247) and footnote (n.);
# the resettlement article by section heading and footnote (fn). Words in ‘…’ are quoted word for
# word.
#
# **How to use it:** the cells run from the top, in a few seconds: in JupyterLab, use the menu
# **Run → Run All Cells**; in the kit's web app (Voilà) they have already run when the page appears. You do not need to change any code. One widget, at the end, lets you set facts yourself.
#
# The first cell loads the kit's tools, the library of cases (one file per case, in
# `datasets/duty_cases/`), and the two tables of notebook 02 that section 4 uses.

# %% jupyter={"source_hidden": true}
# Load the kit's tools, the case library and the Syria votes
import pandas as pd

from r2pkit import claims, data, duties, un_votes
from r2pkit.markdown import Markdown
from r2pkit.charts import readable
from r2pkit.syria import CITED_IN_N156, HAKIMI_LAST_VISITED  # Hakimi, p. 253 nn. 38, 40; p. 274 n. 156
from r2pkit.charts.duties import library_chart
from r2pkit.widgets.duties import duty_explorer

cases = duties.load_cases(duties.LIBRARY)   # the case library: facts, sources, the article's outcome
case = {c.id: c for c in cases}              # look a case up by its id
vetoes = data.load("unsc_syria_vetoes")      # Security Council vetoes on Syria (notebook 02)
votes = data.load("unga_syria_votes")        # General Assembly votes on Syria (notebook 02)
pd.set_option("display.max_colwidth", None)  # show whole sentences in tables

hypothetical = [c for c in cases if c.expected_from == "hypothetical"]
from_records = [c for c in cases if c.expected_from == "kit"]  # built by the kit from UN records (notebook 07)
Markdown(f"The library holds **{len(cases)} cases**: {len(cases) - len(hypothetical) - len(from_records)} that "
         f"Hakimi discusses, {len(hypothetical)} hypothetical contrast cases, named by their outcome, and "
         f"{len(from_records)} that the kit built from UN records on a crisis she does not discuss (notebook 07 "
         f"takes them up). Each records its facts, where they come from, and the outcome the article gives "
         f"(or, for those last, the outcome her rules give on those facts).")

# %% [markdown]
# ## 1. Why collective duties fail (Part III)
#
# ‘Almost all of the R2P literature envisions outside states implementing R2P collectively—by
# banding together to help at-risk populations.’ Two legal claims support that vision: that ‘an
# R2P duty falls simultaneously on all outside states’, and that it ‘falls not on states
# themselves but on states’ collective organizations, like the United Nations’. Hakimi grants
# that ‘These legal claims have some intuitive appeal’, but concludes that ‘neither of these
# claims is likely to gain legal traction in the near term.’ (Hakimi, Part III, p. 254)
#
# ### A. A duty on all outside states at once
#
# Such a claim ‘treats all outside states as if they are in the same boat; none is uniquely
# obligated to help the at-risk population or responsible when that population suffers.’ She
# quotes the philosopher David Miller: ‘an undistributed duty . . . to which everybody is subject
# is likely to be discharged by nobody unless it can be allocated in some way.’ (Hakimi, Part
# III.A, p. 254 & nn. 45–46) Her three examples:
#
# - **The Geneva Conventions** require states to ‘ensure respect’ for them ‘in all
#   circumstances’. ‘State officials verbally endorse that interpretation but regularly ignore it
#   in practice.’ (pp. 254–55 & nn. 47–50)
# - **The ILC's Draft Articles on State Responsibility** say that states ‘shall cooperate to bring
#   to an end’ serious breaches of peremptory norms, but ‘do not even try to identify the conduct
#   that would satisfy a duty to cooperate’, and the ILC itself acknowledges that such a duty
#   ‘might still be aspirational and not (yet) effective law.’ (pp. 255–56 & nn. 51–56)
# - **The Genocide Case** (ICJ, 2007) read the Genocide Convention as requiring states to try to
#   prevent genocide abroad, but said that the duty ‘requires different measures of each state,
#   depending on that state's particular tools for averting a crisis’: ‘an outside state that
#   lacks any nexus to or mechanisms for averting a crisis might not have to do anything at all.’
#   (p. 256 & nn. 57–60)
#
# ### B. A duty on international organisations
#
# Placing the duty on the Security Council or regional organisations meets three hurdles. They
# ‘are run by states’, so ‘The demand on any particular state would still be diluted’; they are
# political bodies that ‘have broad discretion to decide whether and how to help an at-risk
# population, and they ultimately may decide to do nothing’; and ‘even if IOs had an R2P duty,
# the extent to which it could meaningfully be enforced is unclear.’ (Hakimi, Part III.B,
# pp. 257–58 & nn. 65–74) The idea that the Council must respond is, in José Alvarez's words,
# ‘absurdly premature and not likely to be affirmed by state practice.’ (p. 258 & n. 72)
#
# ### The two visions side by side
#
# The kit's `duties.compare` sets the collective vision beside Hakimi's answer for one state.
# Here it is for Serbia and the Bosnian Serbs, the Genocide Case of Hakimi's third example, on
# three of its questions (section 5 shows the whole comparison for another state). Read the two
# middle columns: the collective answer would be much the same for any state; the relational
# answer depends on what Serbia did.

# %% jupyter={"source_hidden": true}
# Show how the engine reads the Serbia genocide case
serbia = duties.compare(case["serbia-genocide-case"]).to_frame()
serbia[serbia["question"].str.startswith(("Who bears", "Duty to protect", "If nothing"))]

# %% [markdown]
# ## 2. The foundations: human rights duties and state responsibility (Part IV.A)
#
# ‘International law has two natural starting points for thinking about R2P: human rights law and
# the law on state responsibility.’ (Hakimi, Part IV.A, p. 260)
#
# **Human rights law offers a model.** It ‘assigns states three kinds of duties’: *duties to
# respect* (not to intrude on rights), *duties to protect* (to ‘try to restrain third parties from
# violating rights’) and *duties to fulfill* (to help realise rights). ‘It reminds us that one
# objective—like avoiding unnecessary losses of life—can justify multiple duties.’ ‘R2P is
# currently fashioned as an all-encompassing duty to protect’; it ‘might instead articulate a
# bundle of more discrete duties.’ (Part IV.A.1, p. 261 & nn. 80–82) But human rights law
# ‘applies principally in a state's own territory, for the benefit of its own population’; the
# trend to apply it abroad is ‘contested’ and ‘deeply under-theorized’, and the decisions that do
# so mostly turn on control, yet ‘lack a coherent account of when and why control matters.’
# (pp. 261–62 & nn. 83–89) So ‘R2P might build on human rights law but needs its own conceptual
# work.’ (p. 263) The same holds for state responsibility: ‘any duty to cooperate is not yet
# functional.’ (p. 263)
#
# **Who is responsible, and why.** Under these two bodies of law, ‘responsibility relating to
# human suffering stems from either the state's own misconduct, the state's unique relationship
# with the malfasant, or a messy combination of both.’ (Part IV.A.2, p. 263) A state answers
# strictly for its own agents; but ‘a state is not strictly responsible every time a third party
# violates rights. Duties to protect are due diligence duties’, and whether the state should have
# done more ‘depends largely on the nature of its relationship with the third party.’ (pp. 264–65
# & nn. 95–101)
#
# **Capacity.** Some ground the duty in each state's capacity to help. The ICJ in the Genocide
# Case did speak of each state's ‘capacity to influence’, but ‘It defined capacity in relational
# terms’: distance, political and other links, the state's legal position (pp. 265–66 & nn.
# 102–104). Serbia's support for the Bosnian Serbs gave it a unique relationship with them, so
# ‘Serbia both could have and should have tried to restrain the group's members from committing
# genocide.’ (p. 266 & nn. 105–106) Section 5 returns to this.
#
# ### The facts the engine asks about
#
# The kit's engine turns these grounds into questions about one outside state. The next cell lists
# them, with the duties each one bears on. A case file answers each with *true*, *false* or
# *unknown* (a missing fact is unknown).

# %% jupyter={"source_hidden": true}
# List the facts the engine asks about, and the duties each bears on
readable(pd.DataFrame([{"fact": name, "question": fact.ask(), "bears on": ", ".join(fact.duties)}
                       for name, fact in duties.FACTS.items()]))

# %% [markdown]
# What does the engine say when it knows **nothing** about a state? The next cell asks it. Two
# duties attach to every state whatever it did (Hakimi's duty to respect needs no relationship,
# and the engine treats the duty not to obstruct in the same way: see section 7). Everything else
# is 'not established', never 'no'.

# %% jupyter={"source_hidden": true}
# Assess an outside state about which nothing is known
readable(duties.duty_table(duties.assess({}))[["duty", "attaches", "breached", "would be decided by"]])

# %% [markdown]
# ## 3. The bundle, case by case (Part IV.B–C)
#
# Hakimi outlines ‘four plausible bases for holding an outside state responsible—when it: (1)
# participates in extraterritorial atrocities, (2) does not make reasonable efforts to restrain
# third-party participants, (3) obstructs a third party's protective measures, or (4) does not
# help lessen the risk of atrocities breaking out.’ (Hakimi, Part IV.B, p. 267) The table of
# contents numbers the fourth as Part IV.C; the text calls it ‘4. Duty to Assist’.
#
# ### 3.1 The duty to respect (Part IV.B.1)
#
# Outside states ‘might be responsible for participating in atrocities. This responsibility might
# seem obvious because it already has solid support in international law, but it is completely
# absent from the R2P discourse.’ (p. 267) Atrocities ‘cannot plausibly be justified by any
# countervailing interest’ (p. 269). A state breaches the duty ‘not only by itself perpetrating
# atrocities but also by assisting the perpetrators “with a view to facilitating” the
# atrocities’; the assisting state's agents must have had ‘something between the intent to commit
# atrocities and the knowledge that atrocities would be committed.’ (p. 269 & nn. 117–118)
#
# Hakimi's example is France, which gave ‘extensive financial and military aid to the Rwandan
# regime that perpetrated genocide’: ‘To the extent that France aided the regime “with a view to
# facilitating” genocide, it violated a duty to respect.’ (Part IV.B.2, p. 272 & nn. 146–148)
# The library leaves France's state of mind unknown. The next cell shows what the engine makes of
# that. The cell after it asks what the engine would say with each state of mind, taking (as
# Hakimi does when she writes ‘even if France did not itself participate in genocide’, p. 272) that
# France did not take part itself.

# %% jupyter={"source_hidden": true}
# Explain the duty to respect in the France–Rwanda case
rwanda = case["france-rwanda"]
Markdown(" ".join(duties.assess(rwanda).respect.reasoning))

# %% jupyter={"source_hidden": true}
# Vary France's state of mind in the Rwanda case
readable(pd.DataFrame([{"assistance_mental_element": mind,
                        "duty to respect": duties.short_outcome(duties.assess(
                            rwanda, assistance_mental_element=mind, participates_in_atrocities=False).respect)}
                       for mind in ("purpose", "knowledge", "none")]))

# %% [markdown]
# *Knowledge* stays open: the article places the mental element *between* intent and knowledge
# without saying whether knowledge alone is enough, and the engine will not decide that for it.
#
# ### 3.2 The duty to protect (Part IV.B.2)
#
# Extraterritorial duties to protect ‘have already begun to emerge in international law. So far,
# they appear to be triggered by two kinds of relationships. An outside state might have these
# duties if it either exercises governmental authority over or substantially supports a
# third-party perpetrator.’ (p. 269) Troops on the ground are not enough: ‘duty-to-protect claims
# against states that exercise physical control *without* administrative authority have been
# unsuccessful.’ (p. 270) Where the duty attaches, it is breached if the state ‘failed to exercise
# due diligence to restrain the perpetrators’, which ‘might entail taking economic, diplomatic, or
# criminal measures against the perpetrators’. (p. 273)
#
# Here is the whole report for the first case, Uganda in the parts of the Congo it occupied
# (Armed Activities, ICJ 2005). It begins with what is taken as given and what is unknown.

# %% jupyter={"source_hidden": true}
# Assess the Uganda case (Armed Activities)
duties.assess(case["uganda-armed-activities"])

# %% [markdown]
# Hakimi reads more cases through this duty. The next cell runs the engine on each and shows
# whether the duty to protect attaches, which facts decided it, and whether the engine reproduces
# the outcome the library records from the article.

# %% jupyter={"source_hidden": true}
# Assess the duty to protect in eight cases
protect_cases = ["uganda-armed-activities", "france-behrami", "turkey-cyprus-private-actors", "turkey-cyprus-trnc",
                 "serbia-genocide-case", "russia-ilascu", "russia-georgia", "france-rwanda"]
readable(pd.DataFrame([{"case": case[i].title,
                        "duty to protect": duties.short_outcome(duties.assess(case[i]).protect),
                        "decided by": ", ".join(duties.assess(case[i]).protect.grounds) or "—",
                        "as the article": not duties.expectation_problems(case[i])} for i in protect_cases]))

# %% [markdown]
# Two cases deserve a closer look.
#
# **Behrami.** French troops were in Kosovo, but ‘a U.N. organ administered it’; ‘The court did not
# hold France responsible.’ (p. 270 & nn. 126–128) The engine's reasons:

# %% jupyter={"source_hidden": true}
# Explain why France had no duty to protect in Behrami
Markdown(" ".join(duties.assess(case["france-behrami"]).protect.reasoning))

# %% [markdown]
# **Cyprus v. Turkey.** The same Turkish troops were in northern Cyprus for both parts of the case.
# The court dismissed the claims about abuses by private actors, but held Turkey responsible for
# the abuses of the TRNC, the local administration that Turkey ‘propped up and supported’. Hakimi
# asks: ‘if Turkey's territorial control triggered these duties, then why wouldn't the duties apply
# to the alleged abuses by private actors? All of the alleged abuses occurred in the same physical
# space.’ (pp. 270–71 & nn. 129–137) The next cell lists the facts on which the library's two Cyprus
# cases differ, and the engine's answer for each.

# %% jupyter={"source_hidden": true}
# Compare Turkey's two Cyprus cases, fact by fact
private, trnc = case["turkey-cyprus-private-actors"], case["turkey-cyprus-trnc"]
readable(pd.DataFrame([{"fact": name, "private actors": duties.describe_value(private.facts[name]),
                        "the TRNC": duties.describe_value(trnc.facts[name])}
                       for name in duties.FACTS if private.facts[name] != trnc.facts[name]]
                      + [{"fact": "→ duty to protect",
                          "private actors": duties.short_outcome(duties.assess(private).protect),
                          "the TRNC": duties.short_outcome(duties.assess(trnc).protect)}]))

# %% [markdown]
# What separates them is not control, which was the same, nor capacity (section 5 shows that
# capacity never changes the engine's answer), but whom Turkey supported.
# The courts' own reasoning was less tidy: Hakimi calls it ‘unsatisfying’ (p. 271), and she notes
# that *Armed Activities* ‘is a contrary decision’ on the support ground, since Uganda ‘seems to have
# had a similar relationship with rebel groups throughout the DRC’, yet ‘the court assigned Uganda
# duties to protect only in the occupied areas.’ (p. 271 n. 138) The library therefore leaves
# Uganda's support unknown.
#
# ### 3.3 The duty not to obstruct (Part IV.B.3)
#
# ‘No matter whether a state must actively try to restrain a third-party perpetrator, it might be
# prohibited from obstructing the protective measures that third parties pursue. A duty not to
# obstruct is, at best, nascent in current practice and so lacks precise content.’ Because states
# ‘can reasonably disagree’ about which measures are appropriate, ‘a state that obstructs one
# measure might be responsible only if it does not pursue a meaningful alternative, or only if it
# cannot justify its obstruction by a sufficiently weighty countervailing interest.’ (p. 273) The
# duty is less onerous than a duty to cooperate: ‘obstructing usually involves overt acts that can
# be identified and pinned on particular states.’ (p. 273) Section 4 applies it to Syria.
#
# ### 3.4 The duty to assist (Part IV.B.4, 'IV.C' in the table of contents)
#
# ‘Finally, outside states might have to help foster conditions that are inhospitable to
# atrocities.’ (p. 276) This is the least settled duty: ‘The hurdles to establishing an R2P duty to
# assist are substantial.’ (p. 278) Responsibility should be ‘grounded in a state's own conduct or
# relationships’: ‘an outside state might be responsible for not helping a population if the state
# contributed to the risk of atrocities breaking out, or if the state has a unique relationship
# with the population, such as one rooted in a colonial past.’ (p. 279 & nn. 186–188) The library's
# contrast case of a former colonial power that does nothing:

# %% jupyter={"source_hidden": true}
# Explain the former colonial power's duty to assist
Markdown(" ".join(duties.assess(case["former-colonial-power-must-assist"]).assist.reasoning))

# %% [markdown]
# ### 3.5 The whole library
#
# The chart runs the engine on every case: one row per case, one column per duty. Each cell says
# whether the duty attaches and whether it is breached, or that the facts the case records do not
# establish it. Look down each column: which duties bind every state, and which only a few?
# Hover over a cell for the facts that decided it.

# %% jupyter={"source_hidden": true}
# Chart the outcomes of every case in the library
library_chart(cases)

# %% [markdown]
# The same as a table, with a last column saying whether the engine reproduces the outcome the
# case records (from the article, or for the cases built from UN records, from her rules).

# %% jupyter={"source_hidden": true}
# List the case library with its outcomes
library = duties.library_table(cases)
readable(library.drop(columns=["case", "outside state"]).rename(columns={"title": "case"}))

# %% [markdown]
# In a sentence, and the point of the exercise: which duties the engine finds each state established
# to bear. (Where Hakimi hedges, as with France's support in Rwanda, which ‘might have triggered’ a
# duty to protect, p. 272, the library records the fact as unknown and the engine does not settle it.)

# %% jupyter={"source_hidden": true}
# Count the cases the engine reproduces, and who bears which duties
reproduced = library["as expected"].eq(True).sum()
discussed = [c for c in cases if c not in hypothetical and c not in from_records]
bearers = {duty: sorted({c.outside_state for c in discussed if duties.assess(c)[duty].attaches is True})
           for duty in ("protect", "assist")}
france = {c.title: duties.short_outcome(duties.assess(c).protect) for c in discussed if c.outside_state == "France"}
assist_in_hypothetical = sum(duties.assess(c).assist.attaches is True for c in hypothetical)
Markdown(f"The engine reproduces the outcome the library records in **{reproduced} of "
         f"{len(cases)}** cases. Among the states Hakimi discusses, the engine, reading her theory as rules, finds "
         f"the duty to protect established for {', '.join(bearers['protect']) or 'none'}; the duty to assist for "
         + (', '.join(bearers['assist']) or "none of them")
         + f" (among the hypothetical cases, it attaches in {assist_in_hypothetical} of {len(hypothetical)})"
         + ". The same state can stand differently in different situations: for France, the duty to protect "
         + "; ".join(f"{outcome} in {title}" for title, outcome in france.items())
         + ". Responsibility follows conduct and relationships, case by case.")

# %% [markdown]
# ## 4. Syria: the duty not to obstruct, and the votes of notebook 02
#
# ‘The early stages of the recent crisis in Syria illustrate these points. In the U.N. Security
# Council, China and Russia repeatedly vetoed or threatened to veto resolutions that would have put
# pressure on the Assad regime. This conduct might be evidence of obstruction but is not
# dispositive.’ States ‘could reasonably disagree about what to do in Syria’, and ‘China and Russia
# used their vetoes on some Syria resolutions even as they allowed others to pass.’ (Hakimi, Part
# IV.B.3, p. 274 & nn. 156–157) ‘Looking outside the Council reveals a broader pattern of
# obstructionism’: votes against General Assembly and Human Rights Council resolutions, refusals to
# attend meetings that sought to pressure Assad, and Russia's arms shipments. ‘This broader pattern
# of behavior suggests that China might have acted obstructively and that Russia very likely did.’
# (pp. 274–75 & nn. 161–166)
#
# Notebook 02 tested the record against the data. The next cell recomputes what matters here:
# the vetoes before Hakimi wrote (the latest web pages she cites were ‘last visited Mar. 10, 2014’,
# p. 253 nn. 38, 40), and how Russia and China voted in the General Assembly.

# %% jupyter={"source_hidden": true}
# Count the vetoes and votes on Syria before Hakimi's cut-off
by_member = un_votes.veto_summary(vetoes).assign(before=lambda t: t["year"] < 2014)
cut = claims.vetoes_before(vetoes, HAKIMI_LAST_VISITED, CITED_IN_N156, together=["China", "Russia"])
before = cut.before
early_votes = votes[votes["date"] < HAKIMI_LAST_VISITED]
early = claims.consistently(early_votes, ["Russia", "China"], vote="no")
both_no, since = early.table, early.since
same = un_votes.voting_agreement(early_votes, "China", "Russia")
Markdown(
    f"Before Hakimi's cut-off, **{len(before)}** draft resolutions on Syria were vetoed "
    f"({', '.join(before['draft'])}), **{cut.joint}** of them by China and Russia together"
    + ("; they are exactly the drafts she cites in n. 156" if cut.cited_are_joint
       else "; they are not the same drafts as she cites in n. 156")
    + f". In the General Assembly, on the {len(both_no)} resolutions with member votes "
    f"before the cut-off, both voted no on **{int(both_no['all'].sum())}**"
    + (f", every one from {since['resolution']} ({since['date']:%B %Y}) on" if since is not None else "")
    + f". China cast the same vote as Russia on {same.same} of the {same.compared} resolutions both voted on."
)

# %% [markdown]
# And after her article? The next table counts each member's vetoes on Syria, before 2014 and from
# 2014 on (the data run beyond what Hakimi could see).

# %% jupyter={"source_hidden": true}
# Count each member's vetoes before and after 2014
by_member.groupby(["member", "before"])["vetoes"].sum().unstack("before").rename(
    columns={True: "before 2014", False: "2014 and after"})[["before 2014", "2014 and after"]]

# %% [markdown]
# Two things follow, and one thing does not.
#
# - In the records the kit holds, **Russia and China look alike before 2014**: the same vetoes,
#   and the same votes in the General Assembly. Hakimi's distinction (‘might’ for China, ‘very
#   likely’ for Russia) rests on conduct these tables do not contain: that ‘Russia did more of the
#   dirty work’, that its ‘early support for Assad undermined efforts to isolate him’, and that it
#   ‘continued to ship military equipment to the regime after its atrocities were apparent.’
#   (p. 275 & nn. 164–166) The data neither confirm nor refute that part.
# - A veto or a vote against is **evidence** of obstruction, not a breach: Hakimi says so of the
#   vetoes (‘not dispositive’), and her two limits, a meaningful alternative and a weighty
#   countervailing interest, cannot be read off a vote count.
# - So the engine does **not** count vetoes. The library takes from Hakimi's reading that Russia
#   obstructed, and leaves China's obstruction unknown. Here is what the engine concludes for both:

# %% jupyter={"source_hidden": true}
# Assess Russia's and China's duty not to obstruct
readable(pd.DataFrame([{"case": case[i].title,
                        "obstructs": duties.describe_value(case[i].facts["obstructs_protective_measures"]),
                        "duty not to obstruct": duties.short_outcome(duties.assess(case[i]).not_obstruct),
                        "would be decided by": ", ".join(duties.assess(case[i]).not_obstruct.open_facts)}
                       for i in ("russia-syria", "china-syria")]))

# %% [markdown]
# What the article does: Hakimi weighs reasonable disagreement first (‘States could reasonably
# disagree about what to do in Syria’, p. 274), then the broader pattern, and concludes that Russia
# ‘very likely’ obstructed (p. 275). What the kit reads into it: ‘very likely’ is her overall
# judgment, not a finding on each of the two limits she states for the duty, so the library leaves
# both facts unknown. The next cell shows what the engine would say for each way the two facts
# could be settled. (One fact bears on the first limit: ‘Some have
# speculated that, in December 2011, Russia proposed a Security Council resolution’, p. 276 &
# n. 169; whether that was a meaningful alternative, the article does not say.)

# %% jupyter={"source_hidden": true}
# Vary Russia's alternative and interest, and see the duty not to obstruct
russia = case["russia-syria"]
readable(pd.DataFrame([{"offers_meaningful_alternative": duties.describe_value(alt),
                        "weighty_countervailing_interest": duties.describe_value(weight),
                        "duty not to obstruct": duties.short_outcome(duties.assess(
                            russia, offers_meaningful_alternative=alt,
                            weighty_countervailing_interest=weight).not_obstruct)}
                       for alt in (False, True, None) for weight in (False, True, None)]))

# %% [markdown]
# Where the two limits disagree, the breach stays open: Hakimi offers them as alternatives
# (‘or only if’) without choosing. Finally, she sees the Syria case as a sign that the duty ‘might
# be developing informally’: others pressured Russia and China, but not states that neither
# obstructed nor cooperated, which ‘demonstrates that a duty not to obstruct might gain traction
# even if a duty to cooperate cannot.’ (pp. 275–76 & nn. 167–169)
#
# ## 5. The capacity critique
#
# Some would give R2P to the states best able to help. Hakimi disagrees: ‘grounding responsibility
# primarily in each state's positive capacity would be misguided. States that are especially
# capable would repeatedly carry a disproportionate R2P burden’, even where their involvement would
# lack legitimacy or other states contributed to the problem, and it ‘would absolve states that are
# incapable, rather than encourage these states to develop some capacity.’ (Part IV.A.2, p. 266 &
# nn. 107–109) Behrami and Cyprus point the same way: states with troops on the ground ‘presumably
# *can* act to restrain third parties’, yet ‘the results suggest that the state's positive capacity
# does not trigger the duties.’ (Part IV.B.2, p. 271)
#
# Capacity still matters at the edges: states ‘should not have to do more than they can reasonably
# bear’ (pp. 266–67 & n. 110), and a duty to assist ‘might account for states' positive capacities in
# ways that other R2P duties do not.’ But ‘positive capacity is an insufficient basis for
# assigning responsibility.’ (p. 279)
#
# ### A remote, wealthy state with no ties
#
# The library's contrast case: a state with every capacity and no conduct or relationship. The next
# cell sets the two visions side by side.

# %% jupyter={"source_hidden": true}
# Compare a remote wealthy state's duties with the article's
remote = case["remote-wealthy-state-no-ties-owes-only-negative-duties"]
duties.compare(remote)

# %% [markdown]
# Does capacity ever change the engine's answer? The next cell runs every case in the library
# twice, once with *high capacity* set to yes and once to no, and counts the duties whose answer
# changes.

# %% jupyter={"source_hidden": true}
# Check that capacity alone never changes an answer
changes = [(c.id, d) for c in cases for d in duties.DUTIES
           if duties.short_outcome(duties.assess(c, high_capacity=True)[d])
           != duties.short_outcome(duties.assess(c, high_capacity=False)[d])]
Markdown(f"Over {len(cases)} cases × {len(duties.DUTIES)} duties, setting capacity to yes or no changes "
         f"**{len(changes)}** answers. In the engine, as in Hakimi's framework, capacity grounds no duty; only "
         "whether the state *cannot reasonably bear the cost* can leave a breach open.")

# %% [markdown]
# ### Contribution: where Hakimi meets the resettlement article
#
# The resettlement article makes a related claim about the UK, which joined the coalition's air
# strikes in Syria: ‘Regardless of whether the coalition’s air strikes are justified in the fight
# against terrorism, the strikes continue to create new flows of refugees out of Syria, which also
# means states have a special moral obligation to offer resettlement as reparation for contributing
# to the conditions forcing mass flows of refugees.’ (Resettlement article, 'The Responsibility to
# Resettle Syrian Refugees', fnn 57–58) It adds that ‘this special responsibility to protect only
# applies in contexts where a potential causative link exists between intervention and
# displacement.’ (Resettlement article, 'What Does the R2P Response Require?', fn 84)
#
# Both authors ground the obligation in what a state did, not in what it can do. They differ too:
# the resettlement article speaks of a *moral* obligation and of contributing to *displacement*;
# Hakimi of a proposed *legal* duty and of contributing to ‘the risk of atrocities breaking out’.
# The library's case of a state whose air strikes contributed to the displacement bridges the two,
# and its notes say that the bridge is the case's own assumption. The next cell shows the engine's
# answer on the duty to assist, and how it turns on whether the state helps (for example by
# resettling refugees).

# %% jupyter={"source_hidden": true}
# Vary whether the air strikes help, and see the duty to assist
strikes = case["air-strikes-contributed-to-risk-must-assist"]
readable(pd.DataFrame([{"helps_lessen_risk": duties.describe_value(helps),
                        "duty to assist": duties.short_outcome(duties.assess(
                            strikes, helps_lessen_risk=helps, cannot_reasonably_bear=False).assist)}
                       for helps in (None, True, False)]))

# %% [markdown]
# (The cell also sets *cannot reasonably bear the cost* to no: left unknown, a failure to help would stay
# 'not established', because a state that cannot bear the duty ‘might have a more lenient R2P duty
# or be excused altogether’, p. 267.)
#
# ## 6. Explore: the duty explorer
#
# Choose a case in the menu, or start from nothing known, and answer the questions about the
# outside state. The table says which duties attach and whether they are breached; the reasons
# and sources are beneath it. Try:
#
# - Load **France in Kosovo (Behrami)** and set 'substantially supports the perpetrators' to yes.
# - Load **the remote, wealthy state** and set 'contributed to the risk' to yes.
# - Set 'governmental authority' and 'troops WITHOUT administrative authority' both to yes: the
#   engine refuses contradictory facts and says why.
#
# *The widget needs the notebook to be running: if you see only one line of text, run the cell.*

# %% jupyter={"source_hidden": true}
# The duty explorer: set the facts, or load a case
duty_explorer(cases, preset="russia-syria")

# %% [markdown]
# ## 7. What the article claims, and what the engine assumes
#
# A rule engine must decide questions an article can leave open. Where the kit's engine goes
# beyond Hakimi's words, it says so:
#
# | Question | What the article says | What the engine assumes |
# |---|---|---|
# | Is the bundle the law? | ‘Neither is it to endorse this particular bundle of duties’ (p. 267); the duties ‘vary in the extent to which they are already established’ (p. 267). | It applies the bundle as rules, and every report carries that caveat. |
# | Mental element for assisting | ‘something between the intent to commit atrocities and the knowledge that atrocities would be committed’ (p. 269). | *Purpose* is a breach; bare *knowledge* is 'not established'. |
# | The two limits on obstruction | responsible ‘only if it does not pursue a meaningful alternative, or only if it cannot justify its obstruction’ (p. 273). | A breach only when both limits agree; when they disagree, 'not established'. |
# | Who bears the duty not to obstruct? | A state ‘might be prohibited from obstructing’, ‘No matter whether’ it must restrain (p. 273). | It attaches to every state, like the duty to respect. |
# | A state that cannot bear a duty | ‘might have a more lenient R2P duty or be excused altogether’ (p. 267 & n. 110). | The breach is left 'not established'. |
# | Capacity and the duty to assist | It ‘might account for states' positive capacities in ways that other R2P duties do not’ (p. 279). | Capacity never decides whether a duty attaches; the engine does not measure how much a state must do. |
# | France and Rwanda | France's ‘substantial support might have triggered an extraterritorial duty to protect’ (p. 272). | France's support is not recorded as established substantial support, so the duty to protect is 'not established'. |
# | Syria | States ‘could reasonably disagree’ (p. 274); then, weighing the wider pattern, China ‘might have acted obstructively’ and Russia ‘very likely did’ (p. 275). | Russia obstructs (yes), China unknown; the two limits stay unknown, so neither breach is established: the kit's reading of ‘very likely’. |
#
# The facts of each case are readings too: each case file cites the page it rests on and says in
# its notes where it reads more into the article than the article says.
#
# ## Where next
#
# - **Exercise 03** (`exercises/ex03_duties.ipynb`) has questions on this notebook, and two new
#   scenarios in which you set the facts and the engine works out the duties.
# - The engine from the command line: `r2pkit duties assess datasets/duty_cases/russia-syria.yaml`
#   (add `--format json` for the machine-readable form), and `r2pkit duties compare` for the two
#   visions.
#
# The sources used here: Monica Hakimi, 'Toward a Legal Theory on the Responsibility to Protect',
# 39 *Yale J. Int'l L.* 247 (2014), Parts I, III and IV; the resettlement article ('The
# Responsibility to Resettle Syrian Refugees', 'What Does the R2P Response Require?'). The data:
# `data.cite("unsc_syria_vetoes")` and `data.cite("unga_syria_votes")`; the cases: `datasets/duty_cases/`.
