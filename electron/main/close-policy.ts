/**
 * What closing the window and quitting do when bots run. Pure (Electron's option types only) so
 * the rules are unit-tested; main shows the boxes and applies the answers.
 */
import type { MessageBoxOptions } from 'electron';
import type { BotCensus } from './bot-census';

export type CloseDecision = 'hide' | 'close' | 'ask';

/** Hide to the tray when the person chose so; ask once when they never chose and bots are active. */
export function decideOnClose(keepBotsInTray: boolean | null, census: BotCensus): CloseDecision {
  if (keepBotsInTray === true) return 'hide';
  if (keepBotsInTray === false) return 'close';
  return census.active > 0 ? 'ask' : 'close';
}

const bots = (count: number) => `${count} bot${count === 1 ? '' : 's'}`;

/** Asked when the window closes with active bots and no preference yet. Button 0 keeps them running. */
export function keepRunningPrompt(census: BotCensus): MessageBoxOptions {
  return {
    type: 'question',
    title: 'Keep bots running?',
    message: `${bots(census.active)} ${census.active === 1 ? 'is' : 'are'} running. Keep ${census.active === 1 ? 'it' : 'them'} running in the tray?`,
    detail:
      'Tradewind stays in the system tray and the bots go on trading. Choose Quit to stop Tradewind; its bots resume when you start it again.',
    buttons: ['Keep running in the tray', 'Quit'],
    defaultId: 0,
    cancelId: 0,
    checkboxLabel: 'Remember my choice (change it in the tray menu)',
    checkboxChecked: true,
    noLink: true,
  };
}

/** Asked before quitting while live bots run; null when none do. Button 0 quits, 1 (the default) cancels. */
export function quitPrompt(census: BotCensus): MessageBoxOptions | null {
  if (census.live === 0) return null;
  return {
    type: 'warning',
    title: 'Quit with live bots running?',
    message: `${bots(census.live)} ${census.live === 1 ? 'is' : 'are'} trading with real money. Quit anyway?`,
    detail:
      'Quitting halts them until Tradewind starts again; orders already on the exchange stay there and may fill meanwhile (they are reconciled at the next start). Use the kill switch to stop the bots and cancel their orders instead.',
    buttons: ['Quit', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** Confirmation for the tray's kill switch (button 0 stops everything). */
export function killSwitchPrompt(census: BotCensus): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'Kill switch',
    message: 'Stop every bot and cancel their open orders?',
    detail: `${bots(census.active)} active (${census.live} live). Coins the bots bought stay in the accounts.`,
    buttons: ['Stop all bots', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

/** The kill switch's outcome for a message box, from core's summary or its error. */
export function killSwitchReport(
  reply:
    | {
        ok: true;
        value: { botsStopped: number; ordersCancelled: number; failures: ReadonlyArray<{ clientOrderId: string | null; message: string }> };
      }
    | { ok: false; error: { message: string } },
): MessageBoxOptions {
  if (!reply.ok)
    return {
      type: 'error',
      title: 'Kill switch',
      message: 'The kill switch failed.',
      detail: `${reply.error.message} Open Tradewind and check the bots.`,
      buttons: ['OK'],
      noLink: true,
    };
  const { botsStopped, ordersCancelled, failures } = reply.value;
  const detail =
    failures.length === 0
      ? 'Every open order of the bots was cancelled.'
      : `${failures.length} could not be cancelled; check them on the exchange:\n${failures.map((failure) => `• ${failure.clientOrderId ?? 'order'}: ${failure.message}`).join('\n')}`;
  return {
    type: failures.length === 0 ? 'info' : 'warning',
    title: 'Kill switch',
    message: `${bots(botsStopped)} stopped, ${ordersCancelled} order${ordersCancelled === 1 ? '' : 's'} cancelled.`,
    detail,
    buttons: ['OK'],
    noLink: true,
  };
}
