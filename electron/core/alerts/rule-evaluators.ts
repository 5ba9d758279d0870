/**
 * What each alert rule kind looks at and when it says "now": pure, fed prices and bars by the
 * engine, no clocks of their own. Each evaluator fires on a *change* (a cross, a move, a spike, a
 * condition turning true), never again for the same state, so a price sitting on a level or a
 * condition staying true does not spam; the once/repeat/cool-down policy sits above (rule-policy.ts).
 */
import type { AlertDirection } from '../../../shared/ipc/schemas/alerts';
import type { Candle } from '../../../shared/domain/types';
import { StreamingEvaluator, type CompiledStrategy } from '../strategy';
import { formatNumber } from '../exchange/precision';

export interface AlertHit {
  /** The price (or volume) that triggered it. */
  value: number;
  /** What happened, in words, for the notification body and the history. */
  message: string;
}

export interface RuleEvaluator {
  /** A new last price at market time `at` (ms). */
  onPrice?(at: number, price: number): AlertHit | null;
  /** The bar in progress changed (`closed: false`) or a bar closed (`closed: true`). Bars arrive in time order. */
  onBar?(bar: Candle, closed: boolean): AlertHit | null;
  /** Closed bars to warm up with before live bars: this many. */
  readonly warmupBars?: number;
}

const price = (value: number) => formatNumber(Number(value.toPrecision(8)));

/** Up: the previous price was below and this one is at or above; down the mirror. Sitting on the level is no cross. */
export class PriceCrossEvaluator implements RuleEvaluator {
  private last: number | null = null;

  constructor(
    private readonly level: number,
    private readonly direction: AlertDirection,
  ) {}

  onPrice(_at: number, value: number): AlertHit | null {
    const before = this.last;
    this.last = value;
    if (before === null) return null;
    const up = before < this.level && value >= this.level;
    const down = before > this.level && value <= this.level;
    if ((up && this.direction !== 'down') || (down && this.direction !== 'up')) {
      return { value, message: `Price crossed ${price(this.level)} ${up ? 'upwards' : 'downwards'} (last ${price(value)}).` };
    }
    return null;
  }
}

/**
 * A move of `pct` % within `windowMs`: up from the window's lowest price, down from its highest.
 * Monotonic deques keep the low and high in O(1) per price. After a hit the window starts afresh
 * from the current price, so one move is one alert.
 */
export class PctMoveEvaluator implements RuleEvaluator {
  private lows: Array<{ at: number; price: number }> = [];
  private highs: Array<{ at: number; price: number }> = [];

  constructor(
    private readonly pct: number,
    private readonly windowMs: number,
    private readonly direction: AlertDirection,
  ) {}

  onPrice(at: number, value: number): AlertHit | null {
    const from = at - this.windowMs;
    while (this.lows.length > 0 && this.lows[0]!.at < from) this.lows.shift();
    while (this.highs.length > 0 && this.highs[0]!.at < from) this.highs.shift();
    while (this.lows.length > 0 && this.lows[this.lows.length - 1]!.price >= value) this.lows.pop();
    while (this.highs.length > 0 && this.highs[this.highs.length - 1]!.price <= value) this.highs.pop();
    const low = this.lows[0]?.price ?? value;
    const high = this.highs[0]?.price ?? value;
    this.lows.push({ at, price: value });
    this.highs.push({ at, price: value });
    const rise = low > 0 ? ((value - low) / low) * 100 : 0;
    const fall = high > 0 ? ((high - value) / high) * 100 : 0;
    const minutes = formatNumber(this.windowMs / 60_000);
    let hit: AlertHit | null = null;
    if (this.direction !== 'down' && rise >= this.pct) {
      hit = { value, message: `Up ${rise.toFixed(2)} % within ${minutes} min: from ${price(low)} to ${price(value)}.` };
    } else if (this.direction !== 'up' && fall >= this.pct) {
      hit = { value, message: `Down ${fall.toFixed(2)} % within ${minutes} min: from ${price(high)} to ${price(value)}.` };
    }
    if (hit) {
      this.lows = [{ at, price: value }];
      this.highs = [{ at, price: value }];
    }
    return hit;
  }
}

/** The bar in progress reaching `factor` × the average volume of the `bars` closed bars before it; once per bar. */
export class VolumeSpikeEvaluator implements RuleEvaluator {
  private readonly closed: number[] = [];
  private firedBar: number | null = null;

  constructor(
    private readonly factor: number,
    private readonly bars: number,
  ) {}

  get warmupBars(): number {
    return this.bars;
  }

  onBar(bar: Candle, closed: boolean): AlertHit | null {
    const [time, , , , , volume] = bar;
    let hit: AlertHit | null = null;
    if (this.closed.length >= this.bars && this.firedBar !== time) {
      const average = this.closed.reduce((sum, v) => sum + v, 0) / this.closed.length;
      if (average > 0 && volume >= this.factor * average) {
        this.firedBar = time;
        const times = formatNumber(Number((volume / average).toFixed(2)));
        hit = { value: volume, message: `Volume ${formatNumber(volume)} is ${times}× the average of the last ${this.bars} bars.` };
      }
    }
    if (closed) {
      this.closed.push(volume);
      if (this.closed.length > this.bars) this.closed.shift();
    }
    return hit;
  }
}

/**
 * A strategy's entry (or exit) signal at a closed bar, through the strategy compiler's streaming
 * evaluator: the same blocks, the same answer as a backtest. Fires when the signal turns on, not
 * on every bar it stays on. An alert holds no position, so "entry" means a long or a short entry
 * (a short-only strategy alerts on its "Enter short"), "exit" either side's exit; the message
 * says which.
 */
export class ConditionEvaluator implements RuleEvaluator {
  private readonly evaluator: StreamingEvaluator;
  private wasOn = false;
  /** The strategy has short rules: messages name the side. */
  private readonly hasShorts: boolean;

  constructor(
    compiled: CompiledStrategy,
    private readonly signal: 'enter' | 'exit',
    private readonly label: string,
    readonly warmupBars = 300,
  ) {
    this.evaluator = new StreamingEvaluator(compiled);
    this.hasShorts = compiled.shortEntries.length + compiled.shortExits.length > 0;
  }

  onBar(bar: Candle, closed: boolean): AlertHit | null {
    if (!closed) return null;
    const [time, open, high, low, close, volume] = bar;
    const result = this.evaluator.push({ time, open, high, low, close, volume });
    const long = this.signal === 'enter' ? result.enter >= 0 : result.exit;
    const short = this.signal === 'enter' ? result.enterShort >= 0 : result.exitShort;
    const on = long || short;
    const turnedOn = on && !this.wasOn;
    this.wasOn = on;
    if (!turnedOn) return null;
    const what = this.signal === 'enter' ? 'entry' : 'exit';
    // Plain "entry"/"exit" for a long-only strategy (as before); the side when it is a short or both.
    const side = short && !long ? 'short ' : short && long ? 'long and short ' : this.hasShorts ? 'long ' : '';
    return {
      value: close,
      message: `${this.label}: ${side}${what} condition true at close ${price(close)}.`,
    };
  }
}
