import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../core/model/topology';
import { atOrAbove, evaluateChecks, summarizeChecks } from '../../../core/security/evaluate';
import { RULES } from '../../../core/security/catalog';
import { planExample } from '../../helpers/example';

async function mutate(fn: (t: Topology) => void): Promise<Topology> {
  const { project } = await planExample();
  const t = structuredClone(project.topology);
  fn(t);
  return t;
}
const statusOf = (t: Topology, id: string) => evaluateChecks(t).find((c) => c.ruleId === id);

describe('security checklist', () => {
  it('passes the example design on every automatic rule and leaves attestations manual', async () => {
    const { analysis } = await planExample();
    const attestations = RULES.filter((r) => r.mode === 'attestation').length;
    expect(attestations).toBeGreaterThan(0);
    expect(summarizeChecks(analysis.checks)).toEqual({
      pass: RULES.length - attestations,
      fail: 0,
      manual: attestations,
      suppressed: 0,
    });
  });

  it('every rule has a stable id, a severity, a rationale, a fix and a way to verify it', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[A-Z]{3}-\d{2}$/);
      expect(r.why.length).toBeGreaterThan(40);
      expect(r.fix.length).toBeGreaterThan(10);
      expect(r.verify.length).toBeGreaterThan(10);
    }
  });

  it('fails NET-05 when RDP is opened to the internet, naming the group', async () => {
    const t = await mutate((t) =>
      t.securityGroups
        .find((g) => g.id === 'sg-bot')
        ?.ingress.push({
          protocol: 'tcp',
          fromPort: 3389,
          toPort: 3389,
          source: { kind: 'cidr', cidr: '0.0.0.0/0' },
          description: 'rdp',
        }),
    );
    const check = statusOf(t, 'NET-05');
    expect(check).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(check?.resources).toEqual(['sg-bot']);
    // The canvas badges the group's servers: every bot runner behind it, nothing else.
    expect(check?.nodeIds?.[0]).toBe('sg-bot');
    expect(check?.nodeIds).toContain('ec2-iqbot-prd-01');
    expect(check?.nodeIds?.every((id) => id === 'sg-bot' || id.startsWith('ec2-iqbot'))).toBe(true);
  });

  it('fails NET-05 for a wide port range that covers SQL Server', async () => {
    const t = await mutate((t) =>
      t.securityGroups
        .find((g) => g.id === 'sg-app')
        ?.ingress.push({
          protocol: 'tcp',
          fromPort: 1000,
          toPort: 2000,
          source: { kind: 'cidr', cidr: '0.0.0.0/0' },
          description: 'range',
        }),
    );
    expect(statusOf(t, 'NET-05')?.status).toBe('fail');
  });

  it('fails NET-01 for a server moved into a public subnet', async () => {
    const t = await mutate((t) => {
      const n = t.nodes.find((n) => n.id === 'ec2-iqbot-prd-01');
      if (n) n.parentId = 'subnet-public-a';
    });
    expect(statusOf(t, 'NET-01')).toMatchObject({ status: 'fail', resources: ['ec2-iqbot-prd-01'] });
  });

  it('fails CMP-01, DAT-01 and DAT-02 when encryption or the public access block is turned off', async () => {
    const t = await mutate((t) => {
      for (const n of t.nodes) {
        if (n.kind === 'ec2-instance' && n.id === 'ec2-sqlprd01')
          n.volumes[1] = { ...(n.volumes[1] as (typeof n.volumes)[number]), encrypted: false };
        if (n.kind === 's3-bucket') Object.assign(n, { encryption: 'sse-s3', publicAccessBlocked: false });
      }
    });
    expect(statusOf(t, 'CMP-01')).toMatchObject({ status: 'fail', resources: ['ec2-sqlprd01'] });
    expect(statusOf(t, 'DAT-01')?.status).toBe('fail');
    expect(statusOf(t, 'DAT-02')?.status).toBe('fail');
  });

  it('flags a single NAT gateway and a single SQL Server as resilience failures', async () => {
    const single = await planExample({ natGateways: 'single', sqlHa: 'single-instance' });
    const checks = single.analysis.checks;
    expect(checks.find((c) => c.ruleId === 'NET-03')?.status).toBe('fail');
    expect(checks.find((c) => c.ruleId === 'RES-01')?.status).toBe('fail');
  });

  it('a suppression with a justification turns a failure into "suppressed" and keeps the detail', async () => {
    const { project } = await planExample({ natGateways: 'single' });
    const checks = evaluateChecks(project.topology, [
      {
        ruleId: 'NET-03',
        resourceIds: [],
        justification: 'Cost first for the pilot; second NAT in phase 2.',
        owner: 'A. Architect',
        reviewBy: '2027-03-31',
      },
    ]);
    expect(checks.find((c) => c.ruleId === 'NET-03')).toMatchObject({
      status: 'suppressed',
      suppression: { owner: 'A. Architect' },
      detail: expect.stringContaining('No NAT gateway'),
    });
  });

  it('orders severities for --fail-on', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
  });
});
