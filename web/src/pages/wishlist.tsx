// A customer's Wishlist tab: what the customer wished for, open, bought (with the order) or
// taken off the list, and how many wishes turned into purchases.
import { api, seg } from '../api';
import { ErrorBanner, Loading } from '../components/ui';
import { formatDate, formatNumber } from '../format';
import { useResource } from '../hooks';
import { formatMoney } from '../money';
import type { Customer, CustomerWishlist, WishState } from '../types';
import './library.css';

const kWishStateLabels: Record<WishState, string> = {
  open: 'Open',
  purchased: 'Purchased',
  removed: 'Removed',
};

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

// 0.333 → "33%".
export function formatRate(rate: number): string {
  return percent.format(Number.isFinite(rate) ? rate : 0);
}

export function WishlistTab(props: { customer: Customer }) {
  const path = `/api/admin/customers/${seg(props.customer.id)}/wishlist`;
  const list = useResource(
    (signal) => api.get<CustomerWishlist>(path, { signal }).then((r) => r.data),
    [path],
  );
  const w = list.data;
  return (
    <div class="wishlist">
      <div class="orders__header">
        <h2>Wishlist</h2>
      </div>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!w && !list.error && <Loading />}
      {w && w.items.length === 0 && <p class="empty">Nothing on the wishlist yet.</p>}
      {w && w.items.length > 0 && (
        <>
          <p class="wishlist__summary" data-testid="wishlist-summary">
            <strong>{formatNumber(w.wished)}</strong> wished ·{' '}
            <strong>{formatNumber(w.purchased)}</strong> purchased · conversion{' '}
            <strong>{formatRate(w.conversion_rate)}</strong>
          </p>
          <div class="table-wrap">
            <table class="table table--cards wishlist-table" aria-label="Wishlist">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" class="num">
                    Price
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">Added</th>
                </tr>
              </thead>
              <tbody>
                {w.items.map((i) => (
                  <tr key={i.id} data-wish-id={i.id} data-sku={i.product.sku}>
                    <td data-label="Product">
                      {i.product.name} <code>{i.product.sku}</code>
                    </td>
                    <td data-label="Price" class="num">
                      {formatMoney(i.product.price, i.product.currency)}
                    </td>
                    <td data-label="State" class="col-status" data-testid="wish-state">
                      <span class={`badge badge--wish-${i.state}`}>
                        {kWishStateLabels[i.state] ?? i.state}
                      </span>
                      {i.state === 'purchased' && (
                        <span class="muted small wish-detail">
                          {i.order ? `with order ${i.order.number}` : 'bought'}
                          {i.purchased_at && ` · ${formatDate(i.purchased_at)}`}
                        </span>
                      )}
                      {i.state === 'removed' && i.removed_at && (
                        <span class="muted small wish-detail">
                          removed {formatDate(i.removed_at)}
                        </span>
                      )}
                    </td>
                    <td data-label="Added">
                      <time dateTime={i.added_at}>{formatDate(i.added_at)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
