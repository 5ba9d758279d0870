import type { BlockDefinition, BlockType, ParamSpec, PortSpec } from '../block-types';
import {
  enterLongBlock,
  exitLongBlock,
  stopAtPriceBlock,
  stopLossBlock,
  takeProfitBlock,
  targetAtPriceBlock,
  trailingStopBlock,
} from './action-blocks';
import {
  atrBlock,
  bollingerBlock,
  emaBlock,
  highestBlock,
  lowestBlock,
  macdBlock,
  rocBlock,
  rsiBlock,
  smaBlock,
  stochasticBlock,
  vwapBlock,
  wmaBlock,
} from './indicator-blocks';
import {
  andBlock,
  crossesAboveBlock,
  crossesBelowBlock,
  greaterThanBlock,
  lessThanBlock,
  notBlock,
  orBlock,
  trueForBarsBlock,
} from './logic-blocks';
import { addBlock, constantBlock, divideBlock, multiplyBlock, subtractBlock } from './math-blocks';
import { candleBlock, higherTimeframeBlock, otherMarketBlock } from './price-blocks';
import { barsAgoBlock, barsSinceBlock } from './bar-logic-blocks';
import { cciBlock, donchianBlock, keltnerBlock, mfiBlock, obvBlock, williamsRBlock } from './band-volume-blocks';
import {
  bearishEngulfingBlock,
  bullishEngulfingBlock,
  dojiBlock,
  eveningStarBlock,
  hammerBlock,
  invertedHammerBlock,
  morningStarBlock,
} from './pattern-blocks';
import {
  addToPositionBlock,
  breakEvenStopBlock,
  enterShortBlock,
  exitShortBlock,
  limitEntryBlock,
  offsetEntryBlock,
  partialTakeProfitBlock,
  partialTargetAtPriceBlock,
} from './order-blocks';
import { positionBlock } from './position-blocks';
import { signalReceivedBlock } from './signal-blocks';
import { modelBlock } from './model-blocks';
import { hourOfDayBlock, sessionBlock, weekdayBlock } from './time-blocks';
import { adxBlock, ichimokuBlock, parabolicSarBlock, superTrendBlock } from './trend-blocks';

export { SIZING_MODES, type SizingMode } from './action-blocks';

/** The closed block catalogue, keyed by type. A Record so that a missing block fails to compile. */
export const BLOCKS: Readonly<Record<BlockType, BlockDefinition>> = {
  candle: candleBlock,
  higherTimeframe: higherTimeframeBlock,
  otherMarket: otherMarketBlock,
  sma: smaBlock,
  ema: emaBlock,
  wma: wmaBlock,
  rsi: rsiBlock,
  macd: macdBlock,
  bollinger: bollingerBlock,
  atr: atrBlock,
  stochastic: stochasticBlock,
  vwap: vwapBlock,
  highest: highestBlock,
  lowest: lowestBlock,
  roc: rocBlock,
  adx: adxBlock,
  parabolicSar: parabolicSarBlock,
  ichimoku: ichimokuBlock,
  superTrend: superTrendBlock,
  obv: obvBlock,
  mfi: mfiBlock,
  cci: cciBlock,
  keltner: keltnerBlock,
  donchian: donchianBlock,
  williamsR: williamsRBlock,
  bullishEngulfing: bullishEngulfingBlock,
  bearishEngulfing: bearishEngulfingBlock,
  hammer: hammerBlock,
  invertedHammer: invertedHammerBlock,
  doji: dojiBlock,
  morningStar: morningStarBlock,
  eveningStar: eveningStarBlock,
  barsAgo: barsAgoBlock,
  barsSince: barsSinceBlock,
  hourOfDay: hourOfDayBlock,
  weekday: weekdayBlock,
  session: sessionBlock,
  position: positionBlock,
  signalReceived: signalReceivedBlock,
  model: modelBlock,
  constant: constantBlock,
  add: addBlock,
  subtract: subtractBlock,
  multiply: multiplyBlock,
  divide: divideBlock,
  greaterThan: greaterThanBlock,
  lessThan: lessThanBlock,
  crossesAbove: crossesAboveBlock,
  crossesBelow: crossesBelowBlock,
  and: andBlock,
  or: orBlock,
  not: notBlock,
  trueForBars: trueForBarsBlock,
  enterLong: enterLongBlock,
  exitLong: exitLongBlock,
  stopLoss: stopLossBlock,
  takeProfit: takeProfitBlock,
  trailingStop: trailingStopBlock,
  stopAtPrice: stopAtPriceBlock,
  targetAtPrice: targetAtPriceBlock,
  enterShort: enterShortBlock,
  exitShort: exitShortBlock,
  partialTakeProfit: partialTakeProfitBlock,
  partialTargetAtPrice: partialTargetAtPriceBlock,
  breakEvenStop: breakEvenStopBlock,
  limitEntry: limitEntryBlock,
  offsetEntry: offsetEntryBlock,
  addToPosition: addToPositionBlock,
};

export function getBlock(type: BlockType): BlockDefinition {
  return BLOCKS[type];
}

export function findInput(block: BlockDefinition, name: string): PortSpec | undefined {
  return block.inputs.find((p) => p.name === name);
}

export function findOutput(block: BlockDefinition, name: string): PortSpec | undefined {
  return block.outputs.find((p) => p.name === name);
}

export function findParam(block: BlockDefinition, name: string): ParamSpec | undefined {
  return block.params.find((p) => p.name === name);
}
