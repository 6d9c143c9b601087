// The audit log and a customer's activity name what they are about: targets by name (a customer
// without a name by its e-mail, one gone as such), the customer filter as a search by name or
// e-mail, the e-mail and address actions in the action filter, and addresses by their summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectCount,
  expectFocused,
  expectState,
  expectText,
  expectValue,
  expectNoProblems,
  server,
  signedInPage,
  useServerAndBrowser,
} from './harness.mjs';

const kAna = { first_name: 'Ana', last_name: 'López', email: 'ana.lopez@audit-names.example' };
const kMailOnly = 'mail.only@audit-names.example';
const kBerlin = 'Hauptstraße 5, 10115 Berlin, Germany';
const kParis = 'Rue de Rivoli 1, 75001 PARIS, France';

let ana;
let mailOnly;
let goneGroup;

async function created(method, path, body) {
  const r = await server.api(method, path, body);
  assert.ok(r.status === 200 || r.status === 201, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

useServerAndBrowser(
  { customers: 30 },
  {
    prepare: async () => {
      ana = await created('POST', '/api/admin/customers', kAna);
      mailOnly = await created('POST', '/api/admin/customers', { email: kMailOnly });
      await created('PATCH', `/api/admin/customers/${ana.id}`, { company: 'López SL' });
      await created('PATCH', `/api/admin/customers/${mailOnly.id}`, { company: 'Only Mail Ltd' });
      const addresses = `/api/admin/customers/${ana.id}/addresses`;
      await created('POST', addresses, {
        line1: 'Hauptstraße 5',
        postal_code: '10115',
        city: 'Berlin',
        country: 'DE',
      });
      const paris = await created('POST', addresses, {
        line1: 'Rue de Rivoli 1',
        postal_code: '75001',
        city: 'Paris',
        country: 'FR',
      });
      await created('PATCH', addresses, { default_shipping_address_id: paris.id });
      // An address added and deleted again: its id is no longer in the book.
      const old = await created('POST', addresses, {
        line1: 'Calle Mayor 3',
        postal_code: '28013',
        city: 'Madrid',
        country: 'ES',
      });
      assert.equal((await server.api('DELETE', `${addresses}/${old.id}`)).status, 204);
      goneGroup = await created('POST', '/api/admin/groups', { name: 'Short-lived group' });
      assert.equal((await server.api('DELETE', `/api/admin/groups/${goneGroup.id}`)).status, 204);
    },
  },
);

const rows = (page) => page.locator('.audit-table tbody tr');

async function openLog(query = '') {
  const page = await signedInPage(browser, server, { path: `/admin/audit${query}` });
  await rows(page).first().waitFor();
  return page;
}

// The target ids of the rows shown.
function shownTargets(page) {
  return page
    .locator('.audit-table tbody tr .audit-target__meta')
    .evaluateAll((els) => els.map((el) => el.textContent.trim()));
}

test('the Target column names customers and others, not their ids', async () => {
  const page = await openLog();
  const anaRow = rows(page).filter({ hasText: 'Changed the customer' }).filter({ hasText: ana.id });
  const link = anaRow.getByRole('link', { name: 'Ana López' });
  await link.waitFor();
  assert.match(await link.getAttribute('href'), new RegExp(`/admin/customers/${ana.id}$`));
  assert.equal(await link.getAttribute('title'), `customer · ${ana.id}`);
  await expectText(anaRow.locator('.audit-target__meta'), `customer · ${ana.id}`);

  // A customer without a name goes by its e-mail address.
  const mailRow = rows(page)
    .filter({ hasText: 'Changed the customer' })
    .filter({ hasText: mailOnly.id });
  await expectText(mailRow.getByRole('link'), kMailOnly);

  // A group deleted since has no name left.
  const groupRow = rows(page).filter({ hasText: 'Deleted a group' });
  await expectText(groupRow.locator('.audit-target__name'), 'group (deleted)');
  await expectText(groupRow.locator('.audit-target__meta'), `group · ${goneGroup.id}`);

  // No target reads as an id.
  const names = await page
    .locator('.audit-table .audit-target__name')
    .evaluateAll((els) => els.map((el) => el.textContent.trim()));
  assert.ok(names.length > 5, names.join('\n'));
  assert.deepEqual(
    names.filter((n) => /^[a-z]+_[0-9a-z]{8,}$/.test(n)),
    [],
  );
  expectNoProblems(page);
  await page.context().close();
});

test('the customer filter finds a customer by part of its e-mail and keeps it over a reload', async () => {
  const page = await openLog();
  const box = page.getByRole('combobox', { name: 'Customer', exact: true });
  await box.fill('ana.lopez@audit');
  const list = page.getByRole('listbox', { name: 'Matching customers' });
  const option = list.getByRole('option', { name: /^Ana López/ });
  await option.waitFor();
  await expectText(option.locator('.picker__code'), kAna.email);
  // The keyboard chooses it: the first match is the active one.
  await expectState(page, () => box.getAttribute('aria-expanded'), 'true', 'the list open');
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expectValue(box, 'Ana López');
  await expectState(page, () => box.getAttribute('aria-expanded'), 'false', 'the list closed');
  await page.waitForURL(new RegExp(`customer=${ana.id}`));

  // Only Ana's events: her edit, her addresses, no one else's.
  await rows(page).filter({ hasText: 'Changed the default addresses' }).waitFor();
  await expectState(
    page,
    async () => (await shownTargets(page)).every((t) => t === `customer · ${ana.id}`),
    true,
    'only Ana in the list',
  );
  const expected = (await server.api('GET', `/api/admin/audit?customer=${ana.id}&limit=50`)).body
    .items;
  assert.ok((await rows(page).count()) >= Math.min(expected.length, 6));

  // After a reload the filter names her again.
  await page.reload();
  const again = page.getByRole('combobox', { name: 'Customer', exact: true });
  // The box names her from the events it shows (reading her profile would count as a view).
  await rows(page).first().waitFor();
  await expectValue(again, 'Ana López');
  await expectState(
    page,
    async () => (await shownTargets(page)).every((t) => t === `customer · ${ana.id}`),
    true,
    'only Ana in the list after the reload',
  );

  // Clear takes the filter away.
  await page.getByRole('button', { name: 'Clear the customer (Ana López)' }).click();
  await expectValue(again, '');
  await expectFocused(again);
  await page.waitForURL((url) => !url.search.includes('customer='));
  await rows(page).filter({ hasText: 'Deleted a group' }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('the customer filter takes a mouse choice, a pasted id, and says when nothing matches', async () => {
  const page = await openLog();
  const box = page.getByRole('combobox', { name: 'Customer', exact: true });
  await box.fill('mail.only@');
  await page
    .getByRole('listbox', { name: 'Matching customers' })
    .getByRole('option', { name: new RegExp(`^${kMailOnly.replace(/\./g, '\\.')}`) })
    .click();
  await expectValue(box, kMailOnly);
  await page.waitForURL(new RegExp(`customer=${mailOnly.id}`));
  await expectState(
    page,
    async () => {
      const t = await shownTargets(page);
      return t.length > 0 && t.every((x) => x === `customer · ${mailOnly.id}`);
    },
    true,
    'only the mail-only customer in the list',
  );

  // A pasted id is taken as it is, and named once the box is left.
  await box.fill(ana.id);
  await page.waitForURL(new RegExp(`customer=${ana.id}`));
  await box.press('Tab');
  await expectValue(box, 'Ana López');

  // Text that names no one says so and leaves the filter as it was.
  await box.fill('nobody-like-this-here');
  await page.getByTestId('customer-picker-none').waitFor();
  await expectText(
    page.getByTestId('customer-picker-none'),
    'No customer matches “nobody-like-this-here”.',
  );
  await box.press('Escape');
  await box.press('Escape');
  await expectValue(box, 'Ana López');
  assert.match(page.url(), new RegExp(`customer=${ana.id}`));
  expectNoProblems(page);
  await page.context().close();
});

test('the action filter offers the address and e-mail actions and filters by one', async () => {
  const page = await openLog();
  const action = page.getByLabel('Action');
  for (const [value, label] of [
    ['address.', 'All addresses'],
    ['address.created', 'Added an address'],
    ['address.deleted', 'Deleted an address'],
    ['address.defaults_changed', 'Changed the default addresses'],
    ['message.', 'All e-mails'],
    ['message.queued', 'Wrote an e-mail'],
    ['message.resent', 'Resent an e-mail'],
    ['admin.password_changed', 'Changed their own password'],
  ]) {
    const option = action.locator(`option[value="${value}"]`);
    assert.equal(await option.count(), 1, `an option for ${value}`);
    assert.equal((await option.textContent()).trim(), label);
  }
  await action.selectOption('address.defaults_changed');
  await page.waitForURL(/action=address\.defaults_changed/);
  await expectState(
    page,
    () =>
      page
        .locator('.audit-table tbody tr td[data-label="Action"]')
        .evaluateAll((els) => els.map((el) => el.textContent.trim())),
    ['Changed the default addresses'],
    'the rows of the chosen action',
  );
  await action.selectOption('address.');
  await page.waitForURL(/action=address\.(&|$)/);
  await expectCount(rows(page).filter({ hasText: 'Added an address' }), 3);
  await expectCount(rows(page).filter({ hasText: 'Deleted an address' }), 1);
  expectNoProblems(page);
  await page.context().close();
});

test("the customer's activity names addresses by their summary, never by id", async () => {
  const page = await signedInPage(browser, server, { path: `/admin/customers/${ana.id}` });
  await page.getByRole('tab', { name: 'Activity' }).click();
  const change = page
    .locator('.timeline__item')
    .filter({ hasText: 'Changed the default addresses' });
  await expectText(
    change.locator('.changes li'),
    `default shipping address: ${kBerlin} → ${kParis}`,
  );
  // An added address is named by its summary, one deleted since as such.
  const added = page.locator('.timeline__item').filter({ hasText: 'Added an address' });
  await expectCount(added, 3);
  await added.locator('.changes li', { hasText: `address: ${kParis}` }).waitFor();
  await added.locator('.changes li', { hasText: 'address: a deleted address' }).waitFor();
  await expectCount(page.locator('.timeline').getByText(/adr_/), 0, 'address ids in the activity');
  assert.doesNotMatch(await page.locator('.timeline').textContent(), /adr_/);
  expectNoProblems(page);
  await page.context().close();
});
