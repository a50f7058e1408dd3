//! Wording shared by messages: articles, counts and populations.

/// `a` or `an`, whichever reads right before `word` ("an integrated care board", "an NHS
/// trust", "a GP practice").
pub fn article(word: &str) -> &'static str {
    let vowel = word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']);
    if vowel || word.starts_with("NHS") {
        "an"
    } else {
        "a"
    }
}

/// `1 footprint`, `2 footprints`, `1,024 footprints`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", people(n as u128), if n == 1 { one } else { many })
}

/// A population with thousands separators: `1,800,000`.
pub fn people(n: impl Into<u128>) -> String {
    let n: u128 = n.into();
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Items joined as a reader would list them: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{article, count, people};

    #[test]
    fn people_groups_thousands() {
        assert_eq!(people(0u64), "0");
        assert_eq!(people(999u64), "999");
        assert_eq!(people(1000u64), "1,000");
        assert_eq!(people(1_800_000u64), "1,800,000");
        assert_eq!(
            people(2 * u128::from(u64::MAX)),
            "36,893,488,147,419,103,230"
        );
    }

    #[test]
    fn counts_and_articles_read_right() {
        assert_eq!(count(1, "footprint", "footprints"), "1 footprint");
        assert_eq!(count(8_000, "footprint", "footprints"), "8,000 footprints");
        assert_eq!(article("integrated care board"), "an");
        assert_eq!(article("NHS trust"), "an");
        assert_eq!(article("GP practice"), "a");
    }
}
