// Nearby units: a second, smaller WebAssembly module, loaded on first use.
// The engine says where the search starts, whose region it is and how
// complete the list is (RULES.md §5b); this file only lays that out. It is
// loaded itself on first use too (nearby-form.js): the page's first answer
// does not wait for it.
import { h, svg, formatter } from './dom.js';
import { startNearby, fetchText } from './platform.js';

/// Shown before "Visa fler": enough for a phone's first screen or two.
const FIRST_RESULTS = 5;

export const nearby = {
  /// The module with its unit list and municipalities; started when the person
  /// first focuses the field, so that on a slow phone the wait begins early.
  nearbyEngine() {
    this.nearbyModule ??= (async () => {
      // A region's own list (units-src), checked line by line by the full
      // module, which holds the checker; or the bundled OpenStreetMap list,
      // which the build has checked, with 1177's counts, which describe that
      // list only.
      const own = this.getAttribute('units-src');
      const mod = await startNearby({ full: Boolean(own) });
      // Its error messages, from the component's text (the module embeds no sentence): the
      // words from the page's catalogue, the messages from the second, which came with this part.
      mod.set_text(this.lang, JSON.stringify(Object.fromEntries(Object.entries(this.text).filter(([k]) => /^(error|type|word)\./.test(k)))));
      const unitsUrl = own ? new URL(own, document.baseURI) : 'data/units.json';
      const [units, municipalities, counts] = await Promise.all([fetchText(unitsUrl), this.municipalities(), own ? null : fetchText('data/unit-counts-1177.json')]);
      mod.add_places(municipalities);
      if (!own) {
        if (mod.set_checked_units(units) == null) throw new Error('data/units.json is not a checked unit list');
      } else {
        try {
          mod.set_units(units);
        } catch (refused) {
          // For the host: a list with problems is refused whole (docs/units.md: `vardval units check`).
          console.error(`vardval-kollen: units-src ${own} was refused`, refused?.problems ?? refused);
          throw Object.assign(new Error('units refused'), { unitsRefused: true });
        }
      }
      if (counts) mod.set_unit_counts(counts);
      // "Only open lists" is offered only when the list says which are open.
      this.querySelector(`#${this.id('nearby-open-field')}`).hidden = mod.units_with_list_status() === 0;
      return mod;
    })();
    // A failure is not kept: the next search tries again (a passing network error).
    this.nearbyModule.catch(() => (this.nearbyModule = null));
    return this.nearbyModule;
  },

  municipalities() {
    this.municipalitiesText ??= fetchText('data/municipalities.json').catch((e) => {
      this.municipalitiesText = null;
      throw e;
    });
    return this.municipalitiesText;
  },

  /// Postal codes (40 KB gzip): loaded for a postal code, a town that is not a
  /// municipality, or a position (the nearest town gives its region).
  postalCodesFor(mod) {
    this.postalCodes ??= fetchText('data/postal-codes.json').then((t) => mod.add_places(t));
    return this.postalCodes;
  },

  /// The 290 municipality names as suggestions, loaded when the field is first used.
  async municipalityNames() {
    this.nearbyEngine().catch(() => {});
    const list = this.querySelector(`#${this.id('municipalities')}`);
    const data = JSON.parse(await this.municipalities());
    list.replaceChildren(...data.municipalities.map((m) => h('option', { value: m[1] })));
  },

  /// Searches from `from` (a position, or the place of the answer shown when
  /// the home region changes), else from what is typed. Only the latest of
  /// searches in flight is shown.
  async search(moveFocus, from) {
    const seq = (this.nearbySeq = (this.nearbySeq ?? 0) + 1);
    const stale = () => seq !== this.nearbySeq;
    const text = this.value('nearby.where').trim();
    this.clearErrors('nearby');
    this.positionError(null);
    const box = this.querySelector(`#${this.id('nearby-answer')}`);
    if (!from && !text) {
      this.showErrors('nearby', [{ path: 'from.place', code: 'missing_field' }], { 'from.place': 'nearby.where' }, moveFocus);
      return null;
    }
    this.setStatus(this.t('ui.nearby.searching'));
    // A postal code, alone or as addresses write it ("553 20 Jönköping").
    const code = from ? null : text.match(/^(\d{3}\s?\d{2})(\s+\D.*)?$/)?.[1];
    let mod;
    try {
      mod = await this.nearbyEngine();
      if (code || from) await this.postalCodesFor(mod);
    } catch (e) {
      if (!stale()) this.nearbyFailed(e);
      return null;
    }
    if (stale()) return null;
    from ??= code ? { postal_code: code } : /^\d[\d\s]*$/.test(text) ? { postal_code: text } : { place: text };
    const home = this.value('situation.home');
    const onlyOpen = this.control('nearby.only_open');
    const query = { from, k: 10, max_km: 100, lang: this.lang, ...(home ? { home_region: home } : {}), ...(onlyOpen.checked ? { only_open_lists: true } : {}) };
    let result;
    try {
      try {
        result = mod.nearby(query);
      } catch (thrown) {
        // A town that is not a municipality is found through the postal codes.
        if (thrown?.errors?.[0]?.code !== 'unknown_place') throw thrown;
        await this.postalCodesFor(mod);
        if (stale()) return null;
        result = mod.nearby(query);
      }
    } catch (thrown) {
      if (stale()) return null;
      this.setStatus('');
      this.showErrors('nearby', thrown?.errors ?? [], { 'from.postal_code': 'nearby.where', 'from.place': 'nearby.where', from: 'nearby.where' }, moveFocus);
      return null;
    }
    const heading = this.nearbyAnswer(box, result, query);
    box.hidden = false;
    box.dataset.situation = JSON.stringify(query);
    // Focus moves to the heading, which says what was found; "Söker …" goes.
    this.setStatus('');
    // Kept so that a change of home region searches again from the same place.
    this.nearbyFrom = from;
    // A search from the person's position is not kept for sharing.
    if (from.lat == null) this.answered.add('nearby');
    else this.answered.delete('nearby');
    this.markAnswered('nearby');
    performance.mark('vk-answer-nearby');
    if (moveFocus) {
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    }
    return result;
  },

  position() {
    this.clearErrors('nearby');
    this.positionError(null);
    if (!navigator.geolocation) return this.positionError('ui.nearby.position_unavailable');
    this.setStatus(this.t('ui.nearby.searching'));
    // Asked only now, when the person pressed the button; used only here.
    navigator.geolocation.getCurrentPosition(
      (p) => this.search(true, { lat: p.coords.latitude, lon: p.coords.longitude }),
      (e) => this.positionError(e?.code === 1 ? 'ui.nearby.position_denied' : 'ui.nearby.position_unavailable'),
      { timeout: 15000, maximumAge: 300000 },
    );
  },

  /// Shows (or, with null, clears) the position's error beside its button, as
  /// GOV.UK shows a field's error: the button is described by it and keeps focus.
  positionError(key) {
    const error = this.querySelector(`#${this.id('position-error')}`);
    const button = this.querySelector(`#${this.id('position')}`);
    const field = this.querySelector(`#${this.id('position-field')}`);
    if (!error) return;
    error.hidden = !key;
    field.classList.toggle('vk-field-error', Boolean(key));
    button.setAttribute('aria-describedby', key ? `${this.id('position-hint')} ${error.id}` : this.id('position-hint'));
    if (!key) return;
    this.setStatus('');
    // Read out now: the person pressed the button and is waiting. (The role comes before the text.)
    error.setAttribute('role', 'alert');
    error.replaceChildren(h('span', { class: 'vk-visually-hidden' }, `${this.t('ui.error_prefix')} `), this.t(key));
    button.focus({ preventScroll: true });
    // On a phone the message pushes the button down: keep both in view.
    error.scrollIntoView({ block: 'center' });
  },

  /// Lays the engine's answer out in `box`; returns the heading focus moves to.
  /// On a phone the units come right after what one must know to read them.
  nearbyAnswer(box, a, query) {
    this.nearbyShown = a;
    const regionName = (code) => this.regionName(code);
    const fromKey = { postal_code: 'ui.nearby.from_postal', town: 'ui.nearby.from_postal', municipality: 'ui.nearby.from_municipality', position: 'ui.nearby.from_position' }[a.origin.kind];
    const km = (d) => formatter(Intl.NumberFormat, this.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(d);
    const link = (hrefKey, textKey, args) => h('a', { href: this.t(hrefKey), rel: 'noreferrer' }, this.t(textKey, args));
    const coverage = a.coverage ?? [];
    const here = coverage.find((c) => c.region === a.origin.region);
    const heading = h('h3', { class: 'vk-answer-title', tabindex: '-1', id: this.id('nearby-results') });
    const parts = [heading];
    const after = [];
    // A region with no unit in the list: say so, rather than show units far away as "nearest".
    if (here && here.in_list === 0) {
      heading.textContent = this.t('ui.nearby.coverage_none', { region: regionName(here.region), at_least: here.at_least });
      parts.push(h('p', {}, link('ui.link.hitta_vard', 'ui.nearby.hitta_vard')));
      box.replaceChildren(...parts);
      return heading;
    }
    if (!a.units.length) {
      heading.textContent = this.t('ui.nearby.none', { km: query.max_km });
      box.replaceChildren(...parts);
      return heading;
    }
    const count = a.units.length;
    // Fewer than asked for: the search stops at max_km, and the heading says so.
    heading.textContent = this.t(count < query.k ? 'ui.nearby.results_within' : 'ui.nearby.results', { count, km: query.max_km });
    // How complete the list is where the person searched, and that nearer units may be missing.
    if (here) {
      parts.push(h('p', {}, this.t('ui.nearby.coverage', { in_list: here.in_list, at_least: here.at_least, region: regionName(here.region) }), ' ', this.t('ui.nearby.may_be_nearer'), ' ', link('ui.link.hitta_vard', 'ui.nearby.hitta_vard')));
    }
    // Said once, not on every unit.
    const unknown = a.units.filter((u) => u.list_closed == null).length;
    if (unknown) parts.push(h('p', {}, this.t(unknown === count ? 'ui.nearby.status_unknown' : 'ui.nearby.status_some_unknown', { count })));
    const place = a.origin.label;
    const items = a.units.map((u, i) =>
      h(
        'li',
        { class: 'vk-unit', 'data-id': u.id, hidden: i >= FIRST_RESULTS },
        h('h4', { class: 'vk-unit-name', tabindex: '-1' }, u.name),
        h('p', {}, this.t(fromKey, { km: km(u.distance_km), place })),
        u.other_region ? h('p', { class: 'vk-tag' }, this.t('ui.nearby.other_region_tag', { region: regionName(u.region) })) : u.region ? h('p', {}, this.t('ui.nearby.region', { region: regionName(u.region) })) : null,
        u.list_closed == null ? null : h('p', {}, this.t('ui.nearby.list', { status: this.t(`ui.nearby.list.${u.list_closed ? 'closed' : 'open'}`) })),
        // Only web addresses: `units check` refuses any other, and the page does not trust the list either.
        /^https?:\/\//i.test(u.url ?? '') ? h('p', {}, h('a', { href: u.url, rel: 'noreferrer' }, this.t('ui.nearby.unit_page', { name: u.name }))) : null,
        h('button', { type: 'button', class: 'vk-button vk-secondary vk-small', onclick: () => this.choose(u) }, this.t('ui.nearby.choose', { name: u.name })),
      ),
    );
    parts.push(h('ol', { class: 'vk-units' }, items));
    if (items.length > FIRST_RESULTS) {
      const more = h('button', { type: 'button', class: 'vk-button vk-secondary', onclick: () => {
        for (const li of items) li.hidden = false;
        more.remove();
        items[FIRST_RESULTS].querySelector('h4').focus();
      } }, this.t('ui.nearby.more', { count: items.length - FIRST_RESULTS }));
      parts.push(more);
    }
    // What "Annan region" means, once, for the units it concerns.
    if (a.units.some((u) => u.other_region)) after.push(h('p', { class: 'vk-warning' }, this.t('ui.nearby.other_region', { region: regionName(a.home_region) })));
    // The region the answer takes as home, said when the person did not say it.
    if (!a.home_region_given && a.home_region) {
      after.push(h('p', {}, this.t(a.origin.kind === 'position' ? 'ui.nearby.home_assumed_position' : 'ui.nearby.home_assumed', { region: regionName(a.home_region) }), ' ', h('a', { href: `#${this.id('situation-heading')}`, onclick: (e) => { e.preventDefault(); this.control('situation.home').focus(); } }, this.t('ui.nearby.home_change'))));
    }
    // The other regions the results reach into.
    const others = coverage.filter((c) => c !== here);
    if (others.length) after.push(h('ul', { class: 'vk-coverage' }, others.map((c) => h('li', {}, this.t(c.in_list ? 'ui.nearby.coverage' : 'ui.nearby.coverage_none', { in_list: c.in_list, at_least: c.at_least, region: regionName(c.region) })))));
    after.push(h('p', {}, this.t('ui.nearby.how_to_list'), ' ', link('ui.link.eservice', 'ui.nearby.list_link')));
    box.replaceChildren(...parts, ...after, this.map(a), h('p', { class: 'vk-hint', id: this.id('map-caption') }, this.t('ui.nearby.map_caption')));
    return heading;
  },

  /// A small map: the regions' borders (data/map.json, no tiles, works offline),
  /// the place searched from, the units numbered as in the list, and a scale.
  map(a) {
    const m = this.mapData;
    if (!m) {
      fetchText('data/map.json').then((t) => {
        this.mapData = JSON.parse(t);
        // Only into the answer it was drawn for, not one that has replaced it.
        const old = this.querySelector('div.vk-map');
        if (old && this.nearbyShown === a) old.replaceWith(this.map(a));
      });
      return h('div', { class: 'vk-map' });
    }
    const cos = Math.cos((m.lat0 * Math.PI) / 180);
    const xy = (lat, lon) => [(lon - m.west) * m.scale * cos, (m.north - lat) * m.scale];
    const pts = [xy(a.origin.lat, a.origin.lon), ...a.units.map((u) => xy(u.lat, u.lon))];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const pad = Math.max(3, (Math.max(...xs) - Math.min(...xs) + Math.max(...ys) - Math.min(...ys)) * 0.06);
    let [x0, y0, x1, y1] = [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
    const size = Math.max(x1 - x0, y1 - y0, 8);
    x0 = (x0 + x1) / 2 - size / 2;
    y0 = (y0 + y1) / 2 - size / 2;
    const r = size / 60;
    // The scale: a round length near a quarter of the map. One unit of y is
    // 1/scale degree of latitude, 111.2 km per degree.
    const kmPerUnit = 111.195 / m.scale;
    const barKm = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter((k) => k / kmPerUnit <= size / 4).pop() ?? 1;
    const bar = barKm / kmPerUnit;
    const [bx, by] = [x0 + size * 0.05, y0 + size * 0.93];
    const titleId = this.id('map-title');
    const descId = this.id('map-desc');
    const f = (n) => n.toFixed(2);
    return svg(
      'svg',
      { viewBox: `${f(x0)} ${f(y0)} ${f(size)} ${f(size)}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, 'aria-describedby': this.id('map-caption'), class: 'vk-map' },
      svg('title', { id: titleId }, this.t('ui.nearby.map', { place: a.origin.label || this.t('ui.nearby.your_position') })),
      svg('desc', { id: descId }, this.t('ui.nearby.map_desc', { km: barKm })),
      ...m.regions.map((g) => svg('path', { d: g.d, class: 'vk-map-region', 'stroke-width': f(size / 400) })),
      ...a.units.map((u, i) => {
        const [x, y] = pts[i + 1];
        return svg('g', {}, svg('circle', { cx: f(x), cy: f(y), r: f(r), class: 'vk-map-unit' }), svg('text', { x: f(x), y: f(y - r * 1.4), 'font-size': f(r * 2.2), 'text-anchor': 'middle', class: 'vk-map-label' }, String(i + 1)));
      }),
      svg('circle', { cx: f(pts[0][0]), cy: f(pts[0][1]), r: f(r * 1.3), class: 'vk-map-origin', 'stroke-width': f(r / 2) }),
      svg('path', { d: `M${f(bx)} ${f(by - r)}V${f(by)}H${f(bx + bar)}V${f(by - r)}`, class: 'vk-map-scale', 'stroke-width': f(r / 2), fill: 'none' }),
      svg('text', { x: f(bx + bar / 2), y: f(by - r * 1.3), 'font-size': f(r * 2.2), 'text-anchor': 'middle', class: 'vk-map-label' }, this.t('ui.nearby.map_scale', { km: barKm })),
    );
  },

  /// Makes a unit from the results the planned unit of the relisting question.
  choose(unit) {
    this.control('relist.unit').value = unit.name;
    this.control('relist.unit_region').value = unit.region ?? '';
    const open = unit.list_closed === true ? 'no' : unit.list_closed === false ? 'yes' : 'unknown';
    for (const c of this.querySelectorAll('[name="relist.open"]')) c.checked = c.value === open;
    this.showChosen();
    this.querySelector(`#${this.id('relist-chosen')}`).focus();
  },
};
