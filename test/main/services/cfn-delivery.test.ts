import { describe, expect, it } from 'vitest';
import { buildCloudFormationPack } from '../../../main/services/cfn-delivery';
import type { LintCfn } from '../../../main/services/cfn-lint';
import { loadSpecIndex } from '../../../main/services/cfn-spec';
import { planExample } from '../../helpers/example';

const planned = await planExample();

describe('buildCloudFormationPack: checked in memory before anything is written', () => {
  it('builds the stacks, their parameters and a README that records the checks run', async () => {
    const seen: string[] = [];
    const lint: LintCfn = async (files) => {
      seen.push(...files.map((f) => f.path));
      return { status: 'ran', version: 'cfn-lint 9.9.9', issues: [] };
    };
    const pack = await buildCloudFormationPack(planned.project, { analysis: planned.analysis, lint });
    expect(pack.ok).toBe(true);
    if (!pack.ok) return;
    expect(seen).toEqual([
      '01-network.yaml',
      '02-security.yaml',
      '03-data.yaml',
      '04-compute.yaml',
      '05-operations.yaml',
      'template.yaml',
    ]);
    const readme = pack.value.find((f) => f.path === 'README.md')?.content ?? '';
    expect(readme).toMatch(
      /Built-in check against the CloudFormation resource specification \(@aws-cdk\/aws-service-spec [\d.]+\)/,
    );
    expect(readme).toContain('cfn-lint 9.9.9: no errors, no warnings in `01-network.yaml`');
    expect(readme).toContain('## Security checklist');
  });

  it('stops on a cfn-lint error, returning it instead of the files', async () => {
    const lint: LintCfn = async () => ({
      status: 'ran',
      version: 'cfn-lint 9.9.9',
      issues: [
        {
          code: 'cloudformation.cfn-lint-e3002',
          severity: 'error',
          message: 'cfn-lint E3002 on resource Ec2Sqlprd01: Additional properties are not allowed',
          hint: 'x',
          path: { file: '04-compute.yaml' },
        },
      ],
    });
    const pack = await buildCloudFormationPack(planned.project, { analysis: planned.analysis, lint });
    expect(pack.ok).toBe(false);
    expect(pack.issues.map((i) => i.message)).toContain(
      'cfn-lint E3002 on resource Ec2Sqlprd01: Additional properties are not allowed',
    );
  });

  it('passes warnings through with the files, and says when cfn-lint is missing or was not run', async () => {
    const missing = await buildCloudFormationPack(planned.project, {
      lint: async () => ({ status: 'not-installed' }),
    });
    expect(missing.ok && missing.value.find((f) => f.path === 'README.md')?.content).toContain(
      'cfn-lint is not installed on the machine that exported',
    );
    const none = await buildCloudFormationPack(planned.project);
    expect(none.ok && none.value.find((f) => f.path === 'README.md')?.content).toContain(
      'cfn-lint was not run by this export',
    );
  });

  it('refuses a design without a VPC with the reason, before any check', async () => {
    const empty = { ...planned.project, topology: { ...planned.project.topology, nodes: [] } };
    const pack = await buildCloudFormationPack(empty);
    expect(pack.ok).toBe(false);
    expect(pack.issues[0]?.code).toBe('cloudformation.no-vpc');
  });

  it('reports a missing or damaged specification index as an issue naming the file', async () => {
    const missing = await loadSpecIndex('/nonexistent/cfn-spec.json');
    expect(missing.ok).toBe(false);
    expect(missing.issues[0]?.code).toBe('cloudformation.spec-index-unreadable');
    expect(missing.issues[0]?.message).toContain('/nonexistent/cfn-spec.json');
  });
});
