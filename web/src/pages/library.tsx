// A customer's Library tab: the digital products the customer may download (bought, given as a
// gift or added by hand, a bundle's contents each on their own row), revoked entries with why,
// and whether the customer has access to every digital product. Those who manage libraries
// (manage_library) add a product (Add to library: a digital product found by name or SKU, gift
// or manual, a note, an order), edit an entry's note (If-Match; a stale edit is said so), revoke
// an entry after a confirmation, and rebuild the library from the customer's orders, with the
// report of what changed. The Downloads and Wishlist tabs are in downloads.tsx and wishlist.tsx.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import {
  ConfirmDialog,
  ErrorBanner,
  Field,
  focusProblem,
  FormErrors,
  Loading,
  Modal,
} from '../components/ui';
import { formatDate, formatDateTime, formatNumber, plural } from '../format';
import { useDebounced, useResource } from '../hooks';
import { formatMoney } from '../money';
import { useApp } from '../session';
import type {
  Customer,
  Library,
  LibraryEntry,
  LibraryMethod,
  LibraryRevokedReason,
  PackageType,
  Page,
  Product,
  RebuildReport,
} from '../types';
import './library.css';

export const kPackageLabels: Record<PackageType, string> = {
  file: 'File',
  bundle: 'Bundle',
  combo: 'Combo',
};

export const kMethodLabels: Record<LibraryMethod, string> = {
  purchase: 'Purchase',
  gift: 'Gift',
  manual: 'Manual',
};

const kRevokedLabels: Record<LibraryRevokedReason, string> = {
  order: 'order refunded or cancelled',
  admin: 'by an admin',
  rebuild: 'by a rebuild',
};

// "2 granted, 1 restored, 0 revoked, 5 unchanged".
export function rebuildCounts(r: Partial<RebuildReport>): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return `${n(r.granted)} granted, ${n(r.restored)} restored, ${n(r.revoked)} revoked, ${n(r.unchanged)} unchanged`;
}

// Who granted an entry: the store itself (an order), an admin or an API token.
function grantedBy(e: LibraryEntry): string {
  const by = e.granted_by;
  if (!by || by.type === 'system') return 'automatically';
  if (by.type === 'api_token') return `${by.name || 'an API token'} (API token)`;
  return by.name || by.type.replace(/_/g, ' ');
}

// The stale-edit message of the project, for an entry.
function staleEntry(e: ApiError): ApiError {
  return new ApiError({
    status: 412,
    code: e.code,
    detail: 'Someone else changed this entry just now. Close, reload and try again.',
  });
}

export function LibraryTab(props: { customer: Customer; name: string; onChanged: () => void }) {
  const { can, notify } = useApp();
  const { customer, name } = props;
  const path = `/api/admin/customers/${seg(customer.id)}/library`;
  const library = useResource(
    (signal) => api.get<Library>(path, { signal }).then((r) => r.data),
    [path],
  );
  const manage = can('manage_library');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<LibraryEntry | null>(null);
  const [revoking, setRevoking] = useState<LibraryEntry | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const [rebuilding, setRebuilding] = useState(false);
  const [rebuildBusy, setRebuildBusy] = useState(false);
  const [rebuildError, setRebuildError] = useState<unknown>(null);
  const [report, setReport] = useState<RebuildReport | null>(null);

  function changed() {
    library.reload();
    props.onChanged();
  }

  function replace(entry: LibraryEntry) {
    if (library.data) {
      library.setData({
        ...library.data,
        items: library.data.items.map((e) => (e.id === entry.id ? entry : e)),
      });
    }
    props.onChanged();
  }

  async function revoke() {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      const r = await api.post<LibraryEntry>(`${path}/${seg(revoking.id)}/revoke`);
      replace(r.data);
      setRevoking(null);
      notify(`${revoking.product.name} is revoked.`);
    } catch (e) {
      setRevokeError(e);
    } finally {
      setRevokeBusy(false);
    }
  }

  async function rebuild() {
    setRebuildBusy(true);
    setRebuildError(null);
    try {
      const r = await api.post<RebuildReport>(`${path}/rebuild`);
      setReport(r.data); // said in the banner above the list, which stays until dismissed
      setRebuilding(false);
      changed();
    } catch (e) {
      setRebuildError(e);
    } finally {
      setRebuildBusy(false);
    }
  }

  const lib = library.data;
  const items = lib?.items ?? [];
  const active = items.filter((e) => e.active).length;
  return (
    <div class="library">
      <div class="orders__header">
        <h2>Library</h2>
        {manage && (
          <div class="library__actions">
            <button
              type="button"
              class="button"
              onClick={() => {
                setRebuildError(null);
                setRebuilding(true);
              }}
            >
              Rebuild library
            </button>
            <button type="button" class="button button--primary" onClick={() => setAdding(true)}>
              Add to library
            </button>
          </div>
        )}
      </div>
      {report && (
        <div class="banner banner--info" role="status" data-testid="library-rebuild-report">
          <div>
            <strong>Library rebuilt:</strong> {rebuildCounts(report)}.
          </div>
          <button type="button" class="button button--small" onClick={() => setReport(null)}>
            Dismiss
          </button>
        </div>
      )}
      {lib?.all_access && (
        <p class="banner banner--info" data-testid="library-all-access">
          <span>
            <strong>Library all access:</strong> this customer may download every digital product
          </span>
        </p>
      )}
      <ErrorBanner error={library.error} onRetry={library.reload} />
      {!lib && !library.error && <Loading />}
      {lib && items.length === 0 && (
        <p class="empty">
          No digital products in the library yet. Paid orders with digital products add them.
        </p>
      )}
      {items.length > 0 && (
        <>
          <p class="muted small" data-testid="library-summary">
            {plural(active, 'active entry', 'active entries')}
            {items.length > active && ` · ${formatNumber(items.length - active)} revoked`}
          </p>
          <div class="table-wrap">
            <table
              class="table table--cards library-table"
              aria-label="Library"
              aria-busy={library.loading}
            >
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Type</th>
                  <th scope="col">How</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Note</th>
                  <th scope="col">Status</th>
                  {manage && (
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <EntryRow
                    key={e.id}
                    entry={e}
                    manage={manage}
                    onEdit={() => setEditing(e)}
                    onRevoke={() => {
                      setRevokeError(null);
                      setRevoking(e);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {adding && (
        <AddDialog
          path={path}
          name={name}
          onClose={() => setAdding(false)}
          onAdded={(added) => {
            setAdding(false);
            changed();
            const [first, ...more] = added;
            notify(
              more.length
                ? `${first?.product.name} is in the library, with ${plural(more.length, 'product')} it contains.`
                : `${first?.product.name} is in the library.`,
            );
          }}
        />
      )}
      {editing && (
        <NoteDialog
          key={editing.id}
          path={path}
          entry={editing}
          onClose={(stale) => {
            setEditing(null);
            if (stale) library.reload();
          }}
          onSaved={(entry) => {
            setEditing(null);
            replace(entry);
            notify(`The note on ${entry.product.name} is saved.`);
          }}
        />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.product.name ?? ''}?`}
        confirmLabel="Revoke"
        danger
        busy={revokeBusy}
        error={revokeError}
        onConfirm={revoke}
        onCancel={() => {
          setRevoking(null);
          if (revokeError) library.reload();
        }}
      >
        <p>
          {name} can no longer download {revoking?.product.name}. A rebuild does not give it back;
          Add to library does.
        </p>
        {revoking?.product.package_type && revoking.product.package_type !== 'file' && (
          <p class="muted">
            Only this entry is revoked: the products that came with it have entries of their own.
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={rebuilding}
        title={`Rebuild the library of ${name}?`}
        confirmLabel={rebuildBusy ? 'Rebuilding…' : 'Rebuild library'}
        busy={rebuildBusy}
        error={rebuildError}
        onConfirm={rebuild}
        onCancel={() => setRebuilding(false)}
      >
        <RebuildExplanation />
      </ConfirmDialog>
    </div>
  );
}

// What a rebuild does, for the confirmation here and the store-wide page.
export function RebuildExplanation() {
  return (
    <ul class="library-explanation">
      <li>
        Purchases are worked out again from the order history: paid orders grant their digital
        products (a bundle its contents too), refunded and cancelled ones do not.
      </li>
      <li>Gifts and entries added by hand are kept.</li>
      <li>Entries an admin revoked stay revoked.</li>
    </ul>
  );
}

function EntryRow(props: {
  entry: LibraryEntry;
  manage: boolean;
  onEdit: () => void;
  onRevoke: () => void;
}) {
  const { entry: e, manage } = props;
  return (
    <tr
      data-entry-id={e.id}
      data-sku={e.product.sku}
      class={e.active ? undefined : 'is-muted library-row--revoked'}
    >
      <td data-label="Product" class="library-product">
        <span class="library-product__name">{e.product.name}</span> <code>{e.product.sku}</code>
        {e.via && (
          <span class="library-product__via muted small" data-testid="library-via">
            from bundle {e.via.name}
          </span>
        )}
      </td>
      <td data-label="Type">
        {e.product.package_type
          ? (kPackageLabels[e.product.package_type] ?? e.product.package_type)
          : '—'}
      </td>
      <td data-label="How">
        <span data-testid="library-method">{kMethodLabels[e.method] ?? e.method}</span>
        {e.order && (
          <span class="library-order muted small" data-testid="library-order">
            order <span class="library-order__number">{e.order.number}</span>
          </span>
        )}
      </td>
      <td data-label="Granted">
        <time dateTime={e.granted_at} title={formatDateTime(e.granted_at)}>
          {formatDate(e.granted_at)}
        </time>
        <span class="muted small library-by">{grantedBy(e)}</span>
      </td>
      <td data-label="Note" class="library-note" data-testid="library-note">
        {e.note || <span class="muted">—</span>}
      </td>
      <td data-label="Status" class="col-status">
        {e.active ? (
          <span class="badge badge--active" data-testid="library-status">
            Active
          </span>
        ) : (
          <>
            <span class="badge badge--lib-revoked" data-testid="library-status">
              Revoked
            </span>
            <span class="library-revoked muted small" data-testid="library-revoked">
              {e.revoked_reason ? (kRevokedLabels[e.revoked_reason] ?? e.revoked_reason) : ''}
              {e.revoked_at && (
                <>
                  {e.revoked_reason ? ' · ' : ''}
                  <time dateTime={e.revoked_at}>{formatDate(e.revoked_at)}</time>
                </>
              )}
            </span>
          </>
        )}
      </td>
      {manage && (
        <td data-label="" class="row-actions">
          <button
            type="button"
            class="button button--small"
            aria-label={`Edit note on ${e.product.name}`}
            onClick={props.onEdit}
          >
            Edit note
          </button>
          {e.active && (
            <button
              type="button"
              class="button button--small button--danger-outline"
              aria-label={`Revoke ${e.product.name}`}
              onClick={props.onRevoke}
            >
              Revoke
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function NoteDialog(props: {
  path: string;
  entry: LibraryEntry;
  onClose: (stale: boolean) => void;
  onSaved: (entry: LibraryEntry) => void;
}) {
  const { entry } = props;
  const [note, setNote] = useState(entry.note);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const stale = error?.status === 412;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.patch<LibraryEntry>(
        `${props.path}/${seg(entry.id)}`,
        { note: note.trim() },
        { headers: { 'if-match': `"${entry.version}"` } },
      );
      props.onSaved(r.data);
    } catch (err) {
      const problem = asApiError(err);
      setError(problem.status === 412 ? staleEntry(problem) : problem);
      setBusy(false);
      setTimeout(() => focusProblem(formRef.current), 0);
    }
  }

  return (
    <Modal title={`Note on ${entry.product.name}`} onClose={() => props.onClose(stale)}>
      <form ref={formRef} noValidate onSubmit={submit}>
        <FormErrors error={error} fields={['note']} />
        <Field
          label="Note"
          hint="For the store's staff; the customer does not see it."
          error={error?.field('note')}
        >
          {(a) => (
            <textarea
              {...a}
              name="note"
              rows={3}
              maxLength={1000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={() => props.onClose(stale)}>
            {stale ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || stale}>
            {busy ? 'Saving…' : 'Save note'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

const kAddFields = ['product', 'method', 'note', 'order'];

function AddDialog(props: {
  path: string;
  name: string;
  onClose: () => void;
  onAdded: (items: LibraryEntry[]) => void;
}) {
  const [product, setProduct] = useState<Product | null>(null);
  const [method, setMethod] = useState<'gift' | 'manual'>('gift');
  const [note, setNote] = useState('');
  const [order, setOrder] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function fail(problem: ApiError) {
    setError(problem);
    setBusy(false);
    setTimeout(() => focusProblem(formRef.current), 0);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (!product) {
      const message = 'Choose a digital product.';
      fail(
        new ApiError({
          status: 422,
          code: 'required',
          detail: message,
          errors: [{ field: 'product', code: 'required', message }],
        }),
      );
      return;
    }
    const body: Record<string, string> = { product: product.id, method };
    if (note.trim()) body.note = note.trim();
    if (order.trim()) body.order = order.trim();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ items: LibraryEntry[] }>(props.path, body);
      props.onAdded(r.data.items);
    } catch (err) {
      const problem = asApiError(err);
      if (problem.code === 'already_in_library') {
        // Said at the product, with the customer's name rather than their id.
        const message = `${props.name} has ${product.name} in the library already.`;
        fail(
          new ApiError({
            status: problem.status,
            code: problem.code,
            detail: message,
            request_id: problem.requestId,
            errors: [{ field: 'product', code: problem.code, message }],
          }),
        );
      } else {
        fail(problem);
      }
    }
  }

  return (
    <Modal title="Add to library" wide class="library-add" onClose={props.onClose}>
      <form ref={formRef} noValidate onSubmit={submit} aria-label="Add to library">
        <FormErrors error={error} fields={kAddFields} />
        <DigitalProductPicker
          chosen={product}
          error={error?.field('product')}
          onChoose={(p) => {
            setProduct(p);
            if (error?.field('product')) setError(null);
          }}
        />
        <fieldset class="choice-group">
          <legend class="choice-group__legend">How</legend>
          <div class="radio">
            <input
              type="radio"
              id="library-method-gift"
              name="method"
              value="gift"
              checked={method === 'gift'}
              aria-describedby="library-method-gift-hint"
              onChange={() => setMethod('gift')}
            />
            <div>
              <label for="library-method-gift">Gift</label>
              <p class="field__hint" id="library-method-gift-hint">
                A present from the store.
              </p>
            </div>
          </div>
          <div class="radio">
            <input
              type="radio"
              id="library-method-manual"
              name="method"
              value="manual"
              checked={method === 'manual'}
              aria-describedby="library-method-manual-hint"
              onChange={() => setMethod('manual')}
            />
            <div>
              <label for="library-method-manual">Manual</label>
              <p class="field__hint" id="library-method-manual-hint">
                Access given by hand, such as for a purchase made elsewhere.
              </p>
            </div>
          </div>
          {error?.field('method') && <p class="field__error">{error.field('method')}</p>}
        </fieldset>
        <Field
          label="Note (optional)"
          hint="For the store's staff; the customer does not see it."
          error={error?.field('note')}
        >
          {(a) => (
            <textarea
              {...a}
              name="note"
              rows={2}
              maxLength={1000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Order number (optional)"
          hint="An order of this customer the entry belongs to."
          error={error?.field('order')}
        >
          {(a) => (
            <input
              {...a}
              name="order"
              class="input--short"
              spellcheck={false}
              autoComplete="off"
              value={order}
              onInput={(e) => setOrder(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add to library'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// The catalog searched by name or SKU as one types; only digital products can be chosen.
function DigitalProductPicker(props: {
  chosen: Product | null;
  error?: string;
  onChoose: (p: Product) => void;
}) {
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 150);
  const found = useResource(
    (signal) =>
      api
        .get<Page<Product>>('/api/admin/products', { signal, query: { q: query, limit: 8 } })
        .then((r) => ({ query, items: r.data.items })),
    [query],
  );
  const items = found.data?.items ?? [];
  const { chosen } = props;
  return (
    <section class="product-picker library-picker" aria-labelledby="library-picker-heading">
      <h3 id="library-picker-heading">Digital product</h3>
      <p class="library-picker__chosen" data-testid="library-chosen">
        {chosen ? (
          <>
            Chosen: <strong>{chosen.name}</strong> <code>{chosen.sku}</code>
          </>
        ) : (
          <span class="muted">None chosen yet.</span>
        )}
      </p>
      <Field label="Find a product" hint="Name or SKU" error={props.error}>
        {(a) => (
          <input
            {...a}
            type="search"
            name="product_search"
            autoComplete="off"
            spellcheck={false}
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        )}
      </Field>
      <ErrorBanner error={found.error} onRetry={found.reload} />
      {!found.data && !found.error && <Loading label="Searching the catalog…" />}
      {found.data && items.length === 0 && (
        <p class="muted">
          {found.data.query ? `No product matches “${found.data.query}”.` : 'The catalog is empty.'}
        </p>
      )}
      {items.length > 0 && (
        <ul
          class="product-picker__results"
          aria-label="Products found"
          aria-busy={found.loading}
          data-loaded-query={found.data?.query}
        >
          {items.map((p) => {
            const isChosen = chosen?.id === p.id;
            return (
              <li key={p.id} class={p.digital ? undefined : 'library-picker__other'}>
                <button
                  type="button"
                  class="button button--small"
                  disabled={!p.digital || isChosen}
                  aria-pressed={isChosen}
                  aria-label={`Choose ${p.name} (${p.sku})`}
                  onClick={() => props.onChoose(p)}
                >
                  {isChosen ? 'Chosen' : 'Choose'}
                </button>
                <span class="product-picker__name">
                  {p.name}
                  {p.digital ? (
                    p.package_type && (
                      <span class="muted small"> · {kPackageLabels[p.package_type]}</span>
                    )
                  ) : (
                    <span class="muted small"> · not digital</span>
                  )}
                </span>
                <code>{p.sku}</code>
                <span class="product-picker__price">{formatMoney(p.price, p.currency)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
