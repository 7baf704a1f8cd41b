//! Properties that must hold for every situation, not just the examples.

mod common;
mod generators;
use generators::{any_json, case, day};
use proptest::prelude::*;
use serde_json::{json, Value};

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_input_makes_the_engine_panic(v in any_json()) {
        let _ = vardval::evaluate(&(&v).into());
        let mut with_today = v.clone();
        if let Value::Object(m) = &mut with_today {
            m.insert("today".into(), json!("2026-11-23"));
            let _ = vardval::evaluate(&with_today.into());
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
        let a = common::answer(c.situation());
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
        let a = common::answer(s.clone());
        let l = &a["listing"];
        if l["can_change"] == false && l["list_closed"] != true {
            let next = l["next_free_change"].as_str().expect("a refusal without a closed list names a date");
            let planned = l["date"].as_str().unwrap();
            prop_assert!(next > planned, "{next} after {planned}");
            let mut later = s.clone();
            later["listing"]["planned"]["date"] = json!(next);
            let b = common::answer(later);
            prop_assert_eq!(&b["listing"]["can_change"], &json!(true), "a change on {} is possible", next);
        }
        if l["can_change"] == true {
            prop_assert_eq!(&l["next_free_change"], &Value::Null);
        }
    }

    #[test]
    fn another_own_choice_change_never_turns_a_refusal_into_a_permission(c in case(), back in 0..800i32) {
        let s = c.situation();
        let before = common::answer(s.clone())["listing"]["can_change"] == true;
        let mut more = s.clone();
        more["listing"]["changes"].as_array_mut().unwrap().push(json!({ "date": day(c.today - back) }));
        let after = common::answer(more)["listing"]["can_change"] == true;
        prop_assert!(before || !after);
    }
}
