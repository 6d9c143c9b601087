// Customer exports, in Chromium against the real server: Export… on a filtered customer list
// writes the customers it shows to a CSV file through a job, with the default columns or the
// ones picked, and offers the download, which holds exactly those customers; the same list as
// an XLSX workbook, read back by a spreadsheet reader; the chosen rows export alone as HTML; the
// Jobs page keeps the downloads; the wallet history and the audit log export through the same
// dialog with their filters; a viewer has no Export… button.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import {
  browser,
  createAdmin,
  expectCount,
  expectNoProblems,
  expectText,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 20 });

const tag = `exp${process.pid}`;

async function newCustomer(first, last) {
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: last,
    email: `${first.toLowerCase()}.${tag}@example.com`,
    tags: [tag],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// Downloads what the link offers; returns the file's name and text.
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('a filtered list to CSV, chosen rows to HTML, and the download on the Jobs page', async () => {
  const ann = await newCustomer('Ann', 'Lee, Jr.');
  const bob = await newCustomer('Bob', 'Stone');
  const page = await signedInPage(browser, server, { path: `/admin/customers?tag=${tag}` });
  await waitForResults(page);
  await expectCount(page.locator('.results tbody tr'), 2, 'customers with the tag');

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export customers' });
  await dialog.getByRole('checkbox', { name: 'E-mail', exact: true }).waitFor();
  assert.equal(
    await dialog.getByRole('radio', { name: /^All 2 customers the list shows/ }).isChecked(),
    true,
  );
  assert.equal(await dialog.getByRole('radio', { name: /^CSV/ }).isChecked(), true);
  // Only a few columns: id, name and e-mail.
  await dialog.getByRole('button', { name: 'None' }).click();
  await expectText(dialog.locator('legend', { hasText: 'Columns' }), /\(0 of \d+\)/);
  for (const name of ['ID', 'First name', 'Last name', 'E-mail']) {
    await dialog.getByRole('checkbox', { name, exact: true }).check();
  }
  await screenshot(page, 'export-dialog');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const link = dialog.getByRole('link', { name: /^Download customers-\d{4}-\d{2}-\d{2}\.csv$/ });
  await link.waitFor();
  await expectText(dialog.getByText(/customers written\./), /^2 customers written\./);
  const csv = await download(page, link);
  assert.match(csv.name, /^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual(csv.text.split('\r\n'), [
    'id,first_name,last_name,email',
    // In the list's order: newest first.
    `${bob.id},Bob,Stone,bob.${tag}@example.com`,
    `${ann.id},Ann,"Lee, Jr.",ann.${tag}@example.com`,
    '',
  ]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expectCount(dialog, 0, 'open export dialogs');

  // The same list as a workbook, with the default columns: numbers are numbers.
  await page.getByRole('button', { name: 'Export…' }).click();
  await dialog.getByRole('radio', { name: /^Excel \(XLSX\)/ }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const xlsxLink = dialog.getByRole('link', { name: /^Download customers-.*\.xlsx$/ });
  const [xlsxFile] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsxFile.path());
  const sheet = workbook.getWorksheet('Customers');
  const header = sheet.getRow(1).values.slice(1);
  assert.deepEqual(header.slice(0, 4), ['ID', 'First name', 'Last name', 'E-mail']);
  assert.equal(sheet.rowCount, 3);
  const cell = (row, label) => sheet.getRow(row).getCell(header.indexOf(label) + 1).value;
  assert.equal(cell(2, 'ID'), bob.id);
  assert.equal(cell(3, 'Last name'), 'Lee, Jr.');
  assert.equal(cell(3, 'Orders'), 0, 'a number, not a text');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The chosen row alone, as HTML.
  const bobRow = page.locator('.results tbody tr', { hasText: 'Bob Stone' });
  await bobRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Export…' }).click();
  assert.equal(
    await dialog.getByRole('radio', { name: 'The 1 chosen customer' }).isChecked(),
    true,
  );
  await dialog.getByRole('radio', { name: /^HTML/ }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const htmlLink = dialog.getByRole('link', { name: /^Download customers-.*\.html$/ });
  const html = await download(page, htmlLink);
  assert.match(html.text, /<th scope="col">E-mail<\/th>/);
  assert.match(html.text, new RegExp(`bob\\.${tag}@example\\.com`));
  assert.doesNotMatch(html.text, new RegExp(`ann\\.${tag}@example\\.com`));
  assert.match(html.text, /1 chosen customer/);
  await dialog.getByRole('link', { name: 'Jobs' }).click();

  // The Jobs page lists both exports with their downloads.
  await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
  const downloads = page.getByRole('link', { name: /^Download customers-/ });
  await expectCount(downloads, 3, 'export downloads on the Jobs page');
  const again = await download(page, downloads.last());
  assert.equal(again.text, csv.text);
  await expectNoProblems(page);
  await page.close();
});

test('the wallet history and the audit log export with their filters', async () => {
  const carl = await newCustomer('Carl', 'Credit');
  for (const amount of [1250, 75]) {
    const r = await server.api('POST', `/api/admin/customers/${carl.id}/wallet`, {
      amount,
      reason: `goodwill ${amount}`,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const page = await signedInPage(browser, server, { path: '/admin/wallet?kind=credit' });
  await page.getByRole('button', { name: 'Export…' }).click();
  const wallet = page.getByRole('dialog', { name: 'Export the wallet history' });
  await wallet.getByRole('checkbox', { name: 'Amount', exact: true }).waitFor();
  await wallet.getByRole('radio', { name: /^Excel \(XLSX\)/ }).check();
  await wallet.getByRole('button', { name: 'Export', exact: true }).click();
  const xlsxLink = wallet.getByRole('link', {
    name: /^Download store-credit-history-\d{4}-\d{2}-\d{2}\.xlsx$/,
  });
  await expectText(wallet.getByText(/entries written\./), /^\d+ entries written\./);
  const [xlsxFile] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsxFile.path());
  const sheet = workbook.getWorksheet('Store credit history');
  const header = sheet.getRow(1).values.slice(1);
  assert.deepEqual(header.slice(0, 4), ['Entry', 'Date', 'Customer ID', 'Customer']);
  const cell = (row, label) => sheet.getRow(row).getCell(header.indexOf(label) + 1).value;
  // Newest first: the second credit.
  assert.equal(cell(2, 'Customer ID'), carl.id);
  assert.equal(cell(2, 'Amount'), 0.75, 'a number, not a text');
  assert.equal(cell(3, 'Reason'), 'goodwill 1250');
  await wallet.getByRole('button', { name: 'Close' }).click();

  // The audit log of the customer, as CSV: its creation and both credits, newest first.
  await page.goto(`${server.url}/admin/audit?customer=${carl.id}`);
  await page.getByRole('button', { name: 'Export…' }).click();
  const audit = page.getByRole('dialog', { name: 'Export the audit log' });
  await audit.getByRole('checkbox', { name: 'Action', exact: true }).waitFor();
  await audit.getByRole('button', { name: 'None' }).click();
  for (const name of ['Action', 'Target']) {
    await audit.getByRole('checkbox', { name, exact: true }).check();
  }
  await audit.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = await download(
    page,
    audit.getByRole('link', { name: /^Download audit-log-\d{4}-\d{2}-\d{2}\.csv$/ }),
  );
  assert.deepEqual(csv.text.split('\r\n'), [
    'action,target_id',
    `customer.wallet_credited,${carl.id}`,
    `customer.wallet_credited,${carl.id}`,
    `customer.created,${carl.id}`,
    '',
  ]);
  await expectNoProblems(page);
  await page.close();
});

test('a viewer has no Export… (the server refuses the routes too)', async () => {
  const viewer = createAdmin(server, {
    email: `viewer.export.${process.pid}@example.com`,
    name: 'Vera Viewer',
    role: 'viewer',
  });
  const page = await signedInPage(browser, server, { who: viewer, path: '/admin/customers' });
  await waitForResults(page);
  await expectCount(page.getByRole('button', { name: 'Export…' }), 0, 'Export… buttons');
  await page.close();
});
