// Merge duplicates, from a customer's Tools menu (owners and admins): this customer is the one
// kept; the customers to merge into it are found by name or e-mail as one types, or come chosen
// already (a likely duplicate's Merge…, pages/duplicates.tsx). The preview
// (POST …/merge/preview) shows per merged customer what moves (orders, transactions, store credit
// with its amounts, library, downloads, wishlist, addresses, tags, messages, the note) and what
// ends (sessions, the sign-in account, the record), the store credit before and after per
// currency, the profile fields that differ, each with a choice between this customer's value (the
// default) and the others' (a choice runs the preview again with "fields"), the empty fields that
// are filled, and the warnings. The merge cannot be undone: that is said above the button, which
// stays off until the admin ticks that they understand. Then POST …/merge, all or nothing.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import { Checkbox, ErrorBanner, Field, Link, Loading, Modal, StatusBadge } from '../components/ui';
import { customerName, formatMoney, plural } from '../format';
import { useDebounced, useResource } from '../hooks';
import type {
  Customer,
  CustomerPage,
  MergeFieldValue,
  MergedCustomer,
  MergeSummary,
} from '../types';
import './merge.css';

// The most customers one merge takes (the server's limit).
const kMaxMerged = 10;

const kMergeFieldLabels: Record<string, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'E-mail',
  phone: 'Phone',
  country: 'Country',
  language: 'Language',
  company: 'Company',
  fax: 'Fax',
  group: 'Group',
  commission_reduced_bp: 'Reduced commission',
  library_all_access: 'Library: all access',
  member_directory_access: 'Member directory access',
  email_marketing_consent: 'E-mail marketing consent',
  sms_marketing_consent: 'SMS marketing consent',
  messenger_marketing_consent: 'Messenger marketing consent',
};

export function mergeFieldLabel(field: string): string {
  return kMergeFieldLabels[field] ?? field.replace(/_/g, ' ');
}

// A profile value in words: yes/no, a commission in percent, "(empty)".
export function mergeValueText(field: string, value: MergeFieldValue): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'commission_reduced_bp' && typeof value === 'number') {
    return `${(value / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;
  }
  const text = String(value ?? '');
  return text === '' ? '(empty)' : text;
}

// A customer chosen to merge in.
export interface Chosen {
  id: string;
  name: string;
  email: string;
  kind: Customer['kind'];
}

interface Preview {
  key: string;
  summary: MergeSummary;
}

export function MergeDialog(props: {
  customer: Customer;
  name: string;
  // The customers chosen when the dialog opens (a likely duplicate's Merge…); none by default.
  // Read once: later changes are the admin's.
  initial?: Chosen[];
  onClose: () => void;
  // The merge is done: the summary of what it did.
  onMerged: (summary: MergeSummary) => void;
}) {
  const { customer, name } = props;
  const base = `/api/admin/customers/${seg(customer.id)}/merge`;
  const [chosen, setChosen] = useState<Chosen[]>(() =>
    (props.initial ?? []).filter((c) => c.id !== customer.id).slice(0, kMaxMerged),
  );
  // The fields taken from a merged customer: field -> that customer's id (absent: this one's).
  const [picks, setPicks] = useState<Record<string, string>>({});
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const body = { merge: chosen.map((c) => c.id), fields: picks };
  const key = JSON.stringify(body);
  const preview = useResource<Preview | null>(
    async (signal) => {
      if (!body.merge.length) return null;
      const r = await api.post<MergeSummary>(`${base}/preview`, body, { signal });
      return { key, summary: r.data };
    },
    [key],
  );
  const previewError = preview.error instanceof ApiError ? preview.error : null;
  const refused = !preview.loading && !!preview.error;
  // The problem to show: the merge's own when it failed, else the preview's.
  const problem = runError ?? (refused ? asApiError(preview.error) : null);
  // The last preview stays in view while the next one loads (a choice keeps its focus); a refused
  // one takes it away.
  const current = refused ? null : (preview.data?.summary ?? null);
  const ready = preview.data?.key === key && !preview.loading && !preview.error;

  // After a failed merge, the focus goes to what went wrong.
  useEffect(() => {
    if (runError) alertRef.current?.focus();
  }, [runError]);

  function change(next: Chosen[]) {
    setChosen(next);
    const ids = new Set(next.map((c) => c.id));
    setPicks((old) => Object.fromEntries(Object.entries(old).filter(([, id]) => ids.has(id))));
    setUnderstood(false); // the acknowledgement was for other customers
    setRunError(null);
  }

  function pick(field: string, id: string) {
    setPicks((old) => {
      const next = { ...old };
      if (id === customer.id) delete next[field];
      else next[field] = id;
      return next;
    });
    setRunError(null);
  }

  async function merge() {
    if (!ready || !understood || busy) return;
    setBusy(true);
    setRunError(null);
    try {
      const r = await api.post<MergeSummary>(base, body);
      props.onMerged(r.data);
    } catch (e) {
      setRunError(asApiError(e));
      setBusy(false);
      preview.reload(); // whatever changed meanwhile shows in the preview
    }
  }

  const nameOf = (id: string): string =>
    id === customer.id ? name : (chosen.find((c) => c.id === id)?.name ?? id);
  const count = chosen.length;
  const confirmLabel = busy
    ? 'Merging…'
    : count
      ? `Merge ${plural(count, 'customer')}`
      : 'Merge customers';
  return (
    <Modal
      title={`Merge duplicates into ${name}`}
      wide
      class="merge-dialog"
      onClose={() => {
        if (!busy) props.onClose();
      }}
    >
      <form
        noValidate
        aria-label="Merge duplicates"
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
      >
        <section class="merge-keep" aria-labelledby="merge-keep-heading">
          <h3 id="merge-keep-heading">Keep this customer</h3>
          <p class="merge-keep__who" data-testid="merge-survivor">
            <strong>{name}</strong>
            {customer.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
            <StatusBadge status={customer.status} />
            <span class="muted small merge-who__meta">
              {customer.email && <span>{customer.email}</span>}
              <code>{customer.id}</code>
            </span>
          </p>
          <p class="muted small">
            Everything of the customers below moves here; this customer keeps its id
            {customer.kind === 'registered' ? ', sign-in' : ''} and profile, except the values you
            choose from the others.
          </p>
        </section>

        <CustomerPicker
          survivor={customer}
          chosen={chosen}
          errors={runError ?? previewError}
          onAdd={(c) => change([...chosen, c])}
          onRemove={(id) => change(chosen.filter((c) => c.id !== id))}
        />

        {problem && (
          <MergeProblem
            error={problem}
            survivor={customer}
            name={name}
            chosen={chosen}
            alertRef={alertRef}
          />
        )}

        {count > 0 && !current && !problem && <Loading label="Working out what moves…" />}
        {current && (
          <PreviewView
            summary={current}
            survivorName={name}
            survivorTags={customer.tags}
            picks={picks}
            loading={preview.loading}
            error={runError ?? previewError}
            nameOf={nameOf}
            onPick={pick}
          />
        )}

        {count > 0 && (
          <div class="merge-irreversible" data-testid="merge-irreversible">
            <p class="banner banner--warning merge-irreversible__text" id="merge-irreversible-text">
              <span>
                <strong>A merge cannot be undone.</strong>{' '}
                {count === 1
                  ? `${chosen[0]!.name}'s record is removed for good: everything listed above moves to ${name} in one step${chosen[0]!.kind === 'registered' ? ', and its sign-in account closes' : ''}. Its old id leads to ${name} from now on.`
                  : `The records of these ${count} customers are removed for good: everything listed above moves to ${name} in one step, and their sign-in accounts close. Their old ids lead to ${name} from now on.`}
              </span>
            </p>
            <Checkbox
              name="understood"
              label="I understand this cannot be undone"
              checked={understood}
              disabled={busy}
              onChange={setUnderstood}
            />
          </div>
        )}

        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            class="button button--danger"
            aria-describedby={count ? 'merge-irreversible-text' : undefined}
            disabled={!ready || !understood || busy}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// Customers found by name or e-mail as one types, to add to the merge (not the survivor, nor one
// chosen already); the chosen ones with Remove, and the server's word on each.
function CustomerPicker(props: {
  survivor: Customer;
  chosen: Chosen[];
  errors: ApiError | null;
  onAdd: (c: Chosen) => void;
  onRemove: (id: string) => void;
}) {
  const { survivor, chosen } = props;
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 200);
  const found = useResource(
    async (signal) => {
      if (!query) return { query, items: [] as Customer[] };
      const r = await api.get<CustomerPage>('/api/admin/customers', {
        signal,
        query: { q: query, limit: 10 },
      });
      return { query, items: r.data.items };
    },
    [query],
  );
  const taken = new Set([survivor.id, ...chosen.map((c) => c.id)]);
  const all = found.data?.items ?? [];
  const items = all.filter((c) => !taken.has(c.id));
  const full = chosen.length >= kMaxMerged;
  const settled = !!found.data && found.data.query === query && query === q.trim();
  return (
    <section class="merge-picker product-picker" aria-labelledby="merge-picker-heading">
      <h3 id="merge-picker-heading">Merge into this customer</h3>
      {chosen.length === 0 ? (
        <p class="muted" data-testid="merge-chosen-none">
          No customer chosen yet: find the duplicates below.
        </p>
      ) : (
        <ul class="merge-chosen" aria-label="Customers to merge in">
          {chosen.map((c, i) => {
            const error = props.errors?.field(`merge[${i}]`);
            return (
              <li key={c.id} class="merge-chosen__item" data-customer-id={c.id}>
                <span class="merge-chosen__who">
                  <strong>{c.name}</strong>
                  {c.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
                  <span class="muted small merge-who__meta">
                    {c.email && <span>{c.email}</span>}
                    <code>{c.id}</code>
                  </span>
                  {error && <span class="field__error">{error}</span>}
                </span>
                <button
                  type="button"
                  class="button button--small"
                  aria-label={`Remove ${c.name}`}
                  onClick={() => props.onRemove(c.id)}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <Field
        label="Find customers to merge in"
        hint={
          full
            ? `${kMaxMerged} customers is the most one merge takes.`
            : 'By name or e-mail address.'
        }
      >
        {(a) => (
          <input
            {...a}
            type="search"
            name="merge_search"
            autoComplete="off"
            spellcheck={false}
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        )}
      </Field>
      <ErrorBanner error={found.error} onRetry={found.reload} />
      {query && !found.data && !found.error && <Loading label="Searching customers…" />}
      {settled && query && items.length === 0 && (
        <p class="muted" data-testid="merge-no-match">
          {all.length ? `No other customer matches “${query}”.` : `No customer matches “${query}”.`}
        </p>
      )}
      {items.length > 0 && (
        <ul
          class="product-picker__results merge-results"
          aria-label="Matching customers"
          aria-busy={found.loading}
        >
          {items.map((c) => {
            const label = customerName(c);
            return (
              <li key={c.id} data-customer-id={c.id}>
                <button
                  type="button"
                  class="button button--small"
                  disabled={full}
                  aria-label={`Add ${label}${c.email ? ` (${c.email})` : ''}`}
                  onClick={() =>
                    props.onAdd({ id: c.id, name: label, email: c.email, kind: c.kind })
                  }
                >
                  Add
                </button>
                <span class="product-picker__name">
                  {label}
                  {c.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
                  {c.status !== 'active' && <StatusBadge status={c.status} />}
                  <span class="muted small merge-who__meta">
                    {c.email && <span>{c.email}</span>}
                    {c.orders_count !== undefined && <span>{plural(c.orders_count, 'order')}</span>}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// A refused preview or merge, in words: a customer merged already, a registered account that
// cannot go into a guest record, someone's change meanwhile; field problems show at the fields.
function MergeProblem(props: {
  error: ApiError;
  survivor: Customer;
  name: string;
  chosen: Chosen[];
  alertRef: RefObject<HTMLDivElement>;
}) {
  const { error, chosen } = props;
  let text: ComponentChildren = error.detail;
  if (error.code === 'already_merged') {
    // "cus_a was merged into cus_b already; …": the customer by name, the survivor as a link.
    const m = /^(\S+) was merged into (\S+?) already/.exec(error.detail);
    const who = m && chosen.find((c) => c.id === m[1]);
    text =
      m && who ? (
        <>
          <strong>Merged already.</strong> {who.name} was merged into another customer meanwhile (
          <Link to={`/customers/${seg(m[2]!)}`}>{m[2]}</Link>), and a merge cannot be repeated.
          Remove {who.name} from the list.
        </>
      ) : (
        <>
          <strong>Merged already.</strong> {error.detail}
        </>
      );
  } else if (error.code === 'survivor_is_guest') {
    const accounts = chosen.filter((c) => c.kind === 'registered');
    text = (
      <>
        <strong>{props.name} is a guest checkout record</strong>, and a registered account cannot be
        merged into one. Keep the account instead: open its profile and merge this record into it
        from there
        {accounts.length > 0 && (
          <>
            {' '}
            (
            {accounts.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ', '}
                <Link to={`/customers/${seg(c.id)}`}>{c.name}</Link>
              </span>
            ))}
            )
          </>
        )}
        .
      </>
    );
  } else if (error.status === 412) {
    text = (
      <>
        <strong>A customer changed meanwhile.</strong> The preview is read again; check it and merge
        again.
      </>
    );
  } else if (error.status === 422 && error.errors.length) {
    const elsewhere = error.errors.filter(
      (e) => !/^merge\[\d+\]$/.test(e.field) && !e.field.startsWith('fields.'),
    );
    const n = error.errors.length - elsewhere.length;
    text = (
      <>
        {n > 0 && (n === 1 ? 'One choice needs attention.' : `${n} choices need attention.`)}
        {elsewhere.length > 0 && (
          <ul class="banner__list">
            {elsewhere.map((e) => (
              <li key={`${e.field}:${e.code}`}>{e.message}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <div
      ref={props.alertRef}
      class="banner banner--error"
      role="alert"
      tabIndex={-1}
      data-testid="merge-problem"
    >
      <div>
        {text}
        {error.requestId && <span class="muted small"> (request {error.requestId})</span>}
      </div>
    </div>
  );
}

function PreviewView(props: {
  summary: MergeSummary;
  survivorName: string;
  survivorTags: string[];
  picks: Record<string, string>;
  loading: boolean;
  error: ApiError | null;
  nameOf: (id: string) => string;
  onPick: (field: string, id: string) => void;
}) {
  const { summary, survivorName, nameOf } = props;
  const tagsAfter = [
    ...new Set([...props.survivorTags, ...summary.merged.flatMap((m) => m.moves.tags)]),
  ];
  return (
    <div class="merge-preview" aria-busy={props.loading} data-testid="merge-preview">
      <h3>What the merge does</h3>
      {summary.warnings.length > 0 && (
        <div class="banner banner--warning" data-testid="merge-warnings">
          <ul class="banner__list">
            {summary.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}

      {summary.merged.map((m) => (
        <MergedPart key={m.id} part={m} survivorName={survivorName} />
      ))}

      <section class="merge-section" aria-labelledby="merge-credit-heading">
        <h4 id="merge-credit-heading">Store credit</h4>
        {summary.balances.length === 0 ? (
          <p class="muted">No store credit on either side.</p>
        ) : (
          <table class="table table--compact merge-balances">
            <caption class="visually-hidden">Store credit before and after the merge</caption>
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col" class="num">
                  {survivorName} now
                </th>
                <th scope="col" class="num">
                  Moving in
                </th>
                <th scope="col" class="num">
                  After the merge
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.balances.map((b) => (
                <tr key={b.currency} data-currency={b.currency}>
                  <th scope="row">{b.currency}</th>
                  <td class="num" data-testid="merge-balance-before">
                    {formatMoney(b.survivor, b.currency)}
                  </td>
                  <td class="num" data-testid="merge-balance-moving">
                    {formatMoney(b.after - b.survivor, b.currency, true)}
                  </td>
                  <td class="num" data-testid="merge-balance-after">
                    <strong>{formatMoney(b.after, b.currency)}</strong>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="merge-section" aria-labelledby="merge-fields-heading">
        <h4 id="merge-fields-heading">Profile</h4>
        {summary.conflicts.length === 0 ? (
          <p class="muted" data-testid="merge-no-conflicts">
            No field differs: {survivorName} keeps every value.
          </p>
        ) : (
          <>
            <p class="muted small">
              These fields differ. {survivorName}'s value stays unless you choose another.
            </p>
            {summary.conflicts.map((c) => {
              const chosenId = props.picks[c.field] ?? summary.survivor.id;
              const error = props.error?.field(`fields.${c.field}`);
              const shown = new Set([mergeValueText(c.field, c.survivor)]);
              const others = c.values.filter((v) => {
                const text = mergeValueText(c.field, v.value);
                if (shown.has(text)) return false;
                shown.add(text);
                return true;
              });
              const name = `merge-field-${c.field}`;
              return (
                <fieldset
                  key={c.field}
                  class="choice-group merge-conflict"
                  data-field={c.field}
                  aria-describedby={error ? `${name}-error` : undefined}
                >
                  <legend class="choice-group__legend">{mergeFieldLabel(c.field)}</legend>
                  {[{ id: summary.survivor.id, value: c.survivor }, ...others].map((v) => (
                    <div class="radio" key={v.id}>
                      <input
                        type="radio"
                        id={`${name}-${v.id}`}
                        name={name}
                        value={v.id}
                        checked={chosenId === v.id}
                        {...(error ? { 'aria-invalid': 'true' as const } : {})}
                        onChange={() => props.onPick(c.field, v.id)}
                      />
                      <label for={`${name}-${v.id}`}>
                        {mergeValueText(c.field, v.value)}{' '}
                        <span class="muted merge-conflict__from">
                          {v.id === summary.survivor.id
                            ? `(keep, ${survivorName})`
                            : `(from ${nameOf(v.id)})`}
                        </span>
                      </label>
                    </div>
                  ))}
                  {error && (
                    <p class="field__error" id={`${name}-error`}>
                      {error}
                    </p>
                  )}
                </fieldset>
              );
            })}
          </>
        )}
        {summary.filled.length > 0 && (
          <>
            <p class="merge-filled__intro">Filled in, as {survivorName} has no value for them:</p>
            <ul class="merge-filled" aria-label="Fields filled in">
              {summary.filled.map((f) => (
                <li key={f.field} data-field={f.field}>
                  {mergeFieldLabel(f.field)}: <strong>{mergeValueText(f.field, f.value)}</strong>{' '}
                  <span class="muted">(from {nameOf(f.from)})</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <p class="muted small">
          Notes are joined, and the custom fields {survivorName} lacks are added.
          {tagsAfter.length > 0 && <> Tags afterwards: {tagsAfter.join(', ')}.</>}
        </p>
      </section>
    </div>
  );
}

// What one merged customer hands over and what ends with it.
function MergedPart({ part, survivorName }: { part: MergedCustomer; survivorName: string }) {
  const m = part.moves;
  const moves: Array<[string, ComponentChildren]> = [];
  const count = (key: keyof MergedCustomer['moves'], n: number, one: string, many?: string) => {
    if (n > 0) moves.push([key, plural(n, one, many)]);
  };
  count('orders', m.orders, 'order');
  count('transactions', m.transactions, 'transaction');
  if (m.balances.length) {
    moves.push([
      'balances',
      <>
        Store credit{' '}
        <strong>{m.balances.map((b) => formatMoney(b.amount, b.currency)).join(' + ')}</strong>
        {m.wallet_entries > 0 && (
          <span class="muted"> ({plural(m.wallet_entries, 'wallet entry', 'wallet entries')})</span>
        )}
      </>,
    ]);
  } else if (m.wallet_entries > 0) {
    moves.push([
      'wallet_entries',
      `${plural(m.wallet_entries, 'wallet entry', 'wallet entries')} (no balance left)`,
    ]);
  }
  count('library_entries', m.library_entries, 'library entry', 'library entries');
  count('downloads', m.downloads, 'download');
  count('wishlist_items', m.wishlist_items, 'wishlist item');
  count('addresses', m.addresses, 'address', 'addresses');
  if (m.tags.length) {
    moves.push([
      'tags',
      <>
        {m.tags.length === 1 ? 'Tag' : 'Tags'}{' '}
        <span class="tags">
          {m.tags.map((t) => (
            <span class="tag" key={t}>
              {t}
            </span>
          ))}
        </span>
      </>,
    ]);
  }
  count('messages', m.messages, 'message');
  if (m.note) moves.push(['note', `The note (added to ${survivorName}'s)`]);

  const headingId = `merge-part-${part.id}`;
  return (
    <section class="merge-part" aria-labelledby={headingId} data-merge-customer={part.id}>
      <h4 id={headingId}>
        {part.name || part.email || part.id}
        {part.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
        {part.status !== 'active' && <StatusBadge status={part.status} />}
        <span class="muted small merge-who__meta">
          {part.email && <span>{part.email}</span>}
          <code>{part.id}</code>
        </span>
      </h4>
      <div class="merge-part__columns">
        <div>
          <h5>Moves to {survivorName}</h5>
          {moves.length ? (
            <ul class="merge-list" aria-label={`Moves from ${part.name || part.id}`}>
              {moves.map(([key, text]) => (
                <li key={key} data-move={key}>
                  {text}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Nothing but the profile.</p>
          )}
        </div>
        <div>
          <h5>Ends</h5>
          <ul class="merge-list merge-list--ends" aria-label={`Ends with ${part.name || part.id}`}>
            <li data-end="sessions">
              {part.ends.sessions > 0
                ? `${plural(part.ends.sessions, 'active session')}: signed out`
                : 'No active sessions'}
            </li>
            {part.ends.sign_in_account ? (
              <li data-end="sign_in_account">
                The sign-in account{part.email ? ` of ${part.email}` : ''}: closed
              </li>
            ) : (
              <li data-end="sign_in_account" class="muted">
                No sign-in account (guest checkout record)
              </li>
            )}
            <li data-end="record">The customer record: its id leads to {survivorName}</li>
          </ul>
        </div>
      </div>
    </section>
  );
}
