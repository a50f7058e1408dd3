//! The typed domain: footprints, bodies and the relationships between them.
//!
//! A [`Model`] is three flat lists keyed by id, as in the dataset format, so that each entity
//! has a short JSON Pointer (`/bodies/3`) and a million bodies load in one pass.

mod date;
mod governance;
mod id;
mod kinds;
mod strict;
pub(crate) mod whole;

pub use date::{Date, DateError, Validity};
pub use governance::{Membership, Person, Remit, Role};
pub use id::{check_id, BodyId, FootprintId, InvalidId, PersonId, ID_PATTERN, MAX_ID_LEN};
pub use kinds::{
    BoardRecord, BodyKind, Function, Placement, RelationshipKind, Service, Standing, Tier,
};

use serde::{Deserialize, Serialize};

use crate::object_only::object_only;

object_only!(Footprint, Body, Relationship, Model, Person, Membership);

/// A name: text that is kept inline when it is short (up to 24 bytes), as most names of
/// practices, PCNs and places are. It reads and compares as a `&str`.
pub type Name = compact_str::CompactString;

/// Free-form data kept verbatim alongside an entity: anything the format has no field for.
/// Boxed, so that entities without extensions (nearly all) stay small.
pub type Extensions = Box<serde_json::Map<String, serde_json::Value>>;

/// An area of an integrated care system at one tier, with the population it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Footprint {
    /// Unique identifier, shared namespace with bodies (for example `lsc` or `E54000048`).
    pub id: FootprintId,
    /// The footprint's name (for example `Morecambe Bay`).
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub name: Name,
    /// The tier: `system`, `place` or `neighbourhood`.
    pub tier: Tier,
    /// Number of people the footprint serves (residents or registered patients): a whole
    /// number, however it is written (`100000`, `1e5` and `100000.0` are the same).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "whole::option"
    )]
    #[cfg_attr(feature = "schemars", schemars(range(max = u64::MAX)))]
    pub population: Option<u64>,
    /// The footprint this one sits within: a place within a system, a neighbourhood within a
    /// place. A system sits within nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<FootprintId>,
    /// First day the footprint is in force (inclusive); absent means open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Last day the footprint is in force (inclusive); absent means still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// Anything else about the footprint, kept verbatim and never checked.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::extensions"
    )]
    pub extensions: Option<Extensions>,
}

impl Footprint {
    /// A footprint with no population, parent, dates or extensions.
    pub fn new(id: FootprintId, name: impl Into<String>, tier: Tier) -> Self {
        Self {
            id,
            name: Name::from(name.into()),
            tier,
            population: None,
            within: None,
            valid_from: None,
            valid_to: None,
            extensions: None,
        }
    }

    /// When the footprint is in force.
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.valid_from,
            to: self.valid_to,
        }
    }
}

/// An organisation, committee or partnership that takes part in governing a system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Body {
    /// Unique identifier, shared namespace with footprints (an ODS code such as `QE1` where
    /// there is one).
    pub id: BodyId,
    /// The body's name (for example `NHS Lancashire and South Cumbria ICB`).
    #[cfg_attr(feature = "schemars", schemars(with = "String"))]
    pub name: Name,
    /// What kind of body it is; its standing in law follows from the kind.
    pub kind: BodyKind,
    /// The footprint the body covers, if it has one (national bodies have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footprint: Option<FootprintId>,
    /// First day the body exists (inclusive); absent means open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Last day the body exists (inclusive); absent means it still exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// For a trust: the kinds of service it provides (acute, mental health, community,
    /// ambulance, specialist), as far as they are known. NHS England expects every trust
    /// providing acute or mental health services to be in a provider collaborative (ICS210).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// For a committee: what it is for (`audit`, `remuneration`, ...). NHS England's
    /// constitution guidance has every ICB keep an audit and a remuneration committee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remit: Option<crate::model::Remit>,
    /// For an ICB whose board seats the dataset records: whether the record is `complete`
    /// (the default) or `partial`. A partial record is checked for what it says (who
    /// appointed and nominated whom, who chairs what) but not for what it leaves out (an
    /// empty seat, a missing committee), which it cannot show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board_record: Option<BoardRecord>,
    /// Anything else about the body, kept verbatim; only an ICB's or sub-ICB location's `ons_code` is checked (ICS004).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::extensions"
    )]
    pub extensions: Option<Extensions>,
}

impl Body {
    /// A body with no footprint, dates or extensions.
    pub fn new(id: BodyId, name: impl Into<String>, kind: BodyKind) -> Self {
        Self {
            id,
            name: Name::from(name.into()),
            kind,
            footprint: None,
            valid_from: None,
            valid_to: None,
            services: Vec::new(),
            remit: None,
            board_record: None,
            extensions: None,
        }
    }

    /// The body's standing in law, from its kind.
    pub fn standing(&self) -> Standing {
        self.kind.standing()
    }

    /// When the body exists.
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.valid_from,
            to: self.valid_to,
        }
    }
}

/// A typed, directed and optionally dated relationship between two bodies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Relationship {
    /// What the relationship says, read `from` → `to`.
    pub kind: RelationshipKind,
    /// The id of the body the relationship starts from.
    pub from: BodyId,
    /// The id of the body the relationship points to.
    pub to: BodyId,
    /// For `delegates_to`: the function delegated (`primary_medical_services`, ...), from
    /// the catalogue of delegable and reserved functions. Absent when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<Function>,
    /// First day the relationship is in force (inclusive); absent means open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Last day the relationship is in force (inclusive); absent means still in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// Anything else about the relationship, kept verbatim and never checked.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::extensions"
    )]
    pub extensions: Option<Extensions>,
}

impl Relationship {
    /// An undated relationship.
    pub fn new(kind: RelationshipKind, from: BodyId, to: BodyId) -> Self {
        Self {
            kind,
            from,
            to,
            function: None,
            valid_from: None,
            valid_to: None,
            extensions: None,
        }
    }

    /// When the relationship is in force.
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.valid_from,
            to: self.valid_to,
        }
    }
}

/// A dataset describing the governance of one or more integrated care systems.
///
/// Besides what this schema says, icsgov's loader refuses a duplicate key in any object, and
/// by default nesting deeper than 128 levels, inputs over 1 GiB and more than 20 million
/// entities (`icsgov::Limits`); icsgov's rules then check what no schema can (references,
/// tiers, dates, the law). A lone UTF-16 surrogate escape such as `\ud800` is not text in
/// JSON and is refused.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Model {
    /// The JSON Schema the dataset is written against, for editors; kept and not checked.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A name for the dataset (for example `Lancashire and South Cumbria`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The areas at system, place and neighbourhood tiers.
    #[serde(default)]
    pub footprints: Vec<Footprint>,
    /// The organisations, committees and partnerships.
    #[serde(default)]
    pub bodies: Vec<Body>,
    /// The typed relationships between bodies.
    #[serde(default)]
    pub relationships: Vec<Relationship>,
    /// The people who hold seats on boards and committees: an id and a name each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// The seats people hold on boards and committees, dated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<Membership>,
    /// Anything else about the dataset, kept verbatim and never checked.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "strict::extensions"
    )]
    pub extensions: Option<Extensions>,
}

impl Model {
    /// The model as YAML.
    ///
    /// # Errors
    /// Never for a model the library built; the YAML writer's error otherwise.
    pub fn to_yaml_string(&self) -> Result<String, crate::Error> {
        serde_saphyr::to_string(self).map_err(|e| {
            crate::Error::new(crate::ErrorKind::Data, format!("cannot write YAML: {e}"))
        })
    }

    /// The model as pretty-printed JSON, two-space indented, with a final newline.
    pub fn to_json_string(&self) -> String {
        // A model holds only strings, integers, dates and JSON values: serialising cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
