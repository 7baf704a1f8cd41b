//! The engine in WebAssembly: a thin shell over `evaluate`.
//!
//! `evaluate(situation)` takes and returns plain JS objects, the same JSON as
//! the command line; bad input throws `{ errors: [{ path, code, message }] }`.
//!
//! The objects cross the boundary as JSON text (`JSON.stringify` in, and
//! `JSON.parse` out, both the browser's own). serde-wasm-bindgen would walk
//! the objects directly, but it puts a second set of (de)serialisers and the
//! float printer into the module (about 40 KB of 206 KB, measured with twiggy),
//! while serde_json is here anyway for the embedded rulebooks. The JSON also
//! comes out byte for byte as the command line prints it.

use wasm_bindgen::prelude::*;

// The browser's own JSON, declared here rather than through js-sys, which
// brings more than these two functions into the module.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn parse(text: &str) -> Result<JsValue, JsValue>;
}

fn to_js(json: &str) -> JsValue {
    parse(json).unwrap_or(JsValue::NULL)
}

fn json_text(situation: &JsValue) -> Option<String> {
    stringify(situation).ok().and_then(|s| s.as_string())
}

fn report_json(report: &crate::input::ErrorReport) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

#[cfg(not(feature = "nearby-module"))]
#[wasm_bindgen]
pub fn evaluate(situation: JsValue) -> Result<JsValue, JsValue> {
    let text = json_text(&situation);
    let result = match text {
        Some(text) => crate::evaluate_str(&text),
        // undefined, a function, a circular object or a BigInt: not JSON.
        None => Err(crate::report(
            crate::text::Lang::Sv,
            &[crate::input::Problem { path: String::new(), code: "invalid_type", args: vec![("expected", "object".into())] }],
        )),
    };
    match result {
        Ok(answer) => Ok(to_js(&serde_json::to_string(&answer).unwrap_or_default())),
        Err(report) => Err(to_js(&report_json(&report))),
    }
}


#[cfg(feature = "nearby-module")]
mod nearby_module {
    //! The nearby-units module (built with `--features nearby-module`): a unit
    //! list and the place tables are handed in as text, then searched.
    use super::*;
    use crate::nearby::Units;
    use crate::places::Places;
    use crate::units::Unit;
    use std::cell::RefCell;

    thread_local! {
        static UNITS: RefCell<Units> = RefCell::new(Units::new(Vec::new()));
        static PLACES: RefCell<Places> = RefCell::new(Places::default());
    }

    /// Sets the unit list from CSV or JSON text (docs/units.md). Returns the
    /// number of units; a list with problems is refused, and the problems are
    /// thrown as `{ problems: [{ line, field, code, detail }] }`.
    #[wasm_bindgen]
    pub fn set_units(text: &str) -> Result<usize, JsValue> {
        let (units, problems) = PLACES.with_borrow(|places| {
            let known = |m: &str| places.municipalities.is_empty() || places.municipality_known(m);
            crate::units::read(text, &known)
        });
        if !problems.is_empty() {
            #[derive(serde::Serialize)]
            struct Refused<'a> {
                problems: &'a [crate::units::UnitProblem],
            }
            return Err(to_js(&serde_json::to_string(&Refused { problems: &problems }).unwrap_or_default()));
        }
        let count = units.len();
        UNITS.set(Units::new(units));
        Ok(count)
    }

    /// Sets a unit list from positions alone (ids "0", "1", …): the fast way
    /// in for very large lists, and what the benchmark uses.
    #[wasm_bindgen]
    pub fn set_positions(lat: &[f64], lon: &[f64]) -> usize {
        let units = lat.iter().zip(lon).enumerate().map(|(i, (&lat, &lon))| Unit { id: i.to_string(), name: String::new(), lat, lon, region: None, municipality: None, address: None, postal_code: None, phone: None, url: None, list_closed: None, digital: None, source: None });
        let units: Vec<Unit> = units.collect();
        let count = units.len();
        UNITS.set(Units::new(units));
        count
    }

    /// Adds place tables (data/municipalities.json, data/postal-codes.json).
    #[wasm_bindgen]
    pub fn add_places(text: &str) -> bool {
        PLACES.with_borrow_mut(|places| places.add_json(text).is_some())
    }

    /// CONTRACT §4: `{ from, k, max_km, only_open_lists }` → `{ origin, units }`;
    /// bad input throws `{ errors: [...] }`.
    #[wasm_bindgen]
    pub fn nearby(query: JsValue) -> Result<JsValue, JsValue> {
        let query: serde_json::Value = json_text(&query).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(serde_json::Value::Null);
        let result = UNITS.with_borrow(|units| PLACES.with_borrow(|places| crate::nearby::nearby(&query, units, places)));
        match result {
            Ok(answer) => Ok(to_js(&serde_json::to_string(&answer).unwrap_or_default())),
            Err(report) => Err(to_js(&report_json(&report))),
        }
    }
}
