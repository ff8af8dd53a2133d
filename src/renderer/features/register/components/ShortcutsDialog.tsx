import { Modal } from '../../../ui/Modal';

export const SHORTCUTS: [keys: string, what: string][] = [
  ['/ or F2', 'Search the menu'],
  ['Enter (in search)', 'Add the first match'],
  ['↑ / ↓ and Space', 'Move through and choose options'],
  ['Enter (in options)', 'Add the drink'],
  ['Alt+↑ / Alt+↓', 'Select the previous or next line'],
  ['+ / −', 'More or fewer of the selected line'],
  ['Delete', 'Remove the selected line'],
  ['N', 'Note on the selected line'],
  ['D', 'Discount on the order'],
  ['C', 'Find or enrol the customer'],
  ['F8', 'Pay'],
  ['Enter (in payment)', 'Add the amount as cash, then complete'],
  ['Esc', 'Close a window / clear search'],
  ['?', 'Show these shortcuts'],
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </Modal>
  );
}
