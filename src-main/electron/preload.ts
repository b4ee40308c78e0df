import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PressroomApi } from '../../src-shared/api/contract';
import { API_METHOD_NAMES, ipcChannel } from '../../src-shared/api/methods';
import { APP_COMMAND_CHANNEL, type AppCommandBridge } from '../../src-shared/api/app-commands';

/**
 * Exposes exactly the methods of the API table, each as one function; the renderer never sees ipcRenderer.
 * Inputs are parsed on the main side, so nothing here needs to trust the renderer.
 */
const api = Object.fromEntries(
  API_METHOD_NAMES.map((method) => [
    method,
    (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input),
  ]),
) as unknown as PressroomApi;

contextBridge.exposeInMainWorld('pressroom', Object.freeze(api));

/**
 * Commands from the menu and the main side (src-shared/api/app-commands.ts), on one channel, one way. The listener
 * gets the command only, never the IPC event; the renderer checks each command before acting on it.
 */
const commands: AppCommandBridge = {
  onCommand(listener) {
    const forward = (_event: IpcRendererEvent, command: unknown) => listener(command);
    ipcRenderer.on(APP_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(APP_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('pressroomCommands', Object.freeze(commands));
