// A customer's Wallet tab (store credit): the balance per currency with the open credits and
// their expiry, the history, and for those who handle money (manage_money) the form that adds or
// deducts credit. Each submission carries an Idempotency-Key, kept while the same request is
// tried again, so a retry never moves the money twice.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import { Checkbox, ErrorBanner, Field, focusProblem, FormErrors, Loading } from '../components/ui';
import { WalletBalances, WalletHistory } from '../components/wallet';
import { dayFromToday, formatMoney, isCurrencyCode, parseMoney, startOfDay } from '../format';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type { Customer, Wallet, WalletChange } from '../types';

export function WalletTab(props: { customer: Customer; onChanged: () => void }) {
  const { can } = useApp();
  const path = `/api/admin/customers/${seg(props.customer.id)}/wallet`;
  const wallet = useResource(
    (signal) => api.get<Wallet>(path, { signal }).then((r) => r.data),
    [path],
  );
  const w = wallet.data;
  if (wallet.error && !w) return <ErrorBanner error={wallet.error} onRetry={wallet.reload} />;
  if (!w) return <Loading />;
  return (
    <div class="wallet">
      <section class="wallet-section" aria-labelledby="wallet-balance-heading">
        <h2 id="wallet-balance-heading">Balance</h2>
        <WalletBalances balances={w.balances} emptyText="No store credit yet." />
      </section>
      {can('manage_money') && (
        <WalletForm
          path={path}
          customer={props.customer}
          onDone={() => {
            wallet.reload();
            props.onChanged();
          }}
        />
      )}
      <section class="wallet-section" aria-labelledby="wallet-history-heading">
        <h2 id="wallet-history-heading">History</h2>
        {w.history.length === 0 ? (
          <p class="empty">No entries yet.</p>
        ) : (
          <>
            <WalletHistory entries={w.history} staff label="Wallet history" />
            {w.history.length >= 200 && (
              <p class="muted small">The newest 200 entries; Wallet history has all of them.</p>
            )}
          </>
        )}
      </section>
    </div>
  );
}

interface Draft {
  amount: string;
  currency: string;
  reason: string;
  order_ref: string;
  expires: string; // a day, "2026-11-23"
  notify: boolean;
}

const kFields = ['amount', 'currency', 'reason', 'order_ref', 'expires_at', 'notify'];

// A random key for one intended change.
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A problem of the form on one field, as the server would put it.
function fieldProblem(field: string, code: string, message: string, status = 422): ApiError {
  return new ApiError({ status, code, detail: message, errors: [{ field, code, message }] });
}

function WalletForm(props: { path: string; customer: Customer; onDone: () => void }) {
  const { settings, notify } = useApp();
  const empty: Draft = {
    amount: '',
    currency: settings.currency || 'USD',
    reason: '',
    order_ref: '',
    expires: '',
    notify: false,
  };
  const [draft, setDraft] = useState<Draft>(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The key of the last request that did not go through, with what it asked.
  const pending = useRef<{ body: string; key: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const deducting = draft.amount.trim().startsWith('-') || draft.amount.trim().startsWith('\u2212');
  const noEmail = !props.customer.email;

  function fail(e: ApiError) {
    setError(e);
    setTimeout(() => focusProblem(formRef.current), 0);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const currency = draft.currency.trim().toUpperCase();
    if (!isCurrencyCode(currency)) {
      fail(fieldProblem('currency', 'invalid_currency', 'Use an ISO 4217 code, such as EUR.'));
      return;
    }
    const amount = parseMoney(draft.amount, currency);
    if (!amount.ok) {
      fail(fieldProblem('amount', 'invalid_amount', amount.error));
      return;
    }
    const body: Record<string, unknown> = { amount: amount.minor, currency };
    if (draft.reason.trim()) body.reason = draft.reason.trim();
    if (draft.order_ref.trim()) body.order_ref = draft.order_ref.trim();
    if (amount.minor > 0 && draft.expires) body.expires_at = startOfDay(draft.expires);
    if (draft.notify) body.notify = true;
    const text = JSON.stringify(body);
    if (pending.current?.body !== text) pending.current = { body: text, key: newKey() };

    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<WalletChange>(props.path, body, {
        headers: { 'idempotency-key': pending.current.key },
      });
      pending.current = null;
      const verb = data.entry.kind === 'credit' ? 'Added' : 'Deducted';
      notify(
        `${verb} ${formatMoney(data.entry.amount, data.currency)} — balance ${formatMoney(data.balance, data.currency)}`,
      );
      setDraft({ ...empty, currency });
      props.onDone();
    } catch (err) {
      const problem = asApiError(err);
      // The balance is too low: the amount is what to change.
      fail(
        problem.code === 'insufficient_balance'
          ? fieldProblem('amount', problem.code, problem.detail, problem.status)
          : problem,
      );
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string) => error?.field(name);
  return (
    <form
      ref={formRef}
      class="card wallet-form wallet-section"
      aria-labelledby="wallet-form-heading"
      noValidate
      onSubmit={submit}
    >
      <h2 id="wallet-form-heading">Add or deduct</h2>
      <FormErrors error={error} fields={kFields} />
      <div class="grid">
        <Field
          label="Amount"
          hint="Such as 12.50. A negative amount, such as -5.00, deducts from the balance."
          error={field('amount')}
        >
          {(a) => (
            <input
              {...a}
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              value={draft.amount}
              onInput={(e) => set('amount', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Currency" hint="ISO 4217 code, such as EUR." error={field('currency')}>
          {(a) => (
            <input
              {...a}
              name="currency"
              class="input--short"
              maxLength={3}
              autoComplete="off"
              spellcheck={false}
              value={draft.currency}
              onInput={(e) => set('currency', e.currentTarget.value.toUpperCase())}
            />
          )}
        </Field>
        <Field label="Reason (optional)" error={field('reason')}>
          {(a) => (
            <input
              {...a}
              name="reason"
              maxLength={500}
              value={draft.reason}
              onInput={(e) => set('reason', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Order reference (optional)" error={field('order_ref')}>
          {(a) => (
            <input
              {...a}
              name="order_ref"
              maxLength={100}
              value={draft.order_ref}
              onInput={(e) => set('order_ref', e.currentTarget.value)}
            />
          )}
        </Field>
        {!deducting && (
          <Field
            label="Expires on (optional)"
            hint="Added credit only: what is left stops counting when this day begins."
            error={field('expires_at')}
          >
            {(a) => (
              <input
                {...a}
                type="date"
                name="expires_at"
                min={dayFromToday(1)}
                value={draft.expires}
                onInput={(e) => set('expires', e.currentTarget.value)}
              />
            )}
          </Field>
        )}
      </div>
      <Checkbox
        name="notify"
        label="Notify the customer by e-mail"
        hint={
          noEmail
            ? 'The customer has no e-mail address.'
            : 'Sends the amount, the new balance and the reason.'
        }
        checked={draft.notify}
        disabled={noEmail}
        onChange={(v) => set('notify', v)}
      />
      {field('notify') && <p class="field__error">{field('notify')}</p>}
      <div class="form-actions">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : deducting ? 'Deduct' : 'Add credit'}
        </button>
      </div>
    </form>
  );
}
