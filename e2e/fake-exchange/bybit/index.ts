/** The fake Bybit v5 spot exchange (see the "Fake Bybit" section of ../README.md). */
export { startFakeBybit } from './server';
export type { AddBybitKeyInput, FakeBybit, FakeBybitOptions } from './server';
export type { BybitStreamControl } from './streams';
export { createCcxtBybit, FAKE_BYBIT_OPTIONS } from './ccxt-setup';
export { v5SignPayload } from './auth';
