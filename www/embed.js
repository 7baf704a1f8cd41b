// The iframe page (embed.html) for sites that cannot load scripts: the
// component, set up from the query string, and its height posted to the
// parent page, to that page's origin only.
//
//   embed.html?region=13&lang=sv&parent=https://www.regionhalland.se
import './vardval-kollen.js';

const params = new URLSearchParams(location.search);
// The component's languages, each with how a browser reads it (lättläst as
// Swedish) and its direction (Arabic right to left).
const languages = customElements.get('vardval-kollen').languages;
const lang = Object.hasOwn(languages, params.get('lang')) ? params.get('lang') : 'sv';
document.documentElement.lang = languages[lang].html;
document.documentElement.dir = languages[lang].dir;
const component = document.createElement('vardval-kollen');
// Anyone can make a link: units and fees named in it are taken only from this
// page's own origin, or a crafted link could show another site's fees or units
// on a region's page. (A host page that sets the attributes itself may name
// any URL.) The component says on the page that a source was refused.
component.refusedSources = [];
for (const name of ['region', 'rulebook', 'units-src', 'rules-src']) {
  const value = params.get(name);
  if (!value) continue;
  if (name.endsWith('-src') && !ownOrigin(value)) {
    console.error(`vardval-kollen: ${name} from the link was refused: only files of ${location.origin} are used (docs/embedding.md)`, value);
    component.refusedSources.push(name);
    continue;
  }
  component.setAttribute(name, value);
}
component.setAttribute('lang', lang);
document.querySelector('main').append(component);

// Only an http(s) origin is accepted as the parent; without one, no height is posted.
let parentOrigin = null;
try {
  const url = new URL(params.get('parent') ?? '');
  if (url.protocol === 'https:' || url.protocol === 'http:') parentOrigin = url.origin;
} catch {
  parentOrigin = null;
}
if (parentOrigin && window.parent !== window) {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'vardvalskollen:height', height }, parentOrigin);
    }
  };
  // ResizeObserver alone is not enough: Chromium does not run it in a
  // cross-origin frame that is out of view. DOM changes are seen regardless.
  new ResizeObserver(post).observe(document.documentElement);
  new MutationObserver(post).observe(document.body, { childList: true, subtree: true, attributes: true });
  addEventListener('load', post);
  post();
}

/// Whether `value`, read as a URL beside this page, is on this page's origin
/// (a page from file:// has none: data: and file: URLs share its "null").
function ownOrigin(value) {
  try {
    return location.origin !== 'null' && new URL(value, location.href).origin === location.origin;
  } catch {
    return false;
  }
}
