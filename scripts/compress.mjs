// The last step of `make build`: a brotli (.br, quality 11) and a gzip (.gz,
// level 9) copy beside every text and WebAssembly file of the site in www/,
// for a server that sends them as they are (scripts/serve.mjs; nginx's
// gzip_static and brotli_static, docs/embedding.md). Only what changed since
// its copies were written is compressed again; a copy that would not be
// smaller than its file is not kept.
//
//   node scripts/compress.mjs [root=www]
import { readdirSync, readFileSync, writeFileSync, statSync, rmSync, existsSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/// What compresses: text and WebAssembly.
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.json', '.csv', '.wasm', '.svg', '.txt', '.xml']);

/// The two encodings, as a server names them (Content-Encoding) and as the copies end.
export const ENCODINGS = [
  { name: 'br', suffix: '.br', compress: (buf, ext) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }) },
  { name: 'gzip', suffix: '.gz', compress: (buf) => gzipSync(buf, { level: 9 }) },
];

/// Whether `path` (relative to www/, with `/`) is a file of the site rather than
/// of its build: the component's sources, the page templates and the module's
/// package files stay behind (scripts/bundle.mjs copies the site without them).
export function isSiteFile(path) {
  return !/(^|\/)(page\.html|rules-fragment\.html|\.gitignore|package\.json|README\.md)$|\.d\.ts$|^src(\/|$)/.test(path);
}

/// The site's pages built so far, one a language: Swedish at the top (`dir`
/// ''), each other in its folder (`'ar/'`, …; src/page.rs), with the `lang` of
/// its component.
export function sitePages(root = 'www') {
  const dirs = ['', ...readdirSync(root).map((d) => `${d}/`)].filter((d) => existsSync(join(root, d, 'index.html')));
  return dirs.map((dir) => ({ dir, lang: /<vardval-kollen lang="([^"]+)"/.exec(readFileSync(join(root, dir, 'index.html'), 'utf8'))?.[1] ?? 'sv' }));
}

/// Whether `path` is one of the compressed copies this script writes.
export const isCompressedCopy = (path) => ENCODINGS.some((e) => path.endsWith(e.suffix));

/// Every file under `dir`, relative to it, with `/`.
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/// Writes the copies under `root` that are missing or older than their file; returns how many were written.
export function compressSite(root = 'www') {
  let written = 0;
  const files = listFiles(root);
  for (const f of files) {
    const path = join(root, f);
    if (isCompressedCopy(f)) {
      // A copy whose file is gone (renamed, no longer built) goes too.
      if (!files.includes(f.replace(/\.(br|gz)$/, ''))) rmSync(path);
      continue;
    }
    if (!isSiteFile(f) || !COMPRESSED.has(extname(f))) continue;
    const { mtimeMs } = statSync(path);
    let raw;
    for (const e of ENCODINGS) {
      const copy = path + e.suffix;
      if ((statSync(copy, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= mtimeMs) continue;
      raw ??= readFileSync(path);
      const packed = e.compress(raw, extname(f));
      if (packed.length < raw.length) {
        writeFileSync(copy, packed);
        written += 1;
      } else rmSync(copy, { force: true });
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'www';
  console.log(`compressed copies written in ${root}/: ${compressSite(root)}`);
}
