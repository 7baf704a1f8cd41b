//! Fees 1.1 (RULES.md §4, CONTRACT §6): kinds of visit, receipts, birth dates,
//! a region's lower ceiling, the dates the rules cover, the proposal and the
//! regions side by side. Every expected figure is worked out by hand from
//! ../shared/data/region_fees_by_kind.csv (the row is named beside it).

mod common;
use common::{answer, has_error};
use serde_json::{json, Value};

fn charged(a: &Value) -> Vec<u64> {
    a["fees"]["visits"].as_array().unwrap().iter().map(|v| v["charged"].as_u64().unwrap()).collect()
}

/// Whether the answer warns with `code`.
fn warns(a: &Value, code: &str) -> bool {
    a["warnings"].as_array().unwrap().iter().any(|w| w["code"] == code)
}

/// Whether the fee answer's next steps include `code`.
fn steps_to(a: &Value, code: &str) -> bool {
    a["fees"]["next_steps"].as_array().unwrap().iter().any(|s| s["code"] == code)
}

fn situation(home: &str, person: Value, visits: Value) -> Value {
    let mut person = person;
    person["home_region"] = json!(home);
    json!({ "today": "2026-11-23", "person": person, "visits": visits })
}

#[test]
fn each_kind_of_visit_pays_its_own_fee() {
    // Skåne: pc_nurse 0, pc_doctor 200, pc_other 200, specialist_doctor 300,
    // specialist_other 200, emergency 400 (all physical).
    let a = answer(situation(
        "12",
        json!({ "age": 40 }),
        json!([
            { "date": "2026-01-10", "where": "listed", "professional": "nurse" },
            { "date": "2026-02-10", "where": "listed" },
            { "date": "2026-02-11", "where": "other_unit", "professional": "other" },
            { "date": "2026-03-10", "care": "specialist" },
            { "date": "2026-03-11", "care": "specialist", "professional": "nurse" },
            { "date": "2026-04-10", "care": "emergency" }
        ]),
    ));
    assert_eq!(charged(&a), vec![0, 200, 200, 300, 200, 400]);
    let items: Vec<&str> = a["fees"]["visits"].as_array().unwrap().iter().map(|v| v["item"].as_str().unwrap()).collect();
    assert_eq!(items, ["pc_nurse", "pc_doctor", "pc_other", "specialist_doctor", "specialist_other", "emergency"]);
    assert_eq!(a["fees"]["total_charged"], 1300);
    // The free nurse visit starts no period: it starts at the first fee paid (HSL 17 kap. 6 §).
    assert_eq!(a["fees"]["periods"][0]["start"], "2026-02-10");
    assert_eq!(a["fees"]["periods"][0]["end"], "2027-02-09");
}

#[test]
fn phone_and_video_fees_where_the_region_has_them() {
    // Västra Götaland from 2024-04-01: pc_doctor video 200, phone 160; pc_nurse physical 50, phone 40.
    let a = answer(situation(
        "14",
        json!({ "age": 40 }),
        json!([
            { "date": "2026-01-10", "where": "listed", "mode": "video" },
            { "date": "2026-01-11", "where": "listed", "mode": "phone" },
            { "date": "2026-01-12", "where": "listed", "professional": "nurse" },
            { "date": "2026-01-13", "where": "listed", "professional": "nurse", "mode": "phone" }
        ]),
    ));
    assert_eq!(charged(&a), vec![200, 160, 50, 40]);
    assert!(!warns(&a, "fee_mode_assumed"));
}

#[test]
fn a_mode_the_data_lacks_takes_the_physical_fee_and_says_so() {
    // Skåne has no pc_doctor phone row: the physical 200 kr, and the receipt decides.
    let a = answer(situation("12", json!({ "age": 40 }), json!([{ "date": "2026-01-11", "where": "listed", "mode": "phone" }])));
    assert_eq!(charged(&a), vec![200]);
    assert!(warns(&a, "fee_mode_assumed"));
}

#[test]
fn an_item_the_data_lacks_is_unknown_counts_0_and_asks_for_the_receipt() {
    // Kronoberg has no emergency row.
    let visits = json!([{ "date": "2026-03-01", "where": "listed" }, { "date": "2026-03-02", "care": "emergency" }]);
    let a = answer(situation("07", json!({ "age": 40 }), visits.clone()));
    assert_eq!(charged(&a), vec![150, 0]);
    let v = &a["fees"]["visits"][1];
    assert_eq!(v["fee_known"], false);
    assert_eq!(v["item"], "emergency");
    assert!(v["fee_source"].is_null());
    assert!(warns(&a, "fee_unknown"));
    assert!(steps_to(&a, "give_receipt_amount"));
    assert!(a["fees"]["headline"].as_str().unwrap().contains("minst 150"), "never 0 kr for an unknown fee: {}", a["fees"]["headline"]);
    // With the receipt, the amount paid is used and nothing is asked.
    let mut with_receipt = visits;
    with_receipt[1]["paid"] = json!(350);
    let b = answer(situation("07", json!({ "age": 40 }), with_receipt));
    assert_eq!(charged(&b), vec![150, 350]);
    assert_eq!(b["fees"]["visits"][1]["item"], "receipt");
    assert_eq!(b["fees"]["visits"][1]["fee_known"], true);
    assert!(!steps_to(&b, "give_receipt_amount"));
}

#[test]
fn receipts_above_the_ceiling_are_overpaid_and_refunded() {
    // Halland, 2026: ceiling 1 450. Eight receipts of 200 kr = 1 600: 150 kr too much.
    let visits: Vec<Value> = (1..=8).map(|m| json!({ "date": format!("2026-{m:02}-05"), "where": "listed", "paid": 200 })).collect();
    let a = answer(situation("13", json!({ "age": 40 }), json!(visits)));
    assert_eq!(charged(&a), vec![200; 8]);
    let p = &a["fees"]["periods"][0];
    assert_eq!(p["charged"], 1600);
    assert_eq!(p["overpaid"], 150);
    assert_eq!(p["free_card_from"], "2026-08-05", "the eighth receipt passed 1 450");
    assert!(steps_to(&a, "ask_refund"));
    let refund = a["fees"]["next_steps"].as_array().unwrap().iter().find(|s| s["code"] == "ask_refund").unwrap();
    assert!(refund["text"].as_str().unwrap().contains("150\u{a0}kr") && refund["text"].as_str().unwrap().contains("Region Halland"));
}

#[test]
fn the_85th_birthday_makes_later_visits_free() {
    // Born 1941-06-15: 84 on 2026-03-02 (Halland pc_doctor 200 kr), 85 from 2026-06-15.
    let visits = json!([{ "date": "2026-03-02", "where": "listed" }, { "date": "2026-06-14", "where": "listed" }, { "date": "2026-06-15", "where": "listed" }]);
    let a = answer(situation("13", json!({ "birth_date": "1941-06-15" }), visits.clone()));
    assert_eq!(charged(&a), vec![200, 200, 0]);
    assert_eq!(a["fees"]["visits"][2]["free_reason"], "age_85_plus");
    assert!(a["fees"]["summary"].as_str().unwrap().contains("15 juni 2026"));
    // With the age alone (85 on today), every visit is taken as free, and the answer says a birthday may matter.
    let b = answer(situation("13", json!({ "age": 85 }), visits));
    assert_eq!(charged(&b), vec![0, 0, 0]);
    assert!(warns(&b, "age_assumed_for_all_visits"));
    assert!(b["fees"]["headline"].as_str().unwrap().contains("85 år eller äldre"));
    assert!(!steps_to(&b, "keep_receipts"), "no step about receipts for someone who pays nothing");
    assert!(steps_to(&a, "keep_receipts"));
}

#[test]
fn under_n_is_free_until_the_nth_birthday() {
    // Stockholm: free_age under:18; pc_doctor 275.
    let a = answer(situation("01", json!({ "birth_date": "2008-05-01" }), json!([{ "date": "2026-04-30", "where": "listed" }, { "date": "2026-05-01", "where": "listed" }])));
    assert_eq!(charged(&a), vec![0, 275]);
    assert_eq!(a["fees"]["visits"][0]["free_reason"], "under_free_age");
}

#[test]
fn through_year_n_is_free_through_the_year_one_turns_n() {
    // Sörmland: through_year:19; pc_doctor 200 (2020-01-01).
    let born_2007 = answer(json!({ "today": "2027-02-01", "person": { "birth_date": "2007-12-31", "home_region": "04" },
        "visits": [{ "date": "2026-03-02", "where": "listed" }, { "date": "2027-01-10", "where": "listed" }] }));
    assert_eq!(charged(&born_2007), vec![0, 200], "turns 19 in 2026: free all 2026");
    let born_2006 = answer(situation("04", json!({ "birth_date": "2006-01-01" }), json!([{ "date": "2026-03-02", "where": "listed" }])));
    assert_eq!(charged(&born_2006), vec![200]);
}

#[test]
fn a_birth_month_alone_assumes_the_first_and_says_so() {
    let a = answer(situation("13", json!({ "birth_date": "1941-06" }), json!([{ "date": "2026-05-31", "where": "listed" }, { "date": "2026-06-01", "where": "listed" }])));
    assert_eq!(charged(&a), vec![200, 0]);
    assert!(warns(&a, "birth_month_only"));
}

#[test]
fn age_and_birth_date_that_disagree_are_refused() {
    has_error(situation("13", json!({ "age": 40, "birth_date": "1990-01-01" }), json!([{ "date": "2026-05-31", "where": "listed" }])), "person.age", "inconsistent");
    // Agreeing is fine: 1990-01-01 is 36 on 2026-11-23.
    answer(situation("13", json!({ "age": 36, "birth_date": "1990-01-01" }), json!([{ "date": "2026-05-31", "where": "listed" }])));
}

#[test]
fn a_regions_lower_ceiling_cuts_the_last_fee() {
    // Jämtland Härjedalen: pc_doctor 400, ceiling 1 300 (its own, 2024). 400+400+400+100.
    let visits: Vec<Value> = (1..=5).map(|m| json!({ "date": format!("2026-{m:02}-05"), "where": "listed" })).collect();
    let a = answer(situation("23", json!({ "age": 40 }), json!(visits)));
    assert_eq!(charged(&a), vec![400, 400, 400, 100, 0]);
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 1300);
    assert_eq!(a["fees"]["visits"][4]["free_reason"], "free_card");
    assert!(a["fees"]["details"].as_array().unwrap().iter().any(|d| d.as_str().unwrap().contains("lägre högkostnadsskydd")));
    assert!(steps_to(&a, "free_card_until"));
}

#[test]
fn every_visit_carries_the_source_of_its_own_fee() {
    // Västerbotten pc_doctor physical 300 from 2024-01-01, confidence 2024, a 1177 page.
    let a = answer(situation("24", json!({ "age": 40 }), json!([{ "date": "2026-03-02", "where": "listed" }])));
    let s = &a["fees"]["visits"][0]["fee_source"];
    assert_eq!(a["fees"]["visits"][0]["fee"], 300);
    assert_eq!(s["url"], "www.1177.se/Vasterbotten/aktuellt/patientavgifter-och-hogkostnadsskydd-2024/");
    assert_eq!(s["confidence"], "2024");
    assert_eq!(s["as_of"], "2024");
    assert_eq!(s["publisher"], "region");
}

#[test]
fn a_fee_from_a_clinic_or_a_newspaper_says_so() {
    // Uppsala's pc_doctor is from ptj.se (a clinic); Örebro's from lansposten.se (a newspaper).
    let a = answer(situation("03", json!({ "age": 40 }), json!([{ "date": "2026-03-02", "where": "listed" }, { "date": "2026-03-03", "where": "listed", "region": "18" }])));
    assert_eq!(charged(&a), vec![200, 220]);
    assert_eq!(a["fees"]["visits"][0]["fee_source"]["publisher"], "clinic");
    assert_eq!(a["fees"]["visits"][1]["fee_source"]["publisher"], "press");
    let w = a["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "fee_from_clinic_page").expect("warning");
    assert!(w["message"].as_str().unwrap().contains("Region Uppsala") && w["message"].as_str().unwrap().contains("Region Örebro län"));
    // The page's title, then who published it: "ptj.se, en vårdcentrals …", not "ptj.seen …".
    let details: Vec<&str> = a["fees"]["details"].as_array().unwrap().iter().filter_map(|d| d.as_str()).collect();
    let uppsala = details.iter().find(|d| d.starts_with("Region Uppsala")).expect("Uppsala's fee row");
    let title = a["fees"]["visits"][0]["fee_source"]["title"].as_str().unwrap();
    assert!(uppsala.contains(&format!("källa: {title}, en vårdcentrals eller mottagnings sida)")), "{uppsala}");
}

#[test]
fn older_fees_are_flagged() {
    // Halland pc_nurse 100 from 2019-01-01, confidence older.
    let a = answer(situation("13", json!({ "age": 40 }), json!([{ "date": "2026-03-02", "where": "listed", "professional": "nurse" }])));
    assert_eq!(charged(&a), vec![100]);
    assert!(warns(&a, "fee_older_than_2024"));
}

#[test]
fn the_proposal_prices_every_primary_care_visit_at_the_listed_unit_at_100_kr_and_says_when_that_is_more() {
    // Skåne: nurse 0 and doctor 200 at the listed unit → 100 + 100; specialist 300 stays.
    let a = answer(situation(
        "12",
        json!({ "age": 40 }),
        json!([
            { "date": "2026-01-10", "where": "listed", "professional": "nurse" },
            { "date": "2026-02-10", "where": "listed", "mode": "video" },
            { "date": "2026-03-10", "care": "specialist" }
        ]),
    ));
    assert_eq!(a["fees"]["total_charged"], 500);
    let p = &a["fees"]["proposal"];
    assert_eq!(p["total_charged"], 500);
    let fees: Vec<u64> = p["visits"].as_array().unwrap().iter().map(|v| v["fee"].as_u64().unwrap()).collect();
    assert_eq!(fees, vec![100, 100, 300]);
    assert!(p["summary"].as_str().unwrap().contains("10 januari 2026 skulle kosta mer"), "{}", p["summary"]);
}

#[test]
fn the_same_visits_in_every_region() {
    // One doctor's visit at the listed unit, age 40: each region's pc_doctor physical fee from the CSV.
    let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/region_fees_by_kind.csv")).unwrap();
    let expected: Vec<(String, u64)> = csv
        .lines()
        .filter(|l| l.contains(",pc_doctor,physical,"))
        .map(|l| {
            let cells: Vec<&str> = l.splitn(5, ',').collect();
            (cells[0].to_string(), cells[3].parse().unwrap())
        })
        .collect();
    assert_eq!(expected.len(), 21);
    let a = answer(situation("13", json!({ "age": 40 }), json!([{ "date": "2026-03-02", "where": "listed" }])));
    let regions = a["fees"]["regions"].as_array().unwrap();
    let got: Vec<(String, u64)> = regions.iter().map(|r| (r["region"].as_str().unwrap().to_string(), r["total_charged"].as_u64().unwrap())).collect();
    assert_eq!(got, expected);
    // Kronoberg has no emergency fee: an emergency visit there is unknown.
    let b = answer(situation("13", json!({ "age": 40 }), json!([{ "date": "2026-03-02", "care": "emergency" }])));
    let kronoberg = b["fees"]["regions"].as_array().unwrap().iter().find(|r| r["region"] == "07").unwrap();
    assert_eq!(kronoberg["unknown_fees"], 1);
    // Stockholm is free under 18, Halland under 20: a 19-year-old pays in Stockholm only.
    let c = answer(situation("13", json!({ "age": 19 }), json!([{ "date": "2026-03-02", "where": "listed" }])));
    let total = |code: &str| c["fees"]["regions"].as_array().unwrap().iter().find(|r| r["region"] == code).unwrap()["total_charged"].as_u64().unwrap();
    assert_eq!((total("01"), total("13")), (275, 0));
}

#[test]
fn the_dates_the_rules_cover() {
    let visit = json!([{ "date": "2026-03-02", "where": "listed" }]);
    let mut early = situation("13", json!({ "age": 40 }), visit.clone());
    early["today"] = json!("2022-06-30");
    has_error(early, "today", "out_of_range");
    let mut late = situation("13", json!({ "age": 40 }), visit);
    late["today"] = json!("2100-01-01");
    has_error(late, "today", "out_of_range");
    has_error(situation("13", json!({ "age": 40 }), json!([{ "date": "2017-12-31", "where": "listed" }])), "visits[0].date", "out_of_range");
    answer(situation("13", json!({ "age": 40 }), json!([{ "date": "2018-01-01", "where": "listed" }])));
    // Found by the fuzzer: a visit on 9999-12-31 was priced, in a period that
    // ended before it began. The rules cover no day after 2099-12-31 (RULES §4).
    for late in ["2100-01-01", "9999-12-31"] {
        has_error(situation("13", json!({ "age": 40 }), json!([{ "date": late, "where": "listed" }])), "visits[0].date", "out_of_range");
    }
    answer(situation("13", json!({ "age": 40 }), json!([{ "date": "2099-12-31", "where": "listed" }])));
}

#[test]
fn a_change_before_the_law_came_into_force_does_not_count() {
    let a = answer(json!({
        "today": "2022-08-01", "person": { "age": 40, "home_region": "13" },
        "listing": { "unit": { "id": "a", "region": "13" }, "changes": [ { "date": "2022-06-01" }, { "date": "2022-06-20" }, { "date": "2022-07-15" } ] }
    }));
    assert_eq!(a["listing"]["counted_changes"], 1);
    assert_eq!(a["listing"]["can_change"], true);
}

#[test]
fn an_override_that_gives_the_limit_without_a_date_keeps_the_laws_date() {
    // Found by the fuzzer: `relisting.limit: 1`, a bare value (docs/interface.md),
    // made the changes of June 2022, before the law (RULES §2), count. Only
    // 15 July 2022 counts: K = 1 = the limit, so the change of 1 August waits
    // until 15 July 2023.
    let a = answer(json!({
        "today": "2022-08-01", "person": { "age": 40, "home_region": "13" },
        "rulebook": { "base": "se", "override": { "parameters": { "relisting.limit": 1 } } },
        "listing": { "unit": { "id": "a", "region": "13" }, "changes": [ { "date": "2022-06-01" }, { "date": "2022-06-20" }, { "date": "2022-07-15" } ] }
    }));
    assert_eq!(a["listing"]["counted"], json!(["2022-07-15"]));
    assert_eq!(a["listing"]["can_change"], false);
    assert_eq!(a["listing"]["next_free_change"], "2023-07-15");
}

#[test]
fn a_ceiling_that_falls_within_a_period_is_no_overpayment_without_receipts() {
    // Found by the fuzzer. Halland, pc_doctor 200 kr; an override lowers the
    // ceiling to 1 000 kr from 2026. Seven visits in 2025 cost 7 × 200 = 1 400 kr,
    // below 2025's 1 450 kr. On 1 February 2026 the ceiling is 1 000 kr: that
    // visit is free (the free card from then), and nothing was paid that a
    // receipt shows: nothing "according to the receipts" to refund (CONTRACT §6).
    let mut visits: Vec<Value> = (0..7).map(|i| json!({ "date": format!("2025-0{}-01", i + 3), "where": "listed" })).collect();
    visits.push(json!({ "date": "2026-02-01", "where": "listed" }));
    let override_ceiling = |receipt: Option<u32>| {
        let mut v = visits.clone();
        if let Some(paid) = receipt {
            v[7]["paid"] = json!(paid);
        }
        answer(json!({
            "today": "2026-03-01", "person": { "age": 40, "home_region": "13" },
            "rulebook": { "base": "se", "override": {
                "sources": { "r13": { "title": "Region Halland: avgifter", "url": "regionhalland.se/avgifter" } },
                "parameters": { "fees.ceiling_max": [
                    { "valid_from": "2018-01-01", "value": null }, { "valid_from": "2026-01-01", "value": 1000, "source": "r13" } ] } } },
            "visits": v
        }))
    };
    let a = override_ceiling(None);
    assert_eq!(charged(&a), vec![200, 200, 200, 200, 200, 200, 200, 0]);
    let p = &a["fees"]["periods"][0];
    assert_eq!((p["charged"].as_u64(), p["ceiling"].as_u64(), p["free_card_from"].as_str()), (Some(1400), Some(1000), Some("2026-02-01")));
    assert_eq!(p["overpaid"], 0);
    assert!(!steps_to(&a, "ask_refund"));
    assert!(!a["fees"]["summary"].as_str().unwrap().contains("kvitton"));
    // A receipt of 300 kr for the visit of 1 February 2026, when 1 400 kr were
    // already paid against that day's ceiling of 1 000 kr: all 300 kr are above it.
    let b = override_ceiling(Some(300));
    assert_eq!(b["fees"]["periods"][0]["charged"], 1700);
    assert_eq!(b["fees"]["periods"][0]["overpaid"], 300);
    assert!(steps_to(&b, "ask_refund"));
}

#[test]
fn where_is_needed_only_in_primary_care() {
    has_error(situation("13", json!({ "age": 40 }), json!([{ "date": "2026-03-02" }])), "visits[0].where", "missing_field");
    let a = answer(situation("13", json!({ "age": 40 }), json!([{ "date": "2026-03-02", "care": "specialist" }])));
    assert!(a["fees"]["visits"][0]["where"].is_null());
    assert_eq!(charged(&a), vec![300], "Halland specialist_doctor 300");
}

/// Every sentence of the fee answer: headline, summary, details and steps.
fn fee_texts(a: &Value) -> Vec<String> {
    let f = &a["fees"];
    let mut out = vec![f["headline"].as_str().unwrap().to_string(), f["summary"].as_str().unwrap().to_string()];
    out.extend(f["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()));
    out.extend(f["next_steps"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap().to_string()));
    out
}

#[test]
fn a_free_card_that_has_ended_is_spoken_of_in_the_past() {
    // Issue 11, D7. The period starts at the first paid visit, 10 January 2025,
    // and ends the day before the same date a year later: 9 January 2026. The
    // 1 450 kr already paid (ceiling 2025: floor(0.025 × 58 800 / 50) × 50 =
    // 1 450 kr) reach the ceiling, so the card runs to 9 January 2026 and the
    // visit of 2 March 2025 is free. On 9 January 2026 the card still holds; from
    // the 10th it has ended.
    let card = |today: &str, lang: &str| {
        answer(json!({
            "today": today, "lang": lang,
            "person": { "age": 40, "home_region": "13" },
            "fee_period": { "first_visit": "2025-01-10", "paid": 1450 },
            "visits": [{ "date": "2025-03-02", "where": "listed" }]
        }))
    };
    for today in ["2026-11-22", "2026-01-10"] {
        let a = card(today, "sv");
        assert_eq!(a["fees"]["periods"][0]["end"], "2026-01-09");
        assert_eq!(a["fees"]["headline"], "Dina besök var gratis eftersom du hade frikort.", "{today}");
        assert!(a["fees"]["summary"].as_str().unwrap().contains("Ditt frikort gällde till och med 9 januari 2026."), "{today}: {}", a["fees"]["summary"]);
        for text in fee_texts(&a) {
            for present in ["har frikort", "har redan frikort", "frikort gäller"] {
                assert!(!text.contains(present), "{today}: present tense in {text:?}");
            }
        }
        assert!(!steps_to(&a, "free_card_until"), "{today}: no step to use a card that has ended");
        assert!(steps_to(&a, "keep_receipts"));
        let en = card(today, "en");
        assert_eq!(en["fees"]["headline"], "Your visits were free because you had a free card.");
        assert!(en["fees"]["summary"].as_str().unwrap().contains("Your free card was valid until 9 January 2026."));
        assert!(fee_texts(&en).iter().all(|t| !t.contains("have a free card") && !t.contains("is valid until")), "{today}: {:?}", fee_texts(&en));
    }
    // The card's last day, and a day within it: the present tense.
    for today in ["2026-01-09", "2025-06-01"] {
        let a = card(today, "sv");
        assert_eq!(a["fees"]["headline"], "Dina besök är gratis eftersom du har frikort.", "{today}");
        assert!(a["fees"]["summary"].as_str().unwrap().contains("Du har frikort till och med 9 januari 2026."), "{today}");
        assert!(fee_texts(&a).iter().any(|t| t == "Du har redan frikort till och med 9 januari 2026."), "{today}");
        assert!(steps_to(&a, "free_card_until"), "{today}");
        let en = card(today, "en");
        assert_eq!(en["fees"]["headline"], "Your visits are free because you have a free card.");
        assert!(en["fees"]["summary"].as_str().unwrap().contains("You have a free card until 9 January 2026."));
    }
}

#[test]
fn the_day_the_ceiling_was_reached_is_in_the_past_once_it_has_passed() {
    // Halland, pc_doctor 200 kr, a visit on the 10th of each month from January
    // 2026: 7 × 200 = 1 400 kr, and on 10 August the last 50 kr reach 2026's
    // 1 450 kr. The card holds to 9 January 2027.
    let visits: Vec<Value> = (1..=8).map(|m| json!({ "date": format!("2026-{m:02}-10"), "where": "listed" })).collect();
    let on = |today: &str| {
        let mut s = situation("13", json!({ "age": 40 }), Value::from(visits.clone()));
        s["today"] = json!(today);
        answer(s)
    };
    let has = |a: &Value, text: &str| fee_texts(a).iter().any(|t| t == text);
    assert!(has(&on("2026-11-22"), "Du nådde gränsen 10 augusti 2026 och har frikort till och med 9 januari 2027."));
    assert!(has(&on("2026-08-10"), "Du når gränsen 10 augusti 2026 och har frikort till och med 9 januari 2027."));
    assert!(has(&on("2027-01-10"), "Du nådde gränsen 10 augusti 2026 och hade frikort till och med 9 januari 2027."));
}
