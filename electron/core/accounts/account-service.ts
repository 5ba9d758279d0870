import { randomUUID } from 'node:crypto';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountMarketType, KeyRights, KeyVersion } from '../../../shared/ipc/schemas/accounts';
import { checkAccountMarketType, checkPerpetualsAccount } from './account-market-type';
import type { Db } from '../db/connection';
import { catalogEntry } from '../exchange/exchange-catalog';
import { createExchangeClient, type ExchangeClient } from '../exchange/exchange-client';
import { refuseMainWalletKey } from '../exchange/wallet-keys';
import { isSecretStoreError, type ExchangeCredentials, type SecretStore } from '../secrets/secret-store';
import type { TrustedGate } from '../trust/trusted-gate';
import { cleanCredentials, publicKeyHint, riskyKeyRefusal, storeAndVerifyKey } from './account-keys';
import type { AccountRecord, AccountsRepo } from './accounts-repo';
import type { AuditLog } from '../audit/audit-log';
import type { KeysRepo } from './keys-repo';

export interface AccountServiceDeps {
  db: Db;
  accounts: AccountsRepo;
  keys: KeysRepo;
  audit: AuditLog;
  /** Opened on first use: a machine without a keychain still runs the paper account. */
  secrets: () => Promise<SecretStore>;
  urlOverrides: Readonly<Record<string, string>>;
  onChanged: (accountIds: string[]) => void;
  /** The host's trusted confirmation for withdraw-capable / unverifiable keys (absent: such keys are refused). */
  trust?: TrustedGate;
  now?: () => number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Live exchange accounts and the lifecycle of their API keys: add (store → verify → active),
 * rotate with an overlap window, retire, revoke. Also hands out the account's ExchangeClient,
 * built from the active key, to the services that call the exchange.
 */
export class AccountService {
  private readonly clients = new Map<string, ExchangeClient>();
  private readonly revokedListeners = new Set<(accountId: string) => void>();
  private readonly now: () => number;

  constructor(private readonly deps: AccountServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  requireAccount(accountId: string): AccountRecord {
    const account = this.deps.accounts.get(accountId);
    if (!account) throw new TradewindError('not_found', `No account with id "${accountId}". Pick one from the account list.`);
    return account;
  }

  async add(input: {
    exchangeId: string;
    label: string;
    sandbox: boolean;
    /** Absent: spot. */
    marketType?: AccountMarketType;
    credentials: Record<string, string | undefined>;
    acceptWithdrawRisk?: boolean;
    confirmationCode?: string;
  }): Promise<AccountRecord> {
    const entry = catalogEntry(input.exchangeId);
    if (!entry) throw new TradewindError('not_found', `"${input.exchangeId}" is not an exchange ccxt supports. Pick one from the list.`);
    if (input.sandbox && !entry.capabilities.sandbox) {
      throw new TradewindError('invalid_input', `${entry.name} has no testnet in ccxt; add the account as live.`);
    }
    const marketType = checkAccountMarketType(entry, input.marketType);
    const credentials = this.checkRequiredCredentials(cleanCredentials(input.credentials), entry.credentials, entry.name, input.exchangeId);
    const store = await this.secretStore();
    const accountId = `${input.exchangeId}-${randomUUID().slice(0, 8)}`;
    const ref = { accountId, version: 1 };
    let verified;
    try {
      verified = await storeAndVerifyKey({
        store,
        ref,
        credentials,
        approveRisk: (rights, name, last4) =>
          this.approveRisk(input, rights, name, {
            accountId: null,
            what: `new ${name}${input.sandbox ? ' testnet' : ''} account "${input.label}", key …${last4}`,
          }),
        buildClient: (creds) => this.buildClient(input.exchangeId, input.sandbox, creds, undefined, marketType),
        checkAccount: marketType === 'swap' ? (client) => checkPerpetualsAccount(client, 'The account was not added.') : undefined,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.audit.append(
        'key.verify_failed',
        `New ${entry.name} key …${publicKeyHint(credentials)} for "${input.label}" was refused and not stored: ${reason}`,
      );
      throw error;
    }
    const at = this.now();
    this.deps.db.transaction(() => {
      this.deps.accounts.insert({
        id: accountId,
        label: input.label,
        exchangeId: input.exchangeId,
        kind: 'live',
        createdAt: at,
        sandbox: input.sandbox,
        marketType,
      });
      this.deps.keys.insert({
        accountId,
        version: 1,
        status: 'active',
        createdAt: at,
        last4: verified.last4,
        rights: verified.rights,
        withdrawOverride: verified.rights.withdraw === 'yes',
      });
    })();
    const { audit } = this.deps;
    audit.append(
      'account.added',
      `Added ${entry.name}${input.sandbox ? ' testnet' : ''}${marketType === 'swap' ? ' USDT perpetuals' : ''} account "${input.label}"`,
      accountId,
    );
    audit.append(
      'key.added',
      `Key v1 …${verified.last4} stored in the ${store.kind === 'keychain' ? 'OS keychain' : 'encrypted file store'}`,
      accountId,
      1,
    );
    audit.append('key.verified', `Key v1 …${verified.last4} verified: ${describeRights(verified.rights)}`, accountId, 1);
    if (verified.rights.withdraw === 'yes') {
      audit.append('key.withdraw_override', `Key v1 …${verified.last4} can withdraw; the person accepted the risk`, accountId, 1);
    }
    this.deps.onChanged([accountId]);
    return this.requireAccount(accountId);
  }

  async rotate(input: {
    accountId: string;
    credentials: Record<string, string | undefined>;
    overlapHours?: number;
    acceptWithdrawRisk?: boolean;
    confirmationCode?: string;
  }): Promise<KeyVersion[]> {
    const account = this.requireLive(input.accountId);
    const entry = catalogEntry(account.exchangeId);
    const name = entry?.name ?? account.exchangeId;
    const credentials = this.checkRequiredCredentials(
      cleanCredentials(input.credentials),
      entry?.credentials ?? ['apiKey', 'secret'],
      name,
      account.exchangeId,
    );
    const store = await this.secretStore();
    const version = this.deps.keys.nextVersion(account.id);
    let verified;
    try {
      verified = await storeAndVerifyKey({
        store,
        ref: { accountId: account.id, version },
        credentials,
        approveRisk: (rights, keyName, last4) =>
          this.approveRisk(input, rights, keyName, {
            accountId: account.id,
            what: `${keyName} account "${account.label}", new key v${version} …${last4}`,
          }),
        buildClient: (creds) => this.buildClient(account.exchangeId, account.sandbox, creds, undefined, account.marketType),
        checkAccount:
          account.marketType === 'swap'
            ? (client) => checkPerpetualsAccount(client, 'The new key was not stored; the current key stays active.')
            : undefined,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.audit.append(
        'key.verify_failed',
        `Rotation to key …${publicKeyHint(credentials)} refused, the current key stays active: ${reason}`,
        account.id,
        version,
      );
      throw error;
    }
    const at = this.now();
    const overlapMs = (input.overlapHours ?? 24) * HOUR_MS;
    const previous = this.deps.keys.active(account.id);
    this.deps.db.transaction(() => {
      this.deps.keys.insert({
        accountId: account.id,
        version,
        status: 'active',
        createdAt: at,
        last4: verified.last4,
        rights: verified.rights,
        withdrawOverride: verified.rights.withdraw === 'yes',
      });
      if (previous) this.deps.keys.setStatus(account.id, previous.version, 'retiring', { retireAt: at + overlapMs });
    })();
    const { audit } = this.deps;
    audit.append('key.added', `Key v${version} …${verified.last4} stored`, account.id, version);
    audit.append('key.verified', `Key v${version} …${verified.last4} verified: ${describeRights(verified.rights)}`, account.id, version);
    if (verified.rights.withdraw === 'yes')
      audit.append('key.withdraw_override', `Key v${version} can withdraw; the person accepted the risk`, account.id, version);
    if (previous) {
      audit.append(
        'key.rotated',
        `Rotated from v${previous.version} …${previous.last4} to v${version} …${verified.last4}; v${previous.version} keeps working for ${formatHours(overlapMs)}`,
        account.id,
        version,
      );
    }
    await this.retireDue();
    this.deps.onChanged([account.id]);
    return this.deps.keys.list(account.id);
  }

  /** Called when an account's active key is revoked (its bots stop). */
  onRevoked(listener: (accountId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Emergency: delete the key from the store at once; the account stops trading until a new key is added. */
  async revoke(accountId: string, version: number): Promise<KeyVersion[]> {
    const account = this.requireLive(accountId);
    const key = this.deps.keys.get(account.id, version);
    if (!key) throw new TradewindError('not_found', `Account "${account.label}" has no key v${version}.`);
    if (key.status === 'retired' || key.status === 'revoked') {
      throw new TradewindError('invalid_input', `Key v${version} is already ${key.status}; it is no longer in the keychain.`);
    }
    const store = await this.secretStore();
    await store.delete({ accountId: account.id, version });
    this.deps.keys.setStatus(account.id, version, 'revoked', { retiredAt: this.now() });
    this.dropClient(account.id);
    if (key.status === 'active') for (const listener of this.revokedListeners) listener(account.id);
    this.deps.audit.append(
      'key.revoked',
      `Key v${version} …${key.last4} revoked and deleted${key.status === 'active' ? '; trading and bots on this account are paused until a new key is added' : ''}`,
      account.id,
      version,
    );
    this.deps.onChanged([account.id]);
    return this.deps.keys.list(account.id);
  }

  /** Retiring keys whose overlap has ended are deleted from the store. Runs on a timer and after rotations. */
  async retireDue(): Promise<number> {
    const due = this.deps.keys.dueForRetirement(this.now());
    if (due.length === 0) return 0;
    const store = await this.secretStore();
    for (const key of due) {
      await store.delete({ accountId: key.accountId, version: key.version });
      this.deps.keys.setStatus(key.accountId, key.version, 'retired', { retiredAt: this.now() });
      this.deps.audit.append(
        'key.retired',
        `Key v${key.version} …${key.last4} retired after its overlap and deleted from the keychain`,
        key.accountId,
        key.version,
      );
    }
    this.deps.onChanged([...new Set(due.map((k) => k.accountId))]);
    return due.length;
  }

  async remove(accountId: string): Promise<{ removed: boolean; deletedKeys: number }> {
    const account = this.requireAccount(accountId);
    if (account.kind === 'paper')
      throw new TradewindError('invalid_input', 'The paper account cannot be removed; it needs no key and holds no real funds.');
    const store = await this.secretStore();
    let deletedKeys = 0;
    for (const ref of await store.list(account.id)) {
      if (await store.delete(ref)) deletedKeys++;
    }
    this.dropClient(account.id);
    const removed = this.deps.accounts.delete(account.id);
    this.deps.audit.append(
      'account.removed',
      `Removed account "${account.label}" and deleted ${deletedKeys} key(s) from the keychain`,
      account.id,
    );
    this.deps.onChanged([account.id]);
    return { removed, deletedKeys };
  }

  /** The ExchangeClient of the account's active key, built once per key version (`keyVersion`). */
  async client(accountId: string): Promise<ExchangeClient> {
    const account = this.requireLive(accountId);
    const key = this.deps.keys.active(account.id);
    if (!key) throw new TradewindError('auth', `Account "${account.label}" has no active key. Add one (rotate key) to use it again.`);
    const cached = this.clients.get(account.id);
    if (cached && cached.keyVersion === key.version) return cached;
    const store = await this.secretStore();
    const credentials = await store.get({ accountId: account.id, version: key.version });
    if (!credentials) {
      throw new TradewindError(
        'keychain',
        `Key v${key.version} of "${account.label}" is missing from the keychain. Rotate the key to add it again.`,
      );
    }
    if (cached) void cached.close().catch(() => {});
    const fresh = this.buildClient(account.exchangeId, account.sandbox, credentials, key.version, account.marketType);
    this.clients.set(account.id, fresh);
    return fresh;
  }

  /** Label or reminder-age changes: every window re-reads the account. */
  /**
   * A withdraw-capable or unverifiable key: refused unless the caller asked for the override AND
   * the host confirmed it outside the renderer (the request alone is never enough).
   */
  private async approveRisk(
    input: { acceptWithdrawRisk?: boolean; confirmationCode?: string },
    rights: KeyRights,
    exchangeName: string,
    subject: { accountId: string | null; what: string },
  ): Promise<void> {
    if (input.acceptWithdrawRisk !== true) throw riskyKeyRefusal(rights, exchangeName);
    const withdraw = rights.withdraw === 'yes';
    const request = {
      action: withdraw ? ('key.withdraw' as const) : ('key.unverifiable' as const),
      accountId: subject.accountId,
      title: withdraw ? 'Accept an API key that can WITHDRAW funds' : 'Accept an API key whose withdrawal permission cannot be read',
      detail: `${subject.what}: ${withdraw ? 'whoever obtains this key can move the money off the exchange' : `${exchangeName} does not report whether it can withdraw`}`,
    };
    if (!this.deps.trust)
      throw new TradewindError(
        'confirmation_denied',
        `${request.title} needs the host's own confirmation, and this host has none: the key was not stored.`,
      );
    await this.deps.trust.require(request, input.confirmationCode);
  }

  update(accountId: string, fields: { label?: string; keyMaxAgeDays?: number }): AccountRecord {
    const before = this.requireAccount(accountId);
    this.deps.accounts.update(accountId, fields);
    const changes = [
      fields.label !== undefined && fields.label !== before.label ? `label "${before.label}" → "${fields.label}"` : null,
      fields.keyMaxAgeDays !== undefined && fields.keyMaxAgeDays !== before.keyMaxAgeDays
        ? `key rotation reminder ${before.keyMaxAgeDays} → ${fields.keyMaxAgeDays} days`
        : null,
    ].filter((c): c is string => c !== null);
    if (changes.length > 0) this.deps.audit.append('settings.changed', `Account "${before.label}": ${changes.join(', ')}`, accountId);
    this.deps.onChanged([accountId]);
    return this.requireAccount(accountId);
  }

  markUsed(accountId: string, version: number): void {
    const key = this.deps.keys.get(accountId, version);
    // One write a minute is enough for "last used"; a poll loop must not hammer SQLite.
    if (key && (key.lastUsedAt === null || this.now() - key.lastUsedAt > 60_000)) this.deps.keys.touch(accountId, version, this.now());
  }

  /** The ticket and bots call this before any order: read-only or key-less accounts never trade. */
  assertCanTrade(accountId: string): void {
    const reason = this.tradeBlockedReason(this.requireAccount(accountId));
    if (reason) throw new TradewindError('permission', reason);
  }

  tradeBlockedReason(account: AccountRecord): string | null {
    if (account.kind === 'paper') return null;
    const key = this.deps.keys.active(account.id);
    if (!key)
      return `"${account.label}" has no active API key (it was revoked). Add a new key to trade again; nothing is traded until then.`;
    if (key.rights.trade === 'no') {
      return `The key of "${account.label}" is read-only: the exchange reports no trading permission. Balances are monitored; to trade, rotate to a key with trading enabled.`;
    }
    return null;
  }

  rotationDue(account: AccountRecord): boolean {
    const key = this.deps.keys.active(account.id);
    return key !== undefined && this.now() - key.createdAt > account.keyMaxAgeDays * DAY_MS;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close().catch(() => {})));
    this.clients.clear();
  }

  private buildClient(
    exchangeId: string,
    sandbox: boolean,
    credentials: ExchangeCredentials,
    keyVersion?: number,
    marketType: AccountMarketType = 'spot',
  ): ExchangeClient {
    return createExchangeClient({ exchangeId, sandbox, credentials, urlOverrides: this.deps.urlOverrides, keyVersion, marketType });
  }

  private dropClient(accountId: string): void {
    const cached = this.clients.get(accountId);
    if (cached) void cached.close().catch(() => {});
    this.clients.delete(accountId);
  }

  private requireLive(accountId: string): AccountRecord {
    const account = this.requireAccount(accountId);
    if (account.kind !== 'live') throw new TradewindError('invalid_input', `"${account.label}" is a paper account: it has no API keys.`);
    return account;
  }

  private async secretStore(): Promise<SecretStore> {
    try {
      return await this.deps.secrets();
    } catch (error) {
      const code = isSecretStoreError(error) && error.code === 'passphrase_too_short' ? 'passphrase_too_short' : 'keychain';
      throw new TradewindError(code, error instanceof Error ? error.message : String(error));
    }
  }

  private checkRequiredCredentials(
    credentials: ExchangeCredentials,
    required: readonly string[],
    exchangeName: string,
    exchangeId: string,
  ): ExchangeCredentials {
    const given = credentials as unknown as Record<string, string | undefined>;
    const missing = required.filter((field) => !given[field]);
    if (missing.length > 0) {
      throw new TradewindError(
        'invalid_input',
        `${exchangeName} needs ${missing.map((f) => `"${f}"`).join(', ')} for its API keys; fill in every field shown.`,
      );
    }
    refuseMainWalletKey(exchangeId, exchangeName, credentials);
    return credentials;
  }
}

function describeRights(r: KeyVersion['rights']): string {
  return `read ${r.read}, trade ${r.trade}, withdraw ${r.withdraw}, IP-restricted ${r.ipRestricted}`;
}

function formatHours(ms: number): string {
  const hours = ms / HOUR_MS;
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${Math.round(hours * 10) / 10} h`;
}
