//! Rulebooks: the rules' parameters as dated, sourced data.
//!
//! A rulebook is read from JSON (`rules/*.json`, embedded at build time).
//! Every parameter is a list of values, each with `valid_from`, a unit and a
//! source, and a rule reads it by date (`Param::at`), as OpenFisca does.
//! `sou-2019-42` is `se` with one parameter changed, and a region's override
//! is applied the same way: one mechanism, `Rulebook::apply`.

use crate::date::Date;
use crate::input::{clip, field, index, key, Reader};
use crate::json_writer::WriteJson;
use crate::json::Value;

/// The shape `apply` reads, as JSON Schema (`vardval schema rulebook`).
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

// The built-in rulebooks, `{ "se": [docs…], "sou-2019-42": [docs…] }`, written by
// build.rs from rules/*.json. The command embeds them in full. The WebAssembly
// module embeds none: the page hands it `vardval rulebooks` (data/rulebooks.json,
// without descriptions and notes) through `set_rulebooks`, as it does the text.
#[cfg(not(target_arch = "wasm32"))]
pub const RULEBOOKS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulebooks.json"));
/// What `vardval rulebooks` prints for the page.
#[cfg(not(target_arch = "wasm32"))]
pub const RULEBOOKS_MIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/rulebooks.min.json"));

#[cfg(target_arch = "wasm32")]
static DOCUMENTS: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn documents() -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(RULEBOOKS_JSON);
    #[cfg(target_arch = "wasm32")]
    DOCUMENTS.get().map(String::as_str)
}

/// Hands the module the built-in rulebooks (data/rulebooks.json): `false` when
/// the text does not read as them or they are already there.
#[cfg(target_arch = "wasm32")]
pub fn set_documents(text: &str) -> bool {
    let ok = crate::input::parse_json(text).is_ok_and(|v| v.get("se").is_some_and(Value::is_array));
    ok && DOCUMENTS.set(text.to_string()).is_ok()
}

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
    pub id: String,
    pub title: String,
    pub url: String,
    /// Who published a fee's page: `region` (a region, 1177, SKR), `clinic` or `press`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub publisher: Option<String>,
}
json_object!(NamedSource { id, title, url, publisher? });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Dated<T> {
    /// `None`: in force for every date (a proposal, or an override without a date).
    pub valid_from: Option<Date>,
    pub value: T,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub unit: Option<String>,
    pub source: String,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub note: Option<String>,
}
json_object!(<T> Dated<T> { valid_from, value, unit?, source, note? });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize), serde(transparent))]
pub struct Param<T> {
    entries: Vec<Dated<T>>,
}

impl<T: WriteJson> WriteJson for Param<T> {
    fn write_json(&self, out: &mut String) {
        self.entries.write_json(out);
    }
}

impl<T> Default for Param<T> {
    fn default() -> Self {
        Param { entries: Vec::new() }
    }
}

impl<T> Param<T> {
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
    pub as_of: Option<String>,
    pub confidence: String,
    /// The id of a source in the rulebook's `sources`.
    pub source: String,
}
json_object!(Provenance { valid_from?, as_of?, confidence, source });

impl Provenance {
    /// The date to show beside the value: when it was stated, else from when
    /// it applies, else the newest year a source states it (`confidence`).
    pub fn shown_date(&self) -> Option<String> {
        let year = is_year(&self.confidence).then(|| self.confidence.clone());
        self.as_of.clone().or_else(|| self.valid_from.map(|d| d.to_string())).or(year)
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
    pub code: String,
    pub name: String,
    pub fees: Vec<RegionFee>,
    pub free_age: Option<FreeAge>,
    pub ceilings: Vec<RegionCeiling>,
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
    pub sv: String,
    pub en: String,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub ar: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub fi: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "sv-x-easy", skip_serializing_if = "Option::is_none"))]
    pub sv_easy: Option<String>,
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
        translated.unwrap_or(&self.sv).clone()
    }

    fn same_in_all(text: &str) -> Text {
        Text { sv: text.to_string(), en: text.to_string(), ar: None, fi: None, sv_easy: None }
    }
}

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Rulebook {
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// `law` or `proposal`.
    pub status: String,
    pub in_force_from: Option<Date>,
    /// Set when a situation's override changed the built-in rulebook.
    pub overridden: bool,
    /// What a region's override changed, for the answer to say so.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub regional: Option<RegionalChanges>,
    pub sources: Vec<NamedSource>,
    pub parameters: Parameters,
    pub regions: Vec<Region>,
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
    pub special_reasons: Param<Vec<String>>,
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

// What a value may be before it is taken for a mistake ("rules check" and
// every situation refuse the rest). These are checks on a region's input, not
// rules: the rules' own values are in rules/*.json with their sources.
/// A fee for one visit: the highest in `rules/regions.json` is 600 kr.
pub(crate) const FEE_MAX_KR: i64 = 2_000;
/// A ceiling: the national one is 1 450 kr in 2026 (2,5 % of a prisbasbelopp).
pub(crate) const CEILING_MAX_KR: i64 = 5_000;
/// The prisbasbelopp was 45 500–59 200 kr from 2018 to 2026 (`rules/national.json`).
pub(crate) const PRISBASBELOPP_KR: (i64, i64) = (30_000, 100_000);
/// The ceiling's share of the prisbasbelopp: 2,5 % in the law (HSL 17 kap. 6 §);
/// 5 % of the highest plausible prisbasbelopp is the 5 000 kr above. As text too,
/// for the message: formatting an f64 would pull float printing into the module.
pub(crate) const CEILING_SHARE: (f64, f64, &str, &str) = (0.01, 0.05, "0.01", "0.05");
/// Free care for children and young people: 18, 20 or 19 in the regions today.
pub(crate) const FREE_AGE_MAX: i64 = 30;
/// Free care from 85 is in the law (HSL 17 kap. 3 §), the same in every region.
pub(crate) const FREE_FROM_AGE: i64 = 85;

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
    /// A built-in rulebook by id, read once: reading the embedded JSON would
    /// otherwise be most of the time an answer takes.
    pub fn builtin(id: &str) -> Option<&'static Rulebook> {
        static BUILTIN: std::sync::OnceLock<Vec<Rulebook>> = std::sync::OnceLock::new();
        // Not before the module has its rulebooks, or the cache would stay empty.
        documents()?;
        let books = BUILTIN.get_or_init(|| BUILTIN_IDS.iter().filter_map(|id| Rulebook::read_builtin(id, &mut Reader::default())).collect());
        books.iter().find(|b| b.id == id)
    }

    /// Reads a built-in rulebook afresh (to apply an override to); its
    /// problems go to `reader`, which the tests check.
    pub fn read_builtin(id: &str, reader: &mut Reader) -> Option<Rulebook> {
        if !BUILTIN_IDS.contains(&id) {
            return None;
        }
        let all: Value = crate::input::parse_json(documents()?).unwrap_or(Value::Null);
        let mut book = Rulebook::empty();
        // `se` first; the proposal is `se` with its own documents on top.
        for layer in ["se", id] {
            for doc in all.get(layer).and_then(Value::as_array).map_or(&[][..], Vec::as_slice) {
                book.apply(doc, "", reader);
            }
            if id == "se" {
                break;
            }
        }
        if cfg!(debug_assertions) {
            book.check_complete("", reader);
        }
        Some(book)
    }

    fn empty() -> Rulebook {
        Rulebook {
            id: String::new(),
            title: Text::same_in_all(""),
            description: Text::same_in_all(""),
            status: "law".into(),
            in_force_from: None,
            overridden: false,
            regional: None,
            sources: Vec::new(),
            parameters: Parameters::default(),
            regions: Vec::new(),
        }
    }

    /// Reports a parameter that no document has set.
    pub fn check_complete(&self, path: &str, reader: &mut Reader) {
        let Some(any_day) = Date::from_ymd(2000, 1, 1) else { return };
        for name in PARAMETER_NAMES {
            if self.provenance_of(name, any_day).is_none() {
                reader.problem(key(&key(path, "parameters"), name), "missing_field");
            }
        }
    }

    /// Applies a region's override: as `apply`, except that it may not change
    /// what the rulebook is (`id`, `status`), since a region's rules are still
    /// the law (or the proposal) they adjust; what it changed is kept in `regional`.
    pub fn apply_override(&mut self, doc: &Value, path: &str, reader: &mut Reader) {
        let mut changes = RegionalChanges::default();
        if let Some(obj) = doc.as_object() {
            for (name, now) in [("id", &self.id), ("status", &self.status)] {
                if field(obj, name).is_some_and(|v| v.as_str() != Some(now.as_str())) {
                    reader.problem_with(key(path, name), "cannot_change", vec![("value", now.clone())]);
                }
            }
            if let Some(Value::Object(parameters)) = obj.get("parameters") {
                changes.parameters = PARAMETER_NAMES.iter().copied().filter(|n| parameters.contains_key(*n)).collect();
            }
        }
        let title = (self.title.sv.clone(), self.title.en.clone());
        self.apply(doc, path, reader);
        if (self.title.sv.clone(), self.title.en.clone()) != title {
            changes.title = Some(self.title.clone());
        }
        self.overridden = true;
        self.regional = Some(changes);
    }

    /// Where a parameter's value on `date` comes from: its source id and `valid_from`.
    pub fn provenance_of(&self, name: &str, date: Date) -> Option<(&str, Option<Date>)> {
        fn of<T>(p: &Param<T>, date: Date) -> Option<(&str, Option<Date>)> {
            (!p.is_empty()).then(|| p.at(date)).map(|e| (e.source.as_str(), e.valid_from))
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

    /// Applies a rulebook document or an override on top of `self`: each
    /// parameter named replaces the one before; each region field named
    /// replaces that field; sources are added. Problems go to `reader`.
    pub fn apply(&mut self, doc: &Value, path: &str, reader: &mut Reader) {
        let Some(obj) = reader.object(doc, path) else { return };
        reader.only_fields(
            obj,
            path,
            &["id", "base", "title", "description", "status", "in_force_from", "sources", "parameters", "regions", "generated_from", "generator"],
        );
        if let Some(v) = field(obj, "id") {
            if let Some(s) = reader.string(v, &key(path, "id")) {
                self.id = s.to_string();
            }
        }
        for (name, target) in [("title", 0), ("description", 1)] {
            if let Some(v) = field(obj, name) {
                if let Some(t) = read_text(v, &key(path, name), reader) {
                    if target == 0 {
                        self.title = t;
                    } else {
                        self.description = t;
                    }
                }
            }
        }
        if let Some(v) = field(obj, "status") {
            if let Some(s) = reader.choice(v, &key(path, "status"), &["law", "proposal"], "invalid_value") {
                self.status = s.to_string();
            }
        }
        if obj.contains_key("in_force_from") {
            self.in_force_from = field(obj, "in_force_from").and_then(|v| reader.date(v, &key(path, "in_force_from")));
        }
        if let Some(v) = field(obj, "sources") {
            self.read_sources(v, &key(path, "sources"), reader);
        }
        if let Some(v) = field(obj, "parameters") {
            self.read_parameters(v, &key(path, "parameters"), reader);
        }
        if let Some(v) = field(obj, "regions") {
            self.read_regions(v, &key(path, "regions"), reader);
        }
    }

    fn read_sources(&mut self, v: &Value, path: &str, reader: &mut Reader) {
        let Some(obj) = reader.object(v, path) else { return };
        for (id, s) in obj {
            let p = key(path, id);
            let Some(so) = reader.object(s, &p) else { continue };
            let title = reader.required(so, "title", &p).and_then(|t| reader.string(t, &key(&p, "title")));
            reader.only_fields(so, &p, &["title", "url", "publisher"]);
            let url = field(so, "url").and_then(|u| reader.string(u, &key(&p, "url"))).unwrap_or("");
            let publisher = field(so, "publisher").and_then(|u| reader.choice(u, &key(&p, "publisher"), &["region", "clinic", "press"], "invalid_value"));
            if let Some(title) = title {
                let source = NamedSource { id: id.clone(), title: title.to_string(), url: url.to_string(), publisher: publisher.map(str::to_string) };
                match self.sources.iter_mut().find(|s| s.id == *id) {
                    Some(old) => *old = source,
                    None => self.sources.push(source),
                }
            }
        }
    }

    fn read_parameters(&mut self, v: &Value, path: &str, reader: &mut Reader) {
        let Some(obj) = reader.object(v, path) else { return };
        let sources = &self.sources;
        let p = &mut self.parameters;
        let days = |r: &mut Reader, v: &Value, a: &str| r.int(v, a, 0, 365).map(|n| n as u32);
        let free_age = |r: &mut Reader, v: &Value, a: &str| r.int(v, a, 0, FREE_AGE_MAX).map(|n| n as u32);
        let fee_or_null = |r: &mut Reader, v: &Value, a: &str| if v.is_null() { Some(None) } else { r.int(v, a, 0, FEE_MAX_KR).map(|n| Some(n as u32)) };
        let ceiling_or_null = |r: &mut Reader, v: &Value, a: &str| if v.is_null() { Some(None) } else { r.int(v, a, 0, CEILING_MAX_KR).map(|n| Some(n as u32)) };
        for (name, value) in obj {
            let at = key(path, name);
            // A fee or a ceiling must say where it comes from (an amount, not `null`).
            let sourced = matches!(name.as_str(), "fees.ceiling_max" | "fees.listed_unit_fee" | "fees.ceiling_share");
            let Some(entries) = read_entries(value, &at, reader, sources, sourced) else { continue };
            match name.as_str() {
                "relisting.limit" => p.relisting_limit.set(entries, reader, &|r, v, a| if v.is_null() { Some(None) } else { r.int(v, a, 1, 100).map(|n| Some(n as u32)) }),
                "relisting.window" => p.relisting_window.set(entries, reader, &|r, v, a| {
                    r.choice(v, a, &Window::NAMES, "invalid_value").map(Window::from_name)
                }),
                "relisting.special_reasons" => p.special_reasons.set(entries, reader, &read_special_reasons),
                "guarantee.contact_days" => p.contact_days.set(entries, reader, &days),
                "guarantee.assessment_days" => p.assessment_days.set(entries, reader, &days),
                "fees.free_from_age" => p.free_from_age.set(entries, reader, &|r, v, a| r.int(v, a, FREE_FROM_AGE, FREE_FROM_AGE).map(|n| n as u32)),
                "fees.free_under_age_fallback" => p.free_under_age_fallback.set(entries, reader, &free_age),
                "fees.ceiling_share" => p.ceiling_share.set(entries, reader, &|r, v, a| {
                    let share = r.fraction(v, a)?;
                    if !(CEILING_SHARE.0..=CEILING_SHARE.1).contains(&share) {
                        r.problem_with(a, "out_of_range", vec![("min", CEILING_SHARE.2.into()), ("max", CEILING_SHARE.3.into())]);
                        return None;
                    }
                    Some(share)
                }),
                "fees.ceiling_max" => p.ceiling_max.set(entries, reader, &ceiling_or_null),
                "fees.prisbasbelopp" => p.prisbasbelopp.set(entries, reader, &|r, v, a| r.int(v, a, PRISBASBELOPP_KR.0, PRISBASBELOPP_KR.1).map(|n| n as u32)),
                "fees.listed_unit_fee" => p.listed_unit_fee.set(entries, reader, &fee_or_null),
                _ => reader.problem_with(at, "unknown_parameter", vec![("allowed", PARAMETER_NAMES.join(", "))]),
            }
        }
    }

    /// Regions as an array of rows with `code` (rules/regions.json) or as an
    /// object keyed by code (an override). Rows merge field by field; a fee
    /// row replaces the region's row of the same item and mode.
    fn read_regions(&mut self, v: &Value, path: &str, reader: &mut Reader) {
        let rows: Vec<(String, Option<String>, &Value)> = match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let code = row.get("code").and_then(Value::as_str).map(str::to_string);
                    (index(path, i), code, row)
                })
                .collect(),
            Value::Object(map) => map.iter().map(|(code, row)| (key(path, code), Some(code.clone()), row)).collect(),
            _ => {
                reader.object(v, path);
                return;
            }
        };
        for (p, code, row) in rows {
            let Some(code) = code else {
                reader.problem(key(&p, "code"), "missing_field");
                continue;
            };
            let existing = self.regions.iter().position(|r| r.code == code);
            if existing.is_none() && !LAN_CODES.contains(&code.as_str()) {
                reader.problem_with(p.clone(), "unknown_region", vec![("value", clip(&code, 10))]);
                continue;
            }
            // A row that does not read well leaves its problems in `reader`, which
            // refuses the whole document, so a half-read row is never used.
            let mut region = match existing {
                Some(i) => self.regions[i].clone(),
                None => Region { code: code.clone(), name: String::new(), fees: Vec::new(), free_age: None, ceilings: Vec::new() },
            };
            if read_region(&mut region, &mut self.sources, row, &p, reader) {
                if existing.is_none() && region.name.is_empty() {
                    reader.problem(key(&p, "name"), "missing_field");
                }
                match existing {
                    Some(i) => self.regions[i] = region,
                    None => self.regions.push(region),
                }
            }
        }
    }

    /// The source cited as `id`, as an answer shows it.
    pub fn source(&self, id: &str) -> Source {
        match self.sources.iter().find(|s| s.id == id) {
            Some(s) => Source { title: s.title.clone(), url: s.url.clone() },
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
        let national = ((share * f64::from(pbb.value) / 50.0 + 1e-9).floor() as u32) * 50;
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

/// `vardval rules check`: an override read as a situation reads it (on `se`,
/// or the built-in rulebook its `base` names), and stricter, because a region
/// checks its file before it publishes it: a field no reader knows, which a
/// situation only warns about, is a problem here, with the nearest known name.
pub fn check_override(doc: &Value) -> Vec<crate::input::Problem> {
    let mut reader = Reader::default();
    let base = match doc.get("base") {
        Some(b) => reader.choice(b, "base", &BUILTIN_IDS, "unknown_rulebook").unwrap_or("se"),
        None => "se",
    };
    let Some(mut book) = Rulebook::read_builtin(base, &mut reader) else { return Vec::new() };
    book.apply_override(doc, "", &mut reader);
    let mut problems = reader.problems;
    for problem in &mut problems {
        if problem.code == "unknown_parameter" {
            let name = problem.path.strip_prefix("parameters.").unwrap_or(&problem.path);
            if let Some(near) = crate::input::nearest_name(name, &PARAMETER_NAMES) {
                problem.args = vec![("nearest", near.to_string())];
            }
        }
    }
    for unknown in reader.unknown_fields {
        let args = unknown.nearest().map(|near| vec![("nearest", near.to_string())]).unwrap_or_default();
        problems.push(crate::input::Problem { path: unknown.path, code: "unknown_field", args });
    }
    problems
}

fn read_text(v: &Value, path: &str, reader: &mut Reader) -> Option<Text> {
    match v {
        Value::String(s) => Some(Text::same_in_all(s)),
        _ => {
            let obj = reader.object(v, path)?;
            let sv = reader.required(obj, "sv", path).and_then(|s| reader.string(s, &key(path, "sv")));
            let mut other = |code: &str| field(obj, code).and_then(|s| reader.string(s, &key(path, code))).map(str::to_string);
            let (en, ar, fi, sv_easy) = (other("en"), other("ar"), other("fi"), other("sv-x-easy"));
            let sv = sv?.to_string();
            Some(Text { en: en.unwrap_or_else(|| sv.clone()), sv, ar, fi, sv_easy })
        }
    }
}

fn read_special_reasons(reader: &mut Reader, v: &Value, path: &str) -> Option<Vec<String>> {
    let items = reader.array(v, path, CHANGE_REASONS.len())?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        // first_listing and automatic are never special: they do not count at all.
        if let Some(r) = reader.choice(item, &index(path, i), &CHANGE_REASONS[..5], "unknown_reason") {
            out.push(r.to_string());
        }
    }
    Some(out)
}

/// One entry of a parameter as written, before its value is read.
struct RawEntry<'v> {
    valid_from: Option<Date>,
    value: &'v Value,
    value_path: String,
    unit: Option<String>,
    source: String,
    note: Option<String>,
    /// Where the entry stands, for a problem with its date.
    path: String,
}

/// Reads the envelope of a parameter: a list of dated entries `[{valid_from,
/// value, unit, source, note}]`, one such entry, or a bare value (in force on
/// every date, sourced to the override). Not generic, so that the WebAssembly
/// module carries it once rather than once per parameter type.
fn read_entries<'v>(v: &'v Value, path: &str, reader: &mut Reader, sources: &[NamedSource], sourced: bool) -> Option<Vec<RawEntry<'v>>> {
    let is_entry = |x: &Value| x.as_object().is_some_and(|o| o.contains_key("value"));
    let listed: Vec<(String, &Value)> = match v {
        Value::Array(items) if !items.is_empty() && items.iter().all(is_entry) => items.iter().enumerate().map(|(i, e)| (index(path, i), e)).collect(),
        _ if is_entry(v) => vec![(path.to_string(), v)],
        _ => {
            if sourced && !v.is_null() {
                reader.problem(key(path, "source"), "missing_source");
                return None;
            }
            return Some(vec![RawEntry { valid_from: None, value: v, value_path: path.to_string(), unit: None, source: "override".into(), note: None, path: path.to_string() }]);
        }
    };
    let before = reader.problems.len();
    let mut out = Vec::new();
    for (p, e) in listed {
        let Some(obj) = reader.object(e, &p) else { continue };
        reader.only_fields(obj, &p, &["valid_from", "value", "unit", "source", "note", "confidence"]);
        let valid_from = field(obj, "valid_from").and_then(|d| reader.date(d, &key(&p, "valid_from")));
        let text = |reader: &mut Reader, name: &str| field(obj, name).and_then(|u| reader.string(u, &key(&p, name))).map(str::to_string);
        let unit = text(reader, "unit");
        let note = text(reader, "note");
        let source = text(reader, "source").unwrap_or_else(|| "override".into());
        if source != "override" && !sources.iter().any(|s| s.id == source) {
            reader.problem_with(key(&p, "source"), "unknown_source", vec![("value", clip(&source, 40))]);
        }
        let value = obj.get("value").unwrap_or(&NULL);
        if sourced && source == "override" && !value.is_null() {
            reader.problem(key(&p, "source"), "missing_source");
        }
        out.push(RawEntry { valid_from, value, value_path: key(&p, "value"), unit, source, note, path: p });
    }
    crate::sort_by_key(&mut out, |e| e.valid_from);
    let read = (reader.problems.len() == before).then_some(());
    // Two values from the same day: which one holds would depend on their
    // order. Said after the values are read, so that their problems are said too.
    for pair in out.windows(2) {
        if pair[0].valid_from == pair[1].valid_from {
            let day = pair[1].valid_from.map_or_else(String::new, |d| d.to_string());
            reader.problem_with(key(&pair[1].path, "valid_from"), "duplicate_valid_from", vec![("value", day)]);
        }
    }
    read.map(|()| out)
}

static NULL: Value = Value::Null;

type ReadValue<T> = dyn Fn(&mut Reader, &Value, &str) -> Option<T>;

impl<T> Param<T> {
    /// Replaces this parameter with `entries` (sorted by date) when every
    /// value reads well. Kept short: it is compiled once per value type.
    fn set(&mut self, entries: Vec<RawEntry>, reader: &mut Reader, read_value: &ReadValue<T>) {
        let before = reader.problems.len();
        let mut out = Vec::new();
        for e in entries {
            if let Some(value) = read_value(reader, e.value, &e.value_path) {
                out.push(Dated { valid_from: e.valid_from, value, unit: e.unit, source: e.source, note: e.note });
            }
        }
        if reader.problems.len() == before && !out.is_empty() {
            self.entries = out;
        }
    }
}

/// The names a region's row may hold: today's and the 1.0 ones.
const REGION_FIELDS: [&str; 16] = [
    "code", "name", "fees", "ceilings", "free_age", "doctor_visit_kr", "digital_visit_kr", "free_under_age", "free_age_rule", "fee_as_of", "source_fee", "source",
    "fee_confidence", "note", "source_age", "other_unit_fee_unconfirmed",
];

/// Reads one region's row into `region`. Besides the rows of
/// rules/regions.json, an override may use the 1.0 names: `doctor_visit_kr`
/// (a doctor's visit at a vårdcentral), `digital_visit_kr` (the same by
/// video), `free_under_age` with `free_age_rule`, dated by `fee_as_of` and
/// sourced by `source_fee`, a URL.
fn read_region(region: &mut Region, sources: &mut Vec<NamedSource>, row: &Value, path: &str, reader: &mut Reader) -> bool {
    let Some(obj) = reader.object(row, path) else { return false };
    let before = reader.problems.len();
    // The 1.0 names, gathered first: their date and source may come after them.
    let mut legacy: Vec<(&'static str, Option<u32>)> = Vec::new();
    let mut legacy_age: Option<Option<u32>> = None;
    let mut legacy_rule = FreeAgeRule::Under;
    for (name, v) in obj {
        let p = key(path, name);
        match name.as_str() {
            "code" => {}
            "name" => {
                if let Some(t) = reader.string(v, &p) {
                    region.name = t.to_string();
                }
            }
            "fees" => {
                let Some(items) = reader.array(v, &p, 100) else { continue };
                let mut given: Vec<(&str, &str)> = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if let Some(fee) = read_fee_row(item, &index(&p, i), reader, sources) {
                        // One fee per kind of visit: a second would silently replace the first.
                        if given.contains(&(fee.item, fee.mode)) {
                            reader.problem_with(index(&p, i), "duplicate_fee", vec![("item", fee.item.to_string()), ("mode", fee.mode.to_string())]);
                        }
                        given.push((fee.item, fee.mode));
                        region.fees.retain(|f| (f.item, f.mode) != (fee.item, fee.mode));
                        region.fees.push(fee);
                    }
                }
            }
            "ceilings" => {
                let Some(items) = reader.array(v, &p, 100) else { continue };
                for (i, item) in items.iter().enumerate() {
                    let ip = index(&p, i);
                    let Some(o) = reader.object(item, &ip) else { continue };
                    reader.only_fields(o, &ip, &["kr", "valid_from", "as_of", "confidence", "source", "note"]);
                    let kr = reader.required(o, "kr", &ip).and_then(|k| reader.int(k, &key(&ip, "kr"), 1, CEILING_MAX_KR));
                    let provenance = read_provenance(o, &ip, reader, sources, true);
                    if let (Some(kr), Some(provenance)) = (kr, provenance) {
                        region.ceilings.push(RegionCeiling { kr: kr as u32, provenance });
                    }
                }
            }
            "free_age" => {
                if v.is_null() {
                    region.free_age = None;
                    continue;
                }
                let Some(o) = reader.object(v, &p) else { continue };
                reader.only_fields(o, &p, &["rule", "age", "valid_from", "as_of", "confidence", "source", "note"]);
                let rule = reader.required(o, "rule", &p).and_then(|r| reader.choice(r, &key(&p, "rule"), &FreeAgeRule::NAMES, "invalid_value"));
                let age = reader.required(o, "age", &p).and_then(|a| reader.int(a, &key(&p, "age"), 1, FREE_AGE_MAX));
                let provenance = read_provenance(o, &p, reader, sources, false);
                if let (Some(rule), Some(age), Some(provenance)) = (rule, age, provenance) {
                    region.free_age = Some(FreeAge { rule: FreeAgeRule::from_name(rule), age: age as u32, provenance });
                }
            }
            "doctor_visit_kr" | "digital_visit_kr" => {
                let fee = if v.is_null() { Some(None) } else { reader.int(v, &p, 0, FEE_MAX_KR).map(|n| Some(n as u32)) };
                if let Some(fee) = fee {
                    legacy.push((if name == "doctor_visit_kr" { "physical" } else { "video" }, fee));
                }
            }
            "free_under_age" => {
                legacy_age = if v.is_null() { Some(None) } else { reader.int(v, &p, 1, FREE_AGE_MAX).map(|n| Some(n as u32)) };
            }
            "free_age_rule" => {
                if let Some(r) = reader.choice(v, &p, &["birthday", "calendar_year"], "invalid_value") {
                    legacy_rule = if r == "birthday" { FreeAgeRule::Under } else { FreeAgeRule::ThroughYear };
                }
            }
            "fee_as_of" | "source_fee" | "source" | "fee_confidence" | "note" | "source_age" | "other_unit_fee_unconfirmed" => {}
            _ => reader.unknown_fields.push(crate::input::UnknownField { path: p, known: &REGION_FIELDS }),
        }
    }
    if !legacy.is_empty() || legacy_age.is_some() {
        let text = |reader: &mut Reader, name: &str| field(obj, name).filter(|v| !v.is_null()).and_then(|v| reader.string(v, &key(path, name))).map(str::to_string);
        let as_of = text(reader, "fee_as_of");
        if let Some(a) = &as_of {
            check_as_of(a, &key(path, "fee_as_of"), reader);
        }
        let url = text(reader, "source_fee").or_else(|| text(reader, "source"));
        if url.is_none() && legacy.iter().any(|(_, fee)| fee.is_some()) {
            reader.problem(key(path, "source_fee"), "missing_source");
        }
        let confidence = text(reader, "fee_confidence").unwrap_or_else(|| "region".into());
        // A fee the override changes carries the override's date and page, never the old ones.
        let source = match url {
            Some(url) => {
                let id = format!("override-{}", region.code);
                sources.retain(|s| s.id != id);
                // The page's address is its title: the answer names the region beside it.
                sources.push(NamedSource { id: id.clone(), title: url.clone(), url, publisher: Some("region".into()) });
                id
            }
            None => "override".into(),
        };
        let provenance = Provenance { valid_from: as_of.as_deref().and_then(Date::parse_iso), as_of, confidence, source };
        for (mode, fee) in legacy {
            region.fees.retain(|f| (f.item, f.mode) != ("pc_doctor", mode));
            if let Some(kr) = fee {
                region.fees.push(RegionFee { item: "pc_doctor", mode, kr, provenance: provenance.clone() });
            }
        }
        if let Some(age) = legacy_age {
            region.free_age = age.map(|age| FreeAge { rule: legacy_rule, age, provenance: provenance.clone() });
        }
    }
    reader.problems.len() == before
}

fn read_fee_row(v: &Value, path: &str, reader: &mut Reader, sources: &[NamedSource]) -> Option<RegionFee> {
    let o = reader.object(v, path)?;
    reader.only_fields(o, path, &["item", "mode", "kr", "valid_from", "as_of", "confidence", "source", "note"]);
    let item = reader.required(o, "item", path).and_then(|i| reader.choice(i, &key(path, "item"), &ITEMS, "invalid_value"));
    let mode = match field(o, "mode") {
        Some(m) => reader.choice(m, &key(path, "mode"), &MODES, "invalid_value"),
        None => Some("physical"),
    };
    let kr = reader.required(o, "kr", path).and_then(|k| reader.int(k, &key(path, "kr"), 0, FEE_MAX_KR));
    let provenance = read_provenance(o, path, reader, sources, true);
    Some(RegionFee { item: item?, mode: mode?, kr: kr? as u32, provenance: provenance? })
}

/// `valid_from`, `as_of`, `confidence` and `source` of a value. Without a
/// source the value is the override's own, in force on every date; an amount
/// (`sourced`) must have one.
fn read_provenance(o: &crate::json::Map, path: &str, reader: &mut Reader, sources: &[NamedSource], sourced: bool) -> Option<Provenance> {
    let before = reader.problems.len();
    let valid_from = field(o, "valid_from").and_then(|d| reader.date(d, &key(path, "valid_from")));
    let as_of = field(o, "as_of").and_then(|a| reader.string(a, &key(path, "as_of"))).map(str::to_string);
    if let Some(a) = &as_of {
        check_as_of(a, &key(path, "as_of"), reader);
    }
    let confidence = match field(o, "confidence") {
        Some(c) => reader.string(c, &key(path, "confidence")).map(str::to_string),
        None => Some("region".into()),
    };
    if let Some(c) = &confidence {
        if !is_year(c) && !["older", "undated", "region"].contains(&c.as_str()) {
            reader.problem_with(key(path, "confidence"), "invalid_value", vec![("value", clip(c, 20)), ("allowed", "2026, 2024, older, undated, region".into())]);
        }
    }
    let source = field(o, "source").and_then(|u| reader.string(u, &key(path, "source"))).unwrap_or("override").to_string();
    if sourced && source == "override" {
        reader.problem(key(path, "source"), "missing_source");
    } else if source != "override" && !sources.iter().any(|s| s.id == source) {
        reader.problem_with(key(path, "source"), "unknown_source", vec![("value", clip(&source, 40))]);
    }
    (reader.problems.len() == before).then_some(Provenance { valid_from, as_of, confidence: confidence?, source })
}

/// Four digits: a year, as a page's date or a value's confidence may be.
fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A page's date: `YYYY` or `YYYY-MM-DD`.
fn check_as_of(text: &str, path: &str, reader: &mut Reader) {
    if !is_year(text) && Date::parse_iso(text).is_none() {
        reader.problem_with(path, "invalid_date", vec![("value", clip(text, 20))]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn embedded_rulebooks_are_complete_and_valid() {
        for id in BUILTIN_IDS {
            let mut reader = Reader::default();
            let book = Rulebook::read_builtin(id, &mut reader).unwrap();
            assert!(reader.problems.is_empty(), "{id}: {:?}", reader.problems);
            assert!(reader.unknown_fields.is_empty(), "{id}: {:?}", reader.unknown_fields);
            assert_eq!(book.regions.len(), 21, "{id}");
        }
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
    fn override_reports_every_problem_with_its_path() {
        let mut reader = Reader::default();
        let mut se = Rulebook::read_builtin("se", &mut reader).unwrap();
        let doc = Value::from(serde_json::json!({
            "parameters": { "relisting.limit": "two", "fees.nonsense": 1, "fees.ceiling_max": [{"valid_from": "2026-13-01", "value": 900}] },
            "regions": { "13": { "doctor_visit_kr": -5 }, "99x": { "doctor_visit_kr": 100 } }
        }));
        se.apply(&doc, "rulebook.override", &mut reader);
        let got: Vec<(&str, &str)> = reader.problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert!(got.contains(&("rulebook.override.parameters.relisting.limit", "invalid_type")), "{got:?}");
        assert!(got.contains(&("rulebook.override.parameters.fees.nonsense", "unknown_parameter")), "{got:?}");
        assert!(got.contains(&("rulebook.override.parameters.fees.ceiling_max[0].valid_from", "invalid_date")), "{got:?}");
        assert!(got.contains(&("rulebook.override.regions.13.doctor_visit_kr", "out_of_range")), "{got:?}");
        assert!(got.contains(&("rulebook.override.regions.99x", "unknown_region")), "{got:?}");
    }
}
