import ccxt, { type Exchange } from 'ccxt';
import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';

const byExchange = new Map<string, number | null>();

/** ccxt's published `rateLimit` of an exchange (ms between requests), read once per exchange id. */
function publishedRateLimit(exchangeId: string): number | null {
  if (!byExchange.has(exchangeId)) {
    const Ctor = (ccxt as unknown as Record<string, (new (config: object) => Exchange) | undefined>)[exchangeId];
    byExchange.set(exchangeId, typeof Ctor === 'function' ? Number(new Ctor({}).rateLimit) || null : null);
  }
  return byExchange.get(exchangeId) ?? null;
}

/**
 * The minimum time between requests for an account: its own ccxt client's `rateLimit` when it
 * has a key, else the published one of its exchange (a paper account mirrors its reference exchange,
 * so a paper grid is held to the limit it would meet live).
 */
export function rateLimitOf(accounts: AccountsRepo, accountService: AccountService) {
  return async (accountId: string): Promise<number | null> => {
    const account = accounts.get(accountId);
    if (!account) return null;
    if (account.kind === 'live') {
      const client = await accountService.client(accountId).catch(() => null);
      if (client) return Number(client.exchange.rateLimit) || null;
    }
    return publishedRateLimit(account.exchangeId);
  };
}
