import { useEffect, useEffectEvent } from 'react';

export interface RegisterCommands {
  /** "/" and F2: a new search, the old text selected so the next key replaces it. */
  newSearch: () => void;
  /** A printable key pressed outside any field: it starts (or continues) the search. */
  typeIntoSearch: (char: string) => void;
  step: (delta: 1 | -1) => void;
  remove: () => void;
  selectNext: (step: 1 | -1) => void;
  note: () => void;
  discount: () => void;
  customer: () => void;
  repeat: () => void;
  /** Alt+T: the next order type round. */
  orderType: () => void;
  pay: () => void;
  payByCard: () => void;
  shortcuts: () => void;
}

export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** F-keys and Alt+letter: nobody types them into a search, so they can be commands anywhere. */
type Command = 'shortcuts' | 'newSearch' | 'customer' | 'discount' | 'pay' | 'payByCard' | 'note' | 'repeat' | 'orderType';
const COMMAND_KEYS: Partial<Record<string, Command>> = { F1: 'shortcuts', F2: 'newSearch', F3: 'customer', F4: 'discount', F8: 'pay', F9: 'payByCard' };
const ALT_KEYS: Partial<Record<string, Command>> = { KeyN: 'note', KeyD: 'discount', KeyC: 'customer', KeyR: 'repeat', KeyT: 'orderType' };

/**
 * The register's keyboard while no dialog is open. Printable characters never run a command: with
 * focus on a tile after a tap, "drip" searches for drip instead of opening a dialog on "d".
 */
export function useRegisterKeys(enabled: boolean, commands: RegisterCommands) {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey) return;
    // Alt+letter by its physical key: on a Mac, Alt+N types "˜".
    const command = event.altKey ? ALT_KEYS[event.code] : COMMAND_KEYS[event.key];
    if (command) {
      event.preventDefault();
      commands[command]();
      return;
    }
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      commands.selectNext(event.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    if (event.altKey || isTyping(event.target)) return;
    if (event.key === '/') {
      event.preventDefault();
      commands.newSearch();
    } else if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      commands.step(1);
    } else if (event.key === '-') {
      event.preventDefault();
      commands.step(-1);
    } else if (event.key === 'Delete') {
      commands.remove();
    } else if (event.key.length === 1 && event.key !== ' ') {
      // Space stays with the focused button (it presses it); every other character is search text.
      event.preventDefault();
      commands.typeIntoSearch(event.key);
    }
  });
  useEffect(() => {
    if (!enabled) return;
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
