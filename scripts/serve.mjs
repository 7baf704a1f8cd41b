// A small static file server for www/ (no dependencies): the page, the
// WebAssembly module with its MIME type, nothing else, each with the Content
// Security Policy below. Used by `make run` and by the browser tests. Listens
// on 127.0.0.1 only.
//
//   node scripts/serve.mjs [--port 8080] [--root www]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

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
      const body = await readFile(path);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        // Public files: a region's page on another origin may load the component.
        'Access-Control-Allow-Origin': '*',
        ...(csp ? { 'Content-Security-Policy': csp } : {}),
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
