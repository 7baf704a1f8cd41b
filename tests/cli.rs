//! The `vardval` command as a user runs it: exit status and output.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn vardval(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vardval"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vardval starts");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn evaluate_a_good_situation_from_a_file() {
    let out = vardval(&["evaluate", "examples/situation.json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let a = json(&out);
    assert_eq!(a["listing"]["can_change"], true);
    assert_eq!(a["fees"]["periods"][0]["charged"], 1000);
    assert_eq!(a["fees"]["proposal"]["total_charged"], 100);
}

#[test]
fn evaluate_from_standard_input_gives_the_same_answer() {
    let text = std::fs::read_to_string("examples/situation.json").unwrap();
    let from_stdin = vardval(&["evaluate", "-"], Some(&text));
    let from_file = vardval(&["evaluate", "examples/situation.json"], None);
    assert_eq!(from_stdin.status.code(), Some(0));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    let implicit = vardval(&["evaluate"], Some(&text));
    assert_eq!(implicit.stdout, from_file.stdout);
}

#[test]
fn a_bad_situation_exits_2_with_every_error() {
    let out = vardval(&["evaluate", "-"], Some(r#"{ "today": "2026-13-01", "person": { "age": -3 } }"#));
    assert_eq!(out.status.code(), Some(2));
    let e = json(&out);
    let errors = e["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0]["path"], "today");
    assert_eq!(errors[0]["code"], "invalid_date");
    assert_eq!(errors[1]["path"], "person.age");
    assert!(!errors[1]["message"].as_str().unwrap().is_empty());
}

#[test]
fn text_that_is_not_json_exits_2() {
    let out = vardval(&["evaluate", "-"], Some("today is monday"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["code"], "invalid_json");
}

#[test]
fn a_missing_file_exits_2_with_an_error() {
    let out = vardval(&["evaluate", "no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["code"], "unreadable_input");
}

#[test]
fn rules_prints_a_rulebook_with_sources() {
    let out = vardval(&["rules", "se"], None);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(r["id"], "se");
    assert_eq!(r["regions"].as_array().unwrap().len(), 21);
    assert!(r["sources"].as_array().unwrap().iter().any(|s| s["id"] == "hsl-7-3b"));
    assert_eq!(r["parameters"]["relisting.limit"][0]["value"], 2);
    assert_eq!(r["parameters"]["relisting.limit"][0]["source"], "hsl-7-3b");

    let sou = json(&vardval(&["rules", "sou-2019-42"], None));
    assert_eq!(sou["parameters"]["fees.listed_unit_fee"][0]["value"], 100);
    assert_eq!(sou["status"], "proposal");
}

#[test]
fn an_unknown_rulebook_or_command_exits_2() {
    let out = vardval(&["rules", "nope"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["code"], "unknown_rulebook");
    let usage = vardval(&["frobnicate"], None);
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("usage"));
}

#[test]
fn nearby_from_a_postal_code() {
    let out = vardval(&["nearby", "-"], Some(r#"{ "from": { "postal_code": "413 19" }, "k": 3, "max_km": 50 }"#));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let a = json(&out);
    assert_eq!(a["units"].as_array().unwrap().len(), 3);
    assert_eq!(a["origin"]["label"], "Göteborg");
    let bad = vardval(&["nearby", "-"], Some(r#"{ "from": { "postal_code": "99999" } }"#));
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(json(&bad)["errors"][0]["code"], "unknown_postal_code");
}

#[test]
fn units_check_exits_0_on_a_clean_file_and_1_with_every_problem() {
    let ok = vardval(&["units", "check", "data/units.csv"], None);
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("329 units"));
    let bad = vardval(&["units", "check", "tests/fixtures/units-problems.csv"], None);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    assert!(text.contains("units-problems.csv:4: lat: outside_sweden"), "{text}");
    assert!(text.contains("7 problems"), "{text}");
}

#[test]
fn rules_check_a_regions_override() {
    let ok = vardval(&["rules", "check", "tests/fixtures/override-halland.json"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
    let bad = vardval(&["rules", "check", "tests/fixtures/override-problems.json"], None);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    for line in ["parameters.relisting.limit: invalid_type", "parameters.fees.ceiling_max[0].valid_from: invalid_date", "regions.13.doctor_visit_kr: out_of_range", "3 problems"] {
        assert!(text.contains(line), "{line} in {text}");
    }
}

#[test]
fn the_checked_in_schemas_are_what_vardval_schema_prints() {
    let mut files: Vec<String> = std::fs::read_dir("schemas").unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    let mut expected: Vec<String> = vardval::schema::NAMES.iter().map(|n| format!("{n}.schema.json")).collect();
    expected.sort();
    assert_eq!(files, expected, "schemas/ holds one file per name of `vardval schema` (vardval schema NAME > schemas/NAME.schema.json)");
    for name in vardval::schema::NAMES {
        let out = vardval(&["schema", name], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let file = std::fs::read_to_string(format!("schemas/{name}.schema.json")).unwrap();
        assert!(out.stdout == file.as_bytes(), "schemas/{name}.schema.json is not current: run `make schemas`");
    }
}

#[test]
fn an_unknown_schema_gives_the_usage_and_exit_2() {
    let out = vardval(&["schema", "situations"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("unknown schema \"situations\": situation, answer, errors") && text.contains("usage:"), "{text}");
}
