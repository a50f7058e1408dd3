//! Registered patient counts (NHS England).

use super::*;

impl Builder {
    /// Patients registered at a GP practice: per practice, or totals per organisation (NHS England, monthly).
    pub(super) fn read_counts(&mut self, r: Row<'_>) -> Result<(), Error> {
        let Row { t, line, row, o } = r;
        let lenient = o.lenient;
        let g = |c: &str| t.get(row, c);
        if !g("SEX").eq_ignore_ascii_case("ALL") || !g("AGE").eq_ignore_ascii_case("ALL") {
            return Ok(());
        }
        let n = match g("NUMBER_OF_PATIENTS").parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                let v = g("NUMBER_OF_PATIENTS").to_owned();
                self.bad_row(
                    t,
                    line,
                    format!("NUMBER_OF_PATIENTS `{v}` is not a whole number"),
                    lenient,
                )?;
                return Ok(());
            }
        };
        if t.kind == FileKind::PracticePatients {
            let code = g("CODE");
            if self.code(t, line, "CODE", code, lenient)? {
                if let Some(&before) = self.patients.get(code).filter(|&&b| b != n) {
                    // Two different counts for one practice: keep the first, say so.
                    self.bad_row(
                        t,
                        line,
                        format!("practice {code} has a second count of registered patients, {n}, where an earlier row gave {before}"),
                        lenient,
                    )?;
                    return Ok(());
                }
                self.patients.insert(code.to_owned(), n);
            }
        } else {
            let kind = normalise_org_type(g("ORG_TYPE"));
            let key = (kind, g("ORG_CODE").to_owned());
            if let Some(&before) = self.totals.get(&key).filter(|&&b| b != n) {
                let (kind, code) = (g("ORG_TYPE").to_owned(), g("ORG_CODE").to_owned());
                self.bad_row(
                    t,
                    line,
                    format!("{kind} {code} has a second total of registered patients, {n}, where an earlier row gave {before}"),
                    lenient,
                )?;
                return Ok(());
            }
            self.totals.insert(key, n);
        }
        Ok(())
    }
}
