//! Whole numbers however JSON or YAML writes them: `100000`, `1e5`, `1.0e5` and `100000.0` are
//! the same number of people, as JSON Schema's `"type": "integer"` says. A fraction, a
//! negative number, text or a number beyond `u64` is refused, saying what was expected.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// 2^64, the first whole number a `u64` cannot hold, exactly representable as an `f64`.
const TWO_TO_THE_64: f64 = 18_446_744_073_709_551_616.0;

struct Whole;

impl<'de> Visitor<'de> for Whole {
    type Value = Option<u64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number of 0 or more")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v).map(Some).map_err(|_| {
            E::custom(format!(
                "{v} is negative; expected a whole number of 0 or more"
            ))
        })
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(too_large(v)))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        if v < 0 {
            return Err(E::custom(format!(
                "{v} is negative; expected a whole number of 0 or more"
            )));
        }
        u64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(too_large(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() || v.fract() != 0.0 {
            return Err(E::custom(format!(
                "{v} is not a whole number; expected a whole number of 0 or more"
            )));
        }
        // -0.0 is not below 0.0: it is the whole number 0.
        if v < 0.0 {
            return Err(E::custom(format!(
                "{v} is negative; expected a whole number of 0 or more"
            )));
        }
        if v >= TWO_TO_THE_64 {
            return Err(E::custom(too_large(v)));
        }
        // Whole, non-negative and below 2^64: the conversion is exact.
        Ok(Some(v as u64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Err(E::custom(format!(
            "the text {v:?} is not a number; expected a whole number of 0 or more, written without quotes"
        )))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(E::custom(format!(
            "{v} is not a number; expected a whole number of 0 or more"
        )))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(Whole)
    }
}

fn too_large(v: impl fmt::Display) -> String {
    format!(
        "{v} is too large; expected a whole number of at most {}",
        u64::MAX
    )
}

/// An optional whole number written as an integer or as a number with no fraction.
pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_option(Whole)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct P {
        #[serde(default, deserialize_with = "super::option")]
        population: Option<u64>,
    }

    fn read(json: &str) -> Result<Option<u64>, String> {
        serde_json::from_str::<P>(&format!("{{\"population\": {json}}}"))
            .map(|p| p.population)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn every_spelling_of_a_whole_number_is_that_number() {
        for text in [
            "100000",
            "1e5",
            "1E5",
            "1.0e5",
            "100000.0",
            "1E+5",
            "100000.00",
        ] {
            assert_eq!(read(text), Ok(Some(100_000)), "{text}");
        }
        assert_eq!(read("0"), Ok(Some(0)));
        assert_eq!(read("-0"), Ok(Some(0)));
        assert_eq!(read("-0.0"), Ok(Some(0)));
        assert_eq!(read("null"), Ok(None));
        assert_eq!(read("18446744073709551615"), Ok(Some(u64::MAX)));
    }

    #[test]
    fn fractions_negatives_text_and_huge_numbers_are_refused_in_words() {
        for (text, says) in [
            ("1.5", "not a whole number"),
            ("1e-5", "not a whole number"),
            ("-1", "negative"),
            ("-1.0", "negative"),
            ("18446744073709551616", "too large"),
            ("1e20", "too large"),
            ("\"5\"", "expected a whole number"),
            ("true", "expected a whole number"),
        ] {
            let e = read(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
