import { capabilityBadges } from './exchange-search';
import type { CatalogEntry } from './credentials';
import '../../ui/chips.css';

export function CapabilityChips({ entry, id }: { entry: CatalogEntry; id?: string }) {
  const badges = capabilityBadges(entry);
  const summary = badges.length > 0 ? badges.map((badge) => badge.title).join('; ') : 'No websocket, OCO, stop orders or testnet';
  return (
    <span className="chip-list capability-chips" id={id}>
      {badges.map((badge) => (
        <span key={badge.text} className="chip chip--accent" title={badge.title} aria-hidden="true">
          {badge.text}
        </span>
      ))}
      <span className="visually-hidden">{summary}</span>
    </span>
  );
}
