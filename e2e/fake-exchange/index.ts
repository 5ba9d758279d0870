/**
 * The fake Binance spot exchange: the loopback peer of every exchange test.
 * See README.md in this folder for the model and the fault catalogue.
 */
export { startFakeBinance } from './server';
export type { FakeBinance, FakeBinanceOptions, RequestLogEntry, RequestOutcome } from './server';
export type { AddKeyInput, OrderFilter, StateControl } from './control';
export type { FaultHandle, FaultKind, FaultMatch, FaultSpec } from './faults';
export { FakeState } from './state';
export type { Balance, FakeStateSnapshot, KeyRights, OrderRecord, OrderStatus, TradeRecord, OrderListRecord } from './state';
export { DEFAULT_MARKETS } from './markets';
export type { MarketSpec } from './markets';
export { createCcxtBinance, pointCcxtAt, FAKE_BINANCE_OPTIONS } from './ccxt-setup';
export type { Credentials } from './ccxt-setup';
export { hmacHex, signedPayload } from './signature';
export type { StreamControl } from './ws/stream-server';
export { createCcxtProBinance } from './ws/ccxt-pro-setup';
// The fake OKX v5 spot exchange (okx/README section in ../README.md): own state and port.
export { startFakeOkx } from './okx/server';
export type { FakeOkx, FakeOkxOptions, OkxKeyInput } from './okx/server';
export type { OkxStreamControl } from './okx/ws';
export { OKX_INSTRUMENTS } from './okx/instruments';
export type { OkxInstrumentSpec } from './okx/instruments';
export { createCcxtOkx } from './okx/ccxt-setup';
export type { OkxCredentials } from './okx/ccxt-setup';
export { okxSign } from './okx/auth';
export { startFakeBybit, createCcxtBybit, FAKE_BYBIT_OPTIONS, v5SignPayload } from './bybit';
export type { AddBybitKeyInput, FakeBybit, FakeBybitOptions, BybitStreamControl } from './bybit';
