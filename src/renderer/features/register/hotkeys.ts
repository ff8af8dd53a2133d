// The register's keyboard, as the shortcuts dialog lists it.

/** Register commands: keys nobody types into a search, so typed letters always reach the search. */
export const SHORTCUTS: [keys: string, what: string][] = [
  ['Type anything', 'Search the menu (from anywhere on the register)'],
  ['/ or F2', 'Start a new search'],
  ['Enter (in search)', 'Add the first match, choosing options'],
  ['Shift+Enter (in search)', 'Add the first match with its usual options'],
  ['3*latte or 3 latte', 'Add three at once'],
  ['Letter (in options)', 'Pick the option with that letter underlined'],
  ['↑ / ↓ and Space', 'Move through and choose options'],
  ['Enter (in options)', 'Add the drink'],
  ['Alt+↑ / Alt+↓', 'Select the previous or next line'],
  ['+ / −', 'More or fewer of the selected line'],
  ['Delete', 'Remove the selected line'],
  ['Alt+N', 'Note on the selected line'],
  ['Alt+D or F4', 'Discount on the order'],
  ['Alt+C or F3', 'Find or enrol the customer'],
  ['Alt+R', 'Repeat the last order'],
  ['Alt+T', 'Order type: For here, To go, Pickup, Delivery'],
  ['F8', 'Pay'],
  ['F9', 'Pay the total by card'],
  ['Enter (in payment)', 'Take the amount as cash'],
  ['Esc', 'Close a window / clear search'],
  ['F1', 'Show these shortcuts'],
];
