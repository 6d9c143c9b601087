// Sign in: e-mail and password, then, when the account has two-factor sign-in, a code from the
// authenticator app, a recovery code, or (when offered) a code sent by SMS. The server answers an
// account whose address is not confirmed yet like a wrong password, so that answer also offers to
// send the verification link again; a blocked account is told to contact the store.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../src/api';
import { CodeField, Field, FormErrors, Link } from '../../src/components/ui';
import { navigate } from '../../src/router';
import { store } from '../api';
import { safeNext, useArea } from '../context';
import { inSmsWords, PageTitle, PasswordField, TextButton, useSubmit } from '../forms';
import type {
  LoginAnswer,
  SecondFactorChallenge,
  SecondFactorMethod,
  ShopperSession,
} from '../types';
import { ResendForm } from './check-email';

export function SignInPage({ search }: { search: string }) {
  const { signedIn, config } = useArea();
  const next = safeNext(new URLSearchParams(search).get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);
  const [restartNote, setRestartNote] = useState('');
  // The address of the last attempt, for sending its verification link again.
  const [tried, setTried] = useState('');
  const submit = useSubmit();

  function done(session: ShopperSession) {
    signedIn(session);
    navigate(next || '/profile', true);
  }

  async function signIn() {
    setRestartNote('');
    setTried(email.trim());
    const { data } = await store.post<LoginAnswer>(
      '/login',
      { email: email.trim(), password },
      { quiet401: true },
    );
    if ('second_factor' in data) setChallenge(data.second_factor);
    else done(data);
  }

  if (challenge) {
    return (
      <SecondFactorStep
        challenge={challenge}
        onSignedIn={done}
        onRestart={(note) => {
          setChallenge(null);
          setPassword('');
          setRestartNote(note);
        }}
      />
    );
  }

  const code = submit.error?.code;
  let message: string | null = null;
  if (code === 'invalid_credentials') message = 'The e-mail address or the password is not right.';
  if (code === 'too_many_attempts') {
    message = submit.error?.detail || 'Too many attempts. Wait a few minutes, then try again.';
  }
  if (code === 'account_blocked') {
    message = `This account cannot sign in. Please contact ${config.store_name || 'the store'}.`;
  }

  return (
    <section>
      <PageTitle>Sign in</PageTitle>
      {restartNote && (
        <p class="banner banner--info" role="status">
          {restartNote}
        </p>
      )}
      <form
        ref={submit.ref}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(signIn);
        }}
      >
        {message ? (
          <p class="banner banner--error" role="alert">
            {message}
          </p>
        ) : (
          <FormErrors error={submit.error} fields={['email', 'password']} />
        )}
        <Field label="E-mail" error={submit.field('email')}>
          {(a) => (
            <input
              {...a}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          value={password}
          onInput={setPassword}
          error={submit.field('password')}
        />
        <button
          type="submit"
          class="button button--primary button--block"
          disabled={submit.busy || !email.trim() || !password}
        >
          {submit.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {code === 'invalid_credentials' && tried && (
        <div class="sign-in-hint">
          <p>Registered recently? Confirm your e-mail address first: open the link we sent you.</p>
          <ResendForm key={tried} initialEmail={tried} label="Send the link again" />
        </div>
      )}
      <p class="area-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        <Link to="/register">Create an account</Link>
      </p>
    </section>
  );
}

const kMethodOrder: SecondFactorMethod[] = ['totp', 'sms', 'recovery_code'];

// The second step of signing in (also after confirming the address of an account that has one).
export function SecondFactorStep(props: {
  challenge: SecondFactorChallenge;
  onSignedIn: (session: ShopperSession) => void;
  onRestart: (note: string) => void;
}) {
  const { challenge, onSignedIn, onRestart } = props;
  const methods = kMethodOrder.filter((m) => challenge.methods.includes(m));
  // The authenticator app first when there is one: it sends nothing.
  const [method, setMethod] = useState<SecondFactorMethod>(methods[0] ?? 'totp');
  const [code, setCode] = useState('');
  const [smsSent, setSmsSent] = useState(false);
  const [smsNote, setSmsNote] = useState('');
  const submit = useSubmit();
  const sms = useSubmit();
  const codeRef = useRef<HTMLInputElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);

  // After the page heading took the focus (PageTitle), the code field (or the button that sends
  // the SMS) takes it.
  useEffect(() => {
    const timer = setTimeout(() => (codeRef.current ?? sendRef.current)?.focus(), 0);
    return () => clearTimeout(timer);
  }, [method, smsSent]);

  function choose(next: SecondFactorMethod) {
    setMethod(next);
    setCode('');
    submit.setError(null);
    sms.setError(null);
    setSmsNote('');
  }

  async function sendSms() {
    const again = smsSent;
    setSmsNote('');
    let expired = false;
    const ok = await sms.run(async () => {
      try {
        await store.post('/login/sms', { challenge: challenge.challenge });
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'challenge_expired')) throw inSmsWords(e);
        expired = true;
      }
    });
    if (expired) {
      onRestart('The sign-in took too long. Enter your password again.');
    } else if (ok) {
      setSmsSent(true);
      setCode('');
      submit.setError(null);
      setSmsNote(
        again
          ? 'We sent a new code by SMS to the phone number of your account. It works for 5 minutes.'
          : 'We sent a code by SMS to the phone number of your account. It works for 5 minutes.',
      );
      if (again) setTimeout(() => codeRef.current?.focus(), 0);
    }
  }

  async function verify() {
    try {
      const { data } = await store.post<ShopperSession>(
        '/login/second-factor',
        {
          challenge: challenge.challenge,
          method,
          code: method === 'recovery_code' ? code.trim() : code.replace(/\s+/g, ''),
        },
        { quiet401: true },
      );
      onSignedIn(data);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'challenge_expired') {
        onRestart('The sign-in took too long. Enter your password again.');
        return;
      }
      if (e instanceof ApiError && e.code === 'invalid_code' && !e.errors.length) {
        // Shown at the code field.
        throw new ApiError({
          status: e.status,
          code: e.code,
          detail: e.detail,
          errors: [{ field: 'code', code: 'invalid_code', message: invalidCodeText(method) }],
        });
      }
      throw e;
    }
  }

  const needsSms = method === 'sms' && !smsSent;
  const label =
    method === 'totp'
      ? 'Code from your authenticator app'
      : method === 'sms'
        ? 'Code from the SMS'
        : 'Recovery code';
  const hint =
    method === 'totp'
      ? 'The 6-digit code the app shows now.'
      : method === 'sms'
        ? 'The 6-digit code in the latest SMS we sent you.'
        : 'One of the codes you saved when you turned on two-factor sign-in. Each works once.';

  return (
    <section>
      <PageTitle>Confirm it is you</PageTitle>
      <p>Your account asks for a second step when you sign in.</p>
      {method === 'sms' && (
        <form
          ref={sms.ref}
          noValidate
          aria-label="Send a code by SMS"
          onSubmit={(e) => {
            e.preventDefault();
            void sendSms();
          }}
        >
          {smsNote && (
            <p class="banner banner--info" role="status">
              {smsNote}
            </p>
          )}
          <FormErrors error={sms.error} fields={[]} />
          {needsSms && (
            <>
              <p>We send a 6-digit code to the phone number of your account.</p>
              <button
                ref={sendRef}
                type="submit"
                class="button button--primary button--block"
                disabled={sms.busy}
              >
                {sms.busy ? 'Sending…' : 'Send a code by SMS'}
              </button>
            </>
          )}
        </form>
      )}
      {!needsSms && (
        <form
          ref={submit.ref}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run(verify);
          }}
        >
          {submit.error?.code === 'too_many_attempts' ? (
            <p class="banner banner--error" role="alert">
              {submit.error.detail || 'Too many attempts. Wait a few minutes, then try again.'}
            </p>
          ) : (
            <FormErrors error={submit.error} fields={['code']} />
          )}
          <CodeField
            key={method}
            label={label}
            name="code"
            hint={hint}
            numeric={method !== 'recovery_code'}
            inputRef={codeRef}
            value={code}
            onInput={setCode}
            error={submit.field('code')}
          />
          <button
            type="submit"
            class="button button--primary button--block"
            disabled={submit.busy || !code.trim()}
          >
            {submit.busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      )}
      <ul class="area-options">
        {method === 'sms' && smsSent && (
          <li>
            <TextButton disabled={sms.busy} onClick={() => void sendSms()}>
              {sms.busy ? 'Sending…' : 'Send again'}
            </TextButton>
          </li>
        )}
        {method !== 'totp' && methods.includes('totp') && (
          <li>
            <TextButton onClick={() => choose('totp')}>Use your authenticator app</TextButton>
          </li>
        )}
        {method !== 'sms' && methods.includes('sms') && (
          <li>
            <TextButton onClick={() => choose('sms')}>Get a code by SMS instead</TextButton>
          </li>
        )}
        {method !== 'recovery_code' && methods.includes('recovery_code') && (
          <li>
            <TextButton onClick={() => choose('recovery_code')}>Use a recovery code</TextButton>
          </li>
        )}
        <li>
          <TextButton onClick={() => onRestart('')}>Start again</TextButton>
        </li>
      </ul>
    </section>
  );
}

function invalidCodeText(method: SecondFactorMethod): string {
  if (method === 'recovery_code') return 'That recovery code did not work, or it was used before.';
  if (method === 'sms') return 'That code did not work. Enter the code from the latest SMS.';
  return 'That code did not work. Enter the code your app shows now.';
}
