# %% [markdown]
# # Start here: how to use the R2P kit
#
# This kit helps you study the **Responsibility to Protect (R2P)**: the commitment, made by
# the world's governments at the 2005 World Summit, that every state must protect its
# population from genocide, war crimes, ethnic cleansing and crimes against humanity, and
# that other states should help, and act when a state manifestly fails.
#
# The notebooks that follow walk through R2P's history, the Syria case, Monica Hakimi's
# idea of a "bundle" of duties, resettlement of refugees as a response, and the toolbox of
# prevention. **You do not need to know how to program.** You will read, run cells, move
# sliders and pick options. This first notebook shows you how, in about fifteen minutes.
#
# ## 1. What is a notebook?
#
# A notebook is a page made of **cells**. Some cells hold text, like this one. Others hold
# a few lines of Python code, on a grey background. To **run** a cell, click on it and
# press **Shift + Enter**: the result appears under it, and the next cell is selected.
#
# - To run everything from the top: menu **Run → Run All Cells**.
# - If something looks wrong, start again cleanly: menu **Kernel → Restart Kernel and Run All Cells**.
# - You cannot break the kit by running cells. Your own changes stay in your copy.
#
# Run the cell below. It loads the kit's tools: `data` for the datasets and `charts` for
# the charts. Nothing visible happens, and that is fine.

# %%
from r2pkit import charts, data, widgets

# %% [markdown]
# ## 2. The data, and where every number comes from
#
# The kit comes with small tables ("datasets") collected from official sources: the UN
# Security Council's vetoes, General Assembly votes, UNHCR's refugee statistics, World Bank
# population and GDP figures, and a timeline of R2P drawn from the three texts the kit is
# built on. Run the next cell to list them: how many rows each has, where it comes from,
# and under what licence you may reuse it.

# %%
data.list_datasets()

# %% [markdown]
# Let us open one: the number of **Syrian refugees in each host country**, year by year,
# as counted by UNHCR, the UN refugee agency. The next cell opens the table, checking it
# first so that a damaged file is never used silently, and shows five rows of 2015
# (the columns worth reading here).

# %%
refugees = data.load("syria_refugees_by_host")
rows_of_2015 = refugees[refugees["year"] == 2015].head(5)
charts.readable(rows_of_2015[["year", "host", "refugees", "asylum_seekers", "source", "note"]])

# %% [markdown]
# Look at the last columns. **Every row says where its numbers come from** (its source), and
# a note says when a number needs care: here, for instance, that Lebanon stopped
# registering Syrian refugees in 2015, so its count is of *registered* refugees only.
# This is the kit's first rule: no number without a source.
#
# What does each column mean? The next cell says, with units:

# %%
data.describe("syria_refugees_by_host")

# %% [markdown]
# ## 3. A chart
#
# The kit turns tables into charts. Every chart has a title and a short description,
# and uses colours that people with colour blindness can tell apart. This one shows the
# ten countries hosting the most Syrian refugees at the end of 2015, ranked over every country of
# asylum in UNHCR's data, not only over the hosts in the kit's table (the column of ranks says each
# host's place, and the table holds every host that ranked among the largest twenty in any year).

# %%
charts.refugees_by_host(refugees, 2015)

# %% [markdown]
# ## 4. A widget: explore by yourself
#
# Some cells make **widgets**: sliders, menus and buttons that you use with the mouse.
# Move the slider below to another year (click it, then use the arrow keys or drag the
# handle). The sentence and the chart change to that year. Hover over a bar to see its
# exact figure and its source.
#
# *The widget needs the notebook to be running: if you see only text, run the cell.*

# %%
widgets.host_year_explorer(refugees, year=2015)

# %% [markdown]
# Try this: in which year did the number of Syrian refugees peak? And when did Germany
# become one of the largest hosts? Keep your answers: the exercises will ask.
#
# ## 5. Exercises
#
# Each topic comes with an exercise notebook in the `exercises` folder; the first is
# `exercises/ex00_start_here.ipynb`, on this notebook. Most questions are answered with the
# mouse (choices, menus, putting events in order); a few invite those who want to try to
# compute something with the data. Here is its first question, to try now: choose an
# answer and press **Check**. If you are not right yet, you get a hint; once you are (or
# when you ask for it), you get the explanation and its source. This copy is a
# demonstration: what you try here is not counted in your exercise notebook.

# %%
from r2pkit.exercises import ask, check

ask("ex00.q1", demo=True)

# %% [markdown]
# You can also answer by typing, which some people find quicker. Here someone answered "b";
# see what the check says:

# %%
check("ex00.q1", "b", demo=True)

# %% [markdown]
# ## 6. Citing the data
#
# If you use a figure from the kit in an essay or an article, cite its source. `data.cite`
# gives a ready-made citation, naming the original publishers:

# %%
print(data.cite("syria_refugees_by_host"))

# %% [markdown]
# Researchers can ask for BibTeX instead, with `data.cite("syria_refugees_by_host", style="bibtex")`.
#
# ## 7. When something goes wrong
#
# Mistakes happen, for instance a typo in a dataset's name. The kit then says what went
# wrong and what you can do. The cell below asks for a dataset called "refugees", which
# does not exist; the message suggests the right name. (A red message like this one is
# expected here.)

# %% tags=["raises-exception"]
data.load("refugees")

# %% [markdown]
# ## Where next
#
# Open the next notebook, `01_history.ipynb`, for the road from Rwanda and Kosovo to the
# 2005 World Summit and to Syria. The kit's sources are:
#
# - the UNA-UK roundtable on the responsibility to protect, *Summary of proceedings and
#   recommendations*, 16 April 2013;
# - Monica Hakimi, 'Toward a Legal Theory on the Responsibility to Protect', 39 *Yale Journal
#   of International Law* 247 (2014);
# - an article on resettlement as a way to discharge R2P's third pillar, with Syria and
#   the United Kingdom as its case.
