// The staff's notes on a customer, on the profile's Account tab: a timeline of dated entries,
// newest first, each with its author and "(edited)" once changed, and "Show older notes" for the
// next page. Those who may edit customers add notes, edit and delete their own, and owners delete
// anyone's too, as the server allows (it decides anyway). Each note is saved on its own, apart
// from the customer's edit form: /api/admin/customers/{id}/notes.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { ConfirmDialog, ErrorBanner, Field, Loading } from '../components/ui';
import { formatDateTime } from '../format';
import { useFieldErrors, useResource } from '../hooks';
import { mayLeave } from '../router';
import { useApp } from '../session';
import type { Page, SessionAdmin, StaffNote } from '../types';
import './staff-notes.css';

const kPageSize = 50;
// The server refuses longer notes (too_long).
const kMaxNoteLength = 5000;

// Mirrors the server's rule: a note is changed by its author alone, and deleted by its author or
// an owner; both need a role that may edit customers.
function mayChange(admin: SessionAdmin, note: StaffNote): boolean {
  return note.author.id === admin.id;
}
function mayDelete(admin: SessionAdmin, note: StaffNote): boolean {
  return note.author.id === admin.id || admin.role === 'owner';
}

// Ctrl+Enter (⌘+Enter on a Mac) in a note's text sends it.
function isSubmitKey(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey);
}

// The focus left the page's controls (the one that had it was removed or disabled).
function focusLost(): boolean {
  const active = document.activeElement;
  return (
    !active ||
    active === document.body ||
    !active.isConnected ||
    (active as HTMLButtonElement).disabled === true
  );
}

export function StaffNotes({ customerId, editable }: { customerId: string; editable: boolean }) {
  const { admin, notify } = useApp();
  const path = `/api/admin/customers/${seg(customerId)}/notes`;
  const notes = useResource(
    (signal) =>
      api.get<Page<StaffNote>>(path, { query: { limit: kPageSize }, signal }).then((r) => r.data),
    [path],
  );
  // Every change goes through `change`, which reads the latest list even between renders.
  const latest = useRef(notes.data);
  latest.current = notes.data;
  function change(update: (list: Page<StaffNote>) => Page<StaffNote>) {
    if (!latest.current) return;
    const next = update(latest.current);
    latest.current = next;
    notes.setData(next);
  }

  const [editingId, setEditingId] = useState<string | null>(null);
  // The open editor holds text that differs from its note: another Edit asks first.
  const editorDirty = useRef(false);
  const [deleting, setDeleting] = useState<StaffNote | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [olderBusy, setOlderBusy] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  async function showOlder() {
    const cursor = latest.current?.next_cursor;
    if (!cursor || olderBusy) return;
    setOlderBusy(true);
    setOlderError(null);
    try {
      const r = await api.get<Page<StaffNote>>(path, { query: { limit: kPageSize, cursor } });
      change((list) => {
        const known = new Set(list.items.map((n) => n.id));
        return {
          items: [...list.items, ...r.data.items.filter((n) => !known.has(n.id))],
          next_cursor: r.data.next_cursor,
        };
      });
    } catch (e) {
      setOlderError(e);
    } finally {
      setOlderBusy(false);
    }
  }

  function replace(note: StaffNote) {
    change((list) => ({ ...list, items: list.items.map((n) => (n.id === note.id ? note : n)) }));
  }

  function remove(id: string) {
    change((list) => ({ ...list, items: list.items.filter((n) => n.id !== id) }));
  }

  async function deleteNote() {
    const note = deleting;
    if (!note) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.del(`${path}/${seg(note.id)}`);
      closeDelete(note.id);
      notify('Staff note deleted.');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        // Deleted meanwhile (in another tab): gone either way.
        closeDelete(note.id);
        notify('The note was already deleted.');
      } else {
        setDeleteError(e);
      }
    } finally {
      setDeleteBusy(false);
    }
  }

  function closeDelete(removedId?: string) {
    setDeleting(null);
    setDeleteError(null);
    if (removedId) {
      remove(removedId);
      // The note and its Delete button are gone: the list's heading takes the focus.
      setTimeout(() => {
        if (focusLost()) heading.current?.focus();
      }, 0);
    }
  }

  const list = notes.data;
  return (
    <section class="subform staff-notes" aria-labelledby="staff-notes-heading">
      <h2 id="staff-notes-heading" ref={heading} tabIndex={-1}>
        Staff notes
      </h2>
      {editable && (
        <AddNote
          path={path}
          onAdded={(note) => {
            change((l) => ({ ...l, items: [note, ...l.items.filter((n) => n.id !== note.id)] }));
            notify('Staff note added.');
          }}
        />
      )}
      {notes.error && !list ? (
        <ErrorBanner error={notes.error} onRetry={notes.reload} />
      ) : !list ? (
        <Loading label="Loading notes…" />
      ) : (
        <>
          {list.items.length === 0 ? (
            <p class="muted" data-testid="staff-notes-empty">
              No staff notes yet.
            </p>
          ) : (
            <ol class="staff-notes__list" aria-labelledby="staff-notes-heading">
              {list.items.map((note) => (
                <NoteItem
                  key={note.id}
                  note={note}
                  path={path}
                  mayEdit={editable && mayChange(admin, note)}
                  mayDelete={editable && mayDelete(admin, note)}
                  editing={editingId === note.id}
                  onEdit={() => {
                    const open = () => setEditingId(note.id);
                    if (!editorDirty.current || mayLeave(open)) open();
                  }}
                  onDirty={(dirty) => {
                    editorDirty.current = dirty;
                  }}
                  onDone={(saved, stale) => {
                    setEditingId(null);
                    if (saved) {
                      replace(saved);
                      notify('Staff note saved.');
                    }
                    if (stale) notes.reload();
                  }}
                  onDelete={() => {
                    setDeleteError(null);
                    setDeleting(note);
                  }}
                />
              ))}
            </ol>
          )}
          {olderError !== null && <ErrorBanner error={olderError} onRetry={showOlder} />}
          {list.next_cursor && (
            <button
              type="button"
              class="button"
              disabled={olderBusy}
              onClick={() => void showOlder()}
            >
              {olderBusy ? 'Loading…' : 'Show older notes'}
            </button>
          )}
        </>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this staff note?"
        confirmLabel="Delete note"
        danger
        busy={deleteBusy}
        error={deleteError}
        onConfirm={() => void deleteNote()}
        onCancel={() => closeDelete()}
      >
        {deleting && (
          <>
            <p>
              The note {deleting.author.name || 'an admin'} wrote on{' '}
              {formatDateTime(deleting.created_at)} leaves the timeline. The activity log keeps its
              text, as it keeps every change.
            </p>
            <blockquote class="staff-note__body staff-note__quote">
              {excerpt(deleting.body)}
            </blockquote>
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}

// The beginning of a long note, for the delete question.
function excerpt(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// A note's text box: Ctrl+Enter sends it.
function NoteText(props: {
  attributes: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
  textarea: RefObject<HTMLTextAreaElement>;
  value: string;
  onInput: (value: string) => void;
  onSubmit: () => void;
}) {
  return (
    <textarea
      {...props.attributes}
      ref={props.textarea}
      name="body"
      rows={3}
      maxLength={kMaxNoteLength}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (!isSubmitKey(e)) return;
        e.preventDefault();
        props.onSubmit();
      }}
    />
  );
}

function AddNote(props: { path: string; onAdded: (note: StaffNote) => void }) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { fieldError, edited } = useFieldErrors(error, (f) => error?.field(f));
  const textarea = useRef<HTMLTextAreaElement>(null);
  // A note written but not added asks before the page or tab is left.
  useUnsavedChanges(body.trim() !== '');

  async function add() {
    if (!body || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<StaffNote>(props.path, { body });
      setBody('');
      props.onAdded(r.data);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
      // Ready for the next note, or at the message that says what to fix.
      setTimeout(() => textarea.current?.focus(), 0);
    }
  }

  return (
    <form
      class="staff-notes__add"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      {error && !error.field('body') && <ErrorBanner error={error} />}
      <Field
        label="Add a staff note"
        hint="Seen by the store's staff, and part of the customer's data when they ask for it. Ctrl+Enter adds it."
        error={fieldError('body')}
      >
        {(a) => (
          <NoteText
            attributes={a}
            textarea={textarea}
            value={body}
            onInput={(v) => {
              edited('body');
              setBody(v);
            }}
            onSubmit={() => void add()}
          />
        )}
      </Field>
      <div class="form-actions form-actions--start">
        <button type="submit" class="button button--primary" disabled={!body || busy}>
          {busy ? 'Adding…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}

interface NoteProps {
  note: StaffNote;
  path: string;
  mayEdit: boolean;
  mayDelete: boolean;
  editing: boolean;
  onEdit: () => void;
  onDirty: (dirty: boolean) => void;
  // The editor closed: with the saved note, or none (cancelled); `stale` when the note changed or
  // went meanwhile, so the list is read again.
  onDone: (saved: StaffNote | null, stale: boolean) => void;
  onDelete: () => void;
}

function NoteItem(props: NoteProps) {
  const { note } = props;
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(props.editing);
  // Back from the editor, the focus returns to Edit.
  useEffect(() => {
    if (wasEditing.current && !props.editing && focusLost()) editButton.current?.focus();
    wasEditing.current = props.editing;
  }, [props.editing]);

  return (
    <li class="staff-note" data-note-id={note.id}>
      <div class="staff-note__meta">
        <span class="staff-note__author">{note.author.name || 'An admin'}</span>
        {note.author.via_token && <span>via an API token</span>}
        <time dateTime={note.created_at}>{formatDateTime(note.created_at)}</time>
        {note.updated_at && (
          <span class="staff-note__edited" title={`Edited ${formatDateTime(note.updated_at)}`}>
            (edited)
          </span>
        )}
      </div>
      {props.editing ? (
        <NoteEditor note={note} path={props.path} onDirty={props.onDirty} onDone={props.onDone} />
      ) : (
        <>
          <p class="staff-note__body">{note.body}</p>
          {(props.mayEdit || props.mayDelete) && (
            <div class="staff-note__actions">
              {props.mayEdit && (
                <button
                  type="button"
                  class="button button--small"
                  ref={editButton}
                  onClick={props.onEdit}
                >
                  Edit<span class="visually-hidden"> note</span>
                </button>
              )}
              {props.mayDelete && (
                <button
                  type="button"
                  class="button button--small button--danger-outline"
                  onClick={props.onDelete}
                >
                  Delete<span class="visually-hidden"> note</span>
                </button>
              )}
            </div>
          )}
        </>
      )}
    </li>
  );
}

function NoteEditor(props: {
  note: StaffNote;
  path: string;
  onDirty: (dirty: boolean) => void;
  onDone: (saved: StaffNote | null, stale: boolean) => void;
}) {
  const { note, onDirty } = props;
  const [body, setBody] = useState(note.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { fieldError, edited } = useFieldErrors(error, (f) => error?.field(f));
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Changed or deleted meanwhile: Cancel reads the list again.
  const stale = error?.status === 412 || error?.status === 404;
  const dirty = body !== note.body;
  useUnsavedChanges(dirty);
  useEffect(() => {
    onDirty(dirty);
    return () => onDirty(false);
  }, [dirty, onDirty]);

  useEffect(() => {
    const el = textarea.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  async function save() {
    if (!body || busy) return;
    if (body === note.body) {
      props.onDone(null, false);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.patch<StaffNote>(
        `${props.path}/${seg(note.id)}`,
        { body },
        { headers: { 'if-match': `"${note.version}"` } },
      );
      props.onDone(r.data, false);
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
      setTimeout(() => textarea.current?.focus(), 0);
    }
  }

  return (
    <form
      class="staff-note__editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {error && !error.field('body') && <ErrorBanner error={error} />}
      <Field label="Edit the note" error={fieldError('body')}>
        {(a) => (
          <NoteText
            attributes={a}
            textarea={textarea}
            value={body}
            onInput={(v) => {
              edited('body');
              setBody(v);
            }}
            onSubmit={() => void save()}
          />
        )}
      </Field>
      <div class="form-actions form-actions--start">
        <button
          type="button"
          class="button"
          onClick={() => {
            // Typed text goes only after the same question as before another tab.
            const close = () => props.onDone(null, stale);
            if (!dirty || mayLeave(close)) close();
          }}
        >
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={!body || busy || stale}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
