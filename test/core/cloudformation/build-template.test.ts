import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTemplate, checkTemplateInputs } from '../../../core/cloudformation/build-template';
import { getAtt, QuotedText, ref, type Intrinsic } from '../../../core/cloudformation/intrinsics';
import { AMI_SSM_PARAMETERS } from '../../../core/cloudformation/parameters';
import type { CfnResource, CfnTemplate } from '../../../core/cloudformation/template';
import { parseTemplateYaml, renderTemplateYaml } from '../../../core/cloudformation/yaml';
import { nodesOfKind, type Ec2Node } from '../../../core/model/topology';
import type { Project } from '../../../core/project/schema';
import { expectGolden } from '../../helpers/golden';
import { planExample, ROOT } from '../../helpers/example';
import { lintTemplate, SKIP_CFN_LINT } from './cfn-lint';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk rendered CloudFormation objects */

const GOLDEN = join(ROOT, 'test', 'golden', 'cloudformation', 'rpa-estate.yaml');
const LINT_TIMEOUT = 120_000;

async function exampleProject(options: Parameters<typeof planExample>[0] = {}): Promise<Project> {
  return (await planExample(options)).project;
}

function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

function props(resource: CfnResource | undefined): any {
  return resource?.Properties ?? {};
}

const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));

function tagValue(resource: CfnResource | undefined, key: string): string | undefined {
  const tag = (props(resource).Tags as { Key: string; Value: unknown }[] | undefined)?.find(
    (t) => t.Key === key,
  );
  return tag ? String(tag.Value) : undefined;
}

function expectLintClean(template: CfnTemplate, region: string, name: string): void {
  const result = lintTemplate(renderTemplateYaml(template), region, name);
  expect(result.errors, result.output).toBe(false);
}

describe('buildTemplate: the example RPA estate (Always On AG, NAT per AZ)', () => {
  it.skipIf(SKIP_CFN_LINT)(
    'passes cfn-lint with no errors',
    async () => {
      const project = await exampleProject();
      expectLintClean(buildTemplate(project), project.topology.region, 'rpa-estate.yaml');
    },
    LINT_TIMEOUT,
  );

  it('matches the reviewed golden template byte for byte', async () => {
    expectGolden(GOLDEN, renderTemplateYaml(buildTemplate(await exampleProject())));
  });

  it('is deterministic and parses back with the same tags to the same template', async () => {
    const project = await exampleProject();
    const yaml = renderTemplateYaml(buildTemplate(project));
    expect(renderTemplateYaml(buildTemplate(project))).toBe(yaml);
    const parsed = parseTemplateYaml(yaml);
    expect(parsed.ok && parsed.issues).toEqual([]);
    expect(parsed.ok && parsed.value).toEqual(plain(buildTemplate(project)));
  });

  it('creates one instance per topology instance, with logical ids derived from node ids', async () => {
    const project = await exampleProject();
    const template = buildTemplate(project);
    const nodes = nodesOfKind(project.topology, 'ec2-instance');
    expect(resourcesOfType(template, 'AWS::EC2::Instance')).toHaveLength(nodes.length);
    expect(template.Resources.Ec2Sqlprd01?.Type).toBe('AWS::EC2::Instance');
    expect(template.Resources.Ec2IqbotPrd01?.Type).toBe('AWS::EC2::Instance');
    const ids = [...Object.keys(template.Parameters), ...Object.keys(template.Resources)];
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]{0,254}$/);
  });

  it('takes AMIs from AWS public SSM parameters and instance types from per-role parameters', async () => {
    const project = await exampleProject();
    const template = buildTemplate(project);
    expect(template.Parameters.WindowsAmiId).toMatchObject({
      Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      Default: AMI_SSM_PARAMETERS.none,
    });
    expect(template.Parameters.SqlEnterpriseAmiId?.Default).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-SQL_2022_Enterprise',
    );
    expect(template.Parameters.SqlStandardAmiId).toBeUndefined();
    expect(template.Parameters.CertificateArn).toMatchObject({
      Type: 'String',
      AllowedPattern: expect.stringContaining(':acm:'),
    });
    expect(template.Parameters.CertificateArn?.Default).toBeUndefined();
    expect(template.Parameters.VpcCidr?.Default).toBe(project.options.vpcCidr);

    for (const node of nodesOfKind(project.topology, 'ec2-instance')) {
      const p = props(template.Resources[logicalIdOf(node)]);
      const typeParam = (p.InstanceType as Intrinsic).args as string;
      expect(template.Parameters[typeParam]?.Default).toBe(node.instanceType);
      expect(p.ImageId).toEqual(ref(node.sqlEdition === 'none' ? 'WindowsAmiId' : 'SqlEnterpriseAmiId'));
    }
    // Both replicas of the availability group share one instance type parameter.
    const sqlTypes = nodesOfKind(project.topology, 'ec2-instance')
      .filter((n) => n.role === 'sql')
      .map((n) => props(template.Resources[logicalIdOf(n)]).InstanceType);
    expect(new Set(sqlTypes.map((t) => JSON.stringify(t))).size).toBe(1);
  });

  it('routes each AZ’s private subnets through the NAT gateway in the same AZ', async () => {
    const template = buildTemplate(await exampleProject());
    expect(props(template.Resources.PrivateDefaultRouteA)).toMatchObject({
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: ref('NatA'),
    });
    expect(props(template.Resources.PrivateDefaultRouteB)).toMatchObject({
      DestinationCidrBlock: '0.0.0.0/0',
      NatGatewayId: ref('NatB'),
    });
    expect(props(template.Resources.PublicDefaultRoute)).toMatchObject({ GatewayId: ref('Igw') });
    expect(props(template.Resources.SubnetAppBRouteTableAssociation).RouteTableId).toEqual(
      ref('PrivateRouteTableB'),
    );
    expect(props(template.Resources.NatB).SubnetId).toEqual(ref('SubnetPublicB'));
  });
});

const example = await exampleProject();

function logicalIdOf(node: Ec2Node): string {
  return node.id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

describe('buildTemplate: secure by default, matching the security rules', () => {
  const project = example;
  const template = buildTemplate(project);
  const keyArn = getAtt('KmsMain', 'Arn');

  it('encrypts every EBS volume with the project KMS key (CMP-01), roots deleted with the instance, data kept', () => {
    for (const node of nodesOfKind(project.topology, 'ec2-instance')) {
      const mappings = props(template.Resources[logicalIdOf(node)]).BlockDeviceMappings as any[];
      expect(mappings).toHaveLength(node.volumes.length);
      for (const [i, m] of mappings.entries()) {
        const volume = node.volumes[i];
        expect(m.DeviceName).toBe(volume?.device);
        expect(m.Ebs).toMatchObject({
          Encrypted: true,
          KmsKeyId: keyArn,
          VolumeType: volume?.type,
          VolumeSize: volume?.sizeGib,
          Iops: volume?.iops,
        });
        expect(m.Ebs.DeleteOnTermination).toBe(volume?.device === '/dev/sda1');
      }
    }
  });

  it('requires IMDSv2 on every instance (CMP-02), places them in private subnets with no public IP (NET-01)', () => {
    for (const [id, instance] of resourcesOfType(template, 'AWS::EC2::Instance')) {
      expect(props(instance).MetadataOptions).toMatchObject({
        HttpTokens: 'required',
        HttpEndpoint: 'enabled',
      });
      // Cluster nodes declare their interface (two secondary IPs: cluster and listener); others a subnet.
      const eni = (props(instance).NetworkInterfaces as any[] | undefined)?.[0];
      const subnetRef = (eni?.SubnetId ?? props(instance).SubnetId) as Intrinsic;
      const subnet = template.Resources[subnetRef.args as string];
      expect(tagValue(subnet, 'Tier')).not.toBe('public');
      if (eni) {
        expect(id).toMatch(/^Ec2Sqlprd0[12]$/);
        expect(eni).toMatchObject({
          DeviceIndex: '0',
          SecondaryPrivateIpAddressCount: 2,
          AssociatePublicIpAddress: false,
        });
        expect(props(instance).SubnetId).toBeUndefined();
      }
      expect(props(instance).KeyName).toBeUndefined();
      expect(tagValue(instance, 'Patch Group')).toBeDefined();
    }
    for (const [, subnet] of resourcesOfType(template, 'AWS::EC2::Subnet'))
      expect(props(subnet).MapPublicIpOnLaunch).toBe(false);
  });

  it('opens nothing to 0.0.0.0/0 except the load balancer on 80 and 443 (NET-05)', () => {
    const worldIngress: string[] = [];
    for (const [id, sg] of resourcesOfType(template, 'AWS::EC2::SecurityGroup')) {
      for (const rule of (props(sg).SecurityGroupIngress ?? []) as any[]) {
        expect(rule.Description).toBeInstanceOf(QuotedText);
        if (rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0')
          worldIngress.push(`${id}:${rule.IpProtocol}:${rule.FromPort}-${rule.ToPort}`);
      }
      for (const rule of (props(sg).SecurityGroupEgress ?? []) as any[])
        expect(String(rule.Description)).not.toBe('');
    }
    for (const [, rule] of resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress')) {
      expect(props(rule).CidrIp).toBeUndefined();
      expect(String(props(rule).Description)).not.toBe('');
    }
    expect(worldIngress.sort()).toEqual(['SgAlb:tcp:443-443', 'SgAlb:tcp:80-80']);
  });

  it('links security groups through separate ingress/egress resources, so they cannot form a cycle', () => {
    for (const [, sg] of resourcesOfType(template, 'AWS::EC2::SecurityGroup')) {
      for (const rule of [
        ...(props(sg).SecurityGroupIngress ?? []),
        ...(props(sg).SecurityGroupEgress ?? []),
      ] as any[]) {
        expect(rule.SourceSecurityGroupId ?? rule.DestinationSecurityGroupId).toBeUndefined();
      }
    }
    expect(props(template.Resources.SgSqlIngressFromSgControlRoomTcp1433)).toMatchObject({
      GroupId: getAtt('SgSql', 'GroupId'),
      SourceSecurityGroupId: getAtt('SgControlRoom', 'GroupId'),
      IpProtocol: 'tcp',
      FromPort: 1433,
      ToPort: 1433,
    });
    // The ALB's only egress is to the control room: the default allow-all egress is replaced.
    expect(props(template.Resources.SgAlb).SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '255.255.255.255/32' }),
    ]);
  });

  it('keeps the backup bucket private, KMS-encrypted, versioned and TLS-only (DAT-01, DAT-02)', () => {
    const bucket = props(template.Resources.S3Backup);
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0]).toEqual({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
      BucketKeyEnabled: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const lifecycle = bucket.LifecycleConfiguration.Rules[0];
    expect(lifecycle).toMatchObject({
      Status: 'Enabled',
      ExpirationInDays: 90,
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
    });
    expect(template.Resources.S3Backup).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    const statement = props(template.Resources.S3BackupPolicy).PolicyDocument.Statement[0];
    expect(statement).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('rotates the KMS key, keeps it on stack deletion and allows use only through EC2 and S3', () => {
    const key = template.Resources.KmsMain;
    expect(key).toMatchObject({
      Type: 'AWS::KMS::Key',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(props(key).EnableKeyRotation).toBe(true);
    const statements = props(key).KeyPolicy.Statement as any[];
    const crypto = statements.filter((s) => (s.Action as string[]).includes('kms:Decrypt'));
    expect(crypto.length).toBeGreaterThan(0);
    // EBS, the backup bucket and the FSx witness: each only through its service, from this account.
    for (const s of crypto)
      expect(plain(s.Condition.StringEquals['kms:ViaService'])['Fn::Sub']).toMatch(
        /^(ec2|s3|fsx)\.\$\{AWS::Region\}\.amazonaws\.com$/,
      );
    expect(crypto.map((s) => s.Sid)).toEqual(['EbsThroughEc2', 'ObjectsThroughS3', 'FileSystemsThroughFsx']);
    // The logs key serves CloudTrail and CloudWatch Logs by their service principals, bounded to this account.
    const logKey = (props(template.Resources.KmsLogs).KeyPolicy.Statement as any[]).map((x) => x.Sid);
    expect(logKey).toEqual(
      expect.arrayContaining([
        'CloudTrailEncryptsLogs',
        'CloudWatchLogsEncryptsLogGroups',
        'SecretsThroughSecretsManager',
      ]),
    );
    expect(props(template.Resources.KmsMainAlias).TargetKeyId).toEqual(ref('KmsMain'));
  });

  it('grants least privilege: no IAM users, no wildcard actions in any Allow, backups limited to sql-backups/', () => {
    expect(resourcesOfType(template, 'AWS::IAM::User')).toEqual([]);
    const allows: any[] = [];
    const collect = (doc: any) =>
      allows.push(...(doc.Statement as any[]).filter((s) => s.Effect === 'Allow'));
    const managed: Record<string, string[]> = {};
    for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
      collect(props(role).AssumeRolePolicyDocument);
      for (const policy of props(role).Policies ?? []) collect(policy.PolicyDocument);
      managed[id] = (props(role).ManagedPolicyArns ?? []).map((a: unknown) => plain(a)['Fn::Sub']);
    }
    const ssm = 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore';
    expect(managed).toEqual({
      InstanceRole: [ssm],
      SqlInstanceRole: [ssm, 'arn:${AWS::Partition}:iam::aws:policy/AmazonSSMDirectoryServiceAccess'],
      FlowLogsRole: [],
      CloudtrailLogsRole: [],
      ConfigRole: ['arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole'],
    });
    for (const key of ['KmsMain', 'KmsLogs']) collect(props(template.Resources[key]).KeyPolicy);
    for (const s of allows) for (const action of [s.Action].flat()) expect(action).not.toContain('*');

    const backup = props(template.Resources.SqlInstanceRole).Policies[0].PolicyDocument.Statement as any[];
    expect(backup.map((s) => s.Action)).toEqual([
      's3:ListBucket',
      ['s3:GetObject', 's3:PutObject'],
      ['kms:Decrypt', 'kms:GenerateDataKey'],
    ]);
    expect(plain(backup[1].Resource)).toEqual({ 'Fn::Sub': '${S3Backup.Arn}/sql-backups/*' });
    expect(backup[0].Condition.StringLike['s3:prefix']).toEqual(['sql-backups/', 'sql-backups/*']);
    expect(backup[2].Resource).toEqual(keyArn);
    // Only SQL Server instances get the backup role.
    for (const node of nodesOfKind(project.topology, 'ec2-instance')) {
      expect(props(template.Resources[logicalIdOf(node)]).IamInstanceProfile).toEqual(
        ref(node.role === 'sql' ? 'SqlInstanceProfile' : 'InstanceProfile'),
      );
    }
  });

  it('serves HTTPS with TLS 1.3/1.2 and the certificate parameter; HTTP only redirects', () => {
    expect(props(template.Resources.AlbListenerHttps443)).toMatchObject({
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      Certificates: [{ CertificateArn: ref('CertificateArn') }],
      DefaultActions: [{ Type: 'forward', TargetGroupArn: ref('AlbTargetGroup') }],
    });
    expect(props(template.Resources.AlbListenerHttp80).DefaultActions).toEqual([
      {
        Type: 'redirect',
        RedirectConfig: expect.objectContaining({ Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' }),
      },
    ]);
    expect(props(template.Resources.Alb).LoadBalancerAttributes).toContainEqual({
      Key: 'routing.http.drop_invalid_header_fields.enabled',
      Value: 'true',
    });
    const lb = nodesOfKind(project.topology, 'load-balancer')[0];
    expect(props(template.Resources.AlbTargetGroup).Targets.map((t: { Id: Intrinsic }) => t.Id.args)).toEqual(
      lb?.targetIds.map((id) => logicalIdOf({ id } as Ec2Node)),
    );
  });

  it('exports what the delivery team needs next: VPC, ALB, bucket, key, directory, witness, VPN, alarms', () => {
    expect(Object.keys(template.Outputs).sort()).toEqual([
      'AlarmTopicArn',
      'AlbDnsName',
      'BackupBucketName',
      'DirectoryDnsAddresses',
      'DirectoryId',
      'FsxWitnessDnsName',
      'KmsKeyArn',
      'VpcId',
      'VpnConnectionId',
    ]);
    expect(template.Outputs.AlbDnsName?.Value).toEqual(getAtt('Alb', 'DNSName'));
  });
});

const singleInstance = await exampleProject({ sqlHa: 'single-instance' });
const singleNat = await exampleProject({ natGateways: 'single' });
const threeAzs = await exampleProject({ azCount: 3 });

/** Three AZs, plus what a user may edit in: a fast gp3 data volume, an io2 volume, a server nothing fits. */
function editedProject(): Project {
  const nodes = threeAzs.topology.nodes.map((n) => {
    if (n.kind !== 'ec2-instance') return n;
    const data = (change: object) => n.volumes.map((v, i) => (i === 1 ? { ...v, ...change } : v));
    if (n.id === 'ec2-sqlprd01') return { ...n, volumes: data({ throughputMiBps: 500, iops: 6000 }) };
    if (n.id === 'ec2-sqlprd02')
      return { ...n, volumes: data({ type: 'io2', iops: 8000, throughputMiBps: 0 }) };
    if (n.id === 'ec2-iqbot-prd-10') return { ...n, instanceType: 'unsized.none' };
    return n;
  });
  return { ...threeAzs, topology: { ...threeAzs.topology, nodes } };
}

describe('buildTemplate: plan variations', () => {
  it('single-instance SQL Server: standalone instances, tagged as such', () => {
    const template = buildTemplate(singleInstance);
    const sql = nodesOfKind(singleInstance.topology, 'ec2-instance').filter((n) => n.role === 'sql');
    expect(sql.length).toBeGreaterThan(0);
    for (const node of sql) {
      expect(node.haRole).toBe('standalone');
      expect(tagValue(template.Resources[logicalIdOf(node)], 'HaRole')).toBe('standalone');
    }
  });

  it('a single NAT gateway serves every AZ’s private route table', () => {
    const template = buildTemplate(singleNat);
    expect(resourcesOfType(template, 'AWS::EC2::NatGateway').map(([id]) => id)).toEqual(['NatA']);
    expect(props(template.Resources.PrivateDefaultRouteA).NatGatewayId).toEqual(ref('NatA'));
    expect(props(template.Resources.PrivateDefaultRouteB).NatGatewayId).toEqual(ref('NatA'));
  });

  it('three AZs, io2 and fast gp3 volumes (through a launch template), an unsized server', () => {
    const project = editedProject();
    const template = buildTemplate(project);
    expect(resourcesOfType(template, 'AWS::EC2::Subnet')).toHaveLength(9);
    const lt = props(template.Resources.Ec2Sqlprd01LaunchTemplate).LaunchTemplateData;
    expect(lt.BlockDeviceMappings[1].Ebs).toMatchObject({
      VolumeType: 'gp3',
      Iops: 6000,
      Throughput: 500,
      Encrypted: true,
      KmsKeyId: getAtt('KmsMain', 'Arn'),
    });
    expect(lt.MetadataOptions.HttpTokens).toBe('required');
    expect(props(template.Resources.Ec2Sqlprd01).LaunchTemplate).toEqual({
      LaunchTemplateId: ref('Ec2Sqlprd01LaunchTemplate'),
      Version: getAtt('Ec2Sqlprd01LaunchTemplate', 'LatestVersionNumber'),
    });
    expect(props(template.Resources.Ec2Sqlprd02).BlockDeviceMappings[1].Ebs).toMatchObject({
      VolumeType: 'io2',
      Iops: 8000,
      Encrypted: true,
    });
    const unsizedParam = (props(template.Resources.Ec2IqbotPrd10).InstanceType as Intrinsic).args as string;
    expect(template.Parameters[unsizedParam]?.Default).toBeUndefined();
    expect(checkTemplateInputs(project).map((i) => i.code)).toEqual(['cloudformation.instance-type-unsized']);
  });

  it('reports a design with nothing to deploy', () => {
    const empty: Project = {
      ...example,
      topology: { ...example.topology, nodes: [], edges: [], securityGroups: [] },
    };
    expect(checkTemplateInputs(empty)).toEqual([
      expect.objectContaining({ code: 'cloudformation.no-vpc', severity: 'error' }),
    ]);
    expect(checkTemplateInputs(example)).toEqual([]);
  });

  const variants: [string, () => Project][] = [
    ['single-instance SQL Server', () => singleInstance],
    ['a single NAT gateway', () => singleNat],
    ['three AZs with edited volumes and an unsized server', editedProject],
  ];
  for (const [name, project] of variants) {
    it.skipIf(SKIP_CFN_LINT)(
      `${name}: passes cfn-lint with no errors`,
      () => {
        const p = project();
        expectLintClean(buildTemplate(p), p.topology.region, `${name.replace(/\W+/g, '-')}.yaml`);
      },
      LINT_TIMEOUT,
    );
  }
});
