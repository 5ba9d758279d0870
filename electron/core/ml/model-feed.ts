/**
 * Model blocks over the walk-forward kernel: a block runs the pinned version's definition,
 * retraining every K bars on the bars before (with the purge gap) exactly as the trainer did.
 * Batch (backtests) and streaming (live) share the kernel, so they agree bar for bar.
 */
import type { ModelVersion } from '../../../shared/ml/model-record';
import type { ResolvedParams } from '../../../shared/strategy/block-types';
import { CANDLE_SLOTS, type NodeRuntime } from '../strategy/compiler/runtime-types';
import type { ModelBlockRef, ModelFeed } from '../strategy/model-feed';
import { ModelInputError } from './errors';
import { WalkForwardKernel } from './walk-forward/kernel';

const CLOSE = CANDLE_SLOTS.close;

/** The versions a graph pins, as a backtest worker is handed them (plain data). */
export type ModelFeedData = readonly ModelVersion[];

/** A feed over known versions (`find` returns undefined for an unknown id or version). */
export function modelFeed(find: (id: string, version: number) => ModelVersion | undefined): ModelFeed {
  return {
    runtime(block, params, features, output) {
      const version = resolveVersion(block, params, features, find);
      return walkForwardRuntime(version, features, output);
    },
  };
}

export function modelFeedFromData(data: ModelFeedData): ModelFeed {
  return modelFeed((id, version) => data.find((v) => v.id === id && v.version === version));
}

function resolveVersion(
  block: ModelBlockRef,
  params: ResolvedParams,
  features: readonly number[],
  find: (id: string, version: number) => ModelVersion | undefined,
): ModelVersion {
  const id = params.model as string;
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
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < width; j++) row[j] = columns[j]![i]!;
        out[i] = kernel.next(row, close[i]!);
      }
    },
    stepper(r) {
      const kernel = new WalkForwardKernel(version.spec, width);
      const row = new Float64Array(width);
      return () => {
        for (let j = 0; j < width; j++) row[j] = r.num[features[j]!]!;
        r.num[output] = kernel.next(row, r.num[CLOSE]!);
      };
    },
  };
}
