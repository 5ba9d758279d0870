import type { modelMethods } from '../../../shared/ipc/schemas/models';
import { specDifferences, startTraining, versionDetail, type TrainJobResult } from '../strategies/model-jobs';
import type { StrategyServices } from '../strategies/strategy-services';
import { summariseVersion } from '../../../shared/ml/model-record';
import type { Handlers } from './dispatch';

type ModelHandlers = Pick<Handlers, keyof typeof modelMethods>;

/** `models.*` over the contract: training jobs and the registry; thin calls into core. */
export function createModelHandlers(services: StrategyServices): ModelHandlers {
  const { models, jobs } = services;
  return {
    'models.train': (input) => startTraining(services, input),
    'models.trainResult': ({ jobId }) => jobs.result<TrainJobResult>(jobId, 'train'),
    'models.list': () => models.list(),
    'models.get': ({ id, version }) => versionDetail(models.get(id, version)),
    'models.compare': ({ a, b }) => {
      const left = models.get(a.id, a.version);
      const right = models.get(b.id, b.version);
      return { a: summariseVersion(left), b: summariseVersion(right), differences: specDifferences(left, right) };
    },
    'models.delete': ({ id, version }) => ({ deleted: models.delete(id, version) }),
  };
}
