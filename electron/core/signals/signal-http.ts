/**
 * The HTTP face of the signal listener, shared by both hosts: the headless host routes
 * `POST /signals/<sourceId>` on its own server here (bypassing its session token and Origin
 * checks for this path only, and only while signals are enabled); the desktop app serves it on
 * an opt-in loopback port. The request is framed here — method, content type, body size — and
 * judged by core (`SignalIntake.receive`: secret, timestamp, replay, payload, market).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundSignal, SignalReply } from './signal-service';
import { SIGNAL_MAX_BODY_BYTES, SIGNAL_PATH_PREFIX } from './signal-service';

export interface SignalHttpIntake {
  enabled(): boolean;
  receive(request: InboundSignal): Promise<SignalReply>;
  /** A request refused before core read it (method, type, size): logged like every other refusal. */
  refuse(sourceId: string, status: number, message: string): void;
}

const pathOf = (url: string | undefined) => {
  const raw = url ?? '';
  const end = raw.search(/[?#]/);
  return end < 0 ? raw : raw.slice(0, end);
};

/** Whether the request is for the signal listener (and the listener is on). */
export function isSignalRequest(req: IncomingMessage, intake: Pick<SignalHttpIntake, 'enabled'> | undefined): boolean {
  return intake !== undefined && pathOf(req.url).startsWith(SIGNAL_PATH_PREFIX) && intake.enabled();
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
};

function reply(res: ServerResponse, status: number, body: SignalReply['body']): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(text);
}

/** Answers one signal request; never throws (a failure is a 500 with nothing traded). */
export async function handleSignalRequest(req: IncomingMessage, res: ServerResponse, intake: SignalHttpIntake): Promise<void> {
  const sourceId = decodeSafe(pathOf(req.url).slice(SIGNAL_PATH_PREFIX.length));
  const refuse = (status: number, message: string) => {
    intake.refuse(sourceId, status, message);
    reply(res, status, { ok: false, message });
  };
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    req.resume();
    return refuse(405, 'Signals are sent with POST.');
  }
  // TradingView posts a JSON message as application/json and anything else as text/plain.
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'text/plain') {
    req.resume();
    return refuse(
      415,
      `Send the signal as application/json (or text/plain holding JSON), not "${type.slice(0, 40) || 'no content type'}".`,
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > SIGNAL_MAX_BODY_BYTES) {
    res.setHeader('Connection', 'close');
    req.resume();
    return refuse(413, `The signal is larger than ${SIGNAL_MAX_BODY_BYTES / 1024} KB.`);
  }
  const body = await readBody(req, SIGNAL_MAX_BODY_BYTES);
  if (body === null) {
    res.setHeader('Connection', 'close');
    return refuse(413, `The signal is larger than ${SIGNAL_MAX_BODY_BYTES / 1024} KB.`);
  }
  const answer = await intake.receive({
    sourceId,
    body,
    headers: {
      secret: header(req, 'x-tradewind-secret'),
      timestamp: header(req, 'x-tradewind-timestamp'),
      signalId: header(req, 'x-tradewind-signal-id'),
    },
  });
  reply(res, answer.status, answer.body);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text).slice(0, 100);
  } catch {
    return text.slice(0, 100);
  }
}

/** The body as UTF-8 text, or null once it passes `limit` bytes (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
    req.on('aborted', () => resolve(null));
  });
}
