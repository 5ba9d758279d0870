import type { Envelope } from '../../shared/ipc/errors';
import type { EventPayload, TopicName } from '../../shared/ipc/contract';
import type { SecretStore } from './secrets/secret-store';
import type { ChannelServiceOptions } from './notify-channels/channel-service';
import type { TrustedConfirmer } from './trust/trusted-confirmer';
import type { InboundSignal, SignalReply } from './signals/signal-service';
import type { FeedHttp } from './copy/feed/feed-http';
import type { FeedRetryPolicy } from './copy/feed/feed-subscriber';
import type { Backoff } from './market-data/live/watch-loop';

/** Who is calling: each window / WebSocket connection is one session with its own watch set. */
export interface CallContext {
  sessionId: string;
  /**
   * Set only by the MCP server (never from a wire message): the agent token this call is made
   * with. Core re-checks it on every call (revoked or expired mid-session is refused) and allows
   * only the methods its scopes grant (agents/agent-policy.ts).
   */
  agentToken?: string;
}

export interface CoreOptions {
  /** Data folder; defaults to TRADEWIND_DATA_DIR or the per-OS app data folder. */
  dataDir?: string;
  host: 'electron' | 'server' | 'test';
  /** Skip the online probe and use the bundled replay (tests, air-gapped machines). Env: TRADEWIND_OFFLINE=1 */
  offline?: boolean;
  /** Base URL that replaces the reference exchange's API host (tests against a loopback fake). Env: TRADEWIND_REFERENCE_API */
  referenceApiUrl?: string;
  /** Replay speed multiplier (1 = real time). Env: TRADEWIND_REPLAY_SPEED */
  replaySpeed?: number;
  /** Wall clock the offline replay measures its progress by (tests drive it by hand, so prices do not move with machine speed). */
  replayClock?: () => number;
  /** How long the online probe may take before falling back to replay. */
  probeTimeoutMs?: number;
  log?: (line: string) => void;
  /** exchangeId → API base URL overrides (loopback fake exchanges). Env: TRADEWIND_EXCHANGE_URLS (JSON). */
  exchangeUrls?: Record<string, string>;
  /** Alert channels: the Telegram Bot API base URL (Env: TRADEWIND_TELEGRAM_API), request time-out, retry policy, queue bound. */
  /** Signals a source accepts a minute (default 30); the fuzz test raises it to reach the parser with every payload. */
  signalsPerMinute?: number;
  /** How often copied positions are checked against their own stop-loss and the loss limit (ms; default 5 s). */
  copyTickMs?: number;
  /** How a follower backs off between reconnects to a remote copy feed (default 1 s doubling to 60 s). */
  copyFeedRetry?: FeedRetryPolicy;
  /** How often a copied live account's trades are polled while its order stream is down or missing (default 5 s). */
  copyExternalPollMs?: number;
  /** How a copied live account's order stream backs off between reconnects (default 1 s doubling to 60 s). */
  copyExternalBackoff?: Backoff;
  notifyChannels?: Pick<ChannelServiceOptions, 'telegramApiUrl' | 'requestTimeoutMs' | 'retry' | 'queueLimit'>;
  /** Shows a folder in the desktop's file manager (Electron: shell.openPath; resolves to '' or an error text). Headless: absent. */
  openFolder?: (dir: string) => Promise<string>;
  /** The encrypted file store's passphrase as the host obtained it (stdin, prompt); else core reads passphrase-source.ts's env/file. */
  secretPassphrase?: string;
  /** Secret store factory (tests); default: OS keychain, or the opted-in encrypted file store. */
  openSecretStore?: () => Promise<SecretStore>;
  /** How often live balances are re-read. Env: TRADEWIND_BALANCE_REFRESH_MS */
  balanceRefreshMs?: number;
  historySampleMs?: number;
  /** How often keys past their rotation overlap are retired (default 60 s). */
  keyRetireCheckMs?: number;
  /** How often paper orders are matched and paper brackets checked (default 250 ms). */
  tradingTickMs?: number;
  /** How often live orders are re-read and live brackets' prices sampled (default 2 s). */
  livePollMs?: number;
  /** How often running bots re-check prices, guards and candles (default 1 s). */
  botTickMs?: number;
  /** Bots' per-account circuit breaker (tests shorten the back-off). */
  botCircuit?: { threshold: number; baseMs: number; maxMs: number };
  /**
   * How the host confirms weakening actions outside the renderer (Electron: a native dialog;
   * headless: a one-time code on its terminal; tests: a scripted confirmer). Absent: refused.
   */
  trustedConfirmer?: TrustedConfirmer;
  /** How long a trusted confirmation may stay unanswered before it counts as refused (default 5 min). */
  trustedTimeoutMs?: number;
}

export interface SessionStateSizes {
  /** Sessions with a watch set, windows and sockets as well as core's own (bots, trading loop). */
  watchSessions: number;
  /** Event listeners over all topics, core's own included. */
  eventListeners: number;
  /** CSV uploads still buffered. */
  csvUploads: number;
}

/** What a host's listener hands signal requests to: off until the person enables signals. */
export interface SignalIntake {
  enabled(): boolean;
  /** Desktop app: the loopback port the person chose for the listener (null: none). */
  port(): number | null;
  receive(request: InboundSignal): Promise<SignalReply>;
  /** A request the host's listener refused before core read it (method, content type, size). */
  refuse(sourceId: string, status: number, message: string): void;
}

export interface Core {
  readonly dataDir: string;
  /** Validates `input` against the contract and runs the handler. Never throws. */
  invoke(method: string, input: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
  /** Conflated event stream for one topic. */
  subscribe<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
  /** Forget everything a session holds: its watches, its unfinished CSV uploads (window closed, socket gone). */
  endSession(sessionId: string): void;
  /** Sizes of the registries sessions fill; a churn of sessions must leave them where they were. */
  sessionState(): SessionStateSizes;
  /** Inbound signals (`POST /signals/<sourceId>` on a host's listener); absent in hand-made cores. */
  readonly signals?: SignalIntake;
  /** Published copy feeds (`GET /feeds/<id>/events|stream` on the headless host); absent in hand-made cores. */
  readonly feeds?: FeedHttp;
  close(): Promise<void>;
}
