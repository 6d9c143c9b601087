// What the order pages share (the profile's Orders and Transactions tabs and Place order): the
// labels and badges of an order's status, payment status and type, an amount field that reads a
// decimal in the order's currency, and idempotency keys for money that must be recorded once.
import { useRef } from 'preact/hooks';
import { Field } from '../components/ui';
import { moneyProblem } from '../money';
import type { OrderStatus, OrderType, PaymentStatus, Transaction } from '../types';
import './orders.css';

export const kOrderStatusLabels: Record<OrderStatus, string> = {
  open: 'Open',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
};

export const kPaymentStatusLabels: Record<PaymentStatus, string> = {
  pending: 'Pending',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
};

export const kOrderTypeLabels: Record<OrderType, string> = {
  online: 'Online',
  phone: 'Phone',
  pos: 'Point of sale',
  manual: 'Manual',
};

export const kTransactionKindLabels: Record<Transaction['kind'], string> = {
  payment: 'Payment',
  refund: 'Refund',
  manual: 'Manual entry',
};

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  return (
    <span class={`badge badge--pay-${status}`} data-payment-status={status}>
      {kPaymentStatusLabels[status] ?? status}
    </span>
  );
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span class={`badge badge--order-${status}`} data-order-status={status}>
      {kOrderStatusLabels[status] ?? status}
    </span>
  );
}

// Payment methods offered as suggestions; any other text is fine.
export const kPaymentMethods = ['card', 'cash', 'bank transfer', 'cheque', 'store credit'];

export function PaymentMethodOptions({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {kPaymentMethods.map((m) => (
        <option key={m} value={m} />
      ))}
    </datalist>
  );
}

// The message for an amount typed in `currency` that cannot be used, or '' when it is fine (or
// empty and `optional`). A sign only when `signed`; 0 only when `zero`.
export function amountProblem(
  text: string,
  currency: string,
  options: { signed?: boolean; optional?: boolean; zero?: boolean } = {},
): string {
  if (!text.trim()) return options.optional ? '' : 'Enter an amount.';
  return moneyProblem(text, currency, options);
}

// A decimal amount in `currency`, the code shown beside it.
export function AmountField(props: {
  label: string;
  name: string;
  value: string;
  currency: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  class?: string;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint} class={props.class}>
      {(a) => (
        <span class="amount-input">
          <input
            {...a}
            name={props.name}
            inputMode="decimal"
            autoComplete="off"
            value={props.value}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
          <span class="amount-input__currency" aria-hidden="true">
            {props.currency}
          </span>
        </span>
      )}
    </Field>
  );
}

function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// An Idempotency-Key per request body: the same body sent again (a retry after a failure) reuses
// its key, so the server records it once; another body, or the next one after a success, gets a
// fresh key.
export function useIdempotencyKey(): { keyFor: (body: unknown) => string; done: () => void } {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: randomKey() };
      return last.current.key;
    },
    done() {
      last.current = null;
    },
  };
}
