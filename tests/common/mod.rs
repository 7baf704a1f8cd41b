#![allow(dead_code)]
use serde_json::{json, Value};
use vardval::json_writer::WriteJson;
use vardval::nearby::Units;
use vardval::places::Places;

/// The places the command embeds (data/*.json).
pub fn places() -> Places {
    Places::from_json_texts(&[include_str!("../../data/municipalities.json"), include_str!("../../data/postal-codes.json")]).expect("data/*.json read")
}

/// The default unit list with 1177's counts, as `vardval nearby` uses it.
pub fn default_units(places: &Places) -> Units {
    let (units, problems) = vardval::units::read(include_str!("../../data/units.csv"), &|m| places.municipality_known(m));
    assert!(problems.is_empty(), "{problems:?}");
    let mut units = Units::new(units);
    units.set_counts_1177(include_str!("../../data/unit-counts-1177.json")).expect("counts read");
    units
}

/// What the engine's writer writes for `value`, as the command and the
/// WebAssembly modules give it, read back. It must be byte for byte what
/// serde_json writes for the same value: serde's derive stays on the host as
/// this oracle.
pub fn written<T: WriteJson + serde::Serialize>(value: &T) -> Value {
    let ours = value.to_json();
    assert_eq!(ours, serde_json::to_string(value).expect("serde_json writes it"), "the writer differs from serde_json");
    serde_json::from_str(&ours).expect("the writer writes JSON")
}

/// The answer as JSON, exactly as the command and WebAssembly give it.
pub fn answer(situation: Value) -> Value {
    match vardval::evaluate(&(&situation).into()) {
        Ok(a) => written(&a),
        Err(e) => panic!("expected an answer, got errors: {:#?}", e.errors),
    }
}

/// The (path, code) of every error.
pub fn errors(situation: Value) -> Vec<(String, String)> {
    match vardval::evaluate(&(&situation).into()) {
        Ok(_) => panic!("expected errors for {situation}"),
        Err(e) => e.errors.into_iter().map(|e| (e.path, e.code)).collect(),
    }
}

pub fn has_error(situation: Value, path: &str, code: &str) {
    let got = errors(situation);
    assert!(got.iter().any(|(p, c)| p == path && c == code), "expected ({path}, {code}) in {got:?}");
}

/// A relisting question on `today` with past own-choice or special changes.
pub fn relist(today: &str, changes: &[(&str, Option<&str>)], planned: Value) -> Value {
    let changes: Vec<Value> = changes.iter().map(|(d, r)| json!({ "date": d, "reason": r })).collect();
    json!({
        "today": today,
        "person": { "age": 40, "home_region": "13" },
        "listing": { "unit": { "id": "a", "region": "13" }, "changes": changes, "planned": planned }
    })
}

/// A fee question: `visits` as (date, where, region or null, mode).
pub fn fees(today: &str, age: u32, home: &str, visits: &[(&str, &str, Option<&str>, &str)]) -> Value {
    let visits: Vec<Value> = visits.iter().map(|(d, w, r, m)| json!({ "date": d, "where": w, "region": r, "mode": m })).collect();
    json!({ "today": today, "person": { "age": age, "home_region": home }, "visits": visits })
}

/// The codes of a section's next steps, in order.
pub fn step_codes(a: &Value, section: &str) -> Vec<String> {
    a[section]["next_steps"].as_array().unwrap().iter().map(|s| s["code"].as_str().unwrap().to_string()).collect()
}

/// The text of a section's step `code`.
pub fn step_text(a: &Value, section: &str, code: &str) -> String {
    let steps = a[section]["next_steps"].as_array().unwrap();
    steps.iter().find(|s| s["code"] == code).map(|s| s["text"].as_str().unwrap().to_string()).unwrap_or_else(|| panic!("no step {code} in {section}: {steps:?}"))
}
