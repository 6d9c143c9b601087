import { Link } from '../components/ui';

export function NotFoundPage() {
  return (
    <section class="empty">
      <h1>Page not found</h1>
      <p>
        <Link to="/customers">Go to the customer list</Link>
      </p>
    </section>
  );
}
