import { describe, expect, it } from 'vitest';
import { buildHostApi } from '../../../renderer/host/build-host-api';
import { HostError } from '../../../renderer/host/host-error';
import { type FetchLike, createHttpInvoke } from '../../../renderer/host/http-host';

interface Call {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (call: Call) => { status: number; body: unknown } | Error): {
  fetch: FetchLike;
  calls: Call[];
} {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url, headers: init.headers, body: JSON.parse(init.body) as unknown };
    calls.push(call);
    const answer = respond(call);
    if (answer instanceof Error) throw answer;
    return { status: answer.status, json: async () => answer.body };
  };
  return { fetch, calls };
}

async function failure(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}

const info = {
  version: '0.1.0',
  mode: 'browser',
  regions: ['ap-south-1', 'us-east-1'],
  workspace: '/home/architect/ArchitecturePlanner',
};

describe('browser-mode host API', () => {
  it('posts the channel input to /api/<channel> with the token header and parses the answer', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: info }));
    const api = buildHostApi(createHttpInvoke(fetch, () => 'tok-1'));
    await expect(api.appInfo({})).resolves.toEqual(info);
    expect(calls).toEqual([
      {
        url: '/api/app.info',
        headers: { 'Content-Type': 'application/json', 'X-Archplan-Token': 'tok-1' },
        body: {},
      },
    ]);
  });

  it('returns a 400 answer as the channel’s own error value', async () => {
    const issue = {
      code: 'project.not-found',
      severity: 'error',
      message: 'acme.archplan.json no longer exists.',
      hint: 'Pick another project.',
      path: { file: 'acme.archplan.json' },
    };
    const { fetch } = fakeFetch(() => ({ status: 400, body: { status: 'error', issues: [issue] } }));
    const api = buildHostApi(createHttpInvoke(fetch, () => 'tok'));
    await expect(api.projectOpen({ path: 'acme.archplan.json' })).resolves.toEqual({
      status: 'error',
      issues: [issue],
    });
  });

  it('turns a 400 on a channel without an error variant into a HostError carrying the host’s issues', async () => {
    const issue = {
      code: 'ipc.invalid-input',
      severity: 'error',
      message: 'Invalid app.info request: (root): unrecognized key',
      hint: 'Reload the window.',
    };
    const { fetch } = fakeFetch(() => ({ status: 400, body: { status: 'error', issues: [issue] } }));
    const error = await failure(buildHostApi(createHttpInvoke(fetch, () => 'tok')).appInfo({}));
    expect(error.issues).toEqual([issue]);
  });

  it('tells the architect to reload with the printed link when the host refuses the token', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 401,
      body: {
        status: 'error',
        issues: [{ code: 'http.bad-token', severity: 'error', message: 'no token', hint: '' }],
      },
    }));
    const error = await failure(buildHostApi(createHttpInvoke(fetch, () => 'stale')).projectRecent({}));
    expect(error.issues[0]?.code).toBe('host.refused');
    expect(error.message).toBe(
      'The host refused the request (401): reload the page with the link printed by `npm run web`.',
    );
  });

  it('does not call the host at all without a token', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: info }));
    const error = await failure(buildHostApi(createHttpInvoke(fetch, () => null)).appInfo({}));
    expect(error.issues[0]?.code).toBe('host.no-token');
    expect(calls).toHaveLength(0);
  });

  it('reports an unreachable host (npm run web stopped)', async () => {
    const { fetch } = fakeFetch(() => new TypeError('Failed to fetch'));
    const error = await failure(buildHostApi(createHttpInvoke(fetch, () => 'tok')).appInfo({}));
    expect(error.issues[0]?.code).toBe('host.unreachable');
    expect(error.message).toContain('Failed to fetch');
  });

  it('shows the host’s own message for a 500', async () => {
    const issue = {
      code: 'host.unexpected',
      severity: 'error',
      message: 'Something went wrong while handling project.save.',
      hint: 'Try again.',
    };
    const { fetch } = fakeFetch(() => ({ status: 500, body: { status: 'error', issues: [issue] } }));
    const error = await failure(buildHostApi(createHttpInvoke(fetch, () => 'tok')).projectRecent({}));
    expect(error.issues).toEqual([issue]);
  });

  it('rejects an answer that breaks the contract instead of passing it on', async () => {
    const { fetch } = fakeFetch(() => ({ status: 200, body: { files: [{ path: 'a.archplan.json' }] } }));
    const error = await failure(buildHostApi(createHttpInvoke(fetch, () => 'tok')).projectRecent({}));
    expect(error.issues[0]?.code).toBe('host.bad-response');
    expect(error.message).toContain('files.0');
  });

  it('refuses to send a request that breaks the contract', async () => {
    const { fetch, calls } = fakeFetch(() => ({ status: 200, body: {} }));
    const api = buildHostApi(createHttpInvoke(fetch, () => 'tok'));
    const error = await failure(api.pricingSnapshot({ region: 'Mumbai' }));
    expect(error.issues[0]?.code).toBe('host.bad-request');
    expect(calls).toHaveLength(0);
  });
});
