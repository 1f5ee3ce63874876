import { buildAvailabilityGroupTier, clusterEdition, namesOf, sqlClusters } from './shared';
import type { HaPattern, SqlTier } from './types';

/**
 * Always On availability group (Enterprise): each pair of SQL Servers becomes a primary and a
 * synchronous-commit secondary in two AZs, in a Windows Server Failover Cluster joined to AWS Managed
 * Microsoft AD, with a listener and a file-share witness on FSx Multi-AZ.
 */
export const alwaysOnAg: HaPattern = {
  id: 'always-on-ag',
  title: 'Always On availability group (Enterprise)',
  summary:
    'Two synchronous-commit replicas in two AZs behind an availability group listener, with a file-share witness on FSx Multi-AZ; failover is automatic.',
  highlyAvailable: true,
  edition: () => 'enterprise',
  licensing:
    'SQL Server Enterprise, License Included, on both replicas (with License Included the secondary is paid for like the primary).',
  rpo: '0: synchronous commit hardens every transaction on both replicas',
  rto: 'Under a minute: automatic failover; applications reconnect through the listener',
  serverFailure: 'The secondary becomes primary automatically and the listener follows it.',
  azFailure:
    'The replica in the other AZ takes over; the FSx Multi-AZ witness keeps the cluster in quorum without the lost AZ.',
  constraints: [
    'Enterprise edition on every replica.',
    'A Windows domain: AWS Managed Microsoft AD is part of the design.',
    'Logins, SQL Server Agent jobs and linked servers live in each instance: keep them in step (a contained availability group, SQL Server 2022, carries them).',
    'The cluster spans two subnets: each node gets two secondary IP addresses, for the cluster and the listener.',
  ],
  operations: [
    'Patch one SQL node at a time: the secondary first, fail over, then the former primary.',
    'Backups run on the preferred replica and go to the S3 bucket; rehearse restores.',
    'The secondary can serve read-only reporting (it is licensed anyway).',
  ],
  fits(inventory) {
    const clusters = sqlClusters(inventory);
    if (clusters.length === 0)
      return { fits: true, reasons: ['The inventory has no SQL Server: the pattern changes nothing.'] };
    const reasons = clusters.map((c) =>
      c.servers.length === 2
        ? `${namesOf(c.servers)} become the primary and the synchronous secondary, in two AZs.`
        : `${namesOf(c.servers)} gets a secondary of the same size in a second AZ.`,
    );
    const notEnterprise = inventory.servers.filter(
      (s) => s.role === 'sql' && clusterEdition([s]) !== 'enterprise',
    );
    if (notEnterprise.length > 0)
      reasons.push(
        `${namesOf(notEnterprise)} ${notEnterprise.length === 1 ? 'runs' : 'run'} ${clusterEdition(notEnterprise)} edition today: an availability group with more than one database needs Enterprise, which costs more per vCPU.`,
      );
    else reasons.push('The inventory already runs Enterprise edition.');
    return { fits: true, reasons };
  },
  build(ctx): SqlTier {
    return buildAvailabilityGroupTier(
      ctx,
      'enterprise',
      'SQL Server availability group: TDS from the application tier; cluster and replica traffic between nodes',
    );
  },
};
