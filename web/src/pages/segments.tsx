// Saved segments on the customer list: the list of segments with each one's count (asked per
// segment), Show (the list of that segment, segment= in the URL), and for those who manage groups
// Save as segment, Edit (name and filter; If-Match, with a message when someone else saved
// first) and Delete after a confirmation. The server allows segment writes with the
// manage-groups permission; the others see the segments and use them.
import { useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import {
  ConfirmDialog,
  ErrorBanner,
  Field,
  focusFirstInvalid,
  Loading,
  Modal,
} from '../components/ui';
import { formatDateTime, plural } from '../format';
import { type Resource, useResource } from '../hooks';
import type { Segment } from '../types';
import type { Vocabulary } from './filter-language';
import { FilterInput, FilterStatus, useFilterCount } from './segment-editor';

// Every segment, by name (GET /api/admin/segments).
export async function listSegments(signal?: AbortSignal): Promise<Segment[]> {
  const { data } = await api.get<{ items: Segment[] }>('/api/admin/segments', { signal });
  return [...data.items].sort((a, b) => a.name.localeCompare(b.name));
}

// How many customers a segment holds now, or why it cannot say.
function SegmentCount({ segment }: { segment: Segment }) {
  const count = useResource(
    (signal) =>
      api
        .get<{ total: number }>('/api/admin/customers/count', {
          signal,
          query: { segment: segment.id },
        })
        .then((r) => r.data.total),
    [segment.id, segment.version],
  );
  if (count.error) {
    const e = asApiError(count.error);
    return (
      <span class="segment-count segment-count--problem" title={e.errors[0]?.message ?? e.detail}>
        {e.status === 422 ? 'Filter no longer fits' : 'Not counted'}
      </span>
    );
  }
  if (count.data === undefined) return <span class="segment-count muted">…</span>;
  return (
    <span class="segment-count" data-count={count.data}>
      {plural(count.data, 'customer')}
    </span>
  );
}

export function SegmentsPanel(props: {
  id: string;
  segments: Resource<Segment[]>;
  appliedId: string;
  canManage: boolean;
  vocabulary: Vocabulary;
  onApply: (segment: Segment) => void;
  onSaved: (segment: Segment) => void;
  onDeleted: (segment: Segment) => void;
}) {
  const { segments } = props;
  const [editing, setEditing] = useState<Segment | null>(null);
  const [deleting, setDeleting] = useState<Segment | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  async function remove() {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.del(`/api/admin/segments/${seg(deleting.id)}`);
      props.onDeleted(deleting);
      setDeleting(null);
    } catch (e) {
      setDeleteError(e);
    } finally {
      setDeleteBusy(false);
    }
  }

  const items = segments.data ?? [];
  return (
    <section id={props.id} class="card segments" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>Segments</h2>
      <ErrorBanner error={segments.error} onRetry={segments.reload} />
      {!segments.data && !segments.error && <Loading />}
      {segments.data && items.length === 0 && (
        <p class="muted">
          No segments yet.
          {props.canManage && ' Write a filter and choose “Save as segment…” to keep it here.'}
        </p>
      )}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--compact segments-table">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Filter</th>
                <th scope="col" class="num">
                  Customers
                </th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const applied = s.id === props.appliedId;
                return (
                  <tr
                    key={s.id}
                    class={applied ? 'is-selected' : undefined}
                    aria-current={applied ? 'true' : undefined}
                    data-segment={s.id}
                  >
                    <th scope="row" class="segments-table__name">
                      {s.name}
                      <span class="muted small segments-table__by">
                        {s.created_by?.name ? `by ${s.created_by.name} · ` : ''}
                        changed {formatDateTime(s.updated_at)}
                      </span>
                    </th>
                    <td>
                      <code class="segments-table__filter">{s.filter}</code>
                    </td>
                    <td class="num">
                      <SegmentCount segment={s} />
                    </td>
                    <td class="row-actions">
                      <button
                        type="button"
                        class="button button--small button--primary"
                        aria-label={`Show ${s.name}`}
                        aria-pressed={applied}
                        onClick={() => props.onApply(s)}
                      >
                        Show
                      </button>
                      {props.canManage && (
                        <>
                          <button
                            type="button"
                            class="button button--small"
                            aria-label={`Edit ${s.name}`}
                            onClick={() => setEditing(s)}
                          >
                            Edit
                          </button>
                          <button
                            type="button"
                            class="button button--small button--danger-outline"
                            aria-label={`Delete ${s.name}`}
                            onClick={() => {
                              setDeleteError(null);
                              setDeleting(s);
                            }}
                          >
                            Delete
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {!props.canManage && (
        <p class="muted small">
          Your role uses segments; saving, changing and deleting them is for owners and admins.
        </p>
      )}
      {editing && (
        <EditSegmentDialog
          key={editing.id}
          segment={editing}
          vocabulary={props.vocabulary}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            props.onSaved(s);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the segment “${deleting?.name ?? ''}”?`}
        confirmLabel={deleteBusy ? 'Deleting…' : 'Delete segment'}
        danger
        busy={deleteBusy}
        error={deleteError}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      >
        <p>The saved filter goes; the customers in it stay as they are. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}

// The name field with the server's message for it ("A segment with this name already exists.").
function NameField(props: { value: string; error?: string; onInput: (name: string) => void }) {
  return (
    <Field label="Name" error={props.error} hint="Up to 100 characters, different from the others.">
      {(a) => (
        <input
          {...a}
          name="name"
          maxLength={100}
          autoComplete="off"
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

// Save as segment: a name for the filter in the box.
export function SaveSegmentDialog(props: {
  filter: string;
  onClose: () => void;
  onSaved: (segment: Segment) => void;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const filter = props.filter.trim();

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<Segment>('/api/admin/segments', {
        name: name.trim(),
        filter,
      });
      props.onSaved(data);
    } catch (err) {
      setError(asApiError(err));
      setTimeout(() => focusFirstInvalid(form.current), 0);
    } finally {
      setBusy(false);
    }
  }

  const filterError = error?.field('filter');
  const general = error && !error.field('name') && !filterError ? error : null;
  return (
    <Modal title="Save as segment" onClose={props.onClose}>
      <form ref={form} onSubmit={save} noValidate>
        <ErrorBanner error={general} />
        <NameField value={name} error={error?.field('name')} onInput={setName} />
        <div class={`field${filterError ? ' field--invalid' : ''}`}>
          <span class="segment-dialog__label">Filter</span>
          <code class="segment-dialog__filter">{filter}</code>
          {filterError && <p class="field__error">{filterError}</p>}
        </div>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" class="button button--primary" disabled={busy || !name.trim()}>
            {busy ? 'Saving…' : 'Save segment'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// Edit: the name and the filter (with completion and its live count), saved with If-Match. When
// someone else saved the segment meanwhile, says so and offers their version.
function EditSegmentDialog(props: {
  segment: Segment;
  vocabulary: Vocabulary;
  onClose: () => void;
  onSaved: (segment: Segment) => void;
}) {
  const id = useId();
  const [base, setBase] = useState(props.segment);
  const [name, setName] = useState(props.segment.name);
  const [filter, setFilter] = useState(props.segment.filter);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { check, counting } = useFilterCount(filter);
  const stale = error?.code === 'stale_version';

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.patch<Segment>(
        `/api/admin/segments/${seg(base.id)}`,
        { name: name.trim(), filter: filter.trim() },
        { headers: { 'if-match': `"${base.version}"` } },
      );
      props.onSaved(data);
    } catch (err) {
      setError(asApiError(err));
      setTimeout(() => focusFirstInvalid(form.current), 0);
    } finally {
      setBusy(false);
    }
  }

  // Their version replaces what is in the form; saving again then changes theirs.
  async function loadLatest() {
    setBusy(true);
    try {
      const { data } = await api.get<Segment>(`/api/admin/segments/${seg(base.id)}`);
      setBase(data);
      setName(data.name);
      setFilter(data.filter);
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const invalid = !!error?.field('filter') || !!check?.mistake;
  const general = error && !error.field('name') && !error.field('filter') ? error : null;
  return (
    <Modal title={`Edit the segment “${props.segment.name}”`} wide onClose={props.onClose}>
      <form ref={form} onSubmit={save} noValidate class="segment-dialog">
        {stale ? (
          <div class="banner banner--error" role="alert">
            <div>{error.detail}</div>
            <button type="button" class="button button--small" disabled={busy} onClick={loadLatest}>
              Load their version
            </button>
          </div>
        ) : (
          <ErrorBanner error={general} />
        )}
        <NameField value={name} error={error?.field('name')} onInput={setName} />
        <div class={`field${invalid ? ' field--invalid' : ''}`}>
          <label for={`${id}-filter`}>Filter</label>
          <FilterInput
            id={`${id}-filter`}
            inputRef={inputRef}
            value={filter}
            onInput={setFilter}
            vocabulary={props.vocabulary}
            invalid={invalid}
            describedBy={check?.mistake ? `${id}-mistake` : `${id}-status`}
          />
          {error?.field('filter') && !check?.mistake && (
            <p class="field__error">{error.field('filter')}</p>
          )}
          <FilterStatus
            id={id}
            text={filter}
            check={check}
            counting={counting}
            inputRef={inputRef}
            onFix={setFilter}
            hint="Write the conditions the segment's customers meet."
          />
        </div>
        <div class="dialog__actions">
          <button type="button" class="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            class="button button--primary"
            disabled={busy || !name.trim() || !filter.trim()}
          >
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
