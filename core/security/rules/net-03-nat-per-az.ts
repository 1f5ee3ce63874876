import { nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const net03NatPerAz: SecurityRule = {
  id: 'NET-03',
  title: 'One NAT gateway in each Availability Zone',
  category: 'resilience',
  severity: 'medium',
  rationale:
    'The customer asked for no single point of failure. With one NAT gateway, losing its AZ cuts patching and outbound calls for servers in every AZ.',
  source: 'case study',
  controls: {},
  mode: 'automatic',
  fix: 'Set NAT gateways to "one per AZ" in the plan options.',
  verify: 'Each private route table sends 0.0.0.0/0 to the NAT gateway in its own AZ.',
  check(topology) {
    const zones = nodesOfKind(topology, 'availability-zone').map((z) => z.zone);
    const natZones = new Set(nodesOfKind(topology, 'nat-gateway').map((n) => n.zone));
    const missing = zones.filter((z) => !natZones.has(z));
    return missing.length === 0
      ? { status: 'pass', resources: [], detail: `A NAT gateway in each of ${zones.length} AZs.` }
      : {
          status: 'fail',
          resources: nodesOfKind(topology, 'nat-gateway').map((n) => n.id),
          detail: `No NAT gateway in ${missing.join(', ')}; those AZs depend on another AZ for outbound traffic.`,
        };
  },
};
