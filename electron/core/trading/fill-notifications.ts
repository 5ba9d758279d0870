/**
 * Manual and smart-trade fills as notifications in the notification centre (bots notify their own):
 * an order filled or partly filled, a smart trade's entry, a target hit, the stop hit. Fed the
 * conflated trading events; remembers what it said so a repeated view is not notified twice.
 */
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { BracketView, OrderView } from '../../../shared/ipc/schemas/orders';
import { formatNumber } from '../exchange/precision';
import { ENTRY_ROLE } from '../orders/origin-roles';

export interface FillNotice {
  level: Notification['level'];
  title: string;
  body: string;
  /** NOTIFICATION_KINDS: what the person can mute. */
  kind: 'order.filled' | 'order.partly_filled' | 'order.cancelled' | 'bracket.target' | 'bracket.stop';
}

/** An average fill price reads at eight significant digits ("32844.216"), not every float digit. */
const priceText = (value: number) => formatNumber(Number(value.toPrecision(8)));
const verb = (side: 'buy' | 'sell') => (side === 'buy' ? 'Bought' : 'Sold');
const base = (symbol: string) => symbol.split('/')[0] ?? symbol;

export class FillNotifier {
  /** Base already notified per order (account + client id). */
  private readonly notifiedFill = new Map<string, number>();
  /** Orders already said to be ended by the exchange. */
  private readonly notifiedEnd = new Set<string>();
  /** Targets and closes already notified per bracket. */
  private readonly notifiedBracket = new Map<string, Set<string>>();

  constructor(private readonly notify: (notice: FillNotice) => void) {}

  observe(orders: readonly OrderView[], brackets: readonly BracketView[]): void {
    for (const order of orders) this.order(order);
    for (const bracket of brackets) this.bracket(bracket);
  }

  private order(order: OrderView): void {
    const isManual = order.origin === 'manual';
    const isEntry = order.origin === 'bracket' && order.originRole === ENTRY_ROLE;
    if (!isManual && !isEntry) return;
    this.endedByExchange(order);
    if (order.filled <= 0 || (order.status !== 'filled' && order.status !== 'partially_filled' && order.status !== 'cancelled')) return;
    const key = `${order.accountId}\n${order.clientOrderId}`;
    const before = this.notifiedFill.get(key) ?? 0;
    if (order.filled <= before + 1e-12) return;
    this.notifiedFill.set(key, order.filled);
    const complete = order.status === 'filled';
    const at = order.averagePrice !== null ? ` at ${priceText(order.averagePrice)}` : '';
    const what = isEntry ? 'Smart trade entry' : `${order.side === 'buy' ? 'Buy' : 'Sell'} order`;
    this.notify({
      level: 'fill',
      kind: complete ? 'order.filled' : 'order.partly_filled',
      title: `${what} ${complete ? 'filled' : 'partly filled'}: ${order.symbol}`,
      body: `${verb(order.side)} ${formatNumber(order.filled)}${complete ? '' : ` of ${formatNumber(order.amount)}`} ${base(order.symbol)}${at}.`,
    });
  }

  /**
   * An order the exchange ended on its own (`expired`: time in force, self-trade prevention, a
   * delisting). A cancel the person asked for is not news, and a refused ticket is said by the ticket.
   */
  private endedByExchange(order: OrderView): void {
    if (order.status !== 'expired') return;
    const key = `${order.accountId}\n${order.clientOrderId}`;
    if (this.notifiedEnd.has(key)) return;
    this.notifiedEnd.add(key);
    this.notify({
      level: 'warning',
      kind: 'order.cancelled',
      title: `${order.side === 'buy' ? 'Buy' : 'Sell'} order cancelled by the exchange: ${order.symbol}`,
      body: `${formatNumber(order.amount)} ${base(order.symbol)}${order.filled > 0 ? `, ${formatNumber(order.filled)} filled` : ''}${order.error ? `: ${order.error}` : '.'}`,
    });
  }

  private bracket(bracket: BracketView): void {
    const said = this.notifiedBracket.get(bracket.id) ?? new Set<string>();
    this.notifiedBracket.set(bracket.id, said);
    for (const target of bracket.targets) {
      const key = `target:${target.index}`;
      if (target.status !== 'filled' || said.has(key)) continue;
      said.add(key);
      const at = target.price !== null ? ` at ${priceText(target.price)}` : '';
      this.notify({
        level: 'fill',
        kind: 'bracket.target',
        title: `Target ${target.index + 1} hit: ${bracket.symbol}`,
        body: `Take-profit ${target.index + 1}${at} filled ${formatNumber(target.filled)} ${base(bracket.symbol)}.`,
      });
    }
    if ((bracket.closeReason === 'stop_loss' || bracket.closeReason === 'trailing_stop') && !said.has('stop')) {
      said.add('stop');
      const stop = bracket.effectiveStop ?? bracket.stopLoss?.price ?? null;
      this.notify({
        level: 'warning',
        kind: 'bracket.stop',
        title: `${bracket.closeReason === 'trailing_stop' ? 'Trailing stop' : 'Stop-loss'} hit: ${bracket.symbol}`,
        body: `The smart trade closed at its stop${stop !== null ? ` (${priceText(stop)})` : ''}.`,
      });
    }
  }
}
