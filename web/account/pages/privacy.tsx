// Privacy: whether store staff may sign in to the account to help (when the store asks the
// customer first; saved at once), download everything the store keeps about the shopper (a JSON
// file or an HTML page), and ask for the account to be deleted (the password, then a confirmation); a request made
// shows instead. A store staff visit sees a notice instead of all three.
import { useState } from 'preact/hooks';
import { saveFile } from '../../src/api';
import { Checkbox, ConfirmDialog, ErrorBanner, FormErrors } from '../../src/components/ui';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { PageTitle, PasswordField, useSubmit } from '../forms';
import type { Me } from '../types';
import { AssistedNotice } from './notices';
import { DeletionNotice } from './profile';

export function PrivacyPage() {
  const { assisted } = useArea();
  const me = useMe();
  return (
    <section class="area-page">
      <PageTitle>Privacy</PageTitle>
      {assisted ? (
        <section class="card" aria-label="Your data">
          <AssistedNotice>
            Store staff cannot download the customer's data or ask for the account to be deleted.
          </AssistedNotice>
          {me.deletion_requested_at && <DeletionNotice at={me.deletion_requested_at} />}
        </section>
      ) : (
        <>
          <AssistanceCard />
          <ExportCard />
          <DeletionCard />
        </>
      )}
    </section>
  );
}

// The customer's consent to store staff visits, asked only when the store requires it.
function AssistanceCard() {
  const { config, setMe, notify } = useArea();
  const me = useMe();
  // The choice being saved, shown meanwhile; it goes back on a failure.
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!config.assistance_requires_consent) return null;

  async function change(allowed: boolean) {
    if (pending !== null) return;
    setPending(allowed);
    setError(null);
    try {
      const { data } = await store.put<Me>('/me/assistance', { allowed });
      setMe(data);
      notify(
        data.assistance_allowed
          ? 'Store staff can now sign in to your account to help you.'
          : 'Store staff can no longer sign in to your account.',
      );
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  }

  return (
    <section class="card" aria-labelledby="assistance-heading">
      <h2 id="assistance-heading">Help from store staff</h2>
      <ErrorBanner error={error} />
      <Checkbox
        name="assistance_allowed"
        label="Allow store staff to sign in to my account to help me"
        hint="Each visit is recorded in your account's history and lasts 30 minutes at most. Staff cannot see or change your password, e-mail address, second factor or recovery codes. Turning this off ends a visit in progress."
        checked={pending ?? !!me.assistance_allowed}
        onChange={(v) => void change(v)}
      />
    </section>
  );
}

function ExportCard() {
  const [busy, setBusy] = useState<'json' | 'html' | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function download(format: 'json' | 'html') {
    setBusy(format);
    setError(null);
    try {
      saveFile(await store.download(`/me/export?format=${format}`, `my-data.${format}`));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Your data</h2>
      <p>
        Download everything the store keeps about you (your details, addresses, consents, orders,
        store credit, library, wishlist and account history) as a JSON file, or as a web page to
        read.
      </p>
      <ErrorBanner error={error} />
      <div class="export-actions">
        <button
          type="button"
          class="button"
          disabled={busy !== null}
          onClick={() => void download('json')}
        >
          {busy === 'json' ? 'Preparing the file…' : 'Download my data'}
        </button>
        <button
          type="button"
          class="button"
          disabled={busy !== null}
          onClick={() => void download('html')}
        >
          {busy === 'html' ? 'Preparing the page…' : 'Download as a web page (HTML)'}
        </button>
      </div>
    </section>
  );
}

function DeletionCard() {
  const { setMe, config } = useArea();
  const me = useMe();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const submit = useSubmit();

  function request() {
    // The dialog closes first: a problem shows at the password, which then has the focus.
    setConfirming(false);
    void submit.run(async () => {
      const { data } = await store.post<{ deletion_requested_at: string }>('/me/deletion-request', {
        password,
      });
      setMe({
        ...me,
        deletion_requested_at: data?.deletion_requested_at ?? new Date().toISOString(),
      });
      setPassword('');
    });
  }

  return (
    <section class="card" aria-labelledby="deletion-heading">
      <h2 id="deletion-heading">Delete your account</h2>
      {me.deletion_requested_at ? (
        <DeletionNotice at={me.deletion_requested_at} />
      ) : (
        <>
          <p>
            Ask {config.store_name || 'the store'} to delete your account and the personal data it
            keeps about you. Download your data first if you want a copy.
          </p>
          <form
            ref={submit.ref}
            noValidate
            aria-label="Request account deletion"
            onSubmit={(e) => {
              e.preventDefault();
              submit.setError(null);
              setConfirming(true);
            }}
          >
            <FormErrors error={submit.error} fields={['password']} />
            <PasswordField
              label="Your password"
              name="password"
              autoComplete="current-password"
              value={password}
              onInput={setPassword}
              error={submit.field('password')}
            />
            <div class="form-actions form-actions--start">
              <button
                type="submit"
                class="button button--danger-outline"
                disabled={!password || submit.busy}
              >
                {submit.busy ? 'Sending…' : 'Request account deletion'}
              </button>
            </div>
          </form>
          <ConfirmDialog
            open={confirming}
            title="Delete your account?"
            confirmLabel="Yes, delete my account"
            danger
            busy={submit.busy}
            onConfirm={request}
            onCancel={() => setConfirming(false)}
          >
            <p>
              The store will delete your account and your personal data. You cannot undo this once
              it is done.
            </p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
