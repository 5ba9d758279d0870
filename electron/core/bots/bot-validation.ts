/**
 * Checks a bot's settings against its account and market before it is saved or started:
 * the account's kind matches the mode and may trade, every order the bot can place respects the
 * market's precision and minimums, the balance covers the capital, the risk guards leave the bot
 * room to work; the bot's kind checks its own settings (a busy grid stays inside the exchange's
 * rate limit...). Every issue names the setting to change.
 */
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotInput, BotIssue, RetrainSchedule } from '../../../shared/ipc/schemas/bots';
import type { AccountService } from '../accounts/account-service';
import type { AccountRecord } from '../accounts/accounts-repo';
import type { MarketDataSource } from '../market-data/source';
import { contractSizeRefusal, type MarketRules, type OrderVenue, type Precision } from '../exchange/venue';
import { formatMoney } from '../exchange/precision';
import { compileForBot } from './candle-feed';
import { loadModelRuntimes } from '../ml/model-runtimes';
import { RETRAIN_WARMUP_BARS, retrainHistoryBars, walkForwardBlocks } from './bot-models';
import type { Timeframe } from '../../../shared/domain/types';
import type { BotKindRegistry } from './kinds/registry';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { OnnxModelStore } from '../ml/onnx/onnx-model-store';
import type { ModelRegistry } from '../ml/registry';

/** Headroom for market buys: the fill may be above the reference price. */
const MARKET_BUFFER = 0.005;

export interface ValidationDeps {
  accountService: AccountService;
  account: (accountId: string) => AccountRecord | undefined;
  venue: (accountId: string) => OrderVenue;
  /** The market's rules and rounding, from the one cache the ticket, brackets and running bots read. */
  market: (accountId: string, symbol: string) => Promise<{ rules: MarketRules; precision: Precision }>;
  source: (accountId: string) => Promise<MarketDataSource>;
  graph: (strategyId: string) => { graph: StrategyGraph; name: string };
  /** The exchange's minimum time between requests (ccxt `rateLimit`), in ms. */
  rateLimitMs: (accountId: string) => Promise<number | null>;
  kinds: BotKindRegistry;
  /** The signal source a signal bot binds to (absent: sources are not checked). */
  signalSource?: (sourceId: string) => { name: string; accountId: string; symbols: string[] } | null;
  /** The configured signal sources: a strategy whose "Signal received" block names a deleted one is refused. */
  signalSources?: () => Array<{ id: string; name: string }>;
  /** Imported ONNX models: a Model block naming one is checked against it (absent: such a block is refused). */
  onnx?: Pick<OnnxModelStore, 'get'>;
  /** Trained models: a walk-forward Model block's version is checked against it (absent: such a block is refused). */
  registry?: Pick<ModelRegistry, 'find'>;
}

export interface ValidationResult {
  issues: BotIssue[];
  capitalRequired: number | null;
  ordersPerMinute: number | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function validateBot(deps: ValidationDeps, input: BotInput): Promise<ValidationResult> {
  const issues: BotIssue[] = [];
  const error = (field: string, text: string) => issues.push({ severity: 'error', field, message: text });
  const warning = (field: string, text: string) => issues.push({ severity: 'warning', field, message: text });
  const result = (capitalRequired: number | null = null, ordersPerMinute: number | null = null): ValidationResult => ({
    issues,
    capitalRequired,
    ordersPerMinute,
  });

  const account = deps.account(input.accountId);
  if (!account) {
    error('accountId', `There is no account "${input.accountId}"; pick one from the accounts list.`);
    return result();
  }
  if (input.mode !== account.kind) {
    error(
      'mode',
      input.mode === 'paper'
        ? `"${account.label}" is a live account; a paper bot runs on the paper account. Pick the paper account, or switch the bot to live.`
        : `"${account.label}" is a paper account; a live bot needs a live exchange account.`,
    );
    return result();
  }
  const blocked = deps.accountService.tradeBlockedReason(account);
  if (blocked) error('accountId', blocked);

  const venue = deps.venue(account.id);
  let rules: MarketRules;
  let precision: Precision;
  let price: number | null;
  let freeQuote: number;
  try {
    ({ rules, precision } = await deps.market(account.id, input.symbol));
    const [quote, balances] = await Promise.all([venue.quote(input.symbol), venue.balances()]);
    price = quote?.last ?? null;
    freeQuote = balances.get(rules.quote)?.free ?? 0;
  } catch (failure) {
    const field = failure instanceof TradewindError && failure.code === 'not_found' ? 'symbol' : 'accountId';
    error(field, field === 'symbol' ? message(failure) : `Could not read the market from ${venue.exchangeName}: ${message(failure)}`);
    return result();
  }

  const { config, risk } = input;
  // On a perpetuals account a sale can open a short: only the strategy bot, which sends its exits
  // reduce-only, knows which side it is on. The other kinds were built for spot holdings.
  if (rules.marketType === 'swap' && config.kind !== 'strategy') {
    error(
      'config',
      `A ${config.kind} bot trades spot holdings; "${account.label}" is a USDT perpetuals account, where its sells could open shorts. Run it on a spot account, or use a strategy bot here.`,
    );
    return result();
  }
  const contracts = contractSizeRefusal(rules);
  if (contracts) {
    error('symbol', contracts);
    return result();
  }
  const kind = deps.kinds.get(config.kind);
  const checked = await kind.validate({
    input,
    config,
    account,
    venue,
    rules,
    precision,
    price,
    deps,
    issue: (severity, field, text) => issues.push({ severity, field, message: text }),
    checkStrategy: (strategyId, field) => checkStrategy(deps, strategyId, input, field, issues),
  });
  const { capital, ordersNeeded } = checked;
  const ordersPerMinute = checked.ordersPerMinute ?? null;
  if (capital !== null) {
    const q = rules.quote;
    if (capital * (1 + MARKET_BUFFER) > freeQuote) {
      error(
        'config',
        `Not enough ${q}: the bot can commit ${formatMoney(capital, q)} ${q}, ${formatMoney(freeQuote, q)} ${q} is free on "${account.label}".`,
      );
    }
    if (risk.capitalCap < capital) {
      warning(
        'risk.capitalCap',
        `The capital cap ${formatMoney(risk.capitalCap, q)} ${q} is below the ${formatMoney(capital, q)} ${q} these settings can commit; orders beyond the cap will wait.`,
      );
    }
  }
  if (risk.maxOpenOrders < ordersNeeded) {
    const text = `Max open orders ${risk.maxOpenOrders} is below the ${ordersNeeded} orders these settings rest at once`;
    if (checked.tooFewOpenOrders) error('risk.maxOpenOrders', `${text}; ${checked.tooFewOpenOrders}.`);
    else warning('risk.maxOpenOrders', `${text}; some will wait.`);
  }
  return result(capital, ordersPerMinute);
}

/**
 * A retrain schedule says what each retrain reads (so the trader knows how much history the
 * exchange must have), or that it has nothing to retrain.
 */
function retrainIssues(
  deps: ValidationDeps,
  graph: StrategyGraph,
  schedule: RetrainSchedule | undefined,
  timeframe: Timeframe,
  issues: BotIssue[],
): void {
  if (!schedule || schedule.every === 'never') return;
  const blocks = walkForwardBlocks(graph);
  if (blocks.length === 0) {
    issues.push({
      severity: 'warning',
      field: 'config.retrain.every',
      message: 'The strategy has no Model block running a model trained here, so nothing will retrain; set Retrain models to Never.',
    });
    return;
  }
  for (const node of blocks) {
    const version = deps.registry?.find(String(node.params.model ?? ''), Number(node.params.version ?? 1));
    if (!version) continue; // compileForBot named it
    const w = version.spec.windows;
    issues.push({
      severity: 'warning',
      field: 'config.retrain.n',
      message: `Each retrain of "${version.name}" reads the newest ${retrainHistoryBars(version)} closed ${timeframe} bars (${w.trainBars} training + ${w.purgeBars} purge + ${w.testBars} test + ${version.spec.lags} lag${version.spec.lags === 1 ? '' : 's'} + ${RETRAIN_WARMUP_BARS} warm-up); with less history on the exchange it fails and the bot keeps its version.`,
    });
  }
}

async function checkStrategy(deps: ValidationDeps, strategyId: string, input: BotInput, field: string, issues: BotIssue[]): Promise<void> {
  const { timeframe, symbol: market } = input;
  try {
    const { graph, name } = deps.graph(strategyId);
    await loadModelRuntimes(graph);
    // The bot's market: an "Other market" block may not read it.
    const context = { market, ...(deps.signalSources ? { signalSources: deps.signalSources() } : {}) };
    compileForBot(graph, name, timeframe, { context }, { onnx: deps.onnx, registry: deps.registry });
    if (input.config.kind === 'strategy') retrainIssues(deps, graph, input.config.retrain, timeframe, issues);
  } catch (failure) {
    issues.push({ severity: 'error', field, message: message(failure) });
  }
}
