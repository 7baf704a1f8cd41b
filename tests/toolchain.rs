//! The wasm-bindgen library and the CLI that processes its modules must be the
//! same version exactly (their interface changes between patch releases): the
//! library is pinned with `=`, the lock file holds that version, and the
//! Makefile installs the CLI of the version it reads from that pin.

use std::fs::read_to_string;

fn pinned_version() -> String {
    let manifest = read_to_string("Cargo.toml").unwrap();
    let line = manifest.lines().find(|l| l.starts_with("wasm-bindgen = ")).expect("Cargo.toml names wasm-bindgen");
    let pin = line.split('"').find(|part| part.starts_with('=')).unwrap_or_else(|| panic!("wasm-bindgen is not pinned with `=`: {line}"));
    pin.trim_start_matches('=').to_string()
}

#[test]
fn wasm_bindgen_is_pinned_exactly_and_the_cli_follows_the_pin() {
    let version = pinned_version();
    assert!(version.split('.').count() == 3 && version.split('.').all(|n| n.parse::<u32>().is_ok()), "{version}");
    let lock = read_to_string("Cargo.lock").unwrap();
    assert!(lock.contains(&format!("name = \"wasm-bindgen\"\nversion = \"{version}\"")), "Cargo.lock holds wasm-bindgen {version}");
    let makefile = read_to_string("Makefile").unwrap();
    let cli = makefile.lines().find(|l| l.starts_with("WASM_BINDGEN_VERSION :=")).expect("the Makefile names the CLI's version");
    assert!(cli.contains("Cargo.toml") && !cli.contains(&version), "the Makefile reads the CLI's version from Cargo.toml's pin, not a copy: {cli}");
    assert!(makefile.contains("cargo install --locked --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)"));
}
