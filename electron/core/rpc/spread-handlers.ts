import type { spreadMethods } from '../../../shared/ipc/schemas/spread';
import type { SpreadModule } from '../spread/spread-module';
import type { Handlers } from './dispatch';

type SpreadHandlers = Pick<Handlers, keyof typeof spreadMethods>;

/** The spread monitor (per session) and the two-leg ticket; thin calls into core/spread. */
export function createSpreadHandlers(spread: SpreadModule): SpreadHandlers {
  return {
    'spread.watch': (_input, ctx) => spread.monitor.watch(ctx.sessionId),
    'spread.unwatch': (_input, ctx) => ({ watching: spread.monitor.unwatch(ctx.sessionId) }),
    'spread.setPreferences': (input) => {
      const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      return spread.preferences.update(patch);
    },
    'spread.preview': (input) => spread.trader.preview(input),
    'spread.trade': (input) => spread.trader.trade(input),
    'spread.unwind': ({ id, confirmed }) => spread.trader.unwind(id, confirmed),
    'spread.trades': (input) => spread.trader.list(input?.limit),
  };
}
