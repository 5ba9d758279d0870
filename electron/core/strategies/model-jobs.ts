/**
 * Model training as a job on the worker pool, and the registry over the contract. Everything
 * that can be refused before training (no such block, no features, unknown data set, too little
 * history for the windows) is refused by the call itself; what only training finds (an empty or
 * constant feature, a window without rows) fails the job with the reason, and nothing is saved.
 */
import type { z } from 'zod';
import { TradewindError } from '../../../shared/ipc/errors';
import type { modelMethods, ModelVersionDetail } from '../../../shared/ipc/schemas/models';
import { summariseVersion, type ModelVersion, type ModelVersionSummary } from '../../../shared/ml/model-record';
import { firstTestBarCount } from '../ml/walk-forward/windows';
import { TIMEFRAMES, type Timeframe } from '../../../shared/domain/types';
import { BLOCKS } from '../../../shared/strategy/blocks/index';
import { ONNX_MODEL_ID_PATTERN } from '../../../shared/strategy/blocks/model-blocks';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { checkFeatureRefs, upstreamGraph, type FeatureRef } from '../ml/dataset';
import { loadOtherMarkets, planOtherMarkets } from './other-market-data';
import { ModelInputError } from '../ml/errors';
import type { ModelRegistry } from '../ml/registry';
import type { ModelReport } from '../../../shared/ml/model-report';
import { libraryVersion } from '../ml/models/library-versions';
import type { BacktestJobDeps } from './backtest-jobs';
import { resolveGraph } from './backtest-jobs';

type Input<M extends keyof typeof modelMethods> = z.output<(typeof modelMethods)[M]['input']>;

export interface TrainJobResult {
  model: ModelVersionSummary;
  report: ModelReport;
}

/** The Model block's connected feature inputs, in port order (f1, f2, …). */
export function modelFeatures(graph: StrategyGraph, nodeId: string): FeatureRef[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) throw new TradewindError('invalid_input', `The strategy has no block "${nodeId}".`);
  if (node.type !== 'model') throw new TradewindError('invalid_input', `Block "${nodeId}" is a ${node.type} block, not a Model block.`);
  const refs: FeatureRef[] = [];
  for (const input of BLOCKS.model.inputs) {
    const edge = graph.edges.find((e) => e.to.node === nodeId && e.to.port === input.name);
    if (edge) refs.push({ node: edge.from.node, port: edge.from.port });
  }
  try {
    checkFeatureRefs(graph, refs);
  } catch (error) {
    if (error instanceof ModelInputError) throw new TradewindError('invalid_input', error.message);
    throw error;
  }
  return refs;
}

export function startTraining(deps: BacktestJobDeps, input: Input<'models.train'>): { jobId: string } {
  const graph = resolveGraph(deps.repo, input.strategy);
  const refs = modelFeatures(graph, input.nodeId);
  if (input.spec.kind === 'onnx')
    throw new TradewindError(
      'invalid_input',
      'An ONNX model is imported, not trained here: pick a random forest, logistic or linear model.',
    );
  const described = deps.datasets.describe(input.dataset);
  const needed = firstTestBarCount(input.spec.windows);
  if (described.bars < needed) {
    throw new TradewindError(
      'invalid_input',
      `Too little history for the walk-forward windows: ${input.spec.windows.trainBars} training + ${input.spec.windows.purgeBars} purge + ${input.spec.windows.testBars} test bars need ${needed} bars, and ${described.label} has ${described.bars}. Download more history or shorten the windows.`,
    );
  }
  // The features' "Other market" blocks read the same venue's stored bars, planned as a backtest plans them.
  const featureGraph = upstreamGraph(
    graph,
    refs.map((r) => r.node),
  );
  const otherMarketPlans = planOtherMarkets(deps.datasets, featureGraph, described, undefined, {
    allowNoActions: true,
    includeUnusedNodes: true,
  });
  if (input.modelId !== undefined) deps.models.get(input.modelId, latestVersion(deps.models, input.modelId));
  const node = graph.nodes.find((n) => n.id === input.nodeId)!;
  const name = input.name ?? node.label ?? `${graph.name} model`;
  const jobId = deps.jobs.start(
    'train',
    async (job) => {
      const { dataset, candles } = deps.datasets.load(input.dataset);
      job.progress(0, 100, `Training on ${dataset.label}…`);
      const otherMarkets = loadOtherMarkets(deps.datasets, otherMarketPlans);
      const timeframe = (TIMEFRAMES as readonly string[]).includes(dataset.timeframe) ? (dataset.timeframe as Timeframe) : undefined;
      const outcome = await deps.pool().trainModel(
        {
          spec: input.spec,
          graph,
          features: refs,
          candles,
          ...(timeframe ? { timeframe } : {}),
          ...(otherMarkets ? { otherMarkets } : {}),
        },
        {
          signal: job.signal,
          onProgress: (fraction) => job.progress(Math.round(fraction * 100), 100, `Training walk-forward… ${Math.round(fraction * 100)} %`),
        },
      );
      const saved = deps.models.save(
        {
          name,
          kind: input.spec.kind,
          spec: input.spec,
          features: refs.map((ref, k) => ({ ...ref, name: outcome.featureNames[k]! })),
          data: { datasetId: dataset.id, label: dataset.label, symbol: dataset.symbol, timeframe: dataset.timeframe },
          libraries: [
            libraryVersion('ml-xgboost'),
            libraryVersion('ml-random-forest'),
            libraryVersion('ml-logistic-regression'),
            libraryVersion('ml-regression-multivariate-linear'),
          ],
          report: outcome.report,
          latest: outcome.latest,
        },
        input.modelId,
      );
      return { model: summariseVersion(saved), report: saved.report } satisfies TrainJobResult;
    },
    {
      summarise: (r) =>
        `Done: ${r.model.name} v${r.model.version}, ${r.report.windows.length} out-of-sample windows${r.report.beatsBaseline ? '' : ' — no better than a naive baseline'}.`,
    },
  );
  return { jobId };
}

function latestVersion(models: ModelRegistry, id: string): number {
  const mine = models.list().versions.filter((v) => v.id === id);
  if (mine.length === 0) throw new TradewindError('not_found', `There is no model ${id} to add a version to.`);
  return Math.max(...mine.map((v) => v.version));
}

/** The versions a graph's Model blocks pin, refused naming the block when one is missing. */
export function pinnedModelVersions(models: ModelRegistry, graph: StrategyGraph): ModelVersion[] {
  const out: ModelVersion[] = [];
  for (const node of graph.nodes) {
    if (node.type !== 'model') continue;
    const id = String(node.params.model ?? '');
    // Imported ONNX models are not in the registry (ml/onnx/onnx-feed.ts checks them).
    if (ONNX_MODEL_ID_PATTERN.test(id)) continue;
    const version = Number(node.params.version ?? 1);
    let found: ModelVersion | undefined;
    try {
      found = models.find(id, version);
    } catch (error) {
      if (error instanceof ModelInputError)
        throw new TradewindError('invalid_input', `Model block "${node.label ?? node.id}": ${error.message}`);
      throw error;
    }
    if (!found)
      throw new TradewindError(
        'invalid_input',
        `Model block "${node.label ?? node.id}" pins version ${version} of model ${id}, which does not exist (deleted?). Pick a trained version.`,
      );
    if (!out.some((v) => v.id === found.id && v.version === found.version)) out.push(found);
  }
  return out;
}

export function versionDetail(version: ModelVersion): ModelVersionDetail {
  const { latest, ...rest } = version;
  return {
    ...rest,
    latestWindow: latest
      ? { trainStart: latest.window.trainStart, trainEnd: latest.window.trainEnd, testStart: latest.window.testStart }
      : null,
  };
}

/** Definition fields that differ between two versions, flattened (e.g. `windows.trainBars`). */
export function specDifferences(a: ModelVersion, b: ModelVersion): { field: string; a: string; b: string }[] {
  const flat = (value: unknown, prefix: string, out: Map<string, string>) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
    } else out.set(prefix, JSON.stringify(value));
    return out;
  };
  const left = flat({ spec: a.spec, features: a.features.map((f) => f.name).join(', '), data: a.data.label }, '', new Map());
  const right = flat({ spec: b.spec, features: b.features.map((f) => f.name).join(', '), data: b.data.label }, '', new Map());
  const fields = [...new Set([...left.keys(), ...right.keys()])].sort();
  return fields.filter((f) => left.get(f) !== right.get(f)).map((f) => ({ field: f, a: left.get(f) ?? '—', b: right.get(f) ?? '—' }));
}
