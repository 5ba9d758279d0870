/**
 * The index bot form as typed text, and its reading into the bot's settings: numbers are read by
 * the person's decimal mark, the basket is checked with the shared schema (sum, negative,
 * duplicates), and each problem is reported on its field.
 */
import type { Account } from '../../../shared/ipc/contract';
import type { BotInput, BotView } from '../../../shared/ipc/schemas/bots';
import { BasketSchema, type Basket, type RebalanceConfig } from '../../../shared/ipc/schemas/rebalance';
import { formatForInput, parseDecimal } from '../../lib/number-format/number-format';

export interface BasketRow {
  asset: string;
  weight: string;
}

export interface IndexFormValues {
  name: string;
  accountId: string;
  quote: string;
  rows: BasketRow[];
  driftPct: string;
  intervalHours: string;
  minTrade: string;
  capitalCap: string;
}

export type FormErrors = Partial<Record<'name' | 'quote' | 'basket' | 'driftPct' | 'intervalHours' | 'minTrade' | 'capitalCap', string>>;

export function defaultIndexValues(accountId: string): IndexFormValues {
  return {
    name: 'Index',
    accountId,
    quote: 'USDT',
    rows: [
      { asset: 'BTC', weight: '50' },
      { asset: 'ETH', weight: '50' },
    ],
    driftPct: '5',
    intervalHours: '',
    minTrade: '10',
    capitalCap: '1000',
  };
}

/** The form as an index bot's settings, to change them while it is stopped. */
export function valuesFromIndexBot(bot: BotView): IndexFormValues {
  const config = bot.config as RebalanceConfig;
  const text = (n: number | null) => (n === null ? '' : formatForInput(n));
  return {
    name: bot.name,
    accountId: bot.accountId,
    quote: config.quote,
    rows: config.basket.map((e) => ({ asset: e.asset, weight: formatForInput(e.weight) })),
    driftPct: text(config.driftPct),
    intervalHours: text(config.intervalHours),
    minTrade: formatForInput(config.minTrade),
    capitalCap: formatForInput(bot.risk.capitalCap),
  };
}

export type ReadResult = { ok: true; config: RebalanceConfig; capitalCap: number; basket: Basket } | { ok: false; errors: FormErrors };

/** Reads the form; an empty drift or schedule field means that trigger is off. */
export function readIndexForm(values: IndexFormValues): ReadResult {
  const errors: FormErrors = {};
  const number = (field: keyof FormErrors, text: string, optional: boolean): number | null => {
    const parsed = parseDecimal(text);
    if (parsed.ok) return parsed.value;
    if (parsed.empty && optional) return null;
    errors[field] = parsed.message;
    return null;
  };
  if (values.name.trim() === '') errors.name = 'Give the bot a name.';
  const quote = values.quote.trim().toUpperCase();
  if (!/^[A-Z0-9._-]{1,20}$/.test(quote)) errors.quote = 'Type the currency the basket trades in, e.g. USDT.';
  const rows = values.rows.filter((r) => r.asset.trim() !== '' || r.weight.trim() !== '');
  const entries = rows.map((r) => {
    const parsed = parseDecimal(r.weight);
    if (!parsed.ok) errors.basket ??= `${r.asset.trim() || 'A row'}: ${parsed.empty ? 'enter a weight.' : parsed.message}`;
    return { asset: r.asset.trim(), weight: parsed.ok ? parsed.value : 0 };
  });
  let basket: Basket = [];
  if (!errors.basket) {
    const checked = BasketSchema.safeParse(entries);
    if (checked.success) basket = checked.data;
    else errors.basket = checked.error.issues.map((i) => i.message).join('; ');
  }
  const driftPct = number('driftPct', values.driftPct, true);
  const intervalHours = number('intervalHours', values.intervalHours, true);
  const minTrade = number('minTrade', values.minTrade, false);
  const capitalCap = number('capitalCap', values.capitalCap, false);
  if (driftPct !== null && !(driftPct > 0 && driftPct <= 50)) errors.driftPct = 'A drift threshold is between 0 and 50 percentage points.';
  if (intervalHours !== null && !(intervalHours > 0)) errors.intervalHours = 'A schedule is a number of hours above 0.';
  if (driftPct === null && intervalHours === null && !errors.driftPct && !errors.intervalHours)
    errors.driftPct = 'Choose a drift threshold, a schedule or both: with neither the bot never rebalances.';
  if (minTrade !== null && minTrade < 0) errors.minTrade = 'The minimum trade cannot be negative.';
  if (capitalCap !== null && !(capitalCap > 0)) errors.capitalCap = 'The capital cap must be above 0.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    basket,
    capitalCap: capitalCap!,
    config: { kind: 'rebalance', quote, basket, driftPct, intervalHours, minTrade: minTrade! },
  };
}

/** The bot's settings: its market is the basket's first coin against the quote (the bot trades them all). */
export function indexBotInput(
  values: IndexFormValues,
  read: Extract<ReadResult, { ok: true }>,
  account: Account,
  editing?: BotView,
): BotInput {
  const coins = read.basket.filter((e) => e.asset !== read.config.quote);
  const maxOpenOrders = Math.max(editing?.risk.maxOpenOrders ?? 10, coins.length * 2);
  return {
    name: values.name.trim(),
    accountId: account.id,
    symbol: `${coins[0]?.asset ?? 'BTC'}/${read.config.quote}`,
    timeframe: '1h',
    mode: account.kind === 'paper' ? 'paper' : 'live',
    config: read.config,
    risk: { capitalCap: read.capitalCap, maxOpenOrders, maxDailyLoss: null },
  };
}
