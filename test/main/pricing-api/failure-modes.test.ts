import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotLoader } from '../../../main/handlers/snapshot-loader';
import { createPriceListClient } from '../../../main/services/pricing-api/price-list-client';
import { refreshSnapshot } from '../../../main/services/pricing-api/refresh-snapshot';
import { ROOT, loadSnapshot } from '../../helpers/example';
import { ec2Item, exampleItem, linuxOnDemand } from './price-list-fixtures';
import { type PriceListServer, startPriceListServer } from './price-list-server';

/**
 * What the architect sees when the live Price List path fails half-way: offline, an expired session,
 * a listing cut off after its first page. Each ends in one issue that names the cause, and the
 * bundled snapshot stays the one in use (no partial refresh is written or read).
 */
const FETCHED = new Date('2026-11-23T10:00:00.000Z');
const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
let saved: Record<string, string | undefined> = {};
let server: PriceListServer | null = null;
const fastRetries = { baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5, maxAttempts: 3 };
const EC2_QUERY = [{ serviceCode: 'AmazonEC2', filters: { regionCode: 'us-east-1' } }];

beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  delete process.env.AWS_PROFILE;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTONLY';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-never-stored';
  process.env.AWS_SESSION_TOKEN = 'session-token-from-sso';
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await server?.close();
  server = null;
});

function threeItems() {
  const base = exampleItem();
  base.product.attributes.regionCode = 'us-east-1';
  const more = ['m5.xlarge', 'm5.2xlarge'].map((type) => {
    const p = linuxOnDemand(type);
    return ec2Item({
      sku: p.sku,
      instanceType: type,
      vcpu: p.vcpu,
      memoryGib: p.memoryGib,
      operatingSystem: 'Linux',
      onDemandUsd: p.usd,
    });
  });
  return [base, ...more];
}

/** A loopback port with nothing listening on it: what "offline" looks like to the SDK. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function refreshAgainst(endpoint: string) {
  const client = createPriceListClient({ endpoint, ...fastRetries });
  try {
    return await refreshSnapshot({
      region: 'us-east-1',
      bundled: loadSnapshot('us-east-1'),
      client,
      endpointLabel: endpoint,
      now: () => FETCHED,
      timeoutMs: 10_000,
      queries: EC2_QUERY,
    });
  } finally {
    client.destroy();
  }
}

async function bundledStaysInUse(): Promise<void> {
  const refreshed = mkdtempSync(join(tmpdir(), 'archplan-refreshed-'));
  const loaded = await createSnapshotLoader(join(ROOT, 'pricing-data'), refreshed).snapshot('us-east-1');
  expect(loaded.ok && loaded.value.origin).toEqual({ kind: 'bundled' });
  expect(readdirSync(refreshed)).toEqual([]);
}

describe('live pricing failure modes', () => {
  it('offline: says the API could not be reached and keeps the bundled snapshot', async () => {
    const result = await refreshAgainst(`http://127.0.0.1:${await closedPort()}`);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'pricing.live-unreachable',
        message: expect.stringMatching(/^The AWS Price List API could not be reached/),
        hint: expect.stringContaining('The bundled price snapshot stays in use.'),
      }),
    ]);
    await bundledStaysInUse();
  });

  it('expired credentials: asks the architect to sign in again, without retrying', async () => {
    server = await startPriceListServer({
      items: {},
      failAll: {
        status: 400,
        type: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
      },
    });
    const result = await refreshAgainst(server.endpoint);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({
      code: 'pricing.live-expired-credentials',
      message: expect.stringContaining('The AWS credentials have expired'),
      hint: expect.stringContaining('aws sso login'),
    });
    // An expired token will not get better by asking again.
    expect(server.requests).toHaveLength(1);
    await bundledStaysInUse();
  });

  it('a listing cut off after its first page is not used as if it were complete', async () => {
    server = await startPriceListServer({
      items: { AmazonEC2: threeItems() },
      pageSize: 1,
      failLaterPages: {
        serviceCode: 'AmazonEC2',
        status: 500,
        type: 'InternalErrorException',
        message: 'An internal error occurred',
      },
    });
    const result = await refreshAgainst(server.endpoint);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({
      code: 'pricing.live-api-error',
      message: expect.stringContaining('InternalErrorException'),
      hint: expect.stringContaining('The bundled price snapshot stays in use.'),
    });
    // Page 1 answered, page 2 was retried up to the attempt limit, then the service was dropped whole.
    expect(server.requests.map((r) => r.body.NextToken ?? null)).toEqual([null, '1', '1', '1']);
    await bundledStaysInUse();
  });

  it('throttled on every page: retries a bounded number of times, then says so', async () => {
    server = await startPriceListServer({
      items: {},
      failAll: { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' },
    });
    const result = await refreshAgainst(server.endpoint);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('pricing.live-throttled');
    expect(server.requests).toHaveLength(fastRetries.maxAttempts);
    await bundledStaysInUse();
  });
});
