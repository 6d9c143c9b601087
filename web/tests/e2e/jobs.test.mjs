// Jobs, in Chromium against the real server: a spam scan started through the API shows on the
// page (reached from the sidebar) with its kind in words, its state until it has finished, who
// started it, when, its counts and result; the kind filter (in the address too) lists only that
// kind, and "No jobs yet." for a kind without jobs, also one this server does not run yet; Older
// and Newer page through more jobs than fit on one page. On a server whose job runner hangs after
// one chunk, a library rebuild stays running and a spam scan stays queued: their progress shows,
// a viewer sees Cancel disabled with the reason, the list refreshes itself when a job is
// cancelled behind its back, and the owner cancels the rebuild after a confirmation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browser,
  createAdmin,
  expectAttribute,
  expectCount,
  expectNoProblems,
  expectState,
  expectText,
  expectValue,
  OWNER,
  PHONE,
  screenshot,
  server,
  signedInPage,
  startServer,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser({ customers: 30 });

const jobRow = (page, id) => page.locator(`.jobs-table tr[data-job-id="${id}"]`);

// Waits until the jobs list shows the jobs of `kind` ('all' for every kind), read afresh.
function listLoaded(page, kind) {
  return page.locator(`.jobs-results[data-loaded="${kind}"]`).waitFor();
}

// Starts a spam scan as the owner's API token; returns the queued job.
async function startScan(s = server) {
  const r = await s.api('POST', '/api/admin/cleanup/scan');
  assert.equal(r.status, 202, JSON.stringify(r.body));
  return r.body;
}

// Waits until job `id` of server `s` is `state`, reading it through the API.
async function jobReaches(page, id, state, s = server) {
  let job;
  await expectState(
    page,
    async () => {
      job = (await s.api('GET', `/api/admin/jobs/${id}`)).body;
      return job.state;
    },
    state,
    `the state of ${id}`,
  );
  return job;
}

test('a spam scan started through the API: its row, state, starter and result; the kind filter', async () => {
  const scan = await startScan();
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/admin/jobs');
  await expectAttribute(nav.getByRole('link', { name: 'Jobs' }), 'aria-current', 'page');
  await expectState(page, () => page.title(), /^Jobs · /, 'the document title');

  // Whatever state the page first read, the row reaches succeeded (the list reads itself again
  // while a job runs).
  const row = jobRow(page, scan.id);
  const state = row.locator('[data-job-state]');
  await expectAttribute(state, 'data-job-state', 'succeeded', 'the state of the scan');
  await expectText(state, 'Finished');
  const done = await jobReaches(page, scan.id, 'succeeded');
  await expectText(row.getByRole('cell').first(), 'Spam scan');
  await expectText(row.getByTestId('job-starter'), `${OWNER.name} (API token)`);
  await expectText(row.getByTestId('job-counts'), `${done.done} of ${done.total}`);
  await expectText(
    row.getByTestId('job-result'),
    `${done.result.scanned} accounts scanned, ${done.result.suspected_spam} suspected spam`,
  );
  await expectAttribute(row.locator('time').first(), 'datetime', done.started_at);
  await expectAttribute(row.locator('time').nth(1), 'datetime', done.finished_at);
  await expectText(row.getByTestId('job-duration'), /^took (less than a second|\d+ s)$/);
  await expectCount(row.getByRole('progressbar'), 0, 'progress bars of a finished job');
  await expectCount(row.getByRole('button', { name: 'Cancel' }), 0, 'Cancel of a finished job');
  await expectCount(row.getByRole('link', { name: /^Download/ }), 0, 'downloads of a scan');
  await screenshot(page, 'jobs');

  // Only cleanups: none has run.
  const kind = page.getByLabel('Kind');
  await kind.selectOption({ label: 'Cleanup' });
  await listLoaded(page, 'cleanup');
  await page.getByText('No jobs yet.').waitFor();
  await expectCount(row, 0, 'the scan among cleanups');
  assert.equal(new URL(page.url()).search, '?kind=cleanup');

  await kind.selectOption({ label: 'Spam scan' });
  await listLoaded(page, 'spam_scan');
  await expectAttribute(row.locator('[data-job-state]'), 'data-job-state', 'succeeded');
  await expectCount(page.getByText('No jobs yet.'), 0, 'the empty list message');

  // A kind without jobs yet is an empty list, not an error.
  await kind.selectOption({ label: 'Customer export' });
  await listLoaded(page, 'customer_export');
  await page.getByText('No jobs yet.').waitFor();
  await expectCount(page.getByRole('alert'), 0, 'error banners');

  // The filter is kept in the address.
  await page.goto(`${server.url}/admin/jobs?kind=spam_scan`);
  await listLoaded(page, 'spam_scan');
  await expectValue(page.getByLabel('Kind'), 'spam_scan');
  await expectCount(row, 1, 'the scan row');
  expectNoProblems(page, { allowStatuses: [422] });
  await page.context().close();
});

test('Older and Newer page through more jobs than fit on one page', async () => {
  const page = await signedInPage(browser, server, { path: '/admin/jobs' });
  await listLoaded(page, 'all');
  // 25 to a page: with these, 26 scans or more.
  const before = (await server.api('GET', '/api/admin/jobs?limit=100')).body.items;
  for (let i = before.length; i < 26; i++) {
    const scan = await startScan();
    await jobReaches(page, scan.id, 'succeeded');
  }
  const all = (await server.api('GET', '/api/admin/jobs?limit=100')).body.items;
  assert.ok(all.length >= 26 && all.length <= 50, `${all.length} jobs`);

  await page.reload();
  await listLoaded(page, 'all');
  const rows = page.locator('.jobs-table tbody tr');
  const pager = page.getByRole('navigation', { name: 'Pages of jobs' });
  const newer = pager.getByRole('button', { name: 'Newer' });
  const older = pager.getByRole('button', { name: 'Older' });
  await expectCount(rows, 25, 'rows of the first page');
  await expectAttribute(rows.first(), 'data-job-id', all[0].id);
  await expectAttribute(newer, 'disabled', '');

  await older.click();
  await listLoaded(page, 'all');
  await expectCount(rows, all.length - 25, 'rows of the second page');
  await expectAttribute(rows.first(), 'data-job-id', all[25].id);
  await expectAttribute(older, 'disabled', '');

  await newer.click();
  await listLoaded(page, 'all');
  await expectCount(rows, 25, 'rows of the first page');
  await expectAttribute(rows.first(), 'data-job-id', all[0].id);
  expectNoProblems(page);
  await page.context().close();
});

test('running and queued jobs: progress, Cancel disabled for a viewer, refreshes, Cancel after a confirmation', async () => {
  // A server of its own whose job runner hangs after one chunk (500 customers): a rebuild of its
  // 600 customers stays running, and every job started after it stays queued.
  process.env.CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST = '1';
  let stalled;
  try {
    stalled = await startServer({ customers: 600 });
  } finally {
    delete process.env.CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST;
  }
  try {
    const started = await stalled.api('POST', '/api/admin/library/rebuild');
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const rebuildId = started.body.id;
    const viewer = createAdmin(stalled, {
      email: `viewer.jobs.${process.pid}@example.com`,
      name: 'Vera Viewer',
      role: 'viewer',
    });
    const seen = await signedInPage(browser, stalled, { who: viewer, path: '/admin/jobs' });
    let rebuild;
    await expectState(
      seen,
      async () => {
        rebuild = (await stalled.api('GET', `/api/admin/jobs/${rebuildId}`)).body;
        return rebuild.state === 'running' && rebuild.done > 0;
      },
      true,
      'the first chunk of the rebuild done',
    );
    const scan = await startScan(stalled);
    const percent = Math.floor((rebuild.done * 100) / rebuild.total);

    // A viewer sees the page in the sidebar, and both jobs, with Cancel disabled and the reason.
    await seen.reload();
    await listLoaded(seen, 'all');
    await seen
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Jobs' })
      .waitFor();
    let rebuildRow = jobRow(seen, rebuildId);
    let scanRow = jobRow(seen, scan.id);
    await expectText(rebuildRow.locator('[data-job-state]'), 'Running');
    await expectText(scanRow.locator('[data-job-state]'), 'Waiting to start');
    await expectText(rebuildRow.getByRole('cell').first(), 'Library rebuild');
    await expectAttribute(rebuildRow.getByRole('progressbar'), 'aria-valuenow', String(percent));
    await expectText(
      rebuildRow.getByTestId('job-counts'),
      `${rebuild.done} of ${rebuild.total} · ${percent}%`,
    );
    const cancels = seen.locator('.jobs-table').getByRole('button', { name: 'Cancel' });
    await expectCount(cancels, 2, 'Cancel buttons');
    await expectState(
      seen,
      () => cancels.evaluateAll((buttons) => buttons.filter((b) => !b.disabled).length),
      0,
      'enabled Cancel buttons for a viewer',
    );
    const rebuildCancel = rebuildRow.getByRole('button', { name: 'Cancel' });
    await expectAttribute(rebuildCancel, 'title', 'Your role may not cancel a library rebuild.');
    const reasonId = await rebuildCancel.getAttribute('aria-describedby');
    await expectText(
      seen.locator(`[id="${reasonId}"]`),
      'Your role may not cancel a library rebuild.',
    );
    await expectAttribute(
      scanRow.getByRole('button', { name: 'Cancel' }),
      'title',
      'Your role may not cancel a spam scan.',
    );
    expectNoProblems(seen);
    await seen.context().close();

    // The owner may cancel both. The queued scan, cancelled behind the page's back, turns
    // Cancelled by itself.
    const page = await signedInPage(browser, stalled, { path: '/admin/jobs' });
    await listLoaded(page, 'all');
    rebuildRow = jobRow(page, rebuildId);
    scanRow = jobRow(page, scan.id);
    await expectText(scanRow.locator('[data-job-state]'), 'Waiting to start');
    await expectAttribute(scanRow.getByRole('button', { name: 'Cancel' }), 'disabled', null);
    const cancelled = await stalled.api('POST', `/api/admin/jobs/${scan.id}/cancel`);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.state, 'cancelled');
    await expectText(scanRow.locator('[data-job-state]'), 'Cancelled');
    await expectCount(scanRow.getByTestId('job-duration'), 0, 'the duration of a job never run');
    await expectCount(
      scanRow.getByRole('button', { name: 'Cancel' }),
      0,
      'Cancel of a cancelled job',
    );

    // Cancel asks first; the dialog's own Cancel leaves the job alone.
    const cancel = rebuildRow.getByRole('button', { name: 'Cancel' });
    const dialog = page.getByRole('dialog', { name: 'Cancel this library rebuild?' });
    await cancel.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(
      (await stalled.api('GET', `/api/admin/jobs/${rebuildId}`)).body.cancel_requested,
      false,
    );

    await cancel.click();
    await dialog.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/jobs/${rebuildId}/cancel`),
      ),
      dialog.getByRole('button', { name: 'Cancel job' }).click(),
    ]);
    assert.equal(response.status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .filter({ hasText: 'The library rebuild stops once the part it is working on is done.' })
      .waitFor();
    await expectText(rebuildRow.locator('[data-job-state]'), 'Cancelling');
    await expectCount(rebuildRow.getByRole('button', { name: 'Cancel' }), 0, 'Cancel buttons');
    const asked = (await stalled.api('GET', `/api/admin/jobs/${rebuildId}`)).body;
    assert.equal(asked.cancel_requested, true);
    assert.equal(asked.state, 'running', 'the hung runner has not taken the cancel up');
    expectNoProblems(page);
    await page.context().close();

    // At phone width the rows are cards, no wider than the window.
    const phone = await signedInPage(browser, stalled, { path: '/admin/jobs', viewport: PHONE });
    await listLoaded(phone, 'all');
    await expectText(jobRow(phone, rebuildId).locator('[data-job-state]'), 'Cancelling');
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `the jobs page is ${overflow}px wider than the window`);
    await screenshot(phone, 'jobs-running');
    expectNoProblems(phone);
    await phone.context().close();
  } finally {
    await stalled.stop();
  }
});
