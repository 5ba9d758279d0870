/**
 * The logic of the Electron IPC binding, free of Electron so it is unit-tested: who may call,
 * what they may subscribe to, and per-window sessions. Electron's WebContents, WebFrameMain and
 * IpcMainInvokeEvent satisfy these structural types.
 */
import { randomUUID } from 'node:crypto';
import { isTopicName, type TopicName } from '../../shared/ipc/contract';
import type { Envelope, ErrorCode } from '../../shared/ipc/errors';
import type { Core } from '../core/types';
import { isAppUrl } from './app-url';
import { IPC_CHANNELS } from '../../shared/ipc/channels';

export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly routingId: number;
  readonly processId: number;
}

export interface ContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

const MAX_NAME_LENGTH = 128;

interface WindowState {
  contents: ContentsLike;
  sessionId: string;
  subscriptions: Map<TopicName, () => void>;
}

export interface IpcDispatcher {
  /** Makes a window's main frame a trusted caller with its own core session. */
  register(contents: ContentsLike): void;
  /** Drops a window's subscriptions and session (its webContents was destroyed). */
  unregister(contentsId: number): void;
  invoke(event: IpcEventLike, method: unknown, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: IpcEventLike, topic: unknown): Envelope<null>;
  unsubscribe(event: IpcEventLike, topic: unknown): Envelope<null>;
  /** Unregisters every window (on quit). */
  dispose(): void;
}

const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

export function createIpcDispatcher(core: Core, appUrl: string, log: (line: string) => void = () => {}): IpcDispatcher {
  const windows = new Map<number, WindowState>();

  /**
   * The caller must be the top frame of one of our windows, showing our own file:// page. An
   * iframe, a navigated-away page or any other webContents is refused, whatever it sends.
   */
  const trusted = (event: IpcEventLike): WindowState | string => {
    const state = windows.get(event.sender.id);
    if (!state || state.contents.isDestroyed()) return 'sender is not a Tradewind window';
    const frame = event.senderFrame;
    if (!frame) return 'sender frame is gone';
    const main = state.contents.mainFrame;
    if (frame.parent !== null || frame.routingId !== main.routingId || frame.processId !== main.processId) {
      return 'sender is not the main frame of its window';
    }
    if (!isAppUrl(frame.url, appUrl)) return 'sender is not the Tradewind page';
    return state;
  };

  const refuse = (channel: string, reason: string): Envelope<never> => {
    log(`ipc: refused ${channel}: ${reason}`);
    return fail('permission', `IPC refused: ${reason}`);
  };

  const checkTopic = (topic: unknown): { topic: TopicName } | { error: string } => {
    if (typeof topic !== 'string' || topic.length === 0 || topic.length > MAX_NAME_LENGTH) {
      return { error: `topic must be a string of 1 to ${MAX_NAME_LENGTH} characters` };
    }
    if (!isTopicName(topic)) return { error: `unknown topic '${topic.slice(0, 64)}'` };
    return { topic };
  };

  const release = (state: WindowState): void => {
    for (const off of state.subscriptions.values()) {
      try {
        off();
      } catch (err) {
        log(`ipc: unsubscribe failed: ${String(err)}`);
      }
    }
    state.subscriptions.clear();
    try {
      core.endSession(state.sessionId);
    } catch (err) {
      log(`ipc: endSession failed: ${String(err)}`);
    }
  };

  return {
    register(contents) {
      if (windows.has(contents.id)) return;
      windows.set(contents.id, { contents, sessionId: randomUUID(), subscriptions: new Map() });
    },

    unregister(contentsId) {
      const state = windows.get(contentsId);
      if (!state) return;
      windows.delete(contentsId);
      release(state);
    },

    async invoke(event, method, input) {
      const state = trusted(event);
      if (typeof state === 'string') return refuse(IPC_CHANNELS.invoke, state);
      if (typeof method !== 'string' || method.length === 0 || method.length > MAX_NAME_LENGTH) {
        return fail('invalid_input', `method must be a string of 1 to ${MAX_NAME_LENGTH} characters`);
      }
      try {
        // core.invoke validates the method name and the input against the contract.
        return await core.invoke(method, input, { sessionId: state.sessionId });
      } catch (err) {
        log(`ipc: core.invoke(${method.slice(0, 64)}) threw: ${String(err)}`);
        return fail('internal', 'internal error');
      } finally {
        // A call that outlived its window (market.watch waiting on a source) may have given the
        // ended session new state; release it again so a closed window holds nothing.
        if (windows.get(state.contents.id) !== state) release(state);
      }
    },

    subscribe(event, rawTopic) {
      const state = trusted(event);
      if (typeof state === 'string') return refuse(IPC_CHANNELS.sub, state);
      const checked = checkTopic(rawTopic);
      if ('error' in checked) return fail('invalid_input', checked.error);
      const { topic } = checked;
      if (!state.subscriptions.has(topic)) {
        const { contents } = state;
        const off = core.subscribe(topic, (payload) => {
          // Events go to this window only, and never to a webContents that is already gone.
          if (contents.isDestroyed()) return;
          try {
            contents.send(IPC_CHANNELS.event, topic, payload);
          } catch (err) {
            log(`ipc: event delivery failed: ${String(err)}`);
          }
        });
        state.subscriptions.set(topic, off);
      }
      return { ok: true, value: null };
    },

    unsubscribe(event, rawTopic) {
      const state = trusted(event);
      if (typeof state === 'string') return refuse(IPC_CHANNELS.unsub, state);
      const checked = checkTopic(rawTopic);
      if ('error' in checked) return fail('invalid_input', checked.error);
      state.subscriptions.get(checked.topic)?.();
      state.subscriptions.delete(checked.topic);
      return { ok: true, value: null };
    },

    dispose() {
      for (const id of [...windows.keys()]) this.unregister(id);
    },
  };
}
