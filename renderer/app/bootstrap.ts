import type { StoreApi } from 'zustand';
import { loadPortfolio } from '../features/balances/load-portfolio';
import { loadMarkets } from '../features/markets/load-markets';
import { loadSettings } from '../features/settings/load-settings';
import type { RpcClient } from '../lib/ipc/client';
import { describeError } from '../lib/ipc/rpc-error';
import type { Store } from '../store/types';

/**
 * Start-up: app info and accounts, select the paper (else first) account, then its markets
 * (BTC/USDT preferred) and the portfolio. The panels' own hooks see the loads already under
 * way and do not repeat them. Resolves when done; failures land in `bootError`.
 */
export async function bootstrap(client: RpcClient, store: StoreApi<Store>): Promise<void> {
  const state = () => store.getState();
  state().setBootError(null);
  // The snapshot needs no account, so it starts at once (and marks the portfolio as loading).
  const portfolio = loadPortfolio(client, store);
  // The browser's last number format and theme hold until core's settings arrive; the Settings dialog retries a failure.
  const settings = loadSettings(client, store).catch(() => undefined);
  try {
    const [info, accounts] = await Promise.all([client.call('app.info'), client.call('accounts.list')]);
    state().setAppInfo(info);
    state().setAccounts(accounts);
  } catch (error) {
    state().setBootError(`Could not reach the Tradewind core: ${describeError(error)}`);
    await Promise.all([portfolio, settings]);
    return;
  }
  const accountId = state().selectedAccountId;
  if (!accountId) {
    state().setBootError('No account is set up yet. Restart Tradewind to recreate the paper account.');
    await Promise.all([portfolio, settings]);
    return;
  }
  await Promise.all([loadMarkets(client, store, accountId), portfolio, settings]);
}
