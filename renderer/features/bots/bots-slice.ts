/**
 * Bots as core reports them (`bots.list`, then `bots.changed` / `bots.deleted`), the bot shown in
 * detail and the last start-up reconciliation report; notifications ride along (one store entry).
 */
import type { BotReconciliation, BotView } from '../../../shared/ipc/schemas/bots';
import { createNotificationsSlice, type NotificationsSlice } from '../notifications/notifications-slice';
import type { LoadStatus, SliceCreator } from '../../store/slice';

export interface BotListSlice {
  botsById: Record<string, BotView>;
  botsStatus: LoadStatus;
  botsError: string | null;
  /** The bot whose detail is open (the list's current row). */
  selectedBotId: string | null;
  reconciliation: BotReconciliation | null;
  /** Which reconciliation's start-up dialog the person closed (`String(report.at)`): it does not come back. */
  reconciliationSeenKey: string | null;
  beginBotsLoad(): void;
  /** The full list: replaces what is known (bots missing from it were deleted meanwhile). */
  setBots(bots: readonly BotView[]): void;
  failBotsLoad(message: string): void;
  /** A `bots.changed` batch (or one bot returned by an action): upserts. */
  applyBotViews(bots: readonly BotView[]): void;
  removeBots(ids: readonly string[]): void;
  selectBot(id: string | null): void;
  setReconciliation(report: BotReconciliation): void;
  markReconciliationSeen(key: string): void;
}

export type BotsSlice = BotListSlice & NotificationsSlice;

const createBotListSlice: SliceCreator<BotListSlice> = (set) => ({
  botsById: {},
  botsStatus: 'idle',
  botsError: null,
  selectedBotId: null,
  reconciliation: null,
  reconciliationSeenKey: null,
  beginBotsLoad: () => set({ botsStatus: 'loading', botsError: null }),
  setBots: (bots) =>
    set((state) => {
      const botsById = Object.fromEntries(bots.map((bot) => [bot.id, bot]));
      const selectedBotId =
        state.selectedBotId !== null && botsById[state.selectedBotId] ? state.selectedBotId : (sortBots(botsById)[0]?.id ?? null);
      return { botsById, botsStatus: 'ready', botsError: null, selectedBotId };
    }),
  failBotsLoad: (message) => set({ botsStatus: 'error', botsError: message }),
  applyBotViews: (bots) =>
    set((state) => {
      if (bots.length === 0) return state;
      const botsById = { ...state.botsById };
      for (const bot of bots) botsById[bot.id] = bot;
      return { botsById, selectedBotId: state.selectedBotId ?? bots[0]?.id ?? null };
    }),
  removeBots: (ids) =>
    set((state) => {
      if (!ids.some((id) => state.botsById[id])) return state;
      const botsById = { ...state.botsById };
      for (const id of ids) delete botsById[id];
      const selectedBotId = state.selectedBotId !== null && ids.includes(state.selectedBotId) ? null : state.selectedBotId;
      return { botsById, selectedBotId };
    }),
  selectBot: (selectedBotId) => set({ selectedBotId }),
  setReconciliation: (reconciliation) => set({ reconciliation }),
  markReconciliationSeen: (reconciliationSeenKey) => set({ reconciliationSeenKey }),
});

export const createBotsSlice: SliceCreator<BotsSlice> = (...args) => ({
  ...createBotListSlice(...args),
  ...createNotificationsSlice(...args),
});

/** Bots in the list's order: newest first, so a new or duplicated bot shows at the top. */
export function sortBots(botsById: Readonly<Record<string, BotView>>): BotView[] {
  return Object.values(botsById).sort((a, b) => b.createdAt - a.createdAt || a.name.localeCompare(b.name));
}
