/**
 * Colour link groups: panels (charts, order books, trades, tickets, the markets list) linked to
 * one colour follow one market, so a second chart can watch ETH while the main set trades BTC.
 * `main` is the app's selected market (the markets list, the palette, a reload all set it).
 */
export const LINK_COLOURS = [
  { id: 'red', label: 'Red', colour: '#f0506e' },
  { id: 'green', label: 'Green', colour: '#22c38e' },
  { id: 'blue', label: 'Blue', colour: '#4c9bff' },
  { id: 'amber', label: 'Amber', colour: '#f0b43c' },
] as const;

export type LinkColour = (typeof LINK_COLOURS)[number]['id'];
export type LinkGroup = 'main' | LinkColour;

export function isLinkGroup(value: unknown): value is LinkGroup {
  return value === 'main' || LINK_COLOURS.some((entry) => entry.id === value);
}

export function linkGroupLabel(group: LinkGroup): string {
  return group === 'main' ? 'Main market' : `${LINK_COLOURS.find((entry) => entry.id === group)?.label ?? group} group`;
}

/** Each colour group's market; a group without one follows the main market until it picks one. */
export type LinkedSymbols = Partial<Record<LinkColour, string>>;

/** The market a panel in `group` shows. */
export function symbolForGroup(group: LinkGroup, main: string | null, linked: LinkedSymbols): string | null {
  return group === 'main' ? main : (linked[group] ?? main);
}

/** Reads `links` back from a saved layout, keeping only well-formed entries. */
export function readLinkedSymbols(raw: unknown): LinkedSymbols {
  if (typeof raw !== 'object' || raw === null) return {};
  const result: LinkedSymbols = {};
  for (const { id } of LINK_COLOURS) {
    const value = (raw as Record<string, unknown>)[id];
    if (typeof value === 'string' && /^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/.test(value)) result[id] = value;
  }
  return result;
}
