// Pages that only say something: the store closed its customer area, the path is unknown, or a
// store staff visit is over; and the notice a staff visit sees instead of what it may not use.
import type { ComponentChildren } from 'preact';
import { Link } from '../../src/components/ui';
import { useArea } from '../context';
import { PageTitle } from '../forms';

export function DisabledPage() {
  const { config } = useArea();
  return (
    <section>
      <PageTitle>Customer accounts are not available</PageTitle>
      <p>
        {config.store_name || 'This store'} does not offer customer accounts; you can check out as a
        guest.
      </p>
    </section>
  );
}

export function NotFoundPage() {
  const { me } = useArea();
  return (
    <section>
      <PageTitle>Page not found</PageTitle>
      <p>The link may be wrong, or the page has moved.</p>
      <p>
        <Link to={me ? '/profile' : '/sign-in'}>{me ? 'Go to your profile' : 'Sign in'}</Link>
      </p>
    </section>
  );
}

export function VisitEndedPage() {
  return (
    <section>
      <PageTitle>Visit ended</PageTitle>
      <p data-testid="visit-ended">The visit has ended. You can close this tab.</p>
    </section>
  );
}

// In place of a form a store staff visit may not use (the store refuses it anyway).
export function AssistedNotice({ children }: { children: ComponentChildren }) {
  return (
    <p class="banner banner--info" data-testid="assisted-notice">
      {children}
    </p>
  );
}

export const kAssistedCredentials =
  'Store staff cannot see or change the password, e-mail address, second factor or recovery codes.';
