// Countries and languages are chosen by name (or typed as their codes) and kept as codes: the
// profile's Country and Language, the list's country filters and the store's defaults. Text that
// names no country is said at its box and never saved or applied.
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
  openAccountForm,
  pickChoice,
  server,
  signedInPage,
  summaryValue,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 30 });

let made = 0;
async function newCustomer(lastName, fields = {}) {
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: 'Mara',
    last_name: lastName,
    email: `mara.${lastName.toLowerCase()}.${++made}.${process.pid}@example.com`,
    ...fields,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const stored = async (id) => (await server.api('GET', `/api/admin/customers/${id}`)).body;

// The profile with its edit form open.
async function openProfile(c) {
  const page = await signedInPage(browser, server, { path: `/admin/customers/${c.id}` });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: c.full_name }).waitFor();
  await openAccountForm(page);
  return page;
}

// The name of the choice the keyboard is on in `box`'s list.
function highlighted(box) {
  return box.evaluate((el) => {
    const id = el.getAttribute('aria-activedescendant');
    return (id && document.getElementById(id)?.querySelector('.picker__name')?.textContent) || null;
  });
}

function savedPatch(page, click) {
  return Promise.all([page.waitForRequest((r) => r.method() === 'PATCH'), click()]).then(
    ([request]) => request.postDataJSON(),
  );
}

test("the profile's country typed by name is saved as its code", async () => {
  const c = await newCustomer('Namensland', { country: 'FR' });
  const page = await openProfile(c);
  const country = page.getByRole('combobox', { name: 'Country', exact: true });
  await expectValue(country, 'France — FR');
  await country.click();
  await expectAttribute(country, 'aria-expanded', 'true', 'the list open on a click');
  await country.pressSequentially('Germany');
  await page
    .getByRole('listbox', { name: 'Suggestions' })
    .getByRole('option', { name: /^Germany DE$/ })
    .click();
  await expectValue(country, 'Germany — DE');
  await expectAttribute(country, 'aria-expanded', 'false', 'the list closed once chosen');
  const body = await savedPatch(page, () =>
    page.getByRole('button', { name: 'Save changes' }).click(),
  );
  assert.deepEqual(body, { country: 'DE' });
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  assert.equal((await stored(c.id)).country, 'DE');
  // The summary names the country; the form, opened again, shows it with its code.
  await expectText(summaryValue(page, 'country'), 'Germany');
  await openAccountForm(page);
  await expectValue(country, 'Germany — DE');
  expectNoProblems(page);
  await page.context().close();
});

test('a country that names none is said at its box, and the save sends no country', async () => {
  const c = await newCustomer('Nirgendwo', { country: 'FR' });
  const page = await openProfile(c);
  const patches = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches.push(r.postDataJSON());
  });
  await page.getByLabel('Company').fill('Nowhere Trading');
  const country = page.getByRole('combobox', { name: 'Country', exact: true });
  await country.fill('Germanyy');
  const field = page.locator('.field').filter({ has: country });
  await field.locator('.field__error').getByText('No country matches “Germanyy”.').waitFor();
  await expectAttribute(country, 'aria-invalid', 'true');

  // Save leads back to the box instead of sending the form.
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectFocused(country, 'the country box after Save');
  await expectValue(country, 'Germanyy', 'the text kept, not cut');
  assert.deepEqual(patches, [], 'nothing sent');

  // Escape puts the stored country back; the save then sends the company alone.
  await page.keyboard.press('Escape');
  await expectValue(country, 'France — FR');
  await expectCount(field.locator('.field__error'), 0, 'the message gone');
  const body = await savedPatch(page, () =>
    page.getByRole('button', { name: 'Save changes' }).click(),
  );
  assert.deepEqual(body, { company: 'Nowhere Trading' });
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  const after = await stored(c.id);
  assert.equal(after.country, 'FR');
  assert.equal(after.company, 'Nowhere Trading');
  expectNoProblems(page);
  await page.context().close();
});

test('a language chosen by name with the keyboard alone is saved as its tag', async () => {
  const c = await newCustomer('Sprachwahl', { language: 'en' });
  const page = await openProfile(c);
  const language = page.getByRole('combobox', { name: 'Language', exact: true });
  await expectValue(language, 'English — en');
  await language.focus();
  await page.keyboard.type('Portuguese (Brazil)');
  await expectState(page, () => highlighted(language), 'Portuguese (Brazil)', 'the highlighted');
  await page.keyboard.press('Enter');
  await expectValue(language, 'Portuguese (Brazil) — pt-BR');
  // Enter again sends the form.
  let body = await savedPatch(page, () => page.keyboard.press('Enter'));
  assert.deepEqual(body, { language: 'pt-BR' });
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  assert.equal((await stored(c.id)).language, 'pt-BR');

  // The arrows walk the list; Escape closes it and leaves the text, which Enter takes whole.
  await expectText(summaryValue(page, 'language'), 'Portuguese (Brazil)');
  await openAccountForm(page);
  await expectValue(language, 'Portuguese (Brazil) — pt-BR');
  await language.focus();
  await page.keyboard.type('German');
  await expectState(page, () => highlighted(language), 'German', 'the first match');
  await page.keyboard.press('ArrowDown');
  await expectState(page, () => highlighted(language), 'German (Austria)', 'the next one');
  await page.keyboard.press('ArrowUp');
  await expectState(page, () => highlighted(language), 'German', 'back up');
  await page.keyboard.press('Escape');
  await expectAttribute(language, 'aria-expanded', 'false', 'the list closed by Escape');
  await expectValue(language, 'German');
  await page.keyboard.press('Enter');
  await expectValue(language, 'German — de');
  body = await savedPatch(page, () => page.keyboard.press('Enter'));
  assert.deepEqual(body, { language: 'de' });
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  assert.equal((await stored(c.id)).language, 'de');
  expectNoProblems(page);
  await page.context().close();
});

test("the list's country filters take a country by name and keep its code in the URL", async () => {
  const lastName = `Filterhaus${process.pid}`;
  for (const country of ['DE', 'DE', 'FR']) await newCustomer(lastName, { country });
  const page = await signedInPage(browser, server, {
    path: `/admin/customers?q=${encodeURIComponent(lastName)}`,
  });
  await waitForResults(page, lastName);
  const rows = page.locator('.customers-table tbody tr');
  await expectCount(rows, 3);
  const toggle = page.getByRole('button', { name: /Filters/ });
  if (await toggle.isVisible()) await toggle.click();

  const country = page.getByRole('combobox', { name: 'Country', exact: true });
  await pickChoice(country, 'Germany');
  await expectValue(country, 'Germany — DE');
  await page.waitForURL((u) => u.searchParams.get('country') === 'DE');
  await expectCount(rows, 2);
  await expectState(
    page,
    () => rows.locator('td.col-country').evaluateAll((cells) => cells.map((td) => td.textContent)),
    ['DE', 'DE'],
    'the countries shown',
  );

  // Text that names no country is said and not applied.
  await country.fill('Germanyy');
  await page.getByText('No country matches “Germanyy”.').waitFor();
  await country.press('Tab');
  await expectAttribute(country, 'aria-invalid', 'true');
  assert.equal(new URL(page.url()).searchParams.get('country'), 'DE');
  await expectCount(rows, 2);

  // The empty choice lifts the filter.
  await pickChoice(country, '', 'Any');
  await page.waitForURL((u) => !u.searchParams.has('country'));
  await expectCount(rows, 3);
  await expectCount(page.getByText('No country matches “Germanyy”.'), 0, 'the message gone');

  // "Default address in", by the keyboard: none of them has an address in Japan.
  const addressCountry = page.getByRole('combobox', { name: 'Default address in' });
  await addressCountry.focus();
  await page.keyboard.type('Japan');
  await expectState(page, () => highlighted(addressCountry), 'Japan', 'the highlighted');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('address_country') === 'JP');
  await page.getByText('No customers match this search.').waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test("the store's default country and language are chosen by name", async () => {
  const before = (await server.api('GET', '/api/admin/settings')).body;
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  const country = page.getByRole('combobox', { name: 'Default country' });
  const language = page.getByRole('combobox', { name: 'Default language' });
  await expectValue(language, 'English — en');
  await pickChoice(country, 'germ', 'Germany');
  // Found by its own name, shown by the admin's.
  await pickChoice(language, 'Deutsch', /^German de · Deutsch$/);
  await expectValue(country, 'Germany — DE');
  await expectValue(language, 'German — de');
  const body = await savedPatch(page, () =>
    page.getByRole('button', { name: 'Save settings' }).click(),
  );
  assert.deepEqual(body, { default_country: 'DE', default_language: 'de' });
  await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  const after = (await server.api('GET', '/api/admin/settings')).body;
  assert.equal(after.default_country, 'DE');
  assert.equal(after.default_language, 'de');

  // A new customer starts with them.
  await page.goto(`${server.url}/admin/customers/new`);
  await page.getByRole('heading', { name: 'New customer' }).waitFor();
  await expectValue(page.getByRole('combobox', { name: 'Country', exact: true }), 'Germany — DE');
  await expectValue(page.getByRole('combobox', { name: 'Language', exact: true }), 'German — de');
  expectNoProblems(page);
  await page.context().close();
  const restored = await server.api('PATCH', '/api/admin/settings', {
    default_country: before.default_country,
    default_language: before.default_language,
  });
  assert.equal(restored.status, 200);
});
