import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { type Layout, type NodePosition, positionsById } from '../model/layout';
import { type NodeKind, type Topology, type TopologyNode, isGroupKind } from '../model/topology';

/** Canvas size of a resource node; groups are sized by ELK around their children. */
export const LEAF_SIZE: Readonly<
  Record<
    Exclude<NodeKind, 'vpc' | 'availability-zone' | 'subnet' | 'service-group'>,
    { width: number; height: number }
  >
> = {
  'ec2-instance': { width: 200, height: 64 },
  'load-balancer': { width: 220, height: 64 },
  'nat-gateway': { width: 180, height: 56 },
  'internet-gateway': { width: 180, height: 56 },
  's3-bucket': { width: 200, height: 64 },
  'kms-key': { width: 200, height: 64 },
  'waf-web-acl': { width: 200, height: 64 },
  'vpn-connection': { width: 200, height: 64 },
  'direct-connect': { width: 200, height: 64 },
  'route53-zone': { width: 200, height: 64 },
  'directory-service': { width: 200, height: 64 },
  'fsx-windows': { width: 200, height: 64 },
  'rds-sql-server': { width: 200, height: 64 },
  cloudtrail: { width: 200, height: 64 },
  guardduty: { width: 200, height: 64 },
  'config-recorder': { width: 200, height: 64 },
  'patch-manager': { width: 200, height: 64 },
  'secrets-manager-secret': { width: 200, height: 64 },
  cloudwatch: { width: 200, height: 64 },
  'vpc-endpoint': { width: 180, height: 56 },
};

/** Room for "Private subnet · data  10.20.20.0/24" on one line. */
const SUBNET_MIN_WIDTH = 300;

/** Space at the top of a group for its title. */
const GROUP_PADDING = '[top=44,left=16,bottom=16,right=16]';

const elk = new ELK();

/**
 * Layout of a group's children. `parentKind` tells a box of services inside the VPC (a row under the
 * AZs) from one beside it (a column).
 */
function layoutOptionsFor(
  kind: NodeKind | 'root',
  parentKind: NodeKind | null = null,
): Record<string, string> {
  const common = { 'elk.padding': GROUP_PADDING, 'elk.spacing.nodeNode': '24' };
  switch (kind) {
    case 'service-group':
      // Layered with no edges puts every child in one layer: across for DOWN, stacked for RIGHT.
      return {
        ...common,
        'elk.algorithm': 'layered',
        'elk.direction': parentKind === null ? 'RIGHT' : 'DOWN',
        'elk.separateConnectedComponents': 'false',
        'elk.spacing.nodeNode': '16',
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      };
    case 'subnet':
      // Rows of servers, a little wider than tall however many bots a subnet holds; wide enough for
      // the subnet's title and CIDR even when it holds one node.
      return {
        ...common,
        'elk.algorithm': 'rectpacking',
        'elk.aspectRatio': '1.3',
        'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
        'elk.nodeSize.minimum': `(${SUBNET_MIN_WIDTH}, 80)`,
      };
    case 'availability-zone':
    case 'vpc':
      return {
        ...common,
        'elk.algorithm': 'layered',
        'elk.direction': 'DOWN',
        'elk.layered.spacing.nodeNodeBetweenLayers': '32',
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      };
    case 'root':
      return {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.padding': '[top=24,left=24,bottom=24,right=24]',
        'elk.spacing.nodeNode': '32',
        'elk.layered.spacing.nodeNodeBetweenLayers': '64',
        'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      };
    default:
      return common;
  }
}

/** Resources outside the VPC that face it from the left: the customer's side and the edge in front of the ALB. */
const LEFT_OF_VPC: ReadonlySet<NodeKind> = new Set(['vpn-connection', 'direct-connect', 'waf-web-acl']);
/** Managed services that span AZs (their nodes sit in the VPC, below the AZ columns). */
const BELOW_AZS: ReadonlySet<NodeKind> = new Set([
  'directory-service',
  'fsx-windows',
  'rds-sql-server',
  'service-group',
  'vpc-endpoint',
]);

/**
 * Edges that exist only to order siblings: public above app above data in an AZ; gateway and load
 * balancer above the AZs, and the services that span AZs below them, in the VPC; the data-centre link
 * and WAF to the left of the VPC, regional services to its right. They are not drawn.
 */
function orderingEdges(
  topology: Topology,
  childrenOf: Map<string | null, TopologyNode[]>,
): Map<string | null, ElkExtendedEdge[]> {
  const out = new Map<string | null, ElkExtendedEdge[]>();
  const add = (parent: string | null, source: string, target: string): void => {
    const list = out.get(parent) ?? [];
    list.push({ id: `order-${source}-${target}`, sources: [source], targets: [target] });
    out.set(parent, list);
  };
  for (const node of topology.nodes) {
    const children = childrenOf.get(node.id) ?? [];
    if (node.kind === 'availability-zone') {
      const tiers = ['public', 'app', 'data']
        .map((t) => children.find((c) => c.kind === 'subnet' && c.tier === t))
        .filter((c): c is TopologyNode => c !== undefined);
      for (let i = 1; i < tiers.length; i++)
        add(node.id, (tiers[i - 1] as TopologyNode).id, (tiers[i] as TopologyNode).id);
    }
    if (node.kind === 'vpc') {
      const igw = children.find((c) => c.kind === 'internet-gateway');
      const alb = children.find((c) => c.kind === 'load-balancer');
      const azs = children.filter((c) => c.kind === 'availability-zone');
      const below = children.filter((c) => BELOW_AZS.has(c.kind));
      if (igw && alb) add(node.id, igw.id, alb.id);
      const above = alb ?? igw;
      if (above) for (const az of azs) add(node.id, above.id, az.id);
      for (const b of below) for (const az of azs) add(node.id, az.id, b.id);
    }
  }
  const roots = childrenOf.get(null) ?? [];
  const vpc = roots.find((n) => n.kind === 'vpc');
  if (vpc)
    for (const r of roots) {
      if (r.id === vpc.id) continue;
      if (LEFT_OF_VPC.has(r.kind)) add(null, r.id, vpc.id);
      else add(null, vpc.id, r.id);
    }
  return out;
}

function toElk(
  node: TopologyNode,
  childrenOf: Map<string | null, TopologyNode[]>,
  edges: Map<string | null, ElkExtendedEdge[]>,
  parentKind: NodeKind | null,
): ElkNode {
  if (isGroupKind(node.kind)) {
    return {
      id: node.id,
      layoutOptions: layoutOptionsFor(node.kind, parentKind),
      children: (childrenOf.get(node.id) ?? []).map((c) => toElk(c, childrenOf, edges, node.kind)),
      edges: edges.get(node.id) ?? [],
      // An empty subnet still needs room for its title.
      ...((childrenOf.get(node.id) ?? []).length === 0 ? { width: 240, height: 80 } : {}),
    };
  }
  const size = LEAF_SIZE[node.kind as keyof typeof LEAF_SIZE] ?? { width: 200, height: 64 };
  return { id: node.id, width: size.width, height: size.height };
}

function collect(node: ElkNode, out: Map<string, NodePosition>): void {
  for (const child of node.children ?? []) {
    out.set(child.id, {
      id: child.id,
      x: Math.round(child.x ?? 0),
      y: Math.round(child.y ?? 0),
      width: Math.round(child.width ?? 0),
      height: Math.round(child.height ?? 0),
      manual: false,
    });
    collect(child, out);
  }
}

/**
 * Lays out nested groups with ELK (VPC > AZ > subnet > resources); positions are relative to the
 * parent, as React Flow draws sub-flows. Nodes the architect moved by hand (`manual`) keep their
 * place unless `keepManual` is false.
 */
export async function layoutTopology(
  topology: Topology,
  previous?: Layout,
  keepManual = true,
): Promise<Layout> {
  const childrenOf = new Map<string | null, TopologyNode[]>();
  const known = new Set(topology.nodes.map((n) => n.id));
  for (const n of topology.nodes) {
    const parent = n.parentId !== null && known.has(n.parentId) ? n.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(n);
    childrenOf.set(parent, list);
  }
  const edges = orderingEdges(topology, childrenOf);
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: layoutOptionsFor('root'),
    children: (childrenOf.get(null) ?? []).map((n) => toElk(n, childrenOf, edges, null)),
    edges: edges.get(null) ?? [],
  };
  const result = await elk.layout(graph);
  const positions = new Map<string, NodePosition>();
  collect(result, positions);
  if (previous && keepManual) {
    for (const old of positionsById(previous).values()) {
      const now = positions.get(old.id);
      if (old.manual && now) positions.set(old.id, { ...now, x: old.x, y: old.y, manual: true });
    }
  }
  return {
    positions: topology.nodes
      .map((n) => positions.get(n.id))
      .filter((p): p is NodePosition => p !== undefined),
  };
}
