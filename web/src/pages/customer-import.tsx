// Import customers, in three steps on one page. 1. Choose a file: a CSV file, chosen or dropped,
// is uploaded in parts of 4 MiB (POST /api/admin/imports/files, then …/parts at the offset
// received so far), so a file of any size passes the server's body limit and a part lost on the
// network is sent again; the last part answers with what the file was read as (the platform that
// wrote it, the separator, each column's target or why it is not imported, the first rows).
// 2. Columns: what each column fills, preset from that plan, "Custom field…" for a custom field
// the owner names; how existing customers are found; all or nothing. 3. Results: "Check the
// file" (a dry run) or "Import" starts a job (POST /api/admin/imports) whose progress, counts and
// error report (a CSV of row, column, value and message) are shown; after a dry run, Import
// applies the file with the same columns and options. The choices stay when a request fails.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, isAbort, seg } from '../api';
import { isJobFinished, JobProgress, resultLink } from '../components/job-progress';
import { Checkbox, ErrorBanner, FormErrors, Link, Loading, PageHeader } from '../components/ui';
import { formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import type { CustomerImportResult, ImportFile, ImportTarget, Job } from '../types';
import { formatBytes } from './downloads';
import './customer-import.css';

// Parts of 4 MiB: well under the server's 8 MiB body limit.
const kPartBytes = 4 * 1024 * 1024;
// A part that fails on the network is sent again this many times before the upload stops.
const kNetworkRetries = 3;
// The select's value for "Custom field…", and the prefix of a custom field's target.
const kCustom = 'custom_fields.';
// How many sample values a column shows, and how long each may be.
const kSampleValues = 2;
const kSampleChars = 40;

type MatchBy = 'email' | 'id';

// What one column of the file fills: a target key ("" for none, kCustom for a custom field
// whose name is typed in `custom`).
interface Choice {
  target: string;
  custom: string;
}

type Upload =
  | { state: 'none' }
  | { state: 'sending'; file: File; partial: ImportFile | null }
  | { state: 'stopped'; file: File; partial: ImportFile | null; error: unknown }
  | { state: 'done'; file: File; info: ImportFile };

// The job started from this page, and whether it was a dry run.
interface Run {
  job: Job;
  dryRun: boolean;
}

const kSeparatorNames: Record<string, string> = {
  ',': 'Comma (,)',
  ';': 'Semicolon (;)',
};

function choiceOf(target: string): Choice {
  return target.startsWith(kCustom)
    ? { target: kCustom, custom: target.slice(kCustom.length) }
    : { target, custom: '' };
}

function targetOf(choice: Choice): string {
  return choice.target === kCustom ? kCustom + choice.custom.trim() : choice.target;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      window.clearTimeout(timer);
      reject(new DOMException('The upload was stopped.', 'AbortError'));
    });
  });
}

// Sends `file` from where `partial` left off (from the start when null), part by part, and
// returns the complete file; `onPart` sees every answer. A part that fails on the network is
// sent again at the same offset (the server takes a repeated part once), a little later each
// time; when the server has more of the file than the last answer said, the upload goes on from
// what it has.
async function uploadParts(
  file: File,
  partial: ImportFile | null,
  onPart: (f: ImportFile) => void,
  signal: AbortSignal,
): Promise<ImportFile> {
  let current = partial;
  let failures = 0;
  for (;;) {
    const offset = current?.size ?? 0;
    const end = Math.min(file.size, offset + kPartBytes);
    const final = end >= file.size;
    const part = file.slice(offset, end, 'text/csv');
    try {
      const { data } = current
        ? await api.post<ImportFile>(`/api/admin/imports/files/${seg(current.id)}/parts`, part, {
            signal,
            query: { offset, final },
          })
        : await api.post<ImportFile>('/api/admin/imports/files', part, {
            signal,
            query: { final },
          });
      failures = 0;
      current = data;
      onPart(data);
      if (data.complete) return data;
    } catch (e) {
      if (isAbort(e)) throw e;
      const problem = asApiError(e);
      if (current && (problem.code === 'wrong_offset' || problem.code === 'upload_complete')) {
        const { data } = await api.get<ImportFile>(`/api/admin/imports/files/${seg(current.id)}`, {
          signal,
        });
        if (data.complete) {
          onPart(data);
          return data;
        }
        if (data.size === offset) throw problem; // nothing to go on from
        current = data;
        onPart(data);
        continue;
      }
      if (problem.status !== 0 || failures >= kNetworkRetries) throw problem;
      failures += 1;
      await sleep(1000 * 2 ** (failures - 1), signal);
    }
  }
}

// "120 new, 30 updated, 5 unchanged, 2 skipped (errors)".
export function importCounts(r: Partial<CustomerImportResult>): string {
  const n = (v: number | undefined) => formatNumber(v ?? 0);
  return (
    `${n(r.created)} new, ${n(r.updated)} updated, ${n(r.unchanged)} unchanged, ` +
    `${n(r.skipped)} skipped (errors)`
  );
}

function summaryLead(job: Job, dryRun: boolean): string {
  const phase = (job.result as Partial<CustomerImportResult>).phase;
  if (!isJobFinished(job)) return phase === 'check' ? 'Checking every row first:' : 'So far:';
  if (job.state === 'succeeded') return dryRun ? 'Dry run:' : 'Imported:';
  if (job.state === 'cancelled') {
    return dryRun ? 'Checked before it stopped:' : 'Imported before it stopped:';
  }
  return 'Found:';
}

// What an import job found: the counts, the rows read, and the error report once it has finished.
function ImportSummary(props: { job: Job; dryRun: boolean }) {
  const { job, dryRun } = props;
  const r = job.result as Partial<CustomerImportResult>;
  const finished = isJobFinished(job);
  if (typeof r.rows !== 'number' || r.phase === 'count') {
    return finished ? null : <p class="muted">Counting the rows of the file…</p>;
  }
  const report = finished && (r.errors ?? 0) > 0 ? resultLink(r.errors_download) : null;
  return (
    <div class="import-summary">
      <p data-testid="import-summary">
        <strong>{summaryLead(job, dryRun)}</strong> {importCounts(r)}
      </p>
      <p class="muted small">
        {plural(r.rows, 'row')} read.
        {finished && job.state === 'succeeded' && dryRun && ' Nothing was changed yet.'}
      </p>
      {report && (
        <p class="import-summary__report">
          <a class="button button--small" href={report} download="">
            Download the error report (CSV)
          </a>{' '}
          <span class="muted small">
            {plural(r.errors ?? 0, 'error')}, one line each: the row (the header is row 1), the
            column, the value and what is wrong.
          </span>
        </p>
      )}
    </div>
  );
}

// Only for roles that may import (the app shows "No access" to the others).
export function CustomerImportPage() {
  const targets = useResource(
    (signal) =>
      api
        .get<{ items: ImportTarget[] }>('/api/admin/imports/targets', { signal })
        .then((r) => r.data.items),
    [],
  );
  const [upload, setUpload] = useState<Upload>({ state: 'none' });
  const [dragging, setDragging] = useState(false);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [matchBy, setMatchBy] = useState<MatchBy>('email');
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<number, string>>({});
  const [startError, setStartError] = useState<ApiError | null>(null);
  // Where the failed start was asked for: the columns step or the results (Import after a dry run).
  const [errorAt, setErrorAt] = useState<'columns' | 'results'>('columns');
  // The start asked for, until the server has answered.
  const [starting, setStarting] = useState<'check' | 'import' | null>(null);
  const [run, setRun] = useState<Run | null>(null);

  const uploadControl = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const columnsForm = useRef<HTMLFormElement>(null);
  const columnsHeading = useRef<HTMLHeadingElement>(null);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const fileInputId = useId();
  const dropHintId = useId();

  useEffect(() => () => uploadControl.current?.abort(), []);

  const info = upload.state === 'done' ? upload.info : null;
  const columns = info?.columns ?? [];
  const jobRunning = run !== null && !isJobFinished(run.job);
  const sending = upload.state === 'sending';
  // The columns are read-only while a job started from them is shown.
  const locked = run !== null;

  async function send(file: File, partial: ImportFile | null) {
    uploadControl.current?.abort();
    const controller = new AbortController();
    uploadControl.current = controller;
    setUpload({ state: 'sending', file, partial });
    let last = partial;
    try {
      const done = await uploadParts(
        file,
        partial,
        (f) => {
          last = f;
          if (!controller.signal.aborted) setUpload({ state: 'sending', file, partial: f });
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setChoices((done.columns ?? []).map((c) => choiceOf(c.target)));
      setLocalErrors({});
      setStartError(null);
      setUpload({ state: 'done', file, info: done });
    } catch (e) {
      if (controller.signal.aborted || isAbort(e)) return;
      setUpload({ state: 'stopped', file, partial: last, error: e });
    }
  }

  function choose(file: File | undefined) {
    if (!file || sending || jobRunning) return;
    setRun(null);
    setStartError(null);
    void send(file, null);
  }

  function stopUpload() {
    uploadControl.current?.abort();
    uploadControl.current = null;
    setUpload({ state: 'none' });
    if (fileInput.current) fileInput.current.value = '';
  }

  function startOver() {
    stopUpload();
    setRun(null);
    setChoices([]);
    setLocalErrors({});
    setStartError(null);
    setTimeout(() => fileInput.current?.focus(), 0);
  }

  function changeColumns() {
    setRun(null);
    setTimeout(() => columnsHeading.current?.focus(), 0);
  }

  function setChoice(i: number, choice: Choice) {
    setChoices((all) => all.map((c, j) => (j === i ? choice : c)));
    if (localErrors[i]) {
      const rest = { ...localErrors };
      delete rest[i];
      setLocalErrors(rest);
    }
  }

  async function start(dryRun: boolean, from: 'columns' | 'results') {
    if (!info) return;
    const missing: Record<number, string> = {};
    choices.forEach((c, i) => {
      if (c.target === kCustom && !c.custom.trim()) missing[i] = 'Type the custom field’s name.';
    });
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0) {
      setStartError(null);
      setTimeout(() => columnsForm.current?.querySelector<HTMLElement>('[aria-invalid]')?.focus());
      return;
    }
    setStarting(dryRun ? 'check' : 'import');
    setStartError(null);
    try {
      const { data } = await api.post<Job>('/api/admin/imports', {
        file_id: info.id,
        mapping: choices.map(targetOf),
        dry_run: dryRun,
        all_or_nothing: allOrNothing,
        match_by: matchBy,
      });
      setRun({ job: data, dryRun });
      setTimeout(() => resultsHeading.current?.focus(), 0);
    } catch (e) {
      const problem = asApiError(e);
      setStartError(problem);
      // A problem with the columns is shown beside them, so they open again to be fixed.
      const onColumns = from === 'columns' || problem.errors.length > 0;
      setErrorAt(onColumns ? 'columns' : 'results');
      if (onColumns) {
        setRun(null);
        setTimeout(() => {
          const form = columnsForm.current;
          const target =
            form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
            form?.querySelector<HTMLElement>('[role="alert"]');
          if (target && !target.matches('select, input, button')) target.tabIndex = -1;
          target?.focus();
        }, 0);
      }
    } finally {
      setStarting(null);
    }
  }

  const imported = choices.filter((c) => targetOf(c) !== '' && targetOf(c) !== kCustom).length;
  const columnFields = columns.map((_, i) => `mapping[${i}]`);
  const result = run ? (run.job.result as Partial<CustomerImportResult>) : null;
  const targetList = targets.data;

  return (
    <section class="import-page">
      <PageHeader title="Import customers">
        <Link to="/jobs?kind=customer_import" class="button">
          Past imports
        </Link>
      </PageHeader>
      <p class="muted">
        Bring your customers over from another shop, or update them from a spreadsheet. Check the
        file first: a dry run reads every row and tells what would change, without changing
        anything.
      </p>

      <section class="card import-step" aria-labelledby="import-step-file">
        <h2 id="import-step-file">1. Choose a file</h2>
        <div
          class={`import-drop${dragging ? ' import-drop--over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            if (e.dataTransfer) e.dataTransfer.dropEffect = sending || jobRunning ? 'none' : 'copy';
            setDragging(true);
          }}
          onDragLeave={(e) => {
            const to = e.relatedTarget as Node | null;
            if (!to || !e.currentTarget.contains(to)) setDragging(false);
          }}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer?.files[0]);
          }}
        >
          <label for={fileInputId} class="import-drop__label">
            CSV file
          </label>
          <input
            ref={fileInput}
            id={fileInputId}
            type="file"
            name="file"
            accept=".csv,text/csv"
            disabled={sending || jobRunning}
            aria-describedby={dropHintId}
            onChange={(e) => choose(e.currentTarget.files?.[0])}
          />
          <p class="field__hint" id={dropHintId}>
            Choose the file or drop it here: an export of customers from Shopify, Magento 2 or
            WooCommerce, a Clientele export, or your own file with a header row. Any size.
          </p>
        </div>

        {upload.state === 'sending' && (
          <UploadProgress file={upload.file} sent={upload.partial?.size ?? 0} onStop={stopUpload} />
        )}
        {upload.state === 'stopped' && (
          <>
            <UploadProgress file={upload.file} sent={upload.partial?.size ?? 0} stopped />
            <ErrorBanner
              title="The upload stopped:"
              error={upload.error}
              onRetry={() => void send(upload.file, upload.partial)}
            />
          </>
        )}
        {info && upload.state === 'done' && <FileFacts file={upload.file} info={info} />}
      </section>

      {info && columns.length > 0 && (
        <form
          ref={columnsForm}
          class="card import-step"
          aria-labelledby="import-step-columns"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void start(true, 'columns');
          }}
        >
          <h2 id="import-step-columns" ref={columnsHeading} tabIndex={-1}>
            2. Columns
          </h2>
          <p class="muted">
            What each column of the file fills in Clientele. The file’s own columns are chosen
            already; change any of them, or choose “Don’t import”.{' '}
            <span data-testid="import-column-count">
              {formatNumber(imported)} of {plural(columns.length, 'column')} will be imported.
            </span>
          </p>
          {errorAt === 'columns' && <FormErrors error={startError} fields={columnFields} />}
          {errorAt === 'columns' && startError?.code === 'job_running' && <RunningElsewhere />}
          <ErrorBanner error={targets.error} onRetry={targets.reload} />
          {!targetList && !targets.error && <Loading label="Loading the fields…" />}
          {targetList && (
            <fieldset class="import-columns" disabled={locked || starting !== null}>
              <legend class="visually-hidden">Columns</legend>
              <div class="table-wrap">
                <table class="table table--cards import-map" aria-label="Columns of the file">
                  <thead>
                    <tr>
                      <th scope="col">Column</th>
                      <th scope="col">First values</th>
                      <th scope="col">Import into</th>
                    </tr>
                  </thead>
                  <tbody>
                    {columns.map((c, i) => (
                      <ColumnRow
                        key={i}
                        index={i}
                        header={c.header}
                        planTarget={c.target}
                        reason={c.reason}
                        samples={samplesOf(info.sample ?? [], i)}
                        targets={targetList}
                        choice={choices[i] ?? { target: '', custom: '' }}
                        error={
                          localErrors[i] ??
                          (errorAt === 'columns' ? startError?.field(`mapping[${i}]`) : undefined)
                        }
                        onChange={(choice) => setChoice(i, choice)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          )}

          <fieldset class="import-options" disabled={locked || starting !== null}>
            <legend class="visually-hidden">Options</legend>
            <fieldset class="choice-group">
              <legend class="choice-group__legend">Find existing customers by</legend>
              <label class="radio">
                <input
                  type="radio"
                  name="match_by"
                  value="email"
                  checked={matchBy === 'email'}
                  onChange={() => setMatchBy('email')}
                />
                <span>
                  E-mail{' '}
                  <span class="muted small">
                    — a row with a customer’s e-mail updates that customer; any other row adds a new
                    one
                  </span>
                </span>
              </label>
              <label class="radio">
                <input
                  type="radio"
                  name="match_by"
                  value="id"
                  checked={matchBy === 'id'}
                  onChange={() => setMatchBy('id')}
                />
                <span>
                  ID{' '}
                  <span class="muted small">
                    — for a Clientele export: a row with a customer’s ID updates that customer
                  </span>
                </span>
              </label>
            </fieldset>
            <Checkbox
              name="all_or_nothing"
              label="All or nothing: import nothing if any row has an error"
              hint="Otherwise the rows with errors are skipped and listed in the error report, and the others are imported."
              checked={allOrNothing}
              onChange={setAllOrNothing}
            />
          </fieldset>

          {!locked && (
            <div class="form-actions import-actions">
              <button
                type="submit"
                class="button button--primary"
                disabled={starting !== null || !targetList}
              >
                {starting === 'check' ? 'Starting…' : 'Check the file'}
              </button>
              <button
                type="button"
                class="button"
                disabled={starting !== null || !targetList}
                onClick={() => void start(false, 'columns')}
              >
                {starting === 'import' ? 'Starting…' : 'Import'}
              </button>
            </div>
          )}
        </form>
      )}

      {run && (
        <section class="import-step import-results" aria-labelledby="import-step-results">
          <h2 id="import-step-results" ref={resultsHeading} tabIndex={-1}>
            3. Results
          </h2>
          <JobProgress
            key={run.job.id}
            job={run.job}
            title={run.dryRun ? 'Checking the file' : 'Importing customers'}
            unit="rows"
            canCancel
            onChange={(job) => setRun((r) => (r && r.job.id === job.id ? { ...r, job } : r))}
            onFinished={(job) => setRun((r) => (r && r.job.id === job.id ? { ...r, job } : r))}
            result={(job) => <ImportSummary job={job} dryRun={run.dryRun} />}
          />
          {!isJobFinished(run.job) && (
            <p class="muted small">
              The {run.dryRun ? 'check' : 'import'} goes on if you leave this page; the{' '}
              <Link to="/jobs?kind=customer_import">Jobs</Link> page shows it.
            </p>
          )}
          {errorAt === 'results' && (
            <ErrorBanner title="The import did not start:" error={startError} />
          )}
          {errorAt === 'results' && startError?.code === 'job_running' && <RunningElsewhere />}
          {isJobFinished(run.job) && run.dryRun && (
            <>
              {run.job.state === 'succeeded' && allOrNothing && (result?.skipped ?? 0) > 0 && (
                <p class="banner banner--warning">
                  <span>
                    With “All or nothing”, the import will stop at these errors and import nothing.
                    Fix the rows of the error report in the file first, or change the options.
                  </span>
                </p>
              )}
              <div class="form-actions import-actions">
                <button type="button" class="button" onClick={changeColumns}>
                  Change the columns
                </button>
                {run.job.state === 'succeeded' && (
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={starting !== null}
                    onClick={() => void start(false, 'results')}
                  >
                    {starting === 'import' ? 'Starting…' : 'Import'}
                  </button>
                )}
              </div>
            </>
          )}
          {isJobFinished(run.job) && !run.dryRun && (
            <div class="form-actions import-actions">
              {run.job.state === 'failed' && (
                <button type="button" class="button" onClick={changeColumns}>
                  Change the columns
                </button>
              )}
              <button type="button" class="button" onClick={startOver}>
                Import another file
              </button>
              <Link to="/customers" class="button button--primary">
                View customers
              </Link>
            </div>
          )}
        </section>
      )}
    </section>
  );
}

// For a start refused because another import runs (one at a time).
function RunningElsewhere() {
  return (
    <p class="small">
      One import runs at a time: see the running one on the{' '}
      <Link to="/jobs?kind=customer_import">Jobs</Link> page, and start this one once it has
      finished.
    </p>
  );
}

// Bytes sent of the file's size, with a bar; Stop while it goes on.
function UploadProgress(props: {
  file: File;
  sent: number;
  stopped?: boolean;
  onStop?: () => void;
}) {
  const labelId = useId();
  const total = props.file.size;
  const percent = total > 0 ? Math.min(100, Math.floor((props.sent * 100) / total)) : 0;
  const text = `${formatBytes(props.sent)} of ${formatBytes(total)} sent`;
  return (
    <div class={`import-upload job-progress${props.stopped ? ' job-progress--failed' : ''}`}>
      <p id={labelId}>
        {props.stopped ? 'Upload of ' : 'Uploading '}
        <strong class="import-upload__name">{props.file.name}</strong>
        {props.stopped ? ' stopped' : '…'}
      </p>
      <div
        class="job-progress__bar"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% · ${text}`}
      >
        <span class="job-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p class="job-progress__counts">
        <span data-testid="upload-counts">{text}</span> · <strong>{percent}%</strong>
      </p>
      {props.onStop && (
        <div class="job-progress__actions">
          <button type="button" class="button" onClick={props.onStop}>
            Stop the upload
          </button>
        </div>
      )}
    </div>
  );
}

// What the uploaded file was read as.
function FileFacts(props: { file: File; info: ImportFile }) {
  const { file, info } = props;
  const known = info.format !== 'other';
  return (
    <div class="import-file" data-testid="import-file">
      <p class="import-file__format" role="status">
        {known ? (
          <>
            Recognised: <strong>{info.format_name}</strong>
          </>
        ) : (
          <>Not the export of a known shop: each column was given a field by its name.</>
        )}
      </p>
      <dl class="facts import-file__facts">
        <div>
          <dt>File</dt>
          <dd>
            <span class="import-upload__name">{file.name}</span> · {formatBytes(info.size)}
          </dd>
        </div>
        <div>
          <dt>Separator</dt>
          <dd>{kSeparatorNames[info.separator ?? ','] ?? info.separator}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd>{formatNumber(info.columns?.length ?? 0)}</dd>
        </div>
      </dl>
      {info.problem && (
        <div class="banner banner--warning">
          <span>
            <strong>The start of the file cannot be read: </strong>
            {info.problem}
          </span>
        </div>
      )}
      {(info.columns?.length ?? 0) === 0 && (
        <p class="banner banner--warning">
          <span>The file has no header row to import from. Choose another file.</span>
        </p>
      )}
    </div>
  );
}

// The first non-empty values of column `i` in the sample rows.
function samplesOf(sample: string[][], i: number): string[] {
  return sample
    .map((row) => (row[i] ?? '').trim())
    .filter((v) => v !== '')
    .slice(0, kSampleValues);
}

function truncate(text: string): string {
  return text.length > kSampleChars ? `${text.slice(0, kSampleChars - 1)}…` : text;
}

function ColumnRow(props: {
  index: number;
  header: string;
  planTarget: string;
  reason: string;
  samples: string[];
  targets: ImportTarget[];
  choice: Choice;
  error: string | undefined;
  onChange: (choice: Choice) => void;
}) {
  const { choice, targets } = props;
  const id = useId();
  const name = props.header || `column ${props.index + 1}`;
  const custom = choice.target === kCustom;
  const known = choice.target === '' || custom || targets.some((t) => t.key === choice.target);
  const hint = choice.target === '' && props.planTarget === '' && props.reason ? props.reason : '';
  const describedBy = [hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const customer = targets.filter((t) => !t.key.startsWith('address_'));
  const address = targets.filter((t) => t.key.startsWith('address_'));
  return (
    <tr class={choice.target === '' ? 'is-muted' : undefined} data-column={props.header}>
      <td data-label="Column" class="import-map__header">
        {props.header || <span class="muted">(no header)</span>}
      </td>
      <td data-label="First values" class="import-map__sample">
        {props.samples.length === 0 ? (
          <span class="muted">(empty)</span>
        ) : (
          <div class="import-map__values">
            {props.samples.map((v, j) => (
              <span
                key={j}
                class="import-map__value"
                title={v.length > kSampleChars ? v : undefined}
              >
                {truncate(v)}
              </span>
            ))}
          </div>
        )}
      </td>
      <td data-label="Import into" class="import-map__target">
        <div class={`import-map__field${props.error ? ' field--invalid' : ''}`}>
          <label for={`${id}-target`} class="visually-hidden">
            Import {name} into
          </label>
          <select
            id={`${id}-target`}
            name={`mapping[${props.index}]`}
            value={choice.target}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={describedBy || undefined}
            onChange={(e) => props.onChange({ ...choice, target: e.currentTarget.value })}
          >
            <option value="">Don’t import</option>
            {!known && <option value={choice.target}>{choice.target}</option>}
            <optgroup label="Customer">
              {customer.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </optgroup>
            {address.length > 0 && (
              <optgroup label="Address (the default billing and shipping address)">
                {address.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.label}
                  </option>
                ))}
              </optgroup>
            )}
            <option value={kCustom}>Custom field…</option>
          </select>
          {custom && (
            <div class="import-map__custom">
              <label for={`${id}-custom`}>
                Custom field name<span class="visually-hidden"> for {name}</span>
              </label>
              <input
                id={`${id}-custom`}
                name={`custom_field[${props.index}]`}
                value={choice.custom}
                maxLength={64}
                autoComplete="off"
                spellcheck={false}
                placeholder="such as birthday"
                aria-invalid={props.error ? 'true' : undefined}
                aria-describedby={props.error ? `${id}-error` : undefined}
                onInput={(e) => props.onChange({ ...choice, custom: e.currentTarget.value })}
              />
            </div>
          )}
          {hint && (
            <p class="field__hint" id={`${id}-hint`}>
              Not imported: {hint}
            </p>
          )}
          {props.error && (
            <p class="field__error" id={`${id}-error`}>
              {props.error}
            </p>
          )}
        </div>
      </td>
    </tr>
  );
}
