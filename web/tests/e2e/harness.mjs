// Browser-test harness: starts the real clientele binary on a temporary SQLite store with demo
// customers and an owner, launches Debian's Chromium through playwright-core, signs in, collects
// console errors, saves screenshots to build/screenshots/, and plays the store's SMS provider.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '../..');
export const repoDir = resolve(webDir, '..');
export const binary = resolve(process.env.CLIENTELE_BINARY || join(repoDir, 'build/clientele'));
export const webRoot = resolve(process.env.CLIENTELE_WEB_ROOT || join(webDir, 'dist'));
// The customer area (/account/), built beside the admin by scripts/build-web.sh.
export const accountRoot = resolve(
  process.env.CLIENTELE_ACCOUNT_ROOT || join(webDir, 'dist-account'),
);
export const screenshotDir = resolve(
  process.env.CLIENTELE_SCREENSHOTS || join(repoDir, 'build/screenshots'),
);
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const OWNER = {
  email: 'owner@example.com',
  name: 'Olivia Owner',
  password: 'correct horse battery staple',
};

// Starts `clientele serve` on a free port against a fresh store. `customers` demo customers,
// one owner (OWNER) and an API token for setting up and checking data behind the UI's back.
// With `existingDb` (a database URL), serves that store instead and keeps it (benchmarks).
// `serveArgs` are added to `clientele serve` (smtpArgs() for the test mail server).
export async function startServer({ customers = 2000, existingDb = '', serveArgs = [] } = {}) {
  assert.ok(existsSync(binary), `no clientele binary at ${binary} (set CLIENTELE_BINARY)`);
  assert.ok(
    existsSync(join(webRoot, 'index.html')),
    `no built UI at ${webRoot}: run scripts/build-web.sh`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'clientele-e2e-'));
  const db = existingDb || `sqlite:${join(dir, 'store.db')}`;
  const run = (args, input) =>
    execFileSync(binary, ['--db', db, '--log-level', 'warn', ...args], {
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  if (!existingDb) run(['demo', '--customers', String(customers)]);
  try {
    run(
      ['admin', 'create', '--email', OWNER.email, '--name', OWNER.name, '--role', 'owner'],
      `${OWNER.password}\n`,
    );
  } catch (e) {
    if (!existingDb) throw e; // an existing store may have the owner already
  }
  const token = run(['token', 'create', '--admin', OWNER.email, '--name', 'e2e setup']).trim();

  const proc = spawn(
    binary,
    [
      ...['--db', db, '--log-level', 'warn', 'serve', '--listen', '127.0.0.1:0'],
      ...['--web-root', webRoot, '--account-root', accountRoot, ...serveArgs],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => {
    stderr += d;
  });
  const url = await new Promise((resolvePort, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 20000);
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s/]+)\/?/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  proc.stdout.resume();

  // Calls the API as the owner's token: { status, headers, body (parsed JSON or text) }.
  async function api(method, path, body, headers = {}) {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  return {
    url,
    db,
    token,
    run,
    api,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await once(proc, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The real SMTP server the test script starts (maildev): CLIENTELE_TEST_SMTP=host:port and
// CLIENTELE_TEST_MAILDEV=http://host:port, whose GET /email lists what arrived.
export const testSmtp = process.env.CLIENTELE_TEST_SMTP || '';
export const testMaildev = process.env.CLIENTELE_TEST_MAILDEV || '';

export function smtpArgs() {
  assert.ok(testSmtp && testMaildev, 'no test SMTP server: run the tests with scripts/test.sh');
  const [host, port] = testSmtp.split(':');
  return ['--smtp-host', host, '--smtp-port', port, '--smtp-tls', 'none'];
}

// The e-mails the test SMTP server received for `address`.
export async function mailTo(address) {
  const res = await fetch(`${testMaildev}/email`);
  const all = await res.json();
  return all.filter((m) => m.envelope.to.some((t) => t.address === address));
}

// Waits until the test SMTP server holds `count` e-mails to `address` whose subject matches
// `subject` (a RegExp), polling it (it cannot tell when one arrives); returns them, oldest first.
export async function waitForMail(address, subject, { count = 1, timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = (await mailTo(address))
      .filter((m) => subject.test(m.subject))
      .sort((a, b) => new Date(a.time ?? a.date) - new Date(b.time ?? b.date));
    if (got.length >= count) return got;
    if (Date.now() > deadline) {
      assert.fail(
        `${got.length} of ${count} e-mails "${subject}" to ${address} after ${timeout} ms`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A stand-in for the store's SMS provider (pass `url` and `secret` to `clientele serve` as
// --sms-url and --sms-secret): an HTTP server on 127.0.0.1 that checks every request as a
// provider would — a POST whose X-Clientele-Signature is "v1=" + the hex HMAC-SHA256, keyed with
// `secret`, of X-Clientele-Timestamp (Unix seconds, within 5 minutes) + "." + the raw body —
// and answers 200 with the message kept, or 401 (kept in `rejected`, which a test expects to stay
// empty). A message id seen before is answered 200 and dropped, as a retry would be.
// `received` holds the JSON bodies {to, text, message_id} in the order they came;
// `nextSms()` resolves with the first one no earlier call took, as soon as it arrives.
export async function startSmsProvider(secret) {
  const received = [];
  const rejected = [];
  const waiting = [];
  let taken = 0;

  function hand() {
    while (waiting.length && taken < received.length) waiting.shift()(received[taken++]);
  }

  function check(req, raw) {
    if (req.method !== 'POST') return `${req.method} instead of POST`;
    const timestamp = String(req.headers['x-clientele-timestamp'] ?? '');
    const signature = String(req.headers['x-clientele-signature'] ?? '');
    if (!/^\d+$/.test(timestamp)) return `timestamp "${timestamp}"`;
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) {
      return `stale timestamp ${timestamp}`;
    }
    const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(raw);
    const expected = `v1=${mac.digest('hex')}`;
    const a = Buffer.from(signature);
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return `signature "${signature}"`;
    return '';
  }

  const http = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const problem = check(req, raw);
      if (problem) {
        rejected.push(`${problem}: ${raw.toString('utf8')}`);
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":"bad signature"}');
        return;
      }
      let message;
      try {
        message = JSON.parse(raw.toString('utf8'));
      } catch {
        rejected.push(`not JSON: ${raw.toString('utf8')}`);
        res.writeHead(400).end();
        return;
      }
      if (!received.some((m) => m.message_id && m.message_id === message.message_id)) {
        received.push(message);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'accepted', id: message.message_id }));
      hand();
    });
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address();

  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    rejected,
    // The next SMS; fails after `timeout` ms without one.
    nextSms({ timeout = 15000 } = {}) {
      return new Promise((resolveSms, reject) => {
        const timer = setTimeout(() => {
          const i = waiting.indexOf(take);
          if (i >= 0) waiting.splice(i, 1);
          reject(new Error(`no SMS in ${timeout} ms (${received.length} received so far)`));
        }, timeout);
        function take(message) {
          clearTimeout(timer);
          resolveSms(message);
        }
        waiting.push(take);
        hand();
      });
    },
    async close() {
      http.closeAllConnections();
      await new Promise((done) => http.close(() => done()));
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

// The server and browser of the test file that called useServerAndBrowser (each test file runs
// in its own process); imported, they are read-only live bindings.
export let server;
export let browser;

// Before the calling file's tests, starts a server (options as startServer) and, unless
// `withBrowser` is false, Chromium, then awaits `prepare()` (the file's own set-up, which reads
// `server` and `browser`); stops both after the tests.
export function useServerAndBrowser(serverOptions, { withBrowser = true, prepare } = {}) {
  before(async () => {
    server = await startServer(serverOptions);
    if (withBrowser) browser = await launchBrowser();
    await prepare?.();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

// A new browser context and page. Every console error and uncaught exception is collected in
// page.problems; call expectNoProblems(page) at the end of a test.
export async function openPage(browser, { viewport = LAPTOP, permissions = [] } = {}) {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    viewport,
    locale: 'en-US',
    timezoneId: 'UTC',
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    permissions,
  });
  return watchPage(await context.newPage());
}

// Collects the console errors and uncaught exceptions of `page` in page.problems (openPage does
// this; call it for a page the browser opened itself, such as a new tab) and returns it.
export function watchPage(page) {
  page.setDefaultTimeout(10000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ? ` (${new URL(msg.location().url).pathname})` : '';
    problems.push(`console error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.problems = problems;
  return page;
}

// Failed requests show up as console errors in Chromium ("Failed to load resource: ... 422").
// A test that provokes an API error on purpose names the statuses it expects.
export function expectNoProblems(page, { allowStatuses = [] } = {}) {
  const unexpected = page.problems.filter((p) => {
    const m =
      /Failed to load resource: the server responded with a status of (\d+).*?(?:\((\/[^)]*)\))?$/.exec(
        p,
      );
    if (!m) return true;
    const status = Number(m[1]);
    return !allowStatuses.includes(status);
  });
  assert.deepEqual(unexpected, [], 'the page logged errors');
}

export async function signIn(page, server, who = OWNER, path = '/admin/') {
  await page.goto(server.url + path);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

// Opens a page and signs in as `who` (the owner by default).
export async function signedInPage(browser, server, options = {}) {
  const page = await openPage(browser, options);
  await signIn(page, server, options.who ?? OWNER, options.path ?? '/admin/');
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const size = page.viewportSize();
  const label = size && size.width < 600 ? 'phone' : 'laptop';
  await page.screenshot({ path: join(screenshotDir, `${name}-${label}.png`) });
}

// Waits until the customer list shows the results of query `q` (the list marks what it shows).
export async function waitForResults(page, q = '') {
  await page.waitForFunction(
    (query) => document.querySelector('.results')?.getAttribute('data-loaded-query') === query,
    q,
  );
}

// Waits until `read()` equals `expected` (deeply; a RegExp matches a string), reading again after
// every frame the page renders: for state that an action has set off but may not have rendered
// yet. After `timeout` ms it fails like assert.deepEqual, with the last value read.
export async function expectState(page, read, expected, what = 'the value', timeout = 10000) {
  const deadline = Date.now() + timeout;
  const matches = (value) =>
    expected instanceof RegExp
      ? typeof value === 'string' && expected.test(value)
      : isDeepStrictEqual(value, expected);
  for (;;) {
    const value = await read();
    if (matches(value)) return;
    if (Date.now() > deadline) {
      const message = `${what} is still ${JSON.stringify(value)} after ${timeout} ms`;
      if (expected instanceof RegExp) assert.match(String(value), expected, message);
      assert.deepEqual(value, expected, message);
    }
    // The next frame; a page that is loading a new document has none to wait for.
    await page
      .evaluate(() => new Promise((done) => requestAnimationFrame(() => done())))
      .catch(() => {});
  }
}

// Waits until the trimmed text of `locator` is `expected` (a string or a RegExp).
export function expectText(locator, expected, what = `the text of ${locator}`) {
  return expectState(
    locator.page(),
    async () => (await locator.textContent())?.trim(),
    expected,
    what,
  );
}

// Waits until attribute `name` of `locator` is `expected` (null: absent).
export function expectAttribute(locator, name, expected, what = `${name} of ${locator}`) {
  return expectState(locator.page(), () => locator.getAttribute(name), expected, what);
}

// Waits until the input, select or textarea of `locator` holds `expected`.
export function expectValue(locator, expected, what = `the value of ${locator}`) {
  return expectState(locator.page(), () => locator.inputValue(), expected, what);
}

// Waits until `locator` matches `expected` elements.
export function expectCount(locator, expected, what = `the count of ${locator}`) {
  return expectState(locator.page(), () => locator.count(), expected, what);
}

// Waits until `locator` has the keyboard focus.
export function expectFocused(locator, what = `focus on ${locator}`) {
  return expectState(
    locator.page(),
    () => locator.evaluate((el) => el === document.activeElement),
    true,
    what,
  );
}

// The profile's Account tab opens on the customer's summary (a region named "Details"), whose
// rows carry the field they show: summaryValue(page, 'phone') is the phone shown there.
export function profileSummary(page) {
  return page.getByRole('region', { name: 'Details', exact: true });
}

export function summaryValue(page, field) {
  return profileSummary(page).locator(`[data-field="${field}"] dd`);
}

// Opens the Account tab's edit form with its Edit button and waits until the form's first field
// has the focus; returns the form.
export async function openAccountForm(page) {
  await profileSummary(page).getByRole('button', { name: 'Edit', exact: true }).click();
  const form = page.locator('form.customer-form');
  await expectFocused(form.getByLabel('First name'), 'the first field of the edit form');
  return form;
}

// Types `text` into a country or language box (a combobox) and clicks the choice of its list
// named `name` (followed by its code: "Germany DE"), or matching `name` when it is a RegExp.
export async function pickChoice(box, text, name = text) {
  await box.fill(text);
  const list = box.page().locator(`[id="${await box.getAttribute('aria-controls')}"]`);
  const escaped = typeof name === 'string' ? name.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&') : '';
  const pattern = name instanceof RegExp ? name : new RegExp(`^${escaped}( \\S+)?$`);
  await list.getByRole('option', { name: pattern }).click();
}

// Creates an admin from the command line and returns its login.
export function createAdmin(server, { email, name, role, password = 'another long password 42' }) {
  server.run(
    ['admin', 'create', '--email', email, '--name', name, '--role', role],
    `${password}\n`,
  );
  return { email, name, password, role };
}

// The public id and name of the first customer of the list (newest first).
export async function firstCustomer(server, query = '') {
  const r = await server.api('GET', `/api/admin/customers?limit=1${query}`);
  assert.equal(r.status, 200);
  return r.body.items[0];
}

// The current RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 secret, like an authenticator
// app would show.
export function totpCode(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/[=\s]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++) key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}
