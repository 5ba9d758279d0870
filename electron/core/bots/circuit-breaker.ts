import type { CircuitState } from '../../../shared/ipc/schemas/bots';
import { TradewindError } from '../../../shared/ipc/errors';

export interface CircuitPolicy {
  /** Consecutive exchange failures that open the circuit. */
  threshold: number;
  /** First open period; doubles with every re-open, up to `maxMs`. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_CIRCUIT_POLICY: CircuitPolicy = { threshold: 3, baseMs: 5_000, maxMs: 5 * 60_000 };

interface Circuit {
  state: CircuitState['state'];
  failures: number;
  opens: number;
  until: number | null;
  lastError: string | null;
  trial: boolean;
}

/** Failures that say the exchange (or the way to it) is in trouble, not that the order was wrong. */
export function isExchangeFailure(error: unknown): boolean {
  if (error instanceof TradewindError) return ['network', 'rate_limited', 'exchange_down', 'unavailable'].includes(error.code);
  return error instanceof Error && error.name === 'OutcomeUnknownError';
}

/**
 * One circuit per account. Consecutive exchange failures (network, 5xx, 429, time-outs) open it
 * for a back-off that doubles with each re-open (or the exchange's Retry-After when it said
 * one); then it is half-open and lets one trial placement through: success closes it, failure
 * opens it again. While it is open the account's bots place nothing: they wait, they do not stop.
 */
export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    private readonly policy: CircuitPolicy = DEFAULT_CIRCUIT_POLICY,
    private readonly now: () => number = Date.now,
    private readonly onChange: (accountId: string) => void = () => {},
  ) {}

  private get(accountId: string): Circuit {
    let circuit = this.circuits.get(accountId);
    if (!circuit)
      this.circuits.set(accountId, (circuit = { state: 'closed', failures: 0, opens: 0, until: null, lastError: null, trial: false }));
    return circuit;
  }

  /** Whether a placement may go out now; in half-open state only one at a time. */
  allow(accountId: string): boolean {
    const c = this.get(accountId);
    if (c.state === 'open') {
      if (c.until !== null && this.now() < c.until) return false;
      c.state = 'half_open';
      c.trial = false;
      this.onChange(accountId);
    }
    if (c.state === 'half_open') {
      if (c.trial) return false;
      c.trial = true;
    }
    return true;
  }

  success(accountId: string): void {
    const c = this.get(accountId);
    const changed = c.state !== 'closed' || c.failures > 0;
    Object.assign(c, { state: 'closed', failures: 0, opens: 0, until: null, trial: false });
    if (changed) this.onChange(accountId);
  }

  failure(accountId: string, error: unknown): void {
    const c = this.get(accountId);
    const text = error instanceof Error ? error.message : String(error);
    c.failures++;
    c.lastError = text;
    c.trial = false;
    if (c.state === 'half_open' || c.failures >= this.policy.threshold) {
      c.opens++;
      const backoff = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** (c.opens - 1));
      c.state = 'open';
      c.until = this.now() + Math.max(backoff, (error instanceof TradewindError ? error.retryAfterMs : null) ?? 0);
    }
    this.onChange(accountId);
  }

  view(accountId: string): CircuitState {
    const c = this.get(accountId);
    const state = c.state === 'open' && c.until !== null && this.now() >= c.until ? 'half_open' : c.state;
    return { accountId, state, failures: c.failures, until: state === 'open' ? c.until : null, lastError: c.lastError };
  }

  list(accountIds: readonly string[]): CircuitState[] {
    return accountIds.map((id) => this.view(id));
  }
}
