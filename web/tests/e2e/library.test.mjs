// Digital goods in the admin, in Chromium against the real server, which serves the products'
// files from a temporary folder (--files): a customer's Library tab with a paid bundle and its
// contents, revoked after a refund, and the all-access notice; the owner adds a gift with a note
// (only digital products can be chosen; a second add of the same product is refused at the
// product), edits the note (with If-Match, and the stale-edit message when someone else edited
// it first) and revokes it; a per-customer rebuild and its report; a support admin changes a
// library, a viewer sees it without buttons; the Downloads tab, empty and then with downloads
// made through signed links, a page at a time; the Wishlist tab with its conversion; Most wished;
// and the store-wide Library rebuild, which runs a job to its end with a live progress bar, and
// (on a server whose job runner stalls after one chunk, so the job stays running) shows a
// running rebuild on opening, answers a second start with the running one's progress, and
// cancels. Shoppers are made by the admin API with a temporary password and sign in through the
// store API, so no e-mail is needed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  browser,
  createAdmin,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  OWNER,
  PHONE,
  screenshot,
  server,
  signedInPage,
  startServer,
  useServerAndBrowser,
} from './harness.mjs';

// The folder the server serves the products' files from; each test writes its own in it.
const filesDir = mkdtempSync(join(tmpdir(), 'clientele-e2e-library-'));

useServerAndBrowser({ customers: 10, serveArgs: ['--files', filesDir] });
after(() => rmSync(filesDir, { recursive: true, force: true }));

const kPassword = 'amber orchard violin 58';
let serial = 0;

function next() {
  serial += 1;
  return `${process.pid}-${serial}`;
}

// "Jan 1, 2027", as the admin (en-US, UTC) shows the day of `iso`.
function shownDay(iso) {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(iso));
}

// Writes a file of `size` random bytes under the served folder.
function writeFile(name, size) {
  const dir = `t${next()}`;
  mkdirSync(join(filesDir, dir), { recursive: true });
  const bytes = randomBytes(size);
  writeFileSync(join(filesDir, dir, name), bytes);
  return { name, storagePath: `${dir}/${name}`, bytes };
}

function fileSpec(file) {
  return {
    name: file.name,
    media_type: 'application/octet-stream',
    storage_path: file.storagePath,
    size_bytes: file.bytes.length,
  };
}

function fileProduct(sku, name, price, files) {
  return {
    sku,
    name,
    price,
    currency: 'USD',
    digital: true,
    package_type: 'file',
    files: files.map(fileSpec),
  };
}

// Creates products behind the UI's back; returns them by SKU (with their files' ids).
async function createProducts(items) {
  const r = await server.api('POST', '/api/admin/products/batch', { items });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return Object.fromEntries(r.body.items.map((p) => [p.sku, p]));
}

async function patchProduct(product, body) {
  const r = await server.api('PATCH', `/api/admin/products/${product.id}`, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function newCustomer(first, last = 'Lindqvist') {
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: last,
    email: `${first.toLowerCase()}.admin-library.${next()}@example.com`,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// An order of the customer for one of each SKU, placed and (unless `paid` is false) paid.
async function placeOrder(customer, skus, { paid = true } = {}) {
  const r = await server.api('POST', '/api/admin/orders', {
    number: `ADM-LIB-${next()}`,
    customer_id: customer.id,
    type: 'online',
    items: skus.map((sku) => ({ sku, quantity: 1 })),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  if (!paid) return r.body;
  const pay = await server.api('POST', `/api/admin/orders/${r.body.id}/transactions`, {
    kind: 'payment',
    amount: r.body.total,
  });
  assert.equal(pay.status, 201, JSON.stringify(pay.body));
  return pay.body.order;
}

async function libraryOf(customer) {
  const r = await server.api('GET', `/api/admin/customers/${customer.id}/library`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// A customer made by the admin who signs in through the store API with a temporary password and
// replaces it, as the customer area would; `call` then acts with the shopper's cookie and CSRF
// token.
async function newShopper(first) {
  const customer = await newCustomer(first, 'Moreau');
  const temporary = await server.api(
    'POST',
    `/api/admin/customers/${customer.id}/temporary-password`,
  );
  assert.equal(temporary.status, 200, JSON.stringify(temporary.body));
  const login = await fetch(`${server.url}/api/store/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: customer.email, password: temporary.body.password }),
  });
  const signedIn = await login.json();
  assert.equal(login.status, 200, JSON.stringify(signedIn));
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  async function call(method, path, body) {
    const res = await fetch(`${server.url}/api/store${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': signedIn.csrf_token,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const changed = await call('POST', '/me/password', {
    current_password: temporary.body.password,
    new_password: kPassword,
  });
  assert.equal(changed.status, 204, JSON.stringify(changed.body));
  return { customer, call };
}

async function openTab(customer, tab, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
  await expectAttribute(page.getByRole('tab', { name: tab }), 'aria-selected', 'true');
  await page.getByRole('heading', { name: tab, level: 2 }).waitFor();
  return page;
}

// Reads the tab again, as a store owner would by opening it anew.
async function reopenTab(page, tab) {
  await page.getByRole('tab', { name: 'Account' }).click();
  await page.getByRole('tab', { name: tab }).click();
  await expectAttribute(page.getByRole('tab', { name: tab }), 'aria-selected', 'true');
}

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

const libraryRows = (page) => page.getByRole('table', { name: 'Library' }).locator('tbody tr');
const entryRow = (page, sku) =>
  page.getByRole('table', { name: 'Library' }).locator(`tbody tr[data-sku="${sku}"]`);

test('a paid bundle shows on the Library tab with its contents, and a refund revokes them', async () => {
  const t = next();
  const catalog = await createProducts([
    fileProduct(`FERN-${t}`, 'Field Guide to Ferns', 900, [writeFile('ferns.pdf', 2500)]),
    fileProduct(`MOSS-${t}`, 'Moss Atlas', 1100, [writeFile('moss.epub', 900)]),
    {
      sku: `FOREST-${t}`,
      name: 'Forest Reading Bundle',
      price: 1500,
      currency: 'USD',
      digital: true,
      package_type: 'bundle',
      components: [`FERN-${t}`, `MOSS-${t}`],
    },
  ]);
  assert.equal(Object.keys(catalog).length, 3);
  const customer = await newCustomer('Astrid');
  const order = await placeOrder(customer, [`FOREST-${t}`]);

  const page = await openTab(customer, 'Library');
  await expectCount(libraryRows(page), 3, 'library entries');
  await expectText(page.getByTestId('library-summary'), '3 active entries');
  const bundle = entryRow(page, `FOREST-${t}`);
  await expectText(bundle.locator('td[data-label="Type"]'), 'Bundle');
  await expectText(bundle.getByTestId('library-method'), 'Purchase');
  await expectText(bundle.getByTestId('library-order'), `order ${order.number}`);
  await expectText(bundle.getByTestId('library-status'), 'Active');
  await expectCount(bundle.getByTestId('library-via'), 0, 'a bundle comes from no bundle');
  await expectText(
    bundle.locator('td[data-label="Granted"] time'),
    shownDay((await libraryOf(customer)).items[0].granted_at),
  );
  for (const sku of [`FERN-${t}`, `MOSS-${t}`]) {
    const row = entryRow(page, sku);
    await expectText(row.getByTestId('library-via'), 'from bundle Forest Reading Bundle');
    await expectText(row.locator('td[data-label="Type"]'), 'File');
    await expectText(row.getByTestId('library-order'), `order ${order.number}`);
  }
  await expectCount(page.getByTestId('library-all-access'), 0, 'all-access notices');
  await screenshot(page, 'library-tab');

  // A full refund takes the bundle and its contents away: revoked because of the order.
  const refund = await server.api('POST', `/api/admin/orders/${order.id}/transactions`, {
    kind: 'refund',
    amount: order.total,
  });
  assert.equal(refund.status, 201, JSON.stringify(refund.body));
  // Access to every digital product is said above the list.
  const patched = await server.api('PATCH', `/api/admin/customers/${customer.id}`, {
    library_all_access: true,
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  await reopenTab(page, 'Library');
  await expectText(
    page.getByTestId('library-all-access'),
    'Library all access: this customer may download every digital product',
  );
  await expectText(page.getByTestId('library-summary'), '0 active entries · 3 revoked');
  for (const sku of [`FOREST-${t}`, `FERN-${t}`, `MOSS-${t}`]) {
    await expectText(entryRow(page, sku).getByTestId('library-status'), 'Revoked');
    await expectText(
      entryRow(page, sku).getByTestId('library-revoked'),
      /^order refunded or cancelled · /,
    );
  }
  expectNoProblems(page);
  await page.context().close();
});

test('the owner adds a gift with a note, edits the note, and revokes it', async () => {
  const t = next();
  await createProducts([
    fileProduct(`PLAN-${t}`, `Garden Planner ${t}`, 700, [writeFile('planner.pdf', 1200)]),
    { sku: `MUG-${t}`, name: `Clay Mug ${t}`, price: 1800, currency: 'USD' },
  ]);
  const planner = `Garden Planner ${t}`;
  const customer = await newCustomer('Bruno');
  const page = await openTab(customer, 'Library');
  await page.getByText('No digital products in the library yet.').waitFor();

  await page.getByRole('button', { name: 'Add to library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to library' });
  // Nothing chosen: said at the product, before anything is sent.
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await dialog
    .locator('.field--invalid')
    .filter({ hasText: 'Choose a digital product.' })
    .waitFor();

  // Products are found by name or SKU; one that is not digital cannot be chosen.
  const search = dialog.getByLabel('Find a product');
  await search.fill(`MUG-${t}`);
  const mug = dialog.getByRole('button', { name: `Choose Clay Mug ${t} (MUG-${t})` });
  await expectState(page, () => mug.isDisabled(), true, 'the Choose button of a mug');
  await dialog
    .locator('.product-picker__results li')
    .filter({ hasText: `MUG-${t}` })
    .getByText('not digital')
    .waitFor();
  await search.fill(planner);
  await dialog.getByRole('button', { name: `Choose ${planner} (PLAN-${t})` }).click();
  await expectText(dialog.getByTestId('library-chosen'), `Chosen: ${planner} PLAN-${t}`);
  await expectState(
    page,
    () => dialog.getByRole('radio', { name: 'Gift' }).isChecked(),
    true,
    'Gift chosen by default',
  );
  await dialog.getByLabel('Note (optional)').fill('Birthday present');
  // An order the customer does not have: said at the order number, by the server.
  await dialog.getByLabel('Order number (optional)').fill('NO-SUCH-ORDER');
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await dialog
    .locator('.field--invalid')
    .filter({ hasText: 'Order number (optional)' })
    .getByText('This customer has no such order.')
    .waitFor();
  await dialog.getByLabel('Order number (optional)').fill('');
  await screenshot(page, 'library-add');
  const [add] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/library')),
    dialog.getByRole('button', { name: 'Add to library' }).click(),
  ]);
  const product = (await server.api('GET', `/api/admin/products?q=PLAN-${t}`)).body.items[0];
  assert.deepEqual(add.postDataJSON(), {
    product: product.id,
    method: 'gift',
    note: 'Birthday present',
  });
  await dialog.waitFor({ state: 'detached' });
  await notice(page, `${planner} is in the library.`);
  const row = entryRow(page, `PLAN-${t}`);
  await expectText(row.getByTestId('library-method'), 'Gift');
  await expectText(row.getByTestId('library-note'), 'Birthday present');
  await expectText(row.getByTestId('library-status'), 'Active');
  await expectText(row.locator('.library-by'), OWNER.name);

  // The same product again: refused, at the product, with the customer's name.
  await page.getByRole('button', { name: 'Add to library' }).click();
  await dialog.getByLabel('Find a product').fill(`PLAN-${t}`);
  await dialog.getByRole('button', { name: `Choose ${planner} (PLAN-${t})` }).click();
  await dialog.getByRole('radio', { name: 'Manual' }).check();
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await dialog
    .locator('.field--invalid')
    .filter({ hasText: `${customer.full_name} has ${planner} in the library already.` })
    .waitFor();
  await dialog.getByRole('alert').getByText('One field needs attention.').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectCount(libraryRows(page), 1, 'library entries');

  // Editing the note sends the entry's version.
  await page.getByRole('button', { name: `Edit note on ${planner}` }).click();
  const noteDialog = page.getByRole('dialog', { name: `Note on ${planner}` });
  await noteDialog.getByLabel('Note').fill('Birthday present, 2026');
  const [patch] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    noteDialog.getByRole('button', { name: 'Save note' }).click(),
  ]);
  assert.equal(patch.headers()['if-match'], '"1"');
  assert.deepEqual(patch.postDataJSON(), { note: 'Birthday present, 2026' });
  await noteDialog.waitFor({ state: 'detached' });
  await notice(page, `The note on ${planner} is saved.`);
  await expectText(row.getByTestId('library-note'), 'Birthday present, 2026');

  // Someone else edits it meanwhile: the stale edit is said so, and Close shows their note.
  const entry = (await libraryOf(customer)).items[0];
  const other = await server.api(
    'PATCH',
    `/api/admin/customers/${customer.id}/library/${entry.id}`,
    { note: 'Changed at the till' },
    { 'if-match': `"${entry.version}"` },
  );
  assert.equal(other.status, 200, JSON.stringify(other.body));
  await page.getByRole('button', { name: `Edit note on ${planner}` }).click();
  await noteDialog.getByLabel('Note').fill('My version');
  await noteDialog.getByRole('button', { name: 'Save note' }).click();
  await expectText(
    noteDialog.getByRole('alert'),
    'Someone else changed this entry just now. Close, reload and try again.',
  );
  await noteDialog.getByRole('button', { name: 'Close' }).click();
  await noteDialog.waitFor({ state: 'detached' });
  await expectText(row.getByTestId('library-note'), 'Changed at the till');

  // Revoking asks first.
  await page.getByRole('button', { name: `Revoke ${planner}` }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke ${planner}?` });
  await confirm.getByText(`${customer.full_name} can no longer download ${planner}.`).waitFor();
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await notice(page, `${planner} is revoked.`);
  await expectText(row.getByTestId('library-status'), 'Revoked');
  await expectText(row.getByTestId('library-revoked'), /^by an admin · /);
  await expectCount(page.getByRole('button', { name: `Revoke ${planner}` }), 0, 'Revoke buttons');
  const stored = (await libraryOf(customer)).items[0];
  assert.equal(stored.active, false);
  assert.equal(stored.revoked_reason, 'admin');
  assert.equal(stored.note, 'Changed at the till');
  expectNoProblems(page, { allowStatuses: [409, 412, 422] });
  await page.context().close();
});

test("Rebuild library reports what changed in the customer's library", async () => {
  const t = next();
  const file = () => [fileSpec(writeFile('book.pdf', 300))];
  const catalog = await createProducts([
    fileProduct(`KEEP-${t}`, 'Kept Guide', 500, [writeFile('keep.pdf', 300)]),
    fileProduct(`GONE-${t}`, 'Withdrawn Guide', 500, [writeFile('gone.pdf', 300)]),
    fileProduct(`BACK-${t}`, 'Returning Guide', 500, [writeFile('back.pdf', 300)]),
    { sku: `LATER-${t}`, name: 'Later Guide', price: 500, currency: 'USD' },
  ]);
  const customer = await newCustomer('Cyrus');
  await placeOrder(customer, [`KEEP-${t}`, `GONE-${t}`, `BACK-${t}`, `LATER-${t}`]);
  const notDigital = { digital: false, package_type: null, files: [] };
  // Returning Guide stops being digital: a rebuild revokes it…
  await patchProduct(catalog[`BACK-${t}`], notDigital);
  const first = await server.api('POST', `/api/admin/customers/${customer.id}/library/rebuild`);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.revoked, 1);
  // …and it is digital again; Later Guide becomes digital; Withdrawn Guide no longer is.
  await patchProduct(catalog[`BACK-${t}`], { digital: true, package_type: 'file', files: file() });
  await patchProduct(catalog[`LATER-${t}`], { digital: true, package_type: 'file', files: file() });
  await patchProduct(catalog[`GONE-${t}`], notDigital);

  const page = await openTab(customer, 'Library');
  await expectText(entryRow(page, `BACK-${t}`).getByTestId('library-revoked'), /^by a rebuild/);
  await page.getByRole('button', { name: 'Rebuild library' }).click();
  const confirm = page.getByRole('dialog', {
    name: `Rebuild the library of ${customer.full_name}?`,
  });
  await confirm.getByText('Gifts and entries added by hand are kept.').waitFor();
  await confirm.getByText('Entries an admin revoked stay revoked.').waitFor();
  await confirm.getByRole('button', { name: 'Rebuild library' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await expectText(
    page.getByTestId('library-rebuild-report'),
    /^Library rebuilt: 1 granted, 1 restored, 1 revoked, 1 unchanged\.\s*Dismiss$/,
  );
  await expectText(entryRow(page, `LATER-${t}`).getByTestId('library-status'), 'Active');
  await expectText(entryRow(page, `BACK-${t}`).getByTestId('library-status'), 'Active');
  await expectText(entryRow(page, `GONE-${t}`).getByTestId('library-status'), 'Revoked');
  await expectText(entryRow(page, `GONE-${t}`).getByTestId('library-revoked'), /^by a rebuild/);
  await expectText(entryRow(page, `KEEP-${t}`).getByTestId('library-status'), 'Active');
  await screenshot(page, 'library-rebuilt');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expectCount(page.getByTestId('library-rebuild-report'), 0, 'rebuild reports');
  expectNoProblems(page);
  await page.context().close();
});

test('a support admin changes a library; a viewer sees it without any button', async () => {
  const t = next();
  await createProducts([
    fileProduct(`SUP-${t}`, `Support Handbook ${t}`, 400, [writeFile('s.pdf', 200)]),
  ]);
  const name = `Support Handbook ${t}`;
  const customer = await newCustomer('Dana');
  const added = await server.api('POST', `/api/admin/customers/${customer.id}/library`, {
    product: `SUP-${t}`,
    method: 'manual',
    note: 'Bought at the fair',
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));

  const support = createAdmin(server, {
    email: `support.library.${next()}@example.com`,
    name: 'Sam Support',
    role: 'support',
  });
  const page = await openTab(customer, 'Library', { who: support });
  await expectText(entryRow(page, `SUP-${t}`).getByTestId('library-method'), 'Manual');
  await page.getByRole('button', { name: 'Add to library' }).waitFor();
  await page.getByRole('button', { name: 'Rebuild library' }).waitFor();
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Revoke ${name}?` })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expectText(entryRow(page, `SUP-${t}`).getByTestId('library-status'), 'Revoked');
  expectNoProblems(page);
  await page.context().close();

  const viewer = createAdmin(server, {
    email: `viewer.library.${next()}@example.com`,
    name: 'Vera Viewer',
    role: 'viewer',
  });
  const look = await openTab(customer, 'Library', { who: viewer });
  await expectText(entryRow(look, `SUP-${t}`).getByTestId('library-note'), 'Bought at the fair');
  await expectText(entryRow(look, `SUP-${t}`).getByTestId('library-status'), 'Revoked');
  await expectCount(look.getByRole('tabpanel').getByRole('button'), 0, 'buttons on the tab');
  // The store-wide page too: the rebuilds can be seen, not started.
  await look
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library rebuild' })
    .click();
  await look.getByRole('heading', { name: 'Library rebuild', level: 1 }).waitFor();
  await look.getByRole('heading', { name: 'Recent rebuilds', level: 2 }).waitFor();
  await expectCount(look.getByRole('button', { name: 'Rebuild every library' }), 0, 'buttons');
  expectNoProblems(look);
  await look.context().close();
});

test('the Downloads tab: empty first, then downloads through signed links, a page at a time', async () => {
  const t = next();
  const book = writeFile('herbarium.pdf', 2500);
  const catalog = await createProducts([fileProduct(`HERB-${t}`, 'Herbarium Sheets', 600, [book])]);
  const shopper = await newShopper('Elif');
  const page = await openTab(shopper.customer, 'Downloads');
  await expectText(
    page.getByTestId('downloads-empty'),
    'No downloads yet. Each time the customer downloads a file of the library, it is listed here.',
  );

  await placeOrder(shopper.customer, [`HERB-${t}`]);
  const link = await shopper.call('POST', `/me/downloads/${catalog[`HERB-${t}`].files[0].id}/link`);
  assert.equal(link.status, 200, JSON.stringify(link.body));
  // 50 whole downloads, then one resumed from byte 1000: 51, newest first.
  for (let i = 0; i < 50; i++) {
    const res = await fetch(link.body.url, { headers: { 'user-agent': `E2E-Fetcher/${i}` } });
    assert.equal(res.status, 200);
    assert.equal((await res.arrayBuffer()).byteLength, book.bytes.length);
  }
  const resumed = await fetch(link.body.url, {
    headers: { 'user-agent': 'E2E-Resumer/2.0', range: 'bytes=1000-' },
  });
  assert.equal(resumed.status, 206);
  assert.equal((await resumed.arrayBuffer()).byteLength, 1500);

  await reopenTab(page, 'Downloads');
  const rows = page.getByRole('table', { name: 'Downloads' }).locator('tbody tr');
  await expectCount(rows, 50, 'downloads of the first page');
  const newest = rows.first();
  await newest.getByRole('cell', { name: 'Herbarium Sheets', exact: true }).waitFor();
  await newest.getByRole('cell', { name: 'herbarium.pdf', exact: true }).waitFor();
  await expectText(newest.getByTestId('download-size'), '1.5 kBresumed from byte 1,000');
  await newest.getByRole('cell', { name: '127.0.0.1', exact: true }).waitFor();
  await newest.getByRole('cell', { name: 'E2E-Resumer/2.0', exact: true }).waitFor();
  await expectText(rows.nth(1).getByTestId('download-size'), '2.5 kB');
  await screenshot(page, 'library-downloads');
  await page.getByRole('button', { name: 'Load more' }).click();
  await expectCount(rows, 51, 'downloads after Load more');
  await rows.last().getByRole('cell', { name: 'E2E-Fetcher/0', exact: true }).waitFor();
  await expectCount(page.getByRole('button', { name: 'Load more' }), 0, 'Load more buttons');
  expectNoProblems(page);
  await page.context().close();
});

test('the Wishlist tab shows open, purchased and removed wishes and the conversion', async () => {
  const t = next();
  await createProducts([
    fileProduct(`ROSE-${t}`, 'Rose Pruning Video', 1200, [writeFile('rose.mp4', 400)]),
    fileProduct(`TULIP-${t}`, 'Tulip Calendar', 300, [writeFile('tulip.pdf', 400)]),
    { sku: `SPADE-${t}`, name: 'Steel Spade', price: 3500, currency: 'USD' },
  ]);
  const shopper = await newShopper('Farah');
  const page = await openTab(shopper.customer, 'Wishlist');
  await page.getByText('Nothing on the wishlist yet.').waitFor();

  const wishes = {};
  for (const sku of [`ROSE-${t}`, `TULIP-${t}`, `SPADE-${t}`]) {
    const w = await shopper.call('POST', '/me/wishlist', { product: sku });
    assert.equal(w.status, 201, JSON.stringify(w.body));
    wishes[sku] = w.body;
  }
  const removed = await shopper.call('DELETE', `/me/wishlist/${wishes[`TULIP-${t}`].id}`);
  assert.equal(removed.status, 204);
  const order = await placeOrder(shopper.customer, [`ROSE-${t}`]);

  await reopenTab(page, 'Wishlist');
  await expectText(page.getByTestId('wishlist-summary'), '3 wished · 1 purchased · conversion 33%');
  const rows = page.getByRole('table', { name: 'Wishlist' }).locator('tbody tr');
  await expectCount(rows, 3, 'wishes');
  const row = (sku) => page.locator(`.wishlist-table tr[data-sku="${sku}"]`);
  await expectText(
    row(`ROSE-${t}`).getByTestId('wish-state'),
    `Purchasedwith order ${order.number} · ${shownDay(order.placed_at)}`,
  );
  await expectText(row(`SPADE-${t}`).getByTestId('wish-state'), 'Open');
  await expectText(row(`TULIP-${t}`).getByTestId('wish-state'), /^Removed/);
  await row(`SPADE-${t}`).getByRole('cell', { name: '$35.00', exact: true }).waitFor();
  await expectText(
    row(`SPADE-${t}`).locator('td[data-label="Added"]'),
    shownDay(wishes[`SPADE-${t}`].added_at),
  );
  await screenshot(page, 'library-wishlist');
  expectNoProblems(page);
  await page.context().close();
});

test('Most wished lists the products on wishlists with their conversion', async () => {
  const t = next();
  await createProducts([
    fileProduct(`ORCHID-${t}`, `Orchid Handbook ${t}`, 1400, [writeFile('orchid.pdf', 400)]),
  ]);
  for (const [first, buys] of [
    ['Gita', true],
    ['Hana', false],
  ]) {
    const shopper = await newShopper(first);
    const w = await shopper.call('POST', '/me/wishlist', { product: `ORCHID-${t}` });
    assert.equal(w.status, 201, JSON.stringify(w.body));
    if (buys) await placeOrder(shopper.customer, [`ORCHID-${t}`]);
  }

  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Most wished' })
    .click();
  await page.getByRole('heading', { name: 'Most wished', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/wishlist');
  const row = page
    .getByRole('table', { name: 'Most wished products' })
    .locator(`tbody tr[data-sku="ORCHID-${t}"]`);
  await row.getByRole('cell', { name: `Orchid Handbook ${t}`, exact: true }).waitFor();
  await expectText(row.getByTestId('wished'), '2');
  await expectText(row.getByTestId('open'), '1');
  await expectText(row.getByTestId('purchased'), '1');
  await expectText(row.getByTestId('conversion'), '50%');
  await screenshot(page, 'most-wished');
  expectNoProblems(page);
  await page.context().close();
});

test('Library rebuild starts a job and shows its progress to the end, with the counts', async () => {
  const t = next();
  await createProducts([
    fileProduct(`ALL-${t}`, 'Store-wide Guide', 500, [writeFile('all.pdf', 300)]),
  ]);
  await placeOrder(await newCustomer('Ines'), [`ALL-${t}`]);

  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Library rebuild' })
    .click();
  await page.getByRole('heading', { name: 'Library rebuild', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/library');
  await page.getByText('Gifts and entries added by hand are kept.').waitFor();
  const before = (await server.api('GET', '/api/admin/jobs?kind=library_rebuild')).body.items;
  await expectCount(page.locator('.jobs-table tbody tr'), before.length, 'recent rebuilds');

  await page.getByRole('button', { name: 'Rebuild every library' }).click();
  const confirm = page.getByRole('dialog', { name: 'Rebuild every library?' });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/rebuild')),
    confirm.getByRole('button', { name: 'Start rebuild' }).click(),
  ]);
  assert.equal(response.status(), 202);
  const job = await response.json();
  await confirm.waitFor({ state: 'hidden' });
  await notice(page, 'The rebuild has started.');

  const progress = page.locator(`.job-progress[data-job-id="${job.id}"]`);
  await expectAttribute(progress, 'data-job-state', 'succeeded', 'the state of the job');
  const done = (await server.api('GET', `/api/admin/jobs/${job.id}`)).body;
  assert.equal(done.state, 'succeeded');
  const r = done.result;
  const counts = `${r.granted} granted, ${r.restored} restored, ${r.revoked} revoked, ${r.unchanged} unchanged`;
  await expectText(progress.getByRole('heading', { level: 2 }), 'Last rebuild');
  await expectText(progress.locator('.badge'), 'Finished');
  await expectAttribute(progress.getByRole('progressbar'), 'aria-valuenow', '100');
  await expectText(progress.getByTestId('job-percent'), '100%');
  await expectText(progress.getByTestId('job-counts'), `${done.done} of ${done.total} customers`);
  await expectText(progress.getByTestId('rebuild-result'), `${r.customers} customers: ${counts}`);
  await progress.getByText(`by ${OWNER.name}`).waitFor();
  await expectCount(progress.getByRole('button', { name: 'Cancel' }), 0, 'Cancel buttons');

  // The list has it at the top, finished, with who started it and what it changed.
  const rows = page.locator('.jobs-table tbody tr');
  await expectCount(rows, before.length + 1, 'recent rebuilds');
  const top = rows.first();
  await expectAttribute(top, 'data-job-id', job.id);
  await expectText(top.locator('[data-job-state]'), 'Finished');
  await top.getByRole('cell', { name: OWNER.name, exact: true }).waitFor();
  await expectText(top.getByTestId('job-result'), counts);
  await screenshot(page, 'library-rebuild');
  expectNoProblems(page);
  await page.context().close();
});

test('a running rebuild: shown on opening, a second start shows it, and Cancel asks it to stop', async () => {
  // A server of its own whose job runner stalls after one chunk (500 customers), so a rebuild of
  // its 600 customers stays running until the server stops.
  process.env.CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST = '1';
  let stalled;
  try {
    stalled = await startServer({ customers: 600 });
  } finally {
    delete process.env.CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST;
  }
  try {
    const page = await signedInPage(browser, stalled, { path: '/admin/library' });
    await page.getByRole('heading', { name: 'Library rebuild', level: 1 }).waitFor();
    await page.getByText('No rebuild has run yet.').waitFor();
    const start = page.getByRole('button', { name: 'Rebuild every library' });
    await expectState(page, () => start.isEnabled(), true, 'Rebuild every library enabled');

    // Someone else starts one meanwhile; it does its first chunk and hangs.
    const started = await stalled.api('POST', '/api/admin/library/rebuild');
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const id = started.body.id;
    let job;
    await expectState(
      page,
      async () => {
        job = (await stalled.api('GET', `/api/admin/jobs/${id}`)).body;
        return job.state === 'running' && job.done > 0;
      },
      true,
      'the first chunk of the job done',
    );
    const percent = `${Math.floor((job.done * 100) / job.total)}%`;
    const counts = `${job.done} of ${job.total} customers`;

    // Starting another is answered with the running one's progress.
    await start.click();
    const confirm = page.getByRole('dialog', { name: 'Rebuild every library?' });
    await confirm.getByRole('button', { name: 'Start rebuild' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expectText(
      page.getByTestId('rebuild-notice'),
      'A rebuild is running already; its progress is shown instead of a new one.',
    );
    let progress = page.locator(`.job-progress[data-job-id="${id}"]`);
    await expectText(progress.getByRole('heading', { level: 2 }), 'Rebuilding every library');
    await expectText(progress.locator('.badge'), 'Running');
    await expectText(progress.getByTestId('job-counts'), counts);
    await expectText(progress.getByTestId('job-percent'), percent);
    await expectAttribute(start, 'disabled', '');
    const again = (await stalled.api('GET', '/api/admin/jobs?kind=library_rebuild')).body.items;
    assert.deepEqual(
      again.map((j) => j.id),
      [id],
      'no second job',
    );
    expectNoProblems(page, { allowStatuses: [409] });
    await page.context().close();

    // Opened while it runs, the page shows its progress at once, at phone width too.
    const phone = await signedInPage(browser, stalled, { path: '/admin/library', viewport: PHONE });
    progress = phone.locator(`.job-progress[data-job-id="${id}"]`);
    await expectText(progress.getByTestId('job-counts'), counts);
    await expectAttribute(
      progress.getByRole('progressbar'),
      'aria-valuenow',
      String(Math.floor((job.done * 100) / job.total)),
    );
    await expectText(
      phone.locator(`.jobs-table tr[data-job-id="${id}"] [data-job-state]`),
      'Running',
    );
    await screenshot(phone, 'library-rebuild-running');

    // Cancel asks the job to stop; it says so until the runner takes it up.
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expectText(progress.locator('.badge'), 'Cancelling');
    await progress
      .getByText('Cancelling: the job stops once the part it is working on is done.')
      .waitFor();
    await expectCount(progress.getByRole('button', { name: 'Cancel' }), 0, 'Cancel buttons');
    await expectText(
      phone.locator(`.jobs-table tr[data-job-id="${id}"] [data-job-state]`),
      'Cancelling',
    );
    const cancelled = (await stalled.api('GET', `/api/admin/jobs/${id}`)).body;
    assert.equal(cancelled.cancel_requested, true);
    expectNoProblems(phone);
    await phone.context().close();
  } finally {
    await stalled.stop();
  }
});
