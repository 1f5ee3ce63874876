import type { Channel } from '../../core/ipc/contract';
import { type IpcDeps, type IpcRegistrar, registerChannels } from './register-channel';

export const EXPORT_CHANNELS = ['export.plan', 'export.diagram'] as const satisfies readonly Channel[];

export function registerExportIpc(ipcMain: IpcRegistrar, deps: IpcDeps): void {
  registerChannels(ipcMain, EXPORT_CHANNELS, deps);
}
