//! The footprints within each footprint, summed on any date in logarithmic time.
//!
//! A footprint whose children each begin on a different day changes on every one of those
//! days, and a rule that adds up the children at each change would cost the square of their
//! number. Here each parent's children are sorted once by the day they begin and the day
//! they end, with running totals: the children in force on a date are those begun by it less
//! those ended before it, two binary searches.

use crate::model::{Date, Model, Validity};

/// What the footprints within one footprint add up to on a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WithinTotals {
    /// How many are in force.
    pub count: u32,
    /// How many of those have no population.
    pub missing: u32,
    /// The populations of those that have one.
    pub sum: u128,
}

impl WithinTotals {
    fn add(self, pop: Option<u64>) -> Self {
        Self {
            count: self.count + 1,
            missing: self.missing + u32::from(pop.is_none()),
            sum: self.sum + u128::from(pop.unwrap_or(0)),
        }
    }

    fn minus(self, other: Self) -> Self {
        Self {
            count: self.count - other.count,
            missing: self.missing - other.missing,
            sum: self.sum - other.sum,
        }
    }
}

/// Per parent: children keyed by the day they begin and by the day they end, each list with
/// running totals (entry `k` holds the totals of the first `k` children).
pub(crate) struct ChildTotals {
    start: Vec<u32>,
    begins: Vec<i64>,
    begun: Vec<WithinTotals>,
    ends: Vec<i64>,
    ended: Vec<WithinTotals>,
    /// Every child, whatever its dates: the answer when the model is read as undated.
    all: Vec<WithinTotals>,
}

fn key(d: Option<Date>, open: i64) -> i64 {
    d.map_or(open, |d| i64::from(d.ordinal()))
}

impl ChildTotals {
    /// Built from each parent's children (`children(p)`) and each footprint's effective
    /// validity.
    pub(crate) fn build<'a>(
        model: &Model,
        validity: &[Validity],
        children: impl Fn(u32) -> &'a [u32],
    ) -> Self {
        let n = model.footprints.len();
        let pop = |c: u32| model.footprints[c as usize].population;
        let mut start = Vec::with_capacity(n + 1);
        let (mut begins, mut begun, mut ends, mut ended) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut all = Vec::with_capacity(n);
        let mut list: Vec<(i64, u32)> = Vec::new();
        start.push(0);
        for p in 0..n as u32 {
            let kids = children(p);
            all.push(
                kids.iter()
                    .fold(WithinTotals::default(), |t, &c| t.add(pop(c))),
            );
            // A child whose period ends before it starts is never in force on any date.
            let dated = || {
                kids.iter()
                    .copied()
                    .filter(|&c| !validity[c as usize].is_reversed())
            };
            for (keys, totals, by) in [
                (&mut begins, &mut begun, true),
                (&mut ends, &mut ended, false),
            ] {
                list.clear();
                list.extend(dated().map(|c| {
                    let v = validity[c as usize];
                    let k = if by {
                        key(v.from, i64::MIN)
                    } else {
                        key(v.to, i64::MAX)
                    };
                    (k, c)
                }));
                list.sort_unstable();
                let mut t = WithinTotals::default();
                totals.push(t);
                for &(k, c) in &list {
                    keys.push(k);
                    t = t.add(pop(c));
                    totals.push(t);
                }
            }
            start.push(u32::try_from(begins.len()).unwrap_or(u32::MAX));
        }
        Self {
            start,
            begins,
            begun,
            ends,
            ended,
            all,
        }
    }

    /// The totals of the children of `parent` in force on `date` (every child when `None`).
    pub(crate) fn on(&self, parent: u32, date: Option<Date>) -> WithinTotals {
        let p = parent as usize;
        let Some(date) = date else {
            return self.all[p];
        };
        let d = i64::from(date.ordinal());
        let (s, e) = (self.start[p] as usize, self.start[p + 1] as usize);
        // Running totals have one more entry per parent than keys: entry 0 is empty.
        let begun = self.begins[s..e].partition_point(|&k| k <= d);
        let ended = self.ends[s..e].partition_point(|&k| k < d);
        self.begun[s + p + begun].minus(self.ended[s + p + ended])
    }
}
