// Size budgets (deterministic, so they may be tests): the WebAssembly module
// after wasm-opt, and what a page sends before its first answer. Timings are
// not tested here; they belong to `make bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { sizes } from '../../scripts/sizes.mjs';
import { sitePages } from '../../scripts/compress.mjs';

// KB read as 1 000 bytes, the stricter reading. 60 KB gzipped until issue 11,
// whose checks (the strict JSON reader, an override's bounds and sources, the
// sentences that cite a region's values) added about 4 KB: 65 KB then; 61.4 KB
// since issue 12 (wasm-opt's flattening and re-looping); 133.9 KB raw and
// 60.1 KB gzip after issue 12's trimming of the engine's code; 114.6 KB raw
// and 50.8 KB gzip since the engine reads and writes JSON itself (src/json.rs,
// src/json_writer.rs: no serde in the module); 115.6 KB raw and 48.0 KB gzip
// since the module carries the built-in rulebooks as data and no rulebook
// reader (more raw bytes, fewer compressed); 104.8 KB raw and 43.8 KB gzip
// since the modules are no_std and carry no core::fmt (the full one 132.6 and
// 54.9 KB, 143.4 and 58.9 before); 103.1 KB raw and 43.0 KB gzip since the
// page's module takes and gives strings only (evaluate_json) and the JSON
// reader checks no UTF-8 again (the full one 132.1 and 54.5 KB); 101.6 KB raw
// and 42.2 KB gzip since without the rulebook reader a situation's rulebook is
// a plain reference (no code to drop an owned one); 98.9 KB raw and 41.0 KB
// gzip since without the reader no rulebook holds a region's changes (no code
// to cite them). The full module (www/pkg-full, a region's
// own rules; the npm package's) is loaded only for `rules-src`.
test('the WebAssembly modules are within 99.3 KB raw and 41.4 KB gzipped (the full one 132.5 and 54.9 KB)', () => {
  const s = sizes('www/pkg/vardval_bg.wasm');
  const full = sizes('www/pkg-full/vardval_full_bg.wasm');
  console.log(`vardval_bg.wasm: ${s.raw} B raw, ${s.gzip} B gzip (level 9); vardval_full_bg.wasm: ${full.raw} B raw, ${full.gzip} B gzip`);
  assert.ok(s.raw <= 99_300, `${s.raw} B raw`);
  assert.ok(s.gzip <= 41_400, `${s.gzip} B gzip`);
  assert.ok(full.raw <= 132_500, `full: ${full.raw} B raw`);
  assert.ok(full.gzip <= 54_900, `full: ${full.gzip} B gzip`);
});

// What each language's page asks for before its first answer (its stylesheet,
// script and preloads), as the server sends it: the brotli copies `make build`
// writes. 81.5 KB for / at issue 12 (the goal there, 60 KB, was not reached:
// the module alone was 51.3 KB; README, "Budgets and figures"), 74.1 KB since
// the engine reads and writes JSON itself (the module 43.8 KB), 72.5 KB since
// the page holds its text and the component's part loaded later went out of
// vardval-kollen.js. Arabic's page is the largest (its letters take two bytes
// each in UTF-8): 73.5 KB (75.2 before).
// 66.5 KB (/ar/; / 65.5 KB) since the module carries the rulebooks (no data/rulebooks.json, 4.5 KB,
// to fetch; the module 2.7 KB smaller). 65.1 KB (/ar/; / 64.3 KB) since the
// page holds only the text its first answer needs (the parts loaded later
// fetch theirs, data/text-more-LANG.json; the static page's own words are in
// neither); 61.8 KB (/ar/; / 61.0 KB) with the modules no_std and without
// core::fmt as well (the module 3.3 KB smaller); 60.5 KB (/ar/; / 59.7 KB) with
// the page's module's string interface and terser after esbuild; 59.0 KB
// (/ar/; / 58.2 KB) with the error messages in the second catalogue and the
// module's rulebook a plain reference; 57.7 KB (/ar/; / 57.0 KB) with no code
// to cite an override's changes in the page's module, and what only an answer
// under an override says in the second catalogue.
test("each page and what it asks for before the first answer are within 58.1 KB brotli, as served", () => {
  const pages = sitePages().map(({ dir }) => `www/${dir}index.html`);
  assert.equal(pages.length, readdirSync('i18n').filter((f) => f.startsWith('page.')).length, `a page for each language: ${pages}`);
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    const refs = [...head.matchAll(/<(?:link rel="(?:stylesheet|modulepreload|preload)"|script type="module") (?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    const files = [page, ...new Set(refs.map((r) => new URL(r, `http://x/${page}`).pathname.slice(1)))];
    assert.ok(files.some((f) => f.endsWith('.wasm')), `${page} preloads the module: ${files}`);
    assert.match(html, /<script type="application\/json" data-src="[^"]*data\/text-[^"]+\.json">/, `${page} holds its text`);
    const brotli = files.map((f) => [f, statSync(`${f}.br`).size]);
    const total = brotli.reduce((a, [, n]) => a + n, 0);
    console.log(`${page}: ${total} B brotli (${brotli.map(([f, n]) => `${f.replace(/^www\//, '')} ${n}`).join(', ')})`);
    assert.ok(total <= 58_100, `${page}: ${total} B brotli`);
  }
});

// The nearby module, loaded only when a person searches: 150 KB raw and
// 75.4 KB gzip before issue 13, 51.2 KB after; 39.7 KB since issue 12's goal
// of 40 KB (the unit-list checker and the numeric way in the full module
// only; README: where its bytes go); 66.1 KB raw and 31.6 KB gzip since the
// engine reads and writes JSON itself; 57.8 KB raw and 28.3 KB gzip since
// the modules are no_std and carry no core::fmt; 57.0 KB raw and 28.0 KB gzip
// since the JSON reader checks no UTF-8 again. Its glue (not bundled: the page imports it with the module) is
// counted beside it.
test('the nearby WebAssembly module is within 57.4 KB raw and 28.4 KB gzipped, its glue within 3.5 KB gzipped', () => {
  const wasm = sizes('www/pkg-nearby/vardval_nearby_bg.wasm');
  const glue = sizes('www/pkg-nearby/vardval_nearby.js');
  console.log(`vardval_nearby_bg.wasm: ${wasm.raw} B raw, ${wasm.gzip} B gzip; glue ${glue.raw} B raw, ${glue.gzip} B gzip`);
  assert.ok(wasm.raw <= 57_400, `${wasm.raw} B raw`);
  assert.ok(wasm.gzip <= 28_400, `${wasm.gzip} B gzip`);
  assert.ok(glue.gzip <= 3_500, `glue ${glue.gzip} B gzip`);
});

// The full nearby module (a region's own list, checked line by line; the npm
// package's): loaded instead of the page's only for a units-src. 89.4 KB raw
// and 42.3 KB gzip since the engine reads and writes JSON itself (106.1 and
// 50.1 before); 81.7 and 39.2 KB since the modules are no_std and carry no
// core::fmt; 80.9 and 38.9 KB since the JSON reader checks no UTF-8 again.
test('the full nearby WebAssembly module is within 81.3 KB raw and 39.3 KB gzipped', () => {
  const wasm = sizes('www/pkg-nearby-full/vardval_nearby_full_bg.wasm');
  console.log(`vardval_nearby_full_bg.wasm: ${wasm.raw} B raw, ${wasm.gzip} B gzip`);
  assert.ok(wasm.raw <= 81_300, `${wasm.raw} B raw`);
  assert.ok(wasm.gzip <= 39_300, `${wasm.gzip} B gzip`);
});

// The page holds its component's text (data/text-LANG.json) since issue 12's
// goal of 60 KB: about 8 KB gzip of the sum; 26.1 KB (27.5 before) since it
// holds only the text the first answer needs; 25.5 KB since the engine's glue
// holds no JS objects (evaluate_json) and terser follows esbuild; 24.5 KB since
// the engine's error messages are in the second catalogue; 24.2 KB since what
// only an answer under an override says is there too.
test('the page (HTML with its text, CSS, JavaScript, without the module and other data) is within 24.6 KB gzipped', () => {
  const files = ['www/index.html', 'www/style.css', 'www/vardval-kollen.js']; // the engine's glue is inside the bundled component
  const total = files.map((f) => sizes(f).gzip).reduce((a, b) => a + b, 0);
  console.log(`page: ${total} B gzip (${files.join(', ')}, each gzipped alone)`);
  assert.ok(total <= 24_600, `${total} B gzip`);
});

test('each offline file (one a language) is within 400 KB gzipped, and the npm package has its types', () => {
  const files = readdirSync('dist').filter((f) => /^vardvalskollen(-[a-z]+)?\.html$/.test(f));
  assert.equal(files.length, sitePages().length, `one offline file a page: ${files}`);
  for (const f of files) {
    const s = sizes(`dist/${f}`);
    console.log(`dist/${f}: ${s.raw} B raw, ${s.gzip} B gzip`);
    assert.ok(s.gzip <= 400_000, `${f}: ${s.gzip} B gzip`);
  }
  const types = readFileSync('dist/npm/vardval_full.d.ts', 'utf8');
  assert.match(types, /export function evaluate\(situation: Situation\): Answer;/);
  assert.doesNotMatch(types, /set_rulebooks/, 'the modules carry the rulebooks');
  assert.match(types, /export interface NearbyAnswer/);
  const nearbyTypes = readFileSync('dist/npm/vardval_nearby_full.d.ts', 'utf8');
  assert.match(nearbyTypes, /export function nearby\(query: NearbyQuery\): NearbyAnswer;/);
  assert.match(nearbyTypes, /export function set_positions\(positions: Float64Array\): number;/);
  assert.match(nearbyTypes, /export function nearest_ids\(lat: number, lon: number, k: number, max_km\?: number \| null\): Uint32Array;/);
  assert.match(nearbyTypes, /export interface UnitProblems/);
  assert.match(nearbyTypes, /export function set_units\(text: string\): number;/);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync('dist/npm/package.json', 'utf8')).exports), ['.', './nearby', './schemas/*']);
});

test('the npm package holds the JSON Schema of every interface, as checked in', () => {
  const schemas = readdirSync('schemas').sort();
  assert.deepEqual(schemas, ['answer', 'errors', 'nearby-answer', 'nearby-query', 'rulebook', 'situation', 'units'].map((n) => `${n}.schema.json`));
  // What `npm pack` would publish (its `files`), not only what lies in dist/npm.
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: 'dist/npm', encoding: 'utf8' }));
  const published = packed.files.map((f) => f.path).filter((p) => p.startsWith('schemas/')).sort();
  assert.deepEqual(published, schemas.map((f) => `schemas/${f}`));
  for (const f of schemas) assert.equal(readFileSync(`dist/npm/schemas/${f}`, 'utf8'), readFileSync(`schemas/${f}`, 'utf8'), f);
});
