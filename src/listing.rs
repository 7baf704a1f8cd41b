//! Listing and changing unit: the relisting limit (HSL 7 kap. 3 b §), the
//! window, special reasons and closed lists (RULES.md §1, §2, §5).

use crate::prelude::*;
use crate::date::Date;
use crate::json_writer::Decimal;
use crate::rulebook::{Source, Window};
use crate::situation::{Change, Situation};
use crate::text::{and_list, concat, long_date, tr, tr_n, tr_of, Lang};
use crate::NextStep;

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct ListingAnswer {
    pub can_change: bool,
    pub counted_changes: u32,
    pub limit: Option<u32>,
    pub window: Window,
    pub next_free_change: Option<Date>,
    /// `next_free_change` rests on a change remembered only by its month: it
    /// is the latest the date can be ("senast").
    pub next_free_change_at_latest: bool,
    pub special_reason: Option<String>,
    pub list_closed: Option<bool>,
    /// The date the answer is about: the planned date, or `today`.
    pub date: Date,
    /// The dates of the changes that count, ascending.
    pub counted: Vec<Date>,
    /// Whether the planned listing is a first listing (from unlisted), which never counts.
    pub first_listing: bool,
    /// The answer in one sentence, leading with its reason; `summary` begins with it.
    pub headline: String,
    pub summary: String,
    pub details: Vec<String>,
    pub next_steps: Vec<NextStep>,
    pub sources: Vec<Source>,
}
json_object!(ListingAnswer { can_change, counted_changes, limit, window, next_free_change, next_free_change_at_latest, special_reason, list_closed, date, counted, first_listing, headline, summary, details, next_steps, sources });

/// Reasons that never count against the limit, whatever the rulebook's list
/// of special reasons: they are not the person's own choice of a new unit.
const NEVER_COUNTED: [&str; 2] = ["first_listing", "automatic"];

/// Whether a change with `reason` counts against the limit.
pub fn counts(reason: Option<&str>, special_reasons: &[&str]) -> bool {
    match reason {
        None => true,
        Some(r) => !NEVER_COUNTED.contains(&r) && !special_reasons.contains(&r),
    }
}

/// Whether a change made on `change` counts against a change planned on `day`.
pub fn in_window(change: Date, day: Date, window: Window) -> bool {
    match window {
        // C ≤ D < C + 1 year, with the month-end rule of lag 1930:173.
        Window::RollingYear => change <= day && day < change.add_years(1),
        Window::CalendarYear => change <= day && change.year() == day.year(),
    }
}

/// The counted changes in the window of `day`, ascending. A change made
/// before `limit_from`, when the limit came into force, never counts.
pub fn counted_in_window(changes: &[Change], day: Date, window: Window, special_reasons: &[&str], limit_from: Option<Date>) -> Vec<Date> {
    let mut dates: Vec<Date> = changes
        .iter()
        .filter(|c| limit_from.is_none_or(|f| c.date >= f) && counts(c.reason.as_deref(), special_reasons) && in_window(c.date, day, window))
        .map(|c| c.date)
        .collect();
    crate::sort_by_key(&mut dates, |d| *d);
    dates
}

/// The first day after `day` on which a change without a special reason is
/// within the limit, given the counted changes in `day`'s window (ascending,
/// at least `limit` of them): `c_{K−limit+1} + 1 year` for a rolling window.
pub fn next_free_change(counted: &[Date], limit: u32, day: Date, window: Window) -> Option<Date> {
    let k = counted.len();
    let limit = limit as usize;
    if k < limit || limit == 0 {
        return None;
    }
    match window {
        Window::RollingYear => Some(counted[k - limit].add_years(1)),
        Window::CalendarYear => Date::from_ymd(day.year() + 1, 1, 1),
    }
}

pub fn answer(s: &Situation) -> ListingAnswer {
    let lang = s.lang;
    let book = &s.rulebook;
    let planned = s.listing.planned.as_ref();
    let day = planned.map_or(s.today, |p| p.date);
    let params = &book.parameters;
    let limit_entry = params.relisting_limit.at(day);
    let limit = limit_entry.value;
    let window = params.relisting_window.at(day).value;
    let specials = &params.special_reasons.at(day).value;

    // The limit's first dated entry is the day it came into force (2022-07-01).
    // An override that gives the limit without a date changes the number, not
    // that day: then it is `se`'s (RULES §2 "before the law").
    let first_dated = |b: &crate::rulebook::Rulebook| b.parameters.relisting_limit.entries().iter().find_map(|e| e.valid_from);
    let limit_from = first_dated(book).or_else(|| crate::rulebook::Rulebook::builtin("se").and_then(first_dated));
    let counted = counted_in_window(&s.listing.changes, day, window, specials, limit_from);
    let k = counted.len() as u32;
    let reason = planned.and_then(|p| p.reason.clone());
    let special_reason = reason.clone().filter(|r| specials.iter().any(|x| x == r));
    let first_listing = s.listing.unit.is_none() && s.listing.changes.is_empty() || reason.as_deref().is_some_and(|r| NEVER_COUNTED.contains(&r));
    let exempt = special_reason.is_some() || first_listing;
    let within_limit = limit.is_none_or(|l| k < l);
    let planned_unit = planned.and_then(|p| p.unit.as_ref());
    let list_closed = planned_unit.and_then(|u| u.list_closed);
    let closed = list_closed == Some(true);
    let can_change = !closed && (within_limit || exempt);
    let next_free = match (within_limit || exempt, limit) {
        (false, Some(l)) => next_free_change(&counted, l, day, window),
        _ => None,
    };

    let when = if day == s.today { tr(lang, "word.today", &[]) } else { long_date(lang, day) };
    let reason_name = |r: &str| reason_label(lang, r);
    // Whether the next free date rests on a change known only by its month.
    // Only the counted change the date rests on matters: c_{K−limit+1}.
    let month_only_counted = |d: Date| s.listing.changes.iter().any(|c| c.month_only && c.date == d && counts(c.reason.as_deref(), specials));
    let at_latest = window == Window::RollingYear && next_free.is_some_and(|next| counted.iter().any(|&d| d.add_years(1) == next && month_only_counted(d)));
    let next_key = if at_latest { "listing.next_free.latest" } else { "listing.next_free" };
    let (headline_key, rest_key) = if closed {
        ("listing.headline.closed", "listing.summary.closed")
    } else if first_listing && planned.is_some() {
        ("listing.headline.first_listing", "listing.summary.first_listing")
    } else if !within_limit && special_reason.is_some() {
        ("listing.headline.special", "listing.summary.special")
    } else if within_limit || exempt {
        ("listing.headline.yes", "")
    } else if window == Window::RollingYear {
        ("listing.headline.no_rolling", next_key)
    } else {
        ("listing.headline.no_calendar", next_key)
    };
    // One set of arguments for every sentence: a template uses those it names.
    let args = [("when", when), ("reason", special_reason.as_deref().map(reason_name).unwrap_or_default()), ("year", day.year().decimal()), ("date", next_free.map(|d| long_date(lang, d)).unwrap_or_default())];
    let headline = tr_n(lang, headline_key, k, &args);
    let summary = if rest_key.is_empty() { headline.clone() } else { concat(&[&*headline, " ", &tr_n(lang, rest_key, k, &args)]) };

    let codes: &[&'static str] = if closed && !(within_limit || exempt) {
        &["wait_until", "use_special_reason", "choose_other_unit"]
    } else if closed {
        &["choose_other_unit"]
    } else if !can_change {
        &["wait_until", "use_special_reason"]
    } else if s.listing.unit.is_none() {
        &["list_first"]
    } else if special_reason.is_some() {
        &["change_via_1177", "use_special_reason"]
    } else {
        &["change_via_1177"]
    };
    let next_steps: Vec<NextStep> = codes
        .iter()
        .map(|&code| match code {
            // The same code; its text says "senast" when the date is the latest it can be.
            "wait_until" if at_latest => NextStep { code, text: tr(lang, "step.wait_until.latest", &args) },
            _ => NextStep::new(lang, code, &args),
        })
        .collect();

    let mut details = Vec::new();
    let mut sources = vec![book.source("hsl-7-3"), book.source("hsl-7-3b"), book.source("prop-2021-22-72")];
    match limit {
        Some(l) => {
            let key = if window == Window::RollingYear { "listing.rule.rolling" } else { "listing.rule.calendar" };
            details.push(tr_n(lang, key, l, &[("limit", l.decimal())]));
            if window == Window::RollingYear {
                details.push(tr(lang, "listing.rule.window_decision", &[]));
                sources.push(book.source("lag-1930-173"));
            }
        }
        None => details.push(tr(lang, "listing.rule.no_limit", &[])),
    }
    if counted.is_empty() {
        details.push(tr(lang, "listing.counted.none", &[]));
    } else {
        let dates: Vec<String> = counted.iter().map(|d| long_date(lang, *d)).collect();
        details.push(tr_n(lang, "listing.counted.some", k, &[("dates", and_list(lang, &dates))]));
        if counted.iter().any(|&d| month_only_counted(d)) {
            details.push(tr(lang, "listing.month_only", &[]));
        }
    }
    let mut not_counted: Vec<&Change> = s.listing.changes.iter().filter(|c| !counts(c.reason.as_deref(), specials)).collect();
    crate::sort_by_key(&mut not_counted, |c| c.date);
    if !not_counted.is_empty() {
        let items: Vec<String> = not_counted.iter().map(|c| concat(&[&*long_date(lang, c.date), " (", &reason_name(c.reason.as_deref().unwrap_or("")), ")"])).collect();
        details.push(tr(lang, "listing.not_counted", &[("items", and_list(lang, &items))]));
    }
    if special_reason.is_some() {
        details.push(tr(lang, "listing.special.ask", &[]));
    }
    let special_names: Vec<String> = specials.iter().map(|r| reason_name(r)).collect();
    details.push(tr(lang, "listing.special.list", &[("reasons", and_list(lang, &special_names))]));
    if closed {
        details.push(tr(lang, "listing.closed.detail", &[]));
        sources.push(book.source("hsl-7-3c"));
    } else if list_closed.is_none() && planned_unit.is_some() {
        details.push(tr(lang, "listing.closed.unknown", &[]));
    }
    if let (Some(unit_region), Some(home)) = (planned_unit.and_then(|u| u.region.as_deref()), s.person.home_region.as_deref()) {
        if unit_region != home {
            let name = book.region(unit_region).map_or_else(|| unit_region.to_string(), |r| r.name.to_string());
            details.push(tr(lang, "listing.other_region", &[("region", name)]));
            sources.push(book.source("pl-9-1"));
        }
    }
    details.push(tr(lang, "listing.queue", &[]));
    details.push(tr(lang, "listing.no_priority", &[]));
    sources.push(book.source("1177-listning"));
    crate::cite_regional_values(book, lang, day, &["relisting.limit", "relisting.window", "relisting.special_reasons"], &mut details, &mut sources);

    ListingAnswer {
        can_change,
        counted_changes: k,
        limit,
        window,
        next_free_change: next_free,
        next_free_change_at_latest: at_latest,
        special_reason,
        list_closed,
        date: day,
        counted,
        first_listing,
        headline,
        summary,
        details,
        next_steps,
        sources,
    }
}

impl ListingAnswer {
    /// The step that says when a change is possible again, if one must wait:
    /// the other sections add it to any step that asks the person to list.
    pub fn wait_step(&self) -> Option<NextStep> {
        self.next_steps.iter().find(|step| step.code == "wait_until").cloned()
    }
}

/// The name of a reason code in `lang` ("flytt", "moving house").
pub fn reason_label(lang: Lang, reason: &str) -> String {
    tr_of(lang, "reason", reason, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn a_change_stops_counting_one_year_later() {
        let c = d("2025-11-23");
        assert!(in_window(c, d("2026-11-22"), Window::RollingYear));
        assert!(!in_window(c, d("2026-11-23"), Window::RollingYear));
        assert!(in_window(c, c, Window::RollingYear));
    }

    #[test]
    fn a_change_on_29_february_counts_until_28_february() {
        let c = d("2024-02-29");
        assert!(in_window(c, d("2025-02-27"), Window::RollingYear));
        assert!(!in_window(c, d("2025-02-28"), Window::RollingYear));
    }

    #[test]
    fn calendar_window_resets_on_1_january() {
        assert!(in_window(d("2026-01-01"), d("2026-12-31"), Window::CalendarYear));
        assert!(!in_window(d("2025-12-31"), d("2026-01-01"), Window::CalendarYear));
    }

    #[test]
    fn next_free_change_is_the_oldest_needed_change_plus_one_year() {
        let counted = [d("2026-01-10"), d("2026-03-01"), d("2026-06-15")];
        // K = 3, limit 2: c_{3−2+1} = c_2 = 2026-03-01.
        assert_eq!(next_free_change(&counted, 2, d("2026-11-23"), Window::RollingYear), Some(d("2027-03-01")));
        assert_eq!(next_free_change(&counted[..2], 2, d("2026-11-23"), Window::RollingYear), Some(d("2027-01-10")));
        assert_eq!(next_free_change(&counted[..1], 2, d("2026-11-23"), Window::RollingYear), None);
        assert_eq!(next_free_change(&counted, 2, d("2026-11-23"), Window::CalendarYear), Some(d("2027-01-01")));
    }

    #[test]
    fn only_own_choices_count() {
        let specials = ["moved", "medical", "follow_doctor", "unit_closed", "other_special"];
        assert!(counts(None, &specials));
        for r in ["moved", "medical", "follow_doctor", "unit_closed", "other_special", "first_listing", "automatic"] {
            assert!(!counts(Some(r), &specials), "{r}");
        }
        // A rulebook that does not accept a reason as special counts the change.
        assert!(counts(Some("other_special"), &specials[..4]));
        assert!(!counts(Some("automatic"), &[]));
    }
}
