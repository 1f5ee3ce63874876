import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll } from '../../../scripts/build-pricing-snapshot';
import { createSnapshotPriceBook } from '../../../core/pricing/price-book';
import { ec2InstanceFilter } from '../../../core/pricing/resources/ec2-instance';
import { ROOT, loadSnapshot } from '../../helpers/example';

const SOURCE = join(ROOT, '..', 'shared', 'pricing-source');

describe('bundled price snapshots', () => {
  it.skipIf(!existsSync(SOURCE))(
    'are exactly what the build script makes from ../shared/pricing-source',
    () => {
      for (const [name, text] of buildAll(SOURCE)) {
        expect(
          readFileSync(join(ROOT, 'pricing-data', name), 'utf8'),
          `pricing-data/${name} is stale: run npm run pricing:build`,
        ).toBe(text);
      }
    },
  );

  it('carry published Linux prices with their AWS rate codes', () => {
    const book = createSnapshotPriceBook(loadSnapshot('ap-south-1'));
    const m = book.lookup({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        regionCode: 'ap-south-1',
        instanceType: 'm6i.xlarge',
        operatingSystem: 'Linux',
        preInstalledSw: 'NA',
      },
    });
    expect(m?.product.onDemand[0]).toMatchObject({
      usd: '0.202',
      unit: 'Hrs',
      rateCode: 'AHVK7YXNGSZYXKQ5.JRTCKXETXF.6YS6EN2CT7',
    });
    expect(m?.source).toMatchObject({
      kind: 'snapshot',
      derived: null,
      publishedAt: '2025-04-04T22:41:22Z',
      sourceFile: 'ec2/ap-south-1-ondemand.json',
    });
  });

  // Expected figures: ../shared/pricing-source/ap-south-1-prices.md, "DERIVED Mumbai EC2 licence-included prices".
  it.each([
    ['m6i.xlarge', 'none', '0.386'],
    ['m6i.xlarge', 'web', '0.454'],
    ['m6i.xlarge', 'standard', '0.866'],
    ['m6i.xlarge', 'enterprise', '1.886'],
    ['r6i.2xlarge', 'enterprise', '3.888'],
    ['m7i.xlarge', 'none', '0.3961'],
    ['r7i.xlarge', 'standard', '0.937'],
  ] as const)('derive %s with %s licence at %s/h, labelled as derived', (type, edition, usd) => {
    const book = createSnapshotPriceBook(loadSnapshot('ap-south-1'));
    const m = book.lookup(ec2InstanceFilter('ap-south-1', type, edition));
    expect(m?.product.onDemand[0]?.usd).toBe(usd);
    expect(m?.source.kind === 'snapshot' && m.source.derived?.rule).toBe('ec2-license-included');
  });

  it('bill SQL Standard for at least 4 vCPU and reproduce us-east-1 published Windows prices', () => {
    const east = createSnapshotPriceBook(loadSnapshot('us-east-1'));
    // 2-vCPU m6i.large: Linux 0.096 + 4 × 0.166 (minimum), not 2 × 0.166.
    expect(
      east.lookup(ec2InstanceFilter('us-east-1', 'm6i.large', 'standard'))?.product.onDemand[0]?.usd,
    ).toBe('0.76');
    // Published Windows m5.xlarge us-east-1 is 0.376 (pricing-source Task 1).
    expect(east.lookup(ec2InstanceFilter('us-east-1', 'm5.xlarge', 'none'))?.product.onDemand[0]?.usd).toBe(
      '0.376',
    );
    // Published Windows + SQL Std m6i.2xlarge us-east-1 is 1.712.
    expect(
      east.lookup(ec2InstanceFilter('us-east-1', 'm6i.2xlarge', 'standard'))?.product.onDemand[0]?.usd,
    ).toBe('1.712');
  });

  it('do not invent Windows prices where the licence rule does not hold', () => {
    const book = createSnapshotPriceBook(loadSnapshot('ap-south-1'));
    for (const type of ['t3.medium', 'm6g.large', 'c7i-flex.large', 'g4dn.xlarge']) {
      expect(book.lookup(ec2InstanceFilter('ap-south-1', type, 'none')), type).toBeNull();
    }
  });

  it('carry the published Linux Reserved Instance rates (No Upfront only) and store no derived price', () => {
    const snapshot = loadSnapshot('ap-south-1');
    const m6i = snapshot.products.find(
      (p) => p.attributes.instanceType === 'm6i.xlarge' && p.attributes.operatingSystem === 'Linux',
    );
    expect(
      m6i?.reserved?.map((t) => `${t.offeringClass} ${t.leaseContractLength} ${t.purchaseOption}`),
    ).toEqual([
      'standard 1yr No Upfront',
      'standard 3yr No Upfront',
      'convertible 1yr No Upfront',
      'convertible 3yr No Upfront',
    ]);
    expect(snapshot.products.some((p) => p.attributes.operatingSystem === 'Windows')).toBe(false);
    expect(loadSnapshot('us-east-1').gaps.map((g) => g.id)).toContain('ec2-ri-convertible');
  });

  it('list what the sources lack, in the snapshot and in the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'pricing-data', 'manifest.json'), 'utf8')) as {
      snapshots: {
        region: string;
        notPriced: { id: string; what: string; reason: string }[];
        services: string[];
      }[];
    };
    for (const region of ['ap-south-1', 'us-east-1']) {
      const entry = manifest.snapshots.find((s) => s.region === region);
      expect(entry?.notPriced.map((g) => g.id)).toEqual(loadSnapshot(region).gaps.map((g) => g.id));
      expect(entry?.notPriced.map((g) => g.id)).toEqual(
        expect.arrayContaining([
          'savings-plans',
          'fsx-windows-single-az',
          'rds-sqlserver-class',
          'managed-microsoft-ad',
          'cross-az-transfer',
          'ec2-ri-upfront',
        ]),
      );
      expect(entry?.services).toEqual(
        expect.arrayContaining([
          'AmazonEC2',
          'AWSELB',
          'AmazonS3',
          'awskms',
          'AWSCloudTrail',
          'AWSConfig',
          'AmazonCloudWatch',
          'AmazonGuardDuty',
          'awswaf',
          'AmazonRoute53',
          'AmazonVPC',
          'AWSDirectConnect',
          'AWSSecretsManager',
          'AmazonFSx',
          'AmazonRDS',
          'AWSDataTransfer',
        ]),
      );
    }
  });
});
