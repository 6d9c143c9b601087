// The customer search finds what a row does not show and says what it matched under the name
// ("Company: …", "Latin spelling: …"); names in Chinese, Japanese or Korean read family name
// first in the list and on the profile, and a name is found with its words in any order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectCount,
  expectNoProblems,
  expectText,
  PHONE,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

let yamazaki;
let nikolaev;
let schmidt;

// One demo customer only: the demo's names include 山崎, Николаев and Schmidt, and each search
// here must find the customers this file makes and no one else.
useServerAndBrowser(
  { customers: 1 },
  {
    prepare: async () => {
      yamazaki = await newCustomer({
        first_name: '翔',
        last_name: '山崎',
        email: 'yamazaki@example.jp',
      });
      nikolaev = await newCustomer({
        first_name: 'Иван',
        last_name: 'Николаев',
        email: 'ivan.n@example.ru',
      });
      schmidt = await newCustomer({
        first_name: 'Greta',
        last_name: 'Schmidt',
        email: 'g.schmidt@example.de',
        company: 'Acme Werkzeuge GmbH',
      });
    },
  },
);

async function newCustomer(fields) {
  const r = await server.api('POST', '/api/admin/customers', fields);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const rows = (page) => page.locator('.customers-table tbody tr');
const rowOf = (page, customer) => rows(page).filter({ hasText: customer.email });
const heading = (page) => page.getByRole('heading', { level: 1 });

async function openList(options = {}) {
  const page = await signedInPage(browser, server, { path: '/admin/customers', ...options });
  await waitForResults(page, '');
  return page;
}

// Types `q` into the search box and waits for its results, which must be `customer` alone.
async function searchFor(page, q, customer) {
  await page.getByLabel('Search customers').fill(q);
  await waitForResults(page, q);
  await expectCount(rows(page), 1, `the customers found by "${q}"`);
  await expectCount(rowOf(page, customer), 1, `${customer.email} among those found by "${q}"`);
  return rowOf(page, customer);
}

test('a Japanese name reads family name first, and is found written without a space', async () => {
  const page = await openList();
  await expectText(rowOf(page, yamazaki).locator('td.col-name a'), '山崎 翔');

  const row = await searchFor(page, '山崎翔', yamazaki);
  await expectText(row.locator('td.col-name a'), '山崎 翔');
  await row.getByRole('link', { name: '山崎 翔' }).click();
  await expectText(heading(page), /^山崎 翔(\s|$)/, 'the profile header');
  expectNoProblems(page);
  await page.context().close();
});

test('a Cyrillic name is found by its Latin spelling, which the row names', async () => {
  const page = await openList();
  const row = await searchFor(page, 'nikolaev', nikolaev);
  await expectText(row.locator('td.col-name a'), 'Иван Николаев');
  await expectText(row.locator('.match-note'), 'Latin spelling: Ivan Nikolaev');
  expectNoProblems(page);
  await page.context().close();
});

test('a customer is found by the company, and by the name in any order', async () => {
  const page = await openList();
  let row = await searchFor(page, 'werkzeuge', schmidt);
  await expectText(row.locator('td.col-name a'), 'Greta Schmidt');
  await expectText(row.locator('.match-note'), 'Company: Acme Werkzeuge GmbH');

  // The name the row shows matched: there is nothing to add under it.
  row = await searchFor(page, 'schmidt greta', schmidt);
  await expectCount(row.locator('.match-note'), 0, 'notes under a name that matched');
  await row.getByRole('link', { name: 'Greta Schmidt' }).click();
  await expectText(heading(page), /^Greta Schmidt(\s|$)/, 'the profile header');
  expectNoProblems(page);
  await page.context().close();
});

test("on a phone's card the match note stays under the name", async () => {
  const page = await openList({ viewport: PHONE });
  const row = await searchFor(page, 'werkzeuge', schmidt);
  const note = row.locator('.match-note');
  await expectText(note, 'Company: Acme Werkzeuge GmbH');
  const [name, under] = [
    await row.locator('td.col-name a').boundingBox(),
    await note.boundingBox(),
  ];
  // Below the name and starting where it starts, not beside it in the card's row.
  assert.ok(
    under.y >= name.y + name.height - 1 && Math.abs(under.x - name.x) < 2,
    `the note ${JSON.stringify(under)} is not under the name ${JSON.stringify(name)}`,
  );
  await screenshot(page, 'search-match');
  expectNoProblems(page);
  await page.context().close();
});
