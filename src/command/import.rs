//! `vardval units import FILE [--sheet NAME]`: a region's own list, from its
//! spreadsheet (.xlsx, .xls, .ods) or CSV (UTF-8 or Windows-1252, `,` or `;`
//! as Excel saves it in Sweden), to the unit CSV of docs/units.md on standard
//! output. Swedish and English headers. Every problem comes with its row, as
//! a spreadsheet shows it, and its column; when there is one, nothing is
//! written to standard output, so that a pipeline never gets half a list.

use super::check::{self, Geo};
use super::text;
use calamine::{Data, Reader};
use std::io;
use std::process::ExitCode;
use vardval::places::fold_place;
use vardval::units::{Checker, CsvParser, UnitProblem, COLUMNS};

/// What a column of a region's file gives: a field of the unit CSV, or
/// "Tar emot nya patienter" (Ja/Nej), the opposite of `list_closed`.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Target {
    Field(&'static str),
    AcceptsNewPatients,
}
use Target::{AcceptsNewPatients, Field};

/// The template's headers (docs/units-template.csv), in its order.
const TEMPLATE: [(&str, Target); 13] = [
    ("HSA-id", Field("id")),
    ("Namn", Field("name")),
    ("Adress", Field("address")),
    ("Postnummer", Field("postal_code")),
    ("Kommun", Field("municipality")),
    ("Län", Field("region")),
    ("Latitud", Field("lat")),
    ("Longitud", Field("lon")),
    ("Telefon", Field("phone")),
    ("Webbplats", Field("url")),
    ("Tar emot nya patienter", AcceptsNewPatients),
    ("Digitala besök", Field("digital")),
    ("Källa", Field("source")),
];

/// Other headers for the same columns: English, other Swedish words, and
/// the unit CSV's own names. Compared without regard to case, å/ä/ö,
/// hyphens, underscores and spaces around.
const OTHER_HEADERS: [(&str, Target); 34] = [
    ("id", Field("id")),
    ("HSA id", Field("id")),
    ("HSAid", Field("id")),
    ("Name", Field("name")),
    ("Enhetsnamn", Field("name")),
    ("Address", Field("address")),
    ("Besöksadress", Field("address")),
    ("Postal code", Field("postal_code")),
    ("Postcode", Field("postal_code")),
    ("Postnr", Field("postal_code")),
    ("Kommunkod", Field("municipality")),
    ("Municipality", Field("municipality")),
    ("Municipality code", Field("municipality")),
    ("Region", Field("region")),
    ("Länskod", Field("region")),
    ("Regionkod", Field("region")),
    ("County", Field("region")),
    ("Lat", Field("lat")),
    ("Latitude", Field("lat")),
    ("Lon", Field("lon")),
    ("Lng", Field("lon")),
    ("Longitude", Field("lon")),
    ("Phone", Field("phone")),
    ("Telefonnummer", Field("phone")),
    ("Webbadress", Field("url")),
    ("URL", Field("url")),
    ("Website", Field("url")),
    ("Accepts new patients", AcceptsNewPatients),
    ("list_closed", Field("list_closed")),
    ("Digital", Field("digital")),
    ("Digital visits", Field("digital")),
    ("Source", Field("source")),
    ("Webb", Field("url")),
    ("Tel", Field("phone")),
];

fn headers() -> impl Iterator<Item = &'static (&'static str, Target)> {
    TEMPLATE.iter().chain(OTHER_HEADERS.iter())
}

fn fold_header(text: &str) -> String {
    fold_place(&text.replace('_', " "), false)
}

fn target(header: &str) -> Option<Target> {
    let wanted = fold_header(header);
    headers().find(|(h, _)| fold_header(h) == wanted).map(|&(_, t)| t)
}

/// A known header close to an unknown one (at most a quarter of its letters
/// different), as "did you mean" for the problem.
fn suggestion(header: &str) -> Option<&'static str> {
    let wanted = fold_header(header);
    let (distance, best) = headers().map(|(h, _)| (vardval::input::edit_distance(&fold_header(h), &wanted), *h)).min_by_key(|&(d, _)| d)?;
    (distance * 4 <= wanted.chars().count()).then_some(best)
}


/// "A", "B", …, "Z", "AA": a column as a spreadsheet names it (from 0).
fn column_name(index: usize) -> String {
    let mut name = String::new();
    let mut n = index + 1;
    while n > 0 {
        name.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    name
}

struct Column {
    /// Its index in the row, and its name as the spreadsheet shows it.
    index: usize,
    label: String,
    target: Target,
}

/// Rows as the person sees them: (row number, cells).
type Rows = Vec<(usize, Vec<Data>)>;

/// The rows of a spreadsheet's sheet (the first unless named).
fn spreadsheet_rows(file: &str, sheet: Option<&str>) -> Result<(Rows, usize), String> {
    let mut workbook = calamine::open_workbook_auto(file).map_err(|e| format!("cannot read {file} as a spreadsheet: {e}"))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(name) if names.iter().any(|n| n == name) => name.to_string(),
        Some(name) => return Err(format!("{file} has no sheet \"{name}\"; its sheets: {}", names.join(", "))),
        None => names.first().cloned().ok_or_else(|| format!("{file} has no sheet"))?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| format!("cannot read sheet \"{name}\" of {file}: {e}"))?;
    let Some((first_row, first_column)) = range.start() else { return Ok((Vec::new(), 0)) };
    let rows = range.rows().enumerate().map(|(i, cells)| (first_row as usize + i + 1, cells.to_vec())).collect();
    Ok((rows, first_column as usize))
}

/// The rows of a CSV file: UTF-8 or Windows-1252, separated by `,`, `;` or
/// tabs, whichever the header line has most of.
fn csv_rows(file: &str) -> Result<Rows, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot open {file}: {e}"))?;
    let text = text::decode(&bytes);
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let unquoted: String = header.split('"').step_by(2).collect();
    let separator = [',', ';', '\t'].into_iter().max_by_key(|&s| (unquoted.matches(s).count(), s == ',')).unwrap_or(',');
    let mut rows = Vec::new();
    let mut parser = CsvParser::new(separator);
    let mut push = |line: usize, cells: Vec<String>| rows.push((line, cells.into_iter().map(Data::String).collect()));
    parser.feed(&text, &mut push);
    parser.finish(&mut push).map_err(|line| format!("{file}:{line}: -: invalid_csv: a quote is never closed"))?;
    Ok(rows)
}

/// A cell as text: numbers as written (integers without ".0"), `None` when
/// empty, or what is wrong with it.
fn cell_text(cell: &Data) -> Result<Option<String>, String> {
    let text = match cell {
        Data::Empty => return Ok(None),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Error(e) => return Err(format!("the cell holds the error {e}")),
        other => other.to_string(),
    };
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// Ja/Nej (also yes/no, true/false, or a spreadsheet's TRUE/FALSE).
fn yes_no(cell: &Data, text: &str) -> Option<bool> {
    if let Data::Bool(b) = cell {
        return Some(*b);
    }
    match fold_place(text, false).as_str() {
        "ja" | "yes" | "true" => Some(true),
        "nej" | "no" | "false" => Some(false),
        _ => None,
    }
}

/// `vardval units import`: the unit list on standard output (CSV, or with
/// `json` a JSON unit list), every problem on standard error (with `json`, a
/// JSON report on standard output instead, so that it holds one JSON object).
pub fn import(file: &str, sheet: Option<&str>, json: bool, geo: &Geo, out: super::Out) -> io::Result<ExitCode> {
    let extension = std::path::Path::new(file).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let spreadsheet = ["xlsx", "xlsm", "xlsb", "xls", "ods"].contains(&extension.as_str());
    let read = match (spreadsheet, sheet) {
        (true, _) => spreadsheet_rows(file, sheet),
        (false, None) => csv_rows(file).map(|rows| (rows, 0)),
        (false, Some(_)) => Err(format!("{file}: --sheet is for spreadsheets (.xlsx, .xls, .ods)")),
    };
    let problems = |problems: &[UnitProblem], out: super::Out| -> io::Result<ExitCode> {
        if json {
            let errors: Vec<_> = problems.iter().map(super::UnitProblemJson::from).collect();
            writeln!(out, "{}", super::FileReport { errors: &errors, file, ok: false, units: None }.to_sorted_json())?;
        } else {
            for p in problems {
                super::note(&super::unit_problem_line(file, p));
            }
            super::note(&format!("{file}: {}", super::problems(problems.len())));
        }
        Ok(ExitCode::from(1))
    };
    let (rows, first_column) = match read {
        Ok(read) => read,
        Err(detail) => return problems(&[UnitProblem { line: 0, field: String::new(), code: "unreadable_input", detail }], out),
    };
    let mut import = Import { file, geo, columns: Vec::new(), problems: Vec::new() };
    let records = import.records(rows, first_column);
    if !import.problems.is_empty() {
        return problems(&import.problems, out);
    }
    let csv = write_csv(&records);
    // The list as `vardval units check` reads it: the same checks have run on
    // each row above, so this finds nothing unless the writing is wrong.
    let mut rechecked = Vec::new();
    let checked = check::check(io::Cursor::new(csv.as_bytes()), geo, &mut |p| rechecked.push(p.clone()));
    if checked.is_err() || !rechecked.is_empty() {
        for p in &mut rechecked {
            p.detail = format!("the unit CSV written from the file fails its check on its line {}: {}", p.line, p.detail);
        }
        return problems(&rechecked, out);
    }
    if json {
        // The units as the check above read them from the CSV it found clean.
        let (units, _) = vardval::units::read(&csv, &|m| geo.places.municipality_known(m));
        let report = super::FileReport::<super::UnitProblemJson> { errors: &[], file, ok: true, units: Some(&units) };
        writeln!(out, "{}", report.to_sorted_json())?;
    } else {
        out.write_all(csv.as_bytes())?;
        // Said once the list is written: not before a full disk stops it.
        out.flush()?;
        super::note(&format!("{file}: {}", super::count(records.len(), "unit")));
    }
    Ok(ExitCode::SUCCESS)
}

/// The unit CSV: a header of `COLUMNS`, then a row per unit.
fn write_csv(records: &[Vec<String>]) -> String {
    let field = |v: &str| if v.contains([',', '"', '\n', '\r']) { format!("\"{}\"", v.replace('"', "\"\"")) } else { v.to_string() };
    let mut csv = COLUMNS.join(",") + "\n";
    for record in records {
        csv += &record.iter().map(|v| field(v)).collect::<Vec<_>>().join(",");
        csv.push('\n');
    }
    csv
}

struct Import<'a, 'g> {
    file: &'a str,
    geo: &'g Geo<'g>,
    columns: Vec<Column>,
    problems: Vec<UnitProblem>,
}

impl Import<'_, '_> {
    fn problem(&mut self, line: usize, field: String, code: &'static str, detail: String) {
        self.problems.push(UnitProblem { line, field, code, detail });
    }

    /// The unit CSV's rows (in the order of `COLUMNS`) from the file's rows.
    /// The header is the first row with a header the import knows (a title
    /// above it is passed over), else the first row; empty rows are passed over.
    fn records(&mut self, rows: Rows, first_column: usize) -> Vec<Vec<String>> {
        let mut rows: Rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !matches!(cell_text(c), Ok(None)))).collect();
        let known = |cells: &[Data]| cells.iter().any(|c| cell_text(c).ok().flatten().is_some_and(|t| target(&t).is_some()));
        let title = rows.iter().position(|(_, cells)| known(cells)).unwrap_or(0);
        let mut rows = rows.drain(title..);
        let Some((header_row, header)) = rows.next() else {
            self.problem(1, String::new(), "missing_field", format!("{} has no rows", self.file));
            return Vec::new();
        };
        let rows: Rows = rows.collect();
        if !self.header(header_row, &header, first_column, &rows) {
            return Vec::new();
        }
        if rows.is_empty() {
            self.problem(header_row, String::new(), "missing_field", format!("{} has a header but no units under it", self.file));
            return Vec::new();
        }
        let places = self.geo.places;
        let known = |m: &str| places.municipality_known(m);
        let mut checker = Checker::new(&known);
        let mut records = Vec::new();
        for (row, cells) in rows {
            let (fields, unreadable) = self.fields(row, &cells);
            let checked = checker.record(row, &fields);
            if let Some((unit, _)) = &checked {
                self.geo.unit_problems(row, unit, &mut checker.problems);
            }
            // A field whose cell could not be read is reported once, as that.
            for mut p in checker.problems.drain(..).filter(|p| !unreadable.contains(&p.field.as_str())) {
                p.field = self.label(&p.field);
                p.detail = p.detail.replace(" on line ", " on row ");
                self.problems.push(p);
            }
            let value = |name: &str| fields.iter().find(|(k, _)| k == name).map_or(String::new(), |(_, v)| v.clone());
            records.push(COLUMNS.iter().map(|c| value(c)).collect());
        }
        records
    }

    /// Reads the header: every column must be known, once (municipality and
    /// region may come twice, as a code and a name), and id, name and the
    /// position must be there. `false` when the rows cannot be read.
    fn header(&mut self, row: usize, header: &[Data], first_column: usize, rows: &Rows) -> bool {
        let known: Vec<String> = TEMPLATE.iter().map(|(h, _)| format!("\"{h}\"")).collect();
        for (i, cell) in header.iter().enumerate() {
            let letter = column_name(first_column + i);
            let text = cell_text(cell).ok().flatten().unwrap_or_default();
            if text.is_empty() {
                if rows.iter().any(|(_, cells)| cells.get(i).is_some_and(|c| !matches!(cell_text(c), Ok(None)))) {
                    self.problem(row, format!("column {letter}"), "unknown_column", "the column has values but no header".into());
                }
                continue;
            }
            let label = format!("{text} (column {letter})");
            let Some(target) = target(&text) else {
                let hint = match suggestion(&text) {
                    Some(s) => format!("did you mean \"{s}\"? "),
                    None if ["postort", "ort", "city", "town"].contains(&fold_header(&text).as_str()) => "a unit has no town of its own: put it in \"Adress\" or leave the column out; ".into(),
                    None => String::new(),
                };
                self.problem(row, label, "unknown_column", format!("not a column the import knows: {hint}the columns are {}", known.join(", ")));
                continue;
            };
            let once = !matches!(target, Field("municipality" | "region"));
            if let Some(first) = self.columns.iter().find(|c| c.target == target && once) {
                let detail = format!("columns {} and {letter} give the same field: keep one", first.label);
                self.problem(row, label, "duplicate_column", detail);
                continue;
            }
            self.columns.push(Column { index: i, label, target });
        }
        let mut complete = true;
        for (field, header) in [("id", "HSA-id"), ("name", "Namn"), ("lat", "Latitud"), ("lon", "Longitud")] {
            if !self.columns.iter().any(|c| c.target == Field(field)) {
                complete = false;
                self.problem(row, String::new(), "missing_column", format!("no column gives {field}: add \"{header}\""));
            }
        }
        complete
    }

    /// The column a unit CSV field came from, for a problem's line.
    fn label(&self, field: &str) -> String {
        let from = |c: &&Column| field_of(c.target) == field;
        self.columns.iter().find(from).map_or(field.to_string(), |c| c.label.clone())
    }

    /// A row's values as the unit CSV's fields. Also the fields whose cells
    /// could not be converted (each has its problem).
    fn fields(&mut self, row: usize, cells: &[Data]) -> (Vec<(String, String)>, Vec<&'static str>) {
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut unreadable = Vec::new();
        for c in 0..self.columns.len() {
            let (label, target) = (self.columns[c].label.clone(), self.columns[c].target);
            let cell = cells.get(self.columns[c].index).unwrap_or(&Data::Empty);
            let field = field_of(target);
            let value = match cell_text(cell) {
                Ok(None) => continue,
                Ok(Some(text)) => self.convert(target, cell, text),
                Err(detail) => Err(("invalid_cell", detail)),
            };
            match (value, fields.iter().find(|(k, _)| k == field)) {
                (Err((code, detail)), _) => {
                    unreadable.push(field);
                    self.problem(row, label, code, detail);
                }
                (Ok(value), Some((_, earlier))) if *earlier != value => {
                    let detail = format!("\"{value}\" here, \"{earlier}\" in another column");
                    self.problem(row, label, "conflicting_values", detail);
                }
                (Ok(_), Some(_)) => {}
                (Ok(value), None) => fields.push((field.to_string(), value)),
            }
        }
        (fields, unreadable)
    }

    /// A cell's text as the unit CSV's value for `target`: municipality and
    /// region names to codes, decimal commas to points, Ja/Nej to true/false;
    /// or the problem's code and detail.
    fn convert(&self, target: Target, cell: &Data, text: String) -> Result<String, (&'static str, String)> {
        let digits = text.bytes().all(|b| b.is_ascii_digit());
        let boolean = |opposite: bool| yes_no(cell, &text).map(|b| (b != opposite).to_string()).ok_or_else(|| ("invalid_boolean", format!("\"{text}\": write Ja, Nej or leave empty")));
        match target {
            AcceptsNewPatients => boolean(true),
            Field("digital" | "list_closed") => boolean(false),
            // Excel drops a code's leading zeros ("0180" → 180).
            Field("municipality") if digits && text.len() <= 4 => Ok(format!("{text:0>4}")),
            Field("municipality") => self.geo.places.municipality(&text).map(|m| m.code.clone()).ok_or_else(|| ("unknown_municipality", format!("\"{text}\" is not a municipality's code or name"))),
            Field("region") if digits && text.len() <= 2 => Ok(format!("{text:0>2}")),
            Field("region") => self.geo.sweden.region_by_name(&text).map(|r| r.code.clone()).ok_or_else(|| ("unknown_region", format!("\"{text}\" is not a län code or a region's name"))),
            // "57,78": a decimal comma, as Swedish spreadsheets write it.
            Field("lat" | "lon") if vardval::units::number(&text.replace(',', ".")).is_some() => Ok(text.replace(',', ".")),
            Field(_) => Ok(text),
        }
    }
}

/// The unit CSV field a column gives.
fn field_of(target: Target) -> &'static str {
    match target {
        Field(field) => field,
        AcceptsNewPatients => "list_closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_swedish_and_english_and_what_an_unknown_one_could_be() {
        assert_eq!(target(" HSA-id "), Some(Field("id")));
        assert_eq!(target("LÄN"), Some(Field("region")));
        assert_eq!(target("postal_code"), Some(Field("postal_code")));
        assert_eq!(target("Tar emot nya patienter"), Some(AcceptsNewPatients));
        assert_eq!(target("Postort"), None);
        assert_eq!(suggestion("Postort"), None);
        assert_eq!(suggestion("Telfon"), Some("Telefon"));
        assert_eq!(suggestion("Öppettider"), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }
}
