/**
 * What is wrong with a Redis URL typed into Settings, or null. Isomorphic, so the settings form
 * and core's schema say the same. Credentials are refused here: the settings document is not
 * secret storage (a password goes in TRADEWIND_REDIS_URL, which is never written anywhere).
 */
export function redisSettingUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'the Redis URL looks like redis://HOST:6379 (or rediss:// for TLS)';
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return 'the Redis URL must start with redis:// or rediss://';
  if (url.hostname === '') return 'the Redis URL needs a host, e.g. redis://10.0.0.5:6379';
  if (url.password !== '' || url.username !== '')
    return 'a Redis password is not kept in settings (they are not secret storage): start Tradewind with TRADEWIND_REDIS_URL=redis://:PASSWORD@HOST:6379 instead';
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,2}$/.test(url.pathname))
    return 'the path of a Redis URL is the database number, e.g. redis://HOST:6379/0';
  if (url.search !== '' || url.hash !== '') return 'the Redis URL takes no query string or fragment';
  return null;
}
