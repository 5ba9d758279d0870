/**
 * Binance's error replies, with the exact codes, messages and HTTP statuses the real spot API
 * uses. ccxt maps errors by code and sometimes by exact message text (for instance
 * "Account has insufficient balance for requested action." → InsufficientFunds), so the wording
 * here is part of the contract, not decoration.
 */
export class BinanceError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'BinanceError';
  }

  toJSON(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

export const errors = {
  unknown: () => new BinanceError(-1000, 'An unknown error occured while processing the request.'),
  tooManyRequests: () =>
    new BinanceError(
      -1003,
      'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
      429,
    ),
  timestampAhead: () => new BinanceError(-1021, "Timestamp for this request was 1000ms ahead of the server's time."),
  timestampOutside: () => new BinanceError(-1021, 'Timestamp for this request is outside of the recvWindow.'),
  badSignature: () => new BinanceError(-1022, 'Signature for this request is not valid.'),
  illegalChars: (name: string) =>
    new BinanceError(-1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`),
  illegalClientId: (name: string) =>
    new BinanceError(-1100, `Illegal characters found in parameter '${name}'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.`),
  mandatory: (name: string) => new BinanceError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  eitherParam: (a: string, b: string) => new BinanceError(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  notRequired: (name: string) => new BinanceError(-1106, `Parameter '${name}' sent when not required.`),
  precisionTooHigh: () => new BinanceError(-1111, 'Precision is over the maximum defined for this asset.'),
  invalidTimeInForce: () => new BinanceError(-1115, 'Invalid timeInForce.'),
  invalidOrderType: () => new BinanceError(-1116, 'Invalid orderType.'),
  invalidSide: () => new BinanceError(-1117, 'Invalid side.'),
  invalidInterval: () => new BinanceError(-1120, 'Invalid interval.'),
  invalidSymbol: () => new BinanceError(-1121, 'Invalid symbol.'),
  invalidParam: (name: string) => new BinanceError(-1130, `Data sent for parameter '${name}' is not valid.`),
  recvWindowTooLarge: () => new BinanceError(-1131, 'recvWindow must be less than 60000'),
  filterFailure: (filter: string) => new BinanceError(-1013, `Filter failure: ${filter}`),
  insufficientBalance: () => new BinanceError(-2010, 'Account has insufficient balance for requested action.'),
  duplicateOrder: () => new BinanceError(-2010, 'Duplicate order sent.'),
  wouldTakeAsMaker: () => new BinanceError(-2010, 'Order would immediately match and take.'),
  stopWouldTrigger: () => new BinanceError(-2010, 'Stop price would trigger immediately.'),
  ocoPriceRelationship: () => new BinanceError(-2010, 'The relationship of the prices for the orders is not correct.'),
  unknownOrderCancel: () => new BinanceError(-2011, 'Unknown order sent.'),
  orderNotFound: () => new BinanceError(-2013, 'Order does not exist.'),
  apiKeyFormat: () => new BinanceError(-2014, 'API-key format invalid.', 401),
  rejectedKey: () => new BinanceError(-2015, 'Invalid API-key, IP, or permissions for action.', 401),
  orderListNotFound: () => new BinanceError(-2013, 'Order list does not exist.'),
  unknownOrderListCancel: () => new BinanceError(-2011, 'Unknown order list sent.'),
} as const;
