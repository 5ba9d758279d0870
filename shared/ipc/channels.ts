/** Electron IPC channel names shared by the preload and main (the only two users). */
export const IPC_CHANNELS = {
  invoke: 'tradewind:invoke',
  event: 'tradewind:event',
  sub: 'tradewind:sub',
  unsub: 'tradewind:unsub',
} as const;
