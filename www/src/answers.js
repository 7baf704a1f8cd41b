// Rendering the engine's answers: headline (the reason first), the rest of
// the summary, what to do now (the engine's next steps), why, and sources.
// No sentence of an answer is written here; labels come from the catalogue.
import { h, today, formatter } from './dom.js';

export const answers = {
  /// The rest of a summary after its headline.
  rest(section) {
    return section.summary.startsWith(section.headline) ? section.summary.slice(section.headline.length).trim() : section.summary;
  },

  why(details, sources) {
    return [
      h('h4', {}, this.t('ui.why')),
      h('ul', { class: 'vk-list' }, details.map((d) => h('li', {}, d))),
      h('p', { class: 'vk-sources-title' }, this.t('ui.sources')),
      h('ul', { class: 'vk-sources' }, sources.map((s) => h('li', {}, this.sourceLink(s)))),
    ];
  },

  /// A source's title, marked as Swedish on a page in another language.
  sourceLink(s) {
    const swedish = !this.lang.startsWith('sv');
    // The note "(in Swedish)" is in the page's language, outside the title's span.
    const title = swedish ? h('span', {}, h('span', { lang: 'sv' }, s.title), ` ${this.t('ui.source_in_sv')}`.trimEnd()) : h('span', {}, s.title);
    return s.url ? h('a', { href: `https://${s.url}`, class: 'vk-source' }, title) : title;
  },

  whatNow(steps) {
    if (!steps.length) return [];
    return [h('h4', {}, this.t('ui.what_now')), h('ul', { class: 'vk-list vk-steps' }, steps.map((s) => h('li', { 'data-code': s.code }, s.text)))];
  },

  warnings(list) {
    return list.length ? h('ul', { class: 'vk-warnings' }, list.map((w) => h('li', { 'data-code': w.code }, w.message))) : null;
  },

  /// "Det här angav du": each filled field of the situation and the question,
  /// as label and value, so the answer (and its print) shows what it rests on.
  entered(name) {
    const items = [];
    const scopes = [this.querySelector(`#${this.id('situation-section')}`), this.forms[name]];
    for (const scope of scopes) {
      for (const field of scope.querySelectorAll('[data-field]')) {
        if (field.hidden) continue;
        const control = field.querySelector('input:not([type=hidden]), select');
        let value = '';
        if (control?.type === 'radio') {
          const checked = field.querySelector('input:checked');
          value = checked ? field.querySelector(`label[for="${checked.id}"]`).textContent : '';
        } else if (control?.tagName === 'SELECT') value = control.value ? control.selectedOptions[0].textContent : '';
        else value = control?.value.trim() ?? '';
        if (!value) continue;
        const label = field.querySelector('label, legend').textContent.replace(` ${this.t('ui.optional')}`, '');
        items.push(h('dt', {}, label), h('dd', {}, value));
      }
    }
    return items.length ? h('div', { class: 'vk-entered' }, h('h4', {}, this.t('ui.entered')), h('dl', {}, items)) : null;
  },

  formatDate(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return formatter(Intl.DateTimeFormat, this.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  },

  /// 1 450 in Swedish and Finnish, 1,450 in English and Arabic.
  formatNumber(n) {
    return formatter(Intl.NumberFormat, this.lang).format(n);
  },

  kr(n) {
    return `${this.formatNumber(n)}\u00a0kr`;
  },

  /// A button that downloads an all-day calendar event (.ics) for `iso` (calendar-file.js).
  calendar(iso, titleKey) {
    return h('button', { type: 'button', class: 'vk-button vk-secondary', onclick: () => this.downloadCalendar(iso, titleKey) }, `${this.t('ui.calendar')}: ${this.formatDate(iso)}`);
  },

  relistAnswer(a) {
    const l = a.listing;
    const rest = this.rest(l);
    return [
      h('h3', { class: `vk-answer-title ${l.can_change ? 'vk-yes' : 'vk-no'}` }, l.headline),
      rest ? h('p', { class: 'vk-summary' }, rest) : null,
      l.next_free_change && this.calendar(l.next_free_change, 'ui.relist.calendar_title'),
      ...this.whatNow(l.next_steps),
      this.warnings(a.warnings),
      ...this.why(l.details, l.sources),
    ];
  },

  feesAnswer(a) {
    const f = a.fees;
    const proposal = new Map((f.proposal?.visits ?? []).map((v, i) => [i, v]));
    const what = (v) =>
      [this.t(`ui.fees.where_${v.care === 'primary' ? v.where : v.care}`), (this.text[`ui.fees.who_${v.professional}_short`] ?? this.t(`ui.fees.who_${v.professional}`)).toLowerCase(), v.mode === 'physical' ? null : this.t(`ui.fees.mode_${v.mode}`).toLowerCase(), v.item === 'receipt' ? this.t('ui.fees.receipt').toLowerCase() : null].filter(Boolean).join(this.t('word.list_sep'));
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
    const whatProposal = f.details.at(-1);
    const rest = this.rest(f);
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
      ...this.whatNow(f.next_steps),
      this.warnings(a.warnings),
      f.regions.length ? this.regionsTable(f) : null,
      ...this.why(f.proposal ? f.details.slice(0, -1) : f.details, f.sources),
      f.proposal ? h('div', { class: 'vk-background' }, h('h4', {}, this.t('ui.fees.proposal_heading')), h('p', {}, whatProposal)) : null,
    ];
  },

  /// "The same visits in other regions": each region's total, free-card date
  /// and the age of its oldest fee, so the spread can be seen.
  regionsTable(f) {
    const home = this.value('situation.home');
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
      { class: 'vk-details vk-regions-details' },
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
  },

  doctorAnswer(a) {
    const part = (titleKey, s, yes) => [
      h('h3', { class: `vk-answer-title ${yes ? 'vk-yes' : 'vk-no'}` }, `${this.t(titleKey)}: `, s.headline),
      this.rest(s) ? h('p', { class: 'vk-summary' }, this.rest(s)) : null,
      ...this.whatNow(s.next_steps),
      ...this.why(s.details, s.sources),
    ];
    return [...part('ui.doctor.fixed', a.fixed_doctor, a.fixed_doctor.entitled), ...part('ui.doctor.guarantee', a.care_guarantee, a.care_guarantee.applies)];
  },

  regionName(code) {
    return this.rules.regions.find((r) => r.code === code)?.name ?? code ?? '';
  },
};
