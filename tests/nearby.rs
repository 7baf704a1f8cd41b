//! Nearby units (CONTRACT §4) and unit lists (docs/units.md).

use proptest::prelude::*;
use serde_json::{json, Value};
use vardval::nearby::{great_circle_km, nearby, Index, Units};
use vardval::places::Places;
use vardval::units::{read, Unit};

fn places() -> Places {
    Places::from_json_texts(&[include_str!("../data/municipalities.json"), include_str!("../data/postal-codes.json")]).expect("data/*.json read")
}

fn default_units(places: &Places) -> Units {
    let (units, problems) = read(include_str!("../data/units.csv"), &|m| places.municipality_known(m));
    assert!(problems.is_empty(), "{problems:?}");
    Units::new(units)
}

fn ask(query: Value) -> Value {
    let places = places();
    let units = default_units(&places);
    match nearby(&query, &units, &places) {
        Ok(a) => serde_json::to_value(a).unwrap(),
        Err(e) => serde_json::to_value(e).unwrap(),
    }
}

fn unit(id: usize, lat: f64, lon: f64, closed: Option<bool>) -> Unit {
    Unit { id: format!("u{id}"), name: format!("Unit {id}"), lat, lon, region: None, municipality: None, address: None, postal_code: None, phone: None, url: None, list_closed: closed, digital: None, source: None }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The index's answer equals a scan of every unit, sorted by distance.
    #[test]
    fn nearest_first_equals_a_brute_force_scan(
        points in prop::collection::vec((55.0..69.2f64, 10.5..24.3f64), 0..300),
        (lat, lon) in (55.0..69.2f64, 10.5..24.3f64),
        k in 1..25usize,
        max_km in prop::option::of(1.0..800.0f64),
    ) {
        let index = Index::build(points.iter().copied());
        let got = index.nearest(lat, lon, k, max_km, &|_| true);
        let mut all: Vec<(usize, f64)> = points.iter().enumerate().map(|(i, &(a, b))| (i, great_circle_km(lat, lon, a, b))).collect();
        all.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
        let want: Vec<(usize, f64)> = all.into_iter().filter(|(_, d)| max_km.is_none_or(|m| *d <= m)).take(k).collect();
        prop_assert_eq!(got.len(), want.len());
        for ((gi, gd), (wi, wd)) in got.iter().zip(&want) {
            prop_assert!((gd - wd).abs() < 1e-6, "{} vs {}", gd, wd);
            // Random coordinates do not tie; equal distances would allow either order.
            prop_assert!(gi == wi || (gd - wd).abs() < 1e-9);
        }
    }
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
    let a = nearby(&json!({ "from": { "lat": 59.0, "lon": 18.0 }, "k": 1000 }), &units, &places).unwrap();
    assert_eq!(a.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["u1", "u2", "u3"]);
    let open = nearby(&json!({ "from": { "lat": 59.0, "lon": 18.0 }, "k": 1000, "only_open_lists": true }), &units, &places).unwrap();
    assert_eq!(open.units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["u1", "u3"], "a closed list is left out");
    let empty = Units::new(Vec::new());
    assert!(nearby(&json!({ "from": { "postal_code": "41319" } }), &empty, &places).unwrap().units.is_empty());
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
