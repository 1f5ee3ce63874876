import { nodesOfKind, type SecurityGroupRule, type Topology, type TopologyNode } from '../model/topology';
import { SG } from '../topology/design-ids';

/**
 * Reading the design the way the rules need it, mirroring template-query.ts: security-group rules
 * flattened, who uses each group, the data centre's ranges.
 */

export interface DesignSgRule {
  group: string;
  direction: 'ingress' | 'egress';
  index: number;
  rule: SecurityGroupRule;
}

export function designSgRules(topology: Topology): DesignSgRule[] {
  const out: DesignSgRule[] = [];
  for (const g of topology.securityGroups) {
    g.ingress.forEach((rule, index) => out.push({ group: g.id, direction: 'ingress', index, rule }));
    g.egress.forEach((rule, index) => out.push({ group: g.id, direction: 'egress', index, rule }));
  }
  return out;
}

export interface DesignSgUser {
  node: TopologyNode;
  role: string | null;
}

/** Node ids using each security group; interface endpoints use the endpoints group, as exported. */
export function designSgUsers(topology: Topology): Map<string, DesignSgUser[]> {
  const users = new Map<string, DesignSgUser[]>();
  const add = (sg: string, node: TopologyNode, role: string | null): void => {
    const list = users.get(sg) ?? [];
    list.push({ node, role });
    users.set(sg, list);
  };
  const endpointsGroup = topology.securityGroups.some((g) => g.id === SG.endpoints);
  for (const n of topology.nodes) {
    if (n.kind === 'ec2-instance') for (const g of n.securityGroupIds) add(g, n, n.role);
    if (n.kind === 'load-balancer') for (const g of n.securityGroupIds) add(g, n, null);
    if (n.kind === 'fsx-windows') for (const g of n.securityGroupIds) add(g, n, null);
    if (n.kind === 'rds-sql-server') for (const g of n.securityGroupIds) add(g, n, 'sql');
    if (n.kind === 'vpc-endpoint' && n.endpointType === 'Interface' && endpointsGroup)
      add(SG.endpoints, n, null);
  }
  return users;
}

/** The data centre's address ranges, from the VPN or Direct Connect link. */
export function onPremisesCidrs(topology: Topology): string[] {
  return [
    ...nodesOfKind(topology, 'vpn-connection').flatMap((n) => n.onPremisesCidrs),
    ...nodesOfKind(topology, 'direct-connect').flatMap((n) => n.onPremisesCidrs),
  ];
}

export function groupName(topology: Topology, id: string): string {
  return topology.securityGroups.find((g) => g.id === id)?.name ?? id;
}

export function nodeName(topology: Topology, id: string): string {
  return topology.nodes.find((n) => n.id === id)?.name ?? id;
}

/** Replaces the nodes a function maps (same order); the others are shared. */
export function mapNodes(topology: Topology, fn: (node: TopologyNode) => TopologyNode): Topology {
  let changed = false;
  const nodes = topology.nodes.map((n) => {
    const next = fn(n);
    if (next !== n) changed = true;
    return next;
  });
  return changed ? { ...topology, nodes } : topology;
}

/** A copy of the topology's security groups with rules filtered out. */
export function withoutSgRules(
  topology: Topology,
  drop: (group: string, direction: 'ingress' | 'egress', rule: SecurityGroupRule) => boolean,
): Topology {
  return {
    ...topology,
    securityGroups: topology.securityGroups.map((g) => ({
      ...g,
      ingress: g.ingress.filter((r) => !drop(g.id, 'ingress', r)),
      egress: g.egress.filter((r) => !drop(g.id, 'egress', r)),
    })),
  };
}

/**
 * The nodes a failing outcome is really about: the ids it names, plus the nodes behind a security group
 * (its users) or a network ACL (its subnets), so the canvas can badge them.
 */
export function withNodesBehind(topology: Topology, ids: readonly string[]): string[] {
  const out = new Set(ids);
  const users = designSgUsers(topology);
  for (const id of ids) {
    for (const u of users.get(id) ?? []) out.add(u.node.id);
    for (const s of topology.networkAcls.find((a) => a.id === id)?.subnetIds ?? []) out.add(s);
  }
  return [...out];
}
