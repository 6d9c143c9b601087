// The spam sources of Audit & cleanup (pages/cleanup.tsx): the networks from which suspected spam
// accounts registered, blocked through the blacklist (POST /api/admin/blacklist, an IP entry for
// the network or its busiest address), and the list of disposable e-mail domains: shipped with
// Clientele, searched, and changed by the owner (added, taken off, put back as shipped).
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, seg } from '../api';
import { ErrorBanner, Field, focusFirstInvalid, Link, Loading } from '../components/ui';
import { formatDateTime, formatNumber, plural } from '../format';
import { useDebounced, useResource } from '../hooks';
import { useApp } from '../session';
import type { BlacklistEntry, DisposableDomainChange, DisposableDomains, Offender } from '../types';

const kBlockReason = 'Spam registrations';

export function OffendersSection(props: { epoch: number }) {
  const { can, notify } = useApp();
  const canBlock = can('edit_customers');
  const list = useResource(
    (signal) =>
      api
        .get<{ items: Offender[] }>('/api/admin/cleanup/offenders', { signal })
        .then((r) => r.data.items),
    [props.epoch],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = list.data ?? [];

  async function block(value: string) {
    if (busy) return;
    setBusy(value);
    setError(null);
    try {
      const { data } = await api.post<BlacklistEntry>('/api/admin/blacklist', {
        kind: 'ip',
        value,
        reason: kBlockReason,
      });
      notify(`${data.value} is on the blacklist.`);
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="card cleanup-section" aria-labelledby="cleanup-offenders-heading">
      <h2 id="cleanup-offenders-heading">Networks behind the spam</h2>
      <p class="muted small">
        Networks (/24 for IPv4, /64 for IPv6) from which two or more suspected spam accounts
        registered. Blocking one adds it to the <Link to="/blacklist">blacklist</Link>: nobody can
        register, sign in or check out as a guest from there.
      </p>
      <ErrorBanner error={list.error} onRetry={list.reload} />
      <ErrorBanner title="Not blocked:" error={error} />
      {!list.data && !list.error && <Loading />}
      {list.data && items.length === 0 && (
        <p class="empty" data-testid="offenders-empty">
          No network registered more than one suspected spam account.
        </p>
      )}
      {items.length > 0 && (
        <div class="table-wrap" aria-busy={list.loading}>
          <table class="table table--cards cleanup-offenders" aria-label="Networks behind the spam">
            <thead>
              <tr>
                <th>Network</th>
                <th class="num">Accounts</th>
                <th>Busiest addresses</th>
                <th>Last registration</th>
                <th>Status</th>
                {canBlock && (
                  <th>
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((o) => {
                const busiest = o.ips[0]?.ip;
                return (
                  <tr key={o.subnet} data-subnet={o.subnet}>
                    <td data-label="Network">
                      <code>{o.subnet}</code>
                    </td>
                    <td class="num" data-label="Accounts" data-testid="accounts">
                      {formatNumber(o.accounts)}
                    </td>
                    <td data-label="Busiest">
                      <ul class="cleanup-ips">
                        {o.ips.map((ip) => (
                          <li key={ip.ip}>
                            <code>{ip.ip}</code>{' '}
                            <span class="muted small">· {plural(ip.accounts, 'account')}</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td data-label="Last">
                      <time dateTime={o.last_registered_at}>
                        {formatDateTime(o.last_registered_at)}
                      </time>
                    </td>
                    <td data-label="Status" data-testid="blocked">
                      {o.blocked_by ? (
                        <span class="cleanup-blocked">
                          Blocked by{' '}
                          <Link to={`/blacklist?q=${encodeURIComponent(o.blocked_by.value)}`}>
                            {o.blocked_by.value}
                          </Link>{' '}
                          · {plural(o.blocked_by.refusals, 'refusal')}
                          {o.blocked_by.last_hit_at && (
                            <span class="muted small">
                              {' '}
                              · last{' '}
                              <time dateTime={o.blocked_by.last_hit_at}>
                                {formatDateTime(o.blocked_by.last_hit_at)}
                              </time>
                            </span>
                          )}
                        </span>
                      ) : (
                        <span class="muted">Not blocked</span>
                      )}
                    </td>
                    {canBlock && (
                      <td class="row-actions">
                        {!o.blocked_by && (
                          <>
                            <button
                              type="button"
                              class="button button--small button--danger-outline"
                              aria-label={`Block network ${o.subnet}`}
                              disabled={busy !== null}
                              onClick={() => void block(o.subnet)}
                            >
                              Block network
                            </button>
                            {busiest && (
                              <button
                                type="button"
                                class="button button--small"
                                aria-label={`Block IP ${busiest}`}
                                disabled={busy !== null}
                                onClick={() => void block(busiest)}
                              >
                                Block IP
                              </button>
                            )}
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Disposable e-mail domains.

function changeLabel(c: DisposableDomainChange): string {
  if (c.listed && !c.shipped) return 'Added';
  if (!c.listed && c.shipped) return 'Removed';
  return c.listed ? 'Listed, as shipped' : 'Not listed, as shipped';
}

export function DomainsSection() {
  const { can, notify } = useApp();
  const editable = can('manage_settings');
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 200);
  const listing = useResource(
    (signal) =>
      api
        .get<DisposableDomains>('/api/admin/cleanup/disposable-domains', {
          signal,
          query: { q: settled },
        })
        .then((r) => ({ ...r.data, q: settled })),
    [settled],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: unknown } | null>(null);
  const data = listing.data;

  async function act(domain: string, run: () => Promise<string>, title: string) {
    if (busy) return;
    setBusy(domain);
    setError(null);
    try {
      notify(await run());
      listing.reload();
    } catch (e) {
      setError({ title, error: e });
      if (e instanceof ApiError && e.status === 404) listing.reload();
    } finally {
      setBusy(null);
    }
  }

  const unlist = (domain: string) =>
    act(
      domain,
      async () => {
        await api.put(`/api/admin/cleanup/disposable-domains/${seg(domain)}`, { listed: false });
        return `${domain} is off the list of disposable domains.`;
      },
      `${domain} was not taken off the list:`,
    );
  const undo = (domain: string) =>
    act(
      domain,
      async () => {
        await api.del(`/api/admin/cleanup/disposable-domains/${seg(domain)}`);
        return `${domain} is back as shipped.`;
      },
      `The change of ${domain} was not undone:`,
    );

  return (
    <section class="card cleanup-section" aria-labelledby="cleanup-domains-heading">
      <h2 id="cleanup-domains-heading">Disposable e-mail domains</h2>
      <p class="muted small">
        An address at one of these domains adds to an account's spam score. Changes count from the
        next scan.
      </p>
      <ErrorBanner error={listing.error} onRetry={listing.reload} />
      {data && (
        <p class="summary" data-testid="domains-summary">
          {plural(data.listed, 'domain')} on the list · {formatNumber(data.shipped)} shipped with
          Clientele
        </p>
      )}
      {editable && (
        <AddDomainForm
          onAdded={(domain) => {
            notify(`${domain} is on the list of disposable domains.`);
            listing.reload();
          }}
        />
      )}
      {error && <ErrorBanner title={error.title} error={error.error} />}

      <div class="cleanup-domains">
        <div class="cleanup-domains__search">
          <div class="search">
            <label for="cleanup-domain-search">Search the list</label>
            <input
              id="cleanup-domain-search"
              type="search"
              placeholder="mailinator"
              autoComplete="off"
              spellcheck={false}
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </div>
          <div
            class="cleanup-domains__matches"
            aria-busy={listing.loading}
            data-loaded={data && !listing.loading ? data.q : undefined}
          >
            {data && data.q !== '' && data.matches.length === 0 && (
              <p class="empty">No listed domain contains “{data.q}”.</p>
            )}
            {data && data.matches.length > 0 && (
              <ul class="cleanup-domain-list" aria-label="Matching domains">
                {data.matches.map((d) => (
                  <li key={d} data-domain={d}>
                    <code>{d}</code>
                    {editable && (
                      <button
                        type="button"
                        class="button button--small button--link"
                        aria-label={`Remove ${d} from the list`}
                        disabled={busy !== null}
                        onClick={() => void unlist(d)}
                      >
                        Remove from list
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {data && data.matches.length >= 50 && (
              <p class="muted small">The first 50 matches; type more to narrow them.</p>
            )}
          </div>
        </div>
        <div class="cleanup-domains__changes">
          <h3>Your changes</h3>
          {data && data.changes.length === 0 && (
            <p class="empty" data-testid="domain-changes-empty">
              The list is as shipped.
            </p>
          )}
          {data && data.changes.length > 0 && (
            <div class="table-wrap">
              <table
                class="table table--cards cleanup-domain-changes"
                aria-label="Changes to the list"
              >
                <thead>
                  <tr>
                    <th>Domain</th>
                    <th>Change</th>
                    <th>When</th>
                    {editable && (
                      <th>
                        <span class="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {data.changes.map((c) => (
                    <tr key={c.domain} data-domain={c.domain}>
                      <td data-label="Domain">
                        <code>{c.domain}</code>
                      </td>
                      <td data-label="Change" data-testid="change">
                        {changeLabel(c)}
                      </td>
                      <td data-label="When">
                        <time dateTime={c.changed_at}>{formatDateTime(c.changed_at)}</time>
                      </td>
                      {editable && (
                        <td class="row-actions">
                          <button
                            type="button"
                            class="button button--small"
                            aria-label={`Undo the change of ${c.domain}`}
                            disabled={busy !== null}
                            onClick={() => void undo(c.domain)}
                          >
                            Undo
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function AddDomainForm(props: { onAdded: (domain: string) => void }) {
  const [domain, setDomain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  async function add() {
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.put<DisposableDomainChange>(
        `/api/admin/cleanup/disposable-domains/${seg(domain.trim())}`,
        { listed: true },
      );
      setDomain('');
      props.onAdded(data.domain);
    } catch (e) {
      setError(asApiError(e));
      setTimeout(() => focusFirstInvalid(formRef.current), 0);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = error?.field('domain');
  return (
    <form
      ref={formRef}
      class="cleanup-domains__add"
      aria-label="Add a disposable domain"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      {error && !fieldError && <ErrorBanner error={error} />}
      <Field label="Domain to add" hint="Such as throwaway.example." error={fieldError}>
        {(a) => (
          <div class="cleanup-form-row">
            <input
              {...a}
              name="domain"
              autoComplete="off"
              spellcheck={false}
              value={domain}
              onInput={(e) => {
                setDomain(e.currentTarget.value);
                if (error) setError(null);
              }}
            />
            <button type="submit" class="button" disabled={busy || !domain.trim()}>
              {busy ? 'Adding…' : 'Add to the list'}
            </button>
          </div>
        )}
      </Field>
    </form>
  );
}
