//! The shape of a JSON unit list (docs/units.md) that `read` and `vardval
//! units check` accept, as types for schemars: `schemas/units.schema.json`.
//! The checks stay the authority (unique ids, a municipality that exists and
//! is in its region, a string position inside Sweden); `tests/schemas.rs`
//! gives both the same lists.

use super::{max_len, SWEDEN_LAT, SWEDEN_LON};
use crate::rulebook::LAN_CODES;
use schemars::JsonSchema;

/// A region's list of primary-care units: a list, or `{ "units": [ … ] }`.
/// Every value is read as text (numbers as written); an empty one, or
/// `null`, is no value.
#[derive(JsonSchema)]
#[schemars(title = "UnitList", untagged)]
pub enum UnitList {
    List(Vec<Unit>),
    Object { units: Vec<Unit> },
}

/// One unit. A text field does not start with `=`, `+`, `-` or `@` (a
/// spreadsheet would run it), except a phone number such as `+46 36 10 10 10`.
/// Other fields are kept, at most 20 characters.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = { "maxLength": max_len("") }))]
pub struct Unit {
    /// Unique in the list (the default list uses `osm:NODE`).
    #[schemars(extend("type" = ["string", "integer"]), length(max = max_len("id")), regex(pattern = r"^\s*[^=+\-@\s]"))]
    pub id: String,
    /// The name people know.
    #[schemars(length(max = max_len("name")), regex(pattern = r"^\s*[^=+\-@\s]"))]
    pub name: String,
    /// WGS84 degrees north, inside Sweden.
    pub lat: Degrees<Latitude>,
    /// WGS84 degrees east, inside Sweden.
    pub lon: Degrees<Longitude>,
    /// The län code.
    #[schemars(extend("anyOf" = [{ "enum": LAN_CODES }, { "enum": ["", null] }]))]
    pub region: Option<String>,
    /// The municipality's code (4 digits), in the unit's region.
    #[schemars(regex(pattern = r"^\s*([0-9]{4})?\s*$"))]
    pub municipality: Option<String>,
    #[schemars(length(max = max_len("address")), regex(pattern = NOT_A_FORMULA))]
    pub address: Option<String>,
    #[schemars(extend("type" = ["string", "integer", "null"]), length(max = max_len("postal_code")), regex(pattern = NOT_A_FORMULA))]
    pub postal_code: Option<String>,
    #[schemars(length(max = max_len("phone")), regex(pattern = r"^\s*([^=+\-@\s][\s\S]*|\+[0-9 ()\-]*\s*)?$"))]
    pub phone: Option<String>,
    /// The unit's own page: `https://` or `http://`.
    #[schemars(length(max = max_len("url")), regex(pattern = r"^\s*([Hh][Tt][Tt][Pp][Ss]?://[\s\S]*)?$"))]
    pub url: Option<String>,
    /// `true`: a closed list (no new listings); `false`: open; empty: unknown.
    #[schemars(extend("type" = ["boolean", "string", "null"], "enum" = [true, false, "true", "false", "", null]))]
    pub list_closed: Option<bool>,
    /// Whether the unit offers digital visits.
    #[schemars(extend("type" = ["boolean", "string", "null"], "enum" = [true, false, "true", "false", "", null]))]
    pub digital: Option<bool>,
    /// Where the row comes from, shown with the unit.
    #[schemars(length(max = max_len("source")), regex(pattern = NOT_A_FORMULA))]
    pub source: Option<String>,
}

/// Empty, or not starting like a spreadsheet formula.
const NOT_A_FORMULA: &str = r"^\s*([^=+\-@\s][\s\S]*)?$";

/// A number, or a number written as text (`"57.78"`).
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum Degrees<T> {
    Number(T),
    Text(#[schemars(length(max = max_len("lat")), regex(pattern = r"^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$"))] String),
}

#[derive(JsonSchema)]
pub struct Latitude(#[schemars(range(min = *SWEDEN_LAT.start(), max = *SWEDEN_LAT.end()))] pub f64);

#[derive(JsonSchema)]
pub struct Longitude(#[schemars(range(min = *SWEDEN_LON.start(), max = *SWEDEN_LON.end()))] pub f64);
