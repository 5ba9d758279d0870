/** A plain Redis connection that fails fast with a clear message instead of retrying forever. */
import { Redis } from 'ioredis';
import { describeRedisError, type RedisTarget } from './redis-url';

/** Connect timeout of the first contact (an unreachable host otherwise hangs for minutes). */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Connects and PINGs once (no retries: a wrong URL or password is reported, not retried);
 * afterwards the client reconnects on its own like any ioredis client.
 */
export async function connectChecked(target: RedisTarget): Promise<Redis> {
  let first = true;
  const client = new Redis(target.url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    // Before the first success: give up at once; after it, back off up to 2 s.
    retryStrategy: (times) => (first ? null : Math.min(times * 200, 2000)),
  });
  // The first error says what went wrong (a refused AUTH, ECONNREFUSED); the rejected call
  // afterwards often only says "Connection is closed".
  let cause: unknown = null;
  client.on('error', (error: unknown) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw describeRedisError(target, cause ?? error);
  }
  first = false;
  return client;
}
