import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcChannelName } from '../../shared/contract';
import { AppError, fail, type Result } from '../../shared/result';
import type { Dispatch } from '../ipc/router';

/**
 * The only place that touches ipcMain: registers every contract channel, drops calls from frames
 * that aren't our page, keys each window's session by its webContents, and marks the customer
 * display's window, which may call only the display's channels.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
  isDisplay: (event: IpcMainInvokeEvent) => boolean = () => false,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannelName(channel), async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) return fail('FORBIDDEN', 'This request didn’t come from the POS window.');
      if (isDisplay(event)) return dispatch(channel, input, { sessionKey: `display:${event.sender.id}`, display: true });
      return dispatch(channel, input, {
        sessionKey: `electron:${event.sender.id}`,
        print: () =>
          new Promise<void>((resolve, reject) =>
            event.sender.print({ silent: false, printBackground: false }, (success, failureReason) =>
              success || failureReason === 'cancelled' ? resolve() : reject(new AppError('INTERNAL', `Printing failed: ${failureReason}.`)),
            ),
          ),
      });
    });
  }
}
