// The citizen page as people use it: every question in Swedish and English,
// axe on every state (JavaScript on and off), keyboard only, 320 px and 200 %
// text, nothing leaving the origin, and the numbers shown equal to the
// engine's. Screenshots of every state go to $SCREENSHOTS_DIR/citizen/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserSuite, cli, swedishDay, SCREENSHOTS, assertNoAxeViolations } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/citizen`;
const $id = (id) => `[id="${id}"]`;

const suite = browserSuite(SHOTS);

const open = (path, options) => suite.env.open(path, options);

const axe = assertNoAxeViolations;

async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

function assertSameOrigin(page) {
  for (const url of page.requests) assert.ok(url.startsWith(suite.env.origin) || url.startsWith('blob:' + suite.env.origin), `request outside the origin: ${url}`);
}

async function noHorizontalScroll(page, state) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${state}: the page scrolls sideways (${scroll} > ${width})`);
}

/// Dates that people write, for a day `days` from today.
function dateForms(days, lang) {
  const iso = swedishDay(days);
  const [y, m, d] = iso.split('-').map(Number);
  const long = new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  return { iso, slash: `${d}/${m}/${y}`, short: `${d} ${long.slice(0, 3)} ${y}`, long: `${d} ${long} ${y}` };
}

async function fillRelist(page, lang) {
  // Three own-choice changes this year, written three ways: no change now.
  const dates = [dateForms(-200, lang), dateForms(-100, lang), dateForms(-50, lang)];
  await page.fill($id('vk-relist.c0.date'), dates[0].slash);
  await page.click('#vk-relist button:has-text("' + (lang === 'sv' ? 'Lägg till ett byte' : 'Add a change') + '")');
  await page.click('#vk-relist button:has-text("' + (lang === 'sv' ? 'Lägg till ett byte' : 'Add a change') + '")');
  const rows = await page.$$eval('#vk-relist .vk-row', (rs) => rs.map((r) => r.dataset.row));
  await page.fill($id(`vk-relist.c${rows[1]}.date`), dates[1].short);
  await page.fill($id(`vk-relist.c${rows[2]}.date`), dates[2].long);
  return dates;
}

async function fillFees(page) {
  await page.fill($id('vk-fees.age'), '40');
  await page.selectOption($id('vk-fees.region'), '01');
  await page.fill($id('vk-fees.v0.date'), swedishDay(-30));
  await page.click('#vk-fees button:has-text("' + ((await page.getAttribute('html', 'lang')) === 'sv' ? 'Lägg till ett besök' : 'Add a visit') + '")');
  const rows = await page.$$eval('#vk-fees .vk-row', (rs) => rs.map((r) => r.dataset.row));
  await page.fill($id(`vk-fees.v${rows[1]}.date`), swedishDay(-10));
  await page.selectOption($id(`vk-fees.v${rows[1]}.where`), 'emergency');
}

async function answerOf(page, name) {
  const box = page.locator(`#vk-${name}-answer`);
  await box.waitFor({ state: 'visible' });
  return { box, situation: JSON.parse(await box.getAttribute('data-situation')) };
}

for (const lang of ['sv', 'en']) {
  const path = lang === 'sv' ? '/' : '/en/';

  test(`${lang}: every question answered, with the engine's numbers, accessible in every state`, async () => {
    for (const width of [1280, 320]) {
      const page = await open(path, { width });
      const tag = `${lang}-${width}`;
      await axe(page, `${tag} empty`);
      await noHorizontalScroll(page, `${tag} empty`);
      await shot(page, `${tag}-1-empty`);

      // Error summary: the engine's codes, linked to the fields, focus on the summary.
      await page.fill($id('vk-fees.age'), lang === 'sv' ? 'fyrtio' : 'forty');
      await page.fill($id('vk-fees.v0.date'), '31/02/2026');
      await page.click('#vk-fees button[type=submit]');
      const summary = page.locator('#vk-fees-heading ~ .vk-error-summary');
      await summary.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains('vk-error-summary')), true, 'focus moves to the error summary');
      assert.equal(await summary.locator('h3').innerText(), lang === 'sv' ? 'Det finns ett problem' : 'There is a problem');
      const codes = await summary.locator('a').evaluateAll((as) => as.map((a) => [a.dataset.code, a.getAttribute('href')]));
      assert.deepEqual(codes, [['invalid_type', '#vk-fees.age'], ['invalid_date', '#vk-fees.v0.date']]);
      assert.equal(await page.getAttribute($id('vk-fees.age'), 'aria-invalid'), 'true');
      assert.equal(await page.locator($id('vk-fees.age-error')).textContent(), lang === 'sv' ? 'Fel: Skriv din ålder eller ditt födelsedatum med siffror' : 'Error: Enter your age or date of birth in figures');
      await axe(page, `${tag} error summary`);
      await shot(page, `${tag}-2-errors`);
      await summary.locator('a').first().click();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-fees.age', 'the summary links to the field');

      // 1. Relisting: three changes written in three formats → not now, a date to come back.
      const dates = await fillRelist(page, lang);
      await page.click('#vk-relist button[type=submit]');
      const relist = await answerOf(page, 'relist');
      assert.deepEqual(relist.situation.listing.changes.map((c) => c.date), dates.map((d) => d.iso), 'dates accepted as 2/1/2026, 2 jan 2026 and 2 januari 2026');
      const expected = cli(relist.situation);
      assert.equal(expected.listing.can_change, false);
      assert.equal(await relist.box.locator('.vk-summary').innerText(), expected.listing.summary);
      assert.equal(await relist.box.locator('.vk-answer-title').innerText(), lang === 'sv' ? 'Nej, inte nu' : 'No, not now');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-relist-answer', 'focus moves to the answer');
      // "Lägg till i kalender" downloads the next free change as an .ics file.
      const [download] = await Promise.all([page.waitForEvent('download'), relist.box.locator('button', { hasText: lang === 'sv' ? 'Lägg till i kalender' : 'Add to calendar' }).click()]);
      const ics = readFileSync(await download.path(), 'utf8');
      assert.match(ics, new RegExp(`DTSTART;VALUE=DATE:${expected.listing.next_free_change.replaceAll('-', '')}`));
      await axe(page, `${tag} relisting answer`);
      await noHorizontalScroll(page, `${tag} relisting answer`);
      await shot(page, `${tag}-3-relist`);

      // 2. Fees in Stockholm: a doctor at the listed unit (275 kr) and an emergency visit (400 kr), beside the 100 kr proposal.
      await fillFees(page);
      await page.click('#vk-fees button[type=submit]');
      const fees = await answerOf(page, 'fees');
      const f = cli(fees.situation).fees;
      assert.equal(f.total_charged, 275 + 400);
      const cells = await fees.box.locator('table').first().locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
      const kr = (n) => `${new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB').format(n)} kr`.replace(/\s+/g, ' ');
      assert.deepEqual(cells.map((c) => [c[2], c[3], c[4]]), f.visits.map((v, i) => [kr(v.fee), kr(v.charged), kr(f.proposal.visits[i].charged)]));
      assert.equal(await fees.box.locator('.vk-proposal').innerText(), f.proposal.summary);
      assert.equal(f.proposal.total_charged, 100 + 400, 'the proposal: 100 kr at the listed unit, the emergency department its own fee');
      const feeDates = await fees.box.innerText();
      assert.match(feeDates, lang === 'sv' ? /uppgift från 2024-01-01/ : /as of 2024-01-01/);
      assert.match(feeDates, lang === 'sv' ? /inte blivit lag/ : /never enacted/);
      await axe(page, `${tag} fees answer`);
      await noHorizontalScroll(page, `${tag} fees answer`);
      await shot(page, `${tag}-4-fees`);

      // 3. Fixed doctor and care guarantee: listed in another region than home.
      await page.selectOption($id('vk-doctor.unit_region'), '14');
      await page.selectOption($id('vk-doctor.home'), '13');
      await page.click('#vk-doctor button[type=submit]');
      const doctor = await answerOf(page, 'doctor');
      const d = cli(doctor.situation);
      assert.equal(d.fixed_doctor.entitled, true);
      assert.equal(d.care_guarantee.applies, false);
      const summaries = await doctor.box.locator('.vk-summary').allInnerTexts();
      assert.deepEqual(summaries, [d.fixed_doctor.summary, d.care_guarantee.summary]);
      await axe(page, `${tag} doctor answer`);
      await noHorizontalScroll(page, `${tag} doctor answer`);
      await shot(page, `${tag}-5-doctor`);

      // The state is in the fragment: a reload (or a shared link) shows the same answers.
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /a=relist%2Cfees%2Cdoctor|a=relist,fees,doctor/);
      await page.reload();
      await page.waitForSelector('vardval-kollen[data-ready="true"]');
      assert.equal(await page.locator('#vk-relist-answer .vk-summary').innerText(), expected.listing.summary);
      assert.equal(await page.locator('#vk-fees-answer .vk-proposal').innerText(), f.proposal.summary);

      assertSameOrigin(page);
      assert.deepEqual(await page.context().cookies(), [], 'no cookies');
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });

  test(`${lang}: without JavaScript the rules are there in full and accessible`, async () => {
    for (const width of [1280, 320]) {
      const page = await open(path, { width, js: false });
      const text = await page.locator('main').innerText();
      assert.match(text, lang === 'sv' ? /högst 2 gånger under tolv månader/ : /at most 2 times in twelve months/);
      assert.match(text, lang === 'sv' ? /inom 3 dagar/ : /within 3 days/);
      assert.match(text, /1[\s,]450\skr/);
      assert.match(text, lang === 'sv' ? /uppgift utan datum/ : /undated figure/);
      assert.equal(await page.locator('.vk-static tbody tr').count(), 9 + 21, 'ceilings 2018–2026 and the 21 regions');
      await noHorizontalScroll(page, `${lang}-${width} no JavaScript`);
      await shot(page, `${lang}-${width}-6-nojs`);
      await page.context().close();
      // axe needs script: the same HTML, loaded with scripts on but the component never started.
      const check = await suite.env.browser.newContext({ viewport: { width, height: 900 } });
      const p2 = await check.newPage();
      await p2.route('**/vardval-kollen.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
      await p2.goto(suite.env.origin + path);
      await p2.evaluate(() => document.querySelectorAll('noscript').forEach((n) => n.replaceWith(...new DOMParser().parseFromString(n.textContent, 'text/html').body.childNodes)));
      await axe(p2, `${lang}-${width} no JavaScript`);
      await check.close();
    }
  });
}

test('keyboard only: each question with Tab, Shift+Tab, Enter and Space, focus always visible', async () => {
  const page = await open('/');
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { id: el.id, tag: el.tagName, text: el.textContent.trim().slice(0, 40), visible: s.outlineStyle !== 'none' || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)' };
    });
  const tabTo = async (match, { back = false, max = 80 } = {}) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const f = await focused();
      assert.notEqual(f.tag, 'BODY', 'tabbed past the end of the page');
      assert.ok(f.visible, `focus not visible on ${f.tag}#${f.id} "${f.text}"`);
      if (match(f)) return f;
    }
    throw new Error('never reached');
  };
  const byId = (id) => (f) => f.id === id;
  const button = (text) => (f) => f.tag === 'BUTTON' && f.text === text;

  // Relisting: one earlier change by own choice, then "Visa svar" with Enter.
  await tabTo(byId('vk-relist.c0.date'));
  await page.keyboard.type(swedishDay(-20));
  await tabTo(button('Visa svar'));
  await page.keyboard.press('Enter');
  await page.locator('#vk-relist-answer').waitFor({ state: 'visible' });
  assert.equal((await focused()).id, 'vk-relist-answer');
  assert.match(await page.locator('#vk-relist-answer .vk-answer-title').innerText(), /^Ja/);

  // Fees: a mistake first, fixed by going back with Shift+Tab; "Lägg till ett besök" with Space.
  await tabTo(byId('vk-fees.age'));
  await page.keyboard.type('x');
  await tabTo(byId('vk-fees.v0.date'));
  await page.keyboard.type(swedishDay(-3));
  await tabTo(byId('vk-fees.region'), { back: true });
  await tabTo(byId('vk-fees.v0.date'));
  await tabTo(button('Lägg till ett besök'));
  await page.keyboard.press('Space');
  assert.match((await focused()).id, /^vk-fees\.v\d+\.date$/, 'the new row takes focus');
  await page.keyboard.type(swedishDay(-2));
  await tabTo(button('Visa svar'));
  await page.keyboard.press('Enter');
  await page.locator('#vk-fees-heading ~ .vk-error-summary').waitFor();
  // The summary has focus; its link leads to the field.
  await tabTo((f) => f.tag === 'A' && f.text.startsWith('Skriv din ålder'));
  await page.keyboard.press('Enter');
  assert.equal((await focused()).id, 'vk-fees.age');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  await tabTo(button('Visa svar'));
  await page.keyboard.press('Enter');
  await page.locator('#vk-fees-answer').waitFor({ state: 'visible' });
  assert.match(await page.locator('#vk-fees-answer .vk-answer-title').innerText(), /400/);

  // Fixed doctor: choose "Nej" (not listed) with Space, then Enter.
  await tabTo(byId('vk-doctor.listed'));
  await page.keyboard.press('ArrowDown'); // the radio group: arrows move within it, as everywhere
  await page.keyboard.press('Space');
  await tabTo(button('Visa svar'));
  await page.keyboard.press('Enter');
  await page.locator('#vk-doctor-answer').waitFor({ state: 'visible' });
  assert.match(await page.locator('#vk-doctor-answer').innerText(), /Fast läkarkontakt: Nej/);
  await page.context().close();
});

test('200 % text: nothing is cut off and nothing scrolls sideways', async () => {
  const page = await open('/', { width: 1280 });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  await fillFees(page);
  await page.click('#vk-fees button[type=submit]');
  await page.locator('#vk-fees-answer').waitFor({ state: 'visible' });
  await noHorizontalScroll(page, '200 % text');
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => {
        const s = getComputedStyle(el);
        return ['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && !el.classList.contains('vk-visually-hidden');
      })
      .map((el) => el.tagName + '#' + el.id),
  );
  assert.deepEqual(clipped, []);
  await shot(page, 'sv-1280-7-text-200');

  // Printed, the answer stands alone: no forms, buttons or navigation.
  await page.evaluate(() => (document.documentElement.style.fontSize = ''));
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => ({
    form: getComputedStyle(document.getElementById('vk-fees')).display,
    button: getComputedStyle(document.querySelector('.vk-button')).display,
    answer: getComputedStyle(document.getElementById('vk-fees-answer')).display,
  }));
  assert.deepEqual(shown, { form: 'none', button: 'none', answer: 'block' });
  await shot(page, 'sv-1280-8-print');
  await page.context().close();
});
