//! JSON Schemas of the interfaces (`vardval schema NAME`, checked in under
//! `schemas/`), derived with schemars: the answers from their own types; the
//! inputs, which the engine reads by hand (`input::Reader`), from the shape
//! types beside each reader (`situation::schema`, `rulebook::schema`,
//! `nearby::schema`, `units::schema`). Not in the WebAssembly modules.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};

/// The schemas, by the name `vardval schema` takes and `schemas/NAME.schema.json` has.
pub const NAMES: [&str; 7] = ["situation", "answer", "errors", "nearby-query", "nearby-answer", "rulebook", "units"];

/// The schema `name`, or `None` for a name not in `NAMES`.
pub fn generate(name: &str) -> Option<Schema> {
    Some(match name {
        "situation" => input::<crate::situation::schema::Situation>(),
        "answer" => output::<crate::Answer>(),
        "errors" => output::<crate::input::ErrorReport>(),
        "nearby-query" => input::<crate::nearby::schema::NearbyQuery>(),
        "nearby-answer" => output::<crate::nearby::NearbyAnswer>(),
        "rulebook" => input::<crate::rulebook::schema::RulebookDocument>(),
        "units" => input::<crate::units::schema::UnitList>(),
        _ => return None,
    })
}

/// What a reader accepts.
fn input<T: JsonSchema>() -> Schema {
    settings().for_deserialize().into_generator().into_root_schema_for::<T>()
}

/// What the engine writes: a field is required unless it may be left out.
fn output<T: JsonSchema>() -> Schema {
    settings().for_serialize().into_generator().into_root_schema_for::<T>()
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12().with_transform(RecursiveTransform(plain_keywords))
}

/// schemars marks integers `uint32`, `int64`, `double`…, formats JSON Schema
/// does not define, which validators in strict mode (ajv) refuse; and it
/// gives a field read with a default Rust's default (`""`), which is not the
/// reader's: the descriptions say what an absent field means.
fn plain_keywords(schema: &mut Schema) {
    if schema.get("format").and_then(|f| f.as_str()).is_some_and(|f| f != "date") {
        schema.remove("format");
    }
    schema.remove("default");
}

/// A län code: one of the 21 in use.
#[derive(JsonSchema)]
#[schemars(extend("enum" = crate::rulebook::LAN_CODES))]
pub struct RegionCode(pub String);

/// The language of the answer's text and messages (default `sv`).
#[derive(JsonSchema)]
#[schemars(extend("enum" = crate::text::Lang::CODES))]
pub struct LangCode(pub String);

/// A built-in rulebook: `se` (current law) or `sou-2019-42` (the 100 kr proposal).
#[derive(JsonSchema)]
#[schemars(extend("enum" = crate::rulebook::BUILTIN_IDS))]
pub struct RulebookId(pub String);

/// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
#[derive(JsonSchema)]
#[schemars(extend("anyOf" = [{ "format": "date" }, { "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$" }]))]
pub struct DateOrMonth(pub String);
