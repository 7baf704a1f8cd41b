//! Nearby units (CONTRACT §4) and unit lists (docs/units.md).

mod common;
use common::{default_units, places};
use proptest::prelude::*;
use serde_json::{json, Value};
use vardval::nearby::{great_circle_km, nearby, Index, Units};
use vardval::units::{read, Unit};

/// A file of ../shared/data as rows of named fields (plain CSV: no quoted commas in these columns).
fn shared_csv(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(format!("{}/../shared/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("../shared/data");
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(str::to_string).collect();
    lines.map(|l| header.iter().cloned().zip(l.split(',').map(str::to_string)).collect()).collect()
}

fn ask(query: Value) -> Value {
    let places = places();
    let units = default_units(&places);
    match nearby(&query.into(), &units, &places) {
        Ok(a) => common::written(&a),
        Err(e) => common::written(&e),
    }
}

fn unit(id: usize, lat: f64, lon: f64, closed: Option<bool>) -> Unit {
    Unit { id: format!("u{id}"), name: format!("Unit {id}"), lat, lon, region: None, municipality: None, address: None, postal_code: None, phone: None, url: None, list_closed: closed, digital: None, source: None }
}

/// Every candidate `(index, lat, lon)` with its great-circle distance from
/// (lat, lon), nearest first, ties by index: what the index must find.
fn scan(lat: f64, lon: f64, candidates: impl IntoIterator<Item = (usize, f64, f64)>) -> Vec<(usize, f64)> {
    let mut all: Vec<(usize, f64)> = candidates.into_iter().map(|(i, a, b)| (i, great_circle_km(lat, lon, a, b))).collect();
    all.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The index's answer equals a scan of every unit, sorted by distance.
    #[test]
    fn nearest_first_equals_a_brute_force_scan(
        points in prop::collection::vec((55.0..69.2f64, 10.5..24.3f64), 0..1500),
        (lat, lon) in (55.0..69.2f64, 10.5..24.3f64),
        k in 1..25usize,
        max_km in prop::option::of(1.0..800.0f64),
    ) {
        let index = Index::build(&points.iter().flat_map(|&(a, b)| [a, b]).collect::<Vec<_>>());
        let got = index.nearest(lat, lon, k, max_km, &|_| true);
        let all = scan(lat, lon, points.iter().enumerate().map(|(i, &(a, b))| (i, a, b)));
        let want: Vec<(usize, f64)> = all.into_iter().filter(|(_, d)| max_km.is_none_or(|m| *d <= m)).take(k).collect();
        prop_assert_eq!(got.len(), want.len());
        for ((gi, gd), (wi, wd)) in got.iter().zip(&want) {
            prop_assert!((gd - wd).abs() < 1e-6, "{} vs {}", gd, wd);
            // Random coordinates do not tie; equal distances would allow either order.
            prop_assert!(gi == wi || (gd - wd).abs() < 1e-9);
        }
    }
}

#[path = "common/positions.rs"]
mod positions;
use positions::over_sweden as spread;

#[test]
fn positions_that_are_not_on_the_earth_never_break_the_index() {
    // Every tenth position is not a number or off the Earth; the others must
    // be found exactly as a scan of them finds them. (A NaN node in the old
    // tree compared false both ways and cut off the side it split.)
    let mut positions = spread(2000, 7);
    let bad = [f64::NAN, 181.0, -180.5, f64::INFINITY, f64::NEG_INFINITY];
    for (j, i) in (0..2000).step_by(10).enumerate() {
        positions[2 * i + j % 2] = bad[j % bad.len()];
    }
    let index = Index::build(&positions);
    assert_eq!(index.len(), 2000);
    for q in spread(200, 11).chunks(2) {
        let got = index.nearest(q[0], q[1], 10, None, &|_| true);
        let all = scan(q[0], q[1], (0..2000).filter(|i| i % 10 != 0).map(|i| (i, positions[2 * i], positions[2 * i + 1])));
        assert_eq!(got.iter().map(|g| g.0).collect::<Vec<_>>(), all.iter().take(10).map(|w| w.0).collect::<Vec<_>>());
    }
    // A query that is not a position finds nothing, and panics nowhere.
    assert!(index.nearest(f64::NAN, 15.0, 10, None, &|_| true).is_empty());
    assert!(index.nearest(60.0, 15.0, 10, Some(f64::NAN), &|_| true).is_empty());
    assert_eq!(index.nearest(60.0, 15.0, usize::MAX, None, &|_| true).len(), 1800);
}

#[test]
fn a_list_of_positions_alone_refuses_what_is_not_on_the_earth() {
    let problems = Units::from_positions(vec![57.7, 11.9, f64::NAN, 12.0, 57.7, 181.0, 95.0, -200.0, 58.0]).err().expect("refused");
    let got: Vec<(usize, &str, &str)> = problems.iter().map(|p| (p.line, p.field.as_str(), p.code)).collect();
    assert_eq!(got, [(2, "lat", "invalid_number"), (3, "lon", "out_of_range"), (4, "lat", "out_of_range"), (4, "lon", "out_of_range"), (5, "lon", "missing_field")]);
    assert_eq!(problems[1].detail, "not within -180 and 180 degrees");
    // A large array of bad numbers is refused with its first problems only.
    assert_eq!(Units::from_positions(vec![f64::NAN; 1_000_000]).err().unwrap().len(), vardval::nearby::MAX_POSITION_PROBLEMS);
    assert_eq!(Units::from_positions(Vec::new()).map(|u| u.len()).ok(), Some(0));
}

#[test]
fn a_list_of_positions_answers_by_index_in_both_ways_out() {
    let positions = spread(5000, 3);
    let units = Units::from_positions(positions.clone()).expect("on the Earth");
    let (lat, lon) = (59.33, 18.07);
    let ids = vardval::nearby::nearest_ids(&units, lat, lon, 10, None).unwrap();
    let all = scan(lat, lon, (0..5000).map(|i| (i, positions[2 * i], positions[2 * i + 1])));
    assert_eq!(ids, all.iter().take(10).map(|w| w.0 as u32).collect::<Vec<_>>());
    // The JSON answer names the same units, by index, with their positions.
    let a = nearby(&json!({ "from": { "lat": lat, "lon": lon }, "k": 10 }).into(), &units, &places()).unwrap();
    assert_eq!(a.units.iter().map(|u| u.id.clone()).collect::<Vec<_>>(), ids.iter().map(|i| i.to_string()).collect::<Vec<_>>());
    let first = &a.units[0];
    assert_eq!((first.lat, first.lon), (positions[2 * ids[0] as usize], positions[2 * ids[0] as usize + 1]));
    assert_eq!((first.name.as_str(), first.region.as_deref()), ("", None));
    // Within max_km only; k up to the query's 1 000.
    let near = vardval::nearby::nearest_ids(&units, lat, lon, 10, Some(all[3].1 + 1e-6)).unwrap();
    assert_eq!(near, ids[..4]);
    assert_eq!(vardval::nearby::nearest_ids(&units, lat, lon, 1000, None).unwrap(), all.iter().take(1000).map(|w| w.0 as u32).collect::<Vec<_>>());
}

#[test]
fn nearest_ids_refuses_what_the_query_refuses() {
    let units = Units::from_positions(spread(10, 5)).unwrap();
    let codes = |lat: f64, lon: f64, max_km: Option<f64>| {
        let e = vardval::nearby::nearest_ids(&units, lat, lon, 3, max_km).err().expect("refused");
        e.errors.iter().map(|x| format!("{} {}", x.path, x.code)).collect::<Vec<_>>()
    };
    assert_eq!(codes(f64::NAN, 15.0, None), ["lat out_of_range"]);
    assert_eq!(codes(60.0, 180.5, Some(0.0)), ["lon out_of_range", "max_km out_of_range"]);
    assert_eq!(codes(-90.5, f64::INFINITY, Some(f64::NAN)), ["lat out_of_range", "lon out_of_range", "max_km out_of_range"]);
    let e = vardval::nearby::nearest_ids(&units, 91.0, 15.0, 3, None).err().unwrap();
    assert_eq!(e.errors[0].message, "lat ska vara mellan -90 och 90.");
    // k as the JSON query's, 1 to 1 000 (a larger k kept the tab busy for minutes:
    // the best found are kept in order by insertion); above the list's length, all.
    for k in [0, 1001, 1 << 40] {
        let e = vardval::nearby::nearest_ids(&units, 60.0, 15.0, k, None).err().expect("refused");
        assert_eq!(e.errors.iter().map(|x| format!("{} {}", x.path, x.code)).collect::<Vec<_>>(), ["k out_of_range"]);
    }
    assert_eq!(vardval::nearby::nearest_ids(&units, 60.0, 15.0, 1000, None).unwrap().len(), 10);
}

#[test]
fn a_position_in_a_unit_list_is_a_number_as_the_schema_says() {
    // The grammar of units.schema.json (Rust's own), read without Rust's float parser.
    let good = ["57.78", "+57.78", "057.78", "57.780", "5.778e1", "5778E-2", "0.5778e+2", "5778.e-2", ".5778e2", " 57.78 "];
    let bad = ["NaN", "inf", "-inf", "57.78.1", "57;78", "0x39", "5e", "5e+", "-", ".", "+-57", "57 .78", "e5", "1e400"];
    let csv = ["id,name,lat,lon\n".to_string(), good.iter().chain(&bad).enumerate().map(|(i, lat)| format!("u{i},U,{lat},14.16\n")).collect()].concat();
    let (units, problems) = vardval::units::read(&csv, &|_| true);
    assert_eq!(units.iter().map(|u| u.lat).collect::<Vec<_>>(), [57.78; 10]);
    assert_eq!(problems.iter().map(|p| (p.line, p.code)).collect::<Vec<_>>(), (12..12 + bad.len()).map(|line| (line, "invalid_number")).collect::<Vec<_>>());
}

#[test]
fn a_postal_code_with_or_without_a_space() {
    let a = ask(json!({ "from": { "postal_code": "41319" }, "k": 5 }));
    let b = ask(json!({ "from": { "postal_code": "413 19" }, "k": 5 }));
    assert_eq!(a, b);
    assert_eq!(a["origin"]["label"], "Göteborg");
    assert_eq!(a["origin"]["kind"], "postal_code");
    let units = a["units"].as_array().unwrap();
    assert_eq!(units.len(), 5);
    let d: Vec<f64> = units.iter().map(|u| u["distance_km"].as_f64().unwrap()).collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "nearest first: {d:?}");
    assert!(d[0] < 2.0, "a vårdcentral within 2 km of central Göteborg: {d:?}");
    assert_eq!(units[0]["source"], "OpenStreetMap 2020 (© OpenStreetMap contributors, ODbL 1.0)");
}

#[test]
fn an_unknown_postal_code_is_an_error_with_a_code() {
    let e = ask(json!({ "from": { "postal_code": "00000" } }));
    assert_eq!(e["errors"][0]["path"], "from.postal_code");
    assert_eq!(e["errors"][0]["code"], "unknown_postal_code");
    let e = ask(json!({ "from": { "postal_code": "4131" } }));
    assert_eq!(e["errors"][0]["code"], "unknown_postal_code");
}

#[test]
fn a_municipality_by_code_or_by_name() {
    let by_code = ask(json!({ "from": { "municipality": "1480" }, "k": 3 }));
    let by_name = ask(json!({ "from": { "municipality": "Göteborg" }, "k": 3 }));
    let by_long_name = ask(json!({ "from": { "municipality": "göteborgs kommun" }, "k": 3 }));
    assert_eq!(by_code, by_name);
    assert_eq!(by_code, by_long_name);
    assert_eq!(by_code["origin"]["municipality"], "1480");
    let umea = ask(json!({ "from": { "municipality": "Umeå" }, "k": 1 }));
    assert_eq!(umea["origin"]["municipality"], "2480");
    assert_eq!(umea["units"][0]["region"], "24");
    let e = ask(json!({ "from": { "municipality": "Atlantis" } }));
    assert_eq!(e["errors"][0]["code"], "unknown_municipality");
}

#[test]
fn a_position_and_its_limits() {
    let a = ask(json!({ "from": { "lat": 63.8258, "lon": 20.2630 }, "k": 2 }));
    assert_eq!(a["origin"]["kind"], "position");
    assert_eq!(a["units"].as_array().unwrap().len(), 2);
    let e = ask(json!({ "from": { "lat": 95, "lon": "east" }, "k": 0 }));
    let codes: Vec<(&str, &str)> = e["errors"].as_array().unwrap().iter().map(|x| (x["path"].as_str().unwrap(), x["code"].as_str().unwrap())).collect();
    assert!(codes.contains(&("from.lat", "out_of_range")), "{codes:?}");
    assert!(codes.contains(&("from.lon", "invalid_type")), "{codes:?}");
    assert!(codes.contains(&("k", "out_of_range")), "{codes:?}");
    let e = ask(json!({ "k": 3 }));
    assert_eq!(e["errors"][0]["code"], "missing_field");
}

#[test]
fn max_km_that_leaves_nothing_gives_an_empty_list() {
    // Far out at sea, west of Gotland: nothing within 1 km.
    let a = ask(json!({ "from": { "lat": 57.5, "lon": 17.0 }, "max_km": 1 }));
    assert_eq!(a["units"], json!([]));
    assert!(a.get("errors").is_none());
}

#[test]
fn k_larger_than_the_data_gives_every_unit() {
    let places = places();
    let units = Units::new(vec![unit(1, 59.0, 18.0, None), unit(2, 60.0, 17.0, Some(true)), unit(3, 58.0, 16.0, Some(false))]);
    let a = nearby(&json!({ "from": { "lat": 59.0, "lon": 18.0 }, "k": 1000 }).into(), &units, &places).unwrap();
    assert_eq!(a.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["u1", "u2", "u3"]);
    let open = nearby(&json!({ "from": { "lat": 59.0, "lon": 18.0 }, "k": 1000, "only_open_lists": true }).into(), &units, &places).unwrap();
    assert_eq!(open.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["u1", "u3"], "a closed list is left out");
    let empty = Units::new(Vec::new());
    assert!(nearby(&json!({ "from": { "postal_code": "41319" } }).into(), &empty, &places).unwrap().units.is_empty());
}

#[test]
fn every_postal_code_and_municipality_is_there() {
    let places = places();
    assert_eq!(places.postal_codes.len(), 18_815);
    assert_eq!(places.municipalities.len(), 290);
    for m in &places.municipalities {
        assert!(vardval::units::in_sweden(m.lat, m.lon), "{}", m.name);
    }
}

#[test]
fn a_clean_unit_list_and_one_with_every_problem() {
    let places = places();
    let known = |m: &str| places.municipality_known(m);
    let (units, problems) = read(include_str!("../data/units.csv"), &known);
    assert!(problems.is_empty());
    assert_eq!(units.len(), 329);
    let (units, problems) = read(include_str!("fixtures/units-problems.csv"), &known);
    let got: Vec<(usize, &str, &str)> = problems.iter().map(|p| (p.line, p.field.as_str(), p.code)).collect();
    assert_eq!(
        got,
        [
            (3, "name", "missing_field"),
            (4, "lat", "outside_sweden"),
            (5, "id", "duplicate_id"),
            (6, "region", "unknown_region"),
            (7, "municipality", "unknown_municipality"),
            (8, "list_closed", "invalid_boolean"),
            (9, "address", "too_long"),
        ]
    );
    // Markup in a name is kept as text: the page shows it as text.
    assert_eq!(units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["a1", "a9"]);
    assert!(units[1].name.starts_with("<script>"));
    assert_eq!(units[0].list_closed, Some(false));
    assert_eq!(units[0].digital, Some(true));
}

#[test]
fn a_unit_list_in_json() {
    let places = places();
    let text = r#"{ "units": [ { "id": "x", "name": "VC", "lat": 59.3, "lon": 18.0, "list_closed": true, "region": "01" }, { "id": "y", "name": "VC 2", "lat": "n/a", "lon": 18.0 } ] }"#;
    let (units, problems) = read(text, &|m| places.municipality_known(m));
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].list_closed, Some(true));
    assert_eq!(problems[0].line, 2);
    assert_eq!(problems[0].code, "invalid_number");
}

// RULES.md §5b: where a search starts and whose region it is.

#[test]
fn a_place_matches_without_regard_to_case_or_swedish_letters() {
    let malmo = ask(json!({ "from": { "place": "Malmö" }, "k": 3 }));
    assert_eq!(malmo["origin"]["municipality"], "1280");
    for spelling in ["malmo", "MALMÖ", "  malmö ", "Malmo kommun"] {
        assert_eq!(ask(json!({ "from": { "place": spelling }, "k": 3 })), malmo, "{spelling}");
    }
    // The English name people type.
    let gbg = ask(json!({ "from": { "place": "Gothenburg" }, "k": 3 }));
    assert_eq!(gbg, ask(json!({ "from": { "place": "göteborg" }, "k": 3 })));
    assert_eq!(gbg["origin"]["label"], "Göteborg");
    assert_eq!(gbg["origin"]["region"], "14");
    // Marks are compared first: Habo (Jönköping) and Håbo (Uppsala) are two municipalities.
    assert_eq!(ask(json!({ "from": { "place": "Habo" }, "k": 1 }))["origin"]["municipality"], "0643");
    assert_eq!(ask(json!({ "from": { "municipality": "Habo" }, "k": 1 }))["origin"]["municipality"], "0643");
    assert_eq!(ask(json!({ "from": { "place": "håbo" }, "k": 1 }))["origin"]["municipality"], "0305");
    // Hyphens and spaces are one.
    assert_eq!(ask(json!({ "from": { "place": "upplands bro" }, "k": 1 }))["origin"]["municipality"], "0139");
    let e = ask(json!({ "from": { "place": "Atlantis" } }));
    assert_eq!(e["errors"][0]["path"], "from.place");
    assert_eq!(e["errors"][0]["code"], "unknown_place");
}

#[test]
fn a_town_that_is_not_a_municipality_works_through_the_postal_towns() {
    // Visby is Gotland's town; Dalby is in Lund (1281). Each starts at its town's
    // point in postal_codes_se.csv (the point with most codes of that name).
    for (name, municipality, region) in [("Visby", "0980", "09"), ("dalby", "1281", "12")] {
        let a = ask(json!({ "from": { "place": name }, "k": 1 }));
        assert_eq!(a["origin"]["kind"], "town", "{name}");
        assert_eq!(a["origin"]["municipality"], municipality, "{name}");
        assert_eq!(a["origin"]["region"], region, "{name}");
        let rows: Vec<_> = shared_csv("postal_codes_se.csv").into_iter().filter(|r| r["place_name"].to_lowercase() == name.to_lowercase() && r["municipality_code"] == municipality).collect();
        let mut counts = std::collections::HashMap::new();
        for r in &rows {
            *counts.entry((r["lat"].clone(), r["lon"].clone())).or_insert(0) += 1;
        }
        let ((lat, lon), _) = counts.into_iter().max_by_key(|(_, n)| *n).unwrap();
        assert_eq!(a["origin"]["lat"].as_f64().unwrap(), lat.parse::<f64>().unwrap(), "{name}");
        assert_eq!(a["origin"]["lon"].as_f64().unwrap(), lon.parse::<f64>().unwrap(), "{name}");
    }
    // "Visby" is the label as written, not "VISBY".
    assert_eq!(ask(json!({ "from": { "place": "VISBY" }, "k": 1 }))["origin"]["label"], "Visby");
}

#[test]
fn a_municipality_starts_at_its_main_town_not_its_centroid() {
    // Kiruna town's postal codes (981 xx) share one point; the municipality's
    // centroid is about 40 km away, and the nearest unit is in town.
    let kiruna_town = shared_csv("postal_codes_se.csv").into_iter().find(|r| r["postal_code"] == "98131").unwrap();
    assert_eq!(kiruna_town["place_name"], "Kiruna");
    for from in [json!({ "place": "Kiruna" }), json!({ "municipality": "2584" })] {
        let a = ask(json!({ "from": from, "k": 1 }));
        assert_eq!(a["origin"]["kind"], "town");
        assert_eq!(a["origin"]["lat"].as_f64().unwrap(), kiruna_town["lat"].parse::<f64>().unwrap());
        assert_eq!(a["origin"]["lon"].as_f64().unwrap(), kiruna_town["lon"].parse::<f64>().unwrap());
        let unit = &a["units"][0];
        let d = great_circle_km(kiruna_town["lat"].parse().unwrap(), kiruna_town["lon"].parse().unwrap(), unit["lat"].as_f64().unwrap(), unit["lon"].as_f64().unwrap());
        assert!(d < 2.0, "{d}");
    }
    let centroid = shared_csv("municipalities.csv").into_iter().find(|m| m["municipality_code"] == "2584").unwrap();
    let from_centroid = great_circle_km(centroid["centroid_lat"].parse().unwrap(), centroid["centroid_lon"].parse().unwrap(), kiruna_town["lat"].parse().unwrap(), kiruna_town["lon"].parse().unwrap());
    assert!(from_centroid > 30.0, "{from_centroid}");
    // GeoNames puts every Järfälla postal code in Bromma, 12 km away (scripts/units_data.py,
    // WRONG_TOWN_POINTS): those start at SCB's point inside Järfälla instead.
    let jarfalla = ask(json!({ "from": { "place": "Järfälla" }, "k": 1 }));
    let scb = shared_csv("municipalities.csv").into_iter().find(|m| m["municipality_code"] == "0123").unwrap();
    assert_eq!(jarfalla["origin"]["lat"].as_f64().unwrap(), scb["label_lat"].parse::<f64>().unwrap());
    assert_eq!(ask(json!({ "from": { "postal_code": "17674" }, "k": 1 }))["origin"]["lat"], jarfalla["origin"]["lat"]);
    // Ale has no postal town called Ale: it starts at SCB's point inside it.
    let ale = ask(json!({ "from": { "place": "Ale" }, "k": 1 }));
    let scb = shared_csv("municipalities.csv").into_iter().find(|m| m["municipality_code"] == "1440").unwrap();
    assert_eq!(ale["origin"]["kind"], "municipality");
    assert_eq!(ale["origin"]["lat"].as_f64().unwrap(), scb["label_lat"].parse::<f64>().unwrap());
    assert_eq!(ale["origin"]["lon"].as_f64().unwrap(), scb["label_lon"].parse::<f64>().unwrap());
}

#[test]
fn the_home_region_is_as_given_else_the_origins() {
    // From Göteborg without a home region: home is Västra Götaland, nothing there is "other".
    let a = ask(json!({ "from": { "place": "Göteborg" }, "k": 5 }));
    assert_eq!(a["home_region"], "14");
    assert_eq!(a["home_region_given"], false);
    assert!(a["units"].as_array().unwrap().iter().all(|u| u["region"] == "14" && u["other_region"] == false), "{a}");
    // A person living in Halland who searches Göteborg: those same units are in another region.
    let b = ask(json!({ "from": { "place": "Göteborg" }, "k": 5, "home_region": "13" }));
    assert_eq!(b["home_region"], "13");
    assert_eq!(b["home_region_given"], true);
    assert!(b["units"].as_array().unwrap().iter().all(|u| u["other_region"] == true), "{b}");
    // Near a border, only the units across it are "other": from Kungsbacka (Halland, 1384),
    // 30 units with the ones in Västra Götaland marked.
    let c = ask(json!({ "from": { "place": "Kungsbacka" }, "k": 30 }));
    assert_eq!(c["origin"]["region"], "13");
    let units = c["units"].as_array().unwrap();
    assert!(units.iter().any(|u| u["region"] == "14") && units.iter().any(|u| u["region"] == "13"));
    for u in units {
        assert_eq!(u["other_region"], u["region"] != "13", "{u}");
    }
    // A position: the region of the nearest town (Kiruna's, 1.5 km off).
    let p = ask(json!({ "from": { "lat": 67.85, "lon": 20.22 }, "k": 1 }));
    assert_eq!(p["origin"]["municipality"], "2584");
    assert_eq!(p["home_region"], "25");
    // Out at sea, far from every town: no region is made up.
    let sea = ask(json!({ "from": { "lat": 58.0, "lon": 1.0 }, "k": 1 }));
    assert_eq!(sea["origin"]["region"], Value::Null);
    assert_eq!(sea["units"][0]["other_region"], Value::Null);
    let e = ask(json!({ "from": { "place": "Lund" }, "home_region": "02" }));
    assert_eq!(e["errors"][0]["path"], "home_region");
    assert_eq!(e["errors"][0]["code"], "unknown_region");
}

#[test]
fn coverage_counts_the_list_against_1177s_lower_bound() {
    let counts = shared_csv("unit_counts_1177.csv");
    let at_least = |region: &str| counts.iter().find(|r| r["region_code"] == region).unwrap()["at_least_units"].parse::<u64>().unwrap();
    let units_csv = include_str!("../data/units.csv");
    let in_list = |region: &str| units_csv.lines().filter(|l| l.split(',').nth(4) == Some(region)).count() as u64;
    // Jönköping: the 6 units of the OpenStreetMap list against at least 50 (the issue's figures).
    let a = ask(json!({ "from": { "postal_code": "55320" }, "k": 2 }));
    assert_eq!(a["coverage"], json!([{ "region": "06", "in_list": in_list("06"), "at_least": at_least("06") }]));
    assert_eq!((in_list("06"), at_least("06")), (6, 50));
    // The third nearest is in Ulricehamn (Västra Götaland): its region is counted too, after the origin's.
    let b = ask(json!({ "from": { "postal_code": "55320" }, "k": 3 }));
    assert_eq!(b["units"][2]["region"], "14");
    assert_eq!(b["coverage"][1], json!({ "region": "14", "in_list": in_list("14"), "at_least": at_least("14") }));
    // Visby: none of Gotland's at least 5, and the units found are across the sea in Kalmar län.
    let v = ask(json!({ "from": { "place": "Visby" }, "k": 2, "max_km": 150 }));
    let coverage = v["coverage"].as_array().unwrap();
    assert_eq!(coverage[0], json!({ "region": "09", "in_list": 0, "at_least": at_least("09") }));
    assert!(coverage.iter().skip(1).all(|c| c["region"] != "09"));
    assert!(v["units"].as_array().unwrap().iter().all(|u| u["region"] != "09"));
    // A region's own list has no counts to compare with: no coverage at all.
    let places = places();
    let own = Units::new(vec![Unit { region: Some("06".into()), ..unit(1, 57.78, 14.16, Some(false)) }]);
    let answer = common::written(&nearby(&json!({ "from": { "postal_code": "55320" } }).into(), &own, &places).unwrap());
    assert!(answer.get("coverage").is_none(), "{answer}");
}

#[test]
fn a_json_list_with_a_byte_order_mark_and_an_endless_row() {
    let places = places();
    let known = |m: &str| places.municipality_known(m);
    let (units, problems) = read("\u{feff}[{\"id\":\"a\",\"name\":\"A\",\"lat\":57.78,\"lon\":14.16}]", &known);
    assert_eq!((units.len(), problems.len()), (1, 0), "{problems:?}");
    // One line of 200 000 cells: refused for its column count, without holding them all.
    let long = format!("id,name,lat,lon\n{}\n", vec!["a"; 200_000].join(","));
    let (units, problems) = read(&long, &known);
    assert!(units.is_empty());
    assert_eq!(problems[0].code, "wrong_column_count");
    assert_eq!(problems[0].line, 2);
}
