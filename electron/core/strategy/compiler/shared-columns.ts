/**
 * Indicator columns shared by the runs of a sweep. A 1,000-point grid over two indicators has a
 * few dozen distinct indicator columns (say 30 fast × 30 slow periods: 60), not 2,000: each is
 * computed once, on first use, and read by every later run over the same bars. Only indicator,
 * candle-pattern and time-filter blocks are kept (functions of the bars and their own parameters;
 * a time filter asks Intl for its zone's clock): conditions differ per run (they mix the swept
 * levels) and would only fill memory.
 * Columns are plain typed arrays that nobody writes after they are stored; the evaluator never
 * hands them to the scratch pool.
 */
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { CompiledStep } from './compile';

/** Beyond this, new columns are computed per run and not kept (a bounded cache, never an OOM). */
const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export class SharedColumns {
  private readonly columns = new Map<string, Float64Array | Uint8Array>();
  private bytes = 0;
  /** Columns computed (misses) and reused (hits), for tests and the bench. */
  computed = 0;
  reused = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** Whether a step's outputs are worth keeping. */
  static shares(step: CompiledStep): boolean {
    // A column computed from the position belongs to one run's fills.
    if (step.positional) return false;
    const category = BLOCKS[step.type].category;
    return category === 'indicator' || category === 'pattern' || category === 'time';
  }

  /** The step's output columns over bars [0, n), in port order, if all are held. */
  get(step: CompiledStep, n: number): (Float64Array | Uint8Array)[] | null {
    const out: (Float64Array | Uint8Array)[] = [];
    for (let k = 0; k < step.outputs.length; k++) {
      const column = this.columns.get(columnKey(step, k, n));
      if (!column) return null;
      out.push(column);
    }
    this.reused += out.length;
    return out;
  }

  /** Keeps freshly computed columns (the caller must not write them again); false when over budget. */
  put(step: CompiledStep, n: number, columns: readonly (Float64Array | Uint8Array)[]): boolean {
    this.computed += columns.length;
    const size = columns.reduce((sum, c) => sum + c.byteLength, 0);
    if (this.bytes + size > this.maxBytes) return false;
    columns.forEach((column, k) => this.columns.set(columnKey(step, k, n), column));
    this.bytes += size;
    return true;
  }

  get size(): number {
    return this.columns.size;
  }
}

function columnKey(step: CompiledStep, port: number, n: number): string {
  return `${n}|${step.key}#${port}`;
}
