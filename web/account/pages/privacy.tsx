// Privacy: download everything the store keeps about the shopper (a JSON file), and ask for the
// account to be deleted (the password, then a confirmation); a request made shows instead.
import { useState } from 'preact/hooks';
import { saveFile } from '../../src/api';
import { ConfirmDialog, ErrorBanner, FormErrors } from '../../src/components/ui';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { PageTitle, PasswordField, useSubmit } from '../forms';
import { DeletionNotice } from './profile';

export function PrivacyPage() {
  return (
    <section class="area-page">
      <PageTitle>Privacy</PageTitle>
      <ExportCard />
      <DeletionCard />
    </section>
  );
}

function ExportCard() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      saveFile(await store.download('/me/export', 'my-data.json'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Your data</h2>
      <p>
        Download everything the store keeps about you (your details, addresses, consents and account
        history) as a JSON file.
      </p>
      <ErrorBanner error={error} />
      <button type="button" class="button" disabled={busy} onClick={() => void download()}>
        {busy ? 'Preparing the file…' : 'Download my data'}
      </button>
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
