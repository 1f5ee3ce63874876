import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PricingSnapshot } from '../../../core/pricing/snapshot';
import { Money } from '../../../core/util/money';
import { ROOT, loadSnapshot } from '../../helpers/example';

/**
 * Every published figure in the bundled snapshots, read again from ../shared/pricing-source by this
 * test's own small readers and compared exactly: EC2 On-Demand and Reserved rates by instance type,
 * and every other price by the AWS key text its description quotes.
 */
const SOURCE = join(ROOT, '..', 'shared', 'pricing-source');
const json = new Map<string, unknown>();
function read(file: string): unknown {
  let v = json.get(file);
  if (v === undefined) {
    v = JSON.parse(readFileSync(join(SOURCE, file), 'utf8')) as unknown;
    json.set(file, v);
  }
  return v;
}

type Metered = { regions: Record<string, Record<string, { price: string }>> };
type Processed = Record<string, Record<string, string>>;

/** The price under an AWS key for a snapshot's location, from a metered or a processed file. */
function sourcePrice(
  file: string,
  key: string,
  snapshot: PricingSnapshot,
  product: { attributes: Record<string, string> },
  begin: string,
): string | undefined {
  const data = read(file) as Metered | Processed;
  if ('regions' in data && typeof (data as Metered).regions === 'object') {
    const regions = (data as Metered).regions;
    const location = product.attributes.location;
    const regionKey = location === 'Global' ? '' : (location ?? snapshot.location);
    return regions[regionKey]?.[key]?.price;
  }
  const entries = Object.entries((data as Processed)[key] ?? {}).filter(
    ([label]) => label === snapshot.location || label.startsWith(`${snapshot.location} (`),
  );
  if (entries.length === 1) return entries[0]?.[1];
  return entries.find(([label]) => label.includes(`StartingRange: ${begin},`))?.[1];
}

describe.skipIf(!existsSync(SOURCE))('bundled snapshot figures equal the AWS source files', () => {
  for (const region of ['ap-south-1', 'us-east-1']) {
    it(`${region}: every published price, to the last digit`, () => {
      const snapshot = loadSnapshot(region);
      const files = new Map(snapshot.sources.map((s) => [s.id, s.file]));
      let checked = 0;
      for (const p of snapshot.products) {
        if (p.provenance.sourceId === 'ec2-ondemand') {
          if (p.provenance.derived) continue; // derived figures are checked against their rule elsewhere
          const rows = Object.values(
            (
              read(`ec2/${region}-ondemand.json`) as {
                regions: Record<string, Record<string, Record<string, string>>>;
              }
            ).regions[snapshot.location] ?? {},
          );
          const row = rows.find(
            (r) =>
              r['Instance Type'] === p.attributes.instanceType &&
              r['Operating System'] === 'Linux' &&
              r['Pre Installed S/W'] === 'NA',
          );
          expect(
            new Money(row?.price ?? 'NaN').eq(p.onDemand[0]?.usd ?? 'NaN'),
            p.attributes.instanceType,
          ).toBe(true);
          expect(p.onDemand[0]?.rateCode).toBe(row?.rateCode);
          for (const t of p.reserved ?? []) {
            const suffix = `${t.offeringClass === 'convertible' ? 'convertible-' : ''}${t.leaseContractLength === '1yr' ? '1y' : '3y'}`;
            const ri = Object.values(
              (
                read(`ec2/${region}-reservedinstance-${suffix}.json`) as {
                  regions: Record<string, Record<string, Record<string, string>>>;
                }
              ).regions[snapshot.location] ?? {},
            ).find((r) => r['Instance Type'] === p.attributes.instanceType);
            expect(
              new Money(ri?.price ?? 'NaN').eq(t.hourlyUsd),
              `${p.attributes.instanceType} ${suffix}`,
            ).toBe(true);
            expect(ri?.PurchaseOption).toBe(t.purchaseOption);
            expect(t.upfrontUsd).toBe('0');
            checked++;
          }
          checked++;
          continue;
        }
        const file = files.get(p.provenance.sourceId);
        if (!file) throw new Error(`unknown source ${p.provenance.sourceId}`);
        for (const d of p.onDemand) {
          const key = /AWS key "([^"]+)"/.exec(d.description)?.[1];
          if (!key) throw new Error(`${p.serviceCode} ${p.productFamily}: no AWS key in "${d.description}"`);
          const price = sourcePrice(file, key, snapshot, p, d.beginRange);
          expect(price, `${file} "${key}"`).toBeDefined();
          expect(new Money(price ?? 'NaN').eq(d.usd), `${file} "${key}"`).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(2000);
    });
  }

  it('FSx keys mapped without labels agree across every qualifying key, and are marked derived', () => {
    const snapshot = loadSnapshot('ap-south-1');
    const fsx = snapshot.products.filter((p) => p.serviceCode === 'AmazonFSx');
    expect(
      fsx.map((p) => [
        p.productFamily,
        p.attributes.storageType ?? p.attributes.usagetype ?? '',
        p.onDemand[0]?.usd,
      ]),
    ).toEqual([
      ['Provisioned Throughput', '', '4.5'],
      ['Storage', 'SSD', '0.23'],
      ['Storage', 'HDD', '0.027'],
      ['Storage', 'APS3-BackupUsage', '0.05'],
    ]);
    expect(fsx.every((p) => p.provenance.derived?.rule === 'fsx-windows-key-mapping')).toBe(true);
  });

  it('agree with the sourced table of Mumbai prices in ap-south-1-prices.md wherever both have the AWS key', () => {
    const snapshot = loadSnapshot('ap-south-1');
    const table = readFileSync(join(SOURCE, 'ap-south-1-prices.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| ') && l.includes('key "'));
    let matched = 0;
    for (const row of table) {
      const cells = row.split('|').map((c) => c.trim());
      const usd = cells[4];
      const key = /key "([^"]+)"/.exec(row)?.[1];
      const file = /meteredUnitMaps\/[^ ]+\.json/.exec(row)?.[0];
      if (!usd || !key || !file) continue;
      const origins = new Set(snapshot.sources.filter((s) => s.origin.endsWith(file)).map((s) => s.id));
      const dims = snapshot.products
        .filter((p) => origins.has(p.provenance.sourceId))
        .flatMap((p) => p.onDemand)
        .filter((d) => d.description.endsWith(`AWS key "${key}"`));
      if (dims.length === 0) continue;
      for (const d of dims) expect(new Money(d.usd).eq(usd), `${key}: ${d.usd} vs ${usd}`).toBe(true);
      matched++;
    }
    expect(matched).toBeGreaterThan(60);
  });
});
