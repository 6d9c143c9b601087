// Security: change the password; two-factor sign-in with an authenticator app (turn on with the
// password, scan the QR code or type the key, confirm with a first code, then keep the recovery
// codes shown once; new recovery codes; turn off); sign-in codes by SMS to the profile's phone
// (turn on with the password and a first code sent there, turn off with the password; explained
// instead when the store has no SMS provider or the profile no phone); and the signed-in devices
// (a store staff visit named), each of which can be signed out. A store staff visit sees only a
// notice: all of this is the customer's own.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { saveFile, seg } from '../../src/api';
import { CodeField, ErrorBanner, FormErrors, Link, Loading } from '../../src/components/ui';
import { formatDateTime, plural } from '../../src/format';
import { useResource } from '../../src/hooks';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { inSmsWords, kPasswordRules, PageTitle, PasswordField, useSubmit } from '../forms';
import type { DeviceSession, Me, RecoveryCodes, TotpSetup } from '../types';
import { AssistedNotice, kAssistedCredentials } from './notices';

export function SecurityPage() {
  const { assisted } = useArea();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  if (assisted) {
    return (
      <section class="area-page">
        <PageTitle>Security</PageTitle>
        <section class="card" aria-label="Security">
          <AssistedNotice>{kAssistedCredentials}</AssistedNotice>
          <p class="muted">The devices where the customer is signed in are not shown either.</p>
        </section>
      </section>
    );
  }
  return (
    <section class="area-page">
      <PageTitle>Security</PageTitle>
      <PasswordCard onChanged={() => setSessionsVersion((v) => v + 1)} />
      <TwoFactorCard />
      <SmsCard />
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

// Me after a second factor was turned on or off, as the server counts it: TOTP is asked first
// when both are on, and the recovery codes go when the last factor goes (`codes`: new ones).
function withFactors(me: Me, on: { totp: boolean; sms: boolean }, codes?: string[]): Me {
  const any = on.totp || on.sms;
  return {
    ...me,
    totp_enabled: on.totp,
    sms_enabled: on.sms,
    second_factor: on.totp ? 'totp' : on.sms ? 'sms' : 'none',
    recovery_codes_left: !any ? 0 : codes?.length ? codes.length : me.recovery_codes_left,
  };
}

// Each step of a card starts at its first field (or what is marked data-focus, such as the
// recovery codes' heading); back at the start, at the card's heading.
function useStepFocus(
  step: string,
  stepRef: RefObject<HTMLElement>,
  headingRef: RefObject<HTMLElement>,
) {
  const moved = useRef(false);
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
}

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
  useStepFocus(step, stepRef, headingRef);

  function go(next: Step) {
    setStep(next);
    setPassword('');
    setCode('');
    submit.setError(null);
    if (next !== 'idle') setMessage('');
  }

  const totp = me.totp_enabled ?? me.second_factor === 'totp';
  const sms = me.sms_enabled ?? me.second_factor === 'sms';
  const on = totp || sms;

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
        {totp && sms
          ? ': signing in asks for a code from your authenticator app, or one sent to your phone by SMS.'
          : totp
            ? ': signing in asks for a code from your authenticator app.'
            : sms
              ? ': signing in asks for a code sent to your phone by SMS.'
              : ': signing in asks only for your password.'}
        {on && ` ${plural(me.recovery_codes_left ?? 0, 'recovery code')} left.`}
      </p>
      {message && (
        <p class="banner banner--info" role="status">
          {message}
        </p>
      )}
      <div ref={stepRef}>
        {step === 'idle' && (
          <div class="form-actions form-actions--start">
            {!totp && (
              <button
                type="button"
                class={`button${on ? '' : ' button--primary'}`}
                onClick={() => go('prove-on')}
              >
                {on ? 'Add an authenticator app' : 'Turn on two-factor sign-in'}
              </button>
            )}
            {on && (
              <button type="button" class="button" onClick={() => go('prove-codes')}>
                New recovery codes
              </button>
            )}
            {totp && (
              <button
                type="button"
                class="button button--danger-outline"
                onClick={() => go('prove-off')}
              >
                Turn off<span class="visually-hidden"> the authenticator app</span>
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
                  setMe(withFactors(me, { totp: false, sms }));
                  go('idle');
                  if (sms) {
                    setMessage(
                      'The authenticator app is off. Signing in asks for a code sent to your phone by SMS.',
                    );
                    notify('The authenticator app is off.');
                  } else {
                    setMessage(
                      'Two-factor sign-in is off. Signing in needs only your password now.',
                    );
                    notify('Two-factor sign-in is off.');
                  }
                }
              });
            }}
          >
            <p>
              {step === 'prove-on'
                ? on
                  ? 'To add an authenticator app, confirm it is you.'
                  : 'To turn on two-factor sign-in, confirm it is you.'
                : step === 'prove-codes'
                  ? 'New recovery codes replace the ones you have now. Confirm it is you.'
                  : sms
                    ? 'To turn off codes from the authenticator app, confirm it is you. Signing in will still ask for a code by SMS.'
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
                setMe(withFactors(me, { totp: true, sms }, data.recovery_codes));
                if (data.recovery_codes.length) go('codes');
                else {
                  go('idle');
                  setMessage('The authenticator app is on. Your recovery codes stay as they were.');
                }
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

// ---------------------------------------------------------------------------------------------

type SmsStep = 'idle' | 'prove-on' | 'code' | 'codes' | 'prove-off';

function SmsCard() {
  const { config, setMe, notify } = useArea();
  const me = useMe();
  const [step, setStep] = useState<SmsStep>('idle');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[]>([]);
  const [sentNote, setSentNote] = useState('');
  const [message, setMessage] = useState('');
  // The password of the set-up, kept while its code step is open to send the code again.
  const proven = useRef('');
  const submit = useSubmit();
  const stepRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  useStepFocus(step, stepRef, headingRef);

  function go(next: SmsStep) {
    setStep(next);
    setPassword('');
    setCode('');
    submit.setError(null);
    if (next !== 'code') {
      proven.current = '';
      setSentNote('');
    }
    if (next !== 'idle') setMessage('');
  }

  async function sendCode(secret: string) {
    try {
      await store.post('/me/sms', { password: secret });
    } catch (e) {
      throw inSmsWords(e);
    }
  }

  const totp = me.totp_enabled ?? me.second_factor === 'totp';
  const on = me.sms_enabled ?? me.second_factor === 'sms';
  const phone = me.phone.trim();

  let body;
  if (!config.sms_available && !on) {
    body = (
      <p data-testid="sms-state">
        SMS codes are not available: this store has not set up an SMS provider. Use an authenticator
        app.
      </p>
    );
  } else if (!phone && !on) {
    body = (
      <p data-testid="sms-state">
        Add your mobile number in <Link to="/profile">Profile</Link> first.
      </p>
    );
  } else {
    body = (
      <>
        <p data-testid="sms-state">
          <strong>{on ? 'On' : 'Off'}</strong>
          {on ? (
            <>
              : signing in can ask for a code sent to{' '}
              <span class="break-anywhere">{phone || 'your phone'}</span>.
            </>
          ) : (
            <>
              : codes would go to <span class="break-anywhere">{phone}</span>, the number in your{' '}
              <Link to="/profile">profile</Link>.
            </>
          )}
        </p>
        {!config.sms_available && (
          <p class="muted small">
            The store does not send SMS at the moment, so signing in cannot ask for these codes. You
            can still turn them off.
          </p>
        )}
        {message && (
          <p class="banner banner--info" role="status">
            {message}
          </p>
        )}
        <div ref={stepRef}>
          {step === 'idle' && (
            <div class="form-actions form-actions--start">
              {on ? (
                <button
                  type="button"
                  class="button button--danger-outline"
                  onClick={() => go('prove-off')}
                >
                  Turn off SMS codes
                </button>
              ) : (
                <button
                  type="button"
                  class={`button${totp ? '' : ' button--primary'}`}
                  onClick={() => go('prove-on')}
                >
                  Turn on SMS codes
                </button>
              )}
            </div>
          )}

          {(step === 'prove-on' || step === 'prove-off') && (
            <form
              ref={submit.ref}
              class="subform"
              noValidate
              aria-label={step === 'prove-on' ? 'Turn on SMS codes' : 'Turn off SMS codes'}
              onSubmit={(e) => {
                e.preventDefault();
                void submit.run(async () => {
                  if (step === 'prove-on') {
                    await sendCode(password);
                    proven.current = password;
                    go('code');
                    setSentNote(`We sent a code to ${phone}. It works for 5 minutes.`);
                  } else {
                    await store.post('/me/sms/disable', { password });
                    setMe(withFactors(me, { totp, sms: false }));
                    go('idle');
                    setMessage(
                      totp
                        ? 'SMS codes are off. Signing in asks for a code from your authenticator app.'
                        : 'SMS codes are off. Signing in needs only your password now.',
                    );
                    notify('SMS codes are off.');
                  }
                });
              }}
            >
              <p>
                {step === 'prove-on'
                  ? `To check the number, we send a code to ${phone}. First confirm it is you.`
                  : 'To turn off SMS codes, confirm it is you.'}
              </p>
              <FormErrors error={submit.error} fields={['password']} />
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
                  class={`button ${step === 'prove-off' ? 'button--danger' : 'button--primary'}`}
                  disabled={submit.busy || !password}
                >
                  {step === 'prove-on'
                    ? submit.busy
                      ? 'Sending…'
                      : 'Send the code'
                    : 'Turn off SMS codes'}
                </button>
                <button type="button" class="button" onClick={() => go('idle')}>
                  Cancel
                </button>
              </div>
            </form>
          )}

          {step === 'code' && (
            <form
              ref={submit.ref}
              class="subform"
              noValidate
              aria-label="Enter the code from the SMS"
              onSubmit={(e) => {
                e.preventDefault();
                void submit.run(async () => {
                  const { data } = await store.post<RecoveryCodes>('/me/sms/confirm', {
                    code: code.replace(/\s+/g, ''),
                  });
                  const fresh = data?.recovery_codes ?? [];
                  setMe(withFactors(me, { totp, sms: true }, fresh));
                  notify('SMS codes are on.');
                  if (fresh.length) {
                    setCodes(fresh);
                    go('codes');
                  } else {
                    go('idle');
                    setMessage('SMS codes are on. Your recovery codes stay as they were.');
                  }
                });
              }}
            >
              {sentNote && (
                <p class="banner banner--info" role="status">
                  {sentNote}
                </p>
              )}
              <FormErrors error={submit.error} fields={['code']} />
              <CodeField
                label="Code from the SMS"
                name="code"
                hint="The 6-digit code in the SMS we just sent."
                inputRef={codeRef}
                value={code}
                onInput={setCode}
                error={submit.field('code')}
              />
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
                  disabled={submit.busy}
                  onClick={() =>
                    void submit.run(async () => {
                      setSentNote('');
                      await sendCode(proven.current);
                      setCode('');
                      setSentNote(`We sent a new code to ${phone}. It works for 5 minutes.`);
                      codeRef.current?.focus();
                    })
                  }
                >
                  Send again
                </button>
                <button type="button" class="button" onClick={() => go('idle')}>
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
      </>
    );
  }

  return (
    <section class="card" aria-labelledby="sms-heading">
      <h2 id="sms-heading" ref={headingRef} tabIndex={-1}>
        SMS codes
      </h2>
      <p>
        Instead of an app, signing in can ask for a 6-digit code that we send to your mobile phone
        by SMS.
      </p>
      {body}
    </section>
  );
}

// Recovery codes, shown once: copy them, download them as a text file, then say they are kept.
function RecoveryCodesView(props: { codes: string[]; onDone: () => void }) {
  return (
    <div class="recovery subform">
      <h3 tabIndex={-1} data-focus>
        Your recovery codes
      </h3>
      <p>
        If you lose your phone, each of these codes signs you in once instead of a code from the app
        or an SMS. Keep them somewhere safe: <strong>they are shown only now.</strong>
      </p>
      <RecoveryCodesList codes={props.codes} doneLabel="I have saved them" onDone={props.onDone} />
    </div>
  );
}

// The codes with Copy, Download (a text file) and the button that says they are kept.
export function RecoveryCodesList(props: {
  codes: string[];
  doneLabel: string;
  onDone: () => void;
}) {
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
    <>
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
          {props.doneLabel}
        </button>
      </div>
      <p class="muted small" role="status">
        {copied}
      </p>
    </>
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
                {s.assisted_by && <span class="session__staff">Store staff: {s.assisted_by}</span>}
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
