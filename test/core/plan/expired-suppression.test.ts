import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../../core/plan/plan-project';
import type { Project } from '../../../core/project/schema';
import { planExample } from '../../helpers/example';

/** A bot runner with a public IP (NET-01 fails), accepted until the review date of 2026-06-30. */
async function acceptedRisk(): Promise<{
  project: Project;
  prices: Awaited<ReturnType<typeof planExample>>['prices'];
}> {
  const { project, prices } = await planExample();
  const bot = project.topology.nodes.find((n) => n.kind === 'ec2-instance' && n.role === 'bot');
  if (!bot || bot.kind !== 'ec2-instance') throw new Error('no bot runner');
  const nodes = project.topology.nodes.map((n) =>
    n.id === bot.id ? { ...bot, associatePublicIp: true } : n,
  );
  return {
    prices,
    project: {
      ...project,
      topology: { ...project.topology, nodes },
      suppressions: [
        {
          ruleId: 'NET-01',
          resourceIds: [],
          justification: 'Temporary public IP for the vendor bot licence check, removed after go-live.',
          owner: 'A. Architect',
          reviewBy: '2026-06-30',
        },
      ],
    },
  };
}

describe('a suppression past its review date', () => {
  it('still applies up to its review date', async () => {
    const { project, prices } = await acceptedRisk();
    const net01 = analyzeProject(project, prices, { today: '2026-06-30' }).checks.find(
      (c) => c.ruleId === 'NET-01',
    );
    expect(net01?.status).toBe('suppressed');
  });

  it('stops applying after it, in every analysis (app, plan export, CLI), and says why', async () => {
    const { project, prices } = await acceptedRisk();
    const net01 = analyzeProject(project, prices, { today: '2026-11-23' }).checks.find(
      (c) => c.ruleId === 'NET-01',
    );
    expect(net01?.status).toBe('fail');
    expect(net01?.expiredSuppression).toBeTruthy();
  });
});
