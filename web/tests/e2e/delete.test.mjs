// Deleting a customer for good, in Chromium against the real server and a real SMTP server
// (maildev): the owner's "Delete permanently…" in the profile's Tools menu asks for the customer's
// e-mail address, keeps Delete disabled until it matches, then erases the customer, opens the
// list with a notice and the customer gets the account_deleted e-mail; a support admin has no
// such tool; and the list's Guests view shows guest records only, each linking to the profile
// where it can be converted to an account.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  server,
  signedInPage,
  smtpArgs,
  useServerAndBrowser,
  waitForMail,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 30, serveArgs: smtpArgs() });

const kDeletedSubject = /account has been deleted$/;

let serial = 0;

// A token nobody else uses: in names and addresses (maildev keeps the mail of earlier runs).
function unique(word) {
  serial += 1;
  return `${word}${Date.now().toString(36)}${process.pid}x${serial}`;
}

async function created(method, path, body) {
  const r = await server.api(method, path, body);
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

// The labels of the Tools menu, opened and closed again.
async function toolLabels(page) {
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  const items = page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem');
  await items.first().waitFor();
  const labels = await items.allTextContents();
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('menu'), 0, 'open menus');
  return labels;
}

test('the owner deletes a customer permanently after typing the e-mail address', async () => {
  const last = unique('Erase');
  const email = `${last.toLowerCase()}@example.com`;
  const customer = await created('POST', '/api/admin/customers', {
    first_name: 'Dana',
    last_name: last,
    email,
  });
  const page = await openProfile(customer);
  const labels = await toolLabels(page);
  assert.equal(labels.at(-1), 'Delete permanently…', JSON.stringify(labels));

  await page.getByRole('button', { name: 'Tools' }).click();
  await page
    .getByRole('menu', { name: 'Tools' })
    .getByRole('menuitem', { name: 'Delete permanently…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Delete ${customer.full_name} permanently?` });
  await dialog
    .getByText(
      `This erases ${customer.full_name}'s personal data everywhere: profile, addresses, sessions, second factor, message contents and the personal values in the audit trail. It cannot be undone. The customer gets an e-mail first.`,
    )
    .waitFor();
  const field = dialog.getByRole('textbox', {
    name: "Type the customer's e-mail address to confirm",
  });
  const erase = dialog.getByRole('button', { name: 'Delete', exact: true });
  await expectAttribute(erase, 'disabled', '', 'Delete disabled before typing');
  await field.fill('someone.else@example.com');
  await expectAttribute(erase, 'disabled', '', 'Delete disabled for a wrong address');
  await field.fill(email.slice(0, -1));
  await expectAttribute(erase, 'disabled', '', 'Delete disabled for part of the address');
  await field.fill(email.toUpperCase());
  await expectAttribute(erase, 'disabled', null, 'Delete enabled for the address in capitals');
  await erase.click();

  await page.waitForURL(/\/admin\/customers$/);
  await page
    .getByRole('status')
    .filter({ hasText: `${email} was deleted.` })
    .waitFor();
  await page.getByLabel('Search customers').fill(email);
  await waitForResults(page, email);
  await page.getByText('No customers match this search.').waitFor();
  const list = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(email)}`);
  assert.deepEqual(
    list.body.items.map((c) => c.email),
    [],
  );

  const [mail] = await waitForMail(email, kDeletedSubject);
  assert.match(mail.text, /your account at .* and its personal data have been deleted/);
  expectNoProblems(page);
  await page.context().close();
});

test('the server refuses an erasure whose confirmation does not match', async () => {
  const last = unique('Keep');
  const customer = await created('POST', '/api/admin/customers', {
    first_name: 'Kim',
    last_name: last,
    email: `${last.toLowerCase()}@example.com`,
  });
  const r = await server.api('POST', `/api/admin/customers/${customer.id}/erase`, {
    confirm: 'wrong@example.com',
  });
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.ok(
    r.body.errors.some((e) => e.field === 'confirm' && e.code === 'confirmation_mismatch'),
    JSON.stringify(r.body),
  );
  assert.equal((await server.api('GET', `/api/admin/customers/${customer.id}`)).status, 200);

  // The same answer in the dialog (the server's, played back, since the button only sends a
  // match): the message is at the field.
  const page = await openProfile(customer);
  await page.route(`**/api/admin/customers/${customer.id}/erase`, (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify(r.body),
    }),
  );
  await page.getByRole('button', { name: 'Tools' }).click();
  await page.getByRole('menuitem', { name: 'Delete permanently…' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete ${customer.full_name} permanently?` });
  const field = dialog.getByRole('textbox', {
    name: "Type the customer's e-mail address to confirm",
  });
  await field.fill(customer.email);
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expectAttribute(field, 'aria-invalid', 'true');
  await dialog.getByText("Type the customer's e-mail address to confirm.").waitFor();
  await expectCount(dialog.locator('.banner--error'), 0, 'error banners in the dialog');
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('a support admin has no "Delete permanently…"', async () => {
  const support = {
    email: `${unique('support').toLowerCase()}@example.com`,
    name: 'Sam Support',
    role: 'support',
    password: 'support helps but never erases 7',
  };
  const made = await server.api('POST', '/api/admin/admins', support);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const last = unique('Stay');
  const customer = await created('POST', '/api/admin/customers', {
    first_name: 'Sol',
    last_name: last,
    email: `${last.toLowerCase()}@example.com`,
  });
  const page = await openProfile(customer, { who: support });
  const labels = await toolLabels(page);
  assert.ok(labels.includes('Ban…'), JSON.stringify(labels));
  assert.ok(!labels.includes('Delete permanently…'), JSON.stringify(labels));
  expectNoProblems(page);
  await page.context().close();
});

test('the Guests view lists guest records only, each linking to its profile', async () => {
  const marker = unique('Guestview');
  const guestEmail = `${marker.toLowerCase()}.guest@example.com`;
  const guest = await created('POST', '/api/admin/guests', {
    first_name: 'Gil',
    last_name: marker,
    email: guestEmail,
    phone: '+4917612345678',
    country: 'DE',
  });
  const registeredEmail = `${marker.toLowerCase()}.member@example.com`;
  await created('POST', '/api/admin/customers', {
    first_name: 'Reg',
    last_name: marker,
    email: registeredEmail,
  });

  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  const all = page.getByRole('button', { name: 'All customers' });
  const guests = page.getByRole('button', { name: 'Guests', exact: true });
  await expectAttribute(all, 'aria-pressed', 'true');
  await page.getByLabel('Search customers').fill(marker);
  await waitForResults(page, marker);
  await expectCount(page.locator('.customers-table tbody tr'), 2, 'both customers in All');

  await guests.click();
  await expectAttribute(guests, 'aria-pressed', 'true');
  await expectState(page, () => new URL(page.url()).searchParams.get('kind'), 'guest', 'kind');
  await waitForResults(page, marker);
  const rows = page.locator('.customers-table tbody tr');
  await expectCount(rows, 1, 'guest rows');
  const row = rows.first();
  await row.locator('.col-email').filter({ hasText: guestEmail }).waitFor();
  await row
    .locator('.col-phone')
    .filter({ hasText: guest.phone || '+49' })
    .waitFor();
  await row.locator('.col-country').filter({ hasText: 'DE' }).waitFor();
  await expectCount(page.getByText(registeredEmail), 0, 'the registered customer in Guests');

  await row.getByRole('link', { name: guest.full_name }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: guest.full_name }).waitFor();
  assert.ok((await toolLabels(page)).includes('Convert to account'));
  expectNoProblems(page);
  await page.context().close();
});
