//! Generators shared by the property tests (`properties.rs`) and the fuzzer
//! (`fuzz.rs`): any JSON; well-formed situations, overrides, nearby queries
//! and unit lists, which reach deep into the engine; and ways to spoil them
//! (wrong types, odd dates, huge numbers, unicode, long arrays, byte-order
//! marks, duplicate keys, cut-off text).
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use vardval::date::Date;
use vardval::rulebook::{CHANGE_REASONS, ITEMS, LAN_CODES};

pub const REGIONS: [&str; 21] = LAN_CODES;
pub const REASONS: [&str; 7] = CHANGE_REASONS;
/// The special reasons of RULES §2 (the rest of `CHANGE_REASONS` never count).
pub const SPECIAL_REASONS: [&str; 5] = ["moved", "medical", "follow_doctor", "unit_closed", "other_special"];

/// `offset` days after 1 January 2024.
pub fn day(offset: i32) -> String {
    Date::from_ymd(2024, 1, 1).unwrap().add_days(offset).to_string()
}

/// Any JSON at all, nested a few levels.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z0-9_.\\-/ ]{0,12}".prop_map(Value::from),
        (0..1500i32).prop_map(|d| Value::from(day(d))),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("today".to_string()), Just("person".to_string()), Just("age".to_string()), Just("home_region".to_string()),
                    Just("listing".to_string()), Just("unit".to_string()), Just("changes".to_string()), Just("planned".to_string()),
                    Just("date".to_string()), Just("reason".to_string()), Just("visits".to_string()), Just("where".to_string()),
                    Just("region".to_string()), Just("mode".to_string()), Just("fee_period".to_string()), Just("paid".to_string()),
                    Just("first_visit".to_string()), Just("rulebook".to_string()), Just("override".to_string()), Just("parameters".to_string()),
                    Just("regions".to_string()), Just("lang".to_string()), Just("list_closed".to_string()), Just("from".to_string()),
                    Just("k".to_string()), Just("max_km".to_string()), Just("units".to_string()), "[a-z]{1,6}",
                ],
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

// --- the situation of the property tests --------------------------------------

#[derive(Debug, Clone)]
pub struct Case {
    pub today: i32,
    pub age: u32,
    pub home: usize,
    pub changes: Vec<(i32, Option<usize>)>,
    pub planned_in: i32,
    pub planned_reason: Option<usize>,
    pub list_closed: Option<bool>,
    /// (days back, at the listed unit, region, kind: care × professional × mode)
    pub visits: Vec<(i32, bool, Option<usize>, usize)>,
    pub paid: Option<u32>,
    pub rulebook: bool,
}

/// A well-formed situation that the engine must answer (no override, no receipts).
pub fn case() -> impl Strategy<Value = Case> {
    (
        400..1400i32,
        0..100u32,
        0..21usize,
        prop::collection::vec((0..800i32, prop::option::weighted(0.3, 0..7usize)), 0..7),
        0..500i32,
        prop::option::weighted(0.2, 0..7usize),
        prop::option::of(any::<bool>()),
        prop::collection::vec((0..700i32, any::<bool>(), prop::option::weighted(0.3, 0..21usize), 0..27usize), 0..25),
        prop::option::weighted(0.3, 0..1500u32),
        any::<bool>(),
    )
        .prop_map(|(today, age, home, changes, planned_in, planned_reason, list_closed, visits, paid, rulebook)| Case {
            today,
            age,
            home,
            changes,
            planned_in,
            planned_reason,
            list_closed,
            visits,
            paid,
            rulebook,
        })
}

impl Case {
    /// The situation, with every change on or before `today`.
    pub fn situation(&self) -> Value {
        let changes: Vec<Value> = self.changes.iter().map(|(back, r)| json!({ "date": day(self.today - back), "reason": r.map(|i| REASONS[i]) })).collect();
        let visits: Vec<Value> = self
            .visits
            .iter()
            .map(|(back, listed, region, kind)| {
                let (care, professional, mode) = (["primary", "specialist", "emergency"][kind % 3], ["doctor", "nurse", "other"][kind / 3 % 3], ["physical", "video", "phone"][kind / 9]);
                json!({
                    "date": day(self.today - back), "where": if *listed { "listed" } else { "other_unit" }, "region": region.map(|i| REGIONS[i]),
                    "care": care, "professional": professional, "mode": mode,
                })
            })
            .collect();
        let earliest = self.visits.iter().map(|v| v.0).max().unwrap_or(0);
        let mut s = json!({
            "today": day(self.today),
            "rulebook": if self.rulebook { "se" } else { "sou-2019-42" },
            "person": { "age": self.age, "home_region": REGIONS[self.home] },
            "listing": {
                "unit": { "id": "now", "region": REGIONS[self.home] },
                "changes": changes,
                "planned": { "date": day(self.today + self.planned_in), "reason": self.planned_reason.map(|i| REASONS[i]), "unit": { "id": "next", "list_closed": self.list_closed } }
            },
            "visits": visits,
        });
        if let Some(paid) = self.paid {
            // The ceiling is at least 1 100 kr in every known year.
            s["fee_period"] = json!({ "first_visit": day(self.today - earliest), "paid": paid.min(1100) });
        }
        s
    }
}

// --- wider situations for the fuzzer -------------------------------------------

fn from_law(days: i32) -> Date {
    Date::from_ymd(2022, 7, 1).unwrap().add_days(days)
}

fn region() -> impl Strategy<Value = &'static str> {
    prop::sample::select(REGIONS.to_vec())
}

fn opt_reason() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::weighted(0.35, prop::sample::select(REASONS.to_vec()))
}

/// A unit as a situation names it: an id, perhaps a region and a list status.
fn unit_json() -> impl Strategy<Value = Value> {
    (prop::option::weighted(0.8, region()), prop::option::of(any::<bool>()), prop::option::weighted(0.2, "[A-Za-zåäöÅÄÖ ]{1,20}")).prop_map(|(region, closed, name)| {
        let mut u = json!({ "id": "u1" });
        if let Some(r) = region {
            u["region"] = json!(r);
        }
        if let Some(c) = closed {
            u["list_closed"] = json!(c);
        }
        if let Some(n) = name {
            u["name"] = json!(n);
        }
        u
    })
}

/// A region's override of `se` (docs/interface.md): mostly well formed, so
/// that the situation it belongs to reaches the rules.
pub fn override_doc() -> impl Strategy<Value = Value> {
    let limit = prop::option::weighted(
        0.5,
        prop_oneof![
            Just(Value::Null),
            (1..5u32).prop_map(|n| json!(n)),
            (1..5u32).prop_map(|n| json!([{ "valid_from": "2022-07-01", "value": n }])),
        ],
    );
    let window = prop::option::weighted(0.3, prop::sample::select(vec!["rolling_year", "calendar_year"]));
    let specials = prop::option::weighted(0.3, prop::sample::subsequence(SPECIAL_REASONS.to_vec(), 0..=5));
    let days = prop::option::weighted(0.3, (0..2u32, 1..8u32));
    let ages = prop::option::weighted(0.3, (60..100u32, 0..25u32));
    // A lower ceiling, bare or dated (possibly falling within a period).
    let ceiling_max = prop::option::weighted(
        0.4,
        prop_oneof![
            Just(Value::Null),
            (0..2000u32).prop_map(|n| json!(n)),
            prop::collection::vec((0..3000i32, 0..2000u32), 1..4).prop_map(|entries| {
                Value::from(entries.into_iter().map(|(d, v)| json!({ "valid_from": from_law(d - 1000).to_string(), "value": v })).collect::<Vec<_>>())
            }),
        ],
    );
    let prisbasbelopp = prop::option::weighted(
        0.2,
        prop::collection::vec((2018..2032i32, 30_000..100_000u32), 1..5)
            .prop_map(|e| Value::from(e.into_iter().map(|(y, v)| json!({ "valid_from": format!("{y}-01-01"), "value": v })).collect::<Vec<_>>())),
    );
    let listed_fee = prop::option::weighted(0.2, prop::option::of(0..300u32));
    let regions = prop::option::weighted(0.5, prop::collection::btree_map(region(), region_override(), 1..3));
    let source = prop::option::weighted(0.3, Just(()));
    (limit, window, specials, days, ages, ceiling_max, prisbasbelopp, listed_fee, regions, source).prop_map(
        |(limit, window, specials, days, ages, ceiling_max, prisbasbelopp, listed_fee, regions, source)| {
            let mut parameters = Map::new();
            let mut set = |name: &str, v: Value| {
                parameters.insert(name.to_string(), v);
            };
            if let Some(l) = limit {
                set("relisting.limit", l);
            }
            if let Some(w) = window {
                set("relisting.window", json!(w));
            }
            if let Some(s) = specials {
                set("relisting.special_reasons", json!(s));
            }
            if let Some((contact, assessment)) = days {
                set("guarantee.contact_days", json!(contact));
                set("guarantee.assessment_days", json!(assessment));
            }
            if let Some((free_from, fallback)) = ages {
                set("fees.free_from_age", json!(free_from));
                set("fees.free_under_age_fallback", json!(fallback));
            }
            if let Some(c) = ceiling_max {
                set("fees.ceiling_max", c);
            }
            if let Some(p) = prisbasbelopp {
                set("fees.prisbasbelopp", p);
            }
            if let Some(f) = listed_fee {
                set("fees.listed_unit_fee", json!(f));
            }
            let mut doc = json!({ "parameters": parameters });
            if let Some(r) = regions {
                doc["regions"] = Value::Object(r.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
            }
            if source.is_some() {
                doc["sources"] = json!({ "region-avgifter": { "title": "Regionens avgifter", "url": "region.example/avgifter" } });
            }
            doc
        },
    )
}

/// A region's fields in an override: the 1.0 names or fee rows by kind.
fn region_override() -> impl Strategy<Value = Value> {
    let old = (0..600u32, prop::option::of(0..400u32), prop::option::of((1..25u32, any::<bool>()))).prop_map(|(doctor, digital, free)| {
        let mut r = json!({ "doctor_visit_kr": doctor, "fee_as_of": "2026-01-01", "source_fee": "region.example/avgifter" });
        if let Some(d) = digital {
            r["digital_visit_kr"] = json!(d);
        }
        if let Some((age, calendar)) = free {
            r["free_under_age"] = json!(age);
            r["free_age_rule"] = json!(if calendar { "calendar_year" } else { "birthday" });
        }
        r
    });
    let rows = (
        prop::collection::vec((prop::sample::select(ITEMS.to_vec()), prop::sample::select(vec!["physical", "video", "phone"]), 0..800u32, 0..3000i32), 0..4),
        prop::option::of((prop::sample::select(vec!["under", "through_year"]), 1..25u32)),
        prop::collection::vec((500..2000u32, 0..3000i32), 0..2),
    )
        .prop_map(|(fees, free_age, ceilings)| {
            let fees: Vec<Value> = fees.into_iter().map(|(item, mode, kr, d)| json!({ "item": item, "mode": mode, "kr": kr, "valid_from": from_law(d - 1000).to_string() })).collect();
            let mut r = json!({ "fees": fees });
            if let Some((rule, age)) = free_age {
                r["free_age"] = json!({ "rule": rule, "age": age });
            }
            if !ceilings.is_empty() {
                r["ceilings"] = Value::from(ceilings.into_iter().map(|(kr, d)| json!({ "kr": kr, "valid_from": from_law(d - 1000).to_string() })).collect::<Vec<_>>());
            }
            r
        });
    prop_oneof![old, rows]
}

/// A situation of CONTRACT §1 and §6 with every part optional: overrides,
/// month-only changes, birth dates, receipts, a fee period, unlisted people,
/// units without a region, the far future. Mostly answerable.
pub fn situation() -> impl Strategy<Value = Value> {
    let today = prop_oneof![8 => 0..1700i32, 1 => 0..28_000i32].prop_map(from_law);
    let lang = prop::option::weighted(0.5, prop::sample::select(vec!["sv", "en"]));
    let rulebook = prop_oneof![
        3 => Just(None),
        2 => Just(Some(json!("se"))),
        2 => Just(Some(json!("sou-2019-42"))),
        3 => (override_doc(), prop::sample::select(vec!["se", "sou-2019-42"])).prop_map(|(o, base)| Some(json!({ "base": base, "override": o }))),
    ];
    // (how the age is given: 0 age, 1 birth date, 2 both, 3 neither; days old; month only; home region)
    let how = prop_oneof![8 => 0..3u8, 1 => Just(3u8)];
    let person = (how, 0..47_000i32, prop::bool::weighted(0.2), prop::option::weighted(0.93, region()));
    let changes = prop::collection::vec((0..900i32, prop::bool::weighted(0.15), opt_reason()), 0..8);
    let planned = prop::option::weighted(0.7, (prop::option::weighted(0.8, 0..400i32), opt_reason(), prop::option::weighted(0.7, unit_json())));
    let listing = prop::option::weighted(0.9, (prop::option::weighted(0.8, unit_json()), changes, planned));
    // (days back, care, professional, mode, at the listed unit, region, receipt)
    let visit = (0..800i32, 0..3usize, 0..3usize, 0..4usize, any::<bool>(), prop::option::weighted(0.3, region()), prop::option::weighted(0.15, 0..3000u32)).boxed();
    let visits = prop_oneof![12 => prop::collection::vec(visit.clone(), 0..30), 1 => prop::collection::vec(visit, 0..300)];
    let fee_period = prop::option::weighted(0.25, (0..60i32, 0..1200u32));
    (today, lang, rulebook, person, listing, visits, fee_period).prop_map(|(today, lang, rulebook, person, listing, visits, fee_period)| {
        let mut s = json!({ "today": today.to_string() });
        if let Some(l) = lang {
            s["lang"] = json!(l);
        }
        if let Some(r) = rulebook {
            s["rulebook"] = r;
        }
        let (how, days_old, month_only, home) = person;
        let born = today.add_days(-days_old);
        let mut p = Map::new();
        if how == 0 || how == 2 {
            p.insert("age".into(), json!(vardval::date::age_on(born, today)));
        }
        if how == 1 || how == 2 {
            let text = born.to_string();
            p.insert("birth_date".into(), json!(if month_only && how == 1 { text[..7].to_string() } else { text }));
        }
        if let Some(h) = home {
            p.insert("home_region".into(), json!(h));
        }
        s["person"] = Value::Object(p);
        if let Some((unit, changes, planned)) = listing {
            let mut l = Map::new();
            if let Some(u) = unit {
                l.insert("unit".into(), u);
            }
            let changes: Vec<Value> = changes
                .into_iter()
                .map(|(back, month, reason)| {
                    let date = today.add_days(-back).to_string();
                    json!({ "date": if month { date[..7].to_string() } else { date }, "reason": reason })
                })
                .collect();
            l.insert("changes".into(), Value::from(changes));
            if let Some((ahead, reason, unit)) = planned {
                let mut p = json!({ "reason": reason });
                if let Some(a) = ahead {
                    p["date"] = json!(today.add_days(a).to_string());
                }
                if let Some(u) = unit {
                    p["unit"] = u;
                }
                l.insert("planned".into(), p);
            }
            s["listing"] = Value::Object(l);
        }
        let earliest = visits.iter().map(|v| v.0).max().unwrap_or(0);
        let visits: Vec<Value> = visits
            .into_iter()
            .map(|(back, care, professional, mode, listed, region, paid)| {
                let (care, professional, mode) = (["primary", "specialist", "emergency"][care], ["doctor", "nurse", "other"][professional], ["physical", "video", "phone", "digital"][mode]);
                let mut v = json!({
                    "date": today.add_days(-back).to_string(), "care": care, "professional": professional, "mode": mode,
                    "where": if listed { "listed" } else { "other_unit" },
                });
                if let Some(r) = region {
                    v["region"] = json!(r);
                }
                if let Some(p) = paid {
                    v["paid"] = json!(p);
                }
                v
            })
            .collect();
        if !visits.is_empty() {
            s["visits"] = Value::from(visits);
        }
        if let Some((before, paid)) = fee_period {
            s["fee_period"] = json!({ "first_visit": today.add_days(-earliest - before).to_string(), "paid": paid });
        }
        s
    })
}

// --- spoiling --------------------------------------------------------------------

/// Values a careless or hostile caller might put anywhere.
pub fn odd_leaf() -> impl Strategy<Value = Value> {
    let dates = prop::sample::select(vec![
        "2024-02-29", "2023-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-1", "0000-01-01", "9999-12-31", "2026-11-22T10:00",
        "2026-11", "2026", " 2026-11-22", "2026-11-22 ", "2099-12-31", "2100-01-01", "2022-06-30", "2017-12-31", "22/11/2026", "+2026-11-22",
    ]);
    let words = prop::sample::select(vec![
        "", " ", "13", "01", "1", "00", "99", "26", "se", "sou-2019-42", "SE", "sv", "en", "fi", "moved", "MOVED", "automatic", "first_listing",
        "listed", "other_unit", "digital", "video", "primary", "nurse", "rolling_year", "calendar_year", "Vårdcentral 🏥", "\u{202e}cba",
        "\u{0}", "\u{feff}se", "null", "true", "1e3", "NaN", "-0", "Göteborg", "malmo", "41319", "413 19",
    ]);
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop::sample::select(vec![0i64, -1, 1, 2, 85, 130, 131, 1000, 1001, 100_000, 100_001, i64::MAX, i64::MIN, u32::MAX as i64]).prop_map(Value::from),
        Just(json!(u64::MAX)),
        prop::sample::select(vec![0.5, -0.0, 1e308, -1e308, 57.7, 11.97, 90.0, -180.0, 5000.0, 1e-300]).prop_map(|f| json!(f)),
        dates.prop_map(Value::from),
        words.prop_map(Value::from),
        (0..3usize).prop_map(|n| Value::from("x".repeat([101, 1000, 20_000][n]))),
        Just(json!([])),
        Just(json!({})),
    ]
}

/// Every node of `v`, in pre-order, by how to reach it.
fn paths(v: &Value, here: Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for k in m.keys() {
                let mut p = here.clone();
                p.push(PathStep::Key(k.clone()));
                paths(&m[k], p, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut p = here.clone();
                p.push(PathStep::Index(i));
                paths(item, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn node_mut<'v>(v: &'v mut Value, path: &[PathStep]) -> &'v mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

/// One change to a document: where (an index into its nodes) and what.
pub type Mutation = (usize, u8, Value);

pub fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<usize>(), 0..7u8, odd_leaf())
}

/// `doc` with each mutation applied in turn: a node replaced by an odd value,
/// removed, given an unknown key, grown to the item limit (1 000) and past it,
/// emptied or wrapped in an array.
pub fn mutate(mut doc: Value, mutations: &[Mutation]) -> Value {
    for (at, kind, leaf) in mutations {
        let mut all = Vec::new();
        paths(&doc, Vec::new(), &mut all);
        let path = &all[at % all.len()];
        let node = node_mut(&mut doc, path);
        match kind {
            0 | 1 => *node = leaf.clone(),
            2 => match node {
                Value::Object(m) if !m.is_empty() => {
                    let key = m.keys().nth(at % m.len()).cloned().unwrap_or_default();
                    m.remove(&key);
                }
                Value::Array(items) if !items.is_empty() => {
                    items.remove(at % items.len());
                }
                _ => *node = Value::Null,
            },
            3 => match node {
                Value::Object(m) => {
                    m.insert(["extra", "parametres", "visit", "Today", ""][at % 5].to_string(), leaf.clone());
                }
                _ => *node = json!({ "x": leaf }),
            },
            4 => match node {
                Value::Array(items) if !items.is_empty() => {
                    let n = [999, 1000, 1001][at % 3];
                    let first = items[0].clone();
                    items.resize(n, first);
                }
                _ => *node = Value::from(vec![leaf.clone(); at % 4]),
            },
            5 => *node = if node.is_object() { json!({}) } else { json!([]) },
            _ => *node = json!([node.take()]),
        }
    }
    doc
}

/// `doc` as text, spoiled the ways files are: a byte-order mark, a key given
/// twice, cut off, or exactly as it is.
pub fn as_text(doc: &Value, how: u8, cut: usize) -> String {
    let text = doc.to_string();
    match how {
        0 => format!("\u{feff}{text}"),
        // The first key again at the end, empty: a parser that keeps the last loses the data.
        1 => match (doc.as_object().and_then(|m| m.keys().next()), text.strip_suffix('}')) {
            (Some(first), Some(open)) => format!("{open},{}:[]}}", Value::from(first.as_str())),
            _ => text,
        },
        2 => {
            let end = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count().max(1)).unwrap_or(0);
            text[..end].to_string()
        }
        3 => format!("{text}\n{text}"),
        _ => text,
    }
}

/// Well-formed documents, the same spoiled, and any JSON: what a fuzz target takes.
pub fn spoiled(good: BoxedStrategy<Value>) -> impl Strategy<Value = Input> {
    prop_oneof![
        6 => good.clone().prop_map(Input::Json),
        3 => (good.clone(), prop::collection::vec(mutation(), 1..4)).prop_map(|(doc, m)| Input::Json(mutate(doc, &m))),
        1 => any_json().prop_map(Input::Json),
        2 => (good, 0..5u8, any::<usize>()).prop_map(|(doc, how, cut)| Input::Text(as_text(&doc, how, cut))),
        1 => ".{0,200}".prop_map(Input::Text),
    ]
}

/// What a fuzz target is handed: a JSON value, or text to parse first.
#[derive(Clone, Debug)]
pub enum Input {
    Json(Value),
    Text(String),
}

impl Input {
    /// The input as the command would read it.
    pub fn text(&self) -> String {
        match self {
            Input::Json(v) => v.to_string(),
            Input::Text(t) => t.clone(),
        }
    }
}

// --- nearby queries and unit lists -------------------------------------------

/// Where a nearby search starts (CONTRACT §4, §6): a postal code, a
/// municipality, a place name (as people type them) or a position.
fn from(places: &'static vardval::places::Places) -> impl Strategy<Value = Value> {
    let postal = (any::<prop::sample::Index>(), 0..4u8).prop_map(move |(i, how)| {
        let code = places.postal_codes.get(i.index(places.postal_codes.len().max(1))).map_or(11120, |c| c.0);
        match how {
            0 => json!({ "postal_code": format!("{code:05}") }),
            1 => json!({ "postal_code": format!("{} {}", &format!("{code:05}")[..3], &format!("{code:05}")[3..]) }),
            2 => json!({ "postal_code": code }),
            _ => json!({ "postal_code": format!("{:05}", code / 7) }),
        }
    });
    let municipality = (any::<prop::sample::Index>(), any::<bool>()).prop_map(move |(i, by_code)| {
        let m = &places.municipalities[i.index(places.municipalities.len())];
        json!({ "municipality": if by_code { m.code.clone() } else { m.name.clone() } })
    });
    let place = (any::<prop::sample::Index>(), 0..5u8).prop_map(move |(i, how)| {
        let p = &places.points[i.index(places.points.len())];
        let name = match how {
            0 => p.place.clone(),
            1 => p.place.to_lowercase(),
            2 => p.place.to_uppercase(),
            3 => p.place.replace(['å', 'ä'], "a").replace('ö', "o").replace(['Å', 'Ä'], "A").replace('Ö', "O"),
            _ => format!(" {}-", p.place),
        };
        json!({ "place": name })
    });
    let named = prop::sample::select(vec!["Gothenburg", "malmo", "Visby", "Habo", "Håbo", "Upplands Väsby", "", "Nowhere", "0180"]).prop_map(|n| json!({ "place": n }));
    let position = prop_oneof![
        4 => (55.0..69.5f64, 10.5..24.5f64),
        1 => (-95.0..95.0f64, -185.0..185.0f64),
        1 => prop::sample::select(vec![(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0), (55.0, 10.5), (69.2, 24.3), (59.3293, 18.0686)]),
    ]
    .prop_map(|(lat, lon)| json!({ "lat": lat, "lon": lon }));
    prop_oneof![2 => postal, 2 => municipality, 2 => place, 1 => named, 3 => position]
}

/// A nearby query with `k`, `max_km`, `only_open_lists`, `home_region` and `lang` optional.
pub fn nearby_query(places: &'static vardval::places::Places) -> impl Strategy<Value = Value> {
    let k = prop::option::weighted(0.6, prop_oneof![4 => 1..30i64, 1 => prop::sample::select(vec![0i64, 1, 999, 1000, 1001, -5])]);
    let max_km = prop::option::weighted(0.4, prop_oneof![3 => 0.5..300.0f64, 1 => prop::sample::select(vec![-1.0, 0.0, 0.001, 5000.0, 5000.5, 1e9])]);
    let open = prop::option::weighted(0.3, any::<bool>());
    let home = prop::option::weighted(0.4, prop_oneof![9 => region(), 1 => Just("99")]);
    let lang = prop::option::weighted(0.3, prop::sample::select(vec!["sv", "en"]));
    (from(places), k, max_km, open, home, lang).prop_map(|(from, k, max_km, open, home, lang)| {
        let mut q = json!({ "from": from });
        if let Some(k) = k {
            q["k"] = json!(k);
        }
        if let Some(m) = max_km {
            q["max_km"] = json!(m);
        }
        if let Some(o) = open {
            q["only_open_lists"] = json!(o);
        }
        if let Some(h) = home {
            q["home_region"] = json!(h);
        }
        if let Some(l) = lang {
            q["lang"] = json!(l);
        }
        q
    })
}

/// A small unit list of its own for a search: positions in and around Sweden,
/// some the same, regions and list status.
pub fn unit_positions() -> impl Strategy<Value = Vec<(f64, f64, Option<&'static str>, Option<bool>)>> {
    let position = prop_oneof![4 => (55.0..69.2f64, 10.5..24.3f64), 1 => Just((57.7, 11.97)), 1 => (-90.0..90.0f64, -180.0..180.0f64)];
    prop::collection::vec((position, prop::option::weighted(0.8, region()), prop::option::of(any::<bool>())), 0..40)
        .prop_map(|units| units.into_iter().map(|((lat, lon), r, c)| (lat, lon, r, c)).collect())
}

/// One unit's fields (docs/units.md), in `vardval::units::COLUMNS` order, as
/// text: a unit in a real municipality, at its point, in its region; and in
/// one row of five, one or two of the mistakes regions make.
fn unit_fields(places: &'static vardval::places::Places) -> impl Strategy<Value = Vec<String>> {
    let name = prop_oneof![4 => "[A-Za-zåäöÅÄÖé ]{1,30}", 1 => Just("Vårdcentral \"Norr\", Umeå".to_string()), 1 => Just("rad ett\nrad två".to_string())];
    let good = (
        0..60u32,
        name,
        any::<prop::sample::Index>(),
        (-0.01..0.01f64, -0.01..0.01f64),
        "[A-Za-z0-9 ]{0,20}",
        10000..99999u32,
        prop::sample::select(vec!["", "+46 8 123 45 67", "08-123 45 67"]),
        prop::sample::select(vec!["", "https://example.se/vc", "http://example.se"]),
        prop::sample::select(vec!["true", "false", ""]),
        prop::sample::select(vec!["true", "false", ""]),
        prop::sample::select(vec!["", "region", "OpenStreetMap"]),
    )
        .prop_map(move |(id, name, m, (dlat, dlon), address, postal, phone, url, closed, digital, source)| {
            let m = &places.municipalities[m.index(places.municipalities.len())];
            vec![
                format!("vc-{id}"),
                name,
                format!("{:.5}", m.lat + dlat),
                format!("{:.5}", m.lon + dlon),
                m.county.clone(),
                m.code.clone(),
                address,
                postal.to_string(),
                phone.to_string(),
                url.to_string(),
                closed.to_string(),
                digital.to_string(),
                source.to_string(),
            ]
        });
    let odd = prop_oneof![
        prop::sample::select(vec![
            "", "NaN", "inf", "57,7", "1e400", "-0", "  58.1  ", "abc", "99", "9999", "=HYPERLINK(\"x\")", "=cmd|' /C calc'!A0", "-1", "@x",
            "javascript:alert(1)", "yes", "TRUE", "🏥", "\u{feff}x", "a\"b", "a,b", "x\r\ny",
        ])
        .prop_map(str::to_string),
        (-200.0..200.0f64).prop_map(|x| x.to_string()),
        Just("n".repeat(501)),
    ];
    let spoil = prop::option::weighted(0.2, prop::collection::vec((0..13usize, odd), 1..3));
    (good, spoil).prop_map(|(mut fields, spoil)| {
        for (i, v) in spoil.into_iter().flatten() {
            fields[i] = v;
        }
        fields
    })
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A unit list as a file's bytes: CSV (UTF-8 or Windows-1252, with or without
/// a byte-order mark, columns in any order, some missing or unknown) or JSON
/// (a list, `{ "units": [...] }`), or bytes that are neither.
pub fn unit_file(places: &'static vardval::places::Places) -> impl Strategy<Value = Vec<u8>> {
    // Every column, or those a unit needs and some others, in any order.
    let needed = ["id", "name", "lat", "lon"];
    let columns = prop_oneof![
        2 => Just(vardval::units::COLUMNS.to_vec()).prop_shuffle(),
        2 => prop::sample::subsequence(vardval::units::COLUMNS[4..].to_vec(), 0..=9).prop_map(move |rest| [&needed[..], &rest].concat()).prop_shuffle(),
        1 => prop::sample::subsequence(vardval::units::COLUMNS.to_vec(), 0..=13).prop_shuffle(),
    ];
    let extra_column = prop::option::weighted(0.05, prop::sample::select(vec!["Namn", "name", "ID", " lat ", "owner"]));
    let rows = prop_oneof![30 => prop::collection::vec(unit_fields(places), 0..25), 1 => prop::collection::vec(unit_fields(places), 0..1200)];
    // (byte-order mark, CRLF, Windows-1252, an unclosed quote at the end)
    let form = (prop::bool::weighted(0.15), any::<bool>(), prop::bool::weighted(0.1), prop::bool::weighted(0.03));
    let csv = (columns, extra_column, rows.clone(), form).prop_map(|(columns, extra, rows, (bom, crlf, latin1, unclosed))| {
        let mut header: Vec<&str> = columns;
        if let Some(e) = extra {
            header.push(e);
        }
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str(&header.join(","));
        for row in &rows {
            text.push_str(newline);
            let cells: Vec<String> = header
                .iter()
                .map(|h| vardval::units::COLUMNS.iter().position(|c| c == h).map_or_else(String::new, |i| csv_cell(&row[i])))
                .collect();
            text.push_str(&cells.join(","));
        }
        if unclosed {
            text.push_str(",\"open");
        }
        if latin1 {
            // As Excel saves CSV: å, ä, ö… as single bytes, everything else as it was.
            text.chars().flat_map(|c| if ('\u{a0}'..='\u{ff}').contains(&c) { vec![c as u32 as u8] } else { c.to_string().into_bytes() }).collect()
        } else {
            text.into_bytes()
        }
    });
    let json = (rows, 0..4u8, prop::bool::weighted(0.1)).prop_map(|(rows, shape, bom)| {
        let items: Vec<Value> = rows
            .iter()
            .map(|row| {
                let mut o = Map::new();
                for (c, v) in vardval::units::COLUMNS.iter().zip(row) {
                    if v.is_empty() {
                        continue;
                    }
                    // Numbers as numbers where they are numbers.
                    let value = match (*c, v.parse::<f64>()) {
                        ("lat" | "lon", Ok(x)) if x.is_finite() => json!(x),
                        ("list_closed" | "digital", _) if v == "true" || v == "false" => json!(v == "true"),
                        _ => json!(v),
                    };
                    o.insert(c.to_string(), value);
                }
                Value::Object(o)
            })
            .collect();
        let doc = match shape {
            0 | 1 => Value::from(items),
            2 => json!({ "units": items }),
            _ => json!({ "unit": items }),
        };
        let text = doc.to_string();
        if bom { format!("\u{feff}{text}") } else { text }.into_bytes()
    });
    prop_oneof![12 => csv, 6 => json, 1 => prop::collection::vec(any::<u8>(), 0..300), 1 => any_json().prop_map(|v| v.to_string().into_bytes())]
}
