// Admin users (invite by e-mail or add with a password, resend an invitation, change name/role,
// disable/enable, set a password) and API tokens for scripts
// (create, shown once with a copy button; revoke), and what each role may do. Owners and admins
// only.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import { ConfirmDialog, ErrorBanner, Field, Loading, PageHeader } from '../components/ui';
import { formatDateTime } from '../format';
import { useResource } from '../hooks';
import { grantableRoles, kRoleLabels, kRoles, roleSummary, useApp } from '../session';
import type { AdminUser, ApiToken, CreatedToken, MessagePage, Page, Role } from '../types';

function RoleSelect(props: {
  id?: string;
  value: Role;
  roles: Role[];
  onChange: (r: Role) => void;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
  'aria-label'?: string;
}) {
  const { value, roles, onChange, ...rest } = props;
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {kRoleLabels[r]}
        </option>
      ))}
    </select>
  );
}

export function AdminsPage() {
  return (
    <section>
      <PageHeader title="Admins" />
      <AdminUsers />
      <RoleList />
      <Tokens />
    </section>
  );
}

// What each role may do, from the same permission table the sidebar and the pages go by.
function RoleList() {
  return (
    <section class="card" aria-labelledby="roles-heading">
      <h2 id="roles-heading">What each role may do</h2>
      <dl class="role-list">
        {kRoles.map((r) => (
          <div key={r} data-role={r}>
            <dt>{kRoleLabels[r]}</dt>
            <dd>{roleSummary(r)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function AdminUsers() {
  const { admin: me, notify } = useApp();
  const roles = grantableRoles(me.role);
  const list = useResource(
    (signal) => api.get<Page<AdminUser>>('/api/admin/admins', { signal }).then((r) => r.data.items),
    [],
  );
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [passwordFor, setPasswordFor] = useState<AdminUser | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const [resetError, setResetError] = useState<unknown>(null);
  const [resetBusy, setResetBusy] = useState(false);
  const [resending, setResending] = useState<string | null>(null);
  const [resendError, setResendError] = useState<unknown>(null);

  // What became of an invitation e-mail: sent, or waiting in the outbox for a mail server.
  async function noticeInvitation(email: string, again: boolean) {
    let configured = true;
    try {
      const { data } = await api.get<MessagePage>('/api/admin/messages', { query: { limit: '1' } });
      configured = data.delivery.configured;
    } catch {
      // Unknown: say what was asked for.
    }
    if (configured) {
      notify(again ? `A new invitation was sent to ${email}.` : `Invitation sent to ${email}.`);
    } else {
      notify(
        `The invitation to ${email} waits in the outbox: no mail server is set up yet ` +
          '(Settings → E-mail sending).',
      );
    }
  }

  // A fresh link by e-mail; the server makes the one sent before stop working.
  async function resendInvitation(a: AdminUser) {
    setResending(a.id);
    setResendError(null);
    try {
      await api.post(`/api/admin/admins/${seg(a.id)}/invitation`);
      void noticeInvitation(a.email, true);
    } catch (e) {
      setResendError(e);
    } finally {
      setResending(null);
      list.reload(); // a 409 not_invited means they accepted meanwhile: show that
    }
  }

  async function resetTotp() {
    if (!resetting) return;
    setResetBusy(true);
    setResetError(null);
    try {
      await api.post(`/api/admin/admins/${seg(resetting.id)}/totp/reset`);
      notify(`Two-factor sign-in is off for ${resetting.email}.`);
      setResetting(null);
      list.reload();
    } catch (e) {
      setResetError(e);
    } finally {
      setResetBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="admins-heading">
      <div class="card__header">
        <h2 id="admins-heading">Admin users</h2>
        {!adding && (
          <button type="button" class="button button--primary" onClick={() => setAdding(true)}>
            Add admin
          </button>
        )}
      </div>
      {adding && (
        <AddAdminForm
          roles={roles}
          onCancel={() => setAdding(false)}
          onDone={(a, invited) => {
            setAdding(false);
            if (invited) void noticeInvitation(a.email, false);
            else notify(`${a.email} can now sign in.`);
            list.reload();
          }}
        />
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <ErrorBanner error={resendError} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div class="table-wrap">
          <table class="table table--cards admins-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>E-mail</th>
                <th>Role</th>
                <th>Status</th>
                <th>Two-factor</th>
                <th>Last sign-in</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td data-label="Name">
                    {a.name || '—'}
                    {a.id === me.id && <span class="badge">You</span>}
                  </td>
                  <td data-label="E-mail">{a.email}</td>
                  <td data-label="Role">{kRoleLabels[a.role] ?? a.role}</td>
                  <td data-label="Status">
                    {/* Invited admins cannot sign in yet, so "Active" would mislead. */}
                    {a.invited && a.status === 'active' ? (
                      <span class="badge badge--invited">Invited</span>
                    ) : (
                      <span class={`badge badge--${a.status === 'active' ? 'active' : 'inactive'}`}>
                        {a.status === 'active' ? 'Active' : 'Disabled'}
                      </span>
                    )}
                    {a.invited && a.status !== 'active' && (
                      <span class="badge badge--invited">Invited</span>
                    )}
                  </td>
                  <td data-label="Two-factor">{a.totp_enabled ? 'On' : 'Off'}</td>
                  <td data-label="Last sign-in">{formatDateTime(a.last_login_at)}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={`Edit ${a.email}`}
                      onClick={() => setEditing(a)}
                    >
                      Edit
                    </button>
                    {/* Inviting someone is handing out their role, so only roles one may grant;
                        a disabled admin's invitation ended with the disabling. */}
                    {a.invited && a.status === 'active' && roles.includes(a.role) && (
                      <button
                        type="button"
                        class="button button--small"
                        aria-label={`Resend invitation to ${a.email}`}
                        disabled={resending === a.id}
                        onClick={() => resendInvitation(a)}
                      >
                        Resend invitation
                      </button>
                    )}
                    {/* One's own password and second factor change on Your account; an invited
                        admin chooses theirs from the e-mail. */}
                    {a.id !== me.id && !a.invited && (
                      <button
                        type="button"
                        class="button button--small"
                        aria-label={`Set password for ${a.email}`}
                        onClick={() => setPasswordFor(a)}
                      >
                        Set password
                      </button>
                    )}
                    {a.totp_enabled && a.id !== me.id && (
                      <button
                        type="button"
                        class="button button--small button--danger-outline"
                        aria-label={`Turn off two-factor sign-in for ${a.email}`}
                        onClick={() => {
                          setResetError(null);
                          setResetting(a);
                        }}
                      >
                        Reset two-factor
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <EditAdminDialog
          key={editing.id}
          admin={editing}
          roles={roles}
          self={editing.id === me.id}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            notify('Admin saved.');
            list.reload();
          }}
        />
      )}
      <ConfirmDialog
        open={resetting !== null}
        title={`Turn off two-factor sign-in for ${resetting?.email ?? ''}?`}
        confirmLabel="Turn off"
        danger
        busy={resetBusy}
        error={resetError}
        onConfirm={resetTotp}
        onCancel={() => setResetting(null)}
      >
        <p>
          Do this when they lost their device. They sign in with the password alone until they set
          up an authenticator app again.
        </p>
      </ConfirmDialog>
      {passwordFor && (
        <PasswordDialog
          key={passwordFor.id}
          admin={passwordFor}
          onClose={() => setPasswordFor(null)}
          onDone={() => {
            notify(`New password set for ${passwordFor.email}.`);
            setPasswordFor(null);
          }}
        />
      )}
    </section>
  );
}

function AddAdminForm(props: {
  roles: Role[];
  onCancel: () => void;
  onDone: (a: AdminUser, invited: boolean) => void;
}) {
  const [email, setEmail] = useState('');
  // By e-mail unless asked otherwise: then no one but the new admin ever knows the password.
  const [invite, setInvite] = useState(true);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(
    props.roles.includes('support') ? 'support' : props.roles[0]!,
  );
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<AdminUser>(
        '/api/admin/admins',
        invite ? { email, name, role, invite: true } : { email, name, role, password },
      );
      props.onDone(data ?? ({ email } as AdminUser), invite);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      setBusy(false);
    }
  }

  return (
    <form class="subform" onSubmit={submit} aria-label="Add admin">
      {error && !error.errors.length && <ErrorBanner error={error} />}
      <div class="grid">
        <Field label="E-mail" error={error?.field('email')}>
          {(a) => (
            <input
              {...a}
              name="email"
              type="email"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Name" error={error?.field('name')}>
          {(a) => (
            <input
              {...a}
              name="name"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Role" hint={roleSummary(role)} error={error?.field('role')}>
          {(a) => <RoleSelect {...a} value={role} roles={props.roles} onChange={setRole} />}
        </Field>
      </div>
      <fieldset class="choice-group">
        <legend class="choice-group__legend">First sign-in</legend>
        <div class="radio">
          <input
            type="radio"
            id="add-admin-invite"
            name="add-admin-how"
            checked={invite}
            onChange={() => setInvite(true)}
          />
          <label for="add-admin-invite">
            Send an invitation by e-mail (they choose their own password)
          </label>
        </div>
        <div class="radio">
          <input
            type="radio"
            id="add-admin-password"
            name="add-admin-how"
            checked={!invite}
            onChange={() => setInvite(false)}
          />
          <label for="add-admin-password">Set a password now</label>
        </div>
      </fieldset>
      {!invite && (
        <div class="grid">
          <Field
            label="Password"
            hint="At least 12 characters. Share it safely; they can change it later."
            error={error?.field('password')}
          >
            {(a) => (
              <input
                {...a}
                name="password"
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      )}
      <div class="form-actions">
        <button type="button" class="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" class="button button--primary" disabled={busy}>
          {invite ? 'Send invitation' : 'Add admin'}
        </button>
      </div>
    </form>
  );
}

function EditAdminDialog(props: {
  admin: AdminUser;
  roles: Role[];
  self: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { admin } = props;
  const [name, setName] = useState(admin.name);
  const [role, setRole] = useState<Role>(admin.role);
  const [active, setActive] = useState(admin.status === 'active');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const roles = props.roles.includes(admin.role) ? props.roles : [admin.role, ...props.roles];

  async function save() {
    const body: Record<string, string> = {};
    if (name !== admin.name) body.name = name;
    if (role !== admin.role) body.role = role;
    const status = active ? 'active' : 'disabled';
    if (status !== admin.status) body.status = status;
    if (!Object.keys(body).length) return props.onClose();
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/api/admin/admins/${seg(admin.id)}`, body);
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open
      title={`Edit ${admin.email}`}
      confirmLabel="Save"
      busy={busy}
      error={error && !error.errors.length ? error : null}
      onConfirm={save}
      onCancel={props.onClose}
    >
      <Field label="Name" error={error?.field('name')}>
        {(a) => (
          <input {...a} name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        )}
      </Field>
      <Field label="Role" hint={roleSummary(role)} error={error?.field('role')}>
        {(a) => <RoleSelect {...a} value={role} roles={roles} onChange={setRole} />}
      </Field>
      <label class="checkbox">
        <input
          type="checkbox"
          name="active"
          checked={active}
          disabled={props.self}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <span>Can sign in{props.self ? ' (you cannot disable yourself)' : ''}</span>
      </label>
      {error?.field('status') && <p class="field__error">{error.field('status')}</p>}
    </ConfirmDialog>
  );
}

function PasswordDialog(props: { admin: AdminUser; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/admin/admins/${seg(props.admin.id)}/password`, { password });
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      setBusy(false);
    }
  }
  return (
    <ConfirmDialog
      open
      title={`Set a password for ${props.admin.email}`}
      confirmLabel="Set password"
      busy={busy || !password}
      error={error && !error.errors.length ? error : null}
      onConfirm={save}
      onCancel={props.onClose}
    >
      <Field label="New password" hint="At least 12 characters." error={error?.field('password')}>
        {(a) => (
          <input
            {...a}
            name="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        )}
      </Field>
    </ConfirmDialog>
  );
}

function Tokens() {
  const { admin: me, notify } = useApp();
  const roles = grantableRoles(me.role);
  const list = useResource(
    (signal) => api.get<Page<ApiToken>>('/api/admin/tokens', { signal }).then((r) => r.data.items),
    [],
  );
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('viewer') ? 'viewer' : roles[0]!);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revokeError, setRevokeError] = useState<unknown>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<CreatedToken>('/api/admin/tokens', {
        name: name.trim(),
        role,
      });
      setCreated(data);
      setCopied(false);
      setName('');
      list.reload();
    } catch (err) {
      if (err instanceof ApiError) setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      secretRef.current?.select();
    }
  }

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    setRevokeError(null);
    try {
      await api.del(`/api/admin/tokens/${seg(revoking.id)}`);
      notify(`Token “${revoking.name}” revoked.`);
      setRevoking(null);
      list.reload();
    } catch (err) {
      setRevokeError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p class="muted small">
        Scripts and the store's back end authenticate with <code>Authorization: Bearer TOKEN</code>.
      </p>
      <form class="inline-form" onSubmit={create} aria-label="Create API token">
        <Field label="Token name" error={error?.field('name')}>
          {(a) => (
            <input
              {...a}
              name="token-name"
              placeholder="e.g. Shop sync"
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Token role" error={error?.field('role')}>
          {(a) => <RoleSelect {...a} value={role} roles={roles} onChange={setRole} />}
        </Field>
        <button type="submit" class="button button--primary" disabled={busy || !name.trim()}>
          Create token
        </button>
      </form>
      <p class="muted small" data-testid="token-role-summary">
        {kRoleLabels[role]}: {roleSummary(role)}
      </p>
      {error && !error.errors.length && <ErrorBanner error={error} />}
      {created && (
        <div class="secret" role="status">
          <p>
            <strong>Copy the token “{created.name}” now.</strong> It is shown only once and cannot
            be recovered.
          </p>
          <div class="secret__row">
            <label class="visually-hidden" for="token-secret">
              New token
            </label>
            <input
              id="token-secret"
              ref={secretRef}
              readOnly
              value={created.secret}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" class="button" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" class="button button--link" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <ErrorBanner error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.length === 0 && <p class="empty">No API tokens yet.</p>}
      {list.data && list.data.length > 0 && (
        <div class="table-wrap">
          <table class="table table--cards tokens-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Status</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((t) => (
                <tr key={t.id} class={t.revoked_at ? 'is-muted' : undefined}>
                  <td data-label="Name">{t.name}</td>
                  <td data-label="Role">{kRoleLabels[t.role] ?? t.role}</td>
                  <td data-label="Created">{formatDateTime(t.created_at)}</td>
                  <td data-label="Last used">
                    {t.last_used_at ? formatDateTime(t.last_used_at) : 'Never'}
                  </td>
                  <td data-label="Status">
                    {t.revoked_at ? (
                      <span class="badge badge--inactive">
                        Revoked {formatDateTime(t.revoked_at)}
                      </span>
                    ) : (
                      <span class="badge badge--active">Active</span>
                    )}
                  </td>
                  <td class="row-actions">
                    {!t.revoked_at && (
                      <button
                        type="button"
                        class="button button--small button--danger-outline"
                        aria-label={`Revoke ${t.name}`}
                        onClick={() => {
                          setRevokeError(null);
                          setRevoking(t);
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke token “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        danger
        busy={busy}
        error={revokeError}
        onConfirm={revoke}
        onCancel={() => setRevoking(null)}
      >
        <p>Scripts using it stop working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
