// Likely duplicate accounts: the store-wide Duplicates page (GET /api/admin/duplicates, best
// first) and the profile's "Possible duplicates" panel (GET …/customers/{id}/duplicates). Each
// pair shows both customers, how likely they are one person (a percent) and why, in words.
// Merge… opens the merge dialog (pages/merge.tsx) with the duplicate chosen; Not duplicates (POST
// /api/admin/duplicates/dismiss) hides the pair for good. Either way the pair leaves the list.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, seg } from '../api';
import { ErrorBanner, Link, Loading, PageHeader, StatusBadge } from '../components/ui';
import { formatDate, fullName, plural } from '../format';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type {
  Customer,
  DuplicateBrief,
  DuplicateCandidate,
  DuplicatePair,
  DuplicatePairList,
  DuplicateReason,
  MergeSummary,
} from '../types';
import { MergeDialog } from './merge';
import './duplicates.css';

// The most pairs the page lists (the server takes up to 500).
const kLimit = 100;

const kReasonLabels: Record<string, string> = {
  same_email: 'Same e-mail address',
  similar_email: 'Same e-mail address apart from dots or a +tag',
  same_phone: 'Same phone number',
  same_name_postal_code: 'Same name and postal code',
  same_name_city: 'Same name and city',
};

export function reasonLabel(code: string): string {
  return kReasonLabels[code] ?? code.replace(/_/g, ' ');
}

// A score from 0 to 1 as a whole percent; a pair short of certain never shows as 100%.
export function scorePercent(score: number): string {
  const percent = Math.round(score * 100);
  return `${score < 1 ? Math.min(percent, 99) : percent}%`;
}

function displayName(c: Pick<DuplicateBrief, 'full_name' | 'email' | 'phone' | 'id'>): string {
  return c.full_name.trim() || c.email || c.phone || c.id;
}

// The brief of a customer read in full (the profile's own), named as the profile's header is.
export function briefOf(c: Customer): DuplicateBrief {
  return {
    id: c.id,
    full_name: fullName(c.first_name, c.last_name),
    email: c.email,
    phone: c.phone,
    kind: c.kind,
    status: c.status,
    registered_at: c.registered_at,
    orders_count: c.orders_count ?? 0,
  };
}

// Which of two customers a merge keeps: `first` (the older one on the page, the profile's own on
// the profile), unless it is a guest checkout record and the other a registered account, which
// cannot be merged into a guest record.
function keeperOf(first: DuplicateBrief, second: DuplicateBrief): [DuplicateBrief, DuplicateBrief] {
  return first.kind === 'guest' && second.kind !== 'guest' ? [second, first] : [first, second];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

// What is gone from a list since it was read: pairs marked as not duplicates, and customers
// merged away (every pair of theirs goes with them).
interface Gone {
  pairs: Set<string>;
  customers: Set<string>;
}

function isGone(gone: Gone, a: string, b: string): boolean {
  return gone.pairs.has(pairKey(a, b)) || gone.customers.has(a) || gone.customers.has(b);
}

interface Merging {
  survivor: Customer;
  other: DuplicateBrief;
}

// Merge… and Not duplicates for the pairs of one list: the pair being worked on, what failed,
// the merge dialog to render, and what is gone. After a merge a notice says who was merged into
// whom; the focus goes to `fallbackFocus` when the button that had it went with its pair.
function usePairActions(options: {
  fallbackFocus: RefObject<HTMLElement>;
  onDismissed?: () => void;
  onMerged?: (survivor: Customer, other: DuplicateBrief, summary: MergeSummary) => void;
}) {
  const { notify } = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ title: string; error: unknown } | null>(null);
  const [merging, setMerging] = useState<Merging | null>(null);
  const [gone, setGone] = useState<Gone>({ pairs: new Set(), customers: new Set() });
  const [removals, setRemovals] = useState(0);

  useEffect(() => {
    if (!removals) return;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) {
      (options.fallbackFocus.current ?? document.getElementById('main'))?.focus();
    }
  }, [removals]);

  async function dismiss(a: DuplicateBrief, b: DuplicateBrief) {
    const key = pairKey(a.id, b.id);
    if (busy) return;
    setBusy(key);
    setProblem(null);
    try {
      await api.post('/api/admin/duplicates/dismiss', { customers: [a.id, b.id] });
      setGone((g) => ({ ...g, pairs: new Set(g.pairs).add(key) }));
      setRemovals((n) => n + 1);
      notify(`${displayName(a)} and ${displayName(b)} are marked as not duplicates.`);
      options.onDismissed?.();
    } catch (e) {
      setProblem({ title: 'Not marked as not duplicates:', error: e });
    } finally {
      setBusy(null);
    }
  }

  // Opens the merge dialog: the keeper read in full first (`known` when it is at hand).
  async function merge(first: DuplicateBrief, second: DuplicateBrief, known?: Customer) {
    if (busy) return;
    const [keep, other] = keeperOf(first, second);
    setProblem(null);
    if (known && known.id === keep.id) {
      setMerging({ survivor: known, other });
      return;
    }
    setBusy(pairKey(first.id, second.id));
    try {
      const r = await api.get<Customer>(`/api/admin/customers/${seg(keep.id)}`);
      setMerging({ survivor: r.data, other });
    } catch (e) {
      setProblem({ title: 'The merge could not be opened:', error: e });
    } finally {
      setBusy(null);
    }
  }

  let dialog: ComponentChildren = null;
  if (merging) {
    const { survivor, other } = merging;
    const name = displayName(survivor);
    dialog = (
      <MergeDialog
        customer={survivor}
        name={name}
        initial={[{ id: other.id, name: displayName(other), email: other.email, kind: other.kind }]}
        onClose={() => setMerging(null)}
        onMerged={(summary) => {
          setMerging(null);
          const ids = summary.merged.map((m) => m.id);
          setGone((g) => ({ ...g, customers: new Set([...g.customers, ...ids]) }));
          setRemovals((n) => n + 1);
          const who = summary.merged.map((m) => m.name || m.email || m.id);
          notify(`Merged ${who.join(', ')} into ${summary.survivor.name || name}.`);
          options.onMerged?.(survivor, other, summary);
        }}
      />
    );
  }
  return { busy, problem, dialog, gone, dismiss, merge };
}

function Who({ c }: { c: DuplicateBrief }) {
  return (
    <div class="duplicate-who" data-customer-id={c.id}>
      <span class="duplicate-who__name">
        <Link to={`/customers/${seg(c.id)}`}>{displayName(c)}</Link>
        {c.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
        {c.status !== 'active' && <StatusBadge status={c.status} />}
      </span>
      <span class="muted small duplicate-who__meta">
        {c.email && <span data-field="email">{c.email}</span>}
        {c.phone && <span data-field="phone">{c.phone}</span>}
        <span data-field="orders">{plural(c.orders_count, 'order')}</span>
        <span data-field="registered">Registered {formatDate(c.registered_at)}</span>
      </span>
    </div>
  );
}

function Reasons({ reasons }: { reasons: DuplicateReason[] }) {
  return (
    <ul class="duplicate-reasons" aria-label="Why">
      {reasons.map((r) => (
        <li key={r.code} data-reason={r.code}>
          {reasonLabel(r.code)}
        </li>
      ))}
    </ul>
  );
}

// Merge… and Not duplicates, each for those allowed.
function PairButtons(props: {
  busy: boolean;
  describedBy: string;
  onMerge?: () => void;
  onDismiss?: () => void;
}) {
  return (
    <>
      {props.onMerge && (
        <button
          type="button"
          class="button button--small"
          aria-describedby={props.describedBy}
          disabled={props.busy}
          onClick={props.onMerge}
        >
          Merge…
        </button>
      )}
      {props.onDismiss && (
        <button
          type="button"
          class="button button--small"
          aria-describedby={props.describedBy}
          disabled={props.busy}
          onClick={props.onDismiss}
        >
          Not duplicates
        </button>
      )}
    </>
  );
}

export function DuplicatesPage() {
  const { can } = useApp();
  const canMerge = can('merge_customers');
  const canDismiss = can('edit_customers');
  const countRef = useRef<HTMLParagraphElement>(null);
  const list = useResource(
    (signal) =>
      api
        .get<DuplicatePairList>('/api/admin/duplicates', { signal, query: { limit: kLimit } })
        .then((r) => r.data),
    [],
  );
  const actions = usePairActions({
    fallbackFocus: countRef,
    // The list read again: pairs beyond the limit move up, a merged customer's others go.
    onDismissed: list.reload,
    onMerged: list.reload,
  });
  const all = list.data?.items ?? [];
  const items = all.filter((p) => !isGone(actions.gone, p.customer.id, p.other.id));
  const pairs = Math.max(0, (list.data?.pairs_found ?? 0) - (all.length - items.length));
  const withActions = canMerge || canDismiss;
  return (
    <section>
      <PageHeader title="Duplicates" />
      <p class="muted">
        Customers who look like the same person: the same e-mail address (also apart from case,
        Gmail dots and a +tag), the same phone number, or the same name at the same postal code or
        city. Merge them, or mark them as not duplicates and they are not shown again.
      </p>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {actions.problem && (
        <ErrorBanner title={actions.problem.title} error={actions.problem.error} />
      )}
      {!list.data && !list.error && <Loading label="Looking for duplicates…" />}
      {list.data && (
        <p class="duplicates-count" data-testid="duplicates-count" ref={countRef} tabIndex={-1}>
          {pairs === 0 ? 'No likely duplicate pairs' : plural(pairs, 'likely duplicate pair')}
          {items.length > 0 && items.length < pairs && (
            <span class="muted"> · the {items.length} most likely are listed</span>
          )}
        </p>
      )}
      {list.data && items.length === 0 && (
        <p class="empty" data-testid="duplicates-empty">
          No customers look like duplicates of each other.
        </p>
      )}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards duplicates-table" aria-label="Likely duplicate pairs">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Possible duplicate</th>
                <th scope="col" class="num">
                  Likelihood
                </th>
                <th scope="col">Why</th>
                {withActions && (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <PairRow
                  key={pairKey(p.customer.id, p.other.id)}
                  pair={p}
                  busy={actions.busy === pairKey(p.customer.id, p.other.id)}
                  withActions={withActions}
                  onMerge={canMerge ? () => void actions.merge(p.customer, p.other) : undefined}
                  onDismiss={
                    canDismiss ? () => void actions.dismiss(p.customer, p.other) : undefined
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {actions.dialog}
    </section>
  );
}

function PairRow(props: {
  pair: DuplicatePair;
  busy: boolean;
  withActions: boolean;
  onMerge?: () => void;
  onDismiss?: () => void;
}) {
  const { pair } = props;
  const whoId = `duplicate-${pair.customer.id}-${pair.other.id}`;
  return (
    <tr data-customer={pair.customer.id} data-other={pair.other.id} aria-busy={props.busy}>
      <td data-label="Customer" id={`${whoId}-a`}>
        <Who c={pair.customer} />
      </td>
      <td data-label="Duplicate" id={`${whoId}-b`}>
        <Who c={pair.other} />
      </td>
      <td data-label="Likelihood" class="num" data-testid="score">
        {scorePercent(pair.score)}
      </td>
      <td data-label="Why" data-testid="reasons">
        <Reasons reasons={pair.reasons} />
      </td>
      {props.withActions && (
        <td class="row-actions">
          <PairButtons
            busy={props.busy}
            describedBy={`${whoId}-a ${whoId}-b`}
            onMerge={props.onMerge}
            onDismiss={props.onDismiss}
          />
        </td>
      )}
    </tr>
  );
}

// The profile's likely duplicates of `customer`, shown only when there are any. A merge keeps
// this customer (unless it is a guest checkout record and the other a registered account):
// `onMerged` says which customer survived, for the profile to read again or to open.
export function PossibleDuplicates(props: {
  customer: Customer;
  onDismissed: () => void;
  onMerged: (survivorId: string) => void;
}) {
  const { customer } = props;
  const { can } = useApp();
  const canMerge = can('merge_customers');
  const canDismiss = can('edit_customers');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = useResource(
    (signal) =>
      api
        .get<{
          items: DuplicateCandidate[];
        }>(`/api/admin/customers/${seg(customer.id)}/duplicates`, { signal })
        .then((r) => r.data.items),
    // Read again when the customer changes (an e-mail address, a merge).
    [customer.id, customer.version],
  );
  const actions = usePairActions({
    fallbackFocus: headingRef,
    onDismissed: () => {
      list.reload();
      props.onDismissed();
    },
    onMerged: (survivor) => props.onMerged(survivor.id),
  });
  const me = briefOf(customer);
  const items = (list.data ?? []).filter((c) => !isGone(actions.gone, customer.id, c.customer.id));

  if (list.error && !list.data) {
    return (
      <ErrorBanner
        title="Possible duplicates could not be read:"
        error={list.error}
        onRetry={list.reload}
      />
    );
  }
  if (!items.length) return <>{actions.dialog}</>;
  return (
    <section
      class="subform duplicates-panel"
      aria-labelledby="duplicates-panel-heading"
      data-testid="possible-duplicates"
    >
      <h2 id="duplicates-panel-heading" ref={headingRef} tabIndex={-1}>
        Possible duplicates
      </h2>
      {actions.problem && (
        <ErrorBanner title={actions.problem.title} error={actions.problem.error} />
      )}
      <ul class="duplicates-panel__list" aria-label="Possible duplicates">
        {items.map((c) => {
          const key = pairKey(customer.id, c.customer.id);
          const whoId = `possible-duplicate-${c.customer.id}`;
          return (
            <li key={key} class="duplicates-panel__item" data-customer-id={c.customer.id}>
              <div id={whoId}>
                <Who c={c.customer} />
              </div>
              <div class="duplicates-panel__why">
                <strong data-testid="score">{scorePercent(c.score)}</strong>{' '}
                <span class="muted small">likely</span>
                <Reasons reasons={c.reasons} />
              </div>
              {(canMerge || canDismiss) && (
                <div class="duplicates-panel__actions">
                  <PairButtons
                    busy={actions.busy === key}
                    describedBy={whoId}
                    onMerge={
                      canMerge ? () => void actions.merge(me, c.customer, customer) : undefined
                    }
                    onDismiss={canDismiss ? () => void actions.dismiss(me, c.customer) : undefined}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {actions.dialog}
    </section>
  );
}
