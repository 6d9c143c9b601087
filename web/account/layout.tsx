// The frames of the customer area: a card in the middle of the page for signing in, registering
// and the e-mail links; for a signed-in shopper a header with the store's name and Sign out, the
// area's navigation and the page, and above them during a store staff visit its banner (who is
// signed in as whom, until when, and End instead of Sign out). Both have a live region for short
// notices.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Link } from '../src/components/ui';
import { customerName, formatTime } from '../src/format';
import { useArea } from './context';

function Brand() {
  const { config } = useArea();
  return (
    <span class="area-brand">
      <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="28" height="28" />
      <span>{config.store_name || 'Your account'}</span>
    </span>
  );
}

function Notice({ notice }: { notice: string }) {
  return (
    <div class="toast" role="status" aria-live="polite">
      {notice && <div class="toast__message">{notice}</div>}
    </div>
  );
}

export function CardFrame(props: { notice: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <div class="login area-signed-out">
      <main class={`login__card${props.wide ? ' login__card--wide' : ''}`} id="main">
        <div class="login__brand">
          <Brand />
        </div>
        {props.children}
      </main>
      <Notice notice={props.notice} />
    </div>
  );
}

const kNav = [
  { to: '/profile', label: 'Profile' },
  { to: '/addresses', label: 'Addresses' },
  { to: '/orders', label: 'My orders' },
  { to: '/library', label: 'My library' },
  { to: '/wishlist', label: 'My wishlist' },
  { to: '/store-credit', label: 'Store credit' },
  { to: '/security', label: 'Security' },
  { to: '/privacy', label: 'Privacy' },
];

function VisitBanner() {
  const { me, assisted, endVisit } = useArea();
  const [busy, setBusy] = useState(false);
  if (!me || !assisted) return null;
  return (
    <section class="visit-banner" aria-label="Store staff visit">
      <p class="visit-banner__text">
        <strong id="visit-banner-who">
          You are signed in as {customerName(me)} by admin {assisted.admin_name}
        </strong>{' '}
        <span class="visit-banner__until">
          The visit ends at{' '}
          <time dateTime={assisted.expires_at}>{formatTime(assisted.expires_at)}</time>.
        </span>
      </p>
      <button
        type="button"
        class="button button--small"
        disabled={busy}
        aria-describedby="visit-banner-who"
        onClick={() => {
          setBusy(true);
          void endVisit().finally(() => setBusy(false));
        }}
      >
        {busy ? 'Ending…' : 'End'}
      </button>
    </section>
  );
}

export function AreaFrame(props: { path: string; notice: string; children: ComponentChildren }) {
  const { me, assisted, signOut } = useArea();
  return (
    <div class="area">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <VisitBanner />
      <header class="area-header">
        <Link to="/profile" class="area-header__home">
          <Brand />
        </Link>
        <div class="area-header__user">
          {me && (
            <span class="area-header__name">
              <span class="visually-hidden">Signed in as </span>
              {customerName(me)}
            </span>
          )}
          {!assisted && (
            <button type="button" class="button button--small" onClick={() => void signOut()}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <nav class="area-nav" aria-label="Your account">
        <ul>
          {kNav.map((item) => (
            <li key={item.to}>
              <Link to={item.to} aria-current={props.path === item.to ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="area-main" tabIndex={-1}>
        {props.children}
      </main>
      <Notice notice={props.notice} />
    </div>
  );
}
