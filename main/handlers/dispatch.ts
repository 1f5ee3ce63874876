import type { z } from 'zod';
import { type Channel, type ChannelOutput, channels } from '../../core/ipc/contract';
import { zodIssues } from '../../core/util/zod-issues';
import { type Handlers, logToStderr } from './host-context';
import { type HostErrorResult, hostError } from './host-issues';

export type DispatchResult<C extends Channel> =
  | { ok: true; output: ChannelOutput<C> }
  /** invalid-input: the request broke the contract (HTTP 400); unexpected: a bug or an environment failure (HTTP 500). */
  | { ok: false; reason: 'invalid-input' | 'unexpected'; output: HostErrorResult };

/**
 * The one way a request reaches a handler, in both shells: parse the raw input with the channel's
 * input schema, run the handler, parse its answer with the output schema. Nothing thrown escapes:
 * an exception becomes `host.unexpected` with a generic message, and its details go to the log only.
 */
export async function dispatch<C extends Channel>(
  handlers: Handlers,
  channel: C,
  rawInput: unknown,
  log: (message: string) => void = logToStderr,
): Promise<DispatchResult<C>> {
  const spec = channels[channel];
  // The channel map is a union of schema types when C is generic; widen to the common zod interface.
  const inputSchema = spec.input as z.ZodType;
  const outputSchema = spec.output as z.ZodType;
  const input = inputSchema.safeParse(rawInput);
  if (!input.success) {
    return {
      ok: false,
      reason: 'invalid-input',
      output: {
        status: 'error',
        issues: zodIssues(
          input.error,
          'ipc.invalid-input',
          `The ${channel} request did not match what the host expects. Reload the window; if it persists, reinstall Architecture Planner.`,
        ).map((i) => ({
          ...i,
          message: `Invalid ${channel} request: ${i.message}`,
        })),
      },
    };
  }
  let raw: unknown;
  try {
    // Indexing the handler map with a generic key gives a union of functions; the schema above guarantees the input type.
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    raw = await handler(input.data);
  } catch (e) {
    log(`${channel} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { ok: false, reason: 'unexpected', output: unexpected(channel) };
  }
  const output = outputSchema.safeParse(raw);
  if (!output.success) {
    log(`${channel} produced output that breaks the contract: ${output.error.message}`);
    return { ok: false, reason: 'unexpected', output: unexpected(channel) };
  }
  return { ok: true, output: output.data as ChannelOutput<C> };
}

function unexpected(channel: Channel): HostErrorResult {
  return hostError(
    'host.unexpected',
    `Something went wrong in Architecture Planner while handling ${channel}; the operation did not complete.`,
    'Try again. If it keeps happening, restart Architecture Planner and report the problem with the log output.',
  );
}
