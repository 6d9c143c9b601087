// E-mail from the admin UI, checked at a real SMTP server (maildev): Send e-mail on the profile,
// the Messages tab and the message's content, the store-wide outbox, and the template editor.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectText,
  expectValue,
  mailTo,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  startServer,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 50, serveArgs: smtpArgs() });

async function until(check, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// A customer of our own, with an address nobody else in the test mail server uses.
async function newCustomer(first, last, extra = {}) {
  const email = `${first.toLowerCase()}.${Date.now()}.${process.pid}@example.com`;
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: last,
    email,
    ...extra,
  });
  assert.equal(r.status, 201);
  return r.body;
}

test('an e-mail written on the profile arrives and shows in the Messages tab', async () => {
  const c = await newCustomer('Amélie', 'Durand');
  const page = await signedInPage(browser, server, { path: `/admin/customers/${c.id}` });
  await page.getByRole('button', { name: 'Send e-mail' }).click();
  const dialog = page.getByRole('dialog', { name: 'E-mail Amélie Durand' });
  await dialog.getByText(c.email).waitFor();

  // Empty fields are refused with a message under each.
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  await dialog.getByText('Write a subject.').waitFor();
  await dialog.getByText('Write the message.').waitFor();

  await dialog.getByLabel('Subject').fill('Your parcel is on its way');
  await dialog.getByLabel('Message').fill('It left our warehouse today.');
  // The preview is the e-mail as sent: the template greets the customer and signs it.
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await expectText(preview.locator('h3'), 'Your parcel is on its way');
  await expectText(preview.locator('pre'), /^Hello Amélie,\n\nIt left our warehouse today\./);
  // A message that greets the customer itself is not greeted twice; an edit hides the preview
  // until it is asked for again.
  await dialog.getByLabel('Message').fill('Bonjour!\nIt left our warehouse today.');
  await expectCount(preview, 0, 'a preview of other text');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expectText(preview.locator('pre'), /^Bonjour!\nIt left our warehouse today\./);
  await screenshot(page, 'message-compose');
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  await page.getByText(`E-mail to Amélie Durand is queued for sending.`).waitFor();
  await expectAttribute(page.getByRole('tab', { name: 'Messages' }), 'aria-selected', 'true');

  // What arrived at the SMTP server.
  const [mail] = await until(async () => {
    const got = await mailTo(c.email);
    return got.length ? got : null;
  }, 'the e-mail at the SMTP server');
  assert.equal(mail.subject, 'Your parcel is on its way');
  assert.match(mail.text, /^Bonjour!\nIt left our warehouse today\./);
  assert.doesNotMatch(mail.text, /Hello Amélie/);
  assert.match(mail.html, /Bonjour!<br>/);

  // Once the server has marked it sent, the log says so after a refresh, and the message opens
  // with its content.
  await until(async () => {
    const log = await server.api('GET', `/api/admin/customers/${c.id}/messages`);
    return log.body.items[0]?.status === 'sent';
  }, 'the message marked sent');
  const row = page.locator('.messages-table tbody tr').first();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expectText(row.locator('.badge'), 'Sent');
  await row.getByRole('button', { name: 'Your parcel is on its way' }).click();
  const message = page.getByRole('dialog', { name: 'Your parcel is on its way' });
  await message.getByText(`Amélie Durand <${c.email}>`).waitFor();
  await message.getByText(mail.messageId).waitFor();
  assert.match(await message.locator('.message-text').textContent(), /It left our warehouse/);
  await message.getByRole('button', { name: 'HTML' }).click();
  await message
    .frameLocator('iframe.message-html')
    .getByText('It left our warehouse today.')
    .waitFor();
  await screenshot(page, 'message-read');

  // Resend queues a copy that arrives too.
  await message.getByRole('button', { name: 'Resend' }).click();
  await page.getByText('The e-mail is queued again.').waitFor();
  await until(async () => (await mailTo(c.email)).length === 2, 'the resent e-mail');
  expectNoProblems(page, { allowStatuses: [422] }); // the empty form, on purpose
  await page.context().close();
});

test('the outbox lists every e-mail and filters by status, recipient, subject and day', async () => {
  const c = await newCustomer('Outbox', 'Reader');
  const sent = await server.api('POST', `/api/admin/customers/${c.id}/messages`, {
    subject: 'Outbox check',
    body: 'Hello',
  });
  assert.equal(sent.status, 201);
  await until(async () => (await mailTo(c.email)).length === 1, 'the e-mail');
  const page = await signedInPage(browser, server, { path: '/admin/messages' });
  await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Outbox check' }).waitFor();
  await page.getByRole('link', { name: 'Outbox Reader' }).waitFor();
  await page.getByLabel('Status').selectOption('failed');
  await page.getByText('No e-mail matches these filters.').waitFor();
  assert.match(page.url(), /status=failed/);
  await page.getByLabel('Status').selectOption('sent');
  await page.getByRole('button', { name: 'Outbox check' }).waitFor();
  // The recipient by name, ignoring case; a subject nobody wrote finds nothing.
  await page.getByLabel('Recipient').fill('outbox READER');
  await expectCount(page.locator('.messages-table tbody tr'), 1, 'e-mails to the reader');
  await page.getByLabel('Subject').fill('no such subject');
  await page.getByText('No e-mail matches these filters.').waitFor();
  await page.getByLabel('Subject').fill('OUTBOX check');
  await page.getByRole('button', { name: 'Outbox check' }).waitFor();
  assert.match(page.url(), /recipient=outbox/);
  // The filters survive a reload; a day before today finds nothing.
  await page.reload();
  await expectValue(page.getByLabel('Subject'), 'OUTBOX check');
  await page.getByRole('button', { name: 'Outbox check' }).waitFor();
  await page.getByLabel('To', { exact: true }).fill('2020-01-01');
  await page.getByText('No e-mail matches these filters.').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectValue(page.getByLabel('Recipient'), '');
  await page.getByRole('button', { name: 'Outbox check' }).waitFor();
  await screenshot(page, 'messages-outbox');
  expectNoProblems(page);
  await page.context().close();
});

test('a template edited for a language is used for customers of that language', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  await page.getByRole('link', { name: 'E-mail templates' }).click();
  await page.getByRole('heading', { name: 'E-mail templates', level: 1 }).waitFor();
  await page.getByLabel('Language').fill('fr');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('heading', { name: 'Message written by an admin (fr)' }).waitFor();

  // An unknown placeholder is refused on its field.
  await page.getByLabel('Text').fill('Bonjour {{first_name}}, {{link}}');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('{{link}} is not known here.', { exact: false }).waitFor();
  // The preview names every unknown one at once.
  await page.getByLabel('Text').fill('{{link}} {{code}} {{first_name}} {{amount}}');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page
    .getByText('{{link}}, {{code}} and {{amount}} are not known here.', { exact: false })
    .waitFor();
  expectNoProblems(page, { allowStatuses: [422] });
  page.problems.length = 0;

  await page.getByLabel('Subject').fill('{{subject}} — {{store_name}}');
  await page.getByLabel('Text').fill('Bonjour {{first_name}},\n\n{{body}}\n');
  await page.getByLabel('HTML').fill('');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'Preview: About your order — My store' }).waitFor();
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('Template saved for fr.').waitFor();
  await page.getByText('Edited: fr').waitFor();
  await screenshot(page, 'email-templates');

  const c = await newCustomer('Élodie', 'Martin', { language: 'fr-CA' });
  const r = await server.api('POST', `/api/admin/customers/${c.id}/messages`, {
    subject: 'Votre commande',
    body: 'Elle est en route.',
  });
  assert.equal(r.status, 201);
  const [mail] = await until(async () => {
    const got = await mailTo(c.email);
    return got.length ? got : null;
  }, 'the French e-mail');
  assert.equal(mail.subject, 'Votre commande — My store');
  assert.equal(mail.text, 'Bonjour Élodie,\n\nElle est en route.\n');

  await page.getByRole('button', { name: 'Use the built-in text' }).click();
  await page
    .getByRole('dialog', { name: 'Use the built-in text?' })
    .getByRole('button', { name: 'Use the built-in text' })
    .click();
  await page.getByText('Back to the built-in text.').waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('without an SMTP server the e-mail stays queued and the page says why', async () => {
  const plain = await startServer({ customers: 5 });
  try {
    const c = (await plain.api('GET', '/api/admin/customers?limit=1')).body.items[0];
    const page = await signedInPage(browser, plain, { path: `/admin/customers/${c.id}` });
    await page.getByRole('button', { name: 'Send e-mail' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Subject').fill('Waiting');
    await dialog.getByLabel('Message').fill('For an SMTP server.');
    await dialog.getByRole('button', { name: 'Send e-mail' }).click();
    await page.getByText('E-mail is not being sent.').waitFor();
    await page.getByText('Settings → E-mail sending', { exact: false }).waitFor();
    // The owner may set one up: the notice links to it.
    await page.getByRole('link', { name: 'Set up e-mail sending' }).waitFor();
    await expectText(page.locator('.messages-table tbody tr .badge'), 'Queued');
    await screenshot(page, 'messages-not-configured');
    // A message still waiting offers no Resend: the copy would arrive twice once mail works.
    await page.getByRole('button', { name: 'Waiting' }).click();
    const message = page.getByRole('dialog', { name: 'Waiting' });
    await message.getByRole('note').getByText('Not sent yet', { exact: false }).waitFor();
    assert.equal(await message.getByRole('button', { name: 'Resend' }).count(), 0);
    await message.getByRole('button', { name: 'Close' }).click();
    expectNoProblems(page);
    await page.context().close();
  } finally {
    await plain.stop();
  }
});
