/**
 * The headless host's trusted confirmation: a one-time code printed on the host's own
 * terminal/stderr log (which a browser or a WebSocket token holder cannot read), typed back in
 * the app. Codes are 6 random digits, single-use, valid for 2 minutes, bound to the exact request
 * (action, account, wording) and guarded against guessing: 5 wrong tries burn a code, and at most
 * 10 wrong tries and 10 new codes per minute are accepted for the whole host.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { TrustedConfirmer, TrustedRequest, TrustedVerdict } from '../core/trust/trusted-confirmer';

export interface HostCodeOptions {
  /** Where the code goes: the host's own stderr. */
  print: (line: string) => void;
  now?: () => number;
  ttlMs?: number;
}

interface Pending {
  code: string;
  expiresAt: number;
  wrong: number;
}

const TTL_MS = 2 * 60_000;
const WRONG_PER_CODE = 5;
const WINDOW_MS = 60_000;
const WRONG_PER_WINDOW = 10;
const CODES_PER_WINDOW = 10;

const bindingOf = (request: TrustedRequest): string =>
  createHash('sha256')
    .update(JSON.stringify([request.action, request.accountId, request.subject ?? [request.title, request.detail]]))
    .digest('hex');

const normalise = (code: string): string => code.replace(/[^0-9]/g, '');

export class HostCodeConfirmer implements TrustedConfirmer {
  private readonly pending = new Map<string, Pending>();
  private readonly wrongAt: number[] = [];
  private readonly issuedAt: number[] = [];
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(private readonly options: HostCodeOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? TTL_MS;
  }

  confirm(request: TrustedRequest, code: string | undefined): Promise<TrustedVerdict> {
    return Promise.resolve(code === undefined ? this.issue(request) : this.check(request, code));
  }

  private issue(request: TrustedRequest): TrustedVerdict {
    const now = this.now();
    if (recent(this.issuedAt, now) >= CODES_PER_WINDOW) {
      return {
        approved: false,
        code: 'confirmation_code_invalid',
        message: 'Too many confirmation codes were asked for in the last minute: wait a minute and try again.',
      };
    }
    this.issuedAt.push(now);
    const digits = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.pending.set(bindingOf(request), { code: digits, expiresAt: now + this.ttlMs, wrong: 0 });
    const shown = `${digits.slice(0, 3)}-${digits.slice(3)}`;
    this.options.print(
      `tradewind serve: CONFIRMATION CODE ${shown} — ${request.title}: ${request.detail}. Valid ${Math.round(this.ttlMs / 60_000)} min, once. Type it in the app only if you asked for exactly this.`,
    );
    return {
      approved: false,
      code: 'confirmation_code_required',
      message: `${request.title}: ${request.detail}. Enter the code printed by the host (on the terminal or log where "tradewind serve" runs) to confirm.`,
    };
  }

  private check(request: TrustedRequest, typed: string): TrustedVerdict {
    const now = this.now();
    if (recent(this.wrongAt, now) >= WRONG_PER_WINDOW) {
      return {
        approved: false,
        code: 'confirmation_code_invalid',
        message: 'Too many wrong confirmation codes in the last minute: wait a minute, then ask for a new code.',
      };
    }
    const binding = bindingOf(request);
    const pending = this.pending.get(binding);
    if (!pending || pending.expiresAt <= now) {
      this.pending.delete(binding);
      return {
        approved: false,
        code: 'confirmation_code_invalid',
        message: `No valid code for "${request.title}" (codes expire after ${Math.round(this.ttlMs / 60_000)} min and work once): try again without a code to get a new one.`,
      };
    }
    const given = Buffer.from(normalise(typed).padEnd(6, 'x').slice(0, 6));
    if (!timingSafeEqual(given, Buffer.from(pending.code))) {
      this.wrongAt.push(now);
      pending.wrong += 1;
      const left = WRONG_PER_CODE - pending.wrong;
      if (left <= 0) this.pending.delete(binding);
      return {
        approved: false,
        code: 'confirmation_code_invalid',
        message:
          left > 0
            ? `That is not the code the host printed for "${request.title}" (${left} tries left).`
            : `Wrong code 5 times: that code is void. Try again without a code to get a new one.`,
      };
    }
    this.pending.delete(binding); // single use
    return { approved: true, how: 'with the code printed by the headless host' };
  }
}

/** Entries of the last minute (older ones are dropped). */
function recent(times: number[], now: number): number {
  while (times.length > 0 && (times[0] as number) <= now - WINDOW_MS) times.shift();
  return times.length;
}
