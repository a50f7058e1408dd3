//! ONS lookups: sub-ICB locations, councils and ICBs.

use super::*;

impl Builder {
    /// ONS lookup: sub-ICB locations to ICBs.
    pub(super) fn read_sub_icb_to_icb(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        let (sub, icb) = (g("SICBL##CDH"), g("ICB##CDH"));
        if !self.codes(t, line, lenient, &[("SICBL22CDH", sub), ("ICB22CDH", icb)])? {
            return Ok(());
        }
        let s = org(&mut self.sub_icbs, sub);
        s.ons = some(g("SICBL##CD"));
        set_name(s, g("SICBL##NM"));
        s.parent.get_or_insert_with(|| icb.to_owned());
        let i = org(&mut self.icbs, icb);
        i.ons = some(g("ICB##CD"));
        set_name(i, g("ICB##NM"));
        self.seen(sub, line);
        self.seen(icb, line);
        Ok(())
    }

    /// ONS lookup: district councils to county councils.
    pub(super) fn read_lad_to_county(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        let (lad, cty) = (g("LAD##CD"), g("CTY##CD"));
        // Only the county councils of two-tier areas: metropolitan districts and
        // London boroughs map to metropolitan counties and Inner or Outer
        // London, which have no council.
        if !(lad.starts_with("E07") && cty.starts_with("E10")) {
            return Ok(());
        }
        if !self.codes(t, line, lenient, &[("LAD21CD", lad), ("CTY21CD", cty)])? {
            return Ok(());
        }
        let entry = self
            .counties
            .entry(cty.to_owned())
            .or_insert_with(|| (g("CTY##NM").to_owned(), BTreeSet::new()));
        entry.1.insert(lad.to_owned());
        self.seen(cty, line);
        Ok(())
    }

    /// ONS lookup: local authority districts to ICBs.
    pub(super) fn read_lad_to_icb(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        let (lad, icb) = (g("LAD##CD"), g("ICB##CDH"));
        if !self.codes(t, line, lenient, &[("LAD22CD", lad), ("ICB22CDH", icb)])? {
            return Ok(());
        }
        let lsoas = row
            .iter()
            .next_back()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let i = org(&mut self.icbs, icb);
        i.ons.get_or_insert_with(|| g("ICB##CD").to_owned());
        set_name(i, g("ICB##NM"));
        let entry = self
            .lads
            .entry(lad.to_owned())
            .or_insert_with(|| (g("LAD##NM").to_owned(), Vec::new()));
        entry.1.push((icb.to_owned(), lsoas));
        self.seen(lad, line);
        self.seen(icb, line);
        Ok(())
    }
}
