import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePurchaseOptions } from '../../../core/pricing/compare';
import { estimateTopology, priceComponent } from '../../../core/pricing/estimate';
import { createSnapshotPriceBook } from '../../../core/pricing/price-book';
import { parsePurchaseOption, purchaseOptionLabel } from '../../../core/pricing/purchase-options';
import {
  ec2InstanceComponents,
  ec2InstanceFilter,
  linuxInstanceFilter,
} from '../../../core/pricing/resources/ec2-instance';
import { DEFAULT_USAGE } from '../../../core/pricing/usage';
import { PURCHASE_OPTIONS } from '../../../core/model/options';
import { Money } from '../../../core/util/money';
import { ROOT, loadSnapshot, planExample } from '../../helpers/example';
import { node, sqlServer, topologyOf } from './small-topologies';

const SOURCE = join(ROOT, '..', 'shared', 'pricing-source');
const mumbai = () => createSnapshotPriceBook(loadSnapshot('ap-south-1'));
const usEast = () => createSnapshotPriceBook(loadSnapshot('us-east-1'));

/** The published Linux RI rate from the staged AWS file, read independently of the snapshot builder. */
function linuxRi(region: string, file: string, instanceType: string): string {
  const data = JSON.parse(readFileSync(join(SOURCE, 'ec2', `${region}-${file}.json`), 'utf8')) as {
    regions: Record<string, Record<string, { 'Instance Type': string; price: string }>>;
  };
  const row = Object.values(Object.values(data.regions)[0] ?? {}).find(
    (r) => r['Instance Type'] === instanceType,
  );
  if (!row) throw new Error(`${instanceType} not in ${file}`);
  return new Money(row.price).toFixed();
}

function instanceLine(
  topology: ReturnType<typeof topologyOf>,
  book: ReturnType<typeof mumbai>,
  option: (typeof PURCHASE_OPTIONS)[number],
) {
  const line = estimateTopology(topology, book, option).lines.find((l) =>
    /^(Instance usage|Database instance)/.test(l.component),
  );
  if (!line) throw new Error('no instance line');
  return line;
}

describe('purchase options', () => {
  it('names each option the way AWS does', () => {
    expect(purchaseOptionLabel('ri-standard-3yr-partial-upfront')).toBe(
      'Standard Reserved Instance, 3 years, Partial Upfront',
    );
    expect(purchaseOptionLabel('sp-compute-1yr-no-upfront')).toBe('Compute Savings Plan, 1 year, No Upfront');
    expect(parsePurchaseOption('ri-convertible-1yr-all-upfront')).toEqual({
      kind: 'reserved',
      offeringClass: 'convertible',
      leaseContractLength: '1yr',
      payment: 'All Upfront',
      termMonths: 12,
    });
  });

  it('discounts the compute part with a Reserved Instance and keeps the licence at On-Demand rates', () => {
    const book = mumbai();
    const topology = topologyOf('ap-south-1', [sqlServer()]);
    const line = instanceLine(topology, book, 'ri-standard-1yr-no-upfront');
    const ri = linuxRi('ap-south-1', 'reservedinstance-1y', 'r6i.2xlarge');
    const linuxOd =
      book.lookup(linuxInstanceFilter('ap-south-1', 'r6i.2xlarge'))?.product.onDemand[0]?.usd ?? 'NaN';
    const stdOd =
      book.lookup(ec2InstanceFilter('ap-south-1', 'r6i.2xlarge', 'standard'))?.product.onDemand[0]?.usd ??
      'NaN';
    const licence = new Money(stdOd).minus(linuxOd);
    expect(licence.toFixed()).toBe('1.328'); // 8 vCPU × 0.166, never discounted
    expect(line).toMatchObject({
      component:
        'Instance usage (Windows with SQL Server Standard, reserved standard 1yr no upfront, r6i.2xlarge)',
      unitPriceUsd: new Money(ri).plus(licence).toFixed(),
      upfrontUsd: '0.00',
      purchaseOption: 'ri-standard-1yr-no-upfront',
      source: {
        kind: 'snapshot',
        sourceFile: 'ec2/ap-south-1-ondemand.json',
        derived: {
          rule: 'ec2-ri-license-included',
          inputs: [
            expect.stringContaining(`Linux Reserved Instance ${ri}/h`),
            expect.stringContaining('licence 1.328/h'),
          ],
        },
      },
    });
    expect(line.monthlyUsd).toBe(new Money(ri).plus(licence).times(730).toFixed(2));
    // The Linux part alone: cheaper than On-Demand by exactly the published RI discount.
    const od = instanceLine(topology, book, 'on-demand');
    expect(new Money(od.unitPriceUsd ?? 'NaN').minus(line.unitPriceUsd ?? 'NaN').toFixed()).toBe(
      new Money(linuxOd).minus(ri).toFixed(),
    );
  });

  it('says which Reserved and Savings Plans rates need a live price refresh instead of guessing them', () => {
    const topology = topologyOf('ap-south-1', [sqlServer()]);
    for (const option of ['ri-standard-1yr-partial-upfront', 'ri-convertible-3yr-all-upfront'] as const) {
      const line = instanceLine(topology, mumbai(), option);
      expect(line.monthlyUsd).toBeNull();
      expect(line.priceNotFound?.reason).toMatch(
        /^needs a live price refresh: EC2 Reserved Instances paid Partial Upfront or All Upfront/,
      );
      expect(line.priceNotFound?.reason).toContain('No Upfront rates only');
    }
    const sp = instanceLine(topology, mumbai(), 'sp-compute-3yr-no-upfront');
    expect(sp.priceNotFound?.reason).toMatch(/^needs a live price refresh: Savings Plans rates/);
    const east = topologyOf('us-east-1', [sqlServer({ zone: 'us-east-1a' })]);
    expect(instanceLine(east, usEast(), 'ri-convertible-1yr-no-upfront').priceNotFound?.reason).toContain(
      'No convertible Reserved Instance file is staged for US East (N. Virginia)',
    );
  });

  it('lowers only the licence part with Optimize CPUs, billing SQL Server for at least 4 vCPU', () => {
    const book = mumbai();
    const linuxOd = new Money(
      book.lookup(linuxInstanceFilter('ap-south-1', 'r6i.2xlarge'))?.product.onDemand[0]?.usd ?? 'NaN',
    );
    const half = instanceLine(
      topologyOf('ap-south-1', [sqlServer({ optimizeCpu: { coreCount: 2, threadsPerCore: 2 } })]),
      book,
      'on-demand',
    );
    // 4 of 8 vCPU active: licence 8 × 0.166 = 1.328 becomes 4 × 0.166 = 0.664.
    expect(half.unitPriceUsd).toBe(linuxOd.plus('0.664').toFixed());
    expect(half.source?.derived).toMatchObject({ rule: 'ec2-optimize-cpu' });
    expect(half.attributes.activeVcpu).toBe('4');
    const two = instanceLine(
      topologyOf('ap-south-1', [sqlServer({ optimizeCpu: { coreCount: 1, threadsPerCore: 2 } })]),
      book,
      'on-demand',
    );
    expect(two.unitPriceUsd).toBe(half.unitPriceUsd); // 2 active, billed as 4
    // AWS: RI discounts may not apply with Optimize CPUs, so the line stays On-Demand and says why.
    const ri = instanceLine(
      topologyOf('ap-south-1', [sqlServer({ optimizeCpu: { coreCount: 2, threadsPerCore: 2 } })]),
      book,
      'ri-standard-3yr-no-upfront',
    );
    expect(ri).toMatchObject({ purchaseOption: 'on-demand', unitPriceUsd: half.unitPriceUsd });
    expect(ri.assumption).toContain('Reserved Instance discounts may not apply');
  });

  it('prices Linux and SQL Server bring-your-own-licence instances from the right rows', () => {
    const book = mumbai();
    const args = {
      instanceType: 'm6i.xlarge',
      platform: 'linux' as const,
      sqlEdition: 'none' as const,
      sqlLicense: 'license-included' as const,
      optimizeCpu: null,
      volumes: [],
      associatePublicIp: false,
      autoRecovery: false,
      crossAzReplica: false,
    };
    const owner = { id: 'x', name: 'LINUX-01', role: 'app' as const };
    const [linux] = ec2InstanceComponents(owner, args, 'ap-south-1', DEFAULT_USAGE);
    if (!linux) throw new Error('no component');
    const ri = priceComponent(linux, book, 'ri-standard-3yr-no-upfront').line;
    expect(ri).toMatchObject({
      component: 'Instance usage (Linux, reserved standard 3yr no upfront, m6i.xlarge)',
      unitPriceUsd: linuxRi('ap-south-1', 'reservedinstance-3y', 'm6i.xlarge'),
      source: { derived: null },
    });
    const [byol] = ec2InstanceComponents(
      owner,
      { ...args, platform: 'windows', sqlEdition: 'enterprise', sqlLicense: 'byol' },
      'ap-south-1',
      DEFAULT_USAGE,
    );
    if (!byol) throw new Error('no component');
    expect(priceComponent(byol, book, 'on-demand').line).toMatchObject({
      component: 'Instance usage (Windows, SQL Server enterprise BYOL, on-demand, m6i.xlarge)',
      unitPriceUsd: '0.386', // the Windows price: the SQL Server licence is the customer's own
    });
  });

  it('keeps RDS On-Demand when no RDS Reserved rate is bundled, and says so on the line', () => {
    const rds = node('rds-sql-server', {
      id: 'rds',
      name: 'SQL Server (RDS)',
      instanceClass: 'db.r6i.xlarge',
      edition: 'standard',
      multiAz: true,
      storageType: 'gp3',
      storageGib: 500,
      iops: 3000,
      encrypted: true,
      kmsKeyId: null,
      backupRetentionDays: 7,
      subnetIds: [],
      securityGroupIds: [],
      serverIds: [],
    });
    const line = instanceLine(topologyOf('ap-south-1', [rds]), mumbai(), 'ri-standard-1yr-no-upfront');
    expect(line).toMatchObject({
      component:
        'Database instance (SQL Server Standard, License Included, Multi-AZ, on-demand, db.r6i.xlarge)',
      unitPriceUsd: '2.872', // pricing-source table: db.r6i.xlarge SE LI Multi-AZ
      purchaseOption: 'on-demand',
    });
    expect(line.assumption).toContain('RDS for SQL Server Reserved Instances need a live price refresh');
  });

  it('compares every purchase option side by side, saying which need a live price refresh', async () => {
    const { project } = await planExample();
    const rows = comparePurchaseOptions(project.topology, mumbai());
    expect(rows.map((r) => r.purchaseOption)).toEqual([...PURCHASE_OPTIONS]);
    const od = rows.find((r) => r.purchaseOption === 'on-demand');
    const std3 = rows.find((r) => r.purchaseOption === 'ri-standard-3yr-no-upfront');
    const partial = rows.find((r) => r.purchaseOption === 'ri-standard-1yr-partial-upfront');
    const sp = rows.find((r) => r.purchaseOption === 'sp-compute-1yr-no-upfront');
    expect(od).toMatchObject({ available: true, upfrontUsd: '0.00', savingVsOnDemandPercent: '0.0' });
    expect(std3?.available).toBe(true);
    expect(Number(std3?.savingVsOnDemandPercent)).toBeGreaterThan(0);
    expect(new Money(std3?.effectiveMonthlyUsd ?? 'NaN').lt(od?.effectiveMonthlyUsd ?? 'NaN')).toBe(true);
    expect(partial).toMatchObject({ available: false, savingVsOnDemandPercent: null });
    expect(partial?.unavailableReason).toMatch(/^needs a live price refresh/);
    expect(sp?.available).toBe(false);
    // The comparison's totals are the estimate's totals for that option.
    const e = estimateTopology(project.topology, mumbai(), 'ri-standard-3yr-no-upfront');
    expect(std3?.monthlyUsd).toBe(e.totals.monthlyUsd);
    expect(std3?.effectiveMonthlyUsd).toBe(e.totals.effectiveMonthlyUsd);
  });
});
