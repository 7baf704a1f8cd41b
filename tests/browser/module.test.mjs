// The WebAssembly module at its boundary, in a real browser: its JSON is the
// command line's JSON for the same situation, answers and errors alike. (The
// page built on it is tested in citizen.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openBrowser, cli } from './harness.mjs';

let env;
before(async () => {
  env = await openBrowser();
});
after(async () => {
  await env?.close();
});

async function ready(page) {
  await page.goto(`${env.origin}/`);
  await page.waitForSelector('vardval-kollen[data-ready="true"]', { timeout: 15_000 });
}

test('the module gives the same JSON as the command for the same situation', async () => {
  const page = await env.page();
  await ready(page);
  const good = JSON.parse(readFileSync('examples/situation.json', 'utf8'));
  const bad = { today: '2026-13-01', lang: 'en', person: { age: 300 }, visits: [{ date: 'soon', where: 'home' }] };
  const fromWasm = await page.evaluate(async ([good, bad]) => {
    // The module itself, as a region's developer would load it (the page's
    // component has its own copy inside its bundle): handed the rulebooks and
    // the catalogues of both languages, since it embeds neither.
    const mod = await import('./pkg/vardval.js');
    await mod.default();
    const { evaluate } = mod;
    mod.set_rulebooks(await (await fetch('./data/rulebooks.json')).text());
    for (const lang of ['sv', 'en']) mod.set_text(lang, await (await fetch(`./data/text-${lang}.json`)).text());
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
