// `make bench`: the full nearby module (www/pkg-nearby-full: the page's own
// module has no numeric way in and out) against the JavaScript library people use
// for the same search, kdbush + geokdbush (pinned dev-dependencies), in one
// headless Chromium page: building the index from the same positions, the 10
// nearest for the same queries (median per query, timed in batches), and
// whether both find the same 10 units. A plain scan of every unit is run too,
// only as a floor: it checks the answers and shows what an index saves.
//
//   node scripts/bench-nearby-browser.mjs [seed] [sizes, e.g. 1000,100000,1000000]
//
// The positions are uniform over Sweden's extent, from xorshift32 (32-bit
// integer arithmetic, period 2^32 − 1) with the seed printed; the run counts
// the distinct positions and stops if any repeats. The page is served with
// COOP/COEP headers, so that performance.now() is not coarsened to 0.1 ms.
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSize } from './sizes.mjs';
import { startServer } from './serve.mjs';

const seed = Number(process.argv[2] ?? 0x2545f491) >>> 0 || 1;
const sizes = (process.argv[3] ?? '1000,100000,1000000').split(',').map(Number);
const K = 10;
const QUERIES = 2000;

// Theirs, minified as a site would ship them; ours as the page loads them.
const peer = (
  await build({
    stdin: { contents: "export { default as KDBush } from 'kdbush'; export { around } from 'geokdbush';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  })
).outputFiles[0].contents;
const versions = ['kdbush', 'geokdbush'].map((p) => `${p} ${JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version}`).join(' + ');
const ours = { wasm: gzipSize(readFileSync('www/pkg-nearby-full/vardval_nearby_full_bg.wasm')), glue: gzipSize(readFileSync('www/pkg-nearby-full/vardval_nearby_full.js')) };

const root = mkdtempSync(join(tmpdir(), 'bench-nearby-'));
cpSync('www/pkg-nearby-full', join(root, 'pkg-nearby-full'), { recursive: true });
writeFileSync(join(root, 'peer.js'), peer);
writeFileSync(join(root, 'index.html'), '<!doctype html><title>nearby benchmark</title>');
writeFileSync(join(root, 'favicon.ico'), '');
const server = await startServer({ port: 0, root, csp: null, headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
const load = [loadavg()];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const page = await browser.newPage();
page.on('console', (m) => m.type() === 'error' && console.error(m.text()));
await page.goto(`http://127.0.0.1:${server.address().port}/`);

const rows = [];
try {
  for (const n of sizes) {
    rows.push(
      await page.evaluate(
        async ({ n, seed, K, QUERIES }) => {
          const mod = await import('./pkg-nearby-full/vardval_nearby_full.js');
          await mod.default();
          const { KDBush, around } = await import('./peer.js');

          // xorshift32 (Marsaglia): every step stays a 32-bit integer.
          let s = seed;
          const next = () => {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            return (s >>> 0) / 2 ** 32;
          };
          const draw = (count) => {
            const a = new Float64Array(2 * count);
            for (let i = 0; i < count; i++) {
              a[2 * i] = 55.3 + next() * 13.7;
              a[2 * i + 1] = 11.0 + next() * 13.0;
            }
            return a;
          };
          const positions = draw(n);
          const queries = draw(QUERIES);

          // Distinct positions: sorted by latitude, then longitude.
          const order = new Uint32Array(n).map((_, i) => i);
          order.sort((a, b) => positions[2 * a] - positions[2 * b] || positions[2 * a + 1] - positions[2 * b + 1]);
          let distinct = n > 0 ? 1 : 0;
          for (let i = 1; i < n; i++) {
            const a = order[i - 1];
            const b = order[i];
            if (positions[2 * a] !== positions[2 * b] || positions[2 * a + 1] !== positions[2 * b + 1]) distinct++;
          }

          const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
          // Builds taking turns, one sample each; small lists are built 20
          // times per sample (a build then takes tens of microseconds).
          const [builds, perSample] = n <= 1000 ? [51, 20] : n <= 100000 ? [11, 1] : [5, 1];
          let index;
          const build = {
            ours: () => mod.set_positions(positions),
            theirs: () => {
              index = new KDBush(n);
              for (let i = 0; i < n; i++) index.add(positions[2 * i + 1], positions[2 * i]);
              index.finish();
            },
          };
          const buildTimes = { ours: [], theirs: [] };
          for (let r = 0; r < builds; r++) {
            for (const [name, f] of Object.entries(build)) {
              const t0 = performance.now();
              for (let b = 0; b < perSample; b++) f();
              buildTimes[name].push((performance.now() - t0) / perSample);
            }
          }
          const [oursBuild, theirsBuild] = [median(buildTimes.ours), median(buildTimes.theirs)];

          // Queries: the same 2 000 for each, in batches of 100 timed together
          // (a query takes microseconds), five rounds taking turns; the median
          // of the batches' per-query means.
          const BATCH = 100;
          const queryTimes = { ours: [], theirs: [], json: [] };
          const run = {
            ours: (i) => mod.nearest_ids(queries[2 * i], queries[2 * i + 1], K),
            theirs: (i) => around(index, queries[2 * i + 1], queries[2 * i], K),
            json: (i) => mod.nearby({ from: { lat: queries[2 * i], lon: queries[2 * i + 1] }, k: K }),
          };
          for (const f of Object.values(run)) for (let i = 0; i < QUERIES; i++) f(i); // warm up
          for (let round = 0; round < 5; round++) {
            for (const [name, f] of Object.entries(run)) {
              for (let b = 0; b < QUERIES; b += BATCH) {
                const t0 = performance.now();
                for (let i = b; i < b + BATCH; i++) f(i);
                queryTimes[name].push(((performance.now() - t0) / BATCH) * 1000);
              }
            }
          }

          // Agreement: the same 10 units, as sets; where the sets differ, a
          // tie at the 10th place (equal distances) is no disagreement.
          const rad = Math.PI / 180;
          const km = (i, lat, lon) => {
            const p1 = lat * rad;
            const p2 = positions[2 * i] * rad;
            const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(((positions[2 * i + 1] - lon) * rad) / 2) ** 2;
            return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
          };
          const agreement = { sameOrder: 0, sameSet: 0, ties: 0, differ: 0, jsonSame: 0 };
          for (let q = 0; q < QUERIES; q++) {
            const [lat, lon] = [queries[2 * q], queries[2 * q + 1]];
            const a = [...run.ours(q)];
            const b = run.theirs(q);
            const json = run.json(q).units.map((u) => Number(u.id));
            if (json.join() === a.join()) agreement.jsonSame++;
            if (a.join() === b.join()) agreement.sameOrder++;
            const setA = new Set(a);
            if (a.length === b.length && b.every((i) => setA.has(i))) agreement.sameSet++;
            else {
              const dist = (ids) => ids.map((i) => km(i, lat, lon)).sort((x, y) => x - y);
              const [da, db] = [dist(a), dist(b)];
              if (da.length === db.length && da.every((d, i) => Math.abs(d - db[i]) < 1e-9)) agreement.ties++;
              else agreement.differ++;
            }
          }

          // The floor: every unit's distance, keeping the 10 nearest; over
          // fewer queries on the larger lists. Its answers are exact, so they
          // check ours too.
          const scan = (lat, lon) => {
            const best = [];
            for (let i = 0; i < n; i++) {
              const d = km(i, lat, lon);
              if (best.length < K || d < best[best.length - 1][0]) {
                let at = best.length;
                while (at > 0 && best[at - 1][0] > d) at--;
                best.splice(at, 0, [d, i]);
                if (best.length > K) best.pop();
              }
            }
            return best.map(([, i]) => i);
          };
          const scans = n <= 1000 ? 2000 : n <= 100000 ? 200 : 20;
          const scanTimes = [];
          let scanSame = 0;
          for (let q = 0; q < scans; q++) {
            const t0 = performance.now();
            const ids = scan(queries[2 * q], queries[2 * q + 1]);
            scanTimes.push((performance.now() - t0) * 1000);
            if (ids.join() === [...run.ours(q)].join()) scanSame++;
          }

          return {
            n,
            distinct,
            oursBuild,
            theirsBuild,
            builds: perSample > 1 ? `${builds}×${perSample}` : builds,
            ours: median(queryTimes.ours),
            theirs: median(queryTimes.theirs),
            json: median(queryTimes.json),
            scan: median(scanTimes),
            scans,
            scanSame,
            agreement,
            isolated: crossOriginIsolated,
          };
        },
        { n, seed, K, QUERIES },
      ),
    );
  }
} finally {
  load.push(loadavg());
  await browser.close();
  server.close();
  rmSync(root, { recursive: true, force: true });
}

const pad = (x, w) => String(x).padStart(w);
const ms = (x) => x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1);
const us = (x) => x.toFixed(2);
console.log(`nearby search in Chromium, k = ${K}, ${QUERIES} queries per size, positions and queries uniform over Sweden (55.3–69.0° N, 11–24° E) from xorshift32, seed ${seed}`);
console.log(`timer: ${rows.every((r) => r.isolated) ? 'cross-origin isolated (performance.now() at 5 µs)' : 'NOT isolated: performance.now() coarsened to 0.1 ms'}; load average (1 min) ${load[0][0].toFixed(2)} before, ${load[1][0].toFixed(2)} after, on ${cpus().length} cores`);
console.log('');
console.log(`${'units'.padStart(9)} │ ${'distinct'.padStart(9)} │ build ms: ${'ours'.padStart(7)} ${'geokdbush'.padStart(9)} │ query µs: ${'ours'.padStart(6)} ${'geokdbush'.padStart(9)} │ same 10 (of ${QUERIES}): set, order, tie, differ │ JSON nearby() µs │ floor: scan µs`);
for (const r of rows) {
  const a = r.agreement;
  console.log(
    `${pad(r.n, 9)} │ ${pad(r.distinct, 9)} │           ${pad(ms(r.oursBuild), 7)} ${pad(ms(r.theirsBuild), 9)} │           ${pad(us(r.ours), 6)} ${pad(us(r.theirs), 9)} │ ${pad(a.sameSet, 19)}, ${pad(a.sameOrder, 5)}, ${pad(a.ties, 3)}, ${pad(a.differ, 6)} │ ${pad(us(r.json), 16)} │ ${pad(r.scan.toFixed(0), 14)}`,
  );
}
console.log('');
console.log(`build: median of ${rows.map((r) => r.builds).join(' / ')} builds taking turns (51×20: 51 samples of 20 builds each) from the same Float64Array (ours: set_positions, one copy into the module; theirs: new KDBush, add, finish)`);
console.log('query: median over 100 batches of 100 queries (five rounds taking turns); ours through nearest_ids (a Uint32Array of indices), theirs through around(); "JSON nearby()" is the page\'s path: a query object in, the answer with each unit\'s fields out');
console.log(`floor: a scan of every unit (haversine, the 10 nearest kept), median over ${rows.map((r) => r.scans).join(' / ')} queries; same 10 as ours, in order: ${rows.map((r) => `${r.scanSame}/${r.scans}`).join(', ')}; the JSON answer names the same units in order as nearest_ids: ${rows.map((r) => `${r.agreement.jsonSame}/${QUERIES}`).join(', ')}`);
console.log(`size, gzip -9: ours ${ours.wasm + ours.glue} B (vardval_nearby_full_bg.wasm ${ours.wasm} + glue ${ours.glue}: the full build, whose set_positions and nearest_ids are timed); theirs ${gzipSize(peer)} B (${versions}, with tinyqueue, bundled and minified by esbuild)`);

const bad = rows.filter((r) => r.distinct !== r.n || r.agreement.differ > 0 || r.scanSame !== r.scans);
if (bad.length) {
  console.error(`FAILED: ${bad.map((r) => `${r.n} units: ${r.distinct} distinct, ${r.agreement.differ} queries with other units, ${r.scans - r.scanSame} scans disagree`).join('; ')}`);
  process.exit(1);
}
