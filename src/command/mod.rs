//! The command's own parts for unit lists, in neither the library nor the
//! WebAssembly modules: reading files a line at a time in UTF-8 or
//! Windows-1252 (`text`), where Sweden is (`sweden`), `vardval units check`
//! (`check`) and `vardval units import` (`import`, with calamine).

pub mod check;
pub mod import;
pub mod sweden;
pub mod text;

use vardval::json_writer::WriteJson;

/// Where the commands write: standard output, buffered (`main`).
pub type Out<'a> = &'a mut dyn std::io::Write;

/// One line on standard error; if even that cannot be written, there is no one to tell.
pub fn note(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// "1 problem", "7 problems"; "1 unit", "329 units".
pub fn count(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

pub fn problems(n: usize) -> String {
    count(n, "problem")
}

/// A unit list's problem as a person reads it: `FILE:LINE: FIELD: CODE: DETAIL`
/// (`FILE: -: CODE: DETAIL` for the whole file, line 0).
pub fn unit_problem_line(file: &str, p: &vardval::units::UnitProblem) -> String {
    let at = if p.line == 0 { file.to_string() } else { format!("{file}:{}", p.line) };
    format!("{at}: {}: {}: {}", if p.field.is_empty() { "-" } else { &p.field }, p.code, p.detail)
}

pub fn write_unit_problem(out: Out, file: &str, p: &vardval::units::UnitProblem) -> std::io::Result<()> {
    writeln!(out, "{}", unit_problem_line(file, p))
}

/// The same for `--json`: one item of the report's `errors`, after a comma
/// unless it is the `first`.
pub fn write_unit_problem_json(out: Out, p: &vardval::units::UnitProblem, first: bool) -> std::io::Result<()> {
    if !first {
        out.write_all(b",")?;
    }
    out.write_all(UnitProblemJson::from(p).to_json().as_bytes())
}

/// A unit list's problem in a `--json` report.
pub struct UnitProblemJson<'a> {
    pub line: usize,
    pub field: &'a str,
    pub code: &'a str,
    pub message: &'a str,
}
vardval::json_object!(UnitProblemJson<'_> { line, field, code, message });

/// What `rules check`, a file `units check` cannot read, or `units import`
/// says with `--json`, as one object; `units` only in an import's report.
pub struct FileReport<'a, E> {
    pub errors: &'a [E],
    pub file: &'a str,
    pub ok: bool,
    pub units: Option<&'a dyn WriteJson>,
}
vardval::json_object!(<E> FileReport<'_, E> { errors, file, ok, units? });

impl<E: WriteJson> FileReport<'_, E> {
    /// Compact JSON with every object's keys sorted, as these reports have
    /// had them since they were built as serde_json's `Value` (a sorted map):
    /// the command's output stays what it was, byte for byte.
    pub fn to_sorted_json(&self) -> String {
        // Read back by the engine's reader, whose map keeps keys sorted and
        // whose numbers, read correctly rounded, come back as the writer
        // first wrote them (serde_json's,
        // without its `float_roundtrip`, could move a 17-digit coordinate by
        // one unit in the last place).
        let json = self.to_json();
        vardval::parse_json(&json).map_or(json, |sorted| sorted.to_json())
    }
}

impl<'a> From<&'a vardval::units::UnitProblem> for UnitProblemJson<'a> {
    fn from(p: &'a vardval::units::UnitProblem) -> Self {
        UnitProblemJson { line: p.line, field: &p.field, code: p.code, message: &p.detail }
    }
}

/// A file the checks or the import cannot open or read: a problem like any
/// other (exit 1), said where the command says its problems.
pub fn report_unreadable(file: &str, e: &std::io::Error, json: bool, out: Out) -> std::io::Result<std::process::ExitCode> {
    let problem = vardval::units::UnitProblem { line: 0, field: String::new(), code: "unreadable_input", detail: format!("cannot read {file}: {e}") };
    if json {
        let report = FileReport { errors: &[UnitProblemJson::from(&problem)], file, ok: false, units: None };
        writeln!(out, "{}", report.to_sorted_json())?;
    } else {
        write_unit_problem(out, file, &problem)?;
    }
    Ok(std::process::ExitCode::from(1))
}
