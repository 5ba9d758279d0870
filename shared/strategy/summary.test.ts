import { describe, expect, it } from 'vitest';
import { BLOCKS } from './blocks/index';
import { BLOCK_TYPES, type BlockType } from './block-types';
import type { StrategyEdge, StrategyNode } from './graph-schema';
import { summarizeStrategy } from './summary';
import { edge, graph, node } from './templates/graph-builder';
import { STRATEGY_TEMPLATES } from './templates/index';

describe('summarizeStrategy', () => {
  it('tells each template in a trader’s words', () => {
    const texts = Object.fromEntries(STRATEGY_TEMPLATES.map((t) => [t.name, summarizeStrategy(t.graph(), { timeframe: '1h' }).text]));
    expect(texts).toEqual({
      'sma-cross':
        'Buy when SMA(10) of the 1h close crosses above SMA(30) of the 1h close; sell when SMA(10) of the 1h close crosses below SMA(30) of the 1h close.',
      'rsi-reversion': 'Buy when RSI(14) of the 1h close is below 30; sell when RSI(14) of the 1h close is above 70.',
      'bollinger-breakout':
        'Buy when the 1h close crosses above the upper Bollinger band(20, 2) of the 1h close; sell when the 1h close crosses below the middle Bollinger band(20, 2) of the 1h close.',
      'macd-trend':
        'Buy when the MACD(12, 26, 9) line of the 1h close crosses above the MACD(12, 26, 9) signal line of the 1h close; sell when the MACD(12, 26, 9) line of the 1h close crosses below the MACD(12, 26, 9) signal line of the 1h close.',
    });
  });

  it('reads typed levels, higher timeframes, targets and a stop wired from ATR', () => {
    const g = graph(
      'MTF',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('h4', 'higherTimeframe', { timeframe: '4h' }, 0, 1),
        node('rsi', 'rsi', { period: 14 }, 1, 0),
        node('ema', 'ema', { period: 200 }, 1, 1),
        node('oversold', 'lessThan', { b: 30 }, 2, 0),
        node('trend', 'greaterThan', {}, 2, 1),
        node('both', 'and', {}, 3, 0),
        node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 50 }, 4, 0),
        node('t1', 'partialTakeProfit', { share: 50, percent: 2 }, 5, 0),
        node('t2', 'partialTakeProfit', { share: 50, percent: 4 }, 5, 1),
        node('atr', 'atr', { period: 14 }, 1, 2),
        node('two', 'constant', { value: 2 }, 1, 3),
        node('times', 'multiply', {}, 2, 2),
        node('level', 'subtract', {}, 3, 2),
        node('stop', 'stopAtPrice', { mode: 'entry' }, 5, 2),
        node('be', 'breakEvenStop', { afterTarget: 1, fees: 'entryPlusFees' }, 5, 3),
      ],
      [
        edge('candle.close', 'rsi.source'),
        edge('h4.close', 'ema.source'),
        edge('rsi.value', 'oversold.a'),
        edge('h4.close', 'trend.a'),
        edge('ema.value', 'trend.b'),
        edge('oversold.value', 'both.a'),
        edge('trend.value', 'both.b'),
        edge('both.value', 'enter.when'),
        edge('enter.position', 't1.entry'),
        edge('enter.position', 't2.entry'),
        edge('atr.value', 'times.a'),
        edge('two.value', 'times.b'),
        edge('candle.close', 'level.a'),
        edge('times.value', 'level.b'),
        edge('enter.position', 'stop.entry'),
        edge('level.value', 'stop.price'),
        edge('enter.position', 'be.entry'),
      ],
    );
    expect(summarizeStrategy(g, { timeframe: '1h' }).sentences).toEqual([
      'Buy 50 % of equity when RSI(14) of the 1h close is below 30 and the 4h close is above EMA(200) of the 4h close; sell at a stop of the 1h close − (ATR(14) × 2) (fixed at entry).',
      'Take 50 % of the position at 2 % above the entry price.',
      'Take 50 % of the position at 4 % above the entry price.',
      'After the first partial target, move the stop to the entry price plus fees.',
    ]);
  });

  it('counts the lookbacks of blocks fed by a higher timeframe in its bars ("3 4h bars ago")', () => {
    const g = graph(
      'HTF lookbacks',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('h4', 'higherTimeframe', { timeframe: '4h' }, 0, 1),
        node('ago4h', 'barsAgo', { bars: 3 }, 1, 0),
        node('ago1h', 'barsAgo', { bars: 3 }, 1, 1),
        node('roc4h', 'roc', { period: 6 }, 1, 2),
        node('rising', 'greaterThan', {}, 2, 0),
        node('up', 'greaterThan', { b: 0 }, 2, 1),
        node('held', 'trueForBars', { bars: 2 }, 3, 0),
        node('since', 'barsSince', {}, 3, 1),
        node('recent', 'lessThan', { b: 5 }, 4, 1),
        node('mixed', 'greaterThan', {}, 2, 2),
        node('both', 'and', {}, 4, 0),
        node('all', 'and', {}, 5, 0),
        node('enter', 'enterLong', {}, 6, 0),
      ],
      [
        edge('h4.close', 'ago4h.source'),
        edge('candle.close', 'ago1h.source'),
        edge('h4.close', 'roc4h.source'),
        edge('h4.close', 'rising.a'),
        edge('ago4h.value', 'rising.b'),
        edge('roc4h.value', 'up.a'),
        edge('rising.value', 'held.input'),
        edge('up.value', 'since.input'),
        edge('since.value', 'recent.a'),
        edge('candle.close', 'mixed.a'),
        edge('ago1h.value', 'mixed.b'),
        edge('held.value', 'both.a'),
        edge('recent.value', 'both.b'),
        edge('both.value', 'all.a'),
        edge('mixed.value', 'all.b'),
        edge('all.value', 'enter.when'),
      ],
    );
    expect(summarizeStrategy(g, { timeframe: '1h' }).text).toBe(
      'Buy when the 4h close is above the 4h close 3 4h bars ago for 2 4h bars in a row and the 4h bars since the rate of change over 6 4h bars of the 4h close is above 0 is below 5 and the 1h close is above the 1h close 3 bars ago.',
    );
  });

  it('tells shorts, % exits, limit entries and adds; exits without an entry stand alone', () => {
    const g = graph(
      'Short',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('doji', 'doji', {}, 0, 1),
        node('short', 'enterShort', { sizing: 'quoteAmount', size: 1000, borrowPctPerBar: 0.01 }, 1, 0),
        node('cover', 'exitShort', {}, 1, 1),
        node('sl', 'stopLoss', { percent: 2 }, 2, 0),
        node('tp', 'takeProfit', { percent: 5 }, 2, 1),
        node('trail', 'trailingStop', { percent: 3 }, 2, 2),
        node('offset', 'offsetEntry', { offsetPct: 0.5, expiryBars: 3 }, 2, 3),
        node('pos', 'position', {}, 0, 2),
        node('losing', 'greaterThan', { b: 2 }, 1, 2),
        node('add', 'addToPosition', { sizing: 'percentOfEquity', size: 25, maxAdds: 2 }, 2, 4),
        node('sellLong', 'exitLong', {}, 3, 0),
      ],
      [
        edge('doji.value', 'short.when'),
        edge('losing.value', 'cover.when'),
        edge('short.position', 'sl.entry'),
        edge('short.position', 'tp.entry'),
        edge('short.position', 'trail.entry'),
        edge('short.position', 'offset.entry'),
        edge('pos.unrealisedPct', 'losing.a'),
        edge('losing.value', 'add.when'),
        edge('short.position', 'add.entry'),
        edge('pos.inPosition', 'sellLong.when'),
      ],
    );
    expect(summarizeStrategy(g).sentences).toEqual([
      'Sell short 1000 of the quote currency when a doji candle pattern completes, with a limit order 0.5 % above the close, cancelled after 3 bars; buy back when the unrealised profit % is above 2, or at 2 % above the entry price (stop-loss), or at 5 % below the entry price (take-profit), or at 3 % above the lowest price since entry (trailing stop).',
      'Add 25 % of equity when the unrealised profit % is above 2, at most 2 times.',
      "Borrowing costs 0.01 % of the short's value per bar.",
      'Sell the long position when a position is open.',
    ]);
  });

  it('names the other market a block reads ("close of BTC/USDT")', () => {
    const g = graph(
      'BTC lead',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('btc', 'otherMarket', { market: 'BTC/USDT' }, 0, 1),
        node('ema', 'ema', { period: 50 }, 1, 1),
        node('above', 'greaterThan', {}, 2, 0),
        node('enter', 'enterLong', {}, 3, 0),
      ],
      [edge('btc.close', 'above.a'), edge('btc.close', 'ema.source'), edge('ema.value', 'above.b'), edge('above.value', 'enter.when')],
    );
    expect(summarizeStrategy(g, { timeframe: '1h' }).text).toBe(
      'Buy when the 1h close of BTC/USDT is above EMA(50) of the 1h close of BTC/USDT.',
    );
  });

  it('says what to add when there is no entry', () => {
    const inverted = probeGraph('invertedHammer');
    expect(summarizeStrategy(inverted).text).toBe('Buy when an inverted hammer / shooting star candle pattern completes.');
    expect(summarizeStrategy(probeGraph('adx')).text).toBe('Buy when ADX(14) is above 1.');
    const model = graph(
      'Model',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('rsi', 'rsi', { period: 7 }, 1, 0),
        node('m', 'model', { model: 'mdl_0123456789abcdef', version: 3 }, 2, 0),
        node('likely', 'greaterThan', { b: 0.6 }, 3, 0),
        node('enter', 'enterLong', {}, 4, 0),
      ],
      [edge('candle.close', 'rsi.source'), edge('rsi.value', 'm.f1'), edge('m.value', 'likely.a'), edge('likely.value', 'enter.when')],
    );
    expect(summarizeStrategy(model).text).toBe('Buy when the prediction of the model (version 3) from RSI(7) of the close is above 0.6.');
    expect(summarizeStrategy(graph('Empty', '', [node('candle', 'candle', {}, 0, 0)], [])).text).toBe(
      'No entry: add an Enter long or Enter short block.',
    );
  });

  it('names every block of the catalogue without ids, "undefined" or NaN', () => {
    for (const type of BLOCK_TYPES) {
      const g = probeGraph(type);
      const text = summarizeStrategy(g, { timeframe: '15m' }).text;
      expect(text, type).not.toMatch(/undefined|NaN|probe_|\(not connected\)/);
      expect(text.length, type).toBeGreaterThan(20);
    }
  });
});

/** The block wired into an entry: its number inputs from the close, its conditions from a doji. */
function probeGraph(type: BlockType) {
  const block = BLOCKS[type];
  const nodes: StrategyNode[] = [node('probe_candle', 'candle', {}, 0, 0), node('probe_doji', 'doji', {}, 0, 1)];
  const edges: StrategyEdge[] = [];
  const wireInputs = (id: string) => {
    for (const input of block.inputs) {
      if (input.type === 'number') edges.push(edge('probe_candle.close', `${id}.${input.name}`));
      if (input.type === 'boolean') edges.push(edge('probe_doji.value', `${id}.${input.name}`));
    }
  };
  const isEntry = type === 'enterLong' || type === 'enterShort';
  const hangsOffEntry = block.inputs.some((i) => i.type === 'action');
  if (isEntry || hangsOffEntry || block.outputs.length === 0) {
    if (!isEntry) {
      nodes.push(node('probe_enter', 'enterLong', {}, 2, 0));
      edges.push(edge('probe_doji.value', 'probe_enter.when'));
    }
    nodes.push(node('probe_block', type, {}, 1, 0));
    wireInputs('probe_block');
    if (hangsOffEntry) edges.push(edge('probe_enter.position', 'probe_block.entry'));
    return graph('probe', '', nodes, edges);
  }
  nodes.push(node('probe_block', type, {}, 1, 0), node('probe_enter', 'enterLong', {}, 3, 0));
  wireInputs('probe_block');
  const out = block.outputs[0]!;
  if (out.type === 'boolean') edges.push(edge(`probe_block.${out.name}`, 'probe_enter.when'));
  else {
    nodes.push(node('probe_cmp', 'greaterThan', { b: 1 }, 2, 0));
    edges.push(edge(`probe_block.${out.name}`, 'probe_cmp.a'), edge('probe_cmp.value', 'probe_enter.when'));
  }
  return graph('probe', '', nodes, edges);
}
