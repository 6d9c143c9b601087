// Bans on the customer profile: the Ban dialog (a reason and a note that goes into the customer's
// ban_notice e-mail), the banner of a banned customer (why, by whom, when) and lifting the ban
// with a confirmation. Both writes send If-Match with the profile's ETag.
import { useState } from 'preact/hooks';
import { api, ApiError, seg, type FieldProblem } from '../api';
import { ConfirmDialog, Field, focusFirstInvalid } from '../components/ui';
import { formatDate } from '../format';
import type { Ban, BanReason, Customer } from '../types';

// The reasons as the server's ban notice names them (src/modules/moderation/model.cpp).
export const kBanReasons: Array<[BanReason, string]> = [
  ['refused_deliveries', 'Refused deliveries'],
  ['return_abuse', 'Return abuse or fraud'],
  ['abusive_to_staff', 'Abusive behaviour towards our staff'],
  ['fake_orders', 'Fake orders'],
  ['other', 'Other'],
];

export function banReasonLabel(reason: string): string {
  return kBanReasons.find(([r]) => r === reason)?.[1] ?? reason.replace(/_/g, ' ');
}

// "Refused deliveries — Three parcels": the reason and, when there is one, the note.
export function banSummary(ban: Ban): string {
  return ban.note ? `${banReasonLabel(ban.reason)} — ${ban.note}` : banReasonLabel(ban.reason);
}

const kMaxNote = 500;

interface Loaded {
  customer: Customer;
  etag: string | null;
}

// A 412 in words: someone changed (or banned, or lifted the ban on) the customer meanwhile.
function preconditionError(e: ApiError): ApiError {
  const detail =
    e.code === 'already_banned'
      ? 'Someone else banned this customer just now. Close to see the ban.'
      : e.code === 'not_banned'
        ? 'Someone else lifted this ban just now. Close to see the customer.'
        : 'Someone else changed this customer just now. Close, reload and try again.';
  return new ApiError({ status: 412, code: e.code, detail });
}

function headersFor(etag: string | null): Record<string, string> {
  return etag ? { 'if-match': etag } : {};
}

// Who banned: the admin's name as the server gives it, or "an API token".
function bannedBy(ban: Ban): string {
  if (ban.banned_by.type === 'api_token') return 'an API token';
  return ban.banned_by.name?.trim() || 'an admin';
}

// The notice at the top of a banned customer's profile, with Lift ban for those who may edit.
export function BanBanner(props: { customer: Customer; onLift?: () => void }) {
  const ban = props.customer.ban;
  if (!ban) return null;
  const by = bannedBy(ban);
  return (
    <div class="banner banner--error ban-banner" data-testid="ban-banner">
      <p>
        <strong>Banned</strong> · {banSummary(ban)} · by {by} on{' '}
        <time dateTime={ban.banned_at}>{formatDate(ban.banned_at)}</time>
      </p>
      {props.onLift && (
        <button type="button" class="button button--small" onClick={props.onLift}>
          Lift ban
        </button>
      )}
    </div>
  );
}

interface DialogProps {
  open: boolean;
  loaded: Loaded;
  name: string;
  onDone: (next: Loaded) => void;
  onClose: (reload: boolean) => void;
}

// "Ban…": a reason (required), a note (required for Other) and the Ban button.
export function BanDialog({ open, loaded, name, onDone, onClose }: DialogProps) {
  const { customer, etag } = loaded;
  const [reason, setReason] = useState<BanReason | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    // A fresh form each time the dialog opens.
    setWasOpen(open);
    if (open) {
      setReason('');
      setNote('');
      setError(null);
    }
  }

  const noteLength = [...note.trim()].length;

  function fail(e: ApiError) {
    setError(e);
    setTimeout(() => focusFirstInvalid(document.querySelector('.ban-dialog')), 0);
  }

  async function ban() {
    const errors: FieldProblem[] = [];
    if (!reason) errors.push({ field: 'reason', code: 'required', message: 'Choose a reason.' });
    if (reason === 'other' && !noteLength) {
      errors.push({
        field: 'note',
        code: 'required',
        message: 'Say why: the customer reads it in the e-mail.',
      });
    }
    if (noteLength > kMaxNote) {
      errors.push({
        field: 'note',
        code: 'too_long',
        message: 'A note is at most 500 characters.',
      });
    }
    if (errors.length) {
      fail(new ApiError({ status: 422, code: 'invalid', detail: 'Check the form.', errors }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Customer>(
        `/api/admin/customers/${seg(customer.id)}/ban`,
        { reason, note: note.trim() },
        { headers: headersFor(etag) },
      );
      onDone({ customer: r.data, etag: r.etag });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setError(preconditionError(e));
      else if (e instanceof ApiError) fail(e);
      else setError(new ApiError({ status: 0, code: 'unknown', detail: String(e) }));
    } finally {
      setBusy(false);
    }
  }

  const reasonError = error?.field('reason');
  const noteError = error?.field('note');
  const generalError = error && !error.errors.length ? error : null;
  return (
    <ConfirmDialog
      open={open}
      title={`Ban ${name}?`}
      confirmLabel={busy ? 'Banning…' : 'Ban'}
      danger
      busy={busy}
      error={generalError}
      onConfirm={ban}
      onCancel={() => onClose(error?.status === 412)}
    >
      <div class="ban-dialog">
        <p>
          The customer is signed out everywhere and can no longer sign in, register again with this
          address or check out as a guest. They get an e-mail with the reason.
        </p>
        <fieldset
          class="choice-group"
          aria-describedby={reasonError ? 'ban-reason-error' : undefined}
        >
          <legend class="choice-group__legend">Reason</legend>
          {kBanReasons.map(([r, label]) => (
            <div class="radio" key={r}>
              <input
                type="radio"
                id={`ban-reason-${r}`}
                name="ban_reason"
                value={r}
                checked={reason === r}
                {...(reasonError ? { 'aria-invalid': 'true' as const } : {})}
                onChange={() => {
                  setReason(r);
                  if (error) setError(null);
                }}
              />
              <label for={`ban-reason-${r}`}>{label}</label>
            </div>
          ))}
          {reasonError && (
            <p class="field__error" id="ban-reason-error">
              {reasonError}
            </p>
          )}
        </fieldset>
        <Field
          label={reason === 'other' ? 'Note (required)' : 'Note (optional)'}
          hint={`The customer reads this in the e-mail${
            reason && reason !== 'other' ? ', after the reason' : ''
          }. ${noteLength} of ${kMaxNote} characters.`}
          error={noteError}
        >
          {(a) => (
            <textarea
              {...a}
              name="note"
              rows={3}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </ConfirmDialog>
  );
}

// "Lift ban": a confirmation, then the customer is active again.
export function LiftBanDialog({ open, loaded, name, onDone, onClose }: DialogProps) {
  const { customer, etag } = loaded;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setError(null);
  }

  async function lift() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Customer>(
        `/api/admin/customers/${seg(customer.id)}/ban/lift`,
        undefined,
        { headers: headersFor(etag) },
      );
      onDone({ customer: r.data, etag: r.etag });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412 ? preconditionError(e) : e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      open={open}
      title={`Lift the ban on ${name}?`}
      confirmLabel={busy ? 'Lifting…' : 'Lift ban'}
      busy={busy}
      error={error}
      onConfirm={lift}
      onCancel={() => onClose(error instanceof ApiError && error.status === 412)}
    >
      <p>The customer can sign in and shop again and gets an e-mail saying so.</p>
    </ConfirmDialog>
  );
}
