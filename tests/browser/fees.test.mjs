// A year of mixed visits, as a person in Skåne enters them: a nurse and a
// doctor at the listed unit, a specialist, the emergency department, a video
// visit, a visit elsewhere with a receipt, and a phone call. The page must show
// the engine's numbers, the 21 regions side by side, and each fee's own source.
// Screenshots at 1280 and 320 px go to $SCREENSHOTS_DIR/fees/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, cli, SCREENSHOTS, assertNoAxeViolations, $id, fillSituation } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/fees`;
// date, where, whom, how, receipt
const YEAR = [
  ['2026-01-12', 'listed', 'nurse', 'physical', ''],
  ['2026-02-03', 'listed', 'doctor', 'physical', ''],
  ['2026-03-15', 'specialist', 'doctor', 'physical', ''],
  ['2026-05-02', 'emergency', 'doctor', 'physical', ''],
  ['2026-06-10', 'listed', 'doctor', 'video', ''],
  ['2026-08-20', 'other_unit', 'other', 'physical', '250'],
  ['2026-10-01', 'listed', 'doctor', 'phone', ''],
];

const suite = browserSuite(SHOTS);

async function enterYear(page) {
  await fillSituation(page, { home: '12', age: '1961-04-20' });
  for (const [i, [date, where, who, mode, paid]] of YEAR.entries()) {
    if (i > 0) await page.click('#vk-fees button:has-text("Lägg till ett besök")');
    const row = (await page.$$eval('#vk-fees .vk-row', (rs) => rs.map((r) => r.dataset.row)))[i];
    await page.fill($id(`vk-fees.v${row}.date`), date);
    await page.selectOption($id(`vk-fees.v${row}.where`), where);
    await page.selectOption($id(`vk-fees.v${row}.who`), who);
    await page.selectOption($id(`vk-fees.v${row}.mode`), mode);
    if (paid) await page.fill($id(`vk-fees.v${row}.paid`), paid);
  }
  await page.click('#vk-fees button[type=submit]');
  const box = page.locator('#vk-fees-answer');
  await box.waitFor({ state: 'visible' });
  return box;
}

for (const width of [1280, 320]) {
  test(`a year of mixed visits at ${width} px: the engine's numbers, the regions and each fee's source`, async () => {
    const page = await suite.env.open('/', { width });
    const box = await enterYear(page);
    const situation = JSON.parse(await box.getAttribute('data-situation'));
    assert.equal(situation.person.birth_date, '1961-04-20', 'a date of birth goes to the engine as one');
    assert.deepEqual(
      situation.visits.map((v) => [v.care, v.where ?? null, v.professional, v.mode, v.paid ?? null]),
      YEAR.map(([, w, p, m, paid]) => [['specialist', 'emergency'].includes(w) ? w : 'primary', ['specialist', 'emergency'].includes(w) ? null : w, p, m, paid ? Number(paid) : null]),
    );
    const f = cli(situation).fees;
    // Worked by hand from region_fees_by_kind.csv, Skåne: nurse 0, doctor 200, specialist 300,
    // emergency 400, video 200, the receipt 250, phone (no row: the physical 200) → 1 550, cut at 1 450.
    assert.deepEqual(f.visits.map((v) => v.charged), [0, 200, 300, 400, 200, 250, 100]);
    assert.equal(f.total_charged, 1450);
    assert.equal(f.periods[0].free_card_from, '2026-10-01');

    const kr = (n) => `${new Intl.NumberFormat('sv-SE').format(n)} kr`.replace(/\s+/g, ' ');
    const cells = await box.locator('table').first().locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
    assert.deepEqual(
      cells.map((c) => [c[2], c[3].replace(/ \(.*\)$/, ''), c[4]]),
      f.visits.map((v, i) => [kr(v.fee), kr(v.charged), kr(f.proposal.visits[i].charged)]),
    );
    assert.match(cells[5][1], /kvitto/, 'the receipt row says the amount is the receipt');
    assert.equal(await box.locator('.vk-answer-title').innerText(), f.headline);

    // The same visits in the 21 regions, in a details element, each with its figures from the engine.
    const details = box.locator('details.vk-details');
    assert.equal(await details.getAttribute('open'), null, 'closed until asked for');
    await details.locator('summary').click();
    const regionRows = await details.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
    assert.equal(regionRows.length, 21);
    assert.deepEqual(regionRows.map((r) => r[1]), f.regions.map((r) => kr(r.total_charged)));
    assert.match(regionRows.find((r) => r[0].startsWith('Region Skåne'))[0], /din region/);

    // Each fee's own date and source in "Varför?", and the page says when a source is undated.
    const text = await box.innerText();
    for (const v of f.visits.filter((v) => v.fee_source)) {
      assert.ok(text.includes(v.fee_source.title), v.fee_source.title);
      assert.ok(await box.locator(`a[href="https://${v.fee_source.url}"]`).count(), v.fee_source.url);
    }
    assert.match(text, /uppgift utan datum/);
    assert.match(text, /Vad gör jag nu\?/);
    for (const step of f.next_steps) assert.ok(text.includes(step.text), step.code);

    await assertNoAxeViolations(page, `fees at ${width} px`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(scroll <= 0, `no sideways scroll at ${width} px (${scroll})`);
    await box.screenshot({ path: `${SHOTS}/year-${width}.png` });
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}

test('a visit the data has no fee for asks for the receipt, and the receipt is used', async () => {
  const page = await suite.env.open('/');
  await fillSituation(page, { home: '07', age: 40 }); // Kronoberg: no emergency fee in the data
  await page.fill($id('vk-fees.v0.date'), '2026-03-02');
  await page.selectOption($id('vk-fees.v0.where'), 'emergency');
  await page.click('#vk-fees button[type=submit]');
  const box = page.locator('#vk-fees-answer');
  await box.waitFor({ state: 'visible' });
  const f = cli(JSON.parse(await box.getAttribute('data-situation'))).fees;
  assert.equal(f.visits[0].fee_known, false);
  const text = await box.innerText();
  assert.ok(text.includes(f.next_steps.find((s) => s.code === 'give_receipt_amount').text));
  assert.match(await box.locator('tbody tr').first().innerText(), /okänd/);
  await box.screenshot({ path: `${SHOTS}/unknown-fee.png` });
  await page.fill($id('vk-fees.v0.paid'), '400');
  await page.click('#vk-fees button[type=submit]');
  await page.waitForFunction(() => JSON.parse(document.getElementById('vk-fees-answer').dataset.situation).visits[0].paid === 400);
  assert.match(await box.locator('.vk-answer-title').innerText(), /400/);
  await page.close();
});
