import type { SecurityRule } from '../rule';

/** Remote administration and database ports that must never face the internet. */
export const SENSITIVE_PORTS = [22, 3389, 1433, 1434] as const;

export const net05NoWorldAdminPorts: SecurityRule = {
  id: 'NET-05',
  title: 'RDP, SSH and SQL Server ports are never open to the internet',
  category: 'network',
  severity: 'critical',
  rationale:
    'Administrators reach servers only through the VPN (case study); the whitepaper forbids large IP ranges on EC2 security groups. An open 3389 or 1433 is the most common way in for attackers.',
  source: 'case study, whitepaper',
  controls: { fsbp: ['EC2.19', 'EC2.13', 'EC2.14'], cis: ['5.2'], checkov: ['CKV_AWS_24', 'CKV_AWS_25'] },
  mode: 'automatic',
  fix: 'Remove the rule, or limit its source to the VPN / on-premises CIDR or another security group.',
  verify: 'No security group allows 0.0.0.0/0 or ::/0 on ports 22, 3389, 1433 or 1434.',
  check(topology) {
    const bad = topology.securityGroups.filter((g) =>
      g.ingress.some((r) => {
        const world = r.source.kind === 'cidr' && (r.source.cidr === '0.0.0.0/0' || r.source.cidr === '::/0');
        const covers = (port: number) => r.protocol === 'all' || (r.fromPort <= port && port <= r.toPort);
        return world && SENSITIVE_PORTS.some(covers);
      }),
    );
    return bad.length === 0
      ? {
          status: 'pass',
          resources: [],
          detail: 'No security group opens 22, 3389, 1433 or 1434 to the internet.',
        }
      : {
          status: 'fail',
          resources: bad.map((g) => g.id),
          detail: `${bad.map((g) => g.name).join(', ')} open${bad.length === 1 ? 's' : ''} an administration or database port to the internet.`,
        };
  },
};
