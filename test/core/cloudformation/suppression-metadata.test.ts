import { describe, expect, it } from 'vitest';
import { buildDeliveryStacks } from '../../../core/cloudformation/delivery-files';
import {
  applySuppressionMetadata,
  suppressionReason,
} from '../../../core/cloudformation/suppression-metadata';
import { renderTemplateYaml } from '../../../core/cloudformation/yaml';
import type { Suppression } from '../../../core/model/suppression';
import { analyzeProject } from '../../../core/plan/plan-project';
import type { Project } from '../../../core/project/schema';
import { lintWithCfnLint } from '../../../main/services/cfn-lint';
import { planExample, priceContext } from '../../helpers/example';
import { SKIP_CFN_LINT } from './cfn-lint';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk rendered CloudFormation objects */

const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));
const { project: base } = await planExample();

/** The control room's group opened to the world on RDP, and the architect's accepted exception for it. */
function withAcceptedRdp(resourceIds: string[]): {
  project: Project;
  suppression: Suppression;
  groupId: string;
} {
  const group =
    base.topology.securityGroups.find((g) => g.ingress.some((r) => r.fromPort === 443)) ??
    base.topology.securityGroups[0];
  if (!group) throw new Error('no security group');
  const suppression: Suppression = {
    ruleId: 'NET-05',
    resourceIds: resourceIds.length > 0 ? [group.id] : [],
    justification: 'Vendor support needs RDP during the 2-week hypercare: "closed" by 2027-01-15 #ticket-42',
    owner: 'Jane Architect',
    reviewBy: '2099-01-15',
  };
  const project: Project = {
    ...base,
    suppressions: [suppression],
    topology: {
      ...base.topology,
      securityGroups: base.topology.securityGroups.map((g) =>
        g.id === group.id
          ? {
              ...g,
              ingress: [
                ...g.ingress,
                {
                  protocol: 'tcp',
                  fromPort: 3389,
                  toPort: 3389,
                  source: { kind: 'cidr', cidr: '0.0.0.0/0' },
                  description: 'RDP for vendor support',
                },
              ],
            }
          : g,
      ),
    },
  };
  return { project, suppression, groupId: group.id };
}

describe('suppressed findings become cfn_nag and checkov metadata on the resources they cover', () => {
  for (const scope of ['named resources', 'every flagged resource'] as const) {
    it(`NET-05 suppressed (${scope}): the group and its rule resources carry both forms, with the reason`, () => {
      const { project, suppression } = withAcceptedRdp(scope === 'named resources' ? ['x'] : []);
      const analysis = analyzeProject(project, priceContext());
      const check = analysis.checks.find((c) => c.ruleId === 'NET-05');
      expect(check?.status).toBe('suppressed');
      const d = buildDeliveryStacks(project, analysis.checks);
      const reason = suppressionReason(suppression);
      expect(reason).toContain('Vendor support needs RDP');
      expect(reason).toContain(
        'accepted by Jane Architect, review by 2099-01-15; Architecture Planner rule NET-05',
      );
      const withMetadata = Object.entries(d.template.Resources).filter(
        ([, r]) => r.Metadata?.checkov !== undefined,
      );
      expect(withMetadata.length).toBeGreaterThan(0);
      expect(withMetadata.some(([, r]) => r.Type === 'AWS::EC2::SecurityGroup')).toBe(true);
      for (const [, r] of withMetadata) {
        const m = plain(r.Metadata);
        expect(m.checkov.skip).toEqual(
          (check?.controls.checkov ?? []).map((id) => ({ id, comment: reason })),
        );
        if ((check?.controls.cfnNag ?? []).length > 0)
          expect(m.cfn_nag.rules_to_suppress).toEqual(
            (check?.controls.cfnNag ?? []).map((id) => ({ id, reason })),
          );
      }
      // The metadata travels with the resource into its stack.
      const security = d.stacks.find((s) => s.name === 'security');
      for (const [id] of withMetadata)
        expect(plain(security?.template.Resources[id]?.Metadata)).toEqual(
          plain(d.template.Resources[id]?.Metadata),
        );
    });
  }

  it('writes nothing for rules without scanner ids, and nothing without suppressions', () => {
    const { project } = withAcceptedRdp(['x']);
    const template = buildDeliveryStacks(project, []).template;
    expect(Object.values(template.Resources).some((r) => r.Metadata !== undefined)).toBe(false);
    const untouched = applySuppressionMetadata(
      template,
      [{ suppression: project.suppressions[0] as Suppression, cfnNag: [], checkov: [], resources: ['Vpc'] }],
      () => undefined,
    );
    expect(untouched.Resources.Vpc?.Metadata).toBeUndefined();
  });

  it.skipIf(SKIP_CFN_LINT)(
    'keeps the stacks cfn-lint clean',
    async () => {
      const { project } = withAcceptedRdp(['x']);
      const d = buildDeliveryStacks(project, analyzeProject(project, priceContext()).checks);
      const security = d.stacks.find((s) => s.name === 'security');
      if (!security) throw new Error('no security stack');
      const result = await lintWithCfnLint(
        [{ path: 'security.yaml', content: renderTemplateYaml(security.template) }],
        'ap-south-1',
      );
      expect(result.status === 'ran' && result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    },
    120_000,
  );
});
