/**
 * The encrypted file store's passphrase for `tradewind serve`: from the environment or its file
 * (core's passphrase-source.ts), from stdin with --passphrase-stdin, or asked for on the terminal
 * (not echoed) when the encrypted file store is chosen and nothing else gave one.
 */
import type { Readable, Writable } from 'node:stream';
import { firstLine, takePassphraseFromEnv } from '../core/secrets/passphrase-source';
import { SecretStoreError } from '../core/secrets/secret-store';

export interface PassphraseInput {
  env: Record<string, string | undefined>;
  fromStdin: boolean;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Where the prompt is written (stderr: stdout carries only the ready line). */
  prompt: Writable;
  warn: (line: string) => void;
}

export async function obtainPassphrase(input: PassphraseInput): Promise<string | undefined> {
  const fromEnv = takePassphraseFromEnv(input.env, input.warn);
  if (input.fromStdin) {
    if (fromEnv !== undefined) {
      throw new SecretStoreError(
        'bad_passphrase',
        '--passphrase-stdin was given, but the environment holds a passphrase too: give it one way only.',
      );
    }
    const line = firstLine(await readAll(input.stdin));
    if (line === '')
      throw new SecretStoreError(
        'bad_passphrase',
        '--passphrase-stdin read an empty line: pipe the passphrase in, e.g. `tradewind serve --passphrase-stdin < file`.',
      );
    return line;
  }
  if (fromEnv !== undefined) return fromEnv;
  if (input.env.TRADEWIND_SECRET_STORE?.trim() === 'encrypted-file' && input.stdin.isTTY === true && input.stdin.setRawMode) {
    return promptHidden(input.stdin, input.prompt);
  }
  return undefined;
}

/** Up to the first newline or the end of the stream, then stops reading so stdin does not keep the process busy. */
function readAll(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (): void => {
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', reject);
      stream.pause();
      resolve(text);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (/\r?\n/.test(text) || text.length > 4096) finish();
    };
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', reject);
  });
}

/** Reads one line in raw mode without echoing it; Ctrl+C ends the process like it would at any prompt. */
function promptHidden(stdin: NonNullable<PassphraseInput['stdin']>, out: Writable): Promise<string> {
  out.write('Passphrase of the encrypted secret store (not shown): ');
  stdin.setRawMode!(true);
  stdin.resume();
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\u0003') {
          out.write('\n');
          process.exit(130);
        }
        if (char === '\r' || char === '\n' || char === '\u0004') {
          stdin.off('data', onData);
          stdin.setRawMode!(false);
          stdin.pause();
          out.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
