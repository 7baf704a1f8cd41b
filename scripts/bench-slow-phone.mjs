// `make bench`: the first answer on a slow phone. Chromium through the DevTools
// protocol with the CPU slowed 4× and the network of a poor mobile link
// (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), cold cache (a new
// context each run, the cache disabled before the first request), through
// `make run`'s server (scripts/serve.mjs, which serves the precompressed
// copies). The page opens with a fee question in its fragment, as a shared
// link would (scripts/bench-page.mjs), so it computes an answer as it loads.
//
// Printed: the time from navigation start to the answer (the component's
// `vk-answer-fees` mark), the bytes on the wire before it (encodedDataLength of
// every request finished by then, headers included), one run's requests, and
// the number of sequential round trips: the longest chain of requests each
// started only after the one before it had finished.
//
//   node scripts/bench-slow-phone.mjs [runs=10] [path=/]
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const runs = Number(process.argv[2] ?? 10);
const path = process.argv[3] ?? '/';
const SLOW_PHONE = { cpu: 4, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

const server = await startServer({ port: 0, root: 'www' });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const fragment = `#${new URLSearchParams({ a: 'fees', 'situation.home': '01', 'situation.age': '40', 'fees.v0.date': new Date().toISOString().slice(0, 10), 'fees.v0.where': 'listed', 'fees.v0.who': 'doctor', 'fees.v0.mode': 'physical' })}`;

/// One cold load: the answer's time and the requests (ms from the document's request).
async function load() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  const warnings = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    // A redirect reuses the id; the file is what the last request fetched.
    requests.set(e.requestId, { url: e.request.url, start: e.timestamp, wall: e.wallTime, finish: null, bytes: 0, encoding: '' });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.encoding = e.response.headers['Content-Encoding'] ?? e.response.headers['content-encoding'] ?? '';
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { finish: e.timestamp, bytes: e.encodedDataLength });
  });
  cdp.on('Log.entryAdded', (e) => warnings.push(e.entry.text));
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await cdp.send('Log.enable');
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_PHONE.latency, downloadThroughput: SLOW_PHONE.downloadThroughput, uploadThroughput: SLOW_PHONE.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpu });
  await page.goto(`${origin}${path}${fragment}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('vk-answer-fees').length, null, { timeout: 120_000, polling: 50 });
  const mark = await page.evaluate(() => ({ answer: performance.getEntriesByName('vk-answer-fees')[0].startTime, origin: performance.timeOrigin }));
  await context.close();
  // The protocol's timestamps are monotonic seconds; the document's request gives them a wall-clock origin.
  const all = [...requests.values()];
  const doc = all[0];
  const toPage = (t) => (doc.wall + (t - doc.start)) * 1000 - mark.origin;
  const before = all.filter((r) => r.finish != null && toPage(r.finish) <= mark.answer).map((r) => ({ ...r, start: toPage(r.start), finish: toPage(r.finish) }));
  // Round trips in a row: each request's depth is one more than the deepest request that had finished before it started.
  for (const r of before) r.depth = 1 + Math.max(0, ...before.filter((q) => q !== r && q.finish <= r.start).map((q) => q.depth ?? 0));
  return { answer: mark.answer, requests: before, notFinished: all.filter((r) => r.finish == null).map((r) => r.url), warnings, roundTrips: Math.max(...before.map((r) => r.depth)) };
}

const loads = [];
for (let i = 0; i < runs; i++) loads.push(await load());
await browser.close();
server.close();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median, min: s[0], max: s.at(-1) };
};
const time = stats(loads.map((l) => l.answer));
const bytes = stats(loads.map((l) => l.requests.reduce((a, r) => a + r.bytes, 0)));
console.log(`first answer on a slow phone (CPU ${SLOW_PHONE.cpu}× slower, ${(SLOW_PHONE.downloadThroughput * 8) / 1e6} Mbit/s down, ${SLOW_PHONE.latency} ms round trip, cold cache), ${path}, ${runs} runs:`);
console.log(`  navigation → answer: median ${time.median.toFixed(0)} ms, min ${time.min.toFixed(0)} ms, max ${time.max.toFixed(0)} ms`);
console.log(`  on the wire before the answer: median ${bytes.median} B, min ${bytes.min} B, max ${bytes.max} B (headers included)`);
// The run whose time is the median's (or just above it), request by request.
const shown = [...loads].sort((a, b) => a.answer - b.answer)[Math.floor(runs / 2)];
console.log(`  one run (answer at ${shown.answer.toFixed(0)} ms): ${shown.requests.length} requests, ${shown.roundTrips} round trips in a row (the document's included)`);
for (const r of shown.requests.sort((a, b) => a.start - b.start)) {
  console.log(`    ${String(r.bytes).padStart(7)} B  ${r.start.toFixed(0).padStart(5)} → ${r.finish.toFixed(0).padStart(5)} ms  trip ${r.depth}  ${(r.encoding || 'identity').padEnd(8)} ${r.url.replace(origin, '')}`);
}
const pending = [...new Set(loads.flatMap((l) => l.notFinished))];
if (pending.length) console.log(`  not finished at the answer: ${pending.join(', ')}`);
const warned = [...new Set(loads.flatMap((l) => l.warnings))];
if (warned.length) console.log(`  warnings: ${warned.join(' | ')}`);
