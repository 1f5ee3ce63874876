import type { SecurityGroup, SecurityGroupRule } from '../model/topology';

/**
 * Security groups are assembled while the design is built: the tiers, the HA pattern and the hybrid
 * link each add the rules they need. Rules keep the order they were added in (determinism), and an
 * identical rule added twice is kept once.
 */

export const WORLD = { kind: 'cidr', cidr: '0.0.0.0/0' } as const;

export function fromSg(securityGroupId: string): SecurityGroupRule['source'] {
  return { kind: 'security-group', securityGroupId };
}

export function fromCidr(cidr: string): SecurityGroupRule['source'] {
  return { kind: 'cidr', cidr };
}

export function tcp(
  port: number,
  source: SecurityGroupRule['source'],
  description: string,
): SecurityGroupRule {
  return { protocol: 'tcp', fromPort: port, toPort: port, source, description };
}

export function udp(
  port: number,
  source: SecurityGroupRule['source'],
  description: string,
): SecurityGroupRule {
  return { protocol: 'udp', fromPort: port, toPort: port, source, description };
}

export function tcpRange(
  from: number,
  to: number,
  source: SecurityGroupRule['source'],
  description: string,
): SecurityGroupRule {
  return { protocol: 'tcp', fromPort: from, toPort: to, source, description };
}

/** HTTPS out through the NAT gateway and the VPC endpoints: Windows Update, Systems Manager, S3. */
export const PATCHING_RULE = tcp(443, WORLD, 'HTTPS out through the NAT gateway: Windows Update, SSM, S3');

/**
 * Ports a domain member (or FSx) needs to reach AWS Managed Microsoft AD's domain controllers, as AWS
 * documents them for FSx for Windows File Server and domain-joined instances.
 */
export const DIRECTORY_PORTS: readonly { protocol: 'tcp' | 'udp'; from: number; to: number; what: string }[] =
  [
    { protocol: 'tcp', from: 53, to: 53, what: 'DNS' },
    { protocol: 'udp', from: 53, to: 53, what: 'DNS' },
    { protocol: 'tcp', from: 88, to: 88, what: 'Kerberos' },
    { protocol: 'udp', from: 88, to: 88, what: 'Kerberos' },
    { protocol: 'udp', from: 123, to: 123, what: 'Time (NTP)' },
    { protocol: 'tcp', from: 135, to: 135, what: 'RPC endpoint mapper' },
    { protocol: 'tcp', from: 389, to: 389, what: 'LDAP' },
    { protocol: 'udp', from: 389, to: 389, what: 'LDAP' },
    { protocol: 'tcp', from: 445, to: 445, what: 'SMB (Group Policy)' },
    { protocol: 'tcp', from: 464, to: 464, what: 'Kerberos password change' },
    { protocol: 'udp', from: 464, to: 464, what: 'Kerberos password change' },
    { protocol: 'tcp', from: 636, to: 636, what: 'LDAPS' },
    { protocol: 'tcp', from: 3268, to: 3269, what: 'Global catalog' },
    { protocol: 'tcp', from: 9389, to: 9389, what: 'AD Web Services' },
    { protocol: 'tcp', from: 49152, to: 65535, what: 'RPC dynamic ports' },
  ];

/** DNS only: instances that are not domain members still resolve names through the directory. */
export const DNS_PORTS = DIRECTORY_PORTS.filter((p) => p.from === 53);

export interface SecurityGroupSet {
  /** Adds a group once (later calls with the same id are ignored). */
  define(group: Omit<SecurityGroup, 'ingress' | 'egress'>): void;
  has(id: string): boolean;
  ingress(id: string, ...rules: SecurityGroupRule[]): void;
  egress(id: string, ...rules: SecurityGroupRule[]): void;
  /** Groups in the order they were defined. */
  build(): SecurityGroup[];
}

function sameRule(a: SecurityGroupRule, b: SecurityGroupRule): boolean {
  return (
    a.protocol === b.protocol &&
    a.fromPort === b.fromPort &&
    a.toPort === b.toPort &&
    (a.source.kind === 'cidr'
      ? b.source.kind === 'cidr' && a.source.cidr === b.source.cidr
      : b.source.kind === 'security-group' && a.source.securityGroupId === b.source.securityGroupId)
  );
}

export function createSecurityGroupSet(): SecurityGroupSet {
  const groups = new Map<string, SecurityGroup>();
  const add = (id: string, list: 'ingress' | 'egress', rules: SecurityGroupRule[]): void => {
    const group = groups.get(id);
    if (!group) throw new Error(`Security group ${id} is not defined`);
    for (const rule of rules) if (!group[list].some((r) => sameRule(r, rule))) group[list].push(rule);
  };
  return {
    define(group) {
      if (!groups.has(group.id)) groups.set(group.id, { ...group, ingress: [], egress: [] });
    },
    has: (id) => groups.has(id),
    ingress: (id, ...rules) => add(id, 'ingress', rules),
    egress: (id, ...rules) => add(id, 'egress', rules),
    build: () => [...groups.values()],
  };
}
