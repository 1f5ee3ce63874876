import type { Layout } from '../../core/model/layout';
import { slugify } from '../../core/model/ids';
import type { Project } from '../../core/project/schema';

/** A node dropped at a new place, relative to its parent group (as React Flow and the layout store it). */
export interface NodeMove {
  id: string;
  x: number;
  y: number;
}

/**
 * Applies moves to the stored layout and marks those positions manual, so a re-plan keeps them.
 * Whole pixels keep saved files tidy. Returns the same layout object when nothing moved.
 */
export function moveNodesInLayout(layout: Layout, moves: readonly NodeMove[]): Layout {
  const byId = new Map(moves.map((m) => [m.id, { x: Math.round(m.x), y: Math.round(m.y) }]));
  let changed = false;
  const positions = layout.positions.map((p) => {
    const to = byId.get(p.id);
    if (!to || (to.x === p.x && to.y === p.y)) return p;
    changed = true;
    return { ...p, x: to.x, y: to.y, manual: true };
  });
  return changed ? { positions } : layout;
}

export const UNTITLED_PROJECT = 'Untitled project';

/** "rpa-estate.csv" → "rpa-estate": the name an untitled project takes from its first inventory. */
export function projectNameFromFile(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .trim();
  return (base || UNTITLED_PROJECT).slice(0, 200);
}

/** The workspace file name a project is saved under when it has none yet: "<slug>.archplan.json". */
export function suggestedFileName(project: Project): string {
  return `${slugify(project.project.name)}.archplan.json`;
}

/** The last part of a path, for the toolbar: "C:\\Jobs\\acme.archplan.json" → "acme.archplan.json". */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}
