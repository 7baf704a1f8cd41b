//! The engine in WebAssembly: a thin shell over `evaluate`.
//!
//! `evaluate_json(situation)` takes the situation as JSON text and gives the
//! answer as JSON text, the same JSON as the command line; bad input gives
//! the error object `{ "errors": [{ path, code, message }] }` instead (an
//! answer never has an `errors` field). The page's module has only this way
//! and takes and gives only strings and numbers, so that its glue carries no
//! table of JS objects. The full module (`--features evaluate-full`, the npm
//! package's) also has `evaluate(situation)`, which takes and returns plain
//! JS objects and throws the error object; the nearby module's `nearby` works
//! the same way.
//!
//! Those objects cross the boundary as JSON text (`JSON.stringify` in, and
//! `JSON.parse` out, both the browser's own). serde-wasm-bindgen would walk
//! the objects directly, but it puts a second set of (de)serialisers and the
//! float printer into the module (about 40 KB of 206 KB, measured with twiggy).
//! The input is read by the engine's own reader (`json`) and the answers are
//! written by its own writer (`json_writer`), as the command line reads and
//! writes them, so the JSON comes out byte for byte the same.

use crate::prelude::*;
use crate::json_writer::WriteJson;
use wasm_bindgen::prelude::*;

/// A panic (a bug: bad input never panics) stops the module at once, as
/// std's handler did there, without std's machinery and its message, which
/// no one would read.
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// A free-list allocator of about 1 KB instead of std's dlmalloc (about 7 KB):
// the module runs on one thread, and an answer allocates little.
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> = unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

// The browser's own JSON, declared here rather than through js-sys, which
// brings more than these two functions into the module.
#[cfg(any(feature = "evaluate-full", feature = "nearby-module"))]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn parse(text: &str) -> Result<JsValue, JsValue>;
}

// TypeScript types for the npm package (CONTRACT §1–4); they cost the module nothing.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type RegionCode = string;
export type Reason = "moved" | "medical" | "follow_doctor" | "unit_closed" | "other_special" | "first_listing" | "automatic";
export interface Unit { id?: string; name?: string; region?: RegionCode; list_closed?: boolean | null }
export interface Situation {
  today: string;
  rulebook?: "se" | "sou-2019-42" | { base?: "se" | "sou-2019-42"; override?: Record<string, unknown> };
  lang?: "sv" | "en" | "ar" | "fi" | "sv-x-easy";
  person?: { age?: number; birth_date?: string; home_region?: RegionCode };
  listing?: { unit?: Unit | null; changes?: { /** YYYY-MM-DD, or YYYY-MM */ date: string; reason?: Reason | null }[]; planned?: { date?: string; reason?: Reason | null; unit?: Unit } | null };
  visits?: { date: string; care?: "primary" | "specialist" | "emergency"; professional?: "doctor" | "nurse" | "other"; mode?: "physical" | "video" | "phone" | "digital"; where?: "listed" | "other_unit"; region?: RegionCode; paid?: number }[];
  fee_period?: { first_visit: string; paid?: number };
}
export interface Source { title: string; url: string }
export interface NextStep { code: string; text: string }
export interface FeeSource { title: string; url: string; as_of: string | null; valid_from: string | null; confidence: string; publisher: "region" | "clinic" | "press" | null }
export interface Section { headline: string; summary: string; details: string[]; next_steps: NextStep[]; sources: Source[] }
export interface Answer {
  rulebook: { id: string; title: string; status: "law" | "proposal"; in_force_from: string | null; overridden: boolean };
  listing: Section & { can_change: boolean; counted_changes: number; limit: number | null; window: "rolling_year" | "calendar_year"; next_free_change: string | null; next_free_change_at_latest: boolean; special_reason: Reason | null; list_closed: boolean | null; date: string; counted: string[]; first_listing: boolean };
  fixed_doctor: Section & { entitled: boolean };
  care_guarantee: Section & { applies: boolean | null; contact_days: number; assessment_days: number };
  fees: Section & {
    visits: { date: string; fee: number; charged: number; free_reason: "age_85_plus" | "under_free_age" | "free_card" | null; item: string; fee_known: boolean; fee_source: FeeSource | null; region: RegionCode; where: "listed" | "other_unit" | null; care: "primary" | "specialist" | "emergency"; professional: "doctor" | "nurse" | "other"; mode: "physical" | "video" | "phone"; input_index: number }[];
    periods: { start: string; end: string; ceiling: number; charged: number; free_card_from: string | null; free_card: boolean; overpaid: number }[];
    total_charged: number;
    regions: { region: RegionCode; total_charged: number; free_card_from: string | null; unknown_fees: number; oldest_fee: string | null; undated_fees: number }[];
    proposal?: { rulebook: string; total_charged: number; difference: number; visits: { date: string; fee: number; charged: number }[]; summary: string };
  };
  warnings: { code: string; message: string }[];
}
/** What `evaluate`, `nearby` and `nearest_ids` throw on bad input; `evaluate_json` gives it as JSON text. */
export interface InputErrors { errors: { path: string; code: string; message: string; args?: Record<string, string> }[] }
/** What `set_units` and `set_positions` throw for a list they refuse (`line`: a CSV line, a JSON item's or a position's number, from 1). */
export interface UnitProblems { problems: { line: number; field: string; code: string; detail: string }[] }
export interface NearbyQuery { from: { lat: number; lon: number } | { postal_code: string } | { municipality: string } | { place: string }; k?: number; max_km?: number; only_open_lists?: boolean; home_region?: RegionCode; lang?: "sv" | "en" | "ar" | "fi" | "sv-x-easy" }
export interface NearbyAnswer {
  origin: { lat: number; lon: number; label: string; kind: "postal_code" | "town" | "municipality" | "position"; municipality: string | null; region: RegionCode | null };
  home_region: RegionCode | null;
  home_region_given: boolean;
  units: { id: string; name: string; lat: number; lon: number; distance_km: number; region: RegionCode | null; municipality: string | null; list_closed: boolean | null; address: string | null; source: string | null; postal_code: string | null; phone: string | null; url: string | null; digital: boolean | null; other_region: boolean | null }[];
  /** Absent for a list without 1177's counts (a region's own list). */
  coverage?: { region: RegionCode; in_list: number; at_least: number }[];
}
"#;

#[cfg(any(feature = "evaluate-full", feature = "nearby-module"))]
fn to_js(json: &str) -> JsValue {
    parse(json).unwrap_or(JsValue::NULL)
}

#[cfg(any(feature = "evaluate-full", feature = "nearby-module"))]
fn json_text(situation: &JsValue) -> Option<String> {
    stringify(situation).ok().and_then(|s| s.as_string())
}

/// Answers a situation given as JSON text (a `Situation`, CONTRACT §1–2): the
/// `Answer` as JSON text, or on bad input the `InputErrors` object as JSON
/// text (an answer never has an `errors` field).
#[cfg(not(feature = "nearby-module"))]
#[wasm_bindgen]
pub fn evaluate_json(situation: &str) -> String {
    match crate::evaluate_str(situation) {
        Ok(answer) => answer.to_json(),
        Err(report) => report.to_json(),
    }
}

/// Answers a situation (CONTRACT §1–2); throws `InputErrors` on bad input.
#[cfg(all(feature = "evaluate-full", not(feature = "nearby-module")))]
#[wasm_bindgen(unchecked_return_type = "Answer")]
pub fn evaluate(#[wasm_bindgen(unchecked_param_type = "Situation")] situation: JsValue) -> Result<JsValue, JsValue> {
    // undefined, a function, a circular object or a BigInt is not JSON: read
    // as `null`, which is not a situation either (`invalid_type`, as the page's
    // component does for `evaluate_json`).
    let text = json_text(&situation).unwrap_or_else(|| "null".into());
    match crate::evaluate_str(&text) {
        Ok(answer) => Ok(to_js(&answer.to_json())),
        Err(report) => Err(to_js(&report.to_json())),
    }
}

/// Hands the module the catalogue of a language (data/text-LANG.json) before
/// the first answer, and then the rest of it (data/text-more-LANG.json: the
/// error messages and what only an answer under a region's override says),
/// each once: the module embeds no sentence, so
/// that a page downloads only its own language's (the built-in rulebooks it
/// carries itself): the evaluate module writes its answers from it, the
/// nearby module its error messages (there a catalogue of the keys `error.*`,
/// `type.*` and `word.*` is enough). Without it a message is its key.
#[wasm_bindgen]
pub fn set_text(lang: &str, catalogue: &str) -> bool {
    crate::text::Lang::from_code(lang).is_some_and(|l| crate::text::set_catalogue(l, catalogue))
}

/// The most visits, and the most changes, one situation may hold (CONTRACT
/// §3): the page refuses a shared link with more rows than this.
#[cfg(not(feature = "nearby-module"))]
#[wasm_bindgen]
pub fn max_items() -> usize {
    crate::situation::MAX_ITEMS
}

#[cfg(feature = "nearby-module")]
mod nearby_module {
    //! The nearby-units module (built with `--features nearby-module`): a unit
    //! list and the place tables are handed in as text, then searched. The
    //! page's module takes its default list checked at build
    //! (`set_checked_units`); the full one (`--features nearby-full`) also
    //! checks a list line by line (`set_units`, a fifth of its size) and takes
    //! positions alone (`set_positions`, `nearest_ids`).
    use super::*;
    use crate::nearby::Units;
    use crate::places::Places;
    use crate::OneThread;
    use core::cell::RefCell;

    /// A refused list's problems, as thrown: `{ problems: [{ line, field, code, detail }] }`.
    #[cfg(feature = "nearby-full")]
    fn refused(problems: &[crate::units::UnitProblem]) -> JsValue {
        struct Refused<'a> {
            problems: &'a [crate::units::UnitProblem],
        }
        json_object!(Refused<'_> { problems });
        to_js(&Refused { problems }.to_json())
    }

    static UNITS: OneThread<RefCell<Units>> = OneThread(RefCell::new(Units::EMPTY));
    static PLACES: OneThread<RefCell<Places>> = OneThread(RefCell::new(Places::EMPTY));

    /// Sets the unit list from CSV or JSON text (docs/units.md). Returns the
    /// number of units; a list with problems is refused, and the problems are
    /// thrown as `{ problems: [{ line, field, code, detail }] }`.
    #[cfg(feature = "nearby-full")]
    #[wasm_bindgen]
    pub fn set_units(text: &str) -> Result<usize, JsValue> {
        let (units, problems) = {
            let places = PLACES.borrow();
            let known = |m: &str| places.municipalities.is_empty() || places.municipality_known(m);
            crate::units::read(text, &known)
        };
        if !problems.is_empty() {
            return Err(refused(&problems));
        }
        let count = units.len();
        UNITS.replace(Units::new(units));
        Ok(count)
    }

    /// Sets a unit list as `vardval units import --json` writes it, checked
    /// by the command (the page's default list, data/units.json): read without
    /// `set_units`' checks. Returns the number of units, or nothing when the
    /// text is not such a list.
    #[wasm_bindgen]
    pub fn set_checked_units(text: &str) -> Option<usize> {
        let units = crate::units::read_checked(text)?;
        let count = units.len();
        UNITS.replace(Units::new(units));
        Some(count)
    }

    /// Sets a unit list from positions alone, `[lat0, lon0, lat1, lon1, …]`
    /// in degrees (a Float64Array, copied once into the module): the way in
    /// for large lists. Units are then known by their index (`nearest_ids`;
    /// `nearby` names them "0", "1", …). A position that is not a number or
    /// not on the Earth refuses the list, thrown as `set_units`' problems
    /// (`line`: the position's number, from 1).
    #[cfg(feature = "nearby-full")]
    #[wasm_bindgen]
    pub fn set_positions(positions: Vec<f64>) -> Result<usize, JsValue> {
        match Units::from_positions(positions) {
            Ok(units) => {
                let count = units.len();
                UNITS.replace(units);
                Ok(count)
            }
            Err(problems) => Err(refused(&problems)),
        }
    }

    /// The indices (in the list as given to `set_units`, `set_checked_units` or `set_positions`)
    /// of the `k` units nearest (lat, lon) within `max_km` (no limit when
    /// left out), nearest first, ties by index: the numeric way out, without
    /// JSON, for callers that hold their units' fields themselves. `k` is 1 to
    /// 1 000, as the query's; above the list's length it gives every unit. A
    /// position, `k` or `max_km` that the `nearby` query would refuse throws
    /// its `InputErrors`.
    #[cfg(feature = "nearby-full")]
    #[wasm_bindgen]
    pub fn nearest_ids(lat: f64, lon: f64, k: usize, max_km: Option<f64>) -> Result<Vec<u32>, JsValue> {
        crate::nearby::nearest_ids(&UNITS.borrow(), lat, lon, k, max_km).map_err(|report| to_js(&report.to_json()))
    }

    /// 1177's count of units per region (data/unit-counts-1177.json), for the
    /// list those counts describe: answers then say how complete it is. Call
    /// after setting the list (`set_checked_units`, or `set_units` in the full
    /// build); a new list forgets them.
    #[wasm_bindgen]
    pub fn set_unit_counts(text: &str) -> bool {
        UNITS.borrow_mut().set_counts_1177(text).is_some()
    }

    /// How many units of the list say whether they take new patients: the
    /// page offers "only open lists" when some do.
    #[wasm_bindgen]
    pub fn units_with_list_status() -> usize {
        UNITS.borrow().units.iter().filter(|u| u.list_closed.is_some()).count()
    }

    /// Adds place tables (data/municipalities.json, data/postal-codes.json).
    #[wasm_bindgen]
    pub fn add_places(text: &str) -> bool {
        PLACES.borrow_mut().add_json(text).is_some()
    }

    /// CONTRACT §4: `{ from, k, max_km, only_open_lists }` → `{ origin, units }`;
    /// bad input throws `{ errors: [...] }`.
    #[wasm_bindgen(unchecked_return_type = "NearbyAnswer")]
    pub fn nearby(#[wasm_bindgen(unchecked_param_type = "NearbyQuery")] query: JsValue) -> Result<JsValue, JsValue> {
        let query = json_text(&query).map_or(Ok(crate::json::Value::Null), |t| crate::parse_json(&t));
        let result = query.and_then(|query| crate::nearby::nearby(&query, &UNITS.borrow(), &PLACES.borrow()));
        match result {
            Ok(answer) => Ok(to_js(&answer.to_json())),
            Err(report) => Err(to_js(&report.to_json())),
        }
    }
}
