import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/example';
import { ec2Item, exampleItem } from '../main/pricing-api/price-list-fixtures';
import { type PriceListServer, startPriceListServer } from '../main/pricing-api/price-list-server';

const tmp = () => mkdtempSync(join(tmpdir(), 'archplan-pricing-cli-'));

/** An environment with no AWS credentials and its own data folder, so the user's own is never touched. */
function isolatedEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k];
  const none = tmp();
  return {
    ...env,
    ARCHPLAN_DATA_DIR: dataDir,
    AWS_SHARED_CREDENTIALS_FILE: join(none, 'credentials'),
    AWS_CONFIG_FILE: join(none, 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** Runs the CLI from source without blocking this process, so the local Price List API can answer it. */
function archplan(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli', 'archplan.ts'), ...args], {
      cwd: ROOT,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: PriceListServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function items() {
  const linux = exampleItem();
  linux.product.attributes.regionCode = 'us-east-1';
  return {
    AmazonEC2: [
      linux,
      ec2Item({
        sku: 'TESTWINM5LARGE01',
        instanceType: 'm5.large',
        vcpu: 2,
        memoryGib: 8,
        operatingSystem: 'Windows',
        onDemandUsd: '0.1880000000',
      }),
    ],
  };
}

describe('archplan pricing', { timeout: 120_000 }, () => {
  it('refresh fetches live prices into the data folder, and info and estimates then name that refresh', async () => {
    server = await startPriceListServer({ items: items(), throttleFirst: 1 });
    const data = tmp();
    const env = isolatedEnv(data, {
      AWS_ACCESS_KEY_ID: 'AKIDTESTONLY',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
    });
    const r = await archplan(
      env,
      'pricing',
      'refresh',
      '--region',
      'us-east-1',
      '--endpoint',
      server.endpoint,
    );
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Refreshing us-east-1 prices from the AWS Price List API at ${server.endpoint}`,
    );
    expect(r.stdout).toContain('Fetched 2 prices: AmazonEC2 2.');
    const files = readdirSync(join(data, 'pricing'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^us-east-1-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.json$/);
    expect(r.stdout).toContain(`Wrote ${join(data, 'pricing', files[0] ?? '')}`);
    expect(r.stdout).toMatch(
      /Estimates for us-east-1 now use the live AWS Price List refresh of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC for us-east-1/,
    );
    expect(readFileSync(join(data, 'pricing', files[0] ?? ''), 'utf8')).not.toContain('AKIDTESTONLY');

    const info = await archplan(env, 'pricing', 'info', '--region', 'us-east-1');
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/estimates use: live AWS Price List refresh of .* for us-east-1/);
    expect(info.stdout).toContain('bundled snapshot: prices as of');
    expect(info.stdout).toContain('Savings Plans rates (Compute and EC2 Instance Savings Plans)');
    const other = await archplan(env, 'pricing', 'info', '--region', 'ap-south-1', '--json');
    expect(JSON.parse(other.stdout)[0]).toMatchObject({
      region: 'ap-south-1',
      inUse: 'bundled',
      refreshed: [],
    });

    const out = tmp();
    const plan = await archplan(
      env,
      'plan',
      'examples/rpa-estate.csv',
      '--region',
      'us-east-1',
      '--out',
      out,
      '--json',
    );
    expect(plan.code).toBe(0);
    const estimate = JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8'));
    expect(estimate.priceSource).toMatchObject({ kind: 'live', servicesFetched: ['AmazonEC2'] });
    expect(estimate.priceSource.description).toMatch(/^live AWS Price List refresh of /);
    const bundled = await archplan(
      env,
      'estimate',
      join(out, 'project.archplan.json'),
      '--json',
      '--bundled-prices',
    );
    expect(JSON.parse(bundled.stdout).priceSource.kind).toBe('snapshot');
  });

  it('refresh without credentials explains how to provide them, writes nothing, and the bundled snapshot stays in use', async () => {
    server = await startPriceListServer({ items: items() });
    const data = tmp();
    const env = isolatedEnv(data);
    const r = await archplan(
      env,
      'pricing',
      'refresh',
      '--region',
      'us-east-1',
      '--endpoint',
      server.endpoint,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'No AWS credentials were found, so prices cannot be refreshed from the AWS Price List API',
    );
    expect(r.stderr).toContain('--profile <name>');
    expect(r.stderr).toContain('The bundled price snapshot stays in use.');
    expect(r.stderr).not.toContain('internal error');
    expect(server.requests).toHaveLength(0);
    expect(() => readdirSync(join(data, 'pricing'))).toThrow();
    const info = await archplan(env, 'pricing', 'info', '--region', 'us-east-1');
    expect(info.stdout).toContain('estimates use: bundled AWS price snapshot for us-east-1');
  });

  it('refuses a refresh without a region, or for a region without a bundled snapshot', async () => {
    const env = isolatedEnv(tmp());
    expect((await archplan(env, 'pricing', 'refresh')).code).toBe(2);
    const r = await archplan(env, 'pricing', 'refresh', '--region', 'eu-west-9');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No price snapshot for region "eu-west-9"');
  });
});
