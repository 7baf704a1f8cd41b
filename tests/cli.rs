//! The `vardval` command as a user runs it: exit status and output.

mod common;
use std::io::Write;
use std::os::fd::{FromRawFd, OwnedFd};
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

/// The command writes with the engine's writer and indents what it wrote
/// (`json_writer::pretty`): byte for byte what serde_json's pretty printer
/// writes for the same values (serde's derive, kept on the host as the oracle).
#[test]
fn the_command_prints_what_serde_jsons_pretty_printer_prints() {
    fn pretty<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string_pretty(value).unwrap() + "\n"
    }
    let situation = std::fs::read_to_string("examples/situation.json").unwrap();
    let answer = vardval::evaluate_str(&situation).unwrap();
    assert_eq!(String::from_utf8(vardval(&["evaluate", "-"], Some(&situation)).stdout).unwrap(), pretty(&answer));
    let bad = r#"{ "today": "2026-13-01", "person": { "age": -3, "home_region": "x\u0001\"é" }, "visits": [] }"#;
    let report = vardval::evaluate_str(bad).unwrap_err();
    assert!(report.errors.iter().any(|e| !e.args.0.is_empty()), "an error with args: {report:?}");
    assert_eq!(String::from_utf8(vardval(&["evaluate", "-"], Some(bad)).stdout).unwrap(), pretty(&report));
    for id in vardval::rulebook::BUILTIN_IDS {
        let book = vardval::rulebook(id).unwrap();
        assert_eq!(String::from_utf8(vardval(&["rules", id], None).stdout).unwrap(), pretty(book), "{id}");
    }
    let places = common::places();
    let units = common::default_units(&places);
    let query = r#"{ "from": { "place": "Malmö" }, "k": 5, "home_region": "13" }"#;
    let near = vardval::nearby::nearby(&vardval::parse_json(query).unwrap(), &units, &places).unwrap();
    assert_eq!(String::from_utf8(vardval(&["nearby", "-"], Some(query)).stdout).unwrap(), pretty(&near));
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

/// The page's default list is what `units import --json` writes from
/// data/units.csv (the Makefile's www/data/units.json), read by the nearby
/// module without the per-line checks (`units::read_checked`): the units it
/// reads so are those the checked CSV gives, field for field.
#[test]
fn the_default_list_as_the_import_writes_it_reads_as_the_checked_csv() {
    let out = vardval(&["units", "import", "data/units.csv", "--json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string("data/units.csv").unwrap();
    let (from_csv, problems) = vardval::units::read(&csv, &|_| true);
    assert_eq!(problems, vec![]);
    let from_json = vardval::units::read_checked(&String::from_utf8(out.stdout).unwrap()).expect("a checked list");
    assert_eq!(from_json.len(), 329);
    assert_eq!(from_json, from_csv);
    // Anything else is refused whole, never read in part.
    for bad in ["", "[]", r#"{"units":[{"id":"a","name":"A","lat":"57.7","lon":14.1}]}"#, r#"{"units":[{"id":"a","lat":57.7,"lon":14.1}]}"#, r#"{"units":[{"id":"a","name":"A","lat":57.7,"lon":14.1,"list_closed":"yes"}]}"#] {
        assert_eq!(vardval::units::read_checked(bad), None, "{bad}");
    }
}

/// A coordinate given to 17 digits is written by `units import --json` as the
/// number it was read as, the one its checks used: the nearest double to
/// 59.120000000562676 prints as itself (Python's `repr` agrees). The release
/// command wrote 59.12000000056267, another number, while it sorted the
/// report's keys through serde_json's reader without `float_roundtrip` (a test
/// build cannot show that: a dev-dependency turns the feature on).
#[test]
fn the_import_writes_a_long_coordinate_as_it_read_it() {
    let csv = "HSA-id;Namn;Adress;Postnummer;Kommun;Län;Latitud;Longitud;Telefon;Webbplats;Tar emot nya patienter;Digitala besök;Källa\n\
               SE2321000000-E00001;Vårdcentralen Exempel;Storgatan 1;136 40;Haninge;Stockholms län;59,120000000562676;18,06;08-10 10 10;https://www.exempel.se/vc;Ja;Nej;Region Stockholm, 2026-11-01\n";
    let out = vardval(&["units", "import", &temp_file("long-coordinate.csv", csv), "--json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(r#""lat":59.120000000562676,"#), "{text}");
}

#[test]
fn rules_check_a_regions_override() {
    let ok = vardval(&["rules", "check", "tests/fixtures/override-halland.json"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
    let bad = vardval(&["rules", "check", "tests/fixtures/override-problems.json"], None);
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stdout);
    for line in [
        "parameters.relisting.limit: invalid_type",
        "parameters.fees.ceiling_max[0].valid_from: invalid_date",
        "parameters.fees.ceiling_max[0].source: missing_source",
        "regions.13.doctor_visit_kr: out_of_range",
        "4 problems",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}

/// A pipe's write end whose read end is already closed. Made before the
/// command starts: a read end still open when it writes (ours, not yet
/// dropped, or a copy in a child another test is starting) lets a short
/// output (`vardval text sv` fits the pipe's buffer) through, with exit 0.
fn pipe_without_reader() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `pipe2` fills both descriptors or fails; each is owned once below.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0, "pipe2");
    drop(unsafe { OwnedFd::from_raw_fd(fds[0]) });
    Stdio::from(unsafe { OwnedFd::from_raw_fd(fds[1]) })
}

/// The command with its standard output closed before it writes: as
/// `vardval … | head -c 10` once `head` has what it wanted.
fn vardval_into_closed_pipe(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vardval")).args(args).stdin(Stdio::piped()).stdout(pipe_without_reader()).stderr(Stdio::piped()).spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    // The command may stop before it has read everything: that is its right.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_never_with_a_panic() {
    // Issue 11, D10: these ended with a panic and exit 134.
    let situation = std::fs::read_to_string("examples/situation.json").unwrap();
    let every_command: [&[&str]; 12] = [
        &["evaluate", "-"],
        &["rules", "se"],
        &["nearby", "-"],
        &["units", "check", "data/units.csv"],
        &["units", "import", "docs/units-template.csv"],
        &["rules", "check", "tests/fixtures/override-halland.json"],
        &["schema", "situation"],
        &["text", "sv"],
        &["text", "--more", "sv"],
        &["rulebooks"],
        &["page", "sv", "www/page.html", "2026-11-24"],
        &["units", "check", "data/units.csv", "--json"],
    ];
    for args in every_command {
        let stdin = if args[0] == "nearby" { r#"{ "from": { "postal_code": "55320" } }"# } else { &situation };
        let out = vardval_into_closed_pipe(args, stdin);
        assert_eq!(out.status.code(), Some(141), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?} said: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn a_full_disk_ends_the_command_with_one_line_and_exit_74() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full exists on Linux");
    let out = Command::new(env!("CARGO_BIN_EXE_vardval")).args(["rules", "se"]).stdout(full).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(out.status.code(), Some(74));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with("vardval: cannot write the output:") && said.lines().count() == 1, "{said}");
}

#[test]
fn a_key_given_twice_is_an_error_not_a_silent_choice() {
    // Issue 11, D13: the second "visits" used to replace the first without a word.
    let text = r#"{ "today": "2026-11-22", "lang": "en", "person": { "age": 40, "home_region": "13" },
                   "visits": [ { "date": "2026-03-01", "where": "listed" } ], "visits": [] }"#;
    let out = vardval(&["evaluate", "-"], Some(text));
    assert_eq!(out.status.code(), Some(2));
    let e = json(&out);
    assert_eq!(e["errors"].as_array().unwrap().len(), 1, "{e}");
    assert_eq!(e["errors"][0]["path"], "visits");
    assert_eq!(e["errors"][0]["code"], "duplicate_key");
    assert!(e["errors"][0]["message"].as_str().unwrap().contains("given twice"), "in the situation's language: {e}");

    let nested = vardval(&["nearby", "-"], Some(r#"{ "from": { "postal_code": "55320", "postal_code": "11120" } }"#));
    assert_eq!(nested.status.code(), Some(2));
    assert_eq!(json(&nested)["errors"][0]["path"], "from.postal_code");

    let list = temp_file("units-twice.json", r#"[ { "id": "a", "name": "A", "name": "B", "lat": 57.78, "lon": 14.16, "region": "06", "municipality": "0680" } ]"#);
    let checked = vardval(&["units", "check", &list], None);
    assert_eq!(checked.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&checked.stdout).contains(":1: name: duplicate_key"), "{}", String::from_utf8_lossy(&checked.stdout));
}

#[test]
fn a_leading_byte_order_mark_is_read_as_nothing() {
    // Issue 11, D13: Notepad's UTF-8 files begin with one; it was "invalid JSON at line 1".
    let situation = std::fs::read_to_string("examples/situation.json").unwrap();
    let with_mark = format!("\u{feff}{situation}");
    let out = vardval(&["evaluate", "-"], Some(&with_mark));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(out.stdout, vardval(&["evaluate", "-"], Some(&situation)).stdout);

    let near = vardval(&["nearby", "-"], Some("\u{feff}{ \"from\": { \"postal_code\": \"55320\" } }"));
    assert_eq!(near.status.code(), Some(0));
    let over = temp_file("override-bom.json", &format!("\u{feff}{}", std::fs::read_to_string("tests/fixtures/override-halland.json").unwrap()));
    assert_eq!(vardval(&["rules", "check", &over], None).status.code(), Some(0));
}

/// A file of the test's own in the target folder.
fn temp_file(name: &str, text: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn nearby_says_what_is_wrong_with_its_unit_list_as_json() {
    // Issue 11, D11: these were lines on standard error.
    let query = r#"{ "from": { "postal_code": "55320" } }"#;
    let missing = vardval(&["nearby", "-", "--units", "no/such/units.csv"], Some(query));
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(json(&missing)["errors"][0]["code"], "unreadable_input");
    let bad = vardval(&["nearby", "-", "--units", "tests/fixtures/units-problems.csv"], Some(query));
    assert_eq!(bad.status.code(), Some(2));
    let e = json(&bad);
    assert_eq!(e["errors"][0]["code"], "invalid_unit_list");
    assert!(e["errors"][0]["message"].as_str().unwrap().contains("vardval units check tests/fixtures/units-problems.csv"), "{e}");
}

#[test]
fn the_checks_speak_json_when_asked() {
    let rules = vardval(&["rules", "check", "tests/fixtures/override-problems.json", "--json"], None);
    assert_eq!(rules.status.code(), Some(1));
    let r = json(&rules);
    assert_eq!(r["ok"], false);
    assert_eq!(r["file"], "tests/fixtures/override-problems.json");
    let paths: Vec<&str> = r["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"regions.13.doctor_visit_kr"), "{paths:?}");
    assert_eq!(json(&vardval(&["rules", "check", "--json", "tests/fixtures/override-halland.json"], None))["ok"], true);

    let units = vardval(&["units", "check", "tests/fixtures/units-problems.csv", "--json"], None);
    assert_eq!(units.status.code(), Some(1));
    let u = json(&units);
    assert_eq!(u["ok"], false);
    assert_eq!(u["problems"], 7);
    assert_eq!(u["errors"].as_array().unwrap().len(), 7);
    assert!(u["errors"].as_array().unwrap().iter().any(|e| e["line"] == 4 && e["field"] == "lat" && e["code"] == "outside_sweden"), "{u}");
    let clean = json(&vardval(&["units", "check", "data/units.csv", "--json"], None));
    let units_in_the_file = std::fs::read_to_string("data/units.csv").unwrap().lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert_eq!((clean["ok"].as_bool(), clean["unit_count"].as_u64()), (Some(true), Some(units_in_the_file as u64)));

    let missing = vardval(&["units", "check", "no/such.csv", "--json"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(json(&missing)["errors"][0]["code"], "unreadable_input");

    // The import's JSON is itself a unit list that `units check` accepts.
    let imported = vardval(&["units", "import", "docs/units-template.csv", "--json"], None);
    assert_eq!(imported.status.code(), Some(0), "{}", String::from_utf8_lossy(&imported.stdout));
    let list = json(&imported);
    assert_eq!(list["ok"], true);
    assert_eq!(list["errors"], serde_json::json!([]));
    assert!(list["units"][0]["lat"].is_number(), "{list}");
    let again = temp_file("imported.json", &list.to_string());
    assert_eq!(vardval(&["units", "check", &again], None).status.code(), Some(0));

    let usage = vardval(&["evaluate", "--json"], None);
    assert_eq!(usage.status.code(), Some(2), "--json is for the checks only");
}

#[test]
fn a_file_the_checks_cannot_read_is_a_problem_like_the_others() {
    // One convention (issue 11, D11): the checks exit 0 or 1, not 2.
    for args in [&["units", "check", "no/such.csv"][..], &["rules", "check", "no/such.json"]] {
        let out = vardval(args, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("unreadable_input"), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    }
    let import = vardval(&["units", "import", "no/such.xlsx"], None);
    assert_eq!(import.status.code(), Some(1));
    assert!(import.stdout.is_empty(), "nothing but units on standard output");
    assert!(String::from_utf8_lossy(&import.stderr).contains("unreadable_input"));
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
