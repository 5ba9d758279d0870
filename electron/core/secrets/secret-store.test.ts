import { describe, expect, it } from 'vitest';
import { checkCredentials, parseStoredCredentials } from './credentials';
import { describeError } from './errors';
import { SecretStoreError, assertValidRef, entryName, redactSecrets } from './secret-store';
import { parseEntryName } from './secret-ref';

const CREDS = { apiKey: 'AK-0123456789', secret: 'S3CR3T/with"quote&amp', password: 'okx-pass' };

describe('secret refs', () => {
  it('names entries <accountId>/v<version> and parses them back', () => {
    expect(entryName({ accountId: 'bybit_2-a', version: 7 })).toBe('bybit_2-a/v7');
    expect(parseEntryName('bybit_2-a/v7')).toEqual({ accountId: 'bybit_2-a', version: 7 });
  });

  it.each([
    [{ accountId: '../x', version: 1 }],
    [{ accountId: 'a/v1', version: 1 }],
    [{ accountId: 'a\\b', version: 1 }],
    [{ accountId: 'a.b', version: 1 }],
    [{ accountId: 'a\nb', version: 1 }],
    [{ accountId: '', version: 1 }],
    [{ accountId: 'x'.repeat(65), version: 1 }],
    [{ accountId: 'ok', version: 0 }],
    [{ accountId: 'ok', version: -2 }],
    [{ accountId: 'ok', version: 1.5 }],
    [{ accountId: 'ok', version: Number.MAX_SAFE_INTEGER + 1 }],
    [{ accountId: 'ok', version: '1' }],
    [{ accountId: 42, version: 1 }],
    [null],
  ])('refuses %j with invalid_ref', (ref) => {
    expect(() => assertValidRef(ref)).toThrow(SecretStoreError);
    expect(() => entryName(ref as never)).toThrow(expect.objectContaining({ code: 'invalid_ref' }));
  });

  it('does not take foreign keychain names (probe entries, paths) for refs', () => {
    for (const name of ['.probe/123', 'a/v0', 'a/v01', 'a/v1/x', '../a/v1', 'a/v', 'a']) {
      expect(parseEntryName(name)).toBeNull();
    }
  });
});

describe('redaction', () => {
  it('removes every known secret value, raw, JSON-escaped and URL-encoded', () => {
    const text = [
      `raw ${CREDS.secret} and ${CREDS.apiKey}`,
      `json ${JSON.stringify({ secret: CREDS.secret })}`,
      `url ?s=${encodeURIComponent(CREDS.secret)}&p=${CREDS.password}`,
    ].join('\n');
    const out = redactSecrets(text, CREDS);
    for (const value of Object.values(CREDS)) expect(out).not.toContain(value);
    expect(out).not.toContain(encodeURIComponent(CREDS.secret));
    expect(out).not.toContain(JSON.stringify(CREDS.secret).slice(1, -1));
    expect(out).toContain('raw [redacted] and [redacted]');
  });

  it('accepts a plain list and ignores empty/short values', () => {
    expect(redactSecrets('token abcdef in a b c', ['abcdef', undefined, '', 'b'])).toBe('token [redacted] in a b c');
  });

  it('is applied by SecretStoreError and describeError', () => {
    const err = new SecretStoreError('corrupt', `bad entry ${CREDS.secret}`, CREDS);
    expect(err.message).toBe('bad entry [redacted]');
    expect(err.stack).not.toContain(CREDS.secret);
    expect(err.code).toBe('corrupt');
    expect(err.name).toBe('SecretStoreError');
    expect(describeError(new Error(`x ${CREDS.apiKey}`), CREDS)).toBe('x [redacted]');
  });
});

describe('credentials', () => {
  it('keeps ccxt credential fields and refuses unknown or empty ones', () => {
    const all = { apiKey: 'k', secret: 's', password: 'p', uid: 'u', privateKey: 'pk', walletAddress: 'w', token: 't' };
    expect(checkCredentials(all)).toEqual(all);
    // Exchanges differ (hyperliquid: privateKey + walletAddress); the store only needs one credential.
    expect(checkCredentials({ privateKey: 'pk', walletAddress: 'w' })).toEqual({ privateKey: 'pk', walletAddress: 'w' });
    expect(() => checkCredentials({})).toThrow(expect.objectContaining({ code: 'invalid_credentials' }));
    expect(() => checkCredentials({ apiKey: '' })).toThrow(expect.objectContaining({ code: 'invalid_credentials' }));
    expect(() => checkCredentials({ apiKey: 'k', secret: 's', passphrase: 'x' })).toThrow(/passphrase \(unknown\)/);
    expect(() => checkCredentials('k:s')).toThrow(/not an object/);
  });

  it('reports a damaged stored entry as corrupt without quoting it (JSON.parse errors do quote)', () => {
    const stored = `{"apiKey":"${CREDS.apiKey}","secret":"${CREDS.secret.replace(/"/g, '')}"`;
    const err = (() => {
      try {
        parseStoredCredentials(stored, 'x/v1');
      } catch (e) {
        return e as SecretStoreError;
      }
      throw new Error('expected a throw');
    })();
    expect(err.code).toBe('corrupt');
    expect(err.message).not.toContain(CREDS.apiKey);
    expect(err.message).toMatch(/x\/v1/);
  });
});
