import type { Channel } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Handlers } from '../ipc/router';
import type { DisplayService } from './service';

export type DisplayChannel = Extract<Channel, `display.${string}`>;

/**
 * How this transport puts a customer display up: Electron opens a window on the second screen, the
 * browser build hands back the link for a second screen or tablet. Set by whoever owns the windows.
 */
export type DisplayOpener = () => Promise<{ url: string | null }>;

export function createDisplayHandlers(display: DisplayService, opener: () => DisplayOpener | null): Pick<Handlers, DisplayChannel> {
  return {
    'display.show': async (view) => display.show(view),
    'display.watch': ({ after }) => display.watch(after),
    'display.open': () => {
      const open = opener();
      if (!open) throw new AppError('VALIDATION', 'This till has no customer display to open.');
      return open();
    },
  };
}
