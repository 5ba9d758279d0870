import { TradewindError } from '../../../shared/ipc/errors';
import type { AuditLog } from '../audit/audit-log';
import type { TrustedConfirmer, TrustedRequest, TrustedVerdict } from './trusted-confirmer';

/** A dialog left unanswered this long is a refusal (the action is never done by default). */
export const DEFAULT_TRUSTED_TIMEOUT_MS = 5 * 60_000;

/**
 * The one door for weakening actions: asks the host's confirmer, bounds the wait, writes the
 * outcome to the audit log and throws the refusal with its code. Callers run the action only
 * after `require` returned.
 */
export class TrustedGate {
  constructor(
    private readonly confirmer: TrustedConfirmer,
    private readonly audit: AuditLog,
    private readonly timeoutMs = DEFAULT_TRUSTED_TIMEOUT_MS,
  ) {}

  async require(request: TrustedRequest, code: string | undefined): Promise<void> {
    const verdict = await this.ask(request, code);
    if (verdict.approved) {
      this.audit.append('trust.approved', `${request.title} — ${request.detail} (confirmed ${verdict.how})`, request.accountId);
      return;
    }
    // A printed code is the start of a confirmation, not a refusal: only the outcome is logged.
    if (verdict.code !== 'confirmation_code_required') {
      this.audit.append('trust.denied', `${request.title} — ${request.detail}: ${verdict.message}`, request.accountId);
    }
    throw new TradewindError(verdict.code, verdict.message);
  }

  private ask(request: TrustedRequest, code: string | undefined): Promise<TrustedVerdict> {
    return new Promise<TrustedVerdict>((resolve) => {
      const timer = setTimeout(() => {
        resolve({
          approved: false,
          code: 'confirmation_denied',
          message: `${request.title} was not confirmed within ${Math.round(this.timeoutMs / 1000)} s, so it was not done.`,
        });
      }, this.timeoutMs);
      this.confirmer.confirm(request, code).then(
        (verdict) => {
          clearTimeout(timer);
          resolve(verdict);
        },
        (error: unknown) => {
          clearTimeout(timer);
          resolve({
            approved: false,
            code: 'confirmation_denied',
            message: `${request.title} could not be confirmed (${error instanceof Error ? error.message : String(error)}), so it was not done.`,
          });
        },
      );
    });
  }
}
