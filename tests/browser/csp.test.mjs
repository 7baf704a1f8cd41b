// The Content Security Policy (D3): every page the site serves carries it, as
// scripts/serve.mjs's header and in its own HTML; the one-file copy carries a
// stricter one of its own; and the page works under it in every state with
// not one violation, in the page or in a frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, CSP } from '../../scripts/serve.mjs';
import { launch, swedishDay, SCREENSHOTS, $id, fillSituation } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/csp`;
const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;
let browser;
let site;
let origin;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  site = await startServer({ port: 0, root: 'www' });
  origin = `http://127.0.0.1:${site.address().port}`;
});
after(async () => {
  await browser?.close();
  site?.close();
});

/// A context whose pages and frames report each policy violation and each console error.
async function watchedContext() {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const seen = { violations: [], consoleErrors: [] };
  await context.exposeBinding('vkViolation', ({ frame }, text) => seen.violations.push(`${frame.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.vkViolation(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  context.on('console', (m) => m.type() === 'error' && seen.consoleErrors.push(m.text()));
  context.on('weberror', (e) => seen.consoleErrors.push(String(e.error())));
  return { context, seen };
}

/// The policy is in force where `page` is: an inline script is refused (and reported).
async function assertEnforced(page, seen) {
  const before = seen.violations.length;
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.vkInlineRan = true';
    document.head.append(s);
    await new Promise((ok) => setTimeout(ok, 100));
    return window.vkInlineRan === true;
  });
  assert.equal(ran, false, 'an inline script ran');
  assert.ok(seen.violations.length > before, 'the refusal was reported');
  seen.violations.length = before;
  seen.consoleErrors = seen.consoleErrors.filter((t) => !/Content Security Policy/.test(t));
}

test('every page the site serves carries the policy, as a header and in its HTML', async () => {
  for (const path of ['/', '/en/', '/embed.html']) {
    const response = await fetch(origin + path);
    assert.equal(response.headers.get('content-security-policy'), CSP, path);
    assert.equal(META.exec(await response.text())?.[1], CSP, `${path}: <meta>`);
  }
  // A policy governs documents and workers only (the component starts no worker): the scripts, module, data and style go without it.
  for (const path of ['/vardval-kollen.js', '/vardval-kollen-later.js', '/pkg/vardval_bg.wasm', '/data/text-sv.json', '/data/text-more-sv.json', '/style.css']) assert.equal((await fetch(origin + path)).headers.get('content-security-policy'), null, path);
  // The zipped site: the same pages, the same policy.
  const dir = mkdtempSync(join(tmpdir(), 'vardval-zip-'));
  execFileSync('python3', ['-c', 'import shutil,sys; shutil.unpack_archive(sys.argv[1], sys.argv[2])', 'dist/vardvalskollen-site.zip', dir]);
  for (const page of ['index.html', 'en/index.html', 'embed.html']) assert.equal(META.exec(readFileSync(join(dir, page), 'utf8'))?.[1], CSP, `zip: ${page}`);
});

test('the one-file copy allows only its own inline script and style, by their hashes', () => {
  const html = readFileSync('dist/vardvalskollen.html', 'utf8');
  const policy = META.exec(html)?.[1];
  const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const inline = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
  assert.equal(inline('script').length, 1);
  assert.equal(inline('style').length, 1);
  assert.equal(policy, `default-src 'none'; script-src ${hash(inline('script')[0])} 'wasm-unsafe-eval'; style-src ${hash(inline('style')[0])}; img-src data:; base-uri 'none'; form-action 'none'`);
  assert.doesNotMatch(html, /\sstyle="/, 'no style attribute');
});

test('not one violation in any state: questions, map, share link, language switch, embed, offline copy', async () => {
  const { context, seen } = await watchedContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  // "Din situation", and the relisting question with two changes this year: not now, a date and a calendar file.
  await fillSituation(page, { home: '01', listed: 'yes', unitRegion: '01', age: 40 });
  await page.fill($id('vk-relist.c0.date'), swedishDay(-200));
  await page.click('#vk-relist button:has-text("Lägg till ett byte")');
  await page.locator('#vk-relist .vk-row input').nth(1).fill(swedishDay(-30));
  await page.click('#vk-relist button[type=submit]');
  await page.waitForSelector('#vk-relist-answer:not([hidden])');
  await Promise.all([page.waitForEvent('download'), page.click('#vk-relist-answer button:has-text("Lägg till i kalender")')]);
  // Fees, with the other regions opened; the fixed doctor and the guarantee.
  await page.fill($id('vk-fees.v0.date'), swedishDay(-3));
  await page.click('#vk-fees button[type=submit]');
  await page.waitForSelector('#vk-fees-answer:not([hidden])');
  await page.click('#vk-fees-answer .vk-regions-details summary');
  await page.click('#vk-doctor button[type=submit]');
  await page.waitForSelector('#vk-doctor-answer:not([hidden])');
  // An error summary, then nearby units with the map, all of them, one chosen.
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-section .vk-error-summary');
  await page.fill($id('vk-nearby.where'), '413 19');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer svg.vk-map circle');
  await page.click('#vk-nearby-answer button:has-text("Visa fler")');
  await page.locator('#vk-nearby-answer .vk-unit button').first().click();
  await page.screenshot({ path: `${SHOTS}/answered.png`, fullPage: true });
  // The share link, opened in another tab.
  await page.click('button:has-text("Dela eller spara svaret")');
  await page.click('button:has-text("Kopiera länken")');
  const link = await page.inputValue($id('vk-share-link'));
  const shared = await context.newPage();
  await shared.goto(link);
  await shared.waitForSelector('#vk-fees-answer:not([hidden])');
  await shared.waitForSelector('#vk-nearby-answer svg.vk-map circle');
  await assertEnforced(shared, seen);
  await shared.close();
  // The language switch, carrying the answers.
  await Promise.all([page.waitForURL(/\/en\/$/), page.click('.vk-langs a[hreflang=en]')]);
  await page.waitForSelector('#vk-doctor-answer:not([hidden])');
  await assertEnforced(page, seen);
  // The iframe page, in a host page of another origin, and a link whose units are refused.
  const hostDir = mkdtempSync(join(tmpdir(), 'vardval-host-'));
  writeFileSync(join(hostDir, 'index.html'), `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body><iframe title="Vårdvalskollen" src="${origin}/embed.html?region=13&amp;lang=sv&amp;parent=http://localhost"></iframe></body></html>`);
  const host = await startServer({ port: 0, root: hostDir, csp: null });
  await page.goto(`http://localhost:${host.address().port}/index.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('vardval-kollen[data-ready="true"]').waitFor();
  await frame.locator($id('vk-situation.age')).fill('40');
  await frame.locator($id('vk-fees.v0.date')).fill(swedishDay(-3));
  await frame.locator('#vk-fees button[type=submit]').click();
  await frame.locator('#vk-fees-answer:not([hidden])').waitFor();
  await page.goto(`${origin}/embed.html?units-src=https://units.example/list.csv`);
  await page.waitForSelector('.vk-source-refused');
  seen.consoleErrors = seen.consoleErrors.filter((t) => !/units-src from the link was refused/.test(t));
  await assertEnforced(page, seen);
  host.close();
  assert.deepEqual(seen.violations, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});

test('the one-file copy: not one violation under its own policy', async () => {
  const { context, seen } = await watchedContext();
  await context.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`file://${resolve('dist/vardvalskollen.html')}`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  await fillSituation(page, { home: '13', age: 40 });
  await page.fill($id('vk-fees.v0.date'), swedishDay(-3));
  await page.click('#vk-fees button[type=submit]');
  await page.waitForSelector('#vk-fees-answer:not([hidden])');
  await page.fill($id('vk-nearby.where'), 'Halmstad');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer svg.vk-map circle');
  await assertEnforced(page, seen);
  assert.deepEqual(seen.violations, []);
  assert.deepEqual(seen.consoleErrors, []);
  await context.close();
});
