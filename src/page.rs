//! The page as static HTML: the rules in full, written from the same rulebook
//! and text catalogue the engine answers with, so that a person without
//! JavaScript or WebAssembly can read every right and work it out by hand.
//!
//! `render` fills a template (`www/page.html`): `{{t:KEY}}` is the catalogue
//! text, `{{lang}}` (the code the engine knows, `sv-x-easy`), `{{html_lang}}`
//! (the page's language for the browser and screen readers: lättläst is `sv`),
//! `{{dir}}` (`rtl` for Arabic), `{{root}}` (the way back to `www/`),
//! `{{languages}}` (the language menu: every page by its own name),
//! `{{translation_note}}` (on a translated page: the Swedish text is the
//! original, and who has checked the translation), `{{static}}` (the
//! rules, below) and `{{catalogue}}` (the component's catalogue, the same
//! JSON as `data/text-LANG.json`, for the page to hold inline); `{{# …}}` is
//! a note to the template's reader, left out of the page.

use crate::json_writer::WriteJson;
use crate::rulebook::{FreeAgeRule, Rulebook, Source};
use crate::text::{and_list, kr, tr_page, Lang};

/// Text made safe to stand in HTML, as content or in a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn t(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    escape(&tr_page(lang, key, args))
}

fn sources_html(lang: Lang, sources: &[Source]) -> String {
    let mut html = format!("<p class=\"vk-sources-title\">{}</p><ul class=\"vk-sources\">", t(lang, "ui.sources", &[]));
    for s in sources {
        // The titles of laws and pages stay in Swedish, and say so.
        let title = match lang.is_swedish() {
            true => escape(&s.title),
            false => format!("<span lang=\"sv\">{}</span> {}", escape(&s.title), t(lang, "ui.source_in_sv", &[])),
        };
        html.push_str(&format!("<li><a href=\"https://{}\">{}</a></li>", escape(&s.url), title.trim_end()));
    }
    html.push_str("</ul>");
    html
}

/// A wide table scrolls in its own box, so the page itself never scrolls
/// sideways on a narrow screen (WCAG 1.4.10); the box can take focus.
fn table_wrap(lang: Lang, caption_key: &str) -> String {
    format!("<div class=\"vk-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">", t(lang, caption_key, &[]))
}

fn para(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    format!("<p>{}</p>", t(lang, key, args))
}

/// The rules in full, as HTML sections under an `h2`.
pub fn rules_html(lang: Lang, book: &Rulebook, day: crate::date::Date) -> String {
    let p = &book.parameters;
    let limit = p.relisting_limit.at(day).value.map_or_else(|| "∞".to_string(), |l| l.to_string());
    let specials: Vec<String> = p.special_reasons.at(day).value.iter().map(|r| crate::listing::reason_label(lang, r)).collect();
    let mut html = String::new();
    html.push_str(&format!("<h2 id=\"vk-rules\">{}</h2>", t(lang, "static.heading", &[])));
    html.push_str(&para(lang, "static.intro", &[]));

    html.push_str(&format!("<h3>{}</h3>", t(lang, "static.relist.heading", &[])));
    html.push_str(&para(lang, "static.relist.rule", &[("limit", limit.clone())]));
    html.push_str(&format!(
        "<ol><li>{}</li><li>{}</li><li>{}</li></ol>",
        t(lang, "static.relist.how1", &[("reasons", and_list(lang, &specials))]),
        t(lang, "static.relist.how2", &[("limit", limit.clone())]),
        t(lang, "static.relist.how3", &[("limit", limit)])
    ));
    html.push_str(&para(lang, "static.relist.closed", &[]));
    html.push_str(&sources_html(lang, &[book.source("hsl-7-3"), book.source("hsl-7-3b"), book.source("hsl-7-3c"), book.source("pl-9-1"), book.source("lag-1930-173")]));

    html.push_str(&format!("<h3>{}</h3>", t(lang, "static.doctor.heading", &[])));
    html.push_str(&para(lang, "static.doctor.rule", &[]));
    html.push_str(&para(lang, "static.doctor.target", &[]));
    html.push_str(&para(lang, "static.guarantee.rule", &[("assessment", p.assessment_days.at(day).value.to_string())]));
    html.push_str(&sources_html(lang, &[book.source("pl-6-3"), book.source("hsl-9-1"), book.source("skr-vardgaranti-2022")]));

    html.push_str(&format!("<h3>{}</h3>", t(lang, "static.fees.heading", &[])));
    html.push_str(&para(lang, "static.fees.rule", &[]));
    html.push_str(&format!(
        "<ol><li>{}</li><li>{}</li><li>{}</li></ol>",
        t(lang, "static.fees.how1", &[]),
        t(lang, "static.fees.how2", &[]),
        t(lang, "static.fees.how3", &[("age85", p.free_from_age.at(day).value.to_string())])
    ));
    // The ceiling for every year the rulebook knows the prisbasbelopp of.
    html.push_str(&format!(
        "{}<table class=\"vk-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        table_wrap(lang, "static.fees.ceiling_caption"),
        t(lang, "static.fees.ceiling_caption", &[]),
        t(lang, "static.fees.year", &[]),
        t(lang, "static.fees.ceiling", &[])
    ));
    for entry in p.prisbasbelopp.entries() {
        if let Some(from) = entry.valid_from {
            html.push_str(&format!("<tr><td>{}</td><td>{}</td></tr>", from.year(), escape(&kr(lang, book.ceiling(from, None).amount))));
        }
    }
    html.push_str("</tbody></table></div>");
    // Each region's fees by kind of visit, each with its own date and page.
    let columns = ["pc_doctor", "pc_nurse", "specialist_doctor", "emergency"];
    html.push_str(&format!(
        "{}<table class=\"vk-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        table_wrap(lang, "static.fees.table_caption"),
        t(lang, "static.fees.table_caption", &[]),
        t(lang, "static.fees.region", &[])
    ));
    for item in columns {
        html.push_str(&format!("<th scope=\"col\">{}</th>", t(lang, &format!("static.fees.col.{item}"), &[])));
    }
    html.push_str(&format!("<th scope=\"col\">{}</th></tr></thead><tbody>", t(lang, "static.fees.free_age", &[])));
    let source_url = |id: &str| book.sources.iter().find(|s| s.id == id).map(|s| s.url.clone()).unwrap_or_default();
    let cell = |value: String, provenance: &crate::rulebook::Provenance| {
        let date = provenance.shown_date().map_or_else(|| t(lang, "fees.undated", &[]), |d| escape(&d));
        let url = source_url(&provenance.source);
        let date = if url.is_empty() { date } else { format!("<a href=\"https://{}\">{date}</a>", escape(&url)) };
        format!("<td>{value}<br><span class=\"vk-note\">{date}</span></td>")
    };
    for r in book.regions.iter() {
        html.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(&r.name)));
        for item in columns {
            match r.fee(item, "physical") {
                Some(f) => html.push_str(&cell(escape(&kr(lang, f.kr)), &f.provenance)),
                None => html.push_str(&format!("<td>{}</td>", t(lang, "static.fees.not_known", &[]))),
            }
        }
        match &r.free_age {
            None => html.push_str(&format!("<td>{}</td>", t(lang, "static.fees.not_known", &[]))),
            Some(f) => {
                let key = if f.rule == FreeAgeRule::ThroughYear { "static.fees.free_age_calendar" } else { "static.fees.free_age_under" };
                html.push_str(&cell(t(lang, key, &[("age", f.age.to_string())]), &f.provenance));
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html.push_str(&sources_html(lang, &[book.source("hsl-17"), book.source("hsl-17-6"), book.source("1177-hogkostnadsskydd"), book.source("vardgivarguiden-hogkostnadsskydd")]));

    html.push_str(&format!("<h3>{}</h3>", t(lang, "static.proposal.heading", &[])));
    html.push_str(&para(lang, "static.proposal.rule", &[]));
    html
}

/// The `ui.` keys only the component's parts loaded after its first answer
/// use (www/src/parts.js): the error summary, the share link's panel and
/// dates written in words (later.js), and the nearby search's results
/// (nearby.js). They are in the second catalogue, `more_catalogue_json`
/// (data/text-more-LANG.json), which those parts fetch as they load, not in
/// the one the page holds. Each names a key and the keys under it (`KEY.one`,
/// `KEY.name`, `KEY.open`). tests/browser/catalogues.test.mjs checks, against
/// the bundled scripts, that no key the first part names is here.
const LATER_KEYS: &[&str] = &[
    "ui.error",
    "ui.error_prefix",
    "ui.error_summary",
    "ui.months_other",
    "ui.share.copied",
    "ui.share.copy",
    "ui.share.label",
    "ui.share.note",
    "ui.share.select",
    "ui.share.too_many",
    "ui.link.eservice",
    "ui.link.hitta_vard",
    "ui.nearby.choose",
    "ui.nearby.coverage",
    "ui.nearby.coverage_none",
    "ui.nearby.from_municipality",
    "ui.nearby.from_position",
    "ui.nearby.from_postal",
    "ui.nearby.hitta_vard",
    "ui.nearby.home_assumed",
    "ui.nearby.home_assumed_position",
    "ui.nearby.home_change",
    "ui.nearby.how_to_list",
    "ui.nearby.list",
    "ui.nearby.list_link",
    "ui.nearby.map",
    "ui.nearby.map_caption",
    "ui.nearby.map_desc",
    "ui.nearby.map_scale",
    "ui.nearby.may_be_nearer",
    "ui.nearby.more",
    "ui.nearby.none",
    "ui.nearby.other_region",
    "ui.nearby.other_region_tag",
    "ui.nearby.position_denied",
    "ui.nearby.position_unavailable",
    "ui.nearby.region",
    "ui.nearby.results",
    "ui.nearby.results_within",
    "ui.nearby.searching",
    "ui.nearby.status_some_unknown",
    "ui.nearby.status_unknown",
    "ui.nearby.unit_page",
    "ui.nearby.your_position",
];

/// The answers' keys the page's first answer never needs, in the second
/// catalogue, which the component hands its module once it has it (with
/// `rules-src` before it reads the override):
/// - those only error messages use (`error.*`, and the types they name,
///   `type.*`): the page shows its own labels for errors (`ui.error.CODE`), so
///   the engine's messages reach only the console and an editor's note;
/// - those only an answer under a region's override uses (`regional.*`, the
///   parameters it names, `param.*`, and the override's titles and warning):
///   only the full module, loaded for `rules-src`, reads one.
pub(crate) const LATER_ANSWER_KEYS: &[&str] = &["error", "type", "regional", "param", "rulebook.regional", "rulebook.regional_title", "warning.regional_rulebook"];

/// The `ui.` keys only the static page uses (www/page.html's title, header,
/// lead and footer; the language menu): in neither of the component's catalogues.
const PAGE_ONLY_KEYS: &[&str] = &["ui.brand", "ui.footer", "ui.lang", "ui.lead", "ui.nojs", "ui.privacy", "ui.skip", "ui.title", "ui.translation.original"];

/// Whether `key` is one of `keys` or under one of them.
fn listed(keys: &[&str], key: &str) -> bool {
    keys.iter().any(|k| key.strip_prefix(k).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')))
}

/// The component's catalogue as JSON: the page's own labels (`ui.`) the
/// component needs before and for its first answer, the answers' catalogue
/// but for what the first answer never needs (`LATER_ANSWER_KEYS`), which the WebAssembly
/// module writes its answers from, and the regions' names; sorted by key, a
/// later entry in place of an earlier one of its key.
/// `vardval text` writes it (data/text-LANG.json); the page holds it inline.
pub fn catalogue_json(lang: Lang) -> String {
    let page = crate::text::page_catalogue(lang).iter().filter(|(k, _)| k.starts_with("ui.") && !listed(LATER_KEYS, k) && !listed(PAGE_ONLY_KEYS, k));
    let answers = crate::text::catalogue(lang).iter().filter(|(k, _)| !listed(LATER_ANSWER_KEYS, k));
    // The regions' names for the region questions (`region.01`: "Region Stockholm"), as
    // the module's rulebook has them: the questions are drawn before the module has started.
    let regions: Vec<(String, &str)> = Rulebook::builtin("se").map_or_else(Vec::new, |book| book.regions.iter().map(|r| (format!("region.{}", r.code), &*r.name)).collect());
    let entries: std::collections::BTreeMap<&str, &str> =
        page.chain(answers).map(|(k, v)| (k.as_str(), v.as_str())).chain(regions.iter().map(|(k, v)| (k.as_str(), *v))).collect();
    entries.to_json()
}

/// The component's second catalogue as JSON: the labels only its parts loaded
/// after the first answer use (`LATER_KEYS`), the engine's error messages and
/// what only an answer under an override says (`LATER_ANSWER_KEYS`), sorted by key. `vardval text --more` writes it
/// (data/text-more-LANG.json); those parts fetch it as they load, and the
/// component hands it to its module.
pub fn more_catalogue_json(lang: Lang) -> String {
    let labels = crate::text::page_catalogue(lang).iter().filter(|(k, _)| listed(LATER_KEYS, k));
    let messages = crate::text::catalogue(lang).iter().filter(|(k, _)| listed(LATER_ANSWER_KEYS, k));
    let entries: std::collections::BTreeMap<&str, &str> = labels.chain(messages).map(|(k, v)| (k.as_str(), v.as_str())).collect();
    entries.to_json()
}

/// Where each language's page lies under `www/`.
fn page_path(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "",
        Lang::En => "en/",
        Lang::Ar => "ar/",
        Lang::Fi => "fi/",
        Lang::SvEasy => "lattlast/",
    }
}

/// The language a browser and a screen reader should read the page in.
fn html_lang(lang: Lang) -> &'static str {
    if lang == Lang::SvEasy { "sv" } else { lang.code() }
}

/// Which way the page's lines run: Arabic from the right.
fn dir(lang: Lang) -> &'static str {
    if lang == Lang::Ar { "rtl" } else { "ltr" }
}

/// The menu of every language, each by its own name, the current one marked.
fn languages_html(lang: Lang, root: &str) -> String {
    let mut html = String::new();
    for other in Lang::ALL {
        let href = match format!("{root}{}", page_path(other)) {
            here if here.is_empty() => "./".to_string(),
            there => there,
        };
        let current = if other == lang { " aria-current=\"page\"" } else { "" };
        let code = html_lang(other);
        html.push_str(&format!(
            "<li><a href=\"{href}\" lang=\"{code}\" hreflang=\"{code}\"{current}>{}</a></li>",
            t(other, "ui.lang.name", &[])
        ));
    }
    html
}

/// Fills `template` for `lang` (see the module's comment).
pub fn render(template: &str, lang: Lang, book: &Rulebook, day: crate::date::Date) -> String {
    let root = if lang == Lang::Sv { "" } else { "../" };
    let mut out = String::with_capacity(template.len() * 4);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once("{{") {
        out.push_str(before);
        let Some((name, tail)) = after.split_once("}}") else {
            out.push_str("{{");
            rest = after;
            break;
        };
        match name {
            "lang" => out.push_str(lang.code()),
            "html_lang" => out.push_str(html_lang(lang)),
            "dir" => out.push_str(dir(lang)),
            "root" => out.push_str(root),
            "languages" => out.push_str(&languages_html(lang, root)),
            // The link's words are in the page's language; only what it leads to is Swedish.
            "translation_note" if lang != Lang::Sv => out.push_str(&format!(
                "<p class=\"vk-translation\">{} <a href=\"{root}\" hreflang=\"sv\">{}</a></p>",
                t(lang, "ui.translation.note", &[]),
                t(lang, "ui.translation.original", &[])
            )),
            "translation_note" => {}
            "static" => out.push_str(&rules_html(lang, book, day)),
            // A note to the template's reader, not sent to every visitor (with its line's end).
            _ if name.starts_with('#') => {
                rest = tail.strip_prefix('\n').unwrap_or(tail);
                continue;
            }
            // Inside a <script> element no `<` may stand: `</script>` would end it.
            "catalogue" => out.push_str(&catalogue_json(lang).replace('<', "\\u003c")),
            _ => match name.strip_prefix("t:") {
                Some(key) => out.push_str(&t(lang, key, &[])),
                None => {
                    out.push_str("{{");
                    out.push_str(name);
                    out.push_str("}}");
                }
            },
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn fills_the_template_from_the_catalogue_and_rulebook() {
        let book = Rulebook::builtin("se").unwrap();
        let day = crate::date::Date::parse_iso("2026-11-23").unwrap();
        let html = render("<html lang=\"{{lang}}\"><h1>{{t:ui.title}}</h1>{{translation_note}}{{static}}{{unknown}}", Lang::Sv, book, day);
        assert!(html.starts_with("<html lang=\"sv\"><h1>Dina rättigheter i primärvården</h1>"));
        assert!(html.contains("högst 2 gånger"), "the limit comes from the rulebook");
        assert!(html.contains("<td>2026</td><td>1\u{a0}450\u{a0}kr</td>"), "the ceiling table");
        // Kronoberg: 150 kr for a doctor (1177 page, 2024), no emergency fee in the data.
        assert!(html.contains("Region Kronoberg</th><td>150\u{a0}kr<br><span class=\"vk-note\"><a href=\"https://www.1177.se/Kronoberg/"), "{html}");
        assert!(html.contains("Region Skåne</th><td>200\u{a0}kr<br><span class=\"vk-note\"><a href=\"https://www.1177.se/Skane/sa-fungerar-varden/kostnader-och-ersattningar/patientavgifter-i-skane/\">uppgift utan datum"));
        assert!(html.contains("uppgift utan datum"), "undated fees say so");
        assert!(html.contains("{{unknown}}"));
        let en = render("{{t:ui.title}} {{root}}", Lang::En, book, day);
        assert_eq!(en, "Your rights in primary care ../");
        // A note to the template's reader is left out, with its line's end.
        assert_eq!(render("<head>\n{{# why the next line is here }}\n<link>\n", Lang::Sv, book, day), "<head>\n<link>\n");
    }

    #[test]
    fn the_page_holds_the_components_catalogue_as_vardval_text_writes_it() {
        let book = Rulebook::builtin("se").unwrap();
        let day = crate::date::Date::parse_iso("2026-11-23").unwrap();
        for lang in Lang::ALL {
            let held = render("{{catalogue}}", lang, book, day);
            assert!(!held.contains('<'), "nothing in it can end its <script> element");
            assert_eq!(crate::input::parse_json(&held).unwrap(), crate::input::parse_json(&catalogue_json(lang)).unwrap());
        }
    }

    /// Issue 12: the page holds only what the first answer needs; what the
    /// parts loaded later say, the engine's error messages and what only an
    /// answer under an override says are in the
    /// second catalogue, the static page's own words in neither. Every language's two catalogues hold Swedish's
    /// keys (bar the plural forms it adds; text.rs checks their placeholders).
    #[test]
    fn the_two_catalogues_split_the_components_keys_alike_in_every_language() {
        use std::collections::BTreeSet;
        let keys = |json: String| -> BTreeSet<String> { crate::input::parse_json(&json).unwrap().as_object().unwrap().keys().cloned().collect() };
        let sv_page = crate::text::page_catalogue(Lang::Sv);
        for list in [LATER_KEYS, PAGE_ONLY_KEYS] {
            for k in list {
                assert!(sv_page.iter().any(|(key, _)| listed(&[k], key)), "{k} names no key of i18n/page.sv.json");
            }
        }
        for k in LATER_ANSWER_KEYS {
            assert!(crate::text::catalogue(Lang::Sv).iter().any(|(key, _)| listed(&[k], key)), "{k} names no key of i18n/sv.json");
        }
        // A plural form (KEY.one, Arabic's KEY.two, …) stands for its key.
        let base = |k: &String| ["zero", "one", "two", "few", "many"].iter().find_map(|f| k.strip_suffix(&format!(".{f}"))).unwrap_or(k).to_string();
        let (sv_first, sv_more) = (keys(catalogue_json(Lang::Sv)), keys(more_catalogue_json(Lang::Sv)));
        assert!(sv_more.contains("ui.error.missing_field") && sv_more.contains("ui.nearby.searching") && sv_more.contains("ui.share.copy"));
        assert!(sv_more.contains("error.missing_field") && sv_more.contains("error.unknown_field.nearest") && sv_more.contains("type.object"));
        assert!(sv_more.contains("regional.value") && sv_more.contains("param.fees.ceiling_max") && sv_more.contains("warning.regional_rulebook.titled") && sv_more.contains("rulebook.regional_title"));
        assert!(sv_first.contains("ui.show_answer") && sv_first.contains("ui.answer_failed") && sv_first.contains("ui.nearby.load_failed") && sv_first.contains("region.01"));
        assert!(sv_first.contains("fees.row") && sv_first.contains("warning.unknown_field") && sv_first.contains("word.input"));
        for lang in Lang::ALL {
            let (first, more) = (keys(catalogue_json(lang)), keys(more_catalogue_json(lang)));
            assert!(first.is_disjoint(&more), "{lang:?}");
            assert!(more.iter().all(|k| k.starts_with("ui.") || listed(LATER_ANSWER_KEYS, k)), "{lang:?}: only the page's labels and the answers' keys the first answer never needs");
            for (key, _) in crate::text::catalogue(lang) {
                assert!(first.contains(key) != more.contains(key) && more.contains(key) == listed(LATER_ANSWER_KEYS, key), "{key} in {lang:?}");
            }
            for (key, _) in crate::text::page_catalogue(lang).iter().filter(|(k, _)| k.starts_with("ui.")) {
                assert_eq!(first.contains(key) || more.contains(key), !listed(PAGE_ONLY_KEYS, key), "{key} in {lang:?}");
            }
            for (theirs, swedish) in [(&first, &sv_first), (&more, &sv_more)] {
                assert!(swedish.is_subset(theirs), "{lang:?} lacks {:?}", swedish.difference(theirs).collect::<Vec<_>>());
                assert!(theirs.iter().all(|k| swedish.contains(&base(k))), "{lang:?} has {:?}", theirs.difference(swedish).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn every_page_lists_every_language_by_its_own_name() {
        let book = Rulebook::builtin("se").unwrap();
        let day = crate::date::Date::parse_iso("2026-11-23").unwrap();
        let template = "<html lang=\"{{html_lang}}\" dir=\"{{dir}}\"><ul>{{languages}}</ul>{{translation_note}}{{static}}";
        let en = render(template, Lang::En, book, day);
        assert!(en.starts_with("<html lang=\"en\" dir=\"ltr\"><ul><li><a href=\"../\" lang=\"sv\" hreflang=\"sv\">Svenska</a></li><li><a href=\"../en/\" lang=\"en\" hreflang=\"en\" aria-current=\"page\">English</a></li>"), "{en}");
        for (lang, dir, html_lang, path) in [(Lang::Ar, "rtl", "ar", "../ar/"), (Lang::Fi, "ltr", "fi", "../fi/"), (Lang::SvEasy, "ltr", "sv", "../lattlast/")] {
            let page = render(template, lang, book, day);
            assert!(page.starts_with(&format!("<html lang=\"{html_lang}\" dir=\"{dir}\">")), "{page}");
            assert!(page.contains(&format!("<a href=\"{path}\" lang=\"{html_lang}\" hreflang=\"{html_lang}\" aria-current=\"page\">{}</a>", t(lang, "ui.lang.name", &[]))));
            // The Swedish original is named, and so is who has checked the translation.
            // The link reads in the page's language (no lang="sv"), and leads to Swedish.
            assert!(page.contains(&format!("<p class=\"vk-translation\">{} <a href=\"../\" hreflang=\"sv\">", t(lang, "ui.translation.note", &[]))));
        }
        let sv = render(template, Lang::Sv, book, day);
        assert!(sv.contains("<a href=\"./\" lang=\"sv\" hreflang=\"sv\" aria-current=\"page\">Svenska</a>"));
        assert!(!sv.contains("vk-translation"), "the original needs no note");
        // A law's title stays in Swedish, marked so, on a page in another language.
        assert!(en.contains("<span lang=\"sv\">Hälso- och sjukvårdslag (2017:30) 7 kap. 3–3 a §§</span> (in Swedish)</a>"), "{en}");
        assert!(!sv.contains("<span lang=\"sv\">"));
    }
}
