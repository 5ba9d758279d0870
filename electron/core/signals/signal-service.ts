/**
 * Inbound signals: the sources (create, rotate, enable, delete), the listener switch, the log,
 * and `receive`, which every request to `/signals/<sourceId>` goes through. A request is checked
 * in this order — known and enabled source, JSON, secret (constant time), the source's rate limit,
 * timestamp window, payload schema, market, replay (the id, or a digest of the body, seen within
 * the window; checked last, so a refused payload does not use up its id) — and only then handed to the running signal bots bound to the source. Each refusal is
 * a 4xx with the reason and a row in the signal log; nothing is traded. Signals reach bots only
 * through `BotRuntime.deliver` (the bots' rules and guards); they can never withdraw or change a
 * setting, and they start only paper bots (a live start needs the host's confirmation).
 */
import { createHash, randomBytes } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import type {
  SignalLogEntry,
  SignalSettings,
  SignalSourceCreated,
  SignalSourceInput,
  SignalSourceView,
  TradeSignal,
} from '../../../shared/ipc/schemas/signals';
import type { AccountRecord } from '../accounts/accounts-repo';
import { parseSignal, readEnvelope, SignalPayloadError } from './signal-payload';
import type { SignalRepo, SignalSourceRecord } from './signal-repo';
import type { SignalSecrets } from './signal-secrets';
import type { StrategySignalHub } from './strategy-signal-hub';
import { checkFreshness, MinuteRateLimit, SIGNAL_WINDOW_MS } from './signal-window';
import { mapTicker } from './ticker-map';

export const SIGNAL_PATH_PREFIX = '/signals/';
/** Largest body read; a TradingView alert is a few hundred bytes. */
export const SIGNAL_MAX_BODY_BYTES = 16 * 1024;

export interface InboundSignal {
  sourceId: string;
  body: string;
  /** X-Tradewind-Secret, X-Tradewind-Timestamp, X-Tradewind-Signal-Id (each optional; the JSON fields serve too). */
  headers: { secret?: string; timestamp?: string; signalId?: string };
}

export interface SignalReply {
  status: number;
  body: {
    ok: boolean;
    message: string;
    signalId?: string | null;
    orders?: Array<{ botId: string; clientOrderId: string; status: string; error: string | null }>;
  };
}

/**
 * What the bot runtime answers for a delivered signal (its MessageOutcome and orders), spelled out
 * here so signals does not import bots: bots import signals (the strategy bots' signal feed).
 */
interface Delivery {
  accepted: boolean;
  message: string;
  roles?: string[];
  orders: Array<{ clientOrderId: string; status: string; error: string | null }>;
}

/** What the service reads of a bot to route a signal (the stored record, not the priced view: this is per request). */
export type SignalBotRecord = Pick<BotView, 'id' | 'name' | 'accountId' | 'symbol' | 'mode' | 'state' | 'config'>;

export interface SignalBots {
  list(): SignalBotRecord[];
  deliver(id: string, message: unknown): Promise<Delivery>;
  start(id: string): Promise<BotView>;
  stop(id: string, detail: string): Promise<BotView>;
}

export interface SignalServiceDeps {
  repo: SignalRepo;
  secrets: SignalSecrets;
  account(id: string): AccountRecord | undefined;
  /** Whether the account's exchange lists the market (checked when a source is bound to it). */
  hasMarket(accountId: string, symbol: string): Promise<boolean>;
  bots: SignalBots;
  /** Running strategy bots with "Signal received" blocks on a source (they need no signal bot). */
  strategies?: StrategySignalHub;
  emit(entry: SignalLogEntry): void;
  /** The listener's settings changed (the desktop host opens or closes its loopback port). */
  settingsChanged?(settings: SignalSettings): void;
  now?: () => number;
  perMinute?: number;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A refusal that is answered but not logged (unknown source ids past their shared budget). */
class Unlogged extends Refusal {}

type Trail = { sourceId: string | null; signalId: string | null; action: string | null; symbol: string | null; botId: string | null };

/** What the checks learn about one request, filled in as it passes them. */
interface Intake {
  request: InboundSignal;
  at: number;
  trail: Trail;
  /** The secret matched: refusals from here on are always logged. */
  authenticated: boolean;
  source?: SignalSourceRecord;
  body?: unknown;
  envelope?: ReturnType<typeof readEnvelope>;
  signalId?: string;
  parsed?: ReturnType<typeof parseSignal>;
  symbol?: string | null;
}

const clip = (text: string, max = 64) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** Ids from the outside are stored as printable text only. */
const printable = (text: string) => clip(text.replace(/[^\x20-\x7E]/g, '?'));

export class SignalService {
  private readonly now: () => number;
  private readonly rate: MinuteRateLimit;
  /** Unknown source ids share one budget, so guessing ids cannot flood the log. */
  private readonly unknownRate: MinuteRateLimit;
  /**
   * Refusals before the secret matched, per source: only these many a minute are logged. They never
   * touch the source's own budget, so junk sent to a leaked URL can neither crowd out the trader's
   * real signals (a 429 on their "close") nor wash the log's history away.
   */
  private readonly unauthenticatedLog: MinuteRateLimit;

  constructor(private readonly deps: SignalServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.rate = new MinuteRateLimit(deps.perMinute);
    this.unknownRate = new MinuteRateLimit(deps.perMinute);
    this.unauthenticatedLog = new MinuteRateLimit(deps.perMinute);
  }

  // ---- management -------------------------------------------------------------------------------

  settings(): SignalSettings {
    return this.deps.repo.settings();
  }

  setSettings(patch: Partial<SignalSettings>): SignalSettings {
    const next = { ...this.deps.repo.settings(), ...patch };
    this.deps.repo.saveSettings(next);
    this.deps.settingsChanged?.(next);
    return next;
  }

  /** Whether the listener answers signal paths at all (off by default). */
  enabled(): boolean {
    return this.deps.repo.settings().enabled;
  }

  sourceRecord(id: string): SignalSourceRecord | null {
    return this.deps.repo.get(id) ?? null;
  }

  list(): SignalSourceView[] {
    return this.deps.repo.list().map((r) => this.view(r));
  }

  async create(input: SignalSourceInput): Promise<SignalSourceCreated> {
    const account = this.deps.account(input.accountId);
    if (!account) throw new TradewindError('not_found', `There is no account "${input.accountId}"; pick one from the accounts list.`);
    const symbols = [...new Set(input.symbols)];
    for (const symbol of symbols) {
      if (!(await this.deps.hasMarket(account.id, symbol)))
        throw new TradewindError('invalid_input', `${symbol} is not a market of "${account.label}"; pick one from its markets list.`);
    }
    const id = `sig_${randomBytes(8).toString('hex')}`;
    const now = this.now();
    const secret = await this.deps.secrets.create(id, 1);
    const record: SignalSourceRecord = {
      id,
      name: input.name,
      accountId: account.id,
      symbols,
      enabled: true,
      secretVersion: 1,
      secretSetAt: now,
      createdAt: now,
      lastSignalAt: null,
    };
    try {
      this.deps.repo.insert(record);
    } catch (error) {
      await this.deps.secrets.delete(id, 1).catch(() => {});
      throw error;
    }
    return { source: this.view(record), secret };
  }

  async rotate(id: string): Promise<SignalSourceCreated> {
    const record = this.require(id);
    const version = record.secretVersion + 1;
    const secret = await this.deps.secrets.create(id, version);
    this.deps.repo.setSecretVersion(id, version, this.now());
    await this.deps.secrets.delete(id, record.secretVersion).catch(() => {});
    // The new digest is the one remembered (delete above forgot the source; create it again in memory).
    await this.deps.secrets.matches(id, version, secret);
    return { source: this.view(this.require(id)), secret };
  }

  setEnabled(id: string, enabled: boolean): SignalSourceView {
    this.require(id);
    this.deps.repo.setEnabled(id, enabled);
    return this.view(this.require(id));
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    const record = this.deps.repo.get(id);
    if (!record) return { deleted: false };
    this.deps.repo.delete(id);
    await this.deps.secrets.delete(id, record.secretVersion);
    return { deleted: true };
  }

  log(limit = 100, sourceId?: string): SignalLogEntry[] {
    return this.deps.repo.log(limit, sourceId);
  }

  // ---- the listener ---------------------------------------------------------------------------

  /** A request the host refused before reading it (method, content type, size): a log row like any refusal. */
  refuseAtHost(sourceId: string, status: number, message: string): void {
    const at = this.now();
    const known = this.deps.repo.get(sourceId);
    if (!(known ? this.unauthenticatedLog.take(known.id, at) : this.unknownRate.take('unknown', at))) return;
    this.write(at, { sourceId: known?.id ?? null, signalId: null, action: null, symbol: null, botId: null }, 'refused', status, message);
  }

  /**
   * The checks every request passes, in order; each reads and fills the intake. The replay check
   * comes after the payload and market checks: an id is used up only by a signal that was
   * well-formed for this source (acted on, or refused by a bot), so a sender whose payload was
   * refused can fix it and send it again under the same id.
   */
  private readonly checks: ReadonlyArray<(intake: Intake) => Promise<void> | void> = [
    (i) => this.checkSource(i),
    (i) => this.checkJson(i),
    (i) => this.checkSecret(i),
    (i) => this.checkBudget(i),
    (i) => this.checkTime(i),
    (i) => this.checkPayload(i),
    (i) => this.checkMarket(i),
    (i) => this.checkReplay(i),
  ];

  /** One request to `/signals/<sourceId>`: never throws; every answer is logged. */
  async receive(request: InboundSignal): Promise<SignalReply> {
    const intake: Intake = {
      request,
      at: this.now(),
      trail: { sourceId: null, signalId: null, action: null, symbol: null, botId: null },
      authenticated: false,
    };
    const { at, trail } = intake;
    try {
      for (const check of this.checks) await check(intake);
      const signal: TradeSignal = { id: intake.signalId!, ...intake.parsed!, symbol: intake.symbol ?? null };
      return await this.act(intake.source!, signal, trail, at);
    } catch (error) {
      if (error instanceof Unlogged) return { status: error.status, body: { ok: false, message: error.message } };
      const refusal = error instanceof Refusal ? error : new Refusal(500, 'The signal could not be handled; see the log.');
      const logged = intake.authenticated || trail.sourceId === null || this.unauthenticatedLog.take(trail.sourceId, at);
      if (!logged) return { status: refusal.status, body: { ok: false, message: refusal.message, signalId: trail.signalId } };
      if (!(error instanceof Refusal)) this.write(at, trail, 'refused', 500, `Internal error: ${clip(String(error), 200)}`);
      else this.write(at, trail, 'refused', refusal.status, refusal.message);
      return { status: refusal.status, body: { ok: false, message: refusal.message, signalId: trail.signalId } };
    }
  }

  /** A known, enabled source (unknown ids share one budget, and past it are not even logged). */
  private checkSource(i: Intake): void {
    const source = this.deps.repo.get(i.request.sourceId);
    if (!source) {
      if (!this.unknownRate.take('unknown', i.at)) throw new Unlogged(429, 'Too many requests.');
      throw new Refusal(
        404,
        `There is no signal source "${printable(i.request.sourceId)}": copy the URL shown when the source was created.`,
      );
    }
    i.source = source;
    i.trail.sourceId = source.id;
    if (!source.enabled) throw new Refusal(403, `The signal source "${source.name}" is disabled; enable it under Signals.`);
  }

  private checkJson(i: Intake): void {
    try {
      i.body = JSON.parse(i.request.body);
    } catch {
      throw new Refusal(400, 'The body is not valid JSON: send one JSON object, e.g. {"ticker":"BTCUSDT","action":"buy"}.');
    }
    i.envelope = readEnvelopeOr400(i.body);
  }

  /** The source's secret, compared in constant time (header or JSON field). */
  private async checkSecret(i: Intake): Promise<void> {
    const source = i.source!;
    const secret = i.request.headers.secret ?? i.envelope!.secret;
    if (!secret) throw new Refusal(401, 'The signal carries no secret: add "secret" to the JSON or the X-Tradewind-Secret header.');
    if (!(await this.deps.secrets.matches(source.id, source.secretVersion, secret)))
      throw new Refusal(401, 'Wrong secret for this signal source: copy it again, or rotate it and update the sender.');
    i.authenticated = true;
  }

  /** The source's own budget a minute (only authenticated signals count against it). */
  private checkBudget(i: Intake): void {
    if (!this.rate.take(i.source!.id, i.at))
      throw new Refusal(429, `Too many signals: this source accepts ${this.deps.perMinute ?? 30} a minute; wait and send again.`);
  }

  /** A timestamp within the window; the signal's id (given, or the body's digest) is named from here on. */
  private checkTime(i: Intake): void {
    const headerTime = i.request.headers.timestamp;
    const timestamp = headerTime !== undefined ? readEnvelopeOr400({ timestamp: headerTime }).timestamp : i.envelope!.timestamp;
    const fresh = checkFreshness(timestamp, i.at);
    if (!fresh.ok) throw new Refusal(400, fresh.reason);
    i.signalId = printable(
      i.request.headers.signalId ?? i.envelope!.id ?? `sha256:${createHash('sha256').update(i.request.body).digest('hex').slice(0, 32)}`,
    );
    i.trail.signalId = i.signalId;
  }

  private checkPayload(i: Intake): void {
    try {
      i.parsed = parseSignal(i.body);
    } catch (error) {
      if (error instanceof SignalPayloadError) throw new Refusal(422, error.message);
      throw error;
    }
    i.trail.action = i.parsed.action;
  }

  /** The ticker maps to one of the source's markets (bot actions name none). */
  private checkMarket(i: Intake): void {
    const parsed = i.parsed!;
    const source = i.source!;
    const symbol = parsed.ticker === null ? null : mapTicker(parsed.ticker, source.symbols);
    if (parsed.ticker !== null && symbol === null)
      throw new Refusal(422, `Unknown market "${printable(parsed.ticker)}": this source is bound to ${source.symbols.join(', ')}.`);
    i.symbol = symbol;
    i.trail.symbol = symbol;
  }

  /** The id seen within the window is a replay; a second insert loses, so concurrent duplicates act once. */
  private checkReplay(i: Intake): void {
    const source = i.source!;
    if (!this.deps.repo.markSeen(source.id, i.signalId!, i.at, i.at - 2 * SIGNAL_WINDOW_MS))
      throw new Refusal(409, `Signal ${i.signalId} was already received: a replay or a duplicate is not acted on again.`);
    this.deps.repo.touch(source.id, i.at);
  }

  private async act(source: SignalSourceRecord, signal: TradeSignal, trail: Trail, at: number): Promise<SignalReply> {
    const bots = this.deps.bots
      .list()
      .filter(
        (bot) =>
          bot.config.kind === 'signal' &&
          bot.config.sourceId === source.id &&
          bot.accountId === source.accountId &&
          bot.state === 'running',
      );
    if (signal.action === 'start_bot' || signal.action === 'stop_bot') return this.actOnBot(source, signal, bots, trail, at);
    const targets = bots.filter((bot) => bot.symbol === signal.symbol);
    // Strategies read it at their next bar close: taking it there is acceptance enough.
    const strategies = this.deps.strategies?.publish(source.id, signal) ?? 0;
    if (targets.length === 0 && strategies === 0)
      throw new Refusal(
        409,
        `No running signal bot or strategy bot uses this source for ${signal.symbol}: create or start one; nothing was traded.`,
      );
    const orders: NonNullable<SignalReply['body']['orders']> = [];
    const messages: string[] = [];
    let accepted = strategies > 0;
    if (strategies > 0)
      messages.push(`Noted by ${strategies} running strategy bot${strategies === 1 ? '' : 's'} for the close of the current bar.`);
    for (const bot of targets) {
      trail.botId = bot.id;
      const outcome = await this.deps.bots.deliver(bot.id, signal);
      messages.push(`${bot.name}: ${outcome.message}`);
      if (outcome.accepted) accepted = true;
      for (const order of outcome.orders) orders.push({ botId: bot.id, ...order });
    }
    const failed = orders.filter((o) => o.status === 'rejected' || o.status === 'failed');
    if (failed.length > 0) messages.push(...failed.map((o) => `order ${o.clientOrderId} ${o.status}${o.error ? `: ${o.error}` : ''}`));
    const message = messages.join(' ');
    if (!accepted) throw new Refusal(422, message);
    this.write(at, trail, 'accepted', 200, message);
    return { status: 200, body: { ok: true, message, signalId: signal.id, orders } };
  }

  private async actOnBot(
    source: SignalSourceRecord,
    signal: TradeSignal,
    signalBots: SignalBotRecord[],
    trail: Trail,
    at: number,
  ): Promise<SignalReply> {
    if (signalBots.length === 0)
      throw new Refusal(409, 'No running signal bot uses this source: start_bot and stop_bot need one; nothing was changed.');
    const wanted = signal.bot ?? '';
    const target = this.deps.bots
      .list()
      .find((bot) => bot.accountId === source.accountId && (bot.id === wanted || bot.name === wanted) && bot.config.kind !== 'signal');
    if (!target)
      throw new Refusal(
        422,
        `No bot "${printable(wanted)}" on this source's account (signal bots cannot be started or stopped by signals).`,
      );
    trail.botId = target.id;
    try {
      if (signal.action === 'start_bot') {
        if (target.mode === 'live')
          throw new Refusal(403, `"${target.name}" is a live bot: a live start needs your confirmation in the app, never a signal.`);
        await this.deps.bots.start(target.id);
      } else {
        await this.deps.bots.stop(target.id, `Stopped by signal ${signal.id} from "${source.name}".`);
      }
    } catch (error) {
      if (error instanceof Refusal) throw error;
      throw new Refusal(409, error instanceof Error ? error.message : String(error));
    }
    const message = `${signal.action === 'start_bot' ? 'Started' : 'Stopped'} "${target.name}".`;
    this.write(at, trail, 'accepted', 200, message);
    return { status: 200, body: { ok: true, message, signalId: signal.id } };
  }

  private write(at: number, trail: Trail, outcome: 'accepted' | 'refused', status: number, message: string): void {
    try {
      const entry = this.deps.repo.appendLog({ at, ...trail, outcome, status, message });
      this.deps.emit(entry);
    } catch {
      // A log row that cannot be written (disk full) must not turn a refusal into an acceptance or crash the host.
    }
  }

  private require(id: string): SignalSourceRecord {
    const record = this.deps.repo.get(id);
    if (!record) throw new TradewindError('not_found', `No signal source with id "${id}"; it may have been deleted in another window.`);
    return record;
  }

  private view(record: SignalSourceRecord): SignalSourceView {
    return {
      id: record.id,
      name: record.name,
      accountId: record.accountId,
      accountLabel: this.deps.account(record.accountId)?.label ?? record.accountId,
      symbols: record.symbols,
      enabled: record.enabled,
      path: `${SIGNAL_PATH_PREFIX}${record.id}`,
      createdAt: record.createdAt,
      secretSetAt: record.secretSetAt,
      lastSignalAt: record.lastSignalAt,
    };
  }
}

function readEnvelopeOr400(body: unknown): ReturnType<typeof readEnvelope> {
  try {
    return readEnvelope(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {});
  } catch (error) {
    if (error instanceof SignalPayloadError) throw new Refusal(400, error.message);
    throw error;
  }
}
