/**
 * The signal bot: trades on the signals its source receives. An open/buy opens a deal (a market
 * buy, or a limit at the signal's price) sized by the signal or the bot's rule; a sell sells that
 * much of the open deals, oldest first; a close (or a sell without size) sells every open deal.
 * A deal's take-profit / stop-loss, when the signal gave them, sell it at market when the price
 * reaches them. Every order is a slot saved in the state before it goes out through `BotStep`
 * (ledger intent first, precision, minimums, capital cap, max open orders, circuit breaker), so
 * a crash in between places it on resume, once.
 */
import type { SignalBotConfig } from '../../../../../shared/ipc/schemas/bots';
import type { TradeSignal } from '../../../../../shared/ipc/schemas/signals';
import { formatMoney, formatNumber } from '../../../exchange/precision';
import { isFinal } from '../../../orders/order-state';
import type { OrderRow } from '../../../orders/orders-repo';
import type { BotStep } from '../../bot-step';
import type { MessageOutcome } from '../bot-kind';
import type { SignalBotState, SignalDeal, SignalSlot } from './signal-state';

export function initSignalBot(): SignalBotState {
  return { kind: 'signal', deals: [], slots: [], nextDeal: 1 };
}

const entryRole = (n: number) => `deal:${n}:entry`;

/**
 * An entry the exchange never got may be sent this long after its signal, and no later: a signal is
 * accepted only within its 60 s window, so a buy held back by an open circuit, a pause or a crash
 * must not go out minutes or days later at whatever the price has become. Exits are kept: selling
 * what a deal holds only ever lowers the risk.
 */
export const ENTRY_STALE_MS = 120_000;
const dealRows = (step: BotStep, n: number) => step.rows.filter((r) => r.originRole?.startsWith(`${step.prefix}deal:${n}:`) === true);

/** Base the deal holds now: its filled buys minus its filled sells, by the ledger. */
export function dealHeld(step: BotStep, deal: SignalDeal): number {
  const rows = dealRows(step, deal.n);
  return step.position(rows).amount;
}

const refuse = (message: string): MessageOutcome => ({ accepted: false, message });

/** Turns a signal into slots (nothing is sent here; the step right after places them). */
export async function onSignal(step: BotStep, signal: TradeSignal): Promise<MessageOutcome> {
  const st = step.state<SignalBotState>();
  const config = step.bot.config as SignalBotConfig;
  const { rules } = step;
  if (signal.action === 'open' || signal.action === 'buy') {
    const open = st.deals.filter((d) => d.status === 'open').length;
    if (open >= config.maxOpenDeals)
      return refuse(`Max open deals (${config.maxOpenDeals}) reached: close one first or raise the limit in the bot's settings.`);
    const reference = signal.price ?? (await step.price());
    if (reference === null) return refuse(`No price for ${step.bot.symbol} yet: the signal cannot be sized; send it again shortly.`);
    const size = config.useSignalSize && signal.size ? signal.size : config.size;
    const raw =
      size.unit === 'base'
        ? size.value
        : size.unit === 'quote'
          ? size.value / reference
          : (step.bot.risk.capitalCap * size.value) / 100 / reference;
    const amount = step.precision.amount(raw);
    if (amount <= 0 || (rules.minAmount !== null && amount < rules.minAmount))
      return refuse(
        `The amount ${formatNumber(raw)} ${rules.base} is below the market's minimum ${formatNumber(rules.minAmount ?? rules.amountStep ?? 0)} ${rules.base}; nothing was traded.`,
      );
    if (rules.minCost !== null && amount * reference < rules.minCost)
      return refuse(
        `The order value ${formatMoney(amount * reference, rules.quote)} ${rules.quote} is below the market's minimum ${formatNumber(rules.minCost)} ${rules.quote}; nothing was traded.`,
      );
    const committed = step.position().cost;
    if (committed + amount * reference > step.bot.risk.capitalCap * (1 + 1e-9))
      return refuse(
        `The bot's capital cap ${formatMoney(step.bot.risk.capitalCap, rules.quote)} ${rules.quote} would be exceeded (${formatMoney(committed, rules.quote)} ${rules.quote} committed); nothing was traded.`,
      );
    const n = st.nextDeal++;
    st.deals.push({ n, signalId: signal.id, status: 'open', takeProfit: signal.takeProfit, stopLoss: signal.stopLoss, exits: 0 });
    const slot: SignalSlot = {
      role: entryRole(n),
      deal: n,
      side: 'buy',
      type: signal.price === null ? 'market' : 'limit',
      amount,
      price: signal.price,
      signalId: signal.id,
      askedAt: step.now(),
    };
    st.slots.push(slot);
    step.save();
    step.event(
      'info',
      `Signal ${signal.id}: open deal ${n}, buy ${formatNumber(amount)} ${rules.base} at ${signal.price === null ? 'market' : formatNumber(signal.price)}.`,
    );
    return { accepted: true, message: `Deal ${n} opening: buy ${formatNumber(amount)} ${rules.base}.`, roles: [slot.role] };
  }
  if (signal.action === 'sell' || signal.action === 'close') {
    const cancelled = signal.action === 'close' ? await cancelEntries(step, st) : 0;
    const open = st.deals.filter((d) => d.status === 'open');
    const price = await step.price();
    let wanted =
      signal.action === 'close' || !signal.size || !config.useSignalSize
        ? Infinity
        : signal.size.unit === 'base'
          ? signal.size.value
          : price === null
            ? NaN
            : signal.size.unit === 'quote'
              ? signal.size.value / price
              : (step.bot.risk.capitalCap * signal.size.value) / 100 / price;
    if (Number.isNaN(wanted)) return refuse(`No price for ${step.bot.symbol} yet: the sell cannot be sized; send it again shortly.`);
    const roles: string[] = [];
    for (const deal of open) {
      if (wanted <= 0) break;
      if (st.slots.some((s) => s.deal === deal.n)) continue; // an order of this deal is still being worked
      const held = dealHeld(step, deal);
      const amount = step.precision.amount(Math.min(held, wanted));
      if (price !== null ? step.isDust(amount, price) : amount <= 0) continue;
      wanted -= amount;
      roles.push(addExit(step, st, deal, amount, signal.id));
    }
    if (roles.length === 0 && cancelled > 0) {
      step.save();
      step.event('info', `Signal ${signal.id}: close — ${cancelled} unfilled entry order(s) cancelled.`);
      return { accepted: true, message: `Cancelled ${cancelled} unfilled entry order(s); nothing was held.`, roles: [] };
    }
    if (roles.length === 0)
      return refuse(
        open.length === 0
          ? 'Nothing to sell: the bot has no open deal.'
          : 'Nothing to sell: the open deals hold less than the market minimum, or their orders are still being worked.',
      );
    step.save();
    step.event('info', `Signal ${signal.id}: ${signal.action} — ${roles.length} exit order(s).`);
    return { accepted: true, message: `Selling ${roles.length} deal(s) at market.`, roles };
  }
  return refuse(`A signal bot does not act on ${signal.action} itself.`);
}

/**
 * A close also withdraws entries still resting (a limit buy not filled yet): cancelled first, so
 * the deal then holds only what filled, which the exits sell. Returns how many were cancelled.
 */
async function cancelEntries(step: BotStep, st: SignalBotState): Promise<number> {
  let cancelled = 0;
  for (const slot of st.slots.filter((s) => s.side === 'buy')) {
    const row = step.order(slot.role);
    // Inside the bot's serial queue: a slot without a ledger row was never sent, so it is simply dropped.
    if (row && !isFinal(row.status)) {
      if (!(await step.cancel(row))) continue;
      cancelled++;
    }
    const after = step.order(slot.role);
    if (after && !isFinal(after.status)) continue;
    drop(st, slot);
    closeIfEmpty(step, st, slot.deal);
  }
  return cancelled;
}

function addExit(step: BotStep, st: SignalBotState, deal: SignalDeal, amount: number, signalId: string): string {
  const role = `deal:${deal.n}:exit:${++deal.exits}`;
  st.slots.push({ role, deal: deal.n, side: 'sell', type: 'market', amount, price: null, signalId });
  return role;
}

/** Places the slots the ledger lacks, settles the final ones, and watches take-profits and stop-losses. */
export async function stepSignalBot(step: BotStep): Promise<void> {
  const st = step.state<SignalBotState>();
  let changed = false;
  for (const slot of [...st.slots]) {
    let row = step.order(slot.role);
    if (!row && slot.side === 'buy' && slot.askedAt !== undefined && step.now() - slot.askedAt > ENTRY_STALE_MS) {
      step.event(
        'warning',
        `Deal ${slot.deal}: the buy for signal ${slot.signalId} was not sent within ${ENTRY_STALE_MS / 1000} s of the signal; dropped, nothing was traded.`,
      );
      drop(st, slot);
      changed = true;
      closeIfEmpty(step, st, slot.deal);
      continue;
    }
    if (!row) {
      const outcome = await step.place(slot.role, { side: slot.side, type: slot.type, amount: slot.amount, price: slot.price });
      if (outcome.kind === 'refused' && !outcome.transient) {
        drop(st, slot);
        changed = true;
        closeIfEmpty(step, st, slot.deal);
        continue;
      }
      if (outcome.kind === 'held' && outcome.reason !== 'not running' && outcome.reason !== 'circuit open') {
        // A guard (minimum, capital cap, max open orders) refused it: the signal is not kept waiting for ever.
        drop(st, slot);
        changed = true;
        closeIfEmpty(step, st, slot.deal);
        continue;
      }
      row = step.order(slot.role);
    }
    if (row && isFinal(row.status)) {
      drop(st, slot);
      changed = true;
      settled(step, row);
      closeIfEmpty(step, st, slot.deal);
    }
  }
  const price = st.deals.some((d) => d.status === 'open' && (d.takeProfit !== null || d.stopLoss !== null)) ? await step.price() : null;
  if (price !== null) {
    for (const deal of st.deals) {
      if (deal.status !== 'open' || st.slots.some((s) => s.deal === deal.n)) continue;
      const hitTp = deal.takeProfit !== null && price >= deal.takeProfit;
      const hitSl = deal.stopLoss !== null && price <= deal.stopLoss;
      if (!hitTp && !hitSl) continue;
      const held = step.precision.amount(dealHeld(step, deal));
      if (step.isDust(held, price)) continue;
      step.event(
        'info',
        `Deal ${deal.n}: ${hitSl ? 'stop-loss' : 'take-profit'} ${formatNumber(hitSl ? deal.stopLoss! : deal.takeProfit!)} reached at ${formatNumber(price)}; selling.`,
      );
      const role = addExit(step, st, deal, held, deal.signalId);
      changed = true;
      step.save();
      await step.place(role, { side: 'sell', type: 'market', amount: held, price: null });
    }
  }
  if (changed) step.save();
}

function drop(st: SignalBotState, slot: SignalSlot): void {
  st.slots = st.slots.filter((s) => s.role !== slot.role);
}

/** A deal with no order in flight and nothing held is closed; its realised result is booked to the bot. */
function closeIfEmpty(step: BotStep, st: SignalBotState, n: number): void {
  const deal = st.deals.find((d) => d.n === n);
  if (!deal || deal.status !== 'open' || st.slots.some((s) => s.deal === n)) return;
  const rows = dealRows(step, n);
  const position = step.position(rows);
  const price = rows.find((r) => r.averagePrice !== null)?.averagePrice ?? 1;
  if (!step.isDust(position.amount, price)) return;
  deal.status = 'closed';
  step.bot.realisedPnl += position.realised;
  step.event('info', `Deal ${n} closed (${formatMoney(position.realised, step.rules.quote)} ${step.rules.quote}).`);
}

function settled(step: BotStep, row: OrderRow): void {
  if (row.filled > 0) {
    const text = `${row.side === 'buy' ? 'Bought' : 'Sold'} ${formatNumber(row.filled)} ${step.rules.base} at ${formatNumber(row.averagePrice ?? 0)}.`;
    step.event('fill', text);
    step.notify('fill', `${step.bot.name}: signal ${row.side} filled`, text);
  } else {
    step.event('error', `The ${row.side} order was ${row.status}${row.error ? `: ${row.error}` : ''}.`);
  }
}
