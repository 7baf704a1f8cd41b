//! Units near a place (CONTRACT §4): a k-d tree over the units and the
//! great-circle distance with the mean Earth radius.
//!
//! The tree holds each unit as a point on the unit sphere (x, y, z). The
//! straight-line (chord) distance between two such points grows with the
//! great-circle distance, so the nearest by chord are the nearest on the
//! Earth, and the search needs no trigonometry past the start.

use crate::input::{field, key, ErrorReport, Reader};
use crate::places::{Place, Places};
use crate::rulebook::LAN_CODES;
use crate::units::Unit;
use serde::Serialize;
use serde_json::Value;

/// The query's shape as JSON Schema (`vardval schema nearby-query`).
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

/// Mean Earth radius, km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;
pub const MAX_K: usize = 1000;

fn to_xyz(lat: f64, lon: f64) -> [f64; 3] {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

/// Great-circle distance from a squared chord on the unit sphere.
fn km_from_chord2(c2: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * (c2.sqrt() / 2.0).min(1.0).asin()
}

fn chord2_from_km(km: f64) -> f64 {
    let c = 2.0 * (km / (2.0 * EARTH_RADIUS_KM)).min(std::f64::consts::FRAC_PI_2).sin();
    c * c
}

/// Haversine distance in km (used by the tests and the benchmark's plain scan).
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// A static k-d tree: `order` is a permutation of the points laid out so that
/// the middle of every range is that node, split on axis `depth % 3`.
pub struct Index {
    points: Vec<[f64; 3]>,
    order: Vec<u32>,
}

impl Index {
    pub fn build(coords: impl Iterator<Item = (f64, f64)>) -> Index {
        let points: Vec<[f64; 3]> = coords.map(|(lat, lon)| to_xyz(lat, lon)).collect();
        let mut order: Vec<u32> = (0..points.len() as u32).collect();
        build_range(&points, &mut order, 0);
        Index { points, order }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The `k` nearest points to (lat, lon) within `max_km`, that `keep`
    /// accepts: (index, distance in km), nearest first, ties by index.
    pub fn nearest(&self, lat: f64, lon: f64, k: usize, max_km: Option<f64>, keep: &dyn Fn(usize) -> bool) -> Vec<(usize, f64)> {
        let q = to_xyz(lat, lon);
        let limit = max_km.map_or(f64::INFINITY, chord2_from_km);
        // Best so far, sorted ascending by (chord², index); at most k.
        let mut best: Vec<(f64, u32)> = Vec::with_capacity(k + 1);
        if k > 0 {
            self.search(&q, 0, self.order.len(), 0, k, limit, keep, &mut best);
        }
        best.into_iter().map(|(c2, i)| (i as usize, km_from_chord2(c2))).collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn search(&self, q: &[f64; 3], lo: usize, hi: usize, depth: usize, k: usize, limit: f64, keep: &dyn Fn(usize) -> bool, best: &mut Vec<(f64, u32)>) {
        if lo >= hi {
            return;
        }
        let mid = (lo + hi) / 2;
        let i = self.order[mid];
        let p = &self.points[i as usize];
        let d2 = chord2(p, q);
        let worst = |best: &Vec<(f64, u32)>| if best.len() < k { limit } else { best[k - 1].0.min(limit) };
        if d2 <= worst(best) && keep(i as usize) {
            let at = best.partition_point(|&(d, j)| (d, j) < (d2, i));
            best.insert(at, (d2, i));
            best.truncate(k);
        }
        let axis = depth % 3;
        let diff = q[axis] - p[axis];
        let (near, far) = if diff < 0.0 { ((lo, mid), (mid + 1, hi)) } else { ((mid + 1, hi), (lo, mid)) };
        self.search(q, near.0, near.1, depth + 1, k, limit, keep, best);
        // A point across the splitting plane is at least |diff| away.
        if diff * diff <= worst(best) {
            self.search(q, far.0, far.1, depth + 1, k, limit, keep, best);
        }
    }
}

fn build_range(points: &[[f64; 3]], order: &mut [u32], depth: usize) {
    if order.len() <= 1 {
        return;
    }
    let axis = depth % 3;
    let mid = order.len() / 2;
    order.select_nth_unstable_by(mid, |a, b| points[*a as usize][axis].total_cmp(&points[*b as usize][axis]));
    let (left, right) = order.split_at_mut(mid);
    build_range(points, left, depth + 1);
    build_range(points, &mut right[1..], depth + 1);
}

/// Where the search started.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Origin {
    pub lat: f64,
    pub lon: f64,
    /// The place's name (a town, a municipality) or "" for a position.
    pub label: String,
    /// `postal_code` (its town's centre), `town` (a postal town, or a
    /// municipality's main town), `municipality` (a point inside one that has
    /// no town of its name) or `position`.
    pub kind: &'static str,
    pub municipality: Option<String>,
    /// The region (län code) of the place searched from; for a position, that
    /// of the nearest town.
    pub region: Option<String>,
}

/// A unit with every field of its row, its distance along the great circle
/// (km, to the metre) and whether it is outside the home region.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct NearbyUnit {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub distance_km: f64,
    pub region: Option<String>,
    pub municipality: Option<String>,
    pub list_closed: Option<bool>,
    pub address: Option<String>,
    pub source: Option<String>,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub digital: Option<bool>,
    /// Outside the home region (listing there: that region's fees, no care
    /// guarantee); `null` when either region is unknown.
    pub other_region: Option<bool>,
}

/// How complete the list is in one region: its units against the lower bound
/// 1177 shows (`data/unit-counts-1177.json`).
#[derive(Clone, Debug, Serialize, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Coverage {
    pub region: String,
    pub in_list: usize,
    pub at_least: u32,
}

/// The units nearest a place (CONTRACT §4, §6), nearest first.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct NearbyAnswer {
    pub origin: Origin,
    /// The person's home region: as given, else the origin's region.
    pub home_region: Option<String>,
    /// Whether the person gave `home_region` (else it is the origin's).
    pub home_region_given: bool,
    pub units: Vec<NearbyUnit>,
    /// For each region the origin and the units are in; absent for a list
    /// without counts to compare with (a region's own list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Vec<Coverage>>,
}

/// A unit list with its index, ready to be searched.
pub struct Units {
    pub units: Vec<Unit>,
    index: Index,
    /// 1177's lower bound per region, for the default list only.
    counts_1177: Option<Vec<(String, u32)>>,
}

impl Units {
    pub fn new(units: Vec<Unit>) -> Units {
        let index = Index::build(units.iter().map(|u| (u.lat, u.lon)));
        Units { units, index, counts_1177: None }
    }

    /// Sets 1177's counts (`data/unit-counts-1177.json`), so that answers say
    /// how complete the list is. Only for the list those counts describe.
    pub fn set_counts_1177(&mut self, text: &str) -> Option<()> {
        let v: Value = crate::input::parse_json(text).ok()?;
        let counts = v.get("at_least")?.as_object()?.iter().map(|(region, n)| Some((region.clone(), u32::try_from(n.as_u64()?).ok()?))).collect::<Option<Vec<_>>>()?;
        self.counts_1177 = Some(counts);
        Some(())
    }

    fn coverage(&self, regions: &[&str]) -> Option<Vec<Coverage>> {
        let counts = self.counts_1177.as_ref()?;
        let mut seen: Vec<&str> = Vec::new();
        for r in regions {
            if !seen.contains(r) {
                seen.push(r);
            }
        }
        let coverage = seen
            .into_iter()
            .filter_map(|region| {
                let at_least = counts.iter().find(|(r, _)| r == region)?.1;
                let in_list = self.units.iter().filter(|u| u.region.as_deref() == Some(region)).count();
                Some(Coverage { region: region.to_string(), in_list, at_least })
            })
            .collect();
        Some(coverage)
    }
}

/// Answers a query `{ from, k, max_km, only_open_lists, home_region }` (CONTRACT §4, §6).
pub fn nearby(query: &Value, units: &Units, places: &Places) -> Result<NearbyAnswer, ErrorReport> {
    let lang = crate::situation::read_lang(query);
    let mut r = Reader::default();
    let read = read_query(query, places, &mut r);
    let (Some((origin, k, max_km, only_open, given_home)), true) = (read, r.problems.is_empty()) else {
        return Err(crate::report(lang, &r.problems));
    };
    let home_region_given = given_home.is_some();
    let home_region = given_home.or_else(|| origin.region.clone());
    let keep = |i: usize| !only_open || units.units[i].list_closed != Some(true);
    let found = units.index.nearest(origin.lat, origin.lon, k, max_km, &keep);
    let list: Vec<NearbyUnit> = found
        .into_iter()
        .map(|(i, km)| {
            let u = &units.units[i];
            let other_region = match (&u.region, &home_region) {
                (Some(unit), Some(home)) => Some(unit != home),
                _ => None,
            };
            NearbyUnit {
                id: u.id.clone(),
                name: u.name.clone(),
                lat: u.lat,
                lon: u.lon,
                distance_km: (km * 1000.0).round() / 1000.0,
                region: u.region.clone(),
                municipality: u.municipality.clone(),
                list_closed: u.list_closed,
                address: u.address.clone(),
                source: u.source.clone(),
                postal_code: u.postal_code.clone(),
                phone: u.phone.clone(),
                url: u.url.clone(),
                digital: u.digital,
                other_region,
            }
        })
        .collect();
    let regions: Vec<&str> = origin.region.as_deref().into_iter().chain(list.iter().filter_map(|u| u.region.as_deref())).collect();
    let coverage = units.coverage(&regions);
    Ok(NearbyAnswer { origin, home_region, home_region_given, units: list, coverage })
}

type Query = (Origin, usize, Option<f64>, bool, Option<String>);

fn read_query(v: &Value, places: &Places, r: &mut Reader) -> Option<Query> {
    let obj = r.object(v, "")?;
    r.only_fields(obj, "", &["from", "k", "max_km", "only_open_lists", "home_region", "lang"]);
    let home_region = match field(obj, "home_region") {
        None | Some(Value::Null) => Some(None),
        Some(v) => r.string(v, "home_region").and_then(|code| {
            if LAN_CODES.contains(&code) {
                Some(Some(code.to_string()))
            } else {
                r.problem_with("home_region", "unknown_region", vec![("value", code.chars().take(12).collect())]);
                None
            }
        }),
    };
    let k = match field(obj, "k") {
        Some(k) => r.int(k, "k", 1, MAX_K as i64).map(|k| k as usize),
        None => Some(10),
    };
    let max_km = match field(obj, "max_km") {
        Some(m) => match m.as_f64() {
            Some(x) if x > 0.0 && x <= 5000.0 => Some(Some(x)),
            Some(_) => {
                r.problem_with("max_km", "out_of_range", vec![("min", "0".into()), ("max", "5000".into())]);
                None
            }
            None => {
                r.problem_with("max_km", "invalid_type", vec![("expected", "number".into())]);
                None
            }
        },
        None => Some(None),
    };
    let only_open = field(obj, "only_open_lists").map_or(Some(false), |b| r.bool(b, "only_open_lists"));
    let from = r.required(obj, "from", "").and_then(|f| r.object(f, "from"));
    let region_of = |municipality: &str| places.region_of(municipality).map(str::to_string);
    let origin = from.and_then(|f| {
        if let Some(code) = field(f, "postal_code") {
            let text = match code {
                Value::Number(n) => n.to_string(),
                _ => r.string(code, "from.postal_code")?.to_string(),
            };
            return match places.postal_code(&text) {
                Some(p) => Some(town_origin(p, "postal_code", &region_of)),
                None => {
                    r.problem_with("from.postal_code", "unknown_postal_code", vec![("value", text.chars().take(12).collect())]);
                    None
                }
            };
        }
        // `municipality` (1.0) names a municipality only; `place` (1.1) also a postal town.
        for (name, path, code) in [("municipality", "from.municipality", "unknown_municipality"), ("place", "from.place", "unknown_place")] {
            let Some(value) = field(f, name) else { continue };
            let text = r.string(value, path)?;
            let found = if name == "place" { places.place(text) } else { places.municipality(text).map(Place::Municipality) };
            return match found {
                Some(Place::Municipality(m)) => Some(Origin {
                    lat: m.lat,
                    lon: m.lon,
                    label: m.name.clone(),
                    kind: if m.town { "town" } else { "municipality" },
                    municipality: Some(m.code.clone()),
                    region: Some(m.county.clone()),
                }),
                Some(Place::Town(p)) => Some(town_origin(p, "town", &region_of)),
                None => {
                    r.problem_with(path, code, vec![("value", text.chars().take(40).collect())]);
                    None
                }
            };
        }
        let lat = r.required(f, "lat", "from").and_then(|x| coordinate(r, x, &key("from", "lat"), ("-90", "90")));
        let lon = r.required(f, "lon", "from").and_then(|x| coordinate(r, x, &key("from", "lon"), ("-180", "180")));
        let (lat, lon) = (lat?, lon?);
        let near = places.municipality_near(lat, lon);
        Some(Origin { lat, lon, label: String::new(), kind: "position", municipality: near.map(|m| m.code.clone()), region: near.map(|m| m.county.clone()) })
    });
    Some((origin?, k?, max_km?, only_open?, home_region?))
}

fn town_origin(p: &crate::places::Point, kind: &'static str, region_of: &dyn Fn(&str) -> Option<String>) -> Origin {
    let municipality = Some(p.municipality.clone()).filter(|m| !m.is_empty());
    let region = municipality.as_deref().and_then(region_of);
    Origin { lat: p.lat, lon: p.lon, label: p.place.clone(), kind, municipality, region }
}

/// A coordinate within ±`bounds` (given as text: no float printing in the module).
fn coordinate(r: &mut Reader, v: &Value, path: &str, bounds: (&str, &str)) -> Option<f64> {
    let limit: f64 = bounds.1.parse().unwrap_or(0.0);
    match v.as_f64() {
        Some(x) if x.abs() <= limit => Some(x),
        Some(_) => {
            r.problem_with(path, "out_of_range", vec![("min", bounds.0.into()), ("max", bounds.1.into())]);
            None
        }
        None => {
            r.problem_with(path, "invalid_type", vec![("expected", "number".into())]);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn great_circle_distances() {
        // Stockholm to Göteborg, about 398 km.
        let d = great_circle_km(59.3293, 18.0686, 57.7089, 11.9746);
        assert!((d - 398.0).abs() < 3.0, "{d}");
        assert_eq!(great_circle_km(60.0, 15.0, 60.0, 15.0), 0.0);
        // The chord route gives the same distance.
        let c = km_from_chord2(chord2(&to_xyz(59.3293, 18.0686), &to_xyz(57.7089, 11.9746)));
        assert!((c - d).abs() < 1e-6, "{c} {d}");
        assert!((km_from_chord2(chord2_from_km(123.4)) - 123.4).abs() < 1e-9);
    }
}
