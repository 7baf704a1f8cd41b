// `make bench`: the page in headless Chromium on this machine, local server,
// cold cache (a new browser context each run). The page opens with a fee
// question in its fragment, as a shared link would:
//   - one visit: from navigation start to the first computed answer, which
//     covers loading the page, the module and the data, compiling the module
//     and computing the answer;
//   - 1 000 visits (the most a link may hold, D12): restoring them (from
//     reading the link to the answer in the page), and from navigation start
//     to the first frame drawn after it, while which the tab cannot be used.
//
//   node scripts/bench-page.mjs [runs=10]
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const runs = Number(process.argv[2] ?? 10);
const server = await startServer({ port: 0, root: 'www' });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });

/// A fee question with `count` doctor's visits at the own unit, dated over the last 300 days.
function link(count) {
  const p = new URLSearchParams({ a: 'fees', 'situation.home': '01', 'situation.age': '40' });
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.now() - (i % 300) * 86_400_000).toISOString().slice(0, 10);
    for (const [k, v] of [['date', day], ['where', 'listed'], ['who', 'doctor'], ['mode', 'physical']]) p.append(`fees.v${i}.${k}`, v);
  }
  return `#${p}`;
}

/// The component's marks (vk-restore, vk-answer-fees) and the first frame after the answer, in ms from navigation start, per run.
async function measure(fragment) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        if (list.getEntriesByName('vk-answer-fees').length) requestAnimationFrame(() => setTimeout(() => performance.mark('vk-drawn')));
      }).observe({ type: 'mark' });
    });
    await page.goto(`${origin}/${fragment}`);
    await page.waitForFunction(() => performance.getEntriesByName('vk-drawn').length, null, { timeout: 120_000 });
    out.push(await page.evaluate(() => Object.fromEntries(['vk-restore', 'vk-answer-fees', 'vk-drawn'].map((n) => [n, performance.getEntriesByName(n)[0].startTime]))));
    await context.close();
  }
  return out;
}

function report(label, times) {
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  console.log(`${label}, ${runs} cold runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
}

const one = await measure(link(1));
report('navigation → first answer (fees)', one.map((m) => m['vk-answer-fees']));
const many = await measure(link(1000));
report('shared link with 1 000 visits: restoring (link read → answer)', many.map((m) => m['vk-answer-fees'] - m['vk-restore']));
report('shared link with 1 000 visits: navigation → answer drawn', many.map((m) => m['vk-drawn']));
await browser.close();
server.close();
