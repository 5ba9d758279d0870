import { describe, expect, it } from 'vitest';
import { BacktestInputError } from '../errors';
import { describeRedisError, parseRedisUrl } from './redis-url';

describe('fleet Redis URL', () => {
  it('accepts redis:// and rediss:// URLs and never shows the password', () => {
    expect(parseRedisUrl(' redis://127.0.0.1:6379 ')).toEqual({ url: 'redis://127.0.0.1:6379', safe: 'redis://127.0.0.1:6379' });
    const withPassword = parseRedisUrl('rediss://worker:s3cr%40t@cache.example:6380/2');
    expect(withPassword.safe).toBe('rediss://worker:***@cache.example:6380/2');
    expect(withPassword.url).toBe('rediss://worker:s3cr%40t@cache.example:6380/2');
    // A password written without the colon sits where the user name would: hidden too.
    expect(parseRedisUrl('redis://hunter2@10.1.2.3:6379').safe).toBe('redis://***@10.1.2.3:6379');
    const bare = parseRedisUrl('redis://hunter2@10.1.2.3:6379');
    expect(describeRedisError(bare, new Error('weird failure for hunter2')).message).not.toContain('hunter2');
  });

  it('refuses what is not a usable Redis URL, saying what one looks like', () => {
    const problem = (text: string) => {
      try {
        parseRedisUrl(text);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(BacktestInputError);
        return (error as Error).message;
      }
    };
    expect(problem('')).toMatch(/empty.*redis:\/\/127\.0\.0\.1:6379/);
    expect(problem('localhost:6379')).toMatch(/not a Redis URL: it must start with redis:\/\//);
    expect(problem('http://:pw@host')).toBe('http://:***@host is not a Redis URL: it must start with redis:// (or rediss:// for TLS).');
    expect(problem('not a url :pw@x')).toMatch(/is not a URL/);
    expect(problem('redis://host:6379/db')).toMatch(/database number/);
    expect(problem('redis://host?x=1')).toMatch(/query strings/);
  });

  it('turns driver errors into what happened where and what to do, without the password', () => {
    const target = parseRedisUrl('redis://:hunter2@10.1.2.3:6379');
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:6379'), { code: 'ECONNREFUSED' });
    expect(describeRedisError(target, refused).message).toMatch(/^Redis at redis:\/\/:\*\*\*@10\.1\.2\.3:6379 refused the connection/);
    expect(describeRedisError(target, new Error('WRONGPASS invalid username-password pair')).message).toMatch(/refused the credentials/);
    expect(describeRedisError(target, new Error('NOAUTH Authentication required.')).message).toMatch(/a password is required/);
    const echoed = describeRedisError(target, new Error('weird failure talking to redis://:hunter2@10.1.2.3:6379 (hunter2)'));
    expect(echoed.message).not.toContain('hunter2');
    expect(echoed.message).toMatch(/is not usable: weird failure/);
  });
});
