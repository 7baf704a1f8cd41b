//! Where Sweden is, for the command: the 21 regions' borders and the island
//! points of `data/sweden-outline.json` (scripts/sweden_outline.py). A
//! position is in Sweden when it is inside a region's border, within
//! `BORDER_MARGIN_KM` of one (the borders are generalised: about 250 points a
//! region) or within `ISLAND_RADIUS_KM` of a postal town the borders leave out.

use vardval::nearby::great_circle_km;
use vardval::places::fold_place;

const OUTLINE: &str = include_str!("../../data/sweden-outline.json");
pub const BORDER_MARGIN_KM: f64 = 2.0;
pub const ISLAND_RADIUS_KM: f64 = 3.0;
/// Kilometres per degree of latitude (mean Earth radius).
const KM_PER_DEGREE: f64 = vardval::nearby::EARTH_RADIUS_KM * std::f64::consts::PI / 180.0;
/// Edges are filed by bands of latitude this wide, so that a position is
/// tested against the few edges that cross its latitude.
const BAND_DEGREES: f64 = 0.05;

pub struct Region {
    pub code: String,
    /// "Jönköpings län", "Jönköping".
    pub name: String,
    pub short_name: String,
}

/// A border's edge: (lat, lon) to (lat, lon), and its region's index.
struct Edge {
    a: (f64, f64),
    b: (f64, f64),
    region: usize,
}

pub struct Sweden {
    pub regions: Vec<Region>,
    edges: Vec<Edge>,
    /// Indices into `edges` of the edges whose latitudes meet each band.
    bands: Vec<Vec<u32>>,
    south: f64,
    islands: Vec<(f64, f64)>,
}

impl Sweden {
    /// The embedded outline (checked by a test: a broken file is a build bug).
    pub fn load() -> Sweden {
        Sweden::from_json(OUTLINE).expect("data/sweden-outline.json is valid")
    }

    fn from_json(text: &str) -> Option<Sweden> {
        let v = vardval::parse_json(text).ok()?;
        let mut regions = Vec::new();
        let mut edges = Vec::new();
        for (i, r) in v.get("regions")?.as_array()?.iter().enumerate() {
            let text = |k: usize| r.get(k).and_then(|s| s.as_str()).map(str::to_string);
            regions.push(Region { code: text(0)?, name: text(1)?, short_name: text(2)? });
            for ring in r.get(3)?.as_array()? {
                let flat = ring.as_array()?.iter().map(|x| x.as_f64()).collect::<Option<Vec<f64>>>()?;
                let points: Vec<(f64, f64)> = flat.chunks_exact(2).map(|p| (p[1], p[0])).collect();
                for (k, &a) in points.iter().enumerate() {
                    edges.push(Edge { a, b: points[(k + 1) % points.len()], region: i });
                }
            }
        }
        let islands = v.get("islands")?.as_array()?.iter().map(|p| Some((p.get(0)?.as_f64()?, p.get(1)?.as_f64()?))).collect::<Option<Vec<_>>>()?;
        let south = edges.iter().map(|e| e.a.0).fold(f64::INFINITY, f64::min);
        let north = edges.iter().map(|e| e.a.0).fold(f64::NEG_INFINITY, f64::max);
        let mut bands = vec![Vec::new(); ((north - south) / BAND_DEGREES) as usize + 1];
        for (k, e) in edges.iter().enumerate() {
            let (low, high) = (e.a.0.min(e.b.0), e.a.0.max(e.b.0));
            for band in &mut bands[((low - south) / BAND_DEGREES) as usize..=((high - south) / BAND_DEGREES) as usize] {
                band.push(k as u32);
            }
        }
        Some(Sweden { regions, edges, bands, south, islands })
    }

    /// The edges filed in the bands that latitudes `low..=high` meet.
    fn edges_between(&self, low: f64, high: f64) -> impl Iterator<Item = &Edge> {
        let band = |lat: f64| ((lat - self.south) / BAND_DEGREES).floor().clamp(-1.0, self.bands.len() as f64) as isize;
        let (first, last) = (band(low).max(0) as usize, band(high).min(self.bands.len() as isize - 1));
        let bands = if last < 0 || first as isize > last { &self.bands[0..0] } else { &self.bands[first..=last as usize] };
        bands.iter().flatten().map(|&k| &self.edges[k as usize])
    }

    /// The region whose border holds the position (even-odd rule).
    pub fn region_at(&self, lat: f64, lon: f64) -> Option<&Region> {
        let mut inside = vec![false; self.regions.len()];
        for e in self.edges_between(lat, lat) {
            let ((y1, x1), (y2, x2)) = (e.a, e.b);
            if (y1 > lat) != (y2 > lat) && x1 + (lat - y1) * (x2 - x1) / (y2 - y1) > lon {
                inside[e.region] = !inside[e.region];
            }
        }
        inside.iter().position(|&i| i).map(|i| &self.regions[i])
    }

    /// The distance to the nearest border, in km, when it is at most `within`.
    pub fn border_km(&self, lat: f64, lon: f64, within: f64) -> Option<f64> {
        let margin = within / KM_PER_DEGREE;
        let cos = lat.to_radians().cos();
        // Kilometres east and north of the position (an equirectangular
        // projection, close enough over a few kilometres).
        let km = |(y, x): (f64, f64)| ((x - lon) * cos * KM_PER_DEGREE, (y - lat) * KM_PER_DEGREE);
        self.edges_between(lat - margin, lat + margin)
            .map(|e| {
                let ((ax, ay), (bx, by)) = (km(e.a), km(e.b));
                let (dx, dy) = (bx - ax, by - ay);
                let length2 = dx * dx + dy * dy;
                let t = if length2 == 0.0 { 0.0 } else { (-(ax * dx + ay * dy) / length2).clamp(0.0, 1.0) };
                (ax + t * dx).hypot(ay + t * dy)
            })
            .filter(|&d| d <= within)
            .min_by(f64::total_cmp)
    }

    /// Whether a position is in Sweden (the rule at the top of this file).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        self.region_at(lat, lon).is_some() || self.border_km(lat, lon, BORDER_MARGIN_KM).is_some() || self.islands.iter().any(|&(y, x)| great_circle_km(lat, lon, y, x) <= ISLAND_RADIUS_KM)
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// A region by its name as regions write it: "Jönköpings län", "Region
    /// Jönköpings län", "Jönköping", "Region Skåne", "Västra Götalandsregionen",
    /// without regard to case or å/ä/ö.
    /// The regions' own names ("Region Sörmland", "Region Jämtland Härjedalen")
    /// come from the rulebook, the one list of them.
    pub fn region_by_name(&self, text: &str) -> Option<&Region> {
        let folded = fold_place(text, false);
        let own_name = vardval::rulebook("se").and_then(|book| book.regions.iter().find(|r| fold_place(&r.name, false) == folded).map(|r| r.code.clone()));
        if let Some(code) = own_name {
            return self.region(&code);
        }
        let wanted = folded.strip_prefix("region ").unwrap_or(&folded);
        let wanted = wanted.strip_suffix(" lan").or_else(|| wanted.strip_suffix("regionen")).unwrap_or(wanted).trim_end();
        self.regions.iter().find(|r| {
            let short = fold_place(&r.short_name, false);
            wanted == short || wanted.strip_suffix('s') == Some(short.as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweden_and_its_neighbours() {
        let sweden = Sweden::load();
        assert_eq!(sweden.regions.len(), 21);
        // Jönköping, Kiruna, Visby, Göteborg; Styrsö (an island the borders leave out).
        for (lat, lon) in [(57.7826, 14.1618), (67.8557, 20.2251), (57.6348, 18.2948), (57.7089, 11.9746), (57.6167, 11.7922)] {
            assert!(sweden.contains(lat, lon), "{lat}, {lon}");
        }
        assert_eq!(sweden.region_at(57.7826, 14.1618).map(|r| r.code.as_str()), Some("06"));
        // Copenhagen, Oslo, Turku, Helsingør, Mariehamn: inside the old bounding box, not in Sweden.
        for (lat, lon) in [(55.6761, 12.5683), (59.9139, 10.7522), (60.4518, 22.2666), (56.0361, 12.6136), (60.0973, 19.9348)] {
            assert!(vardval::units::in_sweden(lat, lon), "{lat}, {lon} in the box");
            assert!(!sweden.contains(lat, lon), "{lat}, {lon}");
        }
    }

    #[test]
    fn regions_by_the_names_regions_use() {
        let sweden = Sweden::load();
        let code = |name: &str| sweden.region_by_name(name).map(|r| r.code.as_str());
        assert_eq!(code("Jönköpings län"), Some("06"));
        assert_eq!(code("Region Jönköpings län"), Some("06"));
        assert_eq!(code("region jonkoping"), Some("06"));
        assert_eq!(code("Västra Götalandsregionen"), Some("14"));
        assert_eq!(code("Region Skåne"), Some("12"));
        assert_eq!(code("Stockholms län"), Some("01"));
        assert_eq!(code("Region Örebro län"), Some("18"));
        assert_eq!(code("Gotland"), Some("09"));
        assert_eq!(code("Lappland"), None);
    }
}
