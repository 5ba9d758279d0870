import { TradewindError } from '../../../shared/ipc/errors';
import { MAX_FAVOURITES, type favouriteMethods } from '../../../shared/ipc/schemas/favourites';
import type { AccountService } from '../accounts/account-service';
import type { FavouritesRepo } from '../markets/favourites-repo';
import type { MarketDataSource } from '../market-data/source';
import type { Handlers } from './dispatch';

type FavouriteHandlers = Pick<Handlers, keyof typeof favouriteMethods>;

/** The markets browser's stars, persisted per account in core. */
export function createFavouriteHandlers(deps: {
  favourites: FavouritesRepo;
  accountService: AccountService;
  sourceFor: (accountId: string) => Promise<MarketDataSource>;
}): FavouriteHandlers {
  const { favourites, accountService } = deps;
  const current = (accountId: string) => ({ accountId, symbols: favourites.list(accountId) });

  return {
    'favourites.list': ({ accountId }) => current(accountService.requireAccount(accountId).id),

    'favourites.set': async ({ accountId, symbol, favourite }) => {
      accountService.requireAccount(accountId);
      if (favourite && !favourites.has(accountId, symbol)) {
        // Only a market the account's exchange lists can be starred; unstarring is always allowed,
        // so a delisted market can still be removed from the list.
        const source = await deps.sourceFor(accountId);
        if (!source.hasMarket(symbol)) {
          throw new TradewindError('not_found', `${symbol} is not a market on ${source.exchangeName}. Pick one from the markets list.`);
        }
        if (favourites.count(accountId) >= MAX_FAVOURITES) {
          throw new TradewindError(
            'invalid_input',
            `This account already has ${MAX_FAVOURITES} favourites, the most Tradewind keeps. Remove one before adding ${symbol}.`,
          );
        }
      }
      favourites.set(accountId, symbol, favourite, Date.now());
      return current(accountId);
    },
  };
}
