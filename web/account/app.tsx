// The root of the customer area: reads the store's configuration (a closed area shows only a
// notice) and the session, then picks the page for the path. Pages for a signed-in shopper send
// someone signed out to Sign in (and back afterwards); Sign in and Register send a signed-in
// shopper to the profile. Before any page of a signed-in shopper come the recovery codes an admin
// made (shown once, from the sign-in's answer) and, after a sign-in with a temporary password,
// choosing a new one. During a store staff visit (an admin logged in as the customer) every page
// has the visit's banner; once the visit is over (ended, expired or ended elsewhere) the tab only
// says so.
import { Fragment, type JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../src/api';
import { ErrorBanner, Loading } from '../src/components/ui';
import { setTimeZone } from '../src/format';
import { navigate, useLocation } from '../src/router';
import { setShopperCsrfToken, setStoreHandlers, store } from './api';
import { AreaContext, safeNext, type AreaValue } from './context';
import { AreaFrame, CardFrame } from './layout';
import { AddressesPage } from './pages/addresses';
import { ChoosePasswordPage, NewRecoveryCodesPage } from './pages/after-sign-in';
import { CheckEmailPage } from './pages/check-email';
import { LibraryPage } from './pages/library';
import { DisabledPage, NotFoundPage, VisitEndedPage } from './pages/notices';
import { MyOrdersPage, OrderPage } from './pages/orders';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password';
import { PrivacyPage } from './pages/privacy';
import { ProfilePage } from './pages/profile';
import { RegisterPage } from './pages/register';
import { SecurityPage } from './pages/security';
import { SignInPage } from './pages/sign-in';
import { StoreCreditPage } from './pages/store-credit';
import { VerifyPage } from './pages/verify';
import { WishlistPage } from './pages/wishlist';
import type { Assisted, Me, ShopperSession, StoreConfig } from './types';

const kDefaultConfig: StoreConfig = {
  store_name: '',
  account_mode: 'optional',
  require_verification: true,
  sms_available: false,
  default_country: '',
  default_language: 'en',
  assistance_requires_consent: false,
};

type State =
  | { kind: 'starting' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'disabled'; config: StoreConfig }
  | { kind: 'ready'; config: StoreConfig; me: Me | null; assisted: Assisted | null };

interface Route {
  title: string;
  // public: only signed out; private: only signed in; any: both.
  access: 'public' | 'private' | 'any';
  wide?: boolean;
  render: (search: string) => JSX.Element;
}

const kRoutes: Record<string, Route> = {
  '/sign-in': { title: 'Sign in', access: 'public', render: (s) => <SignInPage search={s} /> },
  '/register': {
    title: 'Create an account',
    access: 'public',
    wide: true,
    render: () => <RegisterPage />,
  },
  '/check-email': { title: 'Check your e-mail', access: 'any', render: () => <CheckEmailPage /> },
  '/verify': {
    title: 'Confirm your e-mail address',
    access: 'any',
    render: (s) => <VerifyPage search={s} />,
  },
  '/forgot-password': {
    title: 'Forgot your password?',
    access: 'any',
    render: () => <ForgotPasswordPage />,
  },
  '/reset-password': {
    title: 'Choose a new password',
    access: 'any',
    render: (s) => <ResetPasswordPage search={s} />,
  },
  '/profile': { title: 'Profile', access: 'private', render: () => <ProfilePage /> },
  '/addresses': { title: 'Addresses', access: 'private', render: () => <AddressesPage /> },
  '/security': { title: 'Security', access: 'private', render: () => <SecurityPage /> },
  '/privacy': { title: 'Privacy', access: 'private', render: () => <PrivacyPage /> },
  '/store-credit': {
    title: 'Store credit',
    access: 'private',
    render: () => <StoreCreditPage />,
  },
  '/orders': { title: 'My orders', access: 'private', render: () => <MyOrdersPage /> },
  '/library': { title: 'My library', access: 'private', render: () => <LibraryPage /> },
  '/wishlist': { title: 'My wishlist', access: 'private', render: () => <WishlistPage /> },
  // The page of an order's view link: for anyone with the link, signed in or not.
  '/order': { title: 'Order', access: 'any', wide: true, render: (s) => <OrderPage search={s} /> },
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

interface SignedIn {
  me: Me | null;
  assisted: Assisted | null;
}

async function readSession(): Promise<SignedIn> {
  try {
    const { data } = await store.get<ShopperSession>('/session', { quiet401: true });
    if (!data?.customer) return { me: null, assisted: null };
    setShopperCsrfToken(data.csrf_token);
    return { me: data.customer, assisted: data.assisted ?? null };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      return { me: null, assisted: null };
    }
    throw e;
  }
}

export function AccountApp() {
  const [state, setState] = useState<State>({ kind: 'starting' });
  const [notice, setNotice] = useState('');
  const noticeTimer = useRef<number>();
  // Recovery codes an admin made, from the answer of the sign-in: kept in memory, shown once.
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const location = useLocation();
  // A store staff visit that is over: this tab only says so from then on.
  const [visitEnded, setVisitEnded] = useState(false);
  // Read by the handler of an ended session, which outlives renders.
  const signedInRef = useRef(false);
  signedInRef.current = state.kind === 'ready' && state.me !== null;
  const assistedRef = useRef(false);
  assistedRef.current = state.kind === 'ready' && state.assisted !== null;

  const notify = useCallback((message: string) => {
    setNotice(message);
    window.clearTimeout(noticeTimer.current);
    noticeTimer.current = window.setTimeout(() => setNotice(''), 5000);
  }, []);

  const setMe = useCallback((me: Me | null) => {
    setState((s) => (s.kind === 'ready' ? { ...s, me, assisted: me ? s.assisted : null } : s));
  }, []);

  const setSignedIn = useCallback((signed: SignedIn) => {
    if (!signed.me && assistedRef.current) setVisitEnded(true);
    setState((s) => (s.kind === 'ready' ? { ...s, ...signed } : s));
  }, []);

  const start = useCallback(async () => {
    setState({ kind: 'starting' });
    try {
      const { data } = await store.get<StoreConfig>('/config');
      const config = { ...kDefaultConfig, ...data };
      if (config.account_mode === 'disabled') {
        setState({ kind: 'disabled', config });
        return;
      }
      const signed = await readSession();
      setState((s) => (s.kind === 'disabled' ? s : { kind: 'ready', config, ...signed }));
    } catch (e) {
      setState((s) => (s.kind === 'disabled' ? s : { kind: 'failed', error: e }));
    }
  }, []);

  useEffect(() => {
    // Dates as the shopper's own clock shows them.
    setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    setStoreHandlers({
      signedOut: () => {
        setShopperCsrfToken('');
        if (assistedRef.current) setVisitEnded(true);
        else if (signedInRef.current) notify('Your session has ended. Sign in again.');
        setMe(null);
      },
      disabled: () =>
        setState((s) => ({
          kind: 'disabled',
          config: s.kind === 'ready' || s.kind === 'disabled' ? s.config : kDefaultConfig,
        })),
      // The store wants a new password first (a temporary one was set meanwhile).
      passwordChange: () =>
        setState((s) =>
          s.kind === 'ready' && s.me ? { ...s, me: { ...s.me, must_change_password: true } } : s,
        ),
    });
    void start();
    return () => setStoreHandlers({ signedOut: null, disabled: null, passwordChange: null });
  }, [start, notify, setMe]);

  const ready = state.kind === 'ready' ? state : null;
  // A visit's end: at its time the session is read again, which finds it over.
  const visitUntil = ready?.assisted?.expires_at;
  useEffect(() => {
    if (!visitUntil) return;
    const wait = Math.max(0, Date.parse(visitUntil) - Date.now()) + 1000;
    const timer = window.setTimeout(() => void readSession().then(setSignedIn, () => {}), wait);
    return () => window.clearTimeout(timer);
  }, [visitUntil, setSignedIn]);

  const context = useMemo<AreaValue | null>(
    () =>
      ready && {
        config: ready.config,
        me: ready.me,
        assisted: ready.assisted,
        setMe,
        notify,
        signedIn: (session: ShopperSession) => {
          setShopperCsrfToken(session.csrf_token);
          setRecoveryCodes(session.recovery_codes ?? []);
          setSignedIn({ me: session.customer, assisted: session.assisted ?? null });
        },
        signedOut: () => {
          setShopperCsrfToken('');
          setRecoveryCodes([]);
          setMe(null);
        },
        signOut: async () => {
          try {
            // 204 and the cookie cleared, also when the session had expired already.
            await store.post('/logout', undefined, { quiet401: true });
          } catch {
            // The server could not be reached: signed out on this side either way.
          }
          setShopperCsrfToken('');
          setRecoveryCodes([]);
          setMe(null);
          navigate('/sign-in');
          notify('You are signed out.');
        },
        endVisit: async () => {
          try {
            // Ends the visit (it is recorded) and clears its cookie.
            await store.post('/logout', undefined, { quiet401: true });
          } catch (e) {
            if (!(e instanceof ApiError && e.status === 401)) {
              notify(`The visit did not end: ${e instanceof ApiError ? e.detail : String(e)}`);
              return;
            }
          }
          setShopperCsrfToken('');
          setVisitEnded(true);
          setMe(null);
        },
        refresh: async () => {
          try {
            setSignedIn(await readSession());
          } catch {
            // Keep what is shown; the next request tells.
          }
        },
      },
    [ready?.config, ready?.me, ready?.assisted, setMe, setSignedIn, notify],
  );

  const route = kRoutes[location.path];
  const storeName =
    state.kind === 'ready' || state.kind === 'disabled' ? state.config.store_name : '';
  // What a signed-in shopper must see before the page of the path: the new recovery codes, then
  // (on the pages of the account) the new password to choose.
  const signedInMe = state.kind === 'ready' ? state.me : null;
  const accountPage = location.path === '/' || route?.access === 'private';
  const before: 'codes' | 'password' | null = !signedInMe
    ? null
    : recoveryCodes.length
      ? 'codes'
      : signedInMe.must_change_password && accountPage
        ? 'password'
        : null;
  useEffect(() => {
    const title =
      state.kind === 'disabled'
        ? 'Customer accounts'
        : visitEnded
          ? 'Visit ended'
          : before === 'codes'
            ? 'Your new recovery codes'
            : before === 'password'
              ? 'Choose a new password'
              : (route?.title ?? 'Your account');
    document.title = storeName ? `${title} · ${storeName}` : title;
  }, [route, storeName, state.kind, before, visitEnded]);

  if (state.kind === 'starting') return <Loading label="Opening your account…" />;
  if (state.kind === 'failed') {
    return (
      <main class="login" id="main">
        <div class="login__card">
          <h1>Your account</h1>
          <ErrorBanner error={state.error} onRetry={() => void start()} />
        </div>
      </main>
    );
  }
  if (state.kind === 'disabled') {
    return (
      <AreaContext.Provider value={{ ...disabledContext, config: state.config }}>
        {/* An order's view link works while the area is closed: guests' orders have them too. */}
        <CardFrame notice="" wide={location.path === '/order'}>
          {location.path === '/order' && route ? route.render(location.search) : <DisabledPage />}
        </CardFrame>
      </AreaContext.Provider>
    );
  }
  if (!context) return null;
  if (visitEnded) {
    return (
      <AreaContext.Provider value={context}>
        <CardFrame notice={notice}>
          <VisitEndedPage />
        </CardFrame>
      </AreaContext.Provider>
    );
  }

  const { me } = context;
  let content: JSX.Element;
  if (before === 'codes') {
    content = <NewRecoveryCodesPage codes={recoveryCodes} onDone={() => setRecoveryCodes([])} />;
  } else if (before === 'password') {
    content = <ChoosePasswordPage />;
  } else if (location.path === '/') {
    content = <Redirect to={me ? '/profile' : '/sign-in'} />;
  } else if (!route) {
    content = <NotFoundPage />;
  } else if (route.access === 'private' && !me) {
    content = <Redirect to={`/sign-in?next=${encodeURIComponent(location.path)}`} />;
  } else if (route.access === 'public' && me) {
    const next = safeNext(new URLSearchParams(location.search).get('next'));
    content = <Redirect to={next || '/profile'} />;
  } else {
    content = route.render(location.search);
  }

  // A new page state per navigation, as in the admin.
  const page = <Fragment key={`${location.key}:${before ?? ''}`}>{content}</Fragment>;
  return (
    <AreaContext.Provider value={context}>
      {me && !before ? (
        <AreaFrame path={location.path} notice={notice}>
          {page}
        </AreaFrame>
      ) : (
        <CardFrame notice={notice} wide={route?.wide}>
          {page}
        </CardFrame>
      )}
    </AreaContext.Provider>
  );
}

// The closed area reads only the configuration.
const disabledContext: AreaValue = {
  config: kDefaultConfig,
  me: null,
  assisted: null,
  setMe: () => {},
  signedIn: () => {},
  signedOut: () => {},
  signOut: async () => {},
  endVisit: async () => {},
  refresh: async () => {},
  notify: () => {},
};
