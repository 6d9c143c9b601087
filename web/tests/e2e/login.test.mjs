// Signing in and out: the login page, wrong passwords, the TOTP step, throttling, a session that
// survives a reload, an expired session, and sign out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectFocused,
  expectNoProblems,
  LAPTOP,
  openPage,
  OWNER,
  PHONE,
  screenshot,
  server,
  signIn,
  totpCode,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 50 });

test('the login page is shown to a visitor and is keyboard usable', async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const page = await openPage(browser, { viewport });
    await page.goto(`${server.url}/admin/customers`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The e-mail field has focus; Tab reaches the password and the button.
    await expectFocused(page.getByLabel('E-mail'));
    await page.keyboard.type(OWNER.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(OWNER.password);
    await page.keyboard.press('Tab');
    await expectFocused(page.getByRole('button', { name: 'Sign in' }));
    await screenshot(page, 'login');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The page asked for before signing in is the one shown after.
    assert.equal(new URL(page.url()).pathname, '/admin/customers');
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expectNoProblems(page, { allowStatuses: [401] });
    await page.context().close();
  }
});

test('a wrong password says so and signs nobody in', async () => {
  const page = await openPage(browser);
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'e-mail or password is not right' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('the session survives a reload, and Sign out ends it', async () => {
  const page = await openPage(browser);
  await signIn(page, server);
  await page.getByText(OWNER.name).first().waitFor();
  await page.getByText('Owner', { exact: true }).first().waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // The cookie is gone for the API too.
  const session = await page.evaluate(async () => (await fetch('/api/admin/session')).json());
  assert.equal(session.admin, null);
  const list = await page.evaluate(async () => (await fetch('/api/admin/customers')).status);
  assert.equal(list, 401);
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('an expired session brings back the login page with a notice', async () => {
  const page = await openPage(browser);
  await signIn(page, server);
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  await page.context().clearCookies();
  await page.getByLabel('Search customers').fill('anna');
  await page.getByText('Your session has ended').waitFor();
  await page.getByLabel('E-mail').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  expectNoProblems(page, { allowStatuses: [401] });
  await page.context().close();
});

test('two-factor sign-in: set up on "Your account", then every sign-in asks for the code', async () => {
  const tina = createAdmin(server, {
    email: 'tina@example.com',
    name: 'Tina Two',
    role: 'support',
  });
  const page = await openPage(browser);
  await signIn(page, server, tina);
  await page.getByRole('link', { name: /Tina Two/ }).click();
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  // Changing how one signs in needs the password again.
  await page.getByLabel('Your password').fill('not the password at all');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('.field--invalid').filter({ hasText: 'Your password' }).waitFor();
  await page.getByLabel('Your password').fill(tina.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const key = (await page.getByLabel('Set-up key').textContent()).replace(/\s+/g, '');
  assert.match(key, /^[A-Z2-7]{16,}$/);
  assert.match(
    await page.getByRole('link', { name: 'open it in the app' }).getAttribute('href'),
    /^otpauth:\/\/totp\/.*secret=/,
  );
  await screenshot(page, 'account');
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.locator('.field--invalid').filter({ hasText: 'Code from the app' }).waitFor();
  // A code of the step before: each code works once, and the sign-in below uses the current one.
  await page.getByLabel('Code from the app').fill(totpCode(key, Date.now() - 30_000));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('status').filter({ hasText: 'Two-factor sign-in is on.' }).first().waitFor();
  await page.getByTestId('totp-state').filter({ hasText: 'On' }).waitFor();

  // Signing in now takes the code too: a wrong one is refused, the current one lets in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('E-mail').fill(tina.email);
  await page.getByLabel('Password').fill(tina.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Authentication code');
  await expectFocused(code);
  await screenshot(page, 'login-code');
  await code.fill('000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('That code did not work').waitFor();
  await code.fill(totpCode(key));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  expectNoProblems(page, { allowStatuses: [401, 422] });
  await page.context().close();

  // An owner turns it off for an admin who lost the device.
  const owner = await openPage(browser);
  await signIn(owner, server, OWNER, '/admin/admins');
  const row = owner.locator('.admins-table tbody tr').filter({ hasText: tina.email });
  await row.locator('td[data-label="Two-factor"]').filter({ hasText: 'On' }).waitFor();
  await row.getByRole('button', { name: `Turn off two-factor sign-in for ${tina.email}` }).click();
  await owner.getByRole('dialog').getByRole('button', { name: 'Turn off' }).click();
  await row.locator('td[data-label="Two-factor"]').filter({ hasText: 'Off' }).waitFor();
  expectNoProblems(owner);
  await owner.context().close();

  const again = await openPage(browser);
  await signIn(again, server, tina);
  await again.context().close();
});

test('too many failed sign-ins are refused with the reason', async () => {
  // Runs last: it locks the account it uses (not the owner) for 15 minutes.
  const page = await openPage(browser);
  await page.goto(`${server.url}/admin/`);
  const email = 'nobody@example.com';
  const statuses = [];
  for (let i = 0; i < 8 && !statuses.includes(429); i++) {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(`wrong password ${i}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/session')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    statuses.push(response.status());
  }
  assert.equal(statuses.at(-1), 429, `statuses: ${statuses}`);
  await page
    .getByRole('alert')
    .filter({ hasText: /Too many/i })
    .waitFor();
  expectNoProblems(page, { allowStatuses: [401, 429] });
  await page.context().close();
});

test('two-factor sign-in: turn it off yourself with the password and a current code', async () => {
  const olga = createAdmin(server, { email: 'olga@example.com', name: 'Olga Off', role: 'viewer' });
  const page = await openPage(browser);
  await signIn(page, server, olga, '/admin/account');
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  await page.getByTestId('totp-state').filter({ hasText: 'Off' }).waitFor();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByLabel('Your password').fill(olga.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const key = (await page.getByLabel('Set-up key').textContent()).replace(/\s+/g, '');
  await page.getByLabel('Code from the app').fill(totpCode(key, Date.now() - 30_000));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByTestId('totp-state').filter({ hasText: 'On' }).waitFor();

  await page.getByRole('button', { name: 'Turn off' }).click();
  await page.getByLabel('Your password').fill(olga.password);
  await page.getByLabel('Current code from your app').fill(totpCode(key));
  await page
    .getByRole('form', { name: 'Confirm it is you' })
    .getByRole('button', { name: 'Turn off' })
    .click();
  await page.getByTestId('totp-state').filter({ hasText: 'Off' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: 'Two-factor sign-in is off.' })
    .first()
    .waitFor();
  expectNoProblems(page);
  await page.context().close();
});
