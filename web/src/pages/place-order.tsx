// Place order, from a customer's Orders tab: an order taken by phone or entered by hand. The
// number is proposed ("M-" and a short code) and can be changed; products are found in the
// catalog by name or SKU, each with a quantity and a unit price that may be changed; discount,
// shipping and tax; the totals follow as they are typed; a payment taken now is optional. The
// customer's default addresses go with the order unless unticked. Sent with the subtotal and
// total shown, so the server refuses an order whose prices changed meanwhile.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import {
  Checkbox,
  ErrorBanner,
  Field,
  focusProblem,
  FormErrors,
  Loading,
  Modal,
} from '../components/ui';
import { useDebounced, useResource } from '../hooks';
import { formatMoney, parseMoney, toDecimal } from '../money';
import { useApp } from '../session';
import type { Address, Customer, Order, OrderType, Page, Product } from '../types';
import { AmountField, amountProblem, PaymentMethodOptions } from './order-common';

interface Line {
  product: Product;
  quantity: string;
  price: string; // the unit price as typed
}

const kAddressFields = [
  'first_name',
  'last_name',
  'company',
  'line1',
  'line2',
  'city',
  'region',
  'postal_code',
  'country',
  'phone',
] as const;

function snapshot(a: Address | null | undefined): Record<string, string> | undefined {
  if (!a) return undefined;
  const out: Record<string, string> = {};
  for (const k of kAddressFields) if (a[k]) out[k] = a[k];
  return out;
}

// "M-261202-7KQ4": the day and four random letters or digits.
export function proposeOrderNumber(now = new Date()): string {
  const day = now.toISOString().slice(2, 10).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  const code = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `M-${day}-${code}`;
}

function quantityOf(text: string): number | null {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null;
}

export function PlaceOrderDialog(props: {
  customer: Customer;
  onClose: () => void;
  onPlaced: (order: Order) => void;
}) {
  const { settings } = useApp();
  const { customer } = props;
  const [number, setNumber] = useState(proposeOrderNumber);
  const [type, setType] = useState<OrderType>('phone');
  const [lines, setLines] = useState<Line[]>([]);
  const [extra, setExtra] = useState({ discount: '', shipping: '', tax: '' });
  const [paidNow, setPaidNow] = useState('');
  const [paidMethod, setPaidMethod] = useState('');
  const hasAddresses = !!(customer.default_billing_address || customer.default_shipping_address);
  const [withAddresses, setWithAddresses] = useState(hasAddresses);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [checked, setChecked] = useState(false); // show the form's own problems after a submit
  const formRef = useRef<HTMLFormElement>(null);

  const currency = lines[0]?.product.currency ?? settings.currency;
  const amount = (text: string) => parseMoney(text, currency, { zero: true }) ?? 0;
  const lineTotal = (l: Line) => (quantityOf(l.quantity) ?? 0) * amount(l.price);
  const subtotal = lines.reduce((sum, l) => sum + lineTotal(l), 0);
  const total = subtotal - amount(extra.discount) + amount(extra.shipping) + amount(extra.tax);
  const m = (n: number) => formatMoney(n, currency);

  // The form's own problems, by field name as the server names them.
  const problems: Record<string, string> = {};
  if (!number.trim()) problems.number = 'Enter an order number.';
  if (!lines.length) problems.items = 'Add at least one product.';
  lines.forEach((l, i) => {
    if (quantityOf(l.quantity) === null) problems[`items[${i}].quantity`] = 'At least 1.';
    const p = amountProblem(l.price, currency, { zero: true });
    if (p) problems[`items[${i}].unit_price`] = p;
  });
  for (const k of ['discount', 'shipping', 'tax'] as const) {
    const p = amountProblem(extra[k], currency, { optional: true, zero: true });
    if (p) problems[k] = p;
  }
  if (total < 0) problems.discount ??= 'The discount is more than the order.';
  const paidProblem = amountProblem(paidNow, currency, { optional: true, zero: true });
  if (paidProblem) problems['payments[0].amount'] = paidProblem;
  else if (amount(paidNow) > total) problems['payments[0].amount'] = 'At most the total.';

  const fieldError = (name: string) => (checked ? problems[name] : undefined) ?? error?.field(name);

  function add(product: Product) {
    const i = lines.findIndex((l) => l.product.sku === product.sku);
    if (i >= 0) {
      const q = quantityOf(lines[i]!.quantity) ?? 0;
      setLines(lines.map((l, n) => (n === i ? { ...l, quantity: String(q + 1) } : l)));
    } else {
      setLines([
        ...lines,
        { product, quantity: '1', price: toDecimal(product.price, product.currency) },
      ]);
    }
  }

  function setLine(i: number, change: Partial<Line>) {
    setLines(lines.map((l, n) => (n === i ? { ...l, ...change } : l)));
  }

  async function submit(e: Event) {
    e.preventDefault();
    setChecked(true);
    setError(null);
    if (Object.keys(problems).length) {
      setTimeout(() => focusProblem(formRef.current), 0);
      return;
    }
    const body = {
      number: number.trim(),
      customer_id: customer.id,
      type,
      currency,
      items: lines.map((l) => {
        const unit = amount(l.price);
        return {
          sku: l.product.sku,
          quantity: quantityOf(l.quantity),
          ...(unit !== l.product.price ? { unit_price: unit } : {}),
        };
      }),
      discount: amount(extra.discount),
      shipping: amount(extra.shipping),
      tax: amount(extra.tax),
      subtotal,
      total,
      ...(withAddresses
        ? {
            billing_address: snapshot(customer.default_billing_address),
            shipping_address: snapshot(customer.default_shipping_address),
          }
        : {}),
      ...(amount(paidNow) > 0
        ? { payments: [{ amount: amount(paidNow), method: paidMethod.trim() }] }
        : {}),
    };
    setBusy(true);
    try {
      const r = await api.post<Order>('/api/admin/orders', body);
      props.onPlaced(r.data);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
      setTimeout(() => focusProblem(formRef.current), 0);
    }
  }

  // The fields that show their own message; the server's others are listed above the form.
  const shown = [
    ...['number', 'type', 'discount', 'shipping', 'tax', 'payments', 'payments[0]'],
    ...lines.map((_, i) => `items[${i}]`),
  ];
  return (
    <Modal title="Place order" wide class="place-order" onClose={props.onClose}>
      <form ref={formRef} noValidate onSubmit={submit}>
        <FormErrors error={error} fields={shown} />
        <div class="place-order__head">
          <Field
            label="Order number"
            hint="Proposed; change it to your own number if you have one."
            error={fieldError('number')}
          >
            {(a) => (
              <input
                {...a}
                name="number"
                maxLength={64}
                spellcheck={false}
                value={number}
                onInput={(e) => setNumber(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Taken" error={fieldError('type')}>
            {(a) => (
              <select
                {...a}
                name="type"
                value={type}
                onChange={(e) => setType(e.currentTarget.value as OrderType)}
              >
                <option value="phone">By phone</option>
                <option value="manual">Entered by hand</option>
              </select>
            )}
          </Field>
        </div>

        <ProductPicker currency={currency} locked={lines.length > 0} onPick={add} />

        <OrderLines
          lines={lines}
          currency={currency}
          lineTotal={lineTotal}
          error={fieldError('items')}
          fieldError={fieldError}
          onChange={setLine}
          onRemove={(i) => setLines(lines.filter((_, n) => n !== i))}
        />

        <div class="place-order__amounts">
          {(['discount', 'shipping', 'tax'] as const).map((k) => (
            <AmountField
              key={k}
              label={k[0]!.toUpperCase() + k.slice(1)}
              name={k}
              currency={currency}
              value={extra[k]}
              onInput={(v) => setExtra({ ...extra, [k]: v })}
              error={fieldError(k)}
            />
          ))}
        </div>

        <dl class="order-totals place-order__totals" aria-live="polite" data-testid="live-totals">
          <dt>Subtotal</dt>
          <dd>{m(subtotal)}</dd>
          <dt class="order-totals__total">Total</dt>
          <dd class="order-totals__total">{m(total)}</dd>
        </dl>

        <fieldset class="form-section">
          <legend>Paid now (optional)</legend>
          <div class="place-order__amounts">
            <AmountField
              label="Amount paid now"
              name="paid_now"
              currency={currency}
              value={paidNow}
              onInput={setPaidNow}
              error={fieldError('payments[0].amount') ?? error?.field('payments')}
            />
            <Field label="Payment method" error={fieldError('payments[0].method')}>
              {(a) => (
                <input
                  {...a}
                  name="paid_method"
                  list="place-order-methods"
                  maxLength={50}
                  value={paidMethod}
                  onInput={(e) => setPaidMethod(e.currentTarget.value)}
                />
              )}
            </Field>
            <PaymentMethodOptions id="place-order-methods" />
          </div>
        </fieldset>

        {hasAddresses && (
          <Checkbox
            label="Bill and ship to the customer's default addresses"
            hint={
              customer.billing_address_summary ?? customer.shipping_address_summary ?? undefined
            }
            checked={withAddresses}
            onChange={setWithAddresses}
          />
        )}

        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Placing…' : `Place order · ${m(total)}`}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// The catalog searched by name or SKU; a product in another currency than the order's cannot be
// added to it.
function ProductPicker(props: { currency: string; locked: boolean; onPick: (p: Product) => void }) {
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 150);
  const found = useResource(
    (signal) =>
      api
        .get<Page<Product>>('/api/admin/products', { signal, query: { q: query, limit: 8 } })
        .then((r) => r.data.items),
    [query],
  );
  const items = found.data ?? [];
  return (
    <section class="product-picker" aria-labelledby="product-picker-heading">
      <h3 id="product-picker-heading">Products</h3>
      <Field label="Find a product" hint="Name or SKU">
        {(a) => (
          <input
            {...a}
            type="search"
            name="product_search"
            autoComplete="off"
            spellcheck={false}
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        )}
      </Field>
      <ErrorBanner error={found.error} onRetry={found.reload} />
      {!found.data && !found.error && <Loading label="Searching the catalog…" />}
      {found.data && items.length === 0 && (
        <p class="muted">{query ? `No product matches “${query}”.` : 'The catalog is empty.'}</p>
      )}
      {items.length > 0 && (
        <ul class="product-picker__results" aria-busy={found.loading}>
          {items.map((p) => {
            const other = props.locked && p.currency !== props.currency;
            return (
              <li key={p.id}>
                <button
                  type="button"
                  class="button button--small"
                  disabled={other}
                  title={
                    other ? `Priced in ${p.currency}; this order is in ${props.currency}.` : ''
                  }
                  aria-label={`Add ${p.name} (${p.sku})`}
                  onClick={() => props.onPick(p)}
                >
                  Add
                </button>
                <span class="product-picker__name">{p.name}</span>
                <code>{p.sku}</code>
                <span class="product-picker__price">{formatMoney(p.price, p.currency)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function OrderLines(props: {
  lines: Line[];
  currency: string;
  lineTotal: (l: Line) => number;
  error?: string;
  fieldError: (name: string) => string | undefined;
  onChange: (i: number, change: Partial<Line>) => void;
  onRemove: (i: number) => void;
}) {
  const { lines, currency } = props;
  if (!lines.length) {
    return (
      <p class={props.error ? 'field__error' : 'muted'} role={props.error ? 'alert' : undefined}>
        {props.error ?? 'No products yet: find one above and add it.'}
      </p>
    );
  }
  return (
    <table class="table table--compact order-lines">
      <caption class="visually-hidden">Items of the new order</caption>
      <thead>
        <tr>
          <th>Item</th>
          <th>Quantity</th>
          <th>Unit price ({currency})</th>
          <th class="num">Total</th>
          <th>
            <span class="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const base = `items[${i}]`;
          const qError = props.fieldError(`${base}.quantity`);
          const pError = props.fieldError(`${base}.unit_price`);
          const other = props.fieldError(`${base}.sku`) ?? props.fieldError(base);
          return (
            <tr key={l.product.sku} data-sku={l.product.sku}>
              <td>
                {l.product.name} <code>{l.product.sku}</code>
                {other && <p class="field__error">{other}</p>}
              </td>
              <td>
                <input
                  class="input--short"
                  name={`${base}.quantity`}
                  inputMode="numeric"
                  aria-label={`Quantity of ${l.product.name}`}
                  aria-invalid={qError ? 'true' : undefined}
                  value={l.quantity}
                  onInput={(e) => props.onChange(i, { quantity: e.currentTarget.value })}
                />
                {qError && <p class="field__error">{qError}</p>}
              </td>
              <td>
                <input
                  class="input--price"
                  name={`${base}.unit_price`}
                  inputMode="decimal"
                  aria-label={`Unit price of ${l.product.name}`}
                  aria-invalid={pError ? 'true' : undefined}
                  value={l.price}
                  onInput={(e) => props.onChange(i, { price: e.currentTarget.value })}
                />
                {pError && <p class="field__error">{pError}</p>}
              </td>
              <td class="num">{formatMoney(props.lineTotal(l), currency)}</td>
              <td>
                <button
                  type="button"
                  class="button button--small"
                  aria-label={`Remove ${l.product.name}`}
                  onClick={() => props.onRemove(i)}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
