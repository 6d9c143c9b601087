// Audit & cleanup, store-wide (GET/POST /api/admin/cleanup/…): the activity of the accounts and
// the spam scan (cleanup-activity.tsx); the review of unused or suspected spam accounts, chosen
// row by row or all at once across pages, deleted by a cleanup job once their number is typed,
// with its live progress, result and deletion report, and the recent cleanups (here); the
// networks behind the spam and the disposable e-mail domains (cleanup-spam.tsx). Each control
// shows only for those allowed to use it; the server decides anyway.
import { useId, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import {
  isJobFinished,
  JobProgress,
  JobStateBadge,
  jobStarter,
  recentJobs,
  runningJobOf,
} from '../components/job-progress';
import {
  ConfirmDialog,
  ErrorBanner,
  Field,
  FormErrors,
  Link,
  Loading,
  PageHeader,
  Pager,
  StatusBadge,
} from '../components/ui';
import { formatDate, formatDateTime, formatNumber, plural } from '../format';
import { type Resource, useDebounced, useResource } from '../hooks';
import { useApp } from '../session';
import type {
  CleanupCandidate,
  CleanupCandidatePage,
  CleanupKeptReason,
  CleanupResult,
  CleanupScope,
  Job,
  Page,
  SpamSignal,
} from '../types';
import { ActivitySection } from './cleanup-activity';
import { DomainsSection, OffendersSection } from './cleanup-spam';
import './cleanup.css';

const kCleanupKind = 'cleanup';
const kPageSize = 50;
const kRecentCleanups = 10;
const kMaxDays = 36500;

const kSignalLabels: Record<string, string> = {
  url_in_name: 'Web address in the name',
  random_name: 'Random-looking name',
  same_first_last: 'First name equals last name',
  disposable_email: 'Disposable e-mail domain',
  ip_burst: 'Burst of registrations from one network',
  never_verified: 'Never verified',
  no_activity: 'No activity',
};

export function signalLabel(code: string): string {
  return kSignalLabels[code] ?? code.replace(/_/g, ' ');
}

const kScopeLabels: Record<CleanupScope, string> = {
  unused: 'All unused',
  spam: 'Suspected spam only',
};

const kKeptLabels: Record<CleanupKeptReason, string> = {
  has_orders: 'with orders',
  has_money: 'with money (payments or store credit)',
  now_active: 'active again',
  gone: 'gone already',
};

// The report of a cleanup job (CSV, a download).
export function cleanupReportPath(jobId: string): string {
  return `/api/admin/cleanup/reports/${seg(jobId)}`;
}

function cleanupResultOf(job: Job): Partial<CleanupResult> {
  return job.result as Partial<CleanupResult>;
}

// "Deleted 2 accounts. Kept 1: 1 with orders."
function cleanupResultText(job: Job): string {
  const r = cleanupResultOf(job);
  if (typeof r.deleted !== 'number') return '';
  const kept = Object.entries(r.kept ?? {}).filter(([, n]) => typeof n === 'number' && n > 0) as [
    CleanupKeptReason,
    number,
  ][];
  const total = kept.reduce((sum, [, n]) => sum + n, 0);
  let text = `Deleted ${plural(r.deleted, 'account')}.`;
  if (total > 0) {
    const why = kept.map(([reason, n]) => `${formatNumber(n)} ${kKeptLabels[reason] ?? reason}`);
    text += ` Kept ${formatNumber(total)}: ${why.join(', ')}.`;
  }
  return text;
}

// "Suspected spam only, older than 30 days", from a cleanup job's parameters.
function reviewText(job: Job): string {
  const scope = job.params?.scope;
  const days = job.params?.older_than_days;
  const what = scope === 'unused' || scope === 'spam' ? kScopeLabels[scope] : '—';
  return typeof days === 'number' ? `${what}, older than ${plural(days, 'day')}` : what;
}

export function CleanupPage() {
  // Read again after a scan, a cleanup or a new threshold: the counts, candidates and networks.
  const [epoch, setEpoch] = useState(0);
  const bump = () => setEpoch((n) => n + 1);
  return (
    <section class="cleanup">
      <PageHeader title="Audit & cleanup" />
      <p class="muted">
        How many of the store's accounts are in use, which look like spam, and a cleanup of those
        nobody uses. Accounts with orders or money (payments or store credit) are never deleted.
      </p>
      <ActivitySection epoch={epoch} onChanged={bump} />
      <ReviewSection epoch={epoch} onChanged={bump} />
      <OffendersSection epoch={epoch} />
      <DomainsSection />
    </section>
  );
}

// Every candidate of the review but `except`, or the candidates among `ids`.
type Selection = { all: false; ids: Set<string> } | { all: true; except: Set<string> };

const kNothing: Selection = { all: false, ids: new Set() };

function isChosen(s: Selection, id: string): boolean {
  return s.all ? !s.except.has(id) : s.ids.has(id);
}

function chosenCount(s: Selection, matching: number): number {
  return s.all ? Math.max(0, matching - s.except.size) : s.ids.size;
}

function toggled(s: Selection, id: string): Selection {
  const set = new Set(s.all ? s.except : s.ids);
  if (set.has(id)) set.delete(id);
  else set.add(id);
  return s.all ? { all: true, except: set } : { all: false, ids: set };
}

// "" (no limit) or a whole number of days from 1 to 36500; undefined when it is neither.
function parseDays(text: string): number | null | undefined {
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= kMaxDays ? n : undefined;
}

function displayName(c: CleanupCandidate): string {
  return c.full_name.trim() || c.email || c.id;
}

function ReviewSection(props: { epoch: number; onChanged: () => void }) {
  const { can, notify } = useApp();
  const canErase = can('erase_customers');
  const [scope, setScope] = useState<CleanupScope>('spam');
  const [days, setDays] = useState('');
  const settledDays = useDebounced(days.trim(), 300);
  const olderThan = parseDays(settledDays);
  const daysError =
    parseDays(days.trim()) === undefined
      ? `Use a whole number of days from 1 to ${formatNumber(kMaxDays)}.`
      : undefined;
  const reviewKey = `${scope}|${olderThan ?? ''}`;

  // The cursors of the pages read, per review.
  const [pages, setPages] = useState({ key: reviewKey, stack: [''] });
  const stack = pages.key === reviewKey ? pages.stack : [''];
  const cursor = stack[stack.length - 1];
  // The accounts chosen, per review.
  const [chosen, setChosen] = useState({ key: reviewKey, selection: kNothing });
  const selection = chosen.key === reviewKey ? chosen.selection : kNothing;
  const select = (s: Selection) => setChosen({ key: reviewKey, selection: s });

  const list = useResource(
    async (signal) => {
      if (olderThan === undefined) return null;
      const { data } = await api.get<CleanupCandidatePage>('/api/admin/cleanup/candidates', {
        signal,
        query: { scope, older_than_days: olderThan ?? undefined, limit: kPageSize, cursor },
      });
      return { ...data, key: reviewKey };
    },
    [reviewKey, cursor, props.epoch],
  );
  const recent = useResource(
    (signal) => recentJobs(kCleanupKind, kRecentCleanups, signal),
    [props.epoch],
  );

  const data = list.data && list.data.key === reviewKey ? list.data : null;
  const items = data?.items ?? [];
  const matching = data?.matching ?? 0;
  const count = chosenCount(selection, matching);

  // The cleanup whose progress is shown: the one started here or found running.
  const [current, setCurrent] = useState<Job | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');
  const running = recent.data?.items.find((j) => !isJobFinished(j)) ?? null;
  const shown = current ?? running;
  const active = shown !== null && !isJobFinished(shown);

  function patchRecent(job: Job) {
    if (!recent.data) return;
    const known = recent.data.items.some((j) => j.id === job.id);
    recent.setData({
      ...recent.data,
      items: known
        ? recent.data.items.map((j) => (j.id === job.id ? job : j))
        : [job, ...recent.data.items],
    });
  }

  function started(job: Job, message: string) {
    setConfirming(false);
    setCurrent(job);
    patchRecent(job);
    setNotice('');
    notify(message);
  }

  const body = {
    scope,
    ...(olderThan ? { older_than_days: olderThan } : {}),
    ...(selection.all ? { all: true, except: [...selection.except] } : { ids: [...selection.ids] }),
  };

  return (
    <section class="card cleanup-section" aria-labelledby="cleanup-review-heading">
      <h2 id="cleanup-review-heading">Cleanup review</h2>
      <p class="muted small">
        The accounts a cleanup would delete. Accounts with orders or money are never listed, and an
        account that gets some before its turn is kept.
      </p>
      <div class="cleanup-review__filters">
        <fieldset class="choice-group cleanup-review__scope">
          <legend class="choice-group__legend">Review</legend>
          {(Object.keys(kScopeLabels) as CleanupScope[]).map((s) => (
            <div class="radio" key={s}>
              <input
                type="radio"
                id={`cleanup-scope-${s}`}
                name="cleanup_scope"
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
              />
              <label for={`cleanup-scope-${s}`}>{kScopeLabels[s]}</label>
            </div>
          ))}
        </fieldset>
        <Field
          label="Registered more than … days ago (optional)"
          hint="Empty: whenever they registered."
          error={daysError}
          class="cleanup-review__days"
        >
          {(a) => (
            <input
              {...a}
              name="older_than_days"
              inputMode="numeric"
              autoComplete="off"
              class="input--short"
              value={days}
              onInput={(e) => setDays(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>

      <ErrorBanner error={list.error} onRetry={list.reload} />
      <div
        class="results cleanup-review__results"
        aria-busy={list.loading}
        data-loaded={data && !list.loading ? reviewKey : undefined}
      >
        {!data && list.loading && <Loading />}
        {data && (
          <p class="summary" aria-live="polite" data-testid="review-summary">
            {matching === 0
              ? 'No accounts match this review'
              : `${plural(matching, 'account')} ${matching === 1 ? 'matches' : 'match'}`}
            {canErase && matching > 0 && ` · ${formatNumber(count)} chosen`}
          </p>
        )}
        {data && canErase && matching > 0 && (
          <div class="bulkbar cleanup-review__bar">
            <div class="cleanup-review__select" role="group" aria-label="Choose">
              <span class="muted">Choose:</span>
              <button
                type="button"
                class="button button--small"
                aria-label={`All ${plural(matching, 'account')}`}
                onClick={() => select({ all: true, except: new Set() })}
              >
                All
              </button>
              <button type="button" class="button button--small" onClick={() => select(kNothing)}>
                None
              </button>
              <button
                type="button"
                class="button button--small"
                onClick={() => select({ all: false, ids: new Set(items.map((c) => c.id)) })}
              >
                This page
              </button>
            </div>
            <button
              type="button"
              class="button button--danger"
              disabled={count === 0 || active}
              title={active ? 'A cleanup is running; wait for it to finish or cancel it.' : ''}
              onClick={() => setConfirming(true)}
            >
              Delete {plural(count, 'account')}…
            </button>
          </div>
        )}
        {data && items.length === 0 && !list.loading && (
          <p class="empty">
            {scope === 'spam'
              ? 'No suspected spam accounts: the last scan found none at the threshold, or no scan has run.'
              : 'Every account of this review is in use.'}
          </p>
        )}
        {items.length > 0 && (
          <div class="table-wrap">
            <table class="table table--cards cleanup-table" aria-label="Accounts to review">
              <thead>
                <tr>
                  {canErase && (
                    <th class="col-select">
                      <span class="visually-hidden">Chosen</span>
                    </th>
                  )}
                  <th>Name</th>
                  <th>E-mail</th>
                  <th>Registered</th>
                  <th>IP</th>
                  <th class="num">Score</th>
                  <th>Signals</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <CandidateRow
                    key={c.id}
                    candidate={c}
                    selectable={canErase}
                    chosen={isChosen(selection, c.id)}
                    onToggle={() => select(toggled(selection, c.id))}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <Pager
        label="Pages of accounts to review"
        busy={list.loading}
        hasPrevious={stack.length > 1}
        hasNext={!!data?.next_cursor}
        onPrevious={() => setPages({ key: reviewKey, stack: stack.slice(0, -1) })}
        onNext={() =>
          data?.next_cursor && setPages({ key: reviewKey, stack: [...stack, data.next_cursor] })
        }
      />

      {notice && (
        <p class="banner banner--info" role="status">
          <span>{notice}</span>
        </p>
      )}
      {shown && (
        <JobProgress
          key={shown.id}
          job={shown}
          title={isJobFinished(shown) ? 'Last cleanup' : 'Deleting accounts'}
          unit="accounts"
          canCancel={canErase}
          onChange={patchRecent}
          onFinished={(job) => {
            setCurrent(job);
            patchRecent(job);
            select(kNothing);
            setPages({ key: reviewKey, stack: [''] });
            props.onChanged();
          }}
          result={(job) => <CleanupOutcome job={job} canDownload={canErase} />}
        />
      )}
      {confirming && (
        <DeleteDialog
          count={count}
          body={body}
          onCancel={() => setConfirming(false)}
          onStale={list.reload}
          onStarted={(job) => started(job, 'The cleanup has started.')}
          onRunning={async () => {
            const other = await runningJobOf(kCleanupKind);
            setConfirming(false);
            if (other) {
              setCurrent(other);
              patchRecent(other);
            }
            setNotice('A cleanup is running already; its progress is shown instead of a new one.');
          }}
        />
      )}

      <RecentCleanups jobs={recent} canDownload={canErase} />
    </section>
  );
}

function CandidateRow(props: {
  candidate: CleanupCandidate;
  selectable: boolean;
  chosen: boolean;
  onToggle: () => void;
}) {
  const c = props.candidate;
  const name = displayName(c);
  return (
    <tr data-customer-id={c.id} class={props.chosen ? 'is-selected' : undefined}>
      {props.selectable && (
        <td class="col-select">
          <input
            type="checkbox"
            aria-label={`Choose ${name}`}
            checked={props.chosen}
            onChange={props.onToggle}
          />
        </td>
      )}
      <td class="col-name" data-label="Name">
        <Link to={`/customers/${seg(c.id)}`}>{name}</Link>
        {c.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
        {c.status !== 'active' && <StatusBadge status={c.status} />}
      </td>
      <td class="col-email" data-label="E-mail">
        {c.email || <span class="muted">—</span>}
      </td>
      <td class="col-registered" data-label="Registered">
        <time dateTime={c.registered_at} title={formatDateTime(c.registered_at)}>
          {formatDate(c.registered_at)}
        </time>
      </td>
      <td class="cleanup-table__ip" data-label="IP">
        {c.registration_ip ? <code>{c.registration_ip}</code> : <span class="muted">—</span>}
      </td>
      <td class="num" data-label="Score" data-testid="score">
        {formatNumber(c.spam_score)}
      </td>
      <td data-label="Signals">
        <Signals signals={c.signals} />
      </td>
    </tr>
  );
}

function Signals({ signals }: { signals: SpamSignal[] }) {
  if (!signals.length) return <span class="muted">—</span>;
  return (
    <ul class="cleanup-signals" aria-label="Signals">
      {signals.map((s) => (
        <li key={s.code} data-signal={s.code}>
          <span class="cleanup-signals__label">{signalLabel(s.code)}</span>{' '}
          <span class="muted small cleanup-signals__points">+{s.points}</span>
          {s.detail && (
            <span class="muted small cleanup-signals__detail" data-testid="signal-detail">
              {s.detail}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

// Asks for the number of accounts to be typed before the cleanup starts. The server counts the
// chosen accounts again; when the count changed (count_mismatch), its message says the new number,
// which the answer carries only in words, so from then on the typed number is left for the server
// to check.
function DeleteDialog(props: {
  count: number;
  body: Record<string, unknown>;
  onCancel: () => void;
  onStale: () => void;
  onStarted: (job: Job) => void;
  onRunning: () => Promise<void>;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const inputId = useId();
  const n = props.count;
  const typedNumber = /^\d+$/.test(typed.trim()) ? Number(typed.trim()) : NaN;
  const ready = typedNumber === n || (mismatch && typedNumber >= 1);

  async function submit() {
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<Job>('/api/admin/cleanup', {
        ...props.body,
        confirm: typedNumber,
      });
      props.onStarted(data);
    } catch (e) {
      const problem = asApiError(e);
      if (problem.code === 'job_running') {
        try {
          await props.onRunning();
        } catch (e2) {
          setError(asApiError(e2));
        }
        return;
      }
      if (problem.errors.some((f) => f.code === 'count_mismatch')) {
        setMismatch(true);
        setTyped('');
        props.onStale();
      }
      setError(problem);
      setTimeout(() => document.getElementById(inputId)?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  const confirmError = error?.field('confirm');
  return (
    <ConfirmDialog
      open
      title={`Delete ${plural(n, 'account')}?`}
      confirmLabel={busy ? 'Starting…' : 'Delete'}
      danger
      busy={busy || !ready}
      onConfirm={submit}
      onCancel={props.onCancel}
    >
      <p>
        <strong>This cannot be undone.</strong> The chosen accounts are deleted for good, as a
        permanent deletion does, and a report lists each one.
      </p>
      <p>
        Accounts with orders or money (payments or store credit) are always kept, also if they got
        some since this list was read.
      </p>
      <FormErrors error={error} fields={['confirm']} />
      <div class={`field${confirmError ? ' field--invalid' : ''}`}>
        <label for={inputId}>
          {mismatch
            ? 'Type the number of accounts chosen now to confirm'
            : `Type ${formatNumber(n)} to confirm`}
        </label>
        <input
          id={inputId}
          name="confirm"
          inputMode="numeric"
          autoComplete="off"
          class="input--short"
          value={typed}
          {...(confirmError
            ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${inputId}-error` }
            : {})}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        {confirmError && (
          <p class="field__error" id={`${inputId}-error`}>
            {confirmError}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}

function CleanupOutcome({ job, canDownload }: { job: Job; canDownload: boolean }) {
  const text = cleanupResultText(job);
  const finished = isJobFinished(job);
  return (
    <>
      {text && (
        <p data-testid="cleanup-result">
          {finished ? '' : 'So far: '}
          {text}
        </p>
      )}
      {finished && canDownload && (
        <p>
          <a
            class="button"
            href={cleanupReportPath(job.id)}
            download=""
            data-testid="cleanup-report"
          >
            Download report
          </a>
        </p>
      )}
    </>
  );
}

function RecentCleanups(props: { jobs: Resource<Page<Job>>; canDownload: boolean }) {
  const { jobs } = props;
  return (
    <>
      <h3 class="cleanup-recent__heading">Recent cleanups</h3>
      <ErrorBanner error={jobs.error} onRetry={jobs.reload} />
      {!jobs.data && !jobs.error && <Loading />}
      {jobs.data && jobs.data.items.length === 0 && <p class="empty">No cleanup has run yet.</p>}
      {jobs.data && jobs.data.items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards cleanup-recent" aria-label="Recent cleanups">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">State</th>
                <th scope="col">Started by</th>
                <th scope="col">Review</th>
                <th scope="col">Result</th>
                {props.canDownload && (
                  <th scope="col">
                    <span class="visually-hidden">Report</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((j) => {
                const at = j.started_at ?? j.created_at;
                return (
                  <tr key={j.id} data-job-id={j.id}>
                    <td data-label="Started">
                      <time dateTime={at}>{formatDateTime(at)}</time>
                    </td>
                    <td data-label="State" class="col-status">
                      <JobStateBadge job={j} />
                    </td>
                    <td data-label="Started by">{jobStarter(j)}</td>
                    <td data-label="Review">{reviewText(j)}</td>
                    <td data-label="Result" data-testid="job-result">
                      {j.state === 'failed' ? (
                        <span class="job-error">{j.error || 'Failed'}</span>
                      ) : (
                        cleanupResultText(j) || '—'
                      )}
                    </td>
                    {props.canDownload && (
                      <td class="row-actions">
                        <a
                          class="button button--small"
                          href={cleanupReportPath(j.id)}
                          download=""
                          aria-label={`Download the report of the cleanup started ${formatDateTime(at)}`}
                        >
                          Report
                        </a>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
