import { describe, expect, it } from 'vitest';
import type { JobProgress, StrategyRecord } from '../../../../shared/ipc/schemas/strategies';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { createAppStore } from '../../../store';
import { setParam } from '../editor/graph-edit';
import { graphJson } from './editor-slice';

function record(): StrategyRecord {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  return { id: 'st_1', name: 'SMA cross', createdAt: 1, updatedAt: 1, blocks: 7, errors: 0, graph: built.graph, upgradedFrom: null };
}

const dirty = (store: ReturnType<typeof createAppStore>) => {
  const open = store.getState().openStrategy!;
  return graphJson(open.history.present) !== open.savedJson;
};

describe('strategy editor slice', () => {
  it('opens a record clean, edits it dirty, undoes back to clean, and saves', () => {
    const store = createAppStore();
    store.getState().openStrategyRecord(record());
    expect(dirty(store)).toBe(false);
    expect(store.getState().strategyList.map((s) => s.name)).toEqual(['SMA cross']);
    store.getState().editGraph((g) => setParam(g, 'fast', 'period', 1), 'param:fast.period');
    store.getState().editGraph((g) => setParam(g, 'fast', 'period', 15), 'param:fast.period');
    expect(dirty(store)).toBe(true);
    expect(store.getState().openStrategy!.history.past).toHaveLength(1);
    store.getState().undoGraph();
    expect(dirty(store)).toBe(false);
    store.getState().redoGraph();
    const graph = store.getState().openStrategy!.history.present;
    store.getState().markStrategySaved('st_1', graph, { id: 'st_1', name: 'SMA cross', createdAt: 1, updatedAt: 2, blocks: 7, errors: 0 });
    expect(dirty(store)).toBe(false);
    expect(store.getState().strategyList[0]!.updatedAt).toBe(2);
  });

  it('follows a rename without an undo step and without becoming dirty', () => {
    const store = createAppStore();
    store.getState().openStrategyRecord(record());
    store.getState().editGraph((g) => setParam(g, 'slow', 'period', 40));
    store.getState().applyStrategySummary({ id: 'st_1', name: 'Renamed', createdAt: 1, updatedAt: 3, blocks: 7, errors: 0 });
    const open = store.getState().openStrategy!;
    expect(open.name).toBe('Renamed');
    expect(open.history.present.name).toBe('Renamed');
    expect(open.history.past.map((g) => g.name)).toEqual(['Renamed']);
    // Still dirty because of the parameter edit, not because of the name.
    store.getState().undoGraph();
    expect(dirty(store)).toBe(false);
  });
});

describe('strategy lab slice', () => {
  const progress = (jobId: string, state: JobProgress['state'], extra: Partial<JobProgress> = {}): JobProgress => ({
    jobId,
    kind: 'backtest',
    state,
    done: 1,
    total: 1,
    message: state,
    ...extra,
  });

  it('picks up an event that arrived before the job id came back', () => {
    const store = createAppStore();
    store.getState().recordJobProgress(progress('job-7', 'done'));
    store.getState().trackJob('backtest', 'job-7');
    expect(store.getState().backtestJob).toMatchObject({ jobId: 'job-7', progress: { state: 'done' }, result: null, error: null });
  });

  it('routes events to the followed job only, and turns a failure into its error', () => {
    const store = createAppStore();
    store.getState().trackJob('backtest', 'job-1');
    store.getState().trackJob('optimise', 'job-2');
    store.getState().recordJobProgress(progress('job-9', 'running'));
    expect(store.getState().backtestJob.progress).toBeNull();
    store
      .getState()
      .recordJobProgress(progress('job-2', 'failed', { kind: 'optimise', error: { code: 'invalid_input', message: 'bad axis' } }));
    expect(store.getState().optimiseJob.error).toBe('bad axis');
    expect(store.getState().backtestJob.error).toBeNull();
  });

  it('keeps the chosen data set while it exists, else prefers the bundled hourly history', () => {
    const store = createAppStore();
    const set = (id: string) => ({
      id,
      kind: 'bundled' as const,
      label: id,
      exchangeId: null,
      symbol: 'X/Y',
      timeframe: '1h',
      bars: 10,
      firstTime: 0,
      lastTime: 1,
      updatedAt: null,
    });
    store.getState().setDatasets([set('bundled:replay/ETH_USDT-5m'), set('bundled:history/BTC_USDT-1h')]);
    expect(store.getState().labDatasetId).toBe('bundled:history/BTC_USDT-1h');
    store.getState().selectLabDataset('bundled:replay/ETH_USDT-5m');
    store.getState().setDatasets([set('bundled:replay/ETH_USDT-5m'), set('bundled:history/BTC_USDT-1h'), set('cache:1')]);
    expect(store.getState().labDatasetId).toBe('bundled:replay/ETH_USDT-5m');
  });
});
