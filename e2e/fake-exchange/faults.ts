/**
 * Switchable faults. A fault stays active until it has hit `times` matching requests (default:
 * until removed or clearFaults()), so a test can model both a blip (times: 1) and an outage.
 *
 * clock_skew is evaluated on its own (it shifts the server clock for the request, including
 * /api/v3/time, so a client that syncs its clock sees the skew too); of the other kinds the
 * first active match decides what happens to the request.
 */
export type FaultKind = 'rate_limit' | 'server_error' | 'timeout' | 'bad_signature' | 'clock_skew' | 'drop_after_accept';

export interface FaultMatch {
  /** HTTP method, e.g. 'POST'. */
  method?: string;
  /** Exact path (e.g. '/api/v3/order') or a pattern. */
  path?: string | RegExp;
  /** Only requests carrying this X-MBX-APIKEY. */
  apiKey?: string;
}

interface FaultBase {
  match?: FaultMatch;
  /** How many matching requests the fault affects; unlimited when omitted. */
  times?: number;
  /** Share of matching requests it hits (0..1), drawn from the registry's random source; all when omitted. */
  probability?: number;
}

export type FaultSpec =
  | (FaultBase & {
      kind: 'rate_limit';
      /** Seconds in the Retry-After header (default 1). */
      retryAfterSec?: number;
      /** 429 (default) or 418, Binance's status for an IP ban after ignoring 429s. */
      status?: 429 | 418;
    })
  | (FaultBase & {
      kind: 'server_error';
      /** Default 503. */
      status?: number;
      /** Default: a plain-text gateway page, as a load balancer in front of the API sends. */
      body?: string;
    })
  | (FaultBase & {
      kind: 'timeout';
      /** Hold the request this long before handling it normally; omit to hold it until close(). */
      ms?: number;
    })
  | (FaultBase & { kind: 'bad_signature' })
  | (FaultBase & {
      kind: 'clock_skew';
      /** Added to the server clock: positive = server ahead of the client. */
      skewMs: number;
    })
  | (FaultBase & {
      kind: 'drop_after_accept';
      /**
       * After the request was fully processed (an order is on the book): 'destroy' resets the
       * connection (default), 'hang' never answers until close().
       */
      then?: 'destroy' | 'hang';
    });

export interface FaultHandle {
  readonly id: number;
  readonly spec: FaultSpec;
  /** Requests this fault has affected so far. */
  readonly hits: number;
  readonly active: boolean;
  remove(): void;
}

export interface FaultTarget {
  method: string;
  path: string;
  apiKey: string | undefined;
  signed: boolean;
}

interface Entry {
  id: number;
  spec: FaultSpec;
  hits: number;
  removed: boolean;
}

export class FaultRegistry {
  private entries: Entry[] = [];
  private nextId = 1;

  /** `random` decides probabilistic faults; pass a seeded one to make a run repeatable. */
  constructor(private readonly random: () => number = Math.random) {}

  add(spec: FaultSpec): FaultHandle {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error(`fault times must be a positive integer, got ${spec.times}`);
    }
    if (spec.probability !== undefined && !(spec.probability > 0 && spec.probability <= 1)) {
      throw new Error(`fault probability must be in (0, 1], got ${spec.probability}`);
    }
    const entry: Entry = { id: this.nextId++, spec, hits: 0, removed: false };
    this.entries.push(entry);
    const isActive = () => !entry.removed && (spec.times === undefined || entry.hits < spec.times);
    return {
      id: entry.id,
      spec,
      get hits() {
        return entry.hits;
      },
      get active() {
        return isActive();
      },
      remove: () => {
        entry.removed = true;
      },
    };
  }

  clear(): void {
    for (const entry of this.entries) entry.removed = true;
    this.entries = [];
  }

  /** The skew to apply to this request (consuming one use of the matching clock_skew fault). */
  takeSkew(target: FaultTarget): number {
    const entry = this.find(target, (spec) => spec.kind === 'clock_skew');
    if (!entry || entry.spec.kind !== 'clock_skew') return 0;
    entry.hits += 1;
    return entry.spec.skewMs;
  }

  /** The first active non-skew fault for this request; bad_signature only hits signed endpoints. */
  takeAction(target: FaultTarget): Exclude<FaultSpec, { kind: 'clock_skew' }> | undefined {
    const entry = this.find(target, (spec) => spec.kind !== 'clock_skew' && (spec.kind !== 'bad_signature' || target.signed));
    if (!entry || entry.spec.kind === 'clock_skew') return undefined;
    entry.hits += 1;
    return entry.spec;
  }

  private find(target: FaultTarget, applies: (spec: FaultSpec) => boolean): Entry | undefined {
    return this.entries.find(
      (entry) =>
        !entry.removed &&
        (entry.spec.times === undefined || entry.hits < entry.spec.times) &&
        applies(entry.spec) &&
        matches(entry.spec.match, target) &&
        (entry.spec.probability === undefined || this.random() < entry.spec.probability),
    );
  }
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== target.method) return false;
  if (match.apiKey !== undefined && match.apiKey !== target.apiKey) return false;
  if (match.path !== undefined) {
    if (typeof match.path === 'string' ? match.path !== target.path : !match.path.test(target.path)) return false;
  }
  return true;
}
