import type { botBacktestMethods } from '../../../shared/ipc/schemas/bot-backtests';
import { botBacktestResult, startBotBacktest, type BotBacktestDeps } from '../bot-backtest/bot-backtest-jobs';
import type { Handlers } from './dispatch';

type BotBacktestHandlers = Pick<Handlers, keyof typeof botBacktestMethods>;

/** Grid and DCA bot backtests as jobs (bot-backtest/). */
export function createBotBacktestHandlers(deps: BotBacktestDeps): BotBacktestHandlers {
  return {
    'bots.backtest': (input) => startBotBacktest(deps, input),
    'bots.backtestResult': ({ jobId }) => botBacktestResult(deps.jobs, jobId),
  };
}
