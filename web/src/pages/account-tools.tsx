// The admin's tools on a customer's sign-in account, from the profile's Tools menu: the login
// e-mail (an invitation or sign-in instructions) and the password-reset link, a temporary password
// (shown once), turning the authenticator app off, SMS codes, new recovery codes for the customer
// to collect, the customer's sessions (a store staff visit marked); for a guest record, converting
// it to an account; and withdrawing a marketing consent; and erasing the customer for good,
// confirmed by typing the customer's e-mail address (or id); and Log in as customer, which opens
// the customer area as the customer in a new tab. The changes that need it are confirmed first.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import {
  ConfirmDialog,
  ErrorBanner,
  Field,
  focusFirstInvalid,
  Loading,
  Modal,
} from '../components/ui';
import { formatDateTime, formatTime, plural } from '../format';
import { useResource } from '../hooks';
import { navigateWithoutAsking } from '../router';
import { useApp } from '../session';
import type { AssistedVisit, Customer, CustomerAccount, CustomerSession, Settings } from '../types';

interface Loaded {
  customer: Customer;
  etag: string | null;
}

export type ConsentChannel = 'email' | 'sms' | 'messenger';

export const kConsentChannels: Array<[ConsentChannel, string, keyof Customer]> = [
  ['email', 'e-mail', 'email_marketing_consent'],
  ['sms', 'SMS', 'sms_marketing_consent'],
  ['messenger', 'messenger', 'messenger_marketing_consent'],
];

export type ToolDialog =
  | { kind: 'temporary-password' }
  | { kind: 'totp-reset' }
  | { kind: 'sms' }
  | { kind: 'recovery-codes' }
  | { kind: 'sessions' }
  | { kind: 'convert' }
  | { kind: 'withdraw'; channel: ConsentChannel }
  | { kind: 'erase' };

export function totpOn(a: CustomerAccount | undefined): boolean {
  return !!a && (a.totp_enabled ?? a.second_factor === 'totp');
}

export function smsOn(a: CustomerAccount | undefined): boolean {
  return !!a && (a.sms_enabled ?? a.second_factor === 'sms');
}

// The base of the customer's tool routes.
function toolPath(customer: Customer): string {
  return `/api/admin/customers/${seg(customer.id)}`;
}

// "Send login e-mail": which e-mail went, in words.
export async function sendLoginEmail(customer: Customer): Promise<string> {
  const { data } = await api.post<{ sent: string }>(`${toolPath(customer)}/login-email`);
  return data?.sent === 'invitation'
    ? `Invitation sent to ${customer.email}: a link to choose a password, which works for 7 days.`
    : `Sign-in instructions sent to ${customer.email}: the customer has a password already.`;
}

export async function sendPasswordReset(customer: Customer): Promise<string> {
  await api.post(`${toolPath(customer)}/password-reset`);
  return `Password reset link sent to ${customer.email}. It works once, for one hour.`;
}

// Why Log in as customer cannot be used for this customer, or '' when it can (the server may
// still refuse: a customer who has not allowed it, when the settings ask for that).
export function loginAsUnavailable(customer: Customer, settings: Settings): string {
  if (customer.kind === 'guest') return 'A guest checkout record has no account to sign in to.';
  if (customer.status === 'banned') return 'Not while the customer is banned.';
  if (customer.status === 'inactive') return 'Not while the account is deactivated.';
  if (settings.account_mode === 'disabled') return 'The customer area is closed (Settings).';
  return '';
}

// Log in as customer: the customer area in a new tab, signed in as the customer for 30 minutes at
// most. The tab opens at once, in the click that chose the tool (one opened after the answer would
// be blocked as a pop-up), and goes to the customer area once the server has signed this browser
// in; a refusal closes it again and is thrown. Answers the notice to show.
export async function logInAsCustomer(customer: Customer, name: string): Promise<string> {
  const tab = window.open('', '_blank');
  try {
    const { data } = await api.post<AssistedVisit>(`${toolPath(customer)}/login-as`);
    const url = new URL(data?.url || '/account/', window.location.origin).href;
    const until = formatTime(data?.expires_at);
    if (!tab) {
      return `You are signed in as ${name} until ${until}, but the browser blocked the new tab: open ${url} yourself.`;
    }
    tab.opener = null;
    tab.location.href = url;
    return `The customer area is open in a new tab, signed in as ${name} until ${until}. The visit is recorded.`;
  } catch (e) {
    tab?.close();
    throw e;
  }
}

interface ToolProps {
  customer: Customer;
  account: CustomerAccount | undefined;
  name: string;
  // Something changed: the profile reads the account and the timeline again; `next` is the
  // customer when the answer carried it.
  onChanged: (next?: Loaded) => void;
  onClose: () => void;
}

// The open tool's dialog.
export function ToolDialogs(props: ToolProps & { dialog: ToolDialog | null }) {
  const { dialog, ...rest } = props;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'temporary-password':
      return <TemporaryPasswordDialog {...rest} />;
    case 'totp-reset':
      return <TotpResetDialog {...rest} />;
    case 'sms':
      return <SmsDialog {...rest} />;
    case 'recovery-codes':
      return <RecoveryCodesDialog {...rest} />;
    case 'sessions':
      return <SessionsDialog {...rest} />;
    case 'convert':
      return <ConvertDialog {...rest} />;
    case 'withdraw':
      return <WithdrawConsentDialog {...rest} channel={dialog.channel} />;
    case 'erase':
      return <EraseDialog {...rest} />;
  }
}

// A confirmation whose button runs `action`; its answer (a message, or a message and the
// customer) closes the dialog with a notice, a failure shows in it.
function ActionDialog(
  props: ToolProps & {
    title: string;
    confirmLabel: string;
    busyLabel: string;
    danger?: boolean;
    action: () => Promise<{ message: string; next?: Loaded }>;
    children: ComponentChildren;
  },
) {
  const { notify } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const { message, next } = await props.action();
      props.onChanged(next);
      props.onClose();
      notify(message);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open
      title={props.title}
      confirmLabel={busy ? props.busyLabel : props.confirmLabel}
      danger={props.danger}
      busy={busy}
      error={error}
      onConfirm={() => void run()}
      onCancel={props.onClose}
    >
      {props.children}
    </ConfirmDialog>
  );
}

// Confirm, then the password once, with Copy; it lives only in this dialog's state.
function TemporaryPasswordDialog(props: ToolProps) {
  const { settings } = useApp();
  const { customer, account, name } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [password, setPassword] = useState('');
  const [copied, setCopied] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  async function set() {
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<{ password: string }>(
        `${toolPath(customer)}/temporary-password`,
      );
      setPassword(data.password);
      props.onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('Copied.');
    } catch {
      // No clipboard (a page that is not on HTTPS, or no permission): select it for Ctrl+C.
      inputRef.current?.focus();
      inputRef.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  }

  function close() {
    setPassword('');
    props.onClose();
  }

  if (!password) {
    const unverified = !!account && !account.email_verified && settings.require_verification;
    return (
      <ConfirmDialog
        open
        title={`Set a temporary password for ${name}?`}
        confirmLabel={busy ? 'Setting…' : 'Set temporary password'}
        danger
        busy={busy}
        error={error}
        onConfirm={() => void set()}
        onCancel={props.onClose}
      >
        <p>
          A new random password replaces the current one, and every session of the customer ends.
          You see it once, to give to the customer; at the next sign-in they must choose a new one.
        </p>
        {unverified && (
          <p class="banner banner--warning">
            The customer's e-mail address is not confirmed yet, and this store asks for that before
            signing in. Send the login e-mail instead: its link confirms the address too.
          </p>
        )}
      </ConfirmDialog>
    );
  }

  return (
    <Modal title={`Temporary password for ${name}`} onClose={close} class="temporary-password">
      <div class="secret">
        <p>
          <strong>Shown only now.</strong>
        </p>
        <div class="secret__row">
          <label class="visually-hidden" for="temporary-password">
            Temporary password
          </label>
          <input
            id="temporary-password"
            ref={inputRef}
            readOnly
            autoComplete="off"
            spellcheck={false}
            value={password}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="button" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p class="muted small" role="status">
          {copied}
        </p>
      </div>
      <p>
        Give it to the customer; they must choose a new one at the next sign-in. Every session has
        ended.
      </p>
      <div class="dialog__actions">
        <button type="button" class="button button--primary" onClick={close}>
          Done
        </button>
      </div>
    </Modal>
  );
}

function TotpResetDialog(props: ToolProps) {
  const { customer, account, name } = props;
  return (
    <ActionDialog
      {...props}
      title={`Reset the authenticator app of ${name}?`}
      confirmLabel="Reset authenticator app"
      busyLabel="Resetting…"
      danger
      action={async () => {
        await api.post(`${toolPath(customer)}/totp/reset`);
        return { message: `The authenticator app of ${name} is reset.` };
      }}
    >
      <p>
        For a customer who lost the phone: codes from the app no longer work for this account, and
        signing in asks only for the password
        {smsOn(account) ? ' and a code by SMS' : ''}. The customer can set up an app again under
        Security.
      </p>
      {!smsOn(account) && <p>The customer's recovery codes stop working too.</p>}
    </ActionDialog>
  );
}

function RecoveryCodesDialog(props: ToolProps) {
  const { customer, name } = props;
  return (
    <ActionDialog
      {...props}
      title={`Make new recovery codes for ${name}?`}
      confirmLabel="Make new codes"
      busyLabel="Making…"
      danger
      action={async () => {
        await api.post(`${toolPath(customer)}/recovery-codes`);
        return {
          message: 'New recovery codes are made. The customer sees them once at the next sign-in.',
        };
      }}
    >
      <p>
        The customer's current recovery codes stop working. You do not see the new ones: the
        customer sees them once at the next sign-in.
      </p>
    </ActionDialog>
  );
}

function ConvertDialog(props: ToolProps) {
  const { customer, name } = props;
  return (
    <ActionDialog
      {...props}
      title={`Convert ${name} to an account?`}
      confirmLabel="Convert to account"
      busyLabel="Converting…"
      action={async () => {
        const r = await api.post<Customer>(`${toolPath(customer)}/convert`);
        return {
          message: `${name} has an account now; the invitation is on its way to ${r.data.email}.`,
          next: { customer: r.data, etag: r.etag },
        };
      }}
    >
      <p>
        The guest checkout record becomes a customer account with the same id, addresses and
        history.{' '}
        {customer.email
          ? `An invitation goes to ${customer.email} with a link to choose a password (it works for 7 days).`
          : 'It needs an e-mail address for the invitation.'}
      </p>
    </ActionDialog>
  );
}

function WithdrawConsentDialog(props: ToolProps & { channel: ConsentChannel }) {
  const { customer, name, channel } = props;
  const label = kConsentChannels.find(([c]) => c === channel)?.[1] ?? channel;
  return (
    <ActionDialog
      {...props}
      title={`Withdraw the ${label} consent of ${name}?`}
      confirmLabel="Withdraw consent"
      busyLabel="Withdrawing…"
      danger
      action={async () => {
        const r = await api.post<Customer>(
          `${toolPath(customer)}/consents/${seg(channel)}/withdraw`,
        );
        return {
          message: `The ${label} marketing consent of ${name} is withdrawn.`,
          next: { customer: r.data, etag: r.etag },
        };
      }}
    >
      <p>
        The store may no longer send {label} marketing to this customer. The withdrawal goes into
        the consent history with the time and your name.
      </p>
    </ActionDialog>
  );
}

// SMS codes: on or off, a number to send them to (the admin vouches for it), and turning them off.
function SmsDialog(props: ToolProps) {
  const { notify } = useApp();
  const { customer, account, name } = props;
  const on = smsOn(account);
  const [phone, setPhone] = useState(customer.phone);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Whether the store can send SMS at all (the customer area's public configuration).
  const config = useResource(
    (signal) =>
      api
        .get<{ sms_available?: boolean }>('/api/store/config', { signal })
        .then((r) => r.data?.sms_available !== false),
    [],
  );
  const unavailable = config.data === false || error?.code === 'sms_unavailable';

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      const message = await action();
      props.onChanged();
      props.onClose();
      notify(message);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    }
  }

  const phoneError = error?.field('phone');
  const general = error && !phoneError && error.code !== 'sms_unavailable' ? error : null;
  return (
    <Modal title={`SMS codes for ${name}`} onClose={props.onClose} class="sms-dialog">
      <p data-testid="sms-dialog-state">
        <strong>{on ? 'On' : 'Off'}</strong>
        {on
          ? ': signing in can ask for a 6-digit code sent to the customer’s phone by SMS.'
          : ': signing in does not ask for a code by SMS.'}
      </p>
      {unavailable && (
        <p class="banner banner--warning" role={error ? 'alert' : undefined}>
          This store has no SMS provider set up, so SMS codes cannot be sent
          {on ? '; you can still turn them off.' : ' and cannot be turned on.'}
        </p>
      )}
      <ErrorBanner error={general} />
      {confirmOff ? (
        <div class="subform">
          <p>
            Turn off SMS codes for {name}? Signing in no longer asks for a code by SMS
            {totpOn(account) ? ' (the authenticator app stays on)' : ''}.
          </p>
          <div class="dialog__actions">
            <button type="button" class="button" onClick={() => setConfirmOff(false)}>
              Keep them on
            </button>
            <button
              type="button"
              class="button button--danger"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.del(`${toolPath(customer)}/sms`);
                  return `SMS codes for ${name} are off.`;
                })
              }
            >
              {busy ? 'Turning off…' : 'Turn off SMS codes'}
            </button>
          </div>
        </div>
      ) : (
        <form
          ref={formRef}
          noValidate
          aria-label={on ? 'Change the SMS number' : 'Turn on SMS codes'}
          onSubmit={(e) => {
            e.preventDefault();
            const to = phone.trim();
            void run(async () => {
              await api.put(`${toolPath(customer)}/sms`, { phone: to });
              return `SMS codes for ${name} go to ${to} now.`;
            });
          }}
        >
          <Field
            label="Phone for the codes"
            hint="You vouch for this number. With its country code, such as +49 176 1234 5678; a national number is read with the customer's country."
            error={phoneError}
          >
            {(a) => (
              <input
                {...a}
                name="phone"
                type="tel"
                autoComplete="off"
                value={phone}
                onInput={(e) => setPhone(e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="dialog__actions dialog__actions--spread">
            {on && (
              <button
                type="button"
                class="button button--danger-outline"
                onClick={() => {
                  setError(null);
                  setConfirmOff(true);
                }}
              >
                Turn off…
              </button>
            )}
            <button type="button" class="button" onClick={props.onClose}>
              Close
            </button>
            <button
              type="submit"
              class="button button--primary"
              disabled={busy || !phone.trim() || config.data === false}
            >
              {busy ? 'Saving…' : on ? 'Change the number' : 'Turn on SMS codes'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

// The customer's signed-in devices, each of which can be ended, and all at once.
function SessionsDialog(props: ToolProps) {
  const { notify, can } = useApp();
  const { customer, name } = props;
  const sessions = useResource(
    (signal) =>
      api
        .get<{ items: CustomerSession[] }>(`${toolPath(customer)}/sessions`, { signal })
        .then((r) => r.data.items),
    [customer.id],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const headingRef = useRef<HTMLParagraphElement>(null);
  const editable = can('edit_customers');

  async function act(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      const message = await action();
      setConfirmAll(false);
      sessions.reload();
      props.onChanged();
      notify(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // After a row went, the focus (which was on its button) goes to the list's summary.
  useEffect(() => {
    if (!busy && document.activeElement === document.body) headingRef.current?.focus();
  }, [sessions.data]);

  const items = sessions.data ?? [];
  return (
    <Modal title={`Sessions of ${name}`} wide onClose={props.onClose} class="sessions-dialog">
      <ErrorBanner error={error} />
      {sessions.error && !sessions.data ? (
        <ErrorBanner error={sessions.error} onRetry={sessions.reload} />
      ) : !sessions.data ? (
        <Loading />
      ) : (
        <>
          <p ref={headingRef} tabIndex={-1} data-testid="sessions-summary">
            {items.length
              ? `${plural(items.length, 'active session')}, the most recently seen first.`
              : 'No active sessions: the customer is signed in nowhere.'}
          </p>
          {items.length > 0 && (
            <ul class="session-list">
              {items.map((s) => (
                <li key={s.id} class="session" data-session-id={s.id}>
                  <div class="session__text">
                    <strong>{s.device || 'Unknown device'}</strong>
                    {s.assisted_by && (
                      <span class="session__staff">Store staff visit: {s.assisted_by}</span>
                    )}
                    <span class="muted small session__meta">
                      {s.ip && <span>IP {s.ip}</span>}
                      <span>Last seen {formatDateTime(s.last_seen_at)}</span>
                      <span>Signed in {formatDateTime(s.created_at)}</span>
                    </span>
                  </div>
                  {editable && (
                    <button
                      type="button"
                      class="button button--small"
                      disabled={busy}
                      aria-label={`End session on ${s.device || 'unknown device'}`}
                      onClick={() =>
                        void act(async () => {
                          await api.del(`${toolPath(customer)}/sessions/${seg(s.id)}`);
                          return `The session of ${name} on ${s.device || 'that device'} is ended.`;
                        })
                      }
                    >
                      End
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {confirmAll && (
            <div class="subform">
              <p>
                {items.length === 1
                  ? `End the only session of ${name}?`
                  : `End all ${plural(items.length, 'session')} of ${name}?`}{' '}
                The customer is signed out everywhere.
              </p>
              <div class="dialog__actions">
                <button type="button" class="button" onClick={() => setConfirmAll(false)}>
                  Keep them
                </button>
                <button
                  type="button"
                  class="button button--danger"
                  disabled={busy}
                  onClick={() =>
                    void act(async () => {
                      const { data } = await api.del<{ ended: number }>(
                        `${toolPath(customer)}/sessions`,
                      );
                      return `${plural(data?.ended ?? items.length, 'session')} of ${name} ended.`;
                    })
                  }
                >
                  {busy ? 'Ending…' : 'End all sessions'}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      <div class="dialog__actions">
        {editable && items.length > 0 && !confirmAll && (
          <button
            type="button"
            class="button button--danger-outline"
            disabled={busy}
            onClick={() => setConfirmAll(true)}
          >
            End all…
          </button>
        )}
        <button type="button" class="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

// "Delete permanently…": the customer's e-mail address (a customer without one: the id) typed to
// confirm, then the erasure; the profile is gone, so the customer list opens with a notice.
function EraseDialog(props: ToolProps) {
  const { notify } = useApp();
  const { customer, name } = props;
  const expected = customer.email || customer.id;
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const matches = typed.trim().toLowerCase() === expected.toLowerCase();

  async function erase() {
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`${toolPath(customer)}/erase`, { confirm: typed.trim() });
      props.onClose();
      navigateWithoutAsking('/customers'); // edits of a deleted customer no longer matter
      notify(`${expected} was deleted.`);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
      setTimeout(() => inputRef.current?.focus(), 0);
    }
  }

  const mismatch =
    error && (error.code === 'confirmation_mismatch' || error.field('confirm'))
      ? (error.field('confirm') ?? error.detail)
      : undefined;
  return (
    <Modal title={`Delete ${name} permanently?`} onClose={props.onClose} class="erase-dialog">
      <form
        noValidate
        aria-label="Delete the customer permanently"
        onSubmit={(e) => {
          e.preventDefault();
          void erase();
        }}
      >
        <p>
          This erases {name}'s personal data everywhere: profile, addresses, sessions, second
          factor, message contents and the personal values in the audit trail. It cannot be undone.
          {customer.email ? ' The customer gets an e-mail first.' : ''}
        </p>
        <ErrorBanner error={mismatch ? null : error} />
        <Field
          label={
            customer.email
              ? "Type the customer's e-mail address to confirm"
              : "Type the customer's id to confirm"
          }
          hint={customer.email ? undefined : `The id is ${customer.id}.`}
          error={mismatch}
        >
          {(a) => (
            <input
              {...a}
              ref={inputRef}
              name="confirm"
              autoComplete="off"
              spellcheck={false}
              value={typed}
              onInput={(e) => {
                setTyped(e.currentTarget.value);
                if (mismatch) setError(null);
              }}
            />
          )}
        </Field>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button button--danger" disabled={!matches || busy}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
