//! The care guarantee in primary care (HSL 9 kap. 1 §): since 2022-07-01 only
//! at the unit where one is listed, and not when that unit is in another
//! region than one's home region.

use crate::prelude::*;
use crate::input::key;
use crate::json_writer::Decimal;
use crate::listing::ListingAnswer;
use crate::rulebook::Source;
use crate::situation::Situation;
use crate::text::{concat, tr, tr_n, tr_of};
use crate::NextStep;

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct CareGuaranteeAnswer {
    /// `None` when it cannot be said: listed, but neither the unit's region
    /// nor the home region is known (the text says it depends on the region).
    pub applies: Option<bool>,
    pub contact_days: u32,
    pub assessment_days: u32,
    pub headline: String,
    pub summary: String,
    pub details: Vec<String>,
    pub next_steps: Vec<NextStep>,
    pub sources: Vec<Source>,
}
json_object!(CareGuaranteeAnswer { applies, contact_days, assessment_days, headline, summary, details, next_steps, sources });

pub fn answer(s: &Situation, listing: &ListingAnswer) -> CareGuaranteeAnswer {
    let lang = s.lang;
    let book = &s.rulebook;
    let contact_days = book.parameters.contact_days.at(s.today).value;
    let assessment_days = book.parameters.assessment_days.at(s.today).value;
    let days = [("contact", contact_days.decimal()), ("assessment", assessment_days.decimal())];
    let home = s.person.home_region.as_deref();
    let region_name = |code: &str| book.region(code).map_or_else(|| code.to_string(), |r| r.name.to_string());
    let unit_region = s.listing.unit.as_ref().and_then(|u| u.region.as_deref().or(home));

    let mut args = days.to_vec();
    args.push(("home_region", home.map(region_name).unwrap_or_default()));
    let listed = s.listing.unit.is_some();
    let (applies, case, args) = match (unit_region, home) {
        // Listed, but neither the unit's region nor the home region is known: not assumed either way.
        (None, _) if listed => (None, "region_unknown", args),
        (None, _) => (Some(false), "not_listed", args),
        (Some(unit), Some(home)) if unit != home => {
            args.push(("unit_region", region_name(unit)));
            (Some(false), "other_region", args)
        },
        _ => (Some(true), "applies", args),
    };
    let headline = tr_of(lang, "guarantee.headline", case, &args);
    // "within 3 days", "within 1 day": the count is the assessment's days.
    let summary = concat(&[&*headline, " ", &tr_n(lang, &key("guarantee.summary", case), assessment_days, &args)]);
    let mut details = vec![tr(lang, "guarantee.detail.where", &[])];
    if applies == Some(true) {
        details.insert(0, tr_n(lang, "guarantee.detail.contact", assessment_days, &days));
    }
    details.push(tr(lang, "guarantee.detail.specialist", &[]));
    if let (Some(planned_region), Some(home)) = (s.listing.planned.as_ref().and_then(|p| p.unit.as_ref()).and_then(|u| u.region.as_deref()), home) {
        if planned_region != home {
            details.push(tr(lang, "guarantee.detail.planned_other_region", &[("region", region_name(planned_region))]));
        }
    }
    details.push(tr(lang, "guarantee.detail.no_priority", &[]));
    let code = match case {
        "applies" => "contact_unit_same_day",
        "other_region" => "list_in_home_region",
        "region_unknown" => "check_unit_region",
        _ => "list_first",
    };
    let mut next_steps = vec![NextStep::new(lang, code, &args)];
    // A new listing is what this answer asks for: when a change is not possible now, say when.
    if matches!(code, "list_in_home_region" | "list_first") {
        next_steps.extend(listing.wait_step());
    }
    let mut sources = vec![book.source("hsl-9-1"), book.source("skr-vardgaranti-2022")];
    crate::cite_regional_values(book, lang, s.today, &["guarantee.contact_days", "guarantee.assessment_days"], &mut details, &mut sources);
    CareGuaranteeAnswer { applies, contact_days, assessment_days, headline, summary, details, next_steps, sources }
}
