// Jobs, store-wide (GET /api/admin/jobs): the recent background jobs of every kind, newest first,
// filtered by kind, with Newer/Older pages. Each row has its state, progress (a bar while it
// runs), who started it and when, when it finished and how long it took, and its result: the
// error, a short summary, or the file to download. Cancel (after a confirmation) for queued and
// running jobs, disabled for a role that may not stop the kind. An import's error report is
// offered once it has finished. The list reads itself again while any job on it is queued or
// running.
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { api, asApiError, isAbort, queryString, seg } from '../api';
import {
  isJobFinished,
  jobPercent,
  JobStateBadge,
  jobStarter,
  resultLink,
} from '../components/job-progress';
import { ConfirmDialog, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { formatDateTime, formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import { replaceSearch } from '../router';
import { type Permission, useApp } from '../session';
import type {
  CleanupResult,
  CustomerExportResult,
  CustomerImportResult,
  Job,
  Page,
  SpamScanResult,
} from '../types';
import { importCounts } from './customer-import';
import './jobs.css';

const kPageSize = 25;
const kRefreshMs = 2000;

// The kinds the filter offers, in its order.
const kKindLabels: Record<string, string> = {
  library_rebuild: 'Library rebuild',
  spam_scan: 'Spam scan',
  cleanup: 'Cleanup',
  customer_export: 'Customer export',
  customer_import: 'Customer import',
  rfm_scores: 'RFM scores',
  customer_bulk: 'Bulk change',
};

// Who may cancel a kind, as the server's kinds say (src/flows/cleanup, src/modules/library,
// src/flows/transfer, src/modules/customers). A kind missing here is left for the server to
// decide.
const kCancelPermissions: Record<string, Permission> = {
  library_rebuild: 'manage_library',
  spam_scan: 'edit_customers',
  cleanup: 'erase_customers',
  customer_export: 'export_customers',
  customer_import: 'import_customers',
  rfm_scores: 'edit_customers',
  customer_bulk: 'edit_customers',
};

function kindLabel(kind: string): string {
  return kKindLabels[kind] ?? kind;
}

// "less than a second", "42 s", "3 min 5 s", "2 h 10 min".
function durationText(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'less than a second';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

// How long a job ran; nothing for one that never started (cancelled while queued).
function jobDuration(job: Job): string {
  if (!job.started_at || !job.finished_at) return '';
  const from = Date.parse(job.started_at);
  const to = Date.parse(job.finished_at);
  return Number.isNaN(from) || Number.isNaN(to) ? '' : durationText(Math.max(0, to - from));
}

// The short summary of a succeeded job, for the kinds that count something.
function summaryText(job: Job): string {
  if (job.state !== 'succeeded') return '';
  if (job.kind === 'spam_scan') {
    const r = job.result as Partial<SpamScanResult>;
    if (typeof r.scanned !== 'number') return '';
    const spam = typeof r.suspected_spam === 'number' ? r.suspected_spam : 0;
    return `${plural(r.scanned, 'account')} scanned, ${formatNumber(spam)} suspected spam`;
  }
  if (job.kind === 'cleanup') {
    const r = job.result as Partial<CleanupResult>;
    return typeof r.deleted === 'number' ? `${plural(r.deleted, 'account')} deleted` : '';
  }
  if (job.kind === 'rfm_scores') {
    const r = job.result as { scored?: unknown };
    return typeof r.scored === 'number' ? `${plural(r.scored, 'customer')} scored` : '';
  }
  if (job.kind === 'customer_bulk') {
    const r = job.result as { changed?: unknown };
    return typeof r.changed === 'number' ? `${plural(r.changed, 'customer')} changed` : '';
  }
  if (job.kind === 'customer_import') {
    const r = job.result as Partial<CustomerImportResult>;
    if (typeof r.rows !== 'number') return '';
    return `${r.dry_run ? 'Dry run' : 'Imported'}: ${importCounts(r)}`;
  }
  return '';
}

// The file of a succeeded job (an export), when it has one: a path on this server only, so a
// result can never turn the link into another site or a script.
function downloadOf(job: Job): { href: string; name: string } | null {
  if (job.state !== 'succeeded') return null;
  const r = job.result as Partial<CustomerExportResult>;
  const href = resultLink(r.download);
  if (!href) return null;
  return { href, name: typeof r.file_name === 'string' ? r.file_name : '' };
}

// The error report of a finished import that found errors (also one that failed for them).
function errorReportOf(job: Job): string | null {
  if (job.kind !== 'customer_import' || !isJobFinished(job)) return null;
  const r = job.result as Partial<CustomerImportResult>;
  return (r.errors ?? 0) > 0 ? resultLink(r.errors_download) : null;
}

function hasUnfinished(page: Page<Job> | undefined): boolean {
  return !!page?.items.some((j) => !isJobFinished(j));
}

async function listJobs(
  kind: string,
  cursor: string | null,
  signal: AbortSignal,
): Promise<Page<Job>> {
  const { data } = await api.get<Page<Job>>('/api/admin/jobs', {
    signal,
    query: { kind, limit: kPageSize, cursor },
  });
  return data;
}

export function JobsPage(props: { search: string }) {
  const { can, notify } = useApp();
  const initialKind = useMemo(() => new URLSearchParams(props.search).get('kind') ?? '', []);
  const [kind, setKind] = useState(initialKind);
  // The cursors of the pages read, per kind; the first page has none.
  const [pages, setPages] = useState<{ kind: string; stack: (string | null)[] }>({
    kind,
    stack: [null],
  });
  const stack = pages.kind === kind ? pages.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;

  const list = useResource(
    async (signal) => {
      replaceSearch(queryString({ kind }));
      return { ...(await listJobs(kind, cursor, signal)), kind, cursor };
    },
    [kind, cursor],
  );
  // Another kind's rows are not shown while this kind loads; the previous page's rows are.
  const data = list.data?.kind === kind ? list.data : undefined;
  const current = data !== undefined && data.cursor === cursor;

  // While a job on the list is queued or running, the same page is read again every 2 seconds
  // (later after failures), in place: no loading state, so the table does not flicker.
  const [refreshError, setRefreshError] = useState<unknown>(null);
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (!data || !current || list.loading || !hasUnfinished(data)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(
      async () => {
        try {
          const page = await listJobs(kind, cursor, controller.signal);
          if (controller.signal.aborted) return;
          setRefreshError(null);
          setFailures(0);
          list.setData({ ...page, kind, cursor });
        } catch (e) {
          if (controller.signal.aborted || isAbort(e)) return;
          setRefreshError(e);
          setFailures((n) => n + 1);
        }
      },
      kRefreshMs * Math.min(2 ** failures, 8),
    );
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [data, current, list.loading, failures]);

  // The job to cancel, once its Cancel was pressed.
  const [cancelling, setCancelling] = useState<Job | null>(null);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<unknown>(null);

  function patch(job: Job) {
    if (!list.data) return;
    list.setData({
      ...list.data,
      items: list.data.items.map((j) => (j.id === job.id ? job : j)),
    });
  }

  async function cancel(job: Job) {
    setCancelBusy(true);
    setCancelError(null);
    try {
      const { data: cancelled } = await api.post<Job>(`/api/admin/jobs/${seg(job.id)}/cancel`);
      patch(cancelled);
      setCancelling(null);
      notify(
        cancelled.state === 'cancelled'
          ? `The ${kindLabel(job.kind).toLowerCase()} was cancelled.`
          : `The ${kindLabel(job.kind).toLowerCase()} stops once the part it is working on is done.`,
      );
    } catch (e) {
      const problem = asApiError(e);
      if (problem.code === 'job_finished') {
        // Finished meanwhile: the list says how.
        setCancelling(null);
        list.reload();
      } else {
        setCancelError(problem);
      }
    } finally {
      setCancelBusy(false);
    }
  }

  function cancelDenial(job: Job): string {
    const permission = kCancelPermissions[job.kind];
    if (!permission || can(permission)) return '';
    return `Your role may not cancel a ${kindLabel(job.kind).toLowerCase()}.`;
  }

  const items = data?.items ?? [];
  return (
    <section class="jobs-page">
      <PageHeader title="Jobs" />
      <p class="muted">
        The work that runs in the background: library rebuilds, spam scans, cleanups, exports,
        imports and bulk changes. A job keeps running when you leave this page.
      </p>
      <form class="filters filters--always" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Kind</span>
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">All kinds</option>
            {Object.entries(kKindLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>

      <ErrorBanner error={list.error} onRetry={list.reload} />
      <ErrorBanner
        title="The list cannot be refreshed right now:"
        error={refreshError}
        onRetry={() => {
          setRefreshError(null);
          setFailures(0);
          list.reload();
        }}
      />
      <div
        class="results jobs-results"
        aria-busy={list.loading || !current}
        data-loaded={current && !list.loading ? kind || 'all' : undefined}
      >
        {!data && list.loading && <Loading />}
        {data && items.length === 0 && !list.loading && <p class="empty">No jobs yet.</p>}
        {items.length > 0 && (
          <div class="table-wrap">
            <table class="table table--cards jobs-table" aria-label="Jobs">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">State</th>
                  <th scope="col">Progress</th>
                  <th scope="col">Started by</th>
                  <th scope="col">Started</th>
                  <th scope="col">Finished</th>
                  <th scope="col">Result</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((j) => (
                  <JobRow
                    key={j.id}
                    job={j}
                    cancelDenial={cancelDenial(j)}
                    onCancel={() => {
                      setCancelError(null);
                      setCancelling(j);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {(stack.length > 1 || !!data?.next_cursor) && (
        <nav class="pager" aria-label="Pages of jobs">
          <button
            type="button"
            class="button"
            disabled={stack.length <= 1 || list.loading}
            onClick={() => setPages({ kind, stack: stack.slice(0, -1) })}
          >
            ← Newer
          </button>
          <button
            type="button"
            class="button"
            disabled={!current || !data?.next_cursor || list.loading}
            onClick={() =>
              data?.next_cursor && setPages({ kind, stack: [...stack, data.next_cursor] })
            }
          >
            Older →
          </button>
        </nav>
      )}

      <ConfirmDialog
        open={cancelling !== null}
        title={`Cancel this ${kindLabel(cancelling?.kind ?? '').toLowerCase()}?`}
        confirmLabel={cancelBusy ? 'Cancelling…' : 'Cancel job'}
        danger
        busy={cancelBusy}
        error={cancelError}
        onConfirm={() => cancelling && void cancel(cancelling)}
        onCancel={() => {
          setCancelling(null);
          setCancelError(null);
        }}
      >
        <p>
          A job waiting to start is cancelled at once. A running one stops once the part it is
          working on is done; the work done before it stopped is kept.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function JobRow(props: { job: Job; cancelDenial: string; onCancel: () => void }) {
  const j = props.job;
  const reasonId = useId();
  const label = kindLabel(j.kind);
  const started = j.started_at ?? j.created_at;
  const finished = isJobFinished(j);
  const summary = summaryText(j);
  const file = downloadOf(j);
  const report = errorReportOf(j);
  const duration = jobDuration(j);
  const cancellable = !finished && !j.cancel_requested;
  return (
    <tr data-job-id={j.id} data-job-kind={j.kind}>
      <td data-label="Kind" class="jobs-table__kind">
        <span title={j.kind}>{label}</span>
      </td>
      <td data-label="State" class="col-status">
        <JobStateBadge job={j} />
      </td>
      <td data-label="Progress" class="jobs-table__progress">
        <JobCounts job={j} label={label} />
      </td>
      <td data-label="Started by" data-testid="job-starter">
        {jobStarter(j)}
      </td>
      <td data-label="Started">
        <time dateTime={started}>{formatDateTime(started)}</time>
      </td>
      <td data-label="Finished">
        {j.finished_at ? (
          <>
            <time dateTime={j.finished_at}>{formatDateTime(j.finished_at)}</time>
            {duration && (
              <span class="muted small jobs-table__duration" data-testid="job-duration">
                took {duration}
              </span>
            )}
          </>
        ) : (
          '—'
        )}
      </td>
      <td data-label="Result" data-testid="job-result">
        <div class="jobs-table__result">
          {j.state === 'failed' && <span class="job-error">{j.error || 'Failed'}</span>}
          {summary && <span>{summary}</span>}
          {file && (
            <a
              class="button button--small"
              href={file.href}
              download=""
              aria-label={file.name ? `Download ${file.name}` : undefined}
            >
              Download
            </a>
          )}
          {report && (
            <a
              class="button button--small"
              href={report}
              download=""
              aria-label="Download the error report (CSV)"
            >
              Error report
            </a>
          )}
          {j.state !== 'failed' && !summary && !file && !report && <span class="muted">—</span>}
        </div>
      </td>
      <td class="row-actions">
        {cancellable && (
          <>
            <button
              type="button"
              class="button button--small"
              disabled={!!props.cancelDenial}
              title={props.cancelDenial || undefined}
              aria-describedby={props.cancelDenial ? reasonId : undefined}
              onClick={props.onCancel}
            >
              Cancel
            </button>
            {props.cancelDenial && (
              <span id={reasonId} class="visually-hidden">
                {props.cancelDenial}
              </span>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

// Done of total; while the job runs, a bar too (striped while the total is not known).
function JobCounts({ job, label }: { job: Job; label: string }) {
  const counts =
    job.total > 0
      ? `${formatNumber(job.done)} of ${formatNumber(job.total)}`
      : formatNumber(job.done);
  if (isJobFinished(job)) return <span data-testid="job-counts">{counts}</span>;
  const percent = jobPercent(job);
  return (
    <div class="jobs-table__bar">
      <div
        class={`job-progress__bar${percent === null ? ' job-progress__bar--unknown' : ''}`}
        role="progressbar"
        aria-label={`Progress of the ${label.toLowerCase()}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? counts : `${percent}% · ${counts}`}
      >
        <span class="job-progress__fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <span class="small" data-testid="job-counts">
        {counts}
        {percent !== null && ` · ${percent}%`}
      </span>
    </div>
  );
}
