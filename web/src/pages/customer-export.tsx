// Export… on the customer list: the customers the list shows now (its search, filters, filter or
// segment, and sort) or the rows chosen on it, as CSV, XLSX, PDF or HTML, with the columns the owner picks. The
// same dialog exports the wallet history and the audit log with their filters (`source`). The
// export runs as a job on the server (POST /api/admin/exports); the dialog follows its progress
// and offers the file once it is written. The Jobs page keeps the download for 7 days.
import { useState } from 'preact/hooks';
import { api, type Query } from '../api';
import { JobProgress } from '../components/job-progress';
import { ErrorBanner, Link, Loading, Modal } from '../components/ui';
import { formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import type { CustomerExportResult, Job } from '../types';

interface ExportColumn {
  key: string;
  label: string;
  default: boolean;
}

type Format = 'csv' | 'xlsx' | 'pdf' | 'html';

export type ExportSource = 'customers' | 'wallet' | 'audit';

// A page's query as an export's filter: its set values, as text.
export function exportFilterOf(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  }
  return out;
}

// What each source calls itself: the dialog's title, one row, and its rows.
const kSources: Record<ExportSource, { title: string; one: string; many: string }> = {
  customers: { title: 'Export customers', one: 'customer', many: 'customers' },
  wallet: { title: 'Export the wallet history', one: 'entry', many: 'entries' },
  audit: { title: 'Export the audit log', one: 'event', many: 'events' },
};

function formatsOf(source: ExportSource): [Format, string, string][] {
  const one = kSources[source].one;
  return [
    [
      'csv',
      'CSV',
      source === 'customers'
        ? 'for other systems; imports back into Clientele'
        : 'for other systems',
    ],
    ['xlsx', 'Excel (XLSX)', 'for spreadsheets, with numbers as numbers'],
    ['pdf', 'PDF', `pages to print, one line per ${one}`],
    ['html', 'HTML', 'a table to read in a browser or share'],
  ];
}

const kFormatNames: Record<Format, string> = {
  csv: 'a CSV file',
  xlsx: 'an Excel file',
  pdf: 'a PDF',
  html: 'an HTML file',
};

export function ExportDialog(props: {
  // What to export; customers unless told.
  source?: ExportSource;
  // The list's parameters as its GET route takes them (empty values left out).
  filter: Record<string, string>;
  // How many customers the list matches, when known.
  matching: string;
  // The segment the list shows, by name.
  segmentName?: string;
  chosen: string[];
  onClose: () => void;
}) {
  const source = props.source ?? 'customers';
  const names = kSources[source];
  const columns = useResource(
    (signal) =>
      api
        .get<{ items: ExportColumn[] }>('/api/admin/exports/columns', {
          signal,
          query: { source },
        })
        .then((r) => r.data.items),
    [source],
  );
  const [format, setFormat] = useState<Format>('csv');
  const [which, setWhich] = useState<'chosen' | 'list'>(props.chosen.length ? 'chosen' : 'list');
  const [picked, setPicked] = useState<Set<string> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<Job | null>(null);

  const all = columns.data ?? [];
  const chosenColumns = picked ?? new Set(all.filter((c) => c.default).map((c) => c.key));

  function toggle(key: string) {
    const next = new Set(chosenColumns);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setPicked(next);
  }

  async function start(e: Event) {
    e.preventDefault();
    if (chosenColumns.size === 0) {
      setError(new Error('Choose at least one column.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = {
        source,
        format,
        // In the order the server lists them, which is the order of a full export.
        columns: all.filter((c) => chosenColumns.has(c.key)).map((c) => c.key),
      };
      if (which === 'chosen') body.ids = props.chosen;
      else body.filter = props.filter;
      const { data } = await api.post<Job>('/api/admin/exports', body);
      setJob(data);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={names.title} wide onClose={props.onClose}>
      {job ? (
        <>
          <JobProgress
            key={job.id}
            job={job}
            title={`Writing ${kFormatNames[format]}`}
            unit={names.many}
            canCancel
            result={(j) => <ExportResult job={j} one={names.one} many={names.many} />}
          />
          <p class="muted small">
            The file is kept for 7 days on the <Link to="/jobs?kind=customer_export">Jobs</Link>{' '}
            page.
          </p>
          <div class="dialog__actions">
            <button type="button" class="button" onClick={props.onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={start} noValidate>
          {error ? <ErrorBanner error={error} /> : null}
          {source === 'customers' ? (
            <fieldset class="choice-group">
              <legend class="choice-group__legend">Customers</legend>
              {props.chosen.length > 0 && (
                <label class="radio">
                  <input
                    type="radio"
                    name="which"
                    checked={which === 'chosen'}
                    onChange={() => setWhich('chosen')}
                  />{' '}
                  The {plural(props.chosen.length, 'chosen customer')}
                </label>
              )}
              <label class="radio">
                <input
                  type="radio"
                  name="which"
                  checked={which === 'list'}
                  onChange={() => setWhich('list')}
                />{' '}
                {`All ${props.matching || 'customers'} the list shows, `}
                {props.segmentName
                  ? `in the segment “${props.segmentName}”, with its search and filters`
                  : 'with its search and filters'}
              </label>
            </fieldset>
          ) : (
            <p>
              {`All ${props.matching || names.many} the page shows, with its filters, newest first.`}
            </p>
          )}
          <fieldset class="choice-group">
            <legend class="choice-group__legend">Format</legend>
            {formatsOf(source).map(([value, label, hint]) => (
              <label class="radio" key={value}>
                <input
                  type="radio"
                  name="format"
                  value={value}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />{' '}
                {label} <span class="muted small">— {hint}</span>
              </label>
            ))}
          </fieldset>
          <fieldset class="choice-group">
            <legend class="choice-group__legend">
              Columns{' '}
              <span class="muted small">
                ({formatNumber(chosenColumns.size)} of {formatNumber(all.length)})
              </span>
            </legend>
            {columns.error ? <ErrorBanner error={columns.error} onRetry={columns.reload} /> : null}
            {!columns.data && !columns.error && <Loading />}
            <div>
              <button type="button" class="button button--link" onClick={() => setPicked(null)}>
                Default columns
              </button>
              <button
                type="button"
                class="button button--link"
                onClick={() => setPicked(new Set(all.map((c) => c.key)))}
              >
                All
              </button>
              <button
                type="button"
                class="button button--link"
                onClick={() => setPicked(new Set())}
              >
                None
              </button>
            </div>
            <div class="checks">
              {all.map((c) => (
                <label class="checkbox" key={c.key}>
                  <input
                    type="checkbox"
                    name="column"
                    value={c.key}
                    checked={chosenColumns.has(c.key)}
                    onChange={() => toggle(c.key)}
                  />{' '}
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="dialog__actions">
            <button type="button" class="button" onClick={props.onClose}>
              Cancel
            </button>
            <button type="submit" class="button button--primary" disabled={busy || !columns.data}>
              {busy ? 'Starting…' : 'Export'}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

function ExportResult(props: { job: Job; one: string; many: string }) {
  const r = props.job.result as Partial<CustomerExportResult>;
  if (props.job.state !== 'succeeded' || typeof r.download !== 'string') return null;
  return (
    <p>
      {plural(r.rows ?? 0, props.one, props.many)} written.{' '}
      <a class="button button--primary" href={r.download} download={r.file_name}>
        Download {r.file_name}
      </a>
    </p>
  );
}
