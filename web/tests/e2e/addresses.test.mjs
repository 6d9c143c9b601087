// The Addresses tab of a customer's profile: add an address with a form that follows the
// country, choose defaults, edit with a country change (validation, postal order), delete a
// default with its defaults moved, "shipping same as billing"; and the address column and
// filters of the customer list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  PHONE,
  pickChoice,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 200 });

let made = 0;
async function newCustomer(lastName) {
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: 'Ines',
    last_name: lastName,
    email: `ines.${lastName.toLowerCase()}.${++made}.${process.pid}@example.com`,
    country: 'US',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const bookOf = async (c) =>
  (await server.api('GET', `/api/admin/customers/${c.id}/addresses`)).body;
const card = (page, title) =>
  page.locator('.address-card').filter({ has: page.getByRole('heading', { name: title }) });

async function openAddresses(c, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${c.id}`,
    ...options,
  });
  await page.getByRole('tab', { name: 'Addresses' }).click();
  return page;
}

test('add → set default → edit with a country change → delete', async () => {
  const c = await newCustomer('Adressova');
  const page = await openAddresses(c);
  await page.getByText('No addresses yet.').waitFor();

  // A US address: the form asks for a state and a ZIP code and previews City, ST ZIP.
  await page.getByRole('button', { name: 'Add address' }).click();
  let form = page.getByRole('form', { name: 'New address' });
  await expectValue(form.getByLabel('Country'), 'United States — US');
  await expectValue(form.getByLabel('First name'), 'Ines', "the customer's name");
  await form.getByLabel('Street address').fill('1600 Amphitheatre Pkwy');
  await form.getByLabel('City').fill('Mountain View');
  await form.getByLabel('State').selectOption('CA');
  await form.getByLabel('ZIP code').fill('94043');
  await form.getByLabel('Preview').getByText('Mountain View, CA 94043').waitFor();
  await form.getByRole('button', { name: 'Add address' }).click();
  await page.getByRole('status').filter({ hasText: 'Address added.' }).waitFor();
  const home = card(page, 'Home');
  await home.getByText('Default billing', { exact: true }).waitFor();
  await home.getByText('Default shipping', { exact: true }).waitFor();
  await home.getByText('Mountain View, CA 94043').waitFor();

  // A British address: the labels follow the country.
  await page.getByRole('button', { name: 'Add address' }).click();
  form = page.getByRole('form', { name: 'New address' });
  await pickChoice(form.getByLabel('Country'), 'United Kingdom');
  await form.getByLabel('Label').fill('Office');
  await form.getByLabel('Street address').fill('10 Downing Street');
  await form.getByLabel('Town/City').fill('London');
  await form.getByLabel('Postcode').fill('sw1a2aa');
  await expectCount(form.getByLabel('State'), 0, 'no state in Britain');
  await form.getByRole('button', { name: 'Add address' }).click();
  const office = card(page, 'Office');
  await office.getByText('SW1A 2AA').waitFor();
  await expectCount(office.getByText('Default billing', { exact: true }), 0);

  // Make it the default billing address.
  await office.getByRole('button', { name: 'Make default billing' }).click();
  await office.getByText('Default billing', { exact: true }).waitFor();
  await home.getByText('Default shipping', { exact: true }).waitFor();
  await expectCount(home.getByText('Default billing', { exact: true }), 0);
  let book = await bookOf(c);
  const officeId = book.items.find((a) => a.label === 'Office').id;
  const homeId = book.items.find((a) => a.label === 'Home').id;
  assert.equal(book.default_billing_address_id, officeId);
  assert.equal(book.default_shipping_address_id, homeId);

  // Edit with a country change: Japan needs a prefecture and a postal code of its own.
  await office.getByRole('button', { name: 'Edit' }).click();
  form = page.getByRole('form', { name: 'Edit Office' });
  await pickChoice(form.getByLabel('Country'), 'Japan');
  await form.getByLabel('Prefecture').waitFor();
  await form.getByLabel('Postal code').fill('');
  await form.getByLabel('Street address').fill('丸の内1-1-1');
  await form.getByLabel('City/ward').fill('千代田区');
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH'),
    form.getByRole('button', { name: 'Save address' }).click(),
  ]);
  assert.equal(bad.status(), 422);
  await expectAttribute(form.getByLabel('Postal code'), 'aria-invalid', 'true');
  await expectAttribute(form.getByLabel('Prefecture'), 'aria-invalid', 'true');
  await form.getByLabel('Prefecture').selectOption('13');
  await form.getByLabel('Postal code').fill('1000005');
  await form.getByLabel('Preview').getByText('東京都千代田区丸の内1-1-1').waitFor();
  await form.getByLabel('Preview').getByText('〒100-0005').waitFor();
  await form.getByRole('button', { name: 'Save address' }).click();
  await page.getByRole('status').filter({ hasText: 'Address saved.' }).waitFor();
  const lines = office.locator('.address-lines span');
  await expectState(
    page,
    async () => {
      const all = await lines.allTextContents();
      return [...all.slice(0, 2), all.at(-1)];
    },
    ['〒100-0005', '東京都千代田区丸の内1-1-1', 'Japan'],
    'the lines of the Japanese address (postal order)',
  );
  await office.getByText('Default billing', { exact: true }).waitFor();
  const edited = book.items.find((a) => a.id === officeId);
  const stored = (await server.api('GET', `/api/admin/customers/${c.id}/addresses/${officeId}`))
    .body;
  assert.equal(stored.country, 'JP');
  assert.equal(stored.region_code, '13');
  assert.equal(stored.postal_code, '100-0005');
  assert.equal(stored.version, edited.version + 1);
  await screenshot(page, 'addresses');

  // Delete the default billing address, handing its default to Home.
  await office.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('It is the default billing address. Afterwards').selectOption(homeId);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('status').filter({ hasText: 'Office is deleted.' }).waitFor();
  await office.waitFor({ state: 'detached' });
  await expectCount(page.locator('.address-card'), 1);
  await home.getByText('Default billing', { exact: true }).waitFor();
  book = await bookOf(c);
  assert.deepEqual(
    book.items.map((a) => a.id),
    [homeId],
  );
  assert.equal(book.default_billing_address_id, homeId);

  // The changes are on the customer's record and in its activity.
  const customer = (await server.api('GET', `/api/admin/customers/${c.id}`)).body;
  assert.equal(customer.default_billing_address.id, homeId);
  await page.getByRole('tab', { name: 'Activity' }).click();
  await page.locator('.timeline__item').first().waitFor();
  // A change of defaults reads as the addresses, not their ids (Office was made the default
  // billing address while it was in London).
  await page
    .locator('.changes li')
    .filter({ hasText: /^default billing address:.*→.*10 Downing Street/ })
    .first()
    .waitFor();
  await expectCount(
    page.locator('.changes li').filter({ hasText: /default (billing|shipping) address id:/ }),
    0,
    'address ids in the activity',
  );
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('shipping same as billing sends orders to the billing address until it is turned off', async () => {
  const c = await newCustomer('Versand');
  for (const [label, line1] of [
    ['Home', 'Hauptstraße 5'],
    ['Work', 'Friedrichstraße 10'],
  ]) {
    const r = await server.api('POST', `/api/admin/customers/${c.id}/addresses`, {
      label,
      line1,
      city: 'Berlin',
      postal_code: '10115',
      country: 'DE',
      default_shipping: label === 'Work',
    });
    assert.equal(r.status, 201);
  }
  const page = await openAddresses(c, { viewport: PHONE });
  const toggle = page.getByLabel('Shipping same as billing');
  await card(page, 'Work').getByText('Default shipping', { exact: true }).waitFor();
  await toggle.check();
  await page
    .getByRole('status')
    .filter({ hasText: 'Orders ship to the billing address.' })
    .waitFor();
  await card(page, 'Home').getByText('Default shipping', { exact: true }).waitFor();
  assert.equal((await bookOf(c)).shipping_same_as_billing, true);
  await expectCount(card(page, 'Work').getByRole('button', { name: 'Make default shipping' }), 0);
  await screenshot(page, 'addresses-same-as-billing');
  await toggle.uncheck();
  await card(page, 'Work').getByText('Default shipping', { exact: true }).waitFor();
  assert.equal((await bookOf(c)).default_shipping_address_id.length > 0, true);
  expectNoProblems(page);
  await page.context().close();
});

test('the customer list shows the default addresses and filters by their place', async () => {
  const c = await newCustomer('Listenreich');
  await server.api('POST', `/api/admin/customers/${c.id}/addresses`, {
    line1: '24 Sussex Drive',
    city: 'Ottawa',
    region: 'ON',
    postal_code: 'K1M1M4',
    country: 'CA',
  });
  const page = await signedInPage(browser, server, {
    path: `/admin/customers?q=${encodeURIComponent(c.email)}`,
  });
  await waitForResults(page, c.email);
  const cell = page.locator('.customers-table tbody tr').first().locator('td.col-address');
  await expectText(cell, /^24 Sussex Drive, OTTAWA ON +K1M 1M4, Canada$/);
  await page.getByLabel('Default address city').fill('ottawa');
  await page.getByLabel('Default address city').press('Tab');
  await page.waitForFunction(() => location.search.includes('address_city=ottawa'));
  await waitForResults(page, c.email);
  await expectCount(page.locator('.customers-table tbody tr'), 1);
  await page.getByLabel('Default address in').fill('de');
  await page.getByLabel('Default address in').press('Tab');
  await page.getByText('No customers match this search.').waitFor();
  expectNoProblems(page);
  await page.context().close();
});
