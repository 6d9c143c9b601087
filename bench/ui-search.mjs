// Times the admin UI's search as a person uses it: in headless Chromium, signed in to the
// customers list of an existing store (BENCH_DB, e.g. the 1,000,000-customer store that
// bench/run.sh builds), types each query at about 12 keys a second and measures the time from
// the last key to the matching results on screen. Prints figures; asserts nothing.
// Usage: BENCH_DB=sqlite:build/bench/bench.db node bench/ui-search.mjs
import {
  launchBrowser,
  signedInPage,
  startServer,
  waitForResults,
} from '../web/tests/e2e/harness.mjs';

const existingDb = process.env.BENCH_DB;
if (!existingDb) {
  console.error('set BENCH_DB to the database URL of a store to search');
  process.exit(2);
}
const server = await startServer({ existingDb });
const browser = await launchBrowser();
try {
  const sample = await server.api('GET', '/api/admin/customers?limit=200&sort=name');
  const people = sample.body.items;
  const queries = [
    ...people.slice(0, 8).map((c) => c.last_name.slice(0, 4).toLowerCase()),
    'gmail', 'outlook', 'yahoo', 'web.de',
    ...people.filter((c) => c.phone.length > 9).slice(0, 8).map((c) => c.phone.slice(-7, -2)),
  ].filter((q) => q.length >= 3);
  const page = await signedInPage(browser, server, { path: '/admin/customers' });
  await waitForResults(page, '');
  const search = page.getByLabel('Search customers');
  // Timed inside the page, so the browser-driving protocol's own delays do not count: from the
  // last keydown to the moment the list shows that query's results.
  await page.evaluate(() => {
    document.addEventListener('keydown', () => (window.lastKeyAt = performance.now()), true);
    new MutationObserver(() => {
      const shown = document.querySelector('.results')?.getAttribute('data-loaded-query');
      if (shown === window.expected && window.shownAt === undefined) {
        window.shownAt = performance.now();
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const times = [];
  for (const q of queries) {
    await search.fill('');
    await waitForResults(page, '');
    await search.click();
    await page.evaluate((query) => {
      window.expected = query;
      window.shownAt = undefined;
    }, q);
    await page.keyboard.type(q, { delay: 80 });
    await waitForResults(page, q);
    times.push(await page.evaluate(() => window.shownAt - window.lastKeyAt));
    if (process.env.DETAIL) {
      console.log(q, await page.evaluate((query) => {
        const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('q=' + encodeURIComponent(query) + '&') || e.name.endsWith('q=' + encodeURIComponent(query))).pop();
        return r ? { lastKey: window.lastKeyAt.toFixed(0), fetchStart: r.startTime.toFixed(0), responseEnd: r.responseEnd.toFixed(0), shown: window.shownAt.toFixed(0), url: r.name.slice(-80) } : null;
      }, q));
    }
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0);
  console.log(
    `UI search, ${queries.length} queries typed at 12 keys/s: last key → results on screen ` +
      `p50 ${at(0.5)} ms, max ${times[times.length - 1].toFixed(0)} ms ` +
      `(includes the 20 ms debounce)`,
  );
} finally {
  await browser.close();
  await server.stop();
}
