import { barStart, type Timeframe } from '../../../shared/domain/types';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { formatAmount } from '../../lib/format/numbers';
import type { LineDrag } from './line-drag';

export type LineStyleName = 'solid' | 'dashed' | 'dotted';

/** A horizontal price line on the candle series (open order, bracket level). */
export interface PriceLineSpec {
  price: number;
  title: string;
  color: string;
  style: LineStyleName;
  /** What dragging this line amends; absent for lines that cannot be moved (entry, bot levels, fills). */
  drag?: LineDrag;
}

/** A fill drawn on the bar that contains it. */
export interface FillMarkerSpec {
  /** Open time (ms) of the bar the fill belongs to. */
  time: number;
  side: 'buy' | 'sell';
  text: string;
}

export const OVERLAY_COLORS = {
  buy: '#22c38e',
  sell: '#f0506e',
  entry: '#4c9bff',
  target: '#22c38e',
  stop: '#f0b43c',
} as const;

const capital = (side: 'buy' | 'sell') => (side === 'buy' ? 'Buy' : 'Sell');

/** One line per working order at its limit price (a stop order shows its trigger). Bracket legs are drawn with their bracket. */
export function orderLines(orders: readonly OrderView[]): PriceLineSpec[] {
  const lines: PriceLineSpec[] = [];
  for (const order of orders) {
    if (order.origin === 'bracket') continue;
    const remaining = Math.max(order.amount - order.filled, 0);
    const title = `${capital(order.side)} ${formatAmount(remaining)}`;
    const color = OVERLAY_COLORS[order.side];
    // A working manual limit order's price can be dragged (amend); a stop trigger cannot yet.
    const movable =
      order.origin === 'manual' &&
      (order.type === 'limit' || order.type === 'stop_limit') &&
      (order.status === 'open' || order.status === 'partially_filled');
    const drag: LineDrag | undefined = movable
      ? { kind: 'order', accountId: order.accountId, clientOrderId: order.clientOrderId }
      : undefined;
    if (order.price !== null) lines.push({ price: order.price, title, color, style: 'solid', ...(drag ? { drag } : {}) });
    if (order.stopPrice !== null) lines.push({ price: order.stopPrice, title: `${title} stop`, color, style: 'dotted' });
  }
  return lines;
}

/** Entry (while it waits), every open target, and the stop in force of each active bracket. */
export function bracketLines(brackets: readonly BracketView[]): PriceLineSpec[] {
  const lines: PriceLineSpec[] = [];
  for (const bracket of brackets) {
    if (bracket.status !== 'pending_entry' && bracket.status !== 'open_position') continue;
    const entry = bracket.entry.averagePrice ?? bracket.entry.price;
    if (entry !== null)
      lines.push({ price: entry, title: `Entry ${capital(bracket.side).toLowerCase()}`, color: OVERLAY_COLORS.entry, style: 'dashed' });
    for (const target of bracket.targets) {
      if (target.price === null || target.status === 'filled' || target.status === 'cancelled' || target.status === 'failed') continue;
      lines.push({
        price: target.price,
        title: `TP${target.index + 1} ${target.share}%`,
        color: OVERLAY_COLORS.target,
        style: 'dashed',
        drag: { kind: 'target', bracketId: bracket.id, index: target.index },
      });
    }
    const stop = bracket.effectiveStop ?? bracket.stopLoss?.price ?? null;
    if (stop !== null) {
      const trailing = bracket.trailing !== null && bracket.effectiveStop !== null && bracket.effectiveStop !== bracket.stopLoss?.price;
      // A trailing stop moves by itself; the fixed stop-loss can be dragged.
      lines.push({
        price: stop,
        title: trailing ? 'Trailing stop' : 'Stop',
        color: OVERLAY_COLORS.stop,
        style: 'dashed',
        ...(trailing ? {} : { drag: { kind: 'stop' as const, bracketId: bracket.id } }),
      });
    }
  }
  return lines;
}

/** Fills as markers on their bars, oldest first (the chart wants them sorted by time). */
export function fillMarkers(fills: readonly TradeView[], timeframe: Timeframe): FillMarkerSpec[] {
  return [...fills]
    .sort((a, b) => a.at - b.at)
    .map((fill) => ({ time: barStart(fill.at, timeframe), side: fill.side, text: `${capital(fill.side)} ${formatAmount(fill.amount)}` }));
}
