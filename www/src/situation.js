// "Din situation": what every question needs, asked once (home region,
// listing, age). Nothing is chosen for the person: the region is empty
// unless the host page set `region`, and then the page says so.
import { h } from './dom.js';

/// What each question needs from the situation: engine path → field name.
const NEEDS = {
  relist: { 'listing.unit': 'situation.listed' },
  fees: { 'person.home_region': 'situation.home', 'person.age': 'situation.age' },
  doctor: { 'listing.unit': 'situation.listed', 'person.home_region': 'situation.home' },
  nearby: {},
};

export const situation = {
  renderSituation() {
    const byPage = this.getAttribute('region');
    const home = this.select('situation.home', 'ui.situation.home', this.regionOptions(), { choose: 'ui.situation.choose', hint: byPage ? 'ui.situation.home_by_page' : null });
    const listed = this.radios('situation.listed', 'ui.situation.listed', [['yes', 'ui.yes'], ['no', 'ui.no']], 'ui.situation.listed_hint');
    const unitRegion = this.select('situation.unit_region', 'ui.situation.unit_region', this.regionOptions(), { choose: 'ui.situation.choose' });
    unitRegion.classList.add('vk-conditional');
    unitRegion.hidden = true;
    const age = this.input('situation.age', 'ui.situation.age', { hint: 'ui.situation.age_hint', width: 'vk-w10' });
    // A form of its own, so its radios are one group per component, not per page.
    const form = h('form', { class: 'vk-situation-form', novalidate: true, onsubmit: (e) => e.preventDefault() }, home, listed, unitRegion, age);
    const section = h(
      'section',
      { class: 'vk-situation', id: this.id('situation-section'), 'aria-labelledby': this.id('situation-heading') },
      h('h2', { id: this.id('situation-heading'), tabindex: '-1' }, this.t('ui.situation.heading')),
      h('p', { class: 'vk-hint' }, this.t('ui.situation.hint')),
      form,
    );
    if (byPage && this.rules.regions.some((r) => r.code === byPage)) home.querySelector('select').value = byPage;
    // Every answered question is answered again when the situation changes.
    const answerAgain = (e) => {
      // Answered questions, and those waiting on a piece asked for in their error summary.
      for (const q of ['relist', 'fees', 'doctor']) {
        const waiting = this.querySelector(`#${this.id(`${q}-section`)} .vk-error-summary`) && !this.missing(q).errors.length;
        if (this.answered.has(q) || waiting) this.answer(q, false);
      }
      // The home region decides which units are "in another region": search again, from the place shown.
      if (e.target.name === 'situation.home' && this.nearbyFrom && !this.querySelector(`#${this.id('nearby-answer')}`).hidden) this.search(false, this.nearbyFrom);
    };
    // A field changes when the pointer goes down elsewhere; answering then
    // takes error messages away and moves what is under the pointer, so its
    // click would be lost. While a button is held, the answers wait for the
    // click, and come once it is let go (or the press is cancelled).
    let held = false;
    let waitingChange = null;
    this.addEventListener('pointerdown', () => (held = true));
    section.addEventListener('change', (e) => {
      if (e.target.name === 'situation.listed') this.revealUnitRegion();
      if (held) waitingChange = e;
      else answerAgain(e);
    });
    const letGo = () => {
      held = false;
      const e = waitingChange;
      waitingChange = null;
      if (e) answerAgain(e);
    };
    for (const end of ['pointerup', 'pointercancel']) document.addEventListener(end, () => setTimeout(letGo));
    return section;
  },

  /// "In which region is your unit?" only for a person who is listed (GOV.UK conditional reveal).
  revealUnitRegion() {
    const field = this.querySelector('[data-field="situation.unit_region"]');
    field.hidden = this.value('situation.listed') !== 'yes';
  },

  /// The pieces a question needs that the person has not given, as engine
  /// errors pointing to their fields.
  missing(name) {
    const errors = [];
    const paths = {};
    for (const [path, fieldName] of Object.entries(NEEDS[name])) {
      paths[path] = fieldName;
      if (!this.value(fieldName)) errors.push({ path, code: 'missing_field' });
    }
    // Whether the guarantee applies depends on the unit's region: asked, never assumed.
    if (name === 'doctor' && this.value('situation.listed') === 'yes' && !this.value('situation.unit_region')) {
      paths['listing.unit.region'] = 'situation.unit_region';
      errors.push({ path: 'listing.unit.region', code: 'missing_field' });
    }
    return { errors, paths };
  },

  /// The situation's part of an engine situation: person and listed unit.
  person() {
    const person = {};
    if (this.value('situation.home')) person.home_region = this.value('situation.home');
    const age = this.value('situation.age');
    // One field for the age or the birth date: a date counts the age on each visit's day.
    if (age) {
      if (/^\d{1,3}$/.test(age) || !/\d{4}/.test(age)) person.age = this.number(age);
      else person.birth_date = /^\d{4}-\d{1,2}$/.test(age) ? age.replace(/-(\d)$/, '-0$1') : this.date(age);
    }
    return person;
  },

  listedUnit() {
    if (this.value('situation.listed') !== 'yes') return null;
    return { id: 'now', region: this.value('situation.unit_region') || null };
  },
};
