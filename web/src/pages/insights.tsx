// Insights (GET /api/admin/insights): customers by activity level and by RFM group (recency,
// frequency, monetary value), registrations and first orders per month, the cohorts of first
// orders and how many of each buy again N months later (a heat-map table and a line of the
// average), and the at-risk customers who spent most. Every chart has its numbers in a table
// beside it; each level and group links to the customer list filtered that way. "Recompute RFM
// scores" starts the rfm_scores job, follows its progress and reads the figures again.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api, asApiError } from '../api';
import { ChartCanvas } from '../components/chart';
import { isJobFinished, JobProgress, recentJobs, runningJobOf } from '../components/job-progress';
import { ErrorBanner, Link, Loading, PageHeader } from '../components/ui';
import { customerName, formatDate, formatDateTime, formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import { formatMoney } from '../money';
import { navigate } from '../router';
import { useApp } from '../session';
import type { Insights, Job } from '../types';
import { enumFilter, kActivityLevels, kRfmGroups } from './filter-language';
import './insights.css';

const kRfmJob = 'rfm_scores';

const kActivityColors: Record<string, string> = {
  new: '#1f4fd1',
  active: '#137333',
  at_risk: '#d97706',
  lapsed: '#b42318',
  never_purchased: '#9aa3ae',
};
const kRfmColors: Record<string, string> = {
  champions: '#137333',
  loyal: '#3c9a5f',
  new: '#1f4fd1',
  promising: '#6b8ee8',
  cant_lose: '#b42318',
  at_risk: '#d97706',
  hibernating: '#9aa3ae',
};
const kRegistrationColor = '#1f4fd1';
const kFirstOrderColor = '#0f8b8d';

// The customer list of one filter.
function listOf(filter: string): string {
  return `/customers?filter=${encodeURIComponent(filter)}`;
}

// Months are calendar months of the store ("2026-07"): read as a UTC date, they stay the same
// month whatever the browser's zone.
const kMonthFormat = new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  month: 'short',
  year: 'numeric',
});
function monthLabel(month: string): string {
  const at = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? month : kMonthFormat.format(at);
}

const kPercent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
// Whole percent of `part` in `whole`, with one decimal: 12.5.
function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0;
}
function percentText(p: number): string {
  return `${kPercent.format(p)}%`;
}

export function InsightsPage() {
  const { can, notify } = useApp();
  const canRecompute = can('edit_customers');
  const insights = useResource(
    (signal) => api.get<Insights>('/api/admin/insights', { signal }).then((r) => r.data),
    [],
  );
  // A recomputation running when the page opens is followed as well.
  const running = useResource(
    (signal) =>
      recentJobs(kRfmJob, 1, signal).then((p) => p.items.find((j) => !isJobFinished(j)) ?? null),
    [],
  );
  const [job, setJob] = useState<Job | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const shown = job ?? running.data ?? null;
  const busy = starting || (shown !== null && !isJobFinished(shown));

  async function recompute() {
    setStarting(true);
    setStartError(null);
    try {
      const { data } = await api.post<Job>('/api/admin/insights/rfm');
      setJob(data);
    } catch (e) {
      const problem = asApiError(e);
      if (problem.code !== 'job_running') {
        setStartError(problem);
        return;
      }
      // Started elsewhere meanwhile: that one's progress instead.
      try {
        const other = await runningJobOf(kRfmJob);
        if (other) setJob(other);
      } catch (e2) {
        setStartError(e2);
      }
    } finally {
      setStarting(false);
    }
  }

  const data = insights.data;
  return (
    <section class="insights">
      <PageHeader title="Insights">
        {canRecompute && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy || !data}
            title={busy ? 'The scores are being computed.' : undefined}
            onClick={recompute}
          >
            {starting ? 'Starting…' : 'Recompute RFM scores'}
          </button>
        )}
      </PageHeader>
      <ErrorBanner title="The recomputation did not start:" error={startError} />
      {shown && (
        <JobProgress
          key={shown.id}
          job={shown}
          title={isJobFinished(shown) ? 'RFM scores' : 'Computing RFM scores'}
          unit="customers"
          canCancel={canRecompute}
          onFinished={(j) => {
            if (j.state === 'succeeded') notify('RFM scores recomputed.');
            insights.reload();
          }}
          result={(j) => {
            const scored = (j.result as { scored?: unknown }).scored;
            if (typeof scored !== 'number' || j.state !== 'succeeded') return null;
            return <p>{plural(scored, 'customer')} with orders scored.</p>;
          }}
        />
      )}
      <ErrorBanner error={insights.error} onRetry={insights.reload} />
      {!data && !insights.error && <Loading />}
      {data && (
        <div
          class="insights__figures"
          aria-busy={insights.loading}
          data-generated-at={insights.loading ? undefined : data.generated_at}
        >
          <RfmState data={data} canRecompute={canRecompute} />
          <ActivitySection data={data} />
          <RfmSection data={data} />
          <MonthsSection data={data} />
          <CohortSection data={data} />
          <AtRiskSection data={data} />
        </div>
      )}
    </section>
  );
}

function RfmState({ data, canRecompute }: { data: Insights; canRecompute: boolean }) {
  if (!data.rfm_computed_at) {
    return (
      <p class="insights__rfm-state" data-testid="rfm-state">
        RFM scores have not been computed yet. They are computed once a day, and after that each new
        order scores its customer
        {canRecompute ? '; Recompute RFM scores computes them now.' : '.'}
      </p>
    );
  }
  return (
    <p class="insights__rfm-state" data-testid="rfm-state">
      RFM scores last computed{' '}
      <time dateTime={data.rfm_computed_at}>{formatDateTime(data.rfm_computed_at)}</time>. They are
      computed again daily, and each new order scores its customer.
      {data.without_scores > 0 &&
        ` ${plural(data.without_scores, 'customer')} with orders ${
          data.without_scores === 1 ? 'has' : 'have'
        } no scores yet.`}
    </p>
  );
}

// A card with its heading, a line about it, and the chart beside its table.
function Section(props: {
  id: string;
  title: string;
  about: string;
  chart: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="card insights-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      <p class="muted small insights-section__about">{props.about}</p>
      <div class="insights-section__body">
        <div class="insights-section__chart">{props.chart}</div>
        <div class="insights-section__table">{props.children}</div>
      </div>
    </section>
  );
}

// The customers per level of an enum (activity, rfm_group): a bar per level and a table whose
// level names link to the filtered list.
function LevelSection(props: {
  id: string;
  title: string;
  caption: string; // of the chart and the table: "Customers by activity level"
  about: string;
  field: string;
  levels: Array<{ value: string; label: string; about: string }>;
  counts: Map<string, number>;
  colors: Record<string, string>;
  note?: ComponentChildren;
}) {
  const { levels, counts } = props;
  const total = levels.reduce((sum, l) => sum + (counts.get(l.value) ?? 0), 0);
  const caption = props.caption;
  return (
    <Section
      id={props.id}
      title={props.title}
      about={props.about}
      chart={
        <ChartCanvas
          type="bar"
          labels={levels.map((l) => l.label)}
          series={[
            {
              label: 'Customers',
              data: levels.map((l) => counts.get(l.value) ?? 0),
              color: levels.map((l) => props.colors[l.value] ?? kRegistrationColor),
            },
          ]}
          label={`Bar chart: ${caption}. The numbers are in the table beside it.`}
          onPick={(i) => {
            const level = levels[i];
            if (level) navigate(listOf(enumFilter(props.field, level.value)));
          }}
        />
      }
    >
      <table class="table table--compact insights-table" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">{props.field === 'activity' ? 'Level' : 'Group'}</th>
            <th scope="col" class="num">
              Customers
            </th>
            <th scope="col" class="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((l) => {
            const n = counts.get(l.value) ?? 0;
            return (
              <tr key={l.value} data-value={l.value}>
                <th scope="row">
                  <span
                    class="insights-swatch"
                    style={{ background: props.colors[l.value] }}
                    aria-hidden="true"
                  />
                  <Link to={listOf(enumFilter(props.field, l.value))}>{l.label}</Link>
                  <span class="muted small insights-table__about">{l.about}</span>
                </th>
                <td class="num" data-testid="customers">
                  {formatNumber(n)}
                </td>
                <td class="num">{percentText(percentOf(n, total))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.note}
    </Section>
  );
}

function ActivitySection({ data }: { data: Insights }) {
  return (
    <LevelSection
      id="insights-activity"
      title="Activity level"
      caption="Customers by activity level"
      about="Where each customer's orders and sign-ins place them, against their own usual pace between orders."
      field="activity"
      levels={kActivityLevels}
      counts={new Map(data.activity.map((a) => [a.level, a.customers]))}
      colors={kActivityColors}
    />
  );
}

function RfmSection({ data }: { data: Insights }) {
  return (
    <LevelSection
      id="insights-rfm"
      title="RFM group"
      caption="Customers by RFM group"
      about="Customers with orders, grouped by how recently and how often they bought, and how much they spent (scores 1–5 against the other customers)."
      field="rfm_group"
      levels={kRfmGroups}
      counts={new Map(data.rfm.map((g) => [g.group, g.customers]))}
      colors={kRfmColors}
      note={
        data.without_scores > 0 ? (
          <p class="muted small">
            Not in a group yet: {plural(data.without_scores, 'customer')} with orders, scored at the
            next recomputation.
          </p>
        ) : null
      }
    />
  );
}

function MonthsSection({ data }: { data: Insights }) {
  const caption = 'Registrations and first orders per month';
  return (
    <Section
      id="insights-months"
      title="Registrations and first orders"
      about="New accounts and guest records, and customers placing their first order, per month of the store's calendar."
      chart={
        <ChartCanvas
          type="bar"
          labels={data.months.map((m) => monthLabel(m.month))}
          series={[
            {
              label: 'Registrations',
              data: data.months.map((m) => m.registrations),
              color: kRegistrationColor,
            },
            {
              label: 'First orders',
              data: data.months.map((m) => m.first_orders),
              color: kFirstOrderColor,
            },
          ]}
          label={`Bar chart: ${caption}. The numbers are in the table beside it.`}
          height={260}
        />
      }
    >
      <table class="table table--compact insights-table" aria-label={caption}>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" class="num">
              Registrations
            </th>
            <th scope="col" class="num">
              First orders
            </th>
          </tr>
        </thead>
        <tbody>
          {data.months.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row">{monthLabel(m.month)}</th>
              <td class="num" data-testid="registrations">
                {formatNumber(m.registrations)}
              </td>
              <td class="num" data-testid="first-orders">
                {formatNumber(m.first_orders)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

// The share of the cohorts old enough to say who ordered again k months after their first month,
// weighted by their size.
function retentionCurve(cohorts: Insights['cohorts']) {
  const longest = Math.max(0, ...cohorts.map((c) => c.buying.length));
  const out: Array<{ after: number; customers: number; buying: number; percent: number }> = [];
  for (let k = 0; k < longest; k++) {
    let customers = 0;
    let buying = 0;
    for (const c of cohorts) {
      if (c.buying.length <= k || c.customers === 0) continue;
      customers += c.customers;
      buying += c.buying[k] ?? 0;
    }
    out.push({ after: k, customers, buying, percent: percentOf(buying, customers) });
  }
  return out;
}

function CohortSection({ data }: { data: Insights }) {
  const cohorts = data.cohorts;
  const curve = retentionCurve(cohorts);
  const columns = curve.length;
  const caption = 'Cohort retention';
  return (
    <section class="card insights-section" aria-labelledby="insights-cohorts-heading">
      <h2 id="insights-cohorts-heading">Cohort retention</h2>
      <p class="muted small insights-section__about">
        Customers grouped by the month of their first order: the share of each group that ordered
        again 1, 2, 3… months later. Month 0 is the first month itself.
      </p>
      <div class="table-wrap insights-heatmap-wrap">
        <table class="table table--compact insights-heatmap" aria-label={caption}>
          <thead>
            <tr>
              <th scope="col">First order</th>
              <th scope="col" class="num">
                Customers
              </th>
              {Array.from({ length: columns }, (_, k) => (
                <th scope="col" class="num" key={k}>
                  <span class="visually-hidden">Month </span>
                  {k === 0 ? 'M0' : `M${k}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.month} data-cohort={c.month}>
                <th scope="row">{monthLabel(c.month)}</th>
                <td class="num" data-testid="cohort-customers">
                  {formatNumber(c.customers)}
                </td>
                {Array.from({ length: columns }, (_, k) => {
                  if (k >= c.buying.length) return <td key={k} class="insights-heatmap__future" />;
                  const n = c.buying[k] ?? 0;
                  const p = percentOf(n, c.customers);
                  return (
                    <td
                      key={k}
                      class={`num insights-heatmap__cell${p >= 55 ? ' is-dark' : ''}`}
                      style={{ '--share': String(c.customers > 0 ? p / 100 : 0) }}
                      title={`${monthLabel(c.month)}, month ${k}: ${formatNumber(n)} of ${plural(
                        c.customers,
                        'customer',
                      )}`}
                      data-buying={n}
                    >
                      {c.customers > 0 ? percentText(p) : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Average retention</h3>
      <div class="insights-section__body">
        <div class="insights-section__chart">
          <ChartCanvas
            type="line"
            labels={curve.map((p) => `M${p.after}`)}
            series={[
              {
                label: 'Ordering again',
                data: curve.map((p) => (p.customers > 0 ? p.percent : null)),
                color: kFirstOrderColor,
              },
            ]}
            percent
            label="Line chart: the share of customers ordering again each month after their first order, over all cohorts. The numbers are in the table beside it."
          />
        </div>
        <div class="insights-section__table">
          <table class="table table--compact insights-table" aria-label="Average retention">
            <thead>
              <tr>
                <th scope="col">Months after the first order</th>
                <th scope="col" class="num">
                  Ordering
                </th>
                <th scope="col" class="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {curve.map((p) => (
                <tr key={p.after} data-after={p.after}>
                  <th scope="row">{p.after}</th>
                  <td class="num">
                    {formatNumber(p.buying)} of {formatNumber(p.customers)}
                  </td>
                  <td class="num">{p.customers > 0 ? percentText(p.percent) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function AtRiskSection({ data }: { data: Insights }) {
  const { settings } = useApp();
  return (
    <section class="card insights-section" aria-labelledby="insights-at-risk-heading">
      <div class="card__header">
        <h2 id="insights-at-risk-heading">At-risk customers who spent most</h2>
        <Link to={listOf(enumFilter('activity', 'at_risk'))}>All at-risk customers</Link>
      </div>
      <p class="muted small insights-section__about">
        Overdue for their next order: worth a word before they lapse.
      </p>
      {data.at_risk.length === 0 ? (
        <p class="empty">No customer is at risk.</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--cards insights-at-risk" aria-label="At-risk customers">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">E-mail</th>
                <th scope="col" class="num">
                  Orders
                </th>
                <th scope="col" class="num">
                  Total spent
                </th>
                <th scope="col">Last order</th>
              </tr>
            </thead>
            <tbody>
              {data.at_risk.map((c) => (
                <tr key={c.id} data-customer={c.id}>
                  <td data-label="Customer">
                    <Link to={`/customers/${encodeURIComponent(c.id)}`}>{customerName(c)}</Link>
                  </td>
                  <td data-label="E-mail">{c.email || '—'}</td>
                  <td data-label="Orders" class="num">
                    {formatNumber(c.orders_count)}
                  </td>
                  <td data-label="Total spent" class="num" data-testid="total-spent">
                    {formatMoney(c.total_spent, settings.currency)}
                  </td>
                  <td data-label="Last order">
                    {c.last_order_at ? (
                      <time dateTime={c.last_order_at}>{formatDate(c.last_order_at)}</time>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
