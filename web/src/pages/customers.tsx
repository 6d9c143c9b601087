// The customer list: search as you type, filters, the filter language (with completion and a live
// count) and saved segments, sortable columns, cursor pagination, the total, row selection and
// bulk actions (on the checked rows, or on every customer matching the list once "Select all N
// matching customers" is chosen); "All customers · Guests" above it (kind=guest, with the
// guests' e-mail, phone and country up front). Search, filters, the filter or segment and sort
// live in the URL, so Back from a profile returns to the same list; the columns shown are the
// owner's choice, kept in this browser (customer-columns.tsx).
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { InlinePicker } from '../components/picker';
import { ErrorBanner, Link, PageHeader, Pager, StatusBadge } from '../components/ui';
import { kCountries } from '../countries';
import { customerName, formatDate, formatDateTime, formatNumber } from '../format';
import { useDebounced, useResource } from '../hooks';
import { languageName } from '../languages';
import { formatMoney, parseMoney, toDecimal } from '../money';
import { entryState, navigate, replaceSearch } from '../router';
import { useApp } from '../session';
import type { Customer, CustomerPage, Group, Page, SearchMatch, Segment, Tag } from '../types';
import { banReasonLabel, banSummary } from './bans';
import { BulkBar, type BulkReport, type MatchingChange, MatchingBulkDialog } from './bulk-bar';
import { type Column, columnsFor, ColumnsMenu, useColumnChoice } from './customer-columns';
import { ExportDialog } from './customer-export';
import { FilterEditor, useFilterFields } from './segment-editor';
import { listSegments, SaveSegmentDialog, SegmentsPanel } from './segments';
import './orders.css';

const kFilterKeys = [
  'status',
  'kind',
  'group',
  'tag',
  'country',
  'registered_from',
  'registered_to',
  'address_country',
  'address_city',
  'verified',
  'deletion_requested',
  'orders_min',
  'total_spent_min',
  'last_order_from',
  'bought_product',
  'balance_min',
] as const;
type FilterKey = (typeof kFilterKeys)[number];

// What the filters' boxes are called, for the server's messages about them.
const kFilterLabels: Record<string, string> = {
  q: 'Search',
  status: 'Status',
  kind: 'Kind',
  group: 'Group',
  tag: 'Tag',
  country: 'Country',
  registered_from: 'Registered from',
  registered_to: 'Registered before',
  address_country: 'Default address in',
  address_city: 'Default address city',
  verified: 'E-mail verified',
  deletion_requested: 'Deletion requested',
  orders_min: 'Orders at least',
  total_spent_min: 'Spent at least',
  last_order_from: 'Last order since',
  bought_product: 'Bought product',
  balance_min: 'Store credit at least',
  filter: 'Filter',
  segment: 'Segment',
};
type Filters = Record<FilterKey, string>;

const kNoFilters: Filters = {
  status: '',
  kind: '',
  group: '',
  tag: '',
  country: '',
  registered_from: '',
  registered_to: '',
  address_country: '',
  address_city: '',
  verified: '',
  deletion_requested: '',
  orders_min: '',
  total_spent_min: '',
  last_order_from: '',
  bought_product: '',
  balance_min: '',
};

const kDefaultSort = '-registered';
// The orders the cards (a phone, where the table has no header row) offer, each in the direction
// a header's first click sorts by its column; the table's headers set the same `sort`.
const kSortChoices: Array<[string, string]> = [
  ['-registered', 'Newest first'],
  ['registered', 'Oldest first'],
  ['name', 'Name A–Z'],
  ['-name', 'Name Z–A'],
  ['email', 'E-mail A–Z'],
  ['-last_activity', 'Recently active'],
  ['-orders', 'Most orders'],
  ['-total_spent', 'Most spent'],
  ['-last_order', 'Latest order'],
];
// The other way round, offered while the list is sorted so (by a header's second click, a link).
const kReverseSortChoices: Array<[string, string]> = [
  ['-email', 'E-mail Z–A'],
  ['last_activity', 'Least recently active'],
  ['orders', 'Fewest orders'],
  ['total_spent', 'Least spent'],
  ['last_order', 'Earliest order'],
];
const kPageSize = 50;
const kPageSizes = [25, 50, 100, 200];

// What the list keeps in its history entry: the cursors of the pages up to the one shown, so
// that Back from a customer (or a reload) shows the same page, and Previous still works.
interface ListEntry {
  customerPages?: { key: string; stack: (string | null)[] };
}
// Short enough that results follow the typing; each keystroke aborts the request before it.
const kSearchDebounceMs = 20;
// Text filters wait for a pause in typing: "2" on the way to "20" is no minimum.
const kFilterDebounceMs = 400;

// The filter language's text and the saved segment the list shows (at most one of them).
interface Selection {
  filter: string;
  segment: string;
}

function parseSearch(search: string): {
  q: string;
  filters: Filters;
  selection: Selection;
  sort: string;
  limit: number;
} {
  const p = new URLSearchParams(search);
  const filters = { ...kNoFilters };
  for (const k of kFilterKeys) filters[k] = p.get(k) ?? '';
  const limit = Number(p.get('limit'));
  return {
    q: p.get('q') ?? '',
    filters,
    selection: { filter: p.get('filter')?.trim() ?? '', segment: p.get('segment') ?? '' },
    sort: p.get('sort') || kDefaultSort,
    limit: kPageSizes.includes(limit) ? limit : kPageSize,
  };
}

// The list's URL: the query, and the page (its number and cursor) past the first.
function toSearch(
  q: string,
  filters: Filters,
  selection: Selection,
  sort: string,
  limit: number,
  stack: (string | null)[],
): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const k of kFilterKeys) if (filters[k]) p.set(k, filters[k]);
  if (selection.filter) p.set('filter', selection.filter);
  if (selection.segment) p.set('segment', selection.segment);
  if (sort !== kDefaultSort) p.set('sort', sort);
  if (limit !== kPageSize) p.set('limit', String(limit));
  const cursor = stack[stack.length - 1];
  if (stack.length > 1 && cursor) {
    p.set('page', String(stack.length));
    p.set('cursor', cursor);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

// An address that may break before the "@" rather than anywhere in the middle.
function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at <= 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

// The default billing address on one line, and where orders ship when that is elsewhere.
function AddressSummary({ customer: c }: { customer: Customer }) {
  const billing = c.billing_address_summary;
  const shipping = c.shipping_address_summary;
  if (!billing && !shipping) return <>—</>;
  return (
    <>
      {billing && <span title="Default billing address">{billing}</span>}
      {shipping && shipping !== billing && (
        <span class="muted" title="Default shipping address">
          Ships to {shipping}
        </span>
      )}
    </>
  );
}

// A text filter applied on change (Enter, Tab, leaving the field). What is typed is the field's
// own state until then: bound to the applied filter alone, the field got the applied value back
// on any render in between (a list answer landing), which wiped the typing.
// A text filter: applied as it is typed, like the search (a moment after the last key), and at
// once on Enter or leaving the box; the server's message for it below the box.
function FilterText(props: {
  name: string;
  value: string;
  placeholder: string;
  maxLength?: number;
  inputMode?: 'numeric' | 'decimal';
  error?: string;
  onApply: (value: string) => void;
}) {
  const { value, onApply, error, ...rest } = props;
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  const messageId = useId();
  // Cleared by "Clear all", read from the URL, or applied with Enter or on leaving the box:
  // shown as the list reads it ("10.00"); not while the owner is still typing, where it would
  // move the cursor.
  const [commits, setCommits] = useState(0);
  const shownCommits = useRef(0);
  useLayoutEffect(() => {
    const committed = commits !== shownCommits.current;
    shownCommits.current = commits;
    if (committed || document.activeElement !== ref.current) setDraft(value);
  }, [value, commits]);
  const typed = useDebounced(draft, kFilterDebounceMs);
  useEffect(() => {
    if (typed !== draft || typed === value) return;
    onApply(typed);
  }, [typed]);
  return (
    <>
      <input
        {...rest}
        ref={ref}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? messageId : undefined}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => {
          onApply(e.currentTarget.value);
          setCommits((n) => n + 1);
        }}
      />
      {/* Out of the label's name (the box keeps its own), read as its description. */}
      {error && (
        <span id={messageId} class="field__error" aria-hidden="true">
          {error}
        </span>
      )}
    </>
  );
}

// The status and, for a banned customer, why (the note in the badge's tooltip).
function StatusCell({ customer: c }: { customer: Customer }) {
  if (!c.ban) return <StatusBadge status={c.status} />;
  return (
    <span class="status-cell" title={`Banned: ${banSummary(c.ban)}`}>
      <StatusBadge status={c.status} />
      <span class="status-cell__reason">{banReasonLabel(c.ban.reason)}</span>
    </span>
  );
}

const kMatchLabels: Record<SearchMatch['field'], string> = {
  company: 'Company',
  city: 'City',
  postal_code: 'Postal code',
  latin_name: 'Latin spelling',
};

// What a search found that the row does not show ("City: Berlin"), so that the row's place in
// the results makes sense.
function MatchNote({ match }: { match: SearchMatch }) {
  // A field a newer server adds is still said, without a label of its own.
  const label = kMatchLabels[match.field] ?? 'Matches';
  return (
    <span class="match-note">
      {label}: {match.value}
    </span>
  );
}

// A marketing consent: given or not.
function Consent({ given }: { given: boolean }) {
  return given ? <>Yes</> : <span class="muted">No</span>;
}

// Whether a cell has nothing to show but a dash.
function isEmpty(column: string, c: Customer): boolean {
  switch (column) {
    case 'email':
    case 'phone':
    case 'country':
    case 'company':
    case 'language':
      return !c[column];
    case 'address':
      return !c.billing_address_summary && !c.shipping_address_summary;
    case 'tags':
      return c.tags.length === 0;
    case 'last_activity':
      return !c.last_activity_at;
    case 'last_order':
      return !c.last_order_at;
    case 'balance':
      return !(c.balances ?? []).some((b) => b.amount !== 0);
    default:
      return false;
  }
}

// One cell of a customer's row.
function Cell({ column, customer: c }: { column: string; customer: Customer }) {
  const { settings } = useApp();
  switch (column) {
    case 'name':
      return (
        <div class="name-cell">
          <Link to={`/customers/${encodeURIComponent(c.id)}`}>{customerName(c)}</Link>
          {c.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
          {c.match && <MatchNote match={c.match} />}
        </div>
      );
    case 'email':
      return c.email ? <EmailText email={c.email} /> : <>—</>;
    case 'phone':
      return <>{c.phone || '—'}</>;
    case 'country':
      return <>{c.country || '—'}</>;
    case 'address':
      return <AddressSummary customer={c} />;
    case 'company':
      return <>{c.company || '—'}</>;
    case 'language':
      return c.language ? (
        <span title={c.language}>{languageName(c.language) || c.language}</span>
      ) : (
        <>—</>
      );
    case 'group':
      return <>{c.group_name}</>;
    case 'tags':
      return c.tags.length ? (
        <span class="tags">
          {c.tags.map((t) => (
            <span class="tag" key={t}>
              {t}
            </span>
          ))}
        </span>
      ) : (
        <>—</>
      );
    case 'email_consent':
      return <Consent given={c.email_marketing_consent} />;
    case 'sms_consent':
      return <Consent given={c.sms_marketing_consent} />;
    case 'messenger_consent':
      return <Consent given={c.messenger_marketing_consent} />;
    case 'status':
      return <StatusCell customer={c} />;
    case 'registered':
      return <time dateTime={c.registered_at}>{formatDate(c.registered_at)}</time>;
    case 'last_activity':
      return c.last_activity_at ? (
        <time dateTime={c.last_activity_at} title={formatDateTime(c.last_activity_at)}>
          {formatDate(c.last_activity_at)}
        </time>
      ) : (
        <>—</>
      );
    case 'orders':
      return <>{formatNumber(c.orders_count ?? 0)}</>;
    case 'total_spent':
      return <>{formatMoney(c.total_spent ?? 0, settings.currency)}</>;
    case 'balance': {
      const held = (c.balances ?? []).filter((b) => b.amount !== 0);
      return held.length ? (
        <>{held.map((b) => formatMoney(b.amount, b.currency)).join(', ')}</>
      ) : (
        <>—</>
      );
    }
    case 'last_order':
      return c.last_order_at ? (
        <time dateTime={c.last_order_at} title={formatDateTime(c.last_order_at)}>
          {formatDate(c.last_order_at)}
        </time>
      ) : (
        <>—</>
      );
    default:
      return null;
  }
}

// A click on a row, outside its checkbox, links and buttons, opens the customer, as the name's
// link does; selecting text in the row does not.
function openRow(e: MouseEvent, c: Customer) {
  const target = e.target as HTMLElement;
  if (target.closest('a, button, input, label, select, textarea')) return;
  if (window.getSelection()?.toString()) return;
  navigate(`/customers/${encodeURIComponent(c.id)}`);
}

export function CustomersPage(props: { search: string }) {
  const { can, notify, settings } = useApp();
  const initial = useMemo(() => parseSearch(props.search), []);
  const [q, setQ] = useState(initial.q);
  const [filters, setFilters] = useState<Filters>(initial.filters);
  const [selection, setSelection] = useState<Selection>(initial.selection);
  // What the filter box holds: applied with Enter or Apply filter.
  const [draft, setDraft] = useState(initial.selection.filter);
  const [segmentsOpen, setSegmentsOpen] = useState(false);
  const [savingSegment, setSavingSegment] = useState(false);
  const [sort, setSort] = useState(initial.sort);
  const [limit, setLimit] = useState(initial.limit);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [clears, setClears] = useState(0);
  const debouncedQ = useDebounced(q.trim(), kSearchDebounceMs);

  // The cursor stack belongs to one query: a new search or filter starts again at page 1
  // without first fetching the old cursor.
  const key = JSON.stringify([debouncedQ, filters, selection, sort, limit]);
  const [pages, setPages] = useState<{ key: string; stack: (string | null)[] }>(() => {
    const kept = (entryState() as ListEntry | null)?.customerPages;
    const initialKey = JSON.stringify([
      initial.q.trim(),
      initial.filters,
      initial.selection,
      initial.sort,
      limit,
    ]);
    return kept && kept.key === initialKey && Array.isArray(kept.stack)
      ? kept
      : { key, stack: [null] };
  });
  const stack = pages.key === key ? pages.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;

  const [total, setTotal] = useState<{ key: string; total: number; exact: boolean } | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkReport, setBulkReport] = useState<BulkReport | null>(null);
  // "All N matching customers selected": the list and page (pageKey) it was chosen on.
  const [matchingFor, setMatchingFor] = useState<string | null>(null);
  // The change of every matching customer being confirmed, or followed once started.
  const [matchingChange, setMatchingChange] = useState<{
    change: MatchingChange;
    total: number;
    filter: Record<string, string>;
  } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [shownColumns, setShownColumns] = useColumnChoice();

  useEffect(() => {
    const entry: ListEntry = { customerPages: { key, stack } };
    replaceSearch(toSearch(debouncedQ, filters, selection, sort, limit, stack), entry);
  }, [key, stack.join(' ')]);

  const groups = useResource(
    (signal) => api.get<Page<Group>>('/api/admin/groups', { signal }).then((r) => r.data.items),
    [],
  );
  const tags = useResource(
    (signal) => api.get<Page<Tag>>('/api/admin/tags', { signal }).then((r) => r.data.items),
    [],
  );
  const segments = useResource((signal) => listSegments(signal), []);
  const filterFields = useFilterFields();
  const vocabulary = useMemo(
    () => ({
      fields: filterFields,
      groups: groups.data?.map((g) => g.name) ?? [],
      tags: tags.data?.map((t) => t.name) ?? [],
    }),
    [filterFields, groups.data, tags.data],
  );
  const segment = segments.data?.find((s) => s.id === selection.segment) ?? null;
  // A segment read from the URL puts its filter in the box once the segments are in.
  const shownSegment = useRef('');
  useEffect(() => {
    if (!segment || shownSegment.current === segment.id) return;
    shownSegment.current = segment.id;
    if (!draft.trim()) setDraft(segment.filter);
  }, [segment]);

  const result = useResource(
    async (signal) => {
      const { data } = await api.get<CustomerPage>('/api/admin/customers', {
        signal,
        query: {
          q: debouncedQ,
          ...filters,
          ...selection,
          sort: sort === kDefaultSort ? undefined : sort,
          limit,
          cursor,
          // The first page counts; so does a page restored by Back or a reload.
          include_total: cursor === null || total?.key !== key ? true : undefined,
        },
      });
      if (data.total !== undefined) {
        setTotal({ key, total: data.total, exact: data.total_exact !== false });
      }
      return { ...data, query: debouncedQ, key, cursor };
    },
    [key, cursor],
  );

  // Selection is per page: a new page or a new query clears it, and "all matching" with it.
  const pageKey = JSON.stringify([key, cursor]);
  useEffect(() => {
    setSelected(new Set());
    setMatchingFor(null);
  }, [pageKey]);

  const data = result.data;
  const items = data?.items ?? [];
  const stale = data !== undefined && (data.key !== key || data.cursor !== cursor);
  // The server names the filter it refuses ("country"): said by its label, and under its box.
  // A mistake in the filter the box still holds is shown under the box instead.
  const filterErrors = (result.error instanceof ApiError ? result.error.errors : []).filter(
    (e) => e.field !== 'filter' || draft.trim() !== selection.filter,
  );
  const filterError = (k: string) => filterErrors.find((e) => e.field === k)?.message;
  const hasQuery =
    debouncedQ !== '' ||
    kFilterKeys.some((k) => filters[k] !== '') ||
    selection.filter !== '' ||
    selection.segment !== '';
  const activeFilters = kFilterKeys.filter((k) => filters[k] !== '').length;
  const guests = filters.kind === 'guest';
  const columns = columnsFor(shownColumns, guests);

  function setFilter(k: FilterKey, value: string) {
    setFilters((f) => ({ ...f, [k]: value }));
  }

  function toggleSort(column: Column) {
    if (!column.sort) return;
    const s = column.sort;
    // Names and e-mail start A→Z; dates start newest first.
    const firstDirection = s === 'name' || s === 'email' ? s : `-${s}`;
    if (sort === s) setSort(`-${s}`);
    else if (sort === `-${s}`) setSort(s);
    else setSort(firstDirection);
  }

  function clearAll() {
    setQ('');
    setFilters(kNoFilters);
    // Text left in a country box goes too.
    setClears((n) => n + 1);
    clearSelection();
  }

  function clearSelection() {
    setSelection({ filter: '', segment: '' });
    setDraft('');
  }

  // The box's filter for the list; the segment shown so far gives way to it, unless the box
  // still holds the segment's own filter.
  function applyFilter(text: string) {
    const filter = text.trim();
    if (segment && filter === segment.filter.trim()) return;
    setSelection({ filter, segment: '' });
  }

  function applySegment(s: Segment) {
    shownSegment.current = s.id;
    setSelection({ filter: '', segment: s.id });
    setDraft(s.filter);
  }

  const allSelected = items.length > 0 && items.every((c) => selected.has(c.id));
  function toggleAllOnPage() {
    setMatchingFor(null);
    setSelected(allSelected ? new Set() : new Set(items.map((c) => c.id)));
  }

  // The list's search, filters and filter or segment as the API takes them (empty ones left out).
  const listParams: Record<string, string> = Object.fromEntries(
    Object.entries({ q: debouncedQ, ...filters, ...selection }).filter(([, v]) => v !== ''),
  );
  // "Select all N matching customers" is offered once the whole page is checked and more match.
  // N is exact: the list's own total when it is, else counted (the list stops at 1,000+).
  const listTotal = total && total.key === key ? total : null;
  const moreThanPage =
    data !== undefined &&
    !stale &&
    items.length > 0 &&
    (listTotal
      ? !listTotal.exact || listTotal.total > items.length
      : !!data.next_cursor || stack.length > 1);
  const offerMatching = can('edit_customers') && allSelected && moreThanPage;
  // The list stops counting at 1,000+; "Count exactly" asks for the whole count of this list.
  const [countFor, setCountFor] = useState<string | null>(null);
  const needCount = (offerMatching || countFor === key) && !listTotal?.exact;
  const counted = useResource(
    async (signal) => {
      if (!needCount) return null;
      const { data } = await api.get<{ total: number }>('/api/admin/customers/count', {
        signal,
        query: listParams,
      });
      return { key, total: data.total };
    },
    [key, needCount],
  );
  let matchingTotal: number | null = null;
  if (offerMatching) {
    if (listTotal?.exact) matchingTotal = listTotal.total;
    else if (counted.data?.key === key && !counted.loading) matchingTotal = counted.data.total;
  }
  const allMatching = matchingFor === pageKey && matchingTotal !== null;

  function clearRows() {
    setSelected(new Set());
    setMatchingFor(null);
  }

  const exactCount =
    listTotal && !listTotal.exact && counted.data?.key === key && !counted.loading
      ? counted.data.total
      : null;
  const shownTotal = exactCount !== null ? { key, total: exactCount, exact: true } : total;
  let summary = '';
  if (shownTotal && shownTotal.key === key) {
    const n = shownTotal.exact
      ? formatNumber(shownTotal.total)
      : `${formatNumber(shownTotal.total)}+`;
    summary = shownTotal.total === 1 && shownTotal.exact ? '1 customer' : `${n} customers`;
    // "51–100 of 20,000 customers" past the first page, or when there is more than a page.
    if (data && !stale && items.length > 0 && (stack.length > 1 || data.next_cursor)) {
      const from = (stack.length - 1) * limit + 1;
      summary = `${formatNumber(from)}–${formatNumber(from + items.length - 1)} of ${summary}`;
    }
  }
  // Another page starts at the top of the list, not where the pager was.
  function goTo(next: (string | null)[]) {
    setPages({ key, stack: next });
    document.querySelector('.customers .summary')?.scrollIntoView({ block: 'start' });
  }

  return (
    <section class="customers">
      <PageHeader title="Customers">
        {can('import_customers') && (
          <Link to="/import" class="button">
            Import customers
          </Link>
        )}
        {can('export_customers') && (
          <button type="button" class="button" onClick={() => setExporting(true)}>
            Export…
          </button>
        )}
        {can('edit_customers') && (
          <Link to="/customers/new" class="button button--primary">
            New customer
          </Link>
        )}
      </PageHeader>

      <div class="segmented customers-view" role="group" aria-label="Show">
        <button
          type="button"
          class="button"
          aria-pressed={!guests}
          onClick={() => setFilter('kind', '')}
        >
          All customers
        </button>
        <button
          type="button"
          class="button"
          aria-pressed={guests}
          onClick={() => setFilter('kind', 'guest')}
        >
          Guests
        </button>
      </div>

      <div class="toolbar">
        <div class="search">
          <label for="customer-search" class="visually-hidden">
            Search customers
          </label>
          <input
            id="customer-search"
            type="search"
            placeholder="Search name, e-mail, phone, company, city or postcode"
            autoComplete="off"
            spellcheck={false}
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
          {/* For the keyboard: past the filters and the table's header to the first customer. */}
          <a
            href="#customer-results"
            class="skip-inline"
            onClick={(e) => {
              e.preventDefault();
              document.querySelector<HTMLElement>('.customers-table tbody td.col-name a')?.focus();
            }}
          >
            Skip to results
          </a>
        </div>
        <button
          type="button"
          class="button filters-toggle"
          aria-expanded={filtersOpen}
          aria-controls="customer-filters"
          onClick={() => setFiltersOpen(!filtersOpen)}
        >
          Filters{activeFilters ? ` (${activeFilters})` : ''}
        </button>
        <ColumnsMenu shown={shownColumns} onChange={setShownColumns} />
      </div>

      <FilterEditor
        draft={draft}
        onDraft={setDraft}
        applied={selection.filter}
        segment={segment}
        segmentId={selection.segment}
        query={{ q: debouncedQ, ...filters }}
        vocabulary={vocabulary}
        onApply={applyFilter}
        onClear={clearSelection}
      >
        {can('manage_groups') && (
          <button
            type="button"
            class="button"
            disabled={!draft.trim()}
            title={draft.trim() ? undefined : 'Write a filter first.'}
            onClick={() => setSavingSegment(true)}
          >
            Save as segment…
          </button>
        )}
        <button
          type="button"
          class="button"
          aria-expanded={segmentsOpen}
          aria-controls="customer-segments"
          onClick={() => setSegmentsOpen(!segmentsOpen)}
        >
          Segments{segments.data?.length ? ` (${segments.data.length})` : ''}
        </button>
      </FilterEditor>

      {segmentsOpen && (
        <SegmentsPanel
          id="customer-segments"
          segments={segments}
          appliedId={selection.segment}
          canManage={can('manage_groups')}
          vocabulary={vocabulary}
          onApply={applySegment}
          onSaved={(s) => {
            notify(`Segment “${s.name}” saved.`);
            segments.reload();
            // The list of a segment whose filter changed is read again.
            if (s.id === selection.segment) {
              setDraft(s.filter);
              result.reload();
            }
          }}
          onDeleted={(s) => {
            notify(`Segment “${s.name}” deleted.`);
            segments.reload();
            if (s.id === selection.segment) setSelection({ filter: draft.trim(), segment: '' });
          }}
        />
      )}

      {savingSegment && (
        <SaveSegmentDialog
          filter={draft}
          onClose={() => setSavingSegment(false)}
          onSaved={(s) => {
            setSavingSegment(false);
            notify(`Segment “${s.name}” saved.`);
            segments.reload();
            setSegmentsOpen(true);
            applySegment(s);
          }}
        />
      )}

      <div id="customer-filters" class={`filters${filtersOpen ? ' filters--open' : ''}`}>
        <label>
          <span>Status</span>
          <select
            name="status"
            value={filters.status}
            onChange={(e) => setFilter('status', e.currentTarget.value)}
          >
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="banned">Banned</option>
          </select>
        </label>
        <label>
          <span>Kind</span>
          <select
            name="kind"
            value={filters.kind}
            onChange={(e) => setFilter('kind', e.currentTarget.value)}
          >
            <option value="">Any</option>
            <option value="registered">Registered</option>
            <option value="guest">Guest</option>
          </select>
        </label>
        <label>
          <span>E-mail verified</span>
          <select
            name="verified"
            value={filters.verified}
            onChange={(e) => setFilter('verified', e.currentTarget.value)}
          >
            <option value="">Any</option>
            <option value="true">Verified</option>
            <option value="false">Unverified</option>
          </select>
        </label>
        <label>
          <span>Deletion requested</span>
          <select
            name="deletion_requested"
            value={filters.deletion_requested}
            onChange={(e) => setFilter('deletion_requested', e.currentTarget.value)}
          >
            <option value="">Any</option>
            <option value="true">Requested</option>
          </select>
        </label>
        <label>
          <span>Group</span>
          <select
            name="group"
            value={filters.group}
            onChange={(e) => setFilter('group', e.currentTarget.value)}
          >
            <option value="">Any</option>
            {groups.data?.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Tag</span>
          <select
            name="tag"
            value={filters.tag}
            onChange={(e) => setFilter('tag', e.currentTarget.value)}
          >
            <option value="">Any</option>
            {tags.data?.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        {/* Applied when a country is chosen; text that names none is said, not applied. */}
        <InlinePicker
          key={`country-${clears}`}
          class="filters__picker"
          label="Country"
          name="country"
          source={kCountries}
          empty="Any"
          placeholder="Any"
          error={filterError('country')}
          value={filters.country}
          onChange={(code) => setFilter('country', code)}
        />
        <InlinePicker
          key={`address-country-${clears}`}
          class="filters__picker"
          label="Default address in"
          name="address_country"
          source={kCountries}
          empty="Any"
          placeholder="Any"
          error={filterError('address_country')}
          value={filters.address_country}
          onChange={(code) => setFilter('address_country', code)}
        />
        <label>
          <span>Default address city</span>
          <FilterText
            name="address_city"
            error={filterError('address_city')}
            placeholder="e.g. Berlin"
            value={filters.address_city}
            onApply={(v) => setFilter('address_city', v.trim())}
          />
        </label>
        <label>
          <span>Registered from</span>
          <input
            type="date"
            name="registered_from"
            value={filters.registered_from}
            onChange={(e) => setFilter('registered_from', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Registered before</span>
          <input
            type="date"
            name="registered_to"
            value={filters.registered_to}
            onChange={(e) => setFilter('registered_to', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Orders at least</span>
          <FilterText
            name="orders_min"
            error={filterError('orders_min')}
            inputMode="numeric"
            placeholder="e.g. 2"
            value={filters.orders_min}
            onApply={(v) => setFilter('orders_min', /^\d+$/.test(v.trim()) ? v.trim() : '')}
          />
        </label>
        <label>
          <span>Spent at least</span>
          <FilterText
            name="total_spent_min"
            error={filterError('total_spent_min')}
            inputMode="decimal"
            placeholder={`e.g. 100 (${settings.currency})`}
            value={
              /^\d+$/.test(filters.total_spent_min)
                ? toDecimal(Number(filters.total_spent_min), settings.currency)
                : filters.total_spent_min
            }
            onApply={(v) => {
              const minor = parseMoney(v, settings.currency, { zero: true });
              setFilter('total_spent_min', minor === null ? '' : String(minor));
            }}
          />
        </label>
        <label>
          <span>Last order since</span>
          <input
            type="date"
            name="last_order_from"
            value={filters.last_order_from}
            onChange={(e) => setFilter('last_order_from', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Store credit at least</span>
          <FilterText
            name="balance_min"
            error={filterError('balance_min')}
            inputMode="decimal"
            placeholder={`e.g. 10 (${settings.currency})`}
            value={
              /^\d+$/.test(filters.balance_min)
                ? toDecimal(Number(filters.balance_min), settings.currency)
                : filters.balance_min
            }
            onApply={(v) => {
              const minor = parseMoney(v, settings.currency, { zero: true });
              setFilter('balance_min', minor === null ? '' : String(minor));
            }}
          />
        </label>
        <label>
          <span>Bought product</span>
          <FilterText
            name="bought_product"
            error={filterError('bought_product')}
            placeholder="SKU"
            value={filters.bought_product}
            onApply={(v) => setFilter('bought_product', v.trim())}
          />
        </label>
        {hasQuery && (
          <button type="button" class="button button--link" onClick={clearAll}>
            Clear all
          </button>
        )}
      </div>

      {exporting && (
        <ExportDialog
          filter={{ ...listParams, sort }}
          segmentName={selection.segment ? (segment?.name ?? selection.segment) : undefined}
          matching={summary}
          chosen={allMatching ? [] : [...selected]}
          onClose={() => setExporting(false)}
        />
      )}

      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          names={Object.fromEntries(items.map((c) => [c.id, customerName(c)]))}
          groups={groups.data ?? []}
          tags={tags.data ?? null}
          matching={matchingTotal}
          allMatching={allMatching}
          onSelectMatching={() => setMatchingFor(pageKey)}
          onChangeMatching={(change) =>
            matchingTotal !== null &&
            setMatchingChange({ change, total: matchingTotal, filter: listParams })
          }
          onClear={clearRows}
          onDone={(report) => {
            notify(report.message);
            setBulkReport(report.skipped.length > 0 ? report : null);
            setSelected(new Set());
            result.reload();
            tags.reload();
            groups.reload();
          }}
        />
      )}

      {matchingChange && (
        <MatchingBulkDialog
          {...matchingChange}
          filterLabel={(param) => kFilterLabels[param] ?? param}
          canCancel={can('edit_customers')}
          // The job works from the filters, not the rows: the selection has done its part.
          onStarted={() => {
            clearRows();
            setBulkReport(null);
          }}
          onFinished={(job, outcome) => {
            if (job.state === 'succeeded') notify(outcome);
            result.reload();
            tags.reload();
            groups.reload();
          }}
          onClose={(running) => {
            setMatchingChange(null);
            if (running)
              notify('The bulk change goes on in the background; Jobs shows its progress.');
          }}
        />
      )}

      {bulkReport && (
        <div class="banner banner--info" role="status">
          <div>
            {bulkReport.message} Skipped {formatNumber(bulkReport.skipped.length)}:
            <ul class="banner__list">
              {bulkReport.skipped.map((s, i) => (
                <li key={i}>
                  <strong>{s.name}</strong>: {s.detail}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" class="button button--link" onClick={() => setBulkReport(null)}>
            Dismiss
          </button>
        </div>
      )}

      <p class="summary" aria-live="polite">
        {summary}
        {listTotal && !listTotal.exact && exactCount === null && (
          <>
            {' · '}
            {countFor === key && counted.loading ? (
              <span class="muted">Counting…</span>
            ) : (
              <button
                type="button"
                class="link-button"
                onClick={() => (countFor === key ? counted.reload() : setCountFor(key))}
              >
                {countFor === key && counted.error ? 'Counting failed: try again' : 'Count exactly'}
              </button>
            )}
          </>
        )}
        {(result.loading || stale) && !result.error && <span class="muted"> · Searching…</span>}
      </p>

      <ErrorBanner error={result.error} onRetry={result.reload} />
      {filterErrors.length > 0 && (
        <ul class="filter-errors" aria-label="Filters to correct">
          {filterErrors.map((e) => (
            <li key={e.field}>
              <strong>{kFilterLabels[e.field] ?? e.field}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}

      <div
        class="results"
        aria-busy={result.loading}
        data-loaded-query={data && !result.loading ? data.query : undefined}
      >
        {data && items.length === 0 && !result.loading && !result.error ? (
          <div class="empty">
            {hasQuery ? (
              <>
                <p>No customers match this search.</p>
                <button type="button" class="button" onClick={clearAll}>
                  Clear search and filters
                </button>
              </>
            ) : (
              <>
                <p>No customers yet.</p>
                {can('edit_customers') && (
                  <Link to="/customers/new" class="button button--primary">
                    Create the first customer
                  </Link>
                )}
              </>
            )}
          </div>
        ) : (
          items.length > 0 && (
            <div class="table-wrap" id="customer-results">
              {/* What the header row does, for the cards that replace the rows on a phone. */}
              <div class="cards-header">
                {can('edit_customers') && (
                  <label class="checkbox">
                    <input type="checkbox" checked={allSelected} onChange={toggleAllOnPage} />
                    <span>Select all on this page</span>
                  </label>
                )}
                <label class="cards-header__sort">
                  <span>Sort</span>
                  <select name="sort" value={sort} onChange={(e) => setSort(e.currentTarget.value)}>
                    {[
                      ...kSortChoices,
                      ...kReverseSortChoices.filter(([value]) => value === sort),
                    ].map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <table
                class={`table table--cards customers-table${guests ? ' customers-table--guests' : ''}`}
              >
                <thead>
                  <tr>
                    {can('edit_customers') && (
                      <th class="col-select">
                        <input
                          type="checkbox"
                          aria-label="Select all customers on this page"
                          checked={allSelected}
                          onChange={toggleAllOnPage}
                        />
                      </th>
                    )}
                    {columns.map((col) => {
                      const dir =
                        col.sort && sort === col.sort
                          ? 'ascending'
                          : col.sort && sort === `-${col.sort}`
                            ? 'descending'
                            : undefined;
                      return (
                        <th key={col.key} aria-sort={dir} class={`col-${col.key}`}>
                          {col.sort ? (
                            <button
                              type="button"
                              class="sort-button"
                              onClick={() => toggleSort(col)}
                            >
                              {col.label}
                              <span class="sort-button__arrow" aria-hidden="true">
                                {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
                              </span>
                            </button>
                          ) : (
                            col.label
                          )}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr
                      key={c.id}
                      class={`is-clickable${selected.has(c.id) ? ' is-selected' : ''}`}
                      onClick={(e) => openRow(e, c)}
                    >
                      {can('edit_customers') && (
                        <td class="col-select">
                          <input
                            type="checkbox"
                            aria-label={`Select ${customerName(c)}`}
                            checked={selected.has(c.id)}
                            onChange={() => {
                              const next = new Set(selected);
                              if (next.has(c.id)) next.delete(c.id);
                              else next.add(c.id);
                              setSelected(next);
                              setMatchingFor(null);
                            }}
                          />
                        </td>
                      )}
                      {columns.map((col) => (
                        <td
                          key={col.key}
                          class={`col-${col.key}`}
                          data-label={col.label}
                          // A card leaves out what is not there.
                          data-empty={isEmpty(col.key, c) ? '' : undefined}
                        >
                          <Cell column={col.key} customer={c} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        )}
      </div>

      <Pager
        label="Customer pages"
        busy={result.loading}
        hasPrevious={stack.length > 1}
        hasNext={!!data?.next_cursor && !stale}
        onPrevious={() => goTo(stack.slice(0, -1))}
        onNext={() => data?.next_cursor && goTo([...stack, data.next_cursor])}
      />
      <div class="list-footer">
        {stack.length > 1 && <p class="muted small page-number">Page {stack.length}</p>}
        <label class="page-size">
          <span>Per page</span>
          <select value={String(limit)} onChange={(e) => setLimit(Number(e.currentTarget.value))}>
            {kPageSizes.map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
