//! ODS etr: NHS trusts.

use super::*;

impl Builder {
    /// ODS etr: NHS trusts and foundation trusts.
    pub(super) fn read_etr(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let code = t.col(row, 1);
        if !self.code(t, line, "organisation code (column 1)", code, lenient)? {
            return Ok(());
        }
        let Some((from, to)) = self.ods_dates(r)? else {
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
            self.seen(&icb, line);
        }
        self.seen(code, line);
        Ok(())
    }
}
