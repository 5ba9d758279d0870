import type { BotKind, BotLevel, BotMode, BotState, BotStopReason, BotView, CircuitState } from '../../../shared/ipc/schemas/bots';
import { formatUtcClock } from '../../lib/format/time';

export const KIND_NAMES: Record<BotKind, string> = {
  grid: 'Grid',
  dca: 'DCA',
  strategy: 'Strategy',
  signal: 'Signal',
  rebalance: 'Rebalance',
};
export const MODE_NAMES: Record<BotMode, string> = { paper: 'Paper', live: 'Live' };

export const STATE_NAMES: Record<BotState, string> = {
  stopped: 'Stopped',
  running: 'Running',
  paused: 'Paused',
  stopping: 'Stopping…',
  error: 'Error',
};

/** The state badge's tone (see ui/chips.css `.state-badge--*`). */
export const STATE_TONES: Record<BotState, 'ok' | 'pending' | 'warn' | 'error' | 'idle'> = {
  stopped: 'idle',
  running: 'ok',
  paused: 'warn',
  stopping: 'pending',
  error: 'error',
};

export const STOP_REASON_NAMES: Record<BotStopReason, string> = {
  manual: 'Stopped by hand',
  kill_switch: 'Kill switch',
  daily_loss: 'Max daily loss reached',
  take_profit: 'Take-profit reached',
  stop_loss: 'Stop-loss reached',
  key_revoked: 'API key revoked',
  storage_failing: 'Cannot save (disk full?)',
  no_trade_rights: 'Key has no trade rights',
  error: 'Error',
};

export const LEVEL_NAMES: Record<BotLevel['kind'], string> = {
  grid_buy: 'Grid buy',
  grid_sell: 'Grid sell',
  grid_idle: 'Grid level',
  safety: 'Safety order',
  take_profit: 'Take-profit',
  stop_loss: 'Stop-loss',
  average: 'Average price',
  bound: 'Bound',
};

/** "3d 4h", "2h 05m", "4m 09s", "12s": compact enough for a dense column. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(secs)}s`;
  return `${secs}s`;
}

/** Running or paused bots have an uptime; a stopped one shows a dash. */
export function uptimeOf(bot: Pick<BotView, 'startedAt' | 'state'>, now: number): string {
  if (bot.startedAt === null || bot.state === 'stopped' || bot.state === 'error') return '—';
  return formatDuration(now - bot.startedAt);
}

export function quoteOf(symbol: string): string {
  // A perpetual swap (BTC/USDT:USDT) is quoted in what comes before its settle suffix.
  return (symbol.split(':')[0] ?? symbol).split('/')[1] ?? '';
}

/** What the bot form says about a strategy bot on a USDT perpetual swap (shorts, leverage, funding, liquidation). */
export const PERPETUAL_STRATEGY_NOTE =
  'USDT perpetual at 1× leverage (set before the first order): “Enter short” sells the capital’s worth at market, “Exit short” buys the whole short back reduce-only, and the long exit is reduce-only too. Funding is not modelled: the exchange settles it in the wallet and the bot’s PnL leaves it out; backtests count it only as the “Enter short” block’s borrow / funding rate (0: not modelled, the backtest warns). Backtests model no liquidation.';

/**
 * The circuit breaker in words, or null while requests flow: "Exchange errors: paused until
 * 14:03 UTC (rate limited)". Times are UTC like every clock in the app.
 */
export function describeCircuit(circuit: CircuitState): string | null {
  if (circuit.state === 'closed') return null;
  const cause = circuit.lastError ? ` (${circuit.lastError})` : '';
  if (circuit.state === 'half_open') return `Exchange errors: trying one request to see whether the exchange recovered${cause}.`;
  const until = circuit.until !== null ? ` until ${formatUtcClock(circuit.until)}` : '';
  return `Exchange errors: paused${until} after ${circuit.failures} failure${circuit.failures === 1 ? '' : 's'}${cause}.`;
}

/** Why a stopped bot stopped (or core paused it, e.g. after a key revoke), for the detail header and the list's tooltip. */
export function describeStop(bot: Pick<BotView, 'state' | 'stopReason' | 'stopDetail'>): string | null {
  if (bot.state !== 'stopped' && bot.state !== 'error' && !(bot.state === 'paused' && bot.stopReason)) return null;
  if (!bot.stopReason) return bot.stopDetail;
  const name = STOP_REASON_NAMES[bot.stopReason];
  return bot.stopDetail ? `${name}: ${bot.stopDetail}` : name;
}
