# Vårdvalskollen. `make run` and `make test` install what is missing, build and
# run; nothing is downloaded except from crates.io, npm and Debian.

# The wasm-bindgen CLI must be the library's version exactly: read from its
# `=` pin in Cargo.toml, so the two cannot drift apart (tests/toolchain.rs).
WASM_BINDGEN_VERSION := $(shell sed -nE 's/^wasm-bindgen = .*"=([0-9][0-9.]*)".*/\1/p' Cargo.toml)
ifeq ($(WASM_BINDGEN_VERSION),)
$(error Cargo.toml pins no wasm-bindgen version with "=")
endif
WASM_PACK_VERSION    := 0.15.1
PORT                 ?= 8080

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PKG  := www/pkg
WASM := $(PKG)/vardval_bg.wasm
# The same module that also reads a region's override of a rulebook (feature
# evaluate-full), which the page loads instead only for `rules-src`, and the
# npm package ships.
FULL_PKG  := www/pkg-full
FULL_WASM := $(FULL_PKG)/vardval_full_bg.wasm
NEARBY_PKG  := www/pkg-nearby
NEARBY_WASM := $(NEARBY_PKG)/vardval_nearby_bg.wasm
# The same module with every export (feature nearby-full: the unit-list
# checker, positions alone), which the page loads instead only for a region's
# own list (units-src), and the npm package ships.
NEARBY_FULL_PKG  := www/pkg-nearby-full
NEARBY_FULL_WASM := $(NEARBY_FULL_PKG)/vardval_nearby_full_bg.wasm
# Rust ≥ 1.82 emits these WebAssembly features by default; wasm-opt must accept them.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                 --enable-mutable-globals --enable-reference-types --enable-multivalue
# The built-in rulebooks as the WebAssembly modules carry them, which the
# command writes from rules/ (below): the command does not compile them.
BUILTIN_RULES := src/rulebook/builtin.rs
RUST_SOURCES := $(filter-out $(BUILTIN_RULES),$(shell find src rules i18n -type f)) build.rs Cargo.toml Cargo.lock
MODULE_SOURCES := $(RUST_SOURCES) $(BUILTIN_RULES)

# A recipe that fails leaves no half-made file (a module wasm-opt did not finish).
.DELETE_ON_ERROR:

.PHONY: run test build bundle package setup setup-test test-rust test-browser serve bench fuzz sizes data schemas clean

run: setup build serve

test: setup setup-test build bundle package test-rust test-browser

# --- installing what is missing -------------------------------------------

setup: node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$" \
	  || cargo install --locked --force wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@wasm-pack --version 2>/dev/null | grep -q " $(WASM_PACK_VERSION)$$" \
	  || cargo install --locked --force wasm-pack --version $(WASM_PACK_VERSION)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup-test:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; }

# --- building ----------------------------------------------------------------

DATA_COPIES := www/data/unit-counts-1177.json www/data/municipalities.json www/data/postal-codes.json www/data/map.json
# Every language (src/text.rs `Lang`); Swedish's page at the top, each other's
# in its folder (src/page.rs `page_path`: lättläst in lattlast/).
LANGS := $(patsubst i18n/page.%.json,%,$(wildcard i18n/page.*.json))
LANG_DIRS := en ar fi lattlast
PAGES := www/index.html $(LANG_DIRS:%=www/%/index.html) \
         $(LANGS:%=www/data/text-%.json) $(LANGS:%=www/data/text-more-%.json) $(LANGS:%=www/data/rules-%.html) $(DATA_COPIES) www/data/units.json

build: $(WASM) $(FULL_WASM) $(NEARBY_WASM) $(NEARBY_FULL_WASM) target/release/vardval $(PAGES) www/vardval-kollen.js www/vardval-kollen-nearby.js www/vardval-kollen-later.js www/style.css
	@node scripts/compress.mjs www

# The component's modules (www/src/) and the engine's glue, bundled by esbuild;
# the nearby search's part (www/vardval-kollen-nearby.js) and what the first
# answer does not need (www/vardval-kollen-later.js) beside it, and
# www/style.css (www/src/style.css, minified).
www/vardval-kollen.js www/vardval-kollen-nearby.js www/vardval-kollen-later.js www/style.css &: $(wildcard www/src/*.js) www/src/style.css scripts/build-js.mjs $(WASM) node_modules/.installed
	node scripts/build-js.mjs

# The static pages (the rules in full, for reading without JavaScript) and the
# data the component loads: written by the engine from rules/ and i18n/.
# The build date only chooses which dated values the static text quotes.
www/index.html: www/page.html target/release/vardval
	target/release/vardval page sv www/page.html $$(date +%F) > $@
www/%/index.html: www/page.html target/release/vardval
	@mkdir -p $(@D)
	target/release/vardval page $(if $(filter lattlast,$*),sv-x-easy,$*) www/page.html $$(date +%F) > $@
# The rules in full as an HTML fragment: what the component shows when it cannot run.
www/data/rules-%.html: www/rules-fragment.html target/release/vardval
	@mkdir -p www/data
	target/release/vardval page $* www/rules-fragment.html $$(date +%F) > $@

# Units, places and the map, as scripts/units_data.py wrote them in data/.
$(DATA_COPIES): www/data/%: data/%
	@mkdir -p www/data
	cp $< $@

# The default unit list as the nearby module reads it without its checker
# (`set_checked_units`): checked here, by the command, with Sweden's borders.
# (The CSV copy an older build left is removed: the site no longer serves it.)
www/data/units.json: data/units.csv target/release/vardval
	@mkdir -p www/data
	@rm -f www/data/units.csv www/data/units.csv.br www/data/units.csv.gz
	target/release/vardval units import data/units.csv --json > $@ || { cat $@ >&2; rm -f $@; exit 1; }

# (The copy of the rulebooks an older build left is removed: the modules carry them.)
www/data/text-%.json: target/release/vardval
	@mkdir -p www/data
	@rm -f www/data/rulebooks.json www/data/rulebooks.json.br www/data/rulebooks.json.gz
	target/release/vardval text $* > $@

# What only the component's parts loaded later say (a shorter stem: this rule, not the one above).
www/data/text-more-%.json: target/release/vardval
	@mkdir -p www/data
	target/release/vardval text --more $* > $@

# The command embeds the place tables and Sweden's outline (data/*.json), with
# which it checks the default list.
target/release/vardval: $(RUST_SOURCES) $(wildcard data/*.json)
	cargo build --release --locked --bin vardval

# Written again whenever the command is rebuilt (after any change in rules/),
# so a module never carries other rules than the command reads; the file
# changes only when they do (tests check that it is current, too).
$(BUILTIN_RULES): target/release/vardval
	target/release/vardval rulebooks --rust > $@.new
	@if cmp -s $@.new $@; then rm $@.new; touch $@; else mv $@.new $@; echo "$@: written again from rules/"; fi

# Flattening and re-looping between two -Oz: 0.5 KB brotli less than -Oz
# --converge alone (README, "Budgets and figures").
$(WASM): $(MODULE_SOURCES)
	wasm-pack build --mode no-install --target web --release --out-dir $(PKG) --out-name vardval
	wasm-opt -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features $(WASM_FEATURES) $(WASM) -o $(WASM)
	@node scripts/sizes.mjs

$(FULL_WASM): $(MODULE_SOURCES)
	wasm-pack build --mode no-install --target web --release --out-dir $(FULL_PKG) --out-name vardval_full -- --features evaluate-full
	wasm-opt -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features $(WASM_FEATURES) $(FULL_WASM) -o $(FULL_WASM)

$(NEARBY_WASM): $(MODULE_SOURCES)
	wasm-pack build --mode no-install --target web --release --out-dir $(NEARBY_PKG) --out-name vardval_nearby -- --features nearby-module
	wasm-opt -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features $(WASM_FEATURES) $(NEARBY_WASM) -o $(NEARBY_WASM)

$(NEARBY_FULL_WASM): $(MODULE_SOURCES)
	wasm-pack build --mode no-install --target web --release --out-dir $(NEARBY_FULL_PKG) --out-name vardval_nearby_full -- --features nearby-full
	wasm-opt -Oz --flatten --rereloop -Oz --converge --strip-producers --strip-target-features $(WASM_FEATURES) $(NEARBY_FULL_WASM) -o $(NEARBY_FULL_WASM)

# dist/vardvalskollen.html (one file, offline) and dist/vardvalskollen-site.zip
bundle: build
	node scripts/bundle.mjs

# dist/npm: both WebAssembly modules as one npm package, with TypeScript types
package: build
	node scripts/package.mjs

sizes: $(WASM)
	@node scripts/sizes.mjs

# schemas/NAME.schema.json, the interfaces' JSON Schemas, from the Rust types
# (src/schema.rs); tests/cli.rs checks that they are current.
schemas: target/release/vardval
	for name in $(patsubst schemas/%.schema.json,%,$(wildcard schemas/*.schema.json)); do \
	  target/release/vardval schema $$name > schemas/$$name.schema.json || exit 1; done

# rules/regions.json, data/units.csv and data/places.json from ../shared/data/;
# and the built-in rulebooks as the WebAssembly modules carry them.
data:
	python3 scripts/region_fees.py
	python3 scripts/units_data.py
	python3 scripts/sweden_outline.py
	$(MAKE) $(BUILTIN_RULES)

# --- running and testing -----------------------------------------------------

serve:
	@echo "Vårdvalskollen: http://localhost:$(PORT)/  (Ctrl-C stops)"
	node scripts/serve.mjs --port $(PORT) --root www

test-rust:
	python3 scripts/region_fees.py --check
	python3 scripts/units_data.py --check
	python3 scripts/sweden_outline.py --check
	cargo test --locked

test-browser:
	node --test tests/browser/

bench: setup build
	cargo run --release --locked --example bench
	# A target folder of its own: the bench build of a cdylib crate collides with the release one;
	# and unwinding, or the library is built twice there (abort for the command, unwind for the bench) to one file name.
	CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_TARGET_DIR=target/bench cargo bench --locked --bench nearby
	node scripts/bench-page.mjs 10
	node scripts/bench-slow-phone.mjs 10
	node scripts/bench-nearby-browser.mjs

# The fuzzer (tests/fuzz.rs) at full length: generated inputs, well formed and
# spoiled, through evaluate, nearby, units check and rules check, with the
# counts printed. `cargo test` runs 10 000 of them; FUZZ_SEED repeats a run.
FUZZ_CASES ?= 1000000
fuzz:
	FUZZ_CASES=$(FUZZ_CASES) FUZZ_SEED=$${FUZZ_SEED:-$$(date +%s)} cargo test --locked --profile fuzz --test fuzz fuzz_the_four_entry_points -- --nocapture

clean:
	cargo clean
	rm -rf $(PKG) $(FULL_PKG) $(NEARBY_PKG) $(NEARBY_FULL_PKG) www/data www/index.html $(LANG_DIRS:%=www/%) www/vardval-kollen.js www/vardval-kollen-nearby.js www/vardval-kollen-later.js www/style.css dist node_modules
	find www -name '*.br' -delete -o -name '*.gz' -delete
