#!/usr/bin/env python3
"""Writes the Lancashire and South Cumbria examples from the vendored publications.

    python3 examples/source/make_lsc.py

Every figure on a real ODS or ONS code comes from `data/nhs-england/`: a PCN's population is
the number of patients registered at its member practices in April 2025
(`gp-reg-pat-prac-all_2025-04.csv`), its members those of the October 2025 mapping
(`gp-reg-pat-prac-map_2025-10.csv`). Places and the system are invented ids whose population is
the sum of the PCNs within them. `tests/examples.rs` recomputes the PCN figures from the CSV
files independently. The structure (bodies, relationships, dates) is written out below with
its sources; docs/domain.md has the law behind it.
"""
import collections
import csv
import json
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "nhs-england"
ICB = "QE1"


def read(name):
    with open(DATA / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def title(name):
    small = {"and", "of", "the", "st"}
    words = []
    for i, w in enumerate(name.replace("&", "and").split()):
        lw = w.lower()
        if lw == "pcn":
            words.append("PCN")
        elif lw == "ltd":
            words.append("Ltd")
        elif lw == "st":
            words.append("St")
        elif lw in small and i > 0:
            words.append(lw)
        else:
            words.append(lw.capitalize())
    return " ".join(words)


mapping = [r for r in read("gp-reg-pat-prac-map_2025-10.csv") if r["ICB_CODE"] == ICB]
patients = {r["CODE"]: int(r["NUMBER_OF_PATIENTS"]) for r in read("gp-reg-pat-prac-all_2025-04.csv")}
pcns = collections.defaultdict(list)
for r in mapping:
    if r["PCN_CODE"] != "U":  # "U" is "unallocated", not a PCN
        pcns[r["PCN_CODE"]].append(r)

# The four places from 1 April 2023 follow the upper-tier councils' areas. A PCN goes to the
# place of the sub-ICB location most of its practices are commissioned from, except where the
# practices' postcodes put them in another council's area: Lancaster district's PCNs (01K) and
# Torentum (00R and 02M, all in Wyre) are in Lancashire. Two PCNs straddle a council boundary
# and say so in a note.
PLACE_OF_SUB = {"00Q": "blackburn-with-darwen", "00R": "blackpool", "00X": "lancashire",
                "01A": "lancashire", "01E": "lancashire", "02G": "lancashire",
                "02M": "lancashire", "01K": "south-cumbria"}
IN_LANCASHIRE_DISTRICT = {
    "U19808": "in Lancaster district: Lancaster Medical Practice and Queen Square Medical Practice, Lancaster (LA1)",
    "U27624": "in Lancaster district: Bay Medical Group, Morecambe (LA3)",
    "U87975": "in Wyre district: Cleveleys Group Practice and The Crescent Surgery (FY5, commissioned by 00R) and The Thornton Practice (FY5, 02M)",
}
STRADDLES = {
    "U50573": "its practices are Ash Trees Surgery, Carnforth (LA5, in Lancashire) and Park View "
              "Surgery, Milnthorpe (LA7, in Westmorland and Furness); placed in South Cumbria, "
              "which is a choice of this example",
    "U59980": "its practices are Lunesdale Surgery (LA6) and Sedbergh Medical Practice (LA10), in "
              "Westmorland and Furness, and Bentham Medical Practice (LA2), in North Yorkshire "
              "(Craven); placed in South Cumbria",
}

neighbourhoods, pcn_bodies = [], []
place_pop = collections.Counter()
for code in sorted(pcns, key=lambda c: (PLACE_OF_SUB[collections.Counter(r["SUB_ICB_LOCATION_CODE"] for r in pcns[c]).most_common(1)[0][0]], title(pcns[c][0]["PCN_NAME"]))):
    rows = pcns[code]
    subs = collections.Counter(r["SUB_ICB_LOCATION_CODE"] for r in rows)
    place = PLACE_OF_SUB[subs.most_common(1)[0][0]]
    if code in IN_LANCASHIRE_DISTRICT:
        place = "lancashire"
    pop = sum(patients[r["PRACTICE_CODE"]] for r in rows)
    place_pop[place] += pop
    name = title(rows[0]["PCN_NAME"])
    short = name[:-4] if name.endswith(" PCN") else name
    fp = {"id": f"nbh-{code}", "name": short, "tier": "neighbourhood", "within": place,
          "population": pop}
    ext = {"practices": sorted(r["PRACTICE_CODE"] for r in rows)}
    if len(subs) > 1:
        ext["sub_icb_locations"] = dict(sorted(subs.items()))
    if code in IN_LANCASHIRE_DISTRICT:
        ext["note"] = f"in the Lancashire place, {IN_LANCASHIRE_DISTRICT[code]}"
    if code in STRADDLES:
        ext["note"] = STRADDLES[code]
    fp["extensions"] = ext
    neighbourhoods.append(fp)
    pcn_bodies.append({"id": code, "name": name if name.endswith("PCN") else f"{name} PCN",
                       "kind": "primary_care_network", "footprint": f"nbh-{code}"})

system_pop = sum(place_pop.values())
AFTER = "2023-04-01"   # four places; Cumbria and North Yorkshire councils reorganised
BEFORE = "2023-03-31"
ICB_FROM = "2022-07-01"

footprints = [{"id": "lsc", "name": "Lancashire and South Cumbria", "tier": "system",
               "population": system_pop,
               "extensions": {"ons_code": "E54000048",
                              "note": "registered patients, April 2025, of the practices in the PCNs of the October 2025 mapping"}}]
for pid, name in [("pennine-lancashire", "Pennine Lancashire"), ("west-lancashire", "West Lancashire"),
                  ("fylde-coast", "Fylde Coast"), ("morecambe-bay", "Morecambe Bay"),
                  ("central-lancashire", "Central Lancashire")]:
    footprints.append({"id": pid, "name": name, "tier": "place", "within": "lsc", "valid_to": BEFORE,
                       "extensions": {"note": "one of the five places until the board's decision of 27 July 2022 (taken here to apply from 1 April 2023); no population is given, because the publications describe 2025"}})
for pid, name in [("lancashire", "Lancashire"), ("blackpool", "Blackpool"),
                  ("blackburn-with-darwen", "Blackburn with Darwen"), ("south-cumbria", "South Cumbria")]:
    footprints.append({"id": pid, "name": name, "tier": "place", "within": "lsc", "valid_from": AFTER,
                       "population": place_pop[pid],
                       "extensions": {"note": "the sum of the PCNs within it"}})
footprints += neighbourhoods


def body(id, name, kind, **kw):
    b = {"id": id, "name": name, "kind": kind}
    b.update(kw)
    return b


def rel(kind, f, t, **kw):
    r = {"kind": kind, "from": f, "to": t}
    r.update(kw)
    return r


ORDER_NOTE = "NHS Act 2006 s14Z25 and the Integrated Care Boards (Establishment) Order 2022"
bodies = [
    body("nhse", "NHS England", "nhs_england"),
    body("Y62", "NHS England North West", "nhs_england_region"),
    body("nhs-tda", "NHS Trust Development Authority", "nhs_trust_development_authority", valid_to="2022-06-30",
         extensions={"note": "abolished on 1 July 2022 (Health and Care Act 2022 s36)"}),
    body("monitor", "Monitor", "monitor", valid_to="2022-06-30",
         extensions={"note": "abolished on 1 July 2022 (Health and Care Act 2022 s33)"}),
    body("cqc", "Care Quality Commission", "care_quality_commission"),
    body("QE1", "NHS Lancashire and South Cumbria Integrated Care Board", "integrated_care_board",
         footprint="lsc", valid_from=ICB_FROM, board_record="partial",
         extensions={"ons_code": "E54000048", "basis": ORDER_NOTE,
                     "board_note": "only the seats and committees published sources confirm are recorded; see the dataset's note"}),
    body("lsc-hcp", "Lancashire and South Cumbria Health and Care Partnership", "integrated_care_partnership",
         footprint="lsc", valid_from=ICB_FROM,
         extensions={"note": "Lancashire County Council's cabinet agreed to the partnership on 7 July 2022; its first formal meeting was on 30 September 2022"}),
    body("E10000017", "Lancashire County Council", "county_council"),
    body("E06000008", "Blackburn with Darwen Borough Council", "unitary_authority"),
    body("E06000009", "Blackpool Council", "unitary_authority"),
    body("E10000006", "Cumbria County Council", "county_council", valid_to=BEFORE),
    body("E06000064", "Westmorland and Furness Council", "unitary_authority", valid_from=AFTER),
    body("E06000063", "Cumberland Council", "unitary_authority", valid_from=AFTER),
    body("E10000023", "North Yorkshire County Council", "county_council", valid_to=BEFORE),
    body("E06000065", "North Yorkshire Council", "unitary_authority", valid_from=AFTER),
    body("lsc-pcb", "Provider Collaboration Board", "provider_collaborative", footprint="lsc",
         extensions={"note": "the five trusts' joint committee, ratified by the ICB in December 2022"}),
    # Services: only what each trust's name and role make certain (the four hospital trusts
    # provide acute services, the mental health trust mental health services, NWAS ambulance
    # services); community services some of them also provide are left out.
    body("RXL", "Blackpool Teaching Hospitals NHS Foundation Trust", "nhs_foundation_trust", footprint="lsc",
         services=["acute"]),
    body("RXR", "East Lancashire Hospitals NHS Trust", "nhs_trust", footprint="lsc", services=["acute"]),
    body("RW5", "Lancashire and South Cumbria NHS Foundation Trust", "nhs_foundation_trust", footprint="lsc",
         services=["mental_health"]),
    body("RXN", "Lancashire Teaching Hospitals NHS Foundation Trust", "nhs_foundation_trust", footprint="lsc",
         services=["acute"]),
    body("RTX", "University Hospitals of Morecambe Bay NHS Foundation Trust", "nhs_foundation_trust", footprint="lsc",
         services=["acute"]),
    body("RX7", "North West Ambulance Service NHS Trust", "nhs_trust", services=["ambulance"]),
]
five = [("pennine-lancashire", "Pennine Lancashire Integrated Care Partnership (place)"),
        ("west-lancashire", "West Lancashire Integrated Care Partnership (place)"),
        ("fylde-coast", "Fylde Coast Integrated Care Partnership (place)"),
        ("morecambe-bay", "Bay Health and Care Partners"),
        ("central-lancashire", "Central Lancashire Integrated Care Partnership (place)")]
four = [("lancashire", "Lancashire Place-Based Partnership"), ("blackpool", "Blackpool Place-Based Partnership"),
        ("blackburn-with-darwen", "Blackburn with Darwen Place-Based Partnership"),
        ("south-cumbria", "South Cumbria Place-Based Partnership")]
for pid, name in five:
    bodies.append(body(f"{pid}-pbp", name, "place_based_partnership", footprint=pid, valid_to=BEFORE))
for pid, name in four:
    bodies.append(body(f"{pid}-pbp", name, "place_based_partnership", footprint=pid, valid_from=AFTER))
bodies += pcn_bodies

relationships = [
    rel("part_of", "Y62", "nhse"),
    rel("approves_constitution", "nhse", "QE1"),
    rel("accountable_to", "QE1", "nhse"),
    rel("part_of", "QE1", "Y62"),
    rel("reviews", "nhse", "QE1"),
    rel("reviews", "cqc", "QE1", valid_from="2023-04-01",
        extensions={"basis": "Health and Social Care Act 2008 s46B, in force from 1 April 2023"}),
    # NHS England's delegations (s65Z5). Primary medical services: "From 1 July 2022 all ICBs
    # assumed delegated responsibility for primary medical services" (NHS England, Delegation
    # of primary medical, pharmaceutical, ophthalmic and dental functions). Pharmacy,
    # optometry and dental: the NHS England board "approved the delegation of these functions
    # to the remaining 35 ICBs on 1 April 2023" (letter PRN00089); no source found names
    # this ICB among the early adopters of July 2022, and its own page says it holds all
    # four. Specialised services: "delegated to ICBs across 3 out of 7 NHS regions since
    # April 2024 (North West, Midlands and East of England)" (NHS England, 2025/26
    # delegation); the ICB is in the North West region. The North West joint committee of
    # 2023/24 is left out: its name was not found.
    rel("delegates_to", "nhse", "QE1", function="primary_medical_services", valid_from=ICB_FROM,
        extensions={"source": "https://www.england.nhs.uk/commissioning/primary-care/primary-care-comm/delegation-of-primary-medical-pharmaceutical-ophthalmic-and-dental-functions"}),
    *[rel("delegates_to", "nhse", "QE1", function=f, valid_from="2023-04-01",
          extensions={"source": "NHS England letter PRN00089; https://www.lancashireandsouthcumbria.icb.nhs.uk/about-us/sub-committees/pccc"})
      for f in ["pharmaceutical_services", "general_ophthalmic_services", "dental_services"]],
    rel("delegates_to", "nhse", "QE1", function="specialised_services", valid_from="2024-04-01",
        extensions={"source": "https://www.england.nhs.uk/long-read/commissioning-integration-delegation-of-specialised-services-to-integrated-care-boards-2025-26/",
                    "note": "the ICB's own start date is inferred from its region (North West), not found stated"}),
    rel("convenes", "QE1", "lsc-hcp"),
    rel("influences", "lsc-hcp", "QE1"),
]
# Which councils' areas lie in QE1's area: the ONS 2022 lookup (ons_lad22_icb22.csv) for the
# districts and unitaries, with their counties; from 1 April 2023 the new unitary councils
# took the districts over (Barrow-in-Furness and South Lakeland to Westmorland and Furness,
# Copeland (Millom) to Cumberland, Craven to North Yorkshire).
lies = [("E10000017", {}), ("E06000008", {}), ("E06000009", {}),
        ("E10000006", {"districts": ["E07000027 Barrow-in-Furness", "E07000029 Copeland (6 LSOAs)", "E07000031 South Lakeland"]}),
        ("E06000064", {"districts": ["E07000027 Barrow-in-Furness", "E07000031 South Lakeland"]}),
        ("E06000063", {"districts": ["E07000029 Copeland (6 LSOAs, around Millom)"]}),
        ("E10000023", {"districts": ["E07000163 Craven (3 LSOAs)"]}),
        ("E06000065", {"districts": ["E07000163 Craven (3 LSOAs)"]})]
for la, ext in lies:
    r = rel("lies_in", la, "QE1")
    if ext:
        r["extensions"] = ext
    relationships.append(r)
# The conveners published sources support: the ICB and the upper-tier councils of 2022
# (Lancashire, a "core member"; Blackburn with Darwen, Blackpool and Cumbria, the other councils
# of the system then). The partnership's terms of reference and its membership after
# 1 April 2023 were not found, so no council created on that day is recorded as a convener,
# and icsgov reports each one the ONS lookup puts in the ICB's area as missing under
# s116ZA(1), as it does North Yorkshire County Council before.
for la in ["E10000017", "E06000008", "E06000009"]:
    relationships.append(rel("convenes", la, "lsc-hcp"))
relationships.append(rel("convenes", "E10000006", "lsc-hcp", valid_from=ICB_FROM, valid_to=BEFORE))
relationships += [rel("succeeded_by", "E10000006", "E06000064"), rel("succeeded_by", "E10000006", "E06000063"),
                  rel("succeeded_by", "E10000023", "E06000065")]
for pid, _ in five + four:
    relationships.append(rel("influences", f"{pid}-pbp", "QE1"))
for t, kind in [("RXL", "ft"), ("RXR", "trust"), ("RW5", "ft"), ("RXN", "ft"), ("RTX", "ft"), ("RX7", "trust")]:
    if t != "RX7":
        relationships.append(rel("member_of", t, "lsc-pcb"))
    relationships.append(rel("accountable_to", t, "monitor" if kind == "ft" else "nhs-tda", valid_to="2022-06-30"))
    relationships.append(rel("accountable_to", t, "nhse", valid_from=ICB_FROM))
    relationships.append(rel("commissions", "QE1", t))

# Health and wellbeing boards (HSCA 2012 s194, in force from 1 April 2013) of the three
# councils whose areas lie wholly in the ICB's area, each with the ICB as a member from its
# establishment (s194(2), as amended by the Health and Care Act 2022). Lancashire's board
# lists a member nominated by the ICB in the county council's constitution; for Blackpool and
# Blackburn with Darwen the membership is recorded as the Act requires it. The boards of the
# councils that lie partly in the area (Cumbria, then Cumberland and Westmorland and Furness;
# North Yorkshire) are left out, as their conveners of the partnership are.
HWB_FROM = "2013-04-01"
for hwb, name, la, basis in [
    ("lancashire-hwb", "Lancashire Health and Wellbeing Board", "E10000017",
     "Lancashire County Council constitution, part 4: a member nominated by the ICB"),
    ("blackpool-hwb", "Blackpool Health and Wellbeing Board", "E06000009",
     "Health and Social Care Act 2012 s194(2): by statute"),
    ("blackburn-with-darwen-hwb", "Blackburn with Darwen Health and Wellbeing Board", "E06000008",
     "Health and Social Care Act 2012 s194(2): by statute"),
]:
    bodies.append(body(hwb, name, "health_and_wellbeing_board", valid_from=HWB_FROM))
    relationships.append(rel("part_of", hwb, la, valid_from=HWB_FROM))
    relationships.append(rel("member_of", "QE1", hwb, valid_from=ICB_FROM, extensions={"basis": basis}))

# The board and committees, as far as published sources confirm them (the ICB's
# constitution, governance handbook and annual reports were not among the sources found).
# Each seat keeps its source; a seat whose end is not known has no valid_to and says so.
ICB_SITE = "https://www.lancashireandsouthcumbria.icb.nhs.uk"
ESTABLISHED = ICB_SITE + "/news-and-media/latest-news/nhs-lancashire-and-south-cumbria-icb-completes-formal-establishment-process"
people = [
    {"id": "lsc-david-flory", "name": "David Flory"},
    {"id": "lsc-kevin-lavery", "name": "Kevin Lavery"},
    {"id": "lsc-kevin-mcgee", "name": "Kevin McGee"},
]
memberships = [
    {"person": "lsc-david-flory", "role": "chair", "body": "QE1", "appointed_by": "nhse", "valid_from": ICB_FROM,
     "extensions": {"source": "https://www.lancsteachinghospitals.nhs.uk/news/article/612",
                    "seen": "chair of the ICB at its annual general meeting of 13 September 2023",
                    "valid_from_basis": "the board members were formally appointed on the ICB's establishment (" + ESTABLISHED + ")",
                    "valid_to": "not found; by 25 July 2025 Emma Woollett was the ICB's chair (https://cumbriacrack.com/2025/07/25/new-chief-executive-for-troubled-nhs-care-board)"}},
    {"person": "lsc-kevin-lavery", "role": "chief_executive", "body": "QE1", "appointed_by": "QE1", "valid_from": ICB_FROM,
     "extensions": {"source": ESTABLISHED,
                    "seen": "\"the formal appointment Kevin Lavery as Chief Executive\" on 1 July 2022; still chief executive in the ICB's news of 22 August 2024 (" + ICB_SITE + "/news-and-media/latest-news/lancashire-and-south-cumbria-icb-hold-2024-agm-september)",
                    "valid_to": "not found; Aaron Cummins was named his successor in July 2025 (https://cumbriacrack.com/2025/07/25/new-chief-executive-for-troubled-nhs-care-board)"}},
    {"person": "lsc-kevin-mcgee", "role": "partner_member_trusts", "body": "QE1",
     "extensions": {"source": "https://lsc-icb.franktesting.co.uk/about-us/board/board-members/partner-board-members/partner-member-nhs-trust-foundation-trust-kevin-mcgee (a copy of the ICB's site)",
                    "seen": "\"Partner member for NHS Trust / Foundation Trust - Kevin McGee\" (page undated)",
                    "dates": "not found", "nominated_by": "the nominating trusts are not named in the source"}},
]
COMMITTEES = ICB_SITE + "/about-us/sub-committees/pccc"
committees = [
    ("QE1-quality", "Quality Committee", "quality", {}, COMMITTEES),
    ("QE1-finance-performance", "Finance and Performance Committee", "finance", {}, COMMITTEES),
    ("QE1-pccc", "Primary Care Commissioning Committee", "primary_care_commissioning", {"valid_to": "2025-03-31"},
     COMMITTEES + " (\"In March 2025, the board agreed to disestablish the Primary Care Commissioning Committee\"; "
     "a primary care contracts sub-committee took its place from 1 April 2025)"),
    ("QE1-piea", "Public Involvement and Engagement Advisory Committee", "other", {},
     ICB_SITE + "/about-us/sub-committees/public-involvement-and-engagement-advisory-committee/terms-reference (\"holds no decision-making powers\")"),
]
# A committee cannot be older than its ICB: each is dated from the ICB's establishment, when
# "the committees of the Board and the Chairs have been endorsed" (ESTABLISHED); that list
# itself was not found, so each committee's own first meeting may be later.
for cid, name, remit, dates, source in committees:
    dates = {"valid_from": ICB_FROM, **dates}
    bodies.append(body(cid, name, "committee", remit=remit, **dates,
                       extensions={"source": source, "valid_from_basis": "no earlier than the ICB; committees endorsed at its establishment (" + ESTABLISHED + ")"}))
    relationships.append(rel("committee_of", cid, "QE1", **dates))
    relationships.append(rel("accountable_to", cid, "QE1", **dates))

SCHEMA = "../schemas/model.schema.json"
NOTE = ("Lancashire and South Cumbria from the establishment of its integrated care board on "
        "1 July 2022: written by examples/source/make_lsc.py from the vendored publications "
        "(PCN list sizes: registered patients in April 2025 of the member practices of the "
        "October 2025 mapping). Places and the system are invented ids whose populations are "
        "sums of their PCNs. Five places until 31 March 2023 and four after follow the ICB "
        "board's decision of 27 July 2022. Councils whose areas lie in the ICB's area follow "
        "the ONS 2022 lookup; only the conveners confirmed by published sources are recorded. "
        "The ICB's board is recorded in part (board_record: partial): its chair, chief executive "
        "and one partner member, with four of its committees and NHS England's delegations, as "
        "published sources confirm them; the other partner members, the non-executive and "
        "executive members, the audit and remuneration committees and the end dates of the "
        "recorded seats were not found and are left out rather than invented.")
main = {"$schema": SCHEMA, "name": "Lancashire and South Cumbria", "footprints": footprints,
        "bodies": bodies, "relationships": relationships, "people": people, "memberships": memberships,
        "extensions": {"note": NOTE, "sources": [
            "data/nhs-england/PROVENANCE.md", "docs/domain.md#lancashire-and-south-cumbria"]}}

# The history adds what came before the ICB: the STP and shadow ICS, the eight CCGs and their
# joint committee, each CCG succeeded by the ICB.
ccgs = [("00Q", "NHS Blackburn with Darwen CCG"), ("00R", "NHS Blackpool CCG"),
        ("00X", "NHS Chorley and South Ribble CCG"), ("01A", "NHS East Lancashire CCG"),
        ("01E", "NHS Greater Preston CCG"), ("01K", "NHS Morecambe Bay CCG"),
        ("02G", "NHS West Lancashire CCG"), ("02M", "NHS Fylde and Wyre CCG")]
hist_bodies = [
    body("lsc-stp", "Lancashire and South Cumbria Sustainability and Transformation Partnership",
         "sustainability_and_transformation_partnership", footprint="lsc", valid_from="2016-03-01",
         valid_to="2018-01-31", extensions={"note": "the STP before it ran as a shadow integrated care system under NHS England's 2018/19 planning guidance; dates illustrative"}),
    body("healthier-lsc", "Healthier Lancashire and South Cumbria", "sustainability_and_transformation_partnership",
         footprint="lsc", valid_from="2018-02-01", valid_to="2022-06-30",
         extensions={"note": "the shadow integrated care system until the statutory ICS of 1 July 2022"}),
]
for code, name in ccgs:
    hist_bodies.append(body(code, name, "clinical_commissioning_group",
                            valid_from="2017-04-01" if code == "01K" else "2013-04-01", valid_to="2022-06-30"))
hist_bodies.append(body("lsc-jcccg", "Joint Committee of Clinical Commissioning Groups", "joint_committee_of_ccgs",
                        footprint="lsc", valid_from="2017-04-01", valid_to="2022-06-30"))
hist_rels = [rel("succeeded_by", "lsc-stp", "healthier-lsc")]
for code, _ in ccgs:
    hist_rels += [rel("accountable_to", code, "nhse"), rel("refers_decisions_to", code, "lsc-jcccg"),
                  rel("succeeded_by", code, "QE1")]
history = {"$schema": SCHEMA, "name": "Lancashire and South Cumbria, with its history",
           "footprints": footprints, "bodies": bodies[:5] + hist_bodies + bodies[5:],
           "relationships": relationships + hist_rels, "people": people, "memberships": memberships,
           "extensions": {"note": "The worked example with what came before its ICB: the "
                          "sustainability and transformation partnership, the shadow ICS, the eight CCGs "
                          "(Morecambe Bay CCG from 2017) and their joint committee. From 1 July 2022 it "
                          "is the same dataset as lancashire-south-cumbria.json; dates of the STP and "
                          "shadow ICS are illustrative.", "sources": main["extensions"]["sources"]}}


def dump_json(path, doc):
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    (ROOT / "examples" / path).write_text(text, encoding="utf-8")


dump_json("lancashire-south-cumbria.json", main)
dump_json("lancashire-south-cumbria-history.json", history)
header = ("# Lancashire and South Cumbria: the same dataset as lancashire-south-cumbria.json, in YAML.\n"
          "# yaml-language-server: $schema=../schemas/model.schema.json\n")
(ROOT / "examples" / "lancashire-south-cumbria.yaml").write_text(
    header + yaml.safe_dump(main, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
print(f"{len(neighbourhoods)} PCNs, {system_pop:,} registered patients; places {dict(place_pop)}")
