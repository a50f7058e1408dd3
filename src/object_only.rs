//! Structs in the dataset format are JSON objects only.
//!
//! Serde's derived `Deserialize` for a struct also accepts an array of its fields in order, so
//! `["lsc", "Lancashire and South Cumbria", "system"]` would load as a footprint with its keys
//! silently guessed. The derive is therefore generated with `#[serde(remote = "Self")]` and the
//! trait implemented here, asking the format for a map instead of a struct.

use serde::de::{Deserializer, Visitor};

/// A deserializer that answers a request for a struct by asking for a map.
pub(crate) struct ObjectOnly<D>(pub D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// Implements `Serialize` and `Deserialize` for a struct whose derives carry
/// `#[serde(remote = "Self")]`, deserializing it from objects only.
macro_rules! object_only {
    ($($ty:ty),+ $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                <$ty>::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$ty>::deserialize($crate::object_only::ObjectOnly(deserializer))
            }
        }
    )+};
}

pub(crate) use object_only;
