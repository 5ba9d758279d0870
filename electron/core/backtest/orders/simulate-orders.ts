/**
 * The order simulator: used instead of `simulate` when a strategy has short entries, partial
 * take-profits, a break-even stop, limit entries or adds (`CompiledStrategy.advancedOrders`);
 * graphs without them keep the plain long-only loop. On such graphs both give the same trades
 * and equity (simulate-orders.property.test.ts), so every rule below extends the plain one.
 *
 * Bar by bar, one position at a time (long or short; everything mirrored for a short):
 *  1. Open: the order decided at the previous close fills at the open ± slippage — an exit
 *     signal closes the whole position, else an entry opens one, else an add grows it.
 *  2. A resting limit entry (placed at its signal bar's close, at a wired price or the close ±
 *     an offset): fills at the open if the bar opens at or past the limit (a buy: open ≤ limit),
 *     else at the limit if the bar trades through it (a buy: low < limit; touching does not
 *     count, the queue ahead is unknown). No slippage: a limit never fills worse. Cancelled at
 *     the close of the N-th bar after the signal bar.
 *  3. Protective orders: the stop in force (the tightest of % stop, wired stop, trailing stop
 *     and break-even stop) first — at the open if the bar opens past it, else at the stop when
 *     the bar reaches it, minus slippage; then the targets from the nearest: each fills at the
 *     open if the bar opens past it, else at its level when the bar reaches it; a partial one
 *     closes its share, the full one (% or wired take-profit) what is left. A position filled
 *     inside this bar by a limit order checks only its stop in this bar (the bar's extreme in
 *     its favour may have come before the fill). The break-even stop arms once its number of
 *     partial targets has filled and applies from the next bar.
 *  4. Close: a short pays its borrowing/funding rate on its value at the close; equity is
 *     marked; the position goes to the position-aware blocks; followed levels are re-read; an
 *     expired limit is cancelled; the signals are read for the next open (in position: its
 *     side's exit, else its add; flat with no resting limit: the first entry rule, long ones
 *     before short ones).
 */
import type { BacktestSettings, ExitReason } from '../../../../shared/strategy/backtest-schema';
import type { CandleColumns } from '../../strategy/candle-columns';
import type { PositionPass } from '../../strategy/compiler/position-pass';
import { EquityCurve } from '../equity-curve';
import type { SimulationResult } from '../simulate';
import { OrderBook } from './order-book';
import type { OrderPlans, RulePlan } from './order-plans';

export interface OrderSimulationInput {
  candles: CandleColumns;
  plans: OrderPlans;
  settings: BacktestSettings;
  from: number;
  to: number;
  onBars?: (done: number, total: number) => void;
  keepCurves?: boolean;
  positions?: PositionPass | null;
}

export interface OrderSimulationResult extends SimulationResult {
  /** Limit entries cancelled unfilled after their expiry. */
  expiredLimits: number;
  /** Borrowing/funding paid by shorts (in the trades' pnl, not in `feesPaid`). */
  borrowPaid: number;
}

const PROGRESS_EVERY = 65_536;
const TRUE = 1;
/** Shares this close to 100 % count as all of it (float sums of 33.33 + 66.67). */
const WHOLE_SHARE = 100 - 1e-9;

interface Target {
  level: number;
  /** Partial target index, or −1 for the full take-profit. */
  partial: number;
}

export function simulateOrders(input: OrderSimulationInput): OrderSimulationResult {
  const { candles, plans, settings, from, to, onBars } = input;
  const { time, open, high, low, close } = candles;
  const book = new OrderBook(settings);
  const curve = new EquityCurve(Math.max(0, to - from), settings.startingCash, input.keepCurves ?? true);
  const buySlip = 1 + settings.slippageBps / 10_000;
  const sellSlip = 1 - settings.slippageBps / 10_000;
  const feeRate = settings.feeRate;
  const positions = input.positions ?? null;
  let pendingExit = false;
  let pendingEntry = -1;
  let pendingAdd = false;
  let resting = -1;
  let restingPrice = NaN;
  let restingSignalBar = -1;
  let expiredLimits = 0;
  let exposedBars = 0;
  // Protective orders of the open position (prices; ±Infinity: none).
  // Assigned in `arm` (a closure): typed by assertion so the compiler does not narrow them to the initial value.
  let plan = null as RulePlan | null;
  let side = 1 as 1 | -1;
  let stopPrice = -Infinity;
  let targetPrice = Infinity;
  let trailFraction = 0;
  let best = 0;
  let levelStop = NaN;
  let levelTarget = NaN;
  let partialLevels: number[] = [];
  let partialDone: boolean[] = [];
  let partialsFilled = 0;
  let sharesFilled = 0;
  let breakEvenStop = NaN;

  /** % stop and % target from the (average) entry price. */
  const pricePercentLevels = () => {
    const p = book.position!;
    const rule = p.rule;
    stopPrice = rule.stopLossPct === null ? -side * Infinity : p.avgPrice * (1 - (side * rule.stopLossPct) / 100);
    targetPrice = rule.takeProfitPct === null ? side * Infinity : p.avgPrice * (1 + (side * rule.takeProfitPct) / 100);
  };
  /** A new position of `plan` whose signal came at the close of `signalBar`. */
  const arm = (opened: RulePlan, signalBar: number) => {
    plan = opened;
    side = opened.side;
    const p = book.position!;
    pricePercentLevels();
    trailFraction = p.rule.trailingStopPct === null ? 0 : p.rule.trailingStopPct / 100;
    best = p.avgPrice;
    levelStop = opened.stop ? opened.stop[signalBar]! : NaN;
    levelTarget = opened.target ? opened.target[signalBar]! : NaN;
    partialLevels = opened.partials.map((t) => (t.level ? t.level[signalBar]! : NaN));
    partialDone = opened.partials.map(() => false);
    partialsFilled = 0;
    sharesFilled = 0;
    breakEvenStop = NaN;
  };

  if (positions !== null) for (let i = positions.bars; i < from; i++) positions.advance(i, false, NaN, NaN);

  for (let i = from; i < to; i++) {
    if (onBars !== undefined && ((i - from) & (PROGRESS_EVERY - 1)) === 0) onBars(i - from, to - from);
    const o = open[i]!;
    const t = time[i]!;
    // 1. The order decided at the previous close.
    if (pendingExit) {
      book.reduce(i, t, o * (side === 1 ? sellSlip : buySlip), Infinity, 'signal');
      pendingExit = false;
    } else if (pendingEntry >= 0) {
      const entering = plans.rules[pendingEntry]!;
      if (book.open(i, t, o * (entering.side === 1 ? buySlip : sellSlip), entering.rule)) arm(entering, i - 1);
      pendingEntry = -1;
    } else if (pendingAdd) {
      const add = plan!.add!;
      if (book.add(o * (side === 1 ? buySlip : sellSlip), add.sizing, add.size)) pricePercentLevels();
      pendingAdd = false;
    }
    // 2. A resting limit entry.
    let filledInside = false;
    let fillPrice = o;
    if (resting >= 0) {
      const limitPlan = plans.rules[resting]!;
      const s = limitPlan.side;
      const through = s === 1 ? low[i]! < restingPrice : high[i]! > restingPrice;
      if (s * o <= s * restingPrice || through) {
        filledInside = !(s * o <= s * restingPrice);
        fillPrice = filledInside ? restingPrice : o;
        if (book.open(i, t, fillPrice, limitPlan.rule)) arm(limitPlan, restingSignalBar);
        else filledInside = false;
        resting = -1;
      }
    }
    const p = book.position;
    if (p !== null) {
      exposedBars++;
      // 3. Protective orders: the stop first, then the targets from the nearest.
      const h = high[i]!;
      const l = low[i]!;
      let stop = stopPrice;
      let stopReason: ExitReason = 'stopLoss';
      if (side * levelStop > side * stop) stop = levelStop;
      const fullTarget = side * levelTarget < side * targetPrice ? levelTarget : targetPrice;
      if (trailFraction > 0) {
        const trail = best * (1 - side * trailFraction);
        if (side * trail > side * stop) {
          stop = trail;
          stopReason = 'trailingStop';
        }
      }
      if (side * breakEvenStop > side * stop) {
        stop = breakEvenStop;
        stopReason = 'breakEven';
      }
      const barOpen = filledInside ? fillPrice : o;
      const adverse = side === 1 ? l : h;
      const favourable = side === 1 ? h : l;
      const exitSlip = side === 1 ? sellSlip : buySlip;
      let closed = false;
      if (side * barOpen <= side * stop) closed = book.reduce(i, t, barOpen * exitSlip, Infinity, stopReason);
      else if (side * adverse <= side * stop) closed = book.reduce(i, t, stop * exitSlip, Infinity, stopReason);
      else if (!filledInside) closed = fillTargets(i, t, o, favourable, fullTarget);
      if (!closed) {
        const held = book.position!;
        if (plan!.breakEven !== null && breakEvenStop !== breakEvenStop && partialsFilled >= plan!.breakEven.afterTargets) {
          const cover = plan!.breakEven.withFees ? (side === 1 ? (1 + feeRate) / (1 - feeRate) : (1 - feeRate) / (1 + feeRate)) : 1;
          breakEvenStop = held.avgPrice * cover;
        }
        if (side * favourable > side * best) best = favourable;
      }
    }
    // 4. The close.
    const c = close[i]!;
    let held = book.position;
    if (held !== null && held.side === -1 && plan!.borrowPctPerBar > 0) book.chargeCarry(c, plan!.borrowPctPerBar);
    curve.record(i - from, book.equityAt(c));
    held = book.position;
    if (positions !== null) {
      if (held === null) positions.advance(i, false, NaN, NaN);
      else positions.advance(i, true, held.avgPrice, held.entryTime, held.side === -1);
    }
    if (held !== null) {
      const followed = plan!;
      if (followed.followStop) levelStop = followed.stop![i]!;
      if (followed.followTarget) levelTarget = followed.target![i]!;
      for (let k = 0; k < followed.partials.length; k++) {
        const partial = followed.partials[k]!;
        if (partial.follow) partialLevels[k] = partial.level![i]!;
      }
    }
    if (resting >= 0 && i >= restingSignalBar + plans.rules[resting]!.expiryBars) {
      resting = -1;
      expiredLimits++;
    }
    if (i + 1 === to) break;
    if (held !== null) {
      const exits = held.side === 1 ? plans.exitLong : plans.exitShort;
      for (let r = 0; r < exits.length; r++) {
        if (exits[r]![i] === TRUE) {
          pendingExit = true;
          break;
        }
      }
      const add = plan!.add;
      if (!pendingExit && add !== null && held.adds < add.maxAdds && plan!.addWhen![i] === TRUE) pendingAdd = true;
    } else if (resting < 0) {
      for (let r = 0; r < plans.rules.length; r++) {
        const candidate = plans.rules[r]!;
        if (candidate.when[i] !== TRUE) continue;
        if (candidate.expiryBars > 0) {
          const limit = candidate.limitPrice ? candidate.limitPrice[i]! : c * (1 + candidate.limitOffsetPct / 100);
          // An empty wired price places no order.
          if (limit > 0 && limit < Infinity) {
            resting = r;
            restingPrice = limit;
            restingSignalBar = i;
          }
        } else {
          pendingEntry = r;
        }
        break;
      }
    }
  }

  /** The targets reached in this bar, nearest first; true when the position is closed. */
  function fillTargets(i: number, t: number, o: number, favourable: number, fullTarget: number): boolean {
    const p = book.position!;
    const active: Target[] = [];
    plan!.partials.forEach((partial, k) => {
      if (partialDone[k]) return;
      const level = partial.level === null ? p.avgPrice * (1 + (side * partial.pct) / 100) : partialLevels[k]!;
      if (level === level) active.push({ level, partial: k });
    });
    if (Math.abs(fullTarget) < Infinity) active.push({ level: fullTarget, partial: -1 });
    if (active.length === 0) return false;
    active.sort((a, b) => side * a.level - side * b.level);
    for (const target of active) {
      let price: number;
      if (side * o >= side * target.level) price = o;
      else if (side * favourable >= side * target.level) price = target.level;
      else return false;
      if (target.partial < 0) return book.reduce(i, t, price, Infinity, 'takeProfit');
      const partial = plan!.partials[target.partial]!;
      partialDone[target.partial] = true;
      partialsFilled++;
      sharesFilled += partial.sharePct;
      const position = book.position!;
      const steps = sharesFilled >= WHOLE_SHARE ? Infinity : Math.floor((position.enteredSteps * partial.sharePct) / 100 + 1e-9);
      // A share that rounds down to no whole step sells nothing; the target is spent.
      if (steps > 0 && book.reduce(i, t, price, steps, 'partialTakeProfit')) return true;
    }
    return false;
  }

  return {
    trades: book.trades,
    openPosition: to > from ? book.openPosition(close[to - 1]!) : null,
    equity: curve,
    exposedBars,
    feesPaid: book.feesPaid,
    skippedEntries: book.skippedEntries,
    expiredLimits,
    borrowPaid: book.borrowPaid,
  };
}
