// The frame around every page: navigation (a menu button on phones), keyboard use, no page wider
// than a phone, and screenshots of the main pages at laptop and phone sizes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectNoProblems,
  LAPTOP,
  openAccountForm,
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
      const note = await server.api('POST', `/api/admin/customers/${customer.id}/notes`, {
        body: 'Checked the address with the customer.',
      });
      assert.equal(note.status, 201, JSON.stringify(note.body));
      await server.api('POST', '/api/admin/tokens', { name: 'Warehouse sync', role: 'viewer' });
    },
  },
);

const pages = [
  { name: 'customers', path: '/admin/customers', ready: (p) => waitForResults(p, '') },
  {
    name: 'insights',
    path: '/admin/insights',
    ready: (p) => p.getByRole('table', { name: 'Cohort retention' }).waitFor(),
  },
  {
    name: 'customer',
    path: () => `/admin/customers/${customer.id}`,
    ready: async (p) => {
      await p.getByText('Prefers delivery after 5 pm.').waitFor();
      await p.getByText('Checked the address with the customer.').waitFor();
    },
  },
  {
    name: 'customer-edit',
    path: () => `/admin/customers/${customer.id}`,
    ready: async (p) => {
      await openAccountForm(p);
      await p.getByLabel('Company').waitFor();
    },
  },
  {
    name: 'customer-new',
    path: '/admin/customers/new',
    ready: (p) => p.getByLabel('First name').waitFor(),
  },
  { name: 'groups', path: '/admin/groups', ready: (p) => p.locator('tbody tr').first().waitFor() },
  {
    name: 'duplicates',
    path: '/admin/duplicates',
    ready: (p) => p.getByTestId('duplicates-count').waitFor(),
  },
  {
    name: 'cleanup',
    path: '/admin/cleanup',
    ready: (p) => p.locator('.cleanup-review__results[data-loaded]').waitFor(),
  },
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
  { name: 'import', path: '/admin/import', ready: (p) => p.getByLabel('CSV file').waitFor() },
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
  await expectAttribute(nav.getByRole('link', { name: 'Customers' }), 'aria-current', 'page');

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
  await expectAttribute(nav.getByRole('link', { name: 'Groups & tags' }), 'aria-current', 'page');

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
  await expectAttribute(menu, 'aria-expanded', 'false');
  await nav.waitFor({ state: 'hidden' });
  await menu.click();
  await expectAttribute(menu, 'aria-expanded', 'true');
  await nav.waitFor({ state: 'visible' });
  await screenshot(page, 'menu');
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await nav.waitFor({ state: 'hidden' });
  await expectAttribute(menu, 'aria-expanded', 'false');
  await menu.click();
  await nav.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await nav.waitFor({ state: 'hidden' });
  await expectAttribute(menu, 'aria-expanded', 'false');
  // Sign out stays reachable on a phone.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

// The menu used to close in effects, which run only after the next paint: the next page showed
// for a frame under the open menu, and an Escape pressed as the menu appeared was lost.
test('on a phone the menu closes at once: on Escape as it appears, and before the next page', async () => {
  const page = await signedInPage(browser, server, { viewport: PHONE, path: '/admin/customers' });
  await page.getByRole('heading', { name: 'Customers' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (let i = 0; i < 3; i++) {
    // Escape in the first frame that shows the menu.
    const afterEscape = await page.evaluate(async () => {
      const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
      const menu = document.getElementById('main-nav');
      document.querySelector('.menu-button').click();
      await frame();
      const shown = getComputedStyle(menu).display;
      document.activeElement.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
      await frame();
      return { shown, then: getComputedStyle(menu).display };
    });
    assert.deepEqual(afterEscape, { shown: 'block', then: 'none' }, `try ${i + 1}`);
  }
  await nav.waitFor({ state: 'hidden' });

  // The first frame of the next page has the menu closed.
  await page.getByRole('button', { name: 'Menu' }).click();
  await nav.waitFor({ state: 'visible' });
  const firstFrame = await page.evaluate(async () => {
    const link = [...document.querySelectorAll('#main-nav a')].find(
      (a) => a.textContent === 'Audit log',
    );
    link.click();
    await new Promise((done) => requestAnimationFrame(() => done()));
    return {
      heading: document.querySelector('h1')?.textContent,
      menu: getComputedStyle(document.getElementById('main-nav')).display,
    };
  });
  assert.deepEqual(firstFrame, { heading: 'Audit log', menu: 'none' });
  expectNoProblems(page);
  await page.context().close();
});
