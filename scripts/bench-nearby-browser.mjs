// `make bench`: the WebAssembly `nearby` against a plain JavaScript linear
// scan (haversine over every unit, then sort), over the same 10^6 synthetic
// units spread over Sweden, in the same headless Chromium run.
//
//   node scripts/bench-nearby-browser.mjs [units=1000000]
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const n = Number(process.argv[2] ?? 1_000_000);
const server = await startServer({ port: 0, root: 'www' });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage();
await page.goto(`${origin}/`);
const r = await page.evaluate(async (n) => {
  const mod = await import('./pkg-nearby/vardval_nearby.js');
  await mod.default();
  let s = 0x2545f491;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = 55.3 + rand() * 13.7;
    lon[i] = 11.0 + rand() * 13.0;
  }
  const queries = Array.from({ length: 200 }, () => [55.3 + rand() * 13.7, 11.0 + rand() * 13.0]);
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];

  let t = performance.now();
  mod.set_positions(lat, lon);
  const build = performance.now() - t;

  const wasm = [];
  let wasmFirst;
  for (const [la, lo] of queries) {
    t = performance.now();
    const a = mod.nearby({ from: { lat: la, lon: lo }, k: 10 });
    wasm.push(performance.now() - t);
    wasmFirst ??= a.units.map((u) => Number(u.id));
  }

  const R = 6371.0088;
  const rad = Math.PI / 180;
  const scan = (la, lo) => {
    const d = new Float64Array(n);
    const p1 = la * rad;
    for (let i = 0; i < n; i++) {
      const p2 = lat[i] * rad;
      const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(((lon[i] - lo) * rad) / 2) ** 2;
      d[i] = 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
    }
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => d[a] - d[b]);
    return order.slice(0, 10);
  };
  const js = [];
  let jsFirst;
  for (const [la, lo] of queries.slice(0, 10)) {
    t = performance.now();
    const o = scan(la, lo);
    js.push(performance.now() - t);
    jsFirst ??= o;
  }
  return { build, wasm: median(wasm), js: median(js), same: JSON.stringify(wasmFirst) === JSON.stringify(jsFirst), timerResolution: 0.1 };
}, n);
await browser.close();
server.close();
console.log(`browser, ${n} synthetic units: index built in ${r.build.toFixed(0)} ms; WebAssembly nearby (k=10, through the JS API) median ${(r.wasm * 1000).toFixed(0)} µs over 200 queries; JavaScript haversine scan + sort median ${r.js.toFixed(0)} ms over 10 queries; ratio ${(r.js / r.wasm).toFixed(0)}×; same 10 nearest: ${r.same}`);
console.log('(performance.now() in a page without cross-origin isolation is coarsened to 0.1 ms: the WebAssembly figure is a median of coarse samples)');
