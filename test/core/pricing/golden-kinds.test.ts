import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PurchaseOption } from '../../../core/model/options';
import type { TopologyNode } from '../../../core/model/topology';
import { estimateTopology } from '../../../core/pricing/estimate';
import { createSnapshotPriceBook } from '../../../core/pricing/price-book';
import { ROOT, loadSnapshot } from '../../helpers/example';
import { expectGolden } from '../../helpers/golden';
import { botRunner, node, sqlServer, topologyOf } from './small-topologies';

/**
 * One small design per resource kind, priced against the bundled Mumbai snapshot and compared with a
 * reviewed golden estimate (test/golden/estimate/kinds/<name>.json; UPDATE_GOLDEN=1 rewrites them).
 */
const volume = (
  name: string,
  device: '/dev/sda1' | '/dev/xvdb' | '/dev/xvdc',
  sizeGib: number,
  type: 'gp3' | 'gp2' | 'io2',
  iops: number,
  throughputMiBps = 0,
) => ({
  name,
  device,
  sizeGib,
  type,
  iops,
  throughputMiBps,
  encrypted: true,
});

const CASES: { name: string; nodes: TopologyNode[]; option?: PurchaseOption }[] = [
  { name: 'ec2-windows-bot', nodes: [botRunner({ associatePublicIp: true })] },
  { name: 'ec2-sql-standard-ri-3yr', nodes: [sqlServer()], option: 'ri-standard-3yr-no-upfront' },
  {
    name: 'ec2-sql-enterprise-optimize-cpu-replica',
    nodes: [
      sqlServer({
        id: 'sql-2',
        name: 'SQLPRD02',
        sqlEdition: 'enterprise',
        instanceType: 'r6i.4xlarge',
        haRole: 'secondary',
        zone: 'ap-south-1b',
        optimizeCpu: { coreCount: 4, threadsPerCore: 2 },
      }),
    ],
  },
  {
    name: 'ebs-gp3-gp2-io2',
    nodes: [
      botRunner({
        autoRecovery: false,
        volumes: [
          volume('C:', '/dev/sda1', 100, 'gp2', 0),
          volume('D: data', '/dev/xvdb', 500, 'gp3', 16000, 1000),
          volume('E: logs', '/dev/xvdc', 500, 'io2', 40000),
        ],
      }),
    ],
  },
  {
    name: 'nat-gateway',
    nodes: [
      node('nat-gateway', { id: 'nat-a', name: 'NAT gateway A', zone: 'ap-south-1a' }),
      botRunner({ id: 'bot-1', name: 'BOT-01', volumes: [], autoRecovery: false }),
      botRunner({ id: 'bot-2', name: 'BOT-02', volumes: [], autoRecovery: false }),
    ],
  },
  {
    name: 'load-balancer',
    nodes: [
      node('load-balancer', {
        id: 'alb',
        name: 'Control room ALB',
        scheme: 'internet-facing',
        subnetIds: ['public-a', 'public-b'],
        securityGroupIds: [],
        listeners: [{ protocol: 'HTTPS', port: 443, action: 'forward' }],
        targetIds: [],
        targetPort: 443,
      }),
    ],
  },
  { name: 'internet-gateway', nodes: [node('internet-gateway', { id: 'igw', name: 'Internet gateway' })] },
  {
    name: 'vpc-flow-logs',
    nodes: [node('vpc', { id: 'vpc', name: 'VPC 10.20.0.0/16', cidr: '10.20.0.0/16' })],
  },
  {
    name: 'vpn-connection',
    nodes: [
      node('vpn-connection', {
        id: 'vpn',
        name: 'Site-to-Site VPN',
        customerGatewayIp: '203.0.113.10',
        customerGatewayAsn: 65000,
        onPremisesCidrs: ['172.16.0.0/16'],
        staticRoutesOnly: true,
      }),
    ],
  },
  {
    name: 'direct-connect',
    nodes: [
      node('direct-connect', {
        id: 'dx',
        name: 'Direct Connect',
        connectionType: 'dedicated',
        bandwidth: '1Gbps',
        location: 'GPX Mumbai',
        onPremisesCidrs: ['172.16.0.0/16'],
      }),
      node('direct-connect', {
        id: 'dx-hosted',
        name: 'Direct Connect (hosted)',
        connectionType: 'hosted',
        bandwidth: '500Mbps',
        location: 'Sify Rabale',
        onPremisesCidrs: ['172.16.0.0/16'],
      }),
    ],
  },
  {
    name: 'route53-zone',
    nodes: [
      node('route53-zone', {
        id: 'zone',
        name: 'Private zone',
        domainName: 'corp.example.internal',
        privateZone: true,
      }),
    ],
  },
  {
    name: 'vpc-endpoint',
    nodes: [
      node('vpc-endpoint', {
        id: 'ssm',
        name: 'SSM endpoint',
        service: 'ssm',
        endpointType: 'Interface',
        subnetIds: ['app-a', 'app-b'],
      }),
      node('vpc-endpoint', {
        id: 's3',
        name: 'S3 gateway endpoint',
        service: 's3',
        endpointType: 'Gateway',
        subnetIds: [],
      }),
    ],
  },
  {
    name: 's3-bucket',
    nodes: [
      node('s3-bucket', {
        id: 'backup',
        name: 'SQL backup bucket',
        purpose: 'backup',
        encryption: 'sse-kms',
        kmsKeyId: null,
        versioning: true,
        publicAccessBlocked: true,
        lifecycle: null,
        storageGib: 3000,
      }),
    ],
  },
  {
    name: 'kms-key',
    nodes: [node('kms-key', { id: 'kms', name: 'KMS key', rotation: true, purpose: 'EBS and backups' })],
  },
  {
    name: 'secrets-manager-secret',
    nodes: [
      node('secrets-manager-secret', {
        id: 'secret',
        name: 'SQL Server credentials',
        purpose: 'sa login',
        kmsKeyId: null,
        rotationDays: 30,
      }),
    ],
  },
  {
    name: 'waf-web-acl',
    nodes: [
      node('waf-web-acl', {
        id: 'waf',
        name: 'AWS WAF web ACL',
        managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'],
        rateLimit: 2000,
        associatedResourceIds: [],
        logging: true,
      }),
    ],
  },
  {
    name: 'cloudtrail',
    nodes: [
      node('cloudtrail', {
        id: 'trail',
        name: 'CloudTrail',
        multiRegion: true,
        logFileValidation: true,
        kmsKeyId: null,
        cloudWatchLogs: true,
        bucketId: null,
      }),
    ],
  },
  {
    name: 'guardduty',
    nodes: [node('guardduty', { id: 'gd', name: 'GuardDuty', s3Protection: true, malwareProtection: true })],
  },
  {
    name: 'config-recorder',
    nodes: [
      node('config-recorder', {
        id: 'config',
        name: 'AWS Config',
        allSupported: true,
        includeGlobalResources: true,
        managedRules: ['encrypted-volumes', 'restricted-ssh', 'cloudtrail-enabled'],
      }),
    ],
  },
  {
    name: 'cloudwatch',
    nodes: [
      node('cloudwatch', {
        id: 'cw',
        name: 'CloudWatch',
        logGroups: [
          { name: '/archplan/windows', retentionDays: 90, kmsEncrypted: true },
          { name: '/archplan/sql', retentionDays: 365, kmsEncrypted: true },
        ],
        extraAlarms: 5,
        dashboards: 1,
      }),
      botRunner({ volumes: [], autoRecovery: false }),
    ],
  },
  {
    name: 'directory-service',
    nodes: [
      node('directory-service', {
        id: 'ad',
        name: 'Managed Microsoft AD',
        edition: 'Standard',
        domainName: 'corp.example.internal',
        subnetIds: [],
      }),
    ],
  },
  {
    name: 'fsx-windows',
    nodes: [
      node('fsx-windows', {
        id: 'fsx-maz',
        name: 'FSx Multi-AZ',
        deploymentType: 'MULTI_AZ_1',
        storageType: 'SSD',
        storageGib: 1024,
        throughputMiBps: 64,
        automaticBackupRetentionDays: 7,
        subnetIds: [],
        securityGroupIds: [],
        kmsKeyId: null,
        directoryId: null,
      }),
      node('fsx-windows', {
        id: 'fsx-saz',
        name: 'FSx Single-AZ',
        deploymentType: 'SINGLE_AZ_2',
        storageType: 'HDD',
        storageGib: 2000,
        throughputMiBps: 32,
        automaticBackupRetentionDays: 0,
        subnetIds: [],
        securityGroupIds: [],
        kmsKeyId: null,
        directoryId: null,
      }),
    ],
  },
  {
    name: 'rds-sql-server',
    nodes: [
      node('rds-sql-server', {
        id: 'rds-ee',
        name: 'RDS SQL Server Enterprise',
        instanceClass: 'db.r6i.2xlarge',
        edition: 'enterprise',
        multiAz: true,
        storageType: 'gp3',
        storageGib: 1000,
        iops: 12000,
        encrypted: true,
        kmsKeyId: null,
        backupRetentionDays: 7,
        subnetIds: [],
        securityGroupIds: [],
        serverIds: [],
      }),
      node('rds-sql-server', {
        id: 'rds-m7i',
        name: 'RDS SQL Server 7th generation',
        instanceClass: 'db.m7i.xlarge',
        edition: 'standard',
        multiAz: false,
        storageType: 'io2',
        storageGib: 200,
        iops: 5000,
        encrypted: true,
        kmsKeyId: null,
        backupRetentionDays: 0,
        subnetIds: [],
        securityGroupIds: [],
        serverIds: [],
      }),
    ],
  },
  {
    name: 'patch-manager-no-charge',
    nodes: [
      node('patch-manager', {
        id: 'patch',
        name: 'Patch Manager',
        operatingSystem: 'WINDOWS',
        approveAfterDays: 7,
        maintenanceWindow: 'cron(0 2 ? * SUN *)',
        targetRoles: ['bot'],
      }),
    ],
  },
];

describe('golden estimates per resource kind', () => {
  const book = createSnapshotPriceBook(loadSnapshot('ap-south-1'));
  for (const c of CASES) {
    it(`${c.name} (UPDATE_GOLDEN=1 rewrites it)`, () => {
      const e = estimateTopology(topologyOf('ap-south-1', c.nodes), book, c.option ?? 'on-demand');
      const { lines, totals, assumptions, purchaseOption } = e;
      expectGolden(
        join(ROOT, 'test', 'golden', 'estimate', 'kinds', `${c.name}.json`),
        `${JSON.stringify({ purchaseOption, lines, totals, assumptions }, null, 2)}\n`,
      );
      for (const l of lines)
        expect(
          l.source !== null || /^needs a live price refresh: /.test(l.priceNotFound?.reason ?? ''),
          l.component,
        ).toBe(true);
    });
  }
});
