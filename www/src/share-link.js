// The share link's panel, opened by "Dela eller spara svaret" (sharing.js):
// the link, whose fragment holds what was entered, to copy or select.
// Loaded once the component has started (later.js).
import { h } from './dom.js';

export const shareLink = {
  /// Fills `panel` with the link and shows it; `button` opened it.
  showShareLink(panel, button) {
    const link = new URL(location.href);
    link.hash = this.state().toString();
    const field = h('input', { type: 'text', class: 'vk-input vk-share-link', readonly: true, value: link.href, id: this.id('share-link'), 'aria-describedby': this.id('share-note') });
    const status = h('p', { role: 'status', class: 'vk-hint' });
    const copy = h('button', { type: 'button', class: 'vk-button vk-secondary vk-small' }, this.t('ui.share.copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(link.href);
        status.textContent = this.t('ui.share.copied');
      } catch {
        field.select();
        status.textContent = this.t('ui.share.select');
      }
    });
    panel.replaceChildren(h('p', { id: this.id('share-note') }, this.t('ui.share.note')), h('label', { class: 'vk-label', for: field.id }, this.t('ui.share.label')), field, copy, status);
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    field.focus();
    field.select();
  },
};
