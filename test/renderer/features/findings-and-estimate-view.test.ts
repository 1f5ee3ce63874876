import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../../core/plan/plan-project';
import { describePriceSource } from '../../../renderer/features/estimate/estimate-view';
import { flagsByResource, summarizeFindings } from '../../../renderer/features/findings/findings-view';
import { mumbaiPrices, mumbaiSnapshot, plannedEstate } from '../realistic-project';

describe('findings panel', () => {
  it('counts the checks and lists failing ones most severe first', async () => {
    const project = await plannedEstate({ sqlHa: 'single-instance', natGateways: 'single' });
    const summary = summarizeFindings(analyzeProject(project, mumbaiPrices()).checks);
    expect(summary.counts.fail).toBe(summary.failing.length);
    expect(summary.failing.map((c) => c.ruleId)).toEqual(['RES-01', 'NET-03']);
    expect(summary.manual.map((c) => c.ruleId)).toContain('IAM-03');
  });

  it('flags a node with the worst failing check that names it; suppressed checks do not flag', () => {
    const base = {
      title: 't',
      category: 'network' as const,
      mode: 'automatic' as const,
      controls: {},
      detail: 'd',
      why: 'w',
      verify: 'v',
      fixable: false,
    };
    const flags = flagsByResource([
      { ...base, ruleId: 'NET-03', severity: 'medium', status: 'fail', resources: ['nat-a'] },
      { ...base, ruleId: 'NET-01', severity: 'high', status: 'fail', resources: ['nat-a', 'ec2-bot'] },
      { ...base, ruleId: 'CMP-01', severity: 'high', status: 'suppressed', resources: ['ec2-sql'] },
    ]);
    expect(flags.get('nat-a')).toEqual({ tone: 'danger', severity: 'high', ruleIds: ['NET-03', 'NET-01'] });
    expect(flags.get('ec2-sql')).toBeUndefined();
  });
});

describe('estimate provenance line', () => {
  it('names the publication dates of the AWS price files in the snapshot and counts the derived licence prices', async () => {
    const estimate = analyzeProject(await plannedEstate(), mumbaiPrices()).estimate;
    const dates = mumbaiSnapshot()
      .sources.flatMap((s) => (s.publishedAt ? [s.publishedAt.slice(0, 10)] : []))
      .sort();
    expect(dates[0]).not.toBe(dates.at(-1));
    const derived = estimate.totals.linesWithDerivedPrice;
    expect(derived).toBeGreaterThan(0);
    expect(describePriceSource(estimate.priceSource, derived)).toBe(
      `prices: bundled AWS price snapshot for ap-south-1 (AWS price files published ${dates[0]} to ${dates.at(-1)}); ${derived} lines priced with derived figures (Windows/SQL Server licence rule, Reserved Instance licence part), marked †`,
    );
    expect(
      describePriceSource(
        {
          ...estimate.priceSource,
          kind: 'live',
          fetchedAt: '2026-11-23T08:15:00Z',
          endpoint: 'AWS Price List API',
          servicesFetched: ['AmazonEC2'],
          servicesFailed: [],
        },
        0,
      ),
    ).toBe('prices: live AWS Price List refresh of 2026-11-23 08:15 UTC for ap-south-1');
  });
});
