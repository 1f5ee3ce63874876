import type { Channel } from '../../core/ipc/contract';
import { type IpcDeps, type IpcRegistrar, registerChannels } from './register-channel';

export const PROJECT_CHANNELS = [
  'project.open',
  'project.save',
  'project.recent',
  'project.autosave',
  'project.recovery',
] as const satisfies readonly Channel[];

export function registerProjectIpc(ipcMain: IpcRegistrar, deps: IpcDeps): void {
  registerChannels(ipcMain, PROJECT_CHANNELS, deps);
}
