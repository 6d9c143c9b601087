// The audit log: every admin action, filtered by actor, action, customer (found by name, e-mail
// or phone) and date, with Previous/Next pages and an export of the same filters (CSV, XLSX, PDF
// or HTML, a job; a direct CSV for roles that may not export). Each event names its target as it
// is called now, with its kind and id beside. An event of a store staff visit names the customer
// and the admin signed in as them.
import { useId, useMemo, useState } from 'preact/hooks';
import { api, queryString } from '../api';
import { CustomerPicker } from '../components/customer-picker';
import { ErrorBanner, Link, Loading, PageHeader, Pager } from '../components/ui';
import { formatDateTime } from '../format';
import { useDebounced, useResource } from '../hooks';
import { replaceSearch } from '../router';
import { ExportDialog, exportFilterOf } from './customer-export';
import { useApp } from '../session';
import type { AdminUser, AuditEvent, Page } from '../types';
import { actionLabel, ActorText, Changes, kActionLabels } from './activity';
import './audit.css';

// Every action the log records falls in one of these (kActionLabels names each).
const kActionGroups: Array<[string, string]> = [
  ['customer.', 'Customers'],
  ['address.', 'Addresses'],
  ['message.', 'E-mails'],
  ['email_template.', 'E-mail templates'],
  ['group.', 'Groups'],
  ['tag.', 'Tags'],
  ['segment.', 'Segments'],
  ['product.', 'Products'],
  ['blacklist.', 'Blacklist'],
  ['spam.', 'Spam rules'],
  ['job.', 'Background jobs'],
  ['admin.', 'Admins'],
  ['api_token.', 'API tokens'],
  ['settings.', 'Settings'],
];

// The words for each kind of target; the kinds with names say how a target gone reads.
const kTargetKinds: Record<string, { noun: string; gone?: string }> = {
  customer: { noun: 'customer', gone: 'erased or deleted' },
  group: { noun: 'group', gone: 'deleted' },
  tag: { noun: 'tag', gone: 'deleted' },
  segment: { noun: 'segment', gone: 'deleted' },
  product: { noun: 'product', gone: 'deleted' },
  admin: { noun: 'admin', gone: 'deleted' },
  api_token: { noun: 'API token', gone: 'deleted' },
  blacklist: { noun: 'blacklist entry' },
  disposable_domain: { noun: 'disposable domain' },
  email_template: { noun: 'e-mail template' },
  job: { noun: 'background job' },
  settings: { noun: 'settings' },
};

// An event's target by its current name (a link to a customer or a segment), its kind and id
// below; a named kind of target whose name is gone says so.
function Target({ event: e }: { event: AuditEvent }) {
  const kind = kTargetKinds[e.target_type];
  const noun = kind?.noun ?? e.target_type.replace(/_/g, ' ');
  const meta = e.target_id ? `${noun} · ${e.target_id}` : noun;
  if (!e.target_name && !kind?.gone) {
    // Kinds without names: the id is what they are known by (a domain, a template's key).
    return (
      <span class="audit-target">
        {noun} {e.target_id}
      </span>
    );
  }
  const name = e.target_name || `${noun} (${kind?.gone ?? 'deleted'})`;
  const to =
    e.target_type === 'customer'
      ? `/customers/${encodeURIComponent(e.target_id)}`
      : e.target_type === 'segment' && e.target_name && e.action !== 'segment.deleted'
        ? `/customers?segment=${encodeURIComponent(e.target_id)}`
        : '';
  return (
    <span class="audit-target">
      {to ? (
        <Link to={to} title={meta} class="audit-target__name">
          {name}
        </Link>
      ) : (
        <span title={meta} class={`audit-target__name${e.target_name ? '' : ' muted'}`}>
          {name}
        </span>
      )}
      <span class="audit-target__meta muted small">{meta}</span>
    </span>
  );
}

const kKeys = ['actor', 'action', 'customer', 'from', 'to'] as const;
type Filters = Record<(typeof kKeys)[number], string>;

export function AuditPage(props: { search: string }) {
  const initial = useMemo(() => {
    const p = new URLSearchParams(props.search);
    const f = {} as Filters;
    for (const k of kKeys) f[k] = p.get(k) ?? '';
    return f;
  }, []);
  const { can } = useApp();
  const [filters, setFilters] = useState<Filters>(initial);
  // Admins' names for the "Who" filter, when this role may list admins.
  const admins = useResource(
    (signal) =>
      can('manage_admins')
        ? api.get<Page<AdminUser>>('/api/admin/admins', { signal }).then((r) => r.data.items)
        : Promise.reject(new Error('not allowed')),
    [],
  );
  const settled = useDebounced(filters, 250);
  const key = JSON.stringify(settled);
  const [pages, setPages] = useState<{ key: string; stack: (string | null)[] }>({
    key,
    stack: [null],
  });
  const stack = pages.key === key ? pages.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const query = { ...settled };

  const result = useResource(
    async (signal) => {
      replaceSearch(queryString(query));
      const { data } = await api.get<Page<AuditEvent>>('/api/admin/audit', {
        signal,
        query: { ...query, limit: 50, cursor },
      });
      return { ...data, key, cursor };
    },
    [key, cursor],
  );
  const data = result.data;
  // The customers the events name, for the customer filter's box.
  const customerNames = useMemo(() => {
    const out: Record<string, string> = {};
    for (const e of data?.items ?? []) {
      if (e.target_type === 'customer' && e.target_name) out[e.target_id] = e.target_name;
    }
    return out;
  }, [data]);
  const stale = data !== undefined && (data.key !== key || data.cursor !== cursor);

  const set = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const customerBox = useId();
  const [exporting, setExporting] = useState(false);

  return (
    <section>
      <PageHeader title="Audit log">
        {can('export_customers') ? (
          <button type="button" class="button" onClick={() => setExporting(true)}>
            Export…
          </button>
        ) : (
          <a class="button" href={`/api/admin/audit.csv${queryString(query)}`} download>
            Export CSV
          </a>
        )}
      </PageHeader>
      {exporting && (
        <ExportDialog
          source="audit"
          filter={exportFilterOf(query)}
          matching=""
          chosen={[]}
          onClose={() => setExporting(false)}
        />
      )}
      <form class="filters filters--always" onSubmit={(e) => e.preventDefault()} role="search">
        <label>
          <span>Who</span>
          {admins.data ? (
            <select
              name="actor"
              value={filters.actor}
              onChange={(e) => set('actor', e.currentTarget.value)}
            >
              <option value="">Anyone</option>
              {admins.data.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name || a.email}
                </option>
              ))}
            </select>
          ) : (
            <input
              name="actor"
              placeholder="Admin or token id"
              value={filters.actor}
              onInput={(e) => set('actor', e.currentTarget.value)}
            />
          )}
        </label>
        <label>
          <span>Action</span>
          <select
            name="action"
            value={filters.action}
            onChange={(e) => set('action', e.currentTarget.value)}
          >
            <option value="">Any</option>
            {kActionGroups.map(([prefix, label]) => (
              <optgroup key={prefix} label={label}>
                <option value={prefix}>All {label.toLowerCase()}</option>
                {Object.keys(kActionLabels)
                  .filter((a) => a.startsWith(prefix))
                  .map((a) => (
                    <option key={a} value={a}>
                      {kActionLabels[a]}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <div class="filters__picker audit-customer">
          <label for={customerBox}>Customer</label>
          <CustomerPicker
            id={customerBox}
            name="customer"
            placeholder="Name, e-mail or phone"
            value={filters.customer}
            onChange={(id) => set('customer', id)}
            knownNames={customerNames}
          />
        </div>
        <label>
          <span>From</span>
          <input
            type="date"
            name="from"
            value={filters.from}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Before</span>
          <input
            type="date"
            name="to"
            value={filters.to}
            onChange={(e) => set('to', e.currentTarget.value)}
          />
        </label>
      </form>

      <ErrorBanner error={result.error} onRetry={result.reload} />
      {result.loading && !data && <Loading />}
      {data && data.items.length === 0 && !result.loading && (
        <p class="empty">No events match these filters.</p>
      )}
      {data && data.items.length > 0 && (
        <div class="table-wrap" aria-busy={result.loading || stale}>
          <table class="table table--cards audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Target</th>
                <th>Changes</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td data-label="When">
                    <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at)}</time>
                  </td>
                  <td data-label="Who">
                    <ActorText event={e} />
                  </td>
                  <td data-label="Action">
                    <span title={e.action}>{actionLabel(e.action)}</span>
                  </td>
                  <td data-label="Target">
                    <Target event={e} />
                  </td>
                  <td data-label="Changes">
                    <Changes changes={e.changes} />
                  </td>
                  <td data-label="From" class="small">
                    {e.ip || '—'}
                    {e.user_agent && (
                      <span class="muted ua" title={e.user_agent}>
                        {' '}
                        {e.user_agent.slice(0, 40)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Audit pages"
        busy={result.loading}
        hasPrevious={stack.length > 1}
        hasNext={!!data?.next_cursor && !stale}
        onPrevious={() => setPages({ key, stack: stack.slice(0, -1) })}
        onNext={() => data?.next_cursor && setPages({ key, stack: [...stack, data.next_cursor] })}
      />
    </section>
  );
}
