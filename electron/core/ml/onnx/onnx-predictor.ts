/**
 * Runs an imported model over mapped feature values: batched over a whole column set for
 * backtests, one row per bar live. Synchronous, like every block runtime of the strategy compiler
 * (onnx-runtime.ts `createSyncSession`). Both paths build the same tensors from the same values and read
 * the same output column, so a bar's prediction does not depend on the path (checked on the
 * fixtures; a model whose kernels round differently by batch size could differ in float32's last bit).
 *
 * A row with a missing feature (NaN while an indicator warms up, or not finite) is not fed to the
 * model: its prediction is NaN, like any other block's output during warm-up.
 */
import { TradewindError } from '../../../../shared/ipc/errors';
import type { MappingPlan } from './input-mapping';
import type { Ort, SyncSession, TensorLike } from './onnx-runtime';

/** Rows per run of a batch: bounds the tensors' memory on long backtests (8,192 × 512 features × 8 bytes = 32 MB at most). */
const BATCH_ROWS = 8_192;

type OrtTensor = InstanceType<Ort['Tensor']>;

export class OnnxPredictor {
  /** Every mapped feature in the order values are given: input by input, column by column. */
  readonly features: readonly string[];

  constructor(
    private readonly ort: Ort,
    private readonly session: SyncSession,
    private readonly plan: MappingPlan,
    readonly modelName: string,
  ) {
    this.features = plan.features;
  }

  /**
   * Predictions for `length` bars. `columns[f][bar]` is feature f (in `features` order) at that bar.
   * Bars with a missing feature get NaN.
   */
  predictBatch(columns: ReadonlyArray<ArrayLike<number>>, length: number): Float64Array {
    if (columns.length !== this.features.length)
      throw new TradewindError(
        'invalid_input',
        `Model "${this.modelName}" takes ${this.features.length} features; ${columns.length} were given.`,
      );
    const out = new Float64Array(length).fill(Number.NaN);
    const complete: number[] = [];
    for (let bar = 0; bar < length; bar++) {
      let ok = true;
      for (const column of columns) if (!Number.isFinite(column[bar] as number)) ok = false;
      if (ok) complete.push(bar);
    }
    const perRun = this.plan.oneRowPerRun ? 1 : BATCH_ROWS;
    for (let start = 0; start < complete.length; start += perRun) {
      const bars = complete.slice(start, start + perRun);
      const values = this.run(bars.length, (feature, row) => columns[feature]![bars[row]!]!);
      bars.forEach((bar, row) => (out[bar] = values[row]!));
    }
    return out;
  }

  /** The prediction for one bar (live): `values` in `features` order; NaN when one is missing. */
  predictBar(values: ArrayLike<number>): number {
    if (values.length !== this.features.length)
      throw new TradewindError(
        'invalid_input',
        `Model "${this.modelName}" takes ${this.features.length} features; ${values.length} were given.`,
      );
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return Number.NaN;
    return this.run(1, (feature) => values[feature]!)[0]!;
  }

  /** Builds the input tensors for `rows` rows (value(f, row) reads feature f), runs the model and reads the mapped column. */
  private run(rows: number, value: (feature: number, row: number) => number): Float64Array {
    const feeds: Record<string, OrtTensor> = {};
    let first = 0;
    for (const input of this.plan.inputs) {
      const width = input.features.length;
      const data = input.type === 'float32' ? new Float32Array(rows * width) : new Float64Array(rows * width);
      for (let row = 0; row < rows; row++) for (let c = 0; c < width; c++) data[row * width + c] = value(first + c, row);
      feeds[input.name] = new this.ort.Tensor(input.type, data, input.rank1 ? [rows] : [rows, width]);
      first += width;
    }
    let result: TensorLike;
    try {
      result = this.session.run(feeds, this.plan.output.name);
    } catch (error) {
      throw new TradewindError(
        'invalid_input',
        `Model "${this.modelName}" failed to run: ${error instanceof Error ? error.message : String(error)}. Check the mapping against how the model was exported.`,
      );
    }
    return this.readColumn(result, rows);
  }

  private readColumn(tensor: TensorLike, rows: number): Float64Array {
    const { name, column } = this.plan.output;
    const dims = tensor.dims;
    const columns = dims.length === 2 ? dims[1]! : 1;
    if (dims.length > 2 || (dims.length >= 1 && dims[0] !== rows) || column >= columns) {
      throw new TradewindError(
        'invalid_input',
        `Model "${this.modelName}": output '${name}' came back as [${dims.join(',')}] for ${rows} row${rows === 1 ? '' : 's'}; column ${column} of one row per bar was expected. Map another output or column.`,
      );
    }
    const data = tensor.data as ArrayLike<number | bigint | boolean>;
    const out = new Float64Array(rows);
    for (let row = 0; row < rows; row++) out[row] = Number(data[row * columns + column]);
    return out;
  }
}
