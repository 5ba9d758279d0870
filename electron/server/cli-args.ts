/**
 * Command line of the strategy tools:
 *   tradewind backtest (--strategy FILE.json | --template NAME [--param k=v ...]) --data FILE.csv
 *                      [--cash 10000] [--fee 0.001] [--slippage-bps 0] [--amount-step 0.00000001]
 *                      [--from DATE] [--to DATE] [--json]
 *   tradewind validate --strategy FILE.json [--json]
 *   tradewind backup | check [--quick] | restore (--from FILE | --latest)   [--data-dir DIR]
 *   tradewind diagnostics --out FILE [--lines N] [--data-dir DIR]
 *   tradewind worker [--redis URL] [--lock-duration MS] [--stalled-interval MS]
 * Flags take `--flag value` or `--flag=value`. Anything malformed is a CliArgsError (exit 2).
 */

export class CliArgsError extends Error {
  override name = 'CliArgsError';
}

export interface BacktestArgs {
  command: 'backtest';
  strategyFile?: string;
  template?: string;
  params: Record<string, number>;
  dataFile: string;
  cash?: number;
  fee?: number;
  slippageBps?: number;
  amountStep?: number;
  from?: number;
  to?: number;
  json: boolean;
}

export interface ValidateArgs {
  command: 'validate';
  strategyFile: string;
  json: boolean;
}

/** The database commands (storage-commands.ts); `dataDir` defaults to TRADEWIND_DATA_DIR or the per-OS folder. */
export type StorageArgs =
  | { command: 'backup'; dataDir?: string }
  | { command: 'check'; dataDir?: string; quick: boolean }
  | { command: 'restore'; dataDir?: string; from?: string; latest: boolean };

/** `tradewind diagnostics`: a redacted JSON bundle for bug reports (diagnostics-command.ts). */
export interface DiagnosticsArgs {
  command: 'diagnostics';
  out: string;
  dataDir?: string;
  lines?: number;
}

/** `tradewind worker`: runs optimiser sweep chunks from Redis (fleet-command.ts); the URL defaults to TRADEWIND_REDIS_URL. */
export interface WorkerArgs {
  command: 'worker';
  redisUrl?: string;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export type CliArgs = BacktestArgs | ValidateArgs | StorageArgs | DiagnosticsArgs | WorkerArgs | { command: 'help' };

export const CLI_USAGE = `Usage:
  tradewind backtest (--strategy FILE.json | --template NAME [--param k=v ...]) --data FILE.csv
                     [--cash 10000] [--fee 0.001] [--slippage-bps 0] [--amount-step 0.00000001]
                     [--from DATE] [--to DATE] [--json]
  tradewind validate --strategy FILE.json [--json]
  tradewind backup [--data-dir DIR]
  tradewind check [--quick] [--data-dir DIR]
  tradewind restore (--from FILE | --latest) [--data-dir DIR]
  tradewind diagnostics --out FILE [--lines N] [--data-dir DIR]
  tradewind worker [--redis redis://HOST:6379] [--lock-duration MS] [--stalled-interval MS]

  --strategy FILE    strategy graph (JSON, as saved by the editor)
  --template NAME    a built-in template: sma-cross, rsi-reversion, bollinger-breakout, macd-trend
  --param k=v        a template parameter, e.g. --param fast=10 --param slow=30 (repeatable)
  --data FILE        OHLCV CSV: timestamp,open,high,low,close,volume (ms or ISO 8601 times)
  --cash N           starting cash in the quote currency (default 10000)
  --fee RATE         fee per fill as a fraction (default 0.001 = 0.1 %)
  --slippage-bps N   market fills this many basis points worse than the open (default 0)
  --amount-step N    order amounts are rounded down to this step (default 0.00000001)
  --from, --to DATE  traded range: ISO 8601 or epoch ms; --to is exclusive
  --json             print one JSON object instead of tables

  backup             copy the database into DIR/backups now (safe while Tradewind runs)
  check              the full PRAGMA integrity_check of the database (--quick: quick_check); exit 1 when damaged
  restore            replace the database with a backup, checked first; Tradewind must not be running.
                     The current file is kept as tradewind.sqlite.before-restore-<time>
  --from FILE        the backup to restore (a path, or a file name in DIR/backups)
  --latest           the newest backup that passes integrity_check
  --data-dir DIR     the data folder (default: TRADEWIND_DATA_DIR, else the per-OS app data folder)

  diagnostics        write a redacted JSON bundle for a bug report: versions, OS, settings (credential-like
                     keys blanked), database quick_check, accounts without keys, the last log lines
  --out FILE         where to write it
  --lines N          how many of the last log lines to include (default 500)

  worker             take optimiser sweep chunks from a Redis queue until stopped (Ctrl+C finishes the
                     chunk in hand); run one per core, on any machine that reaches the Redis server
  --redis URL        redis://HOST[:PORT][/DB] (default: TRADEWIND_REDIS_URL; give a URL with a
                     password in TRADEWIND_REDIS_URL, not here: arguments show in ps and history)
  --lock-duration MS a chunk whose worker stops renewing its lock this long is retried elsewhere (default 30000)
  --stalled-interval MS  how often to look for such chunks (default 30000)`;

type FlagKind = 'string' | 'number' | 'date' | 'param' | 'switch';

const BACKTEST_FLAGS: Record<string, FlagKind> = {
  '--strategy': 'string',
  '--template': 'string',
  '--param': 'param',
  '--data': 'string',
  '--cash': 'number',
  '--fee': 'number',
  '--slippage-bps': 'number',
  '--amount-step': 'number',
  '--from': 'date',
  '--to': 'date',
  '--json': 'switch',
};

const VALIDATE_FLAGS: Record<string, FlagKind> = { '--strategy': 'string', '--json': 'switch' };
const BACKUP_FLAGS: Record<string, FlagKind> = { '--data-dir': 'string' };
const CHECK_FLAGS: Record<string, FlagKind> = { '--data-dir': 'string', '--quick': 'switch' };
const RESTORE_FLAGS: Record<string, FlagKind> = { '--data-dir': 'string', '--from': 'string', '--latest': 'switch' };
const DIAGNOSTICS_FLAGS: Record<string, FlagKind> = { '--data-dir': 'string', '--out': 'string', '--lines': 'number' };
const WORKER_FLAGS: Record<string, FlagKind> = { '--redis': 'string', '--lock-duration': 'number', '--stalled-interval': 'number' };

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  if (command === 'backtest') return toBacktestArgs(readFlags(rest, BACKTEST_FLAGS));
  if (command === 'validate') return toValidateArgs(readFlags(rest, VALIDATE_FLAGS));
  if (command === 'backup') return { command, dataDir: readFlags(rest, BACKUP_FLAGS).values.get('--data-dir') as string | undefined };
  if (command === 'check') {
    const { values } = readFlags(rest, CHECK_FLAGS);
    return { command, dataDir: values.get('--data-dir') as string | undefined, quick: values.get('--quick') === true };
  }
  if (command === 'restore') return toRestoreArgs(readFlags(rest, RESTORE_FLAGS));
  if (command === 'diagnostics') return toDiagnosticsArgs(readFlags(rest, DIAGNOSTICS_FLAGS));
  if (command === 'worker') return toWorkerArgs(readFlags(rest, WORKER_FLAGS));
  throw new CliArgsError(`unknown command '${clip(command)}'; expected backtest, validate, backup, check, restore, diagnostics or worker`);
}

interface Flags {
  values: Map<string, string | number | true>;
  params: Record<string, number>;
}

function readFlags(argv: readonly string[], known: Record<string, FlagKind>): Flags {
  const values = new Map<string, string | number | true>();
  const params: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const kind = known[flag];
    if (kind === undefined) {
      const hint = arg.startsWith('-') ? '' : ' (values follow their flag, e.g. --data FILE.csv)';
      throw new CliArgsError(`unknown argument '${clip(arg)}'${hint}`);
    }
    if (kind === 'switch') {
      if (eq > 0) throw new CliArgsError(`${flag} takes no value`);
      values.set(flag, true);
      continue;
    }
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new CliArgsError(`${flag} needs a value`);
    if (kind === 'param') {
      const [key, raw] = splitParam(value);
      if (key in params) throw new CliArgsError(`--param ${key} given more than once`);
      params[key] = parseNumber('--param ' + key, raw);
      continue;
    }
    if (values.has(flag)) throw new CliArgsError(`${flag} given more than once`);
    values.set(flag, kind === 'number' ? parseNumber(flag, value) : kind === 'date' ? parseDate(flag, value) : value);
  }
  return { values, params };
}

function toBacktestArgs({ values, params }: Flags): BacktestArgs {
  const strategyFile = values.get('--strategy') as string | undefined;
  const template = values.get('--template') as string | undefined;
  if (strategyFile === undefined && template === undefined) throw new CliArgsError('give --strategy FILE.json or --template NAME');
  if (strategyFile !== undefined && template !== undefined) throw new CliArgsError('give either --strategy or --template, not both');
  if (strategyFile !== undefined && Object.keys(params).length > 0) {
    throw new CliArgsError('--param sets template parameters; it needs --template (edit the strategy file instead)');
  }
  const dataFile = values.get('--data') as string | undefined;
  if (dataFile === undefined) throw new CliArgsError('--data FILE.csv is required');
  const from = values.get('--from') as number | undefined;
  const to = values.get('--to') as number | undefined;
  if (from !== undefined && to !== undefined && from >= to) throw new CliArgsError('--from must be before --to');
  return {
    command: 'backtest',
    strategyFile,
    template,
    params,
    dataFile,
    cash: values.get('--cash') as number | undefined,
    fee: values.get('--fee') as number | undefined,
    slippageBps: values.get('--slippage-bps') as number | undefined,
    amountStep: values.get('--amount-step') as number | undefined,
    from,
    to,
    json: values.get('--json') === true,
  };
}

function toValidateArgs({ values }: Flags): ValidateArgs {
  const strategyFile = values.get('--strategy') as string | undefined;
  if (strategyFile === undefined) throw new CliArgsError('--strategy FILE.json is required');
  return { command: 'validate', strategyFile, json: values.get('--json') === true };
}

function toRestoreArgs({ values }: Flags): StorageArgs {
  const from = values.get('--from') as string | undefined;
  const latest = values.get('--latest') === true;
  if (from === undefined && !latest) throw new CliArgsError('restore needs --from FILE or --latest');
  if (from !== undefined && latest) throw new CliArgsError('give either --from or --latest, not both');
  return { command: 'restore', dataDir: values.get('--data-dir') as string | undefined, from, latest };
}

function toDiagnosticsArgs({ values }: Flags): DiagnosticsArgs {
  const out = values.get('--out') as string | undefined;
  if (out === undefined) throw new CliArgsError('diagnostics needs --out FILE (where to write the bundle)');
  const lines = values.get('--lines') as number | undefined;
  if (lines !== undefined && (!Number.isInteger(lines) || lines < 0 || lines > 100_000))
    throw new CliArgsError('--lines must be a whole number from 0 to 100000');
  return {
    command: 'diagnostics',
    out,
    dataDir: values.get('--data-dir') as string | undefined,
    ...(lines !== undefined ? { lines } : {}),
  };
}

function toWorkerArgs({ values }: Flags): WorkerArgs {
  const ms = (flag: string): number | undefined => {
    const value = values.get(flag) as number | undefined;
    if (value !== undefined && (!Number.isInteger(value) || value < 100 || value > 600_000))
      throw new CliArgsError(`${flag} must be a whole number of milliseconds from 100 to 600000`);
    return value;
  };
  const lockDurationMs = ms('--lock-duration');
  const stalledIntervalMs = ms('--stalled-interval');
  const redisUrl = values.get('--redis') as string | undefined;
  return {
    command: 'worker',
    ...(redisUrl !== undefined ? { redisUrl } : {}),
    ...(lockDurationMs !== undefined ? { lockDurationMs } : {}),
    ...(stalledIntervalMs !== undefined ? { stalledIntervalMs } : {}),
  };
}

function splitParam(value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw new CliArgsError(`--param must look like name=value, got '${clip(value)}'`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

/** Plain decimal numbers only: Number('') is 0 and Number('0x10') is 16, neither is meant. */
function parseNumber(flag: string, text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new CliArgsError(`${flag} must be a number, got '${clip(text)}'`);
  return Number(text);
}

function parseDate(flag: string, text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(text);
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(text) || !text.includes('T');
  const ms = iso ? Date.parse(hasZone ? text : `${text}Z`) : NaN;
  if (!Number.isFinite(ms))
    throw new CliArgsError(`${flag} must be an ISO 8601 date (e.g. 2021-03-01) or epoch milliseconds, got '${clip(text)}'`);
  return ms;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
