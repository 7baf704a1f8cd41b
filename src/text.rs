//! The person's language: text catalogues (`i18n/*.json`), Swedish number and
//! date formats.
//!
//! Every sentence the engine writes is a template in a catalogue, so the page,
//! the static no-JavaScript text and the answers share one source.

use crate::date::Date;
use serde_json::Value;
use std::sync::OnceLock;

// Minified copies of i18n/*.json, written by build.rs. The command embeds
// every catalogue. The WebAssembly modules embed no sentence: the page hands
// each the catalogue of its language (`set_catalogue`, from
// data/text-LANG.json), so a person downloads one language, once.
#[cfg(not(target_arch = "wasm32"))]
pub const SV_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_sv.json"));
#[cfg(not(target_arch = "wasm32"))]
pub const EN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_en.json"));
pub const PAGE_SV_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_page.sv.json"));
pub const PAGE_EN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/i18n_page.en.json"));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    pub const CODES: [&'static str; 2] = ["sv", "en"];

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Key and template, sorted by key (serde_json's map iterates in key order).
type Catalogue = Vec<(String, String)>;

fn parse_catalogue(text: &str) -> Catalogue {
    let value: Value = crate::input::parse_json(text).unwrap_or(Value::Null);
    let mut out = Catalogue::new();
    if let Value::Object(map) = value {
        for (k, v) in map {
            match v {
                Value::String(s) => out.push((k, s)),
                // An array of lines is joined: long templates stay readable in the file.
                Value::Array(lines) => out.push((k, lines.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" "))),
                _ => {}
            }
        }
    }
    out
}

static SV: OnceLock<Catalogue> = OnceLock::new();
static EN: OnceLock<Catalogue> = OnceLock::new();

fn slot(lang: Lang) -> &'static OnceLock<Catalogue> {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// The answers' catalogue: embedded in the command; in the WebAssembly module,
/// the one the page has handed in (empty before that: a key shows itself).
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    #[cfg(not(target_arch = "wasm32"))]
    return slot(lang).get_or_init(|| parse_catalogue(if lang == Lang::Sv { SV_JSON } else { EN_JSON }));
    #[cfg(target_arch = "wasm32")]
    {
        static EMPTY: Catalogue = Vec::new();
        slot(lang).get().unwrap_or(&EMPTY)
    }
}

/// Hands the module the catalogue of `lang` (data/text-LANG.json): `false`
/// when the text is not a catalogue or one is already there.
pub fn set_catalogue(lang: Lang, text: &str) -> bool {
    let entries = parse_catalogue(text);
    !entries.is_empty() && slot(lang).set(entries).is_ok()
}

/// The page's catalogue: labels, hints and the static text of the rules.
pub fn page_catalogue(lang: Lang) -> &'static Catalogue {
    static SV: OnceLock<Catalogue> = OnceLock::new();
    static EN: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Sv => SV.get_or_init(|| parse_catalogue(PAGE_SV_JSON)),
        Lang::En => EN.get_or_init(|| parse_catalogue(PAGE_EN_JSON)),
    }
}

fn lookup<'c>(entries: &'c Catalogue, key: &str) -> Option<&'c str> {
    entries.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| entries[i].1.as_str())
}

/// The template `key` in `lang` with each `{name}` replaced. A missing key
/// shows itself (the tests make sure none is missing).
pub fn tr(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    lookup(catalogue(lang), key).map_or_else(|| key.to_string(), |t| fill(t, args))
}

/// `tr` for a sentence about `count` things: the key's `.one` form when the
/// count is 1 and the catalogue has one ("1 gång", "2 gånger").
pub fn tr_n(lang: Lang, key: &str, count: u32, args: &[(&str, String)]) -> String {
    let one = if count == 1 { lookup(catalogue(lang), &format!("{key}.one")) } else { None };
    let mut all = args.to_vec();
    all.push(("count", count.to_string()));
    one.map_or_else(|| tr(lang, key, &all), |t| fill(t, &all))
}

/// `tr` for the page's text, which may also quote the answers' text.
pub fn tr_page(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    match lookup(page_catalogue(lang), key) {
        Some(t) => fill(t, args),
        None => tr(lang, key, args),
    }
}

fn fill(template: &str, args: &[(&str, String)]) -> String {
    // split_once rather than index slicing: no panic path in the module. (A
    // char pattern: a string pattern, as page.rs's `{{…}}`, brings the two-way
    // searcher into the module, 9 KB; so the page's filler is its own.)
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, tail)) = after.split_once('}') else {
            out.push('{');
            rest = after;
            break;
        };
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => out.push_str(v),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// An amount in kronor: "1 450 kr" in Swedish (no-break spaces), "1,450 kr" in English.
pub fn kr(lang: Lang, amount: u32) -> String {
    let digits = amount.to_string();
    let sep = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out.push_str("\u{a0}kr");
    out
}

/// "1 februari 2027" / "1 February 2027".
pub fn long_date(lang: Lang, date: Date) -> String {
    let (y, m, d) = date.ymd();
    let month = tr(lang, &format!("month.{m}"), &[]);
    format!("{d} {month} {y}")
}

/// A list of items: "a, b och c" / "a, b and c".
pub fn and_list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {}", init.join(", "), tr(lang, "word.and", &[]), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys_and_placeholders() {
        for (sv, en) in [(catalogue(Lang::Sv), catalogue(Lang::En)), (page_catalogue(Lang::Sv), page_catalogue(Lang::En))] {
            same_keys_and_placeholders(sv, en);
        }
    }

    fn same_keys_and_placeholders(sv: &Catalogue, en: &Catalogue) {
        assert!(sv.len() > 50, "sv catalogue looks empty: {}", sv.len());
        let keys_sv: Vec<_> = sv.iter().map(|(k, _)| k).collect();
        let keys_en: Vec<_> = en.iter().map(|(k, _)| k).collect();
        assert_eq!(keys_sv, keys_en);
        assert!(sv.windows(2).all(|w| w[0].0 < w[1].0), "tr() looks keys up by binary search");
        let placeholders = |s: &str| -> Vec<String> {
            let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(str::to_string).collect();
            v.sort();
            v
        };
        for ((k, v), (_, e)) in sv.iter().zip(en) {
            assert_eq!(placeholders(v), placeholders(e), "placeholders of {k}");
        }
    }

    /// The sentences of a template: split after . ? ! followed by a space and
    /// a capital or a placeholder.
    fn sentences(template: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let words: Vec<&str> = template.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            out.last_mut().unwrap().push_str(&format!("{w} "));
            let next_starts = words.get(i + 1).and_then(|n| n.chars().next()).is_some_and(|c| c.is_uppercase() || c == '{');
            if (w.ends_with('.') || w.ends_with('?') || w.ends_with('!')) && next_starts && !w.ends_with("kap.") {
                out.push(String::new());
            }
        }
        out.into_iter().filter(|s| !s.trim().is_empty()).collect()
    }

    #[test]
    fn answer_sentences_are_short() {
        // Plain language (issue 9): at most 20 words where the meaning allows,
        // never more than 25. A placeholder counts as one word.
        for lang in [Lang::Sv, Lang::En] {
            let mut over_20 = Vec::new();
            for (key, template) in catalogue(lang) {
                for sentence in sentences(template) {
                    let words = sentence.split_whitespace().count();
                    assert!(words <= 25, "{key} ({lang:?}) has a sentence of {words} words: {sentence}");
                    if words > 20 {
                        over_20.push(format!("{key}: {words}"));
                    }
                }
            }
            assert!(over_20.is_empty(), "{lang:?}: sentences over 20 words: {over_20:?}");
        }
    }

    #[test]
    fn the_count_chooses_the_plural_form() {
        let one = tr_n(Lang::Sv, "listing.counted.some", 1, &[("dates", "x".into())]);
        assert_eq!(one, "1 byte räknas: x.");
        assert_eq!(tr_n(Lang::Sv, "listing.counted.some", 2, &[("dates", "x".into())]), "2 byten räknas: x.");
        assert_eq!(tr_n(Lang::En, "listing.counted.some", 1, &[("dates", "x".into())]), "1 change counts: x.");
    }

    #[test]
    fn formats_kronor_and_dates() {
        assert_eq!(kr(Lang::Sv, 1450), "1\u{a0}450\u{a0}kr");
        assert_eq!(kr(Lang::Sv, 100), "100\u{a0}kr");
        assert_eq!(kr(Lang::En, 1234567), "1,234,567\u{a0}kr");
        let d = Date::parse_iso("2027-02-01").unwrap();
        assert_eq!(long_date(Lang::Sv, d), "1 februari 2027");
        assert_eq!(long_date(Lang::En, d), "1 February 2027");
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(tr(Lang::Sv, "word.and", &[]), "och");
        assert_eq!(and_list(Lang::En, &["a".into(), "b".into(), "c".into()]), "a, b and c");
    }
}
