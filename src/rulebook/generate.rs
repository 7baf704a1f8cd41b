//! `vardval rulebooks --rust`: the built-in rulebooks as Rust `static`s
//! (`builtin.rs`), so that a WebAssembly module carries them without the code
//! that reads a rulebook (about 7 KB brotli of the module). They are read
//! here by that code, from the copy without descriptions and notes, so the
//! `static`s hold exactly what a module reading the JSON held.
//!
//! Every list of a rulebook (`sources`, `regions`, each parameter) is its own
//! `static`, named after the first rulebook that has it whole; a rulebook with
//! the same list (the proposal has `se`'s regions), or with the start of one
//! (`se`'s sources are the proposal's but the last, the proposal's own),
//! points at that one.

use super::*;
use std::fmt::Write;

/// A value as a Rust expression a `static` may hold.
trait RustLiteral {
    fn write_rust(&self, out: &mut String);
}

impl RustLiteral for Str {
    fn write_rust(&self, out: &mut String) {
        // `{:?}` of a str is a Rust string literal, escapes included.
        let _ = write!(out, "Borrowed({:?})", &**self);
    }
}

// As `Debug` writes them: a string quoted and escaped, a whole number, an f64
// in the shortest form that reads back as the same f64 (with a point), a bool.
macro_rules! literal_by_debug {
    ($($t:ty),*) => {$(
        impl RustLiteral for $t {
            fn write_rust(&self, out: &mut String) {
                let _ = write!(out, "{self:?}");
            }
        }
    )*};
}
literal_by_debug!(&'static str, u32, f64, bool);

impl RustLiteral for Date {
    fn write_rust(&self, out: &mut String) {
        let (y, m, d) = self.ymd();
        // A day that does not exist stops the build (`unwrap` in a `static`).
        let _ = write!(out, "Date::from_ymd({y}, {m}, {d}).unwrap()");
    }
}

// A variant's path: its name is what `Debug` writes.
macro_rules! variant_by_debug {
    ($($t:ident),*) => {$(
        impl RustLiteral for $t {
            fn write_rust(&self, out: &mut String) {
                let _ = write!(out, concat!(stringify!($t), "::{:?}"), self);
            }
        }
    )*};
}
variant_by_debug!(Window, FreeAgeRule);

impl<T: RustLiteral> RustLiteral for Option<T> {
    fn write_rust(&self, out: &mut String) {
        match self {
            Some(v) => {
                out.push_str("Some(");
                v.write_rust(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: RustLiteral + Clone> RustLiteral for List<T> {
    fn write_rust(&self, out: &mut String) {
        // A tuple variant's argument is extended to the `static`'s lifetime.
        out.push_str("Borrowed(&");
        write_array(self, out);
        out.push(')');
    }
}

fn write_array<T: RustLiteral>(items: &[T], out: &mut String) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.write_rust(out);
    }
    out.push(']');
}

/// A struct literal: `Name { field: value, … }`.
macro_rules! rust_struct {
    ($type:ident $(<$t:ident>)? { $($field:ident),* $(,)? }) => {
        impl$(<$t: RustLiteral + Clone>)? RustLiteral for $type$(<$t>)? {
            fn write_rust(&self, out: &mut String) {
                out.push_str(concat!(stringify!($type), " {"));
                $(
                    out.push_str(concat!(" ", stringify!($field), ": "));
                    self.$field.write_rust(out);
                    out.push(',');
                )*
                out.push_str(" }");
            }
        }
    };
}

rust_struct!(NamedSource { id, title, url, publisher });
rust_struct!(Dated<T> { valid_from, value, unit, source, note });
rust_struct!(Provenance { valid_from, as_of, confidence, source });
rust_struct!(RegionFee { item, mode, kr, provenance });
rust_struct!(FreeAge { rule, age, provenance });
rust_struct!(RegionCeiling { kr, provenance });
rust_struct!(Region { code, name, fees, free_age, ceilings });
rust_struct!(Text { sv, en, ar, fi, sv_easy });

/// A list a rulebook holds, each item written as a literal.
struct ListLiteral {
    name: String,
    item_type: &'static str,
    items: Vec<String>,
}

/// The lists the rulebooks hold, each to be a `static` or the start of one.
#[derive(Default)]
struct Statics {
    lists: Vec<ListLiteral>,
}

impl Statics {
    /// A placeholder for `items` of `item_type` (`&'static [T]`), which
    /// `resolve` turns into a `static` called `name` or a part of another.
    fn list<T: RustLiteral>(&mut self, name: &str, item_type: &'static str, items: &[T]) -> String {
        let items = items
            .iter()
            .map(|item| {
                let mut literal = String::new();
                item.write_rust(&mut literal);
                literal
            })
            .collect();
        self.lists.push(ListLiteral { name: name.to_string(), item_type, items });
        format!("{{{{list {}}}}}", self.lists.len() - 1)
    }

    /// Replaces each placeholder in `code` by a `static` and appends those
    /// `static`s: a list that is another's start (`se`'s sources are the
    /// proposal's but one) is that one's `split_at(n).0`, not a copy.
    fn resolve(&self, code: &str) -> String {
        let lists = &self.lists;
        let starts = |i: usize, j: usize| lists[i].item_type == lists[j].item_type && lists[j].items.starts_with(&lists[i].items);
        // The longest list that starts with list `i` (itself, at least); the first of them.
        let holder = |i: usize| (0..lists.len()).filter(|&j| starts(i, j)).max_by_key(|&j| (lists[j].items.len(), std::cmp::Reverse(j))).unwrap_or(i);
        let mut out = code.to_string();
        for (i, list) in lists.iter().enumerate() {
            let whole = &lists[holder(i)];
            let expr = if list.items.len() == whole.items.len() { format!("&{}", whole.name) } else { format!("{}.split_at({}).0", whole.name, list.items.len()) };
            out = out.replace(&format!("{{{{list {i}}}}}"), &expr);
        }
        for list in (0..lists.len()).filter(|&i| holder(i) == i).map(|i| &lists[i]) {
            // One item a line, so that a change in rules/ is a change of a few lines here.
            let _ = write!(out, "\nstatic {}: [{}; {}] = [\n", list.name, list.item_type, list.items.len());
            for item in &list.items {
                let _ = writeln!(out, "    {item},");
            }
            out.push_str("];\n");
        }
        out
    }
}

/// `builtin.rs`: every built-in rulebook, as `vardval rulebooks` writes them.
pub fn builtin_rust() -> String {
    let mut statics = Statics::default();
    let mut books = String::new();
    let mut names = Vec::new();
    for id in BUILTIN_IDS {
        let mut reader = crate::input::Reader::default();
        let Some(book) = Rulebook::read_documents(RULEBOOKS_MIN_JSON, id, &mut reader) else { continue };
        let prefix = id.to_uppercase().replace('-', "_");
        let name = |field: &str| format!("{prefix}_{}", field.to_uppercase().replace('.', "_"));
        let mut out = String::new();
        let _ = write!(out, "static {prefix}: Rulebook = Rulebook {{\n    id: ");
        book.id.write_rust(&mut out);
        out.push_str(",\n    title: ");
        book.title.write_rust(&mut out);
        out.push_str(",\n    description: ");
        book.description.write_rust(&mut out);
        out.push_str(",\n    status: ");
        book.status.write_rust(&mut out);
        out.push_str(",\n    in_force_from: ");
        book.in_force_from.write_rust(&mut out);
        out.push_str(",\n    overridden: false,\n    regional: None,\n");
        let _ = writeln!(out, "    sources: Borrowed({}),", statics.list(&name("sources"), "NamedSource", &book.sources));
        out.push_str("    parameters: Parameters {\n");
        let p = &book.parameters;
        macro_rules! param {
            ($field:ident, $key:literal, $type:literal) => {
                let _ = writeln!(out, "        {}: Param::of({}),", stringify!($field), statics.list(&name($key), concat!("Dated<", $type, ">"), p.$field.entries()));
            };
        }
        param!(relisting_limit, "relisting.limit", "Option<u32>");
        param!(relisting_window, "relisting.window", "Window");
        param!(special_reasons, "relisting.special_reasons", "List<&str>");
        param!(contact_days, "guarantee.contact_days", "u32");
        param!(assessment_days, "guarantee.assessment_days", "u32");
        param!(free_from_age, "fees.free_from_age", "u32");
        param!(free_under_age_fallback, "fees.free_under_age_fallback", "u32");
        param!(ceiling_share, "fees.ceiling_share", "f64");
        param!(ceiling_max, "fees.ceiling_max", "Option<u32>");
        param!(prisbasbelopp, "fees.prisbasbelopp", "u32");
        param!(listed_unit_fee, "fees.listed_unit_fee", "Option<u32>");
        out.push_str("    },\n");
        let _ = writeln!(out, "    regions: Borrowed({}),", statics.list(&name("regions"), "Region", &book.regions));
        out.push_str("};\n");
        books.push_str(&out);
        names.push(prefix);
    }
    let mut out = String::from(
        "// The built-in rulebooks as the WebAssembly modules carry them: written by\n\
         // `vardval rulebooks --rust` (`make build`) from rules/*.json. Do not edit.\n\n\
         use super::*;\n\
         use alloc::borrow::Cow::Borrowed;\n\n",
    );
    let _ = writeln!(out, "pub(super) static BOOKS: [&Rulebook; {}] = [{}];\n", names.len(), names.iter().map(|n| format!("&{n}")).collect::<Vec<_>>().join(", "));
    out.push_str(&books);
    statics.resolve(&out)
}
