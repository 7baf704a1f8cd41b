//! Properties that must hold for every situation, not just the examples.

use proptest::prelude::*;
use serde_json::{json, Value};
use vardval::date::Date;

const REGIONS: [&str; 21] = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"];
const REASONS: [&str; 7] = ["moved", "medical", "follow_doctor", "unit_closed", "other_special", "first_listing", "automatic"];

fn day(offset: i32) -> String {
    Date::from_ymd(2024, 1, 1).unwrap().add_days(offset).to_string()
}

/// Any JSON at all, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
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
                    Just("regions".to_string()), Just("lang".to_string()), Just("list_closed".to_string()), "[a-z]{1,6}",
                ],
                inner,
                0..6,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
struct Case {
    today: i32,
    age: u32,
    home: usize,
    changes: Vec<(i32, Option<usize>)>,
    planned_in: i32,
    planned_reason: Option<usize>,
    list_closed: Option<bool>,
    /// (days back, at the listed unit, region, kind: care × professional × mode)
    visits: Vec<(i32, bool, Option<usize>, usize)>,
    paid: Option<u32>,
    rulebook: bool,
}

fn case() -> impl Strategy<Value = Case> {
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
    fn situation(&self) -> Value {
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

fn evaluate(s: &Value) -> Value {
    match vardval::evaluate(s) {
        Ok(a) => serde_json::to_value(a).unwrap(),
        Err(e) => panic!("a well-formed situation was refused: {:?}\n{s:#}", e.errors),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_input_makes_the_engine_panic(v in any_json()) {
        let _ = vardval::evaluate(&v);
        let mut with_today = v.clone();
        if let Value::Object(m) = &mut with_today {
            m.insert("today".into(), json!("2026-11-23"));
            let _ = vardval::evaluate(&with_today);
        }
        let _ = vardval::evaluate_str(&v.to_string());
    }

    #[test]
    fn no_text_makes_the_engine_panic(text in ".{0,200}") {
        let _ = vardval::evaluate_str(&text);
    }

    /// Without receipts (RULES.md §4): no period's charge exceeds its ceiling,
    /// and `total_charged` is the sum of the visits, here and in every region.
    #[test]
    fn charged_in_a_period_never_exceeds_its_ceiling(c in case()) {
        let a = evaluate(&c.situation());
        for fees in [&a["fees"], &a["fees"]["proposal"]] {
            for p in fees["periods"].as_array().unwrap_or(&Vec::new()) {
                prop_assert!(p["charged"].as_u64() <= p["ceiling"].as_u64(), "{p}");
            }
        }
        let sum: u64 = a["fees"]["visits"].as_array().unwrap().iter().map(|v| v["charged"].as_u64().unwrap()).sum();
        prop_assert_eq!(a["fees"]["total_charged"].as_u64(), Some(sum));
        for v in a["fees"]["visits"].as_array().unwrap() {
            prop_assert!(v["charged"].as_u64() <= v["fee"].as_u64(), "{v}");
        }
        let regions = a["fees"]["regions"].as_array().unwrap();
        prop_assert_eq!(regions.len(), if c.visits.is_empty() { 0 } else { 21 });
        for r in regions {
            // A region's total never exceeds what its ceilings allow: at most one full ceiling per period.
            prop_assert!(r["total_charged"].as_u64().unwrap() <= 1450 * 3, "{r}");
        }
    }

    #[test]
    fn a_refusal_names_a_later_date_on_which_the_change_is_possible(c in case()) {
        let s = c.situation();
        let a = evaluate(&s);
        let l = &a["listing"];
        if l["can_change"] == false && l["list_closed"] != true {
            let next = l["next_free_change"].as_str().expect("a refusal without a closed list names a date");
            let planned = l["date"].as_str().unwrap();
            prop_assert!(next > planned, "{next} after {planned}");
            let mut later = s.clone();
            later["listing"]["planned"]["date"] = json!(next);
            let b = evaluate(&later);
            prop_assert_eq!(&b["listing"]["can_change"], &json!(true), "a change on {} is possible", next);
        }
        if l["can_change"] == true {
            prop_assert_eq!(&l["next_free_change"], &Value::Null);
        }
    }

    #[test]
    fn another_own_choice_change_never_turns_a_refusal_into_a_permission(c in case(), back in 0..800i32) {
        let s = c.situation();
        let before = evaluate(&s)["listing"]["can_change"] == true;
        let mut more = s.clone();
        more["listing"]["changes"].as_array_mut().unwrap().push(json!({ "date": day(c.today - back) }));
        let after = evaluate(&more)["listing"]["can_change"] == true;
        prop_assert!(before || !after);
    }
}
