//! Vårdvalskollen's engine: a person's rights in Swedish primary care, worked
//! out from their situation and explained with the law behind each answer.
//!
//! `evaluate` takes the situation of CONTRACT §1 as JSON and gives the answer
//! of §2 or the errors of §3. It is pure: no clock, no I/O, no JavaScript.
//! The command line (`main.rs`) and WebAssembly (`wasm.rs`) are thin shells.
//!
//! The WebAssembly modules are built without std (`no_std`): std's panic
//! machinery (a panic there only stops the module, `wasm::panic`) and its
//! formatting are code a person downloads. Shared code takes `core` and
//! `alloc` (the `prelude` below), and the modules' code writes its numbers and
//! dates itself rather than with `core::fmt` (ARCHITECTURE.md).
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

/// What std's prelude gives and a no_std build lacks: `use crate::prelude::*`.
/// No `format!`, and in the modules a `to_string` for text only: they write
/// text without `core::fmt` (numbers with `json_writer::Decimal`, dates with
/// `Date::iso`).
mod prelude {
    pub(crate) use alloc::borrow::ToOwned;
    pub(crate) use alloc::string::String;
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) use alloc::string::ToString;
    pub(crate) use alloc::vec;
    pub(crate) use alloc::vec::Vec;

    /// std's `to_string` for `str` alone (and through `Deref` a `String`
    /// or a rulebook's `Cow<str>`): std's for anything `Display` would
    /// bring `core::fmt` into the module.
    #[cfg(target_arch = "wasm32")]
    pub(crate) trait ToString {
        fn to_string(&self) -> String;
    }

    #[cfg(target_arch = "wasm32")]
    impl ToString for str {
        fn to_string(&self) -> String {
            String::from(self)
        }
    }
}

/// A `static` the WebAssembly module keeps between calls (`text`'s
/// catalogues, `wasm`'s unit list and places), where std's `OnceLock` and
/// `thread_local!` are not: the module has one thread (built without the
/// `atomics` feature), so a cell in a `static` is never shared between threads.
#[cfg(target_arch = "wasm32")]
pub(crate) struct OneThread<T>(pub(crate) T);

// SAFETY: without `atomics` a WebAssembly module runs on one thread only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl<T> Sync for OneThread<T> {}

#[cfg(target_arch = "wasm32")]
impl<T> core::ops::Deref for OneThread<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

// First: the modules below write their types with its `json_object!`.
#[macro_use]
pub mod json_writer;
pub mod care_guarantee;
pub mod date;
pub mod fees;
pub mod fixed_doctor;
pub mod input;
pub mod json;
pub mod listing;
pub mod nearby;
#[cfg(not(target_arch = "wasm32"))]
pub mod page;
pub mod places;
pub mod rulebook;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod situation;
pub mod text;
pub mod units;

#[cfg(target_arch = "wasm32")]
mod wasm;

use date::Date;
use input::{ErrorReport, InputError, Problem, Reader};
use rulebook::Rulebook;
use crate::json::Value;
use situation::Situation;
use text::{tr, tr_of, Lang};
use prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}
json_object!(Warning { code, message });

/// A step the person can take now, following from a section's answer
/// (RULES.md §5a). `code` is stable; `text` is in the person's language.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct NextStep {
    pub code: &'static str,
    pub text: String,
}
json_object!(NextStep { code, text });

impl NextStep {
    /// The step `code` with its text (`step.CODE` in the catalogue) in `lang`.
    pub fn new(lang: Lang, code: &'static str, args: &[(&str, String)]) -> NextStep {
        NextStep { code, text: tr_of(lang, "step", code, args) }
    }
}

/// Where a region's override set one of `names` (the parameters a section
/// reads on `date`), the section says so and cites the override's own source
/// and date, never the national value's (issue 11, D2).
pub(crate) fn cite_regional_values(book: &Rulebook, lang: Lang, date: Date, names: &[&str], details: &mut Vec<String>, sources: &mut Vec<rulebook::Source>) {
    let Some(regional) = book.regional() else { return };
    for name in regional.parameters.iter().filter(|n| names.contains(n)) {
        let Some((source_id, valid_from)) = book.provenance_of(name, date) else { continue };
        let source = (source_id != "override").then(|| book.source(source_id));
        let date = valid_from.map_or_else(|| tr(lang, "regional.undated", &[]), |d| tr(lang, "regional.from", &[("date", text::long_date(lang, d))]));
        let args = [
            ("what", tr_of(lang, "param", name, &[])),
            ("rulebook", regional_title(book, lang)),
            ("source", source.as_ref().map_or_else(|| tr(lang, "regional.no_source", &[]), |s| s.title.clone())),
            ("date", date),
        ];
        details.push(tr(lang, "regional.value", &args));
        if let Some(source) = source.filter(|s| !sources.contains(s)) {
            sources.push(source);
        }
    }
}

/// A rulebook's title; one a region's override changed says so, unless the
/// override gives a title of its own.
fn rulebook_title(book: &Rulebook, lang: Lang) -> String {
    match book.regional() {
        None => book.title.in_lang(lang),
        Some(regional) => regional.title.as_ref().map_or_else(|| tr(lang, "rulebook.regional_title", &[("base", book.title.in_lang(lang))]), |t| t.in_lang(lang)),
    }
}

/// The name of a rulebook a region's override changed: the override's own
/// title, else "a region's changes to the national rules".
fn regional_title(book: &Rulebook, lang: Lang) -> String {
    match book.regional().and_then(|r| r.title.as_ref()) {
        Some(title) => title.in_lang(lang),
        None => tr(lang, "rulebook.regional", &[]),
    }
}

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct RulebookRef {
    pub id: String,
    pub title: String,
    pub status: String,
    pub in_force_from: Option<Date>,
    pub overridden: bool,
}
json_object!(RulebookRef { id, title, status, in_force_from, overridden });

/// The answer to a situation (CONTRACT §2): each section with its text in
/// the situation's language and the sources it rests on.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct Answer {
    pub rulebook: RulebookRef,
    pub listing: listing::ListingAnswer,
    pub fixed_doctor: fixed_doctor::FixedDoctorAnswer,
    pub care_guarantee: care_guarantee::CareGuaranteeAnswer,
    pub fees: fees::FeesAnswer,
    pub warnings: Vec<Warning>,
}
json_object!(Answer { rulebook, listing, fixed_doctor, care_guarantee, fees, warnings });

/// Answers a situation (CONTRACT §1) or lists every problem in it (§3).
pub fn evaluate(input: &Value) -> Result<Answer, ErrorReport> {
    let lang = situation::read_lang(input);
    let mut reader = Reader::default();
    let Some(s) = Situation::read(input, &mut reader) else {
        return Err(report(lang, &reader.problems));
    };
    Ok(answer(&s))
}

/// `evaluate` on JSON text; text that is not JSON is one `invalid_json` error,
/// and each key given twice a `duplicate_key` error (`input::parse_json`).
pub fn evaluate_str(json: &str) -> Result<Answer, ErrorReport> {
    parse_json(json).and_then(|v| evaluate(&v))
}

/// JSON text a person or a region wrote, as `input::parse_json` reads it; its
/// problems as the error object, in the text's `lang` when it has one.
pub fn parse_json(text: &str) -> Result<Value, ErrorReport> {
    input::parse_json(text).map_err(|problem| {
        let lang = match &problem {
            input::JsonProblem::DuplicateKeys { value, .. } => situation::read_lang(value),
            input::JsonProblem::Invalid { .. } => Lang::Sv,
        };
        report(lang, &problem.problems())
    })
}

/// The problems as the contract's error object, with messages in `lang`.
pub fn report(lang: Lang, problems: &[Problem]) -> ErrorReport {
    let mut errors = Vec::with_capacity(problems.len());
    for p in problems {
        let mut args: Vec<(&str, String)> = p.args.clone();
        args.push(("path", if p.path.is_empty() { tr(lang, "word.input", &[]) } else { p.path.clone() }));
        if let Some(expected) = args.iter().find(|(n, _)| *n == "expected").map(|(_, v)| v.clone()) {
            args.push(("type", tr_of(lang, "type", &expected, &[])));
        }
        // A problem that can name what was probably meant has a message of its own.
        let mut message = input::key("error", p.code);
        if p.args.iter().any(|(n, _)| *n == "nearest") {
            message.push_str(".nearest");
        }
        errors.push(InputError { path: p.path.clone(), code: p.code.to_string(), message: tr(lang, &message, &args), args: input::Args(p.args.clone()) });
    }
    ErrorReport { errors }
}

fn answer(s: &Situation) -> Answer {
    let lang = s.lang;
    let mut warnings = Vec::new();
    let listing = listing::answer(s);
    let fixed_doctor = fixed_doctor::answer(s, &listing);
    let care_guarantee = care_guarantee::answer(s, &listing);
    let fees = fees::answer(s, s.proposal.as_deref(), &mut warnings);
    for path in &s.unknown_fields {
        fees::push_warning(&mut warnings, lang, "unknown_field", &[("path", path.clone())]);
    }
    let book = &s.rulebook;
    // A link or a host page may ask for the proposal: the answer says it is not the law.
    if book.status == "proposal" {
        warnings.push(Warning { code: "proposal_rulebook", message: tr(lang, "warning.proposal_rulebook", &[("rulebook", book.title.in_lang(lang))]) });
    }
    if let Some(regional) = book.regional() {
        let key = if regional.title.is_some() { "warning.regional_rulebook.titled" } else { "warning.regional_rulebook" };
        warnings.push(Warning { code: "regional_rulebook", message: tr(lang, key, &[("rulebook", regional_title(book, lang))]) });
    }
    Answer {
        rulebook: RulebookRef {
            id: book.id.to_string(),
            title: rulebook_title(book, lang),
            status: book.status.to_string(),
            in_force_from: book.in_force_from,
            overridden: book.overridden,
        },
        listing,
        fixed_doctor,
        care_guarantee,
        fees,
        warnings,
    }
}

/// Sorts by key, keeping the order of equal keys: an insertion sort, because
/// the lists are short (≤ 1 000) and the standard library's sorts each add
/// several kilobytes to the WebAssembly module for every type they sort.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A built-in rulebook by id, for `vardval rules`.
pub fn rulebook(id: &str) -> Option<&'static Rulebook> {
    Rulebook::builtin(id)
}
