import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';

type Emit = <T extends TopicName>(topic: T, payload: EventPayload<T>) => void;

/**
 * Conflates trading events like the ticker stream: the latest state per order and per bracket,
 * every new fill, and the accounts whose balances moved, flushed together every `flushMs`.
 * A burst of fills (a market order walking the book, a replay at high speed) is one message.
 */
export class TradingEvents {
  private readonly orders = new Map<string, OrderView>();
  private readonly brackets = new Map<string, BracketView>();
  private fills: TradeView[] = [];
  private readonly balanceAccounts = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly emit: Emit,
    private readonly onBalances: (accountIds: string[]) => void,
    flushMs = 100,
  ) {
    this.timer = setInterval(() => this.flush(), flushMs);
    this.timer.unref();
  }

  order(view: OrderView): void {
    this.orders.set(`${view.accountId}|${view.clientOrderId}`, view);
  }

  fill(view: TradeView): void {
    this.fills.push(view);
  }

  bracket(view: BracketView): void {
    this.brackets.set(view.id, view);
  }

  balances(accountId: string): void {
    this.balanceAccounts.add(accountId);
  }

  flush(): void {
    if (this.orders.size > 0) {
      const orders = [...this.orders.values()];
      this.orders.clear();
      this.emit('orders.changed', { accountIds: [...new Set(orders.map((o) => o.accountId))], orders });
    }
    if (this.fills.length > 0) {
      const fills = this.fills;
      this.fills = [];
      this.emit('fills', { fills });
    }
    if (this.brackets.size > 0) {
      const brackets = [...this.brackets.values()];
      this.brackets.clear();
      this.emit('brackets.changed', { brackets });
    }
    if (this.balanceAccounts.size > 0) {
      const accountIds = [...this.balanceAccounts];
      this.balanceAccounts.clear();
      this.onBalances(accountIds);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
