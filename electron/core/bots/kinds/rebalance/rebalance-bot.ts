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
import { planOnAccount, startingCash } from '../../../rebalance/account-plan';
import { PlanError } from '../../../rebalance/plan';
import { rebalanceTrigger } from '../../../rebalance/trigger';
import type { BotStep } from '../../bot-step';
import { ROUNDS_KEPT, type RebalanceLeg, type RebalanceRoundState, type RebalanceState } from './rebalance-state';

/** A new run's state: the cash it starts with is fixed now, from the account and the capital cap. */
export async function initRebalanceBot(step: BotStep): Promise<RebalanceState> {
  const config = step.bot.config as RebalanceConfig;
  const venue = step.venue();
  const balances = await venue.balances();
  let coinValue = 0;
  for (const e of config.basket) {
    if (e.asset === config.quote) continue;
    const held = balances.get(e.asset)?.free ?? 0;
    if (held <= 0) continue;
    const quote = await venue.quote(`${e.asset}/${config.quote}`);
    coinValue += held * (quote?.last ?? 0);
  }
  const cashStart = clean(startingCash(balances.get(config.quote)?.free ?? 0, coinValue, step.bot.risk.capitalCap));
  return { kind: 'rebalance', cashStart, nextRound: 1, lastRoundAt: null, current: null, rounds: [] };
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

export const legRole = (n: number, side: 'buy' | 'sell', asset: string) => `n${n}:${side}:${asset}`;

/** The plan for the bot's basket on its account now (what the Index view previews). */
export function planFor(step: BotStep): Promise<RebalancePlan> {
  const config = step.bot.config as RebalanceConfig;
  const st = step.bot.kindState as RebalanceState | null;
  const cash = st?.kind === 'rebalance' ? runCashOf(step.trades(), config.quote, st.cashStart) : null;
  return planOnAccount({ venue: step.venue(), market: (symbol) => step.market(symbol) }, config, step.bot.risk.capitalCap, cash);
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
const lastCheck = new Map<string, number>();

export async function stepRebalanceBot(step: BotStep): Promise<void> {
  const st = step.state<RebalanceState>();
  if (step.bot.state !== 'running') return;
  if (!st.current) {
    const now = step.now();
    if (step.venue().kind === 'live' && now - (lastCheck.get(step.bot.id) ?? -Infinity) < LIVE_CHECK_MS) return;
    lastCheck.set(step.bot.id, now);
    await maybeStartRound(step, st);
  }
  if (st.current) await continueRound(step, st, st.current);
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
  if (!trigger.due) {
    if (trigger.text) step.event('warning', trigger.text);
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
    step.save();
    const failed = round.legs.filter((l) => l.dropped === null && step.order(l.role)?.status !== 'filled').map((l) => l.asset);
    step.event(
      failed.length > 0 ? 'warning' : 'info',
      `Round ${round.n} done${failed.length > 0 ? `; not filled in full: ${failed.join(', ')} (the next round corrects it)` : ''}.`,
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
        changed = true;
      }
    }
    // A refused leg is in the ledger as failed: the round goes on without it.
  }
  if (changed) step.save();
  return working;
}
