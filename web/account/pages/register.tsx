// Create an account: names, e-mail, a password (the rules shown), optionally a phone number,
// country and language, and the marketing consents. The answer is the same whether or not the
// address has an account already: "check your e-mail".
import { useState } from 'preact/hooks';
import { CountryField } from '../../src/components/country-field';
import { Checkbox, Field, FormErrors, Link } from '../../src/components/ui';
import { navigate } from '../../src/router';
import { store } from '../api';
import { useArea } from '../context';
import { kPasswordRules, LanguageField, PageTitle, PasswordField, useSubmit } from '../forms';
import type { Accepted } from '../types';
import { rememberRegistration } from './check-email';

const kFields = ['first_name', 'last_name', 'email', 'password', 'phone', 'country', 'language'];

export function RegisterPage() {
  const { config } = useArea();
  const [draft, setDraft] = useState({
    first_name: '',
    last_name: '',
    email: '',
    password: '',
    phone: '',
    country: config.default_country,
    language: config.default_language || 'en',
    consent_email: false,
    consent_sms: false,
  });
  const submit = useSubmit();
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [k]: v }));

  async function register() {
    const body: Record<string, unknown> = {
      first_name: draft.first_name.trim(),
      last_name: draft.last_name.trim(),
      email: draft.email.trim(),
      password: draft.password,
      consent_email: draft.consent_email,
      consent_sms: draft.consent_sms,
    };
    if (draft.phone.trim()) body.phone = draft.phone.trim();
    if (draft.country) body.country = draft.country;
    if (draft.language) body.language = draft.language;
    await store.post<Accepted>('/register', body);
    rememberRegistration(body.email as string);
    navigate('/check-email');
  }

  const text = (key: 'first_name' | 'last_name', label: string, autoComplete: string) => (
    <Field label={label} error={submit.field(key)}>
      {(a) => (
        <input
          {...a}
          name={key}
          autoComplete={autoComplete}
          maxLength={100}
          value={draft[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <section>
      <PageTitle>Create an account</PageTitle>
      <p class="muted">
        {config.account_mode === 'optional'
          ? 'With an account you can see your details and addresses at any time. You can also check out as a guest.'
          : 'You need an account to order from this store.'}
      </p>
      <form
        ref={submit.ref}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(register);
        }}
      >
        <FormErrors error={submit.error} fields={kFields} />
        <div class="grid grid--pair">
          {text('first_name', 'First name', 'given-name')}
          {text('last_name', 'Last name', 'family-name')}
        </div>
        <Field label="E-mail" error={submit.field('email')}>
          {(a) => (
            <input
              {...a}
              type="email"
              name="email"
              autoComplete="email"
              value={draft.email}
              onInput={(e) => set('email', e.currentTarget.value)}
            />
          )}
        </Field>
        <PasswordField
          label="Password"
          name="password"
          autoComplete="new-password"
          hint={kPasswordRules}
          value={draft.password}
          onInput={(v) => set('password', v)}
          error={submit.field('password')}
        />
        <Field
          label="Phone (optional)"
          hint="With the country code, such as +49 30 1234567."
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
          <p class="field__hint">You can change this at any time in your profile.</p>
        </fieldset>
        <button type="submit" class="button button--primary button--block" disabled={submit.busy}>
          {submit.busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="area-links">
        <span>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </span>
      </p>
    </section>
  );
}
