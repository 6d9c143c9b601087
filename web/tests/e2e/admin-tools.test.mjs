// The admin's tools on a customer's account and the blacklist, in Chromium against the real server
// and a real SMTP server (maildev), seen from the admin's side and the shopper's: a shopper's phone
// blacklisted from the profile refuses a registration with it, which the Blacklist page counts,
// until the entry is removed; a temporary password shown once, with which the shopper signs in and
// must choose a new one before the profile opens; the Sessions dialog ends the shopper's session;
// the login e-mail to a hand-made customer is an invitation whose link sets the first password;
// recovery codes an admin made are shown once at the next sign-in, and the authenticator app is
// reset. Also: the Blacklist page's form errors, its search and kind in the URL, and its phone
// layout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
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
  signedInPage,
  smtpArgs,
  totpCode,
  useServerAndBrowser,
  waitForMail,
} from './harness.mjs';

useServerAndBrowser({ customers: 40, serveArgs: smtpArgs() });

const kVerifySubject = /^Confirm your e-mail address/;
const kInvitationSubject = /^Your account at /;
const kWelcomeSubject = /^Welcome to /;
const kRefused = "We can't complete this request. Please contact the store.";

let serial = 0;

// An address nobody else in the test mail server uses (maildev keeps the mail of earlier runs).
function uniqueEmail(first) {
  serial += 1;
  return `${first.toLowerCase()}.tools.${Date.now()}.${process.pid}.${serial}@example.com`;
}

function newShopper(first) {
  return {
    first,
    last: 'Haddad',
    email: uniqueEmail(first),
    password: 'amber lighthouse quarter 9',
  };
}

// Calls the store API anonymously, as a script would: { status, body }.
async function storeApi(method, path, body) {
  const res = await fetch(`${server.url}/api/store${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// The link to `path` (/account/verify) in an e-mail's text.
function linkIn(mail, path) {
  const m = new RegExp(`https?://[^\\s"<>]+${path.replace(/\//g, '\\/')}\\?token=[^\\s"<>]+`).exec(
    mail.text,
  );
  assert.ok(m, `no ${path} link in:\n${mail.text}`);
  return m[0];
}

// Registers `who` through the store API and confirms the address with the link of the
// verification e-mail and the password (which opens a session, from this script); returns the
// customer as the admin API has it.
async function registeredShopper(who) {
  const r = await storeApi('POST', '/register', {
    first_name: who.first,
    last_name: who.last,
    email: who.email,
    password: who.password,
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const [mail] = await waitForMail(who.email, kVerifySubject);
  const token = new URL(linkIn(mail, '/account/verify')).searchParams.get('token');
  const v = await storeApi('POST', '/verify', { token, password: who.password });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  return customerByEmail(who.email);
}

// Signs `who` in through the store API; returns a caller of the signed-in store API (the session's
// cookie and CSRF token): (method, path, body) => { status, body }.
async function storeSession(who) {
  const res = await fetch(`${server.url}/api/store/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${server.url}/api/store${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
}

async function customerByEmail(email) {
  const list = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(email)}`);
  const customer = list.body.items.find((c) => c.email === email);
  assert.ok(customer, `${email} is in the customer list`);
  return customer;
}

// A customer the admin made by hand (no password yet).
async function handMadeCustomer(fields) {
  const r = await server.api('POST', '/api/admin/customers', fields);
  assert.equal(r.status, 201, JSON.stringify(r.body));
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

// Tools → `item`.
async function chooseTool(page, item) {
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  await expectAttribute(tools, 'aria-expanded', 'true');
  const menu = page.getByRole('menu', { name: 'Tools' });
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await expectCount(page.getByRole('menu'), 0, 'open menus');
}

// The labels of the Tools menu (without the lines under some), opened and closed again.
async function toolLabels(page) {
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  const items = page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem');
  await items.first().waitFor();
  const labels = await items.locator('.menu__label').allTextContents();
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('menu'), 0, 'open menus');
  return labels;
}

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

async function signInAtStore(page, email, password) {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const blacklistRow = (page, value) => page.locator('.blacklist-table tbody tr', { hasText: value });

test('a phone blacklisted from the profile refuses a registration, counted on the Blacklist page, until removed', async () => {
  const phone = '+4917612345678';
  const customer = await handMadeCustomer({
    first_name: 'Farah',
    last_name: 'Haddad',
    email: uniqueEmail('farah'),
    phone: '+49 176 12345678',
  });
  assert.equal(customer.phone, phone);

  const admin = await openProfile(customer);
  await chooseTool(admin, 'Add to blacklist…');
  const dialog = admin.getByRole('dialog', { name: `Add ${customer.full_name} to the blacklist` });
  await dialog.getByRole('radio', { name: `E-mail address ${customer.email}` }).waitFor();
  await dialog.getByRole('radio', { name: 'Every address at example.com' }).waitFor();
  // Nothing chosen: said at the choices.
  await dialog.getByRole('button', { name: 'Add to blacklist' }).click();
  await dialog.getByText('Choose what to block.').waitFor();
  await dialog.getByRole('radio', { name: `Phone ${phone}` }).check();
  await dialog.getByLabel('Reason (optional)').fill('Chargebacks on three orders');
  await screenshot(admin, 'admin-tools-blacklist-dialog');
  const [request] = await Promise.all([
    admin.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/admin/blacklist')),
    dialog.getByRole('button', { name: 'Add to blacklist' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), {
    kind: 'phone',
    value: phone,
    reason: 'Chargebacks on three orders',
  });
  await notice(admin, `${phone} is on the blacklist.`);
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');
  await expectFocused(admin.getByRole('button', { name: 'Tools' }), 'focus on Tools');

  // Listed already: the dialog says so.
  await chooseTool(admin, 'Add to blacklist…');
  await dialog.getByRole('radio', { name: `Phone ${phone}` }).check();
  await dialog.getByRole('button', { name: 'Add to blacklist' }).click();
  await dialog
    .getByRole('alert')
    .filter({ hasText: 'This phone is on the blacklist already.' })
    .waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');

  // A registration with that phone is refused.
  const shopper = await openPage(browser);
  await shopper.goto(`${server.url}/account/register`);
  await shopper.getByRole('heading', { name: 'Create an account', level: 1 }).waitFor();
  await shopper.getByLabel('First name').fill('Other');
  await shopper.getByLabel('Last name').fill('Person');
  await shopper.getByLabel('E-mail', { exact: true }).fill(uniqueEmail('other'));
  await shopper.getByLabel('Password', { exact: true }).fill('another fresh password 8');
  await shopper.getByLabel('Phone (optional)').fill('+49 176 1234 5678');
  await shopper.getByRole('button', { name: 'Create account' }).click();
  await shopper.getByRole('alert').filter({ hasText: kRefused }).waitFor();
  await screenshot(shopper, 'admin-tools-blacklist-refused');

  // The Blacklist page counts the refusal.
  await admin
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Blacklist' })
    .click();
  await admin.getByRole('heading', { name: 'Blacklist', level: 1 }).waitFor();
  const row = blacklistRow(admin, phone);
  await expectText(row.locator('.col-kind'), 'Phone');
  await expectText(row.locator('.col-reason'), 'Chargebacks on three orders');
  await expectText(row.locator('.blacklist__refusals'), '1');
  await row.locator('.blacklist__last-refusal').waitFor();
  await expectText(row.locator('.col-added .muted'), 'by you');
  await screenshot(admin, 'admin-tools-blacklist-page');

  // Removed, with a confirmation: the shopper may return.
  await row.getByRole('button', { name: `Remove ${phone}` }).click();
  const confirm = admin.getByRole('dialog', { name: `Remove ${phone} from the blacklist?` });
  await confirm.getByText(/allowed to return/).waitFor();
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await notice(admin, `${phone} is off the blacklist and allowed to return.`);
  await expectCount(blacklistRow(admin, phone), 0, 'rows of the removed entry');
  const left = await server.api('GET', '/api/admin/blacklist?kind=phone');
  assert.deepEqual(
    left.body.items.filter((e) => e.value === phone),
    [],
    'the entry is gone',
  );

  // And the registration goes through now.
  await shopper.getByRole('button', { name: 'Create account' }).click();
  await shopper.getByRole('heading', { name: 'Check your e-mail', level: 1 }).waitFor();

  expectNoProblems(admin, { allowStatuses: [409] });
  expectNoProblems(shopper, { allowStatuses: [401, 403] });
  await admin.context().close();
  await shopper.context().close();
});

test('the Blacklist page: field errors, reasons edited, search and kind in the URL, at phone width', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/blacklist' });
  await page.getByRole('heading', { name: 'Blacklist', level: 1 }).waitFor();
  const form = page.getByRole('form', { name: 'Add to the blacklist' });

  // A phone without its country code is refused, said at the field.
  await form.getByLabel('Kind').selectOption('phone');
  await form.getByLabel('Value').fill('0176 1234567');
  await form.getByRole('button', { name: 'Add to blacklist' }).click();
  const value = form.getByLabel('Value');
  await expectAttribute(value, 'aria-invalid', 'true');
  await form.getByText(/Type the number with its country code/).waitFor();
  await expectFocused(value);

  // A domain and an IP range.
  await form.getByLabel('Kind').selectOption('domain');
  await value.fill('@spam-orders.example');
  await form.getByLabel('Reason (optional)').fill('Throwaway addresses');
  await form.getByRole('button', { name: 'Add to blacklist' }).click();
  await notice(page, 'spam-orders.example is on the blacklist.');
  await expectValue(value, '');
  await form.getByLabel('Kind').selectOption('ip');
  await value.fill('203.0.113.0/24');
  await form.getByRole('button', { name: 'Add to blacklist' }).click();
  await notice(page, '203.0.113.0/24 is on the blacklist.');
  await expectText(blacklistRow(page, '203.0.113.0/24').locator('.blacklist__refusals'), '0');

  // The reason of the domain, edited in its dialog.
  const domainRow = blacklistRow(page, 'spam-orders.example');
  await domainRow.getByRole('button', { name: 'Edit the reason for spam-orders.example' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reason for spam-orders.example' });
  await expectValue(dialog.getByLabel('Reason'), 'Throwaway addresses');
  await dialog.getByLabel('Reason').fill('Throwaway addresses, 40 fake orders');
  await dialog.getByRole('button', { name: 'Save reason' }).click();
  await notice(page, 'The reason for spam-orders.example is saved.');
  await expectText(domainRow.locator('.col-reason'), 'Throwaway addresses, 40 fake orders');

  // Search and kind go into the address and come back from it.
  await page.locator('#blacklist-kind').selectOption('ip');
  await expectState(page, () => new URL(page.url()).search, '?kind=ip', 'the search of the URL');
  await expectCount(domainRow, 0, 'domain rows with kind ip');
  await page.getByRole('searchbox', { name: 'Search the blacklist' }).fill('203.0');
  await expectState(
    page,
    () => new URL(page.url()).search,
    '?q=203.0&kind=ip',
    'the search of the URL',
  );
  await expectCount(page.locator('.blacklist-table tbody tr'), 1, 'rows of the search');
  const url = page.url();
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();

  const phone = await signedInPage(browser, server, {
    path: new URL(url).pathname + new URL(url).search,
    viewport: PHONE,
  });
  await phone.getByRole('heading', { name: 'Blacklist', level: 1 }).waitFor();
  await expectValue(phone.getByRole('searchbox', { name: 'Search the blacklist' }), '203.0');
  await expectValue(phone.locator('#blacklist-kind'), 'ip');
  await expectCount(phone.locator('.blacklist-table tbody tr'), 1, 'rows on the phone');
  await expectState(
    phone,
    () =>
      phone.evaluate(() => {
        const el = document.scrollingElement;
        return el.scrollWidth <= el.clientWidth ? 'fits' : `${el.scrollWidth} > ${el.clientWidth}`;
      }),
    'fits',
    'the width of the page',
  );
  await screenshot(phone, 'admin-tools-blacklist-page');
  expectNoProblems(phone);
  await phone.context().close();
});

test('a temporary password is shown once; the shopper signs in with it and must choose a new one', async () => {
  const who = newShopper('Tariq');
  const customer = await registeredShopper(who);
  const admin = await openProfile(customer);
  const labels = await toolLabels(admin);
  for (const label of [
    'Send login e-mail',
    'Send password reset link',
    'Set temporary password…',
    'SMS codes…',
    'Sessions…',
    'Add to blacklist…',
    'Ban…',
  ]) {
    assert.ok(labels.includes(label), `"${label}" in ${JSON.stringify(labels)}`);
  }
  for (const label of ['Reset authenticator app', 'New recovery codes', 'Convert to account']) {
    assert.ok(!labels.includes(label), `no "${label}" without a second factor`);
  }

  await chooseTool(admin, 'Set temporary password…');
  const confirm = admin.getByRole('dialog', {
    name: `Set a temporary password for ${customer.full_name}?`,
  });
  await confirm.getByText(/every session of the customer ends/).waitFor();
  await confirm.getByRole('button', { name: 'Set temporary password' }).click();
  const shown = admin.getByRole('dialog', { name: `Temporary password for ${customer.full_name}` });
  const field = shown.getByLabel('Temporary password');
  await expectState(admin, () => field.inputValue(), /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  const password = await field.inputValue();
  await shown
    .getByText(
      'Give it to the customer; they must choose a new one at the next sign-in. Every session has ended.',
    )
    .waitFor();
  await shown.getByRole('button', { name: 'Copy' }).click();
  await expectText(shown.getByRole('status'), /^(Copied\.|Selected: press Ctrl\+C)/);
  await screenshot(admin, 'admin-tools-temporary-password');
  await shown.getByRole('button', { name: 'Done' }).click();
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');
  await expectState(
    admin,
    async () => (await admin.content()).includes(password),
    false,
    'the password in the page',
  );
  await expectText(
    admin.getByTestId('account-password'),
    'Temporary: a new one must be chosen at the next sign-in',
  );
  await expectText(
    admin.locator('.account-panel dt', { hasText: 'Sessions' }).locator('xpath=../dd'),
    /^0 active sessions/,
  );

  // The shopper signs in with it and must choose a new password before the profile opens.
  const shopper = await openPage(browser);
  await shopper.goto(`${server.url}/account/`);
  await signInAtStore(shopper, who.email, password);
  await shopper.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
  await expectCount(shopper.getByRole('heading', { name: 'Profile' }), 0, 'profile headings');
  await expectCount(shopper.getByRole('navigation', { name: 'Your account' }), 0, 'area menus');
  // Another page of the account asks the same.
  await shopper.goto(`${server.url}/account/addresses`);
  await shopper.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
  // The store refuses the rest meanwhile.
  const refused = await shopper.evaluate(async () => {
    const r = await fetch('/api/store/me/sessions');
    return { status: r.status, code: (await r.json()).code };
  });
  assert.deepEqual(refused, { status: 403, code: 'password_change_required' });
  await screenshot(shopper, 'admin-tools-choose-password');

  const form = shopper.getByRole('form', { name: 'Choose a new password' });
  await form.getByLabel('Current password', { exact: true }).fill('not the temporary one 1');
  await form.getByLabel('New password', { exact: true }).fill('a brand new password 42');
  await form.getByRole('button', { name: 'Save the new password' }).click();
  await expectAttribute(
    form.getByLabel('Current password', { exact: true }),
    'aria-invalid',
    'true',
  );
  await form.getByLabel('Current password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Save the new password' }).click();
  await shopper.getByRole('heading', { name: 'Addresses', level: 1 }).waitFor();
  await notice(shopper, 'Your new password is saved.');
  await shopper
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Profile' })
    .click();
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  // The account is an ordinary one again; the new password signs in.
  const state = await server.api('GET', `/api/admin/customers/${customer.id}/account`);
  assert.equal(state.body.must_change_password, false);
  const again = await storeApi('POST', '/login', {
    email: who.email,
    password: 'a brand new password 42',
  });
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.equal(again.body.customer.must_change_password, false);

  expectNoProblems(admin);
  expectNoProblems(shopper, { allowStatuses: [401, 403, 422] });
  await admin.context().close();
  await shopper.context().close();
});

test("the Sessions dialog ends the shopper's session; the shopper's page then asks to sign in", async () => {
  const who = newShopper('Samira');
  const customer = await registeredShopper(who);
  const shopper = await openPage(browser);
  await shopper.goto(`${server.url}/account/`);
  await signInAtStore(shopper, who.email, who.password);
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  const admin = await openProfile(customer);
  await chooseTool(admin, 'Sessions…');
  const dialog = admin.getByRole('dialog', { name: `Sessions of ${customer.full_name}` });
  // The browser's and the one the confirmation link opened (from this script).
  await expectText(
    dialog.getByTestId('sessions-summary'),
    '2 active sessions, the most recently seen first.',
  );
  await expectCount(dialog.locator('.session'), 2, 'sessions');
  await screenshot(admin, 'admin-tools-sessions');

  await dialog.getByRole('button', { name: /^End session on Chrome/ }).click();
  await notice(admin, `The session of ${customer.full_name} on Chrome`);
  await expectCount(dialog.locator('.session'), 1, 'sessions after ending one');
  const listed = await server.api('GET', `/api/admin/customers/${customer.id}/sessions`);
  assert.equal(listed.body.items.length, 1);
  assert.ok(!/Chrome/.test(listed.body.items[0].device), 'the browser session is the one ended');

  // The shopper's next request finds the session over: Sign in.
  await shopper
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Addresses' })
    .click();
  await shopper.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await notice(shopper, 'Your session has ended. Sign in again.');

  // End all…, confirmed, ends the other one.
  await dialog.getByRole('button', { name: 'End all…' }).click();
  await dialog.getByText(`End the only session of ${customer.full_name}?`).waitFor();
  await dialog.getByRole('button', { name: 'End all sessions' }).click();
  await notice(admin, `1 session of ${customer.full_name} ended.`);
  await expectText(
    dialog.getByTestId('sessions-summary'),
    'No active sessions: the customer is signed in nowhere.',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');
  await expectText(
    admin.locator('.account-panel dt', { hasText: 'Sessions' }).locator('xpath=../dd'),
    /^0 active sessions/,
  );

  // Signing in again works.
  await signInAtStore(shopper, who.email, who.password);
  await shopper.getByRole('heading', { name: 'Addresses', level: 1 }).waitFor();

  expectNoProblems(admin);
  expectNoProblems(shopper, { allowStatuses: [401] });
  await admin.context().close();
  await shopper.context().close();
});

test('the login e-mail to a hand-made customer is an invitation whose link sets the first password', async () => {
  const email = uniqueEmail('ines');
  const customer = await handMadeCustomer({ first_name: 'Ines', last_name: 'Moreau', email });
  const admin = await openProfile(customer);
  await expectText(admin.getByTestId('account-password'), 'None');
  await chooseTool(admin, 'Send login e-mail');
  await notice(admin, `Invitation sent to ${email}: a link to choose a password`);

  const [mail] = await waitForMail(email, kInvitationSubject);
  const link = linkIn(mail, '/account/reset-password');
  const shopper = await openPage(browser);
  await shopper.goto(link);
  await shopper.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
  await expectState(shopper, () => new URL(shopper.url()).search, '', 'the search of the URL');
  const password = 'my first own password 5';
  await shopper.getByLabel('New password', { exact: true }).fill(password);
  await shopper.getByRole('button', { name: 'Save the new password' }).click();
  await shopper.getByRole('heading', { name: 'Your password is changed', level: 1 }).waitFor();
  await shopper.getByRole('link', { name: 'Sign in' }).click();
  await signInAtStore(shopper, email, password);
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  // With a password now, the same tool sends the sign-in instructions.
  await admin.reload();
  await expectText(admin.getByTestId('account-password'), 'Set');
  await chooseTool(admin, 'Send login e-mail');
  await notice(admin, `Sign-in instructions sent to ${email}`);
  await waitForMail(email, kWelcomeSubject);

  expectNoProblems(admin);
  expectNoProblems(shopper, { allowStatuses: [401] });
  await admin.context().close();
  await shopper.context().close();
});

test('recovery codes an admin made are shown once at the next sign-in; the authenticator app is reset', async () => {
  const who = newShopper('Yara');
  const customer = await registeredShopper(who);
  // The shopper turns on an authenticator app (through the API).
  const call = await storeSession(who);
  const setup = await call('POST', '/me/totp', { password: who.password });
  assert.equal(setup.status, 200, JSON.stringify(setup.body));
  const key = setup.body.secret;
  // The code of the step before: each code works once, and the sign-in below uses the current one.
  const on = await call('POST', '/me/totp/confirm', { code: totpCode(key, Date.now() - 30_000) });
  assert.equal(on.status, 200, JSON.stringify(on.body));
  const old = on.body.recovery_codes;

  const admin = await openProfile(customer);
  await expectText(
    admin.getByTestId('account-second-factors'),
    'Authenticator app · 10 recovery codes left',
  );
  const labels = await toolLabels(admin);
  assert.ok(labels.includes('Reset authenticator app'), JSON.stringify(labels));
  await chooseTool(admin, 'New recovery codes');
  const confirm = admin.getByRole('dialog', {
    name: `Make new recovery codes for ${customer.full_name}?`,
  });
  await confirm.getByText(/the customer sees them once at the next sign-in/).waitFor();
  await confirm.getByRole('button', { name: 'Make new codes' }).click();
  await notice(
    admin,
    'New recovery codes are made. The customer sees them once at the next sign-in.',
  );
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');

  // The next sign-in shows them, once, with Copy and Download, then goes on.
  const shopper = await openPage(browser);
  await shopper.goto(`${server.url}/account/`);
  await signInAtStore(shopper, who.email, who.password);
  await shopper.getByRole('heading', { name: 'Confirm it is you', level: 1 }).waitFor();
  await shopper.getByLabel('Code from your authenticator app').fill(totpCode(key));
  await shopper.getByRole('button', { name: 'Sign in' }).click();
  await shopper.getByRole('heading', { name: 'Your new recovery codes', level: 1 }).waitFor();
  const codes = (
    await shopper.getByRole('list', { name: 'Recovery codes' }).locator('code').allTextContents()
  ).map((c) => c.trim());
  assert.equal(codes.length, 10, `recovery codes: ${codes}`);
  assert.ok(!codes.some((c) => old.includes(c)), 'new codes, not the old ones');
  await shopper.getByRole('button', { name: 'Copy' }).waitFor();
  const [download] = await Promise.all([
    shopper.waitForEvent('download'),
    shopper.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /recovery-codes\.txt$/);
  await screenshot(shopper, 'admin-tools-new-recovery-codes');
  await shopper.getByRole('button', { name: 'Continue' }).click();
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  // One of them signs in, and nothing is shown again.
  await shopper.getByRole('button', { name: 'Sign out' }).click();
  await signInAtStore(shopper, who.email, who.password);
  await shopper.getByRole('button', { name: 'Use a recovery code' }).click();
  await shopper.getByLabel('Recovery code').fill(codes[0]);
  await shopper.getByRole('button', { name: 'Sign in' }).click();
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  // The admin turns the app off for a customer who lost the phone.
  await chooseTool(admin, 'Reset authenticator app');
  const reset = admin.getByRole('dialog', {
    name: `Reset the authenticator app of ${customer.full_name}?`,
  });
  await reset.getByRole('button', { name: 'Reset authenticator app' }).click();
  await notice(admin, `The authenticator app of ${customer.full_name} is reset.`);
  await expectText(admin.getByTestId('account-second-factors'), 'Off');
  const after = await toolLabels(admin);
  for (const label of ['Reset authenticator app', 'New recovery codes']) {
    assert.ok(!after.includes(label), `no "${label}" in ${JSON.stringify(after)}`);
  }

  expectNoProblems(admin);
  expectNoProblems(shopper, { allowStatuses: [401] });
  await admin.context().close();
  await shopper.context().close();
});

test('a guest record: a consent withdrawn, converted to an account; SMS codes without an SMS provider', async () => {
  const email = uniqueEmail('gita');
  const guest = await handMadeCustomer({
    kind: 'guest',
    first_name: 'Gita',
    last_name: 'Rao',
    email,
    phone: '+4917699887766',
    email_marketing_consent: true,
    sms_marketing_consent: true,
  });
  assert.equal(guest.kind, 'guest');
  const admin = await openProfile(guest, { viewport: PHONE });
  // A guest has no account: none of its tools, and Log in as customer says why.
  assert.deepEqual(await toolLabels(admin), [
    'Log in as customer',
    'Convert to account',
    'Withdraw e-mail consent',
    'Withdraw SMS consent',
    'Download data (JSON)',
    'Download data (HTML)',
    'Merge duplicates…',
    'Add to blacklist…',
    'Ban…',
    'Delete permanently…',
  ]);
  await admin.getByRole('button', { name: 'Tools' }).click();
  const loginAs = admin.getByRole('menuitem', { name: 'Log in as customer', exact: true });
  await expectAttribute(loginAs, 'aria-disabled', 'true');
  await expectText(
    admin.locator(`[id="${await loginAs.getAttribute('aria-describedby')}"]`),
    'A guest checkout record has no account to sign in to.',
  );
  const box = await admin.getByRole('menu', { name: 'Tools' }).boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the menu at ${JSON.stringify(box)}`);
  await screenshot(admin, 'admin-tools-guest-menu');
  await admin.keyboard.press('Escape');

  // The e-mail consent withdrawn, confirmed; the SMS one stays.
  await chooseTool(admin, 'Withdraw e-mail consent');
  const withdraw = admin.getByRole('dialog', { name: 'Withdraw the e-mail consent of Gita Rao?' });
  await withdraw.getByText(/consent history/).waitFor();
  await withdraw.getByRole('button', { name: 'Withdraw consent' }).click();
  await notice(admin, 'The e-mail marketing consent of Gita Rao is withdrawn.');
  const stored = (await server.api('GET', `/api/admin/customers/${guest.id}`)).body;
  assert.equal(stored.email_marketing_consent, false);
  assert.equal(stored.sms_marketing_consent, true);
  assert.ok(!(await toolLabels(admin)).includes('Withdraw e-mail consent'));

  // Converted to an account: the invitation goes out, and the account's tools come.
  await chooseTool(admin, 'Convert to account');
  const convert = admin.getByRole('dialog', { name: 'Convert Gita Rao to an account?' });
  await convert
    .getByText(new RegExp(`An invitation goes to ${email.replace(/\./g, '\\.')}`))
    .waitFor();
  await convert.getByRole('button', { name: 'Convert to account' }).click();
  await notice(admin, `Gita Rao has an account now; the invitation is on its way to ${email}.`);
  await expectCount(admin.locator('.profile__header .badge--guest'), 0, 'guest badges');
  await expectText(
    admin.locator('.facts dt', { hasText: 'Kind' }).locator('xpath=../dd'),
    'Registered account',
  );
  assert.equal(
    (await server.api('GET', `/api/admin/customers/${guest.id}`)).body.kind,
    'registered',
  );
  await waitForMail(email, kInvitationSubject);
  const labels = await toolLabels(admin);
  for (const label of ['Send login e-mail', 'Set temporary password…', 'SMS codes…', 'Sessions…']) {
    assert.ok(labels.includes(label), `"${label}" in ${JSON.stringify(labels)}`);
  }

  // This store has no SMS provider: the dialog says so before anything is tried.
  await chooseTool(admin, 'SMS codes…');
  const sms = admin.getByRole('dialog', { name: 'SMS codes for Gita Rao' });
  await expectText(sms.getByTestId('sms-dialog-state').locator('strong'), 'Off');
  await sms
    .getByText('This store has no SMS provider set up, so SMS codes cannot be sent')
    .waitFor();
  await expectValue(sms.getByLabel('Phone for the codes'), '+4917699887766');
  await expectAttribute(sms.getByRole('button', { name: 'Turn on SMS codes' }), 'disabled', '');
  await screenshot(admin, 'admin-tools-sms-dialog');
  await admin.keyboard.press('Escape');
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');
  await expectFocused(admin.getByRole('button', { name: 'Tools' }), 'focus on Tools');

  expectNoProblems(admin);
  await admin.context().close();
});
