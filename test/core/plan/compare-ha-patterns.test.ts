import { describe, expect, it } from 'vitest';
import { SQL_HA_PATTERNS } from '../../../core/model/options';
import { compareHaPatterns, haComparisonJson } from '../../../core/plan/compare-ha-patterns';
import { analyzeProject } from '../../../core/plan/plan-project';
import { estimateTopology } from '../../../core/pricing/estimate';
import { resolveUsage } from '../../../core/pricing/usage';
import { Money } from '../../../core/util/money';
import { planExample } from '../../helpers/example';

describe('compareHaPatterns', async () => {
  const { project, sizing, prices } = await planExample();
  const rows = compareHaPatterns(project.inventory, sizing, project.options, prices, project.suppressions);

  it('returns one row per pattern, in order, marking the project’s own', () => {
    expect(rows.map((r) => r.pattern)).toEqual([...SQL_HA_PATTERNS]);
    expect(rows.filter((r) => r.selected).map((r) => r.pattern)).toEqual(['always-on-ag']);
    expect(rows.every((r) => r.purchaseOption === 'on-demand')).toBe(true);
  });

  it('prices the current pattern exactly as the project’s own estimate, and the others against it', () => {
    const current = rows.find((r) => r.selected);
    const { usage } = resolveUsage(project.options.usageProfile, project.options.usageOverrides);
    const own = estimateTopology(project.topology, prices.book, project.options.purchaseOption, usage);
    expect(current?.monthlyUsd).toBe(own.totals.monthlyUsd);
    expect(current?.deltaMonthlyUsd).toBe('0.00');
    for (const r of rows) {
      const expected = new Money(r.monthlyUsd).minus(current?.monthlyUsd ?? '0');
      expect(new Money(r.deltaMonthlyUsd).eq(expected), r.pattern).toBe(true);
      expect(new Money(r.databaseMonthlyUsd).lte(r.monthlyUsd), r.pattern).toBe(true);
      expect(new Money(r.databaseMonthlyUsd).gt(0), r.pattern).toBe(true);
    }
    const by = (p: string) => rows.find((r) => r.pattern === p);
    // Standard licences cost less than Enterprise on the same two nodes; one node less than two.
    expect(
      new Money(by('basic-ag')?.databaseMonthlyUsd ?? '0').lt(by('always-on-ag')?.databaseMonthlyUsd ?? '0'),
    ).toBe(true);
    expect(
      new Money(by('single-instance')?.databaseMonthlyUsd ?? '0').lt(
        by('basic-ag')?.databaseMonthlyUsd ?? '0',
      ),
    ).toBe(true);
  });

  it('states licences, RPO/RTO, failure behaviour and what the checklist says', () => {
    const by = (p: string) => rows.find((r) => r.pattern === p);
    expect(by('always-on-ag')?.licences.map((l) => [l.platform, l.edition, l.count])).toEqual([
      ['ec2', 'enterprise', 2],
    ]);
    expect(by('basic-ag')?.licences.map((l) => [l.platform, l.edition, l.count])).toEqual([
      ['ec2', 'standard', 2],
    ]);
    expect(by('rds-multi-az')?.licences.map((l) => [l.platform, l.edition, l.count])).toEqual([
      ['rds', 'enterprise', 1],
    ]);
    expect(by('single-instance')?.licences.map((l) => [l.platform, l.count])).toEqual([['ec2', 1]]);
    for (const r of rows) {
      expect(r.rpo.length, r.pattern).toBeGreaterThan(5);
      expect(r.rto.length, r.pattern).toBeGreaterThan(5);
      expect(r.azFailure.length, r.pattern).toBeGreaterThan(10);
    }
    expect(
      rows
        .filter((r) => r.failingChecks.length > 0)
        .map((r) => [r.pattern, r.failingChecks.map((c) => c.ruleId)]),
    ).toEqual([['single-instance', ['RES-01']]]);
    expect(by('single-instance')?.highlyAvailable).toBe(false);
  });

  it('is deterministic, serialises with exact money, and comes with the analysis when asked for', () => {
    expect(
      compareHaPatterns(project.inventory, sizing, project.options, prices, project.suppressions),
    ).toEqual(rows);
    const json = JSON.parse(haComparisonJson(rows));
    expect(json[0]).toMatchObject({
      pattern: 'always-on-ag',
      monthlyUsd: expect.stringMatching(/^\d+\.\d\d$/),
    });
    expect(analyzeProject(project, prices).haPatterns).toBeUndefined();
    expect(analyzeProject(project, prices, { compareHaPatterns: true }).haPatterns).toEqual(rows);
  });

  it('honours a suppression: an accepted single-instance risk is not a failing check', () => {
    const suppressed = compareHaPatterns(project.inventory, sizing, project.options, prices, [
      {
        ruleId: 'RES-01',
        resourceIds: [],
        justification: 'Pilot only; HA in phase 2.',
        owner: 'A. Architect',
        reviewBy: '2027-03-31',
      },
    ]);
    expect(suppressed.find((r) => r.pattern === 'single-instance')?.failingChecks).toEqual([]);
  });
});
