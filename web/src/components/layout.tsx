// The signed-in frame: store name, navigation (a menu button on phones), the admin's name and
// role, Sign out, and a live region for short notices.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { mayLeave } from '../router';
import { kRoleLabels, pagePermission, useApp } from '../session';
import { Link } from './ui';

// The pages of the sidebar; pagePermission tells which of them the admin's role may open.
interface NavItem {
  to: string;
  label: string;
}

const kNav: NavItem[] = [
  { to: '/customers', label: 'Customers' },
  { to: '/insights', label: 'Insights' },
  { to: '/groups', label: 'Groups & tags' },
  { to: '/messages', label: 'Messages' },
  { to: '/wallet', label: 'Wallet history' },
  { to: '/wishlist', label: 'Most wished' },
  { to: '/library', label: 'Library rebuild' },
  { to: '/duplicates', label: 'Duplicates' },
  { to: '/blacklist', label: 'Blacklist' },
  { to: '/cleanup', label: 'Audit & cleanup' },
  // Short in the sidebar; the page and the list's button say "Import customers".
  { to: '/import', label: 'Import' },
  { to: '/jobs', label: 'Jobs' },
  { to: '/audit', label: 'Audit log' },
  { to: '/admins', label: 'Admins' },
  { to: '/settings', label: 'Settings' },
];

function initials(name: string): string {
  const parts = name.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[1]![0] : '')).toUpperCase();
}

export function Layout(props: { path: string; notice: string; children: ComponentChildren }) {
  const { admin, settings, can, signOut } = useApp();
  const [menuOpen, setMenuOpen] = useState(false);
  // Layout effects, not effects: those run only after the next paint, so the new page would show
  // for a frame under the open menu, and an Escape pressed just after the menu opened was lost.
  useLayoutEffect(() => setMenuOpen(false), [props.path]);
  useLayoutEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  // "/" jumps to the page's search box, as in the admin panels store owners know; in a text box
  // it is a character like any other.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const search = document.querySelector<HTMLInputElement>('main input[type="search"]');
      if (!search) return;
      e.preventDefault();
      search.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class={`shell${menuOpen ? ' shell--menu-open' : ''}`}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span class="menu-button__icon" aria-hidden="true" />
          <span class="visually-hidden">Menu</span>
        </button>
        <Link to="/customers" class="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="24" height="24" />
          <span>{settings.store_name || 'Clientele'}</span>
        </Link>
        <div class="topbar__user">
          <Link
            to="/account"
            class="user"
            title="Your account"
            aria-current={props.path === '/account' ? 'page' : undefined}
          >
            <span class="user__avatar" aria-hidden="true">
              {initials(admin.name || admin.email)}
            </span>
            <span class="user__text">
              <span class="user__name">{admin.name || admin.email}</span>
              <span class="user__role">{kRoleLabels[admin.role] ?? admin.role}</span>
            </span>
          </Link>
          <button
            type="button"
            class="button button--small"
            onClick={() => {
              if (mayLeave(signOut)) signOut();
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav id="main-nav" class="sidenav" aria-label="Main">
        <ul>
          {kNav
            .filter((item) => can(pagePermission(item.to)))
            .map((item) => {
              const active = props.path === item.to || props.path.startsWith(`${item.to}/`);
              return (
                <li key={item.to}>
                  <Link to={item.to} aria-current={active ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              );
            })}
        </ul>
      </nav>
      <main id="main" class="content" tabIndex={-1}>
        {props.children}
      </main>
      <div class="toast" role="status" aria-live="polite">
        {props.notice && <div class="toast__message">{props.notice}</div>}
      </div>
    </div>
  );
}
