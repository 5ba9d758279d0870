import { useCallback, useEffect, useState } from 'react';
import type { OnnxModelView } from '../../../shared/ipc/schemas/onnx-models';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { modelPins, pinKey, type BotPins, type ModelPins } from './model-pins';

export interface ModelRegistry {
  versions: ModelVersionSummary[] | null;
  unreadable: Array<{ file: string; problem: string }>;
  onnx: OnnxModelView[];
  pins: Map<string, ModelPins>;
  /** Libraries (name@version) that trained each version, by `pinKey`. */
  libraries: Map<string, string[]>;
  error: string | null;
  reload(): void;
}

/**
 * The trained versions, the imported ONNX models and who pins which version, read together. The
 * pins come from every saved strategy's graph (the open one as it is on the canvas) and the bots.
 */
export function useModelRegistry(): ModelRegistry {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [versions, setVersions] = useState<ModelVersionSummary[] | null>(null);
  const [unreadable, setUnreadable] = useState<ModelRegistry['unreadable']>([]);
  const [onnx, setOnnx] = useState<OnnxModelView[]>([]);
  const [pins, setPins] = useState<Map<string, ModelPins>>(new Map());
  const [libraries, setLibraries] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    client.call('models.list').then(
      (list) => {
        setVersions([...list.versions].sort((a, b) => b.createdAt - a.createdAt));
        setUnreadable(list.unreadable);
        setError(null);
        // The list's summaries leave the libraries out; each version's record has them.
        void Promise.all(
          list.versions.map((v) =>
            client.call('models.get', { id: v.id, version: v.version }).then(
              (detail) => [pinKey(v.id, v.version), detail.libraries] as const,
              () => [pinKey(v.id, v.version), []] as const,
            ),
          ),
        ).then((entries) => setLibraries(new Map(entries.map(([k, l]) => [k, [...l]]))));
      },
      (failure: unknown) => setError(describeError(failure)),
    );
    client.call('models.listOnnx').then(setOnnx, (failure: unknown) => setError(describeError(failure)));
    void (async () => {
      const [summaries, bots] = await Promise.all([client.call('strategies.list'), client.call('bots.list')]);
      const open = useStore.getState().openStrategy;
      const graphs: Array<{ id: string; name: string; graph: StrategyGraph }> = [];
      for (const s of summaries) {
        if (open?.id === s.id) graphs.push({ id: s.id, name: s.name, graph: open.history.present });
        else graphs.push({ id: s.id, name: s.name, graph: (await client.call('strategies.get', { id: s.id })).graph });
      }
      // A strategy bot's detail says which versions it runs now (a retrain moves its pin).
      const withModels: BotPins[] = await Promise.all(
        bots.map((bot) =>
          bot.kind === 'strategy'
            ? client.call('bots.get', { id: bot.id, events: 1 }).then(
                (d): BotPins => ({ bot, running: d.models ?? [] }),
                // Without its detail (a bot being deleted), what its strategy names still counts.
                (): BotPins => ({ bot }),
              )
            : { bot },
        ),
      );
      setPins(modelPins(graphs, withModels));
    })().catch((failure: unknown) => setError(`Could not read which strategies and bots pin a model: ${describeError(failure)}`));
  }, [client]);

  useEffect(() => reload(), [reload, epoch]);
  return { versions, unreadable, onnx, pins, libraries, error, reload };
}
