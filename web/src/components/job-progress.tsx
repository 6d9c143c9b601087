// A background job's live progress (GET /api/admin/jobs/{id}, polled until the job finishes): its
// state, done of total with a bar and a percentage, when and by whom it was started, what it
// found once finished (the caller words the result of its kind), its error, and Cancel while it
// may still stop. Library rebuilds, exports, imports, cleanups and bulk changes use it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import { formatDateTime, formatNumber } from '../format';
import type { Job, JobState, Page } from '../types';
import { ErrorBanner } from './ui';
import './job-progress.css';

export const kJobStateLabels: Record<JobState, string> = {
  queued: 'Waiting to start',
  running: 'Running',
  succeeded: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function isJobFinished(job: Pick<Job, 'state'>): boolean {
  return job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled';
}

// The state in words; "Cancelling" once a cancel was asked for and the job has not stopped yet.
export function jobStateLabel(job: Pick<Job, 'state' | 'cancel_requested'>): string {
  if (job.cancel_requested && !isJobFinished(job)) return 'Cancelling';
  return kJobStateLabels[job.state] ?? job.state;
}

export function JobStateBadge({ job }: { job: Pick<Job, 'state' | 'cancel_requested'> }) {
  const cancelling = job.cancel_requested && !isJobFinished(job);
  return (
    <span
      class={`badge badge--job badge--job-${cancelling ? 'cancelling' : job.state}`}
      data-job-state={job.state}
    >
      {jobStateLabel(job)}
    </span>
  );
}

// Whole percent done, or null while the total is not known (a job that counts as it goes).
export function jobPercent(job: Pick<Job, 'state' | 'done' | 'total'>): number | null {
  if (job.state === 'succeeded') return 100;
  if (job.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((job.done * 100) / job.total)));
}

// A link from a job's result (a file to download), when it is a path on this server: a result
// can never turn the link into another site or a script.
export function resultLink(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?!\/)/.test(value) ? value : null;
}

// The newest jobs of `kind` (GET /api/admin/jobs), newest first.
export async function recentJobs(
  kind: string,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<Job>> {
  const { data } = await api.get<Page<Job>>('/api/admin/jobs', { signal, query: { kind, limit } });
  return data;
}

// The job of `kind` that runs now (for a start answered job_running), else the newest one.
export async function runningJobOf(kind: string): Promise<Job | undefined> {
  const page = await recentJobs(kind, 5);
  return page.items.find((j) => !isJobFinished(j)) ?? page.items[0];
}

// Who started a job, in words.
export function jobStarter(job: Pick<Job, 'started_by'>): string {
  const by = job.started_by;
  if (!by || by.type === 'system') return 'System';
  if (by.type === 'api_token') return `${by.name || 'An API token'} (API token)`;
  return by.name || by.type.replace(/_/g, ' ');
}

interface JobProgressProps {
  // The job as last known: the answer that started it, or a row of the jobs list.
  job: Job;
  // What the job is, as a heading: "Rebuilding every library".
  title: string;
  // What done and total count, plural: "customers".
  unit?: string;
  // The viewer may cancel jobs of this kind.
  canCancel?: boolean;
  // The result of a finished job (or the part found so far), in the kind's own words.
  result?: (job: Job) => ComponentChildren;
  // Every newer state read, and once when the job has finished.
  onChange?: (job: Job) => void;
  onFinished?: (job: Job) => void;
  // How often to ask, in milliseconds.
  interval?: number;
}

export function JobProgress(props: JobProgressProps) {
  const [job, setJob] = useState<Job>(props.job);
  const [pollError, setPollError] = useState<unknown>(null);
  const [cancelError, setCancelError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const [tick, setTick] = useState(0);
  const callbacks = useRef(props);
  callbacks.current = props;
  const reported = useRef(false);
  const finished = isJobFinished(job);
  const interval = props.interval ?? 700;

  // A newer answer about the job from the caller replaces an older one. (Another job is another
  // component: key it by the job's id.)
  useEffect(() => {
    if (props.job.id === job.id && props.job.updated_at > job.updated_at) setJob(props.job);
  }, [props.job]);

  // Polls while the job runs; a failed read is shown and tried again, a little later each time.
  useEffect(() => {
    if (finished) return;
    const controller = new AbortController();
    let failures = 0;
    let timer = 0;
    const poll = async () => {
      try {
        const { data } = await api.get<Job>(`/api/admin/jobs/${seg(job.id)}`, {
          signal: controller.signal,
        });
        if (controller.signal.aborted) return;
        failures = 0;
        setPollError(null);
        setJob(data);
        callbacks.current.onChange?.(data);
        if (isJobFinished(data)) return;
      } catch (e) {
        if (controller.signal.aborted) return;
        failures += 1;
        setPollError(e);
        if (e instanceof ApiError && e.status === 404) return; // gone: nothing more to ask
      }
      timer = window.setTimeout(poll, interval * Math.min(2 ** failures, 16));
    };
    timer = window.setTimeout(poll, interval);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [job.id, finished, tick, interval]);

  useEffect(() => {
    if (finished && !reported.current) {
      reported.current = true;
      callbacks.current.onFinished?.(job);
    }
  }, [finished, job]);

  async function cancel() {
    setCancelling(true);
    setCancelError(null);
    try {
      const { data } = await api.post<Job>(`/api/admin/jobs/${seg(job.id)}/cancel`);
      setJob(data);
      callbacks.current.onChange?.(data);
    } catch (e) {
      // Finished meanwhile: the next read shows how.
      if (e instanceof ApiError && e.code === 'job_finished') setTick((t) => t + 1);
      else setCancelError(e);
    } finally {
      setCancelling(false);
    }
  }

  const percent = jobPercent(job);
  const unit = props.unit ? ` ${props.unit}` : '';
  const counts =
    job.total > 0
      ? `${formatNumber(job.done)} of ${formatNumber(job.total)}${unit}`
      : `${formatNumber(job.done)}${unit}`;
  const cancellable = props.canCancel && !finished && !job.cancel_requested;
  const headingId = `job-${job.id}-title`;
  return (
    <section
      class={`card job-progress job-progress--${job.state}`}
      aria-labelledby={headingId}
      data-job-id={job.id}
      data-job-state={job.state}
    >
      <div class="job-progress__head">
        <h2 id={headingId}>{props.title}</h2>
        <JobStateBadge job={job} />
      </div>
      <div
        class={`job-progress__bar${percent === null ? ' job-progress__bar--unknown' : ''}`}
        role="progressbar"
        aria-labelledby={headingId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? counts : `${percent}% · ${counts}`}
      >
        <span class="job-progress__fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <p class="job-progress__counts">
        <span data-testid="job-counts">{counts}</span>
        {percent !== null && (
          <>
            {' · '}
            <strong data-testid="job-percent">{percent}%</strong>
          </>
        )}
      </p>
      {/* The state changes are announced; the counts, which change with every read, are not. */}
      <p class="visually-hidden" role="status">
        {props.title}: {jobStateLabel(job)}
      </p>
      <p class="muted small job-progress__meta">
        {job.started_at ? (
          <>
            Started <time dateTime={job.started_at}>{formatDateTime(job.started_at)}</time>
          </>
        ) : (
          <>
            Asked for <time dateTime={job.created_at}>{formatDateTime(job.created_at)}</time>
          </>
        )}{' '}
        by {jobStarter(job)}
        {job.finished_at && (
          <>
            {' · finished '}
            <time dateTime={job.finished_at}>{formatDateTime(job.finished_at)}</time>
          </>
        )}
        {job.resumed && ' · resumed after a server restart'}
      </p>
      {job.cancel_requested && !finished && (
        <p class="job-progress__note">
          Cancelling: the job stops once the part it is working on is done.
        </p>
      )}
      {job.state === 'cancelled' && (
        <p class="job-progress__note">Cancelled. The work done before it stopped is kept.</p>
      )}
      {job.state === 'failed' && (
        <div class="banner banner--error" role="alert">
          <div>
            <strong>The job failed: </strong>
            {job.error || 'no reason was given.'}
          </div>
        </div>
      )}
      {props.result && <div class="job-progress__result">{props.result(job)}</div>}
      <ErrorBanner
        title="The progress cannot be read right now:"
        error={pollError}
        onRetry={() => {
          setPollError(null);
          setTick((t) => t + 1);
        }}
      />
      <ErrorBanner title="The job was not cancelled:" error={cancelError} />
      {cancellable && (
        <div class="job-progress__actions">
          <button type="button" class="button" disabled={cancelling} onClick={cancel}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
    </section>
  );
}
