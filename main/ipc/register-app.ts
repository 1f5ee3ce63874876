import type { Channel } from '../../core/ipc/contract';
import { type IpcDeps, type IpcRegistrar, registerChannels } from './register-channel';

export const APP_CHANNELS = ['app.info'] as const satisfies readonly Channel[];

export function registerAppIpc(ipcMain: IpcRegistrar, deps: IpcDeps): void {
  registerChannels(ipcMain, APP_CHANNELS, deps);
}
