//! Building the model from what the publications said: memberships reconciled between the
//! mapping and ePCN, each PCN placed in a sub-ICB location, populations summed, then the
//! footprints, bodies and relationships written tier by tier.

use super::*;

/// What the build works out before it writes the model.
struct Derived {
    per_practice: bool,
    members: Vec<Membership>,
    /// Each practice's current PCN.
    current: BTreeMap<String, String>,
    /// The sub-ICB location each PCN sits in.
    pcn_sub: BTreeMap<String, String>,
    pcn_pop: BTreeMap<String, u64>,
    sub_pop: BTreeMap<String, u64>,
    icb_pop: BTreeMap<String, u64>,
}

impl Builder {
    pub(super) fn build(mut self) -> (Model, SourceRows, Vec<ImportNote>) {
        let mut m = Model {
            name: Some("NHS England: integrated care systems".to_owned()),
            ..Model::default()
        };
        self.date_from_the_network_des();
        let members = self.reconcile_memberships();
        if self.practices.values().any(|p| p.in_mapping) {
            self.close_what_only_epcn_knows();
        } else {
            let live = self.live_locations();
            self.end_locations_only_epcn_knows(&live, None);
        }
        self.add_bodies_named_by_memberships(&members);
        let d = self.derive(members);
        self.write_organisations(&d, &mut m);
        self.write_places(&d, &mut m);
        self.write_networks(&d, &mut m);
        self.write_trusts(&mut m);
        let unknown_tier = self.write_councils(&mut m);
        self.notes.extend(unknown_tier);
        let rows = self.source_rows(&m);
        (m, rows, self.notes)
    }

    /// The row each entity came from: a footprint's is its organisation's (`place-00Q` is
    /// sub-ICB location 00Q's), a membership's is the row that put the practice in the PCN,
    /// a commissioning the practice's row, and any other relationship its first end's row,
    /// or its second's (NHS England approving QE1's constitution points at QE1's row).
    fn source_rows(&self, m: &Model) -> SourceRows {
        let of = |code: &str| self.first_rows.get(code).copied();
        let footprints = m
            .footprints
            .iter()
            .map(|f| {
                let id = f.id.as_str();
                let code = ["system-", "place-", "nbh-"]
                    .iter()
                    .find_map(|p| id.strip_prefix(p))
                    .unwrap_or(id);
                of(code)
            })
            .collect();
        let bodies = m.bodies.iter().map(|b| of(b.id.as_str())).collect();
        let relationships = m
            .relationships
            .iter()
            .map(|r| {
                let (from, to) = (r.from.as_str(), r.to.as_str());
                match r.kind {
                    RelationshipKind::MemberOf => of(&format!("{from}>{to}")).or_else(|| of(from)),
                    RelationshipKind::Commissions => of(to).or_else(|| of(from)),
                    _ => of(from).or_else(|| of(to)),
                }
            })
            .collect();
        SourceRows {
            files: self.files.clone(),
            footprints,
            bodies,
            relationships,
        }
    }

    /// ODS's record of PCNs begins on 1 October 2019: 1,250 of the 1,329 PCNs in ePCN open
    /// that day, and so do 6,755 of its memberships. PCNs were formed on 1 July 2019 under
    /// the Network Contract DES, so a PCN or a membership dated on the record's first day was
    /// in place when the record began, not formed then: it is dated from 1 July 2019 (a
    /// membership not before its practice opened). Otherwise every practice would seem to
    /// have been in no PCN for the quarter before ODS began recording.
    fn date_from_the_network_des(&mut self) {
        let (Some(record_start), Some(des)) = (Date::new(2019, 10, 1), Date::new(2019, 7, 1))
        else {
            return;
        };
        let mut pcns = 0;
        for p in self.pcns.values_mut() {
            if p.from == Some(record_start) {
                p.from = Some(des);
                pcns += 1;
            }
        }
        let mut memberships = 0;
        for ms in &mut self.memberships {
            if ms.from == Some(record_start) {
                let opened = self.practices.get(&ms.practice).and_then(|p| p.from);
                ms.from = Some(opened.map_or(des, |o| o.max(des)).min(record_start));
                memberships += 1;
            }
        }
        if pcns + memberships > 0 {
            self.notes.push(ImportNote {
                file: "ODS ePCN".to_owned(),
                line: None,
                message: format!(
                    "dated from 2019-07-01, when PCNs were formed under the Network Contract DES: {pcns} PCNs and {memberships} memberships that ODS dates 2019-10-01, the first day of its PCN record"
                ),
            });
        }
    }

    /// Memberships: the mapping file is the current picture; ePCN adds dates and history.
    fn reconcile_memberships(&mut self) -> Vec<Membership> {
        let mut members: Vec<Membership> = Vec::new();
        let mut open_epcn: BTreeMap<String, (String, Option<Date>)> = BTreeMap::new();
        for ms in std::mem::take(&mut self.memberships) {
            if ms.to.is_none() {
                open_epcn.insert(ms.practice.clone(), (ms.pcn.clone(), ms.from));
            }
            members.push(ms);
        }
        let mapping_given = self.practices.values().any(|p| p.in_mapping);
        if mapping_given {
            // By the mapping's extract date, an open ePCN membership the mapping does not show
            // had ended; the mapping's own membership starts then unless ePCN dates it.
            let since = self.mapping_date;
            let end = since.and_then(Date::pred);
            for ms in members.iter_mut().filter(|x| x.to.is_none()) {
                let now = self
                    .practices
                    .get(&ms.practice)
                    .filter(|p| p.in_mapping)
                    .and_then(|p| p.mapped_pcn.as_ref());
                if now != Some(&ms.pcn) {
                    ms.to = end;
                }
            }
            for (code, p) in &self.practices {
                let Some(pcn) = &p.mapped_pcn else { continue };
                match open_epcn.get(code) {
                    Some((e, _)) if e == pcn => {}
                    Some(_) => members.push(Membership {
                        practice: code.clone(),
                        pcn: pcn.clone(),
                        from: since,
                        to: None,
                    }),
                    None => members.push(Membership {
                        practice: code.clone(),
                        pcn: pcn.clone(),
                        from: None,
                        to: None,
                    }),
                }
            }
        }
        members.sort_by(|a, b| (&a.practice, a.from, &a.pcn).cmp(&(&b.practice, b.from, &b.pcn)));
        members
    }

    /// PCNs and sub-ICB locations that only ePCN knows had closed by the mapping's date.
    fn close_what_only_epcn_knows(&mut self) {
        // PCNs and sub-ICB locations that only ePCN knows had closed by the mapping's date.
        let end = self.mapping_date.and_then(Date::pred);
        let mapped_pcns: BTreeSet<&String> = self
            .practices
            .values()
            .filter_map(|p| p.mapped_pcn.as_ref())
            .collect();
        let live_subs = self.live_locations();
        for (code, p) in self.pcns.iter_mut() {
            if !mapped_pcns.contains(code) && p.to.is_none() {
                p.to = end;
            }
        }
        self.end_locations_only_epcn_knows(&live_subs, end);
    }

    /// The sub-ICB locations this import knows without practices or ONS codes: each known
    /// only from ePCN.
    fn live_locations(&self) -> BTreeSet<String> {
        let mut live: BTreeSet<String> = self
            .practices
            .values()
            .filter_map(|p| p.sub_icb.clone())
            .collect();
        live.extend(
            self.sub_icbs
                .iter()
                .filter(|(_, s)| s.ons.is_some())
                .map(|(c, _)| c.clone()),
        );
        live
    }

    /// A location only ePCN knows ended when its last PCN closed, if they all had (an old CCG
    /// code such as 05A, NHS Coventry and Rugby CCG, whose PCNs closed in 2019); otherwise
    /// by `end` (the mapping's date), if given.
    fn end_locations_only_epcn_knows(&mut self, live_subs: &BTreeSet<String>, end: Option<Date>) {
        let mut last_pcn: BTreeMap<&str, Option<Date>> = BTreeMap::new();
        for p in self.pcns.values() {
            if let Some(sub) = &p.parent {
                let e = last_pcn.entry(sub.as_str()).or_insert(p.to);
                *e = match (*e, p.to) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
        }
        for (code, s) in self.sub_icbs.iter_mut() {
            if !live_subs.contains(code) && s.to.is_none() {
                s.to = match last_pcn.get(code.as_str()) {
                    Some(Some(closed)) => end.map_or(Some(*closed), |e| Some(e.min(*closed))),
                    _ => end,
                };
            }
        }
    }

    /// PCNs and practices that only memberships name still need bodies.
    fn add_bodies_named_by_memberships(&mut self, members: &[Membership]) {
        // A PCN seen only in memberships still needs a body.
        for ms in members {
            let name = self.member_names.get(&ms.pcn).unwrap_or(&ms.pcn).clone();
            self.pcns.entry(ms.pcn.clone()).or_insert_with(|| Org {
                name,
                ..Org::default()
            });
        }
        // A practice known only from ePCN memberships (closed since, and left out of
        // epraccur) still needs a body; once all its memberships have ended, so has it.
        // The practices this adds (known from memberships alone), whose dates the
        // memberships give.
        let mut only_members: BTreeSet<String> = BTreeSet::new();
        for ms in members {
            let known = self.practices.contains_key(&ms.practice);
            if !known {
                only_members.insert(ms.practice.clone());
            }
            let p = self
                .practices
                .entry(ms.practice.clone())
                .or_insert_with(|| Practice {
                    name: self
                        .member_names
                        .get(&ms.practice)
                        .unwrap_or(&ms.practice)
                        .clone(),
                    from: ms.from,
                    to: ms.to,
                    ..Practice::default()
                });
            if !known || (only_members.contains(&ms.practice) && !p.in_mapping) {
                p.from = match (p.from, ms.from) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                p.to = match (p.to, ms.to) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
        }
    }

    /// Where each PCN sits, the organisations above, and the populations.
    fn derive(&mut self, members: Vec<Membership>) -> Derived {
        let per_practice = !self.patients.is_empty();
        // A PCN sits in the sub-ICB location most of its current practices do (ties to the
        // lower code); failing that, the one ePCN gives.
        let current: BTreeMap<&str, &str> = members
            .iter()
            .filter(|x| x.to.is_none())
            .map(|x| (x.practice.as_str(), x.pcn.as_str()))
            .collect();
        let mut votes: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        for (practice, pcn) in &current {
            if let Some(sub) = self
                .practices
                .get(*practice)
                .and_then(|p| p.sub_icb.as_deref())
            {
                *votes.entry(pcn).or_default().entry(sub).or_default() += 1;
            }
        }
        let mut pcn_sub: BTreeMap<String, String> = BTreeMap::new();
        for (code, p) in &self.pcns {
            let voted = votes.get(code.as_str()).and_then(|v| {
                v.iter()
                    .max_by_key(|(s, n)| (**n, std::cmp::Reverse(*s)))
                    .map(|(s, _)| (*s).to_owned())
            });
            if let Some(sub) = voted.or_else(|| p.parent.clone()) {
                pcn_sub.insert(code.clone(), sub);
            }
        }
        for sub in pcn_sub.values() {
            self.sub_icbs.entry(sub.clone()).or_insert_with(|| Org {
                name: sub.clone(),
                ..Org::default()
            });
        }
        for p in self.practices.values() {
            if let Some(s) = &p.sub_icb {
                self.sub_icbs.entry(s.clone()).or_insert_with(|| Org {
                    name: s.clone(),
                    parent: p.icb.clone(),
                    ..Org::default()
                });
            }
        }
        for s in self.sub_icbs.values() {
            if let Some(i) = &s.parent {
                self.icbs.entry(i.clone()).or_insert_with(|| Org {
                    name: i.clone(),
                    ..Org::default()
                });
            }
        }
        for i in self.icbs.values() {
            if let Some(r) = &i.parent {
                self.regions.entry(r.clone()).or_insert_with(|| Org {
                    name: r.clone(),
                    ..Org::default()
                });
            }
        }

        let current: BTreeMap<String, String> = current
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
        let (pcn_pop, sub_pop, icb_pop) = self.populations(per_practice, &current);
        Derived {
            per_practice,
            members,
            current,
            pcn_sub,
            pcn_pop,
            sub_pop,
            icb_pop,
        }
    }

    /// The publication's own total for an organisation (`ICB`, `SUB_ICB`, `PCN`).
    fn total(&self, kind: &str, code: &str) -> Option<u64> {
        self.totals
            .get(&(kind.to_owned(), code.to_owned()))
            .copied()
    }

    /// Populations: summed from practices when per-practice counts are given, otherwise
    /// the publication's own totals.
    #[allow(clippy::type_complexity)]
    fn populations(
        &self,
        per_practice: bool,
        current: &BTreeMap<String, String>,
    ) -> (
        BTreeMap<String, u64>,
        BTreeMap<String, u64>,
        BTreeMap<String, u64>,
    ) {
        let mut pcn_pop: BTreeMap<&str, u64> = BTreeMap::new();
        let mut sub_pop: BTreeMap<&str, u64> = BTreeMap::new();
        if per_practice {
            for (code, p) in &self.practices {
                let n = self.patients.get(code).copied().unwrap_or(0);
                if let Some(pcn) = current.get(code.as_str()) {
                    let e = pcn_pop.entry(pcn).or_default();
                    *e = e.saturating_add(n);
                }
                if let Some(sub) = &p.sub_icb {
                    let e = sub_pop.entry(sub.as_str()).or_default();
                    *e = e.saturating_add(n);
                }
            }
        }
        let mut icb_pop: BTreeMap<&str, u64> = BTreeMap::new();
        for (code, s) in &self.sub_icbs {
            let pop = sub_pop
                .get(code.as_str())
                .copied()
                .or_else(|| self.total("SUB_ICB", code));
            if let (Some(pop), Some(icb)) = (pop, &s.parent) {
                let e = icb_pop.entry(icb.as_str()).or_default();
                *e = e.saturating_add(pop);
            }
        }

        let own = |m: BTreeMap<&str, u64>| -> BTreeMap<String, u64> {
            m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
        };
        (own(pcn_pop), own(sub_pop), own(icb_pop))
    }

    /// NHS England, the CQC, the regions and the ICBs with their systems.
    fn write_organisations(&self, d: &Derived, m: &mut Model) {
        let per_practice = d.per_practice;
        let any_org = !self.regions.is_empty() || !self.icbs.is_empty();
        if any_org {
            m.bodies
                .push(Body::new(bid("nhse"), "NHS England", BodyKind::NhsEngland));
        }
        if !self.icbs.is_empty() {
            m.bodies.push(Body::new(
                bid("cqc"),
                "Care Quality Commission",
                BodyKind::CareQualityCommission,
            ));
        }
        for (code, r) in &self.regions {
            let mut b = Body::new(
                bid(code),
                format!("NHS England {}", r.name),
                BodyKind::NhsEnglandRegion,
            );
            if r.name == *code {
                b.name = format!("NHS England region {code}").into();
            }
            m.bodies.push(b);
            m.relationships
                .push(rel(RelationshipKind::PartOf, code, "nhse"));
        }
        for (code, i) in &self.icbs {
            let area = fid(format!("system-{code}"));
            let mut f = Footprint::new(area.clone(), area_name(&i.name), Tier::System);
            f.population = if per_practice {
                d.icb_pop.get(code.as_str()).copied()
            } else {
                self.total("ICB", code)
            };
            f.extensions = ext(&[(
                "ons_code",
                i.ons
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )]);
            // An ICB formed by the April 2026 mergers has an area that did not exist before: its
            // footprint starts with it. The 42 areas of July 2022 were the STPs' before.
            if code.len() != 3 {
                f.valid_from = Date::new(2026, 4, 1);
            }
            m.footprints.push(f);
            let mut b = Body::new(bid(code), i.name.clone(), BodyKind::IntegratedCareBoard);
            b.footprint = Some(area);
            // The publications do not date ICBs: the 42 were established on 1 July 2022
            // (3-character codes); those formed by the April 2026 mergers have 5-character codes.
            b.valid_from = if code.len() == 3 {
                Date::new(2022, 7, 1)
            } else {
                Date::new(2026, 4, 1)
            };
            b.extensions = ext(&[(
                "ons_code",
                i.ons
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )]);
            m.bodies.push(b);
            if let Some(r) = &i.parent {
                m.relationships.push(rel(RelationshipKind::PartOf, code, r));
            }
            // Every relationship inferred from statute starts no earlier than both its ends.
            let icb_from = m.bodies.last().and_then(|b| b.valid_from);
            let mut approves = rel(RelationshipKind::ApprovesConstitution, "nhse", code);
            approves.valid_from = icb_from;
            approves.extensions =
                statute("NHS Act 2006 s14Z25: NHS England approves every ICB's constitution");
            let mut accountable = rel(RelationshipKind::AccountableTo, code, "nhse");
            accountable.valid_from = icb_from;
            accountable.extensions = statute("NHS Act 2006 s14Z59: NHS England assesses every ICB");
            let mut cqc = rel(RelationshipKind::Reviews, "cqc", code);
            cqc.valid_from = icb_from.max(Date::new(2023, 4, 1));
            cqc.extensions = statute("Health and Social Care Act 2008 s46B: every integrated care system is subject to the CQC's review from 1 April 2023 (a duty, not a record that an assessment took place)");
            m.relationships.extend([approves, accountable, cqc]);
        }
    }

    /// The sub-ICB locations and their places.
    fn write_places(&self, d: &Derived, m: &mut Model) {
        for (code, s) in &self.sub_icbs {
            let place = fid(format!("place-{code}"));
            let mut f = Footprint::new(place.clone(), s.name.clone(), Tier::Place);
            f.within = s.parent.as_ref().map(|i| fid(format!("system-{i}")));
            f.population = d
                .sub_pop
                .get(code.as_str())
                .copied()
                .or_else(|| self.total("SUB_ICB", code));
            f.extensions = ext(&[(
                "ons_code",
                s.ons
                    .clone()
                    .map_or(serde_json::Value::Null, serde_json::Value::String),
            )]);
            f.valid_to = s.to;
            // A location of an ICB formed by the April 2026 mergers is shown only within that
            // ICB: the publication does not say which ICB it was in before, so it starts with
            // the new ICB (`icsgov import --previous` links it to the one it was in).
            let merged = s.parent.as_ref().is_some_and(|i| i.len() == 5);
            if merged {
                f.valid_from = Date::new(2026, 4, 1);
            }
            let from = f.valid_from;
            m.footprints.push(f);
            let mut b = Body::new(bid(code), s.name.clone(), BodyKind::SubIcbLocation);
            b.footprint = Some(place);
            b.valid_from = from;
            b.valid_to = s.to;
            m.bodies.push(b);
            if let Some(i) = &s.parent {
                let mut part = rel(RelationshipKind::PartOf, code, i);
                part.valid_from = from;
                m.relationships.push(part);
            }
        }
    }

    /// The PCNs with their neighbourhoods, the practices, and their memberships.
    fn write_networks(&self, d: &Derived, m: &mut Model) {
        for (code, p) in &self.pcns {
            let nbh = fid(format!("nbh-{code}"));
            let mut f = Footprint::new(nbh.clone(), p.name.clone(), Tier::Neighbourhood);
            f.within = d.pcn_sub.get(code).map(|s| fid(format!("place-{s}")));
            f.population = d
                .pcn_pop
                .get(code.as_str())
                .copied()
                .or_else(|| self.total("PCN", code));
            f.valid_from = p.from;
            f.valid_to = p.to;
            m.footprints.push(f);
            let mut b = Body::new(bid(code), p.name.clone(), BodyKind::PrimaryCareNetwork);
            b.footprint = Some(nbh);
            b.valid_from = p.from;
            b.valid_to = p.to;
            m.bodies.push(b);
        }
        for (code, p) in &self.practices {
            let mut b = Body::new(bid(code), p.name.clone(), BodyKind::GpPractice);
            b.footprint = d
                .current
                .get(code.as_str())
                .map(|pcn| fid(format!("nbh-{pcn}")));
            b.valid_from = p.from;
            b.valid_to = p.to;
            let patients = self
                .patients
                .get(code)
                .map_or(serde_json::Value::Null, |n| serde_json::Value::from(*n));
            b.extensions = ext(&[("registered_patients", patients)]);
            m.bodies.push(b);
            if let Some(sub) = &p.sub_icb {
                m.relationships
                    .push(rel(RelationshipKind::Commissions, sub, code));
            }
        }
        for ms in &d.members {
            let mut r = rel(RelationshipKind::MemberOf, &ms.practice, &ms.pcn);
            r.valid_from = ms.from;
            r.valid_to = ms.to;
            m.relationships.push(r);
        }
    }

    /// The trusts, accountable to NHS England from 1 July 2022 and to the TDA or Monitor
    /// before.
    fn write_trusts(&self, m: &mut Model) {
        let mut regulators = BTreeSet::new();
        for (code, t) in &self.trusts {
            let kind = if t.name.to_ascii_uppercase().contains("FOUNDATION TRUST") {
                BodyKind::NhsFoundationTrust
            } else {
                BodyKind::NhsTrust
            };
            let mut b = Body::new(bid(code), t.name.clone(), kind);
            b.footprint = t.parent.as_ref().map(|i| fid(format!("system-{i}")));
            b.valid_from = t.from;
            b.valid_to = t.to;
            m.bodies.push(b);
            // NHS England oversees trusts from 1 July 2022; before, NHS trusts answered to the
            // NHS Trust Development Authority and foundation trusts to Monitor (Health and Care
            // Act 2022 ss33, 36). A trust's kind is the publication's: one that became a
            // foundation trust later answered to the TDA before, which the files do not say.
            let change = Date::new(2022, 7, 1);
            let before = Date::new(2022, 6, 30);
            // (A trust whose own dates are reversed gets no inferred relationship: ICS306
            // reports the trust.)
            let starts = t.from.max(change);
            if t.to.is_none_or(|to| Some(to) >= starts) {
                let mut acc = rel(RelationshipKind::AccountableTo, code, "nhse");
                acc.valid_from = starts;
                acc.valid_to = t.to;
                acc.extensions = statute("Health and Care Act 2022: NHS England oversees every NHS trust and foundation trust from 1 July 2022");
                m.relationships.push(acc);
            }
            if t.from.is_none_or(|from| Some(from) < change)
                && t.from.is_none_or(|from| t.to.is_none_or(|to| from <= to))
            {
                let (regulator, name, why) = if kind == BodyKind::NhsFoundationTrust {
                    ("monitor", "Monitor", "Monitor regulated NHS foundation trusts until it was abolished on 1 July 2022 (Health and Care Act 2022 s33); the trust's kind is taken from the publication")
                } else {
                    ("nhs-tda", "NHS Trust Development Authority", "NHS trusts answered to the NHS Trust Development Authority until it was abolished on 1 July 2022 (Health and Care Act 2022 s36)")
                };
                regulators.insert((regulator, name));
                let mut acc = rel(RelationshipKind::AccountableTo, code, regulator);
                acc.valid_from = t.from;
                acc.valid_to = match (t.to, before) {
                    (Some(to), Some(b)) => Some(to.min(b)),
                    (_, b) => b,
                };
                acc.extensions = statute(why);
                m.relationships.push(acc);
            }
        }
        for (id, name) in regulators {
            let kind = if id == "monitor" {
                BodyKind::Monitor
            } else {
                BodyKind::NhsTrustDevelopmentAuthority
            };
            let mut b = Body::new(bid(id), name, kind);
            b.valid_to = Date::new(2022, 6, 30);
            m.bodies.push(b);
        }
    }

    /// The councils, with the ICBs their areas lie in; notes for codes of no known tier.
    fn write_councils(&self, m: &mut Model) -> Vec<ImportNote> {
        let mut unknown_tier = Vec::new();
        for (code, (name, icbs)) in &self.lads {
            let Some(kind) = local_authority_kind(code) else {
                unknown_tier.push(ImportNote {
                    file: "ONS local authority lookup".to_owned(),
                    line: None,
                    message: format!(
                        "local authority {code} ({name}) left out: its ONS code is not one of E06 (unitary), E07 (district), E08 (metropolitan district), E09 (London borough) or E10 (county), so its tier is unknown"
                    ),
                });
                continue;
            };
            let mut b = Body::new(bid(code), name.clone(), kind);
            b.extensions = ext(&[("ons_code", serde_json::Value::String(code.clone()))]);
            m.bodies.push(b);
            let mut seen = BTreeSet::new();
            for (icb, lsoas) in icbs {
                if seen.insert(icb) {
                    let mut r = rel(RelationshipKind::LiesIn, code, icb);
                    r.extensions = ext(&[("lsoas", serde_json::Value::from(*lsoas))]);
                    m.relationships.push(r);
                }
            }
        }
        // A county council's area is its districts': it lies in each ICB any of them lies in.
        for (code, (name, districts)) in &self.counties {
            let mut b = Body::new(
                bid(code),
                format!("{name} County Council"),
                BodyKind::CountyCouncil,
            );
            b.extensions = ext(&[
                ("ons_code", serde_json::Value::String(code.clone())),
                (
                    "districts",
                    serde_json::Value::from(districts.iter().cloned().collect::<Vec<_>>()),
                ),
            ]);
            m.bodies.push(b);
            let mut lsoas: BTreeMap<&str, u64> = BTreeMap::new();
            for d in districts {
                for (icb, n) in self.lads.get(d).map(|l| l.1.as_slice()).unwrap_or_default() {
                    *lsoas.entry(icb.as_str()).or_default() += n;
                }
            }
            for (icb, n) in lsoas {
                let mut r = rel(RelationshipKind::LiesIn, code, icb);
                r.extensions = ext(&[("lsoas", serde_json::Value::from(n))]);
                m.relationships.push(r);
            }
        }
        unknown_tier
    }
}
