// What a sign-in may have to show before the account opens: the recovery codes an admin made for
// the account (in the sign-in's answer, shown only now), and the new password a shopper who signed
// in with a temporary one must choose (the store refuses everything else until then).
import { useState } from 'preact/hooks';
import { FormErrors } from '../../src/components/ui';
import { store } from '../api';
import { useArea, useMe } from '../context';
import { kPasswordRules, PageTitle, PasswordField, TextButton, useSubmit } from '../forms';
import { RecoveryCodesList } from './security';

export function NewRecoveryCodesPage(props: { codes: string[]; onDone: () => void }) {
  return (
    <section class="recovery">
      <PageTitle>Your new recovery codes</PageTitle>
      <p>
        The store made new recovery codes for your account; the old ones no longer work. If you lose
        your phone, each of these codes signs you in once instead of a code from the app or an SMS.
        Keep them somewhere safe: <strong>they are shown only now.</strong>
      </p>
      <RecoveryCodesList codes={props.codes} doneLabel="Continue" onDone={props.onDone} />
    </section>
  );
}

export function ChoosePasswordPage() {
  const { setMe, notify, signOut } = useArea();
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const submit = useSubmit();
  return (
    <section>
      <PageTitle>Choose a new password</PageTitle>
      <p>The password you signed in with was temporary. Choose your own to continue.</p>
      <form
        ref={submit.ref}
        noValidate
        aria-label="Choose a new password"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            await store.post('/me/password', { current_password: current, new_password: next });
            setMe({ ...me, must_change_password: false });
            notify('Your new password is saved.');
          });
        }}
      >
        <FormErrors error={submit.error} fields={['current_password', 'new_password']} />
        <PasswordField
          label="Current password"
          name="current_password"
          autoComplete="current-password"
          hint="The temporary password you signed in with."
          value={current}
          onInput={setCurrent}
          error={submit.field('current_password')}
        />
        <PasswordField
          label="New password"
          name="new_password"
          autoComplete="new-password"
          hint={kPasswordRules}
          value={next}
          onInput={setNext}
          error={submit.field('new_password')}
        />
        <button
          type="submit"
          class="button button--primary button--block"
          disabled={submit.busy || !current || !next}
        >
          {submit.busy ? 'Saving…' : 'Save the new password'}
        </button>
      </form>
      <p class="area-links">
        <TextButton onClick={() => void signOut()}>Sign out</TextButton>
      </p>
    </section>
  );
}
