//! Lists of primary-care units (docs/units.md): read from CSV or JSON and
//! checked line by line, so that a region can bring its own list.

use crate::rulebook::LAN_CODES;
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, Serialize, PartialEq)]
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

/// A problem in a unit list: the line (1 = a CSV file's header; in JSON the
/// item's position, from 1), the field, a stable code and what is wrong.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UnitProblem {
    pub line: usize,
    pub field: String,
    pub code: &'static str,
    pub detail: String,
}

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
pub fn in_sweden(lat: f64, lon: f64) -> bool {
    (55.0..=69.2).contains(&lat) && (10.5..=24.3).contains(&lon)
}

/// Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes,
/// line breaks inside quotes). Returns each row with the line it starts on,
/// or the line of an unclosed quote.
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut row_line = 1;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push((row_line, std::mem::take(&mut row)));
                }
                row.clear();
                line += 1;
                row_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(row_line);
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((row_line, row));
    }
    Ok(rows)
}

/// Reads a unit list, CSV or JSON (by its first character), and checks it.
/// `municipality_known` says whether a municipality code exists.
pub fn read(text: &str, municipality_known: &dyn Fn(&str) -> bool) -> (Vec<Unit>, Vec<UnitProblem>) {
    let mut problems = Vec::new();
    let records: Vec<(usize, Vec<(String, String)>)> = if text.trim_start().starts_with(['[', '{']) {
        read_json_records(text, &mut problems)
    } else {
        read_csv_records(text, &mut problems)
    };
    let mut units: Vec<Unit> = Vec::with_capacity(records.len());
    let mut ids = std::collections::HashMap::new();
    for (line, fields) in records {
        let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let before = problems.len();
        let mut problem = |field: &str, code: &'static str, detail: String| problems.push(UnitProblem { line, field: field.to_string(), code, detail });
        for (k, v) in &fields {
            if v.chars().count() > max_len(k) {
                problem(k, "too_long", format!("at most {} characters", max_len(k)));
            }
        }
        let id = get("id");
        let name = get("name");
        if id.is_none() {
            problem("id", "missing_field", "every unit needs an id".into());
        }
        if name.is_none() {
            problem("name", "missing_field", "every unit needs a name".into());
        }
        let coord = |name: &str, problem: &mut dyn FnMut(&str, &'static str, String)| match get(name) {
            None => {
                problem(name, "missing_field", "every unit needs a position (WGS84 degrees)".into());
                None
            }
            Some(v) => match v.parse::<f64>() {
                Ok(x) if x.is_finite() => Some(x),
                _ => {
                    problem(name, "invalid_number", format!("\"{}\" is not a number", v.chars().take(20).collect::<String>()));
                    None
                }
            },
        };
        let lat = coord("lat", &mut problem);
        let lon = coord("lon", &mut problem);
        if let (Some(lat), Some(lon)) = (lat, lon) {
            if !in_sweden(lat, lon) {
                // The numbers as written: printing floats would cost the WebAssembly module 14 KB.
                problem("lat", "outside_sweden", format!("{}, {} is not in Sweden (are lat and lon swapped?)", get("lat").unwrap_or(""), get("lon").unwrap_or("")));
            }
        }
        let region = get("region").map(str::to_string);
        if let Some(r) = &region {
            if !LAN_CODES.contains(&r.as_str()) {
                problem("region", "unknown_region", format!("\"{r}\" is not one of the 21 län codes"));
            }
        }
        let municipality = get("municipality").map(str::to_string);
        if let Some(m) = &municipality {
            if !municipality_known(m) {
                problem("municipality", "unknown_municipality", format!("\"{m}\" is not a municipality code"));
            }
        }
        let mut boolean = |name: &str| match get(name) {
            None => None,
            Some("true") => Some(true),
            Some("false") => Some(false),
            Some(v) => {
                problem(name, "invalid_boolean", format!("\"{v}\": write true, false or leave empty"));
                None
            }
        };
        let list_closed = boolean("list_closed");
        let digital = boolean("digital");
        if let Some(id) = id {
            if let Some(first) = ids.insert(id.to_string(), line) {
                problems.push(UnitProblem { line, field: "id".into(), code: "duplicate_id", detail: format!("\"{id}\" is also on line {first}") });
            }
        }
        if problems.len() != before {
            continue;
        }
        let text = |name: &str| get(name).map(str::to_string);
        if let (Some(id), Some(name), Some(lat), Some(lon)) = (id, name, lat, lon) {
            units.push(Unit {
                id: id.to_string(),
                name: name.to_string(),
                lat,
                lon,
                region,
                municipality,
                address: text("address"),
                postal_code: text("postal_code"),
                phone: text("phone"),
                url: text("url"),
                list_closed,
                digital,
                source: text("source"),
            });
        }
    }
    (units, problems)
}

fn read_csv_records(text: &str, problems: &mut Vec<UnitProblem>) -> Vec<(usize, Vec<(String, String)>)> {
    let rows = match parse_csv(text) {
        Ok(rows) => rows,
        Err(line) => {
            problems.push(UnitProblem { line, field: String::new(), code: "invalid_csv", detail: "a quote is never closed".into() });
            return Vec::new();
        }
    };
    let Some(((_, header), rows)) = rows.split_first() else {
        problems.push(UnitProblem { line: 1, field: String::new(), code: "missing_field", detail: "the file is empty".into() });
        return Vec::new();
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    for (i, h) in header.iter().enumerate() {
        if !COLUMNS.contains(&h.as_str()) {
            problems.push(UnitProblem { line: 1, field: h.clone(), code: "unknown_column", detail: format!("column {} is not one of: {}", i + 1, COLUMNS.join(", ")) });
        }
    }
    rows.iter()
        .map(|(line, cells)| {
            if cells.len() != header.len() {
                problems.push(UnitProblem { line: *line, field: String::new(), code: "wrong_column_count", detail: format!("{} fields, the header has {}", cells.len(), header.len()) });
            }
            (*line, header.iter().cloned().zip(cells.iter().cloned()).collect())
        })
        .collect()
}

fn read_json_records(text: &str, problems: &mut Vec<UnitProblem>) -> Vec<(usize, Vec<(String, String)>)> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(UnitProblem { line: e.line(), field: String::new(), code: "invalid_json", detail: format!("column {}", e.column()) });
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
            let fields = match item {
                Value::Object(o) => o
                    .iter()
                    .map(|(k, v)| {
                        let text = match v {
                            Value::String(s) => s.clone(),
                            Value::Null => String::new(),
                            other => other.to_string(),
                        };
                        (k.clone(), text)
                    })
                    .collect(),
                _ => {
                    problems.push(UnitProblem { line: i + 1, field: String::new(), code: "invalid_type", detail: "each unit is an object".into() });
                    Vec::new()
                }
            };
            (i + 1, fields)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_commas_and_line_breaks() {
        let rows = parse_csv("a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"two\nlines\",z\n").unwrap();
        assert_eq!(rows, vec![(1, vec!["a".into(), "b".into()]), (2, vec!["x, y".into(), "he said \"hi\"".into()]), (3, vec!["two\nlines".into(), "z".into()])]);
        assert_eq!(parse_csv("a\n\"open\n"), Err(2));
    }
}
