import type { CatalogEntry } from './credentials';

/** Every whitespace-separated term must hit the exchange's name or ccxt id, case-insensitively. */
export function filterExchanges(catalog: readonly CatalogEntry[], query: string): readonly CatalogEntry[] {
  const terms = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return catalog;
  return catalog.filter((entry) => {
    const name = entry.name.toLowerCase();
    const id = entry.id.toLowerCase();
    return terms.every((term) => name.includes(term) || id.includes(term));
  });
}

export interface CapabilityBadge {
  text: string;
  title: string;
}

/** The text chips of an exchange's capabilities, in a fixed order. */
export function capabilityBadges(entry: CatalogEntry): CapabilityBadge[] {
  const { websocket, oco, stopOrders, sandbox } = entry.capabilities;
  const badges: CapabilityBadge[] = [];
  if (websocket) badges.push({ text: 'WS', title: 'Streams prices and orders over WebSocket' });
  if (oco) badges.push({ text: 'OCO', title: 'Native one-cancels-other orders' });
  if (stopOrders) badges.push({ text: 'Stops', title: 'Native stop orders' });
  if (sandbox) badges.push({ text: 'Testnet', title: 'Has a testnet (ccxt sandbox mode)' });
  return badges;
}
