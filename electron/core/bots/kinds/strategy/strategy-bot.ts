/**
 * The strategy bot: a saved graph evaluated on each closed candle. An entry signal while flat
 * buys `capital` worth at market; an exit signal while holding sells the whole position (from
 * the recorded fills) at market. The decision is saved as `pending` before its order goes out,
 * so a crash in between places it on resume, once.
 */
import type { StrategyBotConfig } from '../../../../../shared/ipc/schemas/bots';
import { isFinal } from '../../../orders/order-state';
import type { OrderRow } from '../../../orders/orders-repo';
import type { BarSignal } from '../../../strategy';
import { formatNumber } from '../../../exchange/precision';
import type { BotStep } from '../../bot-step';
import type { StrategyState } from './strategy-state';

export function initStrategy(): StrategyState {
  return { kind: 'strategy', lastBar: null, entries: 0, exits: 0, pending: null };
}

const roleOf = (pending: NonNullable<StrategyState['pending']>) => `${pending.action}:${pending.n}`;

/** Acts on the signal of one closed bar. */
export async function onStrategyBar(step: BotStep, signal: BarSignal, close: number): Promise<void> {
  const st = step.state<StrategyState>();
  if (st.pending) return; // the previous decision's order is still being worked
  const held = step.position().amount;
  const flat = step.isDust(held, close);
  if (signal.enter >= 0 && flat) {
    st.pending = { action: 'entry', n: ++st.entries };
    step.save();
    step.event('info', `Entry signal at the close ${formatNumber(close)}.`);
  } else if (signal.exit && !flat) {
    st.pending = { action: 'exit', n: ++st.exits };
    step.save();
    step.event('info', `Exit signal at the close ${formatNumber(close)}.`);
  }
}

export async function stepStrategy(step: BotStep): Promise<void> {
  const st = step.state<StrategyState>();
  if (!st.pending) return;
  const role = roleOf(st.pending);
  const row = step.order(role);
  if (!row) {
    const config = step.bot.config as StrategyBotConfig;
    if (st.pending.action === 'entry') {
      const price = await step.price();
      if (price === null) return;
      await step.place(role, { side: 'buy', type: 'market', amount: config.capital / price, price: null });
    } else {
      const held = step.position().amount;
      if (step.precision.amount(held) <= 0) {
        st.pending = null;
        step.save();
        return;
      }
      await step.place(role, { side: 'sell', type: 'market', amount: held, price: null });
    }
  }
  const settled = step.order(role);
  if (!settled || !isFinal(settled.status)) return;
  settle(step, st, settled);
}

function settle(step: BotStep, st: StrategyState, row: OrderRow): void {
  st.pending = null;
  if (row.side === 'sell' && row.filled > 0) {
    // The profit this exit booked: the run's realised result with it, minus without it.
    step.bot.realisedPnl +=
      step.position().realised - step.position(step.rows.filter((r) => r.clientOrderId !== row.clientOrderId)).realised;
  }
  step.save();
  if (row.filled > 0) {
    const text = `${row.side === 'buy' ? 'Bought' : 'Sold'} ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(row.averagePrice ?? 0)}.`;
    step.event('fill', text);
    step.notify('fill', `${step.bot.name}: ${row.side === 'buy' ? 'entry' : 'exit'} filled`, text);
  } else {
    step.event('error', `The ${row.side === 'buy' ? 'entry' : 'exit'} order was ${row.status}${row.error ? `: ${row.error}` : ''}.`);
  }
}
