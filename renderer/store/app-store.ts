import { type StoreApi, createStore } from 'zustand/vanilla';
import { type ExportSlice, createExportSlice } from './export-slice';
import { type PricingSlice, createPricingSlice } from './pricing-slice';
import { type ProjectSlice, createProjectSlice } from './project-slice';
import type { StoreDeps } from './store-deps';
import { type UiSlice, createUiSlice } from './ui-slice';

export type AppState = ProjectSlice & PricingSlice & UiSlice & ExportSlice;
export type AppStore = StoreApi<AppState>;

/**
 * One store for the window, built from slices. Vanilla (no React) so commands can be tested in Node;
 * components read it through selectors (store-context.tsx), never as a whole.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createUiSlice(deps)(...a),
    ...createPricingSlice(deps)(...a),
    ...createProjectSlice(deps)(...a),
    ...createExportSlice(deps)(...a),
  }));
}
