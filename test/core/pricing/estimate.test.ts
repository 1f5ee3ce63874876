import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTiers, estimateTopology } from '../../../core/pricing/estimate';
import { createSnapshotPriceBook } from '../../../core/pricing/price-book';
import { Money } from '../../../core/util/money';
import { ROOT, loadSnapshot, planExample } from '../../helpers/example';
import { expectGolden } from '../../helpers/golden';

const GOLDEN = join(ROOT, 'test', 'golden', 'estimate', 'rpa-estate.json');

describe('estimate', () => {
  it('matches the reviewed golden estimate for the example (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const { analysis } = await planExample();
    expectGolden(GOLDEN, `${JSON.stringify(analysis.estimate, null, 2)}\n`);
  });

  it('prices an instance at 730 hours × the hourly rate, exactly', async () => {
    const { analysis } = await planExample();
    const line = analysis.estimate.lines.find(
      (l) => l.resourceName === 'IQBOT-PRD-01' && l.component.startsWith('Instance usage'),
    );
    expect(line).toMatchObject({
      quantity: '730',
      unitPriceUsd: '0.555',
      monthlyUsd: '405.15',
      attributes: { instanceType: 'c6a.2xlarge', operatingSystem: 'Windows' },
    });
    expect(line?.component).toBe('Instance usage (Windows, on-demand, c6a.2xlarge)');
  });

  it('totals equal the sum of the printed lines, to the cent', async () => {
    const { analysis } = await planExample();
    const sum = analysis.estimate.lines.reduce((a, l) => a.plus(l.monthlyUsd ?? 0), new Money(0));
    expect(sum.toFixed(2)).toBe(analysis.estimate.totals.monthlyUsd);
    expect(new Money(analysis.estimate.totals.monthlyUsd).times(12).toFixed(2)).toBe(
      analysis.estimate.totals.yearlyUsd,
    );
  });

  it('flags a resource it cannot price instead of counting it as zero', async () => {
    const { project } = await planExample();
    const topology = structuredClone(project.topology);
    const node = topology.nodes.find((n) => n.kind === 'ec2-instance');
    if (node?.kind !== 'ec2-instance') throw new Error('no instance');
    node.instanceType = 't3.medium'; // burstable: no derived Windows price in the snapshot
    const estimate = estimateTopology(topology, createSnapshotPriceBook(loadSnapshot()), 'on-demand');
    const line = estimate.lines.find(
      (l) => l.resourceId === node.id && l.component.startsWith('Instance usage'),
    );
    expect(line).toMatchObject({
      monthlyUsd: null,
      unitPriceUsd: null,
      priceNotFound: { filter: expect.stringContaining('instanceType=t3.medium') },
    });
    expect(estimate.totals.linesWithoutPrice).toBe(1);
    expect(estimate.issues[0]).toMatchObject({ code: 'pricing.price-not-found', severity: 'warning' });
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

  it('every priced line says where its price came from', async () => {
    const { analysis } = await planExample();
    for (const l of analysis.estimate.lines) {
      expect(l.source, l.component).not.toBeNull();
      if (l.source?.kind === 'snapshot') expect(l.source.sourceFile).toMatch(/\.json$/);
    }
  });
});
