// The customer list: search as you type (timed), filters, sorting, cursor pages, the total,
// empty and error states, bulk actions, and the phone layout.
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
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 2000 });

const rows = (page) => page.locator('.customers-table tbody tr');

async function openList(options = {}) {
  const page = await signedInPage(browser, server, { path: '/admin/customers', ...options });
  await waitForResults(page, '');
  return page;
}

// Text of one column over the rows shown.
async function column(page, key) {
  return rows(page)
    .locator(`td.col-${key}`)
    .evaluateAll((cells) => cells.map((c) => c.textContent.trim()));
}

async function rowIds(page) {
  return rows(page)
    .locator('td.col-name a')
    .evaluateAll((links) => links.map((a) => decodeURIComponent(a.pathname.split('/').pop())));
}

async function apiCount(query) {
  const r = await server.api('GET', `/api/admin/customers/count?${query}`);
  assert.equal(r.status, 200);
  return r.body.total;
}

test('the list shows the newest customers, the total and every column', async () => {
  const page = await openList();
  assert.equal(await rows(page).count(), 50);
  // The unfiltered total is exact, however many customers (from the store's counters).
  await page.getByText(`of ${(await apiCount('')).toLocaleString('en-US')} customers`).waitFor();
  const headers = await page.locator('.customers-table thead th').allTextContents();
  for (const name of [
    'Name',
    'E-mail',
    'Phone',
    'Country',
    'Group',
    'Status',
    'Registered',
    'Last activity',
  ]) {
    assert.ok(
      headers.some((h) => h.startsWith(name)),
      `column ${name} in ${headers}`,
    );
  }
  const api = await server.api('GET', '/api/admin/customers?limit=50');
  assert.deepEqual(
    await rowIds(page),
    api.body.items.map((c) => c.id),
  );
  expectNoProblems(page);
  await page.context().close();
});

test('typing a search shows matching customers as you type (timed)', async (t) => {
  const page = await openList();
  const search = page.getByLabel('Search customers');
  const sample = await server.api('GET', '/api/admin/customers?limit=200');
  const withPhone = sample.body.items.find((c) => c.phone.length > 8);
  const queries = ['smith', 'mar', withPhone.phone.slice(-6, -2)];
  const timings = [];
  for (const q of queries) {
    await search.fill('');
    await waitForResults(page, '');
    await search.click();
    // About 12 keys a second, like a quick typist.
    const started = Date.now();
    await page.keyboard.type(q, { delay: 80 });
    const typed = Date.now();
    await waitForResults(page, q);
    const shown = Date.now();
    timings.push({ q, typing: typed - started, afterLastKey: shown - typed });
    const expected = await server.api(
      'GET',
      `/api/admin/customers?q=${encodeURIComponent(q)}&limit=50`,
    );
    assert.deepEqual(
      await rowIds(page),
      expected.body.items.map((c) => c.id),
      `results for ${q}`,
    );
    assert.ok((await rows(page).count()) > 0, `something matches ${q}`);
  }
  for (const { q, typing, afterLastKey } of timings) {
    const line = `search "${q}": typed in ${typing} ms; results shown ${afterLastKey} ms after the last key (20 ms of it is the debounce)`;
    t.diagnostic(line);
  }
  // The query is in the URL, so Back from a profile returns to the same list.
  assert.match(page.url(), /\?q=/);
  expectNoProblems(page);
  await page.context().close();
});

test('a slower earlier search never replaces the newer one (stale requests are cancelled)', async () => {
  const page = await openList();
  const isJoh = (r) => /[?&]q=joh(&|$)/.test(r.url());
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(/\/api\/admin\/customers\?.*q=joh(&|$)/, async (route) => {
    await released;
    await route.continue().catch(() => {});
  });
  const joh = new Promise((resolve) => {
    page.on('requestfailed', (r) => isJoh(r) && resolve(r.failure()?.errorText));
    page.on('requestfinished', (r) => isJoh(r) && resolve('answered'));
  });
  const search = page.getByLabel('Search customers');
  const sent = page.waitForRequest(isJoh);
  await search.fill('joh');
  await sent; // the "joh" request is now waiting at the route
  await search.fill('johnson');
  await waitForResults(page, 'johnson');
  release(); // the held answer could arrive now, and must not win
  assert.equal(await joh, 'net::ERR_ABORTED');
  await expectAttribute(page.locator('.results'), 'data-loaded-query', 'johnson');
  const names = await column(page, 'name');
  assert.ok(names.length > 0 && names.every((n) => /johnson/i.test(n)), names.join(', '));
  expectNoProblems(page);
  await page.context().close();
});

test('filters narrow the list, stay in the URL and clear', async () => {
  const page = await openList();
  await page.getByLabel('Status').selectOption('inactive');
  await page.waitForURL(/status=inactive/);
  await waitForResults(page, '');
  const inactive = await apiCount('status=inactive');
  await page.getByText(`${inactive.toLocaleString('en-US')} customers`).waitFor();
  assert.ok((await column(page, 'status')).every((s) => s === 'Deactivated'));

  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Group').selectOption({ label: 'VIP' });
  await page.waitForURL(/group=/);
  await waitForResults(page, '');
  await page.locator('.summary').filter({ hasNotText: 'Searching' }).waitFor();
  assert.ok((await column(page, 'group')).every((g) => g === 'VIP'));

  await page.getByLabel('Group').selectOption('');
  await page.getByLabel('Tag').selectOption('newsletter');
  await page.getByLabel('Kind').selectOption('guest');
  await page.waitForURL(/kind=guest/);
  const guestsWithTag = await apiCount('tag=newsletter&kind=guest');
  await page.getByText(`${guestsWithTag.toLocaleString('en-US')} customer`).waitFor();

  await page.getByLabel('Tag').selectOption('');
  await page.getByLabel('Kind').selectOption('');
  await page.getByLabel('Country').fill('DE');
  await page.getByLabel('Country').press('Tab');
  await page.waitForURL(/country=DE/);
  await waitForResults(page, '');
  const countries = await column(page, 'country');
  assert.ok(countries.length > 0 && countries.every((c) => c === 'DE'), countries.join(','));

  // Registration dates: a window of the last 30 days.
  const from = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Registered from').fill(from);
  await page.waitForURL(new RegExp(`registered_from=${from}`));
  const recent = await apiCount(`country=DE&registered_from=${from}`);
  await page
    .locator('.summary')
    .filter({
      hasText: recent === 1 ? '1 customer' : `${recent.toLocaleString('en-US')} customers`,
    })
    .waitFor();
  const to = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Registered before').fill(to);
  await page.waitForURL(new RegExp(`registered_to=${to}`));

  // The URL restores the same list.
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await expectValue(page.getByLabel('Country'), 'Germany — DE');
  await expectValue(page.getByLabel('Registered from'), from);

  await page.getByRole('button', { name: 'Clear all' }).click();
  // The unfiltered total is exact, however many customers (from the store's counters).
  await page.getByText(`of ${(await apiCount('')).toLocaleString('en-US')} customers`).waitFor();
  await expectValue(page.getByLabel('Country'), '');
  expectNoProblems(page);
  await page.context().close();
});

// A filter's box keeps what is typed until it is taken (Tab, Enter, leaving the field). A list
// answer that landed while one was being typed in used to put the applied value back into the
// field, wiping the typing, so the filter was never applied.
test('what is typed into a text filter survives a list answer landing meanwhile', async () => {
  const page = await openList();
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const guests = /\/api\/admin\/customers\?.*kind=guest/;
  const isGuests = (r) => guests.test(r.url());
  await page.route(guests, async (route) => {
    await released;
    await route.continue().catch(() => {});
  });
  const sent = page.waitForRequest(isGuests);
  await page.getByLabel('Kind').selectOption('guest');
  await sent; // the guests' list is now waiting at the route
  const country = page.getByLabel('Country');
  await country.fill('de');
  const answered = page.waitForResponse(isGuests);
  release();
  await answered;
  await page.locator('.results[aria-busy="false"]').waitFor();
  await expectValue(country, 'de');
  await country.press('Tab');
  await page.waitForURL(/country=DE/);
  await expectValue(country, 'Germany — DE');
  await waitForResults(page, '');
  await page.locator('.summary').filter({ hasNotText: 'Searching' }).waitFor();
  await expectState(
    page,
    async () => (await column(page, 'country')).every((c) => c === 'DE'),
    true,
    'every row from DE',
  );
  expectNoProblems(page);
  await page.context().close();
});

test('Back from a profile returns to the same search; the Customers link starts afresh', async () => {
  const page = await openList();
  await page.getByLabel('Search customers').fill('smith');
  await waitForResults(page, 'smith');
  const ids = await rowIds(page);
  await rows(page).first().locator('td.col-name a').click();
  await page.getByRole('tab', { name: 'Account' }).waitFor();
  await page.goBack();
  await waitForResults(page, 'smith');
  assert.equal(await page.getByLabel('Search customers').inputValue(), 'smith');
  assert.deepEqual(await rowIds(page), ids);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Customers' })
    .click();
  await waitForResults(page, '');
  assert.equal(await page.getByLabel('Search customers').inputValue(), '');
  assert.equal(new URL(page.url()).search, '');
  expectNoProblems(page);
  await page.context().close();
});

test('columns sort by name, e-mail, registration and last activity', async () => {
  const page = await openList();
  const header = (name) => page.locator('.customers-table thead th').filter({ hasText: name });
  await expectAttribute(header('Registered'), 'aria-sort', 'descending');
  // Names and e-mail start A→Z, dates newest first; a second click turns the order round.
  for (const [label, sort, first] of [
    ['Name', 'name', 'ascending'],
    ['E-mail', 'email', 'ascending'],
    ['Registered', 'registered', 'descending'],
    ['Last activity', 'last_activity', 'descending'],
  ]) {
    const second = first === 'ascending' ? 'descending' : 'ascending';
    for (const direction of [first, second]) {
      await header(label).getByRole('button').click();
      await expectAttribute(header(label), 'aria-sort', direction);
      const param = direction === 'ascending' ? sort : `-${sort}`;
      await page.waitForURL(
        param === '-registered'
          ? (u) => !u.search.includes('sort=')
          : new RegExp(`sort=${param}(&|$)`),
      );
      await waitForResults(page, '');
      await page.waitForFunction(
        () => !document.querySelector('.summary')?.textContent.includes('Searching'),
      );
      const expected = await server.api('GET', `/api/admin/customers?sort=${param}&limit=50`);
      assert.deepEqual(
        await rowIds(page),
        expected.body.items.map((c) => c.id),
        `${param} (${direction})`,
      );
    }
  }
  // Columns the API cannot sort by have no sort button.
  for (const label of ['Phone', 'Country', 'Group', 'Status']) {
    assert.equal(await header(label).getByRole('button').count(), 0, label);
  }
  expectNoProblems(page);
  await page.context().close();
});

test('Next and Previous walk the pages through the cursor', async () => {
  const page = await openList();
  const pages = [await rowIds(page)];
  const next = page.getByRole('button', { name: 'Next →' });
  const previous = page.getByRole('button', { name: '← Previous' });
  assert.equal(await previous.isDisabled(), true);
  // The page number shows at once; the rows change when the next page has loaded.
  const settledAfter = async (firstId) => {
    await page.waitForFunction(
      (before) =>
        document.querySelector('.results')?.getAttribute('aria-busy') === 'false' &&
        document
          .querySelector('.customers-table tbody td.col-name a')
          ?.pathname.split('/')
          .pop() !== before,
      firstId,
    );
  };
  for (let i = 2; i <= 3; i++) {
    await next.click();
    await page.getByText(`Page ${i}`).waitFor();
    await settledAfter(pages[pages.length - 1][0]);
    pages.push(await rowIds(page));
  }
  assert.equal(new Set(pages.flat()).size, 150, 'three pages of 50 different customers');
  const all = [];
  let cursor = '';
  for (let i = 0; i < 3; i++) {
    const r = await server.api(
      'GET',
      `/api/admin/customers?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    all.push(r.body.items.map((c) => c.id));
    cursor = r.body.next_cursor;
  }
  assert.deepEqual(pages, all);
  await previous.click();
  await page.getByText('Page 2').waitFor();
  await settledAfter(pages[2][0]);
  assert.deepEqual(await rowIds(page), pages[1]);
  await previous.click();
  await page.waitForFunction(() => !document.querySelector('.page-number'));
  await settledAfter(pages[1][0]);
  assert.deepEqual(await rowIds(page), pages[0]);
  // The unfiltered total is exact, however many customers (from the store's counters).
  await page.getByText(`of ${(await apiCount('')).toLocaleString('en-US')} customers`).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('beyond 1,000 the list counts exactly when asked, and anew for another search', async () => {
  const page = await openList();
  const summary = page.locator('.customers .summary');
  // Lists filtered only by status, kind and group have exact totals at once.
  const all = await apiCount('');
  assert.ok(all > 1000, 'the demo store has more than 1,000 customers');
  await expectText(summary, `1–50 of ${all.toLocaleString('en-US')} customers`);
  await expectCount(page.getByRole('button', { name: 'Count exactly' }), 0, 'count buttons');
  await page.getByLabel('Status').selectOption('active');
  const active = await apiCount('status=active');
  await expectText(summary, new RegExp(`of ${active.toLocaleString('en-US')} customers$`));
  // Another filter counts up to 1,000, and exactly on request.
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Registered from').fill('2000-01-01');
  const since = await apiCount('registered_from=2000-01-01');
  assert.ok(since > 1000, 'more than 1,000 customers registered since 2000');
  await expectText(summary, /^1–50 of 1,000\+ customers · Count exactly$/);
  await page.getByRole('button', { name: 'Count exactly' }).click();
  await expectText(summary, `1–50 of ${since.toLocaleString('en-US')} customers`);
  await expectCount(page.getByRole('button', { name: 'Count exactly' }), 0, 'count buttons');
  // A new search starts capped again.
  assert.ok((await apiCount('registered_from=2000-01-01&q=com')) > 1000, 'many match "com"');
  await page.getByLabel('Search customers').fill('com');
  await expectText(summary, /^1–50 of 1,000\+ customers · Count exactly$/);
  expectNoProblems(page);
  await page.context().close();
});

test('a total above 10,000 reads "10,000+"', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/groups' });
  await page.route(/\/api\/admin\/customers\?/, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    if (body.total !== undefined) {
      body.total = 10000;
      body.total_exact = false;
    }
    await route.fulfill({ response, json: body });
  });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Customers' })
    .click();
  await page.getByText('10,000+ customers').waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('no match shows the empty state; a failing server shows the error and Retry', async () => {
  const page = await openList();
  await page.getByLabel('Search customers').fill('qqqzzzxxx');
  await page.getByText('No customers match this search.').waitFor();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await waitForResults(page, '');
  assert.equal(await rows(page).count(), 50);

  await page.route(/\/api\/admin\/customers\?/, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        status: 503,
        code: 'unavailable',
        title: 'Unavailable',
        detail: 'The database does not answer.',
        request_id: 'rid-e2e',
      }),
    }),
  );
  await page.getByLabel('Search customers').fill('anna');
  const alert = page.getByRole('alert').filter({ hasText: 'The database does not answer.' });
  await alert.waitFor();
  await alert.getByText('rid-e2e').waitFor();
  await page.unroute(/\/api\/admin\/customers\?/);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await waitForResults(page, 'anna');
  assert.equal(await page.getByRole('alert').count(), 0);
  expectNoProblems(page, { allowStatuses: [503] });
  await page.context().close();
});

test('bulk actions: assign a group, add and remove a tag, deactivate and restore', async () => {
  const page = await openList();
  const ids = (await rowIds(page)).slice(0, 3);
  const select = async () => {
    for (let i = 0; i < 3; i++) await rows(page).nth(i).getByRole('checkbox').check();
    await page.getByText('3 selected').waitFor();
  };
  const apply = async (expectedNotice) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk')),
      page.getByRole('button', { name: 'Apply', exact: true }).click(),
    ]);
    assert.equal(response.status(), 200, await response.text());
    await page.getByRole('status').filter({ hasText: expectedNotice }).waitFor();
    await waitForResults(page, '');
  };
  const stored = async () =>
    Promise.all(
      ids.map(async (id) => (await server.api('GET', `/api/admin/customers/${id}`)).body),
    );

  await select();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByLabel('Bulk action').selectOption('assign_group');
  await bar.getByLabel('Group').selectOption({ label: 'Staff' });
  await apply('3 customers updated.');
  assert.deepEqual(
    (await stored()).map((c) => c.group_name),
    ['Staff', 'Staff', 'Staff'],
  );
  await expectState(
    page,
    async () => (await column(page, 'group')).slice(0, 3),
    ['Staff', 'Staff', 'Staff'],
    'the groups of the first three rows',
  );

  // A tag the store does not have is made only through the picker's "Create tag" option.
  await select();
  await bar.getByLabel('Bulk action').selectOption('add_tags');
  await bar.getByRole('combobox', { name: 'Tag' }).fill('e2e-bulk');
  await bar.getByRole('option', { name: /^Create tag “e2e-bulk”/ }).click();
  await apply('3 customers updated.');
  assert.ok((await stored()).every((c) => c.tags.includes('e2e-bulk')));

  await select();
  await bar.getByLabel('Bulk action').selectOption('remove_tags');
  await bar.getByRole('combobox', { name: 'Tag' }).fill('e2e-bulk');
  await bar.getByRole('option', { name: /^e2e-bulk\b/ }).click();
  await apply('3 customers updated.');
  assert.ok((await stored()).every((c) => !c.tags.includes('e2e-bulk')));

  await select();
  await bar.getByLabel('Bulk action').selectOption('deactivate');
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate 3 selected customers?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.ok((await stored()).every((c) => c.status === 'active'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk')),
    dialog.getByRole('button', { name: 'Deactivate' }).click(),
  ]);
  await page.getByRole('status').filter({ hasText: '3 customers updated.' }).waitFor();
  await waitForResults(page, '');
  assert.deepEqual(
    (await stored()).map((c) => c.status),
    ['inactive', 'inactive', 'inactive'],
  );
  await expectState(
    page,
    async () => (await column(page, 'status')).slice(0, 3),
    ['Deactivated', 'Deactivated', 'Deactivated'],
    'the status of the first three rows',
  );

  await select();
  await bar.getByLabel('Bulk action').selectOption('restore');
  await apply('3 customers updated.');
  assert.deepEqual(
    (await stored()).map((c) => c.status),
    ['active', 'active', 'active'],
  );

  // "Select all" takes the whole page; Clear selection drops it.
  await page.getByLabel('Select all customers on this page').check();
  await page.getByText('50 selected').waitFor();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await bar.waitFor({ state: 'detached' });
  expectNoProblems(page);
  await page.context().close();
});

// The reload after a bulk change used to start only after the next paint, and until then the
// list called its old rows loaded (aria-busy false), so a reader of that state saw stale rows.
test('after a bulk change the list is busy until the changed rows are in', async () => {
  const page = await openList();
  const ids = (await rowIds(page)).slice(0, 3);
  const before = (await column(page, 'group')).slice(0, 3);
  const groups = (await server.api('GET', '/api/admin/groups')).body.items;
  const target = groups.find((g) => !before.includes(g.name)).name;
  for (let i = 0; i < 3; i++) await rows(page).nth(i).getByRole('checkbox').check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByLabel('Bulk action').selectOption('assign_group');
  await bar.getByLabel('Group').selectOption({ label: target });
  // Every state the page renders from here on: is the list marked loaded, and with which groups?
  await page.evaluate(() => {
    window.seen = [];
    new MutationObserver(() => {
      const results = document.querySelector('.results');
      window.seen.push({
        notice: document.querySelector('.toast')?.textContent ?? '',
        busy: results?.getAttribute('aria-busy'),
        loaded: results?.getAttribute('data-loaded-query'),
        groups: [...document.querySelectorAll('.customers-table tbody td.col-group')]
          .slice(0, 3)
          .map((td) => td.textContent.trim()),
      });
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  await bar.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '3 customers updated.' }).waitFor();
  await waitForResults(page, '');
  // Marked loaded, the list shows the changed rows.
  assert.deepEqual((await rowIds(page)).slice(0, 3), ids);
  assert.deepEqual((await column(page, 'group')).slice(0, 3), [target, target, target]);
  const seen = await page.evaluate(() => window.seen);
  const staleButLoaded = seen.filter(
    (s) =>
      s.notice.includes('updated') &&
      (s.busy !== 'true' || s.loaded !== null) &&
      s.groups.some((g) => g !== target),
  );
  assert.deepEqual(staleButLoaded, [], 'the old rows were shown as loaded after the change');
  expectNoProblems(page);
  await page.context().close();
});

test('on a phone the rows become cards and the filters fold away', async () => {
  const page = await openList({ viewport: PHONE });
  const layout = await page.evaluate(() => {
    const thead = document.querySelector('.customers-table thead');
    const row = document.querySelector('.customers-table tbody tr');
    return {
      theadHeight: thead.getBoundingClientRect().height,
      rowDisplay: getComputedStyle(row).display,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  assert.ok(layout.theadHeight <= 1, 'the header row is hidden');
  assert.equal(layout.rowDisplay, 'block');
  assert.ok(layout.overflow <= 0, `page wider than the phone by ${layout.overflow}px`);
  assert.equal(await page.getByLabel('Status').isVisible(), false);
  await page.getByRole('button', { name: 'Filters' }).click();
  await page.getByLabel('Status').waitFor({ state: 'visible' });
  await page.getByLabel('Status').selectOption('active');
  await page.getByRole('button', { name: 'Filters (1)' }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});
