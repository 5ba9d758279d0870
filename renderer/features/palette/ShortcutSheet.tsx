import { useId } from 'react';
import { Dialog } from '../../ui/Dialog';
import { displayKeys, isMac, SHORTCUTS } from './shortcuts';
import './palette.css';

/** `?`: every shortcut of shortcuts.ts, grouped by where it works. */
export function ShortcutSheet({ onClose }: { onClose(): void }) {
  const titleId = useId();
  const mac = isMac();
  const places = [...new Set(SHORTCUTS.map((s) => s.where))];
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="dialog--shortcuts">
      <div className="palette-sheet-header">
        <h2 className="dialog-title" id={titleId}>
          Keyboard shortcuts
        </h2>
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
      <div className="shortcut-sheet">
        {places.map((place) => (
          <table key={place} className="shortcut-table">
            <caption>{place}</caption>
            <tbody>
              {SHORTCUTS.filter((s) => s.where === place).map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd className="palette-kbd">{displayKeys(s.keys, mac)}</kbd>
                  </th>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </Dialog>
  );
}
