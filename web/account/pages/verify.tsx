// The link in a verification e-mail (/account/verify?token=…): confirms a new account's address,
// or a changed one. The link proves the address; the account's password, asked for here, proves
// that whoever opened it chose the account (so the owner of an address cannot confirm a stranger's
// registration of it). A new account is signed in at once (after its second step, if it has one)
// and lands on the profile; otherwise the page says what happened, with the way on. The token
// leaves the address bar once read.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, asApiError } from '../../src/api';
import { ErrorBanner, FormErrors, Link } from '../../src/components/ui';
import { navigate, replaceSearch } from '../../src/router';
import { store } from '../api';
import { useArea } from '../context';
import { PageTitle, PasswordField, useSubmit } from '../forms';
import type { SecondFactorChallenge, ShopperSession, VerifyAnswer } from '../types';
import { ResendForm } from './check-email';
import { SecondFactorStep } from './sign-in';

const kLinkProblems = ['invalid_link', 'link_expired', 'link_used'];

type Step =
  | { kind: 'password' }
  | { kind: 'problem'; error: ApiError; submitted: boolean }
  | { kind: 'second_factor'; answer: VerifyAnswer; challenge: SecondFactorChallenge }
  | { kind: 'done'; answer: VerifyAnswer; note: string };

function confirmedText(answer: VerifyAnswer): string {
  return answer.status === 'email_changed'
    ? `Your e-mail address is now ${answer.email}.`
    : `Thank you: ${answer.email} is confirmed.`;
}

export function VerifyPage({ search }: { search: string }) {
  const { me, refresh, signedIn, notify } = useArea();
  const [token] = useState(() => new URLSearchParams(search).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<Step>(() =>
    token
      ? { kind: 'password' }
      : {
          kind: 'problem',
          submitted: false,
          error: new ApiError({
            status: 400,
            code: 'invalid_link',
            detail: 'The link has no token.',
          }),
        },
  );
  const submit = useSubmit();

  useEffect(() => replaceSearch(''), []);

  // Signed in: on to the profile, which says that the address is confirmed.
  function landSignedIn(session: ShopperSession, answer: VerifyAnswer) {
    signedIn(session);
    navigate('/profile', true);
    notify(`${confirmedText(answer)} You are signed in.`);
  }

  async function confirm() {
    let answer: VerifyAnswer;
    try {
      ({ data: answer } = await store.post<VerifyAnswer>('/verify', { token, password }));
    } catch (e) {
      const error = asApiError(e);
      // A problem of the link, not of the password: the form has nothing more to offer.
      if (kLinkProblems.includes(error.code)) {
        setStep({ kind: 'problem', error, submitted: true });
        return;
      }
      throw error;
    }
    setPassword('');
    if (answer.customer && answer.csrf_token) {
      landSignedIn(
        {
          customer: answer.customer,
          csrf_token: answer.csrf_token,
          recovery_codes: answer.recovery_codes,
        },
        answer,
      );
    } else if (answer.second_factor && !me) {
      setStep({ kind: 'second_factor', answer, challenge: answer.second_factor });
    } else {
      // A changed address, or signing in did not work out (a shopper signed in already keeps
      // the session): the address is confirmed either way.
      if (me) void refresh();
      setStep({ kind: 'done', answer, note: '' });
    }
  }

  if (step.kind === 'second_factor') {
    return (
      <SecondFactorStep
        challenge={step.challenge}
        onSignedIn={(session) => landSignedIn(session, step.answer)}
        onRestart={(note) => setStep({ kind: 'done', answer: step.answer, note })}
      />
    );
  }

  return (
    <section>
      <PageTitle>Confirm your e-mail address</PageTitle>
      {step.kind === 'done' ? (
        <Confirmed answer={step.answer} note={step.note} signedIn={!!me} />
      ) : step.kind === 'problem' ? (
        <VerifyProblem error={step.error} signedIn={!!me} takeFocus={step.submitted} />
      ) : (
        <>
          <form
            ref={submit.ref}
            noValidate
            aria-label="Confirm your e-mail address"
            onSubmit={(e) => {
              e.preventDefault();
              void submit.run(confirm);
            }}
          >
            {submit.error?.code === 'too_many_attempts' ? (
              <p class="banner banner--error" role="alert">
                {submit.error.detail || 'Too many attempts. Wait a few minutes, then try again.'}
              </p>
            ) : (
              <FormErrors error={submit.error} fields={['password']} />
            )}
            <p>Enter your password to confirm your e-mail address.</p>
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
              disabled={submit.busy}
            >
              {submit.busy ? 'Confirming…' : 'Confirm'}
            </button>
          </form>
          <p class="area-links">
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
        </>
      )}
    </section>
  );
}

// An element that takes the focus when it appears in place of the form that was sent.
function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, []);
  return ref;
}

function Confirmed(props: { answer: VerifyAnswer; note: string; signedIn: boolean }) {
  const ref = useFocusOnMount<HTMLParagraphElement>(true);
  return (
    <>
      <p ref={ref} tabIndex={-1} class="banner banner--info" role="status">
        {confirmedText(props.answer)}
      </p>
      {props.note && <p>{props.note}</p>}
      <p>
        {props.signedIn ? (
          <Link to="/profile">Go to your profile</Link>
        ) : (
          <Link to="/sign-in" class="button button--primary">
            Sign in
          </Link>
        )}
      </p>
    </>
  );
}

function VerifyProblem(props: { error: ApiError; signedIn: boolean; takeFocus: boolean }) {
  const { error, signedIn } = props;
  const ref = useFocusOnMount<HTMLParagraphElement>(props.takeFocus);
  const known = kLinkProblems.includes(error.code);
  if (!known) return <ErrorBanner error={error} />;
  const text =
    error.code === 'link_expired'
      ? 'This link has expired.'
      : error.code === 'link_used'
        ? 'This link was used already: the address is probably confirmed.'
        : error.detail && error.detail !== `Request failed (${error.status}).`
          ? error.detail
          : 'This link is not valid. Check that the whole link from the e-mail was opened.';
  return (
    <>
      <p ref={ref} tabIndex={-1} class="banner banner--error" role="alert">
        {text}
      </p>
      {error.code !== 'link_used' && (
        <>
          <p>Have a new link sent to you:</p>
          <ResendForm initialEmail="" label="Send a new link" />
        </>
      )}
      <p>
        {signedIn ? (
          <Link to="/profile">Go to your profile</Link>
        ) : (
          <Link to="/sign-in">Sign in</Link>
        )}
      </p>
    </>
  );
}
