// Small DOM helpers shared by every part of the component.

/// An element with attributes (`on…` are listeners) and children.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) node.append(c);
  return node;
}

/// An SVG element.
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/// The engine's languages (CONTRACT §6 `lang`): the locale each is written in
/// (Arabic with Western digits, as the engine writes them), the language a
/// browser and a screen reader read it as (lättläst is Swedish), and its direction.
export const LANGUAGES = {
  sv: { locale: 'sv-SE', html: 'sv', dir: 'ltr' },
  en: { locale: 'en-GB', html: 'en', dir: 'ltr' },
  ar: { locale: 'ar-u-nu-latn', html: 'ar', dir: 'rtl' },
  fi: { locale: 'fi-FI', html: 'fi', dir: 'ltr' },
  'sv-x-easy': { locale: 'sv-SE', html: 'sv', dir: 'ltr' },
};

/// What a person typed, with the digits an Arabic or Persian keyboard types
/// (٠–٩, ۰–۹) as 0–9, which is how the engine and the page's dates read them.
export function westernDigits(text) {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

const formatters = new Map();

/// An Intl formatter for the page's language, made once: making one costs
/// more than using it, and a table of 1 000 visits formats 2 000 values.
export function formatter(Kind, lang, options = {}) {
  const key = `${Kind.name} ${lang} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Kind(LANGUAGES[lang]?.locale ?? 'sv-SE', options));
  return formatters.get(key);
}

/// The calendar day in Sweden: the engine needs it as `today`.
export function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}
