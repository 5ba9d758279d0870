import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MarketRulesView, OrderSide, OrderType, TicketIssue } from '../../../shared/ipc/schemas/orders';
import { decimalsForPrice, decimalsForStep, formatAmount, formatPercent, formatPrice } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { formatForInput } from '../../lib/number-format/number-format';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { useStore } from '../../store';
import { NumberFormatSwitch } from '../settings/NumberFormatSwitch';
import { PanelMessage } from '../../ui/PanelMessage';
import { BracketFields } from './BracketFields';
import { ConfirmOrderDialog, type ConfirmRow } from './ConfirmOrderDialog';
import { LiveConfirmToggle } from './LiveConfirmToggle';
import {
  EMPTY_BRACKET,
  EMPTY_TICKET,
  PERCENTS,
  bracketProblems,
  buildBracketInput,
  buildTicket,
  entryTicket,
  farFromMarket,
  missingField,
  needsPrice,
  needsStop,
  parsePositive,
  type BracketForm,
  type TicketForm,
} from './ticket-input';
import { loadTicketDraft, saveTicketDraft } from './ticket-draft';
import { TicketIssues } from './TicketIssues';
import { readLastPrice, TicketLastPrice } from './TicketLastPrice';
import { useTicketShortcuts } from './use-ticket-shortcuts';
import { useOrderPreview } from './use-order-preview';
import './ticket.css';
import { useLinkedSymbol } from '../dock/panel-context';

type Mode = 'order' | 'bracket';

const TYPE_LABELS: Record<OrderType, string> = {
  market: 'Market',
  limit: 'Limit',
  stop_limit: 'Stop-limit',
  stop_market: 'Stop-market',
};

type Spot = 'price' | 'stopPrice' | 'size' | 'general' | 'bracket';

const FIELD_SPOTS: Record<TicketIssue['field'], Spot> = {
  account: 'general',
  symbol: 'general',
  type: 'general',
  size: 'size',
  balance: 'size',
  price: 'price',
  stopPrice: 'stopPrice',
  targets: 'bracket',
  stopLoss: 'bracket',
  trailing: 'bracket',
};

const levelText = (value: string, mode: 'price' | 'percent', quote: string) => (mode === 'price' ? `${value} ${quote}` : `${value} %`);

/** The exit legs of a smart trade, for the confirmation dialog. */
function bracketRows(bracket: BracketForm, quote: string): ConfirmRow[] {
  const targets = bracket.targets
    .filter((target) => target.value.trim() !== '')
    .map((target, index) => `TP${index + 1} ${levelText(target.value.trim(), target.mode, quote)} · ${target.share.trim()} %`);
  return [
    { label: 'Targets', value: targets.length > 0 ? targets.join(', ') : 'None' },
    { label: 'Stop-loss', value: bracket.stopLoss.trim() ? levelText(bracket.stopLoss.trim(), bracket.stopLossMode, quote) : 'None' },
    { label: 'Trailing stop', value: bracket.trailing.trim() ? `${bracket.trailing.trim()} % callback` : 'None' },
  ];
}

/**
 * The order ticket of the selected account and market: market, limit, stop orders and smart
 * (bracket) trades. Core previews every change (sizing, rounding, limits, fee) and nothing is sent
 * while it reports an issue; live accounts confirm in a dialog unless turned off for the account.
 */
export function TicketPanel() {
  const client = useRpcClient();
  const accountId = useStore((state) => state.selectedAccountId);
  const account = useStore((state) => state.accounts.find((candidate) => candidate.id === state.selectedAccountId));
  const linkedSymbol = useLinkedSymbol();
  const symbol = useStore((state) =>
    linkedSymbol !== null && state.marketsAccountId === state.selectedAccountId && state.marketsBySymbol[linkedSymbol]
      ? linkedSymbol
      : null,
  );
  const market = useStore((state) => (symbol ? state.marketsBySymbol[symbol] : undefined));
  // Only whether there is a last price: the panel must not re-render with every ticker.
  const hasLast = useStore((state) => symbol !== null && (state.tickers[symbol]?.last ?? null) !== null);

  // Typed numbers are read in this format: a change re-reads the fields.
  const decimalSeparator = useDecimalSeparator();
  // A reload comes back to what was typed for this account and market (ticket-draft.ts).
  const [mode, setMode] = useState<Mode>(() => loadTicketDraft(accountId, symbol)?.mode ?? 'order');
  const [form, setForm] = useState<TicketForm>(() => loadTicketDraft(accountId, symbol)?.form ?? EMPTY_TICKET);
  const [bracket, setBracket] = useState<BracketForm>(() => loadTicketDraft(accountId, symbol)?.bracket ?? EMPTY_BRACKET);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [placeError, setPlaceError] = useState<string | null>(null);
  const [placed, setPlaced] = useState<string | null>(null);
  const buyRef = useRef<HTMLButtonElement | null>(null);
  const sellRef = useRef<HTMLButtonElement | null>(null);
  const reasonId = useId();
  const titleId = useId();
  const typeId = useId();

  const base = market?.base ?? 'base';
  const quote = market?.quote ?? 'quote';
  const ticket =
    accountId && symbol ? (mode === 'order' ? buildTicket(form, accountId, symbol) : entryTicket(form, bracket, accountId, symbol)) : null;
  const { preview, error: previewError, pending, refresh } = useOrderPreview(ticket);
  const problems = mode === 'bracket' ? bracketProblems(bracket) : [];
  const effectiveType: OrderType = mode === 'order' ? form.type : bracket.entryType;
  // The market's rules from the latest preview, kept while the next one is pending.
  const [rules, setRules] = useState<{ symbol: string; market: MarketRulesView } | null>(null);
  if (preview?.market && preview.symbol === symbol && rules?.market !== preview.market)
    setRules({ symbol: preview.symbol, market: preview.market });
  const knownRules = rules && rules.symbol === symbol ? rules.market : null;
  const stopMarket = knownRules?.stopMarket ?? false;
  const stopLimit = knownRules?.stopLimit ?? true;

  // The form is per market: a price typed for BTC means nothing for ETH.
  const [formFor, setFormFor] = useState(`${accountId}\n${symbol}`);
  if (formFor !== `${accountId}\n${symbol}`) {
    setFormFor(`${accountId}\n${symbol}`);
    const draft = loadTicketDraft(accountId, symbol);
    if (draft) {
      setMode(draft.mode);
      setForm(draft.form);
      setBracket(draft.bracket);
    } else {
      setForm((current) => ({ ...EMPTY_TICKET, side: current.side, type: current.type }));
      setBracket(EMPTY_BRACKET);
    }
    setPlaced(null);
    setPlaceError(null);
  }

  useEffect(() => {
    // Only once the form belongs to this market: the render that switched markets still holds the old one.
    if (accountId && symbol && formFor === `${accountId}\n${symbol}`) saveTicketDraft({ accountId, symbol, mode, form, bracket });
  }, [accountId, symbol, formFor, mode, form, bracket]);

  const issues = preview?.issues ?? [];
  // Core's price for the estimate; the live last price stands in until it has one.
  const quotedPrice = preview?.price ?? preview?.referencePrice ?? null;
  const spot = (name: Spot) => issues.filter((issue) => FIELD_SPOTS[issue.field] === name);
  const missing = mode === 'order' ? missingField(form) : missingField({ ...form, type: bracket.entryType, stopPrice: '' });
  const reason =
    missing ?? problems[0]?.message ?? issues[0]?.message ?? previewError ?? (pending || !preview ? 'Checking the order…' : null);
  // An issue or problem is already shown next to its field: the reason stays for screen readers only.
  const reasonShownAbove = missing === null && (problems.length > 0 || issues.length > 0 || previewError !== null);
  const canSubmit = !busy && reason === null && preview !== null && preview.valid;
  // Read at render (form edits), not per tick: the warning is about what was typed.
  const priceWarning =
    needsPrice(effectiveType) && symbol ? farFromMarket(parsePositive(form.price), readLastPrice(symbol), market?.priceStep ?? null) : null;

  const update = (patch: Partial<TicketForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setPlaced(null);
    setPlaceError(null);
  };

  const send = (confirmed: boolean) => {
    if (!accountId || !symbol || !ticket) return;
    setBusy(true);
    setPlaceError(null);
    const request =
      mode === 'order'
        ? client
            .call('orders.place', confirmed ? { ...ticket, confirmed } : ticket)
            .then(
              (order) =>
                `${order.side === 'buy' ? 'Buy' : 'Sell'} ${formatAmount(order.amount)} ${base} ${TYPE_LABELS[order.type].toLowerCase()} order ${order.status.replace('_', ' ')}.`,
            )
        : (() => {
            const input = buildBracketInput(form, bracket, accountId, symbol, confirmed ? true : undefined);
            if (!input) return Promise.reject(new Error('Complete the smart trade first.'));
            return client
              .call('brackets.place', input)
              .then((view) => `Smart ${view.side} of ${formatAmount(view.entry.amount)} ${base} placed.`);
          })();
    request.then(
      (message) => {
        setBusy(false);
        setConfirming(false);
        setPlaced(message);
        setForm((current) => ({ ...current, amount: '', percent: null }));
      },
      (error: unknown) => {
        setBusy(false);
        setPlaceError(describeError(error));
      },
    );
  };

  const submit = () => {
    if (!canSubmit || confirming) return;
    if (preview.requiresConfirmation) {
      setPlaceError(null);
      setConfirming(true);
    } else {
      send(false);
    }
  };

  const clear = () => {
    setForm((current) => ({ ...current, amount: '', percent: null }));
    setPlaced(null);
    setPlaceError(null);
  };

  const chooseSide = (side: OrderSide) => {
    update({ side });
    (side === 'buy' ? buyRef : sellRef).current?.focus();
  };
  useTicketShortcuts({ onSide: chooseSide });

  const onFormKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      clear();
    } else if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type !== 'checkbox') {
      event.preventDefault();
      submit();
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  if (!accountId || !symbol || !market) {
    return (
      <section className="panel ticket-panel" aria-labelledby={titleId}>
        <header className="panel-header">
          <h2 className="panel-title" id={titleId}>
            Order ticket
          </h2>
        </header>
        <PanelMessage>Select a market to trade it.</PanelMessage>
      </section>
    );
  }

  const sideLabel = form.side === 'buy' ? 'Buy' : 'Sell';
  const submitLabel = mode === 'order' ? `${sideLabel} ${base}` : `Smart ${form.side} ${base}`;
  // Stop orders are offered where the exchange has them; a type chosen on another market stays
  // listed so core's "unsupported" issue can say why it cannot be sent.
  const typeOptions = (['market', 'limit', 'stop_limit', 'stop_market'] as const).filter(
    (type) => type === form.type || (type === 'stop_limit' ? stopLimit : type === 'stop_market' ? stopMarket : true),
  );
  const confirmRows: ConfirmRow[] = preview
    ? [
        { label: 'Account', value: account?.label ?? accountId },
        { label: 'Market', value: symbol },
        { label: 'Side', value: `${sideLabel}${mode === 'bracket' ? ' (smart trade)' : ''}` },
        { label: 'Type', value: TYPE_LABELS[preview.type] },
        { label: 'Amount', value: `${formatAmount(preview.amount)} ${base}` },
        {
          label: 'Price',
          value:
            preview.price !== null
              ? `${formatPrice(preview.price, market.priceStep)} ${quote}`
              : `Market (≈ ${formatPrice(preview.referencePrice, market.priceStep)} ${quote})`,
        },
        ...(preview.stopPrice !== null
          ? [{ label: 'Stop price', value: `${formatPrice(preview.stopPrice, market.priceStep)} ${quote}` }]
          : []),
        { label: 'Total', value: `${formatAmount(preview.cost)} ${quote}` },
        { label: 'Fee', value: preview.fee ? `${formatAmount(preview.fee.amount)} ${preview.fee.asset}` : '—' },
        ...(mode === 'bracket' ? bracketRows(bracket, quote) : []),
      ]
    : [];

  return (
    <section className="panel ticket-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 className="panel-title" id={titleId}>
          Order ticket
        </h2>
        <div className="ticket-modes" role="group" aria-label="Ticket mode">
          <button type="button" className="ticket-mode" aria-pressed={mode === 'order'} onClick={() => setMode('order')}>
            Order
          </button>
          <button type="button" className="ticket-mode" aria-pressed={mode === 'bracket'} onClick={() => setMode('bracket')}>
            Smart trade
          </button>
        </div>
      </header>
      <form className="ticket-form" aria-label={`${sideLabel} ${symbol}`} onSubmit={onSubmit} onKeyDown={onFormKeyDown} noValidate>
        <div className="ticket-sides" role="group" aria-label="Side">
          <button
            ref={buyRef}
            type="button"
            className="ticket-side ticket-side--buy"
            aria-pressed={form.side === 'buy'}
            onClick={() => update({ side: 'buy' })}
          >
            Buy
          </button>
          <button
            ref={sellRef}
            type="button"
            className="ticket-side ticket-side--sell"
            aria-pressed={form.side === 'sell'}
            onClick={() => update({ side: 'sell' })}
          >
            Sell
          </button>
        </div>
        {mode === 'order' ? (
          <div className="field">
            <label className="field-label" htmlFor={typeId}>
              Order type
            </label>
            <select
              id={typeId}
              className="select"
              value={form.type}
              onChange={(event) => update({ type: event.target.value as OrderType })}
            >
              {typeOptions.map((type) => (
                <option key={type} value={type}>
                  {TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label className="field-label" htmlFor={typeId}>
              Entry type
            </label>
            <select
              id={typeId}
              className="select"
              value={bracket.entryType}
              onChange={(event) => setBracket({ ...bracket, entryType: event.target.value === 'limit' ? 'limit' : 'market' })}
            >
              <option value="market">Market</option>
              <option value="limit">Limit</option>
            </select>
          </div>
        )}
        {needsStop(effectiveType) ? (
          <>
            <label className="field">
              <span className="field-label">Stop price</span>
              <input
                className="input num"
                inputMode="decimal"
                value={form.stopPrice}
                onChange={(event) => update({ stopPrice: event.target.value })}
              />
            </label>
            <TicketIssues issues={spot('stopPrice')} />
          </>
        ) : null}
        {needsPrice(effectiveType) ? (
          <>
            <div className="ticket-row">
              <label className="field ticket-grow">
                <span className="field-label">{mode === 'order' ? 'Price' : 'Entry price'}</span>
                <input
                  className="input num"
                  inputMode="decimal"
                  value={form.price}
                  onChange={(event) => update({ price: event.target.value })}
                />
              </label>
              <button
                type="button"
                className="button"
                disabled={!hasLast}
                onClick={() => {
                  const last = symbol ? readLastPrice(symbol) : null;
                  update({
                    price:
                      last === null
                        ? ''
                        : formatForInput(last, decimalSeparator, decimalsForStep(market.priceStep) ?? decimalsForPrice(last)),
                  });
                }}
              >
                Last
              </button>
            </div>
            <TicketIssues issues={spot('price')} />
            {priceWarning ? (
              <p className="ticket-warning" role="status" data-testid="ticket-price-warning">
                {priceWarning}
              </p>
            ) : null}
          </>
        ) : null}
        <div className="ticket-row">
          <label className="field ticket-grow">
            <span className="field-label">Amount</span>
            <input
              className="input num"
              inputMode="decimal"
              placeholder={form.percent !== null ? `${form.percent} % of available` : undefined}
              value={form.amount}
              onChange={(event) => update({ amount: event.target.value, percent: null })}
            />
          </label>
          <select
            className="select ticket-unit"
            aria-label="Amount unit"
            value={form.unit}
            onChange={(event) => update({ unit: event.target.value === 'quote' ? 'quote' : 'base' })}
          >
            <option value="base">{base}</option>
            <option value="quote">{quote}</option>
          </select>
        </div>
        <div className="ticket-percents" role="group" aria-label="Share of available balance">
          {PERCENTS.map((percent) => (
            <button
              key={percent}
              type="button"
              className="ticket-percent"
              aria-label={`${percent} % of available`}
              aria-pressed={form.percent === percent}
              onClick={() => update({ percent, amount: '' })}
            >
              {percent}%
            </button>
          ))}
        </div>
        <TicketIssues issues={spot('size')} />
        {mode === 'bracket' ? <BracketFields form={bracket} problems={problems} onChange={setBracket} /> : null}
        <dl className="ticket-summary num" aria-label="Order estimate" data-testid="ticket-summary">
          <div>
            <dt>Available</dt>
            <dd>{preview ? `${formatAmount(preview.available.amount)} ${preview.available.asset}` : '—'}</dd>
          </div>
          <div>
            <dt>Amount</dt>
            <dd>{preview && preview.amount !== null ? `${formatAmount(preview.amount)} ${base}` : '—'}</dd>
          </div>
          <div>
            <dt>{effectiveType === 'market' ? 'Market price' : 'Price'}</dt>
            <dd className="ticket-live live-box">
              <span className="live-text">
                {quotedPrice !== null || !symbol ? (
                  formatPrice(quotedPrice, market.priceStep)
                ) : (
                  <TicketLastPrice symbol={symbol} priceStep={market.priceStep} />
                )}
              </span>
            </dd>
          </div>
          {preview?.slippage ? (
            <div>
              <dt>Est. fill (slippage)</dt>
              <dd data-testid="ticket-slippage">{`${formatPrice(preview.slippage.price, market.priceStep)} (${formatPercent(((preview.slippage.price - preview.slippage.reference) / preview.slippage.reference) * 100)})`}</dd>
            </div>
          ) : null}
          <div>
            <dt>Fee</dt>
            <dd>
              {preview?.fee ? `${formatAmount(preview.fee.amount)} ${preview.fee.asset} (${(preview.fee.rate * 100).toFixed(3)} %)` : '—'}
            </dd>
          </div>
          <div>
            <dt>Total</dt>
            <dd>{preview && preview.cost !== null ? `${formatAmount(preview.cost)} ${quote}` : '—'}</dd>
          </div>
          <div>
            <dt>Spend</dt>
            <dd>{preview?.spend ? `${formatAmount(preview.spend.amount)} ${preview.spend.asset}` : '—'}</dd>
          </div>
          <div>
            <dt>Receive</dt>
            <dd>{preview?.receive ? `${formatAmount(preview.receive.amount)} ${preview.receive.asset}` : '—'}</dd>
          </div>
        </dl>
        <TicketIssues issues={spot('general')} />
        {previewError ? (
          <p className="ticket-issue" role="alert">
            Could not check the order: {previewError}
          </p>
        ) : null}
        {account?.kind === 'live' ? <LiveConfirmToggle accountId={accountId} onChange={refresh} /> : null}
        <p className={reasonShownAbove ? 'visually-hidden' : 'ticket-reason'} id={reasonId}>
          {reason ??
            (preview?.requiresConfirmation
              ? 'You will confirm before it is sent.'
              : `Ready to send to ${account?.label ?? 'the account'}.`)}
        </p>
        <button
          type="submit"
          className={`button ticket-submit ticket-submit--${form.side}`}
          disabled={!canSubmit}
          aria-describedby={reasonId}
        >
          {busy && !confirming ? 'Placing…' : submitLabel}
        </button>
        {placeError && !confirming ? (
          <p className="ticket-issue" role="alert" data-testid="ticket-error">
            {placeError}
          </p>
        ) : null}
        {placed ? (
          <p className="ticket-placed" role="status" data-testid="ticket-placed">
            {placed}
          </p>
        ) : null}
      </form>
      {/* Below the form, not in the header: the header has room for its title and the mode switch only. */}
      <div className="ticket-footer">
        <span aria-hidden="true">Decimal mark</span>
        <NumberFormatSwitch />
      </div>
      {confirming && preview ? (
        <ConfirmOrderDialog
          rows={confirmRows}
          busy={busy}
          error={placeError}
          onConfirm={() => send(true)}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  );
}
