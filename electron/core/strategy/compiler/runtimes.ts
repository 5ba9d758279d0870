import type { BlockType } from '../../../../shared/strategy/block-types';
import * as expr from './expression-runtimes';
import * as ind from './indicator-runtimes';
import * as pt from './pattern-time-runtimes';
import { position } from './position-runtime';
import * as tv from './trend-volume-runtimes';
import type { NodeRuntimeFactory } from './runtime-types';

/** Blocks that act on the account rather than compute a series. */
export const ACTION_TYPES = [
  'enterLong',
  'exitLong',
  'stopLoss',
  'takeProfit',
  'trailingStop',
  'stopAtPrice',
  'targetAtPrice',
  'enterShort',
  'exitShort',
  'partialTakeProfit',
  'partialTargetAtPrice',
  'breakEvenStop',
  'limitEntry',
  'offsetEntry',
  'addToPosition',
] as const;
export type ActionBlockType = (typeof ACTION_TYPES)[number];
export type ComputeBlockType = Exclude<BlockType, ActionBlockType>;
/** Compute blocks that read data from outside the bars (built by compile with the feed). */
export type FeedBlockType = 'signalReceived' | 'model';

export function isActionType(type: BlockType): type is ActionBlockType {
  return (ACTION_TYPES as readonly string[]).includes(type);
}

/** A Record over every compute block: adding a block to the catalogue without a runtime fails to compile. */
export const RUNTIMES: Readonly<Record<Exclude<ComputeBlockType, FeedBlockType>, NodeRuntimeFactory>> = {
  candle: expr.candle,
  // Filled by the evaluators from the aligned higher-timeframe bars (see CompiledStrategy.higherTimeframes).
  higherTimeframe: expr.candle,
  // Filled by the evaluators from the other market's aligned bars (see CompiledStrategy.otherMarkets).
  otherMarket: expr.candle,
  sma: ind.sma,
  ema: ind.ema,
  wma: ind.wma,
  rsi: ind.rsi,
  macd: ind.macd,
  bollinger: ind.bollinger,
  atr: ind.atr,
  stochastic: ind.stochastic,
  vwap: ind.vwap,
  highest: ind.highest,
  lowest: ind.lowest,
  roc: ind.roc,
  adx: tv.adx,
  parabolicSar: tv.parabolicSar,
  ichimoku: tv.ichimoku,
  superTrend: tv.superTrend,
  obv: tv.obv,
  mfi: tv.mfi,
  cci: tv.cci,
  keltner: tv.keltner,
  donchian: tv.donchian,
  williamsR: tv.williamsR,
  bullishEngulfing: pt.bullishEngulfing,
  bearishEngulfing: pt.bearishEngulfing,
  hammer: pt.hammer,
  invertedHammer: pt.invertedHammer,
  doji: pt.doji,
  morningStar: pt.morningStar,
  eveningStar: pt.eveningStar,
  barsAgo: pt.barsAgo,
  barsSince: pt.barsSince,
  hourOfDay: pt.hourOfDay,
  weekday: pt.weekday,
  session: pt.session,
  position,
  constant: expr.constant,
  add: expr.add,
  subtract: expr.subtract,
  multiply: expr.multiply,
  divide: expr.divide,
  greaterThan: expr.greaterThan,
  lessThan: expr.lessThan,
  crossesAbove: expr.crossesAbove,
  crossesBelow: expr.crossesBelow,
  and: expr.and,
  or: expr.or,
  not: expr.not,
  trueForBars: expr.trueForBars,
};
