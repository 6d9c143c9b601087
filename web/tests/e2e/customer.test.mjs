// One customer: the profile header, the summary and the edit form's fields, editing (only changed
// fields, If-Match), inline validation, the stale-edit conflict panel, deactivate/restore, the
// activity timeline, and the create form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectFocused,
  expectNoProblems,
  expectValue,
  expectText,
  firstCustomer,
  openAccountForm,
  OWNER,
  pickChoice,
  server,
  signedInPage,
  summaryValue,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 300 });

// A registered, active customer with a full name, different for each test.
let pick = 0;
async function someCustomer() {
  const r = await server.api('GET', '/api/admin/customers?status=active&kind=registered&limit=50');
  const list = r.body.items.filter((c) => c.first_name && c.last_name && c.email);
  return list[pick++ % list.length];
}

async function openProfile(customer, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

const stored = async (id) => (await server.api('GET', `/api/admin/customers/${id}`)).body;

test('the profile shows the name, status, group, tags, a summary and every field in the form', async () => {
  const c = await someCustomer();
  await server.api('PATCH', `/api/admin/customers/${c.id}`, {
    tags: ['vip', 'returning'],
    custom_fields: { shoe_size: '42' },
  });
  const page = await openProfile(c);
  const header = page.locator('.profile__header');
  await header.getByText('Active').waitFor();
  await header.getByText(c.group_name).waitFor();
  assert.deepEqual((await header.locator('.tag').allTextContents()).sort(), ['returning', 'vip']);
  // The summary comes first.
  await expectText(summaryValue(page, 'full_name'), c.full_name);
  await expectText(summaryValue(page, 'email'), c.email);
  await expectText(summaryValue(page, 'phone'), c.phone || '—');
  assert.deepEqual((await summaryValue(page, 'tags').locator('.tag').allTextContents()).sort(), [
    'returning',
    'vip',
  ]);
  await expectText(summaryValue(page, 'custom_fields.shoe_size'), '42');
  await expectText(
    summaryValue(page, 'email_marketing_consent'),
    c.email_marketing_consent ? /^Subscribed/ : /^Not subscribed/,
  );
  await page.locator('.facts').getByText(c.id).waitFor();
  await page.locator('.facts').getByText('Registered account').waitFor();

  // Edit shows every field in the form.
  await openAccountForm(page);
  assert.equal(await page.getByLabel('First name').inputValue(), c.first_name);
  assert.equal(await page.getByLabel('Last name').inputValue(), c.last_name);
  assert.equal(await page.getByLabel('E-mail', { exact: true }).inputValue(), c.email);
  assert.equal(await page.getByLabel('Phone').inputValue(), c.phone);
  // Shown by name with the code: "Germany — DE", "German — de".
  const shownWith = (code) => (code ? new RegExp(` — ${code}$`) : /^$/);
  assert.match(await page.getByLabel('Country').inputValue(), shownWith(c.country));
  assert.match(await page.getByLabel('Language').inputValue(), shownWith(c.language));
  const tagsField = page.locator('.field').filter({ has: page.getByLabel('Tags') });
  assert.deepEqual((await tagsField.locator('.tag-chip__name').allTextContents()).sort(), [
    'returning',
    'vip',
  ]);
  assert.equal(await page.getByLabel('Value of shoe_size').inputValue(), '42');
  assert.equal(await page.getByLabel('E-mail marketing').isChecked(), c.email_marketing_consent);
  expectNoProblems(page);
  await page.context().close();
});

test('an edit sends only the changed fields with If-Match, then shows the saved customer', async () => {
  const c = await someCustomer();
  const etag = (await server.api('GET', `/api/admin/customers/${c.id}`)).headers.get('etag');
  const page = await openProfile(c);
  await openAccountForm(page);
  await page.getByLabel('Company').fill('Acme Testing Ltd');
  await page.getByLabel('SMS marketing').setChecked(!c.sms_marketing_consent);
  await page.getByLabel('New custom field name').fill('loyalty_id');
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.getByLabel('Value of loyalty_id').fill('L-778');
  await page.getByText('Unsaved: company, SMS consent, custom fields').waitFor();
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    page.getByRole('button', { name: 'Save changes' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), {
    company: 'Acme Testing Ltd',
    sms_marketing_consent: !c.sms_marketing_consent,
    custom_fields: { loyalty_id: 'L-778' },
  });
  const headers = await request.allHeaders();
  assert.equal(headers['if-match'], etag);
  assert.ok(headers['x-csrf-token'], 'writes carry the CSRF token');
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  // Back to the summary, which shows what was saved.
  await expectText(summaryValue(page, 'company'), 'Acme Testing Ltd');
  await expectText(summaryValue(page, 'custom_fields.loyalty_id'), 'L-778');
  await expectText(
    summaryValue(page, 'sms_marketing_consent'),
    c.sms_marketing_consent ? /^Not subscribed/ : /^Subscribed/,
  );
  const after = await stored(c.id);
  assert.equal(after.company, 'Acme Testing Ltd');
  assert.equal(after.sms_marketing_consent, !c.sms_marketing_consent);
  assert.deepEqual(after.custom_fields, { loyalty_id: 'L-778' });
  assert.equal(after.email, c.email);
  expectNoProblems(page);
  await page.context().close();
});

test('invalid input is explained next to each field', async () => {
  const c = await someCustomer();
  const page = await openProfile(c);
  await openAccountForm(page);
  await page.getByLabel('E-mail', { exact: true }).fill('not an e-mail');
  await page.getByLabel('Phone').fill('12');
  await page.getByLabel('Commission reduced (%)').fill('150');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /fields? needs? attention/ })
    .waitFor();
  for (const label of ['E-mail', 'Phone', 'Commission reduced (%)']) {
    const input = page.getByLabel(label, { exact: true });
    await expectAttribute(input, 'aria-invalid', 'true', `aria-invalid of ${label}`);
    const describedBy = await input.getAttribute('aria-describedby');
    const message = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    assert.ok(message.length > 3, `${label} has a message`);
  }
  // The cursor goes to the first field to fix.
  await expectFocused(page.getByLabel('E-mail', { exact: true }));
  assert.equal((await stored(c.id)).email, c.email, 'nothing was saved');
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('a stale edit shows the conflict panel; Overwrite and Reload both work', async () => {
  const c = await someCustomer();
  const page = await openProfile(c);

  // Someone else saves first.
  await server.api('PATCH', `/api/admin/customers/${c.id}`, { note: 'Changed by a colleague' });
  await openAccountForm(page);
  await page.getByLabel('Company').fill('Mine Ltd');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const panel = page.getByRole('alert').filter({ hasText: 'Someone else changed this customer' });
  await panel.waitFor();
  await panel.getByText('note').waitFor();
  assert.equal((await stored(c.id)).company, c.company, 'nothing was saved');

  const [overwrite] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    panel.getByRole('button', { name: 'Overwrite' }).click(),
  ]);
  assert.equal((await overwrite.allHeaders())['if-match'], undefined);
  assert.deepEqual(overwrite.postDataJSON(), { company: 'Mine Ltd' });
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  let now = await stored(c.id);
  assert.equal(now.company, 'Mine Ltd');
  assert.equal(now.note, 'Changed by a colleague', 'their change is kept');
  // The saved customer, their note with it, in the summary.
  await expectText(summaryValue(page, 'note'), 'Changed by a colleague');
  await expectText(summaryValue(page, 'company'), 'Mine Ltd');

  // Again, and this time take their version.
  await server.api('PATCH', `/api/admin/customers/${c.id}`, { company: 'Their Company' });
  await openAccountForm(page);
  await page.getByLabel('Company').fill('Another mine');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await panel.waitFor();
  await panel.getByRole('button', { name: 'Reload' }).click();
  await panel.waitFor({ state: 'detached' });
  await expectValue(page.getByLabel('Company'), 'Their Company');
  now = await stored(c.id);
  assert.equal(now.company, 'Their Company');
  expectNoProblems(page, { allowStatuses: [412] });
  await page.context().close();
});

test('deactivate and restore ask for confirmation first', async () => {
  const c = await someCustomer();
  const page = await openProfile(c);
  const header = page.locator('.profile__header');
  await header.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('heading', { name: `Deactivate ${c.full_name}?` }).waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await stored(c.id)).status, 'active');

  await header.getByRole('button', { name: 'Deactivate' }).click();
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await header.getByText('Deactivated').waitFor();
  assert.equal((await stored(c.id)).status, 'inactive');

  await header.getByRole('button', { name: 'Restore' }).click();
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await header.getByText('Active', { exact: true }).waitFor();
  assert.equal((await stored(c.id)).status, 'active');
  expectNoProblems(page);
  await page.context().close();
});

test('the activity tab lists who changed what, and tabs work with the arrow keys', async () => {
  const c = await someCustomer();
  const page = await openProfile(c);
  await openAccountForm(page);
  await page.getByLabel('Company').fill('Timeline Traders');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();

  // Left from the first tab wraps to the last one, Activity; right wraps back.
  await page.getByRole('tab', { name: 'Account' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expectAttribute(page.getByRole('tab', { name: 'Activity' }), 'aria-selected', 'true');
  const item = page.locator('.timeline__item').filter({ hasText: 'Changed the customer' }).first();
  await item.waitFor();
  await item.getByText(`by ${OWNER.name}`).waitFor();
  await item.getByText('Timeline Traders').waitFor();
  await page.keyboard.press('ArrowRight');
  await expectText(summaryValue(page, 'company'), 'Timeline Traders');
  expectNoProblems(page);
  await page.context().close();
});

test('an unknown customer says so', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers/cus_doesnotexist00' });
  await page.getByRole('heading', { name: 'Customer not found' }).waitFor();
  expectNoProblems(page, { allowStatuses: [404] });
  await page.context().close();
});

test('a new customer is created from the form; problems are explained first', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await page.getByRole('link', { name: 'New customer' }).click();
  await page.getByRole('heading', { name: 'New customer' }).waitFor();
  await page.getByLabel('First name').fill('Zelda');
  await page.getByLabel('Last name').fill('Quartermaine');
  await page.getByLabel('E-mail', { exact: true }).fill('zelda.q@');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await page.locator('.field--invalid').filter({ hasText: 'E-mail' }).waitFor();

  await page.getByLabel('E-mail', { exact: true }).fill('zelda.quartermaine@example.org');
  await page.getByLabel('Phone').fill('+44 20 7946 0958');
  await page.getByLabel('Country').fill('GB');
  await page.getByLabel('Group').selectOption({ label: 'VIP' });
  // Tags are chosen from the store's.
  await pickChoice(page.getByLabel('Tags'), 'press', /^press\b/);
  await pickChoice(page.getByLabel('Tags'), 'early', /^early-adopter\b/);
  await page.getByLabel('E-mail marketing').check();
  await page.getByRole('button', { name: 'Create customer' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Zelda Quartermaine' }).waitFor();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const c = await stored(id);
  assert.equal(c.email, 'zelda.quartermaine@example.org');
  assert.equal(c.phone, '+442079460958');
  assert.equal(c.group_name, 'VIP');
  assert.deepEqual([...c.tags].sort(), ['early-adopter', 'press']);
  assert.equal(c.email_marketing_consent, true);
  assert.equal(c.kind, 'registered');
  assert.equal(c.country, 'GB', 'the code typed into Country');

  // The same e-mail again is refused with the reason at the field.
  await page.goto(`${server.url}/admin/customers/new`);
  await page.getByLabel('E-mail', { exact: true }).fill('Zelda.Quartermaine@example.org');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await page
    .locator('.field--invalid')
    .filter({ hasText: 'E-mail' })
    .or(page.getByRole('alert'))
    .first()
    .waitFor();
  const first = await firstCustomer(server);
  assert.equal(first.id, id, 'no second customer');
  expectNoProblems(page, { allowStatuses: [409, 422] });
  await page.context().close();
});
