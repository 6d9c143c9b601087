// The audit log: events with who/what/when, filters, pages and the CSV export.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectNoProblems,
  OWNER,
  server,
  signedInPage,
  useServerAndBrowser,
} from './harness.mjs';

let customer;
useServerAndBrowser(
  { customers: 100 },
  {
    prepare: async () => {
      customer = (await server.api('GET', '/api/admin/customers?limit=1')).body.items[0];
      // Some history: the token edits a customer and creates a group, the owner signs in (below).
      await server.api('PATCH', `/api/admin/customers/${customer.id}`, { company: 'Audit Co' });
      await server.api('POST', '/api/admin/groups', { name: 'Audited group' });
    },
  },
);

const rows = (page) => page.locator('.audit-table tbody tr');

async function openLog(query = '', who = undefined) {
  const page = await signedInPage(browser, server, { path: `/admin/audit${query}`, who });
  await rows(page).first().waitFor();
  return page;
}

test('the log lists events newest first with who, what and where from', async () => {
  const page = await openLog();
  const api = (await server.api('GET', '/api/admin/audit?limit=50')).body.items;
  assert.equal(await rows(page).count(), api.length);
  const first = rows(page).first();
  await first.getByText('Signed in').waitFor();
  await first.locator('td[data-label="Who"]').getByText(OWNER.name).waitFor();
  // Signing in is about the admin, named as the target too.
  await first.locator('td[data-label="Target"]').getByText(OWNER.name).waitFor();
  await first.getByText('127.0.0.1').waitFor();
  const edit = rows(page).filter({ hasText: 'Changed the customer' }).first();
  await edit.getByText('Audit Co').waitFor();
  // The target by its name, linked to the profile, with its kind and id beside.
  const target = edit.getByRole('link', { name: customer.full_name || customer.email });
  assert.match(await target.getAttribute('href'), new RegExp(`/customers/${customer.id}$`));
  await edit.getByText(`customer · ${customer.id}`).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('the action filter offers the e-mail and address actions the log holds', async () => {
  const page = await openLog();
  const action = page.getByLabel('Action');
  for (const [value, label] of [
    ['address.', 'All addresses'],
    ['address.created', 'Added an address'],
    ['message.', 'All e-mails'],
    ['message.queued', 'Wrote an e-mail'],
    ['customer.registered', 'Registered an account'],
    ['blacklist.', 'All blacklist'],
  ]) {
    const option = action.locator(`option[value="${value}"]`);
    assert.equal(await option.count(), 1, `an option for ${value}`);
    assert.equal((await option.textContent()).trim(), label);
  }
  expectNoProblems(page);
  await page.context().close();
});

test('filters narrow the log and stay in the URL', async () => {
  const page = await openLog();
  await page.getByLabel('Action').selectOption('customer.updated');
  await page.waitForURL(/action=customer.updated/);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.audit-table tbody tr')].every((tr) =>
      tr.textContent.includes('Changed the customer'),
    ),
  );
  await page.getByLabel('Action').selectOption('group.');
  await page.waitForURL(/action=group\./);
  await rows(page).filter({ hasText: 'Created a group' }).first().waitFor();

  await page.getByLabel('Action').selectOption('');
  await page.getByLabel('Customer', { exact: true }).fill(customer.id);
  await page.waitForURL(new RegExp(`customer=${customer.id}`));
  await page.waitForFunction(
    (id) =>
      [...document.querySelectorAll('.audit-table tbody tr')].every((tr) =>
        tr.textContent.includes(id),
      ),
    customer.id,
  );

  await page.getByLabel('Customer', { exact: true }).fill('');
  await page.getByLabel('Who').selectOption({ label: OWNER.name });
  await page.waitForURL(/actor=/);
  await rows(page).filter({ hasText: 'Signed in' }).first().waitFor();

  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  await page.getByLabel('From', { exact: true }).fill(tomorrow);
  await page.getByText('No events match these filters.').waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('Export CSV downloads the filtered log for a role that may not export', async () => {
  // Roles that may export get the export dialog; support staff get the CSV of the log directly.
  const support = createAdmin(server, {
    email: 'audit-support@example.com',
    name: 'Audit Support',
    role: 'support',
  });
  const page = await openLog('?action=customer.updated', support);
  const link = page.getByRole('link', { name: 'Export CSV' });
  assert.match(
    await link.getAttribute('href'),
    /\/api\/admin\/audit\.csv\?action=customer\.updated/,
  );
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0], /occurred_at/);
  assert.ok(lines.length >= 2, csv);
  assert.ok(
    lines.slice(1).every((l) => l.includes('customer.updated')),
    csv,
  );
  expectNoProblems(page);
  await page.context().close();
});
