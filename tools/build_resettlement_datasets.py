"""Build the kit's dataset of resettlement arrivals of Syrians from the shared reference files.

This is a maintainer tool. Users of r2pkit never need to run it: the CSV it writes
(``datasets/syria_resettlement_arrivals.csv``) is committed to the repository. It exists so
that anyone can see, and repeat, exactly how every number in that file was taken from its
source.

Input (in the reference folder, by default ``../shared/reference`` beside the repository):

* ``unhcr_refugees/unhcr_solutions.csv``: UNHCR Refugee Data Finder "solutions" table,
  R package ``refugees`` v2025.12.1, converted to CSV (CC BY 4.0). Its column
  ``resettlement`` counts resettlement **arrivals** in the country of asylum (``coa``)
  during the calendar year, by origin (``coo``); an empty cell means "not reported".

What is kept
------------
Every row with origin Syria (``coo_iso == "SYR"``), a year from 2011 to 2025 and a
reported ``resettlement`` figure: one row per resettlement state and year. Rows with no
figure are left out (nothing is imputed): a state and year that is absent had no
resettlement arrivals of Syrians reported to UNHCR. Nothing else is filtered, so the file
holds every resettlement arrival of Syrians in the table for those years, and its sum over
2011–2023 is the reference README's verified total (282,689): the script stops if not.

States are identified by ISO3 (``coa_iso``), never by UNHCR's own codes (``coa``), which are
not ISO codes (UNHCR ``AUS`` is Austria; Australia is ``AUL``). The UNHCR code is kept in a
column only so that readers can see the difference.

The output is deterministic: running the script twice gives byte-identical files.

Usage::

    python tools/build_resettlement_datasets.py [--reference DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The displacement builder's reading and writing rules, names and UNHCR release: shared, not copied.
from build_displacement_datasets import (  # noqa: E402
    DEFAULT_OUT, DEFAULT_REFERENCE, HOST_NAMES, HOST_NOTES, UNHCR_URL, UNHCR_VERSION, join_notes, read_csv, write,
)

FIRST_YEAR, LAST_YEAR = 2011, 2025
CHECK_YEARS, CHECK_TOTAL = (2011, 2023), 282_689   # verified in ../shared/reference/README.md

SOURCE = (f"UNHCR Refugee Data Finder, solutions table (column resettlement), "
          f"via R package refugees v{UNHCR_VERSION}")

STATE_NAMES = {**HOST_NAMES, "KOR": "Republic of Korea"}

# Caveats for every row: what the figure counts and what it does not.
CALENDAR_NOTE = ("Resettlement arrivals during the calendar year, as reported by the government to UNHCR; "
                 "Syrians who came as asylum-seekers are not in this count.")
STATE_NOTES = {
    **{iso: HOST_NOTES[iso] for iso in ("AUT", "AUS", "CHE")},
    "DEU": (f"{HOST_NOTES['DEU']} Germany's separate humanitarian admission programmes for Syrians "
            "(2013-2015) are largely not counted as resettlement; nor is the 'open-door policy' of 2015, "
            "which concerned asylum (article, 'Introduction', fn 3)."),
    "USA": ("United States: calendar-year arrivals, so the figures do not match US refugee admissions "
            "for fiscal years (1 October to 30 September)."),
    "GBR": ("United Kingdom: the article's Syrian Vulnerable Persons scheme was to resettle 20,000 Syrians "
            "from September 2015 to May 2020 (article, 'Engaging Divergent Interests', fn 112); UNHCR's "
            "count covers every resettlement arrival of Syrians the UK reported and does not name the "
            "programme."),
}
YEAR_NOTES = {
    2024: "2024: recent figures, subject to revision by UNHCR.",
    LAST_YEAR: (f"{LAST_YEAR}: newest release (Global Trends {LAST_YEAR}); recent figures are subject to "
                "revision."),
}


def build_arrivals(reference: Path) -> pd.DataFrame:
    sol = read_csv(reference / "unhcr_refugees" / "unhcr_solutions.csv")
    syr = sol[(sol["coo_iso"] == "SYR") & sol["year"].between(FIRST_YEAR, LAST_YEAR)]
    syr = syr[syr["resettlement"].notna()]
    if syr.duplicated(["year", "coa_iso"]).any():
        raise SystemExit("unexpected duplicate year/coa_iso rows for origin SYR")
    if (syr["resettlement"] <= 0).any() or (syr["resettlement"] % 1 != 0).any():
        raise SystemExit("unexpected resettlement figure that is not a whole number above 0")
    lo, hi = CHECK_YEARS
    total = int(syr.loc[syr["year"].between(lo, hi), "resettlement"].sum())
    if total != CHECK_TOTAL:
        raise SystemExit(f"resettlement arrivals {lo}-{hi} sum to {total:,}, not the verified {CHECK_TOTAL:,}")
    rows = []
    for r in syr.sort_values(["year", "coa_iso"]).itertuples():
        iso, year = str(r.coa_iso), int(r.year)
        rows.append({
            "year": year,
            "state": STATE_NAMES.get(iso, str(r.coa_name)),
            "state_iso3": iso,
            "unhcr_code": str(r.coa),
            "resettlement_arrivals": int(r.resettlement),
            "source": f"{SOURCE}; origin SYR, asylum {r.coa}, {year}",
            "source_url": UNHCR_URL,
            "note": join_notes(STATE_NOTES.get(iso), CALENDAR_NOTE,
                               YEAR_NOTES.get(year)),
        })
    df = pd.DataFrame(rows)
    return df.reset_index(drop=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help=f"reference folder (default: {DEFAULT_REFERENCE})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    arrivals = build_arrivals(args.reference)
    write(arrivals, args.out / "syria_resettlement_arrivals.csv")
    lo, hi = CHECK_YEARS
    print(f"{arrivals['state_iso3'].nunique()} states; {lo}-{hi} total "
          f"{arrivals.loc[arrivals['year'].between(lo, hi), 'resettlement_arrivals'].sum():,} (verified {CHECK_TOTAL:,})")
    print(f"wrote {len(arrivals)} rows to {args.out / 'syria_resettlement_arrivals.csv'}")


if __name__ == "__main__":
    main()
