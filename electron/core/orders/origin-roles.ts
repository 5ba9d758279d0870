/**
 * The `originRole` of a bracket's orders in the ledger. Here, not in trading/, because the
 * live-order limits read them too (exits are exempt) and the ledger is what both share.
 */
export const ENTRY_ROLE = 'entry';
export const CLOSE_ROLE = 'close';
/** A cancel-replace's new order (trading/order-amend.ts); `originId` names the order it replaces. */
export const AMENDS_ROLE = 'amends';
export const targetRole = (index: number) => `target:${index}`;
