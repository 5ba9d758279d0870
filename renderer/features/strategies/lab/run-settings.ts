/**
 * The lab's form as typed, turned into backtest settings, or the reason it cannot be. The Run
 * button shows the first reason next to it; nothing is sent while there is one.
 */
import type { BacktestSettingsInput } from '../../../../shared/strategy/backtest-schema';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import type { LabSettingsForm } from '../store/lab-slice';

const DAY_MS = 86_400_000;

export type SettingsOutcome = { ok: true; settings: BacktestSettingsInput } | { ok: false; reason: string };

function utcDay(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) ? ms : null;
}

export function parseLabSettings(form: LabSettingsForm): SettingsOutcome {
  const cash = Number(form.startingCash);
  if (form.startingCash.trim() === '' || !Number.isFinite(cash) || cash <= 0)
    return { ok: false, reason: 'Starting cash must be a positive number.' };
  const feePct = Number(form.feePct);
  if (form.feePct.trim() === '' || !Number.isFinite(feePct) || feePct < 0 || feePct > 10)
    return { ok: false, reason: 'The fee must be between 0 and 10 %.' };
  const slippage = Number(form.slippageBps);
  if (form.slippageBps.trim() === '' || !Number.isFinite(slippage) || slippage < 0 || slippage > 1000) {
    return { ok: false, reason: 'Slippage must be between 0 and 1000 basis points.' };
  }
  const from = form.from ? utcDay(form.from) : null;
  const to = form.to ? utcDay(form.to) : null;
  if (form.from && from === null) return { ok: false, reason: 'The start date is not a date.' };
  if (form.to && to === null) return { ok: false, reason: 'The end date is not a date.' };
  // The end date is inclusive: the range ends at the start of the next day.
  const endTime = to === null ? undefined : to + DAY_MS;
  if (from !== null && endTime !== undefined && from >= endTime)
    return { ok: false, reason: 'The start date must be on or before the end date.' };
  return {
    ok: true,
    settings: {
      startingCash: cash,
      feeRate: feePct / 100,
      slippageBps: slippage,
      ...(from === null ? {} : { startTime: from }),
      ...(endTime === undefined ? {} : { endTime }),
    },
  };
}

/** Why a run cannot start, in the order a person would fix things; null when it can. */
export function runBlockedReason(args: {
  hasStrategy: boolean;
  issues: readonly StrategyIssue[];
  datasetId: string | null;
  settings: SettingsOutcome;
  running: boolean;
}): string | null {
  if (!args.hasStrategy) return 'Open a strategy to backtest it.';
  const errors = args.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) {
    return `Fix ${errors.length} error${errors.length === 1 ? '' : 's'} in the strategy first: ${errors[0]!.message}`;
  }
  if (!args.datasetId) return 'Choose a data set.';
  if (!args.settings.ok) return args.settings.reason;
  if (args.running) return 'A run is in progress.';
  return null;
}
