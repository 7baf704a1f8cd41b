// What the page fetches before it can answer, seen in Chromium's network log
// (cache disabled, so that a fetch that missed its preload shows as a second
// request): each file once, each asked for by the HTML itself (its preloads),
// so the first answer waits for one round trip after the HTML, not a chain;
// and no preload left unused or refused (Chromium warns of both). What the
// first answer does not need is fetched after it, and a person's action that
// needs it sooner waits for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sitePages } from '../../scripts/compress.mjs';
import { browserSuite, SCREENSHOTS, $id, fillSituation, swedishDay } from './harness.mjs';

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
    const { requests: all, warnings } = await load(path);
    // What the first answer does not need comes after it, asked for by the component:
    // the part loaded later and what the parts say (the page holds only the text the first answer needs).
    const later = ['/vardval-kollen-later.js', `/data/text-more-${lang}.json`];
    const requests = all.filter((r) => !later.includes(r.url));
    for (const f of later) assert.equal(all.find((r) => r.url === f)?.initiator, 'script', `${f}: asked for by the component, not the HTML`);
    const files = requests.map((r) => r.url);
    assert.deepEqual(files.toSorted(), [path, '/pkg/vardval_bg.wasm', '/style.css', '/vardval-kollen.js'].sort());
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
  assert.deepEqual(files.toSorted(), ['/embed.html?lang=en', '/embed.js', '/data/text-en.json', '/pkg/vardval_bg.wasm', '/style.css', '/vardval-kollen.js', '/vardval-kollen-later.js', '/data/text-more-en.json'].sort());
  for (const f of ['/embed.js', '/pkg/vardval_bg.wasm']) assert.equal(requests.find((r) => r.url === f).initiator, '/embed.html?lang=en', f);
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

// What the first answer does not need (www/vardval-kollen-later.js: the error
// summary, the share link, the calendar file, typed dates) loads once the
// component has started. A person's action that needs it before then waits
// for it and is carried out once it is in; it is never lost.

/// `path` in a new context with www/vardval-kollen-later.js held back until `release()` (or refused while `refuse()` says so).
async function openHoldingLater(path, { width = 1280, refuse = () => false } = {}) {
  const context = await suite.env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  let release;
  const held = new Promise((ok) => (release = ok));
  page.laterRequests = 0;
  await page.route('**/vardval-kollen-later.js', async (route) => {
    page.laterRequests += 1;
    if (refuse()) return route.abort();
    await held;
    await route.continue();
  });
  await page.goto(`${suite.env.origin}${path}`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  return { page, release };
}

test('a shared link to a fee question is answered without the part loaded later, which is asked for once the component has started', async () => {
  const fragment = new URLSearchParams({ a: 'fees', 'situation.home': '01', 'situation.age': '40', 'fees.v0.date': swedishDay(-3), 'fees.v0.where': 'listed', 'fees.v0.who': 'doctor', 'fees.v0.mode': 'physical' });
  const { page, release } = await openHoldingLater(`/#${fragment}`);
  await page.waitForSelector('#vk-fees-answer:not([hidden]) .vk-answer-title');
  assert.equal(page.laterRequests, 1, 'asked for at once, and still held back');
  release();
  await page.context().close();
});

for (const width of [1280, 320]) {
  test(`a question asked with a problem before the part loaded later is in shows its error summary once it is (${width} px)`, async () => {
    const { page, release } = await openHoldingLater('/', { width });
    await fillSituation(page, { home: '01' }); // no age
    await page.fill($id('vk-fees.v0.date'), '2026-03-02');
    await page.click('#vk-fees button[type=submit]');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.vk-error-summary').count(), 0, 'nothing yet: the summary is in the part held back');
    release();
    const summary = page.locator('#vk-fees-section .vk-error-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /ålder/);
    assert.equal(await page.evaluate(() => document.activeElement.className), 'vk-error-summary', 'focus on the summary, as after any submit');
    assert.equal(await page.getAttribute($id('vk-situation.age'), 'aria-invalid'), 'true');
    await page.screenshot({ path: `${SCREENSHOTS}/loading/sv-${width}-error-summary-after-the-later-part.png` });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('a date written in words before the part loaded later is in is read once it is', async () => {
  const { page, release } = await openHoldingLater('/');
  await fillSituation(page, { home: '01', age: 40 });
  await page.fill($id('vk-fees.v0.date'), '2 mars 2026');
  await page.click('#vk-fees button[type=submit]');
  await page.waitForTimeout(300);
  assert.ok(await page.locator('#vk-fees-answer').isHidden(), 'no answer yet');
  release();
  await page.waitForSelector('#vk-fees-answer:not([hidden]) .vk-answer-title');
  assert.equal(JSON.parse(await page.getAttribute('#vk-fees-answer', 'data-situation')).visits[0].date, '2026-03-02');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('when the part loaded later cannot load, the question says so, and the next try loads it', async () => {
  let refusing = true;
  const { page, release } = await openHoldingLater('/', { refuse: () => refusing });
  release();
  const text = JSON.parse(readFileSync('www/data/text-sv.json', 'utf8'));
  await page.click('#vk-fees button[type=submit]');
  await page.waitForSelector('#vk-fees-answer:not([hidden]) .vk-notice');
  assert.equal(await page.textContent('#vk-fees-answer .vk-notice'), text['ui.answer_failed']);
  assert.equal(await page.getAttribute('#vk-fees-answer .vk-notice', 'role'), 'alert');
  refusing = false;
  await page.click('#vk-fees button[type=submit]');
  await page.locator('#vk-fees-section .vk-error-summary').waitFor();
  assert.ok(await page.locator('#vk-fees-answer').isHidden(), 'the notice goes with the answer box');
  // The share link's panel, from the same part.
  await page.click('.vk-share button[aria-controls]');
  await page.waitForSelector('.vk-share-link');
  assert.match(await page.inputValue('.vk-share-link'), /#a=/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// What the parts loaded later say is not in the page (data/text-more-LANG.json,
// src/page.rs): fetched with them, and a part is in only once its text is.
test('when what the parts loaded later say cannot load, a question with problems and a search say so, and the next try loads it', async () => {
  const context = await suite.env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  let refusing = true;
  let asked = 0;
  await page.route('**/data/text-more-sv.json', (route) => {
    asked += 1;
    return refusing ? route.abort() : route.continue();
  });
  await page.goto(`${suite.env.origin}/`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  const text = JSON.parse(readFileSync('www/data/text-sv.json', 'utf8'));
  const more = JSON.parse(readFileSync('www/data/text-more-sv.json', 'utf8'));
  await fillSituation(page, { home: '01' }); // no age
  await page.fill($id('vk-fees.v0.date'), '2026-03-02');
  await page.click('#vk-fees button[type=submit]');
  await page.waitForSelector('#vk-fees-answer:not([hidden]) .vk-notice');
  assert.equal(await page.textContent('#vk-fees-answer .vk-notice'), text['ui.answer_failed']);
  await page.fill($id('vk-nearby.where'), '41319');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-notice');
  assert.equal(await page.textContent('#vk-nearby-answer .vk-notice'), text['ui.nearby.load_failed']);
  assert.ok(asked >= 2, `asked for again on each try (${asked} times)`);
  refusing = false;
  await page.click('#vk-fees button[type=submit]');
  const summary = page.locator('#vk-fees-section .vk-error-summary');
  await summary.waitFor();
  assert.equal(await summary.locator('h3').innerText(), more['ui.error_summary']);
  assert.match(await summary.innerText(), /ålder/);
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-answer-title');
  assert.doesNotMatch(await page.locator('#vk-nearby-answer').innerText(), /ui\./, 'no key shown for a label');
  assert.deepEqual(page.errors, []);
  await context.close();
});
