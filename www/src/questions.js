// The questions' own forms, and the engine situation each one describes.
import { h, today, westernDigits } from './dom.js';

const REASONS = ['moved', 'medical', 'follow_doctor', 'unit_closed', 'other_special'];

export const questions = {
  reasonOptions(ownKey) {
    const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
    return [['', this.t(ownKey)], ...REASONS.map((r) => [r, capital(this.t(`reason.${r}`))])];
  },

  renderForms() {
    const relist = h('form', { id: this.id('relist') });
    relist.append(
      (this.changes = this.rows('relist.changes', 'ui.relist.changes', 'ui.relist.changes_hint', 'ui.relist.add', 'ui.relist.change_n', (i, n) => [
        this.dateInput(`relist.c${i}.date`, 'ui.relist.change_date', { hint: 'ui.relist.change_date_hint', prefix: n }),
        this.select(`relist.c${i}.reason`, 'ui.relist.change_reason', this.reasonOptions('ui.reason.own'), { prefix: n }),
      ])),
      this.dateInput('relist.date', 'ui.relist.planned_date', { hint: 'ui.relist.planned_date_hint', optional: true }),
      this.select('relist.reason', 'ui.relist.planned_reason', this.reasonOptions('ui.reason.own')),
      this.radios('relist.open', 'ui.relist.list_open', [['unknown', 'ui.dont_know'], ['yes', 'ui.relist.list_open_yes'], ['no', 'ui.relist.list_open_no']]),
      h('input', { type: 'hidden', name: 'relist.unit' }),
      h('input', { type: 'hidden', name: 'relist.unit_region' }),
      h('p', { class: 'vk-chosen', id: this.id('relist-chosen'), tabindex: '-1', hidden: true }),
    );
    const fees = h('form', { id: this.id('fees') });
    fees.append(
      (this.visits = this.rows('fees.visits', 'ui.fees.visits', 'ui.fees.visits_hint', 'ui.fees.add', 'ui.fees.visit_n', (i, n) => [
        this.dateInput(`fees.v${i}.date`, 'ui.fees.visit_date', { prefix: n }),
        this.select(`fees.v${i}.where`, 'ui.fees.where', ['listed', 'other_unit', 'specialist', 'emergency'].map((w) => [w, this.t(`ui.fees.where_${w}`)]), { prefix: n }),
        this.select(`fees.v${i}.who`, 'ui.fees.who', ['doctor', 'nurse', 'other'].map((w) => [w, this.t(`ui.fees.who_${w}`)]), { prefix: n }),
        this.select(`fees.v${i}.mode`, 'ui.fees.mode', ['physical', 'video', 'phone'].map((m) => [m, this.t(`ui.fees.mode_${m}`)]), { prefix: n }),
        this.input(`fees.v${i}.paid`, 'ui.fees.visit_paid', { optional: true, inputmode: 'numeric', width: 'vk-w5', prefix: n }),
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
    const doctor = h('form', { id: this.id('doctor') }, h('p', {}, this.t('ui.doctor.intro')));
    const nearby = h('form', { id: this.id('nearby') });
    const where = this.input('nearby.where', 'ui.nearby.where', { hint: 'ui.nearby.where_hint', width: 'vk-w20', autocomplete: 'postal-code' });
    const whereInput = where.querySelector('input');
    whereInput.setAttribute('list', this.id('municipalities'));
    whereInput.addEventListener('focus', () => this.municipalityNames(), { once: true });
    nearby.append(where, h('datalist', { id: this.id('municipalities') }), this.nearbyOptions());
    this.changes.addRow();
    this.visits.addRow();
    return { relist, fees, doctor, nearby };
  },

  /// A date as the engine reads it: a day written YYYY-MM-DD, as a shared
  /// link and the date fields' hint have it, is passed on at once; any other
  /// way of writing it is read by typed-dates.js (`readDate`), loaded later.
  date(text, month = false) {
    const t = text.trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : this.readDate(text, month);
  },

  number(text) {
    return /^\d+$/.test(text) ? Number(text) : text;
  },

  /// Each row of a group as its id and its fields' values by their last name
  /// part (`fees.v3.date` → `date`), read within the row: looking each field
  /// up in the whole component made a shared link's 1 000 rows take seconds.
  rowValues(group) {
    return [...group.list.children].map((row) => {
      const values = { id: row.dataset.row };
      for (const c of row.querySelectorAll('input, select')) values[c.name.slice(c.name.lastIndexOf('.') + 1)] = westernDigits(c.value.trim());
      return values;
    });
  },

  /// The engine situation a question describes, and where each engine path points back to.
  situation(name) {
    const base = { today: today(), lang: this.lang, rulebook: this.rulebook };
    const paths = { 'person.home_region': 'situation.home', 'person.age': 'situation.age', 'person.birth_date': 'situation.age', 'listing.unit': 'situation.listed', 'listing.unit.region': 'situation.unit_region' };
    const person = this.person();
    if (name === 'relist') {
      const changes = [];
      for (const { id, date, reason } of this.rowValues(this.changes)) {
        if (!date) continue;
        paths[`listing.changes[${changes.length}].date`] = `relist.c${id}.date`;
        changes.push({ date: this.date(date, true), reason: reason || null });
      }
      const planned = { reason: this.value('relist.reason') || null };
      // A unit only when the person named one (from the nearby list) or answered about its list.
      if (this.value('relist.unit') || this.value('relist.open')) planned.unit = { name: this.value('relist.unit') || null, region: this.value('relist.unit_region') || null, list_closed: { yes: false, no: true }[this.value('relist.open')] ?? null };
      if (this.value('relist.date')) planned.date = this.date(this.value('relist.date'));
      paths['listing.planned.date'] = 'relist.date';
      return { situation: { ...base, person: { home_region: person.home_region }, listing: { unit: this.listedUnit(), changes, planned } }, paths };
    }
    if (name === 'fees') {
      const home = person.home_region;
      const visits = [];
      const rows = this.rowValues(this.visits);
      // The region where care is given sets the fee: a visit at one's own unit is priced where that unit is.
      const unitRegion = this.listedUnit()?.region || home;
      for (const { id, date, where, who, mode, paid } of rows) {
        if (!date) continue;
        const n = visits.length;
        paths[`visits[${n}].date`] = `fees.v${id}.date`;
        paths[`visits[${n}].paid`] = `fees.v${id}.paid`;
        const care = where === 'specialist' || where === 'emergency' ? where : 'primary';
        const visit = { date: this.date(date), care, professional: who, mode, region: where === 'listed' ? unitRegion : home };
        if (care === 'primary') visit.where = where;
        if (paid) visit.paid = this.number(paid);
        visits.push(visit);
      }
      Object.assign(paths, { 'fee_period.first_visit': 'fees.first', 'fee_period.paid': 'fees.paid', visits: `fees.v${rows[0]?.id}.date` });
      const s = { ...base, person, visits };
      if (this.value('fees.first') || this.value('fees.paid')) s.fee_period = { first_visit: this.date(this.value('fees.first')), paid: this.number(this.value('fees.paid') || '0') };
      return { situation: s, paths };
    }
    return { situation: { ...base, person: { home_region: person.home_region }, listing: { unit: this.listedUnit() } }, paths };
  },
};
