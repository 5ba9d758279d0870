import { describe, expect, it } from 'vitest';
import type { BracketView } from '../../../shared/ipc/schemas/orders';
import { bracketLines } from './chart-overlays';
import { dragRequest } from './line-drag';

const bracket = {
  id: 'br-1',
  accountId: 'paper',
  symbol: 'BTC/USDT',
  side: 'buy',
  status: 'open_position',
  entry: { price: 30_000, averagePrice: 30_000 },
  targets: [
    { index: 0, price: 31_000, percent: null, share: 50, status: 'filled', clientOrderId: 'a', amount: 0.01, filled: 0.01 },
    { index: 1, price: 32_000, percent: null, share: 50, status: 'open', clientOrderId: 'b', amount: 0.01, filled: 0 },
  ],
  stopLoss: { price: 29_000, percent: null },
  trailing: null,
  effectiveStop: 29_000,
} as unknown as BracketView;

describe('dragging a price line', () => {
  it('makes target and stop lines draggable (not the entry, not a filled target)', () => {
    const lines = bracketLines([bracket]);
    expect(lines.map((line) => [line.title, line.drag?.kind ?? null])).toEqual([
      ['Entry buy', null],
      ['TP2 50%', 'target'],
      ['Stop', 'stop'],
    ]);
  });

  it('turns the dropped price into the amend request', () => {
    expect(dragRequest({ kind: 'order', accountId: 'paper', clientOrderId: 'tw1' }, 29_500, [])).toEqual({
      method: 'orders.amend',
      input: { accountId: 'paper', clientOrderId: 'tw1', price: 29_500 },
    });
    expect(dragRequest({ kind: 'stop', bracketId: 'br-1' }, 29_200, [bracket])).toEqual({
      method: 'brackets.update',
      input: { bracketId: 'br-1', stopLoss: { price: 29_200 } },
    });
    expect(dragRequest({ kind: 'target', bracketId: 'br-1', index: 1 }, 32_500, [bracket])).toEqual({
      method: 'brackets.update',
      input: { bracketId: 'br-1', targets: [{ price: 32_500, share: 50 }] },
    });
    expect(dragRequest({ kind: 'stop', bracketId: 'gone' }, 29_200, [bracket])).toBe('That smart trade is no longer active.');
  });
});
