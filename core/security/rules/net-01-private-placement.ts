import { ancestorOfKind, indexNodes, nodesOfKind } from '../../model/topology';
import type { SecurityRule } from '../rule';

export const net01PrivatePlacement: SecurityRule = {
  id: 'NET-01',
  title: 'Servers and the database sit in private subnets without public IPs',
  category: 'network',
  severity: 'high',
  rationale:
    'The case study places every application and database server in a private subnet reached only through the ALB and the VPN, so internal addresses are never exposed to the internet.',
  source: 'case study',
  controls: { fsbp: ['EC2.9'], checkov: ['CKV_AWS_88'] },
  mode: 'automatic',
  fix: 'Move the instance into an app or data subnet and turn off its public IP.',
  verify:
    'In the console, the instance has no public IPv4 address and its subnet route table has no route to an internet gateway.',
  check(topology) {
    const byId = indexNodes(topology);
    const bad = nodesOfKind(topology, 'ec2-instance').filter((n) => {
      const subnet = ancestorOfKind(byId, n, 'subnet');
      return n.associatePublicIp || !subnet || subnet.tier === 'public' || subnet.mapPublicIpOnLaunch;
    });
    return bad.length === 0
      ? { status: 'pass', resources: [], detail: 'Every instance is in a private subnet with no public IP.' }
      : {
          status: 'fail',
          resources: bad.map((n) => n.id),
          detail: `${bad.map((n) => n.name).join(', ')} ${bad.length === 1 ? 'is' : 'are'} in a public subnet or has a public IP.`,
        };
  },
};
