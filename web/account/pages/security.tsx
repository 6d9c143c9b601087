// Security: change the password; two-factor sign-in with an authenticator app (turn on with the
// password, scan the QR code or type the key, confirm with a first code, then keep the recovery
// codes shown once; new recovery codes; turn off); and the signed-in devices, each of which can be
// signed out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { saveFile, seg } from '../../src/api';
import { CodeField, ErrorBanner, FormErrors, Loading } from '../../src/components/ui';
import { formatDateTime, plural } from '../../src/format';
import { useResource } from '../../src/hooks';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { kPasswordRules, PageTitle, PasswordField, useSubmit } from '../forms';
import type { DeviceSession, RecoveryCodes, TotpSetup } from '../types';

export function SecurityPage() {
  const [sessionsVersion, setSessionsVersion] = useState(0);
  return (
    <section class="area-page">
      <PageTitle>Security</PageTitle>
      <PasswordCard onChanged={() => setSessionsVersion((v) => v + 1)} />
      <TwoFactorCard />
      <SessionsCard version={sessionsVersion} />
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

function PasswordCard({ onChanged }: { onChanged: () => void }) {
  const { notify } = useArea();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  return (
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {done && (
        <p class="banner banner--info" role="status">
          Your password is changed. Other devices that were signed in are signed out.
        </p>
      )}
      <form
        ref={submit.ref}
        noValidate
        aria-label="Change the password"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          void submit.run(async () => {
            await store.post('/me/password', { current_password: current, new_password: next });
            setCurrent('');
            setNext('');
            setDone(true);
            notify('Your password is changed.');
            onChanged();
          });
        }}
      >
        <FormErrors error={submit.error} fields={['current_password', 'new_password']} />
        <PasswordField
          label="Current password"
          name="current_password"
          autoComplete="current-password"
          value={current}
          onInput={setCurrent}
          error={submit.field('current_password')}
        />
        <PasswordField
          label="New password"
          name="new_password"
          autoComplete="new-password"
          hint={kPasswordRules}
          value={next}
          onInput={setNext}
          error={submit.field('new_password')}
        />
        <div class="form-actions form-actions--start">
          <button
            type="submit"
            class="button button--primary"
            disabled={submit.busy || !current || !next}
          >
            {submit.busy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------

type Step = 'idle' | 'prove-on' | 'scan' | 'codes' | 'prove-codes' | 'prove-off';

function TwoFactorCard() {
  const { setMe, notify } = useArea();
  const me = useMe();
  const [step, setStep] = useState<Step>('idle');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');
  const submit = useSubmit();
  const stepRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // Each step starts at its first field (or, for the codes, their heading); back at the start,
  // at the card's heading.
  useEffect(() => {
    if (!moved.current) {
      moved.current = true;
      return;
    }
    const target =
      stepRef.current?.querySelector<HTMLElement>('[data-focus]') ??
      stepRef.current?.querySelector<HTMLElement>('input') ??
      headingRef.current;
    target?.focus();
  }, [step]);

  function go(next: Step) {
    setStep(next);
    setPassword('');
    setCode('');
    submit.setError(null);
    if (next !== 'idle') setMessage('');
  }

  const on = me.second_factor !== 'none';

  return (
    <section class="card" aria-labelledby="totp-heading">
      <h2 id="totp-heading" ref={headingRef} tabIndex={-1}>
        Two-factor sign-in
      </h2>
      <p>
        With an authenticator app (such as Aegis, 1Password or Google Authenticator), signing in
        also asks for the 6-digit code the app shows, so a stolen password alone is not enough.
      </p>
      <p data-testid="two-factor-state">
        <strong>{on ? 'On' : 'Off'}</strong>
        {me.second_factor === 'totp'
          ? ': signing in asks for a code from your authenticator app.'
          : me.second_factor === 'sms'
            ? ': signing in asks for a code sent to your phone by SMS.'
            : ': signing in asks only for your password.'}
        {on && ` ${plural(me.recovery_codes_left, 'recovery code')} left.`}
      </p>
      {message && (
        <p class="banner banner--info" role="status">
          {message}
        </p>
      )}
      <div ref={stepRef}>
        {step === 'idle' && (
          <div class="form-actions form-actions--start">
            {me.second_factor === 'none' && (
              <button type="button" class="button button--primary" onClick={() => go('prove-on')}>
                Turn on two-factor sign-in
              </button>
            )}
            {on && (
              <button type="button" class="button" onClick={() => go('prove-codes')}>
                New recovery codes
              </button>
            )}
            {me.second_factor === 'totp' && (
              <button
                type="button"
                class="button button--danger-outline"
                onClick={() => go('prove-off')}
              >
                Turn off
              </button>
            )}
          </div>
        )}

        {(step === 'prove-on' || step === 'prove-codes' || step === 'prove-off') && (
          <form
            ref={submit.ref}
            class="subform"
            noValidate
            aria-label="Confirm it is you"
            onSubmit={(e) => {
              e.preventDefault();
              void submit.run(async () => {
                if (step === 'prove-on') {
                  const { data } = await store.post<TotpSetup>('/me/totp', { password });
                  setSetup(data);
                  go('scan');
                } else if (step === 'prove-codes') {
                  const { data } = await store.post<RecoveryCodes>('/me/recovery-codes', {
                    password,
                  });
                  setCodes(data.recovery_codes);
                  setMe({ ...me, recovery_codes_left: data.recovery_codes.length });
                  go('codes');
                } else {
                  await store.post('/me/totp/disable', {
                    password,
                    code: code.replace(/\s+/g, ''),
                  });
                  setMe({ ...me, second_factor: 'none', recovery_codes_left: 0 });
                  go('idle');
                  setMessage('Two-factor sign-in is off. Signing in needs only your password now.');
                  notify('Two-factor sign-in is off.');
                }
              });
            }}
          >
            <p>
              {step === 'prove-on'
                ? 'To turn on two-factor sign-in, confirm it is you.'
                : step === 'prove-codes'
                  ? 'New recovery codes replace the ones you have now. Confirm it is you.'
                  : 'To turn two-factor sign-in off, confirm it is you.'}
            </p>
            <FormErrors
              error={submit.error}
              fields={step === 'prove-off' ? ['password', 'code'] : ['password']}
            />
            <PasswordField
              label="Your password"
              name="password"
              autoComplete="current-password"
              value={password}
              onInput={setPassword}
              error={submit.field('password')}
            />
            {step === 'prove-off' && (
              <CodeField
                label="Code from your authenticator app"
                name="code"
                value={code}
                onInput={setCode}
                error={submit.field('code')}
              />
            )}
            <div class="form-actions form-actions--start">
              <button
                type="submit"
                class={`button ${step === 'prove-off' ? 'button--danger' : 'button--primary'}`}
                disabled={submit.busy || !password || (step === 'prove-off' && !code.trim())}
              >
                {step === 'prove-on'
                  ? 'Continue'
                  : step === 'prove-codes'
                    ? 'Make new codes'
                    : 'Turn off'}
              </button>
              <button type="button" class="button" onClick={() => go('idle')}>
                Cancel
              </button>
            </div>
          </form>
        )}

        {step === 'scan' && setup && (
          <form
            ref={submit.ref}
            class="subform totp-setup"
            noValidate
            aria-label="Add the account to your authenticator app"
            onSubmit={(e) => {
              e.preventDefault();
              void submit.run(async () => {
                const { data } = await store.post<RecoveryCodes>('/me/totp/confirm', {
                  code: code.replace(/\s+/g, ''),
                });
                setSetup(null);
                setCodes(data.recovery_codes);
                setMe({
                  ...me,
                  second_factor: 'totp',
                  recovery_codes_left: data.recovery_codes.length,
                });
                go('codes');
                notify('Two-factor sign-in is on.');
              });
            }}
          >
            <ol>
              <li>
                {setup.qr_svg ? (
                  <>
                    <p tabIndex={-1} data-focus>
                      Scan this QR code with your authenticator app:
                    </p>
                    <figure class="qr">
                      <div
                        class="qr__image"
                        role="img"
                        aria-label="QR code for adding your account to an authenticator app"
                        dangerouslySetInnerHTML={{ __html: setup.qr_svg }}
                      />
                      <figcaption class="muted small">
                        Cannot scan it? Type this key into the app instead, or{' '}
                        <a href={setup.uri}>open it in the app</a> on this device.
                      </figcaption>
                    </figure>
                  </>
                ) : (
                  <p tabIndex={-1} data-focus>
                    Type this key into your authenticator app, or{' '}
                    <a href={setup.uri}>open it in the app</a> on this device:
                  </p>
                )}
                <p class="secret-key">
                  <code aria-label="Set-up key">
                    {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
                  </code>
                </p>
              </li>
              <li>
                <FormErrors error={submit.error} fields={['code']} />
                <CodeField
                  label="Code from the app"
                  name="code"
                  hint="The 6-digit code the app shows for this store."
                  value={code}
                  onInput={setCode}
                  error={submit.field('code')}
                />
              </li>
            </ol>
            <div class="form-actions form-actions--start">
              <button
                type="submit"
                class="button button--primary"
                disabled={submit.busy || !code.trim()}
              >
                Turn on
              </button>
              <button
                type="button"
                class="button"
                onClick={() => {
                  setSetup(null);
                  go('idle');
                }}
              >
                Cancel
              </button>
            </div>
          </form>
        )}

        {step === 'codes' && (
          <RecoveryCodesView
            codes={codes}
            onDone={() => {
              setCodes([]);
              go('idle');
            }}
          />
        )}
      </div>
    </section>
  );
}

// Recovery codes, shown once: copy them, download them as a text file, then say they are kept.
function RecoveryCodesView(props: { codes: string[]; onDone: () => void }) {
  const { config } = useArea();
  const [copied, setCopied] = useState('');
  const text = `${props.codes.join('\n')}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('The codes are copied.');
    } catch {
      // No clipboard API (a page that is not on HTTPS): copy from a selected text area.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      setCopied(ok ? 'The codes are copied.' : 'Copying did not work; download them instead.');
    }
  }

  function download() {
    const slug = (config.store_name || 'store').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const header = `Recovery codes for ${config.store_name || 'your account'}. Each code works once.\n\n`;
    saveFile({
      blob: new Blob([header + text], { type: 'text/plain;charset=utf-8' }),
      filename: `${slug.replace(/^-|-$/g, '') || 'store'}-recovery-codes.txt`,
    });
  }

  return (
    <div class="recovery subform">
      <h3 tabIndex={-1} data-focus>
        Your recovery codes
      </h3>
      <p>
        If you lose your phone, each of these codes signs you in once instead of a code from the
        app. Keep them somewhere safe: <strong>they are shown only now.</strong>
      </p>
      <ol class="recovery-codes" aria-label="Recovery codes">
        {props.codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div class="form-actions form-actions--start">
        <button type="button" class="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" class="button" onClick={download}>
          Download
        </button>
        <button type="button" class="button button--primary" onClick={props.onDone}>
          I have saved them
        </button>
      </div>
      <p class="muted small" role="status">
        {copied}
      </p>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

function SessionsCard({ version }: { version: number }) {
  const { notify } = useArea();
  const sessions = useResource(
    (signal) =>
      store.get<{ items: DeviceSession[] }>('/me/sessions', { signal }).then((r) => r.data.items),
    [version],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function act(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      notify(await action());
      sessions.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const items = sessions.data ?? [];
  const others = items.filter((s) => !s.current).length;

  return (
    <section class="card" aria-labelledby="sessions-heading">
      <div class="card__header">
        <h2 id="sessions-heading">Where you are signed in</h2>
        {others > 0 && (
          <button
            type="button"
            class="button button--small button--danger-outline"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const { data } = await store.post<{ ended: number }>('/me/sessions/end-others');
                const n = data?.ended ?? others;
                return `${plural(n, 'other session')} ended.`;
              })
            }
          >
            End all other sessions
          </button>
        )}
      </div>
      <ErrorBanner error={error} />
      {sessions.error && !sessions.data ? (
        <ErrorBanner error={sessions.error} onRetry={sessions.reload} />
      ) : !sessions.data ? (
        <Loading />
      ) : (
        <ul class="session-list">
          {items.map((s) => (
            <li key={s.id} class="session" data-session-id={s.id}>
              <div class="session__text">
                <strong>{s.device || 'Unknown device'}</strong>
                {s.current && <span class="badge badge--active">This device</span>}
                <span class="muted small session__meta">
                  {s.ip && <span>IP {s.ip}</span>}
                  <span>Last seen {formatDateTime(s.last_seen_at)}</span>
                  <span>Signed in {formatDateTime(s.created_at)}</span>
                </span>
              </div>
              {!s.current && (
                <button
                  type="button"
                  class="button button--small"
                  disabled={busy}
                  aria-label={`End session on ${s.device || 'unknown device'}`}
                  onClick={() =>
                    void act(async () => {
                      await store.del(`/me/sessions/${seg(s.id)}`);
                      return `The session on ${s.device || 'that device'} is ended.`;
                    })
                  }
                >
                  End session
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
