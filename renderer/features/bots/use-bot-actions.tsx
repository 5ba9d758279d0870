import { useState, type ReactNode } from 'react';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { formatAmount } from '../../lib/format/numbers';
import { useStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useHostCode } from '../trust/use-host-code';
import type { BotAction } from './bot-action-rules';
import { quoteOf } from './bot-format';

type Pending = { kind: 'live-start' | 'delete' | 'stop'; bot: BotView };

/** Kinds whose run holds coins of its own: a stop asks whether to keep or sell them. */
const HOLDS_COINS: ReadonlySet<BotView['config']['kind']> = new Set(['grid', 'dca', 'signal']);

export interface BotActions {
  start(bot: BotView): void;
  pause(bot: BotView): void;
  stop(bot: BotView): void;
  duplicate(bot: BotView): void;
  /** Asks first. */
  remove(bot: BotView): void;
  /** The action running for a bot, if any (its buttons show it and stay disabled). */
  busy(botId: string): BotAction | null;
  error: string | null;
  clearError(): void;
  /** The confirmation dialog to render, when one is open. */
  dialog: ReactNode;
}

/** The capital a live start puts at risk, in the words of the bot's kind. */
export function describeCapital(bot: BotView): string {
  const quote = quoteOf(bot.symbol);
  const cap = `capital cap ${formatAmount(bot.risk.capitalCap)} ${quote}`;
  switch (bot.config.kind) {
    case 'grid':
      return `${formatAmount(bot.config.investment)} ${quote} invested in the grid (${cap})`;
    case 'dca':
      return `${formatAmount(bot.config.baseOrder)} ${quote} base order plus up to ${bot.config.safetyOrders} safety orders (${cap})`;
    case 'strategy':
      return `${formatAmount(bot.config.capital)} ${quote} per entry (${cap})`;
    case 'signal':
      return `up to ${bot.config.maxOpenDeals} deal(s) opened by signals (${cap})`;
    case 'rebalance':
      return `the basket ${bot.config.basket.map((e) => `${e.asset} ${formatAmount(e.weight)} %`).join(', ')} kept at its weights with market orders (${cap})`;
  }
}

/**
 * Start, pause, stop, duplicate and delete with the confirmations they need: a live start names
 * the account, market and capital and only then sends `confirmed: true` — a request the host
 * still confirms (native dialog, or the code the headless host printed); stop and delete ask
 * first, and stopping a grid or DCA bot asks whether to keep or sell the coins it bought.
 * Replies update the store at once (the `bots.changed` event follows and agrees).
 */
export function useBotActions(): BotActions {
  const client = useRpcClient();
  const [busy, setBusy] = useState<Record<string, BotAction>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [dialogBusy, setDialogBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [holdings, setHoldings] = useState<'keep' | 'sell'>('keep');
  const hostCode = useHostCode();

  const run = (bot: BotView, action: BotAction, call: () => Promise<void>): Promise<boolean> => {
    setBusy((current) => ({ ...current, [bot.id]: action }));
    setError(null);
    const done = () =>
      setBusy((current) => {
        const next = { ...current };
        delete next[bot.id];
        return next;
      });
    return call().then(
      () => {
        done();
        return true;
      },
      (failure: unknown) => {
        done();
        setError(`Could not ${action} ${bot.name}: ${describeError(failure)}`);
        return false;
      },
    );
  };

  const apply = (view: BotView) => useStore.getState().applyBotViews([view]);
  const startNow = (bot: BotView, confirmed: boolean) =>
    confirmed
      ? hostCode
          .run((confirmationCode) =>
            client.call('bots.start', { id: bot.id, confirmed: true, ...(confirmationCode ? { confirmationCode } : {}) }),
          )
          .then(apply)
      : client.call('bots.start', { id: bot.id }).then(apply);

  const closeDialog = () => {
    setPending(null);
    setDialogBusy(false);
    setDialogError(null);
  };

  const confirmPending = () => {
    if (!pending) return;
    const { bot, kind } = pending;
    setDialogBusy(true);
    setDialogError(null);
    const call =
      kind === 'live-start'
        ? startNow(bot, true)
        : kind === 'stop'
          ? client.call('bots.stop', HOLDS_COINS.has(bot.config.kind) ? { id: bot.id, holdings } : { id: bot.id }).then(apply)
          : client.call('bots.delete', { id: bot.id }).then(() => useStore.getState().removeBots([bot.id]));
    call.then(closeDialog, (failure: unknown) => {
      setDialogBusy(false);
      setDialogError(describeError(failure));
    });
  };

  let dialog: ReactNode = null;
  if (pending?.kind === 'live-start') {
    const { bot } = pending;
    dialog = (
      <ConfirmDialog
        title={`Start ${bot.name} with real money?`}
        confirmLabel="Start live"
        busyLabel="Starting…"
        busy={dialogBusy}
        error={dialogError}
        onConfirm={confirmPending}
        onCancel={closeDialog}
      >
        <p>This bot places real orders on the exchange:</p>
        <dl className="bot-confirm-facts">
          <dt>Account</dt>
          <dd>{bot.accountLabel}</dd>
          <dt>Market</dt>
          <dd>{bot.symbol}</dd>
          <dt>Capital</dt>
          <dd>{describeCapital(bot)}</dd>
        </dl>
        {hostCode.field}
      </ConfirmDialog>
    );
  } else if (pending?.kind === 'stop') {
    const { bot } = pending;
    const holds = HOLDS_COINS.has(bot.config.kind);
    const base = bot.symbol.split('/')[0] ?? 'base';
    dialog = (
      <ConfirmDialog
        title={`Stop ${bot.name}?`}
        confirmLabel={holds ? (holdings === 'sell' ? `Stop and sell the ${base}` : `Stop and keep the ${base}`) : 'Stop'}
        busyLabel="Stopping…"
        busy={dialogBusy}
        error={dialogError}
        onConfirm={confirmPending}
        onCancel={closeDialog}
      >
        <p>
          Its working orders on {bot.symbol} are cancelled{bot.mode === 'live' ? ` on ${bot.accountLabel}` : ''}.
        </p>
        {holds ? (
          <fieldset className="fieldset">
            <legend className="field-label">The {base} the bot bought</legend>
            <label className="choice">
              <input type="radio" name="stop-holdings" checked={holdings === 'keep'} onChange={() => setHoldings('keep')} /> Keep them in
              the account
            </label>
            <label className="choice">
              <input type="radio" name="stop-holdings" checked={holdings === 'sell'} onChange={() => setHoldings('sell')} /> Sell them at
              market (a remainder below the market minimum stays)
            </label>
          </fieldset>
        ) : null}
      </ConfirmDialog>
    );
  } else if (pending?.kind === 'delete') {
    const { bot } = pending;
    dialog = (
      <ConfirmDialog
        title={`Delete ${bot.name}?`}
        confirmLabel="Delete"
        busyLabel="Deleting…"
        busy={dialogBusy}
        error={dialogError}
        onConfirm={confirmPending}
        onCancel={closeDialog}
      >
        Its settings and event log are removed. Its orders and fills stay in the order history.
      </ConfirmDialog>
    );
  }

  return {
    start: (bot) => {
      if (bot.mode === 'live') setPending({ kind: 'live-start', bot });
      else void run(bot, 'start', () => startNow(bot, false));
    },
    pause: (bot) => void run(bot, 'pause', () => client.call('bots.pause', { id: bot.id }).then(apply)),
    stop: (bot) => {
      setHoldings('keep');
      setPending({ kind: 'stop', bot });
    },
    duplicate: (bot) =>
      void run(bot, 'duplicate', () =>
        client.call('bots.duplicate', { id: bot.id }).then((copy) => {
          apply(copy);
          useStore.getState().selectBot(copy.id);
        }),
      ),
    remove: (bot) => setPending({ kind: 'delete', bot }),
    busy: (botId) => busy[botId] ?? null,
    error,
    clearError: () => setError(null),
    dialog,
  };
}
