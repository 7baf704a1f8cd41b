//! Where a search starts: postal codes (town centroids) and municipalities,
//! from `data/municipalities.json` and `data/postal-codes.json` (built by
//! scripts/units_data.py). Either may be absent: the page loads the postal
//! codes only when a person types one.

use serde_json::Value;

pub struct Municipality {
    pub code: String,
    pub name: String,
    pub county: String,
    pub lat: f64,
    pub lon: f64,
}

pub struct Point {
    pub lat: f64,
    pub lon: f64,
    pub place: String,
    pub municipality: String,
}

#[derive(Default)]
pub struct Places {
    pub municipalities: Vec<Municipality>,
    pub points: Vec<Point>,
    /// (postal code, index into `points`), ascending by code.
    pub postal_codes: Vec<(u32, u32)>,
}

/// Lower case for the letters of Swedish place names. (`str::to_lowercase`
/// brings Unicode's case tables, 4 KB, into the WebAssembly module.)
pub fn fold_case(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'Å' => 'å',
            'Ä' => 'ä',
            'Ö' => 'ö',
            'É' => 'é',
            'Ü' => 'ü',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Places {
    /// Adds the tables in `text` (either file's JSON); `None` if it is not that.
    pub fn add_json(&mut self, text: &str) -> Option<()> {
        let v: Value = serde_json::from_str(text).ok()?;
        if v.get("municipalities").is_some() {
            self.municipalities = Self::read_municipalities(&v)?;
        }
        if v.get("postal_codes").is_some() {
            let (points, codes) = Self::read_postal_codes(&v)?;
            self.points = points;
            self.postal_codes = codes;
        }
        Some(())
    }

    /// Places from one or more of the files' texts.
    pub fn from_json_texts(texts: &[&str]) -> Option<Places> {
        let mut places = Places::default();
        for text in texts {
            places.add_json(text)?;
        }
        Some(places)
    }

    fn read_municipalities(v: &Value) -> Option<Vec<Municipality>> {
        let str_at = |a: &Value, i: usize| a.get(i).and_then(Value::as_str).map(str::to_string);
        let f64_at = |a: &Value, i: usize| a.get(i).and_then(Value::as_f64);
        v.get("municipalities")?
            .as_array()?
            .iter()
            .map(|m| Some(Municipality { code: str_at(m, 0)?, name: str_at(m, 1)?, county: str_at(m, 2)?, lat: f64_at(m, 3)?, lon: f64_at(m, 4)? }))
            .collect()
    }

    #[allow(clippy::type_complexity)]
    fn read_postal_codes(v: &Value) -> Option<(Vec<Point>, Vec<(u32, u32)>)> {
        let str_at = |a: &Value, i: usize| a.get(i).and_then(Value::as_str).map(str::to_string);
        let f64_at = |a: &Value, i: usize| a.get(i).and_then(Value::as_f64);
        let points = v
            .get("points")?
            .as_array()?
            .iter()
            .map(|p| Some(Point { lat: f64_at(p, 0)?, lon: f64_at(p, 1)?, place: str_at(p, 2)?, municipality: str_at(p, 3)? }))
            .collect::<Option<Vec<_>>>()?;
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

    /// A municipality by its code ("1480") or its name ("Göteborg", "göteborgs kommun").
    pub fn municipality(&self, text: &str) -> Option<&Municipality> {
        let text = text.trim();
        if let Some(m) = self.municipalities.iter().find(|m| m.code == text) {
            return Some(m);
        }
        let wanted = fold_case(text);
        let wanted = wanted.strip_suffix(" kommun").unwrap_or(&wanted);
        self.municipalities.iter().find(|m| {
            let name = fold_case(&m.name);
            name == wanted || wanted.strip_suffix('s').is_some_and(|w| w == name)
        })
    }

    pub fn municipality_known(&self, code: &str) -> bool {
        self.municipalities.iter().any(|m| m.code == code)
    }
}
