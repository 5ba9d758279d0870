import { useEffect, useId, useMemo, useState } from 'react';
import type { StrategySummary } from '../../../shared/ipc/schemas/strategies';
import type { ModelReport } from '../../../shared/ml/model-report';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import type { ModelsTarget } from './models-slice';
import { PanelMessage } from '../../ui/PanelMessage';
import { DatasetPicker } from '../strategies/lab/DatasetPicker';
import { JobProgressBar } from '../strategies/lab/JobProgressBar';
import { useDatasets } from '../strategies/lab/use-datasets';
import { blockFeatures, modelBlocks } from './model-block-features';
import { pinKey } from './model-pins';
import { ModelBacktest } from './ModelBacktest';
import { ModelReportView } from './ModelReportView';
import { OnnxImport } from './OnnxImport';
import { RegistrySection } from './RegistrySection';
import { DEFAULT_SPEC_FORM, formOfSpec, parseSpecForm, type SpecForm } from './spec-form';
import { TrainForm } from './TrainForm';
import { useJob } from './use-job';
import { useModelRegistry } from './use-model-registry';
import './models.css';

interface Opened {
  summary: ModelVersionSummary;
  report: ModelReport;
}

/**
 * The Models panel: train a strategy's Model block walk-forward (progress, Cancel), read the
 * out-of-sample report with the baseline verdict first, backtest the strategy with that version
 * beside buy-and-hold, and keep the registry (versions, compare, delete, who pins what) and the
 * imported ONNX models.
 */
export function ModelsPanel() {
  const client = useRpcClient();
  const titleId = useId();
  const strategyFieldId = useId();
  const blockFieldId = useId();
  const nameId = useId();
  const targetId = useId();
  const trainHeadingId = useId();
  const reloadDatasets = useDatasets();
  const datasetId = useStore((state) => state.labDatasetId);
  const openStrategy = useStore((state) => state.openStrategy);
  const registry = useModelRegistry();

  const [strategies, setStrategies] = useState<StrategySummary[] | null>(null);
  // Opened from a Model block: that strategy and block (the request is taken once).
  const [strategyId, setStrategyId] = useState<string>(() => useStore.getState().modelsTarget?.strategyId ?? '');
  const [nodeId, setNodeId] = useState<string>(() => useStore.getState().modelsTarget?.nodeId ?? '');
  const [saved, setSaved] = useState<{ id: string; graph: StrategyGraph } | null>(null);
  const [form, setForm] = useState<SpecForm>(DEFAULT_SPEC_FORM);
  const [name, setName] = useState('');
  const [addTo, setAddTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  const train = useJob(
    'train',
    (jobId) => client.call('models.trainResult', { jobId }),
    (result) => {
      // A finished training opens its report and joins the registry.
      setOpened({ summary: result.model, report: result.report });
      registry.reload();
    },
  );

  useEffect(() => {
    client.call('strategies.list').then(setStrategies, (f: unknown) => setError(describeError(f)));
  }, [client]);

  useEffect(() => {
    const take = (target: ModelsTarget | null) => {
      if (!target) return;
      setStrategyId(target.strategyId);
      setNodeId(target.nodeId);
      useStore.getState().setModelsTarget(null);
    };
    take(useStore.getState().modelsTarget);
    return useStore.subscribe((state) => take(state.modelsTarget));
  }, []);

  // The strategy open in the editor is read from the canvas (unsaved edits included); others from storage.
  const onCanvas = openStrategy?.id === strategyId ? openStrategy.history.present : null;
  useEffect(() => {
    if (!strategyId || onCanvas) return;
    let live = true;
    client.call('strategies.get', { id: strategyId }).then(
      (record) => live && setSaved({ id: strategyId, graph: record.graph }),
      (f: unknown) => live && setError(describeError(f)),
    );
    return () => {
      live = false;
    };
  }, [client, strategyId, onCanvas]);
  const graph = onCanvas ?? (saved?.id === strategyId ? saved.graph : null);
  const blocks = useMemo(() => (graph ? modelBlocks(graph) : []), [graph]);
  const block = blocks.find((b) => b.id === nodeId) ?? blocks[0] ?? null;
  const features = useMemo(() => (graph && block ? blockFeatures(graph, block.id) : []), [graph, block]);

  const parsed = parseSpecForm(form);
  const models = useMemo(() => {
    const seen = new Map<string, string>();
    for (const v of registry.versions ?? []) if (!seen.has(v.id)) seen.set(v.id, v.name);
    return [...seen];
  }, [registry.versions]);
  const blocked = !graph
    ? 'Pick a strategy with a Model block.'
    : !block
      ? 'This strategy has no Model block: add one in the strategy editor and connect indicators to its f1, f2, … inputs.'
      : features.length === 0
        ? `Connect features (indicators, prices) to ${block.name}'s f1, f2, … inputs in the strategy editor.`
        : !datasetId
          ? 'Pick a data set.'
          : !parsed.ok
            ? 'Fix the definition fields marked in red.'
            : null;

  const start = () => {
    if (blocked || !graph || !block || !datasetId || !parsed.ok) return;
    setOpened(null);
    void train.start(() =>
      client.call('models.train', {
        strategy: { graph },
        nodeId: block.id,
        dataset: datasetId,
        spec: parsed.spec,
        ...(addTo ? { modelId: addTo } : { name: name.trim() || block.name }),
      }),
    );
  };
  const openVersion = (v: ModelVersionSummary) => {
    setError(null);
    client.call('models.get', { id: v.id, version: v.version }).then(
      (detail) => {
        setOpened({ summary: v, report: detail.report });
        setForm(formOfSpec(detail.spec));
      },
      (f: unknown) => setError(describeError(f)),
    );
  };

  return (
    <section className="panel models-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 className="panel-title" id={titleId}>
          Models
        </h2>
      </header>
      <div className="models-body">
        {error ? <PanelMessage tone="error">{error}</PanelMessage> : null}
        {registry.error ? <PanelMessage tone="error">{registry.error}</PanelMessage> : null}
        <section className="models-train" aria-labelledby={trainHeadingId}>
          <h3 className="lab-subtitle" id={trainHeadingId}>
            Train walk-forward
          </h3>
          {strategies !== null && strategies.length === 0 ? (
            <p className="field-hint" role="status">
              No saved strategy. Create one in the strategy editor with a Model block fed by indicators (f1, f2, …), save it, then pick it
              here.
            </p>
          ) : null}
          <div className="models-row">
            <div className="field">
              <label className="field-label" htmlFor={strategyFieldId}>
                Strategy
              </label>
              <select
                id={strategyFieldId}
                className="select"
                value={strategyId}
                disabled={train.running}
                onChange={(e) => setStrategyId(e.target.value)}
              >
                <option value="">Choose a strategy…</option>
                {(strategies ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {openStrategy?.id === s.id ? ' (open in the editor)' : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={blockFieldId}>
                Model block
              </label>
              <select
                id={blockFieldId}
                className="select"
                value={block?.id ?? ''}
                disabled={train.running || blocks.length === 0}
                onChange={(e) => setNodeId(e.target.value)}
              >
                {blocks.length === 0 ? <option value="">{graph ? 'No Model block' : '—'}</option> : null}
                {blocks.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
              {block ? <span className="field-hint">Features: {features.length > 0 ? features.join(', ') : 'none connected'}</span> : null}
            </div>
            <DatasetPicker reload={reloadDatasets} disabled={train.running} />
          </div>
          <TrainForm form={form} errors={parsed.ok ? {} : parsed.errors} disabled={train.running} onChange={setForm} />
          <div className="models-row">
            <div className="field">
              <label className="field-label" htmlFor={targetId}>
                Save as
              </label>
              <select id={targetId} className="select" value={addTo} disabled={train.running} onChange={(e) => setAddTo(e.target.value)}>
                <option value="">A new model</option>
                {models.map(([id, modelName]) => (
                  <option key={id} value={id}>
                    Next version of {modelName}
                  </option>
                ))}
              </select>
            </div>
            {addTo ? null : (
              <div className="field">
                <label className="field-label" htmlFor={nameId}>
                  Model name
                </label>
                <input
                  id={nameId}
                  className="input"
                  value={name}
                  maxLength={80}
                  placeholder={block?.name ?? ''}
                  disabled={train.running}
                  onChange={(e) => setName(e.target.value)}
                />
              </div>
            )}
          </div>
          <div className="lab-run">
            <button type="button" className="button button--primary" onClick={start} disabled={blocked !== null || train.running}>
              Train
            </button>
            {blocked ? <p className="lab-run-reason">{blocked}</p> : null}
          </div>
          {train.running ? <JobProgressBar label="Training progress" progress={train.progress} onCancel={train.cancel} /> : null}
          {/* The finished bar stays, so a quick training still shows it ran window by window to the end. */}
          {!train.running && train.progress?.state === 'done' ? (
            <JobProgressBar label="Training progress" progress={train.progress} />
          ) : null}
          {train.cancelled ? <p className="note">Training was cancelled: nothing was saved.</p> : null}
          {train.error ? (
            <p className="note note--error" role="alert">
              {train.error}
            </p>
          ) : null}
        </section>
        {opened ? (
          <>
            <ModelReportView report={opened.report} title={`${opened.summary.name} v${opened.summary.version}: out-of-sample report`} />
            <ModelBacktest
              graph={graph}
              nodeId={block?.id ?? null}
              datasetId={datasetId}
              version={{ id: opened.summary.id, version: opened.summary.version, name: opened.summary.name }}
            />
          </>
        ) : null}
        <RegistrySection
          registry={registry}
          openedKey={opened ? pinKey(opened.summary.id, opened.summary.version) : null}
          onOpen={openVersion}
        />
        <OnnxImport models={registry.onnx} features={features} onChanged={registry.reload} />
      </div>
    </section>
  );
}
