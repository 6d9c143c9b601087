// E-mail sending on the Settings page: the mail server the store sends through (saved by the
// server, in force at once), whether e-mail is being sent now, and a test e-mail. A server started
// with --smtp-host keeps its command-line options; the saved ones then wait.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { Checkbox, ErrorBanner, Field, FormErrors, Loading, focusProblem } from '../components/ui';
import { useFieldErrors, useResource } from '../hooks';
import { useApp } from '../session';
import type { EmailSettings, EmailTls } from '../types';
import './email-settings.css';

// The fragment that links (such as the Messages page's notice) open this section with.
export const kEmailSectionId = 'email-sending';

const kTlsModes: Array<{ tls: EmailTls; label: string }> = [
  { tls: 'starttls', label: 'STARTTLS' },
  { tls: 'tls', label: 'TLS' },
  { tls: 'none', label: 'None' },
];

const kFields = ['host', 'port', 'tls', 'user', 'password', 'from_address', 'from_name'];

// What the form edits: the port as typed, and a password only when one is typed.
interface Draft {
  host: string;
  port: string;
  tls: EmailTls;
  user: string;
  password: string;
  removePassword: boolean;
  from_address: string;
  from_name: string;
}

function draftOf(s: EmailSettings): Draft {
  return {
    host: s.host,
    port: String(s.port),
    tls: s.tls,
    user: s.user,
    password: '',
    removePassword: false,
    from_address: s.from_address,
    from_name: s.from_name,
  };
}

export function EmailSettingsSection() {
  const email = useResource(
    (signal) => api.get<EmailSettings>('/api/admin/settings/email', { signal }).then((r) => r.data),
    [],
  );
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const loaded = !!email.data;

  // Opened as /settings#email-sending: bring the section into view and put the focus on it,
  // once it is there (the page above has loaded already).
  useEffect(() => {
    if (!loaded || window.location.hash !== `#${kEmailSectionId}`) return;
    const heading = document.getElementById(headingId);
    heading?.focus({ preventScroll: true });
    sectionRef.current?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  return (
    <section
      ref={sectionRef}
      id={kEmailSectionId}
      class="card settings-form email-settings"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} tabIndex={-1}>
        E-mail sending
      </h2>
      {email.error && !email.data ? (
        <ErrorBanner error={email.error} onRetry={email.reload} />
      ) : !email.data ? (
        <Loading />
      ) : (
        <EmailSettingsForm stored={email.data} onSaved={email.setData} />
      )}
    </section>
  );
}

function EmailSettingsForm(props: { stored: EmailSettings; onSaved: (s: EmailSettings) => void }) {
  const { stored } = props;
  const { notify } = useApp();
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { fieldError, edited } = useFieldErrors(error, (name) => error?.field(name));
  const formRef = useRef<HTMLFormElement>(null);
  const saved = draftOf(stored);
  const changed = (Object.keys(draft) as (keyof Draft)[]).some((k) => draft[k] !== saved[k]);

  // Resolves true once saved; false when the form shows why not.
  async function save(): Promise<boolean> {
    const port = draft.port.trim();
    if (!/^\d{1,6}$/.test(port)) {
      setError(
        new ApiError({
          status: 422,
          code: 'validation_failed',
          errors: [
            { field: 'port', code: 'invalid', message: 'Enter a port number, such as 587.' },
          ],
        }),
      );
      requestAnimationFrame(() => focusProblem(formRef.current));
      return false;
    }
    const body: Record<string, string | number> = {
      host: draft.host.trim(),
      port: Number(port),
      tls: draft.tls,
      user: draft.user.trim(),
      from_address: draft.from_address.trim(),
      from_name: draft.from_name.trim(),
    };
    // Left out, the stored password stays; "" removes it.
    if (draft.removePassword) body.password = '';
    else if (draft.password) body.password = draft.password;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.put<EmailSettings>('/api/admin/settings/email', body);
      setDraft(draftOf(data));
      props.onSaved(data);
      notify('E-mail settings saved.');
      return true;
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      requestAnimationFrame(() => focusProblem(formRef.current));
      return false;
    } finally {
      setBusy(false);
    }
  }
  useUnsavedChanges(changed, save);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    edited(k === 'removePassword' ? 'password' : k);
  };

  return (
    <>
      <p class="email-settings__status" role="status">
        {!stored.configured
          ? 'E-mail is not being sent.'
          : stored.server
            ? `E-mail is sent through ${stored.server}.`
            : 'E-mail is being sent.'}
      </p>
      {stored.overridden && (
        <div class="banner banner--warning">
          <div>
            The server was started with mail options on its command line (--smtp-host), and those
            are in force. The settings saved here wait until the server is started without them.
          </div>
        </div>
      )}
      <form
        ref={formRef}
        class="email-settings__form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <FormErrors error={error} fields={kFields} />
        <Field
          label="Mail server"
          hint="The SMTP server's name, such as smtp.example.com. Empty: no e-mail is sent."
          error={fieldError('host')}
        >
          {(a) => (
            <input
              {...a}
              name="host"
              autoComplete="off"
              autoCapitalize="off"
              spellcheck={false}
              value={draft.host}
              onInput={(e) => set('host', e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="email-settings__row">
          <Field
            label="Port"
            hint="Usually 587 with STARTTLS, 465 with TLS."
            error={fieldError('port')}
          >
            {(a) => (
              <input
                {...a}
                name="port"
                class="input--short"
                inputMode="numeric"
                autoComplete="off"
                value={draft.port}
                onInput={(e) => set('port', e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Encryption" error={fieldError('tls')}>
            {(a) => (
              <select
                {...a}
                name="tls"
                value={draft.tls}
                onChange={(e) => set('tls', e.currentTarget.value as EmailTls)}
              >
                {kTlsModes.map((m) => (
                  <option key={m.tls} value={m.tls}>
                    {m.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label="User name"
          hint="For servers that ask to sign in; empty for none."
          error={fieldError('user')}
        >
          {(a) => (
            <input
              {...a}
              name="smtp_user"
              autoComplete="off"
              autoCapitalize="off"
              spellcheck={false}
              value={draft.user}
              onInput={(e) => set('user', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Password"
          hint={stored.password_set ? 'Stored — leave empty to keep it.' : undefined}
          error={fieldError('password')}
        >
          {(a) => (
            <input
              {...a}
              type="password"
              name="smtp_password"
              // Not the admin's own password: the browser should not fill it in.
              autoComplete="new-password"
              placeholder={stored.password_set ? 'Stored — leave empty to keep it' : ''}
              disabled={draft.removePassword}
              value={draft.password}
              onInput={(e) => set('password', e.currentTarget.value)}
            />
          )}
        </Field>
        {stored.password_set && (
          <Checkbox
            name="remove_password"
            label="Remove the stored password"
            checked={draft.removePassword}
            onChange={(v) => setDraft((d) => ({ ...d, removePassword: v, password: '' }))}
          />
        )}
        <Field
          label="Sender address"
          hint="The From address of the store's e-mails."
          error={fieldError('from_address')}
        >
          {(a) => (
            <input
              {...a}
              type="email"
              name="from_address"
              autoComplete="off"
              spellcheck={false}
              value={draft.from_address}
              onInput={(e) => set('from_address', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Sender name"
          hint="Shown beside the address, such as the store's name."
          error={fieldError('from_name')}
        >
          {(a) => (
            <input
              {...a}
              name="from_name"
              autoComplete="off"
              value={draft.from_name}
              onInput={(e) => set('from_name', e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="form-actions">
          <button
            type="button"
            class="button"
            disabled={!changed || busy}
            onClick={() => {
              setDraft(saved);
              setError(null);
            }}
          >
            Discard
          </button>
          <button type="submit" class="button button--primary" disabled={!changed || busy}>
            {busy ? 'Saving…' : 'Save e-mail settings'}
          </button>
        </div>
      </form>
      <TestEmail stored={stored} unsaved={changed} />
    </>
  );
}

// The test goes out with the settings in force, so edits not saved yet would not be tried.
function TestEmail({ stored, unsaved }: { stored: EmailSettings; unsaved: boolean }) {
  const { admin } = useApp();
  const [to, setTo] = useState(admin.email ?? '');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ sent: string } | { error: ApiError } | null>(null);
  const id = useId();
  const toError = result && 'error' in result ? result.error.field('to') : undefined;
  const reason = unsaved
    ? 'Save the changes first: the test uses the settings in force.'
    : !stored.configured
      ? 'Enter a mail server and save it first.'
      : '';

  async function send() {
    setBusy(true);
    setResult(null);
    try {
      const { data } = await api.post<{ sent: boolean; to: string; server: string }>(
        '/api/admin/settings/email/test',
        { to: to.trim() },
      );
      setResult({ sent: data.to || to.trim() });
    } catch (err) {
      if (err instanceof ApiError) setResult({ error: err });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="form-section email-test"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason && !busy) void send();
      }}
      noValidate
    >
      <h3 id={`${id}-title`}>Send a test e-mail</h3>
      <div class="email-test__row">
        <Field label="Test address" error={toError}>
          {(a) => (
            <input
              {...a}
              type="email"
              name="test_to"
              autoComplete="email"
              spellcheck={false}
              value={to}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          )}
        </Field>
        <button
          type="submit"
          class="button"
          disabled={!!reason || busy}
          aria-describedby={reason ? `${id}-reason` : undefined}
        >
          {busy ? 'Sending…' : 'Send a test e-mail'}
        </button>
      </div>
      {reason && (
        <p class="field__hint" id={`${id}-reason`}>
          {reason}
        </p>
      )}
      <div class="email-test__result" aria-live="polite">
        {result && 'sent' in result && (
          <p class="email-test__sent">Test e-mail sent to {result.sent}.</p>
        )}
        {result && 'error' in result && !toError && (
          <p class="field__error">{result.error.detail}</p>
        )}
      </div>
    </form>
  );
}
