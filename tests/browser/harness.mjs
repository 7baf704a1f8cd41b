// Shared set-up for the browser tests: the page served from www/ on a free
// local port, Debian's Chromium driven by playwright-core, and a record of
// every request the page makes.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { startServer } from '../../scripts/serve.mjs';

export const SCREENSHOTS = process.env.SCREENSHOTS_DIR ?? 'screenshots';

/// Debian's Chromium, headless.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // The machine's network is closed: no background requests of Chromium's own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/// Keeps every request (`page.requests`) and uncaught error (`page.errors`) of a page.
export function record(page) {
  page.requests = [];
  page.on('request', (r) => page.requests.push(r.url()));
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

export async function openBrowser() {
  const server = await startServer({ port: 0, root: 'www' });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    origin,
    browser,
    async page() {
      return record(await browser.newPage());
    },
    /// `path` in a new context (cold cache), recorded; with JavaScript, once the component is ready.
    async open(path = '/', { width = 1280, js = true, geolocation } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js, acceptDownloads: true, geolocation, permissions: geolocation ? ['geolocation'] : [] });
      const page = record(await context.newPage());
      await page.goto(origin + path);
      if (js) await page.waitForSelector('vardval-kollen[data-ready="true"]', { timeout: 15_000 });
      return page;
    },
    /// `path` as a reader without JavaScript sees it, but with scripts on so
    /// that axe can run: the component never starts, and <noscript> is shown.
    async openStatic(path, { width = 1280 } = {}) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = record(await context.newPage());
      await page.route('**/vardval-kollen.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
      await page.goto(origin + path);
      await page.evaluate(() => document.querySelectorAll('noscript').forEach((n) => n.replaceWith(...new DOMParser().parseFromString(n.textContent, 'text/html').body.childNodes)));
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/// One browser and server for a test file, opened before its tests and closed
/// after them; screenshots go to `dir`. `suite.env` is what `openBrowser` gives.
export function browserSuite(dir) {
  const suite = { env: null };
  before(async () => {
    suite.env = await openBrowser();
    mkdirSync(dir, { recursive: true });
  });
  after(async () => {
    await suite.env?.close();
    console.log(`screenshots: ${dir}/`);
  });
  return suite;
}

/// The command line's answer to `situation` (exit status 0 or 2), as JSON.
export function cli(situation) {
  try {
    return JSON.parse(execFileSync('target/release/vardval', ['evaluate', '-'], { input: JSON.stringify(situation) }));
  } catch (e) {
    if (e.status === 2) return JSON.parse(e.stdout);
    throw e;
  }
}

/// A selector for an element's id (the component's ids hold dots: "vk-situation.home").
export const $id = (id) => `[id="${id}"]`;

/// "Din situation": each piece only when given (nothing is chosen for the
/// person), top to bottom, the age last.
export async function fillSituation(page, { home, listed, unitRegion, age } = {}) {
  if (home) await page.selectOption($id('vk-situation.home'), home);
  if (listed) await page.check(listed === 'yes' ? $id('vk-situation.listed') : $id('vk-situation.listed-no'));
  if (unitRegion) await page.selectOption($id('vk-situation.unit_region'), unitRegion);
  if (age != null) await page.fill($id('vk-situation.age'), String(age));
}

/// A date `days` from today in Sweden, as YYYY-MM-DD.
export function swedishDay(days = 0) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/// Runs axe-core in the page (injected as text: no request) and asserts no violation.
export async function assertNoAxeViolations(page, state) {
  // Evaluated by the browser's devtools protocol, which the page's CSP (no eval) does not stop.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  }, AXE_TAGS);
  assert.deepEqual(result, [], `axe violations in state "${state}": ${JSON.stringify(result, null, 1)}`);
}
