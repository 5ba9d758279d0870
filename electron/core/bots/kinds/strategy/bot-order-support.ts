/**
 * What a bot cannot run of a strategy: short entries and exits on spot (they run on USDT perpetual
 * swaps), and the order blocks that exist in backtests only (partial and break-even exits, limit
 * entries, adds). A bot places market entries and whole-position exits, so running such a strategy
 * would silently trade something else than what was backtested: it is refused instead, naming the
 * block and the reason.
 */
import { BLOCKS } from '../../../../../shared/strategy/blocks/index';
import type { BlockType } from '../../../../../shared/strategy/block-types';
import type { StrategyGraph } from '../../../../../shared/strategy/graph-schema';

const SHORT_BLOCKS = new Set<string>(['enterShort', 'exitShort']);
const BACKTEST_ONLY = new Set<string>([
  'partialTakeProfit',
  'partialTargetAtPrice',
  'breakEvenStop',
  'limitEntry',
  'offsetEntry',
  'addToPosition',
]);

/** The account a bot would trade on, as the refusal names it. */
export interface BotMarketAccount {
  /** The venue's name, e.g. "binance". */
  venue: string;
  /** The account's label. */
  account: string;
  /** ccxt's market type of the bot's market (spot, margin, swap, future …); absent: spot. */
  marketType?: string | undefined;
}

/** One message per block a bot cannot run (empty: the strategy can run as a bot). */
export function unsupportedOrderBlocks(graph: StrategyGraph, where: BotMarketAccount | null): string[] {
  const problems: string[] = [];
  for (const node of graph.nodes) {
    const title = BLOCKS[node.type as BlockType]?.title ?? node.type;
    const name = `${title} "${node.label ?? node.id}"`;
    if (SHORT_BLOCKS.has(node.type)) {
      const type = where?.marketType ?? 'spot';
      // A perpetual swap sells short: the bot sends the short at market and its exit reduce-only.
      if (type === 'swap') continue;
      if (where === null) {
        problems.push(`${name}: a bot cannot sell short on a spot market; short blocks run in backtests and on USDT perpetuals accounts.`);
      } else if (type === 'spot') {
        problems.push(
          `${name}: shorting needs a margin or perpetual futures account; ${where.venue} account "${where.account}" is spot. Add the account for USDT perpetuals to sell short.`,
        );
      } else {
        problems.push(
          `${name}: the strategy bot cannot sell short on ${where.venue} ${type} markets (it shorts on USDT perpetual swaps only); short blocks run in backtests. Remove them to run this strategy as a bot here.`,
        );
      }
    } else if (BACKTEST_ONLY.has(node.type)) {
      problems.push(
        `${name}: runs in backtests only — the strategy bot places market entries and whole-position exits. Remove it to run this strategy as a bot.`,
      );
    }
  }
  return problems;
}
