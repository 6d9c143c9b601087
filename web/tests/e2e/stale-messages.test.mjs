// Messages that no longer hold go away: a field's error leaves once the field is corrected
// (the profile's phone, the Send e-mail dialog's subject), and "Changes saved." covers neither
// where the Save button was nor the Edit button that has the focus after the save.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  expectNoProblems,
  expectState,
  expectFocused,
  firstCustomer,
  openAccountForm,
  profileSummary,
  server,
  signedInPage,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 10 });

test('a corrected phone loses its error before it is saved, and the notice leaves Save free', async () => {
  const c = await firstCustomer(server);
  const page = await signedInPage(browser, server, { path: `/admin/customers/${c.id}` });
  await openAccountForm(page);
  const phone = page.getByLabel('Phone', { exact: true });
  await phone.fill('12');
  const save = page.getByRole('button', { name: 'Save changes' });
  await save.click();
  const error = page.locator('.field', { has: phone }).locator('.field__error');
  await error.waitFor();
  await phone.fill('+44 20 7946 0958');
  await expectState(page, () => error.count(), 0, 'the phone error after the correction');

  const saveBox = await save.boundingBox();
  await save.click();
  const notice = page.locator('.toast__message', { hasText: 'Changes saved.' });
  await notice.waitFor();
  // Saved, the form gives way to the summary, and its Edit button takes the focus.
  const edit = profileSummary(page).getByRole('button', { name: 'Edit', exact: true });
  await expectFocused(edit, 'focus on Edit after the save');
  const a = await notice.boundingBox();
  const overlaps = (b) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  assert.ok(!overlaps(saveBox), `the notice ${JSON.stringify(a)} covers Save's place`);
  const editBox = await edit.boundingBox();
  assert.ok(!overlaps(editBox), `the notice ${JSON.stringify(a)} covers Edit`);
  expectNoProblems(page, { allowStatuses: [422] });
  await page.close();
});

test('"Write a subject." leaves once a subject is written', async () => {
  const c = await firstCustomer(server, '&kind=registered');
  const page = await signedInPage(browser, server, { path: `/admin/customers/${c.id}` });
  await page.getByRole('button', { name: 'Send e-mail' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Send e-mail' }).click();
  const message = dialog.getByText('Write a subject.');
  await message.waitFor();
  await dialog.getByLabel('Subject').fill('Your parcel');
  await expectState(page, () => message.count(), 0, 'the subject error after writing one');
  await dialog.getByText('Write the message.').waitFor();
  expectNoProblems(page, { allowStatuses: [422] });
  await page.close();
});
