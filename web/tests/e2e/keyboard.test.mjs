// The admin by keyboard, as issue reports of store owners asked: "/" jumps to the search box,
// a few Tab presses lead from the search past the filters to the first customer, a click
// anywhere on a row opens the customer, and a dialog closed with Escape gives the focus back to
// the button that opened it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectFocused,
  expectNoProblems,
  expectState,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 30 });

async function openList() {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  return page;
}

test('"/" jumps to the search box, and Tab leads past the filters to the first customer', async () => {
  const page = await openList();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await expectFocused(search, 'the search box after "/"');
  await expectState(page, () => search.inputValue(), '', 'the search box stays empty');
  // In a text box "/" is a character like any other.
  await page.keyboard.type('a/b');
  await expectState(page, () => search.inputValue(), 'a/b', 'what was typed');
  await search.fill('');
  await waitForResults(page, '');

  // From the search box: the link past the filters, then the first customer.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to results' });
  await expectFocused(skip, 'the link past the filters');
  await page.keyboard.press('Enter');
  let presses = 0;
  const first = page.locator('.customers-table tbody tr').first().locator('td.col-name a');
  for (; presses < 5; ++presses) {
    if (await first.evaluate((a) => a === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expectFocused(first, 'the first customer a few Tab presses after the skip link');
  assert.ok(presses <= 3, `${presses} Tab presses from the skip link to the first customer`);
  expectNoProblems(page);
  await page.close();
});

test('a click anywhere on a row opens the customer; a click on its checkbox does not', async () => {
  const page = await openList();
  const row = page.locator('.customers-table tbody tr').first();
  const href = await row.locator('td.col-name a').getAttribute('href');
  const checkbox = row.locator('input[type="checkbox"]');
  if ((await checkbox.count()) > 0) {
    await checkbox.click();
    await expectState(page, () => checkbox.isChecked(), true, 'the row is chosen');
    assert.match(new URL(page.url()).pathname, /\/admin\/customers$/, 'still on the list');
  }
  await row.locator('td.col-email').click();
  await expectState(page, () => new URL(page.url()).pathname, href, 'the customer opened');
  await page.getByRole('heading', { level: 1 }).waitFor();
  expectNoProblems(page);
  await page.close();
});

test('a dialog closed with Escape gives the focus back to the button that opened it', async () => {
  const page = await openList();
  const opener = page.getByRole('button', { name: 'Export…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await expectFocused(opener, 'the Export… button after Escape');
  expectNoProblems(page);
  await page.close();
});
