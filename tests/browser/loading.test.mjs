// What the page fetches before it can answer, seen in Chromium's network log
// (cache disabled, so that a fetch that missed its preload shows as a second
// request): each file once, each asked for by the HTML itself (its preloads),
// so the first answer waits for one round trip after the HTML, not a chain;
// and no preload left unused or refused (Chromium warns of both).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sitePages } from '../../scripts/compress.mjs';
import { browserSuite, SCREENSHOTS, $id, fillSituation } from './harness.mjs';

const suite = browserSuite(`${SCREENSHOTS}/loading`);

/// Loads `path` in a new context; the requests (path, who asked) and the console's warnings.
async function load(path) {
  const { browser, origin } = suite.env;
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = [];
  const warnings = [];
  cdp.on('Network.requestWillBeSent', (e) => requests.push({ url: e.request.url.replace(origin, ''), initiator: e.initiator.url?.replace(origin, '') ?? e.initiator.type }));
  cdp.on('Log.entryAdded', (e) => warnings.push(e.entry.text));
  page.on('console', (m) => m.type() !== 'log' && warnings.push(m.text()));
  await cdp.send('Log.enable');
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(origin + path);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  // Chromium reports a preload not used "within a few seconds from the window's load event".
  await page.waitForTimeout(3_500);
  await context.close();
  return { requests, warnings };
}

// Every language's page, which holds the catalogue of its component's lang
// (www/page.html): the component reads it there and does not fetch it.
for (const { dir, lang } of sitePages()) {
  const path = `/${dir}`;
  test(`${path} asks for everything the first answer needs at once, each file once, and holds its text`, async () => {
    const { requests, warnings } = await load(path);
    const files = requests.map((r) => r.url);
    assert.deepEqual(files.toSorted(), [path, '/data/rulebooks.json', '/pkg/vardval_bg.wasm', '/style.css', '/vardval-kollen.js'].sort());
    const html = readFileSync(`www/${dir}index.html`, 'utf8');
    const held = html.match(/<script type="application\/json" data-src="([^"]+)">([^<]*)<\/script>/);
    assert.equal(new URL(held[1], `http://x${path}`).pathname, `/data/text-${lang}.json`);
    assert.deepEqual(JSON.parse(held[2]), JSON.parse(readFileSync(`www/data/text-${lang}.json`, 'utf8')), 'the same catalogue as the file');
    for (const r of requests.slice(1)) assert.equal(r.initiator, path, `${r.url} is asked for by the HTML, not found later`);
    assert.deepEqual(warnings, []);
  });
}

test('the iframe page preloads what does not depend on its link, each file once', async () => {
  const { requests, warnings } = await load('/embed.html?lang=en');
  const files = requests.map((r) => r.url);
  assert.deepEqual(files.toSorted(), ['/embed.html?lang=en', '/embed.js', '/data/rulebooks.json', '/data/text-en.json', '/pkg/vardval_bg.wasm', '/style.css', '/vardval-kollen.js'].sort());
  for (const f of ['/embed.js', '/pkg/vardval_bg.wasm', '/data/rulebooks.json']) assert.equal(requests.find((r) => r.url === f).initiator, '/embed.html?lang=en', f);
  assert.deepEqual(warnings, []);
});

test("the nearby search's part loads on first use; when it cannot, the search says so and the next one tries again", async () => {
  const page = await suite.env.open('/');
  assert.ok(!page.requests.some((u) => u.includes('nearby')), 'nothing of the nearby search before it is used');
  let refuse = true; // as a network that drops the request, on focus and on the search
  await page.route('**/vardval-kollen-nearby.js', (route) => (refuse ? route.abort() : route.continue()));
  const text = JSON.parse(readFileSync('www/data/text-sv.json', 'utf8'));
  await page.fill($id('vk-nearby.where'), '55320');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-notice');
  assert.equal(await page.textContent('#vk-nearby-answer .vk-notice'), text['ui.nearby.load_failed']);
  await page.locator('section:has(#vk-nearby)').screenshot({ path: `${SCREENSHOTS}/loading/sv-1280-nearby-part-not-loaded.png` });
  refuse = false;
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-answer-title');
  assert.ok((await page.locator('#vk-nearby-answer .vk-unit').count()) > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const width of [1280, 320]) {
  test(`the questions are drawn before the module is in, and a question asked then is answered once it has started (${width} px)`, async () => {
    const context = await suite.env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route('**/vardval_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${suite.env.origin}/`);
    await page.waitForSelector('#vk-fees button[type=submit]');
    assert.equal(await page.getAttribute('vardval-kollen', 'data-ready'), null, 'the module is still held back');
    await page.screenshot({ path: `${SCREENSHOTS}/loading/sv-${width}-before-the-module.png` });
    await fillSituation(page, { home: '01', age: 40 });
    await page.fill($id('vk-fees.v0.date'), '2026-03-02');
    await page.click('#vk-fees button[type=submit]');
    assert.ok(await page.locator('#vk-fees-answer').isHidden(), 'no answer without the module');
    release();
    await page.waitForSelector('#vk-fees-answer:not([hidden]) .vk-answer-title');
    assert.deepEqual(JSON.parse(await page.getAttribute('#vk-fees-answer', 'data-situation')).visits[0].date, '2026-03-02');
    await page.locator('#vk-fees-answer').screenshot({ path: `${SCREENSHOTS}/loading/sv-${width}-answered-after-the-module.png` });
    await context.close();
  });
}
