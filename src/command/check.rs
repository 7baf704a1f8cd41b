//! `vardval units check`: the checks of `units::Checker` over a file read a
//! piece at a time (memory stays small whatever the file's size: only the
//! header and the ids seen are kept), and those that need the command's data:
//! a position inside Sweden's borders, a municipality in its region, and a
//! position near its municipality (docs/units.md).

use super::sweden::{Sweden, BORDER_MARGIN_KM};
use super::text::{NotUtf8, Pieces, Utf8Reader};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead};
use vardval::json::{Reader, Source, Syntax};
use vardval::nearby::great_circle_km;
use vardval::places::Places;
use vardval::rulebook::LAN_CODES;
use vardval::units::{json_fields, not_an_object, Checker, CsvParser, Unit, UnitProblem};

/// Added to a municipality's radius (see `Geo::new`).
pub const MUNICIPALITY_MARGIN_KM: f64 = 15.0;

struct MunicipalityArea<'a> {
    name: &'a str,
    county: &'a str,
    lat: f64,
    lon: f64,
    /// How far from (`lat`, `lon`) its units may be; `None` without postal towns.
    radius_km: Option<f64>,
}

/// The checks that need places and Sweden's borders.
pub struct Geo<'a> {
    pub places: &'a Places,
    pub sweden: Sweden,
    municipalities: HashMap<&'a str, MunicipalityArea<'a>>,
}

impl<'a> Geo<'a> {
    /// A municipality's radius is the distance from its point (where a search
    /// from it starts) to the farthest postal town of the municipality, plus
    /// `MUNICIPALITY_MARGIN_KM`. A postal town inside another region's border
    /// is left out (a misplaced GeoNames point would make the radius useless).
    pub fn new(places: &'a Places) -> Geo<'a> {
        let sweden = Sweden::load();
        let mut municipalities: HashMap<&str, MunicipalityArea> =
            places.municipalities.iter().map(|m| (m.code.as_str(), MunicipalityArea { name: &m.name, county: &m.county, lat: m.lat, lon: m.lon, radius_km: None })).collect();
        for p in &places.points {
            let Some(m) = municipalities.get_mut(p.municipality.as_str()) else { continue };
            if sweden.region_at(p.lat, p.lon).is_some_and(|r| r.code != m.county) {
                continue;
            }
            let d = great_circle_km(m.lat, m.lon, p.lat, p.lon) + MUNICIPALITY_MARGIN_KM;
            m.radius_km = Some(m.radius_km.map_or(d, |r| r.max(d)));
        }
        Geo { places, sweden, municipalities }
    }

    /// Problems of a unit that has a position, beyond `units::Checker`'s.
    pub fn unit_problems(&self, line: usize, unit: &Unit, problems: &mut Vec<UnitProblem>) {
        let mut problem = |field: &str, code: &'static str, detail: String| problems.push(UnitProblem { line, field: field.into(), code, detail });
        let (lat, lon) = (unit.lat, unit.lon);
        // Outside the bounding box: `Checker` has said so already.
        let in_sweden = vardval::units::in_sweden(lat, lon) && self.sweden.contains(lat, lon);
        if vardval::units::in_sweden(lat, lon) && !in_sweden {
            problem("lat", "outside_sweden", format!("{lat}, {lon} is not in Sweden: more than {BORDER_MARGIN_KM} km outside every region's border"));
        }
        let Some((code, m)) = unit.municipality.as_deref().and_then(|code| self.municipalities.get(code).map(|m| (code, m))) else { return };
        if let Some(region) = unit.region.as_deref().filter(|r| LAN_CODES.contains(r)) {
            if region != m.county {
                let name = |code: &str| self.sweden.region(code).map_or(String::new(), |r| format!(" ({})", r.name));
                problem("municipality", "municipality_not_in_region", format!("{code} ({}) is in län {}{}, not in {region}{}", m.name, m.county, name(m.county), name(region)));
            }
        }
        if let (true, Some(radius)) = (in_sweden, m.radius_km) {
            let d = great_circle_km(m.lat, m.lon, lat, lon);
            if d > radius {
                problem("lat", "far_from_municipality", format!("{lat}, {lon} is {d:.0} km from {} ({code}), whose units are within {radius:.0} km: is the position or the municipality wrong?", m.name));
            }
        }
    }
}

/// What a check found.
#[derive(Default)]
pub struct Summary {
    pub units: usize,
    pub regions: BTreeSet<String>,
    pub closed: usize,
    pub problems: usize,
}

struct Run<'g, 'a, 'r> {
    checker: Checker<'g>,
    geo: &'g Geo<'a>,
    summary: Summary,
    report: &'r mut dyn FnMut(&UnitProblem),
}

impl Run<'_, '_, '_> {
    fn problem(&mut self, line: usize, field: &str, code: &'static str, detail: String) {
        self.checker.problems.push(UnitProblem { line, field: field.into(), code, detail });
        self.flush();
    }

    fn flush(&mut self) {
        for p in self.checker.problems.drain(..) {
            self.summary.problems += 1;
            (self.report)(&p);
        }
    }

    fn checked(&mut self, line: usize, checked: Option<(Unit, bool)>) {
        if let Some((unit, clean)) = checked {
            let before = self.checker.problems.len();
            self.geo.unit_problems(line, &unit, &mut self.checker.problems);
            if clean && self.checker.problems.len() == before {
                self.summary.units += 1;
                self.summary.closed += usize::from(unit.list_closed == Some(true));
                if let Some(r) = unit.region {
                    self.summary.regions.insert(r);
                }
            }
        }
        self.flush();
    }

    fn not_utf8(&mut self, at: NotUtf8) {
        self.problem(
            at.line,
            "",
            "not_utf8",
            format!(
                "the file is not UTF-8 (byte {} of this line, {} of the file, is 0x{:02X}): it was read as Windows-1252, as Excel saves CSV; save it as UTF-8 (Excel: \"CSV UTF-8\") so that the page shows names correctly",
                at.byte_in_line, at.byte_in_file, at.value
            ),
        );
    }
}

/// Checks the unit list in `input` (CSV or JSON, by its first character),
/// handing each problem to `report` as it is found.
pub fn check(input: impl BufRead, geo: &Geo, report: &mut dyn FnMut(&UnitProblem)) -> io::Result<Summary> {
    let known = |m: &str| geo.places.municipality_known(m);
    let mut run = Run { checker: Checker::new(&known), geo, summary: Summary::default(), report };
    let mut pieces = Pieces::new(input);
    // The text up to its first character that is not blank.
    let mut start = String::new();
    while start.trim_start_matches('\u{feff}').trim().is_empty() && pieces.next_into(&mut start)? {}
    if let Some(text) = start.strip_prefix('\u{feff}') {
        start = text.to_string();
    }
    if start.trim_start().starts_with(['[', '{']) {
        check_json(pieces, start, &mut run)?;
    } else {
        check_csv(pieces, start, &mut run)?;
    }
    Ok(run.summary)
}

fn check_csv(mut pieces: Pieces<impl BufRead>, start: String, run: &mut Run) -> io::Result<()> {
    let mut parser = CsvParser::new(',');
    let mut header = false;
    // The rows a piece completes (a piece is at most a line: a row or two).
    let mut rows = Vec::new();
    let mut take_rows = |rows: &mut Vec<(usize, Vec<String>)>, run: &mut Run| {
        for (line, cells) in rows.drain(..) {
            if header {
                let checked = run.checker.csv_row(line, cells);
                run.checked(line, checked);
            } else {
                header = true;
                run.checker.csv_header(line, cells);
                run.flush();
            }
        }
    };
    let mut piece = start;
    let mut told = false;
    loop {
        if let (false, Some(at)) = (told, pieces.not_utf8) {
            told = true;
            run.not_utf8(at);
        }
        parser.feed(&piece, &mut |line, cells| rows.push((line, cells)));
        take_rows(&mut rows, run);
        piece.clear();
        if !pieces.next_into(&mut piece)? {
            break;
        }
    }
    let unclosed = parser.finish(&mut |line, cells| rows.push((line, cells)));
    take_rows(&mut rows, run);
    if let Err(line) = unclosed {
        run.problem(line, "", "invalid_csv", "a quote is never closed".into());
    }
    if !header {
        run.problem(1, "", "missing_field", "the file is empty".into());
    }
    Ok(())
}

/// JSON, one unit at a time: the reader walks the list, reading each item
/// whole, which is checked and not kept.
fn check_json(pieces: Pieces<impl BufRead>, start: String, run: &mut Run) -> io::Result<()> {
    let mut json = Reader::new(Utf8Reader::new(pieces, start));
    let result = list(&mut json, run).and_then(|()| json.end());
    let source = json.source();
    if let Some(e) = source.error.take() {
        return Err(e);
    }
    if let Err(e) = result {
        run.problem(e.line, "", "invalid_json", format!("column {}: {}", e.column, e.code.message()));
    }
    if let Some(at) = source.pieces.not_utf8 {
        run.not_utf8(at);
    }
    Ok(())
}

/// The top of a JSON unit list: a list of units, or `{ "units": [ … ] }`
/// (other keys are read and left; `units` not a list is as absent, as
/// `units::read` has it).
fn list(json: &mut Reader<impl Source>, run: &mut Run) -> Result<(), Syntax> {
    match json.peek_value() {
        Some(b'[') => return items(json, run),
        Some(b'{') => json.open()?,
        _ => return json.value().map(drop),
    }
    let (mut first, mut seen, mut listed) = (true, false, false);
    while let Some(key) = json.next_key(first)? {
        first = false;
        if key == "units" && seen {
            run.checker.problems.push(vardval::units::duplicate_key(1, "units"));
            run.flush();
        }
        if key == "units" && !seen && json.peek_value() == Some(b'[') {
            listed = true;
            items(json, run)?;
        } else {
            json.value()?;
        }
        seen |= key == "units";
    }
    json.close();
    if !listed {
        run.problem(1, "units", "missing_field", "a list of units, or { \"units\": [...] }".into());
    }
    Ok(())
}

/// Each item as it is read; in JSON a unit's line is its place in the list, from 1.
fn items(json: &mut Reader<impl Source>, run: &mut Run) -> Result<(), Syntax> {
    json.open()?;
    let mut line = 0;
    while json.next_item(line == 0)? {
        line += 1;
        json.duplicates.clear();
        let item = json.value()?;
        if !json.duplicates.is_empty() {
            run.checker.problems.extend(json.duplicates.iter().map(|field| vardval::units::duplicate_key(line, field)));
            run.flush();
            continue;
        }
        match json_fields(&item) {
            Some(fields) => {
                let checked = run.checker.record(line, &fields);
                run.checked(line, checked);
            }
            None => {
                run.checker.problems.push(not_an_object(line));
                run.flush();
            }
        }
    }
    json.close();
    Ok(())
}
