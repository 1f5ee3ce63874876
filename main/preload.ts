import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, type Channel, type HostApi, methodName } from '../core/ipc/contract';
import { MENU_COMMAND_CHANNEL, type MenuCommand, isMenuCommand } from './menu-commands';

/**
 * The renderer's whole view of Electron (checklist #20): one named method per contract channel plus
 * onMenuCommand. No generic invoke, no ipcRenderer, no event objects: each method forwards only its
 * input, and main parses it with the channel's zod schema before anything runs.
 */
export interface PreloadApi extends HostApi {
  /** Calls `callback` with each File-menu command; returns a function that stops listening. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
}

function channelMethod(channel: Channel): (input: unknown) => Promise<unknown> {
  return (input) => ipcRenderer.invoke(channel, input);
}

export function createPreloadApi(): PreloadApi {
  const methods = Object.fromEntries(CHANNEL_NAMES.map((c) => [methodName(c), channelMethod(c)]));
  return {
    // The entries are built from the contract's own channel list and methodName, which is exactly how HostApi is keyed.
    ...(methods as unknown as HostApi),
    onMenuCommand(callback) {
      const listener = (_event: Electron.IpcRendererEvent, command: unknown): void => {
        if (isMenuCommand(command)) callback(command);
      };
      ipcRenderer.on(MENU_COMMAND_CHANNEL, listener);
      return () => {
        ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, listener);
      };
    },
  };
}

contextBridge.exposeInMainWorld('archplan', createPreloadApi());
