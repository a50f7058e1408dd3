//! ODS epraccur: GP practices.

use super::*;

impl Builder {
    /// ODS epraccur: GP practices with their status, dates and commissioner.
    pub(super) fn read_epraccur(
        &mut self,
        r: Row<'_>,
        left_out: &mut LeftOut,
    ) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let code = t.col(row, 1);
        if !self.code(t, line, "organisation code (column 1)", code, lenient)? {
            return Ok(());
        }
        if t.col(row, 26) != "4" {
            *left_out
                .entry("prescribing settings that are not GP practices")
                .or_default() += 1;
            return Ok(());
        }
        // National grouping W00 is Wales, whose practices sit under Welsh health
        // boards (ICB column Q99, "not applicable"), not in NHS England's systems.
        if t.col(row, 3).starts_with('W') {
            *left_out
                .entry("GP practices in Wales (national grouping W00), outside NHS England")
                .or_default() += 1;
            return Ok(());
        }
        let status = t.col(row, 13);
        let Some((from, to)) = self.ods_dates(r)? else {
            return Ok(());
        };
        if !o.include_closed && (status == "C" || status == "D" || to.is_some()) {
            *left_out
                .entry("closed or dormant GP practices")
                .or_default() += 1;
            return Ok(());
        }
        let pr = self.practices.entry(code.to_owned()).or_default();
        if pr.name.is_empty() {
            pr.name = tidy_name(t.col(row, 2));
        }
        pr.from = from;
        pr.to = to;
        let (region, icb, sub) = (t.col(row, 3), t.col(row, 4), t.col(row, 15));
        if !pr.in_mapping {
            pr.region = some(region).filter(|c| valid_code(c));
            pr.icb = some(icb).filter(|c| valid_code(c));
            pr.sub_icb = some(sub).filter(|c| valid_code(c));
        }
        if !region.is_empty() && valid_code(region) {
            org(&mut self.regions, region);
        }
        if !icb.is_empty() && valid_code(icb) {
            let i = org(&mut self.icbs, icb);
            if i.parent.is_none() && valid_code(region) {
                i.parent = Some(region.to_owned());
            }
        }
        if !sub.is_empty() && valid_code(sub) {
            let s = org(&mut self.sub_icbs, sub);
            if s.parent.is_none() && valid_code(icb) {
                s.parent = Some(icb.to_owned());
            }
        }
        self.seen(code, line);
        for c in [region, icb, sub] {
            if !c.is_empty() && valid_code(c) {
                self.seen(c, line);
            }
        }
        Ok(())
    }
}
