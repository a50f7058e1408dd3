//! Calendar dates and validity periods.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (ISO 8601 `YYYY-MM-DD`), as used for validity periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date as one number that orders as the dates do: `year * 512 + month * 32 + day`.
    pub(crate) fn ordinal(self) -> u32 {
        (u32::from(self.year) << 9) | (u32::from(self.month) << 5) | u32::from(self.day)
    }

    /// The date whose [`Date::ordinal`] is `n` (never 0: every date has a day).
    pub(crate) fn from_ordinal(n: u32) -> Self {
        Self {
            year: (n >> 9) as u16,
            month: ((n >> 5) & 15) as u8,
            day: (n & 31) as u8,
        }
    }

    /// Makes a date, returning `None` when it does not exist (for example 2023-02-30).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Self { year, month, day })
    }

    /// Parses an ODS-style compact date, `YYYYMMDD`.
    pub fn parse_compact(s: &str) -> Option<Self> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Self::new(
            s[0..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..8].parse().ok()?,
        )
    }

    /// The date `days` days after 1970-01-01 (negative: before), or `None` outside years
    /// 1 to 9999. Turns a clock reading into a date without a time-zone library.
    pub fn from_unix_days(days: i64) -> Option<Self> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The day before, or `None` before 0001-01-01.
    pub fn pred(self) -> Option<Self> {
        if self.day > 1 {
            return Some(Self {
                day: self.day - 1,
                ..self
            });
        }
        if self.month > 1 {
            let month = self.month - 1;
            return Some(Self {
                month,
                day: days_in_month(self.year, month),
                ..self
            });
        }
        (self.year > 1).then(|| Self {
            year: self.year - 1,
            month: 12,
            day: 31,
        })
    }

    /// The day after, or `None` after 9999-12-31.
    pub fn succ(self) -> Option<Self> {
        if self.day < days_in_month(self.year, self.month) {
            return Some(Self {
                day: self.day + 1,
                ..self
            });
        }
        if self.month < 12 {
            return Some(Self {
                month: self.month + 1,
                day: 1,
                ..self
            });
        }
        (self.year < 9999).then(|| Self {
            year: self.year + 1,
            month: 1,
            day: 1,
        })
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The error for a string that is not an ISO 8601 calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a calendar date; expected YYYY-MM-DD, for example 2022-07-01")]
pub struct DateError(String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateError(s.to_owned());
        let b = s.as_bytes();
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || ![0, 1, 2, 3, 5, 6, 8, 9]
                .iter()
                .all(|&i| b[i].is_ascii_digit())
        {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u16>().map_err(|_| err());
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::new(year, month as u8, day as u8).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date, YYYY-MM-DD")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
                s.parse().map_err(E::custom)
            }

            // TOML has dates of its own (`expires = 2027-03-31`, unquoted), which reach serde
            // as a one-entry map holding the date's text.
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom("expected a date, YYYY-MM-DD"));
                };
                text.parse().map_err(|_| {
                    serde::de::Error::custom(format!(
                        "`{text}` is not a calendar date; expected YYYY-MM-DD with no time"
                    ))
                })
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-[0-9]{2}-[0-9]{2}(?![\\s\\S])",
            "description": "An ISO 8601 calendar date, YYYY-MM-DD, from 0001-01-01 to 9999-12-31.",
        })
    }
}

/// When an entity is in force, or when a finding holds: from `from` to `to`, both inclusive;
/// a missing end is open.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// The first day (inclusive); absent means since before the dataset's history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// The last day (inclusive); absent means still so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

impl Validity {
    /// Whether the period includes `date`.
    pub fn includes(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// Whether the period is empty because it ends before it starts.
    pub fn is_reversed(&self) -> bool {
        matches!((self.from, self.to), (Some(f), Some(t)) if t < f)
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (None, None) => f.write_str("at all times"),
            (Some(a), None) => write!(f, "from {a}"),
            (None, Some(b)) => write!(f, "until {b}"),
            (Some(a), Some(b)) => write!(f, "from {a} until {b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let d: Date = "2022-07-01".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2022, 7, 1));
        assert_eq!(d.to_string(), "2022-07-01");
        assert_eq!("2024-02-29".parse::<Date>().unwrap().day(), 29);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2023-02-30",
            "2023-02-29",
            "2022-13-01",
            "2022-00-10",
            "2022-7-1",
            "22-07-01",
            "2022/07/01",
            "+022-07-01",
            "0000-01-01",
            "",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2023-02-30"
            .parse::<Date>()
            .unwrap_err()
            .to_string()
            .contains("YYYY-MM-DD"));
    }

    #[test]
    fn compact_ods_dates() {
        assert_eq!(Date::parse_compact("20220701"), Date::new(2022, 7, 1));
        assert_eq!(Date::parse_compact("20230230"), None);
        assert_eq!(Date::parse_compact("2022071"), None);
    }

    #[test]
    fn succ_and_pred_cross_month_and_year_ends() {
        let d = Date::new(2022, 6, 30).unwrap();
        assert_eq!(d.succ(), Date::new(2022, 7, 1));
        assert_eq!(Date::new(2022, 7, 1).unwrap().pred(), Some(d));
        assert_eq!(
            Date::new(2023, 12, 31).unwrap().succ(),
            Date::new(2024, 1, 1)
        );
        assert_eq!(
            Date::new(2024, 3, 1).unwrap().pred(),
            Date::new(2024, 2, 29)
        );
    }

    #[test]
    fn unix_days_convert_to_civil_dates() {
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_unix_days(19_174), Date::new(2022, 7, 1));
        assert_eq!(Date::from_unix_days(19_417), Date::new(2023, 3, 1));
        assert_eq!(Date::from_unix_days(-1), Date::new(1969, 12, 31));
        assert_eq!(Date::from_unix_days(i64::MAX), None);
        // Every day of a leap cycle round-trips through succ.
        let mut d = Date::new(2000, 1, 1).unwrap();
        for n in 10_957..10_957 + 1461 {
            assert_eq!(Date::from_unix_days(n), Some(d));
            d = d.succ().unwrap();
        }
    }

    #[test]
    fn validity_is_inclusive_at_both_ends() {
        let v = Validity {
            from: Date::new(2018, 4, 1),
            to: Date::new(2022, 6, 30),
        };
        assert!(v.includes(Date::new(2022, 6, 30).unwrap()));
        assert!(!v.includes(Date::new(2022, 7, 1).unwrap()));
        assert!(v.includes(Date::new(2018, 4, 1).unwrap()));
        assert_eq!(v.to_string(), "from 2018-04-01 until 2022-06-30");
        assert!(Validity {
            from: Date::new(2022, 1, 2),
            to: Date::new(2022, 1, 1)
        }
        .is_reversed());
    }
}
