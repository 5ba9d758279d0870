/** A valid graph that uses every block of the catalogue at least once (for engine-wide tests). */
import { BLOCK_TYPES } from '../../../../shared/strategy/block-types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import type { Candle } from '../../../../shared/domain/types';
import { columnsFromCandles, type CandleColumns } from '../candle-columns';
import type { OtherMarketBars } from '../compiler/batch-evaluator';

export function everyBlockGraph(): StrategyGraph {
  const g = graph(
    'Every block',
    'Exercises the whole catalogue.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('sma', 'sma', { period: 20 }, 1, 0),
      node('ema', 'ema', { period: 12 }, 1, 1),
      node('wma', 'wma', { period: 15 }, 1, 2),
      node('rsi', 'rsi', { period: 14 }, 1, 3),
      node('macd', 'macd', { fast: 8, slow: 21, signal: 5 }, 1, 4),
      node('bands', 'bollinger', { period: 20, deviations: 2 }, 1, 5),
      node('atr', 'atr', { period: 14 }, 1, 6),
      node('stoch', 'stochastic', { period: 14, smoothing: 3, signal: 3 }, 1, 7),
      node('vwap', 'vwap', { period: 24 }, 1, 8),
      node('hi', 'highest', { period: 30 }, 1, 9),
      node('lo', 'lowest', { period: 30 }, 1, 10),
      node('roc', 'roc', { period: 10 }, 1, 11),
      node('k2', 'constant', { value: 2 }, 1, 12),
      node('k50', 'constant', { value: 50 }, 1, 13),
      node('range', 'subtract', {}, 2, 0),
      node('mid', 'add', {}, 2, 1),
      node('midHalf', 'divide', {}, 2, 2),
      node('atrTwice', 'multiply', {}, 2, 3),
      node('volPerRange', 'divide', {}, 2, 4),
      node('trendUp', 'greaterThan', {}, 3, 0),
      node('cheap', 'lessThan', {}, 3, 1),
      node('macdUp', 'crossesAbove', {}, 3, 2),
      node('macdDown', 'crossesBelow', {}, 3, 3),
      node('stochHigh', 'greaterThan', {}, 3, 4),
      node('upAndCheap', 'and', {}, 4, 0),
      node('entrySignal', 'or', {}, 4, 1),
      node('notTrend', 'not', {}, 4, 2),
      node('weak', 'trueForBars', { bars: 3 }, 4, 3),
      node('exitSignal', 'or', {}, 4, 4),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 50 }, 5, 0),
      node('enterSmall', 'enterLong', { sizing: 'quoteAmount', size: 1000 }, 5, 1),
      node('exit', 'exitLong', {}, 5, 2),
      node('stop', 'stopLoss', { percent: 3 }, 6, 0),
      node('target', 'takeProfit', { percent: 6 }, 6, 1),
      node('trail', 'trailingStop', { percent: 4 }, 6, 2),
    ],
    [
      edge('candle.close', 'sma.source'),
      edge('candle.close', 'ema.source'),
      edge('candle.close', 'wma.source'),
      edge('candle.close', 'rsi.source'),
      edge('candle.close', 'macd.source'),
      edge('candle.close', 'bands.source'),
      edge('candle.high', 'hi.source'),
      edge('candle.low', 'lo.source'),
      edge('candle.close', 'roc.source'),
      edge('hi.value', 'range.a'),
      edge('lo.value', 'range.b'),
      edge('hi.value', 'mid.a'),
      edge('lo.value', 'mid.b'),
      edge('mid.value', 'midHalf.a'),
      edge('k2.value', 'midHalf.b'),
      edge('atr.value', 'atrTwice.a'),
      edge('k2.value', 'atrTwice.b'),
      edge('candle.volume', 'volPerRange.a'),
      edge('range.value', 'volPerRange.b'),
      edge('ema.value', 'trendUp.a'),
      edge('wma.value', 'trendUp.b'),
      edge('candle.close', 'cheap.a'),
      edge('vwap.value', 'cheap.b'),
      edge('macd.macd', 'macdUp.a'),
      edge('macd.signal', 'macdUp.b'),
      edge('macd.histogram', 'macdDown.a'),
      edge('k50.value', 'stochHigh.b'),
      edge('stoch.k', 'stochHigh.a'),
      edge('trendUp.value', 'upAndCheap.a'),
      edge('cheap.value', 'upAndCheap.b'),
      edge('upAndCheap.value', 'entrySignal.a'),
      edge('macdUp.value', 'entrySignal.b'),
      edge('trendUp.value', 'notTrend.input'),
      edge('notTrend.value', 'weak.input'),
      edge('weak.value', 'exitSignal.a'),
      edge('stochHigh.value', 'exitSignal.b'),
      edge('entrySignal.value', 'enter.when'),
      edge('macdUp.value', 'enterSmall.when'),
      edge('exitSignal.value', 'exit.when'),
      edge('enter.position', 'stop.entry'),
      edge('enter.position', 'target.entry'),
      edge('enterSmall.position', 'trail.entry'),
    ],
  );
  // A zero on the right of macdDown keeps `constant` and `crossesBelow` both in use.
  g.nodes.push(node('zero', 'constant', { value: 0 }, 2, 5));
  g.edges.push(edge('zero.value', 'macdDown.b'));
  addTrendPatternAndTimeBlocks(g);
  addOrderBlocks(g);
  // No model is loaded in the engine-wide tests (the block stays empty); ml/model-block.test.ts runs it trained.
  g.nodes.push(node('model', 'model', { model: 'mdl_0000000000000001', version: 1 }, 3, 6));
  g.edges.push(edge('rsi.value', 'model.f1'), edge('roc.value', 'model.f2'));
  // Another market (see everyBlockOtherMarkets): the ratio of the two closes against its SMA as an exit.
  g.nodes.push(
    node('other', 'otherMarket', { market: EVERY_BLOCK_OTHER_MARKET }, 14, 0),
    node('pair', 'divide', {}, 14, 1),
    node('pairSma', 'sma', { period: 10 }, 14, 2),
    node('pairBelow', 'lessThan', {}, 14, 3),
    node('exitPair', 'exitLong', {}, 14, 4),
  );
  g.edges.push(
    edge('candle.close', 'pair.a'),
    edge('other.close', 'pair.b'),
    edge('pair.value', 'pairSma.source'),
    edge('pair.value', 'pairBelow.a'),
    edge('pairSma.value', 'pairBelow.b'),
    edge('pairBelow.value', 'exitPair.when'),
  );
  const used = new Set(g.nodes.map((n) => n.type));
  const missing = BLOCK_TYPES.filter((t) => !used.has(t));
  if (missing.length > 0) throw new Error(`everyBlockGraph misses ${missing.join(', ')}`);
  return g;
}

/** The trend, channel, volume, pattern, bar-logic and time blocks, feeding one more entry and exit. */
function addTrendPatternAndTimeBlocks(g: StrategyGraph): void {
  g.nodes.push(
    node('adx', 'adx', { period: 14 }, 7, 0),
    node('sar', 'parabolicSar', { step: 0.02, max: 0.2 }, 7, 1),
    node('cloud', 'ichimoku', { tenkan: 9, kijun: 26, senkou: 52, displacement: 26 }, 7, 2),
    node('st', 'superTrend', { period: 10, multiplier: 3 }, 7, 3),
    node('obv', 'obv', {}, 7, 4),
    node('mfi', 'mfi', { period: 14 }, 7, 5),
    node('cci', 'cci', { period: 20 }, 7, 6),
    node('kelt', 'keltner', { period: 20, atrPeriod: 10, multiplier: 2 }, 7, 7),
    node('donch', 'donchian', { period: 20 }, 7, 8),
    node('willr', 'williamsR', { period: 14 }, 7, 9),
    node('bullEng', 'bullishEngulfing', {}, 7, 10),
    node('bearEng', 'bearishEngulfing', {}, 7, 11),
    node('hammer', 'hammer', {}, 7, 12),
    node('invHammer', 'invertedHammer', {}, 7, 13),
    node('doji', 'doji', { bodyPercent: 10 }, 7, 14),
    node('mStar', 'morningStar', {}, 7, 15),
    node('eStar', 'eveningStar', {}, 7, 16),
    node('hours', 'hourOfDay', { from: 8, to: 20, timeZone: 'Europe/London' }, 7, 17),
    node('days', 'weekday', { from: 'mon', to: 'fri', timeZone: 'America/New_York' }, 7, 18),
    node('nySession', 'session', { start: '09:30', end: '16:00', timeZone: 'America/New_York', days: 'weekdays' }, 7, 19),
    node('obvBefore', 'barsAgo', { bars: 5 }, 8, 0),
    node('kNeg50', 'constant', { value: -50 }, 8, 1),
    node('diUp', 'greaterThan', {}, 8, 2),
    node('aboveSar', 'greaterThan', {}, 8, 3),
    node('aboveCloud', 'greaterThan', {}, 8, 4),
    node('obvRising', 'greaterThan', {}, 8, 5),
    node('mfiLow', 'lessThan', {}, 8, 6),
    node('cciHigh', 'greaterThan', {}, 8, 7),
    node('overKelt', 'greaterThan', {}, 8, 8),
    node('overDonch', 'greaterThan', {}, 8, 9),
    node('willrLow', 'lessThan', {}, 8, 10),
    node('bullish1', 'or', {}, 9, 0),
    node('bullish2', 'or', {}, 9, 1),
    node('bullish', 'or', {}, 9, 2),
    node('sinceBullish', 'barsSince', {}, 9, 3),
    node('recentBullish', 'lessThan', {}, 9, 4),
    node('trend1', 'and', {}, 9, 5),
    node('trend2', 'or', {}, 9, 6),
    node('trend3', 'or', {}, 9, 7),
    node('trend4', 'or', {}, 9, 8),
    node('trend', 'or', {}, 9, 9),
    node('inTime1', 'or', {}, 9, 10),
    node('inTime', 'and', {}, 9, 11),
    node('setup', 'and', {}, 10, 0),
    node('entryNew', 'and', {}, 10, 1),
    node('bearish1', 'or', {}, 10, 2),
    node('bearish', 'or', {}, 10, 3),
    node('exitNew', 'or', {}, 10, 4),
    node('exitNewer', 'or', {}, 10, 5),
    node('enterPatterns', 'enterLong', { sizing: 'percentOfEquity', size: 25 }, 11, 0),
    node('exitPatterns', 'exitLong', {}, 11, 1),
  );
  g.edges.push(
    edge('obv.value', 'obvBefore.source'),
    edge('adx.plusDi', 'diUp.a'),
    edge('adx.minusDi', 'diUp.b'),
    edge('candle.close', 'aboveSar.a'),
    edge('sar.value', 'aboveSar.b'),
    edge('candle.close', 'aboveCloud.a'),
    edge('cloud.spanA', 'aboveCloud.b'),
    edge('obv.value', 'obvRising.a'),
    edge('obvBefore.value', 'obvRising.b'),
    edge('mfi.value', 'mfiLow.a'),
    edge('k50.value', 'mfiLow.b'),
    edge('cci.value', 'cciHigh.a'),
    edge('zero.value', 'cciHigh.b'),
    edge('candle.close', 'overKelt.a'),
    edge('kelt.upper', 'overKelt.b'),
    edge('candle.high', 'overDonch.a'),
    edge('donch.middle', 'overDonch.b'),
    edge('willr.value', 'willrLow.a'),
    edge('kNeg50.value', 'willrLow.b'),
    edge('bullEng.value', 'bullish1.a'),
    edge('hammer.value', 'bullish1.b'),
    edge('mStar.value', 'bullish2.a'),
    edge('doji.value', 'bullish2.b'),
    edge('bullish1.value', 'bullish.a'),
    edge('bullish2.value', 'bullish.b'),
    edge('bullish.value', 'sinceBullish.input'),
    edge('sinceBullish.value', 'recentBullish.a'),
    edge('k2.value', 'recentBullish.b'),
    edge('diUp.value', 'trend1.a'),
    edge('st.up', 'trend1.b'),
    edge('trend1.value', 'trend2.a'),
    edge('aboveSar.value', 'trend2.b'),
    edge('aboveCloud.value', 'trend3.a'),
    edge('obvRising.value', 'trend3.b'),
    edge('cciHigh.value', 'trend4.a'),
    edge('overKelt.value', 'trend4.b'),
    edge('trend2.value', 'trend.a'),
    edge('trend3.value', 'trend.b'),
    edge('hours.value', 'inTime1.a'),
    edge('nySession.value', 'inTime1.b'),
    edge('inTime1.value', 'inTime.a'),
    edge('days.value', 'inTime.b'),
    edge('recentBullish.value', 'setup.a'),
    edge('trend.value', 'setup.b'),
    edge('setup.value', 'entryNew.a'),
    edge('inTime.value', 'entryNew.b'),
    edge('bearEng.value', 'bearish1.a'),
    edge('invHammer.value', 'bearish1.b'),
    edge('bearish1.value', 'bearish.a'),
    edge('eStar.value', 'bearish.b'),
    edge('bearish.value', 'exitNew.a'),
    edge('mfiLow.value', 'exitNew.b'),
    edge('exitNew.value', 'exitNewer.a'),
    edge('trend4.value', 'exitNewer.b'),
    edge('entryNew.value', 'enterPatterns.when'),
    edge('exitNewer.value', 'exitPatterns.when'),
  );
  // Donchian's and the trend block's outputs that no condition reads are still computed (includeUnusedNodes).
  g.nodes.push(node('willrOrDonch', 'or', {}, 10, 6));
  g.edges.push(edge('willrLow.value', 'willrOrDonch.a'), edge('overDonch.value', 'willrOrDonch.b'));
  g.nodes.push(node('exitAny', 'exitLong', {}, 11, 2));
  g.edges.push(edge('willrOrDonch.value', 'exitAny.when'));
  // Protective orders at wired levels: the 30-bar low (fixed at entry), the upper Keltner band (followed).
  g.nodes.push(node('levelStop', 'stopAtPrice', { mode: 'entry' }, 12, 8), node('levelTarget', 'targetAtPrice', { mode: 'follow' }, 12, 9));
  g.edges.push(
    edge('enterPatterns.position', 'levelStop.entry'),
    edge('lo.value', 'levelStop.price'),
    edge('enterPatterns.position', 'levelTarget.entry'),
    edge('kelt.upper', 'levelTarget.price'),
  );
  // A signal from outside combined with the graph's own trend condition (see syntheticSignalFeed).
  g.nodes.push(
    node('tvSignal', 'signalReceived', { source: EVERY_BLOCK_SIGNAL_SOURCE, action: 'any' }, 10, 7),
    node('signalInTrend', 'and', {}, 10, 8),
    node('enterOnSignal', 'enterLong', { sizing: 'percentOfEquity', size: 10 }, 11, 3),
  );
  g.edges.push(
    edge('tvSignal.value', 'signalInTrend.a'),
    edge('trend.value', 'signalInTrend.b'),
    edge('signalInTrend.value', 'enterOnSignal.when'),
  );
  addPositionBlocks(g);
}

/**
 * The Position block, with an indicator computed from a position value (a positional indicator),
 * and a higher-timeframe source (daily: above both the 1h and 5m test data) with an indicator on it.
 */
function addPositionBlocks(g: StrategyGraph): void {
  g.nodes.push(
    node('daily', 'higherTimeframe', { timeframe: '1d' }, 13, 0),
    node('dailyEma', 'ema', { period: 3 }, 13, 1),
    node('aboveDaily', 'greaterThan', {}, 13, 2),
    node('exitDaily', 'exitLong', {}, 13, 3),
  );
  g.edges.push(
    edge('daily.close', 'dailyEma.source'),
    edge('candle.close', 'aboveDaily.a'),
    edge('dailyEma.value', 'aboveDaily.b'),
    edge('aboveDaily.value', 'exitDaily.when'),
  );
  g.nodes.push(
    node('pos', 'position', {}, 12, 0),
    node('gainEma', 'ema', { period: 3 }, 12, 1),
    node('gainHigh', 'greaterThan', { b: 4 }, 12, 2),
    node('heldLong', 'greaterThan', { b: 40 }, 12, 3),
    node('belowEntryLow', 'lessThan', {}, 12, 4),
    node('posExit1', 'or', {}, 12, 5),
    node('posExit', 'and', {}, 12, 6),
    node('exitPosition', 'exitLong', {}, 12, 7),
  );
  g.edges.push(
    edge('pos.unrealisedPct', 'gainEma.source'),
    edge('gainEma.value', 'gainHigh.a'),
    edge('pos.barsInTrade', 'heldLong.a'),
    edge('candle.close', 'belowEntryLow.a'),
    edge('pos.lowestSinceEntry', 'belowEntryLow.b'),
    edge('gainHigh.value', 'posExit1.a'),
    edge('heldLong.value', 'posExit1.b'),
    edge('posExit1.value', 'posExit.a'),
    edge('pos.inPosition', 'posExit.b'),
    edge('posExit.value', 'exitPosition.when'),
  );
}

export const EVERY_BLOCK_SIGNAL_SOURCE = 'sig_00000000000000aa';

/** The market the every-block graph's "Other market" block reads. */
export const EVERY_BLOCK_OTHER_MARKET = 'OTHER/USDT';

/**
 * A second market over the same bars for the every-block graph: prices scaled and wobbled per bar,
 * every 11th bar missing (so the carried-over bars are exercised too).
 */
export function everyBlockOtherMarkets(candles: CandleColumns): OtherMarketBars {
  const rows: Candle[] = [];
  for (let i = 0; i < candles.length; i++) {
    if (i % 11 === 5) continue;
    const f = 1.5 + 0.1 * Math.sin(i / 7);
    rows.push([
      candles.time[i]!,
      candles.open[i]! * f,
      candles.high[i]! * f * 1.01,
      candles.low[i]! * f * 0.99,
      candles.close[i]! * f,
      candles.volume[i]! * 2,
    ]);
  }
  return { [EVERY_BLOCK_OTHER_MARKET]: columnsFromCandles(rows) };
}

/** Shorts, partial and break-even exits, limit entries and adds (their conditions and levels are evaluated too). */
function addOrderBlocks(g: StrategyGraph): void {
  g.nodes.push(
    node('short', 'enterShort', { sizing: 'percentOfEquity', size: 40, borrowPctPerBar: 0.01 }, 7, 0),
    node('cover', 'exitShort', {}, 7, 1),
    node('half', 'partialTakeProfit', { share: 50, percent: 2 }, 7, 2),
    node('atMid', 'partialTargetAtPrice', { share: 25, mode: 'follow' }, 7, 3),
    node('breakEven', 'breakEvenStop', { afterTarget: 1, fees: 'entryPlusFees' }, 7, 4),
    node('dip', 'offsetEntry', { offsetPct: -0.5, expiryBars: 3 }, 7, 5),
    node('shortLimit', 'limitEntry', { expiryBars: 2 }, 7, 6),
    node('average', 'addToPosition', { sizing: 'percentOfEquity', size: 10, maxAdds: 2 }, 7, 7),
  );
  g.edges.push(
    edge('macdDown.value', 'short.when'),
    edge('macdUp.value', 'cover.when'),
    edge('enter.position', 'half.entry'),
    edge('enter.position', 'atMid.entry'),
    edge('midHalf.value', 'atMid.price'),
    edge('enter.position', 'breakEven.entry'),
    edge('enter.position', 'dip.entry'),
    edge('short.position', 'shortLimit.entry'),
    edge('hi.value', 'shortLimit.price'),
    edge('enterSmall.position', 'average.entry'),
    edge('weak.value', 'average.when'),
  );
}
