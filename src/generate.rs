//! Realistic synthetic models of any size, for benchmarks and tests: NHS England and its
//! regions, integrated care boards with their partnerships, local authorities, trusts and
//! provider collaboratives, places with their sub-ICB locations and place-based partnerships,
//! primary care networks, and GP practices, with the usual relationships and, if asked, a
//! fraction of deliberate violations.
//!
//! The same options always give the same model.

use crate::model::{
    Body, BodyId, BodyKind, Footprint, FootprintId, Model, Relationship, RelationshipKind, Tier,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenerateOptions {
    /// About how many bodies (the result has within one system's worth of this).
    pub bodies: usize,
    /// The fraction (0 to 1) of places where to break a rule: a neighbourhood out of range, a
    /// practice without a PCN, an ICB without its constitution approver.
    pub violations: f64,
    /// The seed of the pseudo-random choices.
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            bodies: 1_000,
            violations: 0.0,
            seed: 1,
        }
    }
}

/// Bodies in one generated system: ICB, ICP, 2 councils, 4 trusts, a provider collaborative,
/// 5 places (sub-ICB location and partnership each), 30 PCNs and 201 practices.
pub const BODIES_PER_SYSTEM: usize = 250;
const PLACES: usize = 5;
const PCNS_PER_PLACE: usize = 6;
const TRUSTS: usize = 4;
const COUNCILS: usize = 2;

/// A small, fast, deterministic generator (SplitMix64): the library needs no random-number
/// crate for this.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn fid(s: String) -> FootprintId {
    FootprintId::from_checked(s)
}

fn bid(s: String) -> BodyId {
    BodyId::from_checked(s)
}

struct Builder {
    m: Model,
}

impl Builder {
    fn body(
        &mut self,
        id: String,
        name: String,
        kind: BodyKind,
        footprint: Option<&FootprintId>,
    ) -> BodyId {
        let id = bid(id);
        let mut b = Body::new(id.clone(), name, kind);
        b.footprint = footprint.cloned();
        self.m.bodies.push(b);
        id
    }

    fn rel(&mut self, kind: RelationshipKind, from: &BodyId, to: &BodyId) {
        self.m
            .relationships
            .push(Relationship::new(kind, from.clone(), to.clone()));
    }

    fn footprint(
        &mut self,
        id: String,
        name: String,
        tier: Tier,
        within: Option<&FootprintId>,
    ) -> usize {
        let mut f = Footprint::new(fid(id), name, tier);
        f.within = within.cloned();
        self.m.footprints.push(f);
        self.m.footprints.len() - 1
    }
}

/// A model of about `options.bodies` bodies and twice as many relationships.
///
/// # Examples
///
/// ```
/// use icsgov::generate::{generate, GenerateOptions};
///
/// let options = GenerateOptions { bodies: 1_000, violations: 0.0, seed: 7 };
/// let m = generate(&options);
/// assert!(m.bodies.len() >= 900);
/// // The same options give the same model.
/// assert_eq!(m, generate(&options));
/// ```
pub fn generate(options: &GenerateOptions) -> Model {
    let mut rng = Rng(options.seed);
    let systems = options.bodies.div_ceil(BODIES_PER_SYSTEM).max(1);
    let regions = systems.div_ceil(6).clamp(1, 99);
    let v = options.violations.clamp(0.0, 1.0);
    let mut g = Builder {
        m: Model {
            name: Some(format!("generated: {systems} systems")),
            ..Model::default()
        },
    };
    let nhse = g.body(
        "nhse".into(),
        "NHS England".into(),
        BodyKind::NhsEngland,
        None,
    );
    let cqc = g.body(
        "cqc".into(),
        "Care Quality Commission".into(),
        BodyKind::CareQualityCommission,
        None,
    );
    let regions: Vec<BodyId> = (0..regions)
        .map(|r| {
            let id = g.body(
                format!("Y{r:02}"),
                format!("Region {r}"),
                BodyKind::NhsEnglandRegion,
                None,
            );
            g.rel(RelationshipKind::PartOf, &id, &nhse);
            id
        })
        .collect();

    for s in 0..systems {
        let system_fp = g.footprint(
            format!("sys-{s}"),
            format!("System {s}"),
            Tier::System,
            None,
        );
        let system_id = g.m.footprints[system_fp].id.clone();
        let icb = g.body(
            format!("icb-{s}"),
            format!("NHS System {s} ICB"),
            BodyKind::IntegratedCareBoard,
            Some(&system_id),
        );
        if !rng.chance(v) {
            g.rel(RelationshipKind::ApprovesConstitution, &nhse, &icb);
        }
        g.rel(RelationshipKind::AccountableTo, &icb, &nhse);
        g.rel(RelationshipKind::Reviews, &nhse, &icb);
        g.rel(RelationshipKind::Reviews, &cqc, &icb);
        g.rel(RelationshipKind::PartOf, &icb, &regions[s % regions.len()]);
        g.rel(RelationshipKind::DelegatesTo, &nhse, &icb);
        if let Some(r) = g.m.relationships.last_mut() {
            r.function = Some(crate::model::Function::PrimaryMedicalServices);
        }
        for (remit, name) in [
            (crate::model::Remit::Audit, "Audit"),
            (crate::model::Remit::Remuneration, "Remuneration"),
        ] {
            let c = g.body(
                format!("icb-{s}-{}", remit.key()),
                format!("System {s} ICB {name} Committee"),
                BodyKind::Committee,
                None,
            );
            if let Some(b) = g.m.bodies.last_mut() {
                b.remit = Some(remit);
            }
            g.rel(RelationshipKind::CommitteeOf, &c, &icb);
            g.rel(RelationshipKind::AccountableTo, &c, &icb);
        }
        let icp = g.body(
            format!("icp-{s}"),
            format!("System {s} Health and Care Partnership"),
            BodyKind::IntegratedCarePartnership,
            Some(&system_id),
        );
        g.rel(RelationshipKind::Convenes, &icb, &icp);
        g.rel(RelationshipKind::Influences, &icp, &icb);
        for c in 0..COUNCILS {
            let la = g.body(
                format!("LA{s}-{c}"),
                format!("Council {s}-{c}"),
                BodyKind::UnitaryAuthority,
                None,
            );
            g.rel(RelationshipKind::Convenes, &la, &icp);
            g.rel(RelationshipKind::LiesIn, &la, &icb);
        }
        let pcb = g.body(
            format!("PCB{s}"),
            format!("System {s} Provider Collaborative"),
            BodyKind::ProviderCollaborative,
            Some(&system_id),
        );
        for t in 0..TRUSTS {
            let trust = g.body(
                format!("R{s}-{t}"),
                format!("Trust {s}-{t}"),
                BodyKind::NhsFoundationTrust,
                Some(&system_id),
            );
            // One mental health trust per system, the others acute hospital trusts.
            if let Some(b) = g.m.bodies.last_mut() {
                b.services = vec![if t == 0 {
                    crate::model::Service::MentalHealth
                } else {
                    crate::model::Service::Acute
                }];
            }
            g.rel(RelationshipKind::MemberOf, &trust, &pcb);
            g.rel(RelationshipKind::AccountableTo, &trust, &nhse);
            g.rel(RelationshipKind::Commissions, &icb, &trust);
        }
        let mut system_pop = 0u64;
        for p in 0..PLACES {
            let place_fp = g.footprint(
                format!("place-{s}-{p}"),
                format!("Place {s}-{p}"),
                Tier::Place,
                Some(&system_id),
            );
            let place_id = g.m.footprints[place_fp].id.clone();
            let sub = g.body(
                format!("S{s}-{p}"),
                format!("Sub-ICB location {s}-{p}"),
                BodyKind::SubIcbLocation,
                Some(&place_id),
            );
            g.rel(RelationshipKind::PartOf, &sub, &icb);
            let pbp = g.body(
                format!("PBP{s}-{p}"),
                format!("Place partnership {s}-{p}"),
                BodyKind::PlaceBasedPartnership,
                Some(&place_id),
            );
            g.rel(RelationshipKind::Influences, &pbp, &icb);
            let mut place_pop = 0u64;
            // 201 practices over 30 PCNs: 6 or 7 each.
            let practices_here = if p == 0 { 41 } else { 40 };
            for n in 0..PCNS_PER_PLACE {
                let nbh_fp = g.footprint(
                    format!("nbh-{s}-{p}-{n}"),
                    format!("Neighbourhood {s}-{p}-{n}"),
                    Tier::Neighbourhood,
                    Some(&place_id),
                );
                let nbh_id = g.m.footprints[nbh_fp].id.clone();
                let pcn = g.body(
                    format!("U{s}-{p}-{n}"),
                    format!("PCN {s}-{p}-{n}"),
                    BodyKind::PrimaryCareNetwork,
                    Some(&nbh_id),
                );
                let count = practices_here / PCNS_PER_PLACE
                    + usize::from(n < practices_here % PCNS_PER_PLACE);
                let mut pop = 0u64;
                for k in 0..count {
                    let practice = g.body(
                        format!("P{s}-{p}-{n}-{k}"),
                        format!("Practice {s}-{p}-{n}-{k}"),
                        BodyKind::GpPractice,
                        Some(&nbh_id),
                    );
                    if !rng.chance(v / 10.0) {
                        g.rel(RelationshipKind::MemberOf, &practice, &pcn);
                    }
                    g.rel(RelationshipKind::Commissions, &sub, &practice);
                    g.rel(RelationshipKind::Commissions, &icb, &practice);
                    pop += 5_000 + rng.below(1_500);
                }
                if rng.chance(v) {
                    pop = 12_000 + rng.below(10_000);
                }
                g.m.footprints[nbh_fp].population = Some(pop);
                place_pop += pop;
            }
            g.m.footprints[place_fp].population = Some(place_pop);
            system_pop += place_pop;
        }
        g.m.footprints[system_fp].population = Some(system_pop);
        g.board(s, &icb, &nhse);
    }
    g.m
}

impl Builder {
    /// The ICB's board: a chair appointed by NHS England, a chief executive appointed by the
    /// ICB, the three partner members nominated by a trust, a practice and a council of the
    /// system, two non-executive members and the three executive directors.
    fn board(&mut self, s: usize, icb: &BodyId, nhse: &BodyId) {
        use crate::model::{Membership, Person, PersonId, Role};
        let seats: [(Role, &str, Option<String>); 10] = [
            (Role::Chair, "chair", None),
            (Role::ChiefExecutive, "ceo", None),
            (
                Role::PartnerMemberTrusts,
                "pm-trusts",
                Some(format!("R{s}-0")),
            ),
            (
                Role::PartnerMemberPrimaryMedicalServices,
                "pm-pms",
                Some(format!("P{s}-0-0-0")),
            ),
            (
                Role::PartnerMemberLocalAuthorities,
                "pm-la",
                Some(format!("LA{s}-0")),
            ),
            (Role::NonExecutiveMember, "ned-1", None),
            (Role::NonExecutiveMember, "ned-2", None),
            (Role::DirectorOfFinance, "dof", None),
            (Role::MedicalDirector, "md", None),
            (Role::DirectorOfNursing, "don", None),
        ];
        for (role, tag, nominator) in seats {
            let person = PersonId::from_checked(format!("person-{s}-{tag}"));
            self.m.people.push(Person {
                id: person.clone(),
                name: format!("Board member {s} {tag}"),
                extensions: None,
            });
            let mut seat = Membership::new(person, role, icb.clone());
            seat.nominated_by = nominator.map(bid).into_iter().collect();
            seat.appointed_by = match role {
                Role::Chair => Some(nhse.clone()),
                Role::ChiefExecutive => Some(icb.clone()),
                _ => None,
            };
            self.m.memberships.push(seat);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Policy, Validator};

    #[test]
    fn a_clean_generated_model_has_no_errors_or_warnings() {
        let m = generate(&GenerateOptions {
            bodies: 2_000,
            violations: 0.0,
            seed: 7,
        });
        assert!(
            m.bodies.len() >= 2_000 && m.bodies.len() < 2_000 + BODIES_PER_SYSTEM + 10,
            "{}",
            m.bodies.len()
        );
        assert!(
            m.relationships.len() > m.bodies.len() * 19 / 10,
            "{}",
            m.relationships.len()
        );
        let r = Validator::new(&Policy::default()).validate(&m);
        assert!(
            r.is_clean(),
            "{:#?}",
            &r.diagnostics()[..r.diagnostics().len().min(5)]
        );
    }

    #[test]
    fn violations_appear_in_proportion_and_the_same_seed_gives_the_same_model() {
        let o = GenerateOptions {
            bodies: 10_000,
            violations: 0.2,
            seed: 3,
        };
        let m = generate(&o);
        assert_eq!(m, generate(&o));
        let r = Validator::new(&Policy::default()).validate(&m);
        let icbs = m
            .bodies
            .iter()
            .filter(|b| b.kind == BodyKind::IntegratedCareBoard)
            .count();
        let unapproved = r.with_code("ICS201").count();
        assert!(
            unapproved > 0 && unapproved < icbs / 2,
            "{unapproved} of {icbs}"
        );
        assert!(r.with_code("ICS103").count() > 0);
        assert!(r.with_code("ICS108").count() > 0);
    }
}
