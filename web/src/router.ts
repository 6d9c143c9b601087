// A small history router for the app under /admin/: the current path (without the base), links
// and navigation. Query strings belong to the page that owns them.
import { useEffect, useState } from 'preact/hooks';

export const BASE = import.meta.env.BASE_URL.replace(/\/$/, ''); // "/admin"

export interface Location {
  path: string; // "/customers/cus_1"
  search: string; // "?q=x" or ""
  key: number; // changes on every navigation (a link, Back, Forward), not on replaceSearch
}

let navigations = 0;

function read(): Location {
  let path = window.location.pathname;
  if (path.startsWith(BASE)) path = path.slice(BASE.length);
  if (path === '' || path === '/') path = '/';
  else path = path.replace(/\/+$/, '');
  return { path, search: window.location.search, key: navigations };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  navigations++;
  listeners.forEach((l) => l());
});

// Goes to an app path ("/customers?q=x"); `replace` keeps the history entry.
export function navigate(to: string, replace = false): void {
  const url = BASE + (to.startsWith('/') ? to : `/${to}`);
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  navigations++;
  listeners.forEach((l) => l());
  if (!replace) window.scrollTo(0, 0);
}

// Rewrites the query string of the current entry without notifying (the page already knows),
// with `state` for the entry when given (what Back and a reload bring back, such as the cursors
// of the pages before this one).
export function replaceSearch(search: string, state?: unknown): void {
  const url = window.location.pathname + search;
  if (state !== undefined || url !== window.location.pathname + window.location.search) {
    window.history.replaceState(state ?? null, '', url);
  }
}

// The state of the current history entry (see replaceSearch).
export function entryState(): unknown {
  return window.history.state;
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return loc;
}

export function href(to: string): string {
  return BASE + to;
}

// Plain left clicks on app links navigate in place; modified clicks open tabs as usual.
export function onLinkClick(e: MouseEvent, to: string): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  e.preventDefault();
  navigate(to);
}
