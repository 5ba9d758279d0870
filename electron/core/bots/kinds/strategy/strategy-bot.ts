/**
 * The strategy bot: a saved graph evaluated on each closed candle. An entry signal while flat
 * buys `capital` worth at market; an exit signal while holding sells the whole position (from
 * the recorded fills) at market. On a perpetual swap (a USDT perpetuals account) an "Enter short"
 * signal while flat sells `capital` worth at market, opening a short, and "Exit short" buys the
 * whole short back reduce-only; the long exit is reduce-only there too, so no exit ever opens the
 * other side. The decision is saved as `pending` before its order goes out, so a crash in between
 * places it on resume, once.
 */
import type { StrategyBotConfig } from '../../../../../shared/ipc/schemas/bots';
import { isFinal } from '../../../orders/order-state';
import type { OrderRow } from '../../../orders/orders-repo';
import type { BarSignal } from '../../../strategy';
import { formatNumber } from '../../../exchange/precision';
import type { BotStep } from '../../bot-step';
import { sellsShort } from '../../position';
import type { StrategyAction, StrategyState } from './strategy-state';

export function initStrategy(): StrategyState {
  return { kind: 'strategy', lastBar: null, entries: 0, exits: 0, shorts: 0, covers: 0, pending: null };
}

const roleOf = (pending: NonNullable<StrategyState['pending']>) => `${pending.action}:${pending.n}`;

function decide(step: BotStep, st: StrategyState, action: StrategyAction, text: string): void {
  const n =
    action === 'entry'
      ? ++st.entries
      : action === 'exit'
        ? ++st.exits
        : action === 'short'
          ? (st.shorts = (st.shorts ?? 0) + 1)
          : (st.covers = (st.covers ?? 0) + 1);
  st.pending = { action, n };
  step.save();
  step.event('info', text);
}

/** Acts on the signal of one closed bar. */
export async function onStrategyBar(step: BotStep, signal: BarSignal, close: number): Promise<void> {
  const st = step.state<StrategyState>();
  if (st.pending) return; // the previous decision's order is still being worked
  const held = step.position().amount;
  const flat = step.isDust(Math.abs(held), close);
  const at = formatNumber(close);
  if (flat) {
    if (signal.enter >= 0) decide(step, st, 'entry', `Entry signal at the close ${at}.`);
    else if (signal.enterShort >= 0 && sellsShort(step.bot.symbol)) decide(step, st, 'short', `Short entry signal at the close ${at}.`);
  } else if (held > 0 && signal.exit) decide(step, st, 'exit', `Exit signal at the close ${at}.`);
  else if (held < 0 && signal.exitShort) decide(step, st, 'cover', `Short exit signal at the close ${at}.`);
}

export async function stepStrategy(step: BotStep): Promise<void> {
  const st = step.state<StrategyState>();
  if (!st.pending) return;
  const role = roleOf(st.pending);
  const row = step.order(role);
  if (!row) {
    const config = step.bot.config as StrategyBotConfig;
    const { action } = st.pending;
    // On a perpetual swap exits only shrink the position: a stale or doubled exit can never open the other side.
    const reduceOnly = sellsShort(step.bot.symbol);
    if (action === 'entry' || action === 'short') {
      const price = await step.price();
      if (price === null) return;
      // A short is sized like a long entry: `capital` worth at the last price, rounded to the market's step.
      await step.place(role, { side: action === 'entry' ? 'buy' : 'sell', type: 'market', amount: config.capital / price, price: null });
    } else {
      const held = step.position().amount;
      const closing = action === 'exit' ? Math.max(held, 0) : Math.max(-held, 0);
      if (step.precision.amount(closing) <= 0) {
        st.pending = null;
        step.save();
        return;
      }
      await step.place(role, {
        side: action === 'exit' ? 'sell' : 'buy',
        type: 'market',
        amount: closing,
        price: null,
        ...(reduceOnly ? { reduceOnly: true } : {}),
      });
    }
  }
  const settled = step.order(role);
  if (!settled || !isFinal(settled.status)) return;
  settle(step, st, st.pending.action, settled);
}

const FILLED_TEXT: Record<StrategyAction, { verb: string; what: string }> = {
  entry: { verb: 'Bought', what: 'entry' },
  exit: { verb: 'Sold', what: 'exit' },
  short: { verb: 'Sold short', what: 'short entry' },
  cover: { verb: 'Bought back', what: 'short exit' },
};

function settle(step: BotStep, st: StrategyState, action: StrategyAction, row: OrderRow): void {
  st.pending = null;
  if (row.filled > 0) {
    // The profit this order booked (an exit or a cover; 0 for an entry): the run's realised result with it, minus without it.
    step.bot.realisedPnl +=
      step.position().realised - step.position(step.rows.filter((r) => r.clientOrderId !== row.clientOrderId)).realised;
  }
  step.save();
  const { verb, what } = FILLED_TEXT[action];
  if (row.filled > 0) {
    const text = `${verb} ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(row.averagePrice ?? 0)}.`;
    step.event('fill', text);
    step.notify('fill', `${step.bot.name}: ${what} filled`, text);
  } else {
    step.event('error', `The ${what} order was ${row.status}${row.error ? `: ${row.error}` : ''}.`);
  }
}
