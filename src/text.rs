//! The person's language: text catalogues (`i18n/*.json`), Swedish number and
//! date formats.
//!
//! Every sentence the engine writes is a template in a catalogue, so the page,
//! the static no-JavaScript text and the answers share one source.

use crate::prelude::*;
use crate::date::Date;
use crate::json::Value;
use crate::json_writer::Decimal;

// Minified copies of i18n/*.json, written by build.rs, in the order of
// `Lang::ALL`. The command embeds every catalogue. The WebAssembly modules
// embed no sentence: the page hands each the catalogue of its language
// (`set_catalogue`, from data/text-LANG.json), so a person downloads one
// language, once.
/// The catalogue `$kind` ("" for the answers, "page." for the page) of every
/// language, in the order of `Lang::ALL`.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! every_language {
    ($kind:literal) => {
        [
            include_str!(concat!(env!("OUT_DIR"), "/i18n_", $kind, "sv.json")),
            include_str!(concat!(env!("OUT_DIR"), "/i18n_", $kind, "en.json")),
            include_str!(concat!(env!("OUT_DIR"), "/i18n_", $kind, "ar.json")),
            include_str!(concat!(env!("OUT_DIR"), "/i18n_", $kind, "fi.json")),
            include_str!(concat!(env!("OUT_DIR"), "/i18n_", $kind, "sv-x-easy.json")),
        ]
    };
}
#[cfg(not(target_arch = "wasm32"))]
const ANSWERS_JSON: [&str; 5] = every_language!("");
#[cfg(not(target_arch = "wasm32"))]
const PAGE_JSON: [&str; 5] = every_language!("page.");

/// The languages of CONTRACT §6 `lang`: Swedish (the original), English,
/// Arabic, Finnish, and easy-to-read Swedish (lättläst).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
    Ar,
    Fi,
    SvEasy,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::Sv, Lang::En, Lang::Ar, Lang::Fi, Lang::SvEasy];
    pub const CODES: [&'static str; 5] = ["sv", "en", "ar", "fi", "sv-x-easy"];

    pub fn from_code(code: &str) -> Option<Lang> {
        Self::CODES.iter().position(|c| *c == code).map(|i| Self::ALL[i])
    }

    pub fn code(self) -> &'static str {
        Self::CODES[self as usize]
    }

    /// Plain or easy-to-read Swedish: the legal sources' titles are in the
    /// person's language already.
    pub fn is_swedish(self) -> bool {
        matches!(self, Lang::Sv | Lang::SvEasy)
    }

    /// The plural category of `count` (Unicode CLDR): which `KEY.FORM` of a
    /// catalogue a sentence about `count` things takes. Swedish, English and
    /// Finnish have "one" and "other"; Arabic also "zero", "two", "few" and
    /// "many".
    pub fn plural(self, count: u32) -> &'static str {
        match (self, count, count % 100) {
            (_, 1, _) => "one",
            (Lang::Ar, 0, _) => "zero",
            (Lang::Ar, 2, _) => "two",
            (Lang::Ar, _, 3..=10) => "few",
            (Lang::Ar, _, 11..=99) => "many",
            _ => "other",
        }
    }
}

/// Key and template, sorted by key (a `json::Map` iterates in key order).
type Catalogue = Vec<(String, String)>;

fn parse_catalogue(text: &str) -> Catalogue {
    let value: Value = crate::input::parse_json(text).unwrap_or(Value::Null);
    let mut out = Catalogue::new();
    if let Value::Object(map) = value {
        for (k, v) in map {
            match v {
                Value::String(s) => out.push((k, s)),
                // An array of lines is joined: long templates stay readable in the file.
                Value::Array(lines) => out.push((k, join(&lines.iter().filter_map(Value::as_str).collect::<Vec<_>>(), " "))),
                _ => {}
            }
        }
    }
    out
}

/// The answers' catalogue, embedded in the command.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static CATALOGUES: [std::sync::OnceLock<Catalogue>; 5] = [const { std::sync::OnceLock::new() }; 5];
    CATALOGUES[lang as usize].get_or_init(|| parse_catalogue(ANSWERS_JSON[lang as usize]))
}

// In the module, each language's catalogue as the page hands it in
// (`set_catalogue`), in two parts each set once: the page's text, and its
// second catalogue (the error messages, what only an answer under an
// override says). The module has no std and one
// thread: `OnceCell`s (`OneThread`), which cost less than a `RefCell`'d
// catalogue merged in place (0.3 KB brotli).
#[cfg(target_arch = "wasm32")]
static PARTS: crate::OneThread<[[core::cell::OnceCell<Catalogue>; 2]; 5]> = crate::OneThread([const { [const { core::cell::OnceCell::new() }; 2] }; 5]);

/// The template `key` in `lang`'s catalogue: in the module, in the parts the
/// page has handed in (none before that: a key shows itself).
fn template(lang: Lang, key: &str) -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    return lookup(catalogue(lang), key);
    #[cfg(target_arch = "wasm32")]
    PARTS[lang as usize].iter().filter_map(core::cell::OnceCell::get).find_map(|part| lookup(part, key))
}

/// Hands the module the catalogue of `lang` (data/text-LANG.json), or the
/// rest of it (data/text-more-LANG.json): `false` when the text is not a
/// catalogue, adds no key (a second component of the language hands in the
/// same text) or both parts are there.
#[cfg(target_arch = "wasm32")]
pub fn set_catalogue(lang: Lang, text: &str) -> bool {
    let entries = parse_catalogue(text);
    entries.iter().any(|(k, _)| template(lang, k).is_none()) && PARTS[lang as usize].iter().find(|part| part.get().is_none()).is_some_and(|part| part.set(entries).is_ok())
}

/// The page's catalogue: labels, hints and the static text of the rules.
#[cfg(not(target_arch = "wasm32"))]
pub fn page_catalogue(lang: Lang) -> &'static Catalogue {
    static PAGES: [std::sync::OnceLock<Catalogue>; 5] = [const { std::sync::OnceLock::new() }; 5];
    PAGES[lang as usize].get_or_init(|| parse_catalogue(PAGE_JSON[lang as usize]))
}

fn lookup<'c>(entries: &'c Catalogue, key: &str) -> Option<&'c str> {
    entries.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| entries[i].1.as_str())
}

/// The template `key` in `lang` with each `{name}` replaced. A missing key
/// shows itself (the tests make sure none is missing).
pub fn tr(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    template(lang, key).map_or_else(|| key.to_string(), |t| fill(t, args))
}

/// `tr` of the key `group.name` ("item.pc_doctor").
pub fn tr_of(lang: Lang, group: &str, name: &str, args: &[(&str, String)]) -> String {
    tr(lang, &crate::input::key(group, name), args)
}

/// `tr` for a sentence about `count` things: the key's form for the count's
/// CLDR plural category (`KEY.one`, Arabic's `KEY.two`, …; `Lang::plural`)
/// where the catalogue has one, else `KEY` ("1 gång", "2 gånger").
pub fn tr_n(lang: Lang, key: &str, count: u32, args: &[(&str, String)]) -> String {
    let form = match lang.plural(count) {
        "other" => None,
        form => template(lang, &crate::input::key(key, form)),
    };
    let mut all = args.to_vec();
    all.push(("count", number(lang, count)));
    form.map_or_else(|| tr(lang, key, &all), |t| fill(t, &all))
}

/// `tr` for the page's text, which may also quote the answers' text.
#[cfg(not(target_arch = "wasm32"))]
pub fn tr_page(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    match lookup(page_catalogue(lang), key) {
        Some(t) => fill(t, args),
        None => tr(lang, key, args),
    }
}

fn fill(template: &str, args: &[(&str, String)]) -> String {
    // split_once rather than index slicing: no panic path in the module. (A
    // closure pattern: a string pattern, as page.rs's `{{…}}`, brings the
    // two-way searcher into the module, 9 KB, so the page's filler is its own;
    // a char pattern, the char searcher with memchr, 0.25 KB brotli.)
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once(|c| c == '{') {
        out.push_str(before);
        let Some((name, tail)) = after.split_once(|c| c == '}') else {
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

/// `parts` with `sep` between them, as `[S]::join` writes them: the module
/// carries std's (1 KB, for separators of every length) once for each kind of
/// part, and this small one in their place.
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

/// `parts` one after another (`join` without a separator): what `format!`
/// would write, without `core::fmt`.
pub fn concat(parts: &[&str]) -> String {
    join(parts, "")
}

/// An amount in kronor: "1 450 kr" in Swedish and Finnish (no-break spaces),
/// "1,450 kr" in English and Arabic (Western digits, as the page's
/// `Intl.NumberFormat` writes them): `number` and the unit.
pub fn kr(lang: Lang, amount: u32) -> String {
    let mut out = number(lang, amount);
    out.push_str("\u{a0}kr");
    out
}

/// A whole number with the catalogue's `word.thousands_sep` between groups of
/// three digits ("1 450", "1,450"), for amounts and counts alike.
pub fn number(lang: Lang, n: u32) -> String {
    let digits = n.decimal();
    let sep = tr(lang, "word.thousands_sep", &[]);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(&sep);
        }
        out.push(c);
    }
    out
}

/// "1 februari 2027" / "1 February 2027" / "1. helmikuuta 2027": the
/// catalogue's `date.long`.
pub fn long_date(lang: Lang, date: Date) -> String {
    let (y, m, d) = date.ymd();
    let month = tr_of(lang, "month", &m.decimal(), &[]);
    tr(lang, "date.long", &[("day", d.decimal()), ("month", month), ("year", y.decimal())])
}

/// A list of items: "a, b och c" / "a, b and c" / "a، b و c".
pub fn and_list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        // A template, as Arabic joins "و" to the last item.
        [init @ .., last] => tr(lang, "word.and_list", &[("init", join(init, &tr(lang, "word.list_sep", &[]))), ("last", last.clone())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12: every catalogue has every key of Swedish (the original),
    /// with the same placeholders and the same plural forms; a language may
    /// add the plural forms its grammar has (Arabic's "two", "few", …), and
    /// nothing else.
    #[test]
    fn every_catalogue_has_every_key_of_swedish_with_the_same_placeholders_and_plurals() {
        const FORMS: [&str; 5] = ["zero", "one", "two", "few", "many"];
        for kind in [catalogue as fn(Lang) -> &'static Catalogue, page_catalogue] {
            let sv = kind(Lang::Sv);
            assert!(sv.len() > 50, "sv catalogue looks empty: {}", sv.len());
            for lang in Lang::ALL {
                let other = kind(lang);
                assert!(other.windows(2).all(|w| w[0].0 < w[1].0), "tr() looks keys up by binary search");
                for (key, template) in sv {
                    let theirs = lookup(other, key).unwrap_or_else(|| panic!("{lang:?} has no {key}"));
                    assert_eq!(placeholders(theirs), placeholders(template), "placeholders of {key} in {lang:?}");
                    assert!(template.is_empty() || !theirs.is_empty(), "{key} in {lang:?}: empty, not translated");
                }
                for (key, template) in other {
                    if lookup(sv, key).is_some() {
                        continue;
                    }
                    // An extra key is a plural form of a key Swedish has, one this language uses.
                    let (base, form) = key.rsplit_once('.').unwrap_or_else(|| panic!("{lang:?} has {key}, which Swedish has not"));
                    let base_template = lookup(sv, base).unwrap_or_else(|| panic!("{lang:?} has {key}, which Swedish has not"));
                    assert!(FORMS.contains(&form) && (0..200).any(|n| lang.plural(n) == form), "{key}: {lang:?} has no plural form {form:?}");
                    // tr_n also counts by `{limit}` and `{assessment}`: a form wherever Swedish has one.
                    assert!(base_template.contains("{count}") || lookup(sv, &format!("{base}.one")).is_some(), "{key}: a plural form of a sentence without a count");
                    assert_eq!(placeholders(template), placeholders(base_template), "placeholders of {key} in {lang:?}");
                }
            }
        }
    }

    fn placeholders(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split('}').next()).map(str::to_string).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn arabic_counts_take_their_plural_forms() {
        let forms: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111].iter().map(|&n| Lang::Ar.plural(n)).collect();
        assert_eq!(forms, ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "few", "many"]);
        for lang in [Lang::Sv, Lang::En, Lang::Fi, Lang::SvEasy] {
            assert_eq!([0, 1, 2, 21].map(|n| lang.plural(n)), ["other", "one", "other", "other"]);
        }
        // i18n/ar.json's forms of listing.counted.some, by the count.
        let counted = |n| tr_n(Lang::Ar, "listing.counted.some", n, &[("dates", "x".into())]);
        assert_eq!([1, 2, 3, 11, 100].map(counted), ["يُحسب تغيير واحد: x.", "يُحسب تغييران (2): x.", "تُحسب 3 تغييرات: x.", "يُحسب 11 تغييرًا: x.", "يُحسب 100 تغيير: x."]);
    }

    /// The sentences of a template: split after . ? ! followed by a space and
    /// a capital or a placeholder.
    fn sentences(template: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let words: Vec<&str> = template.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            out.last_mut().unwrap().push_str(&format!("{w} "));
            // A capital, a placeholder, or a letter of a script without case (Arabic).
            let next_starts = words.get(i + 1).and_then(|n| n.chars().next()).is_some_and(|c| c == '{' || (c.is_alphabetic() && !c.is_lowercase()));
            if w.ends_with(['.', '?', '!', '؟']) && next_starts && !w.ends_with("kap.") {
                out.push(String::new());
            }
        }
        out.into_iter().filter(|s| !s.trim().is_empty()).collect()
    }

    #[test]
    fn answer_sentences_are_short() {
        // Plain language (issue 9): at most 20 words where the meaning allows,
        // never more than 25. A placeholder counts as one word. Easy-to-read
        // Swedish (issue 12): at most 15, in the page's text too.
        for lang in Lang::ALL {
            if lang == Lang::SvEasy {
                for (key, template) in catalogue(lang).iter().chain(page_catalogue(lang)) {
                    for sentence in sentences(template) {
                        let words = sentence.split_whitespace().count();
                        assert!(words <= 15, "{key} (lättläst) has a sentence of {words} words: {sentence}");
                    }
                }
            }
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
    fn a_count_of_thousands_is_grouped_as_amounts_are() {
        let total = [("total", kr(Lang::Sv, 200_000))];
        assert_eq!(tr_n(Lang::Sv, "fees.summary.total", 1000, &total), "Dina 1\u{a0}000 besök kostar 200\u{a0}000\u{a0}kr sammanlagt.");
        let total = [("total", kr(Lang::En, 200_000))];
        assert_eq!(tr_n(Lang::En, "fees.summary.total", 1000, &total), "Your 1,000 visits cost 200,000\u{a0}kr in all.");
    }

    #[test]
    fn formats_kronor_and_dates() {
        assert_eq!(kr(Lang::Sv, 1450), "1\u{a0}450\u{a0}kr");
        assert_eq!(kr(Lang::Sv, 100), "100\u{a0}kr");
        assert_eq!(kr(Lang::En, 1234567), "1,234,567\u{a0}kr");
        assert_eq!(kr(Lang::Fi, 1450), "1\u{a0}450\u{a0}kr");
        assert_eq!(kr(Lang::Ar, 1450), "1,450\u{a0}kr");
        assert_eq!(kr(Lang::SvEasy, 999), "999\u{a0}kr");
        let d = Date::parse_iso("2027-02-01").unwrap();
        assert_eq!(long_date(Lang::Sv, d), "1 februari 2027");
        assert_eq!(long_date(Lang::En, d), "1 February 2027");
        assert_eq!(long_date(Lang::Fi, d), "1. helmikuuta 2027");
        assert_eq!(long_date(Lang::Ar, d), "1 فبراير 2027");
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(tr(Lang::Sv, "error.missing_field", &[("path", "today".into())]), "today saknas.");
        assert_eq!(and_list(Lang::En, &["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(and_list(Lang::Sv, &["a".into(), "b".into(), "c".into()]), "a, b och c");
        assert_eq!(and_list(Lang::Ar, &["أ".into(), "ب".into(), "ج".into()]), "أ، ب وج");
        assert_eq!(and_list(Lang::Fi, &["a".into(), "b".into()]), "a ja b");
    }
}
