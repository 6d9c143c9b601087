// Paging the customer list: the page lives in the URL and the history entry, so opening a
// customer from page 3 and pressing Back (or reloading) shows page 3 again with Previous still
// working; the summary says which customers are shown ("51–75 of 120 customers"); another page
// starts at the top of the list; the page size is the owner's choice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectNoProblems,
  expectState,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 120 });

const summary = (page) => page.locator('.summary').textContent();
const firstId = (page) =>
  page.locator('.customers-table tbody td.col-name a').first().getAttribute('href');

test('page 3 survives a visit to a customer, Back and a reload', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers?limit=25' });
  await waitForResults(page, '');
  await expectState(page, () => summary(page), /^1–25 of 120 customers/, 'the first page');
  const pager = page.getByRole('navigation', { name: 'Customer pages' });
  for (const range of ['26–50', '51–75']) {
    await pager.getByRole('button', { name: /Next/ }).click();
    await expectState(page, () => summary(page), new RegExp(`^${range} of 120`), `page ${range}`);
  }
  // The next page starts at the top of the list.
  await expectState(
    page,
    () => page.locator('.summary').evaluate((el) => el.getBoundingClientRect().top >= 0),
    true,
    'the summary in view',
  );
  const third = await firstId(page);
  assert.equal(new URL(page.url()).searchParams.get('page'), '3');

  await page.locator('.customers-table tbody td.col-name a').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.goBack();
  await waitForResults(page, '');
  await expectState(page, () => summary(page), /^51–75 of 120/, 'page 3 after Back');
  await expectState(page, () => firstId(page), third, 'the same customers after Back');

  await page.reload();
  await waitForResults(page, '');
  await expectState(page, () => summary(page), /^51–75 of 120/, 'page 3 after a reload');
  await pager.getByRole('button', { name: /Previous/ }).click();
  await expectState(page, () => summary(page), /^26–50 of 120/, 'Previous after a reload');
  expectNoProblems(page);
  await page.close();
});

test('the page size is chosen, and a new size starts at the first page', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  await expectState(page, () => summary(page), /^1–50 of 120/, 'fifty a page at first');
  await page
    .getByRole('navigation', { name: 'Customer pages' })
    .getByRole('button', { name: /Next/ })
    .click();
  await expectState(page, () => summary(page), /^51–100 of 120/, 'the second page');
  await page.getByLabel('Per page').selectOption('100');
  await expectState(page, () => summary(page), /^1–100 of 120/, 'a hundred from the first');
  await expectState(
    page,
    () => page.locator('.customers-table tbody tr').count(),
    100,
    'rows shown',
  );
  assert.equal(new URL(page.url()).searchParams.get('limit'), '100');
  expectNoProblems(page);
  await page.close();
});
