import { contextBridge, ipcRenderer } from 'electron';
import type { PressroomApi } from '../../src-shared/api/contract';
import { API_METHOD_NAMES, ipcChannel } from '../../src-shared/api/methods';

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
