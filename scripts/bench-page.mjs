// `make bench`: from navigation start to the first computed answer, in headless
// Chromium on this machine, local server, cold cache (a new browser context
// each run). The page opens with a fee question in its fragment, as a shared
// link would, so the time covers loading the page, the module and the data,
// compiling the module and computing the answer.
//
//   node scripts/bench-page.mjs [runs=10]
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const runs = Number(process.argv[2] ?? 10);
const server = await startServer({ port: 0, root: 'www' });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
const fragment = '#a=fees&situation.home=01&situation.age=40&fees.v0.date=2026-01-12&fees.v0.where=listed&fees.v0.mode=physical';
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/${fragment}`);
  await page.waitForSelector('#vk-fees-answer:not([hidden])');
  // The component marks the moment the answer is in the page.
  times.push(await page.evaluate(() => performance.getEntriesByName('vk-answer-fees')[0].startTime));
  await context.close();
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
console.log(`navigation → first answer (fees), ${runs} cold runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
