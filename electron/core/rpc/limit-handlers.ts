import { TradewindError } from '../../../shared/ipc/errors';
import type { limitMethods } from '../../../shared/ipc/schemas/trust';
import type { AccountService } from '../accounts/account-service';
import type { AuditLog } from '../audit/audit-log';
import type { LiveOrderLimits } from '../limits/live-order-limits';
import type { TrustedGate } from '../trust/trusted-gate';
import type { Handlers } from './dispatch';

type LimitHandlers = Pick<Handlers, keyof typeof limitMethods>;

const usd = (value: number) => `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} USD`;

/** Per-account limits on live orders: read freely, changed only with the host's trusted confirmation. */
export function createLimitHandlers(deps: {
  limits: LiveOrderLimits;
  accountService: AccountService;
  trust: TrustedGate;
  audit: AuditLog;
}): LimitHandlers {
  return {
    'limits.get': ({ accountId }) => deps.limits.view(deps.accountService.requireAccount(accountId).id),

    'limits.set': async ({ accountId, maxOrderNotional, maxDailyNotional, priceBandPct, confirmationCode }) => {
      const account = deps.accountService.requireAccount(accountId);
      if (account.kind !== 'live')
        throw new TradewindError('invalid_input', `"${account.label}" is a paper account: limits apply to live accounts only.`);
      const before = deps.limits.view(account.id);
      const next = {
        maxOrderNotional: maxOrderNotional ?? before.maxOrderNotional,
        maxDailyNotional: maxDailyNotional ?? before.maxDailyNotional,
        priceBandPct: priceBandPct ?? before.priceBandPct,
      };
      if (next.maxOrderNotional > next.maxDailyNotional) {
        throw new TradewindError(
          'invalid_input',
          `The limit per order (${usd(next.maxOrderNotional)}) cannot be above the limit per day (${usd(next.maxDailyNotional)}).`,
        );
      }
      const changes = [
        next.maxOrderNotional !== before.maxOrderNotional
          ? `per order ${usd(before.maxOrderNotional)} → ${usd(next.maxOrderNotional)}`
          : null,
        next.maxDailyNotional !== before.maxDailyNotional
          ? `per UTC day ${usd(before.maxDailyNotional)} → ${usd(next.maxDailyNotional)}`
          : null,
        next.priceBandPct !== before.priceBandPct ? `price band ${before.priceBandPct} % → ${next.priceBandPct} %` : null,
      ].filter((c): c is string => c !== null);
      if (changes.length === 0) return before;
      await deps.trust.require(
        {
          action: 'limits.change',
          accountId: account.id,
          title: `Change the live-order limits of "${account.label}"`,
          detail: changes.join(', '),
        },
        confirmationCode,
      );
      const saved = deps.limits.save(account.id, next);
      deps.audit.append('limits.changed', `Limits of "${account.label}": ${changes.join(', ')}`, account.id);
      return saved;
    },
  };
}
