// The customer list's bulk actions on the selected rows: group and tag changes, deactivate and
// restore (POST /api/admin/customers/bulk, all or nothing), and the account tools (login e-mail,
// reset link, guest conversion, ban with a reason, lifting bans), which skip the customers they
// do not apply to and say which and why. The tag is picked from the store's tags: Add tag makes a
// new one only when the picker's "Create tag" option is chosen, Remove tag offers no such option. Whatever mails customers or shuts them out asks first.
// With every row of a page checked and more customers matching, the bar offers all of them: the
// group, tag and status changes then ask with the number, and run as a job over the list's
// filters (POST /api/admin/customers/bulk/matching) whose progress MatchingBulkDialog follows.
import { useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import { JobProgress } from '../components/job-progress';
import { TagPicker } from '../components/tag-picker';
import { ConfirmDialog, ErrorBanner, Link, Modal } from '../components/ui';
import { formatNumber, plural } from '../format';
import { sameTag } from '../tag-names';
import type { BanReason, BulkAction, Group, Job, Tag } from '../types';
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

// The actions that also apply to every customer matching the list (the tools need the rows).
const kMatchingActions: BulkAction[] = [
  'assign_group',
  'add_tags',
  'remove_tags',
  'deactivate',
  'restore',
];

// A change of every customer matching the list: the action with its group or tag.
export interface MatchingChange {
  action: BulkAction;
  groupId: string;
  groupName: string;
  tag: string;
}

interface BulkBarProps {
  ids: string[];
  names: Record<string, string>;
  groups: Group[];
  // The store's tags, to choose from; null while they load.
  tags: Tag[] | null;
  // How many customers match the list, when every row of the page is checked and more match
  // than the page shows; null otherwise.
  matching: number | null;
  // The selection is every matching customer, not the rows.
  allMatching: boolean;
  onSelectMatching: () => void;
  // A change chosen for every matching customer, to confirm and start.
  onChangeMatching: (change: MatchingChange) => void;
  onClear: () => void;
  onDone: (report: BulkReport) => void;
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

export function BulkBar(props: BulkBarProps) {
  const { ids, names, groups, tags, matching, allMatching, onClear, onDone } = props;
  const [action, setAction] = useState<ListAction>('assign_group');
  const [groupId, setGroupId] = useState('');
  const [tag, setTag] = useState('');
  // What the tag box says about text it cannot take.
  const [tagProblem, setTagProblem] = useState<string | null>(null);
  const [reason, setReason] = useState<BanReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);

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
  const actions = allMatching ? kMatchingActions : (Object.keys(kLabels) as ListAction[]);
  return (
    <div class="bulkbar" role="region" aria-label="Bulk actions">
      {allMatching && matching !== null ? (
        <>
          <strong class="bulkbar__count">
            All {plural(matching, 'matching customer', 'matching customers')} selected
          </strong>
          <button type="button" class="button button--link" onClick={onClear}>
            Clear selection
          </button>
        </>
      ) : (
        <>
          <strong class="bulkbar__count">{formatNumber(n)} selected</strong>
          {matching !== null && (
            <button
              type="button"
              class="button button--link"
              onClick={() => {
                // The tools act on rows only.
                if (!kMatchingActions.includes(action as BulkAction)) setAction('assign_group');
                setError(null);
                props.onSelectMatching();
              }}
            >
              Select all {plural(matching, 'matching customer', 'matching customers')}
            </button>
          )}
        </>
      )}
      <form
        class="bulkbar__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          if (allMatching) {
            props.onChangeMatching({
              action: action as BulkAction,
              groupId,
              groupName: groups.find((g) => g.id === groupId)?.name ?? groupId,
              tag: tag.trim(),
            });
          } else if (confirm) setConfirming(true);
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
            const next = e.currentTarget.value as ListAction;
            setAction(next);
            setError(null);
            setTagProblem(null);
            // Only a tag the store has can be removed.
            if (next === 'remove_tags' && !tags?.some((t) => sameTag([t.name], tag) !== null)) {
              setTag('');
            }
          }}
        >
          {actions.map((a) => (
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
            <TagPicker
              // Another action starts the box afresh, without the other's text or message.
              key={action}
              id="bulk-tag"
              single
              tags={tags}
              value={tag ? [tag] : []}
              onChange={(chosen) => setTag(chosen[0] ?? '')}
              create={action === 'add_tags'}
              placeholder={action === 'add_tags' ? 'Find or create a tag' : 'Find a tag'}
              onProblem={setTagProblem}
              aria-invalid={tagProblem ? 'true' : undefined}
              aria-describedby={tagProblem ? 'bulk-tag-problem' : undefined}
            />
            {tagProblem && (
              <span id="bulk-tag-problem" class="field__error bulkbar__problem">
                {tagProblem}
              </span>
            )}
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
        {!allMatching && (
          <button type="button" class="button button--link" onClick={onClear}>
            Clear selection
          </button>
        )}
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

// What the server calls the parts of a change, for its messages about them.
const kChangeFields: Record<string, string> = {
  action: 'Bulk action',
  group_id: 'Group',
  tags: 'Tag',
};

// The question that asks for a change of `n` matching customers.
function matchingQuestion(c: MatchingChange, n: number): string {
  const who = plural(n, 'customer');
  switch (c.action) {
    case 'assign_group':
      return `Move ${who} to the group “${c.groupName}”?`;
    case 'add_tags':
      return `Add tag “${c.tag}” to ${who}?`;
    case 'remove_tags':
      return `Remove tag “${c.tag}” from ${who}?`;
    case 'deactivate':
      return `Deactivate ${who}?`;
    case 'restore':
      return `Restore ${who}?`;
  }
}

// The job's heading while it runs.
function matchingTitle(c: MatchingChange): string {
  switch (c.action) {
    case 'assign_group':
      return `Moving customers to “${c.groupName}”`;
    case 'add_tags':
      return `Adding the tag “${c.tag}”`;
    case 'remove_tags':
      return `Removing the tag “${c.tag}”`;
    case 'deactivate':
      return 'Deactivating customers';
    case 'restore':
      return 'Restoring customers';
  }
}

// What the job did, from result.changed; the customers it reached that were already as asked
// (the tag there, the group theirs) are said apart, so the figure adds up to the total.
export function matchingOutcome(c: MatchingChange, job: Job): string {
  const raw = (job.result as { changed?: unknown }).changed;
  const changed = typeof raw === 'number' ? raw : 0;
  const who = plural(changed, 'customer');
  let text = '';
  switch (c.action) {
    case 'assign_group':
      text = `${who} moved to the group “${c.groupName}”.`;
      break;
    case 'add_tags':
      text = `Tag “${c.tag}” added to ${who}.`;
      break;
    case 'remove_tags':
      text = `Tag “${c.tag}” removed from ${who}.`;
      break;
    case 'deactivate':
      text = `${who} deactivated.`;
      break;
    case 'restore':
      text = `${who} restored.`;
      break;
  }
  const unchanged = job.done - changed;
  if (unchanged > 0) text += ` ${plural(unchanged, 'other customer')} needed no change.`;
  return text;
}

// The confirmation of a change of every customer matching the list, then its job's progress and
// outcome. The job goes on when the dialog is closed; the Jobs page keeps following it.
export function MatchingBulkDialog(props: {
  change: MatchingChange;
  // The exact number of matching customers, as the question names it.
  total: number;
  // The list's parameters as GET /api/admin/customers takes them, without paging or sort.
  filter: Record<string, string>;
  // The label of one of the list's parameters ("country"), for the server's messages.
  filterLabel: (param: string) => string;
  canCancel: boolean;
  onStarted: (job: Job) => void;
  onFinished: (job: Job, outcome: string) => void;
  onClose: (running: boolean) => void;
}) {
  const { change, total } = props;
  const [job, setJob] = useState<Job | null>(null);
  const [finished, setFinished] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);

  async function start(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const body: Record<string, unknown> = { action: change.action, filter: props.filter };
      if (change.action === 'assign_group') body.group_id = change.groupId;
      if (change.action === 'add_tags' || change.action === 'remove_tags') body.tags = [change.tag];
      const { data } = await api.post<Job>('/api/admin/customers/bulk/matching', body);
      setJob(data);
      props.onStarted(data);
    } catch (err) {
      setProblem(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const fieldLabel = (field: string) =>
    field.startsWith('filter.')
      ? props.filterLabel(field.slice('filter.'.length))
      : (kChangeFields[field] ?? field);
  const danger = change.action === 'deactivate';
  return (
    <Modal
      title={job ? `Bulk change of ${plural(total, 'customer')}` : matchingQuestion(change, total)}
      wide={!!job}
      onClose={() => props.onClose(!!job && !finished)}
    >
      {job ? (
        <>
          <JobProgress
            key={job.id}
            job={job}
            title={matchingTitle(change)}
            unit="customers"
            canCancel={props.canCancel}
            onFinished={(j) => {
              setFinished(true);
              props.onFinished(j, matchingOutcome(change, j));
            }}
            result={(j) => {
              if (j.state === 'succeeded') return <p>{matchingOutcome(change, j)}</p>;
              // Stopped part way: the chunks done so far are kept.
              if (j.done > 0 && (j.state === 'cancelled' || j.state === 'failed')) {
                return <p>Before it stopped: {matchingOutcome(change, j)}</p>;
              }
              return null;
            }}
          />
          {!finished && (
            <p class="muted small">
              The change goes on if you close this; the{' '}
              <Link to="/jobs?kind=customer_bulk">Jobs</Link> page follows it.
            </p>
          )}
          <div class="dialog__actions">
            <button type="button" class="button" onClick={() => props.onClose(!finished)}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={start} noValidate>
          <div class="dialog__body">
            {danger && <p>{kConfirm.deactivate?.text}</p>}
            <p>
              The change runs in the background over every customer the list matches now. Customers
              who start or stop matching meanwhile may or may not be included.
            </p>
          </div>
          {problem && (
            <div class="banner banner--error" role="alert">
              <div>
                {problem.detail}
                {problem.errors.length > 0 && (
                  <ul class="banner__list">
                    {problem.errors.map((e) => (
                      <li key={`${e.field}:${e.code}`}>
                        <strong>{fieldLabel(e.field)}</strong>: {e.message}
                      </li>
                    ))}
                  </ul>
                )}
                {problem.requestId && (
                  <span class="muted small"> (request {problem.requestId})</span>
                )}
              </div>
            </div>
          )}
          <div class="dialog__actions">
            <button type="button" class="button" onClick={() => props.onClose(false)}>
              Cancel
            </button>
            <button
              type="submit"
              class={`button ${danger ? 'button--danger' : 'button--primary'}`}
              disabled={busy}
            >
              {busy ? 'Starting…' : kLabels[change.action]}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
