//! Reading untrusted JSON with a path for every problem.
//!
//! Situations and rulebooks are read from a `json::Value` by hand rather
//! than by `#[derive(Deserialize)]`, because serde stops at the first error and
//! the contract asks for every problem at once, each with its JSON path.

use crate::prelude::*;
use crate::date::Date;
use crate::text::{concat, join};
use crate::json_writer::{write_object, Decimal, WriteJson};
use crate::json::{Map, Value};

/// One problem in the input: where, what (a stable code) and the values the
/// message needs. The message itself is written later, in the person's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// An input error as the contract shows it; `args` (added) holds the values
/// the message was written with (`min`, `max`, `value`, …), so that a page can
/// write its own message for the field.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct InputError {
    pub path: String,
    pub code: String,
    pub message: String,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Args::is_empty"))]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "alloc::collections::BTreeMap<String, String>"))]
    pub args: Args,
}
json_object!(InputError { path, code, message, args? });

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args(pub Vec<(&'static str, String)>);

impl Args {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An object of the values, in the order the message was given them.
impl WriteJson for Args {
    fn write_json(&self, out: &mut String) {
        write_object(out, self.0.iter().map(|(k, v)| (k, v)));
    }

    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl serde::Serialize for Args {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Every problem found in an input (CONTRACT §3): what `evaluate` and
/// `nearby` give instead of an answer.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct ErrorReport {
    pub errors: Vec<InputError>,
}
json_object!(ErrorReport { errors });

pub fn key(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        concat(&[path, ".", name])
    }
}

pub fn index(path: &str, i: usize) -> String {
    concat(&[path, "[", &i.decimal(), "]"])
}

/// The first `chars` characters of a value given, as a message quotes it.
pub fn clip(value: &str, chars: usize) -> String {
    value.chars().take(chars).collect()
}

/// A field's value, treating an explicit `null` like an absent field.
pub fn field<'v>(obj: &'v Map, name: &str) -> Option<&'v Value> {
    obj.get(name).filter(|v| !v.is_null())
}

#[derive(Default)]
pub struct Reader {
    pub problems: Vec<Problem>,
    /// Fields the reader does not know; reported as warnings, since the
    /// contract lets later versions add fields (`rules check` refuses them).
    pub unknown_fields: Vec<UnknownField>,
}

/// A field no reader knows, with the names that are known where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownField {
    pub path: String,
    pub known: &'static [&'static str],
}

impl UnknownField {
    /// The known name closest to the unknown one ("parametres" → "parameters").
    pub fn nearest(&self) -> Option<&'static str> {
        nearest_name(self.path.rsplit('.').next().unwrap_or(&self.path), self.known)
    }
}

/// The name in `known` nearest `name`, when at most a third of its letters
/// differ (Levenshtein distance): a likely misspelling.
pub fn nearest_name(name: &str, known: &[&'static str]) -> Option<&'static str> {
    let limit = name.chars().count().div_ceil(3).max(1);
    known.iter().map(|k| (edit_distance(name, k), *k)).filter(|(d, _)| *d <= limit).min_by_key(|(d, _)| *d).map(|(_, k)| k)
}

/// Levenshtein distance, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

impl Reader {
    pub fn problem(&mut self, path: impl Into<String>, code: &'static str) {
        self.problem_with(path, code, Vec::new());
    }

    pub fn problem_with(&mut self, path: impl Into<String>, code: &'static str, args: Vec<(&'static str, String)>) {
        self.problems.push(Problem { path: path.into(), code, args });
    }

    fn wrong_type(&mut self, path: &str, expected: &'static str) {
        self.problem_with(path, "invalid_type", vec![("expected", expected.to_string())]);
    }

    pub fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map> {
        match v {
            Value::Object(m) => Some(m),
            _ => {
                self.wrong_type(path, "object");
                None
            }
        }
    }

    /// Notes every field of `obj` not in `known`.
    pub fn only_fields(&mut self, obj: &Map, path: &str, known: &'static [&'static str]) {
        for name in obj.keys() {
            if !known.contains(&name.as_str()) {
                self.unknown_fields.push(UnknownField { path: key(path, name), known });
            }
        }
    }

    pub fn required<'v>(&mut self, obj: &'v Map, name: &str, path: &str) -> Option<&'v Value> {
        let v = field(obj, name);
        if v.is_none() {
            self.problem(key(path, name), "missing_field");
        }
        v
    }

    pub fn string<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(path, "string");
                None
            }
        }
    }

    pub fn bool(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(path, "boolean");
                None
            }
        }
    }

    pub fn date(&mut self, v: &Value, path: &str) -> Option<Date> {
        let s = self.string(v, path)?;
        let d = Date::parse_iso(s);
        if d.is_none() {
            self.problem_with(path, "invalid_date", vec![("value", clip(s, 40))]);
        }
        d
    }

    /// `YYYY-MM-DD`, or `YYYY-MM` read as the month's 1st and `true`.
    pub fn date_or_month(&mut self, v: &Value, path: &str) -> Option<(Date, bool)> {
        let s = self.string(v, path)?;
        match (s.len() == 7).then(|| Date::parse_iso(&concat(&[s, "-01"]))).flatten() {
            Some(first) => Some((first, true)),
            None => self.date(v, path).map(|d| (d, false)),
        }
    }

    /// A whole number in `min..=max`. JavaScript numbers arrive as floats, so a
    /// float with no fraction is accepted.
    pub fn int(&mut self, v: &Value, path: &str, min: i64, max: i64) -> Option<i64> {
        let n = match v {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|&f| f.abs() < 1e15 && f == f as i64 as f64).map(|f| f as i64)),
            _ => None,
        };
        let Some(n) = n else {
            self.wrong_type(path, "integer");
            return None;
        };
        self.in_range(n, path, min, max)
    }

    /// A whole number already read, in `min..=max`.
    pub fn in_range(&mut self, n: i64, path: &str, min: i64, max: i64) -> Option<i64> {
        if min == max && n != min {
            self.problem_with(path, "invalid_value", vec![("value", n.decimal()), ("allowed", min.decimal())]);
            return None;
        }
        if n < min || n > max {
            self.problem_with(path, "out_of_range", vec![("min", min.decimal()), ("max", max.decimal())]);
            return None;
        }
        Some(n)
    }

    /// A number from 0 to 1. (Its bounds are written as text: formatting an
    /// f64 would pull float printing into the WebAssembly module.)
    pub fn fraction(&mut self, v: &Value, path: &str) -> Option<f64> {
        let Some(n) = v.as_f64() else {
            self.wrong_type(path, "number");
            return None;
        };
        if !(0.0..=1.0).contains(&n) {
            self.problem_with(path, "out_of_range", vec![("min", "0".into()), ("max", "1".into())]);
            return None;
        }
        Some(n)
    }

    /// One of `allowed`; otherwise the problem `code` (e.g. `unknown_reason`).
    pub fn choice<'a>(&mut self, v: &Value, path: &str, allowed: &[&'a str], code: &'static str) -> Option<&'a str> {
        let s = self.string(v, path)?;
        let found = allowed.iter().find(|a| **a == s).copied();
        if found.is_none() {
            self.problem_with(path, code, vec![("value", clip(s, 40)), ("allowed", join(allowed, ", "))]);
        }
        found
    }

    pub fn array<'v>(&mut self, v: &'v Value, path: &str, max_items: usize) -> Option<&'v [Value]> {
        match v {
            Value::Array(items) if items.len() > max_items => {
                self.problem_with(path, "too_many_items", vec![("max", max_items.decimal())]);
                None
            }
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(path, "array");
                None
            }
        }
    }
}

/// JSON text as a `Value` (`json::Reader`), with two things a person's file
/// needs: a leading byte-order mark (Notepad writes one) is skipped, and a
/// key given twice in one object is not silently dropped but reported by its
/// path (`duplicate_key`), each one, after the whole text is read.
pub fn parse_json(text: &str) -> Result<Value, JsonProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = crate::json::Reader::new(text);
    match reader.whole() {
        Err(e) => Err(JsonProblem::Invalid { line: e.line, column: e.column }),
        Ok(value) if !reader.duplicates.is_empty() => Err(JsonProblem::DuplicateKeys { paths: reader.duplicates, value }),
        Ok(value) => Ok(value),
    }
}

/// Why `parse_json` refused a text.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonProblem {
    Invalid { line: usize, column: usize },
    /// The path of each key given a second time in its object, and the text
    /// read with the first of each (to find the language to answer in).
    DuplicateKeys { paths: Vec<String>, value: Value },
}

impl JsonProblem {
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            JsonProblem::Invalid { line, column } => vec![Problem { path: String::new(), code: "invalid_json", args: vec![("line", line.decimal()), ("column", column.decimal())] }],
            JsonProblem::DuplicateKeys { paths, .. } => paths.iter().map(|p| Problem { path: p.clone(), code: "duplicate_key", args: Vec::new() }).collect(),
        }
    }
}
