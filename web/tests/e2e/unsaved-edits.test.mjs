// Unsaved edits ask before they are left: the profile's form (opened with Edit) before another
// tab, a sidebar link or Back (Stay keeps the edits and the URL, Discard goes on with the saved
// values, Save saves first), the address form, the settings, the template editor before another template or
// language, and the browser's own question before a reload. A saved form, or one whose values
// are back to the saved ones, asks nothing.
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
  screenshot,
  server,
  signedInPage,
  summaryValue,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 40 });

let made = 0;
async function newCustomer() {
  const n = ++made;
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: 'Una',
    last_name: `Saved${n}`,
    email: `una.saved.${n}.${process.pid}@unsaved-edits.example.com`,
    company: `Stored Company ${n}`,
    country: 'US',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const stored = async (id) => (await server.api('GET', `/api/admin/customers/${id}`)).body;

// The profile, on its summary; `edit` opens the edit form too.
async function openProfile(c, { edit = true } = {}) {
  const page = await signedInPage(browser, server, { path: `/admin/customers/${c.id}` });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: c.last_name }).waitFor();
  await expectText(summaryValue(page, 'company'), c.company);
  if (edit) {
    await openAccountForm(page);
    await expectValue(page.getByLabel('Company'), c.company);
  }
  return page;
}

const question = (page) => page.getByRole('dialog', { name: 'Discard unsaved changes?' });
const sidebar = (page) => page.getByRole('navigation', { name: 'Main' });
const pathOf = (page) => new URL(page.url()).pathname;

test('another profile tab asks first: Stay and Escape keep the edit, Discard shows the saved value', async () => {
  const c = await newCustomer();
  const page = await openProfile(c);
  let patches = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches++;
  });
  const company = page.getByLabel('Company');
  const account = page.getByRole('tab', { name: 'Account' });
  const addresses = page.getByRole('tab', { name: 'Addresses' });
  await company.fill('Typed but not saved');

  await addresses.click();
  const dialog = question(page);
  await dialog.waitFor();
  // The focus is in the question, on Stay; Escape stays and gives the focus back.
  await expectFocused(dialog.getByRole('button', { name: 'Stay' }));
  await dialog.getByRole('button', { name: 'Discard changes' }).waitFor();
  await dialog.getByRole('button', { name: 'Save' }).waitFor();
  await screenshot(page, 'unsaved-changes');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expectFocused(addresses);
  await expectAttribute(account, 'aria-selected', 'true');
  await expectValue(company, 'Typed but not saved');

  await addresses.click();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectAttribute(account, 'aria-selected', 'true');
  await expectValue(company, 'Typed but not saved');

  await addresses.click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expectAttribute(addresses, 'aria-selected', 'true');
  await page.getByRole('button', { name: 'Add address' }).waitFor();
  // Nothing unsaved is left: back to Account without a question, with the saved value.
  await account.click();
  await expectText(summaryValue(page, 'company'), c.company);
  assert.equal(await dialog.count(), 0);
  await openAccountForm(page);
  await expectValue(company, c.company);
  assert.equal(patches, 0, 'nothing was sent');
  assert.equal((await stored(c.id)).company, c.company);

  // Typed back to the saved value: nothing to ask about.
  await company.fill('Briefly different');
  await company.fill(c.company);
  await page.getByText('No unsaved changes').waitFor();
  await addresses.click();
  await expectAttribute(addresses, 'aria-selected', 'true');
  assert.equal(await dialog.isVisible(), false);
  expectNoProblems(page);
  await page.context().close();
});

test('the arrow keys between tabs ask too; Discard moves the focus to the new tab', async () => {
  const c = await newCustomer();
  const page = await openProfile(c);
  await page.getByLabel('Pinned note').fill('A note not saved yet');
  const account = page.getByRole('tab', { name: 'Account' });
  await account.focus();
  await page.keyboard.press('ArrowRight');
  const dialog = question(page);
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expectFocused(account);
  await expectAttribute(account, 'aria-selected', 'true');

  await page.keyboard.press('ArrowRight');
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  const addresses = page.getByRole('tab', { name: 'Addresses' });
  await expectAttribute(addresses, 'aria-selected', 'true');
  await expectFocused(addresses);
  expectNoProblems(page);
  await page.context().close();
});

test('a sidebar link and Back ask first; after Stay the URL stays on the profile', async () => {
  const c = await newCustomer();
  // From the list to the profile, so that Back has a page of the admin to go to.
  const page = await signedInPage(browser, server, {
    path: `/admin/customers?q=${encodeURIComponent(c.email)}`,
  });
  await waitForResults(page, c.email);
  await page.getByRole('link', { name: c.full_name, exact: true }).click();
  await openAccountForm(page);
  const company = page.getByLabel('Company');
  await expectValue(company, c.company);
  const profilePath = pathOf(page);
  // Nothing edited: the sidebar goes at once, and Back comes back.
  await sidebar(page).getByRole('link', { name: 'Groups & tags' }).click();
  await page.getByRole('heading', { name: 'Groups & tags', level: 1 }).waitFor();
  await page.goBack();
  await expectText(summaryValue(page, 'company'), c.company);
  assert.equal(await question(page).count(), 0);

  await openAccountForm(page);
  await company.fill('Edited before the sidebar');
  await sidebar(page).getByRole('link', { name: 'Insights' }).click();
  const dialog = question(page);
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(pathOf(page), profilePath);
  await expectValue(company, 'Edited before the sidebar');

  // Back: the question, and Stay puts the profile's URL back.
  await page.goBack();
  await dialog.waitFor();
  await expectState(page, () => pathOf(page), profilePath, 'the URL while asked');
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectState(page, () => pathOf(page), profilePath, 'the URL after Stay');
  await expectValue(company, 'Edited before the sidebar');

  // Back again, and Discard: the list, then Forward shows the saved value.
  await page.goBack();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await waitForResults(page, c.email);
  assert.equal(pathOf(page), '/admin/customers');
  await page.goForward();
  await expectText(summaryValue(page, 'company'), c.company);
  assert.equal(await dialog.count(), 0);

  // The sidebar, discarded.
  await openAccountForm(page);
  await page.getByLabel('Company').fill('Edited once more');
  await sidebar(page).getByRole('link', { name: 'Insights' }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
  assert.equal((await stored(c.id)).company, c.company);
  expectNoProblems(page);
  await page.context().close();
});

test('after a save nothing asks; Save in the question saves, then goes on, or stays when refused', async () => {
  const c = await newCustomer();
  const page = await openProfile(c);
  const company = page.getByLabel('Company');
  await company.fill('Saved with the button');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  await page.getByRole('tab', { name: 'Activity' }).click();
  await expectAttribute(page.getByRole('tab', { name: 'Activity' }), 'aria-selected', 'true');
  await page.getByRole('tab', { name: 'Account' }).click();
  await expectText(summaryValue(page, 'company'), 'Saved with the button');
  assert.equal(await question(page).isVisible(), false);

  await openAccountForm(page);
  await page.getByLabel('Company').fill('Saved from the question');
  await sidebar(page).getByRole('link', { name: 'Groups & tags' }).click();
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    question(page).getByRole('button', { name: 'Save' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), { company: 'Saved from the question' });
  await page.getByRole('heading', { name: 'Groups & tags', level: 1 }).waitFor();
  assert.equal((await stored(c.id)).company, 'Saved from the question');

  // A save the server refuses: the question closes, the form says why, the profile stays.
  await page.goBack();
  await openAccountForm(page);
  const email = page.getByLabel('E-mail', { exact: true });
  await email.fill('not an e-mail');
  await page.getByRole('tab', { name: 'Wallet' }).click();
  await question(page).getByRole('button', { name: 'Save' }).click();
  await question(page).waitFor({ state: 'hidden' });
  await expectAttribute(email, 'aria-invalid', 'true');
  await expectAttribute(page.getByRole('tab', { name: 'Account' }), 'aria-selected', 'true');
  await expectValue(email, 'not an e-mail');
  assert.equal((await stored(c.id)).email, c.email);
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('an address being written asks before the profile is left', async () => {
  const c = await newCustomer();
  const page = await openProfile(c, { edit: false });
  await page.getByRole('tab', { name: 'Addresses' }).click();
  // An untouched form asks nothing.
  await page.getByRole('button', { name: 'Add address' }).click();
  const form = page.getByRole('form', { name: 'New address' });
  await form.waitFor();
  await page.getByRole('tab', { name: 'Orders' }).click();
  await expectAttribute(page.getByRole('tab', { name: 'Orders' }), 'aria-selected', 'true');

  await page.getByRole('tab', { name: 'Addresses' }).click();
  await page.getByRole('button', { name: 'Add address' }).click();
  await form.getByLabel('Street address').fill('12 Unsaved Road');
  await page.getByRole('link', { name: '← Customers' }).click();
  const dialog = question(page);
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectValue(form.getByLabel('Street address'), '12 Unsaved Road');
  await page.getByRole('link', { name: '← Customers' }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  const book = (await server.api('GET', `/api/admin/customers/${c.id}/addresses`)).body;
  assert.equal(book.items.length, 0);
  expectNoProblems(page);
  await page.context().close();
});

test('the settings ask before the template editor opens, and the editor before another template or language', async () => {
  const list = (await server.api('GET', '/api/admin/email-templates')).body.items;
  const other = list.find((t) => t.template !== 'admin_message');
  assert.ok(other, 'a second template');
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  const storeName = page.getByLabel('Store name');
  await storeName.waitFor();
  const before = await storeName.inputValue();
  await storeName.fill('A name not saved');
  await page.getByRole('link', { name: 'E-mail templates' }).click();
  const dialog = question(page);
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expectValue(storeName, 'A name not saved');
  await page.getByRole('link', { name: 'E-mail templates' }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  const editing = page.getByRole('heading', { name: 'Message written by an admin (en)' });
  await editing.waitFor();
  assert.equal((await server.api('GET', '/api/admin/settings')).body.store_name, before);

  const text = page.getByLabel('Text');
  const saved = await text.inputValue();
  await text.fill('A body not saved yet');
  const templates = page.getByRole('navigation', { name: 'Templates' });
  await templates.getByRole('button', { name: other.title }).click();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await editing.waitFor();
  await expectValue(text, 'A body not saved yet');

  // Another language asks too.
  await page.getByLabel('Language').fill('fr');
  await page.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await editing.waitFor();
  await expectValue(text, 'A body not saved yet');

  await templates.getByRole('button', { name: other.title }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await page.getByRole('heading', { name: `${other.title} (en)` }).waitFor();
  await templates.getByRole('button', { name: 'Message written by an admin' }).click();
  await editing.waitFor();
  await expectValue(page.getByLabel('Text'), saved);
  await expectCount(dialog, 0);
  expectNoProblems(page);
  await page.context().close();
});

test('a reload with unsaved edits has the browser ask; without them it does not', async () => {
  const c = await newCustomer();
  const page = await openProfile(c);
  const asked = [];
  let answer = 'dismiss';
  page.on('dialog', (d) => {
    asked.push(d.type());
    void (answer === 'dismiss' ? d.dismiss() : d.accept());
  });

  // Nothing edited: the reload goes through without a question, back to the summary.
  await page.reload();
  await expectText(summaryValue(page, 'company'), c.company);
  assert.deepEqual(asked, []);
  await openAccountForm(page);

  // Chromium asks before unloading only a page the user has interacted with (sticky user
  // activation): a real click on the field gives it, a programmatic fill alone does not.
  await page.getByLabel('Company').click();
  await page.getByLabel('Company').fill('Not saved before the reload');
  // Dismissed: the reload does not happen (location.reload returns once the question is
  // answered), and the page keeps the edit.
  await page.evaluate(() => {
    window.sameDocument = true;
    location.reload();
  });
  assert.deepEqual(asked, ['beforeunload']);
  assert.equal(await page.evaluate(() => window.sameDocument), true);
  await expectValue(page.getByLabel('Company'), 'Not saved before the reload');

  // Accepted: the page reloads with the saved value.
  answer = 'accept';
  await page.reload();
  assert.deepEqual(asked, ['beforeunload', 'beforeunload']);
  assert.equal(await page.evaluate(() => window.sameDocument), undefined);
  await expectText(summaryValue(page, 'company'), c.company);
  expectNoProblems(page);
  await page.context().close();
});
