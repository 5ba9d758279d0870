import { describe, expect, it } from 'vitest';
import { ArgsError, DEFAULT_HOST, DEFAULT_PORT, parseServerArgs } from './args';

describe('parseServerArgs', () => {
  it('defaults to loopback and the default port', () => {
    expect(parseServerArgs([])).toEqual({ kind: 'run', port: DEFAULT_PORT, host: DEFAULT_HOST });
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('reads --port and --host in both spellings', () => {
    expect(parseServerArgs(['--port', '0', '--host', '0.0.0.0'])).toEqual({ kind: 'run', port: 0, host: '0.0.0.0' });
    expect(parseServerArgs(['--port=8080', '--host=[::1]'])).toEqual({ kind: 'run', port: 8080, host: '::1' });
    expect(parseServerArgs(['--host', 'localhost'])).toMatchObject({ host: 'localhost' });
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
  ])('refuses %j', (argv, message) => {
    expect(() => parseServerArgs(argv)).toThrowError(ArgsError);
    expect(() => parseServerArgs(argv)).toThrowError(message);
  });
});
