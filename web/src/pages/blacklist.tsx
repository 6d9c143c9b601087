// The store's blacklist: phone numbers, e-mail addresses, whole domains and IP addresses or ranges
// that may not register, sign in or check out as a guest (they hear "We can't complete this
// request. Please contact the store."). The page lists the entries (search and kind in the URL)
// with how often each refused someone, adds one, changes its reason and removes it (the shopper
// is allowed to return). The profile's Tools offer the customer's own details in a dialog.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import {
  ConfirmDialog,
  ErrorBanner,
  Field,
  focusFirstInvalid,
  FormErrors,
  Loading,
  PageHeader,
} from '../components/ui';
import { formatDate, formatDateTime, formatNumber, plural } from '../format';
import { useDebounced, useResource } from '../hooks';
import { replaceSearch } from '../router';
import { useApp } from '../session';
import type { BlacklistEntry, BlacklistKind, Customer } from '../types';

export const kBlacklistKinds: Array<[BlacklistKind, string]> = [
  ['phone', 'Phone'],
  ['email', 'E-mail'],
  ['domain', 'Domain'],
  ['ip', 'IP address'],
];

export function blacklistKindLabel(kind: string): string {
  return kBlacklistKinds.find(([k]) => k === kind)?.[1] ?? kind;
}

const kValueHints: Record<BlacklistKind, string> = {
  phone: 'With its country code, such as +965 5123 4567.',
  email: 'One address, such as name@example.com.',
  domain: 'Every address of the domain, such as example.com.',
  ip: 'An address or a range, such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32.',
};

const kValuePlaceholders: Record<BlacklistKind, string> = {
  phone: '+965 5123 4567',
  email: 'name@example.com',
  domain: 'example.com',
  ip: '203.0.113.0/24',
};

const kMaxReason = 500;
const kSearchDebounceMs = 150;

function isKind(value: string): value is BlacklistKind {
  return kBlacklistKinds.some(([k]) => k === value);
}

function parseSearch(search: string): { q: string; kind: BlacklistKind | '' } {
  const p = new URLSearchParams(search);
  const kind = p.get('kind') ?? '';
  return { q: p.get('q') ?? '', kind: isKind(kind) ? kind : '' };
}

function toSearch(q: string, kind: string): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (kind) p.set('kind', kind);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function reasonLength(reason: string): number {
  return [...reason.trim()].length;
}

// Who added an entry: you, or the admin or API token by the name the server gives.
function useAddedBy(): (entry: BlacklistEntry) => string {
  const { admin } = useApp();
  return (entry) => {
    const by = entry.added_by;
    if (by.type === 'admin' && by.id === admin.id) return 'you';
    if (by.type === 'api_token') return by.name ? `the API token "${by.name}"` : 'an API token';
    if (by.name) return by.name;
    return by.type === 'admin' ? 'an admin' : by.type.replace(/_/g, ' ');
  };
}

export function BlacklistPage(props: { search: string }) {
  const { can, notify } = useApp();
  const initial = useMemo(() => parseSearch(props.search), []);
  const [q, setQ] = useState(initial.q);
  const [kind, setKind] = useState<BlacklistKind | ''>(initial.kind);
  const settledQ = useDebounced(q.trim(), kSearchDebounceMs);
  const [editing, setEditing] = useState<BlacklistEntry | null>(null);
  const [removing, setRemoving] = useState<BlacklistEntry | null>(null);
  const editable = can('edit_customers');
  const addedBy = useAddedBy();

  useEffect(() => replaceSearch(toSearch(settledQ, kind)), [settledQ, kind]);

  const key = `${kind}|${settledQ}`;
  const list = useResource(
    async (signal) => {
      const { data } = await api.get<{ items: BlacklistEntry[] }>('/api/admin/blacklist', {
        signal,
        query: { q: settledQ, kind },
      });
      return { items: data.items, key };
    },
    [key],
  );
  const items = list.data?.items ?? [];
  const filtered = settledQ !== '' || kind !== '';
  const shown = list.data && !list.loading ? list.data.key : undefined;

  function clear() {
    setQ('');
    setKind('');
  }

  return (
    <section class="blacklist">
      <PageHeader title="Blacklist" />
      <p class="muted">
        Whoever matches an entry cannot register, sign in or check out as a guest; they read “We
        can't complete this request. Please contact the store.” E-mail entries match one address,
        domain entries every address of the domain, phone entries the shopper's phone, IP entries
        where the request comes from.
      </p>

      {editable && (
        <AddForm
          onAdded={(entry) => {
            notify(`${entry.value} is on the blacklist.`);
            list.reload();
          }}
        />
      )}

      <div class="toolbar">
        <div class="search">
          <label for="blacklist-search" class="visually-hidden">
            Search the blacklist
          </label>
          <input
            id="blacklist-search"
            type="search"
            placeholder="Search value or reason"
            autoComplete="off"
            spellcheck={false}
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </div>
        <label class="visually-hidden" for="blacklist-kind">
          Kind
        </label>
        <select
          id="blacklist-kind"
          name="kind"
          class="blacklist__kind-filter"
          value={kind}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setKind(isKind(v) ? v : '');
          }}
        >
          <option value="">All kinds</option>
          {kBlacklistKinds.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>

      <p class="summary" aria-live="polite">
        {list.data && plural(items.length, 'entry', 'entries')}
        {list.loading && <span class="muted"> · Searching…</span>}
      </p>
      <ErrorBanner error={list.error} onRetry={list.reload} />

      <div class="results" aria-busy={list.loading} data-loaded={shown}>
        {!list.data && list.loading && <Loading />}
        {list.data && items.length === 0 && !list.loading && !list.error && (
          <div class="empty">
            {filtered ? (
              <>
                <p>No entries match this search.</p>
                <button type="button" class="button" onClick={clear}>
                  Clear search and kind
                </button>
              </>
            ) : (
              <p>The blacklist is empty.</p>
            )}
          </div>
        )}
        {items.length > 0 && (
          <div class="table-wrap">
            <table class="table table--cards blacklist-table">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Value</th>
                  <th>Reason</th>
                  <th>Added</th>
                  <th>Refusals</th>
                  {editable && (
                    <th>
                      <span class="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} data-entry-id={e.id}>
                    <td class="col-kind" data-label="Kind">
                      {blacklistKindLabel(e.kind)}
                    </td>
                    <td class="col-value" data-label="Value">
                      <code>{e.value}</code>
                    </td>
                    <td class="col-reason" data-label="Reason">
                      {e.reason || <span class="muted">—</span>}
                    </td>
                    <td class="col-added" data-label="Added">
                      <time dateTime={e.created_at} title={formatDateTime(e.created_at)}>
                        {formatDate(e.created_at)}
                      </time>{' '}
                      <span class="muted">by {addedBy(e)}</span>
                    </td>
                    <td class="col-refusals" data-label="Refusals">
                      <span class="blacklist__refusals">{formatNumber(e.refusals)}</span>
                      {e.last_refusal_at && (
                        <span class="muted small blacklist__last-refusal">
                          {' '}
                          · last{' '}
                          <time dateTime={e.last_refusal_at}>
                            {formatDateTime(e.last_refusal_at)}
                          </time>
                        </span>
                      )}
                    </td>
                    {editable && (
                      <td class="row-actions">
                        <button
                          type="button"
                          class="button button--small"
                          aria-label={`Edit the reason for ${e.value}`}
                          onClick={() => setEditing(e)}
                        >
                          Edit reason
                        </button>
                        <button
                          type="button"
                          class="button button--small button--danger-outline"
                          aria-label={`Remove ${e.value}`}
                          onClick={() => setRemoving(e)}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <EditReasonDialog
        entry={editing}
        onClose={() => setEditing(null)}
        onSaved={(entry) => {
          setEditing(null);
          notify(`The reason for ${entry.value} is saved.`);
          list.reload();
        }}
      />
      <RemoveDialog
        entry={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(entry) => {
          setRemoving(null);
          notify(`${entry.value} is off the blacklist and allowed to return.`);
          list.reload();
        }}
      />
    </section>
  );
}

// Kind, value and reason; the server's messages show at their fields.
function AddForm(props: { onAdded: (entry: BlacklistEntry) => void }) {
  const [kind, setKind] = useState<BlacklistKind>('phone');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function add() {
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<BlacklistEntry>('/api/admin/blacklist', {
        kind,
        value: value.trim(),
        reason: reason.trim(),
      });
      setValue('');
      setReason('');
      props.onAdded(data);
    } catch (e) {
      setError(asApiError(e));
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      class="card blacklist-add"
      aria-labelledby="blacklist-add-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h2 id="blacklist-add-heading">Add to the blacklist</h2>
      <FormErrors error={error} fields={['kind', 'value', 'reason']} />
      <div class="blacklist-add__fields">
        <Field label="Kind" error={error?.field('kind')} class="blacklist-add__kind">
          {(a) => (
            <select
              {...a}
              name="kind"
              value={kind}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isKind(v)) setKind(v);
                if (error) setError(null);
              }}
            >
              {kBlacklistKinds.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Value"
          hint={kValueHints[kind]}
          error={error?.field('value')}
          class="blacklist-add__value"
        >
          {(a) => (
            <input
              {...a}
              name="value"
              autoComplete="off"
              spellcheck={false}
              placeholder={kValuePlaceholders[kind]}
              inputMode={kind === 'phone' ? 'tel' : kind === 'email' ? 'email' : 'text'}
              value={value}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Reason (optional)"
          hint={`For the store's admins; the shopper never sees it. ${reasonLength(reason)} of ${kMaxReason} characters.`}
          error={error?.field('reason')}
          class="blacklist-add__reason"
        >
          {(a) => (
            <input
              {...a}
              name="reason"
              autoComplete="off"
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div class="form-actions form-actions--start">
        <button type="submit" class="button button--primary" disabled={busy || !value.trim()}>
          {busy ? 'Adding…' : 'Add to blacklist'}
        </button>
      </div>
    </form>
  );
}

function EditReasonDialog(props: {
  entry: BlacklistEntry | null;
  onClose: () => void;
  onSaved: (entry: BlacklistEntry) => void;
}) {
  const { entry } = props;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  if ((entry?.id ?? null) !== shownId) {
    // A fresh form for each entry.
    setShownId(entry?.id ?? null);
    setReason(entry?.reason ?? '');
    setError(null);
  }

  async function save() {
    if (!entry) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.patch<BlacklistEntry>(`/api/admin/blacklist/${seg(entry.id)}`, {
        reason: reason.trim(),
      });
      props.onSaved(data);
    } catch (e) {
      setError(asApiError(e));
      setTimeout(() => focusFirstInvalid(document.querySelector('.blacklist-reason-dialog')), 0);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = error?.field('reason');
  return (
    <ConfirmDialog
      open={!!entry}
      title={entry ? `Reason for ${entry.value}` : ''}
      confirmLabel={busy ? 'Saving…' : 'Save reason'}
      busy={busy}
      error={error && !fieldError ? error : null}
      onConfirm={save}
      onCancel={props.onClose}
    >
      <div class="blacklist-reason-dialog">
        <Field
          label="Reason"
          hint={`For the store's admins; the shopper never sees it. ${reasonLength(reason)} of ${kMaxReason} characters.`}
          error={fieldError}
        >
          {(a) => (
            <textarea
              {...a}
              name="reason"
              rows={3}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </ConfirmDialog>
  );
}

function RemoveDialog(props: {
  entry: BlacklistEntry | null;
  onClose: () => void;
  onRemoved: (entry: BlacklistEntry) => void;
}) {
  const { entry } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  if ((entry?.id ?? null) !== shownId) {
    setShownId(entry?.id ?? null);
    setError(null);
  }

  async function remove() {
    if (!entry) return;
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/admin/blacklist/${seg(entry.id)}`);
      props.onRemoved(entry);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={!!entry}
      title={entry ? `Remove ${entry.value} from the blacklist?` : ''}
      confirmLabel={busy ? 'Removing…' : 'Remove'}
      danger
      busy={busy}
      error={error}
      onConfirm={remove}
      onCancel={props.onClose}
    >
      <p>
        The shopper is allowed to return: registering, signing in and checking out as a guest work
        again for this {entry ? blacklistKindLabel(entry.kind).toLowerCase() : 'entry'}.
      </p>
    </ConfirmDialog>
  );
}

interface Choice {
  key: string;
  kind: BlacklistKind;
  value: string;
  label: string;
}

// What of a customer can go on the blacklist: the e-mail address, its domain, the phone, and the
// IP addresses of the registration and the last sign-in (each once).
export function blacklistChoices(c: Customer): Choice[] {
  const out: Choice[] = [];
  const email = c.email.trim();
  if (email) {
    out.push({ key: 'email', kind: 'email', value: email, label: 'E-mail address' });
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (domain && domain !== email) {
      out.push({ key: 'domain', kind: 'domain', value: domain, label: 'Every address at' });
    }
  }
  if (c.phone.trim()) {
    out.push({ key: 'phone', kind: 'phone', value: c.phone.trim(), label: 'Phone' });
  }
  if (c.registration_ip) {
    out.push({ key: 'reg-ip', kind: 'ip', value: c.registration_ip, label: 'Registration IP' });
  }
  if (c.last_login_ip && c.last_login_ip !== c.registration_ip) {
    out.push({ key: 'login-ip', kind: 'ip', value: c.last_login_ip, label: 'Last sign-in IP' });
  }
  return out;
}

// "Add to blacklist…" on the profile: one of the customer's details and a reason.
export function AddToBlacklistDialog(props: {
  customer: Customer;
  name: string;
  onClose: () => void;
  onAdded: (entry: BlacklistEntry) => void;
}) {
  const choices = blacklistChoices(props.customer);
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function add() {
    const picked = choices.find((c) => c.key === choice);
    if (!picked) {
      setError(
        new ApiError({
          status: 422,
          code: 'invalid',
          detail: 'Choose what to block.',
          errors: [{ field: 'choice', code: 'required', message: 'Choose what to block.' }],
        }),
      );
      setTimeout(() => focusFirstInvalid(document.querySelector('.blacklist-dialog')), 0);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<BlacklistEntry>('/api/admin/blacklist', {
        kind: picked.kind,
        value: picked.value,
        reason: reason.trim(),
      });
      props.onAdded(data);
    } catch (e) {
      setError(asApiError(e));
      setTimeout(() => focusFirstInvalid(document.querySelector('.blacklist-dialog')), 0);
    } finally {
      setBusy(false);
    }
  }

  const choiceError = error?.field('choice');
  const reasonError = error?.field('reason');
  const general = error && !choiceError && !reasonError ? error : null;
  return (
    <ConfirmDialog
      open
      title={`Add ${props.name} to the blacklist`}
      confirmLabel={busy ? 'Adding…' : 'Add to blacklist'}
      danger
      busy={busy}
      error={general}
      onConfirm={add}
      onCancel={props.onClose}
    >
      <div class="blacklist-dialog">
        <p>
          Whoever matches can no longer register, sign in or check out as a guest. This customer's
          account stays as it is; ban it to shut it.
        </p>
        {choices.length === 0 ? (
          <p class="banner banner--info">This customer has no e-mail address, phone or IP.</p>
        ) : (
          <fieldset
            class="choice-group"
            aria-describedby={choiceError ? 'blacklist-choice-error' : undefined}
          >
            <legend class="choice-group__legend">Block</legend>
            {choices.map((c) => (
              <div class="radio" key={c.key}>
                <input
                  type="radio"
                  id={`blacklist-choice-${c.key}`}
                  name="blacklist_choice"
                  value={c.key}
                  checked={choice === c.key}
                  {...(choiceError ? { 'aria-invalid': 'true' as const } : {})}
                  onChange={() => {
                    setChoice(c.key);
                    if (error) setError(null);
                  }}
                />
                <label for={`blacklist-choice-${c.key}`}>
                  {c.label} <code>{c.value}</code>
                </label>
              </div>
            ))}
            {choiceError && (
              <p class="field__error" id="blacklist-choice-error">
                {choiceError}
              </p>
            )}
          </fieldset>
        )}
        <Field
          label="Reason (optional)"
          hint={`For the store's admins; the shopper never sees it. ${reasonLength(reason)} of ${kMaxReason} characters.`}
          error={reasonError}
        >
          {(a) => (
            <textarea
              {...a}
              name="reason"
              rows={2}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </ConfirmDialog>
  );
}
