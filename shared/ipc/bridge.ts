import type { Envelope } from './errors';

/**
 * What the preload exposes as `window.tradewind`, and what the WebSocket client
 * implements in a browser: nothing but these two functions.
 */
export interface TradewindBridge {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}
