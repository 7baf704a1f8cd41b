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

fn report_json(report: &crate::input::ErrorReport) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

#[wasm_bindgen]
pub fn evaluate(situation: JsValue) -> Result<JsValue, JsValue> {
    let text = stringify(&situation).ok().and_then(|s| s.as_string());
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

