//! Lists of primary-care units (docs/units.md): read from CSV or JSON and
//! checked line by line, so that a region can bring its own list.

use crate::prelude::*;
use crate::input::clip;
use crate::text::{concat, join};
use crate::json_writer::Decimal;
use crate::rulebook::LAN_CODES;
use crate::json::Value;
use alloc::collections::btree_map::Entry;

/// A JSON unit list's shape as JSON Schema (`vardval schema units`).
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub region: Option<String>,
    pub municipality: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub list_closed: Option<bool>,
    pub digital: Option<bool>,
    pub source: Option<String>,
}
// A JSON unit list's unit (docs/units.md): empty fields left out.
json_object!(Unit { id, name, lat, lon, region?, municipality?, address?, postal_code?, phone?, url?, list_closed?, digital?, source? });

/// A problem in a unit list: the line (1 = a CSV file's header; in JSON the
/// item's position, from 1), the field, a stable code and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitProblem {
    pub line: usize,
    pub field: String,
    pub code: &'static str,
    pub detail: String,
}
json_object!(UnitProblem { line, field, code, detail });

pub const COLUMNS: [&str; 13] = ["id", "name", "lat", "lon", "region", "municipality", "address", "postal_code", "phone", "url", "list_closed", "digital", "source"];

/// Longest accepted value per field, in characters.
fn max_len(field: &str) -> usize {
    match field {
        "id" => 100,
        "name" | "address" => 200,
        "postal_code" => 10,
        "phone" => 40,
        "url" | "source" => 500,
        _ => 20,
    }
}

/// Sweden's extent, with a margin of a few kilometres.
pub const SWEDEN_LAT: core::ops::RangeInclusive<f64> = 55.0..=69.2;
pub const SWEDEN_LON: core::ops::RangeInclusive<f64> = 10.5..=24.3;

pub fn in_sweden(lat: f64, lon: f64) -> bool {
    SWEDEN_LAT.contains(&lat) && SWEDEN_LON.contains(&lon)
}

/// Text fields: shown as given, and never to start like a formula.
const TEXT_FIELDS: [&str; 7] = ["id", "name", "address", "postal_code", "phone", "url", "source"];

/// A CSV parser fed text piece by piece (RFC 4180: quotes, doubled quotes,
/// line breaks inside quotes), so that a file can be read a line at a time.
/// Each row comes with the line it starts on.
pub struct CsvParser {
    separator: char,
    row: Vec<String>,
    field: String,
    state: CsvState,
    started: bool,
    line: usize,
    row_line: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum CsvState {
    Plain,
    Quoted,
    /// A quote inside a quoted field: the end of the quotes, or the first of two.
    QuoteInQuoted,
}

/// What one row may hold, so that one endless line cannot take all memory:
/// beyond these a row is wrong anyway (`too_long`, `wrong_column_count`), and
/// the rest of an over-long field or row is dropped.
const MAX_FIELD_BYTES: usize = 40_000;
const MAX_CELLS: usize = 1_000;

impl CsvParser {
    pub fn new(separator: char) -> CsvParser {
        CsvParser { separator, row: Vec::new(), field: String::new(), state: CsvState::Plain, started: false, line: 1, row_line: 1 }
    }

    /// Reads `text` (any part of the file: a line, or all of it), calling
    /// `row` with each row it completes. An empty line is no row.
    pub fn feed(&mut self, text: &str, row: &mut dyn FnMut(usize, Vec<String>)) {
        let mut text = text;
        if !self.started {
            self.started = !text.is_empty();
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        for c in text.chars() {
            if self.state == CsvState::QuoteInQuoted {
                self.state = if c == '"' { CsvState::Quoted } else { CsvState::Plain };
                if c == '"' {
                    self.field.push('"');
                    continue;
                }
            }
            match (self.state, c) {
                (CsvState::Quoted, '"') => self.state = CsvState::QuoteInQuoted,
                (CsvState::Quoted, c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    self.push(c);
                }
                (_, '"') if self.field.is_empty() => self.state = CsvState::Quoted,
                (_, '\r') => {}
                (_, '\n') => {
                    self.row.push(core::mem::take(&mut self.field));
                    let cells = core::mem::take(&mut self.row);
                    if !(cells.len() == 1 && cells[0].is_empty()) {
                        row(self.row_line, cells);
                    }
                    self.line += 1;
                    self.row_line = self.line;
                }
                (_, c) if c == self.separator => {
                    let field = core::mem::take(&mut self.field);
                    if self.row.len() < MAX_CELLS {
                        self.row.push(field);
                    }
                }
                (_, c) => self.push(c),
            }
        }
    }

    fn push(&mut self, c: char) {
        if self.field.len() < MAX_FIELD_BYTES {
            self.field.push(c);
        }
    }

    /// The end of the text: the last row if it has no line break, or the
    /// line of a quote that is never closed.
    pub fn finish(mut self, row: &mut dyn FnMut(usize, Vec<String>)) -> Result<(), usize> {
        if self.state == CsvState::Quoted {
            return Err(self.row_line);
        }
        if !self.field.is_empty() || !self.row.is_empty() {
            self.row.push(core::mem::take(&mut self.field));
            row(self.row_line, self.row);
        }
        Ok(())
    }
}

/// Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes,
/// line breaks inside quotes). Returns each row with the line it starts on,
/// or the line of an unclosed quote.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let mut rows = Vec::new();
    let mut parser = CsvParser::new(',');
    let mut push = |line, cells| rows.push((line, cells));
    parser.feed(text, &mut push);
    parser.finish(&mut push)?;
    Ok(rows)
}

/// The checks of a unit list, record by record: `read` runs them over a whole
/// text, `vardval units check` over a file it reads a line at a time, keeping
/// only the header and the ids seen (for duplicates).
pub struct Checker<'a> {
    municipality_known: &'a dyn Fn(&str) -> bool,
    header: Vec<String>,
    ids: alloc::collections::BTreeMap<String, usize>,
    /// The problems found so far; a caller that streams takes them as it goes.
    pub problems: Vec<UnitProblem>,
}

impl<'a> Checker<'a> {
    /// `municipality_known` says whether a municipality code exists.
    pub fn new(municipality_known: &'a dyn Fn(&str) -> bool) -> Checker<'a> {
        Checker { municipality_known, header: Vec::new(), ids: Default::default(), problems: Vec::new() }
    }

    fn problem(&mut self, line: usize, field: &str, code: &'static str, detail: String) {
        self.problems.push(UnitProblem { line, field: field.to_string(), code, detail });
    }

    /// A CSV file's header row: each column must be one of `COLUMNS`, once.
    pub fn csv_header(&mut self, line: usize, cells: Vec<String>) {
        let header: Vec<String> = cells.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        for (i, h) in header.iter().enumerate() {
            if !COLUMNS.contains(&h.as_str()) {
                self.problem(line, h, "unknown_column", concat(&["column ", &(i + 1).decimal(), " is not one of: ", &join(&COLUMNS, ", ")]));
            } else if let Some(first) = header[..i].iter().position(|earlier| earlier == h) {
                self.problem(line, h, "duplicate_column", concat(&["columns ", &(first + 1).decimal(), " and ", &(i + 1).decimal(), " are both ", h]));
            }
        }
        self.header = header;
    }

    /// A CSV row after the header, checked as `record` does.
    pub fn csv_row(&mut self, line: usize, cells: Vec<String>) -> Option<(Unit, bool)> {
        if cells.len() != self.header.len() {
            self.problem(line, "", "wrong_column_count", concat(&[&*cells.len().decimal(), " fields, the header has ", &self.header.len().decimal()]));
        }
        let fields: Vec<(String, String)> = self.header.iter().cloned().zip(cells).collect();
        self.record(line, &fields)
    }

    /// Checks one unit's fields (name, value). Gives the unit when it has a
    /// position (numbers for `lat` and `lon`), with whether the record had no
    /// problem at all; `read` keeps only those.
    pub fn record(&mut self, line: usize, fields: &[(String, String)]) -> Option<(Unit, bool)> {
        let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let before = self.problems.len();
        for (k, v) in fields {
            if v.chars().count() > max_len(k) {
                self.problem(line, k, "too_long", concat(&["at most ", &max_len(k).decimal(), " characters"]));
            }
        }
        for (k, v) in fields.iter().filter(|(k, _)| TEXT_FIELDS.contains(&k.as_str())) {
            let v = v.trim();
            if v.starts_with(['=', '+', '-', '@']) && !(k == "phone" && is_phone_number(v)) {
                self.problem(line, k, "formula_injection", excerpt(v) + " starts with =, +, - or @: a spreadsheet runs it as a formula");
            }
        }
        let id = get("id");
        let name = get("name");
        if id.is_none() {
            self.problem(line, "id", "missing_field", "every unit needs an id".into());
        }
        if name.is_none() {
            self.problem(line, "name", "missing_field", "every unit needs a name".into());
        }
        let mut coord = |name: &str| match get(name) {
            None => {
                self.problem(line, name, "missing_field", "every unit needs a position (WGS84 degrees)".into());
                None
            }
            Some(v) => match number(v) {
                Some(x) => Some(x),
                None => {
                    self.problem(line, name, "invalid_number", excerpt(v) + " is not a number");
                    None
                }
            },
        };
        let lat = coord("lat");
        let lon = coord("lon");
        if let (Some(lat), Some(lon)) = (lat, lon) {
            if !in_sweden(lat, lon) {
                // The numbers as written: printing floats would cost the WebAssembly module 14 KB.
                self.problem(line, "lat", "outside_sweden", concat(&[get("lat").unwrap_or(""), ", ", get("lon").unwrap_or(""), " is not in Sweden (are lat and lon swapped?)"]));
            }
        }
        let region = get("region").map(str::to_string);
        if let Some(r) = &region {
            if !LAN_CODES.contains(&r.as_str()) {
                self.problem(line, "region", "unknown_region", concat(&["\"", r, "\" is not one of the 21 län codes"]));
            }
        }
        let municipality = get("municipality").map(str::to_string);
        if let Some(m) = &municipality {
            if !(self.municipality_known)(m) {
                self.problem(line, "municipality", "unknown_municipality", concat(&["\"", m, "\" is not a municipality code"]));
            }
        }
        if let Some(url) = get("url") {
            let start = url.get(..8).unwrap_or(url).to_ascii_lowercase();
            if !(start.starts_with("https://") || start.starts_with("http://")) {
                self.problem(line, "url", "invalid_url", excerpt(url) + " is not a web address: it must start with https:// (or http://)");
            }
        }
        let mut boolean = |name: &str| match get(name) {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(v) => {
                self.problem(line, name, "invalid_boolean", concat(&["\"", v, "\": write true, false or leave empty"]));
                None
            }
        };
        let list_closed = boolean("list_closed");
        let digital = boolean("digital");
        if let Some(id) = id {
            match self.ids.entry(id.into()) {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    self.problem(line, "id", "duplicate_id", concat(&["\"", id, "\" is also on line ", &first.decimal()]));
                }
                Entry::Vacant(slot) => {
                    slot.insert(line);
                }
            }
        }
        let clean = self.problems.len() == before;
        let text = |name: &str| get(name).map(str::to_string);
        Some((
            Unit {
                id: id.unwrap_or("").to_string(),
                name: name.unwrap_or("").to_string(),
                lat: lat?,
                lon: lon?,
                region,
                municipality,
                address: text("address"),
                postal_code: text("postal_code"),
                phone: text("phone"),
                url: text("url"),
                list_closed,
                digital,
                source: text("source"),
            },
            clean,
        ))
    }
}

/// A number as the standard library's `str::parse::<f64>` reads one, finite
/// ("57.7826", "+57.78", ".5", "5.778e1"; the grammar of units.schema.json),
/// read by the JSON reader that the module has anyway once written as JSON
/// writes numbers: `str::parse::<f64>` would bring its own tables (about
/// 14 KB gzip of the nearby module).
pub fn number(text: &str) -> Option<f64> {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, ""));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let exponent_ok = if unsigned.len() == mantissa.len() { true } else { !exponent_digits.is_empty() && digits(exponent_digits) };
    if !(digits(whole) && digits(fraction) && (whole.len() + fraction.len() > 0) && exponent_ok) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let json = concat(&[sign, if whole.is_empty() { "0" } else { whole }, if fraction.is_empty() { "" } else { "." }, fraction, if exponent.is_empty() { "" } else { "e" }, exponent]);
    crate::input::parse_json(&json).ok()?.as_f64().filter(|x| x.is_finite())
}

/// A value in quotes for a problem's detail: its first 20 characters.
fn excerpt(v: &str) -> String {
    concat(&["\"", &clip(v, 20), "\""])
}

/// "+46 8 123 45 67": a phone number in international form, which a
/// spreadsheet reads as a number, or with hyphens as a sum, at worst: it
/// cannot call anything.
fn is_phone_number(v: &str) -> bool {
    v.strip_prefix('+').is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')')))
}

/// Reads a unit list, CSV or JSON (by its first character), and checks it.
/// `municipality_known` says whether a municipality code exists.
pub fn read(text: &str, municipality_known: &dyn Fn(&str) -> bool) -> (Vec<Unit>, Vec<UnitProblem>) {
    let mut checker = Checker::new(municipality_known);
    let mut units = Vec::new();
    let mut keep = |checked: Option<(Unit, bool)>| {
        if let Some((unit, true)) = checked {
            units.push(unit);
        }
    };
    // Notepad's byte-order mark before a JSON list.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with(['[', '{']) {
        for (line, fields) in read_json_records(text, &mut checker.problems) {
            keep(checker.record(line, &fields));
        }
    } else {
        match parse_csv(text) {
            Err(line) => checker.problem(line, "", "invalid_csv", "a quote is never closed".into()),
            Ok(rows) => {
                let mut rows = rows.into_iter();
                match rows.next() {
                    None => checker.problem(1, "", "missing_field", "the file is empty".into()),
                    Some((line, header)) => checker.csv_header(line, header),
                }
                for (line, cells) in rows {
                    keep(checker.csv_row(line, cells));
                }
            }
        }
    }
    (units, checker.problems)
}

/// A unit list as `vardval units import --json` writes it (`{ "units": [ … ] }`,
/// each value of its type, empty fields left out), which the command has
/// checked: read without the checks of `read`, which are most of this file's
/// code and a fifth of the nearby module. The page's default list comes so
/// (www/data/units.json). `None` when the text is not such a list.
pub fn read_checked(text: &str) -> Option<Vec<Unit>> {
    let list = crate::input::parse_json(text).ok()?;
    let mut units = Vec::new();
    // A loop, not `collect::<Option<Vec<_>>>()`: that costs the module 2 KB.
    for u in list.get("units")?.as_array()? {
        // A field left out is `None`; one of another type refuses the list.
        let text = |name: &str| u.get(name).map_or(Some(None), |v| v.as_str().map(|s| Some(s.to_string())));
        let flag = |name: &str| u.get(name).map_or(Some(None), |v| v.as_bool().map(Some));
        units.push(Unit {
            id: text("id")??,
            name: text("name")??,
            lat: u.get("lat")?.as_f64()?,
            lon: u.get("lon")?.as_f64()?,
            region: text("region")?,
            municipality: text("municipality")?,
            address: text("address")?,
            postal_code: text("postal_code")?,
            phone: text("phone")?,
            url: text("url")?,
            list_closed: flag("list_closed")?,
            digital: flag("digital")?,
            source: text("source")?,
        });
    }
    Some(units)
}

/// One JSON unit's fields as text (numbers as written, null as empty), or
/// `None` when the item is not an object.
pub fn json_fields(item: &Value) -> Option<Vec<(String, String)>> {
    let Value::Object(o) = item else { return None };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.as_str().to_string(),
        // true, false, or a list or object as JSON text.
        other => crate::json_writer::WriteJson::to_json(other),
    };
    Some(o.iter().map(|(k, v)| (k.clone(), text(v))).collect())
}

/// The problem of an item that is not an object.
pub fn not_an_object(line: usize) -> UnitProblem {
    UnitProblem { line, field: String::new(), code: "invalid_type", detail: "each unit is an object".into() }
}

/// A field given twice in one unit (or twice `units`): on the unit's line.
pub fn duplicate_key(line: usize, field: &str) -> UnitProblem {
    UnitProblem { line, field: field.to_string(), code: "duplicate_key", detail: "given twice; remove one".into() }
}

fn read_json_records(text: &str, problems: &mut Vec<UnitProblem>) -> Vec<(usize, Vec<(String, String)>)> {
    let value: Value = match crate::input::parse_json(text) {
        Ok(v) => v,
        Err(crate::input::JsonProblem::Invalid { line, column }) => {
            problems.push(UnitProblem { line, field: String::new(), code: "invalid_json", detail: concat(&["column ", &column.decimal()]) });
            return Vec::new();
        }
        Err(crate::input::JsonProblem::DuplicateKeys { paths, .. }) => {
            // `[3].name` or `units[3].name`: in JSON a unit's line is its place in the list, from 1.
            for path in paths {
                let (line, field) = match path.split_once('[').and_then(|(_, rest)| rest.split_once(']')) {
                    Some((i, rest)) => (i.parse::<usize>().map_or(1, |i| i + 1), rest.trim_start_matches('.')),
                    None => (1, path.as_str()),
                };
                problems.push(duplicate_key(line, field));
            }
            return Vec::new();
        }
    };
    let items = match &value {
        Value::Array(items) => items,
        Value::Object(o) => match o.get("units") {
            Some(Value::Array(items)) => items,
            _ => {
                problems.push(UnitProblem { line: 1, field: "units".into(), code: "missing_field", detail: "a list of units, or { \"units\": [...] }".into() });
                return Vec::new();
            }
        },
        _ => return Vec::new(),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let fields = json_fields(item).unwrap_or_else(|| {
                problems.push(not_an_object(i + 1));
                Vec::new()
            });
            (i + 1, fields)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // What the full nearby module throws for a list it refuses, one object a
    // problem (`UnitProblems` in wasm.rs's TypeScript types).
    #[test]
    fn a_problem_is_written_with_its_line_field_code_and_detail() {
        use crate::json_writer::WriteJson;
        let problem = UnitProblem { line: 4, field: "lat".into(), code: "outside_sweden", detail: "48.85 is not in \"Sverige\"\n".into() };
        assert_eq!(problem.to_json(), r#"{"line":4,"field":"lat","code":"outside_sweden","detail":"48.85 is not in \"Sverige\"\n"}"#);
    }

    #[test]
    fn csv_with_quotes_commas_and_line_breaks() {
        let rows = parse_csv("a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"two\nlines\",z\n").unwrap();
        assert_eq!(rows, vec![(1, vec!["a".into(), "b".into()]), (2, vec!["x, y".into(), "he said \"hi\"".into()]), (3, vec!["two\nlines".into(), "z".into()])]);
        assert_eq!(parse_csv("a\n\"open\n"), Err(2));
    }

    #[test]
    fn csv_fed_a_character_at_a_time_gives_the_same_rows() {
        let text = "\u{feff}a;b\r\n\"x; \"\"y\"\"\";\"two\nlines\"\n\nlast;row";
        let mut parser = CsvParser::new(';');
        let mut rows = Vec::new();
        let mut push = |line, cells| rows.push((line, cells));
        for c in text.chars() {
            parser.feed(&c.to_string(), &mut push);
        }
        parser.finish(&mut push).unwrap();
        let cells = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(rows, vec![(1, cells(&["a", "b"])), (2, cells(&["x; \"y\"", "two\nlines"])), (5, cells(&["last", "row"]))]);
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_and_urls_that_are_not_web_addresses() {
        let csv = "id,name,lat,lon,phone,url\n\
                   a,=HYPERLINK(\"x\"),57.78,14.16,+46 36 10 10 10,https://example.se\n\
                   b,Vårdcentral,57.78,14.16,+cmd|' /C calc'!A0,javascript:alert(1)\n\
                   c,Vårdcentral,57.78,14.16,,HTTP://example.se\n";
        let (units, problems) = read(csv, &|_| true);
        let got: Vec<(usize, &str, &str)> = problems.iter().map(|p| (p.line, p.field.as_str(), p.code)).collect();
        assert_eq!(got, vec![(2, "name", "formula_injection"), (3, "phone", "formula_injection"), (3, "url", "invalid_url")]);
        assert_eq!(units.len(), 1);
    }

    #[test]
    fn a_column_twice_is_reported_with_both_numbers() {
        let (_, problems) = read("id,name,lat,lon,name\na,B,57.78,14.16,C\n", &|_| true);
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].field.as_str(), problems[0].code), (1, "name", "duplicate_column"));
        assert_eq!(problems[0].detail, "columns 2 and 5 are both name");
    }
}
