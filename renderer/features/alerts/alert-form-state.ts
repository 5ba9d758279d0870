/**
 * The alert form's text fields and their check before anything is sent: each rule kind's fields,
 * numbers read with the person's decimal mark, and a message per field saying what is wrong.
 * Core checks again (market, timeframe, strategy) and its refusal is shown as the form's error.
 */
import type { Timeframe } from '../../../shared/domain/types';
import type { AlertConditionType, AlertDirection, AlertRuleInput, AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import type { BotIssue } from '../../../shared/ipc/schemas/bots';
import { formatForInput, parseDecimal, type DecimalSeparator } from '../../lib/number-format/number-format';

export interface AlertFormValues {
  name: string;
  symbol: string;
  type: AlertConditionType;
  level: string;
  direction: AlertDirection;
  pct: string;
  windowMinutes: string;
  timeframe: Timeframe;
  factor: string;
  bars: string;
  strategyId: string;
  signal: 'enter' | 'exit';
  repeat: 'once' | 'repeat';
  cooldownMinutes: string;
  /** `YYYY-MM-DDTHH:mm` in UTC, or empty for no expiry. */
  expiresAt: string;
}

export const CONDITION_TYPES: ReadonlyArray<{ value: AlertConditionType; label: string }> = [
  { value: 'price_cross', label: 'Price crosses a level' },
  { value: 'pct_move', label: '% move within a window' },
  { value: 'volume_spike', label: 'Volume spike' },
  { value: 'condition', label: 'Strategy condition' },
];

export function emptyAlertForm(symbol: string, level?: number, separator?: DecimalSeparator): AlertFormValues {
  return {
    name: '',
    symbol,
    type: 'price_cross',
    level: level === undefined ? '' : formatForInput(level, separator),
    direction: 'either',
    pct: '2',
    windowMinutes: '15',
    timeframe: '5m',
    factor: '3',
    bars: '20',
    strategyId: '',
    signal: 'enter',
    repeat: 'once',
    cooldownMinutes: '15',
    expiresAt: '',
  };
}

const toUtcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

export function alertFormFrom(rule: AlertRuleView, separator?: DecimalSeparator): AlertFormValues {
  const values = { ...emptyAlertForm(rule.symbol, undefined, separator), name: rule.name, type: rule.condition.type };
  const c = rule.condition;
  if (c.type === 'price_cross') Object.assign(values, { level: formatForInput(c.level, separator), direction: c.direction });
  if (c.type === 'pct_move')
    Object.assign(values, { pct: formatForInput(c.pct, separator), windowMinutes: String(c.windowMs / 60_000), direction: c.direction });
  if (c.type === 'volume_spike')
    Object.assign(values, { timeframe: c.timeframe, factor: formatForInput(c.factor, separator), bars: String(c.bars) });
  if (c.type === 'condition') Object.assign(values, { timeframe: c.timeframe, strategyId: c.strategyId, signal: c.signal });
  if (rule.repeat.mode === 'repeat') Object.assign(values, { repeat: 'repeat', cooldownMinutes: String(rule.repeat.cooldownMs / 60_000) });
  if (rule.expiresAt !== null) values.expiresAt = toUtcInput(rule.expiresAt);
  return values;
}

export type AlertFormCheck = { ok: true; input: AlertRuleInput } | { ok: false; issues: Map<string, BotIssue[]> };

/** The rule to send, or the issues per field (`level`, `pct`, `windowMinutes`, …). */
export function checkAlertForm(values: AlertFormValues, accountId: string, now: number, separator?: DecimalSeparator): AlertFormCheck {
  const issues = new Map<string, BotIssue[]>();
  const fail = (field: string, message: string) => issues.set(field, [{ severity: 'error', field, message }]);
  const positive = (field: string, text: string, what: string): number => {
    const parsed = parseDecimal(text, separator);
    if (!parsed.ok) {
      fail(field, parsed.empty ? `Enter ${what}.` : parsed.message);
      return NaN;
    }
    if (!(parsed.value > 0)) fail(field, `${what[0]?.toUpperCase()}${what.slice(1)} must be above 0.`);
    return parsed.value;
  };
  const whole = (field: string, text: string, min: number, max: number, what: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max)
      fail(field, `${what} must be a whole number from ${min} to ${max}.`);
    return value;
  };

  if (!/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/.test(values.symbol.trim()))
    fail('symbol', 'Pick a market from the list, e.g. BTC/USDT.');
  let condition: AlertRuleInput['condition'] | null = null;
  if (values.type === 'price_cross') {
    const level = positive('level', values.level, 'a price level');
    condition = { type: 'price_cross', level, direction: values.direction };
  } else if (values.type === 'pct_move') {
    const pct = positive('pct', values.pct, 'a move in %');
    if (pct > 1000) fail('pct', 'The move must be at most 1000 %.');
    const minutes = whole('windowMinutes', values.windowMinutes, 1, 10_080, 'The window (minutes)');
    condition = { type: 'pct_move', pct, windowMs: minutes * 60_000, direction: values.direction };
  } else if (values.type === 'volume_spike') {
    const factor = positive('factor', values.factor, 'a multiple of the average');
    if (factor < 1.1) fail('factor', 'The multiple must be at least 1.1 × the average.');
    const bars = whole('bars', values.bars, 3, 500, 'The number of bars');
    condition = { type: 'volume_spike', timeframe: values.timeframe, factor, bars };
  } else {
    if (values.strategyId === '') fail('strategyId', 'Pick a saved strategy: its entry or exit condition is the alert.');
    condition = { type: 'condition', timeframe: values.timeframe, strategyId: values.strategyId, signal: values.signal };
  }

  let repeat: AlertRuleInput['repeat'] = { mode: 'once' };
  if (values.repeat === 'repeat') {
    const minutes = whole('cooldownMinutes', values.cooldownMinutes, 1, 43_200, 'The cool-down (minutes)');
    repeat = { mode: 'repeat', cooldownMs: minutes * 60_000 };
  }
  let expiresAt: number | null = null;
  if (values.expiresAt.trim() !== '') {
    expiresAt = Date.parse(`${values.expiresAt.trim()}:00Z`);
    if (!Number.isFinite(expiresAt)) fail('expiresAt', 'Enter the expiry as a date and time (UTC), or leave it empty.');
    else if (expiresAt <= now) fail('expiresAt', 'The expiry is in the past: pick a later time, or leave it empty.');
  }
  if (issues.size > 0 || condition === null) return { ok: false, issues };
  const name = values.name.trim();
  return {
    ok: true,
    input: { accountId, symbol: values.symbol.trim(), condition, repeat, expiresAt, ...(name ? { name } : {}) },
  };
}
