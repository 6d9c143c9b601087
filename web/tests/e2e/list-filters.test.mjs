// The customer list's filters: a country applies once it is chosen, like the other filters; a
// filter the server refuses is named, next to its box and above the list, and the list no longer
// says "Searching…".
import { test } from 'node:test';
import {
  browser,
  expectNoProblems,
  expectState,
  expectValue,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 200 });

async function openFilters(page) {
  const toggle = page.getByRole('button', { name: /Filters/ });
  if (await toggle.isVisible()) await toggle.click();
}

test('a country chosen in the filter applies at once', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  await openFilters(page);
  const country = page.getByRole('combobox', { name: 'Country', exact: true });
  await country.pressSequentially('de');
  await page.getByRole('option', { name: 'Germany DE' }).click();
  await expectState(
    page,
    () => new URL(page.url()).searchParams.get('country'),
    'DE',
    'the country in the URL',
  );
  await expectState(
    page,
    () =>
      page
        .locator('.customers-table tbody td.col-country')
        .evaluateAll((cells) => cells.every((c) => c.textContent.includes('DE'))),
    true,
    'every customer shown is in DE',
  );
  expectNoProblems(page);
  await page.close();
});

test('a country the server refuses is named, and the list stops saying "Searching…"', async () => {
  // The box takes no such country; a link can still carry one.
  const page = await signedInPage(browser, server, { path: '/admin/customers?country=XX' });
  await openFilters(page);
  const country = page.getByRole('combobox', { name: 'Country', exact: true });
  await expectValue(country, 'XX');
  const named = page.getByRole('list', { name: 'Filters to correct' });
  await named.getByText('Country').waitFor();
  await expectState(page, () => country.getAttribute('aria-invalid'), 'true', 'the box marked');
  await expectState(
    page,
    async () => (await page.locator('.summary').textContent()).includes('Searching'),
    false,
    'whether the summary says "Searching…"',
  );
  expectNoProblems(page, { allowStatuses: [422] });
  await page.close();
});
