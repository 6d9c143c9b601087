// A customer's Downloads tab: every download of the customer's files, newest first (each request
// that starts a download or resumes one), with "Load more" over the cursor.
import { useState } from 'preact/hooks';
import { api, seg } from '../api';
import { ErrorBanner, Loading } from '../components/ui';
import { formatDateTime, formatNumber } from '../format';
import { useResource } from '../hooks';
import type { Customer, DownloadRecord, Page } from '../types';
import './library.css';

const kPageSize = 50;

// "900 bytes", "2.5 kB", "1.5 MB" (powers of 1000, as the units' names say).
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  const text = new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[unit]}`;
}

export function DownloadsTab(props: { customer: Customer }) {
  const path = `/api/admin/customers/${seg(props.customer.id)}/downloads`;
  const [cursors, setCursors] = useState<string[]>([]);
  const [items, setItems] = useState<DownloadRecord[]>([]);
  const cursor = cursors[cursors.length - 1];
  const page = useResource(
    async (signal) => {
      const { data } = await api.get<Page<DownloadRecord>>(path, {
        signal,
        query: { limit: kPageSize, cursor },
      });
      setItems((old) => (cursor ? [...old, ...data.items] : data.items));
      return data;
    },
    [path, cursor],
  );

  let body;
  if (page.error && !items.length) {
    body = <ErrorBanner error={page.error} onRetry={page.reload} />;
  } else if (!page.data && !items.length) {
    body = <Loading />;
  } else if (!items.length) {
    body = (
      <p class="empty" data-testid="downloads-empty">
        No downloads yet. Each time the customer downloads a file of the library, it is listed here.
      </p>
    );
  } else {
    body = (
      <>
        <div class="table-wrap">
          <table class="table table--cards downloads-table" aria-label="Downloads">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Product</th>
                <th scope="col">File</th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col">IP address</th>
                <th scope="col">Browser or app</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d, i) => (
                <tr key={`${d.downloaded_at}-${i}`}>
                  <td data-label="Time">
                    <time dateTime={d.downloaded_at}>{formatDateTime(d.downloaded_at)}</time>
                  </td>
                  <td data-label="Product">{d.product.name}</td>
                  <td data-label="File" class="downloads-file">
                    {d.file_name}
                  </td>
                  <td data-label="Size" class="num" data-testid="download-size">
                    <span title={`${formatNumber(d.bytes)} bytes`}>{formatBytes(d.bytes)}</span>
                    {d.range_start > 0 && (
                      <span class="muted small downloads-range">
                        resumed from byte {formatNumber(d.range_start)}
                      </span>
                    )}
                  </td>
                  <td data-label="IP address">{d.ip || '—'}</td>
                  <td data-label="Browser or app" class="downloads-agent">
                    <span title={d.user_agent}>{d.user_agent || '—'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ErrorBanner error={page.error} onRetry={page.reload} />
        {page.data?.next_cursor && (
          <button
            type="button"
            class="button"
            disabled={page.loading}
            onClick={() =>
              page.data?.next_cursor && setCursors([...cursors, page.data.next_cursor])
            }
          >
            {page.loading ? 'Loading…' : 'Load more'}
          </button>
        )}
      </>
    );
  }
  return (
    <div class="downloads">
      <div class="orders__header">
        <h2>Downloads</h2>
      </div>
      {body}
    </div>
  );
}
