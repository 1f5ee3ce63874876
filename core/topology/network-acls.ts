import type { NaclEntry, NetworkAcl, SubnetTier } from '../model/topology';
import type { DesignContext } from './design-context';

/**
 * Client-side ports of connections. Windows (the instances, FSx, Managed AD, RDS for SQL Server) picks
 * them from 49152–65535, so replies into the private tiers need no more, and RDP (3389) and SQL (1433)
 * stay closed to the internet at the subnet too. The NAT gateway and the load balancer use
 * 1024–65535, which is what the public tier must admit.
 */
export const EPHEMERAL = { from: 1024, to: 65535 } as const;
export const WINDOWS_EPHEMERAL = { from: 49152, to: 65535 } as const;
const ANYWHERE = '0.0.0.0/0';
/** Above this many on-premises ranges, network ACLs admit the private blocks that contain them (quota: 20 rules a direction). */
export const MAX_NACL_ON_PREMISES_CIDRS = 8;

const PRIVATE_BLOCKS = [
  { cidr: '10.0.0.0/8', test: (a: number) => a === 10 },
  { cidr: '172.16.0.0/12', test: (a: number, b: number) => a === 172 && b >= 16 && b <= 31 },
  { cidr: '192.168.0.0/16', test: (a: number, b: number) => a === 192 && b === 168 },
];

/** The on-premises ranges as NACL sources: as given, or (when there are many) their RFC 1918 blocks. */
export function naclOnPremisesSources(cidrs: readonly string[]): string[] {
  if (cidrs.length <= MAX_NACL_ON_PREMISES_CIDRS) return [...cidrs];
  const out: string[] = [];
  for (const cidr of cidrs) {
    const [a = 0, b = 0] = (cidr.split('/')[0] ?? '').split('.').map(Number);
    const block = PRIVATE_BLOCKS.find((p) => p.test(a, b))?.cidr ?? cidr;
    if (!out.includes(block)) out.push(block);
  }
  return out;
}

type Rule = Omit<NaclEntry, 'ruleNumber' | 'egress' | 'action'> & { action?: NaclEntry['action'] };

const tcpRule = (cidr: string, from: number, to: number, description: string): Rule => ({
  protocol: 'tcp',
  cidr,
  fromPort: from,
  toPort: to,
  description,
});
const udpRule = (cidr: string, from: number, to: number, description: string): Rule => ({
  protocol: 'udp',
  cidr,
  fromPort: from,
  toPort: to,
  description,
});
const allRule = (cidr: string, description: string): Rule => ({
  protocol: 'all',
  cidr,
  fromPort: -1,
  toPort: -1,
  description,
});

/** Numbers rules 100, 110, 120… in each direction, leaving room to insert rules by hand. */
function entries(inbound: readonly Rule[], outbound: readonly Rule[]): NaclEntry[] {
  const number = (rules: readonly Rule[], egress: boolean): NaclEntry[] =>
    rules.map((r, i) => ({ ...r, ruleNumber: 100 + i * 10, egress, action: r.action ?? 'allow' }));
  return [...number(inbound, false), ...number(outbound, true)];
}

/**
 * Network ACLs per tier, stateless, matching the security groups: each allowed connection is admitted
 * on its port in one direction and its reply on the ephemeral ports in the other. Everything else
 * meets the default deny.
 *
 * - public: HTTPS and HTTP from the internet to the ALB, HTTPS out (ALB to targets, NAT to the internet)
 * - app: HTTPS from inside the VPC (ALB, bots, endpoints), RDP from the data centre, SQL out to the data tier
 * - data: SQL from the app tier, everything within the data tier (cluster, directory, FSx), RDP from
 *   the data centre, DNS from the VPC when the directory serves it
 */
export function buildNetworkAcls(ctx: DesignContext, opts: { directory: boolean }): NetworkAcl[] {
  const vpc = ctx.options.vpcCidr;
  const appCidrs = ctx.tierCidrs('app');
  const dataCidrs = ctx.tierCidrs('data');
  const { connectivity } = ctx.options;
  const onPrem = connectivity.kind === 'none' ? [] : naclOnPremisesSources(connectivity.onPremisesCidrs);
  const subnets = (tier: SubnetTier) => ctx.letters.map((l) => ctx.subnetId(tier, l));
  const returnTraffic = tcpRule(
    ANYWHERE,
    WINDOWS_EPHEMERAL.from,
    WINDOWS_EPHEMERAL.to,
    'Replies from anywhere (NAT, endpoints, directory)',
  );

  const publicAcl: NetworkAcl = {
    id: 'nacl-public',
    name: 'Public subnets',
    subnetIds: subnets('public'),
    entries: entries(
      [
        // The reply range below covers 3389; nothing in these subnets listens on it, so say no first.
        { ...tcpRule(ANYWHERE, 3389, 3389, 'No RDP from anywhere'), action: 'deny' },
        tcpRule(ANYWHERE, 443, 443, 'HTTPS to the load balancer; instances to the NAT gateway'),
        tcpRule(ANYWHERE, 80, 80, 'HTTP to the load balancer (redirected)'),
        tcpRule(ANYWHERE, EPHEMERAL.from, EPHEMERAL.to, 'Replies to the NAT gateway and the load balancer'),
      ],
      [
        tcpRule(ANYWHERE, 443, 443, 'HTTPS to the targets and through the NAT gateway'),
        tcpRule(ANYWHERE, EPHEMERAL.from, EPHEMERAL.to, 'Replies to users and to private instances'),
      ],
    ),
  };

  const appAcl: NetworkAcl = {
    id: 'nacl-app',
    name: 'App subnets',
    subnetIds: subnets('app'),
    entries: entries(
      [
        tcpRule(vpc, 443, 443, 'HTTPS from the load balancer, bots and instances (endpoints)'),
        ...onPrem.map((c) => tcpRule(c, 3389, 3389, 'RDP from the data centre')),
        returnTraffic,
        ...(opts.directory
          ? [udpRule(vpc, WINDOWS_EPHEMERAL.from, WINDOWS_EPHEMERAL.to, 'DNS replies from the directory')]
          : []),
      ],
      [
        tcpRule(ANYWHERE, 443, 443, 'HTTPS out: patches, Systems Manager, the control room'),
        ...dataCidrs.map((c) => tcpRule(c, 1433, 1433, 'SQL Server in the data tier')),
        ...(opts.directory
          ? [tcpRule(vpc, 53, 53, 'DNS to the directory'), udpRule(vpc, 53, 53, 'DNS to the directory')]
          : []),
        tcpRule(vpc, EPHEMERAL.from, EPHEMERAL.to, 'Replies inside the VPC'),
        ...onPrem.map((c) => tcpRule(c, EPHEMERAL.from, EPHEMERAL.to, 'Replies to the data centre')),
      ],
    ),
  };

  const dataAcl: NetworkAcl = {
    id: 'nacl-data',
    name: 'Data subnets',
    subnetIds: subnets('data'),
    entries: entries(
      [
        ...appCidrs.map((c) => tcpRule(c, 1433, 1433, 'SQL Server from the app tier')),
        ...dataCidrs.map((c) => allRule(c, 'Within the data tier: cluster, directory, file shares')),
        ...(opts.directory
          ? [tcpRule(vpc, 53, 53, 'DNS to the directory'), udpRule(vpc, 53, 53, 'DNS to the directory')]
          : []),
        ...onPrem.map((c) => tcpRule(c, 3389, 3389, 'RDP from the data centre')),
        returnTraffic,
      ],
      [
        ...dataCidrs.map((c) => allRule(c, 'Within the data tier: cluster, directory, file shares')),
        tcpRule(ANYWHERE, 443, 443, 'HTTPS out: patches, Systems Manager, S3'),
        tcpRule(vpc, EPHEMERAL.from, EPHEMERAL.to, 'Replies inside the VPC'),
        ...(opts.directory ? [udpRule(vpc, EPHEMERAL.from, EPHEMERAL.to, 'DNS replies inside the VPC')] : []),
        ...onPrem.map((c) => tcpRule(c, EPHEMERAL.from, EPHEMERAL.to, 'Replies to the data centre')),
      ],
    ),
  };
  return [publicAcl, appAcl, dataAcl];
}
