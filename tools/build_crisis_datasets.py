"""Build the datasets of a crisis record (other than Syria) from the shared reference files.

Maintainer tool: kit users never need to run it (the CSVs are committed in ``datasets/``).
A crisis record (``datasets/crises/<id>.yaml``, see ``r2pkit.crisis``) names the country of
origin (ISO3 and UNHCR codes), the period, the vetoed drafts and the General Assembly
resolutions; this script takes exactly those rows from ``../shared/reference`` and writes
five tables with the same columns as Syria's (so every model reads both):

* ``unsc_<id>_vetoes.csv``: the record's vetoed drafts, from the World Politics Data Lab
  veto file (a scrape of the UN Dag Hammarskjöld Library veto list). The list gives an
  agenda item, not a subject: ``subject`` says so rather than summarise a draft the kit
  did not read.
* ``unga_<id>_resolutions.csv`` and ``unga_<id>_votes.csv``: the record's resolutions
  in the Voeten/unvotes roll-call data (yes/no/abstain counted from the member votes; a
  member without a recorded vote is ``absent``). Official tallies are compared only where
  the kit could source them (``OFFICIAL_TALLIES``); otherwise the row says it was not checked.
* ``<id>_refugees_by_host.csv``: UNHCR refugees from the country of origin by country of
  asylum, every host that held at least 1% of them, or ranked among the ten largest, in any
  year of the period, plus a world-total row per year (``WLD``).
* ``<id>_resettlement_arrivals.csv``: UNHCR resettlement arrivals from the country of origin.

Countries are identified by ISO3 (``coa_iso``), never by UNHCR's own codes. The World Bank
figures of the main hosts (at least 1% in some year) and of the country of origin go into
``country_indicators.csv``, which ``build_displacement_datasets.py`` writes
(:func:`indicator_countries`). Nothing is imputed; the output is deterministic.

    python tools/build_crisis_datasets.py myanmar [--reference DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The Syria builders' reading rules, sources and names: shared, not copied.
from build_displacement_datasets import (  # noqa: E402
    DEFAULT_OUT, DEFAULT_REFERENCE, HOST_NAMES, UNHCR_SOURCE, UNHCR_URL, UNHCR_VERSION, join_notes, read_csv, write,
)
from build_un_datasets import (  # noqa: E402
    ABSENT_NOTE, DHL_VETO_URL, NO_OFFICIAL, P5, VETO_FILE, ROLLCALL_FILE, VOETEN_SOURCE, VOETEN_URL, VOTES_FILE,
    VETO_LIST_SOURCE, iso3, normalise_symbol, record_label, tally,
)

ROOT = Path(__file__).resolve().parents[1]
CRISES = ROOT / "datasets" / "crises"
SHARE_THRESHOLD = 0.01
RANK_COMPLETE = 10
SOLUTIONS_SOURCE = (f"UNHCR Refugee Data Finder, solutions table (column resettlement), "
                    f"via R package refugees v{UNHCR_VERSION}")
STATE_NAMES = {**HOST_NAMES, "KOR": "Republic of Korea"}

# Official tallies, only where the kit could source them: each is compared with the counts from
# the Voeten data and a difference is flagged in `note`. As for Syria's A/RES/71/130 and 71/248,
# what the kit read is said plainly: secondary reports of the vote, never the UN record itself.
OFFICIAL_TALLIES: dict[str, tuple[str, str]] = {
    "A/RES/66/230": ("83-21-39", "UN Watch, 'Twenty countries voted with Burma' (unwatch.org/1535, on the vote of 24 "
                                 "December [2011]): 83 in favour, 39 abstentions, and 20 states named as voting with "
                                 "Myanmar against the text (21 against, with Myanmar itself; the same 20 names as the "
                                 "Voeten data). The kit did not read the UN record itself"),
    "A/RES/72/248": ("122-10-24", "Global Centre for the Responsibility to Protect (globalr2p.org/resources/1291): "
                                  "'adopted by a vote of 122 to 10 with 24 abstentions' on 24 December 2017. The kit "
                                  "did not read the UN record itself"),
    "A/RES/74/246": ("134-9-28", "BSS (Bangladesh Sangbad Sangstha), 28 December 2019, citing a press release of "
                                 "Bangladesh's Permanent Mission to the UN: 134 in favour, 9 against, 28 abstentions; "
                                 "the same in AGI (28 December 2019). The kit did not read the UN record itself"),
}

# What the reference files are known to hold, checked on every build (reference README and issue 20).
EXPECTED = {
    "myanmar": {"world": {2017: 1_156_742}, "host": {("BGD", 2018): 906_635}},
}


def record(cid: str) -> dict:
    return yaml.safe_load((CRISES / f"{cid}.yaml").read_text(encoding="utf-8"))


def build_vetoes(ref: Path, rec: dict) -> pd.DataFrame:
    v = read_ref(ref / VETO_FILE)
    v["draft"] = v["draft"].str.strip()
    wanted = rec["council"].get("vetoed_drafts") or []
    rows = []
    for draft in wanted:
        hit = v[v["draft"] == draft]
        if len(hit) != 1:
            raise SystemExit(f"{draft} is not (once) in the reference veto list")
        r = hit.iloc[0]
        names = sorted(P5[r[c].strip()] for c in ("member_veto1", "member_veto2", "member_veto3") if pd.notna(r[c]))
        records = [s.strip() for s in str(r["meeting_record"]).splitlines() if s.strip()]
        date = pd.to_datetime(r["date"], format="%m/%d/%Y").strftime("%Y-%m-%d")
        rows.append({
            "date": date, "year": int(date[:4]), "draft": draft, "meeting_record": "; ".join(records),
            "vetoed_by": ";".join(names), "n_vetoing": len(names),
            "subject": f"Agenda item '{r['agenda_item'].strip()}' (as given in the veto list)",
            "source": f"{record_label(records)} {'; '.join(records)}; {VETO_LIST_SOURCE}",
            "source_url": DHL_VETO_URL,
            "note": ("The veto list gives the agenda item, not the draft's subject; the kit did not read the "
                     "draft, so it does not summarise it."),
        })
    cols = ["date", "year", "draft", "meeting_record", "vetoed_by", "n_vetoing", "subject", "source", "source_url",
            "note"]
    return pd.DataFrame(rows, columns=cols).sort_values(["date", "draft"]).reset_index(drop=True)


def read_ref(path: Path) -> pd.DataFrame:
    return read_csv(path)


def rollcalls(ref: Path, rec: dict) -> pd.DataFrame:
    rc = read_ref(ref / ROLLCALL_FILE)
    rc["resolution"] = rc["unres"].fillna("").map(lambda s: normalise_symbol(str(s)))
    wanted = rec["assembly"].get("resolutions") or []
    rc = rc[rc["resolution"].isin(wanted) & rc["amend"].isna() & rc["para"].isna()]
    missing = sorted(set(wanted) - set(rc["resolution"]))
    if missing or rc["resolution"].duplicated().any():
        raise SystemExit(f"resolutions not found once in the roll-call data: {missing}")
    return rc.sort_values(["date", "rcid"])


def title_of(short: object, descr: object, word: str) -> str:
    """The title: ``short`` when it names the country, else ``descr`` (see the reference README)."""
    text = short if isinstance(short, str) and word in short else descr
    return str(text).split(" : resolution")[0].strip()


def build_votes(ref: Path, rec: dict) -> pd.DataFrame:
    rc = rollcalls(ref, rec)
    allv = read_ref(ref / VOTES_FILE)
    members = allv[["country", "country_code"]].drop_duplicates().sort_values("country")
    if len(members) != 193 or members["country"].duplicated().any():
        raise SystemExit(f"expected 193 member states in the votes file, found {len(members)}")
    rows = []
    for _, r in rc.iterrows():
        cast = allv[allv["rcid"] == r["rcid"]].set_index("country")["vote"]
        for _, m in members.iterrows():
            code3, iso_note = iso3(m["country_code"])
            recorded = m["country"] in cast.index
            rows.append({
                "resolution": r["resolution"], "rcid": int(r["rcid"]), "date": r["date"],
                "country": m["country"], "iso3": code3, "vote": cast[m["country"]] if recorded else "absent",
                "source": f"{VOETEN_SOURCE}; roll call rcid {int(r['rcid'])}",
                "note": "; ".join(n for n in (iso_note, "" if recorded else ABSENT_NOTE) if n),
            })
    return pd.DataFrame(rows)


def build_resolutions(ref: Path, rec: dict, votes: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, r in rollcalls(ref, rec).iterrows():
        counts = votes[(votes["rcid"] == r["rcid"]) & (votes["vote"] != "absent")]["vote"].value_counts()
        yes, no, abstain = (int(counts.get(v, 0)) for v in ("yes", "no", "abstain"))
        official, official_source = OFFICIAL_TALLIES.get(r["resolution"], ("", NO_OFFICIAL))
        if official and official != tally(yes, no, abstain):
            note = (f"The counts computed from the Voeten data ({tally(yes, no, abstain)}) differ from the official "
                    f"record ({official}): use the official tally when quoting the vote.")
        elif official:
            note = f"The counts agree with the official record ({official})."
        else:
            note = "The counts were not checked against the official UN record."
        rows.append({
            "resolution": r["resolution"], "date": r["date"], "session": int(r["session"]),
            "title": title_of(r["short"], r["descr"], rec["origin"]["name"]), "rcid": int(r["rcid"]),
            "in_roll_call_data": "true", "yes": yes, "no": no, "abstain": abstain,
            "official_tally": official, "official_source": official_source,
            "source": f"{VOETEN_SOURCE}; roll call rcid {int(r['rcid'])}; counts computed from the member votes",
            "source_url": VOETEN_URL, "note": note,
        })
    return pd.DataFrame(rows)


def code_note(iso: str, coa: str, lookup: dict[str, str]) -> str:
    """Say when UNHCR's code is not the ISO code, and when it is another country's ISO code."""
    if coa == iso:
        return ""
    other = f" ({coa} is the ISO code of {lookup[coa]})" if coa in lookup else ""
    return f"UNHCR code {coa} here, not the ISO code {iso}{other}."


def _origin_rows(table: pd.DataFrame, rec: dict) -> pd.DataFrame:
    iso = rec["origin"]["iso3"]
    first, last = rec["period"]
    rows = table[(table["coo_iso"] == iso) & table["year"].between(first, last)]
    if rows.duplicated(["year", "coa_iso"]).any():
        raise SystemExit(f"unexpected duplicate year/coa_iso rows for origin {iso}")
    if set(rows["coo"]) != {rec["origin"]["unhcr"]}:
        raise SystemExit(f"origin {iso} has UNHCR codes {sorted(set(rows['coo']))}, not {rec['origin']['unhcr']}")
    return rows


def choose_hosts(rows: pd.DataFrame, rank_complete: int = RANK_COMPLETE) -> tuple[list[str], list[str]]:
    """(every host, the main hosts): at least 1% in some year, or ranked 1..rank_complete in some year."""
    totals = rows.groupby("year")["refugees"].transform("sum")
    main = set(rows.loc[rows["refugees"] / totals >= SHARE_THRESHOLD, "coa_iso"])
    rank = rows.groupby(["year", "coa_iso"])["refugees"].sum().groupby(level="year").rank(
        ascending=False, method="min")
    ranked = set(rank[rank <= rank_complete].index.get_level_values("coa_iso"))
    return sorted(main | ranked), sorted(main)


def build_refugees(ref: Path, rec: dict) -> pd.DataFrame:
    pop = read_csv(ref / "unhcr_refugees" / "unhcr_population.csv")
    lookup = dict(read_csv(ref / "unhcr_refugees" / "unhcr_countries.csv")[["iso_code", "name"]].dropna().values)
    rows_in = _origin_rows(pop, rec)
    code = rec["origin"]["unhcr"]
    hosts, _ = choose_hosts(rows_in)
    rank = rows_in.groupby(["year", "coa_iso"])["refugees"].sum().groupby(level="year").rank(
        ascending=False, method="min").astype(int)
    codes = rows_in[rows_in["coa_iso"].isin(hosts)].drop_duplicates("coa_iso").set_index("coa_iso")[["coa", "coa_name"]]
    first, last = rec["period"]
    rows = []
    for year in range(first, last + 1):
        in_year = rows_in[rows_in["year"] == year]
        for iso in hosts:
            coa = codes.loc[iso, "coa"]
            hit = in_year[in_year["coa_iso"] == iso]
            src = f"{UNHCR_SOURCE}; origin {code}, asylum {coa}, {year}"
            missing = None
            if hit.empty:
                missing = f"No row for origin {code} and this country of asylum in {year} in the UNHCR table: left empty."
                src += " (no row)"
            rows.append({
                "year": year, "host": HOST_NAMES.get(iso, codes.loc[iso, "coa_name"]), "host_iso3": iso,
                "unhcr_code": coa, "refugees": None if hit.empty else int(hit["refugees"].iloc[0]),
                "rank": None if hit.empty else int(rank[(year, iso)]),
                "asylum_seekers": None if hit.empty else int(hit["asylum_seekers"].iloc[0]),
                "source": src, "source_url": UNHCR_URL,
                "note": join_notes(code_note(iso, coa, lookup), missing,
                                   "Newest release; recent figures are subject to revision." if year == last else None),
            })
        rows.append({
            "year": year, "host": "World (all countries of asylum)", "host_iso3": "WLD", "unhcr_code": None,
            "refugees": int(in_year["refugees"].sum()), "rank": None,
            "asylum_seekers": int(in_year["asylum_seekers"].sum()),
            "source": f"{UNHCR_SOURCE}; origin {code}, all countries of asylum summed, {year}",
            "source_url": UNHCR_URL,
            "note": (f"Sum over all {in_year['coa_iso'].nunique()} countries of asylum with a row for origin {code} "
                     f"in {year}; no UNHCR code for this aggregate."),
        })
    df = pd.DataFrame(rows)
    for col in ("refugees", "rank", "asylum_seekers"):
        df[col] = df[col].astype("Int64")
    return df.sort_values(["year", "host_iso3"]).reset_index(drop=True)


def build_arrivals(ref: Path, rec: dict) -> pd.DataFrame:
    sol = read_csv(ref / "unhcr_refugees" / "unhcr_solutions.csv")
    lookup = dict(read_csv(ref / "unhcr_refugees" / "unhcr_countries.csv")[["iso_code", "name"]].dropna().values)
    rows_in = _origin_rows(sol, rec)
    rows_in = rows_in[rows_in["resettlement"].notna() & (rows_in["resettlement"] > 0)]
    if (rows_in["resettlement"] % 1 != 0).any():
        raise SystemExit("unexpected resettlement figure that is not a whole number")
    code = rec["origin"]["unhcr"]
    rows = []
    for r in rows_in.sort_values(["year", "coa_iso"]).itertuples():
        iso, year = str(r.coa_iso), int(r.year)
        rows.append({
            "year": year, "state": STATE_NAMES.get(iso, str(r.coa_name)), "state_iso3": iso, "unhcr_code": str(r.coa),
            "resettlement_arrivals": int(r.resettlement),
            "source": f"{SOLUTIONS_SOURCE}; origin {code}, asylum {r.coa}, {year}", "source_url": UNHCR_URL,
            "note": join_notes(code_note(iso, str(r.coa), lookup),
                               "Resettlement arrivals during the calendar year, as reported by the government to UNHCR."),
        })
    return pd.DataFrame(rows)


def indicator_countries(ref: Path) -> list[str]:
    """ISO3 codes for ``country_indicators`` from every crisis record but Syria's: its main hosts and its origin."""
    pop = read_csv(ref / "unhcr_refugees" / "unhcr_population.csv")
    codes: set[str] = set()
    for path in sorted(CRISES.glob("*.yaml")):
        if path.stem == "syria":  # Syria's hosts are chosen by build_displacement_datasets.py
            continue
        rec = record(path.stem)
        codes |= set(choose_hosts(_origin_rows(pop, rec))[1]) | {rec["origin"]["iso3"]}
    return sorted(codes)


def check(cid: str, refugees: pd.DataFrame) -> None:
    """Stop if a figure the reference is known to hold does not come out."""
    facts = EXPECTED.get(cid, {})
    for year, n in facts.get("world", {}).items():
        got = int(refugees.loc[(refugees["host_iso3"] == "WLD") & (refugees["year"] == year), "refugees"].iloc[0])
        if got != n:
            raise SystemExit(f"{cid}: world total {year} is {got:,}, not the verified {n:,}")
    for (iso, year), n in facts.get("host", {}).items():
        got = int(refugees.loc[(refugees["host_iso3"] == iso) & (refugees["year"] == year), "refugees"].iloc[0])
        if got != n:
            raise SystemExit(f"{cid}: {iso} {year} is {got:,}, not the verified {n:,}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("crisis", nargs="*", help="crisis ids (default: every record but syria)")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    ids = args.crisis or [p.stem for p in sorted(CRISES.glob("*.yaml")) if p.stem != "syria"]
    for cid in ids:
        rec = record(cid)
        votes = build_votes(args.reference, rec)
        refugees = build_refugees(args.reference, rec)
        check(cid, refugees)
        tables = {
            rec["datasets"]["vetoes"]: build_vetoes(args.reference, rec),
            rec["datasets"]["resolutions"]: build_resolutions(args.reference, rec, votes),
            rec["datasets"]["votes"]: votes,
            rec["datasets"]["refugees_by_host"]: refugees,
            rec["datasets"]["resettlement_arrivals"]: build_arrivals(args.reference, rec),
        }
        for name, df in tables.items():
            write(df, args.out / f"{name}.csv")
            print(f"{name}.csv: {len(df)} rows")


if __name__ == "__main__":
    main()
