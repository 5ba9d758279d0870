import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import type { Core } from '../core/types';
import { isTopicName, type TopicName } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/errors';
import type { ServerFrame } from '../../shared/ipc/wire';
import { clip, invalidInputFrame, parseClientFrame, resultFrame } from './frames';

export interface ConnectionLimits {
  /** Above this many queued outbound bytes, event frames for this client are dropped (results never are). */
  maxBufferedBytes: number;
  /** Calls a single client may have in flight; beyond it calls are answered `rate_limited`. */
  maxInflightCalls: number;
}

/** 1000 normal, 1001 going away (tab closed, host stopping), 1005 no code given. */
const NORMAL_CLOSE_CODES = new Set([1000, 1001, 1005]);

export const DEFAULT_LIMITS: ConnectionLimits = { maxBufferedBytes: 4 * 1024 * 1024, maxInflightCalls: 64 };

/**
 * Serves one WebSocket peer: one core session, its topic listeners, its in-flight calls.
 * Nothing a peer sends may throw out of here; the host process must outlive every client.
 */
export function serveConnection(ws: WebSocket, core: Core, limits: ConnectionLimits, log: (line: string) => void): void {
  const sessionId = randomUUID();
  const subscriptions = new Map<TopicName, () => void>();
  let inflight = 0;
  let droppedEvents = 0;
  let closed = false;

  const send = (frame: ServerFrame): void => {
    if (closed || ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (err) {
      // A value core produced that JSON cannot carry (BigInt, cycles): tell the caller, not the log only.
      log(`ws: unserialisable frame: ${String(err)}`);
      if (frame.t !== 'result') return;
      text = JSON.stringify(resultFrame(frame.id, { ok: false, error: { code: 'internal', message: 'result could not be serialised' } }));
    }
    ws.send(text, (err) => {
      if (err) log(`ws: send failed: ${err.message}`);
    });
  };

  const sendEvent = (topic: TopicName, payload: unknown): void => {
    // A slow or stalled client must not make the host buffer without bound; it re-syncs from results.
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      if (droppedEvents++ === 0) log(`ws: session ${sessionId} is not reading; dropping events`);
      return;
    }
    if (droppedEvents > 0) {
      log(`ws: session ${sessionId} caught up after ${droppedEvents} dropped events`);
      droppedEvents = 0;
    }
    send({ t: 'event', topic, payload });
  };

  const call = async (id: number | string, method: string, input: unknown): Promise<void> => {
    if (inflight >= limits.maxInflightCalls) {
      send(
        resultFrame(id, { ok: false, error: { code: 'rate_limited', message: `more than ${limits.maxInflightCalls} calls in flight` } }),
      );
      return;
    }
    inflight++;
    let envelope: Envelope<unknown>;
    try {
      envelope = await core.invoke(method, input, { sessionId });
    } catch (err) {
      // Core promises never to throw; if it does anyway, the peer still gets an answer.
      log(`ws: core.invoke(${clip(method, 64)}) threw: ${String(err)}`);
      envelope = { ok: false, error: { code: 'internal', message: 'internal error' } };
    } finally {
      inflight--;
    }
    // A call that outlived its socket (market.watch waiting on a source, say) may have given the
    // session state after 'close' ended it; end it again so nothing is left for a dead peer.
    if (closed) return endSessionSafely();
    send(resultFrame(id, envelope));
  };

  const subscribe = (topic: string): void => {
    if (!isTopicName(topic)) return send(invalidInputFrame(`unknown topic '${clip(topic, 64)}'`));
    if (subscriptions.has(topic)) return;
    subscriptions.set(
      topic,
      core.subscribe(topic, (payload) => {
        try {
          sendEvent(topic, payload);
        } catch (err) {
          log(`ws: event delivery failed: ${String(err)}`);
        }
      }),
    );
  };

  const unsubscribe = (topic: string): void => {
    if (!isTopicName(topic)) return send(invalidInputFrame(`unknown topic '${clip(topic, 64)}'`));
    subscriptions.get(topic)?.();
    subscriptions.delete(topic);
  };

  const onMessage = (data: RawData, isBinary: boolean): void => {
    if (isBinary) return send(invalidInputFrame('binary frames are not accepted; send JSON text frames'));
    const parsed = parseClientFrame(rawToString(data));
    if (!parsed.ok) return send(invalidInputFrame(parsed.message));
    const frame = parsed.frame;
    if (frame.t === 'call') void call(frame.id, frame.method, frame.input);
    else if (frame.t === 'sub') subscribe(frame.topic);
    else unsubscribe(frame.topic);
  };

  ws.on('message', (data, isBinary) => {
    try {
      onMessage(data, isBinary);
    } catch (err) {
      log(`ws: message handling failed: ${String(err)}`);
      send(invalidInputFrame('frame could not be handled'));
    }
  });
  // ws emits 'error' for protocol violations (oversize frame → 1009, bad UTF-8 → 1007) before
  // closing; an unhandled 'error' event would take the whole process down.
  ws.on('error', (err) => log(`ws: session ${sessionId}: ${err.message}`));
  ws.on('close', (code, reason) => {
    // Normal ends stay quiet; anything else is kept so a dropped browser session can be explained.
    if (!NORMAL_CLOSE_CODES.has(code)) log(`ws: session ${sessionId} closed (${code} ${clip(reason.toString('utf8'), 64)})`);
    closed = true;
    for (const unsubscribeTopic of subscriptions.values()) {
      try {
        unsubscribeTopic();
      } catch (err) {
        log(`ws: unsubscribe failed: ${String(err)}`);
      }
    }
    subscriptions.clear();
    endSessionSafely();
  });

  function endSessionSafely(): void {
    try {
      core.endSession(sessionId);
    } catch (err) {
      log(`ws: endSession failed: ${String(err)}`);
    }
  }
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
