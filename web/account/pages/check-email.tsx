// "Check your e-mail" after registering: where the link went, what it is for, and sending it
// again (to the address just registered, or to one typed here after a reload).
import { useState } from 'preact/hooks';
import { Field, FormErrors, Link } from '../../src/components/ui';
import { store } from '../api';
import { useArea } from '../context';
import { PageTitle, useSubmit } from '../forms';
import type { Accepted } from '../types';

// The address of the registration that led here; kept in memory only (not in the URL).
let registered = '';

export function rememberRegistration(email: string): void {
  registered = email;
}

export function CheckEmailPage() {
  const { config, me } = useArea();
  return (
    <section>
      <PageTitle>Check your e-mail</PageTitle>
      <p>
        {registered ? (
          <>
            We sent an e-mail to <strong>{registered}</strong>.
          </>
        ) : (
          'We sent you an e-mail.'
        )}{' '}
        Open the link in it and enter your password to confirm your e-mail address.
        {config.require_verification && ' You can sign in once the address is confirmed.'}
      </p>
      <p class="muted small">
        Nothing there after a few minutes? Look in the spam folder, or send the e-mail again.
      </p>
      <ResendForm initialEmail={registered} />
      {!me && (
        <p>
          <Link to="/sign-in">Go to Sign in</Link>
        </p>
      )}
    </section>
  );
}

// Sends the verification e-mail again (POST /verify/resend); the answer is the same whether or
// not the address has an account.
export function ResendForm(props: { initialEmail: string; label?: string }) {
  const [email, setEmail] = useState(props.initialEmail);
  const [sent, setSent] = useState(false);
  const submit = useSubmit();
  return (
    <form
      ref={submit.ref}
      class="resend-form"
      noValidate
      aria-label="Send the verification e-mail again"
      onSubmit={(e) => {
        e.preventDefault();
        setSent(false);
        void submit.run(async () => {
          await store.post<Accepted>('/verify/resend', { email: email.trim() });
          setSent(true);
        });
      }}
    >
      <FormErrors error={submit.error} fields={props.initialEmail ? [] : ['email']} />
      {sent && (
        <p class="banner banner--info" role="status">
          If an account is waiting for {email.trim() || 'this address'} to be confirmed, a new link
          is on its way.
        </p>
      )}
      {!props.initialEmail && (
        <Field label="E-mail" error={submit.field('email')}>
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
      )}
      <button type="submit" class="button" disabled={submit.busy || !email.trim()}>
        {submit.busy ? 'Sending…' : (props.label ?? 'Resend verification e-mail')}
      </button>
    </form>
  );
}
