import { buildAvailabilityGroupTier, clusterEdition, namesOf, sqlClusters, sqlSizing } from './shared';
import type { HaPattern, SqlTier } from './types';

/**
 * SQL Server Standard caps the database engine at the lesser of 4 sockets or 24 cores; on EC2 that is
 * 48 vCPUs with two threads a core. Its buffer pool is capped at 128 GB.
 */
export const STANDARD_MAX_VCPU = 48;
export const STANDARD_MAX_BUFFER_POOL_GIB = 128;

/**
 * Basic availability group (Standard edition): like the Always On pattern, but each availability
 * group holds one database and has two replicas, neither readable as a secondary.
 */
export const basicAg: HaPattern = {
  id: 'basic-ag',
  title: 'Basic availability group (Standard)',
  summary:
    'Two Standard-edition replicas in two AZs, one availability group per database, file-share witness on FSx Multi-AZ; failover is automatic.',
  highlyAvailable: true,
  edition: () => 'standard',
  licensing: 'SQL Server Standard, License Included, on both replicas: less per vCPU than Enterprise.',
  rpo: '0: synchronous commit hardens every transaction on both replicas',
  rto: 'Under a minute per database: automatic failover through each group’s listener',
  serverFailure: 'Each database’s availability group fails over to the secondary automatically.',
  azFailure:
    'The replicas in the other AZ take over, database by database; the FSx Multi-AZ witness keeps quorum.',
  constraints: [
    'One database per availability group: related databases fail over one by one, not together.',
    'Two replicas; the secondary cannot be read, backed up or checked (DBCC).',
    'Standard edition limits: 24 cores (48 vCPUs) and 128 GB of buffer-pool memory per instance.',
    'A Windows domain: AWS Managed Microsoft AD is part of the design.',
  ],
  operations: [
    'A listener (and two secondary IPs per node) per database: more objects to create and monitor.',
    'Logins and SQL Server Agent jobs are kept in step by hand on both replicas.',
    'Backups run on the primary only and go to the S3 bucket.',
  ],
  fits(inventory, sizing) {
    const clusters = sqlClusters(inventory);
    if (clusters.length === 0)
      return { fits: true, reasons: ['The inventory has no SQL Server: the pattern changes nothing.'] };
    const reasons: string[] = [];
    let fits = true;
    const byId = new Map(inventory.servers.map((s) => [s.id, s]));
    for (const s of sqlSizing(inventory, sizing)) {
      const vcpu = s.chosen?.vcpu ?? s.required.vcpu;
      if (vcpu > STANDARD_MAX_VCPU) {
        fits = false;
        reasons.push(
          `${s.server} needs ${vcpu} vCPUs: Standard edition uses at most ${STANDARD_MAX_VCPU} (24 cores).`,
        );
      }
      const memory = byId.get(s.serverId)?.memoryGib ?? 0;
      if (memory > STANDARD_MAX_BUFFER_POOL_GIB)
        reasons.push(
          `${s.server} has ${memory} GiB of memory: Standard edition caches at most ${STANDARD_MAX_BUFFER_POOL_GIB} GB of data, so it may read from disk more.`,
        );
    }
    const enterprise = inventory.servers.filter(
      (s) => s.role === 'sql' && clusterEdition([s]) === 'enterprise',
    );
    if (enterprise.length > 0)
      reasons.push(
        `${namesOf(enterprise)} ${enterprise.length === 1 ? 'runs' : 'run'} Enterprise today: confirm no Enterprise-only feature is in use before moving to Standard.`,
      );
    reasons.push(
      'The inventory does not list databases: each database needs its own availability group, so confirm how many there are.',
    );
    return { fits, reasons };
  },
  build(ctx): SqlTier {
    return buildAvailabilityGroupTier(
      ctx,
      'standard',
      'SQL Server basic availability groups: TDS from the application tier; cluster and replica traffic between nodes',
    );
  },
};
