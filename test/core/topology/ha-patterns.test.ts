import { describe, expect, it } from 'vitest';
import { SQL_HA_PATTERNS, type SqlHaPattern } from '../../../core/model/options';
import { nodesOfKind, type SecurityGroupRule, type Topology } from '../../../core/model/topology';
import { evaluateChecks } from '../../../core/security/evaluate';
import { NODE, SG } from '../../../core/topology/design-ids';
import { HA_PATTERNS, haPattern } from '../../../core/topology/ha-patterns';
import { rdsClassFor } from '../../../core/topology/ha-patterns/rds-multi-az';
import { planExample } from '../../helpers/example';

const plan = async (sqlHa: SqlHaPattern, csv?: string) =>
  (await (csv ? planExample({ sqlHa }, csv) : planExample({ sqlHa }))).project.topology;

const sqlNodes = (t: Topology) => nodesOfKind(t, 'ec2-instance').filter((n) => n.role === 'sql');
const ruleKey = (r: SecurityGroupRule) =>
  `${r.protocol}:${r.fromPort}-${r.toPort}:${r.source.kind === 'cidr' ? r.source.cidr : r.source.securityGroupId}`;
const sqlGroup = (t: Topology) => t.securityGroups.find((g) => g.id === SG.sql);
const res01 = (t: Topology) => evaluateChecks(t).find((c) => c.ruleId === 'RES-01');

const LONE_SQL =
  'name,role,vcpu,memory_gib,storage_gib,sql_edition\nCR-1,control-room,8,32,200,\nSQL-1,sql,8,64,500,standard\n';
const THREE_SQL =
  'name,role,vcpu,memory_gib,storage_gib,sql_edition\nCR-1,control-room,8,32,200,\nSQL-1,sql,8,64,500,standard\nSQL-2,sql,8,64,500,standard\nSQL-3,sql,16,128,900,enterprise\n';

describe('SQL Server HA patterns: each declares what it needs and promises', () => {
  it('has one module per pattern, with licensing, RPO, RTO, constraints and operations', () => {
    expect(Object.keys(HA_PATTERNS)).toEqual([...SQL_HA_PATTERNS]);
    for (const id of SQL_HA_PATTERNS) {
      const p = haPattern(id);
      expect(p.id).toBe(id);
      for (const text of [p.title, p.summary, p.licensing, p.rpo, p.rto, p.serverFailure, p.azFailure])
        expect(text.length, id).toBeGreaterThan(10);
      expect(p.constraints.length, id).toBeGreaterThan(0);
      expect(p.operations.length, id).toBeGreaterThan(0);
    }
    expect(SQL_HA_PATTERNS.filter((id) => !haPattern(id).highlyAvailable)).toEqual(['single-instance']);
    expect(haPattern('always-on-ag').edition('standard')).toBe('enterprise');
    expect(haPattern('basic-ag').edition('enterprise')).toBe('standard');
    expect(haPattern('fci-fsx').edition('web')).toBe('standard');
    expect(haPattern('rds-multi-az').edition('enterprise')).toBe('enterprise');
  });

  it('says why a pattern fits the inventory, or not', async () => {
    const { project, sizing } = await planExample();
    const fit = (id: SqlHaPattern) => haPattern(id).fits(project.inventory, sizing);
    expect(fit('always-on-ag')).toEqual({
      fits: true,
      reasons: [
        'SQLPRD01, SQLPRD02 become the primary and the synchronous secondary, in two AZs.',
        'The inventory already runs Enterprise edition.',
      ],
    });
    expect(fit('basic-ag').reasons.join(' ')).toContain('confirm no Enterprise-only feature');
    expect(fit('single-instance').reasons).toContain('SQLPRD02 is not deployed: one instance per pair.');
    expect(fit('rds-multi-az').reasons[0]).toMatch(
      /^SQLPRD01, SQLPRD02 map onto one db\.[a-z0-9]+\.\w+ Multi-AZ/,
    );
    // More data than RDS holds: the pattern does not fit, and says so.
    const big = {
      ...project.inventory,
      servers: project.inventory.servers.map((s) => (s.role === 'sql' ? { ...s, storageGib: 20000 } : s)),
    };
    expect(haPattern('rds-multi-az').fits(big, sizing)).toMatchObject({
      fits: false,
      reasons: [expect.stringContaining('more than RDS')],
    });
  });

  it('always-on-ag: Enterprise replicas in two AZs, a listener, AD and an FSx Multi-AZ witness', async () => {
    const t = await plan('always-on-ag');
    const sql = sqlNodes(t);
    expect(sql.map((n) => [n.id, n.haRole, n.zone, n.sqlEdition])).toEqual([
      ['ec2-sqlprd01', 'primary', 'ap-south-1a', 'enterprise'],
      ['ec2-sqlprd02', 'secondary', 'ap-south-1b', 'enterprise'],
    ]);
    expect(new Set(sql.map((n) => n.instanceType)).size).toBe(1);
    expect(nodesOfKind(t, 'directory-service')[0]).toMatchObject({
      edition: 'Standard',
      domainName: 'ad.corp.example.internal',
      subnetIds: ['subnet-data-a', 'subnet-data-b'],
    });
    expect(nodesOfKind(t, 'fsx-windows')).toEqual([
      expect.objectContaining({
        id: NODE.witness,
        deploymentType: 'MULTI_AZ_1',
        storageGib: 32,
        throughputMiBps: 32,
        directoryId: NODE.directory,
        subnetIds: ['subnet-data-a', 'subnet-data-b'],
      }),
    ]);
    expect(
      t.edges.filter((e) => e.source === 'ec2-sqlprd01').map((e) => [e.target, e.kind, e.label]),
    ).toEqual([
      ['ec2-sqlprd02', 'replication', 'Synchronous commit 5022'],
      [NODE.witness, 'traffic', 'Quorum witness SMB 445'],
      [NODE.backupBucket, 'backup', 'Scheduled backup'],
    ]);
    expect(
      t.edges.filter((e) => e.target === 'ec2-sqlprd01' && e.label === 'SQL 1433 (listener)'),
    ).toHaveLength(2);
    const rules = (sqlGroup(t)?.ingress ?? []).map(ruleKey);
    expect(rules).toEqual(
      expect.arrayContaining([
        'tcp:5022-5022:sg-sql',
        'tcp:3343-3343:sg-sql',
        'udp:3343-3343:sg-sql',
        'tcp:49152-65535:sg-sql',
        'tcp:3389-3389:172.16.0.0/16',
      ]),
    );
    // SQL nodes reach the directory on the AD ports, FSx on SMB; other tiers get DNS from the directory.
    const egress = (sqlGroup(t)?.egress ?? []).map(ruleKey);
    expect(egress).toEqual(
      expect.arrayContaining(['tcp:88-88:10.20.20.0/24', 'tcp:389-389:10.20.21.0/24', 'tcp:445-445:sg-fsx']),
    );
    const bot = t.securityGroups.find((g) => g.id === SG.bot)?.egress.map(ruleKey) ?? [];
    expect(bot).toEqual(expect.arrayContaining(['udp:53-53:10.20.20.0/24', 'tcp:53-53:10.20.21.0/24']));
    expect(bot).not.toContain('tcp:88-88:10.20.20.0/24');
    expect(res01(t)?.status).toBe('pass');
  });

  it('basic-ag: the same cluster on Standard edition', async () => {
    const t = await plan('basic-ag');
    expect(sqlNodes(t).map((n) => [n.haRole, n.sqlEdition])).toEqual([
      ['primary', 'standard'],
      ['secondary', 'standard'],
    ]);
    expect(nodesOfKind(t, 'fsx-windows').map((f) => f.id)).toEqual([NODE.witness]);
    expect(nodesOfKind(t, 'directory-service')).toHaveLength(1);
    expect(res01(t)?.status).toBe('pass');
  });

  it('fci-fsx: two nodes on shared FSx Multi-AZ storage sized for the data, no AG endpoint', async () => {
    const t = await plan('fci-fsx');
    const sql = sqlNodes(t);
    expect(sql.map((n) => [n.haRole, n.zone, n.sqlEdition])).toEqual([
      ['primary', 'ap-south-1a', 'enterprise'],
      ['secondary', 'ap-south-1b', 'enterprise'],
    ]);
    // Databases live on FSx: the nodes keep Windows and a local disk for tempdb and staged backups.
    for (const n of sql)
      expect(n.volumes.map((v) => [v.name, v.sizeGib])).toEqual([
        ['C:', 100],
        ['D:', 450],
      ]);
    expect(nodesOfKind(t, 'fsx-windows')).toEqual([
      expect.objectContaining({
        id: 'fsx-sql',
        deploymentType: 'MULTI_AZ_1',
        storageGib: 1500,
        throughputMiBps: 128,
        directoryId: NODE.directory,
      }),
    ]);
    expect(t.edges.filter((e) => e.target === 'fsx-sql').map((e) => e.source)).toEqual([
      'ec2-sqlprd01',
      'ec2-sqlprd02',
    ]);
    expect((sqlGroup(t)?.ingress ?? []).map(ruleKey)).not.toContain('tcp:5022-5022:sg-sql');
    expect(res01(t)?.status).toBe('pass');
    // Storage in one AZ would be the single point of failure: RES-01 says so.
    const single = {
      ...t,
      nodes: t.nodes.map((n) =>
        n.kind === 'fsx-windows' ? { ...n, deploymentType: 'SINGLE_AZ_2' as const } : n,
      ),
    };
    expect(res01(single)).toMatchObject({ status: 'fail', resources: ['fsx-sql'] });
  });

  it('rds-multi-az: one Multi-AZ DB instance for the pair, no SQL Server instances, no directory', async () => {
    const t = await plan('rds-multi-az');
    expect(sqlNodes(t)).toEqual([]);
    expect(nodesOfKind(t, 'directory-service')).toEqual([]);
    const [db] = nodesOfKind(t, 'rds-sql-server');
    expect(db).toMatchObject({
      id: 'rds-sqlprd01',
      edition: 'enterprise',
      multiAz: true,
      encrypted: true,
      kmsKeyId: NODE.mainKey,
      storageType: 'gp3',
      storageGib: 1500,
      backupRetentionDays: 7,
      subnetIds: ['subnet-data-a', 'subnet-data-b'],
      securityGroupIds: [SG.sql],
      serverIds: ['sqlprd01', 'sqlprd02'],
    });
    expect(db?.instanceClass).toMatch(/^db\.(m5|m5d|m6i|r5|r5b|r5d|r6i|x2iedn|z1d)\.\d*x?large$/);
    expect(sqlGroup(t)).toMatchObject({ egress: [] });
    expect((sqlGroup(t)?.ingress ?? []).map(ruleKey).sort()).toEqual([
      'tcp:1433-1433:sg-app',
      'tcp:1433-1433:sg-control-room',
    ]);
    expect(t.edges.filter((e) => e.target === db?.id).map((e) => e.label)).toEqual(['SQL 1433', 'SQL 1433']);
    expect(t.edges.find((e) => e.source === db?.id)).toMatchObject({
      target: NODE.backupBucket,
      kind: 'backup',
    });
    expect(res01(t)).toMatchObject({ status: 'pass', detail: 'The RDS DB instance is Multi-AZ.' });
  });

  it('maps EC2 types onto RDS classes RDS for SQL Server offers', () => {
    expect(rdsClassFor('r6i.4xlarge', 'enterprise')).toBe('db.r6i.4xlarge');
    expect(rdsClassFor('r5a.8xlarge', 'enterprise')).toBe('db.r6i.8xlarge');
    expect(rdsClassFor('m5a.2xlarge', 'standard')).toBe('db.m6i.2xlarge');
    expect(rdsClassFor('c6i.xlarge', 'standard')).toBe('db.m6i.xlarge');
    expect(rdsClassFor('m6i.large', 'enterprise')).toBe('db.m6i.xlarge');
    expect(rdsClassFor('z1d.3xlarge', 'standard')).toBe('db.r6i.4xlarge');
    expect(rdsClassFor(undefined, 'standard')).toBe('db.unsized.none');
  });

  it('single-instance: one standalone server per pair, backed up to S3; RES-01 fails', async () => {
    const t = await plan('single-instance');
    expect(sqlNodes(t).map((n) => [n.id, n.haRole])).toEqual([['ec2-sqlprd01', 'standalone']]);
    expect(nodesOfKind(t, 'directory-service')).toEqual([]);
    expect(nodesOfKind(t, 'fsx-windows')).toEqual([]);
    expect((sqlGroup(t)?.ingress ?? []).map(ruleKey)).not.toContain('tcp:3343-3343:sg-sql');
    expect(t.edges.find((e) => e.source === 'ec2-sqlprd01' && e.kind === 'backup')?.label).toBe(
      'Full and log backups',
    );
    expect(res01(t)).toMatchObject({ status: 'fail', resources: ['ec2-sqlprd01'] });
  });

  it('pairs the inventory’s SQL Servers in order and gives a lone server a same-size partner', async () => {
    const lone = sqlNodes(await plan('always-on-ag', LONE_SQL));
    expect(lone.map((n) => [n.name, n.haRole, n.serverId, n.zone])).toEqual([
      ['SQL-1', 'primary', 'sql-1', 'ap-south-1a'],
      ['SQL-1 replica', 'secondary', null, 'ap-south-1b'],
    ]);
    const three = await plan('fci-fsx', THREE_SQL);
    expect(sqlNodes(three).map((n) => [n.id, n.haRole, n.zone])).toEqual([
      ['ec2-sql-1', 'primary', 'ap-south-1a'],
      ['ec2-sql-2', 'secondary', 'ap-south-1b'],
      // The second cluster's primary is in the other AZ, so the primaries are spread.
      ['ec2-sql-3', 'primary', 'ap-south-1b'],
      ['ec2-sql-3-replica', 'secondary', 'ap-south-1a'],
    ]);
    expect(nodesOfKind(three, 'fsx-windows').map((f) => [f.id, f.storageGib])).toEqual([
      ['fsx-sql', 500],
      ['fsx-sql-2', 900],
    ]);
    const rds = nodesOfKind(await plan('rds-multi-az', THREE_SQL), 'rds-sql-server');
    expect(rds.map((r) => [r.id, r.edition, r.serverIds])).toEqual([
      ['rds-sql-1', 'standard', ['sql-1', 'sql-2']],
      ['rds-sql-3', 'enterprise', ['sql-3']],
    ]);
    // One directory and one witness serve every cluster.
    const ag = await plan('always-on-ag', THREE_SQL);
    expect(nodesOfKind(ag, 'directory-service')).toHaveLength(1);
    expect(nodesOfKind(ag, 'fsx-windows')).toHaveLength(1);
    expect(ag.edges.filter((e) => e.kind === 'replication')).toHaveLength(2);
  });
});
