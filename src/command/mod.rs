//! The command's own parts for unit lists, in neither the library nor the
//! WebAssembly modules: reading files a line at a time in UTF-8 or
//! Windows-1252 (`text`), where Sweden is (`sweden`), `vardval units check`
//! (`check`) and `vardval units import` (`import`, with calamine).

pub mod check;
pub mod import;
pub mod sweden;
pub mod text;


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
    serde_json::to_writer(&mut *out, &UnitProblemJson::from(p))?;
    Ok(())
}

/// A unit list's problem in a `--json` report.
#[derive(serde::Serialize)]
pub struct UnitProblemJson<'a> {
    pub line: usize,
    pub field: &'a str,
    pub code: &'a str,
    pub message: &'a str,
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
        serde_json::to_writer(&mut *out, &serde_json::json!({ "file": file, "ok": false, "errors": [UnitProblemJson::from(&problem)] }))?;
        writeln!(out)?;
    } else {
        write_unit_problem(out, file, &problem)?;
    }
    Ok(std::process::ExitCode::from(1))
}
