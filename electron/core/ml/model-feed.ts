/**
 * Model blocks over the walk-forward kernel: a block runs the pinned version's definition,
 * retraining every K bars on the bars before (with the purge gap) exactly as the trainer did.
 * Batch (backtests) and streaming (live) share the kernel, so they agree bar for bar.
 */
import type { ModelVersion } from '../../../shared/ml/model-record';
import { ONNX_MODEL_ID_PATTERN } from '../../../shared/strategy/blocks/model-blocks';
import type { ResolvedParams } from '../../../shared/strategy/block-types';
import { CANDLE_SLOTS, type NodeRuntime } from '../strategy/compiler/runtime-types';
import type { ModelBlockRef, ModelFeed } from '../strategy/model-feed';
import { ModelInputError } from './errors';
import { WalkForwardKernel } from './walk-forward/kernel';

const CLOSE = CANDLE_SLOTS.close;

/** The versions a graph pins, as a backtest worker is handed them (plain data). */
export type ModelFeedData = readonly ModelVersion[];

/**
 * The runtime of a Model block naming an imported ONNX model (`onnx_…`): core runs the model
 * (onnx/onnx-feed.ts), a backtest worker reads the column core computed before handing it the run.
 */
export type OnnxRuntimeSource = (block: ModelBlockRef, modelId: string, features: readonly number[], output: number) => NodeRuntime;

/**
 * A feed over known versions (`find` returns undefined for an unknown id or version) and, when
 * given, imported ONNX models.
 */
export function modelFeed(find: (id: string, version: number) => ModelVersion | undefined, onnx?: OnnxRuntimeSource): ModelFeed {
  return {
    runtime(block, params, features, output) {
      const id = String(params.model);
      if (ONNX_MODEL_ID_PATTERN.test(id)) {
        if (!onnx)
          throw new ModelInputError(
            `${block.label}: the imported ONNX model ${id} is not available here; backtest the strategy from the app, which runs the model in core.`,
          );
        return onnx(block, id, features, output);
      }
      const version = resolveVersion(block, params, features, find);
      return walkForwardRuntime(version, features, output);
    },
  };
}

/** Each ONNX Model block's prediction column by node id, computed in core over the run's candles. */
export type OnnxColumns = Readonly<Record<string, Float64Array>>;

/** The feed of a backtest worker: the pinned versions, and the ONNX columns core computed (the worker cannot load onnxruntime). */
export function modelFeedFromData(data: ModelFeedData, onnx?: OnnxColumns): ModelFeed {
  return modelFeed((id, version) => data.find((v) => v.id === id && v.version === version), onnx && precomputedOnnx(onnx));
}

/** Serves the columns core computed: a batch copies the bars asked for, a stepper replays them bar by bar. */
function precomputedOnnx(columns: OnnxColumns): OnnxRuntimeSource {
  return (block, modelId, _features, output) => {
    const column = columns[block.nodeId];
    if (!column)
      throw new ModelInputError(
        `${block.label}: no predictions of the ONNX model ${modelId} were computed for this run; run the backtest again.`,
      );
    const tooShort = (n: number) =>
      new ModelInputError(`${block.label}: the ONNX predictions cover ${column.length} bars and the run has ${n}; run the backtest again.`);
    return {
      batch(cols, n) {
        if (n > column.length) throw tooShort(n);
        cols.num[output]!.set(column.subarray(0, n));
      },
      stepper(regs) {
        let bar = 0;
        return () => {
          if (bar >= column.length) throw tooShort(bar + 1);
          regs.num[output] = column[bar++]!;
        };
      },
    };
  };
}

function resolveVersion(
  block: ModelBlockRef,
  params: ResolvedParams,
  features: readonly number[],
  find: (id: string, version: number) => ModelVersion | undefined,
): ModelVersion {
  const id = String(params.model);
  const number = params.version as number;
  const version = find(id, number);
  if (!version) {
    throw new ModelInputError(
      `${block.label}: there is no version ${number} of model ${id} (deleted?). Pick a trained version in the block.`,
    );
  }
  if (version.kind === 'onnx') {
    throw new ModelInputError(
      `${block.label}: "${version.name}" is an ONNX model; it runs through the ONNX import, not the walk-forward trainer.`,
    );
  }
  if (version.features.length !== features.length) {
    throw new ModelInputError(
      `${block.label}: "${version.name}" v${number} was trained on ${version.features.length} features (${version.features.map((f) => f.name).join(', ')}), and ${features.length} are connected. Connect them in that order.`,
    );
  }
  return version;
}

function walkForwardRuntime(version: ModelVersion, features: readonly number[], output: number): NodeRuntime {
  const width = features.length;
  return {
    batch(c, n) {
      const kernel = new WalkForwardKernel(version.spec, width);
      const columns = features.map((slot) => c.num[slot]!);
      const close = c.num[CLOSE]!;
      const out = c.num[output]!;
      const row = new Float64Array(width);
      try {
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < width; j++) row[j] = columns[j]![i]!;
          out[i] = kernel.next(row, close[i]!);
        }
      } finally {
        kernel.dispose();
      }
    },
    stepper(r) {
      // Lives as long as the stepper; each retrain frees the model it replaces, and the last one
      // is freed when the stepper is collected (xgboost-wasm.ts tracks every booster).
      const kernel = new WalkForwardKernel(version.spec, width);
      const row = new Float64Array(width);
      return () => {
        for (let j = 0; j < width; j++) row[j] = r.num[features[j]!]!;
        r.num[output] = kernel.next(row, r.num[CLOSE]!);
      };
    },
  };
}
