// A customer's orders, the profile's Orders tab: newest first, a page at a time. An opened order
// shows its items, totals and addresses, copies its public and payment links, changes its status
// (cancelling after a confirmation) and, for those who handle money, records a payment or a
// refund. Place order (pages/place-order.tsx) adds one for the customer. Also the order figures of
// the profile's header.
import { useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import { ConfirmDialog, ErrorBanner, Loading, Pager } from '../components/ui';
import { formatDate, formatDateTime, fullName, plural } from '../format';
import { useResource } from '../hooks';
import { formatMoney } from '../money';
import { useApp } from '../session';
import type { Customer, Order, OrderStatus, Page } from '../types';
import {
  kOrderStatusLabels,
  kOrderTypeLabels,
  OrderStatusBadge,
  PaymentBadge,
} from './order-common';
import { MoneyForm } from './order-money';
import { PlaceOrderDialog } from './place-order';

const kPageSize = 20;

// "3 orders · $120.00 spent · last order Dec 2, 2026", for the profile's header.
export function OrderSummary({ customer }: { customer: Customer }) {
  const { settings } = useApp();
  if (customer.orders_count === undefined) return null;
  return (
    <span class="order-summary" data-testid="order-summary">
      <strong>{plural(customer.orders_count, 'order')}</strong>
      {' · '}
      <strong>{formatMoney(customer.total_spent ?? 0, settings.currency)}</strong> spent
      {customer.last_order_at && (
        <>
          {' · last order '}
          <time dateTime={customer.last_order_at}>{formatDate(customer.last_order_at)}</time>
        </>
      )}
    </span>
  );
}

export function OrdersTab(props: { customer: Customer; onChanged: () => void }) {
  const { can, notify } = useApp();
  const { customer } = props;
  const path = `/api/admin/customers/${seg(customer.id)}/orders`;
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack[stack.length - 1] ?? null;
  const list = useResource(
    (signal) =>
      api
        .get<Page<Order>>(path, { signal, query: { limit: kPageSize, cursor } })
        .then((r) => r.data),
    [path, cursor],
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);

  function updated(order: Order) {
    if (list.data) {
      list.setData({
        ...list.data,
        items: list.data.items.map((o) => (o.id === order.id ? order : o)),
      });
    }
    props.onChanged();
  }

  const items = list.data?.items ?? [];
  return (
    <div class="orders">
      <div class="orders__header">
        <h2>Orders</h2>
        {can('manage_orders') && customer.status !== 'banned' && (
          <button type="button" class="button button--primary" onClick={() => setPlacing(true)}>
            Place order
          </button>
        )}
      </div>
      {placing && (
        <PlaceOrderDialog
          customer={customer}
          onClose={() => setPlacing(false)}
          onPlaced={(order) => {
            setPlacing(false);
            setOpenId(order.id);
            if (stack.length > 1) setStack([null]);
            else list.reload();
            props.onChanged();
            notify(`Order ${order.number} is placed.`);
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && <p class="muted">No orders yet.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards orders-table" aria-busy={list.loading}>
            <thead>
              <tr>
                <th>Number</th>
                <th>Placed</th>
                <th>Type</th>
                <th>Status</th>
                <th>Payment</th>
                <th class="num">Total</th>
                <th class="num">Due</th>
              </tr>
            </thead>
            {items.map((o) => (
              <OrderRows
                key={o.id}
                order={o}
                open={openId === o.id}
                onToggle={() => setOpenId(openId === o.id ? null : o.id)}
                onUpdated={updated}
              />
            ))}
          </table>
        </div>
      )}
      <Pager
        label="Order pages"
        busy={list.loading}
        hasPrevious={stack.length > 1}
        hasNext={!!list.data?.next_cursor}
        onPrevious={() => setStack(stack.slice(0, -1))}
        onNext={() => list.data?.next_cursor && setStack([...stack, list.data.next_cursor])}
      />
    </div>
  );
}

// One order's row and, when open, the row of its details below.
function OrderRows(props: {
  order: Order;
  open: boolean;
  onToggle: () => void;
  onUpdated: (o: Order) => void;
}) {
  const { order: o, open } = props;
  const detailsId = `order-${o.id}`;
  return (
    <tbody class={open ? 'is-open' : undefined} data-order={o.number}>
      <tr>
        <td data-label="Number" class="col-number">
          <button
            type="button"
            class="link-button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={props.onToggle}
          >
            {o.number}
          </button>
        </td>
        <td data-label="Placed">
          <time dateTime={o.placed_at} title={formatDateTime(o.placed_at)}>
            {formatDate(o.placed_at)}
          </time>
        </td>
        <td data-label="Type">{kOrderTypeLabels[o.type] ?? o.type}</td>
        <td data-label="Status" class="col-status">
          <OrderStatusBadge status={o.status} />
        </td>
        <td data-label="Payment" class="col-status">
          <PaymentBadge status={o.payment_status} />
        </td>
        <td data-label="Total" class="num" data-testid="order-total">
          {formatMoney(o.total, o.currency)}
        </td>
        <td data-label="Due" class="num" data-testid="order-due">
          {formatMoney(o.due, o.currency)}
        </td>
      </tr>
      {open && (
        <tr class="order-details-row">
          <td colSpan={7} id={detailsId}>
            <OrderDetails order={o} onUpdated={props.onUpdated} />
          </td>
        </tr>
      )}
    </tbody>
  );
}

function addressLines(a: Record<string, string> | undefined): string[] {
  if (!a) return [];
  const name = fullName(a.first_name ?? '', a.last_name ?? '');
  const city = [a.postal_code, a.city].filter(Boolean).join(' ');
  return [name, a.company, a.line1, a.line2, city, a.region, a.country, a.phone].filter(
    (l): l is string => !!l,
  );
}

function Address({ title, address }: { title: string; address: Record<string, string> }) {
  const lines = addressLines(address);
  return (
    <div>
      <h3>{title}</h3>
      {lines.length ? (
        <address>
          {lines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </address>
      ) : (
        <p class="muted">None given</p>
      )}
    </div>
  );
}

function OrderDetails({ order: o, onUpdated }: { order: Order; onUpdated: (o: Order) => void }) {
  const { can } = useApp();
  const [money, setMoney] = useState<'payment' | 'refund' | null>(null);
  const m = (n: number) => formatMoney(n, o.currency);
  const refundable = o.paid - o.refunded;
  return (
    <div class="order-details">
      <table class="table table--compact order-items">
        <caption class="visually-hidden">Items of order {o.number}</caption>
        <thead>
          <tr>
            <th>Item</th>
            <th>SKU</th>
            <th class="num">Quantity</th>
            <th class="num">Unit price</th>
            <th class="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {o.items.map((i, n) => (
            <tr key={n}>
              <td data-label="Item">{i.name}</td>
              <td data-label="SKU">
                <code>{i.sku}</code>
              </td>
              <td data-label="Quantity" class="num">
                {i.quantity}
              </td>
              <td data-label="Unit price" class="num">
                {m(i.unit_price)}
              </td>
              <td data-label="Total" class="num">
                {m(i.total)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="order-details__columns">
        <dl class="order-totals" data-testid="order-totals">
          <dt>Subtotal</dt>
          <dd>{m(o.subtotal)}</dd>
          {o.discount > 0 && (
            <>
              <dt>Discount</dt>
              <dd>−{m(o.discount)}</dd>
            </>
          )}
          <dt>Shipping</dt>
          <dd>{m(o.shipping)}</dd>
          <dt>Tax</dt>
          <dd>{m(o.tax)}</dd>
          <dt class="order-totals__total">Total</dt>
          <dd class="order-totals__total">{m(o.total)}</dd>
          <dt>Paid</dt>
          <dd>{m(o.paid)}</dd>
          {o.refunded > 0 && (
            <>
              <dt>Refunded</dt>
              <dd>{m(o.refunded)}</dd>
            </>
          )}
          <dt>Due</dt>
          <dd>{m(o.due)}</dd>
        </dl>
        <Address title="Billing address" address={o.billing_address} />
        <Address title="Shipping address" address={o.shipping_address} />
      </div>
      <p class="muted small">Placed {formatDateTime(o.placed_at)}</p>
      <OrderLinks order={o} />
      {can('manage_orders') && <StatusActions order={o} onUpdated={onUpdated} />}
      {can('manage_money') && (
        <div class="order-money">
          {money ? (
            <MoneyForm
              key={money}
              order={o}
              kind={money}
              onCancel={() => setMoney(null)}
              onRecorded={(next) => {
                setMoney(null);
                onUpdated(next);
              }}
            />
          ) : (
            <div class="order-actions">
              <button
                type="button"
                class="button"
                disabled={o.status === 'cancelled' || o.due <= 0}
                onClick={() => setMoney('payment')}
              >
                Record payment
              </button>
              <button
                type="button"
                class="button"
                disabled={refundable <= 0}
                onClick={() => setMoney('refund')}
              >
                Refund
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

// Copy public link / Copy payment link, with a confirmation; where the browser will not copy,
// the link is shown selected for Ctrl+C.
function OrderLinks({ order: o }: { order: Order }) {
  const [copied, setCopied] = useState('');
  const [manual, setManual] = useState<string | null>(null);
  if (!o.view_url && !o.payment_url) return null;

  async function copy(url: string, what: string) {
    setCopied('');
    try {
      await navigator.clipboard.writeText(url);
      setManual(null);
      setCopied(`${what} copied.`);
    } catch {
      setManual(url);
      setCopied('Copy the link with Ctrl+C.');
    }
  }

  return (
    <div class="order-actions order-links">
      {o.view_url && (
        <button type="button" class="button" onClick={() => copy(o.view_url!, 'Public link')}>
          Copy public link
        </button>
      )}
      {o.payment_url && (
        <button type="button" class="button" onClick={() => copy(o.payment_url!, 'Payment link')}>
          Copy payment link
        </button>
      )}
      <span class="order-links__status" role="status">
        {copied}
      </span>
      {manual && (
        <input
          class="order-links__manual"
          aria-label="Link"
          readOnly
          value={manual}
          ref={(el) => el?.select()}
        />
      )}
    </div>
  );
}

// Open, fulfilled or cancelled; cancelling asks first.
function StatusActions({ order: o, onUpdated }: { order: Order; onUpdated: (o: Order) => void }) {
  const { notify } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

  async function change(status: OrderStatus) {
    setBusy(true);
    setError(null);
    try {
      const r = await api.patch<Order>(
        `/api/admin/orders/${seg(o.id)}`,
        { status },
        { headers: { 'if-match': `"${o.version}"` } },
      );
      setConfirming(false);
      onUpdated(r.data);
      notify(`Order ${o.number} is ${kOrderStatusLabels[status].toLowerCase()}.`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setError(
          new ApiError({
            status: 412,
            code: e.code,
            detail: 'Someone else changed this order just now. Reload the page and try again.',
          }),
        );
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  const choices: OrderStatus[] = ['open', 'fulfilled', 'cancelled'];
  return (
    <div class="order-status">
      <div class="segmented" role="group" aria-label={`Status of order ${o.number}`}>
        {choices.map((s) => (
          <button
            key={s}
            type="button"
            class="button button--small"
            aria-pressed={o.status === s}
            disabled={busy}
            onClick={() => {
              if (o.status === s) return;
              if (s === 'cancelled') setConfirming(true);
              else void change(s);
            }}
          >
            {kOrderStatusLabels[s]}
          </button>
        ))}
      </div>
      {!confirming && <ErrorBanner error={error} />}
      <ConfirmDialog
        open={confirming}
        title={`Cancel order ${o.number}?`}
        confirmLabel="Cancel order"
        danger
        busy={busy}
        error={error}
        onConfirm={() => void change('cancelled')}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
      >
        <p>
          A cancelled order no longer counts in the customer's orders and total spent, and takes no
          payments.
        </p>
      </ConfirmDialog>
    </div>
  );
}
