import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../../core/cloudformation/build-template';
import {
  buildDeliveryFiles,
  buildDeliveryStacks,
  stackFileName,
  suggestStackName,
  type ParameterEntry,
} from '../../../core/cloudformation/delivery-files';
import type { CfnTemplate } from '../../../core/cloudformation/template';
import { renderTemplateYaml } from '../../../core/cloudformation/yaml';
import { formatUsd } from '../../../core/util/money';
import { expectGolden } from '../../helpers/golden';
import { planExample, ROOT } from '../../helpers/example';
import { deliveryFiles, fileText } from './delivery-helper';
import { lintTemplate, SKIP_CFN_LINT } from './cfn-lint';

const planned = await planExample();
const project = planned.project;

describe('the delivery pack: a template and parameter file per stack, the whole template, the README', () => {
  const files = deliveryFiles(project, planned.analysis);
  const file = (path: string) => fileText(files, path);
  const stacks = buildDeliveryStacks(project, planned.analysis.checks);

  it('numbers the stack files in deployment order, then the whole template and the README', () => {
    expect(files.map((f) => f.path)).toEqual([
      'README.md',
      '01-network.yaml',
      '01-network.parameters.json',
      '02-security.yaml',
      '02-security.parameters.json',
      '03-data.yaml',
      '03-data.parameters.json',
      '04-compute.yaml',
      '04-compute.parameters.json',
      '05-operations.yaml',
      '05-operations.parameters.json',
      'template.yaml',
      'parameters.json',
    ]);
    expect(file('template.yaml')).toBe(renderTemplateYaml(buildTemplate(project)));
    expect(file('04-compute.yaml')).toBe(renderTemplateYaml(stacks.stacks[3]?.template as CfnTemplate));
  });

  it('lists every parameter of each stack in the create-stack / deploy --parameter-overrides JSON form', () => {
    for (const s of stacks.stacks) {
      const entries = JSON.parse(
        file(stackFileName(stacks.stacks, s, '.parameters.json')),
      ) as ParameterEntry[];
      expect(entries.map((e) => e.ParameterKey)).toEqual(Object.keys(s.template.Parameters));
      for (const entry of entries) {
        expect(Object.keys(entry)).toEqual(['ParameterKey', 'ParameterValue']);
        const parameter = s.template.Parameters[entry.ParameterKey];
        if (parameter?.Default !== undefined) expect(entry.ParameterValue).toBe(parameter.Default);
        if (parameter?.AllowedPattern && parameter.Default !== undefined)
          expect(entry.ParameterValue).toMatch(new RegExp(parameter.AllowedPattern));
      }
    }
    const compute = JSON.parse(file('04-compute.parameters.json')) as ParameterEntry[];
    // The certificate has no default: its placeholder is obvious and fails the pattern if left in.
    const certificate = compute.find((e) => e.ParameterKey === 'CertificateArn');
    expect(certificate?.ParameterValue).toBe('REPLACE-WITH-CERTIFICATE-ARN');
    expect(certificate?.ParameterValue).not.toMatch(
      new RegExp(stacks.template.Parameters.CertificateArn?.AllowedPattern ?? ''),
    );
    expect(compute[0]).toEqual({ ParameterKey: 'StackPrefix', ParameterValue: 'rpa-estate' });
  });

  it('tells the delivery team what to do, in order: certificate, parameters, check, the five stacks, DNS', () => {
    const readme = file('README.md');
    expect(suggestStackName(project)).toBe('rpa-estate');
    expect(readme).toContain('Deploy it in **ap-south-1**');
    for (const s of ['network', 'security', 'data', 'compute', 'operations'])
      expect(readme).toContain(`--stack-name rpa-estate-${s}`);
    expect(readme).toContain('--parameter-overrides file://02-security.parameters.json');
    // Each stack fits the inline limit of `deploy`: no bucket needed for the example.
    for (const s of stacks.stacks) expect(file(stackFileName(stacks.stacks, s)).length).toBeLessThan(51_200);
    expect(readme).not.toContain('--s3-bucket');
    // IAM capability only where the stack creates IAM resources.
    const security = readme.slice(readme.indexOf('### 2. Security'), readme.indexOf('### 3. Data'));
    expect(security).toContain('--capabilities CAPABILITY_IAM');
    const compute = readme.slice(readme.indexOf('### 4. Compute'), readme.indexOf('### 5. Operations'));
    expect(compute).not.toContain('CAPABILITY_IAM');
    expect(compute).toContain('Fill in first: `CertificateArn`');
    expect(readme).toContain(
      '**Fill in** the other values that start with `REPLACE-WITH-`: `CustomerGatewayIp` (`01-network.parameters.json`).',
    );
    const order = [
      '**Certificate.**',
      '**Fill in**',
      '**Account services.**',
      '**Review**',
      '**Check**',
      '### 1. Network',
      '### 2. Security',
      '### 3. Data',
      '### 4. Compute',
      '### 5. Operations',
      '**DNS.**',
      '**VPN.**',
      '**Connect**',
      '**SQL Server.**',
      '## Deleting',
      '## Sizing',
      '## Cost',
      '## Security checklist',
      '## What the stacks create',
    ].map((s) => readme.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(readme).toContain('| `AWS::EC2::Instance` | 14 | compute |');
  });

  it('summarises the sizing, the cost and the checklist from the analysis', () => {
    const readme = file('README.md');
    const sql = planned.analysis.sizing.find((r) => r.server === 'SQLPRD01');
    expect(readme).toContain(`| SQLPRD01 | sql | 16 vCPU, 128 GiB | \`${sql?.chosen?.instanceType}\``);
    expect(readme).toContain(formatUsd(planned.analysis.estimate.totals.monthlyUsd));
    expect(readme).toContain(`${planned.analysis.checks.length} rules:`);
    for (const c of planned.analysis.checks) expect(readme).toContain(`| ${c.ruleId} |`);
  });

  it('matches its reviewed golden README', () => {
    expectGolden(join(ROOT, 'test', 'golden', 'cloudformation', 'rpa-estate-README.md'), file('README.md'));
  });

  it('leaves out the sizing, cost and checklist when no analysis is given', () => {
    const readme = fileText(deliveryFiles(project), 'README.md');
    expect(readme).not.toContain('## Sizing');
    expect(readme).not.toContain('## Cost');
    expect(readme).not.toContain('## Security checklist');
  });

  it('says what CloudFormation cannot do for Direct Connect, and how the RDS pattern is reached', async () => {
    const dx = (
      await planExample({
        connectivity: {
          kind: 'direct-connect',
          onPremisesCidrs: ['10.1.0.0/16'],
          directConnectBandwidth: '10Gbps',
        },
      })
    ).project;
    const dxReadme = fileText(deliveryFiles(dx), 'README.md');
    expect(dxReadme).toContain(
      'CloudFormation cannot order a Direct Connect connection or create its virtual interface',
    );
    expect(dxReadme).toContain('private virtual interface to the virtual private gateway');
    expect(dxReadme).toContain('3389 is open only from `10.1.0.0/16`');
    expect(dxReadme).not.toContain('**VPN.**');
    const rds = (await planExample({ sqlHa: 'rds-multi-az' })).project;
    const rdsReadme = fileText(deliveryFiles(rds), 'README.md');
    expect(rdsReadme).toContain('sql.corp.example.internal');
    expect(rdsReadme).toContain('rds_backup_database');
    expect(rdsReadme).toContain('deletion-protected');
  });

  it('asks for what the plan could not decide, and says why first (names escaped for Markdown)', () => {
    const nodes = project.topology.nodes.map((n) =>
      n.id === 'ec2-iqbot-prd-10' ? { ...n, instanceType: 'unsized.none' } : n,
    );
    const readme = fileText(
      deliveryFiles({ ...project, topology: { ...project.topology, nodes } }),
      'README.md',
    );
    expect(readme).toMatch(
      /## Read first\n\n- warning cloudformation\.instance-type-unsized: field topology\.nodes\\\[\d+\\\]\.instanceType: IQBOT-PRD-10 has no instance type/,
    );
    expect(readme).toMatch(
      /\*\*Fill in\*\* the other values that start with `REPLACE-WITH-`: `BotInstanceType\d` \(`04-compute\.parameters\.json`\)/,
    );
  });

  it('reports a broken README template as an issue, not a crash', () => {
    const result = buildDeliveryFiles(project, stacks, { readmeTemplate: '{{#each}}' });
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.code).toBe('cloudformation.readme-template-error');
    const misspelt = buildDeliveryFiles(project, stacks, { readmeTemplate: '{{titel}}' });
    expect(misspelt.ok).toBe(false);
  });

  it('is deterministic', () => {
    expect(deliveryFiles(project, planned.analysis)).toEqual(files);
  });
});

describe('the cfn-lint check itself', () => {
  it.skipIf(SKIP_CFN_LINT)(
    'fails on a real error, so a clean result means something',
    () => {
      const broken = templateWithInvalidProperty();
      const result = lintTemplate(broken, 'ap-south-1', 'broken.yaml');
      expect(result.errors).toBe(true);
      expect(result.output).toContain('E3002');
    },
    120_000,
  );
});

/** The example template with a property AWS::EC2::Instance does not have (EBS Throughput lives in launch templates). */
function templateWithInvalidProperty(): string {
  const template = buildTemplate(project);
  const instance = template.Resources.Ec2Sqlprd01;
  const properties = { ...instance?.Properties, Throughput: 500 };
  return renderTemplateYaml({
    ...template,
    Resources: { ...template.Resources, Ec2Sqlprd01: { Type: 'AWS::EC2::Instance', Properties: properties } },
  });
}
