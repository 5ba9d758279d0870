import type { TradewindBridge } from '../../shared/ipc/bridge';
import type { EventPayload, MethodInput, MethodName, MethodOutput, TopicName } from '../../shared/ipc/contract';
import { TradewindError, type Envelope } from '../../shared/ipc/errors';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]?: Handler<M> };

/**
 * An in-process TradewindBridge for tests: handlers play core (throw a TradewindError to return
 * an error envelope), `emit` plays core's event stream, and every call is recorded.
 */
export class MemoryBridge implements TradewindBridge {
  readonly calls: Array<{ method: string; input: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  /** How many times `subscribe` was called per topic (to check the client's fan-out). */
  readonly subscribeCount = new Map<string, number>();

  constructor(private handlers: Handlers = {}) {}

  setHandler<M extends MethodName>(method: M, handler: Handler<M>): void {
    (this.handlers as Record<string, unknown>)[method] = handler;
  }

  async invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    this.calls.push({ method, input });
    const handler = (this.handlers as Record<string, ((input: unknown) => unknown) | undefined>)[method];
    if (!handler) return { ok: false, error: { code: 'unknown_method', message: `No handler for ${method}` } };
    try {
      return { ok: true, value: await handler(input) };
    } catch (error) {
      if (error instanceof TradewindError) return { ok: false, error: { code: error.code, message: error.message } };
      return { ok: false, error: { code: 'internal', message: String(error) } };
    }
  }

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    this.subscribeCount.set(topic, (this.subscribeCount.get(topic) ?? 0) + 1);
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void {
    for (const listener of [...(this.listeners.get(topic) ?? [])]) listener(payload);
  }

  listenerCount(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }

  callsOf(method: MethodName): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }
}
