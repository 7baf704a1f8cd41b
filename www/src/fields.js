// Form building blocks (GOV.UK patterns); their errors are error-summary.js's.
// Methods of the component: `this.t` gives text, `this.id` unique ids.
import { h, westernDigits } from './dom.js';

/// Rows beyond this many are a long list (see `rows`).
const LONG_LIST = 20;

export const fields = {
  field(name, labelKey, control, hintKey, { optional, prefix } = {}) {
    const id = this.id(name);
    const hint = hintKey && h('p', { class: 'vk-hint', id: `${id}-hint` }, this.t(hintKey));
    control.id = id;
    control.name = name;
    if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
    // A repeated row's number is part of each label ("Besök 2, datum"), so
    // every field can be told apart when read out of context.
    const label = h('label', { for: id, class: 'vk-label' }, prefix ? h('span', { class: 'vk-row-prefix' }, `${prefix}${this.t('word.list_sep')}`) : null, this.t(labelKey), optional ? ` ${this.t('ui.optional')}` : '');
    // How an error message names the field ("din ålder"), if the catalogue says.
    const named = this.text[`${labelKey}.name`];
    const errorName = named && prefix ? `${prefix.toLowerCase()}${this.t('word.list_sep')}${named}` : named;
    return h('div', { class: 'vk-field', 'data-field': name, 'data-name': errorName ?? '', 'data-base-name': named ?? '' }, label, hint, control);
  },

  input(name, labelKey, { hint, optional, inputmode, width = 'vk-w10', autocomplete = 'off', prefix } = {}) {
    return this.field(name, labelKey, h('input', { type: 'text', class: `vk-input ${width}`, inputmode, autocomplete, spellcheck: 'false' }), hint, { optional, prefix });
  },

  dateInput(name, labelKey, opts = {}) {
    return this.input(name, labelKey, { hint: opts.hint ?? 'ui.date_hint', optional: opts.optional, prefix: opts.prefix, width: 'vk-w10' });
  },

  /// A select; with `choose`, a first empty option so nothing is chosen for the person.
  select(name, labelKey, options, { hint, choose, prefix } = {}) {
    const opts = options.map(([value, text]) => h('option', { value }, text));
    if (choose) opts.unshift(h('option', { value: '' }, this.t(choose)));
    return this.field(name, labelKey, h('select', { class: 'vk-select' }, opts), hint, { prefix });
  },

  /// Radios with none checked: the person answers, nothing is answered for them.
  radios(name, legendKey, options, hintKey) {
    const id = this.id(name);
    return h(
      'fieldset',
      { class: 'vk-fieldset', 'data-field': name, 'data-name': this.text[`${legendKey}.name`] ?? '', id: `${id}-group`, 'aria-describedby': hintKey ? `${id}-hint` : null },
      h('legend', { class: 'vk-legend' }, this.t(legendKey)),
      hintKey ? h('p', { class: 'vk-hint', id: `${id}-hint` }, this.t(hintKey)) : null,
      h(
        'div',
        { class: 'vk-radios' },
        options.map(([value, key], i) => {
          const rid = i === 0 ? id : `${id}-${value}`;
          return h('div', { class: 'vk-radio' }, h('input', { type: 'radio', name, value, id: rid }), h('label', { for: rid }, this.t(key)));
        }),
      ),
    );
  },

  regionOptions() {
    return this.rules.regions.map((r) => [r.code, r.name]);
  },

  /// A list of rows the person can add to and remove from. Each row is
  /// numbered in its labels ("Besök 2, datum"); numbers follow the order shown.
  rows(name, legendKey, hintKey, addKey, rowKey, makeRow) {
    const list = h('div', { class: 'vk-rows' });
    let next = 0; // row ids only grow, so a removed row's field names are never reused
    const number = (row, n) => {
      const prefix = this.t(rowKey, { n });
      row.querySelector('.vk-row-title').textContent = prefix;
      for (const p of row.querySelectorAll('.vk-row-prefix')) p.textContent = `${prefix}${this.t('word.list_sep')}`;
      for (const f of row.querySelectorAll('[data-base-name]')) if (f.dataset.baseName) f.dataset.name = `${prefix.toLowerCase()}${this.t('word.list_sep')}${f.dataset.baseName}`;
      row.querySelector('.vk-remove').textContent = this.t('ui.remove_row', { row: prefix });
    };
    const add = () => {
      const i = next++;
      const n = list.children.length + 1;
      const row = h('div', { class: 'vk-row', 'data-row': String(i) });
      const remove = h('button', { type: 'button', class: 'vk-button vk-secondary vk-small vk-remove' });
      row.append(h('p', { class: 'vk-row-title', 'aria-hidden': 'true' }), ...makeRow(i, this.t(rowKey, { n })), remove);
      remove.addEventListener('click', () => {
        const next = row.nextElementSibling ?? row.previousElementSibling;
        row.remove();
        [...list.children].forEach((r, k) => number(r, k + 1));
        list.classList.toggle('vk-long', list.children.length > LONG_LIST);
        (next?.querySelector('input') ?? addButton).focus();
      });
      // A new row is the last: only its own number is written (a shared link adds up to 1 000 rows).
      number(row, n);
      list.append(row);
      // Drawn only when scrolled to (style.css); a short list is drawn whole, as tools that measure fields expect.
      list.classList.toggle('vk-long', n > LONG_LIST);
      return row;
    };
    const addButton = h('button', { type: 'button', class: 'vk-button vk-secondary' }, this.t(addKey));
    addButton.addEventListener('click', () => add().querySelector('input').focus());
    const group = h('fieldset', { class: 'vk-fieldset' }, h('legend', { class: 'vk-legend' }, this.t(legendKey)), h('p', { class: 'vk-hint' }, this.t(hintKey)), list, addButton);
    group.addRow = add;
    group.list = list;
    return group;
  },

  control(name) {
    return this.querySelector(`[name="${CSS.escape(name)}"]`);
  },

  value(name) {
    const c = this.control(name);
    if (c?.type === 'radio') return this.querySelector(`[name="${CSS.escape(name)}"]:checked`)?.value ?? '';
    return westernDigits(c?.value.trim() ?? '');
  },
};
