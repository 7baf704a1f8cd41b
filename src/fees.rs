//! Patient fees and the fee ceiling (HSL 17 kap.; RULES.md §4), and what the
//! same visits would cost under the 100 kr proposal.

use crate::date::Date;
use crate::rulebook::{FreeAgeRule, Region, Rulebook, Source};
use crate::situation::{FeePeriod, Mode, Situation, Visit, Where};
use crate::text::{kr, long_date, tr, Lang};
use crate::Warning;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct VisitFee {
    pub date: Date,
    /// The visit's fee before the ceiling.
    pub fee: u32,
    /// What is paid.
    pub charged: u32,
    /// `age_85_plus`, `under_free_age`, `free_card` or `null`.
    pub free_reason: Option<&'static str>,
    /// The region whose fee applies (where care is given).
    pub region: String,
    #[serde(rename = "where")]
    pub place: &'static str,
    pub mode: &'static str,
    /// The position of this visit in the input `visits`.
    pub input_index: usize,
}

#[derive(Clone, Debug, Serialize)]
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
}

#[derive(Clone, Debug, Serialize)]
pub struct ProposalVisit {
    pub date: Date,
    pub fee: u32,
    pub charged: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Proposal {
    pub rulebook: String,
    pub total_charged: u32,
    /// Proposal minus current rules: negative when the proposal is cheaper.
    pub difference: i64,
    pub visits: Vec<ProposalVisit>,
    pub summary: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FeesAnswer {
    pub visits: Vec<VisitFee>,
    pub periods: Vec<Period>,
    pub total_charged: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
    pub summary: String,
    pub details: Vec<String>,
    pub sources: Vec<Source>,
}

/// The visits priced under one rulebook.
pub struct Priced {
    pub visits: Vec<VisitFee>,
    pub periods: Vec<Period>,
    pub total_charged: u32,
}

/// The region whose fee a visit pays: the one given, else the listed unit's
/// region for a visit there, else the home region.
fn visit_region<'a>(s: &'a Situation, visit: &'a Visit) -> &'a str {
    visit
        .region
        .as_deref()
        .or_else(|| if visit.place == Where::Listed { s.listing.unit.as_ref().and_then(|u| u.region.as_deref()) } else { None })
        .or(s.person.home_region.as_deref())
        .unwrap_or("")
}

/// The visit's fee before the ceiling, and why it is free when it is.
fn visit_fee(book: &Rulebook, s: &Situation, visit: &Visit, region: &Region, warnings: &mut Vec<Warning>) -> (u32, Option<&'static str>) {
    let lang = s.lang;
    let age = s.person.age.unwrap_or(0);
    let params = &book.parameters;
    if age >= params.free_from_age.at(visit.date).value {
        return (0, Some("age_85_plus"));
    }
    let free_under = match region.free_under_age {
        Some(a) => a,
        None => {
            let fallback = params.free_under_age_fallback.at(visit.date).value;
            push_warning(warnings, lang, "free_age_unknown", &[("region", region.name.clone()), ("age", fallback.to_string())]);
            fallback
        }
    };
    if age < free_under {
        return (0, Some("under_free_age"));
    }
    if age == free_under && region.free_age_rule == FreeAgeRule::CalendarYear {
        push_warning(warnings, lang, "free_through_year", &[("region", region.name.clone()), ("age", free_under.to_string())]);
    }
    if visit.place == Where::Listed {
        if let Some(fee) = params.listed_unit_fee.at(visit.date).value {
            return (fee, None);
        }
    }
    let fee = match (visit.mode, visit.place) {
        (Mode::Digital, _) => region.digital_visit_kr.unwrap_or_else(|| {
            push_warning(warnings, lang, "digital_fee_unknown", &[("region", region.name.clone())]);
            region.doctor_visit_kr
        }),
        (Mode::Physical, Where::OtherUnit) => {
            if region.other_unit_fee_unconfirmed {
                push_warning(warnings, lang, "other_unit_fee_unconfirmed", &[("region", region.name.clone())]);
            }
            region.other_unit_visit_kr.unwrap_or(region.doctor_visit_kr)
        }
        (Mode::Physical, Where::Listed) => region.doctor_visit_kr,
    };
    (fee, None)
}

fn new_period(book: &Rulebook, start: Date, charged: u32) -> Period {
    let ceiling = book.ceiling(start).amount;
    Period { start, end: start.add_years(1).add_days(-1), ceiling, charged, free_card_from: None, free_card: charged >= ceiling }
}

/// Prices the visits in date order under `book`, period by period.
pub fn price(book: &Rulebook, s: &Situation, warnings: &mut Vec<Warning>) -> Priced {
    let mut order: Vec<usize> = (0..s.visits.len()).collect();
    crate::sort_by_key(&mut order, |&i| s.visits[i].date); // stable: same-day visits keep their order
    let mut periods: Vec<Period> = Vec::new();
    if let Some(FeePeriod { first_visit, paid }) = s.fee_period {
        periods.push(new_period(book, first_visit, paid));
    }
    let mut out = Vec::with_capacity(order.len());
    for i in order {
        let visit = &s.visits[i];
        let code = visit_region(s, visit);
        let Some(region) = book.region(code) else { continue };
        let (fee, mut free_reason) = visit_fee(book, s, visit, region, warnings);
        let mut charged = 0;
        if fee > 0 {
            let ceiling = book.ceiling(visit.date);
            if !ceiling.prisbasbelopp_year_known {
                push_warning(
                    warnings,
                    s.lang,
                    "prisbasbelopp_unknown",
                    &[("year", visit.date.year().to_string()), ("used", ceiling.prisbasbelopp_year_used.to_string())],
                );
            }
            // Visits are in date order, so only the latest period can hold this one.
            if periods.last().is_none_or(|p| visit.date > p.end) {
                periods.push(new_period(book, visit.date, 0));
            }
            let Some(period) = periods.last_mut() else { continue };
            period.ceiling = ceiling.amount;
            if period.free_card {
                free_reason = Some("free_card");
            } else {
                // Exact cut: the last fee stops the total on the ceiling.
                charged = fee.min(period.ceiling.saturating_sub(period.charged));
                period.charged += charged;
                if period.charged >= period.ceiling {
                    period.free_card = true;
                    period.free_card_from = Some(visit.date);
                }
                if charged == 0 {
                    free_reason = Some("free_card");
                }
            }
        }
        out.push(VisitFee {
            date: visit.date,
            fee,
            charged,
            free_reason,
            region: code.to_string(),
            place: if visit.place == Where::Listed { "listed" } else { "other_unit" },
            mode: if visit.mode == Mode::Digital { "digital" } else { "physical" },
            input_index: i,
        });
    }
    let total_charged = out.iter().map(|v| v.charged).sum();
    Priced { visits: out, periods, total_charged }
}

pub(crate) fn push_warning(warnings: &mut Vec<Warning>, lang: Lang, code: &'static str, args: &[(&str, String)]) {
    let message = tr(lang, &format!("warning.{code}"), args);
    if !warnings.iter().any(|w| w.code == code && w.message == message) {
        warnings.push(Warning { code, message });
    }
}

fn fee_date(lang: Lang, region: &Region) -> String {
    match &region.fee_as_of {
        Some(d) => tr(lang, "fees.as_of", &[("date", d.clone())]),
        None => tr(lang, "fees.undated", &[]),
    }
}

/// `proposal` is the same visits priced under the 100 kr proposal, when the
/// situation's rulebook is current law.
pub fn answer(s: &Situation, proposal_book: Option<&Rulebook>, warnings: &mut Vec<Warning>) -> FeesAnswer {
    let lang = s.lang;
    let book = &s.rulebook;
    let priced = price(book, s, warnings);
    let ceiling_today = book.ceiling(s.today).amount;
    let mut sources = vec![book.source("hsl-17"), book.source("hsl-17-6"), book.source("1177-hogkostnadsskydd"), book.source("vardgivarguiden-hogkostnadsskydd"), book.source("1177-gavleborg-avgifter")];
    let mut details = Vec::new();

    // The fees of every region that the visits touch, with their dates.
    let mut regions: Vec<&str> = priced.visits.iter().map(|v| v.region.as_str()).collect();
    crate::sort_by_key(&mut regions, |r| *r);
    regions.dedup();
    for code in &regions {
        let Some(region) = book.region(code) else { continue };
        let digital = region.digital_visit_kr.map(|f| tr(lang, "fees.region.digital", &[("fee", kr(lang, f))])).unwrap_or_default();
        details.push(tr(
            lang,
            "fees.region",
            &[("region", region.name.clone()), ("fee", kr(lang, region.doctor_visit_kr)), ("digital", digital), ("date", fee_date(lang, region))],
        ));
        if region.fee_as_of.is_none() {
            push_warning(warnings, lang, "fee_undated", &[("region", region.name.clone())]);
        } else if region.fee_confidence == "skr-2020" {
            push_warning(warnings, lang, "fee_old", &[("region", region.name.clone())]);
        }
        if let Some(url) = region.source_fee.as_deref() {
            let source = Source { title: tr(lang, "fees.region.source", &[("region", region.name.clone())]), url: url.to_string() };
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
    }
    if let Some(listed_fee) = book.parameters.listed_unit_fee.at(s.today).value {
        details.push(tr(lang, "fees.listed_unit_fee", &[("fee", kr(lang, listed_fee))]));
    }
    details.push(tr(lang, "fees.rule.ceiling", &[("ceiling", kr(lang, ceiling_today)), ("year", s.today.year().to_string())]));
    details.push(tr(lang, "fees.rule.period", &[]));
    for p in &priced.periods {
        let args = [("start", long_date(lang, p.start)), ("end", long_date(lang, p.end)), ("charged", kr(lang, p.charged)), ("ceiling", kr(lang, p.ceiling))];
        details.push(tr(lang, "fees.period", &args));
        if let Some(from) = p.free_card_from {
            details.push(tr(lang, "fees.period.free_card", &[("from", long_date(lang, from)), ("end", long_date(lang, p.end))]));
        } else if p.free_card {
            details.push(tr(lang, "fees.period.free_card_already", &[("end", long_date(lang, p.end))]));
        }
    }
    details.push(tr(lang, "fees.rule.new_year", &[]));
    details.push(tr(lang, "fees.rule.free_age", &[]));
    details.push(tr(lang, "fees.rule.not_covered", &[]));

    let summary = if s.visits.is_empty() {
        tr(lang, "fees.summary.general", &[("ceiling", kr(lang, ceiling_today))])
    } else {
        let key = if s.visits.len() == 1 { "fees.summary.total_one" } else { "fees.summary.total" };
        let mut text = tr(lang, key, &[("count", s.visits.len().to_string()), ("total", kr(lang, priced.total_charged))]);
        if let Some(p) = priced.periods.iter().rev().find(|p| p.free_card) {
            text.push(' ');
            text.push_str(&tr(lang, "fees.summary.free_card", &[("end", long_date(lang, p.end))]));
        }
        text
    };

    let proposal = proposal_book.map(|pb| {
        // The proposal's own warnings repeat the current ones; keep the list short.
        let priced_p = price(pb, s, &mut Vec::new());
        let difference = i64::from(priced_p.total_charged) - i64::from(priced.total_charged);
        sources.push(pb.source("sou-2019-42"));
        let summary = if s.visits.is_empty() {
            tr(lang, "proposal.summary.general", &[])
        } else {
            let key = match difference.signum() {
                -1 => "proposal.summary.cheaper",
                1 => "proposal.summary.dearer",
                _ => "proposal.summary.same",
            };
            tr(lang, key, &[("total", kr(lang, priced_p.total_charged)), ("difference", kr(lang, difference.unsigned_abs() as u32))])
        };
        Proposal {
            rulebook: pb.id.clone(),
            total_charged: priced_p.total_charged,
            difference,
            visits: priced_p.visits.iter().map(|v| ProposalVisit { date: v.date, fee: v.fee, charged: v.charged }).collect(),
            summary,
        }
    });
    if proposal.is_some() {
        details.push(tr(lang, "proposal.what", &[]));
    }

    FeesAnswer { visits: priced.visits, periods: priced.periods, total_charged: priced.total_charged, proposal, summary, details, sources }
}
