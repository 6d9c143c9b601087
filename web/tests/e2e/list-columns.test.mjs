// The customer list's columns and the tag picker, in Chromium against the real server: the
// Columns control shows and hides columns (mouse and keyboard) and the choice survives a reload;
// the Tags column shows each customer's tags as chips and follows a bulk Add or Remove tag; the
// tag picker of the bulk bar and of the profile suggests the store's tag for a typo
// ("newsletterr" → "newsletter"), matches case and accents aside, and creates a tag only when
// its "Create tag" option is chosen; on a phone the cards show the chosen fields and leave out
// the empty ones.
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
const mark = `lc${process.pid}`;
const seeded = {};

useServerAndBrowser(
  { customers: 40 },
  {
    prepare: async () => {
      const people = [
        {
          key: 'lina',
          first_name: 'Lina',
          company: 'Acme Columns GmbH',
          language: 'de',
          tags: ['vip'],
          email_marketing_consent: true,
        },
        { key: 'milo', first_name: 'Milo' },
        { key: 'nora', first_name: 'Nora' },
        { key: 'omar', first_name: 'Omar', tags: ['vip'] },
        { key: 'pia', first_name: 'Pia', tags: ['vip'] },
        { key: 'quinn', first_name: 'Quinn', tags: ['press', 'b2b'] },
      ];
      for (const { key, ...fields } of people) {
        const r = await server.api('POST', '/api/admin/customers', {
          last_name: 'Quillfeather',
          email: `${key}.${mark}@example.com`,
          ...fields,
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        seeded[key] = r.body;
      }
    },
  },
);

async function openList(options = {}) {
  const page = await signedInPage(browser, server, {
    path: `/admin/customers?q=${mark}`,
    ...options,
  });
  await waitForResults(page, mark);
  return page;
}

const header = (page, key) => page.locator(`.customers-table thead th.col-${key}`);
const row = (page, name) =>
  page
    .locator('.customers-table tbody tr')
    .filter({ has: page.getByRole('link', { name: `${name} Quillfeather`, exact: true }) });
const rowTags = (page, name) => row(page, name).locator('td.col-tags .tag').allTextContents();
const bulkBar = (page) => page.getByRole('region', { name: 'Bulk actions' });

async function optionsOf(box) {
  const list = box.page().locator(`[id="${await box.getAttribute('aria-controls')}"]`);
  return list.getByRole('option').allTextContents();
}

async function storeTags() {
  const r = await server.api('GET', '/api/admin/tags');
  assert.equal(r.status, 200);
  return r.body.items.map((t) => t.name);
}

test('the Columns control shows and hides columns, and the choice survives a reload', async () => {
  const page = await openList();
  // Today's columns and Tags; the others wait to be chosen.
  for (const key of ['email', 'phone', 'group', 'tags', 'status', 'registered', 'orders']) {
    await expectCount(header(page, key), 1, `the ${key} column by default`);
  }
  for (const key of ['company', 'language', 'email_consent', 'sms_consent']) {
    await expectCount(header(page, key), 0, `the ${key} column by default`);
  }

  const button = page.getByRole('button', { name: 'Columns', exact: true });
  await expectAttribute(button, 'aria-expanded', 'false');
  await button.click();
  await expectAttribute(button, 'aria-expanded', 'true');
  const panel = page.getByRole('group', { name: 'Show columns' });
  await expectFocused(panel.getByRole('checkbox').first(), 'the first column on opening');
  await panel.getByLabel('Company', { exact: true }).check();
  await panel.getByLabel('Language', { exact: true }).check();
  await panel.getByLabel('E-mail marketing consent', { exact: true }).check();
  await panel.getByLabel('Phone', { exact: true }).uncheck();
  await expectCount(header(page, 'company'), 1, 'the Company column once chosen');
  await expectCount(header(page, 'phone'), 0, 'the Phone column once hidden');
  await expectText(row(page, 'Lina').locator('td.col-company'), 'Acme Columns GmbH');
  await expectText(row(page, 'Lina').locator('td.col-language'), 'German');
  await expectText(row(page, 'Lina').locator('td.col-email_consent'), 'Yes');
  await expectText(row(page, 'Milo').locator('td.col-email_consent'), 'No');
  await screenshot(page, 'list-columns-menu');
  // Escape closes the panel and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  await expectFocused(button, 'the Columns button after Escape');

  await page.reload();
  await waitForResults(page, mark);
  for (const key of ['company', 'language', 'email_consent', 'tags']) {
    await expectCount(header(page, key), 1, `the ${key} column after a reload`);
  }
  await expectCount(header(page, 'phone'), 0, 'the Phone column after a reload');

  // By keyboard: Enter opens, Tab moves to the next column, Space toggles it.
  await button.focus();
  await page.keyboard.press('Enter');
  await expectFocused(panel.getByLabel('E-mail', { exact: true }), 'the first column');
  await page.keyboard.press('Tab');
  await expectFocused(panel.getByLabel('Phone', { exact: true }), 'the second column');
  await page.keyboard.press('Space');
  await expectCount(header(page, 'phone'), 1, 'the Phone column chosen by keyboard');

  await panel.getByRole('button', { name: 'Reset to default' }).click();
  await expectCount(header(page, 'company'), 0, 'the Company column after Reset to default');
  await expectCount(header(page, 'tags'), 1, 'the Tags column after Reset to default');
  // A click elsewhere closes the panel.
  await page.getByRole('heading', { name: 'Customers' }).click();
  await panel.waitFor({ state: 'detached' });
  await page.reload();
  await waitForResults(page, mark);
  await expectCount(header(page, 'company'), 0, 'the default columns after a reload');
  await expectCount(header(page, 'phone'), 1, 'the default columns after a reload');
  expectNoProblems(page);
  await page.context().close();
});

test('the Tags column follows a bulk Add tag; a typo suggests the store’s tag and creates none', async () => {
  const page = await openList();
  assert.deepEqual(await rowTags(page, 'Lina'), ['vip']);
  await expectText(row(page, 'Milo').locator('td.col-tags'), '—');
  assert.ok((await storeTags()).includes('newsletter'), 'the demo store has "newsletter"');

  const select = async () => {
    await page.getByLabel('Select Milo Quillfeather').check();
    await page.getByLabel('Select Nora Quillfeather').check();
    await bulkBar(page).getByText('2 selected').waitFor();
  };
  await select();
  const bar = bulkBar(page);
  await bar.getByLabel('Bulk action').selectOption('add_tags');
  const box = bar.getByRole('combobox', { name: 'Tag' });
  const apply = bar.getByRole('button', { name: 'Apply', exact: true });
  await box.fill('newsletterr');
  // The store's tag a letter away comes first, the new one last and marked as such.
  await expectState(
    page,
    async () => {
      const options = await optionsOf(box);
      return [options[0]?.split(' ')[0], options.at(-1)];
    },
    ['newsletter', 'Create tag “newsletterr” New tag'],
    'the suggestions for "newsletterr"',
  );
  await screenshot(page, 'list-columns-bulk-typo');
  assert.equal(await apply.isDisabled(), true, 'no tag is chosen by typing alone');

  // Enter takes the suggestion in front: the existing tag.
  await page.keyboard.press('Enter');
  await expectText(bar.locator('.tag-chip__name'), 'newsletter');
  await expectCount(bar.locator('.tag--new'), 0, 'the chip of an existing tag');
  await expectState(page, () => box.inputValue(), '', 'the box after the choice');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk')),
    apply.click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
  assert.deepEqual(response.request().postDataJSON().tags, ['newsletter']);
  await page.getByRole('status').filter({ hasText: '2 customers updated.' }).waitFor();
  await expectState(page, () => rowTags(page, 'Milo'), ['newsletter'], 'Milo’s tags');
  await expectState(page, () => rowTags(page, 'Nora'), ['newsletter'], 'Nora’s tags');
  assert.ok(!(await storeTags()).includes('newsletterr'), 'no tag was made of the typo');

  // Text left in the box is not a choice: the box says so and Apply stays off.
  await select();
  await bar.getByLabel('Bulk action').selectOption('add_tags');
  await box.fill('newsletterr');
  await page.keyboard.press('Tab');
  await bar.getByText('“newsletterr” is not a tag yet').waitFor();
  assert.equal(await apply.isDisabled(), true);

  // Chosen on purpose, the new tag is made with the change.
  await box.click();
  await bar.getByRole('option', { name: /^Create tag “newsletterr”/ }).click();
  await expectText(bar.locator('.tag--new .tag-chip__name'), 'newsletterr');
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk')),
    apply.click(),
  ]);
  assert.equal(created.status(), 200, await created.text());
  await expectState(
    page,
    async () => (await rowTags(page, 'Milo')).sort(),
    ['newsletter', 'newsletterr'],
    'Milo’s tags with the new one',
  );
  assert.ok((await storeTags()).includes('newsletterr'), 'the tag chosen to be created');
  expectNoProblems(page);
  await page.context().close();
});

test('bulk Remove tag offers only the store’s tags', async () => {
  const page = await openList();
  await page.getByLabel('Select Omar Quillfeather').check();
  const bar = bulkBar(page);
  await bar.getByLabel('Bulk action').selectOption('remove_tags');
  const box = bar.getByRole('combobox', { name: 'Tag' });
  await box.fill('VIPP');
  await expectState(page, async () => (await optionsOf(box))[0]?.split(' ')[0], 'vip');
  assert.ok(!(await optionsOf(box)).some((o) => o.startsWith('Create tag')), 'no Create tag');
  await box.fill('zzqx-none');
  await expectAttribute(box, 'aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await bar.getByText('No tag is called “zzqx-none”').waitFor();

  await box.fill('vi');
  await bar.getByRole('option', { name: /^vip\b/ }).click();
  await expectText(bar.locator('.tag-chip__name'), 'vip');
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/customers/bulk')),
    bar.getByRole('button', { name: 'Apply', exact: true }).click(),
  ]);
  await expectText(row(page, 'Omar').locator('td.col-tags'), '—');
  expectNoProblems(page);
  await page.context().close();
});

test('the profile’s Tags field suggests the store’s tags and creates one only on request', async () => {
  const pia = seeded.pia;
  const page = await signedInPage(browser, server, { path: `/admin/customers/${pia.id}` });
  await openAccountForm(page);
  const box = page.getByRole('combobox', { name: 'Tags' });
  const field = page.locator('.field').filter({ has: box });
  const chips = () => field.locator('.tag-chip__name').allTextContents();
  const saveButton = page.getByRole('button', { name: 'Save changes' });
  await expectState(page, chips, ['vip'], 'the tags shown');

  // Case and accents aside, the store's tag is the one typed: no new one is offered.
  await box.fill('NEWSLÉTTER');
  await expectState(page, async () => (await optionsOf(box))[0]?.split(' ')[0], 'newsletter');
  assert.ok(!(await optionsOf(box)).some((o) => o.startsWith('Create tag')));

  await box.fill('newsleter');
  await expectState(
    page,
    async () => {
      const options = await optionsOf(box);
      return [options[0]?.split(' ')[0], options.at(-1)];
    },
    ['newsletter', 'Create tag “newsleter” New tag'],
    'the suggestions for "newsleter"',
  );
  // Left in the box, the text is no tag and no change.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await field.getByText('“newsleter” is not a tag yet').waitFor();
  assert.equal(await saveButton.isDisabled(), true, 'text alone is no change');

  // The arrow keys reach the suggestion; Enter takes it.
  await box.focus();
  await page.keyboard.press('ArrowDown');
  await expectAttribute(box, 'aria-expanded', 'true');
  await page.keyboard.press('Enter');
  await expectState(page, chips, ['vip', 'newsletter'], 'the tags after the choice');
  const save = async () => {
    const [r] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'PATCH'),
      saveButton.click(),
    ]);
    assert.equal(r.status(), 200, await r.text());
    // Saved: the summary shows the tags; the form opened again has nothing to save.
    const sent = r.request().postDataJSON();
    await expectState(
      page,
      async () => (await summaryValue(page, 'tags').locator('.tag').allTextContents()).sort(),
      [...sent.tags].sort(),
      'the tags in the summary',
    );
    await openAccountForm(page);
    await expectState(page, () => saveButton.isDisabled(), true, 'Save once saved');
    return sent;
  };
  assert.deepEqual(await save(), { tags: ['vip', 'newsletter'] });
  assert.ok(!(await storeTags()).includes('newsleter'), 'no tag was made of the typo');

  // Created on purpose: the chip says it is new until the customer is saved with it.
  await box.fill('newsleter');
  await field.getByRole('option', { name: /^Create tag “newsleter”/ }).click();
  await expectText(field.locator('.tag--new .tag-chip__name'), 'newsleter');
  await screenshot(page, 'list-columns-profile-new-tag');
  await field.getByRole('button', { name: 'Remove vip' }).click();
  await expectFocused(box, 'the box after removing a tag');
  assert.deepEqual(await save(), { tags: ['newsletter', 'newsleter'] });
  const stored = (await server.api('GET', `/api/admin/customers/${pia.id}`)).body;
  assert.deepEqual([...stored.tags].sort(), ['newsleter', 'newsletter']);
  assert.ok((await storeTags()).includes('newsleter'), 'the tag chosen to be created');
  expectNoProblems(page);
  await page.context().close();
});

test('on a phone the cards show the chosen fields and leave out empty ones', async () => {
  const page = await openList({ viewport: PHONE });
  const button = page.getByRole('button', { name: 'Columns', exact: true });
  await button.click();
  const panel = page.getByRole('group', { name: 'Show columns' });
  await panel.getByLabel('Company', { exact: true }).check();
  const box = await panel.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the panel at ${JSON.stringify(box)}`);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });

  const card = row(page, 'Quinn');
  await expectState(
    page,
    () => card.locator('td.col-tags .tag').allTextContents(),
    ['b2b', 'press'],
    'Quinn’s tags on the card',
  );
  assert.equal(await card.locator('td.col-tags').isVisible(), true);
  // Quinn has no company: the card has no line for it; Lina's has.
  assert.equal(await card.locator('td.col-company').isVisible(), false);
  await expectText(row(page, 'Lina').locator('td.col-company'), 'Acme Columns GmbH');
  assert.equal(await row(page, 'Lina').locator('td.col-company').isVisible(), true);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
  await screenshot(page, 'list-columns-cards');
  expectNoProblems(page);
  await page.context().close();
});
