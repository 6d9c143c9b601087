// E-mail sending set up in Settings on a server started without --smtp-host: the Messages page's
// notice leads there, a bad port is refused at its field, the test SMTP server (maildev) entered
// and saved takes effect at once (a test e-mail arrives, and so does the e-mail that waited in the
// queue), the password is never shown again, and a support admin has no access.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  OWNER,
  PHONE,
  browser,
  createAdmin,
  expectCount,
  expectFocused,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  screenshot,
  server,
  signedInPage,
  testMaildev,
  testSmtp,
  useServerAndBrowser,
  waitForMail,
} from './harness.mjs';

// No smtpArgs(): e-mail is not set up until the test enters it.
useServerAndBrowser({ customers: 10 });

const kSecret = `smtp secret ${process.pid}`;
const kSender = `shop.${process.pid}@email-settings.example.com`;

const emailSettings = async () => {
  const r = await server.api('GET', '/api/admin/settings/email');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};

// The customer whose e-mail is queued before a mail server is set up.
let customer;

test('without a mail server the Messages page says so and links to the settings', async () => {
  assert.ok(testSmtp && testMaildev, 'no test SMTP server: set CLIENTELE_TEST_SMTP and _MAILDEV');
  const email = `queued.${Date.now()}.${process.pid}@email-settings.example.com`;
  const made = await server.api('POST', '/api/admin/customers', {
    first_name: 'Quentin',
    last_name: 'Queued',
    email,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  customer = made.body;
  const queued = await server.api('POST', `/api/admin/customers/${customer.id}/messages`, {
    subject: 'Waiting for a mail server',
    body: 'Sent once the store has one.',
  });
  assert.equal(queued.status, 201, JSON.stringify(queued.body));
  assert.equal((await emailSettings()).configured, false);

  const page = await signedInPage(browser, server, { path: '/admin/messages' });
  await page.getByRole('button', { name: 'Waiting for a mail server' }).waitFor();
  const notice = page.getByRole('status').filter({ hasText: 'E-mail is not being sent.' });
  await notice.getByRole('link', { name: 'Set up e-mail sending' }).waitFor();
  await expectText(page.locator('.messages-table tbody tr .badge').first(), 'Queued');

  // An admin invited now: the owner is told the e-mail waits, not that it was sent.
  await page.goto(`${server.url}/admin/admins`);
  await page.getByRole('button', { name: 'Add admin' }).click();
  await page
    .getByLabel('E-mail', { exact: true })
    .fill(`waiting.invitee.${process.pid}@example.com`);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText(/waits in the outbox: no mail server is set up yet/).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('a bad port is refused at its field, and unsaved edits ask before they are left', async () => {
  const before = await emailSettings();
  const page = await signedInPage(browser, server, { path: '/admin/messages' });
  await page.getByRole('link', { name: 'Set up e-mail sending' }).click();
  const heading = page.getByRole('heading', { name: 'E-mail sending' });
  await expectFocused(heading, 'the focus on the e-mail section');
  assert.match(page.url(), /\/admin\/settings#email-sending$/);
  const section = page.getByRole('region', { name: 'E-mail sending' });
  await expectText(section.getByRole('status'), 'E-mail is not being sent.');
  await expectValue(section.getByLabel('Port'), String(before.port));

  await section.getByLabel('Mail server').fill('mail.invalid');
  await section.getByLabel('Port').fill('70000');
  await section.getByLabel('Sender address').fill(kSender);
  await section.getByRole('button', { name: 'Save e-mail settings' }).click();
  const portField = section.locator('.field--invalid').filter({ hasText: 'Port' });
  await expectCount(portField, 1, 'the error at Port');
  await expectState(
    page,
    () => section.locator('.field--invalid > label').allTextContents(),
    ['Port'],
    'the fields with errors',
  );
  await expectFocused(section.getByLabel('Port'), 'the focus on Port');
  const after = await emailSettings();
  assert.equal(after.host, before.host);
  assert.equal(after.port, before.port);
  assert.equal(after.configured, false);

  // The edits are still unsaved: leaving asks, and Stay keeps them.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Customers' })
    .click();
  const ask = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await ask.getByRole('button', { name: 'Stay' }).click();
  await expectCount(ask, 0, 'the question, closed');
  await expectValue(section.getByLabel('Port'), '70000');
  assert.match(page.url(), /\/admin\/settings/);
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('the test SMTP server saved in Settings sends at once, and its password stays hidden', async () => {
  const [host, port] = testSmtp.split(':');
  const page = await signedInPage(browser, server, { path: '/admin/settings#email-sending' });
  const section = page.getByRole('region', { name: 'E-mail sending' });
  await expectFocused(page.getByRole('heading', { name: 'E-mail sending' }));
  await section.getByLabel('Mail server').fill(host);
  await section.getByLabel('Port').fill(port);
  await section.getByLabel('Encryption').selectOption({ label: 'None' });
  await section.getByLabel('Sender address').fill(kSender);
  await section.getByLabel('Sender name').fill('E-mail Settings Test');
  await section.getByLabel('Password', { exact: true }).fill(kSecret);
  // The test would go out with the saved settings, not these.
  const sendTest = section.getByRole('button', { name: 'Send a test e-mail' });
  await expectState(page, () => sendTest.isDisabled(), true, 'Send a test disabled while unsaved');
  await section.getByText('Save the changes first', { exact: false }).waitFor();

  await section.getByRole('button', { name: 'Save e-mail settings' }).click();
  await page.getByRole('status').filter({ hasText: 'E-mail settings saved.' }).waitFor();
  const status = new RegExp(`^E-mail is sent through ${host.replace(/\./g, '\\.')}:${port}\\b`);
  await expectText(section.locator('.email-settings__status'), status);
  const password = section.getByLabel('Password', { exact: true });
  await expectValue(password, '');
  assert.equal(await password.getAttribute('placeholder'), 'Stored — leave empty to keep it');
  await section.getByText('Stored — leave empty to keep it.').waitFor();
  const r = await server.api('GET', '/api/admin/settings/email');
  assert.equal(r.status, 200);
  assert.equal(r.body.password_set, true);
  assert.equal(r.body.configured, true);
  assert.equal(r.body.host, host);
  assert.equal(r.body.port, Number(port));
  assert.equal(r.body.tls, 'none');
  assert.equal(r.body.from_address, kSender);
  assert.ok(!('password' in r.body), 'no password in the answer');
  assert.ok(!JSON.stringify(r.body).includes(kSecret), 'the password nowhere in the answer');
  await screenshot(page, 'email-settings');

  // A test e-mail, to the signed-in admin unless another address is given.
  const to = `test.${Date.now()}.${process.pid}@email-settings.example.com`;
  const address = section.getByLabel('Test address');
  await expectValue(address, OWNER.email);
  await address.fill(to);
  await expectState(page, () => sendTest.isDisabled(), false, 'Send a test enabled once saved');
  await sendTest.click();
  await expectText(section.locator('.email-test__result'), `Test e-mail sent to ${to}.`);
  const [mail] = await waitForMail(to, /.*/);
  assert.ok(
    mail.from.some((f) => f.address === kSender),
    `sent from ${JSON.stringify(mail.from)}`,
  );

  // The e-mail that waited in the queue goes out without a restart.
  await waitForMail(customer.email, /^Waiting for a mail server$/);
  await expectState(
    page,
    async () =>
      (await server.api('GET', `/api/admin/customers/${customer.id}/messages`)).body.items[0]
        ?.status,
    'sent',
    'the status of the queued message',
  );
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Messages' })
    .click();
  const row = page.locator('.messages-table tbody tr').filter({ hasText: 'Waiting for a mail' });
  await expectText(row.locator('.badge'), 'Sent');
  await expectCount(page.getByText('E-mail is not being sent.'), 0, 'the notice');
  expectNoProblems(page);
  await page.context().close();
});

test('the e-mail section fits a phone and works from the keyboard', async () => {
  const page = await signedInPage(browser, server, {
    viewport: PHONE,
    path: '/admin/settings#email-sending',
  });
  const section = page.getByRole('region', { name: 'E-mail sending' });
  await expectFocused(page.getByRole('heading', { name: 'E-mail sending' }));
  // Tab from the heading reaches the form's first field.
  await page.keyboard.press('Tab');
  await expectFocused(section.getByLabel('Mail server'));
  await expectState(
    page,
    () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    true,
    'no sideways scrolling at 390 px',
  );
  // Removing the stored password is a change like any other.
  await section.getByLabel('Remove the stored password').check();
  await expectState(
    page,
    () => section.getByLabel('Password', { exact: true }).isDisabled(),
    true,
    'the password box off while removing',
  );
  await section.getByRole('button', { name: 'Save e-mail settings' }).press('Enter');
  await page.getByRole('status').filter({ hasText: 'E-mail settings saved.' }).waitFor();
  await expectCount(section.getByLabel('Remove the stored password'), 0, 'the Remove box');
  assert.equal((await emailSettings()).password_set, false);
  await screenshot(page, 'email-settings');
  expectNoProblems(page);
  await page.context().close();
});

test('a support admin has no access to the e-mail settings', async () => {
  const support = createAdmin(server, {
    email: `support.${process.pid}@email-settings.example.com`,
    name: 'Sam Support',
    role: 'support',
  });
  const page = await signedInPage(browser, server, { who: support, path: '/admin/settings' });
  await page.getByRole('heading', { name: 'No access', level: 1 }).waitFor();
  await expectCount(page.getByRole('heading', { name: 'E-mail sending' }), 0, 'the section');
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/admin/settings/email');
    return res.status;
  });
  assert.equal(status, 403);
  expectNoProblems(page, { allowStatuses: [403] });
  await page.context().close();
});
