/**
 * The grid bot. Its grid is a row of cells, one between each pair of neighbouring levels; each
 * cell always owns one order: a buy at its lower level or a sell at its upper level. A filled
 * buy turns the cell into a sell one level up, a filled sell back into a buy, and each completed
 * buy→sell pair books its profit net of fees. Two fills in one price move never collide,
 * because every cell flips on its own. Cells are written before their orders are sent.
 */
import { TradewindError } from '../../../../../shared/ipc/errors';
import type { BotLevel, GridConfig } from '../../../../../shared/ipc/schemas/bots';
import { isFinal } from '../../../orders/order-state';
import type { OrderRow } from '../../../orders/orders-repo';
import { clean, formatMoney, formatNumber } from '../../../exchange/precision';
import type { BotStep } from '../../bot-step';
import { planGrid } from './grid-math';
import type { GridSlot, GridState } from './grid-state';
import { feeInQuote, netBase } from '../../position';

/** Definite refusals of one cell's order in a row before the bot stops and asks the person. */
const MAX_REFUSALS = 3;

export const initRole = (attempt: number) => (attempt === 0 ? 'init' : `init:${attempt}`);
export const CLOSE_ROLE = 'close';
export const cellRole = (cell: number, cycle: number) => `c${cell}:${cycle}`;

const cellPrice = (st: GridState, cell: number, slot: GridSlot) => (slot.side === 'sell' ? st.levels[cell + 1]! : st.levels[cell]!);

/** Plans a new run of the grid at the current price. */
export async function initGrid(step: BotStep): Promise<GridState> {
  const config = step.bot.config as GridConfig;
  const { plan, issues } = planGrid(config, await step.price(), step.rules, step.precision);
  if (!plan) throw new TradewindError('invalid_input', issues.map((i) => i.message).join(' '));
  const slots: GridSlot[] = [];
  for (let cell = 0; cell < plan.levels.length - 1; cell++) {
    slots.push({ side: cell < plan.idle ? 'buy' : 'sell', cycle: 0, amount: plan.amount, basis: null, refusals: 0 });
  }
  return {
    kind: 'grid',
    levels: plan.levels,
    amount: plan.amount,
    phase: plan.initAmount > 0 ? 'init' : 'active',
    slots,
    pairs: 0,
    closeReason: null,
    initAmount: plan.initAmount,
    initAttempt: 0,
  };
}

/** Base received (net of fees) and quote paid (fees included) by a buy's fills. */
function boughtBy(step: BotStep, row: OrderRow): { net: number; paid: number } {
  const trades = step.trades([row]);
  const net = trades.reduce((sum, t) => sum + netBase(t, step.rules.base), 0);
  const paid = trades.reduce((sum, t) => sum + t.cost + (t.feeAsset === step.rules.quote ? t.fee : 0), 0);
  return { net: clean(net), paid };
}

/** Quote paid per unit of base received (fees included) by a filled buy. */
function basisOf(step: BotStep, row: OrderRow): { net: number; basis: number } {
  const { net, paid } = boughtBy(step, row);
  return { net, basis: net > 0 ? paid / net : (row.averagePrice ?? 0) };
}

/** Profit of a sell's fills against the basis of the base it sold. */
function sellProfit(step: BotStep, row: OrderRow, basis: number): number {
  const proceeds = step.trades([row]).reduce((sum, t) => sum + t.cost - feeInQuote(t, step.rules.base, step.rules.quote), 0);
  return clean(proceeds - row.filled * basis);
}

export async function stepGrid(step: BotStep): Promise<void> {
  const st = step.state<GridState>();
  if (st.phase === 'closed') return;
  if (st.phase === 'init' && !(await stepInit(step, st))) return;
  if (st.phase === 'active') {
    const price = await step.price();
    const config = step.bot.config as GridConfig;
    const bound =
      price === null
        ? null
        : config.stopLoss !== null && price <= config.stopLoss
          ? 'stop_loss'
          : config.takeProfit !== null && price >= config.takeProfit
            ? 'take_profit'
            : null;
    if (bound && step.running()) {
      st.phase = 'closing';
      st.closeReason = bound;
      step.save();
      step.event(
        'warning',
        `${bound === 'stop_loss' ? 'Stop-loss' : 'Take-profit'} ${formatNumber(bound === 'stop_loss' ? (config.stopLoss as number) : (config.takeProfit as number))} reached at ${formatNumber(price as number)}: closing the grid.`,
      );
    } else {
      settleCells(step, st);
      await placeCells(step, st);
      return;
    }
  }
  if (st.phase === 'closing') await closeGrid(step, st);
}

/** The start-up market buy of the base the upper cells sell. Returns whether the grid is active. */
async function stepInit(step: BotStep, st: GridState): Promise<boolean> {
  const role = initRole(st.initAttempt);
  if (!step.order(role)) await step.place(role, { side: 'buy', type: 'market', amount: st.initAmount, price: null });
  // A market order usually settles in the reply: go on in the same step when it did.
  const row = step.order(role);
  if (!row || !isFinal(row.status)) return false;
  if (row.filled <= 0) {
    if (row.status === 'rejected' && step.refusedDefinitely(row)) {
      step.requestStop('error', `The grid's start-up buy was refused: ${row.error ?? 'rejected'}.`);
    } else {
      // Never placed, or refused by a busy exchange: a new attempt under its own role (the circuit paces it).
      st.initAttempt++;
      step.save();
    }
    return false;
  }
  const { basis } = basisOf(step, row);
  for (const slot of st.slots) if (slot.side === 'sell') slot.basis = basis;
  st.phase = 'active';
  step.save();
  step.event(
    'fill',
    `Bought ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(row.averagePrice ?? 0)} for the upper levels.`,
  );
  return true;
}

/** Flips every cell whose order filled, books completed pairs, and renews refused or lost orders. */
function settleCells(step: BotStep, st: GridState): void {
  let changed = false;
  st.slots.forEach((slot, cell) => {
    if (slot.side === null) return;
    const row = step.order(cellRole(cell, slot.cycle));
    if (!row || !isFinal(row.status)) return;
    changed = true;
    if (row.status === 'filled') {
      const price = row.averagePrice ?? cellPrice(st, cell, slot);
      if (slot.side === 'buy') {
        // With what an earlier, partly filled and cancelled buy of this level already holds.
        const { net, paid } = boughtBy(step, row);
        const base = clean(net + (slot.held?.base ?? 0));
        const basis = base > 0 ? (paid + (slot.held?.cost ?? 0)) / base : (row.averagePrice ?? price);
        Object.assign(slot, {
          side: 'sell',
          cycle: slot.cycle + 1,
          amount: step.precision.amount(base),
          basis,
          refusals: 0,
          held: undefined,
        });
        step.event(
          'fill',
          `Bought ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(price)}; selling it at ${formatNumber(st.levels[cell + 1]!)}.`,
        );
      } else {
        const profit = sellProfit(step, row, slot.basis ?? price);
        step.bot.realisedPnl += profit;
        st.pairs++;
        Object.assign(slot, { side: 'buy', cycle: slot.cycle + 1, amount: st.amount, basis: null, refusals: 0 });
        step.event(
          'fill',
          `Sold ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(price)}: pair profit ${formatMoney(profit, step.rules.quote)} ${step.rules.quote}.`,
        );
      }
      step.notify(
        'fill',
        `${step.bot.name}: ${row.side} filled`,
        `${row.side === 'buy' ? 'Bought' : 'Sold'} ${formatNumber(row.filled)} ${step.bot.symbol} at ${formatNumber(price)}.`,
      );
      return;
    }
    // Cancelled outside the bot after part of it filled: what filled is the grid's, the rest is re-placed.
    if (row.filled > 0) {
      carryPartialFill(step, st, cell, slot, row);
      return;
    }
    // Never placed (failed lookups), refused, or cancelled outside the bot: the cell gets a new order.
    const definite = row.status === 'rejected' && step.refusedDefinitely(row);
    slot.refusals = definite ? slot.refusals + 1 : 0;
    slot.cycle++;
    if (slot.refusals >= MAX_REFUSALS) {
      step.requestStop(
        'error',
        `The order of level ${formatNumber(cellPrice(st, cell, slot))} was refused ${MAX_REFUSALS} times: ${row.error ?? row.status}.`,
      );
    }
  });
  if (changed) step.save();
}

/**
 * A level's order ended (cancelled, expired) after part of it filled. A sell books the profit of
 * what it sold and offers the rest again; a buy keeps what it bought (the sell will carry it) and
 * asks for the rest again. A rest below the market's minimums cannot be ordered: a sell's rest is
 * left in the account (said in the events), a buy's level turns into a sell of what it holds.
 */
function carryPartialFill(step: BotStep, st: GridState, cell: number, slot: GridSlot, row: OrderRow): void {
  const { base } = step.rules;
  const price = cellPrice(st, cell, slot);
  const rest = step.precision.amount(clean(slot.amount - row.filled));
  slot.cycle++;
  slot.refusals = 0;
  if (slot.side === 'sell') {
    const profit = sellProfit(step, row, slot.basis ?? price);
    step.bot.realisedPnl += profit;
    if (!step.isDust(rest, price)) {
      slot.amount = rest;
      step.event(
        'fill',
        `Sold ${formatNumber(row.filled)} ${base} at ${formatNumber(price)} before the order was cancelled outside the bot (profit ${formatMoney(profit, step.rules.quote)} ${step.rules.quote}); offering the other ${formatNumber(rest)} again.`,
      );
    } else {
      Object.assign(slot, { side: 'buy', amount: st.amount, basis: null });
      step.event(
        'warning',
        `Sold ${formatNumber(row.filled)} ${base} at ${formatNumber(price)} before the order was cancelled outside the bot; the other ${formatNumber(rest)} ${base} is below the market minimum and stays in the account, outside the grid.`,
      );
    }
    return;
  }
  const { net, paid } = boughtBy(step, row);
  slot.held = { base: clean(net + (slot.held?.base ?? 0)), cost: paid + (slot.held?.cost ?? 0) };
  if (!step.isDust(rest, price)) {
    slot.amount = rest;
    step.event(
      'fill',
      `Bought ${formatNumber(row.filled)} ${base} at ${formatNumber(price)} before the order was cancelled outside the bot; buying the other ${formatNumber(rest)} again.`,
    );
    return;
  }
  const held = slot.held;
  Object.assign(slot, {
    side: 'sell',
    amount: step.precision.amount(held.base),
    basis: held.base > 0 ? held.cost / held.base : price,
    held: undefined,
  });
  step.event(
    'fill',
    `Bought ${formatNumber(row.filled)} ${base} at ${formatNumber(price)} before the order was cancelled outside the bot; the rest is below the market minimum, so the level sells what it holds at ${formatNumber(st.levels[cell + 1]!)}.`,
  );
}

async function placeCells(step: BotStep, st: GridState): Promise<void> {
  for (const [cell, slot] of st.slots.entries()) {
    if (slot.side === null || step.order(cellRole(cell, slot.cycle))) continue;
    const outcome = await step.place(cellRole(cell, slot.cycle), {
      side: slot.side,
      type: 'limit',
      amount: slot.amount,
      price: cellPrice(st, cell, slot),
    });
    if (outcome.kind === 'held' && (outcome.reason === 'not running' || outcome.reason === 'circuit open')) return;
  }
}

/** Stop-loss / take-profit: cancel every order, sell the base the grid holds at market, stop. */
async function closeGrid(step: BotStep, st: GridState): Promise<void> {
  for (const row of step.rows.filter((r) => !isFinal(r.status) && !r.originRole?.endsWith(CLOSE_ROLE))) await step.cancel(row);
  if (step.rows.some((r) => !isFinal(r.status) && !r.originRole?.endsWith(CLOSE_ROLE))) return;
  const close = step.order(CLOSE_ROLE);
  const held = step.position(step.rows.filter((r) => r !== close)).amount;
  const price = (await step.price()) ?? st.levels[0]!;
  if (!close && !step.isDust(held, price)) {
    await step.place(CLOSE_ROLE, { side: 'sell', type: 'market', amount: held, price: null });
    return;
  }
  if (close && !isFinal(close.status)) return;
  if (close && close.filled > 0) step.bot.realisedPnl = clean(step.bot.realisedPnl + closeProfit(step, st, close));
  st.phase = 'closed';
  step.save();
  const reason = st.closeReason ?? 'stop_loss';
  step.requestStop(
    reason,
    `${reason === 'stop_loss' ? 'Stop-loss' : 'Take-profit'} bound reached; the grid's orders were cancelled and its base sold at market.`,
  );
}

/** What the closing sale made against the basis of the sells it replaced. */
function closeProfit(step: BotStep, st: GridState, close: OrderRow): number {
  const trades = step.trades([close]);
  const proceeds = trades.reduce((sum, t) => sum + t.cost - feeInQuote(t, step.rules.base, step.rules.quote), 0);
  const sells = st.slots.filter((s) => s.side === 'sell');
  const held = sells.reduce((sum, s) => sum + s.amount, 0);
  const basis = held > 0 ? sells.reduce((sum, s) => sum + s.amount * (s.basis ?? 0), 0) / held : (close.averagePrice ?? 0);
  return proceeds - close.filled * basis;
}

export function gridLevelsView(step: Pick<BotStep, 'order'>, st: GridState, config: GridConfig): BotLevel[] {
  const levels: BotLevel[] = st.levels.map((price, i) => ({ price, kind: 'grid_idle', label: `Level ${i + 1}`, clientOrderId: null }));
  st.slots.forEach((slot, cell) => {
    if (slot.side === null) return;
    const index = slot.side === 'sell' ? cell + 1 : cell;
    const row = step.order(cellRole(cell, slot.cycle));
    const level = levels[index]!;
    level.kind = slot.side === 'sell' ? 'grid_sell' : 'grid_buy';
    level.label = `${slot.side === 'sell' ? 'Sell' : 'Buy'} ${formatNumber(slot.amount)}`;
    if (row && !isFinal(row.status)) level.clientOrderId = row.clientOrderId;
  });
  if (config.stopLoss !== null) levels.push({ price: config.stopLoss, kind: 'stop_loss', label: 'Stop-loss', clientOrderId: null });
  if (config.takeProfit !== null) levels.push({ price: config.takeProfit, kind: 'bound', label: 'Take-profit', clientOrderId: null });
  return levels;
}
