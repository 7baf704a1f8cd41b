// The built page in a real browser: the WebAssembly module answers, and its
// JSON is the command line's JSON for the same situation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openBrowser, cli, swedishDay, SCREENSHOTS } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env?.close();
});

async function ready(page) {
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 15_000 });
}

test('the module gives the same JSON as the command for the same situation', async () => {
  const page = await env.page();
  await ready(page);
  const good = JSON.parse(readFileSync('examples/situation.json', 'utf8'));
  const bad = { today: '2026-13-01', lang: 'en', person: { age: 300 }, visits: [{ date: 'soon', where: 'home' }] };
  const fromWasm = await page.evaluate(async ([good, bad]) => {
    const { evaluate } = await import('./pkg/vardval.js');
    let thrown = null;
    try {
      evaluate(bad);
    } catch (e) {
      thrown = e;
    }
    let notJson = null;
    try {
      evaluate(undefined);
    } catch (e) {
      notJson = e;
    }
    return { answer: evaluate(good), thrown, notJson };
  }, [good, bad]);
  assert.deepEqual(fromWasm.answer, cli(good));
  assert.deepEqual(fromWasm.thrown, cli(bad));
  assert.ok(fromWasm.thrown.errors.length >= 4, JSON.stringify(fromWasm.thrown));
  assert.equal(fromWasm.notJson.errors[0].code, 'invalid_type');
  // Plain objects, and null (not undefined) where the contract says null.
  assert.equal(fromWasm.answer.listing.next_free_change, null);
  assert.equal(Object.getPrototypeOf(fromWasm.answer.fees), Object.prototype);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a person asks both questions on the page and reads the answers', async () => {
  const page = await env.page();
  await ready(page);

  // Two own-choice changes in the last two months: no change now without a special reason.
  const first = swedishDay(-60);
  const second = swedishDay(-30);
  await page.fill('#change1', first);
  await page.fill('#change2', second);
  await page.click('#relist button[type=submit]');
  const relist = page.locator('#relist-answer');
  await relist.waitFor({ state: 'visible' });
  const expected = cli({ today: swedishDay(), lang: 'sv', listing: { unit: { id: 'current' }, changes: [{ date: first }, { date: second }], planned: { reason: null } }, person: { home_region: '13' } });
  assert.equal(await relist.getAttribute('data-can-change'), 'false');
  assert.equal(await relist.getAttribute('data-next-free-change'), expected.listing.next_free_change);
  assert.match(await relist.locator('.summary').innerText(), /^Nej, inte utan särskilda skäl/);
  assert.equal(await relist.locator('.summary').innerText(), expected.listing.summary);

  // With a special reason the answer turns.
  await page.selectOption('#reason', 'moved');
  await page.click('#relist button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#relist-answer').dataset.canChange === 'true');

  // Fees: three visits in Stockholm at 275 kr; under the proposal 3 × 100 kr.
  await page.fill('#age', '40');
  await page.selectOption('#region', '01');
  const visits = [swedishDay(-20), swedishDay(-10), swedishDay(-5)];
  await page.fill('#visits', visits.join('\n'));
  await page.click('#fees button[type=submit]');
  const fees = page.locator('#fees-answer');
  await fees.waitFor({ state: 'visible' });
  const feesExpected = cli({ today: swedishDay(), lang: 'sv', person: { age: 40, home_region: '01' }, visits: visits.map((date) => ({ date, where: 'listed' })) });
  assert.equal(await fees.getAttribute('data-total-charged'), String(feesExpected.fees.total_charged));
  assert.equal(await fees.getAttribute('data-proposal-total'), String(feesExpected.fees.proposal.total_charged));
  assert.ok(feesExpected.fees.total_charged <= 825 && feesExpected.fees.proposal.total_charged <= 300);
  assert.equal(await fees.locator('.summary').innerText(), feesExpected.fees.summary);
  await page.screenshot({ path: `${SCREENSHOTS}/page-answers.png`, fullPage: true });

  // Bad input comes back as the engine's errors, in the page.
  await page.fill('#age', 'fyrtio');
  await page.click('#fees button[type=submit]');
  await page.locator('#fees-answer .errors li[data-code="invalid_type"]').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/page-error.png`, fullPage: true });

  // Nothing left the page's own origin.
  for (const url of page.requests) assert.ok(url.startsWith(env.origin), `request outside the origin: ${url}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});
