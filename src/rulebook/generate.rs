//! `vardval rulebooks --rust`: the built-in rulebooks as Rust `static`s
//! (`builtin.rs`), so that a WebAssembly module carries them without the code
//! that reads a rulebook (about 7 KB brotli of the module). They are read
//! here by that code, from the copy without descriptions and notes, so the
//! `static`s hold exactly what a module reading the JSON held.
//!
//! Every list of a rulebook (`sources`, `regions`, each parameter) is its own
//! `static`, named after the first rulebook that has it; a rulebook with the
//! same list (the proposal has `se`'s regions), or with the start of one (`se`
//! has the proposal's sources but its own), points at that one.

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

impl RustLiteral for &'static str {
    fn write_rust(&self, out: &mut String) {
        let _ = write!(out, "{self:?}");
    }
}

impl RustLiteral for u32 {
    fn write_rust(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl RustLiteral for f64 {
    fn write_rust(&self, out: &mut String) {
        // `{:?}` writes the shortest form that reads back as the same f64, with a point.
        let _ = write!(out, "{self:?}");
    }
}

impl RustLiteral for bool {
    fn write_rust(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl RustLiteral for Date {
    fn write_rust(&self, out: &mut String) {
        let (y, m, d) = self.ymd();
        let _ = write!(out, "Date::ymd_const({y}, {m}, {d})");
    }
}

impl RustLiteral for Window {
    fn write_rust(&self, out: &mut String) {
        out.push_str(match self {
            Window::RollingYear => "Window::RollingYear",
            Window::CalendarYear => "Window::CalendarYear",
        });
    }
}

impl RustLiteral for FreeAgeRule {
    fn write_rust(&self, out: &mut String) {
        out.push_str(match self {
            FreeAgeRule::Under => "FreeAgeRule::Under",
            FreeAgeRule::ThroughYear => "FreeAgeRule::ThroughYear",
        });
    }
}

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
    ($type:ident { $($field:ident),* $(,)? }) => {
        impl RustLiteral for $type {
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
rust_struct!(Provenance { valid_from, as_of, confidence, source });
rust_struct!(RegionFee { item, mode, kr, provenance });
rust_struct!(FreeAge { rule, age, provenance });
rust_struct!(RegionCeiling { kr, provenance });
rust_struct!(Region { code, name, fees, free_age, ceilings });
rust_struct!(Text { sv, en, ar, fi, sv_easy });

impl<T: RustLiteral + Clone> RustLiteral for Dated<T> {
    fn write_rust(&self, out: &mut String) {
        out.push_str("Dated { valid_from: ");
        self.valid_from.write_rust(out);
        out.push_str(", value: ");
        self.value.write_rust(out);
        out.push_str(", unit: ");
        self.unit.write_rust(out);
        out.push_str(", source: ");
        self.source.write_rust(out);
        out.push_str(", note: ");
        self.note.write_rust(out);
        out.push_str(" }");
    }
}

/// The lists the rulebooks hold, each to be a `static` or the start of one.
#[derive(Default)]
struct Statics {
    /// Name, item type and each item's literal.
    lists: Vec<(String, &'static str, Vec<String>)>,
}

impl Statics {
    /// A placeholder for `items` of `item_type` (`&'static [T]`), which
    /// `resolve` turns into a `static` called `name` or a part of another.
    fn list<T: RustLiteral>(&mut self, name: &str, item_type: &'static str, items: &[T]) -> String {
        let literals = items
            .iter()
            .map(|item| {
                let mut literal = String::new();
                item.write_rust(&mut literal);
                literal
            })
            .collect();
        self.lists.push((name.to_string(), item_type, literals));
        format!("{{{{list {}}}}}", self.lists.len() - 1)
    }

    /// Replaces each placeholder in `code` by a `static` and appends those
    /// `static`s: a list that is another's start (`se`'s sources are the
    /// proposal's but one) is that one's `split_at(n).0`, not a copy.
    fn resolve(&self, code: &str) -> String {
        let starts = |short: &(String, &str, Vec<String>), long: &(String, &str, Vec<String>)| short.1 == long.1 && long.2.starts_with(&short.2);
        // The longest list each one starts (itself, at least), the first of those written.
        let holder = |i: usize| {
            let holders = (0..self.lists.len()).filter(|&j| starts(&self.lists[i], &self.lists[j]));
            let longest = holders.clone().map(|j| self.lists[j].2.len()).max().unwrap_or(0);
            holders.into_iter().find(|&j| self.lists[j].2.len() == longest).unwrap_or(i)
        };
        let mut out = code.to_string();
        let mut written = Vec::new();
        for (i, (_, _, items)) in self.lists.iter().enumerate() {
            let h = holder(i);
            let name = &self.lists[h].0;
            let expr = if items.len() == self.lists[h].2.len() { format!("&{name}") } else { format!("{name}.split_at({}).0", items.len()) };
            out = out.replace(&format!("{{{{list {i}}}}}"), &expr);
            if !written.contains(&h) {
                written.push(h);
            }
        }
        written.sort_unstable();
        for h in written {
            let (name, item_type, items) = &self.lists[h];
            // One item a line, so that a change in rules/ is a change of a few lines here.
            let _ = write!(out, "\nstatic {name}: [{item_type}; {}] = [\n", items.len());
            for item in items {
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
         // `vardval rulebooks --rust` (`make data`) from rules/*.json. Do not edit.\n\n\
         use super::*;\n\
         use std::borrow::Cow::Borrowed;\n\n",
    );
    let _ = writeln!(out, "pub(super) static BOOKS: [&Rulebook; {}] = [{}];\n", names.len(), names.iter().map(|n| format!("&{n}")).collect::<Vec<_>>().join(", "));
    out.push_str(&books);
    statics.resolve(&out)
}
