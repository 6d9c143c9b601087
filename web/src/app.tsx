// The root: checks the session, shows the login page or the signed-in layout, and picks the page
// for the current path.
import { Fragment } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, setCsrfToken, setUnauthorizedHandler } from './api';
import { Layout } from './components/layout';
import { Loading } from './components/ui';
import { UnsavedChangesGuard } from './components/unsaved-changes';
import { setTimeZone } from './format';
import { AcceptInvitationPage } from './pages/accept-invitation';
import { AccountPage } from './pages/account';
import { AdminsPage } from './pages/admins';
import { AuditPage } from './pages/audit';
import { BlacklistPage } from './pages/blacklist';
import { CleanupPage } from './pages/cleanup';
import { CustomerCreatePage } from './pages/customer-create';
import { CustomerImportPage } from './pages/customer-import';
import { CustomerPage } from './pages/customer';
import { CustomersPage } from './pages/customers';
import { DuplicatesPage } from './pages/duplicates';
import { GroupsPage } from './pages/groups';
import { InsightsPage } from './pages/insights';
import { JobsPage } from './pages/jobs';
import { LibraryRebuildPage } from './pages/library-rebuild';
import { LoginPage } from './pages/login';
import { NoAccessPage } from './pages/no-access';
import { NotFoundPage } from './pages/not-found';
import { EmailTemplatesPage } from './pages/email-templates';
import { MessagesPage } from './pages/messages';
import { MostWishedPage } from './pages/most-wished';
import { SettingsPage } from './pages/settings';
import { WalletHistoryPage } from './pages/wallet-history';
import { navigate, navigateWithoutAsking, useLocation } from './router';
import { AppContext, pagePermission, roleAllows, type AppContextValue } from './session';
import type { Session, Settings } from './types';

const kDefaultSettings: Settings = {
  store_name: '',
  default_country: '',
  default_language: 'en',
  time_zone: 'UTC',
  account_mode: 'optional',
  require_verification: true,
  assistance_requires_consent: false,
  currency: 'USD',
  payment_url_template: '',
};

type State =
  | { kind: 'checking' }
  | { kind: 'signed-out'; expired: boolean }
  | { kind: 'signed-in'; session: Session };

async function loadSettings(): Promise<Settings> {
  try {
    const { data } = await api.get<Settings>('/api/admin/settings');
    return { ...kDefaultSettings, ...data };
  } catch {
    return kDefaultSettings; // a role that may not read settings still sees dates (in UTC)
  }
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [settings, setSettingsState] = useState<Settings>(kDefaultSettings);
  const [notice, setNotice] = useState('');
  const noticeTimer = useRef<number>();
  const location = useLocation();

  const applySettings = useCallback((s: Settings) => {
    setTimeZone(s.time_zone);
    setSettingsState(s);
  }, []);

  const signedIn = useCallback(
    async (session: Session) => {
      setCsrfToken(session.csrf_token);
      applySettings(await loadSettings());
      setState({ kind: 'signed-in', session });
    },
    [applySettings],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken('');
      setState({ kind: 'signed-out', expired: true });
    });
    api
      .get<Session>('/api/admin/session', { quiet401: true })
      .then(({ data }) =>
        // A server may also answer 200 {"admin": null} for "not signed in".
        data?.admin ? signedIn(data) : setState({ kind: 'signed-out', expired: false }),
      )
      .catch(() => setState({ kind: 'signed-out', expired: false }));
    return () => setUnauthorizedHandler(null);
  }, [signedIn]);

  const notify = useCallback((message: string) => {
    setNotice(message);
    window.clearTimeout(noticeTimer.current);
    noticeTimer.current = window.setTimeout(() => setNotice(''), 4000);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.del('/api/admin/session', { quiet401: true });
    } catch {
      // Signed out on this side either way.
    }
    setCsrfToken('');
    setState({ kind: 'signed-out', expired: false });
    navigateWithoutAsking('/'); // the Sign out button asked about unsaved edits already
  }, []);

  const session = state.kind === 'signed-in' ? state.session : null;
  const context = useMemo<AppContextValue | null>(
    () =>
      session && {
        admin: session.admin,
        settings,
        can: (p) => roleAllows(session.admin.role, p),
        notify,
        setSettings: applySettings,
        signOut,
      },
    [session, settings, notify, applySettings, signOut],
  );

  useEffect(() => {
    const name = settings.store_name ? ` · ${settings.store_name}` : '';
    document.title = `${titleFor(location.path)}${name} · Clientele`;
  }, [location.path, settings.store_name, state.kind]);

  if (state.kind === 'checking') return <Loading label="Opening the admin…" />;
  // The link of an invitation e-mail: for someone who has no password yet, so never the login
  // form, even when this browser is signed in as another admin.
  if (location.path === '/accept-invitation') {
    return (
      <AcceptInvitationPage
        onSignedIn={async (s) => {
          // Signed in first, so that the login form never shows in between; replacing the entry
          // keeps the used link out of Back.
          await signedIn(s);
          navigate('/customers', true);
        }}
      />
    );
  }
  if (state.kind === 'signed-out' || !context) {
    return (
      <LoginPage
        expired={state.kind === 'signed-out' && state.expired}
        onSignedIn={(s) => {
          if (location.path === '/' || location.path === '/login') navigate('/customers', true);
          return signedIn(s);
        }}
      />
    );
  }
  return (
    <AppContext.Provider value={context}>
      <Layout path={location.path} notice={notice}>
        {/* A new page state per navigation: the nav's "Customers" starts a fresh list, Back
            restores the one in the URL. */}
        <Fragment key={location.key}>{route(location.path, location.search, context.can)}</Fragment>
      </Layout>
      <UnsavedChangesGuard />
    </AppContext.Provider>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

function titleFor(path: string): string {
  if (path.startsWith('/customers')) return 'Customers';
  if (path.startsWith('/groups')) return 'Groups & tags';
  if (path.startsWith('/insights')) return 'Insights';
  if (path.startsWith('/duplicates')) return 'Duplicates';
  if (path.startsWith('/audit')) return 'Audit log';
  if (path.startsWith('/admins')) return 'Admins';
  if (path.startsWith('/messages')) return 'Messages';
  if (path.startsWith('/wallet')) return 'Wallet history';
  if (path.startsWith('/wishlist')) return 'Most wished';
  if (path.startsWith('/library')) return 'Library rebuild';
  if (path.startsWith('/blacklist')) return 'Blacklist';
  if (path.startsWith('/cleanup')) return 'Audit & cleanup';
  if (path.startsWith('/import')) return 'Import customers';
  if (path.startsWith('/jobs')) return 'Jobs';
  if (path.startsWith('/settings/email-templates')) return 'E-mail templates';
  if (path.startsWith('/settings')) return 'Settings';
  if (path.startsWith('/account')) return 'Your account';
  if (path === '/accept-invitation') return 'Accept the invitation';
  return 'Admin';
}

// The page for `path`, or "No access" when the admin's role may not use it (the same table decides
// which pages the sidebar lists).
function route(path: string, search: string, can: AppContextValue['can']) {
  if (path === '/' || path === '/login') return <Redirect to="/customers" />;
  const needed = pagePermission(path);
  if (!can(needed)) return <NoAccessPage permission={needed} />;
  if (path === '/customers') return <CustomersPage search={search} />;
  if (path === '/customers/new') return <CustomerCreatePage />;
  const customer = /^\/customers\/([^/]+)$/.exec(path);
  if (customer) return <CustomerPage id={decodeURIComponent(customer[1]!)} />;
  if (path === '/groups') return <GroupsPage />;
  if (path === '/insights') return <InsightsPage />;
  if (path === '/duplicates') return <DuplicatesPage />;
  if (path === '/audit') return <AuditPage search={search} />;
  if (path === '/admins') return <AdminsPage />;
  if (path === '/messages') return <MessagesPage search={search} />;
  if (path === '/wallet') return <WalletHistoryPage search={search} />;
  if (path === '/wishlist') return <MostWishedPage />;
  if (path === '/library') return <LibraryRebuildPage />;
  if (path === '/blacklist') return <BlacklistPage search={search} />;
  if (path === '/cleanup') return <CleanupPage />;
  if (path === '/import') return <CustomerImportPage />;
  if (path === '/jobs') return <JobsPage search={search} />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/settings/email-templates') return <EmailTemplatesPage />;
  if (path === '/account') return <AccountPage />;
  return <NotFoundPage />;
}
