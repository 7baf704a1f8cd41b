// <vardval-kollen>: the questions, their forms and their answers. The page
// hosts it; regions embed it. It holds no rule and no sentence of its own:
// the engine (WebAssembly) answers, and every label comes from the text
// catalogues (data/text-LANG.json, and data/text-more-LANG.json for the
// parts loaded later, written from i18n/ by `make build`).
//
// Rooms of its own, each a module: the situation asked once (situation.js),
// the questions' forms (questions.js), form parts (fields.js),
// answers (answers.js), sharing and print (sharing.js), nearby units
// (nearby-form.js, and nearby.js, loaded on first use); what the first answer
// does not need (later.js: the error summary, the share link, the calendar
// file, typed dates) is loaded once it has started (parts.js); platform.js
// says where files come from. esbuild bundles them into www/vardval-kollen.js,
// www/vardval-kollen-nearby.js and www/vardval-kollen-later.js
// (scripts/build-js.mjs).
import { h, today, formatter, LANGUAGES } from './dom.js';
import { startEngine, fetchText, evaluate } from './platform.js';
import { fields } from './fields.js';
import { situation } from './situation.js';
import { questions } from './questions.js';
import { answers } from './answers.js';
import { sharing } from './sharing.js';
import { nearbyForm } from './nearby-form.js';
import { laterPart, laterStandIns, NotLoaded, loadMoreText } from './parts.js';

// One WebAssembly instance for every component on the page; the one that
// reads a region's own rules only for a component with `rules-src`.
const engines = {};
let instances = 0;

class VardvalKollen extends HTMLElement {
  /// The values `lang` may take; any other means Swedish.
  static languages = LANGUAGES;

  async connectedCallback() {
    if (this.started) return;
    this.started = true;
    // Ids are unique per instance, so two components on one page do not mix;
    // only the first restores shared answers.
    instances += 1;
    this.idPrefix = instances === 1 ? 'vk' : `vk${instances}`;
    this.lang = Object.hasOwn(LANGUAGES, this.getAttribute('lang')) ? this.getAttribute('lang') : 'sv';
    // Arabic reads right to left, also inside a host page that does not.
    if (LANGUAGES[this.lang].dir === 'rtl' && !this.hasAttribute('dir')) this.dir = 'rtl';
    this.answered = new Set();
    // The module is fetched and compiled while the text is read (held in the
    // page, or fetched on an embedding page), not one after the other.
    const full = this.hasAttribute('rules-src');
    const engine = (engines[full ? 'full' : 'page'] ??= startEngine({ full }));
    engine.catch(() => {}); // a failure is handled below, once the text is in
    let textJson;
    try {
      textJson = await fetchText(`data/text-${this.lang}.json`);
      this.text = JSON.parse(textJson);
      // The regions' names for the region questions (`region.01`), as the module's rulebooks have them.
      const regions = Object.keys(this.text).filter((k) => k.startsWith('region.')).sort();
      this.rules = { regions: regions.map((k) => ({ code: k.slice('region.'.length), name: this.text[k] })) };
    } catch (e) {
      console.error('vardval-kollen could not load its text', e);
      return; // the static text, if the host page has it, stays as it is
    }
    // The questions are drawn while the module may still be on its way (on a
    // slow phone it is the last file in); they answer once it has started.
    let started;
    this.ready = new Promise((ok) => (started = ok));
    this.render();
    try {
      this.engine = await engine;
      this.engine.set_text(this.lang, textJson);
    } catch (e) {
      // A Content Security Policy without 'wasm-unsafe-eval' stops WebAssembly:
      // show the rules as text, and tell the site's editor why.
      console.error('vardval-kollen: WebAssembly could not start', e);
      this.querySelector('.vk-ui').remove();
      await this.fallback();
      return;
    }
    // An editor's note shows the problems of a region's rules in the engine's words.
    if (full) await this.handMessages();
    this.rulebook = await this.readRulebook();
    if (this.rulesProblem) this.querySelector('.vk-ui').prepend(h('p', { class: 'vk-hint vk-editor-note' }, this.t('ui.rules_note', { problems: this.rulesProblem })));
    if (this.idPrefix === 'vk') {
      // The skip link would replace the fragment that may hold shared answers: move focus instead.
      document.querySelector('.vk-skip')?.addEventListener('click', (e) => {
        const target = document.getElementById('main');
        if (!target) return;
        e.preventDefault();
        target.focus();
      });
      this.carryOnLanguageSwitch();
      this.restore();
    }
    this.dataset.ready = 'true';
    started();
    laterPart.load(this).catch(() => {}); // an answer that needs it tries again
    this.handMessages();
  }

  /// Hands the module the rest of its text (the engine's error messages, what
  /// only an answer under an override says), which is in the text of the parts
  /// loaded later: after the first answer, or with `rules-src` before the
  /// override is read (after a failed fetch, which the parts try again, the
  /// messages stay keys, which only the console shows).
  handMessages() {
    return loadMoreText(this).then((more) => void this.engine.set_text(this.lang, more)).catch(() => {});
  }

  /// The rules in full as text (data/rules-LANG.html, written by the engine at
  /// build time), when the questions cannot run.
  async fallback() {
    this.dataset.ready = 'fallback';
    const notes = [h('p', { class: 'vk-notice', role: 'status' }, this.t('ui.failed')), h('p', { class: 'vk-hint vk-editor-note' }, this.t('ui.csp_note'))];
    if (!this.querySelector('.vk-static')) {
      try {
        const html = await fetchText(`data/rules-${this.lang}.html`);
        const doc = new DOMParser().parseFromString(`<div class="vk-static">${html}</div>`, 'text/html');
        this.append(document.importNode(doc.body.firstChild, true));
      } catch (e) {
        console.error('vardval-kollen: no static text either', e);
      }
    }
    this.prepend(...notes);
  }

  /// The rulebook: `rulebook="se"|"sou-2019-42"`, and a region's override from
  /// `rules-src`, checked by the engine; an override with problems is not used.
  async readRulebook() {
    const base = this.getAttribute('rulebook') === 'sou-2019-42' ? 'sou-2019-42' : 'se';
    const src = this.getAttribute('rules-src');
    if (!src) return base;
    try {
      const override = await fetch(new URL(src, document.baseURI)).then((r) => r.json());
      evaluate(this.engine, { today: today(), rulebook: { base, override } });
      return { base, override };
    } catch (e) {
      const problems = e?.errors?.map((x) => `${x.path}: ${x.message}`).join('; ') ?? String(e);
      console.error(`vardval-kollen: rules-src ${src} was not used: ${problems}`);
      this.rulesProblem = problems;
      return base;
    }
  }

  /// The catalogue's text; for a count, its plural form where the catalogue
  /// has one ("1 besök"; Arabic's two, few, many), as the engine's `tr_n`.
  t(key, args = {}) {
    const form = typeof args.count === 'number' ? formatter(Intl.PluralRules, this.lang).select(args.count) : 'other';
    const template = (form !== 'other' ? this.text[`${key}.${form}`] : null) ?? this.text[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (m, name) => args[name] ?? m);
  }

  id(name) {
    return `${this.idPrefix}-${name}`;
  }

  section(name, headingKey, form, after = []) {
    const answer = h('div', { class: 'vk-answer', id: this.id(`${name}-answer`), tabindex: '-1', hidden: true });
    form.name = name;
    form.noValidate = true;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.ready.then(() => this.answer(name, true));
    });
    form.append(h('button', { type: 'submit', class: 'vk-button' }, this.t(name === 'nearby' ? 'ui.nearby.search' : 'ui.show_answer')));
    const heading = h('h2', { id: this.id(`${name}-heading`), tabindex: '-1' }, this.t(headingKey));
    return h('section', { class: 'vk-question', id: this.id(`${name}-section`), 'aria-labelledby': heading.id }, heading, form, ...after, answer);
  }

  render() {
    this.forms = this.renderForms();
    const contents = [['situation', 'ui.situation.heading'], ['relist', 'ui.relist.heading'], ['fees', 'ui.fees.heading'], ['doctor', 'ui.doctor.heading'], ['nearby', 'ui.nearby.heading']];
    const go = (e, n) => {
      // Move focus, not only the view, so the next Tab continues from there.
      e.preventDefault();
      const heading = this.querySelector(`#${this.id(`${n}-heading`)}`);
      heading.scrollIntoView();
      heading.focus();
    };
    const ui = h(
      'div',
      { class: 'vk-ui' },
      h('p', { class: 'vk-print-header' }, this.t('ui.print.header', { date: this.formatDate(today()), address: location.href.split('#')[0] })),
      h('nav', { 'aria-labelledby': this.id('contents') }, h('h2', { id: this.id('contents'), class: 'vk-contents-title' }, this.t('ui.contents')), h('ul', { class: 'vk-contents' }, contents.map(([n, k]) => h('li', {}, h('a', { href: `#${this.id(`${n}-heading`)}`, onclick: (e) => go(e, n) }, this.t(k)))))),
      this.renderSituation(),
      this.section('relist', 'ui.relist.heading', this.forms.relist),
      this.section('fees', 'ui.fees.heading', this.forms.fees),
      this.section('doctor', 'ui.doctor.heading', this.forms.doctor),
      this.section('nearby', 'ui.nearby.heading', this.forms.nearby, [
        // "Söker …" right under the button while the module and the list load (seconds on a slow phone).
        h('p', { class: 'vk-status', role: 'status', id: this.id('nearby-status') }),
        this.positionControls(),
        // The OpenStreetMap list's attribution and warning; a region's own list carries neither.
        this.getAttribute('units-src') ? null : h('p', { class: 'vk-hint' }, this.t('ui.nearby.osm')),
        h('p', { class: 'vk-hint' }, this.t('ui.nearby.geonames')),
      ]),
      this.renderSharing(),
    );
    this.prepend(ui);
    // A translation says so wherever it is shown (a region's page, the iframe), unless the page around it already does.
    if (this.lang !== 'sv' && !document.querySelector('.vk-translation')) ui.prepend(h('p', { class: 'vk-translation' }, this.t('ui.translation.note')));
    // Units or fees a link named on another origin (embed.js): not used, and the person is told.
    for (const name of [...(this.refusedSources ?? [])].reverse()) ui.prepend(h('p', { class: 'vk-notice vk-source-refused', 'data-source': name }, this.t(`ui.source_refused.${name === 'units-src' ? 'units' : 'rules'}`)));
  }

  /// Marks a question as answered: it is printed, shared and re-answered when the situation changes.
  markAnswered(name) {
    this.querySelector(`#${this.id(`${name}-section`)}`).classList.add('vk-answered');
  }

  /// Answers the question `name`. One that needs the part loaded later
  /// (later.js: problems to show, a date written otherwise) before it is in
  /// is answered once it is, from the form as it is then.
  answer(name, moveFocus) {
    if (name === 'nearby') return this.search(moveFocus);
    try {
      return this.answerNow(name, moveFocus);
    } catch (e) {
      if (!(e instanceof NotLoaded)) throw e;
      return e.part.load(this).then(
        () => this.answer(name, moveFocus),
        (failed) => this.answerFailed(name, failed),
      );
    }
  }

  /// What a question says when the part it needs could not load; the next try loads it again.
  answerFailed(name, e) {
    console.error('vardval-kollen: the answer could not be shown', e);
    const box = this.querySelector(`#${this.id(`${name}-answer`)}`);
    box.replaceChildren(h('p', { class: 'vk-notice', role: 'alert' }, this.t('ui.answer_failed')));
    box.hidden = false;
    return null;
  }

  answerNow(name, moveFocus) {
    this.clearErrors(name);
    const { situation, paths } = this.situation(name);
    const missing = this.missing(name);
    let result;
    try {
      if (missing.errors.length) throw { errors: missing.errors };
      result = evaluate(this.engine, situation);
    } catch (thrown) {
      this.showErrors(name, thrown?.errors ?? [], { ...paths, ...missing.paths }, moveFocus);
      return null;
    }
    const box = this.querySelector(`#${this.id(`${name}-answer`)}`);
    box.replaceChildren(...this[`${name}Answer`](result).flat().filter(Boolean), this.entered(name));
    box.hidden = false;
    // For the tests, and for anyone who wants to check the page against the command.
    box.dataset.situation = JSON.stringify(situation);
    this.answered.add(name);
    this.markAnswered(name);
    performance.mark(`vk-answer-${name}`); // read by scripts/bench-page.mjs
    if (moveFocus) box.focus();
    return result;
  }
}

Object.assign(VardvalKollen.prototype, fields, situation, questions, answers, sharing, nearbyForm, laterStandIns);
customElements.define('vardval-kollen', VardvalKollen);
