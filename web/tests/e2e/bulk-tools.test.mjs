// The account tools on a selection of the customer list, in Chromium against the real server and
// a real SMTP server (maildev): the login e-mail to two accounts and a guest (the guest is
// skipped, and the list says why), then a ban of two with one reason (the ban notice arrives with
// it) and lifting it again, each after a confirmation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectNoProblems,
  expectState,
  server,
  signedInPage,
  smtpArgs,
  useServerAndBrowser,
  waitForMail,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 40, serveArgs: smtpArgs() });

// Addresses nobody else in the test mail server uses (maildev keeps the mail of earlier runs).
const stamp = `bulk${Date.now()}x${process.pid}`;
const email = (who) => `${who}.${stamp}@example.com`;

async function created(path, body) {
  const r = await server.api('POST', path, body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

test('bulk login e-mail skips the guest and says why; bulk ban and lift with one reason', async () => {
  const ada = await created('/api/admin/customers', {
    email: email('ada'),
    first_name: 'Ada',
    last_name: 'Bulk',
  });
  const ben = await created('/api/admin/customers', {
    email: email('ben'),
    first_name: 'Ben',
    last_name: 'Bulk',
  });
  const gus = await created('/api/admin/guests', {
    email: email('gus'),
    first_name: 'Gus',
    last_name: 'Bulk',
  });

  const page = await signedInPage(browser, server);
  await page.goto(`${server.url}/admin/customers?q=${stamp}`);
  await waitForResults(page, stamp);
  const row = (first) => page.getByRole('row').filter({ hasText: `${first} Bulk` });
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  const select = async (...names) => {
    for (const n of names) await row(n).getByRole('checkbox').check();
    await bar.getByText(`${names.length} selected`).waitFor();
  };

  await select('Ada', 'Ben', 'Gus');
  await bar.getByLabel('Bulk action').selectOption('login_email');
  await bar.getByRole('button', { name: 'Apply' }).click();
  const send = page.getByRole('dialog', { name: 'Send the login e-mail to 3 selected customers?' });
  await send.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Sent 2 invitations.' }).first().waitFor();
  const report = page.getByRole('status').filter({ hasText: 'Skipped 1' });
  await report.getByText('Gus Bulk').waitFor();
  await report.getByText('A guest checkout record has no account; convert it first.').waitFor();
  for (const who of ['ada', 'ben']) {
    const [mail] = await waitForMail(email(who), /^Your account at /);
    assert.match(mail.text, /\/account\/reset-password\?token=/);
  }
  // The guest got nothing: the outbox holds no message for them.
  const toGus = await server.api('GET', `/api/admin/messages?customer=${gus.id}`);
  assert.deepEqual(toGus.body.items, []);
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await report.waitFor({ state: 'detached' });

  await select('Ada', 'Ben');
  await bar.getByLabel('Bulk action').selectOption('ban');
  const apply = bar.getByRole('button', { name: 'Apply' });
  await bar.getByLabel('Reason').selectOption('other');
  assert.equal(await apply.isDisabled(), true, '"Other" needs a note');
  await bar.getByLabel('Reason').selectOption('fake_orders');
  await bar.getByLabel('Note for the e-mail').fill('Batch 7');
  await apply.click();
  const ban = page.getByRole('dialog', { name: 'Ban 2 selected customers?' });
  await ban.getByRole('button', { name: 'Ban' }).click();
  await page.getByRole('status').filter({ hasText: '2 customers banned.' }).first().waitFor();
  await waitForResults(page, stamp);
  await expectState(
    page,
    async () =>
      [await row('Ada').innerText(), await row('Ben').innerText()].map((t) => /Banned/.test(t)),
    [true, true],
    'both rows banned',
  );
  const [notice] = await waitForMail(email('ben'), /account has been suspended/);
  assert.match(notice.text, /Fake orders\. Batch 7/);
  const stored = await server.api('GET', `/api/admin/customers/${ada.id}`);
  assert.equal(stored.body.ban.note, 'Batch 7');

  await select('Ada', 'Ben');
  await bar.getByLabel('Bulk action').selectOption('lift_ban');
  await bar.getByRole('button', { name: 'Apply' }).click();
  const lift = page.getByRole('dialog', { name: 'Lift the ban of 2 selected customers?' });
  await lift.getByRole('button', { name: 'Lift ban' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Lifted the ban of 2 customers.' })
    .first()
    .waitFor();
  assert.equal((await server.api('GET', `/api/admin/customers/${ben.id}`)).body.status, 'active');
  expectNoProblems(page);
  await page.context().close();
});
