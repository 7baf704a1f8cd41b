//! The fuzzer (issue 11, part 6): generated inputs, well formed and spoiled
//! (tests/generators), through `evaluate`, `nearby`, `units check` and
//! `rules check`, in-process, checking what RULES.md and CONTRACT.md promise:
//! no panic; every refusal an error object; `total_charged` the sum of the
//! visits; no period above its ceiling unless the person's own amounts
//! (receipts, `fee_period.paid`) explain it; `can_change`, `counted_changes` and
//! `next_free_change` as RULES §2 works them out from the changes; nearby's
//! units the nearest, in order; `units check` and the reader `nearby` uses
//! agreeing; an override that `rules check` passes answered by `evaluate`.
//!
//! `cargo test` runs FUZZ_CASES inputs in all (default 10 000, seed FUZZ_SEED,
//! default 1); `make fuzz` runs 1 000 000 in the `fuzz` profile and prints the
//! counts (`-- --nocapture`).

mod common;
mod generators;
// `units check` reads a file a piece at a time in the command's own module
// (src/command/check.rs), outside the library: the fuzzer takes the same source.
#[allow(dead_code, unused_imports)]
#[path = "../src/command/mod.rs"]
mod command;

use generators::{nearby_query, override_doc, situation, spoiled, unit_file, unit_positions, Input};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;
use std::time::Instant;
use vardval::date::Date;
use vardval::input::ErrorReport;
use vardval::nearby::Units;
use vardval::places::Places;
use vardval::text::Lang;

// --- running and counting ---------------------------------------------------------

/// What one target saw.
#[derive(Default)]
struct Tally {
    inputs: u64,
    seconds: f64,
    answers: u64,
    errors: u64,
    panics: u64,
    /// Counts of interest beyond answers and errors (e.g. overrides answered).
    notes: BTreeMap<&'static str, u64>,
    /// Each invariant that failed: how often, and the shortest input that failed it.
    failures: BTreeMap<&'static str, (u64, String, String)>,
}

impl Tally {
    fn fail(&mut self, invariant: &'static str, input: &str, detail: String) {
        let entry = self.failures.entry(invariant).or_insert((0, input.to_string(), detail.clone()));
        entry.0 += 1;
        if input.len() < entry.1.len() {
            entry.1 = input.to_string();
            entry.2 = detail;
        }
    }

    fn note(&mut self, what: &'static str) {
        *self.notes.entry(what).or_default() += 1;
    }
}

/// The invariants one input broke: (name, what was seen).
#[derive(Default)]
struct Findings(Vec<(&'static str, String)>);

impl Findings {
    fn check(&mut self, ok: bool, invariant: &'static str, detail: impl FnOnce() -> String) {
        if !ok {
            self.0.push((invariant, detail()));
        }
    }
}

/// The message of the last panic on this thread, kept by the fuzzer's hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs `target` on `cases` inputs drawn from `strategy`, counting outcomes;
/// a panic is caught and counted, with its message, as a failure.
fn run<S: Strategy>(runner: &mut TestRunner, strategy: S, cases: u64, tally: &mut Tally, show: impl Fn(&S::Value) -> String, target: impl Fn(&S::Value, &mut Tally) -> Findings) {
    let started = Instant::now();
    for _ in 0..cases {
        let input = strategy.new_tree(runner).expect("the generator makes a value").current();
        tally.inputs += 1;
        match catch_unwind(AssertUnwindSafe(|| target(&input, tally))) {
            Ok(findings) => {
                for (invariant, detail) in findings.0 {
                    tally.fail(invariant, &show(&input), detail);
                }
            }
            Err(_) => {
                tally.panics += 1;
                let message = LAST_PANIC.lock().map(|mut m| m.take().unwrap_or_default()).unwrap_or_default();
                tally.fail("no panic", &show(&input), message);
            }
        }
    }
    tally.seconds = started.elapsed().as_secs_f64();
}

fn seed_rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

#[test]
fn fuzz_the_four_entry_points() {
    let total = env_number("FUZZ_CASES", 10_000);
    let seed = env_number("FUZZ_SEED", 1);
    let started = Instant::now();
    let places: &'static Places = Box::leak(Box::new(common::places()));
    let default_units = common::default_units(places);
    let geo = command::check::Geo::new(places);
    let texts = Catalogue::read();

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string());
        }
    }));
    let mut runner = TestRunner::new_with_rng(Config { failure_persistence: None, ..Config::default() }, seed_rng(seed));

    // Half for `evaluate`, where the rules are; the rest shared by the others.
    let shares = [("evaluate", total / 2), ("nearby", total / 5), ("units check", total * 3 / 20)];
    let rules_cases = total - shares.iter().map(|s| s.1).sum::<u64>();
    let mut tallies: Vec<(&str, Tally)> = Vec::new();

    let mut tally = Tally::default();
    run(&mut runner, spoiled(situation().boxed()), shares[0].1, &mut tally, Input::text, |input, tally| evaluate_target(input, &texts, tally));
    tallies.push(("evaluate", tally));

    let mut tally = Tally::default();
    let queries = (spoiled(nearby_query(places).boxed()), prop::option::weighted(0.2, unit_positions()));
    run(&mut runner, queries, shares[1].1, &mut tally, |(q, _)| q.text(), |(query, own), tally| nearby_target(query, own.as_deref(), &default_units, places, &texts, tally));
    tallies.push(("nearby", tally));

    let mut tally = Tally::default();
    run(&mut runner, unit_file(places), shares[2].1, &mut tally, |bytes| String::from_utf8_lossy(bytes).chars().take(2000).collect(), |bytes, tally| {
        units_target(bytes, &geo, places, tally)
    });
    tallies.push(("units check", tally));

    let mut tally = Tally::default();
    let overrides = (spoiled(override_doc().boxed()), situation());
    run(&mut runner, overrides, rules_cases, &mut tally, |(o, _)| o.text(), |(doc, situation), tally| rules_target(doc, situation, &texts, tally));
    tallies.push(("rules check", tally));

    std::panic::set_hook(previous_hook);
    let seconds = started.elapsed().as_secs_f64();
    println!("\nfuzz: {} inputs in {seconds:.1} s (FUZZ_CASES={total}, FUZZ_SEED={seed})", tallies.iter().map(|t| t.1.inputs).sum::<u64>());
    println!("{:<12} {:>9} {:>9} {:>14} {:>7} {:>19} {:>8}", "target", "inputs", "answers", "error objects", "panics", "invariant failures", "seconds");
    for (name, t) in &tallies {
        let failed: u64 = t.failures.values().map(|f| f.0).sum::<u64>() - t.panics;
        println!("{name:<12} {:>9} {:>9} {:>14} {:>7} {:>19} {:>8.1}", t.inputs, t.answers, t.errors, t.panics, failed, t.seconds);
        for (what, n) in &t.notes {
            println!("{:<12}   {what}: {n}", "");
        }
    }
    let mut report = String::new();
    for (name, t) in &tallies {
        for (invariant, (n, input, detail)) in &t.failures {
            report.push_str(&format!("\n{name}: {invariant} ({n}×)\n  shortest input: {input}\n  seen: {detail}\n"));
        }
    }
    println!("{}", if report.is_empty() { "invariant failures: none".to_string() } else { format!("invariant failures:{report}") });
    assert!(report.is_empty(), "the fuzzer found inputs that break an invariant (above)");
}

// --- text ------------------------------------------------------------------------

/// What a sentence of the engine's must not show: a placeholder left unfilled
/// or a catalogue key that was not found (`tr` shows the key itself).
struct Catalogue {
    placeholders: BTreeSet<String>,
    prefixes: BTreeSet<String>,
}

impl Catalogue {
    fn read() -> Catalogue {
        let mut placeholders = BTreeSet::new();
        let mut prefixes = BTreeSet::new();
        for lang in [Lang::Sv, Lang::En] {
            for (key, template) in vardval::text::catalogue(lang) {
                prefixes.insert(key.split('.').next().unwrap_or_default().to_string());
                for part in template.split('{').skip(1) {
                    if let Some((name, _)) = part.split_once('}') {
                        placeholders.insert(format!("{{{name}}}"));
                    }
                }
            }
        }
        Catalogue { placeholders, prefixes }
    }

    /// Why `text` is not a finished sentence, if it is not.
    fn unfinished(&self, text: &str) -> Option<String> {
        if let Some(p) = self.placeholders.iter().find(|p| text.contains(p.as_str())) {
            return Some(format!("unfilled {p} in {text:?}"));
        }
        let key_like = |t: &str| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
            t.split_once('.').is_some_and(|(prefix, rest)| self.prefixes.contains(prefix) && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'))
        };
        // A whole text that is a key, or a label inside one (a mode, an item, a month).
        let label = |t: &str| ["item.", "mode.", "reason.", "month.", "word.", "type."].iter().any(|p| t.trim_matches(|c: char| !c.is_alphanumeric()).starts_with(p));
        if key_like(text) || text.split_whitespace().any(|t| label(t) && key_like(t)) {
            return Some(format!("a catalogue key in {text:?}"));
        }
        None
    }
}

fn strings<'v>(v: &'v Value, out: &mut Vec<&'v str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(m) => m.values().for_each(|i| strings(i, out)),
        _ => {}
    }
}

// --- error objects ------------------------------------------------------------------

/// CONTRACT §3: `{ errors: [{ path, code, message }] }`, never empty, each
/// with a code and a message in words.
fn check_errors(report: &ErrorReport, texts: &Catalogue, f: &mut Findings) {
    let v = common::written(report);
    let errors = v["errors"].as_array().cloned().unwrap_or_default();
    f.check(!errors.is_empty(), "an error object has errors", || v.to_string());
    for e in &errors {
        f.check(e["path"].is_string(), "each error has a path", || e.to_string());
        f.check(e["code"].as_str().is_some_and(|c| !c.is_empty() && c.chars().all(|c| c.is_ascii_lowercase() || c == '_')), "each error has a code", || e.to_string());
        let message = e["message"].as_str().unwrap_or_default();
        f.check(!message.trim().is_empty() && !message.starts_with("error."), "each error has a message", || e.to_string());
        if let Some(why) = texts.unfinished(message) {
            f.check(false, "messages are finished sentences", || why);
        }
    }
}

// --- evaluate --------------------------------------------------------------------

/// A value the engine read, as serde_json's, for the checks (through the
/// engine's writer, which the tests compare with serde_json's elsewhere).
fn serde_value(v: vardval::json::Value) -> Value {
    serde_json::from_str(&vardval::json_writer::WriteJson::to_json(&v)).expect("the writer writes JSON")
}

fn evaluate_target(input: &Input, texts: &Catalogue, tally: &mut Tally) -> Findings {
    let mut f = Findings::default();
    let (result, situation) = match input {
        Input::Json(v) => (vardval::evaluate(&v.into()), Some(v.clone())),
        Input::Text(t) => (vardval::evaluate_str(t), vardval::parse_json(t).ok().map(serde_value)),
    };
    match result {
        Ok(answer) => {
            tally.answers += 1;
            let a = common::written(&answer);
            check_answer(situation.as_ref(), &a, texts, &mut f);
        }
        Err(report) => {
            tally.errors += 1;
            check_errors(&report, texts, &mut f);
        }
    }
    f
}

fn date(v: &Value) -> Option<Date> {
    v.as_str().and_then(Date::parse_iso)
}

fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The same date a year later by lag 1930:173 (RULES §2): 29 February goes to 28 February.
fn plus_a_year(d: Date) -> Option<Date> {
    let (y, m, day) = d.ymd();
    let day = if m == 2 && day == 29 && !leap(y + 1) { 28 } else { day };
    Date::from_ymd(y + 1, m, day)
}

/// "YYYY-MM" as RULES §2 counts it (CONTRACT §6): the month's last day, but not after today.
fn change_date(text: &str, today: Date) -> Option<Date> {
    if let Some(d) = Date::parse_iso(text) {
        return Some(d);
    }
    let (y, m) = text.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let next = if m == 12 { Date::from_ymd(y + 1, 1, 1) } else { Date::from_ymd(y, m + 1, 1) }?;
    Some(next.add_days(-1).min(today))
}

/// The value of a rulebook parameter on `day`: the override's when it sets
/// one (bare, one entry, or entries by `valid_from`), else `se`'s (RULES §2).
/// `None` when no entry of the override is in force that day.
fn parameter(situation: &Value, name: &str, day: Date, se: Value) -> Option<Value> {
    let Some(over) = situation["rulebook"]["override"]["parameters"].get(name) else { return Some(se) };
    let entry = |e: &Value| e.get("value").is_some();
    let entries: Vec<&Value> = match over {
        Value::Array(items) if !items.is_empty() && items.iter().all(entry) => items.iter().collect(),
        Value::Object(_) if entry(over) => vec![over],
        bare => return Some(bare.clone()),
    };
    entries.into_iter().filter(|e| e.get("valid_from").and_then(date).is_none_or(|from| from <= day)).max_by_key(|e| e.get("valid_from").and_then(date)).map(|e| e["value"].clone())
}

const SPECIAL: [&str; 5] = generators::SPECIAL_REASONS;
/// RULES §2: the first listing and automatic listing are not the person's own choice.
const NEVER_COUNTED: [&str; 2] = ["first_listing", "automatic"];
/// RULES §2 "Decision — before the law".
const LAW: (i32, u32, u32) = (2022, 7, 1);

fn check_answer(situation: Option<&Value>, a: &Value, texts: &Catalogue, f: &mut Findings) {
    // Every section: a headline that the summary begins with, steps with codes and texts.
    for section in ["listing", "fixed_doctor", "care_guarantee", "fees"] {
        let s = &a[section];
        let headline = s["headline"].as_str().unwrap_or_default();
        f.check(!headline.is_empty() && s["summary"].as_str().is_some_and(|t| t.starts_with(headline)), "a summary begins with its headline", || format!("{section}: {s}"));
        for step in s["next_steps"].as_array().into_iter().flatten() {
            f.check(step["code"].as_str().is_some_and(|c| !c.is_empty()) && step["text"].as_str().is_some_and(|t| !t.is_empty()), "each step has a code and a text", || step.to_string());
        }
    }
    for w in a["warnings"].as_array().into_iter().flatten() {
        f.check(w["code"].as_str().is_some_and(|c| !c.is_empty()) && w["message"].as_str().is_some_and(|m| !m.is_empty()), "each warning has a code and a message", || w.to_string());
    }
    let mut all = Vec::new();
    strings(a, &mut all);
    for t in all {
        if let Some(why) = texts.unfinished(t) {
            f.check(false, "texts are finished sentences", || why);
            break;
        }
    }
    check_listing(situation, &a["listing"], f);
    check_rights(situation, a, f);
    check_fees(situation, a, f);
}

fn step_codes(section: &Value) -> Vec<&str> {
    section["next_steps"].as_array().into_iter().flatten().filter_map(|s| s["code"].as_str()).collect()
}

/// RULES §2 on the answer's own figures, then on the changes in the situation.
fn check_listing(situation: Option<&Value>, l: &Value, f: &mut Findings) {
    let Some(day) = date(&l["date"]) else {
        f.check(false, "listing.date is a date", || l.to_string());
        return;
    };
    let counted: Vec<Date> = l["counted"].as_array().into_iter().flatten().filter_map(date).collect();
    let k = counted.len() as u64;
    let window = l["window"].as_str().unwrap_or_default();
    f.check(l["counted_changes"].as_u64() == Some(k), "counted_changes is the number of changes counted", || l.to_string());
    f.check(counted.windows(2).all(|w| w[0] <= w[1]), "counted changes in date order", || l.to_string());
    let in_window = |c: Date| match window {
        "rolling_year" => c <= day && plus_a_year(c).is_some_and(|end| day < end),
        "calendar_year" => c <= day && c.year() == day.year(),
        _ => false,
    };
    f.check(counted.iter().all(|&c| in_window(c)), "every counted change is in the window", || l.to_string());
    let limit = l["limit"].as_u64();
    let exempt = !l["special_reason"].is_null() || l["first_listing"] == true;
    let within = limit.is_none_or(|lim| k < lim);
    let closed = l["list_closed"] == true;
    f.check(l["can_change"] == (!closed && (within || exempt)), "can_change follows from the count, the limit, the reason and the list", || l.to_string());
    // CONTRACT §2: the first date without a special reason, only when the planned one is refused by the limit.
    let expected_next = match (within || exempt, limit) {
        (false, Some(lim)) if lim > 0 => match window {
            "calendar_year" => Date::from_ymd(day.year() + 1, 1, 1),
            _ => counted.get((k - lim) as usize).copied().and_then(plus_a_year),
        },
        _ => None,
    };
    let next = date(&l["next_free_change"]);
    f.check(next == expected_next, "next_free_change is c(K−limit+1) + 1 year", || format!("expected {expected_next:?}: {l}"));
    f.check(next.is_none_or(|n| n > day), "next_free_change is after the planned date", || l.to_string());
    let steps = step_codes(l);
    f.check(l["can_change"] == true || steps.contains(&"wait_until") || (within || exempt), "a refusal says when", || l.to_string());
    f.check(!(l["can_change"] == true && steps.contains(&"wait_until")), "no wait when the change is possible", || l.to_string());

    // The model: the same figures from the situation itself.
    let Some(s) = situation else { return };
    let Some(today) = date(&s["today"]) else { return };
    let planned = &s["listing"]["planned"];
    let expected_day = if planned.is_object() { planned.get("date").and_then(date).unwrap_or(today) } else { today };
    f.check(day == expected_day, "listing.date is the planned date, else today", || format!("{expected_day}: {l}"));
    let (Some(limit_p), Some(window_p), Some(specials_p)) = (
        parameter(s, "relisting.limit", day, json!(2)),
        parameter(s, "relisting.window", day, json!("rolling_year")),
        parameter(s, "relisting.special_reasons", day, json!(SPECIAL)),
    ) else {
        return;
    };
    // Numbers as numbers: an override may write the limit 2 as 2.0.
    f.check(l["limit"].as_f64() == limit_p.as_f64() && l["window"] == window_p, "limit and window are the rulebook's", || format!("{limit_p} {window_p}: {l}"));
    let specials: Vec<&str> = specials_p.as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    // When the limit came into force: the override's first date for it, else the law's.
    let over_limit = s["rulebook"]["override"]["parameters"]["relisting.limit"].as_array().filter(|e| e.iter().all(|e| e.get("value").is_some()));
    let law = over_limit.and_then(|e| e.iter().filter_map(|e| e.get("valid_from").and_then(date)).min()).or_else(|| Date::from_ymd(LAW.0, LAW.1, LAW.2)).expect("a date");
    let changes = s["listing"]["changes"].as_array().cloned().unwrap_or_default();
    let mut expected: Vec<Date> = changes
        .iter()
        .filter(|c| c["reason"].as_str().is_none_or(|r| !specials.contains(&r) && !NEVER_COUNTED.contains(&r)))
        .filter_map(|c| c["date"].as_str().and_then(|d| change_date(d, today)))
        .filter(|&c| c >= law && in_window(c))
        .collect();
    expected.sort();
    f.check(counted == expected, "the changes counted are those RULES §2 counts", || format!("expected {expected:?}: {l}"));
    let reason = planned["reason"].as_str();
    let listed = s["listing"]["unit"].is_object();
    let first = (!listed && changes.is_empty()) || reason.is_some_and(|r| NEVER_COUNTED.contains(&r));
    f.check(l["first_listing"] == first, "a first listing is one from unlisted, or the region's", || l.to_string());
    let special = reason.filter(|r| specials.contains(r));
    f.check(l["special_reason"].as_str() == special, "the special reason is the planned one, when the rulebook names it", || l.to_string());
    f.check(l["list_closed"] == planned["unit"].get("list_closed").cloned().unwrap_or(Value::Null), "list_closed is the planned unit's", || l.to_string());
}

/// RULES §3: the fixed doctor where one is listed; the guarantee there, in the home region.
fn check_rights(situation: Option<&Value>, a: &Value, f: &mut Findings) {
    let g = &a["care_guarantee"];
    f.check(step_codes(g).contains(&"contact_unit_same_day") == (g["applies"] == true), "the same-day step only where the guarantee applies", || g.to_string());
    let Some(s) = situation else { return };
    let unit = &s["listing"]["unit"];
    let listed = unit.is_object();
    let entitled = listed || (s["listing"]["planned"].is_object() && a["listing"]["can_change"] == true);
    f.check(a["fixed_doctor"]["entitled"] == entitled, "entitled: listed, or after a possible planned listing", || a["fixed_doctor"].to_string());
    let home = s["person"]["home_region"].as_str();
    // docs/interface.md: the unit's region defaults to the home region, and the other way round.
    let unit_region = unit["region"].as_str().or(home);
    let applies = match (listed, unit_region, home) {
        (false, _, _) => json!(false),
        (true, None, _) => Value::Null,
        (true, Some(u), Some(h)) if u != h => json!(false),
        _ => json!(true),
    };
    f.check(g["applies"] == applies, "the guarantee applies at a listed unit in the home region", || format!("expected {applies}: {g}"));
}

/// RULES §4 and CONTRACT §2, §6 on the fees.
fn check_fees(situation: Option<&Value>, a: &Value, f: &mut Findings) {
    let fees = &a["fees"];
    let visits = fees["visits"].as_array().cloned().unwrap_or_default();
    let n = |v: &Value| v.as_u64().unwrap_or(0);
    let total: u64 = visits.iter().map(|v| n(&v["charged"])).sum();
    f.check(fees["total_charged"].as_u64() == Some(total), "total_charged is the sum of the visits", || fees["total_charged"].to_string());
    if let Some(p) = fees.get("proposal") {
        let sum: u64 = p["visits"].as_array().into_iter().flatten().map(|v| n(&v["charged"])).sum();
        f.check(p["total_charged"].as_u64() == Some(sum), "the proposal's total is the sum of its visits", || p.to_string());
        f.check(p["visits"].as_array().map(Vec::len) == Some(visits.len()), "the proposal prices the same visits", || p.to_string());
        f.check(p["difference"].as_i64() == Some(sum as i64 - total as i64), "the difference is proposal − current", || p.to_string());
    }
    f.check(fees.get("proposal").is_some() == (a["rulebook"]["id"] == "se"), "the proposal is compared under se only", || a["rulebook"].to_string());
    let dates: Vec<Option<Date>> = visits.iter().map(|v| date(&v["date"])).collect();
    f.check(dates.windows(2).all(|w| w[0] <= w[1]), "visits in date order", || format!("{dates:?}"));
    for v in &visits {
        let (fee, charged) = (n(&v["fee"]), n(&v["charged"]));
        f.check(charged <= fee, "a visit is charged at most its fee", || v.to_string());
        let free = v["free_reason"].as_str();
        f.check(!matches!(free, Some("age_85_plus" | "under_free_age")) || fee == 0, "a visit free by age has no fee", || v.to_string());
        f.check(free != Some("free_card") || charged == 0, "a visit on a free card costs nothing", || v.to_string());
        f.check(v["fee_known"] != false || fee == 0, "an unknown fee counts 0 kr", || v.to_string());
    }
    let periods = fees["periods"].as_array().cloned().unwrap_or_default();
    for w in periods.windows(2) {
        f.check(date(&w[0]["end"]) < date(&w[1]["start"]), "periods do not overlap", || format!("{} {}", w[0], w[1]));
    }
    let fee_period = situation.map(|s| &s["fee_period"]).filter(|p| p.is_object());
    let builtin_rules = situation.is_some_and(|s| s["rulebook"].get("override").is_none());
    let stated_before = fee_period.map_or(0, |p| n(&p["paid"]));
    let mut overpaid_total = 0;
    for p in &periods {
        let (Some(start), Some(end)) = (date(&p["start"]), date(&p["end"])) else {
            f.check(false, "a period has dates", || p.to_string());
            continue;
        };
        f.check(plus_a_year(start).map(|e| e.add_days(-1)) == Some(end), "a period ends the day before the same date a year later", || p.to_string());
        let within = |v: &&Value| date(&v["date"]).is_some_and(|d| start <= d && d <= end);
        // What the person says they paid: receipts, and `fee_period.paid` for the period it opens.
        let receipts: u64 = visits.iter().filter(within).filter(|v| v["item"] == "receipt").map(|v| n(&v["charged"])).sum();
        let opened = fee_period.is_some_and(|fp| date(&fp["first_visit"]) == Some(start));
        let stated = receipts + if opened { stated_before } else { 0 };
        let (charged, ceiling, overpaid) = (n(&p["charged"]), n(&p["ceiling"]), n(&p["overpaid"]));
        overpaid_total += overpaid;
        let in_period: u64 = visits.iter().filter(within).map(|v| n(&v["charged"])).sum();
        f.check(charged == in_period + if opened { stated_before } else { 0 }, "a period's charge is its visits' (and fee_period.paid)", || format!("visits {in_period} kr: {p}"));
        f.check(overpaid <= stated, "overpaid only by the person's own amounts", || format!("stated {stated} kr: {p}"));
        // A ceiling falls within a period only by an override (a region's lower
        // ceiling from a date); in the built-in rules a period's charge stays
        // within its ceiling but for what the person says they paid.
        if !builtin_rules || charged <= ceiling + stated {
            continue;
        }
        f.check(false, "no period above its ceiling unless the person's amounts explain it", || format!("stated {stated} kr: {p}"));
    }
    let in_periods = visits.iter().filter(|v| n(&v["charged"]) > 0).all(|v| periods.iter().any(|p| date(&v["date"]) >= date(&p["start"]) && date(&v["date"]) <= date(&p["end"])));
    f.check(in_periods, "every charged visit lies in a period", || fees["periods"].to_string());
    let steps = step_codes(fees);
    f.check(steps.contains(&"ask_refund") == (overpaid_total > 0), "a refund is asked for exactly when something was overpaid", || format!("{overpaid_total} kr: {steps:?}"));
    let Some(s) = situation else { return };
    if let Some(input) = s["visits"].as_array() {
        f.check(visits.len() == input.len(), "one fee per input visit", || format!("{} of {}", visits.len(), input.len()));
    }
    // D7: a free card is offered for use only while it holds.
    if let (Some(today), true) = (date(&s["today"]), steps.contains(&"free_card_until")) {
        let card_end = periods.iter().rev().find(|p| p["free_card"] == true).and_then(|p| date(&p["end"]));
        f.check(card_end.is_some_and(|e| e >= today), "a free card step only while the card holds", || fees["periods"].to_string());
    }
}

// --- nearby ------------------------------------------------------------------------

/// RULES §5b, CONTRACT §4: great-circle distance on a sphere of the mean Earth radius.
fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().min(1.0).asin()
}

fn nearby_target(query: &Input, own: Option<&[(f64, f64, Option<&'static str>, Option<bool>)]>, default_units: &Units, places: &Places, texts: &Catalogue, tally: &mut Tally) -> Findings {
    let mut f = Findings::default();
    let own_units = own.map(|list| {
        let units = list
            .iter()
            .enumerate()
            .map(|(i, &(lat, lon, region, closed))| vardval::units::Unit {
                id: format!("u{i}"),
                name: format!("Vårdcentral {i}"),
                lat,
                lon,
                region: region.map(str::to_string),
                municipality: None,
                address: None,
                postal_code: None,
                phone: None,
                url: None,
                list_closed: closed,
                digital: None,
                source: None,
            })
            .collect();
        Units::new(units)
    });
    let units = own_units.as_ref().unwrap_or(default_units);
    let q = match query {
        Input::Json(v) => Ok(v.clone()),
        Input::Text(t) => vardval::parse_json(t).map(serde_value),
    };
    let result = q.clone().and_then(|q| vardval::nearby::nearby(&q.into(), units, places));
    let answer = match result {
        Ok(a) => a,
        Err(report) => {
            tally.errors += 1;
            check_errors(&report, texts, &mut f);
            return f;
        }
    };
    tally.answers += 1;
    let q = q.unwrap_or_default();
    let a = common::written(&answer);
    let found = a["units"].as_array().cloned().unwrap_or_default();
    let k = q["k"].as_f64().map_or(10, |k| k as usize);
    let max_km = q["max_km"].as_f64();
    let only_open = q["only_open_lists"] == true;
    let (olat, olon) = (a["origin"]["lat"].as_f64().unwrap_or(f64::NAN), a["origin"]["lon"].as_f64().unwrap_or(f64::NAN));
    f.check(olat.abs() <= 90.0 && olon.abs() <= 180.0, "the origin is a position", || a["origin"].to_string());
    f.check(found.len() <= k, "at most k units", || format!("{} > {k}", found.len()));
    let distances: Vec<f64> = found.iter().map(|u| u["distance_km"].as_f64().unwrap_or(f64::NAN)).collect();
    f.check(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first", || format!("{distances:?}"));
    for u in &found {
        let d = u["distance_km"].as_f64().unwrap_or(f64::NAN);
        let true_d = haversine_km(olat, olon, u["lat"].as_f64().unwrap_or(f64::NAN), u["lon"].as_f64().unwrap_or(f64::NAN));
        f.check((d - true_d).abs() < 0.01, "distance along the great circle", || format!("{d} km, the great circle says {true_d} km: {u}"));
        f.check(max_km.is_none_or(|m| d <= m + 0.001), "no unit beyond max_km", || format!("{d} > {max_km:?}"));
        f.check(!only_open || u["list_closed"] != true, "only open lists when asked", || u.to_string());
        let expected_other = match (u["region"].as_str(), a["home_region"].as_str()) {
            (Some(r), Some(h)) => json!(r != h),
            _ => Value::Null,
        };
        f.check(u["other_region"] == expected_other, "other_region: outside the home region", || u.to_string());
    }
    let home = q["home_region"].as_str().map(str::to_string).or_else(|| a["origin"]["region"].as_str().map(str::to_string));
    f.check(a["home_region"].as_str().map(str::to_string) == home, "the home region is the one given, else the origin's", || a.to_string());
    // Every unit that qualifies, by brute force: the answer is its k nearest.
    let mut all: Vec<f64> = units
        .units
        .iter()
        .filter(|u| !only_open || u.list_closed != Some(true))
        .map(|u| haversine_km(olat, olon, u.lat, u.lon))
        .filter(|&d| max_km.is_none_or(|m| d <= m))
        .collect();
    all.sort_by(f64::total_cmp);
    // A unit at the very edge of max_km may fall either side of it.
    let edge = max_km.is_some_and(|m| all.iter().any(|&d| (d - m).abs() < 0.01));
    f.check(edge || found.len() == all.len().min(k), "as many units as qualify, up to k", || format!("{} found, {} qualify, k {k}", found.len(), all.len()));
    for (d, best) in distances.iter().zip(&all) {
        f.check((d - best).abs() < 0.01, "the k nearest, none skipped", || format!("{d} km where {best} km qualifies"));
    }
    f
}

// --- units check ----------------------------------------------------------------------

fn units_target(bytes: &[u8], geo: &command::check::Geo, places: &Places, tally: &mut Tally) -> Findings {
    let mut f = Findings::default();
    let mut problems = Vec::new();
    let checked = command::check::check(std::io::Cursor::new(bytes), geo, &mut |p| problems.push(p.clone()));
    let summary = match checked {
        Ok(summary) => summary,
        Err(e) => {
            // Bytes in memory are always readable: an error here is the checker's.
            f.check(false, "units check reads any bytes", || e.to_string());
            return f;
        }
    };
    if problems.is_empty() {
        tally.answers += 1;
    } else {
        tally.errors += 1;
    }
    f.check(summary.problems == problems.len(), "the summary counts the problems reported", || format!("{} ≠ {}", summary.problems, problems.len()));
    for p in &problems {
        f.check(p.line >= 1 && !p.code.is_empty() && !p.detail.is_empty(), "each problem has a line, a code and a detail", || format!("{p:?}"));
    }
    // The reader `nearby --units` and the page use: it must accept what `units check` passes.
    let Ok(text) = std::str::from_utf8(bytes) else {
        tally.note("lists not in UTF-8 (checked by units check only)");
        return f;
    };
    let (units, read_problems) = vardval::units::read(text, &|m| places.municipality_known(m));
    for p in &read_problems {
        f.check(p.line >= 1 && !p.code.is_empty() && !p.detail.is_empty(), "each problem has a line, a code and a detail", || format!("{p:?}"));
    }
    f.check(!problems.is_empty() || read_problems.is_empty(), "a list units check passes is read without problems", || format!("{read_problems:?}"));
    f.check(read_problems.is_empty() || !problems.is_empty(), "a list the reader refuses fails units check", || format!("{read_problems:?}"));
    if problems.is_empty() {
        f.check(units.len() == summary.units, "both count the same units", || format!("{} ≠ {}", units.len(), summary.units));
    }
    let mut ids = BTreeSet::new();
    for u in &units {
        f.check(!u.id.is_empty() && !u.name.is_empty() && u.lat.is_finite() && u.lon.is_finite() && ids.insert(u.id.clone()), "each unit read has an id, a name and a position", || format!("{u:?}"));
    }
    f
}

// --- rules check --------------------------------------------------------------------

/// `vardval rules check` (src/main.rs `rules_check`): `rulebook::check_override`,
/// its problems as the contract's error object.
fn rules_check(doc: &Value) -> ErrorReport {
    vardval::report(Lang::Sv, &vardval::rulebook::check_override(&doc.into()))
}

fn rules_target(doc: &Input, situation: &Value, texts: &Catalogue, tally: &mut Tally) -> Findings {
    let mut f = Findings::default();
    let parsed = match doc {
        Input::Json(v) => Ok(v.clone()),
        Input::Text(t) => vardval::parse_json(t).map(serde_value),
    };
    let report = match &parsed {
        Ok(v) => rules_check(v),
        Err(report) => report.clone(),
    };
    if !report.errors.is_empty() {
        tally.errors += 1;
        check_errors(&report, texts, &mut f);
        return f;
    }
    tally.answers += 1;
    // An override that passes is one a region may publish: a situation under it is answered.
    let Ok(doc) = parsed else { return f };
    let mut s = situation.clone();
    s["rulebook"] = json!({ "base": "se", "override": doc });
    match vardval::evaluate(&(&s).into()) {
        Ok(answer) => {
            tally.note("overrides passed and answered");
            let a = common::written(&answer);
            check_answer(Some(&s), &a, texts, &mut f);
        }
        Err(report) => {
            let about_rulebook: Vec<_> = report.errors.iter().filter(|e| e.path.starts_with("rulebook")).collect();
            f.check(about_rulebook.is_empty(), "an override rules check passes is accepted by evaluate", || format!("{about_rulebook:?}"));
            tally.note("overrides passed, situation refused for other reasons");
            check_errors(&report, texts, &mut f);
        }
    }
    f
}
