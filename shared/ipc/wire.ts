/**
 * WebSocket wire format of the headless host. JSON text frames.
 * client → server: { t: 'call', id, method, input } | { t: 'sub', topic } | { t: 'unsub', topic }
 * server → client: { t: 'result', id, ok: true, value } | { t: 'result', id, ok: false, error }
 *                  { t: 'event', topic, payload }
 * A frame that is not valid JSON or not one of these shapes gets
 * { t: 'result', id: null, ok: false, error: { code: 'invalid_input', message } }.
 */
import { z } from 'zod';

export const ClientFrameSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('call'),
    id: z.union([z.number().int(), z.string().max(64)]),
    method: z.string().max(128),
    input: z.unknown().optional(),
  }),
  z.object({ t: z.literal('sub'), topic: z.string().max(128) }),
  z.object({ t: z.literal('unsub'), topic: z.string().max(128) }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  | { t: 'result'; id: number | string | null; ok: true; value: unknown }
  | { t: 'result'; id: number | string | null; ok: false; error: { code: string; message: string } }
  | { t: 'event'; topic: string; payload: unknown };

/** Frames larger than this are refused before parsing (a hostile peer cannot make us parse 100 MB). */
export const MAX_FRAME_BYTES = 256 * 1024;
