import type { Channel } from '../../core/ipc/contract';
import { type IpcDeps, type IpcRegistrar, registerChannels } from './register-channel';

export const PRICING_CHANNELS = ['pricing.snapshot'] as const satisfies readonly Channel[];

export function registerPricingIpc(ipcMain: IpcRegistrar, deps: IpcDeps): void {
  registerChannels(ipcMain, PRICING_CHANNELS, deps);
}
