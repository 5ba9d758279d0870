/**
 * The two payload formats a signal may come in, parsed with zod into one shape:
 *   - TradingView alert JSON as users write it (placeholders already substituted), e.g.
 *     {"ticker":"BTCUSDT","action":"buy","close":"30123.5","strategy":{"order":{"action":"buy","contracts":"0.01"}}}
 *     and its common variants (order_action / order_contracts, side, qty / quantity, market_position flat);
 *   - the Tradewind format: {"action":"open|close|buy|sell|start_bot|stop_bot","market":"BTC/USDT",
 *     "amount"|"quote"|"percent", "price", "takeProfit", "stopLoss", "bot", "id", "timestamp"}.
 * Numbers may be JSON numbers or decimal strings (TradingView substitutes placeholders as text).
 * Unknown keys are ignored; nothing of the input object is kept beyond the parsed fields.
 */
import { z } from 'zod';
import type { SignalAction, SignalSize } from '../../../shared/ipc/schemas/signals';

const MAX_TEXT = 200;

/** A positive finite decimal, given as a number or as text such as "30123.5" (never "1e400", never "0x10"). */
const decimal = z.union([
  z.number().finite(),
  z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9]+(\.[0-9]+)?$/, 'must be a decimal number such as 0.01')
    .transform(Number),
]);
const positiveDecimal = decimal.refine((n) => Number.isFinite(n) && n > 0, 'must be above 0');
const text = z.string().trim().min(1).max(MAX_TEXT);

/** What both formats share at the top level (the envelope: who, when, which signal). */
const EnvelopeSchema = z.object({
  id: z.union([text, z.number().int().nonnegative()]).optional(),
  timestamp: z.union([text, z.number().finite()]).optional(),
  time: z.union([text, z.number().finite()]).optional(),
  timenow: z.union([text, z.number().finite()]).optional(),
  secret: z.string().max(MAX_TEXT).optional(),
});

const TradingViewSchema = z.object({
  ticker: text.optional(),
  symbol: text.optional(),
  exchange: text.optional(),
  action: text.optional(),
  side: text.optional(),
  close: positiveDecimal.optional(),
  price: positiveDecimal.optional(),
  contracts: positiveDecimal.optional(),
  quantity: positiveDecimal.optional(),
  qty: positiveDecimal.optional(),
  strategy: z
    .object({
      order: z.object({ action: text.optional(), contracts: positiveDecimal.optional(), price: positiveDecimal.optional() }).optional(),
      order_action: text.optional(),
      order_contracts: positiveDecimal.optional(),
      order_price: positiveDecimal.optional(),
      market_position: text.optional(),
    })
    .optional(),
  takeProfit: positiveDecimal.optional(),
  stopLoss: positiveDecimal.optional(),
});

const TradewindSchema = z.object({
  action: z.enum(['open', 'close', 'buy', 'sell', 'start_bot', 'stop_bot']),
  market: text.optional(),
  /** Spot: deals are long; `side` may be given for clarity and must then be buy for open. */
  side: z.enum(['buy', 'sell', 'long']).optional(),
  amount: positiveDecimal.optional(),
  quote: positiveDecimal.optional(),
  percent: positiveDecimal.refine((n) => n <= 100, 'is a percent: at most 100').optional(),
  price: positiveDecimal.optional(),
  takeProfit: positiveDecimal.optional(),
  stopLoss: positiveDecimal.optional(),
  bot: text.optional(),
});

/** A signal as read from the payload, its ticker not yet mapped to a market. */
export interface ParsedSignal {
  format: 'tradingview' | 'tradewind';
  action: SignalAction;
  ticker: string | null;
  size: SignalSize | null;
  price: number | null;
  takeProfit: number | null;
  stopLoss: number | null;
  bot: string | null;
}

export interface SignalEnvelope {
  id: string | null;
  /** Epoch ms; null when the payload carries none. */
  timestamp: number | null;
  secret: string | null;
}

export class SignalPayloadError extends Error {}

const issueText = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'payload'}: ${i.message}`)
    .join('; ');

/** Epoch ms from seconds, ms, a numeric string or an ISO time (TradingView's {{timenow}}); null when unreadable. */
export function readTimestamp(value: string | number | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  if (/^[0-9]{1,16}(\.[0-9]+)?$/.test(value)) return readTimestamp(Number(value));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : null;
}

export function readEnvelope(body: unknown): SignalEnvelope {
  const parsed = EnvelopeSchema.safeParse(body);
  if (!parsed.success) throw new SignalPayloadError(`The signal's envelope is wrong: ${issueText(parsed.error)}.`);
  const { id, timestamp, time, timenow, secret } = parsed.data;
  const when = timestamp ?? timenow ?? time;
  const at = readTimestamp(when);
  if (when !== undefined && at === null)
    throw new SignalPayloadError(
      `The timestamp "${String(when).slice(0, 40)}" is not a time: send epoch seconds or milliseconds, or an ISO time such as 2026-01-02T03:04:05Z.`,
    );
  return { id: id === undefined ? null : String(id), timestamp: at, secret: secret ?? null };
}

/** Reads either format; the message says what was wrong and how a valid signal looks. */
export function parseSignal(body: unknown): ParsedSignal {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new SignalPayloadError('A signal is a JSON object, e.g. {"ticker":"BTCUSDT","action":"buy"}.');
  const record = body as Record<string, unknown>;
  const tradingView = 'ticker' in record || 'strategy' in record || ('symbol' in record && !('market' in record));
  return tradingView ? parseTradingView(record) : parseTradewind(record);
}

function parseTradewind(record: Record<string, unknown>): ParsedSignal {
  const parsed = TradewindSchema.safeParse(record);
  if (!parsed.success)
    throw new SignalPayloadError(
      `Not a valid Tradewind signal (${issueText(parsed.error)}). Send {"action":"buy","market":"BTC/USDT","amount":0.01} or a TradingView alert with "ticker".`,
    );
  const s = parsed.data;
  const sizes = [s.amount, s.quote, s.percent].filter((v) => v !== undefined);
  if (sizes.length > 1) throw new SignalPayloadError('Give one of amount (base), quote or percent, not several.');
  const size: SignalSize | null =
    s.amount !== undefined
      ? { unit: 'base', value: s.amount }
      : s.quote !== undefined
        ? { unit: 'quote', value: s.quote }
        : s.percent !== undefined
          ? { unit: 'percent', value: s.percent }
          : null;
  const botAction = s.action === 'start_bot' || s.action === 'stop_bot';
  if (botAction && !s.bot)
    throw new SignalPayloadError(`${s.action} needs "bot": the id or name of the bot to ${s.action === 'start_bot' ? 'start' : 'stop'}.`);
  if (!botAction && !s.market) throw new SignalPayloadError(`${s.action} needs "market", e.g. "BTC/USDT" or "BTCUSDT".`);
  if (s.action === 'open' && s.side === 'sell')
    throw new SignalPayloadError('Signal bots trade spot: a deal opens with a buy (side "buy"); close it with action "close".');
  return {
    format: 'tradewind',
    action: s.action,
    ticker: botAction ? null : s.market!,
    size,
    price: s.price ?? null,
    takeProfit: s.takeProfit ?? null,
    stopLoss: s.stopLoss ?? null,
    bot: s.bot ?? null,
  };
}

const BUY_WORDS = new Set(['buy', 'long']);
const SELL_WORDS = new Set(['sell', 'short']);
const CLOSE_WORDS = new Set(['close', 'exit', 'flat', 'close_all']);

function parseTradingView(record: Record<string, unknown>): ParsedSignal {
  const parsed = TradingViewSchema.safeParse(record);
  if (!parsed.success)
    throw new SignalPayloadError(
      `Not a valid TradingView alert (${issueText(parsed.error)}). Paste the template shown with the source, e.g. {"ticker":"{{ticker}}","action":"{{strategy.order.action}}","contracts":"{{strategy.order.contracts}}"}.`,
    );
  const s = parsed.data;
  const ticker = s.ticker ?? s.symbol;
  if (!ticker) throw new SignalPayloadError('The alert names no market: add "ticker":"{{ticker}}".');
  const word = (s.strategy?.order?.action ?? s.strategy?.order_action ?? s.action ?? s.side)?.toLowerCase();
  if (!word) throw new SignalPayloadError('The alert names no action: add "action":"{{strategy.order.action}}" (buy or sell).');
  const flat = s.strategy?.market_position?.toLowerCase() === 'flat';
  let action: SignalAction;
  if (CLOSE_WORDS.has(word)) action = 'close';
  else if (BUY_WORDS.has(word)) action = 'buy';
  else if (SELL_WORDS.has(word)) action = flat ? 'close' : 'sell';
  else throw new SignalPayloadError(`The action "${word.slice(0, 20)}" is not one of buy, sell, long, short, close, exit.`);
  const contracts = s.strategy?.order?.contracts ?? s.strategy?.order_contracts ?? s.contracts ?? s.quantity ?? s.qty;
  const prefix = s.exchange && !ticker.includes(':') ? `${s.exchange}:` : '';
  return {
    format: 'tradingview',
    action,
    ticker: prefix + ticker,
    // A sell that leaves the strategy flat closes the whole deal, whatever the contracts say.
    size: contracts !== undefined && action !== 'close' ? { unit: 'base', value: contracts } : null,
    // TradingView's {{close}} is the bar's close, a reference price only: orders go at market unless "price" is given.
    price: s.price ?? null,
    takeProfit: s.takeProfit ?? null,
    stopLoss: s.stopLoss ?? null,
    bot: null,
  };
}
