import { useId, useState, type ChangeEvent } from 'react';
import type { RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { formatForInput } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { defaultIndexValues, indexBotInput, readIndexForm, valuesFromIndexBot, type FormErrors, type IndexFormValues } from './basket-form';
import { PlanTable } from './PlanTable';
import { WeightBars } from './WeightBars';

/**
 * A new index bot: the basket typed by hand, imported from a JSON file, or the "top N" preset
 * (ranked by 24 h quote volume: ccxt's market data has no market cap), its triggers and cap;
 * "Preview plan" shows exactly what the first round would send before anything is saved.
 */
export function IndexForm({
  editing,
  onCreated,
  onCancel,
}: {
  /** A stopped index bot whose settings change (its account stays). */
  editing?: BotView;
  onCreated(botId: string): void;
  onCancel(): void;
}) {
  const client = useRpcClient();
  const previewId = useId();
  const titleId = useId();
  useDecimalSeparator();
  const accounts = useStore((state) => state.accounts);
  const selected = useStore((state) => state.selectedAccountId);
  const [values, setValues] = useState<IndexFormValues>(() =>
    editing ? valuesFromIndexBot(editing) : defaultIndexValues(selected ?? accounts[0]?.id ?? ''),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [topN, setTopN] = useState('5');
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [plan, setPlan] = useState<{ plan: RebalancePlan; driftPct: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<IndexFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setPlan(null);
  };
  const setRow = (i: number, patch: Partial<IndexFormValues['rows'][number]>) =>
    set({ rows: values.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void run(async () => {
      const text = await file.text();
      const basket = await client.call('index.importBasket', { accountId: values.accountId, text, quote: values.quote.trim() || 'USDT' });
      set({
        ...(basket.name ? { name: basket.name } : {}),
        ...(basket.quote ? { quote: basket.quote } : {}),
        rows: basket.assets.map((e) => ({ asset: e.asset, weight: formatForInput(e.weight) })),
      });
      setNote(`Imported ${basket.assets.length} assets from ${file.name}.`);
    });
  };

  const applyTopN = () =>
    void run(async () => {
      const n = Number.parseInt(topN, 10);
      if (!(n >= 1 && n <= 50)) throw new Error('Top N: type a whole number from 1 to 50.');
      const preset = await client.call('index.topN', {
        accountId: values.accountId,
        quote: values.quote.trim().toUpperCase() || 'USDT',
        n,
      });
      set({ rows: preset.assets.map((a) => ({ asset: a.asset, weight: formatForInput(a.weight) })) });
      setNote(
        `Top ${preset.assets.length} ${preset.quote} markets by 24 h quote volume (the venue publishes no market cap), equal weight. Edit the list before you use it.`,
      );
    });

  const read = () => {
    const result = readIndexForm(values);
    setErrors(result.ok ? {} : result.errors);
    return result;
  };

  const preview = () => {
    const result = read();
    if (!result.ok) return;
    void run(async () => {
      const next = await client.call('index.preview', {
        accountId: values.accountId,
        config: result.config,
        capitalCap: result.capitalCap,
      });
      setPlan({ plan: next, driftPct: result.config.driftPct });
    });
  };

  const create = () => {
    const result = read();
    const account = accounts.find((a) => a.id === values.accountId);
    if (!result.ok || !account) return;
    void run(async () => {
      const input = indexBotInput(values, result, account, editing);
      const bot = editing ? await client.call('bots.update', { id: editing.id, input }) : await client.call('bots.create', input);
      onCreated(bot.id);
    });
  };

  return (
    <form className="index-form" aria-labelledby={titleId} onSubmit={(e) => e.preventDefault()}>
      <h3 id={titleId} className="index-form-title">
        {editing ? `Edit ${editing.name}` : 'New index bot'}
      </h3>
      <div className="index-form-grid">
        <label className="field-label">
          Bot name
          <input className="input" aria-label="Bot name" value={values.name} onChange={(e) => set({ name: e.target.value })} />
          {errors.name ? <span className="field-error">{errors.name}</span> : null}
        </label>
        <label className="field-label">
          Account
          <select
            className="input"
            aria-label="Account"
            value={values.accountId}
            disabled={editing !== undefined}
            onChange={(e) => set({ accountId: e.target.value })}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label} · {a.kind === 'paper' ? 'paper' : a.exchangeId}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label">
          Quote currency
          <input className="input" aria-label="Quote currency" value={values.quote} onChange={(e) => set({ quote: e.target.value })} />
          {errors.quote ? <span className="field-error">{errors.quote}</span> : null}
        </label>
      </div>

      <fieldset className="index-basket">
        <legend>Basket (weights in %, the quote may hold a cash weight)</legend>
        {values.rows.map((row, i) => (
          <div className="index-basket-row" key={i}>
            <input
              className="input"
              aria-label={`Asset ${i + 1}`}
              value={row.asset}
              onChange={(e) => setRow(i, { asset: e.target.value })}
            />
            <input
              className="input num"
              inputMode="decimal"
              aria-label={`Weight of asset ${i + 1} (%)`}
              value={row.weight}
              onChange={(e) => setRow(i, { weight: e.target.value })}
            />
            <button
              type="button"
              className="button"
              aria-label={`Remove asset ${i + 1}`}
              onClick={() => set({ rows: values.rows.filter((_, k) => k !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        {errors.basket ? (
          <p className="field-error" role="alert">
            {errors.basket}
          </p>
        ) : null}
        <div className="index-basket-tools">
          <button type="button" className="button" onClick={() => set({ rows: [...values.rows, { asset: '', weight: '' }] })}>
            Add asset
          </button>
          <label className="button index-file">
            Import JSON…
            <input type="file" accept="application/json,.json" aria-label="Import basket from a JSON file" onChange={importFile} />
          </label>
          <label className="field-label index-inline">
            Top N
            <input className="input num" aria-label="Top N" value={topN} onChange={(e) => setTopN(e.target.value)} />
          </label>
          <button type="button" className="button" onClick={applyTopN} disabled={busy}>
            Top N by volume, equal weight
          </button>
        </div>
        {note ? <p className="index-note">{note}</p> : null}
      </fieldset>

      <div className="index-form-grid">
        <label className="field-label">
          Drift threshold (pp, empty = off)
          <input
            className="input num"
            aria-label="Drift threshold (pp)"
            value={values.driftPct}
            onChange={(e) => set({ driftPct: e.target.value })}
          />
          {errors.driftPct ? <span className="field-error">{errors.driftPct}</span> : null}
        </label>
        <label className="field-label">
          Every N hours (empty = off)
          <input
            className="input num"
            aria-label="Rebalance every (hours)"
            value={values.intervalHours}
            onChange={(e) => set({ intervalHours: e.target.value })}
          />
          {errors.intervalHours ? <span className="field-error">{errors.intervalHours}</span> : null}
        </label>
        <label className="field-label">
          Minimum trade ({values.quote || 'quote'})
          <input
            className="input num"
            aria-label="Minimum trade"
            value={values.minTrade}
            onChange={(e) => set({ minTrade: e.target.value })}
          />
          {errors.minTrade ? <span className="field-error">{errors.minTrade}</span> : null}
        </label>
        <label className="field-label">
          Capital cap ({values.quote || 'quote'})
          <input
            className="input num"
            aria-label="Capital cap"
            value={values.capitalCap}
            onChange={(e) => set({ capitalCap: e.target.value })}
          />
          {errors.capitalCap ? <span className="field-error">{errors.capitalCap}</span> : null}
        </label>
      </div>
      {failure ? (
        <p className="field-error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="index-form-actions">
        <button type="button" className="button" onClick={preview} disabled={busy}>
          Preview plan
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={create}
          disabled={busy || plan === null}
          title={plan === null ? 'Preview the plan first' : undefined}
        >
          {editing ? 'Save changes' : 'Create bot'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {plan ? (
        <section aria-labelledby={previewId}>
          <h3 id={previewId} className="index-caption">
            Plan preview
          </h3>
          <WeightBars assets={plan.plan.assets} driftPct={plan.driftPct} />
          <PlanTable plan={plan.plan} caption="First round if started now" />
        </section>
      ) : null}
    </form>
  );
}
