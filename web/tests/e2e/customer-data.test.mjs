// The customer's data for an access request, in Chromium against the real server: the owner's
// Tools → Download data (JSON) in the profile saves customer-<id>-data.json with everything the
// store holds (the profile with the customer's e-mail, the order placed), and Download data
// (HTML) the same as a page; each download is in the audit trail. A support admin, who may not
// export, has neither.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectCount,
  expectNoProblems,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 20 });

const kMenuLabel = '.menu__label';

async function created(path, body) {
  const r = await server.api('POST', path, body);
  assert.ok(r.status === 201 || r.status === 200, `${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function openProfile(customer, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

// Tools → `item`, which downloads a file: its name and text.
async function downloadFromTools(page, item) {
  await page.getByRole('button', { name: 'Tools' }).click();
  const menu = page.getByRole('menu', { name: 'Tools' });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function toolLabels(page) {
  await page.getByRole('button', { name: 'Tools' }).click();
  const items = page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem');
  await items.first().waitFor();
  const labels = await items.locator(kMenuLabel).allTextContents();
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('menu'), 0, 'open menus');
  return labels;
}

test('the owner downloads the data of a customer as JSON and as HTML', async () => {
  const email = `dana.data.${Date.now()}.${process.pid}@example.com`;
  const customer = await created('/api/admin/customers', {
    first_name: 'Dana',
    last_name: 'Data & Sons',
    email,
  });
  await created('/api/admin/orders', {
    number: `DATA-${Date.now()}`,
    customer_id: customer.id,
    items: [{ name: 'Gift card', unit_price: 2500 }],
  });
  const page = await openProfile(customer);

  await page.getByRole('button', { name: 'Tools' }).click();
  await page
    .getByRole('menu', { name: 'Tools' })
    .getByRole('menuitem', { name: 'Download data (JSON)', exact: true })
    .waitFor();
  await screenshot(page, 'customer-data-tools');
  await page.keyboard.press('Escape');

  const json = await downloadFromTools(page, 'Download data (JSON)');
  assert.equal(json.name, `customer-${customer.id}-data.json`);
  const data = JSON.parse(json.text);
  assert.equal(data.profile.email, email);
  assert.equal(data.profile.id, customer.id);
  assert.equal(data.orders.length, 1);
  assert.equal(data.orders[0].total, 2500);
  await page
    .getByRole('status')
    .filter({ hasText: 'Downloaded the data of Dana Data & Sons.' })
    .waitFor();

  const html = await downloadFromTools(page, 'Download data (HTML)');
  assert.equal(html.name, `customer-${customer.id}-data.html`);
  assert.match(html.text, /<h1>Data held about Dana Data &amp; Sons<\/h1>/);
  assert.match(html.text, /<h2>Orders<\/h2>/);

  const trail = await server.api(
    'GET',
    `/api/admin/audit?action=customer.data_exported&customer=${customer.id}`,
  );
  assert.deepEqual(
    trail.body.items.map((e) => [e.actor_type, e.changes.format]),
    [
      ['admin', 'html'],
      ['admin', 'json'],
    ],
  );
  expectNoProblems(page);
  await page.context().close();
});

test('a support admin may not download the data', async () => {
  const customer = await created('/api/admin/customers', {
    first_name: 'Sid',
    last_name: 'Support',
    email: `sid.data.${Date.now()}.${process.pid}@example.com`,
  });
  const support = createAdmin(server, {
    email: `support.data.${process.pid}@example.com`,
    name: 'Sam Support',
    role: 'support',
  });
  const page = await openProfile(customer, { who: support });
  const labels = await toolLabels(page);
  assert.ok(labels.length > 0, 'support has tools');
  assert.ok(!labels.some((l) => l.startsWith('Download data')), JSON.stringify(labels));
  expectNoProblems(page);
  await page.context().close();
});
