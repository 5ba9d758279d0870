/**
 * The backtest lab beside the editor: the chosen data set and settings (as typed, so a half
 * typed number survives a tab switch), and the backtest and sweep jobs with their progress and
 * results. Jobs run in core; this only mirrors what `jobs.progress` and the result calls said.
 */
import type { OPTIMISE_OBJECTIVES, OptimiseMethod } from '../../../../shared/strategy/backtest-schema';
import type { BacktestRunResult, Dataset, JobProgress, OptimiseRunResult } from '../../../../shared/ipc/schemas/strategies';
import type { LoadStatus, SliceCreator } from '../../../store/slice';

export interface JobView<R> {
  jobId: string | null;
  progress: JobProgress | null;
  result: R | null;
  error: string | null;
}

export const IDLE_JOB: JobView<never> = { jobId: null, progress: null, result: null, error: null };

export interface LabSettingsForm {
  startingCash: string;
  feePct: string;
  slippageBps: string;
  /** yyyy-mm-dd (UTC) or empty for "from the first bar" / "to the last bar". */
  from: string;
  to: string;
}

export interface AxisForm {
  enabled: boolean;
  from: string;
  to: string;
  step: string;
}

export interface OptimiseForm {
  /** Keyed `nodeId.param`. */
  axes: Record<string, AxisForm>;
  objective: (typeof OPTIMISE_OBJECTIVES)[number];
  inSamplePct: string;
  method: OptimiseMethod;
  /** Backtests for random and TPE search (text as typed). */
  budget: string;
  seed: string;
  /** One in-sample/out-of-sample split, or walk-forward folds. */
  walkForward: 'off' | 'rolling' | 'anchored';
  folds: string;
  /** Runs with fewer closed trades are listed but not ranked (text as typed). */
  minTrades: string;
}

export type LabTab = 'backtest' | 'optimise';

export interface StrategyLabSlice {
  datasets: Dataset[];
  datasetsStatus: LoadStatus;
  datasetsError: string | null;
  labDatasetId: string | null;
  labSettings: LabSettingsForm;
  labTab: LabTab;
  backtestJob: JobView<BacktestRunResult>;
  optimiseJob: JobView<OptimiseRunResult>;
  /**
   * The latest event of recent jobs, whoever started them. An event can arrive before the call
   * that started the job has returned its id, so a job picks its state up from here.
   */
  recentJobProgress: Record<string, JobProgress>;
  optimiseForm: OptimiseForm;
  beginDatasetsLoad(): void;
  setDatasets(datasets: Dataset[]): void;
  failDatasetsLoad(message: string): void;
  selectLabDataset(id: string): void;
  setLabSettings(patch: Partial<LabSettingsForm>): void;
  setLabTab(tab: LabTab): void;
  setBacktestJob(patch: Partial<JobView<BacktestRunResult>>): void;
  setOptimiseJob(patch: Partial<JobView<OptimiseRunResult>>): void;
  setOptimiseForm(patch: Partial<OptimiseForm>): void;
  setAxisForm(key: string, axis: AxisForm): void;
  /** Starts following a backtest or sweep (with any event that already arrived for it). */
  trackJob(kind: 'backtest' | 'optimise', jobId: string): void;
  /** Records a `jobs.progress` event and routes it to the lab job it belongs to. */
  recordJobProgress(progress: JobProgress): void;
}

const RECENT_JOBS_KEPT = 30;

function failureOf(progress: JobProgress | null): string | null {
  return progress?.state === 'failed' ? (progress.error?.message ?? progress.message) : null;
}

export const DEFAULT_LAB_SETTINGS: LabSettingsForm = { startingCash: '10000', feePct: '0.1', slippageBps: '5', from: '', to: '' };

export const createStrategyLabSlice: SliceCreator<StrategyLabSlice> = (set, get) => ({
  datasets: [],
  datasetsStatus: 'idle',
  datasetsError: null,
  labDatasetId: null,
  labSettings: DEFAULT_LAB_SETTINGS,
  labTab: 'backtest',
  backtestJob: IDLE_JOB,
  optimiseJob: IDLE_JOB,
  recentJobProgress: {},
  optimiseForm: {
    axes: {},
    objective: 'sharpe',
    inSamplePct: '70',
    method: 'grid',
    budget: '100',
    seed: '1',
    walkForward: 'off',
    folds: '4',
    minTrades: '1',
  },
  beginDatasetsLoad: () => set({ datasetsStatus: 'loading', datasetsError: null }),
  setDatasets: (datasets) => {
    const current = get().labDatasetId;
    // Keep the choice while it exists; else prefer the bundled hourly history (the richest offline set).
    const keep = current !== null && datasets.some((d) => d.id === current);
    const fallback = datasets.find((d) => d.id === 'bundled:history/BTC_USDT-1h') ?? datasets[0];
    set({ datasets, datasetsStatus: 'ready', datasetsError: null, labDatasetId: keep ? current : (fallback?.id ?? null) });
  },
  failDatasetsLoad: (message) => set({ datasetsStatus: 'error', datasetsError: message }),
  selectLabDataset: (id) => set({ labDatasetId: id }),
  setLabSettings: (patch) => set({ labSettings: { ...get().labSettings, ...patch } }),
  setLabTab: (tab) => set({ labTab: tab }),
  setBacktestJob: (patch) => set({ backtestJob: { ...get().backtestJob, ...patch } }),
  setOptimiseJob: (patch) => set({ optimiseJob: { ...get().optimiseJob, ...patch } }),
  setOptimiseForm: (patch) => set({ optimiseForm: { ...get().optimiseForm, ...patch } }),
  setAxisForm: (key, axis) => {
    const form = get().optimiseForm;
    set({ optimiseForm: { ...form, axes: { ...form.axes, [key]: axis } } });
  },
  trackJob: (kind, jobId) => {
    const seen = get().recentJobProgress[jobId] ?? null;
    const job = { ...IDLE_JOB, jobId, progress: seen, error: failureOf(seen) };
    set(kind === 'backtest' ? { backtestJob: job } : { optimiseJob: job });
  },
  recordJobProgress: (progress) => {
    const recent = Object.entries({ ...get().recentJobProgress, [progress.jobId]: progress }).slice(-RECENT_JOBS_KEPT);
    const { backtestJob, optimiseJob } = get();
    const route = <R>(job: JobView<R>): JobView<R> => ({ ...job, progress, error: job.error ?? failureOf(progress) });
    set({
      recentJobProgress: Object.fromEntries(recent),
      ...(progress.jobId === backtestJob.jobId ? { backtestJob: route(backtestJob) } : {}),
      ...(progress.jobId === optimiseJob.jobId ? { optimiseJob: route(optimiseJob) } : {}),
    });
  },
});

export function isRunning(job: JobView<unknown>): boolean {
  return job.jobId !== null && job.result === null && job.error === null && job.progress?.state !== 'cancelled';
}
