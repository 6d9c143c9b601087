// The signed-in admin's own account: who they are, and two-factor sign-in with an authenticator
// app (start the set-up, add the key to the app, confirm with a first code).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorBanner, Field, PageHeader } from '../components/ui';
import { useApp } from '../session';

interface TotpSetup {
  secret: string;
  otpauth_url: string;
}

const kRoleText: Record<string, string> = {
  owner: 'Owner: everything, including other owners',
  admin: 'Admin: everything except making owners',
  support: 'Support: view and edit customers, read the audit log',
  viewer: 'Viewer: view customers',
};

export function AccountPage() {
  const { admin } = useApp();
  return (
    <section>
      <PageHeader title="Your account" />
      <div class="card">
        <dl class="facts">
          <div>
            <dt>Name</dt>
            <dd>{admin.name || '—'}</dd>
          </div>
          <div>
            <dt>E-mail</dt>
            <dd>{admin.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{kRoleText[admin.role] ?? admin.role}</dd>
          </div>
        </dl>
      </div>
      <TwoFactor />
    </section>
  );
}

function TwoFactor() {
  const { notify } = useApp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<TotpSetup>('/api/admin/me/totp');
      setSetup(data);
      setDone(false);
      setCode('');
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/admin/me/totp/confirm', { code: code.replace(/\s+/g, '') });
      setSetup(null);
      setDone(true);
      notify('Two-factor sign-in is on.');
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-factor sign-in</h2>
      <p>
        With an authenticator app (such as Aegis, 1Password or Google Authenticator), signing in
        also asks for the 6-digit code the app shows, so a stolen password alone is not enough.
      </p>
      {done && (
        <p class="banner banner--info" role="status">
          Two-factor sign-in is on. You will be asked for a code every time you sign in.
        </p>
      )}
      {error && !error.errors.length && <ErrorBanner error={error} />}
      {!setup ? (
        <>
          <button type="button" class="button button--primary" disabled={busy} onClick={start}>
            Set up an authenticator app
          </button>
          <p class="muted small">
            Setting up a new app replaces the one you use now once you confirm it. Lost your device?
            An owner or admin can turn two-factor sign-in off for you.
          </p>
        </>
      ) : (
        <form class="totp-setup" onSubmit={confirm} noValidate>
          <ol>
            <li>
              <p>
                Add this key to your authenticator app, or{' '}
                <a href={setup.otpauth_url}>open it in the app</a> on this device.
              </p>
              <p class="secret-key">
                <code aria-label="Set-up key">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </p>
            </li>
            <li>
              <Field label="Code from the app" error={error?.field('code')}>
                {(a) => (
                  <input
                    {...a}
                    name="code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    class="input--short"
                    value={code}
                    onInput={(e) => setCode(e.currentTarget.value)}
                  />
                )}
              </Field>
            </li>
          </ol>
          <div class="form-actions form-actions--start">
            <button type="submit" class="button button--primary" disabled={busy || !code.trim()}>
              Turn on
            </button>
            <button type="button" class="button" onClick={() => setSetup(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
