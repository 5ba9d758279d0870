import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AccountDetail } from '../../../../shared/ipc/schemas/accounts';
import type { AccountLimits } from '../../../../shared/ipc/schemas/trust';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { formatMoney } from '../../../lib/format/numbers';
import { decimalOrNaN } from '../../../lib/number-format/number-format';
import { useHostCode } from '../../trust/use-host-code';

interface Draft {
  maxOrderNotional: string;
  maxDailyNotional: string;
  priceBandPct: string;
}

const draftOf = (limits: AccountLimits): Draft => ({
  maxOrderNotional: String(limits.maxOrderNotional),
  maxDailyNotional: String(limits.maxDailyNotional),
  priceBandPct: String(limits.priceBandPct),
});

/** The numbers typed, or the first problem in words. */
function parseDraft(
  draft: Draft,
): { values: { maxOrderNotional: number; maxDailyNotional: number; priceBandPct: number } } | { problem: string } {
  // Typed in the chosen number format ("1000,5" with a decimal comma); anything unreadable is NaN and refused below.
  const perOrder = decimalOrNaN(draft.maxOrderNotional);
  const perDay = decimalOrNaN(draft.maxDailyNotional);
  const band = decimalOrNaN(draft.priceBandPct);
  if (!Number.isFinite(perOrder) || perOrder <= 0) return { problem: 'Max per order must be a positive number of USD.' };
  if (!Number.isFinite(perDay) || perDay <= 0) return { problem: 'Max per UTC day must be a positive number of USD.' };
  if (perOrder > perDay) return { problem: 'Max per order cannot be above max per UTC day.' };
  if (!Number.isFinite(band) || band < 0.1 || band > 50) return { problem: 'Price band must be between 0.1 and 50 %.' };
  return { values: { maxOrderNotional: perOrder, maxDailyNotional: perDay, priceBandPct: band } };
}

/**
 * Core's limits on every live order of this account (ticket, brackets, bots): value per order,
 * value per UTC day, and how far through the last price a limit may go. Saving is a request the
 * host confirms (its native dialog, or the code the headless host printed).
 */
export function LiveLimitsForm({ account }: { account: AccountDetail }) {
  const client = useRpcClient();
  const hostCode = useHostCode();
  const titleId = useId();
  const ids = { order: useId(), day: useId(), band: useId() };
  const [limits, setLimits] = useState<AccountLimits | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let cancelled = false;
    client.call('limits.get', { accountId: account.id }).then(
      (loaded) => {
        if (cancelled) return;
        setLimits(loaded);
        setDraft(draftOf(loaded));
      },
      (error: unknown) => {
        if (!cancelled) setMessage({ tone: 'error', text: `Could not load the limits: ${describeError(error)}` });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, account.id]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft) return;
    const parsed = parseDraft(draft);
    if ('problem' in parsed) {
      setMessage({ tone: 'error', text: parsed.problem });
      return;
    }
    setSaving(true);
    setMessage(null);
    try {
      const saved = await hostCode.run((confirmationCode) =>
        client.call('limits.set', { accountId: account.id, ...parsed.values, ...(confirmationCode ? { confirmationCode } : {}) }),
      );
      setLimits(saved);
      setDraft(draftOf(saved));
      setMessage({ tone: 'ok', text: 'Limits saved.' });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error) });
    } finally {
      setSaving(false);
    }
  };

  const field = (id: string, label: string, key: keyof Draft, step: string) => (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--narrow num"
        type="number"
        min={0}
        step={step}
        value={draft?.[key] ?? ''}
        disabled={!draft || saving}
        onChange={(event) => draft && setDraft({ ...draft, [key]: event.target.value })}
      />
    </div>
  );

  return (
    <form className="keys-form live-limits-form" aria-labelledby={titleId} onSubmit={(event) => void onSubmit(event)} noValidate>
      <h4 className="keys-form-title" id={titleId}>
        Live order limits
      </h4>
      <p className="note">
        Core refuses any live order of this account above these, whoever sends it (ticket, brackets, bots).
        {limits ? ` Used today (UTC): ${formatMoney(limits.usedToday, 'USD')} of ${formatMoney(limits.maxDailyNotional, 'USD')}.` : ''}
        {limits?.isDefault ? ' These are the defaults.' : ''}
      </p>
      <div className="keys-form-row">
        {field(ids.order, 'Max per order (USD)', 'maxOrderNotional', '1')}
        {field(ids.day, 'Max per UTC day (USD)', 'maxDailyNotional', '1')}
        {field(ids.band, 'Price band (%)', 'priceBandPct', '0.1')}
        <button type="submit" className="button" disabled={!draft || saving}>
          {saving ? 'Waiting for the host…' : 'Save limits'}
        </button>
      </div>
      {hostCode.field}
      {message ? (
        <p className={`note note--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
