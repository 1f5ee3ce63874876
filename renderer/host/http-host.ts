import { z } from 'zod';
import { type Channel, type ChannelOutput, channels, issueSchema } from '../../core/ipc/contract';
import type { Issue } from '../../core/model/issue';
import type { InvokeChannel } from './build-host-api';
import { HostError, hostError } from './host-error';

/** The slice of `fetch` browser mode uses, so tests can pass a fake without a DOM. */
export interface HttpResponseLike {
  status: number;
  json(): Promise<unknown>;
}
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; credentials: 'same-origin' },
) => Promise<HttpResponseLike>;

export const TOKEN_HEADER = 'X-Archplan-Token';
const RELOAD_HINT = 'Reload the page with the link printed by `npm run web` (it ends with #token=…).';

const errorBodySchema = z.object({ status: z.literal('error'), issues: z.array(issueSchema).min(1) });

function firstZodMessage(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown mismatch';
}

/**
 * Browser mode transport: `POST /api/<channel>` on the same origin with the JSON input and the
 * launch token. 200 carries the output, 400 carries `{ status: 'error', issues }`; anything else is
 * the host refusing or failing, reported as a HostError. Every answer is parsed with the contract.
 */
export function createHttpInvoke(
  fetchFn: FetchLike,
  getToken: () => string | null,
  baseUrl = '',
): InvokeChannel {
  return async <C extends Channel>(channel: C, input: unknown): Promise<ChannelOutput<C>> => {
    const spec = channels[channel];
    const request = spec.input.safeParse(input);
    if (!request.success)
      throw hostError(
        'host.bad-request',
        `The request for ${channel} is malformed (${firstZodMessage(request.error)}).`,
        'This is a bug in Architecture Planner; please report it.',
      );
    const token = getToken();
    if (token === null)
      throw hostError(
        'host.no-token',
        'This page was opened without its access token, so the host will not answer.',
        RELOAD_HINT,
      );

    let response: HttpResponseLike;
    try {
      response = await fetchFn(`${baseUrl}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request.data),
        credentials: 'same-origin',
      });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw hostError(
        'host.unreachable',
        `The Architecture Planner host does not answer (${detail}).`,
        'Check that `npm run web` is still running, then reload the page.',
      );
    }

    if (response.status !== 200 && response.status !== 400) {
      if (response.status >= 500) {
        // The host says what went wrong in its usual error shape when it can; its log has the details.
        const said = errorBodySchema.safeParse(await response.json().catch(() => null));
        if (said.success) throw new HostError(said.data.issues as [Issue, ...Issue[]]);
        throw hostError(
          'host.failed',
          `The host failed while handling ${channel} (${response.status}).`,
          'Look at the terminal running `npm run web` for the cause, then try again.',
        );
      }
      throw hostError(
        'host.refused',
        `The host refused the request (${response.status}): reload the page with the link printed by \`npm run web\`.`,
        RELOAD_HINT,
      );
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw hostError(
        'host.bad-response',
        `The host's answer to ${channel} is not JSON.`,
        'Rebuild and restart the host and the page together (`npm run web`).',
      );
    }
    const parsed = spec.output.safeParse(body);
    if (parsed.success) return parsed.data as ChannelOutput<C>;
    if (response.status === 400) {
      // A 400 on a channel whose output has no error variant (e.g. app.info) still names its issues.
      const error = errorBodySchema.safeParse(body);
      if (error.success) throw new HostError(error.data.issues as [Issue, ...Issue[]]);
    }
    throw hostError(
      'host.bad-response',
      `The host's answer to ${channel} does not match the contract (${firstZodMessage(parsed.error)}).`,
      'Rebuild and restart the host and the page together (`npm run web`).',
    );
  };
}
