/**
 * What the compiler needs to run a Model block: a runtime per block, built by whoever knows the
 * trained models (core's model registry, or the data a backtest worker was handed). Declared here
 * so the compiler does not depend on the model code; `ml/model-feed.ts` implements it.
 */
import type { ResolvedParams } from '../../../shared/strategy/block-types';
import type { NodeRuntime } from './compiler/runtime-types';

export interface ModelBlockRef {
  nodeId: string;
  /** How the block is named in messages, e.g. `Model "trend" (m1)`. */
  label: string;
}

export interface ModelFeed {
  /**
   * The runtime of one Model block: its params (model id, pinned version), the number slots of
   * its connected feature inputs in order, and its output slot. Throws, naming the block, when
   * the model or version is unknown or does not fit the inputs.
   */
  runtime(block: ModelBlockRef, params: ResolvedParams, features: readonly number[], output: number): NodeRuntime;
}
