//! Minifies the rulebooks and text catalogues the command embeds, and writes
//! the rulebooks as one document twice: in full for the command, and without
//! descriptions and notes for the page to hand the WebAssembly module (which
//! embeds neither rules nor sentences). The files in `rules/` and `i18n/` stay
//! readable; a file that is not JSON stops the build here.

use std::{env, fs, path::Path};

const EMBEDDED: [&str; 8] = ["rules/se.json", "rules/national.json", "rules/regions.json", "rules/sou-2019-42.json", "i18n/sv.json", "i18n/en.json", "i18n/page.sv.json", "i18n/page.en.json"];

fn strip(value: &mut serde_json::Value, keys: &[&str]) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !keys.contains(&k.as_str()));
            map.values_mut().for_each(|v| strip(v, keys));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keys)),
        _ => {}
    }
}

/// The built-in rulebooks as one document, `{ "se": [docs…], "sou-2019-42": [docs…] }`,
/// each list applied in order (the proposal on top of `se`).
fn rulebooks(stripped: bool) -> String {
    let read = |file: &str| -> serde_json::Value {
        let mut v = serde_json::from_str(&fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"))).unwrap_or_else(|e| panic!("{file} is not valid JSON: {e}"));
        if stripped {
            strip(&mut v, &["description", "note", "generated_from", "generator"]);
        }
        v
    };
    let doc = serde_json::json!({
        "se": [read("rules/se.json"), read("rules/national.json"), read("rules/regions.json")],
        "sou-2019-42": [read("rules/sou-2019-42.json")],
    });
    doc.to_string()
}

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // The command embeds the rulebooks in full; the page hands the WebAssembly
    // module the copy without descriptions and notes (`vardval rulebooks`).
    fs::write(Path::new(&out).join("rulebooks.json"), rulebooks(false)).expect("OUT_DIR is writable");
    fs::write(Path::new(&out).join("rulebooks.min.json"), rulebooks(true)).expect("OUT_DIR is writable");
    for file in EMBEDDED {
        println!("cargo:rerun-if-changed={file}");
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not valid JSON: {e}"));
        let name = file.replace('/', "_");
        fs::write(Path::new(&out).join(&name), value.to_string()).unwrap_or_else(|e| panic!("{file}: {e}"));
        // The nearby module speaks only in error messages: a catalogue of those alone.
        if let (Some(map), true) = (value.as_object(), file.starts_with("i18n/") && !file.contains("page")) {
            let errors: serde_json::Map<String, serde_json::Value> =
                map.iter().filter(|(k, _)| k.starts_with("error.") || k.starts_with("type.") || k.starts_with("word.")).map(|(k, v)| (k.clone(), v.clone())).collect();
            let errors_name = name.replace(".json", ".errors.json");
            fs::write(Path::new(&out).join(errors_name), serde_json::Value::Object(errors).to_string()).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
    }
}
