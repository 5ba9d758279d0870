import type { strategyMethods } from '../../../shared/ipc/schemas/strategies';
import { loadStrategyDocument } from '../../../shared/strategy/parse';
import { startBacktest, startOptimise } from '../strategies/backtest-jobs';
import { deleteDataset, importCsv, startDownload } from '../strategies/data-jobs';
import type { StrategyServices } from '../strategies/strategy-services';
import type { Handlers } from './dispatch';

type StrategyHandlers = Pick<Handlers, keyof typeof strategyMethods>;

/** Saved strategies, data sets, downloads, backtests and sweeps over the contract; thin calls into core. */
export function createStrategyHandlers(services: StrategyServices): StrategyHandlers {
  const { repo, datasets, jobs, uploads } = services;
  return {
    'strategies.list': () => repo.list(),
    'strategies.get': ({ id }) => repo.get(id),
    'strategies.create': (input) => repo.create(input),
    'strategies.save': ({ id, graph }) => repo.save(id, graph),
    'strategies.rename': ({ id, name }) => repo.rename(id, name),
    'strategies.duplicate': ({ id, name }) => repo.duplicate(id, name),
    'strategies.delete': ({ id }) => ({ deleted: repo.delete(id) }),
    'strategies.validate': ({ graph }) => {
      const loaded = loadStrategyDocument(graph);
      return { valid: loaded.ok, issues: loaded.issues };
    },
    'datasets.list': () => datasets.list(),
    'datasets.delete': ({ datasetId }) => deleteDataset(services, datasetId),
    'data.download': (input) => startDownload(services, input),
    'data.importCsvChunk': ({ uploadId, index, text }, ctx) => ({ received: uploads.add(ctx.sessionId, uploadId, index, text) }),
    'data.importCsv': (input, ctx) => importCsv(services, ctx.sessionId, input),
    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'jobs.list': () => ({ jobs: jobs.list() }),
    'backtest.run': (input) => startBacktest(services, input),
    'backtest.result': ({ jobId }) => jobs.result(jobId, 'backtest'),
    'optimise.run': (input) => startOptimise(services, input),
    'optimise.result': ({ jobId }) => jobs.result(jobId, 'optimise'),
  };
}
