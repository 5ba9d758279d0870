/**
 * The create/edit form's values (text as typed, so a half-typed number is never lost) and their
 * conversion into a `BotInput`. Problems found here carry the same dotted field paths as core's
 * `bots.validate` issues, so both show next to the same field.
 */
import type { Timeframe } from '../../../../shared/domain/types';
import { parseDecimal } from '../../../lib/number-format/number-format';
import { humanIssue } from '../../../lib/validation/human-issue';
import {
  BotInputSchema,
  type BotInput,
  type BotIssue,
  type BotKind,
  type BotMode,
  type BotView,
} from '../../../../shared/ipc/schemas/bots';

export interface GridValues {
  lower: string;
  upper: string;
  levels: string;
  spacing: 'arithmetic' | 'geometric';
  investment: string;
  stopLoss: string;
  takeProfit: string;
  /** Confirmed: run although the step does not cover the round-trip fees. */
  acceptFeeLoss: boolean;
}

export interface DcaValues {
  baseOrder: string;
  safetyOrder: string;
  safetyOrders: string;
  priceDeviationPct: string;
  stepScale: string;
  volumeScale: string;
  takeProfitPct: string;
  maxActiveDeals: string;
  start: 'immediately' | 'signal';
  strategyId: string;
}

export interface StrategyValues {
  strategyId: string;
  capital: string;
  /** Retraining of the strategy's walk-forward Model blocks. */
  retrainEvery: 'never' | 'bars' | 'hours' | 'days';
  retrainN: string;
}

export interface SignalValues {
  sourceId: string;
  sizeUnit: 'base' | 'quote' | 'percent';
  sizeValue: string;
  maxOpenDeals: string;
  useSignalSize: boolean;
}

export interface RiskValues {
  capitalCap: string;
  maxOpenOrders: string;
  maxDailyLoss: string;
}

export type FormKind = Exclude<BotKind, 'rebalance'>;

/** Every kind's settings are kept, so switching kind back and forth loses nothing. */
export interface BotFormValues {
  name: string;
  accountId: string;
  symbol: string;
  timeframe: Timeframe;
  mode: BotMode;
  /** The rebalance bot has its own form in the Index view. */
  kind: FormKind;
  grid: GridValues;
  dca: DcaValues;
  strategy: StrategyValues;
  signal: SignalValues;
  risk: RiskValues;
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** A sensible starting point: a grid ±10 % around the last price, a modest DCA, paper mode. */
export function defaultValues(accountId: string, symbol: string, lastPrice: number | null): BotFormValues {
  const round = (value: number) => Number(value.toPrecision(5));
  return {
    name: '',
    accountId,
    symbol,
    timeframe: '5m',
    mode: 'paper',
    kind: 'grid',
    grid: {
      lower: lastPrice ? text(round(lastPrice * 0.9)) : '',
      upper: lastPrice ? text(round(lastPrice * 1.1)) : '',
      levels: '10',
      spacing: 'arithmetic',
      investment: '1000',
      stopLoss: '',
      takeProfit: '',
      acceptFeeLoss: false,
    },
    dca: {
      baseOrder: '50',
      safetyOrder: '100',
      safetyOrders: '5',
      priceDeviationPct: '1.5',
      stepScale: '1',
      volumeScale: '1.5',
      takeProfitPct: '1.5',
      maxActiveDeals: '1',
      start: 'immediately',
      strategyId: '',
    },
    strategy: { strategyId: '', capital: '100', retrainEvery: 'never', retrainN: '24' },
    signal: { sourceId: '', sizeUnit: 'quote', sizeValue: '50', maxOpenDeals: '1', useSignalSize: true },
    risk: { capitalCap: '1500', maxOpenOrders: '50', maxDailyLoss: '' },
  };
}

/** What fills the form: an existing bot, or a preset's settings with a name. */
export type FormSettings = Pick<BotView, 'name' | 'accountId' | 'symbol' | 'timeframe' | 'mode' | 'config' | 'risk'>;

/** The form as an existing bot's (or a preset's) settings (other kinds keep their defaults). */
export function valuesFromBot(bot: FormSettings): BotFormValues {
  const values = defaultValues(bot.accountId, bot.symbol, null);
  values.name = bot.name;
  values.timeframe = bot.timeframe;
  values.mode = bot.mode;
  values.kind = bot.config.kind === 'rebalance' ? 'grid' : bot.config.kind;
  values.risk = {
    capitalCap: text(bot.risk.capitalCap),
    maxOpenOrders: text(bot.risk.maxOpenOrders),
    maxDailyLoss: text(bot.risk.maxDailyLoss),
  };
  const config = bot.config;
  if (config.kind === 'grid') {
    values.grid = {
      lower: text(config.lower),
      upper: text(config.upper),
      levels: text(config.levels),
      spacing: config.spacing,
      investment: text(config.investment),
      stopLoss: text(config.stopLoss),
      takeProfit: text(config.takeProfit),
      acceptFeeLoss: config.acceptFeeLoss === true,
    };
  } else if (config.kind === 'dca') {
    values.dca = {
      baseOrder: text(config.baseOrder),
      safetyOrder: text(config.safetyOrder),
      safetyOrders: text(config.safetyOrders),
      priceDeviationPct: text(config.priceDeviationPct),
      stepScale: text(config.stepScale),
      volumeScale: text(config.volumeScale),
      takeProfitPct: text(config.takeProfitPct),
      maxActiveDeals: text(config.maxActiveDeals),
      start: config.start,
      strategyId: config.strategyId ?? '',
    };
  } else if (config.kind === 'signal') {
    values.signal = {
      sourceId: config.sourceId,
      sizeUnit: config.size.unit,
      sizeValue: text(config.size.value),
      maxOpenDeals: text(config.maxOpenDeals),
      useSignalSize: config.useSignalSize,
    };
  } else if (config.kind === 'strategy') {
    const retrain = config.retrain ?? { every: 'never' as const };
    values.strategy = {
      strategyId: config.strategyId,
      capital: text(config.capital),
      retrainEvery: retrain.every,
      retrainN: retrain.every === 'never' ? '24' : text(retrain.n),
    };
  }
  return values;
}

export type FormResult = { ok: true; input: BotInput } | { ok: false; issues: BotIssue[] };

/**
 * Converts the form: numbers must parse (an optional one may be left empty), then the contract's
 * own schema checks ranges and shapes. Returns every problem with its field path.
 */
export function toBotInput(values: BotFormValues, knownSymbols: ReadonlySet<string> | null): FormResult {
  const issues: BotIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ severity: 'error', field, message });

  const required = (field: string, raw: string): number => {
    const trimmed = raw.trim();
    if (trimmed === '') {
      issue(field, 'Enter a number.');
      return Number.NaN;
    }
    // The same reading as the ticket: the chosen decimal mark, no hex ("0x10"), no exponents.
    const parsed = parseDecimal(trimmed);
    if (!parsed.ok) {
      issue(field, parsed.message);
      return Number.NaN;
    }
    return parsed.value;
  };
  const optional = (field: string, raw: string): number | null => (raw.trim() === '' ? null : required(field, raw));

  let config: unknown;
  if (values.kind === 'grid') {
    const grid = values.grid;
    config = {
      kind: 'grid',
      lower: required('config.lower', grid.lower),
      upper: required('config.upper', grid.upper),
      levels: required('config.levels', grid.levels),
      spacing: grid.spacing,
      investment: required('config.investment', grid.investment),
      stopLoss: optional('config.stopLoss', grid.stopLoss),
      takeProfit: optional('config.takeProfit', grid.takeProfit),
      ...(grid.acceptFeeLoss ? { acceptFeeLoss: true } : {}),
    };
  } else if (values.kind === 'dca') {
    const dca = values.dca;
    if (dca.start === 'signal' && dca.strategyId === '')
      issue('config.strategyId', 'Pick the saved strategy whose entry signal opens a deal.');
    config = {
      kind: 'dca',
      baseOrder: required('config.baseOrder', dca.baseOrder),
      safetyOrder: required('config.safetyOrder', dca.safetyOrder),
      safetyOrders: required('config.safetyOrders', dca.safetyOrders),
      priceDeviationPct: required('config.priceDeviationPct', dca.priceDeviationPct),
      stepScale: required('config.stepScale', dca.stepScale),
      volumeScale: required('config.volumeScale', dca.volumeScale),
      takeProfitPct: required('config.takeProfitPct', dca.takeProfitPct),
      maxActiveDeals: required('config.maxActiveDeals', dca.maxActiveDeals),
      start: dca.start,
      strategyId: dca.strategyId === '' ? null : dca.strategyId,
    };
  } else if (values.kind === 'signal') {
    const signal = values.signal;
    if (signal.sourceId === '')
      issue('config.sourceId', 'Pick the signal source whose signals drive this bot (create one in the Signals panel).');
    config = {
      kind: 'signal',
      sourceId: signal.sourceId,
      size: { unit: signal.sizeUnit, value: required('config.size.value', signal.sizeValue) },
      maxOpenDeals: required('config.maxOpenDeals', signal.maxOpenDeals),
      useSignalSize: signal.useSignalSize,
    };
  } else {
    if (values.strategy.strategyId === '') issue('config.strategyId', 'Pick a saved strategy (build one in the Strategies workspace).');
    const { retrainEvery } = values.strategy;
    config = {
      kind: 'strategy',
      strategyId: values.strategy.strategyId,
      capital: required('config.capital', values.strategy.capital),
      ...(retrainEvery === 'never' ? {} : { retrain: { every: retrainEvery, n: required('config.retrain.n', values.strategy.retrainN) } }),
    };
  }
  const risk = {
    capitalCap: required('risk.capitalCap', values.risk.capitalCap),
    maxOpenOrders: required('risk.maxOpenOrders', values.risk.maxOpenOrders),
    maxDailyLoss: optional('risk.maxDailyLoss', values.risk.maxDailyLoss),
  };
  if (values.accountId === '') issue('accountId', 'Pick the account the bot trades on.');
  const symbol = values.symbol.trim();
  if (symbol === '') issue('symbol', 'Pick a market, e.g. BTC/USDT.');
  else if (knownSymbols && knownSymbols.size > 0 && !knownSymbols.has(symbol))
    issue('symbol', `${symbol} is not a market of this account; pick one from the list.`);

  const parsed = BotInputSchema.safeParse({
    name: values.name,
    accountId: values.accountId,
    symbol,
    timeframe: values.timeframe,
    mode: values.mode,
    config,
    risk,
  });
  if (!parsed.success) {
    const seen = new Set(issues.map((known) => known.field));
    for (const problem of parsed.error.issues) {
      const field = problem.path.map(String).join('.');
      // A field already reported (e.g. "Enter a number") keeps that clearer message.
      if (seen.has(field)) continue;
      seen.add(field);
      issue(field, humanIssue(problem));
    }
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, input: parsed.data };
}

/** Issues by field path; `general` holds those no field of the form shows. */
export function groupIssues(
  issues: readonly BotIssue[],
  fields: ReadonlySet<string>,
): { byField: Map<string, BotIssue[]>; general: BotIssue[] } {
  const byField = new Map<string, BotIssue[]>();
  const general: BotIssue[] = [];
  for (const issue of issues) {
    if (!fields.has(issue.field)) {
      general.push(issue);
      continue;
    }
    const list = byField.get(issue.field) ?? [];
    list.push(issue);
    byField.set(issue.field, list);
  }
  return { byField, general };
}
