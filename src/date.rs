//! Calendar dates without a clock: the engine is told what day it is.
//!
//! A `Date` is a proleptic Gregorian day, stored as days since 1970-01-01 so
//! that comparing and counting days is integer arithmetic.

use crate::prelude::*;
use crate::json_writer::write_digits;
use core::fmt;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i32,
}

impl Date {
    /// The date `year-month-day`, or `None` when that day does not exist.
    /// `const`: the built-in rulebooks' `static`s hold dates (`rulebook::builtin`).
    pub const fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if year < 1 || year > 9999 || month < 1 || month > 12 || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { days: days_from_civil(year, month, day) })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: core::ops::Range<usize>| -> Option<u32> {
            let mut n = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                n = n * 10 + u32::from(c - b'0');
            }
            Some(n)
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        Date::from_ymd(year, digits(5..7)?, digits(8..10)?)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn add_days(self, n: i32) -> Date {
        Date { days: self.days + n }
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i32 {
        other.days - self.days
    }

    /// The same date `n` years later, by Swedish time reckoning (lag 1930:173):
    /// the same day number, or the last day of the month when that day does not
    /// exist (2024-02-29 + 1 year = 2025-02-28).
    pub fn add_years(self, n: i32) -> Date {
        let (y, m, d) = self.ymd();
        let year = (y + n).clamp(1, 9999);
        let day = d.min(days_in_month(year, m));
        Date { days: days_from_civil(year, m, day) }
    }

    /// 1 January of this date's year.
    pub fn start_of_year(self) -> Date {
        Date { days: days_from_civil(self.year(), 1, 1) }
    }

    /// `YYYY-MM-DD` (a year outside 1…9999, which only arithmetic on dates
    /// reaches, as `{y:04}` writes it: `-001`, `10000`).
    pub fn write_iso(self, out: &mut String) {
        let (y, m, d) = self.ymd();
        if y < 0 {
            out.push('-');
        }
        write_digits(out, u64::from(y.unsigned_abs()), if y < 0 { 3 } else { 4 });
        out.push('-');
        write_digits(out, u64::from(m), 2);
        out.push('-');
        write_digits(out, u64::from(d), 2);
    }

    /// `YYYY-MM-DD` (`write_iso`), as a message quotes a date.
    pub fn iso(self) -> String {
        let mut out = String::with_capacity(10);
        self.write_iso(&mut out);
        out
    }
}

/// `YYYY-MM-DD`, for the command and the tests; the modules write `iso`.
#[cfg(not(target_arch = "wasm32"))]
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// `"YYYY-MM-DD"`: no character of it needs escaping.
impl crate::json_writer::WriteJson for Date {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        self.write_iso(out);
        out.push('"');
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// `YYYY-MM-DD`, written out in each field's schema (`vardval schema`).
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> alloc::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// Whole years from `born` to `day`. A birthday is `born.add_years(n)`, so
/// one born on 29 February is a year older on 28 February (lag 1930:173).
pub fn age_on(born: Date, day: Date) -> u32 {
    let years = day.year() - born.year();
    let years = if born.add_years(years) > day { years - 1 } else { years };
    years.max(0) as u32
}

pub const fn is_leap_year(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub const fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
const fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).expect(s)
    }

    #[test]
    fn parses_and_prints_round_trip() {
        for s in ["1970-01-01", "2024-02-29", "2026-11-23", "0001-01-01", "9999-12-31"] {
            assert_eq!(d(s).to_string(), s);
        }
    }

    /// `iso` writes what `format!` would, beyond the years 1…9999 too, which
    /// only arithmetic on dates reaches.
    #[test]
    fn writes_iso_as_format_would() {
        let far = [-800_000, -719_529, -719_163, -700_000, -1, 0, 2_932_896, 2_932_897, 3_000_000, 40_000_000];
        for days in far.into_iter().chain((-720_000..-718_000).step_by(7)).chain((2_932_000..2_934_000).step_by(7)) {
            let date = Date { days };
            let (y, m, d) = date.ymd();
            assert_eq!(date.iso(), format!("{y:04}-{m:02}-{d:02}"), "{days}");
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for s in ["2025-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "26-11-23", "2026/11/23", "", "2026-11-2x", "0000-01-01"] {
            assert!(Date::parse_iso(s).is_none(), "{s}");
        }
    }

    #[test]
    fn one_year_later_follows_swedish_time_reckoning() {
        assert_eq!(d("2024-02-29").add_years(1), d("2025-02-28"));
        assert_eq!(d("2024-02-29").add_years(4), d("2028-02-29"));
        assert_eq!(d("2026-04-25").add_years(1), d("2027-04-25"));
        assert_eq!(d("2026-12-31").add_years(1), d("2027-12-31"));
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(d("2026-01-01").days_until(d("2027-01-01")), 365);
        assert_eq!(d("2026-07-15").start_of_year(), d("2026-01-01"));
    }
}
