//! The shape `nearby` accepts (CONTRACT §4, §6), as types for schemars:
//! `schemas/nearby-query.schema.json`. The reader stays the authority (it also
//! knows which postal codes and places exist); `tests/schemas.rs` gives both
//! the same queries.

use super::MAX_K;
use crate::schema::{LangCode, RegionCode};
use schemars::JsonSchema;

/// A search for the units nearest a place: the input of `nearby`.
#[derive(JsonSchema)]
pub struct NearbyQuery {
    pub from: From,
    /// How many units (default 10).
    #[schemars(range(min = 1, max = MAX_K))]
    pub k: Option<u32>,
    /// Only units within this many kilometres (great circle), at most 5 000.
    #[schemars(extend("exclusiveMinimum" = 0), range(max = 5000))]
    pub max_km: Option<f64>,
    /// Leave out units whose list is closed (default `false`).
    pub only_open_lists: Option<bool>,
    /// The person's home region (default: the origin's): units outside it are marked `other_region`.
    pub home_region: Option<RegionCode>,
    pub lang: Option<LangCode>,
}

/// Where the search starts. When several are given, the first of
/// `postal_code`, `municipality`, `place`, position is used.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum From {
    /// The centre of the postal code's town; spaces allowed (`"413 19"`).
    PostalCode {
        #[schemars(extend("type" = ["string", "integer"]))]
        postal_code: String,
    },
    /// A municipality by code (`"1480"`) or name.
    Municipality { municipality: String },
    /// A municipality or a postal town by name, without regard to case or å/ä/ö/é (`"malmo"`, `"Visby"`).
    Place { place: String },
    /// WGS84 degrees.
    Position {
        #[schemars(range(min = -90, max = 90))]
        lat: f64,
        #[schemars(range(min = -180, max = 180))]
        lon: f64,
    },
}
