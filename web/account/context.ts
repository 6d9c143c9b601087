// What every page of the customer area may need: the store's configuration, the signed-in
// shopper (null when signed out), the store staff visit when an admin is signed in as the
// customer, and ways to change them or show a short notice.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Assisted, Me, ShopperSession, StoreConfig } from './types';

export interface AreaValue {
  config: StoreConfig;
  me: Me | null;
  // Set while an admin is signed in as the customer: the pages leave out what staff may not use.
  assisted: Assisted | null;
  setMe: (me: Me) => void;
  signedIn: (session: ShopperSession) => void;
  // Forgets the session here (the server ended it, such as after a password reset).
  signedOut: () => void;
  signOut: () => Promise<void>;
  // Ends the store staff visit; the tab then says it is over.
  endVisit: () => Promise<void>;
  // Reads the session again (after a change of e-mail address was confirmed).
  refresh: () => Promise<void>;
  notify: (message: string) => void;
}

export const AreaContext = createContext<AreaValue | null>(null);

export function useArea(): AreaValue {
  const value = useContext(AreaContext);
  if (!value) throw new Error('useArea outside AreaContext');
  return value;
}

// The signed-in shopper, on pages only shown to one.
export function useMe(): Me {
  const { me } = useArea();
  if (!me) throw new Error('useMe while signed out');
  return me;
}

// A path of this area to return to after signing in ("/security"), or '' when `next` is not one.
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return '';
  return next;
}
