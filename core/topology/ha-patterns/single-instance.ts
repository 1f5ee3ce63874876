import { SG } from '../design-ids';
import { clusterEdition, clusterZones, defineSqlGroup, largestChosen, namesOf, sqlClusters } from './shared';
import type { HaPattern, SqlTier } from './types';

/**
 * One SQL Server per set of databases (the first server of each on-premises pair), with full and
 * transaction-log backups to S3 and EC2 auto-recovery. Not highly available: the checklist says so.
 */
export const singleInstance: HaPattern = {
  id: 'single-instance',
  title: 'Single instance with backups to S3 (not HA)',
  summary:
    'One SQL Server per set of databases with full and log backups to S3 and EC2 auto-recovery; not highly available.',
  highlyAvailable: false,
  edition: (inventoryEdition) => inventoryEdition,
  licensing: 'SQL Server License Included on one instance per set of databases, in the inventory’s edition.',
  rpo: 'Up to 15 minutes: transaction-log backups every 15 minutes, full backups daily',
  rto: 'Minutes for a host failure (EC2 auto-recovery); hours for an AZ failure (restore from S3 in another AZ)',
  serverFailure: 'EC2 auto-recovery restarts the instance on healthy hardware, with its EBS volumes.',
  azFailure:
    'The database is down until a new instance is launched in another AZ and restored from the S3 backups.',
  constraints: [
    'Not highly available: the checklist flags it (RES-01).',
    'The second server of an on-premises pair is not deployed: its databases run on the pair’s first server.',
  ],
  operations: [
    'The simplest to run, patch and license.',
    'Schedule transaction-log backups every 15 minutes (SQL Server Agent); Systems Manager copies the daily full backups to S3.',
    'Rehearse the restore into another AZ: it is the recovery plan.',
  ],
  fits(inventory) {
    const clusters = sqlClusters(inventory);
    if (clusters.length === 0)
      return { fits: true, reasons: ['The inventory has no SQL Server: the pattern changes nothing.'] };
    const dropped = clusters.flatMap((c) => c.servers.slice(1));
    return {
      fits: true,
      reasons: [
        'Not highly available: an AZ failure means restoring from backups.',
        ...(dropped.length > 0
          ? [
              `${namesOf(dropped)} ${dropped.length === 1 ? 'is' : 'are'} not deployed: one instance per pair.`,
            ]
          : []),
      ],
    };
  },
  build(ctx): SqlTier {
    if (ctx.clusters.length === 0)
      return { endpoints: [], backupSources: [], onEc2: false, connectLabel: '', backupLabel: '' };
    defineSqlGroup(ctx, 'SQL Server: TDS from the application tier only', {
      betweenNodes: false,
      patching: true,
    });
    const nodes = ctx.clusters.map((cluster) => {
      const first = cluster.servers[0] as (typeof cluster.servers)[number];
      const type = largestChosen(cluster.servers, ctx.sizingById)?.instanceType;
      return ctx.instance({
        id: `ec2-${first.id}`,
        name: first.name,
        server: first,
        serverId: first.id,
        zoneIndex: clusterZones(ctx, cluster.index)[0],
        tier: 'data',
        sqlEdition: clusterEdition(cluster.servers),
        haRole: 'standalone',
        ...(type ? { instanceType: type } : {}),
        securityGroupIds: [SG.sql],
      });
    });
    return {
      endpoints: nodes.map((n) => n.id),
      backupSources: nodes.map((n) => n.id),
      onEc2: true,
      connectLabel: 'SQL 1433',
      backupLabel: 'Full and log backups',
    };
  },
};
