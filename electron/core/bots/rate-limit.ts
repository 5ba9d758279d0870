import type { AccountService } from '../accounts/account-service';
import type { AccountsRepo } from '../accounts/accounts-repo';
import { publishedRateLimitMs } from '../exchange/exchange-catalog';

/**
 * The minimum time between requests for an account: its own ExchangeClient's `rateLimitMs` when it
 * has a key, else the published one of its exchange (a paper account mirrors its reference exchange,
 * so a paper grid is held to the limit it would meet live).
 */
export function rateLimitOf(accounts: AccountsRepo, accountService: AccountService) {
  return async (accountId: string): Promise<number | null> => {
    const account = accounts.get(accountId);
    if (!account) return null;
    if (account.kind === 'live') {
      const client = await accountService.client(accountId).catch(() => null);
      if (client) return client.rateLimitMs;
    }
    return publishedRateLimitMs(account.exchangeId);
  };
}
