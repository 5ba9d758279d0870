import type { FakeBinance } from '../../../e2e/fake-exchange';

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WalkSpec {
  symbol: string;
  /** The walk is pulled back towards this price and kept inside [low, high]. */
  centre: number;
  low: number;
  high: number;
  /** Largest move per step, as a fraction of the price. */
  stepFraction: number;
  /** Decimals the exchange's price filter allows. */
  decimals: number;
}

/**
 * Moves the fake exchange's prices in a bounded, mean-reverting random walk on a timer, so
 * resting orders fill while the host runs (and while it is dead).
 */
export class PriceWalk {
  private timer: NodeJS.Timeout | undefined;
  private readonly prices = new Map<string, number>();

  constructor(
    private readonly fake: FakeBinance,
    private readonly specs: readonly WalkSpec[],
    private readonly random: () => number,
  ) {
    for (const spec of specs) this.prices.set(spec.symbol, spec.centre);
  }

  start(everyMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.step(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  step(): void {
    for (const spec of this.specs) {
      const price = this.prices.get(spec.symbol)!;
      const pull = ((spec.centre - price) / spec.centre) * 0.2;
      const move = (this.random() * 2 - 1) * spec.stepFraction + pull * spec.stepFraction * 5;
      const next = Math.min(spec.high, Math.max(spec.low, price * (1 + move)));
      this.prices.set(spec.symbol, next);
      this.fake.setPrice(spec.symbol, next.toFixed(spec.decimals));
    }
  }
}
