# %% [markdown]
# # Your own argument, as a reproducible appendix
#
# This notebook is for **researchers** who want to use the kit's data and models in an
# article of their own, and publish the computation as an appendix that anyone can re-run
# and check. It is a template: copy it, keep its shape, and change the claim.
#
# The recipe has four steps:
#
# 1. **State a claim** from the literature, quoted and cited.
# 2. **Test it** with the kit's datasets (every row carries its source) and models.
# 3. **Mark what the article relies on**: pass each chart and table to `export` with a
#    file name. In JupyterLab `export` only shows the object; when the appendix is built,
#    it also saves the chart as SVG and PNG and the table as CSV.
# 4. **Build the appendix** with one command, from a small configuration file that names
#    the notebooks and their parameters. The build runs everything again from a fresh
#    start, offline, and writes a replication package: the figures, the tables, the data
#    used and its citations, a README in the form journals ask for, a web page per
#    notebook and a manifest that lets a reader check that nothing was altered.
#
# ## 1. Parameters
#
# The next cell holds the choices the argument depends on. It carries the tag
# `parameters` (see the cell's tags in JupyterLab's right-hand panel): when the appendix is
# built, its values are replaced by those in the configuration file, so one notebook can
# serve several appendices. Change them here to explore.

# %% tags=["parameters"]
year = 2015  # a year of the UNHCR data
measure = "per_1000"  # "refugees", "per_1000" or "per_usd_gdp_per_head"
top = 8  # how many host countries the ranking shows
neighbours = ["Türkiye", "Lebanon", "Jordan"]  # the hosts the claim is about

# %%
import altair as alt
import pandas as pd

from r2pkit import charts, data, displacement
from r2pkit.markdown import Markdown
from r2pkit.appendix import export

# %% [markdown]
# ## 2. The claim
#
# The resettlement article argues that the way the burden of Syria's refugees is shared
# tells the neighbouring states something about R2P:
#
# > ‘The refusal to resettle significant numbers of Syrian refugees sends the message to
# > states like Turkey, Jordan and Lebanon, that they have a different type of
# > responsibility to protect Syrian refugees, one that involves more than a financial
# > responsibility.’ (Resettlement article, 'The Responsibility to Resettle Syrian
# > Refugees', fn 52)
#
# The claim rests on a fact we can check: that these three states hold most of the
# refugees. We test it with UNHCR's figures and the World Bank's population figures.

# %%
refugees = data.load("syria_refugees_by_host")
indicators = data.load("country_indicators")

# %% [markdown]
# ## 3. Test it with the kit's models
#
# `displacement.share_of_hosts` adds up the refugees a group of hosts held at the end of a
# year and divides by UNHCR's world total. The sentence below is computed, not typed: if
# you change the parameters, it changes with them.

# %%
share = displacement.share_of_hosts(refugees, year, neighbours)
Markdown(f"At the end of {share.year}, {', '.join(share.hosts)} hosted **{share.refugees:,}** of the "
         f"{share.world:,} Syrian refugees counted by UNHCR: **{share.share:.0%}**.")

# %% [markdown]
# Numbers alone can mislead: a large country can host many refugees and hardly feel it.
# `displacement.rank_hosts` ranks the hosts by a measure of pressure. The table is the
# evidence the article will cite, so we pass it to `export` with a name: in the appendix
# it becomes `tables/host_pressure_ranking.csv`. Each row keeps its `source`.

# %%
ranking = displacement.rank_hosts(refugees, indicators, year, measure, top=top)
export(ranking, "host_pressure_ranking")  # every column goes into the appendix
charts.readable(ranking[["rank", "host", "refugees", measure, "source"]])  # the columns to read here

# %% [markdown]
# The same ranking as a chart, from the kit's chart builders, with the first of the
# neighbours highlighted. In the appendix it becomes `figures/host_pressure_chart.svg`
# and `.png` (and `.vl.json`, the chart's specification with its data).

# %%
pressure_chart = charts.host_pressure_chart(refugees, indicators, year, measure, top=top,
                                            highlight=neighbours[0])
export(pressure_chart, "host_pressure_chart")

# %% [markdown]
# ## 4. A model of your own
#
# Your argument will often need a computation the kit does not have. Write it as a small
# function that takes the kit's tables and returns a table: it can then be checked, reused
# and exported. Here: the neighbours' share of all Syrian refugees in every year of the
# data, built on `share_of_hosts`.

# %%
def share_by_year(refugees: pd.DataFrame, hosts: list[str]) -> pd.DataFrame:
    """The share of all Syrian refugees that ``hosts`` held at the end of each year of the data."""
    rows = [displacement.share_of_hosts(refugees, y, hosts) for y in displacement.years(refugees)]
    return pd.DataFrame({
        "year": [r.year for r in rows],
        "refugees": [r.refugees for r in rows],
        "world": [r.world for r in rows],
        "share": [r.share for r in rows],
        "source": "UNHCR Refugee Data Finder (r2pkit dataset syria_refugees_by_host)",
    })


over_time = share_by_year(refugees, neighbours)
export(over_time, "neighbours_share_by_year")

# %% [markdown]
# A chart of your own follows the kit's rules: a title, a plain-language description for
# screen readers (computed from the data, like every number), tooltips with the source,
# and the kit's colour-blind-safe theme, which applies by itself. `charts.titled` adds the
# title and description, and `charts.require_accessible` checks the chart before it is
# exported.

# %%
names = ", ".join(share.hosts)
low, high = over_time.loc[over_time["share"].idxmin()], over_time.loc[over_time["share"].idxmax()]
share_chart = charts.titled(
    alt.Chart(over_time).mark_line(point=True).encode(
        x=alt.X("year:O", title="End of year"),
        y=alt.Y("share:Q", title="Share of all Syrian refugees", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("refugees:Q", title="Hosted by the neighbours", format=","),
                 alt.Tooltip("world:Q", title="All Syrian refugees", format=","),
                 alt.Tooltip("share:Q", title="Share", format=".1%"),
                 alt.Tooltip("source:N", title="Source")],
    ),
    f"Share of Syrian refugees hosted by {names}",
    f"Line chart of the share of all Syrian refugees hosted by {names} at the end of each year, "
    f"{over_time['year'].min()}–{over_time['year'].max()}: lowest {low['share']:.0%} in {low['year']}, "
    f"highest {high['share']:.0%} in {high['year']}. Source: UNHCR Refugee Data Finder.",
)
charts.require_accessible(share_chart)
export(share_chart, "neighbours_share_chart")

# %% [markdown]
# Look at the first year before drawing conclusions from it: the counts were then tiny,
# so its share says little.

# %%
first = over_time.iloc[0]
Markdown(f"At the end of {first['year']}, UNHCR counted {first['world']:,} Syrian refugees in all, "
         f"{first['refugees']:,} of them in {names}.")

# %% [markdown]
# ## 5. Where the data qualify the claim
#
# Say plainly where the figures need care. The dataset's `note` column records, row by
# row, what the source says about its own figures (for instance where a country stopped
# registering refugees, or counts them under another status). The notes for the
# neighbours in the chosen year:

# %%
chosen = refugees[(refugees["year"] == year) & refugees["host"].isin(share.hosts)]
chosen[["host", "refugees", "note"]].reset_index(drop=True)

# %% [markdown]
# ## 6. Cite the data you used
#
# The kit remembers which datasets this notebook loaded; the appendix cites each of them,
# with the original sources they were compiled from, in BibTeX and CSL-JSON. In a
# notebook you can ask for the same citations:

# %%
print("Datasets loaded in this session:", ", ".join(data.loaded()))
print(data.cite("syria_refugees_by_host"))

# %% [markdown]
# ## 7. Build the appendix
#
# The appendix is described by a small configuration file. The kit's example,
# `appendix.example.yaml` (in the kit's top folder), builds this notebook:

# %%
from r2pkit.appendix.config import KIT_ROOT

print((KIT_ROOT / "appendix.example.yaml").read_text(encoding="utf-8"))

# %% [markdown]
# To build it, open a terminal (in JupyterLab: **File → New → Terminal**), go to the kit's
# folder and run:
#
# ```sh
# r2pkit appendix build appendix.example.yaml
# ```
#
# It runs each notebook from a fresh start, offline, with the parameters of the file, and
# stops with a clear message at the first error. The output folder is then a **replication
# package** in the form journals' data editors ask for:
#
# - `README.md` (and `README.html`) — written from the run itself, in the sections of the
#   Social Science Data Editors' template README: where each data source comes from, under
#   what licence and how to get it; the software and versions that ran, the machine and the
#   measured run time; how to run it again; and every table and figure mapped to the
#   program, cell and line that makes it;
# - `code/` and `appendix.yaml` — your notebooks as you wrote them, and the configuration;
# - `notebooks/` and `html/` — the notebooks as run, with every output, and as web pages;
# - `figures/` and `tables/` — what you passed to `export`, under the names you gave;
# - `data/` — the exact extracts of the datasets used, with their `datapackage.json`;
# - `citations.bib` and `citations.json` — every data source, with its authors and year,
#   and the kit itself;
# - `environment/` and `binder/` — the exact package versions and the kit's own source, to
#   install the same environment (or open it in Binder);
# - `LICENSE`, `CITATION.cff`, `.zenodo.json` and `ro-crate-metadata.json` — the licence
#   and the metadata a repository such as Zenodo reads;
# - `manifest.json` — a fingerprint (SHA-256) of every file.
#
# Building again from the same file on the same version of the kit gives the same files,
# byte for byte, and keeps any file you added to the folder. Publish the manifest's
# SHA-256, which the build prints, with your article. A reader (or a data editor) checks
# that nothing was altered, then runs everything again and compares what it says:
#
# ```sh
# r2pkit appendix verify build/appendix --expect SHA256
# r2pkit appendix verify build/appendix --rerun
# ```
#
# The second command compares every number of every table (exactly, or within the
# tolerance the configuration states) and the data and text of every chart, and names each
# difference by table or figure: on another machine a chart may be drawn a pixel
# differently, which does not count. `r2pkit appendix pack build/appendix` writes the whole
# package as one ZIP to deposit, the same bytes every time. For your own article, copy
# this notebook and the configuration file beside your text, change the claim, the
# parameters, the `authors` and the `output` folder, and list your notebook by its path:
# `- notebook: my_argument.ipynb`.
