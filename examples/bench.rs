//! `make bench`: how long `evaluate` takes natively, on this machine.
//! Prints the median and the spread of repeated runs; not a pass/fail test.
//!
//!     cargo run --release --example bench

use std::time::Instant;

fn measure(name: &str, situation: &vardval::json::Value, runs: usize) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let answer = vardval::evaluate(situation);
        times.push(start.elapsed().as_secs_f64() * 1e6);
        assert!(answer.is_ok());
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!("{name:<44} median {:>8.1} µs   p10 {:>8.1} µs   p90 {:>8.1} µs   ({runs} runs)", pct(0.5), pct(0.1), pct(0.9));
}

fn main() {
    let example: serde_json::Value = serde_json::from_str(include_str!("situation.json")).expect("example is JSON");
    measure("evaluate(examples/situation.json)", &(&example).into(), 2000);

    let mut many = example.clone();
    let start = vardval::date::Date::parse_iso("2024-01-01").unwrap();
    many["visits"] = (0..1000).map(|i| serde_json::json!({ "date": start.add_days(i).to_string(), "where": if i % 3 == 0 { "other_unit" } else { "listed" } })).collect();
    many["fee_period"] = serde_json::Value::Null;
    many["today"] = serde_json::json!("2026-11-22");
    measure("evaluate(1 000 visits, 1 000 changes)", &{
        let mut m = many.clone();
        m["listing"]["changes"] = (0..1000).map(|i| serde_json::json!({ "date": start.add_days(i).to_string() })).collect();
        m.into()
    }, 200);
}
