// Which of the component's two catalogues holds what (src/page.rs,
// `LATER_KEYS`), checked against the bundled scripts as `make build` wrote
// them: the page holds (data/text-LANG.json) every label the component's
// first part names (www/vardval-kollen.js), and no other; the labels only
// the parts loaded later name (www/vardval-kollen-later.js,
// www/vardval-kollen-nearby.js) are in data/text-more-LANG.json, which they
// fetch as they load; the static page's own words are in neither. Of the
// engine's catalogue (i18n/LANG.json) the page holds all but the error
// messages (`error.*`, `type.*`) and what only an answer under a region's
// override says (`regional.*`, `param.*`, the override's titles and warning:
// src/page.rs, `LATER_ANSWER_KEYS`), which are in text-more, for the module,
// and which no script names. A key is
// named literally ('ui.fees.heading'), by a template (`ui.fees.where_${w}`,
// or "ui.fees.where_"+w as terser writes one), or as a named key's plural form or name in messages (KEY.one, KEY.name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

// src/page.rs, `LATER_ANSWER_KEYS`: each key, and the keys under it.
const LATER_ANSWER_KEYS = ['error', 'type', 'regional', 'param', 'rulebook.regional', 'rulebook.regional_title', 'warning.regional_rulebook'];
const LATER_GROUPS = LATER_ANSWER_KEYS.map((k) => k.replace(/\./g, '\\.')).join('|');
const LATER_ANSWER = new RegExp(`^(${LATER_GROUPS})(\\.|$)`);
const FORMS = ['zero', 'one', 'two', 'few', 'many', 'name'];
const json = (f) => JSON.parse(readFileSync(f, 'utf8'));
const labels = (o) => Object.keys(o).filter((k) => k.startsWith('ui.'));

/// The keys under `group` (a pattern) a bundled script names: literals, and templates as patterns.
function named(file, group = 'ui') {
  const js = readFileSync(file, 'utf8');
  const literals = new Set([...js.matchAll(new RegExp(`["'\`]((?:${group})\\.[\\w.]+)["'\`]`, 'g'))].map((m) => m[1]));
  const templates = [];
  for (const m of js.matchAll(new RegExp(`\`(?:${group})\\.`, 'g'))) {
    // The template's text, its ${…} holes (nested braces included) as patterns.
    let pattern = '';
    let i = m.index + 1;
    for (; js[i] !== '`'; i++) {
      if (js[i] === '$' && js[i + 1] === '{') {
        let depth = 0;
        for (i += 1; ; i++) {
          if (js[i] === '{') depth++;
          else if (js[i] === '}' && --depth === 0) break;
        }
        pattern += '[\\w]+';
      } else pattern += js[i].replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    }
    if (pattern.includes('[\\w]+')) templates.push(new RegExp(`^${pattern}$`));
  }
  // A template with one hole at its end, as terser writes it: "ui.nearby.list."+(…).
  for (const m of js.matchAll(/["'](ui\.[\w.]+)["']\+/g)) templates.push(new RegExp(`^${m[1].replace(/\./g, '\\.')}[\\w]+$`));
  const names = (key) => literals.has(key) || templates.some((t) => t.test(key));
  return (key) => {
    const [base, form] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)];
    return names(key) || (FORMS.includes(form) && names(base));
  };
}

test("the page holds the labels its component's first part names and the engine's text but its error messages, the second catalogue the rest", () => {
  const first = named('www/vardval-kollen.js');
  const later = named('www/vardval-kollen-later.js');
  const nearby = named('www/vardval-kollen-nearby.js');
  const scripts = ['www/vardval-kollen.js', 'www/vardval-kollen-later.js', 'www/vardval-kollen-nearby.js'].map((f) => named(f, LATER_GROUPS));
  for (const lang of readdirSync('i18n').map((f) => f.match(/^page\.(.+)\.json$/)?.[1]).filter(Boolean)) {
    const page = labels(json(`i18n/page.${lang}.json`));
    const held = new Set(labels(json(`www/data/text-${lang}.json`)));
    const more = new Set(Object.keys(json(`www/data/text-more-${lang}.json`)));
    for (const key of page) {
      const where = held.has(key) ? 'held' : more.has(key) ? 'more' : 'page only';
      if (first(key)) assert.equal(where, 'held', `${lang}: ${key}, which vardval-kollen.js names`);
      else if (later(key) || nearby(key)) assert.equal(where, 'more', `${lang}: ${key}, which only the parts loaded later name`);
      else assert.equal(where, 'page only', `${lang}: ${key}, which no script names`);
    }
    const messages = Object.keys(json(`i18n/${lang}.json`));
    const allHeld = json(`www/data/text-${lang}.json`);
    for (const key of messages) {
      const message = LATER_ANSWER.test(key);
      assert.equal(more.has(key) ? 'more' : Object.hasOwn(allHeld, key) ? 'held' : 'neither', message ? 'more' : 'held', `${lang}: ${key}`);
      if (message) for (const script of scripts) assert.ok(!script(key), `${lang}: ${key}, which a script names`);
    }
    assert.deepEqual([...more].filter((k) => !page.includes(k) && !messages.includes(k)), [], `${lang}: text-more holds the page's labels and the answers' keys the first answer never needs only`);
  }
});
