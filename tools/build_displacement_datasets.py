"""Build the kit's two displacement datasets from the shared reference files.

This is a maintainer tool. Users of r2pkit never need to run it: the CSVs it writes
(``datasets/syria_refugees_by_host.csv`` and ``datasets/country_indicators.csv``) are
committed to the repository. It exists so that anyone can see, and repeat, exactly how
every number in those files was taken from its source.

Inputs (in the reference folder, by default ``../shared/reference`` beside the repository):

* ``unhcr_refugees/unhcr_population.csv``: UNHCR Refugee Data Finder population table,
  R package ``refugees`` v2025.12.1, converted to CSV (CC BY 4.0).
* ``worldbank/population.csv`` and ``worldbank/gdp.csv``: World Bank WDI series SP.POP.TOTL
  and NY.GDP.MKTP.CD as published by the datahub.io core datasets (ODC-PDDL-1.0).

How the list of host countries is chosen
-----------------------------------------
1. Every country of asylum that held at least 1% of all Syrian refugees under UNHCR's
   mandate (origin ``coo_iso == "SYR"``, column ``refugees``) in any year 2011-2025.
   Note that the 2011 world total is tiny (19,931), so in 2011 several European states
   pass 1% with a few hundred refugees; those states are in the list below anyway.
2. Plus every country of asylum that ranked among the ``RANK_COMPLETE`` (20) largest hosts in
   any year 2011-2025, ranked over *all* countries of asylum in the table, so that any "top N"
   with N up to 20 is complete for every year (the ``rank`` column says each host's place).
3. Plus the main European and resettlement states, even where smaller (``EXTRA_HOSTS``).
4. Plus one world-total row per year (``host_iso3 = "WLD"``): all countries of asylum summed.

Countries are identified by ISO3 (``coa_iso``), never by UNHCR's own codes (``coa``), which
are not ISO codes: UNHCR ``AUS`` is Austria, ``ARE`` is Egypt. The UNHCR code is kept in a
column only so readers can see the difference. World Bank data are joined on ISO3.

Nothing is imputed. A value absent from the source stays empty and the ``note`` says why.
The output is deterministic: running the script twice gives byte-identical files.

Usage::

    python tools/build_displacement_datasets.py [--reference DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "datasets"

FIRST_YEAR, LAST_YEAR = 2011, 2025          # refugee stocks
IND_FIRST, IND_LAST = 2010, 2024            # World Bank indicators (2010 = pre-conflict baseline)
SHARE_THRESHOLD = 0.01
RANK_COMPLETE = 20                          # every host ever ranked 1..20 is in the table

EXTRA_HOSTS = ["CAN", "USA", "GBR", "FRA", "AUS", "NOR", "DNK", "CHE", "BEL", "GRC", "ITA", "ESP"]

# Readable English names where UNHCR's official style is long; other names are UNHCR's.
HOST_NAMES = {
    "GBR": "United Kingdom",
    "USA": "United States",
    "NLD": "Netherlands",
}

UNHCR_VERSION = "2025.12.1"
UNHCR_SOURCE = f"UNHCR Refugee Data Finder, population table, via R package refugees v{UNHCR_VERSION}"
UNHCR_URL = "https://www.unhcr.org/refugee-statistics/"
WB_SOURCE = ("World Bank WDI via datahub.io core datasets: population (commit 425fc44) and gdp "
             "(commit 822019c); SP.POP.TOTL / NY.GDP.MKTP.CD")
WB_URL = "https://databank.worldbank.org/source/world-development-indicators"

# Caveats attached to every row of a host (refugee table).
HOST_NOTES = {
    "TUR": "Türkiye: Syrians under the government's temporary protection regime (government figures).",
    "LBN": ("Lebanon: registered refugees only; new UNHCR registration of Syrians stopped in 2015, "
            "so later counts leave out unregistered Syrians."),
    "EGY": "UNHCR code ARE is Egypt here (ARE is the ISO code of the United Arab Emirates).",
    "AUT": "UNHCR code AUS is Austria here (AUS is the ISO code of Australia).",
    "AUS": "Australia is UNHCR code AUL (UNHCR AUS means Austria).",
    "DEU": "Germany is UNHCR code GFR.",
    "CHE": "Switzerland is UNHCR code SWI.",
}
NEIGHBOUR_ASYLUM_NOTE = ("asylum_seekers 0: Syrians here are counted in the refugees column "
                         "(group registration), not as pending individual asylum applications.")
NEIGHBOURS = {"TUR", "LBN", "JOR", "IRQ", "EGY"}

# Breaks in a series that are in the source as published; flagged, not corrected.
CELL_NOTES = {
    ("CAN", 2019): "Sharp drop from 2018 is as published by UNHCR; the reference does not explain it (probably a change in reporting, not departures).",
    ("BEL", 2016): "Same value reported for 2016, 2017 and 2018, as published.",
    ("BEL", 2017): "Same value reported for 2016, 2017 and 2018, as published.",
    ("BEL", 2018): "Same value reported for 2016, 2017 and 2018, as published.",
    **{("SDN", y): "Nearly unchanged 2018-2022, as published (probably an estimate carried forward)."
       for y in range(2018, 2023)},
    ("SWE", 2024): "Sharp drop from 2023 is as published by UNHCR; the reference does not explain it.",
    ("GRC", 2024): "Sharp drop from 2023 is as published by UNHCR; the reference does not explain it.",
}
YEAR_NOTES = {
    2011: "2011: the conflict began in March 2011; few Syrians abroad were yet registered as refugees.",
    LAST_YEAR: f"{LAST_YEAR}: newest release (Global Trends {LAST_YEAR}); recent figures are subject to revision.",
}


# Caveats attached to every row of a country (indicator table). The growth figures in the
# note of a neighbour that counts refugees among its residents are computed from the file.
RESIDENT_NOTE_COUNTRIES = ("LBN", "JOR")
GROWTH_YEARS = (2013, 2014, 2015)
INDICATOR_NOTES = {
    "SYR": ("Syria population is UN WPP modelling of the resident population; it does not "
            "subtract refugees abroad one-for-one."),
}


def resident_note(population: pd.Series) -> str:
    """The note for a host whose resident population grew with the refugees it took in:
    its growth in GROWTH_YEARS and in 2012, computed from the World Bank series (by year)."""
    growth = {y: 100 * (int(population[y]) / int(population[y - 1]) - 1) for y in (2012, *GROWTH_YEARS)}
    shown = ", ".join(f"{growth[y]:.1f}% in {y}" for y in GROWTH_YEARS)
    return ("Population counts residents and appears to include Syrian refugees (it grew by "
            f"{shown}, against {growth[2012]:.1f}% in 2012, computed from this series), so refugees "
            "per head of population use a denominator that already contains them.")


def read_csv(path: Path, **kwargs) -> pd.DataFrame:
    """Read a reference CSV without turning real codes such as 'NA' into missing values."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""], **kwargs)


def join_notes(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def ranks(syr: pd.DataFrame) -> pd.Series:
    """Each country of asylum's rank by refugees in its year, over all countries of asylum in the
    table (1 = largest; ties share the lower rank), indexed by (year, coa_iso)."""
    by = syr.groupby(["year", "coa_iso"])["refugees"].sum()
    return by.groupby(level="year").rank(ascending=False, method="min").astype(int)


def choose_hosts(syr: pd.DataFrame) -> list[str]:
    """ISO3 codes of hosts: >= 1% of all Syrian refugees in any year, every host ranked
    1..RANK_COMPLETE in any year, plus EXTRA_HOSTS."""
    totals = syr.groupby("year")["refugees"].transform("sum")
    share = syr["refugees"] / totals
    big = set(syr.loc[share >= SHARE_THRESHOLD, "coa_iso"])
    rank = ranks(syr)
    ranked = set(rank[rank <= RANK_COMPLETE].index.get_level_values("coa_iso"))
    return sorted(big | ranked | set(EXTRA_HOSTS))


def build_refugees(reference: Path) -> pd.DataFrame:
    pop = read_csv(reference / "unhcr_refugees" / "unhcr_population.csv")
    syr_all = pop[pop["coo_iso"] == "SYR"]
    syr = syr_all[syr_all["year"].between(FIRST_YEAR, LAST_YEAR)]
    if syr.duplicated(["year", "coa_iso"]).any():
        raise SystemExit("unexpected duplicate year/coa_iso rows for origin SYR")
    hosts = choose_hosts(syr)
    rank = ranks(syr)
    codes = (syr[syr["coa_iso"].isin(hosts)]
             .drop_duplicates("coa_iso").set_index("coa_iso")[["coa", "coa_name"]])
    returns = syr_all.groupby("year")["returned_refugees"].sum()

    rows = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        in_year = syr[syr["year"] == year]
        for iso in hosts:
            code = codes.loc[iso, "coa"]
            hit = in_year[in_year["coa_iso"] == iso]
            src = f"{UNHCR_SOURCE}; origin SYR, asylum {code}, {year}"
            if hit.empty:
                refugees = asylum = None
                missing = (f"No row for origin SYR and this country of asylum in {year} in the "
                           "UNHCR table: not reported, left empty.")
                src += " (no row)"
            else:
                refugees = int(hit["refugees"].iloc[0])
                asylum = int(hit["asylum_seekers"].iloc[0])
                missing = None
            neighbour = NEIGHBOUR_ASYLUM_NOTE if (iso in NEIGHBOURS and asylum == 0) else None
            rows.append({
                "year": year,
                "host": HOST_NAMES.get(iso, codes.loc[iso, "coa_name"]),
                "host_iso3": iso,
                "unhcr_code": code,
                "refugees": refugees,
                "rank": None if hit.empty else int(rank[(year, iso)]),
                "asylum_seekers": asylum,
                "source": src,
                "source_url": UNHCR_URL,
                "note": join_notes(HOST_NOTES.get(iso), missing, CELL_NOTES.get((iso, year)),
                                   neighbour, YEAR_NOTES.get(year)),
            })
        n_hosts = in_year["coa_iso"].nunique()
        world_note = (f"Sum over all {n_hosts} countries of asylum with a row for origin SYR in "
                      f"{year}; no UNHCR code for this aggregate.")
        if year == LAST_YEAR:
            world_note += (f" The fall from {LAST_YEAR - 1} goes with {int(returns.get(year, 0)):,} "
                           f"refugee returns to Syria recorded in {year} (returned_refugees, same table).")
        rows.append({
            "year": year,
            "host": "World (all countries of asylum)",
            "host_iso3": "WLD",
            "unhcr_code": None,
            "refugees": int(in_year["refugees"].sum()),
            "rank": None,
            "asylum_seekers": int(in_year["asylum_seekers"].sum()),
            "source": f"{UNHCR_SOURCE}; origin SYR, all countries of asylum summed, {year}",
            "source_url": UNHCR_URL,
            "note": join_notes(world_note, YEAR_NOTES.get(year)),
        })
    df = pd.DataFrame(rows)
    for col in ("refugees", "rank", "asylum_seekers"):
        df[col] = df[col].astype("Int64")
    return df.sort_values(["year", "host_iso3"]).reset_index(drop=True)


def build_indicators(reference: Path, isos: list[str], others: list[str] = ()) -> pd.DataFrame:
    """World Bank population and GDP of ``isos`` (Syria and its hosts) and ``others`` (another crisis's
    main hosts and origin, for which 2010 is only the first year of the table)."""
    isos = sorted(set(isos) | set(others))
    wb = reference / "worldbank"
    # GDP is read as text and written unchanged, so no digit is lost or altered.
    pop = read_csv(wb / "population.csv", dtype={"Value": str})
    gdp = read_csv(wb / "gdp.csv", dtype={"Value": str})
    pop = pop[pop["Country Code"].isin(isos) & pop["Year"].between(IND_FIRST, IND_LAST)]
    gdp = gdp[gdp["Country Code"].isin(isos) & gdp["Year"].between(IND_FIRST, IND_LAST)]
    names = pop.drop_duplicates("Country Code").set_index("Country Code")["Country Name"]
    pop_v = pop.set_index(["Country Code", "Year"])["Value"]
    gdp_v = gdp.set_index(["Country Code", "Year"])["Value"]
    gdp_last = gdp.groupby("Country Code")["Year"].max()
    file_last = int(read_csv(wb / "gdp.csv", usecols=["Year"])["Year"].max())

    resident = {iso: resident_note(pop_v.loc[iso].astype(int)) for iso in RESIDENT_NOTE_COUNTRIES if iso in isos}
    rows = []
    for iso in sorted(isos):
        if iso not in names.index:
            raise SystemExit(f"{iso} has no World Bank population rows")
        for year in range(IND_FIRST, IND_LAST + 1):
            p = pop_v.get((iso, year))
            g = gdp_v.get((iso, year))
            notes = []
            if p is None:
                notes.append("Population missing in the World Bank file.")
            if g is None:
                last = int(gdp_last[iso]) if iso in gdp_last.index else None
                if last is not None and last < file_last and year > last:
                    notes.append(f"GDP empty: the World Bank GDP series for this country ends in {last}.")
                elif year > file_last:
                    notes.append(f"GDP empty: the World Bank GDP file used ends in {file_last}.")
                else:
                    notes.append("GDP missing in the World Bank file for this year.")
            if iso in INDICATOR_NOTES:
                notes.append(INDICATOR_NOTES[iso])
            if iso in resident:
                notes.append(resident[iso])
            if year == IND_FIRST:
                notes.append(f"{IND_FIRST}: first year of the table." if iso in others
                             else f"{IND_FIRST}: pre-conflict baseline year.")
            rows.append({
                "iso3": iso,
                "country": names[iso],
                "year": year,
                "population": None if p is None else int(p),
                "gdp_current_usd": g,
                "source": f"{WB_SOURCE}; {iso} {year}",
                "source_url": WB_URL,
                "note": " ".join(notes),
            })
    df = pd.DataFrame(rows)
    df["population"] = df["population"].astype("Int64")
    return df


def write(df: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help=f"reference folder (default: {DEFAULT_REFERENCE})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output folder (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)

    refugees = build_refugees(args.reference)
    hosts = sorted(set(refugees["host_iso3"]) - {"WLD"})
    # The other crisis records' main hosts and origins (tools/build_crisis_datasets.py), for their host pressure.
    from build_crisis_datasets import indicator_countries
    others = sorted(set(indicator_countries(args.reference)) - set(hosts) - {"SYR"})
    indicators = build_indicators(args.reference, hosts + ["SYR"], others)
    write(refugees, args.out / "syria_refugees_by_host.csv")
    write(indicators, args.out / "country_indicators.csv")
    print(f"hosts ({len(hosts)}): {', '.join(hosts)}")
    print(f"wrote {len(refugees)} + {len(indicators)} rows to {args.out}")


if __name__ == "__main__":
    main()
