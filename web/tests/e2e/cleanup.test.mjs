// Audit & cleanup, in Chromium against the real server: the activity counts of customers made
// through the API (one with a web address in the name, one at mailinator.com, one with an order)
// before and after "Scan now" with its live progress, the charts' numbers, the interval switch and
// the spam threshold; the review of suspected spam and unused accounts with their signals in
// words, choosing all, none or this page, the confirmation that stays shut until the number is
// typed, a count that changed meanwhile (the server's message, then the new number), the cleanup's
// progress, result and deletion report, and the recent cleanups; the deleted customers are gone
// and the one with an order stays. Disposable domains are added, taken off the list and put back
// as shipped. Shoppers who register from the test (127.0.0.1) in a burst make a network of spam,
// which is blocked through the blacklist and then counts refusals. Viewers and support staff see
// only the controls their role allows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  OWNER,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

const kSku = 'CLEAN-MUG';

useServerAndBrowser(
  { customers: 1 },
  {
    prepare: async () => {
      const r = await server.api('POST', '/api/admin/products', {
        sku: kSku,
        name: 'Cleanup mug',
        price: 1200,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    },
  },
);

// A text in every e-mail address this file makes, to find them in the customer list.
const tag = `cln${process.pid}`;
let serial = 0;

async function newCustomer(first, last, email) {
  const r = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: last,
    email,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function order(customer) {
  serial += 1;
  const r = await server.api('POST', '/api/admin/orders', {
    number: `CLN-${process.pid}-${serial}`,
    customer_id: customer.id,
    type: 'online',
    items: [{ sku: kSku, quantity: 1 }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
}

async function metrics(interval = 'month') {
  const r = await server.api('GET', `/api/admin/cleanup/metrics?interval=${interval}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function candidates(scope) {
  const r = await server.api('GET', `/api/admin/cleanup/candidates?scope=${scope}&limit=200`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// Scores every account behind the UI's back; waits for the scan to finish.
async function scanByApi(page) {
  const r = await server.api('POST', '/api/admin/cleanup/scan');
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await expectState(
    page,
    async () => (await server.api('GET', `/api/admin/jobs/${r.body.id}`)).body.state,
    'succeeded',
    'the state of the scan',
  );
}

async function register(n) {
  serial += 1;
  return fetch(`${server.url}/api/store/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      first_name: 'Reg',
      last_name: `Number${n}`,
      email: `reg${n}.${serial}.${tag}@example.org`,
      password: 'correct horse battery staple',
    }),
  });
}

const percent = (p) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(p)}%`;

async function openCleanup(options = {}) {
  const page = await signedInPage(browser, server, { path: '/admin/cleanup', ...options });
  await page.getByRole('heading', { level: 1, name: 'Audit & cleanup' }).waitFor();
  await page.locator('.cleanup-metrics').waitFor();
  return page;
}

const section = (page, name) => page.getByRole('region', { name });
const metric = (page, key) => page.locator(`[data-metric="${key}"]`);
const count = (page, key) => metric(page, key).getByTestId('count');
const share = (page, key) => metric(page, key).getByTestId('percent');
const reviewRows = (page) =>
  page.getByRole('table', { name: 'Accounts to review' }).locator('tbody tr');
const reviewRow = (page, c) =>
  page.getByRole('table', { name: 'Accounts to review' }).locator(`tr[data-customer-id="${c.id}"]`);

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

// Waits until the review shows the candidates of `scope` (and `days`, when given).
function reviewLoaded(page, scope, days = '') {
  return page.locator(`.cleanup-review__results[data-loaded="${scope}|${days}"]`).waitFor();
}

// The rows of the chart's table: [label, registrations, suspected spam].
function chartRows(page, name) {
  return page
    .getByRole('table', { name })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((cell) => cell.textContent.trim())));
}

let link;
let mia;
let buyer;

test('the counts of active, unused and suspected spam accounts, after Scan now', async () => {
  link = await newCustomer('Visit', 'cheap-pills.ru', `link.${tag}@example.com`);
  mia = await newCustomer('Mia', 'Park', `mia.${tag}@mailinator.com`);
  buyer = await newCustomer('Ann', 'Lee', `ann.${tag}@example.com`);
  await order(buyer);
  const before = await metrics();
  assert.equal(before.suspected_spam, 0, 'nothing is suspected before a scan');
  assert.ok(before.active >= 1, 'the buyer is active');

  const page = await openCleanup();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expectAttribute(nav.getByRole('link', { name: 'Audit & cleanup' }), 'aria-current', 'page');
  await expectText(count(page, 'total'), String(before.total));
  await expectText(count(page, 'active'), String(before.active));
  await expectText(share(page, 'active'), percent(before.percent.active));
  await expectText(count(page, 'unused'), String(before.unused));
  await expectText(share(page, 'unused'), percent(before.percent.unused));
  await expectText(count(page, 'suspected_spam'), '0');
  await expectText(share(page, 'suspected_spam'), 'no scan yet');
  await expectText(page.getByTestId('last-scan'), /^Never scanned\./);

  // Scan now: the live progress until it has finished, then the counts read again.
  const activity = section(page, 'Activity');
  const [started] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/admin/cleanup/scan'),
    ),
    activity.getByRole('button', { name: 'Scan now' }).click(),
  ]);
  assert.equal(started.status(), 202);
  const progress = activity.locator('.job-progress');
  await progress.getByRole('progressbar').waitFor();
  await expectAttribute(progress, 'data-job-state', 'succeeded');
  await expectText(
    progress.getByTestId('scan-result'),
    `${before.total} accounts scanned, 2 suspected spam (score 50 or more)`,
  );
  const after = await metrics();
  assert.equal(after.suspected_spam, 2, 'the web address and the mailinator.com address');
  assert.equal(after.total, before.total);
  await expectText(count(page, 'suspected_spam'), '2');
  await expectText(share(page, 'suspected_spam'), percent(after.percent.suspected_spam));
  await expectText(count(page, 'active'), String(after.active));
  await expectText(
    page.getByTestId('last-scan'),
    new RegExp(
      `^Last scanned .+ by ${OWNER.name} · ${before.total} accounts scanned, 2 suspected spam`,
    ),
  );
  await expectAttribute(activity.getByRole('button', { name: 'Scan now' }), 'disabled', null);

  // The charts: the split in words, the registrations in a table for screen readers.
  await expectState(
    page,
    () => page.locator('.cleanup-split svg title').textContent(),
    `Active and unused accounts. ${before.total} accounts: ${after.active} active (${percent(
      after.percent.active,
    )}), ${after.unused} unused (${percent(after.percent.unused)}).`,
    'the title of the split chart',
  );
  let rows = await chartRows(page, 'Registrations by month');
  assert.equal(rows.length, 24);
  const thisMonth = after.registrations.at(-1);
  assert.deepEqual(rows.at(-1).slice(1), [String(thisMonth.registrations), '2']);
  assert.ok(thisMonth.registrations >= 3, 'the three customers registered this month');

  const by = page.getByRole('group', { name: 'Registrations by' });
  await by.getByRole('button', { name: 'Day' }).click();
  await expectAttribute(by.getByRole('button', { name: 'Day' }), 'aria-pressed', 'true');
  await expectAttribute(by.getByRole('button', { name: 'Month' }), 'aria-pressed', 'false');
  await page.locator('[data-loaded="day"]').waitFor();
  rows = await chartRows(page, 'Registrations by day');
  assert.equal(rows.length, 30);
  const today = (await metrics('day')).registrations.at(-1);
  assert.deepEqual(rows.at(-1).slice(1), [String(today.registrations), '2']);
  assert.equal(await page.locator('.cleanup-bars__svg > g').count(), 30, 'bars');
  await screenshot(page, 'cleanup');

  // The threshold applies at once: at 61 only the web address (70) is suspected.
  const threshold = page.getByLabel('Spam threshold');
  await threshold.fill('61');
  await page.getByRole('button', { name: 'Save threshold' }).click();
  await notice(page, 'The spam threshold is 61.');
  await expectText(count(page, 'suspected_spam'), '1');
  await threshold.fill('0');
  await page.getByRole('button', { name: 'Save threshold' }).click();
  await page
    .locator('.cleanup-threshold .field__error')
    .getByText('The spam threshold is a score from 1 to 100.')
    .waitFor();
  await expectAttribute(threshold, 'aria-invalid', 'true');
  await threshold.fill('50');
  await page.getByRole('button', { name: 'Save threshold' }).click();
  await notice(page, 'The spam threshold is 50.');
  await expectText(count(page, 'suspected_spam'), '2');
  assert.equal((await metrics()).spam_threshold, 50);

  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('the review → All → the typed number → the cleanup with its progress, result and report', async () => {
  const page = await openCleanup();
  const review = section(page, 'Cleanup review');
  await reviewLoaded(page, 'spam');
  await expectText(page.getByTestId('review-summary'), '2 accounts match · 0 chosen');
  await expectCount(reviewRows(page), 2, 'suspected spam accounts');
  const linkRow = reviewRow(page, link);
  await expectText(linkRow.getByTestId('score'), '70');
  assert.deepEqual(await linkRow.locator('.cleanup-signals__label').allTextContents(), [
    'Web address in the name',
    'No activity',
  ]);
  await expectText(linkRow.getByTestId('signal-detail'), 'Visit cheap-pills.ru');
  const miaRow = reviewRow(page, mia);
  await expectText(miaRow.getByTestId('score'), '60');
  assert.deepEqual(await miaRow.locator('.cleanup-signals__label').allTextContents(), [
    'Disposable e-mail domain',
    'No activity',
  ]);
  await expectText(miaRow.getByTestId('signal-detail'), 'mailinator.com');
  await expectText(miaRow.locator('td[data-label="E-mail"]'), mia.email);

  // All unused: every account without orders, library, wishlist or sign-in; not the buyer.
  const unused = await candidates('unused');
  await review.getByLabel('All unused').check();
  await reviewLoaded(page, 'unused');
  await expectText(
    page.getByTestId('review-summary'),
    `${unused.matching} accounts match · 0 chosen`,
  );
  await expectCount(reviewRow(page, buyer), 0, 'rows of the buyer');
  await reviewRow(page, link).waitFor();
  await review.getByLabel('Suspected spam only').check();
  await reviewLoaded(page, 'spam');

  // Older than a day: everyone registered today.
  const days = review.getByLabel(/Registered more than/);
  await days.fill('abc');
  await review.getByText('Use a whole number of days from 1 to 36,500.').waitFor();
  await days.fill('1');
  await reviewLoaded(page, 'spam', '1');
  await expectText(page.getByTestId('review-summary'), 'No accounts match this review');
  await days.fill('');
  await reviewLoaded(page, 'spam');

  // Choosing: All, one unticked, None, This page.
  const choose = review.getByRole('group', { name: 'Choose' });
  const deleteButton = review.getByRole('button', { name: /^Delete \d+ accounts?…$/ });
  await choose.getByRole('button', { name: 'All 2 accounts' }).click();
  await expectText(page.getByTestId('review-summary'), '2 accounts match · 2 chosen');
  await miaRow.getByRole('checkbox', { name: `Choose ${mia.full_name}` }).uncheck();
  await expectText(page.getByTestId('review-summary'), '2 accounts match · 1 chosen');
  await expectText(deleteButton, 'Delete 1 account…');
  await choose.getByRole('button', { name: 'None' }).click();
  await expectText(deleteButton, 'Delete 0 accounts…');
  await expectAttribute(deleteButton, 'disabled', '');
  await choose.getByRole('button', { name: 'This page' }).click();
  await expectText(page.getByTestId('review-summary'), '2 accounts match · 2 chosen');
  await choose.getByRole('button', { name: 'All 2 accounts' }).click();
  assert.equal(await linkRow.getByRole('checkbox').isChecked(), true);
  assert.equal(await miaRow.getByRole('checkbox').isChecked(), true);

  // The confirmation: shut until the number is typed.
  await deleteButton.click();
  let dialog = page.getByRole('dialog', { name: 'Delete 2 accounts?' });
  await dialog.waitFor();
  await dialog.getByText('This cannot be undone.').waitFor();
  await dialog.getByText(/Accounts with orders or money .* are always kept/).waitFor();
  const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
  await expectAttribute(confirm, 'disabled', '');
  const typed = dialog.getByLabel('Type 2 to confirm');
  await typed.fill('1');
  await expectAttribute(confirm, 'disabled', '');
  await typed.fill('2');
  await expectAttribute(confirm, 'disabled', null);
  await screenshot(page, 'cleanup-confirm');

  // Meanwhile another spam account registers and a scan finds it: the server counts 3 now.
  const casino = await newCustomer('Visit', 'casino.top', `casino.${tag}@example.com`);
  await scanByApi(page);
  const [refused] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/admin/cleanup'),
    ),
    confirm.click(),
  ]);
  assert.equal(refused.status(), 422);
  // The server's words at the field; the list read again counts 3.
  await page
    .getByRole('dialog')
    .locator('.field__error')
    .getByText('3 accounts are chosen now; type 3 to delete them.')
    .waitFor();
  dialog = page.getByRole('dialog', { name: 'Delete 3 accounts?' });
  await dialog.waitFor();
  await expectAttribute(
    dialog.getByRole('button', { name: 'Delete', exact: true }),
    'disabled',
    '',
  );
  await dialog.getByLabel('Type the number of accounts chosen now to confirm').fill('3');
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/admin/cleanup')),
    dialog.getByRole('button', { name: 'Delete', exact: true }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), { scope: 'spam', all: true, except: [], confirm: 3 });
  await expectCount(page.getByRole('dialog'), 0, 'open dialogs');
  await notice(page, 'The cleanup has started.');

  // The progress, the result and the report.
  const progress = review.locator('.job-progress');
  await progress.getByRole('progressbar').waitFor();
  await expectAttribute(progress, 'data-job-state', 'succeeded');
  await expectText(progress.getByTestId('cleanup-result'), 'Deleted 3 accounts.');
  const jobId = await progress.getAttribute('data-job-id');
  const reportLink = progress.getByRole('link', { name: 'Download report' });
  await expectAttribute(reportLink, 'href', `/api/admin/cleanup/reports/${jobId}`);
  await screenshot(page, 'cleanup-done');
  const [download] = await Promise.all([page.waitForEvent('download'), reportLink.click()]);
  assert.equal(download.suggestedFilename(), `cleanup-${jobId}.csv`);
  const lines = readFileSync(await download.path(), 'utf8')
    .trim()
    .split(/\r?\n/);
  assert.equal(lines[0], 'customer_id,outcome,reasons,kept_because,processed_at');
  const outcomes = Object.fromEntries(
    lines.slice(1).map((l) => {
      const [id, outcome] = l.split(',');
      return [id, outcome];
    }),
  );
  assert.deepEqual(outcomes, {
    [link.id]: 'deleted',
    [mia.id]: 'deleted',
    [casino.id]: 'deleted',
  });

  // The review is empty now; the counts and the recent cleanups say so.
  await expectText(page.getByTestId('review-summary'), 'No accounts match this review');
  await expectText(count(page, 'suspected_spam'), '0');
  const recent = page.getByRole('table', { name: 'Recent cleanups' });
  const recentRow = recent.locator(`tr[data-job-id="${jobId}"]`);
  await expectText(recentRow.getByTestId('job-result'), 'Deleted 3 accounts.');
  await expectText(recentRow.locator('td[data-label="Review"]'), 'Suspected spam only');
  await expectAttribute(
    recentRow.getByRole('link', { name: /^Download the report/ }),
    'href',
    `/api/admin/cleanup/reports/${jobId}`,
  );

  // Gone from the customer list; the buyer stays.
  for (const c of [link, mia, casino]) {
    assert.equal((await server.api('GET', `/api/admin/customers/${c.id}`)).status, 404);
  }
  assert.equal((await server.api('GET', `/api/admin/customers/${buyer.id}`)).status, 200);
  await page.goto(`${server.url}/admin/customers?q=${tag}`);
  await waitForResults(page, tag);
  await expectState(
    page,
    () => page.locator('.customers-table tbody tr .col-name').allTextContents(),
    [buyer.full_name],
    'the customers left',
  );

  // The audit log names the cleanup on each deletion.
  await page.goto(`${server.url}/admin/audit?action=customer.deleted`);
  const event = page.locator('.audit-table tbody tr').filter({ hasText: jobId }).first();
  await event.getByText('Deleted the customer').waitFor();
  await event.getByText(`cleanup: ${jobId}`).waitFor();

  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('disposable domains: search, add, take off the list and undo', async () => {
  const listing = (await server.api('GET', '/api/admin/cleanup/disposable-domains')).body;
  assert.equal(listing.listed, listing.shipped);
  const page = await openCleanup();
  const domains = section(page, 'Disposable e-mail domains');
  const summary = page.getByTestId('domains-summary');
  const n = (v) => new Intl.NumberFormat('en-US').format(v);
  await expectText(
    summary,
    `${n(listing.listed)} domains on the list · ${n(listing.shipped)} shipped with Clientele`,
  );
  await domains.getByTestId('domain-changes-empty').waitFor();

  const search = domains.getByLabel('Search the list');
  await search.fill('mailinator');
  await domains.locator('.cleanup-domains__matches[data-loaded="mailinator"]').waitFor();
  await domains.locator('li[data-domain="mailinator.com"]').waitFor();

  // A bad domain is refused at the field.
  const add = domains.getByRole('form', { name: 'Add a disposable domain' });
  await add.getByLabel('Domain to add').fill('not_a_domain');
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await add.getByText('Type a domain, such as mailinator.com.').waitFor();
  await expectAttribute(add.getByLabel('Domain to add'), 'aria-invalid', 'true');

  const mine = `throwaway-${tag}.example`;
  await add.getByLabel('Domain to add').fill(mine.toUpperCase());
  await add.getByRole('button', { name: 'Add to the list' }).click();
  await notice(page, `${mine} is on the list of disposable domains.`);
  const changes = page.getByRole('table', { name: 'Changes to the list' });
  await expectText(changes.locator(`tr[data-domain="${mine}"]`).getByTestId('change'), 'Added');
  await expectText(
    summary,
    `${n(listing.shipped + 1)} domains on the list · ${n(listing.shipped)} shipped with Clientele`,
  );
  await search.fill(`throwaway-${tag}`);
  await domains.locator(`li[data-domain="${mine}"]`).waitFor();

  // Taken off the list: a shipped domain that no longer counts.
  await search.fill('mailinator');
  await domains.getByRole('button', { name: 'Remove mailinator.com from the list' }).click();
  await notice(page, 'mailinator.com is off the list of disposable domains.');
  await expectText(
    changes.locator('tr[data-domain="mailinator.com"]').getByTestId('change'),
    'Removed',
  );
  await expectCount(domains.locator('li[data-domain="mailinator.com"]'), 0, 'mailinator.com');
  await screenshot(page, 'cleanup-domains');
  const changed = (await server.api('GET', '/api/admin/cleanup/disposable-domains')).body;
  assert.deepEqual(changed.changes.map((c) => [c.domain, c.listed]).sort(), [
    ['mailinator.com', false],
    [mine, true],
  ]);

  // Undo puts both back as shipped.
  await domains.getByRole('button', { name: `Undo the change of ${mine}` }).click();
  await notice(page, `${mine} is back as shipped.`);
  await domains.getByRole('button', { name: 'Undo the change of mailinator.com' }).click();
  await notice(page, 'mailinator.com is back as shipped.');
  await domains.getByTestId('domain-changes-empty').waitFor();
  await domains.locator('li[data-domain="mailinator.com"]').waitFor();
  const back = (await server.api('GET', '/api/admin/cleanup/disposable-domains')).body;
  assert.deepEqual(back.changes, []);
  assert.equal(back.listed, back.shipped);

  // The audit log in words.
  await page.goto(`${server.url}/admin/audit?action=spam.domain_listed`);
  await page
    .locator('.audit-table tbody tr')
    .first()
    .getByText('Disposable domain added')
    .waitFor();

  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('a burst of registrations from one network shows behind the spam; Block network blacklists it', async () => {
  for (let i = 0; i < 10; i++) {
    const r = await register(i);
    assert.equal(r.status, 202, await r.text());
  }
  const page = await openCleanup();
  const activity = section(page, 'Activity');
  await activity.getByRole('button', { name: 'Scan now' }).click();
  await expectAttribute(activity.locator('.job-progress'), 'data-job-state', 'succeeded');

  const offenders = section(page, 'Networks behind the spam');
  const row = offenders.locator('tr[data-subnet="127.0.0.0/24"]');
  await row.waitFor();
  await expectText(row.getByTestId('accounts'), '10');
  await expectText(row.locator('.cleanup-ips li').first(), '127.0.0.1 · 10 accounts');
  await expectText(row.getByTestId('blocked'), 'Not blocked');
  // Each of them is suspected for the burst.
  await reviewLoaded(page, 'spam');
  const first = reviewRows(page).first();
  await first
    .locator('[data-signal="ip_burst"]')
    .getByText('Burst of registrations from one network')
    .waitFor();
  await screenshot(page, 'cleanup-offenders');

  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/admin/blacklist')),
    row.getByRole('button', { name: 'Block network 127.0.0.0/24' }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), {
    kind: 'ip',
    value: '127.0.0.0/24',
    reason: 'Spam registrations',
  });
  await notice(page, '127.0.0.0/24 is on the blacklist.');
  await expectText(row.getByTestId('blocked'), 'Blocked by 127.0.0.0/24 · 0 refusals');
  await expectCount(row.getByRole('button'), 0, 'buttons of a blocked network');

  // The next registration from there is refused, and counted.
  const refused = await register(10);
  assert.equal(refused.status, 403);
  await page.reload();
  await expectText(
    section(page, 'Networks behind the spam')
      .locator('tr[data-subnet="127.0.0.0/24"]')
      .getByTestId('blocked'),
    /^Blocked by 127\.0\.0\.0\/24 · 1 refusal · last /,
  );
  const entries = (await server.api('GET', '/api/admin/blacklist?kind=ip')).body.items;
  assert.deepEqual(
    entries.map((e) => [e.value, e.reason]),
    [['127.0.0.0/24', 'Spam registrations']],
  );

  expectNoProblems(page);
  await page.context().close();
});

test('viewers see the counts without controls; support may scan and block but not delete', async () => {
  // The network unblocked again, so it offers its buttons.
  const entries = (await server.api('GET', '/api/admin/blacklist?kind=ip')).body.items;
  for (const e of entries) {
    assert.equal((await server.api('DELETE', `/api/admin/blacklist/${e.id}`)).status, 204);
  }
  const viewer = createAdmin(server, {
    email: `viewer.cleanup.${process.pid}@example.com`,
    name: 'Vera Viewer',
    role: 'viewer',
  });
  const support = createAdmin(server, {
    email: `support.cleanup.${process.pid}@example.com`,
    name: 'Sam Support',
    role: 'support',
  });

  const seen = await openCleanup({ who: viewer });
  await reviewLoaded(seen, 'spam');
  await reviewRows(seen).first().waitFor();
  await seen.locator('tr[data-subnet="127.0.0.0/24"]').waitFor();
  await expectText(seen.getByTestId('spam-threshold'), /^Spam threshold: 50\./);
  assert.equal(await seen.getByRole('button', { name: 'Scan now' }).count(), 0, 'Scan now');
  assert.equal(await seen.getByRole('checkbox').count(), 0, 'checkboxes');
  assert.equal(await seen.getByRole('group', { name: 'Choose' }).count(), 0, 'choices');
  assert.equal(await seen.getByRole('button', { name: /^Block/ }).count(), 0, 'block buttons');
  assert.equal(await seen.getByRole('form', { name: 'Add a disposable domain' }).count(), 0);
  assert.equal(await seen.getByRole('link', { name: /report/i }).count(), 0, 'report links');
  assert.equal(await seen.getByLabel('Spam threshold').count(), 0, 'the threshold field');
  expectNoProblems(seen);
  await seen.context().close();

  const page = await openCleanup({ who: support });
  await reviewLoaded(page, 'spam');
  await page.getByRole('button', { name: 'Scan now' }).waitFor();
  await page.getByRole('button', { name: 'Block network 127.0.0.0/24' }).waitFor();
  await page.getByRole('button', { name: 'Block IP 127.0.0.1' }).waitFor();
  assert.equal(await page.getByRole('checkbox').count(), 0, "support's checkboxes");
  assert.equal(await page.getByRole('button', { name: /^Delete/ }).count(), 0);
  assert.equal(await page.getByRole('form', { name: 'Add a disposable domain' }).count(), 0);
  expectNoProblems(page);
  await page.context().close();
});
