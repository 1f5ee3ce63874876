import type { TopologyNode } from '../model/topology';
import { indexNodes, isGroupKind } from '../model/topology';
import type { Project } from '../project/schema';
import { canContain } from './containment';
import { GROUP_MARGIN, GROUP_TITLE, leafSize } from './layout-edits';
import { PALETTE, type PaletteItem } from './palette';

/** Subnet tier a palette entry is usually added to when the architect clicks it instead of dropping it. */
const PREFERRED_TIER: Partial<Record<PaletteItem, 'public' | 'app' | 'data'>> = {
  'ec2-server': 'app',
  'bot-runner': 'app',
  'sql-node': 'data',
  'nat-gateway': 'public',
};

/**
 * Where a clicked palette entry goes: into the selected group when it may hold it, else the first
 * group of the preferred tier (an app subnet for a server, a data subnet for SQL Server, the VPC for a
 * load balancer, beside the VPC for regional services), below what that group already holds. Null when
 * the design has nowhere to put it (no VPC yet).
 */
export function defaultPlacement(
  project: Project,
  item: PaletteItem,
  selectedIds: readonly string[],
): { parentId: string | null; x: number; y: number } | null {
  const { topology, layout } = project;
  const kind = PALETTE[item].kind;
  const byId = indexNodes(topology);
  const selected = selectedIds.length === 1 ? byId.get(selectedIds[0] as string) : undefined;
  const candidates: (TopologyNode | null)[] = [];
  if (selected && isGroupKind(selected.kind)) candidates.push(selected);
  if (selected && selected.parentId !== null) candidates.push(byId.get(selected.parentId) ?? null);
  const tier = PREFERRED_TIER[item];
  for (const n of topology.nodes) if (n.kind === 'subnet' && n.tier === tier) candidates.push(n);
  for (const n of topology.nodes) if (isGroupKind(n.kind)) candidates.push(n);
  candidates.push(null);
  const parent = candidates.find((c) => canContain(byId, c, kind));
  if (parent === undefined) return null;
  const positions = new Map(layout.positions.map((p) => [p.id, p]));
  const siblings = topology.nodes.filter((n) => n.parentId === (parent?.id ?? null));
  if (parent === null) {
    // Beside everything else on the canvas.
    const right = siblings.reduce((x, n) => {
      const p = positions.get(n.id);
      return Math.max(x, (p?.x ?? 0) + (p?.width ?? leafSize(n).width));
    }, 0);
    return { parentId: null, x: right + 48, y: 24 };
  }
  const bottom = siblings.reduce((y, n) => {
    const p = positions.get(n.id);
    return Math.max(y, (p?.y ?? 0) + (p?.height ?? leafSize(n).height) + GROUP_MARGIN);
  }, GROUP_TITLE);
  return { parentId: parent.id, x: GROUP_MARGIN, y: bottom };
}
