// Log in as customer, in Chromium against the real server and a real SMTP server (maildev): a
// support admin opens a shopper's customer area from the profile's Tools menu in a new tab, which
// shows the visit's banner (also at phone width); the staff visit changes the profile but sees
// notices instead of the security, e-mail and privacy forms, and the store refuses nothing it
// asked for; End ends the visit, and the customer's activity and the audit log name both the
// customer and the admin. With the store setting that asks customers first, the tool is refused
// until the shopper allows it under Privacy, and the shopper's own Security page names the visit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectAttribute,
  expectCount,
  expectFocused,
  expectNoProblems,
  expectState,
  expectText,
  openPage,
  PHONE,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  useServerAndBrowser,
  waitForMail,
  watchPage,
} from './harness.mjs';

let support;
useServerAndBrowser(
  { customers: 10, serveArgs: smtpArgs() },
  {
    prepare: () => {
      support = createAdmin(server, {
        email: 'sam.support@example.com',
        name: 'Sam Support',
        role: 'support',
      });
    },
  },
);

const kVerifySubject = /^Confirm your e-mail address/;
const kCredentialsNotice =
  'Store staff cannot see or change the password, e-mail address, second factor or recovery codes.';
const kAssisted = ', signed in as the customer';

let serial = 0;

// A shopper nobody else in the test mail server uses (maildev keeps the mail of earlier runs).
function newShopper(first, last = 'Lee') {
  serial += 1;
  return {
    first,
    last,
    email: `${first.toLowerCase()}.visit.${Date.now()}.${process.pid}.${serial}@example.com`,
    password: 'amber lighthouse quarter 9',
  };
}

async function storeApi(method, path, body) {
  const res = await fetch(`${server.url}/api/store${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Registers `who` through the store API and confirms the address with the link of the
// verification e-mail and the password; returns the customer as the admin API has it.
async function registeredShopper(who) {
  const r = await storeApi('POST', '/register', {
    first_name: who.first,
    last_name: who.last,
    email: who.email,
    password: who.password,
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  const [mail] = await waitForMail(who.email, kVerifySubject);
  const link = /https?:\/\/[^\s"<>]+\/account\/verify\?token=[^\s"<>]+/.exec(mail.text);
  assert.ok(link, `no verification link in:\n${mail.text}`);
  const token = new URL(link[0]).searchParams.get('token');
  const v = await storeApi('POST', '/verify', { token, password: who.password });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  const list = await server.api('GET', `/api/admin/customers?q=${encodeURIComponent(who.email)}`);
  const customer = list.body.items.find((c) => c.email === who.email);
  assert.ok(customer, `${who.email} is in the customer list`);
  return customer;
}

async function openProfile(customer) {
  const page = await signedInPage(browser, server, {
    who: support,
    path: `/admin/customers/${customer.id}`,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

// Tools → `item`.
async function chooseTool(page, item) {
  const tools = page.getByRole('button', { name: 'Tools' });
  await tools.click();
  await expectAttribute(tools, 'aria-expanded', 'true');
  await page
    .getByRole('menu', { name: 'Tools' })
    .getByRole('menuitem', { name: item, exact: true })
    .click();
  await expectCount(page.getByRole('menu'), 0, 'open menus');
}

// Tools → Log in as customer; resolves with the tab it opened (watched for errors).
async function logInAsCustomer(admin) {
  const opened = admin.context().waitForEvent('page');
  await chooseTool(admin, 'Log in as customer');
  return watchPage(await opened);
}

function notice(page, text) {
  return page.getByRole('status').filter({ hasText: text }).waitFor();
}

const banner = (page) => page.getByRole('region', { name: 'Store staff visit' });
const areaNav = (page, name) =>
  page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name });

// The requests of `page` the store refused (403), kept as they happen.
function refusals(page) {
  const refused = [];
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return refused;
}

async function fitsWidth(page, what) {
  await expectState(
    page,
    () =>
      page.evaluate(() => {
        const el = document.scrollingElement;
        return el.scrollWidth <= el.clientWidth ? 'fits' : `${el.scrollWidth} > ${el.clientWidth}`;
      }),
    'fits',
    what,
  );
}

test('support logs in as a shopper in a new tab, changes the profile, ends the visit; the activity names both', async () => {
  const who = newShopper('Ann');
  const customer = await registeredShopper(who);
  const admin = await openProfile(customer);

  // The menu says what the tool does.
  await admin.getByRole('button', { name: 'Tools' }).click();
  const item = admin.getByRole('menuitem', { name: 'Log in as customer', exact: true });
  await expectFocused(item, 'focus on the first tool');
  await expectAttribute(item, 'aria-disabled', null);
  await expectText(
    admin.locator(`[id="${await item.getAttribute('aria-describedby')}"]`),
    'Opens a new tab. The visit is recorded and lasts 30 minutes at most.',
  );
  await screenshot(admin, 'assistance-tools-menu');
  await admin.keyboard.press('Escape');

  const tab = await logInAsCustomer(admin);
  const refused = refusals(tab);
  await notice(admin, `The customer area is open in a new tab, signed in as ${customer.full_name}`);
  await expectState(tab, () => new URL(tab.url()).pathname, '/account/profile', 'the tab');
  await expectText(
    banner(tab).locator('strong'),
    'You are signed in as Ann Lee by admin Sam Support',
  );
  await banner(tab)
    .getByText(/^The visit ends at \d/)
    .waitFor();
  await expectCount(tab.getByRole('button', { name: 'Sign out' }), 0, 'Sign out buttons');
  assert.equal(await tab.evaluate(() => window.opener), null, 'the tab has no opener');

  // The profile can be changed; the e-mail address cannot.
  await tab.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
  await tab.getByLabel('First name').fill('Anna');
  await tab.getByRole('button', { name: 'Save details' }).click();
  await notice(tab, 'Your details are saved.');
  await expectText(
    banner(tab).locator('strong'),
    'You are signed in as Anna Lee by admin Sam Support',
  );
  await tab.getByText('Store staff cannot change the e-mail address.').waitFor();
  await expectCount(tab.getByRole('form', { name: 'Change the e-mail address' }), 0, 'forms');

  // Security and Privacy show a notice instead of their forms.
  await areaNav(tab, 'Security').click();
  await tab.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await expectText(tab.getByTestId('assisted-notice'), kCredentialsNotice);
  await expectCount(tab.getByRole('form'), 0, 'forms on Security');
  await expectCount(tab.getByRole('heading', { name: 'Where you are signed in' }), 0, 'sessions');
  await areaNav(tab, 'Privacy').click();
  await tab.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
  await expectText(
    tab.getByTestId('assisted-notice'),
    "Store staff cannot download the customer's data or ask for the account to be deleted.",
  );
  await expectCount(tab.getByRole('button', { name: 'Download my data' }), 0, 'downloads');

  // At phone width the banner fits and End stays on the screen.
  await tab.setViewportSize(PHONE);
  await fitsWidth(tab, 'the width of the page');
  const end = banner(tab).getByRole('button', { name: 'End', exact: true });
  const box = await end.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `End at ${JSON.stringify(box)}`);
  await screenshot(tab, 'assistance-banner');

  // The admin's Sessions dialog names the visit.
  await chooseTool(admin, 'Sessions…');
  const dialog = admin.getByRole('dialog', { name: `Sessions of ${customer.full_name}` });
  await dialog.getByText('Store staff visit: Sam Support').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');

  // End, from the keyboard.
  await end.focus();
  await tab.keyboard.press('Enter');
  await tab.getByText('The visit has ended. You can close this tab.').waitFor();
  await expectCount(banner(tab), 0, 'banners after the end');
  const sessions = await server.api('GET', `/api/admin/customers/${customer.id}/sessions`);
  assert.deepEqual(
    sessions.body.items.filter((s) => s.assisted_by),
    [],
    'no staff visit is left',
  );
  assert.deepEqual(refused, [], 'requests the store refused');

  // The activity names the customer and the admin for what was done in the visit.
  await admin.reload();
  await admin.getByRole('tab', { name: 'Activity' }).click();
  const event = (label) =>
    admin.locator('.timeline__item').filter({ has: admin.getByText(label, { exact: true }) });
  await event('Logged in as the customer').getByText('by Sam Support').waitFor();
  const changed = event('Changed the customer');
  await expectText(changed.locator('.actor'), `Anna Lee (customer) — by Sam Support${kAssisted}`);
  await changed.locator('del', { hasText: 'Ann' }).waitFor();
  await changed.locator('ins', { hasText: 'Anna' }).waitFor();
  await expectText(
    event('Ended the store staff visit').locator('.actor'),
    `Anna Lee (customer) — by Sam Support${kAssisted}`,
  );
  await screenshot(admin, 'assistance-activity');

  // So does the audit log, with the customer's id.
  await admin.goto(`${server.url}/admin/audit?customer=${customer.id}`);
  const row = admin
    .locator('.audit-table tbody tr')
    .filter({ has: admin.getByText('Changed the customer', { exact: true }) });
  await expectText(row.locator('.actor'), `${customer.id} (customer) — by Sam Support${kAssisted}`);

  expectNoProblems(admin);
  expectNoProblems(tab);
  await admin.context().close();
});

test('when the store asks customers first, the tool is refused until the shopper allows it', async () => {
  // The owner turns the setting on.
  const owner = await signedInPage(browser, server, { path: '/admin/settings' });
  await owner.getByLabel('Customers must allow store staff to log in as them').check();
  await owner.getByRole('button', { name: 'Save settings' }).click();
  await notice(owner, 'Settings saved.');
  assert.equal(
    (await server.api('GET', '/api/admin/settings')).body.assistance_requires_consent,
    true,
  );
  expectNoProblems(owner);
  await owner.context().close();

  const who = newShopper('Bea');
  const customer = await registeredShopper(who);
  const admin = await openProfile(customer);
  const allowed = admin.getByTestId('account-assistance');
  await expectText(allowed, 'Not allowed: the customer can allow it under Privacy');

  // Refused: the tab closes again and the profile says why.
  const refusedTab = await logInAsCustomer(admin);
  if (!refusedTab.isClosed()) await refusedTab.waitForEvent('close');
  await admin
    .getByRole('alert')
    .filter({ hasText: 'This customer has not allowed store staff to sign in to their account.' })
    .waitFor();

  // The shopper allows it in their own browser.
  const shopper = await openPage(browser);
  await shopper.goto(`${server.url}/account/privacy`);
  await shopper.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await shopper.getByLabel('E-mail', { exact: true }).fill(who.email);
  await shopper.getByLabel('Password', { exact: true }).fill(who.password);
  await shopper.getByRole('button', { name: 'Sign in' }).click();
  await shopper.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
  const consent = shopper.getByLabel('Allow store staff to sign in to my account to help me');
  await shopper.getByText(/lasts 30 minutes at most/).waitFor();
  await consent.check();
  await notice(shopper, 'Store staff can now sign in to your account to help you.');
  await screenshot(shopper, 'assistance-privacy-consent');

  // Now the admin can log in as them.
  await admin.reload();
  await expectText(allowed, 'Allowed by the customer');
  const tab = await logInAsCustomer(admin);
  await expectText(
    banner(tab).locator('strong'),
    'You are signed in as Bea Lee by admin Sam Support',
  );
  // The staff visit sees no consent switch.
  await areaNav(tab, 'Privacy').click();
  await tab.getByTestId('assisted-notice').waitFor();
  await expectCount(tab.getByRole('checkbox'), 0, 'switches in the visit');

  // The shopper's own Security page names the visit.
  await areaNav(shopper, 'Security').click();
  await shopper.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await shopper.getByText('Store staff: Sam Support').waitFor();

  await banner(tab).getByRole('button', { name: 'End', exact: true }).click();
  await tab.getByText('The visit has ended. You can close this tab.').waitFor();

  const reset = await server.api('PATCH', '/api/admin/settings', {
    assistance_requires_consent: false,
  });
  assert.equal(reset.status, 200, JSON.stringify(reset.body));
  expectNoProblems(admin, { allowStatuses: [409] });
  expectNoProblems(tab);
  expectNoProblems(shopper, { allowStatuses: [401] });
  await admin.context().close();
  await shopper.context().close();
});
