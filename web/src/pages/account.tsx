// The signed-in admin's own account: who they are, their password (changed with the current
// one), and two-factor sign-in with an authenticator app (confirm it is you with the password
// and the current code, add the key to the app, confirm with a first code; or turn it off the
// same way).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { CodeField, ErrorBanner, Field, PageHeader } from '../components/ui';
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
      <ChangePassword />
      <TwoFactor />
    </section>
  );
}

function ChangePassword() {
  const { admin, notify } = useApp();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const mismatch = repeat !== '' && repeat !== next;

  function begin() {
    setOpen(true);
    setPassword('');
    setCode('');
    setNext('');
    setRepeat('');
    setError(null);
    setDone(false);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/admin/me/password', {
        password,
        new_password: next,
        ...(admin.totp_enabled ? { code: code.replace(/\s+/g, '') } : {}),
      });
      setOpen(false);
      setDone(true);
      notify('Password changed.');
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {done && (
        <p class="banner banner--info" role="status">
          Your password is changed. Your other sessions are signed out; this one goes on.
        </p>
      )}
      {!open && (
        <div class="form-actions form-actions--start">
          <button type="button" class="button" onClick={begin}>
            Change password
          </button>
        </div>
      )}
      {open && (
        <form class="totp-setup" onSubmit={submit} noValidate aria-label="Change password">
          {error && !error.errors.length && <ErrorBanner error={error} />}
          <Field label="Current password" error={error?.field('password')}>
            {(a) => (
              <input
                {...a}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          {admin.totp_enabled && (
            <CodeField
              label="Current code from your app"
              name="code"
              value={code}
              onInput={setCode}
              error={error?.field('code')}
            />
          )}
          <Field
            label="New password"
            hint="At least 12 characters."
            error={error?.field('new_password')}
          >
            {(a) => (
              <input
                {...a}
                name="new_password"
                type="password"
                autoComplete="new-password"
                value={next}
                onInput={(e) => setNext(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            label="New password again"
            error={mismatch ? 'The two new passwords differ.' : undefined}
          >
            {(a) => (
              <input
                {...a}
                name="repeat_password"
                type="password"
                autoComplete="new-password"
                value={repeat}
                onInput={(e) => setRepeat(e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="form-actions form-actions--start">
            <button
              type="submit"
              class="button button--primary"
              disabled={busy || !password || !next || repeat !== next}
            >
              Change password
            </button>
            <button type="button" class="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function TwoFactor() {
  const { admin, notify } = useApp();
  const [enabled, setEnabled] = useState(admin.totp_enabled);
  // What the form is for: proving who you are before a set-up or turning it off, or the
  // confirmation of a new app with its first code.
  const [step, setStep] = useState<'idle' | 'prove-setup' | 'prove-off' | 'confirm'>('idle');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [password, setPassword] = useState('');
  const [currentCode, setCurrentCode] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function begin(next: 'prove-setup' | 'prove-off') {
    setStep(next);
    setPassword('');
    setCurrentCode('');
    setError(null);
    setDone(null);
  }

  function cancel() {
    setStep('idle');
    setSetup(null);
    setError(null);
  }

  const proof = () => ({
    password,
    ...(enabled ? { code: currentCode.replace(/\s+/g, '') } : {}),
  });

  async function prove(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step === 'prove-setup') {
        const { data } = await api.post<TotpSetup>('/api/admin/me/totp', proof());
        setSetup(data);
        setCode('');
        setStep('confirm');
      } else {
        await api.post('/api/admin/me/totp/disable', proof());
        setEnabled(false);
        setStep('idle');
        setDone('Two-factor sign-in is off. Signing in needs only your password now.');
        notify('Two-factor sign-in is off.');
      }
    } catch (err) {
      if (err instanceof ApiError) setError(err);
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
      setStep('idle');
      setEnabled(true);
      setDone('Two-factor sign-in is on. You will be asked for a code every time you sign in.');
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
      <p data-testid="totp-state">
        <strong>{enabled ? 'On' : 'Off'}</strong>
        {enabled
          ? ': signing in asks for a code from your app.'
          : ': signing in asks only for your password.'}
      </p>
      {done && (
        <p class="banner banner--info" role="status">
          {done}
        </p>
      )}
      {error && !error.errors.length && <ErrorBanner error={error} />}
      {step === 'idle' && (
        <>
          <div class="form-actions form-actions--start">
            <button
              type="button"
              class="button button--primary"
              onClick={() => begin('prove-setup')}
            >
              {enabled ? 'Use a new authenticator app' : 'Set up an authenticator app'}
            </button>
            {enabled && (
              <button type="button" class="button" onClick={() => begin('prove-off')}>
                Turn off
              </button>
            )}
          </div>
          <p class="muted small">
            Setting up a new app replaces the one you use now once you confirm it. Lost your device?
            An owner or admin can turn two-factor sign-in off for you.
          </p>
        </>
      )}
      {(step === 'prove-setup' || step === 'prove-off') && (
        <form class="totp-setup" onSubmit={prove} noValidate aria-label="Confirm it is you">
          <p>
            {step === 'prove-setup'
              ? 'To change how you sign in, confirm it is you.'
              : 'To turn two-factor sign-in off, confirm it is you.'}
          </p>
          <Field label="Your password" error={error?.field('password')}>
            {(a) => (
              <input
                {...a}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
          {enabled && (
            <CodeField
              label="Current code from your app"
              name="current_code"
              value={currentCode}
              onInput={setCurrentCode}
              error={error?.field('code')}
            />
          )}
          <div class="form-actions form-actions--start">
            <button
              type="submit"
              class="button button--primary"
              disabled={busy || !password || (enabled && !currentCode.trim())}
            >
              {step === 'prove-setup' ? 'Continue' : 'Turn off'}
            </button>
            <button type="button" class="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {step === 'confirm' && setup && (
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
              <CodeField
                label="Code from the app"
                name="code"
                value={code}
                onInput={setCode}
                error={error?.field('code')}
              />
            </li>
          </ol>
          <div class="form-actions form-actions--start">
            <button type="submit" class="button button--primary" disabled={busy || !code.trim()}>
              Turn on
            </button>
            <button type="button" class="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
