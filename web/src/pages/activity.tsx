// A timeline of audit events (a customer's Activity tab), with "Load more" over the cursor; and the
// words for actions and actors the audit log shares. An event of a store staff visit (Log in as
// customer) names both: the customer, who acted, and the admin signed in as them. A merge's event
// shows whom it merged in, the survivor's changed fields and its store credit before and after.
// Ids in changes that the page can name (a customer's addresses) read as what they name.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBanner, Loading } from '../components/ui';
import { formatDateTime, formatMoney } from '../format';
import { useResource } from '../hooks';
import type { ActivityEvent, AddressBook, Page } from '../types';

// Every action the server records, with the words the log shows for it.
export const kActionLabels: Record<string, string> = {
  'customer.created': 'Created the customer',
  'customer.imported': 'Imported the customer from a file',
  'customer.updated': 'Changed the customer',
  'customer.deactivated': 'Deactivated the customer',
  'customer.restored': 'Restored the customer',
  'customer.banned': 'Banned the customer',
  'customer.ban_lifted': 'Lifted the ban',
  'customer.viewed': 'Viewed the customer',
  'customer.assistance_started': 'Logged in as the customer',
  'customer.assistance_ended': 'Ended the store staff visit',
  'customer.assistance_allowed': 'Allowed store staff to log in as the customer',
  'customer.assistance_disallowed': 'Withdrew permission for store staff to log in as the customer',
  'customer.wallet_credited': 'Added store credit',
  'customer.wallet_debited': 'Deducted store credit',
  'customer.wallet_expired': 'Wrote off expired store credit',
  'customer.library_entry_added': 'Added to the library',
  'customer.library_note_changed': 'Changed a library note',
  'customer.library_entry_revoked': 'Revoked a library entry',
  'customer.library_rebuilt': 'Rebuilt the library',
  'customer.note_added': 'Added a staff note',
  'customer.note_edited': 'Edited a staff note',
  'customer.note_deleted': 'Deleted a staff note',
  'customer.wishlist_added': 'Added to the wishlist',
  'customer.wishlist_removed': 'Removed from the wishlist',
  'customer.merged': 'Merged customers into this one',
  'customer.merged_into': 'Merged into another customer',
  'customer.duplicate_dismissed': 'Marked as not duplicates',
  'customer.data_exported': "Downloaded the customer's data",
  'customer.deleted': 'Deleted the customer',
  'address.created': 'Added an address',
  'address.updated': 'Changed an address',
  'address.deleted': 'Deleted an address',
  'address.defaults_changed': 'Changed the default addresses',
  'group.created': 'Created a group',
  'group.renamed': 'Renamed a group',
  'group.deleted': 'Deleted a group',
  'tag.created': 'Created a tag',
  'tag.renamed': 'Renamed a tag',
  'tag.deleted': 'Deleted a tag',
  'segment.created': 'Saved a segment',
  'segment.updated': 'Changed a segment',
  'segment.deleted': 'Deleted a segment',
  'admin.created': 'Added an admin',
  'admin.updated': 'Changed an admin',
  'admin.password_reset': "Set an admin's password",
  'admin.password_changed': 'Changed their own password',
  'admin.logged_in': 'Signed in',
  'admin.logged_out': 'Signed out',
  'admin.login_failed': 'Failed to sign in',
  'admin.totp_setup_started': 'Started setting up two-factor sign-in',
  'admin.totp_enabled': 'Turned on two-factor sign-in',
  'admin.totp_reset': 'Turned off two-factor sign-in for an admin',
  'api_token.created': 'Created an API token',
  'api_token.revoked': 'Revoked an API token',
  'settings.updated': 'Changed the settings',
  'message.queued': 'Wrote an e-mail',
  'message.resent': 'Resent an e-mail',
  'email_template.saved': 'Edited an e-mail template',
  'email_template.reset': 'Reset an e-mail template to the built-in text',
  'job.started': 'Started a background job',
  'job.cancel_requested': 'Asked to cancel a background job',
  'spam.domain_listed': 'Disposable domain added',
  'spam.domain_unlisted': 'Disposable domain removed',
  'spam.domain_reset': 'Disposable domain reset',
  // The customer's own account, in the customer area or by staff.
  'customer.registered': 'Registered an account',
  'customer.registration_attempted': 'Tried to register an e-mail address that has an account',
  'customer.guest_recorded': 'Recorded a guest checkout',
  'customer.guest_converted': 'Turned the guest record into an account',
  'customer.converted_to_account': 'Took over a guest record',
  'customer.email_verified': 'Verified the e-mail address',
  'customer.email_change_requested': 'Asked to change the e-mail address',
  'customer.email_changed': 'Changed the e-mail address',
  'customer.logged_in': 'Signed in to the customer area',
  'customer.logged_out': 'Signed out of the customer area',
  'customer.login_failed': 'Failed to sign in to the customer area',
  'customer.login_email_sent': 'Sent a sign-in link',
  'customer.reauthentication_failed': 'Failed to confirm the password',
  'customer.session_ended': 'Ended a session',
  'customer.sessions_ended': 'Ended the other sessions',
  'customer.sessions_ended_by_admin': 'Signed the customer out everywhere',
  'customer.password_changed': 'Changed the password',
  'customer.password_reset_requested': 'Asked for a password reset',
  'customer.password_reset_sent': 'Sent a password reset link',
  'customer.password_reset': 'Reset the password',
  'customer.temporary_password_set': 'Set a temporary password',
  'customer.totp_setup_started': 'Started setting up an authenticator app',
  'customer.totp_enabled': 'Turned on sign-in with an authenticator app',
  'customer.totp_replaced': 'Replaced the authenticator app',
  'customer.totp_disabled': 'Turned off sign-in with an authenticator app',
  'customer.totp_reset': "Turned off the customer's two-factor sign-in",
  'customer.sms_setup_started': 'Started setting up sign-in codes by SMS',
  'customer.sms_phone_set': 'Set the phone for sign-in codes',
  'customer.sms_enabled': 'Turned on sign-in codes by SMS',
  'customer.sms_disabled': 'Turned off sign-in codes by SMS',
  'customer.recovery_codes_regenerated': 'Made new recovery codes',
  'customer.deletion_requested': 'Asked for the account to be deleted',
  // Orders and money.
  'customer.order_placed': 'Placed an order',
  'customer.order_status_changed': "Changed an order's status",
  'customer.payment_recorded': 'Recorded a payment',
  'customer.refund_recorded': 'Recorded a refund',
  'customer.transaction_recorded': 'Recorded a transaction',
  'product.created': 'Added a product',
  'product.updated': 'Changed a product',
  // Admins, blacklist.
  'admin.reauthentication_failed': 'Failed to confirm the password',
  'admin.totp_replaced': 'Replaced the authenticator app',
  'admin.totp_disabled': 'Turned off two-factor sign-in',
  'blacklist.added': 'Added to the blacklist',
  'blacklist.updated': 'Changed a blacklist entry',
  'blacklist.removed': 'Removed from the blacklist',
};

export function actionLabel(action: string): string {
  return kActionLabels[action] ?? action;
}

type Actor = Pick<ActivityEvent, 'actor_type' | 'actor_name' | 'actor_id' | 'assisted_by'>;

// Who acted, in words; `customerName` names the customer whose timeline this is (the server
// gives a customer's id, or nothing, but no name).
export function actorLabel(e: Actor, customerName = ''): string {
  if (e.actor_type === 'system') return 'System';
  const who = e.actor_name || (e.actor_type === 'customer' && customerName) || e.actor_id;
  if (e.actor_type === 'api_token') return `${who || 'Unknown'} (API token)`;
  if (e.actor_type === 'customer') return who ? `${who} (customer)` : 'The customer';
  return who || 'Unknown';
}

// The actor, and for a store staff visit the admin too.
export function ActorText({ event, customerName }: { event: Actor; customerName?: string }) {
  const admin = event.assisted_by;
  return (
    <span class="actor">
      {actorLabel(event, customerName)}
      {admin && (
        <span class="actor__assisted">
          {' '}
          — by {admin.name || 'store staff'}, signed in as the customer
        </span>
      )}
    </span>
  );
}

const kInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// What ids in changes read as: `names` maps an id to the words for it; an id of a kind in `gone`
// (by its prefix: "adr_") that `names` lacks is no longer there and reads as that entry ("a
// deleted address"). Other ids are shown as they are.
export interface IdNames {
  names: ReadonlyMap<string, string>;
  gone: Readonly<Record<string, string>>;
}

const kPublicId = /^([a-z]+_)[0-9a-z]+$/;

// The words for `v` when it is an id `ids` can name, else null.
function nameOfId(v: unknown, ids: IdNames | undefined): string | null {
  if (!ids || typeof v !== 'string') return null;
  const known = ids.names.get(v);
  if (known !== undefined) return known;
  const prefix = kPublicId.exec(v)?.[1];
  return (prefix && ids.gone[prefix]) || null;
}

function show(v: unknown, ids?: IdNames): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return nameOfId(v, ids) ?? (kInstant.test(v) ? formatDateTime(v) : v);
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x, ids)).join(', ') : '—';
  return JSON.stringify(v);
}

// A field as a person reads it; "address_id" whose id reads as the address is "address".
function fieldLabel(field: string, values: unknown[], ids: IdNames | undefined): string {
  const named = field.endsWith('_id') && values.some((v) => nameOfId(v, ids) !== null);
  return (named ? field.slice(0, -3) : field).replace(/_/g, ' ');
}

interface MergeEvent {
  merged: Array<{ id: string; name?: string; email?: string }>;
  balances?: Array<{ currency: string; survivor: number; after: number }>;
  changes?: Record<string, unknown> | null;
}

// The changes of customer.merged: the merge's summary with the survivor's field changes.
function isMergeEvent(changes: Record<string, unknown>): boolean {
  const merged = changes.merged;
  return (
    Array.isArray(merged) &&
    merged.every(
      (m) => !!m && typeof m === 'object' && typeof (m as { id?: unknown }).id === 'string',
    )
  );
}

function MergeChanges({ event, ids }: { event: MergeEvent; ids?: IdNames }) {
  const moved = (event.balances ?? []).filter((b) => b.after !== b.survivor);
  return (
    <>
      <ul class="changes">
        <li>
          <span class="changes__field">merged in</span>:{' '}
          {event.merged.map((m) => (m.name ? `${m.name} (${m.id})` : m.id)).join(', ')}
        </li>
        {moved.map((b) => (
          <li key={b.currency}>
            <span class="changes__field">store credit {b.currency}</span>:{' '}
            <del>{formatMoney(b.survivor, b.currency)}</del> →{' '}
            <ins>{formatMoney(b.after, b.currency)}</ins>
          </li>
        ))}
      </ul>
      <Changes changes={event.changes} ids={ids} />
    </>
  );
}

// {"field": {"from": a, "to": b}} as "field: a → b" lines; other shapes as "key: value". Ids that
// `ids` names read as their words.
export function Changes({
  changes,
  ids,
}: {
  changes: Record<string, unknown> | null | undefined;
  ids?: IdNames;
}) {
  if (changes && isMergeEvent(changes)) {
    return <MergeChanges event={changes as unknown as MergeEvent} ids={ids} />;
  }
  // An id beside the address it names ("default_billing_address_id" and
  // "default_billing_address") is left to the API: the address is what a person reads.
  const entries = Object.entries(changes ?? {}).filter(
    ([field]) => !(field.endsWith('_id') && changes && field.slice(0, -3) in changes),
  );
  if (!entries.length) return null;
  return (
    <ul class="changes">
      {entries.map(([field, v]) => {
        const diff =
          v && typeof v === 'object' && !Array.isArray(v) && ('from' in v || 'to' in v)
            ? (v as { from?: unknown; to?: unknown })
            : null;
        const values = diff ? [diff.from, diff.to] : [v];
        return (
          <li key={field}>
            <span class="changes__field">{fieldLabel(field, values, ids)}</span>:{' '}
            {diff ? (
              <>
                <del>{show(diff.from, ids)}</del> → <ins>{show(diff.to, ids)}</ins>
              </>
            ) : (
              show(v, ids)
            )}
          </li>
        );
      })}
    </ul>
  );
}

// The address book's ids with their one-line summaries; an id no longer in the book is an
// address deleted since.
function addressNames(book: AddressBook): IdNames {
  return {
    names: new Map(book.items.map((a) => [a.id, a.summary || a.label || 'an address'])),
    gone: { adr_: 'a deleted address' },
  };
}

// `addressesUrl`: the customer's address book, read once, whose ids the changes then name.
export function ActivityList(props: {
  url: string;
  emptyText: string;
  customerName?: string;
  addressesUrl?: string;
}) {
  const { url, emptyText, addressesUrl } = props;
  const book = useResource(
    async (signal) =>
      addressesUrl
        ? addressNames((await api.get<AddressBook>(addressesUrl, { signal })).data)
        : undefined,
    [addressesUrl],
  );
  // Without the book (it failed), ids show as they are.
  const ids = book.data;
  const bookPending = !!addressesUrl && book.loading && !book.data && !book.error;
  const [cursors, setCursors] = useState<string[]>([]);
  const [items, setItems] = useState<ActivityEvent[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useResource(
    async (signal) => {
      const { data } = await api.get<Page<ActivityEvent>>(url, {
        signal,
        query: { cursor, limit: 50 },
      });
      setItems((old) => (cursor ? [...old, ...data.items] : data.items));
      return data;
    },
    [url, cursor],
  );

  if (page.error && !items.length) return <ErrorBanner error={page.error} onRetry={page.reload} />;
  if ((page.loading && !items.length) || bookPending) return <Loading />;
  if (!items.length) return <p class="empty">{emptyText}</p>;
  return (
    <div>
      <ol class="timeline">
        {items.map((e) => (
          <li key={e.id} class="timeline__item">
            <div class="timeline__head">
              <strong>{actionLabel(e.action)}</strong>
              <span class="muted">
                {' '}
                by <ActorText event={e} customerName={props.customerName} /> ·{' '}
                <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at)}</time>
              </span>
            </div>
            <Changes changes={e.changes} ids={ids} />
          </li>
        ))}
      </ol>
      <ErrorBanner error={page.error} onRetry={page.reload} />
      {page.data?.next_cursor && (
        <button
          type="button"
          class="button"
          disabled={page.loading}
          onClick={() => page.data?.next_cursor && setCursors([...cursors, page.data.next_cursor])}
        >
          {page.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
