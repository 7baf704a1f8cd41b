//! Bad input (CONTRACT §3): every problem at once, each with its path and a
//! stable code, and a message in the person's language. Never a panic.

mod common;
use common::{errors, has_error};
use serde_json::json;

fn base() -> serde_json::Value {
    json!({ "today": "2026-11-23", "person": { "age": 40, "home_region": "13" } })
}

#[test]
fn today_is_required() {
    has_error(json!({}), "today", "missing_field");
}

#[test]
fn today_must_be_a_real_date() {
    has_error(json!({ "today": "2026-02-30" }), "today", "invalid_date");
    has_error(json!({ "today": "22/11/2026" }), "today", "invalid_date");
    has_error(json!({ "today": 20261122 }), "today", "invalid_type");
}

#[test]
fn a_change_cannot_be_in_the_future() {
    let mut s = base();
    s["listing"] = json!({ "changes": [ { "date": "2026-01-01" }, { "date": "2026-12-01" } ] });
    has_error(s, "listing.changes[1].date", "date_in_future");
}

#[test]
fn a_planned_change_cannot_be_before_today() {
    let mut s = base();
    s["listing"] = json!({ "planned": { "date": "2026-11-22" } });
    has_error(s, "listing.planned.date", "date_before_today");
}

#[test]
fn age_must_be_a_whole_number_from_0_to_130() {
    let mut s = base();
    s["person"]["age"] = json!(131);
    has_error(s.clone(), "person.age", "out_of_range");
    s["person"]["age"] = json!(-1);
    has_error(s.clone(), "person.age", "out_of_range");
    s["person"]["age"] = json!("34");
    has_error(s.clone(), "person.age", "invalid_type");
    s["person"]["age"] = json!(34.5);
    has_error(s, "person.age", "invalid_type");
}

#[test]
fn regions_are_the_21_lan_codes() {
    let mut s = base();
    s["person"]["home_region"] = json!("02");
    has_error(s.clone(), "person.home_region", "unknown_region");
    s["person"]["home_region"] = json!("13");
    s["listing"] = json!({ "unit": { "region": "99" } });
    has_error(s.clone(), "listing.unit.region", "unknown_region");
    s["listing"] = json!(null);
    s["visits"] = json!([{ "date": "2026-01-02", "where": "listed", "region": "Halland" }]);
    has_error(s, "visits[0].region", "unknown_region");
}

#[test]
fn reasons_are_the_contracts_codes() {
    let mut s = base();
    s["listing"] = json!({ "changes": [ { "date": "2026-01-01", "reason": "bored" } ], "planned": { "reason": "whim" } });
    let got = errors(s);
    assert!(got.contains(&("listing.changes[0].reason".into(), "unknown_reason".into())), "{got:?}");
    assert!(got.contains(&("listing.planned.reason".into(), "unknown_reason".into())), "{got:?}");
}

#[test]
fn unknown_rulebook_and_language() {
    let mut s = base();
    s["rulebook"] = json!("norway");
    has_error(s.clone(), "rulebook", "unknown_rulebook");
    s["rulebook"] = json!({ "base": "dk" });
    has_error(s.clone(), "rulebook.base", "unknown_rulebook");
    s["rulebook"] = json!(7);
    has_error(s.clone(), "rulebook", "invalid_type");
    s["rulebook"] = json!("se");
    s["lang"] = json!("de");
    has_error(s.clone(), "lang", "unknown_language");
    // The message names every language there is (in Swedish, as the language is unknown).
    let report = vardval::evaluate(&(&s).into()).unwrap_err();
    assert_eq!(report.errors[0].message, "Språket ”de” finns inte. Möjliga: sv, en, ar, fi, sv-x-easy.");
    for code in ["sv", "en", "ar", "fi", "sv-x-easy"] {
        s["lang"] = json!(code);
        assert!(vardval::evaluate(&(&s).into()).is_ok(), "{code}");
    }
}

#[test]
fn visits_are_checked_field_by_field() {
    let mut s = base();
    s["visits"] = json!([
        { "where": "listed" },
        { "date": "2026-01-02", "where": "home" },
        { "date": "2026-01-03", "where": "listed", "mode": "fax" },
        { "date": "2026-01-04" },
        "2026-01-05",
        { "date": "2026-01-06", "care": "dentist", "professional": "vet", "paid": -1 },
        { "date": "2017-12-31", "care": "emergency" }
    ]);
    let got = errors(s);
    for (path, code) in [
        ("visits[0].date", "missing_field"),
        ("visits[1].where", "invalid_value"),
        ("visits[2].mode", "invalid_value"),
        ("visits[3].where", "missing_field"),
        ("visits[4]", "invalid_type"),
        ("visits[5].care", "invalid_value"),
        ("visits[5].professional", "invalid_value"),
        ("visits[5].paid", "out_of_range"),
        ("visits[6].date", "out_of_range"),
    ] {
        assert!(got.contains(&(path.into(), code.into())), "({path}, {code}) in {got:?}");
    }
}

#[test]
fn at_most_1000_visits_and_changes() {
    let mut s = base();
    s["visits"] = json!(vec![json!({ "date": "2026-01-02", "where": "listed" }); 1001]);
    has_error(s.clone(), "visits", "too_many_items");
    s["visits"] = json!(vec![json!({ "date": "2026-01-02", "where": "listed" }); 1000]);
    assert!(vardval::evaluate(&(&s).into()).is_ok(), "1 000 visits are allowed");
    let mut c = base();
    c["listing"] = json!({ "changes": vec![json!({ "date": "2026-01-02" }); 1001] });
    has_error(c, "listing.changes", "too_many_items");
}

#[test]
fn fees_need_the_persons_age_and_home_region() {
    let s = json!({ "today": "2026-11-23", "visits": [ { "date": "2026-01-02", "where": "listed" } ] });
    let got = errors(s);
    assert!(got.contains(&("person.age".into(), "missing_field".into())), "{got:?}");
    assert!(got.contains(&("person.home_region".into(), "missing_field".into())), "{got:?}");
}

#[test]
fn fee_period_is_checked() {
    let mut s = base();
    s["fee_period"] = json!({ "first_visit": "2026-01-10", "paid": 2000 });
    has_error(s.clone(), "fee_period.paid", "out_of_range");
    s["fee_period"] = json!({ "first_visit": "2026-12-10", "paid": 100 });
    has_error(s.clone(), "fee_period.first_visit", "date_in_future");
    s["fee_period"] = json!({ "paid": 100 });
    has_error(s.clone(), "fee_period.first_visit", "missing_field");
    s["fee_period"] = json!({ "first_visit": "2026-01-10", "paid": 100 });
    s["visits"] = json!([{ "date": "2026-01-02", "where": "listed" }]);
    has_error(s, "visits[0].date", "before_fee_period");
}

#[test]
fn list_closed_must_be_a_boolean() {
    let mut s = base();
    s["listing"] = json!({ "planned": { "unit": { "list_closed": "yes" } } });
    has_error(s, "listing.planned.unit.list_closed", "invalid_type");
}

#[test]
fn an_override_is_checked_with_paths() {
    let mut s = base();
    s["rulebook"] = json!({ "base": "se", "override": {
        "parameters": { "relisting.limit": 0, "relisting.window": "fortnight", "fees.made_up": 1 },
        "regions": { "13": { "free_under_age": 200 } }
    }});
    let got = errors(s);
    for (path, code) in [
        ("rulebook.override.parameters.relisting.limit", "out_of_range"),
        ("rulebook.override.parameters.relisting.window", "invalid_value"),
        ("rulebook.override.parameters.fees.made_up", "unknown_parameter"),
        ("rulebook.override.regions.13.free_under_age", "out_of_range"),
    ] {
        assert!(got.contains(&(path.into(), code.into())), "({path}, {code}) in {got:?}");
    }
}

#[test]
fn input_that_is_not_an_object_or_not_json() {
    has_error(json!([1, 2]), "", "invalid_type");
    has_error(json!(null), "", "invalid_type");
    let report = vardval::evaluate_str("{ \"today\": ").unwrap_err();
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].code, "invalid_json");
    assert_eq!(report.errors[0].path, "");
}

#[test]
fn every_problem_is_reported_at_once() {
    let s = json!({
        "today": "2026-11-31",
        "person": { "age": 200, "home_region": "00" },
        "listing": { "changes": [ { "date": "yesterday" } ] },
        "visits": [ { "date": "2026-01-02", "where": "nowhere" } ]
    });
    let got = errors(s);
    for path in ["today", "person.age", "person.home_region", "listing.changes[0].date", "visits[0].where"] {
        assert!(got.iter().any(|(p, _)| p == path), "{path} in {got:?}");
    }
}

#[test]
fn messages_are_in_the_persons_language() {
    let sv = vardval::evaluate(&json!({ "today": "2026-02-30" }).into()).unwrap_err();
    assert!(sv.errors[0].message.contains("skriv datumet som ÅÅÅÅ-MM-DD"), "{}", sv.errors[0].message);
    let en = vardval::evaluate(&json!({ "today": "2026-02-30", "lang": "en" }).into()).unwrap_err();
    assert!(en.errors[0].message.contains("write the date as YYYY-MM-DD"), "{}", en.errors[0].message);
    for e in sv.errors.iter().chain(&en.errors) {
        assert!(!e.message.contains('{'), "unfilled placeholder: {}", e.message);
    }
}

#[test]
fn every_error_code_has_a_message_in_both_languages() {
    use vardval::text::{catalogue, Lang};
    for code in [
        "invalid_json", "invalid_type", "missing_field", "invalid_date", "date_in_future", "date_before_today", "out_of_range",
        "unknown_region", "unknown_reason", "unknown_rulebook", "unknown_language", "invalid_value", "too_many_items",
        "unknown_parameter", "unknown_source", "before_fee_period", "duplicate_key", "missing_source", "duplicate_valid_from",
        "cannot_change", "unknown_field", "duplicate_fee",
    ] {
        for lang in [Lang::Sv, Lang::En] {
            let key = format!("error.{code}");
            assert!(catalogue(lang).iter().any(|(k, _)| *k == key), "{key} in {lang:?}");
        }
    }
}
