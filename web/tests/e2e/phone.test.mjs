// The admin at phone width (390×844), in Chromium against the real server: the customer list's
// cards have what the table's header row gives at desktop width (select all on the page, a sort)
// and are compact enough for several per screen; the profile's tab strip scrolls sideways to the
// chosen tab instead of cutting it off; the profile's save bar (once Edit opened the form) takes
// no room while there is nothing to save and one slim row while there is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  openAccountForm,
  PHONE,
  screenshot,
  server,
  signedInPage,
  summaryValue,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

// Found by a search for this text in their e-mail addresses, and by no other customer.
const mark = `ph${process.pid}`;
const seeded = [];

useServerAndBrowser(
  { customers: 20 },
  {
    prepare: async () => {
      // Full cards: phone, company, tags and a default address with long lines.
      for (const first of ['Wilhelmina', 'Bart', 'Corinna', 'Anselm']) {
        const r = await server.api('POST', '/api/admin/customers', {
          first_name: first,
          last_name: 'Vandersteen-Oppenheimer',
          email: `${first.toLowerCase()}.${mark}@phone-width.example.com`,
          phone: '+49 30 901820',
          company: 'Grossbritannien Handelsgesellschaft mbH',
          tags: ['vip', 'wholesale', 'newsletter'],
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        const a = await server.api('POST', `/api/admin/customers/${r.body.id}/addresses`, {
          first_name: first,
          last_name: 'Vandersteen-Oppenheimer',
          line1: 'Unter den Linden 77, Hinterhaus, 3. Obergeschoss links',
          city: 'Berlin',
          postal_code: '10117',
          country: 'DE',
          default_shipping: true,
          default_billing: true,
        });
        assert.equal(a.status, 201, JSON.stringify(a.body));
        seeded.push(r.body);
      }
    },
  },
);

const cards = (page) => page.locator('.customers-table tbody tr');
const cardNames = (page) => cards(page).locator('td.col-name').allTextContents();

test('on a phone the cards offer select all on the page and a sort, and stay compact', async () => {
  const page = await signedInPage(browser, server, {
    viewport: PHONE,
    path: `/admin/customers?q=${mark}`,
  });
  await waitForResults(page, mark);
  await expectCount(cards(page), seeded.length, 'cards');

  // The header row is gone, its controls are above the cards.
  const selectAll = page.getByRole('checkbox', { name: 'Select all on this page' });
  const sort = page.getByRole('combobox', { name: 'Sort' });
  await selectAll.waitFor({ state: 'visible' });
  await sort.waitFor({ state: 'visible' });
  await expectValue(sort, '-registered');

  const heights = await cards(page).evaluateAll((rows) =>
    rows.map((r) => Math.round(r.getBoundingClientRect().height)),
  );
  assert.ok(
    heights.every((h) => h <= 160),
    `card heights ${heights.join(', ')} px (at most 160)`,
  );
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
  await screenshot(page, 'customer-cards');

  // Sorted by name, in the address bar too; and back to the newest first.
  await sort.selectOption({ label: 'Name A–Z' });
  await expectState(
    page,
    () => cardNames(page),
    [
      'Anselm Vandersteen-Oppenheimer',
      'Bart Vandersteen-Oppenheimer',
      'Corinna Vandersteen-Oppenheimer',
      'Wilhelmina Vandersteen-Oppenheimer',
    ],
    'the cards by name',
  );
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'name');
  await sort.selectOption({ label: 'Name Z–A' });
  await expectState(
    page,
    async () => (await cardNames(page))[0],
    'Wilhelmina Vandersteen-Oppenheimer',
    'the first card by name, Z to A',
  );

  // Select all on this page: every card, the bulk bar's count; and off again.
  await selectAll.check();
  await expectText(page.locator('.bulkbar__count'), `${seeded.length} selected`);
  await expectCount(cards(page).locator('input[type="checkbox"]:checked'), seeded.length);
  await selectAll.uncheck();
  await expectCount(page.locator('.bulkbar__count'), 0, 'bulk bars');
  expectNoProblems(page);
  await page.context().close();
});

test('at desktop width the table header has the controls and the card row is hidden', async () => {
  const page = await signedInPage(browser, server, { path: `/admin/customers?q=${mark}` });
  await waitForResults(page, mark);
  await page.getByRole('checkbox', { name: 'Select all customers on this page' }).waitFor();
  assert.equal(
    await page.getByRole('checkbox', { name: 'Select all on this page' }).isVisible(),
    false,
  );
  assert.equal(await page.getByRole('combobox', { name: 'Sort' }).isVisible(), false);
  expectNoProblems(page);
  await page.context().close();
});

test('on a phone the profile tab strip scrolls to the chosen tab and the save bar waits for an edit', async () => {
  const c = seeded[0];
  const page = await signedInPage(browser, server, {
    viewport: PHONE,
    path: `/admin/customers/${c.id}`,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: c.last_name }).waitFor();
  await openAccountForm(page);
  await expectValue(page.getByLabel('Company'), c.company);

  // Nothing to save: no buttons, no room taken.
  const bar = page.locator('.form-actions--sticky');
  await expectState(page, async () => (await bar.boundingBox())?.height ?? 0, 0, 'idle bar');
  assert.equal(await bar.getByRole('button', { name: 'Save' }).isVisible(), false);

  // An edit: one slim row with the button.
  await page.getByLabel('Company').fill('Kleine Firma');
  await bar.getByRole('button', { name: 'Save' }).waitFor({ state: 'visible' });
  const height = (await bar.boundingBox()).height;
  assert.ok(height <= 64, `the save bar is ${height}px tall (at most 64)`);
  await bar.getByRole('button', { name: 'Save' }).click();
  // Saved: the summary is back, and the form with its bar is gone.
  await expectText(summaryValue(page, 'company'), 'Kleine Firma');
  await expectCount(bar, 0, 'save bars after the save');

  // The strip is wider than the phone; the last tab, chosen by the keyboard, is shown whole.
  const strip = page.getByRole('tablist', { name: 'Customer sections' });
  const wide = await strip.evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(wide, 'the tabs are wider than the phone');
  await page.getByRole('tab', { name: 'Account' }).focus();
  await page.keyboard.press('ArrowLeft');
  const activity = page.getByRole('tab', { name: 'Activity' });
  await expectState(page, () => activity.getAttribute('aria-selected'), 'true', 'Activity chosen');
  const whole = async () => {
    const [s, t] = [await strip.boundingBox(), await activity.boundingBox()];
    return t.x >= s.x - 0.5 && t.x + t.width <= s.x + s.width + 0.5 && s.x + s.width <= 390.5;
  };
  await expectState(page, whole, true, 'the Activity tab inside the strip');
  await screenshot(page, 'customer-tabs');

  // And back to the first: the strip scrolls back.
  await page.keyboard.press('ArrowRight');
  const account = page.getByRole('tab', { name: 'Account' });
  await expectState(page, () => account.getAttribute('aria-selected'), 'true', 'Account chosen');
  await expectState(page, () => strip.evaluate((el) => el.scrollLeft), 0, 'strip scrolled back');
  expectNoProblems(page);
  await page.context().close();
});
