//! `vardval`: the engine on the command line. A thin shell: read, call, print.
//!
//!     vardval evaluate [FILE|-]   answer a situation (CONTRACT §1–3)
//!     vardval rules [ID]          print a rulebook with its sources
//!     vardval page LANG TEMPLATE DATE   the static page (rules in full) for LANG
//!     vardval text [--more] LANG  the page's text catalogue for LANG, as JSON
//!     vardval nearby [FILE|-] [--units FILE]   units near a place (CONTRACT §4)
//!     vardval units check FILE [--json]          check a unit list (docs/units.md)
//!     vardval units import FILE [--sheet NAME] [--json]   a region's spreadsheet as a unit list
//!     vardval rules check FILE [--json]          check a region's override
//!     vardval schema NAME         the JSON Schema of an interface (schemas/NAME.schema.json)
//!
//! One convention for output (docs/interface.md, "The command"): `evaluate`
//! and `nearby` print an answer (exit 0) or the error object (exit 2) as JSON
//! on standard output; the checks and the import print what a person reads
//! (exit 0: no problems, 1: problems), or JSON with `--json`. Every write goes
//! through one buffered `Write` and `?`: a closed pipe ends the command with
//! exit 141 and nothing said, any other failed write (a full disk) with one
//! line on standard error and exit 74, never a panic.

mod command;

use std::io::{self, Read, Write};
use std::process::ExitCode;
use command::{note, Out};
use vardval::input::{ErrorReport, InputError};
use vardval::json_writer::{pretty, WriteJson};

const USAGE: &str = "usage:
  vardval evaluate [FILE|-]   answer a situation given as JSON (default: standard input)
  vardval nearby [FILE|-] [--units UNITS]
                              the units nearest a place, as JSON (default units: OpenStreetMap 2020)
                              both: the answer as JSON and exit 0, or the errors as JSON and exit 2
  vardval rules [ID]          print a rulebook with its parameters and sources (se, sou-2019-42)
  vardval rules check FILE [--json]
                              check a region's override (docs/interface.md)
  vardval units check FILE [--json]
                              check a unit list (CSV or JSON)
  vardval units import FILE [--sheet NAME] [--json]
                              a region's list (.xlsx, .ods or .csv, Swedish or English headers) as a unit
                              list: CSV on standard output (with --json: a JSON unit list), problems on
                              standard error
                              checks and import: exit 0 without problems, 1 with every problem and where
                              it is; --json prints one JSON object instead
  vardval page LANG TEMPLATE DATE
                              write the static page for LANG (sv, en) from TEMPLATE, with the rules in force on DATE
  vardval text LANG           print the text the page's component uses before and for its first answer, as JSON
  vardval text --more LANG    print the rest: what its parts loaded later say, the engine's error
                              messages and an override's citations, as JSON
  vardval rulebooks           print the built-in rulebooks the modules carry, as JSON
  vardval rulebooks --rust    the same as Rust statics: src/rulebook/builtin.rs (make build)
  vardval schema NAME         print the JSON Schema of an interface: situation, answer, errors, nearby-query,
                              nearby-answer, rulebook, units (as in schemas/NAME.schema.json)
exit 2 also for a command line that is not one of these; 141 when standard output is closed
early (`| head`), 74 when it cannot be written (a full disk)";

// The default unit list and the place tables (scripts/units_data.py).
const DEFAULT_UNITS: &str = include_str!("../data/units.csv");
const MUNICIPALITIES: &str = include_str!("../data/municipalities.json");
const POSTAL_CODES: &str = include_str!("../data/postal-codes.json");
// 1177's counts per region, which describe the default list only.
const UNIT_COUNTS_1177: &str = include_str!("../data/unit-counts-1177.json");

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    args.retain(|a| a != "--json");
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = run(&args, json, &mut out).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => code,
        // The reader has what it wanted (`| head`): as quiet as SIGPIPE would be.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(141),
        Err(e) => {
            note(&format!("vardval: cannot write the output: {e}"));
            ExitCode::from(74)
        }
    }
}

fn usage() -> io::Result<ExitCode> {
    note(USAGE);
    Ok(ExitCode::from(2))
}

fn run(args: &[String], json: bool, out: Out) -> io::Result<ExitCode> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["rules", "check", file] => return rules_check(file, json, out),
        ["units", "check", file] => return units_check(file, json, out),
        ["units", "import", file] => return command::import::import(file, None, json, &command::check::Geo::new(&places()), out),
        ["units", "import", file, "--sheet", sheet] | ["units", "import", "--sheet", sheet, file] => {
            return command::import::import(file, Some(sheet), json, &command::check::Geo::new(&places()), out)
        }
        _ if json => return usage(),
        _ => {}
    }
    match args.as_slice() {
        ["evaluate"] => evaluate("-", out),
        ["evaluate", file] => evaluate(file, out),
        ["rules"] => rules("se", out),
        ["rules", id] => rules(id, out),
        ["page", lang, template, date] => page(lang, template, date, out),
        ["nearby"] => nearby("-", None, out),
        ["nearby", file] => nearby(file, None, out),
        ["nearby", "--units", units] => nearby("-", Some(units), out),
        ["nearby", file, "--units", units] | ["nearby", "--units", units, file] => nearby(file, Some(units), out),
        ["text", lang] => text(lang, false, out),
        ["text", "--more", lang] => text(lang, true, out),
        ["schema", name] => schema(name, out),
        ["rulebooks"] => {
            writeln!(out, "{}", vardval::rulebook::RULEBOOKS_MIN_JSON)?;
            Ok(ExitCode::SUCCESS)
        }
        ["rulebooks", "--rust"] => {
            write!(out, "{}", vardval::rulebook::generate::builtin_rust())?;
            Ok(ExitCode::SUCCESS)
        }
        ["help" | "--help" | "-h"] => {
            writeln!(out, "{USAGE}")?;
            Ok(ExitCode::SUCCESS)
        }
        _ => usage(),
    }
}

fn read_input(file: &str) -> Result<String, ErrorReport> {
    let mut text = String::new();
    let result = if file == "-" { io::stdin().read_to_string(&mut text).map(|_| ()) } else { std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ()) };
    result.map(|_| text).map_err(|e| file_error("unreadable_input", format!("Kunde inte läsa {file}: {e}")))
}

/// A problem with a file the command was given, as the contract's error object.
fn file_error(code: &str, message: String) -> ErrorReport {
    ErrorReport { errors: vec![InputError { path: String::new(), code: code.into(), message, args: Default::default() }] }
}

/// Prints compact JSON indented, as serde_json's pretty printer does.
fn write_json(out: Out, compact: &str) -> io::Result<()> {
    writeln!(out, "{}", pretty(compact))
}

/// Prints an answer (exit 0) or the errors (exit 2).
fn answer<T: WriteJson>(result: Result<T, ErrorReport>, out: Out) -> io::Result<ExitCode> {
    match result {
        Ok(answer) => write_json(out, &answer.to_json()).map(|()| ExitCode::SUCCESS),
        Err(report) => write_json(out, &report.to_json()).map(|()| ExitCode::from(2)),
    }
}

fn evaluate(file: &str, out: Out) -> io::Result<ExitCode> {
    answer(read_input(file).and_then(|text| vardval::evaluate_str(&text)), out)
}

fn places() -> vardval::places::Places {
    // Embedded and checked by the tests: a broken file is a build bug.
    vardval::places::Places::from_json_texts(&[MUNICIPALITIES, POSTAL_CODES]).expect("data/*.json are valid")
}

fn nearby(file: &str, units_file: Option<&str>, out: Out) -> io::Result<ExitCode> {
    let places = places();
    let units = match units_file {
        None => Ok(DEFAULT_UNITS.to_string()),
        Some(units_file) => read_input(units_file),
    };
    let units = units.and_then(|text| {
        let (units, problems) = vardval::units::read(&text, &|m| places.municipality_known(m));
        if problems.is_empty() {
            return Ok(units);
        }
        let name = units_file.unwrap_or("data/units.csv");
        Err(file_error("invalid_unit_list", format!("Listan över vårdcentraler i {name} har {} fel: se `vardval units check {name}`.", problems.len())))
    });
    let units = units.map(|units| {
        let mut units = vardval::nearby::Units::new(units);
        if units_file.is_none() {
            units.set_counts_1177(UNIT_COUNTS_1177);
        }
        units
    });
    let query = units.and_then(|units| Ok((units, vardval::parse_json(&read_input(file)?)?)));
    answer(query.and_then(|(units, q)| vardval::nearby::nearby(&q, &units, &places)), out)
}

/// Checks a unit list a piece at a time (src/command/check.rs), printing each
/// problem as it is found (with `--json`, as a stream of one JSON object).
fn units_check(file: &str, json: bool, out: Out) -> io::Result<ExitCode> {
    let input = match std::fs::File::open(file) {
        Ok(f) => io::BufReader::new(f),
        Err(e) => return command::report_unreadable(file, &e, json, out),
    };
    let places = places();
    let geo = command::check::Geo::new(&places);
    let mut write_error: Option<io::Error> = None;
    if json {
        write!(out, "{{\"file\":{},\"errors\":[", file.to_json())?;
    }
    let mut first = true;
    let mut print = |p: &vardval::units::UnitProblem| {
        if write_error.is_none() {
            let written = if json { command::write_unit_problem_json(out, p, std::mem::take(&mut first)) } else { command::write_unit_problem(out, file, p) };
            write_error = written.err();
        }
    };
    let checked = command::check::check(input, &geo, &mut print);
    if let Some(e) = write_error {
        return Err(e);
    }
    let summary = match checked {
        Ok(summary) => summary,
        Err(e) if json => {
            // Stop the list of problems where reading stopped, and say why.
            write!(out, "],\"ok\":false,\"unreadable\":{}}}", e.to_string().to_json())?;
            writeln!(out)?;
            return Ok(ExitCode::from(1));
        }
        Err(e) => return command::report_unreadable(file, &e, false, out),
    };
    let ok = summary.problems == 0;
    if json {
        let regions = summary.regions.to_json();
        writeln!(out, "],\"ok\":{ok},\"unit_count\":{},\"regions\":{regions},\"closed\":{},\"problems\":{}}}", summary.units, summary.closed, summary.problems)?;
    } else if ok {
        let (units, regions) = (command::count(summary.units, "unit"), command::count(summary.regions.len(), "region"));
        writeln!(out, "{file}: {units}, {regions}, {} with a closed list: no problems", summary.closed)?;
    } else {
        writeln!(out, "{file}: {}", command::problems(summary.problems))?;
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn lang(code: &str) -> Option<vardval::text::Lang> {
    let lang = vardval::text::Lang::from_code(code);
    if lang.is_none() {
        note(&format!("unknown language {code:?}: {}", vardval::text::Lang::CODES.join(", ")));
    }
    lang
}

fn page(code: &str, template: &str, date: &str, out: Out) -> io::Result<ExitCode> {
    let (Some(lang), Some(day)) = (lang(code), vardval::date::Date::parse_iso(date)) else { return usage() };
    let Ok(template) = std::fs::read_to_string(template) else {
        note(&format!("cannot read {template}"));
        return Ok(ExitCode::from(2));
    };
    let Some(book) = vardval::rulebook("se") else { return Ok(ExitCode::from(2)) };
    write!(out, "{}", vardval::page::render(&template, lang, book, day))?;
    Ok(ExitCode::SUCCESS)
}

/// The component's catalogue (data/text-LANG.json): `page::catalogue_json`,
/// which the page also holds inline; with `more`, its second
/// (data/text-more-LANG.json, `page::more_catalogue_json`), which its parts
/// loaded later fetch.
fn text(code: &str, more: bool, out: Out) -> io::Result<ExitCode> {
    let Some(lang) = lang(code) else { return Ok(ExitCode::from(2)) };
    let json = if more { vardval::page::more_catalogue_json(lang) } else { vardval::page::catalogue_json(lang) };
    writeln!(out, "{json}")?;
    Ok(ExitCode::SUCCESS)
}

/// Checks a region's override file (the object a situation's
/// `rulebook.override`, or the component's `rules-src`, holds) as strictly as
/// `rulebook::check_override` does: every problem with its path.
fn rules_check(file: &str, json: bool, out: Out) -> io::Result<ExitCode> {
    let report = match read_input(file).and_then(|text| vardval::parse_json(&text)) {
        Ok(doc) => vardval::report(vardval::text::Lang::Sv, &vardval::rulebook::check_override(&doc)),
        Err(report) => report,
    };
    let ok = report.errors.is_empty();
    if json {
        write_json(out, &command::FileReport { errors: &report.errors, file, ok, units: None }.to_sorted_json())?;
    } else {
        for e in &report.errors {
            writeln!(out, "{file}: {}: {}: {}", if e.path.is_empty() { "-" } else { &e.path }, e.code, e.message)?;
        }
        if ok {
            writeln!(out, "{file}: no problems")?;
        } else {
            writeln!(out, "{file}: {}", command::problems(report.errors.len()))?;
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn schema(name: &str, out: Out) -> io::Result<ExitCode> {
    match vardval::schema::generate(name) {
        Some(schema) => write_json(out, &serde_json::to_string(&schema)?).map(|()| ExitCode::SUCCESS),
        None => {
            note(&format!("unknown schema {name:?}: {}", vardval::schema::NAMES.join(", ")));
            usage()
        }
    }
}

fn rules(id: &str, out: Out) -> io::Result<ExitCode> {
    match vardval::rulebook(id) {
        Some(book) => write_json(out, &book.to_json()).map(|()| ExitCode::SUCCESS),
        None => {
            let report = vardval::report(
                vardval::text::Lang::Sv,
                &[vardval::input::Problem {
                    path: "rulebook".into(),
                    code: "unknown_rulebook",
                    args: vec![("value", vardval::input::clip(id, 40)), ("allowed", vardval::rulebook::BUILTIN_IDS.join(", "))],
                }],
            );
            write_json(out, &report.to_json()).map(|()| ExitCode::from(2))
        }
    }
}
