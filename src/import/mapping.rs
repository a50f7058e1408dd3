//! The GP practice mapping (NHS England).

use super::*;

impl Builder {
    /// The GP practice to PCN, sub-ICB location and ICB mapping (NHS England, monthly).
    pub(super) fn read_mapping(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        let (practice, pcn, sub, icb, region) = (
            g("PRACTICE_CODE"),
            g("PCN_CODE"),
            g("SUB_ICB_LOCATION_CODE"),
            g("ICB_CODE"),
            g("COMM_REGION_CODE"),
        );
        if !self.codes(
            t,
            line,
            lenient,
            &[
                ("PRACTICE_CODE", practice),
                ("SUB_ICB_LOCATION_CODE", sub),
                ("ICB_CODE", icb),
                ("COMM_REGION_CODE", region),
            ],
        )? {
            return Ok(());
        }
        let unallocated = pcn.eq_ignore_ascii_case("U");
        if !unallocated && !self.code(t, line, "PCN_CODE", pcn, lenient)? {
            return Ok(());
        }
        let mapped = (!unallocated).then(|| pcn.to_owned());
        let earlier = self
            .practices
            .get(practice)
            .filter(|p| p.in_mapping)
            .map(|p| (p.mapped_line, p.mapped_pcn.clone(), p.sub_icb.clone()));
        if let Some((first, first_pcn, first_sub)) = earlier {
            // One practice, two rows: if they disagree, keeping the last would
            // silently drop the first.
            if first_pcn != mapped || first_sub.as_deref() != Some(sub) {
                let message = format!(
                    "practice {practice} is listed again: line {first} puts it in PCN {} (sub-ICB location {}), this line in PCN {} (sub-ICB location {sub}); a practice is in one PCN at a time",
                    first_pcn.as_deref().unwrap_or("U"),
                    first_sub.as_deref().unwrap_or("?"),
                    mapped.as_deref().unwrap_or("U"),
                );
                if !self.bad_row(t, line, message, lenient)? {
                    return Ok(());
                }
            }
        }
        set_name(org(&mut self.regions, region), g("COMM_REGION_NAME"));
        let i = org(&mut self.icbs, icb);
        set_name(i, g("ICB_NAME"));
        i.parent = Some(region.to_owned());
        if let Some(ons) = some(t.opt(row, "ONS_ICB_CODE")) {
            i.ons = Some(ons);
        }
        let s = org(&mut self.sub_icbs, sub);
        set_name(s, g("SUB_ICB_LOCATION_NAME"));
        if let Some(ons) = some(t.opt(row, "ONS_SUB_ICB_LOCATION_CODE")) {
            s.ons = Some(ons);
        }
        s.parent = Some(icb.to_owned());
        if !unallocated {
            let p = org(&mut self.pcns, pcn);
            set_name(p, &tidy_name(g("PCN_NAME")));
        }
        let pr = self.practices.entry(practice.to_owned()).or_default();
        pr.mapped_line = line;
        pr.name = tidy_name(g("PRACTICE_NAME"));
        pr.sub_icb = Some(sub.to_owned());
        pr.icb = Some(icb.to_owned());
        pr.region = Some(region.to_owned());
        pr.mapped_pcn = mapped;
        pr.in_mapping = true;
        for code in [practice, sub, icb, region] {
            self.seen(code, line);
        }
        if !unallocated {
            self.seen(pcn, line);
            self.seen_membership(practice, pcn, line);
        }
        Ok(())
    }
}
