// The shopper's store credit: the balance per currency, the open credits with their expiry, and
// the history (date, change, reason).
import { ErrorBanner, Loading } from '../../src/components/ui';
import { WalletBalances, WalletHistory } from '../../src/components/wallet';
import { useResource } from '../../src/hooks';
import type { Wallet } from '../../src/types';
import { store } from '../api';
import { PageTitle } from '../forms';

export function StoreCreditPage() {
  const wallet = useResource(
    (signal) => store.get<Wallet>('/me/wallet', { signal }).then((r) => r.data),
    [],
  );
  const w = wallet.data;
  return (
    <section class="area-page">
      <PageTitle>Store credit</PageTitle>
      {wallet.error && !w ? (
        <ErrorBanner error={wallet.error} onRetry={wallet.reload} />
      ) : !w ? (
        <Loading />
      ) : w.history.length === 0 ? (
        <div class="empty">
          <p>You have no store credit yet. Credit the store gives you will show here.</p>
        </div>
      ) : (
        <>
          <section aria-labelledby="credit-balance-heading" class="wallet-section">
            <h2 id="credit-balance-heading">Balance</h2>
            <WalletBalances balances={w.balances} emptyText="No balance." />
          </section>
          <section aria-labelledby="credit-history-heading" class="wallet-section">
            <h2 id="credit-history-heading">History</h2>
            <WalletHistory entries={w.history} label="Store credit history" />
          </section>
        </>
      )}
    </section>
  );
}
