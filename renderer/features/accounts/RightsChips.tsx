import type { KeyRights } from '../../../shared/ipc/schemas/accounts';
import '../../ui/chips.css';

type Right = KeyRights['read'];

const RIGHTS: Array<{ key: 'read' | 'trade' | 'withdraw'; label: string }> = [
  { key: 'read', label: 'Read' },
  { key: 'trade', label: 'Trade' },
  { key: 'withdraw', label: 'Withdraw' },
];

function chipClass(key: string, value: Right): string {
  if (key === 'withdraw' && value === 'yes') return 'chip chip--danger';
  return `chip chip--${value}`;
}

function chipTitle(label: string, value: Right): string {
  if (value === 'unknown') return `${label}: the exchange does not report this right; check the key's settings on the exchange`;
  return `${label}: ${value}`;
}

/** What a key may do: read/trade/withdraw as yes, no or unknown. A key that can withdraw is red. */
export function RightsChips({ rights }: { rights: KeyRights }) {
  return (
    <ul className="chip-list rights-chips" aria-label="Key rights">
      {RIGHTS.map(({ key, label }) => (
        <li
          key={key}
          className={chipClass(key, rights[key])}
          title={chipTitle(label, rights[key])}
          data-right={key}
          data-value={rights[key]}
        >
          {label} {rights[key]}
        </li>
      ))}
    </ul>
  );
}
