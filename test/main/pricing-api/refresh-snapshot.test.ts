import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { estimateTopology } from '../../../core/pricing/estimate';
import { createSnapshotPriceBook, describePriceBook } from '../../../core/pricing/price-book';
import { ec2InstanceFilter } from '../../../core/pricing/resources/ec2-instance';
import { Money } from '../../../core/util/money';
import { createSnapshotLoader } from '../../../main/handlers/snapshot-loader';
import { convertPriceListItem } from '../../../main/services/pricing-api/price-list-item';
import { createPriceListClient } from '../../../main/services/pricing-api/price-list-client';
import { refreshSnapshot } from '../../../main/services/pricing-api/refresh-snapshot';
import { writeRefreshedSnapshot } from '../../../main/services/pricing-api/refreshed-snapshots';
import { ROOT, loadSnapshot } from '../../helpers/example';
import { botRunner, topologyOf } from '../../core/pricing/small-topologies';
import { EXAMPLE_ITEM_FILE, ec2Item, exampleItem, linuxOnDemand } from './price-list-fixtures';
import { type PriceListServer, startPriceListServer } from './price-list-server';

const FETCHED = new Date('2026-11-23T10:00:00.000Z');
const AWS_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
];
let saved: Record<string, string | undefined> = {};
let server: PriceListServer | null = null;
const tmp = () => mkdtempSync(join(tmpdir(), 'archplan-pricing-'));

/** An environment with no AWS credentials anywhere: no variables, no files, no instance metadata. */
function clearAwsEnv(): void {
  for (const k of AWS_ENV) delete process.env[k];
  const dir = tmp();
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
}

beforeEach(() => {
  saved = Object.fromEntries(AWS_ENV.map((k) => [k, process.env[k]]));
  clearAwsEnv();
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await server?.close();
  server = null;
});

function useTestCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTONLY';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-never-stored';
}

/** us-east-1 products: Linux m5 types at their published prices, and Windows m5 rows AWS publishes. */
function us_east_items() {
  const linux = ['m5.xlarge', 'm5.2xlarge'].map((type) => {
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
  const base = exampleItem();
  base.product.attributes.regionCode = 'us-east-1';
  return [
    base, // the real m5.large Linux item, with its 12 Reserved terms
    ...linux,
    // Observed Windows prices (pricing-source/ap-south-1-prices.md, Task 1, source [C]).
    ec2Item({
      sku: 'TESTWINM5LARGE01',
      instanceType: 'm5.large',
      vcpu: 2,
      memoryGib: 8,
      operatingSystem: 'Windows',
      onDemandUsd: '0.1880000000',
    }),
    ec2Item({
      sku: 'TESTWINM5XLARGE1',
      instanceType: 'm5.xlarge',
      vcpu: 4,
      memoryGib: 16,
      operatingSystem: 'Windows',
      onDemandUsd: '0.3760000000',
    }),
  ];
}

const fastRetries = { baseDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };

describe('reading a GetProducts PriceList item', () => {
  it('keeps the On-Demand price, rate code and every Reserved term with its upfront and hourly parts', () => {
    const text = readFileSync(EXAMPLE_ITEM_FILE, 'utf8');
    const r = convertPriceListItem(text, 'us-east-1', 'live-AmazonEC2');
    if (!r.ok) throw new Error(r.reason);
    const p = r.value.product;
    expect(p).toMatchObject({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        instanceType: 'm5.large',
        operatingSystem: 'Linux',
        preInstalledSw: 'NA',
        regionCode: 'us-east-1',
      },
      onDemand: [{ unit: 'Hrs', usd: '0.096', rateCode: '6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7' }],
    });
    // Every term, checked against the file itself.
    const raw = exampleItem();
    const terms = Object.values(raw.terms.Reserved ?? {});
    expect(p.reserved).toHaveLength(terms.length);
    for (const t of terms) {
      const dims = Object.values(t.priceDimensions);
      const hourly = dims.find((d) => d.unit === 'Hrs')?.pricePerUnit.USD ?? '0';
      const upfront = dims.find((d) => d.unit === 'Quantity')?.pricePerUnit.USD ?? '0';
      const mine = p.reserved?.find(
        (x) =>
          x.offeringClass === t.termAttributes.OfferingClass &&
          x.leaseContractLength === t.termAttributes.LeaseContractLength &&
          x.purchaseOption === t.termAttributes.PurchaseOption,
      );
      expect(mine?.hourlyUsd).toBe(new Money(hourly).toFixed());
      expect(mine?.upfrontUsd).toBe(new Money(upfront).toFixed());
    }
  });

  it('reports an item it cannot read instead of guessing', () => {
    expect(convertPriceListItem('{"product": {', 'us-east-1', 'x')).toEqual({
      ok: false,
      reason: 'not valid JSON',
    });
    expect(convertPriceListItem('{"product": {}, "terms": {}}', 'us-east-1', 'x').ok).toBe(false);
    const noPrice = exampleItem();
    noPrice.terms.OnDemand = {};
    expect(convertPriceListItem(JSON.stringify(noPrice), 'us-east-1', 'x')).toEqual({
      ok: false,
      reason: 'no On-Demand terms',
    });
  });
});

describe('a live price refresh against a local Price List API', () => {
  it('fetches every page, retries throttling with backoff, skips a malformed item, and prices from live data', async () => {
    useTestCredentials();
    server = await startPriceListServer({
      items: { AmazonEC2: us_east_items() },
      pageSize: 1,
      throttleFirst: 3,
      rawExtras: { AmazonEC2: ['{"product": {"productFamily": "Compute Instance", '] },
    });
    const client = createPriceListClient({ endpoint: server.endpoint, ...fastRetries });
    const result = await refreshSnapshot({
      region: 'us-east-1',
      bundled: loadSnapshot('us-east-1'),
      client,
      endpointLabel: server.endpoint,
      now: () => FETCHED,
      concurrency: 3,
    });
    client.destroy();
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    const { snapshot, summary } = result.value;

    // Pagination: with one item a page, the Linux query needed a NextToken for pages 2 and 3.
    const linuxPages = server.requests.filter(
      (r) =>
        r.body.Filters?.some((f) => f.Field === 'operatingSystem' && f.Value === 'Linux') &&
        r.target.endsWith('GetProducts'),
    );
    expect(linuxPages.map((r) => r.body.NextToken ?? null)).toEqual(expect.arrayContaining([null, '1', '2']));
    // Throttling: three requests were refused and retried, and the refresh still completed.
    expect(server.requests.length).toBeGreaterThanOrEqual(3 + linuxPages.length);
    expect(summary.products.AmazonEC2).toBe(5);
    expect(summary.malformedItems).toBe(1);
    expect(result.issues.find((i) => i.code === 'pricing.live-malformed-items')?.message).toBe(
      '1 price list item from AWS could not be read and was skipped.',
    );
    // Every request was signed with the credentials from the environment, sent to 127.0.0.1 only.
    expect(server.requests.every((r) => r.authorization?.includes('Credential=AKIDTESTONLY/'))).toBe(true);

    expect(snapshot.origin).toMatchObject({
      kind: 'live',
      fetchedAt: FETCHED.toISOString(),
      servicesFetched: ['AmazonEC2'],
    });
    const book = createSnapshotPriceBook(snapshot);
    // The observed Windows price replaces the derived one, and says it is live.
    const win = book.lookup(ec2InstanceFilter('us-east-1', 'm5.large', 'none'));
    expect(win?.product.onDemand[0]?.usd).toBe('0.188');
    expect(win?.source).toMatchObject({ kind: 'live', fetchedAt: FETCHED.toISOString(), derived: null });
    // Services the refresh did not get keep their bundled prices and sources.
    const nat = book.lookup({
      serviceCode: 'AmazonEC2',
      productFamily: 'NAT Gateway',
      attributes: { regionCode: 'us-east-1' },
      contains: { usagetype: 'NatGateway-Hours' },
    });
    expect(nat?.source).toMatchObject({
      kind: 'snapshot',
      sourceFile: 'pricing-pages/2025-11/natgateway.json',
    });
    expect(describePriceBook(book.description)).toMatch(
      /^live AWS Price List refresh of 2026-11-23 10:00 UTC for us-east-1; \d+ services from the bundled snapshot$/,
    );

    // Reserved Instances from live data: Linux RI (published) + the Windows licence at On-Demand rates.
    const topology = topologyOf('us-east-1', [
      botRunner({ instanceType: 'm5.large', volumes: [], zone: 'us-east-1a' }),
    ]);
    const noUpfront = estimateTopology(topology, book, 'ri-standard-1yr-no-upfront').lines[0];
    expect(noUpfront).toMatchObject({
      component: 'Instance usage (Windows, reserved standard 1yr no upfront, m5.large)',
      unitPriceUsd: '0.152', // 0.06 Linux RI + (0.188 − 0.096) licence
      upfrontUsd: '0.00',
      purchaseOption: 'ri-standard-1yr-no-upfront',
      source: { kind: 'live', derived: { rule: 'ec2-ri-license-included' } },
    });
    const allUpfront = estimateTopology(topology, book, 'ri-standard-1yr-all-upfront').lines[0];
    const fileTerm = Object.values(exampleItem().terms.Reserved ?? {}).find(
      (t) =>
        t.termAttributes.OfferingClass === 'standard' &&
        t.termAttributes.LeaseContractLength === '1yr' &&
        t.termAttributes.PurchaseOption === 'All Upfront',
    );
    const fileUpfront = Object.values(fileTerm?.priceDimensions ?? {}).find((d) => d.unit === 'Quantity')
      ?.pricePerUnit.USD;
    expect(allUpfront?.upfrontUsd).toBe(new Money(fileUpfront ?? 'NaN').toFixed(2));
    expect(allUpfront?.unitPriceUsd).toBe('0.092'); // all upfront: only the licence is billed by the hour
    expect(allUpfront?.effectiveMonthlyUsd).toBe(
      new Money('0.092')
        .times(730)
        .plus(new Money(fileUpfront ?? 'NaN').div(12))
        .toFixed(2),
    );

    // Written atomically to the data folder; the app's loader then prefers it over the bundled snapshot.
    const dir = tmp();
    const file = await writeRefreshedSnapshot(dir, snapshot);
    expect(file).toBe(join(dir, 'us-east-1-2026-11-23T10-00-00-000Z.json'));
    expect(readdirSync(dir)).toEqual(['us-east-1-2026-11-23T10-00-00-000Z.json']);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('AKIDTESTONLY');
    expect(text).not.toContain('test-secret-never-stored');
    const loaded = await createSnapshotLoader(join(ROOT, 'pricing-data'), dir).snapshot('us-east-1');
    expect(loaded.ok && loaded.value.origin).toMatchObject({
      kind: 'live',
      fetchedAt: FETCHED.toISOString(),
    });
    const other = await createSnapshotLoader(join(ROOT, 'pricing-data'), dir).snapshot('ap-south-1');
    expect(other.ok && other.value.origin).toEqual({ kind: 'bundled' });
  });

  it('without credentials says so plainly, sends nothing, and the bundled snapshot stays in use', async () => {
    server = await startPriceListServer({ items: { AmazonEC2: us_east_items() } });
    const client = createPriceListClient({ endpoint: server.endpoint, ...fastRetries });
    const result = await refreshSnapshot({
      region: 'us-east-1',
      bundled: loadSnapshot('us-east-1'),
      client,
      endpointLabel: server.endpoint,
      now: () => FETCHED,
    });
    client.destroy();
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'pricing.live-no-credentials',
        severity: 'error',
        message: expect.stringMatching(/^No AWS credentials were found, so prices cannot be refreshed/),
        hint: expect.stringContaining('--profile <name>'),
      }),
    ]);
    expect(result.issues[0]?.hint).toContain('The bundled price snapshot stays in use.');
    expect(server.requests).toHaveLength(0);
    const dir = tmp();
    const loaded = await createSnapshotLoader(join(ROOT, 'pricing-data'), dir).snapshot('us-east-1');
    expect(loaded.ok && loaded.value.origin).toEqual({ kind: 'bundled' });
  });

  it('reads credentials from a named profile in the shared files (--profile)', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'credentials'),
      '[archplan-test]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = profile-secret\n',
    );
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    server = await startPriceListServer({ items: { AmazonEC2: us_east_items() } });
    const client = createPriceListClient({
      endpoint: server.endpoint,
      profile: 'archplan-test',
      ...fastRetries,
    });
    expect(await client.checkCredentials()).toBeNull();
    const r = await client.fetchAll(
      { serviceCode: 'AmazonEC2', filters: { instanceType: 'm5.large', operatingSystem: 'Linux' } },
      new AbortController().signal,
    );
    client.destroy();
    expect(r.ok && r.items).toHaveLength(1);
    expect(server.requests[0]?.authorization).toContain('Credential=AKIDFROMPROFILE/');
  });

  it('gives up after repeated throttling with a clear issue', async () => {
    useTestCredentials();
    server = await startPriceListServer({
      items: {},
      failAll: { status: 400, type: 'ThrottlingException', message: 'Rate exceeded' },
    });
    const client = createPriceListClient({ endpoint: server.endpoint, maxAttempts: 3, ...fastRetries });
    const result = await refreshSnapshot({
      region: 'us-east-1',
      bundled: loadSnapshot('us-east-1'),
      client,
      endpointLabel: server.endpoint,
      now: () => FETCHED,
      queries: [{ serviceCode: 'AmazonEC2', filters: { regionCode: 'us-east-1' } }],
    });
    client.destroy();
    expect(server.requests).toHaveLength(3);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({
      code: 'pricing.live-throttled',
      hint: expect.stringContaining('try again in a few minutes'),
    });
  });

  it('stops at the overall deadline when the API does not answer', async () => {
    useTestCredentials();
    server = await startPriceListServer({ items: {}, hang: true });
    const client = createPriceListClient({ endpoint: server.endpoint, ...fastRetries });
    const result = await refreshSnapshot({
      region: 'us-east-1',
      bundled: loadSnapshot('us-east-1'),
      client,
      endpointLabel: server.endpoint,
      now: () => FETCHED,
      timeoutMs: 300,
      queries: [{ serviceCode: 'AmazonEC2', filters: { regionCode: 'us-east-1' } }],
    });
    client.destroy();
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('pricing.live-timeout');
  });
});
