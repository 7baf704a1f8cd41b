//! The shape `Rulebook::apply` accepts, as types for schemars:
//! `schemas/rulebook.schema.json`. One shape serves `rules/*.json` and a
//! region's override (a situation's `rulebook.override`, `vardval rules check`,
//! the component's `rules-src`). `apply` stays the authority: it also checks
//! that a `source` names a source. `tests/schemas.rs` gives both the same
//! documents and tries each parameter's bounds on both.

use super::read::{CEILING_MAX_KR, CEILING_SHARE, FEE_MAX_KR, FREE_AGE_MAX, FREE_FROM_AGE, PRISBASBELOPP_KR};
use super::{Window, CHANGE_REASONS, ITEMS, LAN_CODES, MODES};
use crate::date::Date;
use crate::schema::RegionCode;
use schemars::JsonSchema;
use serde_json::Value;
use std::collections::BTreeMap;

/// A rulebook document or a region's override: the parameters, regions and
/// sources it sets, each replacing what the rulebook had.
#[derive(JsonSchema)]
#[schemars(title = "Rulebook")]
pub struct RulebookDocument {
    /// The rulebook's id (`rules/*.json`).
    pub id: Option<String>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub status: Option<Status>,
    /// The day the rules came into force.
    pub in_force_from: Option<Date>,
    /// Sources by the id that values cite.
    pub sources: Option<BTreeMap<String, Source>>,
    pub parameters: Option<Parameters>,
    /// By län code (an override), or as rows with `code` (`rules/regions.json`).
    pub regions: Option<Regions>,
}

/// A text in each language, or one text for all.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum Text {
    Both(String),
    ByLanguage {
        sv: String,
        /// Default: the Swedish text.
        en: Option<String>,
        /// Default: the Swedish text (the original).
        ar: Option<String>,
        /// Default: the Swedish text (the original).
        fi: Option<String>,
        /// Lättläst (easy-to-read Swedish). Default: the Swedish text.
        #[schemars(rename = "sv-x-easy")]
        sv_easy: Option<String>,
    },
}

/// `law` or `proposal`.
#[derive(JsonSchema)]
#[schemars(extend("enum" = ["law", "proposal"]))]
pub struct Status(pub String);

#[derive(JsonSchema)]
pub struct Source {
    pub title: String,
    /// Without scheme: `www.1177.se/…`.
    pub url: Option<String>,
    pub publisher: Option<Publisher>,
}

/// Who published a fee's page.
#[derive(JsonSchema)]
#[schemars(extend("enum" = ["region", "clinic", "press"]))]
pub struct Publisher(pub String);

/// Each parameter named replaces the rulebook's whole.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Parameters {
    /// Changes of unit a person may make in the window; `null`: no limit.
    #[schemars(rename = "relisting.limit")]
    #[serde(default)]
    pub relisting_limit: Param<OrNull<Limit>>,
    #[schemars(rename = "relisting.window")]
    #[serde(default)]
    pub relisting_window: Param<Window>,
    /// The reasons that let a change through over the limit.
    #[schemars(rename = "relisting.special_reasons")]
    #[serde(default)]
    pub special_reasons: Param<SpecialReasons>,
    /// Days until contact with primary care (the care guarantee).
    #[schemars(rename = "guarantee.contact_days")]
    #[serde(default)]
    pub contact_days: Param<Days>,
    /// Days until a medical assessment (the care guarantee).
    #[schemars(rename = "guarantee.assessment_days")]
    #[serde(default)]
    pub assessment_days: Param<Days>,
    /// The age from which care is free: 85, the law's (HSL 17 kap. 3 §).
    #[schemars(rename = "fees.free_from_age")]
    #[serde(default)]
    pub free_from_age: Param<OldAge>,
    /// The free age where a region's own is unknown.
    #[schemars(rename = "fees.free_under_age_fallback")]
    #[serde(default)]
    pub free_under_age_fallback: Param<YoungAge>,
    /// The ceiling's share of the prisbasbelopp.
    #[schemars(rename = "fees.ceiling_share")]
    #[serde(default)]
    pub ceiling_share: Param<Share>,
    /// A lower ceiling in kronor; `null`: none.
    #[schemars(rename = "fees.ceiling_max")]
    #[serde(default)]
    pub ceiling_max: Param<OrNull<CeilingKr>>,
    /// Kronor, one entry per year.
    #[schemars(rename = "fees.prisbasbelopp")]
    #[serde(default)]
    pub prisbasbelopp: Param<Prisbasbelopp>,
    /// One fee in kronor for every visit at the listed unit (the proposal); `null`: none.
    #[schemars(rename = "fees.listed_unit_fee")]
    #[serde(default)]
    pub listed_unit_fee: Param<OrNull<FeeKr>>,
}

/// Dated entries (the latest `valid_from` on or before a day applies), one
/// entry, or a bare value that holds on every date.
#[derive(JsonSchema)]
#[schemars(untagged, inline)]
pub enum Param<T> {
    Entries(#[schemars(length(min = 1))] Vec<Entry<T>>),
    Entry(Entry<T>),
    Value(T),
}

/// Only so that a parameter may be left out (`#[serde(default)]`): schemars
/// then does not require it. Never serialised, so no `default` in the schema.
impl<T> Default for Param<T> {
    fn default() -> Self {
        Param::Entries(Vec::new())
    }
}

/// A value, from when it holds, and its source.
#[derive(JsonSchema)]
#[schemars(inline)]
pub struct Entry<T> {
    /// Absent: on every date.
    pub valid_from: Option<Date>,
    pub value: T,
    /// `kr`, `days`, `years`…
    pub unit: Option<String>,
    /// A source's id in `sources` (default: the override itself).
    pub source: Option<String>,
    pub note: Option<String>,
}

/// A value that may be `null`, given: the `value` of an entry, unlike an
/// optional field, is there even when it is `null`.
pub struct OrNull<T>(pub Option<T>);

impl<T: JsonSchema> JsonSchema for OrNull<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        Option::<T>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Option<T>>()
    }
}

#[derive(JsonSchema)]
pub struct Limit(#[schemars(range(min = 1, max = 100))] pub u32);

#[derive(JsonSchema)]
pub struct SpecialReasons(#[schemars(length(max = CHANGE_REASONS.len()))] pub Vec<SpecialReason>);

/// A reason that may let a change through (`first_listing` and `automatic` never count at all).
#[derive(JsonSchema)]
#[schemars(extend("enum" = CHANGE_REASONS[..5]))]
pub struct SpecialReason(pub String);

#[derive(JsonSchema)]
pub struct Days(#[schemars(range(max = 365))] pub u32);

/// Years: free care from this age is the law's, the same everywhere.
#[derive(JsonSchema)]
pub struct OldAge(#[schemars(range(min = FREE_FROM_AGE, max = FREE_FROM_AGE))] pub u32);

/// Years: free care for children and young people below this age.
#[derive(JsonSchema)]
pub struct YoungAge(#[schemars(range(max = FREE_AGE_MAX))] pub u32);

#[derive(JsonSchema)]
pub struct Share(#[schemars(range(min = CEILING_SHARE.0, max = CEILING_SHARE.1))] pub f64);

/// Whole kronor: a fee for one visit.
#[derive(JsonSchema)]
pub struct FeeKr(#[schemars(range(max = FEE_MAX_KR))] pub u32);

/// Whole kronor: a fee ceiling.
#[derive(JsonSchema)]
pub struct CeilingKr(#[schemars(range(max = CEILING_MAX_KR))] pub u32);

#[derive(JsonSchema)]
pub struct Prisbasbelopp(#[schemars(range(min = PRISBASBELOPP_KR.0, max = PRISBASBELOPP_KR.1))] pub u32);

/// By län code, or as rows with their `code`.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum Regions {
    ByCode(#[schemars(extend("propertyNames" = { "enum": LAN_CODES }))] BTreeMap<String, Region>),
    Rows(Vec<RegionRow>),
}

/// A region's row with its län code (`rules/regions.json`).
#[derive(JsonSchema)]
pub struct RegionRow {
    pub code: RegionCode,
    #[serde(flatten)]
    pub region: Region,
}

/// A region's fields; each one given replaces the region's. The 1.0 names
/// (`doctor_visit_kr`, `digital_visit_kr`, `free_under_age`, `free_age_rule`)
/// are dated by `fee_as_of` and sourced by `source_fee`, which are read only
/// with one of them.
#[derive(JsonSchema)]
#[schemars(extend(
    "if" = { "anyOf": [{ "required": ["doctor_visit_kr"] }, { "required": ["digital_visit_kr"] }, { "required": ["free_under_age"] }] },
    "then" = { "properties": {
        "fee_as_of": { "anyOf": [{ "type": "null" }, { "type": "string", "format": "date" }, { "type": "string", "pattern": "^[0-9]{4}$" }] },
        "source_fee": { "type": ["string", "null"] },
        "fee_confidence": { "type": ["string", "null"] }
    } }
))]
pub struct Region {
    #[serde(default)]
    pub name: String,
    /// Each row replaces the region's row of the same item and mode.
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub fees: Vec<Fee>,
    /// Ceilings the region's pages state: lower than the national amount of their year, they apply from then.
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub ceilings: Vec<Ceiling>,
    /// `null`: unknown.
    pub free_age: Option<FreeAge>,
    /// 1.0: a doctor's visit at a vårdcentral (`pc_doctor`, `physical`); `null` removes it.
    pub doctor_visit_kr: Option<FeeKr>,
    /// 1.0: the same by video (`pc_doctor`, `video`).
    pub digital_visit_kr: Option<FeeKr>,
    /// 1.0: free under this age; `null`: unknown.
    #[schemars(range(min = 1, max = FREE_AGE_MAX))]
    pub free_under_age: Option<u32>,
    /// 1.0: `birthday` (free until the birthday) or `calendar_year` (through the year one turns it).
    #[serde(default)]
    #[schemars(extend("enum" = ["birthday", "calendar_year"]))]
    pub free_age_rule: String,
    /// 1.0: the date the page gives for the 1.0 values (`YYYY-MM-DD` or a year).
    pub fee_as_of: Option<Value>,
    /// 1.0: the page (a URL) the 1.0 values come from.
    pub source_fee: Option<Value>,
    /// 1.0: the same as `source_fee`, when that is absent.
    pub source: Option<Value>,
    /// 1.0: how sure the 1.0 values are (default `region`).
    pub fee_confidence: Option<Value>,
}

/// Where a value comes from. `Source` is `String` for an amount, which must
/// have one (`SourcedProvenance`).
#[derive(JsonSchema)]
pub struct Provenance<Source = Option<String>> {
    /// From this day on.
    pub valid_from: Option<Date>,
    pub as_of: Option<AsOf>,
    pub confidence: Option<Confidence>,
    /// A source's id in `sources`; an amount must have one (otherwise the default is the override itself).
    pub source: Source,
    pub note: Option<String>,
}

/// Where an amount comes from: a source it must have.
pub type SourcedProvenance = Provenance<String>;

/// The date the page gives: `YYYY-MM-DD` or a year.
#[derive(JsonSchema)]
#[schemars(extend("anyOf" = [{ "format": "date" }, { "pattern": "^[0-9]{4}$" }]))]
pub struct AsOf(pub String);

/// The newest year a source states the value in, `older`, `undated`, or `region` (default: the region's own).
#[derive(JsonSchema)]
#[schemars(extend("anyOf" = [{ "enum": ["older", "undated", "region"] }, { "pattern": "^[0-9]{4}$" }]))]
pub struct Confidence(pub String);

/// A fee: one data item in one mode.
#[derive(JsonSchema)]
pub struct Fee {
    #[schemars(extend("enum" = ITEMS))]
    pub item: String,
    /// Default `physical`.
    pub mode: Option<FeeMode>,
    #[schemars(range(max = FEE_MAX_KR))]
    pub kr: u32,
    #[serde(flatten)]
    pub provenance: SourcedProvenance,
}

/// How a visit happens.
#[derive(JsonSchema)]
#[schemars(extend("enum" = MODES))]
pub struct FeeMode(pub String);

/// A ceiling a region's page states.
#[derive(JsonSchema)]
pub struct Ceiling {
    #[schemars(range(min = 1, max = CEILING_MAX_KR))]
    pub kr: u32,
    #[serde(flatten)]
    pub provenance: SourcedProvenance,
}

/// Free care by age: `under` (until the `age`th birthday) or `through_year` (through the year one turns `age`).
#[derive(JsonSchema)]
pub struct FreeAge {
    #[schemars(extend("enum" = ["under", "through_year"]))]
    pub rule: String,
    #[schemars(range(min = 1, max = FREE_AGE_MAX))]
    pub age: u32,
    #[serde(flatten)]
    pub provenance: Provenance,
}
