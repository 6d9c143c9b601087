// A customer's address book, the profile's Addresses tab: cards with their default badges,
// "shipping same as billing", an add/edit form that follows the chosen country's rules (its
// labels, regions, postal code, the order it writes the lines in, with a live preview), and
// deleting with a choice of where the defaults it held go.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import {
  Checkbox,
  ConfirmDialog,
  ErrorBanner,
  Field,
  focusFirstInvalid,
  Loading,
} from '../components/ui';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type { Address, AddressBook, Customer } from '../types';
import {
  countryName,
  fieldOrder,
  formatLines,
  kRuleCountries,
  resolveRegion,
  rulesFor,
  writtenPostalCode,
} from './address-rules';
import './addresses.css';

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

export function addressTitle(a: Address): string {
  return a.label || (a.kind === 'business' && a.company) || 'Address';
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
      done(`${addressTitle(deleting)} is deleted.`);
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
          customer={customer}
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
                      setError(null);
                      setEditing(a);
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

// ---------------------------------------------------------------------------------------------
// The add/edit form.

interface Draft {
  label: string;
  first_name: string;
  last_name: string;
  company: string;
  kind: 'residential' | 'business';
  line1: string;
  line2: string;
  city: string;
  region: string; // a region's code where the country lists them, free text otherwise
  postal_code: string;
  country: string;
  phone: string;
  delivery_note: string;
  default_billing: boolean;
  default_shipping: boolean;
}

type TextKey = Exclude<keyof Draft, 'kind' | 'default_billing' | 'default_shipping'>;

function draftOf(a: Address | null, customer: Customer, first: boolean): Draft {
  if (!a) {
    return {
      label: first ? 'Home' : '',
      first_name: customer.first_name,
      last_name: customer.last_name,
      company: '',
      kind: 'residential',
      line1: '',
      line2: '',
      city: '',
      region: '',
      postal_code: '',
      country: customer.country || 'US',
      phone: '',
      delivery_note: '',
      default_billing: first,
      default_shipping: first,
    };
  }
  const listed = rulesFor(a.country).region.regions.length > 0;
  return {
    label: a.label,
    first_name: a.first_name,
    last_name: a.last_name,
    company: a.company,
    kind: a.kind,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    region: listed ? a.region_code : a.region,
    postal_code: a.postal_code,
    country: a.country,
    phone: a.phone,
    delivery_note: a.delivery_note,
    default_billing: a.default_billing,
    default_shipping: a.default_shipping,
  };
}

function AddressForm(props: {
  customer: Customer;
  path: string;
  address: Address | null;
  first: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { customer, path, address, first, onDone, onCancel } = props;
  const original = draftOf(address, customer, first);
  const [draft, setDraft] = useState<Draft>(original);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [otherCountry, setOtherCountry] = useState(
    !kRuleCountries.some((c) => c.code === original.country),
  );
  const formRef = useRef<HTMLFormElement>(null);
  const rules = rulesFor(draft.country);

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  function setCountry(code: string) {
    const next = rulesFor(code);
    setDraft((d) => ({
      ...d,
      country: code,
      // A region of another country means nothing here; a postal code may still fit.
      region: '',
      postal_code: next.postal.used ? d.postal_code : '',
    }));
  }

  // What the form sends: everything for a new address, only what changed for an edit.
  function body(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(draft) as Array<keyof Draft>) {
      if (!address || draft[key] !== original[key]) out[key] = draft[key];
    }
    if (address && draft.country !== original.country) out.region = draft.region;
    return out;
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      if (address) {
        await api.patch<Address>(`${path}/${seg(address.id)}`, body(), {
          headers: { 'if-match': `"${address.version}"` },
        });
        onDone('Address saved.');
      } else {
        await api.post<Address>(path, body());
        onDone('Address added.');
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setError(
          new ApiError({
            status: 412,
            code: e.code,
            detail: 'Someone else changed this address after you opened it. Cancel and edit again.',
          }),
        );
      } else {
        setError(asApiError(e));
        setTimeout(() => focusFirstInvalid(formRef.current), 0);
      }
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (name: string) =>
    error?.field(name) ?? (name === 'region' ? error?.field('region_code') : undefined);

  function text(key: TextKey, label: string, extra: { hint?: string; required?: boolean } = {}) {
    return (
      <Field key={key} label={label} hint={extra.hint} error={fieldError(key)}>
        {(attrs) => (
          <input
            {...attrs}
            name={key}
            value={draft[key]}
            required={extra.required}
            autoComplete="off"
            onInput={(e) => set(key, e.currentTarget.value)}
          />
        )}
      </Field>
    );
  }

  const parts: Record<string, () => ComponentChildren> = {
    name: () => (
      <>
        {text('first_name', 'First name')}
        {text('last_name', 'Last name')}
      </>
    ),
    company: () => text('company', 'Company'),
    line1: () => text('line1', 'Street address', { required: true }),
    line2: () => text('line2', 'Address line 2', { hint: 'Flat, floor, building, district.' }),
    city: () => text('city', rules.cityLabel, { required: rules.required.includes('city') }),
    region: () => {
      if (!rules.region.used) return null;
      if (rules.region.regions.length === 0) {
        return text('region', rules.region.label, { required: rules.region.required });
      }
      return (
        <Field key="region" label={rules.region.label} error={fieldError('region')}>
          {(attrs) => (
            <select
              {...attrs}
              name="region"
              required={rules.region.required}
              value={draft.region}
              onChange={(e) => set('region', e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {rules.region.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.local ? `${r.name} (${r.local})` : r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    },
    postal_code: () =>
      rules.postal.used
        ? text('postal_code', rules.postal.label, {
            hint: rules.postal.example ? `For example ${rules.postal.example}` : undefined,
            required: rules.postal.required,
          })
        : null,
  };

  const preview = formatLines({
    ...draft,
    ...resolveRegion(draft, draft.region),
    postal_code: writtenPostalCode(draft.country, draft.postal_code),
  });

  return (
    <form
      ref={formRef}
      class="card subform address-form"
      aria-label={address ? `Edit ${addressTitle(address)}` : 'New address'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{address ? `Edit ${addressTitle(address)}` : 'New address'}</h3>
      {error && !error.errors.length && <ErrorBanner error={error} />}
      {error && error.errors.length > 0 && (
        <p class="banner banner--error" role="alert">
          {error.errors.length === 1
            ? 'One field needs attention.'
            : `${error.errors.length} fields need attention.`}
        </p>
      )}
      <div class="address-form__body">
        <div class="grid">
          <Field label="Country" error={fieldError('country')}>
            {(attrs) => (
              <select
                {...attrs}
                name="country"
                value={otherCountry ? '' : draft.country}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setOtherCountry(v === '');
                  if (v) setCountry(v);
                }}
              >
                {kRuleCountries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
                <option value="">Another country…</option>
              </select>
            )}
          </Field>
          {otherCountry && (
            <Field label="Country code" hint="Two letters (ISO 3166-1), such as PT.">
              {(attrs) => (
                <input
                  {...attrs}
                  name="country_code"
                  maxLength={2}
                  class="input--short"
                  value={draft.country}
                  onInput={(e) => setCountry(e.currentTarget.value.trim().toUpperCase())}
                />
              )}
            </Field>
          )}
          {fieldOrder(rules).map((f) => parts[f]?.())}
          <Field label="Phone" error={fieldError('phone')}>
            {(attrs) => (
              <input
                {...attrs}
                name="phone"
                type="tel"
                autoComplete="off"
                value={draft.phone}
                onInput={(e) => set('phone', e.currentTarget.value)}
              />
            )}
          </Field>
          {text('label', 'Label', { hint: 'Home, Office, …' })}
          <Field label="Kind" error={fieldError('kind')}>
            {(attrs) => (
              <select
                {...attrs}
                name="kind"
                value={draft.kind}
                onChange={(e) => set('kind', e.currentTarget.value as Draft['kind'])}
              >
                <option value="residential">Residential</option>
                <option value="business">Business</option>
              </select>
            )}
          </Field>
        </div>
        <Field label="Delivery note" error={fieldError('delivery_note')}>
          {(attrs) => (
            <textarea
              {...attrs}
              name="delivery_note"
              rows={2}
              maxLength={500}
              value={draft.delivery_note}
              onInput={(e) => set('delivery_note', e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="checks">
          <Checkbox
            label="Default billing address"
            name="default_billing"
            checked={draft.default_billing}
            onChange={(v) => set('default_billing', v)}
          />
          <Checkbox
            label="Default shipping address"
            name="default_shipping"
            checked={draft.default_shipping}
            onChange={(v) => set('default_shipping', v)}
          />
        </div>
        <div class="address-preview">
          <p class="muted small">
            As written in {countryName(draft.country) || 'its country'}, for a parcel from abroad:
          </p>
          <address class="address-lines" aria-label="Preview">
            {preview.map((line, i) => (
              <span key={i}>{line}</span>
            ))}
            {draft.country && <span>{countryName(draft.country).toUpperCase()}</span>}
          </address>
        </div>
      </div>
      <div class="form-actions">
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : address ? 'Save address' : 'Add address'}
        </button>
      </div>
    </form>
  );
}
