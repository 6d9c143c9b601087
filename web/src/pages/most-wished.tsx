// Most wished, store-wide: the products on customers' wishlists, most wished first, with how
// many are on a wishlist now, how many were bought, and the share of wishes that became a
// purchase.
import { api } from '../api';
import { ErrorBanner, Loading, PageHeader } from '../components/ui';
import { formatNumber } from '../format';
import { useResource } from '../hooks';
import type { MostWishedProduct } from '../types';
import { formatRate } from './wishlist';
import './library.css';

const kLimit = 100;

export function MostWishedPage() {
  const list = useResource(
    (signal) =>
      api
        .get<{ items: MostWishedProduct[] }>('/api/admin/wishlist/products', {
          signal,
          query: { limit: kLimit },
        })
        .then((r) => r.data.items),
    [],
  );
  const items = list.data ?? [];
  return (
    <section>
      <PageHeader title="Most wished" />
      <p class="muted">
        Products on customers' wishlists, most wished first. A wish counts as purchased once the
        customer orders the product.
      </p>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && <p class="empty">No product is on a wishlist yet.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards most-wished-table" aria-label="Most wished products">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">SKU</th>
                <th scope="col" class="num">
                  Wished
                </th>
                <th scope="col" class="num">
                  On wishlists now
                </th>
                <th scope="col" class="num">
                  Purchased
                </th>
                <th scope="col" class="num">
                  Conversion
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.product.id} data-sku={p.product.sku}>
                  <td data-label="Product">{p.product.name}</td>
                  <td data-label="SKU">
                    <code>{p.product.sku}</code>
                  </td>
                  <td data-label="Wished" class="num" data-testid="wished">
                    {formatNumber(p.wished)}
                  </td>
                  <td data-label="On wishlists now" class="num" data-testid="open">
                    {formatNumber(p.open)}
                  </td>
                  <td data-label="Purchased" class="num" data-testid="purchased">
                    {formatNumber(p.purchased)}
                  </td>
                  <td data-label="Conversion" class="num" data-testid="conversion">
                    {formatRate(p.conversion_rate)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length >= kLimit && <p class="muted small">The {kLimit} most wished products.</p>}
    </section>
  );
}
