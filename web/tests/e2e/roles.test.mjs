// Roles in the admin UI, in Chromium against the real server: a viewer who opens a page their
// role may not use (Admins, Settings, New customer, Import, Audit log) by its URL reads "No
// access" with the role it needs and a link back to Customers, and none of the page's controls;
// the viewer's sidebar lists only the pages they may open; a customer's profile shows a viewer
// the summary read-only, without Edit, Save, the staff note form or any tool; a support admin has
// Edit, Send e-mail but neither merging nor deleting; the Admins page says what each role may do, next to the role choice too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectCount,
  expectNoProblems,
  expectText,
  openAccountForm,
  profileSummary,
  server,
  signedInPage,
  summaryValue,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

let viewer;
let support;
let customer;

useServerAndBrowser(
  { customers: 5 },
  {
    prepare: async () => {
      viewer = createAdmin(server, {
        email: `viewer.roles.${process.pid}@example.com`,
        name: 'Vic Viewer',
        role: 'viewer',
      });
      support = createAdmin(server, {
        email: `support.roles.${process.pid}@example.com`,
        name: 'Sue Support',
        role: 'support',
      });
      const r = await server.api('POST', '/api/admin/customers', {
        first_name: 'Rhea',
        last_name: `Roles${process.pid}`,
        email: `rhea.roles.${process.pid}@example.com`,
        tags: [`roles${process.pid}`],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      customer = r.body;
    },
  },
);

const main = (page) => page.getByRole('main');

async function navLinks(page) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Customers' }).waitFor();
  return nav.getByRole('link').allTextContents();
}

async function openProfile(who) {
  const page = await signedInPage(browser, server, {
    who,
    path: `/admin/customers/${customer.id}`,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

test('a viewer opening Admins, Settings, New customer, Import or the audit log by URL reads "No access"', async () => {
  const page = await signedInPage(browser, server, { who: viewer, path: '/admin/admins' });
  const pages = [
    [
      '/admin/admins',
      /^Managing admins needs the owner or admin role\. You are signed in as a viewer\.$/,
    ],
    ['/admin/settings', /^Changing the store settings needs the owner or admin role\./],
    [
      '/admin/settings/email-templates',
      /^Changing the store settings needs the owner or admin role\./,
    ],
    [
      '/admin/customers/new',
      /^Creating and editing customers needs the owner, admin or support role\./,
    ],
    ['/admin/import', /^Importing customers needs the owner or admin role\./],
    ['/admin/audit', /^Reading the audit log needs the owner, admin or support role\./],
  ];
  for (const [path, reason] of pages) {
    if (path !== '/admin/admins') await page.goto(server.url + path);
    await main(page).getByRole('heading', { name: 'No access', level: 1 }).waitFor();
    await expectText(page.getByTestId('no-access').locator('p').first(), reason, `${path}: reason`);
    await expectCount(main(page).getByRole('button'), 0, `${path}: buttons`);
    await expectCount(main(page).locator('input, select, textarea'), 0, `${path}: form controls`);
  }
  await expectCount(page.getByRole('button', { name: 'Add admin' }), 0, 'Add admin');
  await expectCount(page.getByRole('button', { name: 'Create token' }), 0, 'Create token');

  // The way back is a link to the customer list, which a viewer may use.
  await main(page).getByRole('link', { name: 'Go to Customers' }).click();
  await page.waitForURL(`${server.url}/admin/customers`);
  await main(page).getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  await expectCount(main(page).getByRole('heading', { name: 'No access' }), 0, 'No access');
  expectNoProblems(page);
  await page.context().close();
});

test("a viewer's sidebar has no links to the pages their role may not open", async () => {
  const page = await signedInPage(browser, server, { who: viewer, path: '/admin/customers' });
  const links = await navLinks(page);
  for (const hidden of ['Import', 'Audit log', 'Admins', 'Settings']) {
    assert.ok(!links.includes(hidden), `${hidden} in ${JSON.stringify(links)}`);
  }
  assert.ok(links.includes('Jobs'), JSON.stringify(links));
  // Every page the sidebar lists opens for the viewer.
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of links) {
    const link = nav.getByRole('link', { name: label, exact: true });
    const href = await link.getAttribute('href');
    await link.click();
    await page.waitForURL(server.url + href);
    await expectCount(link.and(page.locator('[aria-current="page"]')), 1, `${label}: current`);
    await main(page).getByRole('heading', { level: 1 }).first().waitFor();
    await expectCount(
      main(page).getByRole('heading', { name: 'No access' }),
      0,
      `${label}: No access`,
    );
  }
  expectNoProblems(page);
  await page.context().close();
});

test('a viewer sees a customer read-only: no Edit, no Save, no tools, nothing destructive', async () => {
  const page = await openProfile(viewer);
  await page.getByText('Your role can view but not edit customers.').waitFor();
  await expectText(summaryValue(page, 'full_name'), customer.full_name);
  await expectText(summaryValue(page, 'email'), customer.email);
  await expectCount(main(page).locator('form.customer-form'), 0, 'edit forms');
  for (const name of [
    'Edit',
    'Save changes',
    'Discard',
    'Tools',
    'Send e-mail',
    'Deactivate',
    'Restore',
  ]) {
    await expectCount(main(page).getByRole('button', { name, exact: true }), 0, `${name} buttons`);
  }
  await expectCount(page.getByLabel('Add a staff note'), 0, 'staff note forms');
  // The other tabs show their data without the controls that change it.
  await page.getByRole('tab', { name: 'Wallet' }).click();
  await page
    .getByRole('tabpanel')
    .getByText(/balance/i)
    .first()
    .waitFor();
  await expectCount(page.getByRole('tabpanel').getByRole('button'), 0, 'wallet buttons');
  await page.getByRole('tab', { name: 'Addresses' }).click();
  await expectCount(
    page.getByRole('tabpanel').getByRole('button', { name: /add address/i }),
    0,
    'Add address',
  );
  expectNoProblems(page);
  await page.context().close();
});

test('a support admin has Send e-mail and the editing tools, but no merging or deleting', async () => {
  const page = await openProfile(support);
  await main(page).getByRole('button', { name: 'Send e-mail' }).waitFor();
  await profileSummary(page).getByRole('button', { name: 'Edit', exact: true }).waitFor();
  await openAccountForm(page);
  await main(page).getByRole('button', { name: 'Save changes' }).waitFor();
  await expectCount(
    page.getByText('Your role can view but not edit customers.'),
    0,
    'read-only notes',
  );
  await page.getByRole('button', { name: 'Tools' }).click();
  const menu = page.getByRole('menu', { name: 'Tools' });
  await menu.getByRole('menuitem', { name: /^Ban…/ }).waitFor();
  await expectCount(menu.getByRole('menuitem', { name: /Merge/ }), 0, 'Merge items');
  await expectCount(menu.getByRole('menuitem', { name: /Delete permanently/ }), 0, 'Delete items');
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('menu'), 0, 'open menus');

  // Pages beyond the role say so instead of showing their controls.
  await page.goto(`${server.url}/admin/admins`);
  await expectText(
    page.getByTestId('no-access').locator('p').first(),
    'Managing admins needs the owner or admin role. You are signed in as a support admin.',
  );
  expectNoProblems(page);
  await page.context().close();
});

test('the Admins page says what each role may do, and the role choice explains the chosen role', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/admins' });
  const roles = main(page).getByRole('region', { name: 'What each role may do' });
  const summary = (role) => roles.locator(`[data-role="${role}"] dd`);
  await expectText(summary('owner'), 'Everything, including adding and changing other owners.');
  await expectText(summary('admin'), 'Everything except adding or changing owners.');
  await expectText(
    summary('support'),
    'View customers, create and edit customers, read the audit log, send e-mails, log in as a ' +
      "customer, manage orders and manage customers' libraries.",
  );
  await expectText(summary('viewer'), 'View customers only.');

  await main(page).getByRole('button', { name: 'Add admin' }).click();
  const form = page.getByRole('form', { name: 'Add admin' });
  const role = form.getByLabel('Role');
  await role.selectOption('viewer');
  await expectText(
    form.locator('.field__hint').filter({ hasText: 'only' }),
    'View customers only.',
  );
  assert.match(
    (await role.getAttribute('aria-describedby')) ?? '',
    /hint/,
    'the role select is described by its hint',
  );
  await role.selectOption('admin');
  await form.getByText('Everything except adding or changing owners.').waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('a refused request shows the server’s message without Retry, which could not help', async () => {
  const page = await signedInPage(browser, server, { who: viewer, path: '/admin/customers' });
  await waitForResults(page, '');
  // As when the role was lowered while the list was open: the server refuses the next search.
  await page.route(/\/api\/admin\/customers\?/, (route) =>
    route.fulfill({
      status: 403,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        status: 403,
        code: 'permission_denied',
        title: 'Forbidden',
        detail: 'Your role does not allow this action.',
        request_id: 'rid-roles',
      }),
    }),
  );
  await page.getByLabel('Search customers').fill('rhea');
  const alert = page
    .getByRole('alert')
    .filter({ hasText: 'Your role does not allow this action.' });
  await alert.waitFor();
  await expectCount(alert.getByRole('button', { name: 'Retry' }), 0, 'Retry buttons');
  await page.unroute(/\/api\/admin\/customers\?/);
  expectNoProblems(page, { allowStatuses: [403] });
  await page.context().close();
});
