import type { StateCreator } from 'zustand/vanilla';
import {
  deleteScenario,
  deriveScenario,
  openScenario,
  renameScenario,
  saveScenario,
  updateScenario,
} from '../../core/edit/scenarios';
import type { PlanOptions } from '../../core/model/options';
import { issuesFromFailure } from '../host/host-error';
import type { AppState } from './app-store';
import type { StoreDeps } from './store-deps';

export interface ScenarioSlice {
  /** Keeps the open design as a named scenario. */
  saveScenario(name: string): boolean;
  /** A new scenario from the open design with other options (re-planned when the HA pattern changes). */
  deriveScenario(name: string, options: Partial<PlanOptions>): Promise<boolean>;
  /** Makes the scenario the open design (undo brings the previous one back). */
  openScenario(id: string): boolean;
  updateScenario(id: string): boolean;
  renameScenario(id: string, name: string): boolean;
  deleteScenario(id: string): boolean;
}

export function createScenarioSlice(deps: StoreDeps): StateCreator<AppState, [], [], ScenarioSlice> {
  return (_set, get) => ({
    saveScenario: (name) => get().applyEdit(saveScenario(get().project, name, deps.now())),
    async deriveScenario(name, options) {
      const before = get().project;
      if (get().busy !== null) return false;
      get().setBusy(`Planning scenario "${name}"…`);
      try {
        const prices = await get().ensurePrices(before.options.region);
        if (!prices) {
          get().report(
            'error',
            `Prices for ${before.options.region} are not available; no scenario was added.`,
          );
          return false;
        }
        const result = await deriveScenario(before, name, options, prices, deps.now());
        if (get().project !== before) {
          get().report('warning', 'No scenario was added: the design changed while it was being planned.');
          return false;
        }
        get().setBusy(null);
        return get().applyEdit(result);
      } catch (e) {
        get().report('error', 'No scenario was added.', issuesFromFailure(e, 'Planning the scenario'));
        return false;
      } finally {
        get().setBusy(null);
      }
    },
    openScenario(id) {
      const done = get().applyEdit(openScenario(get().project, id));
      if (done) get().setSelection([]);
      return done;
    },
    updateScenario: (id) => get().applyEdit(updateScenario(get().project, id)),
    renameScenario: (id, name) => get().applyEdit(renameScenario(get().project, id, name)),
    deleteScenario: (id) => get().applyEdit(deleteScenario(get().project, id)),
  });
}
