/**
 * Warm-up of the higher-timeframe steps, counted in that timeframe's bars: EMA(200) of the 4h
 * close needs 200 closed 4h bars (800 bars of 1h data) before it has a value. Measured by running
 * the steps' own kernels over a made-up walk of bars (so the count is exactly what the code does,
 * chains included), not read from a table that could drift from the kernels. Outputs that wait
 * for an event rather than for bars (bars since a condition) do not count.
 */
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { Timeframe } from '../../../../shared/domain/types';
import { UNKNOWN } from '../kernels/conditions';
import { FLAT } from '../kernels/position-tracker';
import type { CompiledStrategy } from './compile';
import type { Registers } from './runtime-types';

/** Longer than any period a block accepts, chains included. */
const MAX_BARS = 20_000;

export interface HigherTimeframeWarmup {
  timeframe: Timeframe;
  /** Closed bars of `timeframe` before every output read on the base bars has a value. */
  bars: number;
  /** The block that needs them, as a person would name it: `"Trend" (EMA, node "ema1")`. */
  slowest: string;
}

export function higherTimeframeWarmup(compiled: CompiledStrategy): HigherTimeframeWarmup[] {
  return compiled.timeframeDomains.map((domain) => {
    const regs: Registers = {
      num: new Float64Array(compiled.numberSlots),
      bool: new Uint8Array(compiled.booleanSlots),
      position: { ...FLAT },
    };
    const steps = domain.steps.map((s) => s.runtime.stepper(regs));
    const owned = domain.steps.filter((s) => s.timeframe === domain.timeframe);
    const firstDefined = new Map<string, number>();
    let price = 100;
    let state = 0x9e3779b9;
    for (let k = 0; k < MAX_BARS && firstDefined.size < owned.length; k++) {
      // A deterministic random walk: prices move both ways, so every indicator gets defined.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const move = ((state >>> 0) / 0x1_0000_0000 - 0.5) * 0.04;
      const open = price;
      price *= 1 + move;
      const bar = [open, Math.max(open, price) * 1.005, Math.min(open, price) * 0.995, price, 1 + Math.abs(move) * 100, k];
      // The candle slots (open, high, low, close, volume, time) and the sources' outputs.
      bar.forEach((v, f) => (regs.num[f] = v));
      for (const source of domain.sources) source.outputs.forEach((slot, f) => (regs.num[slot] = bar[f]!));
      for (const step of steps) step();
      for (const step of owned) {
        if (firstDefined.has(step.nodeId)) continue;
        const defined = step.outputs.every((ref) =>
          ref.type === 'number' ? !Number.isNaN(regs.num[ref.index]) : regs.bool[ref.index] !== UNKNOWN,
        );
        if (defined) firstDefined.set(step.nodeId, k + 1);
      }
    }
    let bars = 1;
    let slowest = domain.sources[0]!.nodeId;
    for (const [nodeId, count] of firstDefined) {
      if (count > bars) {
        bars = count;
        slowest = nodeId;
      }
    }
    return { timeframe: domain.timeframe, bars, slowest: nameOf(compiled, slowest) };
  });
}

function nameOf(compiled: CompiledStrategy, nodeId: string): string {
  const node = compiled.graph.nodes.find((n) => n.id === nodeId)!;
  const title = BLOCKS[node.type as keyof typeof BLOCKS].title;
  return `"${node.label ?? title}" (${title}, node "${nodeId}")`;
}

/** "33 days", "5 hours": how long `bars` bars of `lengthMs` span, for messages. */
export function describeSpan(bars: number, lengthMs: number): string {
  const hours = (bars * lengthMs) / 3_600_000;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  if (hours >= 1) return `${Math.round(hours)} hours`;
  return `${Math.round(hours * 60)} minutes`;
}
