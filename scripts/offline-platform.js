// The offline file's platform (see www/src/platform.js): the engine's glue,
// both WebAssembly modules and the data, all inside the one file. Nothing is
// fetched: no network, no file:// reads.
import init, * as engine from '../www/pkg/vardval.js';
import initNearby, * as nearbyModule from '../www/pkg-nearby/vardval_nearby.js';
import { DATA, WASM } from 'vk-offline-data';

export const BASE = new URL('.', location.href);

// The engine's answer, through the module's JSON text, as on the site
// (scripts/build-js.mjs lets this file, and only this one, import the served platform).
export { evaluate } from '../www/src/platform.js';

// The modules are stored gzipped (base64 of raw WebAssembly compresses badly)
// and unpacked by the browser's own DecompressionStream.
const unpack = (b64) => new Response(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();

// The page's module only: a rules-src cannot be fetched offline (the
// component says it was not used); given one, this module would refuse it
// (`override_not_read`).
export async function startEngine() {
  await init({ module_or_path: await unpack(WASM.evaluate) });
  return engine;
}

// Only the default list offline (a units-src cannot be fetched): the page's
// nearby module, not the full one.
export async function startNearby({ full = false } = {}) {
  if (full) throw new Error('a unit list of its own is not in the offline file');
  await initNearby({ module_or_path: await unpack(WASM.nearby) });
  return nearbyModule;
}

// In the one file, the parts loaded later on the site are bundled in, not loaded.
export const loadNearbySearch = () => import('../www/src/nearby.js');
export const loadLaterPart = () => import('../www/src/later.js');

export async function fetchText(url) {
  const key = Object.keys(DATA).find((k) => String(url).endsWith(k));
  if (key == null) throw new Error(`not in the offline file: ${url}`);
  return DATA[key];
}
