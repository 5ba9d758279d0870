import type { BotLevel } from '../../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../../shared/ipc/schemas/orders';
import { OVERLAY_COLORS, orderLines, type LineStyleName, type PriceLineSpec } from '../../chart/chart-overlays';

const LEVEL_STYLE: Record<BotLevel['kind'], { color: string; style: LineStyleName }> = {
  grid_buy: { color: OVERLAY_COLORS.buy, style: 'solid' },
  grid_sell: { color: OVERLAY_COLORS.sell, style: 'solid' },
  grid_idle: { color: '#5d6878', style: 'dotted' },
  safety: { color: OVERLAY_COLORS.buy, style: 'dashed' },
  take_profit: { color: OVERLAY_COLORS.target, style: 'dashed' },
  stop_loss: { color: OVERLAY_COLORS.stop, style: 'dashed' },
  average: { color: OVERLAY_COLORS.entry, style: 'dashed' },
  bound: { color: '#8b96a5', style: 'dotted' },
};

const isWorking = (order: OrderView) =>
  order.status === 'intent' || order.status === 'unknown' || order.status === 'open' || order.status === 'partially_filled';

/**
 * The bot's levels as price lines: grid buys/sells, idle levels, safety orders, TP, SL, average,
 * bounds. A level that stands for an order is drawn only while that order works: after a stop or
 * the kill switch cancels it, its line goes (the bot's saved levels still name it).
 */
export function levelLines(levels: readonly BotLevel[], orders: readonly OrderView[]): PriceLineSpec[] {
  const working = new Set(orders.filter(isWorking).map((order) => order.clientOrderId));
  return levels
    .filter(
      (level) => Number.isFinite(level.price) && level.price > 0 && (level.clientOrderId === null || working.has(level.clientOrderId)),
    )
    .map((level) => ({ price: level.price, title: level.label, ...LEVEL_STYLE[level.kind] }));
}

/** Working orders not already drawn as a level (e.g. a market exit in flight, or an adopted order). */
export function extraOrderLines(orders: readonly OrderView[], levels: readonly BotLevel[]): PriceLineSpec[] {
  const atLevel = new Set(levels.map((level) => level.clientOrderId).filter((id): id is string => id !== null));
  const working = orders.filter(
    (order) => (order.status === 'open' || order.status === 'partially_filled') && !atLevel.has(order.clientOrderId),
  );
  return orderLines(working);
}

/** What the bot chart drew, for e2e: `data-level-lines`, `data-order-lines`, `data-fill-markers`. */
export function setBotChartAttributes(element: HTMLElement, counts: { levelLines: number; orderLines: number; fillMarkers: number }): void {
  element.dataset.levelLines = String(counts.levelLines);
  element.dataset.orderLines = String(counts.orderLines);
  element.dataset.fillMarkers = String(counts.fillMarkers);
}
