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

test('the modules give the same JSON as the command for the same situation', async () => {
  const page = await env.page();
  await ready(page);
  const good = JSON.parse(readFileSync('examples/situation.json', 'utf8'));
  const bad = { today: '2026-13-01', lang: 'en', person: { age: 300 }, visits: [{ date: 'soon', where: 'home' }] };
  const got = await page.evaluate(async ([good, bad]) => {
    // The modules themselves, as a region's developer would load them (the
    // page's component has its own copy inside its bundle): handed the
    // catalogues of both languages, each in its two files (the second with the
    // error messages), since they embed no sentence (they carry
    // the rulebooks).
    const load = async (path) => {
      const mod = await import(path);
      await mod.default();
      for (const lang of ['sv', 'en']) for (const file of ['text', 'text-more']) mod.set_text(lang, await (await fetch(`./data/${file}-${lang}.json`)).text());
      return mod;
    };
    const thrown = (f) => Promise.resolve().then(f).then(() => null, (e) => e);
    // The page's: JSON text in and out, the answer or the error object.
    const small = await load('./pkg/vardval.js');
    // The full one (the npm package's) also takes and gives plain objects, and throws the error object.
    const full = await load('./pkg-full/vardval_full.js');
    const answer = full.evaluate(good);
    return {
      small: {
        answer: small.evaluate_json(JSON.stringify(good)),
        bad: small.evaluate_json(JSON.stringify(bad)),
        notObject: small.evaluate_json('null'),
        notJson: small.evaluate_json('{"today": '),
        exports: Object.keys(small).sort(),
      },
      full: { answer, plain: Object.getPrototypeOf(answer.fees) === Object.prototype, text: full.evaluate_json(JSON.stringify(good)), thrown: await thrown(() => full.evaluate(bad)), notJson: await thrown(() => full.evaluate(undefined)) },
    };
  }, [good, bad]);
  const answer = JSON.parse(got.small.answer);
  assert.deepEqual(answer, cli(good));
  assert.equal(answer.errors, undefined, 'an answer has no errors field');
  const refused = JSON.parse(got.small.bad);
  assert.deepEqual(refused, cli(bad));
  assert.ok(refused.errors.length >= 4, got.small.bad);
  assert.deepEqual(JSON.parse(got.small.notObject).errors.map((e) => [e.path, e.code]), [['', 'invalid_type']]);
  assert.deepEqual(JSON.parse(got.small.notJson).errors.map((e) => e.code), ['invalid_json']);
  // null (not left out) where the contract says null.
  assert.equal(answer.listing.next_free_change, null);
  // The page's module: strings and numbers only, no way that takes or gives a JS object.
  assert.deepEqual(got.small.exports, ['default', 'evaluate_json', 'initSync', 'max_items', 'set_text']);
  assert.deepEqual(got.full.answer, answer);
  assert.deepEqual(JSON.parse(got.full.text), answer);
  assert.ok(got.full.plain, 'plain objects');
  assert.deepEqual(got.full.thrown, cli(bad));
  // What JSON cannot hold is not a situation.
  assert.deepEqual(got.full.notJson.errors.map((e) => [e.path, e.code]), [['', 'invalid_type']]);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// A region's own rules: the page's module refuses them with a code that says
// which module reads them; that one (the npm package's) answers as the command.
test("a region's override: only the full module reads it, as the command does", async () => {
  const page = await env.page();
  await ready(page);
  const situation = {
    ...JSON.parse(readFileSync('examples/situation.json', 'utf8')),
    lang: 'en',
    rulebook: { base: 'se', override: JSON.parse(readFileSync('tests/fixtures/override-halland.json', 'utf8')) },
  };
  const got = await page.evaluate(async (situation) => {
    const run = async (path) => {
      const mod = await import(path);
      await mod.default();
      for (const file of ['text', 'text-more']) mod.set_text('en', await (await fetch(`./data/${file}-en.json`)).text());
      return JSON.parse(mod.evaluate_json(JSON.stringify(situation)));
    };
    return { small: await run('./pkg/vardval.js'), full: await run('./pkg-full/vardval_full.js') };
  }, situation);
  assert.deepEqual(got.small.errors.map((e) => [e.path, e.code]), [['rulebook.override', 'override_not_read']]);
  assert.match(got.small.errors[0].message, /full module \(pkg-full\)/);
  assert.deepEqual(got.full, cli(situation));
  assert.equal(got.full.rulebook.overridden, true);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// The full nearby module (the npm package's): the page's own module has no numeric way.
test("the nearby module's numeric way: positions in as one Float64Array, indices out; what it refuses", async () => {
  const page = await env.page();
  await ready(page);
  const got = await page.evaluate(async () => {
    const mod = await import('./pkg-nearby-full/vardval_nearby_full.js');
    await mod.default();
    const thrown = (f) => {
      try {
        f();
        return null;
      } catch (e) {
        return e;
      }
    };
    const beforeText = thrown(() => mod.nearest_ids(91, 15, 3));
    for (const file of ['text', 'text-more']) mod.set_text('sv', await (await fetch(`./data/${file}-sv.json`)).text());
    // Göteborg, Stockholm, Jönköping, Malmö: [lat, lon, …].
    const count = mod.set_positions(new Float64Array([57.7089, 11.9746, 59.3293, 18.0686, 57.7826, 14.1618, 55.605, 13.0038]));
    const ids = mod.nearest_ids(57.75, 14.0, 3);
    const within = mod.nearest_ids(57.75, 14.0, 10, 150);
    const json = mod.nearby({ from: { lat: 57.75, lon: 14.0 }, k: 2, lang: 'en' });
    const badQuery = thrown(() => mod.nearest_ids(91, 15, 3, 0));
    const refused = thrown(() => mod.set_positions(new Float64Array([57.7, 11.9, NaN, 12, 57.7, 200, 58])));
    const still = mod.nearest_ids(57.75, 14.0, 1);
    return { count, ids: [...ids], isUint32: ids instanceof Uint32Array, within: [...within], json, beforeText, badQuery, refused, still: [...still] };
  });
  assert.equal(got.count, 4);
  // Jönköping (about 10 km), Göteborg (about 120 km), Malmö (about 240 km).
  assert.deepEqual(got.ids, [2, 0, 3]);
  assert.ok(got.isUint32);
  assert.deepEqual(got.within, [2, 0]);
  assert.deepEqual(got.json.units.map((u) => [u.id, u.lat, u.lon]), [['2', 57.7826, 14.1618], ['0', 57.7089, 11.9746]]);
  // Without a catalogue a message is its key; with one, a sentence (in Swedish: nearest_ids has no lang).
  assert.equal(got.beforeText.errors[0].message, 'error.out_of_range');
  assert.deepEqual(got.badQuery.errors.map((e) => [e.path, e.code, e.message]), [['lat', 'out_of_range', 'lat ska vara mellan -90 och 90.'], ['max_km', 'out_of_range', 'max_km ska vara mellan 0 och 5000.']]);
  assert.deepEqual(got.refused.problems.map((p) => [p.line, p.field, p.code]), [[2, 'lat', 'invalid_number'], [3, 'lon', 'out_of_range'], [4, 'lon', 'missing_field']]);
  // A refused list leaves the one before it.
  assert.deepEqual(got.still, [2]);
  assert.deepEqual(page.errors, []);
  await page.close();
});
