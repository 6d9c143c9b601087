// The link in a verification e-mail (/account/verify?token=…): confirms a new account's address,
// or a changed one, and says what happened, with the way on (Sign in, or back to the profile).
// The token leaves the address bar once read.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, asApiError } from '../../src/api';
import { ErrorBanner, Link, Loading } from '../../src/components/ui';
import { replaceSearch } from '../../src/router';
import { store } from '../api';
import { useArea } from '../context';
import { PageTitle } from '../forms';
import type { VerifyAnswer } from '../types';
import { ResendForm } from './check-email';

type Result = { ok: VerifyAnswer } | { error: ApiError };

export function VerifyPage({ search }: { search: string }) {
  const { me, refresh } = useArea();
  const [token] = useState(() => new URLSearchParams(search).get('token') ?? '');
  const [result, setResult] = useState<Result | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    replaceSearch('');
    if (!token) {
      setResult({
        error: new ApiError({
          status: 400,
          code: 'invalid_link',
          detail: 'The link has no token.',
        }),
      });
      return;
    }
    store.post<VerifyAnswer>('/verify', { token }).then(
      ({ data }) => {
        setResult({ ok: data });
        if (me) void refresh();
      },
      (e) => setResult({ error: asApiError(e) }),
    );
  }, []);

  return (
    <section>
      <PageTitle>Confirm your e-mail address</PageTitle>
      {!result ? (
        <Loading label="Confirming your e-mail address…" />
      ) : 'ok' in result ? (
        <>
          <p class="banner banner--info" role="status">
            {result.ok.status === 'email_changed'
              ? `Your e-mail address is now ${result.ok.email}.`
              : `Thank you: ${result.ok.email} is confirmed.`}
          </p>
          <p>
            {me ? (
              <Link to="/profile">Go to your profile</Link>
            ) : (
              <Link to="/sign-in" class="button button--primary">
                Sign in
              </Link>
            )}
          </p>
        </>
      ) : (
        <VerifyProblem error={result.error} signedIn={!!me} />
      )}
    </section>
  );
}

function VerifyProblem({ error, signedIn }: { error: ApiError; signedIn: boolean }) {
  const known = ['invalid_link', 'link_expired', 'link_used'].includes(error.code);
  if (!known) return <ErrorBanner error={error} />;
  const text =
    error.code === 'link_expired'
      ? 'This link has expired.'
      : error.code === 'link_used'
        ? 'This link was used already: the address is probably confirmed.'
        : error.detail && error.detail !== 'Request failed (400).'
          ? error.detail
          : 'This link is not valid. Check that the whole link from the e-mail was opened.';
  return (
    <>
      <p class="banner banner--error" role="alert">
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
