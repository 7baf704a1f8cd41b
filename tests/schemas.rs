//! The JSON Schemas in schemas/ (draft 2020-12) against the engine: every
//! JSON example in the docs is valid and answered, every answer and error the
//! engine gives is valid (as its writer writes them), and for each input, whatever the engine accepts the
//! schema accepts. Each input is tried with one field changed at a time (to
//! values at and beyond its bounds, of other types, or removed); where the
//! schema accepts what the engine refuses, it is only for what a schema cannot
//! say, listed for each input (`reader_only`). (tests/cli.rs checks that the
//! files are what `vardval schema NAME` prints.)

mod common;
use jsonschema::Validator;
use serde_json::{json, Value};
use vardval::nearby::nearby;
use vardval::rulebook::Rulebook;

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `schemas/NAME.schema.json`, with formats checked and an unknown format an error.
fn validator(name: &str) -> Validator {
    let schema = read_json(&format!("schemas/{name}.schema.json"));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .build(&schema)
        .unwrap_or_else(|e| panic!("schemas/{name}.schema.json: {e}"))
}

fn schema_errors(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn assert_valid(v: &Validator, name: &str, instance: &Value) {
    let errors = schema_errors(v, instance);
    assert!(errors.is_empty(), "not valid against {name}.schema.json: {errors:#?}\n{instance:#}");
}

/// The problems `Rulebook::apply` finds in an override of `se`.
fn override_problems(se: &Rulebook, doc: &Value) -> Vec<(String, String)> {
    let mut book = se.clone();
    let mut reader = vardval::input::Reader::default();
    book.apply_override(&doc.into(), "", &mut reader);
    reader.problems.into_iter().map(|p| (p.path, p.code.to_string())).collect()
}

/// The ```json blocks of a Markdown file.
fn json_blocks(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("```json\n").skip(1).map(|rest| serde_json::from_str(rest.split("```").next().unwrap()).unwrap_or_else(|e| panic!("{path}: a json block that is not JSON: {e}"))).collect()
}

#[test]
fn the_schemas_are_draft_2020_12_and_use_only_formats_it_defines() {
    for name in vardval::schema::NAMES {
        let schema = read_json(&format!("schemas/{name}.schema.json"));
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        assert!(jsonschema::meta::is_valid(&schema), "{name}: {:?}", jsonschema::meta::validate(&schema).err());
        validator(name);
    }
}

#[test]
fn every_json_example_in_the_docs_is_valid_and_the_engine_answers_it() {
    let [situation, answer, query, nearby_answer, rulebook, units] = ["situation", "answer", "nearby-query", "nearby-answer", "rulebook", "units"].map(validator);
    let se = Rulebook::builtin("se").unwrap();
    let places = common::places();
    let unit_list = common::default_units(&places);
    let mut examples: Vec<(String, Value)> = vec![
        ("examples/situation.json".into(), read_json("examples/situation.json")),
        ("tests/fixtures/override-halland.json".into(), json!({ "base": "se", "override": read_json("tests/fixtures/override-halland.json") })),
    ];
    for doc in ["docs/interface.md", "docs/units.md", "docs/embedding.md"] {
        examples.extend(json_blocks(doc).into_iter().map(|b| (doc.to_string(), b)));
    }
    let mut seen = std::collections::BTreeMap::new();
    for (file, example) in &examples {
        let kind = if example.get("today").is_some() {
            assert_valid(&situation, "situation", example);
            let a = vardval::evaluate(&example.into()).unwrap_or_else(|e| panic!("{file}: {:?}", e.errors));
            assert_valid(&answer, "answer", &common::written(&a));
            "situation"
        } else if let Some(over) = example.get("override") {
            // A situation's `rulebook`: the override in it is a rulebook document.
            assert_valid(&rulebook, "rulebook", over);
            assert_eq!(override_problems(se, over), vec![], "{file}");
            let s = json!({ "today": "2026-11-22", "rulebook": example, "person": { "age": 40, "home_region": "13" }, "visits": [{ "date": "2026-03-02", "where": "listed" }] });
            assert_valid(&situation, "situation", &s);
            assert_valid(&answer, "answer", &common::written(&vardval::evaluate(&(&s).into()).unwrap()));
            "rulebook"
        } else if example.get("from").is_some() {
            assert_valid(&query, "nearby-query", example);
            let a = nearby(&example.into(), &unit_list, &places).unwrap_or_else(|e| panic!("{file}: {:?}", e.errors));
            assert_valid(&nearby_answer, "nearby-answer", &common::written(&a));
            "nearby-query"
        } else if example.is_array() || example.get("units").is_some() {
            assert_valid(&units, "units", example);
            "units"
        } else {
            panic!("{file}: an example this test does not know; say which schema it is for: {example}")
        };
        *seen.entry(kind).or_insert(0) += 1;
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), [("nearby-query", 1), ("rulebook", 2), ("situation", 2)]);
}

#[test]
fn the_built_in_rulebooks_and_the_default_unit_list_are_valid() {
    let rulebook = validator("rulebook");
    for file in ["rules/se.json", "rules/national.json", "rules/regions.json", "rules/sou-2019-42.json"] {
        assert_valid(&rulebook, file, &read_json(file));
    }
    // data/units.csv as a JSON list, every value as text, as a region might convert it.
    let rows = vardval::units::parse_csv(include_str!("../data/units.csv")).unwrap();
    let header = &rows[0].1;
    let list: Vec<Value> = rows[1..].iter().map(|(_, cells)| Value::Object(header.iter().cloned().zip(cells.iter().map(|c| Value::from(c.as_str()))).collect())).collect();
    assert_eq!(list.len(), 329);
    let units = validator("units");
    assert_valid(&units, "units", &Value::from(list.clone()));
    assert_valid(&units, "units", &json!({ "units": list }));
}

#[test]
fn the_bad_examples_are_refused_by_both() {
    let bad_override = read_json("tests/fixtures/override-problems.json");
    assert!(!validator("rulebook").is_valid(&bad_override));
    assert_eq!(override_problems(Rulebook::builtin("se").unwrap(), &bad_override).len(), 4, "relisting.limit, ceiling_max valid_from and source, doctor_visit_kr");
    let bad_situation = json!({ "today": "2026-13-01", "person": { "age": -3 } });
    assert_eq!(schema_errors(&validator("situation"), &bad_situation).len(), 2, "today and person.age");
    assert_eq!(vardval::evaluate(&(&bad_situation).into()).unwrap_err().errors.len(), 2);
}

// --- What the engine accepts, the schema accepts ---------------------------

/// Sets `path` in `doc` to `value` (`None`: removes it), making the objects and
/// the first array item on the way. `false` when a step is not a container.
fn set(doc: &mut Value, path: &[&str], value: Option<&Value>) -> bool {
    let Some((last, parents)) = path.split_last() else { return false };
    let mut at = doc;
    for step in parents {
        at = match (at, step.parse::<usize>()) {
            (Value::Array(items), Ok(i)) => {
                if items.len() <= i {
                    items.resize(i + 1, json!({}));
                }
                &mut items[i]
            }
            (Value::Object(map), _) => map.entry(step.to_string()).or_insert_with(|| json!({})),
            _ => return false,
        };
    }
    match (at, last.parse::<usize>(), value) {
        (Value::Array(items), Ok(i), Some(v)) if i < items.len() => items[i] = v.clone(),
        (Value::Array(items), Ok(i), Some(v)) if i == items.len() => items.push(v.clone()),
        (Value::Array(items), Ok(i), None) if i < items.len() => {
            items.remove(i);
        }
        (Value::Object(map), _, Some(v)) => {
            map.insert(last.to_string(), v.clone());
        }
        (Value::Object(map), _, None) => {
            map.remove(*last);
        }
        _ => return false,
    }
    true
}

fn show(value: Option<&Value>) -> String {
    value.map_or_else(|| "(removed)".into(), |v| v.to_string().chars().take(60).collect())
}

/// What the engine gives (an answer, or nothing to show), or its problems as (path, code).
type Verdict = Result<Option<Value>, Vec<(String, String)>>;

struct Agreement<'a> {
    schema: &'static str,
    bases: Vec<Value>,
    paths: &'a [&'a [&'a str]],
    values: Vec<Value>,
    engine: &'a dyn Fn(&Value) -> Verdict,
    /// A problem that only the reader can find (it knows `today`, the data, other fields).
    reader_only: &'a dyn Fn(&str, &str) -> bool,
    /// The schema of what the engine gives, when it accepts.
    output: Option<&'static str>,
}

/// Tries every base with each path set to each value or removed; returns
/// (both accept, both refuse, only the reader refuses) and fails on any
/// disagreement the reader's own checks do not explain.
fn agree(a: &Agreement) -> (usize, usize, usize) {
    let schema = validator(a.schema);
    let output = a.output.map(validator);
    let errors = validator("errors");
    let (mut both_accept, mut both_refuse, mut reader_refuses) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for base in &a.bases {
        assert!((a.engine)(base).is_ok() && schema.is_valid(base), "a base the engine or the schema refuses: {base}");
        for path in a.paths {
            for value in a.values.iter().map(Some).chain([None]) {
                let mut doc = base.clone();
                if !set(&mut doc, path, value) {
                    continue;
                }
                let by_schema = schema_errors(&schema, &doc);
                match ((a.engine)(&doc), by_schema.is_empty()) {
                    (Ok(given), true) => {
                        both_accept += 1;
                        if let (Some(given), Some(output)) = (given, &output) {
                            assert_valid(output, a.output.unwrap(), &given);
                        }
                    }
                    (Ok(_), false) => disagreements.push(format!("{} = {}: the engine accepts, the schema refuses ({by_schema:?}): {doc}", path.join("."), show(value))),
                    (Err(problems), valid) => {
                        if a.schema == "situation" {
                            // Every error object the engine gives has the shape of errors.schema.json.
                            assert_valid(&errors, "errors", &common::written(&vardval::evaluate(&(&doc).into()).unwrap_err()));
                        }
                        if !valid {
                            both_refuse += 1;
                        } else if problems.iter().all(|(p, c)| (a.reader_only)(p, c)) {
                            reader_refuses += 1;
                        } else {
                            disagreements.push(format!("{} = {}: the schema accepts, the engine refuses ({problems:?}): {doc}", path.join("."), show(value)));
                        }
                    }
                }
            }
        }
    }
    assert!(disagreements.is_empty(), "{} disagreements with {}.schema.json, the first:\n{}", disagreements.len(), a.schema, disagreements.join("\n"));
    println!("{}: {both_accept} accepted by both, {both_refuse} refused by both, {reader_refuses} refused by the reader alone", a.schema);
    (both_accept, both_refuse, reader_refuses)
}

/// Numbers at and beyond the bounds the readers use, and values of every type.
fn common_values() -> Vec<Value> {
    let numbers = [-181.0, -180.0, -91.0, -90.0, -1.0, -0.5, 0.0, 0.025, 0.5, 1.0, 1.5, 2.0, 10.0, 18.0, 34.5, 57.78, 85.0, 90.0, 91.0, 100.0, 101.0, 130.0, 131.0, 132.0, 180.0, 181.0, 365.0, 366.0, 1000.0, 1001.0, 5000.0, 5000.5, 29_999.0, 30_000.0, 58_800.0, 100_000.0, 100_001.0, 10_000_000.0, 10_000_001.0];
    let mut values: Vec<Value> = numbers.iter().map(|&n| if n == (n as i64) as f64 { json!(n as i64) } else { json!(n) }).collect();
    values.extend([json!(34.0), json!(null), json!(true), json!(false), json!(""), json!(" "), json!("x"), json!([]), json!({}), json!([{}]), json!({ "x": 1 })]);
    values
}

fn strings(list: &[&str]) -> Vec<Value> {
    list.iter().map(|s| json!(s)).collect()
}

#[test]
fn what_the_engine_accepts_as_a_situation_the_schema_accepts() {
    let mut values = common_values();
    values.extend(strings(&[
        "se", "sou-2019-42", "sv", "en", "fi", "01", "02", "13", "14", "25", "99", "2026-01-15", "2026-11-22", "2026-12-01", "2026-02", "2026-13", "2026-02-30",
        "2024-02-29", "2026-2-1", "2017-12-31", "2018-01-01", "2022-06-30", "2022-07-01", "2099-12-31", "2100-01-01", "1889-12", "1890-01", "1961-04-20", "moved",
        "medical", "follow_doctor", "unit_closed", "other_special", "first_listing", "automatic", "listed", "other_unit", "primary", "specialist", "emergency",
        "doctor", "nurse", "other", "physical", "video", "phone", "digital",
    ]));
    let visit = json!({ "date": "2026-03-02", "where": "listed" });
    let change = json!({ "date": "2026-02-01" });
    values.extend([
        json!({ "id": "u", "region": "13", "list_closed": true }),
        json!({ "date": "2026-01-15" }),
        json!({ "date": "2026-12-01" }),
        json!([visit]),
        json!({ "base": "se", "override": read_json("tests/fixtures/override-halland.json") }),
        json!({ "base": "sou-2019-42" }),
        json!({ "base": "x" }),
        json!({ "override": { "parameters": { "relisting.limit": "two" } } }),
        Value::from(vec![visit.clone(); 1000]),
        Value::from(vec![visit; 1001]),
        Value::from(vec![change.clone(); 1000]),
        Value::from(vec![change; 1001]),
    ]);
    let paths: &[&[&str]] = &[
        &["today"], &["rulebook"], &["rulebook", "base"], &["lang"], &["person"], &["person", "age"], &["person", "birth_date"], &["person", "home_region"],
        &["person", "shoe_size"], &["listing"], &["listing", "unit"], &["listing", "unit", "id"], &["listing", "unit", "region"], &["listing", "unit", "list_closed"],
        &["listing", "changes"], &["listing", "changes", "0"], &["listing", "changes", "0", "date"], &["listing", "changes", "0", "reason"], &["listing", "planned"],
        &["listing", "planned", "date"], &["listing", "planned", "reason"], &["listing", "planned", "unit"], &["visits"], &["visits", "0"], &["visits", "0", "date"],
        &["visits", "0", "where"], &["visits", "0", "region"], &["visits", "0", "care"], &["visits", "0", "professional"], &["visits", "0", "mode"], &["visits", "0", "paid"],
        &["fee_period"], &["fee_period", "first_visit"], &["fee_period", "paid"], &["extra"],
    ];
    let bases = vec![
        read_json("examples/situation.json"),
        json!({ "today": "2026-11-23", "lang": "en", "person": { "birth_date": "1961-04-20", "home_region": "12" },
                "visits": [ { "date": "2026-01-12", "where": "listed", "professional": "nurse" }, { "date": "2026-05-02", "care": "emergency", "region": "07", "paid": 400 } ] }),
        json!({ "today": "2026-11-22", "person": { "age": 17, "home_region": "01" },
                "listing": { "unit": { "id": "a", "name": "A", "region": "01", "list_closed": null }, "changes": [ { "date": "2026-03", "reason": null }, { "date": "2025-12-24", "reason": "first_listing" } ],
                             "planned": { "unit": { "id": "b", "list_closed": true }, "reason": "medical" } },
                "visits": [ { "date": "2026-06-01", "where": "other_unit", "mode": "digital", "region": "03" } ] }),
        json!({ "today": "2026-11-22" }),
    ];
    // What a schema cannot say: dates against `today`, each other and the
    // dates the rules cover, the age and home region a visit needs, a
    // ceiling that depends on the date and region.
    let reader_only = |path: &str, code: &str| {
        let dated = path == "today" || path == "person.birth_date" || path == "fee_period.first_visit" || path == "fee_period.paid" || (path.starts_with("visits[") && path.ends_with("].date"));
        matches!(code, "date_in_future" | "date_before_today" | "before_fee_period" | "inconsistent")
            || (code == "out_of_range" && dated)
            || (code == "missing_field" && matches!(path, "person.age" | "person.home_region"))
    };
    let engine = |doc: &Value| vardval::evaluate(&doc.into()).map(|a| Some(common::written(&a))).map_err(|e| e.errors.into_iter().map(|e| (e.path, e.code)).collect());
    let (accepted, refused, reader) = agree(&Agreement { schema: "situation", bases, paths, values, engine: &engine, reader_only: &reader_only, output: Some("answer") });
    assert!(accepted > 1000 && refused > 1000 && reader > 100, "{accepted} {refused} {reader}");
}

#[test]
fn what_the_engine_accepts_as_an_override_the_schema_accepts() {
    let se = Rulebook::builtin("se").unwrap();
    let mut values = common_values();
    values.extend(strings(&[
        "se", "law", "proposal", "rolling_year", "calendar_year", "moved", "first_listing", "2026-01-01", "2026-13-01", "2026", "26", "older", "undated",
        "region", "clinic", "press", "pc_doctor", "pc_nurse", "receipt", "physical", "video", "digital", "under", "through_year", "birthday", "s1", "override",
        "regionhalland.se/avgifter",
    ]));
    values.extend([
        json!(["moved"]),
        json!(["moved", "medical", "follow_doctor", "unit_closed", "other_special", "moved", "moved"]),
        json!(["moved", "medical", "follow_doctor", "unit_closed", "other_special", "moved", "moved", "moved"]),
        json!(["automatic"]),
        json!({ "value": 2 }),
        json!({ "value": null }),
        json!({ "valid_from": "2026-01-01", "value": 1200, "unit": "kr", "source": "s1" }),
        json!([{ "valid_from": "2026-01-01", "value": 2 }]),
        json!([{ "valid_from": "2026-01-01", "value": 2 }, 3]),
        json!({ "sv": "Regler" }),
        json!({ "sv": "Regler", "en": "Rules" }),
        json!({ "en": "Rules" }),
        json!({ "title": "T" }),
        json!({ "title": "T", "url": "x.se", "publisher": "clinic" }),
        json!({ "item": "pc_nurse", "kr": 100 }),
        json!([{ "item": "pc_nurse", "kr": 100, "source": "s1" }]),
        json!({ "rule": "under", "age": 20 }),
        json!({ "kr": 1000, "valid_from": "2026-01-01" }),
        json!([{ "kr": 1000, "valid_from": "2026-01-01" }]),
        json!({ "13": { "doctor_visit_kr": 100 } }),
        json!([{ "code": "13", "doctor_visit_kr": 100 }]),
        json!([{ "doctor_visit_kr": 100 }]),
    ]);
    let full = json!({
        "sources": { "s1": { "title": "Region Halland: avgifter", "url": "regionhalland.se/avgifter", "publisher": "region" } },
        "parameters": {
            "relisting.limit": [{ "valid_from": "2026-01-01", "value": 3, "unit": "changes", "source": "s1", "note": "a region's own" }],
            "relisting.window": "calendar_year",
            "relisting.special_reasons": ["moved", "medical"],
            "guarantee.contact_days": 0,
            "guarantee.assessment_days": { "value": 3 },
            "fees.free_from_age": 85,
            "fees.free_under_age_fallback": 18,
            "fees.ceiling_share": { "value": 0.025, "source": "s1" },
            "fees.ceiling_max": [{ "valid_from": "2026-01-01", "value": null }],
            "fees.prisbasbelopp": [{ "valid_from": "2026-01-01", "value": 59_200, "unit": "kr" }],
            "fees.listed_unit_fee": null
        },
        "regions": { "13": {
            "name": "Region Halland",
            "fees": [{ "item": "pc_nurse", "mode": "video", "kr": 100, "valid_from": "2026-01-01", "as_of": "2026", "confidence": "2026", "source": "s1", "note": "n" }],
            "ceilings": [{ "kr": 1200, "valid_from": "2026-01-01", "source": "s1" }],
            "free_age": { "rule": "through_year", "age": 20, "as_of": "2026-01-01", "source": "s1" },
            "doctor_visit_kr": 250, "digital_visit_kr": 150, "free_under_age": 20, "free_age_rule": "calendar_year", "fee_as_of": "2026-01-01", "source_fee": "regionhalland.se/avgifter"
        } }
    });
    let docs_override = json_blocks("docs/interface.md").into_iter().find_map(|b| b.get("override").cloned()).expect("docs/interface.md has an override");
    let bases = vec![read_json("tests/fixtures/override-halland.json"), docs_override, full, json!({})];
    let paths: &[&[&str]] = &[
        &["id"], &["title"], &["title", "sv"], &["description"], &["status"], &["in_force_from"], &["sources"], &["sources", "s1"], &["sources", "s1", "title"],
        &["sources", "s1", "url"], &["sources", "s1", "publisher"], &["parameters"], &["parameters", "fees.nonsense"], &["regions"], &["regions", "13"],
        &["regions", "99"], &["regions", "13", "name"], &["regions", "13", "fees"], &["regions", "13", "fees", "0"], &["regions", "13", "fees", "0", "item"],
        &["regions", "13", "fees", "0", "mode"], &["regions", "13", "fees", "0", "kr"], &["regions", "13", "fees", "0", "valid_from"], &["regions", "13", "fees", "0", "as_of"],
        &["regions", "13", "fees", "0", "confidence"], &["regions", "13", "fees", "0", "source"], &["regions", "13", "ceilings"], &["regions", "13", "ceilings", "0", "kr"],
        &["regions", "13", "free_age"], &["regions", "13", "free_age", "rule"], &["regions", "13", "free_age", "age"], &["regions", "13", "doctor_visit_kr"],
        &["regions", "13", "digital_visit_kr"], &["regions", "13", "free_under_age"], &["regions", "13", "free_age_rule"], &["regions", "13", "fee_as_of"],
        &["regions", "13", "source_fee"], &["regions", "13", "other_unit_visit_kr"],
    ];
    // Every parameter, as a bare value, one entry, and the first of a list.
    let names = vardval::rulebook::PARAMETER_NAMES;
    let mut all: Vec<Vec<&str>> = paths.iter().map(|p| p.to_vec()).collect();
    for name in &names {
        all.push(vec!["parameters", name]);
        all.push(vec!["parameters", name, "value"]);
        all.push(vec!["parameters", name, "0", "value"]);
        all.push(vec!["parameters", name, "0", "valid_from"]);
        all.push(vec!["parameters", name, "0", "source"]);
    }
    let all: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    // What a schema cannot say: whether a `source` names one in `sources`;
    // that an amount needs one where it sits beside a `null` or a 1.0 name;
    // two entries of the same day; an `id` or `status` other than the base's.
    let reader_only = |_: &str, code: &str| ["unknown_source", "missing_source", "duplicate_valid_from", "cannot_change", "duplicate_fee"].contains(&code);
    let engine = |doc: &Value| {
        let problems = override_problems(se, doc);
        if problems.is_empty() { Ok(None) } else { Err(problems) }
    };
    let (accepted, refused, _) = agree(&Agreement { schema: "rulebook", bases, paths: &all, values, engine: &engine, reader_only: &reader_only, output: None });
    assert!(accepted > 1000 && refused > 1000, "{accepted} {refused}");
}

#[test]
fn what_the_engine_accepts_as_a_nearby_query_the_schema_accepts() {
    let places = common::places();
    let units = common::default_units(&places);
    let mut values = common_values();
    values.extend(strings(&["41319", "413 19", "00000", "Kiruna", "malmo", "Gothenburg", "1480", "9999", "Atlantis", "13", "99", "sv", "en", "fi"]));
    values.extend([json!(41319), json!({ "place": "Visby" }), json!({ "lat": 57.7 })]);
    let bases = vec![
        json!({ "from": { "postal_code": "41319" }, "k": 10, "max_km": 50, "only_open_lists": false }),
        json!({ "from": { "place": "Kiruna" }, "k": 3, "home_region": "25", "lang": "en" }),
        json!({ "from": { "lat": 57.7, "lon": 11.97 } }),
        json!({ "from": { "municipality": "1480" } }),
    ];
    let paths: &[&[&str]] = &[
        &["from"], &["from", "postal_code"], &["from", "place"], &["from", "municipality"], &["from", "lat"], &["from", "lon"], &["k"], &["max_km"],
        &["only_open_lists"], &["home_region"], &["lang"], &["extra"],
    ];
    // What a schema cannot say: which postal codes, places and municipalities exist.
    let reader_only = |_: &str, code: &str| matches!(code, "unknown_postal_code" | "unknown_place" | "unknown_municipality");
    let engine = |q: &Value| nearby(&q.into(), &units, &places).map(|a| Some(common::written(&a))).map_err(|e| e.errors.into_iter().map(|e| (e.path, e.code)).collect());
    let (accepted, refused, reader) = agree(&Agreement { schema: "nearby-query", bases, paths, values, engine: &engine, reader_only: &reader_only, output: Some("nearby-answer") });
    assert!(accepted > 100 && refused > 100 && reader > 10, "{accepted} {refused} {reader}");
}

#[test]
fn what_the_engine_accepts_as_a_unit_list_the_schema_accepts() {
    let places = common::places();
    let mut values = common_values();
    values.extend(strings(&[
        "osm:1", "osm:2", "=SUM(A1)", " =1", "+46 36 10 10 10", "+cmd", "-5", "@x", "57.78", "57,78", " 57.78 ", "14.16", "48.85", "2.35", "13", "99", "0680",
        "0180", "9999", "680", "https://x.se", "HTTP://x.se", "javascript:alert(1)", "ftp://x.se", "true", "false", "yes", "Vårdcentralen Exempel",
    ]));
    values.extend([json!("x".repeat(21)), json!("x".repeat(101)), json!("x".repeat(201)), json!(format!("https://{}", "x".repeat(492))), json!(123), json!(-5)]);
    let row = |id: &str| json!({ "id": id, "name": "Vårdcentralen Exempel", "lat": "57.7826", "lon": "14.1618", "region": "06", "municipality": "0680",
        "address": "Storgatan 1", "postal_code": "553 20", "phone": "036-10 10 10", "url": "https://www.exempel.se/vc", "list_closed": "false", "digital": "", "source": "Region Jönköpings län" });
    let typed = json!({ "id": "osm:3", "name": "Närhälsan", "lat": 57.7, "lon": 11.97, "list_closed": true, "digital": null, "postal_code": 41319 });
    let bases = vec![json!([row("osm:1"), row("osm:2")]), json!({ "units": [typed, { "id": "osm:4", "name": "B", "lat": 57.0, "lon": 12.0 }] })];
    let fields = ["id", "name", "lat", "lon", "region", "municipality", "address", "postal_code", "phone", "url", "list_closed", "digital", "source", "extra"];
    let mut all: Vec<Vec<&str>> = vec![vec!["0"], vec!["units"], vec!["units", "0"]];
    for f in fields {
        all.push(vec!["0", f]);
        all.push(vec!["units", "0", f]);
    }
    let all: Vec<&[&str]> = all.iter().map(Vec::as_slice).collect();
    // What a schema cannot say: unique ids, which municipalities exist, and
    // whether a position written as text is in Sweden.
    let reader_only = |_: &str, code: &str| matches!(code, "duplicate_id" | "unknown_municipality" | "outside_sweden");
    let engine = |list: &Value| {
        let (_, problems) = vardval::units::read(&list.to_string(), &|m| places.municipality_known(m));
        if problems.is_empty() { Ok(None) } else { Err(problems.into_iter().map(|p| (format!("{}:{}", p.line, p.field), p.code.to_string())).collect()) }
    };
    let (accepted, refused, _) = agree(&Agreement { schema: "units", bases, paths: &all, values, engine: &engine, reader_only: &reader_only, output: None });
    assert!(accepted > 500 && refused > 500, "{accepted} {refused}");
}
