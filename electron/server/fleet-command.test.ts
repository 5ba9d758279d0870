import { describe, expect, it } from 'vitest';
import { runWorkerCommand } from './fleet-command';

async function worker(args: Parameters<typeof runWorkerCommand>[0], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runWorkerCommand(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    { env, stopSignal: Promise.resolve() },
  );
  return { code, stdout, stderr };
}

describe('tradewind worker', () => {
  it('needs a Redis URL from --redis or TRADEWIND_REDIS_URL (exit 2, says how)', async () => {
    const { code, stderr } = await worker({ command: 'worker' }, {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/--redis redis:\/\/HOST:6379 or TRADEWIND_REDIS_URL/);
  });

  it('refuses a malformed URL before connecting, without echoing its password', async () => {
    const { code, stderr } = await worker({ command: 'worker' }, { TRADEWIND_REDIS_URL: 'https://:topsecret@cache:6379' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/https:\/\/:\*\*\*@cache:6379 is not a Redis URL/);
    expect(stderr).not.toContain('topsecret');
  });
});
