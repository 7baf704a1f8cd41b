// Embedding and offline: two components and an iframe on a host page of
// another origin, a strict Content Security Policy, the one-file offline copy
// from file:// with the network blocked, and the hosted site with the server
// stopped after one visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, CSP } from '../../scripts/serve.mjs';
import { SCREENSHOTS, swedishDay, launch, record, cli, assertNoAxeViolations } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/embedding`;
let browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
});
// Servers a failed test left open would keep the test run from ending.
const open = new Set();
after(async () => {
  await browser?.close();
  for (const server of open) server.close();
});

/// `root` on a free port; the site's policy unless `csp` says otherwise (null: a host page's own, with inline script).
async function serve(root, { headers, csp } = {}) {
  const server = await startServer({ port: 0, root, headers, csp });
  open.add(server);
  const close = () => new Promise((ok) => server.close(ok)).then(() => open.delete(server));
  return { server, origin: `http://127.0.0.1:${server.address().port}`, close };
}

/// Answers the relisting and fee questions in the component with id prefix `p`:
/// first "Din situation" (listed, 40 years; the home region unless the host chose it).
async function answerBoth(page, p = 'vk', home = '13') {
  const at = (name) => `[id="${p}-${name}"]`;
  if (!(await page.inputValue(at('situation.home')))) await page.selectOption(at('situation.home'), home);
  await page.check(at('situation.listed'));
  await page.fill(at('situation.age'), '40');
  await page.fill(at('relist.c0.date'), swedishDay(-30));
  await page.click(`#${p}-relist button[type=submit]`);
  await page.waitForSelector(`#${p}-relist-answer:not([hidden]) .vk-answer-title`);
  await page.fill(at('fees.v0.date'), swedishDay(-3));
  await page.click(`#${p}-fees button[type=submit]`);
  await page.waitForSelector(`#${p}-fees-answer:not([hidden]) .vk-answer-title`);
  return [await page.locator(`#${p}-relist-answer .vk-answer-title`).innerText(), await page.locator(`#${p}-fees-answer .vk-answer-title`).innerText()];
}

test('a host page of another origin: two components and an iframe that sizes itself', async () => {
  const app = await serve('www');
  // The host page is on another origin (localhost, not 127.0.0.1).
  const hostDir = mkdtempSync(join(tmpdir(), 'vardval-host-'));
  const port = app.server.address().port;
  const appOrigin = `http://127.0.0.1:${port}`;
  const host = await serve(hostDir, { csp: null });
  const hostOrigin = `http://localhost:${host.server.address().port}`;
  writeFileSync(
    join(hostDir, 'index.html'),
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Region</title>
<link rel="stylesheet" href="${appOrigin}/style.css"><script type="module" src="${appOrigin}/vardval-kollen.js"></script></head><body>
<h1>Region</h1>
<vardval-kollen region="01" lang="sv"></vardval-kollen>
<vardval-kollen region="24" lang="en"></vardval-kollen>
<iframe id="vardvalskollen" title="Vårdvalskollen" src="${appOrigin}/embed.html?region=13&amp;lang=sv&amp;parent=${hostOrigin}" style="width:100%;height:300px;border:0"></iframe>
<script>
addEventListener('message', function (e) {
  if (e.origin !== '${appOrigin}' || !e.data || e.data.type !== 'vardvalskollen:height') return;
  document.getElementById('vardvalskollen').style.height = e.data.height + 'px';
});
</script></body></html>`,
  );
  const page = await browser.newPage();
  record(page);
  await page.goto(`${hostOrigin}/index.html`);
  await page.waitForFunction(() => document.querySelectorAll('vardval-kollen[data-ready="true"]').length === 2);
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('vardval-kollen')].map((c) => c.querySelector('h2:not(.vk-contents-title)').id)), ['vk-situation-heading', 'vk2-situation-heading']);
  const [relistSv] = await answerBoth(page, 'vk');
  const [, feesEn] = await answerBoth(page, 'vk2');
  assert.equal(await page.locator('[id="vk-situation.listed"]').isChecked(), true, "answering in the second component leaves the first one's radios as they were");
  assert.match(relistSv, /^Ja, du kan byta/);
  assert.match(feesEn, /^Your visit costs 300/, 'Västerbotten in English: 300 kr (a doctor at a vårdcentral since 2024-01-01)');
  assert.equal(await page.locator('#vk-fees-answer .vk-answer-title').innerText(), 'Ditt besök kostar 275\u00a0kr.', 'the first keeps Stockholm and Swedish');
  assert.deepEqual(await page.evaluate(() => Object.keys(window).filter((k) => /vard|wasm|evaluate/i.test(k))), [], 'no globals');

  // The iframe: its height follows its content.
  const frame = page.frameLocator('#vardvalskollen');
  await frame.locator('vardval-kollen[data-ready="true"]').waitFor();
  await page.waitForFunction(() => parseInt(document.getElementById('vardvalskollen').style.height, 10) > 1000);
  const before = await page.evaluate(() => parseInt(document.getElementById('vardvalskollen').style.height, 10));
  await frame.locator('[id="vk-situation.listed"]').check();
  await frame.locator('[id="vk-relist.c0.date"]').fill(swedishDay(-30));
  await frame.locator('#vk-relist button[type=submit]').click();
  await frame.locator('#vk-relist-answer:not([hidden])').waitFor();
  await page.waitForFunction((b) => parseInt(document.getElementById('vardvalskollen').style.height, 10) > b, before);
  const grown = await page.evaluate(() => parseInt(document.getElementById('vardvalskollen').style.height, 10));
  const content = await frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height));
  assert.equal(grown, content, 'the frame is as tall as its content');
  // A message from another origin (the host page's own) is ignored.
  await page.evaluate(() => window.postMessage({ type: 'vardvalskollen:height', height: 5 }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => parseInt(document.getElementById('vardvalskollen').style.height, 10)), grown);
  await page.screenshot({ path: `${SHOTS}/host-page.png`, fullPage: true });

  for (const url of page.requests) assert.ok(url.startsWith(appOrigin) || url.startsWith(hostOrigin), `request to a third origin: ${url}`);
  assert.deepEqual(page.errors, []);
  await page.close();
  await host.close();
  await app.close();
});

// Every state under the site's policy: tests/browser/csp.test.mjs.
test('under a policy without wasm-unsafe-eval, the rules are shown as text with a note to the editor', async () => {
  const noWasm = await serve('www', { csp: CSP.replace(" 'wasm-unsafe-eval'", '') });
  const p2 = await browser.newPage();
  await p2.goto(`${noWasm.origin}/`);
  await p2.waitForSelector('vardval-kollen[data-ready="fallback"]');
  assert.match(await p2.locator('.vk-editor-note').innerText(), /wasm-unsafe-eval/);
  assert.match(await p2.locator('.vk-static').innerText(), /högst 2 gånger under tolv månader/);
  assert.equal(await p2.locator('vardval-kollen form').count(), 0, 'no questions that cannot answer');
  await p2.screenshot({ path: `${SHOTS}/csp-without-wasm.png`, fullPage: true });
  await p2.close();
  await noWasm.close();
});

test('the one-file copy answers from file:// with every request blocked', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  record(page);
  await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
  await page.goto(`file://${resolve('dist/vardvalskollen.html')}`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  const [relist, fees] = await answerBoth(page);
  assert.match(relist, /^Ja, du kan byta/);
  assert.match(fees, /^Ditt besök kostar 200/);
  await page.fill('[id="vk-nearby.where"]', '413 19');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer .vk-unit');
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request at all');
  assert.deepEqual(page.errors, []);
  await page.screenshot({ path: `${SHOTS}/offline-file.png`, fullPage: true });
  await context.close();
});

test('a one-file copy in each other language answers in it from file://, with every request blocked', async () => {
  for (const [name, lang, htmlLang, dir] of [['en', 'en', 'en', 'ltr'], ['ar', 'ar', 'ar', 'rtl'], ['fi', 'fi', 'fi', 'ltr'], ['lattlast', 'sv-x-easy', 'sv', 'ltr']]) {
    // The translation note is the page's, not the component's (its catalogue: i18n/page.LANG.json).
    const text = JSON.parse(readFileSync(`i18n/page.${lang}.json`, 'utf8'));
    for (const width of [1280, 320]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      record(page);
      await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
      await page.goto(`file://${resolve(`dist/vardvalskollen-${name}.html`)}`);
      await page.waitForSelector('vardval-kollen[data-ready="true"]');
      assert.equal(await page.getAttribute('html', 'lang'), htmlLang);
      assert.equal(await page.getAttribute('html', 'dir'), dir);
      assert.equal(await page.getAttribute('vardval-kollen', 'lang'), lang);
      // One language a file: no menu of pages it does not hold; the original named, not linked.
      assert.equal(await page.locator('.vk-langs').count(), 0);
      assert.equal((await page.locator('.vk-translation').innerText()).trim(), `${text['ui.translation.note']} ${text['ui.translation.original']}`);
      assert.equal(await page.locator('.vk-translation a').count(), 0);
      const [relist, fees] = await answerBoth(page);
      for (const [shown, section, box] of [[relist, 'listing', 'relist'], [fees, 'fees', 'fees']]) {
        const situation = JSON.parse(await page.getAttribute(`#vk-${box}-answer`, 'data-situation'));
        assert.equal(situation.lang, lang);
        assert.equal(shown, cli(situation)[section].headline, `${name} ${section}`);
      }
      await page.fill('[id="vk-nearby.where"]', '413 19');
      await page.click('#vk-nearby button[type=submit]');
      await page.waitForSelector('#vk-nearby-answer .vk-unit');
      await assertNoAxeViolations(page, `offline ${name} ${width}`);
      assert.deepEqual(page.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no request at all');
      assert.deepEqual(page.errors, []);
      await page.locator('#vk-fees-answer').evaluate((e) => e.scrollIntoView());
      await page.screenshot({ path: `${SHOTS}/offline-file-${name}-${width}.png` });
      await context.close();
    }
  }
});

test('the hosted site, loaded once, answers again with the server stopped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vardval-site-'));
  execFileSync('python3', ['-c', 'import shutil,sys; shutil.unpack_archive(sys.argv[1], sys.argv[2])', 'dist/vardvalskollen-site.zip', dir]);
  const site = await serve(dir);
  const context = await browser.newContext();
  const page = await context.newPage();
  record(page);
  await page.goto(`${site.origin}/`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now under the service worker's control
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller));
  for (const url of page.requests) assert.ok(url.startsWith(site.origin), url);
  await site.close();
  await page.reload();
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  const [relist, fees] = await answerBoth(page);
  assert.match(relist, /^Ja, du kan byta/);
  assert.match(fees, /^Ditt besök kostar 200/);
  await context.close();
});

test("a region's own units and fees, under a strict CSP on its own page", async () => {
  const app = await serve('www');
  const appOrigin = app.origin;
  const hostDir = mkdtempSync(join(tmpdir(), 'vardval-region-'));
  writeFileSync(join(hostDir, 'units-13.csv'), 'id,name,lat,lon,region,municipality,list_closed,url\nh1,Vårdcentralen Hamnen,56.6745,12.8578,13,1380,false,https://hamnen.example/\nh2,<b>Vårdcentralen</b> Slottet,56.6700,12.8600,13,1380,true,\n');
  writeFileSync(join(hostDir, 'rules-13.json'), readFileSync('tests/fixtures/override-halland.json'));
  writeFileSync(
    join(hostDir, 'index.html'),
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Region Halland</title>
<link rel="stylesheet" href="${appOrigin}/style.css"><script type="module" src="${appOrigin}/vardval-kollen.js"></script></head><body>
<vardval-kollen region="13" lang="sv" units-src="units-13.csv" rules-src="rules-13.json"></vardval-kollen></body></html>`,
  );
  const csp = `default-src 'self' ${appOrigin}; script-src 'self' ${appOrigin} 'wasm-unsafe-eval'; style-src 'self' ${appOrigin}; img-src 'self' data:`;
  const host = await serve(hostDir, { csp });
  const page = await browser.newPage();
  record(page);
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${host.origin}/index.html`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  const [, fees] = await answerBoth(page);
  assert.match(fees, /^Ditt besök kostar 250/, "the region's own fee");
  const feesAnswer = await page.locator('#vk-fees-answer').innerText();
  assert.match(feesAnswer, /uppgift från 2026-01-01/);
  // What only an answer under an override says is in the second catalogue, handed
  // to the module before it read the override: in words, not keys.
  assert.match(feesAnswer, /Högkostnadsskyddet kommer från en regions ändringar av de nationella reglerna\. Källa: Region Halland: patientavgifter 2026/);
  assert.doesNotMatch(await page.locator('vardval-kollen').innerText(), /\b(regional|param|rulebook|warning)\.\w/);
  await page.fill('[id="vk-nearby.where"]', 'Halmstad');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer .vk-unit');
  const names = await page.locator('#vk-nearby-answer .vk-unit-name').allInnerTexts();
  assert.deepEqual(names.sort(), ['<b>Vårdcentralen</b> Slottet', 'Vårdcentralen Hamnen'], "the region's own list, markup shown as text");
  assert.equal(await page.locator('#vk-nearby-answer b').count(), 0, 'no markup from the data');
  // A region's own list: no OpenStreetMap warning, no count against 1177's, the statuses it has.
  const section = await page.locator('#vk-nearby-section').innerText();
  assert.doesNotMatch(section, /OpenStreetMap/);
  assert.doesNotMatch(section, /Listan har/);
  assert.match(section, /Tar emot nya patienter: ja \(öppen lista\)/);
  assert.match(section, /Tar emot nya patienter: nej \(stängd lista\)/);
  assert.doesNotMatch(section, /Vi vet inte/, 'every status is known: nothing said about unknown ones');
  assert.equal(await page.locator('#vk-nearby-answer a:has-text("Webbplats för Vårdcentralen Hamnen")').getAttribute('href'), 'https://hamnen.example/');
  // The list has statuses, so "only open lists" is offered, unchecked; checked, it leaves out the closed one.
  const onlyOpen = page.locator('[id="vk-nearby.only_open"]');
  assert.ok(await onlyOpen.isVisible());
  assert.equal(await onlyOpen.isChecked(), false);
  await onlyOpen.check();
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#vk-nearby-answer .vk-unit').length === 1);
  assert.deepEqual(await page.locator('#vk-nearby-answer .vk-unit-name').allInnerTexts(), ['Vårdcentralen Hamnen']);
  assert.equal(JSON.parse(await page.getAttribute('#vk-nearby-answer', 'data-situation')).only_open_lists, true);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(page.errors, []);
  await page.close();
  await host.close();
  await app.close();
});

// --- units and fees named by a link (D3) ------------------------------------------

const HALLAND_UNITS = 'id,name,lat,lon,region,municipality,list_closed,url\nh1,Vårdcentralen Hamnen,56.6745,12.8578,13,1380,false,https://hamnen.example/\nh2,Vårdcentralen Slottet,56.6700,12.8600,13,1380,true,\n';
const CRAFTED_UNITS = 'id,name,lat,lon,region,municipality,list_closed,url\nx1,Ring 0900-123 45 för tid,56.6745,12.8578,13,1380,false,\n';
const CRAFTED_RULES = JSON.stringify({ regions: { 13: { doctor_visit_kr: 5, fee_as_of: '2026-01-01', source_fee: 'regionhalland.se/avgifter' } } });

/// The built site with `files` beside it, as a region that hosts its own copy would have it.
function siteWith(files) {
  const dir = mkdtempSync(join(tmpdir(), 'vardval-site-'));
  for (const name of readdirSync('www')) symlinkSync(resolve('www', name), join(dir, name));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/// A folder of `files` on an origin of its own.
async function otherOrigin(files) {
  const dir = mkdtempSync(join(tmpdir(), 'vardval-other-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return serve(dir, { csp: null });
}

/// Halmstad's nearest units in the component, and whether the OpenStreetMap note is shown.
async function unitsNearHalmstad(page) {
  await page.fill('[id="vk-nearby.where"]', 'Halmstad');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer .vk-unit');
  return page.locator('#vk-nearby-answer .vk-unit-name').allInnerTexts();
}

test('embed.html takes units and fees named in its link only from its own origin, and says so', async () => {
  const app = await serve(siteWith({ 'units-13.csv': HALLAND_UNITS, 'rules-13.json': readFileSync('tests/fixtures/override-halland.json') }));
  const crafted = await otherOrigin({ 'units.csv': CRAFTED_UNITS, 'rules.json': CRAFTED_RULES });
  const q = (params) => `${app.origin}/embed.html?${new URLSearchParams({ region: '13', ...params })}`;

  // A crafted link: another origin's units and fees are not fetched, and the page says why.
  for (const width of [1280, 320]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    record(page);
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto(q({ 'units-src': `${crafted.origin}/units.csv`, 'rules-src': `${crafted.origin}/rules.json` }));
    await page.waitForSelector('vardval-kollen[data-ready="true"]');
    const notes = await page.locator('.vk-source-refused').allInnerTexts();
    assert.equal(notes.length, 2);
    assert.ok(notes.some((t) => /^Länken till den här sidan ville att den skulle visa vårdcentraler från en annan webbplats\. Det gör sidan inte/.test(t)), notes.join(' | '));
    assert.ok(notes.some((t) => /räkna med avgifter och regler från en annan webbplats\. .* Svaren här bygger på sidans egna uppgifter\.$/.test(t)), notes.join(' | '));
    assert.ok(!notes.join(' ').includes(crafted.origin.slice(7)), "the link's address is not shown to the person");
    await page.screenshot({ path: `${SHOTS}/refused-source-${width}.png` });
    if (width === 320) {
      await page.close();
      continue;
    }
    const [, fees] = await answerBoth(page);
    assert.match(fees, /^Ditt besök kostar 200/, "Halland's own fee for a doctor's visit, not the link's 5 kr");
    const names = await unitsNearHalmstad(page);
    assert.ok(!names.some((n) => /Ring 0900/.test(n)), names.join(', '));
    assert.match(await page.locator('#vk-nearby-section').innerText(), /OpenStreetMap/, 'the bundled list, with its note');
    assert.deepEqual(page.requests.filter((u) => !u.startsWith(app.origin)), [], 'nothing fetched from the other origin');
    assert.equal(consoleErrors.filter((t) => /(units|rules)-src from the link was refused: only files of http:\/\/127\.0\.0\.1:\d+ are used/.test(t)).length, 2, consoleErrors.join('\n'));
    assert.deepEqual(page.errors, []);
    await page.close();
  }

  // Other ways of naming another origin are refused alike.
  for (const src of [`//127.0.0.1:${crafted.server.address().port}/units.csv`, `data:text/csv,${encodeURIComponent(CRAFTED_UNITS)}`, `http://localhost:${app.server.address().port}/units-13.csv`]) {
    const page = await browser.newPage();
    await page.goto(q({ 'units-src': src }));
    await page.waitForSelector('vardval-kollen[data-ready="true"]');
    assert.equal(await page.locator('.vk-source-refused[data-source="units-src"]').count(), 1, src);
    await page.close();
  }

  // The page's own files, named relative or in full: used, with no note.
  const page = await browser.newPage();
  record(page);
  await page.goto(q({ 'units-src': 'units-13.csv', 'rules-src': `${app.origin}/rules-13.json` }));
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  assert.equal(await page.locator('.vk-source-refused').count(), 0);
  const [, fees] = await answerBoth(page);
  assert.match(fees, /^Ditt besök kostar 250/, "the region's own fee from its file");
  assert.deepEqual((await unitsNearHalmstad(page)).sort(), ['Vårdcentralen Hamnen', 'Vårdcentralen Slottet']);
  assert.deepEqual(page.errors, []);
  await page.close();
  await crafted.close();
  await app.close();
});

// The engine's error messages are in the second catalogue (data/text-more-LANG.json):
// the component hands it to the module before it reads a region's rules.
test("a region's rules with a problem are not used, and the editor's note says why in words", async () => {
  const app = await serve(siteWith({ 'rules-13.json': JSON.stringify({ parameters: { 'fees.ceiling_maxx': [] } }) }));
  const page = await browser.newPage();
  record(page);
  await page.goto(`${app.origin}/embed.html?${new URLSearchParams({ region: '13', 'rules-src': 'rules-13.json' })}`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  const note = await page.locator('.vk-editor-note').innerText();
  assert.match(note, /^Till webbredaktören: .*: rulebook\.override\.parameters\.fees\.ceiling_maxx: rulebook\.override\.parameters\.fees\.ceiling_maxx är ingen känd parameter\. Möjliga: relisting\.limit/, note);
  assert.doesNotMatch(note, /error\.|type\./, 'no key shown as text');
  const [, fees] = await answerBoth(page);
  assert.match(fees, /^Ditt besök kostar 200/, "the built-in fees, not the region's file");
  assert.deepEqual(page.errors, []);
  await page.close();
  await app.close();
});

test('a host page that sets units-src and rules-src itself may name another origin', async () => {
  const app = await serve('www');
  const files = await otherOrigin({ 'units-13.csv': HALLAND_UNITS, 'rules-13.json': readFileSync('tests/fixtures/override-halland.json') });
  const hostDir = mkdtempSync(join(tmpdir(), 'vardval-host-'));
  writeFileSync(
    join(hostDir, 'index.html'),
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Region Halland</title>
<link rel="stylesheet" href="${app.origin}/style.css"><script type="module" src="${app.origin}/vardval-kollen.js"></script></head><body>
<vardval-kollen region="13" lang="sv" units-src="${files.origin}/units-13.csv" rules-src="${files.origin}/rules-13.json"></vardval-kollen></body></html>`,
  );
  // The host's own policy names the component's origin and the files' origin.
  const host = await serve(hostDir, { csp: `default-src 'self'; script-src ${app.origin} 'wasm-unsafe-eval'; style-src ${app.origin}; img-src 'self' data:; connect-src ${app.origin} ${files.origin}` });
  const page = await browser.newPage();
  record(page);
  await page.goto(`${host.origin}/index.html`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  assert.equal(await page.locator('.vk-source-refused').count(), 0);
  const [, fees] = await answerBoth(page);
  assert.match(fees, /^Ditt besök kostar 250/);
  assert.deepEqual((await unitsNearHalmstad(page)).sort(), ['Vårdcentralen Hamnen', 'Vårdcentralen Slottet']);
  assert.deepEqual(page.errors, []);
  await page.close();
  await host.close();
  await files.close();
  await app.close();
});
