import type { ServerRole } from '../model/inventory';
import type { Layout } from '../model/layout';
import type { Ec2Node, Topology, TopologyEdge, TopologyNode } from '../model/topology';
import { layoutTopology } from '../topology/layout';
import { formatNumber, plural } from './format-text';

/**
 * The diagram as printed. A small design prints as the architect laid it out on the canvas (moved
 * nodes and all). A large one would be thousands of boxes on one page, so identical instances in a
 * subnet (same role, instance type and HA role) are drawn once as "N × …" with a stack behind them,
 * and the smaller design is laid out afresh by the canvas's own layout (ELK), so it still looks
 * like the canvas.
 */

/** Above this many EC2 instances the printed diagram collapses identical instances. */
export const COLLAPSE_ABOVE_INSTANCES = 40;

export interface PrintDiagram {
  topology: Topology;
  layout: Layout;
  /** Printed node id → the design's node ids it stands for; only collapsed nodes are listed. */
  members: Record<string, string[]>;
  collapsed: boolean;
  /** What the reader should know about the collapsing; empty when nothing was collapsed. */
  note: string;
}

const ROLE_PLURAL: Record<ServerRole, string> = {
  bot: 'RPA bot runners',
  'control-room': 'control room servers',
  sql: 'SQL Server instances',
  web: 'web servers',
  app: 'application servers',
  other: 'servers',
};

/**
 * Collapses identical instances within each subnet into one node named "N × <role>". Pure and
 * synchronous; the result has no layout (see preparePrintDiagram). Edges to any member go to the
 * collapsed node, once per kind and label.
 */
export function collapseTopologyForPrint(topology: Topology): {
  topology: Topology;
  members: Record<string, string[]>;
} {
  const groups = new Map<string, Ec2Node[]>();
  for (const node of topology.nodes) {
    if (node.kind !== 'ec2-instance') continue;
    const key = `${node.parentId ?? ''}\u0000${node.role}\u0000${node.instanceType}\u0000${node.haRole ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  const memberOf = new Map<string, string>();
  const replacement = new Map<string, TopologyNode>();
  const members: Record<string, string[]> = {};
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const first = list[0] as Ec2Node;
    const id = `print-${first.id}-x${list.length}`;
    members[id] = list.map((n) => n.id);
    for (const n of list) memberOf.set(n.id, id);
    replacement.set(first.id, {
      ...first,
      id,
      name: `${formatNumber(list.length)} × ${ROLE_PLURAL[first.role]}`,
      serverId: null,
    });
  }
  if (replacement.size === 0) return { topology, members };
  const nodes: TopologyNode[] = [];
  for (const node of topology.nodes) {
    const r = replacement.get(node.id);
    if (r) nodes.push(r);
    else if (!memberOf.has(node.id)) nodes.push(node);
  }
  const seen = new Set<string>();
  const edges: TopologyEdge[] = [];
  for (const e of topology.edges) {
    const source = memberOf.get(e.source) ?? e.source;
    const target = memberOf.get(e.target) ?? e.target;
    if (source === target) continue;
    const key = `${source}\u0000${target}\u0000${e.kind}\u0000${e.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(
      source === e.source && target === e.target ? e : { ...e, id: `print-${e.id}`, source, target },
    );
  }
  return { topology: { ...topology, nodes, edges }, members };
}

/**
 * The diagram to print for a design: as laid out on the canvas when it has at most
 * COLLAPSE_ABOVE_INSTANCES instances, else collapsed and laid out again.
 */
export async function preparePrintDiagram(
  topology: Topology,
  layout: Layout,
  threshold = COLLAPSE_ABOVE_INSTANCES,
): Promise<PrintDiagram> {
  const instances = topology.nodes.filter((n) => n.kind === 'ec2-instance').length;
  if (instances <= threshold) return { topology, layout, members: {}, collapsed: false, note: '' };
  const collapsed = collapseTopologyForPrint(topology);
  const groups = Object.values(collapsed.members);
  if (groups.length === 0) return { topology, layout, members: {}, collapsed: false, note: '' };
  const shown = groups.reduce((a, g) => a + g.length, 0);
  return {
    topology: collapsed.topology,
    layout: await layoutTopology(collapsed.topology),
    members: collapsed.members,
    collapsed: true,
    note: `With ${plural(instances, 'instance')}, identical instances in a subnet (same role, type and availability role) are drawn once with their count: ${plural(shown, 'instance')} in ${plural(groups.length, 'stacked box', 'stacked boxes')}. Costs on a stacked box are for all of its instances. The canvas in Architecture Planner shows every instance.`,
  };
}
