/**
 * The follow-link form as text fields → `CopyRules`, each number read by the person's decimal
 * mark (point or comma) and each problem named by its field, so nothing reaches the host guessed.
 */
import { linkFollowerQuotes, missingCurrencyError } from '../../../shared/copy/link-quotes';
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { parseDecimal, formatForInput, type DecimalSeparator } from '../../lib/number-format/number-format';

export interface CopyRulesFields {
  mode: 'ratio' | 'equity' | 'quote';
  /** Ratio (mode ratio) or quote amount per trade (mode quote). */
  size: string;
  maxPerTrade: string;
  maxTotal: string;
  /** `BTC/USDT=BTC/USDC, ETH/USDT=ETH/USDC` */
  symbolMap: string;
  allow: string;
  deny: string;
  maxSlippagePct: string;
  /** Seconds. */
  maxSignalAgeS: string;
  /** Take-profit / stop: copy the leader's bracket exits, or use the own fields below. */
  protection: 'leader' | 'own';
  takeProfitPct: string;
  stopLossPct: string;
  maxLoss: string;
  /** The currency the amounts are in; '' = each follower market's own quote. */
  currency: string;
}

/** Currencies a link's amounts may be set in (besides each market's own quote). */
export const AMOUNT_CURRENCIES = ['USD', 'USDT', 'USDC', 'EUR', 'BTC'] as const;

/** The "Amounts in" choices: a currency set through the API or MCP (e.g. GBP) is listed too, so editing the link keeps and shows it. */
export function currencyOptions(current: string): string[] {
  const known: readonly string[] = AMOUNT_CURRENCIES;
  return current === '' || known.includes(current) ? [...known] : [...known, current];
}

export const EMPTY_RULES_FIELDS: CopyRulesFields = {
  mode: 'ratio',
  size: '1',
  maxPerTrade: '',
  maxTotal: '',
  symbolMap: '',
  allow: '',
  deny: '',
  maxSlippagePct: '1',
  maxSignalAgeS: '30',
  protection: 'own',
  takeProfitPct: '',
  stopLossPct: '',
  maxLoss: '',
  currency: '',
};

const mapOf = (text: string) =>
  text
    .split(',')
    .map((pair) => pair.split('=').map((s) => s.trim().toUpperCase()))
    .flatMap(([leader, follower]) => (leader && follower ? [{ leader, follower }] : []));
const listOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

/**
 * What the form's money labels say the amounts are in: the chosen currency; else the one quote
 * the allowed markets are copied into ("USDT"); else "market quote" (any market, each its own).
 */
export function amountsUnit(fields: CopyRulesFields): string {
  if (fields.currency) return fields.currency;
  const quotes = linkFollowerQuotes({ allow: listOf(fields.allow), symbolMap: mapOf(fields.symbolMap) });
  return quotes !== null && quotes.length === 1 ? quotes[0]! : 'market quote';
}

export type FieldErrors = Partial<Record<keyof CopyRulesFields, string>>;

/** A perpetual swap keeps its settle currency after a colon (BTC/USDT:USDT), as the venue lists it. */
const SYMBOL = /^[A-Z0-9._-]{1,20}\/[A-Z0-9._-]{1,20}(:[A-Z0-9._-]{1,20})?$/;

function symbols(text: string, field: keyof CopyRulesFields, errors: FieldErrors): string[] {
  const list = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const bad = list.find((s) => !SYMBOL.test(s));
  if (bad)
    errors[field] =
      `"${bad}" is not a market: write BASE/QUOTE, e.g. BTC/USDT (a perpetual swap with its settle currency: BTC/USDT:USDT), separated by commas.`;
  return list;
}

/** Reads the fields; `rules` is null while any field has an error (then `errors` names each). */
export function readRulesFields(fields: CopyRulesFields, separator: DecimalSeparator): { rules: CopyRules | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (field: keyof CopyRulesFields, opts: { required?: boolean; max?: number; what: string }): number | null => {
    const parsed = parseDecimal(fields[field], separator);
    if (!parsed.ok) {
      if (parsed.empty && !opts.required) return null;
      errors[field] = parsed.empty ? `Enter ${opts.what}.` : parsed.message;
      return null;
    }
    if (!(parsed.value > 0)) errors[field] = `${opts.what[0]!.toUpperCase()}${opts.what.slice(1)} must be above 0.`;
    else if (opts.max !== undefined && parsed.value > opts.max) errors[field] = `At most ${opts.max}.`;
    return parsed.value;
  };
  const size =
    fields.mode === 'ratio'
      ? number('size', { required: true, max: 1000, what: 'a ratio of the leader size (1 = the same size)' })
      : fields.mode === 'quote'
        ? number('size', { required: true, what: 'an amount per trade' })
        : null;
  const maxPerTrade = number('maxPerTrade', { what: 'a max per trade' });
  const maxTotal = number('maxTotal', { what: 'a max total allocation' });
  const maxSlippagePct = number('maxSlippagePct', { max: 50, what: 'a max slippage' });
  const ageS = number('maxSignalAgeS', { max: 86_400, what: 'a max signal age' });
  if (ageS !== null && ageS < 0.1 && !errors.maxSignalAgeS) errors.maxSignalAgeS = 'At least 0.1 s.';
  // The own exits are hidden (and not sent) while the leader's are copied.
  const own = fields.protection === 'own';
  const takeProfitPct = own ? number('takeProfitPct', { max: 1000, what: 'a take-profit' }) : null;
  const stopLossPct = own ? number('stopLossPct', { max: 99, what: 'a stop-loss' }) : null;
  const maxLoss = number('maxLoss', { what: 'a loss limit' });
  const symbolMap: CopyRules['symbolMap'] = [];
  for (const pair of fields.symbolMap
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [leader, follower, extra] = pair.split('=').map((s) => s.trim().toUpperCase());
    if (!leader || !follower || extra !== undefined || !SYMBOL.test(leader) || !SYMBOL.test(follower)) {
      errors.symbolMap = `"${pair}" is not a mapping: write LEADER=FOLLOWER, e.g. BTC/USDT=BTC/USDC, separated by commas.`;
      break;
    }
    if (leader.split('/')[0] !== follower.split('/')[0]) {
      errors.symbolMap = `${leader}=${follower} copies ${leader.split('/')[0]} as ${follower.split('/')[0]}, another coin: map a market only to the same coin (e.g. ${leader}=${leader.split('/')[0]}/USDC).`;
      break;
    }
    symbolMap.push({ leader, follower });
  }
  const allow = symbols(fields.allow, 'allow', errors);
  const deny = symbols(fields.deny, 'deny', errors);
  const currency = fields.currency || null;
  const noCurrency = missingCurrencyError({ allow, symbolMap, currency });
  if (noCurrency) errors.currency = `${noCurrency[0]!.toUpperCase()}${noCurrency.slice(1)}`;
  if (Object.keys(errors).length > 0) return { rules: null, errors };
  const allocation: CopyRules['allocation'] =
    fields.mode === 'ratio'
      ? { mode: 'ratio', ratio: size! }
      : fields.mode === 'quote'
        ? { mode: 'quote', amount: size! }
        : { mode: 'equity' };
  return {
    rules: {
      allocation,
      maxPerTrade,
      maxTotal,
      symbolMap,
      allow,
      deny,
      maxSlippagePct,
      maxSignalAgeMs: ageS === null ? null : Math.round(ageS * 1000),
      protection: fields.protection,
      takeProfitPct,
      stopLossPct,
      maxLoss,
      // Left out when unset, so a link saved without one stays byte-equal (a live link's unchanged rules need no confirmation).
      ...(currency !== null ? { currency } : {}),
    },
    errors,
  };
}

/** A link's rules back into the form (to edit them). */
export function rulesToFields(rules: CopyRules, separator: DecimalSeparator): CopyRulesFields {
  const text = (value: number | null) => (value === null ? '' : formatForInput(value, separator));
  return {
    mode: rules.allocation.mode,
    size:
      rules.allocation.mode === 'ratio'
        ? text(rules.allocation.ratio)
        : rules.allocation.mode === 'quote'
          ? text(rules.allocation.amount)
          : '',
    maxPerTrade: text(rules.maxPerTrade),
    maxTotal: text(rules.maxTotal),
    symbolMap: rules.symbolMap.map((e) => `${e.leader}=${e.follower}`).join(', '),
    allow: rules.allow.join(', '),
    deny: rules.deny.join(', '),
    maxSlippagePct: text(rules.maxSlippagePct),
    maxSignalAgeS: rules.maxSignalAgeMs === null ? '' : text(rules.maxSignalAgeMs / 1000),
    protection: rules.protection,
    takeProfitPct: text(rules.takeProfitPct),
    stopLossPct: text(rules.stopLossPct),
    maxLoss: text(rules.maxLoss),
    currency: rules.currency ?? '',
  };
}
