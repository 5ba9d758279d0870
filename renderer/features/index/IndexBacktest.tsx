import { useEffect, useId, useState } from 'react';
import type { RebalanceBacktestResult, RebalanceConfig } from '../../../shared/ipc/schemas/rebalance';
import type { Dataset } from '../../../shared/ipc/schemas/strategies';
import { formatAmount } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { readDecimal } from '../../lib/number-format/number-format';
import { useJob } from '../models/use-job';
import { JobProgressBar } from '../strategies/lab/JobProgressBar';
import { percentText } from './index-format';

const W = 480;
const H = 120;

/**
 * The basket on history with the bot's own planner and triggers against buy-and-hold of the same
 * first allocation: one data set per coin (its ASSET/quote candles), the usual figures side by
 * side and both equity curves. It runs as a core job on the worker pool: a progress bar with
 * Cancel while it runs; one at a time (Run is disabled meanwhile, and core refuses a second run
 * started elsewhere, saying so).
 */
export function IndexBacktest({ config }: { config: RebalanceConfig }) {
  const client = useRpcClient();
  const titleId = useId();
  const coins = config.basket.filter((e) => e.asset !== config.quote).map((e) => e.asset);
  const [datasets, setDatasets] = useState<Dataset[]>([]);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [cash, setCash] = useState('10000');
  const [feePct, setFeePct] = useState('0.1');
  const [error, setError] = useState<string | null>(null);
  const job = useJob<RebalanceBacktestResult>('indexBacktest', (jobId) => client.call('index.backtestResult', { jobId }));

  useEffect(() => {
    let cancelled = false;
    client.call('datasets.list').then(
      (rows) => {
        if (!cancelled) setDatasets(rows);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client]);

  const ofAsset = (asset: string) => datasets.filter((d) => d.symbol === `${asset}/${config.quote}`);
  // By default one timeframe every coin has a data set of, so the replay has bars in common.
  const timeframe = datasets.map((d) => d.timeframe).find((tf) => coins.every((a) => ofAsset(a).some((d) => d.timeframe === tf)));
  const pick = (asset: string) => chosen[asset] ?? ofAsset(asset).find((d) => d.timeframe === timeframe)?.id ?? ofAsset(asset)[0]?.id ?? '';

  const run = () =>
    void job.start(async () => {
      const missing = coins.filter((a) => pick(a) === '');
      if (missing.length > 0)
        throw new Error(
          `Pick a data set for ${missing.map((a) => `${a}/${config.quote}`).join(', ')} (download or import its history in the Strategy lab).`,
        );
      return client.call('index.backtest', {
        quote: config.quote,
        basket: config.basket,
        datasets: Object.fromEntries(coins.map((a) => [a, pick(a)])),
        driftPct: config.driftPct,
        intervalHours: config.intervalHours,
        minTrade: config.minTrade,
        startingCash: readDecimal(cash, 'Starting cash'),
        feeRate: readDecimal(feePct, 'Fee per trade') / 100,
      });
    });
  const shownError = error ?? job.error;

  return (
    <section className="index-backtest" aria-labelledby={titleId}>
      <h3 id={titleId} className="index-form-title">
        Backtest this basket
      </h3>
      <div className="index-form-grid">
        {coins.map((asset) => (
          <label key={asset} className="field-label">
            {asset}/{config.quote} candles
            <select
              className="input"
              aria-label={`Data set for ${asset}`}
              value={pick(asset)}
              onChange={(e) => setChosen({ ...chosen, [asset]: e.target.value })}
            >
              <option value="">Pick a data set…</option>
              {ofAsset(asset).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field-label">
          Starting cash ({config.quote})
          <input className="input num" aria-label="Starting cash" value={cash} onChange={(e) => setCash(e.target.value)} />
        </label>
        <label className="field-label">
          Fee per trade (%)
          <input className="input num" aria-label="Fee per trade (%)" value={feePct} onChange={(e) => setFeePct(e.target.value)} />
        </label>
      </div>
      <button type="button" className="button" onClick={run} disabled={job.running}>
        {job.running ? 'Running…' : 'Run backtest'}
      </button>
      {job.running ? (
        <JobProgressBar label="Index backtest progress" progress={job.progress} onCancel={job.cancel} cancelLabel="Cancel backtest" />
      ) : null}
      {job.cancelled ? <p className="note">Backtest cancelled: nothing to show. Run it again when you like.</p> : null}
      {shownError ? (
        <p className="field-error" role="alert">
          {shownError}
        </p>
      ) : null}
      {job.result ? <BacktestResult result={job.result} quote={config.quote} /> : null}
    </section>
  );
}

function BacktestResult({ result, quote }: { result: RebalanceBacktestResult; quote: string }) {
  const r = result.rebalance;
  const h = result.buyAndHold;
  const pct = (n: number | null) => (n === null ? '—' : `${percentText(n)} %`);
  const num = (n: number | null) => (n === null ? '—' : percentText(n));
  const rows: Array<[string, string, string]> = [
    ['Final equity', `${formatAmount(r.finalEquity)} ${quote}`, `${formatAmount(h.finalEquity)} ${quote}`],
    ['Return', pct(r.returnPct), pct(h.returnPct)],
    ['CAGR', pct(r.cagrPct), pct(h.cagrPct)],
    ['Max drawdown', pct(r.maxDrawdownPct), pct(h.maxDrawdownPct)],
    ['Sharpe', num(r.sharpe), num(h.sharpe)],
    ['Sortino', num(r.sortino), num(h.sortino)],
    ['Fees paid', `${formatAmount(r.feesPaid)} ${quote}`, `${formatAmount(h.feesPaid)} ${quote}`],
    ['Rounds', String(r.rounds), '1'],
  ];
  const values = result.curve.flatMap(([, a, b]) => [a, b]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const first = result.curve[0]?.[0] ?? 0;
  const last = result.curve[result.curve.length - 1]?.[0] ?? 1;
  const x = (t: number) => ((t - first) / (last - first || 1)) * W;
  const y = (v: number) => H - ((v - min) / span) * (H - 4) - 2;
  const path = (pick: 1 | 2) => result.curve.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[pick]).toFixed(1)}`).join('');
  return (
    <div className="index-backtest-result">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
        role="img"
        aria-label={`Equity over ${result.bars} bars: rebalanced ends at ${formatAmount(r.finalEquity)} ${quote}, buy-and-hold at ${formatAmount(h.finalEquity)} ${quote}`}
      >
        <path d={path(2)} className="index-curve index-curve--hold" />
        <path d={path(1)} className="index-curve index-curve--rebalance" />
      </svg>
      <table className="data-table num">
        <caption className="index-caption">
          {result.bars} bars · <span className="index-key index-key--actual">rebalanced</span>{' '}
          <span className="index-key index-key--hold">buy-and-hold</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Rebalanced</th>
            <th scope="col">Buy-and-hold</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, b]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
