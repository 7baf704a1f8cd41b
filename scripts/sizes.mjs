// Prints the sizes of what the page loads, raw and gzipped (level 9).
// The budgets are checked by tests/browser/budgets.test.mjs.
import { readFileSync } from 'node:fs';
import { ENCODINGS, sitePages } from './compress.mjs';

/// Bytes (or text) gzipped as the served .gz copies are (level 9, scripts/compress.mjs).
const gzip = ENCODINGS.find((e) => e.name === 'gzip');
export const gzipSize = (bytes) => gzip.compress(bytes).length;

export function sizes(path) {
  const raw = readFileSync(path);
  return { raw: raw.length, gzip: gzipSize(raw) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The glue (pkg/vardval.js) is bundled into vardval-kollen.js; the nearby module and its part of the component load on first search.
  const pages = sitePages().map(({ dir }) => `www/${dir}index.html`);
  for (const f of ['www/pkg/vardval_bg.wasm', 'www/pkg-full/vardval_full_bg.wasm', 'www/pkg-nearby/vardval_nearby_bg.wasm', 'www/pkg-nearby-full/vardval_nearby_full_bg.wasm', ...pages, 'www/vardval-kollen.js', 'www/vardval-kollen-nearby.js', 'www/style.css', 'www/data/text-sv.json']) {
    try {
      const s = sizes(f);
      console.log(`${f.padEnd(48)} ${String(s.raw).padStart(8)} B raw ${String(s.gzip).padStart(8)} B gzip`);
    } catch {
      /* not built yet */
    }
  }
}
