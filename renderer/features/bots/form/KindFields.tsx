import type { BotIssue } from '../../../../shared/ipc/schemas/bots';
import type { StrategySummary } from '../../../../shared/ipc/schemas/strategies';
import { formatPercent, formatPrice } from '../../../lib/format/numbers';
import { decimalOrNaN } from '../../../lib/number-format/number-format';
import type { DcaValues, GridValues, RiskValues, StrategyValues } from './bot-form-state';
import { CheckField, ChoiceField, InputField, SelectField } from './FormField';
import { gridLevels, gridStepPct } from './grid-preview';
import { PERPETUAL_STRATEGY_NOTE } from '../bot-format';

type Issues = ReadonlyMap<string, BotIssue[]>;

export function GridFields({
  values,
  onChange,
  issues,
  quote,
  priceStep,
}: {
  values: GridValues;
  onChange(patch: Partial<GridValues>): void;
  issues: Issues;
  quote: string;
  priceStep: number | null;
}) {
  // The preview reads the bounds as the form does (decimal comma or point); unreadable → no preview.
  const levels = gridLevels(decimalOrNaN(values.lower), decimalOrNaN(values.upper), decimalOrNaN(values.levels), values.spacing);
  const step = gridStepPct(levels);
  return (
    <>
      <div className="bot-form-grid">
        <InputField
          label="Lower price"
          unit={quote}
          path="config.lower"
          value={values.lower}
          onChange={(lower) => onChange({ lower })}
          issues={issues}
        />
        <InputField
          label="Upper price"
          unit={quote}
          path="config.upper"
          value={values.upper}
          onChange={(upper) => onChange({ upper })}
          issues={issues}
        />
        <InputField
          label="Levels"
          path="config.levels"
          inputMode="numeric"
          value={values.levels}
          onChange={(levelsText) => onChange({ levels: levelsText })}
          issues={issues}
          hint="Both bounds included (3–200)."
        />
        <InputField
          label="Investment"
          unit={quote}
          path="config.investment"
          value={values.investment}
          onChange={(investment) => onChange({ investment })}
          issues={issues}
        />
        <InputField
          label="Stop-loss"
          unit="optional"
          path="config.stopLoss"
          value={values.stopLoss}
          onChange={(stopLoss) => onChange({ stopLoss })}
          issues={issues}
          hint="Closes the grid when price trades at or below it."
        />
        <InputField
          label="Take-profit"
          unit="optional"
          path="config.takeProfit"
          value={values.takeProfit}
          onChange={(takeProfit) => onChange({ takeProfit })}
          issues={issues}
          hint="Closes the grid when price trades at or above it."
        />
      </div>
      <ChoiceField
        legend="Spacing"
        path="config.spacing"
        value={values.spacing}
        onChange={(spacing) => onChange({ spacing })}
        issues={issues}
        options={[
          { value: 'arithmetic', label: 'Arithmetic (equal price steps)' },
          { value: 'geometric', label: 'Geometric (equal % steps)' },
        ]}
      />
      {levels.length > 0 ? (
        <section className="bot-grid-preview" aria-label="Grid preview">
          <p className="field-hint">
            {levels.length} levels
            {step
              ? `, ${formatPercent(step.min).replace('+', '')}${Math.abs(step.max - step.min) > 0.005 ? ` – ${formatPercent(step.max).replace('+', '')}` : ''} per step before fees`
              : ''}
            :
          </p>
          <ol className="bot-grid-levels num" data-testid="grid-preview">
            {[...levels].reverse().map((price, index) => (
              <li key={index}>{formatPrice(price, priceStep)}</li>
            ))}
          </ol>
        </section>
      ) : null}
      {issues.has('config.acceptFeeLoss') || values.acceptFeeLoss ? (
        <CheckField
          label="Run it anyway: I accept that every cycle loses money to fees"
          path="config.acceptFeeLoss"
          checked={values.acceptFeeLoss}
          onChange={(acceptFeeLoss) => onChange({ acceptFeeLoss })}
          issues={issues}
        />
      ) : null}
    </>
  );
}

function strategyOptions(strategies: readonly StrategySummary[], none: string) {
  return [
    { value: '', label: none },
    ...strategies.map((strategy) => ({
      value: strategy.id,
      label: strategy.errors > 0 ? `${strategy.name} (${strategy.errors} problem${strategy.errors === 1 ? '' : 's'})` : strategy.name,
    })),
  ];
}

export function DcaFields({
  values,
  onChange,
  issues,
  quote,
  strategies,
}: {
  values: DcaValues;
  onChange(patch: Partial<DcaValues>): void;
  issues: Issues;
  quote: string;
  strategies: readonly StrategySummary[];
}) {
  return (
    <>
      <div className="bot-form-grid">
        <InputField
          label="Base order"
          unit={quote}
          path="config.baseOrder"
          value={values.baseOrder}
          onChange={(baseOrder) => onChange({ baseOrder })}
          issues={issues}
        />
        <InputField
          label="Safety order"
          unit={quote}
          path="config.safetyOrder"
          value={values.safetyOrder}
          onChange={(safetyOrder) => onChange({ safetyOrder })}
          issues={issues}
        />
        <InputField
          label="Safety orders"
          path="config.safetyOrders"
          inputMode="numeric"
          value={values.safetyOrders}
          onChange={(safetyOrders) => onChange({ safetyOrders })}
          issues={issues}
          hint="How many (0–25)."
        />
        <InputField
          label="Price deviation"
          unit="%"
          path="config.priceDeviationPct"
          value={values.priceDeviationPct}
          onChange={(priceDeviationPct) => onChange({ priceDeviationPct })}
          issues={issues}
          hint="Below the first price, for the first safety order."
        />
        <InputField
          label="Step scale"
          path="config.stepScale"
          value={values.stepScale}
          onChange={(stepScale) => onChange({ stepScale })}
          issues={issues}
        />
        <InputField
          label="Volume scale"
          path="config.volumeScale"
          value={values.volumeScale}
          onChange={(volumeScale) => onChange({ volumeScale })}
          issues={issues}
        />
        <InputField
          label="Take-profit"
          unit="%"
          path="config.takeProfitPct"
          value={values.takeProfitPct}
          onChange={(takeProfitPct) => onChange({ takeProfitPct })}
          issues={issues}
        />
        <InputField
          label="Max active deals"
          path="config.maxActiveDeals"
          inputMode="numeric"
          value={values.maxActiveDeals}
          onChange={(maxActiveDeals) => onChange({ maxActiveDeals })}
          issues={issues}
        />
      </div>
      <ChoiceField
        legend="Open a deal"
        path="config.start"
        value={values.start}
        onChange={(start) => onChange({ start })}
        issues={issues}
        options={[
          { value: 'immediately', label: 'Immediately' },
          { value: 'signal', label: 'On a strategy signal' },
        ]}
      />
      {values.start === 'signal' ? (
        <SelectField
          label="Signal strategy"
          path="config.strategyId"
          value={values.strategyId}
          onChange={(strategyId) => onChange({ strategyId })}
          issues={issues}
          options={strategyOptions(strategies, strategies.length === 0 ? 'No saved strategies yet' : 'Pick a strategy…')}
        />
      ) : null}
    </>
  );
}

export function StrategyFields({
  values,
  onChange,
  issues,
  quote,
  strategies,
  perpetual = false,
}: {
  values: StrategyValues;
  onChange(patch: Partial<StrategyValues>): void;
  issues: Issues;
  quote: string;
  strategies: readonly StrategySummary[];
  /** The bot's market is a perpetual swap (a USDT perpetuals account): say how shorts, leverage and funding go. */
  perpetual?: boolean;
}) {
  return (
    <div className="bot-form-grid">
      {perpetual ? (
        <p className="note bot-form-wide" data-testid="perpetual-note">
          {PERPETUAL_STRATEGY_NOTE}
        </p>
      ) : null}
      <SelectField
        label="Strategy"
        path="config.strategyId"
        value={values.strategyId}
        onChange={(strategyId) => onChange({ strategyId })}
        issues={issues}
        options={strategyOptions(strategies, strategies.length === 0 ? 'No saved strategies yet' : 'Pick a strategy…')}
        hint={
          strategies.length === 0
            ? 'Build and save one in the Strategies workspace (Alt+5).'
            : 'Its entry and exit signals drive the bot on each candle close.'
        }
      />
      <InputField
        label="Capital per entry"
        unit={quote}
        path="config.capital"
        value={values.capital}
        onChange={(capital) => onChange({ capital })}
        issues={issues}
      />
      <SelectField
        label="Retrain models"
        path="config.retrain.every"
        value={values.retrainEvery}
        onChange={(every) => onChange({ retrainEvery: every as StrategyValues['retrainEvery'] })}
        issues={issues}
        options={[
          { value: 'never', label: 'Never (keep the pinned version)' },
          { value: 'bars', label: 'Every N closed bars' },
          { value: 'hours', label: 'Every N hours' },
          { value: 'days', label: 'Every N days' },
        ]}
        hint="Model blocks trained here retrain on the newest bars in the background; the bot trades on its version until a retrain succeeds."
      />
      {values.retrainEvery !== 'never' && (
        <InputField
          label="Retrain every"
          unit={values.retrainEvery}
          path="config.retrain.n"
          value={values.retrainN}
          onChange={(retrainN) => onChange({ retrainN })}
          issues={issues}
        />
      )}
    </div>
  );
}

export function RiskFields({
  values,
  onChange,
  issues,
  quote,
}: {
  values: RiskValues;
  onChange(patch: Partial<RiskValues>): void;
  issues: Issues;
  quote: string;
}) {
  return (
    <div className="bot-form-grid">
      <InputField
        label="Capital cap"
        unit={quote}
        path="risk.capitalCap"
        value={values.capitalCap}
        onChange={(capitalCap) => onChange({ capitalCap })}
        issues={issues}
        hint="Most it may commit at once: open buys plus the cost of the coins it holds."
      />
      <InputField
        label="Max open orders"
        path="risk.maxOpenOrders"
        inputMode="numeric"
        value={values.maxOpenOrders}
        onChange={(maxOpenOrders) => onChange({ maxOpenOrders })}
        issues={issues}
      />
      <InputField
        label="Max daily loss"
        unit={`${quote}, optional`}
        path="risk.maxDailyLoss"
        value={values.maxDailyLoss}
        onChange={(maxDailyLoss) => onChange({ maxDailyLoss })}
        issues={issues}
        hint="The bot stops and notifies you when it loses this much in a UTC day."
      />
    </div>
  );
}

/** The setting paths each kind's form shows: issues for other paths are listed at the top. */
export const COMMON_FIELDS = [
  'name',
  'accountId',
  'symbol',
  'timeframe',
  'mode',
  'risk.capitalCap',
  'risk.maxOpenOrders',
  'risk.maxDailyLoss',
] as const;
export const KIND_FIELDS = {
  grid: [
    'config.lower',
    'config.upper',
    'config.levels',
    'config.spacing',
    'config.investment',
    'config.stopLoss',
    'config.takeProfit',
    'config.acceptFeeLoss',
  ],
  dca: [
    'config.baseOrder',
    'config.safetyOrder',
    'config.safetyOrders',
    'config.priceDeviationPct',
    'config.stepScale',
    'config.volumeScale',
    'config.takeProfitPct',
    'config.maxActiveDeals',
    'config.start',
  ],
  strategy: ['config.strategyId', 'config.capital', 'config.retrain.every', 'config.retrain.n'],
  signal: ['config.sourceId', 'config.size.unit', 'config.size.value', 'config.maxOpenDeals', 'config.useSignalSize'],
} as const;
