import { useEffect, useId, useMemo, useState } from 'react';
import type { BotInput } from '../../../../shared/ipc/schemas/bots';
import type { Dataset } from '../../../../shared/ipc/schemas/strategies';
import { formatMoney } from '../../../lib/format/numbers';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { parseDecimal } from '../../../lib/number-format/number-format';
import { BacktestResults } from '../../strategies/lab/BacktestResults';
import { BacktestRunControls } from '../../strategies/lab/BacktestRunControls';
import { useBotBacktest } from './use-bot-backtest';

interface BotBacktestPanelProps {
  /** The form's settings when they check out; null while something must be fixed first. */
  input: BotInput | null;
  /** Why the settings cannot be backtested yet (the form's own check); null when they can. */
  blockedBy: string | null;
  symbol: string;
}

const STATE_WORDS: Record<string, string> = {
  running: 'still running',
  stopped: 'stopped',
  error: 'stopped with an error',
};

/**
 * Backtest of the grid or DCA settings in the form, before the bot exists: core runs them on a
 * data set of the bot's market with the same kind code a paper bot runs (see bots.backtest),
 * with progress and Cancel; the results are the strategy lab's own metrics, charts and trades.
 */
export function BotBacktestPanel({ input, blockedBy, symbol }: BotBacktestPanelProps) {
  const client = useRpcClient();
  const titleId = useId();
  const cashId = useId();
  const feeId = useId();
  const datasetId = useId();
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [datasetsError, setDatasetsError] = useState<string | null>(null);
  const [chosen, setChosen] = useState('');
  const [cash, setCash] = useState('10000');
  const [feePct, setFeePct] = useState('');
  const { run, start, cancel, running } = useBotBacktest();

  useEffect(() => {
    client.call('datasets.list').then(setDatasets, (error: unknown) => setDatasetsError(describeError(error)));
  }, [client]);
  const matching = useMemo(
    () => (datasets ?? []).filter((d) => d.symbol.toUpperCase() === symbol.toUpperCase() && d.bars >= 2),
    [datasets, symbol],
  );
  const dataset = matching.find((d) => d.id === chosen) ?? matching[0] ?? null;
  const cashValue = parseDecimal(cash);
  const feeValue = feePct.trim() === '' ? null : parseDecimal(feePct);

  const blocked =
    blockedBy ??
    (running
      ? 'A backtest is running.'
      : !dataset
        ? `No ${symbol} data set yet.`
        : !cashValue.ok || cashValue.value <= 0
          ? 'Enter the starting cash (a positive number).'
          : feeValue && (!feeValue.ok || feeValue.value < 0 || feeValue.value > 10)
            ? 'Enter the fee as a percent between 0 and 10, or leave it empty for the market’s.'
            : null);

  const go = () => {
    if (blocked || !input || !dataset || !cashValue.ok) return;
    void start(input, dataset.id, {
      startingCash: cashValue.value,
      ...(feeValue?.ok ? { feeRate: feeValue.value / 100 } : {}),
    });
  };

  const result = run.result;
  const quote = symbol.split('/')[1] ?? '';
  return (
    <section className="bot-backtest" aria-labelledby={titleId} data-testid="bot-backtest">
      <h3 className="bot-form-section" id={titleId}>
        Backtest on history
      </h3>
      <p className="field-hint">
        Runs these settings with the same code a paper bot runs, on recorded bars: each bar is walked open → far extreme → near extreme →
        close, and paper orders fill where that path touches them.
      </p>
      {datasetsError ? <p className="note note--error">Could not list the data sets: {datasetsError}</p> : null}
      {datasets && matching.length === 0 ? (
        <p className="note" data-testid="no-datasets">
          No {symbol} data set yet. Open a strategy in Strategies and use “Download history…” above its backtest (or import a CSV), then
          backtest here.
        </p>
      ) : null}
      <div className="bot-form-grid">
        <div className="field">
          <label className="field-label" htmlFor={datasetId}>
            Data set
          </label>
          <select
            id={datasetId}
            className="select"
            value={dataset?.id ?? ''}
            disabled={running || matching.length === 0}
            onChange={(event) => setChosen(event.target.value)}
          >
            {matching.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label} · {d.timeframe} · {d.bars.toLocaleString('en-US')} bars
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={cashId}>
            Starting cash <span className="bot-field-unit">({quote})</span>
          </label>
          <input
            id={cashId}
            className="input num"
            inputMode="decimal"
            autoComplete="off"
            value={cash}
            disabled={running}
            onChange={(event) => setCash(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={feeId}>
            Fee per fill <span className="bot-field-unit">(%)</span>
          </label>
          <input
            id={feeId}
            className="input num"
            inputMode="decimal"
            autoComplete="off"
            placeholder="market’s"
            value={feePct}
            disabled={running}
            onChange={(event) => setFeePct(event.target.value)}
          />
        </div>
      </div>
      <BacktestRunControls
        onRun={go}
        blocked={blocked}
        showProgress={running && run.jobId !== null}
        progressLabel="Bot backtest progress"
        progress={run.progress}
        onCancel={cancel}
        error={run.error}
      />
      {result ? (
        <BacktestResults
          result={result}
          label="Bot backtest results"
          testId="bot-backtest-results"
          tradesTitle="Round trips on the price chart"
        >
          <p className="note num" data-testid="bot-backtest-summary">
            The {result.bot.kind === 'grid' ? 'grid' : 'DCA bot'} booked {formatMoney(result.bot.realisedPnl, quote)} over{' '}
            {result.fillsTotal} fills and was {STATE_WORDS[result.bot.state] ?? result.bot.state} at the end
            {result.bot.stopDetail ? ` (${result.bot.stopDetail})` : ''}.
          </p>
        </BacktestResults>
      ) : null}
    </section>
  );
}
