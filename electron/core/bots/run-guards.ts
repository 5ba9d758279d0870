/**
 * The guards the supervisor runs after every step of every kind: a sale of more base than the run
 * held is an error state (never profit), and the max daily loss stops the bot.
 */
import type { BotStopReason } from '../../../shared/ipc/schemas/bots';
import { formatMoney } from '../exchange/precision';
import type { BotContext } from './bot-context';
import type { BotStep } from './bot-step';
import { ledgerIssueText, runOversold, unrealisedOf } from './bot-views';

const DAY_MS = 86_400_000;

export const dayStart = (ts: number) => Math.floor(ts / DAY_MS) * DAY_MS;

export class RunGuards {
  constructor(
    private readonly ctx: BotContext,
    private readonly requestStop: (id: string, reason: BotStopReason, detail: string) => void,
  ) {}

  async afterStep(step: BotStep): Promise<void> {
    this.checkLedger(step);
    await this.checkDailyLoss(step);
  }

  /** A sale of more base than the run held is an error state: recorded once (and again if it grows), shown on the bot, never profit. */
  private checkLedger(step: BotStep): void {
    const st = step.bot.kindState;
    if (!st) return;
    const oversold = runOversold(this.ctx.deps.orders.repo, step.bot, this.ctx.kinds);
    if (oversold <= (st.oversold ?? 0)) return;
    st.oversold = oversold;
    step.save();
    const text = ledgerIssueText(oversold, step.bot.symbol) as string;
    step.event('error', text);
    step.notify('error', `${step.bot.name}: sold more than it held`, text);
  }

  private async checkDailyLoss(step: BotStep): Promise<void> {
    const { risk } = step.bot;
    const st = step.bot.kindState;
    if (!st || step.bot.state !== 'running') return;
    const today = dayStart(this.ctx.now());
    const unrealised = async () => unrealisedOf(this.ctx.deps.orders.repo, step.bot, this.ctx.kinds, await step.price()) ?? 0;
    if (!st.day || st.day.start !== today) {
      // The open position's PnL at the turn of the day is yesterday's; only its change counts today.
      st.day = { start: today, realised: step.bot.realisedPnl, unrealised: await unrealised() };
      step.save();
    }
    if (risk.maxDailyLoss === null) return;
    const result = step.bot.realisedPnl - st.day.realised + ((await unrealised()) - (st.day.unrealised ?? 0));
    if (-result >= risk.maxDailyLoss) {
      const q = step.rules.quote;
      this.requestStop(
        step.bot.id,
        'daily_loss',
        `Today's loss ${formatMoney(-result, q)} ${q} reached the max daily loss ${formatMoney(risk.maxDailyLoss, q)} ${q}.`,
      );
    }
  }
}
