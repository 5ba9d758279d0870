import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { obtainPassphrase, type PassphraseInput } from './passphrase-input';

const PASS = 'correct horse battery staple';

function input(overrides: Partial<PassphraseInput> & { stdinText?: string }): {
  input: PassphraseInput;
  warnings: string[];
  prompted: () => string;
} {
  const stdin = new PassThrough();
  if (overrides.stdinText !== undefined) stdin.end(overrides.stdinText);
  const prompt = new PassThrough();
  let written = '';
  prompt.on('data', (chunk: Buffer) => (written += chunk.toString()));
  const warnings: string[] = [];
  return {
    input: { env: {}, fromStdin: false, stdin, prompt, warn: (line) => warnings.push(line), ...overrides },
    warnings,
    prompted: () => written,
  };
}

describe('tradewind serve passphrase input', () => {
  it('reads one line from stdin with --passphrase-stdin', async () => {
    const { input: i } = input({ fromStdin: true, stdinText: `${PASS}\nrest` });
    expect(await obtainPassphrase(i)).toBe(PASS);
    const { input: noNewline } = input({ fromStdin: true, stdinText: PASS });
    expect(await obtainPassphrase(noNewline)).toBe(PASS);
  });

  it('refuses an empty stdin and a passphrase given two ways', async () => {
    await expect(obtainPassphrase(input({ fromStdin: true, stdinText: '\n' }).input)).rejects.toMatchObject({
      code: 'bad_passphrase',
      message: expect.stringMatching(/empty line/),
    });
    const twice = input({ fromStdin: true, stdinText: `${PASS}\n`, env: { TRADEWIND_SECRET_PASSPHRASE: PASS } });
    await expect(obtainPassphrase(twice.input)).rejects.toThrowError(/one way only/);
    expect(twice.input.env.TRADEWIND_SECRET_PASSPHRASE).toBeUndefined();
  });

  it('takes the environment variable out of the environment, and never prompts without a terminal', async () => {
    const env: Record<string, string | undefined> = { TRADEWIND_SECRET_PASSPHRASE: PASS, TRADEWIND_SECRET_STORE: 'encrypted-file' };
    const withEnv = input({ env });
    expect(await obtainPassphrase(withEnv.input)).toBe(PASS);
    expect(env.TRADEWIND_SECRET_PASSPHRASE).toBeUndefined();
    expect(withEnv.warnings).toEqual([expect.stringMatching(/removed from this process's environment/)]);
    const piped = input({ env: { TRADEWIND_SECRET_STORE: 'encrypted-file' } });
    expect(await obtainPassphrase(piped.input)).toBeUndefined();
    expect(piped.prompted()).toBe('');
  });

  it('asks on a terminal for the encrypted store without echoing, honouring backspace', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
    const tty = Object.assign(stdin, { setRawMode: (raw: boolean) => stdin.rawModes.push(raw) });
    const { input: i, prompted } = input({ env: { TRADEWIND_SECRET_STORE: 'encrypted-file' }, stdin: tty });
    const answer = obtainPassphrase(i);
    tty.write('correct horse battery stapx\u007fle');
    tty.write('\r');
    expect(await answer).toBe(PASS);
    expect(tty.rawModes).toEqual([true, false]);
    expect(prompted()).toBe('Passphrase of the encrypted secret store (not shown): \n');
  });

  it('does not ask when the keychain is in use', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
    const { input: i, prompted } = input({ env: {}, stdin: tty });
    expect(await obtainPassphrase(i)).toBeUndefined();
    expect(prompted()).toBe('');
  });
});
