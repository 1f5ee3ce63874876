import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyTiers,
  estimateTopology,
  monthlyByService,
  monthlyByTier,
} from '../../../core/pricing/estimate';
import { createSnapshotPriceBook } from '../../../core/pricing/price-book';
import { resolveUsage } from '../../../core/pricing/usage';
import { Money } from '../../../core/util/money';
import { ROOT, loadSnapshot, planExample } from '../../helpers/example';
import { expectGolden } from '../../helpers/golden';
import { botRunner, node, topologyOf } from './small-topologies';

const GOLDEN = join(ROOT, 'test', 'golden', 'estimate', 'rpa-estate.json');
const mumbai = () => createSnapshotPriceBook(loadSnapshot('ap-south-1'));

function sumOf(values: (string | null)[]): string {
  return values.reduce((a, v) => a.plus(v ?? 0), new Money(0)).toFixed(2);
}

describe('estimate', () => {
  it('matches the reviewed golden estimate for the example (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const { analysis } = await planExample();
    expectGolden(GOLDEN, `${JSON.stringify(analysis.estimate, null, 2)}\n`);
  });

  it('prices an instance at 730 hours × the hourly rate, exactly', () => {
    const e = estimateTopology(topologyOf('ap-south-1', [botRunner()]), mumbai(), 'on-demand');
    const line = e.lines.find((l) => l.component.startsWith('Instance usage'));
    // Linux m6i.xlarge 0.202 + 4 vCPU × 0.046 Windows licence (pricing-source, "DERIVED Mumbai" table: 0.386).
    expect(line).toMatchObject({
      component: 'Instance usage (Windows, on-demand, m6i.xlarge)',
      quantity: '730',
      unit: 'hours',
      unitPriceUsd: '0.386',
      monthlyUsd: '281.78',
      upfrontUsd: '0.00',
      effectiveMonthlyUsd: '281.78',
      purchaseOption: 'on-demand',
      tier: 'bots',
      attributes: {
        instanceType: 'm6i.xlarge',
        operatingSystem: 'Windows',
        licenseModel: 'License Included',
        preInstalledSw: 'NA',
      },
      source: {
        kind: 'snapshot',
        sourceFile: 'ec2/ap-south-1-ondemand.json',
        derived: { rule: 'ec2-license-included' },
      },
    });
  });

  it('totals equal the sum of the printed lines, to the cent, under every purchase option', async () => {
    const { project } = await planExample();
    for (const option of [
      'on-demand',
      'ri-standard-3yr-no-upfront',
      'ri-convertible-1yr-no-upfront',
    ] as const) {
      const e = estimateTopology(project.topology, mumbai(), option);
      expect(sumOf(e.lines.map((l) => l.monthlyUsd)), option).toBe(e.totals.monthlyUsd);
      expect(sumOf(e.lines.map((l) => l.upfrontUsd)), option).toBe(e.totals.upfrontUsd);
      expect(sumOf(e.lines.map((l) => l.effectiveMonthlyUsd)), option).toBe(e.totals.effectiveMonthlyUsd);
      expect(new Money(e.totals.monthlyUsd).times(12).toFixed(2)).toBe(e.totals.yearlyUsd);
      expect(sumOf(monthlyByService(e).map((s) => s.monthlyUsd))).toBe(e.totals.monthlyUsd);
      expect(sumOf(monthlyByTier(e).map((t) => t.monthlyUsd))).toBe(e.totals.monthlyUsd);
    }
  });

  it('flags a resource it cannot price instead of counting it as zero', () => {
    // Burstable: the licence rule does not hold, and no Windows t3 price is bundled.
    const e = estimateTopology(
      topologyOf('ap-south-1', [botRunner({ instanceType: 't3.medium', volumes: [] })]),
      mumbai(),
      'on-demand',
    );
    const line = e.lines.find((l) => l.component.startsWith('Instance usage'));
    expect(line).toMatchObject({
      monthlyUsd: null,
      unitPriceUsd: null,
      upfrontUsd: null,
      source: null,
      priceNotFound: {
        filter: expect.stringContaining('instanceType=t3.medium'),
        reason: expect.stringMatching(
          /^needs a live price refresh: EC2 Windows and SQL Server prices for burstable/,
        ),
      },
    });
    expect(e.totals.linesWithoutPrice).toBe(1);
    expect(e.issues[0]).toMatchObject({ code: 'pricing.price-not-found', severity: 'warning' });
  });

  it('every line of the example names its price source, or says it needs a live price refresh and why', async () => {
    const { analysis } = await planExample();
    const rules = new Set(loadSnapshot().derivationRules.map((r) => r.id));
    expect(analysis.estimate.lines.length).toBeGreaterThan(20);
    for (const l of analysis.estimate.lines) {
      expect(l.priceFilter, l.component).toMatch(
        /^[A-Za-z0-9]+\/[^ ]+.* regionCode=ap-south-1|^AmazonRoute53\//,
      );
      if (l.source) {
        expect(l.monthlyUsd, l.component).not.toBeNull();
        if (l.source.kind === 'snapshot') expect(l.source.sourceFile).toMatch(/\.json$/);
        if (l.source.derived) expect(rules.has(l.source.derived.rule), l.source.derived.rule).toBe(true);
      } else {
        expect(l.priceNotFound?.reason, l.component).toMatch(/^needs a live price refresh: /);
        expect(l.monthlyUsd).toBeNull();
      }
    }
  });

  it('states the usage behind every usage-based line, from the project profile or its override', () => {
    const topology = topologyOf('ap-south-1', [
      node('internet-gateway', { id: 'igw', name: 'Internet gateway' }),
    ]);
    const small = estimateTopology(topology, mumbai(), 'on-demand', resolveUsage('small').usage);
    const large = estimateTopology(topology, mumbai(), 'on-demand', resolveUsage('large').usage);
    expect(small.lines[0]?.quantity).toBe('50');
    expect(large.lines[0]?.quantity).toBe('1000');
    expect(small.lines[0]?.assumption).toContain('(small usage profile)');
    const { usage, issues } = resolveUsage('medium', { internetDataOutGbMonth: 3500, notAFigure: 1 });
    const overridden = estimateTopology(topology, mumbai(), 'on-demand', usage);
    expect(overridden.lines[0]).toMatchObject({
      quantity: '3500',
      monthlyUsd: new Money(3500).times('0.1093').toFixed(2),
    });
    expect(overridden.lines[0]?.assumption).toContain('3,500 GB a month out to the internet');
    expect(overridden.lines[0]?.assumption).toContain('(project override)');
    expect(overridden.assumptions).toContain('3,500 GB a month out to the internet (project override)');
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'pricing.unknown-usage-override',
        path: { field: 'options.usageOverrides.notAFigure' },
      }),
    ]);
  });

  it('re-prices only what changed, with the same result as pricing from scratch', async () => {
    const { project } = await planExample();
    const book = mumbai();
    const first = estimateTopology(project.topology, book, 'on-demand');
    const i = project.topology.nodes.findIndex((n) => n.kind === 'ec2-instance');
    const changed = project.topology.nodes[i];
    if (changed?.kind !== 'ec2-instance') throw new Error('no instance');
    const nodes = [...project.topology.nodes];
    nodes[i] = { ...changed, instanceType: 'm6i.4xlarge' };
    const edited = { ...project.topology, nodes };
    const repriced = estimateTopology(edited, book, 'on-demand');
    const fresh = estimateTopology(structuredClone(edited), mumbai(), 'on-demand');
    expect(repriced).toEqual(fresh);
    expect(repriced.totals.monthlyUsd).not.toBe(first.totals.monthlyUsd);
  });

  it('applies price tiers (S3 Standard: first 50 TB, next 450 TB)', () => {
    const tiers = [
      { unit: 'GB-Mo', usd: '0.025', rateCode: null, beginRange: '0', endRange: '51200', description: '' },
      {
        unit: 'GB-Mo',
        usd: '0.024',
        rateCode: null,
        beginRange: '51200',
        endRange: '512000',
        description: '',
      },
      { unit: 'GB-Mo', usd: '0.023', rateCode: null, beginRange: '512000', endRange: 'Inf', description: '' },
    ];
    expect(applyTiers(new Money(100), tiers).toFixed()).toBe('2.5');
    expect(applyTiers(new Money(61200), tiers).toFixed()).toBe(
      new Money(51200).times('0.025').plus(new Money(10000).times('0.024')).toFixed(),
    );
  });
});

describe('licensing choices on a node', () => {
  it('prices SQL Server BYOL at the Windows rate and a Linux server at the Linux rate', async () => {
    const { project } = await planExample();
    const book = createSnapshotPriceBook(loadSnapshot());
    const topology = structuredClone(project.topology);
    const sql = topology.nodes.find((n) => n.id === 'ec2-sqlprd01');
    const bot = topology.nodes.find((n) => n.id === 'ec2-iqbot-prd-01');
    if (sql?.kind !== 'ec2-instance' || bot?.kind !== 'ec2-instance') throw new Error('example changed');
    sql.sqlLicense = 'byol';
    bot.operatingSystem = 'linux';
    const estimate = estimateTopology(topology, book, 'on-demand');
    const usage = (id: string) =>
      estimate.lines.find((l) => l.resourceId === id && l.component.startsWith('Instance usage'));
    expect(usage('ec2-sqlprd01')?.component).toMatch(/SQL Server enterprise BYOL/);
    expect(usage('ec2-sqlprd01')?.attributes).toMatchObject({ operatingSystem: 'Windows' });
    expect(usage('ec2-iqbot-prd-01')?.component).toMatch(/^Instance usage \(Linux, on-demand/);
    const linux = book.lookup({
      serviceCode: 'AmazonEC2',
      productFamily: 'Compute Instance',
      attributes: {
        regionCode: 'ap-south-1',
        instanceType: bot.instanceType,
        operatingSystem: 'Linux',
        preInstalledSw: 'NA',
      },
    });
    expect(usage('ec2-iqbot-prd-01')?.unitPriceUsd).toBe(linux?.product.onDemand[0]?.usd);
  });
});
