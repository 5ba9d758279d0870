/**
 * OKX v5's error replies: `{"code":"…","msg":"…","data":[]}` with OKX's own codes and words, and
 * per-order `sCode`/`sMsg` inside `data` for placement and cancel. ccxt maps them by exact code
 * (50105 → AuthenticationError, 51008 → InsufficientFunds …), so the codes are the contract.
 *
 * The shared matching engine speaks Binance (BinanceError); `fromEngineError` says the same
 * refusal the way OKX does, so the engine is reused rather than copied.
 */
import { BinanceError } from '../errors';

export class OkxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'OkxError';
  }

  toJSON(): { code: string; msg: string; data: unknown[] } {
    return { code: this.code, msg: this.message, data: [] };
  }
}

/** A per-order refusal (place / cancel): the reply is code "1" with the reason in data[0]. */
export class OkxOrderError extends Error {
  constructor(
    readonly sCode: string,
    readonly sMsg: string,
  ) {
    super(sMsg);
    this.name = 'OkxOrderError';
  }
}

export const okxErrors = {
  systemError: () => new OkxError('50026', 'System error. Try again later', 500),
  rateLimited: () => new OkxError('50011', 'Too Many Requests', 429),
  emptyParam: (name: string) => new OkxError('50014', `Parameter ${name} can not be empty.`, 400),
  timestampExpired: () => new OkxError('50102', 'Timestamp request expired', 401),
  missingKey: () => new OkxError('50103', 'Request header "OK-ACCESS-KEY" can not be empty.', 401),
  missingPassphrase: () => new OkxError('50104', 'Request header "OK-ACCESS-PASSPHRASE" can not be empty.', 401),
  wrongPassphrase: () => new OkxError('50105', 'Request header "OK-ACCESS-PASSPHRASE" incorrect.', 401),
  missingSign: () => new OkxError('50106', 'Request header "OK-ACCESS-SIGN" can not be empty.', 401),
  missingTimestamp: () => new OkxError('50107', 'Request header "OK-ACCESS-TIMESTAMP" can not be empty.', 401),
  ipNotWhitelisted: (ip: string) => new OkxError('50110', `Your IP ${ip} is not included in your API key's IP whitelist.`, 401),
  invalidKey: () => new OkxError('50111', 'Invalid OK-ACCESS-KEY.', 401),
  invalidTimestamp: () => new OkxError('50112', 'Invalid OK-ACCESS-TIMESTAMP.', 401),
  invalidSign: () => new OkxError('50113', 'Invalid Sign', 401),
  noPermission: () => new OkxError('50120', "API key doesn't have permission to use this function", 401),
  paramError: (name: string) => new OkxError('51000', `Parameter ${name} error`, 400),
  unknownInstrument: () => new OkxError('51001', "Instrument ID doesn't exist.", 400),
  orderNotFound: () => new OkxError('51603', 'Order does not exist', 200),
} as const;

export const okxOrderErrors = {
  param: (name: string) => new OkxOrderError('51000', `Parameter ${name} error`),
  priceLimit: () => new OkxOrderError('51006', 'Order price is not within the price limit'),
  insufficient: (ccy: string) => new OkxOrderError('51008', `Order failed. Insufficient ${ccy} balance in account.`),
  belowMinimum: (minSz: string, ccy: string) =>
    new OkxOrderError('51020', `Your order should meet or exceed the minimum order amount. (${minSz} ${ccy})`),
  lotSize: () => new OkxOrderError('51121', 'Order quantity must be a multiple of the lot size.'),
  duplicateClientId: () => new OkxOrderError('51016', 'Duplicated client order ID'),
  cancelNotFound: () => new OkxOrderError('51400', 'Order cancellation failed as the order has been filled, canceled or does not exist.'),
  unknownInstrument: () => new OkxOrderError('51001', "Instrument ID doesn't exist."),
} as const;

/** The engine's Binance refusal in OKX's words, for an order on `instId` paying `payCcy`. */
export function fromEngineError(error: unknown, payCcy: string): OkxOrderError {
  if (!(error instanceof BinanceError)) throw error;
  if (error.code === -2010 && /insufficient balance/i.test(error.message)) return okxOrderErrors.insufficient(payCcy);
  if (error.code === -2010 && /Duplicate/i.test(error.message)) return okxOrderErrors.duplicateClientId();
  if (error.code === -1013 && /PERCENT_PRICE/.test(error.message)) return okxOrderErrors.priceLimit();
  if (error.code === -1013 && /LOT_SIZE/.test(error.message)) return okxOrderErrors.lotSize();
  if (error.code === -1013 && /PRICE_FILTER/.test(error.message)) return okxOrderErrors.param('px');
  if (error.code === -1121) return okxOrderErrors.unknownInstrument();
  if (error.code === -2011) return okxOrderErrors.cancelNotFound();
  return new OkxOrderError('51000', `Parameter error: ${error.message}`);
}
