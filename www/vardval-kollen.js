// <vardval-kollen>: the questions, their forms and their answers. The page
// hosts it; regions embed it. It holds no rule and no sentence of its own:
// the engine (WebAssembly) answers, and every label comes from the text
// catalogue (data/text-LANG.json, written from i18n/ by `make build`).
//
// Form state lives in the URL fragment, so an answer can be bookmarked or
// shared; the fragment never reaches a server.
import init, { evaluate, set_rulebooks, set_text } from './pkg/vardval.js';

const BASE = new URL('.', import.meta.url);
const REASONS = ['moved', 'medical', 'follow_doctor', 'unit_closed', 'other_special'];
const QUESTIONS = ['relist', 'fees', 'doctor', 'nearby'];
let engine; // one WebAssembly instance for every component on the page

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

/// The calendar day in Sweden: the engine needs it as `today`.
function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

let instances = 0;

class VardvalKollen extends HTMLElement {
  async connectedCallback() {
    if (this.started) return;
    this.started = true;
    // Ids are unique per instance, so two components on one page do not mix;
    // only the first keeps its state in the URL fragment.
    instances += 1;
    this.idPrefix = instances === 1 ? 'vk' : `vk${instances}`;
    this.lang = this.getAttribute('lang') === 'en' ? 'en' : 'sv';
    const load = (name) => fetch(new URL(`data/${name}`, BASE)).then((r) => (r.ok ? r.text() : Promise.reject(new Error(name))));
    let textJson, rulebooks;
    try {
      [textJson, rulebooks] = await Promise.all([load(`text-${this.lang}.json`), load('rulebooks.json')]);
      this.text = JSON.parse(textJson);
      // The regions' names for the region questions, from the same rulebooks the module is handed.
      this.rules = { regions: JSON.parse(rulebooks).se.find((doc) => doc.regions).regions };
    } catch (e) {
      console.error('vardval-kollen could not load its text', e);
      return; // the static text, if the host page has it, stays as it is
    }
    try {
      await (engine ??= init());
      // The module holds no rule and no sentence: it is handed both, once per page.
      set_rulebooks(rulebooks);
      set_text(this.lang, textJson);
    } catch (e) {
      // A Content Security Policy without 'wasm-unsafe-eval' stops WebAssembly:
      // show the rules as text, and tell the site's editor why.
      console.error('vardval-kollen: WebAssembly could not start', e);
      await this.fallback();
      return;
    }
    this.rulebook = await this.readRulebook();
    this.render();
    if (this.idPrefix === 'vk') {
      // The skip link would replace the fragment that holds the answers: move focus instead.
      document.querySelector('.vk-skip')?.addEventListener('click', (e) => {
        const target = document.getElementById('main');
        if (!target) return;
        e.preventDefault();
        target.focus();
      });
      this.restore();
    }
    this.dataset.ready = 'true';
  }

  /// The rules in full as text (data/rules-LANG.html, written by the engine at
  /// build time), when the questions cannot run.
  async fallback() {
    this.dataset.ready = 'fallback';
    const notes = [h('p', { class: 'vk-notice', role: 'status' }, this.t('ui.failed')), h('p', { class: 'vk-hint vk-editor-note' }, this.t('ui.csp_note'))];
    if (!this.querySelector('.vk-static')) {
      try {
        const html = await fetch(new URL(`data/rules-${this.lang}.html`, BASE)).then((r) => r.text());
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
      evaluate({ today: today(), rulebook: { base, override } });
      return { base, override };
    } catch (e) {
      const problems = e?.errors?.map((x) => `${x.path}: ${x.message}`).join('; ') ?? String(e);
      console.error(`vardval-kollen: rules-src ${src} was not used: ${problems}`);
      this.rulesProblem = problems;
      return base;
    }
  }

  t(key, args = {}) {
    return (this.text[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => args[name] ?? m);
  }

  id(name) {
    return `${this.idPrefix}-${name}`;
  }

  // --- building blocks (GOV.UK patterns) ---------------------------------------

  field(name, labelKey, control, hintKey, optional) {
    const id = this.id(name);
    const hint = hintKey && h('p', { class: 'vk-hint', id: `${id}-hint` }, this.t(hintKey));
    control.id = id;
    control.name = name;
    if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
    const label = h('label', { for: id, class: 'vk-label' }, this.t(labelKey), optional ? ` ${this.t('ui.optional')}` : '');
    // How an error message names the field ("din ålder"), if the catalogue says.
    return h('div', { class: 'vk-field', 'data-field': name, 'data-name': this.text[`${labelKey}.name`] ?? '' }, label, hint, control);
  }

  input(name, labelKey, { hint, optional, inputmode, width = 'vk-w10', autocomplete = 'off' } = {}) {
    return this.field(name, labelKey, h('input', { type: 'text', class: `vk-input ${width}`, inputmode, autocomplete, spellcheck: 'false' }), hint, optional);
  }

  dateInput(name, labelKey, opts = {}) {
    return this.input(name, labelKey, { hint: opts.hint ?? 'ui.date_hint', optional: opts.optional, width: 'vk-w10' });
  }

  select(name, labelKey, options, hint) {
    return this.field(name, labelKey, h('select', { class: 'vk-select' }, options.map(([value, text]) => h('option', { value }, text))), hint);
  }

  radios(name, legendKey, options) {
    const id = this.id(name);
    return h(
      'fieldset',
      { class: 'vk-fieldset', 'data-field': name, id: `${id}-group` },
      h('legend', { class: 'vk-legend' }, this.t(legendKey)),
      h(
        'div',
        { class: 'vk-radios' },
        options.map(([value, key], i) =>
          h('div', { class: 'vk-radio' }, h('input', { type: 'radio', name, value, id: i === 0 ? id : `${id}-${value}`, checked: i === 0 }), h('label', { for: i === 0 ? id : `${id}-${value}` }, this.t(key))),
        ),
      ),
    );
  }

  regionOptions(first) {
    const opts = this.rules.regions.map((r) => [r.code, r.name]);
    return first ? [first, ...opts] : opts;
  }

  reasonOptions(ownKey) {
    const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
    return [['', this.t(ownKey)], ...REASONS.map((r) => [r, capital(this.t(`reason.${r}`))])];
  }

  /// A list of rows that the person can add to and remove from.
  rows(name, legendKey, hintKey, addKey, makeRow) {
    const list = h('div', { class: 'vk-rows' });
    let next = 0; // row numbers only grow, so a removed row's name is never reused
    const add = () => {
      const i = next++;
      const row = h('div', { class: 'vk-row', 'data-row': String(i) });
      const remove = h('button', { type: 'button', class: 'vk-button vk-secondary vk-small' }, this.t('ui.remove_row'));
      row.append(...makeRow(i), remove);
      remove.addEventListener('click', () => {
        const next = row.nextElementSibling ?? row.previousElementSibling;
        row.remove();
        (next?.querySelector('input') ?? addButton).focus();
      });
      list.append(row);
      return row;
    };
    const addButton = h('button', { type: 'button', class: 'vk-button vk-secondary' }, this.t(addKey));
    addButton.addEventListener('click', () => add().querySelector('input').focus());
    const group = h('fieldset', { class: 'vk-fieldset' }, h('legend', { class: 'vk-legend' }, this.t(legendKey)), h('p', { class: 'vk-hint' }, this.t(hintKey)), list, addButton);
    group.addRow = add;
    group.list = list;
    return group;
  }

  section(name, headingKey, form, extra, after = []) {
    const answer = h('div', { class: 'vk-answer', id: this.id(`${name}-answer`), tabindex: '-1', hidden: true });
    form.name = name;
    form.noValidate = true;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.answer(name, true);
    });
    form.append(h('button', { type: 'submit', class: 'vk-button' }, this.t(name === 'nearby' ? 'ui.nearby.search' : 'ui.show_answer')));
    return h('section', { class: 'vk-question', 'aria-labelledby': this.id(`${name}-heading`) }, h('h2', { id: this.id(`${name}-heading`) }, this.t(headingKey)), extra, form, ...after, answer);
  }

  render() {
    this.forms = {};
    const relist = h('form', { id: this.id('relist') });
    relist.append(
      this.radios('relist.listed', 'ui.relist.listed', [['yes', 'ui.yes'], ['no', 'ui.no']]),
      (this.changes = this.rows('relist.changes', 'ui.relist.changes', 'ui.relist.changes_hint', 'ui.relist.add', (i) => [
        this.dateInput(`relist.c${i}.date`, 'ui.relist.change_date'),
        this.select(`relist.c${i}.reason`, 'ui.relist.change_reason', this.reasonOptions('ui.reason.own')),
      ])),
      this.dateInput('relist.date', 'ui.relist.planned_date', { hint: 'ui.relist.planned_date_hint', optional: true }),
      this.select('relist.reason', 'ui.relist.planned_reason', this.reasonOptions('ui.reason.own')),
      this.radios('relist.open', 'ui.relist.list_open', [['unknown', 'ui.dont_know'], ['yes', 'ui.relist.list_open_yes'], ['no', 'ui.relist.list_open_no']]),
    );
    const home = this.getAttribute('region');
    const fees = h('form', { id: this.id('fees') });
    fees.append(
      this.input('fees.age', 'ui.fees.age', { hint: 'ui.fees.age_hint', width: 'vk-w10' }),
      this.select('fees.region', 'ui.fees.home_region', this.regionOptions()),
      (this.visits = this.rows('fees.visits', 'ui.fees.visits', 'ui.fees.visits_hint', 'ui.fees.add', (i) => [
        this.dateInput(`fees.v${i}.date`, 'ui.fees.visit_date'),
        this.select(`fees.v${i}.where`, 'ui.fees.where', ['listed', 'other_unit', 'specialist', 'emergency'].map((w) => [w, this.t(`ui.fees.where_${w}`)])),
        this.select(`fees.v${i}.who`, 'ui.fees.who', ['doctor', 'nurse', 'other'].map((w) => [w, this.t(`ui.fees.who_${w}`)])),
        this.select(`fees.v${i}.mode`, 'ui.fees.mode', ['physical', 'video', 'phone'].map((m) => [m, this.t(`ui.fees.mode_${m}`)])),
        this.input(`fees.v${i}.paid`, 'ui.fees.visit_paid', { optional: true, inputmode: 'numeric', width: 'vk-w5' }),
      ])),
      h(
        'fieldset',
        { class: 'vk-fieldset' },
        h('legend', { class: 'vk-legend' }, this.t('ui.fees.paid')),
        h('p', { class: 'vk-hint' }, this.t('ui.fees.paid_hint')),
        this.dateInput('fees.first', 'ui.fees.first_visit', { optional: true }),
        this.input('fees.paid', 'ui.fees.paid_amount', { optional: true, inputmode: 'numeric', width: 'vk-w5' }),
      ),
    );
    const doctor = h('form', { id: this.id('doctor') });
    doctor.append(
      this.radios('doctor.listed', 'ui.relist.listed', [['yes', 'ui.yes'], ['no', 'ui.no']]),
      this.select('doctor.unit_region', 'ui.doctor.unit_region', this.regionOptions()),
      this.select('doctor.home', 'ui.doctor.home_region', this.regionOptions()),
    );
    const nearby = h('form', { id: this.id('nearby') });
    const where = this.input('nearby.where', 'ui.nearby.where', { hint: 'ui.nearby.where_hint', width: 'vk-w20', autocomplete: 'postal-code' });
    const whereInput = where.querySelector('input');
    whereInput.setAttribute('list', this.id('municipalities'));
    whereInput.addEventListener('focus', () => this.municipalityNames(), { once: true });
    nearby.append(where, h('datalist', { id: this.id('municipalities') }));
    relist.append(h('input', { type: 'hidden', name: 'relist.unit' }), h('input', { type: 'hidden', name: 'relist.unit_region' }), h('p', { class: 'vk-chosen', id: this.id('relist-chosen'), tabindex: '-1', hidden: true }));
    this.forms = { relist, fees, doctor, nearby };
    this.changes.addRow();
    this.visits.addRow();
    const ui = h(
      'div',
      { class: 'vk-ui' },
      h('nav', { 'aria-labelledby': this.id('contents') }, h('h2', { id: this.id('contents'), class: 'vk-contents-title' }, this.t('ui.contents')), h('ul', { class: 'vk-contents' }, [['relist', 'ui.relist.heading'], ['fees', 'ui.fees.heading'], ['doctor', 'ui.doctor.heading'], ['nearby', 'ui.nearby.heading']].map(([n, k]) => h('li', {}, h('a', { href: `#${this.id(`${n}-heading`)}`, onclick: (e) => { e.preventDefault(); this.querySelector(`#${this.id(`${n}-heading`)}`).scrollIntoView(); } }, this.t(k)))))),
      this.section('relist', 'ui.relist.heading', relist),
      this.section('fees', 'ui.fees.heading', fees),
      this.section('doctor', 'ui.doctor.heading', doctor),
      this.section('nearby', 'ui.nearby.heading', nearby, null, [
        h('p', { class: 'vk-hint', id: this.id('position-hint') }, this.t('ui.nearby.position_hint')),
        h('button', { type: 'button', class: 'vk-button vk-secondary', 'aria-describedby': this.id('position-hint'), onclick: () => this.position() }, this.t('ui.nearby.position')),
        h('p', { class: 'vk-hint' }, this.t('ui.nearby.osm')),
        h('p', { class: 'vk-hint' }, this.t('ui.nearby.geonames')),
      ]),
      h('p', { class: 'vk-hint' }, this.t('ui.share')),
    );
    this.prepend(ui);
    if (this.rulesProblem) ui.prepend(h('p', { class: 'vk-hint vk-editor-note' }, this.t('ui.rules_note', { problems: this.rulesProblem })));
    if (home) for (const name of ['fees.region', 'doctor.unit_region', 'doctor.home']) this.control(name).value = home;
  }

  control(name) {
    return this.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  value(name) {
    const c = this.control(name);
    if (c?.type === 'radio') return this.querySelector(`[name="${CSS.escape(name)}"]:checked`)?.value ?? '';
    return c?.value.trim() ?? '';
  }

  /// Dates as people write them: 2026-11-22, 22/11/2026, 22 nov 2026, 22 november 2026.
  /// What cannot be read goes to the engine as written, which names the problem.
  date(text) {
    const pad = (n) => String(n).padStart(2, '0');
    let m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    m = text.match(/^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/);
    if (m) return `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
    m = text.toLowerCase().match(/^(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$/);
    if (m) {
      for (let i = 1; i <= 12; i++) {
        const month = this.t(`month.${i}`).toLowerCase();
        if (m[2] === month || (m[2].length >= 3 && month.startsWith(m[2]))) return `${m[3]}-${pad(i)}-${pad(m[1])}`;
      }
    }
    return text;
  }

  number(text) {
    return /^\d+$/.test(text) ? Number(text) : text;
  }

  rowIds(group) {
    return [...group.list.children].map((r) => r.dataset.row);
  }

  /// The situation a form describes, and where each engine path points back to.
  situation(name) {
    const paths = {};
    const base = { today: today(), lang: this.lang, rulebook: this.rulebook };
    if (name === 'relist') {
      const changes = [];
      for (const i of this.rowIds(this.changes)) {
        const date = this.value(`relist.c${i}.date`);
        if (!date) continue;
        paths[`listing.changes[${changes.length}].date`] = `relist.c${i}.date`;
        changes.push({ date: this.date(date), reason: this.value(`relist.c${i}.reason`) || null });
      }
      const planned = { reason: this.value('relist.reason') || null, unit: { name: this.value('relist.unit') || null, region: this.value('relist.unit_region') || null, list_closed: { yes: false, no: true }[this.value('relist.open')] ?? null } };
      if (this.value('relist.date')) planned.date = this.date(this.value('relist.date'));
      paths['listing.planned.date'] = 'relist.date';
      return { situation: { ...base, listing: { unit: this.value('relist.listed') === 'yes' ? { id: 'now' } : null, changes, planned } }, paths };
    }
    if (name === 'fees') {
      const home = this.value('fees.region');
      const visits = [];
      for (const i of this.rowIds(this.visits)) {
        const date = this.value(`fees.v${i}.date`);
        if (!date) continue;
        const where = this.value(`fees.v${i}.where`);
        const n = visits.length;
        paths[`visits[${n}].date`] = `fees.v${i}.date`;
        paths[`visits[${n}].paid`] = `fees.v${i}.paid`;
        const care = where === 'specialist' || where === 'emergency' ? where : 'primary';
        const visit = { date: this.date(date), care, professional: this.value(`fees.v${i}.who`), mode: this.value(`fees.v${i}.mode`), region: home };
        if (care === 'primary') visit.where = where;
        if (this.value(`fees.v${i}.paid`)) visit.paid = this.number(this.value(`fees.v${i}.paid`));
        visits.push(visit);
      }
      Object.assign(paths, { 'person.age': 'fees.age', 'person.birth_date': 'fees.age', 'person.home_region': 'fees.region', 'fee_period.first_visit': 'fees.first', 'fee_period.paid': 'fees.paid', visits: `fees.v${this.rowIds(this.visits)[0]}.date` });
      // One field for the age or the birth date: a date counts the age on each visit's day.
      const age = this.value('fees.age');
      const person = /^\d{1,3}$/.test(age) || !/\d{4}/.test(age) ? { age: this.number(age) } : { birth_date: /^\d{4}-\d{1,2}$/.test(age) ? age.replace(/-(\d)$/, '-0$1') : this.date(age) };
      const s = { ...base, person: { ...person, home_region: home }, visits };
      if (this.value('fees.first') || this.value('fees.paid')) s.fee_period = { first_visit: this.date(this.value('fees.first')), paid: this.number(this.value('fees.paid') || '0') };
      return { situation: s, paths };
    }
    const listed = this.value('doctor.listed') === 'yes';
    Object.assign(paths, { 'person.home_region': 'doctor.home', 'listing.unit.region': 'doctor.unit_region' });
    return { situation: { ...base, person: { home_region: this.value('doctor.home') }, listing: { unit: listed ? { id: 'now', region: this.value('doctor.unit_region') } : null } }, paths };
  }

  // --- answering -----------------------------------------------------------

  answer(name, moveFocus) {
    if (name === 'nearby') return this.search(moveFocus);
    const form = this.forms[name];
    const { situation, paths } = this.situation(name);
    this.clearErrors(form);
    let result;
    try {
      result = evaluate(situation);
    } catch (thrown) {
      this.showErrors(name, form, thrown?.errors ?? [], paths, moveFocus);
      return null;
    }
    const box = this.querySelector(`#${this.id(`${name}-answer`)}`);
    box.replaceChildren(...this[`${name}Answer`](result).flat().filter(Boolean));
    box.hidden = false;
    // For the tests, and for anyone who wants to check the page against the command.
    box.dataset.situation = JSON.stringify(situation);
    if (this.idPrefix === 'vk') this.saveState(name);
    performance.mark(`vk-answer-${name}`); // read by scripts/bench-page.mjs
    if (moveFocus) box.focus();
    return result;
  }

  labelOf(fieldName) {
    const field = this.querySelector(`[data-field="${CSS.escape(fieldName)}"]`);
    if (field?.dataset.name) return field.dataset.name;
    const label = field?.querySelector('label, legend')?.firstChild?.textContent ?? '';
    return label.charAt(0).toLowerCase() + label.slice(1);
  }

  clearErrors(form) {
    form.parentElement.querySelector('.vk-error-summary')?.remove();
    for (const f of form.querySelectorAll('.vk-field-error')) f.classList.remove('vk-field-error');
    for (const p of form.querySelectorAll('.vk-error')) p.remove();
    for (const c of form.querySelectorAll('[aria-invalid]')) {
      c.removeAttribute('aria-invalid');
      c.setAttribute('aria-describedby', (c.getAttribute('aria-describedby') ?? '').replace(/\s*\S+-error/, '').trim());
      if (!c.getAttribute('aria-describedby')) c.removeAttribute('aria-describedby');
    }
  }

  /// The error summary at the top, linking to each field, and the message by each field.
  showErrors(name, form, errors, paths, moveFocus) {
    const items = [];
    const firstField = form.querySelector('input, select');
    for (const e of errors) {
      const fieldName = paths[e.path] ?? firstField.name;
      const args = e.args ?? {};
      const key = this.text[`ui.error.${e.code}`] ? `ui.error.${e.code}` : 'ui.error.other';
      const message = this.t(key, { label: this.labelOf(fieldName), ...args });
      const text = message.charAt(0).toUpperCase() + message.slice(1);
      const control = this.control(fieldName);
      const field = control?.closest('[data-field]');
      if (field && !field.querySelector('.vk-error')) {
        const errorId = `${control.id}-error`;
        field.classList.add('vk-field-error');
        // As GOV.UK: label, hint, then the message, then the control.
        (field.querySelector(':scope > .vk-hint') ?? field.querySelector('label, legend')).after(h('p', { class: 'vk-error', id: errorId }, h('span', { class: 'vk-visually-hidden' }, `${this.t('ui.error_prefix')} `), text));
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${errorId}`.trim());
      }
      items.push(h('li', {}, h('a', { href: `#${control?.id ?? firstField.id}`, 'data-code': e.code, onclick: (ev) => { ev.preventDefault(); (control ?? firstField).focus(); } }, text)));
    }
    const summary = h('div', { class: 'vk-error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': this.id(`${name}-errors`) }, h('h3', { id: this.id(`${name}-errors`), class: 'vk-error-title' }, this.t('ui.error_summary')), h('ul', {}, items));
    form.before(summary);
    this.querySelector(`#${this.id(`${name}-answer`)}`).hidden = true;
    if (moveFocus) summary.focus();
  }

  why(details, sources) {
    return [
      h('h4', {}, this.t('ui.why')),
      h('ul', { class: 'vk-list' }, details.map((d) => h('li', {}, d))),
      h('p', { class: 'vk-sources-title' }, this.t('ui.sources')),
      h('ul', { class: 'vk-sources' }, sources.map((s) => h('li', {}, s.url ? h('a', { href: `https://${s.url}` }, s.title) : s.title))),
    ];
  }

  whatNow(...texts) {
    return [h('h4', {}, this.t('ui.what_now')), ...texts.map((t) => h('p', {}, t))];
  }

  warnings(list) {
    return list.length ? h('ul', { class: 'vk-warnings' }, list.map((w) => h('li', { 'data-code': w.code }, w.message))) : null;
  }

  formatDate(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Intl.DateTimeFormat(this.lang === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  }

  kr(n) {
    return `${new Intl.NumberFormat(this.lang === 'sv' ? 'sv-SE' : 'en-GB').format(n)}\u00a0kr`;
  }

  /// A button that downloads an all-day calendar event (.ics) for `iso`.
  calendar(iso, titleKey) {
    const button = h('button', { type: 'button', class: 'vk-button vk-secondary' }, `${this.t('ui.calendar')}: ${this.formatDate(iso)}`);
    button.addEventListener('click', () => {
      const day = iso.replaceAll('-', '');
      const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Vardvalskollen//SV', 'BEGIN:VEVENT', `UID:${day}-${titleKey}@vardvalskollen`, `DTSTAMP:${today().replaceAll('-', '')}T000000Z`, `DTSTART;VALUE=DATE:${day}`, `SUMMARY:${this.t(titleKey)}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
      const a = h('a', { href: URL.createObjectURL(new Blob([ics], { type: 'text/calendar' })), download: `vardvalskollen-${iso}.ics` });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    });
    return button;
  }

  relistAnswer(a) {
    const l = a.listing;
    const closed = l.list_closed === true;
    return [
      h('h3', { class: `vk-answer-title ${l.can_change ? 'vk-yes' : 'vk-no'}` }, this.t(l.can_change ? 'ui.relist.yes' : 'ui.relist.no')),
      h('p', { class: 'vk-summary' }, l.summary),
      l.next_free_change && this.calendar(l.next_free_change, 'ui.relist.calendar_title'),
      this.warnings(a.warnings),
      ...this.why(l.details, l.sources),
      ...this.whatNow(this.t(closed ? 'ui.relist.next.closed' : l.can_change ? 'ui.relist.next.yes' : 'ui.relist.next.no')),
    ];
  }

  feesAnswer(a) {
    const f = a.fees;
    const proposal = new Map((f.proposal?.visits ?? []).map((v, i) => [i, v]));
    const what = (v) =>
      [this.t(`ui.fees.where_${v.care === 'primary' ? v.where : v.care}`), (this.text[`ui.fees.who_${v.professional}_short`] ?? this.t(`ui.fees.who_${v.professional}`)).toLowerCase(), v.mode === 'physical' ? null : this.t(`ui.fees.mode_${v.mode}`).toLowerCase(), v.item === 'receipt' ? this.t('ui.fees.receipt').toLowerCase() : null].filter(Boolean).join(', ');
    const rows = f.visits.map((v, i) =>
      h(
        'tr',
        {},
        h('td', {}, this.formatDate(v.date)),
        h('td', {}, what(v)),
        h('td', { class: 'vk-num' }, v.fee_known ? this.kr(v.fee) : this.t('ui.fees.unknown')),
        h('td', { class: 'vk-num' }, this.kr(v.charged), v.free_reason ? h('span', { class: 'vk-note' }, ` (${this.t(`ui.fees.free.${v.free_reason}`)})`) : null),
        f.proposal ? h('td', { class: 'vk-num' }, this.kr(proposal.get(i)?.charged ?? 0)) : null,
      ),
    );
    const head = [this.t('ui.fees.col_date'), this.t('ui.fees.col_visit'), this.t('ui.fees.col_fee'), this.t('ui.fees.col_charged'), f.proposal ? this.t('ui.fees.col_proposal') : null].filter(Boolean);
    const card = [...f.periods].reverse().find((p) => p.free_card);
    const what_proposal = f.details.at(-1);
    const rest = f.summary.slice(f.headline.length).trim();
    const table = (caption, headers, body, foot) =>
      h(
        'div',
        { class: 'vk-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
        h('table', { class: 'vk-table' }, h('caption', {}, caption), h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, body), foot),
      );
    return [
      h('h3', { class: 'vk-answer-title' }, f.headline),
      rest ? h('p', { class: 'vk-summary' }, rest) : null,
      f.proposal ? h('p', { class: 'vk-proposal' }, f.proposal.summary) : null,
      f.visits.length
        ? table(this.t('ui.fees.table_caption'), head, rows, h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: '3' }, this.t('ui.fees.total')), h('td', { class: 'vk-num' }, this.kr(f.total_charged)), f.proposal ? h('td', { class: 'vk-num' }, this.kr(f.proposal.total_charged)) : null)))
        : null,
      card && card.end >= today() && this.calendar(card.end, 'ui.fees.calendar_title'),
      this.warnings(a.warnings),
      ...this.whatNow(...f.next_steps.map((s) => s.text)),
      f.regions.length ? this.regionsTable(f) : null,
      ...this.why(f.proposal ? f.details.slice(0, -1) : f.details, f.sources),
      f.proposal ? [h('h4', {}, this.t('ui.fees.proposal_heading')), h('p', {}, what_proposal)] : null,
    ];
  }

  /// "The same visits in other regions": each region's total, free-card date
  /// and the age of its oldest fee, so the spread can be seen.
  regionsTable(f) {
    const home = this.value('fees.region');
    const rows = f.regions.map((r) => {
      const age = [r.oldest_fee ? this.t('ui.fees.regions.oldest', { date: r.oldest_fee }) : null, r.undated_fees ? this.t('ui.fees.regions.undated', { count: r.undated_fees }) : null, r.unknown_fees ? this.t('ui.fees.regions.unknown', { count: r.unknown_fees }) : null].filter(Boolean).join('; ');
      return h(
        'tr',
        r.region === home ? { class: 'vk-current' } : {},
        h('th', { scope: 'row' }, this.regionName(r.region), r.region === home ? h('span', { class: 'vk-note' }, ` (${this.t('ui.fees.regions.yours')})`) : null),
        h('td', { class: 'vk-num' }, this.kr(r.total_charged)),
        h('td', {}, r.free_card_from ? this.formatDate(r.free_card_from) : '–'),
        h('td', {}, age || this.t('ui.fees.regions.none')),
      );
    });
    const caption = this.t('ui.fees.regions.caption');
    return h(
      'details',
      { class: 'vk-details' },
      h('summary', {}, this.t('ui.fees.regions.heading')),
      h('p', { class: 'vk-hint' }, this.t('ui.fees.regions.hint')),
      h(
        'div',
        { class: 'vk-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
        h(
          'table',
          { class: 'vk-table vk-regions' },
          h('caption', {}, caption),
          h('thead', {}, h('tr', {}, [this.t('ui.fees.regions.region'), this.t('ui.fees.regions.total'), this.t('ui.fees.regions.free_card'), this.t('ui.fees.regions.age')].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows),
        ),
      ),
    );
  }

  doctorAnswer(a) {
    const d = a.fixed_doctor;
    const g = a.care_guarantee;
    return [
      h('h3', { class: 'vk-answer-title' }, this.t('ui.doctor.fixed'), ': ', this.t(d.entitled ? 'ui.yes' : 'ui.no')),
      h('p', { class: 'vk-summary' }, d.summary),
      ...this.why(d.details, d.sources),
      h('h3', { class: 'vk-answer-title' }, this.t('ui.doctor.guarantee'), ': ', this.t(g.applies ? 'ui.yes' : 'ui.no')),
      h('p', { class: 'vk-summary' }, g.summary),
      ...this.why(g.details, g.sources),
      ...this.whatNow(this.t(d.entitled ? 'ui.doctor.next.listed' : 'ui.doctor.next.not_listed')),
    ];
  }

  // --- state in the URL fragment ---------------------------------------------

  saveState(answered) {
    const params = new URLSearchParams(location.hash.slice(1));
    const done = new Set((params.get('a') ?? '').split(',').filter((q) => QUESTIONS.includes(q)));
    done.add(answered);
    const out = new URLSearchParams({ a: [...done].join(',') });
    for (const q of done) {
      const form = this.forms[q];
      for (const c of form.querySelectorAll('input, select')) {
        if (c.type === 'radio' && !c.checked) continue;
        if (c.value) out.append(c.name, c.value);
      }
    }
    history.replaceState(null, '', `#${out}`);
    const other = document.getElementById('vk-other-lang');
    if (other) other.hash = out.toString();
  }

  restore() {
    let params = new URLSearchParams(location.hash.slice(1));
    const done = (params.get('a') ?? '').split(',').filter((q) => QUESTIONS.includes(q));
    if (!done.length) return;
    // Recreate as many rows as the fragment names (under new row numbers), then fill every field.
    for (const [group, prefix] of [[this.changes, 'relist.c'], [this.visits, 'fees.v']]) {
      const rows = [...new Set([...params.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('.')[0]))];
      group.list.replaceChildren();
      const renamed = {};
      for (const old of rows.length ? rows : ['']) renamed[old] = group.addRow().dataset.row;
      const next = new URLSearchParams();
      for (const [k, v] of params) {
        if (!k.startsWith(prefix)) next.append(k, v);
        else {
          const [old, ...rest] = k.slice(prefix.length).split('.');
          next.append(`${prefix}${renamed[old]}.${rest.join('.')}`, v);
        }
      }
      params = next;
    }
    for (const [k, v] of params) {
      const controls = this.querySelectorAll(`[name="${CSS.escape(k)}"]`);
      for (const c of controls) {
        if (c.type === 'radio') c.checked = c.value === v;
        else c.value = v;
      }
    }
    this.showChosen();
    for (const q of done) this.answer(q, false);
  }

  // --- nearby units (a second, smaller module, loaded on first use) -----------

  fetchText(url) {
    return fetch(new URL(url, BASE)).then((r) => (r.ok ? r.text() : Promise.reject(new Error(url))));
  }

  nearbyEngine() {
    this.nearbyModule ??= (async () => {
      const mod = await import(new URL('pkg-nearby/vardval_nearby.js', BASE));
      await mod.default();
      // A region's own list (units-src), or the bundled OpenStreetMap list.
      const unitsUrl = this.getAttribute('units-src') ? new URL(this.getAttribute('units-src'), document.baseURI) : 'data/units.csv';
      const [units, municipalities] = await Promise.all([this.fetchText(unitsUrl), this.fetchText('data/municipalities.json')]);
      mod.add_places(municipalities);
      mod.set_units(units);
      return mod;
    })();
    return this.nearbyModule;
  }

  /// The 290 municipality names as suggestions, loaded when the field is first used.
  async municipalityNames() {
    const list = this.querySelector(`#${this.id('municipalities')}`);
    const data = JSON.parse(await this.fetchText('data/municipalities.json'));
    list.replaceChildren(...data.municipalities.map((m) => h('option', { value: m[1] })));
  }

  async search(moveFocus, from) {
    const form = this.forms.nearby;
    const text = this.value('nearby.where');
    this.clearErrors(form);
    const box = this.querySelector(`#${this.id('nearby-answer')}`);
    let mod;
    try {
      mod = await this.nearbyEngine();
      if (!from && /^\d{3}\s?\d{2}$/.test(text)) {
        // Postal codes (41 KB) are loaded only when someone types one.
        this.postalCodes ??= this.fetchText('data/postal-codes.json').then((t) => mod.add_places(t));
        await this.postalCodes;
      }
    } catch (e) {
      console.error('nearby units could not load', e);
      box.replaceChildren(h('p', { class: 'vk-notice' }, this.t('ui.failed')));
      box.hidden = false;
      return null;
    }
    from ??= /^\d[\d\s]*$/.test(text) ? { postal_code: text } : { municipality: text };
    const query = { from, k: 10, max_km: 100, lang: this.lang };
    let result;
    try {
      result = mod.nearby(query);
    } catch (thrown) {
      const errors = (thrown?.errors ?? []).map((e) => (e.path === 'from' ? { ...e, code: 'missing_field' } : e));
      this.showErrors('nearby', form, errors, { 'from.postal_code': 'nearby.where', 'from.municipality': 'nearby.where', from: 'nearby.where' }, moveFocus);
      return null;
    }
    box.replaceChildren(...this.nearbyAnswer(result).flat().filter(Boolean));
    box.hidden = false;
    box.dataset.situation = JSON.stringify(query);
    if (from.lat == null && this.idPrefix === 'vk') this.saveState('nearby');
    performance.mark('vk-answer-nearby');
    if (moveFocus) box.focus();
    return result;
  }

  position() {
    const form = this.forms.nearby;
    this.clearErrors(form);
    if (!navigator.geolocation) return this.positionDenied();
    // Asked only now, when the person pressed the button; used only here.
    navigator.geolocation.getCurrentPosition(
      (p) => this.search(true, { lat: p.coords.latitude, lon: p.coords.longitude }),
      () => this.positionDenied(),
      { timeout: 15000, maximumAge: 300000 },
    );
  }

  positionDenied() {
    const box = this.querySelector(`#${this.id('nearby-answer')}`);
    box.replaceChildren(h('p', { class: 'vk-notice', role: 'status' }, this.t('ui.nearby.position_denied')));
    box.hidden = false;
  }

  regionName(code) {
    return this.rules.regions.find((r) => r.code === code)?.name ?? code ?? '';
  }

  nearbyAnswer(a) {
    const home = this.value('fees.region');
    const place = a.origin.label;
    const fromKey = { postal_code: 'ui.nearby.from_postal', municipality: 'ui.nearby.from_municipality', position: 'ui.nearby.from_position' }[a.origin.kind];
    const km = (d) => new Intl.NumberFormat(this.lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(d);
    if (!a.units.length) return [h('p', { class: 'vk-summary' }, this.t('ui.nearby.none'))];
    const items = a.units.map((u, i) => {
      const status = u.list_closed === true ? 'closed' : u.list_closed === false ? 'open' : 'unknown';
      return h(
        'li',
        { class: 'vk-unit', 'data-id': u.id },
        h('h3', { class: 'vk-unit-name' }, u.name),
        h('p', {}, this.t(fromKey, { km: km(u.distance_km), place })),
        h('p', {}, this.t('ui.nearby.region', { region: this.regionName(u.region) }), h('br'), this.t('ui.nearby.list', { status: this.t(`ui.nearby.list.${status}`) })),
        u.region && home && u.region !== home ? h('p', { class: 'vk-warning' }, this.t('ui.nearby.other_region')) : null,
        h('p', {}, h('a', { href: 'https://www.1177.se/' }, this.t('ui.nearby.list_link'))),
        h('button', { type: 'button', class: 'vk-button vk-secondary vk-small', onclick: () => this.choose(u) }, this.t('ui.nearby.choose', { name: u.name })),
      );
    });
    return [h('h3', { class: 'vk-answer-title' }, this.t('ui.nearby.results', { count: a.units.length })), this.map(a), h('ol', { class: 'vk-units' }, items)];
  }

  /// A small map: the regions' borders (data/map.json, no tiles, works offline),
  /// the place searched from and the units, numbered as in the list.
  map(a) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    const m = this.mapData;
    if (!m) {
      this.fetchText('data/map.json').then((t) => {
        this.mapData = JSON.parse(t);
        const old = this.querySelector('.vk-map');
        if (old) old.replaceWith(this.map(a));
      });
      return h('div', { class: 'vk-map' });
    }
    const ns = (tag, attrs, ...kids) => {
      const n = document.createElementNS('http://www.w3.org/2000/svg', tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
      n.append(...kids);
      return n;
    };
    const cos = Math.cos((m.lat0 * Math.PI) / 180);
    const xy = (lat, lon) => [(lon - m.west) * m.scale * cos, (m.north - lat) * m.scale];
    const pts = [xy(a.origin.lat, a.origin.lon), ...a.units.map((u) => xy(u.lat, u.lon))];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const pad = 3;
    let [x0, y0, x1, y1] = [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
    const size = Math.max(x1 - x0, y1 - y0, 8);
    x0 = (x0 + x1) / 2 - size / 2;
    y0 = (y0 + y1) / 2 - size / 2;
    const r = size / 60;
    const titleId = this.id('map-title');
    const descId = this.id('map-desc');
    svg.setAttribute('viewBox', `${x0.toFixed(1)} ${y0.toFixed(1)} ${size.toFixed(1)} ${size.toFixed(1)}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', `${titleId} ${descId}`);
    svg.setAttribute('class', 'vk-map');
    svg.append(
      ns('title', { id: titleId }, this.t('ui.nearby.map', { place: a.origin.label || this.t('ui.nearby.position') })),
      ns('desc', { id: descId }, this.t('ui.nearby.map_desc')),
      ...m.regions.map((g) => ns('path', { d: g.d, class: 'vk-map-region', 'stroke-width': (size / 400).toFixed(2) })),
      ...a.units.map((u, i) => {
        const [x, y] = pts[i + 1];
        return ns('g', {}, ns('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(2), class: 'vk-map-unit' }), ns('text', { x: x.toFixed(1), y: (y - r * 1.4).toFixed(1), 'font-size': (r * 2.2).toFixed(2), 'text-anchor': 'middle', class: 'vk-map-label' }, String(i + 1)));
      }),
      ns('circle', { cx: pts[0][0].toFixed(1), cy: pts[0][1].toFixed(1), r: (r * 1.3).toFixed(2), class: 'vk-map-origin', 'stroke-width': (r / 2).toFixed(2) }),
    );
    return svg;
  }

  /// Makes a unit from the results the planned unit of the relisting question.
  choose(unit) {
    this.control('relist.unit').value = unit.name;
    this.control('relist.unit_region').value = unit.region ?? '';
    const open = unit.list_closed === true ? 'no' : unit.list_closed === false ? 'yes' : 'unknown';
    for (const c of this.querySelectorAll('[name="relist.open"]')) c.checked = c.value === open;
    this.showChosen();
    const chosen = this.querySelector(`#${this.id('relist-chosen')}`);
    chosen.focus();
  }

  showChosen() {
    const chosen = this.querySelector(`#${this.id('relist-chosen')}`);
    const name = this.value('relist.unit');
    chosen.textContent = name ? this.t('ui.nearby.chosen', { name }) : '';
    chosen.hidden = !name;
  }
}

customElements.define('vardval-kollen', VardvalKollen);
