// Nearby units on the page (RULES.md §5b): a postal code, a municipality, a
// postal town, a region with no units and a position, at 1280 and 320 px; the
// results in the engine's order with its distances, how complete the list is,
// whose region it is; "Söker …", focus, "Visa fler", the map; choosing a unit
// fills the relisting question; accessible; nothing leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { browserSuite, SCREENSHOTS, assertNoAxeViolations } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/nearby`;
const suite = browserSuite(SHOTS);
const WIDTHS = [1280, 320];

function cliNearby(query) {
  return JSON.parse(execFileSync('target/release/vardval', ['nearby', '-'], { input: JSON.stringify(query) }));
}

const open = (path, options) => suite.env.open(path, options);

// Expected counts from the data itself: the default list's units per region, and 1177's lower bound.
const unitsCsv = readFileSync('data/units.csv', 'utf8').trim().split('\n').slice(1);
const inList = (region) => unitsCsv.filter((l) => l.split(',')[4] === region).length;
const counts1177 = Object.fromEntries(readFileSync('../shared/data/unit_counts_1177.csv', 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2)));
const km = (d, lang = 'sv') => new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(d);

/// Searches from `text` and waits for its answer: a new answer, not the one an
/// earlier search left, which is still shown while the next one loads.
async function search(page, text) {
  const before = await page.evaluate(() => document.querySelector('#vk-nearby-answer')?.dataset.situation ?? null);
  await page.fill('[id="vk-nearby.where"]', text);
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForFunction((earlier) => {
    const box = document.querySelector('#vk-nearby-answer:not([hidden])');
    return Boolean(box?.querySelector('.vk-answer-title')) && box.dataset.situation !== earlier;
  }, before);
}

/// Holds back the responses for `pattern`, as a slow phone would, until `release()`.
async function holdBack(page, pattern) {
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

async function results(page) {
  return page.locator('#vk-nearby-answer .vk-unit').evaluateAll((items) => items.map((li) => ({ id: li.dataset.id, text: li.innerText, hidden: li.hidden })));
}

async function check(page, state, width) {
  await assertNoAxeViolations(page, `${state} at ${width} px`);
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `no sideways scrolling at ${width} px (${scroll})`);
  // What a person sees first after searching: the results' heading at the top of the screen.
  await page.screenshot({ path: `${SHOTS}/sv-${width}-${state}-first-screen.png` });
  await page.locator('section:has(#vk-nearby)').screenshot({ path: `${SHOTS}/sv-${width}-${state}.png` });
  for (const url of page.requests) assert.ok(url.startsWith(suite.env.origin), `request outside the origin: ${url}`);
  assert.deepEqual(page.errors, []);
}

test("a postal code: the engine's nearest units in order, five first, then the rest; Söker while loading; focus on the results", async () => {
  for (const width of WIDTHS) {
    const page = await open('/', { width });
    assert.ok(!page.requests.some((u) => u.includes('postal-codes')), 'postal codes are not loaded before someone types one');
    // Hold the unit list back, as a slow phone would, to see the status the person hears and sees.
    const release = await holdBack(page, '**/data/units.json');
    await page.fill('[id="vk-nearby.where"]', '553 20');
    await page.click('#vk-nearby button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#vk-nearby-status')?.textContent === 'Söker …');
    assert.equal(await page.getAttribute('#vk-nearby-status', 'role'), 'status');
    if (width === 320) await page.screenshot({ path: `${SHOTS}/sv-320-searching.png` });
    release();
    await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-unit');
    assert.equal(await page.locator('#vk-nearby-status').textContent(), '', 'the status goes when the answer is there');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-nearby-results', 'focus moves to the results heading');
    // The default list, checked at build, needs no checker: the module without it.
    assert.ok(page.requests.some((u) => u.endsWith('/pkg-nearby/vardval_nearby_bg.wasm')), 'the nearby module is loaded');
    assert.ok(!page.requests.some((u) => u.includes('pkg-nearby-full')), 'nor the full one, with the unit-list checker');
    const top = await page.locator('#vk-nearby-results').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(top > -1 && top < 100, `the heading is at the top of the screen (${top})`);

    const shown = await results(page);
    const expected = cliNearby({ from: { postal_code: '553 20' }, k: 10, max_km: 100 });
    assert.deepEqual(shown.map((s) => s.id), expected.units.map((u) => u.id));
    shown.forEach((s, i) => assert.ok(s.text.includes(`${km(expected.units[i].distance_km)} km fågelvägen från centrala Jönköping`), s.text));
    const answer = await page.locator('#vk-nearby-answer').innerText();
    assert.match(answer, new RegExp(`Listan har ${inList('06')} av minst ${counts1177['06']} vårdcentraler i Region Jönköpings län\\.`));
    assert.match(answer, /Listan har 6 av minst 50 vårdcentraler i Region Jönköpings län/, "the issue's figures");
    assert.equal(await page.locator('#vk-nearby-answer a:has-text("1177 Hitta vård")').getAttribute('href'), 'https://www.1177.se/hitta-vard/');
    // List status unknown for every unit: said once, not ten times.
    assert.equal((answer.match(/Vi vet inte om de här vårdcentralerna tar emot nya patienter/g) ?? []).length, 1);
    assert.doesNotMatch(answer, /okänt/);
    // Nobody said where they live: the region searched from, said, with a way to change it.
    assert.match(answer, /Vi räknar med att du bor i Region Jönköpings län, eftersom du sökte där\./);
    // Ulricehamn is in Västra Götaland: "other region" on those units only, the note once.
    const other = expected.units.filter((u) => u.other_region);
    assert.ok(other.length > 0 && other.length < expected.units.length);
    assert.equal(await page.locator('#vk-nearby-answer .vk-warning').count(), 1);
    assert.equal(await page.locator('#vk-nearby-answer .vk-tag').count(), other.length);
    shown.forEach((s, i) => assert.equal(s.text.includes('Annan region: Västra Götalandsregionen'), expected.units[i].other_region, s.text));
    // The e-service where one lists, checked against 1177 (login, then "Vårdval").
    assert.equal(await page.locator('#vk-nearby-answer a:has-text("1177:s e-tjänster")').getAttribute('href'), 'https://e-tjanster.1177.se/mvk/');

    // Five first, then "Visa fler", which shows the rest and moves focus to the sixth.
    assert.deepEqual(shown.map((s) => s.hidden), [false, false, false, false, false, true, true, true, true, true]);
    assert.ok(page.requests.some((u) => u.endsWith('/data/postal-codes.json')));
    await check(page, 'postal-code', width);
    await page.click('#vk-nearby-answer button:has-text("Visa fler (5 till)")');
    assert.ok((await results(page)).every((s) => !s.hidden));
    assert.equal(await page.evaluate(() => document.activeElement.textContent), expected.units[5].name);

    // The map: origin, the ten numbered units, a scale.
    await page.waitForSelector('#vk-nearby-answer svg.vk-map');
    assert.equal(await page.locator('#vk-nearby-answer svg title').textContent(), 'Karta: Jönköping och de närmaste vårdcentralerna');
    assert.equal(await page.locator('#vk-nearby-answer svg .vk-map-unit').count(), 10);
    assert.equal(await page.locator('#vk-nearby-answer svg .vk-map-origin').count(), 1);
    assert.match(await page.locator('#vk-nearby-answer svg desc').textContent(), /Strecket nere till vänster är \d+ km\./);
    assert.equal(await page.locator('#vk-nearby-answer svg .vk-map-scale').count(), 1);

    // Choosing a unit makes it the planned unit of the relisting question.
    const first = expected.units[0];
    await page.locator('#vk-nearby-answer .vk-unit').first().locator('button').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-relist-chosen');
    assert.equal(await page.locator('#vk-relist-chosen').innerText(), `Vald vårdcentral: ${first.name}`);
    await page.check('[id="vk-situation.listed"]');
    await page.click('#vk-relist button[type=submit]');
    await page.waitForSelector('#vk-relist-answer:not([hidden])');
    const situation = JSON.parse(await page.getAttribute('#vk-relist-answer', 'data-situation'));
    assert.deepEqual(situation.listing.planned.unit, { name: first.name, region: first.region, list_closed: first.list_closed });
    await page.context().close();
  }
});

test('a municipality starts at its main town; a postal town; the English name; the home region as the person said', async () => {
  for (const width of WIDTHS) {
    const page = await open('/', { width });
    // Kiruna: from the town, not the municipality's centroid 40 km away.
    await search(page, 'kiruna');
    const kiruna = cliNearby({ from: { place: 'kiruna' }, k: 10, max_km: 100 });
    assert.equal(kiruna.origin.kind, 'town');
    assert.ok(kiruna.units[0].distance_km < 2, kiruna.units[0].distance_km);
    const shown = await results(page);
    assert.deepEqual(shown.map((s) => s.id), kiruna.units.map((u) => u.id));
    assert.match(shown[0].text, new RegExp(`${km(kiruna.units[0].distance_km)} km fågelvägen från centrala Kiruna`));
    // Fewer than ten: the heading says the search stops at 100 km.
    assert.equal(await page.locator('#vk-nearby-results').innerText(), kiruna.units.length === 1 ? '1 vårdcentral inom 100 km som vi känner till' : `${kiruna.units.length} vårdcentraler inom 100 km som vi känner till`);
    await check(page, 'municipality', width);

    // "malmo" and the postal town "Dalby" (in Lund) are found.
    await search(page, 'malmo');
    assert.match((await results(page))[0].text, /från centrala Malmö/);
    await search(page, 'Dalby');
    const dalby = cliNearby({ from: { place: 'Dalby' }, k: 10, max_km: 100 });
    assert.deepEqual((await results(page)).map((s) => s.id), dalby.units.map((u) => u.id));
    assert.match((await results(page))[0].text, /från centrala Dalby/);
    await check(page, 'postal-town', width);

    // An address's "553 20 Jönköping" is read as its postal code.
    await search(page, '553 20 Jönköping');
    assert.match((await results(page))[0].text, /från centrala Jönköping/);

    // Someone searches Göteborg ("Gothenburg"): taken to live there, nothing is "other";
    // then they say they live in Halland, and the answer is worked out again: every unit is.
    await search(page, 'Gothenburg');
    assert.match(await page.locator('#vk-nearby-answer').innerText(), /Vi räknar med att du bor i Västra Götalandsregionen, eftersom du sökte där\./);
    assert.equal(await page.locator('#vk-nearby-answer .vk-tag').count(), 0);
    await page.selectOption('[id="vk-situation.home"]', '13');
    await page.waitForFunction(() => document.querySelectorAll('#vk-nearby-answer .vk-tag').length === 10);
    const gbg = cliNearby({ from: { place: 'Gothenburg' }, k: 10, max_km: 100, home_region: '13' });
    assert.ok(gbg.units.every((u) => u.other_region));
    const answer = await page.locator('#vk-nearby-answer').innerText();
    assert.doesNotMatch(answer, /Vi räknar med/, 'the home region was given: nothing assumed');
    assert.equal((answer.match(/ligger utanför Region Halland/g) ?? []).length, 1, 'the note once');
    assert.equal(await page.locator('#vk-nearby-answer .vk-tag').count(), 10);
    assert.match(answer, new RegExp(`Listan har ${inList('14')} av minst ${counts1177['14']} vårdcentraler i Västra Götalandsregionen`));
    await check(page, 'home-given', width);
    await page.context().close();
  }
});

test('a region with no units in the list says so instead of showing units far away', async () => {
  for (const width of WIDTHS) {
    const page = await open('/', { width });
    await search(page, 'Visby');
    const title = await page.locator('#vk-nearby-results').innerText();
    assert.equal(title, `Listan har inga vårdcentraler i Region Gotland. 1177 visar minst ${counts1177['09']} där.`);
    assert.equal(await page.locator('#vk-nearby-answer .vk-unit').count(), 0);
    assert.equal(await page.locator('#vk-nearby-answer a').getAttribute('href'), 'https://www.1177.se/hitta-vard/');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-nearby-results');
    await check(page, 'no-units', width);
    // An unknown place: an error in the summary and at the field, in words.
    await page.fill('[id="vk-nearby.where"]', 'Atlantis');
    await page.click('#vk-nearby button[type=submit]');
    await page.waitForSelector('#vk-nearby-section .vk-error-summary');
    assert.match(await page.locator('#vk-nearby-section .vk-error-summary').innerText(), /Vi hittar ingen kommun eller ort som heter ”Atlantis”/);
    await page.context().close();
  }
});

test('a position: its nearest units and region; a refused position is said beside the button', async () => {
  for (const width of WIDTHS) {
    const page = await open('/en/', { width, geolocation: { latitude: 63.8258, longitude: 20.263 } });
    await page.click('section:has(#vk-nearby) button:has-text("Use my position")');
    await page.waitForSelector('#vk-nearby-answer:not([hidden]) .vk-unit');
    const here = await results(page);
    const expected = cliNearby({ from: { lat: 63.8258, lon: 20.263 }, k: 10, max_km: 100 });
    assert.deepEqual(here.map((s) => s.id), expected.units.map((u) => u.id));
    assert.match(here[0].text, /from your position/);
    assert.match(await page.locator('#vk-nearby-answer').innerText(), /We assume that you live in Region Västerbotten, where you are now\./);
    await assertNoAxeViolations(page, `position at ${width} px`);
    await page.locator('section:has(#vk-nearby)').screenshot({ path: `${SHOTS}/en-${width}-position.png` });
    for (const url of page.requests) assert.ok(url.startsWith(suite.env.origin), `request outside the origin: ${url}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();

    // No permission: the error is beside the button, which keeps focus and is described by it.
    const denied = await open('/', { width });
    await denied.click('section:has(#vk-nearby) button:has-text("Använd min position")');
    await denied.waitForSelector('#vk-position-error:not([hidden])');
    assert.match(await denied.locator('#vk-position-error').innerText(), /Vi fick inte använda din position/);
    assert.equal(await denied.evaluate(() => document.activeElement.id), 'vk-position');
    assert.match(await denied.getAttribute('#vk-position', 'aria-describedby'), /vk-position-error/);
    const gap = await denied.evaluate(() => document.querySelector('#vk-position').getBoundingClientRect().top - document.querySelector('#vk-position-error').getBoundingClientRect().bottom);
    assert.ok(gap >= 0 && gap < 40, `the error is right above the button (${gap})`);
    await assertNoAxeViolations(denied, `position refused at ${width} px`);
    await denied.locator('#vk-position-field').screenshot({ path: `${SHOTS}/sv-${width}-position-refused.png` });
    await denied.context().close();
  }
});

test("a region's list with a problem is refused with words that say so, and the page is not stuck", async () => {
  const page = await open('/', { width: 320 });
  const bad = 'id,name,lat,lon,url\nb1,Vårdcentralen Bra,57.78,14.16,https://bra.example/\nb2,Vårdcentralen Dålig,57.79,14.17,javascript:alert(1)\n';
  const good = 'id,name,lat,lon,url\nb1,Vårdcentralen Bra,57.78,14.16,https://bra.example/\n';
  let body = bad;
  await page.route('**/region-units.csv', (route) => route.fulfill({ body, contentType: 'text/csv' }));
  await page.evaluate(() => document.querySelector('vardval-kollen').setAttribute('units-src', 'region-units.csv'));
  await page.fill('[id="vk-nearby.where"]', '553 20');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer:not([hidden]) [role=alert]');
  assert.match(await page.locator('#vk-nearby-answer').innerText(), /Listan över vårdcentraler på den här sidan har fel och kan inte användas/);
  // The host fixes its file: the next search loads it again, and its unit's own page is linked.
  body = good;
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer .vk-unit');
  assert.equal(await page.locator('#vk-nearby-answer a:has-text("Webbplats för Vårdcentralen Bra")').getAttribute('href'), 'https://bra.example/');
  assert.doesNotMatch(await page.locator('#vk-nearby-answer').innerText(), /Listan har/, "a region's own list has no count against 1177's");
  assert.ok(page.requests.some((u) => u.endsWith('/pkg-nearby-full/vardval_nearby_full_bg.wasm')), "a region's own list is checked by the full module, with the checker");
  assert.ok(!page.requests.some((u) => u.endsWith('/pkg-nearby/vardval_nearby_bg.wasm')), 'and only by that one');
  await page.context().close();
});

test('two searches in flight: only the latest is shown', async () => {
  const page = await open('/', { width: 1280 });
  // The postal codes are held back, so the postal-code search finishes after the place search.
  const release = await holdBack(page, '**/data/postal-codes.json');
  await page.fill('[id="vk-nearby.where"]', '553 20');
  await page.click('#vk-nearby button[type=submit]');
  await page.fill('[id="vk-nearby.where"]', 'Kiruna');
  await page.click('#vk-nearby button[type=submit]');
  await page.waitForSelector('#vk-nearby-answer .vk-unit');
  release();
  await page.waitForTimeout(500);
  assert.match((await results(page))[0].text, /från centrala Kiruna/);
  assert.equal(await page.locator('#vk-nearby-status').textContent(), '');
  await page.context().close();
});
