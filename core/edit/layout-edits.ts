import type { Layout, NodePosition } from '../model/layout';
import type { Topology, TopologyNode } from '../model/topology';
import { indexNodes, isGroupKind } from '../model/topology';
import { LEAF_SIZE } from '../topology/layout';
import type { Box } from './containment';

/** Room a group keeps around its children: its title bar on top, a margin elsewhere (as the layout leaves). */
export const GROUP_TITLE = 44;
export const GROUP_MARGIN = 16;

export function leafSize(node: TopologyNode): { width: number; height: number } {
  if (isGroupKind(node.kind)) return { width: 240, height: 80 };
  return LEAF_SIZE[node.kind as keyof typeof LEAF_SIZE] ?? { width: 200, height: 64 };
}

/** Absolute boxes of every node (layout positions are relative to the parent group). */
export function absoluteBoxes(topology: Topology, layout: Layout): Map<string, Box> {
  const positions = new Map(layout.positions.map((p) => [p.id, p]));
  const parents = new Map(topology.nodes.map((n) => [n.id, n.parentId]));
  const boxes = new Map<string, Box>();
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
    const size = own && own.width > 0 ? own : leafSize(node);
    boxes.set(node.id, { x, y, width: size.width, height: size.height });
  }
  return boxes;
}

/** A child's position inside a group, kept clear of the group's title bar and left margin. */
export function clampIntoGroup(
  parent: TopologyNode | null,
  at: { x: number; y: number },
): { x: number; y: number } {
  if (parent === null) return { x: Math.round(at.x), y: Math.round(at.y) };
  return { x: Math.max(GROUP_MARGIN, Math.round(at.x)), y: Math.max(GROUP_TITLE, Math.round(at.y)) };
}

/**
 * Grows groups (innermost first) so that each still frames its children after an edit placed a node
 * near or past its edge, moving what sits below or beside a grown group along. Groups never shrink
 * here (auto-layout does that).
 * Returns the same layout when nothing had to grow.
 */
export function growGroupsToFit(topology: Topology, layout: Layout): Layout {
  const byId = indexNodes(topology);
  const positions = new Map(layout.positions.map((p) => [p.id, p]));
  const depth = (n: TopologyNode): number => {
    let d = 0;
    let current = n.parentId ? byId.get(n.parentId) : undefined;
    while (current && d < 64) {
      d++;
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return d;
  };
  const groups = topology.nodes.filter((n) => isGroupKind(n.kind)).sort((a, b) => depth(b) - depth(a));
  const children = new Map<string, TopologyNode[]>();
  for (const n of topology.nodes)
    if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  let changed = false;
  for (const group of groups) {
    const own = positions.get(group.id);
    if (!own) continue;
    let right = 0;
    let bottom = 0;
    for (const c of children.get(group.id) ?? []) {
      const p = positions.get(c.id);
      const size = p && p.width > 0 ? p : leafSize(c);
      right = Math.max(right, (p?.x ?? 0) + size.width + GROUP_MARGIN);
      bottom = Math.max(bottom, (p?.y ?? 0) + size.height + GROUP_MARGIN);
    }
    if (right > own.width || bottom > own.height) {
      const width = Math.max(own.width, Math.ceil(right));
      const height = Math.max(own.height, Math.ceil(bottom));
      positions.set(group.id, { ...own, width, height });
      // What sat below or beside the group moves along, so the bigger group covers nothing (a subnet
      // grown downwards pushes the next subnet of its AZ down; the AZ then grows in turn).
      for (const s of topology.nodes) {
        if (s.parentId !== group.parentId || s.id === group.id) continue;
        const p = positions.get(s.id);
        if (!p) continue;
        const size = p.width > 0 ? p : leafSize(s);
        const besideH = p.x < own.x + width && own.x < p.x + size.width;
        const besideV = p.y < own.y + height && own.y < p.y + size.height;
        const y =
          height > own.height && besideH && p.y >= own.y + own.height - 1 ? p.y + height - own.height : p.y;
        const x =
          width > own.width && besideV && p.x >= own.x + own.width - 1 ? p.x + width - own.width : p.x;
        if (x !== p.x || y !== p.y) positions.set(s.id, { ...p, x, y });
      }
      changed = true;
    }
  }
  if (!changed) return layout;
  return { positions: layout.positions.map((p) => positions.get(p.id) ?? p) };
}

/** Sets (or adds) positions of nodes, marked manual so auto-layout keeps them unless asked not to. */
export function placeNodes(layout: Layout, placed: readonly NodePosition[]): Layout {
  const byId = new Map(placed.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const positions = layout.positions.map((p) => {
    const next = byId.get(p.id);
    if (!next) return p;
    seen.add(p.id);
    return next;
  });
  for (const p of placed) if (!seen.has(p.id)) positions.push(p);
  return { positions };
}

const GAP = 12;

/**
 * A spot at or below `at` (relative to the parent) where a node of `size` does not cover one of the
 * parent's other children, so a dropped or added resource never hides another; the group then grows
 * to fit (growGroupsToFit). `ignore` is the node being placed.
 */
export function clearOfSiblings(
  topology: Topology,
  layout: Layout,
  parentId: string | null,
  ignore: string,
  at: { x: number; y: number },
  size: { width: number; height: number },
): { x: number; y: number } {
  const positions = new Map(layout.positions.map((p) => [p.id, p]));
  const siblings = topology.nodes
    .filter((n) => n.parentId === parentId && n.id !== ignore)
    .map((n) => {
      const p = positions.get(n.id);
      const s = p && p.width > 0 ? p : leafSize(n);
      return { x: p?.x ?? 0, y: p?.y ?? 0, width: s.width, height: s.height };
    });
  const { x } = at;
  let { y } = at;
  for (let guard = 0; guard <= siblings.length; guard++) {
    const hit = siblings.find(
      (b) =>
        x < b.x + b.width + GAP &&
        b.x < x + size.width + GAP &&
        y < b.y + b.height + GAP &&
        b.y < y + size.height + GAP,
    );
    if (!hit) break;
    y = hit.y + hit.height + GAP;
  }
  return { x, y };
}
