import { indexNodes, nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

/**
 * SQL Server survives the loss of an AZ when it runs as replicas (an availability group) or cluster
 * nodes (an FCI, whose shared FSx storage must itself be Multi-AZ) in two AZs, or on RDS Multi-AZ.
 */
export const res01SqlMultiAz: SecurityRule = {
  id: 'RES-01',
  title: 'SQL Server survives the loss of an Availability Zone',
  category: 'resilience',
  severity: 'high',
  rationale:
    'The customer’s focus was high availability for MS SQL with no single point of failure; a single instance loses the database with its AZ.',
  source: 'case study',
  controls: {},
  mode: 'automatic',
  fix: 'Choose an HA pattern for SQL Server: an availability group or a failover cluster instance across two AZs, or RDS Multi-AZ.',
  verify:
    'The availability group dashboard shows a synchronised secondary in another AZ, the failover cluster has a node in each AZ on Multi-AZ FSx storage, or the RDS instance shows Multi-AZ: Yes.',
  check(topology) {
    const sql = nodesOfKind(topology, 'ec2-instance').filter((n) => n.role === 'sql');
    const rds = nodesOfKind(topology, 'rds-sql-server');
    if (sql.length === 0 && rds.length === 0)
      return { status: 'pass', resources: [], detail: 'The design has no SQL Server.' };
    const failing: string[] = [];
    const notes: string[] = [];
    const singleAzRds = rds.filter((r) => !r.multiAz);
    failing.push(...singleAzRds.map((r) => r.id));
    if (singleAzRds.length > 0)
      notes.push(
        `${singleAzRds.map((r) => r.name).join(', ')} ${singleAzRds.length === 1 ? 'is' : 'are'} not Multi-AZ`,
      );
    if (sql.length > 0) {
      const zones = new Set(sql.map((n) => n.zone));
      const hasSecondary = sql.some((n) => n.haRole === 'secondary');
      // Shared storage the cluster nodes use must not be the single point of failure.
      const byId = indexNodes(topology);
      const singleAzStorage = nodesOfKind(topology, 'fsx-windows').filter(
        (f) =>
          f.deploymentType !== 'MULTI_AZ_1' &&
          topology.edges.some((e) => e.target === f.id && byId.get(e.source)?.kind === 'ec2-instance'),
      );
      if (!hasSecondary || zones.size < 2) {
        failing.push(...sql.map((n) => n.id));
        notes.push('SQL Server runs without a replica or cluster node in another AZ');
      } else if (singleAzStorage.length > 0) {
        failing.push(...singleAzStorage.map((f) => f.id));
        notes.push(
          `${singleAzStorage.map((f) => f.name).join(', ')} ${singleAzStorage.length === 1 ? 'sits' : 'sit'} in one AZ`,
        );
      }
    }
    if (failing.length > 0) return { status: 'fail', resources: failing, detail: `${notes.join('; ')}.` };
    const parts: string[] = [];
    if (sql.length > 0) parts.push(`SQL Server nodes span ${new Set(sql.map((n) => n.zone)).size} AZs`);
    if (rds.length > 0)
      parts.push(`${rds.length === 1 ? 'the RDS DB instance is' : 'every RDS DB instance is'} Multi-AZ`);
    const detail = parts.join('; ');
    return { status: 'pass', resources: [], detail: `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.` };
  },
};
