//! Patient fees and the fee ceiling (HSL 17 kap.; RULES.md §4): each visit
//! priced by its kind (care, professional, mode) in the region where it is
//! given, or by its receipt; 12-month periods up to the ceiling; what the same
//! visits would cost under the 100 kr proposal, and in each of the 21 regions.

use crate::prelude::*;
use crate::date::{age_on, Date};
use crate::json_writer::Decimal;
use crate::rulebook::{FreeAgeRule, Provenance, Region, RegionFee, Rulebook, Source};
use crate::situation::{Care, FeePeriod, Situation, Visit, Where};
use crate::text::{and_list, concat, join, kr, long_date, tr, tr_n, tr_of, Lang};
use crate::{NextStep, Warning};

/// The value that priced a visit: its page, dates and how sure it is.
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct FeeSource {
    pub title: String,
    pub url: String,
    /// The date the page gives (`2024-01-02`, `2024`), else the date the fee applies from.
    pub as_of: Option<String>,
    pub valid_from: Option<Date>,
    /// `2026`, `2024`, `older`, `undated` or `region`.
    pub confidence: String,
    /// `region`, `clinic` or `press`.
    pub publisher: Option<String>,
}
json_object!(FeeSource { title, url, as_of, valid_from, confidence, publisher });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct VisitFee {
    pub date: Date,
    /// The visit's fee before the ceiling.
    pub fee: u32,
    /// What is paid.
    pub charged: u32,
    /// `age_85_plus`, `under_free_age`, `free_card` or `null`.
    pub free_reason: Option<&'static str>,
    /// The data item that priced it, or `receipt`.
    pub item: &'static str,
    /// `false` when the region has no value for the item and no receipt was given.
    pub fee_known: bool,
    pub fee_source: Option<FeeSource>,
    /// The region whose fee applies (where care is given).
    pub region: String,
    /// `listed` or `other_unit` in primary care; `null` for other care.
    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = "where"))]
    pub place: Option<&'static str>,
    pub care: &'static str,
    pub professional: &'static str,
    pub mode: &'static str,
    /// The position of this visit in the input `visits`.
    pub input_index: usize,
}
json_object!(VisitFee { date, fee, charged, free_reason, item, fee_known, fee_source, region, "where": place, care, professional, mode, input_index });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct Period {
    pub start: Date,
    /// Inclusive: the day before the same date a year later.
    pub end: Date,
    /// The ceiling in force at the period's last visit.
    pub ceiling: u32,
    pub charged: u32,
    /// The date of the visit that reached the ceiling.
    pub free_card_from: Option<Date>,
    /// The ceiling is reached: open care is free until `end`.
    pub free_card: bool,
    /// Paid above the ceiling, according to the receipts.
    pub overpaid: u32,
}
json_object!(Period { start, end, ceiling, charged, free_card_from, free_card, overpaid });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct ProposalVisit {
    pub date: Date,
    pub fee: u32,
    pub charged: u32,
}
json_object!(ProposalVisit { date, fee, charged });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct Proposal {
    pub rulebook: String,
    pub total_charged: u32,
    /// Proposal minus current rules: negative when the proposal is cheaper.
    pub difference: i64,
    pub visits: Vec<ProposalVisit>,
    pub summary: String,
}
json_object!(Proposal { rulebook, total_charged, difference, visits, summary });

/// The same visits priced in one region (CONTRACT §6 `fees.regions`).
#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct RegionTotal {
    pub region: String,
    pub total_charged: u32,
    pub free_card_from: Option<Date>,
    pub unknown_fees: u32,
    /// The oldest date among the fees used, as their pages give it.
    pub oldest_fee: Option<String>,
    pub undated_fees: u32,
}
json_object!(RegionTotal { region, total_charged, free_card_from, unknown_fees, oldest_fee, undated_fees });

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct FeesAnswer {
    pub visits: Vec<VisitFee>,
    pub periods: Vec<Period>,
    pub total_charged: u32,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip_serializing_if = "Option::is_none"))]
    pub proposal: Option<Proposal>,
    pub regions: Vec<RegionTotal>,
    /// The answer in one sentence, leading with the reason when there is one;
    /// `summary` begins with it.
    pub headline: String,
    pub summary: String,
    pub details: Vec<String>,
    pub sources: Vec<Source>,
    pub next_steps: Vec<NextStep>,
}
json_object!(FeesAnswer { visits, periods, total_charged, proposal?, regions, headline, summary, details, sources, next_steps });

/// The visits priced under one rulebook.
pub struct Priced<'a> {
    pub visits: Vec<VisitFee>,
    pub periods: Vec<Period>,
    pub total_charged: u32,
    /// The region and fee row behind each visit priced from the table, in visit order.
    rows: Vec<Option<(&'a Region, &'a RegionFee)>>,
}

/// How old a person is, as far as free care goes.
#[derive(Clone, Copy)]
enum Born {
    On(Date),
    /// Only the age on `today` is known: it is taken for every visit.
    Aged(u32),
}

/// The data item a visit is priced by (RULES.md §4, "Kinds of visit").
fn item_of(care: Care, professional: &str) -> &'static str {
    match (care, professional) {
        (Care::Primary, "doctor") => "pc_doctor",
        (Care::Primary, "nurse") => "pc_nurse",
        (Care::Primary, _) => "pc_other",
        (Care::Specialist, "doctor") => "specialist_doctor",
        (Care::Specialist, _) => "specialist_other",
        (Care::Emergency, _) => "emergency",
    }
}

fn care_name(care: Care) -> &'static str {
    match care {
        Care::Primary => "primary",
        Care::Specialist => "specialist",
        Care::Emergency => "emergency",
    }
}

/// The region whose fee a visit pays: the one given, else the listed unit's
/// region for a visit there, else the home region.
fn visit_region<'a>(s: &'a Situation, visit: &'a Visit) -> &'a str {
    visit
        .region
        .as_deref()
        .or_else(|| if visit.place == Some(Where::Listed) { s.listing.unit.as_ref().and_then(|u| u.region.as_deref()) } else { None })
        .or(s.person.home_region.as_deref())
        .unwrap_or("")
}

/// Why a visit on `date` is free by age, if it is: from the 85th birthday in
/// the whole country, and under the region's own rule for the young.
fn free_by_age(book: &Rulebook, region: &Region, born: Born, date: Date) -> Option<&'static str> {
    let from_85 = book.parameters.free_from_age.at(date).value;
    let (rule, limit) = match &region.free_age {
        Some(f) => (f.rule, f.age),
        None => (FreeAgeRule::Under, book.parameters.free_under_age_fallback.at(date).value),
    };
    let young = match born {
        Born::On(b) => {
            let age = age_on(b, date);
            if age >= from_85 {
                return Some("age_85_plus");
            }
            match rule {
                FreeAgeRule::Under => age < limit,
                FreeAgeRule::ThroughYear => date.year() <= b.year() + limit as i32,
            }
        }
        Born::Aged(age) => {
            if age >= from_85 {
                return Some("age_85_plus");
            }
            age < limit
        }
    };
    young.then_some("under_free_age")
}

/// What pricing a visit gave.
struct Price<'a> {
    fee: u32,
    known: bool,
    item: &'static str,
    row: Option<&'a RegionFee>,
    free: Option<&'static str>,
    receipt: bool,
}

/// The visits of a situation priced under `book`: in the regions where they
/// were given, or all moved to `moved_to` (the comparison between regions,
/// where receipts, being another region's prices, are not used).
struct Pricing<'a> {
    book: &'a Rulebook,
    s: &'a Situation,
    moved_to: Option<&'a str>,
}

impl<'a> Pricing<'a> {
    fn born(&self) -> Born {
        match self.s.person.birth_date {
            Some(d) => Born::On(d),
            None => Born::Aged(self.s.person.age.unwrap_or(0)),
        }
    }

    fn price_visit(&self, visit: &Visit, region: &'a Region, warnings: &mut Vec<Warning>) -> Price<'a> {
        let lang = self.s.lang;
        let item = item_of(visit.care, visit.professional);
        // The proposal's one fee at the unit where one is listed.
        let listed_fee = if visit.care == Care::Primary && visit.place == Some(Where::Listed) { self.book.parameters.listed_unit_fee.at(visit.date).value } else { None };
        let receipt = if self.moved_to.is_none() && listed_fee.is_none() { visit.paid } else { None };
        if let Some(paid) = receipt {
            return Price { fee: paid, known: true, item: "receipt", row: None, free: None, receipt: true };
        }
        if let Some(free) = free_by_age(self.book, region, self.born(), visit.date) {
            return Price { fee: 0, known: true, item, row: None, free: Some(free), receipt: false };
        }
        if let Some(fee) = listed_fee {
            return Price { fee, known: true, item, row: None, free: None, receipt: false };
        }
        let what = || tr_of(lang, "item", item, &[]);
        let row = region.fee(item, visit.mode).or_else(|| {
            // No digital fee in the data: the physical one, and the receipt decides.
            let physical = region.fee(item, "physical")?;
            push_warning(warnings, lang, "fee_mode_assumed", &[("region", region.name.to_string()), ("what", what()), ("mode", tr_of(lang, "mode", visit.mode, &[]))]);
            Some(physical)
        });
        match row {
            Some(r) => Price { fee: r.kr, known: true, item, row: Some(r), free: None, receipt: false },
            None => {
                push_warning(warnings, lang, "fee_unknown", &[("region", region.name.to_string()), ("what", what())]);
                Price { fee: 0, known: false, item, row: None, free: None, receipt: false }
            }
        }
    }

    /// Prices the visits in date order, period by period.
    fn price(&self, warnings: &mut Vec<Warning>) -> Priced<'a> {
        let (book, s) = (self.book, self.s);
        let mut order: Vec<usize> = (0..s.visits.len()).collect();
        crate::sort_by_key(&mut order, |&i| s.visits[i].date); // stable: same-day visits keep their order
        // The ceiling is the home region's (a region may decide a lower one).
        let home = self.moved_to.or(s.person.home_region.as_deref()).and_then(|c| book.region(c));
        let mut periods: Vec<Period> = Vec::new();
        if let Some(FeePeriod { first_visit, paid }) = s.fee_period {
            let ceiling = book.ceiling(first_visit, home).amount;
            periods.push(new_period(first_visit, ceiling, paid));
        }
        let mut out = Vec::with_capacity(order.len());
        let mut rows = Vec::with_capacity(order.len());
        for i in order {
            let visit = &s.visits[i];
            let code = self.moved_to.unwrap_or_else(|| visit_region(s, visit));
            let Some(region) = book.region(code) else { continue };
            let price = self.price_visit(visit, region, warnings);
            let mut free_reason = price.free;
            let mut charged = 0;
            // A free visit starts no period (HSL 17 kap. 6 §: from the first fee paid).
            if price.fee > 0 {
                let ceiling = book.ceiling(visit.date, home.or(Some(region)));
                if !ceiling.prisbasbelopp_year_known {
                    push_warning(
                        warnings,
                        s.lang,
                        "prisbasbelopp_unknown",
                        &[("year", visit.date.year().decimal()), ("used", ceiling.prisbasbelopp_year_used.decimal())],
                    );
                }
                // Visits are in date order, so only the latest period can hold this one.
                if periods.last().is_none_or(|p| visit.date > p.end) {
                    periods.push(new_period(visit.date, ceiling.amount, 0));
                }
                let Some(period) = periods.last_mut() else { continue };
                period.ceiling = ceiling.amount;
                if price.receipt {
                    // What the person paid, even past the ceiling: that is what a refund is for.
                    // Overpaid is what this receipt takes above the ceiling of its own day
                    // (RULES §4): a ceiling that falls later leaves the fees paid before it
                    // above it, which no receipt shows and no region refunds.
                    charged = price.fee;
                    let over = if period.free_card { charged } else { (period.charged + charged).saturating_sub(ceiling.amount).min(charged) };
                    period.overpaid += over;
                    period.charged += charged;
                } else if period.free_card {
                    free_reason = Some("free_card");
                } else {
                    // Exact cut: the last fee stops the total on the ceiling.
                    charged = price.fee.min(period.ceiling.saturating_sub(period.charged));
                    period.charged += charged;
                }
                if !period.free_card && period.charged >= period.ceiling {
                    period.free_card = true;
                    period.free_card_from = Some(visit.date);
                } else if charged == 0 {
                    free_reason = Some("free_card");
                }
            }
            let fee_source = price.row.map(|r| fee_source(book, &r.provenance));
            rows.push(price.row.map(|r| (region, r)));
            out.push(VisitFee {
                date: visit.date,
                fee: price.fee,
                charged,
                free_reason,
                item: price.item,
                fee_known: price.known,
                fee_source,
                region: code.to_string(),
                place: visit.place.map(|p| if p == Where::Listed { "listed" } else { "other_unit" }),
                care: care_name(visit.care),
                professional: visit.professional,
                mode: visit.mode,
                input_index: i,
            });
        }
        let total_charged = out.iter().map(|v| v.charged).sum();
        Priced { visits: out, periods, total_charged, rows }
    }
}

fn new_period(start: Date, ceiling: u32, charged: u32) -> Period {
    Period { start, end: start.add_years(1).add_days(-1), ceiling, charged, free_card_from: None, free_card: charged >= ceiling, overpaid: 0 }
}

fn fee_source(book: &Rulebook, p: &Provenance) -> FeeSource {
    let named = book.sources.iter().find(|s| s.id == p.source);
    FeeSource {
        title: named.map_or(&p.source, |s| &s.title).to_string(),
        url: named.map_or_else(String::new, |s| s.url.to_string()),
        as_of: p.shown_date(),
        valid_from: p.valid_from,
        confidence: p.confidence.to_string(),
        publisher: named.and_then(|s| s.publisher.as_deref()).map(str::to_string),
    }
}

/// A regional value's source and its date as the answer shows it ("uppgift
/// från …" or "uppgift utan datum"); the page is added to `sources` once.
fn cite(book: &Rulebook, lang: Lang, region: &Region, p: &Provenance, sources: &mut Vec<Source>) -> (FeeSource, String) {
    let named = fee_source(book, p);
    let date = named.as_of.clone().map_or_else(|| tr(lang, "fees.undated", &[]), |d| tr(lang, "fees.as_of", &[("date", d)]));
    let source = Source { title: concat(&[&*region.name, ": ", &named.title]), url: named.url.clone() };
    if !named.title.is_empty() && !sources.contains(&source) {
        sources.push(source);
    }
    (named, date)
}

/// Prices the visits under `book` as they were given (the answer and the proposal).
pub fn price<'a>(book: &'a Rulebook, s: &'a Situation, warnings: &mut Vec<Warning>) -> Priced<'a> {
    Pricing { book, s, moved_to: None }.price(warnings)
}

pub(crate) fn push_warning(warnings: &mut Vec<Warning>, lang: Lang, code: &'static str, args: &[(&str, String)]) {
    let message = tr_of(lang, "warning", code, args);
    if !warnings.iter().any(|w| w.code == code && w.message == message) {
        warnings.push(Warning { code, message });
    }
}

/// Whether a birthday between a visit and `today` could change whether it is
/// free: the two extreme birth dates that fit `age` on `today` disagree.
fn age_matters(s: &Situation, age: u32) -> bool {
    let book = &*s.rulebook;
    let earliest = s.today.add_years(-(age as i32) - 1).add_days(1);
    let latest = s.today.add_years(-(age as i32));
    s.visits.iter().filter(|v| v.paid.is_none()).any(|v| {
        let Some(region) = book.region(visit_region(s, v)) else { return false };
        free_by_age(book, region, Born::On(earliest), v.date) != free_by_age(book, region, Born::On(latest), v.date)
    })
}

/// `proposal` is the same visits priced under the 100 kr proposal, when the
/// situation's rulebook is current law.
pub fn answer(s: &Situation, proposal_book: Option<&Rulebook>, warnings: &mut Vec<Warning>) -> FeesAnswer {
    let lang = s.lang;
    let book = &*s.rulebook;
    let priced = price(book, s, warnings);
    let home = s.person.home_region.as_deref().and_then(|c| book.region(c));
    let ceiling_today = book.ceiling(s.today, home);
    let mut sources = vec![book.source("hsl-17"), book.source("hsl-17-6"), book.source("1177-hogkostnadsskydd"), book.source("vardgivarguiden-hogkostnadsskydd"), book.source("1177-gavleborg-avgifter")];
    let mut details = Vec::new();
    let mut steps = Vec::new();

    if !s.visits.is_empty() {
        if s.person.birth_date.is_none() && s.person.age.is_some_and(|a| age_matters(s, a)) {
            push_warning(warnings, lang, "age_assumed_for_all_visits", &[]);
        }
        if s.person.birth_month_only {
            push_warning(warnings, lang, "birth_month_only", &[]);
        }
        let max_free_age = book.regions.iter().filter_map(|r| r.free_age.as_ref().map(|f| f.age)).max().unwrap_or(0);
        for v in &priced.visits {
            let Some(region) = book.region(&v.region) else { continue };
            let young = s.person.birth_date.map_or(s.person.age.unwrap_or(0), |b| age_on(b, v.date)) <= max_free_age;
            if region.free_age.is_none() && young {
                let fallback = book.parameters.free_under_age_fallback.at(v.date).value;
                push_warning(warnings, lang, "free_age_unknown", &[("region", region.name.to_string()), ("age", fallback.decimal())]);
            }
        }
    }

    // Each fee used, with its own date and page; what is weak about it, said once per kind.
    let mut seen: Vec<(&str, &str, &str)> = Vec::new();
    let (mut old, mut undated, mut clinic) = (Vec::new(), Vec::new(), Vec::new());
    for (region, row) in priced.rows.iter().flatten() {
        if seen.contains(&(&*region.code, row.item, row.mode)) {
            continue;
        }
        seen.push((&*region.code, row.item, row.mode));
        let what = tr_of(lang, "item", row.item, &[]) + &tr_of(lang, "mode", row.mode, &[]);
        let (named, date) = cite(book, lang, region, &row.provenance, &mut sources);
        // "källa: ptj.se, en vårdcentrals eller mottagnings sida": the page's
        // publisher after its title, where it is not the region.
        let publisher = named
            .publisher
            .as_deref()
            .filter(|p| *p != "region")
            .map(|p| tr(lang, "word.list_sep", &[]) + &tr_of(lang, "publisher", p, &[]))
            .unwrap_or_default();
        let label = concat(&[&*region.name, &tr(lang, "word.list_sep", &[]), &what]);
        details.push(tr(lang, "fees.row", &[("what", label.clone()), ("fee", kr(lang, row.kr)), ("date", date), ("source", named.title.clone()), ("publisher", publisher.clone())]));
        match &*row.provenance.confidence {
            "undated" => undated.push(label.clone()),
            "older" => old.push(concat(&[&*label, " (", named.as_of.as_deref().unwrap_or_default(), ")"])),
            _ => {}
        }
        if !publisher.is_empty() {
            clinic.push(concat(&[&*label, " (", &publisher, ")"]));
        }
    }
    for (code, items) in [("fee_undated", undated), ("fee_older_than_2024", old), ("fee_from_clinic_page", clinic)] {
        if !items.is_empty() {
            push_warning(warnings, lang, code, &[("items", join(&items, "; "))]);
        }
    }
    if let Some(listed_fee) = book.parameters.listed_unit_fee.at(s.today).value {
        details.push(tr(lang, "fees.listed_unit_fee", &[("fee", kr(lang, listed_fee))]));
    }
    details.push(tr(lang, "fees.rule.ceiling", &[("ceiling", kr(lang, ceiling_today.amount)), ("year", s.today.year().decimal())]));
    if let (Some(row), Some(region)) = (ceiling_today.regional, home) {
        let (named, date) = cite(book, lang, region, &row.provenance, &mut sources);
        details.push(tr(lang, "fees.regional_ceiling", &[("region", region.name.to_string()), ("ceiling", kr(lang, row.kr)), ("date", date), ("source", named.title)]));
    }
    // Beside the ceiling, and before the proposal's sentence, which the page shows last on its own.
    let parameters = ["fees.free_from_age", "fees.free_under_age_fallback", "fees.ceiling_share", "fees.ceiling_max", "fees.prisbasbelopp", "fees.listed_unit_fee"];
    crate::cite_regional_values(book, lang, s.today, &parameters, &mut details, &mut sources);
    details.push(tr(lang, "fees.rule.period", &[]));
    for p in &priced.periods {
        let args = [("start", long_date(lang, p.start)), ("end", long_date(lang, p.end)), ("charged", kr(lang, p.charged)), ("ceiling", kr(lang, p.ceiling))];
        details.push(tr(lang, "fees.period", &args));
        // A card whose period ended before today is spoken of in the past; so is
        // the day the ceiling was reached, once it has passed.
        let ended = p.end < s.today;
        if let Some(from) = p.free_card_from {
            let key = match (ended, from < s.today) {
                (true, _) => "fees.period.free_card_past",
                (false, true) => "fees.period.free_card_reached",
                (false, false) => "fees.period.free_card",
            };
            details.push(tr(lang, key, &[("from", long_date(lang, from)), ("end", long_date(lang, p.end))]));
        } else if p.free_card {
            let key = if ended { "fees.period.free_card_already_past" } else { "fees.period.free_card_already" };
            details.push(tr(lang, key, &[("end", long_date(lang, p.end))]));
        }
    }
    details.push(tr(lang, "fees.rule.new_year", &[]));
    details.push(tr(lang, "fees.rule.free_age", &[]));
    details.push(tr(lang, "fees.rule.not_covered", &[]));

    let current_card = priced.periods.iter().rev().find(|p| p.free_card);
    let card_ended = current_card.is_some_and(|p| p.end < s.today);
    // The headline leads with the reason when every visit is free for one.
    let all = |reason: &str| !priced.visits.is_empty() && priced.visits.iter().all(|v| v.free_reason == Some(reason));
    let headline = if s.visits.is_empty() {
        tr(lang, "fees.summary.general", &[("ceiling", kr(lang, ceiling_today.amount))])
    } else if all("age_85_plus") {
        tr(lang, "fees.headline.free_85", &[])
    } else if all("under_free_age") {
        tr(lang, "fees.headline.free_young", &[])
    } else if all("free_card") {
        tr(lang, if card_ended { "fees.headline.free_card_past" } else { "fees.headline.free_card" }, &[])
    } else if priced.visits.iter().any(|v| !v.fee_known) {
        // Never "0 kr" for a fee the data lacks: at least what is known.
        let key = if priced.total_charged == 0 { "fees.headline.unknown" } else { "fees.headline.at_least" };
        tr(lang, key, &[("total", kr(lang, priced.total_charged))])
    } else {
        tr_n(lang, "fees.summary.total", s.visits.len() as u32, &[("total", kr(lang, priced.total_charged))])
    };
    let mut summary = headline.clone();
    let mut add = |text: String| {
        summary.push(' ');
        summary.push_str(&text);
    };
    if let Some(first_85) = priced.visits.iter().find(|v| v.free_reason == Some("age_85_plus")).filter(|_| !all("age_85_plus")) {
        add(tr(lang, "fees.summary.free_85_from", &[("date", long_date(lang, first_85.date))]));
    }
    if let Some(p) = current_card {
        let key = if card_ended { "fees.summary.free_card_past" } else { "fees.summary.free_card" };
        add(tr(lang, key, &[("end", long_date(lang, p.end))]));
    }
    let overpaid: u32 = priced.periods.iter().map(|p| p.overpaid).sum();
    if overpaid > 0 {
        add(tr(lang, "fees.summary.overpaid", &[("amount", kr(lang, overpaid))]));
    }
    let unknown: Vec<String> = priced.visits.iter().filter(|v| !v.fee_known).map(|v| long_date(lang, v.date)).collect();
    if !unknown.is_empty() {
        add(tr(lang, "fees.summary.unknown", &[("dates", and_list(lang, &unknown))]));
    }

    // What to do now, from this answer (RULES.md §5a).
    // Receipts matter to someone who pays: not when every visit is free by age.
    if !(all("age_85_plus") || all("under_free_age")) {
        steps.push(NextStep::new(lang, "keep_receipts", &[("ceiling", kr(lang, ceiling_today.amount))]));
    }
    if !unknown.is_empty() {
        steps.push(NextStep::new(lang, "give_receipt_amount", &[("dates", and_list(lang, &unknown))]));
    }
    if let Some(p) = current_card.filter(|_| !card_ended) {
        steps.push(NextStep::new(lang, "free_card_until", &[("end", long_date(lang, p.end))]));
    }
    if overpaid > 0 {
        let region = home.map_or_else(|| tr(lang, "word.your_region", &[]), |r| r.name.to_string());
        steps.push(NextStep::new(lang, "ask_refund", &[("amount", kr(lang, overpaid)), ("region", region)]));
    }

    let proposal = proposal_book.map(|pb| {
        // The proposal's own warnings repeat the current ones; keep the list short.
        let priced_p = price(pb, s, &mut Vec::new());
        let difference = i64::from(priced_p.total_charged) - i64::from(priced.total_charged);
        sources.push(pb.source("sou-2019-42"));
        let mut summary = if s.visits.is_empty() {
            tr(lang, "proposal.summary.general", &[])
        } else {
            let key = match difference.signum() {
                -1 => "proposal.summary.cheaper",
                1 => "proposal.summary.dearer",
                _ => "proposal.summary.same",
            };
            tr(lang, key, &[("total", kr(lang, priced_p.total_charged)), ("difference", kr(lang, difference.unsigned_abs() as u32))])
        };
        // Where a visit is free or cheaper today, the one fee costs more: say so plainly.
        let dearer: Vec<String> = priced.visits.iter().zip(&priced_p.visits).filter(|(now, then)| then.fee > now.fee && now.fee_known).map(|(now, _)| long_date(lang, now.date)).collect();
        if !dearer.is_empty() {
            summary.push(' ');
            summary.push_str(&tr(lang, "proposal.dearer_visits", &[("dates", and_list(lang, &dearer))]));
        }
        Proposal {
            rulebook: pb.id.to_string(),
            total_charged: priced_p.total_charged,
            difference,
            visits: priced_p.visits.iter().map(|v| ProposalVisit { date: v.date, fee: v.fee, charged: v.charged }).collect(),
            summary,
        }
    });
    if proposal.is_some() {
        details.push(tr(lang, "proposal.what", &[]));
    }

    // The same visits in each region, with that region's fees, free age and ceiling.
    let mut regions = Vec::new();
    if !s.visits.is_empty() {
        for r in book.regions.iter() {
            let moved = Pricing { book, s, moved_to: Some(&r.code) }.price(&mut Vec::new());
            let used: Vec<&RegionFee> = moved.rows.iter().flatten().map(|(_, row)| *row).collect();
            regions.push(RegionTotal {
                region: r.code.to_string(),
                total_charged: moved.total_charged,
                free_card_from: moved.periods.iter().rev().find_map(|p| p.free_card_from),
                unknown_fees: moved.visits.iter().filter(|v| !v.fee_known).count() as u32,
                oldest_fee: used.iter().filter_map(|row| row.provenance.shown_date()).min(),
                undated_fees: used.iter().filter(|row| row.provenance.shown_date().is_none()).count() as u32,
            });
        }
    }

    FeesAnswer {
        visits: priced.visits,
        periods: priced.periods,
        total_charged: priced.total_charged,
        proposal,
        regions,
        headline,
        summary,
        details,
        sources,
        next_steps: steps,
    }
}
