// Settings: the stored values, saving only what changed, validation, and dates shown in the
// store's time zone across the admin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectNoProblems,
  expectState,
  expectValue,
  pickChoice,
  server,
  signedInPage,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 20 });

test('settings are shown, saved, and the store name appears in the top bar', async () => {
  const stored = (await server.api('GET', '/api/admin/settings')).body;
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  await expectValue(page.getByLabel('Store name'), stored.store_name);
  await expectState(
    page,
    async () => (await page.getByLabel('Time zone').inputValue()).endsWith(`— ${stored.time_zone}`),
    true,
    'the stored time zone shown by name with its id',
  );
  await expectState(
    page,
    () => page.getByRole('button', { name: 'Save settings' }).isDisabled(),
    true,
    'Save settings disabled with nothing changed',
  );

  await page.getByLabel('Store name').fill('Harbour Books');
  await page.getByLabel('Default country').fill('gb');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    page.getByRole('button', { name: 'Save settings' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), { store_name: 'Harbour Books', default_country: 'GB' });
  await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  await page.locator('.brand').getByText('Harbour Books').waitFor();
  const after = (await server.api('GET', '/api/admin/settings')).body;
  assert.equal(after.store_name, 'Harbour Books');
  assert.equal(after.default_country, 'GB');
  // New customers start with the store's defaults.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Customers' })
    .click();
  await page.getByRole('link', { name: 'New customer' }).click();
  await page.getByRole('heading', { name: 'New customer' }).waitFor();
  await expectValue(page.getByLabel('Country'), 'United Kingdom — GB');
  expectNoProblems(page);
  await page.context().close();
});

test('an invalid value is explained at its field', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  await page.getByLabel('Default country').fill('QQ');
  await page.getByLabel('Default country').press('Tab');
  await page
    .locator('.field--invalid')
    .filter({ hasText: 'Default country' })
    .getByText('No country matches “QQ”.')
    .waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('dates are shown in the time zone of the settings', async () => {
  const customer = (await server.api('GET', '/api/admin/customers?limit=1')).body.items[0];
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  // Found by its city, among the browser's 400-odd zones; saved as its id. UTC+14.
  await pickChoice(page.getByLabel('Time zone'), 'kiritimati', /^Kiritimati \(Pacific\)/);
  await expectValue(page.getByLabel('Time zone'), 'Kiritimati (Pacific) — Pacific/Kiritimati');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  assert.equal(
    (await server.api('GET', '/api/admin/settings')).body.time_zone,
    'Pacific/Kiritimati',
  );

  await page.goto(`${server.url}/admin/customers/${customer.id}`);
  const expected = await page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat(undefined, {
        timeZone: 'Pacific/Kiritimati',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(iso)),
    customer.registered_at,
  );
  const registered = page.locator('.facts div').filter({ hasText: 'Registered' }).locator('dd');
  await registered.filter({ hasText: expected }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test("the store's currency is saved in capitals; a code that is not ISO 4217 is explained", async () => {
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  await expectValue(page.getByLabel('Currency'), 'USD');
  await page.getByLabel('Currency').fill('QQQ');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page
    .locator('.field--invalid')
    .filter({ hasText: 'Currency' })
    .locator('.field__error')
    .getByText('Use an ISO 4217 currency code')
    .waitFor();
  await page.getByLabel('Currency').fill('eur');
  await expectValue(page.getByLabel('Currency'), 'EUR');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    page.getByRole('button', { name: 'Save settings' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), { currency: 'EUR' });
  await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  assert.equal((await server.api('GET', '/api/admin/settings')).body.currency, 'EUR');
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});
