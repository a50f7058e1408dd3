//! ODS ePCN: primary care networks and their members.

use super::*;

impl Builder {
    /// ODS ePCN: the primary care networks (ePCN.xlsx, PCNDetails sheet).
    pub(super) fn read_pcn_details(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        let (code, sub) = (g("PCN_CODE"), g("CURRENT_SUB_ICB_LOC_CODE"));
        if !self.codes(
            t,
            line,
            lenient,
            &[("PCN Code", code), ("Current Sub ICB Loc Code", sub)],
        )? {
            return Ok(());
        }
        let Some(from) = self.date(t, line, "Open Date", g("OPEN_DATE"), lenient)? else {
            return Ok(());
        };
        let Some(to) = self.date(t, line, "Close Date", g("CLOSE_DATE"), lenient)? else {
            return Ok(());
        };
        let p = org(&mut self.pcns, code);
        if p.name == code {
            set_name(p, &tidy_name(g("PCN_NAME")));
        }
        // Used when the mapping file does not place the PCN by its practices.
        p.parent = Some(sub.to_owned());
        p.from = from;
        p.to = to;
        let s = org(&mut self.sub_icbs, sub);
        if s.name == sub {
            set_name(s, &tidy_name(t.opt(row, "SUB_ICB_LOCATION")));
        }
        self.seen(code, line);
        self.seen(sub, line);
        Ok(())
    }

    /// ODS ePCN: practices' memberships of primary care networks, dated (PCN Core Partner Details sheet).
    pub(super) fn read_pcn_members(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        let (practice, pcn) = (g("PARTNER_ORGANISATION_CODE"), g("PCN_CODE"));
        if !self.codes(
            t,
            line,
            lenient,
            &[("Partner Organisation Code", practice), ("PCN Code", pcn)],
        )? {
            return Ok(());
        }
        let Some(from) = self.date(
            t,
            line,
            "relationship start date",
            g("PRACTICE_TO_PCN_RELATIONSHIP_START_DATE"),
            lenient,
        )?
        else {
            return Ok(());
        };
        let Some(to) = self.date(
            t,
            line,
            "relationship end date",
            g("PRACTICE_TO_PCN_RELATIONSHIP_END_DATE"),
            lenient,
        )?
        else {
            return Ok(());
        };
        self.memberships.push(Membership {
            practice: practice.to_owned(),
            pcn: pcn.to_owned(),
            from,
            to,
        });
        // The file names the practice and the PCN: a body known only from here is named so,
        // not by its code.
        for (code, name) in [
            (practice, t.opt(row, "PARTNER_NAME")),
            (pcn, t.opt(row, "PCN_NAME")),
        ] {
            if !name.is_empty() {
                self.member_names
                    .entry(code.to_owned())
                    .or_insert_with(|| tidy_name(name));
            }
        }
        self.seen(practice, line);
        self.seen(pcn, line);
        self.seen_membership(practice, pcn, line);
        Ok(())
    }
}
