// The frame around every page: navigation (a menu button on phones), keyboard use, no page wider
// than a phone, and screenshots of the main pages at laptop and phone sizes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectNoProblems,
  LAPTOP,
  PHONE,
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

let customer;
useServerAndBrowser(
  { customers: 2000 },
  {
    prepare: async () => {
      customer = (await server.api('GET', '/api/admin/customers?limit=1&kind=registered')).body
        .items[0];
      await server.api('PATCH', `/api/admin/customers/${customer.id}`, {
        tags: ['vip', 'newsletter'],
        note: 'Prefers delivery after 5 pm.',
      });
      await server.api('POST', '/api/admin/tokens', { name: 'Warehouse sync', role: 'viewer' });
    },
  },
);

const pages = [
  { name: 'customers', path: '/admin/customers', ready: (p) => waitForResults(p, '') },
  {
    name: 'customer',
    path: () => `/admin/customers/${customer.id}`,
    ready: (p) => p.getByLabel('Company').waitFor(),
  },
  {
    name: 'customer-new',
    path: '/admin/customers/new',
    ready: (p) => p.getByLabel('First name').waitFor(),
  },
  { name: 'groups', path: '/admin/groups', ready: (p) => p.locator('tbody tr').first().waitFor() },
  {
    name: 'audit',
    path: '/admin/audit',
    ready: (p) => p.locator('.audit-table tbody tr').first().waitFor(),
  },
  {
    name: 'admins',
    path: '/admin/admins',
    ready: (p) => p.locator('.tokens-table tbody tr').first().waitFor(),
  },
  { name: 'settings', path: '/admin/settings', ready: (p) => p.getByLabel('Store name').waitFor() },
  {
    name: 'account',
    path: '/admin/account',
    ready: (p) => p.getByRole('button', { name: 'Set up an authenticator app' }).waitFor(),
  },
];

for (const viewport of [LAPTOP, PHONE]) {
  const label = viewport === PHONE ? 'phone' : 'laptop';
  test(`every main page renders at ${label} size without errors or sideways scrolling`, async () => {
    const page = await signedInPage(browser, server, { viewport, path: '/admin/customers' });
    for (const p of pages) {
      const path = typeof p.path === 'function' ? p.path() : p.path;
      await page.goto(server.url + path);
      await p.ready(page);
      await page.evaluate(() => document.fonts.ready);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(overflow <= 0, `${p.name} is ${overflow}px wider than the window`);
      await screenshot(page, p.name);
    }
    expectNoProblems(page);
    await page.context().close();
  });
}

test('the profile with the activity tab and a confirmation dialog (screenshots)', async () => {
  for (const viewport of [LAPTOP, PHONE]) {
    const page = await signedInPage(browser, server, {
      viewport,
      path: `/admin/customers/${customer.id}`,
    });
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.locator('.timeline__item').first().waitFor();
    await screenshot(page, 'customer-activity');
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'customer-deactivate-dialog');
    await page.keyboard.press('Escape');
    expectNoProblems(page);
    await page.context().close();
  }
});

test('navigation marks the current page and is usable from the keyboard', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(
    await nav.getByRole('link', { name: 'Customers' }).getAttribute('aria-current'),
    'page',
  );

  // The first Tab reaches "Skip to content", which moves focus to the page.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  // Focus is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');

  // Tab on to "Groups & tags" and open it with Enter.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Groups & tags') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/admin\/groups$/);
  assert.equal(
    await nav.getByRole('link', { name: 'Groups & tags' }).getAttribute('aria-current'),
    'page',
  );

  // Back and forward work like any site.
  await page.goBack();
  await page.waitForURL(/\/admin\/customers$/);
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { name: 'Groups & tags' }).waitFor();

  // An unknown address inside the admin says so.
  await page.goto(`${server.url}/admin/no-such-page`);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('on a phone the navigation folds into a menu button', async () => {
  const page = await signedInPage(browser, server, { viewport: PHONE, path: '/admin/customers' });
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false);
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await nav.waitFor({ state: 'visible' });
  await screenshot(page, 'menu');
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await nav.waitFor({ state: 'hidden' });
  await menu.click();
  await nav.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await nav.waitFor({ state: 'hidden' });
  // Sign out stays reachable on a phone.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});
