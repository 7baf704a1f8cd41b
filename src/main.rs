//! `vardval`: the engine on the command line. A thin shell: read, call, print.
//!
//!     vardval evaluate [FILE|-]   answer a situation (CONTRACT §1–3)
//!     vardval rules [ID]          print a rulebook with its sources
//!     vardval page LANG TEMPLATE DATE   the static page (rules in full) for LANG
//!     vardval text LANG           the page's text catalogue for LANG, as JSON
//!     vardval nearby [FILE|-] [--units FILE]   units near a place (CONTRACT §4)
//!     vardval units check FILE    check a unit list (docs/units.md)
//!     vardval units import FILE [--sheet NAME]   a region's spreadsheet as a unit list
//!     vardval schema NAME         the JSON Schema of an interface (schemas/NAME.schema.json)
//!
//! Exit status: 0 on success, 2 on bad input (the errors are printed as JSON).

mod command;

use std::io::{Read, Write};
use std::process::ExitCode;
use vardval::input::{ErrorReport, InputError};

const USAGE: &str = "usage:
  vardval evaluate [FILE|-]   answer a situation given as JSON (default: standard input)
  vardval rules [ID]          print a rulebook with its parameters and sources (se, sou-2019-42)
  vardval rules check FILE    check a region's override (docs/interface.md); exit 1 and every problem with its path
  vardval page LANG TEMPLATE DATE
                              write the static page for LANG (sv, en) from TEMPLATE, with the rules in force on DATE
  vardval text LANG           print the text the page's component uses, as JSON
  vardval rulebooks           print the built-in rulebooks the page hands the module, as JSON
  vardval nearby [FILE|-] [--units UNITS]
                              the units nearest a place, as JSON (default units: OpenStreetMap 2020)
  vardval units check FILE    check a unit list (CSV or JSON); exit 1 and every problem with its line
  vardval units import FILE [--sheet NAME]
                              a region's list (.xlsx, .ods or .csv, Swedish or English headers) as a unit list
                              (CSV) on standard output; exit 1 and every problem with its row and column
  vardval schema NAME         print the JSON Schema of an interface: situation, answer, errors, nearby-query,
                              nearby-answer, rulebook, units (as in schemas/NAME.schema.json)";

// The default unit list and the place tables (scripts/units_data.py).
const DEFAULT_UNITS: &str = include_str!("../data/units.csv");
const MUNICIPALITIES: &str = include_str!("../data/municipalities.json");
const POSTAL_CODES: &str = include_str!("../data/postal-codes.json");
// 1177's counts per region, which describe the default list only.
const UNIT_COUNTS_1177: &str = include_str!("../data/unit-counts-1177.json");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["evaluate"] => evaluate("-"),
        ["evaluate", file] => evaluate(file),
        ["rules"] => rules("se"),
        ["rules", "check", file] => rules_check(file),
        ["rules", id] => rules(id),
        ["page", lang, template, date] => page(lang, template, date),
        ["nearby"] => nearby("-", None),
        ["nearby", file] => nearby(file, None),
        ["nearby", "--units", units] => nearby("-", Some(units)),
        ["nearby", file, "--units", units] | ["nearby", "--units", units, file] => nearby(file, Some(units)),
        ["units", "check", file] => units_check(file),
        ["units", "import", file] => command::import::import(file, None, &command::check::Geo::new(&places())),
        ["units", "import", file, "--sheet", sheet] | ["units", "import", "--sheet", sheet, file] => command::import::import(file, Some(sheet), &command::check::Geo::new(&places())),
        ["text", lang] => text(lang),
        ["schema", name] => schema(name),
        ["rulebooks"] => {
            println!("{}", vardval::rulebook::RULEBOOKS_MIN_JSON);
            ExitCode::SUCCESS
        }
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_input(file: &str) -> Result<String, ErrorReport> {
    let mut text = String::new();
    let result = if file == "-" { std::io::stdin().read_to_string(&mut text).map(|_| ()) } else { std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ()) };
    result.map(|_| text).map_err(|e| ErrorReport {
        errors: vec![InputError { path: String::new(), code: "unreadable_input".into(), message: format!("Kunde inte läsa {file}: {e}"), args: Default::default() }],
    })
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("could not write JSON: {e}"),
    }
}

/// Prints an answer (exit 0) or the errors (exit 2).
fn answer<T: serde::Serialize>(result: Result<T, ErrorReport>) -> ExitCode {
    match result {
        Ok(answer) => {
            print_json(&answer);
            ExitCode::SUCCESS
        }
        Err(report) => {
            print_json(&report);
            ExitCode::from(2)
        }
    }
}

fn evaluate(file: &str) -> ExitCode {
    answer(read_input(file).and_then(|text| vardval::evaluate_str(&text)))
}

fn places() -> vardval::places::Places {
    // Embedded and checked by the tests: a broken file is a build bug.
    vardval::places::Places::from_json_texts(&[MUNICIPALITIES, POSTAL_CODES]).expect("data/*.json are valid")
}

fn nearby(file: &str, units_file: Option<&str>) -> ExitCode {
    let places = places();
    let units_text = match units_file.map(std::fs::read_to_string) {
        None => DEFAULT_UNITS.to_string(),
        Some(Ok(text)) => text,
        Some(Err(e)) => {
            eprintln!("cannot read {}: {e}", units_file.unwrap_or(""));
            return ExitCode::from(2);
        }
    };
    let (units, problems) = vardval::units::read(&units_text, &|m| places.municipality_known(m));
    if !problems.is_empty() {
        eprintln!("the unit list has {} problems: run `vardval units check {}`", problems.len(), units_file.unwrap_or("data/units.csv"));
        return ExitCode::from(2);
    }
    let mut units = vardval::nearby::Units::new(units);
    if units_file.is_none() {
        units.set_counts_1177(UNIT_COUNTS_1177);
    }
    let query = read_input(file).and_then(|text| serde_json::from_str::<serde_json::Value>(&text).map_err(|e| vardval::invalid_json(&e)));
    answer(query.and_then(|q| vardval::nearby::nearby(&q, &units, &places)))
}

/// Checks a unit list a piece at a time (src/command/check.rs), printing each
/// problem as it is found.
fn units_check(file: &str) -> ExitCode {
    let input = match std::fs::File::open(file) {
        Ok(f) => std::io::BufReader::new(f),
        Err(e) => {
            eprintln!("cannot open {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let places = places();
    let geo = command::check::Geo::new(&places);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut print = |p: &vardval::units::UnitProblem| {
        let _ = writeln!(out, "{file}:{}: {}: {}: {}", p.line, if p.field.is_empty() { "-" } else { &p.field }, p.code, p.detail);
    };
    let summary = match command::check::check(input, &geo, &mut print) {
        Ok(summary) => summary,
        Err(e) => {
            let _ = out.flush();
            eprintln!("cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let status = if summary.problems == 0 {
        let _ = writeln!(out, "{file}: {} units, {} regions, {} with a closed list: no problems", summary.units, summary.regions.len(), summary.closed);
        ExitCode::SUCCESS
    } else {
        let _ = writeln!(out, "{file}: {}", command::problems(summary.problems));
        ExitCode::from(1)
    };
    let _ = out.flush();
    status
}

fn lang(code: &str) -> Option<vardval::text::Lang> {
    let lang = vardval::text::Lang::from_code(code);
    if lang.is_none() {
        eprintln!("unknown language {code:?}: sv or en");
    }
    lang
}

fn page(code: &str, template: &str, date: &str) -> ExitCode {
    let (Some(lang), Some(day)) = (lang(code), vardval::date::Date::parse_iso(date)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(template) = std::fs::read_to_string(template) else {
        eprintln!("cannot read {template}");
        return ExitCode::from(2);
    };
    let Some(book) = vardval::rulebook("se") else { return ExitCode::from(2) };
    print!("{}", vardval::page::render(&template, lang, book, day));
    ExitCode::SUCCESS
}

/// The catalogue entries the page's component shows itself: its own labels
/// (`ui.`), month names and reasons. The engine's answers bring the rest.
fn text(code: &str) -> ExitCode {
    let Some(lang) = lang(code) else { return ExitCode::from(2) };
    let page = vardval::text::page_catalogue(lang).iter().filter(|(k, _)| k.starts_with("ui."));
    // The whole answers' catalogue: the WebAssembly module writes its answers from it.
    let answers = vardval::text::catalogue(lang).iter();
    let entries: serde_json::Map<String, serde_json::Value> = page
        .chain(answers)
        .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str())))
        .collect();
    println!("{}", serde_json::Value::Object(entries));
    ExitCode::SUCCESS
}

/// Checks a region's override file: the object a situation's
/// `rulebook.override` (or the component's `rules-src`) holds.
fn rules_check(file: &str) -> ExitCode {
    let text = match read_input(file) {
        Ok(text) => text,
        Err(report) => {
            print_json(&report);
            return ExitCode::from(2);
        }
    };
    let doc: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            println!("{file}:{}:{}: invalid_json", e.line(), e.column());
            return ExitCode::from(1);
        }
    };
    let mut reader = vardval::input::Reader::default();
    let Some(mut book) = vardval::rulebook::Rulebook::read_builtin("se", &mut reader) else { return ExitCode::from(2) };
    book.apply(&doc, "", &mut reader);
    let report = vardval::report(vardval::text::Lang::Sv, &reader.problems);
    for e in &report.errors {
        println!("{file}: {}: {}: {}", if e.path.is_empty() { "-" } else { &e.path }, e.code, e.message);
    }
    for path in &reader.unknown_fields {
        println!("{file}: {path}: unknown_field (not used)");
    }
    if report.errors.is_empty() {
        println!("{file}: an override of se: no problems");
        ExitCode::SUCCESS
    } else {
        println!("{file}: {} problems", report.errors.len());
        ExitCode::from(1)
    }
}

/// Prints the JSON Schema `name` (src/schema.rs); `make schemas` writes them all to schemas/.
fn schema(name: &str) -> ExitCode {
    match vardval::schema::generate(name) {
        Some(schema) => {
            print_json(&schema);
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("unknown schema {name:?}: {}\n{USAGE}", vardval::schema::NAMES.join(", "));
            ExitCode::from(2)
        }
    }
}

fn rules(id: &str) -> ExitCode {
    match vardval::rulebook(id) {
        Some(book) => {
            print_json(&book);
            ExitCode::SUCCESS
        }
        None => {
            let report = vardval::report(
                vardval::text::Lang::Sv,
                &[vardval::input::Problem {
                    path: "rulebook".into(),
                    code: "unknown_rulebook",
                    args: vec![("value", id.chars().take(40).collect()), ("allowed", vardval::rulebook::BUILTIN_IDS.join(", "))],
                }],
            );
            print_json(&report);
            ExitCode::from(2)
        }
    }
}
