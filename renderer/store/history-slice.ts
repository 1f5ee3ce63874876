import type { StateCreator } from 'zustand/vanilla';
import { type History, createHistory, recordChange, redo, undo } from '../../core/edit/history';
import type { Project } from '../../core/project/schema';
import type { AppState, AppStore } from './app-store';
import { markEditStart } from './edit-timing';

export interface HistorySlice {
  /** Snapshots of the project before each change (and after each undo), bounded. */
  history: History<Project>;
  undo(): void;
  redo(): void;
  /**
   * Names the next change of the project for the Undo/Redo tooltips; with a `coalesceKey`, quick
   * repeats (typing in one field) make one step.
   */
  labelNextChange(label: string, coalesceKey?: string): void;
}

/** What the history listener needs between changes; lives beside the store, not in its state. */
export interface HistoryController {
  label: string | null;
  coalesceKey: string | undefined;
  /** Set while undo/redo themselves change the project, so that change is not recorded again. */
  replaying: boolean;
  /** The project as last saved or opened: undoing back to it clears the unsaved mark. */
  saved: Project | null;
}

export function createHistoryController(): HistoryController {
  return { label: null, coalesceKey: undefined, replaying: false, saved: null };
}

/** A label for a change nobody named: what part of the project it touched. */
function describeChange(before: Project, after: Project): string {
  if (before.inventory !== after.inventory) return 'Inventory edit';
  if (before.suppressions !== after.suppressions) return 'Checklist change';
  if (before.scenarios !== after.scenarios) return 'Scenario change';
  if (before.options !== after.options) return 'Options change';
  if (before.topology !== after.topology) return 'Design edit';
  if (before.layout !== after.layout) return 'Layout change';
  return 'Change';
}

/** True when only the save time differs: saving is not an edit. */
function onlySaveTimeChanged(before: Project, after: Project): boolean {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (k !== 'project' && a[k] !== b[k]) return false;
  const x = before.project;
  const y = after.project;
  return (
    x.name === y.name &&
    x.customer === y.customer &&
    x.preparedBy === y.preparedBy &&
    x.createdAt === y.createdAt
  );
}

export function createHistorySlice(ctrl: HistoryController): StateCreator<AppState, [], [], HistorySlice> {
  return (set, get) => {
    const step = (direction: 'undo' | 'redo'): void => {
      const state = get();
      if (state.busy !== null) return;
      const moved = (direction === 'undo' ? undo : redo)(state.history, state.project);
      if (!moved) {
        state.report('info', direction === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        return;
      }
      markEditStart();
      ctrl.replaying = true;
      try {
        set({ project: moved.value, history: moved.history, dirty: moved.value !== ctrl.saved });
      } finally {
        ctrl.replaying = false;
      }
      // Selections of nodes the step removed would point nowhere.
      const ids = new Set(moved.value.topology.nodes.map((n) => n.id));
      const selected = get().selectedNodeIds.filter((id) => ids.has(id));
      if (selected.length !== get().selectedNodeIds.length) get().setSelection(selected);
      get().report('info', `${direction === 'undo' ? 'Undid' : 'Redid'}: ${moved.label}.`);
    };
    return {
      history: createHistory<Project>(),
      undo: () => step('undo'),
      redo: () => step('redo'),
      labelNextChange(label, coalesceKey) {
        ctrl.label = label;
        ctrl.coalesceKey = coalesceKey;
      },
    };
  };
}

/**
 * Records every change of the project, whichever command made it (canvas edits, the inspector, the
 * inventory grid's re-plans, the checklist's fixes and suppressions, scenarios), by watching the store:
 * so no route can change the design without Undo reaching it. Loading another project (new, open,
 * import) starts a fresh history.
 */
export function installHistory(
  store: AppStore,
  ctrl: HistoryController,
  now: () => number = () => Date.now(),
): () => void {
  if (!store.getState().dirty) ctrl.saved = store.getState().project;
  return store.subscribe((state, prev) => {
    if (!state.dirty && (state.project !== prev.project || prev.dirty)) ctrl.saved = state.project;
    if (state.project === prev.project) return;
    if (state.loadSerial !== prev.loadSerial) {
      ctrl.label = null;
      ctrl.coalesceKey = undefined;
      store.setState({ history: createHistory<Project>() });
      return;
    }
    if (ctrl.replaying || onlySaveTimeChanged(prev.project, state.project)) return;
    const label = ctrl.label ?? describeChange(prev.project, state.project);
    const coalesceKey = ctrl.coalesceKey;
    ctrl.label = null;
    ctrl.coalesceKey = undefined;
    store.setState({
      history: recordChange(state.history, prev.project, label, {
        ...(coalesceKey !== undefined ? { coalesceKey } : {}),
        now: now(),
      }),
    });
  });
}
