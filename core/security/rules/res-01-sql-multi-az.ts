import { nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const res01SqlMultiAz: SecurityRule = {
  id: 'RES-01',
  title: 'SQL Server has a replica in a second Availability Zone',
  category: 'resilience',
  severity: 'high',
  rationale:
    'The customer’s focus was high availability for MS SQL with no single point of failure; a single instance loses the database with its AZ.',
  source: 'case study',
  controls: {},
  mode: 'automatic',
  fix: 'Choose an HA pattern for SQL Server (Always On availability group across two AZs).',
  verify: 'The availability group dashboard shows a synchronised secondary in another AZ.',
  check(topology) {
    const sql = nodesOfKind(topology, 'ec2-instance').filter((n) => n.role === 'sql');
    if (sql.length === 0) return { status: 'pass', resources: [], detail: 'The design has no SQL Server.' };
    const zones = new Set(sql.map((n) => n.zone));
    const hasSecondary = sql.some((n) => n.haRole === 'secondary');
    return hasSecondary && zones.size >= 2
      ? { status: 'pass', resources: [], detail: `SQL Server replicas span ${zones.size} AZs.` }
      : {
          status: 'fail',
          resources: sql.map((n) => n.id),
          detail: 'SQL Server runs without a replica in another AZ.',
        };
  },
};
