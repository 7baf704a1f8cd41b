//! A region's override (docs/interface.md, "Rulebooks and overrides"): what
//! `vardval rules check` refuses (issue 11), and that a value an override
//! sets is cited with the override's own date and source (D2).

mod common;
use common::answer;
use serde_json::{json, Value};

/// The (path, code) of each problem `rules check` finds in `doc`.
fn problems(doc: Value) -> Vec<(String, &'static str)> {
    vardval::rulebook::check_override(&doc.into()).into_iter().map(|p| (p.path, p.code)).collect()
}

fn refuses(doc: Value, path: &str, code: &str) {
    let found = problems(doc);
    assert!(found.iter().any(|(p, c)| p == path && *c == code), "expected ({path}, {code}) in {found:?}");
}

fn halland_source() -> Value {
    json!({ "r13": { "title": "Region Halland: patientavgifter 2026", "url": "regionhalland.se/avgifter" } })
}

#[test]
fn the_fixture_of_the_docs_and_the_1_0_shape_pass() {
    let halland: Value = serde_json::from_str(&std::fs::read_to_string("tests/fixtures/override-halland.json").unwrap()).unwrap();
    assert_eq!(problems(halland), []);
    let legacy = json!({ "regions": { "13": { "doctor_visit_kr": 250, "digital_visit_kr": 150, "free_under_age": 20, "free_age_rule": "birthday", "fee_as_of": "2026-01-01", "source_fee": "regionhalland.se/avgifter" } } });
    assert_eq!(problems(legacy), []);
}

#[test]
fn a_misspelt_key_is_refused_with_the_name_that_was_meant() {
    let doc = json!({ "parametres": { "relisting.limit": 1 }, "regions": { "13": { "doctor_visit_krr": 250, "source_fee": "x" } } });
    let found = vardval::rulebook::check_override(&doc.into());
    let nearest = |path: &str| found.iter().find(|p| p.path == path && p.code == "unknown_field").and_then(|p| p.args.iter().find(|(n, _)| *n == "nearest")).map(|(_, v)| v.clone());
    assert_eq!(nearest("parametres").as_deref(), Some("parameters"));
    assert_eq!(nearest("regions.13.doctor_visit_krr").as_deref(), Some("doctor_visit_kr"));
    refuses(json!({ "parameters": { "fees.ceiling_maxx": 1000 } }), "parameters.fees.ceiling_maxx", "unknown_parameter");
    let message = vardval::report(vardval::text::Lang::Sv, &found).errors.into_iter().find(|e| e.path == "parametres").unwrap().message;
    assert!(message.ends_with("Menade du parameters?"), "{message}");
    // Far from every known name: no guess.
    let far = vardval::rulebook::check_override(&json!({ "öppettider": "8–17" }).into());
    assert_eq!(far.len(), 1);
    assert!(far[0].args.is_empty(), "{:?}", far[0].args);
}

#[test]
fn implausible_values_are_refused() {
    let entry = |value: Value| json!([{ "valid_from": "2026-01-01", "value": value, "unit": "kr", "source": "r13" }]);
    let with = |name: &str, value: Value| json!({ "sources": halland_source(), "parameters": { name: entry(value) } });
    // The prisbasbelopp of 2026 is 59 200 kr; 1 kr made the ceiling 0.
    refuses(with("fees.prisbasbelopp", json!(1)), "parameters.fees.prisbasbelopp[0].value", "out_of_range");
    refuses(with("fees.prisbasbelopp", json!(100_001)), "parameters.fees.prisbasbelopp[0].value", "out_of_range");
    assert_eq!(problems(with("fees.prisbasbelopp", json!(30_000))), []);
    refuses(with("fees.ceiling_max", json!(5_001)), "parameters.fees.ceiling_max[0].value", "out_of_range");
    assert_eq!(problems(with("fees.ceiling_max", json!(5_000))), []);
    refuses(with("fees.listed_unit_fee", json!(2_001)), "parameters.fees.listed_unit_fee[0].value", "out_of_range");
    // Free care from 85 is the law's; 0 made every visit free.
    refuses(json!({ "parameters": { "fees.free_from_age": 0 } }), "parameters.fees.free_from_age", "invalid_value");
    refuses(json!({ "parameters": { "fees.free_from_age": 80 } }), "parameters.fees.free_from_age", "invalid_value");
    assert_eq!(problems(json!({ "parameters": { "fees.free_from_age": 85 } })), []);
    refuses(json!({ "parameters": { "fees.free_under_age_fallback": 31 } }), "parameters.fees.free_under_age_fallback", "out_of_range");
    let fee = |kr: u32| json!({ "sources": halland_source(), "regions": { "13": { "fees": [{ "item": "pc_doctor", "kr": kr, "source": "r13" }] } } });
    refuses(fee(2_001), "regions.13.fees[0].kr", "out_of_range");
    assert_eq!(problems(fee(2_000)), []);
    refuses(json!({ "regions": { "13": { "doctor_visit_kr": 2_500, "source_fee": "x" } } }), "regions.13.doctor_visit_kr", "out_of_range");
    refuses(json!({ "regions": { "13": { "free_under_age": 31 } } }), "regions.13.free_under_age", "out_of_range");
    refuses(json!({ "sources": halland_source(), "regions": { "13": { "free_age": { "rule": "under", "age": 45, "source": "r13" } } } }), "regions.13.free_age.age", "out_of_range");
    refuses(json!({ "sources": halland_source(), "regions": { "13": { "ceilings": [{ "kr": 9_000, "valid_from": "2026-01-01", "source": "r13" }] } } }), "regions.13.ceilings[0].kr", "out_of_range");
}

#[test]
fn a_fee_without_a_source_is_refused() {
    refuses(json!({ "regions": { "13": { "fees": [{ "item": "pc_doctor", "kr": 999 }] } } }), "regions.13.fees[0].source", "missing_source");
    refuses(json!({ "regions": { "13": { "doctor_visit_kr": 250 } } }), "regions.13.source_fee", "missing_source");
    refuses(json!({ "regions": { "13": { "ceilings": [{ "kr": 1_200, "valid_from": "2026-01-01" }] } } }), "regions.13.ceilings[0].source", "missing_source");
    refuses(json!({ "parameters": { "fees.ceiling_max": 1_200 } }), "parameters.fees.ceiling_max.source", "missing_source");
    refuses(json!({ "parameters": { "fees.listed_unit_fee": [{ "value": 100 }] } }), "parameters.fees.listed_unit_fee[0].source", "missing_source");
    // No ceiling of its own needs no source; nor does a rule that is not an amount.
    assert_eq!(problems(json!({ "parameters": { "fees.ceiling_max": null, "relisting.limit": null } })), []);
}

#[test]
fn two_values_from_the_same_day_are_refused() {
    let doc = json!({ "sources": halland_source(), "parameters": { "fees.ceiling_max": [
        { "valid_from": "2026-01-01", "value": 1_200, "source": "r13" },
        { "valid_from": "2025-01-01", "value": 1_300, "source": "r13" },
        { "valid_from": "2026-01-01", "value": 1_100, "source": "r13" } ] } });
    let found = problems(doc);
    assert_eq!(found.iter().filter(|(_, c)| *c == "duplicate_valid_from").count(), 1, "{found:?}");
    assert!(found.iter().any(|(p, c)| p.starts_with("parameters.fees.ceiling_max[") && p.ends_with("].valid_from") && *c == "duplicate_valid_from"));
    refuses(json!({ "parameters": { "relisting.limit": [{ "value": 1 }, { "value": 3 }] } }), "parameters.relisting.limit[1].valid_from", "duplicate_valid_from");
}

#[test]
fn an_override_cannot_change_what_the_rulebook_is() {
    refuses(json!({ "id": "sou-2019-42", "status": "law" }), "id", "cannot_change");
    refuses(json!({ "status": "proposal" }), "status", "cannot_change");
    assert_eq!(problems(json!({ "id": "se", "status": "law" })), []);
    // A situation refuses it too: the answer would call a region's rules the proposal.
    common::has_error(
        json!({ "today": "2026-11-22", "person": { "age": 40, "home_region": "13" }, "rulebook": { "base": "se", "override": { "id": "sou-2019-42" } } }),
        "rulebook.override.id",
        "cannot_change",
    );
}

/// A visit at the listed unit in Halland under `over`, in `lang`.
fn halland_visit(over: Value, lang: &str) -> Value {
    answer(json!({
        "today": "2026-11-22", "lang": lang,
        "person": { "age": 40, "home_region": "13" },
        "listing": { "unit": { "id": "x", "name": "Vårdcentralen X", "region": "13" }, "changes": [{ "date": "2026-05-01" }] },
        "rulebook": { "base": "se", "override": over },
        "visits": [{ "date": "2026-03-01", "where": "listed" }]
    }))
}

#[test]
fn a_value_the_override_sets_carries_its_own_date_and_source() {
    // D2: the fee the region set was shown with the old row's date and page.
    let over = json!({
        "sources": halland_source(),
        "parameters": { "relisting.limit": [{ "valid_from": "2026-01-01", "value": 1, "source": "r13" }],
                        "fees.ceiling_max": [{ "valid_from": "2026-01-01", "value": 1_200, "unit": "kr", "source": "r13" }] },
        "regions": { "13": { "fees": [{ "item": "pc_doctor", "kr": 999, "as_of": "2026-02-01", "source": "r13" }] } }
    });
    let a = halland_visit(over, "sv");
    let visit = &a["fees"]["visits"][0];
    assert_eq!(visit["fee"], 999);
    assert_eq!(visit["fee_source"]["title"], "Region Halland: patientavgifter 2026");
    assert_eq!(visit["fee_source"]["url"], "regionhalland.se/avgifter");
    assert_eq!(visit["fee_source"]["as_of"], "2026-02-01");
    let details: Vec<&str> = a["fees"]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(details.iter().any(|d| d.contains("999\u{a0}kr (uppgift från 2026-02-01; källa: Region Halland: patientavgifter 2026)")), "{details:#?}");
    // The ceiling of 1 200 kr and the limit of one change are the region's, and say so.
    assert!(details.contains(&"Högkostnadsskyddet kommer från en regions ändringar av de nationella reglerna. Källa: Region Halland: patientavgifter 2026, gäller från 1 januari 2026."), "{details:#?}");
    assert_eq!(a["fees"]["periods"][0]["ceiling"], 1_200);
    // The proposal's sentence stays last: the page shows it under a heading of its own.
    assert!(details.last().unwrap().starts_with("Förslaget om 100 kr"), "{details:#?}");
    let listing: Vec<&str> = a["listing"]["details"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(listing.iter().any(|d| d.starts_with("Gränsen för hur många gånger du får byta kommer från en regions ändringar")), "{listing:#?}");
    assert!(a["listing"]["sources"].as_array().unwrap().iter().any(|s| s["url"] == "regionhalland.se/avgifter"));
    assert_eq!(a["listing"]["can_change"], false, "one change in the last twelve months, and a limit of one");
    // The guarantee's parameters were not changed: nothing said there.
    assert!(!a["care_guarantee"]["details"].to_string().contains("regions ändringar"));
}

#[test]
fn an_answer_under_a_regional_rulebook_names_it() {
    let plain = json!({ "regions": { "13": { "doctor_visit_kr": 250, "fee_as_of": "2026-01-01", "source_fee": "regionhalland.se/avgifter" } } });
    let a = halland_visit(plain.clone(), "sv");
    assert_eq!(a["rulebook"]["title"], "Gällande regler med en regions ändringar");
    assert_eq!(a["rulebook"]["overridden"], true);
    let warning = a["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "regional_rulebook").expect("a warning names the regional rulebook");
    assert_eq!(warning["message"], "Svaret bygger på en regions ändringar av de nationella reglerna. Vid varje ändrad uppgift står dess källa.");
    // The 1.0 shape's fee: the override's date and page, the region's name beside it.
    assert_eq!(a["fees"]["visits"][0]["fee_source"]["url"], "regionhalland.se/avgifter");
    assert_eq!(a["fees"]["visits"][0]["fee_source"]["as_of"], "2026-01-01");

    let mut titled = plain;
    titled["title"] = json!({ "sv": "Region Hallands avgifter 2026", "en": "Region Halland's fees 2026" });
    let en = halland_visit(titled, "en");
    assert_eq!(en["rulebook"]["title"], "Region Halland's fees 2026");
    let warning = en["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "regional_rulebook").unwrap();
    assert_eq!(warning["message"], "This answer uses Region Halland's fees 2026, a region's changes to the national rules. Each changed figure gives its source.");

    // Without an override: no such warning, the title of the law.
    let national = answer(json!({ "today": "2026-11-22", "person": { "age": 40, "home_region": "13" } }));
    assert_eq!(national["rulebook"]["title"], "Gällande regler");
    assert!(!national["warnings"].to_string().contains("regional_rulebook"));
}

#[test]
fn a_ceiling_share_that_makes_the_ceiling_nothing_or_huge_is_refused() {
    // 2,5 % of 59 200 kr is the 1 450 kr of 2026; 0 made every visit free, 1 a ceiling of 59 200 kr.
    let share = |value: Value| json!({ "sources": halland_source(), "parameters": { "fees.ceiling_share": [{ "value": value, "source": "r13" }] } });
    refuses(share(json!(0)), "parameters.fees.ceiling_share[0].value", "out_of_range");
    refuses(share(json!(1)), "parameters.fees.ceiling_share[0].value", "out_of_range");
    assert_eq!(problems(share(json!(0.025))), []);
    refuses(json!({ "parameters": { "fees.ceiling_share": 0.025 } }), "parameters.fees.ceiling_share.source", "missing_source");
}

#[test]
fn the_same_kind_of_visit_twice_in_one_list_of_fees_is_refused() {
    // The second row silently replaced the first, and priced visits from before its date.
    let doc = json!({ "sources": halland_source(), "regions": { "13": { "fees": [
        { "item": "pc_doctor", "kr": 300, "valid_from": "2025-01-01", "source": "r13" },
        { "item": "pc_doctor", "kr": 400, "valid_from": "2026-01-01", "source": "r13" },
        { "item": "pc_doctor", "mode": "video", "kr": 100, "source": "r13" } ] } } });
    assert_eq!(problems(doc), [("regions.13.fees[1]".to_string(), "duplicate_fee")]);
}

#[test]
fn an_override_names_a_base_that_exists() {
    refuses(json!({ "base": "nope" }), "base", "unknown_rulebook");
    assert_eq!(problems(json!({ "base": "sou-2019-42" })), []);
}

#[test]
fn an_answer_under_the_proposal_says_it_is_not_the_law() {
    // A link to embed.html may ask for `rulebook=sou-2019-42`: the answer says what it is.
    let a = answer(json!({ "today": "2026-11-22", "rulebook": "sou-2019-42", "person": { "age": 40, "home_region": "13" },
                           "visits": [{ "date": "2026-03-02", "where": "listed" }] }));
    assert_eq!(a["fees"]["total_charged"], 100);
    let warning = a["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "proposal_rulebook").expect("the proposal is named");
    assert!(warning["message"].as_str().unwrap().contains("inte blivit lag"), "{warning}");
    let law = answer(json!({ "today": "2026-11-22", "person": { "age": 40, "home_region": "13" } }));
    assert!(!law["warnings"].to_string().contains("proposal_rulebook"));
}
