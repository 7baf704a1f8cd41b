//! Minifies the rulebooks and text catalogues the command embeds, and writes
//! the rulebooks as one document twice: in full for the command, and without
//! descriptions and notes for `vardval rulebooks` and the WebAssembly modules'
//! `src/rulebook/builtin.rs`, which the command writes from it. The files in `rules/` and `i18n/` stay
//! readable; a file that is not JSON stops the build here.

use std::{env, fs, path::Path};

// Every language of `text::Lang`: the answers' catalogue and the page's.
const LANGS: [&str; 5] = ["sv", "en", "ar", "fi", "sv-x-easy"];
const RULES: [&str; 4] = ["rules/se.json", "rules/national.json", "rules/regions.json", "rules/sou-2019-42.json"];

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

fn read(file: &str) -> serde_json::Value {
    println!("cargo:rerun-if-changed={file}");
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not valid JSON: {e}"))
}

fn write(out: &str, name: &str, text: String) {
    fs::write(Path::new(out).join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // `rulebook_reader`: the code that reads a rulebook or a region's override
    // from JSON, in the command and in the module built with `evaluate-full`;
    // the page's module has the built-in rulebooks as `static`s instead.
    println!("cargo::rustc-check-cfg=cfg(rulebook_reader)");
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if !wasm || env::var_os("CARGO_FEATURE_EVALUATE_FULL").is_some() {
        println!("cargo::rustc-cfg=rulebook_reader");
    }
    // The built-in rulebooks as one document, `{ "se": [docs…], "sou-2019-42": [docs…] }`,
    // each list applied in order (the proposal on top of `se`). The command embeds
    // it in full, and writes the modules' `static`s from the copy without
    // descriptions and notes (`vardval rulebooks --rust`).
    let [se, national, regions, sou] = RULES.map(read);
    let mut rulebooks = serde_json::json!({ "se": [se, national, regions], "sou-2019-42": [sou] });
    write(&out, "rulebooks.json", rulebooks.to_string());
    strip(&mut rulebooks, &["description", "note", "generated_from", "generator"]);
    write(&out, "rulebooks.min.json", rulebooks.to_string());
    for file in LANGS.iter().flat_map(|l| [format!("i18n/{l}.json"), format!("i18n/page.{l}.json")]) {
        let value = read(&file);
        let name = file.replace('/', "_");
        write(&out, &name, value.to_string());
    }
}
