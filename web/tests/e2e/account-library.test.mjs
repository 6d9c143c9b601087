// My library and My wishlist in the customer area at /account/, in Chromium against the real
// server, which serves the products' files from a temporary folder (--files): a paid order with a
// bundle shows the bundle and its contents; Download saves the file's bytes and the admin's
// download log lists it; after a refund the library no longer shows the order (and a Download
// from a page opened before says the file is no longer available); a gift and access to every
// digital product; the wishlist's search as one types, adding and removing, and a wished product
// that was then bought shown as Bought. The shoppers are made by the admin API with a temporary
// password, replaced at the first sign-in, so no e-mail is needed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  browser,
  expectCount,
  expectFocused,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  openPage,
  PHONE,
  screenshot,
  server,
  useServerAndBrowser,
} from './harness.mjs';

// The folder the server serves the products' files from; each test writes its own in it.
const filesDir = mkdtempSync(join(tmpdir(), 'clientele-e2e-files-'));

useServerAndBrowser({ customers: 10, serveArgs: ['--files', filesDir] });
after(() => rmSync(filesDir, { recursive: true, force: true }));

const kPassword = 'amber orchard violin 58';

let serial = 0;

function next() {
  serial += 1;
  return `${process.pid}-${serial}`;
}

// "Jan 1, 2027", as the customer area (en-US, UTC) shows the day of `iso`.
function shownDay(iso) {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(iso));
}

// A customer made by the admin, with a temporary password to sign in with (and replace then).
async function newShopper(first) {
  const email = `${first.toLowerCase()}.library.${next()}@example.com`;
  const made = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: 'Moreau',
    email,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const temporary = await server.api(
    'POST',
    `/api/admin/customers/${made.body.id}/temporary-password`,
  );
  assert.equal(temporary.status, 200, JSON.stringify(temporary.body));
  return { customer: made.body, email, temporary: temporary.body.password };
}

// Writes a file of `size` random bytes under the served folder; returns its path there and bytes.
function writeFile(name, size) {
  const dir = `t${next()}`;
  mkdirSync(join(filesDir, dir), { recursive: true });
  const bytes = randomBytes(size);
  writeFileSync(join(filesDir, dir, name), bytes);
  return { name, storagePath: `${dir}/${name}`, bytes };
}

// Creates products behind the UI's back; returns them by SKU (with their files' ids).
async function createProducts(items) {
  const r = await server.api('POST', '/api/admin/products/batch', { items });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return Object.fromEntries(r.body.items.map((p) => [p.sku, p]));
}

function fileProduct(sku, name, price, files) {
  return {
    sku,
    name,
    price,
    currency: 'USD',
    digital: true,
    package_type: 'file',
    files: files.map((f) => ({
      name: f.name,
      media_type: 'application/octet-stream',
      storage_path: f.storagePath,
      size_bytes: f.bytes.length,
    })),
  };
}

// A paid (or unpaid) order of the customer for one of each SKU, placed by the admin.
async function placeOrder(customer, skus, { paid = true } = {}) {
  const r = await server.api('POST', '/api/admin/orders', {
    number: `LIB-${next()}`,
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
  assert.equal(pay.body.order.payment_status, 'paid');
  return pay.body.order;
}

// Signs in on the Sign in page with the temporary password, chooses kPassword as the store
// asks, and opens `link` ("My library") from the area's navigation.
async function openArea(who, link, options = {}) {
  const page = await openPage(browser, options);
  await page.goto(`${server.url}/account/sign-in`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.temporary);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const choose = page.getByRole('form', { name: 'Choose a new password' });
  await choose.getByLabel('Current password', { exact: true }).fill(who.temporary);
  await choose.getByLabel('New password', { exact: true }).fill(kPassword);
  await choose.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: link })
    .click();
  await page.getByRole('heading', { name: link, level: 1 }).waitFor();
  await expectText(page.locator('.area-nav [aria-current="page"]'), link);
  return page;
}

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

const products = (page) =>
  page.getByRole('list', { name: 'Your digital products' }).locator(':scope > li');
const productCard = (page, name) =>
  products(page).filter({ has: page.getByRole('heading', { name, exact: true }) });
const fileRows = (page, product) =>
  page.getByRole('list', { name: `Files of ${product}`, exact: true }).getByRole('listitem');

async function noHorizontalScroll(page, what) {
  await expectState(
    page,
    () =>
      page.evaluate(() => {
        const el = document.scrollingElement;
        return el.scrollWidth <= el.clientWidth ? 'fits' : `${el.scrollWidth} > ${el.clientWidth}`;
      }),
    'fits',
    `the width of ${what}`,
  );
}

test('a paid bundle shows in My library with its contents; Download saves the file and is logged', async () => {
  const t = next();
  const ferns = writeFile('ferns.pdf', 2500);
  const moss = writeFile('moss.epub', 900);
  const maps = writeFile('moss-maps.zip', 1_500_000);
  const catalog = await createProducts([
    fileProduct(`FERN-${t}`, 'Field Guide to Ferns', 900, [ferns]),
    fileProduct(`MOSS-${t}`, 'Moss Atlas', 1100, [moss, maps]),
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
  const who = await newShopper('Ines');
  const order = await placeOrder(who.customer, [`FOREST-${t}`]);

  const page = await openArea(who, 'My library');
  await expectCount(products(page), 3, 'products in the library');
  const day = shownDay(order.placed_at);
  // The bundle first, then what it brought.
  await expectText(products(page).first().getByRole('heading'), 'Forest Reading Bundle');
  const bundle = productCard(page, 'Forest Reading Bundle');
  await expectText(
    bundle.locator('.library-item__how > li'),
    `Bought with order ${order.number} · ${day}`,
    'how the bundle came',
  );
  await expectText(
    bundle.locator('.library-item__contents'),
    'Includes Field Guide to Ferns and Moss Atlas.',
  );
  await expectCount(bundle.getByRole('button', { name: /^Download/ }), 0, 'files of the bundle');
  for (const name of ['Field Guide to Ferns', 'Moss Atlas']) {
    await expectText(
      productCard(page, name).locator('.library-item__how > li'),
      `Included in Forest Reading Bundle · Bought with order ${order.number} · ${day}`,
      `how ${name} came`,
    );
  }
  const mossFiles = fileRows(page, 'Moss Atlas');
  await expectCount(mossFiles, 2, 'files of Moss Atlas');
  await expectState(
    page,
    async () =>
      (
        await mossFiles.evaluateAll((rows) =>
          rows.map((r) =>
            [...r.querySelectorAll('span')].map((s) => s.textContent.trim()).join(' | '),
          ),
        )
      ).sort(),
    ['moss-maps.zip | 1.5 MB', 'moss.epub | 900 bytes'],
    'the files of Moss Atlas with their sizes',
  );
  await expectText(fileRows(page, 'Field Guide to Ferns').locator('.library-file__size'), '2.5 kB');
  await screenshot(page, 'account-library');

  // Download: a signed link, which the browser saves; the page stays.
  const button = fileRows(page, 'Field Guide to Ferns').getByRole('button', {
    name: 'Download ferns.pdf',
  });
  const [link, download] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/link') && r.ok(),
    ),
    page.waitForEvent('download'),
    button.click(),
  ]);
  const { url } = await link.json();
  assert.equal(new URL(url).pathname, `/api/store/downloads/${catalog[`FERN-${t}`].files[0].id}`);
  assert.equal(download.suggestedFilename(), 'ferns.pdf');
  const saved = readFileSync(await download.path());
  assert.ok(saved.equals(ferns.bytes), 'the downloaded bytes are the file written');
  assert.equal(new URL(page.url()).pathname, '/account/library');
  await page.getByRole('heading', { name: 'My library', level: 1 }).waitFor();
  await expectText(button, 'Download');

  // The admin's download log of the customer lists it.
  const log = await server.api('GET', `/api/admin/customers/${who.customer.id}/downloads`);
  assert.equal(log.status, 200, JSON.stringify(log.body));
  // (One request per download; a browser that resumed in ranges would add entries for them.)
  assert.ok(log.body.items.length >= 1, JSON.stringify(log.body));
  assert.deepEqual(
    [...new Set(log.body.items.map((e) => e.file_name))],
    ['ferns.pdf'],
    'only ferns.pdf was downloaded',
  );
  const entry = log.body.items.find((e) => e.range_start === 0);
  assert.ok(entry, `a download from the first byte in ${JSON.stringify(log.body)}`);
  assert.equal(entry.product.id, catalog[`FERN-${t}`].id);
  assert.equal(entry.product.name, 'Field Guide to Ferns');
  assert.equal(entry.bytes, ferns.bytes.length);
  assert.match(entry.user_agent, /Chrome/);

  // At phone width the cards fit.
  await page.setViewportSize(PHONE);
  await noHorizontalScroll(page, 'My library');
  await screenshot(page, 'account-library');
  expectNoProblems(page, { allowStatuses: [401] }); // the session check before signing in
  await page.context().close();
});

test('after a refund the library no longer shows the order; a stale Download says why', async () => {
  const t = next();
  const song = writeFile('lullaby.mp3', 4000);
  await createProducts([fileProduct(`SONG-${t}`, 'Lullaby Album', 800, [song])]);
  const who = await newShopper('Rafael');
  const order = await placeOrder(who.customer, [`SONG-${t}`]);

  const page = await openArea(who, 'My library');
  await expectCount(products(page), 1, 'products in the library');
  await expectText(
    productCard(page, 'Lullaby Album').locator('.library-item__how > li'),
    `Bought with order ${order.number} · ${shownDay(order.placed_at)}`,
  );
  const button = page.getByRole('button', { name: 'Download lullaby.mp3' });
  await button.waitFor();

  // The store refunds the order in full behind the page's back.
  const refund = await server.api('POST', `/api/admin/orders/${order.id}/transactions`, {
    kind: 'refund',
    amount: order.total,
  });
  assert.equal(refund.status, 201, JSON.stringify(refund.body));
  assert.equal(refund.body.order.payment_status, 'refunded');
  const library = await server.api('GET', `/api/admin/customers/${who.customer.id}/library`);
  assert.deepEqual(
    library.body.items.map((e) => [e.active, e.revoked_reason]),
    [[false, 'order']],
  );

  // The page opened before still offers the file: Download explains and updates the list.
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/link')),
    button.click(),
  ]);
  assert.equal(refused.status(), 404);
  const alert = page.getByRole('alert');
  await expectText(
    alert,
    /^The download did not start\. This file is no longer available: it is not in your library any more/,
  );
  await page.getByText('Nothing here yet: digital products you buy appear here.').waitFor();
  await expectCount(products(page), 0, 'products in the library');

  // Opened again: nothing there.
  await page.reload();
  await page.getByRole('heading', { name: 'My library', level: 1 }).waitFor();
  await page.getByText('Nothing here yet: digital products you buy appear here.').waitFor();
  await expectCount(page.getByRole('button', { name: /^Download/ }), 0, 'Download buttons');
  const log = await server.api('GET', `/api/admin/customers/${who.customer.id}/downloads`);
  assert.deepEqual(log.body.items, [], 'nothing was downloaded');
  expectNoProblems(page, { allowStatuses: [401, 404] });
  await page.context().close();
});

test('a gift from the store, and access to every digital product lists the files of the rest', async () => {
  const t = next();
  const poster = writeFile('poster.png', 1200);
  const recipes = writeFile('recipes.pdf', 3300);
  await createProducts([
    fileProduct(`POSTER-${t}`, 'Aurora Poster', 500, [poster]),
    fileProduct(`COOK-${t}`, 'Winter Recipes', 700, [recipes]),
  ]);
  const who = await newShopper('Greta');
  const gift = await server.api('POST', `/api/admin/customers/${who.customer.id}/library`, {
    product: `POSTER-${t}`,
    method: 'gift',
    note: 'Sorry for the delay',
  });
  assert.equal(gift.status, 201, JSON.stringify(gift.body));

  const page = await openArea(who, 'My library');
  await expectCount(products(page), 1, 'products in the library');
  await expectText(
    productCard(page, 'Aurora Poster').locator('.library-item__how > li'),
    `A gift from the store · ${shownDay(gift.body.items[0].granted_at)}`,
  );
  await expectCount(page.getByTestId('library-all-access'), 0, 'all-access notes');
  await expectCount(page.getByRole('button', { name: 'Download recipes.pdf' }), 0, 'other files');

  // Access to everything: the rest of the store's files are listed too, and download.
  const customer = await server.api('GET', `/api/admin/customers/${who.customer.id}`);
  const patched = await server.api(
    'PATCH',
    `/api/admin/customers/${who.customer.id}`,
    { library_all_access: true },
    { 'if-match': `"${customer.body.version}"` },
  );
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  await page.reload();
  await expectText(
    page.getByTestId('library-all-access'),
    'You have access to every digital product in the store.',
  );
  await expectCount(products(page), 1, 'products in the library');
  const others = page.getByRole('region', { name: 'Everything else in the store' });
  await expectText(
    others.getByRole('list', { name: 'Files of Winter Recipes' }).locator('.library-file__size'),
    '3.3 kB',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    others.getByRole('button', { name: 'Download recipes.pdf' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'recipes.pdf');
  assert.ok(readFileSync(await download.path()).equals(recipes.bytes), 'the bytes of the file');
  await screenshot(page, 'account-library-all-access');
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

const wishes = (page) =>
  page.getByRole('list', { name: 'Products you wished for' }).locator(':scope > li');
const wish = (page, name) =>
  wishes(page).filter({ has: page.getByRole('heading', { name, exact: true }) });

// Types `text` in Find a product and waits for the results of that search.
async function search(page, text) {
  const field = page.getByRole('searchbox', { name: 'Find a product' });
  await field.fill(text);
  await page.locator(`.wish-search__results[data-loaded-query="${text}"]`).waitFor();
}

test('My wishlist: search as you type, add a product, see it, remove it', async () => {
  const t = next();
  const catalog = await createProducts([
    { sku: `MUG-B-${t}`, name: `Blue Enamel Mug ${t}`, price: 1250, currency: 'USD' },
    { sku: `MUG-G-${t}`, name: `Green Enamel Mug ${t}`, price: 1300, currency: 'USD' },
    { sku: `TEA-${t}`, name: `Smoky Tea ${t}`, price: 800, currency: 'USD' },
  ]);
  const blue = `Blue Enamel Mug ${t}`;
  const green = `Green Enamel Mug ${t}`;
  const who = await newShopper('Oskar');
  const page = await openArea(who, 'My wishlist');
  await page.getByText('Nothing on your wishlist yet: find a product above to add it.').waitFor();

  // The results follow what is typed.
  await search(page, `Enamel Mug ${t}`);
  const found = page.getByRole('list', { name: 'Products found' }).getByRole('listitem');
  await expectCount(found, 2, 'products found');
  await found.filter({ hasText: '$12.50' }).filter({ hasText: blue }).waitFor();
  await search(page, `Smoky Tea ${t}`);
  await expectCount(found, 1, 'products found');
  await found.filter({ hasText: `Smoky Tea ${t}` }).waitFor();
  await search(page, `No such thing ${t}`);
  await page.getByText(`No product matches “No such thing ${t}”.`).waitFor();
  await expectCount(found, 0, 'products found');

  // Pick one: it is on the wishlist; the search is cleared for the next.
  await search(page, `Enamel Mug ${t}`);
  await screenshot(page, 'account-wishlist-search');
  const [added] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/store/me/wishlist')),
    page.getByRole('button', { name: `Add ${blue} to your wishlist` }).click(),
  ]);
  assert.deepEqual(added.postDataJSON(), { product: catalog[`MUG-B-${t}`].id });
  await notice(page, `${blue} is on your wishlist.`);
  await expectCount(wishes(page), 1, 'wished products');
  await expectText(wish(page, blue).locator('.wish__meta'), /^\$12\.50 · Added /);
  await expectCount(wish(page, blue).getByText('Bought'), 0, 'Bought badges');
  const field = page.getByRole('searchbox', { name: 'Find a product' });
  await expectValue(field, '');
  await expectFocused(field);
  await expectCount(found, 0, 'products found after adding');

  // Searching again: the wished one says so, the other can be added.
  await search(page, `Enamel Mug ${t}`);
  await found.filter({ hasText: blue }).getByText('On your wishlist').waitFor();
  await expectCount(
    page.getByRole('button', { name: `Add ${blue} to your wishlist` }),
    0,
    'Add buttons of the wished product',
  );
  await page.getByRole('button', { name: `Add ${green} to your wishlist` }).waitFor();

  let stored = await server.api('GET', `/api/admin/customers/${who.customer.id}/wishlist`);
  assert.deepEqual(
    stored.body.items.map((w) => [w.product.sku, w.state]),
    [[`MUG-B-${t}`, 'open']],
  );

  // Opened again it is still there; Remove takes it off.
  await page.reload();
  await page.getByRole('heading', { name: 'My wishlist', level: 1 }).waitFor();
  await expectCount(wishes(page), 1, 'wished products');
  await wish(page, blue)
    .getByRole('button', { name: `Remove ${blue}` })
    .click();
  await notice(page, `${blue} is off your wishlist.`);
  await page.getByText('Nothing on your wishlist yet: find a product above to add it.').waitFor();
  await expectCount(wishes(page), 0, 'wished products');
  stored = await server.api('GET', `/api/admin/customers/${who.customer.id}/wishlist`);
  assert.deepEqual(
    stored.body.items.map((w) => [w.product.sku, w.state]),
    [[`MUG-B-${t}`, 'removed']],
  );
  await page.reload();
  await page.getByText('Nothing on your wishlist yet: find a product above to add it.').waitFor();
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('a wished product that is then bought shows as Bought with the order', async () => {
  const t = next();
  await createProducts([
    { sku: `LAMP-${t}`, name: `Brass Desk Lamp ${t}`, price: 4900, currency: 'USD' },
    { sku: `VASE-${t}`, name: `Clay Vase ${t}`, price: 2100, currency: 'USD' },
  ]);
  const lamp = `Brass Desk Lamp ${t}`;
  const vase = `Clay Vase ${t}`;
  const who = await newShopper('Lotta');
  const page = await openArea(who, 'My wishlist');
  for (const name of [lamp, vase]) {
    await search(page, name);
    await page.getByRole('button', { name: `Add ${name} to your wishlist` }).click();
    await wish(page, name).waitFor();
  }
  await expectCount(wishes(page), 2, 'wished products');

  // The store places a paid order with the lamp.
  const order = await placeOrder(who.customer, [`LAMP-${t}`]);
  await page.reload();
  await page.getByRole('heading', { name: 'My wishlist', level: 1 }).waitFor();
  await expectCount(wishes(page), 2, 'wished products');
  const bought = wish(page, lamp);
  await expectText(
    bought.locator('.wish__bought'),
    `Bought with order ${order.number} on ${shownDay(order.placed_at)}`,
  );
  await expectCount(bought.getByRole('button', { name: `Remove ${lamp}` }), 0, 'Remove buttons');
  // Still wished: the vase, first, with its Remove button.
  await expectText(wishes(page).first().getByRole('heading'), vase);
  await expectCount(wish(page, vase).locator('.wish__bought'), 0, 'Bought marks of the vase');
  await wish(page, vase)
    .getByRole('button', { name: `Remove ${vase}` })
    .waitFor();
  await screenshot(page, 'account-wishlist');

  const stored = await server.api('GET', `/api/admin/customers/${who.customer.id}/wishlist`);
  const states = Object.fromEntries(stored.body.items.map((w) => [w.product.sku, w.state]));
  assert.deepEqual(states, { [`LAMP-${t}`]: 'purchased', [`VASE-${t}`]: 'open' });
  assert.equal(stored.body.purchased, 1);

  await page.setViewportSize(PHONE);
  await noHorizontalScroll(page, 'My wishlist');
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});
