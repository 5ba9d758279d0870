/**
 * `tradewind backtest` and `tradewind validate`: the strategy engine from a terminal, in this
 * process (one backtest needs no worker). Exit codes: 0 done, 2 bad input (arguments, files,
 * strategy, data), 1 anything unexpected.
 */
import fs from 'node:fs';
import { BacktestSettingsSchema, type BacktestSettingsInput } from '../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../shared/strategy/graph-schema';
import { MAX_STRATEGY_JSON_CHARS, parseStrategyJson } from '../../shared/strategy/parse';
import { buildFromTemplate } from '../../shared/strategy/templates/index';
import { BacktestInputError } from '../core/backtest/errors';
import { runBacktest } from '../core/backtest/run-backtest';
import { formatCsvIssue, readOhlcvCsvFile } from '../core/market-data/csv-import';
import { StrategyCompileError } from '../core/strategy/compiler/compile';
import { CLI_USAGE, CliArgsError, parseCliArgs, type BacktestArgs, type ValidateArgs } from './cli-args';
import { backtestJson, backtestReport, issueLines } from './strategy-commands-format';
import { runDiagnosticsCommand } from './diagnostics-command';
import { runStorageCommand } from './storage-commands';
import { runWorkerCommand } from './fleet-command';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Bad input found while running a command: printed as is, exit code 2. */
class InputProblem extends Error {}

const GAP_WARNINGS_SHOWN = 3;

export async function runStrategyCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.stdout(`${CLI_USAGE}\n`);
      return EXIT_OK;
    }
    if (args.command === 'backup' || args.command === 'check' || args.command === 'restore') return await runStorageCommand(args, io);
    if (args.command === 'diagnostics') return runDiagnosticsCommand(args, io);
    if (args.command === 'worker') return await runWorkerCommand(args, io);
    return args.command === 'backtest' ? backtest(args, io) : validate(args, io);
  } catch (error) {
    if (error instanceof CliArgsError) {
      io.stderr(`tradewind: ${error.message}\n\n${CLI_USAGE}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof InputProblem || error instanceof BacktestInputError) {
      io.stderr(`tradewind: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof StrategyCompileError) {
      io.stderr(`tradewind: the strategy is not valid:\n${issueLines(error.issues)}\n`);
      return EXIT_BAD_INPUT;
    }
    io.stderr(`tradewind: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function validate(args: ValidateArgs, io: CliIo): number {
  const loaded = parseStrategyJson(readText(args.strategyFile, MAX_STRATEGY_JSON_CHARS));
  if (args.json) {
    io.stdout(`${JSON.stringify({ valid: loaded.ok, issues: loaded.issues })}\n`);
  } else if (loaded.ok) {
    const { graph } = loaded;
    io.stdout(`${args.strategyFile}: "${graph.name}" is valid (${graph.nodes.length} blocks, ${graph.edges.length} connections).\n`);
    if (loaded.issues.length > 0) io.stdout(`${issueLines(loaded.issues)}\n`);
  } else {
    io.stdout(`${args.strategyFile}: the strategy is not valid.\n${issueLines(loaded.issues)}\n`);
  }
  return loaded.ok ? EXIT_OK : EXIT_BAD_INPUT;
}

function backtest(args: BacktestArgs, io: CliIo): number {
  const graph = loadStrategy(args);
  const settings = settingsOf(args);
  const data = readOhlcvCsvFile(args.dataFile);
  if (!data.ok) {
    throw new InputProblem(`${args.dataFile} cannot be used:\n${data.errors.map((e) => `  ${formatCsvIssue(e)}`).join('\n')}`);
  }
  reportGaps(args.dataFile, data.warnings, io);
  const result = runBacktest({ strategy: graph, candles: data.candles, settings });
  for (const warning of result.warnings) io.stderr(`warning: ${warning.message}\n`);
  io.stdout(args.json ? `${JSON.stringify(backtestJson(result))}\n` : backtestReport(result, `${graph.name} on ${args.dataFile}`));
  return EXIT_OK;
}

function loadStrategy(args: BacktestArgs): StrategyGraph {
  if (args.template !== undefined) {
    const built = buildFromTemplate(args.template, args.params);
    if (!built.ok) throw new InputProblem(built.message);
    return built.graph;
  }
  const file = args.strategyFile!;
  const loaded = parseStrategyJson(readText(file, MAX_STRATEGY_JSON_CHARS));
  if (!loaded.ok) throw new InputProblem(`${file}: the strategy is not valid:\n${issueLines(loaded.issues)}`);
  return loaded.graph;
}

const SETTING_FLAGS: Record<string, string> = {
  startingCash: '--cash',
  feeRate: '--fee',
  slippageBps: '--slippage-bps',
  amountStep: '--amount-step',
  startTime: '--from',
  endTime: '--to',
};

function settingsOf(args: BacktestArgs): BacktestSettingsInput {
  const input: BacktestSettingsInput = {};
  if (args.cash !== undefined) input.startingCash = args.cash;
  if (args.fee !== undefined) input.feeRate = args.fee;
  if (args.slippageBps !== undefined) input.slippageBps = args.slippageBps;
  if (args.amountStep !== undefined) input.amountStep = args.amountStep;
  if (args.from !== undefined) input.startTime = args.from;
  if (args.to !== undefined) input.endTime = args.to;
  const parsed = BacktestSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = SETTING_FLAGS[String(issue.path[0])] ?? String(issue.path[0]);
    throw new CliArgsError(`${flag}: ${issue.message}`);
  }
  return input;
}

function reportGaps(file: string, warnings: readonly { line: number; message: string }[], io: CliIo): void {
  if (warnings.length === 0) return;
  const summary = warnings.find((w) => w.line === 0);
  const gaps = warnings.filter((w) => w.line > 0);
  io.stderr(`warning: ${file}: ${summary ? summary.message : gaps[0]!.message}; the backtest uses the bars as they are.\n`);
  for (const gap of gaps.slice(0, GAP_WARNINGS_SHOWN)) io.stderr(`  line ${gap.line}: ${gap.message}\n`);
  if (gaps.length > GAP_WARNINGS_SHOWN) io.stderr(`  …\n`);
}

function readText(file: string, maxChars: number): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw new InputProblem(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  // UTF-8 needs at least one byte per character: a larger file cannot be within the limit.
  if (size > maxChars * 4) throw new InputProblem(`${file} is too large (${size} bytes)`);
  return fs.readFileSync(file, 'utf8');
}
