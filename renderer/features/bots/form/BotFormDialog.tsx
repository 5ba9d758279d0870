import { useId, useMemo, useState, type FormEvent } from 'react';
import { TIMEFRAMES } from '../../../../shared/domain/types';
import type { BotView } from '../../../../shared/ipc/schemas/bots';
import { formatValue } from '../../../lib/format/numbers';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { Dialog } from '../../../ui/Dialog';
import { actionRule } from '../bot-action-rules';
import { KIND_NAMES, quoteOf } from '../bot-format';
import { defaultValues, groupIssues, toBotInput, valuesFromBot, type BotFormValues } from './bot-form-state';
import { ChoiceField, FieldIssues, InputField, SelectField } from './FormField';
import { SignalBotFields } from '../../signals/SignalBotFields';
import { useSignalSources } from '../../signals/use-signal-sources';
import { COMMON_FIELDS, DcaFields, GridFields, KIND_FIELDS, RiskFields, StrategyFields } from './KindFields';
import { useBotValidation } from './use-bot-validation';
import { BotBacktestPanel } from '../backtest/BotBacktestPanel';
import { BotPresetsBar } from '../presets/BotPresetsBar';
import type { PresetSettings } from '../../../../shared/ipc/schemas/bot-presets';
import { useAccountMarkets, useSavedStrategies } from './use-form-sources';

interface BotFormDialogProps {
  /** The bot to edit; without it the dialog creates one. */
  bot?: BotView;
  onClose(): void;
  onSaved(bot: BotView): void;
}

/** Orders a minute: one decimal is what the estimate is worth ("0.7", "31.0"). */
function formatRate(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(1);
}

function initialValues(bot: BotView | undefined): BotFormValues {
  if (bot) return valuesFromBot(bot);
  const state = useStore.getState();
  const accountId = state.selectedAccountId ?? state.accounts[0]?.id ?? '';
  const symbol = state.selectedSymbol ?? 'BTC/USDT';
  const last = state.marketsAccountId === accountId ? (state.tickers[symbol]?.last ?? null) : null;
  return defaultValues(accountId, symbol, last);
}

/**
 * Create or edit a bot. Every change is checked at once against the contract (numbers, ranges),
 * then, debounced, by core against the market (`bots.validate`: precision, minimums, balance,
 * rate limits); each problem shows next to its field. Settings are locked unless the bot is stopped.
 */
export function BotFormDialog({ bot, onClose, onSaved }: BotFormDialogProps) {
  const client = useRpcClient();
  const titleId = useId();
  const marketsListId = useId();
  const accounts = useStore((state) => state.accounts);
  const liveBot = useStore((state) => (bot ? (state.botsById[bot.id] ?? bot) : null));
  const [values, setValues] = useState<BotFormValues>(() => initialValues(bot));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  // Problems show once the person changed something (or an edited bot is opened), never on a fresh form.
  const [touched, setTouched] = useState(bot !== undefined);
  const [backtesting, setBacktesting] = useState(false);
  const [presetNote, setPresetNote] = useState<string | null>(null);
  const { list: marketList, error: marketsError } = useAccountMarkets(values.accountId);
  const { strategies, error: strategiesError } = useSavedStrategies();
  const { sources: signalSources } = useSignalSources();

  const knownSymbols = useMemo(() => (marketList ? new Set(marketList.markets.map((market) => market.symbol)) : null), [marketList]);
  const form = useMemo(() => toBotInput(values, knownSymbols), [values, knownSymbols]);
  const validation = useBotValidation(form.ok ? form.input : null, bot?.id);
  const issues = form.ok ? (validation.result?.issues ?? []) : form.issues;
  const fields = new Set<string>([...COMMON_FIELDS, ...KIND_FIELDS[values.kind]]);
  if (values.kind === 'dca' && values.dca.start === 'signal') fields.add('config.strategyId');
  const grouped = groupIssues(issues, fields);
  const byField = touched ? grouped.byField : new Map<string, never[]>();
  const general = touched ? grouped.general : [];
  const blocking = issues.some((issue) => issue.severity === 'error');
  const errorCount = issues.filter((issue) => issue.severity === 'error').length;

  const locked = liveBot ? actionRule('edit', liveBot.state) : null;
  const quote = quoteOf(values.symbol) || 'quote';
  const priceStep = marketList?.markets.find((market) => market.symbol === values.symbol)?.priceStep ?? null;
  const set = (patch: Partial<BotFormValues>) => {
    setTouched(true);
    setValues((current) => ({ ...current, ...patch }));
  };

  /** Fills the form from a preset: every setting replaced, the name kept if one was typed; an account that is gone is not taken. */
  const applyPreset = (settings: PresetSettings, presetName: string) => {
    const known = accounts.some((account) => account.id === settings.accountId);
    setTouched(true);
    setValues((current) =>
      valuesFromBot({ ...settings, name: current.name || presetName, accountId: known ? settings.accountId : current.accountId }),
    );
    setPresetNote(known ? null : `The preset's account no longer exists; the bot stays on the account chosen here.`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!form.ok || blocking || saving || (locked && !locked.enabled)) return;
    setSaving(true);
    setSaveError(null);
    const call = bot ? client.call('bots.update', { id: bot.id, input: form.input }) : client.call('bots.create', form.input);
    call.then(
      (saved) => {
        setSaving(false);
        useStore.getState().applyBotViews([saved]);
        onSaved(saved);
      },
      (error: unknown) => {
        setSaving(false);
        setSaveError(describeError(error));
      },
    );
  };

  const capitalRequired = validation.result?.capitalRequired ?? null;
  const timeframes = marketList?.timeframes.length ? marketList.timeframes : TIMEFRAMES;
  const title = bot ? `Edit ${bot.name}` : 'New bot';
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={saving} className="dialog--bot-form">
      <h2 className="dialog-title" id={titleId}>
        {title}
      </h2>
      <BotPresetsBar current={form.ok ? form.input : null} onApply={applyPreset} readOnly={locked !== null && !locked.enabled} />
      {presetNote ? <p className="note note--warn">{presetNote}</p> : null}
      <form className="bot-form" onSubmit={submit} noValidate>
        {locked && !locked.enabled ? (
          <p className="note note--warn" role="status">
            {locked.reason} Its settings are shown read-only.
          </p>
        ) : null}
        {general.length > 0 ? (
          <div className="note note--error" data-testid="general-issues">
            <strong>These settings need attention:</strong>
            <FieldIssues id={`${titleId}-general`} issues={general} />
          </div>
        ) : null}
        <fieldset className="fieldset bot-form-body" disabled={(locked !== null && !locked.enabled) || saving}>
          <ChoiceField
            legend="Kind"
            path="config.kind"
            value={values.kind}
            onChange={(kind) => set({ kind })}
            issues={byField}
            options={(['grid', 'dca', 'strategy', 'signal'] as const).map((kind) => ({ value: kind, label: KIND_NAMES[kind] }))}
          />
          <div className="bot-form-grid">
            <InputField
              label="Name"
              path="name"
              inputMode="text"
              autoFocus
              value={values.name}
              onChange={(name) => set({ name })}
              issues={byField}
              placeholder="e.g. BTC range grid"
            />
            <SelectField
              label="Account"
              path="accountId"
              value={values.accountId}
              onChange={(accountId) => set({ accountId })}
              issues={byField}
              options={accounts.map((account) => ({
                value: account.id,
                label: `${account.label} · ${account.kind === 'paper' ? 'paper' : account.exchangeId}`,
              }))}
            />
            <InputField
              label="Market"
              path="symbol"
              inputMode="text"
              list={marketsListId}
              value={values.symbol}
              onChange={(symbol) => set({ symbol: symbol.toUpperCase() })}
              issues={byField}
              hint={marketsError ? `Could not load this account's markets: ${marketsError}` : 'Type to search, e.g. ETH/USDT.'}
            />
            <datalist id={marketsListId}>
              {(marketList?.markets ?? [])
                .filter((market) => market.active)
                .map((market) => (
                  <option key={market.symbol} value={market.symbol} />
                ))}
            </datalist>
            <SelectField
              label="Timeframe"
              path="timeframe"
              value={values.timeframe}
              onChange={(timeframe) => {
                const match = timeframes.find((candidate) => candidate === timeframe);
                if (match) set({ timeframe: match });
              }}
              issues={byField}
              options={timeframes.map((timeframe) => ({ value: timeframe, label: timeframe }))}
              hint="The candles it acts on."
            />
          </div>
          <ChoiceField
            legend="Mode"
            path="mode"
            value={values.mode}
            onChange={(mode) => set({ mode })}
            issues={byField}
            options={[
              { value: 'paper', label: 'Paper (simulated)' },
              { value: 'live', label: 'Live (real orders)' },
            ]}
          />
          {values.mode === 'live' ? (
            <p className="field-hint">Starting a live bot asks you to confirm the account, market and capital first.</p>
          ) : null}

          <h3 className="bot-form-section">{KIND_NAMES[values.kind]} settings</h3>
          {strategiesError && values.kind !== 'grid' ? (
            <p className="note note--error">Could not load saved strategies: {strategiesError}</p>
          ) : null}
          {values.kind === 'grid' ? (
            <GridFields
              values={values.grid}
              onChange={(patch) => set({ grid: { ...values.grid, ...patch } })}
              issues={byField}
              quote={quote}
              priceStep={priceStep}
            />
          ) : null}
          {values.kind === 'dca' ? (
            <DcaFields
              values={values.dca}
              onChange={(patch) => set({ dca: { ...values.dca, ...patch } })}
              issues={byField}
              quote={quote}
              strategies={strategies}
            />
          ) : null}
          {values.kind === 'strategy' ? (
            <StrategyFields
              values={values.strategy}
              onChange={(patch) => set({ strategy: { ...values.strategy, ...patch } })}
              issues={byField}
              quote={quote}
              strategies={strategies}
              perpetual={values.symbol.includes(':')}
            />
          ) : null}

          {values.kind === 'signal' ? (
            <SignalBotFields
              values={values.signal}
              onChange={(patch) => set({ signal: { ...values.signal, ...patch } })}
              issues={byField}
              quote={quote}
              base={values.symbol.split('/')[0] ?? ''}
              sources={signalSources}
              accountId={values.accountId}
              symbol={values.symbol}
            />
          ) : null}

          <h3 className="bot-form-section">Risk</h3>
          <RiskFields
            values={values.risk}
            onChange={(patch) => set({ risk: { ...values.risk, ...patch } })}
            issues={byField}
            quote={quote}
          />
        </fieldset>

        <dl className="bot-form-estimates num" role="status" aria-live="polite" data-testid="bot-estimates">
          <div>
            <dt>Capital required</dt>
            <dd>{capitalRequired !== null ? `${formatValue(capitalRequired, quote)} ${quote}` : '—'}</dd>
          </div>
          <div>
            <dt>Orders per minute</dt>
            <dd>{formatRate(validation.result?.ordersPerMinute ?? null)}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Check</dt>
            <dd className="bot-form-check">
              {!form.ok
                ? touched
                  ? 'Fix the highlighted settings.'
                  : 'Fill in the settings to check them.'
                : validation.checking
                  ? 'Checking against the market…'
                  : validation.error
                    ? `Could not check: ${validation.error}`
                    : blocking
                      ? `${errorCount} setting${errorCount === 1 ? ' needs' : 's need'} changing against the market: see the marked fields.`
                      : 'Settings check out.'}
            </dd>
          </div>
        </dl>
        {saveError ? (
          <p className="dialog-error" role="alert">
            {saveError}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          {values.kind === 'grid' || values.kind === 'dca' ? (
            <button type="button" className="button" aria-expanded={backtesting} onClick={() => setBacktesting((open) => !open)}>
              Backtest
            </button>
          ) : null}
          <button
            type="submit"
            className="button button--primary"
            disabled={!form.ok || blocking || saving || (locked !== null && !locked.enabled)}
          >
            {saving ? 'Saving…' : bot ? 'Save settings' : 'Create bot'}
          </button>
        </div>
      </form>
      {backtesting && (values.kind === 'grid' || values.kind === 'dca') ? (
        <BotBacktestPanel
          input={form.ok ? form.input : null}
          symbol={values.symbol}
          blockedBy={
            !form.ok
              ? 'Fix the highlighted settings first.'
              : validation.checking
                ? 'Checking the settings against the market…'
                : blocking
                  ? 'Change the settings marked above first.'
                  : null
          }
        />
      ) : null}
    </Dialog>
  );
}
