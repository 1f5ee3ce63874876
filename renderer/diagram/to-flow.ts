import { type Edge, type Node, type NodeHandle, MarkerType, Position } from '@xyflow/react';
import type { Layout, NodePosition } from '../../core/model/layout';
import type { NodeKind, SubnetTier, Topology, TopologyEdge, TopologyNode } from '../../core/model/topology';
import { isGroupKind } from '../../core/model/topology';
import { LEAF_SIZE } from '../../core/topology/layout';
import { formatUsd } from '../../core/util/money';
import type { NodeFlag } from '../features/findings/findings-view';

/**
 * Topology + stored layout → React Flow nodes and edges. Pure: the canvas derives everything it
 * draws from the project, so nothing in React Flow's state needs saving except positions, which
 * flow back through the store's moveNodes.
 */

export type GroupKind = 'vpc' | 'availability-zone' | 'subnet' | 'service-group';
export type ResourceKind = Exclude<NodeKind, GroupKind>;

export type GroupNodeData = {
  kind: GroupKind;
  title: string;
  subtitle: string;
  tier: SubnetTier | null;
  /** A node being dragged would land in this group. */
  dropTarget: boolean;
};

export type ResourceNodeData = {
  kind: ResourceKind;
  name: string;
  /** Second line: role and instance type, scheme, zone… */
  detail: string;
  /** "$405.15/mo", or null for free resources and unpriced ones. */
  cost: string | null;
  flag: NodeFlag | null;
  /** SQL Server on EC2: drawn with the EC2 DB instance icon. */
  database: boolean;
};

export type GroupFlowNode = Node<GroupNodeData, 'aws-group'>;
export type ResourceFlowNode = Node<ResourceNodeData, 'aws-resource'>;
export type ArchFlowNode = GroupFlowNode | ResourceFlowNode;

export type EdgeKind = TopologyEdge['kind'];
export type ArchFlowEdge = Edge<{ kind: EdgeKind }>;

export type Side = 'top' | 'right' | 'bottom' | 'left';
export const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];
/** Handle ids on resource nodes: one source and one target handle per side. */
export function handleId(side: Side, type: 'source' | 'target'): string {
  return `${side}-${type === 'source' ? 's' : 't'}`;
}

export interface Decorations {
  /** Node id → monthly USD as a decimal string (core monthlyByResource). */
  monthlyByResource: ReadonlyMap<string, string>;
  flags: ReadonlyMap<string, NodeFlag>;
  selectedId: string | null;
  /** Every selected node (multi-selection); selectedId alone when absent. */
  selectedIds?: ReadonlySet<string>;
  /** The group a dragged node would drop into, highlighted. */
  dropTargetId?: string | null;
}

const NO_DECORATIONS: Decorations = { monthlyByResource: new Map(), flags: new Map(), selectedId: null };

/**
 * Flow nodes built before, by topology node: an edit replaces one topology node, so only its flow
 * node is rebuilt and React Flow re-renders only that one (the rest keep their identity).
 */
export type FlowNodeCache = WeakMap<TopologyNode, { key: readonly unknown[]; node: ArchFlowNode }>;

export function createFlowNodeCache(): FlowNodeCache {
  return new WeakMap();
}

/** Parents before children, as React Flow requires, keeping the topology's order among siblings. */
export function orderParentsFirst(nodes: readonly TopologyNode[]): TopologyNode[] {
  const known = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, TopologyNode[]>();
  for (const n of nodes) {
    const parent = n.parentId !== null && known.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const out: TopologyNode[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null): void => {
    for (const n of children.get(parent) ?? []) {
      if (visited.has(n.id)) continue;
      visited.add(n.id);
      out.push(n);
      visit(n.id);
    }
  };
  visit(null);
  // A parent cycle (a damaged file) leaves nodes unreached; draw them at the top level rather than lose them.
  for (const n of nodes) if (!visited.has(n.id)) out.push(n);
  return out;
}

const ROLE_LABEL: Readonly<Record<string, string>> = {
  bot: 'Bot',
  'control-room': 'Control Room',
  sql: 'SQL Server',
  web: 'Web',
  app: 'App',
  other: 'Server',
};
const TIER_LABEL: Readonly<Record<SubnetTier, string>> = {
  public: 'Public subnet',
  app: 'Private subnet · app',
  data: 'Private subnet · data',
};

function groupData(node: Extract<TopologyNode, { kind: GroupKind }>, dropTarget: boolean): GroupNodeData {
  switch (node.kind) {
    case 'vpc':
      return { kind: 'vpc', title: 'VPC', subtitle: node.cidr, tier: null, dropTarget };
    case 'availability-zone':
      return {
        kind: 'availability-zone',
        title: 'Availability Zone',
        subtitle: node.zone,
        tier: null,
        dropTarget,
      };
    case 'subnet':
      return {
        kind: 'subnet',
        title: TIER_LABEL[node.tier],
        subtitle: node.cidr,
        tier: node.tier,
        dropTarget,
      };
    case 'service-group':
      return { kind: 'service-group', title: node.name, subtitle: '', tier: null, dropTarget };
  }
}

function resourceDetail(node: Extract<TopologyNode, { kind: ResourceKind }>): string {
  switch (node.kind) {
    case 'ec2-instance': {
      const role =
        node.role === 'sql' && node.haRole && node.haRole !== 'standalone'
          ? `SQL ${node.haRole}`
          : (ROLE_LABEL[node.role] ?? node.role);
      return `${role} · ${node.instanceType}`;
    }
    case 'load-balancer':
      return `${node.scheme} · ${node.listeners.map((l) => `${l.protocol} ${l.port}`).join(', ') || 'no listener'}`;
    case 'nat-gateway':
      return node.zone;
    case 'internet-gateway':
      return 'VPC ↔ internet';
    case 's3-bucket':
      return `S3 · ${node.purpose} · ${node.encryption === 'none' ? 'unencrypted' : node.encryption.toUpperCase()}`;
    case 'kms-key':
      return `KMS key · rotation ${node.rotation ? 'on' : 'off'}`;
    case 'waf-web-acl':
      return `WAF · ${node.managedRuleGroups.length} managed rule groups`;
    case 'vpn-connection':
      return `Site-to-Site VPN · ${node.onPremisesCidrs.join(', ')}`;
    case 'direct-connect':
      return `Direct Connect · ${node.bandwidth}`;
    case 'route53-zone':
      return `${node.privateZone ? 'Private' : 'Public'} zone · ${node.domainName}`;
    case 'directory-service':
      return `Managed AD ${node.edition} · ${node.domainName}`;
    case 'fsx-windows':
      return `FSx for Windows · ${node.deploymentType === 'MULTI_AZ_1' ? 'Multi-AZ' : 'Single-AZ'} · ${node.storageGib} GiB`;
    case 'rds-sql-server':
      return `RDS SQL Server ${node.edition} · ${node.instanceClass}${node.multiAz ? ' · Multi-AZ' : ''}`;
    case 'cloudtrail':
      return `CloudTrail${node.multiRegion ? ' · multi-region' : ''}`;
    case 'guardduty':
      return 'GuardDuty threat detection';
    case 'config-recorder':
      return `AWS Config · ${node.managedRules.length} rules`;
    case 'patch-manager':
      return `Patch Manager · ${node.maintenanceWindow}`;
    case 'secrets-manager-secret':
      return `Secret · ${node.rotationDays ? `rotates every ${node.rotationDays} days` : 'no rotation'}`;
    case 'cloudwatch':
      return `CloudWatch · ${node.logGroups.length} log groups`;
    case 'vpc-endpoint':
      return `${node.endpointType} endpoint · ${node.service}`;
  }
}

const POSITION: Readonly<Record<Side, Position>> = {
  top: Position.Top,
  right: Position.Right,
  bottom: Position.Bottom,
  left: Position.Left,
};

/**
 * Handle geometry declared up front (1 × 1 px at each side's midpoint), so edges draw from the
 * stored layout without waiting for React Flow to measure the DOM; the measured handles agree.
 */
export function resourceHandles(width: number, height: number): NodeHandle[] {
  const at: Readonly<Record<Side, { x: number; y: number }>> = {
    top: { x: width / 2 - 0.5, y: 0 },
    right: { x: width - 1, y: height / 2 - 0.5 },
    bottom: { x: width / 2 - 0.5, y: height - 1 },
    left: { x: 0, y: height / 2 - 0.5 },
  };
  return SIDES.flatMap((side) =>
    (['source', 'target'] as const).map((type) => ({
      id: handleId(side, type),
      type,
      position: POSITION[side],
      ...at[side],
      width: 1,
      height: 1,
    })),
  );
}

function fallbackSize(node: TopologyNode): { width: number; height: number } {
  return isGroupKind(node.kind)
    ? { width: 240, height: 80 }
    : (LEAF_SIZE[node.kind as ResourceKind] ?? { width: 200, height: 64 });
}

export function buildFlowNodes(
  topology: Topology,
  layout: Layout,
  decorations: Decorations = NO_DECORATIONS,
  cache?: FlowNodeCache,
): ArchFlowNode[] {
  const positions = new Map(layout.positions.map((p) => [p.id, p]));
  const known = new Set(topology.nodes.map((n) => n.id));
  const selectedIds =
    decorations.selectedIds ?? new Set(decorations.selectedId !== null ? [decorations.selectedId] : []);
  return orderParentsFirst(topology.nodes).map((node): ArchFlowNode => {
    const at: NodePosition | undefined = positions.get(node.id);
    const selected = selectedIds.has(node.id);
    const group = isGroupKind(node.kind);
    const monthly = group ? undefined : decorations.monthlyByResource.get(node.id);
    const flag = group ? null : (decorations.flags.get(node.id) ?? null);
    const dropTarget = group && decorations.dropTargetId === node.id;
    const key = [
      at,
      selected,
      monthly,
      flag?.ruleIds.join(' '),
      flag?.tone,
      dropTarget,
      known.has(node.parentId ?? ''),
    ];
    const hit = cache?.get(node);
    if (hit && hit.key.length === key.length && hit.key.every((k, i) => k === key[i])) return hit.node;
    const built = buildFlowNode(node, at, known, selected, monthly, flag, dropTarget);
    cache?.set(node, { key, node: built });
    return built;
  });
}

function buildFlowNode(
  node: TopologyNode,
  at: NodePosition | undefined,
  known: ReadonlySet<string>,
  selected: boolean,
  monthly: string | undefined,
  flag: NodeFlag | null,
  dropTarget: boolean,
): ArchFlowNode {
  const size =
    at && at.width > 0 && at.height > 0 ? { width: at.width, height: at.height } : fallbackSize(node);
  const hasParent = node.parentId !== null && known.has(node.parentId);
  const common = {
    id: node.id,
    position: { x: at?.x ?? 0, y: at?.y ?? 0 },
    ...size,
    ...(hasParent ? { parentId: node.parentId as string } : {}),
    selected,
  };
  if (
    node.kind === 'vpc' ||
    node.kind === 'availability-zone' ||
    node.kind === 'subnet' ||
    node.kind === 'service-group'
  ) {
    // Groups drag by their title bar only, so dragging inside one pans the canvas (see diagram.css);
    // they stay inside their parent. Resources are free to leave theirs: dropping one in another
    // subnet moves it there (the canvas turns the drop into a containment change).
    return {
      ...common,
      ...(hasParent ? { extent: 'parent' as const } : {}),
      type: 'aws-group',
      data: groupData(node, dropTarget),
      dragHandle: '.arch-group__title',
      className: `arch-group-node${dropTarget ? ' is-drop-target' : ''}`,
      selectable: true,
      connectable: false,
    };
  }
  return {
    ...common,
    type: 'aws-resource',
    handles: resourceHandles(size.width, size.height),
    data: {
      kind: node.kind,
      name: node.name,
      detail: resourceDetail(node),
      cost: monthly !== undefined ? `${formatUsd(monthly)}/mo` : null,
      flag,
      database: node.kind === 'ec2-instance' && node.role === 'sql',
    },
  };
}

/** Absolute boxes (layout positions are relative to the parent group). */
export function absoluteBoxes(
  topology: Topology,
  layout: Layout,
): Map<string, { x: number; y: number; width: number; height: number }> {
  const positions = new Map(layout.positions.map((p) => [p.id, p]));
  const parents = new Map(topology.nodes.map((n) => [n.id, n.parentId]));
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const node of topology.nodes) {
    let x = 0;
    let y = 0;
    let current: string | null = node.id;
    for (let guard = 0; current !== null && guard < 64; guard++) {
      const p = positions.get(current);
      x += p?.x ?? 0;
      y += p?.y ?? 0;
      current = parents.get(current) ?? null;
    }
    const own = positions.get(node.id);
    const size = own && own.width > 0 ? own : fallbackSize(node);
    boxes.set(node.id, { x, y, width: size.width, height: size.height });
  }
  return boxes;
}

/**
 * Which sides an edge leaves and enters by: stacked boxes connect bottom→top, side-by-side boxes
 * right→left, otherwise along the larger gap. Keeps lines short without a router.
 */
export function chooseSides(
  source: { x: number; y: number; width: number; height: number },
  target: { x: number; y: number; width: number; height: number },
): { source: Side; target: Side } {
  const dx = target.x + target.width / 2 - (source.x + source.width / 2);
  const dy = target.y + target.height / 2 - (source.y + source.height / 2);
  const overlapX = source.x < target.x + target.width && target.x < source.x + source.width;
  const overlapY = source.y < target.y + target.height && target.y < source.y + source.height;
  const vertical = overlapX
    ? true
    : overlapY
      ? false
      : Math.abs(dy) - (source.height + target.height) / 2 > Math.abs(dx) - (source.width + target.width) / 2;
  if (vertical) return dy >= 0 ? { source: 'bottom', target: 'top' } : { source: 'top', target: 'bottom' };
  return dx >= 0 ? { source: 'right', target: 'left' } : { source: 'left', target: 'right' };
}

const EDGE_STYLE: Readonly<Record<EdgeKind, { stroke: string; strokeDasharray?: string }>> = {
  traffic: { stroke: '#546e7a' },
  replication: { stroke: '#1565c0', strokeDasharray: '6 4' },
  backup: { stroke: '#2e7d32', strokeDasharray: '2 4' },
  hybrid: { stroke: '#ad1457', strokeDasharray: '10 3 2 3' },
};

/**
 * Edges with their labels. Many bots in a subnet talk to the same Control Room over the same port;
 * that label is drawn once per target and source group so the canvas stays readable (every edge
 * keeps it in its aria-label).
 */
export function buildFlowEdges(
  topology: Topology,
  layout: Layout,
  selectedEdgeIds: ReadonlySet<string> = new Set(),
): ArchFlowEdge[] {
  const boxes = absoluteBoxes(topology, layout);
  const parentOf = new Map(topology.nodes.map((n) => [n.id, n.parentId]));
  const labelled = new Set<string>();
  return topology.edges
    .filter((e) => boxes.has(e.source) && boxes.has(e.target))
    .map((e): ArchFlowEdge => {
      const sides = chooseSides(
        boxes.get(e.source) as NonNullable<ReturnType<typeof boxes.get>>,
        boxes.get(e.target) as NonNullable<ReturnType<typeof boxes.get>>,
      );
      const labelKey = `${e.target}\u0000${parentOf.get(e.source) ?? ''}\u0000${e.kind}\u0000${e.label}`;
      const showLabel = e.label !== '' && !labelled.has(labelKey);
      labelled.add(labelKey);
      const style = EDGE_STYLE[e.kind];
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: handleId(sides.source, 'source'),
        targetHandle: handleId(sides.target, 'target'),
        type: 'smoothstep',
        animated: e.kind === 'replication',
        ...(showLabel ? { label: e.label } : {}),
        ariaLabel: `${e.kind}: ${e.label}`,
        className: `arch-edge arch-edge--${e.kind}`,
        style: { ...style, strokeWidth: 1.5 },
        markerEnd: { type: MarkerType.ArrowClosed, color: style.stroke, width: 16, height: 16 },
        data: { kind: e.kind },
        selectable: true,
        selected: selectedEdgeIds.has(e.id),
      };
    });
}
