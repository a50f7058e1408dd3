//! Property tests over valid generated models: clean as generated; each injected violation
//! found by its own rule, naming the right entities, and by no other error rule; the report
//! unchanged (paths aside) when the lists are shuffled.

use icsgov::generate::{generate, GenerateOptions};
use icsgov::{
    BodyId, BodyKind, Date, Function, Membership, Model, Policy, Relationship, RelationshipKind,
    Remit, Role, Severity, Tier, Validator,
};
use proptest::prelude::*;

/// Two or three systems, so that a violation can reach across systems.
fn valid_model() -> impl Strategy<Value = Model> {
    (2usize..4, any::<u64>()).prop_map(|(systems, seed)| {
        generate(&GenerateOptions {
            bodies: systems * icsgov::generate::BODIES_PER_SYSTEM,
            violations: 0.0,
            seed,
        })
    })
}

fn bid(s: &str) -> BodyId {
    BodyId::new(s).unwrap()
}

fn find(m: &Model, kind: BodyKind, pick: usize) -> usize {
    let all: Vec<usize> = m
        .bodies
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == kind)
        .map(|(i, _)| i)
        .collect();
    all[pick % all.len()]
}

/// The id of one ICB of the model.
fn icb_id(m: &Model, pick: usize) -> BodyId {
    m.bodies[find(m, BodyKind::IntegratedCareBoard, pick)]
        .id
        .clone()
}

/// The seat of `role` on `icb`'s board.
fn seat_of<'m>(m: &'m mut Model, icb: &BodyId, role: Role) -> &'m mut Membership {
    m.memberships
        .iter_mut()
        .find(|s| &s.body == icb && s.role == role)
        .unwrap()
}

/// NHS England's delegation to `icb`.
fn delegation_to<'m>(m: &'m mut Model, icb: &BodyId) -> &'m mut Relationship {
    m.relationships
        .iter_mut()
        .find(|r| r.kind == RelationshipKind::DelegatesTo && &r.to == icb)
        .unwrap()
}

/// How many rules `mutate` can break: every rule but the two about policy files and the one
/// about unreadable input.
const RULES_MUTATED: usize = 46;

/// The parts of a generated practice id `P{s}-{p}-{n}-{k}`: system, place, PCN, practice.
fn parts(id: &str) -> Vec<usize> {
    id[1..].split('-').map(|x| x.parse().unwrap()).collect()
}

/// The number of systems in a generated model.
fn systems(m: &Model) -> usize {
    m.footprints
        .iter()
        .filter(|f| f.tier == Tier::System)
        .count()
}

/// Dates the model from 1 July 2022, when ICBs began, leaving the national bodies undated.
fn dated_from_july_2022(m: &mut Model) {
    for b in &mut m.bodies {
        if !matches!(
            b.kind,
            BodyKind::NhsEngland | BodyKind::NhsEnglandRegion | BodyKind::CareQualityCommission
        ) {
            b.valid_from = Date::new(2022, 7, 1);
        }
    }
}

/// Dates the first `kind` relationship from a body of `body_kind` to begin on `from`; returns
/// the body's id.
fn date_first(
    m: &mut Model,
    body_kind: BodyKind,
    kind: RelationshipKind,
    pick: usize,
    from: Option<Date>,
) -> String {
    let i = find(m, body_kind, pick);
    let id = m.bodies[i].id.clone();
    let r = m
        .relationships
        .iter_mut()
        .find(|r| r.kind == kind && r.from == id)
        .unwrap();
    r.valid_from = from;
    id.to_string()
}

/// One violation of one rule, injected; returns the rule's code and the id its finding names.
fn mutate(m: &mut Model, which: usize, pick: usize) -> (&'static str, String) {
    match which % RULES_MUTATED {
        0 => {
            let i = find(m, BodyKind::GpPractice, pick);
            let dup = m.bodies[i].clone();
            let id = dup.id.to_string();
            // A second body with the same id and no relationships of its own.
            let mut copy = dup;
            copy.footprint = None;
            m.bodies.push(copy);
            ("ICS001", id)
        }
        1 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let from = m.bodies[i].id.clone();
            m.relationships.push(Relationship::new(
                RelationshipKind::Reviews,
                from.clone(),
                bid("no-such-body"),
            ));
            ("ICS002", from.to_string())
        }
        2 => {
            let i = find(m, BodyKind::PrimaryCareNetwork, pick);
            let id = m.bodies[i].id.clone();
            m.relationships.push(Relationship::new(
                RelationshipKind::MemberOf,
                id.clone(),
                id.clone(),
            ));
            ("ICS003", id.to_string())
        }
        3 => {
            let places: Vec<usize> = m
                .footprints
                .iter()
                .enumerate()
                .filter(|(_, f)| f.tier == Tier::Place)
                .map(|(i, _)| i)
                .collect();
            let i = places[pick % places.len()];
            m.footprints[i].within = None;
            ("ICS101", m.footprints[i].id.to_string())
        }
        4 => {
            let i = find(m, BodyKind::PlaceBasedPartnership, pick);
            let system = m
                .footprints
                .iter()
                .find(|f| f.tier == Tier::System)
                .unwrap()
                .id
                .clone();
            m.bodies[i].footprint = Some(system);
            ("ICS102", m.bodies[i].id.to_string())
        }
        5 => {
            let places: Vec<usize> = m
                .footprints
                .iter()
                .enumerate()
                .filter(|(_, f)| f.tier == Tier::Place)
                .map(|(i, _)| i)
                .collect();
            let i = places[pick % places.len()];
            m.footprints[i].population = Some(114_000);
            ("ICS104", m.footprints[i].id.to_string())
        }
        6 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let id = m.bodies[i].id.clone();
            m.relationships
                .retain(|r| !(r.kind == RelationshipKind::ApprovesConstitution && r.to == id));
            ("ICS201", id.to_string())
        }
        7 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let id = m.bodies[i].id.clone();
            m.relationships.push(Relationship::new(
                RelationshipKind::AccountableTo,
                bid("nhse"),
                id.clone(),
            ));
            ("ICS202", id.to_string())
        }
        8 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let j = find(m, BodyKind::PlaceBasedPartnership, pick);
            let (icb, pbp) = (m.bodies[i].id.clone(), m.bodies[j].id.clone());
            m.relationships.push(Relationship::new(
                RelationshipKind::AccountableTo,
                icb.clone(),
                pbp,
            ));
            ("ICS203", icb.to_string())
        }
        9 => {
            let i = find(m, BodyKind::IntegratedCarePartnership, pick);
            let id = m.bodies[i].id.clone();
            // One council whose area lies in the ICB's area stops convening the partnership.
            let council = m
                .relationships
                .iter()
                .find(|r| {
                    r.kind == RelationshipKind::Convenes
                        && r.to == id
                        && r.from.as_str().starts_with("LA")
                })
                .map(|r| r.from.clone())
                .unwrap();
            m.relationships.retain(|r| {
                !(r.kind == RelationshipKind::Convenes && r.to == id && r.from == council)
            });
            ("ICS204", council.to_string())
        }
        10 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let id = m.bodies[i].id.clone();
            let mut extra =
                icsgov::Body::new(bid("Y-extra"), "Another region", BodyKind::NhsEnglandRegion);
            extra.footprint = None;
            m.bodies.push(extra);
            m.relationships.push(Relationship::new(
                RelationshipKind::PartOf,
                id.clone(),
                bid("Y-extra"),
            ));
            ("ICS206", id.to_string())
        }
        11 => {
            // Generated ids: practice P{s}-{p}-{n}-{k} in PCN U{s}-{p}-{n}; a second PCN of the
            // same place keeps the practice's place and system.
            let i = find(m, BodyKind::GpPractice, pick);
            let id = m.bodies[i].id.clone();
            let parts: Vec<&str> = id.as_str()[1..].split('-').collect();
            let n: usize = parts[2].parse().unwrap();
            let other = format!("U{}-{}-{}", parts[0], parts[1], (n + 1) % 6);
            m.relationships.push(Relationship::new(
                RelationshipKind::MemberOf,
                id.clone(),
                bid(&other),
            ));
            ("ICS303", id.to_string())
        }
        12 => {
            // Dates make the model dated, checked across its timeline: everything starts with
            // the ICBs, so that nothing else is out of its era.
            for b in &mut m.bodies {
                b.valid_from = Date::new(2022, 7, 1);
            }
            let i = find(m, BodyKind::UnitaryAuthority, pick);
            let id = m.bodies[i].id.clone();
            m.bodies[i].valid_from = Date::new(2023, 1, 1);
            m.bodies[i].valid_to = Date::new(2022, 1, 1);
            ("ICS306", id.to_string())
        }
        13 => {
            let nbh = (pick % (m.footprints.len() - 1)..m.footprints.len())
                .chain(0..m.footprints.len())
                .find(|&i| m.footprints[i].tier == Tier::Neighbourhood)
                .unwrap();
            m.footprints[nbh].population = Some(10_000);
            ("ICS103", m.footprints[nbh].id.to_string())
        }
        14 => {
            // One of a place's six neighbourhoods all but empty: the rest cover too little.
            let nbh = (pick % (m.footprints.len() - 1)..m.footprints.len())
                .chain(0..m.footprints.len())
                .find(|&i| m.footprints[i].tier == Tier::Neighbourhood)
                .unwrap();
            m.footprints[nbh].population = Some(1);
            let place = m.footprints[nbh].within.clone().unwrap();
            ("ICS105", place.to_string())
        }
        15 | 16 => {
            // A practice commissioned from another place of its system (ICS106), or from a
            // place of another system (ICS107).
            let i = find(m, BodyKind::GpPractice, pick);
            let id = m.bodies[i].id.clone();
            let at = parts(id.as_str());
            let (s, p) = if which % RULES_MUTATED == 15 {
                (at[0], (at[1] + 1) % 5)
            } else {
                ((at[0] + 1) % systems(m), at[1])
            };
            let r = m
                .relationships
                .iter_mut()
                .find(|r| {
                    r.kind == RelationshipKind::Commissions
                        && r.to == id
                        && r.from.as_str().starts_with('S')
                })
                .unwrap();
            r.from = bid(&format!("S{s}-{p}"));
            let pcn = format!("U{}-{}-{}", at[0], at[1], at[2]);
            let code = if which % RULES_MUTATED == 15 {
                "ICS106"
            } else {
                "ICS107"
            };
            (code, pcn)
        }
        17 => {
            let i = find(m, BodyKind::GpPractice, pick);
            let id = m.bodies[i].id.clone();
            m.relationships
                .retain(|r| !(r.kind == RelationshipKind::MemberOf && r.from == id));
            ("ICS108", id.to_string())
        }
        18 => {
            let i = find(m, BodyKind::UnitaryAuthority, pick);
            let id = m.bodies[i].id.clone();
            let s: usize = id.as_str()[2..].split('-').next().unwrap().parse().unwrap();
            let other = format!("icb-{}", (s + 1) % systems(m));
            m.relationships.push(Relationship::new(
                RelationshipKind::LiesIn,
                id.clone(),
                bid(&other),
            ));
            // A council in two ICBs' areas convenes both partnerships (s116ZA(1)).
            m.relationships.push(Relationship::new(
                RelationshipKind::Convenes,
                id.clone(),
                bid(&format!("icp-{}", (s + 1) % systems(m))),
            ));
            ("ICS109", id.to_string())
        }
        19 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let icb = m.bodies[i].id.clone();
            let system = m.bodies[i].footprint.clone().unwrap();
            m.relationships.retain(|r| {
                !(r.kind == RelationshipKind::Reviews && r.to == icb && r.from.as_str() == "cqc")
            });
            ("ICS205", system.to_string())
        }
        20 => {
            // A membership dated to begin a year before its practice opened.
            dated_from_july_2022(m);
            let id = date_first(
                m,
                BodyKind::GpPractice,
                RelationshipKind::MemberOf,
                pick,
                Date::new(2021, 7, 1),
            );
            ("ICS301", id)
        }
        21 => {
            dated_from_july_2022(m);
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            m.bodies[i].valid_from = Date::new(2022, 1, 1);
            ("ICS302", m.bodies[i].id.to_string())
        }
        22 => {
            // The ICB's accountability recorded only from 2023: half a year accountable to nobody.
            dated_from_july_2022(m);
            let id = date_first(
                m,
                BodyKind::IntegratedCareBoard,
                RelationshipKind::AccountableTo,
                pick,
                Date::new(2023, 1, 1),
            );
            // NHS England's delegation starts with the accountability, or ICS221 would find
            // the ICB holding a function without answering for it.
            let icb = bid(&id);
            delegation_to(m, &icb).valid_from = Date::new(2023, 1, 1);
            ("ICS305", id)
        }
        24 => {
            // A second board on the same area, with everything the first has from and to
            // national bodies and to its own partnership, so that only the overlap is wrong.
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let icb = m.bodies[i].id.clone();
            let twin = bid(&format!("{icb}-twin"));
            let mut b = m.bodies[i].clone();
            b.id = twin.clone();
            m.bodies.push(b);
            let copies: Vec<Relationship> = m
                .relationships
                .iter()
                .filter(|r| {
                    r.from == icb
                        || (r.to == icb
                            && matches!(
                                r.kind,
                                RelationshipKind::ApprovesConstitution
                                    | RelationshipKind::Reviews
                                    | RelationshipKind::DelegatesTo
                            ))
                })
                .map(|r| {
                    let mut c = r.clone();
                    if c.from == icb {
                        c.from = twin.clone();
                    } else {
                        c.to = twin.clone();
                    }
                    c
                })
                .collect();
            m.relationships.extend(copies);
            ("ICS110", twin.to_string())
        }
        25 => {
            m.footprints.push(icsgov::Footprint::new(
                icsgov::FootprintId::new("sys-without-board").unwrap(),
                "An area with no board",
                Tier::System,
            ));
            ("ICS111", "sys-without-board".to_owned())
        }
        26 => {
            // The partnership goes, and every relationship to and from it.
            let i = find(m, BodyKind::IntegratedCarePartnership, pick);
            let icp = m.bodies.remove(i).id;
            m.relationships.retain(|r| r.from != icp && r.to != icp);
            let icb = m
                .bodies
                .iter()
                .find(|b| {
                    b.kind == BodyKind::IntegratedCareBoard
                        && b.id.as_str()[4..] == icp.as_str()[4..]
                })
                .unwrap()
                .id
                .to_string();
            ("ICS207", icb)
        }
        27 => {
            let i = find(m, BodyKind::PlaceBasedPartnership, pick);
            let pbp = m.bodies[i].id.clone();
            let s = pbp.as_str()[3..].split('-').next().unwrap().to_owned();
            m.relationships.push(Relationship::new(
                RelationshipKind::DelegatesTo,
                bid(&format!("icb-{s}")),
                pbp.clone(),
            ));
            ("ICS208", pbp.to_string())
        }
        28 => {
            // A trust accountable to NHS England a year before NHS England held trusts to
            // account.
            dated_from_july_2022(m);
            let i = find(m, BodyKind::NhsFoundationTrust, pick);
            m.bodies[i].valid_from = Date::new(2021, 4, 1);
            let id = date_first(
                m,
                BodyKind::NhsFoundationTrust,
                RelationshipKind::AccountableTo,
                pick,
                Date::new(2021, 4, 1),
            );
            ("ICS307", id)
        }
        29 => {
            // A unitary authority given a district's ONS code: every reference follows it.
            let i = find(m, BodyKind::UnitaryAuthority, pick);
            let old = m.bodies[i].id.clone();
            let new = bid(&format!("E07{:06}", pick % 1_000_000));
            m.bodies[i].id = new.clone();
            for r in &mut m.relationships {
                if r.from == old {
                    r.from = new.clone();
                }
                if r.to == old {
                    r.to = new.clone();
                }
            }
            for seat in &mut m.memberships {
                for n in &mut seat.nominated_by {
                    if *n == old {
                        *n = new.clone();
                    }
                }
            }
            ("ICS004", new.to_string())
        }
        30 => {
            // A second collaborative with one trust: the trust stays in its own as well.
            let i = find(m, BodyKind::ProviderCollaborative, pick);
            let mut extra = m.bodies[i].clone();
            extra.id = bid("pc-of-one");
            m.bodies.push(extra);
            let t = find(m, BodyKind::NhsFoundationTrust, pick);
            let trust = m.bodies[t].id.clone();
            m.relationships.push(Relationship::new(
                RelationshipKind::MemberOf,
                trust,
                bid("pc-of-one"),
            ));
            ("ICS209", "pc-of-one".to_owned())
        }
        31 => {
            // An acute trust leaves its collaborative (three trusts remain in it).
            let t = find(m, BodyKind::NhsFoundationTrust, pick);
            let trust = m.bodies[t].id.clone();
            m.bodies[t].services = vec![icsgov::Service::Acute];
            m.relationships
                .retain(|r| !(r.kind == RelationshipKind::MemberOf && r.from == trust));
            ("ICS210", trust.to_string())
        }
        32 => {
            // A health and wellbeing board that belongs to no council.
            m.bodies.push(icsgov::Body::new(
                bid("hwb-of-no-council"),
                "A board of no council",
                BodyKind::HealthAndWellbeingBoard,
            ));
            ("ICS212", "hwb-of-no-council".to_owned())
        }
        33 => {
            // A council's board without the ICB whose area the council lies in.
            let i = find(m, BodyKind::UnitaryAuthority, pick);
            let la = m.bodies[i].id.clone();
            m.bodies.push(icsgov::Body::new(
                bid("hwb-without-its-icb"),
                "A board without its ICB",
                BodyKind::HealthAndWellbeingBoard,
            ));
            m.relationships.push(Relationship::new(
                RelationshipKind::PartOf,
                bid("hwb-without-its-icb"),
                la,
            ));
            ("ICS211", "hwb-without-its-icb".to_owned())
        }
        34 => {
            // A sub-ICB location that is part of no ICB.
            m.bodies.push(icsgov::Body::new(
                bid("sub-icb-location-alone"),
                "A sub-ICB location of no ICB",
                BodyKind::SubIcbLocation,
            ));
            ("ICS112", "sub-icb-location-alone".to_owned())
        }
        35 => {
            // Two CCGs, on two of a system's places, merge into its ICB on 1 July 2022: the
            // ICB's area has more people than theirs had.
            dated_from_july_2022(m);
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let icb = m.bodies[i].id.clone();
            let system = m.bodies[i].footprint.clone().unwrap();
            let places: Vec<icsgov::FootprintId> = m
                .footprints
                .iter()
                .filter(|f| f.within.as_ref() == Some(&system))
                .take(2)
                .map(|f| f.id.clone())
                .collect();
            for (n, place) in places.into_iter().enumerate() {
                let id = bid(&format!("ccg-{n}"));
                let mut ccg = icsgov::Body::new(
                    id.clone(),
                    "An invented CCG",
                    BodyKind::ClinicalCommissioningGroup,
                );
                ccg.footprint = Some(place);
                ccg.valid_to = Date::new(2022, 6, 30);
                m.bodies.push(ccg);
                m.relationships.push(Relationship::new(
                    RelationshipKind::SucceededBy,
                    id,
                    icb.clone(),
                ));
            }
            ("ICS113", icb.to_string())
        }
        36 => {
            let icb = icb_id(m, pick);
            m.memberships
                .retain(|s| !(s.body == icb && s.role == Role::Chair));
            ("ICS213", icb.to_string())
        }
        37 => {
            let icb = icb_id(m, pick);
            let trust = m
                .memberships
                .iter()
                .find(|s| s.body == icb && s.role == Role::PartnerMemberTrusts)
                .unwrap()
                .nominated_by[0]
                .clone();
            seat_of(m, &icb, Role::PartnerMemberLocalAuthorities).nominated_by = vec![trust];
            ("ICS214", icb.to_string())
        }
        38 => {
            let icb = icb_id(m, pick);
            seat_of(m, &icb, Role::Chair).appointed_by = Some(icb.clone());
            ("ICS215", icb.to_string())
        }
        39 => {
            let icb = icb_id(m, pick);
            let chair = seat_of(m, &icb, Role::Chair).person.clone();
            m.memberships
                .push(Membership::new(chair, Role::DirectorOfFinance, icb.clone()));
            ("ICS216", icb.to_string())
        }
        40 => {
            let icb = icb_id(m, pick);
            let audit = format!("{icb}-audit");
            let i = m
                .bodies
                .iter()
                .position(|b| b.id.as_str() == audit)
                .unwrap();
            m.bodies[i].remit = Some(Remit::Quality);
            ("ICS217", icb.to_string())
        }
        41 => {
            let icb = icb_id(m, pick);
            let committee = bid(&format!("{icb}-remuneration"));
            m.relationships
                .retain(|r| !(r.kind == RelationshipKind::AccountableTo && r.from == committee));
            ("ICS218", committee.to_string())
        }
        42 => {
            dated_from_july_2022(m);
            let icb = icb_id(m, pick);
            let r = delegation_to(m, &icb);
            r.function = Some(Function::DentalServices);
            r.valid_from = Date::new(2022, 7, 1);
            ("ICS219", icb.to_string())
        }
        43 => {
            let i = find(m, BodyKind::IntegratedCareBoard, pick);
            let icb = m.bodies[i].id.clone();
            let mut jc = icsgov::Body::new(
                bid("jc-invented"),
                "An invented joint committee",
                BodyKind::JointCommittee,
            );
            jc.footprint = m.bodies[i].footprint.clone();
            m.bodies.push(jc);
            let mut r = Relationship::new(
                RelationshipKind::DelegatesTo,
                bid("nhse"),
                bid("jc-invented"),
            );
            r.function = Some(Function::PrimaryMedicalServices);
            m.relationships.push(r);
            m.relationships.push(Relationship::new(
                RelationshipKind::AccountableTo,
                bid("jc-invented"),
                bid("nhse"),
            ));
            ("ICS220", icb.to_string())
        }
        44 => {
            m.bodies.push(icsgov::Body::new(
                bid("jc-invented"),
                "An invented joint committee",
                BodyKind::JointCommittee,
            ));
            let mut r = Relationship::new(
                RelationshipKind::DelegatesTo,
                bid("nhse"),
                bid("jc-invented"),
            );
            r.function = Some(Function::DentalServices);
            m.relationships.push(r);
            ("ICS221", "jc-invented".to_owned())
        }
        45 => {
            let icb = icb_id(m, pick);
            delegation_to(m, &icb).function = Some(Function::Section14Z59);
            ("ICS222", icb.to_string())
        }
        _ => {
            let i = find(m, BodyKind::UnitaryAuthority, pick);
            let id = m.bodies[i].id.clone();
            m.bodies.push(icsgov::Body::new(
                bid("successor"),
                "A successor council",
                BodyKind::UnitaryAuthority,
            ));
            m.relationships.push(Relationship::new(
                RelationshipKind::SucceededBy,
                id.clone(),
                bid("successor"),
            ));
            ("ICS304", id.to_string())
        }
    }
}

#[test]
fn every_rule_about_a_dataset_has_a_mutation() {
    let m = generate(&GenerateOptions {
        bodies: 2 * icsgov::generate::BODIES_PER_SYSTEM,
        violations: 0.0,
        seed: 7,
    });
    let mutated: std::collections::BTreeSet<&str> = (0..RULES_MUTATED)
        .map(|which| mutate(&mut m.clone(), which, 0).0)
        .collect();
    let rules: std::collections::BTreeSet<&str> = icsgov::rules::registry()
        .iter()
        .filter(|r| r.checks_datasets())
        .map(|r| r.code())
        .collect();
    assert_eq!(mutated, rules);
}

/// Every finding, by code, severity and related ids.
fn findings(m: &Model) -> Vec<(String, Severity, Vec<String>)> {
    Validator::new(&Policy::default())
        .validate(m)
        .diagnostics()
        .iter()
        .map(|d| (d.code().to_owned(), d.severity(), d.related().to_vec()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_generated_valid_model_has_no_errors(m in valid_model()) {
        let report = Validator::new(&Policy::default()).validate(&m);
        prop_assert!(!report.has_errors(), "{:?}", report.diagnostics().first());
    }

    #[test]
    fn each_injected_violation_is_found_by_its_rule_alone(m in valid_model(), which in 0..RULES_MUTATED, pick in any::<usize>()) {
        let mut m = m;
        let (code, id) = mutate(&mut m, which, pick);
        let found = findings(&m);
        prop_assert!(
            found.iter().any(|(c, _, related)| c == code && related.contains(&id)),
            "{code} naming {id} not found in {found:?}"
        );
        let others: Vec<_> = found
            .iter()
            .filter(|(c, s, _)| c != code && *s == Severity::Error)
            .collect();
        prop_assert!(others.is_empty(), "{code} also brought {others:?}");
    }

    #[test]
    fn shuffling_the_lists_changes_only_the_paths(seed in any::<u64>(), shuffle in any::<u64>()) {
        let m = generate(&GenerateOptions { bodies: 2 * icsgov::generate::BODIES_PER_SYSTEM, violations: 0.3, seed });
        let key = |m: &Model| {
            let mut v: Vec<(String, String, Vec<String>)> = Validator::new(&Policy::default())
                .validate(m)
                .diagnostics()
                .iter()
                .map(|d| {
                    let mut related = d.related().to_vec();
                    related.sort();
                    (d.code().to_owned(), d.message().to_owned(), related)
                })
                .collect();
            v.sort();
            v
        };
        let before = key(&m);
        let mut r = m.clone();
        let mut state = shuffle | 1;
        let mut next = || { state ^= state << 13; state ^= state >> 7; state ^= state << 17; state };
        for i in (1..r.bodies.len()).rev() { let j = (next() % (i as u64 + 1)) as usize; r.bodies.swap(i, j); }
        for i in (1..r.footprints.len()).rev() { let j = (next() % (i as u64 + 1)) as usize; r.footprints.swap(i, j); }
        for i in (1..r.relationships.len()).rev() { let j = (next() % (i as u64 + 1)) as usize; r.relationships.swap(i, j); }
        prop_assert_eq!(before, key(&r));
        // The same input, the same bytes.
        prop_assert_eq!(
            Validator::new(&Policy::default()).validate(&r).to_json_string(),
            Validator::new(&Policy::default()).validate(&r).to_json_string()
        );
    }
}
