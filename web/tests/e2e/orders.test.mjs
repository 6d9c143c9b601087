// Orders and transactions in Chromium against the real server and a real SMTP server (maildev):
// the owner places an order for a shopper from the profile (products from the catalog, live
// totals), records it paid in two parts, is refused a refund above what was paid, copies the
// public link, which opens the order signed out; the Transactions tab lists the payments and takes
// a manual entry; the customer list sorts and filters by what customers bought; the shopper sees
// the order under My orders, with Pay now on one still to pay. Also: cancelling asks first and
// takes the order out of the figures (at phone width), and Settings keeps the payment link
// template.
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
  openPage,
  PHONE,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  useServerAndBrowser,
  waitForMail,
  waitForResults,
} from './harness.mjs';

const kVerifySubject = /^Confirm your e-mail address/;
const kPaymentTemplate = 'https://pay.example.com/{number}?token={token}&amount={total}';
let shopper; // registered and confirmed before the tests, with the admin API's record
let serial = 0;

useServerAndBrowser(
  { customers: 60, serveArgs: smtpArgs() },
  {
    prepare: async () => {
      for (const product of [
        { sku: 'MUG-BLUE', name: 'Blue mug', price: 1250 },
        { sku: 'TEE-LARGE', name: 'Linen tee', price: 2000 },
      ]) {
        const r = await server.api('POST', '/api/admin/products', product);
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
      const s = await server.api('PATCH', '/api/admin/settings', {
        payment_url_template: kPaymentTemplate,
      });
      assert.equal(s.status, 200, JSON.stringify(s.body));
      shopper = await registeredShopper({
        first: 'Ines',
        last: 'Okafor',
        email: `ines.orders.${Date.now()}.${process.pid}@example.com`,
        password: 'saffron meadow kettle 4',
      });
    },
  },
);

async function storeApi(method, path, body) {
  const res = await fetch(`${server.url}/api/store${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Registers `who` in the customer area and confirms the address with the e-mail's link; returns
// `who` with the customer's id.
async function registeredShopper(who) {
  const r = await storeApi('POST', '/register', {
    first_name: who.first,
    last_name: who.last,
    email: who.email,
    password: who.password,
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const [mail] = await waitForMail(who.email, kVerifySubject);
  const link = /https?:\/\/[^\s"<>]+\/account\/verify\?token=[^\s"<>]+/.exec(mail.text);
  assert.ok(link, mail.text);
  const token = new URL(link[0]).searchParams.get('token');
  const v = await storeApi('POST', '/verify', { token, password: who.password });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  const list = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(who.email)}`);
  const customer = list.body.items.find((c) => c.email === who.email);
  assert.ok(customer);
  return { ...who, id: customer.id, name: `${who.first} ${who.last}` };
}

// The `skip`-th active customer of the demo store (by name), with an order of `total` cents
// placed through the API, paid in full when `paid`.
async function customerWithOrder(total, { skip = 0, paid = false } = {}) {
  const query = `status=active&kind=registered&sort=name&limit=${skip + 1}`;
  const customer = (await server.api('GET', `/api/admin/customers?${query}`)).body.items[skip];
  assert.ok(customer);
  serial += 1;
  const r = await server.api('POST', '/api/admin/orders', {
    number: `API-${process.pid}-${serial}`,
    customer_id: customer.id,
    type: 'online',
    items: [{ sku: 'MUG-BLUE', quantity: 1, unit_price: total }],
    ...(paid ? { payments: [{ amount: total, method: 'card' }] } : {}),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { customer, order: r.body };
}

async function openTab(customerId, tab, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customerId}`,
    ...options,
  });
  await page.getByRole('tab', { name: tab }).click();
  await expectAttribute(page.getByRole('tab', { name: tab }), 'aria-selected', 'true');
  return page;
}

const orderRows = (page, number) => page.locator(`tbody[data-order="${number}"]`);

test('an order placed for a customer, paid in two parts, shown by its public link', async () => {
  const page = await openTab(shopper.id, 'Orders', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const panel = page.getByRole('tabpanel');
  await panel.getByText('No orders yet.').waitFor();
  await expectText(page.getByTestId('order-summary'), '0 orders · $0.00 spent');

  // Place order: a proposed number, products found by name and by SKU, live totals.
  await panel.getByRole('button', { name: 'Place order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Place order' });
  const numberField = dialog.getByLabel('Order number');
  await expectValue(numberField, /^M-\d{6}-[A-Z0-9]{4}$/);
  const number = `${await numberField.inputValue()}-A`;
  await numberField.fill(number);
  await dialog.getByLabel('Find a product').fill('blue');
  await dialog.getByRole('button', { name: 'Add Blue mug (MUG-BLUE)' }).click();
  await dialog.getByLabel('Quantity of Blue mug').fill('2');
  await dialog.getByLabel('Find a product').fill('TEE-L');
  await expectCount(dialog.locator('.product-picker__results li'), 1);
  await dialog.getByRole('button', { name: 'Add Linen tee (TEE-LARGE)' }).click();
  await dialog.getByLabel('Shipping', { exact: true }).fill('5');
  const live = dialog.getByTestId('live-totals').locator('dd');
  await expectText(live.first(), '$45.00', 'the subtotal');
  await expectText(live.last(), '$50.00', 'the total');
  // A price changed by hand counts at once.
  await dialog.getByLabel('Unit price of Linen tee').fill('22.5');
  await expectText(live.last(), '$52.50', 'the total');
  await dialog.getByLabel('Unit price of Linen tee').fill('20.00');
  await screenshot(page, 'orders-place-order');
  await dialog.getByRole('button', { name: 'Place order · $50.00' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page
    .getByRole('status')
    .filter({ hasText: `Order ${number} is placed.` })
    .waitFor();

  // The new order is open in the list with its totals; payment is pending.
  const rows = orderRows(page, number);
  await expectText(rows.getByTestId('order-total'), '$50.00');
  await expectText(rows.getByTestId('order-due'), '$50.00');
  await expectText(rows.locator('[data-payment-status]'), 'Pending');
  const totals = rows.getByTestId('order-totals');
  await totals.getByText('$45.00').waitFor();
  await rows.getByRole('cell', { name: 'Blue mug', exact: true }).waitFor();
  await expectText(page.getByTestId('order-summary'), /^1 order · \$0\.00 spent · last order /);
  await rows.getByRole('button', { name: 'Copy payment link' }).waitFor();

  // A partial payment leaves it pending; the rest makes it paid.
  await rows.getByRole('button', { name: 'Record payment' }).click();
  let form = page.getByRole('form', { name: `Record payment on order ${number}` });
  await expectValue(form.getByLabel('Amount'), '50.00');
  await form.getByLabel('Amount').fill('20');
  await form.getByLabel('Method').fill('card');
  await form.getByRole('button', { name: 'Record payment' }).click();
  await form.waitFor({ state: 'detached' });
  await expectText(rows.getByTestId('order-due'), '$30.00');
  await expectText(rows.locator('[data-payment-status]'), 'Pending');
  await expectText(page.getByTestId('order-summary'), /^1 order · \$20\.00 spent/);

  await rows.getByRole('button', { name: 'Record payment' }).click();
  form = page.getByRole('form', { name: `Record payment on order ${number}` });
  await expectValue(form.getByLabel('Amount'), '30.00');
  await form.getByLabel('Method').fill('cash');
  await form.getByRole('button', { name: 'Record payment' }).click();
  await form.waitFor({ state: 'detached' });
  await expectText(rows.locator('[data-payment-status]'), 'Paid');
  await expectText(rows.getByTestId('order-due'), '$0.00');
  await expectText(page.getByTestId('order-summary'), /^1 order · \$50\.00 spent/);
  await expectCount(rows.getByRole('button', { name: 'Copy payment link' }), 0);
  await screenshot(page, 'orders-paid');

  // A refund above what was paid is refused, on the form.
  await rows.getByRole('button', { name: 'Refund' }).click();
  form = page.getByRole('form', { name: `Refund on order ${number}` });
  await expectValue(form.getByLabel('Amount'), '50.00');
  await form.getByLabel('Amount').fill('60');
  await form.getByRole('button', { name: 'Refund' }).click();
  await expectText(form.getByRole('alert'), /Only 50\.00 USD was paid and not refunded\./);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expectText(rows.locator('[data-payment-status]'), 'Paid');

  // The public link, copied, opens the order for someone signed out.
  await rows.getByRole('button', { name: 'Copy public link' }).click();
  await expectText(rows.getByRole('status'), 'Public link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /\/account\/order\?id=ord_[^&]+&token=.+/);
  const visitor = await openPage(browser);
  await visitor.goto(link);
  await visitor.getByRole('heading', { name: `Order ${number}`, level: 1 }).waitFor();
  await visitor.getByRole('cell', { name: 'Linen tee' }).waitFor();
  await expectText(visitor.getByTestId('order-totals').locator('dd').nth(3), '$50.00');
  await screenshot(visitor, 'orders-public-link');
  const text = await visitor.locator('main').textContent();
  for (const secret of [shopper.email, shopper.last]) {
    assert.ok(!text.includes(secret), `the public page shows ${secret}`);
  }
  await expectCount(visitor.getByRole('button', { name: 'Sign out' }), 0);
  expectNoProblems(visitor, { allowStatuses: [401] }); // the session check of a visitor
  await visitor.context().close();

  // The Transactions tab lists both payments, and takes a manual entry.
  await page.getByRole('tab', { name: 'Transactions' }).click();
  const trx = page.locator('.transactions-table tbody tr');
  await expectCount(trx, 2);
  // Kind, amount, method, description, order and who, newest first (after the date).
  const cells = () =>
    trx.evaluateAll((rs) => rs.map((r) => [...r.cells].slice(1).map((c) => c.textContent.trim())));
  assert.deepEqual(await cells(), [
    ['Payment', '$30.00', 'cash', '—', number, 'Olivia Owner'],
    ['Payment', '$20.00', 'card', '—', number, 'Olivia Owner'],
  ]);
  await page.getByRole('button', { name: 'Manual entry' }).click();
  const entry = page.getByRole('form', { name: 'Manual entry' });
  await expectValue(entry.getByLabel('Currency'), 'USD');
  await entry.getByLabel('Amount').fill('-5');
  await entry.getByLabel('Method').fill('adjustment');
  await entry.getByLabel('Description').fill('Goodwill for a late parcel');
  await entry.getByLabel('Order number').fill(number);
  await entry.getByRole('button', { name: 'Record entry' }).click();
  await expectCount(trx, 3);
  await screenshot(page, 'orders-transactions');
  assert.deepEqual((await cells())[0], [
    'Manual entry',
    '-$5.00',
    'adjustment',
    'Goodwill for a late parcel',
    number,
    'Olivia Owner',
  ]);
  expectNoProblems(page, { allowStatuses: [409] });
  await page.context().close();

  // The customer list sorted by total spent has the shopper first.
  const list = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(list, '');
  const header = list.locator('.customers-table thead th').filter({ hasText: 'Total spent' });
  await header.getByRole('button').click();
  await expectAttribute(header, 'aria-sort', 'descending');
  await list.waitForURL(/sort=-total_spent(&|$)/);
  const first = list.locator('.customers-table tbody tr').first();
  await expectText(first.locator('td.col-name a'), shopper.name);
  await expectText(first.locator('td.col-total_spent'), '$50.00');
  await expectText(first.locator('td.col-orders'), '1');
  expectNoProblems(list);
  await list.context().close();

  // The shopper sees the order under My orders and opens it; one still to pay has Pay now.
  const unpaid = await server.api('POST', '/api/admin/orders', {
    number: `${number}-B`,
    customer_id: shopper.id,
    items: [{ sku: 'MUG-BLUE', quantity: 1 }],
  });
  assert.equal(unpaid.status, 201, JSON.stringify(unpaid.body));
  const own = await openPage(browser);
  await own.goto(`${server.url}/account/sign-in`);
  await own.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await own.getByLabel('E-mail', { exact: true }).fill(shopper.email);
  await own.getByLabel('Password', { exact: true }).fill(shopper.password);
  await own.getByRole('button', { name: 'Sign in' }).click();
  await own
    .getByRole('navigation', { name: 'Your account' })
    .getByRole('link', { name: 'My orders' })
    .click();
  await own.getByRole('heading', { name: 'My orders', level: 1 }).waitFor();
  const mine = own.locator(`tr[data-order="${number}"]`);
  await expectText(mine.locator('[data-payment-status]'), 'Paid');
  await expectText(mine.locator('td.num'), '$50.00');
  await expectCount(mine.getByRole('link', { name: 'Pay now' }), 0);
  const toPay = own.locator(`tr[data-order="${number}-B"]`);
  await expectText(toPay.locator('[data-payment-status]'), 'Awaiting payment');
  const payHref = await toPay.getByRole('link', { name: 'Pay now' }).getAttribute('href');
  assert.match(
    payHref,
    new RegExp(`^https://pay\\.example\\.com/${number}-B\\?token=.+&amount=1250$`),
  );
  await screenshot(own, 'orders-my-orders');
  await toPay.getByRole('link', { name: 'View' }).click();
  await own.getByRole('heading', { name: `Order ${number}-B`, level: 1 }).waitFor();
  await expectAttribute(own.getByRole('link', { name: 'Pay now' }), 'href', payHref);
  await own.getByRole('link', { name: '← My orders' }).click();
  await mine.getByRole('link', { name: 'View' }).click();
  await own.getByRole('heading', { name: `Order ${number}`, level: 1 }).waitFor();
  await expectCount(own.getByRole('link', { name: 'Pay now' }), 0);
  await screenshot(own, 'orders-shopper-order');
  expectNoProblems(own, { allowStatuses: [401] }); // the session check before signing in
  await own.context().close();
});

test('cancelling an order asks first and takes it out of the figures (on a phone)', async () => {
  const { customer, order } = await customerWithOrder(4200);
  const page = await openTab(customer.id, 'Orders', { viewport: PHONE });
  await expectText(page.getByTestId('order-summary'), /^1 order · \$0\.00 spent/);
  const rows = orderRows(page, order.number);
  await rows.getByRole('button', { name: order.number }).click();
  await expectAttribute(rows.getByRole('button', { name: order.number }), 'aria-expanded', 'true');
  const status = rows.getByRole('group', { name: `Status of order ${order.number}` });
  await status.getByRole('button', { name: 'Fulfilled' }).click();
  await expectAttribute(status.getByRole('button', { name: 'Fulfilled' }), 'aria-pressed', 'true');
  await expectText(rows.locator('[data-order-status]'), 'Fulfilled');

  await status.getByRole('button', { name: 'Cancelled' }).click();
  const confirm = page.getByRole('dialog', { name: `Cancel order ${order.number}?` });
  await confirm.getByRole('button', { name: 'Cancel', exact: true }).click();
  await confirm.waitFor({ state: 'hidden' });
  await expectText(rows.locator('[data-order-status]'), 'Fulfilled');
  await status.getByRole('button', { name: 'Cancelled' }).click();
  await confirm.getByRole('button', { name: 'Cancel order' }).click();
  await expectText(rows.locator('[data-order-status]'), 'Cancelled');
  await expectText(page.getByTestId('order-summary'), /^0 orders · \$0\.00 spent/);
  // A cancelled order takes no payment.
  assert.equal(await rows.getByRole('button', { name: 'Record payment' }).isDisabled(), true);
  const stored = await server.api('GET', `/api/admin/orders/${order.id}`);
  assert.equal(stored.body.status, 'cancelled');
  await screenshot(page, 'orders-cancelled');
  await expectState(
    page,
    () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    0,
    'how much wider than the phone the page is',
  );
  expectNoProblems(page);
  await page.context().close();
});

test('the customer list filters by orders, spending and a bought product, in the URL', async () => {
  const { customer } = await customerWithOrder(12345, { skip: 1, paid: true });
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  const names = () =>
    page
      .locator('.customers-table tbody td.col-name a')
      .evaluateAll((links) => links.map((a) => a.textContent.trim()));
  await page.getByLabel('Spent at least').fill('100');
  await page.getByLabel('Spent at least').press('Enter');
  await page.waitForURL(/total_spent_min=10000(&|$)/);
  await expectState(page, names, [customer.full_name], 'the customers who spent $100');
  await expectValue(page.getByLabel('Spent at least'), '100.00');

  await page.getByLabel('Spent at least').fill('');
  await page.getByLabel('Spent at least').press('Enter');
  await page.getByLabel('Bought product').fill('MUG-BLUE');
  await page.getByLabel('Bought product').press('Enter');
  await page.getByLabel('Orders at least').fill('1');
  await page.getByLabel('Orders at least').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('orders_min') === '1');
  assert.equal(new URL(page.url()).searchParams.get('bought_product'), 'MUG-BLUE');
  const expected = await server.api(
    'GET',
    '/api/admin/customers?bought_product=MUG-BLUE&orders_min=1&limit=50',
  );
  assert.ok(expected.body.items.length >= 1);
  await expectState(
    page,
    names,
    expected.body.items.map((c) => c.full_name),
    'the customers who bought MUG-BLUE',
  );

  // Reloaded, the filters come back from the URL.
  await page.reload();
  await waitForResults(page, '');
  await expectValue(page.getByLabel('Bought product'), 'MUG-BLUE');
  await expectValue(page.getByLabel('Orders at least'), '1');
  expectNoProblems(page);
  await page.context().close();
});

test('Settings keeps the payment link template', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/settings' });
  const field = page.getByLabel('Payment link template');
  await expectValue(field, kPaymentTemplate);
  await page.getByText('{number} {id} {token} {total} {currency}').waitFor();
  const changed = 'https://pay.example.com/o/{id}?t={token}&c={currency}';
  await field.fill(changed);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
  const stored = await server.api('GET', '/api/admin/settings');
  assert.equal(stored.body.payment_url_template, changed);
  await page.reload();
  await expectValue(page.getByLabel('Payment link template'), changed);
  expectNoProblems(page);
  await page.context().close();
});

test("an order's view link works while the customer area is closed", async () => {
  const { order } = await customerWithOrder(2100);
  const closed = await server.api('PATCH', '/api/admin/settings', { account_mode: 'disabled' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  try {
    const visitor = await openPage(browser);
    await visitor.goto(order.view_url.replace(/^https?:\/\/[^/]+/, server.url));
    await visitor.getByRole('heading', { name: `Order ${order.number}`, level: 1 }).waitFor();
    await expectText(visitor.getByTestId('order-totals').locator('dd').nth(3), '$21.00');
    expectNoProblems(visitor, { allowStatuses: [401, 403] });
    await visitor.context().close();
  } finally {
    await server.api('PATCH', '/api/admin/settings', { account_mode: 'optional' });
  }
});
