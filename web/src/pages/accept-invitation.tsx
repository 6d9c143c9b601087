// The page an invitation e-mail links to (/admin/accept-invitation#token=…), shown without a
// session: the new admin chooses a password, which accepts the invitation, and is then signed in
// with it. The token travels in the fragment so that it never reaches server logs or referrers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import { ErrorBanner, Field, Link } from '../components/ui';
import type { Session } from '../types';

const kInvalidLink = 'This invitation link is not valid or has expired.';

// Read by hand, not with URLSearchParams, which would turn a "+" of the token into a space.
function tokenFromHash(): string {
  const m = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
  if (!m) return '';
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return '';
  }
}

export function AcceptInvitationPage(props: { onSignedIn: (s: Session) => Promise<void> }) {
  const [token] = useState(tokenFromHash);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Set when the link cannot be used: the server's words, or ours for a link without a token.
  const [invalid, setInvalid] = useState(token ? '' : kInvalidLink);
  // The password is set but signing in failed (or asked for more): the sign-in page takes over.
  const [accepted, setAccepted] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);

  useEffect(() => passwordRef.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    if (password !== repeat) {
      setMismatch(true);
      setError(null);
      repeatRef.current?.focus();
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    let email: string;
    try {
      const { data } = await api.post<{ email: string }>(
        '/api/admin/invitations/accept',
        { token, password },
        { quiet401: true },
      );
      email = data.email;
    } catch (err) {
      const apiError = asApiError(err);
      if (apiError.code === 'invitation_invalid') setInvalid(apiError.detail || kInvalidLink);
      else setError(apiError);
      if (apiError.field('password')) passwordRef.current?.focus();
      setBusy(false);
      return;
    }
    try {
      const { data } = await api.post<Session>(
        '/api/admin/session',
        { email, password },
        { quiet401: true },
      );
      await props.onSignedIn(data);
    } catch {
      setAccepted(true);
      setBusy(false);
    }
  }

  return (
    <div class="login">
      <main class="login__card" id="main">
        <div class="login__brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="32" height="32" />
          <span>Clientele</span>
        </div>
        <h1>Accept the invitation</h1>
        {invalid ? (
          <>
            <p class="banner banner--error" role="alert">
              {invalid}
            </p>
            <p>
              <Link to="/">Go to the sign-in page</Link>
            </p>
          </>
        ) : accepted ? (
          <>
            <p class="banner banner--info" role="status">
              Your password is set.
            </p>
            <p>
              <Link to="/">Sign in</Link> with your e-mail address and the new password.
            </p>
          </>
        ) : (
          <>
            <p>Choose the password you will sign in with.</p>
            {error && !error.errors.length && <ErrorBanner error={error} />}
            <form onSubmit={submit} aria-label="Accept the invitation">
              <Field
                label="New password"
                hint="At least 12 characters, with at least 5 different ones."
                error={error?.field('password')}
              >
                {(a) => (
                  <input
                    {...a}
                    ref={passwordRef}
                    type="password"
                    name="new-password"
                    autoComplete="new-password"
                    required
                    value={password}
                    onInput={(e) => setPassword(e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field
                label="Repeat the password"
                error={mismatch ? 'The two passwords are not the same.' : undefined}
              >
                {(a) => (
                  <input
                    {...a}
                    ref={repeatRef}
                    type="password"
                    name="repeat-password"
                    autoComplete="new-password"
                    required
                    value={repeat}
                    onInput={(e) => setRepeat(e.currentTarget.value)}
                  />
                )}
              </Field>
              <button type="submit" class="button button--primary button--block" disabled={busy}>
                {busy ? 'Setting the password…' : 'Set password and sign in'}
              </button>
            </form>
          </>
        )}
      </main>
    </div>
  );
}
