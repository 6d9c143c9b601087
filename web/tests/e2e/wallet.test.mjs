// Store credit (the wallet), in Chromium against the real server and a real SMTP server (maildev):
// the owner adds credit with an expiry on a customer's Wallet tab, e-mailing the customer, deducts
// some, and is told at the amount when a deduction is more than the balance; a support admin sees
// the tab without the form; the store-wide Wallet history with its kind and day filters, pages
// and CSV link; and a shopper's Store credit page in the customer area, empty and then filled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectCount,
  expectFocused,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  openPage,
  OWNER,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  useServerAndBrowser,
  waitForMail,
} from './harness.mjs';

useServerAndBrowser({ customers: 20, serveArgs: smtpArgs() });

const kBalanceSubject = /balance has changed$/;
const kVerifySubject = /^Confirm your e-mail address/;
const kUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let serial = 0;

// An address nobody else in the test mail server uses (maildev keeps the mail of earlier runs).
function uniqueEmail(first) {
  serial += 1;
  return `${first.toLowerCase()}.wallet.${Date.now()}.${process.pid}.${serial}@example.com`;
}

// The day `days` from today (UTC, the store's time zone here) as "2026-11-23".
function dayFromToday(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// "Jan 1, 2027", as the admin and the browser (en-US, UTC) show a day.
function shownDay(day) {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(`${day}T00:00:00Z`));
}

async function handMadeCustomer(first, last = 'Okafor') {
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: last,
    email: uniqueEmail(first),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

// Adds (or, negative, deducts) `amount` minor units behind the UI's back.
async function walletChange(customer, body) {
  const r = await server.api('POST', `/api/admin/customers/${customer.id}/wallet`, body, {
    'idempotency-key': `e2e-${Date.now()}-${Math.random()}`,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function openWalletTab(customer, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  await page.getByRole('tab', { name: 'Wallet' }).click();
  await page.getByRole('heading', { name: 'Balance', level: 2 }).waitFor();
  return page;
}

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

const historyRows = (page) =>
  page.getByRole('table', { name: 'Wallet history' }).locator('tbody tr');

test('the owner adds credit with an expiry and an e-mail, deducts some, and cannot overdraw', async () => {
  const customer = await handMadeCustomer('Wanda');
  const page = await openWalletTab(customer);
  await page.getByText('No store credit yet.').waitFor();
  const form = page.getByRole('form', { name: 'Add or deduct' });
  await expectValue(form.getByLabel('Currency'), 'USD', 'the store currency by default');

  // A typed amount the currency cannot have is explained before anything is sent.
  await form.getByLabel('Amount').fill('12.345');
  await form.getByRole('button', { name: 'Add credit' }).click();
  await form
    .locator('.field--invalid')
    .filter({ hasText: 'USD amounts have at most 2 decimal places.' })
    .waitFor();
  await expectFocused(form.getByLabel('Amount'));

  const expiry = dayFromToday(30);
  await form.getByLabel('Amount').fill('25.00');
  await form.getByLabel('Reason (optional)').fill('Damaged parcel');
  await form.getByLabel('Order reference (optional)').fill('R-1001');
  await form.getByLabel('Expires on (optional)').fill(expiry);
  await form.getByRole('checkbox', { name: 'Notify the customer by e-mail' }).check();
  await screenshot(page, 'wallet-tab-form');
  const [credit] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/wallet')),
    form.getByRole('button', { name: 'Add credit' }).click(),
  ]);
  assert.deepEqual(credit.postDataJSON(), {
    amount: 2500,
    currency: 'USD',
    reason: 'Damaged parcel',
    order_ref: 'R-1001',
    expires_at: `${expiry}T00:00:00Z`,
    notify: true,
  });
  assert.match(credit.headers()['idempotency-key'], kUuid);
  await notice(page, 'Added $25.00 — balance $25.00');
  await expectText(page.getByTestId('wallet-balance'), '$25.00');
  const credits = page.getByRole('list', { name: 'Open credits in USD' }).getByRole('listitem');
  await expectText(
    credits,
    new RegExp(
      `^\\$25\\.00 left of \\$25\\.00 .*Damaged parcel.*expires on ${shownDay(expiry)} \\(in 30 days\\)$`,
    ),
  );
  await expectCount(historyRows(page), 1, 'history rows');
  for (const text of ['Credit', '+$25.00', 'Damaged parcel', 'R-1001', OWNER.name]) {
    await historyRows(page).first().getByRole('cell', { name: text, exact: true }).waitFor();
  }
  await expectValue(form.getByLabel('Amount'), '', 'the amount after saving');

  // A negative amount deducts; a deduction cannot expire.
  await form.getByLabel('Amount').fill('-10.00');
  await expectCount(form.getByLabel('Expires on (optional)'), 0, 'expiry fields');
  await form.getByLabel('Reason (optional)').fill('Used on order R-1002');
  const [debit] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/wallet')),
    form.getByRole('button', { name: 'Deduct' }).click(),
  ]);
  assert.deepEqual(debit.postDataJSON(), {
    amount: -1000,
    currency: 'USD',
    reason: 'Used on order R-1002',
  });
  assert.notEqual(debit.headers()['idempotency-key'], credit.headers()['idempotency-key']);
  await notice(page, 'Deducted $10.00 — balance $15.00');
  await expectText(page.getByTestId('wallet-balance'), '$15.00');
  await expectText(credits, /^\$15\.00 left of \$25\.00 /);
  await expectCount(historyRows(page), 2, 'history rows');
  await historyRows(page).first().getByRole('cell', { name: '-$10.00', exact: true }).waitFor();

  // More than the balance: said at the amount, nothing changes; trying again sends the same key.
  const tryTooMuch = async () => {
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/wallet')),
      form.getByRole('button', { name: 'Deduct' }).click(),
    ]);
    const amount = form.locator('.field--invalid').filter({ hasText: 'Amount' });
    await amount.getByText('The balance is 15.00 USD').waitFor();
    await expectFocused(form.getByLabel('Amount'));
    return request.headers()['idempotency-key'];
  };
  await form.getByLabel('Amount').fill('-100');
  await form.getByLabel('Reason (optional)').fill('');
  const first = await tryTooMuch();
  await form.getByRole('alert').getByText('One field needs attention.').waitFor();
  const again = await tryTooMuch();
  assert.equal(again, first, 'a retry of the same submission keeps its key');
  await expectText(page.getByTestId('wallet-balance'), '$15.00');
  await expectCount(historyRows(page), 2, 'history rows');
  const stored = await server.api('GET', `/api/admin/customers/${customer.id}/wallet`);
  assert.equal(stored.body.balances[0].available, 1500);

  const [mail] = await waitForMail(customer.email, kBalanceSubject);
  assert.match(mail.text, /changed by \+25\.00 USD/);
  assert.match(mail.text, /Reason: Damaged parcel/);
  assert.match(mail.text, /balance is now 25\.00 USD/);
  await screenshot(page, 'wallet-tab');
  expectNoProblems(page, { allowStatuses: [409] });
  await page.context().close();
});

test('a support admin sees the Wallet tab without the form', async () => {
  const customer = await handMadeCustomer('Sunil');
  await walletChange(customer, { amount: 1234, currency: 'EUR', reason: 'Goodwill' });
  const support = createAdmin(server, {
    email: `support.${Date.now()}@example.com`,
    name: 'Sam Support',
    role: 'support',
  });
  const page = await openWalletTab(customer, { who: support });
  await expectText(page.getByTestId('wallet-balance'), '€12.34');
  await historyRows(page).first().getByRole('cell', { name: 'Goodwill', exact: true }).waitFor();
  await expectCount(page.getByRole('form', { name: 'Add or deduct' }), 0, 'wallet forms');
  await expectCount(page.getByLabel('Amount'), 0, 'amount fields');
  expectNoProblems(page);
  await page.context().close();
});

test('Wallet history lists every customer, filters by kind and day, pages, and exports the same', async () => {
  const customer = await handMadeCustomer('Henrik', 'Lund');
  for (let i = 0; i < 51; i++) {
    await walletChange(customer, { amount: 100, currency: 'USD', reason: `Stamp ${i + 1}` });
  }
  await walletChange(customer, { amount: -250, currency: 'USD', reason: 'Paid part of R-77' });

  // A support admin may not run export jobs, so the page offers the direct CSV download (roles
  // that may export get the Export… dialog, tested in export.test.mjs).
  const support = createAdmin(server, {
    email: `support.history.${Date.now()}@example.com`,
    name: 'Sasha Support',
    role: 'support',
  });
  const page = await signedInPage(browser, server, { path: '/admin/customers', who: support });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Wallet history' })
    .click();
  await page.getByRole('heading', { name: 'Wallet history', level: 1 }).waitFor();
  const rows = page.locator('.wallet-history-table tbody tr');
  await expectCount(rows, 50, 'rows of the first page');
  const newest = rows.first();
  await newest.getByRole('link', { name: customer.full_name }).waitFor();
  await newest.getByRole('cell', { name: customer.email, exact: true }).waitFor();
  await newest.getByRole('cell', { name: 'Deduction', exact: true }).waitFor();
  await newest.getByRole('cell', { name: '-$2.50', exact: true }).waitFor();

  // The next page goes on where the first ended, and back.
  const firstPage = await rows.locator('td[data-label="Reason"]').allTextContents();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expectState(
    page,
    async () =>
      (await rows.first().locator('td[data-label="Reason"]').textContent()) !== firstPage[0],
    true,
    'the second page shown',
  );
  const secondPage = await rows.locator('td[data-label="Reason"]').allTextContents();
  assert.ok(secondPage.includes('Stamp 1') && secondPage.includes('Stamp 2'), 'the oldest two');
  assert.deepEqual(
    secondPage.filter((r) => firstPage.includes(r)),
    [],
    'no entry on both pages',
  );
  await page.getByRole('button', { name: '← Previous' }).click();
  await expectText(rows.first().locator('td[data-label="Reason"]'), firstPage[0]);

  // Deductions only, from today: in the list, the address bar and the CSV link.
  await page.getByLabel('Kind').selectOption('debit');
  await page.getByLabel('From', { exact: true }).fill(dayFromToday(0));
  await expectState(
    page,
    async () => [...new Set(await rows.locator('td[data-label="Kind"]').allTextContents())],
    ['Deduction'],
    'the kinds listed',
  );
  await rows.filter({ hasText: 'Paid part of R-77' }).waitFor();
  await expectCount(rows.filter({ hasText: 'Stamp' }), 0, 'credits listed');
  await expectState(
    page,
    () => new URL(page.url()).search,
    `?from=${dayFromToday(0)}&kind=debit`,
    'the search of the address',
  );
  const csv = page.getByRole('link', { name: 'Download CSV' });
  const href = await csv.getAttribute('href');
  const params = new URL(href, server.url).searchParams;
  assert.equal(new URL(href, server.url).pathname, '/api/admin/wallet.csv');
  assert.equal(params.get('kind'), 'debit');
  assert.equal(params.get('from'), `${dayFromToday(0)}T00:00:00Z`);
  await screenshot(page, 'wallet-history');
  const text = await page.evaluate((url) => fetch(url).then((r) => r.text()), href);
  assert.match(text, /Paid part of R-77/);
  assert.doesNotMatch(text, /Stamp \d+/);

  await rows
    .filter({ hasText: 'Paid part of R-77' })
    .getByRole('link', { name: customer.full_name })
    .click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/admin/customers/${customer.id}`);
  expectNoProblems(page);
  await page.context().close();
});

// Calls the store API anonymously: { status, body }.
async function storeApi(method, path, body) {
  const res = await fetch(`${server.url}/api/store${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Registers a shopper and confirms the address with the verification e-mail's link.
async function registeredShopper(first) {
  const who = {
    first,
    last: 'Novak',
    email: uniqueEmail(first),
    password: 'copper meadow kite 42',
  };
  const r = await storeApi('POST', '/register', {
    first_name: who.first,
    last_name: who.last,
    email: who.email,
    password: who.password,
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const [mail] = await waitForMail(who.email, kVerifySubject);
  const link = /https?:\/\/[^\s"<>]+\/account\/verify\?token=[^\s"<>]+/.exec(mail.text);
  assert.ok(link, `no verification link in:\n${mail.text}`);
  const token = new URL(link[0]).searchParams.get('token');
  const v = await storeApi('POST', '/verify', { token, password: who.password });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  const list = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(who.email)}`);
  who.customer = list.body.items.find((c) => c.email === who.email);
  assert.ok(who.customer, `${who.email} is a customer`);
  return who;
}

test("a shopper's Store credit page: empty first, then the balance, expiry and history", async () => {
  const who = await registeredShopper('Petra');
  const page = await openPage(browser);
  await page.goto(`${server.url}/account/sign-in`);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Your account' });
  await nav.getByRole('link', { name: 'Store credit' }).click();
  await page.getByRole('heading', { name: 'Store credit', level: 1 }).waitFor();
  await page.getByText('You have no store credit yet.').waitFor();

  const expiry = dayFromToday(10);
  await walletChange(who.customer, {
    amount: 4000,
    currency: 'USD',
    reason: 'Birthday gift',
    expires_at: expiry,
  });
  await walletChange(who.customer, { amount: -1500, currency: 'USD', reason: 'Order R-9' });
  await page.reload();
  await page.getByRole('heading', { name: 'Store credit', level: 1 }).waitFor();
  await expectText(page.getByTestId('wallet-balance'), '$25.00');
  await expectText(
    page.getByRole('list', { name: 'Open credits in USD' }).getByRole('listitem'),
    new RegExp(`^\\$25\\.00 left of \\$40\\.00 .*expires on ${shownDay(expiry)} \\(in 10 days\\)$`),
  );
  const rows = page.getByRole('table', { name: 'Store credit history' }).locator('tbody tr');
  await expectCount(rows, 2, 'history rows');
  await rows.nth(0).getByRole('cell', { name: '-$15.00', exact: true }).waitFor();
  await rows.nth(0).getByRole('cell', { name: 'Order R-9', exact: true }).waitFor();
  await rows.nth(1).getByRole('cell', { name: '+$40.00', exact: true }).waitFor();
  await rows.nth(1).getByRole('cell', { name: 'Birthday gift', exact: true }).waitFor();
  // Who made an entry is the store's business.
  await expectCount(page.getByRole('columnheader', { name: 'By' }), 0, 'By columns');
  await screenshot(page, 'store-credit');
  expectNoProblems(page, { allowStatuses: [401] }); // the session check before signing in
  await page.context().close();
});

test('the customer list shows store credit and filters by it', async () => {
  const holder = await handMadeCustomer('Creditta', 'Listed');
  const other = await handMadeCustomer('Nocredit', 'Listed');
  await walletChange(holder, { amount: 2500, reason: 'List test' });
  const page = await signedInPage(browser, server, { path: '/admin/customers?balance_min=1' });
  const row = (c) => page.getByRole('row').filter({ hasText: `${c.first_name} Listed` });
  await expectText(row(holder).locator('td.col-balance'), '$25.00', 'the store credit cell');
  await expectCount(row(other), 0, 'rows of a customer without credit');
  // Typed in the filter as the store owner writes money: above the balance, nobody.
  const filter = page.getByLabel('Store credit at least');
  await expectValue(filter, '0.01', 'the filter shown as money');
  await filter.fill('30');
  await filter.press('Enter');
  await expectState(
    page,
    () => page.url().includes('balance_min=3000'),
    true,
    'the filter in the URL',
  );
  await expectCount(row(holder), 0, 'rows once the filter is above the balance');
  expectNoProblems(page);
  await page.context().close();
});
