//! Positions spread over Sweden's extent for the nearby tests and benchmarks
//! (`tests/nearby.rs`, `benches/nearby.rs`), included by path.

/// `n` pseudo-random positions `[lat, lon, …]` over 55.3–69.0° N, 11–24° E:
/// xorshift64 on u64, 53 bits a draw, from `seed` (mixed first, so small
/// seeds spread too); checked distinct.
pub fn over_sweden(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let positions: Vec<f64> = (0..n).flat_map(|_| [55.3 + next() * 13.7, 11.0 + next() * 13.0]).collect();
    let mut pairs: Vec<(u64, u64)> = positions.chunks_exact(2).map(|p| (p[0].to_bits(), p[1].to_bits())).collect();
    pairs.sort_unstable();
    pairs.dedup();
    assert_eq!(pairs.len(), n, "distinct positions");
    positions
}
