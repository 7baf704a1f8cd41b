// `make build`'s precompressed copies (scripts/compress.mjs) and the server that
// sends them by Accept-Encoding (scripts/serve.mjs), on a folder of their own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync, utimesSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, chooseEncoding } from '../../scripts/serve.mjs';
import { compressSite } from '../../scripts/compress.mjs';

const root = mkdtempSync(join(tmpdir(), 'vk-serve-'));
// Text that compresses well, so every copy is kept.
const script = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ row: i, text: 'vårdcentral' })))};\n`;
let server, origin;

before(async () => {
  mkdirSync(join(root, 'data'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'app.js'), script);
  writeFileSync(join(root, 'data', 'rows.json'), script.slice(20));
  writeFileSync(join(root, 'src', 'part.js'), script); // the component's sources are not the site
  writeFileSync(join(root, 'tiny.txt'), 'a'); // a copy would be larger
  writeFileSync(join(root, 'gone.js.br'), 'left from an earlier build');
  compressSite(root);
  writeFileSync(join(root, 'plain.css'), 'body{margin:0}'.repeat(50)); // written after: no copies
  server = await startServer({ port: 0, root });
  origin = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

/// A raw request (no client-side decoding): status, headers and the body as sent.
function get(path, acceptEncoding, method = 'GET') {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding == null ? {} : { 'Accept-Encoding': acceptEncoding };
    request(`${origin}${path}`, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

test('compressSite writes a .br and a .gz copy of each site file, and only of those', () => {
  assert.equal(brotliDecompressSync(readFileSync(join(root, 'app.js.br'))).toString(), script);
  assert.equal(gunzipSync(readFileSync(join(root, 'app.js.gz'))).toString(), script);
  assert.ok(existsSync(join(root, 'data', 'rows.json.br')));
  assert.ok(!existsSync(join(root, 'src', 'part.js.br')), 'the sources are not served');
  assert.ok(!existsSync(join(root, 'tiny.txt.br')) && !existsSync(join(root, 'tiny.txt.gz')), 'a copy no smaller than its file is not kept');
  assert.ok(!existsSync(join(root, 'gone.js.br')), 'a copy without its file is removed');
});

test('compressSite writes again only what changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vk-compress-'));
  writeFileSync(join(dir, 'a.js'), script);
  writeFileSync(join(dir, 'b.js'), script);
  assert.equal(compressSite(dir), 4);
  assert.equal(compressSite(dir), 0);
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(dir, 'a.js'), later, later);
  assert.equal(compressSite(dir), 2);
  rmSync(dir, { recursive: true });
});

test('the server sends brotli when the request accepts it, as browsers ask', async () => {
  const r = await get('/app.js', 'gzip, deflate, br, zstd');
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal(Number(r.headers['content-length']), r.body.length);
  assert.equal(brotliDecompressSync(r.body).toString(), script);
});

test('the server sends gzip when brotli is not accepted, or accepted less', async () => {
  for (const accept of ['gzip', 'br;q=0.5, gzip', 'gzip;q=1.0, br;q=0.9, identity;q=0.1']) {
    const r = await get('/data/rows.json', accept);
    assert.equal(r.headers['content-encoding'], 'gzip', accept);
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(gunzipSync(r.body).toString(), script.slice(20));
  }
});

test('the server sends the file as it is without Accept-Encoding, or when identity is preferred', async () => {
  for (const accept of [null, '', 'identity', 'deflate', 'br;q=0.5, gzip;q=0.5, identity']) {
    const r = await get('/app.js', accept);
    assert.equal(r.headers['content-encoding'], undefined, String(accept));
    assert.equal(r.headers.vary, 'Accept-Encoding', 'the answer still depends on the header');
    assert.equal(r.body.toString(), script);
  }
});

test('the server respects q=0: a refused encoding is never sent', async () => {
  assert.equal((await get('/app.js', 'br;q=0, gzip')).headers['content-encoding'], 'gzip');
  assert.equal((await get('/app.js', 'br;q=0, gzip;q=0')).headers['content-encoding'], undefined);
  assert.equal((await get('/app.js', '*;q=0, gzip;q=0.2')).headers['content-encoding'], 'gzip');
  assert.equal((await get('/app.js', 'identity;q=0, *')).headers['content-encoding'], 'br');
});

test('a file without compressed copies is sent as it is', async () => {
  const r = await get('/plain.css', 'br, gzip');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.headers.vary, undefined);
  assert.equal(r.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(r.body.toString(), 'body{margin:0}'.repeat(50));
  // Nor is a copy sent for a file that does not exist.
  rmSync(join(root, 'data', 'rows.json'));
  assert.equal((await get('/data/rows.json', 'br')).status, 404);
});

test('a copy older than its file is not sent: the file was rebuilt since', async () => {
  const earlier = new Date(Date.now() - 60_000);
  for (const copy of ['app.js.br', 'app.js.gz']) utimesSync(join(root, copy), earlier, earlier);
  const r = await get('/app.js', 'br, gzip');
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.body.toString(), script);
  compressSite(root);
  assert.equal((await get('/app.js', 'br, gzip')).headers['content-encoding'], 'br');
});

test('HEAD gives the headers of the same GET, without a body', async () => {
  const [head, getResponse] = await Promise.all([get('/app.js', 'br', 'HEAD'), get('/app.js', 'br')]);
  assert.equal(head.body.length, 0);
  for (const h of ['content-encoding', 'content-type', 'content-length', 'vary']) assert.equal(head.headers[h], getResponse.headers[h], h);
  assert.equal(head.headers['content-encoding'], 'br');
});

test('chooseEncoding follows RFC 9110: highest q first, br before gzip on a tie, * for the rest', () => {
  const both = ['br', 'gzip'];
  assert.equal(chooseEncoding('gzip, br', both), 'br');
  assert.equal(chooseEncoding('BR;Q=0.8, GZIP;q=0.9', both), 'gzip');
  assert.equal(chooseEncoding('*', both), 'br');
  assert.equal(chooseEncoding('*;q=0.5, br;q=0', both), 'gzip');
  assert.equal(chooseEncoding('br', ['gzip']), null);
  assert.equal(chooseEncoding(undefined, both), null);
});
