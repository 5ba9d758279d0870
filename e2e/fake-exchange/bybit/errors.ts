/**
 * Bybit v5's error answers: `{retCode, retMsg, result: {}, retExtInfo: {}, time}`, almost always
 * with HTTP 200 (only the IP-level ban is a bare 403). ccxt maps them by `retCode` (10002 →
 * InvalidNonce, 10003/10004 → AuthenticationError, 10006 → RateLimitExceeded, 170131 →
 * InsufficientFunds, 170213 → OrderNotFound ...), so the codes are the contract; the wording
 * follows Bybit's own messages so people reading them in Tradewind see what Bybit would say.
 */
import type { BinanceError } from '../errors';

export class BybitError extends Error {
  constructor(
    readonly retCode: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'BybitError';
  }

  toJSON(now: number): Record<string, unknown> {
    return { retCode: this.retCode, retMsg: this.message, result: {}, retExtInfo: {}, time: now };
  }
}

export const bybitErrors = {
  paramError: (detail: string) => new BybitError(10001, detail),
  requestExpired: (timestamp: string, serverTime: number, recvWindow: number) =>
    new BybitError(
      10002,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${serverTime}],recv_window[${recvWindow}]`,
    ),
  missingAuthHeader: (name: string) =>
    new BybitError(10002, `missing required header ${name}; signed requests need X-BAPI-API-KEY, X-BAPI-TIMESTAMP and X-BAPI-SIGN`),
  invalidKey: () => new BybitError(10003, 'API key is invalid.'),
  badSignature: () => new BybitError(10004, 'error sign! Please check your signature generation algorithm.'),
  permissionDenied: () => new BybitError(10005, 'Permission denied, please check your API key permissions.'),
  tooManyVisits: () => new BybitError(10006, 'Too many visits!'),
  ipMismatch: () => new BybitError(10010, "Unmatched IP, please check your API key's bound IP addresses."),
  ipBanned: () => new BybitError(10009, 'access too frequent', 403),
  notSupportedSymbols: () => new BybitError(10001, 'Not supported symbols'),
  insufficientBalance: () => new BybitError(170131, 'Insufficient balance.'),
  priceTooHigh: () => new BybitError(170132, 'Order price too high.'),
  priceTooLow: () => new BybitError(170133, 'Order price lower than the minimum.'),
  priceDecimals: () => new BybitError(170134, 'Order price decimal too long.'),
  qtyTooLarge: () => new BybitError(170135, 'Order quantity too large.'),
  qtyTooSmall: () => new BybitError(170136, 'Order quantity lower than the minimum.'),
  qtyDecimals: () => new BybitError(170137, 'Order volume decimal too long'),
  valueTooSmall: () => new BybitError(170140, 'Order value exceeded lower limit.'),
  duplicateClientId: () => new BybitError(170141, 'Duplicate clientOrderId'),
  marketAmountDecimals: () => new BybitError(170148, 'Market order amount decimal too long'),
  newOrderRejected: () => new BybitError(170210, 'New order rejected.'),
  orderNotExists: () => new BybitError(170213, 'Order does not exist.'),
  postOnlyWouldTake: () => new BybitError(170218, 'The LIMIT-MAKER order is rejected due to invalid price.'),
  invalidTimeInForce: () => new BybitError(170115, 'Invalid timeInForce.'),
  invalidOrderType: () => new BybitError(170116, 'Invalid orderType.'),
  invalidSide: () => new BybitError(170117, 'Invalid side.'),
  invalidSymbol: () => new BybitError(170121, 'Invalid symbol.'),
  categoryOnly: () => new BybitError(181001, 'category only support linear or option or spot.'),
  emptyParam: (name: string) => new BybitError(170105, `Parameter '${name}' was empty.`),
  invalidParam: (name: string) => new BybitError(170130, `Data sent for paramter '${name}' is not valid.`),
  pathNotFound: () => new BybitError(10017, 'Request path not found or request method is invalid'),
} as const;

/**
 * The matching engine is venue-neutral but speaks Binance's error codes; this says the same
 * refusal the way Bybit does.
 */
export function fromEngineError(error: BinanceError): BybitError {
  if (error.code === -2010 && /insufficient balance/i.test(error.message)) return bybitErrors.insufficientBalance();
  if (error.code === -2010 && /would immediately match/i.test(error.message)) return bybitErrors.postOnlyWouldTake();
  if (error.code === -2011 || error.code === -2013) return bybitErrors.orderNotExists();
  if (error.code === -1121) return bybitErrors.invalidSymbol();
  return bybitErrors.newOrderRejected();
}
