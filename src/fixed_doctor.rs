//! The right to a fixed doctor at the unit where one is listed (PL 6 kap. 3 §).

use crate::prelude::*;
use crate::listing::ListingAnswer;
use crate::rulebook::Source;
use crate::situation::Situation;
use crate::text::{concat, tr, tr_of};
use crate::NextStep;

#[derive(Clone, Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize, schemars::JsonSchema))]
pub struct FixedDoctorAnswer {
    pub entitled: bool,
    pub headline: String,
    pub summary: String,
    pub details: Vec<String>,
    pub next_steps: Vec<NextStep>,
    pub sources: Vec<Source>,
}
json_object!(FixedDoctorAnswer { entitled, headline, summary, details, next_steps, sources });

pub fn answer(s: &Situation, listing: &ListingAnswer) -> FixedDoctorAnswer {
    let lang = s.lang;
    let book = &s.rulebook;
    let listed = s.listing.unit.is_some();
    let after_planned = s.listing.planned.is_some() && listing.can_change;
    let entitled = listed || after_planned;
    let case = if listed {
        "listed"
    } else if after_planned {
        "after_planned"
    } else {
        "not_listed"
    };
    let headline = tr_of(lang, "doctor.headline", case, &[]);
    let summary = concat(&[&*headline, " ", &tr_of(lang, "doctor.summary", case, &[])]);
    let details = vec![tr(lang, "doctor.detail.inform", &[]), tr(lang, "doctor.detail.doctor_leaves", &[])];
    let codes: &[&'static str] = match case {
        "listed" => &["ask_unit_for_fixed_doctor"],
        "after_planned" => &["list_first", "ask_unit_for_fixed_doctor"],
        _ => &["list_first"],
    };
    let mut next_steps: Vec<NextStep> = codes.iter().map(|&code| NextStep::new(lang, code, &[])).collect();
    // Listing is what this answer asks for: when a change is not possible now, say when.
    if !listed {
        next_steps.extend(listing.wait_step());
    }
    // The national target (55 %) is background, not the person's answer: it is on the rules page.
    let sources = vec![book.source("pl-6-3"), book.source("pl-3-2"), book.source("hsl-7-3b")];
    FixedDoctorAnswer { entitled, headline, summary, details, next_steps, sources }
}
