import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, ipcChannel } from '../../src-shared/api/contract';
import { fail } from '../../src-shared/result';
import type { ApiDispatcher } from '../services/api/dispatch';

/**
 * One handler per method of the API table. Every call's sender frame is checked to be the app itself, so a
 * frame that somehow loaded other content cannot reach the services.
 */
export function registerIpc(dispatch: ApiDispatcher, isTrustedSender: (url: string) => boolean): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, input: unknown) => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isTrustedSender(senderUrl)) {
        return fail('unauthorised', 'This request did not come from the Pressroom window and was refused.');
      }
      return dispatch(method, input);
    });
  }
}
