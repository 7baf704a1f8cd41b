//! Where a search starts (RULES.md §5b): postal codes (town centroids),
//! municipalities (their main town) and postal towns by name, from
//! `data/municipalities.json` and `data/postal-codes.json` (built by
//! scripts/units_data.py). Either may be absent: the page loads the postal
//! codes only when a person types a postal code or a town that is not a
//! municipality.

use crate::prelude::*;
use crate::json::Value;

pub struct Municipality {
    pub code: String,
    pub name: String,
    pub county: String,
    /// Where a search from the municipality starts: its main town, or (when
    /// no postal town has its name) a point SCB gives inside it.
    pub lat: f64,
    pub lon: f64,
    /// Whether (`lat`, `lon`) is the main town.
    pub town: bool,
}

pub struct Point {
    pub lat: f64,
    pub lon: f64,
    pub place: String,
    pub municipality: String,
}

pub struct Places {
    pub municipalities: Vec<Municipality>,
    pub points: Vec<Point>,
    /// (postal code, index into `points`), ascending by code.
    pub postal_codes: Vec<(u32, u32)>,
    /// How many postal codes each point has: a town's main point has most.
    codes_per_point: Vec<u32>,
    /// Names people type that are not Swedish (folded) and the municipality code.
    english_names: Vec<(String, String)>,
}

/// Item `i` of a JSON array, as text or as a number.
fn str_at(a: &Value, i: usize) -> Option<String> {
    a.get(i).and_then(Value::as_str).map(str::to_string)
}

fn f64_at(a: &Value, i: usize) -> Option<f64> {
    a.get(i).and_then(Value::as_f64)
}

/// A place a search starts from.
pub enum Place<'a> {
    Municipality(&'a Municipality),
    Town(&'a Point),
}

/// A place name as it is compared: lower case, hyphens as spaces, and with
/// `marks` false also without å/ä/ö/é/ü's marks ("Malmö", "malmo" and "MALMÖ"
/// are one; "Upplands-Bro" is "upplands bro"). Names are compared with their
/// marks first: Habo and Håbo are two municipalities. scripts/units_data.py
/// folds the same letters. (`str::to_lowercase` brings Unicode's case tables,
/// 4 KB, into the WebAssembly module.)
pub fn fold_place(text: &str, marks: bool) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            'Å' | 'å' if marks => 'å',
            'Ä' | 'ä' if marks => 'ä',
            'Ö' | 'ö' if marks => 'ö',
            'É' | 'é' if marks => 'é',
            'Å' | 'Ä' | 'å' | 'ä' | 'Á' | 'á' | 'À' | 'à' => 'a',
            'Ö' | 'ö' | 'Ø' | 'ø' => 'o',
            'É' | 'é' | 'È' | 'è' => 'e',
            'Ü' | 'ü' => 'u',
            '-' => ' ',
            _ => c.to_ascii_lowercase(),
        })
        .collect();
    let mut words = String::with_capacity(folded.len());
    for word in folded.split_ascii_whitespace() {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    words
}

impl Places {
    /// No places yet.
    pub const EMPTY: Places = Places { municipalities: Vec::new(), points: Vec::new(), postal_codes: Vec::new(), codes_per_point: Vec::new(), english_names: Vec::new() };

    /// Adds the tables in `text` (either file's JSON); `None` if it is not that.
    pub fn add_json(&mut self, text: &str) -> Option<()> {
        let v: Value = crate::input::parse_json(text).ok()?;
        if v.get("municipalities").is_some() {
            self.municipalities = Self::read_municipalities(&v)?;
            self.english_names = Vec::new();
            if let Some(names) = v.get("english_names") {
                for (name, code) in names.as_object()? {
                    self.english_names.push((fold_place(name, false), code.as_str()?.to_string()));
                }
            }
        }
        if v.get("postal_codes").is_some() {
            let (points, codes) = Self::read_postal_codes(&v)?;
            self.codes_per_point = vec![0; points.len()];
            for &(_, p) in &codes {
                self.codes_per_point[p as usize] += 1;
            }
            self.points = points;
            self.postal_codes = codes;
        }
        Some(())
    }

    /// Places from one or more of the files' texts.
    pub fn from_json_texts(texts: &[&str]) -> Option<Places> {
        let mut places = Places::EMPTY;
        for text in texts {
            places.add_json(text)?;
        }
        Some(places)
    }

    // Loops rather than `collect::<Option<Vec<_>>>()`: each such collect
    // costs the WebAssembly module about half a kilobyte.
    fn read_municipalities(v: &Value) -> Option<Vec<Municipality>> {
        let mut municipalities = Vec::new();
        for m in v.get("municipalities")?.as_array()? {
            let town = m.get(5).and_then(Value::as_u64) == Some(1);
            municipalities.push(Municipality { code: str_at(m, 0)?, name: str_at(m, 1)?, county: str_at(m, 2)?, lat: f64_at(m, 3)?, lon: f64_at(m, 4)?, town });
        }
        Some(municipalities)
    }

    #[allow(clippy::type_complexity)]
    fn read_postal_codes(v: &Value) -> Option<(Vec<Point>, Vec<(u32, u32)>)> {
        let mut points = Vec::new();
        for p in v.get("points")?.as_array()? {
            points.push(Point { lat: f64_at(p, 0)?, lon: f64_at(p, 1)?, place: str_at(p, 2)?, municipality: str_at(p, 3)? });
        }
        let mut code = 0u32;
        let mut postal_codes = Vec::new();
        for pair in v.get("postal_codes")?.as_str()?.split(',') {
            let (delta, point) = pair.split_once(':')?;
            code += delta.parse::<u32>().ok()?;
            let point: u32 = point.parse().ok()?;
            if point as usize >= points.len() {
                return None;
            }
            postal_codes.push((code, point));
        }
        Some((points, postal_codes))
    }

    /// A postal code as people write it: "41319", "413 19".
    pub fn postal_code(&self, text: &str) -> Option<&Point> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code: u32 = digits.parse().ok()?;
        let i = self.postal_codes.binary_search_by_key(&code, |(c, _)| *c).ok()?;
        self.points.get(self.postal_codes[i].1 as usize)
    }

    /// A municipality by its code ("1480"), its name without regard to case or
    /// å/ä/ö ("Göteborg", "goteborgs kommun") or its English name ("Gothenburg").
    pub fn municipality(&self, text: &str) -> Option<&Municipality> {
        let text = text.trim();
        if let Some(m) = self.municipality_by_code(text) {
            return Some(m);
        }
        // With the marks first (Habo is not Håbo), then without ("malmo").
        for marks in [true, false] {
            let wanted = fold_place(text, marks);
            let wanted = wanted.strip_suffix(" kommun").unwrap_or(&wanted);
            if let Some((_, code)) = self.english_names.iter().find(|(name, _)| name == wanted) {
                return self.municipality_by_code(code);
            }
            let found = self.municipalities.iter().find(|m| {
                let name = fold_place(&m.name, marks);
                name == wanted || wanted.strip_suffix('s').is_some_and(|w| w == name)
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    pub fn municipality_by_code(&self, code: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.code == code)
    }

    /// A postal town by name ("Visby", "dalby"): of the points with that name,
    /// the one with most postal codes (a town's centre), its name as written
    /// in mixed case where the data has both "VISBY" and "Visby".
    pub fn town(&self, text: &str) -> Option<&Point> {
        let exact = fold_place(text, true);
        let (wanted, marks) = if self.points.iter().any(|p| fold_place(&p.place, true) == exact) { (exact, true) } else { (fold_place(text, false), false) };
        let named = |p: &&Point| fold_place(&p.place, marks) == wanted;
        let best = self.points.iter().enumerate().filter(|(_, p)| named(p)).max_by_key(|&(i, p)| (self.codes_per_point[i], !p.municipality.is_empty(), core::cmp::Reverse(i)))?.1;
        // Not `char::is_lowercase`: its Unicode tables would weigh on the WebAssembly module.
        let mixed_case = |p: &Point| p.place.chars().any(|c| c.is_ascii_lowercase() || matches!(c, 'å' | 'ä' | 'ö' | 'é' | 'ü'));
        if mixed_case(best) {
            return Some(best);
        }
        Some(self.points.iter().filter(named).find(|p| p.lat == best.lat && p.lon == best.lon && mixed_case(p)).unwrap_or(best))
    }

    /// A place name: a municipality (its main town) first, else a postal town.
    pub fn place(&self, text: &str) -> Option<Place<'_>> {
        self.municipality(text).map(Place::Municipality).or_else(|| self.town(text).map(Place::Town))
    }

    /// The region (län code) of a municipality.
    pub fn region_of(&self, municipality: &str) -> Option<&str> {
        self.municipality_by_code(municipality).map(|m| m.county.as_str())
    }

    /// The municipality a position is most likely in: that of the nearest
    /// postal-town point when the postal codes are loaded, else of the nearest
    /// municipality's starting point. Near a border this can be the
    /// neighbour, so the page shows the region it assumed.
    pub fn municipality_near(&self, lat: f64, lon: f64) -> Option<&Municipality> {
        // Squared distance on an equirectangular projection: enough to rank
        // points a few kilometres apart.
        let cos = crate::nearby::sin_cos(lat.to_radians()).1;
        let d2 = |plat: f64, plon: f64| {
            let (dy, dx) = (plat - lat, (plon - lon) * cos);
            dy * dy + dx * dx
        };
        // Farther than about 1° of latitude (111 km) from every town: not in Sweden.
        let near = |plat: f64, plon: f64| d2(plat, plon) <= 1.0;
        let by_town = self.points.iter().filter(|p| !p.municipality.is_empty()).min_by(|a, b| d2(a.lat, a.lon).total_cmp(&d2(b.lat, b.lon)));
        match by_town {
            Some(p) => self.municipality_by_code(&p.municipality).filter(|_| near(p.lat, p.lon)),
            None => self.municipalities.iter().min_by(|a, b| d2(a.lat, a.lon).total_cmp(&d2(b.lat, b.lon))).filter(|m| near(m.lat, m.lon)),
        }
    }

    pub fn municipality_known(&self, code: &str) -> bool {
        self.municipality_by_code(code).is_some()
    }
}
