// The binary serves the built UI at /admin/: the app shell for client routes, hashed assets with
// long caching and gzip, security headers, and no way out of the web root.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { server, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser({ customers: 10 }, { withBrowser: false });

async function get(path, headers = {}) {
  const res = await fetch(server.url + path, { headers, redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body };
}

// The path exactly as written: fetch() would resolve "..", "%2e%2e" and the like first.
function rawGet(path) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the root redirects to the admin UI', async () => {
  const r = await get('/');
  assert.ok([301, 302, 303, 307, 308].includes(r.status), `status ${r.status}`);
  assert.equal(r.headers.get('location'), '/admin/');
});

test('/admin/ and client routes get the app shell with security headers', async () => {
  for (const path of [
    '/admin/',
    '/admin/customers',
    '/admin/customers/cus_abc',
    '/admin/settings',
  ]) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.match(r.body.toString(), /<div id="app">/);
    assert.equal(r.headers.get('cache-control'), 'no-cache');
    assert.equal(
      r.headers.get('content-security-policy'),
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  }
});

test('hashed assets are cached for a year and gzipped when asked', async () => {
  const html = (await get('/admin/')).body.toString();
  const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  const style = /href="(\/admin\/assets\/[^"]+\.css)"/.exec(html)?.[1];
  assert.ok(script && style, 'index.html names its script and style');

  const plain = await get(script, { 'accept-encoding': 'identity' });
  assert.equal(plain.status, 200);
  assert.match(plain.headers.get('content-type'), /^text\/javascript/);
  assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(plain.headers.get('content-encoding'), null);

  // fetch() decompresses transparently; content-length tells which variant came.
  const gz = await get(script, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gz.headers.get('vary'), 'accept-encoding');
  assert.ok(Number(gz.headers.get('content-length')) < plain.body.length / 2);
  assert.deepEqual(gz.body, plain.body);

  const css = await get(style);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
});

test('index.html revalidates with its ETag', async () => {
  const first = await get('/admin/');
  const etag = first.headers.get('etag');
  assert.ok(etag);
  const again = await get('/admin/', { 'if-none-match': etag });
  assert.equal(again.status, 304);
});

test('missing files and path tricks are 404 (400 for a NUL), never the app or a file outside', async () => {
  for (const [path, status] of [
    ['/admin/assets/nothing-here.js', 404],
    ['/admin/../../etc/passwd', 404],
    ['/admin/%2e%2e/%2e%2e/etc/passwd', 404],
    ['/admin/assets%2f..%2f..%2fCMakeLists.txt', 404],
    ['/admin/index.html%00.js', 400], // a control character in a path is bad input
    ['/admin//index.html', 404],
  ]) {
    const r = await rawGet(path);
    assert.equal(r.status, status, path);
    assert.doesNotMatch(r.body.toString(), /<div id="app">|root:/, path);
  }
});

test('the admin UI only answers GET and HEAD', async () => {
  const head = await fetch(`${server.url}/admin/customers`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  const post = await fetch(`${server.url}/admin/customers`, { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
});
