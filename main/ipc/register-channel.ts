import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Channel } from '../../core/ipc/contract';
import { dispatch } from '../handlers/dispatch';
import { type Handlers, logToStderr } from '../handlers/host-context';
import { hostError } from '../handlers/host-issues';

export interface IpcDeps {
  handlers: Handlers;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  log?: (message: string) => void;
}

/** The part of ipcMain the registrars use (lets tests pass a recorder). */
export type IpcRegistrar = Pick<IpcMain, 'handle'>;

/**
 * ipcMain.handle for one channel: check the sender, then the shared dispatch (zod in, handler, zod out).
 * Always resolves with a contract-shaped value; a rejected sender gets an error result and no detail.
 */
export function registerChannel(ipcMain: IpcRegistrar, channel: Channel, deps: IpcDeps): void {
  const log = deps.log ?? logToStderr;
  ipcMain.handle(channel, async (event, rawInput: unknown) => {
    if (!deps.isTrustedSender(event)) {
      log(`refused ${channel} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return hostError(
        'ipc.untrusted-sender',
        'This request did not come from Architecture Planner’s own window.',
        'Reload the window.',
      );
    }
    const result = await dispatch(deps.handlers, channel, rawInput, log);
    return result.output;
  });
}

export function registerChannels(ipcMain: IpcRegistrar, channels: readonly Channel[], deps: IpcDeps): void {
  for (const channel of channels) registerChannel(ipcMain, channel, deps);
}
