// A customer's address book, the profile's Addresses tab: cards with their default badges,
// "shipping same as billing", the add/edit form (components/address-form.tsx, shared with the
// customer area), and deleting with a choice of where the defaults it held go.
import { useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import { AddressForm, addressTitle } from '../components/address-form';
import { Checkbox, ConfirmDialog, ErrorBanner, Field, Loading } from '../components/ui';
import { useResource } from '../hooks';
import { mayLeave } from '../router';
import { useApp } from '../session';
import type { Address, AddressBook, Customer } from '../types';

interface Loaded {
  book: AddressBook;
  etag: string | null;
}

interface Props {
  customer: Customer;
  editable: boolean;
  // Called after every change (the customer's activity has a new event).
  onChanged: () => void;
}

export function AddressesTab({ customer, editable, onChanged }: Props) {
  const { notify } = useApp();
  const path = `/api/admin/customers/${seg(customer.id)}/addresses`;
  const loaded = useResource(
    async (signal) => {
      const r = await api.get<AddressBook>(path, { signal });
      return { book: r.data, etag: r.etag } as Loaded;
    },
    [path],
  );
  const [editing, setEditing] = useState<Address | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Address | null>(null);
  const [moveTo, setMoveTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The toggle shows the choice at once; the book catches up when the server answers.
  const [sameAsPending, setSameAsPending] = useState<boolean | null>(null);

  if (loaded.error && !loaded.data) {
    return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  }
  if (!loaded.data) return <Loading />;
  const { book, etag } = loaded.data;
  const billing = book.items.find((a) => a.id === book.default_billing_address_id);
  const shipping = book.items.find((a) => a.id === book.default_shipping_address_id);

  function done(message: string) {
    setEditing(null);
    notify(message);
    loaded.reload();
    onChanged();
  }

  async function setDefaults(body: Record<string, unknown>, message: string) {
    setBusy(true);
    setError(null);
    try {
      const headers: Record<string, string> = etag ? { 'if-match': etag } : {};
      const r = await api.patch<AddressBook>(path, body, { headers });
      loaded.setData({ book: r.data, etag: r.etag });
      notify(message);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setError(
          new ApiError({
            status: 412,
            code: e.code,
            detail: 'The address book changed meanwhile and was reloaded; try again.',
          }),
        );
        loaded.reload();
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    setError(null);
    try {
      await api.del(`${path}/${seg(deleting.id)}`, {
        query: { move_defaults_to: moveTo || undefined },
        headers: { 'if-match': `"${deleting.version}"` },
      });
      setDeleting(null);
      // A form open on another address keeps its edits.
      if (editing !== null && (editing === 'new' || editing.id !== deleting.id)) {
        notify(`${addressTitle(deleting)} is deleted.`);
        loaded.reload();
        onChanged();
      } else {
        done(`${addressTitle(deleting)} is deleted.`);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const deletingRoles = deleting
    ? [deleting.default_billing && 'billing', deleting.default_shipping && 'shipping'].filter(
        (x): x is string => !!x,
      )
    : [];
  const others = book.items.filter((a) => a.id !== deleting?.id);

  return (
    <div class="addresses">
      <div class="addresses__header">
        <dl class="facts addresses__defaults">
          <div>
            <dt>Bills to</dt>
            <dd>{billing ? billing.summary : 'No default billing address'}</dd>
          </div>
          <div>
            <dt>Ships to</dt>
            <dd>{shipping ? shipping.summary : 'No default shipping address'}</dd>
          </div>
        </dl>
        {editable && editing === null && (
          <button
            type="button"
            class="button button--primary"
            onClick={() => {
              setError(null);
              setEditing('new');
            }}
          >
            Add address
          </button>
        )}
      </div>
      <Checkbox
        label="Shipping same as billing"
        name="shipping_same_as_billing"
        checked={sameAsPending ?? book.shipping_same_as_billing}
        disabled={!editable || busy}
        onChange={(on) => {
          setSameAsPending(on);
          void setDefaults(
            { shipping_same_as_billing: on },
            on
              ? 'Orders ship to the billing address.'
              : 'Orders ship to the default shipping address.',
          ).finally(() => setSameAsPending(null));
        }}
      />
      {!deleting && <ErrorBanner error={error} />}

      {editing !== null && (
        <AddressForm
          key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
          client={api}
          defaults={customer}
          path={path}
          address={editing === 'new' ? null : editing}
          first={book.items.length === 0}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      )}

      {book.items.length === 0 && editing === null ? (
        <div class="empty">
          <p>No addresses yet.</p>
        </div>
      ) : (
        <ul class="address-list">
          {book.items.map((a) => (
            <li key={a.id} class="card address-card" data-address-id={a.id}>
              <div class="address-card__header">
                <h3>{addressTitle(a)}</h3>
                {a.default_billing && <span class="badge badge--default">Default billing</span>}
                {a.default_shipping && <span class="badge badge--default">Default shipping</span>}
                {a.kind === 'business' && <span class="badge">Business</span>}
              </div>
              <address class="address-lines">
                {a.formatted.map((line, i) => (
                  <span key={i}>{line}</span>
                ))}
              </address>
              {a.phone && <p class="muted small">Phone {a.phone}</p>}
              {a.delivery_note && <p class="muted small">Note: {a.delivery_note}</p>}
              {editable && (
                <div class="address-card__actions">
                  <button
                    type="button"
                    class="button button--small"
                    onClick={() => {
                      const edit = () => {
                        setError(null);
                        setEditing(a);
                      };
                      const same = editing !== null && editing !== 'new' && editing.id === a.id;
                      if (!same && mayLeave(edit)) edit();
                    }}
                  >
                    Edit
                  </button>
                  {!a.default_billing && (
                    <button
                      type="button"
                      class="button button--small"
                      disabled={busy}
                      onClick={() =>
                        void setDefaults(
                          { default_billing_address_id: a.id },
                          `${addressTitle(a)} is the default billing address.`,
                        )
                      }
                    >
                      Make default billing
                    </button>
                  )}
                  {!a.default_shipping && !book.shipping_same_as_billing && (
                    <button
                      type="button"
                      class="button button--small"
                      disabled={busy}
                      onClick={() =>
                        void setDefaults(
                          { default_shipping_address_id: a.id },
                          `${addressTitle(a)} is the default shipping address.`,
                        )
                      }
                    >
                      Make default shipping
                    </button>
                  )}
                  <button
                    type="button"
                    class="button button--small button--danger-outline"
                    onClick={() => {
                      setError(null);
                      setMoveTo('');
                      setDeleting(a);
                    }}
                  >
                    Delete
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting ? addressTitle(deleting) : 'the address'}?`}
        confirmLabel="Delete"
        danger
        busy={busy}
        error={error}
        onConfirm={remove}
        onCancel={() => {
          setDeleting(null);
          setError(null);
        }}
      >
        {deleting && <p>{deleting.summary}</p>}
        {deletingRoles.length > 0 &&
          (others.length > 0 ? (
            <Field
              label={`It is the default ${deletingRoles.join(' and ')} address. Afterwards`}
              hint="A default never points at a deleted address."
            >
              {(attrs) => (
                <select
                  {...attrs}
                  name="move_defaults_to"
                  value={moveTo}
                  onChange={(e) => setMoveTo(e.currentTarget.value)}
                >
                  <option value="">No default until one is chosen</option>
                  {others.map((o) => (
                    <option key={o.id} value={o.id}>
                      {`Make ${addressTitle(o)} (${o.summary}) the default`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <p>
              It is the default {deletingRoles.join(' and ')} address; the customer will have none
              until a new one is chosen.
            </p>
          ))}
      </ConfirmDialog>
    </div>
  );
}
