//! The engine in WebAssembly: a thin shell over `evaluate`.
//!
//! Takes and returns plain JS objects (the same JSON as the command line);
//! bad input throws an object `{ errors: [{ path, code, message }] }`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> JsValue {
    // json_compatible: maps become plain objects and None becomes null.
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
pub fn evaluate(situation: JsValue) -> Result<JsValue, JsValue> {
    let input: serde_json::Value = match serde_wasm_bindgen::from_value(situation) {
        Ok(v) => v,
        Err(e) => {
            let problem = crate::input::Problem { path: String::new(), code: "invalid_type", args: vec![("expected", "object".into()), ("detail", e.to_string())] };
            return Err(to_js(&crate::report(crate::text::Lang::Sv, &[problem])));
        }
    };
    match crate::evaluate(&input) {
        Ok(answer) => Ok(to_js(&answer)),
        Err(report) => Err(to_js(&report)),
    }
}

/// A built-in rulebook with its parameters, regions and sources (for the page).
#[wasm_bindgen]
pub fn rulebook(id: &str) -> Result<JsValue, JsValue> {
    crate::rulebook(id).map(|book| to_js(&book)).ok_or_else(|| JsValue::from_str("unknown rulebook"))
}
