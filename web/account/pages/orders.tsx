// The shopper's orders: My orders (newest first, a page at a time, each with its view link and,
// while payment is pending, Pay now), and the order page of a view link (/account/order?id=…&
// token=…), which anyone with the link may open without signing in: the items and totals, nothing
// about the customer.
import { useState } from 'preact/hooks';
import { ApiError, seg } from '../../src/api';
import { ErrorBanner, Link, Loading, Pager } from '../../src/components/ui';
import { formatDate, formatDateTime } from '../../src/format';
import { useResource } from '../../src/hooks';
import { formatMoney } from '../../src/money';
import { BASE } from '../../src/router';
import type { Page } from '../../src/types';
import { store } from '../api';
import { useArea } from '../context';
import { PageTitle } from '../forms';
import type { MyOrder, PublicOrder, StoreOrderStatus, StorePaymentStatus } from '../types';
import '../orders.css';

const kPageSize = 20;

const kStatusLabels: Record<StoreOrderStatus, string> = {
  open: 'Processing',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
};

const kPaymentLabels: Record<StorePaymentStatus, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

// Payment links seen in My orders, for the order page opened from there (the view link itself
// does not carry one).
const paymentLinks = new Map<string, string>();

function StatusBadge({ order: o }: { order: PublicOrder }) {
  return (
    <span class={`badge badge--order-${o.status}`}>{kStatusLabels[o.status] ?? o.status}</span>
  );
}

function PaymentBadge({ order: o }: { order: PublicOrder }) {
  return (
    <span class={`badge badge--pay-${o.payment_status}`} data-payment-status={o.payment_status}>
      {kPaymentLabels[o.payment_status] ?? o.payment_status}
    </span>
  );
}

// The path of this area a view link points at ("/order?id=…&token=…").
function viewPath(o: MyOrder): string {
  if (o.view_url) {
    const url = new URL(o.view_url, window.location.href);
    const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
    return path + url.search;
  }
  return `/order?id=${encodeURIComponent(o.id)}`;
}

export function MyOrdersPage() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const cursor = stack[stack.length - 1] ?? null;
  const list = useResource(
    (signal) =>
      store
        .get<Page<MyOrder>>('/me/orders', { signal, query: { limit: kPageSize, cursor } })
        .then((r) => {
          for (const o of r.data.items) if (o.payment_url) paymentLinks.set(o.id, o.payment_url);
          return r.data;
        }),
    [cursor],
  );
  const items = list.data?.items ?? [];
  return (
    <section class="area-page">
      <PageTitle>My orders</PageTitle>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && <p class="muted">You have no orders yet.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards my-orders" aria-busy={list.loading}>
            <thead>
              <tr>
                <th>Order</th>
                <th>Placed</th>
                <th>Status</th>
                <th>Payment</th>
                <th class="num">Total</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-order={o.number}>
                  <td data-label="Order">
                    <Link to={viewPath(o)}>{o.number}</Link>
                  </td>
                  <td data-label="Placed">
                    <time dateTime={o.placed_at}>{formatDate(o.placed_at)}</time>
                  </td>
                  <td data-label="Status" class="col-status">
                    <StatusBadge order={o} />
                  </td>
                  <td data-label="Payment" class="col-status">
                    <PaymentBadge order={o} />
                  </td>
                  <td data-label="Total" class="num">
                    {formatMoney(o.total, o.currency)}
                  </td>
                  <td class="row-actions">
                    <Link to={viewPath(o)} class="button button--small">
                      View
                    </Link>
                    {o.payment_url && (
                      <a class="button button--small button--primary" href={o.payment_url}>
                        Pay now
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
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
    </section>
  );
}

export function OrderPage({ search }: { search: string }) {
  const { me } = useArea();
  const params = new URLSearchParams(search);
  const id = params.get('id') ?? '';
  const token = params.get('token') ?? '';
  const order = useResource(
    (signal) =>
      id && token
        ? store
            .get<PublicOrder>(`/orders/${seg(id)}`, { signal, query: { token } })
            .then((r) => r.data)
        : Promise.resolve(null),
    [id, token],
  );
  const back = me && (
    <p class="breadcrumb">
      <Link to="/orders">← My orders</Link>
    </p>
  );

  const notFound =
    (order.data === null && !order.loading) ||
    (order.error instanceof ApiError && order.error.status === 404);
  if (notFound) {
    return (
      <section class="area-page">
        {back}
        <PageTitle>Order not found</PageTitle>
        <p>
          The link may be incomplete or wrong. Open it again from the e-mail or message it came in.
        </p>
      </section>
    );
  }
  if (order.error) return <ErrorBanner error={order.error} onRetry={order.reload} />;
  const o = order.data;
  if (!o) return <Loading />;
  const m = (n: number) => formatMoney(n, o.currency);
  const pay = paymentLinks.get(id);
  return (
    <section class="area-page order-page">
      {back}
      <PageTitle>Order {o.number}</PageTitle>
      <p class="order-page__meta">
        Placed <time dateTime={o.placed_at}>{formatDateTime(o.placed_at)}</time>{' '}
        <StatusBadge order={o} /> <PaymentBadge order={o} />
      </p>
      <div class="table-wrap">
        <table class="table order-page__items">
          <caption class="visually-hidden">Items</caption>
          <thead>
            <tr>
              <th>Item</th>
              <th class="num">Quantity</th>
              <th class="num">Price</th>
              <th class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {o.items.map((i, n) => (
              <tr key={n}>
                <td>{i.name}</td>
                <td class="num">{i.quantity}</td>
                <td class="num">{m(i.unit_price)}</td>
                <td class="num">{m(i.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl class="order-page__totals" data-testid="order-totals">
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
        <dt class="order-page__total">Total</dt>
        <dd class="order-page__total">{m(o.total)}</dd>
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
      {pay && o.payment_status === 'pending' && o.due > 0 && o.status !== 'cancelled' && (
        <p>
          <a class="button button--primary" href={pay}>
            Pay now
          </a>
        </p>
      )}
    </section>
  );
}
