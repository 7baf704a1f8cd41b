// Where the component's files come from when it is served as a site: the
// module, its glue and the data beside the bundled component. The offline
// file (scripts/bundle.mjs) swaps this module for one that holds everything.
import init, * as engine from '../pkg/vardval.js';

/// The folder the bundled component (vardval-kollen.js) was loaded from.
export const BASE = new URL('.', import.meta.url);

/// The engine, started with the module beside the component; with `full`,
/// the one that also reads a region's own rules (`rules-src`), loaded only then.
export async function startEngine({ full = false } = {}) {
  if (full) {
    const mod = await import(/* @vite-ignore */ new URL('pkg-full/vardval_full.js', BASE).href);
    await mod.default();
    return mod;
  }
  await init({ module_or_path: new URL('pkg/vardval_bg.wasm', BASE) });
  return engine;
}

/// The engine's answer to `situation` (a plain object), or, on bad input, its
/// error object `{ errors }` thrown, as the full module's `evaluate` gives
/// them: through `evaluate_json`, which both modules have and which takes and
/// gives JSON text only (an answer never has an `errors` field). What is not
/// JSON (undefined, a cycle) goes in as `null`, which is not a situation either.
export function evaluate(engine, situation) {
  let text;
  try {
    text = JSON.stringify(situation);
  } catch {
    // a cycle or a BigInt: left undefined
  }
  const result = JSON.parse(engine.evaluate_json(text ?? 'null'));
  if (result.errors) throw result;
  return result;
}

/// The nearby search's part of the component (www/src/nearby.js), bundled
/// beside it by scripts/build-js.mjs and loaded on first use.
export function loadNearbySearch() {
  return import(/* @vite-ignore */ new URL('vardval-kollen-nearby.js', BASE).href);
}

/// What the first answer does not need (www/src/later.js), bundled beside the
/// component by scripts/build-js.mjs and loaded once it has started.
export function loadLaterPart() {
  return import(/* @vite-ignore */ new URL('vardval-kollen-later.js', BASE).href);
}

/// The nearby module (loaded on first search only); with `full`, the one that
/// also checks a unit list line by line (`set_units`), for a region's own list.
export async function startNearby({ full = false } = {}) {
  const name = full ? 'pkg-nearby-full/vardval_nearby_full.js' : 'pkg-nearby/vardval_nearby.js';
  const mod = await import(/* @vite-ignore */ new URL(name, BASE).href);
  await mod.default();
  return mod;
}

/// A text file by URL, relative to BASE: the copy the page holds, if it holds
/// one (`<script type="application/json" data-src="URL">`: the site's pages
/// hold their catalogue), else fetched.
export function fetchText(url) {
  const href = new URL(url, BASE).href;
  const held = [...document.querySelectorAll('script[type="application/json"][data-src]')].find((s) => new URL(s.dataset.src, document.baseURI).href === href);
  if (held) return Promise.resolve(held.textContent);
  return fetch(href).then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(url)))));
}
