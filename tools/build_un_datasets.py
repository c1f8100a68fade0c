"""Build the kit's three UN datasets on Syria from the project's reference files.

Maintainer tool: kit users never need to run it. The CSVs it writes are committed in
``datasets/``; this script documents exactly how they were made and lets a maintainer
rebuild them. It reads the reference folder (by default ``../shared/reference`` beside the
repository; see ``--reference``) and writes, deterministically (same input, same bytes):

* ``unsc_syria_vetoes.csv``: every Syria-related draft resolution vetoed in the Security
  Council, Oct 2011 - 2023. The rows up to 8 July 2022 come from the World Politics Data Lab
  veto file (a scrape of the UN Dag Hammarskjöld Library veto list); the July 2023 veto is
  added by hand. The one-line ``subject`` of each draft is hand-written (table below).
* ``unga_syria_resolutions.csv``: General Assembly resolutions on the Syrian conflict,
  2011-2019: the 12 roll calls flagged ``kit_syria_conflict`` in the Voeten/unvotes extract,
  with yes/no/abstain counted from the member votes, plus two resolutions missing from that
  data (added by hand, without vote counts).
* ``unga_syria_votes.csv``: the vote of each of the 193 member states on those 12 roll
  calls; a member without a recorded vote is ``absent``.

Needs pandas and pycountry (ISO 3166 alpha-2 -> alpha-3).

    python tools/build_un_datasets.py [--reference DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import pycountry

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "datasets"

VETO_FILE = "unsc_vetoes/unsc_vetoes_1946_sept2022.csv"
ROLLCALL_FILE = "unga_votes/unga_rollcalls_2011_2019.csv"
VOTES_FILE = "unga_votes/unga_votes_2011_2019.csv"

DHL_VETO_URL = "https://research.un.org/en/docs/sc/quick/veto"
VOETEN_URL = "https://hdl.handle.net/1902.1/12379"
VETO_LIST_SOURCE = (
    "veto list: UN Dag Hammarskjöld Library, via World Politics Data Lab "
    "unsc_vetoes_1946_sept2022.csv (github.com/world-politics-datalab/"
    "vetoes-un-security-council, commit 661c524)"
)
VOETEN_SOURCE = (
    "Voeten et al., UNGA Voting Data, Harvard Dataverse hdl:1902.1/12379 (2020 version), "
    "via R package unvotes 0.3.0"
)

# Names used in the kit for the permanent members (reference spellings mapped onto them).
P5 = {"China": "China", "France": "France", "Russia": "Russia",
      "UK": "United Kingdom", "United Kingdom": "United Kingdom",
      "USA": "United States", "United States": "United States"}
LAST_REFERENCE_DATE = "2022-07-08"

# ---------------------------------------------------------------------------------------
# HAND-CURATED CONTENT 1: subject of each vetoed Syria draft (keyed by draft symbol).
# Each subject is kept short and general. Source: the meeting record in the row; where a UN
# press release was also checked, its symbol is given (press.un.org, Meetings Coverage).
# ---------------------------------------------------------------------------------------
VETO_SUBJECTS = {
    "S/2011/612": ("Condemnation of the Syrian authorities' crackdown on protesters, with a "
                   "warning of possible measures", "UN press release SC/10403"),
    "S/2012/77": ("Support for the League of Arab States plan for a political transition", ""),
    "S/2012/538": ("Renewal of the UN supervision mission (UNSMIS) under Chapter VII with a "
                   "threat of sanctions", "UN press release SC/10714"),
    "S/2014/348": ("Referral of the situation in Syria to the International Criminal Court", ""),
    "S/2016/846": ("Aleppo: end to air strikes and cessation of hostilities", ""),
    "S/2016/1026": ("Aleppo: seven-day ceasefire and humanitarian access", ""),
    "S/2017/172": ("Sanctions for the use of chemical weapons (after Joint Investigative "
                   "Mechanism findings)", "UN press release SC/12737"),
    "S/2017/315": ("Chemical-weapons attack in Khan Shaykhun: condemnation and demand for "
                   "cooperation with the investigation", ""),
    "S/2017/884": ("Chemical weapons: renewal of the OPCW-UN Joint Investigative Mechanism", ""),
    "S/2017/962": ("Chemical weapons: renewal of the OPCW-UN Joint Investigative Mechanism "
                   "(one year)", "UN press release SC/13072"),
    "S/2017/970": ("Chemical weapons: short (30-day) renewal of the OPCW-UN Joint "
                   "Investigative Mechanism", ""),
    "S/2018/321": ("Chemical weapons: a new investigative mechanism (after the Douma attack)", ""),
    "S/2019/756": ("Idlib (north-west Syria): cessation of hostilities", "UN press release SC/13956"),
    "S/2019/961": ("Cross-border humanitarian aid: renewal of the authorisation", ""),
    "S/2020/654": ("Cross-border humanitarian aid: renewal of the authorisation "
                   "(Bab al-Salam and Bab al-Hawa)", "UN press release SC/14244"),
    "S/2020/667": ("Cross-border humanitarian aid: renewal of the authorisation "
                   "(Bab al-Salam and Bab al-Hawa)", "UN press release SC/14246"),
    "S/2022/538": ("Cross-border humanitarian aid: renewal of the authorisation (Bab al-Hawa)", ""),
    "S/2023/506": ("Cross-border humanitarian aid: renewal of the authorisation (Bab al-Hawa)", ""),
}

# Notes on individual reference rows (discrepancies inside the reference, unusual records).
WRITTEN_PROCEDURE_NOTE = (
    "meeting_record holds the two document symbols given in the reference, not an S/PV "
    "record: in 2020 the Council voted by written procedure under its COVID-19 measures "
    "(UN press release {pr})."
)
VETO_NOTES = {
    "S/2012/538": "The reference flags this row single_veto = 1, but it names two vetoing "
                  "members; vetoed_by follows the names.",
    "S/2016/1026": "The reference flags this row both single_veto and multiple_vetoes; "
                   "vetoed_by follows the member names.",
    "S/2020/654": WRITTEN_PROCEDURE_NOTE.format(pr="SC/14244"),
    "S/2020/667": WRITTEN_PROCEDURE_NOTE.format(pr="SC/14246"),
}

# ---------------------------------------------------------------------------------------
# HAND-CURATED CONTENT 2: the July 2023 veto (after the end of the reference file).
# Source: UN Security Council meeting record S/PV.9374 (11 July 2023).
# ---------------------------------------------------------------------------------------
EXTRA_VETOES = [
    {"date": "2023-07-11", "draft": "S/2023/506", "meeting_record": "S/PV.9374",
     "vetoed_by": ["Russia"],
     "source": "UN Security Council meeting record S/PV.9374 (11 July 2023)",
     "source_url": "https://undocs.org/S/PV.9374",
     "note": "Added by hand: not in the reference veto file, which ends on 8 July 2022."},
]

# ---------------------------------------------------------------------------------------
# HAND-CURATED CONTENT 3: GA resolutions on Syria missing from the Voeten/unvotes data.
# Source: the resolutions themselves (UN official documents). Vote counts are left empty
# unless a seed gives the tally (Hakimi n. 161 does for 3 August 2012); never from memory.
# ---------------------------------------------------------------------------------------
MISSING_RESOLUTIONS = [
    {"resolution": "A/RES/66/253 B", "date": "2012-08-03", "session": 66,
     "title": "The situation in the Syrian Arab Republic",
     "source": "UN General Assembly resolution A/RES/66/253 B (3 August 2012); tally: Hakimi, "
               "39 Yale J. Int'l L. 247, pp. 274–75 n. 161, citing the meeting record A/66/PV.124 "
               "(Aug. 3, 2012) (vote of 133-12-31)",
     "source_url": "https://undocs.org/A/66/PV.124",
     "tally": (133, 12, 31),
     "note": "Added by hand: not in the Voeten/unvotes data under any symbol, so there is no "
             "roll call and no member-by-member votes. The yes/no/abstain counts are the tally "
             "Hakimi gives in n. 161 for the 3 August 2012 meeting (A/66/PV.124); they are not "
             "computed from member votes."},
    {"resolution": "A/RES/67/262", "date": "2013-05-15", "session": 67,
     "title": "The situation in the Syrian Arab Republic",
     "source": "UN General Assembly resolution A/RES/67/262 (15 May 2013)",
     "source_url": "https://undocs.org/A/RES/67/262",
     "note": "Added by hand: not in the Voeten/unvotes data under any symbol, so there is no "
             "roll call and the vote counts are left empty (not invented); take them from the "
             "UN Digital Library voting record."},
]

RESOLUTION_NOTES = {
    "A/RES/66/253": "A second resolution under the same number, A/RES/66/253 B, was adopted on "
                    "3 August 2012 (separate row).",
}

# ---------------------------------------------------------------------------------------
# HAND-CURATED CONTENT 4: official tallies, only where the kit could source them. Each is
# compared with the counts computed from the Voeten data; a difference is flagged in `note`.
# What the kit itself read is said plainly: for 2016 only secondary reproductions of the UN
# record were read, never the UN record itself.
# ---------------------------------------------------------------------------------------
OFFICIAL_TALLIES = {
    "A/RES/66/176": ("133-11-43", "UN press release GA/11198 (19 December 2011): 'a recorded vote of 133 in "
                                  "favour to 11 against, with 43 abstentions'"),
    "A/RES/66/253": ("137-12-17", "UN press release GA/11207 (16 February 2012): 'a recorded vote of 137 in "
                                  "favour to 12 against, with 17 abstentions'; also Hakimi, p. 274 n. 161"),
    "A/RES/67/183": ("135-12-36", "UN press release GA/11331 (20 December 2012): 'a recorded vote of 135 in "
                                  "favour to 12 against, with 36 abstentions'"),
    "A/RES/71/130": ("122-13-36", "UN press release GA/11871 (9 December 2016), as cited by the kit's content "
                                  "audit (issue 15); the kit did not read the release itself, but the same "
                                  "122-13-36 is reported by The New Arab and TRT World (9 December 2016)"),
    "A/RES/71/248": ("105-15-52", "UN meetings coverage of the General Assembly's 66th plenary meeting of the "
                                  "71st session (21 December 2016), 'a recorded vote of 105 in favour and 15 "
                                  "against, with 52 abstentions', as reproduced by syria360.wordpress.com; Human "
                                  "Rights Watch (21 December 2016) lists the 15 against, Zimbabwe among them. "
                                  "The kit did not read the UN record itself"),
}
NO_OFFICIAL = "not checked: the kit could not source the official record of this vote"
# A member whose votes of a whole stretch appear to be missing from the Voeten data.
MISSING_MEMBER, MISSING_YEAR = "Zimbabwe", 2016

ABSENT_NOTE = "no vote recorded in the Voeten data: absent or not voting"
MISSING_VOTE_NOTE = {
    "A/RES/71/248": "the official record counts Zimbabwe among the 15 'no' votes (Human Rights Watch, 21 December "
                    "2016; see the resolution's official_source): its vote is missing from the Voeten data",
    None: "Zimbabwe's votes of late 2016 appear to be missing from the Voeten data (see the resolution's note); "
          "how it voted here was not checked",
}
# The Voeten/unvotes data name Serbia "Yugoslavia" (code YU, no longer an ISO code).
ISO3_OVERRIDES = {"YU": ("SRB", "listed as 'Yugoslavia' (code YU) in the Voeten data; the "
                                "member state in 2011-2019 is Serbia (ISO 3166 SRB)")}


def read_ref(path: Path) -> pd.DataFrame:
    """Read a reference CSV keeping literal 'NA' codes (Namibia) as strings."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def normalise_symbol(unres: str) -> str:
    """'R/66/176' -> 'A/RES/66/176'; 'A/RES/71/130' unchanged."""
    unres = unres.strip()
    return "A/" + unres.replace("R/", "RES/", 1) if unres.startswith("R/") else unres


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def record_label(records: list[str]) -> str:
    """'meeting record' for S/PV symbols; the 2020 written-procedure votes cite documents."""
    if all(r.startswith("S/PV.") for r in records):
        return "UN Security Council meeting record"
    return "UN Security Council documents (record of the vote, as given in the reference)"


def build_vetoes(ref: Path) -> pd.DataFrame:
    v = read_ref(ref / VETO_FILE)
    syria = v[v["crisis_topic"] == "Syria"]
    rows = []
    for _, r in syria.iterrows():
        names = [r[c] for c in ("member_veto1", "member_veto2", "member_veto3") if pd.notna(r[c])]
        records = [s.strip() for s in str(r["meeting_record"]).splitlines() if s.strip()]
        rows.append({
            "date": pd.to_datetime(r["date"], format="%m/%d/%Y").strftime("%Y-%m-%d"),
            "draft": r["draft"].strip(),
            "meeting_record": "; ".join(records),
            "vetoed_by": [P5[n.strip()] for n in names],
            "source": f"{record_label(records)} {'; '.join(records)}; {VETO_LIST_SOURCE}",
            "source_url": DHL_VETO_URL,
            "note": VETO_NOTES.get(r["draft"].strip(), ""),
        })
    rows += [dict(row) for row in EXTRA_VETOES]
    for row in rows:
        subject, checked = VETO_SUBJECTS[row["draft"]]
        row["subject"] = subject
        if checked:
            row["source"] += f"; subject as summarised in {checked}"
        else:  # say plainly which subjects rest on the kit's own summary
            unchecked = ("Subject summarised by the kit from the agenda item and the public record; "
                         "not checked here against the text of the draft.")
            row["note"] = f"{row['note']} {unchecked}".strip()
        row["year"] = int(row["date"][:4])
        row["n_vetoing"] = len(row["vetoed_by"])
        row["vetoed_by"] = ";".join(sorted(row["vetoed_by"]))
    cols = ["date", "year", "draft", "meeting_record", "vetoed_by", "n_vetoing", "subject",
            "source", "source_url", "note"]
    return pd.DataFrame(rows)[cols].sort_values(["date", "draft"]).reset_index(drop=True)


def syria_rollcalls(ref: Path) -> pd.DataFrame:
    rc = read_ref(ref / ROLLCALL_FILE)
    rc = rc[rc["kit_syria_conflict"] == 1].copy()
    rc["resolution"] = rc["unres"].map(normalise_symbol)
    return rc


def title_of(short, descr) -> str:
    """The resolution title: `short` from 2016 on, `descr` before (see reference README)."""
    text = short if isinstance(short, str) and "Syria" in short else descr
    return text.split(" : resolution")[0].strip()


def tally(yes, no, abstain) -> str:
    return f"{yes}-{no}-{abstain}"


def missing_member_note(ref: Path, rc: pd.DataFrame, votes: pd.DataFrame, rcid: int) -> str:
    """Why a member with no recorded vote here is more likely missing from the data than absent:
    how many of that year's roll calls hold no vote of it, against the year before (computed)."""
    cast = votes[(votes["rcid"] == rcid) & (votes["country"] == MISSING_MEMBER)]["vote"]
    if cast.empty or cast.iloc[0] != "absent":
        return ""
    allrc = read_ref(ref / ROLLCALL_FILE)
    allv = read_ref(ref / VOTES_FILE)
    with_member = set(allv.loc[allv["country"] == MISSING_MEMBER, "rcid"])
    counts = {}
    for year in (MISSING_YEAR - 1, MISSING_YEAR):
        ids = allrc.loc[allrc["date"].str.startswith(str(year)), "rcid"]
        counts[year] = (int((~ids.isin(with_member)).sum()), len(ids))
    others = votes[(votes["country"] == MISSING_MEMBER) & (votes["vote"] != "absent")]["vote"].value_counts()
    gone, total = counts[MISSING_YEAR]
    before, total_before = counts[MISSING_YEAR - 1]
    shown = ", ".join(f"{k} {v}" for k, v in others.items())
    return (f"{MISSING_MEMBER} has no recorded vote here. The Voeten data hold no vote of {MISSING_MEMBER} in "
            f"{gone} of the {total} roll calls of {MISSING_YEAR} (against {before} of {total_before} in "
            f"{MISSING_YEAR - 1}), and on the other Syria resolutions with its vote it voted: {shown}; so its "
            f"vote appears to be missing from the data rather than an absence.")


def build_resolutions(ref: Path, votes: pd.DataFrame) -> pd.DataFrame:
    rc = syria_rollcalls(ref)
    rows = []
    for _, r in rc.iterrows():
        counts = votes[(votes["rcid"] == r["rcid"]) & (votes["vote"] != "absent")]["vote"].value_counts()
        yes, no, abstain = (int(counts.get(v, 0)) for v in ("yes", "no", "abstain"))
        official, official_source = OFFICIAL_TALLIES.get(r["resolution"], ("", NO_OFFICIAL))
        notes = [RESOLUTION_NOTES.get(r["resolution"], "")]
        if official and official != tally(yes, no, abstain):
            notes.append(f"The counts computed from the Voeten data ({tally(yes, no, abstain)}) differ from the "
                         f"official record ({official}): use the official tally when quoting the vote.")
        elif official:
            notes.append(f"The counts agree with the official record ({official}).")
        else:
            notes.append("The counts were not checked against the official UN record.")
        notes.append(missing_member_note(ref, rc, votes, int(r["rcid"])))
        rows.append({
            "resolution": r["resolution"], "date": r["date"], "session": int(r["session"]),
            "title": title_of(r["short"], r["descr"]), "rcid": int(r["rcid"]),
            "in_roll_call_data": "true",
            "yes": yes, "no": no, "abstain": abstain,
            "official_tally": official, "official_source": official_source,
            "source": f"{VOETEN_SOURCE}; roll call rcid {int(r['rcid'])}; counts computed from the member votes",
            "source_url": VOETEN_URL,
            "note": " ".join(n for n in notes if n),
        })
    for m in MISSING_RESOLUTIONS:
        yes, no, abstain = m.get("tally", (None, None, None))
        row = {k: v for k, v in m.items() if k != "tally"}
        rows.append({**row, "rcid": None, "in_roll_call_data": "false",
                     "yes": yes, "no": no, "abstain": abstain,
                     "official_tally": "", "official_source": NO_OFFICIAL})
    df = pd.DataFrame(rows)
    for c in ("rcid", "yes", "no", "abstain"):
        df[c] = df[c].astype("Int64")
    cols = ["resolution", "date", "session", "title", "rcid", "in_roll_call_data", "yes", "no",
            "abstain", "official_tally", "official_source", "source", "source_url", "note"]
    return df[cols].sort_values(["date", "resolution"]).reset_index(drop=True)


def iso3(code: str) -> tuple[str, str]:
    """ISO 3166 alpha-3 for an alpha-2 code, plus a note when the mapping needed care."""
    if code in ISO3_OVERRIDES:
        return ISO3_OVERRIDES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise ValueError(f"no ISO 3166 country for code {code!r}")
    return country.alpha_3, ""


def build_votes(ref: Path) -> pd.DataFrame:
    rc = syria_rollcalls(ref)
    allv = read_ref(ref / VOTES_FILE)
    members = allv[["country", "country_code"]].drop_duplicates().sort_values("country")
    if len(members) != 193 or members["country"].duplicated().any():
        raise ValueError(f"expected 193 member states in the votes file, found {len(members)}")
    rows = []
    for _, r in rc.sort_values(["date", "rcid"]).iterrows():
        cast = allv[allv["rcid"] == r["rcid"]].set_index("country")["vote"]
        for _, m in members.iterrows():
            code3, iso_note = iso3(m["country_code"])
            recorded = m["country"] in cast.index
            notes = [n for n in (iso_note, "" if recorded else ABSENT_NOTE) if n]
            if not recorded and m["country"] == MISSING_MEMBER and r["date"].startswith(str(MISSING_YEAR)):
                notes.append(MISSING_VOTE_NOTE.get(r["resolution"], MISSING_VOTE_NOTE[None]))
            rows.append({
                "resolution": r["resolution"], "rcid": int(r["rcid"]), "date": r["date"],
                "country": m["country"], "iso3": code3,
                "vote": cast[m["country"]] if recorded else "absent",
                "source": f"{VOETEN_SOURCE}; roll call rcid {int(r['rcid'])}",
                "note": "; ".join(notes),
            })
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="the shared reference folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    vetoes = build_vetoes(args.reference)
    votes = build_votes(args.reference)
    resolutions = build_resolutions(args.reference, votes)
    for name, df in (("unsc_syria_vetoes", vetoes), ("unga_syria_resolutions", resolutions),
                     ("unga_syria_votes", votes)):
        write_csv(df, args.out / f"{name}.csv")
        print(f"{name}.csv: {len(df)} rows")


if __name__ == "__main__":
    main()
