import { z } from 'zod';

/**
 * Where each node sits on the canvas, relative to its parent group (as React Flow draws nested nodes).
 * Stored in the project so that the architect's manual moves survive a save and a re-plan.
 */
export const nodePositionSchema = z.object({
  id: z.string().min(1).max(200),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().min(0),
  height: z.number().finite().min(0),
  /** Set when the architect moved the node by hand; auto-layout keeps such nodes where they are. */
  manual: z.boolean(),
});
export type NodePosition = z.infer<typeof nodePositionSchema>;

export const layoutSchema = z.object({ positions: z.array(nodePositionSchema).max(50_000) });
export type Layout = z.infer<typeof layoutSchema>;

export function emptyLayout(): Layout {
  return { positions: [] };
}

export function positionsById(layout: Layout): Map<string, NodePosition> {
  return new Map(layout.positions.map((p) => [p.id, p]));
}
