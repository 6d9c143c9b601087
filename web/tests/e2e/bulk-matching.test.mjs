// "Select all N matching customers" on the customer list, in Chromium against the real server:
// with every row of a page checked and more customers matching the list's tag filter, the bulk bar
// offers all of them; a change of the search drops that choice; a tag added to all of them runs
// as a job whose progress the dialog follows to its outcome, after which the server holds the tag
// on exactly those customers, and the Jobs page names the job and its result. A change the server
// refuses (422) shows its message, starts nothing and keeps the selection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

const tag = `bm${process.pid}`;
const added = `${tag}-added`;
const kMatching = 60; // more than the list's page of 50
const seeded = [];
let outsider; // found by the same search, without the tag

useServerAndBrowser(
  { customers: 30 },
  {
    prepare: async () => {
      for (let i = 0; i < kMatching; i++) {
        const r = await server.api('POST', '/api/admin/customers', {
          first_name: 'Mira',
          last_name: 'Zephyrine',
          email: `mira.${i}.${tag}@example.com`,
          tags: [tag],
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        seeded.push(r.body.id);
      }
      const r = await server.api('POST', '/api/admin/customers', {
        first_name: 'Otto',
        last_name: 'Zephyrine',
        email: `otto.${tag}@example.com`,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      outsider = r.body.id;
    },
  },
);

const bulkBar = (page) => page.getByRole('region', { name: 'Bulk actions' });

// The list of the tagged customers (page size 50), every row checked, then all 60 chosen.
async function selectAllMatching(page, q = '') {
  await waitForResults(page, q);
  await page
    .locator('.summary')
    .filter({ hasText: `1–50 of ${kMatching} customers` })
    .waitFor();
  const bar = bulkBar(page);
  await page.getByLabel('Select all customers on this page').check();
  await bar.getByText('50 selected').waitFor();
  await bar.getByRole('button', { name: `Select all ${kMatching} matching customers` }).click();
  await bar.getByText(`All ${kMatching} matching customers selected`).waitFor();
  await expectCount(bar.getByText('50 selected'), 0, 'the count of the page');
  return bar;
}

async function bulkJobs() {
  const r = await server.api('GET', '/api/admin/jobs?kind=customer_bulk&limit=100');
  assert.equal(r.status, 200);
  return r.body.items;
}

test('a tag added to all matching customers runs as a job and reaches exactly them', async () => {
  const page = await signedInPage(browser, server, { path: `/admin/customers?tag=${tag}` });
  let bar = await selectAllMatching(page);
  // Only the changes the server makes by filter; the account tools need the rows.
  assert.deepEqual(
    await bar
      .getByLabel('Bulk action')
      .locator('option')
      .evaluateAll((options) => options.map((o) => o.value)),
    ['assign_group', 'add_tags', 'remove_tags', 'deactivate', 'restore'],
  );

  // Another search is another list: the choice of all its customers goes, even when as many match.
  await page.getByLabel('Search customers').fill('zephyrine');
  await waitForResults(page, 'zephyrine');
  await bar.waitFor({ state: 'detached' });
  bar = await selectAllMatching(page, 'zephyrine');
  await screenshot(page, 'bulk-matching-selected');

  await bar.getByLabel('Bulk action').selectOption('add_tags');
  await bar.getByRole('combobox', { name: 'Tag' }).fill(added);
  await bar.getByRole('option', { name: `Create tag “${added}” New tag` }).click();
  await bar.getByRole('button', { name: 'Apply', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByRole('heading', { name: `Add tag “${added}” to ${kMatching} customers?` })
    .waitFor();
  await screenshot(page, 'bulk-matching-confirm');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk/matching')),
    dialog.getByRole('button', { name: 'Add tag', exact: true }).click(),
  ]);
  assert.equal(response.status(), 202, await response.text());
  // The list's own parameters, without its paging and sort.
  assert.deepEqual(response.request().postDataJSON(), {
    action: 'add_tags',
    filter: { q: 'zephyrine', tag },
    tags: [added],
  });
  const started = await response.json();
  assert.equal(started.kind, 'customer_bulk');

  // The dialog follows the job to its end, read from its state, and gives the figure.
  const progress = dialog.locator(`.job-progress[data-job-id="${started.id}"]`);
  await expectAttribute(progress, 'data-job-state', 'succeeded', 'the state of the job', 30000);
  await expectText(
    progress.locator('.job-progress__result'),
    `Tag “${added}” added to ${kMatching} customers.`,
  );
  await expectText(progress.getByTestId('job-counts'), `${kMatching} of ${kMatching} customers`);
  await screenshot(page, 'bulk-matching-done');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectCount(bulkBar(page), 0, 'the bulk bar after the change');

  // On the server: every tagged customer has the second tag, the one outside the filter has not.
  const withTag = await server.api('GET', `/api/admin/customers?tag=${added}&limit=100`);
  assert.equal(withTag.status, 200);
  assert.deepEqual(withTag.body.items.map((c) => c.id).sort(), [...seeded].sort());
  const count = await server.api('GET', `/api/admin/customers/count?tag=${added}`);
  assert.equal(count.body.total, kMatching);
  for (const id of [seeded[0], seeded[kMatching - 1]]) {
    const c = (await server.api('GET', `/api/admin/customers/${id}`)).body;
    assert.ok(c.tags.includes(tag) && c.tags.includes(added), c.tags.join(','));
  }
  const other = (await server.api('GET', `/api/admin/customers/${outsider}`)).body;
  assert.ok(!other.tags.includes(added), other.tags.join(','));

  // The Jobs page names the kind and its result.
  await page.goto(`${server.url}/admin/jobs?kind=customer_bulk`);
  const row = page.locator(`.jobs-table tr[data-job-id="${started.id}"]`);
  await expectText(row.getByRole('cell').first(), 'Bulk change');
  await expectText(row.getByTestId('job-result'), `${kMatching} customers changed`);
  expectNoProblems(page);
  await page.context().close();
});

test('a change the server refuses says why, starts nothing and keeps the selection', async () => {
  const before = (await bulkJobs()).length;
  const page = await signedInPage(browser, server, { path: `/admin/customers?tag=${tag}` });
  const bar = await selectAllMatching(page);
  // A filter the list could not have sent, so that the server itself answers 422.
  await page.route('**/api/admin/customers/bulk/matching', async (route) => {
    const body = route.request().postDataJSON();
    body.filter = { ...body.filter, country: 'Germany' };
    await route.continue({ postData: JSON.stringify(body) });
  });
  await bar.getByLabel('Bulk action').selectOption('deactivate');
  await bar.getByRole('button', { name: 'Apply', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Deactivate ${kMatching} customers?` });
  await dialog.waitFor();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk/matching')),
    dialog.getByRole('button', { name: 'Deactivate', exact: true }).click(),
  ]);
  assert.equal(response.status(), 422);
  const problem = await response.json();
  const field = problem.errors?.find((e) => e.field === 'filter.country');
  assert.ok(field, JSON.stringify(problem));
  const alert = dialog.getByRole('alert');
  await alert.getByText(problem.detail).waitFor();
  await expectState(
    page,
    async () => (await alert.locator('li').allTextContents()).map((t) => t.trim()),
    [`Country: ${field.message}`],
    'the field problems',
  );
  assert.equal((await bulkJobs()).length, before, 'jobs started');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await bar.getByText(`All ${kMatching} matching customers selected`).waitFor();
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  await bar.waitFor({ state: 'detached' });
  const stillActive = await server.api(
    'GET',
    `/api/admin/customers/count?tag=${tag}&status=active`,
  );
  assert.equal(stillActive.body.total, kMatching);
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});
