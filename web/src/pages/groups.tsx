// Groups and tags: lists with customer counts, create, rename, delete with a confirmation. The
// Default group always exists and cannot be deleted.
import { useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import { ConfirmDialog, ErrorBanner, Link, Loading, PageHeader } from '../components/ui';
import { formatNumber, plural } from '../format';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type { Group, Page, Tag } from '../types';

export function GroupsPage() {
  return (
    <section>
      <PageHeader title="Groups & tags" />
      <div class="two-columns">
        <NamedList kind="group" />
        <NamedList kind="tag" />
      </div>
    </section>
  );
}

// Stable, so Preact calls it once when the input appears, not on every render.
const focusOnMount = (el: HTMLInputElement | null) => el?.focus();

type Item = (Group | Tag) & { is_default?: boolean };

function NamedList({ kind }: { kind: 'group' | 'tag' }) {
  const { can, notify } = useApp();
  const editable = can('manage_groups');
  const base = kind === 'group' ? '/api/admin/groups' : '/api/admin/tags';
  const title = kind === 'group' ? 'Groups' : 'Tags';
  const list = useResource(
    (signal) => api.get<Page<Item>>(base, { signal }).then((r) => r.data.items),
    [base],
  );
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [renameError, setRenameError] = useState<ApiError | null>(null);
  const [deleting, setDeleting] = useState<Item | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setCreateError(null);
    try {
      await api.post(base, { name: name.trim() });
      notify(`${kind === 'group' ? 'Group' : 'Tag'} “${name.trim()}” created.`);
      setName('');
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) setCreateError(err);
    } finally {
      setBusy(false);
    }
  }

  async function rename(e: Event) {
    e.preventDefault();
    if (!renaming) return;
    setBusy(true);
    setRenameError(null);
    try {
      await api.patch(`${base}/${seg(renaming.id)}`, { name: renaming.name.trim() });
      notify('Renamed.');
      setRenaming(null);
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) setRenameError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await api.del(`${base}/${seg(deleting.id)}`);
      notify(`“${deleting.name}” deleted.`);
      setDeleting(null);
      list.reload();
    } catch (err) {
      setDeleteError(err);
    } finally {
      setBusy(false);
    }
  }

  const createId = `new-${kind}`;
  return (
    <section class="card" aria-labelledby={`${kind}-heading`}>
      <h2 id={`${kind}-heading`}>{title}</h2>
      {editable && (
        <form class="inline-form" onSubmit={create}>
          <label for={createId} class="visually-hidden">
            New {kind} name
          </label>
          <input
            id={createId}
            placeholder={`New ${kind} name`}
            value={name}
            aria-invalid={createError ? 'true' : undefined}
            aria-describedby={createError ? `${createId}-error` : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit" class="button button--primary" disabled={busy || !name.trim()}>
            Create {kind}
          </button>
          {createError && (
            <p class="field__error" id={`${createId}-error`} role="alert">
              {createError.field('name') ?? createError.detail}
            </p>
          )}
        </form>
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="empty">No {kind}s yet.</p>}
      {list.data && list.data.length > 0 && (
        <table class="table table--compact">
          <thead>
            <tr>
              <th>Name</th>
              <th class="num">Customers</th>
              {editable && (
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {list.data.map((item) => {
              const filter =
                kind === 'group'
                  ? `?group=${encodeURIComponent(item.id)}`
                  : `?tag=${encodeURIComponent(item.name)}`;
              const isRenaming = renaming?.id === item.id;
              return (
                <tr key={item.id}>
                  <td>
                    {isRenaming ? (
                      <form class="inline-form" onSubmit={rename}>
                        <label class="visually-hidden" for={`rename-${item.id}`}>
                          New name for {item.name}
                        </label>
                        <input
                          id={`rename-${item.id}`}
                          value={renaming.name}
                          ref={focusOnMount}
                          aria-invalid={renameError ? 'true' : undefined}
                          onInput={(e) => setRenaming({ id: item.id, name: e.currentTarget.value })}
                          onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                        />
                        <button
                          type="submit"
                          class="button button--small button--primary"
                          disabled={busy}
                        >
                          Save
                        </button>
                        <button
                          type="button"
                          class="button button--small"
                          onClick={() => setRenaming(null)}
                        >
                          Cancel
                        </button>
                        {renameError && (
                          <p class="field__error" role="alert">
                            {renameError.field('name') ?? renameError.detail}
                          </p>
                        )}
                      </form>
                    ) : (
                      <>
                        {item.name}
                        {item.is_default && <span class="badge">Default</span>}
                      </>
                    )}
                  </td>
                  <td class="num">
                    <Link
                      to={`/customers${filter}`}
                      aria-label={`${plural(item.customer_count, 'customer')} in ${item.name}`}
                    >
                      {formatNumber(item.customer_count)}
                    </Link>
                  </td>
                  {editable && (
                    <td class="row-actions">
                      {!isRenaming && (
                        <button
                          type="button"
                          class="button button--small"
                          aria-label={`Rename ${item.name}`}
                          onClick={() => {
                            setRenameError(null);
                            setRenaming({ id: item.id, name: item.name });
                          }}
                        >
                          Rename
                        </button>
                      )}
                      {!item.is_default && (
                        <button
                          type="button"
                          class="button button--small button--danger-outline"
                          aria-label={`Delete ${item.name}`}
                          onClick={() => {
                            setDeleteError(null);
                            setDeleting(item);
                          }}
                        >
                          Delete
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${kind} “${deleting?.name ?? ''}”?`}
        confirmLabel={`Delete ${kind}`}
        danger
        busy={busy}
        error={deleteError}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {kind === 'group'
            ? `Its ${plural(deleting?.customer_count ?? 0, 'customer')} move to the Default group.`
            : `It is removed from ${plural(deleting?.customer_count ?? 0, 'customer')}.`}{' '}
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
