/**
 * ccxt.pro 4.5 creates websocket promises that nothing awaits, and a dropped, refused or closed
 * socket rejects them. Unobserved, each surfaces as a process-wide unhandled rejection (vitest
 * fails the run; the headless host logs it) although the caller's own watch promise already
 * carries the same failure:
 * - futures parked for concurrent callers, e.g. binance's "authenticate:signature:spot" while the
 *   spot user data subscription is in flight;
 * - the subscribe message `watch()`/`watchMultiple()` (and every `unWatch*`) send after the
 *   throttler: `client.send(message)` is not awaited, so a socket that closed in between rejects
 *   it with "WebSocket is not open". The close itself rejects the watch futures, so the watcher
 *   still learns about it.
 * Marking both as observed keeps those out; whoever awaits one still gets its error.
 */
interface PromiseLike {
  catch(onRejected: () => void): unknown;
}

interface WsClientLike {
  future(messageHash: string): PromiseLike;
  send(message: unknown): PromiseLike;
  __tradewindGuarded?: boolean;
}

function observed<T extends PromiseLike>(promise: T): T {
  promise.catch(() => {});
  return promise;
}

export function guardOrphanFutures(exchange: object): void {
  const target = exchange as { client?: (url: string) => WsClientLike };
  const original = target.client;
  if (typeof original !== 'function') return;
  target.client = function guardedClient(this: unknown, url: string): WsClientLike {
    const client = original.call(this, url);
    if (!client.__tradewindGuarded) {
      const future = client.future.bind(client);
      const send = client.send.bind(client);
      client.future = (messageHash: string) => observed(future(messageHash));
      client.send = (message: unknown) => observed(send(message));
      client.__tradewindGuarded = true;
    }
    return client;
  };
}
