/**
 * The rebalance bot: keeps one account's basket at its target weights. On every step it plans the
 * basket as the account holds it now; when the drift threshold or the schedule says so, a round
 * starts. A round is saved before any of its orders is sent: first its sells (market orders,
 * role `n<round>:sell:<ASSET>`), and only when every sell is final are the buys planned from the
 * cash the sells actually brought, saved, then sent (`n<round>:buy:<ASSET>`). A role the ledger has
 * is never sent again (`BotStep.place`), so a restart mid-round resumes it without doubling a leg.
 */
import type { TradeView } from '../../../../../shared/ipc/schemas/orders';
import type { RebalanceConfig, RebalancePlan } from '../../../../../shared/ipc/schemas/rebalance';
import { clean, formatMoney, formatNumber } from '../../../exchange/precision';
import { isFinal } from '../../../orders/order-state';
import { planOnAccount, takeOver, type RunHoldings } from '../../../rebalance/account-plan';
import { PlanError } from '../../../rebalance/plan';
import { rebalanceTrigger } from '../../../rebalance/trigger';
import type { BotStep } from '../../bot-step';
import { ROUNDS_KEPT, STALL_MOVE, type RebalanceLeg, type RebalanceRoundState, type RebalanceState } from './rebalance-state';

/**
 * A new run's state: what it takes over is fixed now, from the account and the capital cap (see
 * `takeOver`): the basket coins held, scaled so they and the cash fit within the cap.
 */
export async function initRebalanceBot(step: BotStep): Promise<RebalanceState> {
  const config = step.bot.config as RebalanceConfig;
  const venue = step.venue();
  const balances = await venue.balances();
  const free = new Map<string, number>();
  const prices = new Map<string, number>();
  for (const e of config.basket) {
    if (e.asset === config.quote) continue;
    free.set(e.asset, balances.get(e.asset)?.free ?? 0);
    const quote = await venue.quote(`${e.asset}/${config.quote}`);
    if (quote) prices.set(e.asset, quote.last);
  }
  const run = takeOver(free, prices, balances.get(config.quote)?.free ?? 0, step.bot.risk.capitalCap);
  return {
    kind: 'rebalance',
    cashStart: run.cash,
    coinsStart: Object.fromEntries(run.coins),
    nextRound: 1,
    lastRoundAt: null,
    current: null,
    rounds: [],
    stalled: null,
  };
}

/** The quote that is the run's: what it started with, plus its sells' proceeds, minus its buys' costs (fees in quote included). */
export function runCashOf(trades: readonly TradeView[], quote: string, cashStart: number): number {
  let cash = cashStart;
  for (const t of trades) {
    const fee = t.feeAsset === quote ? t.fee : 0;
    cash += t.side === 'sell' ? t.cost - fee : -(t.cost + fee);
  }
  return clean(cash);
}

/** The basket coins that are the run's: what it took over, plus its buys, minus its sells (fees in the coin included). */
export function runCoinsOf(trades: readonly TradeView[], coinsStart: Readonly<Record<string, number>>): Map<string, number> {
  const coins = new Map(Object.entries(coinsStart));
  for (const t of trades) {
    const base = t.symbol.split('/')[0]!;
    if (!coins.has(base)) continue;
    const fee = t.feeAsset === base ? t.fee : 0;
    coins.set(base, (coins.get(base) ?? 0) + (t.side === 'buy' ? t.amount - fee : -(t.amount + fee)));
  }
  for (const [asset, amount] of coins) coins.set(asset, Math.max(0, clean(amount)));
  return coins;
}

/**
 * What a run manages now. A run saved before the coins it took over were recorded counts the
 * account's free basket coins, as it did then; the round's buys are still capped when planned.
 */
export function runHoldingsOf(st: RebalanceState, trades: readonly TradeView[], quote: string): RunHoldings {
  const cash = runCashOf(trades, quote, st.cashStart);
  return { cash, coins: st.coinsStart ? runCoinsOf(trades, st.coinsStart) : null };
}

export const legRole = (n: number, side: 'buy' | 'sell', asset: string) => `n${n}:${side}:${asset}`;

/** The plan for the bot's basket on its account now (what the Index view previews). */
export function planFor(step: BotStep): Promise<RebalancePlan> {
  const config = step.bot.config as RebalanceConfig;
  const st = step.bot.kindState as RebalanceState | null;
  const own = st?.kind === 'rebalance' ? runHoldingsOf(st, step.trades(), config.quote) : null;
  return planOnAccount({ venue: step.venue(), market: (symbol) => step.market(symbol) }, config, step.bot.risk.capitalCap, own);
}

const legsOf = (plan: RebalancePlan, n: number, side: 'buy' | 'sell'): RebalanceLeg[] =>
  plan.legs
    .filter((l) => l.side === side)
    .map((l) => ({
      asset: l.asset,
      symbol: l.symbol,
      side,
      amount: l.amount,
      price: l.price,
      role: legRole(n, side, l.asset),
      dropped: l.dropped,
    }));

const describeLegs = (legs: readonly RebalanceLeg[], quote: string) =>
  legs
    .filter((l) => l.dropped === null)
    .map((l) => `${l.side} ${formatNumber(l.amount)} ${l.asset} (~${formatMoney(l.amount * l.price, quote)} ${quote})`)
    .join(', ') || 'nothing to send';

/**
 * Between rounds a live bot reads balances and a ticker per coin at most this often: the runtime
 * steps every second, and N + 1 REST reads a second would eat the exchange's request budget.
 */
export const LIVE_CHECK_MS = 5_000;
/** When each live bot last read the account between rounds; a paused bot's entry goes, and any older than the interval (a stopped or deleted bot's) goes at the next check. */
const lastCheck = new Map<string, number>();

export async function stepRebalanceBot(step: BotStep): Promise<void> {
  const st = step.state<RebalanceState>();
  if (step.bot.state !== 'running') {
    lastCheck.delete(step.bot.id);
    return;
  }
  if (!st.current) {
    const now = step.now();
    if (step.venue().kind === 'live') {
      if (now - (lastCheck.get(step.bot.id) ?? -Infinity) < LIVE_CHECK_MS) return;
      // A check older than the interval counts as none: dropping it keeps only bots that still step.
      for (const [id, at] of lastCheck) if (now - at >= LIVE_CHECK_MS) lastCheck.delete(id);
      lastCheck.set(step.bot.id, now);
    }
    await maybeStartRound(step, st);
  }
  if (st.current) await continueRound(step, st, st.current);
}

/** What a stalled bot compares: the settings that shape a round (a change lets the next drift round try). */
const settingsKey = (step: BotStep) => {
  const config = step.bot.config as RebalanceConfig;
  const { capitalCap, maxOpenOrders } = step.bot.risk;
  return JSON.stringify({
    basket: config.basket,
    quote: config.quote,
    driftPct: config.driftPct,
    minTrade: config.minTrade,
    capitalCap,
    maxOpenOrders,
  });
};

const pricesOf = (plan: RebalancePlan) =>
  Object.fromEntries(plan.assets.filter((a) => a.asset !== plan.quote).map((a) => [a.asset, a.price]));

/** Whether a stalled bot still sees what it saw: same settings, every price within STALL_MOVE. */
function stillStalled(step: BotStep, st: RebalanceState, plan: RebalancePlan): boolean {
  const stalled = st.stalled;
  if (!stalled || stalled.settings !== settingsKey(step)) return false;
  return Object.entries(pricesOf(plan)).every(([asset, price]) => {
    const then = stalled.prices[asset];
    return then !== undefined && Math.abs(price / then - 1) < STALL_MOVE;
  });
}

async function plan(step: BotStep): Promise<RebalancePlan | null> {
  try {
    return await planFor(step);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    step.event('warning', error.message);
    return null;
  }
}

async function maybeStartRound(step: BotStep, st: RebalanceState): Promise<void> {
  const config = step.bot.config as RebalanceConfig;
  const now = step.now();
  const current = await plan(step);
  if (!current) return;
  const trigger = rebalanceTrigger(config, current, st.lastRoundAt, now);
  // A drift round a guard refused last time is not tried again, every step, while nothing changed.
  if (trigger.due && trigger.reason === 'drift' && stillStalled(step, st, current)) return;
  if (!trigger.due) {
    const unsendable = trigger.skipped === 'drift';
    if (trigger.text && !(unsendable && st.driftUnsendable === true)) step.event('warning', trigger.text);
    if ((st.driftUnsendable ?? false) !== unsendable) {
      st.driftUnsendable = unsendable;
      step.save();
    }
    // A scheduled round with nothing to send is skipped: the schedule moves on to its next time.
    if (trigger.skipped === 'schedule' || trigger.skipped === 'start') {
      st.lastRoundAt = now;
      step.save();
    }
    return;
  }
  const n = st.nextRound;
  const sells = legsOf(current, n, 'sell');
  st.current = {
    n,
    reason: trigger.reason,
    startedAt: now,
    finishedAt: null,
    phase: 'selling',
    legs: sells,
    maxDriftPct: current.maxDriftPct,
  };
  st.nextRound = n + 1;
  st.lastRoundAt = now;
  st.stalled = null;
  st.driftUnsendable = false;
  // Saved before any of its orders is sent.
  step.save();
  const left = sells.filter((l) => l.dropped !== null).map((l) => `${l.asset}: ${l.dropped}`);
  step.event(
    'info',
    `Round ${n}: ${trigger.text}. Sells first: ${describeLegs(sells, config.quote)}.${left.length > 0 ? ` Left out: ${left.join('; ')}.` : ''}`,
  );
}

async function continueRound(step: BotStep, st: RebalanceState, round: RebalanceRoundState): Promise<void> {
  const config = step.bot.config as RebalanceConfig;
  if (round.phase === 'selling') {
    if (await sendLegs(step, round, 'sell')) return;
    // Every sell is final: the buys spend what the sells actually brought.
    const after = await plan(step);
    if (!after) return;
    const buys = legsOf(after, round.n, 'buy');
    round.legs.push(...buys);
    round.phase = 'buying';
    step.save();
    const left = buys.filter((l) => l.dropped !== null).map((l) => `${l.asset}: ${l.dropped}`);
    step.event(
      'info',
      `Round ${round.n}: sells done; buying ${describeLegs(buys, config.quote)}.${left.length > 0 ? ` Left out: ${left.join('; ')}.` : ''}`,
    );
  }
  if (round.phase === 'buying') {
    if (await sendLegs(step, round, 'buy')) return;
    round.phase = 'done';
    round.finishedAt = step.now();
    st.rounds = [round, ...st.rounds].slice(0, ROUNDS_KEPT);
    st.current = null;
    const refused = round.legs.filter((l) => l.refused === true);
    const failed = round.legs.filter((l) => l.dropped === null && step.order(l.role)?.status !== 'filled').map((l) => l.asset);
    if (refused.length > 0) {
      const now = await plan(step);
      st.stalled = {
        prices: now ? pricesOf(now) : Object.fromEntries(round.legs.map((l) => [l.asset, l.price])),
        settings: settingsKey(step),
      };
    }
    step.save();
    const notFilled = [...failed, ...refused.map((l) => `${l.asset} (${l.side} refused: ${l.dropped})`)];
    step.event(
      notFilled.length > 0 ? 'warning' : 'info',
      `Round ${round.n} done${notFilled.length > 0 ? `; not filled in full: ${notFilled.join(', ')}` : ''}.${
        refused.length > 0
          ? ' No drift round is tried again until a price moves 1 % or the settings change.'
          : failed.length > 0
            ? ' The next round corrects it.'
            : ''
      }`,
    );
  }
}

/**
 * Sends the side's legs the ledger does not have yet and says whether any is still working (the
 * round waits for it). A leg a guard holds for good (capital cap, minimum) is left out with why.
 */
async function sendLegs(step: BotStep, round: RebalanceRoundState, side: 'buy' | 'sell'): Promise<boolean> {
  let working = false;
  let changed = false;
  for (const leg of round.legs) {
    if (leg.side !== side || leg.dropped !== null) continue;
    const existing = step.order(leg.role);
    if (existing) {
      if (!isFinal(existing.status)) working = true;
      continue;
    }
    const outcome = await step.place(leg.role, {
      side,
      type: 'market',
      amount: leg.amount,
      price: null,
      symbol: leg.symbol,
      reference: leg.price,
    });
    if (outcome.kind === 'placed' || outcome.kind === 'exists') {
      if (!isFinal(outcome.row.status)) working = true;
    } else if (outcome.kind === 'held') {
      if (outcome.reason === 'not running' || outcome.reason === 'circuit open') working = true;
      else {
        leg.dropped = outcome.reason;
        leg.refused = true;
        changed = true;
      }
    }
    // A refused leg is in the ledger as failed: the round goes on without it.
  }
  if (changed) step.save();
  return working;
}
