//! The command's own parts for unit lists, in neither the library nor the
//! WebAssembly modules: reading files a line at a time in UTF-8 or
//! Windows-1252 (`text`), where Sweden is (`sweden`), `vardval units check`
//! (`check`) and `vardval units import` (`import`, with calamine).

pub mod check;
pub mod import;
pub mod sweden;
pub mod text;

/// "1 problem", "7 problems".
pub fn problems(n: usize) -> String {
    format!("{n} problem{}", if n == 1 { "" } else { "s" })
}
