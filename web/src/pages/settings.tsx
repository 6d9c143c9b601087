// Store settings: name, default country and language for new customers, and the time zone in
// which the admin shows dates.
import { useMemo, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorBanner, Field, Link, Loading, PageHeader } from '../components/ui';
import { useResource } from '../hooks';
import { useApp } from '../session';
import type { Settings } from '../types';

function timeZones(current: string): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', ...zones]);
  if (current) all.add(current);
  return [...all];
}

export function SettingsPage() {
  const settings = useResource(
    (signal) => api.get<Settings>('/api/admin/settings', { signal }).then((r) => r.data),
    [],
  );
  if (settings.error && !settings.data) {
    return (
      <section>
        <PageHeader title="Settings" />
        <ErrorBanner error={settings.error} onRetry={settings.reload} />
      </section>
    );
  }
  if (!settings.data) return <Loading />;
  return (
    <SettingsForm
      key={JSON.stringify(settings.data)}
      stored={settings.data}
      onSaved={settings.setData}
    />
  );
}

function SettingsForm({ stored, onSaved }: { stored: Settings; onSaved: (s: Settings) => void }) {
  const { setSettings, notify, can } = useApp();
  const [draft, setDraft] = useState<Settings>(stored);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const zones = useMemo(() => timeZones(stored.time_zone), [stored.time_zone]);
  const editable = can('manage_settings');

  const changed = (Object.keys(draft) as (keyof Settings)[]).filter((k) => draft[k] !== stored[k]);

  async function submit(e: Event) {
    e.preventDefault();
    const body: Partial<Settings> = {};
    for (const k of changed) body[k] = draft[k].trim();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.patch<Settings>('/api/admin/settings', body);
      const next = { ...stored, ...body, ...(data ?? {}) };
      setSettings(next);
      onSaved(next);
      notify('Settings saved.');
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      setBusy(false);
    }
  }

  const set = (k: keyof Settings, v: string) => setDraft({ ...draft, [k]: v });
  let preview = '';
  try {
    preview = new Intl.DateTimeFormat(undefined, {
      timeZone: draft.time_zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date());
  } catch {
    preview = '';
  }

  return (
    <section>
      <PageHeader title="Settings">
        <Link to="/settings/email-templates" class="button">
          E-mail templates
        </Link>
      </PageHeader>
      <form class="card settings-form" onSubmit={submit} noValidate>
        {error && !error.errors.length && <ErrorBanner error={error} />}
        <Field label="Store name" error={error?.field('store_name')}>
          {(a) => (
            <input
              {...a}
              name="store_name"
              disabled={!editable}
              value={draft.store_name}
              onInput={(e) => set('store_name', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Default country"
          hint="ISO 3166-1 alpha-2, such as DE. Used for new customers and national phone numbers."
          error={error?.field('default_country')}
        >
          {(a) => (
            <input
              {...a}
              name="default_country"
              class="input--short"
              maxLength={2}
              disabled={!editable}
              value={draft.default_country}
              onInput={(e) => set('default_country', e.currentTarget.value.toUpperCase())}
            />
          )}
        </Field>
        <Field
          label="Default language"
          hint="BCP 47, such as en or de-CH."
          error={error?.field('default_language')}
        >
          {(a) => (
            <input
              {...a}
              name="default_language"
              class="input--short"
              disabled={!editable}
              value={draft.default_language}
              onInput={(e) => set('default_language', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Time zone"
          hint={preview ? `Dates in the admin are shown in this zone. Now: ${preview}` : undefined}
          error={error?.field('time_zone')}
        >
          {(a) => (
            <select
              {...a}
              name="time_zone"
              disabled={!editable}
              value={draft.time_zone}
              onChange={(e) => set('time_zone', e.currentTarget.value)}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        {editable && (
          <div class="form-actions">
            <button
              type="button"
              class="button"
              disabled={!changed.length || busy}
              onClick={() => setDraft(stored)}
            >
              Discard
            </button>
            <button type="submit" class="button button--primary" disabled={!changed.length || busy}>
              {busy ? 'Saving…' : 'Save settings'}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
