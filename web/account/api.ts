// The customer area's API client (/api/store/): the shared client of src/api.ts with the
// shopper's CSRF token (from the sign-in and session answers) on writes, a handler for a session
// that ended (a 401 where one is not an answer), one for a store that closed its customer area
// (403 accounts_disabled) and one for a shopper who must first replace a temporary password
// (403 password_change_required).
import { createClient } from '../src/api';

let csrfToken = '';
let onSignedOut: (() => void) | null = null;
let onDisabled: (() => void) | null = null;
let onPasswordChange: (() => void) | null = null;

export function setShopperCsrfToken(token: string): void {
  csrfToken = token;
}

export function setStoreHandlers(handlers: {
  signedOut: (() => void) | null;
  disabled: (() => void) | null;
  passwordChange?: (() => void) | null;
}): void {
  onSignedOut = handlers.signedOut;
  onDisabled = handlers.disabled;
  onPasswordChange = handlers.passwordChange ?? null;
}

export const store = createClient({
  base: '/api/store',
  csrfToken: () => csrfToken,
  onError: (error, options) => {
    if (error.status === 403 && error.code === 'accounts_disabled') onDisabled?.();
    else if (error.status === 403 && error.code === 'password_change_required') {
      onPasswordChange?.();
    } else if (error.status === 401 && !options.quiet401) onSignedOut?.();
  },
});
