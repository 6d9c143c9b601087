// Bans, seen from both sides, in Chromium against the real server and a real SMTP server
// (maildev): an admin bans a shopper from the profile's Tools menu (a reason and a note, If-Match),
// the profile shows the ban, the shopper gets the ban_notice e-mail, is signed out and cannot sign
// in or register again; lifting the ban (with a confirmation) sends ban_lifted and the shopper
// signs in again. Also: the reason in the list filtered to banned (at phone width too), the Tools
// menu from the keyboard, the Ban dialog's checks, a ban that someone else's change made stale,
// and a viewer, who sees the ban but no Tools.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectCount,
  expectFocused,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  openPage,
  OWNER,
  PHONE,
  screenshot,
  server,
  signedInPage,
  smtpArgs,
  summaryValue,
  useServerAndBrowser,
  waitForMail,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 60, serveArgs: smtpArgs() });

const kVerifySubject = /^Confirm your e-mail address/;
const kBanSubject = /^Your .* account has been suspended/;
const kLiftedSubject = /^Your .* account is active again/;

let serial = 0;

// A shopper nobody else in the test mail server uses (maildev keeps the mail of earlier runs).
function newShopper(first) {
  serial += 1;
  return {
    first,
    last: 'Okonkwo',
    email: `${first.toLowerCase()}.ban.${Date.now()}.${process.pid}.${serial}@example.com`,
    password: 'amber lighthouse quarter 9',
  };
}

// Calls the store API anonymously, as a script would: { status, body }.
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

const stored = async (id) => server.api('GET', `/api/admin/customers/${id}`);

// A registered, active demo customer with a name and an address, different for each call.
let pick = 0;
async function someCustomer() {
  const r = await server.api('GET', '/api/admin/customers?status=active&kind=registered&limit=50');
  const list = r.body.items.filter((c) => c.full_name.trim() && c.email && !c.ban);
  return list[pick++ % list.length];
}

async function banByApi(customer, reason, note = '') {
  const r = await server.api('POST', `/api/admin/customers/${customer.id}/ban`, { reason, note });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// The day as the admin shows it: the store's time zone, en-US (the browser's locale).
async function shownDate(iso) {
  const settings = (await server.api('GET', '/api/admin/settings')).body;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: settings.time_zone || 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(iso));
}

async function openProfile(customer, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${customer.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: customer.full_name }).waitFor();
  return page;
}

const toolsButton = (page) => page.getByRole('button', { name: 'Tools' });

// Tools → `item`: the menu opens with the focus on its first item.
async function chooseTool(page, item) {
  const tools = toolsButton(page);
  await tools.click();
  await expectAttribute(tools, 'aria-expanded', 'true');
  const menu = page.getByRole('menu', { name: 'Tools' });
  await expectFocused(menu.getByRole('menuitem').first());
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await expectCount(page.getByRole('menu'), 0, 'open menus');
}

async function signInAtStore(page, who) {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a ban from the profile: the banner, the e-mail, the shopper shut out, then the ban lifted', async () => {
  const who = newShopper('Adaeze');
  const customer = await registeredShopper(who);
  const settings = (await server.api('GET', '/api/admin/settings')).body;

  // The shopper is signed in to the customer area in a browser of their own.
  const shopper = await openPage(browser);
  await shopper.goto(`${server.url}/account/`);
  await signInAtStore(shopper, who);
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  const etag = (await stored(customer.id)).headers.get('etag');
  const admin = await openProfile(customer);
  await expectCount(admin.getByTestId('ban-banner'), 0, 'ban banners before the ban');
  const sessions = admin
    .locator('.account-panel dt', { hasText: 'Sessions' })
    .locator('xpath=../dd');
  await expectText(sessions, /^2 active sessions/); // the confirmation's and the browser's
  const tools = toolsButton(admin);
  await expectAttribute(tools, 'aria-haspopup', 'menu');
  await expectAttribute(tools, 'aria-expanded', 'false');

  // Tools → Ban…: the dialog asks for a reason first.
  await chooseTool(admin, 'Ban…');
  const dialog = admin.getByRole('dialog', { name: `Ban ${customer.full_name}?` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
  await dialog.getByText('Choose a reason.').waitFor();
  await expectFocused(dialog.getByRole('radio', { name: 'Refused deliveries' }));
  for (const label of [
    'Refused deliveries',
    'Return abuse or fraud',
    'Abusive behaviour towards our staff',
    'Fake orders',
    'Other',
  ]) {
    await dialog.getByRole('radio', { name: label, exact: true }).waitFor();
  }
  await dialog.getByRole('radio', { name: 'Refused deliveries' }).check();
  const note = dialog.getByRole('textbox', { name: /^Note/ });
  await dialog.getByText(/The customer reads this in the e-mail/).waitFor();
  await note.fill('Three parcels');
  await screenshot(admin, 'ban-dialog');
  const [request] = await Promise.all([
    admin.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/ban')),
    dialog.getByRole('button', { name: 'Ban', exact: true }).click(),
  ]);
  assert.deepEqual(request.postDataJSON(), { reason: 'refused_deliveries', note: 'Three parcels' });
  assert.equal((await request.allHeaders())['if-match'], etag, 'the ban sends If-Match');

  // The profile shows the ban, and the Tools offer to lift it.
  await expectCount(admin.getByRole('dialog'), 0, 'open dialogs');
  const banned = (await stored(customer.id)).body;
  assert.equal(banned.status, 'banned');
  assert.equal(banned.ban.reason, 'refused_deliveries');
  assert.equal(banned.ban.note, 'Three parcels');
  assert.equal(banned.ban.banned_by.type, 'admin');
  const banner = admin.getByTestId('ban-banner');
  await expectText(
    banner.locator('p'),
    `Banned · Refused deliveries — Three parcels · by ${OWNER.name} on ${await shownDate(banned.ban.banned_at)}`,
  );
  await admin
    .getByRole('status')
    .filter({ hasText: `${customer.full_name} is banned.` })
    .waitFor();
  await expectText(admin.locator('.profile__header h1 .badge').first(), 'Banned');
  await expectCount(admin.getByRole('button', { name: 'Deactivate' }), 0, 'Deactivate buttons');
  await expectFocused(tools, 'focus on Tools after the dialog');
  // Every session of the shopper ended (the API's confirmation and the browser's).
  await expectText(sessions, /^0 active sessions/);
  await screenshot(admin, 'ban-banner');

  // The ban notice names the reason and the note.
  const [notice] = await waitForMail(who.email, kBanSubject);
  assert.match(notice.text, /Refused deliveries\. Three parcels/);

  // The shopper's session is over; signing in and registering again are refused.
  await shopper.reload();
  await signInAtStore(shopper, who);
  await expectText(
    shopper.getByRole('alert'),
    `This account cannot sign in. Please contact ${settings.store_name || 'the store'}.`,
  );
  await screenshot(shopper, 'ban-shopper-sign-in');
  await shopper.getByRole('link', { name: 'Create an account' }).click();
  await shopper.getByRole('heading', { name: 'Create an account', level: 1 }).waitFor();
  await shopper.getByLabel('First name').fill(who.first);
  await shopper.getByLabel('Last name').fill(who.last);
  await shopper.getByLabel('E-mail', { exact: true }).fill(who.email);
  await shopper.getByLabel('Password', { exact: true }).fill('another fresh password 8');
  await shopper.getByRole('button', { name: 'Create account' }).click();
  await shopper
    .getByRole('alert')
    .filter({ hasText: "We can't complete this request. Please contact the store." })
    .waitFor();

  // Tools → Lift ban, confirmed.
  const bannedEtag = (await stored(customer.id)).headers.get('etag');
  await chooseTool(admin, 'Lift ban');
  const confirm = admin.getByRole('dialog', { name: `Lift the ban on ${customer.full_name}?` });
  await confirm
    .getByText('The customer can sign in and shop again and gets an e-mail saying so.')
    .waitFor();
  const [lift] = await Promise.all([
    admin.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/ban/lift')),
    confirm.getByRole('button', { name: 'Lift ban' }).click(),
  ]);
  assert.equal((await lift.allHeaders())['if-match'], bannedEtag, 'lifting sends If-Match');
  await expectCount(admin.getByTestId('ban-banner'), 0, 'ban banners after lifting');
  await expectText(admin.locator('.profile__header h1 .badge').first(), 'Active');
  await admin.getByRole('button', { name: 'Deactivate' }).waitFor();
  await expectFocused(tools, 'focus on Tools after lifting');
  const lifted = (await stored(customer.id)).body;
  assert.equal(lifted.status, 'active');
  assert.equal(lifted.ban, null);
  await waitForMail(who.email, kLiftedSubject);

  // The shopper signs in again.
  await shopper.goto(`${server.url}/account/sign-in`);
  await signInAtStore(shopper, who);
  await shopper.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();

  expectNoProblems(admin);
  expectNoProblems(shopper, { allowStatuses: [401, 403] });
  await admin.context().close();
  await shopper.context().close();
});

test('the list filtered to banned shows the reason, at phone width too', async () => {
  const a = await someCustomer();
  const b = await someCustomer();
  await banByApi(a, 'return_abuse', 'Wardrobing');
  await banByApi(b, 'abusive_to_staff');
  for (const viewport of [undefined, PHONE]) {
    const page = await signedInPage(browser, server, {
      path: '/admin/customers?status=banned',
      ...(viewport ? { viewport } : {}),
    });
    await waitForResults(page);
    await expectValue(page.locator('select[name="status"]'), 'banned');
    const rows = page.locator('.customers-table tbody tr');
    await expectState(
      page,
      async () => [...new Set(await rows.locator('.col-status .badge').allTextContents())],
      ['Banned'],
      'the statuses in the list',
    );
    const rowA = rows.filter({ hasText: a.full_name });
    await expectText(rowA.locator('.col-status .status-cell__reason'), 'Return abuse or fraud');
    await expectAttribute(
      rowA.locator('.col-status .status-cell'),
      'title',
      'Banned: Return abuse or fraud — Wardrobing',
    );
    const rowB = rows.filter({ hasText: b.full_name });
    await expectText(
      rowB.locator('.col-status .status-cell__reason'),
      'Abusive behaviour towards our staff',
    );
    await expectState(
      page,
      () =>
        page.evaluate(() => {
          const el = document.scrollingElement;
          return el.scrollWidth <= el.clientWidth
            ? 'fits'
            : `${el.scrollWidth} > ${el.clientWidth}`;
        }),
      'fits',
      'the width of the list',
    );
    await screenshot(page, 'bans-list');
    expectNoProblems(page);
    await page.context().close();
  }
});

test('the Tools menu from the keyboard; Escape closes it and the Ban dialog, focus goes back', async () => {
  const c = await someCustomer();
  const page = await openProfile(c);
  const tools = toolsButton(page);
  const menu = page.getByRole('menu', { name: 'Tools' });

  // Delete permanently… is the last item, after the account tools and Ban…: End goes there.
  await tools.focus();
  await page.keyboard.press('Enter');
  await expectAttribute(tools, 'aria-expanded', 'true');
  await expectFocused(menu.getByRole('menuitem').first());
  await page.keyboard.press('End');
  await expectFocused(menu.getByRole('menuitem', { name: 'Delete permanently…' }));
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('menu'), 0, 'open menus after Escape');
  await expectAttribute(tools, 'aria-expanded', 'false');
  await expectFocused(tools, 'focus on Tools after Escape');

  // ArrowDown opens it too (ArrowUp at the last item); a click elsewhere closes it.
  await page.keyboard.press('ArrowDown');
  await expectFocused(menu.getByRole('menuitem').first());
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowUp');
  await expectFocused(menu.getByRole('menuitem', { name: 'Delete permanently…' }));
  await page.locator('.profile__meta').click();
  await expectCount(page.getByRole('menu'), 0, 'open menus after a click elsewhere');

  // Enter on Ban… (just above it) opens the dialog; Escape closes it and the focus is back on
  // Tools.
  await tools.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expectFocused(menu.getByRole('menuitem', { name: 'Ban…' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Ban ${c.full_name}?` });
  await dialog.waitFor();
  // Other needs a note, said at the note.
  await dialog.getByRole('radio', { name: 'Other' }).check();
  await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
  const note = dialog.getByRole('textbox', { name: /^Note/ });
  await expectAttribute(note, 'aria-invalid', 'true');
  await dialog.getByText('Say why: the customer reads it in the e-mail.').waitFor();
  await expectFocused(note);
  await page.keyboard.press('Escape');
  await expectCount(page.getByRole('dialog'), 0, 'open dialogs after Escape');
  await expectFocused(tools, 'focus on Tools after the dialog');
  assert.equal((await stored(c.id)).body.status, 'active', 'nothing was sent');
  expectNoProblems(page);
  await page.context().close();

  // On a phone the open menu stays on the screen.
  const phone = await openProfile(c, { viewport: PHONE });
  await toolsButton(phone).click();
  const box = await phone.getByRole('menu', { name: 'Tools' }).boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the menu at ${JSON.stringify(box)}`);
  await screenshot(phone, 'bans-tools-menu');
  expectNoProblems(phone);
  await phone.context().close();
});

test('a ban on a customer someone else changed meanwhile is refused; closing reloads', async () => {
  const c = await someCustomer();
  const page = await openProfile(c);
  const changed = await server.api('PATCH', `/api/admin/customers/${c.id}`, {
    company: 'Changed Elsewhere Ltd',
  });
  assert.equal(changed.status, 200);
  await chooseTool(page, 'Ban…');
  const dialog = page.getByRole('dialog', { name: `Ban ${c.full_name}?` });
  await dialog.getByRole('radio', { name: 'Fake orders' }).check();
  await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
  await dialog
    .getByRole('alert')
    .filter({ hasText: 'Someone else changed this customer just now.' })
    .waitFor();
  assert.equal((await stored(c.id)).body.status, 'active');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expectText(summaryValue(page, 'company'), 'Changed Elsewhere Ltd');
  expectNoProblems(page, { allowStatuses: [412] });
  await page.context().close();
});

test('a viewer sees the ban and who made it, but no Tools', async () => {
  const viewer = {
    email: `viewer.${Date.now()}.${process.pid}@example.com`,
    name: 'Vera Viewer',
    role: 'viewer',
    password: 'a viewer only looks 31',
  };
  const created = await server.api('POST', '/api/admin/admins', viewer);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  // Banned by the owner in the admin, and by the API token.
  const byOwner = await someCustomer();
  const owner = await openProfile(byOwner);
  await chooseTool(owner, 'Ban…');
  const dialog = owner.getByRole('dialog', { name: `Ban ${byOwner.full_name}?` });
  await dialog.getByRole('radio', { name: 'Fake orders' }).check();
  await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
  await owner.getByTestId('ban-banner').waitFor();
  await owner.context().close();
  const byToken = await someCustomer();
  await banByApi(byToken, 'other', 'Chargebacks on every order');
  const active = await someCustomer();

  for (const [c, text] of [
    [byOwner, `Banned · Fake orders · by ${OWNER.name} on `],
    [byToken, 'Banned · Other — Chargebacks on every order · by an API token on '],
  ]) {
    const page = await openProfile(c, { who: viewer });
    const banner = page.getByTestId('ban-banner');
    await expectState(
      page,
      async () => (await banner.locator('p').textContent())?.trim().startsWith(text),
      true,
      `the banner starts with "${text}"`,
    );
    await expectCount(banner.getByRole('button'), 0, 'buttons in the banner');
    await expectCount(toolsButton(page), 0, 'Tools buttons');
    expectNoProblems(page);
    await page.context().close();
  }
  const page = await openProfile(active, { who: viewer });
  await page.getByRole('tab', { name: 'Account' }).waitFor();
  await expectCount(toolsButton(page), 0, 'Tools buttons');
  await expectCount(page.getByTestId('ban-banner'), 0, 'ban banners');
  expectNoProblems(page);
  await page.context().close();
});
