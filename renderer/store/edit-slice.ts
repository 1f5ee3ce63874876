import type { StateCreator } from 'zustand/vanilla';
import type { EditResult } from '../../core/edit/edit-result';
import {
  type NodeClipboard,
  connectNodes,
  copyNodes,
  deleteEdges,
  deleteNodes,
  duplicateNodes,
  moveNodeToParent,
  pasteNodes,
  setInstanceType,
  setVolumes,
  setZone,
  updateNode,
  updateSecurityGroup,
  addPaletteNode,
} from '../../core/edit/node-edits';
import { PALETTE, type PaletteItem } from '../../core/edit/palette';
import { defaultPlacement } from '../../core/edit/placement';
import type { SecurityGroup, Volume } from '../../core/model/topology';
import { isGroupKind } from '../../core/model/topology';
import type { Project } from '../../core/project/schema';
import { layoutTopology } from '../../core/topology/layout';
import { issuesFromFailure } from '../host/host-error';
import type { AppState } from './app-store';
import { markEditStart } from './edit-timing';
import { moveNodesInLayout } from './project-edits';

/** A node dropped somewhere: into `parentId` (which may be its current group) at x/y relative to it. */
export interface NodeDrop {
  id: string;
  parentId: string | null;
  x: number;
  y: number;
}

export interface EditSlice {
  /** Increments after an auto-layout, so the canvas fits the new arrangement into view. */
  layoutSerial: number;
  /** Increments when something asks the canvas to fit the whole diagram into view (View > Fit). */
  fitSerial: number;
  requestFitView(): void;
  /** What Copy/Cut put aside (nodes, their connections and positions); pasted with Paste. */
  clipboard: NodeClipboard | null;
  /**
   * Applies the result of a core edit action: the new project (recorded for undo under the result's
   * summary), the selection it asks for, and its notes in the status bar; or the issues that stopped it.
   */
  applyEdit(result: EditResult, options?: { coalesceKey?: string }): boolean;
  addFromPalette(item: PaletteItem, at: { parentId: string | null; x: number; y: number }): boolean;
  /** A palette entry clicked rather than dropped: into the selected group, or where such a resource usually goes. */
  addToDesign(item: PaletteItem): boolean;
  deleteSelection(): boolean;
  duplicateSelection(): boolean;
  copySelection(): boolean;
  cutSelection(): boolean;
  paste(): boolean;
  selectAll(): void;
  /** Drops after a drag: nodes that changed group move into it (containment updates the model), the rest just move. */
  dropNodes(drops: readonly NodeDrop[]): boolean;
  connect(sourceId: string, targetId: string): boolean;
  setInstanceType(nodeId: string, instanceType: string): boolean;
  setVolumes(nodeId: string, volumes: readonly Volume[]): boolean;
  updateNode(nodeId: string, patch: Readonly<Record<string, unknown>>, coalesceKey?: string): boolean;
  setZone(nodeId: string, zone: string): boolean;
  updateSecurityGroup(group: SecurityGroup): boolean;
  /** Lays the design out again with ELK; nodes moved by hand keep their place unless `keepManual` is false. */
  autoLayout(keepManual: boolean): Promise<boolean>;
}

export function createEditSlice(): StateCreator<AppState, [], [], EditSlice> {
  let pasteCount = 0;
  return (set, get) => {
    const commit = (project: Project, summary: string, coalesceKey?: string): void => {
      get().labelNextChange(summary, coalesceKey);
      set({ project, dirty: true });
    };

    return {
      layoutSerial: 0,
      fitSerial: 0,
      clipboard: null,

      requestFitView() {
        set((s) => ({ fitSerial: s.fitSerial + 1 }));
      },

      applyEdit(result, options) {
        const state = get();
        if (!result.ok) {
          const first = result.issues[0];
          // "Nothing changed" is not worth a message.
          if (first?.code !== 'edit.no-change')
            state.report('error', first?.message ?? 'The change was not applied.', result.issues);
          return false;
        }
        if (state.busy !== null) {
          state.report('warning', `Not applied while the app is busy (${state.busy}).`);
          return false;
        }
        markEditStart();
        commit(result.project, result.summary, options?.coalesceKey);
        if (result.select.length > 0) get().setSelection(result.select);
        const notes = result.issues;
        get().report(
          notes.some((i) => i.severity === 'warning' || i.severity === 'error') ? 'warning' : 'success',
          `${result.summary}.`,
          notes,
        );
        return true;
      },

      addFromPalette(item, at) {
        return get().applyEdit(addPaletteNode(get().project, item, at));
      },

      addToDesign(item) {
        const at = defaultPlacement(get().project, item, get().selectedNodeIds);
        if (!at) {
          get().report(
            'info',
            `There is nowhere to put a ${PALETTE[item].label} yet: import an inventory to plan the VPC first.`,
          );
          return false;
        }
        return get().addFromPalette(item, at);
      },

      deleteSelection() {
        const { project, selectedNodeIds, selectedEdgeIds } = get();
        if (selectedNodeIds.length === 0 && selectedEdgeIds.length === 0) return false;
        let result: EditResult | null = null;
        if (selectedEdgeIds.length > 0) result = deleteEdges(project, selectedEdgeIds);
        if (selectedNodeIds.length > 0) {
          const base = result?.ok ? result.project : project;
          const nodes = deleteNodes(base, selectedNodeIds);
          result =
            nodes.ok && result?.ok
              ? { ...nodes, summary: `${nodes.summary} and ${result.summary.toLowerCase()}` }
              : nodes;
        }
        if (!result) return false;
        const done = get().applyEdit(result);
        if (done) get().setSelection([]);
        return done;
      },

      duplicateSelection() {
        return get().applyEdit(duplicateNodes(get().project, get().selectedNodeIds));
      },

      copySelection() {
        const clipboard = copyNodes(get().project, get().selectedNodeIds);
        if (clipboard.nodes.length === 0) {
          get().report('info', 'Nothing to copy: select resources on the canvas (groups cannot be copied).');
          return false;
        }
        pasteCount = 0;
        set({ clipboard });
        get().report(
          'info',
          `Copied ${clipboard.nodes.length} node${clipboard.nodes.length === 1 ? '' : 's'}.`,
        );
        return true;
      },

      cutSelection() {
        if (!get().copySelection()) return false;
        const ids = new Set(get().clipboard?.nodes.map((n) => n.id));
        const result = deleteNodes(get().project, [...ids]);
        return get().applyEdit(
          result.ok ? { ...result, summary: result.summary.replace(/^Deleted/, 'Cut') } : result,
        );
      },

      paste() {
        const { clipboard, project, selectedNodeIds } = get();
        if (!clipboard) {
          get().report('info', 'Nothing to paste: copy resources first (Ctrl+C).');
          return false;
        }
        // Into the selected group when one is selected; else beside the originals, a step further each time.
        const only =
          selectedNodeIds.length === 1
            ? project.topology.nodes.find((n) => n.id === selectedNodeIds[0])
            : undefined;
        pasteCount += 1;
        const result =
          only && isGroupKind(only.kind)
            ? pasteNodes(project, clipboard, {
                parentId: only.id,
                x: 16 + 24 * (pasteCount - 1),
                y: 52 + 24 * (pasteCount - 1),
              })
            : pasteNodes(project, clipboard, undefined, { x: 32 * pasteCount, y: 32 * pasteCount });
        return get().applyEdit(result);
      },

      selectAll() {
        const ids = get()
          .project.topology.nodes.filter((n) => !isGroupKind(n.kind))
          .map((n) => n.id);
        get().setSelection(ids);
      },

      dropNodes(drops) {
        const start = get().project;
        const parentOf = new Map(start.topology.nodes.map((n) => [n.id, n.parentId]));
        let project = start;
        const moved: string[] = [];
        const refused: EditResult[] = [];
        const plain: { id: string; x: number; y: number }[] = [];
        for (const d of drops) {
          if (!parentOf.has(d.id)) continue;
          if (parentOf.get(d.id) === d.parentId) {
            plain.push(d);
            continue;
          }
          const r = moveNodeToParent(project, d.id, d.parentId, d);
          if (r.ok) {
            project = r.project;
            moved.push(r.summary);
          } else refused.push(r);
        }
        const layout = moveNodesInLayout(project.layout, plain);
        if (layout !== project.layout) project = { ...project, layout };
        if (refused.length > 0) {
          const issues = refused.flatMap((r) => (r.ok ? [] : r.issues));
          get().report('error', issues[0]?.message ?? 'The node could not go there.', issues);
        }
        if (project === start) return false;
        markEditStart();
        const summary =
          moved.length === 1
            ? (moved[0] as string)
            : moved.length > 1
              ? `Moved ${moved.length} nodes to other groups`
              : `Moved ${plain.length === 1 ? 'a node' : `${plain.length} nodes`}`;
        commit(project, summary);
        if (moved.length > 0 && refused.length === 0) get().report('success', `${summary}.`);
        return true;
      },

      connect(sourceId, targetId) {
        return get().applyEdit(connectNodes(get().project, sourceId, targetId));
      },

      setInstanceType(nodeId, instanceType) {
        return get().applyEdit(setInstanceType(get().project, nodeId, instanceType));
      },

      setVolumes(nodeId, volumes) {
        return get().applyEdit(setVolumes(get().project, nodeId, volumes), {
          coalesceKey: `volumes:${nodeId}`,
        });
      },

      updateNode(nodeId, patch, coalesceKey) {
        return get().applyEdit(
          updateNode(get().project, nodeId, patch),
          coalesceKey !== undefined ? { coalesceKey } : undefined,
        );
      },

      setZone(nodeId, zone) {
        return get().applyEdit(setZone(get().project, nodeId, zone));
      },

      updateSecurityGroup(group) {
        return get().applyEdit(updateSecurityGroup(get().project, group), { coalesceKey: `sg:${group.id}` });
      },

      async autoLayout(keepManual) {
        const before = get().project;
        if (before.topology.nodes.length === 0 || get().busy !== null) return false;
        get().setBusy(
          keepManual ? 'Laying out the design (moved nodes stay)…' : 'Laying out the whole design…',
        );
        try {
          const layout = await layoutTopology(before.topology, before.layout, keepManual);
          if (get().project !== before) {
            get().report('warning', 'The layout was not applied: the design changed meanwhile. Try again.');
            return false;
          }
          commit(
            { ...before, layout },
            keepManual ? 'Auto-layout (moved nodes kept)' : 'Auto-layout of every node',
          );
          set((s) => ({ layoutSerial: s.layoutSerial + 1 }));
          get().report(
            'success',
            keepManual
              ? 'Laid out the design; nodes you moved by hand kept their place.'
              : 'Laid out every node again.',
          );
          return true;
        } catch (e) {
          get().report('error', 'The layout failed.', issuesFromFailure(e, 'Laying out the design'));
          return false;
        } finally {
          get().setBusy(null);
        }
      },
    };
  };
}
