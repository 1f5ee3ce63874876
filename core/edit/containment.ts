import type { NodeKind, Topology, TopologyNode } from '../model/topology';
import { ancestorOfKind, indexNodes, isGroupKind } from '../model/topology';

/**
 * Where each kind of node may sit in the containment tree (VPC > AZ > subnet > resource), as AWS
 * places the resource: an instance lives in a subnet, a NAT gateway in a public subnet, a load
 * balancer or an endpoint spans subnets and is drawn in the VPC, regional services sit outside it.
 */

export type ParentRule =
  | { kind: 'subnet'; tiers: readonly ('public' | 'app' | 'data')[] }
  | { kind: 'vpc' }
  | { kind: 'outside-vpc' };

const IN_SUBNET = { kind: 'subnet', tiers: ['public', 'app', 'data'] } as const;

export const PARENT_RULES: Readonly<Record<NodeKind, ParentRule>> = {
  vpc: { kind: 'outside-vpc' },
  'availability-zone': { kind: 'vpc' },
  subnet: { kind: 'vpc' },
  'service-group': { kind: 'outside-vpc' },
  'ec2-instance': IN_SUBNET,
  'nat-gateway': { kind: 'subnet', tiers: ['public'] },
  'internet-gateway': { kind: 'vpc' },
  'load-balancer': { kind: 'vpc' },
  'vpc-endpoint': { kind: 'vpc' },
  'directory-service': { kind: 'vpc' },
  'fsx-windows': { kind: 'vpc' },
  'rds-sql-server': { kind: 'vpc' },
  's3-bucket': { kind: 'outside-vpc' },
  'kms-key': { kind: 'outside-vpc' },
  'waf-web-acl': { kind: 'outside-vpc' },
  'vpn-connection': { kind: 'outside-vpc' },
  'direct-connect': { kind: 'outside-vpc' },
  'route53-zone': { kind: 'outside-vpc' },
  cloudtrail: { kind: 'outside-vpc' },
  guardduty: { kind: 'outside-vpc' },
  'config-recorder': { kind: 'outside-vpc' },
  'patch-manager': { kind: 'outside-vpc' },
  'secrets-manager-secret': { kind: 'outside-vpc' },
  cloudwatch: { kind: 'outside-vpc' },
};

const PLACE: Readonly<Record<ParentRule['kind'], string>> = {
  subnet: 'in a subnet',
  vpc: 'inside the VPC, outside the subnets',
  'outside-vpc': 'outside the VPC (on the canvas or in a box of services)',
};

/** "a public subnet", "the VPC"…: where a kind may go, for messages. */
export function describePlacement(kind: NodeKind): string {
  const rule = PARENT_RULES[kind];
  if (rule.kind === 'subnet' && rule.tiers.length === 1) return `in a ${rule.tiers[0]} subnet`;
  return PLACE[rule.kind];
}

/**
 * Whether a node of `kind` may sit in `parent` (null = the canvas itself). Inside the VPC a node may
 * also sit in a box of services (VPC endpoints are drawn that way); outside it, in a box outside the VPC.
 */
export function canContain(
  byId: ReadonlyMap<string, TopologyNode>,
  parent: TopologyNode | null,
  kind: NodeKind,
): boolean {
  const rule = PARENT_RULES[kind];
  if (parent === null) return rule.kind === 'outside-vpc' && kind !== 'availability-zone';
  switch (rule.kind) {
    case 'subnet':
      return parent.kind === 'subnet' && rule.tiers.includes(parent.tier);
    case 'vpc':
      if (kind === 'availability-zone') return parent.kind === 'vpc';
      if (kind === 'subnet') return parent.kind === 'availability-zone';
      return (
        parent.kind === 'vpc' ||
        (parent.kind === 'service-group' && ancestorOfKind(byId, parent, 'vpc') !== undefined)
      );
    case 'outside-vpc':
      // Groups are not moved between containers: a VPC and the boxes of services stay at the top.
      if (kind === 'vpc' || kind === 'service-group') return false;
      return parent.kind === 'service-group' && ancestorOfKind(byId, parent, 'vpc') === undefined;
  }
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function depth(byId: ReadonlyMap<string, TopologyNode>, node: TopologyNode): number {
  let d = 0;
  let current = node.parentId ? byId.get(node.parentId) : undefined;
  while (current && d < 64) {
    d++;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return d;
}

/**
 * The innermost group under a point of the canvas (absolute coordinates) that may hold a node of
 * `kind`: null when the canvas itself may (and no group under the point may), undefined when
 * nothing there may hold it. Groups in `exclude` (the node itself and its descendants) are skipped.
 */
export function containerAt(
  topology: Topology,
  boxes: ReadonlyMap<string, Box>,
  point: { x: number; y: number },
  kind: NodeKind,
  exclude: ReadonlySet<string> = new Set(),
): TopologyNode | null | undefined {
  const byId = indexNodes(topology);
  let best: { node: TopologyNode; depth: number } | null = null;
  for (const node of topology.nodes) {
    if (!isGroupKind(node.kind) || exclude.has(node.id)) continue;
    const b = boxes.get(node.id);
    if (!b || point.x < b.x || point.y < b.y || point.x > b.x + b.width || point.y > b.y + b.height) continue;
    if (!canContain(byId, node, kind)) continue;
    const d = depth(byId, node);
    if (!best || d > best.depth) best = { node, depth: d };
  }
  if (best) return best.node;
  return canContain(byId, null, kind) ? null : undefined;
}

/** The node and every node inside it, at any depth. */
export function withDescendants(topology: Topology, ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  const children = new Map<string, string[]>();
  for (const n of topology.nodes)
    if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const stack = [...out];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const c of children.get(id) ?? [])
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
  }
  return out;
}
