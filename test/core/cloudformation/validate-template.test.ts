import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../../core/cloudformation/build-template';
import { getAtt, ref, sub } from '../../../core/cloudformation/intrinsics';
import type { CfnResource, CfnTemplate } from '../../../core/cloudformation/template';
import { EXPORTED_RESOURCE_TYPES, validateTemplate } from '../../../core/cloudformation/validate-template';
import { buildSpecIndexFromPackage } from '../../../main/services/cfn-spec';
import { planExample, ROOT } from '../../helpers/example';
import { bundledSpec } from './delivery-helper';

const template = buildTemplate((await planExample()).project);

function withResource(id: string, resource: CfnResource): CfnTemplate {
  return { ...template, Resources: { ...template.Resources, [id]: resource } };
}

function patched(id: string, change: (r: CfnResource) => CfnResource): CfnTemplate {
  const r = template.Resources[id];
  if (!r) throw new Error(`no ${id}`);
  return { ...template, Resources: { ...template.Resources, [id]: change(r) } };
}

describe('validateTemplate: dangling references, run everywhere (no spec needed)', () => {
  it('passes the example', () => {
    expect(validateTemplate(template, null)).toEqual([]);
  });

  it('names the resource with a Ref, GetAtt, Sub or DependsOn to something that does not exist', () => {
    const issues = validateTemplate(
      withResource('Broken', {
        Type: 'AWS::SNS::Topic',
        DependsOn: ['Vpc', 'Nowhere'],
        Properties: {
          TopicName: sub('${Ghost}-${AWS::Region}-${!Literal}'),
          KmsMasterKeyId: ref('MissingKey'),
          DisplayName: getAtt('NoSuchLb', 'DNSName'),
        },
      }),
      null,
    );
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      [
        'cloudformation.dangling-sub',
        'Resource Broken (AWS::SNS::Topic): Sub to "Ghost", which the template does not define.',
      ],
      [
        'cloudformation.dangling-ref',
        'Resource Broken (AWS::SNS::Topic): Ref to "MissingKey", which the template does not define.',
      ],
      [
        'cloudformation.dangling-getatt',
        'Resource Broken (AWS::SNS::Topic): GetAtt to "NoSuchLb.DNSName", which the template does not define.',
      ],
      [
        'cloudformation.dangling-depends-on',
        'Resource Broken (AWS::SNS::Topic): DependsOn "Nowhere", which the template does not define.',
      ],
    ]);
    expect(issues.every((i) => i.severity === 'error' && i.path?.field?.startsWith('Resources.Broken'))).toBe(
      true,
    );
  });

  it('finds outputs and conditions that point nowhere', () => {
    const broken: CfnTemplate = {
      ...template,
      Outputs: { ...template.Outputs, Lost: { Value: ref('Gone') } },
      Resources: { ...template.Resources, Cond: { Type: 'AWS::SNS::Topic', Condition: 'NoSuchCondition' } },
    };
    const codes = validateTemplate(broken, null).map((i) => i.code);
    expect(codes).toEqual(['cloudformation.dangling-condition', 'cloudformation.dangling-ref']);
  });
});

describe('validateTemplate: against the CloudFormation resource specification', () => {
  const spec = bundledSpec();

  it('passes the example', () => {
    expect(validateTemplate(template, spec)).toEqual([]);
  });

  it('reports an unknown type, an unknown property, a missing required one and a wrong shape, naming the resource', () => {
    const messages = [
      ...validateTemplate(withResource('Odd', { Type: 'AWS::EC2::Instanse', Properties: {} }), spec),
      ...validateTemplate(
        patched('Ec2Sqlprd01', (r) => ({ ...r, Properties: { ...r.Properties, Throughput: 500 } })),
        spec,
      ),
      ...validateTemplate(
        withResource('NoGroupDescription', {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { VpcId: ref('Vpc') },
        }),
        spec,
      ),
      ...validateTemplate(
        patched('Vpc', (r) => ({ ...r, Properties: { ...r.Properties, EnableDnsSupport: ['yes'] } })),
        spec,
      ),
      ...validateTemplate(
        patched('Ec2Sqlprd01', (r) => ({
          ...r,
          Properties: { ...r.Properties, MetadataOptions: { HttpTokens: 'required', HttpTokenz: 'x' } },
        })),
        spec,
      ),
      ...validateTemplate(
        withResource('BadAttr', {
          Type: 'AWS::SNS::Topic',
          Properties: { DisplayName: getAtt('Vpc', 'NoSuchAttribute') },
        }),
        spec,
      ),
    ].map((i) => i.message.replace(/ \(@aws-cdk\/aws-service-spec [^)]+\)/, ''));
    expect(messages).toEqual([
      'Resource Odd (AWS::EC2::Instanse): AWS::EC2::Instanse is not a resource type in the CloudFormation specification.',
      'Resource Ec2Sqlprd01 (AWS::EC2::Instance): Properties: AWS::EC2::Instance has no property Throughput.',
      'Resource NoGroupDescription (AWS::EC2::SecurityGroup): Properties: required property GroupDescription of AWS::EC2::SecurityGroup is missing.',
      'Resource Vpc (AWS::EC2::VPC): Properties.EnableDnsSupport: expected a boolean.',
      'Resource Ec2Sqlprd01 (AWS::EC2::Instance): Properties.MetadataOptions: MetadataOptions has no property HttpTokenz.',
      'Resource BadAttr (AWS::SNS::Topic): AWS::EC2::VPC "Vpc" has no attribute "NoSuchAttribute".',
    ]);
  });

  it('ships an index that is current with @aws-cdk/aws-service-spec and covers every type the exporter writes', () => {
    const fresh = buildSpecIndexFromPackage(EXPORTED_RESOURCE_TYPES);
    // Regenerate with `node --import tsx scripts/extract-cfn-spec.ts` when this fails.
    expect(JSON.parse(readFileSync(join(ROOT, 'templates', 'delivery', 'cfn-spec.json'), 'utf8'))).toEqual(
      fresh,
    );
    for (const type of EXPORTED_RESOURCE_TYPES) expect(spec.resources[type], type).toBeDefined();
    const written = new Set(Object.values(template.Resources).map((r) => r.Type));
    for (const type of written) expect(EXPORTED_RESOURCE_TYPES as readonly string[]).toContain(type);
  });
});
