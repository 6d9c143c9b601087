// The shopper's wishlist (My wishlist): the products wished for, newest first, each with its
// price and the day it was added and a Remove button; the ones bought since are marked Bought
// with the order. "Add a product" searches the store's catalog as one types (name or SKU) and
// adds the product picked.
import { useRef, useState } from 'preact/hooks';
import { ApiError, seg } from '../../src/api';
import { ErrorBanner, Field, Loading } from '../../src/components/ui';
import { formatDate, plural } from '../../src/format';
import { useDebounced, useResource } from '../../src/hooks';
import { formatMoney } from '../../src/money';
import { store } from '../api';
import { useArea } from '../context';
import { PageTitle } from '../forms';
import type { StoreProduct, Wish } from '../types';
import '../library.css';

const kResults = 8;

// A problem of removing a product, in the shopper's words.
function removeProblem(e: unknown): unknown {
  if (e instanceof ApiError && e.status === 404) {
    return new ApiError({
      status: e.status,
      code: e.code,
      detail: 'This product was no longer on your wishlist (removed in another window?).',
      request_id: e.requestId,
    });
  }
  return e;
}

function ProductSearch(props: {
  wished: Set<string>;
  busy: string | null;
  onPick: (p: StoreProduct) => Promise<boolean>;
}) {
  const [q, setQ] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const query = useDebounced(q.trim(), 200);
  const found = useResource(
    (signal) =>
      query
        ? store
            .get<{ items: StoreProduct[] }>('/products', {
              signal,
              query: { q: query, limit: kResults },
            })
            .then((r) => ({ query, items: r.data.items }))
        : Promise.resolve({ query, items: [] as StoreProduct[] }),
    [query],
  );
  // The results of the latest answered search (while the next one loads, marked busy).
  const shown = q.trim() && query && found.data?.query ? found.data : null;
  const items = shown?.items ?? [];
  return (
    <section class="card wish-search" aria-labelledby="wish-search-heading">
      <h2 id="wish-search-heading">Add a product</h2>
      <form role="search" aria-label="Find a product" onSubmit={(e) => e.preventDefault()}>
        <Field label="Find a product" hint="Type a product's name or SKU.">
          {(a) => (
            <input
              {...a}
              ref={input}
              type="search"
              name="product_search"
              autoComplete="off"
              spellcheck={false}
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          )}
        </Field>
      </form>
      <ErrorBanner error={found.error} onRetry={found.reload} />
      <p class="visually-hidden" role="status">
        {shown
          ? items.length
            ? `${plural(items.length, 'product')} found.`
            : 'No product found.'
          : ''}
      </p>
      {q.trim() && !shown && !found.error && <Loading label="Searching…" />}
      {shown && (
        <div class="wish-search__results" data-loaded-query={shown.query}>
          {items.length === 0 ? (
            <p class="muted">No product matches “{shown.query}”.</p>
          ) : (
            <ul aria-label="Products found" aria-busy={found.loading}>
              {items.map((p) => (
                <li key={p.id} class="wish-search__result">
                  <span class="wish-search__name break-anywhere">{p.name}</span>
                  <span class="muted small">{formatMoney(p.price, p.currency)}</span>
                  {props.wished.has(p.id) ? (
                    <span class="muted small wish-search__on">On your wishlist</span>
                  ) : (
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={`Add ${p.name} to your wishlist`}
                      disabled={props.busy !== null}
                      onClick={() =>
                        void props.onPick(p).then((added) => {
                          if (!added) return;
                          setQ('');
                          input.current?.focus();
                        })
                      }
                    >
                      {props.busy === p.id ? 'Adding…' : 'Add'}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

export function WishlistPage() {
  const { notify } = useArea();
  const list = useResource(
    (signal) => store.get<{ items: Wish[] }>('/me/wishlist', { signal }).then((r) => r.data.items),
    [],
  );
  // The product being added or the item being removed.
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const items = list.data ?? [];
  const open = items.filter((w) => w.state === 'open');
  const bought = items.filter((w) => w.state === 'purchased');
  const wished = new Set(open.map((w) => w.product.id));

  async function add(p: StoreProduct): Promise<boolean> {
    setBusy(p.id);
    setError(null);
    try {
      const { data } = await store.post<Wish>('/me/wishlist', { product: p.id });
      list.setData([data, ...items.filter((w) => w.id !== data.id)]);
      notify(`${data.product.name} is on your wishlist.`);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function remove(w: Wish) {
    setBusy(w.id);
    setError(null);
    try {
      await store.del(`/me/wishlist/${seg(w.id)}`);
      list.setData(items.filter((i) => i.id !== w.id));
      notify(`${w.product.name} is off your wishlist.`);
      heading.current?.focus();
    } catch (e) {
      setError(removeProblem(e));
      if (e instanceof ApiError && e.status === 404) list.reload();
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="area-page wishlist-page">
      <PageTitle>My wishlist</PageTitle>
      <ProductSearch wished={wished} busy={busy} onPick={add} />
      <ErrorBanner error={error} />
      <h2 id="wishlist-heading" ref={heading} tabIndex={-1} class="wishlist-heading">
        Products you wished for
      </h2>
      {list.error && !list.data ? (
        <ErrorBanner error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <div class="empty">
          <p>Nothing on your wishlist yet: find a product above to add it.</p>
        </div>
      ) : (
        <ul class="wish-list" aria-labelledby="wishlist-heading">
          {[...open, ...bought].map((w) => (
            <li key={w.id} class="card wish" data-wish={w.id} data-state={w.state}>
              {w.product.image_url && (
                <img
                  class="wish__image"
                  src={w.product.image_url}
                  alt=""
                  width={48}
                  height={48}
                  loading="lazy"
                />
              )}
              <div class="wish__body">
                <h3 class="wish__name break-anywhere">{w.product.name}</h3>
                <p class="wish__meta muted small">
                  {formatMoney(w.product.price, w.product.currency)} · Added{' '}
                  <time dateTime={w.added_at}>{formatDate(w.added_at)}</time>
                </p>
                {w.state === 'purchased' && (
                  <p class="wish__bought">
                    <span class="badge badge--bought">Bought</span>{' '}
                    {w.order ? `with order ${w.order.number}` : ''}
                    {w.purchased_at && (
                      <>
                        {' on '}
                        <time dateTime={w.purchased_at}>{formatDate(w.purchased_at)}</time>
                      </>
                    )}
                  </p>
                )}
              </div>
              {w.state === 'open' && (
                <button
                  type="button"
                  class="button button--small button--danger-outline wish__remove"
                  aria-label={`Remove ${w.product.name}`}
                  disabled={busy === w.id}
                  onClick={() => void remove(w)}
                >
                  {busy === w.id ? 'Removing…' : 'Remove'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
