//! JSON written by the engine's own small writer: answers, error reports,
//! nearby answers, a refused unit list's problems, and what the command prints
//! (but the schemas and the rulebooks, which serde_json writes on the host).
//!
//! Why not serde: this writer in place of serde's serialiser, its derived
//! impls and serde_json's formatter took 2.3 KB off the evaluate module's
//! brotli (measured: 51 278 → 48 960 B; the nearby module's 34 444 → 33 675 B).
//! This writes what
//! `serde_json::to_string` writes, byte for byte: strings escaped as it
//! escapes them (non-ASCII stays UTF-8), integers in decimal, floats by zmij
//! as serde_json prints them (`5.0`), non-finite ones as `null`. Each written
//! type lists its fields once, in order, with `json_object!` beside its
//! definition. On the host, serde's derive stays on those types as the tests'
//! oracle (`tests/common`: `written`), and schemars reads the same
//! `#[serde(...)]` attributes for the schemas.

use crate::prelude::*;
use alloc::collections::{BTreeMap, BTreeSet};

pub trait WriteJson {
    fn write_json(&self, out: &mut String);

    /// Whether a field marked `?` in `json_object!` is left out (serde's
    /// `skip_serializing_if`): an absent `Option`, empty `input::Args`.
    fn is_absent(&self) -> bool {
        false
    }

    fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }
}

/// The fields of an object, without its braces: what `..field` in
/// `json_object!` writes into the enclosing object (serde's `flatten`).
pub trait WriteJsonFields {
    fn write_fields(&self, out: &mut String);
}

/// `WriteJson` for a struct, its fields in the order given: `name`, `"key":
/// name` (serde's `rename`), a `?` after either to leave the field out when it
/// `is_absent` (only an `Option` that is `None` and empty `input::Args` are;
/// anything else is always written), `..name` for a field whose own fields
/// stand in this object.
/// `<T>` before the type makes the impl generic over `T: WriteJson`.
#[macro_export]
macro_rules! json_object {
    (<$generic:ident> $type:ty { $($fields:tt)* }) => {
        $crate::json_object!(@impl [$generic: $crate::json_writer::WriteJson] $type { $($fields)* });
    };
    (@impl [$($bounds:tt)*] $type:ty { $($fields:tt)* }) => {
        impl<$($bounds)*> $crate::json_writer::WriteJsonFields for $type {
            fn write_fields(&self, out: &mut String) {
                $crate::json_fields!(self, out, $($fields)*);
            }
        }
        impl<$($bounds)*> $crate::json_writer::WriteJson for $type {
            fn write_json(&self, out: &mut String) {
                out.push('{');
                $crate::json_writer::WriteJsonFields::write_fields(self, out);
                out.push('}');
            }
        }
    };
    ($type:ty { $($fields:tt)* }) => {
        $crate::json_object!(@impl [] $type { $($fields)* });
    };
}

/// `json_object!`'s fields, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! json_fields {
    ($this:ident, $out:ident $(,)?) => {};
    ($this:ident, $out:ident, .. $field:ident $($rest:tt)*) => {
        $crate::json_writer::WriteJsonFields::write_fields(&$this.$field, $out);
        $crate::json_fields!($this, $out $($rest)*);
    };
    ($this:ident, $out:ident, $key:literal : $field:ident $($rest:tt)*) => {
        $crate::json_fields!($this, $out, ($key) $field $($rest)*);
    };
    ($this:ident, $out:ident, $field:ident $($rest:tt)*) => {
        $crate::json_fields!($this, $out, (stringify!($field)) $field $($rest)*);
    };
    ($this:ident, $out:ident, ($key:expr) $field:ident ? $($rest:tt)*) => {
        if !$crate::json_writer::WriteJson::is_absent(&$this.$field) {
            $crate::json_writer::key($out, $key);
            $crate::json_writer::WriteJson::write_json(&$this.$field, $out);
        }
        $crate::json_fields!($this, $out $($rest)*);
    };
    ($this:ident, $out:ident, ($key:expr) $field:ident $($rest:tt)*) => {
        $crate::json_writer::key($out, $key);
        $crate::json_writer::WriteJson::write_json(&$this.$field, $out);
        $crate::json_fields!($this, $out $($rest)*);
    };
}

/// A comma before every member and element but the first, which follows its
/// object's `{` or its array's `[`: no value ends with either.
fn separate(out: &mut String) {
    if !matches!(out.as_bytes().last(), Some(b'{' | b'[')) {
        out.push(',');
    }
}

/// A member's key, `"key":`, after a comma unless it is the first. Not
/// generic over the value, so that it is in the module once.
pub fn key(out: &mut String, key: &str) {
    separate(out);
    key.write_json(out);
    out.push(':');
}

/// An object of the pairs given, in their order.
pub fn write_object<'a, K: AsRef<str> + 'a, V: WriteJson + 'a>(out: &mut String, pairs: impl IntoIterator<Item = (K, &'a V)>) {
    out.push('{');
    for (name, value) in pairs {
        key(out, name.as_ref());
        value.write_json(out);
    }
    out.push('}');
}

fn write_array<'a, T: WriteJson + 'a>(out: &mut String, items: impl IntoIterator<Item = &'a T>) {
    out.push('[');
    for item in items {
        separate(out);
        item.write_json(out);
    }
    out.push(']');
}

impl WriteJson for str {
    /// As serde_json escapes: `"` and `\`, and the control characters below
    /// U+0020 (`\b \t \n \f \r` by name, the rest as `\u00XX`); nothing else.
    // Character by character: slicing the text between escapes brings the
    // slicing's panic message and its formatting into the module (3.5 KB
    // brotli, measured).
    fn write_json(&self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                '\0'..='\u{1f}' => {
                    out.push_str("\\u00");
                    out.push(char::from(HEX[c as usize >> 4]));
                    out.push(char::from(HEX[c as usize & 0xf]));
                }
                _ => out.push(c),
            }
        }
        out.push('"');
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// `n` in decimal with at least `width` digits, zeros before (`{n:0width$}`):
/// every integer the engine writes, in JSON as serde_json (itoa) writes them,
/// and in its text (`Decimal`, dates), goes through this one writer, so that
/// the WebAssembly modules carry no `core::fmt`.
pub fn write_digits(out: &mut String, n: u64, width: u32) {
    if n >= 10 || width > 1 {
        write_digits(out, n / 10, width.saturating_sub(1));
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

fn write_u64(out: &mut String, n: u64) {
    write_digits(out, n, 1);
}

/// A whole number as text, as `to_string` writes it (`write_digits`): for
/// the values a message quotes.
pub trait Decimal {
    fn decimal(self) -> String;
}

impl Decimal for i64 {
    fn decimal(self) -> String {
        self.to_json()
    }
}

impl Decimal for i32 {
    fn decimal(self) -> String {
        i64::from(self).to_json()
    }
}

impl Decimal for u32 {
    fn decimal(self) -> String {
        self.to_json()
    }
}

impl Decimal for usize {
    fn decimal(self) -> String {
        self.to_json()
    }
}

impl WriteJson for u64 {
    fn write_json(&self, out: &mut String) {
        write_u64(out, *self);
    }
}

impl WriteJson for u32 {
    fn write_json(&self, out: &mut String) {
        write_u64(out, u64::from(*self));
    }
}

impl WriteJson for usize {
    fn write_json(&self, out: &mut String) {
        write_u64(out, *self as u64);
    }
}

impl WriteJson for i64 {
    fn write_json(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        write_u64(out, self.unsigned_abs());
    }
}

impl WriteJson for f64 {
    /// As serde_json prints it (with zmij, as serde_json does); JSON has no
    /// NaN or infinity, so those are `null`, as in serde_json.
    fn write_json(&self, out: &mut String) {
        if self.is_finite() {
            out.push_str(zmij::Buffer::new().format_finite(*self));
        } else {
            out.push_str("null");
        }
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut String) {
        write_array(out, self);
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        write_array(out, self);
    }
}

/// A rulebook's text and lists (`rulebook::Str`, `List`), borrowed or owned.
impl<T: WriteJson + ToOwned + ?Sized> WriteJson for alloc::borrow::Cow<'_, T> {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: WriteJson> WriteJson for BTreeSet<T> {
    fn write_json(&self, out: &mut String) {
        write_array(out, self);
    }
}

impl<K: AsRef<str>, V: WriteJson> WriteJson for BTreeMap<K, V> {
    fn write_json(&self, out: &mut String) {
        write_object(out, self.iter().map(|(k, v)| (k.as_ref(), v)));
    }
}

/// Compact JSON as serde_json's `to_string_pretty` writes it: two spaces a
/// level, `"key": value`, every member and element on its own line, `{}` and
/// `[]` when empty. For the command, which prints its answers so.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(core::iter::repeat_n("  ", depth));
    };
    let mut chars = compact.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' | '[' => {
                out.push(c);
                if let Some(close) = chars.next_if(|&next| next == '}' || next == ']') {
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => {
                in_string = c == '"';
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(value: &(impl WriteJson + ?Sized)) -> String {
        value.to_json()
    }

    // RFC 8259 §7: `"` and `\` must be escaped, and the control characters
    // U+0000–U+001F; serde_json names \b \f \n \r \t and writes the others as
    // \u00XX in lowercase hex, and escapes nothing else (not `/`, not DEL).
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        assert_eq!(json("plain"), r#""plain""#);
        assert_eq!(json("a \"quote\" and a \\ backslash"), r#""a \"quote\" and a \\ backslash""#);
        assert_eq!(json("\u{8}\u{c}\n\r\t"), r#""\b\f\n\r\t""#);
        assert_eq!(json("\u{0}\u{1}\u{1f}\u{b}"), r#""\u0000\u0001\u001f\u000b""#);
        assert_eq!(json("/ \u{7f} </script>"), "\"/ \u{7f} </script>\"");
        assert_eq!(json(""), r#""""#);
        let every_ascii: String = (0..=0x7f_u8).map(char::from).collect();
        assert_eq!(json(every_ascii.as_str()), serde_json::to_string(&every_ascii).unwrap());
    }

    #[test]
    fn non_ascii_stays_utf8() {
        assert_eq!(json("Vårdcentral Malmö"), "\"Vårdcentral Malmö\"");
        assert_eq!(json("مركز صحي \u{200f}"), "\"مركز صحي \u{200f}\"");
        assert_eq!(json("a\u{2028}b 😀\n"), "\"a\u{2028}b 😀\\n\"");
    }

    #[test]
    fn numbers_and_literals() {
        assert_eq!(json(&0u32), "0");
        assert_eq!(json(&4_294_967_295u32), "4294967295");
        assert_eq!(json(&-1_450i64), "-1450");
        assert_eq!(json(&i64::MIN), "-9223372036854775808");
        assert_eq!(json(&true), "true");
        assert_eq!(json(&false), "false");
        assert_eq!(json(&None::<u32>), "null");
        assert_eq!(json(&Some(3u32)), "3");
    }

    /// `Decimal` and `write_digits` write what `to_string` and `format!` do.
    #[test]
    fn integers_as_to_string_writes_them() {
        for n in [i64::MIN, -1_000_000, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1450, i64::from(u32::MAX), i64::MAX] {
            assert_eq!(n.decimal(), n.to_string());
            if let Ok(small) = i32::try_from(n) {
                assert_eq!(small.decimal(), n.to_string());
            }
            if let Ok(unsigned) = u32::try_from(n) {
                assert_eq!(unsigned.decimal(), n.to_string());
                assert_eq!((unsigned as usize).decimal(), n.to_string());
            }
            for width in 0..6 {
                let mut out = String::new();
                write_digits(&mut out, n.unsigned_abs(), width);
                assert_eq!(out, format!("{:0w$}", n.unsigned_abs(), w = width as usize));
            }
        }
    }

    // serde_json prints a float with the fewest digits that read back as
    // the same number, an integral one with `.0`, `-0.0` with its sign; NaN
    // and the infinities, which JSON has not, as null. Very large and very
    // small ones in exponent form: those against serde_json itself.
    #[test]
    fn floats_print_as_serde_json_prints_them() {
        assert_eq!(json(&5.0), "5.0");
        assert_eq!(json(&-0.0), "-0.0");
        assert_eq!(json(&0.1), "0.1");
        assert_eq!(json(&59.3293235), "59.3293235");
        assert_eq!(json(&18.0686), "18.0686");
        assert_eq!(json(&f64::NAN), "null");
        assert_eq!(json(&f64::INFINITY), "null");
        assert_eq!(json(&f64::NEG_INFINITY), "null");
        for x in [5.0, -0.0, 0.1, 1e15, 1e16, 1e21, 123456789.125, 1e-5, 2.5e-6, 1e-7, 1.5e300, f64::MAX, f64::MIN_POSITIVE, 5e-324] {
            assert_eq!(json(&x), serde_json::to_string(&x).unwrap(), "{x:e}");
        }
    }

    #[test]
    fn arrays_and_objects() {
        assert_eq!(json(&Vec::<u32>::new()), "[]");
        assert_eq!(json(&vec![1u32, 2, 3]), "[1,2,3]");
        assert_eq!(json(&vec![Vec::<u32>::new(), vec![1]]), "[[],[1]]");
        assert_eq!(json(&BTreeMap::<&str, u32>::new()), "{}");
        let map = BTreeMap::from([("b", vec![Some(true), None]), ("a\"", vec![])]);
        assert_eq!(json(&map), r#"{"a\"":[],"b":[true,null]}"#);
        assert_eq!(json(&BTreeSet::from(["13", "01"])), r#"["01","13"]"#);
    }

    struct Place {
        name: &'static str,
        kind: Option<&'static str>,
        note: Option<String>,
        position: Position,
        tags: Vec<String>,
    }
    struct Position {
        lat: f64,
        lon: f64,
        region: Option<String>,
    }
    json_object!(Place { name, "type": kind, note?, ..position, tags });
    json_object!(Position { region?, lat, lon });

    #[test]
    fn objects_with_renamed_left_out_and_flattened_fields() {
        let mut place = Place { name: "Habo", kind: None, note: None, position: Position { lat: 57.9, lon: 14.0, region: None }, tags: vec![] };
        assert_eq!(json(&place), r#"{"name":"Habo","type":null,"lat":57.9,"lon":14.0,"tags":[]}"#);
        place.kind = Some("town");
        place.note = Some("x".into());
        place.position.region = Some("06".into());
        place.tags = vec!["a".into(), "b".into()];
        assert_eq!(json(&place), r#"{"name":"Habo","type":"town","note":"x","region":"06","lat":57.9,"lon":14.0,"tags":["a","b"]}"#);
        assert_eq!(json(&Position { lat: 1.0, lon: 2.0, region: None }), r#"{"lat":1.0,"lon":2.0}"#);
    }

    // The oracle: serde_json's own pretty printer, on values with every kind
    // of token, nesting, empty containers and strings holding the characters
    // the re-indenting reads ({ } [ ] , : " and \).
    #[test]
    fn pretty_matches_serde_json() {
        let values = [
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!("a, b: {c} [d] \"e\" \\f\\"),
            serde_json::json!(1.5),
            serde_json::json!({ "a": [], "b": {}, "c": [1, [2, []], { "d": null }], "e": { "f": { "g": "{[,:]}\\\"" } }, "h": true, "i": -0.5 }),
            serde_json::json!([[[]], [{}], "x", null, false, 5.0]),
        ];
        for value in values {
            let compact = serde_json::to_string(&value).unwrap();
            assert_eq!(pretty(&compact), serde_json::to_string_pretty(&value).unwrap(), "{compact}");
        }
    }
}
