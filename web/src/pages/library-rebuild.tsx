// Library rebuild, store-wide: what a rebuild does, "Rebuild every library" for those who manage
// libraries (after a confirmation), the live progress of the running rebuild (also when the page
// opens while one runs, or when a start finds one running already), with Cancel, and the recent
// rebuilds with their state, who started them, when, and what they changed.
import { useState } from 'preact/hooks';
import { api, asApiError } from '../api';
import { isJobFinished, JobProgress, JobStateBadge, jobStarter } from '../components/job-progress';
import { ConfirmDialog, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { formatDateTime, formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type { Job, Page, RebuildReport } from '../types';
import { RebuildExplanation, rebuildCounts } from './library';
import './library.css';

const kKind = 'library_rebuild';
const kRecent = 20;

function reportOf(job: Job): Partial<RebuildReport> {
  return job.result as Partial<RebuildReport>;
}

// "600 customers: 2 granted, 1 restored, 0 revoked, 5 unchanged", once a job has counted any.
function resultText(job: Job): string {
  const r = reportOf(job);
  if (typeof r.customers !== 'number') return '';
  return `${plural(r.customers, 'customer')}: ${rebuildCounts(r)}`;
}

async function recentJobs(signal?: AbortSignal, limit = kRecent): Promise<Page<Job>> {
  const { data } = await api.get<Page<Job>>('/api/admin/jobs', {
    signal,
    query: { kind: kKind, limit },
  });
  return data;
}

export function LibraryRebuildPage() {
  const { can, notify } = useApp();
  const manage = can('manage_library');
  const jobs = useResource((signal) => recentJobs(signal), []);
  // The job whose progress is shown: the one started here or found running.
  const [current, setCurrent] = useState<Job | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const running = jobs.data?.items.find((j) => !isJobFinished(j)) ?? null;
  const shown = current ?? running;
  const active = shown !== null && !isJobFinished(shown);

  // Keeps the row of a job in the list as fresh as its progress bar.
  function patch(job: Job) {
    if (!jobs.data) return;
    const known = jobs.data.items.some((j) => j.id === job.id);
    jobs.setData({
      ...jobs.data,
      items: known
        ? jobs.data.items.map((j) => (j.id === job.id ? job : j))
        : [job, ...jobs.data.items],
    });
  }

  async function start() {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const { data } = await api.post<Job>('/api/admin/library/rebuild');
      setCurrent(data);
      patch(data);
      setConfirming(false);
      notify('The rebuild has started.');
    } catch (e) {
      const problem = asApiError(e);
      if (problem.code !== 'job_running') {
        setError(problem);
        return;
      }
      // Someone started one meanwhile: its progress instead.
      try {
        const page = await recentJobs(undefined, 5);
        const other = page.items.find((j) => !isJobFinished(j)) ?? page.items[0];
        if (other) {
          setCurrent(other);
          patch(other);
        }
        setConfirming(false);
        setNotice('A rebuild is running already; its progress is shown instead of a new one.');
      } catch (e2) {
        setError(e2);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="library-rebuild">
      <PageHeader title="Library rebuild">
        {manage && (
          <button
            type="button"
            class="button button--primary"
            disabled={active || !jobs.data}
            title={active ? 'A rebuild is running; wait for it to finish or cancel it.' : ''}
            onClick={() => {
              setError(null);
              setConfirming(true);
            }}
          >
            Rebuild every library
          </button>
        )}
      </PageHeader>
      <div class="card library-rebuild__about">
        <p>
          A rebuild goes through every customer and makes each library match the order history. Use
          it after importing orders or fixing the catalog's bundles.
        </p>
        <RebuildExplanation />
        <p class="muted small">
          It runs in the background, a few hundred customers at a time; you can leave this page and
          come back. One rebuild runs at a time.
        </p>
      </div>
      {notice && (
        <p class="banner banner--info" role="status" data-testid="rebuild-notice">
          <span>{notice}</span>
        </p>
      )}
      {shown && (
        <JobProgress
          key={shown.id}
          job={shown}
          title={isJobFinished(shown) ? 'Last rebuild' : 'Rebuilding every library'}
          unit="customers"
          canCancel={manage}
          onChange={patch}
          onFinished={(job) => {
            setCurrent(job);
            patch(job);
          }}
          result={(job) => {
            const text = resultText(job);
            if (!text) return null;
            return (
              <p data-testid="rebuild-result">
                {isJobFinished(job) ? '' : 'So far: '}
                {text}
              </p>
            );
          }}
        />
      )}
      <ConfirmDialog
        open={confirming}
        title="Rebuild every library?"
        confirmLabel={busy ? 'Starting…' : 'Start rebuild'}
        busy={busy}
        error={error}
        onConfirm={start}
        onCancel={() => setConfirming(false)}
      >
        <p>Every customer's library is worked out again from the orders:</p>
        <RebuildExplanation />
      </ConfirmDialog>

      <h2 class="library-rebuild__recent">Recent rebuilds</h2>
      <ErrorBanner error={jobs.error} onRetry={jobs.reload} />
      {!jobs.data && !jobs.error && <Loading />}
      {jobs.data && jobs.data.items.length === 0 && <p class="empty">No rebuild has run yet.</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards jobs-table" aria-label="Recent rebuilds">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">State</th>
                <th scope="col">Started by</th>
                <th scope="col" class="num">
                  Customers
                </th>
                <th scope="col">Finished</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((j) => (
                <tr key={j.id} data-job-id={j.id}>
                  <td data-label="Started">
                    <time dateTime={j.started_at ?? j.created_at}>
                      {formatDateTime(j.started_at ?? j.created_at)}
                    </time>
                  </td>
                  <td data-label="State" class="col-status">
                    <JobStateBadge job={j} />
                  </td>
                  <td data-label="Started by">{jobStarter(j)}</td>
                  <td data-label="Customers" class="num">
                    {j.total > 0
                      ? `${formatNumber(j.done)} of ${formatNumber(j.total)}`
                      : formatNumber(j.done)}
                  </td>
                  <td data-label="Finished">
                    {j.finished_at ? (
                      <time dateTime={j.finished_at}>{formatDateTime(j.finished_at)}</time>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label="Result" data-testid="job-result">
                    {j.state === 'failed' ? (
                      <span class="job-error">{j.error || 'Failed'}</span>
                    ) : (
                      resultCell(j)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {jobs.data?.next_cursor && <p class="muted small">The {kRecent} most recent rebuilds.</p>}
    </section>
  );
}

function resultCell(job: Job): string {
  const r = reportOf(job);
  if (typeof r.customers !== 'number') return '—';
  return rebuildCounts(r);
}
