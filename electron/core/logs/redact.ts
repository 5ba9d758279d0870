/**
 * Redaction for everything written to log files and diagnostics: the live secrets by value (in
 * the spellings a library may quote them in), then patterns for credentials whatever their value:
 * `apiKey=…`, `"secret":"…"`, `Authorization: Bearer …`, `#token=…`, exchange key headers.
 */
import { redactSecrets } from '../secrets/errors';
import { liveSecrets } from './live-secrets';

export const REDACTED = '[redacted]';

const KEY_NAMES = [
  'api[_-]?key',
  'api[_-]?secret',
  'secret',
  'password',
  'passphrase',
  'token',
  'access[_-]?token',
  'private[_-]?key',
  'signature',
  'x-mbx-apikey',
  'ok-access-key',
  'ok-access-passphrase',
  'ok-access-sign',
  'api-sign',
].join('|');

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // "secret": "value"  /  'apiKey': 'value'
  [new RegExp(`(["'](?:${KEY_NAMES})["']\\s*:\\s*)(["'])(?:[^"'\\\\]|\\\\.)*\\2`, 'gi'), `$1$2${REDACTED}$2`],
  // apiKey=value / secret: value / #token=value (query strings, headers, key=value logs)
  [new RegExp(`((?:^|[\\s?&#;,{(])(?:${KEY_NAMES})\\s*[=:]\\s*)([^\\s&;,"')}]+)`, 'gi'), `$1${REDACTED}`],
  // Authorization: Bearer xyz / Basic xyz
  [/(\b(?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`],
  // PEM private keys
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
];

export function redact(text: string, extra: readonly string[] = []): string {
  let out = redactSecrets(text, [...liveSecrets(), ...extra]);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * For text that is stored (log files, diagnostics): also blanks the headless host's one-time
 * confirmation codes. They belong on the host's terminal only; the app can export diagnostics, and
 * a code it could read back would let a compromised renderer confirm its own request.
 */
export function redactForFile(text: string): string {
  return redact(text).replace(/(CONFIRMATION CODE )\d{3}-?\d{3}/g, `$1${REDACTED}`);
}
