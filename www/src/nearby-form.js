// The nearby question's parts the page draws at once. The search itself
// (nearby.js: the second WebAssembly module, the results, the map) is loaded
// when first used: when the place field gets focus, on a search, or on the
// position button; until then its methods are stand-ins that load it (parts.js).
import { h } from './dom.js';
import { nearbySearch } from './parts.js';

export const nearbyForm = {
  search: nearbySearch.standIn('search', 'nearbyFailed'),
  position: nearbySearch.standIn('position', 'nearbyFailed'),
  // Suggestions help but are not needed: a search says it when the part cannot load.
  municipalityNames: nearbySearch.standIn('municipalityNames'),

  /// What a search that could not load its part, module or list says.
  nearbyFailed(e) {
    console.error('nearby units could not load', e);
    this.setStatus('');
    const box = this.querySelector(`#${this.id('nearby-answer')}`);
    box.replaceChildren(h('p', { class: 'vk-notice', role: 'alert' }, this.t(e?.unitsRefused ? 'ui.nearby.units_refused' : 'ui.nearby.load_failed')));
    box.hidden = false;
    return null;
  },

  setStatus(text) {
    this.querySelector(`#${this.id('nearby-status')}`).textContent = text;
  },

  /// The form's extra parts: "only open lists" (hidden until the list has statuses).
  nearbyOptions() {
    const id = this.id('nearby.only_open');
    return h('div', { class: 'vk-field', id: this.id('nearby-open-field'), hidden: true }, h('div', { class: 'vk-radio' }, h('input', { type: 'checkbox', id, name: 'nearby.only_open' }), h('label', { for: id }, this.t('ui.nearby.only_open'))));
  },

  /// The position button, with its error in place beside it.
  positionControls() {
    const errorId = this.id('position-error');
    return h(
      'div',
      { class: 'vk-field', id: this.id('position-field') },
      h('p', { class: 'vk-hint', id: this.id('position-hint') }, this.t('ui.nearby.position_hint')),
      h('p', { class: 'vk-error', id: errorId, hidden: true }),
      h('button', { type: 'button', class: 'vk-button vk-secondary', id: this.id('position'), 'aria-describedby': this.id('position-hint'), onclick: () => this.position() }, this.t('ui.nearby.position')),
    );
  },

  showChosen() {
    const chosen = this.querySelector(`#${this.id('relist-chosen')}`);
    const name = this.value('relist.unit');
    chosen.textContent = name ? this.t('ui.nearby.chosen', { name }) : '';
    chosen.hidden = !name;
  },
};
