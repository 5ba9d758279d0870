import type { BotState } from '../../../shared/ipc/schemas/bots';

export type BotAction = 'start' | 'pause' | 'stop' | 'edit' | 'duplicate' | 'delete';

/** Whether an action is possible in a state, and if not, why (shown next to the disabled button). */
export interface ActionRule {
  enabled: boolean;
  reason: string | null;
}

const ok: ActionRule = { enabled: true, reason: null };
const no = (reason: string): ActionRule => ({ enabled: false, reason });

/** Mirrors core's rules (settings only while stopped, delete only stopped bots) so the UI never offers a refusal. */
export function actionRule(action: BotAction, state: BotState): ActionRule {
  switch (action) {
    case 'start':
      if (state === 'running') return no('It is already running.');
      if (state === 'stopping') return no('Wait until it has stopped.');
      return ok;
    case 'pause':
      if (state === 'running') return ok;
      if (state === 'paused') return no('It is already paused.');
      return no('Only a running bot can pause.');
    case 'stop':
      if (state === 'stopped' || state === 'error') return no('It is already stopped.');
      if (state === 'stopping') return no('It is cancelling its orders.');
      return ok;
    case 'edit':
      return state === 'stopped' || state === 'error' ? ok : no('Stop the bot to change its settings.');
    case 'delete':
      return state === 'stopped' || state === 'error' ? ok : no('Stop the bot before deleting it.');
    case 'duplicate':
      return ok;
  }
}

/** "Resume" for a paused bot, else "Start". */
export function startLabel(state: BotState): string {
  return state === 'paused' ? 'Resume' : 'Start';
}
