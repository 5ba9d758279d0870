import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { OnnxModelView } from '../../../shared/ipc/schemas/onnx-models';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

/** What a Model block can run: trained versions and imported ONNX models (read once per editor). */
export interface ModelOptions {
  versions: readonly ModelVersionSummary[];
  onnx: readonly OnnxModelView[];
  error: string | null;
  reload(): void;
}

const EMPTY: ModelOptions = { versions: [], onnx: [], error: null, reload: () => undefined };

export const ModelOptionsContext = createContext<ModelOptions>(EMPTY);
export const useModelOptionsContext = () => useContext(ModelOptionsContext);

export function useModelOptions(): ModelOptions {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [versions, setVersions] = useState<readonly ModelVersionSummary[]>([]);
  const [onnx, setOnnx] = useState<readonly OnnxModelView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    Promise.all([client.call('models.list'), client.call('models.listOnnx')]).then(
      ([list, imported]) => {
        setVersions(list.versions);
        setOnnx(imported);
        setError(null);
      },
      (failure: unknown) => setError(`Could not list the models: ${describeError(failure)}`),
    );
  }, [client]);
  useEffect(() => reload(), [reload, epoch]);
  return { versions, onnx, error, reload };
}
