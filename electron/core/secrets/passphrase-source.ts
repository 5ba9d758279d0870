/**
 * Where the encrypted file store's passphrase comes from. Not from an environment variable left in
 * place: the environment is inherited by child processes, readable in /proc/<pid>/environ by the
 * same user, and copied into crash reports. In order of preference:
 *   TRADEWIND_SECRET_PASSPHRASE_FILE  a file only its owner can read (first line);
 *   `tradewind serve --passphrase-stdin` and the terminal prompt (electron/server/passphrase-input.ts);
 *   TRADEWIND_SECRET_PASSPHRASE       still read for old set-ups, then deleted from process.env at once, with a warning.
 */
import { readFileSync, statSync } from 'node:fs';
import { PASSPHRASE_FILE_ENV } from './encrypted-file-store';
import { SecretStoreError } from './errors';

export const PASSPHRASE_ENV = 'TRADEWIND_SECRET_PASSPHRASE';

/**
 * Takes the passphrase out of the environment (deleting TRADEWIND_SECRET_PASSPHRASE) or reads the
 * file TRADEWIND_SECRET_PASSPHRASE_FILE names. Undefined when neither is set.
 */
export function takePassphraseFromEnv(env: Record<string, string | undefined>, warn: (line: string) => void): string | undefined {
  const inline = env[PASSPHRASE_ENV];
  if (inline !== undefined) {
    delete env[PASSPHRASE_ENV];
    warn(
      `${PASSPHRASE_ENV} was read and removed from this process's environment. Prefer ${PASSPHRASE_FILE_ENV}=<file only you can read> ` +
        'or `tradewind serve --passphrase-stdin`: environment variables leak into child processes, /proc and crash reports.',
    );
    if (env[PASSPHRASE_FILE_ENV] !== undefined) warn(`${PASSPHRASE_FILE_ENV} is ignored because ${PASSPHRASE_ENV} was also set.`);
    return inline === '' ? undefined : inline;
  }
  const file = env[PASSPHRASE_FILE_ENV];
  if (file === undefined || file === '') return undefined;
  return readPassphraseFile(file, warn);
}

export function readPassphraseFile(file: string, warn: (line: string) => void): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    // Group or world access means someone else may read it too; say so rather than refuse (a
    // container's mounted secret is often 0644 inside a private namespace).
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
      warn(`${PASSPHRASE_FILE_ENV} ${file} can be read by other users: chmod 600 it.`);
    }
  } catch (error) {
    throw new SecretStoreError('bad_passphrase', `Cannot read ${PASSPHRASE_FILE_ENV} ${file}: ${(error as Error).message}.`);
  }
  const passphrase = firstLine(text);
  if (passphrase === '')
    throw new SecretStoreError('bad_passphrase', `${PASSPHRASE_FILE_ENV} ${file} is empty: put the passphrase on its first line.`);
  return passphrase;
}

/** The first line without its line ending: `echo pass > file` and editors add one. */
export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}
