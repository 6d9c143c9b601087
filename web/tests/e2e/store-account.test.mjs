// The customer area at /account/, in Chromium against the real server and a real SMTP server
// (maildev): the whole journey of a shopper (register, the verification link with the password,
// which signs in, two-factor sign-in, forgot password, sessions, data download, deletion request),
// the pages at phone width, signing in by keyboard, the same answer for an address that has an
// account, a closed area, signing in before the address is confirmed, the verification link with a
// wrong password and for a changed address, and SMS sign-in codes (through a local receiver that
// plays the SMS provider, and explained away on a store without one).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  browser,
  expectCount,
  expectAttribute,
  expectFocused,
  expectNoProblems,
  expectState,
  expectText,
  LAPTOP,
  openPage,
  PHONE,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  startServer,
  startSmsProvider,
  totpCode,
  useServerAndBrowser,
  waitForMail,
} from './harness.mjs';

useServerAndBrowser({ customers: 50, serveArgs: smtpArgs() });

const kVerifySubject = /^Confirm your e-mail address/;
const kChangeSubject = /^Confirm your new e-mail address/;
const kResetSubject = /^Reset your .* password/;
const kWelcomeSubject = /^Welcome to /;
const kAttemptSubject = /^Someone tried to register with your e-mail address/;

let serial = 0;

// A shopper nobody else in the test mail server uses (maildev keeps the mail of earlier runs).
function newShopper(first = 'Mara') {
  serial += 1;
  return {
    first,
    last: 'Lindqvist',
    email: `${first.toLowerCase()}.${Date.now()}.${process.pid}.${serial}@example.com`,
    password: 'quiet harbour lantern 7',
  };
}

// The link of `path` (/account/verify) in an e-mail's text, which points at the server at `base`.
function linkIn(mail, path, base = server.url) {
  const m = new RegExp(`https?://[^\\s"<>]+${path.replace(/\//g, '\\/')}\\?token=[^\\s"<>]+`).exec(
    mail.text,
  );
  assert.ok(m, `no ${path} link in:\n${mail.text}`);
  const link = new URL(m[0]);
  assert.equal(link.origin, base, 'the link points at this server');
  return m[0];
}

// Calls the store API (of the server at `base`) anonymously, as a script would: { status, body }.
async function storeApi(method, path, body, base = server.url) {
  const res = await fetch(`${base}/api/store${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Registers `who` through the API and, unless `verify` is false, opens the verification link
// with the password (through the API too; the session it starts is not kept): set-up for the
// tests that start at a later point.
async function registerShopper(who, { verify = true } = {}) {
  const r = await storeApi('POST', '/register', {
    first_name: who.first,
    last_name: who.last,
    email: who.email,
    password: who.password,
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const [mail] = await waitForMail(who.email, kVerifySubject);
  if (!verify) return mail;
  const token = new URL(linkIn(mail, '/account/verify')).searchParams.get('token');
  const v = await storeApi('POST', '/verify', { token, password: who.password });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.equal(v.body.status, 'verified');
  assert.equal(v.body.email, who.email);
  assert.equal(v.body.customer?.email, who.email, 'signed in at once');
  return mail;
}

// Signs in on the Sign in page with the mouse (no second step).
async function signInForm(page, who) {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// On the page of a verification link: waits for the password form (the token has left the
// address bar by then) and confirms with `password`.
async function confirmWithPassword(page, password) {
  await page.getByRole('heading', { name: 'Confirm your e-mail address', level: 1 }).waitFor();
  const form = page.getByRole('form', { name: 'Confirm your e-mail address' });
  await form.getByText('Enter your password to confirm your e-mail address.').waitFor();
  await expectState(page, () => new URL(page.url()).search, '', 'the search of the address');
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Confirm' }).click();
}

// Signed in after confirming the address: the profile, the notice, the header with the name.
async function expectSignedInAfterConfirming(page, who) {
  await page
    .getByRole('status')
    .filter({ hasText: `Thank you: ${who.email} is confirmed. You are signed in.` })
    .waitFor();
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/account/profile');
  await expectText(page.locator('.area-header__name'), `Signed in as ${who.first} ${who.last}`);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'You are signed out.' }).waitFor();
}

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

test('the whole journey: register, confirm, two-factor sign-in, new password, data, deletion', async () => {
  const who = newShopper('Jonna');
  const page = await openPage(browser, { viewport: LAPTOP });

  // Register.
  await page.goto(`${server.url}/account/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/account/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create an account', level: 1 }).waitFor();
  await page.getByLabel('First name').fill(who.first);
  await page.getByLabel('Last name').fill(who.last);
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  // A password that is too short is refused at its field, which takes the focus.
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Use at least 10 characters.').waitFor();
  await expectFocused(page.getByLabel('Password', { exact: true }));
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Send me news and offers by e-mail').check();
  await screenshot(page, 'store-account-register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your e-mail', level: 1 }).waitFor();
  await page.getByText(`We sent an e-mail to ${who.email}.`).waitFor();
  assert.equal(new URL(page.url()).pathname, '/account/check-email');

  // The verification e-mail's link asks for the password (the token leaves the address bar),
  // which confirms the address and signs in at once.
  const [verification] = await waitForMail(who.email, kVerifySubject);
  assert.match(verification.text, new RegExp(`^Hello ${who.first},`));
  await page.goto(linkIn(verification, '/account/verify'));
  await page.getByRole('heading', { name: 'Confirm your e-mail address', level: 1 }).waitFor();
  await expectState(page, () => new URL(page.url()).search, '', 'the search of the address');
  await screenshot(page, 'store-account-verify');
  await confirmWithPassword(page, who.password);
  await expectSignedInAfterConfirming(page, who);
  await expectText(page.locator('.area-nav [aria-current="page"]'), 'Profile');
  await waitForMail(who.email, kWelcomeSubject);

  // Security: turn on two-factor sign-in. A wrong password is refused at its field.
  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Security' })
    .click();
  await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await expectText(page.getByTestId('two-factor-state').locator('strong'), 'Off');
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  const prove = page.getByRole('form', { name: 'Confirm it is you' });
  await expectFocused(prove.getByLabel('Your password'));
  await prove.getByLabel('Your password').fill('not my password at all');
  await prove.getByRole('button', { name: 'Continue' }).click();
  await expectState(
    page,
    () => prove.getByLabel('Your password').getAttribute('aria-invalid'),
    'true',
    'the password marked wrong',
  );
  await prove.getByLabel('Your password').fill(who.password);
  await prove.getByRole('button', { name: 'Continue' }).click();
  const setup = page.getByRole('form', { name: 'Add the account to your authenticator app' });
  const key = (await setup.getByLabel('Set-up key').textContent()).replace(/\s+/g, '');
  assert.match(key, /^[A-Z2-7]{16,}$/);
  assert.match(
    await setup.getByRole('link', { name: 'open it in the app' }).getAttribute('href'),
    /^otpauth:\/\/totp\/.*secret=/,
  );
  await setup
    .getByRole('img', { name: /QR code/ })
    .locator('svg')
    .waitFor();
  await screenshot(page, 'store-account-totp-setup');
  // The code of the step before: each code works once, and the sign-in below uses the current one.
  await setup.getByLabel('Code from the app').fill(totpCode(key, Date.now() - 30_000));
  await setup.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  const codes = (
    await page.getByRole('list', { name: 'Recovery codes' }).locator('code').allTextContents()
  ).map((c) => c.trim());
  assert.equal(codes.length, 10, `recovery codes: ${codes}`);
  assert.equal(new Set(codes).size, 10);
  await screenshot(page, 'store-account-recovery-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expectText(page.getByTestId('two-factor-state').locator('strong'), 'On');
  await page
    .getByTestId('two-factor-state')
    .filter({ hasText: '10 recovery codes left.' })
    .waitFor();

  // Signing in again asks for a code: the current one lets in.
  await signOut(page);
  await signInForm(page, who);
  await page.getByRole('heading', { name: 'Confirm it is you', level: 1 }).waitFor();
  const code = page.getByLabel('Code from your authenticator app');
  await expectFocused(code);
  await screenshot(page, 'store-account-sign-in-code');
  // A wrong code is refused at the field; the current one lets in.
  await code.fill(totpCode(key, Date.now() + 600_000));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('That code did not work. Enter the code your app shows now.').waitFor();
  await expectFocused(code);
  await code.fill(totpCode(key));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  await signOut(page);

  // Forgot password: the e-mail's link sets a new one.
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { name: 'Forgot your password?', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `If ${who.email} belongs to an account` })
    .waitFor();
  const [reset] = await waitForMail(who.email, kResetSubject);
  await page.goto(linkIn(reset, '/account/reset-password'));
  await page.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
  // The token leaves the address bar once the page has read it (an effect after the first paint).
  await expectState(page, () => new URL(page.url()).search, '', 'the search of the address');
  const newPassword = 'a fresh blue kettle 93';
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('heading', { name: 'Your password is changed', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Sign in' }).click();

  // The old password no longer works; the new one does, with a recovery code as second step.
  await signInForm(page, who);
  await page
    .getByRole('alert')
    .filter({ hasText: 'The e-mail address or the password is not right.' })
    .waitFor();
  await page.getByLabel('Password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Confirm it is you', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await expectFocused(page.getByLabel('Recovery code'));
  await page.getByLabel('Recovery code').fill(codes[0]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  // Security lists where the shopper is signed in, this device marked.
  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Security' })
    .click();
  await page.getByRole('heading', { name: 'Where you are signed in' }).waitFor();
  const sessions = page.locator('.session-list .session');
  await expectCount(sessions.filter({ hasText: 'This device' }), 1);
  await sessions.filter({ hasText: 'This device' }).getByText(/Chrom/).waitFor();
  await page
    .getByTestId('two-factor-state')
    .filter({ hasText: '9 recovery codes left.' })
    .waitFor();

  // Privacy: download my data.
  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Privacy' })
    .click();
  await page.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'my-data.json');
  const data = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(data.profile.email, who.email);
  assert.equal(data.profile.first_name, who.first);
  assert.equal(data.profile.email_verified, true);
  assert.equal(data.profile.consent_email, true);
  const customerId = data.profile.id;
  assert.ok(customerId, 'the export names the customer');

  // Request account deletion: the password, then a confirmation.
  const deletion = page.getByRole('form', { name: 'Request account deletion' });
  await deletion.getByLabel('Your password').fill(newPassword);
  await deletion.getByRole('button', { name: 'Request account deletion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.getByRole('button', { name: 'Yes, delete my account' }).click();
  await page
    .getByTestId('deletion-requested')
    .filter({ hasText: 'Your request to delete the account was received on' })
    .waitFor();
  await expectCount(page.getByRole('form', { name: 'Request account deletion' }), 0);
  await screenshot(page, 'store-account-privacy-deletion');
  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Profile' })
    .click();
  await page.getByTestId('deletion-requested').waitFor();

  // The admin sees the request.
  const account = await server.api('GET', `/api/admin/customers/${customerId}/account`);
  assert.equal(account.status, 200, JSON.stringify(account.body));
  assert.match(String(account.body.deletion_requested_at), /^\d{4}-\d\d-\d\dT/);

  // 401: the session check while signed out and the wrong passwords; 422: the wrong password
  // of the two-factor set-up.
  expectNoProblems(page, { allowStatuses: [401, 422] });
  await page.context().close();
});

test('the pages fit a phone: sign in, register, profile, security', async () => {
  const who = newShopper('Pia');
  await registerShopper(who);
  const page = await openPage(browser, { viewport: PHONE });

  await page.goto(`${server.url}/account/sign-in`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await noHorizontalScroll(page, 'Sign in');
  await screenshot(page, 'store-account-sign-in');

  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create an account', level: 1 }).waitFor();
  await noHorizontalScroll(page, 'Create an account');
  await screenshot(page, 'store-account-register');

  await page.getByRole('link', { name: 'Sign in' }).click();
  await signInForm(page, who);
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Your details' }).waitFor();
  await noHorizontalScroll(page, 'Profile');
  await screenshot(page, 'store-account-profile');

  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Security' })
    .click();
  await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await page.locator('.session-list .session').first().waitFor();
  await noHorizontalScroll(page, 'Security');
  await screenshot(page, 'store-account-security');

  // The two-factor set-up (the QR code and the key) fits too.
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await page.getByLabel('Your password').fill(who.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Set-up key').waitFor();
  await noHorizontalScroll(page, 'the two-factor set-up');
  await screenshot(page, 'store-account-totp-setup');

  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('signing in with the keyboard only; a wrong password says so and takes the focus', async () => {
  const who = newShopper('Kai');
  await registerShopper(who);
  const page = await openPage(browser);
  await page.goto(`${server.url}/account/`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();

  // From the start of the page, Tab reaches the e-mail field first.
  await page.keyboard.press('Tab');
  await expectFocused(page.getByLabel('E-mail', { exact: true }));
  await page.keyboard.type(who.email);
  await page.keyboard.press('Tab');
  const password = page.getByLabel('Password', { exact: true });
  await expectFocused(password);

  // A wrong password: the message, with the focus on it.
  await page.keyboard.type('not the right one');
  await page.keyboard.press('Enter');
  const alert = page
    .getByRole('alert')
    .filter({ hasText: 'The e-mail address or the password is not right.' });
  await alert.waitFor();
  await expectFocused(alert);
  assert.equal(new URL(page.url()).pathname, '/account/sign-in');

  // From the message, Tab goes back through the form (which keeps the address); the right
  // password signs in.
  await page.keyboard.press('Tab');
  await expectFocused(page.getByLabel('E-mail', { exact: true }));
  await page.keyboard.press('Tab');
  await expectFocused(password);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/account/profile');
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('registering an address that has an account answers the same and tells its owner', async () => {
  const who = newShopper('Esko');
  await registerShopper(who);
  const page = await openPage(browser);
  await page.goto(`${server.url}/account/register`);
  await page.getByRole('heading', { name: 'Create an account', level: 1 }).waitFor();
  await page.getByLabel('First name').fill('Someone');
  await page.getByLabel('Last name').fill('Else');
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill('another quiet password 5');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your e-mail', level: 1 }).waitFor();
  await page.getByText(`We sent an e-mail to ${who.email}.`).waitFor();

  // The owner hears of it (with a way to reset the password); no new verification e-mail.
  const [attempt] = await waitForMail(who.email, kAttemptSubject);
  assert.match(attempt.text, new RegExp(`^Hello ${who.first},`));
  linkIn(attempt, '/account/reset-password');
  assert.equal((await waitForMail(who.email, kVerifySubject)).length, 1);
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('a store without customer accounts shows the closed page', async () => {
  const off = await server.api('PATCH', '/api/admin/settings', { account_mode: 'disabled' });
  assert.equal(off.status, 200, JSON.stringify(off.body));
  assert.equal(off.body.account_mode, 'disabled');
  try {
    const page = await openPage(browser);
    await page.goto(`${server.url}/account/`);
    await page.getByRole('heading', { name: 'Customer accounts are not available' }).waitFor();
    await page
      .getByText('does not offer customer accounts; you can check out as a guest.')
      .waitFor();
    await expectCount(page.getByLabel('E-mail', { exact: true }), 0);
    await expectCount(page.getByRole('button', { name: 'Sign in' }), 0);
    // Every page of the area, such as a link to Register.
    await page.goto(`${server.url}/account/register`);
    await page.getByRole('heading', { name: 'Customer accounts are not available' }).waitFor();
    await expectCount(page.getByRole('button', { name: 'Create account' }), 0);
    await screenshot(page, 'store-account-disabled');
    expectNoProblems(page);
    await page.context().close();
  } finally {
    const on = await server.api('PATCH', '/api/admin/settings', { account_mode: 'optional' });
    assert.equal(on.status, 200, JSON.stringify(on.body));
  }
  const config = await storeApi('GET', '/config');
  assert.equal(config.body.account_mode, 'optional');
});

test('signing in before confirming the address offers to send the link again', async () => {
  const who = newShopper('Ulla');
  await registerShopper(who, { verify: false });
  const page = await openPage(browser);
  await page.goto(`${server.url}/account/sign-in`);
  await signInForm(page, who);
  // The same answer as a wrong password (it tells nobody that the address has an account), with
  // the hint for whoever registered recently and a way to have the link sent again.
  await page
    .getByRole('alert')
    .filter({ hasText: 'The e-mail address or the password is not right.' })
    .waitFor();
  await page
    .getByText('Registered recently? Confirm your e-mail address first: open the link we sent you.')
    .waitFor();
  await expectCount(page.getByRole('button', { name: 'Sign out' }), 0);
  const resend = page.getByRole('form', { name: 'Send the verification e-mail again' });
  await resend.getByRole('button', { name: 'Send the link again' }).click();
  await resend
    .getByRole('status')
    .filter({ hasText: `If an account is waiting for ${who.email} to be confirmed, a new link` })
    .waitFor();
  await screenshot(page, 'store-account-unverified');

  // A second link arrives; with the password it confirms the address and signs in.
  const mails = await waitForMail(who.email, kVerifySubject, { count: 2 });
  await page.goto(linkIn(mails.at(-1), '/account/verify'));
  await confirmWithPassword(page, who.password);
  await expectSignedInAfterConfirming(page, who);
  // Signing in works now.
  await signOut(page);
  await signInForm(page, who);
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('the verification link needs the password: a wrong one confirms nothing, also for a new address', async () => {
  const who = newShopper('Tove');
  const mail = await registerShopper(who, { verify: false });
  const found = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(who.email)}`);
  assert.equal(found.status, 200, JSON.stringify(found.body));
  const customerId = found.body.items[0].id;
  const verified = async () =>
    (await server.api('GET', `/api/admin/customers/${customerId}/account`)).body.email_verified;
  const page = await openPage(browser);
  await page.goto(linkIn(mail, '/account/verify'));
  const form = page.getByRole('form', { name: 'Confirm your e-mail address' });
  const password = form.getByLabel('Password', { exact: true });
  // The field's error, which its aria-describedby names.
  const fieldError = async () => {
    const ids = ((await password.getAttribute('aria-describedby')) ?? '').split(' ');
    const id = ids.find((i) => i.endsWith('-error'));
    return id ? (await page.locator(`[id="${id}"]`).textContent())?.trim() : null;
  };

  // Whoever opens the link without the account's password (the owner of an address that a
  // stranger registered) confirms nothing: refused at the field, which takes the focus.
  await confirmWithPassword(page, 'not the password I chose');
  await expectAttribute(password, 'aria-invalid', 'true');
  await expectFocused(password);
  await expectState(page, fieldError, 'The password is not right.', 'the password error');
  await expectCount(page.getByText('is confirmed'), 0);
  await expectCount(page.getByRole('button', { name: 'Sign out' }), 0);
  assert.equal(await verified(), false, 'the address is not confirmed');
  await screenshot(page, 'store-account-verify-wrong-password');

  // No password at all is asked for.
  await password.fill('');
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expectState(page, fieldError, 'Enter your password.', 'the password error');
  await expectFocused(password);
  assert.equal(await verified(), false, 'the address is not confirmed');

  // The right password confirms the address and signs in.
  await password.fill(who.password);
  await form.getByRole('button', { name: 'Confirm' }).click();
  await expectSignedInAfterConfirming(page, who);
  assert.equal(await verified(), true, 'the address is confirmed');

  // A new address: the link sent there asks for the password too, then the profile shows it.
  const newEmail = `new.${who.email}`;
  const change = page.getByRole('form', { name: 'Change the e-mail address' });
  await change.getByLabel('New e-mail address').fill(newEmail);
  await change.getByLabel('Your password').fill(who.password);
  await change.getByRole('button', { name: 'Change e-mail address' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `We sent a link to ${newEmail}.` })
    .waitFor();
  const [changeMail] = await waitForMail(newEmail, kChangeSubject);
  await page.goto(linkIn(changeMail, '/account/verify'));
  await confirmWithPassword(page, who.password);
  await page
    .getByRole('status')
    .filter({ hasText: `Your e-mail address is now ${newEmail}.` })
    .waitFor();
  await page.getByRole('link', { name: 'Go to your profile' }).click();
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  await page.getByText(`${newEmail} · customer since`).waitFor();
  // 401: the session check while signed out; 422: the wrong and the missing password.
  expectNoProblems(page, { allowStatuses: [401, 422] });
  await page.context().close();
});

// Opens Security from the area's navigation.
async function openSecurity(page) {
  await page
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'Security' })
    .click();
  await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
}

// The six digits of a sign-in code SMS.
function codeIn(sms) {
  const m = /\b(\d{6})\b/.exec(sms.text);
  assert.ok(m, `no code in the SMS "${sms.text}"`);
  return m[1];
}

// A six-digit code that is not `code`.
function otherCode(code) {
  return String((Number(code) + 1) % 1000000).padStart(6, '0');
}

test('without an SMS provider, Security says SMS codes are not available', async () => {
  const config = await storeApi('GET', '/config');
  assert.equal(config.body.sms_available, false);
  const who = newShopper('Ines');
  await registerShopper(who);
  const page = await openPage(browser);
  await page.goto(`${server.url}/account/sign-in`);
  await signInForm(page, who);
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  await openSecurity(page);
  const card = page.getByRole('region', { name: 'SMS codes' });
  await expectText(
    card.getByTestId('sms-state'),
    'SMS codes are not available: this store has not set up an SMS provider. Use an authenticator app.',
  );
  await expectCount(card.getByRole('button'), 0);
  // The authenticator app is offered as before.
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).waitFor();
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('SMS codes: turn on with a code from the provider, sign in with one', async () => {
  const secret = `sms-key-${process.pid}-${Date.now()}`;
  const provider = await startSmsProvider(secret);
  let store;
  let page;
  try {
    store = await startServer({
      customers: 5,
      serveArgs: [...smtpArgs(), '--sms-url', provider.url, '--sms-secret', secret],
    });
    const base = store.url;
    const config = await storeApi('GET', '/config', undefined, base);
    assert.equal(config.body.sms_available, true);
    const who = { ...newShopper('Sanna'), phone: '+4917612345678' };
    page = await openPage(browser, { viewport: PHONE });

    // Register with a mobile number; the e-mail's link, with the password, confirms the address
    // and signs in.
    await page.goto(`${base}/account/register`);
    await page.getByRole('heading', { name: 'Create an account', level: 1 }).waitFor();
    await page.getByLabel('First name').fill(who.first);
    await page.getByLabel('Last name').fill(who.last);
    await page.getByLabel('E-mail', { exact: true }).fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByLabel('Phone (optional)').fill(who.phone);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail', level: 1 }).waitFor();
    const [verification] = await waitForMail(who.email, kVerifySubject);
    await page.goto(linkIn(verification, '/account/verify', base));
    await page.getByRole('heading', { name: 'Confirm your e-mail address', level: 1 }).waitFor();
    await noHorizontalScroll(page, 'the verification link');
    await confirmWithPassword(page, who.password);
    await expectSignedInAfterConfirming(page, who);

    // Security: SMS codes are off, for the profile's number.
    await openSecurity(page);
    const card = page.getByRole('region', { name: 'SMS codes' });
    await expectText(card.getByTestId('sms-state').locator('strong'), 'Off');
    await card.getByTestId('sms-state').filter({ hasText: who.phone }).waitFor();
    await card.getByRole('button', { name: 'Turn on SMS codes' }).click();

    // The password first; then a code goes to the phone.
    const prove = card.getByRole('form', { name: 'Turn on SMS codes' });
    await expectFocused(prove.getByLabel('Your password'));
    await prove.getByLabel('Your password').fill(who.password);
    const setupSms = provider.nextSms();
    await prove.getByRole('button', { name: 'Send the code' }).click();
    const sent = await setupSms;
    assert.equal(sent.to, who.phone);
    assert.ok(sent.message_id, 'the SMS has a message id');
    const setupCode = codeIn(sent);
    const enter = card.getByRole('form', { name: 'Enter the code from the SMS' });
    await enter
      .getByRole('status')
      .filter({ hasText: `We sent a code to ${who.phone}.` })
      .waitFor();
    const field = enter.getByLabel('Code from the SMS');
    await expectFocused(field);
    await noHorizontalScroll(page, 'the SMS code step');
    await screenshot(page, 'store-account-sms-setup');

    // A wrong code is refused at the field, which says why and takes the focus.
    await field.fill(otherCode(setupCode));
    await enter.getByRole('button', { name: 'Turn on' }).click();
    await expectAttribute(field, 'aria-invalid', 'true');
    await expectFocused(field);
    const describedBy = (await field.getAttribute('aria-describedby')).split(' ');
    const errorId = describedBy.find((id) => id.endsWith('-error'));
    assert.ok(errorId, `aria-describedby "${describedBy}" names the error`);
    await expectText(page.locator(`[id="${errorId}"]`), /code is not right/);

    // The right one turns SMS codes on; the account had no recovery codes, so it gets ten.
    await field.fill(setupCode);
    await enter.getByRole('button', { name: 'Turn on' }).click();
    await card.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    await expectFocused(card.getByRole('heading', { name: 'Your recovery codes' }));
    const codes = (
      await card.getByRole('list', { name: 'Recovery codes' }).locator('code').allTextContents()
    ).map((c) => c.trim());
    assert.equal(codes.length, 10, `recovery codes: ${codes}`);
    await noHorizontalScroll(page, 'the recovery codes');
    await card.getByRole('button', { name: 'I have saved them' }).click();
    await expectText(card.getByTestId('sms-state').locator('strong'), 'On');
    await card.getByRole('button', { name: 'Turn off SMS codes' }).waitFor();
    await expectText(page.getByTestId('two-factor-state').locator('strong'), 'On');
    await page
      .getByTestId('two-factor-state')
      .filter({ hasText: 'a code sent to your phone by SMS. 10 recovery codes left.' })
      .waitFor();
    await noHorizontalScroll(page, 'Security with SMS codes on');
    await screenshot(page, 'store-account-sms-on');

    // The profile says that a new number would turn them off.
    await page
      .getByRole('navigation', { name: 'Your account' })
      .getByRole('link', { name: 'Profile' })
      .click();
    const phone = page.getByLabel('Phone (optional)');
    const hintId = (await phone.getAttribute('aria-describedby')).split(' ')[0];
    await expectText(page.locator(`[id="${hintId}"]`), /changing it turns SMS codes off/);

    // The admin's profile of the customer shows which second factors are on.
    const found = await store.api('GET', `/api/admin/customers?q=${encodeURIComponent(who.email)}`);
    const customerId = found.body.items[0].id;
    const account = await store.api('GET', `/api/admin/customers/${customerId}/account`);
    assert.equal(account.body.sms_enabled, true);
    assert.equal(account.body.totp_enabled, false);
    assert.equal(account.body.second_factor, 'sms');
    const admin = await signedInPage(browser, store, { path: '/admin/' });
    await admin.goto(`${base}/admin/customers/${customerId}`);
    await expectText(
      admin.getByTestId('account-second-factors'),
      'SMS codes · 10 recovery codes left',
    );
    expectNoProblems(admin);
    await admin.context().close();

    // Signing in again: the second step sends a code by SMS on request.
    await signOut(page);
    await signInForm(page, who);
    await page.getByRole('heading', { name: 'Confirm it is you', level: 1 }).waitFor();
    const send = page.getByRole('button', { name: 'Send a code by SMS' });
    await expectFocused(send);
    await page.getByRole('button', { name: 'Use a recovery code' }).waitFor();
    await expectCount(page.getByRole('button', { name: 'Use your authenticator app' }), 0);
    await noHorizontalScroll(page, 'the SMS sign-in step');
    const firstSms = provider.nextSms();
    await send.click();
    const first = await firstSms;
    assert.equal(first.to, who.phone);
    const code = page.getByLabel('Code from the SMS');
    await expectFocused(code);
    await page
      .getByRole('status')
      .filter({ hasText: 'We sent a code by SMS to the phone number of your account.' })
      .waitFor();
    await screenshot(page, 'store-account-sms-sign-in');

    // Send again: a new code, and the first one no longer works.
    const secondSms = provider.nextSms();
    await page.getByRole('button', { name: 'Send again' }).click();
    const second = await secondSms;
    assert.notEqual(second.message_id, first.message_id);
    await page.getByRole('status').filter({ hasText: 'We sent a new code by SMS' }).waitFor();
    await expectFocused(code);
    if (codeIn(first) !== codeIn(second)) {
      await code.fill(codeIn(first));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('That code did not work. Enter the code from the latest SMS.').waitFor();
      await expectAttribute(code, 'aria-invalid', 'true');
      await expectFocused(code);
    }
    await code.fill(codeIn(second));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // Every SMS was signed right, one per code asked for.
    assert.deepEqual(provider.rejected, []);
    assert.equal(provider.received.length, 3);
    assert.ok(provider.received.every((m) => m.to === who.phone));
    // 401: the session check while signed out and the wrong sign-in code; 422: the wrong set-up
    // code.
    expectNoProblems(page, { allowStatuses: [401, 422] });
  } finally {
    await page?.context().close();
    await store?.stop();
    await provider.close();
  }
});
