// `make bundle`: the built www/ as
//   dist/vardvalskollen.html      one self-contained file (a classic script, both WebAssembly
//                                 modules as embedded bytes, the CSS, the default data) that
//                                 works opened from file:// with no network; and one such
//                                 file in each other language of the site,
//                                 dist/vardvalskollen-en.html, -ar, -fi, -lattlast (the
//                                 folder of its page);
//   dist/vardvalskollen-site.zip  the site for static hosting, with a service worker that
//                                 keeps it working offline after one visit.
// Nothing is fetched: everything comes from www/ as `make build` left it.
import { readFileSync, writeFileSync, mkdirSync, rmSync, cpSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleComponent } from './build-js.mjs';
import { isSiteFile, isCompressedCopy, listFiles, compressSite, sitePages, ENCODINGS } from './compress.mjs';
import { gzipSize } from './sizes.mjs';

const www = (p) => readFileSync(join('www', p));
const text = (p) => www(p).toString('utf8');
mkdirSync('dist', { recursive: true });

// --- one file ------------------------------------------------------------------

/// The data every language's file holds; each adds its own text (both catalogues) and rules.
const common = {};
for (const f of ['units.json', 'unit-counts-1177.json', 'municipalities.json', 'postal-codes.json', 'map.json']) {
  common[`data/${f}`] = text(`data/${f}`);
}
const dataFor = (lang) => ({ ...common, ...Object.fromEntries([`data/text-${lang}.json`, `data/text-more-${lang}.json`, `data/rules-${lang}.html`].map((f) => [f, text(f)])) });
const wasm = (p) => gzipSync(www(p), { level: 9 }).toString('base64');

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;

/// The one file's policy (docs/embedding.md, "Offline"): only its own inline
/// script and style, by their hashes; WebAssembly; the empty data: icon; and
/// nothing else: no request of any kind (default-src 'none' covers connect-src),
/// no <base>, no form submission.
function offlineCsp(code, style) {
  const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  return `default-src 'none'; script-src ${hash(code)} 'wasm-unsafe-eval'; style-src ${hash(style)}; img-src data:; base-uri 'none'; form-action 'none'`;
}

/// The one-file page of the site's page `dir` (`''`: Swedish, at the top; `'ar/'`, …)
/// holding `files` and the modules (`modules: false`: empty, to weigh them).
async function onePage(dir, files, modules = true) {
  // The component's own modules, bundled by esbuild as a classic script, with the
  // offline platform (scripts/offline-platform.js) in place of the served one.
  const script = await bundleComponent({
    format: 'iife',
    platform: fileURLToPath(new URL('offline-platform.js', import.meta.url)),
    write: false,
    offlineData: `export const DATA = ${JSON.stringify(files)};\nexport const WASM = { evaluate: ${JSON.stringify(modules ? wasm('pkg/vardval_bg.wasm') : '')}, nearby: ${JSON.stringify(modules ? wasm('pkg-nearby/vardval_nearby_bg.wasm') : '')} };`,
  });
  const style = `\n${text('style.css')}\n`;
  const code = `\n${script.replaceAll('</script', '<\\/script')}\n`;
  const page = text(`${dir}index.html`);
  const root = '../'.repeat(dir.split('/').length - 1);
  if (!CSP_META.test(page)) throw new Error(`www/${dir}index.html has no Content-Security-Policy <meta>`);
  // Replacement functions: the script holds `$` patterns that a replacement string would expand.
  return page
    .replace(CSP_META, () => `<meta http-equiv="Content-Security-Policy" content="${offlineCsp(code, style)}">`)
    .replace(`<link rel="stylesheet" href="${root}style.css">`, () => `<style>${style}</style>`)
    .replace(`<script type="module" src="${root}vardval-kollen.js"></script>`, '')
    // The file holds what the page preloads: nothing to fetch.
    .replace(/<link rel="(module)?preload"[^>]*>\n/g, '')
    // …and the catalogue the page holds (its `<` written as \u003c, so no tag inside).
    .replace(/<script type="application\/json"[^>]*>[^<]*<\/script>\n/, '')
    // One language a file: the menu's links lead to pages the file does not hold;
    // a translation names the Swedish original without a link to it.
    .replace(/<nav class="vk-langs".*?<\/nav>/s, '')
    .replace(/(<p class="vk-translation">[^<]*)<a [^>]*>([^<]*)<\/a>/, '$1$2')
    .replace('</body>', () => `<script>${code}</script>\n</body>`);
}

const pages = sitePages();
const offlineName = (dir) => `dist/vardvalskollen${dir ? `-${dir.slice(0, -1)}` : ''}.html`;
for (const { dir, lang } of pages) {
  const page = await onePage(dir, dataFor(lang));
  if (page.includes('<script type="module"')) throw new Error(`a module script is left in ${offlineName(dir)}`);
  if (/<link rel="stylesheet"/.test(page)) throw new Error(`a stylesheet link is left in ${offlineName(dir)}`);
  if (page.includes('<script type="application/json"')) throw new Error(`the page's catalogue is left in ${offlineName(dir)}`);
  writeFileSync(offlineName(dir), page);
}
const data = dataFor('sv');

// --- the site, with a service worker ----------------------------------------------

const site = 'dist/site';
rmSync(site, { recursive: true, force: true });
// The precompressed copies (.br, .gz) come along, for a server that sends them as
// they are (docs/embedding.md); the service worker caches only the files themselves.
cpSync('www', site, { recursive: true, filter: (p) => p === 'www' || isSiteFile(relative('www', p).split('\\').join('/')) });
const files = listFiles(site);
const served = files.filter((f) => !isCompressedCopy(f));
const version = createHash('sha256');
for (const f of served) version.update(f).update(readFileSync(join(site, f)));
const urls = served.map((f) => (f.endsWith('index.html') ? f.slice(0, -'index.html'.length) || './' : f));
writeFileSync(
  join(site, 'sw.js'),
  `// Keeps this copy of Vårdvalskollen working offline after one visit.
const CACHE = 'vardvalskollen-${version.digest('hex').slice(0, 16)}';
const FILES = ${JSON.stringify([...urls, ...served.filter((f) => f.endsWith('index.html'))])};
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
for (const f of served.filter((f) => f.endsWith('.html'))) {
  const p = join(site, f);
  const depth = f.split('/').length - 1;
  writeFileSync(p, readFileSync(p, 'utf8').replace('</head>', `<script type="module" src="${'../'.repeat(depth)}sw-register.js"></script>\n</head>`));
  for (const e of ENCODINGS) rmSync(p + e.suffix, { force: true });
}
// The pages changed, and the service worker is new: their copies again.
compressSite(site);
rmSync('dist/vardvalskollen-site.zip', { force: true });
execFileSync('python3', ['-c', 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2])', 'dist/vardvalskollen-site', site]);

for (const { dir } of pages) console.log(`${offlineName(dir)}: ${statSync(offlineName(dir)).size} B raw, ${gzipSize(readFileSync(offlineName(dir)))} B gzip`);
// What the file would be without the postal codes, and what the two modules weigh in it.
const { 'data/postal-codes.json': _, ...noPostalData } = data;
const noPostal = await onePage('', noPostalData);
const noWasm = await onePage('', noPostalData, false);
console.log(`  without the postal codes: ${gzipSize(noPostal)} B gzip, of which the two WebAssembly modules ${gzipSize(noPostal) - gzipSize(noWasm)} B`);
console.log(`dist/vardvalskollen-site.zip: ${statSync('dist/vardvalskollen-site.zip').size} B (${served.length + 2} files, service worker included, each text and WebAssembly file with its .br and .gz)`);
