//! `make bench`: nearby queries natively, measured by criterion.
//!
//!     cargo bench --bench nearby
//!
//! - one `nearby` query (a postal code, k = 10) over the real units;
//! - 10^6 synthetic units spread over Sweden (distinct, checked): building
//!   the index, and a k = 10 query.

use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use std::hint::black_box;
use vardval::nearby::{nearby, Index, Units};
use vardval::places::Places;

#[path = "../tests/common/positions.rs"]
mod positions;
use positions::over_sweden as synthetic;

fn benches(c: &mut Criterion) {
    let places = Places::from_json_texts(&[include_str!("../data/municipalities.json"), include_str!("../data/postal-codes.json")]).unwrap();
    let (units, _) = vardval::units::read(include_str!("../data/units.csv"), &|m| places.municipality_known(m));
    let units = Units::new(units);
    let query = json!({ "from": { "postal_code": "41319" }, "k": 10 }).into();
    c.bench_function("nearby: real units (329), postal code, k=10", |b| b.iter(|| nearby(black_box(&query), &units, &places).unwrap()));

    let points = synthetic(1_000_000, 0x9E37_79B9_7F4A_7C15);
    let mut g = c.benchmark_group("10^6 synthetic units");
    g.sample_size(10);
    g.bench_function("build the index", |b| b.iter(|| Index::build(black_box(&points))));
    let index = Index::build(&points);
    let queries = synthetic(1000, 0x2545_F491_4F6C_DD1D);
    let mut i = 0;
    g.sample_size(100);
    g.bench_function("query k=10", |b| {
        b.iter(|| {
            i = (i + 2) % queries.len();
            let (lat, lon) = (queries[i], queries[i + 1]);
            index.nearest(black_box(lat), black_box(lon), 10, None, &|_| true)
        })
    });
    g.finish();
}

criterion_group!(nearby_benches, benches);
criterion_main!(nearby_benches);
