import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../../core/cloudformation/build-template';
import { getAtt, ref, type Intrinsic } from '../../../core/cloudformation/intrinsics';
import type { CfnResource, CfnTemplate } from '../../../core/cloudformation/template';
import { renderTemplateYaml } from '../../../core/cloudformation/yaml';
import { SQL_HA_PATTERNS, type PlanOptions, type SqlHaPattern } from '../../../core/model/options';
import { nodesOfKind } from '../../../core/model/topology';
import type { Project } from '../../../core/project/schema';
import { expectGolden } from '../../helpers/golden';
import { planExample, ROOT } from '../../helpers/example';
import { lintTemplate, SKIP_CFN_LINT } from './cfn-lint';

/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk rendered CloudFormation objects */

const LINT_TIMEOUT = 120_000;
const plain = (value: unknown): any => JSON.parse(JSON.stringify(value));
const props = (r: CfnResource | undefined): any => r?.Properties ?? {};
const ofType = (t: CfnTemplate, type: string) =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);

async function project(sqlHa: SqlHaPattern, more: Partial<PlanOptions> = {}): Promise<Project> {
  return (await planExample({ sqlHa, ...more })).project;
}

/** The AG template is the long-standing golden; the other patterns get one each. */
const goldenFor = (sqlHa: SqlHaPattern) =>
  join(
    ROOT,
    'test',
    'golden',
    'cloudformation',
    sqlHa === 'always-on-ag' ? 'rpa-estate.yaml' : `rpa-estate-${sqlHa}.yaml`,
  );

describe('CloudFormation for every SQL Server HA pattern', () => {
  for (const sqlHa of SQL_HA_PATTERNS) {
    it.skipIf(SKIP_CFN_LINT)(
      `${sqlHa}: passes cfn-lint with no errors and no warnings`,
      async () => {
        const p = await project(sqlHa);
        const result = lintTemplate(renderTemplateYaml(buildTemplate(p)), p.topology.region, `${sqlHa}.yaml`);
        expect(result.errors, result.output).toBe(false);
        expect(result.warnings, result.output).toBe(false);
      },
      LINT_TIMEOUT,
    );

    it(`${sqlHa}: matches its reviewed golden template`, async () => {
      expectGolden(goldenFor(sqlHa), renderTemplateYaml(buildTemplate(await project(sqlHa))));
    });

    it(`${sqlHa}: never carries a secret: passwords are generated or dynamic references`, async () => {
      const t = buildTemplate(await project(sqlHa));
      for (const name of Object.keys(t.Parameters))
        expect(name.toLowerCase(), name).not.toMatch(/password|secret/);
      const text = JSON.stringify(t);
      expect(text).not.toMatch(/"(MasterUserPassword|SecretString)"/);
      for (const [, s] of ofType(t, 'AWS::SecretsManager::Secret'))
        expect(props(s).GenerateSecretString).toMatchObject({
          GenerateStringKey: 'password',
          PasswordLength: 32,
        });
    });
  }

  it.skipIf(SKIP_CFN_LINT)(
    'variants pass cfn-lint: three AZs with Direct Connect and one NAT; no account services and no link',
    async () => {
      const variants: [string, Partial<PlanOptions>][] = [
        [
          'dx-3az',
          {
            sqlHa: 'fci-fsx',
            azCount: 3,
            natGateways: 'single',
            connectivity: {
              kind: 'direct-connect',
              onPremisesCidrs: ['10.1.0.0/16'],
              directConnectBandwidth: '10Gbps',
            },
          },
        ],
        [
          'bare-rds',
          {
            sqlHa: 'rds-multi-az',
            accountServices: false,
            connectivity: { kind: 'none', onPremisesCidrs: [], directConnectBandwidth: '1Gbps' },
          },
        ],
        ['us-east-1-basic', { sqlHa: 'basic-ag', region: 'us-east-1' }],
      ];
      for (const [name, options] of variants) {
        const p = (await planExample(options)).project;
        const result = lintTemplate(renderTemplateYaml(buildTemplate(p)), p.topology.region, `${name}.yaml`);
        expect(result.errors, `${name}: ${result.output}`).toBe(false);
      }
    },
    LINT_TIMEOUT * 3,
  );
});

describe('CloudFormation: the shared design', async () => {
  const t = buildTemplate(await project('always-on-ag'));

  it('puts WAF in front of the ALB: managed rule groups, a rate limit, the association and logging', () => {
    const acl = props(t.Resources.Waf);
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    expect(acl.Rules.map((r: any) => r.Statement.ManagedRuleGroupStatement?.Name ?? 'rate')).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
      'AWSManagedRulesWindowsRuleSet',
      'rate',
    ]);
    expect(acl.Rules[4]).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
    });
    expect(props(t.Resources.WafAssociationAlb)).toEqual({
      ResourceArn: ref('Alb'),
      WebACLArn: getAtt('Waf', 'Arn'),
    });
    expect(plain(props(t.Resources.WafLogGroup).LogGroupName)['Fn::Sub']).toMatch(/^aws-waf-logs-/);
    expect(props(t.Resources.WafLogging).ResourceArn).toEqual(getAtt('Waf', 'Arn'));
  });

  it('links the data centre: VPN gateway, customer gateway (parameters), connection, static routes', () => {
    expect(t.Resources.VpnGateway?.Type).toBe('AWS::EC2::VPNGateway');
    expect(props(t.Resources.CustomerGateway)).toMatchObject({
      IpAddress: ref('CustomerGatewayIp'),
      BgpAsn: ref('CustomerGatewayAsn'),
    });
    expect(props(t.Resources.Vpn)).toMatchObject({ StaticRoutesOnly: true, VpnGatewayId: ref('VpnGateway') });
    expect(props(t.Resources.VpnRoute1).DestinationCidrBlock).toBe('172.16.0.0/16');
    for (const table of ['PrivateRouteTableA', 'PrivateRouteTableB'])
      expect(props(t.Resources[`${table}OnPremises1`])).toMatchObject({
        RouteTableId: ref(table),
        DestinationCidrBlock: '172.16.0.0/16',
        GatewayId: ref('VpnGateway'),
      });
    expect(t.Parameters.CustomerGatewayIp?.Default).toBeUndefined();
  });

  it('adds network ACLs on every subnet, flow logs, and the SSM and S3 endpoints', () => {
    expect(ofType(t, 'AWS::EC2::SubnetNetworkAclAssociation')).toHaveLength(6);
    const entries = ofType(t, 'AWS::EC2::NetworkAclEntry').map(([, r]) => props(r));
    expect(entries.filter((e) => e.RuleAction === 'deny')).toEqual([
      expect.objectContaining({
        Protocol: 6,
        PortRange: { From: 3389, To: 3389 },
        CidrBlock: '0.0.0.0/0',
        Egress: false,
      }),
    ]);
    // In-VPC sources follow the VpcCidr parameter, like the subnets.
    expect(entries.some((e) => plain(e.CidrBlock).Ref === 'VpcCidr')).toBe(true);
    expect(props(t.Resources.VpcFlowLog)).toMatchObject({ ResourceType: 'VPC', TrafficType: 'ALL' });
    const endpoints = ofType(t, 'AWS::EC2::VPCEndpoint').map(([, r]) => [
      plain(props(r).ServiceName)['Fn::Sub'],
      props(r).VpcEndpointType,
    ]);
    expect(endpoints).toEqual([
      ['com.amazonaws.${AWS::Region}.ssm', 'Interface'],
      ['com.amazonaws.${AWS::Region}.ssmmessages', 'Interface'],
      ['com.amazonaws.${AWS::Region}.ec2messages', 'Interface'],
      ['com.amazonaws.${AWS::Region}.s3', 'Gateway'],
    ]);
  });

  it('turns on the account services: CloudTrail, GuardDuty and Config (conditional), patching, alarms', () => {
    expect(props(t.Resources.Cloudtrail)).toMatchObject({
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: getAtt('KmsLogs', 'Arn'),
      CloudWatchLogsLogGroupArn: getAtt('CloudtrailLogGroup', 'Arn'),
    });
    expect(t.Conditions).toHaveProperty('CreatesAccountServices');
    for (const id of ['Guardduty', 'Config', 'ConfigDeliveryChannel', 'ConfigRuleEncryptedVolumes'])
      expect(t.Resources[id]?.Condition, id).toBe('CreatesAccountServices');
    expect(ofType(t, 'AWS::Config::ConfigRule').length).toBeGreaterThan(20);
    expect(props(t.Resources.PatchManager)).toMatchObject({ OperatingSystem: 'WINDOWS' });
    expect(props(t.Resources.PatchTaskSql)).toMatchObject({
      TaskArn: 'AWS-RunPatchBaseline',
      MaxConcurrency: '1',
    });
    expect(props(t.Resources.PatchTaskServers).MaxConcurrency).toBe('50%');
    expect(ofType(t, 'AWS::Logs::MetricFilter')).toHaveLength(6);
    for (const [, g] of ofType(t, 'AWS::Logs::LogGroup'))
      expect(props(g)).toMatchObject({ RetentionInDays: 365, KmsKeyId: getAtt('KmsLogs', 'Arn') });
  });

  it('backs up SQL Server to S3 on a schedule, through a State Manager association on the SQL nodes', () => {
    const a = props(t.Resources.SqlBackupAssociation);
    expect(a).toMatchObject({ Name: 'AWS-RunPowerShellScript', ApplyOnlyAtCronInterval: true });
    expect(a.Targets).toEqual([{ Key: 'InstanceIds', Values: [ref('Ec2Sqlprd01'), ref('Ec2Sqlprd02')] }]);
    const script = plain(a.Parameters.commands)
      .map((c: any) => (typeof c === 'string' ? c : c['Fn::Sub']))
      .join('\n');
    expect(script).toContain('fn_hadr_backup_is_preferred_replica');
    expect(script).toContain("Write-S3Object -BucketName '${S3Backup}'");
    expect(script).toContain('sql-backups/');
  });
});

describe('CloudFormation: what each pattern adds', () => {
  it('always-on-ag: Managed AD with a dynamic-reference password, DHCP options, domain join, FSx witness', async () => {
    const t = buildTemplate(await project('always-on-ag'));
    const ad = props(t.Resources.Directory);
    expect(ad).toMatchObject({ Name: 'ad.corp.example.internal', Edition: 'Standard' });
    expect(plain(ad.Password)).toEqual({
      'Fn::Sub': '{{resolve:secretsmanager:${SecretDirectoryAdmin}:SecretString:password}}',
    });
    expect(props(t.Resources.DirectoryDhcpOptions).DomainNameServers).toEqual(
      getAtt('Directory', 'DnsIpAddresses'),
    );
    expect(props(t.Resources.DirectoryJoin)).toMatchObject({
      Name: 'AWS-JoinDirectoryServiceDomain',
      Targets: [{ Key: 'InstanceIds', Values: [ref('Ec2Sqlprd01'), ref('Ec2Sqlprd02')] }],
    });
    expect(props(t.Resources.FsxWitness)).toMatchObject({
      FileSystemType: 'WINDOWS',
      StorageCapacity: 32,
      WindowsConfiguration: {
        ActiveDirectoryId: ref('Directory'),
        DeploymentType: 'MULTI_AZ_1',
        PreferredSubnetId: ref('SubnetDataA'),
        ThroughputCapacity: 32,
      },
    });
    expect(t.Resources.FsxWitness?.DeletionPolicy).toBeUndefined();
  });

  it('fci-fsx: a retained Multi-AZ FSx file system sized for the databases', async () => {
    const t = buildTemplate(await project('fci-fsx'));
    expect(t.Resources.FsxSql).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(props(t.Resources.FsxSql)).toMatchObject({
      StorageCapacity: 1500,
      KmsKeyId: getAtt('KmsMain', 'Arn'),
      WindowsConfiguration: { DeploymentType: 'MULTI_AZ_1', ThroughputCapacity: 128 },
    });
    expect(ofType(t, 'AWS::FSx::FileSystem')).toHaveLength(1);
  });

  it('rds-multi-az: a Multi-AZ, License Included, encrypted, private DB instance whose password RDS manages', async () => {
    const p = await project('rds-multi-az');
    const t = buildTemplate(p);
    expect(ofType(t, 'AWS::EC2::Instance').map(([id]) => id)).not.toContain('Ec2Sqlprd01');
    const db = t.Resources.RdsSqlprd01;
    expect(db).toMatchObject({ DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' });
    expect(props(db)).toMatchObject({
      Engine: 'sqlserver-ee',
      EngineVersion: ref('SqlEngineVersion'),
      LicenseModel: 'license-included',
      DBInstanceClass: ref('SqlDbInstanceClass'),
      MultiAZ: true,
      AllocatedStorage: '1500',
      StorageType: 'gp3',
      StorageEncrypted: true,
      KmsKeyId: getAtt('KmsMain', 'Arn'),
      ManageMasterUserPassword: true,
      MasterUserSecret: { KmsKeyId: getAtt('KmsLogs', 'Arn') },
      PubliclyAccessible: false,
      DeletionProtection: true,
      BackupRetentionPeriod: 7,
      DBSubnetGroupName: ref('RdsSubnetGroup'),
      OptionGroupName: ref('RdsOptionGroupEnterprise'),
    });
    expect(props(t.Resources.RdsOptionGroupEnterprise).OptionConfigurations[0].OptionName).toBe(
      'SQLSERVER_BACKUP_RESTORE',
    );
    expect(t.Parameters.SqlDbInstanceClass?.Default).toBe(
      nodesOfKind(p.topology, 'rds-sql-server')[0]?.instanceClass,
    );
    expect(props(t.Resources.Route53PrivateSqlRecord)).toMatchObject({
      Name: 'sql.corp.example.internal',
      Type: 'CNAME',
      ResourceRecords: [getAtt('RdsSqlprd01', 'Endpoint.Address')],
    });
    // RDS holds the credentials: no separate secret, no directory, no FSx, no SQL backup association.
    for (const type of [
      'AWS::DirectoryService::MicrosoftAD',
      'AWS::FSx::FileSystem',
      'AWS::SSM::Association',
    ])
      expect(ofType(t, type), type).toEqual([]);
    expect(t.Resources.SecretSql).toBeUndefined();
    expect(props(t.Resources.SgSql).SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '255.255.255.255/32' }),
    ]);
  });

  it('single-instance: one SQL Server instance, no cluster network interfaces, no directory', async () => {
    const t = buildTemplate(await project('single-instance'));
    expect(props(t.Resources.Ec2Sqlprd01).NetworkInterfaces).toBeUndefined();
    expect(props(t.Resources.Ec2Sqlprd01).SubnetId).toEqual(ref('SubnetDataA'));
    expect(t.Resources.Ec2Sqlprd02).toBeUndefined();
    expect(ofType(t, 'AWS::DirectoryService::MicrosoftAD')).toEqual([]);
    expect(props(t.Resources.SqlBackupAssociation).Targets[0].Values).toEqual([ref('Ec2Sqlprd01')]);
  });

  it('direct-connect: the virtual private gateway with route propagation, no VPN connection', async () => {
    const p = await project('always-on-ag', {
      connectivity: {
        kind: 'direct-connect',
        onPremisesCidrs: ['10.1.0.0/16'],
        directConnectBandwidth: '10Gbps',
      },
    });
    const t = buildTemplate(p);
    expect(ofType(t, 'AWS::EC2::VPNConnection')).toEqual([]);
    expect(props(t.Resources.VpnGatewayRoutePropagation)).toMatchObject({
      RouteTableIds: [ref('PrivateRouteTableA'), ref('PrivateRouteTableB')],
      VpnGatewayId: ref('VpnGateway'),
    });
    const rdp = ofType(t, 'AWS::EC2::SecurityGroup').flatMap(([, g]) =>
      (props(g).SecurityGroupIngress ?? []).filter((r: any) => r.FromPort === 3389),
    );
    expect(new Set(rdp.map((r: any) => r.CidrIp))).toEqual(new Set(['10.1.0.0/16']));
    expect((props(t.Resources.Ec2Sqlprd01).NetworkInterfaces as any[])[0].SubnetId as Intrinsic).toEqual(
      ref('SubnetDataA'),
    );
  });
});
