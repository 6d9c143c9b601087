// Record payment / Refund on an opened order: the amount (a decimal in the order's currency,
// proposed as what is due or what may be refunded), the method and a description, sent once with
// an Idempotency-Key; the server's refusals (overpayment, refund above what was paid, a cancelled
// order) are shown on the form.
import { useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import { Field, focusProblem, FormErrors } from '../components/ui';
import { formatMoney, parseMoney, toDecimal } from '../money';
import { useApp } from '../session';
import type { Order, Transaction } from '../types';
import {
  AmountField,
  amountProblem,
  PaymentMethodOptions,
  useIdempotencyKey,
} from './order-common';

interface Recorded {
  transaction: Transaction;
  order?: Order;
}

export function MoneyForm(props: {
  order: Order;
  kind: 'payment' | 'refund';
  onCancel: () => void;
  onRecorded: (order: Order) => void;
}) {
  const { notify } = useApp();
  const { order: o, kind } = props;
  const proposed = kind === 'payment' ? o.due : o.paid - o.refunded;
  const [amount, setAmount] = useState(proposed > 0 ? toDecimal(proposed, o.currency) : '');
  const [method, setMethod] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [amountError, setAmountError] = useState('');
  const idempotency = useIdempotencyKey();
  const formRef = useRef<HTMLFormElement>(null);
  const methodsId = useId();
  const title = kind === 'payment' ? 'Record payment' : 'Refund';

  async function submit(e: Event) {
    e.preventDefault();
    const problem = amountProblem(amount, o.currency);
    setAmountError(problem);
    setError(null);
    if (problem) {
      setTimeout(() => focusProblem(formRef.current), 0);
      return;
    }
    const minor = parseMoney(amount, o.currency)!;
    const body = { kind, amount: minor, method: method.trim(), description: description.trim() };
    setBusy(true);
    try {
      const r = await api.post<Recorded>(`/api/admin/orders/${seg(o.id)}/transactions`, body, {
        headers: { 'idempotency-key': idempotency.keyFor(body) },
      });
      idempotency.done();
      const what = kind === 'payment' ? 'Payment' : 'Refund';
      notify(`${what} of ${formatMoney(minor, o.currency)} on order ${o.number} is recorded.`);
      props.onRecorded(r.data.order ?? o);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
      setTimeout(() => focusProblem(formRef.current), 0);
    }
  }

  return (
    <form
      ref={formRef}
      class="subform money-form"
      aria-label={`${title} on order ${o.number}`}
      noValidate
      onSubmit={submit}
    >
      <h3>{title}</h3>
      <FormErrors error={error} fields={['amount', 'method', 'description']} />
      <div class="money-form__fields">
        <AmountField
          label="Amount"
          name="amount"
          currency={o.currency}
          value={amount}
          onInput={setAmount}
          error={amountError || error?.field('amount')}
        />
        <Field label="Method" error={error?.field('method')}>
          {(a) => (
            <input
              {...a}
              name="method"
              list={methodsId}
              maxLength={50}
              placeholder="card, cash…"
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
      </div>
      <PaymentMethodOptions id={methodsId} />
      <div class="form-actions form-actions--start">
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Recording…' : title}
        </button>
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
