//! What to do now (RULES.md §5a, CONTRACT §6 `next_steps`), and changes
//! remembered only by their month (CONTRACT §6 `listing.changes[].date`).
//! Each step must follow from its section's answer and never contradict it.

mod common;
use common::{answer, has_error, relist, step_codes, step_text};
use serde_json::{json, Value};

fn listed_in(unit_region: &str, home: &str) -> Value {
    json!({ "today": "2026-11-23", "person": { "home_region": home }, "listing": { "unit": { "id": "a", "region": unit_region } } })
}

// --- every code ---------------------------------------------------------------

#[test]
fn listed_in_the_home_region_change_ask_for_a_doctor_and_call_the_same_day() {
    let a = answer(listed_in("13", "13"));
    assert_eq!(step_codes(&a, "listing"), ["change_via_1177"]);
    assert!(step_text(&a, "listing", "change_via_1177").contains("1177.se"));
    assert_eq!(step_codes(&a, "fixed_doctor"), ["ask_unit_for_fixed_doctor"]);
    assert_eq!(step_codes(&a, "care_guarantee"), ["contact_unit_same_day"]);
    assert_eq!(a["care_guarantee"]["headline"], "Ja, vårdgarantin gäller på din vårdcentral.");
}

#[test]
fn not_listed_every_section_says_list_first() {
    let a = answer(json!({ "today": "2026-11-23", "person": { "home_region": "01" } }));
    for section in ["listing", "fixed_doctor", "care_guarantee"] {
        assert_eq!(step_codes(&a, section), ["list_first"], "{section}");
    }
    // The reason leads: not "Ja, du kan byta" for a person who has nothing to change from.
    assert!(a["care_guarantee"]["headline"].as_str().unwrap().starts_with("Nej, eftersom du inte är listad"));
    assert!(a["fixed_doctor"]["headline"].as_str().unwrap().starts_with("Inte ännu, eftersom du inte är listad"));
    let first = answer(json!({ "today": "2026-11-23", "listing": { "planned": {} } }));
    assert_eq!(first["listing"]["headline"], "Ja, du kan lista dig i dag.");
    assert_eq!(step_codes(&first, "listing"), ["list_first"]);
}

#[test]
fn limit_reached_wait_until_the_date_or_use_a_special_reason() {
    // Two own changes, 10 Jan and 1 Mar 2026: K = 2 = limit, so the next free
    // date is c1 + 1 year = 10 January 2027.
    let a = answer(relist("2026-11-23", &[("2026-01-10", None), ("2026-03-01", None)], json!({})));
    assert_eq!(a["listing"]["can_change"], false);
    assert_eq!(step_codes(&a, "listing"), ["wait_until", "use_special_reason"]);
    assert!(step_text(&a, "listing", "wait_until").contains("10 januari 2027"));
    assert!(step_text(&a, "listing", "use_special_reason").contains("flyttat"));
    assert_eq!(a["listing"]["headline"], "Nej, eftersom du redan har bytt 2 gånger de senaste tolv månaderna.");
    assert!(!a["listing"]["summary"].as_str().unwrap().contains("senast från"));
}

#[test]
fn a_special_reason_lets_the_change_through_and_says_so_first() {
    let a = answer(relist("2026-11-23", &[("2026-01-10", None), ("2026-03-01", None)], json!({ "reason": "moved" })));
    assert_eq!(a["listing"]["can_change"], true);
    assert_eq!(a["listing"]["headline"], "Ja, du kan byta i dag, eftersom du har ett särskilt skäl (flytt).");
    assert_eq!(step_codes(&a, "listing"), ["change_via_1177", "use_special_reason"]);
}

#[test]
fn a_closed_list_choose_another_unit() {
    let a = answer(relist("2026-11-23", &[], json!({ "unit": { "id": "b", "region": "13", "list_closed": true } })));
    assert_eq!(a["listing"]["can_change"], false);
    assert_eq!(step_codes(&a, "listing"), ["choose_other_unit"]);
    assert!(a["listing"]["headline"].as_str().unwrap().contains("stängd lista"));
}

#[test]
fn listed_in_another_region_list_at_home_and_moving_is_a_special_reason() {
    // Listed in Stockholm (01), living in Västra Götaland (14): no guarantee,
    // so the step is never "you should be contacted the same day".
    let a = answer(listed_in("01", "14"));
    assert_eq!(a["care_guarantee"]["applies"], false);
    assert_eq!(step_codes(&a, "care_guarantee"), ["list_in_home_region"]);
    let text = step_text(&a, "care_guarantee", "list_in_home_region");
    assert!(text.contains("Västra Götalandsregionen") && text.contains("flyttat"), "{text}");
    assert_eq!(a["care_guarantee"]["headline"], "Nej, eftersom din vårdcentral ligger i en annan region än där du bor.");
    // The fixed doctor does follow the person there.
    assert_eq!(step_codes(&a, "fixed_doctor"), ["ask_unit_for_fixed_doctor"]);
}

#[test]
fn steps_come_in_english_too() {
    let mut s = listed_in("01", "14");
    s["lang"] = json!("en");
    let a = answer(s);
    assert!(step_text(&a, "care_guarantee", "list_in_home_region").starts_with("Do you want the care guarantee? List at a unit in Västra Götalandsregionen"));
}

#[test]
fn no_section_is_without_a_step() {
    for s in [listed_in("13", "13"), listed_in("01", "14"), json!({ "today": "2026-11-23" }), relist("2026-11-23", &[("2026-01-10", None), ("2026-03-01", None)], json!({}))] {
        let a = answer(s);
        for section in ["listing", "fixed_doctor", "care_guarantee"] {
            assert!(!step_codes(&a, section).is_empty(), "{section}");
        }
        let guarantee = step_codes(&a, "care_guarantee");
        assert_eq!(guarantee.contains(&"contact_unit_same_day".to_string()), a["care_guarantee"]["applies"] == true);
    }
}

// --- changes remembered by month --------------------------------------------

#[test]
fn a_month_only_change_counts_from_the_months_last_day_and_says_at_the_latest() {
    // "2026-02" counts as 28 Feb 2026, the latest it can be; with 15 May,
    // K = 2: next free = 28 Feb 2026 + 1 year = 28 February 2027, "senast".
    let a = answer(relist("2026-11-23", &[("2026-02", None), ("2026-05-15", None)], json!({})));
    let l = &a["listing"];
    assert_eq!(l["counted"], json!(["2026-02-28", "2026-05-15"]));
    assert_eq!(l["next_free_change"], "2027-02-28");
    assert_eq!(l["next_free_change_at_latest"], true);
    assert!(l["summary"].as_str().unwrap().contains("Du kan byta igen senast 28 februari 2027."));
    assert!(step_text(&a, "listing", "wait_until").contains("senast 28 februari 2027"));
    assert!(l["details"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().contains("bara månaden")));
}

#[test]
fn at_the_latest_only_when_the_date_rests_on_the_month_only_change() {
    // The month-only change (Nov 2026, cut to today, 23 Nov) is the later one;
    // the date comes from 1 June 2026, which is exact: 1 June 2027, no "senast".
    let a = answer(relist("2026-11-23", &[("2026-06-01", None), ("2026-11", None)], json!({})));
    assert_eq!(a["listing"]["counted"], json!(["2026-06-01", "2026-11-23"]));
    assert_eq!(a["listing"]["next_free_change"], "2027-06-01");
    assert_eq!(a["listing"]["next_free_change_at_latest"], false);
}

#[test]
fn a_month_only_change_in_february_of_a_leap_year() {
    // "2024-02" → 29 Feb 2024; + 1 year = 28 Feb 2025 (lag 1930:173).
    let a = answer(relist("2025-01-15", &[("2024-02", None), ("2024-06-01", None)], json!({})));
    assert_eq!(a["listing"]["next_free_change"], "2025-02-28");
    assert_eq!(a["listing"]["next_free_change_at_latest"], true);
}

#[test]
fn a_month_only_change_before_the_law_and_in_the_future() {
    // June 2022 ends before 1 July 2022: it never counts; July 2022 does.
    let a = answer(relist("2023-01-15", &[("2022-06", None), ("2022-07", None)], json!({})));
    assert_eq!(a["listing"]["counted"], json!(["2022-07-31"]));
    has_error(relist("2026-11-23", &[("2026-12", None)], json!({})), "listing.changes[0].date", "date_in_future");
    has_error(relist("2026-11-23", &[("2026-13", None)], json!({})), "listing.changes[0].date", "invalid_date");
}

#[test]
fn month_only_in_english_says_at_the_latest() {
    let mut s = relist("2026-11-23", &[("2026-02", None), ("2026-05-15", None)], json!({}));
    s["lang"] = json!("en");
    let a = answer(s);
    assert!(a["listing"]["summary"].as_str().unwrap().contains("on 28 February 2027 at the latest"));
}

// --- steps that agree across sections (found in review) -------------------------

#[test]
fn a_closed_list_when_the_limit_is_reached_says_when_and_names_the_special_reasons_too() {
    let planned = json!({ "unit": { "id": "b", "region": "13", "list_closed": true } });
    let a = answer(relist("2026-11-23", &[("2026-01-10", None), ("2026-03-01", None)], planned));
    assert_eq!(step_codes(&a, "listing"), ["wait_until", "use_special_reason", "choose_other_unit"]);
    assert!(step_text(&a, "listing", "wait_until").contains("10 januari 2027"));
}

#[test]
fn not_listed_and_planning_a_first_listing_list_then_ask_for_a_doctor() {
    let a = answer(json!({ "today": "2026-11-23", "listing": { "planned": {} } }));
    assert_eq!(a["fixed_doctor"]["entitled"], true);
    assert_eq!(step_codes(&a, "fixed_doctor"), ["list_first", "ask_unit_for_fixed_doctor"]);
}

#[test]
fn listing_at_home_waits_for_the_same_date_as_the_listing_answer() {
    // Listed in Stockholm, living in Västra Götaland, two own changes this year:
    // the guarantee's step to list at home must not say "now" when listing says no.
    let mut s = relist("2026-11-23", &[("2026-01-10", None), ("2026-03-01", None)], Value::Null);
    s["listing"]["unit"]["region"] = json!("01");
    s["person"]["home_region"] = json!("14");
    let a = answer(s);
    assert_eq!(a["listing"]["can_change"], false);
    assert_eq!(step_codes(&a, "care_guarantee"), ["list_in_home_region", "wait_until"]);
    assert!(step_text(&a, "care_guarantee", "wait_until").contains("10 januari 2027"));
}

#[test]
fn listed_with_no_region_known_the_guarantee_is_not_assumed_either_way() {
    // Listed, but neither the unit's region nor the home region is given
    // (issue 11, D6): RULES §3 ties the guarantee to the unit being in the home
    // region, so the answer is "it depends", never a "no" beside the fixed
    // doctor's "you are listed".
    for (lang, depends) in [("sv", "Det beror på var din vårdcentral ligger."), ("en", "It depends on where your unit is.")] {
        let a = answer(json!({ "today": "2026-11-23", "lang": lang, "listing": { "unit": { "id": "a" } } }));
        assert_eq!(a["fixed_doctor"]["entitled"], true);
        assert_eq!(a["care_guarantee"]["applies"], Value::Null, "{lang}: neither yes nor no");
        assert_eq!(a["care_guarantee"]["headline"], depends);
        assert_eq!(step_codes(&a, "care_guarantee"), ["check_unit_region"]);
        assert_eq!(step_codes(&a, "fixed_doctor"), ["ask_unit_for_fixed_doctor"]);
    }
    // Either region alone is enough: the unit's region defaults to the home
    // region, and without a home region the unit's is taken (docs/interface.md).
    let unit_only = answer(json!({ "today": "2026-11-23", "listing": { "unit": { "id": "a", "region": "13" } } }));
    assert_eq!(unit_only["care_guarantee"]["applies"], true);
    let home_only = answer(json!({ "today": "2026-11-23", "person": { "home_region": "13" }, "listing": { "unit": { "id": "a" } } }));
    assert_eq!(home_only["care_guarantee"]["applies"], true);
}

#[test]
fn a_month_only_change_for_a_special_reason_never_makes_the_date_at_the_latest() {
    // "2026-02" moved (not counted) lands on 28 Feb, the same day as a counted
    // exact change: the date rests on the exact one, so no "senast".
    let a = answer(relist("2026-11-23", &[("2026-02", Some("moved")), ("2026-02-28", None), ("2026-05-15", None)], json!({})));
    assert_eq!(a["listing"]["next_free_change"], "2027-02-28");
    assert_eq!(a["listing"]["next_free_change_at_latest"], false);
    assert!(!a["listing"]["details"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().contains("bara månaden")));
}

#[test]
fn an_unknown_list_status_is_mentioned_only_when_a_unit_is_planned() {
    let unknown = "Vi vet inte om vårdcentralen tar emot nya patienter";
    let says = |a: &Value| a["listing"]["details"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().starts_with(unknown));
    assert!(!says(&answer(relist("2026-11-23", &[], json!({ "reason": null })))), "no unit named: nothing to say about its list");
    assert!(says(&answer(relist("2026-11-23", &[], json!({ "unit": { "id": "b" } })))));
}

// --- counts and their nouns (issue 11, D14) -----------------------------------

/// Every string in an answer, wherever it sits.
fn all_texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| all_texts(i, out)),
        Value::Object(map) => map.values().for_each(|i| all_texts(i, out)),
        _ => {}
    }
}

/// The texts that put the number 1 before a plural noun.
fn one_with_a_plural(a: &Value) -> Vec<String> {
    let plurals = ["gånger", "dagar", "byten", "besök kostar", "times", "days", "changes", "visits"];
    let mut texts = Vec::new();
    all_texts(a, &mut texts);
    texts.into_iter().filter(|t| plurals.iter().any(|p| t.contains(&format!(" 1 {p}")) || t.starts_with(&format!("1 {p}")))).collect()
}

#[test]
fn a_count_of_one_takes_the_singular() {
    // An override of `se` with a relisting limit of 1 and an assessment within
    // 1 day; one own change on 1 March 2026 and one visit. K = 1 = limit, so the
    // change waits until c1 + 1 year = 1 March 2027.
    let with = |limit: u32, window: &str, lang: &str| {
        let mut s = relist("2026-11-23", &[("2026-03-01", None)], json!({}));
        s["lang"] = json!(lang);
        s["rulebook"] = json!({ "base": "se", "override": { "parameters": {
            "relisting.limit": limit, "relisting.window": window, "guarantee.assessment_days": limit } } });
        s["visits"] = json!([{ "date": "2026-03-02", "where": "listed" }]);
        answer(s)
    };
    let details = |a: &Value| a["listing"]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect::<Vec<_>>();

    let sv = with(1, "rolling_year", "sv");
    assert_eq!(sv["listing"]["can_change"], false);
    assert_eq!(sv["listing"]["next_free_change"], "2027-03-01");
    assert!(details(&sv).contains(&"Du får byta vårdcentral högst en gång under en tolvmånadersperiod, om du inte har särskilda skäl.".to_string()), "{:?}", details(&sv));
    assert_eq!(sv["care_guarantee"]["summary"], "Ja, vårdgarantin gäller på din vårdcentral. Du ska få kontakt samma dag och en medicinsk bedömning inom 1 dag.");
    assert_eq!(sv["fees"]["headline"], "Ditt besök kostar 200\u{a0}kr.");
    assert_eq!(one_with_a_plural(&sv), Vec::<String>::new());
    let en = with(1, "rolling_year", "en");
    assert!(details(&en).contains(&"You may change primary care unit at most once in a twelve-month period, unless you have special reasons.".to_string()), "{:?}", details(&en));
    assert_eq!(en["care_guarantee"]["summary"], "Yes, the care guarantee applies at your unit. You should get contact the same day and a medical assessment within 1 day.");
    assert_eq!(one_with_a_plural(&en), Vec::<String>::new());
    let calendar = with(1, "calendar_year", "sv");
    assert!(details(&calendar).contains(&"Du får byta vårdcentral högst en gång per kalenderår, om du inte har särskilda skäl.".to_string()));
    assert!(details(&with(1, "calendar_year", "en")).contains(&"You may change primary care unit at most once per calendar year, unless you have special reasons.".to_string()));

    // 2: the plural, as before.
    let sv2 = with(2, "rolling_year", "sv");
    assert!(details(&sv2).contains(&"Du får byta vårdcentral högst 2 gånger under en tolvmånadersperiod, om du inte har särskilda skäl.".to_string()));
    assert!(sv2["care_guarantee"]["summary"].as_str().unwrap().ends_with("inom 2 dagar."));
    let en2 = with(2, "rolling_year", "en");
    assert!(details(&en2).contains(&"You may change primary care unit at most 2 times in a twelve-month period, unless you have special reasons.".to_string()));
    assert!(en2["care_guarantee"]["summary"].as_str().unwrap().ends_with("within 2 days."));
}
