//! The shape `nearby` accepts (CONTRACT §4, §6), as types for schemars:
//! `schemas/nearby-query.schema.json`. The reader stays the authority (it also
//! knows which postal codes and places exist); `tests/schemas.rs` gives both
//! the same queries.

use super::MAX_K;
use crate::schema::RegionCode;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

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
    /// The language of error messages: `sv` (default), `en`, `ar`, `fi` or `sv-x-easy`; any other value means `sv`.
    pub lang: Option<serde_json::Value>,
}

/// Where the search starts: the first of `postal_code`, `municipality` and
/// `place` that is given (and not `null`), else the position `lat`, `lon`.
/// What follows the one used is not read.
pub struct From;

impl JsonSchema for From {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "From".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let given = |name: &str| json_schema!({ "required": [name], "properties": { name: { "not": { "type": "null" } } } });
        json_schema!({
            "description": "Where the search starts: the first of `postal_code`, `municipality` and `place` that is given (and not `null`), else the position `lat`, `lon`.",
            "type": "object",
            "properties": {
                "postal_code": { "description": "The centre of the postal code's town; spaces allowed (`\"413 19\"`)." },
                "municipality": { "description": "A municipality by code (`\"1480\"`) or name." },
                "place": { "description": "A municipality or a postal town by name, without regard to case or å/ä/ö/é (`\"malmo\"`, `\"Visby\"`)." },
                "lat": { "description": "WGS84 degrees north." },
                "lon": { "description": "WGS84 degrees east." }
            },
            "if": given("postal_code"),
            "then": { "properties": { "postal_code": { "type": ["string", "integer"] } } },
            "else": {
                "if": given("municipality"),
                "then": { "properties": { "municipality": { "type": "string" } } },
                "else": {
                    "if": given("place"),
                    "then": { "properties": { "place": { "type": "string" } } },
                    "else": {
                        "required": ["lat", "lon"],
                        "properties": {
                            "lat": { "type": "number", "minimum": -90, "maximum": 90 },
                            "lon": { "type": "number", "minimum": -180, "maximum": 180 }
                        }
                    }
                }
            }
        })
    }
}
