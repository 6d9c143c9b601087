// Store settings: name, default country and language for new customers, the time zone in which
// the admin shows dates, the store's currency (of store credit), and how the store takes customer
// accounts (optional, required or disabled, whether shoppers verify their e-mail address before
// signing in, and whether store staff may log in as a customer only with the customer's
// consent), and the payment link of pending orders. E-mail sending has its own form below
// (pages/email-settings.tsx).
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { CountryField } from '../components/country-field';
import { LanguageField } from '../components/language-field';
import { focusUnresolved, PickerField } from '../components/picker';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { Checkbox, ErrorBanner, Field, Link, Loading, PageHeader } from '../components/ui';
import { useResource } from '../hooks';
import { useApp } from '../session';
import { kTimeZones } from '../time-zones';
import type { AccountMode, Settings } from '../types';
import { EmailSettingsSection } from './email-settings';

const kAccountModes: Array<{ mode: AccountMode; label: string; text: string }> = [
  {
    mode: 'optional',
    label: 'Optional',
    text: 'Shoppers may register or check out as guests.',
  },
  {
    mode: 'required',
    label: 'Required',
    text: 'No guest checkout records are accepted.',
  },
  {
    mode: 'disabled',
    label: 'Disabled',
    text: 'Guest checkout only; the customer area is closed.',
  },
];

// The stored settings, with the account settings a server may not have sent yet.
function withDefaults(s: Settings): Settings {
  return {
    ...s,
    account_mode: s.account_mode ?? 'optional',
    require_verification: s.require_verification ?? true,
    assistance_requires_consent: s.assistance_requires_consent ?? false,
    currency: s.currency ?? 'USD',
    payment_url_template: s.payment_url_template ?? '',
  };
}

export function SettingsPage() {
  const { can } = useApp();
  const settings = useResource(
    (signal) =>
      api.get<Settings>('/api/admin/settings', { signal }).then((r) => withDefaults(r.data)),
    [],
  );
  if (settings.error && !settings.data) {
    return (
      <section>
        <PageHeader title="Settings" />
        <ErrorBanner error={settings.error} onRetry={settings.reload} />
      </section>
    );
  }
  if (!settings.data) return <Loading />;
  // E-mail sending is saved on its own, so saving the settings above leaves its edits alone.
  return (
    <>
      <SettingsForm
        key={JSON.stringify(settings.data)}
        stored={settings.data}
        onSaved={settings.setData}
      />
      {can('manage_settings') && <EmailSettingsSection />}
    </>
  );
}

function SettingsForm({ stored, onSaved }: { stored: Settings; onSaved: (s: Settings) => void }) {
  const { setSettings, notify, can } = useApp();
  const [draft, setDraft] = useState<Settings>(stored);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Discard also takes back what is typed in the country and language boxes.
  const [discards, setDiscards] = useState(0);
  const editable = can('manage_settings');

  const changed = (Object.keys(draft) as (keyof Settings)[]).filter((k) => draft[k] !== stored[k]);

  // Resolves true once saved; false when the form shows why not.
  async function save(): Promise<boolean> {
    if (focusUnresolved(formRef.current)) return false;
    const body: Record<string, string | number | boolean> = {};
    for (const k of changed) {
      const v = draft[k];
      if (v !== undefined) body[k] = typeof v === 'string' ? v.trim() : v;
    }
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.patch<Settings>('/api/admin/settings', body);
      const next = withDefaults({ ...stored, ...body, ...(data ?? {}) } as Settings);
      setSettings(next);
      onSaved(next);
      notify('Settings saved.');
      return true;
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      setBusy(false);
      return false;
    }
  }
  useUnsavedChanges(editable && changed.length > 0, save);

  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setDraft({ ...draft, [k]: v });
  const modeError = error?.field('account_mode');
  const verificationError = error?.field('require_verification');
  const consentError = error?.field('assistance_requires_consent');
  let preview = '';
  try {
    preview = new Intl.DateTimeFormat(undefined, {
      timeZone: draft.time_zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date());
  } catch {
    preview = '';
  }

  return (
    <section>
      <PageHeader title="Settings">
        <Link to="/settings/email-templates" class="button">
          E-mail templates
        </Link>
      </PageHeader>
      <form
        ref={formRef}
        class="card settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        {error && !error.errors.length && <ErrorBanner error={error} />}
        <Field label="Store name" error={error?.field('store_name')}>
          {(a) => (
            <input
              {...a}
              name="store_name"
              disabled={!editable}
              value={draft.store_name}
              onInput={(e) => set('store_name', e.currentTarget.value)}
            />
          )}
        </Field>
        <CountryField
          key={`country-${discards}`}
          label="Default country"
          name="default_country"
          optional
          emptyLabel="None"
          hint="Type its name or its code, such as Germany or DE. Used for new customers and national phone numbers."
          error={error?.field('default_country')}
          disabled={!editable}
          value={draft.default_country}
          onChange={(v) => set('default_country', v)}
        />
        <LanguageField
          key={`language-${discards}`}
          label="Default language"
          name="default_language"
          hint="Type its name or its code, such as German, de or de-CH."
          error={error?.field('default_language')}
          disabled={!editable}
          value={draft.default_language}
          onChange={(v) => set('default_language', v)}
        />
        <PickerField
          key={`time-zone-${discards}`}
          label="Time zone"
          name="time_zone"
          hint={
            preview
              ? `Dates in the admin are shown in this zone. Now: ${preview}`
              : 'Type a city, a region or the zone’s name.'
          }
          error={error?.field('time_zone')}
          source={kTimeZones}
          disabled={!editable}
          value={draft.time_zone}
          onChange={(v) => set('time_zone', v)}
          placeholder="Type a city, such as Berlin"
        />
        <Field
          label="Currency"
          hint="ISO 4217 code, such as EUR or USD: the currency of store credit unless another is chosen."
          error={error?.field('currency')}
        >
          {(a) => (
            <input
              {...a}
              name="currency"
              class="input--short"
              maxLength={3}
              autoComplete="off"
              spellcheck={false}
              disabled={!editable}
              value={draft.currency}
              onInput={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            />
          )}
        </Field>
        <fieldset class="form-section">
          <legend>Customer accounts</legend>
          <fieldset
            class="choice-group"
            aria-describedby={modeError ? 'account-mode-error' : undefined}
          >
            <legend class="choice-group__legend">Accounts at checkout</legend>
            {kAccountModes.map((m) => (
              <div class="radio" key={m.mode}>
                <input
                  type="radio"
                  id={`account-mode-${m.mode}`}
                  name="account_mode"
                  value={m.mode}
                  checked={draft.account_mode === m.mode}
                  disabled={!editable}
                  aria-describedby={`account-mode-${m.mode}-text`}
                  {...(modeError ? { 'aria-invalid': 'true' as const } : {})}
                  onChange={() => set('account_mode', m.mode)}
                />
                <span>
                  <label for={`account-mode-${m.mode}`}>{m.label}</label>{' '}
                  <span class="muted" id={`account-mode-${m.mode}-text`}>
                    — {m.text}
                  </span>
                </span>
              </div>
            ))}
            {modeError && (
              <p class="field__error" id="account-mode-error">
                {modeError}
              </p>
            )}
          </fieldset>
          <Checkbox
            name="require_verification"
            label="Shoppers must verify their e-mail address before signing in"
            checked={draft.require_verification}
            disabled={!editable}
            onChange={(v) => set('require_verification', v)}
          />
          {verificationError && <p class="field__error">{verificationError}</p>}
          <Checkbox
            name="assistance_requires_consent"
            label="Customers must allow store staff to log in as them"
            hint="Log in as customer then works only for customers who allowed it under Privacy in their account. Every visit is recorded and lasts 30 minutes at most."
            checked={draft.assistance_requires_consent}
            disabled={!editable}
            onChange={(v) => set('assistance_requires_consent', v)}
          />
          {consentError && <p class="field__error">{consentError}</p>}
        </fieldset>
        <fieldset class="form-section">
          <legend>Orders</legend>
          <Field
            label="Payment link template"
            hint="Where a customer pays a pending order, such as https://shop.example.com/pay/{number}?token={token}. Placeholders: {number} {id} {token} {total} {currency}. Empty: no payment links."
            error={error?.field('payment_url_template')}
          >
            {(a) => (
              <input
                {...a}
                name="payment_url_template"
                type="url"
                spellcheck={false}
                disabled={!editable}
                value={draft.payment_url_template}
                onInput={(e) => set('payment_url_template', e.currentTarget.value)}
              />
            )}
          </Field>
        </fieldset>
        {editable && (
          <div class="form-actions">
            <button
              type="button"
              class="button"
              disabled={!changed.length || busy}
              onClick={() => {
                setDraft(stored);
                setDiscards((n) => n + 1);
              }}
            >
              Discard
            </button>
            <button type="submit" class="button button--primary" disabled={!changed.length || busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
