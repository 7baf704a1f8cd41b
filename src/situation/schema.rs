//! The shape `Situation::read` accepts (CONTRACT §1, §6), as types for
//! schemars: `schemas/situation.schema.json`. The reader stays the authority:
//! it also checks what a schema cannot say (dates against `today` and each
//! other, the age a visit needs, a fee period's ceiling). `tests/schemas.rs`
//! gives both the same inputs: what the reader accepts, the schema accepts.

use super::{CARES, MAX_AGE, MAX_ITEMS, MAX_PAID, PLACES, PROFESSIONALS, VISIT_MODES};
use crate::date::Date;
use crate::rulebook::CHANGE_REASONS;
use crate::schema::{DateOrMonth, LangCode, RegionCode, RulebookId};
use schemars::JsonSchema;

/// A person's situation: the input of `evaluate`. Fields this version does
/// not know are not refused; the answer names each in `warnings` (`unknown_field`).
#[derive(JsonSchema)]
pub struct Situation {
    /// The calendar day in Sweden, 2022-07-01…2099-12-31: the engine never reads a clock.
    pub today: Date,
    /// The rules to answer by (default `se`).
    pub rulebook: Option<RulebookChoice>,
    pub lang: Option<LangCode>,
    pub person: Option<Person>,
    pub listing: Option<Listing>,
    /// Visits to price, at most 1 000.
    #[schemars(length(max = MAX_ITEMS))]
    pub visits: Option<Vec<Visit>>,
    /// The current fee period, when it began before the visits given.
    pub fee_period: Option<FeePeriod>,
}

/// A built-in rulebook by id, or one with a region's override.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum RulebookChoice {
    Id(RulebookId),
    Override(Box<RulebookWithOverride>),
}

#[derive(JsonSchema)]
pub struct RulebookWithOverride {
    /// The rulebook the override changes (default `se`).
    pub base: Option<RulebookId>,
    /// A region's override: the shape of `schemas/rulebook.schema.json`.
    pub r#override: Option<crate::rulebook::schema::RulebookDocument>,
}

#[derive(JsonSchema)]
pub struct Person {
    /// Whole years on `today`. Needed for visits or a fee period unless `birth_date` is given.
    #[schemars(range(max = MAX_AGE))]
    pub age: Option<u32>,
    /// From 1890; with `YYYY-MM` the 1st is assumed. The age on each visit's date then decides free care.
    pub birth_date: Option<DateOrMonth>,
    /// Needed when a visit has no `region`.
    pub home_region: Option<RegionCode>,
}

#[derive(JsonSchema)]
pub struct Listing {
    /// Where the person is listed now; absent or `null`: not listed.
    pub unit: Option<Unit>,
    /// Earlier changes of unit, any order, none after `today`; at most 1 000.
    #[schemars(length(max = MAX_ITEMS))]
    pub changes: Option<Vec<Change>>,
    /// A change the person is considering.
    pub planned: Option<Planned>,
}

/// A unit (vårdcentral).
#[derive(JsonSchema)]
pub struct Unit {
    pub id: Option<String>,
    pub name: Option<String>,
    /// Default: the home region.
    pub region: Option<RegionCode>,
    /// `true`: closed list; `false`: open; absent or `null`: unknown.
    pub list_closed: Option<bool>,
    /// Accepted and not used.
    pub municipality: Option<String>,
}

#[derive(JsonSchema)]
pub struct Change {
    /// `YYYY-MM` when only the month is remembered: the change then counts as late as it can.
    pub date: DateOrMonth,
    pub reason: Option<Reason>,
    /// Accepted and not used.
    pub unit: Option<Unit>,
}

#[derive(JsonSchema)]
pub struct Planned {
    /// Default `today`; not before it.
    pub date: Option<Date>,
    pub reason: Option<Reason>,
    pub unit: Option<Unit>,
}

/// Why a unit was changed; absent or `null`: the person's own choice.
#[derive(JsonSchema)]
#[schemars(extend("enum" = CHANGE_REASONS))]
pub struct Reason(pub String);

/// A visit to price. `where` is required in primary care (the default `care`).
#[derive(JsonSchema)]
#[schemars(extend("if" = { "properties": { "care": { "enum": ["primary", null] } } }, "then" = { "required": ["where"], "properties": { "where": { "not": { "type": "null" } } } }))]
pub struct Visit {
    /// From 2018-01-01, not before `fee_period.first_visit`.
    pub date: Date,
    /// In primary care: at the unit where the person is listed, or another one.
    pub r#where: Option<Place>,
    /// Where care is given. Default: the listed unit's region for a visit there, else `home_region`.
    pub region: Option<RegionCode>,
    pub care: Option<CareKind>,
    pub professional: Option<Professional>,
    pub mode: Option<Mode>,
    /// Whole kronor the receipt says were paid; used instead of the region's fee.
    #[schemars(range(max = MAX_PAID))]
    pub paid: Option<u32>,
}

#[derive(JsonSchema)]
#[schemars(extend("enum" = PLACES))]
pub struct Place(pub String);

/// Default `primary`.
#[derive(JsonSchema)]
#[schemars(extend("enum" = CARES))]
pub struct CareKind(pub String);

/// Default `doctor`.
#[derive(JsonSchema)]
#[schemars(extend("enum" = PROFESSIONALS))]
pub struct Professional(pub String);

/// Default `physical`; `digital` is the 1.0 name of `video`.
#[derive(JsonSchema)]
#[schemars(extend("enum" = VISIT_MODES))]
pub struct Mode(pub String);

#[derive(JsonSchema)]
pub struct FeePeriod {
    /// The period's first visit paid for, from 2018-01-01, not after `today`.
    pub first_visit: Date,
    /// Kronor paid in the period before the visits given (default 0), at most the ceiling.
    #[schemars(range(max = MAX_PAID))]
    pub paid: Option<u32>,
}
