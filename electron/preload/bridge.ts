/**
 * window.tradewind, built over a minimal IPC port so it is unit-tested without Electron. Only
 * payloads reach the page: the IpcRendererEvent (and with it `sender`) never does.
 */
import type { TradewindBridge } from '../../shared/ipc/bridge';
import type { Envelope } from '../../shared/ipc/errors';
import { IPC_CHANNELS } from '../../shared/ipc/channels';

export interface IpcPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const MAX_NAME_LENGTH = 128;

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH;

const fail = (code: 'invalid_input' | 'internal', message: string): Envelope<never> => ({ ok: false, error: { code, message } });

export function createBridge(ipc: IpcPort, report: (message: string, detail?: unknown) => void = console.error): TradewindBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  ipc.on(IPC_CHANNELS.event, (_event, topic, payload) => {
    if (typeof topic !== 'string') return;
    const set = listeners.get(topic);
    if (!set) return;
    for (const listener of [...set]) {
      // One failing panel must not starve the others of the same event.
      try {
        listener(payload);
      } catch (err) {
        report(`tradewind: a '${topic}' listener threw`, err);
      }
    }
  });

  const send = (channel: string, topic: string): void => {
    ipc.invoke(channel, topic).then(
      (reply) => {
        const envelope = reply as Envelope<unknown> | undefined;
        if (envelope && envelope.ok === false) report(`tradewind: ${channel} '${topic}' refused: ${envelope.error.message}`);
      },
      (err: unknown) => report(`tradewind: ${channel} '${topic}' failed`, err),
    );
  };

  // A plain object literal: contextBridge copies own properties, and these two are all there is.
  return {
    invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
      if (!isName(method)) {
        return Promise.resolve(fail('invalid_input', `method must be a string of 1 to ${MAX_NAME_LENGTH} characters`));
      }
      let reply: Promise<unknown>;
      try {
        reply = ipc.invoke(IPC_CHANNELS.invoke, method, input);
      } catch {
        // Structured clone refuses functions, DOM nodes and the like synchronously.
        return Promise.resolve(fail('invalid_input', 'input must be plain data (no functions, DOM nodes or class instances)'));
      }
      return reply.then(
        (envelope) => envelope as Envelope<unknown>,
        (err: unknown) => {
          report(`tradewind: invoke '${method}' failed`, err);
          return fail('internal', 'the call could not reach the Tradewind core');
        },
      );
    },

    subscribe(topic: string, listener: (payload: unknown) => void): () => void {
      if (!isName(topic)) throw new TypeError(`topic must be a string of 1 to ${MAX_NAME_LENGTH} characters`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        send(IPC_CHANNELS.sub, topic);
      }
      // Wrapped so the same function subscribed twice yields two independent subscriptions.
      const entry = (payload: unknown): void => listener(payload);
      set.add(entry);
      const owned = set;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        owned.delete(entry);
        if (owned.size === 0 && listeners.get(topic) === owned) {
          listeners.delete(topic);
          send(IPC_CHANNELS.unsub, topic);
        }
      };
    },
  };
}
