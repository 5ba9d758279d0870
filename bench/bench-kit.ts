/** What every bench/*.bench.ts returns, and the timing helper they share. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target: string;
}

/** Median wall time of `runs` calls (after the caller's own warm-up). */
export async function medianMs(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A figure measured against an in-process baseline, rounded for printing. */
export function versusBaseline(name: string, valueMs: number, baselineMs: number, target: string): BenchFigure {
  return {
    name,
    value: Number(valueMs.toFixed(3)),
    unit: 'ms',
    baseline: Number(baselineMs.toFixed(3)),
    ratio: Number((valueMs / baselineMs).toFixed(2)),
    target,
  };
}
