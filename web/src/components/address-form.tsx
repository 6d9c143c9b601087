// The add/edit form of an address, shared by the admin (a customer's Addresses tab) and the
// customer area (the shopper's address book): it follows the chosen country's rules (its labels,
// regions, postal code, the order it writes the lines in, with a live preview), sends only what
// changed with If-Match on edits, and shows the server's field errors at their fields. In the
// admin, unsaved edits ask before the form is left (unsaved-changes.tsx).
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, asApiError, seg, type Client } from '../api';
import {
  countryName,
  fieldOrder,
  formatLines,
  resolveRegion,
  rulesFor,
  writtenPostalCode,
} from '../pages/address-rules';
import type { Address } from '../types';
import { CountryField } from './country-field';
import { focusUnresolved } from './picker';
import { Checkbox, Field, FormErrors, focusFirstInvalid } from './ui';
import { useUnsavedChanges } from './unsaved-changes';
import './addresses.css';

export function addressTitle(a: Address): string {
  return a.label || (a.kind === 'business' && a.company) || 'Address';
}

// What a new address starts with: the owner's name and country.
export interface AddressDefaults {
  first_name: string;
  last_name: string;
  country: string;
}

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

// The browser's autofill names, for someone entering their own address.
const kAutofill: Partial<Record<TextKey, string>> = {
  first_name: 'given-name',
  last_name: 'family-name',
  company: 'organization',
  line1: 'address-line1',
  line2: 'address-line2',
  city: 'address-level2',
  region: 'address-level1',
  postal_code: 'postal-code',
  phone: 'tel',
};

function draftOf(a: Address | null, defaults: AddressDefaults, first: boolean): Draft {
  if (!a) {
    return {
      label: first ? 'Home' : '',
      first_name: defaults.first_name,
      last_name: defaults.last_name,
      company: '',
      kind: 'residential',
      line1: '',
      line2: '',
      city: '',
      region: '',
      postal_code: '',
      country: defaults.country || 'US',
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

export function AddressForm(props: {
  client: Client;
  // The address book's collection: POST here, PATCH `${path}/{id}`.
  path: string;
  address: Address | null;
  defaults: AddressDefaults;
  // The first address of the book: named Home and made both defaults.
  first: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
  // Someone entering their own address: the browser may fill the fields in.
  autofill?: boolean;
  heading?: 'h2' | 'h3';
}) {
  const { client, path, address, defaults, first, onDone, onCancel, autofill } = props;
  const Heading = props.heading ?? 'h3';
  const original = draftOf(address, defaults, first);
  const [draft, setDraft] = useState<Draft>(original);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
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

  // Resolves true once saved; false when the form shows why not.
  async function save(): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      if (address) {
        await client.patch<Address>(`${path}/${seg(address.id)}`, body(), {
          headers: { 'if-match': `"${address.version}"` },
        });
        onDone('Address saved.');
      } else {
        await client.post<Address>(path, body());
        onDone('Address added.');
      }
      return true;
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
      return false;
    } finally {
      setBusy(false);
    }
  }
  const dirty = (Object.keys(draft) as Array<keyof Draft>).some((k) => draft[k] !== original[k]);
  useUnsavedChanges(dirty, async () => (focusUnresolved(formRef.current) ? false : save()));

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
            autoComplete={(autofill && kAutofill[key]) || 'off'}
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
              autoComplete={autofill ? 'address-level1' : 'off'}
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
        if (!focusUnresolved(formRef.current)) void save();
      }}
    >
      <Heading>{address ? `Edit ${addressTitle(address)}` : 'New address'}</Heading>
      <FormErrors error={error} />
      <div class="address-form__body">
        <div class="grid">
          <CountryField value={draft.country} onChange={setCountry} error={fieldError('country')} />
          {fieldOrder(rules).map((f) => parts[f]?.())}
          <Field label="Phone" error={fieldError('phone')}>
            {(attrs) => (
              <input
                {...attrs}
                name="phone"
                type="tel"
                autoComplete={autofill ? 'tel' : 'off'}
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
