import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { LatestBatcher } from '../kit/latest-batcher';

type Emit = <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;
type TradingChange =
  | { kind: 'order'; view: OrderView }
  | { kind: 'fill'; view: TradeView }
  | { kind: 'bracket'; view: BracketView }
  | { kind: 'balances'; accountId: string };

/**
 * Conflates trading events like the ticker stream: the latest state per order and per bracket,
 * every new fill, and the accounts whose balances moved, flushed together every `flushMs`.
 * A burst of fills (a market order walking the book, a replay at high speed) is one message.
 */
export class TradingEvents {
  private readonly batch: LatestBatcher<string, TradingChange>;
  /** Fills are never conflated: each one gets its own key. */
  private fillSeq = 0;
  private readonly observers: Array<(orders: readonly OrderView[], brackets: readonly BracketView[]) => void> = [];

  constructor(
    private readonly emit: Emit,
    private readonly onBalances: (accountIds: string[]) => void,
    flushMs = 100,
  ) {
    this.batch = new LatestBatcher((changes) => this.deliver(changes), flushMs);
  }

  order(view: OrderView): void {
    this.batch.set(`o|${view.accountId}|${view.clientOrderId}`, { kind: 'order', view });
  }

  fill(view: TradeView): void {
    this.batch.set(`f|${this.fillSeq++}`, { kind: 'fill', view });
  }

  bracket(view: BracketView): void {
    this.batch.set(`b|${view.id}`, { kind: 'bracket', view });
  }

  /** Sees each flush's orders and brackets after they are emitted (fill notifications). */
  observe(observer: (orders: readonly OrderView[], brackets: readonly BracketView[]) => void): void {
    this.observers.push(observer);
  }

  balances(accountId: string): void {
    this.batch.set(`a|${accountId}`, { kind: 'balances', accountId });
  }

  flush(): void {
    this.batch.flush();
  }

  close(): void {
    this.batch.close();
  }

  /** One flush: orders, then fills, then brackets, then the accounts whose balances moved. */
  private deliver(changes: TradingChange[]): void {
    const orders: OrderView[] = [];
    const fills: TradeView[] = [];
    const brackets: BracketView[] = [];
    const accountIds: string[] = [];
    for (const change of changes) {
      if (change.kind === 'order') orders.push(change.view);
      else if (change.kind === 'fill') fills.push(change.view);
      else if (change.kind === 'bracket') brackets.push(change.view);
      else accountIds.push(change.accountId);
    }
    if (orders.length > 0) this.emit('orders.changed', { accountIds: [...new Set(orders.map((o) => o.accountId))], orders });
    if (fills.length > 0) this.emit('fills', { fills });
    if (brackets.length > 0) this.emit('brackets.changed', { brackets });
    if (accountIds.length > 0) this.onBalances(accountIds);
    if (orders.length > 0 || brackets.length > 0) for (const observer of this.observers) observer(orders, brackets);
  }
}
