import { describe, expect, it } from 'vitest';
import { SQL_HA_PATTERNS } from '../../../core/model/options';
import {
  ancestorOfKind,
  indexNodes,
  nodesOfKind,
  type SecurityGroup,
  type Topology,
} from '../../../core/model/topology';
import { buildTopology } from '../../../core/topology/build-topology';
import { GROUP, NODE, SG } from '../../../core/topology/design-ids';
import { WAF_MANAGED_RULE_GROUPS } from '../../../core/topology/edge';
import { planExample } from '../../helpers/example';

function group(topology: Topology, id: string): SecurityGroup {
  const g = topology.securityGroups.find((x) => x.id === id);
  if (!g) throw new Error(`no security group ${id}`);
  return g;
}

const sources = (rules: SecurityGroup['ingress'], port: number) =>
  rules
    .filter((r) => r.fromPort <= port && port <= r.toPort && r.protocol === 'tcp')
    .map((r) => (r.source.kind === 'security-group' ? r.source.securityGroupId : r.source.cidr))
    .sort();

describe('buildTopology: the network every pattern shares', () => {
  it('is deterministic for every pattern: the same inputs give the same topology, ids included', async () => {
    for (const sqlHa of SQL_HA_PATTERNS) {
      const { project, sizing } = await planExample({ sqlHa });
      expect(buildTopology(project.inventory, sizing, project.options), sqlHa).toEqual(project.topology);
    }
  });

  it('places every server in a private subnet, spreading bots and control rooms over two AZs', async () => {
    const { project } = await planExample();
    const byId = indexNodes(project.topology);
    const instances = nodesOfKind(project.topology, 'ec2-instance');
    expect(instances).toHaveLength(14);
    for (const i of instances) expect(ancestorOfKind(byId, i, 'subnet')?.tier).not.toBe('public');
    for (const role of ['bot', 'control-room'] as const)
      expect(new Set(instances.filter((i) => i.role === role).map((i) => i.zone))).toEqual(
        new Set(['ap-south-1a', 'ap-south-1b']),
      );
    for (const s of instances.filter((i) => i.role === 'sql'))
      expect(ancestorOfKind(byId, s, 'subnet')?.tier).toBe('data');
  });

  it('has a VPC with flow logs, public, app and data subnets per AZ and a NAT gateway per AZ, or one', async () => {
    const { project } = await planExample({ azCount: 3 });
    const t = project.topology;
    expect(nodesOfKind(t, 'vpc')[0]).toMatchObject({ cidr: '10.20.0.0/16', flowLogs: true });
    const subnets = nodesOfKind(t, 'subnet');
    expect(subnets.map((s) => `${s.tier}:${s.cidr}`).sort()).toEqual([
      'app:10.20.10.0/24',
      'app:10.20.11.0/24',
      'app:10.20.12.0/24',
      'data:10.20.20.0/24',
      'data:10.20.21.0/24',
      'data:10.20.22.0/24',
      'public:10.20.0.0/24',
      'public:10.20.1.0/24',
      'public:10.20.2.0/24',
    ]);
    expect(subnets.every((s) => !s.mapPublicIpOnLaunch)).toBe(true);
    expect(nodesOfKind(t, 'nat-gateway')).toHaveLength(3);
    expect(
      nodesOfKind((await planExample({ natGateways: 'single' })).project.topology, 'nat-gateway'),
    ).toHaveLength(1);
  });

  it('puts WAF (managed rule groups, a rate limit, logging) in front of the internet-facing ALB', async () => {
    const t = (await planExample()).project.topology;
    const alb = nodesOfKind(t, 'load-balancer')[0];
    expect(alb).toMatchObject({
      scheme: 'internet-facing',
      subnetIds: ['subnet-public-a', 'subnet-public-b'],
      listeners: [
        { protocol: 'HTTPS', port: 443, action: 'forward' },
        { protocol: 'HTTP', port: 80, action: 'redirect-https' },
      ],
      targetIds: ['ec2-ctrlroom-prd-01', 'ec2-ctrlroom-prd-02'],
      certificateDomain: 'rpa.corp.example.internal',
    });
    expect(nodesOfKind(t, 'waf-web-acl')[0]).toMatchObject({
      managedRuleGroups: [...WAF_MANAGED_RULE_GROUPS],
      rateLimit: 2000,
      associatedResourceIds: [NODE.alb],
      logging: true,
    });
    expect(WAF_MANAGED_RULE_GROUPS).toEqual([
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet',
      'AWSManagedRulesWindowsRuleSet',
    ]);
    expect(t.edges.find((e) => e.source === NODE.waf && e.target === NODE.alb)).toBeDefined();
  });

  it('opens only HTTPS/HTTP to the internet (on the ALB); RDP only from the data centre; SQL only from the app tier', async () => {
    for (const sqlHa of SQL_HA_PATTERNS) {
      const t = (await planExample({ sqlHa })).project.topology;
      for (const g of t.securityGroups)
        for (const r of g.ingress) {
          if (r.source.kind !== 'cidr') continue;
          if (r.source.cidr === '0.0.0.0/0') {
            expect(g.id, sqlHa).toBe(SG.alb);
            expect([80, 443]).toContain(r.fromPort);
          } else {
            // The only CIDR sources besides the internet: the data centre, on RDP, nothing else.
            expect(r.source.cidr, `${sqlHa} ${g.id}`).toBe('172.16.0.0/16');
            expect([r.fromPort, r.toPort]).toEqual([3389, 3389]);
          }
        }
      const sql = group(t, SG.sql);
      expect(
        sources(sql.ingress, 1433).filter((s) => s !== SG.sql),
        sqlHa,
      ).toEqual([SG.app, SG.controlRoom]);
      expect(
        group(t, SG.controlRoom)
          .ingress.map((r) => r.fromPort)
          .sort(),
      ).toEqual([3389, 443, 443]);
      expect(sources(group(t, SG.alb).egress, 443)).toEqual([SG.controlRoom]);
    }
  });

  it('gives RDP to nobody without a link to the data centre, and draws the link when there is one', async () => {
    const none = (
      await planExample({
        connectivity: { kind: 'none', onPremisesCidrs: [], directConnectBandwidth: '1Gbps' },
      })
    ).project.topology;
    for (const g of none.securityGroups) expect(sources(g.ingress, 3389), g.id).toEqual([]);
    expect(nodesOfKind(none, 'vpn-connection')).toEqual([]);

    const vpn = (await planExample()).project.topology;
    expect(nodesOfKind(vpn, 'vpn-connection')[0]).toMatchObject({
      parentId: null,
      onPremisesCidrs: ['172.16.0.0/16'],
      staticRoutesOnly: true,
    });
    expect(vpn.edges.filter((e) => e.kind === 'hybrid').map((e) => e.target)).toEqual([
      'ec2-ctrlroom-prd-01',
      'ec2-sqlprd01',
    ]);

    const dx = (
      await planExample({
        connectivity: {
          kind: 'direct-connect',
          onPremisesCidrs: ['10.99.0.0/16'],
          directConnectBandwidth: '10Gbps',
        },
      })
    ).project.topology;
    expect(nodesOfKind(dx, 'direct-connect')[0]).toMatchObject({
      bandwidth: '10Gbps',
      connectionType: 'hosted',
    });
    expect(sources(group(dx, SG.bot).ingress, 3389)).toEqual(['10.99.0.0/16']);
  });

  it('has network ACLs per tier that admit what the security groups allow, replies included', async () => {
    const t = (await planExample()).project.topology;
    expect(t.networkAcls.map((a) => [a.id, a.subnetIds])).toEqual([
      ['nacl-public', ['subnet-public-a', 'subnet-public-b']],
      ['nacl-app', ['subnet-app-a', 'subnet-app-b']],
      ['nacl-data', ['subnet-data-a', 'subnet-data-b']],
    ]);
    const acl = (id: string) => t.networkAcls.find((a) => a.id === id)?.entries ?? [];
    // Stateless and first match wins: the lowest-numbered entry that matches decides.
    const admits = (id: string, egress: boolean, port: number, cidr: string) =>
      acl(id)
        .filter((e) => e.egress === egress)
        .sort((a, b) => a.ruleNumber - b.ruleNumber)
        .find(
          (e) =>
            e.cidr === cidr &&
            (e.protocol === 'all' || (e.protocol === 'tcp' && e.fromPort <= port && port <= e.toPort)),
        )?.action === 'allow';
    // HTTPS from the internet to the ALB, and the reply.
    expect(admits('nacl-public', false, 443, '0.0.0.0/0')).toBe(true);
    expect(admits('nacl-public', true, 50000, '0.0.0.0/0')).toBe(true);
    expect(admits('nacl-public', false, 3389, '0.0.0.0/0')).toBe(false);
    // SQL from each app subnet into the data tier, and the reply back.
    for (const app of ['10.20.10.0/24', '10.20.11.0/24'])
      expect(admits('nacl-data', false, 1433, app)).toBe(true);
    expect(admits('nacl-data', true, 50000, '10.20.0.0/16')).toBe(true);
    expect(admits('nacl-app', true, 1433, '10.20.20.0/24')).toBe(true);
    // RDP from the data centre only; not from the internet.
    expect(admits('nacl-app', false, 3389, '172.16.0.0/16')).toBe(true);
    expect(admits('nacl-app', false, 3389, '0.0.0.0/0')).toBe(false);
    expect(admits('nacl-data', false, 3389, '0.0.0.0/0')).toBe(false);
    // Rule numbers are unique per direction and leave room in between.
    for (const a of t.networkAcls)
      for (const egress of [false, true]) {
        const numbers = a.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber);
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(numbers.every((n) => n % 10 === 0)).toBe(true);
      }
  });

  it('keeps network ACLs within their quota when the data centre has many ranges', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `10.${100 + i}.0.0/16`);
    const t = (
      await planExample({
        azCount: 3,
        connectivity: { kind: 'vpn', onPremisesCidrs: many, directConnectBandwidth: '1Gbps' },
      })
    ).project.topology;
    for (const a of t.networkAcls) {
      expect(a.entries.filter((e) => !e.egress).length, a.id).toBeLessThanOrEqual(20);
      expect(a.entries.filter((e) => e.egress).length, a.id).toBeLessThanOrEqual(20);
    }
    expect(t.networkAcls.find((a) => a.id === 'nacl-app')?.entries.some((e) => e.cidr === '10.0.0.0/8')).toBe(
      true,
    );
    // The security groups still name every range.
    expect(sources(group(t, SG.bot).ingress, 3389)).toHaveLength(12);
  });

  it('adds SSM interface endpoints and an S3 gateway endpoint, reachable on 443 from every instance group', async () => {
    const t = (await planExample()).project.topology;
    const endpoints = nodesOfKind(t, 'vpc-endpoint');
    expect(endpoints.map((e) => `${e.service}:${e.endpointType}`)).toEqual([
      'ssm:Interface',
      'ssmmessages:Interface',
      'ec2messages:Interface',
      's3:Gateway',
    ]);
    for (const e of endpoints) expect(e.parentId).toBe(GROUP.endpoints);
    expect(sources(group(t, SG.endpoints).ingress, 443)).toEqual(
      [SG.app, SG.bot, SG.controlRoom, SG.sql].sort(),
    );
  });

  it('adds the account services in titled boxes beside the VPC, or leaves them out when asked', async () => {
    const t = (await planExample()).project.topology;
    const kinds = (parent: string) => t.nodes.filter((n) => n.parentId === parent).map((n) => n.kind);
    expect(kinds(GROUP.storage)).toEqual(['kms-key', 'kms-key', 's3-bucket', 's3-bucket']);
    expect(kinds(GROUP.security)).toEqual([
      'secrets-manager-secret',
      'cloudtrail',
      'guardduty',
      'config-recorder',
      'secrets-manager-secret',
    ]);
    expect(kinds(GROUP.operations)).toEqual(['route53-zone', 'patch-manager', 'cloudwatch']);
    expect(nodesOfKind(t, 'cloudtrail')[0]).toMatchObject({
      multiRegion: true,
      logFileValidation: true,
      kmsKeyId: NODE.logKey,
      cloudWatchLogs: true,
      bucketId: NODE.logBucket,
    });
    expect(nodesOfKind(t, 'config-recorder')[0]?.managedRules).toEqual(
      expect.arrayContaining([
        'ENCRYPTED_VOLUMES',
        'EC2_IMDSV2_CHECK',
        'ALB_WAF_ENABLED',
        'CLOUD_TRAIL_ENABLED',
      ]),
    );
    expect(nodesOfKind(t, 'patch-manager')[0]?.targetRoles.sort()).toEqual(['bot', 'control-room', 'sql']);
    expect(nodesOfKind(t, 'secrets-manager-secret').find((s) => s.id === NODE.sqlSecret)).toMatchObject({
      rotationDays: 30,
      kmsKeyId: NODE.logKey,
    });
    expect(
      nodesOfKind(t, 'cloudwatch')[0]?.logGroups.every((g) => g.retentionDays >= 365 && g.kmsEncrypted),
    ).toBe(true);
    expect(nodesOfKind(t, 'route53-zone')[0]).toMatchObject({
      domainName: 'corp.example.internal',
      privateZone: true,
    });

    const bare = (await planExample({ accountServices: false })).project.topology;
    for (const kind of ['cloudtrail', 'guardduty', 'config-recorder', 'patch-manager', 'cloudwatch'] as const)
      expect(nodesOfKind(bare, kind), kind).toEqual([]);
    expect(nodesOfKind(bare, 's3-bucket').map((b) => b.purpose)).toEqual(['backup']);
    // The directory's password is the pattern's, not an account service: it stays.
    expect(nodesOfKind(bare, 'secrets-manager-secret').map((s) => s.id)).toEqual([NODE.directorySecret]);
  });

  it('backs up one set of databases per SQL Server pair, to a private, KMS-encrypted, versioned bucket', async () => {
    const t = (await planExample()).project.topology;
    expect(nodesOfKind(t, 's3-bucket').find((b) => b.purpose === 'backup')).toMatchObject({
      encryption: 'sse-kms',
      kmsKeyId: NODE.mainKey,
      versioning: true,
      publicAccessBlocked: true,
      lifecycle: { transitionDays: 30, expireDays: 90 },
      // SQLPRD01 and SQLPRD02 hold the same 1,500 GiB; two weeks of backups is about twice that.
      storageGib: 3000,
    });
  });

  it('plans an inventory without SQL Server: no database tier, no directory, no backup bucket', async () => {
    const csv =
      'name,role,vcpu,memory_gib,storage_gib,sql_edition\nCR-1,control-room,8,32,200,\nBOT-1,bot,4,16,100,\n';
    for (const sqlHa of SQL_HA_PATTERNS) {
      const t = (await planExample({ sqlHa }, csv)).project.topology;
      for (const kind of ['directory-service', 'fsx-windows', 'rds-sql-server'] as const)
        expect(nodesOfKind(t, kind), `${sqlHa} ${kind}`).toEqual([]);
      expect(t.securityGroups.map((g) => g.id)).not.toContain(SG.sql);
      expect(nodesOfKind(t, 's3-bucket').some((b) => b.purpose === 'backup')).toBe(false);
    }
  });
});
