import type { BracketRequest, OrderSide, OrderSizeRequest, OrderTicketRequest, OrderType } from '../../../shared/ipc/schemas/orders';
import { formatPrice } from '../../lib/format/numbers';
import { parseDecimal } from '../../lib/number-format/number-format';

export type AmountUnit = 'base' | 'quote';
export const PERCENTS = [25, 50, 75, 100] as const;
export const MAX_TARGETS = 5;

/** What the person typed; strings stay strings until a ticket is built. */
export interface TicketForm {
  side: OrderSide;
  type: OrderType;
  price: string;
  stopPrice: string;
  amount: string;
  unit: AmountUnit;
  /** A share of the available balance, chosen with the 25/50/75/100 % buttons (clears `amount`). */
  percent: number | null;
}

export type LevelMode = 'price' | 'percent';

export interface TargetForm {
  value: string;
  mode: LevelMode;
  share: string;
}

export interface BracketForm {
  entryType: 'market' | 'limit';
  targets: TargetForm[];
  stopLoss: string;
  stopLossMode: LevelMode;
  trailing: string;
}

export const EMPTY_TICKET: TicketForm = {
  side: 'buy',
  type: 'limit',
  price: '',
  stopPrice: '',
  amount: '',
  unit: 'base',
  percent: null,
};

export const EMPTY_BRACKET: BracketForm = {
  entryType: 'market',
  targets: [{ value: '', mode: 'percent', share: '100' }],
  stopLoss: '',
  stopLossMode: 'percent',
  trailing: '',
};

/** A positive finite number in the chosen number format, or null for an empty, ambiguous or unreadable field. */
export function parsePositive(text: string): number | null {
  const parsed = parseDecimal(text);
  return parsed.ok && Number.isFinite(parsed.value) && parsed.value > 0 ? parsed.value : null;
}

/** Why a typed number cannot be used ("Amount: … is ambiguous"), or `fallback` when it is readable but not positive. */
function unreadable(label: string, text: string, fallback: string): string {
  const parsed = parseDecimal(text);
  return parsed.ok ? fallback : `${label}: ${parsed.message}`;
}

export function sizeOf(form: Pick<TicketForm, 'amount' | 'unit' | 'percent'>): OrderSizeRequest | null {
  if (form.percent !== null) return { unit: 'percent', percent: form.percent };
  const amount = parsePositive(form.amount);
  if (amount === null) return null;
  return form.unit === 'base' ? { unit: 'base', amount } : { unit: 'quote', amount };
}

export const needsPrice = (type: OrderType) => type === 'limit' || type === 'stop_limit';
export const needsStop = (type: OrderType) => type === 'stop_limit' || type === 'stop_market';

/** Why no ticket can be built yet (shown instead of a preview), or null when one can. */
export function missingField(form: TicketForm): string | null {
  if (sizeOf(form) === null)
    return form.amount.trim() === '' ? 'Enter an amount.' : unreadable('Amount', form.amount, 'The amount must be a positive number.');
  if (needsPrice(form.type) && parsePositive(form.price) === null)
    return form.price.trim() === '' ? 'Enter a positive price.' : unreadable('Price', form.price, 'Enter a positive price.');
  if (needsStop(form.type) && parsePositive(form.stopPrice) === null)
    return form.stopPrice.trim() === ''
      ? 'Enter a positive stop price.'
      : unreadable('Stop price', form.stopPrice, 'Enter a positive stop price.');
  return null;
}

/** The `orders.preview` / `orders.place` input, or null while a required field is empty or unreadable. */
export function buildTicket(form: TicketForm, accountId: string, symbol: string): OrderTicketRequest | null {
  if (missingField(form) !== null) return null;
  const size = sizeOf(form);
  if (!size) return null;
  const ticket: OrderTicketRequest = { accountId, symbol, side: form.side, type: form.type, size };
  const price = parsePositive(form.price);
  const stopPrice = parsePositive(form.stopPrice);
  if (needsPrice(form.type) && price !== null) ticket.price = price;
  if (needsStop(form.type) && stopPrice !== null) ticket.stopPrice = stopPrice;
  return ticket;
}

/** The ticket whose preview sizes a bracket's entry (market or limit). */
export function entryTicket(form: TicketForm, bracket: BracketForm, accountId: string, symbol: string): OrderTicketRequest | null {
  return buildTicket({ ...form, type: bracket.entryType, stopPrice: '' }, accountId, symbol);
}

export interface BracketProblem {
  field: 'targets' | 'stopLoss' | 'trailing';
  rule: string;
  message: string;
}

function level(value: string, mode: LevelMode): { price: number } | { percent: number } | null {
  const number = parsePositive(value);
  if (number === null) return null;
  return mode === 'price' ? { price: number } : { percent: number };
}

/** Checks the exit legs before anything is sent; core checks them again against the market. */
export function bracketProblems(bracket: BracketForm): BracketProblem[] {
  const problems: BracketProblem[] = [];
  const filled = bracket.targets.filter((t) => t.value.trim() !== '' || t.share.trim() !== '');
  filled.forEach((target, index) => {
    if (level(target.value, target.mode) === null) {
      problems.push({
        field: 'targets',
        rule: 'target_level',
        message: `Target ${index + 1} needs a positive ${target.mode === 'price' ? 'price' : '%'}.`,
      });
    }
    const share = parsePositive(target.share);
    if (share === null || share > 100) {
      problems.push({ field: 'targets', rule: 'target_share', message: `Target ${index + 1} needs a share between 0 and 100 %.` });
    }
  });
  if (filled.length > 0) {
    const total = filled.reduce((sum, t) => sum + (parsePositive(t.share) ?? 0), 0);
    if (Math.abs(total - 100) > 1e-9) {
      problems.push({
        field: 'targets',
        rule: 'shares',
        message: `Target shares add up to ${Number(total.toFixed(6))} %; they must add up to 100 %.`,
      });
    }
  }
  if (bracket.stopLoss.trim() !== '' && level(bracket.stopLoss, bracket.stopLossMode) === null) {
    problems.push({ field: 'stopLoss', rule: 'stop_level', message: 'The stop-loss must be a positive number.' });
  }
  const trailing = bracket.trailing.trim();
  if (trailing !== '') {
    const callback = parsePositive(trailing);
    if (callback === null || callback > 50) {
      problems.push({ field: 'trailing', rule: 'callback', message: 'The trailing callback must be above 0 and at most 50 %.' });
    }
  }
  if (filled.length === 0 && bracket.stopLoss.trim() === '' && trailing === '') {
    problems.push({ field: 'targets', rule: 'no_exit', message: 'Add a take-profit target, a stop-loss or a trailing stop.' });
  }
  return problems;
}

/** The `brackets.place` input, or null while the entry or an exit leg is incomplete. */
export function buildBracketInput(
  form: TicketForm,
  bracket: BracketForm,
  accountId: string,
  symbol: string,
  confirmed?: boolean,
): BracketRequest | null {
  const size = sizeOf(form);
  if (!size || bracketProblems(bracket).length > 0) return null;
  let price: number | undefined;
  if (bracket.entryType === 'limit') {
    const entryPrice = parsePositive(form.price);
    if (entryPrice === null) return null;
    price = entryPrice;
  }
  const targets: BracketRequest['targets'] = [];
  for (const target of bracket.targets) {
    if (target.value.trim() === '' && target.share.trim() === '') continue;
    const at = level(target.value, target.mode);
    const share = parsePositive(target.share);
    if (!at || share === null) return null;
    targets.push({ ...at, share });
  }
  const input: BracketRequest = {
    accountId,
    symbol,
    side: form.side,
    size,
    entry: price === undefined ? { type: bracket.entryType } : { type: bracket.entryType, price },
    targets,
  };
  const stop = bracket.stopLoss.trim() === '' ? null : level(bracket.stopLoss, bracket.stopLossMode);
  if (stop) input.stopLoss = stop;
  const callback = parsePositive(bracket.trailing);
  if (callback !== null) input.trailing = { callbackPct: callback };
  if (confirmed !== undefined) input.confirmed = confirmed;
  return input;
}

/** Splits 100 % over `count` targets in whole-ish shares that add up exactly (e.g. 3 → 33.34, 33.33, 33.33). */
export function evenShares(count: number): string[] {
  if (count <= 0) return [];
  const base = Math.floor((100 / count) * 100) / 100;
  const first = Number((100 - base * (count - 1)).toFixed(2));
  return [String(first), ...Array.from({ length: count - 1 }, () => String(base))];
}

/** Farther than this from the last price, a limit price is probably a typo (a digit too many, the wrong mark). */
export const FAR_FROM_MARKET = 0.1;

/** A warning when a limit price is more than 10 % from the last price; null when close or unknown. */
export function farFromMarket(price: number | null, last: number | null, priceStep: number | null = null): string | null {
  if (price === null || last === null || !(last > 0)) return null;
  const distance = price / last - 1;
  if (Math.abs(distance) <= FAR_FROM_MARKET) return null;
  const pct = Math.abs(distance * 100);
  return `This price is ${pct >= 1000 ? pct.toExponential(1) : pct.toFixed(1)} % ${distance > 0 ? 'above' : 'below'} the last price (${formatPrice(last, priceStep)}). Check it before sending.`;
}
