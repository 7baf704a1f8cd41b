// Sharing by choice. While the person types, nothing is written to the
// address, the history or storage. "Dela eller spara svaret" makes a link
// (share-link.js) whose fragment (never sent to a server) holds what was
// entered; opening it restores the answers. The language switch carries the answers to the
// other page through sessionStorage, read once and removed at once.
import { h } from './dom.js';

const QUESTIONS = ['relist', 'fees', 'doctor', 'nearby'];
const CARRY = 'vardvalskollen-carry';

export const sharing = {
  /// What was entered in the situation and the answered questions.
  state() {
    const out = new URLSearchParams({ a: [...this.answered].join(',') });
    const scopes = [this.querySelector(`#${this.id('situation-section')}`), ...[...this.answered].map((q) => this.forms[q])];
    for (const scope of scopes) {
      for (const c of scope.querySelectorAll('input, select')) {
        if ((c.type === 'radio' || c.type === 'checkbox') && !c.checked) continue;
        if (c.closest('[hidden]')) continue; // the unit's region after "not listed"
        if (c.value) out.append(c.name, c.value);
      }
    }
    return out;
  },

  renderSharing() {
    const panel = h('div', { class: 'vk-share-panel', hidden: true });
    const share = h('button', { type: 'button', class: 'vk-button vk-secondary', 'aria-expanded': 'false', 'aria-controls': this.id('share-panel') }, this.t('ui.share.button'));
    panel.id = this.id('share-panel');
    share.addEventListener('click', () => this.showShareLink(panel, share));
    const print = h('button', { type: 'button', class: 'vk-button vk-secondary' }, this.t('ui.print.button'));
    print.addEventListener('click', () => window.print());
    return h('div', { class: 'vk-share' }, h('h2', {}, this.t('ui.share.heading')), h('p', { class: 'vk-hint' }, this.t('ui.share.hint')), share, print, panel);
  },

  /// The language menu takes the answers along, only when a link is followed.
  carryOnLanguageSwitch() {
    document.querySelector('.vk-langs')?.addEventListener('click', (e) => {
      if (!e.target.closest('a:not([aria-current])')) return;
      // Only when this page is left: a new tab (Ctrl, Cmd, Shift, middle button) leaves nothing behind.
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      if (!this.answered.size && !this.state().toString().includes('situation.')) return;
      try {
        sessionStorage.setItem(CARRY, this.state().toString());
      } catch {
        // Storage may be off; then the other page starts empty.
      }
    });
  },

  /// Answers from a shared link, or carried over from another language.
  /// A group of rows longer than the engine takes (MAX_ITEMS, 1 000) is left
  /// out with a message, and the rest of the link is restored.
  restore() {
    performance.mark('vk-restore'); // read by scripts/bench-page.mjs
    let carried = null;
    try {
      carried = sessionStorage.getItem(CARRY);
      sessionStorage.removeItem(CARRY);
    } catch {
      carried = null;
    }
    let params = new URLSearchParams(carried ?? location.hash.slice(1));
    let done = (params.get('a') ?? '').split(',').filter((q) => QUESTIONS.includes(q));
    if (!done.length && ![...params.keys()].some((k) => k.startsWith('situation.'))) return;
    const max = this.engine.max_items();
    const tooLong = []; // [question, rows] of each group longer than `max`
    // Recreate as many rows as the state names (under new row numbers), then fill every field.
    for (const [group, prefix, question] of [[this.changes, 'relist.c', 'relist'], [this.visits, 'fees.v', 'fees']]) {
      const rows = [...new Set([...params.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('.')[0]))];
      if (!rows.length) continue;
      const tooMany = rows.length > max;
      if (tooMany) {
        tooLong.push([question, rows.length]);
        done = done.filter((q) => q !== question);
      } else {
        group.list.replaceChildren();
      }
      const renamed = {};
      if (!tooMany) for (const old of rows) renamed[old] = group.addRow().dataset.row;
      const next = new URLSearchParams();
      for (const [k, v] of params) {
        if (!k.startsWith(prefix)) next.append(k, v);
        else if (!tooMany) {
          const [old, ...rest] = k.slice(prefix.length).split('.');
          next.append(`${prefix}${renamed[old]}.${rest.join('.')}`, v);
        }
      }
      params = next;
    }
    // Each field found once: a search of the whole component per field was quadratic in the rows.
    const controls = new Map();
    for (const c of this.querySelectorAll('input[name], select[name]')) controls.set(c.name, [...(controls.get(c.name) ?? []), c]);
    for (const [k, v] of params) {
      for (const c of controls.get(k) ?? []) {
        if (c.type === 'radio' || c.type === 'checkbox') c.checked = c.value === v;
        else c.value = v;
      }
    }
    this.revealUnitRegion();
    this.showChosen();
    for (const q of done) this.answer(q, false);
    if (tooLong.length) this.linkProblems(tooLong, max);
  },
};
