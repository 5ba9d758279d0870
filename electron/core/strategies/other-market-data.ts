/**
 * The bars of the other markets a strategy's "Other market" blocks read, for backtests and
 * sweeps: from the local store (bundled history or the candle cache), the same venue and
 * timeframe as the data set the run is on, covering its range. Resolved before the job starts, so
 * a missing market is refused with what to download; loaded inside the job.
 */
import type { Dataset } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { BacktestSettingsInput } from '../../../shared/strategy/backtest-schema';
import { validateStrategyGraph } from '../../../shared/strategy/validate';
import { compileStrategy } from '../strategy/compiler/compile';
import type { OtherMarketBars } from '../strategy/compiler/batch-evaluator';
import type { Datasets } from '../market-data/datasets';

/** Which stored data set feeds each other market the graph reads. */
export interface OtherMarketPlan {
  market: string;
  datasetId: string;
}

/**
 * Finds a stored series for each other market, or refuses naming the block, the market, the
 * timeframe, the venue and the range, and saying what to do.
 */
export function planOtherMarkets(
  datasets: Pick<Datasets, 'list'>,
  graph: StrategyGraph,
  dataset: Dataset,
  settings: BacktestSettingsInput | undefined,
  // Training plans a Model block's feature graph, which has no actions of its own.
  compile: { allowNoActions?: boolean; includeUnusedNodes?: boolean } = {},
): OtherMarketPlan[] {
  const sources = compileStrategy(graph, compile).otherMarkets;
  if (sources.length === 0) return [];
  const same = validateStrategyGraph(graph, { market: dataset.symbol }).find((i) => i.code === 'same_market');
  if (same) throw new TradewindError('invalid_input', `${same.message} (data set: ${dataset.label}).`);
  const first = sources[0]!;
  const block = `The "Other market" block (node "${first.nodeId}")`;
  if (dataset.exchangeId === null) {
    throw new TradewindError(
      'invalid_input',
      `${block} reads ${first.market} from the same exchange as the data set, but ${dataset.label} does not say which exchange it comes from. Backtest it on a downloaded or bundled data set of a known exchange.`,
    );
  }
  const from = settings?.startTime ?? dataset.firstTime ?? 0;
  const to = settings?.endTime ?? dataset.lastTime ?? 0;
  const stored = datasets.list();
  const plans: OtherMarketPlan[] = [];
  for (const source of sources) {
    if (plans.some((p) => p.market === source.market)) continue;
    const candidates = stored.filter(
      (d) => d.exchangeId === dataset.exchangeId && d.symbol === source.market && d.timeframe === dataset.timeframe && d.bars > 0,
    );
    // The series that covers most of the run's range (a download and a bundled set may both exist).
    let best: { id: string; overlap: number } | null = null;
    for (const d of candidates) {
      const overlap = Math.min(to, d.lastTime ?? -Infinity) - Math.max(from, d.firstTime ?? Infinity);
      if (overlap >= 0 && (best === null || overlap > best.overlap)) best = { id: d.id, overlap };
    }
    if (best === null) {
      const held = candidates.map((d) => `${formatTime(d.firstTime)} to ${formatTime(d.lastTime)}`).join(', ');
      throw new TradewindError(
        'invalid_input',
        `The "Other market" block (node "${source.nodeId}") reads ${source.market} ${dataset.timeframe} candles of ${dataset.exchangeId}, and none are stored for ${formatTime(from)} to ${formatTime(to)}${held ? ` (stored: ${held})` : ''}. Download ${source.market} ${dataset.timeframe} from ${dataset.exchangeId} for that range in the Data panel, then run it again.`,
      );
    }
    plans.push({ market: source.market, datasetId: best.id });
  }
  return plans;
}

/** The planned markets' bars (inside the job: reading a long series from SQLite takes a moment). */
export function loadOtherMarkets(datasets: Pick<Datasets, 'load'>, plans: readonly OtherMarketPlan[]): OtherMarketBars | undefined {
  if (plans.length === 0) return undefined;
  return Object.fromEntries(plans.map((plan) => [plan.market, datasets.load(plan.datasetId).candles]));
}

function formatTime(time: number | null): string {
  return time === null ? '(no bars)' : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
