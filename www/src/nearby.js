// Nearby units: a second, smaller WebAssembly module, loaded on first use.
import { h, svg } from './dom.js';
import { startNearby, fetchText } from './platform.js';

export const nearby = {
  nearbyEngine() {
    this.nearbyModule ??= (async () => {
      const mod = await startNearby();
      // A region's own list (units-src), or the bundled OpenStreetMap list.
      const unitsUrl = this.getAttribute('units-src') ? new URL(this.getAttribute('units-src'), document.baseURI) : 'data/units.csv';
      const [units, municipalities] = await Promise.all([fetchText(unitsUrl), fetchText('data/municipalities.json')]);
      mod.add_places(municipalities);
      mod.set_units(units);
      return mod;
    })();
    return this.nearbyModule;
  },

  /// The 290 municipality names as suggestions, loaded when the field is first used.
  async municipalityNames() {
    const list = this.querySelector(`#${this.id('municipalities')}`);
    const data = JSON.parse(await fetchText('data/municipalities.json'));
    list.replaceChildren(...data.municipalities.map((m) => h('option', { value: m[1] })));
  },

  async search(moveFocus, from) {
    const text = this.value('nearby.where');
    this.clearErrors('nearby');
    const box = this.querySelector(`#${this.id('nearby-answer')}`);
    let mod;
    try {
      mod = await this.nearbyEngine();
      if (!from && /^\d{3}\s?\d{2}$/.test(text)) {
        // Postal codes (41 KB) are loaded only when someone types one.
        this.postalCodes ??= fetchText('data/postal-codes.json').then((t) => mod.add_places(t));
        await this.postalCodes;
      }
    } catch (e) {
      console.error('nearby units could not load', e);
      box.replaceChildren(h('p', { class: 'vk-notice' }, this.t('ui.failed')));
      box.hidden = false;
      return null;
    }
    from ??= /^\d[\d\s]*$/.test(text) ? { postal_code: text } : { municipality: text };
    const query = { from, k: 10, max_km: 100, lang: this.lang };
    let result;
    try {
      result = mod.nearby(query);
    } catch (thrown) {
      const errors = (thrown?.errors ?? []).map((e) => (e.path === 'from' ? { ...e, code: 'missing_field' } : e));
      this.showErrors('nearby', errors, { 'from.postal_code': 'nearby.where', 'from.municipality': 'nearby.where', from: 'nearby.where' }, moveFocus);
      return null;
    }
    box.replaceChildren(...this.nearbyAnswer(result).flat().filter(Boolean));
    box.hidden = false;
    box.dataset.situation = JSON.stringify(query);
    // A search from the person's position is not kept for sharing.
    if (from.lat == null) this.answered.add('nearby');
    this.markAnswered('nearby');
    performance.mark('vk-answer-nearby');
    if (moveFocus) box.focus();
    return result;
  },

  position() {
    this.clearErrors('nearby');
    if (!navigator.geolocation) return this.positionDenied();
    // Asked only now, when the person pressed the button; used only here.
    navigator.geolocation.getCurrentPosition(
      (p) => this.search(true, { lat: p.coords.latitude, lon: p.coords.longitude }),
      () => this.positionDenied(),
      { timeout: 15000, maximumAge: 300000 },
    );
  },

  positionDenied() {
    const box = this.querySelector(`#${this.id('nearby-answer')}`);
    box.replaceChildren(h('p', { class: 'vk-notice', role: 'status' }, this.t('ui.nearby.position_denied')));
    box.hidden = false;
  },

  nearbyAnswer(a) {
    const home = this.value('situation.home');
    const place = a.origin.label;
    const fromKey = { postal_code: 'ui.nearby.from_postal', municipality: 'ui.nearby.from_municipality', position: 'ui.nearby.from_position' }[a.origin.kind];
    const km = (d) => new Intl.NumberFormat(this.lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(d);
    if (!a.units.length) return [h('p', { class: 'vk-summary' }, this.t('ui.nearby.none'))];
    const items = a.units.map((u) => {
      const status = u.list_closed === true ? 'closed' : u.list_closed === false ? 'open' : 'unknown';
      return h(
        'li',
        { class: 'vk-unit', 'data-id': u.id },
        h('h3', { class: 'vk-unit-name' }, u.name),
        h('p', {}, this.t(fromKey, { km: km(u.distance_km), place })),
        h('p', {}, this.t('ui.nearby.region', { region: this.regionName(u.region) }), h('br'), this.t('ui.nearby.list', { status: this.t(`ui.nearby.list.${status}`) })),
        u.region && home && u.region !== home ? h('p', { class: 'vk-warning' }, this.t('ui.nearby.other_region')) : null,
        h('p', {}, h('a', { href: 'https://www.1177.se/' }, this.t('ui.nearby.list_link'))),
        h('button', { type: 'button', class: 'vk-button vk-secondary vk-small', onclick: () => this.choose(u) }, this.t('ui.nearby.choose', { name: u.name })),
      );
    });
    return [h('h3', { class: 'vk-answer-title' }, this.t('ui.nearby.results', { count: a.units.length })), this.map(a), h('ol', { class: 'vk-units' }, items)];
  },

  /// A small map: the regions' borders (data/map.json, no tiles, works offline),
  /// the place searched from and the units, numbered as in the list.
  map(a) {
    const m = this.mapData;
    if (!m) {
      fetchText('data/map.json').then((t) => {
        this.mapData = JSON.parse(t);
        const old = this.querySelector('.vk-map');
        if (old) old.replaceWith(this.map(a));
      });
      return h('div', { class: 'vk-map' });
    }
    const cos = Math.cos((m.lat0 * Math.PI) / 180);
    const xy = (lat, lon) => [(lon - m.west) * m.scale * cos, (m.north - lat) * m.scale];
    const pts = [xy(a.origin.lat, a.origin.lon), ...a.units.map((u) => xy(u.lat, u.lon))];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const pad = 3;
    let [x0, y0, x1, y1] = [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
    const size = Math.max(x1 - x0, y1 - y0, 8);
    x0 = (x0 + x1) / 2 - size / 2;
    y0 = (y0 + y1) / 2 - size / 2;
    const r = size / 60;
    const titleId = this.id('map-title');
    const descId = this.id('map-desc');
    return svg(
      'svg',
      { viewBox: `${x0.toFixed(1)} ${y0.toFixed(1)} ${size.toFixed(1)} ${size.toFixed(1)}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'vk-map' },
      svg('title', { id: titleId }, this.t('ui.nearby.map', { place: a.origin.label || this.t('ui.nearby.position') })),
      svg('desc', { id: descId }, this.t('ui.nearby.map_desc')),
      ...m.regions.map((g) => svg('path', { d: g.d, class: 'vk-map-region', 'stroke-width': (size / 400).toFixed(2) })),
      ...a.units.map((u, i) => {
        const [x, y] = pts[i + 1];
        return svg('g', {}, svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(2), class: 'vk-map-unit' }), svg('text', { x: x.toFixed(1), y: (y - r * 1.4).toFixed(1), 'font-size': (r * 2.2).toFixed(2), 'text-anchor': 'middle', class: 'vk-map-label' }, String(i + 1)));
      }),
      svg('circle', { cx: pts[0][0].toFixed(1), cy: pts[0][1].toFixed(1), r: (r * 1.3).toFixed(2), class: 'vk-map-origin', 'stroke-width': (r / 2).toFixed(2) }),
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

  showChosen() {
    const chosen = this.querySelector(`#${this.id('relist-chosen')}`);
    const name = this.value('relist.unit');
    chosen.textContent = name ? this.t('ui.nearby.chosen', { name }) : '';
    chosen.hidden = !name;
  },
};
