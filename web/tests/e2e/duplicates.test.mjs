// Likely duplicates, in Chromium against the real server: two customers whose Gmail addresses
// differ only in dots and a +tag are listed on the Duplicates page with the reason in words and
// the score; Not duplicates takes the pair away for good (also after a reload); Merge… on the
// page keeps the older customer and merges the other in. On the profile, the "Possible
// duplicates" panel lists a customer with the same phone; Merge… → preview → confirm merges it,
// and the profile shows the survivor with what moved in; on a guest record the registered account
// is kept and its profile opens. Admins without the permissions see the pairs but no buttons.
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
        sku: 'DUP-MUG',
        name: 'Duplicate mug',
        price: 1000,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    },
  },
);

let serial = 0;

// A text no other customer of the store has (for names and e-mail addresses).
function unique(base) {
  serial += 1;
  return `${base}${process.pid}x${serial}`;
}

async function newCustomer(body) {
  const r = await server.api('POST', '/api/admin/customers', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// A phone number in the range kept for drama (020 7946 0000 to 0999), one per call.
function phone() {
  serial += 1;
  return `+442079460${String((process.pid + serial) % 1000).padStart(3, '0')}`;
}

async function paidOrder(customer, total) {
  serial += 1;
  const r = await server.api('POST', '/api/admin/orders', {
    number: `DUP-${process.pid}-${serial}`,
    customer_id: customer.id,
    type: 'online',
    items: [{ sku: 'DUP-MUG', quantity: 1, unit_price: total }],
    payments: [{ amount: total, method: 'card' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// A Gmail pair: the same mailbox, once with dots and once with a +tag.
async function gmailPair(first) {
  const last = unique('Holm');
  const local = `${first}${last}`.toLowerCase();
  const dotted = await newCustomer({
    first_name: first,
    last_name: last,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@gmail.com`,
  });
  const tagged = await newCustomer({
    first_name: first,
    last_name: `${last}-Shop`,
    email: `${local}+shop@gmail.com`,
  });
  return { dotted, tagged };
}

async function pairsFound() {
  const r = await server.api('GET', '/api/admin/duplicates?limit=500');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function openDuplicates(options = {}) {
  const page = await signedInPage(browser, server, { path: '/admin/duplicates', ...options });
  await page.getByRole('heading', { level: 1, name: 'Duplicates' }).waitFor();
  await page.getByTestId('duplicates-count').waitFor();
  return page;
}

const pairRow = (page, a, b) =>
  page.locator(`.duplicates-table tbody tr[data-customer="${a.id}"][data-other="${b.id}"]`);

const panel = (page) => page.getByTestId('possible-duplicates');
const panelItem = (page, c) => panel(page).locator(`li[data-customer-id="${c.id}"]`);

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

async function openProfile(customer, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

// In the open merge dialog: waits for the preview of `merged`, ticks the acknowledgement and
// merges.
async function confirmMerge(page, dialog, merged) {
  await dialog
    .getByRole('list', { name: 'Customers to merge in' })
    .locator(`li[data-customer-id="${merged.id}"]`)
    .waitFor();
  await dialog.locator(`[data-merge-customer="${merged.id}"]`).waitFor();
  await expectAttribute(dialog.getByTestId('merge-preview'), 'aria-busy', 'false');
  const merge = dialog.getByRole('button', { name: 'Merge 1 customer' });
  await dialog.getByRole('checkbox', { name: 'I understand this cannot be undone' }).check();
  await expectState(page, () => merge.isDisabled(), false, 'the merge button once acknowledged');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/merge')),
    merge.click(),
  ]);
  assert.deepEqual(request.postDataJSON(), { merge: [merged.id], fields: {} });
  await expectCount(page.getByRole('dialog'), 0, 'open dialogs');
}

test('a Gmail address with dots and one with a +tag are listed; Not duplicates takes the pair away for good', async () => {
  const { dotted, tagged } = await gmailPair('Dana');
  const before = await pairsFound();
  assert.ok(
    before.items.some((p) => p.customer.id === dotted.id && p.other.id === tagged.id),
    'the server lists the pair, the older customer first',
  );

  const page = await openDuplicates();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expectAttribute(nav.getByRole('link', { name: 'Duplicates' }), 'aria-current', 'page');
  const count = page.getByTestId('duplicates-count');
  await expectText(count, new RegExp(`^${before.pairs_found} likely duplicate pairs?\\b`));

  const row = pairRow(page, dotted, tagged);
  await row.waitFor();
  await expectState(
    page,
    () => row.getByTestId('reasons').locator('li').allTextContents(),
    ['Same e-mail address apart from dots or a +tag'],
    'the reasons',
  );
  await expectText(row.getByTestId('score'), '90%');
  const first = row.locator(`[data-customer-id="${dotted.id}"]`);
  await expectText(first.locator('[data-field="email"]'), dotted.email);
  await expectText(first.locator('[data-field="orders"]'), '0 orders');
  await expectText(first.locator('[data-field="registered"]'), /^Registered \w{3} \d{1,2}, \d{4}$/);
  await expectAttribute(
    row.getByRole('link', { name: tagged.full_name }),
    'href',
    `/admin/customers/${tagged.id}`,
  );
  await screenshot(page, 'duplicates');

  const [dismiss] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/duplicates/dismiss')),
    row.getByRole('button', { name: 'Not duplicates' }).click(),
  ]);
  assert.deepEqual(dismiss.postDataJSON(), { customers: [dotted.id, tagged.id] });
  await notice(page, `${dotted.full_name} and ${tagged.full_name} are marked as not duplicates.`);
  await expectCount(row, 0, 'rows of the dismissed pair');
  await expectText(count, new RegExp(`^${before.pairs_found - 1} likely duplicate pairs?\\b|^No `));

  const after = await pairsFound();
  assert.equal(after.pairs_found, before.pairs_found - 1);
  assert.ok(!after.items.some((p) => p.customer.id === dotted.id && p.other.id === tagged.id));

  // Gone after a reload too, and from both profiles.
  await page.reload();
  await page.getByTestId('duplicates-count').waitFor();
  await expectText(
    page.getByTestId('duplicates-count'),
    new RegExp(`^${after.pairs_found} likely duplicate pairs?\\b|^No likely duplicate pairs$`),
  );
  assert.equal(await pairRow(page, dotted, tagged).count(), 0, 'the pair after a reload');
  for (const c of [dotted, tagged]) {
    const r = await server.api('GET', `/api/admin/customers/${c.id}/duplicates`);
    assert.deepEqual(r.body.items, [], `the candidates of ${c.full_name}`);
  }

  // The audit log says so in words.
  const profile = await openProfile(dotted);
  await profile.getByRole('tab', { name: 'Activity' }).click();
  await profile
    .getByRole('tabpanel')
    .locator('.timeline__item')
    .first()
    .getByText('Marked as not duplicates')
    .waitFor();
  assert.equal(await panel(profile).count(), 0, 'no panel without candidates');

  expectNoProblems(page);
  expectNoProblems(profile);
  await page.context().close();
  await profile.context().close();
});

test('Merge… on the Duplicates page keeps the older customer and merges the other in', async () => {
  const last = unique('Berg');
  const older = await newCustomer({
    first_name: 'Ingrid',
    last_name: last,
    email: `Ingrid.${last}@example.com`,
  });
  const guest = await newCustomer({
    kind: 'guest',
    first_name: 'Inge',
    last_name: last,
    email: `ingrid.${last.toLowerCase()}@example.com`,
  });
  await paidOrder(guest, 2500);

  const page = await openDuplicates();
  const row = pairRow(page, older, guest);
  await row.waitFor();
  await expectState(
    page,
    () => row.getByTestId('reasons').locator('li').allTextContents(),
    ['Same e-mail address'],
    'the reasons',
  );
  await expectText(row.getByTestId('score'), '95%');
  await expectText(
    row.locator(`[data-customer-id="${guest.id}"] [data-field="orders"]`),
    '1 order',
  );

  await row.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge duplicates into ${older.full_name}` });
  await dialog.waitFor();
  await expectText(dialog.getByTestId('merge-survivor'), new RegExp(`^${older.full_name}`));
  await confirmMerge(page, dialog, guest);
  await notice(page, `Merged ${guest.full_name} into ${older.full_name}.`);
  await expectCount(row, 0, 'rows of the merged pair');

  const stored = await server.api('GET', `/api/admin/customers/${older.id}`);
  assert.equal(stored.body.id, older.id);
  assert.equal(stored.body.orders_count, 1, 'the order moved to the survivor');
  const merged = await server.api('GET', `/api/admin/customers/${guest.id}`);
  assert.equal(merged.body.id, older.id, "the guest's old id leads to the survivor");

  expectNoProblems(page);
  await page.context().close();
});

test('the profile lists a possible duplicate; Merge… → preview → confirm merges it into this customer', async () => {
  const last = unique('Moreau');
  const shared = phone();
  const survivor = await newCustomer({
    first_name: 'Claire',
    last_name: last,
    email: `claire.${last.toLowerCase()}@example.com`,
    phone: shared,
  });
  const duplicate = await newCustomer({
    first_name: 'Clara',
    last_name: last,
    email: `c.${last.toLowerCase()}@example.org`,
    phone: shared,
  });
  await paidOrder(duplicate, 1500);

  const page = await openProfile(survivor);
  const item = panelItem(page, duplicate);
  await item.waitFor();
  await panel(page).getByRole('heading', { name: 'Possible duplicates' }).waitFor();
  await expectCount(panel(page).locator('li[data-customer-id]'), 1, 'candidates');
  await expectState(
    page,
    () => item.locator('[data-reason]').allTextContents(),
    ['Same phone number'],
    'the reasons',
  );
  await expectText(item.getByTestId('score'), '80%');
  await expectText(item.locator('[data-field="phone"]'), shared);
  await expectText(page.getByTestId('order-summary'), /^0 orders · /);
  await screenshot(page, 'possible-duplicates');

  await item.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge duplicates into ${survivor.full_name}` });
  await dialog.waitFor();
  await expectState(
    page,
    () =>
      dialog
        .locator('[data-merge-customer] [data-move]')
        .evaluateAll((els) => els.map((el) => [el.dataset.move, el.textContent.trim()])),
    [
      ['orders', '1 order'],
      ['transactions', '1 transaction'],
    ],
    'what moves',
  );
  await confirmMerge(page, dialog, duplicate);
  await notice(page, `Merged ${duplicate.full_name} into ${survivor.full_name}.`);

  // The profile is the survivor's, with the order that moved in; the panel is gone.
  await page.getByRole('heading', { level: 1 }).filter({ hasText: survivor.full_name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/admin/customers/${survivor.id}`);
  await expectText(page.getByTestId('order-summary'), /^1 order · \$15\.00 spent/);
  await expectCount(panel(page), 0, 'possible duplicates panels');
  const left = await server.api('GET', `/api/admin/customers/${survivor.id}/duplicates`);
  assert.deepEqual(left.body.items, []);

  expectNoProblems(page);
  await page.context().close();
});

test('on a guest record, Merge… keeps the registered account it duplicates and opens it', async () => {
  const last = unique('Novak');
  const email = `petra.${last.toLowerCase()}@example.com`;
  const guest = await newCustomer({ kind: 'guest', first_name: 'Petra', last_name: last, email });
  const account = await newCustomer({ first_name: 'Petra', last_name: `${last}a`, email });

  const page = await openProfile(guest);
  const item = panelItem(page, account);
  await item.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: `Merge duplicates into ${account.full_name}` });
  await dialog.waitFor();
  await confirmMerge(page, dialog, guest);
  await notice(page, `Merged ${guest.full_name} into ${account.full_name}.`);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: account.full_name }).waitFor();
  await expectState(
    page,
    () => new URL(page.url()).pathname,
    `/admin/customers/${account.id}`,
    'the URL',
  );
  expectNoProblems(page);
  await page.context().close();
});

test('without the permissions the pairs show without buttons: support may only mark them', async () => {
  const { dotted, tagged } = await gmailPair('Ola');
  const viewer = createAdmin(server, {
    email: `viewer.dup.${process.pid}@example.com`,
    name: 'Vera Viewer',
    role: 'viewer',
  });
  const support = createAdmin(server, {
    email: `support.dup.${process.pid}@example.com`,
    name: 'Sam Support',
    role: 'support',
  });

  const seen = await openDuplicates({ who: viewer });
  const row = pairRow(seen, dotted, tagged);
  await row.waitFor();
  assert.equal(await row.getByRole('button').count(), 0, "a viewer's buttons");
  const profile = await openProfile(dotted, { who: viewer });
  await panelItem(profile, tagged).waitFor();
  assert.equal(await panel(profile).getByRole('button').count(), 0, "a viewer's panel buttons");
  expectNoProblems(seen);
  expectNoProblems(profile);
  await seen.context().close();
  await profile.context().close();

  const page = await openDuplicates({ who: support });
  await pairRow(page, dotted, tagged).waitFor();
  assert.deepEqual(
    await pairRow(page, dotted, tagged).getByRole('button').allTextContents(),
    ['Not duplicates'],
    "support's buttons",
  );
  expectNoProblems(page);
  await page.context().close();
});
