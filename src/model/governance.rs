//! People, their seats on boards and committees, committees' remits and the functions one
//! body delegates to another.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{BodyId, Date, Extensions, PersonId, Validity};

/// A person who sits on a board or committee: an id and a name, and no other personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Person {
    /// Unique identifier, shared namespace with footprints and bodies (for example
    /// `lsc-chair-david-flory`).
    pub id: PersonId,
    /// The person's name as the body publishes it (for example `David Flory`).
    pub name: String,
    /// Anything else about the person, kept verbatim and never checked. Record no more
    /// personal data than the body itself publishes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::strict::extensions"
    )]
    pub extensions: Option<Extensions>,
}

/// A seat held by one person on one body's board, or on a committee, for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Membership {
    /// The id of the person who holds the seat.
    pub person: PersonId,
    /// The seat: `chair`, `chief_executive`, `partner_member_trusts`, ...
    pub role: Role,
    /// The id of the body whose board the seat is on (an ICB), or of the committee.
    pub body: BodyId,
    /// For a partner member: the bodies that nominated them (for example the trusts of the
    /// area, jointly). Empty when not recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nominated_by: Vec<BodyId>,
    /// The body that appointed the person: NHS England for an ICB's chair; the ICB itself
    /// (by its chair) for its chief executive and other members. Absent when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointed_by: Option<BodyId>,
    /// First day the person holds the seat (inclusive); absent means open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Last day the person holds the seat (inclusive); absent means they still hold it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// Anything else about the seat (a source, an interim appointment), kept verbatim and
    /// never checked.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::strict::extensions"
    )]
    pub extensions: Option<Extensions>,
}

impl Membership {
    /// An undated seat with no nominating or appointing body.
    pub fn new(person: PersonId, role: Role, body: BodyId) -> Self {
        Self {
            person,
            role,
            body,
            nominated_by: Vec::new(),
            appointed_by: None,
            valid_from: None,
            valid_to: None,
            extensions: None,
        }
    }

    /// When the person holds the seat.
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.valid_from,
            to: self.valid_to,
        }
    }
}

/// A seat on a board or committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// The chair: of an ICB, appointed by NHS England with the Secretary of State's approval
    /// (NHS Act 2006 Sch 1B para 4); of a committee, its chair.
    Chair,
    /// The chief executive of an ICB, appointed by the chair with NHS England's approval
    /// (Sch 1B para 5).
    ChiefExecutive,
    /// The partner member nominated jointly by the NHS trusts and foundation trusts that
    /// provide services in the ICB's area (Sch 1B para 3(2)(a), 6).
    PartnerMemberTrusts,
    /// The partner member nominated by the providers of primary medical services in the
    /// area (Sch 1B para 3(2)(b), 7).
    PartnerMemberPrimaryMedicalServices,
    /// The partner member nominated jointly by the local authorities whose areas coincide
    /// with or include any part of the ICB's area (Sch 1B para 3(2)(c), 8).
    PartnerMemberLocalAuthorities,
    /// A further partner member the constitution provides for (for example one for mental
    /// health services).
    PartnerMember,
    /// An independent non-executive member.
    NonExecutiveMember,
    /// The deputy chair: record it as a seat of its own beside the person's other seat.
    DeputyChair,
    /// The senior independent (non-executive) member: a seat of its own beside the person's
    /// other seat.
    SeniorNonExecutiveMember,
    /// The executive director of finance.
    DirectorOfFinance,
    /// The executive medical director.
    MedicalDirector,
    /// The executive director of nursing.
    DirectorOfNursing,
    /// Another executive member.
    ExecutiveMember,
    /// A member of a committee, or another member of a board.
    Member,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 14] = [
        Role::Chair,
        Role::ChiefExecutive,
        Role::PartnerMemberTrusts,
        Role::PartnerMemberPrimaryMedicalServices,
        Role::PartnerMemberLocalAuthorities,
        Role::PartnerMember,
        Role::NonExecutiveMember,
        Role::DeputyChair,
        Role::SeniorNonExecutiveMember,
        Role::DirectorOfFinance,
        Role::MedicalDirector,
        Role::DirectorOfNursing,
        Role::ExecutiveMember,
        Role::Member,
    ];

    /// Whether the seat is one of an ICB's ordinary members: any seat but the chair's and
    /// the chief executive's (Sch 1B para 3(1)).
    pub fn is_ordinary(self) -> bool {
        !matches!(self, Role::Chair | Role::ChiefExecutive)
    }

    /// Whether the seat is an executive one: the chief executive and the executive directors.
    pub fn is_executive(self) -> bool {
        matches!(
            self,
            Role::ChiefExecutive
                | Role::DirectorOfFinance
                | Role::MedicalDirector
                | Role::DirectorOfNursing
                | Role::ExecutiveMember
        )
    }

    /// The role as the dataset format writes it (`chief_executive`).
    pub fn key(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::ChiefExecutive => "chief_executive",
            Role::PartnerMemberTrusts => "partner_member_trusts",
            Role::PartnerMemberPrimaryMedicalServices => "partner_member_primary_medical_services",
            Role::PartnerMemberLocalAuthorities => "partner_member_local_authorities",
            Role::PartnerMember => "partner_member",
            Role::NonExecutiveMember => "non_executive_member",
            Role::DeputyChair => "deputy_chair",
            Role::SeniorNonExecutiveMember => "senior_non_executive_member",
            Role::DirectorOfFinance => "director_of_finance",
            Role::MedicalDirector => "medical_director",
            Role::DirectorOfNursing => "director_of_nursing",
            Role::ExecutiveMember => "executive_member",
            Role::Member => "member",
        }
    }

    /// The role in words, as used in messages (`partner member for the trusts`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::ChiefExecutive => "chief executive",
            Role::PartnerMemberTrusts => "partner member for NHS trusts and foundation trusts",
            Role::PartnerMemberPrimaryMedicalServices => {
                "partner member for providers of primary medical services"
            }
            Role::PartnerMemberLocalAuthorities => "partner member for local authorities",
            Role::PartnerMember => "partner member",
            Role::NonExecutiveMember => "non-executive member",
            Role::DeputyChair => "deputy chair",
            Role::SeniorNonExecutiveMember => "senior non-executive member",
            Role::DirectorOfFinance => "director of finance",
            Role::MedicalDirector => "medical director",
            Role::DirectorOfNursing => "director of nursing",
            Role::ExecutiveMember => "executive member",
            Role::Member => "member",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a committee is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Remit {
    /// Audit: every ICB has one (Sch 1B para 16 as the constitution guidance reads it).
    Audit,
    /// Remuneration: every ICB has one.
    Remuneration,
    /// Quality and safety.
    Quality,
    /// Finance and performance.
    Finance,
    /// Commissioning of primary care (medical, pharmacy, optometry, dental).
    PrimaryCareCommissioning,
    /// Anything else.
    Other,
}

impl Remit {
    /// The remit as the dataset format writes it (`primary_care_commissioning`).
    pub fn key(self) -> &'static str {
        match self {
            Remit::Audit => "audit",
            Remit::Remuneration => "remuneration",
            Remit::Quality => "quality",
            Remit::Finance => "finance",
            Remit::PrimaryCareCommissioning => "primary_care_commissioning",
            Remit::Other => "other",
        }
    }

    /// The remit in words, as used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Remit::Audit => "audit",
            Remit::Remuneration => "remuneration",
            Remit::Quality => "quality",
            Remit::Finance => "finance",
            Remit::PrimaryCareCommissioning => "primary care commissioning",
            Remit::Other => "other",
        }
    }
}

impl fmt::Display for Remit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
