//! The rules of ../shared/RULES.md, one test per rule or decision.

mod common;
use common::{answer, fees, relist, step_codes};
use serde_json::{json, Value};

fn listing(a: &Value) -> &Value {
    &a["listing"]
}

fn charged(a: &Value) -> Vec<u64> {
    a["fees"]["visits"].as_array().unwrap().iter().map(|v| v["charged"].as_u64().unwrap()).collect()
}

// --- §2 the relisting limit ---------------------------------------------------

#[test]
fn a_change_counts_until_the_day_before_one_year_later() {
    let changes = [("2025-11-23", None), ("2026-01-10", None)];
    let before = answer(relist("2026-11-22", &changes, json!({})));
    assert_eq!(listing(&before)["can_change"], false);
    assert_eq!(listing(&before)["counted_changes"], 2);
    assert_eq!(listing(&before)["next_free_change"], "2026-11-23");
    let on_the_day = answer(relist("2026-11-23", &changes, json!({})));
    assert_eq!(listing(&on_the_day)["can_change"], true);
    assert_eq!(listing(&on_the_day)["counted_changes"], 1);
    assert_eq!(listing(&on_the_day)["next_free_change"], Value::Null);
}

#[test]
fn a_change_on_29_february_stops_counting_on_28_february() {
    let changes = [("2024-02-29", None), ("2024-06-01", None)];
    let a = answer(relist("2025-02-27", &changes, json!({})));
    assert_eq!(listing(&a)["can_change"], false);
    assert_eq!(listing(&a)["next_free_change"], "2025-02-28");
    let b = answer(relist("2025-02-28", &changes, json!({})));
    assert_eq!(listing(&b)["can_change"], true);
    assert_eq!(listing(&b)["counted_changes"], 1);
}

#[test]
fn three_counted_changes_in_one_window() {
    let changes = [("2026-06-15", None), ("2026-01-10", None), ("2026-03-01", None)];
    let a = answer(relist("2026-11-23", &changes, json!({})));
    let l = listing(&a);
    assert_eq!(l["counted_changes"], 3);
    assert_eq!(l["can_change"], false);
    // K = 3, limit 2: c_{K−limit+1} = the second oldest, 2026-03-01, plus one year.
    assert_eq!(l["next_free_change"], "2027-03-01");
    assert_eq!(l["counted"], json!(["2026-01-10", "2026-03-01", "2026-06-15"]));
    assert!(l["summary"].as_str().unwrap().contains("1 mars 2027"), "{}", l["summary"]);
}

#[test]
fn each_special_reason_allows_a_change_and_is_not_counted() {
    for reason in ["moved", "medical", "follow_doctor", "unit_closed", "other_special"] {
        let changes = [("2026-01-10", None), ("2026-03-01", None)];
        let a = answer(relist("2026-11-23", &changes, json!({ "reason": reason })));
        let l = listing(&a);
        assert_eq!(l["can_change"], true, "{reason}");
        assert_eq!(l["special_reason"], reason);
        assert_eq!(l["next_free_change"], Value::Null);
        assert_eq!(l["counted_changes"], 2, "{reason}");
        assert!(l["details"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().contains("be dig berätta")), "{reason}: the region may ask");

        // A past change for that reason does not count.
        let past = [("2026-01-10", Some(reason)), ("2026-03-01", None)];
        let b = answer(relist("2026-11-23", &past, json!({})));
        assert_eq!(listing(&b)["counted_changes"], 1, "{reason}");
        assert_eq!(listing(&b)["can_change"], true, "{reason}");
    }
}

#[test]
fn first_listing_and_automatic_listing_do_not_count() {
    let past = [("2026-01-10", Some("first_listing")), ("2026-03-01", Some("automatic")), ("2026-05-01", None)];
    let a = answer(relist("2026-11-23", &past, json!({})));
    assert_eq!(listing(&a)["counted_changes"], 1);
    assert_eq!(listing(&a)["can_change"], true);

    // Not listed and no earlier changes: the planned listing is a first listing.
    let b = answer(json!({ "today": "2026-11-23", "listing": { "planned": {} } }));
    assert_eq!(listing(&b)["first_listing"], true);
    assert_eq!(listing(&b)["can_change"], true);
    assert_eq!(b["fixed_doctor"]["entitled"], true);
}

#[test]
fn a_planned_change_to_a_closed_list_is_not_possible() {
    let a = answer(relist("2026-11-23", &[], json!({ "unit": { "id": "b", "list_closed": true } })));
    let l = listing(&a);
    assert_eq!(l["can_change"], false);
    assert_eq!(l["list_closed"], true);
    assert_eq!(l["next_free_change"], Value::Null);
    // Not even with a special reason.
    let b = answer(relist("2026-11-23", &[], json!({ "reason": "moved", "unit": { "list_closed": true } })));
    assert_eq!(listing(&b)["can_change"], false);
    // Open and unknown lists.
    let open = answer(relist("2026-11-23", &[], json!({ "unit": { "list_closed": false } })));
    assert_eq!(listing(&open)["list_closed"], false);
    let unknown = answer(relist("2026-11-23", &[], json!({ "unit": {} })));
    assert_eq!(listing(&unknown)["list_closed"], Value::Null);
    assert_eq!(listing(&unknown)["can_change"], true);
}

#[test]
fn a_planned_change_in_the_future_is_counted_on_its_own_date() {
    let changes = [("2026-01-10", None), ("2026-03-01", None)];
    let early = answer(relist("2026-11-23", &changes, json!({ "date": "2027-01-09" })));
    assert_eq!(listing(&early)["can_change"], false);
    assert_eq!(listing(&early)["next_free_change"], "2027-01-10");
    assert_eq!(listing(&early)["date"], "2027-01-09");
    let later = answer(relist("2026-11-23", &changes, json!({ "date": "2027-01-10" })));
    assert_eq!(listing(&later)["can_change"], true);
    assert_eq!(listing(&later)["counted_changes"], 1);
}

#[test]
fn no_planned_change_answers_for_today() {
    let a = answer(relist("2026-11-23", &[("2026-05-01", None)], Value::Null));
    assert_eq!(listing(&a)["date"], "2026-11-23");
    assert_eq!(listing(&a)["can_change"], true);
    assert_eq!(listing(&a)["list_closed"], Value::Null);
}

#[test]
fn a_rulebook_without_limit_or_with_a_calendar_window() {
    let changes = [("2026-01-10", None), ("2026-03-01", None), ("2026-05-01", None)];
    let mut s = relist("2026-11-23", &changes, json!({}));
    s["rulebook"] = json!({ "base": "se", "override": { "parameters": { "relisting.limit": null } } });
    let a = answer(s);
    assert_eq!(listing(&a)["limit"], Value::Null);
    assert_eq!(listing(&a)["can_change"], true);
    assert_eq!(a["rulebook"]["overridden"], true);

    let mut s = relist("2026-11-23", &[("2025-12-30", None), ("2026-01-10", None), ("2026-03-01", None)], json!({}));
    s["rulebook"] = json!({ "base": "se", "override": { "parameters": { "relisting.window": "calendar_year" } } });
    let b = answer(s);
    assert_eq!(listing(&b)["window"], "calendar_year");
    assert_eq!(listing(&b)["counted_changes"], 2);
    assert_eq!(listing(&b)["next_free_change"], "2027-01-01");
}

// --- §3 fixed doctor and care guarantee -----------------------------------

#[test]
fn fixed_doctor_follows_listing() {
    let listed = answer(relist("2026-11-23", &[], Value::Null));
    assert_eq!(listed["fixed_doctor"]["entitled"], true);
    let not_listed = answer(json!({ "today": "2026-11-23" }));
    assert_eq!(not_listed["fixed_doctor"]["entitled"], false);
    assert!(not_listed["fixed_doctor"]["headline"].as_str().unwrap().contains("inte är listad"));
    assert_eq!(step_codes(&not_listed, "fixed_doctor"), ["list_first"]);
    assert!(!not_listed["fixed_doctor"]["sources"].as_array().unwrap().is_empty());
}

#[test]
fn care_guarantee_applies_only_at_a_listed_unit_in_the_home_region() {
    let home = answer(relist("2026-11-23", &[], Value::Null));
    let g = &home["care_guarantee"];
    assert_eq!(g["applies"], true);
    assert_eq!(g["contact_days"], 0);
    assert_eq!(g["assessment_days"], 3);

    let mut s = relist("2026-11-23", &[], Value::Null);
    s["listing"]["unit"]["region"] = json!("14");
    let away = answer(s);
    assert_eq!(away["care_guarantee"]["applies"], false);
    assert!(away["care_guarantee"]["summary"].as_str().unwrap().contains("Västra Götalandsregionen"));

    let none = answer(json!({ "today": "2026-11-23", "rulebook": "sou-2019-42" }));
    assert_eq!(none["care_guarantee"]["applies"], false);
    assert_eq!(none["care_guarantee"]["assessment_days"], 3, "3 days under both rulebooks");
}

// --- §4 fees and the ceiling -----------------------------------------------

fn n_visits(n: usize, first: &str) -> Vec<String> {
    // Weekly visits from `first` (all in one month range that stays in the same year for n ≤ 40).
    let d = vardval::date::Date::parse_iso(first).unwrap();
    (0..n).map(|i| d.add_days(7 * i as i32).to_string()).collect()
}

#[test]
fn the_last_fee_is_cut_exactly_at_the_ceiling_and_later_visits_are_free() {
    // Halland: 200 kr; 2026 ceiling 1 450 kr: 7 × 200 = 1 400, the 8th pays 50.
    let dates = n_visits(9, "2026-02-02");
    let visits: Vec<(&str, &str, Option<&str>, &str)> = dates.iter().map(|d| (d.as_str(), "listed", None, "physical")).collect();
    let a = answer(fees("2026-11-23", 40, "13", &visits));
    assert_eq!(charged(&a), vec![200, 200, 200, 200, 200, 200, 200, 50, 0]);
    let v = &a["fees"]["visits"];
    assert_eq!(v[7]["fee"], 200);
    assert_eq!(v[7]["free_reason"], Value::Null);
    assert_eq!(v[8]["free_reason"], "free_card");
    let p = &a["fees"]["periods"][0];
    assert_eq!(p["start"], "2026-02-02");
    assert_eq!(p["end"], "2027-02-01");
    assert_eq!(p["ceiling"], 1450);
    assert_eq!(p["charged"], 1450);
    assert_eq!(p["free_card_from"], dates[7]);
    assert_eq!(a["fees"]["total_charged"], 1450);
}

#[test]
fn a_visit_after_the_period_starts_a_new_one() {
    let a = answer(fees("2027-06-01", 40, "13", &[("2026-04-25", "listed", None, "physical"), ("2027-04-24", "listed", None, "physical"), ("2027-04-25", "listed", None, "physical")]));
    let periods = a["fees"]["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2);
    assert_eq!(periods[0]["end"], "2027-04-24");
    assert_eq!(periods[0]["charged"], 400);
    assert_eq!(periods[1]["start"], "2027-04-25");
}

#[test]
fn a_period_from_2025_into_2026_that_reached_the_ceiling_keeps_its_free_card() {
    let s = json!({
        "today": "2026-03-01", "person": { "age": 50, "home_region": "13" },
        "fee_period": { "first_visit": "2025-06-01", "paid": 1400 },
        "visits": [ { "date": "2025-12-01", "where": "listed" }, { "date": "2026-01-15", "where": "listed" }, { "date": "2026-02-15", "where": "listed" } ]
    });
    let a = answer(s);
    assert_eq!(charged(&a), vec![50, 0, 0]);
    let p = &a["fees"]["periods"][0];
    assert_eq!(p["charged"], 1450);
    assert_eq!(p["free_card_from"], "2025-12-01");
    assert_eq!(p["end"], "2026-05-31");
}

#[test]
fn a_period_from_2025_into_2026_not_reached_goes_on_towards_the_ceiling() {
    let s = json!({
        "today": "2026-03-01", "person": { "age": 50, "home_region": "13" },
        "fee_period": { "first_visit": "2025-06-01", "paid": 1000 },
        "visits": [ { "date": "2026-01-15", "where": "listed" }, { "date": "2026-02-15", "where": "listed" }, { "date": "2026-02-20", "where": "listed" } ]
    });
    let a = answer(s);
    assert_eq!(charged(&a), vec![200, 200, 50]);
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 1450);
    assert_eq!(a["fees"]["periods"][0]["charged"], 1450);
}

#[test]
fn a_ceiling_that_rises_on_1_january_applies_to_a_period_not_yet_reached() {
    // 2024: 1 400 kr, 2025: 1 450 kr. 1 200 paid in 2024, then two visits in 2025.
    let s = json!({
        "today": "2025-03-01", "person": { "age": 50, "home_region": "13" },
        "fee_period": { "first_visit": "2024-06-01", "paid": 1200 },
        "visits": [ { "date": "2025-02-01", "where": "listed" }, { "date": "2025-02-15", "where": "listed" } ]
    });
    let a = answer(s);
    assert_eq!(charged(&a), vec![200, 50], "towards 1 450, not 1 400");
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 1450);

    // Reached under the 2024 ceiling: the free card holds in 2025.
    let s = json!({
        "today": "2025-03-01", "person": { "age": 50, "home_region": "13" },
        "fee_period": { "first_visit": "2024-06-01", "paid": 1200 },
        "visits": [ { "date": "2024-12-01", "where": "listed" }, { "date": "2025-02-01", "where": "listed" } ]
    });
    let b = answer(s);
    assert_eq!(charged(&b), vec![200, 0]);
    assert_eq!(b["fees"]["visits"][1]["free_reason"], "free_card");
    assert_eq!(b["fees"]["periods"][0]["free_card_from"], "2024-12-01");
}

#[test]
fn already_paid_in_the_period_is_carried_on() {
    let s = json!({
        "today": "2026-11-22", "person": { "age": 34, "home_region": "13" },
        "visits": [ { "date": "2026-03-02", "where": "listed", "region": "13" } ],
        "fee_period": { "first_visit": "2026-01-10", "paid": 800 }
    });
    let a = answer(s);
    let p = &a["fees"]["periods"][0];
    assert_eq!(p["start"], "2026-01-10");
    assert_eq!(p["end"], "2027-01-09");
    assert_eq!(p["charged"], 1000);
    assert_eq!(a["fees"]["total_charged"], 200);
}

#[test]
fn care_is_free_from_85() {
    let a = answer(fees("2026-11-23", 85, "01", &[("2026-03-02", "listed", None, "physical"), ("2026-04-02", "other_unit", Some("14"), "digital")]));
    assert_eq!(charged(&a), vec![0, 0]);
    assert_eq!(a["fees"]["visits"][0]["free_reason"], "age_85_plus");
    assert_eq!(a["fees"]["periods"], json!([]));
    let b = answer(fees("2026-11-23", 84, "01", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&b), vec![275]);
}

#[test]
fn free_age_follows_the_region_18_or_20() {
    // Stockholm: free under 18.
    let a = answer(fees("2026-11-23", 17, "01", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(a["fees"]["visits"][0]["free_reason"], "under_free_age");
    let b = answer(fees("2026-11-23", 18, "01", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&b), vec![275]);
    // Halland: free under 20.
    let c = answer(fees("2026-11-23", 19, "13", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&c), vec![0]);
    assert_eq!(c["fees"]["visits"][0]["free_reason"], "under_free_age");
    let d = answer(fees("2026-11-23", 20, "13", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&d), vec![200]);
}

#[test]
fn sormland_at_19_is_charged_with_a_warning() {
    // Age 19 alone cannot tell whether the person turned 19 this year (free) or last year.
    let a = answer(fees("2026-11-23", 19, "04", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&a), vec![200]);
    assert!(a["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "age_assumed_for_all_visits"));
    let b = answer(fees("2026-11-23", 18, "04", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&b), vec![0]);
}

#[test]
fn unknown_free_age_uses_the_fallback_and_says_so() {
    // Blekinge's free-age limit is not confirmed in the data.
    let a = answer(fees("2026-11-23", 17, "10", &[("2026-03-02", "listed", None, "physical")]));
    assert_eq!(charged(&a), vec![0]);
    assert!(a["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "free_age_unknown"));
}

#[test]
fn a_visit_in_another_region_pays_that_regions_fee() {
    let a = answer(fees("2026-11-23", 40, "13", &[("2026-03-02", "other_unit", Some("01"), "physical"), ("2026-04-02", "other_unit", Some("23"), "physical")]));
    assert_eq!(charged(&a), vec![275, 400]);
    assert_eq!(a["fees"]["visits"][1]["region"], "23");
    // Listed in another region: a visit there pays the listed unit's region's fee.
    let s = json!({
        "today": "2026-11-23", "person": { "age": 40, "home_region": "13" },
        "listing": { "unit": { "id": "x", "region": "22" } },
        "visits": [ { "date": "2026-03-02", "where": "listed" } ]
    });
    assert_eq!(charged(&answer(s)), vec![360]);
}

#[test]
fn digital_visits_use_the_regions_video_fee() {
    // 1.0's `digital` is a video visit: Västerbotten 200 kr by video (300 in person), from 2024-01-01.
    let a = answer(fees("2026-11-23", 40, "24", &[("2026-03-02", "listed", None, "digital")]));
    assert_eq!(charged(&a), vec![200]);
    assert_eq!(a["fees"]["visits"][0]["mode"], "video");
    // Norrbotten has no video fee in the data: the physical fee, 300 kr, with a warning.
    let b = answer(fees("2026-11-23", 40, "25", &[("2026-03-02", "listed", None, "digital")]));
    assert_eq!(charged(&b), vec![300]);
    assert!(b["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "fee_mode_assumed"));
}

#[test]
fn the_proposal_costs_100_kr_at_the_listed_unit() {
    let visits = [("2026-03-02", "listed", None, "physical"), ("2026-04-02", "listed", None, "digital"), ("2026-05-02", "other_unit", None, "physical")];
    let a = answer(fees("2026-11-23", 40, "01", &visits));
    assert_eq!(a["fees"]["total_charged"], 825);
    let p = &a["fees"]["proposal"];
    assert_eq!(p["rulebook"], "sou-2019-42");
    assert_eq!(p["total_charged"], 100 + 100 + 275);
    assert_eq!(p["difference"], 475 - 825);
    assert!(p["summary"].as_str().unwrap().contains("350"), "{}", p["summary"]);
    assert!(a["fees"]["sources"].as_array().unwrap().iter().any(|s| s["title"].as_str().unwrap().contains("SOU 2019:42")));

    // Under the proposal itself there is no comparison, and its own fees apply.
    let mut s = fees("2026-11-23", 40, "01", &visits);
    s["rulebook"] = json!("sou-2019-42");
    let b = answer(s);
    assert_eq!(b["fees"]["total_charged"], 475);
    assert!(b["fees"].get("proposal").is_none());
    assert_eq!(b["rulebook"]["status"], "proposal");
}

#[test]
fn the_proposal_keeps_the_ceiling_and_free_care() {
    let dates = n_visits(16, "2026-01-05");
    let visits: Vec<(&str, &str, Option<&str>, &str)> = dates.iter().map(|d| (d.as_str(), "listed", None, "physical")).collect();
    // Jämtland Härjedalen decided a ceiling of 1 300 kr (2024), below the national 1 450.
    let a = answer(fees("2026-11-23", 40, "23", &visits));
    assert_eq!(a["fees"]["total_charged"], 1300);
    assert_eq!(a["fees"]["proposal"]["total_charged"], 1300, "16 × 100 is cut at 1 300");
    let b = answer(fees("2026-11-23", 90, "23", &visits));
    assert_eq!(b["fees"]["proposal"]["total_charged"], 0);
}

#[test]
fn a_region_override_changes_fees_and_ceiling() {
    let mut s = fees("2026-11-23", 40, "13", &[("2026-03-02", "listed", None, "physical"), ("2026-03-09", "listed", None, "physical"), ("2026-03-16", "listed", None, "physical")]);
    s["rulebook"] = json!({ "base": "se", "override": {
        "sources": { "r13": { "title": "Region Halland: avgifter", "url": "regionhalland.se/avgifter" } },
        "parameters": { "fees.ceiling_max": { "value": 600, "source": "r13" } },
        "regions": { "13": { "doctor_visit_kr": 250, "fee_as_of": "2026-01-01", "source_fee": "regionhalland.se/avgifter" } }
    }});
    let a = answer(s);
    assert_eq!(charged(&a), vec![250, 250, 100]);
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 600);
    // The comparison applies the same override: 100 kr at the listed unit, same lower ceiling.
    assert_eq!(a["fees"]["proposal"]["total_charged"], 300);
}

#[test]
fn an_unknown_year_uses_the_latest_prisbasbelopp_and_warns() {
    let a = answer(fees("2027-02-01", 40, "13", &[("2027-01-15", "listed", None, "physical")]));
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 1450);
    let w = a["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "prisbasbelopp_unknown").expect("warning");
    assert!(w["message"].as_str().unwrap().contains("2027") && w["message"].as_str().unwrap().contains("2026"));
}

#[test]
fn every_fee_shows_its_date_or_says_it_has_none() {
    let a = answer(fees("2026-11-23", 40, "13", &[("2026-03-02", "listed", None, "physical"), ("2026-03-03", "other_unit", Some("12"), "physical")]));
    let details: Vec<&str> = a["fees"]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(details.iter().any(|d| d.contains("Region Halland") && d.contains("uppgift från 2019-01-01")), "{details:?}");
    assert!(details.iter().any(|d| d.contains("Region Skåne") && d.contains("uppgift utan datum")), "{details:?}");
    assert!(a["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "fee_undated"));
}

#[test]
fn visits_come_back_in_date_order_with_their_input_position() {
    let a = answer(fees("2026-11-23", 40, "13", &[("2026-05-01", "listed", None, "physical"), ("2026-02-01", "listed", None, "physical")]));
    let v = &a["fees"]["visits"];
    assert_eq!(v[0]["date"], "2026-02-01");
    assert_eq!(v[0]["input_index"], 1);
    assert_eq!(v[1]["input_index"], 0);
}

#[test]
fn no_visits_still_explains_the_ceiling() {
    let a = answer(json!({ "today": "2026-11-23" }));
    assert!(a["fees"]["summary"].as_str().unwrap().contains("1\u{a0}450\u{a0}kr"));
    assert_eq!(a["fees"]["total_charged"], 0);
    assert!(a["fees"]["proposal"]["summary"].as_str().unwrap().contains("100 kr"));
}

// --- language and the answer's frame ---------------------------------------

#[test]
fn answers_in_english_when_asked() {
    let mut s = relist("2026-11-23", &[("2026-01-10", None), ("2026-03-01", None)], json!({}));
    s["lang"] = json!("en");
    let a = answer(s);
    assert_eq!(a["rulebook"]["title"], "Current rules");
    assert!(a["listing"]["summary"].as_str().unwrap().starts_with("No, because you have already changed 2 times"), "{}", a["listing"]["summary"]);
    assert!(a["listing"]["summary"].as_str().unwrap().contains("10 January 2027"));
}

#[test]
fn every_section_cites_sources_with_title_and_url() {
    let a = answer(fees("2026-11-23", 40, "13", &[("2026-03-02", "listed", None, "physical")]));
    for section in ["listing", "fixed_doctor", "care_guarantee", "fees"] {
        let sources = a[section]["sources"].as_array().unwrap();
        assert!(!sources.is_empty(), "{section}");
        for s in sources {
            assert!(!s["title"].as_str().unwrap().is_empty(), "{section}: {s}");
            assert!(!s["url"].as_str().unwrap().is_empty(), "{section}: {s}");
        }
    }
}

#[test]
fn unknown_fields_are_warned_not_refused() {
    let a = answer(json!({ "today": "2026-11-23", "colour": "blue", "person": { "age": 30, "shoe": 42 } }));
    let w: Vec<&str> = a["warnings"].as_array().unwrap().iter().filter(|w| w["code"] == "unknown_field").map(|w| w["message"].as_str().unwrap()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().any(|m| m.contains("person.shoe")));
}

#[test]
fn the_contract_example_gives_the_contract_figures() {
    let text = include_str!("../examples/situation.json");
    let a = common::written(&vardval::evaluate_str(text).unwrap());
    assert_eq!(a["rulebook"]["id"], "se");
    assert_eq!(a["listing"]["can_change"], true);
    assert_eq!(a["listing"]["counted_changes"], 1);
    assert_eq!(a["fees"]["visits"][0]["fee"], 200);
    assert_eq!(a["fees"]["periods"][0]["charged"], 1000);
    assert_eq!(a["fees"]["proposal"]["total_charged"], 100);
}

#[test]
fn the_override_documented_in_docs_interface_md_works() {
    let doc = include_str!("../docs/interface.md");
    let start = doc.find("## Rulebooks and overrides").unwrap();
    let block = &doc[start..];
    let json_start = block.find("```json\n").unwrap() + 8;
    let json_end = json_start + block[json_start..].find("```").unwrap();
    let rulebook: Value = serde_json::from_str(&block[json_start..json_end]).expect("the documented override is JSON");
    let mut s = fees("2026-11-23", 40, "13", &[("2026-03-02", "listed", None, "physical"), ("2026-03-03", "listed", None, "digital")]);
    s["rulebook"] = rulebook;
    s["listing"] = json!({ "unit": { "id": "a" }, "changes": [{ "date": "2026-01-01" }, { "date": "2026-02-01" }] });
    let a = answer(s);
    assert_eq!(charged(&a), vec![250, 150]);
    assert_eq!(a["listing"]["limit"], Value::Null);
    assert_eq!(a["listing"]["window"], "calendar_year");
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 1200);
    assert!(a["fees"]["sources"].as_array().unwrap().iter().any(|s| s["url"] == "regionhalland.se/avgifter"));
    assert!(!a["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "unknown_field"), "{}", a["warnings"]);
}
