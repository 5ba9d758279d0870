/**
 * A TEST-ONLY bot kind, registered by the tests that use it (never by a Tradewind build): it proves
 * that a kind is one folder plus one registration, and that such a kind gets the whole lifecycle
 * (start, fills, restart after kill -9, stop) from the runtime without the runtime knowing it.
 *
 * Ping-pong: one limit buy `spread` below the anchor price; once it fills, one limit sell of what
 * it bought `spread` above the buy's price; once that fills, the profit is booked and the next
 * cycle buys again below the sell's price. The side and cycle are saved before each order goes
 * out, so a crash in between places it on resume, exactly once.
 */
import type { BotInput } from '../../../../shared/ipc/schemas/bots';
import { formatNumber } from '../../exchange/precision';
import { DEFAULT_LIFECYCLE, type BotKind } from '../../bots/kinds/bot-kind';
import type { BotStep } from '../../bots/bot-step';
import type { KindStateBase } from '../../bots/kind-state';
import { isFinal } from '../../orders/order-state';

export const PING_PONG = 'pingpong';

export interface PingPongConfig {
  kind: typeof PING_PONG;
  /** Fraction of the price between the anchor and each order (0.002 = 0.2 %). */
  spread: number;
  /** Base bought per cycle. */
  amount: number;
}

export interface PingPongState extends KindStateBase {
  kind: typeof PING_PONG;
  cycle: number;
  side: 'buy' | 'sell';
  /** The price the next order is placed `spread` away from. */
  anchor: number;
  /** Completed buy → sell cycles. */
  pongs: number;
}

const roleOf = (st: PingPongState) => `${st.side}:${st.cycle}`;

async function stepPingPong(step: BotStep): Promise<void> {
  const st = step.state<PingPongState>();
  const config = step.bot.config as unknown as PingPongConfig;
  // At most two turns: an order that filled is followed by the next one in the same step.
  for (let turn = 0; turn < 2; turn++) {
    const role = roleOf(st);
    const row = step.order(role);
    if (!row) {
      const price = st.side === 'buy' ? st.anchor * (1 - config.spread) : st.anchor * (1 + config.spread);
      const amount = st.side === 'buy' ? config.amount : step.position().amount;
      await step.place(role, { side: st.side, type: 'limit', amount, price });
      return;
    }
    if (!isFinal(row.status)) return;
    if (row.status !== 'filled') {
      // Cancelled or refused outside the bot: the next cycle places it again under a new role.
      st.cycle++;
      step.save();
      step.event('warning', `The ${row.side} order was ${row.status}; placing it again.`);
      continue;
    }
    const price = row.averagePrice ?? row.price ?? st.anchor;
    if (st.side === 'buy') {
      st.side = 'sell';
    } else {
      step.bot.realisedPnl +=
        step.position().realised - step.position(step.rows.filter((r) => r.clientOrderId !== row.clientOrderId)).realised;
      st.side = 'buy';
      st.cycle++;
      st.pongs++;
    }
    st.anchor = price;
    step.save();
    step.event(
      'fill',
      `${row.side === 'buy' ? 'Bought' : 'Sold'} ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(price)}.`,
    );
  }
}

export const pingPongKind: BotKind<PingPongConfig, PingPongState> = {
  id: PING_PONG,
  validate: async (ctx) => {
    const { config, price, rules } = ctx;
    if (!(config.spread > 0 && config.spread < 0.5))
      ctx.issue('error', 'config.spread', 'The spread must be between 0 and 0.5 (a fraction of the price).');
    if (!(config.amount > 0)) ctx.issue('error', 'config.amount', 'The amount must be above 0.');
    const capital = price === null ? null : config.amount * price;
    if (capital !== null && rules.minCost !== null && capital < rules.minCost)
      ctx.issue('error', 'config.amount', `Worth less than the minimum order value ${formatNumber(rules.minCost)} ${rules.quote}.`);
    return { capital, ordersNeeded: 1 };
  },
  initialState: async (step) => {
    const price = await step.price();
    if (price === null) throw new Error(`No price for ${step.bot.symbol} yet.`);
    return { kind: PING_PONG, cycle: 1, side: 'buy', anchor: price, pongs: 0 };
  },
  signalStrategy: () => null,
  step: stepPingPong,
  views: {
    levels: (step, st) => {
      const row = step.order(roleOf(st));
      const config = step.bot.config as unknown as PingPongConfig;
      const price = st.side === 'buy' ? st.anchor * (1 - config.spread) : st.anchor * (1 + config.spread);
      return [
        {
          price,
          kind: st.side === 'buy' ? 'grid_buy' : 'grid_sell',
          label: `${st.side} ${st.cycle}`,
          clientOrderId: row && !isFinal(row.status) ? row.clientOrderId : null,
        },
      ];
    },
  },
  lifecycle: DEFAULT_LIFECYCLE,
};

/** A ping-pong bot's settings in the contract's input shape (its config is not in the contract's union: test-only). */
export function pingPongInput(over: Omit<BotInput, 'config'> & { config: Omit<PingPongConfig, 'kind'> }): BotInput {
  return { ...over, config: { kind: PING_PONG, ...over.config } as unknown as BotInput['config'] };
}
