/**
 * The bot kinds the runtime can run, by name. Adding a kind is one folder under kinds/ and one
 * `register` line in `builtInKinds` (or, for a test-only kind, a `register` call in the test).
 */
import { TradewindError } from '../../../../shared/ipc/errors';
import type { KindStateBase } from '../kind-state';
import type { BotKind } from './bot-kind';
import { dcaKind } from './dca/dca-kind';
import { gridKind } from './grid/grid-kind';
import { rebalanceKind } from './rebalance/rebalance-kind';
import { signalKind } from './signal/signal-kind';
import { strategyKind } from './strategy/strategy-kind';

export class BotKindRegistry {
  private readonly kinds = new Map<string, BotKind>();

  register<C extends { kind: string }, S extends KindStateBase>(kind: BotKind<C, S>): this {
    if (this.kinds.has(kind.id)) throw new Error(`A bot kind named "${kind.id}" is already registered.`);
    this.kinds.set(kind.id, kind as unknown as BotKind);
    return this;
  }

  /** The kind of a bot record or settings; a kind this build does not know is refused with its name. */
  get(id: string): BotKind {
    const kind = this.kinds.get(id);
    if (!kind)
      throw new TradewindError(
        'invalid_input',
        `This version of Tradewind has no "${id}" bot kind (it knows ${[...this.kinds.keys()].join(', ')}); update Tradewind or delete the bot.`,
      );
    return kind;
  }

  has(id: string): boolean {
    return this.kinds.has(id);
  }

  get ids(): string[] {
    return [...this.kinds.keys()];
  }
}

/** The kinds every Tradewind build runs: a new kind is one more `register` here. */
export function builtInKinds(): BotKindRegistry {
  return new BotKindRegistry().register(gridKind).register(dcaKind).register(strategyKind).register(signalKind).register(rebalanceKind);
}

/**
 * The kinds this process runs (a bot runtime uses it unless given its own registry). Only a test
 * entry script registers more into it (a test-only kind in a real host process).
 */
export const processBotKinds = builtInKinds();
