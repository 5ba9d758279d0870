/**
 * Where a basket comes from besides typing it: a JSON file (data only, size-limited, checked
 * against the schema and then against the venue's markets) or the "top N, equal weight" preset.
 * ccxt's market data carries no market capitalisation, so the preset ranks the venue's markets by
 * their 24 h quote volume and says so; the person edits the result before using it.
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { Market, Ticker } from '../../../shared/ipc/contract';
import {
  BASKET_FILE_MAX_BYTES,
  BasketFileSchema,
  type Basket,
  type BasketFile,
  type TopNPreset,
} from '../../../shared/ipc/schemas/rebalance';

const invalid = (text: string) => new TradewindError('invalid_input', text);

/** Parses a basket file's text; every refusal says what is wrong and where. */
export function parseBasketFile(text: string): BasketFile {
  if (text.length > BASKET_FILE_MAX_BYTES) {
    throw invalid(`The basket file is ${Math.ceil(text.length / 1024)} KB; a basket file is at most ${BASKET_FILE_MAX_BYTES / 1024} KB.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(
      `The basket file is not JSON (${error instanceof Error ? error.message : String(error)}). Expected {"quote": "USDT", "assets": [{"asset": "BTC", "weight": 50}, ...]}.`,
    );
  }
  const parsed = BasketFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${where}${issue.message}`;
  });
  throw invalid(`The basket file cannot be used: ${problems.join('; ')}.`);
}

/** Refuses a basket naming an asset the venue has no ASSET/quote market for. */
export function checkBasketOnVenue(basket: Basket, quote: string, hasMarket: (symbol: string) => boolean, venueName: string): void {
  const unknown = basket.filter((e) => e.asset !== quote && !hasMarket(`${e.asset}/${quote}`)).map((e) => e.asset);
  if (unknown.length === 0) return;
  const list = unknown.map((a) => `${a}/${quote}`).join(', ');
  throw invalid(
    `${venueName} has no ${list} market${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} cannot be in a basket traded in ${quote} there. Remove ${unknown.length > 1 ? 'them' : 'it'} or pick another quote.`,
  );
}

/** Bases that track a currency: a volume ranking would put them on top, but they are cash, not an index member. */
const CURRENCY_LIKE = new Set([
  'USDT',
  'USDC',
  'USD',
  'BUSD',
  'FDUSD',
  'TUSD',
  'DAI',
  'USDP',
  'USDD',
  'PYUSD',
  'USDE',
  'EUR',
  'EURI',
  'AEUR',
  'GBP',
  'TRY',
  'BRL',
]);

/**
 * The N markets in `quote` with the largest 24 h quote volume, equal weights that add up to
 * exactly 100 (two decimals; the last takes the remainder). Markets without a volume are left out.
 */
export function topNByVolume(markets: readonly Market[], tickers: readonly Ticker[], quote: string, n: number): TopNPreset {
  const volume = new Map(tickers.map((t) => [t.symbol, t.quoteVolume24h]));
  const ranked = markets
    .filter((m) => m.quote === quote && m.active && !CURRENCY_LIKE.has(m.base))
    .map((m) => ({ asset: m.base, symbol: m.symbol, quoteVolume: volume.get(m.symbol) ?? null }))
    .filter((m): m is { asset: string; symbol: string; quoteVolume: number } => m.quoteVolume !== null && m.quoteVolume > 0)
    .sort((a, b) => b.quoteVolume - a.quoteVolume || a.asset.localeCompare(b.asset))
    .slice(0, n);
  if (ranked.length === 0) {
    throw invalid(`No ${quote} market on this venue reports a 24 h volume yet; pick another quote, or enter the basket by hand.`);
  }
  const each = Math.floor(10_000 / ranked.length) / 100;
  return {
    quote,
    ranking: 'quote_volume_24h',
    assets: ranked.map((m, i) => ({
      ...m,
      weight: i === ranked.length - 1 ? Math.round((100 - each * (ranked.length - 1)) * 100) / 100 : each,
    })),
  };
}
