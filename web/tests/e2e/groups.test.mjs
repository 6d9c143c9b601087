// Groups and tags: lists with counts, create, rename, delete with confirmation, the protected
// Default group, duplicate names, and links to the filtered customer list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectAttribute,
  expectFocused,
  expectNoProblems,
  expectText,
  expectValue,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

useServerAndBrowser({ customers: 500 });

const section = (page, name) => page.getByRole('region', { name });
const row = (page, list, name) =>
  section(page, list)
    .locator('tbody tr')
    .filter({ has: page.getByText(name, { exact: true }) });

async function openPage() {
  const page = await signedInPage(browser, server, { path: '/admin/groups' });
  await section(page, 'Groups').locator('tbody tr').first().waitFor();
  await section(page, 'Tags').locator('tbody tr').first().waitFor();
  return page;
}

test('groups and tags are listed with their customer counts', async () => {
  const page = await openPage();
  const groups = (await server.api('GET', '/api/admin/groups')).body.items;
  const tags = (await server.api('GET', '/api/admin/tags')).body.items;
  assert.equal(await section(page, 'Groups').locator('tbody tr').count(), groups.length);
  assert.equal(await section(page, 'Tags').locator('tbody tr').count(), tags.length);
  for (const g of groups) {
    const r = row(page, 'Groups', g.name);
    assert.equal(
      (await r.locator('td.num').textContent()).trim(),
      g.customer_count.toLocaleString('en-US'),
    );
  }
  const vip = tags.find((t) => t.name === 'vip');
  assert.equal(
    (await row(page, 'Tags', 'vip').locator('td.num').textContent()).trim(),
    String(vip.customer_count),
  );
  // Default is marked and cannot be deleted.
  const def = row(page, 'Groups', 'Default');
  await def.getByText('Default', { exact: true }).first().waitFor();
  assert.equal(await def.getByRole('button', { name: /Delete/ }).count(), 0);
  assert.equal(
    await row(page, 'Groups', 'VIP').getByRole('button', { name: 'Delete VIP' }).count(),
    1,
  );
  expectNoProblems(page);
  await page.context().close();
});

for (const [list, kind] of [
  ['Groups', 'group'],
  ['Tags', 'tag'],
]) {
  test(`create, rename and delete a ${kind}`, async () => {
    const page = await openPage();
    const s = section(page, list);
    await s.getByLabel(`New ${kind} name`).fill(`E2E ${kind}`);
    await s.getByRole('button', { name: `Create ${kind}` }).click();
    await row(page, list, `E2E ${kind}`).waitFor();

    await s.getByRole('button', { name: `Rename E2E ${kind}` }).click();
    const input = s.getByLabel(`New name for E2E ${kind}`);
    await expectFocused(input);
    await input.fill(`Renamed ${kind}`);
    await input.press('Enter');
    await row(page, list, `Renamed ${kind}`).waitFor();

    const items = (await server.api('GET', `/api/admin/${kind}s`)).body.items;
    const created = items.find((i) => i.name === `Renamed ${kind}`);
    assert.ok(created, 'stored under the new name');

    await s.getByRole('button', { name: `Delete Renamed ${kind}` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${kind} “Renamed ${kind}”?` });
    await dialog.waitFor();
    await dialog
      .getByText(kind === 'group' ? 'move to the Default group' : 'It is removed from')
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await row(page, list, `Renamed ${kind}`).waitFor();
    await s.getByRole('button', { name: `Delete Renamed ${kind}` }).click();
    await dialog.getByRole('button', { name: `Delete ${kind}` }).click();
    await row(page, list, `Renamed ${kind}`).waitFor({ state: 'detached' });
    const after = (await server.api('GET', `/api/admin/${kind}s`)).body.items;
    assert.equal(
      after.some((i) => i.id === created.id),
      false,
    );
    expectNoProblems(page);
    await page.context().close();
  });
}

test('deleting a group moves its customers to Default', async () => {
  const page = await openPage();
  const groups = (await server.api('GET', '/api/admin/groups')).body.items;
  const staff = groups.find((g) => g.name === 'Staff');
  const def = groups.find((g) => g.is_default);
  await section(page, 'Groups').getByRole('button', { name: 'Delete Staff' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`Its ${staff.customer_count.toLocaleString('en-US')} customer`).waitFor();
  await dialog.getByRole('button', { name: 'Delete group' }).click();
  await row(page, 'Groups', 'Staff').waitFor({ state: 'detached' });
  const expected = (def.customer_count + staff.customer_count).toLocaleString('en-US');
  await row(page, 'Groups', 'Default').locator('td.num').filter({ hasText: expected }).waitFor();
  expectNoProblems(page);
  await page.context().close();
});

test('a name that is taken is explained at the field', async () => {
  const page = await openPage();
  const s = section(page, 'Groups');
  await s.getByLabel('New group name').fill('vip');
  await s.getByRole('button', { name: 'Create group' }).click();
  const input = s.getByLabel('New group name');
  await s.locator('.field__error').waitFor();
  await expectAttribute(input, 'aria-invalid', 'true');
  expectNoProblems(page, { allowStatuses: [409, 422] });
  await page.context().close();
});

test('a count opens the customer list filtered by that group or tag', async () => {
  const page = await openPage();
  const vip = (await server.api('GET', '/api/admin/groups')).body.items.find(
    (g) => g.name === 'VIP',
  );
  await row(page, 'Groups', 'VIP').getByRole('link').click();
  await page.waitForURL(new RegExp(`/admin/customers\\?group=${vip.id}`));
  await waitForResults(page, '');
  await page.getByText(`${vip.customer_count.toLocaleString('en-US')} customer`).waitFor();
  // The select shows the filter once its options (the group list) have loaded.
  await expectText(page.getByLabel('Group').locator('option:checked'), 'VIP');

  await page.goBack();
  await row(page, 'Tags', 'newsletter').getByRole('link').click();
  await page.waitForURL(/\/admin\/customers\?tag=newsletter/);
  await waitForResults(page, '');
  // The select shows the filter once its options (the tag list) have loaded.
  await page
    .getByLabel('Tag')
    .locator('option:checked', { hasText: 'newsletter' })
    .waitFor({ state: 'attached' });
  await expectValue(page.getByLabel('Tag'), 'newsletter');
  expectNoProblems(page);
  await page.context().close();
});
