// Admins and API tokens: the list, adding an admin (who then signs in and sees only what the role
// allows), editing role and status, setting a password, and tokens shown once, copied, revoked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectCount,
  expectNoProblems,
  openPage,
  OWNER,
  server,
  signedInPage,
  signIn,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 50 });

const users = (page) => page.getByRole('region', { name: 'Admin users' });
const tokens = (page) => page.getByRole('region', { name: 'API tokens' });
const userRow = (page, email) => users(page).locator('tbody tr').filter({ hasText: email });

async function openAdmins(options) {
  const page = await signedInPage(browser, server, { path: '/admin/admins', ...options });
  await userRow(page, OWNER.email).waitFor();
  return page;
}

async function navLinks(page) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

test('the owner sees every admin and is marked as "You"', async () => {
  const page = await openAdmins();
  const me = userRow(page, OWNER.email);
  await me.getByText('You').waitFor();
  await me.getByText('Owner', { exact: true }).waitFor();
  await me.getByText('Active').waitFor();
  assert.deepEqual(await navLinks(page), [
    'Customers',
    'Insights',
    'Groups & tags',
    'Messages',
    'Wallet history',
    'Most wished',
    'Library rebuild',
    'Duplicates',
    'Blacklist',
    'Audit & cleanup',
    'Import',
    'Jobs',
    'Audit log',
    'Admins',
    'Settings',
  ]);
  expectNoProblems(page);
  await page.context().close();
});

test('an added admin signs in and sees only what the role allows', async () => {
  const page = await openAdmins();
  await users(page).getByRole('button', { name: 'Add admin' }).click();
  const form = page.getByRole('form', { name: 'Add admin' });
  // Exact labels: the choice "Send an invitation by e-mail (they choose their own password)".
  await form.getByLabel('E-mail', { exact: true }).fill('sam@example.com');
  await form.getByLabel('Name').fill('Sam Support');
  await form.getByLabel('Role').selectOption('support');
  await form.getByLabel('Set a password now').check();
  await form.getByLabel('Password', { exact: true }).fill('short');
  await form.getByRole('button', { name: 'Add admin' }).click();
  await form.locator('.field--invalid').filter({ hasText: 'Password' }).waitFor();
  await form.getByLabel('Password', { exact: true }).fill('a long enough password 123');
  await form.getByRole('button', { name: 'Add admin' }).click();
  await userRow(page, 'sam@example.com').getByText('Support', { exact: true }).waitFor();
  await page.context().close();

  const sam = await openPage(browser);
  await signIn(sam, server, { email: 'sam@example.com', password: 'a long enough password 123' });
  assert.deepEqual(await navLinks(sam), [
    'Customers',
    'Insights',
    'Groups & tags',
    'Messages',
    'Wallet history',
    'Most wished',
    'Library rebuild',
    'Duplicates',
    'Blacklist',
    'Audit & cleanup',
    'Jobs',
    'Audit log',
  ]);
  await sam.getByText('Sam Support').waitFor();
  await sam.getByText('Support', { exact: true }).waitFor();
  expectNoProblems(page, { allowStatuses: [422] });
  expectNoProblems(sam, { allowStatuses: [401] });
  await sam.context().close();
});

test("an admin's role and status are edited; a disabled admin cannot sign in", async () => {
  const victor = createAdmin(server, {
    email: 'victor@example.com',
    name: 'Victor Viewer',
    role: 'admin',
  });
  const page = await openAdmins();
  await userRow(page, victor.email)
    .getByRole('button', { name: `Edit ${victor.email}` })
    .click();
  let dialog = page.getByRole('dialog', { name: `Edit ${victor.email}` });
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByLabel('Name').fill('Victor V.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await userRow(page, victor.email).getByText('Viewer', { exact: true }).waitFor();
  await userRow(page, victor.email).getByText('Victor V.').waitFor();

  const viewer = await openPage(browser);
  await signIn(viewer, server, victor);
  assert.deepEqual(await navLinks(viewer), [
    'Customers',
    'Insights',
    'Groups & tags',
    'Messages',
    'Wallet history',
    'Most wished',
    'Library rebuild',
    'Duplicates',
    'Blacklist',
    'Audit & cleanup',
    'Jobs',
  ]);
  await waitForResults(viewer, ''); // the rows are in: none has a checkbox
  await viewer.locator('.customers-table tbody tr').first().waitFor();
  assert.equal(await viewer.getByRole('link', { name: 'New customer' }).count(), 0);
  assert.equal(await viewer.locator('.customers-table input[type=checkbox]').count(), 0);
  await viewer.context().close();

  await userRow(page, victor.email)
    .getByRole('button', { name: `Edit ${victor.email}` })
    .click();
  dialog = page.getByRole('dialog', { name: `Edit ${victor.email}` });
  await dialog.getByLabel('Can sign in').uncheck();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await userRow(page, victor.email).getByText('Disabled').waitFor();
  const api = (await server.api('GET', '/api/admin/admins')).body.items.find(
    (a) => a.email === victor.email,
  );
  assert.equal(api.status, 'disabled');
  assert.equal(api.role, 'viewer');

  const refused = await openPage(browser);
  await refused.goto(`${server.url}/admin/`);
  await refused.getByLabel('E-mail').fill(victor.email);
  await refused.getByLabel('Password').fill(victor.password);
  await refused.getByRole('button', { name: 'Sign in' }).click();
  await refused.getByRole('alert').waitFor();
  assert.equal(await refused.getByRole('button', { name: 'Sign out' }).count(), 0);
  await refused.context().close();
  expectNoProblems(page);
  await page.context().close();
});

test('an owner sets a new password for another admin', async () => {
  const paula = createAdmin(server, { email: 'paula@example.com', name: 'Paula', role: 'support' });
  const page = await openAdmins();
  await userRow(page, paula.email)
    .getByRole('button', { name: `Set password for ${paula.email}` })
    .click();
  // One's own password changes on Your account, never from this list.
  await expectCount(
    userRow(page, OWNER.email).getByRole('button', { name: /^Set password for/ }),
    0,
  );
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New password').fill('aaaaaaaaaaaaaaa');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await dialog.locator('.field__error').waitFor();
  await dialog.getByLabel('New password').fill('brand new password 77');
  await dialog.getByRole('button', { name: 'Set password' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `New password set for ${paula.email}` })
    .waitFor();

  const other = await openPage(browser);
  await signIn(other, server, { ...paula, password: 'brand new password 77' });
  await other.context().close();
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('an admin changes their own password on Your account', async () => {
  const oona = createAdmin(server, {
    email: 'own-password@example.com',
    name: 'Oona',
    role: 'support',
  });
  const page = await signedInPage(browser, server, { who: oona, path: '/admin/account' });
  const card = page.getByRole('region', { name: 'Password' });
  await card.getByRole('button', { name: 'Change password' }).click();
  const form = card.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('not my password at all');
  await form.getByLabel('New password', { exact: true }).fill('my own new password 2026');
  await form.getByLabel('New password again').fill('my own new password 2027');
  await form.getByText('The two new passwords differ.').waitFor();
  assert.equal(await form.getByRole('button', { name: 'Change password' }).isDisabled(), true);
  await form.getByLabel('New password again').fill('my own new password 2026');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form.getByText('The password is not right.').waitFor();
  await form.getByLabel('Current password').fill(oona.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await card.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();

  const other = await openPage(browser);
  await signIn(other, server, { ...oona, password: 'my own new password 2026' });
  await other.context().close();
  // This session goes on.
  await page.getByRole('link', { name: 'Customers' }).click();
  await waitForResults(page);
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('a new API token is shown once with a copy button, works, and can be revoked', async () => {
  const page = await openAdmins({ permissions: ['clipboard-read', 'clipboard-write'] });
  const t = tokens(page);
  await t.getByLabel('Token name').fill('Shop sync');
  await t.getByLabel('Token role').selectOption('viewer');
  await t.getByRole('button', { name: 'Create token' }).click();
  const secretBox = t.getByLabel('New token');
  await secretBox.waitFor();
  const secret = await secretBox.inputValue();
  assert.ok(secret.length >= 20, secret);
  await t.getByRole('button', { name: 'Copy' }).click();
  await t.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

  const asToken = (path) =>
    fetch(server.url + path, { headers: { authorization: `Bearer ${secret}` } }).then(
      (r) => r.status,
    );
  assert.equal(await asToken('/api/admin/customers?limit=1'), 200);
  assert.equal(await asToken('/api/admin/admins'), 403, 'a viewer token cannot manage admins');

  const row = t.locator('tbody tr').filter({ hasText: 'Shop sync' });
  await row.getByText('Viewer', { exact: true }).waitFor();
  await row.getByText('Active').waitFor();
  await t.getByRole('button', { name: 'Done' }).click();
  await t.getByLabel('New token').waitFor({ state: 'detached' });
  await page.reload();
  await row.waitFor();
  assert.equal(await page.getByText(secret).count(), 0, 'the secret is never shown again');

  await row.getByRole('button', { name: 'Revoke Shop sync' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await row.getByText(/Revoked/).waitFor();
  assert.equal(await asToken('/api/admin/customers?limit=1'), 401);
  expectNoProblems(page);
  await page.context().close();
});
