//! Units near a place (CONTRACT §4): a k-d tree over the units and the
//! great-circle distance with the mean Earth radius.
//!
//! The tree holds each unit as a point on the unit sphere (x, y, z). The
//! straight-line (chord) distance between two such points grows with the
//! great-circle distance, so the nearest by chord are the nearest on the
//! Earth, and the search needs no trigonometry past the start.

use crate::prelude::*;
use crate::input::{clip, field, key, ErrorReport, Reader};
use crate::places::{Place, Places};
use crate::rulebook::LAN_CODES;
use crate::units::{Unit, UnitProblem};
use crate::json::Value;
use crate::text::concat;
use crate::json_writer::Decimal;

/// The query's shape as JSON Schema (`vardval schema nearby-query`).
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

/// Mean Earth radius, km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;
pub const MAX_K: usize = 1000;

fn to_xyz(lat: f64, lon: f64) -> [f64; 3] {
    let ((sin_lat, cos_lat), (sin_lon, cos_lon)) = (sin_cos_inline(lat.to_radians()), sin_cos_inline(lon.to_radians()));
    [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
}

/// Sine and cosine of `x` radians, for |x| ≤ π (a latitude or longitude):
/// one reduction by π/2 (Cody and Waite's, with π/2 in two parts) and fdlibm's
/// polynomials, as the standard library's `sin` and `cos` compute them for
/// such angles. Those also reduce any angle up to 10^308, with 5 KB of code
/// and tables that the WebAssembly module then carries; and two calls
/// reduce twice.
pub fn sin_cos(x: f64) -> (f64, f64) {
    sin_cos_inline(x)
}

/// `sin_cos` written into its caller: a build computes it twice per point.
#[inline(always)]
fn sin_cos_inline(x: f64) -> (f64, f64) {
    const PIO2_HI: f64 = 1.570_796_326_734_125_614_17; // π/2's first 33 bits: n · PIO2_HI is exact
    const PIO2_LO: f64 = 6.077_100_506_506_192_249_32e-11; // π/2 − PIO2_HI
    let n = libm::floor(x * core::f64::consts::FRAC_2_PI + 0.5);
    let y = (x - n * PIO2_HI) - n * PIO2_LO;
    let z = y * y;
    let w = z * z;
    let sin = y + z * y * (-1.666_666_666_666_663_243_48e-1 + z * (8.333_333_333_322_489_461_24e-3 + z * (-1.984_126_982_985_794_931_34e-4 + z * 2.755_731_370_707_006_767_89e-6) + z * w * (-2.505_076_025_340_686_341_95e-8 + z * 1.589_690_995_211_550_102_21e-10)));
    let r = z * (4.166_666_666_666_660_190_37e-2 + z * (-1.388_888_888_887_410_957_49e-3 + z * 2.480_158_728_947_672_941_78e-5)) + w * w * (-2.755_731_435_139_066_330_35e-7 + z * (2.087_572_321_298_174_827_90e-9 + z * -1.135_964_755_778_819_482_65e-11));
    let (hz, one_minus) = (0.5 * z, 1.0 - 0.5 * z);
    let cos = one_minus + (((1.0 - one_minus) - hz) + z * r);
    match (n as i64) & 3 {
        0 => (sin, cos),
        1 => (cos, -sin),
        2 => (-sin, -cos),
        _ => (-cos, sin),
    }
}

fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let d = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
    d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
}

/// Great-circle distance from a squared chord on the unit sphere.
fn km_from_chord2(c2: f64) -> f64 {
    2.0 * EARTH_RADIUS_KM * libm::asin((libm::sqrt(c2) / 2.0).min(1.0))
}

fn chord2_from_km(km: f64) -> f64 {
    let c = 2.0 * sin_cos((km / (2.0 * EARTH_RADIUS_KM)).min(core::f64::consts::FRAC_PI_2)).0;
    c * c
}

/// Haversine distance in km (used by the command's checks, the tests and the
/// benchmark's plain scan).
#[cfg(not(target_arch = "wasm32"))]
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Points in a list that cannot be on the Earth (not a number, or a latitude
/// beyond ±90 or a longitude beyond ±180) are left out of the index: they
/// would break its order. `set_positions` refuses such a list outright.
pub fn on_earth(lat: f64, lon: f64) -> bool {
    lat.abs() <= MAX_LAT && lon.abs() <= MAX_LON
}

const MAX_LAT: f64 = 90.0;
const MAX_LON: f64 = 180.0;

/// Ranges of at most this many points are not split but scanned: fewer
/// levels, and the points of a leaf lie together in memory.
const LEAF: usize = 64;

/// A point of the tree: its position on the unit sphere, its index in the
/// list and, for a node that splits its range, the axis it splits on.
#[derive(Clone, Copy)]
struct Node {
    p: [f64; 3],
    id: u32,
    axis: u32,
}

/// A static k-d tree over points on the unit sphere. The points lie in tree
/// order: a range of more than `LEAF` points has its splitting node in the
/// middle, the points below it on that node's axis before it, the others
/// after. Each node splits on the longest side of its range's box, so that
/// the thin shell the points of a country make on the sphere is not split
/// across its thickness.
pub struct Index {
    nodes: Vec<Node>,
    len: usize,
}

/// The nearest points found so far, ascending by (squared chord, index).
struct Best {
    found: Vec<(f64, u32)>,
    k: usize,
    limit: f64,
}

impl Best {
    /// The squared chord a point must not exceed to be among the `k` nearest.
    fn bound(&self) -> f64 {
        if self.found.len() < self.k {
            self.limit
        } else {
            self.found[self.k - 1].0
        }
    }

    fn offer(&mut self, d2: f64, id: u32) {
        let mut at = self.found.len();
        while at > 0 && (d2, id) < self.found[at - 1] {
            at -= 1;
        }
        if at < self.k {
            self.found.truncate(self.k - 1);
            self.found.insert(at, (d2, id));
        }
    }
}

impl Index {
    /// Builds the tree over positions `[lat0, lon0, lat1, lon1, …]` in
    /// degrees; a position that is not `on_earth` is left out, and its index
    /// is never an answer.
    pub fn build(positions: &[f64]) -> Index {
        let len = positions.len() / 2;
        // Written by index rather than pushed: at opt-level "z" a push stays a call.
        let mut nodes = vec![Node { p: [0.0; 3], id: 0, axis: 0 }; len];
        let mut kept = 0;
        for id in 0..len {
            let (lat, lon) = (positions[2 * id], positions[2 * id + 1]);
            if on_earth(lat, lon) {
                nodes[kept] = Node { p: to_xyz(lat, lon), id: id as u32, axis: 0 };
                kept += 1;
            }
        }
        nodes.truncate(kept);
        let mut bounds = [[f64::INFINITY; 3], [f64::NEG_INFINITY; 3]];
        for n in &nodes {
            for a in 0..3 {
                // Comparisons, not f64::min and max: those stay calls in this module.
                if n.p[a] < bounds[0][a] {
                    bounds[0][a] = n.p[a];
                }
                if n.p[a] > bounds[1][a] {
                    bounds[1][a] = n.p[a];
                }
            }
        }
        build_range(&mut nodes, bounds);
        Index { nodes, len }
    }

    /// How many points the list had, those left out included.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `k` nearest points to (lat, lon) within `max_km`, that `keep`
    /// accepts: (index, distance in km), nearest first, ties by index.
    // `keep` is generic, not `dyn`: a call through a `dyn Fn(usize) -> bool`
    // has the WebAssembly type of `Display::fmt`, so wasm-opt could not drop
    // the formatting that core's panic messages point to (0.9 KB brotli).
    pub fn nearest(&self, lat: f64, lon: f64, k: usize, max_km: Option<f64>, keep: &impl Fn(usize) -> bool) -> Vec<(usize, f64)> {
        self.search(lat, lon, k, max_km, keep).into_iter().map(|(c2, i)| (i as usize, km_from_chord2(c2))).collect()
    }

    /// `nearest` without the distances, for callers that want indices alone.
    pub fn nearest_ids(&self, lat: f64, lon: f64, k: usize, max_km: Option<f64>) -> Vec<u32> {
        self.search(lat, lon, k, max_km, &|_| true).into_iter().map(|(_, i)| i).collect()
    }

    fn search(&self, lat: f64, lon: f64, k: usize, max_km: Option<f64>, keep: &impl Fn(usize) -> bool) -> Vec<(f64, u32)> {
        let k = k.min(self.nodes.len());
        // A limit that is not a positive number finds nothing (nor would a NaN position).
        let limit = match max_km {
            Some(km) if km > 0.0 => chord2_from_km(km),
            Some(_) => return Vec::new(),
            None => f64::INFINITY,
        };
        let q = to_xyz(lat, lon);
        let mut best = Best { found: Vec::with_capacity(k), k, limit };
        if k > 0 && on_earth(lat, lon) {
            self.visit(&q, 0, self.nodes.len(), [0.0; 3], 0.0, keep, &mut best);
        }
        best.found
    }

    /// Searches `nodes[lo..hi]`, whose box is `cell2` (the sum of `off`'s
    /// squares) away from `q`: `off` holds, per axis, how far `q` is from
    /// the box on that axis (0 inside it).
    #[allow(clippy::too_many_arguments)]
    fn visit(&self, q: &[f64; 3], lo: usize, hi: usize, off: [f64; 3], cell2: f64, keep: &impl Fn(usize) -> bool, best: &mut Best) {
        let mut consider = |n: &Node| {
            let d2 = chord2(&n.p, q);
            if d2 <= best.bound() && keep(n.id as usize) {
                best.offer(d2, n.id);
            }
        };
        if hi - lo <= LEAF {
            self.nodes[lo..hi].iter().for_each(consider);
            return;
        }
        let mid = lo + (hi - lo) / 2;
        let node = &self.nodes[mid];
        consider(node);
        let axis = node.axis as usize;
        let diff = q[axis] - node.p[axis];
        let (near, far) = if diff < 0.0 { ((lo, mid), (mid + 1, hi)) } else { ((mid + 1, hi), (lo, mid)) };
        self.visit(q, near.0, near.1, off, cell2, keep, best);
        // The far side's box is at least |diff| away on this axis.
        let far2 = cell2 - off[axis] * off[axis] + diff * diff;
        if far2 <= best.bound() {
            let mut far_off = off;
            far_off[axis] = diff;
            self.visit(q, far.0, far.1, far_off, far2, keep, best);
        }
    }
}

/// Moves the point `k`-th by `axis` in `nodes[left..=right]` to `k`, those
/// before it on the axis before it and the others after it: Floyd and
/// Rivest's select, as kdbush's (a sample of the range first brackets `k`
/// closely). The standard library's `select_nth_unstable_by` calls its
/// comparison out of line in a module built for size, which made the build
/// twice as slow.
fn select(nodes: &mut [Node], k: usize, mut left: usize, mut right: usize, axis: usize) {
    // Inlined by hand: at opt-level "z" even these calls stay calls.
    #[inline(always)]
    fn at(nodes: &[Node], i: usize, axis: usize) -> f64 {
        nodes[i].p[axis]
    }
    #[inline(always)]
    fn swap(nodes: &mut [Node], i: usize, j: usize) {
        let t = nodes[i];
        nodes[i] = nodes[j];
        nodes[j] = t;
    }
    while right > left {
        if right - left > 600 {
            let n = (right - left + 1) as f64;
            let m = (k - left + 1) as f64;
            // ln n and n^(2/3) from the bit length: a sample's size needs no
            // more (and the module no logarithm or cube root).
            let bits = usize::BITS - (right - left + 1).leading_zeros();
            let z = f64::from(bits) * core::f64::consts::LN_2;
            let s = 0.5 * f64::from(1u32 << (2 * bits / 3));
            let sd = 0.5 * libm::sqrt(z * s * (n - s) / n) * if m < n / 2.0 { -1.0 } else { 1.0 };
            let new_left = left.max((k as f64 - m * s / n + sd).max(0.0) as usize);
            let new_right = right.min((k as f64 + (n - m) * s / n + sd).max(0.0) as usize);
            select(nodes, k, new_left, new_right, axis);
        }
        let t = at(nodes, k, axis);
        let (mut i, mut j) = (left, right);
        swap(nodes, left, k);
        if at(nodes, right, axis) > t {
            swap(nodes, left, right);
        }
        while i < j {
            swap(nodes, i, j);
            i += 1;
            j -= 1;
            while at(nodes, i, axis) < t {
                i += 1;
            }
            while at(nodes, j, axis) > t {
                j -= 1;
            }
        }
        if at(nodes, left, axis) == t {
            swap(nodes, left, j);
        } else {
            j += 1;
            swap(nodes, j, right);
        }
        if j <= k {
            left = j + 1;
        }
        if k <= j {
            if j == 0 {
                break;
            }
            right = j - 1;
        }
    }
}

/// Puts the splitting node of `nodes` in its middle, on the longest side of
/// `bounds` (the box of the points), and the ranges on either side in order.
fn build_range(nodes: &mut [Node], bounds: [[f64; 3]; 2]) {
    if nodes.len() <= LEAF {
        return;
    }
    let side = |a: usize| bounds[1][a] - bounds[0][a];
    let axis = if side(0) >= side(1) && side(0) >= side(2) { 0 } else if side(1) >= side(2) { 1 } else { 2 };
    let mid = nodes.len() / 2;
    select(nodes, mid, 0, nodes.len() - 1, axis);
    nodes[mid].axis = axis as u32;
    let split = nodes[mid].p[axis];
    let (left, right) = nodes.split_at_mut(mid);
    let (mut below, mut above) = (bounds, bounds);
    below[1][axis] = split;
    above[0][axis] = split;
    build_range(left, below);
    build_range(&mut right[1..], above);
}

/// Where the search started.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
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
json_object!(Origin { lat, lon, label, kind, municipality, region });

/// A unit with every field of its row, its distance along the great circle
/// (km, to the metre) and whether it is outside the home region.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
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
json_object!(NearbyUnit { id, name, lat, lon, distance_km, region, municipality, list_closed, address, source, postal_code, phone, url, digital, other_region });

/// How complete the list is in one region: its units against the lower bound
/// 1177 shows (`data/unit-counts-1177.json`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct Coverage {
    pub region: String,
    pub in_list: usize,
    pub at_least: u32,
}
json_object!(Coverage { region, in_list, at_least });

/// The units nearest a place (CONTRACT §4, §6), nearest first.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct NearbyAnswer {
    pub origin: Origin,
    /// The person's home region: as given, else the origin's region.
    pub home_region: Option<String>,
    /// Whether the person gave `home_region` (else it is the origin's).
    pub home_region_given: bool,
    pub units: Vec<NearbyUnit>,
    /// For each region the origin and the units are in; absent for a list
    /// without counts to compare with (a region's own list).
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub coverage: Option<Vec<Coverage>>,
}
json_object!(NearbyAnswer { origin, home_region, home_region_given, units, coverage? });

/// A unit list with its index, ready to be searched.
pub struct Units {
    /// The units with every field; empty for a list of positions alone.
    pub units: Vec<Unit>,
    /// A list of positions alone: latitude and longitude of each, in turn.
    positions: Vec<f64>,
    index: Index,
    /// 1177's lower bound per region, for the default list only.
    counts_1177: Option<Vec<(String, u32)>>,
}

/// What is wrong with the positions of `Units::from_positions`: the first
/// `MAX_POSITION_PROBLEMS`.
fn position_problems(positions: &[f64]) -> Vec<UnitProblem> {
    let mut problems = Vec::new();
    let problem = |i: usize, field: &str, code: &'static str, detail: &str| UnitProblem { line: i + 1, field: field.into(), code, detail: detail.into() };
    for (i, pair) in positions.chunks(2).enumerate() {
        match *pair {
            [lat, lon] => {
                for (field, x, (ok, min, max)) in [("lat", lat, LAT), ("lon", lon, LON)] {
                    if x.is_nan() {
                        problems.push(problem(i, field, "invalid_number", "not a number"));
                    } else if !ok(x) {
                        problems.push(problem(i, field, "out_of_range", &concat(&["not within ", min, " and ", max, " degrees"])));
                    }
                }
            }
            _ => problems.push(problem(i, "lon", "missing_field", "the last position has no longitude")),
        }
        if problems.len() >= MAX_POSITION_PROBLEMS {
            break;
        }
    }
    problems
}

/// The most problems `Units::from_positions` lists: a large array of bad
/// numbers is refused just as well with the first of them.
pub const MAX_POSITION_PROBLEMS: usize = 100;

impl Units {
    /// A list without units.
    pub const EMPTY: Units = Units { units: Vec::new(), positions: Vec::new(), index: Index { nodes: Vec::new(), len: 0 }, counts_1177: None };

    pub fn new(units: Vec<Unit>) -> Units {
        // Pushed, not collected from a `flat_map`: 0.3 KB less in the WebAssembly module.
        let mut positions = Vec::with_capacity(2 * units.len());
        for u in &units {
            positions.push(u.lat);
            positions.push(u.lon);
        }
        let index = Index::build(&positions);
        Units { units, positions: Vec::new(), index, counts_1177: None }
    }

    /// A list of positions alone, `[lat0, lon0, lat1, lon1, …]` in degrees:
    /// the way in for a large list, and for callers that keep their units'
    /// other fields themselves. Answers name each unit by its index ("0",
    /// "1", …). A position that cannot be on the Earth refuses the list, with
    /// the first problems (`line`: the position's number, from 1).
    pub fn from_positions(positions: Vec<f64>) -> Result<Units, Vec<UnitProblem>> {
        // The usual case, a list without problems, checked in one quick pass.
        if positions.len() % 2 == 1 || !positions.chunks_exact(2).all(|p| on_earth(p[0], p[1])) {
            return Err(position_problems(&positions));
        }
        let index = Index::build(&positions);
        Ok(Units { units: Vec::new(), positions, index, counts_1177: None })
    }

    /// How many units the list has.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Sets 1177's counts (`data/unit-counts-1177.json`), so that answers say
    /// how complete the list is. Only for the list those counts describe.
    pub fn set_counts_1177(&mut self, text: &str) -> Option<()> {
        let v: Value = crate::input::parse_json(text).ok()?;
        // A loop rather than `collect::<Option<Vec<_>>>()`, which costs the WebAssembly module half a kilobyte.
        let mut counts = Vec::new();
        for (region, n) in v.get("at_least")?.as_object()? {
            counts.push((region.clone(), u32::try_from(n.as_u64()?).ok()?));
        }
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
    let keep = |i: usize| !only_open || units.units.get(i).is_none_or(|u| u.list_closed != Some(true));
    let found = units.index.nearest(origin.lat, origin.lon, k, max_km, &keep);
    let list: Vec<NearbyUnit> = found
        .into_iter()
        .map(|(i, km)| {
            let position_alone;
            let u = match units.units.get(i) {
                Some(u) => u,
                None => {
                    position_alone = Unit { id: i.decimal(), lat: units.positions[2 * i], lon: units.positions[2 * i + 1], ..Unit::default() };
                    &position_alone
                }
            };
            let other_region = match (&u.region, &home_region) {
                (Some(unit), Some(home)) => Some(unit != home),
                _ => None,
            };
            NearbyUnit {
                id: u.id.clone(),
                name: u.name.clone(),
                lat: u.lat,
                lon: u.lon,
                distance_km: libm::round(km * 1000.0) / 1000.0,
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
                r.problem_with("home_region", "unknown_region", vec![("value", clip(code, 12))]);
                None
            }
        }),
    };
    let k = match field(obj, "k") {
        Some(k) => r.int(k, "k", 1, MAX_K as i64).map(|k| k as usize),
        None => Some(10),
    };
    let max_km = match field(obj, "max_km") {
        Some(m) => number(r, m.as_f64(), "max_km", MAX_KM).map(Some),
        None => Some(None),
    };
    let only_open = field(obj, "only_open_lists").map_or(Some(false), |b| r.bool(b, "only_open_lists"));
    let from = r.required(obj, "from", "").and_then(|f| r.object(f, "from"));
    let region_of = |municipality: &str| places.region_of(municipality).map(str::to_string);
    let origin = from.and_then(|f| {
        if let Some(code) = field(f, "postal_code") {
            let text = match code {
                Value::Number(n) => n.as_str().to_string(),
                _ => r.string(code, "from.postal_code")?.to_string(),
            };
            return match places.postal_code(&text) {
                Some(p) => Some(town_origin(p, "postal_code", &region_of)),
                None => {
                    r.problem_with("from.postal_code", "unknown_postal_code", vec![("value", clip(&text, 12))]);
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
                    r.problem_with(path, code, vec![("value", clip(text, 40))]);
                    None
                }
            };
        }
        let lat = r.required(f, "lat", "from").and_then(|x| number(r, x.as_f64(), &key("from", "lat"), LAT));
        let lon = r.required(f, "lon", "from").and_then(|x| number(r, x.as_f64(), &key("from", "lon"), LON));
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

/// What a number may be: the test, and its lowest and highest value as
/// messages write them (as text: no float printing in the module).
type Bounds = (fn(f64) -> bool, &'static str, &'static str);
const LAT: Bounds = (|x| x.abs() <= MAX_LAT, "-90", "90");
const LON: Bounds = (|x| x.abs() <= MAX_LON, "-180", "180");
const MAX_KM: Bounds = (|x| x > 0.0 && x <= 5000.0, "0", "5000");

/// A number within its bounds; `None` (with the problem) when it is not a
/// number or out of them.
fn number(r: &mut Reader, x: Option<f64>, path: &str, (ok, min, max): Bounds) -> Option<f64> {
    match x {
        Some(x) if ok(x) => Some(x),
        Some(_) => {
            r.problem_with(path, "out_of_range", vec![("min", min.into()), ("max", max.into())]);
            None
        }
        None => {
            r.problem_with(path, "invalid_type", vec![("expected", "number".into())]);
            None
        }
    }
}

/// The indices of the `k` units nearest (lat, lon) within `max_km`, nearest
/// first, ties by index (for callers that need no JSON), with the input
/// checked as the query's: a position on the Earth, a `max_km` the query would
/// take. Problems in Swedish, as `evaluate`'s when there is no `lang` to read.
pub fn nearest_ids(units: &Units, lat: f64, lon: f64, k: usize, max_km: Option<f64>) -> Result<Vec<u32>, ErrorReport> {
    let mut r = Reader::default();
    number(&mut r, Some(lat), "lat", LAT);
    number(&mut r, Some(lon), "lon", LON);
    if let Some(m) = max_km {
        number(&mut r, Some(m), "max_km", MAX_KM);
    }
    // As the JSON query's: the list of the best found is kept in order by
    // insertion, so a k of a million would take the tab for minutes.
    r.in_range(i64::try_from(k).unwrap_or(i64::MAX), "k", 1, MAX_K as i64);
    if !r.problems.is_empty() {
        return Err(crate::report(crate::text::Lang::Sv, &r.problems));
    }
    Ok(units.index.nearest_ids(lat, lon, k, max_km))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sine_and_cosine_as_the_standard_librarys_within_an_ulp_or_two() {
        let mut worst: f64 = 0.0;
        for i in -200_000..=200_000 {
            let x = core::f64::consts::PI * f64::from(i) / 200_000.0;
            let (s, c) = sin_cos(x);
            worst = worst.max((s - x.sin()).abs()).max((c - x.cos()).abs());
        }
        assert!(worst <= 2.0 * f64::EPSILON, "{worst:e}");
        assert_eq!(sin_cos(0.0), (0.0, 1.0));
        assert!(sin_cos(f64::NAN).0.is_nan());
    }

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
