/**
 * Copy trading as the RPC sees it: follow links (checked when made), their views with positions
 * and PnL, pause/resume/stop, closing copied positions, the copy log. Wires the ledger to the
 * engine: every order change of a leader becomes a `LeaderFill`, every change of a copy updates
 * its log row; `start()` recovers unsent decisions and catches up on what the ledger recorded
 * while the host was down.
 */
import { randomUUID } from 'node:crypto';
import type { CopyLinkInput, CopyLinkStatus, CopyLinkView, CopyLogEntry, CopyRules } from '../../../shared/ipc/schemas/copy';
import type { CopyStats, StatsPeriod } from '../../../shared/ipc/schemas/copy-stats';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountsRepo } from '../accounts/accounts-repo';
import type { Db } from '../db/connection';
import type { OrderService } from '../orders/order-service';
import type { TrustedGate } from '../trust/trusted-gate';
import { missingCurrencyError } from '../../../shared/copy/link-quotes';
import { CopyEngine, type CopyEngineDeps } from './copy-engine';
import type { CopyPosition } from './copy-positions';
import { BracketsRepo } from '../trading/brackets-repo';
import { bookOf } from '../trading/bracket-view';
import { leaderProtectionOf, type LeaderProtection } from './leader-protection';
import { linkPnl } from './copy-loss';
import { perpetualsRefusal } from './copy-perpetuals';
import { CopyRepo, logEntry, type CopyLinkRecord } from './copy-repo';
import { symbolMapCoinError } from './copy-sizing';
import { formatNumber } from '../exchange/precision';
import { ledgerBacklog, leaderFillsOf } from './ledger-leaders';
import { leaderIdOf } from './leader-fill';
import { fetchFeedPage } from './feed/feed-client';
import { parsePublicKey } from './feed/feed-event';
import { FeedRepo } from './feed/feed-repo';
import { FeedSubscriptions, type FeedRetryPolicy } from './feed/feed-subscriber';
import { ExternalOrders, type ExternalCursorStore } from '../orders/external-orders';
import type { Backoff } from '../market-data/live/watch-loop';
import { displayUrl, parseFeedUrl } from './feed/feed-url';
import { linkStats } from './stats/link-stats';

export interface CopyServiceDeps {
  db: Db;
  accounts: AccountsRepo;
  orders: OrderService;
  markets: CopyEngineDeps['markets'];
  equity: CopyEngineDeps['equity'];
  /** Currency conversions for a follower account at the portfolio's valuation rates (absent: only same-currency amounts are known). */
  rate?: CopyEngineDeps['rate'];
  /** A bot's name and account, or null when there is no such bot. */
  bot: (id: string) => { name: string; accountId: string } | null;
  emitLog: (entry: CopyLogEntry) => void;
  linksChanged: (ids: string[]) => void;
  log: (line: string) => void;
  /** The host's confirmation for copying into a live account; without one, live followers are refused. */
  trust?: TrustedGate;
  /** How often a live account leader's trades are polled while it has no working order stream (default 5 s). */
  externalPollMs?: number;
  /** How that order stream backs off between reconnects (default 1 s doubling to 60 s). */
  externalBackoff?: Backoff;
  /** How remote feed subscriptions back off between reconnects (default 1 s doubling to 60 s). */
  feedRetry?: FeedRetryPolicy;
  now?: () => number;
}

/** Poll cursors of followed leader accounts, in the `settings` table (one key per account). */
function settingsCursors(db: Db): ExternalCursorStore {
  const key = (accountId: string) => `copy.external-orders.since:${accountId}`;
  return {
    get: (accountId) => {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key(accountId)) as { value: string } | undefined;
      const at = row ? Number(row.value) : NaN;
      return Number.isFinite(at) ? at : null;
    },
    set: (accountId, at) => {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
        key(accountId),
        String(at),
      );
    },
  };
}

export class CopyService {
  readonly repo: CopyRepo;
  readonly engine: CopyEngine;
  /** The leader accounts' brackets, read for the take-profit/stop that `protection: leader` links mirror. */
  private readonly brackets: BracketsRepo;
  readonly feedRepo: FeedRepo;
  /** Remote feed leaders: one subscription per feed URL + key that some link follows. */
  readonly feeds: FeedSubscriptions;
  /** Live account leaders' orders placed outside Tradewind (their user-data stream, or a trades poll). */
  readonly external: ExternalOrders;
  private readonly now: () => number;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: CopyServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.repo = new CopyRepo(deps.db);
    this.brackets = new BracketsRepo(deps.db);
    this.engine = new CopyEngine({ ...deps, repo: this.repo, marketType: (id) => deps.accounts.get(id)?.marketType ?? null });
    this.feedRepo = new FeedRepo(deps.db);
    this.feeds = new FeedSubscriptions({
      copyRepo: this.repo,
      feedRepo: this.feedRepo,
      deliver: (fill) => this.engine.deliverAll(fill),
      protect: (protection) => this.engine.protect(protection),
      emitLog: deps.emitLog,
      linksChanged: deps.linksChanged,
      log: deps.log,
      now: deps.now,
      retry: deps.feedRetry,
    });
    this.external = new ExternalOrders({
      orders: deps.orders,
      cursors: settingsCursors(deps.db),
      symbols: (accountId) => this.leaderSymbols(accountId),
      log: deps.log,
      pollMs: deps.externalPollMs ?? 5_000,
      backoff: deps.externalBackoff,
      now: deps.now,
    });
  }

  /**
   * Follows the orders of every live account some link copies (whatever the link's status: a
   * paused link records what it skipped), from the earliest such link on; stops following
   * accounts no link copies any more.
   */
  private syncExternal(): void {
    const since = new Map<string, number>();
    for (const link of this.repo.list())
      if (link.leader.kind === 'account')
        since.set(link.leader.accountId, Math.min(since.get(link.leader.accountId) ?? Infinity, link.createdAt));
    for (const accountId of this.external.accounts()) if (!since.has(accountId)) this.external.unfollow(accountId);
    for (const [accountId, from] of since) {
      if (this.deps.accounts.get(accountId)?.kind !== 'live') continue;
      void this.external
        .follow(accountId, from)
        .catch((error: unknown) =>
          this.deps.log(
            `copy: orders of leader account ${accountId} cannot be followed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
  }

  /**
   * Markets the trades poll reads for a leader account (Binance serves trades per market): its
   * links' allow lists and market-map sources, and every market the ledger has orders of it in.
   * A market outside these is seen by the order stream only.
   */
  private leaderSymbols(accountId: string): string[] {
    const symbols = new Set(this.deps.orders.repo.symbolsOf(accountId));
    for (const link of this.repo.byLeader(`account:${accountId}`)) {
      for (const symbol of link.rules.allow) symbols.add(symbol);
      for (const entry of link.rules.symbolMap) symbols.add(entry.leader);
    }
    return [...symbols].sort();
  }

  /** Follows the ledger from now on, re-sends decisions a crash left unsent, then catches up on the ledger's fills. */
  async start(): Promise<{ resent: number; adopted: number; caughtUp: number }> {
    this.unsubscribe ??= this.deps.orders.onChange((order) => {
      if (order.origin === 'copy') this.engine.follow(order);
      else for (const fill of leaderFillsOf(order)) this.engine.deliver(fill);
    });
    const recovered = await this.engine.recover();
    const backlog = ledgerBacklog(this.deps.orders.repo, this.repo);
    for (const fill of backlog) this.engine.deliver(fill);
    await this.engine.idle();
    // The leaders' take-profit/stop as it is now (moved or cancelled while the host was down).
    await this.catchUpProtection();
    // Remote feeds resume from their last applied sequence (the stream sends what came since).
    this.feeds.sync();
    this.syncExternal();
    if (recovered.resent + recovered.adopted > 0)
      this.deps.log(`copy: start-up re-sent ${recovered.resent} unsent copies and found ${recovered.adopted} already in the ledger`);
    return { ...recovered, caughtUp: backlog.length };
  }

  /**
   * Leader brackets that changed (each flush of the trading events): their take-profit/stop goes
   * to the links that copy the leader's instead of their own. Resolves once every link applied it.
   */
  async bracketsChanged(ids: readonly string[]): Promise<void> {
    await Promise.all(
      ids.map((id) => {
        const protection = this.protectionOf(id);
        return protection ? this.engine.protect(protection) : undefined;
      }),
    );
  }

  private protectionOf(bracketId: string): LeaderProtection | null {
    const record = this.brackets.get(bracketId);
    if (!record || !this.repo.byLeader(`account:${record.accountId}`).some((l) => l.rules.protection === 'leader')) return null;
    return this.bracketProtection(bracketId);
  }

  /** A leader bracket's take-profit/stop now, whoever follows it (a signed feed publishes it too); null when nothing to mirror. */
  bracketProtection(bracketId: string): LeaderProtection | null {
    const record = this.brackets.get(bracketId);
    if (!record) return null;
    const book = bookOf(record, this.deps.orders.repo);
    return leaderProtectionOf(record, book.rows, book.figures.entryUnits);
  }

  private async catchUpProtection(): Promise<void> {
    const ids = new Set<string>();
    for (const link of this.repo.list())
      if (link.rules.protection === 'leader' && link.leader.kind === 'account')
        for (const record of this.brackets.list({ accountId: link.leader.accountId }))
          if (record.updatedAt >= link.createdAt) ids.add(record.id);
    await this.bracketsChanged([...ids]);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.external.close();
    await this.feeds.close();
    await this.engine.close();
  }

  list(): CopyLinkView[] {
    return this.repo.list().map((link) => this.view(link));
  }

  get(id: string): CopyLinkView {
    return this.view(this.require(id));
  }

  async create(given: CopyLinkInput, confirmationCode?: string): Promise<CopyLinkView> {
    const input = given.leader.kind === 'feed' ? { ...given, leader: await this.checkFeed(given.leader, given.rules) } : given;
    const follower = this.deps.accounts.get(input.followerAccountId);
    if (!follower)
      throw new TradewindError('not_found', `There is no account "${input.followerAccountId}" to copy into; pick a connected account.`);
    if (input.leader.kind === 'account') {
      if (!this.deps.accounts.get(input.leader.accountId))
        throw new TradewindError('not_found', `There is no leader account "${input.leader.accountId}"; pick a connected account.`);
      if (input.leader.accountId === input.followerAccountId)
        throw new TradewindError('invalid_input', 'An account cannot copy itself: pick another follower account.');
    } else if (input.leader.kind === 'bot' && !this.deps.bot(input.leader.botId))
      throw new TradewindError('not_found', `There is no bot "${input.leader.botId}" to follow; pick one of your bots.`);
    checkRules(input.rules);
    refuseLeaderProtectionOnPerpetuals(input.rules, follower);
    this.refusePerpetuals(follower, input.leader);
    const duplicate = this.repo
      .list()
      .find((l) => l.leaderId === leaderIdOf(input.leader) && l.followerAccountId === input.followerAccountId);
    if (duplicate)
      throw new TradewindError(
        'invalid_input',
        `"${duplicate.name}" already copies this leader into ${follower.label}; edit its rules instead of adding a second link.`,
      );
    if (follower.kind === 'live') await this.confirmLive(input.name, follower.id, follower.label, input.leader, confirmationCode);
    const link = this.repo.insert({
      id: randomUUID(),
      name: input.name,
      leader: input.leader,
      followerAccountId: input.followerAccountId,
      rules: input.rules,
      status: 'active',
      statusReason: null,
      createdAt: this.now(),
    });
    this.deps.linksChanged([link.id]);
    if (link.leader.kind === 'feed') this.feeds.sync();
    if (link.leader.kind === 'account') this.syncExternal();
    return this.view(link);
  }

  /**
   * A feed leader as stored: the URL normalised (https unless loopback, no credentials), the key
   * readable, and the feed reachable — its latest sequence becomes where following starts, unless
   * another link already follows it (then they share its position).
   */
  private async checkFeed(leader: Extract<CopyLinkInput['leader'], { kind: 'feed' }>, rules: CopyRules) {
    const { url } = parseFeedUrl(leader.url);
    const key = parsePublicKey(leader.publicKey);
    if ('error' in key) throw new TradewindError('invalid_input', `leader.publicKey: the public key ${key.error}.`);
    if (rules.allocation.mode === 'equity')
      throw new TradewindError(
        'invalid_input',
        "rules.allocation: a remote feed's equity is not known here, so sizing by equity cannot work; size by a ratio of the leader's amount or a quote amount per trade.",
      );
    const stored = { kind: 'feed' as const, url, publicKey: leader.publicKey.trim() };
    const leaderId = leaderIdOf(stored);
    if (this.feedRepo.cursor(leaderId) === null) {
      let head: number;
      try {
        head = (await fetchFeedPage(url, 0, 0)).head;
      } catch (error) {
        throw new TradewindError(
          'unavailable',
          `${error instanceof Error ? error.message : String(error)}. Check the URL with the leader (and that their host is running); nothing was created.`,
        );
      }
      this.feedRepo.setCursor(leaderId, head, this.now());
    }
    return stored;
  }

  /** New rules on a link into a live account change what it sends unattended: the host confirms them first, as for creating it. */
  async update(id: string, name: string, rules: CopyRules, confirmationCode?: string): Promise<CopyLinkView> {
    const link = this.require(id);
    checkRules(rules);
    const follower = this.deps.accounts.get(link.followerAccountId);
    if (follower) refuseLeaderProtectionOnPerpetuals(rules, follower);
    if (follower?.kind === 'live' && JSON.stringify(rules) !== JSON.stringify(link.rules))
      await this.confirmLive(name, follower.id, follower.label, link.leader, confirmationCode, rules);
    if (link.leader.kind === 'feed' && rules.allocation.mode === 'equity')
      throw new TradewindError(
        'invalid_input',
        "rules.allocation: a remote feed's equity is not known here, so sizing by equity cannot work; size by a ratio of the leader's amount or a quote amount per trade.",
      );
    // Mirrors left resting would sell the follower's coins later, and the tick no longer runs them.
    if (link.rules.protection === 'leader' && rules.protection !== 'leader') await this.engine.dropProtection(link, 'own');
    this.repo.update(id, { name, rules }, this.now());
    this.deps.linksChanged([id]);
    return this.get(id);
  }

  async setStatus(id: string, status: CopyLinkStatus, confirmationCode?: string): Promise<CopyLinkView> {
    const link = this.require(id);
    const follower = this.deps.accounts.get(link.followerAccountId);
    if (status === 'active' && link.status !== 'active' && follower) this.refusePerpetuals(follower, link.leader);
    if (status === 'active' && link.status !== 'active' && follower?.kind === 'live')
      await this.confirmLive(link.name, follower.id, follower.label, link.leader, confirmationCode);
    const reason = status === 'paused' ? 'Paused by hand.' : status === 'stopped' ? 'Stopped by hand.' : null;
    this.repo.setStatus(id, status, reason, this.now());
    this.deps.linksChanged([id]);
    return this.get(id);
  }

  /** A `leader` link's mirrored targets are cancelled first: the rows go with the link, the orders would stay on the exchange. */
  async delete(id: string): Promise<boolean> {
    const link = this.repo.get(id);
    if (link?.rules.protection === 'leader') await this.engine.dropProtection(link, 'deleted');
    const deleted = this.repo.delete(id);
    if (deleted) this.deps.linksChanged([id]);
    this.feeds.sync();
    this.syncExternal();
    return deleted;
  }

  async closePosition(id: string, symbol: string): Promise<CopyLinkView> {
    this.require(id);
    await this.engine.closePosition(id, symbol, 'hand');
    return this.get(id);
  }

  /** Pauses the link first (no new copies while closing), then sells every copied position. */
  async closeAll(id: string): Promise<CopyLinkView> {
    const link = this.require(id);
    this.repo.setStatus(id, 'paused', 'Paused: every copied position was closed.', this.now());
    for (const position of this.engine.positions(link).values())
      if (position.amount !== 0) await this.engine.closePosition(id, position.symbol, 'all');
    this.deps.linksChanged([id]);
    return this.get(id);
  }

  /** The link's leader and follower performance and tracking over a period (issue #14 item 4). */
  stats(id: string, period: StatsPeriod): Promise<CopyStats> {
    const link = this.require(id);
    return linkStats(
      {
        orders: this.deps.orders.repo,
        repo: this.repo,
        botAccount: (botId) => this.deps.bot(botId)?.accountId ?? null,
        rate: (from, to) => this.engine.rates(link.followerAccountId)(from, to)?.rate ?? null,
        price: async (accountId, symbol) => {
          try {
            return (await this.deps.orders.venue(accountId).quote(symbol))?.last ?? null;
          } catch {
            return null;
          }
        },
      },
      link,
      period,
      this.now(),
    );
  }

  log(limit: number, linkId?: string): CopyLogEntry[] {
    return this.repo.log(limit, linkId).map(logEntry);
  }

  /** Copies into a live account send real orders unattended: the person confirms at the host, as for a live bot start. */
  private async confirmLive(
    name: string,
    accountId: string,
    label: string,
    leader: CopyLinkInput['leader'],
    code?: string,
    newRules?: CopyRules,
  ): Promise<void> {
    const sends = `"${name}" sends real orders on "${label}" whenever ${this.leaderLabel(leader)} trades`;
    const request = newRules
      ? {
          action: 'copy.live_follow' as const,
          accountId,
          title: `Change the copy rules for the live account "${label}"`,
          detail: `${sends}, from now on with these rules: ${describeRules(newRules)}.`,
          subject: JSON.stringify([name, accountId, leader, newRules]),
        }
      : {
          action: 'copy.live_follow' as const,
          accountId,
          title: `Copy trades into the live account "${label}"`,
          detail: `${sends}.`,
          subject: JSON.stringify([name, accountId, leader]),
        };
    if (!this.deps.trust)
      throw new TradewindError(
        'confirmation_denied',
        `${request.title} needs the host's own confirmation, and this host has none: nothing was changed.`,
      );
    await this.deps.trust.require(request, code);
  }

  /** Links joining a spot and a perpetuals account are refused (see copy-perpetuals.ts). */
  private refusePerpetuals(follower: { label: string; marketType: string }, leader: CopyLinkInput['leader']): void {
    const leaderAccountId =
      leader.kind === 'account' ? leader.accountId : leader.kind === 'bot' ? (this.deps.bot(leader.botId)?.accountId ?? null) : null;
    const leaderAccount = leaderAccountId ? this.deps.accounts.get(leaderAccountId) : undefined;
    const refusal = perpetualsRefusal([
      { role: 'follower', label: follower.label, marketType: follower.marketType },
      ...(leaderAccount ? [{ role: 'leader' as const, label: leaderAccount.label, marketType: leaderAccount.marketType }] : []),
    ]);
    if (refusal) throw refusal;
  }

  private leaderLabel(leader: CopyLinkInput['leader']): string {
    if (leader.kind === 'feed') return `the remote feed ${displayUrl(leader.url)}`;
    return leader.kind === 'account'
      ? `the account "${this.deps.accounts.get(leader.accountId)?.label ?? leader.accountId}"`
      : `the bot "${this.deps.bot(leader.botId)?.name ?? leader.botId}"`;
  }

  private require(id: string): CopyLinkRecord {
    const link = this.repo.get(id);
    if (!link) throw new TradewindError('not_found', `There is no follow link "${id}".`);
    return link;
  }

  private view(link: CopyLinkRecord): CopyLinkView {
    const positions = this.engine.positions(link);
    const closed = this.repo.closedSymbols(link.id);
    const leaderLabel =
      link.leader.kind === 'account'
        ? `Account ${this.deps.accounts.get(link.leader.accountId)?.label ?? link.leader.accountId}`
        : link.leader.kind === 'bot'
          ? `Bot ${this.deps.bot(link.leader.botId)?.name ?? link.leader.botId}`
          : `Feed ${displayUrl(link.leader.url)}`;
    const prices = new Map<string, number | null>();
    for (const p of positions.values()) if (p.amount !== 0) prices.set(p.symbol, lastCopyPrice(this.deps.orders, link.id, p.symbol));
    return {
      id: link.id,
      name: link.name,
      leader: link.leader,
      leaderLabel,
      followerAccountId: link.followerAccountId,
      followerLabel: this.deps.accounts.get(link.followerAccountId)?.label ?? link.followerAccountId,
      rules: link.rules,
      status: link.status,
      statusReason: link.statusReason,
      createdAt: link.createdAt,
      positions: [...positions.values()].map((p) => ({
        symbol: p.symbol,
        amount: p.amount,
        averagePrice: p.averagePrice,
        realisedPnl: p.realisedPnl,
        closedByHand: closed.has(p.symbol),
      })),
      ...this.pnlOf(link, positions, prices),
    };
  }

  /** The link's PnL in its currency, each market's PnL converted at the portfolio's rate (null while a price or rate is missing). */
  private pnlOf(link: CopyLinkRecord, positions: Map<string, CopyPosition>, prices: Map<string, number | null>) {
    const found = linkPnl(positions, prices, { currency: link.rules.currency ?? null, rate: this.engine.rates(link.followerAccountId) });
    return { pnl: found?.pnl ?? null, pnlCurrency: found?.currency ?? null };
  }
}

/** The last price a copy of this link filled at in a market (views must not wait on a venue; the engine's checks use live quotes). */
function lastCopyPrice(orders: OrderService, linkId: string, symbol: string): number | null {
  const rows = orders.repo.byOrigin(linkId).filter((o) => o.symbol === symbol && o.averagePrice !== null);
  return rows.at(-1)?.averagePrice ?? null;
}

/** The rules as the host's confirmation shows them: every field that sizes or limits the copies. */
export function describeRules(rules: CopyRules): string {
  const a = rules.allocation;
  // The currency the amounts are in (converted per order), or each market's own quote.
  const unit = rules.currency ? ` ${rules.currency}` : " (each market's quote)";
  const parts = [
    a.mode === 'ratio'
      ? `size ${formatNumber(a.ratio)} × the leader's`
      : a.mode === 'equity'
        ? 'size by follower/leader equity'
        : `size ${formatNumber(a.amount)}${unit} per trade`,
    `max per trade ${rules.maxPerTrade === null ? 'none' : `${formatNumber(rules.maxPerTrade)}${unit}`}`,
    `max total ${rules.maxTotal === null ? 'none' : `${formatNumber(rules.maxTotal)}${unit}`}`,
    ...(rules.protection === 'leader'
      ? ["take-profit and stop copied from the leader's brackets"]
      : [
          `own take-profit ${rules.takeProfitPct === null ? 'none' : `${formatNumber(rules.takeProfitPct)} %`}`,
          `own stop-loss ${rules.stopLossPct === null ? 'none' : `${formatNumber(rules.stopLossPct)} %`}`,
        ]),
    `loss limit ${rules.maxLoss === null ? 'none' : `${formatNumber(rules.maxLoss)}${unit}`}`,
    `max slippage ${rules.maxSlippagePct === null ? 'none' : `${formatNumber(rules.maxSlippagePct)} %`}`,
    `max signal age ${rules.maxSignalAgeMs === null ? 'none' : `${formatNumber(rules.maxSignalAgeMs / 1000, 1)} s`}`,
    `markets mapped ${rules.symbolMap.length === 0 ? 'none' : rules.symbolMap.map((e) => `${e.leader} → ${e.follower}`).join(', ')}`,
    `allowed ${rules.allow.length === 0 ? 'all' : rules.allow.join(', ')}`,
    `denied ${rules.deny.length === 0 ? 'none' : rules.deny.join(', ')}`,
  ];
  return parts.join('; ');
}

/** What zod cannot say about a rule set: a market both allowed and denied, a market mapped twice. */
function checkRules(rules: CopyRules): void {
  const both = rules.allow.filter((s) => rules.deny.includes(s));
  if (both.length > 0)
    throw new TradewindError('invalid_input', `rules.deny: ${both.join(', ')} is both allowed and denied; keep it in one list.`);
  const seen = new Set<string>();
  for (const entry of rules.symbolMap) {
    if (seen.has(entry.leader))
      throw new TradewindError('invalid_input', `rules.symbolMap: ${entry.leader} is mapped twice; keep one follower market for it.`);
    seen.add(entry.leader);
    const wrongCoin = symbolMapCoinError(entry);
    if (wrongCoin) throw new TradewindError('invalid_input', `rules.symbolMap: ${wrongCoin}`);
  }
  const currency = missingCurrencyError(rules);
  if (currency) throw new TradewindError('invalid_input', `rules.currency: ${currency}`);
  if (rules.maxPerTrade !== null && rules.maxTotal !== null && rules.maxPerTrade > rules.maxTotal)
    throw new TradewindError(
      'invalid_input',
      'rules.maxPerTrade: the max per trade is above the max total allocation; lower it or raise the total.',
    );
}

/**
 * Mirrored take-profit/stop are spot sells of held coins: on a perpetual swap a resting mirrored
 * target would open a short once the long is gone, so a perpetuals follower uses its own exits.
 */
function refuseLeaderProtectionOnPerpetuals(rules: CopyRules, follower: { label: string; marketType: string }): void {
  if (rules.protection === 'leader' && follower.marketType === 'swap')
    throw new TradewindError(
      'invalid_input',
      `rules.protection: "${follower.label}" trades perpetuals, where copying the leader's take-profit/stop is not supported (a resting target could open a short once the position is closed); choose "Use my own" take-profit/stop instead.`,
    );
}
