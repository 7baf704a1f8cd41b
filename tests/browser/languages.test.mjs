// The pages in Arabic, Finnish and lättläst (issue 12): every state of each
// at 1280 and 320 px with axe, the language menu, the translation note, the
// engine's answers in the page's language, the legal sources' titles in
// Swedish and marked so, and Arabic laid out right to left. Screenshots of
// every state go to $SCREENSHOTS_DIR/languages/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { browserSuite, cli, swedishDay, SCREENSHOTS, assertNoAxeViolations, $id, fillSituation } from './harness.mjs';

const SHOTS = `${SCREENSHOTS}/languages`;
const suite = browserSuite(SHOTS);

const catalogue = (code) => ({ ...JSON.parse(readFileSync(`i18n/${code}.json`, 'utf8')), ...JSON.parse(readFileSync(`i18n/page.${code}.json`, 'utf8')) });
const OWN_NAMES = ['sv', 'en', 'ar', 'fi', 'sv-x-easy'].map((code) => catalogue(code)['ui.lang.name']);

const PAGES = [
  { path: '/ar/', code: 'ar', htmlLang: 'ar', dir: 'rtl' },
  { path: '/fi/', code: 'fi', htmlLang: 'fi', dir: 'ltr' },
  { path: '/lattlast/', code: 'sv-x-easy', htmlLang: 'sv', dir: 'ltr' },
];

async function check(page, state) {
  await assertNoAxeViolations(page, state);
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${state}: the page scrolls sideways (${scroll} > ${width})`);
  await page.screenshot({ path: `${SHOTS}/${state.replaceAll(' ', '-')}.png`, fullPage: true });
}

/// The answer shown for `name`, and the headline the command gives for the same situation.
async function answered(page, name, section) {
  const box = page.locator(`#vk-${name}-answer`);
  await box.waitFor({ state: 'visible' });
  const situation = JSON.parse(await box.getAttribute('data-situation'));
  return { box, situation, expected: cli(situation)[section].headline };
}

for (const { path, code, htmlLang, dir } of PAGES) {
  const text = catalogue(code);

  test(`${code}: every state accessible at 1280 and 320 px, in the page's language`, async () => {
    for (const width of [1280, 320]) {
      const page = await suite.env.open(path, { width });
      const tag = `${code}-${width}`;
      assert.equal(await page.getAttribute('html', 'lang'), htmlLang);
      assert.equal(await page.getAttribute('html', 'dir'), dir);
      assert.equal(await page.getAttribute('vardval-kollen', 'lang'), code);
      // The menu names every language in that language, and marks this one.
      assert.deepEqual(await page.locator('.vk-langs a').allInnerTexts(), OWN_NAMES);
      assert.equal(await page.locator('.vk-langs a[aria-current=page]').innerText(), text['ui.lang.name']);
      // The Swedish text is the original, and nobody has checked the translation.
      const note = page.locator('.vk-translation');
      assert.equal((await note.innerText()).trim(), `${text['ui.translation.note']} ${text['ui.translation.original']}`);
      assert.equal(await note.locator('a').getAttribute('href'), '../');
      // Its words are in the page's language (a Swedish voice would misread them); it leads to Swedish.
      assert.equal(await note.locator('a').getAttribute('lang'), null);
      assert.equal(await note.locator('a').getAttribute('hreflang'), 'sv');
      assert.equal(await page.locator('#vk-fees-heading').innerText(), text['ui.fees.heading']);
      await check(page, `${tag} 1 empty`);

      // The error summary, in the page's language.
      await page.click('#vk-fees button[type=submit]');
      const summary = page.locator('#vk-fees-section .vk-error-summary');
      await summary.waitFor();
      const upper = (s) => s.charAt(0).toUpperCase() + s.slice(1);
      assert.deepEqual(await summary.locator('a').allInnerTexts(), [
        upper(text['ui.error.missing_choice'].replace('{label}', text['ui.situation.home.name'])),
        upper(text['ui.error.missing_field'].replace('{label}', text['ui.situation.age.name'])),
      ]);
      await check(page, `${tag} 2 errors`);

      // Fees: Stockholm, 40, one doctor's visit a month ago.
      await fillSituation(page, { home: '01', listed: 'yes', unitRegion: '01', age: 40 });
      await page.fill($id('vk-fees.v0.date'), swedishDay(-30));
      await page.click('#vk-fees button[type=submit]');
      const fees = await answered(page, 'fees', 'fees');
      assert.equal(fees.situation.lang, code);
      assert.equal(await fees.box.locator('.vk-answer-title').innerText(), fees.expected);
      // A law's title stays in Swedish: marked as Swedish where the page is not.
      const sources = await fees.box.locator('.vk-sources a').count();
      const marked = fees.box.locator('.vk-sources a span[lang=sv]');
      assert.ok(sources > 0);
      assert.equal(await marked.count(), code.startsWith('sv') ? 0 : sources);
      if (!code.startsWith('sv')) assert.ok((await fees.box.locator('.vk-sources a').first().innerText()).endsWith(` ${text['ui.source_in_sv']}`));
      await check(page, `${tag} 3 fees`);

      // Changing unit: one change 50 days ago.
      await page.fill($id('vk-relist.c0.date'), swedishDay(-50));
      await page.click('#vk-relist button[type=submit]');
      const relist = await answered(page, 'relist', 'listing');
      assert.equal(await relist.box.locator('.vk-answer-title').innerText(), relist.expected);
      await check(page, `${tag} 4 relist`);

      await page.click('#vk-doctor button[type=submit]');
      const doctor = await answered(page, 'doctor', 'fixed_doctor');
      assert.ok((await doctor.box.locator('.vk-answer-title').first().innerText()).endsWith(doctor.expected));
      await check(page, `${tag} 5 doctor`);

      await page.fill($id('vk-nearby.where'), '553 20');
      await page.click('#vk-nearby button[type=submit]');
      await page.locator('#vk-nearby-answer .vk-unit').first().waitFor();
      await check(page, `${tag} 6 nearby`);

      await page.click('.vk-share button[aria-controls]');
      await page.locator('.vk-share-link').waitFor();
      await check(page, `${tag} 7 share`);

      // Arabic is laid out from the right: the answers' edge stands on the right.
      const edges = await page.locator('#vk-fees-answer').evaluate((e) => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]);
      assert.deepEqual(edges.map((w) => w !== '0px'), dir === 'rtl' ? [true, false] : [false, true]);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });
}

test('Arabic plural forms are chosen by the count, as the engine chooses them', async () => {
  const page = await suite.env.open('/ar/');
  // listing.counted.some has Arabic's one, two, few and many forms (i18n/ar.json).
  const shown = await page.evaluate(() => [1, 2, 3, 11, 100].map((n) => document.querySelector('vardval-kollen').t('listing.counted.some', { count: n, dates: 'x' })));
  assert.deepEqual(shown, ['يُحسب تغيير واحد: x.', 'يُحسب تغييران (2): x.', 'تُحسب 3 تغييرات: x.', 'يُحسب 11 تغييرًا: x.', 'يُحسب 100 تغيير: x.']);
  await page.context().close();
});

test('the layout has no left or right of its own: logical properties only, so Arabic mirrors', () => {
  const css = readFileSync('www/src/style.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  assert.deepEqual(css.match(/[^{};]*\b(left|right)\b[^;}]*/g) ?? [], []);
  // A shorthand with four values names left and right by position.
  assert.deepEqual(css.match(/\b(margin|padding): *[^ ;]+ +[^ ;]+ +[^ ;]+ +[^ ;]+/g) ?? [], []);
});

test('the component knows every language there is a catalogue for, and nothing else', async () => {
  const codes = readdirSync('i18n').map((f) => f.match(/^page\.(.+)\.json$/)?.[1]).filter(Boolean).sort();
  const { LANGUAGES } = await import('../../www/src/dom.js');
  assert.deepEqual(Object.keys(LANGUAGES).sort(), codes);
  assert.deepEqual([...OWN_NAMES].length, codes.length);
  for (const code of codes) assert.ok(existsSync(`dist/npm/data/text-${code}.json`), `the npm package has text-${code}.json`);
});

test('a month written in Finnish or Arabic is read, and in Swedish or English on those pages', async () => {
  for (const [path, code] of [['/fi/', 'fi'], ['/ar/', 'ar']]) {
    const page = await suite.env.open(path);
    // The component's reading of a date; a date in words is read by its part
    // loaded later, which may still be on its way (NotLoaded, www/src/parts.js).
    const date = (written) =>
      page.evaluate(async (w) => {
        const component = document.querySelector('vardval-kollen');
        try {
          return component.date(w);
        } catch (e) {
          if (!e.part) throw e;
          await e.part.load(component);
          return component.date(w);
        }
      }, written);
    const text = catalogue(code);
    const [y, m, d] = swedishDay(-40).split('-').map(Number);
    const written = code === 'fi' ? `${d}. ${text[`month.${m}`]} ${y}` : `${d} ${text[`month.${m}`]} ${y}`;
    const iso = await date(written);
    assert.equal(iso, swedishDay(-40), `${code}: ${written}`);
    // And in Swedish or English, the languages of Sweden's own papers.
    for (const other of [`${d} ${catalogue('sv')[`month.${m}`]} ${y}`, `${d} ${catalogue('en')[`month.${m}`]} ${y}`, '3 oct 2026', '3 okt 2026']) {
      const expected = other.startsWith('3 ') ? '2026-10-03' : swedishDay(-40);
      assert.equal(await date(other), expected, `${code}: ${other}`);
    }
    await page.context().close();
  }
});

test('digits typed on an Arabic keyboard (٠–٩) are read as the same numbers', async () => {
  const page = await suite.env.open('/ar/');
  const arabic = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  const [y, m, d] = swedishDay(-30).split('-').map(Number);
  await fillSituation(page, { home: '01', listed: 'yes', unitRegion: '01' });
  await page.fill($id('vk-situation.age'), arabic('40'));
  // "25 أكتوبر 2026" as an Arabic keyboard types it, and an amount paid in Persian digits (۰–۹).
  await page.fill($id('vk-fees.v0.date'), `${arabic(String(d))} ${catalogue('ar')[`month.${m}`]} ${arabic(String(y))}`);
  await page.fill($id('vk-fees.v0.paid'), '۲۰۰');
  await page.click('#vk-fees button[type=submit]');
  const fees = await answered(page, 'fees', 'fees');
  assert.equal(fees.situation.person.age, 40);
  assert.equal(fees.situation.visits[0].date, swedishDay(-30));
  assert.equal(fees.situation.visits[0].paid, 200);
  assert.equal(await fees.box.locator('.vk-answer-title').innerText(), fees.expected);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without JavaScript, each page shows the rules in full in its language, accessible', async () => {
  for (const { path, code } of PAGES) {
    const text = catalogue(code);
    for (const width of [1280, 320]) {
      const page = await suite.env.open(path, { width, js: false });
      assert.equal(await page.locator('#vk-rules').innerText(), text['static.heading']);
      assert.equal(await page.locator('.vk-langs a').count(), 5);
      await page.screenshot({ path: `${SHOTS}/${code}-${width}-0-no-js.png`, fullPage: true });
      await page.context().close();
      const p2 = await suite.env.openStatic(path, { width });
      await check(p2, `${code}-${width} 0 no-js`);
      await p2.context().close();
    }
  }
});

test('embedded in Arabic (the iframe page), the component reads right to left and says it is a translation', async () => {
  const text = catalogue('ar');
  for (const width of [1280, 320]) {
    const page = await suite.env.open('/embed.html?lang=ar&region=01', { width });
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    assert.equal(await page.locator('vardval-kollen .vk-translation').innerText(), text['ui.translation.note']);
    await check(page, `ar-${width} embed`);
    await page.context().close();
  }
  // A host page in Swedish embedding the Arabic component: the component turns itself right to left.
  const page = await suite.env.open('/embed.html?lang=sv');
  const dir = await page.evaluate(async () => {
    const c = document.createElement('vardval-kollen');
    c.setAttribute('lang', 'ar');
    document.body.append(c);
    await new Promise((ok) => { const t = setInterval(() => c.dataset.ready && (clearInterval(t), ok()), 50); });
    return [c.dir, getComputedStyle(c).direction, c.querySelector('.vk-translation') !== null];
  });
  assert.deepEqual(dir, ['rtl', 'rtl', true]);
  await page.context().close();
});
