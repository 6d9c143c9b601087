// The customer list's filter language and saved segments, in Chromium against the real server: a
// filter typed with the completion's help (keyboard only) is counted as it is typed, a mistake
// is marked where it is with the word the server proposes, Enter applies the filter and a reload
// keeps it; Save as segment (a name already taken is refused), the segments with their counts,
// Show, the export of a segment holding exactly its customers, Edit after someone else saved
// (their version loaded, then saved), Delete, and the audit log's segment actions. A viewer uses
// segments but cannot change them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
  screenshot,
  server,
  signedInPage,
  useServerAndBrowser,
  waitForResults,
} from './harness.mjs';

const tag = `seg${process.pid}`;
const filter = `tag = '${tag}' AND country = 'DE'`;
const people = {}; // by first name: the customers made for these tests

useServerAndBrowser(
  { customers: 40 },
  {
    prepare: async () => {
      for (const [first, country] of [
        ['Anke', 'DE'],
        ['Bernd', 'DE'],
        ['Clara', 'AT'],
      ]) {
        const r = await server.api('POST', '/api/admin/customers', {
          first_name: first,
          last_name: 'Segmentova',
          email: `${first.toLowerCase()}.${tag}@example.com`,
          country,
          tags: [tag],
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        people[first] = r.body;
      }
    },
  },
);

const rows = (page) => page.locator('.customers-table tbody tr');
const box = (page) => page.getByRole('combobox', { name: 'Filter', exact: true });
const suggestions = (page) => page.getByRole('listbox', { name: 'Suggestions' });

async function shownNames(page) {
  return (await rows(page).locator('td.col-name a').allTextContents()).sort();
}

// The suggestion the box points at (aria-activedescendant): what it puts in.
async function activeSuggestion(page) {
  const id = await box(page).getAttribute('aria-activedescendant');
  if (!id) return null;
  return (await page.locator(`[id="${id}"] .filter-input__label`).textContent()).trim();
}

test('a filter typed with the completion is counted live, marked when wrong, applied and kept', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  const input = box(page);
  await input.click();

  // A field: "ta" offers tag (with what it is); Tab takes it, and the operators follow.
  await input.pressSequentially('ta');
  await suggestions(page).getByRole('option', { name: /^tag/ }).waitFor();
  await expectState(page, () => activeSuggestion(page), 'tag', 'the first suggestion');
  await expectAttribute(input, 'aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expectValue(input, 'tag ');
  await expectFocused(input);

  // An operator, with the arrow keys: the list starts at "=", down to "!=" and back.
  await expectState(page, () => activeSuggestion(page), '=', 'the first operator');
  await page.keyboard.press('ArrowDown');
  await expectState(page, () => activeSuggestion(page), '!=', 'the next operator');
  await page.keyboard.press('ArrowUp');
  await expectState(page, () => activeSuggestion(page), '=', 'back to "="');
  await page.keyboard.press('Enter');
  await expectValue(input, 'tag = ');

  // A value: the tag names, in quotes, narrowed by what is typed.
  await input.pressSequentially(tag.slice(0, 4));
  await expectState(page, () => activeSuggestion(page), `'${tag}'`, 'the tag');
  await screenshot(page, 'segments-completion');
  await page.keyboard.press('Enter');
  await expectValue(input, `tag = '${tag}' `);
  await expectAttribute(input, 'aria-expanded', 'false');

  // The rest typed out; the count follows the text.
  await input.pressSequentially("AND country = 'DE'");
  await expectValue(input, filter);
  await expectText(page.getByTestId('filter-count'), /^2 customers match/);
  // Not applied yet: the list still shows everyone.
  assert.equal(new URL(page.url()).searchParams.get('filter'), null);

  // Enter with no suggestion shown applies it: in the URL, and the list shows the two.
  await page.keyboard.press('Enter');
  await expectState(
    page,
    () => new URL(page.url()).searchParams.get('filter'),
    filter,
    'the filter in the URL',
  );
  await waitForResults(page, '');
  await expectState(page, () => shownNames(page), ['Anke Segmentova', 'Bernd Segmentova']);
  await expectText(page.locator('.customers .summary'), '2 customers');

  // A reload keeps the filter, in the box and on the list.
  await page.reload();
  await waitForResults(page, '');
  await expectValue(box(page), filter);
  await expectState(page, () => shownNames(page), ['Anke Segmentova', 'Bernd Segmentova']);

  // A mistake: the server's message, the misspelt word marked at its position, and its fix.
  await box(page).fill('oders >= 1 AND tag IS NOT NULL');
  const mistake = page.locator('.filter-mistake');
  await expectText(
    mistake.locator('.field__error'),
    /unknown field 'oders' at 1: did you mean 'orders'\?/,
  );
  await expectText(mistake.locator('mark'), 'oders');
  await expectAttribute(mistake.locator('code'), 'data-position', '1');
  await expectAttribute(box(page), 'aria-invalid', 'true');
  await screenshot(page, 'segments-mistake');
  await mistake.getByRole('button', { name: 'Use “orders”' }).click();
  await expectValue(box(page), 'orders >= 1 AND tag IS NOT NULL');
  await expectText(page.getByTestId('filter-count'), /^0 customers match/);
  await expectCount(page.locator('.filter-mistake'), 0, 'mistakes shown');
  await expectAttribute(box(page), 'aria-invalid', null);

  // Clear filter: the whole list again, and nothing in the URL.
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expectValue(box(page), '');
  await expectState(page, () => new URL(page.url()).searchParams.get('filter'), null);
  await waitForResults(page, '');
  const everyone = (await server.api('GET', '/api/admin/customers/count')).body.total;
  await expectText(page.locator('.customers .summary'), `${everyone} customers`);
  expectNoProblems(page, { allowStatuses: [422] });
  await page.close();
});

test('a filter saved as a segment is listed with its count, shown, exported, edited and deleted', async () => {
  // Another segment, to be refused its name and to switch to.
  const other = await server.api('POST', '/api/admin/segments', {
    name: 'Big spenders',
    filter: 'total_spent > 100000',
  });
  assert.equal(other.status, 201, JSON.stringify(other.body));

  const page = await signedInPage(browser, server, {
    path: `/admin/customers?filter=${encodeURIComponent(filter)}`,
  });
  await waitForResults(page, '');
  await expectState(page, () => shownNames(page), ['Anke Segmentova', 'Bernd Segmentova']);

  // Save as segment: a name in use is refused, another is saved and shown.
  await page.getByRole('button', { name: 'Save as segment…' }).click();
  const save = page.getByRole('dialog', { name: 'Save as segment' });
  await expectText(save.locator('code'), filter);
  await save.getByRole('textbox', { name: 'Name' }).fill('big SPENDERS');
  await save.getByRole('button', { name: 'Save segment' }).click();
  await expectText(save.locator('.field__error'), 'A segment with this name already exists.');
  await expectAttribute(save.getByRole('textbox', { name: 'Name' }), 'aria-invalid', 'true');
  await save.getByRole('textbox', { name: 'Name' }).fill('Tagged in Germany');
  await save.getByRole('button', { name: 'Save segment' }).click();
  await expectCount(save, 0, 'open save dialogs');
  await page
    .getByRole('status')
    .filter({ hasText: 'Segment “Tagged in Germany” saved.' })
    .waitFor();

  const listed = (await server.api('GET', '/api/admin/segments')).body.items.find(
    (s) => s.name === 'Tagged in Germany',
  );
  assert.equal(listed.filter, filter);
  await expectState(page, () => new URL(page.url()).searchParams.get('segment'), listed.id);
  assert.equal(new URL(page.url()).searchParams.get('filter'), null);
  await page.getByText('Showing the segment Tagged in Germany').waitFor();

  // The segments, each with its count.
  const panel = page.getByRole('region', { name: 'Segments' });
  const row = (name) => panel.getByRole('row').filter({ hasText: name });
  await expectText(row('Tagged in Germany').locator('.segment-count'), '2 customers');
  await expectText(row('Big spenders').locator('.segment-count'), '0 customers');
  await expectAttribute(row('Tagged in Germany'), 'aria-current', 'true');
  await screenshot(page, 'segments-panel');

  // Show switches the list to another segment and back.
  await panel.getByRole('button', { name: 'Show Big spenders' }).click();
  await expectState(page, () => new URL(page.url()).searchParams.get('segment'), other.body.id);
  await page.getByText('No customers match this search.').waitFor();
  await expectValue(box(page), 'total_spent > 100000');
  await panel.getByRole('button', { name: 'Show Tagged in Germany' }).click();
  await waitForResults(page, '');
  await expectState(page, () => shownNames(page), ['Anke Segmentova', 'Bernd Segmentova']);

  // The export of the segment holds its customers and no one else.
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export customers' });
  const all = dialog.getByRole('radio', {
    name: /^All 2 customers the list shows, in the segment “Tagged in Germany”/,
  });
  await all.waitFor();
  assert.equal(await all.isChecked(), true);
  await dialog.getByRole('button', { name: 'None' }).click();
  for (const name of ['ID', 'E-mail']) {
    await dialog.getByRole('checkbox', { name, exact: true }).check();
  }
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const link = dialog.getByRole('link', { name: /^Download customers-.*\.csv$/ });
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const lines = readFileSync(await file.path(), 'utf8')
    .split('\r\n')
    .filter(Boolean);
  assert.equal(lines[0], 'id,email');
  assert.deepEqual(
    lines.slice(1).sort(),
    [
      `${people.Anke.id},anke.${tag}@example.com`,
      `${people.Bernd.id},bernd.${tag}@example.com`,
    ].sort(),
  );
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Edit while someone else saves first: their version is offered, then changed and saved.
  await panel.getByRole('button', { name: 'Edit Tagged in Germany' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit the segment “Tagged in Germany”' });
  await expectValue(edit.getByRole('combobox', { name: 'Filter' }), filter);
  const theirs = await server.api(
    'PATCH',
    `/api/admin/segments/${listed.id}`,
    { name: 'Tagged, Germany' },
    { 'if-match': `"${listed.version}"` },
  );
  assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
  await edit.getByRole('textbox', { name: 'Name' }).fill('Tagged in Germany, edited');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await edit.getByRole('alert').filter({ hasText: 'Someone else changed this segment' }).waitFor();
  await edit.getByRole('button', { name: 'Load their version' }).click();
  await expectValue(edit.getByRole('textbox', { name: 'Name' }), 'Tagged, Germany');
  const editBox = edit.getByRole('combobox', { name: 'Filter' });
  // Escape in the box hides its suggestions and leaves the dialog open.
  await editBox.press('End');
  await editBox.pressSequentially(' an');
  await edit.getByRole('option', { name: /^AND/ }).waitFor();
  await page.keyboard.press('Escape');
  await expectAttribute(editBox, 'aria-expanded', 'false');
  await expectCount(edit.getByRole('listbox', { includeHidden: false }), 0, 'suggestion lists');
  assert.equal(await edit.isVisible(), true, 'the dialog is still open');
  await editBox.fill(`tag = '${tag}' AND country IN ('AT', 'CH')`);
  await expectText(edit.getByTestId('filter-count'), /^1 customer matches/);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expectCount(edit, 0, 'open edit dialogs');
  await expectText(row('Tagged, Germany').locator('.segment-count'), '1 customer');
  // The list of the segment shown follows its new filter.
  await expectState(page, () => shownNames(page), ['Clara Segmentova']);
  await expectValue(box(page), `tag = '${tag}' AND country IN ('AT', 'CH')`);

  // Delete, after a confirmation: gone from the panel, and the list no longer shows it.
  await panel.getByRole('button', { name: 'Delete Tagged, Germany' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the segment “Tagged, Germany”?' });
  await confirm.getByRole('button', { name: 'Delete segment' }).click();
  await expectCount(row('Tagged, Germany'), 0, 'rows of the deleted segment');
  await expectState(page, () => new URL(page.url()).searchParams.get('segment'), null);
  const left = (await server.api('GET', '/api/admin/segments')).body.items.map((s) => s.name);
  assert.deepEqual(left, ['Big spenders']);

  // The audit log names the segment actions.
  await page.goto(`${server.url}/admin/audit?action=segment.`);
  const audit = page.locator('.audit-table tbody tr');
  await audit.filter({ hasText: 'Deleted a segment' }).first().waitFor();
  await audit.filter({ hasText: 'Changed a segment' }).first().waitFor();
  await audit.filter({ hasText: 'Saved a segment' }).first().waitFor();
  expectNoProblems(page, { allowStatuses: [409, 412] });
  await page.close();
});

test('a viewer shows segments but cannot save, edit or delete them', async () => {
  const created = await server.api('POST', '/api/admin/segments', {
    name: 'Austrians',
    filter: `tag = '${tag}' AND country = 'AT'`,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const viewer = createAdmin(server, {
    email: `viewer.segments.${process.pid}@example.com`,
    name: 'Vik Viewer',
    role: 'viewer',
  });
  const page = await signedInPage(browser, server, { who: viewer, path: '/admin/customers' });
  await waitForResults(page, '');
  await expectCount(page.getByRole('button', { name: 'Save as segment…' }), 0, 'Save buttons');
  await page.getByRole('button', { name: /^Segments/ }).click();
  const panel = page.getByRole('region', { name: 'Segments' });
  await panel.getByText('saving, changing and deleting them is for owners and admins').waitFor();
  await expectCount(panel.getByRole('button', { name: /^(Edit|Delete) / }), 0, 'write buttons');
  await panel.getByRole('button', { name: 'Show Austrians' }).click();
  await expectState(page, () => shownNames(page), ['Clara Segmentova']);
  expectNoProblems(page);
  await page.close();
});
