// The customer area's API client (/api/store/): the shared client of src/api.ts with the
// shopper's CSRF token (from the sign-in and session answers) on writes, a handler for a session
// that ended (a 401 where one is not an answer) and one for a store that closed its customer area
// (403 accounts_disabled).
import { createClient } from '../src/api';

let csrfToken = '';
let onSignedOut: (() => void) | null = null;
let onDisabled: (() => void) | null = null;

export function setShopperCsrfToken(token: string): void {
  csrfToken = token;
}

export function setStoreHandlers(handlers: {
  signedOut: (() => void) | null;
  disabled: (() => void) | null;
}): void {
  onSignedOut = handlers.signedOut;
  onDisabled = handlers.disabled;
}

export const store = createClient({
  base: '/api/store',
  csrfToken: () => csrfToken,
  onError: (error, options) => {
    if (error.status === 403 && error.code === 'accounts_disabled') onDisabled?.();
    else if (error.status === 401 && !options.quiet401) onSignedOut?.();
  },
});
