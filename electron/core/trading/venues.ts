import type { AccountService } from '../accounts/account-service';
import type { MarketDataSource } from '../market-data/source';
import type { PaperExchange } from '../paper/paper-exchange';
import { PaperVenue } from '../paper/paper-venue';
import { LiveVenue } from '../exchange/live-venue';
import type { OrderVenue, VenueLookup } from '../exchange/venue';

/** The venue of each account: the paper exchange for paper accounts, the account's exchange for live ones. */
export class Venues implements VenueLookup {
  private readonly cache = new Map<string, OrderVenue>();

  constructor(
    private readonly deps: {
      accountService: AccountService;
      paper: PaperExchange;
      paperSource: () => Promise<MarketDataSource>;
      now?: () => number;
    },
  ) {}

  forAccount(accountId: string): OrderVenue {
    const account = this.deps.accountService.requireAccount(accountId);
    const cached = this.cache.get(account.id);
    if (cached && cached.kind === account.kind) return cached;
    const venue =
      account.kind === 'paper'
        ? new PaperVenue(account.id, 'Paper', this.deps.paper, this.deps.paperSource)
        : new LiveVenue(account.id, account.exchangeId, this.deps.accountService, this.deps.now);
    this.cache.set(account.id, venue);
    return venue;
  }

  forget(accountId: string): void {
    this.cache.delete(accountId);
  }
}
