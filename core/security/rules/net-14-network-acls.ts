import { nodesOfKind, type NaclEntry, type NetworkAcl, type Topology } from '../../model/topology';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { ofType, propsOf, refTarget, textOf } from '../template-query';

/** The remote administration ports CIS 5.1 and Security Hub EC2.21 keep closed to the world at the subnet. */
const ADMIN_PORTS = [22, 3389] as const;
const WORLD = '0.0.0.0/0';

interface Entry {
  ruleNumber: number;
  egress: boolean;
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  cidr: string | null;
  from: number;
  to: number;
  allow: boolean;
}

/** What a packet from an arbitrary internet address to `port` meets first: allow, or deny (also by default). */
function worldAllows(entries: readonly Entry[], port: number): boolean {
  const first = entries
    .filter((e) => !e.egress && e.cidr === WORLD && (e.protocol === 'tcp' || e.protocol === 'all'))
    .filter((e) => e.protocol === 'all' || (e.from <= port && port <= e.to))
    .sort((a, b) => a.ruleNumber - b.ruleNumber)[0];
  return first?.allow ?? false;
}

function fromDesign(e: NaclEntry): Entry {
  return {
    ruleNumber: e.ruleNumber,
    egress: e.egress,
    protocol: e.protocol,
    cidr: e.cidr,
    from: e.fromPort,
    to: e.toPort,
    allow: e.action === 'allow',
  };
}

const PROTOCOLS: Record<string, Entry['protocol']> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '-1': 'all' };

function uncovered(topology: Topology): string[] {
  const covered = new Set(topology.networkAcls.flatMap((a) => a.subnetIds));
  return nodesOfKind(topology, 'subnet')
    .map((s) => s.id)
    .filter((id) => !covered.has(id));
}

function openAcls(topology: Topology): NetworkAcl[] {
  return topology.networkAcls.filter((a) =>
    ADMIN_PORTS.some((p) => worldAllows(a.entries.map(fromDesign), p)),
  );
}

export const net14NetworkAcls: SecurityRule = {
  id: 'NET-14',
  title: 'Network ACLs guard every subnet and keep RDP and SSH closed to the internet',
  category: 'network',
  severity: 'medium',
  mode: 'automatic',
  why: 'The case study controls traffic at the subnet level with Network ACLs; the whitepaper layers VPC, network ACLs and security groups. A second, stateless layer keeps RDP and SSH shut even if a security group is opened by mistake.',
  source: 'case study, whitepaper',
  controls: { fsbp: ['EC2.21'], cis: ['5.1'] },
  fix: 'Associate every subnet with its tier’s network ACL, and deny 22 and 3389 from 0.0.0.0/0 ahead of any rule that allows them.',
  verify:
    'Every subnet shows a custom network ACL; no inbound entry allows 0.0.0.0/0 on 22 or 3389 before a deny.',
  check(topology) {
    const loose = uncovered(topology);
    const open = openAcls(topology);
    if (loose.length === 0 && open.length === 0)
      return passed('Every subnet has a network ACL, and none lets the internet reach RDP or SSH.');
    const names = [
      ...loose.map((id) => topology.nodes.find((n) => n.id === id)?.name ?? id),
      ...open.map((a) => a.name),
    ];
    return failed(
      [...loose, ...open.map((a) => a.id)],
      `${listNames(names)}: ${loose.length > 0 ? 'a subnet without a network ACL' : ''}${loose.length > 0 && open.length > 0 ? '; ' : ''}${open.length > 0 ? 'RDP or SSH allowed from the internet' : ''}.`,
    );
  },
  checkTemplate(resources) {
    const associated = new Set(
      ofType(resources, 'AWS::EC2::SubnetNetworkAclAssociation')
        .map(([, a]) => refTarget(propsOf(a).SubnetId))
        .filter((s): s is string => s !== null),
    );
    const loose = ofType(resources, 'AWS::EC2::Subnet')
      .map(([id]) => id)
      .filter((id) => !associated.has(id));
    const entries = new Map<string, Entry[]>();
    for (const [, e] of ofType(resources, 'AWS::EC2::NetworkAclEntry')) {
      const p = propsOf(e);
      const acl = refTarget(p.NetworkAclId);
      if (!acl) continue;
      const range = p.PortRange as { From?: unknown; To?: unknown } | undefined;
      const list = entries.get(acl) ?? [];
      list.push({
        ruleNumber: Number(p.RuleNumber),
        egress: p.Egress === true,
        protocol: PROTOCOLS[String(p.Protocol)] ?? 'all',
        cidr: textOf(p.CidrBlock),
        from: Number(range?.From ?? -1),
        to: Number(range?.To ?? -1),
        allow: p.RuleAction === 'allow',
      });
      entries.set(acl, list);
    }
    const open = ofType(resources, 'AWS::EC2::NetworkAcl')
      .map(([id]) => id)
      .filter((id) => ADMIN_PORTS.some((port) => worldAllows(entries.get(id) ?? [], port)));
    const bad = [...loose, ...open];
    return bad.length === 0
      ? passed('Every subnet is associated with a network ACL that denies RDP and SSH from the internet.')
      : failed(bad, `${bad.join(', ')}: missing network ACL or RDP/SSH allowed from the internet.`);
  },
  fixTopology(topology) {
    const subnetTier = new Map(nodesOfKind(topology, 'subnet').map((s) => [s.id, s.tier]));
    const acls = topology.networkAcls.map((a) => ({
      ...a,
      subnetIds: [...a.subnetIds],
      entries: [...a.entries],
    }));
    for (const id of uncovered(topology)) {
      const tier = subnetTier.get(id);
      const home = acls.find((a) => a.subnetIds.some((s) => subnetTier.get(s) === tier));
      if (!home) return null;
      home.subnetIds.push(id);
    }
    for (const acl of acls) {
      for (const port of ADMIN_PORTS) {
        if (!worldAllows(acl.entries.map(fromDesign), port)) continue;
        const used = new Set(acl.entries.filter((e) => !e.egress).map((e) => e.ruleNumber));
        let number = 1;
        while (used.has(number)) number++;
        if (acl.entries.length >= 40) return null;
        acl.entries.unshift({
          ruleNumber: number,
          egress: false,
          protocol: 'tcp',
          cidr: WORLD,
          fromPort: port,
          toPort: port,
          action: 'deny',
          description: port === 3389 ? 'No RDP from anywhere' : 'No SSH from anywhere',
        });
        if (worldAllows(acl.entries.map(fromDesign), port)) return null;
      }
    }
    return { ...topology, networkAcls: acls };
  },
};
