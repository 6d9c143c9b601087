// The activity part of Audit & cleanup (pages/cleanup.tsx): how many accounts are active, unused
// or suspected spam, a ring of the split and bars of the registrations over time (drawn here in
// SVG, with the numbers in words and a table for screen readers), the interval switch, the last
// spam scan with "Scan now" and its live progress, and the spam threshold (a setting).
import { useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import {
  isJobFinished,
  JobProgress,
  JobStateBadge,
  jobStarter,
  runningJobOf,
} from '../components/job-progress';
import { ErrorBanner, Field, focusFirstInvalid, Loading } from '../components/ui';
import { formatDateTime, formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type {
  CleanupInterval,
  CleanupMetrics,
  Job,
  RegistrationBucket,
  Settings,
  SpamScanResult,
} from '../types';

const kScanKind = 'spam_scan';

const kIntervals: Array<[CleanupInterval, string]> = [
  ['day', 'Day'],
  ['week', 'Week'],
  ['month', 'Month'],
];

const percents = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

// 6.3 → "6.3%", 100 → "100%".
function percentText(p: number): string {
  return `${percents.format(p)}%`;
}

// Buckets are named by their first day, a calendar date of the store's zone: read as a UTC
// midnight and written in UTC, the date stays the same whatever the browser's zone.
const kBucketFormats: Record<CleanupInterval, Intl.DateTimeFormat> = {
  day: new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' }),
  week: new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', day: 'numeric' }),
  month: new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', year: 'numeric' }),
};

// "Dec 2", "Week of Nov 30", "Dec 2026".
function bucketLabel(date: string, interval: CleanupInterval): string {
  const text = kBucketFormats[interval].format(new Date(`${date}T00:00:00Z`));
  return interval === 'week' ? `Week of ${text}` : text;
}

function scanResultOf(job: Job): Partial<SpamScanResult> {
  return job.result as Partial<SpamScanResult>;
}

// "16 accounts scanned, 13 suspected spam (score 50 or more)", once the scan counted any.
function scanResultText(job: Job): string {
  const r = scanResultOf(job);
  if (typeof r.scanned !== 'number') return '';
  const spam = typeof r.suspected_spam === 'number' ? r.suspected_spam : 0;
  const threshold = typeof r.threshold === 'number' ? ` (score ${r.threshold} or more)` : '';
  return `${plural(r.scanned, 'account')} scanned, ${formatNumber(spam)} suspected spam${threshold}`;
}

export function ActivitySection(props: { epoch: number; onChanged: () => void }) {
  const { can, notify } = useApp();
  const canScan = can('edit_customers');
  const [interval, setChartInterval] = useState<CleanupInterval>('month');
  const metrics = useResource(
    (signal) =>
      api
        .get<CleanupMetrics>('/api/admin/cleanup/metrics', { signal, query: { interval } })
        .then((r) => r.data),
    [interval, props.epoch],
  );
  // The scan whose progress is shown: the one started here or found running.
  const [scan, setScan] = useState<Job | null>(null);
  const [starting, setStarting] = useState(false);
  const [scanError, setScanError] = useState<unknown>(null);
  const m = metrics.data;
  const lastScan = m?.last_scan ?? null;
  const shown = scan ?? (lastScan && !isJobFinished(lastScan) ? lastScan : null);
  const scanning = shown !== null && !isJobFinished(shown);

  async function startScan() {
    setStarting(true);
    setScanError(null);
    try {
      const { data } = await api.post<Job>('/api/admin/cleanup/scan');
      setScan(data);
      notify('The spam scan has started.');
    } catch (e) {
      const problem = asApiError(e);
      if (problem.code !== 'job_running') {
        setScanError(problem);
        return;
      }
      // Someone started one meanwhile: its progress instead.
      try {
        const other = await runningJobOf(kScanKind);
        if (other) setScan(other);
        notify('A scan is running already; its progress is shown.');
      } catch (e2) {
        setScanError(e2);
      }
    } finally {
      setStarting(false);
    }
  }

  return (
    <section class="card cleanup-section" aria-labelledby="cleanup-activity-heading">
      <div class="card__header">
        <h2 id="cleanup-activity-heading">Activity</h2>
        <div class="segmented cleanup-interval" role="group" aria-label="Registrations by">
          {kIntervals.map(([value, label]) => (
            <button
              key={value}
              type="button"
              class="button button--small"
              aria-pressed={interval === value}
              onClick={() => setChartInterval(value)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <ErrorBanner error={metrics.error} onRetry={metrics.reload} />
      {!m && !metrics.error && <Loading />}
      {m && (
        <div aria-busy={metrics.loading} data-loaded={metrics.loading ? undefined : m.interval}>
          <MetricCards metrics={m} />
          <div class="cleanup-charts">
            <SplitChart metrics={m} />
            <RegistrationsChart
              buckets={m.registrations}
              interval={m.interval}
              timeZone={m.time_zone}
            />
          </div>
        </div>
      )}

      <div class="cleanup-scan">
        <p class="cleanup-scan__last" data-testid="last-scan">
          <LastScan job={lastScan} />
        </p>
        {canScan && (
          <button
            type="button"
            class="button button--primary"
            disabled={starting || scanning || !m}
            title={scanning ? 'A scan is running; wait for it to finish or cancel it.' : ''}
            onClick={startScan}
          >
            {starting ? 'Starting…' : 'Scan now'}
          </button>
        )}
      </div>
      <ErrorBanner title="The scan did not start:" error={scanError} />
      {shown && (
        <JobProgress
          key={shown.id}
          job={shown}
          title={isJobFinished(shown) ? 'Last scan' : 'Scanning for spam'}
          unit="accounts"
          canCancel={canScan}
          onFinished={(job) => {
            setScan(job);
            props.onChanged();
          }}
          result={(job) => {
            const text = scanResultText(job);
            if (!text) return null;
            return (
              <p data-testid="scan-result">
                {isJobFinished(job) ? '' : 'So far: '}
                {text}
              </p>
            );
          }}
        />
      )}
      {m && (
        <ThresholdForm
          key={m.spam_threshold}
          threshold={m.spam_threshold}
          onSaved={props.onChanged}
        />
      )}
    </section>
  );
}

function LastScan({ job }: { job: Job | null }) {
  if (!job) {
    return <>Never scanned. Suspected spam is counted once a scan has run.</>;
  }
  if (!isJobFinished(job)) {
    return <>A scan is running.</>;
  }
  const at = job.finished_at ?? job.created_at;
  const text = scanResultText(job);
  return (
    <>
      Last scanned <time dateTime={at}>{formatDateTime(at)}</time> by {jobStarter(job)}
      {job.state === 'succeeded' ? (text ? ` · ${text}` : '') : ' · '}
      {job.state !== 'succeeded' && <JobStateBadge job={job} />}
    </>
  );
}

function MetricCards({ metrics: m }: { metrics: CleanupMetrics }) {
  const scanned = m.last_scan !== null;
  const cards: Array<{ key: string; label: string; count: number; extra: string }> = [
    { key: 'total', label: 'Accounts', count: m.total, extra: 'in the store' },
    {
      key: 'active',
      label: 'Active',
      count: m.active,
      extra: percentText(m.percent.active),
    },
    {
      key: 'unused',
      label: 'Unused',
      count: m.unused,
      extra: percentText(m.percent.unused),
    },
    {
      key: 'suspected_spam',
      label: 'Suspected spam',
      count: m.suspected_spam,
      extra: scanned ? percentText(m.percent.suspected_spam) : 'no scan yet',
    },
  ];
  const hints: Record<string, string> = {
    total: 'Registered accounts and guest records.',
    active: 'Orders, library or wishlist items, or a sign-in to the customer area.',
    unused: 'None of those.',
    suspected_spam: `A spam score of ${m.spam_threshold} or more in the last scan.`,
  };
  return (
    <dl class="cleanup-metrics">
      {cards.map((c) => (
        <div key={c.key} class={`cleanup-metric cleanup-metric--${c.key}`} data-metric={c.key}>
          <dt>{c.label}</dt>
          <dd class="cleanup-metric__figures">
            <span class="cleanup-metric__count" data-testid="count">
              {formatNumber(c.count)}
            </span>{' '}
            <span class="cleanup-metric__percent" data-testid="percent">
              {c.extra}
            </span>
          </dd>
          <dd class="cleanup-metric__hint muted small">{hints[c.key]}</dd>
        </div>
      ))}
    </dl>
  );
}

// A ring of active against unused accounts (the circumference of r = 15.9155 is 100).
function SplitChart({ metrics: m }: { metrics: CleanupMetrics }) {
  const titleId = useId();
  const active = m.total > 0 ? (m.active * 100) / m.total : 0;
  const summary =
    m.total === 0
      ? 'No accounts yet.'
      : `${plural(m.total, 'account')}: ${formatNumber(m.active)} active (${percentText(
          m.percent.active,
        )}), ${formatNumber(m.unused)} unused (${percentText(m.percent.unused)}).`;
  return (
    <figure class="cleanup-chart cleanup-split">
      <svg viewBox="0 0 42 42" class="cleanup-split__ring" role="img" aria-labelledby={titleId}>
        <title id={titleId}>Active and unused accounts. {summary}</title>
        <circle class="cleanup-split__unused" cx="21" cy="21" r="15.9155" />
        {active > 0 && (
          <circle
            class="cleanup-split__active"
            cx="21"
            cy="21"
            r="15.9155"
            stroke-dasharray={`${active} ${100 - active}`}
            stroke-dashoffset="25"
          />
        )}
        <text x="21" y="23" text-anchor="middle" font-size="7" class="cleanup-split__label">
          {percentText(m.percent.active)}
        </text>
      </svg>
      <figcaption>
        <span class="cleanup-chart__title">Active and unused</span>
        <ul class="cleanup-legend">
          <li>
            <span
              class="cleanup-legend__swatch cleanup-legend__swatch--active"
              aria-hidden="true"
            />
            Active {formatNumber(m.active)}
          </li>
          <li>
            <span
              class="cleanup-legend__swatch cleanup-legend__swatch--unused"
              aria-hidden="true"
            />
            Unused {formatNumber(m.unused)}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

// Bars of registrations per bucket, the suspected spam part at the bottom of each. The bars are
// drawn in a stretched box; the labels are HTML, so they keep their size on a phone. The numbers
// are in a table for screen readers.
function RegistrationsChart(props: {
  buckets: RegistrationBucket[];
  interval: CleanupInterval;
  timeZone: string;
}) {
  const { buckets, interval, timeZone } = props;
  const titleId = useId();
  const max = Math.max(1, ...buckets.map((b) => b.registrations));
  const total = buckets.reduce((sum, b) => sum + b.registrations, 0);
  const spam = buckets.reduce((sum, b) => sum + b.suspected_spam, 0);
  const width = buckets.length * 10;
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const middle = buckets[Math.floor(buckets.length / 2)];
  const by = kIntervals.find(([k]) => k === interval)?.[1].toLowerCase() ?? interval;
  const range =
    first && last
      ? `${bucketLabel(first.date, interval)} to ${bucketLabel(last.date, interval)}`
      : '';
  const caption = `Registrations by ${by}`;
  return (
    <figure class="cleanup-chart cleanup-bars">
      <figcaption class="cleanup-chart__title">
        {caption}
        <span class="muted small">
          {' '}
          · {range} · days in {timeZone}
        </span>
      </figcaption>
      <div class="cleanup-bars__plot">
        <span class="cleanup-bars__max muted small" aria-hidden="true">
          {formatNumber(max)}
        </span>
        <svg
          viewBox={`0 0 ${Math.max(width, 10)} 100`}
          preserveAspectRatio="none"
          class="cleanup-bars__svg"
          role="img"
          aria-labelledby={titleId}
        >
          <title id={titleId}>
            {caption}, {range}: {plural(total, 'registration')}, {formatNumber(spam)} suspected
            spam.
          </title>
          {buckets.map((b, i) => {
            const h = (b.registrations * 100) / max;
            const s = (Math.min(b.suspected_spam, b.registrations) * 100) / max;
            return (
              <g key={b.date}>
                <title>
                  {bucketLabel(b.date, interval)}: {plural(b.registrations, 'registration')},{' '}
                  {formatNumber(b.suspected_spam)} suspected spam
                </title>
                {/* A full-height hit area, so a thin bar still shows its title on hover. */}
                <rect x={i * 10} y={0} width={10} height={100} class="cleanup-bars__hit" />
                {h > 0 && (
                  <rect x={i * 10 + 1} y={100 - h} width={8} height={h} class="cleanup-bars__bar" />
                )}
                {s > 0 && (
                  <rect
                    x={i * 10 + 1}
                    y={100 - s}
                    width={8}
                    height={s}
                    class="cleanup-bars__spam"
                  />
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <div class="cleanup-bars__axis muted small" aria-hidden="true">
        <span>{first ? bucketLabel(first.date, interval) : ''}</span>
        <span>{middle && buckets.length > 2 ? bucketLabel(middle.date, interval) : ''}</span>
        <span>{last ? bucketLabel(last.date, interval) : ''}</span>
      </div>
      <ul class="cleanup-legend" aria-hidden="true">
        <li>
          <span class="cleanup-legend__swatch cleanup-legend__swatch--bar" />
          Other registrations
        </li>
        <li>
          <span class="cleanup-legend__swatch cleanup-legend__swatch--spam" />
          Suspected spam
        </li>
      </ul>
      <table class="visually-hidden" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">{kIntervals.find(([k]) => k === interval)?.[1] ?? interval}</th>
            <th scope="col">Registrations</th>
            <th scope="col">Suspected spam</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((b) => (
            <tr key={b.date} data-date={b.date}>
              <th scope="row">{bucketLabel(b.date, interval)}</th>
              <td>{formatNumber(b.registrations)}</td>
              <td>{formatNumber(b.suspected_spam)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

// The spam threshold (a setting): editable with manage_settings, shown to everyone else.
function ThresholdForm(props: { threshold: number; onSaved: () => void }) {
  const { can, notify, settings, setSettings } = useApp();
  const editable = can('manage_settings');
  const [draft, setDraft] = useState(String(props.threshold));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  if (!editable) {
    return (
      <p class="cleanup-threshold muted" data-testid="spam-threshold">
        Spam threshold: {props.threshold}. Accounts scoring {props.threshold} or more count as
        suspected spam.
      </p>
    );
  }

  async function save() {
    const text = draft.trim();
    if (!/^\d+$/.test(text)) {
      const message = 'Type a whole number from 1 to 100.';
      setError(
        new ApiError({
          status: 422,
          code: 'validation_failed',
          detail: message,
          errors: [{ field: 'spam_threshold', code: 'invalid_type', message }],
        }),
      );
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.patch<Settings>('/api/admin/settings', {
        spam_threshold: Number(text),
      });
      setSettings({ ...settings, ...data });
      notify(`The spam threshold is ${data?.spam_threshold ?? Number(text)}.`);
      props.onSaved();
    } catch (e) {
      setError(asApiError(e));
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = error?.field('spam_threshold');
  return (
    <form
      ref={formRef}
      class="cleanup-threshold"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {error && !fieldError && <ErrorBanner error={error} />}
      <Field
        label="Spam threshold"
        hint="Accounts scoring this or more (1 to 100) count as suspected spam. A change applies at once, without a scan."
        error={fieldError}
      >
        {(a) => (
          <div class="cleanup-form-row">
            <input
              {...a}
              name="spam_threshold"
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              class="input--short"
              value={draft}
              onInput={(e) => {
                setDraft(e.currentTarget.value);
                if (error) setError(null);
              }}
            />
            <button
              type="submit"
              class="button"
              disabled={busy || draft.trim() === String(props.threshold)}
            >
              {busy ? 'Saving…' : 'Save threshold'}
            </button>
          </div>
        )}
      </Field>
    </form>
  );
}
