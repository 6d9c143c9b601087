// What a page the signed-in admin's role may not use shows instead of itself: which permission
// and roles it needs, and the way back to the customer list.
import { Link } from '../components/ui';
import { deniedText, useApp, type Permission } from '../session';

export function NoAccessPage({ permission }: { permission: Permission }) {
  const { admin } = useApp();
  return (
    <section class="empty" data-testid="no-access">
      <h1>No access</h1>
      <p>{deniedText(permission, admin.role)}</p>
      <p>
        <Link to="/customers">Go to Customers</Link>
      </p>
    </section>
  );
}
