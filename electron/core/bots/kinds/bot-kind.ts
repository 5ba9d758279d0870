/**
 * The one interface every bot kind implements (grid, DCA, strategy, and the kinds to come). The
 * runtime around the kinds — catalogue, supervisor, scheduler — knows no kind by name: it asks
 * the registry for the record's kind and calls these members. A kind reads its orders from the
 * ledger through the `BotStep` it is handed and places or cancels them only through it, so the
 * role naming, the risk guards and the circuit breaker apply to every kind alike.
 */
import type { BotInput, BotIssue, BotLevel, DcaDeal } from '../../../../shared/ipc/schemas/bots';
import type { AccountRecord } from '../../accounts/accounts-repo';
import type { MarketRules, OrderVenue, Precision } from '../../exchange/venue';
import type { BotStep } from '../bot-step';
import type { ValidationDeps } from '../bot-validation';
import type { ClosedBar } from '../candle-feed';
import type { KindStateBase } from '../kind-state';

/** What a kind is given to check its settings: the market as the account's venue reports it now. */
export interface KindCheckContext<C> {
  input: BotInput;
  config: C;
  account: AccountRecord;
  venue: OrderVenue;
  rules: MarketRules;
  precision: Precision;
  /** Last price; null while the venue has none. */
  price: number | null;
  deps: ValidationDeps;
  issue(severity: BotIssue['severity'], field: string, message: string): void;
  /**
   * Adds an error on `field` when the saved strategy is missing or does not compile for a bot
   * (asynchronous: a Model block's library may have to be loaded to check its fitted model).
   */
  checkStrategy(strategyId: string, field: string): Promise<void>;
}

/** What the kind's settings commit; the runtime checks it against the balance and the risk guards. */
export interface KindCheck {
  /** Quote the settings can commit at once; null when nothing could be worked out (an issue says why). */
  capital: number | null;
  /** Orders the settings rest at once. */
  ordersNeeded: number;
  /** Expected orders a minute at recent volatility (shown with the rate limit); null when unknown. */
  ordersPerMinute?: number | null;
  /**
   * When every order must rest at once, the advice that makes a too-low max open orders an error
   * (e.g. "raise it or use fewer levels"); absent, the shortfall is a warning that some orders wait.
   */
  tooFewOpenOrders?: string;
}

/** What happens to a run's orders and state when it is stopped, killed or its key revoked. */
export interface KindLifecycle {
  /** On a stop (by hand or by a guard): cancel the run's working orders, or leave them on the book. The kill switch always cancels. */
  stop: 'cancel_orders' | 'leave_orders';
  /** On an emergency key revoke: pause (a new key resumes the same run and orders) or stop. */
  revoke: 'pause' | 'stop';
  /** A stop by hand offers to sell the coins the run holds at market (DCA, grid), besides keeping them. */
  sellOnStop?: boolean;
}

/** What a kind answers to a message from outside (an inbound signal): acted on, or refused with the reason. */
export interface MessageOutcome {
  accepted: boolean;
  message: string;
  /** The roles (without the run prefix) of the orders it asked for. */
  roles?: string[];
}

export const DEFAULT_LIFECYCLE: KindLifecycle = { stop: 'cancel_orders', revoke: 'pause' };

/** A bot kind: its settings type `C` (discriminated by `kind`) and its persisted state `S`. */
export interface BotKind<C extends { kind: string } = { kind: string }, S extends KindStateBase = KindStateBase> {
  /** The registered name; equals `config.kind`, the record's `kind` and the roles' prefix. */
  readonly id: string;
  /** Checks the settings against the market (precision, minimums, rate limit) and says what they commit. */
  validate(ctx: KindCheckContext<C>): Promise<KindCheck>;
  /** A new run's state, planned at the current price; saved before any of its orders is sent. */
  initialState(step: BotStep): Promise<S>;
  /** The saved strategy whose closed-candle signals the kind acts on; null when it acts on prices and fills only. */
  signalStrategy(config: C): string | null;
  /** One closed candle's signal (kinds with a signal strategy); the runtime saves the state after it. */
  onBar?(step: BotStep, bar: ClosedBar): Promise<void> | void;
  /**
   * One step, run after every fill or order change the ledger reports and on every tick: the kind
   * reads its orders' outcomes from the ledger and places or cancels what its state says is missing.
   */
  step(step: BotStep): Promise<void>;
  /**
   * A message delivered to the running bot from outside (the signal bot's inbound signals). The
   * kind records what it will do in its state (saved by the runtime) and the step run right after
   * places the orders; it never changes settings. Kinds without it refuse messages.
   */
  onMessage?(step: BotStep, message: unknown): Promise<MessageOutcome>;
  /** Which position the fill of an order with this role (without the run prefix) belongs to; one per run when absent. */
  positionKey?(role: string): string;
  /** The bot detail's levels and deals. */
  views?: {
    levels?(step: BotStep, state: S, config: C): BotLevel[];
    deals?(step: BotStep, state: S): DcaDeal[];
  };
  lifecycle: KindLifecycle;
  /**
   * The kind trades coins the account held before the run (the rebalance bot sells what the account
   * holds): its fills are no position of their own, so no "sold more than it held" error, no
   * unrealised PnL from them, and the capital cap counts resting buys only.
   */
  accountHoldings?: boolean;
}
