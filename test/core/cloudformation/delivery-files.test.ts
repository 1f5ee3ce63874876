import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../../core/cloudformation/build-template';
import {
  buildDeliveryFiles,
  suggestStackName,
  type ParameterEntry,
} from '../../../core/cloudformation/delivery-files';
import { renderTemplateYaml } from '../../../core/cloudformation/yaml';
import { planExample } from '../../helpers/example';
import { lintTemplate, SKIP_CFN_LINT } from './cfn-lint';

const project = (await planExample()).project;

describe('buildDeliveryFiles: the cloudformation/ folder for the delivery team', () => {
  const files = buildDeliveryFiles(project);
  const file = (path: string) => files.find((f) => f.path === path)?.content ?? '';
  const template = buildTemplate(project);

  it('holds the template, its parameters and a README', () => {
    expect(files.map((f) => f.path)).toEqual(['template.yaml', 'parameters.json', 'README.md']);
    expect(file('template.yaml')).toBe(renderTemplateYaml(template));
  });

  it('lists every parameter in the create-stack / deploy --parameter-overrides JSON form', () => {
    const entries = JSON.parse(file('parameters.json')) as ParameterEntry[];
    expect(entries.map((e) => e.ParameterKey)).toEqual(Object.keys(template.Parameters));
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(['ParameterKey', 'ParameterValue']);
      const parameter = template.Parameters[entry.ParameterKey];
      if (parameter?.Default !== undefined) expect(entry.ParameterValue).toBe(parameter.Default);
      if (parameter?.AllowedPattern && parameter.Default !== undefined)
        expect(entry.ParameterValue).toMatch(new RegExp(parameter.AllowedPattern));
    }
    // The certificate has no default: its placeholder is obvious and fails the pattern if left in.
    const certificate = entries.find((e) => e.ParameterKey === 'CertificateArn');
    expect(certificate?.ParameterValue).toBe('REPLACE-WITH-CERTIFICATE-ARN');
    expect(certificate?.ParameterValue).not.toMatch(
      new RegExp(template.Parameters.CertificateArn?.AllowedPattern ?? ''),
    );
    expect(file('parameters.json').endsWith(']\n')).toBe(true);
  });

  it('tells the delivery team what to do, in order: certificate, parameters, check, deploy, DNS', () => {
    const readme = file('README.md');
    const stack = suggestStackName(project);
    expect(stack).toBe('rpa-estate');
    expect(readme).toContain('Deploy it in **ap-south-1**');
    expect(readme).toContain(`--stack-name ${stack}`);
    expect(readme).toContain('--parameter-overrides file://parameters.json');
    expect(readme).toContain('--capabilities CAPABILITY_IAM');
    // The template is over CloudFormation's 51,200-byte inline limit: deploy goes through a bucket.
    expect(file('template.yaml').length).toBeGreaterThan(51_200);
    expect(readme).toContain('--s3-bucket');
    // Besides the certificate, only the VPN device's public address is the customer's to give.
    expect(readme).toContain(
      '**Fill in** the other values that start with `REPLACE-WITH-` in `parameters.json`: `CustomerGatewayIp`.',
    );
    const order = [
      '**Certificate.**',
      '**Fill in**',
      '**Account services.**',
      '**Review**',
      '**Check**',
      '**Deploy**',
      '**DNS.**',
      '**VPN.**',
      '**Connect**',
      '**SQL Server.**',
    ].map((s) => readme.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(readme).toContain('`CertificateArn`');
    expect(readme).toContain('| `AWS::EC2::Instance` | 14 |');
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
    const dxReadme = buildDeliveryFiles(dx).find((f) => f.path === 'README.md')?.content ?? '';
    expect(dxReadme).toContain(
      'CloudFormation cannot order a Direct Connect connection or create its virtual interface',
    );
    expect(dxReadme).toContain('private virtual interface to the virtual private gateway');
    expect(dxReadme).toContain('3389 is open only from `10.1.0.0/16`');
    expect(dxReadme).not.toContain('**VPN.**');
    const rds = (await planExample({ sqlHa: 'rds-multi-az' })).project;
    const rdsReadme = buildDeliveryFiles(rds).find((f) => f.path === 'README.md')?.content ?? '';
    expect(rdsReadme).toContain('sql.corp.example.internal');
    expect(rdsReadme).toContain('rds_backup_database');
    expect(rdsReadme).toContain('deletion-protected');
  });

  it('asks for what the plan could not decide, and says why first (names escaped for Markdown)', () => {
    const nodes = project.topology.nodes.map((n) =>
      n.id === 'ec2-iqbot-prd-10' ? { ...n, instanceType: 'unsized.none' } : n,
    );
    const readme =
      buildDeliveryFiles({ ...project, topology: { ...project.topology, nodes } }).find(
        (f) => f.path === 'README.md',
      )?.content ?? '';
    expect(readme).toMatch(
      /## Read first\n\n- warning cloudformation\.instance-type-unsized: field topology\.nodes\\\[\d+\\\]\.instanceType: IQBOT-PRD-10 has no instance type/,
    );
    expect(readme).toMatch(
      /\*\*Fill in\*\* the other values that start with `REPLACE-WITH-` in `parameters.json`: `BotInstanceType\d`/,
    );
  });

  it('is deterministic', () => {
    expect(buildDeliveryFiles(project)).toEqual(files);
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
