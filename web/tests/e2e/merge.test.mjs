// Merge duplicates, in Chromium against the real server: the owner opens a customer, Tools →
// Merge duplicates…, finds the duplicate by name, reads the preview (what moves, the store credit
// summed, the fields that differ and the one filled in), takes the duplicate's first name, and
// merges only once the irreversible notice is acknowledged; the profile then shows both orders,
// the summed store credit, both tags and the chosen name, and the duplicate's old URL opens the
// survivor with a notice. Also: a support admin has no such tool; the button stays off until the
// notice is ticked and again when the list changes, Cancel changes nothing, and a customer merged
// elsewhere meanwhile is refused readably; a registered account cannot go into a guest record.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser(
  { customers: 20 },
  {
    prepare: async () => {
      const r = await server.api('POST', '/api/admin/products', {
        sku: 'MERGE-MUG',
        name: 'Merge mug',
        price: 1000,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    },
  },
);

let serial = 0;

// A family name nobody else in the store has, so that a search finds only this test's customers.
function uniqueLast(base) {
  serial += 1;
  return `${base}${process.pid}x${serial}`;
}

async function newCustomer(body) {
  serial += 1;
  const r = await server.api('POST', '/api/admin/customers', {
    email: `${body.first_name.toLowerCase()}.${serial}.${process.pid}@merge.example.com`,
    ...body,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// An order of `total` cents for `customer`, paid in full (one transaction).
async function paidOrder(customer, total) {
  serial += 1;
  const number = `MRG-${process.pid}-${serial}`;
  const r = await server.api('POST', '/api/admin/orders', {
    number,
    customer_id: customer.id,
    type: 'online',
    items: [{ sku: 'MERGE-MUG', quantity: 1, unit_price: total }],
    payments: [{ amount: total, method: 'card' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function credit(customer, amount, currency = 'EUR') {
  const r = await server.api(
    'POST',
    `/api/admin/customers/${customer.id}/wallet`,
    { amount, currency },
    { 'idempotency-key': `merge-e2e-${process.pid}-${++serial}` },
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

async function openProfile(customer, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

// The labels of the Tools menu, opened and closed again.
async function toolLabels(page) {
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  const items = page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem');
  await items.first().waitFor();
  const labels = await items.locator('.menu__label').allTextContents();
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('menu'), 0, 'open menus');
  return labels;
}

// Tools → Merge duplicates…: the dialog.
async function openMerge(page, survivorName) {
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  await expectAttribute(tools, 'aria-expanded', 'true');
  await page
    .getByRole('menu', { name: 'Tools' })
    .getByRole('menuitem', { name: 'Merge duplicates…', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: `Merge duplicates into ${survivorName}` });
  await dialog.waitFor();
  return dialog;
}

// Finds `customer` with the picker by `query` and adds it; resolves once the preview of the new
// list is in.
async function addToMerge(page, dialog, query, customer) {
  await dialog.getByLabel('Find customers to merge in').fill(query);
  const add = dialog.getByRole('button', { name: `Add ${customer.full_name} (${customer.email})` });
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/merge/preview')),
    add.click(),
  ]);
  await chosenItem(dialog, customer).waitFor();
  return request;
}

const chosenItem = (dialog, customer) =>
  dialog
    .getByRole('list', { name: 'Customers to merge in' })
    .locator(`li[data-customer-id="${customer.id}"]`);

const movesOf = (dialog, customer) =>
  dialog.locator(`[data-merge-customer="${customer.id}"] [data-move]`);

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

test('the owner merges a duplicate: preview, a field choice, confirmation; the old id leads to the survivor', async () => {
  const last = uniqueLast('Lindqvist');
  const survivor = await newCustomer({ first_name: 'Mara', last_name: last, tags: ['vip'] });
  const duplicate = await newCustomer({
    first_name: 'Marah',
    last_name: last,
    phone: '+4917655501234',
    tags: ['wholesale'],
  });
  const orderA = await paidOrder(survivor, 1000);
  const orderB = await paidOrder(duplicate, 2500);
  await credit(survivor, 500);
  await credit(duplicate, 750);

  const page = await openProfile(survivor);
  const dialog = await openMerge(page, survivor.full_name);
  await expectText(dialog.getByTestId('merge-survivor'), new RegExp(`^Mara ${last}`));
  const merge = dialog.getByRole('button', { name: /^Merge / });
  assert.equal(await merge.isDisabled(), true, 'nothing to merge yet');

  // The picker finds both by the family name but offers only the other one.
  await dialog.getByLabel('Find customers to merge in').fill(last);
  const results = dialog.getByRole('list', { name: 'Matching customers' }).getByRole('listitem');
  await expectCount(results, 1, 'customers offered');
  await expectAttribute(results, 'data-customer-id', duplicate.id);
  const previewRequest = await addToMerge(page, dialog, last, duplicate);
  await screenshot(page, 'merge-preview-top');
  assert.deepEqual(previewRequest.postDataJSON(), { merge: [duplicate.id], fields: {} });

  // What moves from the duplicate, and what ends.
  const moves = movesOf(dialog, duplicate);
  await expectState(
    page,
    () => moves.evaluateAll((els) => els.map((el) => [el.dataset.move, el.textContent.trim()])),
    [
      ['orders', '1 order'],
      ['transactions', '1 transaction'],
      ['balances', 'Store credit €7.50 (1 wallet entry)'],
      ['tags', 'Tag wholesale'],
    ],
    'what moves',
  );
  const ends = dialog.locator(`[data-merge-customer="${duplicate.id}"] [data-end]`);
  await expectText(ends.nth(1), `The sign-in account of ${duplicate.email}: closed`);

  // The store credit: the survivor's, what moves in, the sum.
  const eur = dialog.locator('.merge-balances tr[data-currency="EUR"]');
  await expectText(eur.getByTestId('merge-balance-before'), '€5.00');
  await expectText(eur.getByTestId('merge-balance-moving'), '+€7.50');
  await expectText(eur.getByTestId('merge-balance-after'), '€12.50');

  // The fields that differ, the survivor's value chosen; the phone is filled in.
  const firstName = dialog.getByRole('group', { name: 'First name' });
  const keep = firstName.getByRole('radio', { name: `Mara (keep, Mara ${last})` });
  const take = firstName.getByRole('radio', { name: `Marah (from Marah ${last})` });
  assert.equal(await keep.isChecked(), true);
  assert.equal(await take.isChecked(), false);
  await dialog.getByRole('group', { name: 'E-mail' }).waitFor();
  await expectText(
    dialog.getByRole('list', { name: 'Fields filled in' }).locator('li[data-field="phone"]'),
    `Phone: +4917655501234 (from Marah ${last})`,
  );

  // The irreversible notice comes before the button, which waits for the box to be ticked.
  const warning = dialog.getByTestId('merge-irreversible');
  await warning.getByText('A merge cannot be undone.').waitFor();
  assert.ok(
    await warning.evaluate(
      (el, button) => !!(el.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING),
      await merge.elementHandle(),
    ),
    'the notice is above the button',
  );
  await expectText(merge, 'Merge 1 customer');
  assert.equal(await merge.isDisabled(), true, 'not acknowledged yet');

  // Taking the duplicate's first name runs the preview again with the choice.
  const [again] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/merge/preview')),
    take.check(),
  ]);
  assert.deepEqual(again.postDataJSON(), {
    merge: [duplicate.id],
    fields: { first_name: duplicate.id },
  });
  await expectAttribute(dialog.getByTestId('merge-preview'), 'aria-busy', 'false');
  assert.equal(await take.isChecked(), true);
  assert.equal(await merge.isDisabled(), true, 'still not acknowledged');

  const understood = dialog.getByRole('checkbox', { name: 'I understand this cannot be undone' });
  await understood.check();
  await expectState(page, () => merge.isDisabled(), false, 'the button once acknowledged');
  await understood.uncheck();
  await expectState(page, () => merge.isDisabled(), true, 'the button once unticked');
  await understood.check();
  await expectState(page, () => merge.isDisabled(), false, 'the button once acknowledged');
  await screenshot(page, 'merge-dialog');

  const [done] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/merge')),
    merge.click(),
  ]);
  assert.deepEqual(done.postDataJSON(), {
    merge: [duplicate.id],
    fields: { first_name: duplicate.id },
  });
  await notice(page, `Merged Marah ${last} into this customer.`);
  await expectCount(page.getByRole('dialog'), 0, 'open dialogs');

  // The survivor's profile: the chosen name, both orders, both tags, the summed credit.
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: `Marah ${last}` }).waitFor();
  await expectText(page.getByTestId('order-summary'), /^2 orders · \$35\.00 spent/);
  await expectState(
    page,
    () => page.locator('.profile__header .tag').allTextContents(),
    ['vip', 'wholesale'],
    'the tags',
  );
  await page.getByRole('tab', { name: 'Orders' }).click();
  await page.locator(`tbody[data-order="${orderA.number}"]`).waitFor();
  await page.locator(`tbody[data-order="${orderB.number}"]`).waitFor();
  await page.getByRole('tab', { name: 'Wallet' }).click();
  await expectText(page.getByTestId('wallet-balance'), '€12.50');
  await page.getByRole('tab', { name: 'Activity' }).click();
  await page
    .getByRole('tabpanel')
    .locator('.timeline__item')
    .first()
    .getByText('Merged customers into this one')
    .waitFor();

  const stored = await server.api('GET', `/api/admin/customers/${survivor.id}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.body.first_name, 'Marah');
  assert.equal(stored.body.email, survivor.email, 'the survivor keeps its e-mail address');
  assert.deepEqual(stored.body.balances, [{ currency: 'EUR', amount: 1250 }]);

  // The duplicate's old URL opens the survivor, under the survivor's URL, with a notice.
  await page.goto(`${server.url}/admin/customers/${duplicate.id}`);
  await expectText(
    page.getByTestId('merged-notice').locator('p'),
    `${duplicate.id} was merged into this customer.`,
  );
  await expectState(
    page,
    () => new URL(page.url()).pathname,
    `/admin/customers/${survivor.id}`,
    'the URL',
  );
  await heading.filter({ hasText: `Marah ${last}` }).waitFor();
  await expectText(
    page.locator('.facts dt', { hasText: 'Customer id' }).locator('xpath=../dd'),
    survivor.id,
  );
  await expectText(page.getByTestId('order-summary'), /^2 orders · \$35\.00 spent/);
  await screenshot(page, 'merge-followed');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expectCount(page.getByTestId('merged-notice'), 0, 'merged notices');

  expectNoProblems(page);
  await page.context().close();
});

test('a support admin has no Merge duplicates… in Tools; the owner has', async () => {
  const customer = await newCustomer({ first_name: 'Sven', last_name: uniqueLast('Berg') });
  const support = createAdmin(server, {
    email: `support.merge.${process.pid}@example.com`,
    name: 'Sam Support',
    role: 'support',
  });
  const page = await openProfile(customer, { who: support });
  const labels = await toolLabels(page);
  assert.ok(labels.length > 0, 'support has tools');
  assert.ok(!labels.includes('Merge duplicates…'), JSON.stringify(labels));
  expectNoProblems(page);
  await page.context().close();

  const owner = await openProfile(customer);
  assert.ok((await toolLabels(owner)).includes('Merge duplicates…'));
  expectNoProblems(owner);
  await owner.context().close();
});

test('the button waits for the acknowledgement; Cancel changes nothing; a customer merged elsewhere meanwhile is refused', async () => {
  const last = uniqueLast('Okoro');
  const survivor = await newCustomer({ first_name: 'Ada', last_name: last });
  const first = await newCustomer({ first_name: 'Adaeze', last_name: last });
  const second = await newCustomer({ first_name: 'Adanna', last_name: last });
  const elsewhere = await newCustomer({ first_name: 'Obi', last_name: uniqueLast('Eze') });

  const page = await openProfile(survivor);
  let dialog = await openMerge(page, survivor.full_name);
  // The survivor itself is never offered.
  await dialog.getByLabel('Find customers to merge in').fill(survivor.email);
  await expectText(
    dialog.getByTestId('merge-no-match'),
    `No other customer matches “${survivor.email}”.`,
  );

  await addToMerge(page, dialog, last, first);
  await addToMerge(page, dialog, last, second);
  await expectCount(dialog.locator('[data-merge-customer]'), 2, 'customers in the preview');
  const merge = dialog.getByRole('button', { name: /^Merge / });
  await expectText(merge, 'Merge 2 customers');
  const understood = dialog.getByRole('checkbox', { name: 'I understand this cannot be undone' });
  assert.equal(await merge.isDisabled(), true);
  await understood.check();
  await expectState(page, () => merge.isDisabled(), false, 'the button once acknowledged');

  // A change of the list takes the acknowledgement back.
  await chosenItem(dialog, second)
    .getByRole('button', { name: `Remove ${second.full_name}` })
    .click();
  await expectCount(dialog.locator('[data-merge-customer]'), 1, 'customers in the preview');
  await expectText(merge, 'Merge 1 customer');
  assert.equal(await understood.isChecked(), false);
  assert.equal(await merge.isDisabled(), true);

  // Cancel: nothing merged.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectCount(page.getByRole('dialog'), 0, 'open dialogs');
  for (const c of [first, second]) {
    assert.equal((await server.api('GET', `/api/admin/customers/${c.id}`)).status, 200);
  }

  // Merged into someone else behind the dialog's back: the merge is refused, said in words.
  dialog = await openMerge(page, survivor.full_name);
  await addToMerge(page, dialog, last, first);
  await dialog
    .locator(`[data-merge-customer="${first.id}"]`)
    .getByText('Nothing but the profile.')
    .waitFor();
  await understood.check();
  await expectState(page, () => merge.isDisabled(), false, 'the button once acknowledged');
  const behind = await server.api('POST', `/api/admin/customers/${elsewhere.id}/merge`, {
    merge: [first.id],
  });
  assert.equal(behind.status, 200, JSON.stringify(behind.body));
  await merge.click();
  const problem = dialog.getByTestId('merge-problem');
  await expectText(
    problem,
    new RegExp(
      `^Merged already\\. ${first.full_name} was merged into another customer meanwhile \\(${elsewhere.id}\\)`,
    ),
  );
  await expectState(page, () => merge.isDisabled(), true, 'the button after the refusal');
  assert.equal((await server.api('GET', `/api/admin/customers/${survivor.id}`)).body.version, 1);
  await screenshot(page, 'merge-refused');

  expectNoProblems(page, { allowStatuses: [409] });
  await page.context().close();
});

test('a registered account cannot be merged into a guest record: the dialog says to keep the account', async () => {
  const last = uniqueLast('Tanaka');
  const guest = await newCustomer({ kind: 'guest', first_name: 'Yuki', last_name: last });
  assert.equal(guest.kind, 'guest');
  const account = await newCustomer({ first_name: 'Yukiko', last_name: last });

  const page = await openProfile(guest);
  const dialog = await openMerge(page, guest.full_name);
  await addToMerge(page, dialog, last, account);
  const problem = dialog.getByTestId('merge-problem');
  await expectText(
    problem,
    new RegExp(`^${guest.full_name} is a guest checkout record, and a registered account cannot`),
  );
  await expectCount(dialog.getByTestId('merge-preview'), 0, 'previews');
  assert.equal(await dialog.getByRole('button', { name: /^Merge / }).isDisabled(), true);
  await screenshot(page, 'merge-guest-refused');

  // The link opens the account, where the merge can go the other way.
  await problem.getByRole('link', { name: account.full_name }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: account.full_name }).waitFor();
  const other = await openMerge(page, account.full_name);
  await addToMerge(page, other, last, guest);
  await expectText(
    other.locator(`[data-merge-customer="${guest.id}"] [data-end="sign_in_account"]`),
    'No sign-in account (guest checkout record)',
  );
  expectNoProblems(page, { allowStatuses: [409] });
  await page.context().close();
});
