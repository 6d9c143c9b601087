// A small history router for the app under /admin/: the current path (without the base), links
// and navigation, and the leave guard that holds a navigation, Back or Forward back while a form
// has unsaved edits (components/unsaved-changes.tsx). Query strings belong to the page that owns
// them.
import { useEffect, useState } from 'preact/hooks';

export const BASE = import.meta.env.BASE_URL.replace(/\/$/, ''); // "/admin"

export interface Location {
  path: string; // "/customers/cus_1"
  search: string; // "?q=x" or ""
  key: number; // changes on every navigation (a link, Back, Forward), not on replaceSearch
}

let navigations = 0;

// Every history entry of the app carries its place in the history (`at`), so that a Back or
// Forward held back by the leave guard can be undone with history.go, and the page's own state
// (`page`, see replaceSearch).
interface EntryState {
  at: number;
  page: unknown;
}

function placeOf(state: unknown): number | null {
  const at = (state as Partial<EntryState> | null)?.at;
  return typeof at === 'number' ? at : null;
}

function pageStateOf(state: unknown): unknown {
  return placeOf(state) === null ? state : (state as EntryState).page;
}

function read(): Location {
  let path = window.location.pathname;
  if (path.startsWith(BASE)) path = path.slice(BASE.length);
  if (path === '' || path === '/') path = '/';
  else path = path.replace(/\/+$/, '');
  return { path, search: window.location.search, key: navigations };
}

const here = () => window.location.pathname + window.location.search;

// The place of the entry shown, and its URL (without the fragment).
let place = placeOf(window.history.state) ?? 0;
let shown = here();
if (placeOf(window.history.state) === null) {
  window.history.replaceState({ at: place, page: pageStateOf(window.history.state) }, '');
}

// A check before the app shows another page, such as a form with unsaved edits asking first.
// It returns true when the page may change at once; false when it has asked instead, in which
// case it calls `proceed` if and when the user agrees.
export type LeaveGuard = (proceed: () => void) => boolean;

let guard: LeaveGuard | null = null;

// Installs the guard that navigate and Back/Forward consult (null: none).
export function setLeaveGuard(g: LeaveGuard | null): void {
  guard = g;
}

// True when nothing holds the page back; otherwise the guard asks and runs `proceed` on yes.
// For a change of view inside a page (a tab, another item in an editor).
export function mayLeave(proceed: () => void): boolean {
  return guard ? guard(proceed) : true;
}

const listeners = new Set<() => void>();

function changed(): void {
  shown = here();
  navigations++;
  listeners.forEach((l) => l());
}

// A Back or Forward the guard held back: the place history.go returns to while the user is asked,
// and the place it goes on to once the user agreed.
let returningTo: number | null = null;
let agreedTo: number | null = null;

window.addEventListener('popstate', () => {
  const to = placeOf(window.history.state);
  if (returningTo !== null && to === returningTo && here() === shown) {
    returningTo = null;
    place = to;
    return;
  }
  returningTo = null;
  if (here() === shown) {
    // Only the fragment changed (the skip link): the same page.
    if (to === null) {
      place++;
      window.history.replaceState({ at: place, page: null }, '');
    } else {
      place = to;
    }
    return;
  }
  const agreed = to !== null && to === agreedTo;
  agreedTo = null;
  if (!agreed && to !== null && to !== place) {
    const from = place;
    const delta = to - from;
    const proceed = () => {
      agreedTo = to;
      window.history.go(delta);
    };
    if (!mayLeave(proceed)) {
      // Back where the user was, with the URL of the page that is still shown.
      returningTo = from;
      window.history.go(-delta);
      return;
    }
  }
  if (to !== null) place = to;
  changed();
});

function go(url: string, replace: boolean): void {
  if (replace) {
    window.history.replaceState({ at: place, page: null }, '', url);
  } else {
    place++;
    window.history.pushState({ at: place, page: null }, '', url);
  }
  changed();
  if (!replace) window.scrollTo(0, 0);
}

function urlOf(to: string): string {
  return BASE + (to.startsWith('/') ? to : `/${to}`);
}

// Goes to an app path ("/customers?q=x"); `replace` keeps the history entry. A form with unsaved
// edits is asked first (see setLeaveGuard).
export function navigate(to: string, replace = false): void {
  const url = urlOf(to);
  if (url === here()) return;
  if (mayLeave(() => go(url, replace))) go(url, replace);
}

// navigate without asking: for a page whose edits were just saved or no longer matter (the
// record they belong to was deleted or merged away).
export function navigateWithoutAsking(to: string, replace = false): void {
  const url = urlOf(to);
  if (url !== here()) go(url, replace);
}

// Rewrites the query string of the current entry without notifying (the page already knows),
// with `state` for the entry when given (what Back and a reload bring back, such as the cursors
// of the pages before this one).
export function replaceSearch(search: string, state?: unknown): void {
  const url = window.location.pathname + search;
  if (state !== undefined || url !== here()) {
    window.history.replaceState({ at: place, page: state ?? null }, '', url);
    shown = here();
  }
}

// The state of the current history entry (see replaceSearch).
export function entryState(): unknown {
  return pageStateOf(window.history.state);
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
