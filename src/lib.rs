//! Vårdvalskollen's engine: a person's rights in Swedish primary care, worked
//! out from their situation and explained with the law behind each answer.
//!
//! `evaluate` takes the situation of CONTRACT §1 as JSON and gives the answer
//! of §2 or the errors of §3. It is pure: no clock, no I/O, no JavaScript.
//! The command line (`main.rs`) and WebAssembly (`wasm.rs`) are thin shells.

pub mod care_guarantee;
pub mod date;
pub mod fees;
pub mod fixed_doctor;
pub mod input;
pub mod listing;
pub mod nearby;
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
use serde::Serialize;
use serde_json::Value;
use situation::Situation;
use text::{tr, Lang};

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// A step the person can take now, following from a section's answer
/// (RULES.md §5a). `code` is stable; `text` is in the person's language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct NextStep {
    pub code: &'static str,
    pub text: String,
}

impl NextStep {
    /// The step `code` with its text (`step.CODE` in the catalogue) in `lang`.
    pub fn new(lang: Lang, code: &'static str, args: &[(&str, String)]) -> NextStep {
        NextStep { code, text: tr(lang, &format!("step.{code}"), args) }
    }
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RulebookRef {
    pub id: String,
    pub title: String,
    pub status: String,
    pub in_force_from: Option<Date>,
    pub overridden: bool,
}

/// The answer to a situation (CONTRACT §2): each section with its text in
/// the situation's language and the sources it rests on.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Answer {
    pub rulebook: RulebookRef,
    pub listing: listing::ListingAnswer,
    pub fixed_doctor: fixed_doctor::FixedDoctorAnswer,
    pub care_guarantee: care_guarantee::CareGuaranteeAnswer,
    pub fees: fees::FeesAnswer,
    pub warnings: Vec<Warning>,
}

/// Answers a situation (CONTRACT §1) or lists every problem in it (§3).
pub fn evaluate(input: &Value) -> Result<Answer, ErrorReport> {
    let lang = situation::read_lang(input);
    let mut reader = Reader::default();
    let Some(s) = Situation::read(input, &mut reader) else {
        return Err(report(lang, &reader.problems));
    };
    Ok(answer(&s))
}

/// `evaluate` on JSON text; text that is not JSON is one `invalid_json` error.
pub fn evaluate_str(json: &str) -> Result<Answer, ErrorReport> {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => evaluate(&v),
        Err(e) => Err(invalid_json(&e)),
    }
}

pub fn invalid_json(e: &serde_json::Error) -> ErrorReport {
    let problem = Problem { path: String::new(), code: "invalid_json", args: vec![("line", e.line().to_string()), ("column", e.column().to_string())] };
    report(Lang::Sv, &[problem])
}

/// The problems as the contract's error object, with messages in `lang`.
pub fn report(lang: Lang, problems: &[Problem]) -> ErrorReport {
    let errors = problems
        .iter()
        .map(|p| {
            let mut args: Vec<(&str, String)> = p.args.clone();
            args.push(("path", if p.path.is_empty() { tr(lang, "word.input", &[]) } else { p.path.clone() }));
            if let Some(expected) = args.iter().find(|(n, _)| *n == "expected").map(|(_, v)| v.clone()) {
                args.push(("type", tr(lang, &format!("type.{expected}"), &[])));
            }
            InputError { path: p.path.clone(), code: p.code.to_string(), message: tr(lang, &format!("error.{}", p.code), &args), args: input::Args(p.args.clone()) }
        })
        .collect();
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
    Answer {
        rulebook: RulebookRef {
            id: book.id.clone(),
            title: if lang == Lang::Sv { book.title.sv.clone() } else { book.title.en.clone() },
            status: book.status.clone(),
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
