// The citizen page as people use it: every question in Swedish and English,
// axe on every state (JavaScript on and off), keyboard only, 320 px and 200 %
// text, nothing leaving the origin, and the numbers shown equal to the
// engine's. Screenshots of every state go to $SCREENSHOTS_DIR/citizen/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserSuite, cli, swedishDay, SCREENSHOTS, assertNoAxeViolations, $id, fillSituation } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/citizen`;

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
  await fillSituation(page, { home: '01', age: 40 });
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

/// The steps shown under "Vad gör jag nu?" in `scope`.
const stepsIn = (scope) => scope.locator('.vk-steps li').allInnerTexts();

for (const lang of ['sv', 'en']) {
  const path = lang === 'sv' ? '/' : '/en/';

  test(`${lang}: every question answered from one situation, with the engine's numbers and steps, accessible in every state`, async () => {
    for (const width of [1280, 320]) {
      const page = await open(path, { width });
      const tag = `${lang}-${width}`;
      const startHistory = await page.evaluate(() => history.length);
      // Nothing is chosen for the person: no region, no checked radio.
      assert.equal(await page.inputValue($id('vk-situation.home')), '');
      assert.equal(await page.locator('vardval-kollen input[type=radio]:checked').count(), 0, 'no pre-checked answer');
      await axe(page, `${tag} empty`);
      await noHorizontalScroll(page, `${tag} empty`);
      await shot(page, `${tag}-1-empty`);

      // A question that needs a missing piece asks for it in the error summary, linked to "Din situation".
      await page.click('#vk-fees button[type=submit]');
      const summary = page.locator('#vk-fees-section .vk-error-summary');
      await summary.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains('vk-error-summary')), true, 'focus moves to the error summary');
      assert.deepEqual(await summary.locator('a').evaluateAll((as) => as.map((a) => [a.dataset.code, a.getAttribute('href'), a.textContent])), [
        ['missing_field', '#vk-situation.home', lang === 'sv' ? 'Välj regionen där du bor' : 'Choose the region where you live'],
        ['missing_field', '#vk-situation.age', lang === 'sv' ? 'Fyll i din ålder eller ditt födelsedatum' : 'Enter your age or date of birth'],
      ]);
      await summary.locator('a').first().click();
      assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-situation.home', 'the summary links to the field in "Din situation"');
      // Then mistakes of form: the engine's codes, by each field.
      await fillSituation(page, { home: '01', age: lang === 'sv' ? 'fyrtio' : 'forty' });
      await page.fill($id('vk-fees.v0.date'), '31/02/2026');
      await page.click('#vk-fees button[type=submit]');
      await summary.waitFor();
      assert.deepEqual(await summary.locator('a').evaluateAll((as) => as.map((a) => [a.dataset.code, a.getAttribute('href')])), [['invalid_type', '#vk-situation.age'], ['invalid_date', '#vk-fees.v0.date']]);
      assert.equal(await page.getAttribute($id('vk-situation.age'), 'aria-invalid'), 'true');
      assert.equal(await page.locator($id('vk-situation.age-error')).textContent(), lang === 'sv' ? 'Fel: Skriv din ålder eller ditt födelsedatum med siffror' : 'Error: Enter your age or date of birth in figures');
      await axe(page, `${tag} error summary`);
      await shot(page, `${tag}-2-errors`);

      // The situation: Stockholm, listed in Stockholm, 40 years.
      await fillSituation(page, { age: 40, listed: 'yes', unitRegion: '01' });

      // 1. Relisting: three changes written in three formats → not now, a date to come back.
      const dates = await fillRelist(page, lang);
      await page.click('#vk-relist button[type=submit]');
      const relist = await answerOf(page, 'relist');
      assert.deepEqual(relist.situation.listing.changes.map((c) => c.date), dates.map((d) => d.iso), 'dates accepted as 2/1/2026, 2 jan 2026 and 2 januari 2026');
      const expected = cli(relist.situation);
      assert.equal(expected.listing.can_change, false);
      assert.equal(await relist.box.locator('.vk-answer-title').innerText(), expected.listing.headline);
      assert.match(expected.listing.headline, lang === 'sv' ? /^Nej, eftersom du redan har bytt 3 gånger/ : /^No, because you have already changed 3 times/);
      assert.deepEqual(await stepsIn(relist.box), expected.listing.next_steps.map((x) => x.text), 'the steps are the engine\'s');
      assert.deepEqual(expected.listing.next_steps.map((x) => x.code), ['wait_until', 'use_special_reason']);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-relist-answer', 'focus moves to the answer');
      const [download] = await Promise.all([page.waitForEvent('download'), relist.box.locator('button', { hasText: lang === 'sv' ? 'Lägg till i kalender' : 'Add to calendar' }).click()]);
      assert.match(readFileSync(await download.path(), 'utf8'), new RegExp(`DTSTART;VALUE=DATE:${expected.listing.next_free_change.replaceAll('-', '')}`));
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
      assert.equal(f.proposal.total_charged, 100 + 400, 'the proposal: 100 kr at the listed unit, the emergency department its own fee');
      assert.deepEqual(await stepsIn(fees.box), f.next_steps.map((x) => x.text));
      // Row labels carry the row's number.
      assert.equal(await page.getByRole('textbox', { name: lang === 'sv' ? 'Besök 2, Datum för besöket' : 'Visit 2, Date of the visit' }).count(), 1);
      await axe(page, `${tag} fees answer`);
      await noHorizontalScroll(page, `${tag} fees answer`);
      await shot(page, `${tag}-4-fees`);

      // 3. Fixed doctor and care guarantee, from the situation alone.
      await page.click('#vk-doctor button[type=submit]');
      let doctor = await answerOf(page, 'doctor');
      let d = cli(doctor.situation);
      assert.equal(d.care_guarantee.applies, true);
      assert.deepEqual(await stepsIn(doctor.box), [...d.fixed_doctor.next_steps, ...d.care_guarantee.next_steps].map((x) => x.text));
      // The situation changes (listed in Västra Götaland): every answer is worked out again, with steps that agree.
      await page.selectOption($id('vk-situation.unit_region'), '14');
      await page.waitForFunction(() => JSON.parse(document.getElementById('vk-doctor-answer').dataset.situation).listing.unit.region === '14');
      doctor = await answerOf(page, 'doctor');
      d = cli(doctor.situation);
      assert.equal(d.care_guarantee.applies, false);
      assert.deepEqual(await doctor.box.locator('.vk-answer-title').allInnerTexts(), [`${lang === 'sv' ? 'Fast läkarkontakt' : 'Fixed doctor'}: ${d.fixed_doctor.headline}`, `${lang === 'sv' ? 'Vårdgarantin' : 'The care guarantee'}: ${d.care_guarantee.headline}`]);
      const steps = await stepsIn(doctor.box);
      assert.ok(!steps.some((t) => /samma dag|same day/.test(t)), 'no "contacted the same day" where the guarantee does not apply');
      assert.deepEqual([...d.fixed_doctor.next_steps, ...d.care_guarantee.next_steps].map((x) => x.code), ['ask_unit_for_fixed_doctor', 'list_in_home_region']);
      await axe(page, `${tag} doctor answer`);
      await noHorizontalScroll(page, `${tag} doctor answer`);
      await shot(page, `${tag}-5-doctor`);

      // Nothing was written to the address, the history or storage while the person typed.
      assert.equal(await page.evaluate(() => location.hash), '');
      assert.equal(await page.evaluate(() => history.length), startHistory);
      assert.deepEqual(await page.evaluate(() => [sessionStorage.length, localStorage.length]), [0, 0]);

      // Sharing by choice: the link, saying what it holds; opening it restores the answers.
      await page.click(`button:has-text("${lang === 'sv' ? 'Dela eller spara svaret' : 'Share or save the answer'}")`);
      const link = await page.inputValue($id('vk-share-link'));
      assert.match(await page.locator('.vk-share-panel').innerText(), lang === 'sv' ? /Länken innehåller det du har skrivit/ : /The link contains what you have entered/);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'vk-share-link');
      await axe(page, `${tag} share`);
      await shot(page, `${tag}-6-share`);
      // (The fee answer was worked out again when the unit moved to Västra Götaland: its own visit is priced there now.)
      const proposalNow = await page.locator('#vk-fees-answer .vk-proposal').innerText();
      assert.notEqual(proposalNow, f.proposal.summary);
      const other = await suite.env.browser.newPage({ viewport: { width, height: 900 } });
      await other.goto(link);
      await other.waitForSelector('vardval-kollen[data-ready="true"]');
      await other.locator('#vk-doctor-answer').waitFor({ state: 'visible' });
      assert.equal(await other.locator('#vk-relist-answer .vk-answer-title').innerText(), expected.listing.headline);
      assert.equal(await other.locator('#vk-fees-answer .vk-proposal').innerText(), proposalNow);
      assert.deepEqual(await other.locator('#vk-doctor-answer .vk-answer-title').allInnerTexts(), await doctor.box.locator('.vk-answer-title').allInnerTexts());
      await other.close();

      assertSameOrigin(page);
      assert.deepEqual(await page.context().cookies(), [], 'no cookies');
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });

  test(`${lang}: the answers read well to a screen reader and name their sources' language`, async () => {
    const page = await open(path);
    await fillSituation(page, { home: '13', listed: 'no' });
    await page.click('#vk-doctor button[type=submit]');
    const { box } = await answerOf(page, 'doctor');
    const tree = await box.ariaSnapshot();
    const sv = lang === 'sv';
    // Headings lead with the reason, then the steps as a list, then why and the sources.
    assert.match(tree, sv ? /heading "Fast läkarkontakt: Inte ännu, eftersom du inte är listad på någon vårdcentral\." \[level=3\]/ : /heading "Fixed doctor: Not yet, because you are not listed at any unit\." \[level=3\]/);
    assert.match(tree, sv ? /heading "Vad gör jag nu\?" \[level=4\]\s*- list:\s*- listitem: Lista dig på en vårdcentral/ : /heading "What do I do now\?" \[level=4\]\s*- list:\s*- listitem: List at a unit/);
    const marked = await box.locator('.vk-sources a span[lang="sv"]').allInnerTexts();
    if (sv) assert.equal(marked.length, 0, 'a Swedish page needs no mark');
    else {
      // The title in Swedish, marked so; "(in Swedish)" after it, in the page's language.
      assert.ok(marked.length >= 4);
      assert.ok(marked.every((t) => !t.includes('Swedish')), marked.join(' | '));
      const links = await box.locator('.vk-sources a').allInnerTexts();
      assert.ok(links.every((t) => t.endsWith(' (in Swedish)')), links.join(' | '));
    }
    await page.context().close();
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
      const p2 = await suite.env.openStatic(path, { width });
      await axe(p2, `${lang}-${width} no JavaScript`);
      await p2.context().close();
    }
  });
}

for (const forced of [false, true]) {
  test(`keyboard only${forced ? ', in forced colours' : ''}: each question with Tab, Shift+Tab, Enter, Space and arrows, focus always visible`, async () => {
    const page = await open('/');
    if (forced) await page.emulateMedia({ forcedColors: 'active' });
    const focused = () =>
      page.evaluate((forced) => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        // Forced colours drop backgrounds and shadows: only an outline of at least 2 px shows.
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        return { id: el.id, tag: el.tagName, text: el.textContent.trim().slice(0, 40), visible: forced ? outline : outline || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)' };
      }, forced);
    const tabTo = async (match, { back = false, max = 90 } = {}) => {
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
    const link = (text) => (f) => f.tag === 'A' && f.text === text;

    // The contents link moves focus to its question, not only the view.
    await tabTo(link('Vad kostar mina besök?'));
    await page.keyboard.press('Enter');
    assert.equal((await focused()).id, 'vk-fees-heading');
    await tabTo(byId('vk-situation.home'), { back: true });
    // Din situation: a region with the arrow keys, "Ja" with Space, the region that appears, an age.
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('[id="vk-situation.home"]'), '01');
    // Chromium returns to the radio last focused in a group (here "Nej", passed on the way back).
    const radio = await tabTo((f) => f.id.startsWith('vk-situation.listed'));
    await page.keyboard.press(radio.id === 'vk-situation.listed' ? 'Space' : 'ArrowUp');
    assert.equal(await page.locator('[id="vk-situation.listed"]').isChecked(), true);
    await tabTo(byId('vk-situation.unit_region'));
    await page.keyboard.press('ArrowDown');
    await tabTo(byId('vk-situation.age'));
    await page.keyboard.type('50');

    // Relisting: one earlier change by own choice, then "Visa svar" with Enter.
    await tabTo(byId('vk-relist.c0.date'));
    await page.keyboard.type(swedishDay(-20));
    await tabTo(button('Visa svar'));
    await page.keyboard.press('Enter');
    await page.locator('#vk-relist-answer').waitFor({ state: 'visible' });
    assert.equal((await focused()).id, 'vk-relist-answer');
    assert.match(await page.locator('#vk-relist-answer .vk-answer-title').innerText(), /^Ja, du kan byta/);

    // Fees: a mistake first, fixed by going back with Shift+Tab; "Lägg till ett besök" with Space.
    await tabTo(byId('vk-fees.v0.date'));
    await page.keyboard.type('x');
    await tabTo(byId('vk-situation.age'), { back: true });
    await tabTo(byId('vk-fees.v0.date'));
    await page.keyboard.press('Control+A');
    await page.keyboard.type(swedishDay(-3));
    await tabTo(button('Lägg till ett besök'));
    await page.keyboard.press('Space');
    assert.match((await focused()).id, /^vk-fees\.v\d+\.date$/, 'the new row takes focus');
    await page.keyboard.type('y');
    await tabTo(button('Visa svar'));
    await page.keyboard.press('Enter');
    await page.locator('#vk-fees-section .vk-error-summary').waitFor();
    // The summary has focus; its link leads to the field.
    await tabTo((f) => f.tag === 'A' && f.text.startsWith('Skriv besök 2, datum för besöket'));
    await page.keyboard.press('Enter');
    assert.match((await focused()).id, /^vk-fees\.v\d+\.date$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(swedishDay(-2));
    await tabTo(button('Visa svar'));
    await page.keyboard.press('Enter');
    await page.locator('#vk-fees-answer').waitFor({ state: 'visible' });
    assert.match(await page.locator('#vk-fees-answer .vk-answer-title').innerText(), /550/, 'Stockholm: 2 × 275 kr');

    // Fixed doctor: the answer from the situation, with Enter.
    await tabTo(button('Visa svar'));
    await page.keyboard.press('Enter');
    await page.locator('#vk-doctor-answer').waitFor({ state: 'visible' });
    assert.match(await page.locator('#vk-doctor-answer').innerText(), /Vårdgarantin: Ja/);
    if (forced) {
      await assertNoAxeViolations(page, 'forced colours, answered');
      await shot(page, 'sv-1280-9-forced-colours');
    }
    await page.context().close();
  });
}

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
  await page.context().close();
});

test('print: one A4 page per answered question, with the name, the date, what was entered, the steps and the sources', async () => {
  for (const lang of ['sv', 'en']) {
    const page = await open(lang === 'sv' ? '/' : '/en/');
    await fillSituation(page, { home: '01', listed: 'yes', unitRegion: '01', age: 40 });
    await page.fill($id('vk-relist.c0.date'), swedishDay(-20));
    await page.click('#vk-relist button[type=submit]');
    await fillFees(page);
    await page.click('#vk-fees button[type=submit]');
    await page.click('#vk-doctor button[type=submit]');
    await page.locator('#vk-doctor-answer').waitFor({ state: 'visible' });
    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g).length;
    assert.equal(pages, 3, `${lang}: ${pages} pages for three answered questions`);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const d = (sel) => getComputedStyle(document.querySelector(sel)).display;
      return { form: d('#vk-fees'), situation: d('.vk-situation'), nearby: d('#vk-nearby-section'), header: d('.vk-print-header'), entered: d('#vk-fees-answer .vk-entered'), steps: d('#vk-fees-answer .vk-steps'), source: getComputedStyle(document.querySelector('#vk-fees-answer .vk-sources a'), '::after').content };
    });
    assert.deepEqual({ ...shown, source: undefined }, { form: 'none', situation: 'none', nearby: 'none', header: 'block', entered: 'block', steps: 'block', source: undefined });
    assert.match(shown.source, /^" \(https:\/\/lagen\.nu\//, 'each source prints its address');
    assert.match(await page.locator('.vk-print-header').innerText(), /^Vårdvalskollen\. (Beräknat|Worked out on) /);
    assert.match(await page.locator('#vk-fees-answer .vk-entered').innerText(), lang === 'sv' ? /Region Stockholm/ : /Region Stockholm/);
    await shot(page, `${lang}-1280-8-print`);
    await page.context().close();
  }
});

test('a click right after typing is not lost when the answer it completes takes the error summary away', async () => {
  const page = await open('/');
  await page.click('#vk-fees button[type=submit]');
  await page.locator('#vk-fees-section .vk-error-summary').waitFor();
  await page.selectOption($id('vk-situation.home'), '01');
  await page.fill($id('vk-fees.v0.date'), swedishDay(-30));
  // Typed, not left: the click on the radio is what ends the field, which answers
  // the waiting question and takes the age's error message away above the radio.
  await page.fill($id('vk-situation.age'), '40');
  await page.click($id('vk-situation.listed'));
  assert.equal(await page.isChecked($id('vk-situation.listed')), true, 'the click reached the radio');
  await page.locator('#vk-fees-answer').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#vk-fees-section .vk-error-summary').count(), 0);
  await page.context().close();
});

test('the language switch carries the answers across, and month names are read in both languages', async () => {
  const page = await open('/');
  await fillSituation(page, { home: '01', listed: 'yes', unitRegion: '03', age: 40 });
  // Remembered by month only, in Swedish: counted as late as it can be.
  const [y, m] = swedishDay(-100).split('-');
  const month = new Intl.DateTimeFormat('sv-SE', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(+y, +m - 1, 1));
  await page.fill($id('vk-relist.c0.date'), `${month} ${y}`);
  await page.click('#vk-relist button[type=submit]');
  const relist = await answerOf(page, 'relist');
  assert.equal(relist.situation.listing.changes[0].date, `${y}-${m}`);
  await page.click('#vk-doctor button[type=submit]');
  await answerOf(page, 'doctor');
  await Promise.all([page.waitForURL(/\/en\/$/), page.click('.vk-langs a[hreflang=en]')]);
  await page.waitForSelector('vardval-kollen[data-ready="true"]');
  await page.locator('#vk-doctor-answer').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => location.hash), '', 'nothing in the address');
  assert.deepEqual(await page.evaluate(() => sessionStorage.length), 0, 'read once and removed');
  // The Swedish month name is read on the English page.
  const en = await answerOf(page, 'relist');
  assert.equal(en.situation.listing.changes[0].date, `${y}-${m}`);
  assert.equal(await page.locator('#vk-relist-answer .vk-answer-title').innerText(), cli(en.situation).listing.headline);
  assert.match(await page.locator('#vk-doctor-answer').innerText(), /The care guarantee: No, because your unit is in another region/);
  await page.context().close();
});

/// The three people of issue 9, as they would use the page: their screens at 1280 and 320 px.
test('three people: a 34-year-old in Göteborg, an 86-year-old in Kalmar, a woman who moved from Uppsala to Stockholm', async () => {
  for (const width of [1280, 320]) {
    // 34, Göteborg (Västra Götaland, 14), listed there, a doctor's visit.
    let page = await open('/', { width });
    await fillSituation(page, { home: '14', listed: 'yes', unitRegion: '14', age: 34 });
    await page.fill($id('vk-fees.v0.date'), swedishDay(-40));
    await page.click('#vk-fees button[type=submit]');
    const gbg = await answerOf(page, 'fees');
    assert.equal(await gbg.box.locator('.vk-answer-title').innerText(), cli(gbg.situation).fees.headline);
    assert.equal(cli(gbg.situation).fees.total_charged, 200, 'VGR: 200 kr for a doctor at a vårdcentral');
    await page.click('#vk-doctor button[type=submit]');
    await answerOf(page, 'doctor');
    assert.match(await page.locator('#vk-doctor-answer').innerText(), /Vårdgarantin: Ja/);
    await shot(page, `person-gothenburg-${width}`);
    await page.context().close();

    // 86, Kalmar (08): free because of the age, said first; no steps about receipts.
    page = await open('/', { width });
    await fillSituation(page, { home: '08', listed: 'yes', unitRegion: '08', age: 86 });
    await page.fill($id('vk-fees.v0.date'), swedishDay(-15));
    await page.click('#vk-fees button[type=submit]');
    const kalmar = await answerOf(page, 'fees');
    assert.equal(await kalmar.box.locator('.vk-answer-title').innerText(), 'Dina besök är gratis eftersom du är 85 år eller äldre.');
    assert.doesNotMatch(await kalmar.box.locator('.vk-steps').innerText().catch(() => ''), /kvitton/);
    await axe(page, `Kalmar 86 at ${width}`);
    await shot(page, `person-kalmar-86-${width}`);
    await page.context().close();

    // Moved from Uppsala (03) to Stockholm (01), still listed in Uppsala; reads English better.
    page = await open('/en/', { width });
    await fillSituation(page, { home: '01', listed: 'yes', unitRegion: '03', age: 29 });
    await page.click('#vk-doctor button[type=submit]');
    const moved = await answerOf(page, 'doctor');
    const steps = await stepsIn(moved.box);
    assert.ok(steps.some((t) => /List at a unit in Region Stockholm.*If you have moved, that is a special reason/.test(t)), steps.join(' | '));
    await page.fill($id('vk-relist.c0.date'), 'februari ' + swedishDay(-300).slice(0, 4));
    await page.selectOption($id('vk-relist.reason'), 'moved');
    await page.click('#vk-relist button[type=submit]');
    const r = await answerOf(page, 'relist');
    assert.equal(await r.box.locator('.vk-answer-title').innerText(), cli(r.situation).listing.headline);
    await axe(page, `moved, English, at ${width}`);
    await shot(page, `person-moved-en-${width}`);
    await page.context().close();
  }
});
