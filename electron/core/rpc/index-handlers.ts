import type { indexMethods } from '../../../shared/ipc/schemas/rebalance';
import type { IndexService } from '../bots/kinds/rebalance/index-service';
import type { Handlers } from './dispatch';

type IndexHandlers = Pick<Handlers, keyof typeof indexMethods>;

/** Index following: the rebalance bots' views, the plan preview, basket import and preset, the backtest as a pool job (bots/kinds/rebalance). */
export function createIndexHandlers(index: IndexService): IndexHandlers {
  return {
    'index.list': () => index.list(),
    'index.preview': ({ accountId, config, capitalCap }) => index.preview(accountId, config, capitalCap),
    'index.importBasket': ({ accountId, text, quote }) => index.importBasket(accountId, text, quote),
    'index.topN': ({ accountId, quote, n }) => index.topN(accountId, quote, n),
    'index.backtest': (input) => index.backtest(input),
    'index.backtestResult': ({ jobId }) => index.backtestResult(jobId),
  };
}
