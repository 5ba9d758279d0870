import { useId, useMemo, useState } from 'react';
import { OPTIMISE_METHODS, OPTIMISE_OBJECTIVES } from '../../../../shared/strategy/backtest-schema';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import type { OptimiseRunResult, PointMetrics } from '../../../../shared/ipc/schemas/strategies';
import { formatPercent } from '../../../lib/format/numbers';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { graphTooLarge } from '../list/strategy-files';
import { isRunning, type AxisForm, type OptimiseForm } from '../store/lab-slice';
import { Heatmap } from './Heatmap';
import { JobProgressBar } from './JobProgressBar';
import { formatRatio, formatUtcDay } from './lab-format';
import { buildAxes, defaultAxis, sortRows, sweepableParams, type SortKey, type SweepableParam } from './optimiser-form';
import { parseLabSettings, runBlockedReason } from './run-settings';
import { applyPoint, buildSearch, METHOD_TITLES, runLabel } from './search-form';
import { SettingsFields } from './SettingsFields';
import { WalkForwardReport } from './WalkForwardReport';
import '../../../ui/data-table.css';

const OBJECTIVE_TITLES: Record<OptimiseForm['objective'], string> = {
  sharpe: 'Sharpe',
  sortino: 'Sortino',
  returnPct: 'Return %',
  cagrPct: 'CAGR %',
  profitFactor: 'Profit factor',
  expectancy: 'Expectancy',
};
const TABLE_ROWS = 200;

function AxisRow({
  param,
  form,
  disabled,
  onChange,
}: {
  param: SweepableParam;
  form: AxisForm;
  disabled: boolean;
  onChange(next: AxisForm): void;
}) {
  const ids = { on: useId(), from: useId(), to: useId(), step: useId() };
  const numeric = { type: 'number', className: 'input input--narrow num', step: 'any', disabled: disabled || !form.enabled } as const;
  return (
    <tr>
      <th scope="row" className="cell-text">
        <label className="choice" htmlFor={ids.on}>
          <input
            id={ids.on}
            type="checkbox"
            checked={form.enabled}
            disabled={disabled}
            onChange={(e) => onChange({ ...form, enabled: e.target.checked })}
          />
          {param.label}
        </label>
      </th>
      <td>
        <input
          {...numeric}
          id={ids.from}
          aria-label={`${param.label} from`}
          value={form.from}
          onChange={(e) => onChange({ ...form, from: e.target.value })}
        />
      </td>
      <td>
        <input
          {...numeric}
          id={ids.to}
          aria-label={`${param.label} to`}
          value={form.to}
          onChange={(e) => onChange({ ...form, to: e.target.value })}
        />
      </td>
      <td>
        <input
          {...numeric}
          id={ids.step}
          aria-label={`${param.label} step`}
          value={form.step}
          onChange={(e) => onChange({ ...form, step: e.target.value })}
        />
      </td>
    </tr>
  );
}

/**
 * Grid search over chosen parameters on the worker pool: parameters are picked on the first
 * part of the range and checked on the rest; a large drop is shown as an overfitting warning.
 */
export function OptimiserPanel({ issues }: { issues: readonly StrategyIssue[] }) {
  const client = useRpcClient();
  const open = useStore((state) => state.openStrategy);
  const datasetId = useStore((state) => state.labDatasetId);
  const settingsForm = useStore((state) => state.labSettings);
  const form = useStore((state) => state.optimiseForm);
  const job = useStore((state) => state.optimiseJob);
  const ids = {
    objective: useId(),
    split: useId(),
    reason: useId(),
    method: useId(),
    budget: useId(),
    seed: useId(),
    walkForward: useId(),
    folds: useId(),
    minTrades: useId(),
    minTradesHint: useId(),
  };
  const graph = open?.history.present;
  const params = useMemo(() => (graph ? sweepableParams(graph) : []), [graph]);
  const axisForm = (p: SweepableParam) => form.axes[p.key] ?? defaultAxis(p);
  const forms = Object.fromEntries(params.map((p) => [p.key, axisForm(p)]));
  const axes = buildAxes(params, forms);
  const search = buildSearch(form, axes.ok ? axes.points : 0);
  const settings = useMemo(() => parseLabSettings(settingsForm), [settingsForm]);
  const split = Number(form.inSamplePct);
  const splitOk = Number.isFinite(split) && split >= 50 && split <= 95;
  const [starting, setStarting] = useState(false);
  const running = starting || isRunning(job);
  const blocked =
    runBlockedReason({ hasStrategy: open !== null, issues, datasetId, settings, running }) ??
    (axes.ok ? null : axes.reason) ??
    (search.ok ? null : search.reason) ??
    (splitOk ? null : 'The in-sample share must be between 50 and 95 %.');

  const run = async () => {
    const current = useStore.getState().openStrategy;
    if (blocked || !current || !datasetId || !settings.ok || !axes.ok || !search.ok) return;
    const tooLarge = graphTooLarge(current.history.present);
    useStore.getState().setOptimiseJob({ jobId: null, progress: null, result: null, error: tooLarge });
    if (tooLarge) return;
    setStarting(true);
    try {
      const { jobId } = await client.call('optimise.run', {
        strategy: { graph: { ...current.history.present, name: current.name } },
        dataset: datasetId,
        settings: settings.settings,
        axes: axes.axes,
        objective: form.objective,
        inSamplePct: split,
        ...search.fields,
      });
      useStore.getState().trackJob('optimise', jobId);
    } catch (error) {
      useStore.getState().setOptimiseJob({ error: describeError(error) });
    } finally {
      setStarting(false);
    }
  };
  const cancel = () => {
    if (job.jobId)
      void client
        .call('jobs.cancel', { jobId: job.jobId })
        .catch((error: unknown) => useStore.getState().setOptimiseJob({ error: describeError(error) }));
  };

  return (
    <div className="lab-pane">
      <SettingsFields disabled={running} />
      {params.length === 0 ? (
        <p className="field-hint">This strategy has no numeric parameter to sweep.</p>
      ) : (
        <table className="data-table optimiser-axes">
          <caption className="lab-subtitle">Parameters to sweep</caption>
          <thead>
            <tr>
              <th scope="col" className="cell-text">
                Parameter
              </th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Step</th>
            </tr>
          </thead>
          <tbody>
            {params.map((p) => (
              <AxisRow
                key={p.key}
                param={p}
                form={axisForm(p)}
                disabled={running}
                onChange={(next) => useStore.getState().setAxisForm(p.key, next)}
              />
            ))}
          </tbody>
        </table>
      )}
      <div className="lab-form-grid">
        <div className="field">
          <label className="field-label" htmlFor={ids.objective}>
            Objective
          </label>
          <select
            id={ids.objective}
            className="select"
            value={form.objective}
            disabled={running}
            onChange={(e) => useStore.getState().setOptimiseForm({ objective: e.target.value as OptimiseForm['objective'] })}
          >
            {OPTIMISE_OBJECTIVES.map((o) => (
              <option key={o} value={o}>
                {OBJECTIVE_TITLES[o]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.split}>
            In-sample share (%)
          </label>
          <input
            id={ids.split}
            className="input num"
            type="number"
            min={50}
            max={95}
            step={5}
            value={form.inSamplePct}
            disabled={running}
            onChange={(e) => useStore.getState().setOptimiseForm({ inSamplePct: e.target.value })}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.method}>
            Search method
          </label>
          <select
            id={ids.method}
            className="select"
            value={form.method}
            disabled={running}
            data-testid="optimise-method"
            onChange={(e) => useStore.getState().setOptimiseForm({ method: e.target.value as OptimiseForm['method'] })}
          >
            {OPTIMISE_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_TITLES[m]}
              </option>
            ))}
          </select>
        </div>
        {form.method === 'grid' ? null : (
          <>
            <div className="field">
              <label className="field-label" htmlFor={ids.budget}>
                Budget (backtests)
              </label>
              <input
                id={ids.budget}
                className="input num"
                type="number"
                min={1}
                step={1}
                value={form.budget}
                disabled={running}
                onChange={(e) => useStore.getState().setOptimiseForm({ budget: e.target.value })}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={ids.seed}>
                Seed
              </label>
              <input
                id={ids.seed}
                className="input num"
                type="number"
                min={0}
                step={1}
                value={form.seed}
                disabled={running}
                onChange={(e) => useStore.getState().setOptimiseForm({ seed: e.target.value })}
              />
            </div>
          </>
        )}
        <div className="field">
          <label className="field-label" htmlFor={ids.minTrades}>
            Min. closed trades to rank
          </label>
          <input
            id={ids.minTrades}
            className="input input--narrow num"
            type="number"
            min={0}
            max={1000}
            step={1}
            value={form.minTrades}
            disabled={running}
            aria-describedby={ids.minTradesHint}
            onChange={(e) => useStore.getState().setOptimiseForm({ minTrades: e.target.value })}
          />
          <span className="field-hint" id={ids.minTradesHint}>
            Runs with fewer closed trades are listed as unranked: a position still open at the end is not a result.
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.walkForward}>
            Validation
          </label>
          <select
            id={ids.walkForward}
            className="select"
            value={form.walkForward}
            disabled={running}
            onChange={(e) => useStore.getState().setOptimiseForm({ walkForward: e.target.value as OptimiseForm['walkForward'] })}
          >
            <option value="off">One in/out-of-sample split</option>
            <option value="rolling">Walk-forward, rolling windows</option>
            <option value="anchored">Walk-forward, anchored windows</option>
          </select>
        </div>
        {form.walkForward === 'off' ? null : (
          <div className="field">
            <label className="field-label" htmlFor={ids.folds}>
              Folds
            </label>
            <input
              id={ids.folds}
              className="input num"
              type="number"
              min={2}
              max={20}
              step={1}
              value={form.folds}
              disabled={running}
              onChange={(e) => useStore.getState().setOptimiseForm({ folds: e.target.value })}
            />
          </div>
        )}
      </div>
      <div className="lab-run">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void run()}
          disabled={blocked !== null}
          aria-describedby={blocked ? ids.reason : undefined}
          data-testid="run-optimise"
        >
          {axes.ok ? runLabel(search) : 'Run optimisation'}
        </button>
        {blocked ? (
          <p className="lab-run-reason" id={ids.reason}>
            {blocked}
          </p>
        ) : null}
      </div>
      {running ? <JobProgressBar label="Optimisation progress" progress={job.progress} onCancel={cancel} /> : null}
      {job.progress?.state === 'cancelled' ? <p className="note">The optimisation was cancelled.</p> : null}
      {job.error ? (
        <p className="note note--error" role="alert">
          {job.error}
        </p>
      ) : null}
      {job.result ? <OptimiseResults result={job.result} params={params} canApply={!running && open !== null} /> : null}
    </div>
  );
}

function axisName(result: OptimiseRunResult, params: readonly SweepableParam[], index: number): string {
  const axis = result.axes[index]!;
  return params.find((p) => p.nodeId === axis.nodeId && p.param === axis.param)?.label ?? `${axis.nodeId}.${axis.param}`;
}

function OptimiseResults({
  result,
  params,
  canApply,
}: {
  result: OptimiseRunResult;
  params: readonly SweepableParam[];
  canApply: boolean;
}) {
  const [applied, setApplied] = useState<string | null>(null);
  const apply = (values: readonly number[]) => {
    // One undoable edit of the open strategy; the editor's undo takes it back.
    useStore.getState().editGraph((g) => applyPoint(g, result.axes, values));
    setApplied(result.axes.map((_, i) => `${axisName(result, params, i)} = ${values[i]}`).join(', '));
  };
  const best = result.rows[0] && result.rows[0].score !== null ? result.rows[0] : null;
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: { kind: 'score' }, descending: true });
  const rows = useMemo(() => sortRows(result.rows, sort.key, sort.descending).slice(0, TABLE_ROWS), [result.rows, sort]);
  const objective = OBJECTIVE_TITLES[result.objective];
  const { overfitting } = result;
  const header = (label: string, key: SortKey) => {
    const active = JSON.stringify(sort.key) === JSON.stringify(key);
    return (
      <th key={JSON.stringify(key)} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort({ key, descending: active ? !sort.descending : true })}>
          {label}
          {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };
  const metric = (m: PointMetrics | null, key: keyof PointMetrics) => {
    const v = m?.[key] ?? null;
    if (key === 'returnPct' || key === 'maxDrawdownPct' || key === 'cagrPct')
      return formatPercent(key === 'maxDrawdownPct' && v !== null ? -v : v);
    if (key === 'trades') return v === null ? '—' : String(v);
    return formatRatio(v);
  };
  return (
    <section className="optimise-results" aria-label="Optimisation results" data-testid="optimise-results">
      <p className="field-hint num">
        In sample {formatUtcDay(result.inSample.startTime)} to {formatUtcDay(result.inSample.endTime)} ({result.inSample.bars} bars), out of
        sample to {formatUtcDay(result.outOfSample.endTime)} ({result.outOfSample.bars} bars).
      </p>
      {overfitting.warning ? (
        <p className="note note--warn" role="alert" data-testid="overfitting-warning">
          <strong>Overfitting warning</strong>
          {overfitting.warning}
        </p>
      ) : (
        <p className="note note--ok">
          Out of sample the best parameters kept{' '}
          {overfitting.ratio === null ? 'their' : `${Math.round(overfitting.ratio * 100)} % of their`} in-sample {overfitting.metric} (
          {formatRatio(overfitting.outOfSample)} vs {formatRatio(overfitting.inSample)}).
        </p>
      )}
      {result.walkForward ? <WalkForwardReport report={result.walkForward} objective={result.objective} title={objective} /> : null}
      <div className="lab-run">
        <button
          type="button"
          className="button"
          disabled={!canApply || best === null}
          onClick={() => best && apply(best.values)}
          data-testid="apply-best"
        >
          Apply best parameters
        </button>
        {best === null ? <p className="lab-run-reason">No run was ranked: there is nothing to apply.</p> : null}
        {applied ? (
          <p className="note note--ok" role="status" data-testid="applied-note">
            Applied to the strategy: {applied}. Undo in the editor takes it back.
          </p>
        ) : null}
      </div>
      {result.heatmap ? (
        <Heatmap
          map={result.heatmap}
          xName={axisName(result, params, result.heatmap.xAxis)}
          yName={axisName(result, params, result.heatmap.yAxis)}
          objective={objective}
        />
      ) : null}
      <div className="trades-scroll">
        <table className="data-table" data-testid="optimise-table">
          <caption className="lab-subtitle">
            {result.method === 'grid' ? 'Grid points' : 'Points searched'}{' '}
            {result.rowsTotal > rows.length ? `(first ${rows.length} of ${result.rowsTotal} by the chosen order)` : ''}
          </caption>
          <thead>
            <tr>
              {result.axes.map((_, i) => header(axisName(result, params, i), { kind: 'axis', index: i }))}
              {header(`${objective} (in)`, { kind: 'score' })}
              {header('Return (in)', { kind: 'metric', sample: 'inSample', metric: 'returnPct' })}
              {header('Max DD (in)', { kind: 'metric', sample: 'inSample', metric: 'maxDrawdownPct' })}
              {header('Trades (in)', { kind: 'metric', sample: 'inSample', metric: 'trades' })}
              {header(`${objective} (out)`, { kind: 'metric', sample: 'outOfSample', metric: result.objective })}
              {header('Return (out)', { kind: 'metric', sample: 'outOfSample', metric: 'returnPct' })}
              <th scope="col">Apply</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.values.map((v, k) => (
                  <td key={k} className="num">
                    {v}
                  </td>
                ))}
                <td className="num">
                  {row.error ? (
                    <span title={row.error}>error</span>
                  ) : row.unranked ? (
                    <span title={row.unranked}>unranked</span>
                  ) : (
                    formatRatio(row.score)
                  )}
                </td>
                <td className="num">{metric(row.inSample, 'returnPct')}</td>
                <td className="num">{metric(row.inSample, 'maxDrawdownPct')}</td>
                <td className="num">{metric(row.inSample, 'trades')}</td>
                <td className="num">{row.outOfSample ? metric(row.outOfSample, result.objective) : '—'}</td>
                <td className="num">{row.outOfSample ? metric(row.outOfSample, 'returnPct') : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="button apply-row-button"
                    disabled={!canApply || row.inSample === null}
                    onClick={() => apply(row.values)}
                    aria-label={`Apply ${row.values.join(', ')}`}
                  >
                    Apply
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
