// The shopper's address book: the addresses with their default badges, adding and editing with the
// admin's address form (the country's rules and a preview), making one the default for billing or
// shipping, and deleting one after a confirmation.
import { useState } from 'preact/hooks';
import { ApiError, seg } from '../../src/api';
import { AddressForm, addressTitle } from '../../src/components/address-form';
import { ConfirmDialog, ErrorBanner, Loading } from '../../src/components/ui';
import { useResource } from '../../src/hooks';
import type { Address } from '../../src/types';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { PageTitle } from '../forms';
import type { StoreAddressBook } from '../types';

const kPath = '/me/addresses';

export function AddressesPage() {
  const { notify } = useArea();
  const me = useMe();
  const book = useResource(
    (signal) => store.get<StoreAddressBook>(kPath, { signal }).then((r) => r.data),
    [],
  );
  const [editing, setEditing] = useState<Address | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Address | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function done(message: string) {
    setEditing(null);
    notify(message);
    book.reload();
  }

  async function makeDefault(a: Address, role: 'billing' | 'shipping') {
    setBusy(true);
    setError(null);
    try {
      await store.patch<Address>(
        `${kPath}/${seg(a.id)}`,
        { [`default_${role}`]: true },
        { headers: { 'if-match': `"${a.version}"` } },
      );
      done(`${addressTitle(a)} is your default ${role} address.`);
    } catch (e) {
      setError(conflictText(e));
      if (e instanceof ApiError && e.status === 412) book.reload();
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    setError(null);
    try {
      await store.del(`${kPath}/${seg(deleting.id)}`, {
        headers: { 'if-match': `"${deleting.version}"` },
      });
      const title = addressTitle(deleting);
      setDeleting(null);
      done(`${title} is deleted.`);
    } catch (e) {
      setError(conflictText(e));
    } finally {
      setBusy(false);
    }
  }

  const data = book.data;
  const items = data?.items ?? [];
  // The book's default ids, else each address's own flags.
  const billingId = data?.default_billing_id ?? data?.default_billing_address_id;
  const shippingId = data?.default_shipping_id ?? data?.default_shipping_address_id;
  const isBilling = (a: Address) => (billingId != null ? a.id === billingId : a.default_billing);
  const isShipping = (a: Address) =>
    shippingId != null ? a.id === shippingId : a.default_shipping;

  return (
    <section class="area-page">
      <div class="page-header">
        <PageTitle>Addresses</PageTitle>
        {data && editing === null && (
          <div class="page-header__actions">
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
          </div>
        )}
      </div>
      {book.error && !data ? (
        <ErrorBanner error={book.error} onRetry={book.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          {!deleting && <ErrorBanner error={error} />}
          {editing !== null && (
            <AddressForm
              key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
              client={store}
              path={kPath}
              address={editing === 'new' ? null : editing}
              defaults={me}
              first={items.length === 0}
              autofill
              heading="h2"
              onDone={done}
              onCancel={() => setEditing(null)}
            />
          )}
          {items.length === 0 && editing === null ? (
            <div class="empty">
              <p>You have no saved addresses yet.</p>
            </div>
          ) : (
            <ul class="address-list" aria-label="Your addresses">
              {items.map((a) => (
                <li key={a.id} class="card address-card" data-address-id={a.id}>
                  <div class="address-card__header">
                    <h2>{addressTitle(a)}</h2>
                    {isBilling(a) && <span class="badge badge--default">Default billing</span>}
                    {isShipping(a) && <span class="badge badge--default">Default shipping</span>}
                  </div>
                  <address class="address-lines">
                    {a.formatted.map((line, i) => (
                      <span key={i}>{line}</span>
                    ))}
                  </address>
                  {a.phone && <p class="muted small">Phone {a.phone}</p>}
                  {a.delivery_note && <p class="muted small">Note: {a.delivery_note}</p>}
                  <div class="address-card__actions">
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={`Edit ${addressTitle(a)}`}
                      onClick={() => {
                        setError(null);
                        setEditing(a);
                      }}
                    >
                      Edit
                    </button>
                    {!isBilling(a) && (
                      <button
                        type="button"
                        class="button button--small"
                        disabled={busy}
                        onClick={() => void makeDefault(a, 'billing')}
                      >
                        Use for billing
                      </button>
                    )}
                    {!isShipping(a) && (
                      <button
                        type="button"
                        class="button button--small"
                        disabled={busy}
                        onClick={() => void makeDefault(a, 'shipping')}
                      >
                        Use for shipping
                      </button>
                    )}
                    <button
                      type="button"
                      class="button button--small button--danger-outline"
                      aria-label={`Delete ${addressTitle(a)}`}
                      onClick={() => {
                        setError(null);
                        setDeleting(a);
                      }}
                    >
                      Delete
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
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
        {deleting && (isBilling(deleting) || isShipping(deleting)) && (
          <p>It is a default address; choose another default afterwards.</p>
        )}
      </ConfirmDialog>
    </section>
  );
}

function conflictText(e: unknown): unknown {
  if (e instanceof ApiError && e.status === 412) {
    return new ApiError({
      status: 412,
      code: e.code,
      detail: 'This address changed in another window meanwhile and was reloaded; try again.',
    });
  }
  return e;
}
