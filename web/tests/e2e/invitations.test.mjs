// Inviting an admin by e-mail: the owner sends an invitation (the list marks her "Invited"), the
// e-mail arrives with a link, a resent invitation makes the first link stop working, the new
// admin chooses a password on the public page (a mismatch and a too-short one are refused at
// their fields) and lands signed in, the used link stops working, and the list drops "Invited".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PHONE,
  browser,
  expectCount,
  expectFocused,
  expectNoProblems,
  expectText,
  openPage,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  useServerAndBrowser,
  waitForMail,
} from './harness.mjs';

useServerAndBrowser({ customers: 10, serveArgs: smtpArgs() });

const ines = {
  name: 'Ines Invite',
  email: `ines.${Date.now()}.${process.pid}@invitations.example.com`,
  password: 'ines chose this password 7',
};

const users = (page) => page.getByRole('region', { name: 'Admin users' });
const inesRow = (page) => users(page).locator('tbody tr').filter({ hasText: ines.email });

// The accept link of an e-mail, on the test server (the e-mail names the configured public URL,
// which may be another host).
function linkOf(mail) {
  const m = /(\S*\/admin\/accept-invitation#token=[^\s<>"]+)/.exec(mail.text);
  assert.ok(m, `no invitation link in:\n${mail.text}`);
  const link = new URL(m[1], server.url);
  return `${server.url}${link.pathname}${link.hash}`;
}

// Opens `link` in a fresh browser context, where no one is signed in.
async function openLink(link, options) {
  const page = await openPage(browser, options);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Accept the invitation', level: 1 }).waitFor();
  return page;
}

async function accept(page, password, repeat = password) {
  await page.getByLabel('New password').fill(password);
  await page.getByLabel('Repeat the password').fill(repeat);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
}

// The first link does not work any more: the page says so, with a way to the sign-in page.
async function expectInvalidLink(link) {
  const page = await openLink(link);
  await accept(page, ines.password);
  await page
    .getByRole('alert')
    .filter({ hasText: 'This invitation link is not valid or has expired.' })
    .waitFor();
  await expectCount(page.getByLabel('New password'), 0, 'the password field');
  await page.getByRole('link', { name: 'Go to the sign-in page' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  expectNoProblems(page, { allowStatuses: [400, 404, 409, 410] });
  await page.context().close();
}

let firstLink;
let secondLink;

test('the owner invites an admin, who gets an e-mail with a link', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/admins' });
  await users(page).getByRole('button', { name: 'Add admin' }).click();
  const form = page.getByRole('form', { name: 'Add admin' });
  // Inviting is the default: no password to type for her.
  const invite = form.getByLabel('Send an invitation by e-mail (they choose their own password)');
  assert.equal(await invite.isChecked(), true);
  await expectCount(form.getByLabel('Password', { exact: true }), 0, 'the password field');
  await form.getByLabel('E-mail', { exact: true }).fill(ines.email);
  await form.getByLabel('Name').fill(ines.name);
  await form.getByLabel('Role').selectOption('support');
  await screenshot(page, 'admin-invite');
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText(`Invitation sent to ${ines.email}.`).waitFor();
  await inesRow(page).getByText('Invited', { exact: true }).waitFor();
  await inesRow(page).getByText('Support', { exact: true }).waitFor();

  const [mail] = await waitForMail(ines.email, /./);
  firstLink = linkOf(mail);

  // A new invitation: a second e-mail, and the first link stops working.
  await inesRow(page)
    .getByRole('button', { name: `Resend invitation to ${ines.email}` })
    .click();
  await page.getByText(`A new invitation was sent to ${ines.email}.`).waitFor();
  const mails = await waitForMail(ines.email, /./, { count: 2 });
  secondLink = linkOf(mails[1]);
  assert.notEqual(secondLink, firstLink);
  expectNoProblems(page);
  await page.context().close();

  await expectInvalidLink(firstLink);
});

test('the invited admin chooses a password and lands signed in', async () => {
  assert.ok(secondLink, 'the invitation of the test before');
  const page = await openLink(secondLink, { viewport: PHONE });
  await expectFocused(page.getByLabel('New password'));
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  assert.equal(sideways, false, 'the page scrolls sideways at phone size');

  await accept(page, ines.password, 'something else entirely 7');
  const repeat = page.locator('.field--invalid').filter({ hasText: 'Repeat the password' });
  await repeat.getByText('The two passwords are not the same.').waitFor();
  await expectFocused(page.getByLabel('Repeat the password'));

  // The server's rule, at its field; the repeat's error is gone.
  await accept(page, 'short');
  await page.locator('.field--invalid').filter({ hasText: 'New password' }).waitFor();
  await expectCount(repeat, 0, 'the mismatch error');
  await screenshot(page, 'accept-invitation');

  await accept(page, ines.password);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.waitForURL(`${server.url}/admin/customers`);
  await expectText(page.locator('.user__name'), ines.name, 'the signed-in admin');
  // At phone size the main navigation sits behind the menu button.
  await page.getByRole('button', { name: 'Menu' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Customers' }).waitFor();
  await expectCount(nav.getByRole('link', { name: 'Admins' }), 0, 'Admins for a support admin');
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();

  // Used once: the same link no longer works.
  await expectInvalidLink(secondLink);
});

test('the list no longer shows her as invited', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/admins' });
  await inesRow(page).getByText('Active', { exact: true }).waitFor();
  await expectCount(inesRow(page).getByText('Invited', { exact: true }), 0, 'the Invited badge');
  await expectCount(inesRow(page).getByRole('button', { name: /^Resend invitation/ }), 0, 'Resend');
  const api = (await server.api('GET', '/api/admin/admins')).body.items.find(
    (a) => a.email === ines.email,
  );
  assert.equal(api.invited, false);
  expectNoProblems(page);
  await page.context().close();
});
