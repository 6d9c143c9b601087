// What the admin's Wallet tab and the customer area's Store credit page both show of a wallet:
// the balance per currency with its open credits (what is left, and when it expires), and the
// history of entries. Money is in minor units; who made an entry is shown only where known.
import type { WalletBalance, WalletEntry, WalletEntryKind } from '../types';
import { daysUntil, formatDate, formatDateTime, formatMoney, plural } from '../format';
import './wallet.css';

export const kWalletKindLabels: Record<WalletEntryKind, string> = {
  credit: 'Credit',
  debit: 'Deduction',
  expiry: 'Expired',
};

// "expires on Jan 1, 2027 (in 30 days)", or that it never does.
export function ExpiryText({ credit }: { credit: WalletEntry }) {
  if (!credit.expires_at) return <span>does not expire</span>;
  const days = daysUntil(credit.expires_at);
  return (
    <span>
      expires on <time dateTime={credit.expires_at}>{formatDate(credit.expires_at)}</time>
      {credit.expired || days === 0 ? ' (expired)' : ` (in ${plural(days, 'day')})`}
    </span>
  );
}

// A signed amount, green when it adds.
export function MoneyChange({ entry }: { entry: WalletEntry }) {
  return (
    <span class={`wallet-change wallet-change--${entry.change > 0 ? 'in' : 'out'}`}>
      {formatMoney(entry.change, entry.currency, true)}
    </span>
  );
}

// One card per currency: the amount available, large, and the credits it is made of.
export function WalletBalances(props: { balances: WalletBalance[]; emptyText: string }) {
  if (!props.balances.length) return <p class="empty">{props.emptyText}</p>;
  return (
    <ul class="wallet-balances" aria-label="Balances">
      {props.balances.map((b) => (
        <li key={b.currency} class="card wallet-balance" data-currency={b.currency}>
          <p class="wallet-balance__amount">
            <span class="visually-hidden">Balance in {b.currency}: </span>
            <span data-testid="wallet-balance">{formatMoney(b.available, b.currency)}</span>
          </p>
          <p class="muted small wallet-balance__label">available · {b.currency}</p>
          {b.credits.length === 0 ? (
            <p class="muted small">No open credits.</p>
          ) : (
            <ul class="wallet-credits" aria-label={`Open credits in ${b.currency}`}>
              {b.credits.map((c) => (
                <li key={c.id} class="wallet-credit">
                  <strong>{formatMoney(c.remaining ?? c.amount, c.currency)}</strong> left of{' '}
                  {formatMoney(c.amount, c.currency)} added {formatDate(c.created_at)}
                  {c.reason && <span class="muted"> · {c.reason}</span>}
                  <span class="wallet-credit__expiry small">
                    <ExpiryText credit={c} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

// Who made an entry, in words.
function byText(entry: WalletEntry): string {
  const by = entry.created_by;
  if (!by || by.type === 'system') return 'System';
  if (by.type === 'api_token') return `${by.name || 'An API token'} (API token)`;
  return by.name || by.type.replace(/_/g, ' ');
}

// The reason, or for an entry without one what happened.
function reasonText(entry: WalletEntry): string {
  if (entry.reason) return entry.reason;
  return entry.kind === 'expiry' ? 'Credit expired' : '—';
}

// The entries, newest first. `staff` adds the kind, the order reference and who made each.
export function WalletHistory(props: { entries: WalletEntry[]; staff?: boolean; label: string }) {
  const { entries, staff } = props;
  return (
    <div class="table-wrap">
      <table class="table table--cards wallet-table" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">Date</th>
            {staff && <th scope="col">Kind</th>}
            <th scope="col" class="num">
              Change
            </th>
            <th scope="col">Reason</th>
            {staff && <th scope="col">Order ref.</th>}
            {staff && <th scope="col">By</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-entry-id={e.id}>
              <td data-label="Date">
                <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
              </td>
              {staff && <td data-label="Kind">{kWalletKindLabels[e.kind] ?? e.kind}</td>}
              <td data-label="Change" class="num">
                <MoneyChange entry={e} />
              </td>
              <td data-label="Reason">{reasonText(e)}</td>
              {staff && <td data-label="Order ref.">{e.order_ref || '—'}</td>}
              {staff && <td data-label="By">{byText(e)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
