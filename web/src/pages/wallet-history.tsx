// Wallet history: every customer's store-credit entries, newest first, filtered by the days they
// were made on (in the store's time zone) and their kind, with Previous/Next pages and an export
// of the same filters (CSV, XLSX, PDF or HTML, a job; a direct CSV for roles that may not export).
import { useMemo, useState } from 'preact/hooks';
import { api, queryString, type Query } from '../api';
import { ErrorBanner, Link, Loading, PageHeader, Pager } from '../components/ui';
import { kWalletKindLabels, MoneyChange } from '../components/wallet';
import { dayAfter, formatDateTime, startOfDay } from '../format';
import { useDebounced, useResource } from '../hooks';
import { replaceSearch } from '../router';
import { useApp } from '../session';
import type { WalletEntryKind, WalletHistoryItem } from '../types';
import { ExportDialog, exportFilterOf } from './customer-export';

const kKeys = ['from', 'to', 'kind'] as const;
type Filters = Record<(typeof kKeys)[number], string>;

const kKinds: Array<[WalletEntryKind, string]> = [
  ['credit', 'Credits'],
  ['debit', 'Deductions'],
  ['expiry', 'Expiries'],
];

const kDay = /^\d{4}-\d{2}-\d{2}$/;

// The API's query for the filters: from the start of the first day to the end of the last one.
function apiQuery(f: Filters): Query {
  return {
    from: kDay.test(f.from) ? startOfDay(f.from) : undefined,
    to: kDay.test(f.to) ? startOfDay(dayAfter(f.to)) : undefined,
    kind: f.kind || undefined,
  };
}

interface Loaded {
  items: WalletHistoryItem[];
  next_cursor: string | null;
  key: string;
  cursor: string | null;
}

export function WalletHistoryPage(props: { search: string }) {
  const initial = useMemo(() => {
    const p = new URLSearchParams(props.search);
    const f = {} as Filters;
    for (const k of kKeys) f[k] = p.get(k) ?? '';
    return f;
  }, []);
  const [filters, setFilters] = useState<Filters>(initial);
  const settled = useDebounced(filters, 250);
  const key = JSON.stringify(settled);
  const [pages, setPages] = useState<{ key: string; stack: (string | null)[] }>({
    key,
    stack: [null],
  });
  const stack = pages.key === key ? pages.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const query = apiQuery(settled);

  const result = useResource(
    async (signal): Promise<Loaded> => {
      replaceSearch(queryString(settled));
      const { data } = await api.get<Omit<Loaded, 'key' | 'cursor'>>('/api/admin/wallet', {
        signal,
        query: { ...query, limit: 50, cursor },
      });
      return { ...data, key, cursor };
    },
    [key, cursor],
  );
  const data = result.data;
  const stale = data !== undefined && (data.key !== key || data.cursor !== cursor);
  const set = (k: keyof Filters, v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const [exporting, setExporting] = useState(false);
  const { can } = useApp();

  return (
    <section>
      <PageHeader title="Wallet history">
        {can('export_customers') ? (
          <button type="button" class="button" onClick={() => setExporting(true)}>
            Export…
          </button>
        ) : (
          <a class="button" href={`/api/admin/wallet.csv${queryString(query)}`} download>
            Download CSV
          </a>
        )}
      </PageHeader>
      {exporting && (
        <ExportDialog
          source="wallet"
          filter={exportFilterOf(query)}
          matching=""
          chosen={[]}
          onClose={() => setExporting(false)}
        />
      )}
      <p class="muted">Store credit added, deducted and expired, for every customer.</p>
      <form class="filters filters--always" onSubmit={(e) => e.preventDefault()} role="search">
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
          <span>To</span>
          <input
            type="date"
            name="to"
            value={filters.to}
            onChange={(e) => set('to', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Kind</span>
          <select
            name="kind"
            value={filters.kind}
            onChange={(e) => set('kind', e.currentTarget.value)}
          >
            <option value="">All</option>
            {kKinds.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>

      <ErrorBanner error={result.error} onRetry={result.reload} />
      {result.loading && !data && <Loading />}
      {data && data.items.length === 0 && !result.loading && (
        <p class="empty">No entries match these filters.</p>
      )}
      {data && data.items.length > 0 && (
        <div class="table-wrap" aria-busy={result.loading || stale}>
          <table class="table table--cards wallet-history-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Customer</th>
                <th scope="col">E-mail</th>
                <th scope="col">Phone</th>
                <th scope="col">Kind</th>
                <th scope="col" class="num">
                  Change
                </th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id} data-entry-id={e.id}>
                  <td data-label="Date">
                    <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
                  </td>
                  <td data-label="Customer" class="wallet-customer">
                    {e.customer.name || e.customer.email ? (
                      <Link to={`/customers/${encodeURIComponent(e.customer.id)}`}>
                        {e.customer.name || e.customer.email}
                      </Link>
                    ) : (
                      <span class="muted">Erased customer</span>
                    )}
                  </td>
                  <td data-label="E-mail" class="wallet-customer">
                    {e.customer.email || '—'}
                  </td>
                  <td data-label="Phone">{e.customer.phone || '—'}</td>
                  <td data-label="Kind">{kWalletKindLabels[e.kind] ?? e.kind}</td>
                  <td data-label="Change" class="num">
                    <MoneyChange entry={e} />
                  </td>
                  <td data-label="Reason">
                    {e.reason || (e.kind === 'expiry' ? 'Credit expired' : '—')}
                    {e.order_ref && <span class="muted small"> · order {e.order_ref}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Wallet history pages"
        busy={result.loading}
        hasPrevious={stack.length > 1}
        hasNext={!!data?.next_cursor && !stale}
        onPrevious={() => setPages({ key, stack: stack.slice(0, -1) })}
        onNext={() => data?.next_cursor && setPages({ key, stack: [...stack, data.next_cursor] })}
      />
    </section>
  );
}
