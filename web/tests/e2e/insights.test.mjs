// Insights, in Chromium against the real server: customers with orders placed through the admin
// API at known times fall into their activity levels; before any recomputation the page says the
// RFM scores were never computed, Recompute RFM scores runs the job with its progress and then
// shows the groups; every table holds the server's figures, the charts are drawn, the at-risk
// customers who spent most link to their profiles with their money in the store's currency, and
// a level opens the customer list filtered by it. A viewer sees the figures without the button.
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
  expectValue,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

const kDay = 24 * 3600 * 1000;
const tag = `ins${process.pid}`;
const people = {}; // by first name
let currency = 'USD';
let serial = 0;

// A customer with orders `daysAgo` days back, each paid in full for `amount` minor units.
async function customerWithOrders(first, daysAgo, amount) {
  const c = await server.api('POST', '/api/admin/customers', {
    first_name: first,
    last_name: 'Insightful',
    email: `${first.toLowerCase()}.${tag}@example.com`,
    tags: [tag],
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  for (const days of daysAgo) {
    serial += 1;
    const r = await server.api('POST', '/api/admin/orders', {
      number: `INS-${process.pid}-${serial}`,
      customer_id: c.body.id,
      type: 'online',
      placed_at: new Date(Date.now() - days * kDay).toISOString(),
      items: [{ sku: 'INS-MUG', quantity: 1, unit_price: amount }],
      payments: [{ amount, method: 'card' }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  people[first] = c.body;
}

useServerAndBrowser(
  { customers: 30 },
  {
    prepare: async () => {
      const p = await server.api('POST', '/api/admin/products', {
        sku: 'INS-MUG',
        name: 'Insight mug',
        price: 1000,
      });
      assert.equal(p.status, 201, JSON.stringify(p.body));
      currency = (await server.api('GET', '/api/admin/settings')).body.currency || 'USD';
      // Ordering at their pace, a first order this week, two overdue, one long gone.
      await customerWithOrders('Ava', [40, 10], 3000);
      await customerWithOrders('Nico', [5], 2500);
      await customerWithOrders('Rita', [200], 90000);
      await customerWithOrders('Ruben', [250], 4000);
      await customerWithOrders('Lena', [400], 1500);
    },
  },
);

const table = (page, name) => page.getByRole('table', { name, exact: true });

// Whether a canvas has anything drawn on it.
function drawn(canvas) {
  return canvas.evaluate((c) => {
    const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });
}

test('the RFM scores are recomputed and every figure is in its table; a level opens its list', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Insights' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  await expectText(page.getByTestId('rfm-state'), /^RFM scores have not been computed yet\./);

  const activity = table(page, 'Customers by activity level');
  const count = (t, value) => t.locator(`tr[data-value="${value}"] [data-testid="customers"]`);
  const everyone = (await server.api('GET', '/api/admin/customers/count')).body.total;
  for (const [level, n] of [
    ['new', 1],
    ['active', 1],
    ['at_risk', 2],
    ['lapsed', 1],
    ['never_purchased', everyone - 5],
  ]) {
    await expectText(count(activity, level), String(n), `customers ${level}`);
  }
  const rfm = table(page, 'Customers by RFM group');
  await expectText(count(rfm, 'champions'), '0');

  // Recompute: the job's progress, then the groups and when they were computed.
  await page.getByRole('button', { name: 'Recompute RFM scores' }).click();
  const progress = page.locator('.job-progress');
  await expectAttribute(progress, 'data-job-state', 'succeeded', 'the recomputation');
  await progress.getByText('5 customers with orders scored.').waitFor();
  await expectText(page.getByTestId('rfm-state'), /^RFM scores last computed /);
  await page.getByRole('status').filter({ hasText: 'RFM scores recomputed.' }).waitFor();

  // The tables hold the server's figures.
  const figures = (await server.api('GET', '/api/admin/insights')).body;
  assert.notEqual(figures.rfm_computed_at, null);
  assert.equal(
    figures.rfm.reduce((sum, g) => sum + g.customers, 0),
    5,
    'every customer with orders in a group',
  );
  for (const g of figures.rfm) {
    await expectText(count(rfm, g.group), String(g.customers), `customers ${g.group}`);
  }
  const months = table(page, 'Registrations and first orders per month');
  await expectCount(months.locator('tbody tr'), 12, 'months');
  for (const m of figures.months) {
    const row = months.locator(`tr[data-month="${m.month}"]`);
    await expectText(row.getByTestId('registrations'), String(m.registrations));
    await expectText(row.getByTestId('first-orders'), String(m.first_orders));
  }
  const cohorts = table(page, 'Cohort retention');
  for (const c of figures.cohorts) {
    const row = cohorts.locator(`tr[data-cohort="${c.month}"]`);
    await expectText(row.getByTestId('cohort-customers'), String(c.customers));
    const cells = await row
      .locator('td[data-buying]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-buying'))));
    assert.deepEqual(cells, c.buying, `buying of the ${c.month} cohort`);
    if (c.customers > 0) await expectText(row.locator('td[data-buying]').first(), '100%');
  }

  // The at-risk customers who spent most: Rita first, with a link and her money.
  const atRisk = table(page, 'At-risk customers');
  await expectCount(atRisk.locator('tbody tr'), 2, 'at-risk customers');
  const rita = atRisk.locator('tbody tr').first();
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(900);
  await expectText(rita.getByTestId('total-spent'), money);
  await expectAttribute(
    rita.getByRole('link', { name: 'Rita Insightful' }),
    'href',
    `/admin/customers/${people.Rita.id}`,
  );

  // The charts are drawn.
  const canvas = page.getByRole('img', { name: /^Bar chart: Customers by activity level/ });
  await expectState(page, () => drawn(canvas), true, 'the activity chart drawn');
  await expectAttribute(canvas, 'data-chart-drawn', 'true');
  await expectState(
    page,
    () => drawn(page.getByRole('img', { name: /^Line chart:/ })),
    true,
    'the retention line drawn',
  );
  await screenshot(page, 'insights');

  // A level opens the list filtered by it.
  await activity.getByRole('link', { name: 'At risk', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  await expectState(
    page,
    () => new URL(page.url()).searchParams.get('filter'),
    'activity = at_risk',
    'the filter in the URL',
  );
  await waitForResults(page, '');
  await expectValue(
    page.getByRole('combobox', { name: 'Filter', exact: true }),
    'activity = at_risk',
  );
  await expectState(
    page,
    async () =>
      (await page.locator('.customers-table tbody td.col-name a').allTextContents()).sort(),
    ['Rita Insightful', 'Ruben Insightful'],
    'the at-risk customers',
  );
  expectNoProblems(page);
  await page.close();
});

test('a viewer sees the figures but cannot recompute', async () => {
  const viewer = createAdmin(server, {
    email: `viewer.insights.${process.pid}@example.com`,
    name: 'Vic Viewer',
    role: 'viewer',
  });
  const page = await signedInPage(browser, server, { who: viewer, path: '/admin/insights' });
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  await expectText(
    table(page, 'Customers by activity level').locator(
      'tr[data-value="at_risk"] [data-testid="customers"]',
    ),
    '2',
  );
  await expectCount(page.getByRole('button', { name: 'Recompute RFM scores' }), 0, 'buttons');
  expectNoProblems(page);
  await page.close();
});
