// `make bundle`: the built www/ as
//   dist/vardvalskollen.html      one self-contained file (a classic script, both WebAssembly
//                                 modules as embedded bytes, the CSS, the default data) that
//                                 works opened from file:// with no network;
//   dist/vardvalskollen-site.zip  the site for static hosting, with a service worker that
//                                 keeps it working offline after one visit.
// Nothing is fetched: everything comes from www/ as `make build` left it.
import { readFileSync, writeFileSync, mkdirSync, rmSync, cpSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

const www = (p) => readFileSync(join('www', p));
const text = (p) => www(p).toString('utf8');
mkdirSync('dist', { recursive: true });

// --- one file ------------------------------------------------------------------

/// An ES module of wasm-bindgen's (`--target web`) as a classic-script value:
/// its exports become the properties of the object the function returns.
function classic(source, name) {
  const exported = [];
  let body = source
    .replace(/^export function (\w+)/gm, (_, f) => (exported.push(f), `function ${f}`))
    .replace(/^export class (\w+)/gm, (_, c) => (exported.push(c), `class ${c}`))
    .replace(/^export \{ initSync(?:, __wbg_init as default)? \};?$/gm, '')
    .replace(/^export default __wbg_init;$/gm, '')
    .replaceAll('import.meta.url', 'location.href');
  if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${name}: an import or export is left`);
  return `(() => {\n${body}\nreturn { ${exported.join(', ')}, initSync, default: __wbg_init };\n})()`;
}

const data = {};
for (const f of ['text-sv.json', 'text-en.json', 'rulebooks.json', 'rules-sv.html', 'rules-en.html', 'units.csv', 'municipalities.json', 'postal-codes.json', 'map.json']) {
  data[`data/${f}`] = text(`data/${f}`);
}
const component = text('vardval-kollen.js')
  .replace("import init, { evaluate, set_rulebooks, set_text } from './pkg/vardval.js';", 'const { default: init, evaluate, set_rulebooks, set_text } = VK_ENGINE;')
  .replace('const BASE = new URL(\'.\', import.meta.url);', "const BASE = new URL('.', location.href);")
  .replace('(engine ??= init())', '(engine ??= init({ module_or_path: VK_WASM.evaluate }))')
  .replace("const mod = await import(new URL('pkg-nearby/vardval_nearby.js', BASE));\n      await mod.default();", 'const mod = VK_NEARBY;\n      await mod.default({ module_or_path: VK_WASM.nearby });');
for (const needle of ['VK_ENGINE', 'VK_WASM.evaluate', 'VK_NEARBY']) if (!component.includes(needle)) throw new Error(`the component changed: ${needle} not placed`);

const script = `(() => {
"use strict";
// Vårdvalskollen, offline: everything in this one file.
const VK_DATA = ${JSON.stringify(data)};
// The modules are stored gzipped (base64 of raw WebAssembly compresses badly) and
// unpacked by the browser's own DecompressionStream.
const unpack = (b64) => new Response(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
const VK_WASM = { get evaluate() { return unpack(${JSON.stringify(gzipSync(www('pkg/vardval_bg.wasm'), { level: 9 }).toString('base64'))}); }, get nearby() { return unpack(${JSON.stringify(gzipSync(www('pkg-nearby/vardval_nearby_bg.wasm'), { level: 9 }).toString('base64'))}); } };
// The component's fetches are answered from VK_DATA: no network, no file:// reads.
const fetch = async (url) => {
  const key = Object.keys(VK_DATA).find((k) => String(url).endsWith(k));
  if (key == null) throw new Error('not in the offline file: ' + url);
  return new Response(VK_DATA[key]);
};
const VK_ENGINE = ${classic(text('pkg/vardval.js'), 'vardval.js')};
const VK_NEARBY = ${classic(text('pkg-nearby/vardval_nearby.js'), 'vardval_nearby.js')};
${component.replace(/^import .*$/gm, '')}
})();`;

let page = text('index.html')
  .replace('<link rel="stylesheet" href="style.css">', `<style>\n${text('style.css')}\n</style>`)
  .replace('<script type="module" src="vardval-kollen.js"></script>', '')
  .replace(/<a id="vk-other-lang"[^>]*>[^<]*<\/a>/, '')
  .replace('</body>', `<script>\n${script.replaceAll('</script', '<\\/script')}\n</script>\n</body>`);
if (page.includes('<script type="module"')) throw new Error('a module script is left in the one-file page');
writeFileSync('dist/vardvalskollen.html', page);

// --- the site, with a service worker ----------------------------------------------

const site = 'dist/site';
rmSync(site, { recursive: true, force: true });
cpSync('www', site, { recursive: true, filter: (p) => !/(page\.html|rules-fragment\.html|\.gitignore|package\.json|\.d\.ts)$/.test(p) });
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(site, p).split('\\').join('/'));
  }
};
walk(site);
files.sort();
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(site, f)));
const urls = files.map((f) => (f.endsWith('index.html') ? f.slice(0, -'index.html'.length) || './' : f));
writeFileSync(
  join(site, 'sw.js'),
  `// Keeps this copy of Vårdvalskollen working offline after one visit.
const CACHE = 'vardvalskollen-${version.digest('hex').slice(0, 16)}';
const FILES = ${JSON.stringify([...urls, ...files.filter((f) => f.endsWith('index.html'))])};
self.addEventListener('install', (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting())));
self.addEventListener('activate', (e) => e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim())));
self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET' || new URL(e.request.url).origin !== location.origin) return;
  e.respondWith(caches.match(e.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(e.request)));
});
`,
);
writeFileSync(
  join(site, 'sw-register.js'),
  `// Registers the service worker that keeps this site working offline.
if ('serviceWorker' in navigator) navigator.serviceWorker.register(new URL('sw.js', import.meta.url)).catch((e) => console.error('no offline copy', e));
`,
);
for (const f of files.filter((f) => f.endsWith('.html'))) {
  const p = join(site, f);
  const depth = f.split('/').length - 1;
  writeFileSync(p, readFileSync(p, 'utf8').replace('</head>', `<script type="module" src="${'../'.repeat(depth)}sw-register.js"></script>\n</head>`));
}
rmSync('dist/vardvalskollen-site.zip', { force: true });
execFileSync('python3', ['-c', 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])', 'dist/vardvalskollen-site', site]);

// gzip level 9, as scripts/sizes.mjs and the budget test measure.
const gz = (p) => gzipSync(readFileSync(p), { level: 9 }).length;
console.log(`dist/vardvalskollen.html: ${statSync('dist/vardvalskollen.html').size} B raw, ${gz('dist/vardvalskollen.html')} B gzip`);
// What the file would be without the postal codes, and what the two modules weigh in it.
const gzText = (s) => gzipSync(Buffer.from(s), { level: 9 }).length;
const postal = JSON.stringify(data['data/postal-codes.json']);
const noPostal = page.replace(`"data/postal-codes.json":${postal},`, '');
if (noPostal === page) throw new Error('postal codes not found in the bundle');
const noWasm = noPostal.replace(/return unpack\("[^"]*"\)/g, 'return unpack("")');
console.log(`  without the postal codes: ${gzText(noPostal)} B gzip, of which the two WebAssembly modules ${gzText(noPostal) - gzText(noWasm)} B`);
console.log(`dist/vardvalskollen-site.zip: ${statSync('dist/vardvalskollen-site.zip').size} B (${files.length + 2} files, service worker included)`);
