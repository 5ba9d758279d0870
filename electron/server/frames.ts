import type { z } from 'zod';
import { ClientFrameSchema, MAX_FRAME_BYTES, type ClientFrame, type ServerFrame } from '../../shared/ipc/wire';
import type { Envelope } from '../../shared/ipc/errors';

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; message: string };

/** Parses one text frame. Never throws: anything a peer sends becomes a frame or a reason. */
export function parseClientFrame(text: string): ParsedFrame {
  // ws enforces maxPayload already; this guards callers that hand us text from elsewhere.
  if (text.length > MAX_FRAME_BYTES) return { ok: false, message: `frame larger than ${MAX_FRAME_BYTES} bytes` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'frame is not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, message: 'frame must be a JSON object with a "t" field (call, sub or unsub)' };
  }
  const parsed = ClientFrameSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: `invalid frame: ${describeIssues(parsed.error.issues)}` };
  return { ok: true, frame: parsed.data };
}

/** `field: problem; field: problem`, short enough to never echo a hostile payload back. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const text = issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'frame';
      if (issue.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 't') {
        return 't: must be "call", "sub" or "unsub"';
      }
      if (issue.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 'id') {
        return 'id: must be an integer or a string of at most 64 characters';
      }
      return `${where}: ${issue.message}`;
    })
    .join('; ');
  return clip(text, 300);
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function resultFrame(id: number | string | null, envelope: Envelope<unknown>): ServerFrame {
  return envelope.ok ? { t: 'result', id, ok: true, value: envelope.value } : { t: 'result', id, ok: false, error: envelope.error };
}

export function invalidInputFrame(message: string, id: number | string | null = null): ServerFrame {
  return { t: 'result', id, ok: false, error: { code: 'invalid_input', message } };
}
