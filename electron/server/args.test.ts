import { describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_HOST, DEFAULT_PORT, parseServerArgs } from './args';

describe('parseServerArgs', () => {
  it('defaults to loopback and the default port', () => {
    expect(parseServerArgs([])).toEqual({ kind: 'run', port: DEFAULT_PORT, host: DEFAULT_HOST, insecure: false, passphraseStdin: false });
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('reads --port and --host in both spellings', () => {
    expect(parseServerArgs(['--port', '0', '--host', '0.0.0.0', '--insecure'])).toMatchObject({
      kind: 'run',
      port: 0,
      host: '0.0.0.0',
      insecure: true,
    });
    expect(parseServerArgs(['--port=8080', '--host=[::1]'])).toMatchObject({ kind: 'run', port: 8080, host: '::1' });
    expect(parseServerArgs(['--host', 'localhost'])).toMatchObject({ host: 'localhost' });
  });

  it('refuses a non-loopback bind without TLS unless --insecure is given, and says what to do', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'box.example']) {
      expect(() => parseServerArgs(['--host', host])).toThrowError(
        /clear text.*--tls-cert FILE --tls-key FILE.*SSH tunnel.*--public-origin.*--insecure/,
      );
    }
    expect(parseServerArgs(['--host', '0.0.0.0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem'])).toMatchObject({
      host: '0.0.0.0',
      tls: { certFile: 'c.pem', keyFile: 'k.pem' },
      insecure: false,
    });
    expect(parseServerArgs(['--host', '127.0.0.2'])).toMatchObject({ host: '127.0.0.2' });
  });

  it('reads --public-origin as a bare origin, --token-ttl as a duration, --passphrase-stdin as a switch', () => {
    expect(parseServerArgs(['--public-origin', 'https://Trade.Example:8443/', '--token-ttl', '8h', '--passphrase-stdin'])).toMatchObject({
      publicOrigin: 'https://trade.example:8443',
      tokenTtlMs: 8 * 3_600_000,
      passphraseStdin: true,
    });
    expect(parseServerArgs(['--public-origin=http://localhost:9000'])).toMatchObject({ publicOrigin: 'http://localhost:9000' });
    expect(parseServerArgs(['--token-ttl', '90'])).toMatchObject({ tokenTtlMs: 90_000 });
    expect(parseServerArgs(['--token-ttl=1d'])).toMatchObject({ tokenTtlMs: 86_400_000 });
  });

  it('answers --help', () => {
    expect(parseServerArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port'], /--port needs a value/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '65536'], /--port must be an integer/],
    [['--port', '-1'], /--port must be an integer/],
    [['--port', '1e3'], /--port must be an integer/],
    [['--port', '1', '--port', '2'], /more than once/],
    [['--host', 'a b'], /--host must be/],
    [['--host', 'evil/x'], /--host must be/],
    [['--verbose'], /unknown argument '--verbose'/],
    [['serve'], /unknown argument 'serve'/],
    [['--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--tls-key', 'k.pem'], /--tls-cert and --tls-key go together/],
    [['--insecure=yes'], /--insecure takes no value/],
    [['--public-origin', 'trade.example'], /--public-origin must be a URL/],
    [['--public-origin', 'ftp://trade.example'], /https:\/\/ or http:\/\//],
    [['--public-origin', 'https://trade.example/app'], /origin only/],
    [['--public-origin', 'https://u:p@trade.example'], /origin only/],
    [['--public-origin', 'http://trade.example'], /plain http on another machine/],
    [['--token-ttl', '0'], /--token-ttl must be a positive duration/],
    [['--token-ttl', '8 hours'], /--token-ttl must be a positive duration/],
    [['--token-ttl', '-5m'], /--token-ttl must be a positive duration/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseServerArgs(argv)).toThrowError(ArgsError);
    expect(() => parseServerArgs(argv)).toThrowError(message);
  });
});
