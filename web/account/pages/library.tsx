// The shopper's digital products (My library): one card per product with how it came (bought
// with an order, a gift, added by the store; a bundle's contents say which bundle), when, and the
// product's files with their size and a Download button. Download asks the store for a signed
// link and opens it, which the browser saves as a file (the page stays). A shopper with access to
// every digital product also sees the files of the products not in the library.
import { useState } from 'preact/hooks';
import { ApiError, seg } from '../../src/api';
import { ErrorBanner, Loading } from '../../src/components/ui';
import { formatDate } from '../../src/format';
import { useResource } from '../../src/hooks';
import { store } from '../api';
import { PageTitle } from '../forms';
import type { DownloadLink, LibraryEntry, LibraryFile, MyLibrary } from '../types';
import '../library.css';

// One product of the library: every way the shopper got it, and its files.
interface Shelf {
  product: { id: string; name: string; sku: string; package_type: string | null };
  entries: LibraryEntry[];
  files: LibraryFile[];
  latest: string;
}

const sizes = new Map<string, Intl.NumberFormat>();

// "15 bytes", "1.2 kB", "3.4 MB" (powers of 1000, as the units' names say).
function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const units = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const name = units[unit]!;
  let f = sizes.get(name);
  if (!f) {
    f = new Intl.NumberFormat(undefined, {
      style: 'unit',
      unit: name,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    });
    sizes.set(name, f);
  }
  return f.format(value);
}

function isBundle(type: string | null): boolean {
  return type === 'bundle' || type === 'combo';
}

// The library's products, newest first; a bundle before the products it brought (they share
// its date), which follow by name.
function shelvesOf(library: MyLibrary): Shelf[] {
  const byProduct = new Map<string, Shelf>();
  for (const e of library.items) {
    let shelf = byProduct.get(e.product.id);
    if (!shelf) {
      shelf = { product: e.product, entries: [], files: [], latest: e.granted_at };
      byProduct.set(e.product.id, shelf);
    }
    shelf.entries.push(e);
    if (Date.parse(e.granted_at) > Date.parse(shelf.latest)) shelf.latest = e.granted_at;
  }
  for (const f of library.files) byProduct.get(f.product.id)?.files.push(f);
  const order = [...byProduct.keys()];
  return [...byProduct.values()].sort(
    (a, b) =>
      Date.parse(b.latest) - Date.parse(a.latest) ||
      Number(isBundle(b.product.package_type)) - Number(isBundle(a.product.package_type)) ||
      a.product.name.localeCompare(b.product.name) ||
      order.indexOf(a.product.id) - order.indexOf(b.product.id),
  );
}

// The files of products that are not in the library (a shopper with access to everything).
function othersOf(library: MyLibrary): Array<{ id: string; name: string; files: LibraryFile[] }> {
  const own = new Set(library.items.map((e) => e.product.id));
  const byProduct = new Map<string, { id: string; name: string; files: LibraryFile[] }>();
  for (const f of library.files) {
    if (own.has(f.product.id)) continue;
    let p = byProduct.get(f.product.id);
    if (!p) {
      p = { id: f.product.id, name: f.product.name, files: [] };
      byProduct.set(f.product.id, p);
    }
    p.files.push(f);
  }
  return [...byProduct.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function howAcquired(e: LibraryEntry): string {
  switch (e.method) {
    case 'purchase':
      return e.order ? `Bought with order ${e.order.number}` : 'Bought';
    case 'gift':
      return e.order
        ? `A gift from the store with order ${e.order.number}`
        : 'A gift from the store';
    case 'manual':
      return 'Added by the store';
  }
  return '';
}

const lists = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

// The download of a file went wrong, in the shopper's words.
function downloadProblem(e: unknown): unknown {
  if (e instanceof ApiError && e.status === 404) {
    return new ApiError({
      status: e.status,
      code: e.code,
      detail:
        'This file is no longer available: it is not in your library any more or was removed from the store. The list below is up to date.',
      request_id: e.requestId,
    });
  }
  return e;
}

function FileList(props: {
  label: string;
  files: LibraryFile[];
  busy: string | null;
  onDownload: (f: LibraryFile) => void;
}) {
  return (
    <ul class="library-files" aria-label={props.label}>
      {props.files.map((f) => (
        <li key={f.id} class="library-file" data-file={f.id}>
          <span class="library-file__name break-anywhere">{f.name}</span>
          <span class="library-file__size muted small">{formatBytes(f.size_bytes)}</span>
          <button
            type="button"
            class="button button--small button--primary"
            aria-label={`Download ${f.name}`}
            disabled={props.busy === f.id}
            onClick={() => props.onDownload(f)}
          >
            {props.busy === f.id ? 'Preparing…' : 'Download'}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function LibraryPage() {
  const library = useResource(
    (signal) => store.get<MyLibrary>('/me/library', { signal }).then((r) => r.data),
    [],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download(f: LibraryFile) {
    setBusy(f.id);
    setError(null);
    try {
      const { data } = await store.post<DownloadLink>(`/me/downloads/${seg(f.id)}/link`);
      const url = new URL(data.url, window.location.href);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error('The store sent a download link this page cannot open.');
      }
      // The answer is an attachment: the browser saves it and this page stays.
      window.location.assign(url.href);
    } catch (e) {
      setError(downloadProblem(e));
      if (e instanceof ApiError && e.status === 404) library.reload();
    } finally {
      setBusy(null);
    }
  }

  const data = library.data;
  const shelves = data ? shelvesOf(data) : [];
  const others = data?.all_access ? othersOf(data) : [];
  return (
    <section class="area-page library-page">
      <PageTitle>My library</PageTitle>
      {library.error && !data ? (
        <ErrorBanner error={library.error} onRetry={library.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <ErrorBanner error={error} title="The download did not start." />
          {data.all_access && (
            <p class="banner banner--info library-all-access" data-testid="library-all-access">
              You have access to every digital product in the store.
            </p>
          )}
          {shelves.length === 0 && others.length === 0 ? (
            <div class="empty">
              <p>
                {data.all_access
                  ? 'The store has no files to download yet.'
                  : 'Nothing here yet: digital products you buy appear here.'}
              </p>
            </div>
          ) : (
            shelves.length > 0 && (
              <ul class="library-list" aria-label="Your digital products">
                {shelves.map((s) => {
                  const contents = isBundle(s.product.package_type)
                    ? [
                        ...new Set(
                          data.items
                            .filter((e) => e.via?.sku === s.product.sku)
                            .map((e) => e.product.name),
                        ),
                      ].sort((a, b) => a.localeCompare(b))
                    : [];
                  return (
                    <li key={s.product.id} class="card library-item" data-product={s.product.sku}>
                      <h2 class="library-item__name break-anywhere">{s.product.name}</h2>
                      <ul class="library-item__how">
                        {s.entries.map((e) => (
                          <li key={e.id} data-entry={e.id}>
                            {e.via && (
                              <span class="library-item__via">Included in {e.via.name} · </span>
                            )}
                            {howAcquired(e)} ·{' '}
                            <time dateTime={e.granted_at}>{formatDate(e.granted_at)}</time>
                          </li>
                        ))}
                      </ul>
                      {contents.length > 0 && (
                        <p class="library-item__contents">Includes {lists.format(contents)}.</p>
                      )}
                      {s.files.length > 0 ? (
                        <FileList
                          label={`Files of ${s.product.name}`}
                          files={s.files}
                          busy={busy}
                          onDownload={(f) => void download(f)}
                        />
                      ) : (
                        !contents.length && <p class="muted small">No files to download.</p>
                      )}
                    </li>
                  );
                })}
              </ul>
            )
          )}
          {others.length > 0 && (
            <section class="library-others" aria-labelledby="library-others-heading">
              <h2 id="library-others-heading">
                {shelves.length > 0 ? 'Everything else in the store' : 'Every digital product'}
              </h2>
              <ul class="library-list" aria-label="Other digital products">
                {others.map((p) => (
                  <li key={p.id} class="card library-item" data-product-id={p.id}>
                    <h3 class="library-item__name break-anywhere">{p.name}</h3>
                    <FileList
                      label={`Files of ${p.name}`}
                      files={p.files}
                      busy={busy}
                      onDownload={(f) => void download(f)}
                    />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}
