/**
 * Which bars each step runs on. A step whose inputs all come from one higher-timeframe source
 * (directly or through other such steps, typed constants aside) runs on that timeframe's closed
 * bars: "EMA(200) of the 4h close" is an EMA over 200 four-hour closes, not over 200 base bars
 * that repeat the last 4h close. Its outputs are then aligned onto the base bars (the value of
 * the last higher-timeframe bar closed by each base bar's close), where everything that mixes
 * them with base series (close(1h) > EMA(200, 4h)) runs. Both evaluators follow this plan.
 */
import type { Timeframe } from '../../../../shared/domain/types';
import type { CompiledStep, HigherTimeframeSource } from './compile';
import type { FeedBlockType } from './runtimes';

const FEED_BLOCKS: ReadonlySet<string> = new Set<FeedBlockType>(['signalReceived', 'model']);

export interface TimeframeDomain {
  timeframe: Timeframe;
  /** The higher-timeframe candle blocks of this timeframe: their outputs are the closed bars' fields. */
  sources: HigherTimeframeSource[];
  /** Steps run on this timeframe's closed bars, in dependency order (the constants they read included). */
  steps: CompiledStep[];
  /** Slots computed on this timeframe (sources' outputs included): aligned onto the base bars. */
  numberSlots: number[];
  booleanSlots: number[];
}

/**
 * Sets `timeframe` on the steps that run on a higher timeframe and returns one domain per
 * timeframe. `ruleSlots` (`type:index`): what the action blocks read besides the steps. A
 * constant read only on higher timeframes gets `higherOnly` (no base-length column to fill).
 */
export function assignTimeframes(
  steps: readonly CompiledStep[],
  sources: readonly HigherTimeframeSource[],
  ruleSlots: ReadonlySet<string>,
): TimeframeDomain[] {
  if (sources.length === 0) return [];
  const sourceTimeframe = new Map(sources.map((s) => [s.nodeId, s.timeframe]));
  // Where each slot's values live: a timeframe, the base bars, or anywhere (constants).
  const slotDomain = new Map<string, Timeframe | 'base' | 'any'>();
  const neutral = new Set<CompiledStep>();
  for (const step of steps) {
    let domain: Timeframe | 'base' | 'any';
    if (step.type === 'higherTimeframe') domain = sourceTimeframe.get(step.nodeId)!;
    else if (step.type === 'constant') domain = 'any';
    // No inputs: the block reads the base candles (ATR, patterns, time filters) or a feed. A feed
    // block with inputs (the Model block) also reads the base bars (its labels, one value per base
    // bar), so it runs there on its aligned inputs.
    else if (step.positional || step.inputs.length === 0 || FEED_BLOCKS.has(step.type)) domain = 'base';
    else {
      const found = new Set(step.inputs.map((ref) => slotDomain.get(`${ref.type}:${ref.index}`) ?? 'base'));
      found.delete('any');
      domain = found.size === 0 ? 'any' : found.size === 1 ? [...found][0]! : 'base';
    }
    if (domain === 'any') neutral.add(step);
    else if (domain !== 'base') step.timeframe = domain;
    for (const ref of step.outputs) slotDomain.set(`${ref.type}:${ref.index}`, domain);
  }
  // Neutral steps nobody reads on the base bars need no column there.
  const readOnBase = new Set(ruleSlots);
  for (const step of steps) if (!step.timeframe) for (const ref of step.inputs) readOnBase.add(`${ref.type}:${ref.index}`);
  for (const step of neutral) if (!step.outputs.some((ref) => readOnBase.has(`${ref.type}:${ref.index}`))) step.higherOnly = true;
  const domains = new Map<Timeframe, TimeframeDomain>();
  for (const source of sources) {
    let domain = domains.get(source.timeframe);
    if (!domain) {
      domain = { timeframe: source.timeframe, sources: [], steps: [], numberSlots: [], booleanSlots: [] };
      domains.set(source.timeframe, domain);
    }
    domain.sources.push(source);
  }
  for (const domain of domains.values()) {
    for (const step of steps) {
      const own = step.timeframe === domain.timeframe;
      // A constant is computed on every timeframe that may read it (its own bar count there).
      if (neutral.has(step) || (own && step.type !== 'higherTimeframe')) domain.steps.push(step);
      if (!own) continue;
      for (const ref of step.outputs) (ref.type === 'number' ? domain.numberSlots : domain.booleanSlots).push(ref.index);
    }
  }
  return [...domains.values()];
}
