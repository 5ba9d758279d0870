/**
 * The `originRole` of a bracket's orders in the ledger. Here, not in trading/, because the
 * live-order limits read them too (exits are exempt) and the ledger is what both share.
 */
export const ENTRY_ROLE = 'entry';
export const CLOSE_ROLE = 'close';
export const targetRole = (index: number) => `target:${index}`;
