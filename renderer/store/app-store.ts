import { type StoreApi, createStore } from 'zustand/vanilla';
import { type EditSlice, createEditSlice } from './edit-slice';
import { type ExportSlice, createExportSlice } from './export-slice';
import {
  type HistorySlice,
  createHistoryController,
  createHistorySlice,
  installHistory,
} from './history-slice';
import { type PricingSlice, createPricingSlice } from './pricing-slice';
import { type ProjectSlice, createProjectSlice } from './project-slice';
import {
  type RecoverySlice,
  createRecoverySlice,
  createRecoveryState,
  installRecoveryCleanup,
} from './recovery-slice';
import { type ScenarioSlice, createScenarioSlice } from './scenario-slice';
import { installSettledProject } from './settle-project';
import type { StoreDeps } from './store-deps';
import { type UiSlice, createUiSlice } from './ui-slice';
import { type UnsavedSlice, createUnsavedSlice } from './unsaved-slice';

export type AppState = ProjectSlice &
  PricingSlice &
  UiSlice &
  ExportSlice &
  HistorySlice &
  EditSlice &
  ScenarioSlice &
  RecoverySlice &
  UnsavedSlice;
export type AppStore = StoreApi<AppState>;

/**
 * One store for the window, built from slices. Vanilla (no React) so commands can be tested in Node;
 * components read it through selectors (store-context.tsx), never as a whole.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  const history = createHistoryController();
  const recovery = createRecoveryState();
  const store = createStore<AppState>()((...a) => ({
    ...createUiSlice(deps)(...a),
    ...createPricingSlice(deps)(...a),
    ...createProjectSlice(deps)(...a),
    ...createExportSlice(deps)(...a),
    ...createHistorySlice(history)(...a),
    ...createEditSlice()(...a),
    ...createScenarioSlice(deps)(...a),
    ...createRecoverySlice(deps, recovery)(...a),
    ...createUnsavedSlice()(...a),
  }));
  // Every change of the project, by any command, becomes an undo step (history-slice.ts).
  installHistory(store, history);
  installRecoveryCleanup(store, deps, recovery);
  installSettledProject(store, deps.deferAnalysis);
  return store;
}
