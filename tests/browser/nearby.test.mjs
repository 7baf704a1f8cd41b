// Nearby units on the page: postal code, municipality and position; the
// results in the engine's order with its distances; choosing a unit fills the
// relisting question; accessible; nothing leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { browserSuite, SCREENSHOTS, assertNoAxeViolations } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/nearby`;
const suite = browserSuite(SHOTS);

function cliNearby(query) {
  return JSON.parse(execFileSync('target/release/vardval', ['nearby', '-'], { input: JSON.stringify(query) }));
}

const open = (path, options) => suite.env.open(path, options);

async function results(page) {
  await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-unit');
  return page.locator('#vk-nearby-answer .vk-unit').evaluateAll((items) => items.map((li) => ({ id: li.dataset.id, text: li.innerText })));
}

test("a postal code, with the space, gives the engine's nearest units in order, with distances", async () => {
  for (const width of [1280, 320]) {
    const page = await open('/', { width });
    assert.ok(!page.requests.some((u) => u.includes('postal-codes')), 'postal codes are not loaded before someone types one');
    await page.fill('[id="vk-nearby.where"]', '413 19');
    await page.click('#vk-nearby button[type=submit]');
    const shown = await results(page);
    const expected = cliNearby({ from: { postal_code: '413 19' }, k: 10, max_km: 100 });
    assert.deepEqual(shown.map((s) => s.id), expected.units.map((u) => u.id));
    const km = (d) => new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(d);
    shown.forEach((s, i) => assert.ok(s.text.includes(`${km(expected.units[i].distance_km)} km fågelvägen från centrala Göteborg`), s.text));
    assert.ok(page.requests.some((u) => u.endsWith('/data/postal-codes.json')));
    assert.equal(await page.locator('#vk-nearby-answer svg[role=img] title').textContent(), 'Karta: Göteborg och de närmaste vårdcentralerna');
    assert.match(await page.locator('#vk-nearby').innerText(), /./);
    assert.match(await page.locator('section:has(#vk-nearby)').innerText(), /© OpenStreetMap contributors\. Listan kommer från OpenStreetMap 2020 och är inte komplett/);

    await assertNoAxeViolations(page, `nearby results at ${width} px`);
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    assert.ok(scroll <= inner, `no sideways scrolling at ${width} px (${scroll})`);
    await page.locator('section:has(#vk-nearby)').screenshot({ path: `${SHOTS}/sv-${width}-postal-code.png` });

    // Choosing a unit makes it the planned unit of the relisting question.
    const first = expected.units[0];
    await page.locator('#vk-nearby-answer .vk-unit').first().locator('button').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-relist-chosen');
    assert.equal(await page.locator('#vk-relist-chosen').innerText(), `Vald vårdcentral: ${first.name}`);
    await page.check('[id="vk-situation.listed"]'); // the relisting question needs to know
    await page.click('#vk-relist button[type=submit]');
    await page.waitForSelector('#vk-relist-answer:not([hidden])');
    const situation = JSON.parse(await page.getAttribute('#vk-relist-answer', 'data-situation'));
    assert.deepEqual(situation.listing.planned.unit, { name: first.name, region: first.region, list_closed: first.list_closed });

    for (const url of page.requests) assert.ok(url.startsWith(suite.env.origin), `request outside the origin: ${url}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a municipality by name, a wrong postal code, and the position', async () => {
  const page = await open('/en/', { geolocation: { latitude: 63.8258, longitude: 20.263 } });
  await page.fill('[id="vk-nearby.where"]', 'Umeå');
  await page.click('#vk-nearby button[type=submit]');
  const umea = await results(page);
  assert.deepEqual(umea.map((s) => s.id), cliNearby({ from: { municipality: 'Umeå' }, k: 10, max_km: 100 }).units.map((u) => u.id));
  assert.match(umea[0].text, /from Umeå \(the municipality's centre\)/);

  await page.fill('[id="vk-nearby.where"]', '999 99');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-heading ~ .vk-error-summary');
  assert.equal(await page.locator('#vk-nearby-heading ~ .vk-error-summary a').getAttribute('data-code'), 'unknown_postal_code');

  // The position: asked for only when the button is pressed, never sent anywhere.
  await page.click('section:has(#vk-nearby) button:has-text("Use my position")');
  const here = await results(page);
  assert.deepEqual(here.map((s) => s.id), cliNearby({ from: { lat: 63.8258, lon: 20.263 }, k: 10, max_km: 100 }).units.map((u) => u.id));
  assert.match(here[0].text, /from your position/);
  await page.locator('section:has(#vk-nearby)').screenshot({ path: `${SHOTS}/en-1280-position.png` });
  for (const url of page.requests) assert.ok(url.startsWith(suite.env.origin), `request outside the origin: ${url}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
