// Customer imports, in Chromium against the real server: Import (in the sidebar, and beside
// Export… on the customer list) takes a Shopify customer export, recognises it and presets its
// columns; "Check the file" runs a dry run that finds 2 new customers and skips the row with a
// broken e-mail, whose error report names that row; Import applies the file with the same
// columns; the new customers are on the customer list and in an export. On a phone the columns
// fit the screen; a role without the permission has no Import.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  browser,
  createAdmin,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  PHONE,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 20 });

const tag = `imp${process.pid}`;
const hanna = `hanna.${tag}@example.com`;
const mateo = `mateo.${tag}@example.com`;

const kShopifyHeaders = [
  'Customer ID',
  'First Name',
  'Last Name',
  'Email',
  'Accepts Email Marketing',
  'Default Address Company',
  'Default Address Address1',
  'Default Address Address2',
  'Default Address City',
  'Default Address Province Code',
  'Default Address Country Code',
  'Default Address Zip',
  'Default Address Phone',
  'Phone',
  'Accepts SMS Marketing',
  'Total Spent',
  'Total Orders',
  'Note',
  'Tax Exempt',
  'Tags',
];

// Shopify writes phone numbers with a leading apostrophe, so that spreadsheets keep the "+".
const kShopifyRows = [
  // prettier-ignore
  ['7000000001', 'Hanna', 'Vogelsang', hanna, 'yes', 'Vogelsang GmbH', 'Invalidenstraße 12', '',
    'Berlin', '', 'DE', '10115', '', "'+49301234567", 'no', '120.50', '3', 'Prefers e-mail', 'no',
    'vip'],
  // prettier-ignore
  ['7000000002', 'Mateo', 'Quintero', mateo, 'no', '', 'Hauptstraße 5', '2. OG', 'München', '',
    'DE', '80331', '', '', 'no', '0.00', '0', '', 'no', ''],
  // Row 4 of the file (the header is row 1): not an e-mail address.
  // prettier-ignore
  ['7000000003', 'Nobody', 'Wrong', 'not-an-email', 'no', '', '', '', '', '', '', '', '', '',
    'no', '0.00', '0', '', 'no', ''],
];

function csvLine(values) {
  return values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

const dir = mkdtempSync(join(tmpdir(), 'clientele-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const shopifyFile = join(dir, 'customers_export.csv');
writeFileSync(
  shopifyFile,
  `${[kShopifyHeaders, ...kShopifyRows].map(csvLine).join('\n')}\n`,
  'utf8',
);

// Downloads what the link offers; returns the file's name and text.
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

async function customersWithEmail(email) {
  const r = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(email)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.filter((c) => c.email === email);
}

// Waits until the file is uploaded and its columns are listed.
async function uploadFile(page, path) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(path);
  await page.getByRole('heading', { level: 2, name: '2. Columns' }).waitFor();
  await page.getByLabel('Import Email into', { exact: true }).waitFor();
}

test('a Shopify export: checked, imported, then found on the list and in an export', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page);
  // Beside Export… on the list, and in the sidebar.
  await page.getByRole('main').getByRole('link', { name: 'Import customers' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Import customers' }).waitFor();
  assert.match(new URL(page.url()).pathname, /\/admin\/import$/);
  await expectState(page, () => page.title(), /^Import customers · /, 'the document title');

  // 1. The file: recognised as Shopify's export.
  await uploadFile(page, shopifyFile);
  await expectText(page.locator('.import-file__format'), 'Recognised: Shopify customer export');
  await page.getByTestId('import-file').getByText('Comma (,)').waitFor();
  await page.getByTestId('import-file').getByText('customers_export.csv').waitFor();

  // 2. The columns, preset from the file's plan.
  await expectValue(page.getByLabel('Import Email into', { exact: true }), 'email');
  await expectValue(page.getByLabel('Import First Name into', { exact: true }), 'first_name');
  await expectValue(page.getByLabel('Import Phone into', { exact: true }), 'phone');
  await expectValue(page.getByLabel('Import Customer ID into', { exact: true }), 'custom_fields.');
  await expectValue(
    page.getByLabel('Custom field name for Customer ID', { exact: true }),
    'shopify_customer_id',
  );
  await expectValue(page.getByLabel('Import Total Spent into', { exact: true }), '');
  await expectText(
    page.locator('tr[data-column="Total Spent"] .field__hint'),
    /^Not imported: ./,
    'why Total Spent is not imported',
  );
  await page.locator('tr[data-column="Email"]').getByText(hanna).waitFor();
  assert.equal(await page.getByRole('radio', { name: /^E-mail/ }).isChecked(), true);
  assert.equal(
    await page.getByLabel('All or nothing: import nothing if any row has an error').isChecked(),
    false,
  );
  await screenshot(page, 'import-columns');

  // 3. The dry run: what would happen, and nothing changed.
  await page.getByRole('button', { name: 'Check the file' }).click();
  const summary = page.getByTestId('import-summary');
  await expectText(summary, 'Dry run: 2 new, 0 updated, 0 unchanged, 1 skipped (errors)');
  assert.deepEqual(await customersWithEmail(hanna), [], 'customers after the dry run');
  const report = page.getByRole('link', { name: 'Download the error report (CSV)' });
  const href = await report.getAttribute('href');
  assert.match(href, /^\/api\/admin\/imports\/[^/]+\/errors$/);
  const csv = await page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
  }, href);
  assert.equal(csv.status, 200);
  assert.match(csv.type ?? '', /^text\/csv/);
  const lines = csv.text.split(/\r?\n/).filter(Boolean);
  assert.match(lines[0], /^(\uFEFF)?row,column,value,message$/);
  assert.ok(
    lines.some((l) => l.startsWith('4,') && /email/i.test(l)),
    `row 4's e-mail in the report:\n${csv.text}`,
  );
  await screenshot(page, 'import-dry-run');

  // The import, with the same columns and options.
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expectText(summary, 'Imported: 2 new, 0 updated, 0 unchanged, 1 skipped (errors)');
  await page.getByRole('link', { name: 'Download the error report (CSV)' }).waitFor();
  await page.getByRole('button', { name: 'Import another file' }).waitFor();
  await screenshot(page, 'import-done');

  const [imported] = await customersWithEmail(hanna);
  assert.ok(imported, 'Hanna was imported');
  assert.equal(imported.full_name, 'Hanna Vogelsang');
  assert.equal(imported.phone, '+49301234567', 'the phone without Shopify’s apostrophe');
  assert.equal(imported.country, 'DE');
  assert.match(imported.billing_address_summary ?? '', /10115/);
  assert.match(imported.billing_address_summary ?? '', /Berlin/);
  assert.equal((await customersWithEmail(mateo)).length, 1, 'Mateo was imported');
  assert.deepEqual(await customersWithEmail('not-an-email'), []);

  // On the customer list, found by name.
  await page.getByRole('link', { name: 'View customers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers', exact: true }).waitFor();
  await page.getByLabel('Search customers').fill('Vogelsang');
  await waitForResults(page, 'Vogelsang');
  await expectCount(
    page.locator('.results tbody tr', { hasText: 'Hanna Vogelsang' }),
    1,
    'Hanna on the list',
  );

  // And in an export of that list.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export customers' });
  await dialog.getByRole('checkbox', { name: 'E-mail', exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const link = dialog.getByRole('link', { name: /^Download customers-.*\.csv$/ });
  const exported = await download(page, link);
  assert.ok(exported.text.includes(hanna), `Hanna in the export:\n${exported.text}`);
  assert.ok(!exported.text.includes(mateo), 'only the list’s customers');
  expectNoProblems(page);
  await page.context().close();
});

test('on a phone the columns fit the screen', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/import', viewport: PHONE });
  await page.getByRole('heading', { level: 1, name: 'Import customers' }).waitFor();
  await uploadFile(page, shopifyFile);
  await expectText(page.locator('.import-file__format'), 'Recognised: Shopify customer export');
  await page.evaluate(() => document.fonts.ready);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`);
  await page.getByRole('button', { name: 'Check the file' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'import-columns');
  expectNoProblems(page);
  await page.context().close();
});

test('a role without the import permission has no Import', async () => {
  const support = createAdmin(server, {
    email: `support.import.${process.pid}@example.com`,
    name: 'Sue Support',
    role: 'support',
  });
  const page = await signedInPage(browser, server, { who: support, path: '/admin/customers' });
  await waitForResults(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Jobs' }).waitFor();
  await expectCount(nav.getByRole('link', { name: 'Import', exact: true }), 0, 'Import links');
  await expectCount(
    page.getByRole('main').getByRole('link', { name: 'Import customers' }),
    0,
    'Import customers links',
  );
  await page.goto(`${server.url}/admin/import`);
  await page.getByRole('heading', { name: 'No access', level: 1 }).waitFor();
  await page
    .getByText(
      'Importing customers needs the owner or admin role. You are signed in as a support admin.',
    )
    .waitFor();
  await expectCount(page.getByLabel('CSV file'), 0, 'file inputs');
  expectNoProblems(page);
  await page.context().close();
});
