import { nodesOfKind, type Topology } from '../../model/topology';
import { GROUP, NODE } from '../../topology/design-ids';
import { ensureKey } from '../kms-keys';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, refTarget, tagOf } from '../template-query';

/** The design's backup buckets. */
function backupBuckets(topology: Topology): Set<string> {
  return new Set(
    nodesOfKind(topology, 's3-bucket')
      .filter((b) => b.purpose === 'backup')
      .map((b) => b.id),
  );
}

function checkDesign(topology: Topology): RuleOutcome {
  const sql = nodesOfKind(topology, 'ec2-instance').filter((n) => n.role === 'sql');
  const rds = nodesOfKind(topology, 'rds-sql-server');
  if (sql.length === 0 && rds.length === 0) return passed('The design has no SQL Server.');
  const buckets = backupBuckets(topology);
  const bad: string[] = [];
  const notes: string[] = [];
  if (sql.length > 0) {
    const backedUp = topology.edges.some(
      (e) => e.kind === 'backup' && buckets.has(e.target) && sql.some((n) => n.id === e.source),
    );
    if (!backedUp) {
      bad.push(...sql.map((n) => n.id));
      notes.push(
        `${listNames(sql.map((n) => n.name))} ha${sql.length === 1 ? 's' : 've'} no scheduled backup to an S3 backup bucket`,
      );
    }
  }
  const noAutomated = rds.filter((r) => r.backupRetentionDays < 1);
  if (noAutomated.length > 0) {
    bad.push(...noAutomated.map((r) => r.id));
    notes.push(
      `${listNames(noAutomated.map((r) => r.name))} keep${noAutomated.length === 1 ? 's' : ''} no automated backups`,
    );
  }
  return bad.length === 0
    ? passed('SQL Server is backed up on a schedule (to the KMS-encrypted backup bucket, or by RDS).')
    : failed(bad, `${notes.join('; ')}.`);
}

export const dat07ScheduledSqlBackups: SecurityRule = {
  id: 'DAT-07',
  title: 'SQL Server is backed up to S3 on a schedule',
  category: 'backup',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study: a scheduled task backs SQL Server up to a KMS-encrypted S3 bucket, so the database can be recovered after corruption, a ransomware attack or the loss of both replicas.',
  source: 'case study',
  // No Security Hub, CIS, cfn-nag or checkov control checks backups of SQL Server on EC2.
  controls: {},
  fix: 'Add a backup bucket (SSE-KMS, versioned, private) and a scheduled backup from SQL Server to it; for RDS, keep automated backups.',
  verify:
    'The State Manager association “<stack>-sql-backup-to-s3” shows Success on its last run and new .bak files are under sql-backups/ in the bucket.',
  check: checkDesign,
  checkTemplate(resources) {
    const sql = ofType(resources, 'AWS::EC2::Instance').filter(([, r]) => tagOf(r, 'Role') === 'sql');
    const rds = ofType(resources, 'AWS::RDS::DBInstance');
    const bad: string[] = [];
    if (sql.length > 0) {
      const targeted = new Set(
        ofType(resources, 'AWS::SSM::Association')
          .filter(([, a]) => propsOf(a).ScheduleExpression !== undefined)
          .flatMap(([, a]) => asArray(propsOf(a).Targets))
          .flatMap((t) => asArray((t as { Values?: unknown }).Values))
          .map(refTarget)
          .filter((t): t is string => t !== null),
      );
      const hasBucket = ofType(resources, 'AWS::S3::Bucket').length > 0;
      const missed = sql.filter(([id]) => !targeted.has(id));
      if (!hasBucket || missed.length === sql.length) bad.push(...sql.map(([id]) => id));
    }
    bad.push(
      ...rds.filter(([, r]) => !(Number(propsOf(r).BackupRetentionPeriod ?? 0) >= 1)).map(([id]) => id),
    );
    return bad.length === 0
      ? passed(
          'A scheduled association backs the SQL Server instances up to S3, or RDS keeps automated backups.',
        )
      : failed(bad, `${listNames(bad)} ha${bad.length === 1 ? 's' : 've'} no scheduled backup.`);
  },
  fixTopology(topology) {
    let next = topology;
    let buckets = backupBuckets(next);
    if (buckets.size === 0) {
      const keyed = ensureKey(next, NODE.mainKey);
      const storageGroup = keyed.topology.nodes.some((n) => n.id === GROUP.storage) ? GROUP.storage : null;
      next = {
        ...keyed.topology,
        nodes: [
          ...keyed.topology.nodes,
          {
            id: NODE.backupBucket,
            name: 'SQL backup bucket',
            parentId: storageGroup,
            kind: 's3-bucket',
            purpose: 'backup',
            encryption: 'sse-kms',
            kmsKeyId: keyed.keyId,
            versioning: true,
            publicAccessBlocked: true,
            lifecycle: { transitionDays: 30, expireDays: 90 },
            storageGib: 0,
          },
        ],
      };
      buckets = backupBuckets(next);
    }
    const bucket = [...buckets][0] as string;
    const sql = nodesOfKind(next, 'ec2-instance').filter((n) => n.role === 'sql');
    const sources = sql.filter((n) => n.haRole !== 'secondary');
    const edges = [...next.edges];
    for (const n of sources.length > 0 ? sources : sql) {
      const id = `e-${n.id}-${bucket}`;
      if (!edges.some((e) => e.id === id))
        edges.push({ id, source: n.id, target: bucket, kind: 'backup', label: 'Scheduled backup' });
    }
    const nodes = next.nodes.map((n) =>
      n.kind === 'rds-sql-server' && n.backupRetentionDays < 1 ? { ...n, backupRetentionDays: 7 } : n,
    );
    return { ...next, nodes, edges };
  },
};
