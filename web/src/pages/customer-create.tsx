// A new customer, created by hand (POST /api/admin/customers).
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import { focusUnresolved } from '../components/picker';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { ErrorBanner, focusFirstInvalid, Link, PageHeader } from '../components/ui';
import { useResource } from '../hooks';
import { navigateWithoutAsking } from '../router';
import { useApp } from '../session';
import type { Customer, Group, Page } from '../types';
import { bodyOf, CustomerFields, emptyDraft } from './customer-form';

export function CustomerCreatePage() {
  const { settings, notify } = useApp();
  const [blank] = useState(() =>
    emptyDraft({ country: settings.default_country, language: settings.default_language }),
  );
  const [draft, setDraft] = useState(blank);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const groups = useResource(
    (signal) => api.get<Page<Group>>('/api/admin/groups', { signal }).then((r) => r.data.items),
    [],
  );
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(blank));

  async function submit(e: Event) {
    e.preventDefault();
    if (focusUnresolved(formRef.current)) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<Customer>('/api/admin/customers', bodyOf(draft));
      notify('Customer created.');
      navigateWithoutAsking(`/customers/${encodeURIComponent(data.id)}`, true);
    } catch (err) {
      const apiError = asApiError(err);
      setError(apiError);
      setBusy(false);
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    }
  }

  return (
    <section class="create">
      <p class="breadcrumb">
        <Link to="/customers">← Customers</Link>
      </p>
      <PageHeader title="New customer" />
      <form ref={formRef} onSubmit={submit} class="customer-form" noValidate>
        {error && !error.errors.length && <ErrorBanner error={error} />}
        {error && error.errors.length > 0 && (
          <p class="banner banner--error" role="alert">
            {error.detail || 'Some fields need attention.'}
          </p>
        )}
        <CustomerFields
          creating
          draft={draft}
          onChange={setDraft}
          groups={groups.data ?? []}
          answer={error}
          errors={(f) => error?.field(f)}
        />
        <div class="form-actions">
          <Link to="/customers" class="button">
            Cancel
          </Link>
          <button type="submit" class="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create customer'}
          </button>
        </div>
      </form>
    </section>
  );
}
