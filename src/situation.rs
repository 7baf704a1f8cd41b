//! The situation a person describes (CONTRACT §1), read and checked.
//!
//! `Situation::read` turns untrusted JSON into typed values and reports every
//! problem at once; the rules then work on values that are known to be sound.

use crate::prelude::*;
use crate::date::Date;
use crate::input::{clip, field, index, key, Reader};
use crate::rulebook::{Rulebook, BUILTIN_IDS, CHANGE_REASONS};
use crate::text::{join, Lang};
use crate::json::Value;
use crate::json_writer::Decimal;
#[cfg(rulebook_reader)]
use alloc::borrow::Cow;

/// At most this many visits and changes in one situation (CONTRACT §3).
pub const MAX_ITEMS: usize = 1000;
/// The highest `person.age`, and the most kronor a receipt or a fee period may say.
pub const MAX_AGE: i64 = 130;
pub const MAX_PAID: i64 = 100_000;

/// The last `today` the engine answers for (RULES.md §4, "Dates the rules
/// cover"); the first is the day current law came into force, and the first
/// visit the first year whose prisbasbelopp the rules hold.
const LAST_TODAY: &str = "2099-12-31";

/// What a visit may say (CONTRACT §6); the first of each list is the default
/// (`where` has none: primary care needs it).
pub const CARES: [&str; 3] = ["primary", "specialist", "emergency"];
pub const PROFESSIONALS: [&str; 3] = ["doctor", "nurse", "other"];
/// `digital` is the 1.0 name of a video visit.
pub const VISIT_MODES: [&str; 4] = ["physical", "video", "phone", "digital"];
pub const PLACES: [&str; 2] = ["listed", "other_unit"];

/// The situation's shape as JSON Schema (`vardval schema situation`).
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

#[derive(Clone, Debug)]
pub struct Situation {
    pub today: Date,
    pub lang: Lang,
    pub rulebook: Book,
    /// Under current law (`se`), the 100 kr proposal with the same override,
    /// for the comparison the answer shows.
    pub proposal: Option<Book>,
    pub person: Person,
    pub listing: Listing,
    pub visits: Vec<Visit>,
    pub fee_period: Option<FeePeriod>,
    /// Paths of fields this version does not know (warned, not refused).
    pub unknown_fields: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Person {
    pub age: Option<u32>,
    /// `person.birth_date`; a `YYYY-MM` date is read as the 1st of the month.
    pub birth_date: Option<Date>,
    pub birth_month_only: bool,
    pub home_region: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Unit {
    pub id: Option<String>,
    pub name: Option<String>,
    pub region: Option<String>,
    pub list_closed: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct Change {
    /// The day of the change; for a change remembered only by its month, the
    /// latest day it can have been (the month's last day, or `today`).
    pub date: Date,
    pub reason: Option<String>,
    /// Given as `YYYY-MM`: the date is the latest possible (CONTRACT §6).
    pub month_only: bool,
}

#[derive(Clone, Debug)]
pub struct Planned {
    pub date: Date,
    pub reason: Option<String>,
    pub unit: Option<Unit>,
}

#[derive(Clone, Debug, Default)]
pub struct Listing {
    pub unit: Option<Unit>,
    pub changes: Vec<Change>,
    pub planned: Option<Planned>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    Listed,
    OtherUnit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Care {
    Primary,
    Specialist,
    Emergency,
}

#[derive(Clone, Debug)]
pub struct Visit {
    pub date: Date,
    /// Where in primary care (`listed` or `other_unit`); `None` for other care.
    pub place: Option<Where>,
    pub care: Care,
    /// `doctor`, `nurse` or `other`.
    pub professional: &'static str,
    /// `physical`, `video` or `phone` (`digital` is read as `video`).
    pub mode: &'static str,
    /// The region where care is given, as given; `None` = the default (see `fees`).
    pub region: Option<String>,
    /// What the receipt says the person paid.
    pub paid: Option<u32>,
}

#[derive(Clone, Copy, Debug)]
pub struct FeePeriod {
    pub first_visit: Date,
    pub paid: u32,
}

/// Reads the language alone, so that the messages of every other problem can
/// be written in it. An unknown language falls back to Swedish.
pub fn read_lang(v: &Value) -> Lang {
    v.get("lang").and_then(Value::as_str).and_then(Lang::from_code).unwrap_or(Lang::Sv)
}

impl Situation {
    pub fn read(v: &Value, reader: &mut Reader) -> Option<Situation> {
        let obj = reader.object(v, "")?;
        reader.only_fields(obj, "", &["today", "rulebook", "lang", "person", "listing", "visits", "fee_period"]);
        let lang = match field(obj, "lang") {
            Some(l) => reader.choice(l, "lang", &Lang::CODES, "unknown_language").and_then(Lang::from_code).unwrap_or(Lang::Sv),
            None => Lang::Sv,
        };
        let today = reader.required(obj, "today", "").and_then(|t| reader.date(t, "today"));
        let (rulebook, proposal) = read_rulebook(field(obj, "rulebook"), reader);
        let (first_today, first_visit) = covered_dates();
        let today = today.filter(|&t| in_range(reader, "today", t, first_today, Date::parse_iso(LAST_TODAY)));
        let regions_ok = |code: &str| rulebook.as_ref().is_none_or(|b| b.region(code).is_some());

        let person = match field(obj, "person") {
            Some(p) => read_person(p, reader, &regions_ok),
            None => Person::default(),
        };
        let listing = match field(obj, "listing") {
            Some(l) => read_listing(l, reader, today, &regions_ok),
            None => Listing::default(),
        };
        let visits = match field(obj, "visits") {
            Some(vs) => read_visits(vs, reader, &regions_ok, first_visit),
            None => Vec::new(),
        };
        let fee_period = field(obj, "fee_period").and_then(|f| read_fee_period(f, reader, today));

        // What the rules need that the person has not given.
        if !visits.is_empty() || fee_period.is_some() {
            let age_given = person.age.is_some() || person.birth_date.is_some();
            if !age_given && !reader.problems.iter().any(|p| p.path.starts_with("person.age") || p.path.starts_with("person.birth_date")) {
                reader.problem("person.age", "missing_field");
            }
        }
        if let (Some(born), Some(today)) = (person.birth_date, today) {
            if born > today {
                reader.problem_with("person.birth_date", "date_in_future", vec![("today", today.iso())]);
            }
        }
        if let (Some(age), Some(born), Some(today)) = (person.age, person.birth_date, today) {
            let from_birth = crate::date::age_on(born, today);
            // A birth month alone allows any day of it.
            let last_day = if person.birth_month_only { born.add_days(crate::date::days_in_month(born.year(), born.ymd().1) as i32 - 1) } else { born };
            if age != from_birth && age != crate::date::age_on(last_day, today) {
                reader.problem_with("person.age", "inconsistent", vec![("other", "person.birth_date".into()), ("age", from_birth.decimal())]);
            }
        }
        // A visit without a region pays the home region's fee. (The care
        // guarantee, without a home region, is answered for a unit in it.)
        let needs_home = visits.iter().any(|v| v.region.is_none());
        if needs_home && person.home_region.is_none() && !reader.problems.iter().any(|p| p.path == "person.home_region") {
            reader.problem("person.home_region", "missing_field");
        }
        if let Some(fp) = fee_period {
            for (i, visit) in visits.iter().enumerate() {
                if visit.date < fp.first_visit {
                    reader.problem_with(key(&index("visits", i), "date"), "before_fee_period", vec![("date", fp.first_visit.iso())]);
                }
            }
            if let Some(book) = &rulebook {
                let home = person.home_region.as_deref().and_then(|c| book.region(c));
                let ceiling = book.ceiling(fp.first_visit, home).amount;
                if fp.paid > ceiling {
                    reader.problem_with("fee_period.paid", "out_of_range", vec![("min", "0".into()), ("max", ceiling.decimal())]);
                }
            }
        }

        if !reader.problems.is_empty() {
            return None;
        }
        Some(Situation {
            today: today?,
            lang,
            rulebook: rulebook?,
            proposal,
            person,
            listing,
            visits,
            fee_period,
            unknown_fields: reader.unknown_fields.drain(..).map(|u| u.path).collect(),
        })
    }
}

/// A situation's rulebook: a built-in one, shared, or one with a region's
/// override, read afresh (where the reader is).
#[cfg(rulebook_reader)]
pub type Book = Cow<'static, Rulebook>;
/// Without the reader every rulebook is a built-in one: no owned rulebook, so
/// the module carries no code to drop one (0.6 KB brotli).
#[cfg(not(rulebook_reader))]
pub type Book = &'static Rulebook;

#[cfg(rulebook_reader)]
fn shared(book: &'static Rulebook) -> Book {
    Cow::Borrowed(book)
}
#[cfg(not(rulebook_reader))]
fn shared(book: &'static Rulebook) -> Book {
    book
}

/// The proposal an answer under `base` is compared with: only `se` has one.
fn proposal_of(base: &str) -> Option<&'static str> {
    (base == "se").then_some("sou-2019-42")
}

/// `"se"`, `"sou-2019-42"` or `{ "base": "se", "override": { … } }`; and,
/// when the base is `se`, the proposal with the same override.
fn read_rulebook(v: Option<&Value>, reader: &mut Reader) -> (Option<Book>, Option<Book>) {
    // The built-in books are shared; a book with an override is read afresh.
    let builtin = |id: &str| (Rulebook::builtin(id).map(shared), proposal_of(id).and_then(Rulebook::builtin).map(shared));
    let Some(v) = v else { return builtin("se") };
    match v {
        Value::String(id) => match builtin(id) {
            (None, _) => {
                reader.problem_with("rulebook", "unknown_rulebook", vec![("value", clip(id, 40)), ("allowed", join(&BUILTIN_IDS, ", "))]);
                (None, None)
            }
            books => books,
        },
        Value::Object(obj) => {
            reader.only_fields(obj, "rulebook", &["base", "override"]);
            let base = match field(obj, "base") {
                Some(b) => reader.choice(b, "rulebook.base", &BUILTIN_IDS, "unknown_rulebook"),
                None => Some("se"),
            };
            let Some(base) = base else { return (None, None) };
            match field(obj, "override") {
                None => builtin(base),
                Some(over) => with_override(base, over, reader),
            }
        }
        _ => {
            reader.problem_with("rulebook", "invalid_type", vec![("expected", "string_or_object".into())]);
            (None, None)
        }
    }
}

/// Built-in rulebook `base` with a region's override, and, when the base is
/// `se`, the proposal with the same override.
#[cfg(rulebook_reader)]
fn with_override(base: &str, over: &Value, reader: &mut Reader) -> (Option<Book>, Option<Book>) {
    let Some(mut book) = Rulebook::read_builtin(base, &mut Reader::default()) else { return (None, None) };
    let before = reader.problems.len();
    book.apply_override(over, "rulebook.override", reader);
    if reader.problems.len() != before {
        return (None, None);
    }
    let proposal = proposal_of(base).and_then(|id| Rulebook::read_builtin(id, &mut Reader::default())).map(|mut p| {
        // Already checked on `book`: the same document reads the same here.
        p.apply_override(over, "", &mut Reader::default());
        Cow::Owned(p)
    });
    (Some(Cow::Owned(book)), proposal)
}

/// The page's module reads no override: that is the module built with
/// `evaluate-full` (www/pkg-full, and the npm package's).
#[cfg(not(rulebook_reader))]
fn with_override(_base: &str, _over: &Value, reader: &mut Reader) -> (Option<Book>, Option<Book>) {
    reader.problem("rulebook.override", "override_not_read");
    (None, None)
}

fn read_region_code(v: &Value, path: &str, reader: &mut Reader, known: &dyn Fn(&str) -> bool) -> Option<String> {
    let s = reader.string(v, path)?;
    if known(s) {
        Some(s.to_string())
    } else {
        reader.problem_with(path, "unknown_region", vec![("value", clip(s, 10))]);
        None
    }
}

fn read_person(v: &Value, reader: &mut Reader, regions_ok: &dyn Fn(&str) -> bool) -> Person {
    let Some(obj) = reader.object(v, "person") else { return Person::default() };
    reader.only_fields(obj, "person", &["age", "birth_date", "home_region"]);
    let birth = field(obj, "birth_date").and_then(|b| read_birth_date(b, reader));
    Person {
        age: field(obj, "age").and_then(|a| reader.int(a, "person.age", 0, MAX_AGE)).map(|a| a as u32),
        birth_date: birth.map(|(d, _)| d),
        birth_month_only: birth.is_some_and(|(_, month_only)| month_only),
        home_region: field(obj, "home_region").and_then(|r| read_region_code(r, "person.home_region", reader, regions_ok)),
    }
}

/// `YYYY-MM-DD`, or `YYYY-MM` (then the 1st, and `true`).
fn read_birth_date(v: &Value, reader: &mut Reader) -> Option<(Date, bool)> {
    let path = "person.birth_date";
    let date = reader.date_or_month(v, path)?;
    if date.0.year() < 1890 {
        reader.problem_with(path, "out_of_range", vec![("min", "1890-01-01".into()), ("max", "today".into())]);
        return None;
    }
    Some(date)
}

/// The last day of the month that starts on `first`, but not after `today`.
fn latest_in_month(first: Date, today: Option<Date>) -> Date {
    let last = first.add_days(crate::date::days_in_month(first.year(), first.ymd().1) as i32 - 1);
    match today {
        Some(t) if t < last => t,
        _ => last,
    }
}

/// The first `today` and the first visit date the rules cover: the day the
/// current law came into force, and the first year with a prisbasbelopp.
fn covered_dates() -> (Option<Date>, Option<Date>) {
    let Some(se) = Rulebook::builtin("se") else { return (None, None) };
    (se.in_force_from, se.parameters.prisbasbelopp.entries().first().and_then(|e| e.valid_from))
}

/// Whether `date` is within `min`…`max`; an `out_of_range` problem when not.
fn in_range(reader: &mut Reader, path: &str, date: Date, min: Option<Date>, max: Option<Date>) -> bool {
    let below = min.is_some_and(|m| date < m);
    let above = max.is_some_and(|m| date > m);
    if below || above {
        let show = |d: Option<Date>| d.map_or_else(String::new, Date::iso);
        reader.problem_with(path, "out_of_range", vec![("min", show(min)), ("max", show(max))]);
    }
    !(below || above)
}

fn read_unit(v: &Value, path: &str, reader: &mut Reader, regions_ok: &dyn Fn(&str) -> bool) -> Option<Unit> {
    let obj = reader.object(v, path)?;
    reader.only_fields(obj, path, &["id", "name", "region", "list_closed", "municipality"]);
    let text = |reader: &mut Reader, name: &str| field(obj, name).and_then(|x| reader.string(x, &key(path, name))).map(|s| clip(s, 200));
    Some(Unit {
        id: text(reader, "id"),
        name: text(reader, "name"),
        region: field(obj, "region").and_then(|r| read_region_code(r, &key(path, "region"), reader, regions_ok)),
        list_closed: field(obj, "list_closed").and_then(|b| reader.bool(b, &key(path, "list_closed"))),
    })
}

fn read_reason(obj: &crate::json::Map, path: &str, reader: &mut Reader) -> Option<String> {
    field(obj, "reason").and_then(|r| reader.choice(r, &key(path, "reason"), &CHANGE_REASONS, "unknown_reason")).map(str::to_string)
}

fn read_listing(v: &Value, reader: &mut Reader, today: Option<Date>, regions_ok: &dyn Fn(&str) -> bool) -> Listing {
    let Some(obj) = reader.object(v, "listing") else { return Listing::default() };
    reader.only_fields(obj, "listing", &["unit", "changes", "planned"]);
    let unit = field(obj, "unit").and_then(|u| read_unit(u, "listing.unit", reader, regions_ok));
    let mut changes = Vec::new();
    if let Some(items) = field(obj, "changes").and_then(|c| reader.array(c, "listing.changes", MAX_ITEMS)) {
        for (i, item) in items.iter().enumerate() {
            let path = index("listing.changes", i);
            let Some(c) = reader.object(item, &path) else { continue };
            reader.only_fields(c, &path, &["date", "reason", "unit"]);
            let date = reader.required(c, "date", &path).and_then(|d| reader.date_or_month(d, &key(&path, "date")));
            let reason = read_reason(c, &path, reader);
            if let (Some((first, _)), Some(today)) = (date, today) {
                if first > today {
                    reader.problem_with(key(&path, "date"), "date_in_future", vec![("today", today.iso())]);
                }
            }
            if let Some((first, month_only)) = date {
                // As late as it can have been: it then counts for as long as it can.
                let date = if month_only { latest_in_month(first, today) } else { first };
                changes.push(Change { date, reason, month_only });
            }
        }
    }
    let planned = field(obj, "planned").and_then(|p| {
        let path = "listing.planned";
        let o = reader.object(p, path)?;
        reader.only_fields(o, path, &["date", "reason", "unit"]);
        let date = match field(o, "date") {
            Some(d) => reader.date(d, "listing.planned.date"),
            None => today,
        };
        if let (Some(date), Some(today)) = (date, today) {
            if date < today {
                reader.problem_with("listing.planned.date", "date_before_today", vec![("today", today.iso())]);
            }
        }
        let reason = read_reason(o, path, reader);
        let unit = field(o, "unit").and_then(|u| read_unit(u, "listing.planned.unit", reader, regions_ok));
        Some(Planned { date: date?, reason, unit })
    });
    Listing { unit, changes, planned }
}

fn read_visits(v: &Value, reader: &mut Reader, regions_ok: &dyn Fn(&str) -> bool, first: Option<Date>) -> Vec<Visit> {
    let Some(items) = reader.array(v, "visits", MAX_ITEMS) else { return Vec::new() };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = index("visits", i);
        let Some(o) = reader.object(item, &path) else { continue };
        reader.only_fields(o, &path, &["date", "where", "region", "mode", "care", "professional", "paid"]);
        let date_path = key(&path, "date");
        // From the first year with a prisbasbelopp to the last day the rules cover (RULES §4).
        let date = reader.required(o, "date", &path).and_then(|d| reader.date(d, &date_path)).filter(|&d| in_range(reader, &date_path, d, first, Date::parse_iso(LAST_TODAY)));
        let choice = |reader: &mut Reader, name: &str, allowed: &[&'static str], default: &'static str| match field(o, name) {
            Some(x) => reader.choice(x, &key(&path, name), allowed, "invalid_value"),
            None => Some(default),
        };
        let care = choice(reader, "care", &CARES, "primary").map(|c| match c {
            "specialist" => Care::Specialist,
            "emergency" => Care::Emergency,
            _ => Care::Primary,
        });
        let professional = choice(reader, "professional", &PROFESSIONALS, "doctor");
        // `digital` is the 1.0 name of a video visit.
        let mode = choice(reader, "mode", &VISIT_MODES, "physical").map(|m| if m == "digital" { "video" } else { m });
        // Where in primary care decides the proposal's 100 kr; other care ignores it.
        let place = match (care, field(o, "where")) {
            (Some(Care::Primary), None) => {
                reader.problem(key(&path, "where"), "missing_field");
                None
            }
            (Some(Care::Primary), Some(w)) => reader.choice(w, &key(&path, "where"), &PLACES, "invalid_value").map(|w| Some(if w == "listed" { Where::Listed } else { Where::OtherUnit })),
            _ => Some(None),
        };
        let region = field(o, "region").map(|r| read_region_code(r, &key(&path, "region"), reader, regions_ok));
        let paid = match field(o, "paid") {
            Some(p) => reader.int(p, &key(&path, "paid"), 0, MAX_PAID).map(|n| Some(n as u32)),
            None => Some(None),
        };
        if let (Some(date), Some(place), Some(care), Some(professional), Some(mode), Some(paid)) = (date, place, care, professional, mode, paid) {
            if let Some(None) = region {
                continue;
            }
            out.push(Visit { date, place, care, professional, mode, region: region.flatten(), paid });
        }
    }
    out
}

fn read_fee_period(v: &Value, reader: &mut Reader, today: Option<Date>) -> Option<FeePeriod> {
    let o = reader.object(v, "fee_period")?;
    reader.only_fields(o, "fee_period", &["first_visit", "paid"]);
    let first_visit = reader.required(o, "first_visit", "fee_period").and_then(|d| reader.date(d, "fee_period.first_visit"));
    let (_, first_covered) = covered_dates();
    let first_visit = first_visit.filter(|&d| in_range(reader, "fee_period.first_visit", d, first_covered, None));
    if let (Some(first), Some(today)) = (first_visit, today) {
        if first > today {
            reader.problem_with("fee_period.first_visit", "date_in_future", vec![("today", today.iso())]);
        }
    }
    let paid = match field(o, "paid") {
        Some(p) => reader.int(p, "fee_period.paid", 0, MAX_PAID).map(|n| n as u32),
        None => Some(0),
    };
    Some(FeePeriod { first_visit: first_visit?, paid: paid? })
}
