// Pages that only say something: the store closed its customer area, or the path is unknown.
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
