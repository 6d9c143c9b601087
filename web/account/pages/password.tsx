// Forgot password (an e-mail with a link, the same answer for any address) and the page of that
// link (/account/reset-password?token=…), which sets a new password and ends every session.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../src/api';
import { Field, FormErrors, Link } from '../../src/components/ui';
import { replaceSearch } from '../../src/router';
import { store } from '../api';
import { useArea } from '../context';
import { kPasswordRules, PageTitle, PasswordField, useSubmit } from '../forms';
import type { Accepted } from '../types';

export function ForgotPasswordPage() {
  const { me } = useArea();
  const [email, setEmail] = useState(me?.email ?? '');
  const [sentTo, setSentTo] = useState('');
  const submit = useSubmit();
  return (
    <section>
      <PageTitle>Forgot your password?</PageTitle>
      <p>Enter the e-mail address of your account; we send you a link to choose a new password.</p>
      {sentTo && (
        <p class="banner banner--info" role="status">
          If {sentTo} belongs to an account, an e-mail with a link is on its way. The link works for
          one hour.
        </p>
      )}
      <form
        ref={submit.ref}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const to = email.trim();
          setSentTo('');
          void submit.run(async () => {
            await store.post<Accepted>('/password/forgot', { email: to });
            setSentTo(to);
          });
        }}
      >
        <FormErrors error={submit.error} fields={['email']} />
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
        <button
          type="submit"
          class="button button--primary button--block"
          disabled={submit.busy || !email.trim()}
        >
          {submit.busy ? 'Sending…' : sentTo ? 'Send the link again' : 'Send the link'}
        </button>
      </form>
      <p class="area-links">
        <Link to={me ? '/security' : '/sign-in'}>
          {me ? 'Back to Security' : 'Back to Sign in'}
        </Link>
      </p>
    </section>
  );
}

const kLinkProblems = ['invalid_link', 'link_expired', 'link_used'];

// Set when a reset succeeded: signing a shopper out here redraws the page in the signed-out frame,
// which mounts it again, and it must still say so.
let justReset = false;

export function ResetPasswordPage({ search }: { search: string }) {
  const { me, signedOut } = useArea();
  const [token] = useState(() => new URLSearchParams(search).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(justReset);
  const submit = useSubmit();

  // The token stays in memory only.
  useEffect(() => {
    replaceSearch('');
    justReset = false;
  }, []);

  const linkProblem =
    !token ||
    (submit.error !== null &&
      kLinkProblems.includes(submit.error.code) &&
      !submit.error.errors.length);

  if (done) {
    return (
      <section>
        <PageTitle>Your password is changed</PageTitle>
        <p class="banner banner--info" role="status">
          Sign in with your new password. Every device that was signed in has been signed out.
        </p>
        <p>
          <Link to="/sign-in" class="button button--primary">
            Sign in
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section>
      <PageTitle>Choose a new password</PageTitle>
      {linkProblem ? (
        <>
          <p class="banner banner--error" role="alert">
            {linkText(submit.error, token)}
          </p>
          <p>
            <Link to="/forgot-password" class="button button--primary">
              Ask for a new link
            </Link>
          </p>
        </>
      ) : (
        <form
          ref={submit.ref}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run(async () => {
              await store.post('/password/reset', { token, password });
              setDone(true);
              if (me) {
                justReset = true;
                signedOut(); // the server ended every session
              }
            });
          }}
        >
          <FormErrors error={submit.error} fields={['password']} />
          <PasswordField
            label="New password"
            name="password"
            autoComplete="new-password"
            hint={kPasswordRules}
            value={password}
            onInput={setPassword}
            error={submit.field('password')}
          />
          <button
            type="submit"
            class="button button--primary button--block"
            disabled={submit.busy || !password}
          >
            {submit.busy ? 'Saving…' : 'Save the new password'}
          </button>
        </form>
      )}
    </section>
  );
}

function linkText(error: ApiError | null, token: string): string {
  if (!token)
    return 'This link has no token. Open the whole link from the e-mail, or ask for a new one.';
  if (error?.code === 'link_expired') return 'This link has expired (links work for one hour).';
  if (error?.code === 'link_used') return 'This link was used already.';
  return 'This link is not valid.';
}
