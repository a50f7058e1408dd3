//! Tiers, kinds of body, standings and kinds of relationship.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The tier of an integrated care system a footprint belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The whole integrated care system: the area of one integrated care board (about 500,000
    /// to 3 million people).
    System,
    /// A place within a system, usually a local authority area (sized locally: no national range).
    Place,
    /// A neighbourhood within a place, usually a primary care network (30,000 to 50,000).
    Neighbourhood,
}

impl Tier {
    /// Every tier, from the widest.
    pub const ALL: [Tier; 3] = [Tier::System, Tier::Place, Tier::Neighbourhood];

    /// The tier a footprint of this tier must sit within, if any.
    pub fn parent(self) -> Option<Tier> {
        match self {
            Tier::System => None,
            Tier::Place => Some(Tier::System),
            Tier::Neighbourhood => Some(Tier::Place),
        }
    }

    /// The tier's name in lower case, as used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::System => "system",
            Tier::Place => "place",
            Tier::Neighbourhood => "neighbourhood",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind of service a trust provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Service {
    /// Acute hospital services.
    Acute,
    /// Mental health services.
    MentalHealth,
    /// Community health services.
    Community,
    /// Ambulance services.
    Ambulance,
    /// Specialist services (a specialist trust).
    Specialist,
}

impl Service {
    /// The service in words, as used in messages (`mental health`).
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Acute => "acute",
            Service::MentalHealth => "mental health",
            Service::Community => "community",
            Service::Ambulance => "ambulance",
            Service::Specialist => "specialist",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of organisation or partnership a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BodyKind {
    /// NHS England: sets aims, approves ICB constitutions and holds ICBs to account (national).
    NhsEngland,
    /// One of NHS England's seven regions; ICBs sit in one region (ODS "is a sub-division of").
    NhsEnglandRegion,
    /// The NHS Trust Development Authority, to which NHS trusts answered until it was
    /// abolished on 1 July 2022 (Health and Care Act 2022 s36) (historical).
    NhsTrustDevelopmentAuthority,
    /// Monitor, the regulator of NHS foundation trusts until it was abolished on 1 July 2022
    /// (Health and Care Act 2022 s33) (historical).
    Monitor,
    /// The Care Quality Commission, which reviews integrated care systems (HSCA 2008 s46B).
    CareQualityCommission,
    /// An integrated care board, the statutory NHS body of a system (NHS Act 2006 Sch 1B).
    IntegratedCareBoard,
    /// An integrated care partnership: joint committee of the ICB and its local authorities
    /// (LGPIHA 2007 s116ZA).
    IntegratedCarePartnership,
    /// A county council of a two-tier area (ONS `E10` code): a responsible local authority
    /// (LGPIHA 2007 s103), with social care functions.
    CountyCouncil,
    /// A unitary authority (ONS `E06` code), including the Council of the Isles of Scilly: a
    /// responsible local authority.
    UnitaryAuthority,
    /// A metropolitan district council (ONS `E08` code): a responsible local authority.
    MetropolitanDistrictCouncil,
    /// A London borough council or the Common Council of the City of London (ONS `E09` code):
    /// a responsible local authority.
    LondonBoroughCouncil,
    /// A district council of a two-tier area (ONS `E07` code): a local authority, but not a
    /// responsible one; the county council above it has the social care functions.
    DistrictCouncil,
    /// A health and wellbeing board: a statutory committee of one local authority (HSCA 2012 s194).
    HealthAndWellbeingBoard,
    /// An NHS trust (acute, mental health, community or ambulance services).
    NhsTrust,
    /// An NHS foundation trust.
    NhsFoundationTrust,
    /// A joint committee of two or more of NHS England, ICBs, NHS trusts, foundation trusts
    /// and local authorities, exercising functions jointly (NHS Act 2006 s65Z6).
    JointCommittee,
    /// A provider collaborative of at least two trusts (NHS England policy).
    ProviderCollaborative,
    /// A place-based partnership: locally defined, no statute.
    PlaceBasedPartnership,
    /// A primary care network of GP practices (Network DES contract).
    PrimaryCareNetwork,
    /// A GP practice, a provider under contract.
    GpPractice,
    /// A sub-ICB location: the old CCG code and boundary kept as a reporting geography of an ICB.
    SubIcbLocation,
    /// A clinical commissioning group (historical: abolished 30 June 2022).
    ClinicalCommissioningGroup,
    /// A joint committee of CCGs to which CCGs referred decisions (historical).
    JointCommitteeOfCcgs,
    /// A sustainability and transformation partnership or shadow ICS (historical: integrated
    /// care systems were introduced from 2018 and covered England by April 2021).
    SustainabilityAndTransformationPartnership,
    /// The Department of Health and Social Care. The government announced in March 2025 that
    /// NHS England is to be abolished and its functions brought into the department; until
    /// legislation sets the date, a policy names the successor and the day
    /// (`nhs_england_successor`).
    DepartmentOfHealthAndSocialCare,
    /// A committee or sub-committee of one body, exercising functions on its behalf (an ICB's
    /// audit committee; NHS Act 2006 Sch 1B). It is a `committee_of` its body and accountable
    /// to it.
    Committee,
    /// Committees in common: committees of several bodies meeting together, each deciding for
    /// its own body. Not a body in law; each member committee remains its own body's.
    CommitteesInCommon,
}

/// What standing in law a body has; it follows from the body's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// A body created by statute (NHS England, an ICB, a trust, a local authority).
    StatutoryBody,
    /// A committee created by statute (an ICP, a health and wellbeing board, a joint committee
    /// of CCGs).
    StatutoryCommittee,
    /// A partnership without statutory standing (a provider collaborative, a place-based
    /// partnership, a primary care network).
    Partnership,
    /// A part of a statutory body with no standing of its own (an NHS England region, a sub-ICB
    /// location).
    PartOfStatutoryBody,
    /// A provider under contract (a GP practice).
    ContractedProvider,
}

impl Standing {
    /// Whether bodies of this standing exist in statute (a statutory body or committee).
    pub fn is_statutory(self) -> bool {
        matches!(self, Standing::StatutoryBody | Standing::StatutoryCommittee)
    }

    /// The standing's name in lower case, as used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::StatutoryBody => "statutory body",
            Standing::StatutoryCommittee => "statutory committee",
            Standing::Partnership => "partnership",
            Standing::PartOfStatutoryBody => "part of a statutory body",
            Standing::ContractedProvider => "contracted provider",
        }
    }
}

impl fmt::Display for Standing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which footprint tiers a kind of body may sit on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// National or regional: the body has no footprint.
    NoFootprint,
    /// The body, if it names a footprint, sits on one of these tiers.
    Tiers(&'static [Tier]),
    /// Any tier, or none (a local authority has its own geography).
    Any,
}

impl BodyKind {
    /// Every kind of body.
    pub const ALL: [BodyKind; 27] = [
        BodyKind::NhsEngland,
        BodyKind::NhsEnglandRegion,
        BodyKind::NhsTrustDevelopmentAuthority,
        BodyKind::Monitor,
        BodyKind::CareQualityCommission,
        BodyKind::IntegratedCareBoard,
        BodyKind::IntegratedCarePartnership,
        BodyKind::CountyCouncil,
        BodyKind::UnitaryAuthority,
        BodyKind::MetropolitanDistrictCouncil,
        BodyKind::LondonBoroughCouncil,
        BodyKind::DistrictCouncil,
        BodyKind::HealthAndWellbeingBoard,
        BodyKind::NhsTrust,
        BodyKind::NhsFoundationTrust,
        BodyKind::JointCommittee,
        BodyKind::ProviderCollaborative,
        BodyKind::PlaceBasedPartnership,
        BodyKind::PrimaryCareNetwork,
        BodyKind::GpPractice,
        BodyKind::SubIcbLocation,
        BodyKind::ClinicalCommissioningGroup,
        BodyKind::JointCommitteeOfCcgs,
        BodyKind::SustainabilityAndTransformationPartnership,
        BodyKind::DepartmentOfHealthAndSocialCare,
        BodyKind::Committee,
        BodyKind::CommitteesInCommon,
    ];

    /// The body's standing in law, which follows from its kind.
    pub fn standing(self) -> Standing {
        use BodyKind::*;
        match self {
            NhsEngland
            | DepartmentOfHealthAndSocialCare
            | NhsTrustDevelopmentAuthority
            | Monitor
            | CareQualityCommission
            | IntegratedCareBoard
            | CountyCouncil
            | UnitaryAuthority
            | MetropolitanDistrictCouncil
            | LondonBoroughCouncil
            | DistrictCouncil
            | NhsTrust
            | NhsFoundationTrust
            | ClinicalCommissioningGroup => Standing::StatutoryBody,
            IntegratedCarePartnership
            | HealthAndWellbeingBoard
            | JointCommittee
            | JointCommitteeOfCcgs => Standing::StatutoryCommittee,
            ProviderCollaborative
            | PlaceBasedPartnership
            | PrimaryCareNetwork
            | SustainabilityAndTransformationPartnership => Standing::Partnership,
            NhsEnglandRegion | SubIcbLocation | Committee => Standing::PartOfStatutoryBody,
            CommitteesInCommon => Standing::Partnership,
            GpPractice => Standing::ContractedProvider,
        }
    }

    /// Whether bodies of this kind belong to the structure before 1 July 2022 only.
    pub fn is_historical(self) -> bool {
        matches!(
            self,
            BodyKind::ClinicalCommissioningGroup
                | BodyKind::JointCommitteeOfCcgs
                | BodyKind::SustainabilityAndTransformationPartnership
                | BodyKind::NhsTrustDevelopmentAuthority
                | BodyKind::Monitor
        )
    }

    /// Whether the body is a local authority of any tier, district councils included.
    pub fn is_local_authority(self) -> bool {
        use BodyKind::*;
        matches!(
            self,
            CountyCouncil
                | UnitaryAuthority
                | MetropolitanDistrictCouncil
                | LondonBoroughCouncil
                | DistrictCouncil
        )
    }

    /// Whether the body is a responsible local authority (LGPIHA 2007 s103): a county
    /// council, unitary authority, metropolitan district or London borough council, the
    /// council with social care functions. A district council in a two-tier area is not.
    pub fn is_responsible_local_authority(self) -> bool {
        self.is_local_authority() && self != BodyKind::DistrictCouncil
    }

    /// Whether the body is a trust (NHS trust or foundation trust).
    pub fn is_trust(self) -> bool {
        matches!(self, BodyKind::NhsTrust | BodyKind::NhsFoundationTrust)
    }

    /// Which footprint tiers a body of this kind may sit on (the body table of docs/domain.md).
    pub fn placement(self) -> Placement {
        use BodyKind::*;
        match self {
            NhsEngland
            | CareQualityCommission
            | NhsEnglandRegion
            | NhsTrustDevelopmentAuthority
            | Monitor
            | DepartmentOfHealthAndSocialCare => Placement::NoFootprint,
            IntegratedCareBoard
            | IntegratedCarePartnership
            | JointCommittee
            | ProviderCollaborative
            | JointCommitteeOfCcgs
            | SustainabilityAndTransformationPartnership => Placement::Tiers(&[Tier::System]),
            NhsTrust | NhsFoundationTrust => Placement::Tiers(&[Tier::System]),
            PlaceBasedPartnership => Placement::Tiers(&[Tier::Place]),
            // A board covers its authority's area, which may lie in two systems (Cumbria).
            HealthAndWellbeingBoard => Placement::Any,
            SubIcbLocation | ClinicalCommissioningGroup => {
                Placement::Tiers(&[Tier::System, Tier::Place])
            }
            PrimaryCareNetwork | GpPractice => Placement::Tiers(&[Tier::Neighbourhood]),
            CountyCouncil
            | UnitaryAuthority
            | MetropolitanDistrictCouncil
            | LondonBoroughCouncil
            | DistrictCouncil => Placement::Any,
            // A committee covers what its body covers.
            Committee | CommitteesInCommon => Placement::Any,
        }
    }

    /// The kind as the dataset format writes it (`nhs_england`); `str::parse` reads it back.
    pub fn key(self) -> &'static str {
        use BodyKind::*;
        match self {
            NhsEngland => "nhs_england",
            NhsEnglandRegion => "nhs_england_region",
            NhsTrustDevelopmentAuthority => "nhs_trust_development_authority",
            Monitor => "monitor",
            DepartmentOfHealthAndSocialCare => "department_of_health_and_social_care",
            CareQualityCommission => "care_quality_commission",
            IntegratedCareBoard => "integrated_care_board",
            IntegratedCarePartnership => "integrated_care_partnership",
            CountyCouncil => "county_council",
            UnitaryAuthority => "unitary_authority",
            MetropolitanDistrictCouncil => "metropolitan_district_council",
            LondonBoroughCouncil => "london_borough_council",
            DistrictCouncil => "district_council",
            HealthAndWellbeingBoard => "health_and_wellbeing_board",
            NhsTrust => "nhs_trust",
            NhsFoundationTrust => "nhs_foundation_trust",
            JointCommittee => "joint_committee",
            ProviderCollaborative => "provider_collaborative",
            PlaceBasedPartnership => "place_based_partnership",
            PrimaryCareNetwork => "primary_care_network",
            GpPractice => "gp_practice",
            SubIcbLocation => "sub_icb_location",
            ClinicalCommissioningGroup => "clinical_commissioning_group",
            JointCommitteeOfCcgs => "joint_committee_of_ccgs",
            SustainabilityAndTransformationPartnership => {
                "sustainability_and_transformation_partnership"
            }
            Committee => "committee",
            CommitteesInCommon => "committees_in_common",
        }
    }

    /// The kind's name in lower case, as used in messages ("integrated care board").
    pub fn as_str(self) -> &'static str {
        use BodyKind::*;
        match self {
            NhsEngland => "NHS England",
            NhsEnglandRegion => "NHS England region",
            CareQualityCommission => "Care Quality Commission",
            IntegratedCareBoard => "integrated care board",
            IntegratedCarePartnership => "integrated care partnership",
            NhsTrustDevelopmentAuthority => "NHS Trust Development Authority",
            Monitor => "Monitor",
            DepartmentOfHealthAndSocialCare => "Department of Health and Social Care",
            CountyCouncil => "county council",
            UnitaryAuthority => "unitary authority",
            MetropolitanDistrictCouncil => "metropolitan district council",
            LondonBoroughCouncil => "London borough council",
            DistrictCouncil => "district council",
            JointCommittee => "joint committee",
            HealthAndWellbeingBoard => "health and wellbeing board",
            NhsTrust => "NHS trust",
            NhsFoundationTrust => "NHS foundation trust",
            ProviderCollaborative => "provider collaborative",
            PlaceBasedPartnership => "place-based partnership",
            PrimaryCareNetwork => "primary care network",
            GpPractice => "GP practice",
            SubIcbLocation => "sub-ICB location",
            ClinicalCommissioningGroup => "clinical commissioning group",
            JointCommitteeOfCcgs => "joint committee of CCGs",
            SustainabilityAndTransformationPartnership => {
                "sustainability and transformation partnership"
            }
            Committee => "committee",
            CommitteesInCommon => "committees in common",
        }
    }
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a relationship says about its two bodies, read `from` → `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelationshipKind {
    /// `from` approves the constitution of `to`: NHS England → ICB (NHS Act 2006 s14Z25).
    ApprovesConstitution,
    /// `from` is accountable to `to`: ICB → NHS England; trust → its regulator or commissioner
    /// (NHS Act 2006 s14Z59).
    AccountableTo,
    /// `from` assesses or reviews `to`: CQC → the ICB of a system (HSCA 2008 s46B); NHS England
    /// → ICB (s14Z59).
    Reviews,
    /// `from` convenes `to`: the ICB and each responsible local authority → the ICP
    /// (LGPIHA 2007 s116ZA).
    Convenes,
    /// `from` delegates functions to `to`: NHS England → ICB; ICB → committee or place.
    DelegatesTo,
    /// `from` commissions services from `to`: ICB → trust or practice.
    Commissions,
    /// `from` is a member of `to`: trust → provider collaborative; practice → PCN; ICB →
    /// health and wellbeing board (HSCA 2012 s194).
    MemberOf,
    /// `from` influences `to` without holding it to account: ICP → ICB; place-based
    /// partnership → ICB.
    Influences,
    /// `from` is part of, or a sub-division of, `to`: region → NHS England; ICB → region;
    /// sub-ICB location → ICB (ODS).
    PartOf,
    /// `from` refers decisions to `to`: CCG → joint committee of CCGs (historical).
    RefersDecisionsTo,
    /// `from` is succeeded by `to`: CCG → ICB; Cumbria County Council → Westmorland and
    /// Furness Council (establishment orders).
    SucceededBy,
    /// `from`'s area lies, wholly or in part, in `to`'s area: a local authority → each ICB
    /// whose area it overlaps (ONS lookups).
    LiesIn,
    /// `from` and `to` are clustered: ICBs sharing a chair or chief executive and a
    /// leadership team while each remains a body in law. Not a succession: both go on.
    ClusteredWith,
    /// `from` is a committee or sub-committee of `to`: an ICB's audit committee → the ICB; a
    /// sub-committee → its committee.
    CommitteeOf,
}

impl RelationshipKind {
    /// Every kind of relationship.
    pub const ALL: [RelationshipKind; 14] = [
        RelationshipKind::ApprovesConstitution,
        RelationshipKind::AccountableTo,
        RelationshipKind::Reviews,
        RelationshipKind::Convenes,
        RelationshipKind::DelegatesTo,
        RelationshipKind::Commissions,
        RelationshipKind::MemberOf,
        RelationshipKind::Influences,
        RelationshipKind::PartOf,
        RelationshipKind::RefersDecisionsTo,
        RelationshipKind::SucceededBy,
        RelationshipKind::LiesIn,
        RelationshipKind::ClusteredWith,
        RelationshipKind::CommitteeOf,
    ];

    /// The kind as the dataset format writes it (`approves_constitution`); `str::parse` reads it back.
    pub fn key(self) -> &'static str {
        use RelationshipKind::*;
        match self {
            ApprovesConstitution => "approves_constitution",
            AccountableTo => "accountable_to",
            Reviews => "reviews",
            Convenes => "convenes",
            DelegatesTo => "delegates_to",
            Commissions => "commissions",
            MemberOf => "member_of",
            Influences => "influences",
            PartOf => "part_of",
            RefersDecisionsTo => "refers_decisions_to",
            SucceededBy => "succeeded_by",
            LiesIn => "lies_in",
            ClusteredWith => "clustered_with",
            CommitteeOf => "committee_of",
        }
    }

    /// The relationship as a verb phrase, as used in messages ("is accountable to").
    pub fn as_str(self) -> &'static str {
        use RelationshipKind::*;
        match self {
            ApprovesConstitution => "approves the constitution of",
            AccountableTo => "is accountable to",
            Reviews => "reviews",
            Convenes => "convenes",
            DelegatesTo => "delegates to",
            Commissions => "commissions",
            MemberOf => "is a member of",
            Influences => "influences",
            PartOf => "is part of",
            RefersDecisionsTo => "refers decisions to",
            SucceededBy => "is succeeded by",
            LiesIn => "lies in the area of",
            ClusteredWith => "is clustered with",
            CommitteeOf => "is a committee of",
        }
    }
}

impl fmt::Display for RelationshipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the dataset's record of an ICB's board is whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BoardRecord {
    /// Every seat and committee is recorded: an empty seat is a vacancy.
    Complete,
    /// Only some seats or committees are recorded (for example, from what the body has
    /// published): what is missing is not known to be missing.
    Partial,
}

/// A function one body may delegate to another, or one the law keeps with its holder.
///
/// The catalogue is NHS England's: the commissioning functions it has delegated to ICBs
/// under NHS Act 2006 s65Z5, with the date each programme began, and the functions that
/// SI 2022/642 reg 2 says it may not delegate. The reserved list is the part of reg 2 that
/// icsgov has checked against the regulation's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Function {
    /// Commissioning primary medical services (GP contracts): delegated to every ICB from
    /// 1 July 2022.
    PrimaryMedicalServices,
    /// Commissioning pharmaceutical services: delegated to the remaining ICBs from
    /// 1 April 2023 (a few from 1 July 2022).
    PharmaceuticalServices,
    /// Commissioning general ophthalmic services: as pharmaceutical services.
    GeneralOphthalmicServices,
    /// Commissioning dental services (primary, secondary and community): as pharmaceutical
    /// services.
    DentalServices,
    /// Commissioning specialised services: through joint committees of NHS England and ICBs
    /// from 1 April 2023; delegated to the ICBs of three regions from 1 April 2024 and of
    /// the other four from 1 April 2025.
    SpecialisedServices,
    /// NHS England's functions under s14Z25 (establishing ICBs and their constitutions):
    /// reserved (SI 2022/642 reg 2).
    #[serde(rename = "s14z25")]
    Section14Z25,
    /// NHS England's functions under s14Z26: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s14z26")]
    Section14Z26,
    /// NHS England's functions under s14Z28: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s14z28")]
    Section14Z28,
    /// NHS England's functions under s14Z59 (assessing ICBs' performance): reserved
    /// (SI 2022/642 reg 2).
    #[serde(rename = "s14z59")]
    Section14Z59,
    /// NHS England's functions under s14Z60: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s14z60")]
    Section14Z60,
    /// NHS England's functions under s14Z61: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s14z61")]
    Section14Z61,
    /// NHS England's functions under s14Z62: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s14z62")]
    Section14Z62,
    /// NHS England's functions under s27B: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s27b")]
    Section27B,
    /// NHS England's functions under s27C: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s27c")]
    Section27C,
    /// NHS England's functions under s27D: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s27d")]
    Section27D,
    /// NHS England's functions under s33: reserved (SI 2022/642 reg 2).
    #[serde(rename = "s33")]
    Section33,
}

impl Function {
    /// Every function in the catalogue.
    pub const ALL: [Function; 16] = [
        Function::PrimaryMedicalServices,
        Function::PharmaceuticalServices,
        Function::GeneralOphthalmicServices,
        Function::DentalServices,
        Function::SpecialisedServices,
        Function::Section14Z25,
        Function::Section14Z26,
        Function::Section14Z28,
        Function::Section14Z59,
        Function::Section14Z60,
        Function::Section14Z61,
        Function::Section14Z62,
        Function::Section27B,
        Function::Section27C,
        Function::Section27D,
        Function::Section33,
    ];

    /// The function in words, as used in messages.
    pub fn as_str(self) -> &'static str {
        use Function::*;
        match self {
            PrimaryMedicalServices => "commissioning primary medical services",
            PharmaceuticalServices => "commissioning pharmaceutical services",
            GeneralOphthalmicServices => "commissioning general ophthalmic services",
            DentalServices => "commissioning dental services",
            SpecialisedServices => "commissioning specialised services",
            Section14Z25 => "NHS England's functions under NHS Act 2006 s14Z25",
            Section14Z26 => "NHS England's functions under NHS Act 2006 s14Z26",
            Section14Z28 => "NHS England's functions under NHS Act 2006 s14Z28",
            Section14Z59 => "NHS England's functions under NHS Act 2006 s14Z59",
            Section14Z60 => "NHS England's functions under NHS Act 2006 s14Z60",
            Section14Z61 => "NHS England's functions under NHS Act 2006 s14Z61",
            Section14Z62 => "NHS England's functions under NHS Act 2006 s14Z62",
            Section27B => "NHS England's functions under NHS Act 2006 s27B",
            Section27C => "NHS England's functions under NHS Act 2006 s27C",
            Section27D => "NHS England's functions under NHS Act 2006 s27D",
            Section33 => "NHS England's functions under NHS Act 2006 s33",
        }
    }

    /// Whether SI 2022/642 reg 2 keeps the function with NHS England: it may not be
    /// delegated under s65Z5.
    pub fn is_reserved(self) -> bool {
        !self.is_delegable()
    }

    /// Whether NHS England delegates the function to ICBs.
    pub fn is_delegable(self) -> bool {
        use Function::*;
        matches!(
            self,
            PrimaryMedicalServices
                | PharmaceuticalServices
                | GeneralOphthalmicServices
                | DentalServices
                | SpecialisedServices
        )
    }

    /// The day NHS England's programme delegated the function to ICBs (y, m, d), for the
    /// delegable functions: the national date, before which only the named early adopters
    /// held it.
    pub fn delegated_from(self) -> Option<(u16, u8, u8)> {
        use Function::*;
        match self {
            PrimaryMedicalServices => Some((2022, 7, 1)),
            PharmaceuticalServices | GeneralOphthalmicServices | DentalServices => {
                Some((2023, 4, 1))
            }
            SpecialisedServices => Some((2024, 4, 1)),
            _ => None,
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standing_follows_domain_table() {
        assert_eq!(
            BodyKind::IntegratedCareBoard.standing(),
            Standing::StatutoryBody
        );
        assert_eq!(
            BodyKind::IntegratedCarePartnership.standing(),
            Standing::StatutoryCommittee
        );
        assert_eq!(
            BodyKind::PrimaryCareNetwork.standing(),
            Standing::Partnership
        );
        assert_eq!(
            BodyKind::GpPractice.standing(),
            Standing::ContractedProvider
        );
        assert!(BodyKind::ClinicalCommissioningGroup.is_historical());
        assert!(!BodyKind::IntegratedCareBoard.is_historical());
    }

    #[test]
    fn serde_names_are_snake_case() {
        for kind in BodyKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            let back: BodyKind = serde_json::from_str(&json).unwrap();
            assert_eq!(back, kind);
            assert!(
                json.chars()
                    .all(|c| c == '"' || c == '_' || c.is_ascii_lowercase()),
                "{json}"
            );
        }
        assert_eq!(
            serde_json::to_string(&RelationshipKind::ApprovesConstitution).unwrap(),
            "\"approves_constitution\""
        );
    }
}
