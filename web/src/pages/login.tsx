// Sign in with e-mail and password, then a TOTP code when the account asks for one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import { ErrorBanner, Field } from '../components/ui';
import type { Session } from '../types';

export function LoginPage(props: { expired: boolean; onSignedIn: (s: Session) => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const totpRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);
  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { email, password };
      if (needTotp) body.totp_code = totp.replace(/\s+/g, '');
      const { data } = await api.post<Session>('/api/admin/session', body, { quiet401: true });
      await props.onSignedIn(data);
    } catch (err) {
      const apiError = asApiError(err);
      if (apiError.code === 'totp_required' || apiError.code === 'invalid_totp') {
        setNeedTotp(true);
        // The first totp_required only asks for the code; after that it is a wrong code.
        if (needTotp || apiError.code === 'invalid_totp') setError(apiError);
        setTotp('');
      } else {
        setError(apiError);
      }
      setBusy(false);
    }
  }

  let message: string | null = null;
  if (error?.code === 'invalid_credentials') message = 'The e-mail or password is not right.';
  if (error?.code === 'too_many_attempts') {
    message = error.detail || 'Too many attempts. Wait a few minutes, then try again.';
  }
  if (error?.code === 'totp_required' || error?.code === 'invalid_totp') {
    message = 'That code did not work. Enter the code your app shows now.';
  }

  return (
    <div class="login">
      <main class="login__card" id="main">
        <div class="login__brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="32" height="32" />
          <span>Clientele</span>
        </div>
        <h1>Sign in</h1>
        {props.expired && !error && (
          <p class="banner banner--info" role="status">
            Your session has ended. Sign in again to continue.
          </p>
        )}
        {message ? (
          <p class="banner banner--error" role="alert">
            {message}
          </p>
        ) : (
          error && !error.errors.length && <ErrorBanner error={error} />
        )}
        <form onSubmit={submit} noValidate={false}>
          <Field label="E-mail" error={error?.field('email')}>
            {(a) => (
              <input
                {...a}
                ref={emailRef}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Password" error={error?.field('password')}>
            {(a) => (
              <input
                {...a}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          {needTotp && (
            <Field
              label="Authentication code"
              hint="The 6-digit code from your authenticator app."
              error={error?.field('totp_code')}
            >
              {(a) => (
                <input
                  {...a}
                  ref={totpRef}
                  name="totp_code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9 ]*"
                  required
                  value={totp}
                  onInput={(e) => setTotp(e.currentTarget.value)}
                />
              )}
            </Field>
          )}
          <button type="submit" class="button button--primary button--block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
