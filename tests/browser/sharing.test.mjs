// Shared links with many rows (D12): a link with more visits than the engine
// takes (1 000, MAX_ITEMS in src/situation.rs) is refused with a message and
// the rest of the link is restored; a link with 1 000 visits is restored in
// full. How long restoring takes is measured by `make bench`
// (scripts/bench-page.mjs), not tested here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, cli, swedishDay, SCREENSHOTS, assertNoAxeViolations, $id } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/sharing`;
const suite = browserSuite(SHOTS);

/// A share link's fragment: a listed 40-year-old in Stockholm, `changes`
/// earlier changes, and `visits` doctor's visits at the own unit over the last 300 days.
function link(visits, changes = 1) {
  const p = new URLSearchParams({ a: 'relist,fees', 'situation.home': '01', 'situation.listed': 'yes', 'situation.unit_region': '01', 'situation.age': '40' });
  for (let i = 0; i < changes; i++) p.append(`relist.c${i}.date`, swedishDay(-30 - i));
  for (let i = 0; i < visits; i++) {
    for (const [k, v] of [['date', swedishDay(-(i % 300))], ['where', 'listed'], ['who', 'doctor'], ['mode', 'physical']]) p.append(`fees.v${i}.${k}`, v);
  }
  return `/#${p}`;
}

async function open(path, width) {
  const context = await suite.env.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(suite.env.origin + path);
  await page.waitForSelector('vardval-kollen[data-ready="true"]', { timeout: 60_000 });
  return page;
}

test('a link with 1 001 visits is refused with a message; the rest of it is restored', async () => {
  for (const width of [1280, 320]) {
    const page = await open(link(1001), width);
    const summary = page.locator('.vk-link-problem');
    await summary.waitFor();
    assert.equal(await summary.getAttribute('role'), 'alert');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'vk-error-summary vk-link-problem', 'focus on the message, as GOV.UK does on load');
    assert.match(await summary.innerText(), /Det finns ett problem/);
    assert.match(await summary.innerText(), /Länken har 1\u00a0001 besök\. Sidan kan visa högst 1\u00a0000/);
    // The visits are not filled in and the fee question is not answered ...
    assert.equal(await page.locator('#vk-fees .vk-row').count(), 1);
    assert.equal(await page.inputValue($id('vk-fees.v0.date')).catch(() => ''), '');
    assert.equal(await page.locator('#vk-fees-answer').isHidden(), true);
    // ... while everything else in the link is.
    assert.equal(await page.inputValue($id('vk-situation.age')), '40');
    const relist = page.locator('#vk-relist-answer');
    await relist.waitFor({ state: 'visible' });
    const situation = JSON.parse(await relist.getAttribute('data-situation'));
    assert.equal(await relist.locator('.vk-answer-title').innerText(), cli(situation).listing.headline);
    await page.screenshot({ path: `${SHOTS}/refused-1001-${width}.png` });
    // The message's link goes to the visits.
    await summary.locator('a').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-fees.v0.date');
    await assertNoAxeViolations(page, `1 001 visits refused, ${width} px`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a link with 1 000 visits is restored, each visit priced', async () => {
  for (const width of [1280, 320]) {
    const page = await open(link(1000), width);
    const box = page.locator('#vk-fees-answer');
    await box.waitFor({ state: 'visible' });
    assert.equal(await page.locator('.vk-link-problem').count(), 0);
    assert.equal(await page.locator('#vk-fees .vk-row').count(), 1000);
    const situation = JSON.parse(await box.getAttribute('data-situation'));
    assert.equal(situation.visits.length, 1000);
    assert.equal(await box.locator('.vk-table:not(.vk-regions) tbody tr').count(), 1000);
    const expected = cli(situation).fees;
    assert.equal(await box.locator('.vk-answer-title').innerText(), expected.headline);
    assert.match(await box.locator('.vk-table:not(.vk-regions) tfoot').innerText(), new RegExp(`${new Intl.NumberFormat('sv-SE').format(expected.total_charged)}\u00a0kr`));
    // The last row's labels carry its number.
    assert.match(await page.locator('#vk-fees .vk-row').last().locator('.vk-row-title').textContent(), /^Besök 1000$/);
    // The answer under its 1 000 rows, as the person scrolls to it.
    await box.locator('.vk-answer-title').scrollIntoViewIfNeeded();
    // Rows scrolled past are drawn a frame later (content-visibility); the view keeps its place.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await page.screenshot({ path: `${SHOTS}/restored-1000-${width}.png` });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a link with 1 001 changes of unit is refused alike; its visits are restored', async () => {
  const page = await open(link(2, 1001), 1280);
  await page.locator('.vk-link-problem').waitFor();
  assert.match(await page.locator('.vk-link-problem').innerText(), /Länken har 1\u00a0001 byten av vårdcentral\. Sidan kan visa högst 1\u00a0000 byten/);
  assert.equal(await page.locator('#vk-relist .vk-row').count(), 1);
  assert.equal(await page.locator('#vk-relist-answer').isHidden(), true);
  await page.locator('#vk-fees-answer').waitFor({ state: 'visible' });
  assert.equal(JSON.parse(await page.getAttribute('#vk-fees-answer', 'data-situation')).visits.length, 2);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
