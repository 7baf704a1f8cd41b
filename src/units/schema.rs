//! The shape of a JSON unit list (docs/units.md) that `read` and `vardval
//! units check` accept, as types for schemars: `schemas/units.schema.json`.
//! The checks stay the authority (unique ids, a municipality that exists and
//! is in its region, a string position inside Sweden); `tests/schemas.rs`
//! gives both the same lists.

use super::{max_len, SWEDEN_LAT, SWEDEN_LON};
use crate::rulebook::LAN_CODES;
use schemars::JsonSchema;
use serde_json::Value;

/// A region's list of primary-care units: a list, or `{ "units": [ … ] }`.
/// Every value is read as text (numbers as written); an empty one, or
/// `null`, is no value.
#[derive(JsonSchema)]
#[schemars(title = "UnitList", untagged)]
pub enum UnitList {
    List(Vec<Unit>),
    Object { units: Vec<Unit> },
}

/// One unit. Every value is read as its JSON text (`57.78`, `true`), so a
/// text field takes any value; as a string, it does not start with `=`,
/// `+`, `-` or `@` (a spreadsheet would run it), except a phone number such
/// as `+46 36 10 10 10`. Other fields are not used; each at most 20 characters.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = { "maxLength": max_len("") }))]
pub struct Unit {
    /// Unique in the list (the default list uses `osm:NODE`).
    #[schemars(extend("not" = { "type": "null" }, "maxLength" = max_len("id"), "pattern" = r"^\s*[^=+\-@\s]", "minimum" = 0))]
    pub id: Value,
    /// The name people know.
    #[schemars(extend("not" = { "type": "null" }, "maxLength" = max_len("name"), "pattern" = r"^\s*[^=+\-@\s]", "minimum" = 0))]
    pub name: Value,
    /// WGS84 degrees north, inside Sweden.
    pub lat: Degrees<Latitude>,
    /// WGS84 degrees east, inside Sweden.
    pub lon: Degrees<Longitude>,
    /// The län code (`"06"`; `13` is read as `"13"`, and spaces around are dropped).
    #[schemars(extend("anyOf" = [{ "enum": LAN_CODES }, { "enum": lan_codes_as_numbers() }, { "type": "null" }, { "type": "string", "pattern": format!(r"^\s*({})?\s*$", LAN_CODES.join("|")) }]))]
    pub region: Option<Value>,
    /// The municipality's code (4 digits), in the unit's region.
    #[schemars(extend("pattern" = r"^\s*([0-9]{4})?\s*$"))]
    pub municipality: Option<Value>,
    /// Shown as given.
    #[schemars(extend("maxLength" = max_len("address"), "pattern" = NOT_A_FORMULA, "minimum" = 0))]
    pub address: Option<Value>,
    /// Shown as given.
    #[schemars(extend("maxLength" = max_len("postal_code"), "pattern" = NOT_A_FORMULA, "minimum" = 0))]
    pub postal_code: Option<Value>,
    /// Shown as given.
    #[schemars(extend("maxLength" = max_len("phone"), "pattern" = r"^\s*([^=+\-@\s][\s\S]*|\+[0-9 ()\-]*\s*)?$", "minimum" = 0))]
    pub phone: Option<Value>,
    /// The unit's own page: `https://` or `http://`.
    #[schemars(extend("maxLength" = max_len("url"), "pattern" = r"^\s*([Hh][Tt][Tt][Pp][Ss]?://[\s\S]*)?$", "type" = ["string", "null"]))]
    pub url: Option<Value>,
    /// `true`: a closed list (no new listings); `false`: open; empty: unknown.
    #[schemars(extend("type" = ["boolean", "string", "null"], "pattern" = BOOLEAN_TEXT))]
    pub list_closed: Option<Value>,
    /// Whether the unit offers digital visits.
    #[schemars(extend("type" = ["boolean", "string", "null"], "pattern" = BOOLEAN_TEXT))]
    pub digital: Option<Value>,
    /// Where the row comes from, shown with the unit.
    #[schemars(extend("maxLength" = max_len("source"), "pattern" = NOT_A_FORMULA, "minimum" = 0))]
    pub source: Option<Value>,
}

/// `true`, `false` or empty, as text.
const BOOLEAN_TEXT: &str = r"^\s*(true|false)?\s*$";

/// The län codes a number can be written as (`13`: `"13"`; `1` is not `"01"`).
fn lan_codes_as_numbers() -> Vec<u32> {
    LAN_CODES.iter().filter(|c| !c.starts_with('0')).filter_map(|c| c.parse().ok()).collect()
}

/// Empty, or not starting like a spreadsheet formula.
const NOT_A_FORMULA: &str = r"^\s*([^=+\-@\s][\s\S]*)?$";

/// A number, or a number written as text (`"57.78"`).
#[derive(JsonSchema)]
#[schemars(untagged, inline)]
pub enum Degrees<T> {
    Number(T),
    Text(#[schemars(length(max = max_len("lat")), regex(pattern = r"^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$"))] String),
}

#[derive(JsonSchema)]
pub struct Latitude(#[schemars(range(min = *SWEDEN_LAT.start(), max = *SWEDEN_LAT.end()))] pub f64);

#[derive(JsonSchema)]
pub struct Longitude(#[schemars(range(min = *SWEDEN_LON.start(), max = *SWEDEN_LON.end()))] pub f64);
