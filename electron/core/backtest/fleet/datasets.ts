/**
 * Candle columns by content hash: the coordinator stores a data set in Redis once (six Float64
 * columns back to back, little-endian as typed arrays are on every platform Node runs on) and
 * workers fetch it the first time a chunk names it, then keep it in memory.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { allocateColumns, type CandleColumns } from '../../strategy/candle-columns';
import { datasetKey, DATASET_TTL_SECONDS } from './protocol';

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export function encodeColumns(candles: CandleColumns): Buffer {
  const bytes = candles.length * Float64Array.BYTES_PER_ELEMENT;
  const out = Buffer.allocUnsafe(bytes * FIELDS.length);
  FIELDS.forEach((field, k) => {
    const column = candles[field].subarray(0, candles.length);
    Buffer.from(column.buffer, column.byteOffset, bytes).copy(out, k * bytes);
  });
  return out;
}

export function decodeColumns(buffer: Buffer): CandleColumns {
  const width = FIELDS.length * Float64Array.BYTES_PER_ELEMENT;
  if (buffer.length % width !== 0) throw new Error(`a stored data set has ${buffer.length} bytes, not a whole number of bars`);
  const length = buffer.length / width;
  const columns = allocateColumns(length);
  const bytes = length * Float64Array.BYTES_PER_ELEMENT;
  FIELDS.forEach((field, k) => {
    const column = columns[field];
    buffer.copy(Buffer.from(column.buffer, column.byteOffset, bytes), 0, k * bytes, (k + 1) * bytes);
  });
  return columns;
}

export function hashEncoded(encoded: Buffer): string {
  return createHash('sha256').update(encoded).digest('hex');
}

/** Stores the data set unless Redis already has it (then only its expiry is renewed); returns its hash. */
export async function publishDataset(redis: Redis, candles: CandleColumns): Promise<string> {
  const encoded = encodeColumns(candles);
  const hash = hashEncoded(encoded);
  const key = datasetKey(hash);
  if ((await redis.expire(key, DATASET_TTL_SECONDS)) === 1) return hash;
  await redis.set(key, encoded, 'EX', DATASET_TTL_SECONDS);
  return hash;
}

/** A worker's data sets: fetched once per hash, the last few kept. */
export class DatasetCache {
  private readonly sets = new Map<string, CandleColumns>();

  constructor(
    private readonly redis: Redis,
    private readonly log: (line: string) => void = () => {},
    private readonly keep = 3,
  ) {}

  async get(hash: string): Promise<CandleColumns> {
    const cached = this.sets.get(hash);
    if (cached) {
      // Most recently used last.
      this.sets.delete(hash);
      this.sets.set(hash, cached);
      return cached;
    }
    const buffer = await this.redis.getBuffer(datasetKey(hash));
    if (!buffer) throw new Error(`data set ${hash.slice(0, 12)}… is not in Redis (expired, or Redis was flushed); start the sweep again`);
    if (hashEncoded(buffer) !== hash) throw new Error(`data set ${hash.slice(0, 12)}… in Redis does not match its hash`);
    const columns = decodeColumns(buffer);
    this.log(`fetched data set ${hash.slice(0, 12)} (${columns.length} bars)`);
    this.sets.set(hash, columns);
    while (this.sets.size > this.keep) this.sets.delete(this.sets.keys().next().value!);
    return columns;
  }
}
