// GOV.UK's error summary: above a question whose answer has problems, with a
// message by each field; and at the top of the component for a shared link
// with more rows than the engine takes. Loaded once the component has
// started (later.js): an answer with problems before then waits for it (parts.js).
import { h } from './dom.js';

export const errorSummary = {
  /// How a message names a field ("din ålder").
  labelOf(fieldName) {
    const field = this.querySelector(`[data-field="${CSS.escape(fieldName)}"]`);
    if (field?.dataset.name) return field.dataset.name;
    const label = field?.querySelector('label, legend');
    const text = [...(label?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
    return text.charAt(0).toLowerCase() + text.slice(1);
  },

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

  /// A link with more rows than the engine takes (`problems`: [question,
  /// count] pairs): one summary at the top of the component, linking to each
  /// group's first row, which stays empty; focus goes to it, as on a page load.
  linkProblems(problems, max) {
    const item = ([question, count]) => {
      const group = question === 'fees' ? this.visits : this.changes;
      const first = () => group.list.querySelector('input');
      const text = this.t(`ui.share.too_many.${question}`, { count: this.formatNumber(count), max: this.formatNumber(max) });
      return h('li', {}, h('a', { href: `#${first()?.id}`, onclick: (e) => { e.preventDefault(); first()?.focus(); first()?.scrollIntoView({ block: 'center' }); } }, text));
    };
    const summary = h(
      'div',
      { class: 'vk-error-summary vk-link-problem', role: 'alert', tabindex: '-1', 'aria-labelledby': this.id('link-problem') },
      h('h2', { id: this.id('link-problem'), class: 'vk-error-title' }, this.t('ui.error_summary')),
      h('ul', {}, problems.map(item)),
    );
    this.querySelector('.vk-ui nav').after(summary);
    summary.focus();
  },
};
