// E-mail to customers: the message log (a customer's Messages tab and the store-wide outbox),
// one message with its content and Resend, the Send e-mail dialog, and the notice shown when
// the server has no SMTP server and messages stay queued.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import {
  ErrorBanner,
  Field,
  focusFirstInvalid,
  Link,
  Loading,
  Modal,
  PageHeader,
} from '../components/ui';
import { dayAfter, formatDateTime, startOfDay } from '../format';
import { useDebounced, useFieldErrors, useResource } from '../hooks';
import { replaceSearch } from '../router';
import { useApp } from '../session';
import type { Delivery, Message, MessagePage, MessageStatus } from '../types';
import { kEmailSectionId } from './email-settings';

export const kTemplateLabels: Record<string, string> = {
  verification: 'E-mail verification',
  welcome: 'Welcome',
  password_reset: 'Password reset',
  ban_notice: 'Ban notice',
  ban_lifted: 'Ban lifted',
  balance_change: 'Balance change',
  account_deleted: 'Account deleted',
  admin_message: 'Written by an admin',
  registration_attempt: 'Registration attempt',
  invitation: 'Invitation',
  email_change: 'New e-mail address',
  email_change_notice: 'E-mail change notice',
  sms_setup_code: 'SMS set-up code',
  sms_sign_in_code: 'SMS sign-in code',
};

// What the log shows as a message's title: its subject, or for an SMS (which has none) "SMS".
function titleOf(m: Message): string {
  return m.channel === 'sms' ? 'SMS' : m.subject;
}

// When a queued message goes out: a time still ahead, or now once it has passed (the sender
// takes due messages as soon as it runs).
export function nextTry(at: string, now = Date.now()): string {
  return Date.parse(at) > now
    ? `next try ${formatDateTime(at)}`
    : 'due now, waiting for the sender';
}

// The log's filters, as the page's URL keeps them (dates as days in the store's time zone).
export const kMessageFilterKeys = ['status', 'recipient', 'subject', 'from', 'to'] as const;
export type MessageFilters = Record<(typeof kMessageFilterKeys)[number], string>;
export const kNoMessageFilters: MessageFilters = {
  status: '',
  recipient: '',
  subject: '',
  from: '',
  to: '',
};
const kDay = /^\d{4}-\d{2}-\d{2}$/;

function apiQuery(f: MessageFilters) {
  return {
    status: f.status || undefined,
    recipient: f.recipient.trim() || undefined,
    subject: f.subject.trim() || undefined,
    from: kDay.test(f.from) ? startOfDay(f.from) : undefined,
    to: kDay.test(f.to) ? startOfDay(dayAfter(f.to)) : undefined,
  };
}

const kStatusLabels: Record<MessageStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <span class={`badge badge--msg-${status}`}>{kStatusLabels[status] ?? status}</span>;
}

// Says why messages stay queued when this server sends no e-mail, with the way to the mail
// server's settings for an admin who may change them.
export function DeliveryNotice({ delivery }: { delivery: Delivery | undefined }) {
  const { can } = useApp();
  if (!delivery || delivery.configured) return null;
  return (
    <div class="banner banner--warning" role="status">
      <div>
        <strong>E-mail is not being sent. </strong>
        {delivery.note}
        {can('manage_settings') && (
          <>
            {' '}
            <Link to={`/settings#${kEmailSectionId}`}>Set up e-mail sending</Link>
          </>
        )}
      </div>
    </div>
  );
}

interface ComposeProps {
  customerId: string;
  customerName: string;
  email: string;
  onClose: () => void;
  onSent: (m: Message) => void;
}

// The e-mail as it will be sent (POST …/messages/preview).
interface ComposePreview {
  to: string;
  to_name: string;
  subject: string;
  body_text: string;
}

// "Send e-mail" from the profile: subject and text; the store's admin_message template wraps it.
// Preview shows the e-mail as the customer will get it, greeting and signature included.
export function ComposeDialog({ customerId, customerName, email, onClose, onSent }: ComposeProps) {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<(ComposePreview & { of: string }) | null>(null);
  const written = JSON.stringify([subject, body]);
  const formRef = useRef<HTMLFormElement>(null);
  const { fieldError, edited } = useFieldErrors(error, (name) =>
    error instanceof ApiError ? error.field(name) : undefined,
  );

  async function showPreview() {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ComposePreview>(
        `/api/admin/customers/${seg(customerId)}/messages/preview`,
        { subject, body },
      );
      setPreview({ ...r.data, of: written });
    } catch (err) {
      setError(err);
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    } finally {
      setBusy(false);
    }
  }

  async function send(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Message>(`/api/admin/customers/${seg(customerId)}/messages`, {
        subject,
        body,
      });
      onSent(r.data);
    } catch (err) {
      setError(err);
      setBusy(false);
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    }
  }

  return (
    <Modal title={`E-mail ${customerName}`} wide onClose={onClose}>
      <form ref={formRef} onSubmit={send} noValidate>
        <p class="muted">
          To: <strong>{email}</strong>
        </p>
        {error instanceof ApiError && !error.errors.length && <ErrorBanner error={error} />}
        {error && !(error instanceof ApiError) && <ErrorBanner error={error} />}
        <Field label="Subject" error={fieldError('subject')}>
          {(a) => (
            <input
              {...a}
              name="subject"
              maxLength={200}
              value={subject}
              onInput={(e) => {
                setSubject(e.currentTarget.value);
                edited('subject');
              }}
            />
          )}
        </Field>
        <Field
          label="Message"
          hint="Plain text. The store's “Written by an admin” template adds the greeting (unless the message opens with one) and the signature."
          error={fieldError('body')}
        >
          {(a) => (
            <textarea
              {...a}
              name="body"
              rows={8}
              value={body}
              onInput={(e) => {
                setBody(e.currentTarget.value);
                edited('body');
              }}
            />
          )}
        </Field>
        {preview && preview.of === written && (
          <section class="compose-preview" aria-label="Preview">
            <h3 class="compose-preview__subject">{preview.subject}</h3>
            <pre class="message-text">{preview.body_text}</pre>
          </section>
        )}
        <div class="dialog__actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" class="button" disabled={busy} onClick={showPreview}>
            Preview
          </button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send e-mail'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// One message: who, when, delivery, and its text and HTML content; Resend.
function MessageDialog(props: { id: string; onClose: () => void; onResent: () => void }) {
  const { can, notify } = useApp();
  const message = useResource(
    (signal) => api.get<Message>(`/api/admin/messages/${seg(props.id)}`, { signal }),
    [props.id],
  );
  const [view, setView] = useState<'text' | 'html'>('text');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const m = message.data?.data;

  async function resend() {
    setBusy(true);
    setError(null);
    try {
      await api.post<Message>(`/api/admin/messages/${seg(props.id)}/resend`);
      notify('The e-mail is queued again.');
      props.onResent();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <Modal title={m ? titleOf(m) : 'Message'} wide onClose={props.onClose}>
      {message.error ? <ErrorBanner error={message.error} onRetry={message.reload} /> : null}
      {!m && !message.error && <Loading />}
      {m && (
        <>
          <dl class="message-meta">
            <dt>To</dt>
            <dd>{m.to_name ? `${m.to_name} <${m.to}>` : m.to}</dd>
            <dt>Status</dt>
            <dd>
              <MessageStatusBadge status={m.status} />{' '}
              {m.sent_at
                ? formatDateTime(m.sent_at)
                : m.status === 'queued' && m.next_attempt_at
                  ? nextTry(m.next_attempt_at)
                  : ''}
              {m.attempts > 0 && <span class="muted"> · {m.attempts} attempt(s)</span>}
            </dd>
            {m.last_error && (
              <>
                <dt>Last error</dt>
                <dd class="message-error">{m.last_error}</dd>
              </>
            )}
            <dt>Template</dt>
            <dd>
              {kTemplateLabels[m.template] ?? m.template} ({m.language})
            </dd>
            <dt>Written</dt>
            <dd>{formatDateTime(m.created_at)}</dd>
            <dt>Message-ID</dt>
            <dd class="small">{m.message_id}</dd>
          </dl>
          {m.body_html ? (
            <div class="segmented" role="group" aria-label="Show">
              <button
                type="button"
                class="button button--small"
                aria-pressed={view === 'text'}
                onClick={() => setView('text')}
              >
                Text
              </button>
              <button
                type="button"
                class="button button--small"
                aria-pressed={view === 'html'}
                onClick={() => setView('html')}
              >
                HTML
              </button>
            </div>
          ) : null}
          {view === 'html' && m.body_html ? (
            // No scripts, no same-origin access: the HTML is shown, never run.
            <iframe class="message-html" title="HTML content" sandbox="" srcDoc={m.body_html} />
          ) : (
            <pre class="message-text">{m.body_text}</pre>
          )}
        </>
      )}
      <ErrorBanner error={error} />
      <div class="dialog__actions">
        {m && can('send_messages') && m.status === 'queued' && (
          <p class="muted" role="note">
            Not sent yet: it goes out as soon as e-mail sending works. Resend it once it is sent or
            has failed.
          </p>
        )}
        {m && can('send_messages') && m.status !== 'queued' && (
          <button type="button" class="button" disabled={busy} onClick={resend}>
            {busy ? 'Queueing…' : 'Resend'}
          </button>
        )}
        <button type="button" class="button button--primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}

// The message log behind a URL (a customer's or the store's), newest first, with filters by
// status, recipient (the store's log), subject and day, and "Load more".
export function MessageLog(props: {
  url: string;
  showCustomer?: boolean;
  filters: MessageFilters;
  onFilters: (f: MessageFilters) => void;
  emptyText: string;
}) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [items, setItems] = useState<Message[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const settled = useDebounced(props.filters, 250);
  const key = JSON.stringify(settled);
  const cursor = cursors[cursors.length - 1];
  const page = useResource(
    async (signal) => {
      const { data } = await api.get<MessagePage>(props.url, {
        signal,
        query: { cursor, limit: 50, ...apiQuery(settled) },
      });
      setItems((old) => (cursor ? [...old, ...data.items] : data.items));
      return data;
    },
    [props.url, key, cursor, version],
  );
  const reset = () => {
    setCursors([]);
    setVersion((v) => v + 1);
  };
  const set = (k: keyof MessageFilters, v: string) => {
    setCursors([]);
    props.onFilters({ ...props.filters, [k]: v });
  };
  const filtered = kMessageFilterKeys.some((k) => props.filters[k] !== '');

  return (
    <div>
      <DeliveryNotice delivery={page.data?.delivery} />
      <form class="filters filters--always" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>Status</span>
          <select
            name="status"
            value={props.filters.status}
            onChange={(e) => set('status', e.currentTarget.value)}
          >
            <option value="">All</option>
            <option value="queued">Queued</option>
            <option value="sent">Sent</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        {props.showCustomer && (
          <label>
            <span>Recipient</span>
            <input
              type="search"
              name="recipient"
              placeholder="Name or e-mail"
              maxLength={200}
              value={props.filters.recipient}
              onInput={(e) => set('recipient', e.currentTarget.value)}
            />
          </label>
        )}
        <label>
          <span>Subject</span>
          <input
            type="search"
            name="subject"
            maxLength={200}
            value={props.filters.subject}
            onInput={(e) => set('subject', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>From</span>
          <input
            type="date"
            name="from"
            value={props.filters.from}
            onChange={(e) => set('from', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>To</span>
          <input
            type="date"
            name="to"
            value={props.filters.to}
            onChange={(e) => set('to', e.currentTarget.value)}
          />
        </label>
        <div class="filters__actions">
          {filtered && (
            <button
              type="button"
              class="button button--small"
              onClick={() => {
                setCursors([]);
                props.onFilters(kNoMessageFilters);
              }}
            >
              Clear filters
            </button>
          )}
          <button type="button" class="button button--small" onClick={reset}>
            Refresh
          </button>
        </div>
      </form>
      {page.error && !items.length ? (
        <ErrorBanner error={page.error} onRetry={page.reload} />
      ) : page.loading && !items.length ? (
        <Loading />
      ) : !items.length ? (
        <p class="empty">{filtered ? 'No e-mail matches these filters.' : props.emptyText}</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--cards messages-table">
            <thead>
              <tr>
                <th scope="col">Written</th>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td data-label="Written">
                    <time dateTime={m.created_at}>{formatDateTime(m.created_at)}</time>
                  </td>
                  <td data-label="Subject">
                    <button type="button" class="link-button" onClick={() => setOpen(m.id)}>
                      {titleOf(m)}
                    </button>
                  </td>
                  <td data-label="To">
                    {props.showCustomer && m.customer_id ? (
                      <Link to={`/customers/${m.customer_id}`}>{m.to_name || m.to}</Link>
                    ) : (
                      m.to
                    )}
                  </td>
                  <td data-label="Kind">{kTemplateLabels[m.template] ?? m.template}</td>
                  <td data-label="Status">
                    <MessageStatusBadge status={m.status} />
                    {m.status === 'queued' && m.next_attempt_at && (
                      <div class="small muted">{nextTry(m.next_attempt_at)}</div>
                    )}
                    {m.status !== 'sent' && m.last_error && (
                      <div class="small message-error">{m.last_error}</div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length > 0 && <ErrorBanner error={page.error} onRetry={page.reload} />}
      {page.data?.next_cursor && items.length > 0 && (
        <button
          type="button"
          class="button"
          disabled={page.loading}
          onClick={() => page.data?.next_cursor && setCursors([...cursors, page.data.next_cursor])}
        >
          {page.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
      {open && (
        <MessageDialog
          id={open}
          onClose={() => setOpen(null)}
          onResent={() => {
            setOpen(null);
            reset();
          }}
        />
      )}
    </div>
  );
}

// The Messages tab of a profile.
export function MessagesTab({ customerId, version }: { customerId: string; version: number }) {
  const [filters, setFilters] = useState<MessageFilters>(kNoMessageFilters);
  return (
    <MessageLog
      key={version}
      url={`/api/admin/customers/${seg(customerId)}/messages`}
      filters={filters}
      onFilters={setFilters}
      emptyText="No e-mail has been sent to this customer yet."
    />
  );
}

// The store-wide outbox: every e-mail, filterable by status to spot delivery failures, and by
// recipient, subject and day; the filters are in the URL.
export function MessagesPage({ search }: { search: string }) {
  const [filters, setFilters] = useState<MessageFilters>(() => {
    const p = new URLSearchParams(search);
    const f = { ...kNoMessageFilters };
    for (const k of kMessageFilterKeys) f[k] = p.get(k) ?? '';
    return f;
  });
  const change = (f: MessageFilters) => {
    setFilters(f);
    const p = new URLSearchParams();
    for (const k of kMessageFilterKeys) if (f[k]) p.set(k, f[k]);
    const q = p.toString();
    replaceSearch(q ? `?${q}` : '');
  };
  return (
    <section>
      <PageHeader title="Messages" />
      <p class="muted">
        Every e-mail the store sends, newest first. Filter by “Failed” to find deliveries that did
        not arrive.
      </p>
      <MessageLog
        url="/api/admin/messages"
        showCustomer
        filters={filters}
        onFilters={change}
        emptyText="No e-mail matches."
      />
    </section>
  );
}
