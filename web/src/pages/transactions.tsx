// A customer's transactions, the profile's Transactions tab: payments and refunds of the orders
// and manual entries, newest first; for those who handle money, Manual entry records a signed
// amount (in the store's currency unless another is given), optionally about one of the orders.
import { useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import { ErrorBanner, Field, focusProblem, FormErrors, Loading } from '../components/ui';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';
import { formatMoney, parseMoney } from '../money';
import { useApp } from '../session';
import type { Customer, Transaction } from '../types';
import {
  AmountField,
  amountProblem,
  kTransactionKindLabels,
  PaymentMethodOptions,
  useIdempotencyKey,
} from './order-common';

function byWhom(t: Transaction): string {
  if (t.created_by.name) return t.created_by.name;
  return t.created_by.type === 'api_token' ? 'An API token' : t.created_by.type.replace(/_/g, ' ');
}

// A refund takes money back: shown below zero, like a negative manual entry.
function signedAmount(t: Transaction): number {
  return t.kind === 'refund' ? -t.amount : t.amount;
}

export function TransactionsTab(props: { customer: Customer; onChanged: () => void }) {
  const { can } = useApp();
  const path = `/api/admin/customers/${seg(props.customer.id)}/transactions`;
  const list = useResource(
    (signal) => api.get<{ items: Transaction[] }>(path, { signal }).then((r) => r.data.items),
    [path],
  );
  const [adding, setAdding] = useState(false);
  const items = list.data ?? [];
  return (
    <div class="transactions">
      <div class="orders__header">
        <h2>Transactions</h2>
        {can('manage_money') && !adding && (
          <button type="button" class="button" onClick={() => setAdding(true)}>
            Manual entry
          </button>
        )}
      </div>
      {adding && (
        <ManualEntryForm
          path={path}
          onCancel={() => setAdding(false)}
          onRecorded={() => {
            setAdding(false);
            list.reload();
            props.onChanged();
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && <p class="muted">No transactions yet.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards transactions-table" aria-busy={list.loading}>
            <thead>
              <tr>
                <th>Date</th>
                <th>Kind</th>
                <th class="num">Amount</th>
                <th>Method</th>
                <th>Description</th>
                <th>Order</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id} data-kind={t.kind}>
                  <td data-label="Date">{formatDateTime(t.created_at)}</td>
                  <td data-label="Kind">{kTransactionKindLabels[t.kind] ?? t.kind}</td>
                  <td
                    data-label="Amount"
                    class={`num${signedAmount(t) < 0 ? ' amount--negative' : ''}`}
                  >
                    {formatMoney(signedAmount(t), t.currency)}
                  </td>
                  <td data-label="Method">{t.method || '—'}</td>
                  <td data-label="Description">{t.description || '—'}</td>
                  <td data-label="Order">{t.order_number || '—'}</td>
                  <td data-label="By">{byWhom(t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ManualEntryForm(props: { path: string; onCancel: () => void; onRecorded: () => void }) {
  const { settings, notify } = useApp();
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(settings.currency);
  const [method, setMethod] = useState('');
  const [description, setDescription] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [amountError, setAmountError] = useState('');
  const idempotency = useIdempotencyKey();
  const formRef = useRef<HTMLFormElement>(null);
  const methodsId = useId();
  const code = currency.trim().toUpperCase();

  async function submit(e: Event) {
    e.preventDefault();
    const problem = amountProblem(amount, code, { signed: true });
    const minor = parseMoney(amount, code, { signed: true });
    setAmountError(problem);
    setError(null);
    if (problem || minor === null) {
      setTimeout(() => focusProblem(formRef.current), 0);
      return;
    }
    const body = {
      kind: 'manual',
      amount: minor,
      currency: code,
      method: method.trim(),
      description: description.trim(),
      ...(orderNumber.trim() ? { order_number: orderNumber.trim() } : {}),
    };
    setBusy(true);
    try {
      await api.post(props.path, body, {
        headers: { 'idempotency-key': idempotency.keyFor(body) },
      });
      idempotency.done();
      notify(`Manual entry of ${formatMoney(minor, code)} is recorded.`);
      props.onRecorded();
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
      setTimeout(() => focusProblem(formRef.current), 0);
    }
  }

  const fields = ['amount', 'currency', 'method', 'description', 'order_number'];
  return (
    <form
      ref={formRef}
      class="subform money-form"
      aria-label="Manual entry"
      noValidate
      onSubmit={submit}
    >
      <h3>Manual entry</h3>
      <FormErrors error={error} fields={fields} />
      <div class="money-form__fields">
        <AmountField
          label="Amount"
          name="amount"
          currency={code}
          value={amount}
          onInput={setAmount}
          hint="Negative to take money off, such as -5.00."
          error={amountError || error?.field('amount')}
        />
        <Field label="Currency" error={error?.field('currency')}>
          {(a) => (
            <input
              {...a}
              name="currency"
              class="input--short"
              maxLength={3}
              value={currency}
              onInput={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            />
          )}
        </Field>
        <Field label="Method" error={error?.field('method')}>
          {(a) => (
            <input
              {...a}
              name="method"
              list={methodsId}
              maxLength={50}
              value={method}
              onInput={(e) => setMethod(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Description" error={error?.field('description')}>
          {(a) => (
            <input
              {...a}
              name="description"
              maxLength={500}
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Order number" hint="Optional" error={error?.field('order_number')}>
          {(a) => (
            <input
              {...a}
              name="order_number"
              spellcheck={false}
              value={orderNumber}
              onInput={(e) => setOrderNumber(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <PaymentMethodOptions id={methodsId} />
      <div class="form-actions form-actions--start">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Recording…' : 'Record entry'}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
