import type { z } from 'zod';
import { type Channel, type ChannelOutput, channels, methodName } from '../../core/ipc/contract';
import type { InvokeChannel } from './build-host-api';
import { hostError } from './host-error';

/**
 * What the Electron preload exposes on `window.archplan`: one method per channel, named by
 * methodName() (`projectOpen`, `pricingSnapshot`…), plus a subscription to application-menu commands.
 * No generic invoke: the preload decides which channels exist.
 */
export interface PreloadBridge {
  [method: string]: unknown;
  onMenuCommand?: (listener: (command: string) => void) => (() => void) | void;
}

function firstZodMessage(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown mismatch';
}

/** Desktop transport: calls the preload's method for the channel and parses what comes back. */
export function createPreloadInvoke(bridge: PreloadBridge): InvokeChannel {
  return async <C extends Channel>(channel: C, input: unknown): Promise<ChannelOutput<C>> => {
    const spec = channels[channel];
    const request = spec.input.safeParse(input);
    if (!request.success)
      throw hostError(
        'host.bad-request',
        `The request for ${channel} is malformed (${firstZodMessage(request.error)}).`,
        'This is a bug in Architecture Planner; please report it.',
      );
    const method = bridge[methodName(channel)];
    if (typeof method !== 'function')
      throw hostError(
        'host.missing-channel',
        `The desktop host does not offer ${channel}.`,
        'Reinstall Architecture Planner: the window and its host are from different versions.',
      );
    let answer: unknown;
    try {
      answer = await (method as (input: unknown) => Promise<unknown>).call(bridge, request.data);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw hostError(
        'host.failed',
        `The desktop host failed while handling ${channel} (${detail}).`,
        'Try again; if it keeps failing, restart Architecture Planner.',
      );
    }
    const parsed = spec.output.safeParse(answer);
    if (!parsed.success)
      throw hostError(
        'host.bad-response',
        `The host's answer to ${channel} does not match the contract (${firstZodMessage(parsed.error)}).`,
        'Reinstall Architecture Planner: the window and its host are from different versions.',
      );
    return parsed.data as ChannelOutput<C>;
  };
}
