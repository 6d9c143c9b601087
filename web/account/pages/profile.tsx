// The shopper's profile: names, phone (which SMS sign-in codes go to: changing it turns them off),
// country, language and the marketing consents (saving what changed), and the e-mail address,
// whose change needs the password and takes effect once the link sent to the new address is opened
// (not during a store staff visit, which sees a notice instead).
import { useState } from 'preact/hooks';
import { CountryField } from '../../src/components/country-field';
import { Checkbox, Field, FormErrors } from '../../src/components/ui';
import { formatDate } from '../../src/format';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { LanguageField, PageTitle, PasswordField, useSubmit } from '../forms';
import type { Me } from '../types';
import { AssistedNotice } from './notices';

type Details = Pick<
  Me,
  'first_name' | 'last_name' | 'phone' | 'country' | 'language' | 'consent_email' | 'consent_sms'
>;

const kDetailKeys: (keyof Details)[] = [
  'first_name',
  'last_name',
  'phone',
  'country',
  'language',
  'consent_email',
  'consent_sms',
];

function detailsOf(me: Me): Details {
  const out = {} as Record<string, unknown>;
  for (const k of kDetailKeys) out[k] = me[k];
  return out as unknown as Details;
}

export function ProfilePage() {
  const me = useMe();
  return (
    <section class="area-page">
      <PageTitle>Profile</PageTitle>
      <p class="muted">
        {me.email} · customer since {formatDate(me.registered_at)}
      </p>
      {me.deletion_requested_at && <DeletionNotice at={me.deletion_requested_at} />}
      <DetailsForm />
      <EmailForm />
    </section>
  );
}

export function DeletionNotice({ at }: { at: string }) {
  return (
    <p class="banner banner--warning" data-testid="deletion-requested">
      Your request to delete the account was received on {formatDate(at)}; the store will delete the
      account.
    </p>
  );
}

function DetailsForm() {
  const { setMe, notify } = useArea();
  const me = useMe();
  const stored = detailsOf(me);
  const [draft, setDraft] = useState<Details>(stored);
  const submit = useSubmit();
  const set = <K extends keyof Details>(k: K, v: Details[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const body: Partial<Details> = {};
  for (const k of kDetailKeys) {
    const v = typeof draft[k] === 'string' ? (draft[k] as string).trim() : draft[k];
    if (v !== stored[k]) (body as Record<string, unknown>)[k] = v;
  }
  const changed = Object.keys(body).length > 0;

  return (
    <form
      ref={submit.ref}
      class="card"
      noValidate
      aria-labelledby="details-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!changed) return;
        void submit.run(async () => {
          const { data } = await store.patch<Me>('/me', body);
          setMe(data);
          setDraft(detailsOf(data));
          notify(
            me.sms_enabled && !data.sms_enabled
              ? 'Your details are saved. SMS codes are off: turn them on again in Security for the new number.'
              : 'Your details are saved.',
          );
        });
      }}
    >
      <h2 id="details-heading">Your details</h2>
      <FormErrors error={submit.error} fields={kDetailKeys} />
      <div class="grid grid--pair">
        <Field label="First name" error={submit.field('first_name')}>
          {(a) => (
            <input
              {...a}
              name="first_name"
              autoComplete="given-name"
              maxLength={100}
              value={draft.first_name}
              onInput={(e) => set('first_name', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Last name" error={submit.field('last_name')}>
          {(a) => (
            <input
              {...a}
              name="last_name"
              autoComplete="family-name"
              maxLength={100}
              value={draft.last_name}
              onInput={(e) => set('last_name', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Field
        label="Phone (optional)"
        hint={
          me.sms_enabled
            ? 'With the country code, such as +49 30 1234567. Your sign-in codes go to this number by SMS: changing it turns SMS codes off until you turn them on again in Security.'
            : 'With the country code, such as +49 30 1234567.'
        }
        error={submit.field('phone')}
      >
        {(a) => (
          <input
            {...a}
            type="tel"
            name="phone"
            autoComplete="tel"
            value={draft.phone}
            onInput={(e) => set('phone', e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="grid grid--pair">
        <CountryField
          optional
          value={draft.country}
          onChange={(v) => set('country', v)}
          error={submit.field('country')}
        />
        <LanguageField
          value={draft.language}
          onChange={(v) => set('language', v)}
          hint="For the e-mails we send you."
          error={submit.field('language')}
        />
      </div>
      <fieldset class="form-section">
        <legend>News and offers</legend>
        <div class="checks checks--column">
          <Checkbox
            name="consent_email"
            label="Send me news and offers by e-mail"
            checked={draft.consent_email}
            onChange={(v) => set('consent_email', v)}
          />
          <Checkbox
            name="consent_sms"
            label="Send me news and offers by SMS"
            checked={draft.consent_sms}
            onChange={(v) => set('consent_sms', v)}
          />
        </div>
      </fieldset>
      <div class="form-actions">
        <button
          type="button"
          class="button"
          disabled={!changed || submit.busy}
          onClick={() => {
            setDraft(stored);
            submit.setError(null);
          }}
        >
          Discard
        </button>
        <button type="submit" class="button button--primary" disabled={!changed || submit.busy}>
          {submit.busy ? 'Saving…' : 'Save details'}
        </button>
      </div>
    </form>
  );
}

function EmailForm() {
  const { assisted } = useArea();
  const me = useMe();
  return (
    <section class="card" aria-labelledby="email-heading">
      <h2 id="email-heading">E-mail address</h2>
      <p>
        <strong class="break-anywhere">{me.email}</strong>{' '}
        {me.email_verified ? (
          <span class="badge badge--active">Confirmed</span>
        ) : (
          <span class="badge badge--guest">Not confirmed</span>
        )}
      </p>
      {assisted ? (
        <AssistedNotice>Store staff cannot change the e-mail address.</AssistedNotice>
      ) : (
        <EmailChange />
      )}
    </section>
  );
}

function EmailChange() {
  const { setMe } = useArea();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState('');
  const submit = useSubmit();
  return (
    <>
      {sentTo ? (
        <p class="banner banner--info" role="status">
          We sent a link to {sentTo}. Your address changes when you open it.
        </p>
      ) : (
        me.pending_email && (
          <p class="banner banner--info">
            Waiting for confirmation: <strong class="break-anywhere">{me.pending_email}</strong>.
            Open the link we sent there to change your address.
          </p>
        )
      )}
      <form
        ref={submit.ref}
        noValidate
        aria-label="Change the e-mail address"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const { data } = await store.post<{ status: string; pending_email: string }>(
              '/me/email',
              { email: email.trim(), password },
            );
            const pending = data?.pending_email || email.trim();
            setMe({ ...me, pending_email: pending });
            setSentTo(pending);
            setEmail('');
            setPassword('');
          });
        }}
      >
        <h3>Change the e-mail address</h3>
        <FormErrors error={submit.error} fields={['email', 'password']} />
        <Field label="New e-mail address" error={submit.field('email')}>
          {(a) => (
            <input
              {...a}
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <PasswordField
          label="Your password"
          name="password"
          autoComplete="current-password"
          value={password}
          onInput={setPassword}
          error={submit.field('password')}
        />
        <div class="form-actions form-actions--start">
          <button
            type="submit"
            class="button button--primary"
            disabled={submit.busy || !email.trim() || !password}
          >
            {submit.busy ? 'Sending…' : 'Change e-mail address'}
          </button>
        </div>
      </form>
    </>
  );
}
