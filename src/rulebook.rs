//! Rulebooks: the rules' parameters as dated, sourced data.
//!
//! A rulebook is read from JSON (`rules/*.json`, embedded at build time).
//! Every parameter is a list of values, each with `valid_from`, a unit and a
//! source, and a rule reads it by date (`Param::at`), as OpenFisca does.
//! `sou-2019-42` is `se` with one parameter changed, and a region's override
//! is applied the same way: one mechanism, `Rulebook::apply` (`read`).
//!
//! The WebAssembly modules read no rulebook at run time: they carry the
//! built-in ones as `static`s (`builtin`), written from the same files by
//! `vardval rulebooks --rust`. Only the command and the module built with
//! `evaluate-full` (a region's own rules, `rules-src`) carry the reader.

use crate::prelude::*;
use crate::date::Date;
use crate::json_writer::WriteJson;
use alloc::borrow::Cow;

/// Text of a rulebook: borrowed in a built-in rulebook, which is a `static`
/// the module carries (`builtin`), owned where an override sets it.
pub type Str = Cow<'static, str>;
/// A list of a rulebook, borrowed or owned as `Str` is.
pub type List<T> = Cow<'static, [T]>;

/// The shape `apply` reads, as JSON Schema (`vardval schema rulebook`).
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

/// Reading a rulebook or a region's override from JSON.
#[cfg(rulebook_reader)]
mod read;
#[cfg(rulebook_reader)]
pub use read::check_override;

/// The built-in rulebooks as the WebAssembly modules carry them, generated
/// from rules/*.json without descriptions and notes (`make build` writes it
/// again when rules/ change); the tests check that it is current and holds
/// what the JSON does.
#[cfg(any(target_arch = "wasm32", test))]
#[rustfmt::skip]
mod builtin;

/// Writes `builtin.rs` (`vardval rulebooks --rust`).
#[cfg(not(target_arch = "wasm32"))]
pub mod generate;

// The built-in rulebooks, `{ "se": [docs…], "sou-2019-42": [docs…] }`, written by
// build.rs from rules/*.json. The command embeds them in full, and writes the
// modules' `builtin.rs` from the copy without descriptions and notes.
#[cfg(not(target_arch = "wasm32"))]
pub const RULEBOOKS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulebooks.json"));
/// What `vardval rulebooks` prints, and what the modules carry.
#[cfg(not(target_arch = "wasm32"))]
pub const RULEBOOKS_MIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulebooks.min.json"));

/// Ids of the rulebooks the engine carries.
pub const BUILTIN_IDS: [&str; 2] = ["se", "sou-2019-42"];

/// The reasons a change may have (CONTRACT §1). Whether one is a *special*
/// reason is the rulebook's `relisting.special_reasons`; the first listing and
/// the region's automatic listing never count either.
pub const CHANGE_REASONS: [&str; 7] = ["moved", "medical", "follow_doctor", "unit_closed", "other_special", "first_listing", "automatic"];

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct Source {
    pub title: String,
    pub url: String,
}
json_object!(Source { title, url });

/// A source as a rulebook lists it, under the id its parameters cite.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct NamedSource {
    pub id: Str,
    pub title: Str,
    pub url: Str,
    /// Who published a fee's page: `region` (a region, 1177, SKR), `clinic` or `press`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub publisher: Option<Str>,
}
json_object!(NamedSource { id, title, url, publisher? });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Dated<T> {
    /// `None`: in force for every date (a proposal, or an override without a date).
    pub valid_from: Option<Date>,
    pub value: T,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub unit: Option<Str>,
    pub source: Str,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub note: Option<Str>,
}
json_object!(<T> Dated<T> { valid_from, value, unit?, source, note? });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize), serde(transparent))]
pub struct Param<T: Clone + 'static> {
    entries: List<Dated<T>>,
}

impl<T: WriteJson + Clone> WriteJson for Param<T> {
    fn write_json(&self, out: &mut String) {
        self.entries.write_json(out);
    }
}

impl<T: Clone> Default for Param<T> {
    fn default() -> Self {
        Param { entries: List::Borrowed(&[]) }
    }
}

impl<T: Clone> Param<T> {
    /// A parameter of a built-in rulebook (`builtin.rs`).
    #[cfg(any(target_arch = "wasm32", test))]
    pub(crate) const fn of(entries: &'static [Dated<T>]) -> Param<T> {
        Param { entries: Cow::Borrowed(entries) }
    }

    /// The value in force on `date`: the latest entry with `valid_from ≤ date`.
    /// Before the first dated entry, the earliest one is used (a caller that
    /// cares, like the fee ceiling, compares `valid_from` itself).
    pub fn at(&self, date: Date) -> &Dated<T> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.valid_from.is_none_or(|f| f <= date))
            .unwrap_or(&self.entries[0])
    }

    pub fn entries(&self) -> &[Dated<T>] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema), serde(rename_all = "snake_case"))]
pub enum Window {
    RollingYear,
    CalendarYear,
}

impl Window {
    /// As rulebooks and answers write them, in the order of the variants.
    const NAMES: [&'static str; 2] = ["rolling_year", "calendar_year"];

    #[cfg(rulebook_reader)]
    fn from_name(name: &str) -> Window {
        if name == Self::NAMES[0] { Window::RollingYear } else { Window::CalendarYear }
    }
}

impl WriteJson for Window {
    fn write_json(&self, out: &mut String) {
        Self::NAMES[*self as usize].write_json(out);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum FreeAgeRule {
    /// `under:N`: free until the Nth birthday.
    Under,
    /// `through_year:N`: free through the calendar year one turns N (Sörmland).
    ThroughYear,
}

impl FreeAgeRule {
    /// As rulebooks and answers write them, in the order of the variants.
    const NAMES: [&'static str; 2] = ["under", "through_year"];

    #[cfg(rulebook_reader)]
    fn from_name(name: &str) -> FreeAgeRule {
        if name == Self::NAMES[0] { FreeAgeRule::Under } else { FreeAgeRule::ThroughYear }
    }
}

impl WriteJson for FreeAgeRule {
    fn write_json(&self, out: &mut String) {
        Self::NAMES[*self as usize].write_json(out);
    }
}

/// The data items a visit is priced by (RULES.md §4, "Kinds of visit").
pub const ITEMS: [&str; 6] = ["pc_doctor", "pc_nurse", "pc_other", "specialist_doctor", "specialist_other", "emergency"];
/// How a visit happens: in person, by video, or by phone or chat.
pub const MODES: [&str; 3] = ["physical", "video", "phone"];

/// Where a value comes from: the page that states it, from when it is in
/// force, when the page said so, and how sure that is (`2026`, `2024`,
/// `older`, `undated`, or `region` for a region's own override).
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Provenance {
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub valid_from: Option<Date>,
    /// As the page gives it: `2024-01-02` or `2024`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub as_of: Option<Str>,
    pub confidence: Str,
    /// The id of a source in the rulebook's `sources`.
    pub source: Str,
}
json_object!(Provenance { valid_from?, as_of?, confidence, source });

impl Provenance {
    /// The date to show beside the value: when it was stated, else from when
    /// it applies, else the newest year a source states it (`confidence`).
    pub fn shown_date(&self) -> Option<String> {
        let year = is_year(&self.confidence).then(|| self.confidence.to_string());
        self.as_of.as_deref().map(str::to_string).or_else(|| self.valid_from.map(Date::iso)).or(year)
    }

    /// The first day the value is known to apply: `valid_from`, else 1 January
    /// of the year the page gave it (RULES.md §4: a row's year).
    pub fn from(&self) -> Option<Date> {
        self.valid_from.or_else(|| {
            let year: i32 = self.as_of.as_deref()?.get(..4)?.parse().ok()?;
            Date::from_ymd(year, 1, 1)
        })
    }
}

/// One fee of a region: a data item in one mode.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct RegionFee {
    pub item: &'static str,
    pub mode: &'static str,
    pub kr: u32,
    #[cfg_attr(not(target_arch = "wasm32"), serde(flatten))]
    pub provenance: Provenance,
}
json_object!(RegionFee { item, mode, kr, ..provenance });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct FreeAge {
    pub rule: FreeAgeRule,
    pub age: u32,
    #[cfg_attr(not(target_arch = "wasm32"), serde(flatten))]
    pub provenance: Provenance,
}
json_object!(FreeAge { rule, age, ..provenance });

/// A ceiling a region's page states; it is a decision of the region only when
/// it is lower than the national amount of its year (`Rulebook::ceiling`).
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct RegionCeiling {
    pub kr: u32,
    #[cfg_attr(not(target_arch = "wasm32"), serde(flatten))]
    pub provenance: Provenance,
}
json_object!(RegionCeiling { kr, ..provenance });

/// A region's fees by kind of visit, its free-age rule and the ceilings its
/// pages state (`rules/regions.json`, from `../shared/data/region_fees_by_kind.csv`).
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Region {
    pub code: Str,
    pub name: Str,
    pub fees: List<RegionFee>,
    pub free_age: Option<FreeAge>,
    pub ceilings: List<RegionCeiling>,
}
json_object!(Region { code, name, fees, free_age, ceilings });

impl Region {
    pub fn fee(&self, item: &str, mode: &str) -> Option<&RegionFee> {
        self.fees.iter().find(|f| f.item == item && f.mode == mode)
    }
}

/// A rulebook's title or description in each language; where one is
/// missing, the Swedish text (the original) stands.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Text {
    pub sv: Str,
    pub en: Str,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub ar: Option<Str>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub fi: Option<Str>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "sv-x-easy", skip_serializing_if = "Option::is_none"))]
    pub sv_easy: Option<Str>,
}
json_object!(Text { sv, en, ar?, fi?, "sv-x-easy": sv_easy? });

impl Text {
    pub fn in_lang(&self, lang: crate::text::Lang) -> String {
        use crate::text::Lang;
        let translated = match lang {
            Lang::Sv => None,
            Lang::En => Some(&self.en),
            Lang::Ar => self.ar.as_ref(),
            Lang::Fi => self.fi.as_ref(),
            Lang::SvEasy => self.sv_easy.as_ref(),
        };
        translated.unwrap_or(&self.sv).to_string()
    }

    #[cfg(rulebook_reader)]
    fn same_in_all(text: &str) -> Text {
        Text { sv: text.to_string().into(), en: text.to_string().into(), ar: None, fi: None, sv_easy: None }
    }
}

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Rulebook {
    pub id: Str,
    pub title: Text,
    pub description: Text,
    /// `law` or `proposal`.
    pub status: Str,
    pub in_force_from: Option<Date>,
    /// Set when a situation's override changed the built-in rulebook.
    pub overridden: bool,
    /// What a region's override changed, for the answer to say so.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub regional: Option<RegionalChanges>,
    pub sources: List<NamedSource>,
    pub parameters: Parameters,
    pub regions: List<Region>,
}
json_object!(Rulebook { id, title, description, status, in_force_from, overridden, sources, parameters, regions });

/// What an override changed: its own title (when it gives one) and the
/// parameters it set, which the sections cite with the override's sources.
#[derive(Clone, Debug, Default)]
pub struct RegionalChanges {
    pub title: Option<Text>,
    pub parameters: Vec<&'static str>,
}

#[derive(Clone, Debug, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Parameters {
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "relisting.limit"))]
    pub relisting_limit: Param<Option<u32>>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "relisting.window"))]
    pub relisting_window: Param<Window>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "relisting.special_reasons"))]
    pub special_reasons: Param<List<&'static str>>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "guarantee.contact_days"))]
    pub contact_days: Param<u32>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "guarantee.assessment_days"))]
    pub assessment_days: Param<u32>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "fees.free_from_age"))]
    pub free_from_age: Param<u32>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "fees.free_under_age_fallback"))]
    pub free_under_age_fallback: Param<u32>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "fees.ceiling_share"))]
    pub ceiling_share: Param<f64>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "fees.ceiling_max"))]
    pub ceiling_max: Param<Option<u32>>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "fees.prisbasbelopp"))]
    pub prisbasbelopp: Param<u32>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "fees.listed_unit_fee"))]
    pub listed_unit_fee: Param<Option<u32>>,
}
json_object!(Parameters {
    "relisting.limit": relisting_limit,
    "relisting.window": relisting_window,
    "relisting.special_reasons": special_reasons,
    "guarantee.contact_days": contact_days,
    "guarantee.assessment_days": assessment_days,
    "fees.free_from_age": free_from_age,
    "fees.free_under_age_fallback": free_under_age_fallback,
    "fees.ceiling_share": ceiling_share,
    "fees.ceiling_max": ceiling_max,
    "fees.prisbasbelopp": prisbasbelopp,
    "fees.listed_unit_fee": listed_unit_fee,
});

/// The names a rulebook or an override may set under `parameters`.
pub const PARAMETER_NAMES: [&str; 11] = [
    "relisting.limit",
    "relisting.window",
    "relisting.special_reasons",
    "guarantee.contact_days",
    "guarantee.assessment_days",
    "fees.free_from_age",
    "fees.free_under_age_fallback",
    "fees.ceiling_share",
    "fees.ceiling_max",
    "fees.prisbasbelopp",
    "fees.listed_unit_fee",
];

/// The 21 län codes in use (CONTRACT §1).
pub const LAN_CODES: [&str; 21] = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"];

/// The fee ceiling (högkostnadsskydd) on `date`, and whether the prisbasbelopp
/// of that year is known (`false`: the latest known year was used).
pub struct Ceiling<'a> {
    pub amount: u32,
    pub prisbasbelopp_year_known: bool,
    pub prisbasbelopp_year_used: i32,
    /// The region's own lower ceiling, when that is what applies.
    pub regional: Option<&'a RegionCeiling>,
}

impl Rulebook {
    /// A built-in rulebook by id. The command reads the embedded JSON once
    /// (reading it would otherwise be most of the time an answer takes); a
    /// WebAssembly module has them as `static`s.
    pub fn builtin(id: &str) -> Option<&'static Rulebook> {
        #[cfg(target_arch = "wasm32")]
        return builtin::BOOKS.into_iter().find(|b| b.id == id);
        #[cfg(not(target_arch = "wasm32"))]
        {
            static BUILTIN: std::sync::OnceLock<Vec<Rulebook>> = std::sync::OnceLock::new();
            let books = BUILTIN.get_or_init(|| BUILTIN_IDS.iter().filter_map(|id| Rulebook::read_builtin(id, &mut crate::input::Reader::default())).collect());
            books.iter().find(|b| b.id == id)
        }
    }

    /// What a region's override changed. A built-in rulebook changed nothing,
    /// and only the reader applies an override: without it, nothing, so the
    /// page's module carries no code to cite changes (0.9 KB brotli).
    pub fn regional(&self) -> Option<&RegionalChanges> {
        #[cfg(rulebook_reader)]
        return self.regional.as_ref();
        #[cfg(not(rulebook_reader))]
        None
    }

    /// Where a parameter's value on `date` comes from: its source id and `valid_from`.
    pub fn provenance_of(&self, name: &str, date: Date) -> Option<(&str, Option<Date>)> {
        fn of<T: Clone>(p: &Param<T>, date: Date) -> Option<(&str, Option<Date>)> {
            (!p.is_empty()).then(|| p.at(date)).map(|e| (&*e.source, e.valid_from))
        }
        let p = &self.parameters;
        match name {
            "relisting.limit" => of(&p.relisting_limit, date),
            "relisting.window" => of(&p.relisting_window, date),
            "relisting.special_reasons" => of(&p.special_reasons, date),
            "guarantee.contact_days" => of(&p.contact_days, date),
            "guarantee.assessment_days" => of(&p.assessment_days, date),
            "fees.free_from_age" => of(&p.free_from_age, date),
            "fees.free_under_age_fallback" => of(&p.free_under_age_fallback, date),
            "fees.ceiling_share" => of(&p.ceiling_share, date),
            "fees.ceiling_max" => of(&p.ceiling_max, date),
            "fees.prisbasbelopp" => of(&p.prisbasbelopp, date),
            "fees.listed_unit_fee" => of(&p.listed_unit_fee, date),
            _ => None,
        }
    }

    /// The source cited as `id`, as an answer shows it.
    pub fn source(&self, id: &str) -> Source {
        match self.sources.iter().find(|s| s.id == id) {
            Some(s) => Source { title: s.title.to_string(), url: s.url.to_string() },
            None => Source { title: id.to_string(), url: String::new() },
        }
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The national ceiling on `date`: `floor(share × prisbasbelopp / 50) × 50`
    /// kr (HSL 17 kap. 6 §), or the rulebook's `fees.ceiling_max` when lower.
    fn national_ceiling(&self, date: Date) -> (u32, i32) {
        let p = &self.parameters;
        let pbb = p.prisbasbelopp.at(date);
        let year_used = pbb.valid_from.map_or(date.year(), Date::year);
        let share = p.ceiling_share.at(date).value;
        // The small epsilon keeps 0.025 × 58 000 = 1 450.0 from flooring to 1 400.
        // Rounded down to 50 kr: `as` truncates, which is `floor` for what is not
        // negative (and a negative share gives 0 either way).
        let national = ((share * f64::from(pbb.value) / 50.0 + 1e-9) as u32) * 50;
        let amount = match p.ceiling_max.at(date).value {
            Some(max) => national.min(max),
            None => national,
        };
        (amount, year_used)
    }

    /// The ceiling on `date` for a person whose ceiling `region` decides: the
    /// national amount, or the region's own amount where its page states one
    /// lower than the national amount of that page's year (RULES.md §4); such
    /// a decision applies from then on.
    pub fn ceiling<'a>(&self, date: Date, region: Option<&'a Region>) -> Ceiling<'a> {
        let (national, year_used) = self.national_ceiling(date);
        let mut ceiling = Ceiling { amount: national, prisbasbelopp_year_known: year_used >= date.year(), prisbasbelopp_year_used: year_used, regional: None };
        for row in region.map_or(&[][..], |r| &r.ceilings[..]) {
            let Some(from) = row.provenance.from() else { continue };
            if from <= date && row.kr < self.national_ceiling(from).0 && row.kr < ceiling.amount {
                ceiling.amount = row.kr;
                ceiling.regional = Some(row);
            }
        }
        ceiling
    }
}

/// Four digits: a year, as a page's date or a value's confidence may be.
fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn ceiling_by_year_matches_the_national_maximum_in_the_data() {
        // ../shared/data/national.csv gives each year's national maximum, worked out from the law.
        let csv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/national.csv")).unwrap();
        let se = Rulebook::builtin("se").unwrap();
        let mut years = 0;
        for line in csv.lines().filter(|l| l.starts_with("ceiling_national_max,")) {
            let cells: Vec<&str> = line.split(',').collect();
            let (year, amount): (i32, u32) = (cells[1].parse().unwrap(), cells[2].parse().unwrap());
            let c = se.ceiling(d(&format!("{year}-06-01")), None);
            assert_eq!(c.amount, amount, "{year}");
            assert!(c.prisbasbelopp_year_known);
            years += 1;
        }
        assert_eq!(years, 9, "2018–2026");
        let later = se.ceiling(d("2027-03-01"), None);
        assert_eq!(later.amount, 1450);
        assert!(!later.prisbasbelopp_year_known);
        assert_eq!(later.prisbasbelopp_year_used, 2026);
    }

    #[test]
    fn a_regions_lower_ceiling_applies_from_its_year_and_a_confirmation_changes_nothing() {
        let se = Rulebook::builtin("se").unwrap();
        // Jämtland Härjedalen: 1 300 kr stated in 2024 (national 1 400): its own decision, kept in 2026 (national 1 450).
        let z = se.region("23").unwrap();
        assert_eq!(se.ceiling(d("2023-06-01"), Some(z)).amount, 1300, "2023: national 1 300 too");
        assert_eq!(se.ceiling(d("2024-01-01"), Some(z)).amount, 1300);
        assert_eq!(se.ceiling(d("2026-06-01"), Some(z)).amount, 1300);
        assert!(se.ceiling(d("2026-06-01"), Some(z)).regional.is_some());
        // Sörmland: 1 300 kr in 2023 equals that year's national amount: only a confirmation.
        let d4 = se.region("04").unwrap();
        assert_eq!(se.ceiling(d("2026-06-01"), Some(d4)).amount, 1450);
        assert!(se.ceiling(d("2026-06-01"), Some(d4)).regional.is_none());
    }

    #[test]
    fn proposal_changes_only_the_listed_unit_fee() {
        let se = Rulebook::builtin("se").unwrap();
        let sou = Rulebook::builtin("sou-2019-42").unwrap();
        let day = d("2026-11-23");
        assert_eq!(se.parameters.listed_unit_fee.at(day).value, None);
        assert_eq!(sou.parameters.listed_unit_fee.at(day).value, Some(100));
        assert_eq!(sou.parameters.listed_unit_fee.at(d("1990-01-01")).value, Some(100));
        assert_eq!(sou.parameters.relisting_limit.at(day).value, Some(2));
        assert_eq!(sou.status, "proposal");
    }

    #[test]
    fn parameter_is_read_by_date() {
        let se = Rulebook::builtin("se").unwrap();
        assert_eq!(se.parameters.prisbasbelopp.at(d("2024-12-31")).value, 57300);
        assert_eq!(se.parameters.prisbasbelopp.at(d("2025-01-01")).value, 58800);
    }

    #[test]
    fn the_modules_built_in_rulebooks_are_current() {
        // Written by `vardval rulebooks --rust`; `make build` writes it again after a change in rules/.
        let written = include_str!("rulebook/builtin.rs");
        assert!(generate::builtin_rust() == written, "src/rulebook/builtin.rs is not current: run `make build`");
    }

    #[test]
    fn the_modules_built_in_rulebooks_hold_what_the_json_does() {
        assert_eq!(builtin::BOOKS.map(|b| &*b.id), BUILTIN_IDS);
        for book in builtin::BOOKS {
            let mut reader = crate::input::Reader::default();
            let read = Rulebook::read_documents(RULEBOOKS_MIN_JSON, &book.id, &mut reader).unwrap();
            assert!(reader.problems.is_empty());
            assert_eq!(book.to_json(), read.to_json(), "{}", book.id);
            assert_eq!(book.regions.len(), 21);
        }
    }
}
