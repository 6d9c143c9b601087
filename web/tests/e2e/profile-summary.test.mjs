// The read-first profile, in Chromium against the real server: the Account tab opens on a
// summary (contact, default address, group, tags, marketing consent with its date, registration,
// the pinned note), Edit opens the form with the cursor in its first field, Save returns to the
// summary and Cancel asks first when there are edits; a viewer has neither Edit nor the note form;
// staff notes are a timeline, newest first, with author and date, "(edited)", Edit and Delete on
// one's own notes and Delete on anyone's for an owner, the server's message for an empty note,
// and "Show older notes"; at phone width nothing scrolls sideways.
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
  expectValue,
  openAccountForm,
  PHONE,
  profileSummary,
  screenshot,
  server,
  signedInPage,
  summaryValue,
  useServerAndBrowser,
} from './harness.mjs';

let viewer;
let support;

useServerAndBrowser(
  { customers: 10 },
  {
    prepare: async () => {
      viewer = createAdmin(server, {
        email: `viewer.summary.${process.pid}@example.com`,
        name: 'Vito Viewer',
        role: 'viewer',
      });
      support = createAdmin(server, {
        email: `support.summary.${process.pid}@example.com`,
        name: 'Sanna Support',
        role: 'support',
      });
    },
  },
);

let made = 0;
// A customer with every part of the summary filled in: contact, a default address, a group,
// tags, e-mail consent given, SMS consent given and withdrawn, a custom field and a pinned note.
async function newCustomer(fields = {}) {
  const n = ++made;
  const groups = (await server.api('GET', '/api/admin/groups')).body.items;
  const vip = groups.find((g) => g.name === 'VIP');
  assert.ok(vip, 'the demo store has a VIP group');
  const r = await server.api('POST', '/api/admin/customers', {
    // Apart from the others, so that no "Possible duplicates" panel comes between.
    first_name: ['Petra', 'Jonas', 'Mirela', 'Taavi', 'Ilse', 'Odile'][n % 6],
    last_name: `Summary${n}`,
    email: `summary.${n}.${process.pid}@example.com`,
    phone: `+49 30 ${1234500 + n}`,
    company: 'Lindqvist Leuchten GmbH',
    language: 'de',
    country: 'DE',
    group_id: vip.id,
    tags: ['vip', `summary${n}`],
    email_marketing_consent: true,
    sms_marketing_consent: true,
    custom_fields: { shoe_size: '39' },
    note: 'Prefers phone calls.\nNever before 9 am.',
    ...fields,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const withdrawn = await server.api('PATCH', `/api/admin/customers/${id}`, {
    sms_marketing_consent: false,
  });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  const address = await server.api('POST', `/api/admin/customers/${id}/addresses`, {
    label: 'Office',
    first_name: 'Ada',
    last_name: `Summary${n}`,
    line1: 'Friedrichstraße 12',
    city: 'Berlin',
    postal_code: '10117',
    country: 'DE',
  });
  assert.equal(address.status, 201, JSON.stringify(address.body));
  return (await server.api('GET', `/api/admin/customers/${id}`)).body;
}

const stored = async (id) => (await server.api('GET', `/api/admin/customers/${id}`)).body;

async function openProfile(c, options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers/${c.id}`,
    ...options,
  });
  await page.getByRole('heading', { level: 1 }).filter({ hasText: c.full_name }).waitFor();
  return page;
}

// An instant as the admin shows it (the store's time zone): a day, or a day and a time.
async function shown(page, iso, withTime = false) {
  const zone = (await server.api('GET', '/api/admin/settings')).body.time_zone || 'UTC';
  return page.evaluate(
    ([at, tz, time]) =>
      new Intl.DateTimeFormat(undefined, {
        timeZone: tz,
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        ...(time ? { hour: '2-digit', minute: '2-digit' } : {}),
      }).format(new Date(at)),
    [iso, zone, withTime],
  );
}

const question = (page) => page.getByRole('dialog', { name: 'Discard unsaved changes?' });
const notesCard = (page) => page.getByRole('region', { name: 'Staff notes' });
const noteItems = (page) => notesCard(page).getByRole('listitem');
const noteBodies = (page) => notesCard(page).locator('.staff-note__body').allTextContents();
const noteWith = (page, text) =>
  noteItems(page).filter({ has: page.locator('.staff-note__body', { hasText: text }) });
const noteById = (page, id) => notesCard(page).locator(`[data-note-id="${id}"]`);
const escaped = (text) => text.replace(/[.*+?^$|()[\]{}\\]/g, '\\$&');
const storedNotes = async (id) =>
  (await server.api('GET', `/api/admin/customers/${id}/notes?limit=50`)).body.items;

test('the summary shows the customer; Edit → Save returns to it; Cancel asks first', async () => {
  const c = await newCustomer();
  assert.ok(c.email_marketing_consent_at, 'the server dates a consent');
  assert.ok(c.sms_marketing_consent_at, 'and its withdrawal');
  const page = await openProfile(c);
  const summary = profileSummary(page);
  await expectText(summaryValue(page, 'full_name'), c.full_name);
  await expectText(summaryValue(page, 'email'), c.email);
  await expectText(summaryValue(page, 'phone'), c.phone);
  await expectText(summaryValue(page, 'company'), 'Lindqvist Leuchten GmbH');
  await expectText(summaryValue(page, 'language'), 'German');
  await expectText(summaryValue(page, 'country'), 'Germany');
  await expectText(summaryValue(page, 'billing_address'), c.billing_address_summary);
  assert.match(c.billing_address_summary, /Berlin/);
  await expectText(summaryValue(page, 'shipping_address'), /^(Same as billing|.*Berlin.*)$/);
  await expectText(summaryValue(page, 'group'), 'VIP');
  assert.deepEqual(
    (await summaryValue(page, 'tags').locator('.tag').allTextContents()).sort(),
    [...c.tags].sort(),
  );
  await expectText(
    summaryValue(page, 'email_marketing_consent'),
    `Subscribed · since ${await shown(page, c.email_marketing_consent_at)}`,
  );
  await expectText(
    summaryValue(page, 'sms_marketing_consent'),
    `Not subscribed · withdrawn ${await shown(page, c.sms_marketing_consent_at)}`,
  );
  // Never given: no date to tell.
  assert.equal(c.messenger_marketing_consent_at, null);
  await expectText(summaryValue(page, 'messenger_marketing_consent'), 'Not subscribed');
  await expectText(summaryValue(page, 'kind'), 'Registered account');
  await expectText(
    summaryValue(page, 'registered_at'),
    new RegExp(`^${escaped(await shown(page, c.registered_at, true))}`),
  );
  await expectText(summaryValue(page, 'custom_fields.shoe_size'), '39');
  // The pinned note keeps its lines.
  const pinned = summaryValue(page, 'note');
  assert.equal(await pinned.innerText(), 'Prefers phone calls.\nNever before 9 am.');
  await summary.locator('dt', { hasText: 'Pinned note' }).waitFor();
  // Rows of labels and values, no form.
  await expectCount(page.locator('form.customer-form'), 0, 'edit forms');
  await screenshot(page, 'profile-summary');

  // Edit: the form, with the cursor in its first field; the note is its Pinned note.
  const form = await openAccountForm(page);
  await expectCount(profileSummary(page), 0, 'summaries while editing');
  await expectValue(form.getByLabel('Pinned note'), c.note);
  const phone = form.getByLabel('Phone', { exact: true });
  await phone.fill('+44 20 7946 0958');
  const [patch] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'PATCH'),
    form.getByRole('button', { name: 'Save changes' }).click(),
  ]);
  assert.deepEqual(patch.postDataJSON(), { phone: '+44 20 7946 0958' });
  await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
  const saved = await stored(c.id);
  assert.equal(saved.phone, '+442079460958');
  await expectText(summaryValue(page, 'phone'), saved.phone);
  await expectCount(page.locator('form.customer-form'), 0, 'edit forms after the save');
  const edit = summary.getByRole('button', { name: 'Edit', exact: true });
  await expectFocused(edit, 'focus back on Edit after the save');

  // Cancel without edits goes back at once.
  await openAccountForm(page);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expectFocused(edit, 'focus back on Edit after Cancel');
  await expectCount(question(page), 0, 'questions');

  // Cancel with edits asks first: Stay keeps them, Discard changes goes back to the summary.
  await openAccountForm(page);
  await form.getByLabel('Company').fill('Not kept Ltd');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const dialog = question(page);
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectValue(form.getByLabel('Company'), 'Not kept Ltd');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.getByRole('button', { name: 'Discard changes' }).click();
  await expectText(summaryValue(page, 'company'), 'Lindqvist Leuchten GmbH');
  await expectCount(page.locator('form.customer-form'), 0, 'edit forms after Discard');
  assert.equal((await stored(c.id)).company, 'Lindqvist Leuchten GmbH', 'nothing was sent');

  // The edit form still guards another tab while it is open.
  await openAccountForm(page);
  await form.getByLabel('Company').fill('Also not kept');
  await page.getByRole('tab', { name: 'Orders' }).click();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expectAttribute(page.getByRole('tab', { name: 'Account' }), 'aria-selected', 'true');
  await expectValue(form.getByLabel('Company'), 'Also not kept');
  expectNoProblems(page);
  await page.context().close();
});

test('a viewer sees the summary and the notes, but no Edit and no note form', async () => {
  const c = await newCustomer();
  const note = await server.api('POST', `/api/admin/customers/${c.id}/notes`, {
    body: 'Called about the late parcel.',
  });
  assert.equal(note.status, 201, JSON.stringify(note.body));
  const page = await openProfile(c, { who: viewer });
  await expectText(summaryValue(page, 'company'), 'Lindqvist Leuchten GmbH');
  await expectText(
    noteWith(page, 'Called about the late parcel.').locator('.staff-note__author'),
    'Olivia Owner',
  );
  await expectCount(
    page.getByRole('main').getByRole('button', { name: 'Edit', exact: true }),
    0,
    'Edit buttons',
  );
  await expectCount(page.getByLabel('Add a staff note'), 0, 'note forms');
  await expectCount(page.getByRole('button', { name: 'Add note' }), 0, 'Add note buttons');
  await expectCount(notesCard(page).getByRole('button'), 0, 'buttons on the notes');
  await expectCount(page.locator('form.customer-form'), 0, 'edit forms');
  expectNoProblems(page);
  await page.context().close();
});

test('staff notes: add, edit, delete; others see them without Edit; an owner deletes any', async () => {
  const c = await newCustomer();
  const page = await openProfile(c);
  await notesCard(page).getByText('No staff notes yet.').waitFor();
  const box = page.getByLabel('Add a staff note');
  const add = page.getByRole('button', { name: 'Add note' });
  assert.equal(await add.isDisabled(), true, 'Add note waits for a text');

  // Two notes, the second by Ctrl+Enter: the newest on top, the text as typed (never HTML).
  await box.fill('Asked for an invoice copy.');
  await add.click();
  await expectState(page, () => noteBodies(page), ['Asked for an invoice copy.'], 'the notes');
  await expectValue(box, '');
  assert.equal(await add.isDisabled(), true, 'Add note once the box is empty');
  const second = '<b>Not bold</b> & kept as typed\nsecond line';
  await box.fill(second);
  await box.press('Control+Enter');
  await expectState(
    page,
    () => noteBodies(page),
    [second, 'Asked for an invoice copy.'],
    'the notes, newest first',
  );
  await expectValue(box, '');
  await expectCount(notesCard(page).locator('.staff-note__body b'), 0, 'markup in a note');
  const notes = await storedNotes(c.id);
  assert.deepEqual(
    notes.map((n) => n.body),
    [second, 'Asked for an invoice copy.'],
  );
  const top = noteItems(page).first();
  await expectText(top.locator('.staff-note__author'), 'Olivia Owner');
  await expectAttribute(top.locator('time'), 'datetime', notes[0].created_at);
  await expectText(top.locator('time'), await shown(page, notes[0].created_at, true));
  await expectCount(top.getByText('(edited)'), 0, 'edited marks on a new note');
  await notesCard(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'profile-staff-notes');

  // Editing one's own note: inline, then "(edited)".
  const invoice = noteById(page, notes[1].id);
  const editButton = invoice.getByRole('button', { name: 'Edit note' });
  await editButton.click();
  const editor = invoice.getByLabel('Edit the note');
  await expectFocused(editor);
  await editor.fill('Asked for an invoice copy; sent it on Monday.');
  await invoice.getByRole('button', { name: 'Save', exact: true }).click();
  await invoice.getByText('(edited)').waitFor();
  await expectText(
    invoice.locator('.staff-note__body'),
    'Asked for an invoice copy; sent it on Monday.',
  );
  await expectCount(invoice.getByLabel('Edit the note'), 0, 'editors after the save');
  await expectFocused(editButton, 'focus back on Edit note');
  assert.ok((await storedNotes(c.id))[1].updated_at, 'the server has it edited');

  // Text typed in a note's editor goes only after a question: another Edit and Cancel ask.
  await editButton.click();
  await invoice.getByLabel('Edit the note').fill('A draft that must not vanish');
  const ask = question(page);
  await noteById(page, notes[0].id).getByRole('button', { name: 'Edit note' }).click();
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Stay' }).click();
  await ask.waitFor({ state: 'hidden' });
  await expectValue(invoice.getByLabel('Edit the note'), 'A draft that must not vanish');
  await invoice.getByRole('button', { name: 'Cancel', exact: true }).click();
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expectCount(invoice.getByLabel('Edit the note'), 0, 'editors after Discard');
  await expectText(
    invoice.locator('.staff-note__body'),
    'Asked for an invoice copy; sent it on Monday.',
  );

  // Delete asks first; Cancel keeps the note.
  const markup = noteById(page, notes[0].id);
  await markup.getByRole('button', { name: 'Delete note' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this staff note?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await expectCount(noteItems(page), 2, 'notes after Cancel');
  await markup.getByRole('button', { name: 'Delete note' }).click();
  await confirm.getByRole('button', { name: 'Delete note' }).click();
  await expectState(
    page,
    () => noteBodies(page),
    ['Asked for an invoice copy; sent it on Monday.'],
    'the notes after the delete',
  );
  assert.equal((await storedNotes(c.id)).length, 1);

  // A support admin sees the owner's note without Edit or Delete, and writes one of their own.
  const other = await openProfile(c, { who: support });
  const ownersNote = noteById(other, notes[1].id);
  await expectText(ownersNote.locator('.staff-note__author'), 'Olivia Owner');
  await expectCount(ownersNote.getByRole('button'), 0, "buttons on the owner's note");
  await other.getByLabel('Add a staff note').fill('Offered a 10% voucher.');
  await other.getByRole('button', { name: 'Add note' }).click();
  await expectState(
    other,
    () => noteBodies(other),
    ['Offered a 10% voucher.', 'Asked for an invoice copy; sent it on Monday.'],
    "the support admin's note on top",
  );
  const supportsId = (await storedNotes(c.id))[0].id;
  const supportsNote = noteById(other, supportsId);
  await expectText(supportsNote.locator('.staff-note__author'), 'Sanna Support');
  await supportsNote.getByRole('button', { name: 'Edit note' }).waitFor();
  await supportsNote.getByRole('button', { name: 'Delete note' }).waitFor();
  expectNoProblems(other);
  await other.context().close();

  // The owner may delete the support admin's note, but not edit it.
  await page.reload();
  const theirs = noteById(page, supportsId);
  await expectText(theirs.locator('.staff-note__author'), 'Sanna Support');
  await expectCount(theirs.getByRole('button', { name: 'Edit note' }), 0, 'Edit on their note');
  await theirs.getByRole('button', { name: 'Delete note' }).click();
  await confirm.getByRole('button', { name: 'Delete note' }).click();
  await expectCount(theirs, 0, "the support admin's note");
  assert.deepEqual(
    (await storedNotes(c.id)).map((n) => n.body),
    ['Asked for an invoice copy; sent it on Monday.'],
  );

  // Spaces alone: the server's message at the box, gone as soon as the text changes.
  await box.fill('   ');
  await add.click();
  const field = page.locator('.field', { has: box });
  const message = field.locator('.field__error');
  await message.waitFor();
  assert.ok(((await message.textContent()) ?? '').trim().length > 3, 'a message');
  await expectAttribute(box, 'aria-invalid', 'true');
  await expectFocused(box, 'the box with the message');
  await box.pressSequentially('x');
  await expectCount(message, 0, 'the message after typing');
  await expectAttribute(box, 'aria-invalid', null);
  assert.equal((await storedNotes(c.id)).length, 1, 'no note of spaces');
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('"Show older notes" reads the next page', async () => {
  const c = await newCustomer();
  for (let i = 1; i <= 52; i++) {
    const r = await server.api('POST', `/api/admin/customers/${c.id}/notes`, { body: `Note ${i}` });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const page = await openProfile(c);
  await expectCount(noteItems(page), 50, 'the first page');
  assert.equal((await noteBodies(page))[0], 'Note 52', 'the newest first');
  await notesCard(page).getByRole('button', { name: 'Show older notes' }).click();
  await expectCount(noteItems(page), 52, 'with the older ones');
  assert.equal((await noteBodies(page)).at(-1), 'Note 1', 'the oldest last');
  await expectCount(
    notesCard(page).getByRole('button', { name: 'Show older notes' }),
    0,
    'Show older notes once all are shown',
  );
  expectNoProblems(page);
  await page.context().close();
});

test('at phone width the summary, the notes and the form fit without sideways scrolling', async () => {
  const c = await newCustomer({
    email: `a.very.long.address.for.a.phone.${process.pid}@subdomain.example-company.com`,
    company: 'Internationale Beleuchtungsgesellschaft für Großprojekte mbH & Co. KG',
    note: 'A pinned note with averyveryveryverylongwordthatdoesnotbreakbyitselfatall in it.',
    custom_fields: { delivery_instructions_for_the_courier: 'Ring twice, then wait at the gate.' },
  });
  const note = await server.api('POST', `/api/admin/customers/${c.id}/notes`, {
    body: 'https://example.com/a/very/long/link/to/the/conversation/with/the/customer/about/it',
  });
  assert.equal(note.status, 201, JSON.stringify(note.body));
  const page = await openProfile(c, { viewport: PHONE });
  await expectText(summaryValue(page, 'company'), c.company);
  await noteItems(page).first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  const width = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok((await width()) <= PHONE.width, `the page is ${await width()}px wide`);
  // Labelled rows: each label beside its value.
  const row = profileSummary(page).locator('[data-field="phone"]');
  const [label, value] = [
    await row.locator('dt').boundingBox(),
    await row.locator('dd').boundingBox(),
  ];
  assert.ok(label.x + label.width <= value.x, 'the label is left of its value');
  assert.ok(Math.abs(label.y - value.y) < 8, 'on the same line');
  await profileSummary(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'profile-summary');
  await notesCard(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'profile-staff-notes');

  await openAccountForm(page);
  assert.ok((await width()) <= PHONE.width, `the page is ${await width()}px wide with the form`);
  expectNoProblems(page);
  await page.context().close();
});
