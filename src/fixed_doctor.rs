//! The right to a fixed doctor at the unit where one is listed (PL 6 kap. 3 §).

use crate::listing::ListingAnswer;
use crate::rulebook::Source;
use crate::situation::Situation;
use crate::text::tr;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct FixedDoctorAnswer {
    pub entitled: bool,
    pub summary: String,
    pub details: Vec<String>,
    pub sources: Vec<Source>,
}

pub fn answer(s: &Situation, listing: &ListingAnswer) -> FixedDoctorAnswer {
    let lang = s.lang;
    let book = &s.rulebook;
    let listed = s.listing.unit.is_some();
    let after_planned = s.listing.planned.is_some() && listing.can_change;
    let entitled = listed || after_planned;
    let summary = if listed {
        tr(lang, "doctor.summary.listed", &[])
    } else if after_planned {
        tr(lang, "doctor.summary.after_planned", &[])
    } else {
        tr(lang, "doctor.summary.not_listed", &[])
    };
    let details = vec![
        tr(lang, "doctor.detail.where", &[]),
        tr(lang, "doctor.detail.inform", &[]),
        tr(lang, "doctor.detail.doctor_leaves", &[]),
        tr(lang, "doctor.detail.target", &[]),
    ];
    let sources = vec![book.source("pl-6-3"), book.source("pl-3-2"), book.source("hsl-7-3b"), book.source("vardanalys-2025")];
    FixedDoctorAnswer { entitled, summary, details, sources }
}
