// Form building blocks (GOV.UK patterns) and the error summary. Methods of
// the component: `this.t` gives text, `this.id` unique ids.
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

  labelOf(fieldName) {
    const field = this.querySelector(`[data-field="${CSS.escape(fieldName)}"]`);
    if (field?.dataset.name) return field.dataset.name;
    const label = field?.querySelector('label, legend');
    const text = [...(label?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    return text.charAt(0).toLowerCase() + text.slice(1);
  },

  // --- errors (GOV.UK's error summary) ------------------------------------------

  clearErrors(name) {
    const section = this.querySelector(`#${this.id(`${name}-section`)}`);
    section?.querySelector('.vk-error-summary')?.remove();
    for (const p of this.querySelectorAll(`.vk-error[data-for="${name}"]`)) {
      const field = p.closest('[data-field]');
      field?.classList.remove('vk-field-error');
      for (const c of field?.querySelectorAll('[aria-invalid]') ?? []) {
        c.removeAttribute('aria-invalid');
        const rest = (c.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== p.id).join(' ');
        if (rest) c.setAttribute('aria-describedby', rest);
        else c.removeAttribute('aria-describedby');
      }
      p.remove();
    }
  },

  /// The error summary above the question, linking to each field (in the
  /// question or in "Din situation"), and the message by each field.
  showErrors(name, errors, paths, moveFocus) {
    const form = this.forms[name];
    const items = [];
    const firstField = form.querySelector('input, select') ?? this.control('situation.home');
    for (const e of errors) {
      const fieldName = paths[e.path] ?? firstField.name;
      const args = e.args ?? {};
      const choice = e.code === 'missing_field' && ['SELECT', 'FIELDSET'].includes(this.control(fieldName)?.closest('select, fieldset[data-field]')?.tagName);
      const key = choice ? 'ui.error.missing_choice' : this.text[`ui.error.${e.code}`] ? `ui.error.${e.code}` : 'ui.error.other';
      const message = this.t(key, { label: this.labelOf(fieldName), ...args });
      const text = message.charAt(0).toUpperCase() + message.slice(1);
      const control = this.control(fieldName);
      const field = control?.closest('[data-field]');
      if (field && !field.querySelector('.vk-error')) {
        const errorId = `${control.id}-error`;
        field.classList.add('vk-field-error');
        // As GOV.UK: label, hint, then the message, then the control.
        const anchor = field.querySelector(':scope > .vk-hint') ?? field.querySelector('label, legend');
        anchor.after(h('p', { class: 'vk-error', id: errorId, 'data-for': name }, h('span', { class: 'vk-visually-hidden' }, `${this.t('ui.error_prefix')} `), text));
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${errorId}`.trim());
      }
      const target = control ?? firstField;
      items.push(h('li', {}, h('a', { href: `#${target.id}`, 'data-code': e.code, onclick: (ev) => { ev.preventDefault(); target.focus(); target.scrollIntoView({ block: 'center' }); } }, text)));
    }
    const summary = h('div', { class: 'vk-error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': this.id(`${name}-errors`) }, h('h3', { id: this.id(`${name}-errors`), class: 'vk-error-title' }, this.t('ui.error_summary')), h('ul', {}, items));
    form.before(summary);
    this.querySelector(`#${this.id(`${name}-answer`)}`).hidden = true;
    if (moveFocus) summary.focus();
  },
};
