// The customer list's bulk actions on the selected rows: group and tag changes, deactivate and
// restore (POST /api/admin/customers/bulk, all or nothing), and the account tools (login e-mail,
// reset link, guest conversion, ban with a reason, lifting bans), which skip the customers they
// do not apply to and say which and why. Whatever mails customers or shuts them out asks first.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ConfirmDialog, ErrorBanner } from '../components/ui';
import { formatNumber } from '../format';
import type { BanReason, BulkAction, Group, Tag } from '../types';
import { kBanReasons } from './bans';

type ToolAction = 'login_email' | 'password_reset' | 'convert' | 'ban' | 'lift_ban';
type ListAction = BulkAction | ToolAction;

const kLabels: Record<ListAction, string> = {
  assign_group: 'Assign group',
  add_tags: 'Add tag',
  remove_tags: 'Remove tag',
  deactivate: 'Deactivate',
  restore: 'Restore',
  login_email: 'Send login e-mail',
  password_reset: 'Send password reset',
  convert: 'Convert guests to accounts',
  ban: 'Ban…',
  lift_ban: 'Lift ban',
};

const kToolPaths: Record<ToolAction, string> = {
  login_email: '/api/admin/customers/bulk/login-email',
  password_reset: '/api/admin/customers/bulk/password-reset',
  convert: '/api/admin/customers/bulk/convert',
  ban: '/api/admin/customers/bulk/ban',
  lift_ban: '/api/admin/customers/bulk/ban/lift',
};

// What each confirmation says will happen.
const kConfirm: Partial<
  Record<ListAction, { title: string; verb: string; text: string; danger?: boolean }>
> = {
  deactivate: {
    title: 'Deactivate {who}?',
    verb: 'Deactivate',
    text: 'They can no longer sign in or buy. Everything is kept, and you can restore them at any time.',
    danger: true,
  },
  login_email: {
    title: 'Send the login e-mail to {who}?',
    verb: 'Send',
    text: 'Customers without a password get the invitation to choose one (valid 7 days); the others get sign-in instructions.',
  },
  password_reset: {
    title: 'Send a password reset to {who}?',
    verb: 'Send',
    text: 'Each gets a link to choose a new password, valid one hour. Their passwords keep working until they use it.',
  },
  convert: {
    title: 'Convert {who} to accounts?',
    verb: 'Convert',
    text: 'Each guest record becomes an account with its history, and gets the invitation to choose a password.',
  },
  ban: {
    title: 'Ban {who}?',
    verb: 'Ban',
    text: 'They are signed out everywhere, cannot sign in, register or check out as guests, and get the ban notice with the reason.',
    danger: true,
  },
  lift_ban: {
    title: 'Lift the ban of {who}?',
    verb: 'Lift ban',
    text: 'They can sign in again and get an e-mail saying so.',
  },
};

interface ToolAnswer {
  done: number;
  results: Record<string, number>;
  skipped: Array<{ id: string; code: string; detail: string }>;
}

// What a bulk action did, for the list to show until dismissed.
export interface BulkReport {
  message: string;
  skipped: Array<{ name: string; detail: string }>;
}

interface BulkBarProps {
  ids: string[];
  names: Record<string, string>;
  groups: Group[];
  tags: Tag[];
  onClear: () => void;
  onDone: (report: BulkReport) => void;
}

function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function toolMessage(action: ToolAction, a: ToolAnswer): string {
  const r = a.results;
  switch (action) {
    case 'login_email': {
      const parts = [];
      if (r.invitation) parts.push(plural(r.invitation, 'invitation', 'invitations'));
      if (r.sign_in_instructions)
        parts.push(`${formatNumber(r.sign_in_instructions)} sign-in instructions`);
      return parts.length ? `Sent ${parts.join(' and ')}.` : 'No e-mail was sent.';
    }
    case 'password_reset':
      return `Sent ${plural(a.done, 'reset link', 'reset links')}.`;
    case 'convert':
      return `${plural(a.done, 'guest', 'guests')} converted to accounts.`;
    case 'ban':
      return `${plural(a.done, 'customer', 'customers')} banned.`;
    case 'lift_ban':
      return `Lifted the ban of ${plural(a.done, 'customer', 'customers')}.`;
  }
}

export function BulkBar({ ids, names, groups, tags, onClear, onDone }: BulkBarProps) {
  const [action, setAction] = useState<ListAction>('assign_group');
  const [groupId, setGroupId] = useState('');
  const [tag, setTag] = useState('');
  const [reason, setReason] = useState<BanReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const tagInput = useRef<HTMLInputElement>(null);

  const needsGroup = action === 'assign_group';
  const needsTag = action === 'add_tags' || action === 'remove_tags';
  const needsReason = action === 'ban';
  const ready =
    (!needsGroup || groupId !== '') &&
    (!needsTag || tag.trim() !== '') &&
    (!needsReason || (reason !== '' && (reason !== 'other' || note.trim() !== '')));

  async function run() {
    setBusy(true);
    setError(null);
    try {
      if (action in kToolPaths) {
        const tool = action as ToolAction;
        const body: Record<string, unknown> = { ids };
        if (tool === 'ban') {
          body.reason = reason;
          if (note.trim()) body.note = note.trim();
        }
        const { data } = await api.post<ToolAnswer>(kToolPaths[tool], body);
        const answer = data ?? { done: 0, results: {}, skipped: [] };
        setConfirming(false);
        onDone({
          message: toolMessage(tool, answer),
          skipped: answer.skipped.map((s) => ({ name: names[s.id] || s.id, detail: s.detail })),
        });
      } else {
        const body: Record<string, unknown> = { ids, action };
        if (needsGroup) body.group_id = groupId;
        if (needsTag) body.tags = [tag.trim()];
        const { data } = await api.post<{ updated: number }>('/api/admin/customers/bulk', body);
        setConfirming(false);
        const n = data?.updated ?? ids.length;
        onDone({ message: `${plural(n, 'customer', 'customers')} updated.`, skipped: [] });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const n = ids.length;
  const who = `${formatNumber(n)} selected ${n === 1 ? 'customer' : 'customers'}`;
  const confirm = kConfirm[action];
  return (
    <div class="bulkbar" role="region" aria-label="Bulk actions">
      <strong class="bulkbar__count">{formatNumber(n)} selected</strong>
      <form
        class="bulkbar__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          if (confirm) setConfirming(true);
          else void run();
        }}
      >
        <label class="visually-hidden" for="bulk-action">
          Bulk action
        </label>
        <select
          id="bulk-action"
          value={action}
          onChange={(e) => {
            setAction(e.currentTarget.value as ListAction);
            setError(null);
          }}
        >
          {(Object.keys(kLabels) as ListAction[]).map((a) => (
            <option key={a} value={a}>
              {kLabels[a]}
            </option>
          ))}
        </select>
        {needsGroup && (
          <>
            <label class="visually-hidden" for="bulk-group">
              Group
            </label>
            <select
              id="bulk-group"
              value={groupId}
              onChange={(e) => setGroupId(e.currentTarget.value)}
            >
              <option value="">Choose a group…</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </>
        )}
        {needsTag && (
          <>
            <label class="visually-hidden" for="bulk-tag">
              Tag
            </label>
            <input
              id="bulk-tag"
              ref={tagInput}
              list="bulk-tag-names"
              placeholder="Tag name"
              value={tag}
              onInput={(e) => setTag(e.currentTarget.value)}
            />
            <datalist id="bulk-tag-names">
              {tags.map((t) => (
                <option key={t.id} value={t.name} />
              ))}
            </datalist>
          </>
        )}
        {needsReason && (
          <>
            <label class="visually-hidden" for="bulk-ban-reason">
              Reason
            </label>
            <select
              id="bulk-ban-reason"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value as BanReason)}
            >
              <option value="">Choose a reason…</option>
              {kBanReasons.map(([r, label]) => (
                <option key={r} value={r}>
                  {label}
                </option>
              ))}
            </select>
            <label class="visually-hidden" for="bulk-ban-note">
              Note for the e-mail
            </label>
            <input
              id="bulk-ban-note"
              maxLength={500}
              placeholder={
                reason === 'other' ? 'Say why (required)' : 'Note for the e-mail (optional)'
              }
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </>
        )}
        <button type="submit" class="button button--primary" disabled={!ready || busy}>
          Apply
        </button>
        <button type="button" class="button button--link" onClick={onClear}>
          Clear selection
        </button>
      </form>
      {!confirming && error instanceof ApiError && <ErrorBanner error={error} />}
      {confirm && (
        <ConfirmDialog
          open={confirming}
          title={confirm.title.replace('{who}', who)}
          confirmLabel={confirm.verb}
          danger={confirm.danger}
          busy={busy}
          error={error}
          onConfirm={run}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
        >
          <p>{confirm.text}</p>
          {action !== 'deactivate' && (
            <p class="muted">Customers it does not apply to are skipped, and the list says why.</p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
