import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  and,
  base64,
  cidr,
  equals,
  findInMap,
  fnIf,
  getAtt,
  getAZs,
  importValue,
  join,
  not,
  or,
  ref,
  select,
  split,
  sub,
  text,
} from '../../../core/cloudformation/intrinsics';
import { CFN_TAGS, parseTemplateYaml, renderCfnYaml } from '../../../core/cloudformation/yaml';

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('renderCfnYaml: CloudFormation short-form tags', () => {
  it('writes scalar-form intrinsics as tagged scalars', () => {
    const out = renderCfnYaml({
      A: ref('Vpc'),
      B: getAtt('Alb', 'DNSName'),
      C: sub('arn:${AWS::Partition}:s3:::x'),
      D: getAZs(''),
      E: importValue('shared-vpc'),
      F: base64('echo hi'),
    });
    expect(out).toBe(
      [
        'A: !Ref Vpc',
        'B: !GetAtt Alb.DNSName',
        'C: !Sub arn:${AWS::Partition}:s3:::x',
        "D: !GetAZs ''",
        'E: !ImportValue shared-vpc',
        'F: !Base64 echo hi',
        '',
      ].join('\n'),
    );
  });

  it('writes list-form intrinsics as tagged flow sequences, nesting freely', () => {
    const out = renderCfnYaml({
      Az: select(1, getAZs('')),
      Cidr: select(10, cidr(ref('VpcCidr'), 22, 8)),
      Url: join('', ['https://', getAtt('Alb', 'DNSName')]),
      Parts: split(',', ref('List')),
      Pick: findInMap('Amis', ref('AWS::Region'), 'Windows'),
      When: fnIf('IsProd', 'm6i.xlarge', 't3.large'),
      Cond: and(equals(ref('Env'), 'prod'), not(or(equals(ref('A'), 'x'), equals(ref('B'), 'y')))),
      Vars: sub('${Host}/x', { Host: getAtt('Alb', 'DNSName') }),
    });
    expect(out).toContain("Az: !Select [1, !GetAZs '']");
    expect(out).toContain('Cidr: !Select [10, !Cidr [!Ref VpcCidr, 22, 8]]');
    expect(out).toContain('Url: !Join ["", [https://, !GetAtt Alb.DNSName]]');
    expect(out).toContain('Parts: !Split [",", !Ref List]');
    expect(out).toContain('Pick: !FindInMap [Amis, !Ref AWS::Region, Windows]');
    expect(out).toContain('When: !If [IsProd, m6i.xlarge, t3.large]');
    expect(out).toContain(
      'Cond: !And [!Equals [!Ref Env, prod], !Not [!Or [!Equals [!Ref A, x], !Equals [!Ref B, "y"]]]]',
    ); // "y" is a boolean in YAML 1.1
    expect(out).toContain('Vars: !Sub ["${Host}/x", {Host: !GetAtt Alb.DNSName}]'); // "{" is flow syntax, so quoted
  });

  it('uses the long form when a scalar-form function wraps another function (a YAML node has one tag)', () => {
    const out = renderCfnYaml({ UserData: base64(sub('echo ${AWS::Region}')) });
    expect(out).toBe('UserData:\n  Fn::Base64: !Sub echo ${AWS::Region}\n');
  });

  it('double-quotes user text, whatever it contains', () => {
    const out = renderCfnYaml({
      Name: text('SQL: "PRD" #1'),
      Plain: text('SQLPRD01'),
      Sub: sub(text('x: ${!AWS::Region} "q"')),
    });
    expect(out).toContain('Name: "SQL: \\"PRD\\" #1"');
    expect(out).toContain('Plain: "SQLPRD01"');
    expect(out).toContain('Sub: !Sub "x: ${!AWS::Region} \\"q\\""');
  });

  it('quotes strings a YAML 1.1 reader (CloudFormation, cfn-lint) would take for booleans, numbers or dates', () => {
    const out = renderCfnYaml({ a: 'yes', b: 'on', c: '1:20', d: '2010-09-09', e: '0777', f: 'no' });
    for (const value of ['yes', 'on', '1:20', '2010-09-09', '0777', 'no'])
      expect(out).toContain(`"${value}"`);
  });

  it('never writes anchors or aliases for repeated values', () => {
    const vpc = ref('Vpc');
    const out = renderCfnYaml({ A: vpc, B: vpc, C: [vpc, vpc] });
    expect(out).not.toMatch(/[&*]a\d/);
    expect(out.match(/!Ref Vpc/g)).toHaveLength(4);
  });
});

describe('parseTemplateYaml: reading the tags back', () => {
  it('returns intrinsics in their JSON long form, equal to the template serialised as JSON', () => {
    const template = {
      Resources: {
        Sg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { VpcId: ref('Vpc'), GroupDescription: text('Web: "443"') },
        },
        Subnet: {
          Type: 'AWS::EC2::Subnet',
          Properties: {
            CidrBlock: select(3, cidr(ref('VpcCidr'), 22, 8)),
            AvailabilityZone: select(0, getAZs('')),
          },
        },
      },
      Outputs: {
        Dns: { Value: getAtt('Alb', 'DNSName') },
        Data: { Value: base64(sub('${AWS::StackName}')) },
      },
    };
    const parsed = parseTemplateYaml(renderCfnYaml(template));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual(plain(template));
    expect(parsed.value).toMatchObject({ Outputs: { Dns: { Value: { 'Fn::GetAtt': ['Alb', 'DNSName'] } } } });
  });

  it('reads hand-written short forms, including nested attribute names', () => {
    const value = parse(
      "a: !GetAtt Db.Endpoint.Address\nb: !Join [':', [!Ref A, !GetAtt [B, Arn]]]\nc: !Not [!Condition IsProd]\n",
      { customTags: CFN_TAGS },
    );
    expect(plain(value)).toEqual({
      a: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      b: { 'Fn::Join': [':', [{ Ref: 'A' }, { 'Fn::GetAtt': ['B', 'Arn'] }]] },
      c: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    });
  });

  it('reports broken YAML as issues with a code and a line, not an exception', () => {
    const parsed = parseTemplateYaml('Resources:\n  A: [unclosed\n', 'bad.yaml');
    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]).toMatchObject({ severity: 'error', path: { file: 'bad.yaml' } });
    expect(parsed.issues[0]?.code).toMatch(/^cloudformation\.yaml-/);
  });
});
