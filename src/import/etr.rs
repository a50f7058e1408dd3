//! ODS etr: NHS trusts.

use super::*;

impl Builder {
    /// ODS etr: NHS trusts and foundation trusts.
    pub(super) fn read_etr(
        &mut self,
        t: &Table,
        line: u64,
        row: &csv::StringRecord,
        o: &ImportOptions,
    ) -> Result<(), Error> {
        let lenient = o.lenient;
        let code = t.col(row, 1);
        if !self.code(t, line, "organisation code (column 1)", code, lenient)? {
            return Ok(());
        }
        let Some(from) = self
            .date(t, line, "open date (column 11)", t.col(row, 11), lenient)?
            .map(DateCell::date)
        else {
            return Ok(());
        };
        let Some(to) = self
            .date(t, line, "close date (column 12)", t.col(row, 12), lenient)?
            .map(DateCell::date)
        else {
            return Ok(());
        };
        let (region, icb) = (t.col(row, 3), t.col(row, 4));
        let tr = org(&mut self.trusts, code);
        set_name(tr, &tidy_name(t.col(row, 2)));
        tr.parent = some(icb).filter(|c| valid_code(c));
        tr.from = from;
        tr.to = to;
        if let Some(icb) = tr.parent.clone() {
            let i = org(&mut self.icbs, &icb);
            if i.parent.is_none() && valid_code(region) {
                i.parent = Some(region.to_owned());
                org(&mut self.regions, region);
            }
        }
        Ok(())
    }
}
