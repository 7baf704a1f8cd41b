// A small static file server for www/ (no dependencies): the page, the
// WebAssembly module with its MIME type, nothing else; pages with the
// Content Security Policy below. A file's precompressed copy (`make build`,
// scripts/compress.mjs) is sent when the request accepts its encoding. Used by
// `make run` and by the browser tests. Listens on 127.0.0.1 only.
//
//   node scripts/serve.mjs [--port 8080] [--root www]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ENCODINGS } from './compress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/// The policy every page of the site works under (docs/embedding.md): its own
/// files only, WebAssembly allowed, no inline script or style. The served
/// pages carry the same in a <meta> element (www/page.html, www/embed.html).
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/// The encoding to send, of those `available` (names, in the order the site
/// prefers them: br, then gzip), for a request's Accept-Encoding (RFC 9110
/// §12.5.3): the highest q-value wins, a tie goes to the earlier one; `*`
/// stands for every coding not named. Identity, unless named, is the last
/// choice but still acceptable, unless refused by `*;q=0`. `null`: send the
/// file as it is.
export function chooseEncoding(acceptEncoding, available) {
  const q = new Map();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const weight = params.map((p) => p.trim().match(/^q=([0-9.]+)$/)).find(Boolean);
    q.set(coding, weight ? Number(weight[1]) : 1);
  }
  const wildcard = q.get('*');
  const weightOf = (coding) => q.get(coding) ?? (coding !== 'identity' ? (wildcard ?? 0) : wildcard === 0 ? 0 : Number.MIN_VALUE);
  let best = null;
  let bestQ = weightOf('identity');
  for (const coding of available) {
    if (weightOf(coding) > bestQ || (best === null && weightOf(coding) === bestQ && bestQ > 0)) {
      best = coding;
      bestQ = weightOf(coding);
    }
  }
  return best;
}

/// The types a policy governs: documents, SVG among them. (A script would
/// need it only run as a worker, and the component starts none.) Sent with
/// anything else, it is bytes before the first answer and no effect.
const GOVERNED_BY_CSP = new Set(['.html', '.svg']);

/// Serves `root`; `csp: null` for a page that is not the site's (a test's host page).
export function startServer({ port = 8080, root = 'www', host = '127.0.0.1', headers = {}, csp = CSP } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      // The file itself must exist: a copy is never served in place of a missing
      // file, nor one older than its file (rebuilt without scripts/compress.mjs).
      const { mtimeMs } = await stat(path);
      let body = await readFile(path);
      const copies = [];
      for (const e of ENCODINGS) if ((await stat(path + e.suffix).catch(() => null))?.mtimeMs >= mtimeMs) copies.push(e);
      const chosen = chooseEncoding(req.headers['accept-encoding'], copies.map((e) => e.name));
      if (chosen) body = await readFile(path + copies.find((e) => e.name === chosen).suffix);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        // Caches keep one response per encoding.
        ...(copies.length ? { Vary: 'Accept-Encoding' } : {}),
        ...(chosen ? { 'Content-Encoding': chosen } : {}),
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        // Public files: a region's page on another origin may load the component.
        'Access-Control-Allow-Origin': '*',
        ...(csp && GOVERNED_BY_CSP.has(extname(path)) ? { 'Content-Security-Policy': csp } : {}),
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', process.env.PORT ?? 8080));
  const root = arg('--root', 'www');
  startServer({ port, root }).then(
    () => console.log(`serving ${root}/ on http://localhost:${port}/`),
    (e) => {
      console.error(`could not listen on port ${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
