// E-mail templates (Settings): the texts of every e-mail the store sends, per language, with
// their placeholders, a preview with sample data, and "back to the built-in text". Another
// template or language asks first while the open one has unsaved edits.
import { useState } from 'preact/hooks';
import { api, ApiError, seg } from '../api';
import { focusUnresolved, InlinePicker } from '../components/picker';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { ConfirmDialog, ErrorBanner, Field, Link, Loading, PageHeader } from '../components/ui';
import { useResource } from '../hooks';
import { kLanguages } from '../languages';
import { mayLeave } from '../router';
import { useApp } from '../session';
import type { EmailTemplate, EmailTemplateInfo } from '../types';

interface TemplateList {
  items: EmailTemplateInfo[];
  common_placeholders: string[];
}

interface Preview {
  subject: string;
  body_text: string;
  body_html: string;
}

export function EmailTemplatesPage() {
  const { settings } = useApp();
  const list = useResource(
    (signal) => api.get<TemplateList>('/api/admin/email-templates', { signal }).then((r) => r.data),
    [],
  );
  const [selected, setSelected] = useState('admin_message');
  const [language, setLanguage] = useState(settings.default_language || 'en');
  const [languageDraft, setLanguageDraft] = useState(language);

  if (list.error && !list.data) {
    return (
      <section>
        <PageHeader title="E-mail templates" />
        <ErrorBanner error={list.error} onRetry={list.reload} />
      </section>
    );
  }
  if (!list.data) return <Loading />;
  const info = list.data.items.find((t) => t.template === selected) ?? list.data.items[0]!;

  return (
    <section>
      <p class="breadcrumb">
        <Link to="/settings">← Settings</Link>
      </p>
      <PageHeader title="E-mail templates" />
      <p class="muted">
        Customers get the version in their language, else in its base language (de for de-AT), else
        in the store's default language, else the built-in English text.
      </p>
      <div class="template-editor">
        <nav class="card" aria-label="Templates">
          <ul class="template-list">
            {list.data.items.map((t) => (
              <li key={t.template}>
                <button
                  type="button"
                  class="link-button"
                  aria-current={t.template === info.template ? 'true' : undefined}
                  onClick={() => {
                    const open = () => setSelected(t.template);
                    if (t.template !== info.template && mayLeave(open)) open();
                  }}
                >
                  {t.title}
                </button>
                {t.languages.length > 0 && (
                  <div class="small muted">Edited: {t.languages.join(', ')}</div>
                )}
              </li>
            ))}
          </ul>
        </nav>
        <div>
          <form
            class="toolbar template-language"
            onSubmit={(e) => {
              e.preventDefault();
              if (focusUnresolved(e.currentTarget)) return;
              if (!languageDraft || languageDraft === language) return;
              const open = () => setLanguage(languageDraft);
              if (mayLeave(open)) open();
            }}
          >
            <InlinePicker
              label="Language"
              name="language"
              source={kLanguages}
              value={languageDraft}
              onChange={setLanguageDraft}
            />
            <button type="submit" class="button button--small">
              Open
            </button>
          </form>
          <TemplateForm
            key={`${info.template}/${language}`}
            info={info}
            common={list.data.common_placeholders}
            language={language}
            onChanged={list.reload}
          />
        </div>
      </div>
    </section>
  );
}

function TemplateForm(props: {
  info: EmailTemplateInfo;
  common: string[];
  language: string;
  onChanged: () => void;
}) {
  const { notify } = useApp();
  const path = `/api/admin/email-templates/${seg(props.info.template)}/${seg(props.language)}`;
  const stored = useResource(
    (signal) => api.get<EmailTemplate>(path, { signal }).then((r) => r.data),
    [path],
  );
  const [draft, setDraft] = useState<EmailTemplate | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const saved = stored.data;
  const dirty =
    !!draft &&
    !!saved &&
    (draft.subject !== saved.subject ||
      draft.body_text !== saved.body_text ||
      draft.body_html !== saved.body_html);
  useUnsavedChanges(dirty, save);

  if (stored.error && !stored.data) return <ErrorBanner error={stored.error} />;
  if (!stored.data) return <Loading />;
  const current = draft ?? stored.data;
  const set = (k: 'subject' | 'body_text' | 'body_html', v: string) =>
    setDraft({ ...current, [k]: v });
  const fieldError = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);
  const texts = () => ({
    subject: current.subject,
    body_text: current.body_text,
    body_html: current.body_html,
  });

  // Resolves true once saved; false when the form shows why not.
  async function save(): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const r = await api.put<EmailTemplate>(path, texts());
      stored.setData(r.data);
      setDraft(null);
      notify(`Template saved for ${props.language}.`);
      props.onChanged();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function showPreview() {
    setError(null);
    try {
      const r = await api.post<Preview>(
        `/api/admin/email-templates/${seg(props.info.template)}/preview`,
        texts(),
      );
      setPreview(r.data);
    } catch (err) {
      setError(err);
      setPreview(null);
    }
  }

  async function reset() {
    setBusy(true);
    try {
      await api.del(path);
      setConfirmReset(false);
      setDraft(null);
      stored.reload();
      notify('Back to the built-in text.');
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const placeholders = [...props.common, ...props.info.placeholders].map((p) => `{{${p}}}`);
  return (
    <>
      <form
        class="card template-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <h2>
          {props.info.title} <span class="muted">({props.language})</span>
        </h2>
        <p class="small muted">
          {stored.data.custom
            ? 'The store’s own text.'
            : 'The built-in English text: saving stores your version for this language.'}{' '}
          Placeholders: <code>{placeholders.join(' ')}</code>
        </p>
        {error instanceof ApiError && !error.errors.length && <ErrorBanner error={error} />}
        {error && !(error instanceof ApiError) && <ErrorBanner error={error} />}
        <Field label="Subject" error={fieldError('subject')}>
          {(a) => (
            <input
              {...a}
              name="subject"
              value={current.subject}
              onInput={(e) => set('subject', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Text" error={fieldError('body_text')}>
          {(a) => (
            <textarea
              {...a}
              name="body_text"
              rows={8}
              value={current.body_text}
              onInput={(e) => set('body_text', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="HTML"
          hint="Optional: without it the e-mail is plain text."
          error={fieldError('body_html')}
        >
          {(a) => (
            <textarea
              {...a}
              name="body_html"
              rows={8}
              value={current.body_html}
              onInput={(e) => set('body_html', e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="form-actions">
          {stored.data.custom && (
            <button type="button" class="button" onClick={() => setConfirmReset(true)}>
              Use the built-in text
            </button>
          )}
          <button type="button" class="button" onClick={showPreview}>
            Preview
          </button>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save template'}
          </button>
        </div>
        {preview && (
          <div class="template-preview" aria-label="Preview">
            <h3>Preview: {preview.subject}</h3>
            <pre class="message-text">{preview.body_text}</pre>
            {preview.body_html && (
              <iframe
                class="message-html"
                title="HTML preview"
                sandbox=""
                srcDoc={preview.body_html}
              />
            )}
          </div>
        )}
      </form>
      <ConfirmDialog
        open={confirmReset}
        title="Use the built-in text?"
        confirmLabel="Use the built-in text"
        danger
        busy={busy}
        onConfirm={reset}
        onCancel={() => setConfirmReset(false)}
      >
        <p>Your {props.language} version of this template is deleted.</p>
      </ConfirmDialog>
    </>
  );
}
