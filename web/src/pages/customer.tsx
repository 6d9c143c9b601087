// One customer: header (name, status, group, order figures, tags, a notice when the customer
// asked for the account to be deleted, the ban of a banned customer), the Tools menu (Log in as
// customer, the account tools of pages/account-tools.tsx, withdrawing a consent, Add to
// blacklist…, Ban… or Lift ban, Download data (JSON or HTML) for those who may export, and for
// owners and admins Delete permanently…, which the deletion notice offers too), the Account tab:
// the customer's summary first (pages/profile-summary.tsx), Edit opening the edit form in its
// place (only changed fields, If-Match, a conflict panel on 412; unsaved edits ask before Cancel,
// another tab, page or Back replaces them), the staff notes (pages/staff-notes.tsx) and the
// sign-in account (verification, second factor, sessions, and whether the customer allows Log in
// as customer when the store asks); deactivate/restore
// with a confirmation, the Orders and Transactions tabs (pages/orders.tsx,
// pages/transactions.tsx), the Wallet tab (pages/wallet.tsx), the digital goods' Library,
// Downloads and Wishlist tabs (pages/library.tsx, downloads.tsx, wishlist.tsx), and the Activity
// tab (the customer's audit timeline). Owners and admins merge duplicates into the customer from
// Tools (pages/merge.tsx); a "Possible duplicates" panel above the tabs lists the customer's likely
// duplicates with Merge… and Not duplicates (pages/duplicates.tsx). A merged customer's old id
// opens the survivor's profile: the URL takes the survivor's id, and a notice says where the old
// id went.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, asApiError, saveFile, seg } from '../api';
import {
  ConfirmDialog,
  ErrorBanner,
  focusFirstInvalid,
  Link,
  Loading,
  StatusBadge,
} from '../components/ui';
import { MenuButton, type MenuAction } from '../components/menu';
import { focusUnresolved } from '../components/picker';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { customerName, formatDate, formatDateTime, plural } from '../format';
import { useResource, type Resource } from '../hooks';
import { mayLeave, navigate, navigateWithoutAsking } from '../router';
import { useApp } from '../session';
import type { Customer, CustomerAccount, Group, Page } from '../types';
import {
  kConsentChannels,
  logInAsCustomer,
  loginAsUnavailable,
  sendLoginEmail,
  sendPasswordReset,
  smsOn,
  ToolDialogs,
  totpOn,
  type ToolDialog,
} from './account-tools';
import { ActivityList } from './activity';
import { BanBanner, BanDialog, LiftBanDialog } from './bans';
import { AddToBlacklistDialog } from './blacklist';
import { DownloadsTab } from './downloads';
import { PossibleDuplicates } from './duplicates';
import { LibraryTab } from './library';
import { AddressesTab } from './addresses';
import { MergeDialog } from './merge';
import { ComposeDialog, MessagesTab } from './messages';
import { bodyOf, CustomerFields, draftOf, type CustomerDraft } from './customer-form';
import { OrderSummary, OrdersTab } from './orders';
import { ProfileSummary } from './profile-summary';
import { StaffNotes } from './staff-notes';
import { TransactionsTab } from './transactions';
import { WalletTab } from './wallet';
import { WishlistTab } from './wishlist';

interface Loaded {
  customer: Customer;
  etag: string | null;
}

type Tab =
  | 'account'
  | 'addresses'
  | 'messages'
  | 'activity'
  | 'orders'
  | 'transactions'
  | 'wallet'
  | 'library'
  | 'downloads'
  | 'wishlist';

// A profile opened through a merged customer's old id, on its way to the survivor's URL: the old
// id and the survivor as read, which the survivor's page takes instead of reading it again.
let followedMerge: { from: string; loaded: Loaded } | null = null;

function takeFollowedMerge(id: string): { from: string; loaded: Loaded } | null {
  const f = followedMerge;
  followedMerge = null;
  return f && f.loaded.customer.id === id ? f : null;
}

export function CustomerPage({ id }: { id: string }) {
  const { can, notify, settings } = useApp();
  const path = `/api/admin/customers/${seg(id)}`;
  const [arrival] = useState(() => takeFollowedMerge(id));
  const [mergedFrom, setMergedFrom] = useState(arrival?.from ?? null);
  const handedOver = useRef(arrival?.loaded ?? null);
  const loaded = useResource(
    async (signal) => {
      const handed = handedOver.current;
      handedOver.current = null;
      if (handed) return handed;
      const r = await api.get<Customer>(path, { signal });
      const next: Loaded = { customer: r.data, etag: r.etag };
      // The server answers a merged customer's old id with the survivor (a redirect that fetch
      // follows): its URL replaces this one, with a notice.
      if (r.data.id !== id && !signal.aborted) {
        followedMerge = { from: id, loaded: next };
        navigate(`/customers/${seg(r.data.id)}`, true);
      }
      return next;
    },
    [path],
  );
  const groups = useResource(
    (signal) => api.get<Page<Group>>('/api/admin/groups', { signal }).then((r) => r.data.items),
    [],
  );
  // Read once the customer is (under the survivor's id when the URL's was a merged one).
  const customerId = loaded.data?.customer.id;
  const account = useResource(
    (signal) =>
      customerId
        ? api
            .get<CustomerAccount>(`/api/admin/customers/${seg(customerId)}/account`, { signal })
            .then((r) => r.data)
        : new Promise<CustomerAccount>(() => {}),
    [customerId],
  );
  const [tab, setTab] = useState<Tab>('account');
  // Another tab, once unsaved edits of this one are saved or discarded; `then` follows the switch.
  function selectTab(next: Tab, then?: () => void) {
    if (next === tab) return;
    const show = () => {
      setTab(next);
      then?.();
    };
    if (mayLeave(show)) show();
  }
  const [statusDialog, setStatusDialog] = useState(false);
  const [statusBusy, setStatusBusy] = useState(false);
  const [statusError, setStatusError] = useState<unknown>(null);
  const [activityVersion, setActivityVersion] = useState(0);
  const [composing, setComposing] = useState(false);
  const [messagesVersion, setMessagesVersion] = useState(0);
  const [banDialog, setBanDialog] = useState<'ban' | 'lift' | null>(null);
  const [toolDialog, setToolDialog] = useState<ToolDialog | null>(null);
  const [blacklisting, setBlacklisting] = useState(false);
  // A tool that failed without a dialog of its own (sending the login e-mail or a reset link).
  const [toolError, setToolError] = useState<{ title: string; error: unknown } | null>(null);
  const [toolBusy, setToolBusy] = useState(false);
  const [merging, setMerging] = useState(false);
  // Counts merges, so that the open tab reads what moved in.
  const [merges, setMerges] = useState(0);
  const toolsButton = useRef<HTMLButtonElement>(null);
  // A dialog gives the focus back to what opened it; when that is gone (Lift ban in the banner,
  // which goes with the ban, or a dialog taken out of the page), the Tools button takes it.
  const dialogOpen = banDialog !== null || toolDialog !== null || blacklisting || merging;
  useEffect(() => {
    if (dialogOpen) return;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) toolsButton.current?.focus();
  }, [dialogOpen]);

  if (loaded.error && !loaded.data) {
    const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;
    return (
      <section>
        <p>
          <Link to="/customers">← Customers</Link>
        </p>
        {notFound ? (
          <div class="empty">
            <h1>Customer not found</h1>
            <p>It may have been deleted, or the link is wrong.</p>
          </div>
        ) : (
          <ErrorBanner error={loaded.error} onRetry={loaded.reload} />
        )}
      </section>
    );
  }
  if (!loaded.data) return <Loading />;

  const { customer, etag } = loaded.data;
  const name = customerName(customer);
  const deactivating = customer.status === 'active';
  const banned = customer.status === 'banned';
  const editable = can('edit_customers');
  const guest = customer.kind === 'guest';
  const a = account.data;

  function onSaved(next: Loaded) {
    loaded.setData(next);
    setActivityVersion((v) => v + 1);
  }

  // After an order or a payment: the customer's order figures and timeline, read again.
  function onOrdersChanged() {
    loaded.reload();
    setActivityVersion((v) => v + 1);
  }

  // After a tool: the account panel, the timeline and the e-mails sent, read again.
  function onToolChanged(next?: Loaded) {
    if (next) onSaved(next);
    else setActivityVersion((v) => v + 1);
    account.reload();
    setMessagesVersion((v) => v + 1);
  }

  // After a merge into this customer: everything that moved in, read again.
  function onMergedIn() {
    setMerges((n) => n + 1);
    loaded.reload();
    account.reload();
    setActivityVersion((v) => v + 1);
    setMessagesVersion((v) => v + 1);
  }

  function openTool(dialog: ToolDialog) {
    setToolError(null);
    setToolDialog(dialog);
  }

  // A tool without a dialog: its answer in a notice, its failure in a banner under the header.
  async function runTool(title: string, action: () => Promise<string>) {
    setToolError(null);
    setToolBusy(true);
    try {
      const message = await action();
      onToolChanged();
      notify(message);
    } catch (e) {
      setToolError({ title, error: e });
    } finally {
      setToolBusy(false);
    }
  }

  // Tools for those who may edit the customer. The account's tools need a registered customer
  // who is not banned (a guest record can be converted first); the sessions can always be read.
  const tools: MenuAction[] = [];
  if (editable) {
    const accountTools = !guest && !banned;
    if (accountTools && customer.email) {
      tools.push(
        {
          key: 'login-email',
          label: 'Send login e-mail',
          onSelect: () => {
            if (!toolBusy)
              void runTool('The login e-mail was not sent:', () => sendLoginEmail(customer));
          },
        },
        {
          key: 'password-reset',
          label: 'Send password reset link',
          onSelect: () => {
            if (!toolBusy) {
              void runTool('The reset link was not sent:', () => sendPasswordReset(customer));
            }
          },
        },
      );
    }
    if (accountTools) {
      tools.push({
        key: 'temporary-password',
        label: 'Set temporary password…',
        onSelect: () => openTool({ kind: 'temporary-password' }),
      });
      const second: MenuAction[] = [];
      if (totpOn(a)) {
        second.push({
          key: 'totp-reset',
          label: 'Reset authenticator app',
          onSelect: () => openTool({ kind: 'totp-reset' }),
        });
      }
      second.push({ key: 'sms', label: 'SMS codes…', onSelect: () => openTool({ kind: 'sms' }) });
      if (totpOn(a) || smsOn(a)) {
        second.push({
          key: 'recovery-codes',
          label: 'New recovery codes',
          onSelect: () => openTool({ kind: 'recovery-codes' }),
        });
      }
      tools.push(...second.map((t, i) => (i === 0 ? { ...t, separatorBefore: true } : t)));
    }
    if (!guest) {
      tools.push({
        key: 'sessions',
        label: 'Sessions…',
        separatorBefore: !accountTools,
        onSelect: () => openTool({ kind: 'sessions' }),
      });
    }
    if (guest && !banned) {
      tools.push({
        key: 'convert',
        label: 'Convert to account',
        onSelect: () => openTool({ kind: 'convert' }),
      });
    }
    const consents = kConsentChannels.filter(([, , field]) => customer[field] === true);
    consents.forEach(([channel, label], i) =>
      tools.push({
        key: `withdraw-${channel}`,
        label: `Withdraw ${label} consent`,
        separatorBefore: i === 0,
        onSelect: () => openTool({ kind: 'withdraw', channel }),
      }),
    );
    tools.push(
      {
        key: 'blacklist',
        label: 'Add to blacklist…',
        separatorBefore: true,
        onSelect: () => {
          setToolError(null);
          setBlacklisting(true);
        },
      },
      banned
        ? { key: 'lift-ban', label: 'Lift ban', onSelect: () => setBanDialog('lift') }
        : { key: 'ban', label: 'Ban…', danger: true, onSelect: () => setBanDialog('ban') },
    );
  }
  // Merging duplicates into this customer, the owner's and admins': a group of its own above the
  // blacklist and the ban, so that these and Delete permanently… stay last.
  if (can('merge_customers')) {
    const merge: MenuAction = {
      key: 'merge',
      label: 'Merge duplicates…',
      separatorBefore: true,
      onSelect: () => {
        setToolError(null);
        setMerging(true);
      },
    };
    const at = tools.findIndex((t) => t.key === 'blacklist');
    if (at >= 0) tools.splice(at, 0, merge);
    else tools.push(merge);
  }
  // The customer's data for an access request, for those who may export: a group of its own
  // before merging, the blacklist and the ban, which stay last. Every download is recorded in
  // the customer's activity.
  if (can('export_customers')) {
    const download = (format: 'json' | 'html') => () => {
      if (toolBusy) return;
      void runTool('The data was not downloaded:', async () => {
        saveFile(
          await api.download(
            `/api/admin/customers/${seg(customer.id)}/data-export?format=${format}`,
            `customer-${customer.id}-data.${format}`,
          ),
        );
        return `Downloaded the data of ${name}.`;
      });
    };
    const at = tools.findIndex((t) => t.key === 'merge' || t.key === 'blacklist');
    tools.splice(
      at >= 0 ? at : tools.length,
      0,
      {
        key: 'data-json',
        label: 'Download data (JSON)',
        hint: 'Everything the store holds about the customer, for an access request.',
        separatorBefore: true,
        onSelect: download('json'),
      },
      { key: 'data-html', label: 'Download data (HTML)', onSelect: download('html') },
    );
  }
  // Erasing the customer for good: the owner's and admins' alone, and always the last tool.
  const erasable = can('erase_customers');
  if (erasable) {
    tools.push({
      key: 'erase',
      label: 'Delete permanently…',
      danger: true,
      separatorBefore: true,
      onSelect: () => openTool({ kind: 'erase' }),
    });
  }
  // Log in as customer comes first, in a group of its own; when it cannot be used it says why.
  if (can('login_as_customer')) {
    const unavailable = loginAsUnavailable(customer, settings);
    tools.unshift({
      key: 'login-as',
      label: 'Log in as customer',
      hint: unavailable || 'Opens a new tab. The visit is recorded and lasts 30 minutes at most.',
      disabled: !!unavailable,
      onSelect: () => {
        if (!toolBusy) {
          void runTool('Log in as customer did not work:', () => logInAsCustomer(customer, name));
        }
      },
    });
    if (tools[1]) tools[1] = { ...tools[1], separatorBefore: true };
  }

  async function changeStatus() {
    setStatusBusy(true);
    setStatusError(null);
    try {
      const action = deactivating ? 'deactivate' : 'restore';
      const headers: Record<string, string> = etag ? { 'if-match': etag } : {};
      const r = await api.post<Customer>(`${path}/${action}`, undefined, { headers });
      onSaved({ customer: r.data, etag: r.etag });
      account.reload(); // deactivating ends the customer's sessions
      setStatusDialog(false);
      notify(deactivating ? `${name} is deactivated.` : `${name} is restored.`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setStatusError(
          new ApiError({
            status: 412,
            code: e.code,
            detail: 'Someone else changed this customer just now. Close, reload and try again.',
          }),
        );
      } else {
        setStatusError(e);
      }
    } finally {
      setStatusBusy(false);
    }
  }

  return (
    <section class="profile">
      <p class="breadcrumb">
        <Link to="/customers">← Customers</Link>
      </p>
      <header class="profile__header">
        <div>
          <h1>
            {name} <StatusBadge status={customer.status} />
            {customer.kind === 'guest' && <span class="badge badge--guest">Guest</span>}
          </h1>
          <p class="profile__meta">
            <span>
              Group: <strong>{customer.group_name}</strong>
            </span>
            <OrderSummary customer={customer} />
            {customer.tags.length > 0 && (
              <span class="tags">
                <span class="visually-hidden">Tags: </span>
                {customer.tags.map((t) => (
                  <span class="tag" key={t}>
                    {t}
                  </span>
                ))}
              </span>
            )}
          </p>
        </div>
        {(can('send_messages') || tools.length > 0) && (
          <div class="page-header__actions">
            {can('send_messages') && customer.email && (
              <button type="button" class="button" onClick={() => setComposing(true)}>
                Send e-mail
              </button>
            )}
            {editable && customer.status !== 'banned' && (
              <button
                type="button"
                class={`button ${deactivating ? 'button--danger-outline' : ''}`}
                onClick={() => {
                  setStatusError(null);
                  setStatusDialog(true);
                }}
              >
                {deactivating ? 'Deactivate' : 'Restore'}
              </button>
            )}
            <MenuButton label="Tools" actions={tools} buttonRef={toolsButton} />
          </div>
        )}
      </header>
      {mergedFrom && (
        <div class="banner banner--info merged-notice" role="status" data-testid="merged-notice">
          <p>
            <code>{mergedFrom}</code> was merged into this customer.
          </p>
          <button type="button" class="button button--small" onClick={() => setMergedFrom(null)}>
            Dismiss
          </button>
        </div>
      )}
      <BanBanner customer={customer} onLift={editable ? () => setBanDialog('lift') : undefined} />
      {toolError && <ErrorBanner title={toolError.title} error={toolError.error} />}
      <ToolDialogs
        dialog={toolDialog}
        customer={customer}
        account={a}
        name={name}
        onChanged={onToolChanged}
        onClose={() => setToolDialog(null)}
      />
      {blacklisting && (
        <AddToBlacklistDialog
          customer={customer}
          name={name}
          onClose={() => setBlacklisting(false)}
          onAdded={(entry) => {
            setBlacklisting(false);
            setActivityVersion((v) => v + 1);
            notify(`${entry.value} is on the blacklist.`);
          }}
        />
      )}
      {customer.kind !== 'guest' && account.data?.deletion_requested_at && (
        <div class="banner banner--warning ban-banner" data-testid="deletion-requested">
          <p>
            <strong>Account deletion requested</strong> on{' '}
            {formatDateTime(account.data.deletion_requested_at)}: the customer asked the store to
            delete the account.
          </p>
          {erasable && (
            <button
              type="button"
              class="button button--small"
              onClick={() => openTool({ kind: 'erase' })}
            >
              Carry out the request…
            </button>
          )}
        </div>
      )}
      {merging && (
        <MergeDialog
          customer={customer}
          name={name}
          onClose={() => setMerging(false)}
          onMerged={(summary) => {
            setMerging(false);
            onMergedIn();
            const who = summary.merged.map((m) => m.name || m.email || m.id);
            notify(
              who.length <= 3
                ? `Merged ${who.join(', ')} into this customer.`
                : `Merged ${who.length} customers into this customer.`,
            );
          }}
        />
      )}
      {composing && (
        <ComposeDialog
          customerId={customer.id}
          customerName={name}
          email={customer.email}
          onClose={() => setComposing(false)}
          onSent={() => {
            setComposing(false);
            setMessagesVersion((v) => v + 1);
            setActivityVersion((v) => v + 1);
            selectTab('messages');
            notify(`E-mail to ${name} is queued for sending.`);
          }}
        />
      )}

      <ConfirmDialog
        open={statusDialog}
        title={deactivating ? `Deactivate ${name}?` : `Restore ${name}?`}
        confirmLabel={deactivating ? 'Deactivate' : 'Restore'}
        danger={deactivating}
        busy={statusBusy}
        error={statusError}
        onConfirm={changeStatus}
        onCancel={() => {
          setStatusDialog(false);
          if (statusError instanceof ApiError && statusError.status === 412) loaded.reload();
        }}
      >
        <p>
          {deactivating
            ? 'The customer can no longer sign in or buy. Nothing is deleted; you can restore the account at any time.'
            : 'The customer can sign in and buy again.'}
        </p>
      </ConfirmDialog>

      <BanDialog
        open={banDialog === 'ban'}
        loaded={loaded.data}
        name={name}
        onDone={(next) => {
          onSaved(next);
          account.reload(); // the ban ended the customer's sessions
          setBanDialog(null);
          notify(`${name} is banned.`);
        }}
        onClose={(reload) => {
          setBanDialog(null);
          if (reload) loaded.reload();
        }}
      />
      <LiftBanDialog
        open={banDialog === 'lift'}
        loaded={loaded.data}
        name={name}
        onDone={(next) => {
          onSaved(next);
          account.reload();
          setBanDialog(null);
          notify(`The ban on ${name} is lifted.`);
        }}
        onClose={(reload) => {
          setBanDialog(null);
          if (reload) loaded.reload();
        }}
      />

      <PossibleDuplicates
        customer={customer}
        onDismissed={() => setActivityVersion((v) => v + 1)}
        onMerged={(survivorId) => {
          // Kept here, or merged into the registered account it duplicated: that one opens.
          if (survivorId === customer.id) onMergedIn();
          else navigateWithoutAsking(`/customers/${seg(survivorId)}`);
        }}
      />

      <Tabs tab={tab} onTab={selectTab} />
      <div
        key={merges}
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        class="tabpanel"
        tabIndex={0}
      >
        {tab === 'account' ? (
          <AccountTab
            key={customer.id}
            account={account}
            loaded={loaded.data}
            path={path}
            groups={groups.data ?? []}
            editable={editable}
            onSaved={onSaved}
            onReload={loaded.reload}
          />
        ) : tab === 'addresses' ? (
          <AddressesTab
            customer={customer}
            editable={editable}
            onChanged={() => setActivityVersion((v) => v + 1)}
          />
        ) : tab === 'orders' ? (
          <OrdersTab customer={customer} onChanged={onOrdersChanged} />
        ) : tab === 'transactions' ? (
          <TransactionsTab customer={customer} onChanged={onOrdersChanged} />
        ) : tab === 'wallet' ? (
          <WalletTab customer={customer} onChanged={() => setActivityVersion((v) => v + 1)} />
        ) : tab === 'library' ? (
          <LibraryTab
            customer={customer}
            name={name}
            onChanged={() => setActivityVersion((v) => v + 1)}
          />
        ) : tab === 'downloads' ? (
          <DownloadsTab customer={customer} />
        ) : tab === 'wishlist' ? (
          <WishlistTab customer={customer} />
        ) : tab === 'messages' ? (
          <MessagesTab customerId={customer.id} version={messagesVersion} />
        ) : (
          <ActivityList
            key={activityVersion}
            url={`${path}/activity`}
            addressesUrl={`${path}/addresses`}
            customerName={name}
            emptyText="No activity recorded for this customer yet."
          />
        )}
      </div>
    </section>
  );
}

function Tabs({ tab, onTab }: { tab: Tab; onTab: (t: Tab, then?: () => void) => void }) {
  const tabs: Array<[Tab, string]> = [
    ['account', 'Account'],
    ['addresses', 'Addresses'],
    ['messages', 'Messages'],
    ['orders', 'Orders'],
    ['transactions', 'Transactions'],
    ['wallet', 'Wallet'],
    ['library', 'Library'],
    ['downloads', 'Downloads'],
    ['wishlist', 'Wishlist'],
    ['activity', 'Activity'],
  ];
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  // A strip wider than the screen scrolls sideways: the chosen tab is scrolled wholly into it,
  // without moving the page.
  const strip = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = refs.current[tab];
    const box = strip.current;
    if (!el || !box) return;
    const shown = box.getBoundingClientRect();
    const at = el.getBoundingClientRect();
    if (at.left < shown.left) box.scrollLeft -= shown.left - at.left;
    else if (at.right > shown.right) box.scrollLeft += at.right - shown.right;
  }, [tab]);
  return (
    <div
      ref={strip}
      class="tabs"
      role="tablist"
      aria-label="Customer sections"
      onKeyDown={(e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        // The strip scrolls to the chosen tab itself; the arrow's own sideways scroll would
        // move it 40 px back off.
        e.preventDefault();
        const i = tabs.findIndex(([t]) => t === tab);
        const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]![0];
        onTab(next, () => refs.current[next]?.focus());
      }}
    >
      {tabs.map(([t, label]) => (
        <button
          key={t}
          ref={(el) => {
            refs.current[t] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t}`}
          aria-selected={tab === t}
          aria-controls={`panel-${t}`}
          tabIndex={tab === t ? 0 : -1}
          class="tab"
          onClick={() => onTab(t)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

interface AccountProps {
  account: Resource<CustomerAccount>;
  loaded: Loaded;
  path: string;
  groups: Group[];
  editable: boolean;
  onSaved: (next: Loaded) => void;
  onReload: () => void;
}

// The Account tab: the customer's summary, or the edit form in its place after Edit; the staff
// notes and the sign-in account below either.
function AccountTab({ account, loaded, path, groups, editable, onSaved, onReload }: AccountProps) {
  const { customer } = loaded;
  const [editing, setEditing] = useState(false);
  const place = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // Edit puts the cursor in the form's first field; back in the summary, Edit has the focus
  // again, unless something else took it (the question before leaving gives it back itself).
  useEffect(() => {
    if (editing) {
      opened.current = true;
      place.current?.querySelector<HTMLElement>('form input, form select, form textarea')?.focus();
    } else if (opened.current) {
      const active = document.activeElement;
      if (!active || active === document.body || !active.isConnected) editButton.current?.focus();
    }
  }, [editing]);

  return (
    <div class="account">
      {!editable && (
        <p class="banner banner--info" data-testid="read-only">
          Your role can view but not edit customers.
        </p>
      )}
      <div ref={place}>
        {editing && editable ? (
          <AccountEditor
            key={customer.version}
            loaded={loaded}
            path={path}
            groups={groups}
            onSaved={onSaved}
            onReload={onReload}
            onClose={() => setEditing(false)}
          />
        ) : (
          <ProfileSummary
            customer={customer}
            onEdit={editable ? () => setEditing(true) : undefined}
            editRef={editButton}
          />
        )}
      </div>
      <div class="two-columns account__more">
        <StaffNotes customerId={customer.id} editable={editable} />
        <SignInAccount customer={customer} account={account} />
      </div>
    </div>
  );
}

interface EditorProps {
  loaded: Loaded;
  path: string;
  groups: Group[];
  onSaved: (next: Loaded) => void;
  onReload: () => void;
  // Back to the summary: after a save, or Cancel (which asks first when there are edits).
  onClose: () => void;
}

// The edit form of the Account tab (only changed fields, If-Match, the conflict panel on 412),
// for one version of the customer: a newer one (Reload, a tool) starts it again from that.
function AccountEditor({ loaded, path, groups, onSaved, onReload, onClose }: EditorProps) {
  const { notify } = useApp();
  const { customer, etag } = loaded;
  const [draft, setDraft] = useState<CustomerDraft>(() => draftOf(customer));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<{
    body: Record<string, unknown>;
    theirs: string[];
  } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [discards, setDiscards] = useState(0);

  const body = bodyOf(draft, customer);
  const changed = Object.keys(body);

  // Resolves true once saved (and the summary is back); false when the form or the conflict
  // panel shows why not.
  async function save(withIfMatch: boolean, payload: Record<string, unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const headers: Record<string, string> = withIfMatch && etag ? { 'if-match': etag } : {};
      const r = await api.patch<Customer>(path, payload, { headers });
      setConflict(null);
      onSaved({ customer: r.data, etag: r.etag });
      onClose();
      notify('Changes saved.');
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        // Show which fields the other person changed, from the stored record.
        let theirs: string[] = [];
        try {
          const latest = await api.get<Customer>(path);
          theirs = Object.keys(bodyOf(draftOf(latest.data), customer));
        } catch {
          theirs = [];
        }
        setConflict({ body: payload, theirs });
      } else {
        setError(asApiError(e));
        setTimeout(() => focusFirstInvalid(formRef.current), 0);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }
  useUnsavedChanges(changed.length > 0, async () =>
    focusUnresolved(formRef.current) ? false : save(true, body),
  );

  // Cancel: the edits go, after the same question as before another tab when there are any.
  function cancel() {
    if (!changed.length || mayLeave(onClose)) onClose();
  }

  return (
    <section class="profile-editor" aria-labelledby="profile-editor-heading">
      <div class="profile-editor__header">
        <h2 id="profile-editor-heading">Edit details</h2>
        <button type="button" class="button" onClick={cancel}>
          Cancel
        </button>
      </div>
      {conflict && (
        <div class="conflict" role="alert">
          <h2>Someone else changed this customer</h2>
          <p>
            Your changes were not saved because the customer was changed after you opened it
            {conflict.theirs.length > 0 && (
              <>
                {' '}
                (changed: <strong>{conflict.theirs.map(fieldLabel).join(', ')}</strong>)
              </>
            )}
            .
          </p>
          <p>Reload to see their version and discard your edits, or overwrite with yours.</p>
          <div class="conflict__actions">
            <button type="button" class="button" onClick={onReload} disabled={busy}>
              Reload
            </button>
            <button
              type="button"
              class="button button--danger"
              disabled={busy}
              onClick={() => save(false, conflict.body)}
            >
              Overwrite
            </button>
          </div>
        </div>
      )}

      <form
        ref={formRef}
        class="customer-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (focusUnresolved(formRef.current)) return;
          if (changed.length) void save(true, body);
        }}
      >
        {error && !error.errors.length && <ErrorBanner error={error} />}
        {error && error.errors.length > 0 && (
          <p class="banner banner--error" role="alert">
            {error.errors.length === 1
              ? 'One field needs attention.'
              : `${error.errors.length} fields need attention.`}
          </p>
        )}
        <CustomerFields
          key={discards}
          draft={draft}
          onChange={setDraft}
          groups={groups}
          answer={error}
          errors={(f) => error?.field(f)}
        />
        <div
          class={`form-actions form-actions--sticky${changed.length ? '' : ' form-actions--idle'}`}
        >
          <span class="muted small" aria-live="polite">
            {changed.length
              ? `Unsaved: ${changed.map(fieldLabel).join(', ')}`
              : 'No unsaved changes'}
          </span>
          <button
            type="button"
            class="button"
            disabled={!changed.length || busy}
            onClick={() => {
              setDraft(draftOf(customer));
              setError(null);
              // Text left in a country or language box goes too.
              setDiscards((n) => n + 1);
            }}
          >
            Discard
          </button>
          <button type="submit" class="button button--primary" disabled={!changed.length || busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </section>
  );
}

// The second factors that are on; a server that does not tell each one names the one asked first.
function secondFactors(a: CustomerAccount): string[] {
  const totp = a.totp_enabled ?? a.second_factor === 'totp';
  const sms = a.sms_enabled ?? a.second_factor === 'sms';
  return [...(totp ? ['Authenticator app'] : []), ...(sms ? ['SMS codes'] : [])];
}

// The customer's sign-in account in the customer area (a guest checkout record has none).
function SignInAccount(props: { customer: Customer; account: Resource<CustomerAccount> }) {
  const { settings } = useApp();
  const { customer, account } = props;
  const a = account.data;
  const factors = a ? secondFactors(a) : [];
  return (
    <section class="subform account-panel" aria-labelledby="account-panel-heading">
      <h2 id="account-panel-heading">Account</h2>
      {customer.kind === 'guest' ? (
        <p class="muted">Guest checkout record — no account</p>
      ) : account.error && !a ? (
        <ErrorBanner error={account.error} onRetry={account.reload} />
      ) : !a ? (
        <Loading />
      ) : (
        <dl class="facts">
          <div>
            <dt>E-mail address</dt>
            <dd>
              {a.email_verified ? (
                <>
                  <span class="badge badge--active">Verified</span>{' '}
                  {a.email_verified_at && (
                    <span class="muted">{formatDate(a.email_verified_at)}</span>
                  )}
                </>
              ) : (
                <span class="badge badge--guest">Not verified</span>
              )}
              {a.pending_email && (
                <span class="muted small account-panel__note">
                  Changing to {a.pending_email} (not confirmed yet)
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Password</dt>
            <dd data-testid="account-password">
              {!a.has_password
                ? 'None'
                : a.must_change_password
                  ? 'Temporary: a new one must be chosen at the next sign-in'
                  : 'Set'}
            </dd>
          </div>
          <div>
            <dt>Two-factor sign-in</dt>
            <dd data-testid="account-second-factors">
              {factors.length ? factors.join(', ') : 'Off'}
              {factors.length > 0 && (
                <span class="muted"> · {plural(a.recovery_codes_left, 'recovery code')} left</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Sessions</dt>
            <dd>
              {plural(a.sessions.active, 'active session')}
              {a.sessions.last_seen_at && (
                <span class="muted"> · last seen {formatDateTime(a.sessions.last_seen_at)}</span>
              )}
            </dd>
          </div>
          {settings.assistance_requires_consent && a.assistance_allowed !== undefined && (
            <div>
              <dt>Login as customer</dt>
              <dd data-testid="account-assistance">
                {a.assistance_allowed
                  ? 'Allowed by the customer'
                  : 'Not allowed: the customer can allow it under Privacy'}
              </dd>
            </div>
          )}
          {a.deletion_requested_at && (
            <div>
              <dt>Deletion</dt>
              <dd>
                <span class="badge badge--banned">Requested</span>{' '}
                {formatDateTime(a.deletion_requested_at)}
              </dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}

const kFieldLabels: Record<string, string> = {
  first_name: 'first name',
  last_name: 'last name',
  email: 'e-mail',
  group_id: 'group',
  note: 'pinned note',
  commission_reduced_percent: 'commission',
  custom_fields: 'custom fields',
  library_all_access: 'library access',
  member_directory_access: 'member directory',
  email_marketing_consent: 'e-mail consent',
  sms_marketing_consent: 'SMS consent',
  messenger_marketing_consent: 'messenger consent',
};

export function fieldLabel(f: string): string {
  return kFieldLabels[f] ?? f.replace(/_/g, ' ');
}
