import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { PASSPHRASE_ENV, takePassphraseFromEnv } from './passphrase-source';

const PASS = 'correct horse battery staple';
let temp: ReturnType<typeof makeTempDir>;
let warnings: string[];
const warn = (line: string) => warnings.push(line);

beforeEach(() => {
  temp = makeTempDir('tw-passphrase-');
  warnings = [];
});
afterEach(() => temp.cleanup());

describe('the encrypted store passphrase from the environment', () => {
  it('reads TRADEWIND_SECRET_PASSPHRASE, deletes it from the environment at once, and recommends the file', () => {
    const env: Record<string, string | undefined> = { [PASSPHRASE_ENV]: PASS, OTHER: 'x' };
    expect(takePassphraseFromEnv(env, warn)).toBe(PASS);
    expect(PASSPHRASE_ENV in env).toBe(false);
    expect(env).toEqual({ OTHER: 'x' });
    expect(warnings.join('\n')).toMatch(/removed from this process's environment.*TRADEWIND_SECRET_PASSPHRASE_FILE/);
    expect(warnings.join('\n')).not.toContain(PASS);
  });

  it('works on the real process.env, so child processes never inherit it', () => {
    process.env[PASSPHRASE_ENV] = PASS;
    try {
      expect(takePassphraseFromEnv(process.env, warn)).toBe(PASS);
      expect(process.env[PASSPHRASE_ENV]).toBeUndefined();
    } finally {
      delete process.env[PASSPHRASE_ENV];
    }
  });

  it('reads the first line of TRADEWIND_SECRET_PASSPHRASE_FILE and warns when others can read the file', () => {
    const file = path.join(temp.dir, 'pass');
    fs.writeFileSync(file, `${PASS}\nignored\n`, { mode: 0o600 });
    expect(takePassphraseFromEnv({ TRADEWIND_SECRET_PASSPHRASE_FILE: file }, warn)).toBe(PASS);
    expect(warnings).toEqual([]);
    fs.chmodSync(file, 0o644);
    expect(takePassphraseFromEnv({ TRADEWIND_SECRET_PASSPHRASE_FILE: file }, warn)).toBe(PASS);
    if (process.platform !== 'win32') expect(warnings).toEqual([expect.stringMatching(/can be read by other users: chmod 600/)]);
  });

  it('says which file is missing or empty', () => {
    const missing = path.join(temp.dir, 'nope');
    expect(() => takePassphraseFromEnv({ TRADEWIND_SECRET_PASSPHRASE_FILE: missing }, warn)).toThrowError(
      /Cannot read TRADEWIND_SECRET_PASSPHRASE_FILE .*nope/,
    );
    const empty = path.join(temp.dir, 'empty');
    fs.writeFileSync(empty, '\n', { mode: 0o600 });
    expect(() => takePassphraseFromEnv({ TRADEWIND_SECRET_PASSPHRASE_FILE: empty }, warn)).toThrowError(/is empty/);
    expect(takePassphraseFromEnv({}, warn)).toBeUndefined();
  });
});
