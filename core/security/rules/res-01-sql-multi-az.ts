import { indexNodes, nodesOfKind, type Topology } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, passed, type RuleOutcome, type SecurityRule } from '../rule';
import { ofType, propsOf, tagOf } from '../template-query';

/**
 * SQL Server survives the loss of an AZ when it runs as replicas (an availability group) or cluster
 * nodes (an FCI, whose shared FSx storage must itself be Multi-AZ) in two AZs, or on RDS Multi-AZ.
 */
export const res01SqlMultiAz: SecurityRule = {
  id: 'RES-01',
  title: 'SQL Server survives the loss of an Availability Zone',
  category: 'resilience',
  severity: 'high',
  mode: 'automatic',
  why: 'The customer’s focus was high availability for MS SQL with no single point of failure; a single instance loses the database with its AZ.',
  source: 'case study',
  // RDS.5 (Multi-AZ) covers only the RDS pattern; no control covers SQL Server on EC2, so none is mapped.
  controls: {},
  fix: 'RDS and FSx are switched to Multi-AZ. For SQL Server on EC2 choose an HA pattern for SQL Server: an availability group or a failover cluster instance across two AZs, or RDS Multi-AZ.',
  verify:
    'The availability group dashboard shows a synchronised secondary in another AZ, the failover cluster has a node in each AZ on Multi-AZ FSx storage, or the RDS instance shows Multi-AZ: Yes.',
  check: checkDesign,
  checkTemplate(resources) {
    const singleRds = ofType(resources, 'AWS::RDS::DBInstance').filter(
      ([, r]) => propsOf(r).MultiAZ !== true,
    );
    const singleFsx = ofType(resources, 'AWS::FSx::FileSystem').filter(
      ([, r]) =>
        (propsOf(r).WindowsConfiguration as { DeploymentType?: unknown } | undefined)?.DeploymentType !==
        'MULTI_AZ_1',
    );
    const sql = ofType(resources, 'AWS::EC2::Instance').filter(([, r]) => tagOf(r, 'Role') === 'sql');
    const bad = [...singleRds, ...singleFsx].map(([id]) => id);
    if (sql.length === 1) bad.push(sql[0]?.[0] as string);
    return bad.length === 0
      ? passed('The database has a copy in a second AZ.')
      : failed(bad, 'A database resource runs in a single AZ.');
  },
  fixTopology(topology) {
    // Only the managed services can be switched here; a second EC2 replica is a re-plan (HA pattern).
    const fixed = mapNodes(topology, (n) => {
      if (n.kind === 'rds-sql-server' && !n.multiAz) return { ...n, multiAz: true };
      if (n.kind === 'fsx-windows' && n.deploymentType !== 'MULTI_AZ_1')
        return { ...n, deploymentType: 'MULTI_AZ_1' };
      return n;
    });
    return checkDesign(fixed).status === 'pass' ? fixed : null;
  },
};

function checkDesign(topology: Topology): RuleOutcome {
  {
    const sql = nodesOfKind(topology, 'ec2-instance').filter((n) => n.role === 'sql');
    const rds = nodesOfKind(topology, 'rds-sql-server');
    if (sql.length === 0 && rds.length === 0) return passed('The design has no SQL Server.');
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
    if (failing.length > 0) return failed(failing, `${notes.join('; ')}.`);
    const parts: string[] = [];
    if (sql.length > 0) parts.push(`SQL Server nodes span ${new Set(sql.map((n) => n.zone)).size} AZs`);
    if (rds.length > 0)
      parts.push(`${rds.length === 1 ? 'the RDS DB instance is' : 'every RDS DB instance is'} Multi-AZ`);
    const detail = parts.join('; ');
    return passed(`${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`);
  }
}
